/**
 * Intune custom-profile rows for Windows (ADMX-backed policies through OMA-URI): one ADMXInstall
 * row carrying Claude.admx, then one row per MDM key the profile sets, whose value is
 * `<enabled/><data id="…" value="…"/>`. The same rows as Graph JSON
 * (`windows10CustomConfiguration`) and as an RFC 4180 CSV an admin can read.
 *
 * Element ids, category paths and data values come from the ADMX model, so a row can only name a
 * policy and a value that Claude.admx defines; data values are escaped with `xmlAttr`.
 */
import { createHash, type Hash } from 'node:crypto';
import { isMdmKey } from '../catalog';
import { encodeSettings } from '../encode';
import { unescapeXmlAttr, xmlAttr } from '../escape/xml';
import type { ResolvedProfile } from '../profile/types';
import { ADMX_NAMESPACE, ADMX_REVISION, admxCategoryPath, admxDataValue, admxPolicyByName, buildAdmxModel, type AdmxPolicy } from './admx-model';
import { writeAdmxBundle } from './admx';

/** Default `{AppName}` of the OMA-URIs. */
export const INTUNE_APP_NAME = 'ClaudeDesktop';
/** Default `{FileUid}` of the ADMXInstall row. */
export const INTUNE_FILE_UID = 'ClaudeAdmx';
/** Graph's limit of settings per custom configuration. */
const GRAPH_MAX_SETTINGS = 1000;
const NAME = /^[A-Za-z0-9_]+$/;

/** Overrides for the Intune rows. */
export interface IntuneWindowsOptions {
  /** `{AppName}` in every OMA-URI (letters, digits, `_`). Keep it stable per tenant. */
  readonly appName?: string;
  /** `{FileUid}` of the ADMXInstall row (letters, digits, `_`). */
  readonly fileUid?: string;
}

/** One OMA-URI row, as an admin enters it in a Windows custom profile. */
export interface OmaUriRow {
  /** The row's name in Intune: the catalogue key name (`Claude Desktop ADMX (install)` for the ADMXInstall row). */
  readonly displayName: string;
  /** The key's catalogue description (for the ADMXInstall row: what it installs, with the ADMX namespace and revision). */
  readonly description: string;
  /**
   * `{root}/Vendor/MSFT/Policy/Config/{AppName}~Policy~{category path}/{policy name}`, root `./Device` for
   * machine scope and `./User` for user scope; the ADMXInstall row's is
   * `./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/{AppName}/Policy/{FileUid}`.
   */
  readonly omaUri: string;
  /** Intune's data type for every row here. */
  readonly dataType: 'String';
  /**
   * `<enabled/><data id="{ADMX element id}" value="{the key's encoded string}"/>`, attribute-escaped
   * (a secret appears in clear text, as resolved); for the ADMXInstall row, the whole Claude.admx text.
   */
  readonly value: string;
  /** The catalogue key the row sets (absent for the ADMXInstall row). */
  readonly key?: string;
}

/** Thrown for bad options or when the output fails its self-check. */
export class IntuneWindowsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntuneWindowsError';
  }
}

function names(options: IntuneWindowsOptions): { appName: string; fileUid: string } {
  const appName = options.appName ?? INTUNE_APP_NAME;
  const fileUid = options.fileUid ?? INTUNE_FILE_UID;
  for (const [what, v] of [['appName', appName], ['fileUid', fileUid]] as const) {
    if (!NAME.test(v)) throw new IntuneWindowsError(`Intune ${what} "${v}" may only hold letters, digits and _`);
  }
  return { appName, fileUid };
}

/** The `<enabled/><data …/>` value that sets `policy` to Claude's string `encoded`. Throws naming the key if the policy cannot hold it. */
export function omaUriDataXml(policy: AdmxPolicy, encoded: string): string {
  const data = admxDataValue(policy, encoded);
  return `<enabled/><data id="${xmlAttr(policy.element.id, policy.name)}" value="${xmlAttr(data, policy.name)}"/>`;
}

/** The OMA-URI of a policy: `./Device` for machine scope, `./User` for user scope (class Both allows either). */
export function omaUriFor(policy: AdmxPolicy, scope: ResolvedProfile['scope'], appName: string = INTUNE_APP_NAME): string {
  const root = scope === 'machine' ? './Device' : './User';
  return `${root}/Vendor/MSFT/Policy/Config/${appName}~Policy~${categoryPath(policy)}/${policy.name}`;
}

// Policies come from the per-process ADMX model: their category paths are joined once.
const categoryPaths = new WeakMap<AdmxPolicy, string>();
function categoryPath(policy: AdmxPolicy): string {
  let path = categoryPaths.get(policy);
  if (path === undefined) {
    path = admxCategoryPath(policy).join('~');
    categoryPaths.set(policy, path);
  }
  return path;
}

/**
 * The rows for a profile: the ADMXInstall row, then one row per MDM key the profile sets, in
 * catalogue order. Throws (naming the key) for a value the policy cannot hold or XML cannot carry.
 */
export function intuneWindowsRows(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): OmaUriRow[] {
  const { appName, fileUid } = names(options);
  return [installRow(appName, fileUid, admxText()), ...settingRows(profile, appName)];
}

/** The ADMXInstall row: it carries the whole Claude.admx. */
function installRow(appName: string, fileUid: string, value: string): OmaUriRow {
  return {
    displayName: 'Claude Desktop ADMX (install)',
    description: `Installs Claude.admx (namespace ${ADMX_NAMESPACE}, revision ${ADMX_REVISION}) so the rows after it can set Claude Desktop policies.`,
    omaUri: `./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/${appName}/Policy/${fileUid}`,
    dataType: 'String',
    value,
  };
}

/** One row per MDM key the profile sets, each data value read back before it is returned. */
function settingRows(profile: ResolvedProfile, appName: string): OmaUriRow[] {
  const model = buildAdmxModel();
  const rows: OmaUriRow[] = [];
  for (const s of encodeSettings(profile.settings, isMdmKey)) {
    const policy = admxPolicyByName(s.key, model);
    if (!policy) throw new IntuneWindowsError(`${s.key}: Claude.admx has no policy for this key (a bug in the ADMX model)`);
    const data = admxDataValue(policy, s.value);
    const value = omaUriDataXml(policy, s.value);
    verifyDataXml(s.key, value, policy.element.id, data);
    rows.push({ displayName: s.key, description: s.def.description, omaUri: omaUriFor(policy, profile.scope, appName), dataType: 'String', value, key: s.key });
  }
  if (rows.length + 1 > GRAPH_MAX_SETTINGS) throw new IntuneWindowsError(`${rows.length + 1} rows; Intune takes at most ${GRAPH_MAX_SETTINGS} per custom profile`);
  return rows;
}

const DATA_XML = /^<enabled\/><data id="([^"<]*)" value="([^"<]*)"\/>$/;

/**
 * Reads a row's `<enabled/><data id value/>` back as an XML parser would (attribute values
 * unescaped and normalised) and compares it with what was meant; a mismatch is a bug here.
 * Never prints the value: it may be a secret.
 */
function verifyDataXml(key: string, xml: string, id: string, data: string): void {
  const m = DATA_XML.exec(xml);
  if (!m || unescapeXmlAttr(m[1] as string) !== id || unescapeXmlAttr(m[2] as string) !== data) {
    throw new IntuneWindowsError(`${key}: OMA-URI data value does not read back as written (a bug in the Intune writer)`);
  }
}

/** The ADMX text every ADMXInstall row carries. */
function admxText(): string {
  return constants().admx;
}

// The ADMX row is the same in every profile's files: its JSON string and CSV field are made and
// checked once per process (the ADMX is 80 KB; re-encoding it per profile was most of a bulk build).
let cached: { admxBytes: Buffer; admx: string; admxJson: string; admxJsonBytes: Buffer; admxCsvBytes: Buffer } | undefined;
function constants(): NonNullable<typeof cached> {
  const admxBytes = writeAdmxBundle().admx;
  if (cached?.admxBytes !== admxBytes) {
    const admx = admxBytes.toString('utf8');
    const admxJson = JSON.stringify(admx);
    if (JSON.parse(admxJson) !== admx) throw new IntuneWindowsError('the ADMX does not survive JSON encoding (a bug in the Intune writer)');
    cached = { admxBytes, admx, admxJson, admxJsonBytes: Buffer.from(admxJson, 'utf8'), admxCsvBytes: Buffer.from(csvField(admx), 'utf8') };
  }
  return cached;
}

// Stands for the ADMX value while the rest of the JSON is written and read back; NUL cannot occur
// in any other value (validation refuses control characters, xmlAttr escapes them anyway).
const ADMX_PLACEHOLDER = '\u0000claude-admx\u0000';

/** Both Intune Windows files of a profile, from one computation of its rows. */
export function intuneWindowsFiles(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): { graphJson: Buffer; graphJsonSha256: string; csv: Buffer; csvSha256: string } {
  const { appName, fileUid } = names(options);
  const rows = settingRows(profile, appName);
  const json = graphJsonParts(profile, appName, fileUid, rows);
  const head = jsonHead(json.before);
  const after = Buffer.from(json.after, 'utf8');
  const csv = csvFile(appName, fileUid, rows);
  return { graphJson: Buffer.concat([head.bytes, after]), graphJsonSha256: head.hash.copy().update(after).digest('hex'), csv: csv.bytes, csvSha256: csv.sha256 };
}

const jsonHeads = new Map<string, { admxBytes: Buffer; bytes: Buffer; hash: Hash }>();

/**
 * The Graph JSON up to and including the ADMX value, with the hash state after it. The install
 * row comes first and the profile's own fields after the rows, so this text is the same for every
 * profile (per appName/fileUid): each profile hashes only the rest.
 */
function jsonHead(before: string): { bytes: Buffer; hash: Hash } {
  const { admxBytes, admxJsonBytes } = constants();
  const hit = jsonHeads.get(before);
  if (hit && hit.admxBytes === admxBytes) return hit;
  const bytes = Buffer.concat([Buffer.from(before, 'utf8'), admxJsonBytes]);
  const head = { admxBytes, bytes, hash: createHash('sha256').update(bytes) };
  if (jsonHeads.size < 16) jsonHeads.set(before, head);
  return head;
}

/**
 * The rows as a Graph `windows10CustomConfiguration` body (POST to
 * `/deviceManagement/deviceConfigurations`): UTF-8 JSON, 2-space indent, trailing LF.
 */
export function intuneWindowsGraphJson(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): string {
  const { appName, fileUid } = names(options);
  const json = graphJsonParts(profile, appName, fileUid, settingRows(profile, appName));
  return json.before + constants().admxJson + json.after;
}

/**
 * Writes the body with a placeholder for the ADMX and reads that text back, comparing every row;
 * returns the text before and after the placeholder, between which the ADMX's JSON string (checked
 * once) goes: a JSON string literal swapped for another keeps the document valid and changes only
 * that value.
 */
function graphJsonParts(profile: ResolvedProfile, appName: string, fileUid: string, settings: readonly OmaUriRow[]): { before: string; after: string } {
  const rows = [installRow(appName, fileUid, ADMX_PLACEHOLDER), ...settings];
  // omaSettings before displayName: the text up to the ADMX is then the same in every profile.
  const body = {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    omaSettings: rows.map((r) => ({ '@odata.type': '#microsoft.graph.omaSettingString', displayName: r.displayName, description: r.description, omaUri: r.omaUri, value: r.value })),
    displayName: profile.displayName,
    description: profile.description ?? `Claude Desktop policy ${profile.identifier}`,
  };
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const back = JSON.parse(text) as typeof body;
  if (back.omaSettings.length !== rows.length || back.omaSettings.some((s, i) => s.value !== rows[i]?.value || s.omaUri !== rows[i]?.omaUri)) {
    throw new IntuneWindowsError('Graph JSON does not read back as written (a bug in the Intune writer)');
  }
  const placeholder = JSON.stringify(ADMX_PLACEHOLDER);
  const at = text.indexOf(placeholder);
  if (at === -1 || text.indexOf(placeholder, at + 1) !== -1) throw new IntuneWindowsError('Graph JSON: the ADMX placeholder is not there exactly once (a bug in the Intune writer)');
  return { before: text.slice(0, at), after: text.slice(at + placeholder.length) };
}

/** CSV column headings, in order. */
export const INTUNE_CSV_COLUMNS = ['Name', 'Description', 'OMA-URI', 'Data type', 'Value'] as const;

/**
 * The rows as CSV (RFC 4180: CRLF records, fields with `"`, `,`, CR or LF quoted, quotes
 * doubled), UTF-8 with a BOM so Excel reads non-ASCII text correctly. The ADMXInstall value is
 * the whole ADMX, so that field spans many lines inside its quotes.
 */
export function intuneWindowsCsv(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): Buffer {
  const { appName, fileUid } = names(options);
  return csvBytes(appName, fileUid, settingRows(profile, appName));
}

function csvBytes(appName: string, fileUid: string, settings: readonly OmaUriRow[]): Buffer {
  return csvFile(appName, fileUid, settings).bytes;
}

/**
 * The CSV bytes and their SHA-256. The header and the install record (which holds the ADMX) are
 * the same for every profile: their bytes and the hash state after them are kept per process,
 * so each profile hashes only its own rows.
 */
function csvFile(appName: string, fileUid: string, settings: readonly OmaUriRow[]): { bytes: Buffer; sha256: string } {
  const records = settings.map((r) => [r.displayName, r.description, r.omaUri, r.dataType, r.value]);
  for (const rec of records) {
    for (const field of rec) {
      // A leading = + - @ makes spreadsheets run the field as a formula; none of our fields may start so.
      if (/^[=+\-@]/.test(field)) throw new IntuneWindowsError(`CSV field starting with "${field[0]}" would be read as a spreadsheet formula (a bug in the Intune writer)`);
    }
  }
  const head = csvHead(appName, fileUid);
  const rest = Buffer.from(records.map((rec) => `${rec.map(csvField).join(',')}\r\n`).join(''), 'utf8');
  return { bytes: Buffer.concat([head.bytes, rest]), sha256: head.hash.copy().update(rest).digest('hex') };
}

const csvHeads = new Map<string, { admxBytes: Buffer; bytes: Buffer; hash: Hash }>();

/** BOM, the header record and the install record (ending in CRLF), with the hash state after them. */
function csvHead(appName: string, fileUid: string): { bytes: Buffer; hash: Hash } {
  const { admxBytes, admxCsvBytes } = constants();
  const id = `${appName}\n${fileUid}`;
  const hit = csvHeads.get(id);
  if (hit && hit.admxBytes === admxBytes) return hit;
  const install = installRow(appName, fileUid, '');
  const fields = [install.displayName, install.description, install.omaUri, install.dataType];
  for (const field of [...INTUNE_CSV_COLUMNS, ...fields]) {
    if (/^[=+\-@]/.test(field)) throw new IntuneWindowsError(`CSV field starting with "${field[0]}" would be read as a spreadsheet formula (a bug in the Intune writer)`);
  }
  // The install record's last field is the ADMX (starts with "<"), quoted once per process.
  const bytes = Buffer.concat([Buffer.from(`\ufeff${INTUNE_CSV_COLUMNS.map(csvField).join(',')}\r\n${fields.map(csvField).join(',')},`, 'utf8'), admxCsvBytes, Buffer.from('\r\n', 'utf8')]);
  const head = { admxBytes, bytes, hash: createHash('sha256').update(bytes) };
  // appName/fileUid come from options: a handful per process at most.
  if (csvHeads.size < 16) csvHeads.set(id, head);
  return head;
}

function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

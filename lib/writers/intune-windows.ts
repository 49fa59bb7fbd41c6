/**
 * Intune custom-profile rows for Windows (ADMX-backed policies through OMA-URI): one ADMXInstall
 * row carrying Claude.admx, then one row per MDM key the profile sets, whose value is
 * `<enabled/><data id="…" value="…"/>`. The same rows as Graph JSON
 * (`windows10CustomConfiguration`) and as an RFC 4180 CSV an admin can read.
 *
 * Element ids, category paths and data values come from the ADMX model, so a row can only name a
 * policy and a value that Claude.admx defines; data values are escaped with `xmlAttr`.
 */
import { XMLParser } from 'fast-xml-parser';
import { isMdmKey } from '../catalog';
import { encodeSettings } from '../encode';
import { xmlAttr } from '../escape/xml';
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
  readonly displayName: string;
  readonly description: string;
  readonly omaUri: string;
  /** Intune's data type for every row here. */
  readonly dataType: 'String';
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
  return `${root}/Vendor/MSFT/Policy/Config/${appName}~Policy~${admxCategoryPath(policy).join('~')}/${policy.name}`;
}

/**
 * The rows for a profile: the ADMXInstall row, then one row per MDM key the profile sets, in
 * catalogue order. Throws (naming the key) for a value the policy cannot hold or XML cannot carry.
 */
export function intuneWindowsRows(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): OmaUriRow[] {
  const { appName, fileUid } = names(options);
  const model = buildAdmxModel();
  const rows: OmaUriRow[] = [
    {
      displayName: 'Claude Desktop ADMX (install)',
      description: `Installs Claude.admx (namespace ${ADMX_NAMESPACE}, revision ${ADMX_REVISION}) so the rows after it can set Claude Desktop policies.`,
      omaUri: `./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/${appName}/Policy/${fileUid}`,
      dataType: 'String',
      value: writeAdmxBundle().admx.toString('utf8'),
    },
  ];
  for (const s of encodeSettings(profile.settings, isMdmKey)) {
    const policy = admxPolicyByName(s.key, model);
    if (!policy) throw new IntuneWindowsError(`${s.key}: Claude.admx has no policy for this key (a bug in the ADMX model)`);
    rows.push({ displayName: s.key, description: s.def.description, omaUri: omaUriFor(policy, profile.scope, appName), dataType: 'String', value: omaUriDataXml(policy, s.value), key: s.key });
  }
  if (rows.length > GRAPH_MAX_SETTINGS) throw new IntuneWindowsError(`${rows.length} rows; Intune takes at most ${GRAPH_MAX_SETTINGS} per custom profile`);
  verifyRows(profile, rows);
  return rows;
}

/** Parses every data value back and compares it with the setting; a mismatch is a bug here. */
function verifyRows(profile: ResolvedProfile, rows: readonly OmaUriRow[]): void {
  // htmlEntities also decodes numeric references (&#x9; from xmlAttr); &amp; is never decoded twice.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true });
  const want = new Map(encodeSettings(profile.settings, isMdmKey).map((s) => [s.key, s.value]));
  for (const row of rows) {
    if (!row.key) continue;
    const parsed = parser.parse(`<r>${row.value}</r>`) as { r?: { enabled?: unknown; data?: { id?: string; value?: string } } };
    const policy = admxPolicyByName(row.key);
    const expected = policy ? admxDataValue(policy, want.get(row.key) ?? '') : undefined;
    // Compare without printing: the value may be a secret.
    if (parsed.r?.enabled === undefined || parsed.r.data?.id !== policy?.element.id || parsed.r.data?.value !== expected) {
      throw new IntuneWindowsError(`${row.key}: OMA-URI data value does not read back as written (a bug in the Intune writer)`);
    }
  }
}

/**
 * The rows as a Graph `windows10CustomConfiguration` body (POST to
 * `/deviceManagement/deviceConfigurations`): UTF-8 JSON, 2-space indent, trailing LF.
 */
export function intuneWindowsGraphJson(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): string {
  const rows = intuneWindowsRows(profile, options);
  const body = {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: profile.displayName,
    description: profile.description ?? `Claude Desktop policy ${profile.identifier}`,
    omaSettings: rows.map((r) => ({ '@odata.type': '#microsoft.graph.omaSettingString', displayName: r.displayName, description: r.description, omaUri: r.omaUri, value: r.value })),
  };
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const back = JSON.parse(text) as typeof body;
  if (back.omaSettings.length !== rows.length || back.omaSettings.some((s, i) => s.value !== rows[i]?.value || s.omaUri !== rows[i]?.omaUri)) {
    throw new IntuneWindowsError('Graph JSON does not read back as written (a bug in the Intune writer)');
  }
  return text;
}

/** CSV column headings, in order. */
export const INTUNE_CSV_COLUMNS = ['Name', 'Description', 'OMA-URI', 'Data type', 'Value'] as const;

/**
 * The rows as CSV (RFC 4180: CRLF records, fields with `"`, `,`, CR or LF quoted, quotes
 * doubled), UTF-8 with a BOM so Excel reads non-ASCII text correctly. The ADMXInstall value is
 * the whole ADMX, so that field spans many lines inside its quotes.
 */
export function intuneWindowsCsv(profile: ResolvedProfile, options: IntuneWindowsOptions = {}): Buffer {
  const rows = intuneWindowsRows(profile, options);
  const records = [INTUNE_CSV_COLUMNS as readonly string[], ...rows.map((r) => [r.displayName, r.description, r.omaUri, r.dataType, r.value])];
  for (const rec of records) {
    for (const field of rec) {
      // A leading = + - @ makes spreadsheets run the field as a formula; none of our fields may start so.
      if (/^[=+\-@]/.test(field)) throw new IntuneWindowsError(`CSV field starting with "${field[0]}" would be read as a spreadsheet formula (a bug in the Intune writer)`);
    }
  }
  const text = records.map((rec) => rec.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

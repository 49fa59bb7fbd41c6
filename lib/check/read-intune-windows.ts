/**
 * Reads the Intune custom-profile rows for Windows back into Claude values: the Graph
 * `windows10CustomConfiguration` body and the OMA-URI CSV an admin pastes from. Each setting row
 * is `./Device|User/Vendor/MSFT/Policy/Config/<App>~Policy~<categories>/<policy>` with the value
 * `<enabled/><data id="…" value="…"/>`; the policy and its element come from the ADMX model, and
 * the value Group Policy would store from `admxStoredValue`, so the reading is the writer's
 * inverse by construction. The ADMXInstall row's Claude.admx is linted (`admx-install.ts`), and
 * each setting row must name a policy it defines, under its category path and class.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ProfileScope } from '../profile/types';
import type { ArtifactRead } from '../read/detect';
import { lineOf, parseJsonArtifact } from '../read/json-artifacts';
import { describeIgnored, splitByScope, type IgnoredEntries, type ReadEntry } from '../read/types';
import { clip, clipName } from '../escape/clip';
import { finding, type Finding } from '../validate/findings';
import { admxPolicyByName, admxStoredValue } from '../writers/admx-model';
import { readInstalledAdmx, type InstalledPolicy } from './admx-install';
import { pushAll } from '../push-all';

/** One OMA-URI row as found. */
interface Row {
  readonly omaUri: string;
  readonly value: string;
  readonly displayName?: string;
  readonly location: string;
}

const SETTING_URI = /^\.\/(Device|User)\/Vendor\/MSFT\/Policy\/Config\/([A-Za-z0-9_]+)~Policy~([^/]+)\/([^/]+)$/;
const INSTALL_URI = /^\.\/Device\/Vendor\/MSFT\/Policy\/ConfigOperations\/ADMXInstall\/([A-Za-z0-9_]+)\/Policy\/[A-Za-z0-9_]+$/;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true });

/** Turns rows into entries and findings (shared by the Graph and CSV forms). */
function readRows(rows: readonly Row[], findings: Finding[]): { entries: ReadEntry[]; scope?: ProfileScope; ignored?: IgnoredEntries } {
  // Each row with its scope: ./Device and ./User policy are not merged (see splitByScope).
  const tagged: { entry: ReadEntry; scope: ProfileScope }[] = [];
  const scopes = new Set<ProfileScope>();
  const installs = installedAdmx(rows, findings);
  for (const row of rows) {
    if (INSTALL_URI.test(row.omaUri)) continue;
    const m = SETTING_URI.exec(row.omaUri);
    if (!m) {
      // Quoted only up to its first character no OMA-URI has: a shifted CSV field may hold a value.
      findings.push(finding('oma-uri-unknown', 'warning', row.location, `OMA-URI ${clipName(row.omaUri, /[A-Za-z0-9./~_-]/)} is not a Claude Desktop ADMX policy row`, 'rows set ./Device|User/Vendor/MSFT/Policy/Config/<App>~Policy~<category path>/<policy>'));
      continue;
    }
    const scope: ProfileScope = m[1] === 'Device' ? 'machine' : 'user';
    scopes.add(scope);
    const name = m[4] as string;
    findings.push(...againstInstalled(row, m[1] as string, m[2] as string, m[3] as string, name, installs));
    const policy = admxPolicyByName(name);
    if (!policy) {
      // An unknown policy name is kept as an entry so the key rules report it (did-you-mean).
      tagged.push({ entry: { key: name, raw: '', storedAs: 'string', location: row.location, scope }, scope });
      continue;
    }
    let parsed: { r?: { enabled?: unknown; disabled?: unknown; data?: { id?: string; value?: string } | unknown[] } };
    try {
      parsed = parser.parse(`<r>${row.value}</r>`) as typeof parsed;
    } catch {
      findings.push(finding('oma-value-unreadable', 'error', row.location, `${name}: the value is not <enabled/><data id="…" value="…"/>`, 'escape &, < and " in the data value', policy.name));
      continue;
    }
    const r = parsed.r;
    if (r?.disabled !== undefined) {
      findings.push(finding('oma-disabled', 'warning', row.location, `${name} is set to <disabled/>: Group Policy removes the value, which leaves the setting unset`, 'remove the row to leave the setting alone, or enable it with a value', policy.name));
      continue;
    }
    const data = r?.data;
    if (r?.enabled === undefined || data === undefined || Array.isArray(data) || typeof data !== 'object' || data === null) {
      findings.push(finding('oma-value-unreadable', 'error', row.location, `${name}: the value is not <enabled/> with one <data id="…" value="…"/>`, `write <enabled/><data id="${policy.element.id}" value="…"/>`, policy.name));
      continue;
    }
    const d = data as { id?: string; value?: string };
    if (d.id !== policy.element.id) {
      findings.push(finding('oma-data-id', 'error', row.location, `${name}: <data id="${clipName(String(d.id))}"> does not name the policy's element`, `write id="${policy.element.id}"`, policy.name));
      continue;
    }
    tagged.push({ entry: { key: policy.name, raw: admxStoredValue(policy, d.value ?? '').data, storedAs: 'string', location: row.location, scope }, scope });
  }
  if (installs.size === 0) findings.push(finding('oma-admx-install-missing', 'warning', '(file)', 'no ADMXInstall row: the policies these rows set exist only if Claude.admx was ingested by another profile', 'add the ./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/… row carrying Claude.admx'));
  const { entries, ignored } = splitByScope(tagged);
  if (scopes.size > 1) {
    const message = ignored ? `rows set Claude policy for both ./Device and ./User; Claude Desktop applies only the ./Device rows and ignores every ./User row: ${describeIgnored(ignored)}` : 'rows set Claude policy for both ./Device and ./User';
    findings.push(finding('oma-both-scopes', 'warning', '(file)', message, 'Claude Desktop ignores user policy entirely when any machine policy exists; keep to one: move the rows you need to ./Device'));
  }
  const scope = scopes.size === 0 ? undefined : scopes.has('machine') ? 'machine' : 'user';
  return { entries, ...(scope ? { scope } : {}), ...(ignored ? { ignored } : {}) };
}

/**
 * The ADMX of each ADMXInstall row, by `{AppName}` (undefined policies: an ADMX that cannot be
 * read, already reported); its problems go to `findings` at the row.
 */
function installedAdmx(rows: readonly Row[], findings: Finding[]): Map<string, ReadonlyMap<string, InstalledPolicy> | undefined> {
  const out = new Map<string, ReadonlyMap<string, InstalledPolicy> | undefined>();
  for (const row of rows) {
    const app = INSTALL_URI.exec(row.omaUri)?.[1];
    if (app === undefined) continue;
    const admx = readInstalledAdmx(row.value, row.location);
    pushAll(findings, admx.findings);
    if (!out.has(app)) out.set(app, admx.policies);
    else {
      // Several files under one AppName: a policy of any of them can be set (unless one is unreadable).
      const known = out.get(app);
      out.set(app, known && admx.policies ? new Map([...known, ...admx.policies]) : undefined);
    }
  }
  return out;
}

/** What Intune would refuse in a setting row, given the ADMX the file installs for its `{AppName}`. */
function againstInstalled(row: Row, root: string, app: string, categoryPath: string, name: string, installs: ReadonlyMap<string, ReadonlyMap<string, InstalledPolicy> | undefined>): Finding[] {
  if (installs.size === 0) return []; // no ADMXInstall row at all: reported once for the file
  // The row's parts as messages quote them: a part of an OMA-URI can be a megabyte long.
  const shown = { app: clip(app), categoryPath: clip(categoryPath), name: clipName(name) };
  if (!installs.has(app)) {
    return [finding('oma-admx-install-missing', 'warning', row.location, `${shown.name}: this file installs no ADMX for the app name ${shown.app} (it installs ${[...installs.keys()].map((a) => clip(a)).join(', ')}); the row applies only if another profile installed one`, `use the app name of this file's ADMXInstall row`)];
  }
  const policies = installs.get(app);
  if (!policies) return []; // that ADMX cannot be read: already an error at its row
  const policy = policies.get(name);
  const fix = 'take the ADMXInstall row and the policy rows from the same build';
  if (!policy) return [finding('oma-policy-not-in-admx', 'error', row.location, `the Claude.admx this file installs has no policy ${shown.name}, so Intune refuses this row`, fix)];
  if (policy.categoryPath !== categoryPath) {
    return [finding('oma-policy-not-in-admx', 'error', row.location, `the Claude.admx this file installs puts policy ${shown.name} under the category path ${clip(policy.categoryPath)}, not ${shown.categoryPath}, so Intune refuses this row`, `write ./${root}/Vendor/MSFT/Policy/Config/${shown.app}~Policy~${clip(policy.categoryPath)}/${shown.name}`)];
  }
  const wants = root === 'Device' ? 'Machine' : 'User';
  if (policy.class !== wants && policy.class !== 'Both') {
    // An ADMX policy without a class attribute is invalid: say so rather than print an empty class.
    const cls = policy.class === '' ? 'without a class' : `class ${clip(policy.class)}`;
    return [finding('oma-policy-not-in-admx', 'error', row.location, `policy ${shown.name} is ${cls} in the Claude.admx this file installs, so it has no ./${root} row`, root === 'Device' ? 'set it under ./User, or give the policy class Both' : 'set it under ./Device, or give the policy class Both')];
  }
  return [];
}

/** Reads a Graph `windows10CustomConfiguration` body. */
export function readIntuneWindowsGraph(bytes: Buffer): ArtifactRead {
  const kind = 'intune-windows-graph-json';
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return { kind, metadata: {}, entries: [], findings: parsed.findings };
  const v = parsed.value as Record<string, unknown>;
  const findings: Finding[] = [];
  const settings = Array.isArray(v.omaSettings) ? v.omaSettings : [];
  if (!Array.isArray(v.omaSettings)) findings.push(finding('graph-field-missing', 'error', '(root)', '"omaSettings" is missing', 'list the OMA-URI rows in omaSettings'));
  const rows: Row[] = [];
  settings.forEach((s, i) => {
    const o = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const location = `line ${lineOf(parsed.scan, ['omaSettings', i]) ?? 1} (omaSettings[${i}])`;
    if (typeof o.omaUri !== 'string' || typeof o.value !== 'string') {
      findings.push(finding('graph-field-missing', 'error', location, `omaSettings[${i}] needs string "omaUri" and "value"`));
      return;
    }
    rows.push({ omaUri: o.omaUri, value: o.value, location, ...(typeof o.displayName === 'string' ? { displayName: o.displayName } : {}) });
  });
  const { entries, scope, ignored } = readRows(rows, findings);
  const metadata: { displayName?: string; description?: string } = {};
  if (typeof v.displayName === 'string') metadata.displayName = v.displayName;
  if (typeof v.description === 'string') metadata.description = v.description;
  return { kind, metadata, entries, findings, json: v, jsonScan: parsed.scan, ...(scope ? { scope } : {}), ...(ignored ? { ignored } : {}) };
}

/** Reads the OMA-URI CSV (RFC 4180, optional UTF-8 BOM, columns Name, Description, OMA-URI, Data type, Value). */
export function readIntuneWindowsCsv(bytes: Buffer): ArtifactRead {
  const kind = 'intune-windows-csv';
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { records, lines } = parseCsv(text);
  const findings: Finding[] = [];
  const header = records[0] ?? [];
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const uriAt = col('OMA-URI');
  const valueAt = col('Value');
  if (uriAt < 0 || valueAt < 0) return { kind, metadata: {}, entries: [], findings: [finding('csv-columns', 'error', 'line 1', 'the CSV has no "OMA-URI" and "Value" columns')] };
  const rows: Row[] = [];
  records.slice(1).forEach((rec, i) => {
    if (rec.length === 1 && rec[0] === '') return;
    const location = `line ${lines[i + 1] ?? i + 2}`;
    const omaUri = rec[uriAt];
    const value = rec[valueAt];
    if (omaUri === undefined || value === undefined) {
      findings.push(finding('csv-columns', 'error', location, 'the record has fewer fields than the header'));
      return;
    }
    rows.push({ omaUri, value, location });
  });
  const { entries, scope, ignored } = readRows(rows, findings);
  return { kind, metadata: {}, entries, findings, ...(scope ? { scope } : {}), ...(ignored ? { ignored } : {}) };
}

/** RFC 4180 records, and the line each record starts on (quoted fields may span lines). */
function parseCsv(text: string): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let rec: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      rec.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      rec.push(field);
      records.push(rec);
      lines.push(startLine);
      rec = [];
      field = '';
      line++;
      startLine = line;
    } else field += c;
  }
  if (field !== '' || rec.length > 0) {
    rec.push(field);
    records.push(rec);
    lines.push(startLine);
  }
  return { records, lines };
}

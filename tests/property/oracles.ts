/**
 * The independent read-back of many generated cases at once: one process per tool and batch
 * (Python plistlib, xmllint with Apple's DTD, hivexregedit + hivexml, xmllint + expat for the
 * Intune OMA-URI values, the csv module), instead of one per file. Each function returns, per case
 * id, the settings the tool read (name → string) or the tool's error, for the caller to compare
 * with the encoded settings.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORACLES_DIR } from '../support/validators';

const SCRIPT = join(__dirname, 'batch_check.py');
const MAX_BUFFER = 1024 * 1024 * 1024;

/** What an external tool read for one case: the settings (name → string), or why it could not. */
export type ReadBack = { settings: Record<string, string>; nonString: string[]; meta?: Record<string, unknown> } | { error: string };

function run(cmd: string, args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; stdoutFile?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { input: opts.input, env: opts.env ?? process.env, maxBuffer: MAX_BUFFER, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function python<T>(mode: string, arg: string): T {
  const r = run('python3', [SCRIPT, mode, arg]);
  if (r.status !== 0) throw new Error(`batch_check.py ${mode} failed:\n${r.stderr.slice(0, 4000)}`);
  return JSON.parse(r.stdout) as T;
}

/** One plist-family file of a case. */
export interface PlistFile {
  readonly id: string;
  readonly kind: 'mobileconfig' | 'plist' | 'fragment';
  readonly bytes: Buffer;
}

/** plistlib over every file (duplicate keys refused); values must be `str` to count as strings. */
export function plistlibRead(dir: string, files: readonly PlistFile[]): Record<string, ReadBack> {
  mkdirSync(dir, { recursive: true });
  const manifest = files.map((f, i) => {
    const path = join(dir, `${i}.${f.kind === 'mobileconfig' ? 'mobileconfig' : 'plist'}`);
    writeFileSync(path, f.bytes);
    return { id: f.id, path, kind: f.kind };
  });
  const manifestPath = join(dir, 'plists.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const raw = python<Record<string, { error?: string; settings?: Record<string, [string, unknown]>; meta?: Record<string, unknown> }>>('plists', manifestPath);
  const out: Record<string, ReadBack> = {};
  for (const f of files) {
    const r = raw[f.id];
    if (!r || r.error !== undefined || !r.settings) {
      out[f.id] = { error: r?.error ?? 'no result' };
      continue;
    }
    const settings: Record<string, string> = {};
    const nonString: string[] = [];
    for (const [k, [type, value]] of Object.entries(r.settings)) {
      if (type === 'str') settings[k] = value as string;
      else nonString.push(`${k} is ${type}`);
    }
    out[f.id] = { settings, nonString, ...(r.meta ? { meta: r.meta } : {}) };
  }
  return out;
}

/**
 * `xmllint --noout --nonet --valid` with Apple's PropertyList DTD over every file (in argument
 * chunks). Returns the ids whose file xmllint reported, with its message.
 */
export function xmllintValidAll(dir: string, files: readonly { id: string; bytes: Buffer }[]): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const paths = files.map((f, i) => {
    const p = join(dir, `dtd-${i}.plist`);
    writeFileSync(p, f.bytes);
    return p;
  });
  const env = { ...process.env, XML_CATALOG_FILES: join(ORACLES_DIR, 'plist', 'catalog.xml') };
  const bad: Record<string, string> = {};
  for (let i = 0; i < paths.length; i += 200) {
    const chunk = paths.slice(i, i + 200);
    const r = run('xmllint', ['--noout', '--nonet', '--valid', ...chunk], { env });
    if (r.status === 0) continue;
    chunk.forEach((p, j) => {
      const lines = r.stderr.split('\n').filter((l) => l.startsWith(`${p}:`));
      if (lines.length) bad[files[i + j]!.id] = lines.slice(0, 3).join('\n');
    });
    if (Object.keys(bad).length === 0) throw new Error(`xmllint --valid failed without naming a file:\n${r.stderr.slice(0, 2000)}`);
  }
  return bad;
}

/** One case's `.reg`: the value lines under its single key line, and the hive its key names. */
export interface RegCase {
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * Merges every case's values into one copy of the vendored empty hive with `hivexregedit --merge`
 * (each case under its own key `\Policies\<id>`: the value lines are fed verbatim, only the key
 * line is replaced, since every case writes the same Claude key), then reads the hive back with
 * `hivexml`. The file bytes themselves (BOM, CRLF, header, key line) are checked by the caller.
 */
export function hivexRead(dir: string, cases: readonly RegCase[]): Record<string, ReadBack> {
  mkdirSync(dir, { recursive: true });
  const hive = join(dir, 'batch.hive');
  copyFileSync(join(ORACLES_DIR, 'hivex', 'minimal.hive'), hive);
  chmodSync(hive, 0o600);
  const parts = ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies]', ''];
  for (const c of cases) {
    // UTF-16LE with BOM → text, as iconv does in the recipe (Node's decoder, not ours).
    const lines = c.bytes.subarray(2).toString('utf16le').split('\r\n');
    const keyAt = lines.findIndex((l) => l.startsWith('['));
    parts.push(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${c.id}]`, ...lines.slice(keyAt + 1).filter((l) => l !== ''), '');
  }
  const text = `${parts.join('\r\n')}\r\n`;
  const merge = run('hivexregedit', ['--merge', '--prefix', 'HKEY_LOCAL_MACHINE\\SOFTWARE', hive], { input: text, env: { ...process.env, PERL_UNICODE: 'SD' } });
  if (merge.status !== 0) throw new Error(`hivexregedit --merge rejected the batch:\n${merge.stderr.slice(0, 4000)}`);
  const xmlPath = join(dir, 'hive.xml');
  const fd = openSync(xmlPath, 'w');
  // hivexml writes to /dev/stdout by name, which fails on a pipe: give it a regular file.
  const r = spawnSync('hivexml', [hive], { stdio: ['ignore', fd, 'pipe'], maxBuffer: MAX_BUFFER });
  closeSync(fd);
  if (r.status !== 0) throw new Error(`hivexml failed: ${r.stderr?.toString()}`);
  const got = python<Record<string, Record<string, [string, string]>>>('hivexml', xmlPath);
  const out: Record<string, ReadBack> = {};
  for (const c of cases) {
    const values = got[`\\Policies\\${c.id}`] ?? {};
    const settings: Record<string, string> = {};
    const nonString: string[] = [];
    for (const [k, [type, value]] of Object.entries(values)) {
      if (type === 'string') settings[k] = value;
      else nonString.push(`${k} is ${type}`);
    }
    out[c.id] = { settings, nonString };
  }
  return out;
}

/** One OMA-URI row: the policy name (last URI segment) and its `<enabled/><data …/>` value. */
export interface OmaRow {
  readonly name: string;
  readonly value: string;
}

/**
 * Wraps every case's OMA-URI values in one document (`<cases><c id><row name>VALUE</row>…`),
 * checks it is well-formed with `xmllint --noout`, and reads each `<data id value>` back with
 * Python's expat (xml.etree). A value that is not well-formed fails the whole document; the
 * caller then narrows it down per case.
 */
export function omaUriRead(dir: string, name: string, cases: readonly { id: string; rows: readonly OmaRow[] }[]): Record<string, ReadBack> {
  mkdirSync(dir, { recursive: true });
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const doc = `<cases>${cases.map((c) => `<c id="${attr(c.id)}">${c.rows.map((r) => `<row name="${attr(r.name)}">${r.value}</row>`).join('')}</c>`).join('\n')}</cases>\n`;
  const path = join(dir, `${name}.xml`);
  writeFileSync(path, doc);
  const lint = run('xmllint', ['--noout', '--nonet', path]);
  if (lint.status !== 0) throw new Error(`xmllint: the OMA-URI values are not well-formed XML:\n${lint.stderr.slice(0, 3000)}`);
  const got = python<Record<string, Record<string, { enabled: number; data: Record<string, string> }>>>('omauri', path);
  const out: Record<string, ReadBack> = {};
  for (const c of cases) {
    const settings: Record<string, string> = {};
    const nonString: string[] = [];
    for (const [row, v] of Object.entries(got[c.id] ?? {})) {
      if (v.enabled !== 1) nonString.push(`${row}: ${v.enabled} <enabled/> elements`);
      const ids = Object.keys(v.data);
      if (ids.length !== 1 || ids[0] !== row) nonString.push(`${row}: data ids ${ids.join(',')}`);
      else settings[row] = v.data[row] as string;
    }
    out[c.id] = { settings, nonString };
  }
  return out;
}

/** The exact recipe of validators.md §5 for one value: `xmllint --xpath string(/r/data[@id=…]/@value)`. */
export function xpathDataValue(fragment: string, id: string): string {
  const r = run('xmllint', ['--nonet', '--xpath', `string(/r/data[@id="${id}"]/@value)`, '-'], { input: `<r>${fragment}</r>` });
  if (r.status !== 0) throw new Error(`xmllint --xpath failed: ${r.stderr}`);
  return r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
}

/** Every case's CSV through Python's csv module: the header and the rows. */
export function csvRead(dir: string, files: readonly { id: string; bytes: Buffer }[]): Record<string, { header: string[]; rows: string[][] }> {
  mkdirSync(dir, { recursive: true });
  const manifest = files.map((f, i) => {
    const path = join(dir, `${i}.csv`);
    writeFileSync(path, f.bytes);
    return { id: f.id, path };
  });
  const manifestPath = join(dir, 'csv.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return python('csv', manifestPath);
}

/** `xmllint --schema` with Microsoft's ADMX schema over an ADMX/ADML pair. */
export function admxSchemaCheck(dir: string, admx: Buffer, adml: Buffer): { ok: boolean; output: string } {
  mkdirSync(join(dir, 'en-US'), { recursive: true });
  writeFileSync(join(dir, 'Claude.admx'), admx);
  writeFileSync(join(dir, 'en-US', 'Claude.adml'), adml);
  const r = run('xmllint', ['--noout', '--nonet', '--schema', join(ORACLES_DIR, 'xsd', 'admx', 'PolicyDefinitionFiles.xsd'), join(dir, 'Claude.admx'), join(dir, 'en-US', 'Claude.adml')]);
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

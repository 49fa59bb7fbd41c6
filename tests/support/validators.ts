/**
 * Independent validators for generated artifacts.
 *
 * Every function here hands the artifact to a tool this project did not write (Python `plistlib`, libxml2's
 * `xmllint`, hivex's `hivexregedit`/`hivexml`, OpenSSL) so that a writer bug and a test bug cannot cancel each other
 * out. The recipes and the facts they rely on are documented in `shared/reference/validators.md`; the scripts in
 * `tests/support/validators/` are verbatim copies of the ones tested there.
 *
 * Conventions:
 * - Inputs are bytes or strings. They are written to a fresh directory under `os.tmpdir()`, which is removed again
 *   before the function returns (also when it throws).
 * - Tools are run synchronously with `spawnSync` and an argument vector; no user data is interpolated into a shell
 *   command line.
 * - Checking functions return {@link ValidatorResult}: `ok` is true only when the tool exited 0, `output` is what it
 *   printed (stdout followed by stderr) so that a failing assertion shows the tool's own message.
 * - Reading functions (`readPlistWithPlistlib`, `readRegWithHivex`) throw an `Error` carrying the tool output when
 *   the tool fails, since they have no meaningful value to return.
 *
 * Tools needed: see {@link TOOLS}; guard suites with {@link describeIfTool}.
 *
 * @packageDocumentation
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Result of running an external validator. */
export interface ValidatorResult {
  /** True when the tool exited with status 0 (and, where stated, the extra checks passed). */
  ok: boolean;
  /** The tool's stdout followed by its stderr, decoded as UTF-8 (unless a function documents otherwise). */
  output: string;
}

/** Registry prefix accepted by `hivexregedit --prefix`, i.e. which hive the `.reg` file addresses. */
export type RegPrefix = 'HKEY_LOCAL_MACHINE\\SOFTWARE' | 'HKEY_CURRENT_USER';

/**
 * Registry contents as read back from a hive: hive-relative key path (e.g. `\Policies\Claude` for HKLM,
 * `\SOFTWARE\Policies\Claude` for HKCU) → value name → `[type, value]`, where `type` is hivexml's type name
 * (`string` for REG_SZ, `int32` for REG_DWORD, ...). Keys without values do not appear.
 */
export type RegReadBack = Record<string, Record<string, [type: string, value: string]>>;

/** An ADMX or ADML file for {@link xmllintAdmxSchema}. Only the base name of `name` is used. */
export interface NamedFile {
  name: string;
  bytes: Buffer | string;
}

/** Throwaway PKI made by {@link makeTestPki}. All values are PEM text. */
export interface TestPki {
  /** Self-signed root CA certificate (`CN=Test Root CA`). Use as the trust anchor (`-CAfile`). */
  caPem: string;
  /** Root CA private key (unencrypted). */
  caKeyPem: string;
  /** Intermediate CA certificate, issued by the root (`pathlen:0`). */
  intPem: string;
  /** Intermediate CA private key (unencrypted). */
  intKeyPem: string;
  /** RSA-2048 signer certificate issued by the intermediate: `digitalSignature`, EKU `codeSigning`, valid 10 years. */
  leafPem: string;
  /** Private key of {@link TestPki.leafPem}, unencrypted PKCS#8. */
  leafKeyPem: string;
  /** The same key as {@link TestPki.leafKeyPem}, encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`), AES-256-CBC. */
  leafKeyEncryptedPem: string;
  /** Passphrase of {@link TestPki.leafKeyEncryptedPem} (random hex, new on every call). */
  passphrase: string;
  /** Signer certificate like the leaf (codeSigning) but valid only 2020-01-01 .. 2020-02-01, i.e. expired. */
  expiredLeafPem: string;
  /** Private key of {@link TestPki.expiredLeafPem}. */
  expiredLeafKeyPem: string;
  /** Leaf with `digitalSignature` but no extendedKeyUsage extension at all. */
  noEkuLeafPem: string;
  /** Private key of {@link TestPki.noEkuLeafPem}. */
  noEkuLeafKeyPem: string;
  /** Leaf whose only EKU is `serverAuth` (has an EKU, but neither codeSigning nor emailProtection). */
  serverAuthLeafPem: string;
  /** Private key of {@link TestPki.serverAuthLeafPem}. */
  serverAuthLeafKeyPem: string;
  /** EC P-256 signer certificate issued by the intermediate, EKU `codeSigning`. */
  ecLeafPem: string;
  /** Private key of {@link TestPki.ecLeafPem}, unencrypted PKCS#8. */
  ecLeafKeyPem: string;
}

/** Vendored oracle data (hive, plist DTD + catalog, ADMX XSDs, Apple YAML); see its `SOURCES.md`. */
export const ORACLES_DIR: string = path.resolve(__dirname, '..', 'fixtures', 'oracles');

/** Folder of the verbatim validator scripts (`check-plist.py`, `check-reg.sh`, `admx-xref.py`). */
export const SCRIPTS_DIR: string = path.resolve(__dirname, 'validators');

/** External tools each group of validators needs; pass one of these to {@link describeIfTool}. */
export const TOOLS = {
  plist: ['python3'],
  plistDtd: ['xmllint'],
  reg: ['bash', 'xxd', 'iconv', 'grep', 'sed', 'head', 'perl', 'hivexregedit', 'hivexml', 'python3'],
  admx: ['xmllint', 'python3'],
  xpath: ['xmllint'],
  cms: ['openssl'],
} as const satisfies Record<string, readonly string[]>;

const MAX_BUFFER = 256 * 1024 * 1024;

interface RunResult {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
  /** stdout + stderr as UTF-8, plus a note when the process could not start or was killed. */
  output: string;
}

/** Run `cmd args` without a shell; never throws. */
function run(
  cmd: string,
  args: readonly string[],
  opts: { input?: Buffer | string; env?: NodeJS.ProcessEnv; cwd?: string; stdoutFile?: string } = {},
): RunResult {
  // stdoutFile: send stdout to a regular file instead of a pipe. Needed for hivexml, which opens /dev/stdout by name;
  // that fails with ENXIO when stdout is the socket pair Node uses for pipes.
  const outFd = opts.stdoutFile !== undefined ? fs.openSync(opts.stdoutFile, 'w') : undefined;
  const spawnOpts: SpawnSyncOptions = {
    input: opts.input,
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    maxBuffer: MAX_BUFFER,
    windowsHide: true,
    stdio: ['pipe', outFd ?? 'pipe', 'pipe'],
  };
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync(cmd, args, spawnOpts);
  } finally {
    if (outFd !== undefined) fs.closeSync(outFd);
  }
  const stdout =
    opts.stdoutFile !== undefined && !r.error ? fs.readFileSync(opts.stdoutFile) : ((r.stdout as Buffer | null) ?? Buffer.alloc(0));
  const stderr = (r.stderr as Buffer | null) ?? Buffer.alloc(0);
  let output = stdout.toString('utf8') + stderr.toString('utf8');
  if (r.error) output += `${output && !output.endsWith('\n') ? '\n' : ''}[${cmd}] ${r.error.message}`;
  else if (r.signal) output += `${output && !output.endsWith('\n') ? '\n' : ''}[${cmd}] killed by ${r.signal}`;
  return { status: r.error ? null : r.status, stdout, stderr, output };
}

function result(r: RunResult): ValidatorResult {
  return { ok: r.status === 0, output: r.output };
}

/** Create a temp dir, run `fn` in it, remove it afterwards. */
function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cgp-validate-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Write `data` to `dir/name` and return the full path. */
function put(dir: string, name: string, data: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

/** Remove any directory part so that a caller-supplied name cannot escape the temp dir. */
function safeName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  return base && base !== '.' && base !== '..' ? base : fallback;
}

// ---------------------------------------------------------------------------------------------------------------------
// Tool discovery

const toolCache = new Map<string, boolean>();

function onPath(name: string): boolean {
  if (name.includes('/')) return isExecutable(name);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return true;
  }
  return false;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether the external tool `name` is an executable on `PATH`.
 *
 * Under CI (`process.env.CI === 'true'`) a missing tool is a broken runner, not a reason to skip: this function then
 * throws, so that the suite fails loudly instead of silently skipping the independent checks.
 *
 * @param name - executable name, e.g. `xmllint`, `hivexregedit`.
 * @returns true when found; false when missing outside CI.
 * @throws Error when the tool is missing and `CI` is `'true'`.
 */
export function requireTool(name: string): boolean {
  let found = toolCache.get(name);
  if (found === undefined) {
    found = onPath(name);
    toolCache.set(name, found);
  }
  if (!found && process.env.CI === 'true') {
    throw new Error(`required tool ${JSON.stringify(name)} is not installed (CI=true: refusing to skip); run .ci/run`);
  }
  return found;
}

/**
 * Pick `describe` when every tool in `tools` is installed, otherwise `describe.skip` (with a console warning).
 * Under CI it never skips: a missing tool makes it throw (see {@link requireTool}), listing all missing tools.
 *
 * @example
 * ```ts
 * describeIfTool(TOOLS.reg)('HKLM .reg', () => { ... });
 * ```
 * @param tools - executable names, e.g. `['xmllint']` or one of the {@link TOOLS} lists.
 */
export function describeIfTool(tools: readonly string[]): jest.Describe {
  const missing = tools.filter((t) => {
    try {
      return !requireTool(t);
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return describe;
  if (process.env.CI === 'true') {
    throw new Error(`required tools not installed (CI=true: refusing to skip): ${missing.join(', ')}; run .ci/run`);
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping suite: missing tools ${missing.join(', ')} (install them with .ci/run)`);
  return describe.skip;
}

// ---------------------------------------------------------------------------------------------------------------------
// Plists (.mobileconfig)

/**
 * Run `check-plist.py` (Python `plistlib` with a duplicate-key hook): parses the profile and checks the identity keys
 * (`PayloadIdentifier/Type/UUID/Version`), `PayloadScope`, unique uppercase UUIDs, and that every non-`Payload*` key of
 * a `com.anthropic.claudefordesktop` payload (direct, or inside the `com.apple.ManagedClient.preferences` wrapper's
 * `Forced[].mcx_preference_settings`) is a `<string>`.
 *
 * @param bytes - the unsigned XML plist.
 * @returns ok when the script prints `plist OK`; otherwise output names each problem (or Python's parse error).
 */
export function checkPlistWithPlistlib(bytes: Buffer | string): ValidatorResult {
  return withTempDir((dir) => {
    const file = put(dir, 'profile.mobileconfig', bytes);
    return result(run('python3', [path.join(SCRIPTS_DIR, 'check-plist.py'), file]));
  });
}

const PLIST_TO_JSON = `
import base64, datetime, json, plistlib, sys
def conv(o):
    if isinstance(o, dict): return {k: conv(v) for k, v in o.items()}
    if isinstance(o, list): return [conv(v) for v in o]
    if isinstance(o, (bytes, bytearray)): return {"$data": base64.b64encode(o).decode("ascii")}
    if isinstance(o, datetime.datetime): return {"$date": o.isoformat()}
    if isinstance(o, plistlib.UID): return {"$uid": o.data}
    return o
with open(sys.argv[1], "rb") as f:
    v = plistlib.load(f)
sys.stdout.write(json.dumps(conv(v), ensure_ascii=True, allow_nan=False))
`;

/**
 * Parse a plist with Python's `plistlib.load` and return its value as JSON data.
 *
 * Mapping: `<dict>` → object (key order kept), `<array>` → array, `<string>` → string, `<true/>`/`<false/>` →
 * boolean, `<integer>`/`<real>` → number. Types stay distinguishable (`true` vs `"true"`, `1` vs `"1"`); the one loss
 * is that an integral `<real>` (e.g. `1.0`) becomes the same JS number as `<integer>1</integer>`, and integers beyond
 * 2^53 lose precision. Not needed for profiles but kept readable: `<data>` → `{"$data": base64}`, `<date>` →
 * `{"$date": ISO-8601}`. Duplicate keys are not rejected here (last one wins); use {@link checkPlistWithPlistlib}.
 *
 * @param bytes - an XML (or binary) plist.
 * @returns the parsed value.
 * @throws Error with plistlib's message when the plist does not parse.
 */
export function readPlistWithPlistlib(bytes: Buffer | string): unknown {
  return withTempDir((dir) => {
    const file = put(dir, 'in.plist', bytes);
    const r = run('python3', ['-c', PLIST_TO_JSON, file]);
    if (r.status !== 0) throw new Error(`plistlib could not read the plist:\n${r.output}`);
    return JSON.parse(r.stdout.toString('utf8')) as unknown;
  });
}

const RECOMPUTE_UUIDS = `
import hashlib, json, plistlib, sys, uuid
data = open(sys.argv[1], "rb").read()
top = plistlib.loads(data)
payload = top["PayloadContent"][0]
nil = b"00000000-0000-0000-0000-000000000000"
blank = data
for u in (top["PayloadUUID"], payload["PayloadUUID"]):
    tag = b"<string>" + u.encode("ascii") + b"</string>"
    if blank.count(tag) != 1: sys.exit("UUID %s is not in the file exactly once" % u)
    blank = blank.replace(tag, b"<string>" + nil + b"</string>")
digest = hashlib.sha256(blank).hexdigest()
ns = uuid.UUID(sys.argv[2])
derive = lambda ident: str(uuid.uuid5(ns, ident + "\\n" + digest)).upper()
json.dump({"profile": [top["PayloadUUID"], derive(top["PayloadIdentifier"])], "payload": [payload["PayloadUUID"], derive(payload["PayloadIdentifier"])]}, sys.stdout)
`;

/**
 * Recompute a built `.mobileconfig`'s two PayloadUUIDs with Python alone (plistlib, hashlib,
 * uuid.uuid5): each is UUIDv5(`namespace`, PayloadIdentifier + "\n" + SHA-256 hex of the file with
 * both UUIDs replaced by the nil UUID). Returns each UUID as found beside the recomputed one.
 * @throws Error with Python's output when the file does not parse or a UUID is not in it once.
 */
export function recomputePayloadUuidsWithPython(bytes: Buffer, namespace: string): { profile: [string, string]; payload: [string, string] } {
  return withTempDir((dir) => {
    const file = put(dir, 'in.mobileconfig', bytes);
    const r = run('python3', ['-c', RECOMPUTE_UUIDS, file, namespace]);
    if (r.status !== 0) throw new Error(`python could not recompute the UUIDs:\n${r.output}`);
    return JSON.parse(r.stdout.toString('utf8')) as { profile: [string, string]; payload: [string, string] };
  });
}

/**
 * Validate a plist against Apple's `PropertyList-1.0.dtd`:
 * `XML_CATALOG_FILES=<oracles>/plist/catalog.xml xmllint --noout --nonet --valid FILE`.
 * Catches malformed XML, illegal characters, unknown elements and bad plist grammar; does NOT catch duplicate keys,
 * `<integer>abc</integer>` or non-string Claude values (use {@link checkPlistWithPlistlib} too).
 *
 * @param bytes - the plist, which must carry the Apple DOCTYPE (resolved offline through the catalog).
 */
export function xmllintValidPlist(bytes: Buffer | string): ValidatorResult {
  return withTempDir((dir) => {
    const file = put(dir, 'profile.plist', bytes);
    const env = { ...process.env, XML_CATALOG_FILES: path.join(ORACLES_DIR, 'plist', 'catalog.xml') };
    return result(run('xmllint', ['--noout', '--nonet', '--valid', file], { env }));
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Registry (.reg)

/**
 * Run `check-reg.sh`: byte checks (UTF-16LE BOM, `Windows Registry Editor Version 5.00` header, CRLF on every line,
 * no empty line without CR), then `hivexregedit --merge` into a copy of the vendored empty hive, read back with
 * `hivexml`, and compare every value: each expected value must be REG_SZ with exactly the expected text, and no other
 * value or key with values may exist.
 *
 * @param regBytes - the `.reg` file exactly as written (UTF-16LE with BOM).
 * @param expected - hive-relative key path → value name → exact string, e.g.
 *   `{ '\\Policies\\Claude': { quoteTest: 'say "hi"' } }` for HKLM, or `'\\SOFTWARE\\Policies\\Claude'` for HKCU.
 * @param prefix - which hive the file addresses (default `HKEY_LOCAL_MACHINE\SOFTWARE`).
 * @returns ok when the script prints `reg OK`; otherwise output names each mismatch or the hivex parse error.
 */
export function checkRegWithHivex(
  regBytes: Buffer,
  expected: Record<string, Record<string, string>>,
  prefix: RegPrefix = 'HKEY_LOCAL_MACHINE\\SOFTWARE',
): ValidatorResult {
  return withTempDir((dir) => {
    const reg = put(dir, 'in.reg', regBytes);
    const exp = put(dir, 'expected.json', JSON.stringify(expected));
    const env = { ...process.env, R: ORACLES_DIR };
    return result(run('bash', [path.join(SCRIPTS_DIR, 'check-reg.sh'), reg, exp, prefix], { env }));
  });
}

/** Merge one `.reg` file (UTF-16LE bytes) into `hive`; throws with the tool output on failure. */
function mergeReg(dir: string, hive: string, regBytes: Buffer, prefix: RegPrefix, label: string): void {
  const utf16 = put(dir, `${label}.reg`, regBytes);
  const conv = run('iconv', ['-f', 'UTF-16LE', '-t', 'UTF-8', utf16]);
  if (conv.status !== 0) throw new Error(`iconv could not convert the ${label} .reg from UTF-16LE:\n${conv.output}`);
  const env = { ...process.env, PERL_UNICODE: 'SD' };
  const m = run('hivexregedit', ['--merge', '--prefix', prefix, hive], { input: conv.stdout, env });
  if (m.status !== 0) throw new Error(`hivexregedit --merge rejected the ${label} .reg:\n${m.output}`);
}

interface HivexmlNode {
  name?: string;
  root?: string;
  node?: HivexmlNode[];
  value?: HivexmlValue[];
}
interface HivexmlValue {
  key?: string;
  type?: string;
  value?: string;
  '#text'?: string;
}

/**
 * Merge a `.reg` file into a copy of the vendored empty hive with hivex and read every value back.
 *
 * Steps (as in `check-reg.sh`, minus the byte checks): copy `hivex/minimal.hive`; merge the parent keys first
 * (`…\SOFTWARE\Policies`, since hivexregedit does not create missing parents); convert the file with
 * `iconv -f UTF-16LE -t UTF-8`; `PERL_UNICODE=SD hivexregedit --merge --prefix PREFIX`; optionally merge a second file
 * (`opts.thenMerge`, e.g. the undo/removal `.reg`) the same way; then `hivexml` and parse its XML with fast-xml-parser.
 *
 * Use it to assert exact values (including type), and that an undo file really removes values or keys (a deleted key
 * or a key left without values simply has no entry in the result).
 *
 * @param regBytes - the `.reg` file (UTF-16LE; BOM optional here, see {@link checkRegWithHivex} for the byte checks).
 * @param prefix - which hive the file addresses.
 * @param opts.thenMerge - a second `.reg` file merged after the first.
 * @returns hive-relative key path → value name → `[hivexml type, value]`.
 * @throws Error with the tool output when iconv, hivexregedit or hivexml fails.
 */
export function readRegWithHivex(regBytes: Buffer, prefix: RegPrefix, opts: { thenMerge?: Buffer } = {}): RegReadBack {
  return withTempDir((dir) => {
    const hive = path.join(dir, 'test.hive');
    fs.copyFileSync(path.join(ORACLES_DIR, 'hivex', 'minimal.hive'), hive);
    fs.chmodSync(hive, 0o600);
    const parents =
      prefix === 'HKEY_CURRENT_USER'
        ? '[HKEY_CURRENT_USER\\SOFTWARE]\n\n[HKEY_CURRENT_USER\\SOFTWARE\\Policies]\n\n'
        : '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies]\n\n';
    const p = run('hivexregedit', ['--merge', '--prefix', prefix, hive], { input: parents });
    if (p.status !== 0) throw new Error(`hivexregedit could not create the parent keys:\n${p.output}`);
    mergeReg(dir, hive, regBytes, prefix, 'first');
    if (opts.thenMerge !== undefined) mergeReg(dir, hive, opts.thenMerge, prefix, 'second');
    const x = run('hivexml', [hive], { stdoutFile: path.join(dir, 'hive.xml') });
    if (x.status !== 0) throw new Error(`hivexml failed:\n${x.output}`);
    return parseHivexml(x.stdout.toString('utf8'));
  });
}

/** Parse `hivexml` output into {@link RegReadBack} (the Node read-back recipe of validators.md). */
function parseHivexml(xml: string): RegReadBack {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name, _jpath, _leaf, isAttribute) => !isAttribute && (name === 'node' || name === 'value'),
    // hivexml (libxml2's text writer) escapes a tab in a value as `&#9;`; fast-xml-parser 5 decodes numeric
    // references only with htmlEntities on (the extra HTML names cannot occur: `&` in data is always `&amp;`).
    // Caveat: XML 1.0 C0 controls other than tab/LF/CR written as `&#N;` are dropped by the decoder.
    htmlEntities: true,
  });
  const doc = parser.parse(xml) as { hive?: HivexmlNode };
  if (!doc.hive) throw new Error(`hivexml output has no <hive> element:\n${xml.slice(0, 500)}`);
  const out: RegReadBack = {};
  const walk = (n: HivexmlNode, keyPath: string): void => {
    for (const v of n.value ?? []) {
      (out[keyPath] ??= {})[v.key ?? ''] = [v.type ?? '', v.value ?? v['#text'] ?? ''];
    }
    for (const c of n.node ?? []) walk(c, c.root === '1' ? '' : `${keyPath}\\${c.name ?? ''}`);
  };
  walk(doc.hive, '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// ADMX / ADML

/**
 * Validate ADMX and/or ADML files against Microsoft's schema:
 * `xmllint --noout --nonet --schema <oracles>/xsd/admx/PolicyDefinitionFiles.xsd FILE...`.
 * Checks structure, child order, enumerations, name patterns, `$(string.X)` syntax, `revision` format and the
 * 255-character `Value/string` limit; NOT cross-file references (use {@link admxXref}).
 *
 * @param files - files to validate; each is written under its base name (so messages name it).
 * @returns ok only when every file validates (xmllint exits 0).
 */
export function xmllintAdmxSchema(files: NamedFile[]): ValidatorResult {
  if (files.length === 0) throw new Error('xmllintAdmxSchema: no files given');
  return withTempDir((dir) => {
    const paths = files.map((f, i) => {
      const sub = path.join(dir, String(i));
      fs.mkdirSync(sub);
      return put(sub, safeName(f.name, `file${i}.xml`), f.bytes);
    });
    const xsd = path.join(ORACLES_DIR, 'xsd', 'admx', 'PolicyDefinitionFiles.xsd');
    return result(run('xmllint', ['--noout', '--nonet', '--schema', xsd, ...paths]));
  });
}

/**
 * Run `admx-xref.py`: the cross-file checks the XSD cannot do — dangling `$(string.X)`/`$(presentation.X)`,
 * duplicate policy/category/string/presentation ids, undefined `parentCategory`/`supportedOn`, presentation controls
 * that do not match the policy elements, registry keys in trees Intune refuses, `comboBox`, `using`, and ADML
 * `revision` below the ADMX `minRequiredRevision`.
 *
 * @param admx - the `.admx` file.
 * @param adml - its `.adml` (one language).
 * @returns ok when the script prints `xref OK`.
 */
export function admxXref(admx: Buffer | string, adml: Buffer | string): ValidatorResult {
  return withTempDir((dir) => {
    const a = put(dir, 'policy.admx', admx);
    const l = put(dir, 'policy.adml', adml);
    return result(run('python3', [path.join(SCRIPTS_DIR, 'admx-xref.py'), a, l]));
  });
}

/**
 * Evaluate an XPath on an XML fragment (e.g. an Intune OMA-URI value `<enabled/><data id="x" value="…"/>`), wrapped
 * as `<r>FRAGMENT</r>` and fed to `xmllint --xpath XPATH -` on stdin. Use `string(/r/data[@id="x"]/@value)` to read an
 * escaped attribute back, `count(/r/enabled)` to count.
 *
 * @param fragmentXml - the fragment, without a root element.
 * @param xpath - the expression (passed as one argument, never through a shell).
 * @returns on success `output` is the XPath result exactly: xmllint 2.9 terminates every result with one `\n`, which is
 *   removed (a value that itself ends in a newline keeps it). Node-sets are serialised one node per line. On failure
 *   `output` is stdout + stderr. xmllint exits non-zero for malformed XML and for an empty node-set (but `string()` of
 *   a missing attribute is ok with output `''`).
 */
export function xpathOnFragment(fragmentXml: string, xpath: string): ValidatorResult {
  const r = run('xmllint', ['--nonet', '--xpath', xpath, '-'], { input: `<r>${fragmentXml}</r>` });
  if (r.status !== 0) return result(r);
  const out = r.stdout.toString('utf8');
  return { ok: true, output: out.endsWith('\n') ? out.slice(0, -1) : out };
}

// ---------------------------------------------------------------------------------------------------------------------
// CMS signatures

/**
 * Verify an attached CMS/PKCS#7 signature (a signed `.mobileconfig`) with OpenSSL:
 * `openssl cms -verify -binary -inform DER -in SIGNED -CAfile CA -purpose any -out CONTENT [-noverify]`.
 * `-purpose any` accepts a codeSigning-only signer. Checks the signature, the content digest and (unless `noverify`)
 * the chain from the embedded certificates to `caPem`.
 *
 * @param signedDer - DER-encoded SignedData with the content attached.
 * @param caPem - trust anchor(s), PEM.
 * @param opts.noverify - skip only the certificate chain check; a modified content byte still fails.
 * @returns `content` is the embedded content extracted by OpenSSL (set only when ok); compare it byte for byte with
 *   the unsigned profile.
 */
export function opensslCmsVerify(
  signedDer: Buffer,
  caPem: string,
  opts: { noverify?: boolean } = {},
): ValidatorResult & { content?: Buffer } {
  return withTempDir((dir) => {
    const signed = put(dir, 'signed.der', signedDer);
    const ca = put(dir, 'ca.pem', caPem);
    const out = path.join(dir, 'content.bin');
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', signed, '-CAfile', ca, '-purpose', 'any'];
    if (opts.noverify) args.push('-noverify');
    args.push('-out', out);
    const r = run('openssl', args);
    if (r.status !== 0) return result(r);
    return { ok: true, output: r.output, content: fs.readFileSync(out) };
  });
}

/**
 * Make a reference signature with the OpenSSL CLI (validators.md §3):
 * `openssl cms -sign -binary -nodetach -md sha256 [-noattr] -outform DER -in CONTENT -signer CERT -inkey KEY
 * [-certfile CHAIN] [-passin file:…]`. Meant for harness tests and as a byte-for-byte reference; not the product's
 * signer.
 *
 * @param content - bytes to sign (attached).
 * @param signerPem - signer certificate.
 * @param keyPem - signer private key (encrypted PEM needs `opts.passphrase`).
 * @param opts.certfilePem - extra certificates to embed (the intermediates).
 * @param opts.noattr - omit signed attributes (then two signatures with an RSA key are byte-identical).
 * @param opts.passphrase - passphrase of an encrypted `keyPem` (handed to OpenSSL through a file, not argv).
 * @returns DER-encoded SignedData.
 * @throws Error with OpenSSL's output when signing fails.
 */
export function opensslCmsSign(
  content: Buffer | string,
  signerPem: string,
  keyPem: string,
  opts: { certfilePem?: string; noattr?: boolean; passphrase?: string } = {},
): Buffer {
  return withTempDir((dir) => {
    const out = path.join(dir, 'signed.der');
    const args = ['cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-outform', 'DER'];
    if (opts.noattr) args.push('-noattr');
    args.push('-in', put(dir, 'content.bin', content), '-signer', put(dir, 'signer.pem', signerPem));
    args.push('-inkey', put(dir, 'signer.key', keyPem));
    if (opts.certfilePem !== undefined) args.push('-certfile', put(dir, 'chain.pem', opts.certfilePem));
    if (opts.passphrase !== undefined) args.push('-passin', `file:${put(dir, 'pass.txt', `${opts.passphrase}\n`)}`);
    args.push('-out', out);
    const r = run('openssl', args);
    if (r.status !== 0) throw new Error(`openssl cms -sign failed:\n${r.output}`);
    return fs.readFileSync(out);
  });
}

const CA_CNF = `[ ca ]
default_ca = tca
[ tca ]
database = ./index.txt
new_certs_dir = ./issued
serial = ./serial
default_md = sha256
policy = pol
copy_extensions = none
unique_subject = no
[ pol ]
commonName = supplied
`;

/**
 * Create a throwaway PKI with OpenSSL at run time: root CA → intermediate CA → leaves (recipe of validators.md §3).
 *
 * - `leaf`: RSA-2048, `digitalSignature`, EKU `codeSigning`, valid from a day ago for 10 years; its key also
 *   AES-256 encrypted.
 * - `expiredLeaf`: same profile, validity 2020-01-01 .. 2020-02-01.
 *   OpenSSL 3.0's `x509 -req` only has `-days` (no `-not_before/-not_after`), so every certificate is issued with
 *   `openssl ca -startdate … -enddate …` and a minimal CA config.
 * - `noEkuLeaf`: no extendedKeyUsage extension; `serverAuthLeaf`: EKU `serverAuth` only.
 * - `ecLeaf`: EC P-256, EKU `codeSigning`.
 *
 * Nothing here is committed; keys are new on every call.
 *
 * @param dir - where to write the files (kept, for debugging). When omitted, a temp dir is used and removed before
 *   returning; the PEM text is returned either way.
 * @throws Error with OpenSSL's output when a step fails.
 */
export function makeTestPki(dir?: string): TestPki {
  const work = (d: string): TestPki => {
    const ssl = (...args: string[]): void => {
      const r = run('openssl', args, { cwd: d });
      if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${r.output}`);
    };
    const file = (name: string, data: string): string => put(d, name, data);
    const read = (name: string): string => fs.readFileSync(path.join(d, name), 'utf8');
    const rsaKeyReq = (name: string, cn: string): void =>
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    // Every certificate is issued by `openssl ca`, the OpenSSL 3.0 command that takes explicit dates, so the good ones
    // can start a day back: a fresh machine whose clock steps back a second after they are issued must still find
    // them valid now.
    file('ca.cnf', CA_CNF);
    file('index.txt', '');
    file('serial', '1000\n');
    fs.mkdirSync(path.join(d, 'issued'), { recursive: true });
    const dayMs = 86_400_000;
    const asn1Time = (t: number): string => `${new Date(t).toISOString().replace(/[-:T]|\.\d+/g, '')}`;
    const validNow = { start: asn1Time(Date.now() - dayMs), end: asn1Time(Date.now() + 3650 * dayMs) };
    const issue = (name: string, ext: string, by: 'self' | 'ca' | 'int', dates = validNow): void => {
      file(`${name}.ext`, ext);
      const signer = by === 'self' ? ['-selfsign', '-keyfile', `${name}.key`] : ['-cert', `${by}.pem`, '-keyfile', `${by}.key`];
      ssl('ca', '-batch', '-config', 'ca.cnf', ...signer, '-in', `${name}.csr`, '-out', `${name}.pem`, '-startdate',
        dates.start, '-enddate', dates.end, '-extfile', `${name}.ext`, '-notext');
    };
    const keyIds = 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n';
    const codeSign = `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n${keyIds}`;
    const caExt = (pathLen: string): string =>
      `basicConstraints=critical,CA:TRUE${pathLen}\nkeyUsage=critical,keyCertSign,cRLSign\n${keyIds}`;

    rsaKeyReq('ca', 'Test Root CA');
    issue('ca', caExt(''), 'self');
    rsaKeyReq('int', 'Test Intermediate');
    issue('int', caExt(',pathlen:0'), 'ca');

    rsaKeyReq('leaf', 'Test Profile Signer');
    issue('leaf', codeSign, 'int');
    const passphrase = randomBytes(16).toString('hex');
    file('pass.txt', `${passphrase}\n`);
    ssl('pkey', '-in', 'leaf.key', '-aes256', '-passout', 'file:pass.txt', '-out', 'leaf.enc.key');

    rsaKeyReq('noeku', 'Test Signer Without EKU');
    issue('noeku', `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n${keyIds}`, 'int');
    rsaKeyReq('tls', 'Test Signer serverAuth Only');
    issue('tls', `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n${keyIds}`, 'int');

    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ec.key', '-out', 'ec.csr',
      '-subj', '/CN=Test EC Profile Signer');
    issue('ec', codeSign, 'int');

    rsaKeyReq('expired', 'Test Expired Signer');
    issue('expired', codeSign, 'int', { start: '20200101000000Z', end: '20200201000000Z' });

    return {
      caPem: read('ca.pem'),
      caKeyPem: read('ca.key'),
      intPem: read('int.pem'),
      intKeyPem: read('int.key'),
      leafPem: read('leaf.pem'),
      leafKeyPem: read('leaf.key'),
      leafKeyEncryptedPem: read('leaf.enc.key'),
      passphrase,
      expiredLeafPem: read('expired.pem'),
      expiredLeafKeyPem: read('expired.key'),
      noEkuLeafPem: read('noeku.pem'),
      noEkuLeafKeyPem: read('noeku.key'),
      serverAuthLeafPem: read('tls.pem'),
      serverAuthLeafKeyPem: read('tls.key'),
      ecLeafPem: read('ec.pem'),
      ecLeafKeyPem: read('ec.key'),
    };
  };
  if (dir !== undefined) {
    fs.mkdirSync(dir, { recursive: true });
    return work(path.resolve(dir));
  }
  return withTempDir(work);
}

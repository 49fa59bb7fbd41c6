/**
 * Round-trip property: generated profiles (every catalogue key and type, hostile strings; see
 * arbitraries.ts) are built into every format with `buildArtifacts`, and each artifact is read
 * back by our own readers and by an independent parser; every value read must equal Claude's
 * encoding of the setting (`encodeSettings`), and nothing else may be there.
 *
 * | format | our reader | independent parser |
 * |---|---|---|
 * | .mobileconfig (direct, MCX) | readMobileconfig | Python plistlib (duplicate keys refused) + xmllint --valid (Apple DTD) |
 * | Jamf preference plist | readPreferencePlist | plistlib + xmllint --valid |
 * | Intune preference fragment | readPreferenceFragment | plistlib (wrapped in plist/dict) |
 * | Intune macOS Graph JSON | readIntuneMacosGraph | JSON.parse + base64 → plistlib |
 * | .reg and undo .reg | readReg | hivexregedit --merge + hivexml (one hive per batch) |
 * | Intune Windows Graph JSON and CSV | readIntuneWindowsGraph/Csv | xmllint well-formedness + expat for each data value; Python csv; a sample through the xmllint --xpath recipe |
 * | ADMX/ADML (catalogue-only) | — | xmllint --schema with Microsoft's XSD (once: the pair does not depend on the profile) |
 * | JSON outputs | readFlatSettingsJson | JSON.parse + ajv with the shipped schemas |
 *
 * Values a format cannot carry by design (a `.reg` string holds no control character or broken
 * surrogate; XML 1.0 holds no U+FFFF or lone surrogate) are generated in one case out of ten; for
 * those the format must fail with the documented `cannot-write` error naming the setting.
 *
 * External tools run once per batch of cases, not per file. `npm test` runs a few hundred cases;
 * `npm run test:deep` (DEEP=1) runs 11,500 cases, so that every format reads back at least 10,000. The seed is printed on every run; a failure
 * prints fast-check's shrunk counterexample with the seed and path to replay it
 * (`FC_SEED=<seed> npx jest tests/property`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { buildArtifacts, OUTPUT_FORMATS, type BuiltFile, type OutputFormat } from '../../lib/build';
import { readIntuneWindowsCsv, readIntuneWindowsGraph } from '../../lib/check/read-intune-windows';
import { CATALOG, isBootstrapKey, isMdmKey, MACOS_PREFERENCE_DOMAIN } from '../../lib/catalog';
import { validateProfile } from '../../lib/validate';
import { encodeSettings } from '../../lib/encode';
import { isRegSafe } from '../../lib/escape/reg';
import { isXmlSafe } from '../../lib/escape/xml';
import { readFlatSettingsJson, readIntuneMacosGraph } from '../../lib/read/json-artifacts';
import { readMobileconfig } from '../../lib/read/mobileconfig';
import { readPreferenceFragment, readPreferencePlist } from '../../lib/read/plist';
import { readReg } from '../../lib/read/reg';
import type { ReadResult } from '../../lib/read/types';
import { prepareProfile, ProfileValidationError } from '../../lib/validate';
import { ADMX_DECIMAL_CAP } from '../../lib/writers/admx-model';
import { REG_HIVE } from '../../lib/writers/reg';
import { ROOT } from '../support/examples';
import { describeIfTool, TOOLS } from '../support/validators';
import { profileArbitrary, type GeneratedProfile } from './arbitraries';
import { admxSchemaCheck, csvRead, hivexRead, omaUriRead, plistlibRead, xmllintValidAll, xpathDataValue, type OmaRow, type ReadBack } from './oracles';
import { K } from '../support/keys';

const DEEP = process.env.DEEP === '1';
// Deep: enough cases that every format reads back at least 10,000 (about one in ten is a documented refusal).
const RUNS = Number(process.env.PROPERTY_RUNS ?? (DEEP ? 11_500 : 250));
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const BATCH = 500;
jest.setTimeout(DEEP ? 6 * 3600_000 : 240_000);

type Settings = Record<string, string>;

/** Everything one generated case built, and what every reader must find in it. */
interface Case {
  readonly index: number;
  readonly id: string;
  readonly g: GeneratedProfile;
  /** Claude's strings of the MDM-deliverable settings: what plists, registry and Intune must hold. */
  readonly expected: Settings;
  /** Native values for the config library entry and the bootstrap response. */
  readonly nativeMdm: Record<string, unknown>;
  readonly nativeBootstrap: Record<string, unknown>;
  /** The built files of each format that succeeded. */
  readonly files: Partial<Record<OutputFormat, BuiltFile[]>>;
  /** Formats that failed with the documented cannot-write error. */
  readonly refused: OutputFormat[];
}

/** Per format: cases built and read back, cases refused with the documented error. */
const tally = Object.fromEntries(OUTPUT_FORMATS.map((f) => [f, { ok: 0, refused: 0 }])) as Record<OutputFormat, { ok: number; refused: number }>;
const keysSeen = new Map<string, number>();

/** Differences between what a reader found and what the profile says, by key. */
function diff(source: string, got: Settings, expected: Settings): string[] {
  const out: string[] = [];
  const show = (v: string | undefined) => (v === undefined ? 'nothing' : JSON.stringify(v.length > 120 ? `${v.slice(0, 117)}...` : v));
  for (const k of new Set([...Object.keys(expected), ...Object.keys(got)])) {
    if (got[k] !== expected[k]) out.push(`${source}: ${k}: read ${show(got[k])}, expected ${show(expected[k])}`);
  }
  return out;
}

function entriesOf(r: Pick<ReadResult, 'entries'>, storedAs: string): { settings: Settings; problems: string[] } {
  const settings: Settings = {};
  const problems: string[] = [];
  for (const e of r.entries) {
    if (typeof e.raw !== 'string' || e.storedAs !== storedAs) problems.push(`${e.key} stored as ${e.storedAs}`);
    else if (e.key in settings) problems.push(`${e.key} twice`);
    else settings[e.key] = e.raw;
  }
  return { settings, problems };
}

const fileOf = (files: BuiltFile[] | undefined, test: (p: string) => boolean): Buffer => {
  const f = files?.find((x) => test(x.path));
  if (!f) throw new Error(`no file matching ${test.toString()} among ${files?.map((x) => x.path).join(', ')}`);
  return f.bytes;
};

/**
 * Integer settings a Group Policy decimal element cannot hold (documented in admx-model.ts: an
 * unsigned number between the key's bounds, 0 and ADMX_DECIMAL_CAP when the catalogue has none),
 * which the Intune (ADMX-backed OMA-URI) rows refuse with the key named.
 */
function admxRangeOffenders(settings: Record<string, unknown>): string[] {
  return CATALOG.filter((k) => k.type === 'integer' && isMdmKey(k) && typeof settings[k.name] === 'number').filter((k) => {
    const v = settings[k.name] as number;
    const min = k.minimum ?? 0;
    const max = k.maximum ?? ADMX_DECIMAL_CAP;
    // Keys whose own bounds do not fit an unsigned 32-bit decimal are text boxes and take anything.
    if (min < 0 || max > 0xffffffff) return false;
    return v < min || v > max;
  }).map((k) => k.name);
}

const METADATA = new Set(['displayName', 'organization', 'description']);

/** The places whose text a format cannot carry: setting keys and profile metadata fields. */
function offenders(c: { g: GeneratedProfile; expected: Settings }, safe: (s: string) => boolean, withMetadata: boolean): string[] {
  const out = Object.entries(c.expected).filter(([, v]) => !safe(v)).map(([k]) => k);
  if (withMetadata) for (const field of ['displayName', 'organization', 'description'] as const) if (c.g.profile[field] !== undefined && !safe(c.g.profile[field] as string)) out.push(field);
  return out;
}

/** Builds every format of one generated profile and checks the parts that need no external tool. */
function buildCase(g: GeneratedProfile, index: number): Case {
  const prepared = prepareProfile(g.profile, { env: g.env });
  const settings = prepared.profile.settings as Record<string, unknown>;
  const encoded = encodeSettings(prepared.profile.settings, isMdmKey);
  const expected = Object.fromEntries(encoded.map((e) => [e.key, e.value]));
  const pick = (include: (k: (typeof CATALOG)[number]) => boolean) => Object.fromEntries(CATALOG.filter((k) => settings[k.name] !== undefined && include(k)).map((k) => [k.name, settings[k.name]]));
  const c: Case = { index, id: `C${String(index).padStart(5, '0')}`, g, expected, nativeMdm: pick(isMdmKey), nativeBootstrap: pick(isBootstrapKey), files: {}, refused: [] };
  const cannot: Partial<Record<OutputFormat, string[]>> = {
    mobileconfig: offenders(c, isXmlSafe, true),
    // The Jamf writer checks the profile's metadata too (it is XML-checked before any plist is written).
    jamf: offenders(c, isXmlSafe, true),
    intune: [...offenders(c, isXmlSafe, true), ...admxRangeOffenders(settings)],
    reg: offenders(c, isRegSafe, false),
  };
  for (const format of OUTPUT_FORMATS) {
    const bad = cannot[format] ?? [];
    let files: BuiltFile[] | undefined;
    let error: unknown;
    try {
      files = buildArtifacts(g.profile, { env: g.env, formats: [format], payloadForm: g.payloadForm }).files;
    } catch (e) {
      error = e;
    }
    if (bad.length === 0) {
      if (error) throw new Error(`${format}: build failed for a profile every character of which it can carry: ${error instanceof ProfileValidationError ? error.findings.map((f) => `${f.path}: ${f.message}`).join('; ') : String(error)}`);
      c.files[format] = files;
      tally[format].ok++;
      continue;
    }
    // The documented refusal: one cannot-write finding naming a setting (or field) that holds the character.
    if (!(error instanceof ProfileValidationError)) throw new Error(`${format}: ${bad.join(', ')} hold characters the format cannot carry, but the build ${error ? `threw ${String(error)}` : 'succeeded'}`);
    const writeErrors = error.findings.filter((f) => f.code === 'cannot-write');
    const named = writeErrors.filter((f) => bad.some((b) => f.path === (METADATA.has(b) ? b : `settings.${b}`)) && /cannot be stored in (XML 1\.0|a \.reg file)|outside the policy's range/.test(f.message));
    if (named.length === 0) throw new Error(`${format}: expected a cannot-write error at one of ${bad.join(', ')}, got ${error.findings.map((f) => `${f.code} at ${f.path}: ${f.message}`).join('; ')}`);
    c.refused.push(format);
    tally[format].refused++;
  }
  for (const k of Object.keys(settings)) keysSeen.set(k, (keysSeen.get(k) ?? 0) + 1);
  checkOurReaders(c);
  return c;
}

/** Our readers over every built artifact: the same values as the profile, as strings. */
function checkOurReaders(c: Case): void {
  const problems: string[] = [];
  const name = c.g.profile.name;
  const expect = (source: string, r: Pick<ReadResult, 'entries' | 'findings'>, storedAs: string, expected: Settings) => {
    const errs = r.findings.filter((f) => f.severity === 'error');
    if (errs.length) problems.push(`${source}: reader errors ${errs.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
    const got = entriesOf(r, storedAs);
    problems.push(...got.problems.map((p) => `${source}: ${p}`), ...diff(source, got.settings, expected));
  };
  if (c.files.mobileconfig) {
    const mc = fileOf(c.files.mobileconfig, (p) => p === `macos/${name}.mobileconfig`);
    const r = readMobileconfig(mc);
    expect('readMobileconfig', r, 'string', c.expected);
    if (r.scope !== c.g.profile.scope) problems.push(`readMobileconfig: scope ${String(r.scope)}`);
    if (r.metadata.identifier !== c.g.profile.identifier) problems.push('readMobileconfig: identifier differs');
    if (r.metadata.displayName !== (c.g.profile.displayName ?? name)) problems.push('readMobileconfig: displayName differs');
    if (c.g.profile.organization !== undefined && r.metadata.organization !== c.g.profile.organization) problems.push('readMobileconfig: organization differs');
  }
  if (c.files.jamf) expect('readPreferencePlist', readPreferencePlist(fileOf(c.files.jamf, (p) => p.endsWith(`${MACOS_PREFERENCE_DOMAIN}.plist`))), 'string', c.expected);
  if (c.files.intune) {
    expect('readPreferenceFragment', readPreferenceFragment(fileOf(c.files.intune, (p) => p.endsWith('.intune-preference.xml'))), 'string', c.expected);
    expect('readIntuneMacosGraph', readIntuneMacosGraph(fileOf(c.files.intune, (p) => p.endsWith('.macos-custom-configuration.json'))), 'string', c.expected);
    for (const [source, r] of [
      ['readIntuneWindowsGraph', readIntuneWindowsGraph(fileOf(c.files.intune, (p) => p.endsWith('.windows-custom-configuration.json')))],
      ['readIntuneWindowsCsv', readIntuneWindowsCsv(fileOf(c.files.intune, (p) => p.endsWith('.windows-oma-uri.csv')))],
    ] as const) {
      const errs = r.findings.filter((f) => f.severity === 'error');
      if (errs.length) problems.push(`${source}: reader errors ${errs.map((f) => f.message).join('; ')}`);
      problems.push(...diff(source, Object.fromEntries(r.entries.map((e) => [e.key, String(e.raw)])), c.expected));
    }
  }
  if (c.files.reg) {
    const reg = readReg(fileOf(c.files.reg, (p) => p === `windows/${name}.reg`));
    expect('readReg', reg, 'REG_SZ', c.expected);
    if (reg.scope !== c.g.profile.scope || reg.encoding !== 'utf-16le-bom') problems.push(`readReg: scope ${String(reg.scope)}, encoding ${reg.encoding}`);
    const undo = readReg(fileOf(c.files.reg, (p) => p === `windows/${name}.undo.reg`));
    const undone = Object.keys(c.expected).flatMap((k) => [k, ...(CATALOG.find((d) => d.name === k)?.legacyNames ?? []).map((l) => l.name)]);
    if (undo.entries.length || undo.deletedValues.map((d) => d.key).join() !== undone.join()) problems.push('readReg: the undo file does not delete exactly the values set and their keys\' retired names');
  }
  if (c.files.json) {
    for (const path of ['json/settings.json', 'linux/managed-settings.json']) {
      const bytes = fileOf(c.files.json, (p) => p === path);
      expect(`readFlatSettingsJson ${path}`, readFlatSettingsJson(bytes, 'managed-settings-json'), 'string', c.expected);
    }
    const entry = c.files.json.find((f) => /^config-library\/[0-9a-f-]{36}\.json$/.test(f.path));
    if (!entry) problems.push('json: no config library entry');
    else if (JSON.stringify(JSON.parse(entry.bytes.toString('utf8'))) !== JSON.stringify(c.nativeMdm)) problems.push('json: the config library entry is not the native MDM settings in catalogue order');
    const boot = c.files.json.find((f) => f.path === 'bootstrap/bootstrap-response.json');
    const wantBoot = c.g.profile.settings[K.bootstrapUrl] !== undefined;
    if (Boolean(boot) !== wantBoot) problems.push(`json: bootstrap response ${boot ? 'written' : 'missing'} (${K.bootstrapUrl} ${wantBoot ? 'set' : 'unset'})`);
    if (boot && JSON.stringify(JSON.parse(boot.bytes.toString('utf8'))) !== JSON.stringify(c.nativeBootstrap)) problems.push('json: the bootstrap response is not the native bootstrap settings');
  }
  if (problems.length) throw new Error(`case ${c.id} (${c.g.flavour}, ${c.g.payloadForm}, ${c.g.profile.scope}):\n${problems.slice(0, 20).join('\n')}`);
}

let ajvValidators: Record<string, ReturnType<Ajv['compile']>> | undefined;
function jsonSchemas(): Record<string, ReturnType<Ajv['compile']>> {
  if (!ajvValidators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const load = (n: string) => ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', n), 'utf8')) as object);
    ajvValidators = { managed: load('managed-settings.schema.json'), entry: load('config-library-entry.schema.json'), meta: load('config-library-meta.schema.json'), bootstrap: load('bootstrap-response.schema.json') };
  }
  return ajvValidators;
}

/**
 * The independent parsers over a batch of cases. Returns every mismatch with its case index (the
 * caller replays the first through fast-check to shrink it).
 */
function checkExternally(cases: readonly Case[], work: string, sampleXpath: boolean): { index: number; message: string }[] {
  const failures: { index: number; message: string }[] = [];
  const fail = (c: Case, message: string) => failures.push({ index: c.index, message: `case ${c.id}: ${message}` });
  const compare = (c: Case, source: string, r: ReadBack | undefined, expected: Settings) => {
    if (!r) return fail(c, `${source}: no result`);
    if ('error' in r) return fail(c, `${source}: ${r.error}`);
    for (const p of [...r.nonString.map((n) => `${source}: ${n}`), ...diff(source, r.settings, expected)]) fail(c, p);
  };
  const name = (c: Case) => c.g.profile.name;

  // Plists: the .mobileconfig, the Graph payload, the Jamf plist and the Intune fragment.
  const plists: { id: string; kind: 'mobileconfig' | 'plist' | 'fragment'; bytes: Buffer }[] = [];
  const dtd: { id: string; bytes: Buffer }[] = [];
  for (const c of cases) {
    if (c.files.mobileconfig) {
      const mc = fileOf(c.files.mobileconfig, (p) => p === `macos/${name(c)}.mobileconfig`);
      plists.push({ id: `${c.id}/mobileconfig`, kind: 'mobileconfig', bytes: mc });
      dtd.push({ id: `${c.id}/mobileconfig`, bytes: mc });
    }
    if (c.files.jamf) {
      const p = fileOf(c.files.jamf, (x) => x.endsWith(`${MACOS_PREFERENCE_DOMAIN}.plist`));
      plists.push({ id: `${c.id}/jamf`, kind: 'plist', bytes: p });
      dtd.push({ id: `${c.id}/jamf`, bytes: p });
    }
    if (c.files.intune) {
      plists.push({ id: `${c.id}/fragment`, kind: 'fragment', bytes: fileOf(c.files.intune, (p) => p.endsWith('.intune-preference.xml')) });
      const graph = JSON.parse(fileOf(c.files.intune, (p) => p.endsWith('.macos-custom-configuration.json')).toString('utf8')) as { payload: string };
      plists.push({ id: `${c.id}/graph-payload`, kind: 'mobileconfig', bytes: Buffer.from(graph.payload, 'base64') });
    }
  }
  const plistRead = plistlibRead(join(work, 'plists'), plists);
  const dtdBad = xmllintValidAll(join(work, 'dtd'), dtd);
  for (const c of cases) {
    for (const part of ['mobileconfig', 'jamf', 'fragment', 'graph-payload']) {
      const id = `${c.id}/${part}`;
      if (!(id in plistRead)) continue;
      compare(c, `plistlib ${part}`, plistRead[id], c.expected);
      if (dtdBad[id]) fail(c, `xmllint --valid ${part}: ${dtdBad[id]}`);
      const meta = (plistRead[id] as { meta?: Record<string, unknown> }).meta;
      if (meta && (part === 'mobileconfig' || part === 'graph-payload')) {
        const p = c.g.profile;
        if (meta.PayloadDisplayName !== (p.displayName ?? p.name)) fail(c, `plistlib ${part}: PayloadDisplayName differs`);
        if (p.organization !== undefined && meta.PayloadOrganization !== p.organization) fail(c, `plistlib ${part}: PayloadOrganization differs`);
        if (meta.PayloadScope !== (p.scope === 'user' ? 'User' : 'System')) fail(c, `plistlib ${part}: PayloadScope ${String(meta.PayloadScope)}`);
        if (meta.payloadType !== (c.g.payloadForm === 'mcx' ? 'com.apple.ManagedClient.preferences' : MACOS_PREFERENCE_DOMAIN)) fail(c, `plistlib ${part}: payload type ${String(meta.payloadType)}`);
        if (p.description !== undefined && !String(meta.PayloadDescription).startsWith(p.description)) fail(c, `plistlib ${part}: PayloadDescription does not start with the description`);
      }
    }
  }

  // Registry: the file's bytes and key line here, the values through hivex.
  const regCases = cases.filter((c) => c.files.reg);
  for (const c of regCases) {
    const bytes = fileOf(c.files.reg, (p) => p === `windows/${name(c)}.reg`);
    const text = bytes.subarray(2).toString('utf16le');
    const keys = text.split('\r\n').filter((l) => l.startsWith('['));
    if (bytes[0] !== 0xff || bytes[1] !== 0xfe) fail(c, 'reg: no UTF-16LE BOM');
    if (!text.startsWith('Windows Registry Editor Version 5.00\r\n') || /[^\r]\n/.test(text)) fail(c, 'reg: header or CRLF line ends wrong');
    if (keys.join() !== `[${REG_HIVE[c.g.profile.scope]}\\SOFTWARE\\Policies\\Claude]`) fail(c, `reg: key lines ${keys.join(' ')}`);
  }
  if (regCases.length) {
    const hive = hivexRead(join(work, 'hive'), regCases.map((c) => ({ id: c.id, bytes: fileOf(c.files.reg, (p) => p === `windows/${name(c)}.reg`) })));
    // hivex's toolchain (Perl's UTF-8 layer in hivexregedit) replaces the noncharacters U+FFFE and
    // U+FFFF with U+FFFD while merging, which regedit does not; compare those positions as U+FFFD.
    // Our own readReg above compares them exactly.
    const viaHivex = (v: string) => v.replace(/[\uFFFE\uFFFF]/g, '\uFFFD');
    for (const c of regCases) compare(c, 'hivex', hive[c.id], Object.fromEntries(Object.entries(c.expected).map(([k, v]) => [k, viaHivex(v)])));
  }

  // Intune Windows: the OMA-URI values from the Graph JSON and from the CSV (read by Python's csv).
  const intune = cases.filter((c) => c.files.intune);
  if (intune.length) {
    const fromGraph = intune.map((c) => {
      const body = JSON.parse(fileOf(c.files.intune, (p) => p.endsWith('.windows-custom-configuration.json')).toString('utf8')) as { omaSettings: { omaUri: string; value: string }[] };
      return { id: c.id, rows: body.omaSettings.filter((s) => !s.omaUri.includes('/ADMXInstall/')).map((s): OmaRow => ({ name: s.omaUri.split('/').pop() as string, value: s.value })) };
    });
    const csv = csvRead(join(work, 'csv'), intune.map((c) => ({ id: c.id, bytes: fileOf(c.files.intune, (p) => p.endsWith('.windows-oma-uri.csv')) })));
    const fromCsv = intune.map((c) => {
      const t = csv[c.id] as { header: string[]; rows: string[][] };
      const uri = t.header.indexOf('OMA-URI');
      const value = t.header.indexOf('Value');
      return { id: c.id, rows: t.rows.filter((r) => !(r[uri] ?? '').includes('/ADMXInstall/')).map((r): OmaRow => ({ name: (r[uri] ?? '').split('/').pop() as string, value: r[value] ?? '' })) };
    });
    const g = omaUriRead(join(work, 'oma'), 'graph', fromGraph);
    const v = omaUriRead(join(work, 'oma'), 'csv', fromCsv);
    for (const c of intune) {
      compare(c, 'expat OMA-URI (Graph JSON)', g[c.id], c.expected);
      compare(c, 'expat OMA-URI (CSV via Python csv)', v[c.id], c.expected);
    }
    if (sampleXpath) {
      // The exact validators.md recipe (one xmllint per value) on a few values per batch.
      for (const c of intune.slice(0, 3)) {
        for (const row of fromGraph.find((x) => x.id === c.id)?.rows.slice(0, 3) ?? []) {
          const got = xpathDataValue(row.value, row.name);
          if (got !== c.expected[row.name]) fail(c, `xmllint --xpath ${row.name}: read ${JSON.stringify(got)}, expected ${JSON.stringify(c.expected[row.name])}`);
        }
      }
    }
  }

  // JSON outputs: JSON.parse and the shipped schemas (ajv).
  const schemas = jsonSchemas();
  for (const c of cases.filter((x) => x.files.json)) {
    const parse = (p: string) => JSON.parse(fileOf(c.files.json, (x) => x === p || (p === 'entry' && /^config-library\/[0-9a-f-]{36}\.json$/.test(x))).toString('utf8')) as unknown;
    for (const [p, schema] of [['linux/managed-settings.json', schemas.managed], ['json/settings.json', schemas.managed], ['entry', schemas.entry], ['config-library/_meta.json', schemas.meta]] as const) {
      const v = parse(p);
      if (!schema!(v)) fail(c, `ajv ${p}: ${JSON.stringify(schema!.errors).slice(0, 300)}`);
    }
    const managed = parse('linux/managed-settings.json') as Settings;
    for (const p of diff('JSON.parse managed-settings.json', managed, c.expected)) fail(c, p);
    if (c.g.profile.settings[K.bootstrapUrl] !== undefined && !schemas.bootstrap!(parse('bootstrap/bootstrap-response.json'))) fail(c, `ajv bootstrap response: ${JSON.stringify(schemas.bootstrap!.errors).slice(0, 300)}`);
  }
  return failures;
}

describeIfTool([...TOOLS.plist, ...TOOLS.plistDtd, ...TOOLS.reg, ...TOOLS.admx])('round trip of generated profiles through every format', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cgp-prop-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test(`${RUNS} generated profiles: every value reads back as encoded, in every format, by our readers and independent parsers`, () => {
    // eslint-disable-next-line no-console
    console.log(`property round trip: seed ${SEED}, ${RUNS} cases${DEEP ? ' (deep)' : ''}; replay with FC_SEED=${SEED}${DEEP ? ' DEEP=1' : ''}`);
    const pending: Case[] = [];
    const external: { index: number; message: string }[] = [];
    let index = 0;
    let batches = 0;
    const flush = () => {
      if (!pending.length) return;
      external.push(...checkExternally(pending, join(work, `batch-${batches}`), true));
      rmSync(join(work, `batch-${batches}`), { recursive: true, force: true });
      batches++;
      pending.length = 0;
    };
    fc.assert(
      fc.property(profileArbitrary(), (g) => {
        const c = buildCase(g, index++);
        // Keep the bytes only until the batch's external check (10,000 cases do not fit otherwise).
        pending.push(c);
        if (pending.length >= BATCH) flush();
      }),
      { seed: SEED, numRuns: RUNS },
    );
    flush();
    if (external.length) {
      // Replay the first failing case through fast-check with a per-case external check, so the
      // report is the shrunk counterexample with its seed and path.
      const first = external[0] as { index: number; message: string };
      const replay = fc.property(profileArbitrary(), (g) => {
        const c = buildCase(g, first.index);
        const f = checkExternally([c], join(work, `replay-${Math.random().toString(36).slice(2)}`), false);
        if (f.length) throw new Error(f.map((x) => x.message).join('\n'));
      });
      fc.assert(replay, { seed: SEED, numRuns: RUNS, path: String(first.index) });
      throw new Error(`independent parsers disagree on ${external.length} value(s) (the replay did not reproduce):\n${external.slice(0, 20).map((x) => x.message).join('\n')}`);
    }

    // eslint-disable-next-line no-console
    console.log(`round trip, seed ${SEED}: ${OUTPUT_FORMATS.map((f) => `${f} ${tally[f].ok} read back${tally[f].refused ? ` + ${tally[f].refused} refused as documented` : ''}`).join('; ')}; ${batches} external batch(es)`);
    // Coverage is measured, not assumed: every key, both payload forms and scopes, and the
    // documented refusals of .reg and the XML formats all happened.
    expect(CATALOG.filter((k) => !keysSeen.has(k.name)).map((k) => k.name)).toEqual([]);
    for (const f of OUTPUT_FORMATS) expect(tally[f].ok + tally[f].refused).toBe(RUNS);
    expect(tally.reg.refused).toBeGreaterThan(0);
    expect(tally.mobileconfig.refused).toBeGreaterThan(0);
    for (const f of OUTPUT_FORMATS) expect(tally[f].ok).toBeGreaterThan(RUNS / 2);
    if (DEEP && process.env.PROPERTY_RUNS === undefined) for (const f of OUTPUT_FORMATS) expect({ format: f, readBack: tally[f].ok >= 10_000 }).toEqual({ format: f, readBack: true });
  });

  test.each([['U+0085', '\u0085'], ['U+2028', '\u2028'], ['U+2029', '\u2029']])('%s (a line end in XML 1.1, not in plists) reads back unchanged through plistlib in every plist format', (_, ch) => {
    // A free-text MDM string key from the catalogue: the first that takes any text alone in a profile.
    const key = CATALOG.find((k) => k.type === 'string' && isMdmKey(k) && !k.enum && !k.format && !k.secret && validateProfile({ name: 'x', identifier: 'com.example.x', settings: { [k.name]: 'any text' } }).ok)!.name;
    const profile = { name: 'nel', identifier: 'com.example.nel', settings: { [key]: `a${ch}b` } };
    const files = buildArtifacts(profile, { formats: ['mobileconfig', 'jamf'] }).files.filter((x) => /\.(mobileconfig|plist)$/.test(x.path) && !x.path.includes('manifest'));
    expect(files.length).toBe(2);
    const back = plistlibRead(join(work, 'nel'), files.map((f, i) => ({ id: String(i), bytes: f.bytes, kind: f.path.endsWith('.mobileconfig') ? ('mobileconfig' as const) : ('plist' as const) })));
    for (const i of files.keys()) expect(back[String(i)]).toMatchObject({ settings: { [key]: `a${ch}b` } });
  });

  test('the ADMX/ADML pair (the same for every profile) validates against Microsoft\'s schema', () => {
    const files = buildArtifacts({ name: 'x', identifier: 'com.example.x', settings: { [K.inferenceProvider]: 'anthropic' } }, { formats: ['admx'] }).files;
    const r = admxSchemaCheck(join(work, 'admx'), fileOf(files, (p) => p.endsWith('.admx')), fileOf(files, (p) => p.endsWith('.adml')));
    expect(r.output).toMatch(/validates/);
    expect(r.ok).toBe(true);
  });
});

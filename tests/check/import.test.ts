/**
 * `import`: build → import → build gives byte-identical artifacts, for the .mobileconfig, .reg
 * and JSON settings imports of every example; migrations are reported; secrets are kept literally
 * with a warning that never shows them; metadata and names come from the file.
 */
import { buildArtifacts, type BuiltFile } from '../../lib/build';
import { getKey, isMdmKey, CATALOG } from '../../lib/catalog';
import { envNameFor, importArtifact, ImportError, nameFromFileName, userDescription } from '../../lib/import';
import { resolveProfile } from '../../lib/profile/resolve';
import { jsonArtifacts, JSON_OUTPUT_PATHS } from '../../lib/writers/json-outputs';
import { settingsSummary } from '../../lib/writers/plist-values';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signMobileconfig } from '../../lib/sign';
import { validateProfile } from '../../lib/validate';
import { runCli } from '../support/cli';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { describeIfTool, makeTestPki, TOOLS, type TestPki } from '../support/validators';
import { BASE, fixture, json, mobileconfig, NOW, regFile } from './support';
import { K, LEGACY } from '../support/keys';

/** The examples, plus the fixtures that set every key and hostile characters. */
const examples = [...loadExamples(), ...['all-keys.profile.json', 'hostile.profile.json', 'hostile-reg.profile.json'].map(loadFixtureProfile)];

/** Files that depend on more than the settings and scope (identifier, display name, description, secret sources, the profile's hash). */
const METADATA_DEPENDENT = /(\.mobileconfig|-custom-configuration\.json|^config-library\/.*|^manifest\.json|\.md)$/;
/** Files no import can reproduce byte for byte: the manifest hashes the profile file itself; docs name where secrets came from. */
const NEVER_COMPARED = /(^manifest\.json|\.md)$/;

function build(profile: unknown, env: Record<string, string | undefined> = {}): BuiltFile[] {
  return buildArtifacts(profile, { env, now: NOW }).files;
}

/** The JSON settings file: from build when it writes it, else from the JSON writer directly (until build wires it). */
function jsonSettingsFile(files: BuiltFile[], profile: Parameters<typeof resolveProfile>[0], env: Record<string, string | undefined>): Buffer {
  const built = files.find((f) => f.path === JSON_OUTPUT_PATHS.settings);
  if (built) return built.bytes;
  return jsonArtifacts(resolveProfile(profile, env)).find((a) => a.path === JSON_OUTPUT_PATHS.settings)!.bytes;
}

/**
 * Bootstrap-only keys never reach an MDM artifact, so what depends on them cannot come back from
 * one: the bootstrap response, and egress.txt (the host of the claude.ai import).
 */
function hasBootstrapOnlyKeys(profile: { settings: object }): boolean {
  return CATALOG.some((d) => !isMdmKey(d) && (profile.settings as Record<string, unknown>)[d.name] !== undefined);
}

function expectSameBytes(original: BuiltFile[], rebuilt: BuiltFile[], compare: (path: string) => boolean, label: string, bootstrapOnly = false): void {
  const wanted = original.filter((f) => compare(f.path) && !(bootstrapOnly && (f.path.startsWith('bootstrap/') || f.path === 'egress.txt')));
  expect(wanted.length).toBeGreaterThan(0);
  for (const f of wanted) {
    const again = rebuilt.find((g) => g.path === f.path);
    expect({ label, path: f.path, present: again !== undefined }).toEqual({ label, path: f.path, present: true });
    // Compare hashes: a byte diff of a secret-bearing file must not be printed.
    expect({ label, path: f.path, sha256: again?.sha256 }).toEqual({ label, path: f.path, sha256: f.sha256 });
  }
}

describe('build → import → build is byte-identical', () => {
  test.each(examples.map((e) => [e.file, e]))('%s: from the .mobileconfig (every file but the manifest)', (_f, e) => {
    const original = build(e.profile, e.env);
    const mc = original.find((f) => f.path.endsWith('.mobileconfig') && !f.path.endsWith('.signed.mobileconfig'))!;
    const imported = importArtifact(mc.bytes, { fileName: mc.path, now: NOW });
    expect(imported.validation.filter((f) => f.severity === 'error')).toEqual([]);
    expect(imported.profile.name).toBe(e.profile.name);
    expect(imported.profile.identifier).toBe(e.profile.identifier);
    expectSameBytes(original, build(JSON.parse(imported.text)), (p) => !NEVER_COMPARED.test(p), `${e.file} via .mobileconfig`, hasBootstrapOnlyKeys(e.profile));
  });

  test.each(examples.map((e) => [e.file, e]))('%s: from the .reg (every file the settings and scope determine)', (_f, e) => {
    const original = build(e.profile, e.env);
    const reg = original.find((f) => f.path.endsWith('.reg') && !f.path.endsWith('.undo.reg'))!;
    const imported = importArtifact(reg.bytes, { fileName: reg.path, now: NOW });
    expect(imported.profile.scope).toBe(e.profile.scope ?? 'machine');
    expect(imported.profile.name).toBe(e.profile.name);
    expectSameBytes(original, build(JSON.parse(imported.text)), (p) => !METADATA_DEPENDENT.test(p), `${e.file} via .reg`, hasBootstrapOnlyKeys(e.profile));
  });

  test.each(examples.map((e) => [e.file, e]))('%s: from the JSON settings (scope given, as the file has none)', (_f, e) => {
    const original = build(e.profile, e.env);
    const settings = jsonSettingsFile(original, e.profile, e.env);
    const imported = importArtifact(settings, { fileName: JSON_OUTPUT_PATHS.settings, name: e.profile.name, scope: e.profile.scope ?? 'machine', now: NOW });
    const rebuilt = build(JSON.parse(imported.text));
    expectSameBytes(original, rebuilt, (p) => !METADATA_DEPENDENT.test(p), `${e.file} via settings.json`, hasBootstrapOnlyKeys(e.profile));
    // And the JSON outputs themselves, whether or not build writes them yet.
    const keep = (path: string) => !path.startsWith('config-library/') && !(hasBootstrapOnlyKeys(e.profile) && path.startsWith('bootstrap/'));
    const a = jsonArtifacts(resolveProfile(e.profile, e.env)).filter((f) => keep(f.path));
    const b = jsonArtifacts(resolveProfile(JSON.parse(imported.text), {})).filter((f) => keep(f.path));
    expect(b.map((f) => [f.path, f.bytes.toString('base64')])).toEqual(a.map((f) => [f.path, f.bytes.toString('base64')]));
  });

  test.each(examples.map((e) => [e.file, e]))('%s: every importable built file gives the same settings', (_f, e) => {
    const original = build(e.profile, e.env);
    const resolved = resolveProfile(e.profile, e.env).settings as Record<string, unknown>;
    const want = Object.fromEntries(CATALOG.filter((d) => isMdmKey(d) && resolved[d.name] !== undefined).map((d) => [d.name, resolved[d.name]]));
    const importable = original.filter((f) => /(\.mobileconfig|\.reg|\.plist|intune-preference\.xml|custom-configuration\.json|\.csv)$/.test(f.path) && !f.path.endsWith('.undo.reg') && !f.path.endsWith('.manifest.plist'));
    expect(importable.length).toBeGreaterThanOrEqual(7);
    for (const f of importable) expect({ path: f.path, settings: importArtifact(f.bytes, { fileName: f.path, now: NOW }).profile.settings }).toEqual({ path: f.path, settings: want });
  });
});

describe('what import says', () => {
  test('deprecated names and shapes are migrated, and each change is reported', () => {
    const r = importArtifact(Buffer.from(mobileconfig({ ...BASE, [LEGACY.isDxtEnabled]: 'true', [K.inferenceCustomHeaders]: '["X-Org: platform"]', [K.inferenceGatewayAuthScheme]: 'sso' })), { fileName: 'old.mobileconfig', now: NOW });
    expect(r.profile.settings).toMatchObject({ [K.isDesktopExtensionEnabled]: true, [K.inferenceCustomHeaders]: { 'X-Org': 'platform' }, [K.inferenceCredentialKind]: 'interactive' });
    expect(r.profile.settings).not.toHaveProperty(LEGACY.isDxtEnabled);
    expect(r.profile.settings).not.toHaveProperty(K.inferenceGatewayAuthScheme);
    expect(r.changes.map((c) => c.code).sort()).toEqual(['deprecated-name', 'deprecated-shape', 'deprecated-value']);
  });

  test('native plist values are imported as their values', () => {
    const r = importArtifact(fixture('native-types.mobileconfig'), { fileName: 'native-types.mobileconfig', now: NOW });
    expect(r.profile.settings).toMatchObject({ [K.disableDeploymentModeChooser]: true, [K.inferenceTokenWindowHours]: 24, [K.inferenceModels]: [{ name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' }, { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }] });
    expect(r.profile).toMatchObject({ name: 'native-types', identifier: 'com.example.claude.native', displayName: 'Claude Desktop (hand-made, native types)', scope: 'machine' });
    expect(r.changes.filter((c) => c.code === 'import-native-value').map((c) => c.key)).toEqual([K.inferenceModels, K.disableDeploymentModeChooser, K.inferenceTokenWindowHours]);
  });

  test('secrets are kept literally, with a warning that suggests an env reference and never shows the value', () => {
    const r = importArtifact(Buffer.from(mobileconfig(BASE)), { fileName: 'a.mobileconfig', now: NOW });
    expect(r.profile.settings[K.inferenceGatewayApiKey]).toBe(BASE[K.inferenceGatewayApiKey]);
    const w = r.warnings.find((f) => f.code === 'import-literal-secret');
    expect(w?.hint).toContain('{"env": "INFERENCE_GATEWAY_API_KEY"}');
    expect(JSON.stringify([r.warnings, r.changes, r.validation])).not.toContain(BASE[K.inferenceGatewayApiKey]);
  });

  test('unknown keys, invisible registry values and dotted keys', () => {
    const r = importArtifact(regFile({ ...BASE, disableAutoUpdate: 'true', [`${K.bootstrapOidc}.clientId`]: 'abc', [`${K.bootstrapOidc}.issuer`]: 'https://idp.example.com' }, [`"${K.coworkEgressAllowedHosts}"=hex(7):61,00,00,00,00,00`]), { fileName: 'policy.reg', now: NOW });
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['import-unknown-key', 'import-value-left-out', 'import-dotted-key', 'import-no-identifier']));
    expect(r.warnings.find((w) => w.code === 'import-unknown-key')?.hint).toMatch(K.disableAutoUpdates);
    expect(r.profile.settings).toMatchObject({ [K.bootstrapOidc]: { clientId: 'abc', issuer: 'https://idp.example.com' } });
    expect(r.profile.settings).not.toHaveProperty(K.coworkEgressAllowedHosts);
    expect(r.profile.identifier).toBe('com.example.claude.policy');
  });

  test('a REG_EXPAND_SZ value is left out with a warning, like the other types the app cannot read (mutation gap D9)', () => {
    const expand = Buffer.from('Acme %USERNAME%\0', 'utf16le').toString('hex').replace(/(..)(?!$)/g, '$1,');
    const r = importArtifact(regFile(BASE, [`"${K.deploymentDisplayName}"=hex(2):${expand}`]), { fileName: 'policy.reg', now: NOW });
    expect(r.profile.settings).not.toHaveProperty(K.deploymentDisplayName);
    expect(r.warnings.filter((w) => w.code === 'import-value-left-out').map((w) => [w.key, w.path])).toEqual([[K.deploymentDisplayName, 'line 8']]);
  });

  test('one value holding JSON text that does not parse is enough to refuse the file (mutation gap IM8)', () => {
    let error: unknown;
    try {
      importArtifact(Buffer.from(mobileconfig({ ...BASE, [K.inferenceModels]: '[{"name":"claude-sonnet-4-5"' })), { fileName: 'x.mobileconfig', now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).findings.map((f) => [f.code, f.key])).toEqual([['invalid-json-text', K.inferenceModels]]);
  });

  test('a config-library entry and managed settings import; files without settings do not', () => {
    const entry = importArtifact(Buffer.from(json({ ...BASE, [K.inferenceModels]: [{ name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }], [K.disableAutoUpdates]: true })), { fileName: 'c0ffee00-0000-4000-8000-000000000000.json', displayName: 'From _meta', now: NOW });
    expect(entry.kind).toBe('config-library-json');
    expect(entry.profile).toMatchObject({ name: 'imported', displayName: 'From _meta', settings: { [K.disableAutoUpdates]: true } });
    expect(importArtifact(fixture('managed-settings.json'), { fileName: '/etc/claude-desktop/managed-settings.json', now: NOW }).profile.settings).toMatchObject({ [K.disableAutoUpdates]: true, [K.autoUpdaterEnforcementHours]: 24 });
    expect(() => importArtifact(fixture('jamf-native-types.json'), { now: NOW })).toThrow(ImportError);
    expect(() => importArtifact(Buffer.from('# notes\n'), { now: NOW })).toThrow(/not an artifact/);
  });

  test('a profile JSON imports as itself, migrated, env references kept', () => {
    const e = examples.find((x) => x.file === 'litellm.profile.json')!;
    const old = { ...e.profile, settings: { ...e.profile.settings, [LEGACY.isDxtEnabled]: true } };
    const r = importArtifact(Buffer.from(JSON.stringify(old)), { fileName: 'whatever.json', now: NOW });
    expect(r.kind).toBe('profile-json');
    expect(r.profile.name).toBe('litellm');
    expect(r.profile.settings).toMatchObject({ [K.inferenceGatewayApiKey]: { env: 'LITELLM_VIRTUAL_KEY' }, [K.isDesktopExtensionEnabled]: true });
    expect(r.changes.map((c) => c.code)).toEqual(['deprecated-name']);
    expect(r.warnings.filter((w) => w.code === 'import-literal-secret')).toEqual([]);
  });

  test('a profile JSON keeps what it does not understand, so validation reports each with its place, as validate does', () => {
    const text = `{"name":7,"displayName":12,"organization":{"name":"Acme"},"identifier":"com.example.keep","scope":"global","setting":{},"__proto__":{"x":1},"settings":{"${K.inferenceProvider}":"gateway","${K.inferenceGatewayBaseUrl}":"https://gw.example.com","${K.inferenceGatewayApiKey}":"k","constructor":{"prototype":{"x":1}},"__proto__":{"${K.inferenceProvider}":"vertex"}}}`;
    const r = importArtifact(Buffer.from(text), { fileName: 'p.profile.json', now: NOW });
    expect(r.kind).toBe('profile-json');
    const errors = r.validation.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.path}`);
    expect(errors).toEqual(expect.arrayContaining(['wrong-type:name', 'wrong-type:displayName', 'wrong-type:organization', 'not-allowed-value:scope', 'unknown-field:setting', 'unknown-field:__proto__', 'unknown-key:settings.constructor', 'unknown-key:settings.__proto__']));
    // The same errors validate gives for the file.
    const validated = validateProfile(JSON.parse(text), { now: NOW }).findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.path}`);
    expect(errors.sort()).toEqual(validated.sort());
    // Written out as found (own keys, not prototypes).
    const back = JSON.parse(r.text) as Record<string, unknown> & { settings: Record<string, unknown> };
    expect(Object.keys(back)).toEqual(expect.arrayContaining(['setting', '__proto__']));
    expect(Object.keys(back.settings)).toEqual([K.inferenceProvider, K.inferenceGatewayBaseUrl, K.inferenceGatewayApiKey, 'constructor', '__proto__']);
    expect(r.profile.settings.inferenceProvider).toBe('gateway');
  });

  test('damaged files are refused, with what to fix', () => {
    const utf16be = Buffer.from(regFile(BASE).subarray(2));
    utf16be.swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]);
    expect(() => importArtifact(be, { fileName: 'x.reg', now: NOW })).toThrow(/UTF-16BE/);
    expect(() => importArtifact(Buffer.from(mobileconfig(BASE, { displayName: 'Caf\u00e9' }), 'latin1'), { fileName: 'x.mobileconfig', now: NOW })).toThrow(/not valid UTF-8/);
    expect(() => importArtifact(Buffer.from(mobileconfig(BASE, { extra: `<key>${K.inferenceProvider}</key><string>bedrock</string>` })), { fileName: 'x.mobileconfig', now: NOW })).toThrow(/occurs more than once/);
  });

  test('names, descriptions, env names', () => {
    expect(nameFromFileName('out/acme/macos/acme.signed.mobileconfig')).toBe('acme');
    expect(nameFromFileName('acme.undo.reg')).toBe('acme');
    expect(nameFromFileName('C:\\GPO\\Claude Policy (prod).reg')).toBe('Claude-Policy-prod');
    expect(nameFromFileName('json/settings.json')).toBeUndefined();
    expect(nameFromFileName('com.anthropic.claudefordesktop.plist')).toBeUndefined();
    expect(userDescription('Ours.\n\nSets 2 Claude Desktop settings in com.anthropic.claudefordesktop: a, b.')).toBe('Ours.');
    expect(userDescription('Sets no Claude Desktop settings in com.anthropic.claudefordesktop.')).toBeUndefined();
    // The summary build writes for one setting is singular (mutation gap IM4).
    const one = settingsSummary([{ key: K.disableAutoUpdates, value: 'true', secret: false, def: getKey(K.disableAutoUpdates) }]);
    expect(one).toMatch(/^Sets 1 Claude Desktop setting in /);
    expect(userDescription(`Ours.\n\n${one}`)).toBe('Ours.');
    expect(userDescription(one)).toBeUndefined();
    expect(userDescription('Hand-written.')).toBe('Hand-written.');
    expect(envNameFor(K.inferenceVertexOAuthClientSecret)).toBe('INFERENCE_VERTEX_OAUTH_CLIENT_SECRET');
  });
});

describeIfTool(TOOLS.cms)('signed profiles', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });
  const signed = () => signMobileconfig(Buffer.from(mobileconfig(BASE)), { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;

  test('an intact signed profile imports its content', () => {
    const r = importArtifact(signed(), { fileName: 'a.signed.mobileconfig', now: NOW });
    expect(r.kind).toBe('signed-mobileconfig');
    expect(r.profile.settings).toMatchObject({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gateway.example.com' });
  });

  test('content changed after signing is refused, naming the signature, as check reports it', () => {
    const bytes = signed();
    const at = bytes.indexOf(Buffer.from('gateway.example.com'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(bytes);
    tampered[at] = 'X'.charCodeAt(0);
    let error: unknown;
    try {
      importArtifact(tampered, { fileName: 'a.signed.mobileconfig', now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/signature does not match/);
    expect((error as ImportError).findings.map((f) => `${f.path}:${f.code}`)).toEqual(expect.arrayContaining(['signature:content-digest-mismatch']));
  });

});

describe('the CLI names the place of every reason a file is not imported', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgp-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['dup.mobileconfig', mobileconfig(BASE, { extra: `<key>${K.inferenceProvider}</key><string>bedrock</string>` }), /^error: dup\.mobileconfig: PayloadContent\[0\]\S*: .*occurs more than once.* \[[a-z-]+\]$/m],
    ['notes.txt', '# notes\n', /^error: notes\.txt: \(file\): not an artifact import can read: .* \[not-importable\]$/m],
    ['empty.mobileconfig', mobileconfig({}), /^error: empty\.mobileconfig: \(file\): the file sets no Claude Desktop settings .*\[nothing-to-import\]$/m],
  ])('%s', async (name, text, line) => {
    writeFileSync(join(dir, name), text);
    const r = await runCli(['import', name], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(line);
    expect(r.stderr).toMatch(new RegExp(`^claude-gateway-profile import: ${name.replace('.', '\\.')}: not imported`, 'm'));
  });
});

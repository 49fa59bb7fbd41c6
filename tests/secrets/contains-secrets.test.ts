/**
 * `containsSecrets` on every built file (BuildResult, manifest.json, build --json, DEPLOY.md): true
 * exactly for the files that carry setting values when the profile sets a secret. Release jobs
 * publish the files where it is false, so the flag must never say false for a file that holds a
 * secret: every unflagged file of an all-keys build, with a unique marker in every secret place,
 * signed copy and bootstrap response included, is searched for every marker in UTF-8, UTF-16LE,
 * base64 at any alignment, and inside every base64 payload it embeds (decoded), with zero hits.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts, OUTPUT_FORMATS, type BuiltFile } from '../../lib/build';
import type { Manifest } from '../../lib/build/manifest';
import { configLibraryEntryPath } from '../../lib/writers/json-outputs';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR, loadExamples } from '../support/examples';
import { TOOLS, describeIfTool, makeTestPki } from '../support/validators';
import { embeddedPayloads, MARK, markedProfile, markersIn } from '../support/secret-markers';
import { K } from '../support/keys';
import { prepareProfile } from '../../lib/validate';

const NOW = new Date('2026-01-15T00:00:00Z');
const example = (file: string) => loadExamples().find((e) => e.file === file)!;
const flagged = (files: readonly Pick<BuiltFile, 'path' | 'containsSecrets'>[]) => files.filter((f) => f.containsSecrets).map((f) => f.path);

/** The files of a default build that carry setting values, for a profile named `name`. */
function valueFiles(name: string, identifier: string): string[] {
  return [
    `macos/${name}.mobileconfig`,
    `windows/${name}.reg`,
    'json/settings.json',
    'linux/managed-settings.json',
    configLibraryEntryPath({ identifier }),
    'jamf/com.anthropic.claudefordesktop.plist',
    'intune/com.anthropic.claudefordesktop.intune-preference.xml',
    `intune/${name}.macos-custom-configuration.json`,
    `intune/${name}.windows-custom-configuration.json`,
    `intune/${name}.windows-oma-uri.csv`,
  ];
}

describe('which files are flagged', () => {
  test('an example with secrets (truefoundry): exactly the files that carry setting values', () => {
    const ex = example('truefoundry.profile.json');
    expect(ex.resolved.secrets.length).toBeGreaterThan(0);
    const r = buildArtifacts(ex.profile, { env: ex.env, now: NOW });
    expect(flagged(r.files)).toEqual(valueFiles(r.name, r.identifier));
    // Everything else is false, never missing.
    for (const f of r.files) expect(typeof f.containsSecrets).toBe('boolean');
    expect(r.files.filter((f) => !f.containsSecrets).map((f) => f.path)).toEqual([
      'macos/com.anthropic.claudefordesktop.manifest.plist',
      'windows/truefoundry.undo.reg',
      'windows/PolicyDefinitions/Claude.admx',
      'windows/PolicyDefinitions/en-US/Claude.adml',
      'config-library/_meta.json',
      'jamf/com.anthropic.claudefordesktop.jamf-schema.json',
      'egress.txt',
      'DEPLOY.md',
      'manifest.json',
    ]);
  });

  test('an example without any secret (bedrock): no file is flagged, though the same files carry values', () => {
    const ex = example('bedrock.profile.json');
    expect(ex.resolved.secrets).toEqual([]);
    const r = buildArtifacts(ex.profile, { env: ex.env, now: NOW });
    expect(flagged(r.files)).toEqual([]);
    expect(r.files.filter((f) => f.holdsSettingValues).map((f) => f.path)).toEqual(valueFiles(r.name, r.identifier));
  });

  test('one secret is enough: a profile whose only secret is the gateway API key flags every file that carries values', () => {
    const profile = {
      name: 'one-secret',
      identifier: 'com.example.one-secret',
      settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'sk-the-only-secret', [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }] },
    };
    expect(prepareProfile(profile, { now: NOW }).profile.secrets.map((s) => s.path)).toEqual([`settings.${K.inferenceGatewayApiKey}`]);
    const r = buildArtifacts(profile, { now: NOW });
    expect(flagged(r.files)).toEqual(valueFiles(r.name, r.identifier));
    const manifest = JSON.parse(r.files.find((f) => f.path === 'manifest.json')!.bytes.toString('utf8')) as Manifest;
    expect(manifest.files.filter((f) => f.containsSecrets).map((f) => f.path)).toEqual(valueFiles(r.name, r.identifier));
  });

  test('manifest.json records the flag of every other file, as a boolean after mediaType', () => {
    const ex = example('truefoundry.profile.json');
    const r = buildArtifacts(ex.profile, { env: ex.env, now: NOW });
    const manifest = JSON.parse(r.files.find((f) => f.path === 'manifest.json')!.bytes.toString('utf8')) as Manifest;
    expect(manifest.files.map((f) => [f.path, f.containsSecrets])).toEqual(r.files.filter((f) => f.path !== 'manifest.json').map((f) => [f.path, f.containsSecrets]));
    for (const f of manifest.files) expect(Object.keys(f)).toEqual(['path', 'size', 'sha256', 'mediaType', 'containsSecrets']);
  });

  test('the flag follows the formats built: --formats admx has no secret-bearing file; DEPLOY.md says so', () => {
    const ex = example('truefoundry.profile.json');
    const r = buildArtifacts(ex.profile, { env: ex.env, now: NOW, formats: ['admx'] });
    expect(flagged(r.files)).toEqual([]);
    expect(r.files.find((f) => f.path === 'DEPLOY.md')!.bytes.toString('utf8')).toContain('No file of this build holds them');
  });

  test('DEPLOY.md names exactly the flagged files under Secrets', () => {
    const ex = example('truefoundry.profile.json');
    const r = buildArtifacts(ex.profile, { env: ex.env, now: NOW });
    const md = r.files.find((f) => f.path === 'DEPLOY.md')!.bytes.toString('utf8');
    const para = md.slice(md.indexOf('These built files hold them in clear text'));
    const listed = para.slice(para.indexOf('\n\n') + 2, para.indexOf('\n\n', para.indexOf('\n\n') + 2)).split('\n').map((l) => /^- `([^`]+)`$/.exec(l)?.[1]);
    expect(listed).toEqual(flagged(r.files));
    expect(md).toContain('`"containsSecrets": true` in `manifest.json`');
  });

  test('the CLI: build --json and each manifest.json on disk agree with the library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-flag-cli-'));
    try {
      const env = { ...example('truefoundry.profile.json').env };
      const inputs = ['truefoundry.profile.json', 'bedrock.profile.json'].map((f) => join(EXAMPLES_DIR, f));
      const r = await runCli(['build', ...inputs, '--out', 'out', '--json'], { cwd: dir, env });
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout) as { profiles: { name: string; identifier: string; files: { path: string; containsSecrets: unknown }[] }[] };
      const byName = Object.fromEntries(body.profiles.map((p) => [p.name, p]));
      expect(flagged(byName.truefoundry!.files as BuiltFile[])).toEqual(valueFiles('truefoundry', byName.truefoundry!.identifier));
      expect(flagged(byName.bedrock!.files as BuiltFile[])).toEqual([]);
      for (const p of body.profiles) {
        for (const f of p.files) expect(typeof f.containsSecrets).toBe('boolean');
        const manifest = JSON.parse(readFileSync(join(dir, 'out', p.name, 'manifest.json'), 'utf8')) as Manifest;
        expect(manifest.files.map((f) => [f.path, f.containsSecrets])).toEqual(p.files.filter((f) => f.path !== 'manifest.json').map((f) => [f.path, f.containsSecrets]));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a file not flagged holds no secret, in any encoding (all keys, every secret place marked)', () => {
  test('the search: finds a marker in line-broken base64 inside XML and in a base64 JSON string of UTF-16 text', () => {
    const m = `${MARK}payloadselftest`;
    const wrapped = Buffer.from(`x ${m} y`).toString('base64').replace(/(.{8})/g, '$1\n\t');
    expect(markersIn(Buffer.from(`<data>\n\t${wrapped}\n</data>`), [m])).not.toEqual([]);
    expect(markersIn(Buffer.from(JSON.stringify({ payload: Buffer.from(`..${m}..`, 'utf16le').toString('base64') })), [m])).not.toEqual([]);
    expect(markersIn(Buffer.from('<data>bm90aGluZyB0byBzZWUgaGVyZSwgbW92ZSBhbG9uZw==</data>'), [m])).toEqual([]);
  });

  describeIfTool(TOOLS.cms)('built with signing, in both payload forms', () => {
    let signing: { certificatePem: string; privateKeyPem: string; chainPem: string };
    beforeAll(() => {
      const pki = makeTestPki();
      signing = { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem };
    });

    test.each(['direct', 'mcx'] as const)('%s', (payloadForm) => {
      const { profile, markers: byPlace } = markedProfile('literal');
      const markers = [...byPlace.values()];
      const r = buildArtifacts(profile, { now: NOW, payloadForm, signing, formats: [...OUTPUT_FORMATS] });
      // The build has every kind of file: a signed copy and a bootstrap response too.
      expect(r.files.map((f) => f.path)).toEqual(expect.arrayContaining([`macos/${r.name}.signed.mobileconfig`, 'bootstrap/bootstrap-response.json']));
      // The decoder reaches the Intune body's payload: the .mobileconfig itself.
      const graph = r.files.find((f) => f.path === `intune/${r.name}.macos-custom-configuration.json`)!;
      const mobileconfig = r.files.find((f) => f.path === `macos/${r.name}.mobileconfig`)!;
      expect(embeddedPayloads(graph.bytes).some((p) => p.equals(mobileconfig.bytes))).toBe(true);

      const report = r.files.map((f) => ({ path: f.path, containsSecrets: f.containsSecrets, found: markersIn(f.bytes, markers).length > 0 }));
      // Unflagged files hold no marker at all…
      expect(report.filter((f) => !f.containsSecrets && f.found)).toEqual([]);
      // …and every flagged file holds some (the flag is not set on files that cannot hold secrets).
      expect(report.filter((f) => f.containsSecrets && !f.found)).toEqual([]);
      expect(report.filter((f) => !f.containsSecrets).map((f) => f.path)).toEqual(expect.arrayContaining(['DEPLOY.md', 'manifest.json', 'egress.txt', 'config-library/_meta.json', `windows/${r.name}.undo.reg`]));
    });
  });

  test('through the CLI: the files on disk that manifest.json marks false hold no marker', async () => {
    const { profile, env, markers: byPlace } = markedProfile('env');
    const markers = [...byPlace.values()];
    const dir = mkdtempSync(join(tmpdir(), 'cgp-flag-disk-'));
    try {
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
      const r = await runCli(['build', 'p.json', '--out', 'out'], { cwd: dir, env });
      expect(r.code).toBe(0);
      const folder = join(dir, 'out', profile.name as string);
      const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
      const clean = manifest.files.filter((f) => !f.containsSecrets).map((f) => f.path);
      expect(clean.length).toBeGreaterThanOrEqual(8);
      for (const path of [...clean, 'manifest.json']) expect({ path, found: markersIn(readFileSync(join(folder, path)), markers) }).toEqual({ path, found: [] });
      for (const f of manifest.files.filter((x) => x.containsSecrets)) expect({ path: f.path, found: markersIn(readFileSync(join(folder, f.path)), markers).length > 0 }).toEqual({ path: f.path, found: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

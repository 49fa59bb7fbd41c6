/**
 * The check, import and diff verbs through the CLI entry (in-process): exit codes, text output,
 * `--json` output validated against schemas/check-result.schema.json with ajv, file handling,
 * and secrets kept out of every message.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { checkCommand } from '../../lib/cli/check-cmd';
import { diffCommand } from '../../lib/cli/diff-cmd';
import { importCommand } from '../../lib/cli/import-cmd';
import { registerVerb } from '../../lib/cli/main';
import { loadExamples } from '../support/examples';
import { runCli } from '../support/cli';
import { ARTIFACTS, BASE, json, mobileconfig, NOW, regFile } from './support';
import { K, LEGACY } from '../support/keys';
import { expectCheckResult, type CheckResultShape } from '../support/check-result-schema';

function expectValid(which: CheckResultShape, text: string): Record<string, unknown> {
  const body = JSON.parse(text) as Record<string, unknown>;
  expectCheckResult(which, body);
  return body;
}

let dir: string;
const path = (...p: string[]) => join(dir, ...p);
const put = (name: string, data: string | Buffer) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(path(name), data);
  return name;
};
const cli = (...argv: string[]) => runCli(argv, { cwd: dir });
const SECRET = 'sk-live-DONOTPRINT-abcdef0123456789';

beforeAll(() => {
  // main.ts registers these verbs; registering again keeps the tests independent of that wiring.
  registerVerb('check', checkCommand, 'check <file…>');
  registerVerb('import', importCommand, 'import <artifact>');
  registerVerb('diff', diffCommand, 'diff <a> <b>');
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-check-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('check', () => {
  test('native <array> (an error), <true/> and <integer> (warnings): each reported with key and fix, exit 1', async () => {
    const r = await runCli(['check', join(ARTIFACTS, 'native-types.mobileconfig')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.includes('[not-a-string]'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`PayloadContent[0].${K.inferenceModels}: ${K.inferenceModels} is a native <array> value`);
    expect(lines[0]).toContain('(write <string>[{"name":"claude-sonnet-4-5","anthropicFamilyTier":"sonnet"},{"name":"claude-haiku-4-5","anthropicFamilyTier":"haiku"}]</string>)');
    expect(lines[1]).toContain(`${K.disableDeploymentModeChooser} is a native <true/> value`);
    expect(lines[1]).toContain('(write <string>true</string>)');
    expect(lines[2]).toContain(`${K.inferenceTokenWindowHours} is a native <integer> value`);
    expect(lines[2]).toContain('(write <string>24</string>)');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['error', 'warning', 'warning']);
    expect(r.stdout).toMatch(/native-types\.mobileconfig \(mobileconfig\): 1 error\(s\), 2 warning\(s\)/);
  });

  test('exit 0 when clean; warnings pass unless --strict', async () => {
    expect((await runCli(['check', join(ARTIFACTS, 'strings-only.mobileconfig')])).code).toBe(0);
    put('noscope.mobileconfig', mobileconfig(BASE, { scope: null }));
    const plain = await cli('check', 'noscope.mobileconfig');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/warning: noscope\.mobileconfig: PayloadScope: .*\[payload-scope-missing\]/);
    expect((await cli('check', 'noscope.mobileconfig', '--strict')).code).toBe(1);
    // --strict fails on warnings, not on a clean file: no error and no warning is exit 0 either way.
    const clean = await runCli(['check', join(ARTIFACTS, 'strings-only.mobileconfig'), '--strict', '--json']);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, exitCode: 0, strict: true, summary: { errors: 0, warnings: 0 } });
    expect(clean.code).toBe(0);
  });

  test('--json: a file with warnings only is ok without --strict and not ok with it, as the exit code says (mutation gap CC3)', async () => {
    put('noscope.mobileconfig', mobileconfig(BASE, { scope: null }));
    for (const strict of [false, true]) {
      const r = await cli('check', 'noscope.mobileconfig', '--json', ...(strict ? ['--strict'] : []));
      const body = expectValid('check', r.stdout) as { ok: boolean; files: { ok: boolean; errors: number; warnings: number }[] };
      expect(body.files).toEqual([expect.objectContaining({ errors: 0, warnings: 1, ok: !strict })]);
      expect(body.ok).toBe(!strict);
      expect(r.code).toBe(strict ? 1 : 0);
    }
  });

  test('exit 2 for a missing file, a file of no known kind, or a bad flag; folders skip non-artifacts', async () => {
    expect((await cli('check', 'nope.mobileconfig')).code).toBe(2);
    put('README.md', '# notes\n');
    expect((await cli('check', 'README.md')).code).toBe(2);
    expect((await cli('check', '--kind', 'docx', 'README.md')).code).toBe(2);
    expect((await cli('check')).code).toBe(2);
    put('out/a.mobileconfig', mobileconfig(BASE));
    put('out/DEPLOY.md', '# deploy\n');
    const r = await cli('check', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('out/DEPLOY.md: skipped');
  });

  test('damaged artifacts met in a folder are checked, never skipped as non-artifacts: exit 1 (mutation gaps CI9, DT10)', async () => {
    // A UTF-16 .reg cut short (odd byte count) and a managed-settings.json that does not parse.
    const reg = Buffer.from(regFile(BASE).subarray(0, 41));
    expect(reg.length % 2).toBe(1);
    put('out/windows/policy.reg', reg);
    put('out/linux/managed-settings.json', `{\n  "${K.inferenceProvider}": "gateway",\n}\n`);
    put('out/README.md', '# notes\n');
    const r = await cli('check', 'out', '--json');
    const body = expectValid('check', r.stdout) as { files: { file: string; readable: boolean; findings: { code: string }[] }[]; skipped: { file: string }[] };
    expect(body.skipped.map((f) => f.file)).toEqual([join('out', 'README.md')]);
    expect(body.files.map((f) => [f.file, f.readable, f.findings.map((x) => x.code)])).toEqual([
      [join('out', 'linux', 'managed-settings.json'), true, ['invalid-json']],
      [join('out', 'windows', 'policy.reg'), true, ['utf16-cut-short']],
    ]);
    expect(r.code).toBe(1);
  });

  test('a whole build folder checks clean, manifest included', async () => {
    const e = loadExamples()[0]!;
    for (const f of buildArtifacts(e.profile, { env: e.env, now: NOW }).files) put(join('out', f.path), f.bytes);
    const r = await cli('check', 'out', '--json');
    const body = expectValid('check', r.stdout);
    expect(body.exitCode).toBe(0);
    expect(r.code).toBe(0);
  });

  test('--json: every kind of result validates against the schema', async () => {
    put('bad.mobileconfig', mobileconfig({ ...BASE, [K.inferenceGatewayApiKey]: SECRET, disableAutoUpdate: 'true' }, { scope: 'User', extra: `<key>${K.disableDeploymentModeChooser}</key><true/>` }));
    put('bad.reg', regFile(BASE, [`"${K.otlpProtocol}"=dword:00000001`]));
    put('README.md', '# x\n');
    const r = await cli('check', '--json', 'bad.mobileconfig', 'bad.reg', 'README.md', 'missing.reg', join(ARTIFACTS, 'jamf-native-types.json'));
    expect(r.code).toBe(2);
    const body = expectValid('check', r.stdout) as { files: { file: string; findings: { code: string; fix?: string; key?: string }[] }[] };
    const bad = body.files.find((f) => f.file === 'bad.mobileconfig')!;
    expect(bad.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['not-a-string', 'key-typo', 'secret-in-user-scope']));
    expect(bad.findings.find((f) => f.code === 'not-a-string')).toMatchObject({ key: K.disableDeploymentModeChooser, fix: 'write <string>true</string>' });
    expect(r.stdout).not.toContain('DONOTPRINT');
    expect(body.files.find((f) => f.file === 'missing.reg')?.findings[0]?.code).toBe('unreadable-file');
    const errorsOnly = await cli('check', '--json', 'bad.reg');
    expect(errorsOnly.code).toBe(1);
    expectValid('check', errorsOnly.stdout);
  });
});

describe('import', () => {
  test('--out writes the profile; existing files need --force; messages go to stderr without secrets', async () => {
    put('acme.mobileconfig', mobileconfig({ ...BASE, [K.inferenceGatewayApiKey]: SECRET, [LEGACY.isDxtEnabled]: 'false' }));
    const r = await cli('import', 'acme.mobileconfig', '--out', 'acme.profile.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`changed: .*${LEGACY.isDxtEnabled} was renamed to ${K.isDesktopExtensionEnabled}`));
    expect(r.stderr).toMatch(/import-literal-secret/);
    expect(r.stderr).toContain('{"env": "INFERENCE_GATEWAY_API_KEY"}');
    expect(r.stderr).not.toContain('DONOTPRINT');
    const profile = JSON.parse(readFileSync(path('acme.profile.json'), 'utf8')) as { name: string; settings: Record<string, unknown> };
    expect(profile.name).toBe('acme');
    expect(profile.settings[K.inferenceGatewayApiKey]).toBe(SECRET);
    expect(profile.settings[K.isDesktopExtensionEnabled]).toBe(false);
    expect((await cli('import', 'acme.mobileconfig', '--out', 'acme.profile.json')).code).toBe(2);
    expect((await cli('import', 'acme.mobileconfig', '--out', 'acme.profile.json', '--force')).code).toBe(0);
    // The imported profile validates and builds.
    expect((await cli('validate', 'acme.profile.json')).code).toBe(0);
  });

  test('without --out the profile goes to stdout; --json validates against the schema', async () => {
    put('p.reg', regFile(BASE));
    const r = await cli('import', 'p.reg', '--identifier', 'com.acme.claude.p');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'p', identifier: 'com.acme.claude.p', scope: 'machine' });
    const j = await cli('import', 'p.reg', '--json', '--out', 'p.json');
    expect(j.code).toBe(0);
    const body = expectValid('importResult', j.stdout);
    expect(body.out).toBe('p.json');
    expect(j.stdout).not.toContain(BASE[K.inferenceGatewayApiKey]!);
    expectValid('importResult', (await cli('import', 'p.reg', '--json')).stdout);
  });

  test('exit 2 for files with nothing to import; exit 1 when the imported profile is invalid', async () => {
    const jamf = await cli('import', join(ARTIFACTS, 'jamf-native-types.json'));
    expect(jamf.code).toBe(2);
    expect(jamf.stderr).toMatch(/sets none/);
    expectValid('importFailure', (await cli('import', '--json', join(ARTIFACTS, 'jamf-native-types.json'))).stdout);
    put('half.reg', regFile({ [K.inferenceProvider]: 'gateway' }));
    const half = await cli('import', 'half.reg', '--out', 'half.json');
    expect(half.code).toBe(1);
    expect(existsSync(path('half.json'))).toBe(true);
    expect(half.stderr).toMatch(/missing-required-key/);
    expect((await cli('import', 'half.reg', '--scope', 'everyone')).code).toBe(2);
  });

  test('exit 0 when the imported profile has warnings only (mutation gap IC3)', async () => {
    // One model, no Haiku-tier one: validate warns (no-haiku-model) but the profile builds.
    put('warn.reg', regFile({ ...BASE, [K.inferenceModels]: '[{"name":"claude-sonnet-4-5","anthropicFamilyTier":"sonnet"}]' }));
    const r = await cli('import', 'warn.reg', '--identifier', 'com.acme.claude.warn', '--json');
    const body = expectValid('importResult', r.stdout) as { ok: boolean; validation: { severity: string; code: string }[] };
    expect(body.validation.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:no-haiku-model']);
    expect(body.ok).toBe(true);
    expect(r.code).toBe(0);
    expect((await cli('import', 'warn.reg', '--identifier', 'com.acme.claude.warn')).code).toBe(0);
  });

  test('a config-library entry takes its display name from _meta.json', async () => {
    const id = '0f0e0d0c-0000-4000-8000-000000000001';
    put(`lib/${id}.json`, json({ ...BASE, [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }] }));
    put('lib/_meta.json', json({ appliedId: id, entries: [{ id, name: 'Acme gateway' }] }));
    const r = await cli('import', `lib/${id}.json`);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'imported', displayName: 'Acme gateway' });
  });
});

describe('diff', () => {
  const withKey = (key: string, extra: Record<string, string> = {}) => mobileconfig({ ...BASE, [K.inferenceGatewayApiKey]: key, ...extra });

  test('exit 0 when the same (also across kinds and old names), 1 when different, 2 on trouble', async () => {
    put('a.mobileconfig', mobileconfig({ ...BASE, [LEGACY.isDxtEnabled]: 'true' }));
    put('b.reg', regFile({ ...BASE, [K.isDesktopExtensionEnabled]: 'true' }));
    const same = await cli('diff', 'a.mobileconfig', 'b.reg');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('same settings');
    expect(same.stdout).toMatch(new RegExp(String.raw`note: a\.mobileconfig: ${LEGACY.isDxtEnabled} was renamed to ${K.isDesktopExtensionEnabled}`));
    put('c.reg', regFile({ ...BASE, [K.isDesktopExtensionEnabled]: 'false', [K.disableAutoUpdates]: 'true' }));
    const differ = await cli('diff', 'b.reg', 'c.reg');
    expect(differ.code).toBe(1);
    expect(differ.stdout).toContain(`~ ${K.isDesktopExtensionEnabled}: true → false`);
    expect(differ.stdout).toContain(`+ ${K.disableAutoUpdates}: true`);
    expect((await cli('diff', 'b.reg', 'missing.reg')).code).toBe(2);
    expect((await cli('diff', 'b.reg')).code).toBe(2);
    expect((await cli('diff', 'b.reg', join(ARTIFACTS, 'jamf-native-types.json'))).code).toBe(2);
  });

  test('text: a change that clips to the same shown text is one value, never "x → x"', async () => {
    const long = 'Use the approved tools only. '.repeat(5);
    put('long-a.mobileconfig', mobileconfig({ ...BASE, [K.organizationInstructions]: `${long}A` }));
    put('long-b.mobileconfig', mobileconfig({ ...BASE, [K.organizationInstructions]: `${long}B` }));
    const r = await cli('diff', 'long-a.mobileconfig', 'long-b.mobileconfig');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith(`~ ${K.organizationInstructions}:`));
    expect(lines).toEqual([`~ ${K.organizationInstructions}: ${long.slice(0, 59)}… (${long.length + 1} characters)`]);
    expect(r.stdout).toContain('1 setting(s) and 0 metadata field(s) differ');
  });

  test('secrets: the last four characters when they differ, else "(secret changed)"; unknown values hidden', async () => {
    put('a.mobileconfig', withKey('sk-live-DONOTPRINT-aaaa1111', { acmeToken: 'DONOTPRINT-unknown' }));
    put('b.mobileconfig', withKey('sk-live-DONOTPRINT-bbbb2222', { acmeToken: 'DONOTPRINT-other' }));
    put('c.mobileconfig', withKey('sk-live-DONOTPRINT-cccc2222'));
    put('short.mobileconfig', withKey('short1'));
    put('h1.mobileconfig', withKey('k', { [K.inferenceCustomHeaders]: '{"Authorization":"Bearer DONOTPRINT-1"}' }));
    put('h2.mobileconfig', withKey('k', { [K.inferenceCustomHeaders]: '{"Authorization":"Bearer DONOTPRINT-2"}' }));
    put('h3.mobileconfig', withKey('k', { [K.inferenceCustomHeaders]: '{"Authorization":"Bearer OTHERVALUENT-2"}' }));
    const ab = await cli('diff', 'a.mobileconfig', 'b.mobileconfig', '--json');
    expect(ab.code).toBe(1);
    const body = expectValid('diffResult', ab.stdout) as { settings: { key: string; old?: string; new?: string; secret: boolean }[] };
    expect(body.settings.find((s) => s.key === K.inferenceGatewayApiKey)).toMatchObject({ old: '••••1111', new: '••••2222', secret: true });
    expect(body.settings.find((s) => s.key === 'acmeToken')).toMatchObject({ old: '(value not shown: not a Claude Desktop setting)' });
    const bc = await cli('diff', 'b.mobileconfig', 'c.mobileconfig');
    expect(bc.stdout).toContain(`~ ${K.inferenceGatewayApiKey}: (secret changed)`);
    const short = await cli('diff', 'a.mobileconfig', 'short.mobileconfig');
    expect(short.stdout).toContain(`~ ${K.inferenceGatewayApiKey}: ••••1111 → ••••`);
    const h = await cli('diff', 'h1.mobileconfig', 'h2.mobileconfig');
    expect(h.stdout).toContain(`~ ${K.inferenceCustomHeaders}: {"Authorization":"••••NT-1"} → {"Authorization":"••••NT-2"}`);
    expect(h.stdout).toContain(`changed inside: ${K.inferenceCustomHeaders}.Authorization`);
    const h23 = await cli('diff', 'h2.mobileconfig', 'h3.mobileconfig');
    expect(h23.stdout).toContain(`~ ${K.inferenceCustomHeaders}: (secret changed)`);
    for (const out of [ab, bc, short, h, h23]) expect(out.stdout + out.stderr).not.toContain('DONOTPRINT');
  });

  test('a profile against what build made from it: same; metadata compared when both carry it', async () => {
    const e = loadExamples().find((x) => x.file === 'litellm.profile.json')!;
    const files = buildArtifacts(e.profile, { env: e.env, now: NOW }).files;
    const mc = files.find((f) => f.path.endsWith('.mobileconfig'))!;
    const reg = files.find((f) => f.path.endsWith('.reg') && !f.path.endsWith('.undo.reg'))!;
    put('litellm.mobileconfig', mc.bytes);
    put('litellm.reg', reg.bytes);
    expect((await cli('diff', 'litellm.mobileconfig', 'litellm.reg')).code).toBe(0);
    // The profile names its secret by env reference; the artifact holds the value.
    put('litellm.profile.json', JSON.stringify(e.profile));
    const r = await cli('diff', 'litellm.profile.json', 'litellm.mobileconfig', '--json');
    const body = expectValid('diffResult', r.stdout) as { settings: { key: string; old?: string; new?: string }[]; metadata: unknown[] };
    expect(body.settings.map((s) => s.key)).toEqual([K.inferenceGatewayApiKey]);
    expect(body.settings[0]?.old).toBe('{"env":"LITELLM_VIRTUAL_KEY"}');
    expect(body.metadata).toEqual([]);
    put('other.mobileconfig', mobileconfig(BASE, { identifier: 'com.other', displayName: 'Other' }));
    const meta = await cli('diff', 'litellm.mobileconfig', 'other.mobileconfig', '--json');
    expect((expectValid('diffResult', meta.stdout) as { metadata: { field: string }[] }).metadata.map((m) => m.field)).toEqual(['identifier', 'displayName']);
  });
});

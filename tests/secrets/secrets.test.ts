/**
 * Secrets never leak into what people read. Every secret place the catalogue defines (keys marked
 * `secret`, secret map values such as header values, fields of secret objects and lists) is found
 * by walking CATALOG, filled with its own marker (written literally, and in a second profile as
 * `{ "env": … }`), and the marker is searched in stdout and stderr of every verb (validate, build,
 * explain, check, import, diff; text and --json), in manifest.json, DEPLOY.md and egress.txt, and
 * in every error path (an invalid profile holding secrets, a secret with a control character, a
 * secret a format cannot carry, a missing environment variable): zero hits. The deploy artifacts
 * themselves (.mobileconfig, .reg, Jamf, Intune, JSON) must carry every marker, so the search
 * cannot pass by accident. Markers are also searched as UTF-16LE and base64 (the forms in which
 * artifacts embed text), so an encoded leak is found too.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { CATALOG } from '../../lib/catalog';
import { ProfileValidationError, validateProfile } from '../../lib/validate';
import { runCli } from '../support/cli';
import { K } from '../support/keys';
import { hits, MARK, markable, markedProfile, secretPlaces, specAtPlace } from '../support/secret-markers';

/** The ProfileValidationError building `profile` throws (the test fails when it builds or throws something else). */
function buildError(profile: unknown): ProfileValidationError {
  let error: unknown;
  try {
    buildArtifacts(profile);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ProfileValidationError);
  return error as ProfileValidationError;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Files people read (must hold no secret) vs. deploy artifacts (must hold them). */
const HUMAN_FILES = /(^|\/)(manifest\.json|DEPLOY\.md|egress\.txt)$/;

describe('secrets never appear in output people read', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cgp-secrets-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('the search finds a marker in each form an artifact embeds text in', () => {
    const m = `${MARK}selftest`;
    expect(hits(`a ${m} b`, [m])).toEqual([`${m} (utf8)`]);
    expect(hits(Buffer.from(`x${m}y`, 'utf16le'), [m])).toEqual([`${m} (utf16le)`]);
    for (const pad of ['', 'a', 'ab', 'abc']) expect(hits(Buffer.from(`${pad}${m}tail`).toString('base64'), [m]).length).toBeGreaterThan(0);
    expect(hits('nothing to see', [m])).toEqual([]);
  });

  test('the catalogue walk finds every secret place, and the marked profile covers each one that can hold text', () => {
    const places = secretPlaces();
    // The keys marked secret, the secret header maps and the fields of secret objects are all there.
    for (const k of CATALOG.filter((x) => x.secret)) expect(places.some((p) => p === k.name || p.startsWith(k.name))).toBe(true);
    const { markers } = markedProfile('literal');
    const covered = new Set([...markers.keys()].map((k) => k.split(' @ ')[0]));
    const missing = places.filter((p) => markable(specAtPlace(p)) && !covered.has(p));
    expect(missing).toEqual([]);
    expect(markers.size).toBeGreaterThanOrEqual(12);
  });

  describe.each(['literal', 'env'] as const)('secrets given %s', (via) => {
    let dir: string;
    let out: string;
    let markers: string[];
    let env: Record<string, string>;
    const runs: { what: string; stdout: string; stderr: string; code: number }[] = [];

    beforeAll(async () => {
      dir = join(work, via);
      out = join(dir, 'out');
      mkdirSync(dir, { recursive: true });
      const marked = markedProfile(via);
      markers = [...marked.markers.values()];
      env = marked.env;
      expect(validateProfile(marked.profile).findings.filter((f) => f.severity === 'error')).toEqual([]);
      writeFileSync(join(dir, 'secret.profile.json'), JSON.stringify(marked.profile, null, 2));
      const run = async (what: string, argv: string[]) => runs.push({ what, ...(await runCli(argv, { cwd: dir, env })) });
      await run('validate', ['validate', 'secret.profile.json']);
      await run('validate --json', ['validate', 'secret.profile.json', '--json']);
      await run('build', ['build', 'secret.profile.json', '--out', 'out']);
      await run('build --json', ['build', 'secret.profile.json', '--out', 'out-json', '--json']);
      for (const key of CATALOG.filter((k) => k.secret)) await run(`explain ${key.name}`, ['explain', key.name, '--json']);
      await run('check', ['check', 'out']);
      await run('check --json', ['check', 'out', '--json']);
      const mc = join('out', 'all-keys', 'macos', 'all-keys.mobileconfig');
      const reg = join('out', 'all-keys', 'windows', 'all-keys.reg');
      await run('import mobileconfig', ['import', mc, '--out', 'imported-mc.json']);
      await run('import reg --json', ['import', reg, '--out', 'imported-reg.json', '--json']);
      await run('diff', ['diff', 'secret.profile.json', mc]);
      await run('diff --json', ['diff', mc, reg, '--json']);
    });

    test('every verb runs (exit codes as documented)', () => {
      const codes = Object.fromEntries(runs.map((r) => [r.what, r.code]));
      expect(codes.validate).toBe(0);
      expect(codes.build).toBe(0);
      expect(codes['build --json']).toBe(0);
      expect(codes['import mobileconfig']).toBeLessThanOrEqual(1);
      expect(codes['check']).toBeLessThanOrEqual(1);
      // diff exits 1 when the two sides differ (a profile vs. its .mobileconfig differ in metadata).
      expect(codes['diff --json']).toBeLessThanOrEqual(1);
      expect(runs.every((r) => r.code >= 0 && r.code <= 2)).toBe(true);
    });

    test('stdout and stderr of every verb hold no marker (text and --json)', () => {
      const leaks = runs.flatMap((r) => hits(r.stdout + r.stderr, markers).map((h) => `${r.what}: ${h}`));
      expect(leaks).toEqual([]);
    });

    test('manifest.json, DEPLOY.md and egress.txt hold no marker; the deploy artifacts hold every one', () => {
      const files = filesUnder(join(dir, 'out'));
      const human = files.filter((f) => HUMAN_FILES.test(f));
      expect(human.map((f) => relative(join(dir, 'out'), f)).sort()).toEqual(['all-keys/DEPLOY.md', 'all-keys/egress.txt', 'all-keys/manifest.json']);
      for (const f of human) expect({ file: relative(dir, f), hits: hits(readFileSync(f), markers) }).toEqual({ file: relative(dir, f), hits: [] });
      // The artifacts admins deploy carry the secrets: each marker is in the .mobileconfig, the
      // .reg (UTF-16LE), the Jamf plist, the Intune rows and the managed settings.
      const carry = (suffix: string) => {
        const bytes = readFileSync(files.find((f) => f.endsWith(suffix)) as string);
        return markers.filter((m) => hits(bytes, [m]).length === 0);
      };
      expect(carry('all-keys.mobileconfig')).toEqual([]);
      expect(carry('all-keys.reg')).toEqual([]);
      expect(carry('com.anthropic.claudefordesktop.plist')).toEqual([]);
      expect(carry('all-keys.windows-oma-uri.csv')).toEqual([]);
      expect(carry('managed-settings.json')).toEqual([]);
      // …and the profile written by import is a deploy input too: it keeps them.
      expect(markers.filter((m) => !readFileSync(join(dir, 'imported-mc.json'), 'utf8').includes(m))).toEqual([]);
    });
  });

  /**
   * The markers above are unique, so no list ever repeats one. Here every secret place holds the
   * SAME marker (server names excepted, which must stay unique for the profile to build), and
   * secret lists repeat it on purpose: the duplicate-entry warnings (and, for repeated server
   * names, the errors) must name the entries by index, never quote the value.
   */
  describe('a repeated marker: duplicates inside secret values', () => {
    const REPEATED = `${MARK}rep${Math.random().toString(36).slice(2, 8)}`;
    const NAME_PLACE = `${K.managedMcpServers}[].name`;
    const servers = (p: Record<string, unknown>) => (p.settings as Record<string, unknown>)[K.managedMcpServers] as Record<string, unknown>[];

    /** The marked profile with every marker but the server names replaced by REPEATED, plus lists that repeat it. */
    function repeatedProfile(): { profile: Record<string, unknown>; names: string[]; all: string[] } {
      const { profile, markers } = markedProfile('literal');
      const names: string[] = [];
      let text = JSON.stringify(profile);
      for (const [place, m] of markers) {
        if (place.split(' @ ')[0] === NAME_PLACE) names.push(m);
        else text = text.split(m).join(REPEATED);
      }
      const p = JSON.parse(text) as Record<string, unknown>;
      const stdioName = `${MARK}stdioname${Math.random().toString(36).slice(2, 8)}`;
      names.push(stdioName);
      servers(p).push({ name: stdioName, transport: 'stdio', command: '/usr/local/bin/mcp', args: ['--password', REPEATED, '--confirm-password', REPEATED] });
      const gh = servers(p).find((x) => x.server === 'github') as Record<string, unknown>;
      const oauthed = servers(p).find((x) => typeof x.oauth === 'object') as { oauth: Record<string, unknown> };
      oauthed.oauth.authorizationServer = [`https://secret.example/${REPEATED}`, `https://secret.example/${REPEATED}`];
      expect(names.length).toBeGreaterThanOrEqual(4);
      return { profile: p, names, all: [REPEATED, ...names] };
    }

    const findingsText = (fs: readonly unknown[]) => JSON.stringify(fs);

    test('warnings only: validate, build, DEPLOY.md, manifest.json and every verb name the duplicates without the value; the artifacts carry it', async () => {
      const { profile, names, all } = repeatedProfile();
      const dir = join(work, 'repeated');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile, null, 2));

      // The library: the duplicates are found (so the search below is not vacuous), by index.
      const result = validateProfile(profile);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const dups = result.findings.filter((f) => f.code === 'duplicate-entry');
      const stdio = servers(profile).length - 1;
      expect(dups.map((f) => f.path)).toEqual(expect.arrayContaining([`settings.${K.managedMcpServers}[${stdio}].args[3]`]));
      for (const f of dups) expect(f.message).toMatch(/^entry \[\d+\] repeats entry \[\d+\]/);
      expect(hits(findingsText(result.findings), all)).toEqual([]);
      const built = buildArtifacts(profile);
      expect(built.warnings.filter((f) => f.code === 'duplicate-entry').length).toBe(dups.length);
      expect(hits(findingsText(built.warnings), all)).toEqual([]);
      for (const name of ['DEPLOY.md', 'manifest.json', 'egress.txt']) {
        const file = built.files.find((f) => f.path === name);
        expect({ name, hits: hits(file?.bytes ?? '', all) }).toEqual({ name, hits: [] });
      }
      const deployMd = built.files.find((f) => f.path === 'DEPLOY.md')?.bytes.toString('utf8') ?? '';
      expect(deployMd).toContain(`settings.${K.managedMcpServers}[${stdio}].args[3]`);

      // The CLI, text and --json.
      const runs: { argv: string[]; code: number; out: string }[] = [];
      for (const argv of [['validate', 'p.json'], ['validate', 'p.json', '--json'], ['build', 'p.json', '--out', 'o'], ['build', 'p.json', '--out', 'o-json', '--json'], ['check', 'o'], ['check', 'o', '--json']]) {
        const r = await runCli(argv, { cwd: dir });
        runs.push({ argv, code: r.code, out: r.stdout + r.stderr });
      }
      expect(runs.filter((r) => r.argv[0] !== 'check').map((r) => ({ argv: r.argv, code: r.code }))).toEqual(runs.filter((r) => r.argv[0] !== 'check').map((r) => ({ argv: r.argv, code: 0 })));
      for (const r of runs) expect({ argv: r.argv, hits: hits(r.out, all) }).toEqual({ argv: r.argv, hits: [] });
      expect(runs.find((r) => r.argv[0] === 'build')?.out).toContain(`${K.managedMcpServers}[${stdio}].args[3]`);

      // Files people read vs. the deploy artifacts, as the CLI wrote them.
      const files = filesUnder(join(dir, 'o'));
      const human = files.filter((f) => HUMAN_FILES.test(f));
      expect(human.length).toBe(3);
      for (const f of human) expect({ file: relative(dir, f), hits: hits(readFileSync(f), all) }).toEqual({ file: relative(dir, f), hits: [] });
      for (const suffix of ['.mobileconfig', '.reg', 'com.anthropic.claudefordesktop.plist', '.windows-oma-uri.csv', 'managed-settings.json']) {
        const bytes = readFileSync(files.find((f) => f.endsWith(suffix)) as string);
        expect({ suffix, missing: all.filter((m) => hits(bytes, [m]).length === 0) }).toEqual({ suffix, missing: [] });
      }
    });

    test('errors: repeated server names and server problems are reported by index, never by name', async () => {
      const { profile, names, all } = repeatedProfile();
      const list = servers(profile);
      const first = list.length;
      // A second server with the first one's name, and three broken servers sharing one name.
      list.push({ ...list[0], name: names[0] });
      list.push({ name: REPEATED, transport: 'stdio' });
      list.push({ name: REPEATED, transport: 'sse' });
      list.push({ name: REPEATED, url: 'https://mcp9.example.com/mcp', oauth: true, headers: { Authorization: REPEATED } });
      const dir = join(work, 'repeated-errors');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile, null, 2));

      const result = validateProfile(profile);
      const at = (i: number) => `settings.${K.managedMcpServers}[${i}]`;
      expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.path}`)).toEqual(expect.arrayContaining([
        `duplicate-entry ${at(first)}`,
        `duplicate-entry ${at(first + 2)}`,
        `duplicate-entry ${at(first + 3)}`,
        `mcp-missing-command ${at(first + 1)}.command`,
        `mcp-missing-url ${at(first + 2)}.url`,
        `mcp-headers-with-oauth ${at(first + 3)}.oauth`,
      ]));
      expect(result.findings.find((f) => f.code === 'mcp-missing-command')?.message).toBe(`server [${first + 1}] uses stdio but has no command`);
      expect(result.findings.find((f) => f.code === 'duplicate-entry' && f.path === at(first))?.message).toMatch(/^entry \[\d+\] repeats the name of entry \[0\]/);
      expect(hits(findingsText(result.findings), all)).toEqual([]);
      const error = buildError(profile);
      expect(hits(`${error.message}\n${findingsText(error.findings)}`, all)).toEqual([]);
      for (const argv of [['validate', 'p.json'], ['validate', 'p.json', '--json'], ['build', 'p.json', '--out', 'o'], ['build', 'p.json', '--out', 'o', '--json']]) {
        const r = await runCli(argv, { cwd: dir });
        expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
        expect(r.stdout + r.stderr).toContain(`${K.managedMcpServers}[${first}]`);
        expect({ argv, hits: hits(r.stdout + r.stderr, all) }).toEqual({ argv, hits: [] });
      }
    });
  });

  describe('error paths', () => {
    const base = () => markedProfile('literal');

    test('an invalid profile that holds secrets: validate, build and their --json name the problem, not the secrets', async () => {
      const { profile, markers } = base();
      (profile.settings as Record<string, unknown>)[K.inferenceProvider] = 'gatewya';
      profile.identifier = 'not dns';
      const dir = join(work, 'invalid');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
      for (const argv of [['validate', 'p.json'], ['validate', 'p.json', '--json'], ['build', 'p.json', '--out', 'o'], ['build', 'p.json', '--out', 'o', '--json'], ['check', 'p.json'], ['import', 'p.json', '--out', 'i.json', '--json']]) {
        const r = await runCli(argv, { cwd: dir });
        // import reads the profile itself (kind profile-json) and writes it out; it exits 1, like
        // the others, because the imported profile does not validate.
        expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
        if (argv[0] === 'import') {
          expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, kind: 'profile-json', out: 'i.json' });
          expect(JSON.parse(readFileSync(join(dir, 'i.json'), 'utf8'))).toMatchObject({ settings: { [K.inferenceProvider]: 'gatewya' } });
        }
        expect({ argv, hits: hits(r.stdout + r.stderr, markers.values()) }).toEqual({ argv, hits: [] });
      }
      const error = buildError(profile);
      expect(hits(`${error.message}\n${JSON.stringify(error.findings)}`, markers.values())).toEqual([]);
    });

    test.each([
      ['a control character in an API key', K.inferenceGatewayApiKey, (m: string) => `${m}\u0001tail`],
      ['a line break in a secret header value', K.inferenceCustomHeaders, (m: string) => ({ 'X-Secret': `${m}\r\nX-Injected: 1` })],
      ['a secret too short', K.inferenceGatewayApiKey, () => ''],
      ['a secret of the wrong type', K.inferenceGatewayApiKey, (m: string) => [m]],
      ['secret header values in the deprecated "Name: value" list shape', K.inferenceCustomHeaders, (m: string) => [`X-Secret: ${m}`, `X-Other: ${m}2`]],
      ['a secret header value with a NUL', K.otlpHeaders, (m: string) => ({ Authorization: `Bearer ${m}\u0000` })],
    ])('%s: no verb echoes the value', async (_name, key, make) => {
      const { profile, markers } = base();
      const marker = `${MARK}err${Math.random().toString(36).slice(2, 8)}`;
      (profile.settings as Record<string, unknown>)[key] = make(marker);
      const all = [...markers.values(), marker];
      const dir = join(work, `err-${key}-${Math.random().toString(36).slice(2, 6)}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
      for (const argv of [['validate', 'p.json'], ['validate', 'p.json', '--json'], ['build', 'p.json', '--out', 'o'], ['build', 'p.json', '--out', 'o', '--json'], ['check', 'p.json', '--json']]) {
        const r = await runCli(argv, { cwd: dir });
        expect(r.code).toBe(1);
        expect({ argv, hits: hits(r.stdout + r.stderr, all) }).toEqual({ argv, hits: [] });
      }
    });

    test('a secret a format cannot carry (TAB in a header value for .reg): the build error names the key, not the value', async () => {
      const { profile, markers } = base();
      const marker = `${MARK}tab${Math.random().toString(36).slice(2, 8)}`;
      (profile.settings as Record<string, unknown>)[K.inferenceCustomHeaders] = { 'X-Secret': `${marker}\tafter` };
      (profile.settings as Record<string, unknown>)[K.inferenceGatewayApiKey] = `${marker}\tkey`;
      const dir = join(work, 'tab');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
      for (const argv of [['build', 'p.json', '--out', 'o', '--formats', 'reg'], ['build', 'p.json', '--out', 'o', '--formats', 'reg', '--json']]) {
        const r = await runCli(argv, { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toMatch(new RegExp(String.raw`settings\.${K.inferenceGatewayApiKey}`));
        expect({ argv, hits: hits(r.stdout + r.stderr, [...markers.values(), marker]) }).toEqual({ argv, hits: [] });
      }
    });

    test('a missing environment variable for a secret: the message names the variable, never another secret', async () => {
      const { profile, env, markers } = markedProfile('env');
      const missing = Object.keys(env)[0] as string;
      const rest = { ...env };
      delete rest[missing];
      const dir = join(work, 'missing-env');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
      for (const argv of [['build', 'p.json', '--out', 'o'], ['build', 'p.json', '--out', 'o', '--json']]) {
        const r = await runCli(argv, { cwd: dir, env: rest });
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toContain(missing);
        expect({ argv, hits: hits(r.stdout + r.stderr, markers.values()) }).toEqual({ argv, hits: [] });
      }
    });
  });
});

/**
 * examples/release-job, run for real: a profiles repository laid out as its README says (the
 * package vendored with `npm pack`, installed with `npm install`, then `npm ci`), built with unique
 * secret markers, and packed by ci/package-public.sh. The tarballs must hold no marker (every
 * member listed and read, in every encoding the secrets tests know), exactly the files manifest.json
 * marks `containsSecrets: false` plus manifest.json, and the same bytes on every run. When python3
 * has `yaml`, the workflow itself is parsed and its jobs' scripts are run step by step, as GitHub
 * would (the `uses:` steps aside): the pull-request job without secrets, the release job with them,
 * with a stand-in `gh` that records what would be published, and a release job missing a secret.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { EXAMPLES_DIR, ROOT } from '../support/examples';
import { hits, markersIn } from '../support/secret-markers';

jest.setTimeout(300_000);

const JOB = join(EXAMPLES_DIR, 'release-job');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The tagged commit's date, and so SOURCE_DATE_EPOCH: 2026-01-15T00:00:00Z.
const COMMIT_DATE = '2026-01-15T00:00:00Z';
const EPOCH = String(Date.parse(COMMIT_DATE) / 1000);
const rand = () => Math.random().toString(36).slice(2, 10);
// One marker per secret the example profiles read from the environment.
const SECRETS = { TFY_API_KEY: `QzSecretTfy${rand()}`, LITELLM_VIRTUAL_KEY: `QzSecretLitellm${rand()}` };
const MARKERS = Object.values(SECRETS);
const GIT = ['-c', 'user.name=Release Test', '-c', 'user.email=release@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

/** The environment a step starts from: no variable of the test process but PATH and HOME (npm's cache). */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', ...extra };
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = baseEnv()): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', [...GIT, ...args], { cwd: repo, encoding: 'utf8', env: { ...baseEnv(), GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE } });
}

/** Every file under `dir`, `/`-separated, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

interface ManifestEntry {
  path: string;
  containsSecrets: boolean;
}
const manifestOf = (folder: string): ManifestEntry[] => (JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] }).files;

/** The profiles repository: the example's files where the README puts them, the package vendored and installed. */
let repo: string;
let tarballName: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'cgp-release-job-'));
  for (const f of ['package.json', '.gitignore', 'ci', 'profiles']) cpSync(join(JOB, f), join(repo, f), { recursive: true });
  mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
  cpSync(join(JOB, 'workflow.yml'), join(repo, '.github', 'workflows', 'claude-profiles.yml'));
  mkdirSync(join(repo, 'vendor'));
  // README step 2: npm pack of the reviewed release (this checkout; `npm test` built dist/ already).
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', join(repo, 'vendor')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string }[];
  tarballName = packed[0]!.filename;
  const install = run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', `./vendor/${tarballName}`], repo);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'profiles');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('installing the tool as the README says', () => {
  test('package.json names the tarball npm pack makes; package-lock.json records its SHA-512; git keeps node_modules out', () => {
    const pkg = JSON.parse(readFileSync(join(JOB, 'package.json'), 'utf8')) as { private: boolean; devDependencies: Record<string, string> };
    expect(pkg.private).toBe(true);
    // The example stays in step with the package's version.
    expect(pkg.devDependencies).toEqual({ 'claude-gateway-profile': `file:vendor/${tarballName}` });
    // npm install left the dependency as it was.
    expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))).toEqual(pkg);
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; integrity?: string }> };
    const entry = lock.packages['node_modules/claude-gateway-profile']!;
    expect(entry.resolved).toBe(`file:vendor/${tarballName}`);
    expect(entry.integrity).toBe(`sha512-${createHash('sha512').update(readFileSync(join(repo, 'vendor', tarballName))).digest('base64')}`);
    const tracked = git(repo, 'ls-files').split('\n');
    expect(tracked).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', `vendor/${tarballName}`, 'ci/select-files.js', 'ci/package-public.sh']));
    expect(tracked.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });

  test("npm ci installs it; each profile's $schema reaches the installed schema; validate needs no secret", () => {
    rmSync(join(repo, 'node_modules'), { recursive: true, force: true });
    const ci = run(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], repo);
    expect({ code: ci.code, stderr: ci.stderr.split('\n').filter((l) => /ERR/.test(l)) }).toEqual({ code: 0, stderr: [] });
    const schema = join(repo, 'node_modules', 'claude-gateway-profile', 'schemas', 'profile.schema.json');
    expect(existsSync(schema)).toBe(true);
    for (const f of readdirSync(join(repo, 'profiles'))) {
      const ref = (JSON.parse(readFileSync(join(repo, 'profiles', f), 'utf8')) as { $schema: string }).$schema;
      expect({ f, schema: resolve(join(repo, 'profiles'), ref) }).toEqual({ f, schema });
    }
    const v = run(join(repo, 'node_modules', '.bin', 'claude-gateway-profile'), ['validate', ...readdirSync(join(repo, 'profiles')).map((f) => `profiles/${f}`)], repo);
    expect(v.code).toBe(0);
  });
});

describe('ci/select-files.js and ci/package-public.sh on a real build', () => {
  const bin = () => join(repo, 'node_modules', '.bin', 'claude-gateway-profile');
  const build = (out: string) => {
    const r = run(bin(), ['build', 'profiles', '--out', out], repo, baseEnv({ ...SECRETS, SOURCE_DATE_EPOCH: EPOCH }));
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(hits(r.stdout, MARKERS)).toEqual([]);
  };
  const pack = (artifacts: string, out: string, env: Record<string, string> = { SOURCE_DATE_EPOCH: EPOCH }) => run('bash', ['ci/package-public.sh', artifacts, out], repo, baseEnv(env));

  beforeAll(() => build('artifacts'));
  afterAll(() => {
    for (const d of ['artifacts', 'artifacts-2', 'release', 'release-2', 'release-3', 'release-bad', 'bad']) rmSync(join(repo, d), { recursive: true, force: true });
  });

  test('the secret-bearing files carry the markers (the search below is not vacuous)', () => {
    for (const name of ['truefoundry', 'litellm']) {
      const secretFiles = manifestOf(join(repo, 'artifacts', name)).filter((f) => f.containsSecrets);
      expect(secretFiles.length).toBeGreaterThanOrEqual(10);
      for (const f of secretFiles) expect({ f: f.path, found: markersIn(readFileSync(join(repo, 'artifacts', name, f.path)), MARKERS).length > 0 }).toEqual({ f: f.path, found: true });
    }
  });

  test('select-files lists exactly the files marked false (and manifest.json) with --public, the others with --secret', () => {
    const pub = run('node', ['ci/select-files.js', '--public', 'artifacts'], repo);
    const sec = run('node', ['ci/select-files.js', '--secret', 'artifacts'], repo);
    expect([pub.code, sec.code]).toEqual([0, 0]);
    const expected = (want: boolean) =>
      ['litellm', 'truefoundry'].flatMap((n) => [...manifestOf(join(repo, 'artifacts', n)).filter((f) => f.containsSecrets === want).map((f) => `${n}/${f.path}`), ...(want ? [] : [`${n}/manifest.json`])]).sort();
    expect(pub.stdout.split('\n').filter(Boolean)).toEqual(expected(false));
    expect(sec.stdout.split('\n').filter(Boolean)).toEqual(expected(true));
    // Together they are every file the build wrote.
    expect([...pub.stdout.split('\n'), ...sec.stdout.split('\n')].filter(Boolean).sort()).toEqual(['litellm', 'truefoundry'].flatMap((n) => filesUnder(join(repo, 'artifacts', n)).map((p) => `${n}/${p}`)).sort());
  });

  test('the tarballs hold no marker: every member listed and read; exactly the public files; fixed owners and dates', () => {
    const r = pack('artifacts', 'release');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const out = join(repo, 'release');
    expect(readdirSync(out).sort()).toEqual(['RELEASE_NOTES.md', 'SHA256SUMS', 'litellm.tar.gz', 'truefoundry.tar.gz']);
    for (const name of ['litellm', 'truefoundry']) {
      const tarball = join(out, `${name}.tar.gz`);
      const members = run('tar', ['-tzf', tarball], repo).stdout.split('\n').filter(Boolean);
      const manifest = manifestOf(join(repo, 'artifacts', name));
      expect(members.sort()).toEqual([...manifest.filter((f) => !f.containsSecrets).map((f) => `${name}/${f.path}`), `${name}/manifest.json`].sort());
      for (const f of manifest.filter((x) => x.containsSecrets)) expect(members).not.toContain(`${name}/${f.path}`);
      // The whole tarball, compressed and not, and every member read out of it.
      expect(hits(readFileSync(tarball), MARKERS)).toEqual([]);
      expect(markersIn(execFileSync('gzip', ['-dc', tarball], { maxBuffer: 64 * 1024 * 1024 }), MARKERS)).toEqual([]);
      for (const m of members) {
        const bytes = execFileSync('tar', ['-xzOf', tarball, m], { maxBuffer: 64 * 1024 * 1024 });
        expect(bytes.equals(readFileSync(join(repo, 'artifacts', m)))).toBe(true);
        expect({ m, found: markersIn(bytes, MARKERS) }).toEqual({ m, found: [] });
      }
      for (const line of run('tar', ['--numeric-owner', '-tvzf', tarball], repo, baseEnv({ TZ: 'UTC' })).stdout.split('\n').filter(Boolean)) {
        expect(line).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2026-01-15 00:00 /);
      }
    }
    expect(hits(readFileSync(join(out, 'RELEASE_NOTES.md')), MARKERS)).toEqual([]);
    expect(readFileSync(join(out, 'RELEASE_NOTES.md'), 'utf8')).toBe(['litellm', 'truefoundry'].map((n) => readFileSync(join(repo, 'artifacts', n, 'DEPLOY.md'), 'utf8')).join(''));
    const sums = run('sha256sum', ['-c', 'SHA256SUMS'], out);
    expect(sums.code).toBe(0);
  });

  test('reproducible: packing again, and building again later and packing, give the same SHA256SUMS and tarballs', () => {
    if (!existsSync(join(repo, 'release', 'SHA256SUMS'))) expect(pack('artifacts', 'release').code).toBe(0);
    expect(pack('artifacts', 'release-2').code).toBe(0);
    // A second build has other file dates (and the first build's files get touched): same bytes.
    build('artifacts-2');
    const touched = join(repo, 'artifacts-2', 'truefoundry', 'DEPLOY.md');
    writeFileSync(touched, readFileSync(touched));
    expect(pack('artifacts-2', 'release-3').code).toBe(0);
    const sums = (d: string) => readFileSync(join(repo, d, 'SHA256SUMS'), 'utf8');
    expect(sums('release').split('\n').filter(Boolean)).toHaveLength(2);
    expect(sums('release-2')).toBe(sums('release'));
    expect(sums('release-3')).toBe(sums('release'));
    for (const t of ['litellm.tar.gz', 'truefoundry.tar.gz']) expect(readFileSync(join(repo, 'release-3', t)).equals(readFileSync(join(repo, 'release', t)))).toBe(true);
  });

  describe('refusals: nothing printed, nothing packed', () => {
    /** A copy of the build with `edit` applied to the truefoundry folder. */
    const broken = (edit: (folder: string) => void): void => {
      rmSync(join(repo, 'bad'), { recursive: true, force: true });
      cpSync(join(repo, 'artifacts'), join(repo, 'bad'), { recursive: true });
      edit(join(repo, 'bad', 'truefoundry'));
    };
    const refused = (pattern: RegExp) => {
      for (const mode of ['--public', '--secret']) {
        const r = run('node', ['ci/select-files.js', mode, 'bad'], repo);
        expect({ mode, code: r.code, stdout: r.stdout }).toEqual({ mode, code: 1, stdout: '' });
        expect(r.stderr).toMatch(pattern);
      }
      rmSync(join(repo, 'release-bad'), { recursive: true, force: true });
      const p = pack('bad', 'release-bad');
      expect(p.code).toBe(1);
      expect(existsSync(join(repo, 'release-bad'))).toBe(false);
    };

    test('a manifest of an older build, without containsSecrets', () => {
      broken((folder) => {
        const body = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: Record<string, unknown>[] };
        for (const f of body.files) delete f.containsSecrets;
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(body));
      });
      refused(/has no "containsSecrets": true or false/);
    });

    test('a containsSecrets that is not a boolean', () => {
      broken((folder) => {
        const body = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { path: string; containsSecrets: unknown }[] };
        body.files.find((f) => f.path.endsWith('.mobileconfig'))!.containsSecrets = 'false';
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(body));
      });
      refused(/has no "containsSecrets": true or false/);
    });

    test('a built file edited after the build, and a file the manifest does not list', () => {
      broken((folder) => writeFileSync(join(folder, 'egress.txt'), 'changed\n'));
      refused(/egress\.txt differs from its manifest entry/);
      broken((folder) => writeFileSync(join(folder, 'notes.txt'), 'mine\n'));
      refused(/does not list \(notes\.txt\)/);
    });

    test('no SOURCE_DATE_EPOCH: package-public.sh refuses', () => {
      const r = pack('artifacts', 'release-bad', {});
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/SOURCE_DATE_EPOCH/);
      expect(existsSync(join(repo, 'release-bad'))).toBe(false);
    });
  });
});

// ── The workflow itself ─────────────────────────────────────────────────────────────────────────

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

const hasYaml = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
const describeIfYaml = hasYaml ? describe : describe.skip;
if (!hasYaml) {
  // eslint-disable-next-line no-console -- says why the workflow checks did not run
  console.warn('tests/release-job: python3 has no yaml module (pip install pyyaml, or apt-get install python3-yaml): the workflow.yml checks are skipped');
}

function workflow(): { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> } {
  const json = execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), default=str))', join(JOB, 'workflow.yml')], { encoding: 'utf8' });
  // YAML 1.1 reads the key `on` as true.
  const body = JSON.parse(json) as Record<string, unknown>;
  return { ...(body as { permissions: Record<string, string>; jobs: Record<string, Job> }), on: (body.on ?? body.true) as Record<string, unknown> };
}

/** What GitHub puts in `${{ … }}` here; an expression the workflow should not have fails the test. */
function expand(value: string, secrets: Record<string, string>, ctx: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const secret = /^secrets\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    // GitHub gives an undefined secret as an empty string.
    if (secret) return secrets[secret[1]!] ?? '';
    if (expr in ctx) return ctx[expr]!;
    throw new Error(`unexpected expression in workflow.yml: ${expr}`);
  });
}

interface StepRun {
  name: string;
  ran: boolean;
  code: number;
  log: string;
  env: Record<string, string>;
}

/**
 * Runs a job's `run:` steps in `repo` as a GitHub runner would: bash -eo pipefail, the step's env,
 * GITHUB_ENV and GITHUB_PATH carried to later steps, steps after a failure skipped unless
 * `if: always()`. `uses:` steps are skipped (the checkout is `repo`, Node is this one).
 */
function runJob(job: Job, secrets: Record<string, string>, ctx: Record<string, string>, extraPath: string[] = []): StepRun[] {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'cgp-runner-'));
  const envFile = join(runnerTemp, 'github_env');
  const pathFile = join(runnerTemp, 'github_path');
  const carried: Record<string, string> = {};
  const paths: string[] = [...extraPath];
  const out: StepRun[] = [];
  let failed = false;
  try {
    for (const step of job.steps) {
      const name = step.name ?? step.uses ?? '(step)';
      if (step.uses !== undefined || step.run === undefined) continue;
      const always = step.if !== undefined && /always\(\)/.test(step.if);
      if (step.if !== undefined && !always) throw new Error(`step "${name}" has an if: the test does not know how to judge`);
      if (failed && !always) {
        out.push({ name, ran: false, code: -1, log: '', env: {} });
        continue;
      }
      writeFileSync(envFile, '');
      writeFileSync(pathFile, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), secrets, ctx)]));
      const env = baseEnv({ ...carried, ...stepEnv, GITHUB_ENV: envFile, GITHUB_PATH: pathFile, RUNNER_TEMP: runnerTemp, CI: 'true' });
      env.PATH = [...paths, env.PATH].join(':');
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const code = r.status ?? -1;
      out.push({ name, ran: true, code, log: `${r.stdout}${r.stderr}`, env });
      if (code !== 0) failed = true;
      for (const line of readFileSync(envFile, 'utf8').split('\n').filter(Boolean)) {
        const eq = line.indexOf('=');
        carried[line.slice(0, eq)] = line.slice(eq + 1);
      }
      paths.unshift(...readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse());
    }
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
  return out;
}

const stepNamed = (runs: StepRun[], pattern: RegExp): StepRun => {
  const s = runs.find((r) => pattern.test(r.name));
  if (!s) throw new Error(`no step matching ${pattern}: ${runs.map((r) => r.name).join(' | ')}`);
  return s;
};

describeIfYaml('workflow.yml', () => {
  test('two jobs: pull requests get no secrets, no environment and no uploads; the release job alone reads secrets', () => {
    const wf = workflow();
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const pr = wf.jobs['pull-request']!;
    const rel = wf.jobs.release!;
    expect(Object.keys(wf.jobs).sort()).toEqual(['pull-request', 'release']);
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    expect(JSON.stringify(pr)).not.toMatch(/secrets\./);
    expect(pr.environment).toBeUndefined();
    expect(pr.permissions).toBeUndefined();
    expect(rel.if).toMatch(/github\.event_name == 'push' && startsWith\(github\.ref, 'refs\/tags\/profiles-v'\)/);
    expect(rel.environment).toBe('claude-profiles-release');
    // Nothing is uploaded, cached or stored outside a release, by either job.
    const uses = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter((u): u is string => u !== undefined));
    expect(uses.map((u) => u.replace(/@.*/, '')).sort()).toEqual(['actions/checkout', 'actions/checkout', 'actions/setup-node', 'actions/setup-node']);
    // Checkouts keep no token on disk; no script holds an expression (values come through env:).
    for (const j of Object.values(wf.jobs)) {
      for (const s of j.steps) {
        if (s.uses?.startsWith('actions/checkout')) expect(s.with?.['persist-credentials']).toBe(false);
        if (s.run !== undefined) expect(s.run).not.toContain('${{');
      }
    }
  });

  test("the release job: only the build step reads the profiles' secrets; what it publishes is release/, packed by ci/package-public.sh", () => {
    const rel = workflow().jobs.release!;
    const readers = rel.steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(readers.map((s) => s.name)).toEqual(['Build every artifact']);
    expect(Object.values(readers[0]!.env ?? {}).every((v) => /^\$\{\{ secrets\.[A-Z_]+ \}\}$/.test(v))).toBe(true);
    const publish = rel.steps.filter((s) => /gh release|upload|gh api/.test(s.run ?? ''));
    expect(publish).toHaveLength(1);
    const words = (publish[0]!.run ?? '').split(/\s+/).filter((w) => /\//.test(w));
    expect(words.length).toBeGreaterThanOrEqual(3);
    for (const w of words) expect(w).toMatch(/^"?release\//);
    expect(publish[0]!.run).not.toMatch(/artifacts/);
    const names = rel.steps.map((s) => s.name ?? s.uses);
    const at = (re: RegExp) => names.findIndex((n) => re.test(n ?? ''));
    expect(rel.steps[at(/^Package/)]!.run).toBe('bash ci/package-public.sh artifacts release');
    // The built files are deleted, whatever happened, before anything is published.
    expect(rel.steps[at(/^Delete/)]!).toMatchObject({ if: 'always()', run: 'rm -rf artifacts' });
    expect(at(/^Date the build/)).toBeLessThan(at(/^Build/));
    expect(at(/^Build/)).toBeLessThan(at(/^Check/));
    expect(at(/^Check/)).toBeLessThan(at(/PLACEHOLDER/));
    expect(at(/PLACEHOLDER/)).toBeLessThan(at(/^Package/));
    expect(at(/^Package/)).toBeLessThan(at(/^Delete/));
    expect(at(/^Delete/)).toBeLessThan(at(/^Publish/));
  });

  describe('its scripts, run', () => {
    let ghLog: string;
    let fakeBin: string;
    beforeAll(() => {
      fakeBin = mkdtempSync(join(tmpdir(), 'cgp-fake-gh-'));
      ghLog = join(fakeBin, 'gh.log');
      // A stand-in for the GitHub CLI: records its arguments and the files they name.
      writeFileSync(join(fakeBin, 'gh'), `#!/usr/bin/env bash\nfor a in "$@"; do printf '%s\\n' "$a" >> "${ghLog}"; if [ -f "$a" ]; then printf 'file:%s\\n' "$a" >> "${ghLog}"; cat "$a" >> "${ghLog}.files"; fi; done\n`);
      chmodSync(join(fakeBin, 'gh'), 0o755);
    });
    afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

    const ctx = { 'github.base_ref': 'main', 'github.token': 'fake-token', 'github.repository': 'acme/claude-profiles', 'github.ref_name': 'profiles-v1' };

    test('the pull-request job, without secrets: validates, lists added profiles, shows what changed', () => {
      git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      git(repo, 'checkout', '-q', '-b', 'change');
      const file = join(repo, 'profiles', 'litellm.json');
      const profile = JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, unknown> };
      const [tokenKey] = Object.entries(profile.settings).find(([, v]) => v === 5000000)!;
      profile.settings[tokenKey] = 6000000;
      writeFileSync(file, JSON.stringify(profile, null, 2));
      cpSync(file, join(repo, 'profiles', 'second.json'));
      const second = JSON.parse(readFileSync(join(repo, 'profiles', 'second.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(repo, 'profiles', 'second.json'), JSON.stringify({ ...second, name: 'second', identifier: 'com.acme.claude.second' }, null, 2));
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'change');
      try {
        const runs = runJob(workflow().jobs['pull-request']!, {}, ctx);
        for (const r of runs) expect({ step: r.name, code: r.code }).toEqual({ step: r.name, code: 0 });
        // No secret reached any step.
        for (const r of runs) for (const name of Object.keys(SECRETS)) expect(r.env[name]).toBeUndefined();
        expect(stepNamed(runs, /^Validate/).log).toMatch(/profiles\/litellm\.json: valid/);
        const diff = stepNamed(runs, /^Show what changed/).log;
        expect(diff).toContain('added: profiles/second.json');
        expect(diff).toContain('changed: profiles/litellm.json');
        expect(diff).toContain(tokenKey);
        expect(diff).toContain('5000000');
        expect(diff).toContain('6000000');
        expect(diff).not.toContain('truefoundry');
      } finally {
        git(repo, 'checkout', '-q', 'main');
      }
    });

    test('the release job, with secrets: builds, checks, lists the secret-bearing files, publishes release/ only, deletes the build', () => {
      rmSync(ghLog, { force: true });
      rmSync(join(repo, 'release'), { recursive: true, force: true });
      rmSync(join(repo, 'artifacts'), { recursive: true, force: true });
      const runs = runJob(workflow().jobs.release!, SECRETS, ctx, [fakeBin]);
      for (const r of runs) expect({ step: r.name, code: r.code }).toEqual({ step: r.name, code: 0 });
      expect(stepNamed(runs, /^Check/).env.SOURCE_DATE_EPOCH).toBe(EPOCH);
      // The secrets reach the build step only, and no log holds them.
      for (const r of runs) {
        expect({ step: r.name, secret: /^Build/.test(r.name) || r.env.TFY_API_KEY === undefined }).toEqual({ step: r.name, secret: true });
        expect({ step: r.name, leaks: hits(r.log, MARKERS) }).toEqual({ step: r.name, leaks: [] });
      }
      // The placeholder names the files that hold the secrets, and nothing else.
      const listed = stepNamed(runs, /PLACEHOLDER/).log.split('\n').filter(Boolean).map((l) => l.replace(/^PLACEHOLDER, not sent: artifacts\//, ''));
      expect(listed.length).toBeGreaterThanOrEqual(20);
      expect(listed.every((p) => /^(litellm|truefoundry)\//.test(p))).toBe(true);
      const published = readFileSync(ghLog, 'utf8').split('\n').filter((l) => l.startsWith('file:')).map((l) => l.slice(5));
      expect(published.sort()).toEqual(['release/RELEASE_NOTES.md', 'release/SHA256SUMS', 'release/litellm.tar.gz', 'release/truefoundry.tar.gz']);
      expect(readFileSync(ghLog, 'utf8').split('\n').slice(0, 2)).toEqual(['release', 'create']);
      expect(markersIn(readFileSync(`${ghLog}.files`), MARKERS)).toEqual([]);
      expect(existsSync(join(repo, 'artifacts'))).toBe(false);
      // What was published is the packed public files: none of the listed secret-bearing files is inside.
      for (const name of ['litellm', 'truefoundry']) {
        const members = run('tar', ['-tzf', join(repo, 'release', `${name}.tar.gz`)], repo).stdout.split('\n');
        for (const p of listed) expect(members).not.toContain(p);
      }
    });

    test('the release job with a secret missing: the build fails with its findings in the log, nothing is published, the build folder is gone', () => {
      rmSync(ghLog, { force: true });
      rmSync(join(repo, 'release'), { recursive: true, force: true });
      const runs = runJob(workflow().jobs.release!, { TFY_API_KEY: SECRETS.TFY_API_KEY }, ctx, [fakeBin]);
      const buildStep = stepNamed(runs, /^Build/);
      expect(buildStep.code).toBe(1);
      expect(buildStep.log).toMatch(/^error: profiles\/litellm\.json: settings\.\w+: environment variable LITELLM_VIRTUAL_KEY is set but empty \(.+\) \[missing-env\]$/m);
      expect(buildStep.log).toContain('build failed: nothing was written to artifacts');
      expect(hits(buildStep.log, MARKERS)).toEqual([]);
      expect(runs.filter((r) => r.ran).map((r) => r.name)).toEqual([...runs.slice(0, runs.indexOf(buildStep) + 1).map((r) => r.name), expect.stringMatching(/^Delete/)]);
      expect(existsSync(ghLog)).toBe(false);
      expect(existsSync(join(repo, 'artifacts'))).toBe(false);
      expect(existsSync(join(repo, 'release'))).toBe(false);
    });
  });
});


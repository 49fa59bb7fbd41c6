/**
 * `manifest.json` when several build folders are checked together: every folder's manifest lists
 * the same relative names (`json/settings.json`, `config-library/_meta.json`…), and each must be
 * judged by the manifest of its own folder. The whole examples build, two folders named
 * separately and the release-job layout give no error; a file edited in the second folder is
 * still caught, by that folder's manifest only.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { checkArtifacts, type FileReport } from '../../lib/check';
import { runBin, runCli } from '../support/cli';
import { EXAMPLES_DIR, envFor, loadExamples } from '../support/examples';
import { checkAll, codes, NOW } from './support';

const examples = loadExamples();
const errorsOf = (files: readonly FileReport[]): string[] => files.flatMap((f) => f.findings.filter((x) => x.severity === 'error').map((x) => `${f.file}: ${x.path}: ${x.code}`));

/** Every example built into `out/<name>/…`, as check inputs (in memory), without the documents (DEPLOY.md, egress.txt) a folder check skips. */
function builtInMemory(): { name: string; bytes: Buffer }[] {
  return examples.flatMap((e) => buildArtifacts(e.profile, { env: e.env, now: NOW }).files.filter((f) => !/\.(md|txt)$/.test(f.path)).map((f) => ({ name: `out/${e.profile.name}/${f.path}`, bytes: f.bytes })));
}

/** The folders the examples build into, in name order; the second is the first the old lookup got wrong. */
const names = examples.map((e) => e.profile.name).sort();
const second = names[1]!;

describe('several build folders checked in memory', () => {
  test('every example in one folder: no manifest finding at all', () => {
    const r = checkAll(builtInMemory());
    expect(errorsOf(r.files)).toEqual([]);
    expect(r.files.filter((f) => f.file.endsWith('/manifest.json')).flatMap((f) => f.findings.map((x) => `${f.file}: ${x.code}`))).toEqual([]);
  });

  test('a file edited in the second folder is reported by that folder\'s manifest, and only there', () => {
    const inputs = builtInMemory().map((f) => (f.name === `out/${second}/json/settings.json` ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('\n')]) } : f));
    const r = checkAll(inputs);
    const mismatches = r.files.flatMap((f) => f.findings.filter((x) => x.code === 'manifest-checksum-mismatch').map((x) => ({ file: f.file, message: x.message })));
    expect(mismatches).toEqual([{ file: `out/${second}/manifest.json`, message: expect.stringMatching(/^json\/settings\.json changed after the build/) }]);
  });

  test('a manifest given without its folder\'s files does not judge another folder\'s files of the same name', () => {
    const all = builtInMemory();
    const [a, b] = [names[0]!, names[1]!];
    const inputs = all.filter((f) => f.name === `out/${a}/manifest.json` || f.name.startsWith(`out/${b}/`) && f.name !== `out/${b}/manifest.json`);
    const r = checkAll(inputs);
    expect(errorsOf(r.files)).toEqual([]);
    expect(r.files.find((f) => f.file === `out/${a}/manifest.json`)!.findings).toEqual([]);
  });

  test('files on disk are matched by path: another folder\'s file with the same name is not the listed one (mutation gap BM4)', () => {
    const [a, b] = [names[0]!, names[1]!];
    const all = builtInMemory();
    const manifest = all.find((f) => f.name === `out/${a}/manifest.json`)!;
    const settings = all.find((f) => f.name === `out/${b}/json/settings.json`)!;
    // Given through the API with their paths, and names that happen to agree.
    const r = checkArtifacts(
      [
        { name: 'manifest.json', bytes: manifest.bytes, path: `/srv/${a}/manifest.json` },
        { name: 'json/settings.json', bytes: settings.bytes, path: `/srv/${b}/json/settings.json` },
      ],
      { now: NOW, readSibling: () => undefined },
    );
    const found = r.files[0]!.findings.map((x) => `${x.code}: ${x.message}`);
    expect(found).not.toContainEqual(expect.stringMatching(/^manifest-checksum-mismatch/));
    expect(found).toContainEqual(expect.stringMatching(/^manifest-file-missing: json\/settings\.json is listed but not found beside the manifest/));
  });

  test('a listed path outside the manifest\'s folder is a manifest-shape error, never looked up', () => {
    const manifest = buildArtifacts(examples[0]!.profile, { env: examples[0]!.env, now: NOW }).files.find((f) => f.path === 'manifest.json')!;
    const body = JSON.parse(manifest.bytes.toString('utf8')) as { files: { path: string }[] };
    body.files[0]!.path = '../other/json/settings.json';
    body.files[1]!.path = '/etc/passwd';
    const looked: string[] = [];
    const r = checkAll([{ name: 'out/x/manifest.json', bytes: JSON.stringify(body) }], { readSibling: (p) => (looked.push(p), undefined) });
    expect(codes(r.files[0]!).filter((c) => c === 'error:manifest-shape')).toHaveLength(2);
    expect(looked).toEqual([]);
  });
});

describe('containsSecrets in manifest.json', () => {
  /** One example's build, its manifest edited by `edit`, as check inputs. */
  const withManifest = (edit: (files: Record<string, unknown>[]) => void): { name: string; bytes: Buffer | string }[] => {
    const built = buildArtifacts(examples[0]!.profile, { env: examples[0]!.env, now: NOW }).files.filter((f) => !/\.(md|txt)$/.test(f.path));
    return built.map((f) => {
      if (f.path !== 'manifest.json') return { name: `out/x/${f.path}`, bytes: f.bytes };
      const body = JSON.parse(f.bytes.toString('utf8')) as { files: Record<string, unknown>[] };
      edit(body.files);
      return { name: 'out/x/manifest.json', bytes: JSON.stringify(body, null, 2) };
    });
  };
  const manifestFindings = (inputs: { name: string; bytes: Buffer | string }[]) => checkAll(inputs).files.find((f) => f.file === 'out/x/manifest.json')!.findings.map((x) => `${x.code} ${x.path}`);

  test('a new manifest (every entry has it) and an old one (no entry has it) are both accepted', () => {
    expect(manifestFindings(withManifest((files) => expect(files.every((f) => typeof f.containsSecrets === 'boolean')).toBe(true)))).toEqual([]);
    expect(manifestFindings(withManifest((files) => files.forEach((f) => delete f.containsSecrets)))).toEqual([]);
  });

  test('a value that is not true or false is a manifest-shape error naming the entry', () => {
    expect(manifestFindings(withManifest((files) => {
      files[1]!.containsSecrets = 'no';
      files[2]!.containsSecrets = null;
    }))).toEqual(['manifest-shape files[1]', 'manifest-shape files[2]']);
  });
});

describe('several build folders on disk, through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgp-folders-'));
    for (const e of examples) {
      for (const f of buildArtifacts(e.profile, { env: e.env, now: NOW }).files) {
        const to = join(dir, 'out', e.profile.name, f.path);
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, f.bytes);
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('check out (every folder): exit 0', async () => {
    const r = await runCli(['check', 'out', '--json'], { cwd: dir });
    const body = JSON.parse(r.stdout) as { exitCode: number; files: { file: string; findings: { severity: string; location: string; code: string }[] }[] };
    expect(body.files.flatMap((f) => f.findings.filter((x) => x.severity === 'error').map((x) => `${f.file}: ${x.location}: ${x.code}`))).toEqual([]);
    expect(body.files.length).toBeGreaterThan(examples.length * 15);
    expect(r.code).toBe(0);
  });

  test('two folders named separately: exit 0', async () => {
    const r = await runCli(['check', join('out', names[0]!), join('out', second)], { cwd: dir });
    expect(r.stdout).not.toMatch(/manifest-checksum-mismatch/);
    expect(r.code).toBe(0);
  });

  test('a tampered file in the second folder: exit 1, reported on that folder\'s manifest', async () => {
    const file = join(dir, 'out', second, 'linux', 'managed-settings.json');
    const before = readFileSync(file);
    try {
      writeFileSync(file, Buffer.concat([before, Buffer.from(' ')]));
      const r = await runCli(['check', 'out'], { cwd: dir });
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n').filter((l) => l.includes('[manifest-checksum-mismatch]'));
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^error: out/${second}/manifest\\.json: files\\[\\d+\\]: linux/managed-settings\\.json changed after the build`))]);
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('the built CLI (dist), as in the bug report and the release job', () => {
  const env = (profiles: { settings: object }[]): Record<string, string> => Object.assign({}, ...profiles.map((p) => envFor(p as never)));
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgp-folders-bin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('build examples/*.profile.json --out out && check out: exit 0', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.profile.json')).map((f) => join(EXAMPLES_DIR, f));
    const e = env(examples.map((x) => x.profile));
    expect(runBin(['build', ...files, '--out', 'out'], { cwd: dir, env: e }).code).toBe(0);
    const r = runBin(['check', 'out'], { cwd: dir, env: e });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(runBin(['check', join('out', names[0]!), join('out', second)], { cwd: dir }).code).toBe(0);
  });

  test('the release job (examples/release-job): build profiles --out artifacts, then check what was built: exit 0', () => {
    const job = join(EXAMPLES_DIR, 'release-job');
    const profilesDir = join(job, 'profiles');
    const profiles = readdirSync(profilesDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(profilesDir, f), 'utf8')) as { name: string; settings: object });
    const e = env(profiles);
    expect(runBin(['build', profilesDir, '--out', 'artifacts', '--json'], { cwd: dir, env: e }).code).toBe(0);
    // The workflow's own check step: the whole folder (tests/release-job runs the workflow itself).
    const workflow = readFileSync(join(job, 'workflow.yml'), 'utf8');
    expect(workflow).toContain('run: claude-gateway-profile check artifacts\n');
    const named = profiles.map((p) => p.name).sort().flatMap((n) => [join('artifacts', n, 'macos', `${n}.mobileconfig`), join('artifacts', n, 'windows', `${n}.reg`)]);
    expect(runBin(['check', ...named], { cwd: dir }).code).toBe(0);
    const all = runBin(['check', 'artifacts'], { cwd: dir });
    expect(all.stdout.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(all.code).toBe(0);
  });
});

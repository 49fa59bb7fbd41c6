/**
 * `build` moves its profile folders into place all or nothing: a rename that fails partway (EBUSY
 * when Windows has a file of the old folder open, EACCES, EXDEV…) is undone, so every previous
 * output is back byte for byte, and the error names the folder and the OS code without a stack
 * trace. Failures are injected by replacing `fs.renameSync` (and friends) in this process.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, type CliRun } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

const TF = join(EXAMPLES_DIR, 'truefoundry.profile.json');
const LL = join(EXAMPLES_DIR, 'litellm.profile.json');
/** The previous build and the new one differ in their secrets, so every artifact differs. */
const OLD_ENV = { TFY_API_KEY: 'old-tfy', LITELLM_VIRTUAL_KEY: 'old-ll' };
const NEW_ENV = { TFY_API_KEY: 'new-tfy', LITELLM_VIRTUAL_KEY: 'new-ll' };
/** The order the build moves them in (by file path, whatever the order of the arguments). */
const FIRST = 'litellm';
const SECOND = 'truefoundry';

const real = { renameSync: fs.renameSync, rmdirSync: fs.rmdirSync, rmSync: fs.rmSync, writeFileSync: fs.writeFileSync };

afterEach(() => jest.restoreAllMocks());

function tmp(): string {
  return fs.mkdtempSync(join(tmpdir(), 'cgp-commit-'));
}

/** Every file under dir: relative path → sha256 (the whole tree, temporary folders included). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function busy(code: string, from: fs.PathLike, to: fs.PathLike): NodeJS.ErrnoException {
  const text = code === 'EBUSY' ? 'resource busy or locked' : code === 'EXDEV' ? 'cross-device link not permitted' : 'permission denied';
  return Object.assign(new Error(`${code}: ${text}, rename '${String(from)}' -> '${String(to)}'`), { code, syscall: 'rename', path: String(from), dest: String(to) });
}

/** Makes the n-th calls of fs.renameSync (counted from 1) fail with `code`; returns every call. */
function failRenames(failAt: readonly number[], code = 'EBUSY'): [string, string][] {
  const calls: [string, string][] = [];
  jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
    calls.push([String(from), String(to)]);
    if (failAt.includes(calls.length)) throw busy(code, from, to);
    real.renameSync(from, to);
  });
  return calls;
}

function tmpFolders(out: string): string[] {
  return fs.existsSync(out) ? fs.readdirSync(out).filter((n) => n.startsWith('.cgp-tmp-')) : [];
}

function expectCleanError(r: CliRun): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^claude-gateway-profile build: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

/** out/ with litellm/ and truefoundry/ from a previous build, plus a file the new build lacks. */
async function previousBuild(): Promise<{ out: string; before: Record<string, string> }> {
  const out = tmp();
  expect((await runCli(['build', TF, LL, '--out', out], { env: OLD_ENV })).code).toBe(0);
  fs.writeFileSync(join(out, FIRST, 'stale.txt'), 'from an older build');
  fs.writeFileSync(join(out, 'unrelated.txt'), 'not ours');
  return { out, before: snapshot(out) };
}

describe('build --force: a failed move into place is undone', () => {
  // Rebuilding two existing profiles renames 4 times: litellm aside, new litellm in, truefoundry
  // aside, new truefoundry in.
  test.each([1, 2, 3, 4])('rename %i of 4 fails: every previous folder is back byte for byte, no temporary folder', async (n) => {
    const { out, before } = await previousBuild();
    const calls = failRenames([n]);
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    expectCleanError(r);
    expect(calls.length).toBe(n + (n - 1)); // the failed one, then every earlier one undone
    expect(r.stderr).toContain('EBUSY (resource busy or locked)');
    expect(r.stderr).toContain(n % 2 === 1 ? 'aside to replace it' : 'cannot move the new build into');
    expect(r.stderr).toContain(join(out, n <= 2 ? FIRST : SECOND));
    expect(r.stderr).toContain('nothing was changed');
    expect(r.stderr).toContain('Close programs');
    expect(snapshot(out)).toEqual(before);
    expect(tmpFolders(out)).toEqual([]);
  });

  test('the same with --json: the error as the JSON document on stdout (a usage finding), nothing on stderr', async () => {
    const { out, before } = await previousBuild();
    failRenames([4], 'EACCES');
    const r = await runCli(['build', TF, LL, '--out', out, '--force', '--json'], { env: NEW_ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const body = JSON.parse(r.stdout) as { ok: boolean; out: string; profiles: unknown[]; findings: { code: string; severity: string; message: string }[] };
    expect(body).toMatchObject({ ok: false, out, profiles: [], findings: [{ code: 'usage', severity: 'error' }] });
    expect(body.findings[0]?.message).toContain('EACCES (permission denied)');
    expect(body.findings[0]?.message).not.toMatch(/^\s+at /m);
    expect(snapshot(out)).toEqual(before);
    expect(tmpFolders(out)).toEqual([]);
  });

  test('one existing and one new profile: the new one is removed again, the existing one restored', async () => {
    const out = tmp();
    expect((await runCli(['build', TF, '--out', out], { env: OLD_ENV })).code).toBe(0);
    const before = snapshot(out);
    // new litellm in, truefoundry aside, new truefoundry in (fails)
    failRenames([3], 'EXDEV');
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    expectCleanError(r);
    expect(r.stderr).toContain(`cannot move the new build into ${join(out, 'truefoundry')}: EXDEV`);
    expect(r.stderr).toContain('another file system');
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(out)).toEqual(['truefoundry']);
  });

  test('into a folder the build created: the folder is removed again', async () => {
    const parent = tmp();
    const out = join(parent, 'new', 'out');
    failRenames([2]);
    const r = await runCli(['build', TF, LL, '--out', out], { env: NEW_ENV });
    expectCleanError(r);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test('undoing fails too: the temporary folder is kept and the error says where the previous build is', async () => {
    const { out, before } = await previousBuild();
    // 4 fails (new truefoundry in); undo: 5 puts truefoundry back, 6 (new litellm out again)
    // fails, so litellm's earlier move is left alone.
    const calls = failRenames([4, 6]);
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    expectCleanError(r);
    expect(calls.length).toBe(6);
    const [kept, ...more] = tmpFolders(out);
    expect(kept).toBeDefined();
    expect(more).toEqual([]);
    const old = join(out, kept as string, `.old-${FIRST}`);
    expect(r.stderr).toContain('undoing the moves already made failed too');
    expect(r.stderr).toContain(`${join(out, FIRST)} holds the new build; the previous ${FIRST} is in ${old}: remove ${join(out, FIRST)}, then move it back`);
    expect(r.stderr).toContain(`${join(out, kept as string)} is kept`);
    // truefoundry is back; the previous litellm is intact where the message says.
    const after = snapshot(out);
    for (const [file, sum] of Object.entries(before)) {
      if (file.startsWith(SECOND) || file === 'unrelated.txt') expect(after[file]).toBe(sum);
      if (file.startsWith(FIRST)) expect(after[join(kept as string, `.old-${file}`)]).toBe(sum);
    }
    expect(after[join(FIRST, 'stale.txt')]).toBeUndefined();
    // Following the message restores the previous build exactly.
    real.rmSync(join(out, FIRST), { recursive: true });
    real.renameSync(old, join(out, FIRST));
    real.rmSync(join(out, kept as string), { recursive: true });
    expect(snapshot(out)).toEqual(before);
  });

  test('putting a previous folder back fails: the error says it is missing and where it is', async () => {
    const { out, before } = await previousBuild();
    // 4 fails; undo: 5 truefoundry back, 6 new litellm out, 7 previous litellm back (fails).
    failRenames([4, 7]);
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    expectCleanError(r);
    const [kept] = tmpFolders(out);
    const old = join(out, kept as string, `.old-${FIRST}`);
    expect(r.stderr).toContain(`${join(out, FIRST)} is missing; the previous ${FIRST} is in ${old}: move it back to ${join(out, FIRST)}`);
    real.renameSync(old, join(out, FIRST));
    real.rmSync(join(out, kept as string), { recursive: true });
    expect(snapshot(out)).toEqual(before);
  });

  test('a write that fails while staging is a clear error and changes nothing', async () => {
    const { out, before } = await previousBuild();
    jest.spyOn(fs, 'writeFileSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
    });
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    expectCleanError(r);
    expect(r.stderr).toContain('ENOSPC (no space left on device)');
    expect(r.stderr).toContain('cannot write');
    expect(snapshot(out)).toEqual(before);
  });

  test('the build is in place but the replaced folders cannot be removed: exit 0 with a warning', async () => {
    const { out } = await previousBuild();
    jest.spyOn(fs, 'rmdirSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOTEMPTY: directory not empty'), { code: 'ENOTEMPTY' });
    });
    jest.spyOn(fs, 'rmSync').mockImplementation(() => {
      throw busy('EBUSY', 'x', 'y');
    });
    const r = await runCli(['build', TF, LL, '--out', out, '--force'], { env: NEW_ENV });
    jest.restoreAllMocks();
    expect(r.code).toBe(0);
    const [kept] = tmpFolders(out);
    expect(r.stderr).toContain(`warning: the build is in place, but ${join(out, kept as string)} (the folders it replaced) could not be removed (EBUSY`);
    expect(fs.readFileSync(join(out, 'truefoundry', 'macos', 'truefoundry.mobileconfig'), 'utf8')).toContain('new-tfy');
    expect(fs.existsSync(join(out, FIRST, 'stale.txt'))).toBe(false);
  });
});

describe('build --out that cannot be a folder', () => {
  test('an existing file: usage error naming the path, before anything is built, file untouched', async () => {
    const dir = tmp();
    const file = join(dir, 'outfile');
    fs.writeFileSync(file, 'keep me');
    const r = await runCli(['build', TF, '--out', file], { env: NEW_ENV });
    expectCleanError(r);
    expect(r.stderr).toContain(`--out ${file} is a file, not a folder; give a folder`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(dir)).toEqual(['outfile']);
  });

  test('a path under a file, relative to the working folder: names the file', async () => {
    const dir = tmp();
    fs.writeFileSync(join(dir, 'outfile'), 'keep me');
    const r = await runCli(['build', TF, '--out', join('outfile', 'sub')], { env: NEW_ENV, cwd: dir });
    expectCleanError(r);
    expect(r.stderr).toContain(`--out ${join('outfile', 'sub')}: outfile is a file, not a folder`);
    expect(fs.readdirSync(dir)).toEqual(['outfile']);
  });

  test('checked even when the profiles are invalid (the usage problem comes first)', async () => {
    const dir = tmp();
    fs.writeFileSync(join(dir, 'outfile'), '');
    const r = await runCli(['build', TF, '--out', join(dir, 'outfile')], { env: {} });
    expectCleanError(r);
  });
});

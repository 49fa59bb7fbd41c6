/** `--out` of `init` and `import` names a file: a folder there is a usage error, not EISDIR or "already exists". */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin, runCli, type CliRun } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cgp-out-path-'));
}

function expectUsage(r: CliRun, verb: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(new RegExp(`^claude-gateway-profile ${verb}: `));
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('--out that names a folder where a file is wanted', () => {
  test('init --out FOLDER, with or without --force', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'profiles'));
    for (const extra of [[], ['--force']]) {
      const r = await runCli(['init', '--gateway', 'litellm', '--out', 'profiles', ...extra], { cwd: dir });
      expectUsage(r, 'init');
      expect(r.stderr).toContain('--out profiles is a folder; give a file path (for example profiles/profile.json)');
    }
    expect(readdirSync(join(dir, 'profiles'))).toEqual([]);
  });

  test('import --out FOLDER, with or without --force', async () => {
    const out = tmp();
    expect((await runCli(['build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', out, '--formats', 'mobileconfig'], { env: { LITELLM_VIRTUAL_KEY: 'k' } })).code).toBe(0);
    const artifact = join(out, 'litellm', 'macos', 'litellm.mobileconfig');
    const dir = tmp();
    mkdirSync(join(dir, 'profiles'));
    for (const extra of [[], ['--force']]) {
      const r = await runCli(['import', artifact, '--out', 'profiles', ...extra], { cwd: dir });
      expectUsage(r, 'import');
      expect(r.stderr).toContain('--out profiles is a folder; give a file path');
    }
    expect(readdirSync(join(dir, 'profiles'))).toEqual([]);
  });

  test('import --out into a folder that does not exist: a clear usage error, not ENOENT with a trace', async () => {
    const out = tmp();
    expect((await runCli(['build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', out, '--formats', 'mobileconfig'], { env: { LITELLM_VIRTUAL_KEY: 'k' } })).code).toBe(0);
    const r = await runCli(['import', join(out, 'litellm', 'macos', 'litellm.mobileconfig'), '--out', join('missing', 'p.json')], { cwd: tmp() });
    expectUsage(r, 'import');
    expect(r.stderr).toContain(`cannot write ${join('missing', 'p.json')}: ENOENT`);
  });
});

describe('the binary (dist/)', () => {
  test('build --out FILE: exit 2, one line naming the path, no stack trace', () => {
    const dir = tmp();
    const file = join(dir, 'outfile');
    writeFileSync(file, 'keep');
    const r = runBin(['build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', file], { env: { LITELLM_VIRTUAL_KEY: 'k' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`claude-gateway-profile build: --out ${file} is a file, not a folder; give a folder (it is created if it does not exist)\n`);
    expect(readdirSync(dir)).toEqual(['outfile']);
  });

  test('build --out a link to nothing: exit 2, one line saying so, nothing created', () => {
    const dir = tmp();
    symlinkSync(join(dir, 'nowhere', 'deeper'), join(dir, 'dangling'));
    const r = runBin(['build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', join(dir, 'dangling')], { env: { LITELLM_VIRTUAL_KEY: 'k' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`claude-gateway-profile build: --out ${join(dir, 'dangling')}: ${join(dir, 'dangling')} is a link to something that does not exist; give a folder\n`);
    expect(readdirSync(dir)).toEqual(['dangling']);
  });
});

describe('build --out where the folder cannot be made', () => {
  // Node's recursive mkdirSync retries ENOENT from /proc forever; the build must end with exit 2.
  (process.platform === 'linux' && existsSync('/proc/self') ? test : test.skip)('a path under /proc: exit 2 naming the folder, in seconds', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'claude-gateway-profile.js');
    const r = spawnSync(process.execPath, [bin, 'build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', '/proc/cgp-no-such/out'], {
      env: { PATH: process.env.PATH ?? '', LITELLM_VIRTUAL_KEY: 'k' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ signal: r.signal, code: r.status }).toEqual({ signal: null, code: 2 });
    expect(r.stderr).toContain('cannot create a folder in /proc/cgp-no-such/out: ENOENT');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('missing parent folders of --out are made one by one', async () => {
    const dir = tmp();
    const r = await runCli(['build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', 'a/b/c', '--formats', 'json'], { cwd: dir, env: { LITELLM_VIRTUAL_KEY: 'k' } });
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'a', 'b', 'c'))).toEqual(['litellm']);
  });
});

/**
 * `build` replaces an existing `DIR/<name>` only with --force, and never one that would take the
 * user's files with it: a folder holding one of the build's input files (by real path: a profile
 * given as a file, a folder or a glob, or a signing file), or a folder a build did not write (no
 * manifest.json of this tool in it), or a path that is not a folder. Those are usage errors
 * (exit 2) and nothing is written; an ordinary rebuild with --force still replaces its own output.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, type CliRun } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

const TF = join(EXAMPLES_DIR, 'truefoundry.profile.json');
const ENV = { TFY_API_KEY: 'tfy-key' };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cgp-replace-'));
}

/** Every file and link under dir: relative path → sha256, or `link → target` (links are not followed). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[relative(dir, p)] = `link → ${readlinkSync(p)}`;
      else if (st.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** t/truefoundry/{profile.json,NOTES.txt}: the layout of the bug report. */
function profileFolder(): { root: string; before: Record<string, string> } {
  const root = tmp();
  mkdirSync(join(root, 'truefoundry'));
  cpSync(TF, join(root, 'truefoundry', 'profile.json'));
  writeFileSync(join(root, 'truefoundry', 'NOTES.txt'), 'notes\n');
  return { root, before: snapshot(root) };
}

function expectRefused(r: CliRun): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^claude-gateway-profile build: /);
  expect(r.stderr).toContain('Nothing was written.');
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('an output folder that holds an input file is never replaced', () => {
  test.each([
    ['a file', 'truefoundry/profile.json'],
    ['a folder', 'truefoundry'],
    ['a glob', 'truefoundry/*.json'],
  ])('input given as %s, --out ., --force: exit 2, names the folder and the input, nothing changes', async (_what, input) => {
    const { root, before } = profileFolder();
    const r = await runCli(['build', input, '--out', '.', '--force'], { cwd: root, env: ENV });
    expectRefused(r);
    expect(r.stderr).toContain(`truefoundry, the folder this build writes for "truefoundry", holds ${join('truefoundry', 'profile.json')}, an input of this build`);
    expect(r.stderr).toContain('even with --force: choose another --out folder');
    expect(snapshot(root)).toEqual(before);
  });

  test('without --force it does not suggest --force', async () => {
    const { root, before } = profileFolder();
    const r = await runCli(['build', 'truefoundry/profile.json', '--out', '.'], { cwd: root, env: ENV });
    expectRefused(r);
    expect(r.stderr).toContain('an input of this build');
    expect(r.stderr).not.toContain('use --force');
    expect(snapshot(root)).toEqual(before);
  });

  test('compared by real path: the input through a link to the folder, or --out through a link', async () => {
    const { root, before } = profileFolder();
    symlinkSync(join(root, 'truefoundry'), join(root, 'via-link'), 'dir');
    symlinkSync(root, join(root, 'out-link'), 'dir');
    const withLinks = snapshot(root);
    const viaInput = await runCli(['build', 'via-link/profile.json', '--out', '.', '--force'], { cwd: root, env: ENV });
    expectRefused(viaInput);
    expect(viaInput.stderr).toContain(`holds ${join('via-link', 'profile.json')}, an input of this build`);
    const viaOut = await runCli(['build', 'truefoundry/profile.json', '--out', 'out-link', '--force'], { cwd: root, env: ENV });
    expectRefused(viaOut);
    expect(viaOut.stderr).toContain(`${join('out-link', 'truefoundry')}, the folder this build writes for "truefoundry", holds`);
    expect(snapshot(root)).toEqual(withLinks);
    expect(Object.keys(withLinks).sort()).toEqual([...Object.keys(before), 'out-link', 'via-link'].sort());
  });

  test('a signing key kept inside a previous build folder is an input too', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { makeTestPki } = require('../support/validators') as typeof import('../support/validators');
    const out = tmp();
    expect((await runCli(['build', TF, '--out', out, '--formats', 'json'], { env: ENV })).code).toBe(0);
    const pki = makeTestPki();
    const cert = join(tmp(), 'leaf.pem');
    writeFileSync(cert, pki.leafPem);
    mkdirSync(join(out, 'truefoundry', 'keys'));
    writeFileSync(join(out, 'truefoundry', 'keys', 'leaf.key'), pki.leafKeyPem);
    const before = snapshot(out);
    const r = await runCli(['build', TF, '--out', out, '--force', '--sign-cert', cert, '--sign-key', join(out, 'truefoundry', 'keys', 'leaf.key')], { env: ENV });
    expectRefused(r);
    expect(r.stderr).toContain(`holds ${join(out, 'truefoundry', 'keys', 'leaf.key')}, an input of this build`);
    expect(snapshot(out)).toEqual(before);
  });

  test('with --json: the refusal is the JSON document on stdout', async () => {
    const { root, before } = profileFolder();
    const r = await runCli(['build', 'truefoundry', '--out', '.', '--force', '--json'], { cwd: root, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const body = JSON.parse(r.stdout) as { ok: boolean; findings: { code: string; message: string }[] };
    expect(body).toMatchObject({ ok: false, out: '.', profiles: [], findings: [{ code: 'usage', severity: 'error' }] });
    expect(body.findings[0]?.message).toContain('an input of this build');
    expect(snapshot(root)).toEqual(before);
  });
});

describe('a DIR/<name> that no build wrote is never replaced', () => {
  test('a folder of your own with the profile name: refused even with --force', async () => {
    const out = tmp();
    mkdirSync(join(out, 'truefoundry'));
    writeFileSync(join(out, 'truefoundry', 'NOTES.txt'), 'mine');
    const before = snapshot(out);
    for (const force of [['--force'], []]) {
      const r = await runCli(['build', TF, '--out', out, ...force], { env: ENV });
      expectRefused(r);
      expect(r.stderr).toContain(`${join(out, 'truefoundry')}, the folder this build writes for "truefoundry", has no manifest.json written by claude-gateway-profile build`);
      expect(r.stderr).toContain('move it away or choose another --out folder');
      expect(snapshot(out)).toEqual(before);
    }
  });

  test('a manifest.json that is not ours does not count', async () => {
    const out = tmp();
    mkdirSync(join(out, 'truefoundry'));
    writeFileSync(join(out, 'truefoundry', 'manifest.json'), JSON.stringify({ tool: { name: 'something-else' }, files: [] }));
    const before = snapshot(out);
    expectRefused(await runCli(['build', TF, '--out', out, '--force'], { env: ENV }));
    expect(snapshot(out)).toEqual(before);
  });

  test('a manifest.json with our tool name but no file list (not one build writes) does not count either', async () => {
    const out = tmp();
    mkdirSync(join(out, 'truefoundry'));
    writeFileSync(join(out, 'truefoundry', 'manifest.json'), JSON.stringify({ tool: { name: 'claude-gateway-profile' }, note: 'hand-written' }));
    writeFileSync(join(out, 'truefoundry', 'NOTES.txt'), 'mine');
    const before = snapshot(out);
    const r = await runCli(['build', TF, '--out', out, '--force'], { env: ENV });
    expectRefused(r);
    expect(r.stderr).toContain('has no manifest.json written by claude-gateway-profile build');
    expect(snapshot(out)).toEqual(before);
  });

  test('a file where the folder would go', async () => {
    const out = tmp();
    writeFileSync(join(out, 'truefoundry'), 'a file');
    const r = await runCli(['build', TF, '--out', out, '--force'], { env: ENV });
    expectRefused(r);
    expect(r.stderr).toContain('is not a folder');
    expect(readFileSync(join(out, 'truefoundry'), 'utf8')).toBe('a file');
  });

  test('every refused folder is listed, and a valid profile beside them is not written either', async () => {
    const out = tmp();
    mkdirSync(join(out, 'truefoundry'));
    mkdirSync(join(out, 'litellm'));
    const before = snapshot(out);
    const r = await runCli(['build', TF, join(EXAMPLES_DIR, 'litellm.profile.json'), join(EXAMPLES_DIR, 'portkey.profile.json'), '--out', out, '--force'], { env: { ...ENV, LITELLM_VIRTUAL_KEY: 'k', PORTKEY_API_KEY: 'k', OTEL_TOKEN: 'k' } });
    expectRefused(r);
    expect(r.stderr).toContain(`${join(out, 'truefoundry')}, the folder`);
    expect(r.stderr).toContain(`${join(out, 'litellm')}, the folder`);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['litellm', 'truefoundry']);
  });
});

describe('ordinary rebuilds keep working', () => {
  test('--force replaces a folder an earlier build wrote, files added to it included', async () => {
    const out = tmp();
    expect((await runCli(['build', TF, '--out', out], { env: ENV })).code).toBe(0);
    writeFileSync(join(out, 'truefoundry', 'stale.txt'), 'old');
    const again = await runCli(['build', TF, '--out', out], { env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; use --force to replace it');
    const forced = await runCli(['build', TF, '--out', out, '--force'], { env: { TFY_API_KEY: 'new-key' } });
    expect(forced.code).toBe(0);
    expect(existsSync(join(out, 'truefoundry', 'stale.txt'))).toBe(false);
    expect(readFileSync(join(out, 'truefoundry', 'macos', 'truefoundry.mobileconfig'), 'utf8')).toContain('new-key');
    expect(readdirSync(out)).toEqual(['truefoundry']);
  });

  test('a profile kept in DIR itself (not in DIR/<name>) is fine: build profiles/*.json --out profiles', async () => {
    const dir = tmp();
    cpSync(TF, join(dir, 'truefoundry.profile.json'));
    expect((await runCli(['build', '.', '--out', '.'], { cwd: dir, env: ENV })).code).toBe(0);
    expect((await runCli(['build', '.', '--out', '.', '--force'], { cwd: dir, env: ENV })).code).toBe(0);
    expect(readFileSync(join(dir, 'truefoundry.profile.json'))).toEqual(readFileSync(TF));
  });

  test('DIR/<name> as a link to an earlier build: the link is replaced, the folder it points to is left alone', async () => {
    const dir = tmp();
    expect((await runCli(['build', TF, '--out', join(dir, 'earlier')], { env: ENV })).code).toBe(0);
    const earlier = snapshot(join(dir, 'earlier'));
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(dir, 'earlier', 'truefoundry'), join(dir, 'out', 'truefoundry'), 'dir');
    expect((await runCli(['build', TF, '--out', join(dir, 'out'), '--force'], { env: ENV })).code).toBe(0);
    expect(statSync(join(dir, 'out', 'truefoundry')).isDirectory()).toBe(true);
    expect(snapshot(join(dir, 'earlier'))).toEqual(earlier);
    rmSync(dir, { recursive: true, force: true });
  });
});

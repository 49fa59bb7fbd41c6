/**
 * Same input → same bytes, across processes: the compiled CLI (`node bin/claude-gateway-profile.js
 * build`) run twice in separate processes that differ in time zone, locale (`LANG`/`LC_ALL`,
 * including Turkish, whose dotted/dotless i breaks naive case mapping), working directory, how the
 * inputs are named on the command line (a folder vs. files in reverse order, relative vs. absolute
 * paths) and the order the input files were created in, must write byte-identical artifacts,
 * signed profiles included (RSA signatures are deterministic). A third run with the process clock
 * moved months ahead (child/shift-clock.js, preloaded) must not change a byte either.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../support/examples';
import { makeTestPki, TOOLS, describeIfTool } from '../support/validators';
import { snapshot } from '../bad-input/support';

const BIN = join(ROOT, 'bin', 'claude-gateway-profile.js');

/** Every profile shipped as an example or fixture, with env values for its `{ env }` references. */
function inputs(): { name: string; text: string; env: Record<string, string> }[] {
  const out: { name: string; text: string; env: Record<string, string> }[] = [];
  for (const dir of [join(ROOT, 'examples'), join(ROOT, 'tests', 'fixtures', 'profiles')]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.profile.json')).sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      const env: Record<string, string> = {};
      JSON.parse(text, (_k, v: unknown) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { env?: unknown }).env === 'string') env[(v as { env: string }).env] = `det-secret-${(v as { env: string }).env}-ü\\"`;
        return v;
      });
      out.push({ name, text, env });
    }
  }
  return out;
}

interface Run {
  cwd: string;
  args: string[];
  env: Record<string, string>;
  /** The node command and its options (default: this node, no options). */
  prefix?: string[];
}

function build(run: Run): { code: number | null; stdout: string; stderr: string } {
  const [cmd, ...pre] = run.prefix ?? [process.execPath];
  const args = [...pre, BIN, 'build', ...run.args];
  const r = spawnSync(cmd as string, args, { cwd: run.cwd, env: { PATH: process.env.PATH ?? '', ...run.env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeIfTool(TOOLS.cms)('build is deterministic across processes, time zones, locales, folders and input order', () => {
  let work: string;
  let outA: string;
  let outB: string;
  let env: Record<string, string>;
  let files: string[];
  let runA: ReturnType<typeof build>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cgp-det-cli-'));
    const profiles = inputs();
    env = Object.assign({}, ...profiles.map((p) => p.env)) as Record<string, string>;
    files = profiles.map((p) => p.name);
    // Two copies of the inputs, written in opposite orders (directory order differs on most file systems).
    for (const [dir, list] of [['in-a', profiles], ['in-b', [...profiles].reverse()]] as const) {
      mkdirSync(join(work, dir));
      for (const p of list) writeFileSync(join(work, dir, p.name), p.text);
    }
    const pki = join(work, 'pki');
    const t = makeTestPki();
    mkdirSync(pki);
    writeFileSync(join(pki, 'leaf.pem'), t.leafPem);
    writeFileSync(join(pki, 'leaf.key'), t.leafKeyPem);
    writeFileSync(join(pki, 'chain.pem'), t.intPem);
    mkdirSync(join(work, 'cwd-a', 'deeper'), { recursive: true });
    mkdirSync(join(work, 'cwd-b'));
    outA = join(work, 'out-a');
    outB = join(work, 'out-b');
    // A: from a nested cwd, the folder of inputs as a relative path, UTC and the C locale.
    const cwdA = join(work, 'cwd-a', 'deeper');
    runA = build({ cwd: cwdA, args: [relative(cwdA, join(work, 'in-a')), '--out', relative(cwdA, outA), ...signing(relative(cwdA, join(work, 'pki')))], env: { ...env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    cpSync(outA, join(work, 'out-a-copy'), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function signing(base: string): string[] {
    return ['--sign-cert', join(base, 'leaf.pem'), '--sign-key', join(base, 'leaf.key'), '--sign-chain', join(base, 'chain.pem')];
  }

  test('two processes with different TZ, LANG/LC_ALL, cwd and input order write identical bytes', () => {
    const a = runA;
    // B: another cwd, every file named in reverse order with absolute paths, UTC+14 and Turkish.
    const b = build({ cwd: join(work, 'cwd-b'), args: [...[...files].reverse().map((f) => join(work, 'in-b', f)), '--out', outB, ...signing(join(work, 'pki'))], env: { ...env, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } });
    expect({ code: a.code, stderr: a.stderr }).toEqual({ code: 0, stderr: '' });
    expect({ code: b.code, stderr: b.stderr }).toEqual({ code: 0, stderr: '' });
    const sa = snapshot(outA);
    const sb = snapshot(outB);
    const artifacts = Object.keys(sa).filter((k) => !k.endsWith('/'));
    // Every profile built, each with a signed .mobileconfig, manifest.json and DEPLOY.md.
    expect(artifacts.filter((k) => k.endsWith('.signed.mobileconfig'))).toHaveLength(files.length);
    expect(artifacts.filter((k) => k.endsWith('manifest.json'))).toHaveLength(files.length);
    expect(artifacts.filter((k) => k.endsWith('DEPLOY.md'))).toHaveLength(files.length);
    expect(artifacts.length).toBeGreaterThan(files.length * 15);
    expect(sb).toEqual(sa);
  });

  test('a third process with its clock months ahead changes no byte', () => {
    const outC = join(work, 'out-c');
    const c = build({ cwd: work, prefix: [process.execPath, '--require', join(__dirname, 'child', 'shift-clock.js')], args: ['in-a', '--out', outC, ...signing('pki')], env: { ...env, CGP_FAKE_NOW: new Date(Date.now() + 200 * 86_400_000).toISOString(), TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' } });
    expect({ code: c.code, stderr: c.stderr }).toEqual({ code: 0, stderr: '' });
    expect(snapshot(outC)).toEqual(snapshot(join(work, 'out-a-copy')));
  });

  test('building again over the same folder with --force changes no byte', () => {
    const again = build({ cwd: work, args: ['in-b', '--out', outA, '--force', ...signing('pki')], env: { ...env, TZ: 'Asia/Kathmandu' } });
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(snapshot(outA)).toEqual(snapshot(join(work, 'out-a-copy')));
  });
});

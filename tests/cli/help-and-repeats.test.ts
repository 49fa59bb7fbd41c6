/**
 * `<verb> --help` / `-h` (and `help <verb>`) print that verb's usage line and every option it
 * accepts, exit 0; an option that takes a value given twice is a usage error naming it, instead
 * of the last one silently winning.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAGS as BUILD } from '../../lib/cli/build-cmd';
import { FLAGS as CHECK } from '../../lib/cli/check-cmd';
import { FLAGS as DIFF } from '../../lib/cli/diff-cmd';
import { FLAGS as EXPLAIN } from '../../lib/cli/explain-cmd';
import { FLAGS as IMPORT } from '../../lib/cli/import-cmd';
import { FLAGS as INIT } from '../../lib/cli/init-cmd';
import { FLAGS as VALIDATE } from '../../lib/cli/validate-cmd';
import { runBin, runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

const VERB_FLAGS: Record<string, Readonly<Record<string, string>>> = { build: BUILD, validate: VALIDATE, init: INIT, check: CHECK, import: IMPORT, diff: DIFF, explain: EXPLAIN, schema: {} };

describe('per-command help', () => {
  test.each(Object.keys(VERB_FLAGS))('%s --help and -h: its usage line and every option, on stdout, exit 0', async (verb) => {
    for (const help of ['--help', '-h']) {
      const r = await runCli([verb, help]);
      expect({ verb, help, code: r.code, stderr: r.stderr }).toEqual({ verb, help, code: 0, stderr: '' });
      expect(r.stdout.startsWith(`usage: claude-gateway-profile ${verb} `) || r.stdout.startsWith(`usage: claude-gateway-profile ${verb}\n`)).toBe(true);
      for (const flag of Object.keys(VERB_FLAGS[verb] as object)) expect({ verb, flag, shown: new RegExp(`^  --${flag}\\b`, 'm').test(r.stdout) }).toEqual({ verb, flag, shown: true });
      // Every option is in the usage line too, and the verb says what its exit codes mean.
      const line = r.stdout.split('\n')[0] as string;
      for (const flag of Object.keys(VERB_FLAGS[verb] as object)) expect({ verb, flag, inUsageLine: line.includes(`--${flag}`) }).toEqual({ verb, flag, inUsageLine: true });
      expect(r.stdout).toMatch(/^exit codes: 0 .*2 usage error/m);
    }
    expect((await runCli(['help', verb])).stdout).toBe((await runCli([verb, '--help'])).stdout);
  });

  test('the usage line is the one of the command list', async () => {
    const list = (await runCli(['--help'])).stdout;
    for (const verb of Object.keys(VERB_FLAGS)) {
      const line = (await runCli([verb, '--help'])).stdout.split('\n')[0] as string;
      expect(list).toContain(`  ${line.replace('usage: claude-gateway-profile ', '')}\n`);
    }
    expect(list).toContain('claude-gateway-profile <command> --help (or help <command>) shows its options; --version prints the version');
    expect(list).toContain('exit codes: 0 ok, 1 invalid input, 2 usage error');
  });

  test.each([
    ['diff', 'exit codes: 0 same settings, 1 different, 2 '],
    ['check', 'exit codes: 0 no errors, 1 errors (or warnings, with --strict), 2 '],
    ['import', 'exit codes: 0 imported, 1 imported but the profile is not valid'],
    ['build', 'exit codes: 0 ok, 1 invalid input, 2 usage error'],
  ])('%s --help says what its exit codes mean', async (verb, exits) => {
    expect((await runCli([verb, '--help'])).stdout).toContain(exits);
  });

  test('help wins over other arguments, even wrong ones; after -- it is a file name', async () => {
    const r = await runCli(['build', '--bogus', 'x.json', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: claude-gateway-profile build /);
    const after = await runCli(['validate', '--', '--help']);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('--help: cannot read');
  });

  test('the binary: build --help', () => {
    const r = runBin(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: claude-gateway-profile build /);
    expect(r.stdout).toContain('--formats LIST');
  });
});

describe('an option that takes a value, given twice', () => {
  const TF = join(EXAMPLES_DIR, 'truefoundry.profile.json');
  const ENV = { TFY_API_KEY: 'k' };

  test.each([
    [['--out', 'a', '--out', 'b'], 'out'],
    [['--out=a', '--out', 'b'], 'out'],
    [['--out', 'a', '--formats', 'json', '--formats', 'reg'], 'formats'],
    [['--out', 'a', '--payload-form', 'mcx', '--payload-form=direct'], 'payload-form'],
  ])('build %j: usage error naming --%s, nothing written', async (opts, name) => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-repeat-'));
    const r = await runCli(['build', TF, ...opts], { cwd: dir, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`claude-gateway-profile build: --${name} is given more than once; give it once`);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });

  test('--formats twice says how to ask for several formats', async () => {
    const r = await runCli(['build', TF, '--out', 'a', '--formats', 'json', '--formats', 'reg'], { cwd: mkdtempSync(join(tmpdir(), 'cgp-repeat-')), env: ENV });
    expect(r.stderr).toContain('(list several formats in one: --formats mobileconfig,reg)');
  });

  test('every verb: import --name, init --gateway, check --kind, diff --kind', async () => {
    for (const argv of [
      ['import', 'x.reg', '--name', 'a', '--name', 'b'],
      ['init', '--gateway', 'kong', '--gateway', 'kong'],
      ['check', 'x', '--kind', 'reg', '--kind', 'reg'],
      ['diff', 'a', 'b', '--kind', 'reg', '--kind', 'plist'],
    ]) {
      const r = await runCli(argv);
      const flag = argv[argv.length - 2] as string;
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(r.stderr).toContain(`${flag} is given more than once`);
    }
  });

  test('a flag without a value given twice changes nothing and is accepted', async () => {
    const r = await runCli(['validate', '--json', '--json', TF]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
  });

  test('a flag given a value (--json=false, --force=no) is a usage error, not the flag', async () => {
    const v = await runCli(['validate', TF, '--json=false']);
    expect({ code: v.code, stdout: v.stdout, stderr: v.stderr }).toEqual({ code: 2, stdout: '', stderr: 'claude-gateway-profile validate: --json takes no value\n' });
    const dir = mkdtempSync(join(tmpdir(), 'cgp-repeat-'));
    const b = await runCli(['build', TF, '--out', 'a', '--force=no'], { cwd: dir, env: ENV });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--force takes no value');
    expect(existsSync(join(dir, 'a'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  test('with --json the error is JSON too', async () => {
    const r = await runCli(['build', TF, '--out', 'a', '--out', 'b', '--json'], { cwd: mkdtempSync(join(tmpdir(), 'cgp-repeat-')), env: ENV });
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { out: string; findings: { message: string }[] }).findings[0]?.message).toBe('--out is given more than once; give it once');
  });
});

/**
 * With `--json`, a usage error (exit 2) prints the verb's JSON document on stdout, with `ok: false`
 * and one `usage` finding, and nothing on stderr (as every other failure reported in JSON does);
 * without `--json` the message stays one line on stderr. The documents of check, import and diff
 * are validated against schemas/check-result.schema.json (docs/check-json.md, "Usage errors with --json").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectCheckResult } from '../support/check-result-schema';
import { runBin, runCli, type CliRun } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-usage-json-'));
  writeFileSync(join(dir, 'afile'), 'not a folder');
});

interface Body {
  ok: boolean;
  findings: { code: string; severity: string; message: string; path?: string; location?: string }[];
  [field: string]: unknown;
}

/** Exit 2, nothing on stderr, one JSON document on stdout with ok: false and one usage finding. */
function expectUsageJson(r: CliRun, message: string | RegExp): Body {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: '' });
  const body = JSON.parse(r.stdout) as Body;
  expect(body.ok).toBe(false);
  expect(body.findings).toHaveLength(1);
  const f = body.findings[0] as Body['findings'][number];
  expect({ code: f.code, severity: f.severity }).toEqual({ code: 'usage', severity: 'error' });
  expect(f.message).toMatch(message);
  return body;
}


const cli = (...argv: string[]) => runCli(argv, { cwd: dir, env: { LITELLM_VIRTUAL_KEY: 'k' } });

describe('a usage error with --json prints JSON on stdout', () => {
  test('import nonexist --json: importFailure', async () => {
    const body = expectUsageJson(await cli('import', 'nonexist', '--json'), 'nonexist: cannot read (ENOENT)');
    expect(body).toEqual({ ok: false, file: 'nonexist', error: 'nonexist: cannot read (ENOENT)', findings: [{ code: 'usage', severity: 'error', location: '(command line)', message: 'nonexist: cannot read (ENOENT)' }] });
    expectCheckResult('importFailure', body);
    // No artifact named: file is empty, still an importFailure.
    expectCheckResult('importFailure', expectUsageJson(await cli('import', '--json'), /import takes one artifact/));
    expectCheckResult('importFailure', expectUsageJson(await cli('import', 'x.reg', '--scope', 'both', '--json'), /--scope must be machine or user/));
  });

  test('validate nonexist.json --json: no files, the finding in validate\'s form', async () => {
    const body = expectUsageJson(await cli('validate', 'nonexist.json', '--json'), 'nonexist.json: cannot read (ENOENT)');
    expect(body).toEqual({ ok: false, files: [], findings: [{ code: 'usage', severity: 'error', path: '(command line)', message: 'nonexist.json: cannot read (ENOENT)' }] });
    // Whatever else is wrong with the command line, --json is honoured.
    expectUsageJson(await cli('validate', '--json', '--bogus', 'x.json'), /unknown option --bogus/);
  });

  test('build x.json --out afile --json, and an --out that is a file', async () => {
    const body = expectUsageJson(await cli('build', 'x.json', '--out', 'afile', '--json'), 'x.json: no such file or folder');
    expect(body).toEqual({ ok: false, out: 'afile', profiles: [], findings: [{ code: 'usage', severity: 'error', path: '(command line)', message: 'x.json: no such file or folder' }] });
    expectUsageJson(await cli('build', join(EXAMPLES_DIR, 'litellm.profile.json'), '--out', 'afile', '--json'), '--out afile is a file, not a folder; give a folder (it is created if it does not exist)');
    // Without --out there is no out field.
    const noOut = expectUsageJson(await cli('build', 'x.json', '--json'), /--out DIR is required/);
    expect(Object.keys(noOut)).toEqual(['ok', 'profiles', 'findings']);
  });

  test('explain nosuch --json', async () => {
    const body = expectUsageJson(await cli('explain', 'nosuch', '--json'), 'nosuch is not a Claude Desktop setting');
    expect(body).toEqual({ ok: false, findings: [{ code: 'usage', severity: 'error', location: '(command line)', message: 'nosuch is not a Claude Desktop setting' }] });
  });

  test('check --json with a bad option: the usual document, exit code 2, findings', async () => {
    const body = expectUsageJson(await cli('check', '--json', '--strict', '--kind', 'nope', 'x'), /--kind: unknown kind "nope"/);
    expect(body).toMatchObject({ exitCode: 2, strict: true, summary: { files: 0, errors: 1, warnings: 0 }, files: [], skipped: [] });
    expectCheckResult('check', body);
    // A named file that cannot be read stays a file entry (unchanged).
    const missing = await cli('check', 'nonexist', '--json');
    expect(missing.code).toBe(2);
    const report = JSON.parse(missing.stdout) as { files: { findings: { code: string }[] }[]; findings?: unknown };
    expect(report.files[0]?.findings[0]?.code).toBe('unreadable-file');
    expect(report.findings).toBeUndefined();
  });

  test('diff --json: diffFailure for usage and for an unreadable file', async () => {
    expectCheckResult('diffFailure', expectUsageJson(await cli('diff', 'a', '--json'), /diff takes two files/));
    expectCheckResult('diffFailure', expectUsageJson(await cli('diff', 'a', 'b', '--json'), 'a: cannot read (ENOENT)'));
  });

  test('without --json: one line on stderr, nothing on stdout (unchanged)', async () => {
    for (const argv of [['import', 'nonexist'], ['validate', 'nonexist.json'], ['build', 'x.json', '--out', 'afile'], ['explain', 'nosuch'], ['diff', 'a']]) {
      const r = await cli(...argv);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(r.stderr).toMatch(new RegExp(`^claude-gateway-profile ${argv[0] as string}: [^\\n]+\\n$`));
    }
  });

  test('--json as the value of another option is no --json', async () => {
    const r = await cli('import', 'nonexist', '--name', '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nonexist: cannot read');
  });
});

describe('the binary (dist/)', () => {
  test('import, validate, build and explain print their JSON on a usage error', () => {
    for (const [argv, message] of [
      [['import', 'nonexist', '--json'], 'nonexist: cannot read (ENOENT)'],
      [['validate', 'nonexist.json', '--json'], 'nonexist.json: cannot read (ENOENT)'],
      [['build', 'x.json', '--out', 'afile', '--json'], 'x.json: no such file or folder'],
      [['explain', 'nosuch', '--json'], 'nosuch is not a Claude Desktop setting'],
    ] as const) {
      expectUsageJson(runBin([...argv], { cwd: dir }), message);
    }
  });
});

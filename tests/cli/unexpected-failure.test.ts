/**
 * An unexpected failure (a bug) ends a verb with exit 2, never 1 (which `diff` uses for
 * "different"), one line on stderr, no stack trace unless CLAUDE_GATEWAY_PROFILE_DEBUG is set;
 * with `--json` stdout still gets the verb's JSON document, with an `internal-error` finding.
 * The verbs are replaced here by ones that throw (registerVerb keeps their --json handling).
 */
import { registerVerb } from '../../lib/cli/main';
import { expectCheckResult, type CheckResultShape } from '../support/check-result-schema';
import { runCli } from '../support/cli';

const boom = (): never => {
  throw new TypeError('boom');
};

beforeAll(() => {
  for (const verb of ['check', 'import', 'diff', 'validate', 'build', 'explain']) registerVerb(verb, boom, `${verb} (throws)`);
});

test.each(['check', 'import', 'diff', 'validate', 'build', 'explain'])('%s: exit 2, one line, no stack trace', async (verb) => {
  const r = await runCli([verb, 'a', 'b'], { env: {} });
  expect(r).toEqual({ code: 2, stdout: '', stderr: `claude-gateway-profile ${verb}: boom\n` });
  const debug = await runCli([verb, 'a', 'b'], { env: { CLAUDE_GATEWAY_PROFILE_DEBUG: '1' } });
  expect(debug.code).toBe(2);
  expect(debug.stderr).toMatch(/^TypeError: boom\n\s+at /);
});

test.each([
  ['check', 'check'],
  ['import', 'importFailure'],
  ['diff', 'diffFailure'],
  ['validate', undefined],
  ['build', undefined],
  ['explain', undefined],
] as const)('%s --json: the verb\'s JSON document with an internal-error finding, exit 2', async (verb, shape: CheckResultShape | undefined) => {
  const r = await runCli([verb, 'a', '--json'], { env: {} });
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: '' });
  const body = JSON.parse(r.stdout) as { ok: boolean; findings: { code: string; message: string }[] };
  expect(body.ok).toBe(false);
  expect(body.findings).toEqual([expect.objectContaining({ code: 'internal-error', severity: 'error', message: 'boom' })]);
  if (shape) expectCheckResult(shape, body);
});

/**
 * Two profiles with the same `identifier` in one build would get the same PayloadIdentifier and
 * configuration-library id, so on a device one would silently replace the other: like a shared
 * `name`, that is an error (`duplicate-profile-identifier`) naming both files, and nothing is written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';
import { K } from '../support/keys';

const ENV = { LITELLM_VIRTUAL_KEY: 'k' };

/** l1.json: the LiteLLM example; l2.json: the same with another name and base URL (so only the identifier is shared). */
function twoProfiles(change: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cgp-dup-id-'));
  const base = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'litellm.profile.json'), 'utf8')) as { name: string; identifier: string; settings: Record<string, unknown> };
  writeFileSync(join(dir, 'l1.json'), JSON.stringify(base));
  writeFileSync(join(dir, 'l2.json'), JSON.stringify({ ...base, name: 'l2', settings: { ...base.settings, [K.inferenceGatewayBaseUrl]: 'https://other.example' }, ...change }));
  return dir;
}

describe('build: a shared identifier', () => {
  test('is an error naming both files, with the hint; nothing is written', async () => {
    const dir = twoProfiles();
    const r = await runCli(['build', 'l1.json', 'l2.json', '--out', 'x'], { cwd: dir, env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: l2.json: identifier: "com.acme.claude.litellm" is also the identifier of l1.json;');
    expect(r.stderr).toContain('(give each profile its own identifier) [duplicate-profile-identifier]');
    expect(r.stderr).toContain('build failed: nothing was written to x');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  test('--json: the finding with its code and file', async () => {
    const dir = twoProfiles();
    const r = await runCli(['build', dir, '--out', join(dir, 'x'), '--json'], { env: ENV });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { ok: boolean; profiles: unknown[]; findings: { code: string; file: string; path: string; hint: string }[] };
    expect(body.ok).toBe(false);
    expect(body.profiles).toEqual([]);
    expect(body.findings).toEqual([expect.objectContaining({ code: 'duplicate-profile-identifier', severity: 'error', path: 'identifier', file: join(dir, 'l2.json'), hint: 'give each profile its own identifier' })]);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  test('a shared name and identifier: both are reported', async () => {
    const dir = twoProfiles({ name: 'litellm' });
    const r = await runCli(['build', 'l1.json', 'l2.json', '--out', 'x'], { cwd: dir, env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[duplicate-profile-name]');
    expect(r.stderr).toContain('[duplicate-profile-identifier]');
  });

  test('each profile with its own identifier builds', async () => {
    const dir = twoProfiles({ identifier: 'com.acme.claude.litellm2' });
    const r = await runCli(['build', 'l1.json', 'l2.json', '--out', 'x'], { cwd: dir, env: ENV });
    expect(r.stderr).not.toContain('duplicate-profile');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'x', 'litellm', 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'x', 'l2', 'manifest.json'))).toBe(true);
  });
});

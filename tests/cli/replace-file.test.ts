/**
 * `import --out F --force` and `init --out F --force` replace F only once the new file is
 * complete: a write that fails leaves the previous file as it was and no temporary file behind.
 */
import fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileReplacing } from '../../lib/cli/io';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-replace-file-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const failRename = (): void => {
  jest.spyOn(fs, 'renameSync').mockImplementation(() => {
    throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
  });
};

test('writeFileReplacing replaces a file and leaves nothing else', () => {
  const f = join(dir, 'p.json');
  writeFileSync(f, 'old');
  writeFileReplacing(f, 'new');
  expect(readFileSync(f, 'utf8')).toBe('new');
  expect(readdirSync(dir)).toEqual(['p.json']);
});

test('import --force: a failed replace keeps the previous file and reports a usage error', async () => {
  const out = join(dir, 'profile.json');
  writeFileSync(out, 'previous');
  failRename();
  const r = await runCli(['import', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out, '--force'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/cannot write .*EBUSY/);
  expect(readFileSync(out, 'utf8')).toBe('previous');
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

test('init --force: a failed replace keeps the previous file', async () => {
  const out = join(dir, 'starter.json');
  writeFileSync(out, 'previous');
  failRename();
  const r = await runCli(['init', '--gateway', 'litellm', '--out', out, '--force'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(readFileSync(out, 'utf8')).toBe('previous');
  expect(readdirSync(dir)).toEqual(['starter.json']);
});

test('without a failure both replace the file', async () => {
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, 'previous');
  writeFileSync(b, 'previous');
  expect((await runCli(['import', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', a, '--force'], { cwd: dir })).code).not.toBe(2);
  expect((await runCli(['init', '--gateway', 'litellm', '--out', b, '--force'], { cwd: dir })).code).toBe(0);
  expect(readFileSync(a, 'utf8')).toMatch(/^\{/);
  expect(readFileSync(b, 'utf8')).toMatch(/^\{/);
  expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
});

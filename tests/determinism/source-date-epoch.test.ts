/**
 * `SOURCE_DATE_EPOCH` pins the CLI's clock. Dates matter to a build in one place: a retired key
 * name is a warning before its cut-off and an error after, and DEPLOY.md says "stops reading"
 * or "stopped reading". Without the variable the same input builds differently on either side
 * of the cut-off (shown first, so the pinning below is known to matter); with it, every day
 * gives the same bytes. A malformed value is refused before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, DEPRECATION_CUTOFF } from '../../lib/catalog';
import { referenceTime } from '../../lib/cli/clock';
import { UsageError } from '../../lib/cli/io';
import { snapshot } from '../bad-input/support';
import { ROOT } from '../support/examples';
import { runCli } from '../support/cli';
import { LEGACY } from '../support/keys';

const DAY = 86_400_000;
const CUTOFF = Date.parse(DEPRECATION_CUTOFF);
const BEFORE = new Date(CUTOFF - 30 * DAY);
const AFTER = new Date(CUTOFF + 30 * DAY);
const epoch = (d: Date): string => String(Math.floor(d.getTime() / 1000));

// A retired name with that cut-off, and the key it was renamed to.
const RETIRED = LEGACY.isDxtEnabled;
const RENAMED = CATALOG.find((k) => k.legacyNames?.some((l) => l.name === RETIRED));

let work: string;
let input: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cgp-sde-'));
  const profile = JSON.parse(readFileSync(join(ROOT, 'examples', 'litellm.profile.json'), 'utf8')) as { settings: Record<string, unknown> };
  profile.settings[RETIRED] = true;
  input = join(work, 'retired.profile.json');
  writeFileSync(input, JSON.stringify(profile, null, 2));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => jest.useRealTimers());

const ENV = { LITELLM_VIRTUAL_KEY: 'sk-sde-test' };

/** Builds the input in this process with the clock at `clock` and `env`; the output folder's files (path → SHA-256). */
async function buildAt(clock: Date, env: Record<string, string>, out: string): Promise<{ code: number; stdout: string; files: Record<string, string> }> {
  jest.useFakeTimers({ now: clock, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
  const r = await runCli(['build', input, '--out', out], { env: { ...ENV, ...env } });
  jest.useRealTimers();
  return { code: r.code, stdout: r.stdout + r.stderr, files: r.code === 0 ? snapshot(out) : {} };
}

test('the fixture uses a retired name with the deprecation cut-off', () => {
  expect(RENAMED?.legacyNames?.find((l) => l.name === RETIRED)?.cutoff).toBe(DEPRECATION_CUTOFF);
});

test('without SOURCE_DATE_EPOCH the clock decides: a warning before the cut-off, an error after', async () => {
  const before = await buildAt(BEFORE, {}, join(work, 'clock-before'));
  expect(before.code).toBe(0);
  expect(before.stdout).toContain('stops reading it on');
  const deploy = Object.keys(before.files).find((k) => k.endsWith('DEPLOY.md'));
  expect(readFileSync(join(work, 'clock-before', deploy ?? 'DEPLOY.md'), 'utf8')).toContain('stops reading it on');
  const after = await buildAt(AFTER, {}, join(work, 'clock-after'));
  expect(after.code).toBe(1);
  expect(after.stdout).toContain('stopped reading it on');
});

test('with SOURCE_DATE_EPOCH the clock does not matter: the same bytes on either side of the cut-off', async () => {
  const pinned = { SOURCE_DATE_EPOCH: epoch(BEFORE) };
  const early = await buildAt(new Date(CUTOFF - 400 * DAY), pinned, join(work, 'pinned-early'));
  const late = await buildAt(new Date(CUTOFF + 400 * DAY), pinned, join(work, 'pinned-late'));
  expect(early.code).toBe(0);
  expect(late.code).toBe(0);
  expect(Object.keys(early.files).length).toBeGreaterThan(15);
  expect(late.files).toEqual(early.files);
  // Pinned after the cut-off, the build refuses the retired name whatever the clock says.
  const refused = await buildAt(BEFORE, { SOURCE_DATE_EPOCH: epoch(AFTER) }, join(work, 'pinned-after'));
  expect(refused.code).toBe(1);
  expect(refused.stdout).toContain('stopped reading it on');
});

test('validate honours it too', async () => {
  jest.useFakeTimers({ now: AFTER, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
  const pinned = await runCli(['validate', input], { env: { SOURCE_DATE_EPOCH: epoch(BEFORE) } });
  const clock = await runCli(['validate', input], { env: {} });
  jest.useRealTimers();
  expect(pinned.code).toBe(0);
  expect(clock.code).toBe(1);
});

test.each(['yesterday', '-5', '1.5', '1e9', ' 1700000000', '99999999999999999999'])('a malformed SOURCE_DATE_EPOCH (%j) is a usage error and writes nothing', async (value) => {
  const out = join(work, `bad-${Buffer.from(value).toString('hex')}`);
  const r = await runCli(['build', input, '--out', out], { env: { ...ENV, SOURCE_DATE_EPOCH: value } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
  expect(r.stderr).toContain('whole seconds since 1970');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(spawnSync('test', ['-e', out]).status).not.toBe(0);
});

test('referenceTime: unset or empty means the clock; whole seconds pin it', () => {
  expect(referenceTime({})).toBeUndefined();
  expect(referenceTime({ SOURCE_DATE_EPOCH: '' })).toBeUndefined();
  expect(referenceTime({ SOURCE_DATE_EPOCH: '0' })?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
  expect(referenceTime({ SOURCE_DATE_EPOCH: '1791399600' })?.toISOString()).toBe('2026-10-07T19:00:00.000Z');
  expect(() => referenceTime({ SOURCE_DATE_EPOCH: 'x' })).toThrow(UsageError);
});

test('the built CLI honours it (a child process with its clock moved past the cut-off)', () => {
  const bin = join(ROOT, 'bin', 'claude-gateway-profile.js');
  const shift = join(__dirname, 'child', 'shift-clock.js');
  const r = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--require', shift, bin, 'validate', input], { env: { PATH: process.env.PATH ?? '', CGP_FAKE_NOW: AFTER.toISOString(), ...env }, encoding: 'utf8' });
  expect(r({}).status).toBe(1);
  expect(r({ SOURCE_DATE_EPOCH: epoch(BEFORE) }).status).toBe(0);
});

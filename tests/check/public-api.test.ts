/**
 * The nesting limit is part of the public API (`MAX_PROFILE_DEPTH`, documented), and it is the one
 * limit of `validateProfile` and of `check` on a profile file: a value inside exactly that many
 * objects and arrays passes both, one level more is `too-deep` in both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../lib';
import { MAX_PROFILE_DEPTH as INTERNAL_LIMIT } from '../../lib/profile/depth';
import { check, NOW } from './support';
import { K } from '../support/keys';

/** A value inside `levels` arrays: `[[…[1]…]]`. */
const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

const tooDeep = (findings: readonly { code: string }[]) => findings.filter((f) => f.code === 'too-deep').length;

test('MAX_PROFILE_DEPTH is exported from the package entry point, with the value validation uses', () => {
  expect(api.MAX_PROFILE_DEPTH).toBe(INTERNAL_LIMIT);
  expect(api.MAX_PROFILE_DEPTH).toBe(64);
});

test('validateProfile and check agree on the limit: exactly MAX_PROFILE_DEPTH levels pass, one more is too-deep', () => {
  // A profile: the innermost value of settings.acmeDeep sits inside the profile, settings and n arrays.
  const profile = (n: number) => ({ name: 'p', identifier: 'com.example.p', settings: { [K.inferenceProvider]: 'gateway', acmeDeep: nested(n) } });
  expect(tooDeep(api.validateProfile(profile(api.MAX_PROFILE_DEPTH - 2), { now: NOW }).findings)).toBe(0);
  expect(tooDeep(api.validateProfile(profile(api.MAX_PROFILE_DEPTH - 1), { now: NOW }).findings)).toBe(1);
  // The same profile as a file: check's JSON reader counts the same levels.
  const file = (n: number) => JSON.stringify(profile(n));
  expect(check(file(api.MAX_PROFILE_DEPTH - 2), 'p.profile.json').kind).toBe('profile-json');
  expect(tooDeep(check(file(api.MAX_PROFILE_DEPTH - 2), 'p.profile.json').findings)).toBe(0);
  expect(tooDeep(check(file(api.MAX_PROFILE_DEPTH - 1), 'p.profile.json').findings)).toBe(1);
});

test('the published type declarations document MAX_PROFILE_DEPTH', () => {
  const dts = join(__dirname, '..', '..', 'dist', 'lib', 'index.d.ts');
  expect(existsSync(dts)).toBe(true); // npm test builds dist/ before running jest
  expect(readFileSync(dts, 'utf8')).toMatch(/\/\*\*\n \* The nesting limit of a profile[^]*?\*\/\nexport declare const MAX_PROFILE_DEPTH = 64;/);
});

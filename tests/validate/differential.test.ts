/**
 * The validation pipeline (migration, schema check, rules, resolution) was rewritten for speed.
 * `tests/validate/oracle/` keeps the straightforward implementation it replaced; this test runs
 * both on every example, fixture and bad-corpus profile, variants of them, and generated profiles,
 * and requires identical results: the same findings (codes, paths, messages, hints, order), the
 * same returned profile (key order included), the same thrown errors, and an untouched input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CATALOG } from '../../lib/catalog';
import { migrateSettings } from '../../lib/migrate';
import { formatPath } from '../../lib/profile/path';
import { resolveProfile } from '../../lib/profile/resolve';
import type { GatewayProfile } from '../../lib/profile/types';
import { walkSettings, type Leaf } from '../../lib/profile/walk';
import { nestsDeeperThan, tooDeepPath } from '../../lib/profile/depth';
import { prepareProfile, validateProfile, type PrepareOptions, type ValidateOptions } from '../../lib/validate';
import { keyValue } from '../property/arbitraries';
import { ROOT } from '../support/examples';
import { migrateSettings as oldMigrate } from './oracle/migrate';
import { resolveProfile as oldResolve } from './oracle/resolve';
import { walkSettings as oldWalk } from './oracle/walk';
import { tooDeepPath as oldTooDeepPath } from './oracle/depth';
import { formatPath as oldFormatPath } from './oracle/path';
import { prepareProfile as oldPrepare, validateProfile as oldValidate } from './oracle/validate';
import { K } from '../support/keys';

/** Parsable profiles: examples (and the release-job ones), fixtures, bad corpus. */
function inputs(): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  const add = (dir: string, name: string) => {
    try {
      out.push({ name, value: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown });
    } catch {
      // not JSON: nothing to validate
    }
  };
  const dirs = [join(ROOT, 'examples'), join(ROOT, 'examples', 'release-job', 'profiles'), join(ROOT, 'tests', 'fixtures', 'profiles'), join(ROOT, 'tests', 'fixtures', 'bad', 'profiles')];
  for (const dir of dirs) for (const n of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) add(dir, n);
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The inputs and variants that reach other branches (user scope, old fleet, no metadata…). */
function variants(value: unknown): unknown[] {
  if (!isObj(value)) return [value];
  const out: unknown[] = [value, { ...value, scope: 'user' }, { ...value, appVersion: '1.1000.0' }, { ...value, appVersion: '1.99999.0', scope: 'user' }];
  const { displayName: _d, organization: _o, description: _x, scope: _s, ...bare } = value;
  out.push(bare);
  if (isObj(value.settings)) {
    // Every secret given as an { env } reference and as a literal.
    const s = value.settings;
    out.push({ ...value, settings: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, CATALOG.find((c) => c.name === k)?.secret ? { env: `E_${k}` } : v])) });
    out.push({ ...value, settings: Object.fromEntries(Object.entries(s).reverse()) });
  }
  return out;
}

/** Every `{ env }` name in a value. */
function envNames(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => envNames(x, out));
  else if (isObj(v)) {
    if (Object.keys(v).length === 1 && typeof v.env === 'string') out.add(v.env);
    else Object.values(v).forEach((x) => envNames(x, out));
  }
  return out;
}

const OPTIONS: ValidateOptions[] = [{ now: new Date('2026-01-15T00:00:00Z') }, { now: new Date('2026-11-25T00:00:00Z') }];

/** JSON text with `undefined` made visible, so key order and absent-vs-undefined both count. */
function text(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '<undefined>' : x instanceof Set ? { set: [...(x as Set<unknown>)] } : x));
}

function outcome(f: () => unknown): string {
  try {
    return text({ ok: f() });
  } catch (e) {
    const err = e as { name?: string; message?: string; findings?: unknown };
    return text({ threw: { name: err.name, message: err.message, findings: err.findings } });
  }
}

/** Objects (and arrays) reachable from `v`. */
function containers(v: unknown, out: Set<object> = new Set()): Set<object> {
  if (typeof v === 'object' && v !== null && !out.has(v)) {
    out.add(v);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

function compare(value: unknown, label: string): void {
  const before = JSON.stringify(value); // no replacer: the corpus nests 3,000 levels deep
  const deep = oldTooDeepPath(value) !== undefined;
  const env: Record<string, string> = Object.fromEntries([...(deep ? [] : envNames(value))].map((n) => [n, `v-${n}`]));
  for (const opts of OPTIONS) {
    const a = validateProfile(value, opts);
    const b = oldValidate(value, opts);
    if (text(a) !== text(b)) expect({ label, opts, findings: a }).toEqual({ label, opts, findings: b });
    if (a.profile) {
      // The returned profile never shares objects with the input below the root.
      const mine = containers(a.profile.settings);
      for (const o of containers((value as { settings: unknown }).settings)) if (mine.has(o)) throw new Error(`${label}: the validated profile shares an object with the input`);
    }
    for (const penv of [env, {}] as PrepareOptions['env'][]) {
      const p: PrepareOptions = { ...opts, ...(penv ? { env: penv } : {}) };
      const x = outcome(() => prepareProfile(value, p));
      const y = outcome(() => oldPrepare(value, p));
      if (x !== y) expect({ label, x }).toEqual({ label, x: y });
    }
  }
  if (isObj(value) && isObj(value.settings)) {
    const s = value.settings;
    for (const opts of [...OPTIONS, { ...OPTIONS[1], appVersion: '1.1000.0' }]) {
      if (deep) break;
      const x = outcome(() => migrateSettings(s, opts));
      const y = outcome(() => oldMigrate(s, opts));
      if (x !== y) expect({ label, x }).toEqual({ label, x: y });
    }
    const leaves: Leaf[] = [];
    const oldLeaves: Leaf[] = [];
    if (!deep) {
      walkSettings(s, (l) => leaves.push({ ...l, path: [...l.path] }));
      oldWalk(s, (l) => oldLeaves.push({ ...l, path: [...l.path] }));
      if (text(leaves) !== text(oldLeaves)) expect({ label, leaves }).toEqual({ label, leaves: oldLeaves });
      const v = validateProfile(value, OPTIONS[1]);
      if (v.profile) {
        const r = outcome(() => resolveProfile(v.profile as GatewayProfile, env));
        const q = outcome(() => oldResolve(v.profile as GatewayProfile, env));
        if (r !== q) expect({ label, r }).toEqual({ label, r: q });
      }
    }
  }
  expect(text(tooDeepPath(value))).toBe(text(oldTooDeepPath(value)));
  expect(nestsDeeperThan(value)).toBe(deep);
  for (const max of [0, 1, 2, 3, 5]) expect(nestsDeeperThan(value, max)).toBe(oldTooDeepPath(value, max) !== undefined);
  // Nothing touched the caller's input.
  expect(JSON.stringify(value)).toBe(before);
}

describe('validation pipeline ≡ the straightforward implementation (tests/validate/oracle)', () => {
  const cases = inputs();

  test('formatPath', () => {
    const segs = ['', '$', '_', 'a', 'A1', '1a', '9', 'a-b', 'a b', 'é', 'aé', 'a\n', 'a\u0000', 'ab$_Z9', '[', '.', '"', 'Zz', '`', '@', '{', 'x:y', 0, 7, -1, 1.5];
    for (const a of segs) for (const b of segs) expect(formatPath([a, b])).toBe(oldFormatPath([a, b]));
    expect(formatPath([])).toBe(oldFormatPath([]));
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.nat())), (p) => formatPath(p) === oldFormatPath(p)), { numRuns: 2000, seed: 7 });
  });

  test('there are enough inputs', () => {
    expect(cases.length).toBeGreaterThan(250);
  });

  test('every example, fixture and bad-corpus profile, and their variants', () => {
    for (const c of cases) variants(c.value).forEach((v, i) => compare(v, `${c.name}#${i}`));
  });

  test('each settings key of every input alone, beside a minimal gateway', () => {
    const base = { name: 'x', identifier: 'com.example.x', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' } };
    for (const c of cases) {
      const s = isObj(c.value) && isObj(c.value.settings) ? c.value.settings : {};
      for (const [k, v] of Object.entries(s)) compare({ ...base, settings: { ...base.settings, [k]: v } }, `${c.name}:${k}`);
    }
  });

  test('prototype-named fields and map keys at every level of every catalogue key', () => {
    const base = { name: 'x', identifier: 'com.example.x', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' } };
    const odd = '{"constructor":{"a":"CHANGE_ME","env":"X"},"__proto__":{"b":"x\\u0001"},"toString":"http://a b","values":{"k":"v"},"hasOwnProperty":[{"env":"Y"}],"env":"Z"}';
    const shapes = [`${odd}`, `[${odd}]`, `[{"name":"m","oauth":${odd},"headers":${odd},"tools":[${odd}]}]`, `{"mcpServers":${odd}}`, `["${'a'.repeat(3)}",${odd}]`];
    for (const key of CATALOG) for (const text of shapes) compare({ ...base, settings: { ...base.settings, [key.name]: JSON.parse(text) as unknown } }, `${key.name}=${text}`);
  });

  test('generated profiles: catalogue keys, legacy names and unknown names with fitting and arbitrary values', () => {
    const names = [...CATALOG.map((k) => k.name), ...CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => l.name)), 'bogusKey', '__proto__', 'constructor'];
    const valueFor = (name: string): fc.Arbitrary<unknown> => {
      const key = CATALOG.find((k) => k.name === name);
      const any = fc.jsonValue({ maxDepth: 3 });
      return key ? fc.oneof(keyValue(key, 'clean'), keyValue(key, 'illegal'), any, fc.constant({ env: 'SOME_VAR' })) : any;
    };
    const settings = fc.uniqueArray(fc.constantFrom(...names), { maxLength: 25 }).chain((ks) => fc.tuple(...ks.map((k) => valueFor(k).map((v) => [k, v] as const))));
    const profile = fc.record({
      settings: settings.map((entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
      }),
      scope: fc.constantFrom('machine', 'user', undefined),
      appVersion: fc.constantFrom(undefined, '1.1000.0', '1.99999.0'),
    }).map(({ settings: s, scope, appVersion }) => ({ name: 'gen', identifier: 'com.example.gen', ...(scope ? { scope } : {}), ...(appVersion ? { appVersion } : {}), settings: { [K.inferenceProvider]: 'gateway', ...s } }));
    fc.assert(fc.property(profile, (p) => compare(p, 'generated')), { numRuns: 400, seed: 42 });
  });
});

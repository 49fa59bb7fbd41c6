/**
 * Same settings → same bytes, whatever order the input lists the keys of the objects *inside*
 * a setting in (formats.md §0: "fixed key order, never the user's insertion order").
 * settings-order.test.ts reorders the settings keys; this file reorders every object below them:
 * model entries, the announcement bar object, MCP server entries and their OAuth objects, header, environment and
 * tool-policy maps, the OIDC objects…
 *
 * The order is made once, where the profile is resolved (lib/profile/canonical.ts): fields the
 * catalogue declares in catalogue order, then other fields in code-unit order; free-form maps in
 * code-unit order; lists keep their order, and so do the maps whose key order may decide which
 * entry applies (`keyOrderMatters`: the tool-policy maps), which these tests therefore never reorder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildArtifacts, type BuildOptions } from '../../lib/build';
import { CATALOG, findKey, getKey, type KeyName, type ValueSpec } from '../../lib/catalog';
import { canonicalSettings } from '../../lib/profile/canonical';
import { resolveProfile } from '../../lib/profile/resolve';
import type { GatewayProfile } from '../../lib/profile/types';
import { keyValue } from '../property/arbitraries';
import { envFor, loadExamples, PROFILE_FIXTURES_DIR } from '../support/examples';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');

function load(file: string): GatewayProfile {
  return JSON.parse(readFileSync(join(PROFILE_FIXTURES_DIR, file), 'utf8')) as GatewayProfile;
}

/** The spec of a value inside `spec` (an objectList's items, a field, a map's values), as canonical.ts walks it. */
function childSpec(spec: ValueSpec | undefined, key: string | number): ValueSpec | undefined {
  if (!spec) return undefined;
  if (typeof key === 'number') return spec.type === 'objectList' ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) } : undefined;
  return spec.fields ? spec.fields[key] : spec.values;
}

/**
 * A deep copy with the keys of every object below the settings keys put in the order `reorder`
 * gives, except maps whose key order the catalogue says matters (they keep theirs).
 */
function deepReorder(value: unknown, spec: ValueSpec | undefined, reorder: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => deepReorder(v, childSpec(spec, i), reorder));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = spec?.keyOrderMatters ? Object.keys(obj) : reorder(Object.keys(obj));
  return Object.fromEntries(keys.map((k) => [k, deepReorder(obj[k], childSpec(spec, k), reorder)]));
}

function withNestedOrder(profile: GatewayProfile, reorder: (keys: string[]) => string[]): GatewayProfile {
  const settings = profile.settings as Record<string, unknown>;
  // Settings keys keep their place (settings-order.test.ts covers those): only nested objects move.
  return { ...profile, settings: Object.fromEntries(Object.keys(settings).map((n) => [n, deepReorder(settings[n], findKey(n), reorder)])) as GatewayProfile['settings'] };
}

const ORDERS: [string, (keys: string[]) => string[]][] = [
  ['reversed', (keys) => [...keys].reverse()],
  ['interleaved', (keys) => [...keys.filter((_, i) => i % 2 === 1), ...keys.filter((_, i) => i % 2 === 0)]],
  ['sorted descending', (keys) => [...keys].sort().reverse()],
];

/** Every built file as path → text (latin1, so any byte difference shows), plus the warnings. */
function build(profile: GatewayProfile, options: BuildOptions): { files: Record<string, string>; warnings: string } {
  const r = buildArtifacts(profile, options);
  return { files: Object.fromEntries(r.files.map((f) => [f.path, f.bytes.toString('latin1')])), warnings: JSON.stringify(r.warnings) };
}

/** How many objects with two or more keys the settings hold (what a reorder can move). */
function movableObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + movableObjects(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const vals = Object.values(value as Record<string, unknown>);
  return (vals.length > 1 ? 1 : 0) + vals.reduce((n: number, v) => n + movableObjects(v), 0);
}

const CASES: [string, GatewayProfile][] = [
  ...['all-keys.profile.json', 'hostile.profile.json', 'hostile-reg.profile.json'].map((f) => [f, load(f)] as [string, GatewayProfile]),
  ...loadExamples().map((e) => [e.file, e.profile] as [string, GatewayProfile]),
];

describe.each(CASES)('%s: the order of keys inside setting values does not change a byte', (_file, original) => {
  const env = envFor(original);
  const options: BuildOptions = { env, now: NOW };
  const reference = build(original, options);

  test.each(ORDERS)('%s: every artifact (all formats), DEPLOY.md and manifest.json byte-identical; the same warnings', (name, reorder) => {
    const reordered = withNestedOrder(original, reorder);
    const settings = original.settings as Record<string, unknown>;
    // Reversing always moves an object of two or more keys (the other orders may happen to match the input).
    if (name === 'reversed' && movableObjects(settings) > 0) expect(JSON.stringify(reordered.settings)).not.toBe(JSON.stringify(settings));
    const other = build(reordered, options);
    expect(Object.keys(other.files)).toEqual(Object.keys(reference.files));
    for (const path of Object.keys(reference.files)) expect({ path, bytes: other.files[path] }).toEqual({ path, bytes: reference.files[path] });
    expect(other.warnings).toEqual(reference.warnings);
  });
});

test('the MCX form of the .mobileconfig too', () => {
  const original = load('all-keys.profile.json');
  const options: BuildOptions = { env: envFor(original), now: NOW, payloadForm: 'mcx' };
  const a = build(original, options).files;
  const b = build(withNestedOrder(original, ORDERS[0]![1]), options).files;
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const path of Object.keys(a)) expect({ path, bytes: b[path] }).toEqual({ path, bytes: a[path] });
});

test('the fixtures hold nested objects to reorder (model entries, MCP servers, maps)', () => {
  expect(movableObjects(load('all-keys.profile.json').settings)).toBeGreaterThan(5);
});

describe('the canonical order', () => {
  const base = { name: 'order', identifier: 'com.example.claude.order' };
  const gateway = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' };
  const fieldsOf = (name: KeyName): string[] => Object.keys(getKey(name).fields ?? {});

  test('declared fields in catalogue order, then undeclared ones in code-unit order; maps in code-unit order; lists and tool-policy maps keep their order', () => {
    const modelFields = fieldsOf(K.inferenceModels);
    const mcpFields = fieldsOf(K.managedMcpServers);
    const oauthFields = Object.keys(getKey(K.managedMcpServers).fields!.oauth!.fields!);
    const backwards = (fields: string[], v: (f: string) => unknown) => Object.fromEntries([...fields].reverse().map((f) => [f, v(f)]));
    const model = { zz: 1, ...backwards(modelFields.slice(0, 3), (f) => `${f}-value`), Aa: 2 };
    const server = backwards(mcpFields.filter((f) => ['name', 'url', 'headers', 'toolPolicy'].includes(f)), (f) =>
      f === 'headers' ? { 'X-b': '1', 'X-B': '2', 'X-a': '3' } : f === 'toolPolicy' ? { zeta: 'allow', '*': 'ask', alpha: 'blocked' } : `${f}-value`,
    );
    const settings = {
      ...gateway,
      [K.inferenceModels]: [model, 'plain-model', { [modelFields[0]!]: 'second' }],
      [K.managedMcpServers]: [{ ...server, oauth: backwards(oauthFields.slice(0, 3), (f) => `${f}-value`) }],
    };
    const out = canonicalSettings(settings) as Record<string, unknown>;
    const models = out[K.inferenceModels] as unknown[];
    expect(models.map((m) => (typeof m === 'string' ? m : Object.keys(m as object)))).toEqual([[...modelFields.slice(0, 3), 'Aa', 'zz'], 'plain-model', [modelFields[0]]]);
    const s = (out[K.managedMcpServers] as Record<string, unknown>[])[0]!;
    expect(Object.keys(s)).toEqual(mcpFields.filter((f) => ['name', 'url', 'headers', 'toolPolicy', 'oauth'].includes(f)));
    expect(Object.keys(s.headers as object)).toEqual(['X-B', 'X-a', 'X-b']);
    // Tool names and *-globs: the order may decide which rule wins, so it is the one written.
    expect(Object.keys(s.toolPolicy as object)).toEqual(['zeta', '*', 'alpha']);
    expect(Object.keys(s.oauth as object)).toEqual(oauthFields.slice(0, 3));
    // The settings themselves: catalogue order.
    const rank = (n: string) => CATALOG.findIndex((k) => k.name === n);
    expect(Object.keys(out).map(rank)).toEqual(Object.keys(out).map(rank).sort((a, b) => a - b));
  });

  test('the resolved profile carries the canonical order, with env secrets filled in where they were', () => {
    const profile = {
      ...base,
      settings: { ...gateway, [K.inferenceCustomHeaders]: { 'X-z': { env: 'Z' }, 'X-a': 'a' }, [K.banner]: Object.fromEntries([...fieldsOf(K.banner)].reverse().slice(0, 2).map((f) => [f, f])) },
    } as unknown as GatewayProfile;
    const settings = resolveProfile(profile, { Z: 'zz' }).settings as Record<string, unknown>;
    expect(settings[K.inferenceCustomHeaders]).toEqual({ 'X-a': 'a', 'X-z': 'zz' });
    expect(Object.keys(settings[K.inferenceCustomHeaders] as object)).toEqual(['X-a', 'X-z']);
    expect(Object.keys(settings[K.banner] as object)).toEqual(fieldsOf(K.banner).filter((f) => Object.keys(settings[K.banner] as object).includes(f)));
    // The input is not changed.
    expect(Object.keys((profile.settings as Record<string, Record<string, unknown>>)[K.inferenceCustomHeaders]!)).toEqual(['X-z', 'X-a']);
  });

  test('a "__proto__" map key stays an own key, and the copy shares nothing with the input', () => {
    const headers = JSON.parse('{"X-b":"1","__proto__":"2"}') as Record<string, unknown>;
    const input = { [K.inferenceCustomHeaders]: headers };
    const out = canonicalSettings(input) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out[K.inferenceCustomHeaders]!)).toEqual(['X-b', '__proto__']);
    expect(JSON.stringify(out)).toBe(`{"${K.inferenceCustomHeaders}":{"X-b":"1","__proto__":"2"}}`);
    expect(out[K.inferenceCustomHeaders]).not.toBe(headers);
  });
});

/** Property: for every structured catalogue key, any permutation of every object's keys gives the same canonical JSON. */
describe('property: canonical JSON does not depend on key order', () => {
  const structured = CATALOG.filter((k) => k.type === 'object' || k.type === 'objectList');

  /** Shuffles every object's keys with a seeded generator (order-significant maps excepted), plus an undeclared field, so both rules are exercised. */
  function shuffled(value: unknown, spec: ValueSpec | undefined, next: () => number): unknown {
    if (Array.isArray(value)) return value.map((v, i) => shuffled(v, childSpec(spec, i), next));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i > 0 && !spec?.keyOrderMatters; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, childSpec(spec, k), next)]));
  }
  const withExtras = (spec: ValueSpec, value: unknown): unknown =>
    spec.type === 'objectList' && Array.isArray(value)
      ? value.map((v) => (v && typeof v === 'object' ? { ...(v as object), zExtra: 1, aExtra: { b: 1, a: 2 } } : v))
      : value;

  test.each(structured.map((k) => [k.name, k] as const))('%s', (_name, key) => {
    fc.assert(
      fc.property(keyValue(key, 'clean'), fc.integer(), (raw, seed) => {
        const value = withExtras(key, raw);
        let s = seed >>> 0;
        const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
        const a = JSON.stringify(canonicalSettings({ [key.name]: value }));
        const b = JSON.stringify(canonicalSettings({ [key.name]: shuffled(value, key, next) }));
        expect(b).toBe(a);
      }),
      { numRuns: 50 },
    );
  });
});

describe('maps whose key order may decide which entry applies keep the order written', () => {
  const ordered = CATALOG.filter((k) => k.keyOrderMatters || Object.values(k.fields ?? {}).some((f) => f.keyOrderMatters));

  test('the catalogue marks the tool-policy maps (tool names and *-globs)', () => {
    expect(ordered.map((k) => k.name).sort()).toEqual([K.builtinToolPolicy, K.managedMcpServers].sort());
  });

  test('a reversed policy map stays reversed through resolve and into the stored JSON text', () => {
    const policy = { zeta: 'allow', '*': 'ask', alpha: 'allow' };
    const reversed = Object.fromEntries(Object.entries(policy).reverse());
    const text = (p: object) => {
      const profile = { name: 'o', identifier: 'com.example.o', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.builtinToolPolicy]: p } } as unknown as GatewayProfile;
      const json = buildArtifacts(profile, { now: NOW, formats: ['json'] }).files.find((f) => f.path.endsWith('settings.json'))!;
      return (JSON.parse(json.bytes.toString('utf8')) as Record<string, string>)[K.builtinToolPolicy];
    };
    expect(Object.keys(JSON.parse(text(policy)!) as object)).toEqual(Object.keys(policy));
    expect(Object.keys(JSON.parse(text(reversed)!) as object)).toEqual(Object.keys(reversed));
  });
});

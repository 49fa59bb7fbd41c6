import {
  CATALOG, SECTIONS, PROVIDERS, PROVIDER_REQUIREMENTS, findKey, findLegacyName, allKnownNames, parseSince, parseAppVersion, compareAppVersions, isNewerThanFleet,
  type ValueSpec,
} from '../../lib/catalog';
import { K, LEGACY } from '../support/keys';
import { FIRST_PARTY_ONLY, reference, section, tableKeyNames } from './support/reference';

/** Every field name and enum value of the catalogue (to tell them apart from key names in prose). */
function fieldsAndValues(): Set<string> {
  const out = new Set<string>();
  const visit = (s: ValueSpec) => {
    for (const e of s.enum ?? []) out.add(e);
    for (const [name, f] of Object.entries(s.fields ?? {})) {
      out.add(name);
      visit(f);
    }
    if (s.values) visit(s.values);
  };
  CATALOG.forEach(visit);
  return out;
}

describe('key catalogue', () => {
  test('holds every key of the reference tables (and nothing else), except first-party-only keys', () => {
    const names = tableKeyNames();
    expect(names.length).toBeGreaterThan(80);
    const missing = names.filter((n) => !findKey(n) && !findLegacyName(n) && !FIRST_PARTY_ONLY.includes(n));
    expect(missing).toEqual([]);
    expect(FIRST_PARTY_ONLY.filter((n) => findKey(n))).toEqual([]);
  });

  test('holds every key named in the reference section 1b (keys added after the newest page)', () => {
    const body = section(/^### 1b\./m, /^### 1c\./m);
    const known = fieldsAndValues();
    const idents = [...body.matchAll(/`([a-z][A-Za-z0-9]*)`/g)].map((m) => m[1] as string);
    const unaccounted = idents.filter((n) => !findKey(n) && !findLegacyName(n) && !known.has(n) && !FIRST_PARTY_ONLY.includes(n));
    expect(unaccounted).toEqual([]);
    // Spot-check that 1b keys really are catalogue keys, not only fields.
    const spot = [K.inferenceStreamIdleTimeoutSec, K.egressProxyUrl, K.sshHostAllowlist, K.inferenceModelPricing, K.otlpAuthMode, K.trustBootstrapDelivery, K.endUserAttribution];
    expect(spot.filter((n) => !findKey(n) || !idents.includes(n))).toEqual([]);
  });

  test('every catalogue key and legacy name appears in the reference', () => {
    const absent = allKnownNames().filter((n) => !reference.includes(`\`${n}\``));
    expect(absent).toEqual([]);
  });

  test('well over 100 keys, unique names, valid sections, providers, since markers and shapes', () => {
    expect(CATALOG.length).toBeGreaterThan(110);
    const names = CATALOG.map((k) => k.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const sectionIds = new Set<string>(SECTIONS.map((s) => s.id));
    // One list of '<key>: <problem>' lines, so a failure names every offending key.
    const problems = CATALOG.flatMap((key) => {
      const out: string[] = [];
      if (!sectionIds.has(key.section)) out.push(`unknown section ${key.section}`);
      if (key.description.length <= 10) out.push(`description too short: "${key.description}"`);
      if (key.providers !== 'all') for (const p of key.providers) if (!PROVIDERS.includes(p)) out.push(`unknown provider ${p}`);
      const since = parseSince(key.since);
      if (parseAppVersion(since.build) === undefined || compareAppVersions(since.build, '1.0') <= 0) out.push(`since ${key.since} is not a build after 1.0`);
      if (key.type === 'object' && Boolean(key.fields) === Boolean(key.values)) out.push('an object needs fields or values (not both)');
      if (key.type === 'objectList' && !key.fields) out.push('an objectList needs fields');
      return out.map((p) => `${key.name}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  test('legacy names: each names one key, none is used twice, none is a current name', () => {
    const legacy = CATALOG.flatMap((key) => (key.legacyNames ?? []).map((l) => ({ key: key.name, name: l.name })));
    expect(legacy.length).toBeGreaterThanOrEqual(5);
    const twice = legacy.filter((l, i) => legacy.findIndex((m) => m.name === l.name) !== i).map((l) => `${l.name} (again on ${l.key})`);
    expect(twice).toEqual([]);
    expect(legacy.filter((l) => findKey(l.name) !== undefined).map((l) => `${l.name} (legacy name of ${l.key}) is a current key`)).toEqual([]);
    expect(legacy.filter((l) => findLegacyName(l.name)?.key.name !== l.key).map((l) => `${l.name} does not resolve to ${l.key}`)).toEqual([]);
    expect(findLegacyName(LEGACY.inferenceGatewayHeaders)?.key.name).toBe(K.inferenceCustomHeaders);
  });

  test('provider requirements name only catalogue keys', () => {
    const named = Object.values(PROVIDER_REQUIREMENTS).flatMap((req) => [...req.required, ...req.together.flat(), ...req.credentials.flat().map((c) => c.key)]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((k) => !findKey(k))).toEqual([]);
  });

  test('version markers compare as the fleet rule needs', () => {
    expect(compareAppVersions('1.10628', '1.5354.0')).toBe(1);
    expect(compareAppVersions('1.46388.4', '1.46388.4')).toBe(0);
    expect(isNewerThanFleet('1.40609.0', '1.30000')).toBe(true);
    expect(isNewerThanFleet('1.40609.0', '1.40609.0')).toBe(false);
    expect(isNewerThanFleet('<=1.5354.0', '1.5354.0')).toBe(false);
    expect(isNewerThanFleet('>1.5354.0', '1.5354.0')).toBe(true);
    expect(isNewerThanFleet('>1.5354.0', '1.6000')).toBe(false);
  });
});

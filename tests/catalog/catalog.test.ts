import {
  CATALOG, SECTIONS, PROVIDERS, PROVIDER_REQUIREMENTS, findKey, findLegacyName, allKnownNames, parseSince, compareAppVersions, isNewerThanFleet,
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
    for (const n of FIRST_PARTY_ONLY) expect(findKey(n)).toBeUndefined();
  });

  test('holds every key named in the reference section 1b (keys added after the newest page)', () => {
    const body = section(/^### 1b\./m, /^### 1c\./m);
    const known = fieldsAndValues();
    const idents = [...body.matchAll(/`([a-z][A-Za-z0-9]*)`/g)].map((m) => m[1] as string);
    const unaccounted = idents.filter((n) => !findKey(n) && !findLegacyName(n) && !known.has(n) && !FIRST_PARTY_ONLY.includes(n));
    expect(unaccounted).toEqual([]);
    // Spot-check that 1b keys really are catalogue keys, not only fields.
    for (const n of [K.inferenceStreamIdleTimeoutSec, K.egressProxyUrl, K.sshHostAllowlist, K.inferenceModelPricing, K.otlpAuthMode, K.trustBootstrapDelivery, K.endUserAttribution]) {
      expect(findKey(n)).toBeDefined();
    }
  });

  test('every catalogue key and legacy name appears in the reference', () => {
    const absent = allKnownNames().filter((n) => !reference.includes(`\`${n}\``));
    expect(absent).toEqual([]);
  });

  test('well over 100 keys, unique names, valid sections and providers', () => {
    expect(CATALOG.length).toBeGreaterThan(110);
    expect(new Set(CATALOG.map((k) => k.name)).size).toBe(CATALOG.length);
    const sectionIds = new Set<string>(SECTIONS.map((s) => s.id));
    for (const key of CATALOG) {
      expect(sectionIds.has(key.section)).toBe(true);
      expect(key.description.length).toBeGreaterThan(10);
      if (key.providers !== 'all') for (const p of key.providers) expect(PROVIDERS).toContain(p);
      expect(() => parseSince(key.since)).not.toThrow();
      expect(compareAppVersions(parseSince(key.since).build, '1.0')).toBeGreaterThan(0);
      if (key.type === 'object') expect(Boolean(key.fields) !== Boolean(key.values)).toBe(true);
      if (key.type === 'objectList') expect(key.fields).toBeDefined();
    }
  });

  test('legacy names map to one current key each and are not current names', () => {
    for (const name of [LEGACY.inferenceGatewayHeaders, LEGACY.isDxtEnabled, LEGACY.isDxtSignatureRequired, LEGACY.trustBootstrapLocalExec, LEGACY.enduserAttribution]) {
      const legacy = findLegacyName(name);
      expect(legacy).toBeDefined();
      expect(findKey(name)).toBeUndefined();
    }
    expect(findLegacyName(LEGACY.inferenceGatewayHeaders)?.key.name).toBe(K.inferenceCustomHeaders);
  });

  test('provider requirements name only catalogue keys', () => {
    for (const req of Object.values(PROVIDER_REQUIREMENTS)) {
      for (const k of [...req.required, ...req.together.flat(), ...req.credentials.flat().map((c) => c.key)]) expect(findKey(k)).toBeDefined();
    }
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

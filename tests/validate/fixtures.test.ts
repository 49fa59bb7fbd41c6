import { CATALOG } from '../../lib/catalog';
import { validateProfile } from '../../lib/validate';
import { loadFixtureProfile } from '../support/examples';

describe('test fixtures', () => {
  test('all-keys.profile.json sets every catalogue key and has no errors (update it when a key is added)', () => {
    const { profile } = loadFixtureProfile('all-keys.profile.json');
    expect(Object.keys(profile.settings).sort()).toEqual(CATALOG.map((k) => k.name).sort());
    const r = validateProfile(profile, { now: new Date('2026-11-25T00:00:00Z') });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('hostile.profile.json is valid (its values are hard to escape, not wrong)', () => {
    const { profile } = loadFixtureProfile('hostile.profile.json');
    const r = validateProfile(profile, { now: new Date('2026-11-25T00:00:00Z') });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

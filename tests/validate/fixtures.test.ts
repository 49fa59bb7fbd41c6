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

describe('examples/release-job', () => {
  test('its profiles folder validates', () => {
    const { readdirSync, readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const { join } = jest.requireActual<typeof import('node:path')>('node:path');
    const dir = join(__dirname, '..', '..', 'examples', 'release-job', 'profiles');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(validateProfile(JSON.parse(readFileSync(join(dir, f), 'utf8'))).ok).toBe(true);
  });
});

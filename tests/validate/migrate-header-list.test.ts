/**
 * The deprecated "Name: value" list shape (`header-list`): which keys also read `name=value`
 * entries is a catalogue attribute (`acceptsEquals`), not a list of names in the migration.
 */
import { CATALOG } from '../../lib/catalog';
import { migrateSettings } from '../../lib/migrate';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');
const withShape = CATALOG.filter((k) => (k.deprecatedShapes ?? []).some((s) => s.shape === 'header-list'));
const acceptsEquals = (name: string) => (CATALOG.find((k) => k.name === name)?.deprecatedShapes ?? []).some((s) => s.shape === 'header-list' && s.acceptsEquals === true);

describe('header-list migration', () => {
  test('the catalogue marks the OpenTelemetry-style keys, and not the inference headers', () => {
    expect(withShape.length).toBeGreaterThan(1);
    expect(withShape.filter((k) => acceptsEquals(k.name)).map((k) => k.name)).toEqual(expect.arrayContaining([K.otlpHeaders, K.otlpResourceAttributes, K.bootstrapHeaders]));
    expect(acceptsEquals(K.inferenceCustomHeaders)).toBe(false);
  });

  test.each(withShape.map((k) => [k.name] as const))('%s splits entries as its catalogue entry says', (name) => {
    const r = migrateSettings({ [name]: ['X-A: 1', 'b=2', 'c:3=4', 'd=5:6'] }, { now: NOW });
    if (acceptsEquals(name)) {
      // Split at the first `:` or `=`.
      expect(r.settings[name]).toEqual({ 'X-A': '1', b: '2', c: '3=4', d: '5:6' });
      expect(r.findings.filter((f) => f.code === 'invalid-legacy-value')).toEqual([]);
    } else {
      // Split at the first `:` only: `b=2` is not "Name: value".
      expect(r.settings[name]).toEqual({ 'X-A': '1', c: '3=4', 'd=5': '6' });
      expect(r.findings.filter((f) => f.code === 'invalid-legacy-value').map((f) => f.path)).toEqual([`settings.${name}[1]`]);
    }
  });
});

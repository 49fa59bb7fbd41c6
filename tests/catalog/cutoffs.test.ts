/**
 * Guard: every cut-off date in the catalogue is a real instant in canonical form.
 *
 * `deprecationSeverity` compares `now >= Date.parse(cutoff)`; a cut-off that does not parse
 * (`2026-13-07T19:00:00Z`) makes that NaN, so a retired name or shape stays a warning forever in
 * validate, build, check and import (audit H2). The `IsoDateTime` type stops most slips at
 * compile time, but its parts are plain numbers; this test checks the values.
 */
import { CATALOG, DEPRECATION_CUTOFF } from '../../lib/catalog';

/** Every `cutoff` property anywhere in a key's entry (legacy names, shapes, values, enum values, and any later list), with its path. */
function cutoffsIn(value: unknown, path: string): { path: string; cutoff: unknown }[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'cutoff' ? [{ path, cutoff: v }] : cutoffsIn(v, `${path}.${k}`)));
}

/** `YYYY-MM-DDTHH:MM:SSZ` exactly as `toISOString` writes that instant (no rollover of day 31 or hour 24). */
function isCanonical(cutoff: string): boolean {
  const t = Date.parse(cutoff);
  return Number.isFinite(t) && new Date(t).toISOString().replace(/\.000Z$/, 'Z') === cutoff;
}

describe('cut-off dates', () => {
  const all = [{ path: 'DEPRECATION_CUTOFF', cutoff: DEPRECATION_CUTOFF as unknown }, ...CATALOG.flatMap((k) => cutoffsIn(k, k.name))];

  test('the catalogue has cut-offs in legacy names, shapes, values and enum values (the walk finds them)', () => {
    const kinds = new Set(all.map((c) => c.path.split('.')[1]));
    for (const kind of ['legacyNames', 'deprecatedShapes', 'deprecatedValues', 'deprecatedEnumValues']) expect(kinds).toContain(kind);
  });

  test('every cut-off parses (Date.parse is finite)', () => {
    const bad = all.filter((c) => typeof c.cutoff !== 'string' || !Number.isFinite(Date.parse(c.cutoff))).map((c) => `${c.path}: ${String(c.cutoff)}`);
    expect(bad).toEqual([]);
  });

  test('every cut-off is canonical: YYYY-MM-DDTHH:MM:SSZ, the instant it names', () => {
    const bad = all.filter((c) => typeof c.cutoff !== 'string' || !isCanonical(c.cutoff)).map((c) => `${c.path}: ${String(c.cutoff)}`);
    expect(bad).toEqual([]);
  });

  test('the check refuses what slips past the type', () => {
    expect(isCanonical('2026-10-07T19:00:00Z')).toBe(true);
    for (const s of ['2026-13-07T19:00:00Z', '2026-02-30T19:00:00Z', '2026-10-07T24:00:00Z', '2026-10-7T19:00:00Z', '2026-10-07T19:00:00.000Z']) expect([s, isCanonical(s)]).toEqual([s, false]);
  });
});

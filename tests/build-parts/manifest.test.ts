/**
 * manifest.ts writes JSON by hand where it is hot: canonicalJson with loops, manifest.json for its
 * fixed shape. These properties compare both with the straightforward definitions they replace.
 */
import fc from 'fast-check';
import { canonicalJson, manifestJson, type Manifest } from '../../lib/build/manifest';

// The definition before the loops: entries, filter, sort, map, join.
function referenceCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '"', '\\', '\u2028', '\uD800', '😀', '__proto__', '10', '2', 'a'));

describe('canonicalJson', () => {
  test('equals the entries/sort/join definition', () => {
    const leaf = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.double(), fc.constant(-0));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(text, tie('node'), { maxKeys: 5 }), fc.dictionary(text, leaf, { minKeys: 15, maxKeys: 25 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonical(v));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('manifestJson', () => {
  test('equals JSON.stringify(body, null, 2)', () => {
    const file = fc.record({ path: text, size: fc.oneof(fc.nat(), fc.double()), sha256: text, mediaType: text });
    const body = fc.record({
      tool: fc.record({ name: text, version: text }),
      catalogAppVersion: text,
      profile: fc.record({ name: text, identifier: text, scope: text, sha256: text }),
      formats: fc.array(text, { maxLength: 4 }),
      files: fc.array(file, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(body, (b: Manifest) => {
        expect(manifestJson(b)).toBe(JSON.stringify(b, null, 2));
      }),
      { numRuns: 2000 },
    );
  });
});

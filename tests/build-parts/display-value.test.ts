/**
 * displayValue takes shortcuts for values the walk cannot change (a top-level string, number or
 * boolean; a structured value of a key with no secret or URL anywhere in its spec), and shorten
 * one for text without surrogates. These properties compare them with the full walk and with the
 * code-point definition, on catalogue-generated values and on arbitrary JSON.
 */
import fc from 'fast-check';
import { CATALOG, type KeyDef, type KeyName } from '../../lib/catalog';
import type { SecretSource } from '../../lib/profile/types';
import { displayValue, MAX_DISPLAY_LENGTH, shorten, walkedDisplayValue } from '../../lib/writers/display-value';
import { keyValue } from '../property/arbitraries';

/** The result, or the error's class name. */
const outcome = (fn: () => unknown): unknown => {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

const keyArb = fc.constantFrom<KeyDef>(...CATALOG);
const secretsArb = fc.array(
  fc.record({ key: keyArb, env: fc.boolean() }).map(({ key, env }): SecretSource => ({ path: `settings.${key.name}`, key: key.name as KeyName, from: env ? 'env' : 'literal', ...(env ? { envName: `E_${key.name}` } : {}) })),
  { maxLength: 6 },
);
const URLISH = fc.constantFrom('https://a.example/x?token=1', 'https://b.example/#frag', 'http://c.example:8080/p', 'https://d.example');

describe('displayValue fast paths', () => {
  test('equal the full walk on catalogue-generated values', () => {
    fc.assert(
      fc.property(
        keyArb.chain((key) => fc.tuple(fc.constant(key), keyValue(key, 'clean'))),
        secretsArb,
        ([key, value], secrets) => {
          expect(outcome(() => displayValue(key, value, secrets))).toEqual(outcome(() => walkedDisplayValue(key, value, secrets)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('equal the full walk on values of any shape', () => {
    fc.assert(
      fc.property(keyArb, fc.oneof(fc.jsonValue(), URLISH, fc.array(URLISH), fc.string({ unit: 'binary', maxLength: 120 })), secretsArb, (key, value, secrets) => {
        expect(outcome(() => displayValue(key, value, secrets))).toEqual(outcome(() => walkedDisplayValue(key, value, secrets)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('shorten', () => {
  // The definition: cut by code points (a lone surrogate counts as one).
  const reference = (text: string, max = MAX_DISPLAY_LENGTH): string => {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}… (${chars.length} characters)`;
  };
  test('equals the code-point definition', () => {
    const piece = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('😀', '\uD800', '\uDC00', 'é', '日', 'x'.repeat(40)));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 2, max: 100 }), (parts, max) => {
        const text = parts.join('');
        expect(shorten(text, max)).toBe(reference(text, max));
        expect(shorten(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});

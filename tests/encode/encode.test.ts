import fc from 'fast-check';
import { CATALOG, exampleValue, type ValueType } from '../../lib/catalog';
import { decodeValue, encodeSettings, encodeValue, EncodeError } from '../../lib/encode';
import { K } from '../support/keys';

const NUM_RUNS = process.env.DEEP ? 10_000 : 300;

const jsonLeaf = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, jsonLeaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
})).value;

const arbitraries: Record<ValueType, fc.Arbitrary<unknown>> = {
  string: fc.string({ unit: 'grapheme' }),
  boolean: fc.boolean(),
  integer: fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  stringList: fc.array(fc.string({ unit: 'grapheme' })),
  object: fc.dictionary(fc.string(), jsonValue),
  objectList: fc.array(fc.oneof(fc.string(), fc.dictionary(fc.string(), jsonValue))),
};

describe('encoding layer', () => {
  for (const [type, arb] of Object.entries(arbitraries) as [ValueType, fc.Arbitrary<unknown>][]) {
    test(`round-trips every ${type} (property)`, () => {
      fc.assert(
        fc.property(arb, (value) => {
          const text = encodeValue(type, value);
          const back = decodeValue(type, text);
          expect(back).toEqual({ ok: true, value });
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }

  test('stores booleans, integers and JSON as Claude reads them', () => {
    expect(encodeValue('boolean', true)).toBe('true');
    expect(encodeValue('boolean', false)).toBe('false');
    expect(encodeValue('integer', 3600)).toBe('3600');
    expect(encodeValue('number', 1.25)).toBe('1.25');
    expect(encodeValue('stringList', ['a', 'b'])).toBe('["a","b"]');
    expect(encodeValue('object', { 'X-Org': 'café', path: 'C:\\tmp' })).toBe('{"X-Org":"café","path":"C:\\\\tmp"}');
    expect(encodeValue('objectList', [{ name: 'm', supports1m: true }, 'n'])).toBe('[{"name":"m","supports1m":true},"n"]');
  });

  test('decoding accepts the app\'s 1/0 booleans and rejects what the app cannot read', () => {
    expect(decodeValue('boolean', '1')).toEqual({ ok: true, value: true });
    expect(decodeValue('boolean', '0')).toEqual({ ok: true, value: false });
    expect(decodeValue('boolean', 'yes').ok).toBe(false);
    expect(decodeValue('integer', '12.5').ok).toBe(false);
    expect(decodeValue('integer', '0x10').ok).toBe(false);
    expect(decodeValue('stringList', '{"a":1}').ok).toBe(false);
    expect(decodeValue('object', '[1]').ok).toBe(false);
    expect(decodeValue('objectList', 'not json').ok).toBe(false);
  });

  test('decodes only what encodeValue can write back: no infinite numbers, no integers beyond 2^53, canonical integers', () => {
    // "1e999" matches the number syntax but is Infinity: the writers could never store it again
    // (encodeValue refuses non-finite numbers), and JSON.stringify would turn it into null.
    for (const text of ['1e999', '-1e999', '1E400']) expect(decodeValue('number', text).ok).toBe(false);
    expect(decodeValue('number', '1e308')).toEqual({ ok: true, value: 1e308 });
    // An integer beyond 2^53 cannot be encoded (its decimal text would not read back as the same number).
    expect(() => encodeValue('integer', 2 ** 53, 'x')).toThrow(/whole number/);
    expect(() => encodeValue('integer', -(2 ** 53), 'x')).toThrow(/whole number/);
    expect(decodeValue('integer', String(2 ** 53)).ok).toBe(false);
    expect(encodeValue('integer', Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    // Integers are read in the decimal form the writers produce: no leading zeros, sign only for minus.
    for (const text of ['007', '00', '+5', ' 5', '5 ', '']) expect(decodeValue('integer', text).ok).toBe(false);
    expect(decodeValue('integer', '0')).toEqual({ ok: true, value: 0 });
    expect(decodeValue('integer', '-12')).toEqual({ ok: true, value: -12 });
  });

  test('refuses values of the wrong type with an error naming the key', () => {
    expect(() => encodeValue('boolean', 'true', K.disableAutoUpdates)).toThrow(EncodeError);
    expect(() => encodeValue('boolean', 'true', K.disableAutoUpdates)).toThrow(K.disableAutoUpdates);
    expect(() => encodeValue('integer', 1.5, 'x')).toThrow(/whole number/);
    expect(() => encodeValue('number', Infinity, 'x')).toThrow(/finite/);
  });

  test('every catalogue key round-trips its example value, in catalogue order', () => {
    const settings = Object.fromEntries([...CATALOG].reverse().map((k) => [k.name, exampleValue(k)]));
    const encoded = encodeSettings(settings);
    expect(encoded.map((e) => e.key)).toEqual(CATALOG.map((k) => k.name));
    for (const e of encoded) expect(decodeValue(e.def.type, e.value)).toEqual({ ok: true, value: settings[e.key] });
  });
});

test('encodeSettings: any subset of the catalogue, in any order, comes out in catalogue order; unknown and undefined entries are skipped (generated)', () => {
  const names = CATALOG.map((k) => k.name);
  const only = (def: (typeof CATALOG)[number]): boolean => def.name.length % 2 === 0;
  fc.assert(
    fc.property(fc.shuffledSubarray(names), fc.subarray(names), fc.boolean(), (chosen, unset, withUnknown) => {
      const settings: Record<string, unknown> = {};
      for (const name of chosen) settings[name] = unset.includes(name) ? undefined : exampleValue(CATALOG.find((k) => k.name === name)!);
      if (withUnknown) settings.notACatalogueKey = 'x';
      // The reference: the catalogue walked in order, each key read from the settings.
      const want = CATALOG.filter((k) => settings[k.name] !== undefined).map((k) => [k.name, encodeValue(k.type, settings[k.name], k.name)]);
      expect(encodeSettings(settings).map((e) => [e.key, e.value])).toEqual(want);
      expect(encodeSettings(settings, only).map((e) => e.key)).toEqual(want.map(([k]) => k).filter((k) => k!.length % 2 === 0));
    }),
    { numRuns: NUM_RUNS },
  );
});

test('a JSON decoding error never quotes the value (it may be a secret)', () => {
  const r = decodeValue('object', 'sk-SECRET-not-json');
  expect(r.ok).toBe(false);
  expect(JSON.stringify(r)).not.toContain('SECRET');
});

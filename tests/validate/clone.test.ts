/** cloneValue (lib/profile/clone.ts) gives what structuredClone gives, or throws what it throws. */
import { inspect } from 'node:util';
import { cloneValue } from '../../lib/profile/clone';

// structuredClone makes its objects in Node's own realm, jest runs tests in another: compare the
// printed structure (which shows prototypes by name, null prototypes, holes and extra properties).
const shape = (v: unknown) => inspect(v, { depth: Infinity, showHidden: false, sorted: false });
const protoName = (v: unknown) => (typeof v === 'object' && v !== null ? (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'null' : typeof v);

class Thing {
  a = 1;
  b = { c: [1, 2] };
}

function same(v: unknown): void {
  let expected: unknown;
  let error: string | undefined;
  try {
    expected = structuredClone(v);
  } catch (e) {
    error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  if (error !== undefined) {
    expect(() => cloneValue(v)).toThrow(error.slice(error.indexOf(': ') + 2));
    return;
  }
  const got = cloneValue(v);
  expect(shape(got)).toBe(shape(expected));
  expect(protoName(got)).toBe(protoName(expected));
  if (typeof got === 'object' && got !== null) {
    expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(expected as object));
    expect(got).not.toBe(v);
  }
}

describe('cloneValue ≡ structuredClone', () => {
  test.each<[string, () => unknown]>([
    ['primitives', () => [1, 'a', true, null, undefined, -0, NaN, 10n]],
    ['nested JSON', () => JSON.parse('{"a":[{"b":{"c":"d"}},1,[2,[3]]],"2":0,"1":"x"}')],
    ['a "__proto__" key from JSON', () => JSON.parse('{"__proto__":{"polluted":true},"x":{"__proto__":[1]}}')],
    ['a null-prototype object', () => Object.assign(Object.create(null) as object, { a: { b: 1 } })],
    ['an array with a hole', () => ({ list: [1, , 3] })],
    ['an array with an extra property', () => ({ list: Object.assign([1, 2], { extra: 'x' }) })],
    ['a class instance', () => ({ t: new Thing() })],
    ['a Date, a Map, a RegExp', () => ({ d: new Date(0), m: new Map([[1, { a: 2 }]]), r: /x/g })],
    ['a getter', () => ({ get g() { return { n: 1 }; } })],
    ['a symbol key (dropped)', () => ({ [Symbol('s')]: 1, a: 2 })],
    ['a non-enumerable property (dropped)', () => Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })],
    ['a function', () => ({ f: () => 1 })],
    ['a function in a list', () => [1, function named() {}]],
    ['a symbol value', () => ({ s: Symbol('x') })],
    ['a Proxy', () => ({ p: new Proxy({ a: 1 }, {}) })],
    ['a Proxy of an array', () => ({ p: new Proxy([1, 2], {}) })],
  ])('%s', (_name, make) => {
    const v = make();
    if (Array.isArray(v) && _name === 'primitives') for (const x of v) same(x);
    else same(v);
  });

  test('the copy shares nothing with the original', () => {
    const v = JSON.parse('{"a":[{"b":{"c":"d"}}],"e":{"f":[1]}}') as { a: [{ b: { c: string } }]; e: { f: number[] } };
    const c = cloneValue(v);
    c.a[0].b.c = 'changed';
    c.e.f.push(2);
    expect(v).toEqual({ a: [{ b: { c: 'd' } }], e: { f: [1] } });
  });
});

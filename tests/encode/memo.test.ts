/** The build-scoped memo (lib/encode/memo.ts): remembers within one build only. */
import { CATALOG, isMdmKey } from '../../lib/catalog';
import { encodeSettings } from '../../lib/encode';
import { memoized, withBuildMemo } from '../../lib/encode/memo';
import type { ResolvedSettings } from '../../lib/profile/types';

// Two MDM keys from the catalogue (never retyped here): a boolean and a string.
const BOOL_KEY = CATALOG.find((k) => k.type === 'boolean' && isMdmKey(k))!.name;
const STRING_KEY = CATALOG.find((k) => k.type === 'string' && isMdmKey(k) && !k.enum && !k.format)!.name;

describe('build memo', () => {
  test('outside a build nothing is remembered: a changed setting encodes anew', () => {
    const settings: Record<string, unknown> = { [BOOL_KEY]: true };
    expect(encodeSettings(settings as ResolvedSettings, isMdmKey).map((e) => e.value)).toEqual(['true']);
    settings[BOOL_KEY] = false;
    expect(encodeSettings(settings as ResolvedSettings, isMdmKey).map((e) => e.value)).toEqual(['false']);
  });

  test('within a build each value is computed once per owner and slot, and callers get their own copy of lists', () => {
    let calls = 0;
    const owner = {};
    const results = withBuildMemo(() => {
      const a = memoized(owner, 'x', () => ++calls);
      const b = memoized(owner, 'x', () => ++calls);
      const c = memoized(owner, 'y', () => ++calls);
      const settings = { [STRING_KEY]: 'text' } as unknown as ResolvedSettings;
      const first = encodeSettings(settings, isMdmKey);
      first.pop();
      const second = encodeSettings(settings, isMdmKey);
      return { a, b, c, second: second.length };
    });
    expect(results).toEqual({ a: 1, b: 1, c: 2, second: 1 });
    // The memo ended with the build.
    expect(memoized(owner, 'x', () => ++calls)).toBe(3);
  });

  test('a failed computation is not remembered, and the memo ends even when the build throws', () => {
    const owner = {};
    expect(() => withBuildMemo(() => memoized(owner, 'x', () => { throw new Error('boom'); }))).toThrow('boom');
    expect(withBuildMemo(() => memoized(owner, 'x', () => 'ok'))).toBe('ok');
    expect(memoized(owner, 'x', () => 'fresh')).toBe('fresh');
  });
});

/**
 * egressHosts reads plain strings and string lists directly and walks only keys with a host format
 * in their spec; egressHostsByWalk walks every leaf of every setting (the definition). These
 * properties require the same list from both, on generated valid profiles and on settings of any
 * shape (writers must cope with typed input that skipped validation).
 */
import fc from 'fast-check';
import { CATALOG, type Settings } from '../../lib/catalog';
import { egressHosts, egressHostsByWalk } from '../../lib/egress';
import { prepareProfile } from '../../lib/validate';
import { profileArbitrary } from '../property/arbitraries';
import { resolved } from './support';

const outcome = (fn: () => unknown): unknown => {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

describe('egressHosts shortcuts', () => {
  test('equal the full walk on generated profiles', () => {
    fc.assert(
      fc.property(profileArbitrary(), (g) => {
        const prepared = outcome(() => prepareProfile(g.profile, { env: g.env }));
        if (typeof prepared === 'string') return;
        const profile = (prepared as ReturnType<typeof prepareProfile>).profile;
        expect(egressHosts(profile)).toEqual(egressHostsByWalk(profile));
      }),
      { numRuns: 300 },
    );
  });

  test('equal the full walk on settings of any shape', () => {
    const url = fc.constantFrom('https://a.example/x?t=1', 'http://b.example:8080', 'https://[::1]:444/', '*', '*.c.example', 'not a url', 'ftp://d.example');
    const value = fc.oneof(url, fc.array(url, { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('url', 'host', 'server', 'x'), fc.oneof(url, fc.array(url)), { maxKeys: 3 }));
    const keys = fc.subarray(CATALOG.map((k) => k.name), { maxLength: 12 });
    fc.assert(
      fc.property(keys.chain((names) => fc.tuple(...names.map((n) => value.map((v) => [n, v] as const)))), (pairs) => {
        const profile = outcome(() => resolved(Object.fromEntries(pairs) as Settings));
        if (typeof profile === 'string') return;
        const p = profile as ReturnType<typeof resolved>;
        expect(outcome(() => egressHosts(p))).toEqual(outcome(() => egressHostsByWalk(p)));
      }),
      { numRuns: 1000 },
    );
  });
});

'use strict';
/**
 * Key names for the project's plain JavaScript (tests/fixtures/bad/make-corpus.js, bench/run.js),
 * the counterpart of tests/support/keys.ts, which JavaScript cannot import. Built from the
 * catalogue the caller already loads (dist/lib/catalog, after `npm run build`).
 *
 * JavaScript has no compiler to refuse `K.oldName` after a rename, so the accessors throw for a
 * name the catalogue does not hold: the script stops on its first run instead of writing cases
 * under a name Claude Desktop no longer reads. tests/catalog/no-retyped-keys.test.ts lets key
 * names appear in these files only as `K.name` / `LEGACY.name`.
 */

/** A frozen name → name table that throws on any other string property. */
function strictNames(names, what) {
  const table = Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
  return new Proxy(table, {
    get(target, prop) {
      // Symbols (util.inspect, iteration probes) are not names.
      if (typeof prop !== 'symbol' && !Object.prototype.hasOwnProperty.call(target, prop)) {
        throw new Error(`${what} has no ${String(prop)} (renamed or removed in lib/catalog?)`);
      }
      return target[prop];
    },
  });
}

/** `K` (current key names) and `LEGACY` (retired names) from a loaded catalogue. */
function keyNames(catalog) {
  return {
    K: strictNames(catalog.map((k) => k.name), 'the key catalogue'),
    LEGACY: strictNames(catalog.flatMap((k) => (k.legacyNames ?? []).map((l) => l.name)), 'the catalogue\'s legacy names'),
  };
}

module.exports = { keyNames };

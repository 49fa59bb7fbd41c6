/**
 * Key names for tests, taken from the catalogue instead of retyped.
 *
 * The design rule is that no writer, template or test retypes a Claude Desktop key name: a test
 * that spells `'inferenceModels'` by hand keeps passing against its own spelling after the
 * catalogue renames the key, and so tests nothing. Tests write `K.inferenceModels` instead: the
 * compiler checks the property against {@link KeyName}, and the value is read from the catalogue
 * at run time. `tests/catalog/no-retyped-keys.test.ts` enforces this.
 */
import { CATALOG, type CatalogKeys, type KeyName } from '../../lib/catalog';

/** Every current key name, mapped to itself: `K.inferenceModels === 'inferenceModels'`. */
export const K: { readonly [N in KeyName]: N } = Object.freeze(
  Object.fromEntries(CATALOG.map((k) => [k.name, k.name])) as { [N in KeyName]: N },
);

/** A retired name of a key (`legacyNames` in the catalogue), which the app read until its cut-off. */
export type LegacyKeyName = Extract<CatalogKeys[number], { legacyNames: unknown }>['legacyNames'][number]['name'];

/**
 * Every retired key name, mapped to itself, for the tests of renaming and migration: the old
 * spellings come from the catalogue's `legacyNames` too, so they are not retyped either.
 */
export const LEGACY: { readonly [N in LegacyKeyName]: N } = Object.freeze(
  Object.fromEntries(CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => [l.name, l.name]))) as { [N in LegacyKeyName]: N },
);

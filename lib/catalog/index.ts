/**
 * The key catalogue: the single source of truth for every Claude Desktop managed key. The JSON
 * Schema, the TypeScript settings type, the ADMX policies, the docs and the linter derive from it.
 */
import { KEYS, type KeyName } from './keys';
import { SECTIONS, type SectionId } from './sections';
import { PROVIDERS, type KeyDef, type LegacyName } from './types';
import { CONFIG_LIBRARY_DIRS, FIXED_EGRESS_HOSTS } from './constants';
import { FORMATS } from './formats';
import { PROVIDER_REQUIREMENTS } from './provider-requirements';

export * from './types';
export * from './constants';
export * from './version';
export * from './formats';
export * from './examples';
export { KEYS, type KeyName, type CatalogKeys } from './keys';
export { SECTIONS, type SectionId } from './sections';
export type { Settings, NativeOf, EnvRef, KeyEntry } from './settings-types';
export { PROVIDER_REQUIREMENTS, type ProviderRequirement, type KeyCondition } from './provider-requirements';

/**
 * The catalogue widened to {@link KeyDef}, for code that walks it generically. It is frozen
 * deeply, as are {@link KEYS} (the same array) and the smaller constant tables ({@link SECTIONS},
 * {@link PROVIDER_REQUIREMENTS}…): every caller in the process shares them, so a change by one
 * (`CATALOG[0].secret = false`, an `enum` pushed to) would change what every later build writes.
 * Assigning throws in strict code and does nothing otherwise; the types are `readonly` throughout.
 * Freezing the ~340 objects costs about 0.2 ms at load.
 */
export const CATALOG: readonly KeyDef[] = deepFreeze(KEYS);
deepFreeze(SECTIONS);
deepFreeze(PROVIDER_REQUIREMENTS);
deepFreeze(PROVIDERS);
deepFreeze(FORMATS);
deepFreeze(CONFIG_LIBRARY_DIRS);
deepFreeze(FIXED_EGRESS_HOSTS);

/** Freezes `value` and every object and array inside it; returns it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const BY_NAME = new Map<string, KeyDef>(CATALOG.map((k) => [k.name, k]));
const BY_LEGACY = new Map<string, { key: KeyDef; legacy: LegacyName }>();
for (const key of CATALOG) for (const legacy of key.legacyNames ?? []) BY_LEGACY.set(legacy.name, { key, legacy });

/** The entry of a current key name, or `undefined`. */
export function findKey(name: string): KeyDef | undefined {
  return BY_NAME.get(name);
}

/** The entry of a current key name; throws for a name outside the catalogue (a programming error). */
export function getKey(name: KeyName): KeyDef {
  const key = BY_NAME.get(name);
  if (!key) throw new Error(`catalogue has no key ${name}`);
  return key;
}

/** Whether `name` is a current catalogue key name. */
export function isKeyName(name: string): name is KeyName {
  return BY_NAME.has(name);
}

/** The current key an old name was renamed to, with the rename's facts. */
export function findLegacyName(name: string): { key: KeyDef; legacy: LegacyName } | undefined {
  return BY_LEGACY.get(name);
}

/** Every name the app reads or once read: current names then legacy names. */
export function allKnownNames(): string[] {
  return [...knownNames()];
}

let knownNameList: readonly string[] | undefined;

/**
 * {@link allKnownNames} without a copy: the did-you-mean search asks for it once per unknown name.
 * @internal
 */
export function knownNames(): readonly string[] {
  return (knownNameList ??= Object.freeze([...BY_NAME.keys(), ...BY_LEGACY.keys()]));
}

/** The title of a section. */
export function sectionTitle(id: string): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}

/** Keys in a section, in catalogue order. */
export function keysInSection(id: SectionId): KeyDef[] {
  return CATALOG.filter((k) => k.section === id);
}

/** Whether a key can be delivered by MDM (plist, registry, managed JSON). */
export function isMdmKey(key: KeyDef): boolean {
  return key.availability !== 'bootstrap';
}

/** Whether a key can be delivered by a bootstrap response. */
export function isBootstrapKey(key: KeyDef): boolean {
  return key.availability !== 'mdm';
}

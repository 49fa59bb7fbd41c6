import { CATALOG, type KeyDef } from '../../catalog';
import type { Finding } from '../findings';

/** What a semantic rule sees: the migrated settings (values may still have wrong types). */
export interface RuleContext {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly scope: 'machine' | 'user';
  readonly appVersion?: string;
  /** The catalogue keys set in `settings` (value not `undefined`), in catalogue order: {@link presentKeys}. */
  readonly keys: readonly KeyDef[];
}

/** A semantic rule: things the JSON Schema cannot say. Must tolerate values of the wrong type. */
export type Rule = (ctx: RuleContext) => Finding[];

/** Narrowing helpers for rules that must not trust types. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';

const CATALOG_INDEX: ReadonlyMap<string, number> = new Map(CATALOG.map((k, i) => [k.name, i]));

/**
 * The catalogue keys set in `settings`, in catalogue order: what a loop over the whole catalogue
 * checking `settings[key.name] !== undefined` visits, found from the (usually few) keys set.
 */
export function presentKeys(settings: Readonly<Record<string, unknown>>): KeyDef[] {
  const names = Object.keys(settings);
  const out: KeyDef[] = [];
  if (names.length === 0) return out;
  const set = PRESENT;
  let first = set.length;
  let last = -1;
  for (const name of names) {
    const i = CATALOG_INDEX.get(name);
    if (i !== undefined && settings[name] !== undefined) {
      set[i] = 1;
      if (i < first) first = i;
      if (i > last) last = i;
    }
  }
  for (let i = first; i <= last; i++) {
    if (set[i] === 1) {
      out.push(CATALOG[i] as KeyDef);
      set[i] = 0;
    }
  }
  return out;
}

// Scratch marks for presentKeys (all 0 between calls; nothing it calls can call it again).
const PRESENT = new Uint8Array(CATALOG.length);

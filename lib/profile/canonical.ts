/**
 * The canonical key order of a profile's settings (formats.md §0: "fixed key order, never the
 * user's insertion order"). Every JSON value the writers put in a store string, and every native
 * value of the config library, is serialised in the key order of the object it comes from; two
 * profiles that differ only in key order must give the same bytes. {@link canonicalSettings}
 * makes that order once, when the profile is resolved, so no writer has to think about it:
 *
 * - settings: catalogue keys in catalogue order, then any other key in code-unit order;
 * - an object whose fields the catalogue declares (`banner`, `inferenceModels` entries,
 *   `managedMcpServers` entries and their `oauth`, `inferenceGatewayOidc`…): the declared fields
 *   in catalogue order, then undeclared fields in code-unit order;
 * - a free-form map (`headers`, `env`, `otlpResourceAttributes`…) and any object the catalogue
 *   does not describe: keys in UTF-16 code-unit order;
 * - a map whose key order may decide which entry applies (`keyOrderMatters` in the catalogue: the
 *   tool-policy maps, whose keys are tool names and `*`-globs): keys as the profile writes them,
 *   since sorting could change which rule wins; same input, same bytes still holds;
 * - lists keep their order (it is meaningful: the first model, the first matching entry).
 *
 * One limit belongs to JavaScript, not to this module: an object lists integer-like keys ("0",
 * "42") first, in numeric order, whatever order they were set in. Such keys therefore come first,
 * numerically, which is still the same for every insertion order.
 */
import { types } from 'node:util';
import { CATALOG, findKey, type ValueSpec } from '../catalog';
import { cloneValue } from './clone';
import { setOwn } from './own';

const CATALOG_INDEX: ReadonlyMap<string, number> = new Map(CATALOG.map((k, i) => [k.name, i]));

/**
 * A deep copy of `settings` in the canonical order (see the module comment). Values that are not
 * plain JSON data are copied as {@link cloneValue} copies them.
 */
export function canonicalSettings(settings: unknown): unknown {
  if (!isPlainObject(settings)) return cloneValue(settings);
  const names = Object.keys(settings).sort(compareSettingNames);
  const out: Record<string, unknown> = {};
  for (const name of names) setOwn(out, name, canonicalValue(findKey(name), settings[name]));
  return out;
}

function compareSettingNames(a: string, b: string): number {
  const ia = CATALOG_INDEX.get(a);
  const ib = CATALOG_INDEX.get(b);
  if (ia !== undefined && ib !== undefined) return ia - ib;
  if (ia !== undefined) return -1;
  if (ib !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// The spec of an objectList's object items, made once per catalogue spec (specs are read-only).
const itemSpecs = new WeakMap<ValueSpec, ValueSpec | undefined>();

function itemSpecOf(spec: ValueSpec): ValueSpec | undefined {
  if (itemSpecs.has(spec)) return itemSpecs.get(spec);
  const item: ValueSpec | undefined = spec.type === 'objectList' ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) } : undefined;
  itemSpecs.set(spec, item);
  return item;
}

// The declared field names of each `fields` object, in catalogue order, listed once.
const fieldLists = new WeakMap<object, readonly string[]>();
function fieldNames(fields: object): readonly string[] {
  let names = fieldLists.get(fields);
  if (!names) {
    names = Object.keys(fields);
    fieldLists.set(fields, names);
  }
  return names;
}

/** `value` copied in canonical order; `spec` governs it (undefined: the catalogue does not describe it). */
function canonicalValue(spec: ValueSpec | undefined, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return cloneValue(value);
  if (Array.isArray(value)) {
    // Anything cloneValue hands to structuredClone (a Proxy, holes, extra properties) goes there too.
    if (Object.getPrototypeOf(value) !== Array.prototype || types.isProxy(value) || Object.keys(value).length !== value.length) return cloneValue(value);
    const item = spec ? itemSpecOf(spec) : undefined;
    return value.map((v: unknown) => canonicalValue(item, v));
  }
  if (!isPlainObject(value)) return cloneValue(value);
  const keys = Object.keys(value);
  const fields = spec?.fields;
  let ordered: string[];
  if (fields) {
    ordered = [];
    for (const f of fieldNames(fields)) if (Object.prototype.hasOwnProperty.call(value, f)) ordered.push(f);
    if (ordered.length < keys.length) {
      const rest = keys.filter((k) => !Object.prototype.hasOwnProperty.call(fields, k));
      for (const k of rest.length > 1 ? rest.sort() : rest) ordered.push(k);
    }
  } else {
    ordered = keys.length > 1 && !spec?.keyOrderMatters ? keys.sort() : keys;
  }
  const out: Record<string, unknown> = {};
  for (const k of ordered) {
    const child = fields ? (Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined) : spec?.values;
    setOwn(out, k, canonicalValue(child, value[k]));
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !types.isProxy(value);
}

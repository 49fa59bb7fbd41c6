/**
 * Walks the values of a settings object alongside their catalogue specs, so that rules about
 * leaves (secrets, formats, placeholders, control characters) are written once.
 */
import { findKey, type KeyDef, type ValueSpec } from '../catalog';
import type { PathSegment } from './path';

/** One leaf value (string, number, boolean, null or an `{ env }` reference) with what governs it. */
export interface Leaf {
  /** Full path from the profile root, starting with `settings`. */
  readonly path: readonly PathSegment[];
  /** The catalogue key the leaf belongs to. */
  readonly key: KeyDef;
  /** The spec of the leaf, or `undefined` for a field the catalogue does not know. */
  readonly spec: ValueSpec | undefined;
  /** Whether the leaf is (or sits inside) a secret. */
  readonly secret: boolean;
  /** True when the leaf is a map key rather than a value (e.g. a header name). */
  readonly isMapKey: boolean;
  readonly value: unknown;
}

/** Whether a value is an `{ "env": "NAME" }` reference. */
export function isEnvRef(value: unknown): value is { env: string } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.keys(value).length === 1 && typeof (value as { env?: unknown }).env === 'string'
  );
}

/** Calls `visit` for every leaf of every catalogue key set in `settings`; unknown keys are skipped. */
export function walkSettings(settings: unknown, visit: (leaf: Leaf) => void): void {
  walkLeaves(settings, (value, key, spec, secret, isMapKey, path) => visit({ path: path.slice(), key, spec, secret, isMapKey, value }));
}

/**
 * What {@link walkLeaves} calls for each leaf: the same facts as a {@link Leaf}, with `path` a
 * scratch array that is only valid during the call (copy it to keep it).
 */
export type LeafVisitor = (value: unknown, key: KeyDef, spec: ValueSpec | undefined, secret: boolean, isMapKey: boolean, path: readonly PathSegment[]) => void;

/**
 * {@link walkSettings} without a {@link Leaf} object and a path array per leaf: the same leaves
 * in the same order. For the validation pipeline, which visits every leaf and keeps few paths.
 */
export function walkLeaves(settings: unknown, visit: LeafVisitor): void {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return;
  const obj = settings as Record<string, unknown>;
  const path: PathSegment[] = ['settings', ''];
  for (const name of Object.keys(obj)) {
    const key = findKey(name);
    if (!key) continue;
    path[1] = name;
    walkValue(key, key, obj[name], path, key.secret, visit);
  }
}

const STRING_SPEC: ValueSpec = { type: 'string' };

// The specs of list items and map keys, made once per catalogue spec (specs are read-only).
const itemSpecs = new WeakMap<ValueSpec, ValueSpec | undefined>();
const keySpecs = new WeakMap<ValueSpec, ValueSpec>();

function itemSpecOf(spec: ValueSpec): ValueSpec | undefined {
  if (itemSpecs.has(spec)) return itemSpecs.get(spec);
  const item: ValueSpec | undefined =
    spec.type === 'stringList'
      ? { type: 'string', ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.format ? { format: spec.format } : {}) }
      : spec.type === 'objectList'
        ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) }
        : undefined;
  itemSpecs.set(spec, item);
  return item;
}

function keySpecOf(spec: ValueSpec): ValueSpec {
  let s = keySpecs.get(spec);
  if (!s) {
    s = spec.keyFormat ? { type: 'string', format: spec.keyFormat } : STRING_SPEC;
    keySpecs.set(spec, s);
  }
  return s;
}

// `path` is one array for the whole walk: a call leaves it as long as it found it.
function walkValue(key: KeyDef, spec: ValueSpec | undefined, value: unknown, path: PathSegment[], secret: boolean, visit: LeafVisitor): void {
  const isSecret = secret || spec?.secret === true;
  if (value === null || typeof value !== 'object') {
    visit(value, key, spec, isSecret, false, path);
    return;
  }
  const depth = path.length;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return;
    const item = spec ? itemSpecOf(spec) : undefined;
    const strings = spec?.type === 'objectList' ? (spec.itemsMayBeString ? STRING_SPEC : undefined) : item;
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      path[depth] = i;
      walkValue(key, spec ? (typeof v === 'string' ? strings : item) : undefined, v, path, isSecret, visit);
    }
    path.length = depth;
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && typeof obj.env === 'string') {
    // An { env } reference (isEnvRef): a leaf.
    visit(value, key, spec, isSecret, false, path);
    return;
  }
  if (keys.length === 0) return;
  if (spec?.values) {
    const keySpec = keySpecOf(spec);
    for (const k of keys) {
      path[depth] = k;
      visit(k, key, keySpec, isSecret || keySpec.secret === true, true, path);
      walkValue(key, spec.values, obj[k], path, isSecret, visit);
    }
  } else {
    for (const k of keys) {
      path[depth] = k;
      walkValue(key, spec ? spec.fields?.[k] : undefined, obj[k], path, isSecret, visit);
    }
  }
  path.length = depth;
}

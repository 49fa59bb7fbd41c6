/**
 * Walks the values of a settings object alongside their catalogue specs, so that rules about
 * leaves (secrets, formats, placeholders, control characters) are written once.
 */
import { findKey, type KeyDef, type ValueSpec } from '../../../lib/catalog';
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
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return;
  for (const [name, value] of Object.entries(settings)) {
    const key = findKey(name);
    if (!key) continue;
    walkValue(key, key, value, ['settings', name], key.secret, visit);
  }
}

function walkValue(key: KeyDef, spec: ValueSpec | undefined, value: unknown, path: PathSegment[], secret: boolean, visit: (leaf: Leaf) => void): void {
  const isSecret = secret || spec?.secret === true;
  const leaf = (v: unknown, s: ValueSpec | undefined, p: PathSegment[], isMapKey = false) =>
    visit({ path: p, key, spec: s, secret: isSecret || s?.secret === true, isMapKey, value: v });
  if (value === null || typeof value !== 'object' || isEnvRef(value)) return leaf(value, spec, path);
  if (!spec) {
    // Unknown structure: still visit its leaves so secrets and control characters are found.
    if (Array.isArray(value)) value.forEach((v, i) => walkValue(key, undefined, v, [...path, i], isSecret, visit));
    else for (const [k, v] of Object.entries(value)) walkValue(key, undefined, v, [...path, k], isSecret, visit);
    return;
  }
  if (Array.isArray(value)) {
    const item: ValueSpec | undefined =
      spec.type === 'stringList'
        ? { type: 'string', ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.format ? { format: spec.format } : {}) }
        : spec.type === 'objectList'
          ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) }
          : undefined;
    value.forEach((v, i) => {
      const itemSpec = typeof v === 'string' && spec.type === 'objectList' ? (spec.itemsMayBeString ? { type: 'string' as const } : undefined) : item;
      walkValue(key, itemSpec, v, [...path, i], isSecret, visit);
    });
    return;
  }
  const obj = value as Record<string, unknown>;
  if (spec.values) {
    for (const [k, v] of Object.entries(obj)) {
      leaf(k, spec.keyFormat ? { type: 'string', format: spec.keyFormat } : { type: 'string' }, [...path, k], true);
      walkValue(key, spec.values, v, [...path, k], isSecret, visit);
    }
    return;
  }
  for (const [k, v] of Object.entries(obj)) walkValue(key, spec.fields?.[k], v, [...path, k], isSecret, visit);
}

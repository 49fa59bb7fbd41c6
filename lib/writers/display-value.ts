/**
 * How a setting's value is shown to people (DEPLOY.md, summaries): secrets masked, structured
 * values as compact JSON, long values shortened. The one place that decides what of a secret may
 * be shown: `••••` plus at most its last four characters (only when it is long enough that four
 * characters give little away), or where it came from (`from env NAME`).
 */
import { encodeValue } from '../encode';
import { clipWithLength } from '../escape/clip';
import type { KeyDef, ValueSpec } from '../catalog';
import { URL_FORMATS } from '../catalog/formats';
import { formatPath, type PathSegment } from '../profile/path';
import type { SecretSource } from '../profile/types';
import { walkLeaves } from '../profile/walk';

/** The mask shown instead of a secret. */
export const SECRET_MASK = '••••';

/** Values shorter than this show no characters at all when masked. */
const MIN_LENGTH_FOR_TAIL = 12;

/** Longest value shown in full (in characters); longer ones are cut and say how long they were. */
export const MAX_DISPLAY_LENGTH = 80;

/**
 * The masked form of one secret value: `from env NAME` when it came from an environment
 * variable, else `••••` with the last four characters of a long value.
 */
export function maskSecret(value: string, source?: Pick<SecretSource, 'from' | 'envName'>): string {
  if (source?.from === 'env' && source.envName) return `from env ${source.envName}`;
  const chars = Array.from(value);
  return chars.length >= MIN_LENGTH_FOR_TAIL ? `${SECRET_MASK}${chars.slice(-4).join('')}` : SECRET_MASK;
}

/** A display value: the text and whether it is a masked secret (shown as prose, not as a literal). */
export interface DisplayValue {
  readonly text: string;
  /** The value is (or contains) masked secrets. */
  readonly masked: boolean;
}

/**
 * How one setting's value is shown: its Claude string form (booleans `true`, lists as compact
 * JSON), with every secret leaf masked and the result shortened to `max` characters
 * ({@link MAX_DISPLAY_LENGTH} by default).
 */
export function displayValue(def: KeyDef, value: unknown, secrets: readonly SecretSource[], max = MAX_DISPLAY_LENGTH): DisplayValue {
  // Fast paths (DEPLOY.md shows every setting of every profile). They give what the walk below
  // gives; tests/build-parts/display-value.test.ts compares them on generated values.
  if (value === null || typeof value !== 'object') return { text: shorten(primitiveText(def, value, secrets), max), masked: typeof value === 'string' && def.secret === true };
  if (!mayChange(def)) return { text: shorten(encodeValue(def.type, value, def.name), max), masked: false };
  return walkedDisplayValue(def, value, secrets, max);
}

/** A top-level string, number or boolean: the walk's only leaf is the value itself, with the key's spec. */
function primitiveText(def: KeyDef, value: unknown, secrets: readonly SecretSource[]): string {
  if (typeof value === 'string') {
    if (def.secret === true) {
      const path = formatPath(['settings', def.name]);
      return maskSecret(value, secrets.find((s) => s.path === path));
    }
    if (def.format && URL_FORMATS.has(def.format)) return withoutQuery(value);
    return value;
  }
  return encodeValue(def.type, value, def.name);
}

/** {@link displayValue} by walking every leaf: secrets masked, URL queries cut. */
export function walkedDisplayValue(def: KeyDef, value: unknown, secrets: readonly SecretSource[], max = MAX_DISPLAY_LENGTH): DisplayValue {
  let masked = false;
  let shown: unknown = value;
  const replacements: { path: readonly PathSegment[]; text: string }[] = [];
  // walkLeaves hands out a scratch path: copied only for a replacement.
  walkLeaves({ [def.name]: value }, (leaf, _key, spec, secret, isMapKey, leafPath) => {
    if (isMapKey || typeof leaf !== 'string') return;
    if (secret) {
      masked = true;
      const path = formatPath(leafPath);
      replacements.push({ path: leafPath.slice(), text: maskSecret(leaf, secrets.find((s) => s.path === path)) });
    } else if (spec?.format && URL_FORMATS.has(spec.format)) {
      const bare = withoutQuery(leaf);
      if (bare !== leaf) replacements.push({ path: leafPath.slice(), text: bare });
    }
  });
  // Only a value that changes is copied (the profile itself is never modified).
  if (replacements.length > 0 && typeof value === 'object' && value !== null) shown = structuredClone(value);
  for (const r of replacements) {
    // path = ['settings', key, ...inside]; a top-level string secret replaces the whole value.
    const inside = r.path.slice(2);
    if (inside.length === 0) shown = r.text;
    else setAt(shown, inside, r.text);
  }
  const text = typeof shown === 'string' ? shown : encodeValue(def.type, shown, def.name);
  return { text: shorten(text, max), masked };
}

/**
 * Whether any leaf of a key's value can be masked or cut: the key or a spec inside it (fields, map
 * values; list items take the list's format) is secret or a URL. Unknown fields inherit only the
 * secrecy of what holds them, so a key without either anywhere always shows its plain encoding.
 */
const mayChangeMemo = new WeakMap<ValueSpec, boolean>();
function mayChange(spec: ValueSpec): boolean {
  let known = mayChangeMemo.get(spec);
  if (known === undefined) {
    known =
      spec.secret === true ||
      (spec.format !== undefined && URL_FORMATS.has(spec.format)) ||
      Object.values(spec.fields ?? {}).some(mayChange) ||
      (spec.values !== undefined && mayChange(spec.values));
    mayChangeMemo.set(spec, known);
  }
  return known;
}

/**
 * A URL with its query and fragment replaced by `?…`: they are not secrets by the catalogue, but
 * tokens and signatures travel there often enough that a summary should not repeat them.
 */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : `${url.slice(0, cut)}?…`;
}

/** Cuts text longer than {@link MAX_DISPLAY_LENGTH} characters (never inside a surrogate pair), saying how long it was. */
export function shorten(text: string, max = MAX_DISPLAY_LENGTH): string {
  return clipWithLength(text, max);
}

function setAt(root: unknown, path: readonly PathSegment[], value: string): void {
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i] as string | number] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

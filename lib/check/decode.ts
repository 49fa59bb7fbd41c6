/**
 * From what a file stores to what Claude Desktop would see: every entry decoded through the
 * encoding layer (`decodeValue`) by its catalogue type, native values (plist `<true/>`, JSON
 * `true`, REG_DWORD) coerced to the catalogue type where the meaning is clear, and values the app
 * cannot see at all (REG_MULTI_SZ, REG_EXPAND_SZ…) left out. `check` lints the result with the
 * profile validator; `import` turns it into a profile; `diff` compares two of them.
 */
import { findKey, findLegacyName, type KeyDef } from '../catalog';
import { decodeValue, type JsonValue } from '../encode';
import { MAX_PROFILE_DEPTH, nestsDeeperThan, TOO_DEEP_PATH_SEGMENTS, tooDeepPath } from '../profile/depth';
import { setOwn } from '../profile/own';
import { formatPlace, type PathSegment } from '../profile/path';
import type { ArtifactRead, DetectedKind } from '../read/detect';
import { tooDeepFinding } from '../validate';
import { finding, type Finding } from '../validate/findings';
import { PLIST_KINDS } from './types';

/** The settings a file gives the app, with where each came from. */
export interface DecodedSettings {
  /**
   * Key as written → native value. Unknown keys keep their value as found (never printed). Every
   * key is an own property, `__proto__` and `constructor` included (test for a key with `hasOwn`, not `in`).
   */
  readonly settings: Record<string, unknown>;
  /** Key as written → its place; legacy names also under their current name. */
  readonly locations: ReadonlyMap<string, string>;
  /** How each key was stored (`string`, `boolean`, `REG_SZ`…), by key as written. */
  readonly storedAs: ReadonlyMap<string, string>;
  /** Keys whose value could not be read as their type: other findings about them are noise. */
  readonly unreadable: ReadonlySet<string>;
  /** Registry values the app cannot see (wrong type): not in `settings`. */
  readonly invisible: ReadonlySet<string>;
  /** Problems decoding values (never echoing a secret). */
  readonly findings: readonly Finding[];
}

/** Registry types Claude Desktop reads: REG_SZ for everything, REG_DWORD for booleans and integers. */
export const READABLE_REG_TYPES = ['REG_SZ', 'REG_DWORD'] as const;

/** JSON files: native values are read as they are; only strings go through Claude's decoding. */
const JSON_KINDS = new Set<DetectedKind>(['managed-settings-json', 'config-library-json', 'bootstrap-response-json']);

/** plist/JSON type names that never carry a value the app can read as a string. */
const UNCONVERTIBLE = new Set(['date', 'data', 'null']);

/** The catalogue entry for a key written under its current or a legacy name. */
export function defFor(key: string): KeyDef | undefined {
  return findKey(key) ?? findLegacyName(key)?.key;
}

/**
 * Converts a value stored with a native type into the catalogue type of `def`, when the meaning
 * is unambiguous: `<integer>1</integer>` for a boolean is true, `<array>` for a list is the list,
 * a JSON string holding Claude's encoding is decoded. `date`, `data` and `null` never convert.
 */
export function coerceToType(def: KeyDef, raw: unknown, storedAs: string): { ok: true; value: JsonValue } | { ok: false } {
  if (UNCONVERTIBLE.has(storedAs)) return { ok: false };
  if (typeof raw === 'string') return decodeForKey(def, raw);
  switch (def.type) {
    case 'string':
      return typeof raw === 'number' || typeof raw === 'boolean' ? { ok: true, value: String(raw) } : { ok: false };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      return raw === 1 || raw === 0 ? { ok: true, value: raw === 1 } : { ok: false };
    case 'integer':
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? { ok: true, value: raw } : { ok: false };
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
    case 'stringList':
    case 'objectList':
      return Array.isArray(raw) ? { ok: true, value: raw as JsonValue } : { ok: false };
    case 'object':
      return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ok: true, value: raw as JsonValue } : { ok: false };
  }
}

/**
 * Claude's decoding, widened for keys that still accept an old shape until the cut-off (header
 * lists, `Name=value` strings, the plugin record): the old shape is read as it is, so that the
 * migration can report it as a deprecation with the exact replacement instead of a type error.
 */
function decodeForKey(def: KeyDef, raw: string): { ok: true; value: JsonValue } | { ok: false } {
  const d = decodeValue(def.type, raw);
  if (d.ok) return d;
  const shapes = (def.deprecatedShapes ?? []).map((s) => s.shape);
  if (shapes.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) as JsonValue };
  } catch {
    // Text that opens like JSON is JSON that failed to parse (a trailing comma, single quotes),
    // never the old Name=value shape: reading it as one would turn it into {}.
    return shapes.includes('header-string') && !looksLikeJson(raw) ? { ok: true, value: raw } : { ok: false };
  }
}

/** Whether text opens like JSON text (`{` or `[` after white space): then it is judged as JSON only. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** Whether a key's value (or anything inside it) is a credential. */
export function isSecretKey(def: KeyDef | undefined): boolean {
  if (!def) return false;
  if (def.secret || def.values?.secret) return true;
  return Object.values(def.fields ?? {}).some((f) => f.secret || f.values?.secret);
}

/**
 * Decodes the entries of a read artifact. Profile JSON keeps its values as written (the profile
 * validator judges them); other JSON kinds keep native values and decode Claude's string form;
 * string stores (plist, registry) decode strings and coerce native values where unambiguous.
 */
export function decodeEntries(read: ArtifactRead): DecodedSettings {
  // Keys come from the file: setOwn, so that a `__proto__` key is a key (an assignment would
  // replace the prototype and lose it), and `delete` only ever removes an own key.
  const settings: Record<string, unknown> = {};
  const locations = new Map<string, string>();
  const storedAs = new Map<string, string>();
  const unreadable = new Set<string>();
  const invisible = new Set<string>();
  const findings: Finding[] = [];
  const kind: DetectedKind = read.kind;
  for (const e of read.entries) {
    const def = defFor(e.key);
    locations.set(e.key, e.location);
    if (def && def.name !== e.key && !locations.has(def.name)) locations.set(def.name, e.location);
    storedAs.set(e.key, e.storedAs);
    unreadable.delete(e.key);
    invisible.delete(e.key);
    if (kind === 'reg' && !(READABLE_REG_TYPES as readonly string[]).includes(e.storedAs)) {
      // The app does not see the value at all; the reg-value-type rule says why.
      invisible.add(e.key);
      delete settings[e.key];
      continue;
    }
    if (!def || kind === 'profile-json' || (JSON_KINDS.has(kind) && (typeof e.raw !== 'string' || def.type === 'string'))) {
      // JSON files hold native values: the schema check judges their type, with the app's own
      // strictness (a JSON 1 is not a boolean there, unlike a REG_DWORD 1).
      setOwn(settings, e.key, e.raw);
      continue;
    }
    // REG_DWORD is read (as decimal text) only for booleans and integers; for anything else the
    // reg-value-type rule explains it, and a value judged as "1" would only add noise.
    const dwordMisuse = e.storedAs === 'REG_DWORD' && def.type !== 'boolean' && def.type !== 'integer';
    const r = dwordMisuse ? { ok: false as const } : coerceToType(def, e.raw, e.storedAs);
    const deep = r.ok ? tooDeepValue(kind, e.key, r.value, e.location) : undefined;
    if (deep) {
      // JSON text parses at any depth, but every later step (migration, schema check, diff)
      // recurses over the value: refused here, for every verb, with the validator's limit and words.
      setOwn(settings, e.key, e.raw);
      unreadable.add(e.key);
      findings.push(deep);
      continue;
    }
    if (r.ok) {
      setOwn(settings, e.key, r.value);
      continue;
    }
    setOwn(settings, e.key, e.raw);
    unreadable.add(e.key);
    // Native values that do not convert are reported by the not-a-string rule; strings that do
    // not decode are reported here.
    if (typeof e.raw === 'string' && !UNCONVERTIBLE.has(e.storedAs)) findings.push(decodeFinding(def, e.key, e.raw, e.location));
  }
  return { settings, locations, storedAs, unreadable, invisible, findings };
}

/**
 * The `too-deep` finding for a decoded value nested deeper than a setting's value may be (the
 * validator's limit, counted as in a profile), placed at the path where it passes the limit; else
 * `undefined`.
 */
function tooDeepValue(kind: DetectedKind, key: string, value: JsonValue, location: string): Finding | undefined {
  if (typeof value !== 'object' || value === null || !nestsDeeperThan(value, MAX_PROFILE_DEPTH - 2)) return undefined;
  const asProfile = { settings: { [key]: value } };
  const f = tooDeepFinding(asProfile);
  const path = tooDeepPath(asProfile);
  if (!f || !path) return undefined;
  return { ...f, path: placeInside(kind, location, key, path.slice(2, TOO_DEEP_PATH_SEGMENTS)) };
}

/**
 * The place of a path inside a value that a file stores as a string: plist locations extend the
 * key path (`PayloadContent[0].inferenceModels[1].name`); lines name the path in brackets
 * (`line 7 (inferenceModels[1].name)`).
 */
export function placeInside(kind: DetectedKind, location: string, key: string, inside: readonly PathSegment[]): string {
  if (inside.length === 0) return location;
  return PLIST_KINDS.includes(kind) ? `${location}${formatPlace(['x', ...inside]).slice(1)}` : `${location} (${formatPlace([key, ...inside])})`;
}

function decodeFinding(def: KeyDef, key: string, raw: string, location: string): Finding {
  const d = decodeValue(def.type, raw);
  const problem = d.ok ? 'cannot be read' : d.problem;
  const hint = d.ok ? undefined : d.hint;
  const json = def.type === 'stringList' || def.type === 'objectList' || def.type === 'object';
  // decodeValue describes a JSON error by its position and what was expected there, never by
  // quoting the text, so the message is safe for a secret too.
  const legacy = json && (def.deprecatedShapes ?? []).some((s) => s.shape === 'header-string');
  const message = `${key} ${problem}`;
  const fix = legacy && looksLikeJson(raw) ? `fix the JSON text: no trailing comma, double quotes only, e.g. {"Name":"value"}; text that starts with { or [ is never read as the old Name=value form` : hint;
  return finding(json ? 'invalid-json-text' : 'undecodable-value', 'error', location, message, fix, def.name);
}

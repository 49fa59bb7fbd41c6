/**
 * The encoding layer: native JSON value ⇄ the exact string Claude Desktop reads from an OS store.
 * Every writer and every reader goes through here; nothing else turns values into strings.
 *
 * boolean → "true"/"false"; integer and number → decimal text; string → itself;
 * lists and objects → compact JSON text (no spaces, no newlines) in one string.
 */
import { CATALOG, isMdmKey, type KeyDef, type ValueType } from '../catalog';
import { memoized } from './memo';
import type { ResolvedSettings } from '../profile/types';
import { jsonSyntaxError } from './json-syntax';
import { clip } from '../escape/clip';

/** A JSON value with no `{ env }` references left. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** One key in Claude's string form, in catalogue order. */
export interface EncodedSetting {
  /** The catalogue key name (current name). */
  readonly key: string;
  /** The exact string Claude Desktop reads from the OS store (`true`, `3600`, compact JSON…); a secret in clear text. */
  readonly value: string;
  /** The key's catalogue entry. */
  readonly def: KeyDef;
}

/** Raised when a value cannot be put into Claude's string form (a programming or validation gap). */
export class EncodeError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'EncodeError';
  }
}

/** Turns one native value into the string Claude reads for a key of type `type`; an unknown `type` throws a `TypeError`. */
export function encodeValue(type: ValueType, value: unknown, key = 'value'): string {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw new EncodeError(key, `expected a string, got ${kindOf(value)}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new EncodeError(key, `expected a boolean, got ${kindOf(value)}`);
      return value ? 'true' : 'false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new EncodeError(key, `expected a whole number, got ${kindOf(value)}`);
      return String(value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new EncodeError(key, `expected a finite number, got ${kindOf(value)}`);
      // JSON.stringify gives the shortest round-tripping decimal, like String(), and never NaN/Infinity.
      return JSON.stringify(value);
    case 'stringList':
    case 'objectList':
      if (!Array.isArray(value)) throw new EncodeError(key, `expected a list, got ${kindOf(value)}`);
      return JSON.stringify(value);
    case 'object':
      if (!isPlainObject(value)) throw new EncodeError(key, `expected an object, got ${kindOf(value)}`);
      return JSON.stringify(value);
    default:
      throw new TypeError(`encodeValue: unknown type ${typeof type === 'string' ? `"${String(type)}"` : `(${typeof type})`}; use one of ${VALUE_TYPES.join(', ')} (a key's type is findKey(name).type)`);
  }
}

/** Every value type {@link encodeValue} and {@link decodeValue} know. */
const VALUE_TYPES: readonly ValueType[] = ['string', 'boolean', 'integer', 'number', 'stringList', 'objectList', 'object'];

/** The result of reading one stored string back. */
export type DecodeResult =
  | {
      /** The text decoded. */
      ok: true;
      /** The native value. */
      value: JsonValue;
    }
  | {
      /** The text is not a value of the type. */
      ok: false;
      /** What is wrong with it, quoting (a clipped part of) the text. */
      problem: string;
      /** How to write it instead. */
      hint: string;
    };

/** Reads the string Claude stores for a key of type `type` back into a native value; an unknown `type` throws a `TypeError`. */
export function decodeValue(type: ValueType, text: string): DecodeResult {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'boolean':
      // The app reads "true"/"false" and also 1/0.
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return { ok: false, problem: `"${clip(text)}" is not a boolean`, hint: 'write "true" or "false"' };
    case 'integer':
      if (/^-?(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text))) return { ok: true, value: Number(text) };
      return { ok: false, problem: `"${clip(text)}" is not a whole number`, hint: 'write decimal digits only, such as "3600"' };
    case 'number':
      if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text))) return { ok: true, value: Number(text) };
      return { ok: false, problem: `"${clip(text)}" is not a number`, hint: 'write a decimal number, such as "1.25"' };
    case 'stringList':
    case 'objectList':
    case 'object': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // V8's message quotes the text itself: describe the error by position so a secret never leaks.
        const err = jsonSyntaxError(text);
        return { ok: false, problem: `is not valid JSON${err ? ` (at character ${err.offset + 1}: expected ${err.expected})` : ''}`, hint: type === 'object' ? 'write a JSON object such as {"Name":"value"}' : 'write a JSON array such as ["a","b"]' };
      }
      if (type === 'object' ? !isPlainObject(parsed) : !Array.isArray(parsed)) {
        return { ok: false, problem: `holds JSON ${kindOf(parsed)}, not ${type === 'object' ? 'an object' : 'an array'}`, hint: type === 'object' ? 'write a JSON object such as {"Name":"value"}' : 'write a JSON array such as ["a","b"]' };
      }
      return { ok: true, value: parsed as JsonValue };
    }
    default:
      throw new TypeError(`decodeValue: unknown type ${typeof type === 'string' ? `"${String(type)}"` : `(${typeof type})`}; use one of ${VALUE_TYPES.join(', ')} (a key's type is findKey(name).type)`);
  }
}

/**
 * Encodes every set key of resolved settings, in catalogue order (never the profile's order),
 * optionally only the keys `include` accepts (e.g. MDM-deliverable keys).
 */
export function encodeSettings(settings: ResolvedSettings, include: (def: KeyDef) => boolean = ALL_KEYS): EncodedSetting[] {
  // Within one build every writer asks for the same encodings (see memo.ts); a copy of the list is handed out.
  const slot = include === ALL_KEYS ? 'encode:all' : include === isMdmKey ? 'encode:mdm' : undefined;
  return slot ? memoized(settings, slot, () => encodeAll(settings, include)).slice() : encodeAll(settings, include);
}

const ALL_KEYS = (): boolean => true;

// Catalogue position of every key name, for putting a profile's keys in catalogue order.
const CATALOG_INDEX = new Map<string, number>(CATALOG.map((def, i) => [def.name, i]));

function encodeAll(settings: ResolvedSettings, include: (def: KeyDef) => boolean): EncodedSetting[] {
  const values = settings as Record<string, unknown>;
  // Each of the profile's own keys goes to its catalogue position (one map look-up and one read
  // per key set), then the positions are read in order: no probing of the settings for every
  // catalogue key, most of which a profile leaves unset.
  const byPosition: unknown[] = new Array(CATALOG.length);
  const names = Object.keys(values);
  for (let n = 0; n < names.length; n++) {
    const i = CATALOG_INDEX.get(names[n]!);
    if (i !== undefined) byPosition[i] = values[names[n]!];
  }
  const out: EncodedSetting[] = [];
  for (let i = 0; i < byPosition.length; i++) {
    const value = byPosition[i];
    if (value === undefined) continue;
    const def = CATALOG[i]!;
    if (!include(def)) continue;
    out.push({ key: def.name, value: encodeValue(def.type, value, def.name), def });
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Names a JSON value's kind in words, for messages. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return typeof v;
}

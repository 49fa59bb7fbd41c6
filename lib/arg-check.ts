/**
 * Argument checks at the public entry points. The API is typed, but plain JavaScript callers (and
 * values parsed from config files) can pass anything; a wrong argument is a programming error,
 * reported as a `TypeError` naming the argument, what it is and what is expected, before anything
 * deep inside the library trips over it. Messages never quote a value (it may be a secret); they
 * name its kind.
 */
import { kindOf as jsonKindOf } from './encode';

/**
 * What kind of value `v` is, for a message ("a string", "null", "an array"…); never the value.
 * The encoding layer's words for JSON values, plus `undefined`, Dates and the other JavaScript kinds.
 */
export function kindOf(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  const kind = jsonKindOf(v);
  // jsonKindOf names non-JSON kinds (function, bigint, symbol) by their bare typeof.
  return kind === 'null' || kind.includes(' ') ? kind : `a ${kind}`;
}

/**
 * `v` as a Buffer: a Buffer as is, any other Uint8Array wrapped (no copy). Otherwise a TypeError
 * naming `name`.
 */
export function bytesArg(v: unknown, name: string): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError(`${name} must be the file's bytes (a Buffer or Uint8Array), not ${kindOf(v)}; read the file with fs.readFileSync(path) and give no encoding`);
}

/** Throws a TypeError unless `v` is a plain object (not null, not an array); `undefined` is allowed when `optional`. */
export function objectArg(v: unknown, name: string, optional = false): void {
  if (optional && v === undefined) return;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${name} must be an object${optional ? ' (or left out)' : ''}, not ${kindOf(v)}`);
}

/** Throws a TypeError unless `v` is a string (`undefined` allowed when `optional`). */
export function stringArg(v: unknown, name: string, optional = false): void {
  if (optional && v === undefined) return;
  if (typeof v !== 'string') throw new TypeError(`${name} must be a string${optional ? ' (or left out)' : ''}, not ${kindOf(v)}`);
}

/** Throws a TypeError unless `v` is left out or a valid Date (a Date whose time is a number). */
export function dateOption(v: unknown, name: string): void {
  if (v === undefined) return;
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new TypeError(`${name} must be a valid Date (e.g. new Date('2027-01-01')) or left out, not ${kindOf(v)}`);
}

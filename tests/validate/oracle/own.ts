/**
 * Own properties of plain objects built from untrusted keys. `obj["__proto__"] = v` does not
 * create a key: it replaces the object's prototype (so the value vanishes from `Object.keys` and
 * `JSON.stringify`, and its fields are then inherited by `in` checks); `"constructor" in {}` is
 * true although no such key was set. Keys read from a file go through these two instead.
 */

/** Sets `key` as an own, enumerable property, whatever its name (`__proto__` included). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** Whether `obj` itself has `key` (not through its prototype). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

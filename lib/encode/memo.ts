/**
 * A memo for the span of one synchronous build: the same settings are encoded by half a dozen
 * writers (plist, .reg, Intune, JSON...), and within one `buildArtifacts` call they cannot change,
 * so each encoding is computed once. Outside {@link withBuildMemo} nothing is remembered: a caller
 * may change a profile between two writer calls and must get fresh results.
 */
let current: WeakMap<object, Map<string, unknown>> | undefined;

/** Runs `fn` with a fresh memo (nested calls share the outer one); the memo ends with it. */
export function withBuildMemo<T>(fn: () => T): T {
  if (current) return fn();
  current = new WeakMap();
  try {
    return fn();
  } finally {
    current = undefined;
  }
}

/**
 * `compute()`, remembered per `owner` object and `slot` name while a build memo is active.
 * Callers must treat the result as read-only (return copies of arrays they hand out).
 */
export function memoized<T>(owner: object, slot: string, compute: () => T): T {
  if (!current) return compute();
  let slots = current.get(owner);
  if (!slots) {
    slots = new Map();
    current.set(owner, slots);
  }
  if (slots.has(slot)) return slots.get(slot) as T;
  const value = compute();
  slots.set(slot, value);
  return value;
}

/**
 * The nesting limit of a profile. Every layer after JSON parsing (the migration's structuredClone,
 * the settings walk, the schema check, the writers) recurses over values, so a value nested a few
 * thousand levels deep would overflow the stack with a message that names neither the file nor
 * the place. {@link tooDeepPath} finds such a value without recursion, right after parsing, so it
 * can be refused with its path.
 *
 * The deepest shape the catalogue knows is a value inside an entry of `managedMcpServers` or
 * `orgPluginSettings` (root → settings → key → entry → field → map → value: 7 levels, a few more
 * in the deprecated shapes), so {@link MAX_PROFILE_DEPTH} leaves room many times over.
 */
import { type PathSegment } from './path';

/**
 * The most objects and arrays a value of a profile may sit inside (the profile object itself
 * counts as one: `settings.x` sits inside two). The same limit as the JSON artifact readers of
 * `check` and `import` (`MAX_JSON_DEPTH` in lib/read/json-artifacts.ts).
 */
export const MAX_PROFILE_DEPTH = 64;

/** How many segments of a too-deep value's path a finding names (the nesting below is elided). */
export const TOO_DEEP_PATH_SEGMENTS = 4;

interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Pending | undefined;
  readonly segment: PathSegment | undefined;
}

/**
 * The path of the first value (in document order) that sits inside more than `max` objects and
 * arrays, or `undefined` when there is none. Iterative: safe for any depth, and it stops at the
 * first such value, so a nesting bomb costs no more than `max` levels of it.
 */
export function tooDeepPath(value: unknown, max = MAX_PROFILE_DEPTH): PathSegment[] | undefined {
  const stack: Pending[] = [{ value, depth: 0, parent: undefined, segment: undefined }];
  while (stack.length > 0) {
    const node = stack.pop() as Pending;
    if (node.depth > max) {
      const path: PathSegment[] = [];
      for (let n: Pending | undefined = node; n?.segment !== undefined; n = n.parent) path.push(n.segment);
      return path.reverse();
    }
    const v = node.value;
    if (typeof v !== 'object' || v === null) continue;
    const depth = node.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: node, segment: i });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push({ value: (v as Record<string, unknown>)[k], depth, parent: node, segment: k });
      }
    }
  }
  return undefined;
}

/**
 * Whether {@link tooDeepPath} would find a value (`tooDeepPath(value, max) !== undefined`), without
 * its bookkeeping: a recursion that never goes more than `max + 1` calls deep, so it is as safe
 * for any depth; it also stops at the first such value.
 */
export function nestsDeeperThan(value: unknown, max = MAX_PROFILE_DEPTH): boolean {
  return deeper(value, max);
}

// `budget`: how many more objects and arrays the value may sit inside.
function deeper(v: unknown, budget: number): boolean {
  if (budget < 0) return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (deeper(v[i], budget - 1)) return true;
  } else {
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (deeper(obj[k], budget - 1)) return true;
  }
  return false;
}

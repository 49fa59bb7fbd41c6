/**
 * Appending one list to another where the list's length comes from the input. `target.push(...items)`
 * passes every item as an argument, and a call takes only so many (about 120,000 in Node 20, fewer
 * on a deeper stack): a file of 300,000 keys made the readers throw a RangeError ("Maximum call
 * stack size exceeded"), and `check` and `import` gave up on the file with an internal error.
 */

/** Appends each of `items` to `target`, in order, one call per item. Returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

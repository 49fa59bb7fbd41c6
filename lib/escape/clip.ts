/**
 * How text taken from an input file appears in messages and displayed values: never in full when
 * long (a damaged file can hold megabytes on one line), never cut inside a surrogate pair. One
 * rule for every quote: at most {@link CLIP_LENGTH} characters, a cut marked with `…`.
 */

/** The most characters of input text a message quotes, or a value display shows. */
export const CLIP_LENGTH = 60;

const SURROGATE = /[\uD800-\uDFFF]/;

/** `text`, or its first `max - 1` characters and `…` when it has more than `max`. */
export function clip(text: string, max = CLIP_LENGTH): string {
  return cut(text, max)?.head ?? text;
}

/** Like {@link clip}, and a cut says how long the text was: `abc… (390 characters)`. */
export function clipWithLength(text: string, max = CLIP_LENGTH): string {
  const c = cut(text, max);
  return c ? `${c.head} (${c.length} characters)` : text;
}

function cut(text: string, max: number): { head: string; length: number } | undefined {
  if (text.length <= max) return undefined; // never more characters than UTF-16 units
  // Without surrogates every unit is one character: no need to split the text into an array.
  if (!SURROGATE.test(text)) return { head: `${text.slice(0, max - 1)}…`, length: text.length };
  const chars = Array.from(text);
  if (chars.length <= max) return undefined;
  return { head: `${chars.slice(0, max - 1).join('')}…`, length: chars.length };
}

/** The characters of a Claude Desktop key name (and of the field and element names beside them). */
export const NAME_CHARACTERS = /[A-Za-z0-9._-]/;

/**
 * A name read from a file, as a message may quote it: up to its first character outside `chars`,
 * clipped. A damaged line can run a value into the name (`"inferenceGatewayApiKey sk-live-…"`),
 * and the value may be a secret; `…` marks text left out, `(not shown)` a name that starts with
 * such a character.
 */
export function clipName(name: string, chars: RegExp = NAME_CHARACTERS): string {
  let n = 0;
  while (n < name.length && chars.test(name[n] as string)) n++;
  if (n === 0 && name !== '') return '(not shown)';
  const head = clip(name.slice(0, n));
  return n < name.length && !head.endsWith('…') ? `${head}…` : head;
}

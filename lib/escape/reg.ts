/**
 * Escaping for quoted strings in regedit `.reg` files (format version 5.00), the one place for it.
 *
 * Inside `"…"` regedit knows exactly two escapes: `\\` for a backslash and `\"` for a quote; a
 * backslash before anything else just means "the next character, literally". There is no `\n`,
 * `\t` or `\uXXXX`, and a raw line break ends the value. So control characters (CR, LF, NUL, TAB
 * and every other C0/C1 control) cannot be carried and are rejected with an error naming the
 * setting; lone UTF-16 surrogates are rejected too, since they cannot be encoded as UTF-16LE text
 * that iconv or regedit reads back.
 */

/** Thrown for a value a `.reg` file cannot carry. `where` names the setting; the value itself is never shown. */
export class RegCharacterError extends Error {
  constructor(
    readonly where: string,
    readonly codePoint: number,
    readonly index: number,
  ) {
    super(
      `${where}: ${describeChar(codePoint)} at position ${index} cannot be stored in a .reg file ` +
        '(regedit has no escape for control characters or broken surrogates; remove it from the value, ' +
        'or deliver this setting through ADMX/Intune instead)',
    );
    this.name = 'RegCharacterError';
  }
}

// Cc = C0 controls, DEL and C1 controls; then lone surrogates (a proper pair is fine).
const ILLEGAL = /\p{Cc}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

const NAMES: Record<number, string> = { 0x0: 'NUL', 0x9: 'TAB', 0xa: 'LF (line feed)', 0xd: 'CR (carriage return)', 0x7f: 'DEL' };

function describeChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[cp]) return `character ${hex} (${NAMES[cp]})`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `lone surrogate ${hex}`;
  return `control character ${hex}`;
}

/** Throws {@link RegCharacterError} when `text` holds a character a `.reg` quoted string cannot carry. */
export function assertRegChars(text: string, where: string): void {
  const m = ILLEGAL.exec(text);
  if (m) throw new RegCharacterError(where, m[0].codePointAt(0) ?? 0, m.index);
}

/** Whether `text` can be written inside a `.reg` quoted string. */
export function isRegSafe(text: string): boolean {
  return !ILLEGAL.test(text);
}

/**
 * Escapes `text` for the inside of a `.reg` quoted string: `\` → `\\`, `"` → `\"`, nothing else.
 * Throws {@link RegCharacterError} (naming `where`) for characters that cannot be carried.
 */
export function regString(text: string, where = 'value'): string {
  assertRegChars(text, where);
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}

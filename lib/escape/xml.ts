/**
 * XML escaping, the one place for every XML we write (plists, ADMX, ADML, OMA-URI data values).
 * XML 1.0 cannot hold C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE or U+FFFF: such
 * values are rejected with an error naming the setting, never silently dropped.
 */

/** Thrown for a value XML 1.0 cannot carry. `where` names the setting or field. */
export class XmlCharacterError extends Error {
  constructor(
    readonly where: string,
    readonly codePoint: number,
    readonly index: number,
  ) {
    super(
      `${where}: character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at position ${index} cannot be stored in XML 1.0 ` +
        '(remove control characters from the value)',
    );
    this.name = 'XmlCharacterError';
  }
}

// C0 controls except TAB, LF, CR; U+FFFE/U+FFFF; lone surrogates (a pair is fine).
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws {@link XmlCharacterError} when `text` holds a character XML 1.0 cannot carry. */
export function assertXmlChars(text: string, where: string): void {
  const m = ILLEGAL.exec(text);
  if (m) throw new XmlCharacterError(where, m[0].codePointAt(0) ?? 0, m.index);
}

/** Whether `text` only holds characters XML 1.0 can carry. */
export function isXmlSafe(text: string): boolean {
  return !ILLEGAL.test(text);
}

/**
 * Escapes element text: `&`, `<`, `>` (the last so `]]>` can never appear), and CR as `&#xD;`
 * so it survives parsers' line-end normalisation.
 */
export function xmlText(text: string, where = 'value'): string {
  assertXmlChars(text, where);
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Escapes an attribute value for double quotes: `&`, `<`, `>`, `"`, and TAB/LF/CR as character
 * references (attribute-value normalisation would turn them into spaces otherwise).
 */
export function xmlAttr(text: string, where = 'value'): string {
  assertXmlChars(text, where);
  return text.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

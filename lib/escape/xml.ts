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

// A quick scan without look-around: surrogates, then told apart by ILLEGAL (a pair is fine).
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Every character that needs escaping or may be illegal (any surrogate: pairs are checked by ILLEGAL).
const TEXT_ATTENTION = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_ATTENTION = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Throws {@link XmlCharacterError} when `text` holds a character XML 1.0 cannot carry. */
export function assertXmlChars(text: string, where: string): void {
  if (!MAYBE_ILLEGAL.test(text)) return;
  const m = ILLEGAL.exec(text);
  if (m) throw new XmlCharacterError(where, m[0].codePointAt(0) ?? 0, m.index);
}

/** Whether `text` only holds characters XML 1.0 can carry. */
export function isXmlSafe(text: string): boolean {
  return !MAYBE_ILLEGAL.test(text) || !ILLEGAL.test(text);
}

/**
 * Escapes element text: `&`, `<`, `>` (the last so `]]>` can never appear), and CR as `&#xD;`
 * so it survives parsers' line-end normalisation.
 */
export function xmlText(text: string, where = 'value'): string {
  // Most values need nothing: one scan decides, the full checks run only when it finds something.
  if (!TEXT_ATTENTION.test(text)) return text;
  assertXmlChars(text, where);
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Escapes an attribute value for double quotes: `&`, `<`, `>`, `"`, and TAB/LF/CR as character
 * references (attribute-value normalisation would turn them into spaces otherwise).
 */
export function xmlAttr(text: string, where = 'value'): string {
  if (!ATTR_ATTENTION.test(text)) return text;
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

const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * An attribute value as an XML 1.0 parser reads it: line ends normalised, then TAB/LF/CR turned
 * into spaces, then references decoded. `undefined` for a bare `&` or a reference beyond
 * Unicode. The inverse of {@link xmlAttr}, for writers' read-back checks.
 */
export function unescapeXmlAttr(raw: string): string | undefined {
  let bad = false;
  const text = raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
  const out = text.includes('&')
    ? text.replace(REFERENCE, (all, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
        if (name) return NAMED[name] as string;
        const cp = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
        if (!(cp <= 0x10ffff)) {
          bad = true;
          return all;
        }
        return String.fromCodePoint(cp);
      })
    : text;
  return bad ? undefined : out;
}

/**
 * The XML and Markdown escapers return most values untouched after one scan (a fast path). These
 * properties compare them, on generated text rich in the characters that matter, with the
 * straightforward definitions they replace, and check that unescapeXmlAttr inverts xmlAttr.
 */
import fc from 'fast-check';
import { mdCode, mdText } from '../../lib/escape/markdown';
import { isXmlSafe, unescapeXmlAttr, xmlAttr, xmlText, XmlCharacterError } from '../../lib/escape/xml';

const SPECIAL = ['&', '<', '>', '"', "'", '\t', '\n', '\r', '\r\n', '`', '``', '|', '\\', '*', '_', '[', ']', '~', '#', '-', '+', '1.', '2)', ' ', '\u0000', '\u0001', '\u007f', '\u0085', '\u009f', '\u200e', '\u202e', '\u2066', '\uD800', '\uDC00', '😀', '\uFFFE', '\uFFFF', 'a', 'Z', '9', 'é', '日'];
const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 3 })), { maxLength: 10 }).map((a) => a.join(''));

// The definitions before the fast paths: every check and replacement applied to every value.
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };
function referenceXml(s: string, re: RegExp): string {
  if (!isXmlSafe(s)) throw new XmlCharacterError('value', 0, 0);
  return s.replace(re, (c) => ESC[c] ?? c);
}
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const visible = (s: string): string => s.replace(INVISIBLE, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
function referenceMdText(s: string): string {
  const out = visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
  return out.replace(/^#/, '\\#').replace(/^([-+])(?= |$)/, '\\$1').replace(/^(\d+)([.)])(?= |$)/, '$1\\$2');
}
function referenceMdCode(s: string): string {
  const t = visible(s);
  if (t === '') return '*(empty)*';
  const fence = '`'.repeat(Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = /^[ `]|[ `]$/.test(t) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** The result, or the error's class name. */
const outcome = (fn: () => string): string => {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

describe('escaper fast paths', () => {
  test('xmlText and xmlAttr equal the full definitions', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(outcome(() => xmlText(s))).toBe(outcome(() => referenceXml(s, /[&<>\r]/g)));
        expect(outcome(() => xmlAttr(s))).toBe(outcome(() => referenceXml(s, /[&<>"\t\n\r]/g)));
      }),
      { numRuns: 2000 },
    );
  });

  test('mdText and mdCode equal the full definitions', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(mdText(s)).toBe(referenceMdText(s));
        expect(mdCode(s)).toBe(referenceMdCode(s));
      }),
      { numRuns: 2000 },
    );
  });

  test('unescapeXmlAttr reads back what xmlAttr wrote, and normalises raw white space like a parser', () => {
    fc.assert(
      fc.property(text.filter(isXmlSafe), (s) => {
        expect(unescapeXmlAttr(xmlAttr(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
    expect(unescapeXmlAttr('a\tb\r\nc\rd\ne')).toBe('a b c d e');
    expect(unescapeXmlAttr('&#x41;&#66;&apos;')).toBe("AB'");
    expect(unescapeXmlAttr('a & b')).toBeUndefined();
    expect(unescapeXmlAttr('&#x110000;')).toBeUndefined();
    // The last code point of Unicode is still a character reference a parser reads (XML 1.0 Char).
    expect(unescapeXmlAttr('&#x10FFFF;')).toBe('\u{10FFFF}');
    expect(unescapeXmlAttr('&#1114111;')).toBe('\u{10FFFF}');
    expect(unescapeXmlAttr('&#1114112;')).toBeUndefined();
  });
});

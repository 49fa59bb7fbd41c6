/**
 * Malformed XML is described without quoting it: fast-xml-parser's own messages quote the text
 * they stopped at (a secret beside a damaged `>`), so each error is worded by its kind, with its
 * line and column. Checked for every kind of error the validator gives, through the plist reader,
 * and for the DOCTYPE errors the parser throws.
 */
import { XMLValidator } from 'fast-xml-parser';
import { PlistParseError, parsePlistXml } from '../../lib/read/plist';
import { describeXmlError, describeXmlParseFailure } from '../../lib/read/xml-error';
import { lintAdmx } from '../../lib/lint/admx';

const S = 'Zq9Jx-secret';

/** The reader's error for a document. */
function readError(xml: string): string {
  try {
    parsePlistXml(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(PlistParseError);
    return (e as Error).message;
  }
  throw new Error('the document was read');
}

const doc = (inner: string) => `<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>k</key>${inner}\n</dict>\n</plist>\n`;

test.each([
  ['a damaged ">" after a tag name', doc(`<string:${S}</string>`), "a tag name is malformed (a damaged or missing '>'?) (line 4, column"],
  ['a space for ">"', doc(`<string ${S}</string>`), 'a tag holds text that is not name="value" attributes'],
  ['a closing tag that does not match', doc(`<string>${S}</strinG>`), 'a closing tag does not match the element opened at line 4, column 13 (line 4, column'],
  ['a closing tag with more than its name', doc(`<string>${S}</string ${S}>`), 'a closing tag holds more than its name'],
  ['a closing tag never opened', `</string><plist>${S}</plist>`, 'a closing tag has no opening tag (line 1, column 1)'],
  ['a closing tag without ">"', `<plist><string>${S}</string`, "a closing tag does not end with '>'"],
  ['an attribute value without its closing quote', doc(`<string a="${S}>x</string>`), 'an attribute value in a tag has no closing quote'],
  ['a repeated attribute', doc(`<string a="1" a="${S}">x</string>`), 'a tag repeats an attribute'],
  ['a bare "&"', doc(`<string>${S}&${S}</string>`), "an '&' starts no entity or character reference (write &amp;) (line 4"],
  ['text before the root element', `${S}<plist/>`, 'text outside the root element (line 1, column 1)'],
  ['text after the root element', `<plist><true/></plist>${S}`, 'text after the root element'],
  ['an XML declaration not at the start', ` <?xml version="1.0"?><plist><true/></plist>`, 'the <?xml …?> declaration is not at the start of the file'],
  ['a space after "<"', doc(`< string>${S}</string>`), "a '<' is followed by a space instead of a tag name"],
  ['one unclosed element', `<plist>`, 'an element is never closed (is the file cut short?) (line 1, column 1)'],
  ['many unclosed elements', `<?xml version="1.0"?>\n<!-- a comment -->\n  <plist version="1.0"><dict><key>${S}`, '3 elements are never closed (is the file cut short?); the outermost is the root element at line 3, column 3'],
])('%s', (_name, xml, words) => {
  const message = readError(xml);
  expect(message).toContain(`not well-formed XML: ${words}`);
  expect(message).not.toContain(S.slice(0, 6));
});

test('every validator error code has its own words (none falls through to the generic one)', () => {
  for (const xml of [doc(`<string:${S}</string>`), doc(`<a b="1" b="2"/>`), doc('&'), `x<a/>`, `<a/><b/>x`, `<a/>\n<?xml version="1.0"?>`]) {
    const v = XMLValidator.validate(xml);
    if (v === true) continue;
    expect(describeXmlError(v.err, xml)).not.toMatch(/^the XML is malformed/);
  }
});

test('DOCTYPE and entity errors the parser throws are worded without the names it quotes', () => {
  const external = `<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY ${S.replace(/-/g, '')} SYSTEM "file:///etc/${S}">]>\n<plist><string>x</string></plist>`;
  expect(readError(external)).toBe('not well-formed XML: the DOCTYPE declares an external entity, which is never read');
  expect(describeXmlParseFailure(new Error(`Invalid entity name ${S}`))).toBe('an entity in the DOCTYPE is malformed, refused or expands past the limits');
  expect(describeXmlParseFailure(new Error(`readTagExp returned undefined at position 3. Context: "${S}"`))).toBe('the XML cannot be read');
});

test('the ADMX lint words malformed ADMX and ADML the same way', () => {
  const findings = lintAdmx(`<policyDefinitions><x ${S}/></policyDefinitions>`, `<policyDefinitionResources><string:${S}</policyDefinitionResources>`);
  expect(findings.map((f) => `${f.file}: ${f.path}: ${f.message}`)).toEqual([
    'Claude.admx: line 1: not well-formed XML: a tag holds text that is not name="value" attributes (a damaged or missing \'>\'?) (line 1, column 23)',
    "en-US/Claude.adml: line 1: not well-formed XML: a tag name is malformed (a damaged or missing '>'?) (line 1, column 75)",
  ]);
});

/**
 * The strict plist reader the macOS writers use for their self-checks (lib/writers/plist-readback.ts),
 * against the `plist` package (xmldom) on every plist the writers emit, on generated strings, and
 * on documents it must refuse.
 */
import fc from 'fast-check';
import * as plist from 'plist';
import { buildArtifacts } from '../../lib/build';
import { xmlText } from '../../lib/escape/xml';
import { PlistSyntaxError, readPlist, readPlistDictBody } from '../../lib/writers/plist-readback';
import { buildProfileManifest } from '../../lib/writers/profile-manifest';
import { loadExamples, loadFixtureProfile } from '../support/examples';

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
const doc = (body: string): string => `${PROLOG}<plist version="1.0">\n${body}\n</plist>\n`;
/** Plain objects with the same entries (our dicts have no prototype). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('readPlist', () => {
  test('reads every plist our writers emit exactly as the plist package does', () => {
    const texts: string[] = [buildProfileManifest().toString('utf8')];
    const profiles = [...loadExamples(), loadFixtureProfile('all-keys.profile.json'), loadFixtureProfile('hostile.profile.json')];
    for (const p of profiles) {
      for (const form of ['direct', 'mcx'] as const) {
        const files = buildArtifacts(p.profile, { env: p.env, formats: ['mobileconfig', 'jamf'], payloadForm: form }).files;
        for (const f of files) if (/\.(mobileconfig|plist)$/.test(f.path)) texts.push(f.bytes.toString('utf8'));
      }
    }
    expect(texts.length).toBeGreaterThan(30);
    for (const t of texts) expect(plain(readPlist(t))).toEqual(plain(plist.parse(t)));
  });

  test('any XML 1.0 string escaped by xmlText reads back unchanged (generated)', () => {
    const xmlChar = fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\r\n', '\t', ']]>', '&amp;', '\u0085', '\u2028', '\u2029', '😀', '\u202e', ' '),
      fc.string({ unit: 'binary' }).filter((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s) && !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))),
    );
    fc.assert(
      fc.property(fc.array(xmlChar, { maxLength: 12 }).map((a) => a.join('')), (s) => {
        const back = readPlist(doc(`<dict>\n\t<key>${xmlText(s)}</key>\n\t<string>${xmlText(s)}</string>\n</dict>`)) as Record<string, unknown>;
        expect(Object.entries(back)).toEqual([[s, s]]);
      }),
      { numRuns: 300 },
    );
  });

  test('XML line ends: raw CR and CRLF become LF, &#xD; stays CR; U+0085/U+2028 are not line ends in XML 1.0', () => {
    expect(readPlist(doc('<string>a\r\nb\rc&#xD;d\u0085e\u2028f</string>'))).toBe('a\nb\nc\rd\u0085e\u2028f');
  });

  test('types: integer, real, true/false, date, data, empty forms, nesting', () => {
    const v = readPlist(doc('<dict><key>i</key><integer>-12</integer><key>r</key><real>1.5</real><key>t</key><true/><key>f</key><false/><key>d</key><date>2026-01-02T03:04:05Z</date><key>b</key><data>aGk=</data><key>s</key><string/><key>a</key><array><dict/><array/></array></dict>')) as Record<string, unknown>;
    expect(v.i).toBe(-12);
    expect(v.r).toBe(1.5);
    expect([v.t, v.f]).toEqual([true, false]);
    expect((v.d as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect((v.b as Buffer).toString()).toBe('hi');
    expect(v.s).toBe('');
    expect(plain(v.a)).toEqual([{}, []]);
  });

  test('prototype names are ordinary keys', () => {
    const v = readPlist(doc('<dict><key>__proto__</key><string>x</string><key>constructor</key><string>y</string></dict>')) as Record<string, unknown>;
    expect(Object.entries(v)).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  test('a dict body (Intune preference-file fragment)', () => {
    expect(Object.entries(readPlistDictBody('<key>a</key>\n<string>x &amp; y</string>\n<key>b</key>\n<string/>\n'))).toEqual([['a', 'x & y'], ['b', '']]);
    expect(Object.entries(readPlistDictBody(''))).toEqual([]);
  });

  test.each([
    ['not a plist', '<foo/>'],
    ['unclosed string', doc('<string>abc')],
    ['mismatched close', doc('<string>abc</key>')],
    ['bare ampersand', doc('<string>a & b</string>')],
    ['unknown entity', doc('<string>&nbsp;</string>')],
    [']]> in text', doc('<string>a]]>b</string>')],
    ['a comment', doc('<!-- x --><string>a</string>')],
    ['CDATA', doc('<string><![CDATA[a]]></string>')],
    ['an internal DTD subset', `<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY e "x">]>\n<plist version="1.0"><string>&e;</string></plist>`],
    ['a value without key', doc('<dict><string>a</string></dict>')],
    ['a duplicate key', doc('<dict><key>a</key><string>1</string><key>a</key><string>2</string></dict>')],
    ['two root values', doc('<string>a</string><string>b</string>')],
    ['text after the document', `${doc('<string>a</string>')}x`],
    ['a bad integer', doc('<integer>1.5</integer>')],
    ['an attribute on a value', doc('<string id="x">a</string>')],
    ['a child inside a string', doc('<string><b>x</b></string>')],
    ['deep nesting', doc(`${'<array>'.repeat(40)}${'</array>'.repeat(40)}`)],
    ['a reference beyond Unicode', doc('<string>&#x110000;</string>')],
  ])('refuses %s', (_, text) => {
    expect(() => readPlist(text)).toThrow(PlistSyntaxError);
  });
});

/**
 * The strict plist reader the macOS writers use for their self-checks (lib/writers/plist-readback.ts),
 * against the `plist` package (xmldom) on every plist the writers emit, on generated strings, and
 * on documents it must refuse.
 */
import fc from 'fast-check';
import * as plist from 'plist';
import { buildArtifacts } from '../../lib/build';
import { xmlText } from '../../lib/escape/xml';
import {
  PLIST_ARRAY,
  PLIST_DATA,
  PLIST_DATE,
  PLIST_DICT,
  PLIST_END_ARRAY,
  PLIST_END_DICT,
  PLIST_FALSE,
  PLIST_INTEGER,
  PLIST_KEY,
  PLIST_REAL,
  PLIST_STRING,
  PLIST_TRUE,
  PlistSyntaxError,
  readPlist,
  readPlistDictBody,
  readPlistDictBodyTokens,
  readPlistTokens,
  type PlistTokenValue,
} from '../../lib/writers/plist-readback';
import { buildProfileManifest } from '../../lib/writers/profile-manifest';
import { loadExamples, loadFixtureProfile } from '../support/examples';

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
const doc = (body: string): string => `${PROLOG}<plist version="1.0">\n${body}\n</plist>\n`;
/** Plain objects with the same entries (our dicts have no prototype). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

type Token = [number, unknown];

/**
 * The tokens a streaming read must report for a value the general parser (`plist`) produced:
 * dict keys in document order (xmldom keeps it), numbers as integer or real, and so on.
 */
function tokensOf(v: unknown, out: Token[] = []): Token[] {
  if (typeof v === 'string') out.push([PLIST_STRING, v]);
  else if (typeof v === 'boolean') out.push([v ? PLIST_TRUE : PLIST_FALSE, v]);
  else if (typeof v === 'number') out.push([Number.isInteger(v) ? PLIST_INTEGER : PLIST_REAL, v]);
  else if (v instanceof Date) out.push([PLIST_DATE, v.toISOString()]);
  else if (Buffer.isBuffer(v)) out.push([PLIST_DATA, v.toString('base64')]);
  else if (Array.isArray(v)) {
    out.push([PLIST_ARRAY, undefined]);
    for (const item of v) tokensOf(item, out);
    out.push([PLIST_END_ARRAY, undefined]);
  } else {
    out.push([PLIST_DICT, undefined]);
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      out.push([PLIST_KEY, k]);
      tokensOf(item, out);
    }
    out.push([PLIST_END_DICT, undefined]);
  }
  return out;
}

/** What a streaming read reported, comparable with {@link tokensOf} (dates and data as text). */
function streamed(read: (onToken: (kind: number, value: PlistTokenValue) => void) => void): Token[] {
  const out: Token[] = [];
  read((kind, value) => {
    // <real>1</real> reads as the number 1, which the expectation cannot tell from an integer.
    const k = kind === PLIST_REAL && Number.isInteger(value) ? PLIST_INTEGER : kind;
    out.push([k, value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString('base64') : value]);
  });
  return out;
}

/** Every .mobileconfig and .plist our writers emit, for every example and fixture, both payload forms. */
function writerPlists(): string[] {
  const texts: string[] = [buildProfileManifest().toString('utf8')];
  const profiles = [...loadExamples(), loadFixtureProfile('all-keys.profile.json'), loadFixtureProfile('hostile.profile.json')];
  for (const p of profiles) {
    for (const form of ['direct', 'mcx'] as const) {
      const files = buildArtifacts(p.profile, { env: p.env, formats: ['mobileconfig', 'jamf'], payloadForm: form }).files;
      for (const f of files) if (/\.(mobileconfig|plist)$/.test(f.path)) texts.push(f.bytes.toString('utf8'));
    }
  }
  return texts;
}

/** Documents both readers must refuse (a duplicate key is refused by readPlist only: see below). */
const MALFORMED: [string, string][] = [
  ['not a plist', '<foo/>'],
  ['unclosed string', doc('<string>abc')],
  ['mismatched close', doc('<string>abc</key>')],
  ['bare ampersand', doc('<string>a & b</string>')],
  ['bare ampersand after a clean text', doc('<array><string>a</string><string>b &amp; c</string><string>d & e</string></array>')],
  ['unknown entity', doc('<string>&nbsp;</string>')],
  [']]> in text', doc('<string>a]]>b</string>')],
  [']]> in a later text', doc('<array><string>a]]</string><string>b</string><string>c]]>d</string></array>')],
  ['a comment', doc('<!-- x --><string>a</string>')],
  ['CDATA', doc('<string><![CDATA[a]]></string>')],
  ['an internal DTD subset', `<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY e "x">]>\n<plist version="1.0"><string>&e;</string></plist>`],
  ['a value without key', doc('<dict><string>a</string></dict>')],
  ['a key without value', doc('<dict><key>a</key></dict>')],
  ['a key in an array', doc('<array><key>a</key></array>')],
  ['a closing tag of the wrong container', doc('<array><string>a</string></dict>')],
  ['an unclosed dict', doc('<dict><key>a</key><string>b</string>')],
  ['two root values', doc('<string>a</string><string>b</string>')],
  ['text after the document', `${doc('<string>a</string>')}x`],
  ['text between values', doc('<array><string>a</string>x<string>b</string></array>')],
  ['a bad integer', doc('<integer>1.5</integer>')],
  ['an attribute on a value', doc('<string id="x">a</string>')],
  ['a child inside a string', doc('<string><b>x</b></string>')],
  ['an unknown element', doc('<dict><key>a</key><foo/></dict>')],
  ['deep nesting', doc(`${'<array>'.repeat(40)}${'</array>'.repeat(40)}`)],
  ['a reference beyond Unicode', doc('<string>&#x110000;</string>')],
  ['no <plist>', `${PROLOG}<string>a</string>\n`],
];

describe('readPlist', () => {
  test('reads every plist our writers emit exactly as the plist package does', () => {
    const texts = writerPlists();
    expect(texts.length).toBeGreaterThan(30);
    for (const t of texts) expect(plain(readPlist(t))).toEqual(plain(plist.parse(t)));
  });

  test('many texts in one document, some with references, CR or `]]` and some without, read as the plist package reads them (generated)', () => {
    // The reader looks for the next `&`, CR and `]]>` once and reuses the answer for the texts
    // before it: this mixes texts that need decoding with texts that do not, in any order.
    const piece = fc.oneof(fc.constantFrom('&', '<', '>', '\r', '\r\n', ']]', ']', '&amp;', 'x', ' ', '\t', '\n', 'é', '😀'), fc.string({ maxLength: 6 }).filter((t) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(t)));
    const text = fc.array(piece, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.boolean()), { minLength: 1, maxLength: 8 }), (items) => {
        // Some texts escaped by xmlText (CR as &#xD;), others written raw where XML allows it (CR as a line end).
        const body = items.map(([t, raw]) => `<string>${raw ? t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : xmlText(t)}</string>`).join('\n');
        const xml = doc(`<array>\n${body}\n</array>`);
        expect(readPlist(xml)).toEqual(plist.parse(xml));
        expect(streamed((h) => readPlistTokens(xml, h))).toEqual(tokensOf(plist.parse(xml)));
      }),
      { numRuns: 300 },
    );
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
    ...MALFORMED,
    ['a duplicate key', doc('<dict><key>a</key><string>1</string><key>a</key><string>2</string></dict>')],
  ])('refuses %s', (_, text) => {
    expect(() => readPlist(text)).toThrow(PlistSyntaxError);
  });
});

describe('readPlistTokens (the streaming mode the writers\' self-checks use)', () => {
  test('reports, for every plist our writers emit, exactly the values the plist package reads, in document order', () => {
    for (const t of writerPlists()) expect(streamed((h) => readPlistTokens(t, h))).toEqual(tokensOf(plist.parse(t)));
  });

  test('types, empty forms and nesting as tokens, with offsets where each tag starts', () => {
    const xml = doc('<dict><key>i</key><integer>-12</integer><key>r</key><real>1.5</real><key>t</key><true/><key>f</key><false></false><key>d</key><date>2026-01-02T03:04:05Z</date><key>b</key><data>aGk=</data><key>s</key><string/><key>e</key><dict/><key>a</key><array><array/></array></dict>');
    const seen: [number, unknown, number][] = [];
    readPlistTokens(xml, (kind, value, offset) => seen.push([kind, value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString() : value, offset]));
    expect(seen.map(([k, v]) => [k, v])).toEqual([
      [PLIST_DICT, undefined],
      [PLIST_KEY, 'i'], [PLIST_INTEGER, -12],
      [PLIST_KEY, 'r'], [PLIST_REAL, 1.5],
      [PLIST_KEY, 't'], [PLIST_TRUE, true],
      [PLIST_KEY, 'f'], [PLIST_FALSE, false],
      [PLIST_KEY, 'd'], [PLIST_DATE, '2026-01-02T03:04:05.000Z'],
      [PLIST_KEY, 'b'], [PLIST_DATA, 'hi'],
      [PLIST_KEY, 's'], [PLIST_STRING, ''],
      [PLIST_KEY, 'e'], [PLIST_DICT, undefined], [PLIST_END_DICT, undefined],
      [PLIST_KEY, 'a'], [PLIST_ARRAY, undefined], [PLIST_ARRAY, undefined], [PLIST_END_ARRAY, undefined], [PLIST_END_ARRAY, undefined],
      [PLIST_END_DICT, undefined],
    ]);
    for (const [kind, , offset] of seen) if (kind !== PLIST_END_DICT && kind !== PLIST_END_ARRAY) expect(xml[offset]).toBe('<');
    expect(xml.startsWith('<key>i</key>', seen[1]![2])).toBe(true);
  });

  test('other prologs the patterns accept: no declaration, no DOCTYPE, other white space, <plist> without version', () => {
    for (const xml of ['<plist version="1.0"><string>a</string></plist>', '\n<?xml version="1.0"?>\r\n<plist>\n<string>a</string>\n</plist >\n', `<?xml version='1.0' encoding='UTF-8'?><!DOCTYPE plist SYSTEM "x.dtd"><plist   version="1.0"  ><string>a</string></plist>`]) {
      expect(streamed((h) => readPlistTokens(xml, h))).toEqual([[PLIST_STRING, 'a']]);
      expect(readPlist(xml)).toBe('a');
    }
  });

  test.each(MALFORMED)('refuses %s', (_, text) => {
    expect(() => readPlistTokens(text, () => undefined)).toThrow(PlistSyntaxError);
  });

  test('a duplicate key is reported twice (the consumer decides; readPlist refuses it)', () => {
    const xml = doc('<dict><key>a</key><string>1</string><key>a</key><string>2</string></dict>');
    expect(streamed((h) => readPlistTokens(xml, h))).toEqual([[PLIST_DICT, undefined], [PLIST_KEY, 'a'], [PLIST_STRING, '1'], [PLIST_KEY, 'a'], [PLIST_STRING, '2'], [PLIST_END_DICT, undefined]]);
    expect(() => readPlist(xml)).toThrow(/duplicate key a/);
  });

  test('an error thrown by the handler stops the read and comes out unchanged', () => {
    const stop = new Error('stop');
    let calls = 0;
    expect(() =>
      readPlistTokens(doc('<array><string>a</string><string>b</string></array>'), () => {
        if (++calls === 2) throw stop;
      }),
    ).toThrow(stop);
    expect(calls).toBe(2);
  });

  test('a dict body (Intune preference-file fragment) as tokens, and what it refuses', () => {
    const body = '<key>a</key>\n<string>x &amp; y</string>\n<key>b</key>\n<dict><key>c</key><true/></dict>\n';
    expect(streamed((h) => readPlistDictBodyTokens(body, h))).toEqual([[PLIST_KEY, 'a'], [PLIST_STRING, 'x & y'], [PLIST_KEY, 'b'], [PLIST_DICT, undefined], [PLIST_KEY, 'c'], [PLIST_TRUE, true], [PLIST_END_DICT, undefined]]);
    expect(streamed((h) => readPlistDictBodyTokens('', h))).toEqual([]);
    for (const bad of ['<key>a</key>', '<string>a</string>', '<key>a</key><string>b</string></dict>', '<key>a</key><string>b</string>x', '<key>a</key><string>b']) {
      expect(() => readPlistDictBodyTokens(bad, () => undefined)).toThrow(PlistSyntaxError);
      expect(() => readPlistDictBody(bad)).toThrow(PlistSyntaxError);
    }
  });
});

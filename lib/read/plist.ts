/**
 * An XML plist reader that keeps what linting needs and `plist.parse` loses: key order, duplicate
 * keys, and each value's plist type (`<string>` vs `<true/>` vs `<integer>`). Built on
 * fast-xml-parser (well-formedness check first, then an order-preserving parse with no value
 * coercion). Also reads bare preference plists and Intune preference-file fragments.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MACOS_PREFERENCE_DOMAIN } from '../catalog';
import { clip, clipName } from '../escape/clip';
import { isXmlSafe } from '../escape/xml';
import { finding, type Finding } from '../validate/findings';
import { catalogueName, type ArtifactKind, type ReadEntry, type ReadResult } from './types';
import { describeXmlError, describeXmlParseFailure } from './xml-error';
import { pushAll } from '../push-all';

/** One plist value with its plist type. */
export type PlistNode =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number; readonly text: string }
  | { readonly type: 'real'; readonly value: number; readonly text: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'data'; readonly value: string }
  | { readonly type: 'array'; readonly items: readonly PlistNode[] }
  | { readonly type: 'dict'; readonly entries: readonly { readonly key: string; readonly value: PlistNode }[] };

/** A dictionary node. */
export type PlistDict = Extract<PlistNode, { type: 'dict' }>;

/** Thrown when text is not an XML plist at all. */
export class PlistParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistParseError';
  }
}

/** The plist type names `storedAs` uses (`<integer>` → `integer`, `<true/>` → `boolean`). */
export type PlistType = PlistNode['type'];

type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Decodes numeric character references (&#xD;, &#x1F600;) as well as the five XML entities.
  htmlEntities: true,
});

/**
 * Parses an XML plist into a typed tree. Throws {@link PlistParseError} for malformed XML or a
 * document that is not a plist; problems inside (bad integers, characters XML forbids) are
 * returned as `problems` with their place.
 */
export function parsePlistXml(xml: string): { root: PlistNode; problems: { path: string; message: string }[] } {
  if (xml.startsWith('bplist')) throw new PlistParseError('binary plists are not supported; convert with "plutil -convert xml1"');
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  checkCharacters(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new PlistParseError(`not well-formed XML: ${describeXmlError(valid.err, text)}`);
  let doc: XNode[];
  try {
    doc = parser.parse(text) as XNode[];
  } catch (e) {
    throw new PlistParseError(`not well-formed XML: ${describeXmlParseFailure(e)}`);
  }
  const plistEl = doc.find((n) => tagOf(n) === 'plist');
  if (!plistEl) throw new PlistParseError('no <plist> element');
  const inner = elements(plistEl.plist as XNode[]);
  if (inner.length !== 1) throw new PlistParseError('<plist> must hold exactly one value');
  const problems: { path: string; message: string }[] = [];
  return { root: toNode(inner[0]!, '', problems), problems };
}

/**
 * XML 1.0 forbids most control characters, raw or as character references; plistlib and xmllint
 * refuse such a document, while fast-xml-parser would silently drop `&#x1;`. Refuse it here too.
 */
function checkCharacters(text: string): void {
  if (!isXmlSafe(text)) {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => !isXmlSafe(l)) + 1;
    throw new PlistParseError(`not well-formed XML: a character XML 1.0 forbids (a control character) on line ${line}`);
  }
  // Inside CDATA sections and comments `&#…;` is literal text, not a reference.
  const refsOnly = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  for (const m of refsOnly.matchAll(/&#(x[0-9A-Fa-f]+|[0-9]+);/g)) {
    const ref = m[1]!;
    const cp = ref.startsWith('x') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) throw new PlistParseError(`not well-formed XML: the character reference ${m[0]} names a character XML 1.0 forbids`);
  }
}

function tagOf(n: XNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text');
}

function elements(children: XNode[]): XNode[] {
  return children.filter((c) => tagOf(c) !== undefined);
}

function textOf(children: XNode[]): string {
  return children.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('');
}

function toNode(el: XNode, path: string, problems: { path: string; message: string }[]): PlistNode {
  const tag = tagOf(el)!;
  const children = (el[tag] as XNode[]) ?? [];
  const here = path || '(root)';
  switch (tag) {
    case 'string': {
      const value = textOf(children);
      if (!isXmlSafe(value)) problems.push({ path: here, message: 'holds a character XML 1.0 forbids (a control character)' });
      return { type: 'string', value };
    }
    case 'integer': {
      const t = textOf(children).trim();
      // The text is never quoted: a secret stored under the wrong type would be printed.
      if (!/^[+-]?[0-9]+$/.test(t)) problems.push({ path: here, message: 'the value is stored as <integer> but is not a whole number (value not shown)' });
      return { type: 'integer', value: Number(t), text: t };
    }
    case 'real': {
      const t = textOf(children).trim();
      if (t === '' || Number.isNaN(Number(t))) problems.push({ path: here, message: 'the value is stored as <real> but is not a number (value not shown)' });
      return { type: 'real', value: Number(t), text: t };
    }
    case 'true':
    case 'false':
      return { type: 'boolean', value: tag === 'true' };
    case 'date':
      return { type: 'date', value: textOf(children).trim() };
    case 'data':
      return { type: 'data', value: textOf(children).replace(/\s+/g, '') };
    case 'array':
      return { type: 'array', items: elements(children).map((c, i) => toNode(c, `${path}[${i}]`, problems)) };
    case 'dict': {
      const entries: { key: string; value: PlistNode }[] = [];
      const els = elements(children);
      for (let i = 0; i < els.length; i++) {
        const k = els[i]!;
        if (tagOf(k) !== 'key') {
          problems.push({ path: here, message: `<${clip(tagOf(k)!)}> where a <key> was expected` });
          continue;
        }
        const key = textOf(k.key as XNode[]);
        const v = els[i + 1];
        if (!v || tagOf(v) === 'key') {
          problems.push({ path: keyPlace(path, key), message: 'key without a value' });
          continue;
        }
        entries.push({ key, value: toNode(v, keyPlace(path, key), problems) });
        i++;
      }
      return { type: 'dict', entries };
    }
    default:
      problems.push({ path: here, message: `<${clip(tag)}> is not a plist element` });
      return { type: 'string', value: textOf(children) };
  }
}

/** The native value of a node: strings, numbers, booleans, arrays, objects (dates and data as text). */
export function nativeOf(node: PlistNode): unknown {
  switch (node.type) {
    case 'array':
      return node.items.map(nativeOf);
    case 'dict':
      return Object.fromEntries(node.entries.map((e) => [e.key, nativeOf(e.value)]));
    default:
      return node.value;
  }
}

/** The value under `key` in a dict (the last one, as macOS reads a duplicated key), or undefined. */
export function dictGet(dict: PlistDict, key: string): PlistNode | undefined {
  for (let i = dict.entries.length - 1; i >= 0; i--) if (dict.entries[i]!.key === key) return dict.entries[i]!.value;
  return undefined;
}

/**
 * The place of a dictionary key, as findings and entries give it (`PayloadContent[0].<key>`): the
 * key through {@link clipName}, as messages quote it. A file can hold a key a megabyte long, or a
 * value run into a key, and every finding about it (and every later message that names its place)
 * would carry it whole.
 */
export function keyPlace(parent: string, key: string): string {
  return parent ? `${parent}.${clipName(key)}` : clipName(key);
}

/** Keys that occur more than once in a dict. */
export function duplicateKeys(dict: PlistDict): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const e of dict.entries) (seen.has(e.key) ? dups : seen).add(e.key);
  return [...dups];
}

/**
 * Claude entries of a settings dict: every key not skipped, the string as found or the native
 * value with its plist type, and where it was.
 */
export function entriesOfDict(dict: PlistDict, location: string, skip: (key: string) => boolean = () => false): ReadEntry[] {
  return dict.entries.filter((e) => !skip(e.key)).map((e) => ({ key: e.key, raw: nativeOf(e.value), storedAs: e.value.type, location: keyPlace(location, e.key) }));
}

/** Findings for duplicate keys and parse problems of a settings dict. */
export function dictFindings(dict: PlistDict, location: string): Finding[] {
  return duplicateKeys(dict).map((k) =>
    finding('duplicate-key', 'error', keyPlace(location, k), `key ${clipName(k)} occurs more than once; macOS keeps only one of the values`, 'remove the extra entries', catalogueName(k)),
  );
}

/**
 * Reads a bare preference plist (a `<plist><dict>` of Claude keys: the Jamf upload, a file from
 * `/Library/Managed Preferences`, `defaults export`).
 */
export function readPreferencePlist(bytes: Buffer | string): ReadResult {
  const { text, findings } = typeof bytes === 'string' ? { text: bytes, findings: [] } : plistText(bytes);
  const r = readBareDict(text, 'plist', '');
  return findings.length ? { ...r, findings: [...findings, ...r.findings] } : r;
}

/**
 * The text of a plist file: UTF-8, or UTF-16 with a byte-order mark (what Windows PowerShell 5.1's
 * `Out-File` writes), which macOS reads too. UTF-16 is read, with a warning: this package writes
 * UTF-8, and some tools that handle profiles (MDM consoles, diff and signing tools) expect it.
 */
export function plistText(bytes: Buffer): { text: string; findings: Finding[] } {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return { text: bytes.toString('utf8'), findings: [] };
  const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  if (be) body.swap16();
  // The declaration names UTF-16 (or, wrongly, UTF-8); the text is now a JavaScript string either way.
  const text = body.toString('utf16le');
  return {
    text,
    findings: [finding('plist-utf16', 'warning', '(file)', `the file is UTF-16${be ? 'BE' : 'LE'} with a byte-order mark; macOS reads it, but this package writes UTF-8 and some MDM consoles and tools expect UTF-8`, 'save it as UTF-8, with encoding="UTF-8" in the <?xml?> line, to be safe')],
  };
}

/**
 * Reads an Intune preference-file fragment (bare `<key>`/`<string>` pairs). A fragment that
 * carries its own `<?xml>`, `<plist>` or `<dict>` wrapper is reported, then read as a plist.
 */
export function readPreferenceFragment(bytes: Buffer | string): ReadResult {
  const { text, findings: encoding } = typeof bytes === 'string' ? { text: bytes, findings: [] } : plistText(bytes);
  if (/<\?xml|<!DOCTYPE|<plist|<dict/i.test(text)) {
    const r = readBareDict(text, 'preference-fragment', '');
    return {
      ...r,
      findings: [
        ...encoding,
        finding('fragment-has-wrapper', 'error', '(file)', 'an Intune preference file must hold only <key>/<string> pairs, without <?xml>, DOCTYPE, <plist> or <dict>', 'remove the wrapper lines'),
        ...r.findings,
      ],
    };
  }
  const r = readBareDict(`<plist version="1.0"><dict>${text.charCodeAt(0) === 0xfeff ? text.slice(1) : text}</dict></plist>`, 'preference-fragment', '');
  return encoding.length ? { ...r, findings: [...encoding, ...r.findings] } : r;
}

function readBareDict(xml: string, kind: ArtifactKind, location: string): ReadResult {
  let parsed: ReturnType<typeof parsePlistXml>;
  try {
    parsed = parsePlistXml(xml);
  } catch (e) {
    return { kind, metadata: {}, entries: [], findings: [finding('unreadable-plist', 'error', '(file)', (e as Error).message)] };
  }
  const findings = problemFindings(parsed.problems);
  if (parsed.root.type !== 'dict') {
    findings.push(finding('not-a-dict', 'error', '(root)', `the plist holds ${parsed.root.type}, not a dictionary of ${MACOS_PREFERENCE_DOMAIN} keys`));
    return { kind, metadata: {}, entries: [], findings };
  }
  pushAll(findings, dictFindings(parsed.root, location));
  return { kind, metadata: {}, entries: entriesOfDict(parsed.root, location), findings };
}

/** Turns parse problems into error findings. */
export function problemFindings(problems: readonly { path: string; message: string }[]): Finding[] {
  return problems.map((p) => finding('plist-structure', 'error', p.path, p.message));
}

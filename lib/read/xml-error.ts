/**
 * What is wrong with malformed XML, in words that quote none of it. fast-xml-parser's messages
 * quote the text they stopped at (`Tag 'string:sk-live-…</string' is an invalid name`), so one
 * damaged `>` beside a secret would print the secret; the validator's message for unclosed
 * elements lists every open tag (megabytes for a hostile file). Here each error is told by its
 * code and the fixed part of the library's wording, with its line and column only.
 */
/** The error `XMLValidator.validate` returns (its `err`). */
export interface XmlValidatorError {
  readonly code: string;
  readonly msg: string;
  readonly line: number;
  readonly col?: number;
}

/** The reason of an InvalidTag, InvalidAttr, InvalidChar or InvalidXml error, by the fixed start or end of the library's message. */
const REASONS: readonly { readonly code: string; readonly test: RegExp; readonly reason: string }[] = [
  { code: 'InvalidTag', test: /^Invalid space after '<'/, reason: "a '<' is followed by a space instead of a tag name" },
  { code: 'InvalidTag', test: /is an invalid name\.$/, reason: "a tag name is malformed (a damaged or missing '>'?)" },
  { code: 'InvalidTag', test: /doesn't have proper closing\.$/, reason: "a closing tag does not end with '>'" },
  { code: 'InvalidTag', test: /can't have attributes or invalid starting\.$/, reason: "a closing tag holds more than its name (a damaged or missing '>'?)" },
  { code: 'InvalidTag', test: /has not been opened\.$/, reason: 'a closing tag has no opening tag' },
  { code: 'InvalidTag', test: /^Unclosed tag /, reason: 'an element is never closed (is the file cut short?)' },
  { code: 'InvalidAttr', test: /have open quote\.$/, reason: 'an attribute value in a tag has no closing quote' },
  { code: 'InvalidAttr', test: /is repeated\.$/, reason: 'a tag repeats an attribute' },
  { code: 'InvalidAttr', test: /./, reason: "a tag holds text that is not name=\"value\" attributes (a damaged or missing '>'?)" },
  { code: 'InvalidChar', test: /^char '&'/, reason: "an '&' starts no entity or character reference (write &amp;)" },
  { code: 'InvalidChar', test: /./, reason: 'text outside the root element' },
  { code: 'InvalidXml', test: /^Multiple possible root nodes/, reason: 'more than one root element' },
  { code: 'InvalidXml', test: /^Extra text at the end/, reason: 'text after the root element' },
  { code: 'InvalidXml', test: /^Start tag expected/, reason: 'no element at all' },
  { code: 'InvalidXml', test: /^XML declaration allowed only at the start/, reason: 'the <?xml …?> declaration is not at the start of the file' },
];

/**
 * The validator's error as `reason (line L, column C)`, quoting nothing of the text. `text` is the
 * document validated: the one error the validator places at line 1 (several unclosed elements) is
 * placed at the root element instead, with how many are open.
 */
export function describeXmlError(err: XmlValidatorError, text: string): string {
  const at = (line: number, col: number | undefined) => `line ${line}${col === undefined ? '' : `, column ${col}`}`;
  const expected = /^Expected closing tag '[^]*' \(opened in line (\d+), col (\d+)\) instead of closing tag '[^]*'\.$/.exec(err.msg);
  if (err.code === 'InvalidTag' && expected) return `a closing tag does not match the element opened at line ${expected[1]}, column ${expected[2]} (${at(err.line, err.col)})`;
  const unclosed = /^Invalid '(\[[^]*\])' found\.$/.exec(err.msg);
  if (err.code === 'InvalidXml' && unclosed) {
    const root = rootPosition(text);
    return `${openCount(unclosed[1] as string)} elements are never closed (is the file cut short?); the outermost is the root element${root ? ` at ${at(root.line, root.col)}` : ''}`;
  }
  const known = REASONS.find((r) => r.code === err.code && r.test.test(err.msg));
  return `${known?.reason ?? 'the XML is malformed'} (${at(err.line, err.col)})`;
}

/** How many tag names the validator's list of open tags holds (names are XML names: no quotes or commas). */
function openCount(list: string): number {
  return (list.match(/"/g)?.length ?? 0) / 2;
}

/** Where the first element starts, after the prolog (declaration, comments, DOCTYPE). */
function rootPosition(text: string): { line: number; col: number } | undefined {
  const prolog = /^(?:\s+|<\?[^]*?\?>|<!--[^]*?-->|<!DOCTYPE[^[>]*(?:\[[^]*?\])?\s*>)*/.exec(text)?.[0] ?? '';
  if (text[prolog.length] !== '<') return undefined;
  const before = text.slice(0, prolog.length).split('\n');
  return { line: before.length, col: (before[before.length - 1] as string).length + 1 };
}

/**
 * Why `XMLParser.parse` threw, quoting nothing: its messages quote entity and tag names and the
 * text around the failure. The DOCTYPE and entity errors are told apart by their fixed words.
 */
export function describeXmlParseFailure(e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  if (/external entit/i.test(msg)) return 'the DOCTYPE declares an external entity, which is never read';
  if (/parameter entit/i.test(msg)) return 'the DOCTYPE declares a parameter entity, which is never read';
  if (/entit/i.test(msg)) return 'an entity in the DOCTYPE is malformed, refused or expands past the limits';
  if (/DOCTYPE|notation|element|attribute|content model/i.test(msg)) return 'the DOCTYPE cannot be read';
  if (/nested/i.test(msg)) return 'the elements nest too deeply';
  return 'the XML cannot be read';
}

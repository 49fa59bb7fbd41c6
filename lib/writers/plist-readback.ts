/**
 * A strict reader of the XML property lists our writers emit, for their read-back self-checks.
 *
 * It reads XML as an XML 1.0 parser does (entity and character references, CR/CRLF line ends
 * normalised to LF, `]]>` refused in text) but only the plist vocabulary, with no comments,
 * CDATA, processing instructions or internal DTD subset: our writers never emit those, so
 * meeting one means the writer is broken. It is about twenty times faster than the `plist`
 * package (xmldom), which is why the writers use it; the independent proof that Apple's parser
 * reads our files is in the tests (Python's plistlib).
 *
 * Unlike xmldom it does not treat U+0085, U+2028 or U+2029 as line ends (XML 1.1 does; plists
 * are XML 1.0), so values holding them read back unchanged.
 *
 * Two modes over one reader: {@link readPlist} builds the values; {@link readPlistTokens} reports
 * them one token at a time (dict and array starts and ends, keys, scalars) to a handler, for a
 * self-check that compares each with what it meant to write without building objects.
 */

/** A plist value: dict → object (own properties only), array, string, integer/real → number, Date, data → Buffer, boolean. */
export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | { [key: string]: PlistValue };

/** Thrown for text that is not a plist in the vocabulary this reader accepts; `offset` is where. */
export class PlistSyntaxError extends Error {
  constructor(
    detail: string,
    readonly offset: number,
  ) {
    super(`${detail} at offset ${offset}`);
    this.name = 'PlistSyntaxError';
  }
}

const MAX_DEPTH = 32;
const XML_DECL = /<\?xml[ \t\r\n][^?]*\?>/y;
const DOCTYPE = /<!DOCTYPE[ \t\r\n]+plist[^>[]*>/y;
const PLIST_OPEN = /<plist(?:[ \t\r\n]+version="1\.0")?[ \t\r\n]*>/y;
// What our writers emit, each a text its pattern above matches whole.
const USUAL_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const USUAL_DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">';
const USUAL_PLIST_OPEN = '<plist version="1.0">';
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const INTEGER = /^[+-]?[0-9]+$/;
const REAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;

/**
 * What a streaming read reports, in document order: the start and end of each `<dict>` and
 * `<array>`, each `<key>`, and each scalar. {@link readPlistTokens} guarantees the sequence is
 * well formed (a dict holds key, value, key, value… and its end; containers nest and close in
 * order); it does not look for duplicate keys, which is the consumer's business ({@link readPlist}
 * refuses them; a consumer comparing with an expected duplicate-free sequence refuses them by
 * construction).
 */
export const PLIST_DICT = 0;
export const PLIST_END_DICT = 1;
export const PLIST_ARRAY = 2;
export const PLIST_END_ARRAY = 3;
/** A dict key; the value is the decoded key text. */
export const PLIST_KEY = 4;
/** `<string>`: the decoded text. */
export const PLIST_STRING = 5;
/** `<integer>`: a number. */
export const PLIST_INTEGER = 6;
/** `<real>`: a number. */
export const PLIST_REAL = 7;
/** `<true/>` and `<false/>`: the boolean. */
export const PLIST_TRUE = 8;
export const PLIST_FALSE = 9;
/** `<date>`: a Date. */
export const PLIST_DATE = 10;
/** `<data>`: a Buffer. */
export const PLIST_DATA = 11;

/** The value a token carries: `undefined` for the start and end of containers. */
export type PlistTokenValue = string | number | boolean | Date | Buffer | undefined;

/**
 * Receives the tokens of a streaming read: `kind` is one of the `PLIST_*` constants, `offset`
 * where its tag starts. Throwing stops the read (the error propagates unchanged).
 */
export type PlistTokenHandler = (kind: number, value: PlistTokenValue, offset: number) => void;

/** Reads a whole plist document (optional XML declaration and DOCTYPE, one `<plist>`). */
export function readPlist(xml: string): PlistValue {
  const b = new Builder();
  readPlistTokens(xml, (kind, value, offset) => b.token(kind, value, offset));
  return b.root as PlistValue;
}

/** Reads the inside of a `<dict>`: `<key>`/value pairs to the end of `text` (Intune's preference-file fragment). */
export function readPlistDictBody(text: string): Record<string, PlistValue> {
  const b = new Builder();
  b.token(PLIST_DICT, undefined, 0);
  readPlistDictBodyTokens(text, (kind, value, offset) => b.token(kind, value, offset));
  b.token(PLIST_END_DICT, undefined, text.length);
  return b.root as Record<string, PlistValue>;
}

/**
 * Reads a whole plist document as {@link readPlist} does (same syntax, same refusals except
 * duplicate keys, see {@link PLIST_DICT}), reporting each token to `onToken` instead of building
 * values: a writer's self-check compares them with what it meant to write without making objects.
 */
export function readPlistTokens(xml: string, onToken: PlistTokenHandler): void {
  const r = new Reader(xml, onToken);
  // The exact prolog our writers emit is matched directly; the patterns accept the other forms.
  r.ws();
  if (!r.skipExact(USUAL_XML_DECL)) r.skip(XML_DECL);
  r.ws();
  if (!r.skipExact(USUAL_DOCTYPE)) r.skip(DOCTYPE);
  r.ws();
  if (!r.skipExact(USUAL_PLIST_OPEN) && !r.skip(PLIST_OPEN)) throw new PlistSyntaxError('expected <plist version="1.0">', r.pos);
  r.read(false);
  r.ws();
  r.close(E_PLIST);
  r.ws();
  if (r.pos !== xml.length) throw new PlistSyntaxError('text after </plist>', r.pos);
}

/** The tokens of a dict body (see {@link readPlistDictBody}), without a dict start or end. */
export function readPlistDictBodyTokens(text: string, onToken: PlistTokenHandler): void {
  new Reader(text, onToken).read(true);
}

// Element codes: the tag names this reader knows.
const E_KEY = 0;
const E_DICT = 1;
const E_ARRAY = 2;
const E_STRING = 3;
const E_INTEGER = 4;
const E_REAL = 5;
const E_DATE = 6;
const E_DATA = 7;
const E_TRUE = 8;
const E_FALSE = 9;
const E_PLIST = 10;
const E_UNKNOWN = -1;
const NAMES = ['key', 'dict', 'array', 'string', 'integer', 'real', 'date', 'data', 'true', 'false', 'plist'];
const CLOSE_TAGS = NAMES.map((n) => `</${n}>`);

/** The element code of the lowercase name `t[start, start + length)`, without making a string. */
function elementCode(t: string, start: number, length: number): number {
  switch (length) {
    case 3:
      return t.startsWith('key', start) ? E_KEY : E_UNKNOWN;
    case 4:
      switch (t.charCodeAt(start)) {
        case 0x64: // d
          return t.startsWith('dict', start) ? E_DICT : t.startsWith('date', start) ? E_DATE : t.startsWith('data', start) ? E_DATA : E_UNKNOWN;
        case 0x72: // r
          return t.startsWith('real', start) ? E_REAL : E_UNKNOWN;
        case 0x74: // t
          return t.startsWith('true', start) ? E_TRUE : E_UNKNOWN;
        default:
          return E_UNKNOWN;
      }
    case 5:
      return t.startsWith('array', start) ? E_ARRAY : t.startsWith('false', start) ? E_FALSE : t.startsWith('plist', start) ? E_PLIST : E_UNKNOWN;
    case 6:
      return t.startsWith('string', start) ? E_STRING : E_UNKNOWN;
    case 7:
      return t.startsWith('integer', start) ? E_INTEGER : E_UNKNOWN;
    default:
      return E_UNKNOWN;
  }
}

/** Whether `t` holds `literal` at `pos`: startsWith, but a slice compared whole is about twice as fast. */
function has(t: string, pos: number, literal: string): boolean {
  return t.slice(pos, pos + literal.length) === literal;
}

class Reader {
  pos = 0;
  // The last tag scanned by tag(): whether it closes (`</x>`) or is empty (`<x/>`), its name's span.
  private closing = false;
  private empty = false;
  private nameStart = 0;
  private nameEnd = 0;
  // Where the next `&`, CR and `]]>` are at or after the last text read (-1: none left; -2: not searched yet).
  private nextAmp = -2;
  private nextCr = -2;
  private nextCdataEnd = -2;

  constructor(
    private readonly text: string,
    private readonly emit: PlistTokenHandler,
  ) {}

  skipExact(text: string): boolean {
    if (!has(this.text, this.pos, text)) return false;
    this.pos += text.length;
    return true;
  }

  skip(re: RegExp): boolean {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m || m[0] === '') return false;
    this.pos += m[0].length;
    return true;
  }

  /** Skips XML white space (space, TAB, CR, LF). */
  ws(): void {
    const t = this.text;
    let i = this.pos;
    for (let c = t.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = t.charCodeAt(++i));
    this.pos = i;
  }

  /**
   * Scans the tag at `pos` and returns its element code; `closing`, `empty` and the name's span
   * describe it. Hand-scanned, no allocation: this is the hot loop.
   */
  tag(): number {
    const t = this.text;
    const at = this.pos;
    if (t.charCodeAt(at) !== 0x3c) throw new PlistSyntaxError(at >= t.length ? 'unexpected end' : 'expected a plist tag', at);
    let i = at + 1;
    const closing = t.charCodeAt(i) === 0x2f;
    if (closing) i++;
    const nameStart = i;
    for (let c = t.charCodeAt(i); c >= 0x61 && c <= 0x7a; c = t.charCodeAt(++i));
    if (i === nameStart) throw new PlistSyntaxError('expected a plist tag', at);
    const nameEnd = i;
    for (let c = t.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = t.charCodeAt(++i));
    const empty = t.charCodeAt(i) === 0x2f;
    if (empty) i++;
    if (t.charCodeAt(i) !== 0x3e || (closing && empty)) throw new PlistSyntaxError('malformed tag', at);
    this.pos = i + 1;
    this.closing = closing;
    this.empty = empty;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    return elementCode(t, nameStart, nameEnd - nameStart);
  }

  /** The name of the last tag scanned, for messages. */
  private tagName(): string {
    return this.text.slice(this.nameStart, this.nameEnd);
  }

  close(code: number): void {
    // Fast path for the exact form writers emit; anything else goes through the full tag scan.
    const closer = CLOSE_TAGS[code]!;
    if (has(this.text, this.pos, closer)) {
      this.pos += closer.length;
      return;
    }
    const at = this.pos;
    const got = this.tag();
    if (!this.closing || got !== code) throw new PlistSyntaxError(`expected ${closer}`, at);
  }

  /** Character data up to the next `<`, decoded. */
  textUntilTag(): string {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf('<', start);
    if (end === -1) throw new PlistSyntaxError('unexpected end in text', start);
    this.pos = end;
    const raw = t.slice(start, end);
    // Most text has no reference, CR or `]]>`: where the next of each is (searched again only
    // once the read has passed it) says so without scanning every text three times.
    let amp = this.nextAmp;
    if (amp !== -1 && amp < start) this.nextAmp = amp = t.indexOf('&', start);
    let cr = this.nextCr;
    if (cr !== -1 && cr < start) this.nextCr = cr = t.indexOf('\r', start);
    let cdataEnd = this.nextCdataEnd;
    if (cdataEnd !== -1 && cdataEnd < start) this.nextCdataEnd = cdataEnd = t.indexOf(']]>', start);
    // A `]]>` starting before `end` lies inside the text (it holds no `<`).
    if ((amp === -1 || amp >= end) && (cr === -1 || cr >= end) && (cdataEnd === -1 || cdataEnd >= end)) return raw;
    return decodeText(raw, start);
  }

  /**
   * Reads one value and everything inside it, or (`fragment`) dict entries to the end of the
   * text. One loop with an explicit stack of open containers rather than recursion, the
   * writers' usual forms (`<key>`, `<string>`, the closing tags) matched inline: this is the hot
   * path of every self-check.
   */
  read(fragment: boolean): void {
    const t = this.text;
    const emit = this.emit;
    // Open containers, innermost last: E_DICT or E_ARRAY. A fragment reads inside an implicit dict.
    const open: number[] = fragment ? [E_DICT] : [];
    // In a dict, whether a key comes next (else its value).
    let wantKey = fragment;
    let pos = this.pos;
    for (;;) {
      let c = t.charCodeAt(pos);
      while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = t.charCodeAt(++pos);
      const at = pos;
      const depth = open.length;
      const inner = depth === 0 ? -1 : open[depth - 1]!;
      if (fragment && depth === 1 && wantKey && pos === t.length) {
        this.pos = pos;
        return;
      }
      if (c === 0x3c && t.charCodeAt(pos + 1) === 0x2f && !(fragment && depth === 1)) {
        // A closing tag ends the innermost container (a dict only where a key could come).
        if (inner === E_DICT && wantKey && has(t, pos, '</dict>')) {
          pos += 7;
          emit(PLIST_END_DICT, undefined, at);
        } else if (inner === E_ARRAY && has(t, pos, '</array>')) {
          pos += 8;
          emit(PLIST_END_ARRAY, undefined, at);
        } else {
          this.pos = pos;
          this.tag();
          throw new PlistSyntaxError(inner === E_DICT && !wantKey ? 'expected a value' : inner === E_DICT ? 'expected <key>' : `unexpected </${this.tagName()}>`, at);
        }
        open.pop();
        if (depth === 1) {
          this.pos = pos;
          return;
        }
        wantKey = open[depth - 2] === E_DICT;
        continue;
      }
      if (wantKey) {
        let key = '';
        if (has(t, pos, '<key>')) {
          pos += 5;
          this.pos = pos;
          key = this.textUntilTag();
          this.close(E_KEY);
        } else {
          this.pos = pos;
          const code = this.tag();
          if (code !== E_KEY || this.closing) throw new PlistSyntaxError('expected <key>', at);
          if (!this.empty) {
            key = this.textUntilTag();
            this.close(E_KEY);
          }
        }
        pos = this.pos;
        emit(PLIST_KEY, key, at);
        wantKey = false;
        continue;
      }
      // A value: of the document, of an array, or of the key just read.
      if (depth > MAX_DEPTH) throw new PlistSyntaxError('nested too deeply', at);
      this.pos = pos;
      if (has(t, pos, '<string>')) {
        this.pos = pos + 8;
        const text = this.textUntilTag();
        this.close(E_STRING);
        emit(PLIST_STRING, text, at);
      } else {
        const code = this.tag();
        if (this.closing) throw new PlistSyntaxError(`unexpected </${this.tagName()}>`, at);
        switch (code) {
          case E_DICT:
          case E_ARRAY:
            emit(code === E_DICT ? PLIST_DICT : PLIST_ARRAY, undefined, at);
            if (!this.empty) {
              open.push(code);
              wantKey = code === E_DICT;
              pos = this.pos;
              continue;
            }
            emit(code === E_DICT ? PLIST_END_DICT : PLIST_END_ARRAY, undefined, at);
            break;
          case E_TRUE:
          case E_FALSE:
            if (!this.empty) this.close(code);
            if (code === E_TRUE) emit(PLIST_TRUE, true, at);
            else emit(PLIST_FALSE, false, at);
            break;
          case E_STRING:
          case E_INTEGER:
          case E_REAL:
          case E_DATE:
          case E_DATA: {
            let raw = '';
            if (!this.empty) {
              raw = this.textUntilTag();
              this.close(code);
            }
            emit(TOKEN_OF[code]!, code === E_STRING ? raw : scalar(code, raw, at), at);
            break;
          }
          default:
            throw new PlistSyntaxError(`<${this.tagName()}> is not a plist element`, at);
        }
      }
      pos = this.pos;
      if (depth === 0) return;
      wantKey = inner === E_DICT;
    }
  }
}

// The token of each scalar element.
const TOKEN_OF: readonly number[] = [PLIST_KEY, PLIST_DICT, PLIST_ARRAY, PLIST_STRING, PLIST_INTEGER, PLIST_REAL, PLIST_DATE, PLIST_DATA, PLIST_TRUE, PLIST_FALSE];

/** A dict being built: its entries so far and the key waiting for its value. */
interface DictFrame {
  entries: [string, PlistValue][];
  keys: Set<string>;
  key: string;
}

/** Builds values from tokens (the tokens are well formed: {@link Reader} guarantees it). */
class Builder {
  root: PlistValue | undefined;
  private readonly stack: (PlistValue[] | DictFrame)[] = [];

  token(kind: number, value: PlistTokenValue, offset: number): void {
    switch (kind) {
      case PLIST_DICT:
        this.stack.push({ entries: [], keys: new Set(), key: '' });
        return;
      case PLIST_ARRAY:
        this.stack.push([]);
        return;
      case PLIST_END_DICT:
        // fromEntries defines own properties, so even a key named __proto__ stays a key.
        this.add(Object.fromEntries((this.stack.pop() as DictFrame).entries));
        return;
      case PLIST_END_ARRAY:
        this.add(this.stack.pop() as PlistValue[]);
        return;
      case PLIST_KEY: {
        const frame = this.stack[this.stack.length - 1] as DictFrame;
        const key = value as string;
        if (frame.keys.has(key)) throw new PlistSyntaxError(`duplicate key ${key}`, offset);
        frame.keys.add(key);
        frame.key = key;
        return;
      }
      default:
        this.add(value as PlistValue);
    }
  }

  private add(value: PlistValue): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) this.root = value;
    else if (Array.isArray(top)) top.push(value);
    else top.entries.push([top.key, value]);
  }
}

function scalar(code: number, text: string, at: number): number | Date | Buffer {
  switch (code) {
    case E_INTEGER:
      if (!INTEGER.test(text.trim())) throw new PlistSyntaxError('<integer> is not an integer', at);
      return Number(text.trim());
    case E_REAL:
      if (!REAL.test(text.trim())) throw new PlistSyntaxError('<real> is not a number', at);
      return Number(text.trim());
    case E_DATE:
      if (!DATE.test(text.trim())) throw new PlistSyntaxError('<date> is not YYYY-MM-DDTHH:MM:SSZ', at);
      return new Date(text.trim());
    default:
      return Buffer.from(text.replace(/[ \t\r\n]/g, ''), 'base64');
  }
}

/** XML 1.0 character data: line ends normalised, references decoded, a bare `&` or `]]>` refused. */
function decodeText(raw: string, at: number): string {
  if (raw.includes(']]>')) throw new PlistSyntaxError(']]> in text', at);
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  text = text.replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name] as string;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    if (cp > 0x10ffff) throw new PlistSyntaxError('character reference out of range', at);
    return String.fromCodePoint(cp);
  });
  // Every reference was replaced above; an `&` left over came from a reference, which is fine,
  // but a bare one in the raw text is not.
  if (/&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/.test(raw)) throw new PlistSyntaxError('bare & in text', at);
  return text;
}

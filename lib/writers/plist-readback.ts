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
const WS = /[ \t\r\n]*/y;
const XML_DECL = /<\?xml[ \t\r\n][^?]*\?>/y;
const DOCTYPE = /<!DOCTYPE[ \t\r\n]+plist[^>[]*>/y;
const PLIST_OPEN = /<plist(?:[ \t\r\n]+version="1\.0")?[ \t\r\n]*>/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CLOSERS: Record<string, string> = { key: '</key>', string: '</string>', integer: '</integer>', real: '</real>', date: '</date>', data: '</data>', true: '</true>', false: '</false>' };
const INTEGER = /^[+-]?[0-9]+$/;
const REAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;

/** Reads a whole plist document (optional XML declaration and DOCTYPE, one `<plist>`). */
export function readPlist(xml: string): PlistValue {
  const r = new Reader(xml);
  r.skip(WS);
  r.skip(XML_DECL);
  r.skip(WS);
  r.skip(DOCTYPE);
  r.skip(WS);
  if (!r.skip(PLIST_OPEN)) throw new PlistSyntaxError('expected <plist version="1.0">', r.pos);
  const value = r.value(0);
  r.skip(WS);
  r.close('plist');
  r.skip(WS);
  if (r.pos !== xml.length) throw new PlistSyntaxError('text after </plist>', r.pos);
  return value;
}

/** Reads the inside of a `<dict>`: `<key>`/value pairs to the end of `text` (Intune's preference-file fragment). */
export function readPlistDictBody(text: string): Record<string, PlistValue> {
  const r = new Reader(text);
  return r.dictBody(0, true);
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

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

  /** The next tag: its name, whether it closes (`</x>`) or is empty (`<x/>`). Hand-scanned: this is the hot loop. */
  tag(): { name: string; closing: boolean; empty: boolean; at: number } {
    const t = this.text;
    const at = this.pos;
    if (t.charCodeAt(at) !== 0x3c) throw new PlistSyntaxError(at >= t.length ? 'unexpected end' : 'expected a plist tag', at);
    let i = at + 1;
    const closing = t.charCodeAt(i) === 0x2f;
    if (closing) i++;
    const nameStart = i;
    for (let c = t.charCodeAt(i); c >= 0x61 && c <= 0x7a; c = t.charCodeAt(++i));
    if (i === nameStart) throw new PlistSyntaxError('expected a plist tag', at);
    const name = t.slice(nameStart, i);
    for (let c = t.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = t.charCodeAt(++i));
    const empty = t.charCodeAt(i) === 0x2f;
    if (empty) i++;
    if (t.charCodeAt(i) !== 0x3e || (closing && empty)) throw new PlistSyntaxError('malformed tag', at);
    this.pos = i + 1;
    return { name, closing, empty, at };
  }

  close(name: string): void {
    // Fast path for the exact form writers emit; anything else goes through the full tag scan.
    const closer = CLOSERS[name];
    if (closer !== undefined && this.text.startsWith(closer, this.pos)) {
      this.pos += closer.length;
      return;
    }
    const t = this.tag();
    if (!t.closing || t.name !== name) throw new PlistSyntaxError(`expected </${name}>`, t.at);
  }

  /** Character data up to the next `<`, decoded. */
  textUntilTag(): string {
    const start = this.pos;
    const end = this.text.indexOf('<', start);
    if (end === -1) throw new PlistSyntaxError('unexpected end in text', start);
    this.pos = end;
    return decodeText(this.text.slice(start, end), start);
  }

  value(depth: number): PlistValue {
    if (depth > MAX_DEPTH) throw new PlistSyntaxError('nested too deeply', this.pos);
    this.ws();
    const t = this.tag();
    if (t.closing) throw new PlistSyntaxError(`unexpected </${t.name}>`, t.at);
    switch (t.name) {
      case 'dict':
        return t.empty ? {} : this.dictBody(depth + 1, false);
      case 'array': {
        const items: PlistValue[] = [];
        if (t.empty) return items;
        for (;;) {
          this.ws();
          if (this.text.startsWith('</array>', this.pos)) {
            this.pos += 8;
            return items;
          }
          items.push(this.value(depth + 1));
        }
      }
      case 'true':
      case 'false':
        if (!t.empty) this.close(t.name);
        return t.name === 'true';
      case 'string':
      case 'integer':
      case 'real':
      case 'date':
      case 'data': {
        const raw = t.empty ? '' : this.textUntilTag();
        if (!t.empty) this.close(t.name);
        return scalar(t.name, raw, t.at);
      }
      default:
        throw new PlistSyntaxError(`<${t.name}> is not a plist element`, t.at);
    }
  }

  /** `<key>`/value pairs up to `</dict>` (or the end of the text for a fragment). */
  dictBody(depth: number, toEnd: boolean): Record<string, PlistValue> {
    const entries: [string, PlistValue][] = [];
    const keys = new Set<string>();
    for (;;) {
      this.ws();
      if ((toEnd && this.pos === this.text.length) || (!toEnd && this.text.startsWith('</dict>', this.pos))) {
        if (!toEnd) this.pos += 7;
        // fromEntries defines own properties, so even a key named __proto__ stays a key.
        return Object.fromEntries(entries);
      }
      const at = this.pos;
      let key: string;
      if (this.text.startsWith('<key>', at)) {
        this.pos += 5;
        key = this.textUntilTag();
        this.close('key');
      } else {
        const t = this.tag();
        if (t.name !== 'key' || t.closing) throw new PlistSyntaxError('expected <key>', t.at);
        key = t.empty ? '' : this.textUntilTag();
        if (!t.empty) this.close('key');
      }
      if (keys.has(key)) throw new PlistSyntaxError(`duplicate key ${key}`, at);
      keys.add(key);
      entries.push([key, this.value(depth)]);
    }
  }
}

function scalar(kind: string, text: string, at: number): PlistValue {
  switch (kind) {
    case 'string':
      return text;
    case 'integer':
      if (!INTEGER.test(text.trim())) throw new PlistSyntaxError('<integer> is not an integer', at);
      return Number(text.trim());
    case 'real':
      if (!REAL.test(text.trim())) throw new PlistSyntaxError('<real> is not a number', at);
      return Number(text.trim());
    case 'date':
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

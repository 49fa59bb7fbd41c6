/**
 * A strict reader of the `.reg` files our writer emits, for its read-back self-check: UTF-16LE
 * with BOM, CRLF, the regedit 5.00 header, one key block, then only `"name"="data"` (REG_SZ) or
 * `"name"=-` lines, unescaping `\\` and `\"` as regedit does. Anything else (another encoding,
 * a second key, a hex or dword value, a stray character) is an error: our writer never emits it.
 *
 * The general reader `lib/read/reg.ts` accepts every form admins write and reports findings;
 * this one is a fraction of its cost. The independent proof that regedit's format is right is in
 * the tests (hivexregedit imports every file).
 */

/** One value line: the name and either its data or `undefined` for a deletion (`=-`). */
export interface RegLine {
  readonly name: string;
  readonly data: string | undefined;
}

/** What a strict read gives: the key path of the one block and its value lines, in order. */
export interface StrictRegFile {
  readonly keyPath: string;
  readonly values: readonly RegLine[];
}

/** Thrown for a `.reg` outside the strict form; `line` is 1-based. */
export class RegSyntaxError extends Error {
  constructor(
    detail: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'RegSyntaxError';
  }
}

const HEADER = 'Windows Registry Editor Version 5.00';
const KEY_LINE = /^\[([^\]\r\n]+)\]$/;

/** Reads a `.reg` file in the strict form; throws {@link RegSyntaxError}. */
export function readStrictReg(bytes: Buffer): StrictRegFile {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xfe || bytes.length % 2 !== 0) throw new RegSyntaxError('not UTF-16LE with a byte-order mark', 1);
  const text = bytes.toString('utf16le', 2);
  if (!text.endsWith('\r\n')) throw new RegSyntaxError('the file does not end with CRLF', 1);
  const lines = text.slice(0, -2).split('\r\n');
  if (lines.some((l) => l.includes('\n') || l.includes('\r'))) throw new RegSyntaxError('a line end other than CRLF', 1);
  if (lines[0] !== HEADER) throw new RegSyntaxError(`the first line is not "${HEADER}"`, 1);
  if (lines[1] !== '') throw new RegSyntaxError('no blank line after the header', 2);
  const key = KEY_LINE.exec(lines[2] ?? '');
  if (!key) throw new RegSyntaxError('expected one [key] line', 3);
  // regedit needs a blank line (or the end) after the last value.
  if (lines[lines.length - 1] !== '') throw new RegSyntaxError('the file does not end with a blank line', lines.length);
  const values: RegLine[] = [];
  for (let i = 3; i < lines.length - 1; i++) {
    const line = valueLine(lines[i] as string);
    if (!line) throw new RegSyntaxError('not a "name"="data" or "name"=- line', i + 1);
    values.push(line);
  }
  return { keyPath: key[1] as string, values };
}

/**
 * One `"name"="data"` or `"name"=-` line, or `undefined` when the line is neither. A quoted
 * string holds anything but `"` and `\`, or a backslash escape of either. Scanned by hand, not
 * by a regular expression: a backtracking pattern over a repeated group overflows the stack on
 * a value of a few million characters.
 */
function valueLine(line: string): RegLine | undefined {
  const name = quoted(line, 0);
  if (!name || line[name.end] !== '=') return undefined;
  if (line.length === name.end + 2 && line[name.end + 1] === '-') return { name: name.text, data: undefined };
  const data = quoted(line, name.end + 1);
  if (!data || data.end !== line.length) return undefined;
  return { name: name.text, data: data.text };
}

/** The quoted string starting at `start`, unescaped, and the index after its closing quote. */
function quoted(line: string, start: number): { text: string; end: number } | undefined {
  if (line[start] !== '"') return undefined;
  let text = '';
  let from = start + 1;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === '"') return { text: text + line.slice(from, i), end: i + 1 };
    if (c === '\\') {
      const next = line[i + 1];
      if (next !== '"' && next !== '\\') return undefined;
      text += line.slice(from, i) + next;
      i++;
      from = i + 1;
    }
  }
  return undefined;
}

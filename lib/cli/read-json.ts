import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSyntaxError, lineColumn } from '../encode/json-syntax';
import { finding, type Finding } from '../validate/findings';
import { UsageError } from './io';

/** Profiles larger than this are refused before parsing (a profile is a few KB). */
export const MAX_PROFILE_BYTES = 5 * 1024 * 1024;

/** Reads a file for a verb; unreadable → UsageError (exit 2). */
export function readInputFile(cwd: string, file: string, maxBytes = MAX_PROFILE_BYTES): Buffer {
  const full = resolve(cwd, file);
  let size: number;
  try {
    const st = statSync(full);
    if (!st.isFile()) throw new UsageError(`${file}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size > maxBytes) throw new UsageError(`${file}: ${size} bytes is too large (at most ${maxBytes})`);
  return readFileSync(full);
}

/** Parses JSON text, reporting a syntax error with line and column. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; finding: Finding } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    // V8's message quotes the file's text (perhaps a secret): locate the error ourselves instead.
    const err = jsonSyntaxError(body);
    const at = err ? lineColumn(body, err.offset) : undefined;
    const where = at ? `line ${at.line}, column ${at.column}` : '(root)';
    return { ok: false, finding: finding('invalid-json', 'error', where, `not valid JSON: expected ${err?.expected ?? 'valid JSON'}`, 'check for a missing comma, quote or brace') };
  }
}

/** Decodes file bytes as UTF-8, refusing other encodings with a finding. */
export function decodeUtf8(bytes: Buffer): { ok: true; text: string } | { ok: false; finding: Finding } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, finding: finding('wrong-encoding', 'error', '(file)', 'the file is UTF-16; profiles must be UTF-8', 'save the file as UTF-8') };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD'))) {
    return { ok: false, finding: finding('wrong-encoding', 'error', '(file)', 'the file is not valid UTF-8', 'save the file as UTF-8') };
  }
  return { ok: true, text };
}

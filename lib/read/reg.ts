/**
 * Reader for regedit `.reg` files (version 5.00 and REGEDIT4): finds the Claude policy values
 * (`SOFTWARE\Policies\Claude` under HKLM or HKCU), with their registry type and line, and reports
 * what Claude Desktop would not read (subkeys, other keys, the default value), deletions and
 * malformed lines as findings. It decodes; it does not lint values against the catalogue.
 */
import { findKey, findLegacyName, WINDOWS_POLICY_KEY } from '../catalog';
import { clip, clipName } from '../escape/clip';
import type { ProfileScope } from '../profile/types';
import { finding, type Finding } from '../validate/findings';
import { describeIgnored, splitByScope, type ReadEntry, type ReadResult } from './types';
import { utf16beText } from './utf16';

/** How the file's bytes were decoded. */
export type RegEncoding = 'utf-16le-bom' | 'utf-16le-no-bom' | 'utf-16be-bom' | 'utf-8-bom' | 'utf-8' | 'latin1';

/** A `"name"=-` line under the Claude policy key. */
export interface RegDeletion {
  /** The value name as written (may be unknown or a legacy name). */
  readonly key: string;
  /** Where in the file: `line 7` (1-based). */
  readonly location: string;
}

/** {@link ReadResult} plus what only a `.reg` file can say: deletions and the byte encoding. */
export interface RegReadResult extends ReadResult {
  /** Always `reg`. */
  readonly kind: 'reg';
  /** How the bytes were decoded, told by the BOM or the content; regedit writes `utf-16le-bom`, and a `reg-encoding` finding says when another one matters. */
  readonly encoding: RegEncoding;
  /** Claude values the file deletes (`"name"=-`), in file order. */
  readonly deletedValues: readonly RegDeletion[];
  /** Whether the file deletes the whole Claude policy key (or an ancestor of it). */
  readonly deletesPolicyKey: boolean;
}

const HIVES: Record<string, { full: string; scope?: ProfileScope; abbreviation?: boolean }> = {
  HKEY_LOCAL_MACHINE: { full: 'HKEY_LOCAL_MACHINE', scope: 'machine' },
  HKEY_CURRENT_USER: { full: 'HKEY_CURRENT_USER', scope: 'user' },
  HKEY_USERS: { full: 'HKEY_USERS' },
  HKEY_CLASSES_ROOT: { full: 'HKEY_CLASSES_ROOT' },
  HKEY_CURRENT_CONFIG: { full: 'HKEY_CURRENT_CONFIG' },
  HKLM: { full: 'HKEY_LOCAL_MACHINE', scope: 'machine', abbreviation: true },
  HKCU: { full: 'HKEY_CURRENT_USER', scope: 'user', abbreviation: true },
  HKU: { full: 'HKEY_USERS', abbreviation: true },
  HKCR: { full: 'HKEY_CLASSES_ROOT', abbreviation: true },
  HKCC: { full: 'HKEY_CURRENT_CONFIG', abbreviation: true },
};

const TYPE_NAMES: Record<number, string> = {
  0: 'REG_NONE',
  1: 'REG_SZ',
  2: 'REG_EXPAND_SZ',
  3: 'REG_BINARY',
  4: 'REG_DWORD',
  5: 'REG_DWORD_BIG_ENDIAN',
  6: 'REG_LINK',
  7: 'REG_MULTI_SZ',
  8: 'REG_RESOURCE_LIST',
  9: 'REG_FULL_RESOURCE_DESCRIPTOR',
  10: 'REG_RESOURCE_REQUIREMENTS_LIST',
  11: 'REG_QWORD',
};

const POLICY_PATH = WINDOWS_POLICY_KEY.toLowerCase();

/** Registry types whose presence under HKLM counts as machine policy (the app then ignores HKCU). */
const MACHINE_POLICY_TYPES = new Set(['REG_SZ', 'REG_DWORD', 'REG_EXPAND_SZ']);

interface Block {
  readonly hive?: { full: string; scope?: ProfileScope };
  /** Path below the hive, as written. */
  readonly path: string;
  /** `claude` = the policy key itself; `subkey` = below it; `other` = anywhere else. */
  readonly where: 'claude' | 'subkey' | 'other';
  readonly display: string;
}

/**
 * Reads a `.reg` file: UTF-16LE or UTF-8, with or without BOM, CRLF or LF.
 * Never throws for bad input; everything wrong is a finding with its line number.
 */
export function readReg(bytes: Buffer): RegReadResult {
  const findings: Finding[] = [];
  // Each value with its hive: HKLM and HKCU are not merged (see splitByScope).
  const tagged: { entry: ReadEntry; scope: ProfileScope }[] = [];
  const deletedValues: RegDeletion[] = [];
  let deletesPolicyKey = false;
  const { text, encoding } = decode(bytes, findings);

  const rawLines = text.split('\n');
  if (rawLines.some((l, i) => i < rawLines.length - 1 && !l.endsWith('\r'))) {
    findings.push(finding('reg-line-endings', 'warning', 'file', 'some lines end in LF only', 'regedit writes CRLF line ends; save the file with CRLF'));
  }
  const lines = rawLines.map((l) => l.replace(/\r$/, ''));

  const header = lines[0] ?? '';
  if (header !== 'Windows Registry Editor Version 5.00' && header !== 'REGEDIT4') {
    findings.push(finding('reg-header', 'error', 'line 1', 'the first line is not "Windows Registry Editor Version 5.00"', 'start the file with the line Windows Registry Editor Version 5.00 followed by a blank line'));
  }

  let block: Block | undefined;
  const hives = new Set<ProfileScope>();
  const seen = new Map<string, number>();

  for (let i = header.startsWith('Windows Registry Editor') || header === 'REGEDIT4' ? 1 : 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const where = `line ${lineNo}`;
    let line = lines[i] ?? '';
    if (/^\s*(;.*)?$/.test(line)) continue;

    // Regedit wraps long hex data over lines ending in "\"; join them (hex lines only: a quoted
    // string never legitimately ends a line with a backslash).
    if (line.includes('=hex') && /^(".*"|@)=hex(\([0-9a-fA-F]+\))?:/.test(line)) {
      const joined = joinContinuedLines(lines, i);
      line = joined.line;
      i = joined.last;
    }

    const keyMatch = /^\[(-?)(.*)\]\s*$/.exec(line);
    if (keyMatch) {
      const remove = keyMatch[1] === '-';
      const parsed = parseKey(keyMatch[2] ?? '', where, findings);
      if (remove) {
        block = undefined;
        const lower = parsed.path.toLowerCase().replace(/\\+$/, '');
        if (parsed.hive?.scope && (lower === POLICY_PATH || (lower.length > 0 && POLICY_PATH.startsWith(`${lower}\\`)))) {
          deletesPolicyKey = true;
          hives.add(parsed.hive.scope);
          findings.push(finding('reg-delete-key', 'warning', where, `deletes the key ${clip(parsed.display)} and every Claude policy value in it`, 'this is a removal file; merge it only to uninstall the policy'));
        } else {
          findings.push(finding('reg-delete-other-key', 'warning', where, `deletes the key ${clip(parsed.display)}, which is not the Claude policy key`, `Claude reads only ${WINDOWS_POLICY_KEY} under HKLM or HKCU`));
        }
      } else {
        block = parsed;
        if (block.where === 'claude' && block.hive?.scope) hives.add(block.hive.scope);
      }
      continue;
    }

    const valueMatch = /^(@|")/.exec(line);
    if (!valueMatch) {
      findings.push(finding('reg-malformed', 'error', where, 'cannot read this line (it is not a [KEY] line, a value line, a comment or blank)', 'expected [KEY], "name"="value", "name"=dword:…, "name"=hex…:… or "name"=-'));
      continue;
    }
    if (!block) {
      findings.push(finding('reg-value-outside-key', 'error', where, 'value line before any [KEY] line', 'put the value below [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]'));
      continue;
    }

    let name: string;
    let rest: string;
    if (line.startsWith('@')) {
      name = '';
      rest = line.slice(1);
    } else {
      const q = parseQuoted(line, 0);
      if (!q) {
        findings.push(finding('reg-malformed', 'error', where, 'value name has no closing quote', 'write the name as "name" with \\" for quotes and \\\\ for backslashes'));
        continue;
      }
      if (q.oddEscape) findings.push(unknownEscape(where, q.oddEscape));
      name = q.text;
      rest = line.slice(q.end);
    }
    if (!rest.startsWith('=')) {
      // A damaged line runs the value into the name: quote only what a key name can hold.
      findings.push(finding('reg-malformed', 'error', where, `no "=" after the value name "${clipName(name)}"`, 'write "name"="value"'));
      continue;
    }
    const data = rest.slice(1);
    const keyRef = findKey(name)?.name ?? findLegacyName(name)?.key.name;

    if (/^-\s*$/.test(data)) {
      if (block.where === 'claude') deletedValues.push({ key: name, location: where });
      else findings.push(outside(block, name, where, keyRef, 'deletes'));
      continue;
    }

    const value = parseData(data, where, findings, keyRef);
    if (!value) continue;
    if (block.where !== 'claude') {
      findings.push(outside(block, name, where, keyRef, 'sets'));
      continue;
    }
    if (name === '') {
      findings.push(finding('reg-default-value', 'warning', where, 'sets the default (unnamed) value of the Claude policy key', 'Claude reads named values only; remove the @= line'));
      continue;
    }
    // A value is repeated only within one hive: the same name under HKLM and HKCU is two values.
    const hiveScope = block.hive?.scope ?? 'machine';
    const previous = seen.get(`${hiveScope}|${name}`);
    if (previous !== undefined) {
      findings.push(finding('reg-duplicate-value', 'warning', where, `${clipName(name)} is set again (first at line ${previous}); the last one wins`, 'keep one line per value', keyRef));
    }
    seen.set(`${hiveScope}|${name}`, lineNo);
    tagged.push({ entry: { key: name, raw: value.raw, storedAs: value.storedAs, location: where, scope: hiveScope }, scope: hiveScope });
  }

  // REG_EXPAND_SZ is unreadable yet counts as machine policy present (reference §2); the types
  // the app does not see at all (REG_MULTI_SZ, REG_QWORD…) are taken not to.
  const { entries, ignored } = splitByScope(tagged, (e) => MACHINE_POLICY_TYPES.has(e.storedAs));
  let scope: ProfileScope | undefined;
  if (hives.size > 1) {
    scope = 'machine';
    const message = ignored
      ? `the file writes Claude policy under both HKLM and HKCU; Claude Desktop applies only the HKLM values and ignores every HKCU value: ${describeIgnored(ignored)}`
      : 'the file writes Claude policy under both HKLM and HKCU';
    findings.push(finding('reg-both-hives', 'warning', 'file', message, 'Claude Desktop ignores HKCU policy entirely when any HKLM policy value exists; keep to one hive: move the values you need under HKEY_LOCAL_MACHINE'));
  } else if (hives.size === 1) {
    scope = [...hives][0];
  }

  const result: RegReadResult = { kind: 'reg', metadata: {}, entries, findings, encoding, deletedValues, deletesPolicyKey, ...(ignored ? { ignored } : {}) };
  return scope ? { ...result, scope } : result;
}

/**
 * The hex value line `lines[first]` with the lines it continues onto: while the line so far ends
 * in `\` (then white space), that mark goes and the next line, trimmed, is appended. The pieces
 * are joined once at the end, and only the end of the last non-empty piece is examined, so the
 * work is linear in the text: testing and rebuilding the growing line took quadratic time.
 * `last` is the index of the last line used.
 * @internal exported for the test that compares it with the old join
 */
export function joinContinuedLines(lines: readonly string[], first: number): { line: string; last: number } {
  const pieces = [lines[first] ?? ''];
  // Indices of the non-empty pieces: the line so far ends with the last of them.
  const filled = [0];
  let i = first;
  for (;;) {
    const top = filled[filled.length - 1];
    if (top === undefined || i + 1 >= lines.length) break;
    const piece = pieces[top] as string;
    const mark = continuationMark(piece);
    if (mark < 0) break;
    pieces[top] = piece.slice(0, mark);
    if (mark === 0) filled.pop();
    i++;
    const next = (lines[i] ?? '').trim();
    pieces.push(next);
    if (next !== '') filled.push(pieces.length - 1);
  }
  return { line: pieces.join(''), last: i };
}

/** Where the `\` that ends `text` (before any white space) is, or -1. */
function continuationMark(text: string): number {
  let k = text.length;
  while (k > 0 && /\s/.test(text[k - 1] as string)) k--;
  return k > 0 && text[k - 1] === '\\' ? k - 1 : -1;
}

function decode(bytes: Buffer, findings: Finding[]): { text: string; encoding: RegEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le-bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    findings.push(finding('reg-encoding', 'error', 'file', 'the file is UTF-16BE', 'regedit reads UTF-16LE with a BOM; save the file as "Unicode" (UTF-16LE)'));
    return { text: utf16beText(bytes.subarray(2)), encoding: 'utf-16be-bom' };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = bytes.subarray(3).toString('utf8');
    findings.push(finding('reg-encoding', 'warning', 'file', 'the file is UTF-8 with a BOM', 'regedit expects UTF-16LE with a BOM; save the file as "Unicode"'));
    return { text, encoding: 'utf-8-bom' };
  }
  // UTF-16LE text of the header has a zero high byte after each ASCII character.
  if (bytes.length >= 4 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) {
    findings.push(finding('reg-encoding', 'error', 'file', 'the file is UTF-16LE without a BOM', 'regedit refuses UTF-16LE without the FF FE byte-order mark; add it'));
    return { text: bytes.toString('utf16le'), encoding: 'utf-16le-no-bom' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(text)) {
      findings.push(finding('reg-encoding', 'warning', 'file', 'the file holds non-ASCII text without a UTF-16LE BOM', 'regedit reads such files in the ANSI code page and stores non-ASCII text wrong; save the file as UTF-16LE with a BOM'));
    }
    return { text, encoding: 'utf-8' };
  } catch {
    findings.push(finding('reg-encoding', 'error', 'file', 'the file is neither UTF-16LE nor valid UTF-8', 'save the file as UTF-16LE with a BOM'));
    return { text: bytes.toString('latin1'), encoding: 'latin1' };
  }
}

function parseKey(spec: string, where: string, findings: Finding[]): Block {
  const cut = spec.indexOf('\\');
  const hiveName = (cut < 0 ? spec : spec.slice(0, cut)).toUpperCase();
  const path = cut < 0 ? '' : spec.slice(cut + 1);
  const hive = HIVES[hiveName];
  if (!hive) {
    findings.push(finding('reg-unknown-hive', 'error', where, `unknown registry root "${clip(hiveName)}"`, 'use HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER'));
    return { path, where: 'other', display: spec };
  }
  if (hive.abbreviation) {
    findings.push(finding('reg-hive-abbreviation', 'error', where, `${hiveName} is an abbreviation regedit does not accept in .reg files`, `write ${hive.full}`));
  }
  const lower = path.toLowerCase().replace(/\\+$/, '');
  const display = `${hive.full}\\${path}`;
  if (!hive.scope) return { hive, path, where: 'other', display };
  if (lower === POLICY_PATH) return { hive, path, where: 'claude', display };
  if (lower.startsWith(`${POLICY_PATH}\\`)) return { hive, path, where: 'subkey', display };
  return { hive, path, where: 'other', display };
}

function outside(block: Block, name: string, where: string, keyRef: string | undefined, verb: 'sets' | 'deletes'): Finding {
  const label = name === '' ? 'the default value' : clipName(name);
  if (block.where === 'subkey') {
    return finding('reg-subkey', 'error', where, `${verb} ${label} in the subkey ${clip(block.display)}, which Claude Desktop never reads`, `put Claude values directly under ${WINDOWS_POLICY_KEY} (no subkeys)`, keyRef);
  }
  return finding('reg-other-key', 'warning', where, `${verb} ${label} under ${clip(block.display)}, outside the Claude policy key`, `Claude reads only HKLM or HKCU\\${WINDOWS_POLICY_KEY}`, keyRef);
}

function unknownEscape(where: string, ch: string): Finding {
  return finding('reg-unknown-escape', 'warning', where, `"\\${ch}" is not an escape in .reg files; regedit stores just "${ch}"`, 'only \\\\ and \\" are escapes; write control characters nowhere (there is no \\n or \\t)');
}

interface Quoted {
  text: string;
  /** Index just after the closing quote. */
  end: number;
  /** The first character that followed a backslash other than \ or ", if any. */
  oddEscape?: string;
}

/** Parses a quoted string starting at `start` (which must be `"`); undefined when it is not closed. */
function parseQuoted(line: string, start: number): Quoted | undefined {
  let out = '';
  let oddEscape: string | undefined;
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') return oddEscape === undefined ? { text: out, end: i + 1 } : { text: out, end: i + 1, oddEscape };
    if (c === '\\') {
      i++;
      if (i >= line.length) return undefined;
      const next = line[i] as string;
      if (next !== '\\' && next !== '"') oddEscape ??= next;
      out += next;
    } else {
      out += c;
    }
  }
  return undefined;
}

function parseData(data: string, where: string, findings: Finding[], keyRef: string | undefined): { raw: unknown; storedAs: string } | undefined {
  if (data.startsWith('"')) {
    const q = parseQuoted(data, 0);
    if (!q) {
      findings.push(finding('reg-malformed', 'error', where, 'string value has no closing quote', 'escape quotes inside the value as \\" and backslashes as \\\\; a value cannot span lines', keyRef));
      return undefined;
    }
    if (q.oddEscape) findings.push(unknownEscape(where, q.oddEscape));
    if (data.slice(q.end).trim() !== '') {
      findings.push(finding('reg-malformed', 'error', where, 'text after the closing quote of the value (an unescaped " inside it?)', 'escape quotes inside the value as \\"', keyRef));
      return undefined;
    }
    return { raw: q.text, storedAs: 'REG_SZ' };
  }
  const dword = /^dword:([0-9a-fA-F]{1,8})\s*$/i.exec(data);
  if (dword) {
    const digits = dword[1] as string;
    if (digits.length !== 8) findings.push(finding('reg-dword-digits', 'warning', where, `dword:${digits} has ${digits.length} hex digits, not 8`, 'write exactly 8 hex digits, e.g. dword:00000001', keyRef));
    return { raw: parseInt(digits, 16), storedAs: 'REG_DWORD' };
  }
  const hex = /^hex(?:\(([0-9a-fA-F]{1,8})\))?:(.*)$/i.exec(data);
  if (hex) {
    const type = hex[1] === undefined ? 3 : parseInt(hex[1], 16);
    const body = (hex[2] ?? '').replace(/\s+/g, '');
    if (body !== '' && !/^[0-9a-fA-F]{2}(,[0-9a-fA-F]{2})*,?$/.test(body)) {
      findings.push(finding('reg-malformed', 'error', where, 'hex data is not comma-separated byte pairs', 'write hex data as 41,00,42,00', keyRef));
      return undefined;
    }
    const bytes = Buffer.from(body.replace(/,/g, ''), 'hex');
    return decodeTyped(type, bytes);
  }
  findings.push(finding('reg-malformed', 'error', where, 'cannot read the value data (it is not "text", dword:…, hex…:… or -)', 'write "text", dword:00000000, hex(N):.. or -', keyRef));
  return undefined;
}

function decodeTyped(type: number, bytes: Buffer): { raw: unknown; storedAs: string } {
  const storedAs = TYPE_NAMES[type] ?? `REG_TYPE_0x${type.toString(16)}`;
  const utf16 = (): string => bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le');
  switch (type) {
    case 1:
    case 2:
      return { raw: utf16().replace(/\0+$/, ''), storedAs };
    case 7: {
      const parts = utf16().split('\0');
      while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
      return { raw: parts, storedAs };
    }
    case 4:
      return bytes.length === 4 ? { raw: bytes.readUInt32LE(0), storedAs } : { raw: bytes.toString('hex'), storedAs };
    case 5:
      return bytes.length === 4 ? { raw: bytes.readUInt32BE(0), storedAs } : { raw: bytes.toString('hex'), storedAs };
    case 11: {
      if (bytes.length !== 8) return { raw: bytes.toString('hex'), storedAs };
      const n = bytes.readBigUInt64LE(0);
      return { raw: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString(), storedAs };
    }
    default:
      return { raw: bytes.toString('hex'), storedAs };
  }
}

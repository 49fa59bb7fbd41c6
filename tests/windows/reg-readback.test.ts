/**
 * The strict `.reg` reader the writer uses for its self-check (lib/writers/reg-readback.ts),
 * against the general reader (lib/read/reg.ts) on every file the writer emits, and on files it
 * must refuse.
 */
import { readReg } from '../../lib/read/reg';
import { RegSyntaxError, readStrictReg } from '../../lib/writers/reg-readback';
import { regKeyPath, writeReg, writeRegUndo } from '../../lib/writers/reg';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { allMdmSettings, profileWith } from './support';

const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const file = (...valueLines: string[]): string => `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n${valueLines.map((l) => `${l}\r\n`).join('')}\r\n`;

describe('readStrictReg', () => {
  const profiles = [
    ...loadExamples().map((e) => e.resolved),
    loadFixtureProfile('hostile-reg.profile.json').resolved,
    loadFixtureProfile('hostile.profile.json').resolved,
    loadFixtureProfile('all-keys.profile.json').resolved,
    profileWith(allMdmSettings('high'), 'user'),
  ];

  test.each(profiles.map((p) => [p.name, p] as const))('%s: reads the .reg and undo .reg as the general reader does', (_, profile) => {
    const reg = writeReg(profile);
    const strict = readStrictReg(reg);
    const general = readReg(reg);
    expect(general.findings).toEqual([]);
    expect(strict.keyPath).toBe(regKeyPath(profile.scope));
    expect(strict.values.map((v) => [v.name, v.data])).toEqual(general.entries.map((e) => [e.key, e.raw]));
    const undo = readStrictReg(writeRegUndo(profile));
    expect(undo.values.map((v) => [v.name, v.data])).toEqual(readReg(writeRegUndo(profile)).deletedValues.map((d) => [d.key, undefined]));
  });

  test('unescapes \\\\ and \\" only', () => {
    expect(readStrictReg(utf16(file('"a\\\\b"="x\\"y\\\\\\\\z"', '"d"=-'))).values).toEqual([
      { name: 'a\\b', data: 'x"y\\\\z' },
      { name: 'd', data: undefined },
    ]);
  });

  test.each([
    ['UTF-8', Buffer.from(file('"a"="b"'), 'utf8')],
    ['UTF-16LE without BOM', Buffer.from(file('"a"="b"'), 'utf16le')],
    ['LF line ends', utf16(file('"a"="b"').replace(/\r\n/g, '\n'))],
    ['REGEDIT4 header', utf16(file('"a"="b"').replace('Windows Registry Editor Version 5.00', 'REGEDIT4'))],
    ['a dword value', utf16(file('"a"=dword:00000001'))],
    ['a hex value', utf16(file('"a"=hex(2):41,00,00,00'))],
    ['an unescaped quote', utf16(file('"a"="b"c"'))],
    ['a lone backslash escape', utf16(file('"a"="b\\n"'))],
    ['a second key block', utf16(`${file('"a"="b"')}[HKEY_CURRENT_USER\\Software]\r\n\r\n`)],
    ['the default value', utf16(file('@="b"'))],
    ['no blank line at the end', utf16(file('"a"="b"').slice(0, -2))],
    ['a truncated file', utf16(file('"a"="b"')).subarray(0, 41)],
  ])('refuses %s', (_, bytes) => {
    expect(() => readStrictReg(bytes)).toThrow(RegSyntaxError);
  });
});

describe('readStrictReg on a very long value', () => {
  // A regular expression over a repeated group overflowed the stack here (a 10 MB value made the
  // build's self-check report "Maximum call stack size exceeded").
  test('reads a 10-million-character value, plain and full of escapes, without overflowing the stack', () => {
    const plain = 'x'.repeat(10_000_000);
    expect(readStrictReg(utf16(file(`"n"="${plain}"`))).values).toEqual([{ name: 'n', data: plain }]);
    const escaped = '\\\\\\"'.repeat(2_000_000);
    expect(readStrictReg(utf16(file(`"n"="${escaped}"`))).values[0]?.data).toBe('\\"'.repeat(2_000_000));
    expect(readReg(utf16(file(`"n"="${escaped}"`))).entries[0]?.raw).toBe('\\"'.repeat(2_000_000));
  });

  test.each([['"n"="a'], ['"n"="a\\x"'], ['"n"="a"b"'], ['"n"=-x'], ['"n"'], ['n="a"']])('refuses %s', (line) => {
    expect(() => readStrictReg(utf16(file(line)))).toThrow(RegSyntaxError);
  });
});

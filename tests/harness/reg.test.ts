import { TOOLS, checkRegWithHivex, describeIfTool, readRegWithHivex } from '../support/validators';
import { K } from '../support/keys';
import {
  BAD_REG_BACKSLASH_TEXT,
  BAD_REG_DWORD_TEXT,
  BAD_REG_DWORD_TYPE_TEXT,
  BAD_REG_QUOTES_TEXT,
  GOOD_REG_EXPECTED,
  GOOD_REG_HKCU_EXPECTED,
  GOOD_REG_HKCU_TEXT,
  GOOD_REG_TEXT,
  UNDO_KEY_TEXT,
  UNDO_VALUES_TEXT,
  regBytes,
} from './samples';

const HKLM = 'HKEY_LOCAL_MACHINE\\SOFTWARE' as const;

/** Expected map in readRegWithHivex's shape: every value REG_SZ ("string"). */
function asStrings(exp: Record<string, Record<string, string>>): Record<string, Record<string, [string, string]>> {
  return Object.fromEntries(
    Object.entries(exp).map(([k, vals]) => [k, Object.fromEntries(Object.entries(vals).map(([n, v]) => [n, ['string', v]]))]),
  ) as Record<string, Record<string, [string, string]>>;
}

describeIfTool(TOOLS.reg)('harness: check-reg.sh (hivex merge + read-back)', () => {
  test('good HKLM file passes', () => {
    const r = checkRegWithHivex(regBytes(GOOD_REG_TEXT), GOOD_REG_EXPECTED);
    expect(r.output).toContain('reg OK');
    expect(r.ok).toBe(true);
  });

  test('good HKCU file passes with the HKCU prefix', () => {
    const r = checkRegWithHivex(regBytes(GOOD_REG_HKCU_TEXT), GOOD_REG_HKCU_EXPECTED, 'HKEY_CURRENT_USER');
    expect(r.output).toContain('reg OK');
    expect(r.ok).toBe(true);
  });

  test('unescaped quotes parse but fail the read-back comparison', () => {
    const r = checkRegWithHivex(regBytes(BAD_REG_QUOTES_TEXT), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("quoteTest: got string 'say ', want string 'say \"hi\"'");
  });

  test('undoubled backslashes parse but fail the read-back comparison', () => {
    const r = checkRegWithHivex(regBytes(BAD_REG_BACKSLASH_TEXT), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('pathTest: got string');
  });

  test('dword:2a is a parse error', () => {
    const r = checkRegWithHivex(regBytes(BAD_REG_DWORD_TEXT), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/parse error/);
  });

  test('a DWORD where a string was asked for fails', () => {
    const r = checkRegWithHivex(regBytes(BAD_REG_DWORD_TYPE_TEXT), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("got int32 '1', want string 'true'");
  });

  test('an extra value not in the expectation fails', () => {
    const exp = { '\\Policies\\Claude': { ...GOOD_REG_EXPECTED['\\Policies\\Claude'] } };
    delete exp['\\Policies\\Claude'].unicodeTest;
    const r = checkRegWithHivex(regBytes(GOOD_REG_TEXT), exp);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('unicodeTest: unexpected value');
  });

  test('missing BOM fails', () => {
    const r = checkRegWithHivex(regBytes(GOOD_REG_TEXT, { bom: false }), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('no UTF-16LE BOM');
  });

  test('LF line endings fail', () => {
    const r = checkRegWithHivex(regBytes(GOOD_REG_TEXT, { crlf: false }), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('bad header line');
  });

  test('UTF-8 instead of UTF-16LE fails', () => {
    const r = checkRegWithHivex(Buffer.from(GOOD_REG_TEXT.replace(/\n/g, '\r\n'), 'utf8'), GOOD_REG_EXPECTED);
    expect(r.ok).toBe(false);
  });
});

describeIfTool(TOOLS.reg)('harness: readRegWithHivex', () => {
  test('good file reads back exactly (quotes, trailing backslash, JSON, café, 😀)', () => {
    expect(readRegWithHivex(regBytes(GOOD_REG_TEXT), HKLM)).toEqual(asStrings(GOOD_REG_EXPECTED));
  });

  test('HKCU prefix maps to \\SOFTWARE\\Policies\\Claude', () => {
    expect(readRegWithHivex(regBytes(GOOD_REG_HKCU_TEXT), 'HKEY_CURRENT_USER')).toEqual(
      asStrings(GOOD_REG_HKCU_EXPECTED),
    );
  });

  test('mis-escaped file reads back different from what was asked', () => {
    const got = readRegWithHivex(regBytes(BAD_REG_QUOTES_TEXT), HKLM);
    expect(got['\\Policies\\Claude']!.quoteTest).toEqual(['string', 'say ']);
    expect(got).not.toEqual(asStrings(GOOD_REG_EXPECTED));
  });

  test('DWORD reads back as int32', () => {
    const got = readRegWithHivex(regBytes(BAD_REG_DWORD_TYPE_TEXT), HKLM);
    expect(got['\\Policies\\Claude']![K.disableAutoUpdates]).toEqual(['int32', '1']);
  });

  test('undo file removes the named values, leaves the others', () => {
    const got = readRegWithHivex(regBytes(GOOD_REG_TEXT), HKLM, { thenMerge: regBytes(UNDO_VALUES_TEXT) });
    const { quoteTest: _q, unicodeTest: _u, ...rest } = GOOD_REG_EXPECTED['\\Policies\\Claude']!;
    expect(got).toEqual(asStrings({ '\\Policies\\Claude': rest }));
  });

  test('undo file removing the key leaves no values', () => {
    const got = readRegWithHivex(regBytes(GOOD_REG_TEXT), HKLM, { thenMerge: regBytes(UNDO_KEY_TEXT) });
    expect(got).toEqual({});
  });

  test('throws on a parse error', () => {
    expect(() => readRegWithHivex(regBytes(BAD_REG_DWORD_TEXT), HKLM)).toThrow(/hivexregedit --merge rejected/);
  });

  test('tab, XML specials, @ and the default value survive the hivexml round trip', () => {
    const text = String.raw`Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Claude]
"xml"="<a href=\"x\">&amp; 'q'</a>"
"tab"="a	b"
"@"="at"
@="default"

`;
    const got = readRegWithHivex(regBytes(text), HKLM);
    expect(got['\\Policies\\Claude']).toEqual({
      xml: ['string', `<a href="x">&amp; 'q'</a>`],
      tab: ['string', 'a\tb'],
      '@': ['string', 'at'],
      '': ['string', 'default'],
    });
  });

  test('a large value full of escaped quotes reads back whole (~300 KB, ~80 000 entities)', () => {
    const json = JSON.stringify(Array.from({ length: 20000 }, (_, i) => `m${i}&<>`));
    const text = `Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\n"big"="${json.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n\n`;
    const got = readRegWithHivex(regBytes(text), HKLM);
    expect(got['\\Policies\\Claude']!.big![1]).toBe(json);
    expect(checkRegWithHivex(regBytes(text), { '\\Policies\\Claude': { big: json } }).ok).toBe(true);
  });
});

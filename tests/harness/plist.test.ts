import { TOOLS, checkPlistWithPlistlib, describeIfTool, readPlistWithPlistlib, xmllintValidPlist } from '../support/validators';
import { BAD_PLIST_AMP, BAD_PLIST_DUPLICATE_KEY, BAD_PLIST_NATIVE_TRUE, BAD_PLIST_STRIN, GOOD_PLIST } from './samples';
import { K } from '../support/keys';

describeIfTool(TOOLS.plist)('harness: check-plist.py (plistlib)', () => {
  test('good profile passes', () => {
    const r = checkPlistWithPlistlib(GOOD_PLIST);
    expect(r.output).toContain('plist OK');
    expect(r.ok).toBe(true);
  });

  test('accepts a Buffer too', () => {
    expect(checkPlistWithPlistlib(Buffer.from(GOOD_PLIST, 'utf8')).ok).toBe(true);
  });

  test('native <true/> Claude value fails', () => {
    const r = checkPlistWithPlistlib(BAD_PLIST_NATIVE_TRUE);
    expect(r.ok).toBe(false);
    expect(r.output).toContain(`${K.disableAutoUpdates} is bool, must be string`);
  });

  test('duplicate key fails', () => {
    const r = checkPlistWithPlistlib(BAD_PLIST_DUPLICATE_KEY);
    expect(r.ok).toBe(false);
    expect(r.output).toContain(`duplicate key '${K.disableAutoUpdates}'`);
  });

  test('unescaped & fails', () => {
    const r = checkPlistWithPlistlib(BAD_PLIST_AMP);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/not well-formed/);
  });

  test('missing PayloadScope and wrong PayloadVersion are reported', () => {
    const bad = GOOD_PLIST.replace('<key>PayloadScope</key>\n  <string>System</string>\n', '').replace(
      '<integer>1</integer>\n</dict>\n</plist>',
      '<integer>2</integer>\n</dict>\n</plist>',
    );
    const r = checkPlistWithPlistlib(bad);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('top.PayloadScope not System|User');
    expect(r.output).toContain('top.PayloadVersion != 1');
  });
});

describeIfTool(TOOLS.plist)('harness: readPlistWithPlistlib', () => {
  test('reads strings as strings, and tells <true/> from "true"', () => {
    const good = readPlistWithPlistlib(GOOD_PLIST) as { PayloadContent: Record<string, unknown>[]; PayloadVersion: unknown };
    const p = good.PayloadContent[0]!;
    expect(p[K.disableAutoUpdates]).toBe('true');
    expect(p[K.inferenceModels]).toBe('["claude-sonnet-4-5",{"name":"a&b"}]');
    expect(p.unicodeTest).toBe('café 日本語 😀');
    expect(good.PayloadVersion).toBe(1);
    const bad = readPlistWithPlistlib(BAD_PLIST_NATIVE_TRUE) as { PayloadContent: Record<string, unknown>[] };
    expect(bad.PayloadContent[0]![K.disableAutoUpdates]).toBe(true);
  });

  test('maps real, false, arrays and nested dicts', () => {
    const xml = GOOD_PLIST.replace(
      '<key>unicodeTest</key>',
      '<key>r</key><real>1.5</real><key>f</key><false/><key>a</key><array><string>x</string><integer>-3</integer></array>' +
        '<key>d</key><dict><key>k</key><string>v</string></dict><key>unicodeTest</key>',
    );
    const v = readPlistWithPlistlib(xml) as { PayloadContent: Record<string, unknown>[] };
    expect(v.PayloadContent[0]).toMatchObject({ r: 1.5, f: false, a: ['x', -3], d: { k: 'v' } });
  });

  test('throws on a plist that does not parse', () => {
    expect(() => readPlistWithPlistlib(BAD_PLIST_AMP)).toThrow(/plistlib could not read/);
  });
});

describeIfTool(TOOLS.plistDtd)('harness: xmllint --valid with Apple DTD (offline catalog)', () => {
  test('good profile is DTD-valid', () => {
    const r = xmllintValidPlist(GOOD_PLIST);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  test('<strin> is rejected', () => {
    const r = xmllintValidPlist(BAD_PLIST_STRIN);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('No declaration for element strin');
  });

  test('unescaped & is rejected', () => {
    const r = xmllintValidPlist(BAD_PLIST_AMP);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/EntityRef/);
  });

  test('known gap: a native <true/> and a duplicate key are DTD-valid (why check-plist.py is also needed)', () => {
    expect(xmllintValidPlist(BAD_PLIST_NATIVE_TRUE).ok).toBe(true);
    expect(xmllintValidPlist(BAD_PLIST_DUPLICATE_KEY).ok).toBe(true);
  });
});

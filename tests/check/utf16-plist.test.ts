/**
 * A UTF-16 .mobileconfig or plist with a byte-order mark (what Windows PowerShell 5.1 `Out-File`
 * writes; macOS reads it) is read like its UTF-8 form, with one `plist-utf16` warning.
 */
import { importArtifact } from '../../lib/import';
import { BASE, check, codes, mobileconfig, NOW, stringPairs } from './support';
import { K } from '../support/keys';

const utf16 = (text: string, be = false): Buffer => {
  const body = Buffer.from(text.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le');
  if (be) body.swap16();
  return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
};

describe('UTF-16 plists', () => {
  const mc = mobileconfig({ ...BASE, [K.organizationInstructions]: 'Grüße, café ✓' });

  test.each([['LE', false], ['BE', true]] as const)('a UTF-16%s .mobileconfig is read, with a warning', (_name, be) => {
    const plain = check(mc, 'a.mobileconfig');
    const r = check(utf16(mc, be), 'a.mobileconfig');
    expect(r.kind).toBe('mobileconfig');
    expect(codes(r)).toEqual(['warning:plist-utf16', ...codes(plain)]);
    expect(r.findings[0]?.hint).toMatch(/save it as UTF-8/);
  });

  test('a bare UTF-16 plist and a preference fragment are read too', () => {
    const plist = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>\n${stringPairs(BASE)}\n</dict></plist>\n`;
    const r = check(utf16(plist), 'com.anthropic.claudefordesktop.plist');
    expect(r.kind).toBe('plist');
    expect(codes(r)).toContain('warning:plist-utf16');
    expect(r.errors).toBe(0);
    const fragment = check(utf16(`${stringPairs(BASE)}\n`), 'claude.xml');
    expect(fragment.kind).toBe('preference-fragment');
    expect(codes(fragment)).toContain('warning:plist-utf16');
    expect(fragment.errors).toBe(0);
  });

  test('import reads the values and passes the warning on', () => {
    const r = importArtifact(utf16(mc), { fileName: 'a.mobileconfig', now: NOW });
    expect(r.profile.settings[K.organizationInstructions]).toBe('Grüße, café ✓');
    expect(r.profile.settings[K.inferenceProvider]).toBe('gateway');
    expect(r.warnings.map((w) => w.code)).toContain('plist-utf16');
  });
});

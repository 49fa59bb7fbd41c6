/**
 * Line breaks in deployed files (audit-lint item 3): a multi-line text is legal in a plist
 * <string> and in JSON, so `check` reports a raw top-level line break at most as a warning there
 * (a .reg file cannot hold it), naming the key and the character; a line break inside JSON text
 * (the text field of the notice key) is escaped in every store and not reported at all. A credential must still be
 * one line, and NUL stays an error everywhere.
 */
import { BASE, check, json, mobileconfig } from './support';
import { K } from '../support/keys';

const MULTI = 'Rule 1: be concise.\nRule 2: cite sources.';
const BANNER = JSON.stringify({ enabled: true, text: 'line1\nline2' });

test.each([
  ['managed-settings.json', () => check(json({ ...BASE, [K.organizationInstructions]: MULTI, [K.banner]: BANNER }), 'managed-settings.json')],
  ['.mobileconfig', () => check(mobileconfig({ ...BASE, [K.organizationInstructions]: MULTI, [K.banner]: BANNER }), 'test.mobileconfig')],
])(`%s: a warning that names the key and the character, nothing for ${K.banner}.text`, (_, run) => {
  const r = run();
  expect(r.errors).toBe(0);
  const found = r.findings.filter((f) => f.code === 'control-character');
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ severity: 'warning', key: K.organizationInstructions });
  expect(found[0]?.message).toBe(`the value of ${K.organizationInstructions} holds character U+000A (LINE FEED) at position 19, which cannot be stored in a .reg file`);
});

test('a line break in a credential is an error in every file', () => {
  const r = check(json({ ...BASE, [K.inferenceGatewayApiKey]: 'sk-secret-1\n' }), 'managed-settings.json');
  const f = r.findings.find((x) => x.code === 'control-character');
  expect(f).toMatchObject({ severity: 'error', key: K.inferenceGatewayApiKey });
  expect(f?.message).toMatch(/U\+000A \(LINE FEED\) at position 11; a credential must be one line/);
  expect(JSON.stringify(r.findings)).not.toContain('sk-secret-1');
});

test('NUL inside JSON text stays an error', () => {
  const r = check(json({ ...BASE, [K.banner]: JSON.stringify({ enabled: true, text: 'a\u0000b' }) }), 'managed-settings.json');
  expect(r.findings.find((x) => x.code === 'control-character')).toMatchObject({ severity: 'error', key: K.banner });
});

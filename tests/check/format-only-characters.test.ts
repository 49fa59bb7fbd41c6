/**
 * A character only some formats refuse (validate reports a TAB in a string setting because a
 * `.reg` file cannot hold it) is an error in a file of such a format and a warning, with the
 * reason, in a file that holds it. And a bootstrap response that carries bootstrap-only keys alone
 * is not told it sets no settings: MDM delivers the rest.
 */
import { buildArtifacts } from '../../lib/build';
import { BASE, check, json, mobileconfig, NOW, regFile } from './support';
import { K } from '../support/keys';

const TAB = 'first\tsecond';

test('in a .mobileconfig and in managed-settings.json: a warning naming the format that cannot carry it', () => {
  const mc = check(mobileconfig({ ...BASE, [K.organizationInstructions]: TAB }), 'test.mobileconfig');
  const managed = check(json({ ...Object.fromEntries(Object.entries(BASE)), [K.organizationInstructions]: TAB }), 'managed-settings.json');
  for (const r of [mc, managed]) {
    const f = r.findings.find((x) => x.code === 'control-character');
    expect(f).toMatchObject({ severity: 'warning', key: K.organizationInstructions });
    expect(f?.hint).toMatch(/^this file can hold it, but it cannot be stored in a \.reg file; /);
    expect(r.errors).toBe(0);
  }
});

test('in a .reg file: an error', () => {
  const r = check(regFile({ ...BASE, [K.organizationInstructions]: TAB }), 'test.reg');
  expect(r.findings.filter((x) => x.code === 'control-character' || x.code.startsWith('reg-')).map((x) => x.severity)).toContain('error');
  expect(r.errors).toBeGreaterThan(0);
});

test('U+FFFF, which XML refuses and a .reg file holds, in every file build writes: an error in the XML-based files (Intune Windows rows included), a warning elsewhere (mutation gap SE1)', () => {
  const profile = { name: 'ch', identifier: 'com.example.ch', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'sk-example-0123456789abcdef', [K.inferenceModels]: [{ name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' }, { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }], [K.organizationInstructions]: 'PLACEHOLDERTEXT' } };
  const severities: Record<string, string[]> = {};
  for (const f of buildArtifacts(profile, { now: NOW }).files.filter((x) => !/(\.md|\.txt|manifest\.json)$/.test(x.path))) {
    const utf16 = f.path.endsWith('.reg');
    const text = f.bytes.toString(utf16 ? 'utf16le' : 'utf8');
    if (!text.includes('PLACEHOLDERTEXT')) continue;
    const r = check(Buffer.from(text.split('PLACEHOLDERTEXT').join('a\uffffb'), utf16 ? 'utf16le' : 'utf8'), f.path);
    severities[r.kind] = [...new Set([...(severities[r.kind] ?? []), ...r.findings.filter((x) => x.severity === 'error' || x.code === 'control-character').map((x) => `${x.severity}:${x.code}`)])];
  }
  expect(severities).toEqual({
    // plists refuse the whole file (plistlib and xmllint do too)
    'mobileconfig': ['error:unreadable-plist'],
    'plist': ['error:unreadable-plist'],
    'preference-fragment': ['error:unreadable-plist'],
    'reg': ['warning:control-character'],
    'managed-settings-json': ['warning:control-character'],
    'config-library-json': ['warning:control-character'],
    'intune-windows-graph-json': ['error:control-character'],
    'intune-windows-csv': ['error:control-character'],
  });
});

test('a character every format refuses stays an error everywhere', () => {
  const r = check(json({ ...Object.fromEntries(Object.entries(BASE)), [K.organizationInstructions]: 'a\u0001b' }), 'managed-settings.json');
  expect(r.findings.find((x) => x.code === 'control-character')?.severity).toBe('error');
});

test('a bootstrap response with bootstrap-only keys alone gets no no-settings finding', () => {
  const bootstrapOnly = (r: ReturnType<typeof check>) => r.findings.map((f) => f.code);
  const response = check(json({ [K.claudeAiImport]: JSON.stringify({ enabled: false }), expiresAt: '2026-12-01T00:00:00Z' }), 'response.json', { kind: 'bootstrap-response-json' });
  expect(response.kind).toBe('bootstrap-response-json');
  expect(bootstrapOnly(response)).not.toContain('no-settings');
  expect(response.errors).toBe(0);
});

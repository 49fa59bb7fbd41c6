/**
 * A character only some formats refuse (validate reports a TAB in a string setting because a
 * `.reg` file cannot hold it) is an error in a file of such a format and a warning, with the
 * reason, in a file that holds it. And a bootstrap response that carries bootstrap-only keys alone
 * is not told it sets no settings: MDM delivers the rest.
 */
import { BASE, check, json, mobileconfig, regFile } from './support';
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

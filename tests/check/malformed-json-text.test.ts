/**
 * Text that opens like JSON (`{` or `[`) but does not parse is malformed JSON, never the old
 * `Name=value` header shape: `check` reports `invalid-json-text` with the position (never the
 * value), and `import` refuses the file instead of writing `{}`.
 */
import { importArtifact, ImportError } from '../../lib/import';
import { validateProfile } from '../../lib/validate';
import { BASE, check, codes, json, mobileconfig, NOW } from './support';
import { K } from '../support/keys';

const SECRET = 'SINGLEQ-SECRET-123';
const TRAILING = '{"X-Org-Id":"team1","X-Env":"prod",}';
const SINGLE = `{'Authorization': 'Bearer ${SECRET}'}`;
const managed = () => json({ ...BASE, [K.inferenceCustomHeaders]: TRAILING, [K.otlpHeaders]: SINGLE });

describe('malformed JSON header text', () => {
  test('check: invalid-json-text with the position, not the legacy shape, and no {} fix', () => {
    const r = check(managed(), 'managed-settings.json');
    expect(r.kind).toBe('managed-settings-json');
    expect(codes(r)).toEqual(['error:invalid-json-text', 'error:invalid-json-text']);
    const [a, b] = r.findings;
    expect(a?.key).toBe(K.inferenceCustomHeaders);
    expect(a?.message).toMatch(/at character 36/);
    expect(b?.key).toBe(K.otlpHeaders);
    expect(b?.message).toMatch(/at character 2/);
    const text = JSON.stringify(r);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('team1');
    expect(r.findings.some((f) => f.hint?.includes(': {}'))).toBe(false);
  });

  test('the same in a plist <string>, with leading white space', () => {
    const r = check(mobileconfig({ ...BASE, [K.otlpHeaders]: `  {"Authorization":"Bearer ${SECRET}",}` }), 'x.mobileconfig');
    expect(codes(r)).toEqual(['error:invalid-json-text']);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  test('a real Name=value string is still the old shape', () => {
    const r = check(mobileconfig({ ...BASE, [K.inferenceCustomHeaders]: 'X-Org=platform' }), 'x.mobileconfig');
    expect(codes(r)).toContain('error:deprecated-shape');
  });

  test('import refuses the file (no value dropped or replaced by {})', () => {
    let err: unknown;
    try {
      importArtifact(Buffer.from(managed()), { fileName: 'managed-settings.json', now: NOW });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    const e = err as ImportError;
    expect(e.findings.map((f) => f.code)).toEqual(['invalid-json-text', 'invalid-json-text']);
    expect(JSON.stringify([e.message, e.findings])).not.toContain(SECRET);
  });

  test('a profile holding such text is a type error, not an empty header object', () => {
    const findings = validateProfile({ name: 'x', identifier: 'com.example.x', settings: { ...BASE, [K.inferenceModels]: [{ name: 'claude-sonnet-4-5' }], [K.otlpHeaders]: SINGLE } }, { now: NOW }).findings;
    expect(findings.map((f) => f.code)).not.toContain('deprecated-shape');
    expect(findings.some((f) => f.severity === 'error' && f.key === K.otlpHeaders)).toBe(true);
  });
});

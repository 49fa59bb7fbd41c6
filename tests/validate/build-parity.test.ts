/**
 * `validate` refuses whatever `build` (every format) refuses: for hostile strings in string
 * settings, values inside lists and maps, a bootstrap-only key and the profile's metadata, the
 * validator accepts a profile exactly when a build of every format succeeds. A release job that
 * validates pull requests then never fails when it builds the tag.
 */
import fc from 'fast-check';
import { buildArtifacts } from '../../lib/build';
import { formatOnlyStores, validateProfile, type Finding } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');

/** Characters the formats treat differently: controls, line ends, noncharacters, broken and whole surrogate pairs. */
const HOSTILE = ['\t', '\r', '\n', '\r\n', '\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u009f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', '\udbff\udfff', '😀', '👨‍👩‍👧', '"', '\\', '&', '<', ']]>', '%'];

const base = (): Record<string, unknown> => ({
  name: 'parity',
  identifier: 'com.example.parity',
  settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' },
});

/** One place a string can go, and the path a finding about it has. */
interface Place {
  readonly label: string;
  readonly path: string;
  readonly put: (text: string) => Record<string, unknown>;
}

const setting = (extra: Record<string, unknown>) => {
  const p = base();
  return { ...p, settings: { ...(p.settings as object), ...extra } };
};

const PLACES: readonly Place[] = [
  { label: 'a free-text string setting', path: `settings.${K.organizationInstructions}`, put: (t) => setting({ [K.organizationInstructions]: t }) },
  { label: 'another string setting', path: `settings.${K.deploymentDisplayName}`, put: (t) => setting({ [K.deploymentDisplayName]: t }) },
  { label: 'a secret string setting (literal)', path: `settings.${K.inferenceGatewayApiKey}`, put: (t) => setting({ [K.inferenceGatewayApiKey]: t }) },
  { label: 'a header value (inside JSON text)', path: `settings.${K.inferenceCustomHeaders}["X-A"]`, put: (t) => setting({ [K.inferenceCustomHeaders]: { 'X-A': t } }) },
  { label: 'a model name (inside JSON text)', path: `settings.${K.inferenceModels}[0].name`, put: (t) => setting({ [K.inferenceModels]: [{ name: t, anthropicFamilyTier: 'haiku' }] }) },
  { label: 'a string list item (inside JSON text)', path: `settings.${K.disabledBuiltinTools}[0]`, put: (t) => setting({ [K.disabledBuiltinTools]: [t] }) },
  { label: 'displayName', path: 'displayName', put: (t) => ({ ...base(), displayName: t }) },
  { label: 'organization', path: 'organization', put: (t) => ({ ...base(), organization: t }) },
  { label: 'description', path: 'description', put: (t) => ({ ...base(), description: t }) },
];

/** Whether a build of every format succeeds, and its findings when it does not. */
function build(profile: unknown, env: Record<string, string> = {}): { ok: boolean; findings: readonly Finding[] } {
  try {
    buildArtifacts(profile, { now: NOW, env });
    return { ok: true, findings: [] };
  } catch (e) {
    const findings = (e as { findings?: readonly Finding[] }).findings;
    if (!findings) throw e; // not a refusal: a bug
    return { ok: false, findings };
  }
}

function parity(place: Place, text: string): boolean {
  const profile = place.put(text);
  const v = validateProfile(profile, { now: NOW });
  const b = build(profile);
  const label = `${place.label}: ${JSON.stringify(text)}`;
  expect({ label, validates: v.ok }).toEqual({ label, validates: b.ok });
  if (!v.ok) {
    // The refusal is at the place, with a message a person can act on.
    expect({ label, at: v.findings.filter((f) => f.severity === 'error').map((f) => f.path) }).toEqual({ label, at: [place.path] });
  }
  return v.ok;
}

describe('validate accepts ⇔ build (all formats) succeeds', () => {
  test.each(PLACES.map((p) => [p.label, p]))('%s: every hostile character alone, at the start, inside and at the end', (_, place) => {
    const outcomes = new Set<boolean>();
    for (const ch of HOSTILE) for (const text of [ch, `a${ch}`, `a${ch}b`, `${ch}b`]) outcomes.add(parity(place as Place, text));
    // Both sides of the equivalence happen in every place.
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  test('generated strings of hostile fragments, in every place', () => {
    const text = fc.array(fc.constantFrom(...HOSTILE, 'a', 'Z', ' ', '0'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.constantFrom(...PLACES), text, (place, t) => {
      parity(place, t);
    }), { numRuns: 300, seed: 20260115 });
  });

  test('a secret from the environment: the literal validates ⇔ the build with the variable succeeds', () => {
    const withEnv = setting({ [K.inferenceGatewayApiKey]: { env: 'PARITY_KEY' } });
    for (const ch of HOSTILE) {
      for (const text of [`k${ch}`, `k${ch}k`]) {
        const literal = validateProfile(setting({ [K.inferenceGatewayApiKey]: text }), { now: NOW }).ok;
        const b = build(withEnv, { PARITY_KEY: text });
        expect({ text, validates: literal }).toEqual({ text, validates: b.ok });
        if (!b.ok) expect({ text, at: [...new Set(b.findings.filter((f) => f.severity === 'error').map((f) => f.path))] }).toEqual({ text, at: [`settings.${K.inferenceGatewayApiKey}`] });
      }
    }
  });

  test('the wording says which character, where, and which files cannot hold it', () => {
    const tab = validateProfile(setting({ [K.organizationInstructions]: 'a\tb' }), { now: NOW }).findings;
    expect(tab).toEqual([
      expect.objectContaining({
        code: 'control-character',
        path: `settings.${K.organizationInstructions}`,
        message: `the value of ${K.organizationInstructions} holds character U+0009 (TAB) at position 1, which cannot be stored in a .reg file`,
        hint: expect.stringMatching(/^remove it: regedit has no escape for control characters/),
      }),
    ]);
    const nel = validateProfile(setting({ [K.organizationInstructions]: 'a\u0085b' }), { now: NOW }).findings;
    expect(nel.map((f) => f.message)).toEqual([`the value of ${K.organizationInstructions} holds character U+0085 (NEL (next line)) at position 1, which cannot be stored in a .reg file`]);
    const ffff = validateProfile({ ...base(), description: 'x\uffff' }, { now: NOW }).findings;
    expect(ffff.map((f) => [f.path, f.message])).toEqual([['description', 'the description holds character U+FFFF (a noncharacter) at position 1, which cannot be stored in XML 1.0 (.mobileconfig, Jamf and Intune files)']]);
    // A TAB inside JSON text is escaped (\t) and fine; so is a line break (\n).
    expect(validateProfile(setting({ [K.inferenceModels]: [{ name: 'a\tb', anthropicFamilyTier: 'haiku' }] }), { now: NOW }).ok).toBe(true);
    expect(validateProfile(setting({ [K.banner]: { enabled: true, text: 'line 1\nline 2' } }), { now: NOW }).findings).toEqual([]);
    // A raw line break: only the .reg file cannot hold it; the message names the key, the character and the fix.
    expect(validateProfile(setting({ [K.organizationInstructions]: 'a\r\nb' }), { now: NOW }).findings).toEqual([
      expect.objectContaining({
        code: 'control-character',
        severity: 'error',
        message: `the value of ${K.organizationInstructions} holds character U+000D (CARRIAGE RETURN) at position 1, which cannot be stored in a .reg file`,
        hint: expect.stringMatching(/^a \.reg file has no escape for line breaks: write the text on one line, or leave reg out of the formats \(BuildOptions\.formats, --formats\)/),
      }),
    ]);
    // In a credential a line break is refused everywhere: it is sent in an HTTP header.
    const key = validateProfile(setting({ [K.inferenceGatewayApiKey]: 'sk-1\n' }), { now: NOW }).findings;
    expect(key.map((f) => [f.code, f.message])).toEqual([['control-character', `the value of ${K.inferenceGatewayApiKey} holds character U+000A (LINE FEED) at position 4; a credential must be one line (it is sent in an HTTP header or a token request)`]]);
    expect(formatOnlyStores(key[0] as Finding)).toBeUndefined();
    // NUL stays refused everywhere, inside JSON text too.
    const nul = validateProfile(setting({ [K.banner]: { enabled: true, text: 'a\u0000b' } }), { now: NOW }).findings;
    expect(nul.map((f) => [f.path, f.message])).toEqual([[`settings.${K.banner}.text`, `the value of ${K.banner}.text holds character U+0000 (NUL) at position 1, which no settings format can carry`]]);
    expect(formatOnlyStores(nul[0] as Finding)).toBeUndefined();
  });

  test('formatOnlyStores says which files cannot carry the character, and nothing for the ones no file can', () => {
    const first = (profile: unknown) => validateProfile(profile, { now: NOW }).findings[0] as Finding;
    expect(formatOnlyStores(first(setting({ [K.organizationInstructions]: 'a\tb' })))).toEqual(['reg']);
    expect(formatOnlyStores(first(setting({ [K.organizationInstructions]: 'a\uffffb' })))).toEqual(['xml']);
    expect(formatOnlyStores(first(setting({ [K.organizationInstructions]: 'a\ud800b' })))).toEqual(['reg', 'xml']);
    expect(formatOnlyStores(first({ ...base(), displayName: 'a\u0001' }))).toEqual(['xml']);
    expect(formatOnlyStores(first(setting({ [K.organizationInstructions]: 'a\nb' })))).toEqual(['reg']);
    expect(formatOnlyStores(first(setting({ [K.organizationInstructions]: 'a\u0001b' })))).toBeUndefined();
    expect(formatOnlyStores(first({ ...base(), settings: {} }))).toBeUndefined();
  });

  test('a character only .reg cannot carry does not stop a build that leaves reg out', () => {
    const profile = setting({ [K.organizationInstructions]: 'a\tb' });
    expect(validateProfile(profile, { now: NOW }).ok).toBe(false);
    expect(() => buildArtifacts(profile, { now: NOW, formats: ['mobileconfig', 'jamf', 'intune', 'json'] })).not.toThrow();
  });
});

/**
 * Values taken from the environment (`{ "env": "NAME" }` secrets) meet the rules a literal value
 * in the same place meets, reported with the path and the variable's name, never the value.
 */
import { buildArtifacts } from '../../lib/build';
import { ADMX_TEXT_MAX_LENGTH } from '../../lib/catalog';
import { prepareProfile, ProfileValidationError, validateProfile, type Finding } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');
const MARKER = 'sk-SECRET-MARKER-7f3a';

function gateway(settings: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'envtest',
    identifier: 'com.example.envtest',
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: { env: 'GW_KEY' }, ...settings },
  };
}

/** The findings prepareProfile throws (fails the test when it does not throw). */
function refused(profile: unknown, env: Record<string, string>): Finding[] {
  try {
    prepareProfile(profile, { env, now: NOW });
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileValidationError);
    const err = e as ProfileValidationError;
    // The secret never appears: not in a finding, not in the error's text.
    for (const v of Object.values(env)) {
      const core = v.trim();
      if (core.length >= 4) {
        expect(JSON.stringify(err.findings)).not.toContain(core);
        expect(err.message).not.toContain(core);
      }
    }
    return [...err.findings];
  }
  throw new Error('prepareProfile accepted the profile');
}

describe('secrets from the environment are validated like literal values', () => {
  test('a trailing newline: control-character naming the variable, a hint about the CI mistake, no value', () => {
    const [f, ...rest] = refused(gateway(), { GW_KEY: `${MARKER}\n` });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'control-character', severity: 'error', path: `settings.${K.inferenceGatewayApiKey}`, key: K.inferenceGatewayApiKey });
    expect(f?.message).toBe('environment variable GW_KEY ends with a line feed (U+000A): a setting value may not hold line breaks or other control characters');
    expect(f?.hint).toMatch(/strip the trailing newline where GW_KEY is set/);
    expect(f?.hint).toMatch(/printf '%s'/);
  });

  test('the literal value gets the same code at the same path', () => {
    const literal = validateProfile(gateway({ [K.inferenceGatewayApiKey]: `${MARKER}\n` }), { now: NOW });
    const fromEnv = refused(gateway(), { GW_KEY: `${MARKER}\n` });
    expect(fromEnv.map((f) => `${f.code}@${f.path}`)).toEqual(literal.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.path}`));
  });

  test.each([
    ['CR LF at the end', `${MARKER}\r\n`, 'ends with a line break (CR LF, U+000D U+000A)', /trailing newline/],
    ['a line feed inside', `${MARKER}\nX`, `holds a line feed (U+000A) at position ${MARKER.length}`, /remove it from GW_KEY/],
    // The first break is inside: the CI hint about a trailing newline would not fix it, though the value ends with one too.
    ['a line feed inside and one at the end', `${MARKER}\nX\n`, `holds a line feed (U+000A) at position ${MARKER.length}`, /^remove it from GW_KEY where the secret is set$/],
    ['NUL at the start', `\u0000${MARKER}`, 'starts with a NUL character (U+0000)', /remove it from GW_KEY/],
    ['an escape character', `${MARKER}\u001b[0m`, `holds a control character U+001B at position ${MARKER.length}`, /remove it from GW_KEY/],
  ])('%s', (_, value, words, hint) => {
    const [f] = refused(gateway(), { GW_KEY: value });
    expect(f?.code).toBe('control-character');
    expect(f?.message).toContain(`environment variable GW_KEY ${words}`);
    expect(f?.hint).toMatch(hint);
  });

  test('a header value from the environment: the header rules (no CR, LF or NUL) apply', () => {
    const profile = gateway({ [K.inferenceGatewayApiKey]: 'k', [K.inferenceCustomHeaders]: { 'X-Team': { env: 'TEAM_HEADER' } } });
    const findings = refused(profile, { TEAM_HEADER: `${MARKER}\r\nInjected: 1` });
    expect(findings).toEqual([expect.objectContaining({ code: 'control-character', path: `settings.${K.inferenceCustomHeaders}["X-Team"]` })]);
    expect(findings[0]?.message).toMatch(/^environment variable TEAM_HEADER holds a carriage return \(U\+000D\) at position \d+/);
  });

  test('the placeholder marker from the environment', () => {
    const [f] = refused(gateway(), { GW_KEY: 'CHANGE_ME-please' });
    expect(f).toMatchObject({ code: 'placeholder', path: `settings.${K.inferenceGatewayApiKey}` });
    expect(f?.message).toMatch(/^environment variable GW_KEY: /);
  });

  test('a rule about the whole setting (Group Policy text limit) names the variable and never the value', () => {
    const long = MARKER + 'x'.repeat(ADMX_TEXT_MAX_LENGTH);
    const findings = refused(gateway({ [K.inferenceGatewayApiKey]: 'k', [K.inferenceCustomHeaders]: { 'X-Big': { env: 'BIG' } } }), { BIG: long });
    expect(findings).toEqual([expect.objectContaining({ code: 'value-too-long', path: `settings.${K.inferenceCustomHeaders}` })]);
    expect(findings[0]?.message).toContain('environment variable BIG');
  });

  test('set but empty is said so; unset is "not set"; both with the other problems', () => {
    const profile = gateway({ [K.inferenceCustomHeaders]: { 'X-A': { env: 'HDR_A' } } });
    const findings = refused(profile, { GW_KEY: '', HDR_A: `${MARKER}\n` });
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([
      ['missing-env', `settings.${K.inferenceGatewayApiKey}`, 'environment variable GW_KEY is set but empty'],
      ['control-character', `settings.${K.inferenceCustomHeaders}["X-A"]`, 'environment variable HDR_A ends with a line feed (U+000A): a setting value may not hold line breaks or other control characters'],
    ]);
    const unset = refused(gateway(), {});
    expect(unset.map((f) => f.message)).toEqual(['environment variable GW_KEY is not set']);
  });

  test('a clean value passes, and build writes it unchanged', () => {
    const r = prepareProfile(gateway(), { env: { GW_KEY: MARKER }, now: NOW });
    expect((r.profile.settings as Record<string, unknown>)[K.inferenceGatewayApiKey]).toBe(MARKER);
    expect(() => buildArtifacts(gateway(), { env: { GW_KEY: MARKER }, now: NOW })).not.toThrow();
  });

  test('build refuses a trailing newline in every format, also when formats are left out', () => {
    for (const formats of [undefined, ['mobileconfig', 'json'] as const]) {
      let error: unknown;
      try {
        buildArtifacts(gateway(), { env: { GW_KEY: `${MARKER}\n` }, now: NOW, ...(formats ? { formats: [...formats] } : {}) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProfileValidationError);
      const findings = (error as ProfileValidationError).findings;
      expect(findings.map((f) => f.code)).toEqual(['control-character']);
      expect(JSON.stringify(findings)).not.toContain(MARKER);
    }
  });

  test('an { env } reference where the catalogue wants an object is refused by validate (every build would fail)', () => {
    const r = validateProfile(gateway({ [K.inferenceCustomHeaders]: { env: 'ALL_HEADERS' } }), { now: NOW });
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'wrong-type', path: `settings.${K.inferenceCustomHeaders}`, message: `{"env": "ALL_HEADERS"} stands for one text value, but ${K.inferenceCustomHeaders} takes an object` })]);
    expect(() => buildArtifacts(gateway({ [K.inferenceCustomHeaders]: { env: 'ALL_HEADERS' } }), { env: { GW_KEY: 'k', ALL_HEADERS: 'X-A=1' }, now: NOW })).toThrow(ProfileValidationError);
  });
});

test('a TAB in an environment secret: a full build refuses it at the .reg writer, naming the variable, never the value', () => {
  let error: unknown;
  try {
    buildArtifacts(gateway(), { env: { GW_KEY: `${MARKER}\tx` }, now: NOW });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ProfileValidationError);
  const findings = (error as ProfileValidationError).findings.filter((f) => f.code === 'cannot-write');
  expect(findings.map((f) => f.path)).toEqual([`settings.${K.inferenceGatewayApiKey}`]);
  expect(findings[0]?.hint).toMatch(/environment variable GW_KEY/);
  expect(JSON.stringify((error as ProfileValidationError).findings)).not.toContain(MARKER);
  // The formats that can carry it build.
  expect(buildArtifacts(gateway(), { env: { GW_KEY: `${MARKER}\tx` }, now: NOW, formats: ['mobileconfig', 'json'] }).files.length).toBeGreaterThan(0);
});

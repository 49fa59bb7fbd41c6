/**
 * Limits validation enforces so that later layers never fail on a valid profile: the nesting
 * depth (a deeper value overflowed the stack in the migration and the settings walk, with no file
 * or place in the message), and the largest integer the Windows policy formats can carry (build
 * refused it after validate had accepted it).
 */
import { buildArtifacts } from '../../lib/build';
import { ADMX_TEXT_MAX_LENGTH, CATALOG } from '../../lib/catalog';
import { WINDOWS_INTEGER_MAX } from '../../lib/validate/rules/keys';
import { ADMX_DECIMAL_CAP } from '../../lib/writers/admx-model';
import { MAX_PROFILE_DEPTH, tooDeepPath } from '../../lib/profile/depth';
import { prepareProfile, ProfileValidationError, validateProfile, type Finding } from '../../lib/validate';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');

function gateway(settings: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'test', identifier: 'com.example.test',
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }], ...settings },
  };
}

/** `levels` objects nested inside one another, innermost holding 1: `{"a":{"a":…1}}`. */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/** How many objects and arrays the deepest value of `v` sits inside. */
function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

const tooDeep = (fs: readonly Finding[]) => fs.filter((f) => f.code === 'too-deep');

describe('nesting depth', () => {
  test(`every example and the all-keys fixture nest far less than the limit (${MAX_PROFILE_DEPTH})`, () => {
    const profiles = [...loadExamples().map((e) => e.profile), loadFixtureProfile('all-keys.profile.json').profile, loadFixtureProfile('hostile.profile.json').profile];
    for (const p of profiles) {
      expect(depthOf(p)).toBeLessThanOrEqual(8);
      expect(tooDeepPath(p)).toBeUndefined();
    }
  });

  test('a value inside exactly the limit of objects and arrays passes the depth check; one level more is refused with its path', () => {
    // root → settings → the model list → [0] → x: x's value sits inside 4 containers.
    const at = (levels: number) => gateway({ [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku', x: nested(levels) }] });
    expect(tooDeep(validateProfile(at(MAX_PROFILE_DEPTH - 4), { now: NOW }).findings)).toEqual([]);
    const r = validateProfile(at(MAX_PROFILE_DEPTH - 3), { now: NOW });
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'too-deep', severity: 'error', path: `settings.${K.inferenceModels}[0].x`, message: `the value of ${K.inferenceModels} nests more than ${MAX_PROFILE_DEPTH - 2} objects and arrays deep (it passes the limit ${MAX_PROFILE_DEPTH - 3} levels below here)`, hint: expect.stringContaining('flatten') }),
    ]);
  });

  test('a 100,000-level value anywhere: one finding naming where it starts, no stack overflow (validate, prepare, build)', () => {
    const cases: [Record<string, unknown>, string][] = [
      [gateway({ [K.inferenceCustomHeaders]: { 'X-A': nested(100_000) } }), `settings.${K.inferenceCustomHeaders}["X-A"].a`],
      [{ ...gateway({}), extra: nested(100_000) }, 'extra.a.a.a'],
      [gateway({ notAKey: [nested(100_000)] }), 'settings.notAKey[0].a'],
    ];
    for (const [profile, path] of cases) {
      expect(tooDeep(validateProfile(profile, { now: NOW }).findings).map((f) => f.path)).toEqual([path]);
      // The message says where the limit is passed, not how deep the value goes (never counted past the limit).
      expect(tooDeep(validateProfile(profile, { now: NOW }).findings)[0]?.message).toMatch(/(it passes the limit \d+ levels below here\)|sits inside more than)/);
      expect(() => prepareProfile(profile, { now: NOW })).toThrow(ProfileValidationError);
      let error: unknown;
      try {
        buildArtifacts(profile, { now: NOW, formats: ['reg'] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProfileValidationError);
      expect(tooDeep((error as ProfileValidationError).findings).map((f) => f.path)).toEqual([path]);
    }
  });

  test('a cyclic object given through the API is refused, not walked for ever', () => {
    const headers: Record<string, unknown> = {};
    headers.self = headers;
    const r = validateProfile(gateway({ [K.inferenceCustomHeaders]: headers }), { now: NOW });
    expect(tooDeep(r.findings).map((f) => f.path)).toEqual([`settings.${K.inferenceCustomHeaders}.self.self`]);
  });
});

describe('integers without a catalogue maximum', () => {
  const unbounded = CATALOG.filter((k) => k.type === 'integer' && k.maximum === undefined && k.availability !== 'bootstrap');
  const tooLarge = (fs: readonly Finding[]) => fs.filter((f) => f.code === 'integer-too-large');

  test('the cap is the ADMX decimal cap the Windows writers use', () => {
    expect(WINDOWS_INTEGER_MAX).toBe(ADMX_DECIMAL_CAP);
    expect(unbounded.length).toBeGreaterThan(0);
  });

  test.each(unbounded.map((k) => [k.name]))('%s: the cap itself builds every format; one more is refused by validate with the path, the cap and a hint', (name) => {
    const at = (n: number) => gateway({ [name]: n, [K.inferenceTokenWindowHours]: 24 });
    expect(tooLarge(validateProfile(at(WINDOWS_INTEGER_MAX), { now: NOW }).findings)).toEqual([]);
    expect(() => buildArtifacts(at(WINDOWS_INTEGER_MAX), { now: NOW })).not.toThrow();
    const r = validateProfile(at(WINDOWS_INTEGER_MAX + 1), { now: NOW });
    expect(r.ok).toBe(false);
    expect(tooLarge(r.findings)).toEqual([
      expect.objectContaining({ severity: 'error', path: `settings.${name}`, key: name, message: expect.stringContaining(`at most ${WINDOWS_INTEGER_MAX}`), hint: expect.stringMatching(/^use a whole number from \d+ to 2000000000$/) }),
    ]);
    expect(() => buildArtifacts(at(WINDOWS_INTEGER_MAX + 1), { now: NOW })).toThrow(ProfileValidationError);
  });
});

describe('JSON text longer than an ADMX text field (value-too-long)', () => {
  const structured = CATALOG.filter((k) => k.type === 'stringList' || k.type === 'object' || k.type === 'objectList');
  const long = 'a'.repeat(ADMX_TEXT_MAX_LENGTH);
  const tooLong = (type: string): unknown => (type === 'stringList' ? [long] : type === 'object' ? { x: long } : [{ x: long }]);
  const findings = (name: string, type: string) => validateProfile(gateway({ [name]: tooLong(type) }), { now: NOW }).findings.filter((f) => f.code === 'value-too-long');
  const first = (availability: string) => structured.find((k) => k.availability === availability);

  test.each(['both', 'mdm', 'bootstrap'])('there is a structured key available by %s to test', (availability) => {
    expect(first(availability)).toBeDefined();
  });

  test('a key MDM and bootstrap both deliver: an error whose hint offers bootstrap', () => {
    const k = first('both')!;
    expect(findings(k.name, k.type)).toEqual([expect.objectContaining({ severity: 'error', key: k.name, hint: 'shorten the list, or deliver it by bootstrap instead' })]);
  });

  test('an MDM-only key: an error whose hint does not offer bootstrap', () => {
    const k = first('mdm')!;
    expect(findings(k.name, k.type)).toEqual([expect.objectContaining({ severity: 'error', key: k.name, hint: expect.not.stringContaining('deliver it by bootstrap') })]);
  });

  test('a bootstrap-only key never goes through the ADMX template: no such finding', () => {
    const k = first('bootstrap')!;
    expect(findings(k.name, k.type)).toEqual([]);
  });
});

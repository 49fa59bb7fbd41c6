/**
 * The public API called the way plain JavaScript (or a value parsed from a config file) can call
 * it: wrong argument and option types give a clear error at the boundary, naming the argument
 * and what is expected, instead of an internal TypeError deep inside, a finding with a CLI-only
 * hint, or silence. Also: validateProfile's `ok` promises a build as far as value sizes go, and
 * the exported constant tables are frozen.
 */
import * as lib from '../../lib';
import { loadExamples } from '../support/examples';
import { K } from '../support/keys';

const example = loadExamples().find((e) => e.file.startsWith('litellm')) ?? loadExamples()[0]!;
const { profile, env } = example;
/** Calls `fn` with arguments the types forbid (what a plain JavaScript caller can do). */
const loose = <T>(fn: T): ((...args: unknown[]) => unknown) => fn as unknown as (...args: unknown[]) => unknown;
const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

describe('buildArtifacts options.formats', () => {
  test.each([
    [['mobilconfig'], /unknown format "mobilconfig"; choose one or more of mobileconfig, reg/],
    [['reg', 'nope', 7], /unknown format "nope", an integer/],
    ['reg', /options\.formats must be an array of format names, not a string; choose one or more of mobileconfig/],
    [[], /options\.formats is empty; choose one or more of mobileconfig/],
  ])('%j is refused, naming the bad value and the valid formats', (formats, message) => {
    const e = thrown(() => lib.buildArtifacts(profile, { env, formats: formats as lib.OutputFormat[] }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(message);
    for (const f of lib.OUTPUT_FORMATS) expect(e.message).toContain(f);
  });

  test('known formats still build only those', () => {
    const r = lib.buildArtifacts(profile, { env, formats: ['reg'] });
    expect(r.files.some((f) => f.path.endsWith('.reg'))).toBe(true);
    expect(r.files.some((f) => f.path.endsWith('.mobileconfig'))).toBe(false);
  });

  test('a writer finding from the library names the option neutrally, not only the CLI flag', () => {
    const e = thrown(() => lib.buildArtifacts(profile, { env, payloadForm: 'bogus' as lib.PayloadForm, formats: ['mobileconfig'] })) as lib.ProfileValidationError;
    expect(e).toBeInstanceOf(lib.ProfileValidationError);
    expect(e.findings[0]?.hint).toContain('BuildOptions.formats');
  });
});

describe('validateProfile ok means the values fit every format', () => {
  const long = { ...profile, settings: { ...profile.settings, [K.inferenceGatewayBaseUrl]: `https://a.example/${'x'.repeat(40000)}` } };

  test('a string value longer than a Group Policy/Intune text field is a value-too-long error', () => {
    const r = lib.validateProfile(long);
    expect(r.ok).toBe(false);
    const f = r.findings.find((x) => x.code === 'value-too-long');
    expect(f?.path).toBe(`settings.${K.inferenceGatewayBaseUrl}`);
    expect(f?.message).toContain(String(lib.ADMX_TEXT_MAX_LENGTH));
    expect(f?.message).not.toContain('xxxx');
  });

  test('a 10-million-character value: one finding, no stack overflow, in validate and build', () => {
    const huge = { ...profile, settings: { ...profile.settings, [K.inferenceGatewayBaseUrl]: `https://a.example/${'x'.repeat(10_000_000)}` } };
    expect(lib.validateProfile(huge).findings.map((f) => f.code)).toContain('value-too-long');
    const e = thrown(() => lib.buildArtifacts(huge, { env })) as lib.ProfileValidationError;
    expect(e.findings.map((f) => f.code)).toEqual(['value-too-long']);
  });

  test('a value at the limit validates and builds', () => {
    const url = 'https://a.example/';
    const fits = { ...profile, settings: { ...profile.settings, [K.inferenceGatewayBaseUrl]: url + 'x'.repeat(lib.ADMX_TEXT_MAX_LENGTH - url.length) } };
    expect(lib.validateProfile(fits).findings.filter((f) => f.code === 'value-too-long')).toEqual([]);
    expect(() => lib.buildArtifacts(fits, { env })).not.toThrow();
  });
});

describe('now must be a valid Date', () => {
  test.each([['2027-01-01'], [new Date('x')], [0]])('%p: a TypeError naming the option', (now) => {
    expect(() => lib.validateProfile(profile, { now } as unknown as lib.ValidateOptions)).toThrow(/validateProfile: options\.now must be a valid Date/);
    expect(() => lib.buildArtifacts(profile, { env, now } as unknown as lib.BuildOptions)).toThrow(/buildArtifacts: options\.now must be a valid Date/);
    expect(() => lib.checkArtifacts([], { now } as unknown as lib.CheckOptions)).toThrow(/checkArtifacts: options\.now/);
    expect(() => lib.migrateSettings({}, { now } as unknown as lib.MigrationOptions)).toThrow(/migrateSettings: options\.now/);
    expect(() => lib.importArtifact(Buffer.from('{}'), { now } as unknown as lib.ImportOptions)).toThrow(/importArtifact: options\.now/);
    expect(thrown(() => lib.validateProfile(profile, { now } as unknown as lib.ValidateOptions))).toBeInstanceOf(TypeError);
  });

  test('validateProfile still never throws for a bad profile', () => {
    expect(lib.validateProfile('x').ok).toBe(false);
    expect(lib.validateProfile(null, { now: new Date('2027-01-01') }).ok).toBe(false);
  });
});

describe('signing material', () => {
  test.each([
    [{}, /options\.signing\.certificatePem must be a string/],
    ['x', /options\.signing must be an object with certificatePem and privateKeyPem/],
    [{ certificatePem: 'a' }, /options\.signing\.privateKeyPem must be a string/],
    [{ certificatePem: 'a', privateKeyPem: 'b', passphrase: 5 }, /options\.signing\.passphrase must be a string/],
  ])('buildArtifacts signing %j: a SigningError naming the field', (signing, message) => {
    const e = thrown(() => lib.buildArtifacts(profile, { env, signing } as unknown as lib.BuildOptions)) as lib.SigningError;
    expect(e).toBeInstanceOf(lib.SigningError);
    expect(e.code).toBe('bad-option');
    expect(e.message).toMatch(message);
  });

  test('signMobileconfig and createProfileSigner without options', () => {
    const e = thrown(() => loose(lib.signMobileconfig)(Buffer.from('<plist/>')));
    expect(e).toBeInstanceOf(lib.SigningError);
    expect(e.message).toMatch(/signMobileconfig: options must be an object/);
    expect(thrown(() => loose(lib.createProfileSigner)({ certificatePem: 1, privateKeyPem: '' })).message).toMatch(/createProfileSigner: options\.certificatePem must be a string/);
    expect(thrown(() => loose(lib.signMobileconfig)('text', { certificatePem: 'a', privateKeyPem: 'b' }))).toBeInstanceOf(TypeError);
  });
});

describe('wrong argument types from plain JavaScript', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['importArtifact string', () => loose(lib.importArtifact)('x'), /importArtifact: bytes must be the file's bytes \(a Buffer or Uint8Array\), not a string/],
    ['importArtifact undefined', () => loose(lib.importArtifact)(undefined), /importArtifact: bytes must be .* not undefined/],
    ['diffArtifacts strings', () => loose(lib.diffArtifacts)('a', 'b'), /diffArtifacts: a \(a \{ bytes, file \} object\) must be an object/],
    ['diffArtifacts no bytes', () => loose(lib.diffArtifacts)({ file: 'a' }, { file: 'b', bytes: Buffer.alloc(0) }), /diffArtifacts: a\.bytes must be/],
    ['checkArtifacts string', () => loose(lib.checkArtifacts)('x'), /checkArtifacts: inputs must be an array of \{ name, bytes \}/],
    ['checkArtifacts string bytes', () => loose(lib.checkArtifacts)([{ name: 'a', bytes: 'x' }]), /checkArtifacts: inputs\[0\]\.bytes must be/],
    ['checkArtifact string', () => loose(lib.checkArtifact)('<plist/>', 'x.plist'), /checkArtifact: bytes must be/],
    ['buildArtifacts null options', () => loose(lib.buildArtifacts)(profile, null), /buildArtifacts: options must be an object \(or left out\), not null/],
    ['presetProfile unknown', () => loose(lib.presetProfile)('bogus'), /presetProfile: unknown preset "bogus"; choose one of truefoundry, litellm/],
    ['encodeValue unknown type', () => loose(lib.encodeValue)('bogus', 1), /encodeValue: unknown type "bogus"; use one of string, boolean/],
    ['decodeValue unknown type', () => loose(lib.decodeValue)('bogus', '1'), /decodeValue: unknown type "bogus"/],
    ['toolVersion number', () => loose(lib.buildArtifacts)(profile, { env, toolVersion: 5 }), /options\.toolVersion must be a non-empty string .*not an integer/],
    ['toolVersion empty', () => loose(lib.buildArtifacts)(profile, { env, toolVersion: '' }), /options\.toolVersion must be a non-empty string .*not an empty string/],
  ])('%s: a TypeError naming the argument', (_, call, message) => {
    const e = thrown(call);
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(message);
  });

  test('a Uint8Array is accepted wherever a Buffer is', () => {
    const built = lib.buildArtifacts(profile, { env, formats: ['mobileconfig'] });
    const file = built.files.find((f) => f.path.endsWith('.mobileconfig'))!;
    const copy = new Uint8Array(file.bytes.length + 8).subarray(4, 4 + file.bytes.length);
    copy.set(file.bytes);
    expect(lib.importArtifact(copy).profile.settings).toEqual(lib.importArtifact(file.bytes).profile.settings);
    expect(lib.checkArtifact(copy, 'a.mobileconfig').errors).toBe(0);
    expect(lib.checkArtifacts([{ name: 'a.mobileconfig', bytes: copy }]).ok).toBe(true);
    expect(lib.diffArtifacts({ bytes: copy, file: 'a.mobileconfig' }, { bytes: file.bytes, file: 'b.mobileconfig' }).same).toBe(true);
  });

  test('a string toolVersion is still recorded', () => {
    const r = lib.buildArtifacts(profile, { env, toolVersion: '1.2.3', formats: ['json'] });
    const manifest = JSON.parse(r.files.find((f) => f.path === 'manifest.json')!.bytes.toString('utf8')) as lib.Manifest;
    expect(manifest.tool.version).toBe('1.2.3');
  });
});

describe('exported constant tables are frozen', () => {
  test('OUTPUT_FORMATS, PRESET_NAMES, the catalogue list and the small tables cannot be changed by a caller', () => {
    expect(Object.isFrozen(lib.OUTPUT_FORMATS)).toBe(true);
    expect(Object.isFrozen(lib.PRESET_NAMES)).toBe(true);
    expect(Object.isFrozen(lib.CATALOG)).toBe(true);
    expect(Object.isFrozen(lib.SECTIONS)).toBe(true);
    expect(Object.isFrozen(lib.PROVIDER_REQUIREMENTS)).toBe(true);
    expect(() => (lib.OUTPUT_FORMATS as lib.OutputFormat[]).push('reg')).toThrow(TypeError);
    expect(() => (lib.CATALOG as lib.KeyDef[]).pop()).toThrow(TypeError);
    expect(lib.buildArtifacts(profile, { env }).files.length).toBeGreaterThan(10);
  });
});

describe('checkArtifacts on a build\'s own files', () => {
  const built = lib.buildArtifacts(profile, { env });
  const inputs = built.files.map((f) => ({ name: f.path, bytes: f.bytes }));

  test('skipNonArtifacts skips DEPLOY.md and egress.txt as the CLI does for a folder, and the build checks clean', () => {
    const report = lib.checkArtifacts(inputs, { skipNonArtifacts: true });
    expect(report.files.filter((f) => f.skipped).map((f) => f.file).sort()).toEqual(['DEPLOY.md', 'egress.txt']);
    expect(report.files.filter((f) => f.errors > 0)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  test('by default every input must be an artifact', () => {
    const report = lib.checkArtifacts(inputs);
    expect(report.ok).toBe(false);
    expect(report.files.find((f) => f.file === 'DEPLOY.md')?.findings.map((f) => f.code)).toEqual(['unknown-kind']);
  });
});

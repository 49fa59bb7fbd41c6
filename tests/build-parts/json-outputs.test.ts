import { CATALOG, findKey, isBootstrapKey, isMdmKey, type Settings } from '../../lib/catalog';
import { decodeValue } from '../../lib/encode';
import { profileValidator } from '../../lib/validate/schema-check';
import { configLibraryEntryPath, configLibraryId, JSON_OUTPUT_PATHS, jsonArtifacts } from '../../lib/writers/json-outputs';
import type { Artifact } from '../../lib/artifact';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { resolved, schemaValidator, secretMarkerProfile } from './support';
import { K } from '../support/keys';

const validators = {
  managed: schemaValidator('managed-settings.schema.json'),
  meta: schemaValidator('config-library-meta.schema.json'),
  entry: schemaValidator('config-library-entry.schema.json'),
  bootstrap: schemaValidator('bootstrap-response.schema.json'),
};

const parse = (a: Artifact): Record<string, unknown> => JSON.parse(a.bytes.toString('utf8')) as Record<string, unknown>;
const byPath = (arts: Artifact[], path: string): Artifact => {
  const a = arts.find((x) => x.path === path);
  if (!a) throw new Error(`no artifact ${path} in ${arts.map((x) => x.path).join(', ')}`);
  return a;
};

/** Fails with ajv's own message, so a broken output says why. */
function expectValid(v: (typeof validators)[keyof typeof validators], data: unknown): void {
  const ok = v(data);
  expect(ok ? 'valid' : JSON.stringify(v.errors)).toBe('valid');
}

const BOOTSTRAP_PROFILE: Settings = {
  [K.inferenceProvider]: 'gateway',
  [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
  [K.inferenceGatewayApiKey]: 'key-123',
  [K.bootstrapUrl]: 'https://boot.example.com/bootstrap',
  [K.bootstrapOidc]: { clientId: 'c', issuer: 'https://sso.example.com' },
  [K.egressProxyUrl]: 'http://proxy.example.com:3128',
  [K.disableDeploymentModeChooser]: true,
  [K.inferenceModels]: [{ name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' }, 'claude-haiku-4-5'],
  [K.claudeAiImport]: { enabled: true, url: 'https://claude.ai' },
  [K.autoUpdaterEnforcementHours]: 24,
};

describe('jsonArtifacts on the examples', () => {
  test.each(loadExamples().map((e) => [e.file, e] as const))('%s', (_file, ex) => {
    const arts = jsonArtifacts(ex.resolved);
    const id = configLibraryId(ex.resolved);
    expect(arts.map((a) => a.path)).toEqual([JSON_OUTPUT_PATHS.settings, JSON_OUTPUT_PATHS.linuxManaged, JSON_OUTPUT_PATHS.configLibraryMeta, `config-library/${id}.json`]);
    const settings = ex.resolved.settings as Record<string, unknown>;

    for (const a of arts) {
      const text = a.bytes.toString('utf8');
      // UTF-8 without BOM, 2-space indent, one trailing LF.
      expect(a.bytes[0]).not.toBe(0xef);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(a.mediaType).toBe('application/json');
    }

    // Settings and Linux managed file: MDM keys only, string-encoded, catalogue order, decoding back to the profile's values.
    for (const path of [JSON_OUTPUT_PATHS.settings, JSON_OUTPUT_PATHS.linuxManaged]) {
      const obj = parse(byPath(arts, path));
      expectValid(validators.managed, obj);
      const keys = Object.keys(obj);
      expect(keys).toEqual(CATALOG.filter((k) => isMdmKey(k) && settings[k.name] !== undefined).map((k) => k.name));
      for (const k of keys) {
        const def = findKey(k)!;
        const back = decodeValue(def.type, obj[k] as string);
        expect(back).toEqual({ ok: true, value: settings[k] });
      }
    }

    // Config library.
    const meta = parse(byPath(arts, JSON_OUTPUT_PATHS.configLibraryMeta));
    expectValid(validators.meta, meta);
    expect(meta).toEqual({ appliedId: id, entries: [{ id, name: ex.resolved.displayName }] });
    const entry = parse(byPath(arts, configLibraryEntryPath(ex.resolved)));
    expectValid(validators.entry, entry);
    expect(Object.keys(entry)).toEqual(CATALOG.filter((k) => isMdmKey(k) && settings[k.name] !== undefined).map((k) => k.name));
    for (const k of Object.keys(entry)) expect(entry[k]).toEqual(settings[k]);
    // Native values of the right type per key: the entry passes the profile schema as settings.
    const asProfile = { name: 'x', identifier: 'com.example.x', settings: entry };
    expect(profileValidator()(asProfile) ? 'valid' : JSON.stringify(profileValidator().errors)).toBe('valid');
  });

  test('the hostile fixture round-trips through JSON', () => {
    const { resolved: profile } = loadFixtureProfile('hostile.profile.json');
    const arts = jsonArtifacts(profile);
    const entry = parse(byPath(arts, configLibraryEntryPath(profile)));
    expect(entry[K.inferenceCustomHeaders]).toEqual(profile.settings[K.inferenceCustomHeaders]);
    expect(entry[K.inferenceModels]).toEqual(profile.settings[K.inferenceModels]);
    expect(parse(byPath(arts, JSON_OUTPUT_PATHS.configLibraryMeta))).toMatchObject({ entries: [{ name: profile.displayName }] });
  });
});

describe('config library id', () => {
  test('a lower-case UUIDv5 of the identifier, the same whatever the settings', () => {
    const a = resolved({ [K.inferenceProvider]: 'gateway' }, { identifier: 'com.acme.claude' });
    const b = resolved({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1' }, { identifier: 'com.acme.claude', name: 'other' });
    const c = resolved({ [K.inferenceProvider]: 'gateway' }, { identifier: 'com.acme.claude2' });
    expect(configLibraryId(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(configLibraryId(a)).toBe(configLibraryId(b));
    expect(configLibraryId(a)).not.toBe(configLibraryId(c));
  });

  test('is stable across releases (a changed id would add a second library entry on every machine)', () => {
    expect(configLibraryId({ identifier: 'com.acme.claude.truefoundry' })).toBe('c972eb82-4f2b-558f-a906-4e37d6e72a68');
  });
});

describe('bootstrap response', () => {
  test(`only when the profile sets ${K.bootstrapUrl}`, () => {
    for (const ex of loadExamples()) expect(jsonArtifacts(ex.resolved).some((a) => a.path === JSON_OUTPUT_PATHS.bootstrapResponse)).toBe(false);
    expect(jsonArtifacts(resolved(BOOTSTRAP_PROFILE)).map((a) => a.path)).toContain(JSON_OUTPUT_PATHS.bootstrapResponse);
  });

  test('bootstrap-deliverable keys with native values, catalogue order, valid against its schema', () => {
    const profile = resolved(BOOTSTRAP_PROFILE);
    const arts = jsonArtifacts(profile);
    const body = parse(byPath(arts, JSON_OUTPUT_PATHS.bootstrapResponse));
    expectValid(validators.bootstrap, body);
    const settings = profile.settings as Record<string, unknown>;
    const expected = CATALOG.filter((k) => isBootstrapKey(k) && settings[k.name] !== undefined).map((k) => k.name);
    expect(Object.keys(body)).toEqual(expected);
    // MDM-only keys (the bootstrap trust anchor itself, the proxy, the chooser) are never served.
    for (const k of [K.bootstrapUrl, K.bootstrapOidc, K.egressProxyUrl, K.disableDeploymentModeChooser]) expect(body).not.toHaveProperty(k);
    // Bootstrap-only keys are served, and not in the MDM files.
    expect(body[K.claudeAiImport]).toEqual({ enabled: true, url: 'https://claude.ai' });
    expect(parse(byPath(arts, JSON_OUTPUT_PATHS.settings))).not.toHaveProperty(K.claudeAiImport);
    expect(parse(byPath(arts, configLibraryEntryPath(profile)))).not.toHaveProperty(K.claudeAiImport);
    expect(body[K.inferenceModels]).toEqual(BOOTSTRAP_PROFILE[K.inferenceModels]);
    expect(body[K.autoUpdaterEnforcementHours]).toBe(24);
  });

  test('the bootstrap schema accepts expiresAt and rejects a non-object', () => {
    expect(validators.bootstrap({ expiresAt: '2026-12-01T00:00:00Z', [K.inferenceProvider]: 'gateway' })).toBe(true);
    expect(validators.bootstrap({ expiresAt: 'tomorrow' })).toBe(false);
    expect(validators.bootstrap([])).toBe(false);
  });
});

describe('schemas reject wrong shapes (they are real checks)', () => {
  test('managed settings: values must be strings', () => {
    expect(validators.managed({ [K.disableAutoUpdates]: true })).toBe(false);
    expect(validators.managed({ 'bad key': 'x' })).toBe(false);
    expect(validators.managed({ [K.disableAutoUpdates]: 'true' })).toBe(true);
  });
  test('meta: appliedId must be a lower-case uuid, entries need id and name', () => {
    const id = '0d2f6a3e-4b1c-4f5e-9a8b-7c6d5e4f3a2b';
    expect(validators.meta({ appliedId: id, entries: [{ id, name: 'x' }] })).toBe(true);
    expect(validators.meta({ appliedId: id.toUpperCase(), entries: [{ id, name: 'x' }] })).toBe(false);
    expect(validators.meta({ appliedId: id, entries: [{ id }] })).toBe(false);
    expect(validators.meta({ appliedId: id, entries: [] })).toBe(false);
  });
  test('entry: null values are not settings', () => {
    expect(validators.entry({ [K.inferenceProvider]: null })).toBe(false);
  });
  test('every catalogue key name fits the schemas\' key pattern', () => {
    const all = Object.fromEntries(CATALOG.map((k) => [k.name, 'x']));
    expect(validators.managed(all)).toBe(true);
  });
});

describe('determinism', () => {
  test('the profile\'s key order does not change the bytes', () => {
    const a = resolved(BOOTSTRAP_PROFILE);
    const b = resolved(Object.fromEntries(Object.entries(BOOTSTRAP_PROFILE).reverse()) as Settings);
    const bytes = (p: typeof a) => jsonArtifacts(p).map((x) => `${x.path}\n${x.bytes.toString('hex')}`);
    expect(bytes(b)).toEqual(bytes(a));
  });

  test('secrets are written in clear (these files are deployed) and every marker is in the MDM file', () => {
    const { profile, markers } = secretMarkerProfile();
    const text = byPath(jsonArtifacts(profile), JSON_OUTPUT_PATHS.settings).bytes.toString('utf8');
    for (const m of markers) expect(text).toContain(m);
  });
});

/**
 * Profiles `build` cannot turn into files are refused by `validate` first, and hints point where
 * the fix is: an empty or bootstrap-only `settings`, Entra IDs (copied, never generated), a
 * malformed `appVersion` (compared with nothing), a profile name starting with "-".
 */
import { buildArtifacts } from '../../lib/build';
import { CATALOG, getKey, isMdmKey } from '../../lib/catalog';
import { validateProfile, type Finding } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');
const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error');

function builds(profile: unknown): boolean {
  try {
    buildArtifacts(profile, { now: NOW });
    return true;
  } catch {
    return false;
  }
}

describe('settings that set nothing MDM can deliver', () => {
  test('empty settings: no-settings, with a hint naming the key to start from', () => {
    const profile = { name: 'e', identifier: 'com.acme.e', settings: {} };
    const r = validateProfile(profile, { now: NOW });
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'no-settings', severity: 'error', path: 'settings' })]);
    expect(r.findings[0]?.hint).toContain(`add at least ${K.inferenceProvider}`);
    expect(builds(profile)).toBe(false);
  });

  test('only bootstrap-only keys: no-settings naming them; one MDM key is enough', () => {
    const bootstrapOnly = CATALOG.filter((k) => !isMdmKey(k));
    expect(bootstrapOnly.length).toBeGreaterThan(0);
    const key = bootstrapOnly[0]!;
    const profile = { name: 'b', identifier: 'com.acme.b', settings: { [key.name]: { enabled: true } } };
    const r = validateProfile(profile, { now: NOW });
    expect(errors(r.findings)).toEqual([expect.objectContaining({ code: 'no-settings', path: 'settings' })]);
    expect(errors(r.findings)[0]?.message).toContain(key.name);
    expect(errors(r.findings)[0]?.hint).toContain(K.bootstrapUrl);
    expect(builds(profile)).toBe(false);
    const withMdm = { ...profile, settings: { ...profile.settings, [K.bootstrapUrl]: 'https://boot.example.com/claude' } };
    expect(errors(validateProfile(withMdm, { now: NOW }).findings).map((f) => f.code)).not.toContain('no-settings');
  });

  test('unknown keys alone are unknown-key errors, not also no-settings', () => {
    const r = validateProfile({ name: 'u', identifier: 'com.acme.u', settings: { notAClaudeKey: 1 } }, { now: NOW });
    expect(errors(r.findings).map((f) => f.code)).toEqual(['unknown-key']);
  });
});

describe('hints', () => {
  test('Entra tenant and client IDs: copy them from the app registration, never uuidgen', () => {
    const r = validateProfile({ name: 'f', identifier: 'com.acme.f', settings: { [K.inferenceProvider]: 'foundry', [K.inferenceFoundryTenantId]: 'nope', [K.inferenceFoundryClientId]: 'nope' } }, { now: NOW });
    const tenant = r.findings.find((f) => f.path === `settings.${K.inferenceFoundryTenantId}`);
    const client = r.findings.find((f) => f.path === `settings.${K.inferenceFoundryClientId}`);
    expect(tenant).toMatchObject({ code: 'bad-format' });
    expect(tenant?.hint).toMatch(/Entra admin center/);
    expect(tenant?.hint).toContain('Directory (tenant) ID');
    expect(client?.hint).toContain('Application (client) ID');
    for (const f of [tenant, client]) expect(f?.hint).not.toMatch(/uuidgen/);
  });

  test('a UUID you make up yourself keeps the uuidgen advice', () => {
    const uuidKey = getKey(K.deploymentOrganizationUuid);
    expect(uuidKey.format).toBe('uuid');
    const r = validateProfile({ name: 'u', identifier: 'com.acme.u', settings: { [K.inferenceProvider]: 'anthropic', [uuidKey.name]: 'nope' } }, { now: NOW });
    expect(r.findings.find((f) => f.path === `settings.${uuidKey.name}`)?.hint).toMatch(/uuidgen/);
  });

  test('a name starting with "-" is told to start with a letter or digit', () => {
    const r = validateProfile({ name: '-rf', identifier: 'com.acme.x', settings: { [K.inferenceProvider]: 'anthropic' } }, { now: NOW });
    const f = r.findings.find((x) => x.path === 'name');
    expect(f?.code).toBe('bad-format');
    expect(f?.hint).toMatch(/^it must start with a letter or digit/);
  });
});

describe('a malformed appVersion', () => {
  test.each(['abc', '1', '1.x'])('%s: one bad-format error and no comparison with it', (appVersion) => {
    const settings = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceStreamIdleTimeoutSec]: 30 };
    const r = validateProfile({ name: 'a', identifier: 'com.acme.a', appVersion, settings }, { now: NOW });
    expect(r.findings.map((f) => `${f.severity}:${f.code}:${f.path}`)).toEqual(['error:bad-format:appVersion']);
    expect(JSON.stringify(r.findings)).not.toContain(`machines on ${appVersion}`);
    // A valid old one still compares.
    const old = validateProfile({ name: 'a', identifier: 'com.acme.a', appVersion: '1.1000.0', settings }, { now: NOW });
    expect(old.findings.map((f) => f.code)).toContain('newer-than-fleet');
  });
});

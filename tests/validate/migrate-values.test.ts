/**
 * Two migrations the differential test never generates input for: a deprecated value whose
 * replacement is another key (the replacement never overrides what the profile already says),
 * and the retired `authorityHost` field of an MCP server (the reference maps it to
 * `azureCloud: "us-gov-high"`, section 5, and an `azureCloud` already written wins).
 */
import { migrateSettings } from '../../lib/migrate';
import { K } from '../support/keys';

const NOW = new Date('2026-01-15T00:00:00Z');

describe('a deprecated value whose replacement is another key', () => {
  test(`"sso" becomes ${K.inferenceCredentialKind} "interactive" when the kind is not set`, () => {
    const r = migrateSettings({ [K.inferenceGatewayAuthScheme]: 'sso' }, { now: NOW });
    expect(r.settings).toEqual({ [K.inferenceCredentialKind]: 'interactive' });
    expect(r.findings.map((f) => `${f.code}:${f.path}`)).toEqual([`deprecated-value:settings.${K.inferenceGatewayAuthScheme}`]);
  });

  test('a kind the profile sets itself is kept: the migration only removes the old value', () => {
    const r = migrateSettings({ [K.inferenceGatewayAuthScheme]: 'sso', [K.inferenceCredentialKind]: 'static' }, { now: NOW });
    expect(r.settings).toEqual({ [K.inferenceCredentialKind]: 'static' });
    expect(r.findings.map((f) => f.code)).toEqual(['deprecated-value']);
  });

  test('a replacement value for the key itself is written ("auto" → "bearer")', () => {
    expect(migrateSettings({ [K.inferenceGatewayAuthScheme]: 'auto' }, { now: NOW }).settings).toEqual({ [K.inferenceGatewayAuthScheme]: 'bearer' });
  });
});

describe(`${K.managedMcpServers}: the retired authorityHost field`, () => {
  const server = (extra: Record<string, unknown>) => ({ [K.managedMcpServers]: [{ name: 'm365', server: 'microsoft365', ...extra }] });

  test('becomes azureCloud "us-gov-high", reported at its place', () => {
    const r = migrateSettings(server({ authorityHost: 'https://login.microsoftonline.us' }), { now: NOW });
    expect(r.settings[K.managedMcpServers]).toEqual([{ name: 'm365', server: 'microsoft365', azureCloud: 'us-gov-high' }]);
    expect(r.findings.map((f) => `${f.code}:${f.path}`)).toEqual([`deprecated-shape:settings.${K.managedMcpServers}[0].authorityHost`]);
  });

  test('an azureCloud already written wins over the default of the migration', () => {
    const r = migrateSettings(server({ authorityHost: 'https://login.microsoftonline.us', azureCloud: 'us-gov-dod' }), { now: NOW });
    expect(r.settings[K.managedMcpServers]).toEqual([{ name: 'm365', server: 'microsoft365', azureCloud: 'us-gov-dod' }]);
  });
});

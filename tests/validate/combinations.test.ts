/**
 * The semantic rules about keys that only make sense together (lib/validate/rules/combinations.ts),
 * the model-list rules (models.ts, supports1m.ts) and the provider's key groups (provider.ts
 * `together`). The differential test runs these rules from the library on both sides (or never
 * generates the combination), so it cannot notice when one of them stops firing: each rule is
 * pinned here by a profile that triggers it and the smallest change that silences it.
 */
import { getKey } from '../../lib/catalog';
import { validateProfile, type Finding } from '../../lib/validate';
import { OAUTH_NEEDS_CLIENT_ID } from '../../lib/validate/rules/combinations';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const HAIKU = { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' };
const run = (settings: Record<string, unknown>): Finding[] => validateProfile({ name: 'test', identifier: 'com.example.test', settings }, { now: NOW }).findings;
const gateway = (extra: Record<string, unknown>): Finding[] =>
  run({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [HAIKU], ...extra });
const only = (fs: Finding[], code: string): string[] => fs.filter((f) => f.code === code).map((f) => `${f.severity}:${f.path}`);

describe('combinations', () => {
  test('token-cap-without-window: a cap without its window is a warning at the window key', () => {
    expect(only(gateway({ [K.inferenceMaxTokensPerWindow]: 100000 }), 'token-cap-without-window')).toEqual([`warning:settings.${K.inferenceTokenWindowHours}`]);
    expect(only(gateway({ [K.inferenceMaxTokensPerWindow]: 100000, [K.inferenceTokenWindowHours]: 24 }), 'token-cap-without-window')).toEqual([]);
    expect(only(gateway({ [K.inferenceTokenWindowHours]: 24 }), 'token-cap-without-window')).toEqual([]);
  });

  test('all-tabs-disabled: Cowork and Code off with Chat off or left unset', () => {
    const off = { [K.coworkTabEnabled]: false, [K.isClaudeCodeForDesktopEnabled]: false };
    expect(only(gateway(off), 'all-tabs-disabled')).toEqual([`warning:settings.${K.coworkTabEnabled}`]);
    expect(only(gateway({ ...off, [K.chatTabEnabled]: false }), 'all-tabs-disabled')).toEqual([`warning:settings.${K.coworkTabEnabled}`]);
    expect(only(gateway({ ...off, [K.chatTabEnabled]: true }), 'all-tabs-disabled')).toEqual([]);
    expect(only(gateway({ [K.coworkTabEnabled]: false }), 'all-tabs-disabled')).toEqual([]);
  });

  // The finding code spells the key's name: built from K, so a rename of the key shows up here.
  const NO_TEXT = `${K.banner}-without-text`;
  test(`${NO_TEXT}: an enabled ${K.banner} needs text that is not only white space`, () => {
    for (const value of [{ enabled: true }, { enabled: true, text: '' }, { enabled: true, text: '   ' }]) {
      expect(only(gateway({ [K.banner]: value }), NO_TEXT)).toEqual([`error:settings.${K.banner}.text`]);
    }
    expect(only(gateway({ [K.banner]: { enabled: true, text: 'Managed by IT' } }), NO_TEXT)).toEqual([]);
    expect(only(gateway({ [K.banner]: { enabled: false } }), NO_TEXT)).toEqual([]);
  });

  test('oidc-access-token-scopes: the gateway sign-in in access-token mode needs scopes', () => {
    const oidc = (extra: Record<string, unknown>) => ({ [K.inferenceGatewayOidc]: { issuer: 'https://idp.example.com', clientId: 'c', ...extra } });
    expect(only(gateway(oidc({ bearerTokenType: 'access_token' })), 'oidc-access-token-scopes')).toEqual([`error:settings.${K.inferenceGatewayOidc}.scopes`]);
    expect(only(gateway(oidc({ bearerTokenType: 'access_token', scopes: '  ' })), 'oidc-access-token-scopes')).toEqual([`error:settings.${K.inferenceGatewayOidc}.scopes`]);
    expect(only(gateway(oidc({ bearerTokenType: 'access_token', scopes: 'openid api://gw/.default' })), 'oidc-access-token-scopes')).toEqual([]);
    expect(only(gateway(oidc({ bearerTokenType: 'id_token' })), 'oidc-access-token-scopes')).toEqual([]);
    expect(only(gateway(oidc({})), 'oidc-access-token-scopes')).toEqual([]);
  });

  test('oidc-no-endpoints: every OIDC key needs an issuer, or both the authorization and the token URL', () => {
    for (const key of [K.inferenceGatewayOidc, K.bootstrapOidc, K.inferenceVertexWorkforceOidc]) {
      const at = (oidc: Record<string, unknown>) => only(run({ [key]: { clientId: 'c', ...oidc } }), 'oidc-no-endpoints');
      expect(at({})).toEqual([`error:settings.${key}`]);
      expect(at({ authorizationUrl: 'https://idp.example.com/authorize' })).toEqual([`error:settings.${key}`]);
      expect(at({ tokenUrl: 'https://idp.example.com/token' })).toEqual([`error:settings.${key}`]);
      expect(at({ authorizationUrl: 'https://idp.example.com/authorize', tokenUrl: 'https://idp.example.com/token' })).toEqual([]);
      expect(at({ issuer: 'https://idp.example.com' })).toEqual([]);
    }
  });

  test('bootstrap-without-url: any one bootstrap setting without the URL is a warning', () => {
    for (const extra of [{ [K.bootstrapEnabled]: true }, { [K.bootstrapHeaders]: { 'X-Team': 'a' } }, { [K.bootstrapOidc]: { clientId: 'c', issuer: 'https://idp.example.com' } }]) {
      expect(only(gateway(extra), 'bootstrap-without-url')).toEqual([`warning:settings.${K.bootstrapUrl}`]);
      expect(only(gateway({ ...extra, [K.bootstrapUrl]: 'https://boot.example.com/config' }), 'bootstrap-without-url')).toEqual([]);
    }
  });
});

describe('MCP servers', () => {
  const mcp = (server: Record<string, unknown>) => gateway({ [K.managedMcpServers]: [{ name: 'srv', ...server }] });
  const path = (...rest: string[]) => [`settings.${K.managedMcpServers}[0]`, ...rest].join('.');

  test('mcp-missing-url for http (also the default transport) and sse; mcp-missing-command for stdio', () => {
    expect(only(mcp({}), 'mcp-missing-url')).toEqual([`error:${path('url')}`]);
    expect(only(mcp({ transport: 'sse' }), 'mcp-missing-url')).toEqual([`error:${path('url')}`]);
    expect(only(mcp({ transport: 'sse', url: 'https://mcp.example.com/sse' }), 'mcp-missing-url')).toEqual([]);
    expect(only(mcp({ transport: 'stdio' }), 'mcp-missing-command')).toEqual([`error:${path('command')}`]);
    expect(only(mcp({ transport: 'stdio', command: '/usr/local/bin/srv' }), 'mcp-missing-command')).toEqual([]);
    // A built-in server needs neither.
    expect(only(mcp({ server: 'github' }), 'mcp-missing-url')).toEqual([]);
  });

  test('mcp-oauth-server: a client secret, or a helper that prints one, needs the authorization server', () => {
    const url = { url: 'https://mcp.example.com' };
    expect(only(mcp({ ...url, oauth: { clientId: 'c', clientSecret: 's' } }), 'mcp-oauth-server')).toEqual([`error:${path('oauth', 'authorizationServer')}`]);
    expect(only(mcp({ ...url, oauth: { clientId: 'c', clientSecretHelper: '/usr/local/bin/secret' } }), 'mcp-oauth-server')).toEqual([`error:${path('oauth', 'authorizationServer')}`]);
    expect(only(mcp({ ...url, oauth: { clientId: 'c', clientSecretHelper: '/usr/local/bin/secret', authorizationServer: ['https://idp.example.com'] } }), 'mcp-oauth-server')).toEqual([]);
    expect(only(mcp({ ...url, oauth: { clientId: 'c' } }), 'mcp-oauth-server')).toEqual([]);
  });

  test('mcp-oauth-client-id names only oauth fields of the catalogue (a rename there must show up here)', () => {
    const oauthFields = Object.keys(getKey(K.managedMcpServers).fields?.oauth?.fields ?? {});
    expect(oauthFields).toContain('clientId');
    expect(OAUTH_NEEDS_CLIENT_ID.filter((f) => !oauthFields.includes(f))).toEqual([]);
  });

  test('mcp-oauth-client-id: fields of a registered OAuth client need its clientId (the app drops the server)', () => {
    const url = { url: 'https://mcp.example.com' };
    const fields: Record<string, unknown> = { clientSecret: 's', clientSecretHelper: '/usr/local/bin/secret', tenantId: 't', callbackHost: 'localhost', callbackPort: 53999, authFlow: 'broker', authorizationServer: ['https://idp.example.com'] };
    for (const [field, value] of Object.entries(fields)) {
      const got = mcp({ ...url, oauth: { [field]: value } }).filter((f) => f.code === 'mcp-oauth-client-id');
      expect(got.map((f) => `${f.severity}:${f.path}`)).toEqual([`error:${path('oauth', 'clientId')}`]);
      expect(got[0]!.message).toContain(`oauth.${field} needs oauth.clientId`);
      expect(only(mcp({ ...url, oauth: { clientId: 'c', [field]: value } }), 'mcp-oauth-client-id')).toEqual([]);
    }
    expect(only(mcp({ ...url, oauth: true }), 'mcp-oauth-client-id')).toEqual([]);
    expect(only(mcp({ ...url, oauth: { scope: 'read', appendOfflineAccess: true } }), 'mcp-oauth-client-id')).toEqual([]);
  });

  test('mcp-oauth-scope and mcp-headers-with-oauth', () => {
    const url = { url: 'https://mcp.example.com' };
    expect(only(mcp({ ...url, oauth: { clientId: 'c', tenantId: 't' } }), 'mcp-oauth-scope')).toEqual([`error:${path('oauth', 'scope')}`]);
    expect(only(mcp({ ...url, oauth: { clientId: 'c', tenantId: 't', scope: 'api://x/.default' } }), 'mcp-oauth-scope')).toEqual([]);
    expect(only(mcp({ ...url, oauth: { clientId: 'c' }, headersHelper: '/usr/local/bin/h' }), 'mcp-headers-with-oauth')).toEqual([`error:${path('oauth')}`]);
    expect(only(mcp({ ...url, headersHelper: '/usr/local/bin/h' }), 'mcp-headers-with-oauth')).toEqual([]);
  });
});

describe('model list', () => {
  test('models-required: discovery off and no list is an error; discovery on or a list is fine', () => {
    const noModels = (extra: Record<string, unknown>) =>
      run({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', ...extra });
    expect(only(noModels({ [K.modelDiscoveryEnabled]: false }), 'models-required')).toEqual([`error:settings.${K.inferenceModels}`]);
    expect(only(noModels({ [K.modelDiscoveryEnabled]: true }), 'models-required')).toEqual([]);
    expect(only(noModels({}), 'models-required')).toEqual([]);
    expect(only(gateway({ [K.modelDiscoveryEnabled]: false }), 'models-required')).toEqual([]);
  });

  test('empty-models: an empty list is an error', () => {
    expect(only(gateway({ [K.inferenceModels]: [] }), 'empty-models')).toEqual([`error:settings.${K.inferenceModels}`]);
    expect(only(gateway({}), 'empty-models')).toEqual([]);
  });

  test('duplicate-family-default: only entries that say isFamilyDefault true count', () => {
    const models = (a: unknown, b: unknown) => [HAIKU, { name: 's1', anthropicFamilyTier: 'sonnet', isFamilyDefault: a }, { name: 's2', anthropicFamilyTier: 'sonnet', isFamilyDefault: b }];
    expect(only(gateway({ [K.inferenceModels]: models(true, true) }), 'duplicate-family-default')).toEqual([`warning:settings.${K.inferenceModels}[2].isFamilyDefault`]);
    expect(only(gateway({ [K.inferenceModels]: models(true, false) }), 'duplicate-family-default')).toEqual([]);
    expect(only(gateway({ [K.inferenceModels]: models(false, false) }), 'duplicate-family-default')).toEqual([]);
    // Different tiers are not duplicates.
    expect(only(gateway({ [K.inferenceModels]: [{ ...HAIKU, isFamilyDefault: true }, { name: 's', anthropicFamilyTier: 'sonnet', isFamilyDefault: true }] }), 'duplicate-family-default')).toEqual([]);
  });

  test('supports1m-unlikely is judged on each cloud provider (Bedrock, Vertex and Foundry), never on a gateway', () => {
    const models = [{ name: 'claude-3-5-haiku-20241022', anthropicFamilyTier: 'haiku', supports1m: true }];
    const cloud: Record<string, Record<string, unknown>> = {
      bedrock: { [K.inferenceBedrockRegion]: 'us-east-1', [K.inferenceBedrockBearerToken]: 'tok' },
      vertex: { [K.inferenceVertexProjectId]: 'p1', [K.inferenceVertexRegion]: 'us-east5' },
      foundry: { [K.inferenceFoundryResource]: 'acme', [K.inferenceFoundryApiKey]: 'k' },
    };
    for (const [provider, settings] of Object.entries(cloud)) {
      const fs = run({ [K.inferenceProvider]: provider, ...settings, [K.inferenceModels]: models });
      expect([provider, only(fs, 'supports1m-unlikely')]).toEqual([provider, [`warning:settings.${K.inferenceModels}[0].supports1m`]]);
      const fine = run({ [K.inferenceProvider]: provider, ...settings, [K.inferenceModels]: [HAIKU, { name: 'claude-opus-4-1', supports1m: true }] });
      expect([provider, only(fine, 'supports1m-unlikely')]).toEqual([provider, []]);
    }
    expect(only(gateway({ [K.inferenceModels]: models }), 'supports1m-unlikely')).toEqual([]);
  });
});

describe('provider key groups (incomplete-group)', () => {
  const SSO = { [K.inferenceBedrockSsoStartUrl]: 'https://a.awsapps.com/start', [K.inferenceBedrockSsoRegion]: 'us-east-1', [K.inferenceBedrockSsoAccountId]: '123456789012', [K.inferenceBedrockSsoRoleName]: 'r' };
  const bedrock = (extra: Record<string, unknown>) => run({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1', [K.inferenceModels]: [HAIKU], ...extra });

  test('one key of a pair is an error naming the other', () => {
    const vertex = run({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'p1', [K.inferenceVertexRegion]: 'us-east5', [K.inferenceModels]: [HAIKU], [K.inferenceVertexOAuthClientId]: 'x.apps.googleusercontent.com' });
    const f = vertex.filter((x) => x.code === 'incomplete-group');
    expect(f.map((x) => `${x.severity}:${x.path}`)).toEqual([`error:settings.${K.inferenceVertexOAuthClientSecret}`]);
    expect(f[0]?.message).toBe(`${K.inferenceVertexOAuthClientId} needs ${K.inferenceVertexOAuthClientSecret} too`);
    const foundry = run({ [K.inferenceProvider]: 'foundry', [K.inferenceFoundryResource]: 'acme', [K.inferenceModels]: [HAIKU], [K.inferenceFoundryTenantId]: '00000000-0000-0000-0000-000000000001' });
    expect(only(foundry, 'incomplete-group')).toEqual([`error:settings.${K.inferenceFoundryClientId}`]);
  });

  test('three of the four Bedrock SSO keys name the fourth; all four or none are fine', () => {
    const { [K.inferenceBedrockSsoRoleName]: _role, ...three } = SSO;
    const f = bedrock(three).filter((x) => x.code === 'incomplete-group');
    expect(f.map((x) => `${x.severity}:${x.path}`)).toEqual([`error:settings.${K.inferenceBedrockSsoRoleName}`]);
    expect(f[0]?.message).toBe(`${K.inferenceBedrockSsoStartUrl}, ${K.inferenceBedrockSsoRegion}, ${K.inferenceBedrockSsoAccountId} need ${K.inferenceBedrockSsoRoleName} too`);
    expect(only(bedrock(SSO), 'incomplete-group')).toEqual([]);
    expect(only(bedrock({ [K.inferenceBedrockProfile]: 'p' }), 'incomplete-group')).toEqual([]);
  });
});

/**
 * Provider credentials (audit-formats items 1 and 2): Bedrock needs its models listed unless a
 * bearer token lets the app discover them (reference §1.7, §4), and the credential kind
 * forces one credential source with no fallback (§1.1): the keys of that source must be set, and
 * the credential keys of other kinds are not used.
 */
import { validateProfile, type Finding } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const HAIKU = [{ name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }];
const run = (settings: Record<string, unknown>) => validateProfile({ name: 'test', identifier: 'com.example.test', settings }, { now: NOW });
const codes = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.code}:${f.path}`);

const SSO = { [K.inferenceBedrockSsoStartUrl]: 'https://a.awsapps.com/start', [K.inferenceBedrockSsoRegion]: 'us-east-1', [K.inferenceBedrockSsoAccountId]: '123456789012', [K.inferenceBedrockSsoRoleName]: 'r' };
const bedrock = (extra: Record<string, unknown>) => run({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1', ...extra });
const gateway = (extra: Record<string, unknown>) => run({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceModels]: HAIKU, ...extra });
const vertex = (extra: Record<string, unknown>) => run({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'p1', [K.inferenceVertexRegion]: 'us-east5', [K.inferenceModels]: HAIKU, ...extra });

describe('Bedrock without a bearer token must list its models', () => {
  test.each([
    ['SSO', SSO],
    ['a named profile', { [K.inferenceBedrockProfile]: 'p' }],
    ['a credential helper', { [K.inferenceCredentialHelper]: '/usr/local/bin/h' }],
  ])('%s and no models: an error naming the key and the bearer token', (_, creds) => {
    const r = bedrock(creds);
    expect(r.ok).toBe(false);
    const f = r.findings.find((x) => x.code === 'missing-required-key');
    expect(f).toMatchObject({ severity: 'error', path: `settings.${K.inferenceModels}`, key: K.inferenceModels });
    expect(f?.message).toBe(`${K.inferenceModels} is required when ${K.inferenceProvider} is "bedrock" and ${K.inferenceBedrockBearerToken} is not set: Bedrock discovers models only with a bearer token`);
    expect(f?.hint).toContain(`set ${K.inferenceBedrockBearerToken} so that the app discovers them`);
  });

  test('a bearer token (discovery) or a model list is enough', () => {
    expect(bedrock({ [K.inferenceBedrockBearerToken]: 'tok' }).ok).toBe(true);
    expect(bedrock({ ...SSO, [K.inferenceModels]: HAIKU }).ok).toBe(true);
  });
});

describe(`${K.inferenceCredentialKind} forces one source`, () => {
  test('helper-script with only a static key: the helper is missing, the key is not used', () => {
    const r = gateway({ [K.inferenceGatewayApiKey]: 'k', [K.inferenceCredentialKind]: 'helper-script' });
    expect(codes(r.findings)).toContain(`error:credential-kind-missing:settings.${K.inferenceCredentialKind}`);
    const f = r.findings.find((x) => x.code === 'credential-kind-missing');
    expect(f?.message).toBe(`${K.inferenceCredentialKind} is "helper-script", which makes the app use only ${K.inferenceCredentialHelper} on "gateway", but it is not set; ${K.inferenceGatewayApiKey} is set but not used with this kind`);
    expect(JSON.stringify(r.findings)).not.toContain('"k"');
  });

  test('static with only a helper: the provider\'s static key is missing', () => {
    const r = gateway({ [K.inferenceCredentialHelper]: '/usr/local/bin/h', [K.inferenceCredentialKind]: 'static' });
    expect(codes(r.findings)).toContain(`error:credential-kind-missing:settings.${K.inferenceCredentialKind}`);
    expect(r.findings.find((x) => x.code === 'credential-kind-missing')?.message).toContain(`use only ${K.inferenceGatewayApiKey} on "gateway"`);
    expect(r.ok).toBe(false);
  });

  test('static with the key and a helper too: a warning that the helper is not used', () => {
    const r = gateway({ [K.inferenceGatewayApiKey]: 'k', [K.inferenceCredentialHelper]: '/usr/local/bin/h', [K.inferenceCredentialKind]: 'static' });
    expect(r.ok).toBe(true);
    expect(codes(r.findings)).toContain(`warning:credential-kind-unused:settings.${K.inferenceCredentialHelper}`);
  });

  test('workforce on Vertex needs the workforce keys', () => {
    const r = vertex({ [K.inferenceCredentialKind]: 'workforce' });
    expect(r.ok).toBe(false);
    expect(r.findings.find((x) => x.code === 'credential-kind-missing')?.message).toBe(
      `${K.inferenceCredentialKind} is "workforce", which makes the app use only ${K.inferenceVertexWorkforceAudience} + ${K.inferenceVertexWorkforceOidc} on "vertex", but they are not set`,
    );
    // No generic "uses ADC" warning beside it: the kind says there is no fallback.
    expect(codes(r.findings).filter((c) => c.includes('missing-credential'))).toEqual([]);
  });

  test.each([
    ['bedrock static without a bearer token', () => bedrock({ ...SSO, [K.inferenceModels]: HAIKU, [K.inferenceCredentialKind]: 'static' }), K.inferenceBedrockBearerToken],
    ['bedrock interactive without SSO', () => bedrock({ [K.inferenceBedrockProfile]: 'p', [K.inferenceModels]: HAIKU, [K.inferenceCredentialKind]: 'interactive' }), K.inferenceBedrockSsoStartUrl],
    ['foundry interactive with only an API key', () => run({ [K.inferenceProvider]: 'foundry', [K.inferenceFoundryResource]: 'r', [K.inferenceModels]: HAIKU, [K.inferenceFoundryApiKey]: 'k', [K.inferenceCredentialKind]: 'interactive' }), K.inferenceFoundryTenantId],
    ['vertex interactive without an OAuth client', () => vertex({ [K.inferenceVertexCredentialsFile]: '/etc/sa.json', [K.inferenceCredentialKind]: 'interactive' }), K.inferenceVertexOAuthClientId],
    ['anthropic helper-script without a helper', () => run({ [K.inferenceProvider]: 'anthropic', [K.inferenceAnthropicApiKey]: 'sk-ant-x', [K.inferenceCredentialKind]: 'helper-script' }), K.inferenceCredentialHelper],
  ])('%s: an error naming the missing key', (_, r, key) => {
    const found = r().findings.filter((x) => x.code === 'credential-kind-missing');
    expect(found.map((f) => [f.severity, f.path, f.key])).toEqual([['error', `settings.${K.inferenceCredentialKind}`, K.inferenceCredentialKind]]);
    expect(found[0]?.message).toMatch(new RegExp(`use only (\\S+ \\+ )*${key}\\b`));
  });

  test('kinds that need no key of their own, and a forced kind that is satisfied, raise nothing', () => {
    expect(gateway({ [K.inferenceCredentialKind]: 'interactive' }).findings.filter((f) => f.code.startsWith('credential-kind'))).toEqual([]);
    expect(bedrock({ [K.inferenceBedrockProfile]: 'p', [K.inferenceModels]: HAIKU, [K.inferenceCredentialKind]: 'vendor-profile' }).findings.filter((f) => f.code.startsWith('credential-kind') || f.code === 'missing-credential')).toEqual([]);
    expect(gateway({ [K.inferenceCredentialHelper]: '/usr/local/bin/h', [K.inferenceCredentialKind]: 'helper-script' }).ok).toBe(true);
  });

  test('a value that is not a kind is left to the schema check', () => {
    const r = gateway({ [K.inferenceGatewayApiKey]: 'k', [K.inferenceCredentialKind]: 'toString' });
    expect(r.findings.filter((f) => f.code.startsWith('credential-kind'))).toEqual([]);
    expect(r.ok).toBe(false);
  });
});

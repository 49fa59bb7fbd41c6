import { validateProfile, prepareProfile, ProfileValidationError, type Finding } from '../../lib/validate';
import { loadExamples } from '../support/examples';
import { K, LEGACY } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const BEFORE_CUTOFF = new Date('2026-09-01T00:00:00Z');

function gateway(settings: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test', identifier: 'com.example.test',
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }], ...settings },
    ...extra,
  };
}
const codes = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.code}:${f.path}`);
const run = (input: unknown, now = NOW) => validateProfile(input, { now });

describe('validateProfile', () => {
  test.each(loadExamples().map((e) => [e.file, e.profile]))('example %s has no errors', (_file, profile) => {
    const r = run(profile);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('reports an http URL, a typo and a string boolean together, with a did-you-mean', () => {
    const r = run(gateway({ [K.inferenceGatewayBaseUrl]: 'http://gw.example.com', disableAutoUpdate: true, [K.disableNonessentialTelemetry]: 'true' }));
    expect(r.ok).toBe(false);
    expect(codes(r.findings)).toEqual(expect.arrayContaining([
      `error:not-https:settings.${K.inferenceGatewayBaseUrl}`,
      'error:unknown-key:settings.disableAutoUpdate',
      `error:wrong-type:settings.${K.disableNonessentialTelemetry}`,
    ]));
    expect(r.findings.find((f) => f.code === 'unknown-key')?.hint).toBe(`did you mean ${K.disableAutoUpdates}?`);
  });

  test('every finding has a path, a message and a stable code', () => {
    const r = run({ name: 'bad name!', identifier: 'nodots', scope: 'everyone', settings: { [K.inferenceProvider]: 'gatewy' } });
    for (const f of r.findings) {
      expect(f.path).not.toBe('');
      expect(f.message.length).toBeGreaterThan(5);
      expect(f.code).toMatch(/^[a-z0-9-]+$/);
    }
    expect(codes(r.findings)).toEqual(expect.arrayContaining(['error:bad-format:name', 'error:bad-format:identifier', 'error:not-allowed-value:scope', `error:not-allowed-value:settings.${K.inferenceProvider}`]));
    expect(r.findings.find((f) => f.path === `settings.${K.inferenceProvider}`)?.hint).toBe('did you mean gateway?');
  });

  test('provider requirements: missing keys are errors, other providers\' keys warnings', () => {
    const r = run({ name: 't', identifier: 'com.e.t', settings: { [K.inferenceProvider]: 'vertex', [K.inferenceBedrockRegion]: 'us-east-1' } });
    expect(codes(r.findings)).toEqual(expect.arrayContaining([
      `error:missing-required-key:settings.${K.inferenceVertexProjectId}`,
      `error:missing-required-key:settings.${K.inferenceVertexRegion}`,
      `error:missing-required-key:settings.${K.inferenceModels}`,
      `warning:key-not-for-provider:settings.${K.inferenceBedrockRegion}`,
    ]));
    const g = run({ name: 't', identifier: 'com.e.t', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://x.example' } });
    expect(codes(g.findings)).toContain('error:missing-credential:settings');
  });

  test('header names and values: no CR, LF or NUL, valid names', () => {
    const r = run(gateway({ [K.inferenceCustomHeaders]: { 'Bad Name': 'v', 'X-Ok': 'line\r\nInjected: 1', 'X-Nul': 'a\u0000b' } }));
    expect(codes(r.findings)).toEqual(expect.arrayContaining([
      `error:bad-name:settings.${K.inferenceCustomHeaders}`,
      `error:control-character:settings.${K.inferenceCustomHeaders}["X-Ok"]`,
      `error:control-character:settings.${K.inferenceCustomHeaders}["X-Nul"]`,
    ]));
  });

  test('an item of a host list is judged by the list\'s format: the finding says what a host pattern is, and how to write one', () => {
    const r = run(gateway({ [K.coworkEgressAllowedHosts]: ['pypi.org', 'https://files.example.com/x'] }));
    expect(r.findings).toEqual([expect.objectContaining({
      code: 'bad-format',
      path: `settings.${K.coworkEgressAllowedHosts}[1]`,
      message: '"https://files.example.com/x" is not a host name, *.domain or *',
      hint: expect.stringMatching(/^write a bare host such as api\.example\.com \(no scheme, port or path\)/),
    })]);
  });

  test('a value in a deprecated shape hides only its own schema errors, never those of other keys', () => {
    const r = run(gateway({ [K.otlpHeaders]: ['X-A: 1'], [K.disableAutoUpdates]: 'yes' }), BEFORE_CUTOFF);
    expect(codes(r.findings)).toEqual([`error:wrong-type:settings.${K.disableAutoUpdates}`, `warning:deprecated-shape:settings.${K.otlpHeaders}`]);
    expect(r.ok).toBe(false);
  });

  test('a finding inside a map names the entry as written, "~" included (JSON Pointer ~0 and ~1 undone in the right order)', () => {
    // ajv reports the header "X~1Y" as /settings/…/X~01Y: read as "X/Y", the finding would name another header.
    const r = run(gateway({ [K.inferenceCustomHeaders]: { 'X~1Y': 'a\nb', 'X~0Y': 'c\nd' } }));
    expect(codes(r.findings)).toEqual([
      `error:control-character:settings.${K.inferenceCustomHeaders}["X~1Y"]`,
      `error:control-character:settings.${K.inferenceCustomHeaders}["X~0Y"]`,
    ]);
  });

  test('models: duplicates, unknown tier, no Haiku, supports1m, entries without a name', () => {
    const r = run(gateway({ [K.inferenceModels]: [{ name: 'a', supports1m: true }, { name: 'a' }, { name: 'b', anthropicFamilyTier: 'tiny' }, { labelOverride: 'x' }] }));
    expect(codes(r.findings)).toEqual(expect.arrayContaining([
      `error:duplicate-entry:settings.${K.inferenceModels}[1]`,
      `error:not-allowed-value:settings.${K.inferenceModels}[2].anthropicFamilyTier`,
      `error:missing-field:settings.${K.inferenceModels}[3].name`,
      `warning:no-haiku-model:settings.${K.inferenceModels}`,
      `warning:supports1m-unverified:settings.${K.inferenceModels}[0].supports1m`,
    ]));
  });

  test('ranges, UUIDs, credentials in URLs and placeholders', () => {
    const r = run(gateway({ [K.inferenceTokenWindowHours]: 721, [K.autoUpdaterEnforcementHours]: 0, [K.inferenceCredentialHelperTimeoutSec]: 601, [K.deploymentOrganizationUuid]: 'not-a-uuid', [K.otlpEndpoint]: 'https://user:pw@otel.example.com', [K.inferenceGatewayApiKey]: 'CHANGE_ME' }));
    expect(codes(r.findings)).toEqual(expect.arrayContaining([
      `error:out-of-range:settings.${K.inferenceTokenWindowHours}`,
      `error:out-of-range:settings.${K.autoUpdaterEnforcementHours}`,
      `error:out-of-range:settings.${K.inferenceCredentialHelperTimeoutSec}`,
      `error:bad-format:settings.${K.deploymentOrganizationUuid}`,
      `error:url-credentials:settings.${K.otlpEndpoint}`,
      `error:placeholder:settings.${K.inferenceGatewayApiKey}`,
    ]));
  });

  describe('deprecations', () => {
    const legacy = gateway({ [LEGACY.inferenceGatewayHeaders]: ['X-Org: team1'], [K.inferenceGatewayAuthScheme]: 'sso', [LEGACY.isDxtEnabled]: true, [K.otlpHeaders]: 'Authorization=Bearer abc,X-Scope=1', [K.orgPluginSettings]: { mcpServers: { s: { toolPolicy: { t: 'ask-session' } } } } });

    test('are errors after the 2026-10-07 cut-off, each with the exact replacement', () => {
      const r = run(legacy);
      expect(r.ok).toBe(false);
      const byPath = Object.fromEntries(r.findings.map((f) => [f.path, f]));
      expect(byPath[`settings.${LEGACY.inferenceGatewayHeaders}`]).toMatchObject({ severity: 'error', code: 'deprecated-name', hint: `rename ${LEGACY.inferenceGatewayHeaders} to ${K.inferenceCustomHeaders}` });
      expect(byPath[`settings.${LEGACY.isDxtEnabled}`]).toMatchObject({ severity: 'error', hint: `rename ${LEGACY.isDxtEnabled} to ${K.isDesktopExtensionEnabled}` });
      expect(byPath[`settings.${K.inferenceCustomHeaders}`]).toMatchObject({ code: 'deprecated-shape', hint: `write ${K.inferenceCustomHeaders} as a JSON object: {"X-Org":"…"}` });
      expect(byPath[`settings.${K.inferenceGatewayAuthScheme}`]?.hint).toContain(`${K.inferenceCredentialKind} "interactive"`);
      expect(byPath[`settings.${K.otlpHeaders}`]).toMatchObject({ code: 'deprecated-shape', severity: 'error' });
      expect(byPath[`settings.${K.orgPluginSettings}`]).toMatchObject({ code: 'deprecated-shape' });
      // The secret header value never appears in a message or hint.
      expect(JSON.stringify(r.findings)).not.toContain('Bearer abc');
      // Deprecated forms are not reported a second time as schema errors.
      expect(r.findings.filter((f) => f.code === 'unknown-key' || f.code === 'wrong-type' || f.code === 'not-allowed-value')).toEqual([]);
    });

    test('are warnings before the cut-off, and for fleets that predate the replacement', () => {
      expect(run(legacy, BEFORE_CUTOFF).findings.filter((f) => f.severity === 'error')).toEqual([]);
      const old = run({ ...legacy, appVersion: '1.5354.0' });
      expect(old.findings.find((f) => f.path === `settings.${LEGACY.inferenceGatewayHeaders}`)?.severity).toBe('warning');
    });

    test('the validated profile carries only current names and shapes', () => {
      const r = validateProfile(legacy, { now: BEFORE_CUTOFF });
      const s = r.profile?.settings as Record<string, unknown>;
      expect(s[LEGACY.inferenceGatewayHeaders]).toBeUndefined();
      expect(s[K.inferenceCustomHeaders]).toEqual({ 'X-Org': 'team1' });
      expect(s[K.inferenceCredentialKind]).toBe('interactive');
      expect(s[K.inferenceGatewayAuthScheme]).toBeUndefined();
      expect(s[K.isDesktopExtensionEnabled]).toBe(true);
      expect(s[K.otlpHeaders]).toEqual({ Authorization: 'Bearer abc', 'X-Scope': '1' });
      expect(s[K.orgPluginSettings]).toEqual([{ serverName: 's', tools: [{ toolName: 't', permission: 'ask' }] }]);
    });
  });

  test('appVersion: keys newer than the fleet get a warning', () => {
    const r = run(gateway({ [K.inferenceStreamIdleTimeoutSec]: 30 }, { appVersion: '1.40609.0' }));
    expect(codes(r.findings)).toContain(`warning:newer-than-fleet:settings.${K.inferenceStreamIdleTimeoutSec}`);
  });

  test('bad top-level input never throws', () => {
    for (const input of [null, 42, 'x', [], {}, { settings: [] }, { name: 'x', identifier: 'a.b', settings: { [K.inferenceModels]: 'a,b' } }]) {
      const r = run(input);
      expect(r.ok).toBe(false);
      expect(r.findings.length).toBeGreaterThan(0);
    }
  });
});

test('prototype names as settings keys are unknown keys, and never lend their fields to the other keys', () => {
  // JSON.parse makes "__proto__" an own key; copying it with obj[key] = v would replace the
  // prototype of the migrated settings, and its gateway base URL would be inherited.
  const input = JSON.parse(`{"name":"t","identifier":"com.example.t","settings":{"__proto__":{"${K.inferenceGatewayBaseUrl}":"http://inherited.example.com"},"constructor":{"prototype":{"x":1}},"${K.inferenceProvider}":"gateway","${K.inferenceGatewayApiKey}":"k","${K.inferenceModels}":[{"name":"h","anthropicFamilyTier":"haiku"}]}}`) as unknown;
  const r = run(input);
  expect(codes(r.findings).filter((c) => c.startsWith('error:'))).toEqual(expect.arrayContaining(['error:unknown-key:settings.__proto__', 'error:unknown-key:settings.constructor', `error:missing-required-key:settings.${K.inferenceGatewayBaseUrl}`]));
  expect(codes(r.findings)).not.toContain(`error:not-https:settings.${K.inferenceGatewayBaseUrl}`);
});

describe('prepareProfile', () => {
  test('resolves {env} secrets from the env map it is given', () => {
    const { profile } = prepareProfile(gateway({ [K.inferenceGatewayApiKey]: { env: 'GW_KEY' } }), { env: { GW_KEY: 'sk-live-123' }, now: NOW });
    expect(profile.settings.inferenceGatewayApiKey).toBe('sk-live-123');
    expect(profile.secrets).toEqual([{ path: `settings.${K.inferenceGatewayApiKey}`, key: K.inferenceGatewayApiKey, from: 'env', envName: 'GW_KEY' }]);
    expect(profile.scope).toBe('machine');
  });

  test('a missing env variable is one clear error, and the error carries every finding', () => {
    let error: unknown;
    try {
      prepareProfile(gateway({ [K.inferenceGatewayApiKey]: { env: 'NOPE_KEY' } }), { env: {}, now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileValidationError);
    expect((error as ProfileValidationError).findings).toEqual([expect.objectContaining({ code: 'missing-env', path: `settings.${K.inferenceGatewayApiKey}`, message: 'environment variable NOPE_KEY is not set' })]);
  });

  test('secret values never appear in findings', () => {
    const secret = 'sk-ant-SUPERSECRET-0001';
    const r = validateProfile(gateway({ [K.inferenceGatewayApiKey]: 123, [K.inferenceCustomHeaders]: { 'X-A': secret, 'X-B': `${secret}\n` }, [K.inferenceAnthropicApiKey]: `${secret}CHANGE_ME` }), { now: NOW });
    expect(r.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.findings)).not.toContain('SUPERSECRET');
  });
});

test('a placeholder left in the metadata is reported as such', () => {
  const r = validateProfile({ name: 'x', identifier: 'com.CHANGE_ME.claude', organization: 'CHANGE_ME Corp', settings: {} }, { now: NOW });
  expect(r.findings.map((f) => `${f.code}:${f.path}`)).toEqual(expect.arrayContaining(['placeholder:identifier', 'placeholder:organization']));
});

test('the GitHub server\'s toolsets are one comma-separated string, as the app reads them', () => {
  const withToolsets = (toolsets: unknown) => run(gateway({ [K.managedMcpServers]: [{ name: 'gh', server: 'github', clientId: 'Iv1.abc', toolsets }] }));
  const at = `settings.${K.managedMcpServers}[0].toolsets`;
  const here = (r: ReturnType<typeof run>) => codes(r.findings).filter((c) => c.endsWith(`:${at}`));
  expect(here(withToolsets('repos,issues'))).toEqual([]);
  expect(here(withToolsets('repos, issues ,pull_requests'))).toEqual([]);
  expect(here(withToolsets(['repos', 'issues']))).toEqual([`error:wrong-type:${at}`]);
  expect(here(withToolsets('repos;issues'))).toEqual([`error:bad-format:${at}`]);
  expect(withToolsets('repos;issues').findings.find((f) => f.path === at)?.message).toMatch(/comma-separated toolset ids such as "repos,issues"/);
});

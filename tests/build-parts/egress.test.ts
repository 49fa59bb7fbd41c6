import { CATALOG, FIXED_EGRESS_HOSTS, URL_FORMATS, type Settings, type ValueSpec } from '../../lib/catalog';
import { egressFrom, egressHosts, egressLine, FIXED_SOURCE, INFERRED_MARK, type EgressHost } from '../../lib/egress';
import { egressText } from '../../lib/writers/deploy-md';
import { loadExamples } from '../support/examples';
import { resolved, secretMarkerProfile } from './support';
import { K } from '../support/keys';

const hosts = (list: readonly EgressHost[]) => list.map(egressLine);
const find = (list: readonly EgressHost[], host: string, port = 443) => list.find((h) => h.host === host && h.port === port);
const FIXED = FIXED_EGRESS_HOSTS.map((f) => f.host);

describe('egressHosts on the examples', () => {
  const expected: Record<string, string[]> = {
    'bedrock.profile.json': ['acme.awsapps.com', 'bedrock-runtime.us-east-1.amazonaws.com', 'claude.ai', 'oidc.us-east-1.amazonaws.com', 'portal.sso.us-east-1.amazonaws.com'],
    'foundry.profile.json': ['acme-claude.services.ai.azure.com', 'claude.ai', 'login.microsoftonline.com'],
    'litellm.profile.json': ['claude.ai', 'litellm.acme.example'],
    'portkey.profile.json': ['api.portkey.ai', 'claude.ai', 'otel.acme.example'],
    // Nonessential telemetry off: no claude.ai; agent hosts from the Cowork egress allow-list.
    'truefoundry.profile.json': ['*.acme.example', 'acme.truefoundry.cloud', 'files.pythonhosted.org', 'github.com', 'pypi.org'],
    'vertex.profile.json': ['accounts.google.com', 'claude.ai', 'oauth2.googleapis.com', 'us-east5-aiplatform.googleapis.com'],
  };

  test.each(loadExamples().map((e) => [e.file, e] as const))('%s', (file, ex) => {
    const list = egressHosts(ex.resolved);
    expect(hosts(list)).toEqual([...expected[file]!, ...FIXED].sort());
    for (const h of list) {
      expect(h.why.length).toBeGreaterThan(5);
      expect(h.source).not.toBe('');
    }
  });

  test('sorted by host then port, no duplicates, lower case', () => {
    for (const ex of loadExamples()) {
      const list = egressHosts(ex.resolved);
      const keys = list.map((h) => `${h.host} ${h.port}`);
      expect(new Set(keys).size).toBe(keys.length);
      const sorted = [...list].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.port - b.port));
      expect(list).toEqual(sorted);
      for (const h of list) expect(h.host).toBe(h.host.toLowerCase());
    }
  });

  test('fixed hosts are always there, with source "fixed"', () => {
    const list = egressHosts(resolved({}));
    for (const f of FIXED_EGRESS_HOSTS) expect(find(list, f.host)).toMatchObject({ source: FIXED_SOURCE, why: f.why });
  });
});

describe('egressHosts per provider', () => {
  test('gateway: base URL host, with a non-443 port kept', () => {
    const list = egressHosts(resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://GW.Example.com:8443/v1', [K.inferenceGatewayApiKey]: 'k' }));
    expect(find(list, 'gw.example.com', 8443)).toMatchObject({ source: K.inferenceGatewayBaseUrl });
    expect(find(list, 'gw.example.com', 443)).toBeUndefined();
  });

  test('gateway OIDC: issuer, authorization and token hosts', () => {
    const list = egressHosts(resolved({
      [K.inferenceProvider]: 'gateway',
      [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
      [K.inferenceGatewayOidc]: { clientId: 'c', issuer: 'https://idp.example.com/realms/x', authorizationUrl: 'https://login.example.com/authorize', tokenUrl: 'https://token.example.com/token' },
    }));
    for (const h of ['idp.example.com', 'login.example.com', 'token.example.com']) expect(find(list, h)?.source).toBe(K.inferenceGatewayOidc);
    expect(find(list, 'token.example.com')?.why).toContain(`${K.inferenceGatewayOidc}.tokenUrl`);
  });

  test('anthropic: api.anthropic.com', () => {
    expect(find(egressHosts(resolved({ [K.inferenceProvider]: 'anthropic' })), 'api.anthropic.com')?.source).toBe(K.inferenceProvider);
  });

  test('bedrock: runtime host from the region, marked inferred', () => {
    const list = egressHosts(resolved({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'eu-west-1', [K.inferenceBedrockProfile]: 'p' }));
    const h = find(list, 'bedrock-runtime.eu-west-1.amazonaws.com');
    expect(h?.source).toBe(K.inferenceBedrockRegion);
    expect(h?.why).toContain(INFERRED_MARK);
    expect(list.some((x) => x.host.startsWith('oidc.'))).toBe(false);
  });

  test('bedrock: a base URL replaces the runtime host', () => {
    const list = egressHosts(resolved({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-west-2', [K.inferenceBedrockBaseUrl]: 'https://vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com' }));
    expect(find(list, 'vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com')?.source).toBe(K.inferenceBedrockBaseUrl);
    expect(find(list, 'bedrock-runtime.us-west-2.amazonaws.com')).toBeUndefined();
  });

  test('bedrock: bearer token adds the control plane for model discovery, unless discovery is off', () => {
    const base: Settings = { [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-west-2', [K.inferenceBedrockBearerToken]: 'tok' };
    expect(find(egressHosts(resolved(base)), 'bedrock.us-west-2.amazonaws.com')).toBeDefined();
    expect(find(egressHosts(resolved({ ...base, [K.modelDiscoveryEnabled]: false })), 'bedrock.us-west-2.amazonaws.com')).toBeUndefined();
  });

  test('bedrock SSO: start URL host plus the SSO region OIDC and portal hosts', () => {
    const list = egressHosts(resolved({
      [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1',
      [K.inferenceBedrockSsoStartUrl]: 'https://d-123.awsapps.com/start', [K.inferenceBedrockSsoRegion]: 'eu-central-1', [K.inferenceBedrockSsoAccountId]: '123456789012', [K.inferenceBedrockSsoRoleName]: 'r',
    }));
    expect(find(list, 'd-123.awsapps.com')?.source).toBe(K.inferenceBedrockSsoStartUrl);
    expect(find(list, 'oidc.eu-central-1.amazonaws.com')?.why).toContain(INFERRED_MARK);
    expect(find(list, 'portal.sso.eu-central-1.amazonaws.com')?.source).toBe(K.inferenceBedrockSsoRegion);
  });

  test('bedrock SSO: the SSO region alone (no start URL, so no in-app AWS sign-in) adds no SSO host', () => {
    const list = egressHosts(resolved({ [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1', [K.inferenceBedrockSsoRegion]: 'eu-central-1' }));
    expect(find(list, 'bedrock-runtime.us-east-1.amazonaws.com')).toBeDefined();
    expect(list.filter((h) => h.host.includes('eu-central-1'))).toEqual([]);
  });

  test('vertex: regional host; global region; base URL override', () => {
    const v = (extra: Settings) => egressHosts(resolved({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'p', [K.inferenceVertexRegion]: 'us-east5', ...extra }));
    expect(find(v({}), 'us-east5-aiplatform.googleapis.com')).toBeDefined();
    expect(find(v({ [K.inferenceVertexRegion]: 'global' }), 'aiplatform.googleapis.com')).toBeDefined();
    expect(find(v({ [K.inferenceVertexRegion]: 'global' }), 'global-aiplatform.googleapis.com')).toBeUndefined();
    const psc = v({ [K.inferenceVertexBaseUrl]: 'https://psc.p.googleapis.com' });
    expect(find(psc, 'psc.p.googleapis.com')?.source).toBe(K.inferenceVertexBaseUrl);
    expect(find(psc, 'us-east5-aiplatform.googleapis.com')).toBeUndefined();
  });

  test('vertex credentials: OAuth client, service account, workforce, helper', () => {
    const v = (extra: Settings) => egressHosts(resolved({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'p', [K.inferenceVertexRegion]: 'us-east5', ...extra }));
    const oauth = v({ [K.inferenceVertexOAuthClientId]: 'x.apps.googleusercontent.com', [K.inferenceVertexOAuthClientSecret]: 's' });
    expect(find(oauth, 'accounts.google.com')?.source).toBe(K.inferenceVertexOAuthClientId);
    expect(find(oauth, 'oauth2.googleapis.com')?.source).toBe(K.inferenceVertexOAuthClientId);
    expect(find(v({ [K.inferenceVertexCredentialsFile]: '/etc/sa.json' }), 'oauth2.googleapis.com')?.source).toBe(K.inferenceVertexCredentialsFile);
    const wf = v({ [K.inferenceVertexWorkforceAudience]: '//iam.googleapis.com/locations/global/workforcePools/p/providers/x', [K.inferenceVertexWorkforceOidc]: { clientId: 'c', issuer: 'https://idp.acme.example' } });
    expect(find(wf, 'sts.googleapis.com')?.source).toBe(K.inferenceVertexWorkforceAudience);
    expect(find(wf, 'idp.acme.example')?.source).toBe(K.inferenceVertexWorkforceOidc);
    // Workforce federation mints its tokens at the STS, not at the service-account token endpoint.
    expect(find(wf, 'oauth2.googleapis.com')).toBeUndefined();
    expect(find(v({ [K.inferenceCredentialHelper]: '/usr/local/bin/token' }), 'oauth2.googleapis.com')).toBeUndefined();
  });

  test('foundry: resource host; Entra sign-in only with Entra keys', () => {
    const key = egressHosts(resolved({ [K.inferenceProvider]: 'foundry', [K.inferenceFoundryResource]: 'acme-ai', [K.inferenceFoundryApiKey]: 'k' }));
    expect(find(key, 'acme-ai.services.ai.azure.com')?.source).toBe(K.inferenceFoundryResource);
    expect(find(key, 'login.microsoftonline.com')).toBeUndefined();
    const entra = egressHosts(resolved({ [K.inferenceProvider]: 'foundry', [K.inferenceFoundryResource]: 'acme-ai', [K.inferenceFoundryTenantId]: '0d2f6a3e-4b1c-4f5e-9a8b-7c6d5e4f3a2b', [K.inferenceFoundryClientId]: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }));
    expect(find(entra, 'login.microsoftonline.com')?.why).toContain(INFERRED_MARK);
  });

  test('keys of another provider are ignored, as the app ignores them', () => {
    const list = egressHosts(resolved({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceBedrockBaseUrl]: 'https://bedrock.example.com', [K.inferenceBedrockRegion]: 'us-east-1' }));
    expect(find(list, 'bedrock.example.com')).toBeUndefined();
    expect(list.some((h) => h.host.includes('amazonaws'))).toBe(false);
  });

  test('no provider: no inference hosts at all', () => {
    const list = egressHosts(resolved({ [K.inferenceGatewayBaseUrl]: 'https://gw.example.com' }));
    expect(find(list, 'gw.example.com')).toBeUndefined();
  });
});

describe('egressHosts for other settings', () => {
  const gw: Settings = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' };

  test(`claude.ai unless nonessential telemetry is off; releases.claude.com with ${K.updateViaUpdatesHost}`, () => {
    expect(find(egressHosts(resolved(gw)), 'claude.ai')?.source).toBe(K.disableNonessentialTelemetry);
    expect(find(egressHosts(resolved({ ...gw, [K.disableNonessentialTelemetry]: false })), 'claude.ai')).toBeDefined();
    expect(find(egressHosts(resolved({ ...gw, [K.disableNonessentialTelemetry]: true })), 'claude.ai')).toBeUndefined();
    expect(find(egressHosts(resolved(gw)), 'releases.claude.com')).toBeUndefined();
    expect(find(egressHosts(resolved({ ...gw, [K.updateViaUpdatesHost]: true })), 'releases.claude.com')?.source).toBe(K.updateViaUpdatesHost);
  });

  test('OTLP, bootstrap, plugins, renderer, PAC and proxy hosts with their ports', () => {
    const list = egressHosts(resolved({
      ...gw,
      [K.otlpEndpoint]: 'https://otel.example.com:4318',
      [K.bootstrapUrl]: 'https://boot.example.com/bootstrap',
      [K.bootstrapOidc]: { clientId: 'c', issuer: 'https://sso.example.com' },
      [K.organizationPluginsUrl]: 'https://plugins.example.com/api',
      [K.userContentRendererUrl]: 'https://render.example.com',
      [K.egressProxyUrl]: 'http://proxy.corp.example:3128',
      [K.egressProxyPacUrl]: 'http://wpad.corp.example/proxy.pac',
    }));
    expect(find(list, 'otel.example.com', 4318)?.source).toBe(K.otlpEndpoint);
    expect(find(list, 'boot.example.com')?.source).toBe(K.bootstrapUrl);
    expect(find(list, 'sso.example.com')?.source).toBe(K.bootstrapOidc);
    expect(find(list, 'plugins.example.com')?.source).toBe(K.organizationPluginsUrl);
    expect(find(list, 'render.example.com')?.source).toBe(K.userContentRendererUrl);
    expect(find(list, 'proxy.corp.example', 3128)?.why).toMatch(/proxy/);
    expect(find(list, 'wpad.corp.example', 80)?.source).toBe(K.egressProxyPacUrl);
  });

  test(`${K.bootstrapEnabled} false: no bootstrap, sign-in, plugins or bootstrap-only hosts`, () => {
    const list = egressHosts(resolved({
      ...gw, [K.bootstrapUrl]: 'https://boot.example.com/bootstrap', [K.bootstrapEnabled]: false, [K.bootstrapOidc]: { clientId: 'c', issuer: 'https://sso.example.com' },
      [K.organizationPluginsUrl]: 'https://plugins.example.com', [K.claudeAiImport]: { url: 'https://import.example.com' },
    }));
    for (const h of ['boot.example.com', 'sso.example.com', 'plugins.example.com', 'import.example.com']) expect(find(list, h)).toBeUndefined();
  });

  test('bootstrap-only keys count only with a bootstrap URL', () => {
    const importOnly: Settings = { ...gw, [K.claudeAiImport]: { url: 'https://import.example.com' } };
    expect(find(egressHosts(resolved(importOnly)), 'import.example.com')).toBeUndefined();
    expect(find(egressHosts(resolved({ ...importOnly, [K.bootstrapUrl]: 'https://boot.example.com' })), 'import.example.com')?.source).toBe(K.claudeAiImport);
  });

  test(`${K.banner} link is opened in the browser: not app egress`, () => {
    const list = egressHosts(resolved({ ...gw, [K.banner]: { enabled: true, text: 'hi', linkUrl: 'https://intranet.example.com/ai' } }));
    expect(find(list, 'intranet.example.com')).toBeUndefined();
  });

  test(`agent-tool hosts: ${K.coworkEgressAllowedHosts} (443) and ${K.sshHostAllowlist} (22), "*" included`, () => {
    const list = egressHosts(resolved({ ...gw, [K.coworkEgressAllowedHosts]: ['*', 'PyPI.org', '*.corp.example'], [K.sshHostAllowlist]: ['git.corp.example'] }));
    expect(find(list, '*')?.why).toMatch(/every host/);
    expect(find(list, 'pypi.org')?.source).toBe(K.coworkEgressAllowedHosts);
    expect(find(list, '*.corp.example')?.why).toMatch(/agent tools/);
    expect(find(list, 'git.corp.example', 22)?.source).toBe(K.sshHostAllowlist);
  });

  test('MCP servers: URL hosts with ports, OAuth servers, built-in servers; stdio has none', () => {
    const list = egressHosts(resolved({
      ...gw,
      [K.managedMcpServers]: [
        { name: 'a', url: 'https://mcp.example.com:8443/sse', transport: 'sse' },
        { name: 'b', url: 'https://oauth-mcp.example.com/mcp', oauth: { clientId: 'c', clientSecret: 's', authorizationServer: ['https://as.example.com/tenant'] } },
        { name: 'c', transport: 'stdio', command: '/usr/local/bin/srv' },
        { name: 'm365', server: 'microsoft365', azureCloud: 'us-gov-high', tenantId: 't' },
        { name: 'search', server: 'websearch', provider: 'brave' },
        { name: 'custom-search', server: 'websearch', provider: 'custom', customUrl: 'https://search.example.com/q' },
        { name: 'gh', server: 'github', host: 'github.corp.example' },
      ],
    }));
    expect(find(list, 'mcp.example.com', 8443)?.source).toBe(K.managedMcpServers);
    expect(find(list, 'as.example.com')?.why).toContain(`${K.managedMcpServers}[1].oauth.authorizationServer[0]`);
    expect(find(list, 'login.microsoftonline.us')).toBeDefined();
    expect(find(list, 'graph.microsoft.us')?.why).toContain(INFERRED_MARK);
    expect(find(list, 'api.search.brave.com')).toBeDefined();
    expect(find(list, 'search.example.com')).toBeDefined();
    expect(find(list, 'github.corp.example')).toBeDefined();
  });

  test('plugin marketplaces: github.com for GitHub sources, the clone URL host for git', () => {
    const list = egressHosts(resolved({ ...gw, [K.allowedPluginMarketplaces]: [{ source: 'github', repo: 'acme/plugins' }, { source: 'git', url: 'https://git.corp.example/plugins.git' }] }));
    expect(find(list, 'github.com')?.why).toContain(INFERRED_MARK);
    expect(find(list, 'git.corp.example')?.source).toBe(K.allowedPluginMarketplaces);
  });

  test('one host from several settings is listed once, with every reason and source', () => {
    const list = egressHosts(resolved({ ...gw, [K.otlpEndpoint]: 'https://gw.example.com/otel', [K.bootstrapUrl]: 'https://gw.example.com/bootstrap' }));
    const h = find(list, 'gw.example.com')!;
    expect(list.filter((x) => x.host === 'gw.example.com')).toHaveLength(1);
    expect(h.source).toBe(`${K.inferenceGatewayBaseUrl}, ${K.otlpEndpoint}, ${K.bootstrapUrl}`);
    expect(h.why.split('; ')).toHaveLength(3);
  });

  test('paths and queries of URLs never appear (they may carry tokens)', () => {
    const list = egressHosts(resolved({ ...gw, [K.inferenceGatewayBaseUrl]: 'https://gw.example.com/v1?key=QUERY-TOKEN', [K.otlpEndpoint]: 'https://otel.example.com/PATH-TOKEN/v1' }));
    const text = JSON.stringify(list) + egressText(list).bytes.toString('utf8');
    expect(text).not.toMatch(/QUERY-TOKEN|PATH-TOKEN/);
  });

  test('secrets never appear in the egress list or egress.txt', () => {
    const { profile, markers } = secretMarkerProfile();
    const list = egressHosts(profile);
    const text = JSON.stringify(list) + egressText(list).bytes.toString('utf8');
    expect(markers.length).toBeGreaterThan(5);
    expect(text).not.toContain('SECRET-MARKER');
  });

  test('the order of keys in the profile does not change the result', () => {
    const a: Settings = { ...gw, [K.otlpEndpoint]: 'https://gw.example.com/otel', [K.coworkEgressAllowedHosts]: ['b.example', 'a.example'] };
    const b = Object.fromEntries(Object.entries(a).reverse()) as Settings;
    expect(egressHosts(resolved(b))).toEqual(egressHosts(resolved(a)));
  });
});

/** Every path (from the key down) at which a spec holds a URL or host pattern. */
function urlLeafPaths(spec: ValueSpec, path: (string | number)[] = []): { path: (string | number)[]; format: string }[] {
  const here = spec.format && (URL_FORMATS.has(spec.format) || spec.format === 'host-pattern') ? [{ path: spec.type === 'stringList' ? [...path, 0] : path, format: spec.format }] : [];
  const inner = Object.entries(spec.fields ?? {}).flatMap(([name, f]) => urlLeafPaths(f, spec.type === 'objectList' ? [...path, 0, name] : [...path, name]));
  return [...here, ...inner];
}

function valueWithLeaf(path: (string | number)[], leaf: string): unknown {
  if (path.length === 0) return leaf;
  const root: unknown = typeof path[0] === 'number' ? [] : {};
  let node = root as Record<string | number, unknown>;
  path.forEach((seg, i) => {
    const next = path[i + 1];
    node[seg] = i === path.length - 1 ? leaf : typeof next === 'number' ? [] : {};
    node = node[seg] as Record<string | number, unknown>;
  });
  return root;
}

describe('catalogue coverage', () => {
  // Derived from the catalogue: a new URL key is covered (or consciously excluded) without editing this test.
  const EXCLUDED = new Set<string>([K.banner]);
  const cases = CATALOG.flatMap((def) => urlLeafPaths(def).map((p) => [`${def.name}${p.path.length ? `.${p.path.join('.')}` : ''}`, def, p] as const));

  test('the catalogue has URL keys to check', () => {
    expect(cases.length).toBeGreaterThan(15);
  });

  test.each(cases)('%s: its host is listed (unless the app never connects to it)', (_label, def, p) => {
    const host = `h-${def.name.toLowerCase()}.example.com`;
    const leaf = p.format === 'host-pattern' ? host : p.format === 'proxy-url' ? `http://${host}:3128` : `https://${host}/x`;
    const provider = def.providers === 'all' ? 'gateway' : def.providers[0]!;
    const bootstrap = def.availability === 'bootstrap' ? { [K.bootstrapUrl]: 'https://boot.example.com' } : {};
    const settings = { [K.inferenceProvider]: provider, ...bootstrap, [def.name]: valueWithLeaf(p.path, leaf) } as Settings;
    const list = egressHosts(resolved(settings));
    const found = list.find((h) => h.host === host);
    if (EXCLUDED.has(def.name)) expect(found).toBeUndefined();
    else expect(found?.source).toBe(def.name);
  });
});

describe('egressFrom', () => {
  test('finds each source of a host whose sources were merged, and no other', () => {
    const settings = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com:3128/v1', [K.egressProxyUrl]: 'http://gw.example.com:3128' } as Settings;
    const list = egressHosts(resolved(settings));
    const shared = find(list, 'gw.example.com', 3128)!;
    expect(shared.source).toBe(`${K.inferenceGatewayBaseUrl}, ${K.egressProxyUrl}`);
    expect(egressFrom(shared, K.egressProxyUrl)).toBe(true);
    expect(egressFrom(shared, K.inferenceGatewayBaseUrl)).toBe(true);
    expect(egressFrom(shared, K.bootstrapUrl)).toBe(false);
    expect(egressFrom(shared, FIXED_SOURCE)).toBe(false);
    expect(list.filter((h) => egressFrom(h, FIXED_SOURCE)).map((h) => h.host).sort()).toEqual([...FIXED].sort());
  });
});

/**
 * The hosts a profile makes Claude Desktop (and its agent tools) reach, for firewall and proxy
 * allow-lists: the same idea as the app's read-only "Egress Requirements" list, derived from the
 * settings alone (pure, no DNS).
 *
 * Three sources, merged and sorted:
 * 1. every URL-valued leaf of the settings (format `https-url`, `https-origin`, `proxy-url`) and
 *    every host pattern (`coworkEgressAllowedHosts`, `sshHostAllowlist`), found by walking the
 *    catalogue specs, so a new URL key is picked up without touching this file;
 * 2. endpoints the app builds from non-URL settings (Bedrock/Vertex regions, the Foundry resource,
 *    sign-in services, built-in MCP servers). Anthropic's docs do not name most of these hosts, so
 *    their `why` says they are inferred;
 * 3. hosts the app always or by default reaches (`FIXED_EGRESS_HOSTS`, `claude.ai`, update host).
 *
 * Only the host and port of a URL are kept: paths and queries (which may carry tokens) never leave
 * this module.
 */
import { CATALOG, FIXED_EGRESS_HOSTS, URL_FORMATS, type KeyDef, type KeyName, type StringFormat, type ValueSpec } from './catalog';
import { isLoopbackHost, isOtherLoopbackForm } from './loopback';
import { formatPath, type PathSegment } from './profile/path';
import type { ResolvedProfile, ResolvedSettings } from './profile/types';
import { walkLeaves } from './profile/walk';

/** One host (and port) to allow on the firewall or proxy. */
export interface EgressHost {
  /** Host name, host pattern (`*.example.com`, `*`) or bracketed IPv6 address; lower case. */
  readonly host: string;
  /** TCP port; 443 (HTTPS) unless a URL names another one. */
  readonly port: number;
  /** Why the host is needed; several reasons are joined with `; `. Says so when the host is inferred. */
  readonly why: string;
  /**
   * The setting the host comes from (`inferenceGatewayBaseUrl`), or `fixed` for hosts every
   * installation reaches; several sources are joined with `, `. Test for one with {@link egressFrom}.
   */
  readonly source: string;
}

/** The source of hosts that do not depend on any setting. */
export const FIXED_SOURCE = 'fixed';

/** Where a host comes from: a catalogue key, or {@link FIXED_SOURCE}. */
export type EgressSource = KeyName | typeof FIXED_SOURCE;

/** How {@link EgressHost.source} joins several sources. */
const SOURCE_SEPARATOR = ', ';

/** Whether `host` comes (among others) from `source`: a setting, or {@link FIXED_SOURCE}. */
export function egressFrom(host: Pick<EgressHost, 'source'>, source: EgressSource): boolean {
  return host.source.split(SOURCE_SEPARATOR).includes(source);
}

const HTTPS_PORT = 443;
const SSH_PORT = 22;

/**
 * What the app does with a URL or host pattern in each key (null: the app itself never connects,
 * e.g. a banner link opened in the user's browser). Every key with a URL or host format needs an
 * entry: tests/catalog/egress-roles.test.ts fails for a key missing here (it would otherwise get
 * only a generic reason naming the key, or list a host the app never reaches).
 * @internal exported for that test.
 */
export const ROLES: { readonly [K in KeyName]?: string | null } = {
  inferenceGatewayBaseUrl: 'LLM gateway: inference and model discovery',
  inferenceGatewayOidc: 'gateway single sign-on: identity provider',
  inferenceBedrockBaseUrl: 'Amazon Bedrock endpoint (override): inference',
  inferenceBedrockSsoStartUrl: 'AWS IAM Identity Center start page (in-app AWS sign-in)',
  inferenceVertexBaseUrl: 'Google Vertex AI endpoint (override): inference',
  inferenceVertexWorkforceOidc: 'Vertex workforce identity federation: identity provider',
  managedMcpServers: 'organisation MCP server',
  organizationPluginsUrl: 'organisation plugins endpoint',
  allowedPluginMarketplaces: 'plugin marketplace repository',
  userContentRendererUrl: 'user-content renderer (artifact previews)',
  otlpEndpoint: 'OpenTelemetry collector (OTLP export)',
  egressProxyUrl: 'egress proxy: the app sends its traffic through it, so the hosts in this list must be allowed on the proxy',
  egressProxyPacUrl: 'proxy auto-configuration (PAC) file',
  bootstrapUrl: 'bootstrap server (per-user configuration)',
  bootstrapOidc: 'bootstrap sign-in: identity provider',
  claudeAiImport: 'claude.ai history import',
  coworkEgressAllowedHosts: 'agent tools (web fetch, shell, package installs) may reach it; HTTPS assumed, tools may use other ports',
  sshHostAllowlist: 'SSH (Beta): hosts the agent may reach over SSH; port 22 unless your SSH configuration says otherwise',
  banner: null,
};

/** The words that mark a reason whose host Anthropic's documentation does not name. */
export const INFERRED_MARK = 'inferred: host not named in Anthropic\'s documentation';

function inferred(why: string): string {
  return `${why} (${INFERRED_MARK})`;
}

type Candidate = { host: string; port: number; why: string; source: EgressSource };

/**
 * Every host a profile makes the app reach, deduplicated by host and port (reasons and sources of
 * duplicates are merged) and sorted by host, then port.
 */
export function egressHosts(profile: ResolvedProfile): EgressHost[] {
  return collectHosts(profile, false);
}

/**
 * {@link egressHosts} walking every leaf of every setting, the definition the shortcuts of the
 * default must match (for tests).
 * @internal
 */
export function egressHostsByWalk(profile: ResolvedProfile): EgressHost[] {
  return collectHosts(profile, true);
}

function collectHosts(profile: ResolvedProfile, walkAll: boolean): EgressHost[] {
  const found: Candidate[] = [];
  const add: Add = (host, port, why, source) => {
    const h = host.trim().toLowerCase();
    if (h !== '') found.push({ host: h, port, why, source });
  };
  const s = profile.settings;
  const provider = s.inferenceProvider;

  settingHosts(s, provider, add, walkAll);
  providerHosts(s, add);
  mcpBuiltinHosts(s, add);
  for (const m of s.allowedPluginMarketplaces ?? []) {
    if (m.source === 'github') add('github.com', HTTPS_PORT, inferred('plugin marketplace on GitHub (git over HTTPS)'), 'allowedPluginMarketplaces');
  }
  if (s.disableNonessentialTelemetry !== true) {
    const key: KeyName = 'disableNonessentialTelemetry';
    add('claude.ai', HTTPS_PORT, `nonessential telemetry and diagnostic-report upload (set ${key} to true to drop it)`, key);
  }
  if (s.updateViaUpdatesHost === true) {
    const key: KeyName = 'updateViaUpdatesHost';
    add('releases.claude.com', HTTPS_PORT, `app updates (${key})`, key);
  }
  for (const f of FIXED_EGRESS_HOSTS) add(f.host, HTTPS_PORT, f.why, FIXED_SOURCE);
  return merge(found);
}

type Add = (host: string, port: number, why: string, source: EgressSource) => void;

/**
 * URL leaves and host patterns of every key that applies to the chosen provider. `walkAll` walks
 * every set key (the definition); the default walks only keys with a host format in their spec
 * and reads plain strings and string lists directly (tests compare the two).
 */
function settingHosts(settings: ResolvedSettings, provider: string | undefined, add: Add, walkAll = false): void {
  // The app ignores keys of other providers (and every inference key without a provider), so
  // their URLs are not egress.
  const applies = (def: KeyDef) => def.providers === 'all' || (provider !== undefined && (def.providers as readonly string[]).includes(provider));
  const bootstrapOff = settings.bootstrapEnabled === false;
  const onLeaf = (key: KeyDef, value: string, format: StringFormat | undefined, path: readonly PathSegment[] | undefined): void => {
    if (format === undefined || !applies(key)) return;
    const name = key.name as KeyName;
    const role = ROLES[name];
    if (role === null) return;
    // bootstrapEnabled false keeps the URL but skips the fetch (and its sign-in); the plugins
    // endpoint is ignored then too. Bootstrap-only keys reach the app only through a bootstrap.
    if (bootstrapOff && (name === 'bootstrapUrl' || name === 'bootstrapOidc' || name === 'organizationPluginsUrl')) return;
    if (key.availability === 'bootstrap' && (bootstrapOff || settings.bootstrapUrl === undefined)) return;
    // Name the field for URLs inside structured values; list items of a plain list need no label.
    const where = path !== undefined && path.slice(2).some((seg) => typeof seg === 'string') ? ` (${formatPath(path.slice(1))})` : '';
    const why = `${role ?? `URL in ${name}`}${where}`;
    if (format === 'host-pattern') {
      add(value, name === 'sshHostAllowlist' ? SSH_PORT : HTTPS_PORT, value === '*' ? `${why}: every host` : why, name);
    } else if (URL_FORMATS.has(format)) {
      const origin = hostAndPort(value);
      if (origin) add(origin.host, origin.port, isLoopbackHost(origin.host) || isOtherLoopbackForm(origin.host) ? `${why}; loopback: a service on each device, which needs no firewall rule itself (allow what it reaches)` : why, name);
    }
  };
  const values = settings as Record<string, unknown>;
  // Catalogue order, so reasons merge in the same order whatever the profile's order.
  for (const def of walkAll ? CATALOG : HOST_KEYS) {
    const value = values[def.name];
    if (value === undefined) continue;
    if (!walkAll && typeof value === 'string') {
      // The walk's one leaf: the value with the key's own spec.
      onLeaf(def, value, def.format, undefined);
    } else if (!walkAll && def.type === 'stringList' && Array.isArray(value)) {
      // Items of a string list take the list's format; their paths hold no field name.
      for (const item of value) if (typeof item === 'string') onLeaf(def, item, def.format, undefined);
    } else {
      walkLeaves({ [def.name]: value }, (leaf, key, spec, _secret, isMapKey, path) => {
        if (!isMapKey && typeof leaf === 'string') onLeaf(key, leaf, spec?.format, path);
      });
    }
  }
}

/** Whether a spec holds a URL or host pattern anywhere (map keys aside: they are never hosts). */
function hasHostFormat(spec: ValueSpec): boolean {
  return (
    (spec.format !== undefined && (URL_FORMATS.has(spec.format) || spec.format === 'host-pattern')) ||
    Object.values(spec.fields ?? {}).some(hasHostFormat) ||
    (spec.values !== undefined && hasHostFormat(spec.values))
  );
}

/** The keys whose values can name a host, in catalogue order. */
const HOST_KEYS: readonly KeyDef[] = CATALOG.filter(hasHostFormat);

/** Host and port of an http(s) URL, or undefined when it is not one (validation reports that). */
function hostAndPort(url: string): { host: string; port: number } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const port = u.port !== '' ? Number(u.port) : u.protocol === 'http:' ? 80 : HTTPS_PORT;
  return { host: u.hostname, port };
}

/** Endpoints the app builds from the provider's non-URL settings. */
function providerHosts(s: ResolvedSettings, add: Add): void {
  switch (s.inferenceProvider) {
    case 'anthropic':
      add('api.anthropic.com', HTTPS_PORT, 'Anthropic API: inference', 'inferenceProvider');
      return;
    case 'bedrock': {
      const region = s.inferenceBedrockRegion;
      if (region && !s.inferenceBedrockBaseUrl) {
        add(`bedrock-runtime.${region}.amazonaws.com`, HTTPS_PORT, inferred(`Amazon Bedrock runtime in ${region}: inference`), 'inferenceBedrockRegion');
      }
      if (region && s.inferenceBedrockBearerToken && s.modelDiscoveryEnabled !== false) {
        add(`bedrock.${region}.amazonaws.com`, HTTPS_PORT, inferred(`Amazon Bedrock control plane in ${region}: model discovery with the bearer token`), 'inferenceBedrockRegion');
      }
      const ssoRegion = s.inferenceBedrockSsoRegion;
      if (ssoRegion && s.inferenceBedrockSsoStartUrl) {
        add(`oidc.${ssoRegion}.amazonaws.com`, HTTPS_PORT, inferred('AWS IAM Identity Center OIDC service (in-app AWS sign-in)'), 'inferenceBedrockSsoRegion');
        add(`portal.sso.${ssoRegion}.amazonaws.com`, HTTPS_PORT, inferred('AWS IAM Identity Center portal (role credentials)'), 'inferenceBedrockSsoRegion');
      }
      return;
    }
    case 'vertex': {
      const region = s.inferenceVertexRegion;
      if (region && !s.inferenceVertexBaseUrl) {
        const host = region === 'global' ? 'aiplatform.googleapis.com' : `${region}-aiplatform.googleapis.com`;
        add(host, HTTPS_PORT, inferred(`Google Vertex AI in ${region}: inference`), 'inferenceVertexRegion');
      }
      if (s.inferenceVertexOAuthClientId) {
        add('accounts.google.com', HTTPS_PORT, inferred('"Sign in with Google" (Vertex OAuth client), opened in the browser'), 'inferenceVertexOAuthClientId');
        add('oauth2.googleapis.com', HTTPS_PORT, inferred('Google token endpoint (Vertex OAuth client)'), 'inferenceVertexOAuthClientId');
      } else if (!s.inferenceCredentialHelper && !s.inferenceVertexWorkforceAudience) {
        // A service-account file or application default credentials also mint tokens there.
        const source: KeyName = s.inferenceVertexCredentialsFile ? 'inferenceVertexCredentialsFile' : 'inferenceProvider';
        add('oauth2.googleapis.com', HTTPS_PORT, inferred('Google token endpoint (service-account or application default credentials)'), source);
      }
      if (s.inferenceVertexWorkforceAudience) {
        add('sts.googleapis.com', HTTPS_PORT, inferred('Google Security Token Service (workforce identity federation)'), 'inferenceVertexWorkforceAudience');
      }
      return;
    }
    case 'foundry': {
      const resource = s.inferenceFoundryResource;
      if (resource) add(`${resource}.services.ai.azure.com`, HTTPS_PORT, inferred(`Microsoft Foundry resource ${resource}: inference`), 'inferenceFoundryResource');
      if (s.inferenceFoundryTenantId || s.inferenceFoundryClientId) {
        add('login.microsoftonline.com', HTTPS_PORT, inferred('Microsoft Entra ID sign-in (Foundry)'), s.inferenceFoundryTenantId ? 'inferenceFoundryTenantId' : 'inferenceFoundryClientId');
      }
      return;
    }
    default:
      // gateway: its URLs are settings; mantle: endpoint not documented; unset: standard mode.
      return;
  }
}

const M365_HOSTS = {
  global: ['login.microsoftonline.com', 'graph.microsoft.com'],
  'us-gov-high': ['login.microsoftonline.us', 'graph.microsoft.us'],
  'us-gov-dod': ['login.microsoftonline.us', 'dod-graph.microsoft.us'],
} as const;

const SEARCH_HOSTS = { brave: 'api.search.brave.com', tavily: 'api.tavily.com', exa: 'api.exa.ai' } as const;

/** Hosts of built-in MCP servers (their URLs are not settings). */
function mcpBuiltinHosts(s: ResolvedSettings, add: Add): void {
  const key: KeyName = 'managedMcpServers';
  (s.managedMcpServers ?? []).forEach((server, i) => {
    const where = `${key}[${i}]`;
    switch (server.server) {
      case 'microsoft365':
        for (const host of M365_HOSTS[server.azureCloud ?? 'global']) add(host, HTTPS_PORT, inferred(`built-in Microsoft 365 MCP server (${where})`), key);
        return;
      case 'websearch':
        // provider custom: its customUrl is a setting, found with the other URLs.
        if (server.provider && server.provider !== 'custom') add(SEARCH_HOSTS[server.provider], HTTPS_PORT, inferred(`built-in web search MCP server (${where})`), key);
        return;
      case 'github':
        add(server.host ?? 'api.github.com', HTTPS_PORT, inferred(`built-in GitHub MCP server (${where})`), key);
        return;
      default:
        return;
    }
  });
}

/** Merges candidates with the same host and port, then sorts by host and port. */
function merge(found: readonly Candidate[]): EgressHost[] {
  const byKey = new Map<string, { host: string; port: number; whys: string[]; sources: EgressSource[] }>();
  for (const c of found) {
    const id = `${c.host}\u0000${c.port}`;
    const entry = byKey.get(id) ?? { host: c.host, port: c.port, whys: [], sources: [] };
    if (!entry.whys.includes(c.why)) entry.whys.push(c.why);
    if (!entry.sources.includes(c.source)) entry.sources.push(c.source);
    byKey.set(id, entry);
  }
  return [...byKey.values()]
    .map((e) => ({ host: e.host, port: e.port, why: e.whys.join('; '), source: e.sources.join(SOURCE_SEPARATOR) }))
    .sort(compareEgress);
}

/** The order of egress lists: by host (code-unit order, so output is locale-independent), then port. */
export function compareEgress(a: Pick<EgressHost, 'host' | 'port'>, b: Pick<EgressHost, 'host' | 'port'>): number {
  if (a.host !== b.host) return a.host < b.host ? -1 : 1;
  return a.port - b.port;
}

/** `host` for port 443, else `host:port`: the form of egress.txt lines. */
export function egressLine(h: Pick<EgressHost, 'host' | 'port'>): string {
  return h.port === HTTPS_PORT ? h.host : `${h.host}:${h.port}`;
}

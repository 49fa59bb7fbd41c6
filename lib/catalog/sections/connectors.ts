import type { KeyDef } from '../types';
import { DEPRECATION_CUTOFF as CUTOFF } from '../constants';

const PERMISSION = { type: 'string', enum: ['allow', 'ask', 'blocked'] } as const;

/** Connectors and extensions: MCP servers, desktop extensions, plugins. */
export const CONNECTOR_KEYS = [
  {
    name: 'managedMcpServers',
    section: 'connectors',
    type: 'objectList',
    uniqueBy: 'name',
    fields: {
      name: { type: 'string', required: true, minLength: 1, description: 'Unique server name.' },
      transport: { type: 'string', enum: ['http', 'sse', 'stdio'], default: 'http', description: 'How the app talks to the server.' },
      url: { type: 'string', format: 'https-url', description: 'Server URL (http and sse transports).' },
      headers: { type: 'object', values: { type: 'string', secret: true }, keyFormat: 'header-name', description: 'Static request headers (not with oauth).' },
      headersHelper: { type: 'string', format: 'absolute-path', description: 'Executable printing a JSON object of headers; wins over headers.' },
      headersHelperTtlSec: { type: 'integer', minimum: 0, default: 300, description: 'Cache lifetime of the headers helper output.' },
      oauth: {
        type: 'object',
        allowTrue: true,
        description: 'true for dynamic client registration with PKCE, or an OAuth client description.',
        fields: {
          clientId: { type: 'string', description: 'OAuth client id.' },
          clientSecret: { type: 'string', secret: true, description: 'OAuth client secret.' },
          clientSecretHelper: { type: 'string', format: 'absolute-path', description: 'Executable printing {"clientSecret":"…"}.' },
          authorizationServer: { type: 'stringList', format: 'https-url', description: 'Issuer URLs; required with a client secret.' },
          tenantId: { type: 'string', description: 'Entra tenant id.' },
          scope: { type: 'string', description: 'Space-separated scopes; required when tenantId is set.' },
          appendOfflineAccess: { type: 'boolean', description: 'Add offline_access to the scopes.' },
          callbackHost: { type: 'string', enum: ['127.0.0.1', 'localhost'], default: '127.0.0.1', description: 'Host of the redirect URI.' },
          callbackPort: { type: 'integer', minimum: 1024, maximum: 65535, default: 53280, description: 'Port of the redirect URI.' },
          authFlow: { type: 'string', description: 'Sign-in flow, such as "broker".' },
          mode: { type: 'string', enum: ['hosted'], description: '"hosted" lets the server hold the tokens.' },
        },
      },
      toolPolicy: { type: 'object', values: PERMISSION, keyOrderMatters: true, description: 'Tool name or *-glob to allow, ask or blocked.' },
      command: { type: 'string', format: 'absolute-path', description: 'Executable of a stdio server.' },
      args: { type: 'stringList', description: 'Arguments of a stdio server.' },
      env: { type: 'object', values: { type: 'string', secret: true }, description: 'Environment of a stdio server.' },
      startupTimeoutSec: { type: 'integer', minimum: 1, default: 120, description: 'How long the server may take to start.' },
      server: { type: 'string', enum: ['microsoft365', 'websearch', 'github'], description: 'A built-in server instead of a URL or command.' },
      tenantId: { type: 'string', description: 'Entra tenant of the microsoft365 server.' },
      clientId: { type: 'string', description: 'Client id of the microsoft365 server.' },
      azureCloud: { type: 'string', enum: ['global', 'us-gov-high', 'us-gov-dod'], description: 'Azure cloud of the microsoft365 server.' },
      scope: { type: 'string', description: 'Scopes of the built-in server.' },
      provider: { type: 'string', enum: ['brave', 'tavily', 'exa', 'custom'], description: 'Search provider of the websearch server.' },
      customUrl: { type: 'string', format: 'https-url', description: 'Endpoint of a custom search provider.' },
      host: { type: 'string', description: 'GitHub host of the github server.' },
      // A string, not a list: the reference's field table says "Comma-separated github-mcp-server toolsets to
      // enable", and the app's schema splits the text on commas ("expected comma-separated ids like \"repos,issues\"").
      toolsets: { type: 'string', pattern: '^[A-Za-z0-9_-]+( *, *[A-Za-z0-9_-]+)*$', patternHint: 'comma-separated toolset ids such as "repos,issues"', example: 'repos,issues', description: 'GitHub toolsets to enable, comma-separated (such as "repos,issues").' },
      readOnly: { type: 'boolean', description: 'Expose read-only GitHub tools only.' },
    },
    providers: 'all',
    availability: 'both',
    default: [],
    since: '<=1.5354.0',
    secret: true,
    description: 'MCP servers the organisation pushes to every user (http, sse, stdio, or a built-in server).',
    deprecatedShapes: [{ shape: 'mcp-legacy-fields', cutoff: CUTOFF }],
    deprecatedEnumValues: [{ value: 'ask-session', replacement: 'ask', cutoff: CUTOFF }],
  },
  {
    name: 'isLocalDevMcpEnabled', section: 'connectors', type: 'boolean', default: true, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Let users add their own local (stdio) MCP servers.',
  },
  {
    name: 'isDesktopExtensionEnabled', section: 'connectors', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Allow desktop extensions (.dxt, .mcpb).',
    legacyNames: [{ name: 'isDxtEnabled', cutoff: CUTOFF }],
  },
  {
    name: 'isDesktopExtensionDirectoryEnabled', section: 'connectors', type: 'boolean', default: true, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    unconfirmed: 'In the app schema of build 1.5354.0, not in the newest reference.',
    description: 'Show Anthropic\'s extension directory.',
    legacyNames: [{ name: 'isDxtDirectoryEnabled', cutoff: CUTOFF }],
  },
  {
    name: 'isDesktopExtensionSignatureRequired', section: 'connectors', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Refuse desktop extensions that are not signed.',
    legacyNames: [{ name: 'isDxtSignatureRequired', cutoff: CUTOFF }],
  },
  {
    name: 'microsoftAuthBroker', section: 'connectors', type: 'string', enum: ['auto', 'disabled'], default: 'auto',
    providers: 'all', availability: 'mdm', since: '>1.5354.0', secret: false,
    description: 'Use the native Microsoft 365 sign-in broker, or always the browser.',
  },
  {
    name: 'orgPluginSettings', section: 'connectors', type: 'objectList', uniqueBy: 'serverName',
    fields: {
      serverName: { type: 'string', required: true, minLength: 1, description: 'Plugin-delivered MCP server the locks apply to.' },
      tools: {
        type: 'objectList',
        uniqueBy: 'toolName',
        description: 'Per-tool permission locks.',
        fields: {
          toolName: { type: 'string', required: true, minLength: 1, description: 'Tool name.' },
          permission: { ...PERMISSION, required: true, description: 'allow, ask or blocked.' },
        },
      },
    },
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Permission locks for tools of MCP servers that plugins deliver.',
    deprecatedShapes: [{ shape: 'plugin-record', cutoff: CUTOFF }],
    deprecatedEnumValues: [{ value: 'ask-session', replacement: 'ask', cutoff: CUTOFF }],
  },
  {
    name: 'organizationPluginsUrl', section: 'connectors', type: 'string', format: 'https-url', providers: 'all',
    availability: 'both', since: '1.10628', secret: false,
    description: 'Endpoint of the organisation\'s plugins (usually delivered by bootstrap; ignored when bootstrap is off).',
  },
  {
    name: 'allowedPluginMarketplaces', section: 'connectors', type: 'objectList',
    fields: {
      source: { type: 'string', enum: ['github', 'git'], required: true, description: 'Where the marketplace lives.' },
      repo: { type: 'string', description: 'owner/name of a GitHub repository.' },
      url: { type: 'string', format: 'https-url', description: 'Clone URL of a git repository.' },
      ref: { type: 'string', description: 'Branch, tag or commit.' },
      path: { type: 'string', description: 'Folder of the marketplace inside the repository.' },
      expectedName: { type: 'string', description: 'Name the marketplace must declare.' },
      installationPreference: { type: 'string', enum: ['available', 'auto_install', 'required'], description: 'Whether its plugins are offered, installed, or required.' },
      credentialKind: { type: 'string', enum: ['anonymous', 'userGit', 'credentialHelper'], description: 'How the app authenticates to the repository.' },
      credentialHelper: { type: 'string', format: 'absolute-path', description: 'Executable that prints the git credential.' },
    },
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Git repositories shown as plugin marketplaces.',
  },
  {
    name: 'userPluginMarketplacesEnabled', section: 'connectors', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.37937.0', secret: false,
    description: 'Let users add plugin marketplaces of their own.',
  },
  {
    name: 'userPluginUploadsEnabled', section: 'connectors', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.37937.0', secret: false,
    description: 'Let users upload plugins.',
  },
  {
    name: 'mcpToolTimeoutSec', section: 'connectors', type: 'integer', minimum: 1, providers: 'all',
    availability: 'both', since: '1.37937.0', secret: false,
    description: 'How long one MCP tool call may run, in seconds.',
  },
  {
    name: 'mcpPersistentAlwaysAllowEnabled', section: 'connectors', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.24012.9', secret: false,
    description: 'Remember "always allow" answers for MCP tools across sessions.',
  },
] as const satisfies readonly KeyDef[];

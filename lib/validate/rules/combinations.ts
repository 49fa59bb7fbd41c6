/** Rules about keys that only make sense together. */
import type { KeyName } from '../../catalog';
import { finding, type Finding } from '../findings';
import { specAt } from '../spec-at';
import { isObject, isString, type Rule } from './types';

// The keys these rules read and name, checked against the catalogue.
const TOKEN_CAP: KeyName = 'inferenceMaxTokensPerWindow';
const TOKEN_WINDOW: KeyName = 'inferenceTokenWindowHours';
const COWORK_TAB: KeyName = 'coworkTabEnabled';
const CODE_TAB: KeyName = 'isClaudeCodeForDesktopEnabled';
const CHAT_TAB: KeyName = 'chatTabEnabled';
const BANNER: KeyName = 'banner';
const OIDC_KEYS: readonly KeyName[] = ['bootstrapOidc', 'inferenceGatewayOidc', 'inferenceVertexWorkforceOidc'];
const BOOTSTRAP_SETTINGS: readonly KeyName[] = ['bootstrapOidc', 'bootstrapHeaders', 'bootstrapEnabled'];
const BOOTSTRAP_URL: KeyName = 'bootstrapUrl';
const MCP_SERVERS: KeyName = 'managedMcpServers';

export const combinationRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  if (settings[TOKEN_CAP] !== undefined && settings[TOKEN_WINDOW] === undefined) {
    out.push(finding('token-cap-without-window', 'warning', ['settings', TOKEN_WINDOW], `${TOKEN_CAP} is set without ${TOKEN_WINDOW}`, `set ${TOKEN_WINDOW} (1 to 720) so the cap has a window`, TOKEN_WINDOW));
  }
  if (settings[COWORK_TAB] === false && settings[CODE_TAB] === false && settings[CHAT_TAB] !== true) {
    out.push(finding('all-tabs-disabled', 'warning', ['settings', COWORK_TAB], 'Cowork, Code and Chat tabs are all off; the app turns Cowork back on', 'leave at least one tab enabled', COWORK_TAB));
  }
  const banner = settings[BANNER];
  if (isObject(banner) && banner.enabled === true && !(isString(banner.text) && banner.text.trim() !== '')) {
    out.push(finding('banner-without-text', 'error', ['settings', BANNER, 'text'], `the ${BANNER} is enabled but has no text`, 'add "text" (at most 200 characters)', BANNER));
  }
  for (const key of OIDC_KEYS) {
    const oidc = settings[key];
    if (!isObject(oidc)) continue;
    const hasEndpoints = oidc.authorizationUrl !== undefined && oidc.tokenUrl !== undefined;
    if (oidc.issuer === undefined && !hasEndpoints) {
      out.push(finding('oidc-no-endpoints', 'error', ['settings', key], `${key} needs "issuer", or both "authorizationUrl" and "tokenUrl"`, 'add the issuer URL of your identity provider', key));
    }
    // Anthropic's configuration page: scopes are "required in access-token mode"; the app refuses the object without them.
    if (oidc.bearerTokenType === 'access_token' && !(isString(oidc.scopes) && oidc.scopes.trim() !== '')) {
      out.push(finding('oidc-access-token-scopes', 'error', ['settings', key, 'scopes'], `${key} sends the access token as the bearer ("bearerTokenType": "access_token") but sets no "scopes"`, 'add the scopes that give the access token your gateway\'s audience, space-separated', key));
    }
  }
  if (BOOTSTRAP_SETTINGS.some((key) => settings[key] !== undefined) && settings[BOOTSTRAP_URL] === undefined) {
    out.push(finding('bootstrap-without-url', 'warning', ['settings', BOOTSTRAP_URL], `bootstrap settings are set but ${BOOTSTRAP_URL} is not`, `set ${BOOTSTRAP_URL}, or remove the bootstrap settings`, BOOTSTRAP_URL));
  }
  mcpServers(settings[MCP_SERVERS], out);
  return out;
};

/**
 * oauth fields of an MCP server that only work with a registered client (`clientId`).
 * @internal exported for the test that ties each name to the catalogue's oauth fields.
 */
export const OAUTH_NEEDS_CLIENT_ID: readonly string[] = ['clientSecret', 'clientSecretHelper', 'tenantId', 'callbackHost', 'callbackPort', 'authFlow', 'authorizationServer'];

function mcpServers(value: unknown, out: Finding[]): void {
  if (!Array.isArray(value)) return;
  value.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const path = ['settings', MCP_SERVERS, i];
    const key = MCP_SERVERS;
    // The MCP server list is secret as a whole (DEPLOY.md masks the server names too): a server is
    // then named by its index, which the finding's path repeats.
    const server = (): string => (specAt([...path, 'name']).secret ? `server [${i}]` : `server "${String(entry.name)}"`);
    const transport = entry.transport ?? (entry.server === undefined ? 'http' : undefined);
    if (entry.server === undefined) {
      if ((transport === 'http' || transport === 'sse') && entry.url === undefined) out.push(finding('mcp-missing-url', 'error', [...path, 'url'], `${server()} uses ${transport} but has no url`, 'add the https URL of the server', key));
      if (transport === 'stdio' && entry.command === undefined) out.push(finding('mcp-missing-command', 'error', [...path, 'command'], `${server()} uses stdio but has no command`, 'add the absolute path of the server executable', key));
    }
    if (entry.oauth !== undefined && (entry.headers !== undefined || entry.headersHelper !== undefined)) {
      out.push(finding('mcp-headers-with-oauth', 'error', [...path, 'oauth'], `${server()} sets both oauth and headers`, 'use either oauth or headers/headersHelper', key));
    }
    const oauth = entry.oauth;
    if (isObject(oauth)) {
      // The app drops a server whose oauth sets these without a client id (its error: "clientId is
      // required when …"; the extensions page says it of callbackHost and callbackPort).
      const needsClient = OAUTH_NEEDS_CLIENT_ID.filter((field) => oauth[field] !== undefined);
      if (needsClient.length > 0 && oauth.clientId === undefined) {
        out.push(finding('mcp-oauth-client-id', 'error', [...path, 'oauth', 'clientId'], `oauth.${needsClient.join(', oauth.')} ${needsClient.length === 1 ? 'needs' : 'need'} oauth.clientId; the app drops ${server()} without it`, 'add the client id of the OAuth app registered for this server', key));
      }
      if (oauth.tenantId !== undefined && oauth.scope === undefined) out.push(finding('mcp-oauth-scope', 'error', [...path, 'oauth', 'scope'], 'oauth.tenantId needs oauth.scope', 'add the scope to request', key));
      if ((oauth.clientSecret !== undefined || oauth.clientSecretHelper !== undefined) && oauth.authorizationServer === undefined) {
        out.push(finding('mcp-oauth-server', 'error', [...path, 'oauth', 'authorizationServer'], 'a client secret needs oauth.authorizationServer', 'list the issuer URL(s) the secret is for', key));
      }
    }
  });
}

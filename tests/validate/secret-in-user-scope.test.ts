/**
 * `secret-in-user-scope` (audit-lint item 5) covers secret keys of object and list type by the
 * values the catalogue marks secret: header values, an MCP server's headers, env and
 * oauth.clientSecret. The values are never printed.
 */
import { validateProfile } from '../../lib/validate';
import { check, mobileconfig, BASE } from '../check/support';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const SECRET = 'Bearer SINGLEQ-SECRET-123';

const profile = (scope: string, settings: Record<string, unknown>) => ({
  name: 'test',
  identifier: 'com.example.test',
  scope,
  settings: {
    [K.inferenceProvider]: 'gateway',
    [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
    [K.inferenceCredentialHelper]: '/usr/local/bin/helper',
    [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }],
    ...settings,
  },
});

const userFindings = (r: ReturnType<typeof validateProfile>) => r.findings.filter((f) => f.code === 'secret-in-user-scope');

test('headers, OTLP headers, bootstrap headers and MCP secrets in a user-scoped profile are warned about, by place', () => {
  const r = validateProfile(
    profile('user', {
      [K.inferenceCustomHeaders]: { Authorization: SECRET },
      [K.otlpHeaders]: { Authorization: SECRET },
      [K.bootstrapUrl]: 'https://boot.example.com/bootstrap',
      [K.bootstrapHeaders]: { 'X-Token': { env: 'BOOT_TOKEN' } },
      [K.managedMcpServers]: [
        { name: 'plain', url: 'https://mcp.example.com' },
        { name: 'with-headers', url: 'https://mcp2.example.com', headers: { Authorization: SECRET } },
        { name: 'local', transport: 'stdio', command: '/usr/local/bin/srv', env: { API_TOKEN: SECRET } },
        { name: 'oauth', url: 'https://mcp3.example.com', oauth: { clientId: 'c', clientSecret: SECRET, authorizationServer: ['https://idp.example.com'] } },
      ],
    }),
    { now: NOW },
  );
  const found = userFindings(r);
  expect(found.map((f) => `${f.severity}:${f.path}`).sort()).toEqual([
    `warning:settings.${K.inferenceCustomHeaders}`,
    `warning:settings.${K.managedMcpServers}`,
    `warning:settings.${K.otlpHeaders}`,
    `warning:settings.${K.bootstrapHeaders}`,
  ].sort());
  const mcp = found.find((f) => f.key === K.managedMcpServers);
  expect(mcp?.message).toBe(
    `${K.managedMcpServers} carries 3 values that may be a credential (in ${K.managedMcpServers}[1].headers, ${K.managedMcpServers}[2].env, ${K.managedMcpServers}[3].oauth.clientSecret) in a user-scoped profile: users can read and change HKCU and their own managed preferences`,
  );
  expect(found.find((f) => f.key === K.inferenceCustomHeaders)?.message).toBe(`${K.inferenceCustomHeaders} carries a value that may be a credential in a user-scoped profile: users can read and change HKCU and their own managed preferences`);
  expect(JSON.stringify(r.findings)).not.toContain('SINGLEQ-SECRET');
});

test('a token pasted as a header name is not shown either', () => {
  const r = validateProfile(profile('user', { [K.inferenceCustomHeaders]: { 'sk-live-SINGLEQ-SECRET-1': 'v' } }), { now: NOW });
  expect(userFindings(r)).toHaveLength(1);
  expect(JSON.stringify(userFindings(r))).not.toContain('SINGLEQ-SECRET');
});

test('not in a machine-scoped profile, and not for an MCP server without secrets', () => {
  const headers = { [K.inferenceCustomHeaders]: { Authorization: SECRET } };
  expect(userFindings(validateProfile(profile('machine', headers), { now: NOW }))).toEqual([]);
  expect(userFindings(validateProfile(profile('user', { [K.managedMcpServers]: [{ name: 'plain', url: 'https://mcp.example.com' }] }), { now: NOW }))).toEqual([]);
});

test('check of a user-scoped .mobileconfig reports a header secret too', () => {
  const r = check(mobileconfig({ ...BASE, [K.inferenceCustomHeaders]: JSON.stringify({ Authorization: SECRET }) }, { scope: 'User' }), 'test.mobileconfig');
  const found = r.findings.filter((f) => f.code === 'secret-in-user-scope').map((f) => f.key);
  expect(found).toEqual(expect.arrayContaining([K.inferenceGatewayApiKey, K.inferenceCustomHeaders]));
  expect(JSON.stringify(r.findings)).not.toContain('SINGLEQ-SECRET');
});

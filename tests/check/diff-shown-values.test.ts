/**
 * What `diff` shows of a value. A lost `<key>` line moves the next value under the key before it:
 * a secret-bearing MCP server list under a URL key is shown as its kind and length only (its key
 * cannot hold it), never as text; every shown value is clipped as `check` clips quotes.
 */
import { diffArtifacts } from '../../lib/diff';
import { CLIP_LENGTH } from '../../lib/escape/clip';
import { BASE, mobileconfig, NOW } from './support';
import { K } from '../support/keys';

const diff = (a: string, b: string) => diffArtifacts({ bytes: Buffer.from(a), file: 'a.mobileconfig' }, { bytes: Buffer.from(b), file: 'b.mobileconfig' }, { now: NOW });

const SECRET = 'Zq9Jx-shifted-header-value';
const SERVERS = JSON.stringify([{ name: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp', headers: { 'X-Api-Key': SECRET } }]);

test('a server list moved under a URL key by a lost <key> line: its kind and length, not its text', () => {
  const before = mobileconfig({ ...BASE, [K.userContentRendererUrl]: 'https://example.com/path', [K.managedMcpServers]: SERVERS });
  // The server list's <key> line lost: its value is read as the URL key's (the last one wins).
  const after = before.replace(`<key>${K.managedMcpServers}</key>`, `<key>${K.userContentRendererUrl}</key>`);
  const d = diff(before, after);
  const change = d.settings.find((s) => s.key === K.userContentRendererUrl);
  expect(change).toMatchObject({ change: 'changed', secret: false, old: 'https://example.com/path' });
  expect(change?.new).toBe(`(value not shown: a string, ${SERVERS.length} characters as text, which ${K.userContentRendererUrl} cannot hold)`);
  expect(JSON.stringify(d)).not.toContain(SECRET.slice(0, 6));
});

test('a long value is clipped, saying how long it was; a short one is shown whole', () => {
  const long = `Use the ${'approved '.repeat(40)}tools only.`;
  const d = diff(mobileconfig({ ...BASE, [K.organizationInstructions]: 'Be brief.' }), mobileconfig({ ...BASE, [K.organizationInstructions]: long }));
  const change = d.settings.find((s) => s.key === K.organizationInstructions);
  expect(change?.old).toBe('Be brief.');
  expect(change?.new).toBe(`${long.slice(0, CLIP_LENGTH - 1)}… (${long.length} characters)`);
});

test('profiles: an { "env" } reference with another field beside it (a pasted secret) is not a reference: not shown', () => {
  const PASTED = 'sk-live-pasted-beside-env-0123';
  const profile = (apiKey: unknown) => JSON.stringify({
    name: 'd', identifier: 'com.example.d',
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gateway.example.com', [K.inferenceGatewayApiKey]: apiKey, [K.inferenceModels]: [{ name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }] },
  });
  const d = diffArtifacts({ bytes: Buffer.from(profile({ env: 'GW_KEY' })), file: 'a.profile.json' }, { bytes: Buffer.from(profile({ env: 'GW_KEY', value: PASTED })), file: 'b.profile.json' }, { now: NOW });
  const change = d.settings.find((s) => s.key === K.inferenceGatewayApiKey);
  // A real reference names its variable; the object with a second field is shown as its kind and length only.
  expect(change).toMatchObject({ change: 'changed', secret: true, old: '{"env":"GW_KEY"}' });
  expect(change?.new).toMatch(/^\(value not shown: an object, \d+ characters as text/);
  expect(JSON.stringify(d)).not.toContain(PASTED.slice(0, 10));
});

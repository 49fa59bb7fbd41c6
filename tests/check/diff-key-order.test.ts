/**
 * What `diff` counts as a change. Key order inside an object means nothing to the app, with one
 * exception the catalogue marks (`keyOrderMatters`): the tool-policy maps, whose keys are tool
 * names and `*`-globs where the first matching rule may win. The builds keep those maps in the
 * order written (lib/profile/canonical.ts), so two deployments that differ only there hold different
 * policy strings, and `diff` must not call them the same. A bootstrap-only key missing from an
 * MDM file is named as such, and the same values in another scope (HKLM or HKCU) are a change.
 */
import { buildArtifacts } from '../../lib/build';
import { CATALOG } from '../../lib/catalog';
import { diffArtifacts } from '../../lib/diff';
import { BASE, NOW, regFile } from './support';
import { K } from '../support/keys';

const HAIKU = { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' };
const profile = (extra: Record<string, unknown>) => ({
  name: 'order',
  identifier: 'com.example.order',
  settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'sk-order-0123456789', [K.inferenceModels]: [HAIKU], ...extra },
});
const mobileconfigOf = (p: unknown): Buffer => buildArtifacts(p, { now: NOW, formats: ['mobileconfig'] }).files.find((f) => f.path.endsWith('.mobileconfig'))!.bytes;
const diffFiles = (a: Buffer, b: Buffer, ext: string) => diffArtifacts({ bytes: a, file: `a.${ext}` }, { bytes: b, file: `b.${ext}` }, { now: NOW });
const diffProfiles = (a: unknown, b: unknown) => diffFiles(Buffer.from(JSON.stringify(a)), Buffer.from(JSON.stringify(b)), 'json');

test('the catalogue marks the tool-policy maps as ordered (what this test relies on)', () => {
  expect(CATALOG.find((k) => k.name === K.builtinToolPolicy)?.keyOrderMatters).toBe(true);
  expect(CATALOG.find((k) => k.name === K.managedMcpServers)?.fields?.toolPolicy?.keyOrderMatters).toBe(true);
});

test(`a reordered ${K.builtinToolPolicy} is a change: the built files differ, and diff says so with the place`, () => {
  const first = profile({ [K.builtinToolPolicy]: { 'Bash(curl *)': 'allow', Bash: 'ask' } });
  const second = profile({ [K.builtinToolPolicy]: { Bash: 'ask', 'Bash(curl *)': 'allow' } });
  const a = mobileconfigOf(first);
  const b = mobileconfigOf(second);
  // The deployed strings differ (the writers keep the order written).
  expect(a.equals(b)).toBe(false);
  for (const d of [diffFiles(a, b, 'mobileconfig'), diffProfiles(first, second)]) {
    expect(d.same).toBe(false);
    expect(d.settings).toEqual([
      { key: K.builtinToolPolicy, change: 'changed', secret: false, old: '{"Bash(curl *)":"allow","Bash":"ask"}', new: '{"Bash":"ask","Bash(curl *)":"allow"}', paths: [K.builtinToolPolicy] },
    ]);
  }
  // The same order on both sides is no change.
  expect(diffFiles(a, mobileconfigOf(first), 'mobileconfig').same).toBe(true);
});

test('a reordered toolPolicy of an MCP server is a change at that server', () => {
  const server = (toolPolicy: Record<string, string>) => [{ name: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp', toolPolicy }];
  const d = diffProfiles(profile({ [K.managedMcpServers]: server({ 'search_*': 'allow', search_private: 'blocked' }) }), profile({ [K.managedMcpServers]: server({ search_private: 'blocked', 'search_*': 'allow' }) }));
  expect(d.same).toBe(false);
  expect(d.settings.map((s) => [s.key, s.change, s.paths])).toEqual([[K.managedMcpServers, 'changed', [`${K.managedMcpServers}[0].toolPolicy`]]]);
});

test('key order anywhere else is no change: header maps, model entries, OIDC objects', () => {
  const a = profile({ [K.inferenceCustomHeaders]: { 'X-A': '1', 'X-B': '2' }, [K.inferenceGatewayOidc]: { clientId: 'c', issuer: 'https://idp.example.com' } });
  const b = profile({ [K.inferenceCustomHeaders]: { 'X-B': '2', 'X-A': '1' }, [K.inferenceGatewayOidc]: { issuer: 'https://idp.example.com', clientId: 'c' } });
  (b.settings[K.inferenceModels] as unknown[]) = [{ anthropicFamilyTier: 'haiku', name: 'claude-haiku-4-5' }];
  const d = diffProfiles(a, b);
  expect(d.settings).toEqual([]);
  expect(d.same).toBe(true);
});

test('a bootstrap-only key missing from an MDM file is named as such, not as a plain removal', () => {
  const p = profile({ [K.bootstrapUrl]: 'https://boot.example.com/config', [K.claudeAiImport]: { enabled: true } });
  const d = diffFiles(Buffer.from(JSON.stringify(p)), mobileconfigOf(p), 'mobileconfig');
  expect(d.settings.map((s) => [s.key, s.change, s.note])).toEqual([[K.claudeAiImport, 'removed', `${K.claudeAiImport} is bootstrap-only: a mobileconfig file never carries it`]]);
  // Between two MDM files neither side can carry it: no change at all.
  expect(diffFiles(mobileconfigOf(p), mobileconfigOf(p), 'mobileconfig').same).toBe(true);
});

test('the same values under HKLM and under HKCU differ in scope: not the same deployment', () => {
  const d = diffFiles(regFile(BASE), regFile(BASE, [], 'HKEY_CURRENT_USER'), 'reg');
  expect(d.settings).toEqual([]);
  expect(d.metadata).toEqual([{ field: 'scope', old: 'machine', new: 'user' }]);
  expect(d.same).toBe(false);
  expect(diffFiles(regFile(BASE), regFile(BASE), 'reg').same).toBe(true);
});

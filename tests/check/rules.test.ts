/**
 * Every lint rule of `check`, table-driven: for each code a hand-made artifact that triggers it
 * and a clean one (the same artifact with the problem fixed) that does not.
 */
import type { FileReport } from '../../lib/check';
import { buildArtifacts } from '../../lib/build';
import { CATALOG } from '../../lib/catalog';
import { decodeEntries, readArtifact } from '../../lib/check';
import { importArtifact, ImportError } from '../../lib/import';
import { isSecretKey } from '../../lib/check/decode';
import { MAX_PROFILE_DEPTH } from '../../lib/profile/depth';
import { WINDOWS_INTEGER_MAX } from '../../lib/validate/rules/keys';
import { BASE, BEDROCK, check, checkAll, codes, fixture, json, mobileconfig, NOW, regFile, type McOptions } from './support';
import { K, LEGACY } from '../support/keys';

const mc = (over: Record<string, string | null> = {}, o: McOptions = {}): FileReport => check(mobileconfig({ ...BASE, ...over }, o), 'test.mobileconfig');
const reg = (over: Record<string, string> = {}, extra: string[] = []): FileReport => check(regFile({ ...BASE, ...over }, extra), 'test.reg');
const models = (...entries: object[]): string => JSON.stringify(entries);
const HAIKU = { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' };
const SONNET = { name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' };
const manyHosts = JSON.stringify(Array.from({ length: 3000 }, (_, i) => `host${i}.example.com`));

interface Case {
  /** Expected `severity:code`. */
  code: string;
  bad: () => FileReport;
  good: () => FileReport;
}

const CASES: Record<string, Case> = {
  'native <true/> for a boolean': { code: 'warning:not-a-string', bad: () => mc({}, { extra: `<key>${K.disableAutoUpdates}</key><true/>` }), good: () => mc({ [K.disableAutoUpdates]: 'true' }) },
  'native <dict> for an object': { code: 'error:not-a-string', bad: () => mc({}, { extra: `<key>${K.banner}</key><dict><key>enabled</key><true/><key>text</key><string>Hi</string></dict>` }), good: () => mc({ [K.banner]: '{"enabled":true,"text":"Hi"}' }) },
  'http:// base URL': { code: 'error:not-https', bad: () => mc({ [K.inferenceGatewayBaseUrl]: 'http://gateway.example.com' }), good: () => mc() },
  'no Haiku-tier model': { code: 'warning:no-haiku-model', bad: () => mc({ [K.inferenceModels]: models(SONNET) }), good: () => mc() },
  'supports1m on a Haiku id on Bedrock': {
    code: 'warning:supports1m-unlikely',
    bad: () => check(mobileconfig({ ...BEDROCK, [K.inferenceModels]: models({ name: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', anthropicFamilyTier: 'haiku', supports1m: true }) })),
    good: () => check(mobileconfig(BEDROCK)),
  },
  'supports1m on a Claude 3.7 Sonnet id on Vertex': {
    code: 'warning:supports1m-unlikely',
    bad: () => check(mobileconfig({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'proj', [K.inferenceVertexRegion]: 'us-east5', [K.inferenceModels]: models({ name: 'claude-3-7-sonnet@20250219', supports1m: true }, { name: 'claude-haiku-4-5@20251001', anthropicFamilyTier: 'haiku' }) })),
    good: () => check(mobileconfig({ [K.inferenceProvider]: 'vertex', [K.inferenceVertexProjectId]: 'proj', [K.inferenceVertexRegion]: 'us-east5', [K.inferenceModels]: models({ name: 'claude-opus-4-1@20250805', supports1m: true }, { name: 'claude-haiku-4-5@20251001', anthropicFamilyTier: 'haiku' }) })),
  },
  'supports1m on Claude 3.7 Sonnet and 3.5 Sonnet v2 inference profiles on Bedrock (audit-lint 4)': {
    code: 'warning:supports1m-unlikely',
    bad: () => check(mobileconfig({ ...BEDROCK, [K.inferenceModels]: models({ name: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', supports1m: true }, { name: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', supports1m: true }, { name: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', anthropicFamilyTier: 'haiku' }) })),
    good: () => check(mobileconfig({ ...BEDROCK, [K.inferenceModels]: models({ name: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', supports1m: true }, { name: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', anthropicFamilyTier: 'haiku' }) })),
  },
  'a key of another provider': { code: 'warning:key-not-for-provider', bad: () => mc({ [K.inferenceBedrockRegion]: 'us-east-1' }), good: () => mc() },
  'a CHANGE_ME placeholder': { code: 'error:placeholder', bad: () => mc({ [K.inferenceGatewayApiKey]: 'CHANGE_ME' }), good: () => mc() },
  'a typo in a key name': { code: 'error:key-typo', bad: () => mc({ disableAutoUpdate: 'true' }), good: () => mc({ [K.disableAutoUpdates]: 'true' }) },
  'an unknown key': { code: 'warning:unknown-key', bad: () => mc({ acmeInternalRolloutRing: 'canary' }), good: () => mc() },
  'an API key in a user-scoped profile': { code: 'warning:secret-in-user-scope', bad: () => mc({}, { scope: 'User' }), good: () => mc({}, { scope: 'System' }) },
  'JSON longer than an ADMX text field': { code: 'warning:value-too-long', bad: () => mc({ [K.coworkEgressAllowedHosts]: manyHosts }), good: () => mc({ [K.coworkEgressAllowedHosts]: '["pypi.org"]' }) },
  'an integer above the ADMX decimal cap': { code: 'warning:integer-too-large', bad: () => mc({ [K.mcpToolTimeoutSec]: '3000000000' }), good: () => mc({ [K.mcpToolTimeoutSec]: '2000000000' }) },
  'a legacy alias': { code: 'error:deprecated-name', bad: () => mc({ [LEGACY.isDxtEnabled]: 'true' }), good: () => mc({ [K.isDesktopExtensionEnabled]: 'true' }) },
  'old header list shape': { code: 'error:deprecated-shape', bad: () => mc({ [K.inferenceCustomHeaders]: '["X-Org: platform"]' }), good: () => mc({ [K.inferenceCustomHeaders]: '{"X-Org":"platform"}' }) },
  'old auth scheme value sso': { code: 'error:deprecated-value', bad: () => mc({ [K.inferenceGatewayAuthScheme]: 'sso' }), good: () => mc({ [K.inferenceGatewayAuthScheme]: 'bearer' }) },
  [`old ${K.managedMcpServers} fields`]: {
    code: 'error:deprecated-shape',
    bad: () => mc({ [K.managedMcpServers]: '[{"name":"docs","url":"https://mcp.example.com","transport":"http","source":"admin"},{"name":"m365","server":"microsoft365","transport":"builtin","tenantId":"t","scopes":["a","b"]}]' }),
    good: () => mc({ [K.managedMcpServers]: '[{"name":"docs","url":"https://mcp.example.com","transport":"http"},{"name":"m365","server":"microsoft365","tenantId":"t","scope":"a b"}]' }),
  },
  'a duplicate plist <key>': { code: 'error:duplicate-key', bad: () => mc({}, { extra: `<key>${K.inferenceProvider}</key><string>gateway</string>` }), good: () => mc() },
  'a duplicate model': { code: 'error:duplicate-entry', bad: () => mc({ [K.inferenceModels]: models(SONNET, HAIKU, SONNET) }), good: () => mc() },
  'invalid JSON inside a JSON-text value': { code: 'error:invalid-json-text', bad: () => mc({ [K.inferenceModels]: '[{"name":"claude-sonnet-4-5"' }), good: () => mc() },
  'a boolean that is not true/false': { code: 'error:undecodable-value', bad: () => mc({ [K.disableAutoUpdates]: 'yes' }), good: () => mc({ [K.disableAutoUpdates]: 'false' }) },
  'an enum value out of range': { code: 'error:not-allowed-value', bad: () => mc({ [K.inferenceGatewayAuthScheme]: 'basic' }), good: () => mc({ [K.inferenceGatewayAuthScheme]: 'x-api-key' }) },
  'an integer out of range': { code: 'error:out-of-range', bad: () => mc({ [K.autoUpdaterEnforcementHours]: '100' }), good: () => mc({ [K.autoUpdaterEnforcementHours]: '72' }) },
  'a bootstrap-only key in an MDM profile': { code: 'warning:bootstrap-only-in-mdm', bad: () => mc({ [K.claudeAiImport]: '{"url":"https://claude.ai"}' }), good: () => mc() },
  'an MDM-only key in a bootstrap response': {
    code: 'warning:mdm-only-in-bootstrap',
    bad: () => check(fixture('bootstrap-response.json'), 'bootstrap-response.json'),
    good: () => check(json({ [K.inferenceGatewayBaseUrl]: 'https://gateway.example.com', expiresAt: '2026-12-01T00:00:00Z' }), 'bootstrap-response.json'),
  },
  'an object split into dotted keys': {
    code: 'error:dotted-key',
    bad: () => mc({ [K.bootstrapUrl]: 'https://boot.example.com/bootstrap', [`${K.bootstrapOidc}.clientId`]: 'abc', [`${K.bootstrapOidc}.issuer`]: 'https://idp.example.com' }),
    good: () => mc({ [K.bootstrapUrl]: 'https://boot.example.com/bootstrap', [K.bootstrapOidc]: '{"clientId":"abc","issuer":"https://idp.example.com"}' }),
  },
  'no PayloadScope': { code: 'warning:payload-scope-missing', bad: () => mc({}, { scope: null }), good: () => mc() },
  'no PayloadDisplayName': { code: 'warning:payload-display-name-missing', bad: () => mc({}, { displayName: null }), good: () => mc() },
  'a PayloadUUID used twice in one file': { code: 'error:duplicate-payload-uuid', bad: () => mc({}, { uuid: '33333333-3333-4333-8333-333333333333', payloadUuid: '33333333-3333-4333-8333-333333333333' }), good: () => mc() },
  'REG_EXPAND_SZ': { code: 'error:reg-expand-sz', bad: () => reg({}, [`"${K.otlpEndpoint}"=hex(2):68,00,00,00`]), good: () => reg({ [K.otlpEndpoint]: 'https://otel.example.com' }) },
  'REG_MULTI_SZ': { code: 'error:reg-invisible-type', bad: () => reg({}, [`"${K.coworkEgressAllowedHosts}"=hex(7):61,00,00,00,00,00`]), good: () => reg({ [K.coworkEgressAllowedHosts]: '["a"]' }) },
  'REG_QWORD': { code: 'error:reg-invisible-type', bad: () => reg({}, [`"${K.inferenceTokenWindowHours}"=hex(b):18,00,00,00,00,00,00,00`]), good: () => reg({ [K.inferenceTokenWindowHours]: '24' }) },
  'REG_BINARY': { code: 'error:reg-invisible-type', bad: () => reg({}, [`"${K.disableAutoUpdates}"=hex:01`]), good: () => reg({}, [`"${K.disableAutoUpdates}"=dword:00000001`]) },
  'REG_DWORD for a text key': { code: 'error:reg-dword-type', bad: () => reg({}, [`"${K.otlpProtocol}"=dword:00000001`]), good: () => reg({ [K.otlpProtocol]: 'grpc' }) },
  'a value in a subkey': { code: 'error:reg-subkey', bad: () => reg({}, ['', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub]', `"${K.disableAutoUpdates}"="true"`]), good: () => reg({ [K.disableAutoUpdates]: 'true' }) },
  'a value outside SOFTWARE\\Policies\\Claude': { code: 'warning:reg-other-key', bad: () => reg({}, ['', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Claude]', `"${K.disableAutoUpdates}"="true"`]), good: () => reg() },
  'a duplicate .reg value name': { code: 'warning:reg-duplicate-value', bad: () => reg({}, [`"${K.inferenceProvider}"="gateway"`]), good: () => reg() },
  'a duplicate JSON key': {
    code: 'error:duplicate-key',
    bad: () => check(`{\n  "${K.inferenceProvider}": "gateway",\n  "${K.inferenceProvider}": "bedrock"\n}\n`, 'managed-settings.json'),
    good: () => check(fixture('managed-settings.json'), 'managed-settings.json'),
  },
  'Claude strings in a config-library entry': {
    code: 'warning:json-string-encoded',
    bad: () => check(json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU], [K.disableAutoUpdates]: 'true' }), 'a3f1c2d4-0000-4000-8000-000000000000.json'),
    good: () => check(json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU], [K.disableAutoUpdates]: true }), 'a3f1c2d4-0000-4000-8000-000000000000.json'),
  },
  'a native JSON value of the wrong type': {
    code: 'error:wrong-type',
    bad: () => check(json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU], [K.disableAutoUpdates]: 1 }), 'a3f1c2d4-0000-4000-8000-000000000000.json'),
    good: () => check(json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU], [K.disableAutoUpdates]: false }), 'a3f1c2d4-0000-4000-8000-000000000000.json'),
  },
  'a Jamf property that is not a string': {
    code: 'error:jamf-not-string',
    bad: () => check(fixture('jamf-native-types.json'), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['true', 'false'] } } }), 'schema.json'),
  },
  'a Jamf boolean enum that is not true/false': {
    code: 'error:jamf-boolean-enum',
    bad: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['yes', 'no'] } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['true', 'false'] } } }), 'schema.json'),
  },
  'a Jamf boolean property (native <true/>: not confirmed to be read)': {
    code: 'warning:jamf-not-string',
    bad: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'boolean', title: 'x' } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['true', 'false'] } } }), 'schema.json'),
  },
  'a Jamf boolean enum with a third value (mutation gap JS3)': {
    code: 'error:jamf-boolean-enum',
    bad: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['true', 'false', 'maybe'] } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'string', title: 'x', enum: ['false', 'true'] } } }), 'schema.json'),
  },
  'a Jamf HTTP:// default (upper-case scheme) for a URL key (mutation gap JS4)': {
    code: 'error:not-https',
    bad: () => check(json({ title: 'Claude', properties: { [K.inferenceGatewayBaseUrl]: { type: 'string', title: 'x', default: 'HTTP://gw.example.com' } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.inferenceGatewayBaseUrl]: { type: 'string', title: 'x', default: 'HTTPS://gw.example.com' } } }), 'schema.json'),
  },
  'a retired key name in a Jamf schema, after its cut-off (mutation gap KN1)': {
    code: 'error:deprecated-name',
    bad: () => check(json({ title: 'Claude', properties: { [LEGACY.isDxtEnabled]: { type: 'string', title: 'x', enum: ['true', 'false'] } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.isDesktopExtensionEnabled]: { type: 'string', title: 'x', enum: ['true', 'false'] } } }), 'schema.json'),
  },
  'a Jamf http:// default for a URL key': {
    code: 'error:not-https',
    bad: () => check(json({ title: 'Claude', properties: { [K.inferenceGatewayBaseUrl]: { type: 'string', title: 'x', default: 'http://gw.example.com' } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.inferenceGatewayBaseUrl]: { type: 'string', title: 'x', default: 'https://gw.example.com' } } }), 'schema.json'),
  },
  'a Jamf object default': {
    code: 'error:jamf-default-not-string',
    bad: () => check(json({ title: 'Claude', properties: { [K.banner]: { type: 'string', title: 'x', default: { enabled: true } } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.banner]: { type: 'string', title: 'x', default: '{"enabled":true}' } } }), 'schema.json'),
  },
  'a Jamf number default (not confirmed to be read)': {
    code: 'warning:jamf-default-not-string',
    bad: () => check(json({ title: 'Claude', properties: { [K.autoUpdaterEnforcementHours]: { type: 'string', title: 'x', default: 24 } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.autoUpdaterEnforcementHours]: { type: 'string', title: 'x', default: '24' } } }), 'schema.json'),
  },
  'a config library _meta.json applying a missing entry': {
    code: 'error:config-library-applied-missing',
    bad: () => check(json({ appliedId: 'b', entries: [{ id: 'a', name: 'A' }] }), '_meta.json'),
    good: () => check(json({ appliedId: 'a', entries: [{ id: 'a', name: 'A' }] }), '_meta.json'),
  },
  'a PayloadIdentifier that is not reverse-DNS': { code: 'warning:payload-identifier-not-reverse-dns', bad: () => mc({}, { identifier: 'claude' }), good: () => mc({}, { identifier: 'com.example.claude' }) },
  // Jamf and Intune name the profiles they export by UUID: unique by construction, and not the admin's to change.
  'a PayloadIdentifier that is neither reverse-DNS nor a UUID': { code: 'warning:payload-identifier-not-reverse-dns', bad: () => mc({}, { identifier: '8F0C2B5E-93A1-4E7B-9C55-0D3C1B2A4F6' }), good: () => mc({}, { identifier: '8F0C2B5E-93A1-4E7B-9C55-0D3C1B2A4F61' }) },
  'a REG_DWORD boolean other than 0 or 1': { code: 'error:reg-dword-type', bad: () => reg({}, [`"${K.disableAutoUpdates}"=dword:00000002`]), good: () => reg({}, [`"${K.disableAutoUpdates}"=dword:00000000`]) },
  'a Jamf enum with non-string values': {
    code: 'error:jamf-enum-not-strings',
    bad: () => check(json({ title: 'Claude', properties: { [K.otlpProtocol]: { type: 'string', title: 'x', enum: ['grpc', 1] } } }), 'schema.json'),
    good: () => check(json({ title: 'Claude', properties: { [K.otlpProtocol]: { type: 'string', title: 'x', enum: ['grpc', 'http/json'] } } }), 'schema.json'),
  },
  'a Jamf schema without properties': {
    code: 'error:jamf-no-properties',
    bad: () => check(json({ title: 'Claude', properties: {} }), 'schema.json', { kind: 'jamf-schema' }),
    good: () => check(json({ title: 'Claude', properties: { [K.otlpProtocol]: { type: 'string', title: 'x' } } }), 'schema.json'),
  },
  'a profile manifest without pfm_subkeys': {
    code: 'error:manifest-no-subkeys',
    bad: () => check('<?xml version="1.0"?><plist version="1.0"><dict><key>pfm_domain</key><string>com.anthropic.claudefordesktop</string></dict></plist>'),
    good: () => check(`<?xml version="1.0"?><plist version="1.0"><dict><key>pfm_domain</key><string>com.anthropic.claudefordesktop</string><key>pfm_subkeys</key><array><dict><key>pfm_name</key><string>${K.otlpProtocol}</string><key>pfm_type</key><string>string</string></dict></array></dict></plist>`),
  },
  'a build manifest without files': {
    code: 'error:manifest-shape',
    bad: () => check(json({ tool: { name: 'claude-gateway-profile' }, profile: {}, files: [{ path: 'x' }] }), 'manifest.json'),
    good: () => check(json({ tool: { name: 'claude-gateway-profile' }, profile: {}, files: [] }), 'manifest.json'),
  },
  'a disabled Intune row': {
    code: 'warning:oma-disabled',
    bad: () => check(json({ '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [{ omaUri: `./Device/Vendor/MSFT/Policy/Config/ClaudeDesktop~Policy~Claude~Claude_Updates/${K.disableAutoUpdates}`, value: '<disabled/>' }] })),
    good: () => check(json({ '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [{ omaUri: `./Device/Vendor/MSFT/Policy/Config/ClaudeDesktop~Policy~Claude~Claude_Updates/${K.otlpProtocol}`, value: `<enabled/><data id="${K.otlpProtocol}" value="grpc"/>` }] })),
  },
  'an Intune row that is not a Claude policy': {
    code: 'warning:oma-uri-unknown',
    bad: () => check(json({ '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [{ omaUri: './Device/Vendor/MSFT/Policy/Config/Browser/AllowAutofill', value: '1' }] })),
    good: () => check(json({ '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [] })),
  },
  'an Intune macOS body whose payload is not base64': {
    code: 'error:graph-payload-base64',
    bad: () => check(json({ '@odata.type': '#microsoft.graph.macOSCustomConfiguration', displayName: 'x', payloadName: 'x', payloadFileName: 'x.mobileconfig', payload: '<plist>' })),
    good: () => check(json({ '@odata.type': '#microsoft.graph.macOSCustomConfiguration', displayName: 'x', payloadName: 'x', payloadFileName: 'x.mobileconfig', payload: Buffer.from(mobileconfig(BASE)).toString('base64') })),
  },
  'Claude strings in a bootstrap response': {
    code: 'warning:json-string-encoded',
    bad: () => check(json({ [K.inferenceModels]: JSON.stringify([SONNET, HAIKU]), expiresAt: 'x' }), 'r.json'),
    good: () => check(json({ [K.inferenceModels]: [SONNET, HAIKU], expiresAt: 'x' }), 'r.json'),
  },
  'a file that sets nothing': { code: 'error:no-settings', bad: () => check(regFile({}, ['', '[HKEY_CLASSES_ROOT\\Claude]', `"${K.disableAutoUpdates}"="true"`])), good: () => reg() },
  'an empty managed-settings.json': { code: 'error:no-settings', bad: () => check('{}\n', 'managed-settings.json'), good: () => check(fixture('managed-settings.json'), 'managed-settings.json') },
  'a Latin-1 .mobileconfig': {
    code: 'error:not-utf8',
    bad: () => check(Buffer.from(mobileconfig(BASE, { displayName: 'Caf\u00e9' }), 'latin1'), 'p.mobileconfig'),
    good: () => check(Buffer.from(mobileconfig(BASE, { displayName: 'Caf\u00e9' }), 'utf8'), 'p.mobileconfig'),
  },
  'JSON nested absurdly deep': {
    code: 'error:too-deep',
    bad: () => check(`{"${K.inferenceModels}": ${'['.repeat(3000)}${']'.repeat(3000)}}`, 'managed-settings.json'),
    good: () => check(`{"${K.inferenceModels}": ${'['.repeat(3)}${']'.repeat(3)}}`, 'managed-settings.json'),
  },
};

test('supports1m-unlikely names Claude 3.x models by their version, never by their date', () => {
  const r = check(mobileconfig({ ...BEDROCK, [K.inferenceModels]: models({ name: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', supports1m: true }, { name: 'claude-3-5-haiku-20241022', anthropicFamilyTier: 'haiku', supports1m: true }) }));
  const messages = r.findings.filter((f) => f.code === 'supports1m-unlikely').map((f) => f.message);
  expect(messages).toEqual([
    '"us.anthropic.claude-3-7-sonnet-20250219-v1:0" is Claude 3.7 Sonnet; on bedrock only Sonnet and Opus 4 or later serve a 1M-token context, so the "1M context" picker entry would fail',
    '"claude-3-5-haiku-20241022" is Claude 3.5 Haiku; on bedrock only Sonnet and Opus 4 or later serve a 1M-token context, so the "1M context" picker entry would fail',
  ]);
  expect(messages.join(' ')).not.toMatch(/(haiku|sonnet) 20\d{6}/i);
});

describe('each rule: triggered by a hand-made artifact, silent on the fixed one', () => {
  test.each(Object.entries(CASES))('%s', (_name, c) => {
    const bad = c.bad();
    const good = c.good();
    expect(codes(bad)).toContain(c.code);
    expect(codes(good)).not.toContain(c.code);
    const [, code] = c.code.split(':');
    for (const f of bad.findings.filter((x) => x.code === code)) {
      expect(f.path).not.toBe('');
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.code).toMatch(/^[a-z0-9-]+$/);
    }
  });

  test('the clean baselines have no errors at all', () => {
    for (const r of [mc(), reg(), check(fixture('strings-only.mobileconfig')), check(fixture('clean.reg')), check(fixture('managed-settings.json'), 'managed-settings.json')]) {
      expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});

describe('messages: key, place in the file, exact fix', () => {
  test('the fixture with native <array> (an error), <true/> and <integer> (warnings: probably read, unconfirmed): each with the key and the string to write', () => {
    const r = check(fixture('native-types.mobileconfig'), 'native-types.mobileconfig');
    const native = r.findings.filter((f) => f.code === 'not-a-string');
    expect(native.map((f) => [f.key, f.path, f.severity, f.hint])).toEqual([
      [K.inferenceModels, `PayloadContent[0].${K.inferenceModels}`, 'error', 'write <string>[{"name":"claude-sonnet-4-5","anthropicFamilyTier":"sonnet"},{"name":"claude-haiku-4-5","anthropicFamilyTier":"haiku"}]</string>'],
      [K.disableDeploymentModeChooser, `PayloadContent[0].${K.disableDeploymentModeChooser}`, 'warning', 'write <string>true</string>'],
      [K.inferenceTokenWindowHours, `PayloadContent[0].${K.inferenceTokenWindowHours}`, 'warning', 'write <string>24</string>'],
    ]);
    expect(native[0]?.message).toMatch(/<array>/);
    expect(native[1]?.message).toMatch(/<true\/> value; .*not confirmed, so write a string to be safe/);
    expect(native[2]?.message).toMatch(/<integer>/);
  });

  test('a Jamf boolean or integer property is worded as unconfirmed, an array as ignored', () => {
    const r = check(json({ title: 'Claude', properties: { [K.disableAutoUpdates]: { type: 'boolean', title: 'x' }, [K.inferenceTokenWindowHours]: { type: 'integer', title: 'x' }, [K.coworkEgressAllowedHosts]: { type: 'array', title: 'x' } } }), 'schema.json');
    const byKey = Object.fromEntries(r.findings.filter((f) => f.code === 'jamf-not-string').map((f) => [f.key, f]));
    for (const k of [K.disableAutoUpdates, K.inferenceTokenWindowHours]) {
      expect(byKey[k]).toMatchObject({ severity: 'warning' });
      expect(byKey[k]?.message).toMatch(/not confirmed to read/);
      expect(byKey[k]?.message).not.toMatch(/does not read/);
      expect(byKey[k]?.hint).toMatch(/to be safe/);
    }
    expect(byKey[K.coworkEgressAllowedHosts]).toMatchObject({ severity: 'error' });
  });

  test('every native plist type is named, and its fix escapes XML', () => {
    const plist = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>
<key>${K.inferenceProvider}</key><string>gateway</string>
<key>${K.disableAutoUpdates}</key><false/>
<key>${K.deploymentDisplayName}</key><true/>
<key>${K.inferenceModelPricingMultiplier}</key><real>1.5</real>
<key>${K.deploymentOrganizationUuid}</key><date>2026-01-01T00:00:00Z</date>
<key>${K.organizationInstructions}</key><data>SGk=</data>
<key>${K.coworkEgressAllowedHosts}</key><array><string>a&amp;b.example.com</string></array>
</dict></plist>\n`;
    const r = check(plist, 'com.anthropic.claudefordesktop.plist');
    expect(r.kind).toBe('plist');
    const byKey = Object.fromEntries(r.findings.filter((f) => f.code === 'not-a-string').map((f) => [f.key, f]));
    expect(byKey[K.disableAutoUpdates]?.message).toMatch(/<false\/>/);
    expect(byKey[K.disableAutoUpdates]?.hint).toBe('write <string>false</string>');
    // A native boolean for a text key is read as its text (mutation gap D2).
    expect(byKey[K.deploymentDisplayName]?.hint).toBe('write <string>true</string>');
    expect(byKey[K.inferenceModelPricingMultiplier]?.hint).toBe('write <string>1.5</string>');
    expect(byKey[K.deploymentOrganizationUuid]?.message).toMatch(/<date>/);
    expect(byKey[K.organizationInstructions]?.message).toMatch(/<data>/);
    expect(byKey[K.coworkEgressAllowedHosts]?.hint).toBe('write <string>["a&amp;b.example.com"]</string>');
    const severity = (k: string) => byKey[k]?.severity;
    expect([K.disableAutoUpdates, K.deploymentDisplayName, K.inferenceModelPricingMultiplier].map(severity)).toEqual(['warning', 'warning', 'warning']);
    expect([K.deploymentOrganizationUuid, K.organizationInstructions, K.coworkEgressAllowedHosts].map(severity)).toEqual(['error', 'error', 'error']);
  });

  test('validator findings are placed inside the JSON value in the file', () => {
    const r = mc({ [K.inferenceModels]: models(SONNET, HAIKU, SONNET) });
    expect(r.findings.find((f) => f.code === 'duplicate-entry')?.path).toBe(`PayloadContent[0].${K.inferenceModels}[2]`);
    const g = reg({ [K.inferenceModels]: models(SONNET, HAIKU, SONNET) });
    expect(g.findings.find((f) => f.code === 'duplicate-entry')?.path).toBe(`line 7 (${K.inferenceModels}[2])`);
    const legacy = mc({ [LEGACY.isDxtEnabled]: 'true' }).findings.find((f) => f.code === 'deprecated-name');
    expect(legacy?.path).toBe(`PayloadContent[0].${LEGACY.isDxtEnabled}`);
    expect(legacy?.hint).toBe(`rename ${LEGACY.isDxtEnabled} to ${K.isDesktopExtensionEnabled}`);
  });

  test('native JSON values are placed at their own line', () => {
    const text = json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU, SONNET] });
    const r = check(text, 'c0ffee00-0000-4000-8000-000000000000.json');
    expect(r.kind).toBe('config-library-json');
    expect(r.findings.find((f) => f.code === 'duplicate-entry')?.path).toBe(`line 14 (${K.inferenceModels}[2])`);
  });

  test('keys named like Object.prototype members (__proto__, constructor) are unknown keys at their place, not dropped', () => {
    const names = ['__proto__', 'constructor'];
    const unknown = (r: FileReport) => r.findings.filter((f) => f.code === 'unknown-key').map((f) => [f.severity, f.path, f.message]);
    const extra = `<key>__proto__</key><string>{"${K.inferenceGatewayBaseUrl}":"http://evil.example.com"}</string>\n<key>constructor</key><string>x</string>`;
    const plist = mc({}, { extra });
    expect(unknown(plist)).toEqual(names.map((k) => ['warning', `PayloadContent[0].${k}`, `${k} is not a Claude Desktop setting`]));
    expect(plist.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const regReport = reg({}, [`"__proto__"="{\\"${K.inferenceGatewayBaseUrl}\\":\\"http://evil.example.com\\"}"`, '"constructor"="x"']);
    expect(unknown(regReport)).toEqual([['warning', 'line 8', '__proto__ is not a Claude Desktop setting'], ['warning', 'line 9', 'constructor is not a Claude Desktop setting']]);
    expect(regReport.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const jsonText = `{\n  "${K.inferenceProvider}": "gateway",\n  "__proto__": "x",\n  "constructor": "y",\n  "${K.inferenceGatewayBaseUrl}": "https://gateway.example.com",\n  "${K.inferenceGatewayApiKey}": "k",\n  "${K.inferenceModels}": "[{\\"name\\":\\"h\\",\\"anthropicFamilyTier\\":\\"haiku\\"}]"\n}\n`;
    expect(unknown(check(jsonText, 'managed-settings.json'))).toEqual([['warning', 'line 3', '__proto__ is not a Claude Desktop setting'], ['warning', 'line 4', 'constructor is not a Claude Desktop setting']]);
    // A native object under __proto__ (config library) does not become the settings' prototype.
    const library = check(json({ [K.inferenceProvider]: 'gateway', __proto__x: 1 }).replace('"__proto__x": 1', `"__proto__": { "${K.inferenceGatewayBaseUrl}": "https://gateway.example.com", "${K.inferenceGatewayApiKey}": "k", "${K.inferenceModels}": [{ "name": "h", "anthropicFamilyTier": "haiku" }] }`), 'c0ffee00-0000-4000-8000-000000000000.json');
    expect(library.kind).toBe('config-library-json');
    expect(unknown(library)).toEqual([['warning', 'line 3', '__proto__ is not a Claude Desktop setting']]);
    expect(codes(library)).toContain('error:missing-required-key');
    // The decoded settings hold them as own keys; the prototype is untouched.
    for (const bytes of [Buffer.from(mobileconfig({ ...BASE }, { extra })), regFile(BASE, ['"__proto__"="x"', '"constructor"="y"'])]) {
      const { settings } = decodeEntries(readArtifact(bytes).read!);
      expect(Object.keys(settings)).toEqual(expect.arrayContaining(names));
      expect(Object.getPrototypeOf(settings)).toBe(Object.prototype);
      expect(settings[K.inferenceGatewayBaseUrl]).toBe('https://gateway.example.com');
    }
  });

  test('the typo finding says what was meant', () => {
    expect(mc({ disableAutoUpdate: 'true' }).findings.find((f) => f.code === 'key-typo')?.hint).toBe(`did you mean ${K.disableAutoUpdates}?`);
  });

  test('dotted keys: one finding per key, the fix assembles the object, no extra typo findings', () => {
    const r = mc({ [K.bootstrapUrl]: 'https://boot.example.com/bootstrap', [`${K.bootstrapOidc}.clientId`]: 'abc', [`${K.bootstrapOidc}.issuer`]: 'https://idp.example.com' });
    const dotted = r.findings.filter((f) => f.code === 'dotted-key');
    expect(dotted).toHaveLength(2);
    expect(dotted[0]?.hint).toBe(`write ${K.bootstrapOidc} as one string: {"clientId":"abc","issuer":"https://idp.example.com"}, and remove the dotted keys`);
    expect(codes(r)).not.toContain('error:key-typo');
    expect(codes(r)).not.toContain('warning:unknown-key');
  });

  test('REG_EXPAND_SZ under HKCU does not count as machine policy; a %VAR% path is to be written expanded', () => {
    const expand = (text: string) => `hex(2):${[...Buffer.from(`${text}\0`, 'utf16le')].map((x) => x.toString(16).padStart(2, '0')).join(',')}`;
    const line = `"${K.inferenceCredentialHelper}"=${expand('%PROGRAMFILES%\\h.exe')}`;
    const user = check(regFile(BASE, [line], 'HKEY_CURRENT_USER'), 'user.reg').findings.find((f) => f.code === 'reg-expand-sz');
    expect(user?.message).toBe(`${K.inferenceCredentialHelper} is REG_EXPAND_SZ: Claude Desktop cannot read it`);
    expect(user?.hint).toMatch(/absolute path with %PROGRAMFILES% expanded/);
    expect(user?.hint).not.toContain(`="%PROGRAMFILES%`);
    const machine = check(regFile(BASE, [line]), 'machine.reg').findings.find((f) => f.code === 'reg-expand-sz');
    expect(machine?.message).toMatch(/counts as machine policy present/);
    // HKLM holding only a type the app does not see (REG_MULTI_SZ) is no machine policy: the HKCU
    // values are read, and the HKCU REG_EXPAND_SZ is judged as the HKCU value it is (mutation gap RV1).
    const multi = `"${K.coworkEgressAllowedHosts}"=hex(7):${[...Buffer.from('a\0\0', 'utf16le')].map((x) => x.toString(16).padStart(2, '0')).join(',')}`;
    const mixed = check(regFile({}, [multi, '', '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]', line]), 'mixed.reg').findings.find((f) => f.code === 'reg-expand-sz');
    expect(mixed?.message).toBe(`${K.inferenceCredentialHelper} is REG_EXPAND_SZ: Claude Desktop cannot read it`);
    // A text key without a path format keeps the exact REG_SZ line.
    const plain = check(regFile(BASE, [`"${K.otlpEndpoint}"=${expand('https://otel.example.com')}`], 'HKEY_CURRENT_USER'), 'u.reg').findings.find((f) => f.code === 'reg-expand-sz');
    expect(plain?.hint).toBe(`write it as REG_SZ: "${K.otlpEndpoint}"="https://otel.example.com"`);
  });

  test('REG fixes are the REG_SZ line to write', () => {
    const r = check(fixture('unreadable-types.reg'), 'unreadable-types.reg');
    const hint = (key: string) => r.findings.find((f) => f.key === key && f.code.startsWith('reg-'))?.hint;
    expect(hint(K.coworkEgressAllowedHosts)).toBe(`write it as REG_SZ: "${K.coworkEgressAllowedHosts}"="[\\"pypi.org\\",\\"github.com\\"]"`);
    expect(hint(K.inferenceTokenWindowHours)).toBe(`write it as REG_SZ: "${K.inferenceTokenWindowHours}"="24"`);
    expect(r.findings.find((f) => f.code === 'reg-expand-sz')?.message).toMatch(/counts as machine policy present/);
    expect(codes(r)).toEqual(expect.arrayContaining(['error:reg-expand-sz', 'error:reg-invisible-type', 'error:reg-dword-type', 'error:reg-subkey', 'warning:reg-other-key', 'warning:reg-duplicate-value']));
    // REG_DWORD for a boolean is tolerated by the app.
    expect(r.findings.some((f) => f.key === K.disableDeploymentModeChooser)).toBe(false);
    expect(check(fixture('clean.reg'), 'clean.reg').findings).toEqual([]);
  });

  test('a profile without a Claude payload: no-settings alone, not also no-claude-settings (mutation gap CI6)', () => {
    const other = mobileconfig({}).replace('<key>PayloadType</key><string>com.anthropic.claudefordesktop</string>', '<key>PayloadType</key><string>com.apple.dock</string><key>autohide</key><true/>');
    expect(other).not.toBe(mobileconfig({}));
    expect(codes(check(other, 'dock.mobileconfig'))).toEqual(['error:no-settings']);
  });

  test('a PayloadScope given twice: macOS keeps the last, so does check (mutation gap PL5)', () => {
    const twice = mobileconfig(BASE, { scope: 'User' }).replace('<key>PayloadScope</key><string>User</string>', '<key>PayloadScope</key><string>User</string><key>PayloadScope</key><string>System</string>');
    const r = check(twice, 'twice.mobileconfig');
    expect(codes(r)).toEqual(['error:duplicate-key']);
    expect(r.findings[0]?.path).toBe('PayloadScope');
    // The other order is a user-scoped profile holding an API key.
    const user = mobileconfig(BASE, { scope: 'System' }).replace('<key>PayloadScope</key><string>System</string>', '<key>PayloadScope</key><string>System</string><key>PayloadScope</key><string>User</string>');
    expect(codes(check(user, 'user.mobileconfig'))).toEqual(['error:duplicate-key', 'warning:secret-in-user-scope']);
  });

  test('a bootstrap response\'s expiresAt is its cache lifetime, not a setting (mutation gap JA8)', () => {
    const body = json({ [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', expiresAt: '2026-12-01T00:00:00Z' });
    const r = check(body, 'response.json');
    expect(r.kind).toBe('bootstrap-response-json');
    expect(JSON.stringify(r.findings)).not.toContain('expiresAt');
    const imported = importArtifact(Buffer.from(body), { fileName: 'bootstrap-response.json', now: NOW });
    expect(imported.profile.settings).toEqual({ [K.inferenceGatewayBaseUrl]: 'https://gw.example.com' });
    expect(JSON.stringify(imported.warnings)).not.toContain('expiresAt');
  });

  test('a bootstrap response is not blamed for what MDM may set', () => {
    const r = check(json({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', expiresAt: '2026-12-01T00:00:00Z' }), 'response.json');
    expect(r.kind).toBe('bootstrap-response-json');
    const cred = r.findings.find((f) => f.code === 'missing-credential');
    expect(cred?.severity).toBe('warning');
    expect(cred?.message).toMatch(/unless MDM sets it/);
  });
});

describe('limits of the ADMX template only: errors in Intune Windows rows, warnings elsewhere', () => {
  const TOO_LARGE = String(WINDOWS_INTEGER_MAX + 1000000000);

  test('integer-too-large, like value-too-long: a warning in files that can hold the value, with the place and the cap', () => {
    const reports: [string, FileReport][] = [
      [`PayloadContent[0].${K.mcpToolTimeoutSec}`, mc({ [K.mcpToolTimeoutSec]: TOO_LARGE })],
      ['line 8', reg({ [K.mcpToolTimeoutSec]: TOO_LARGE })],
      ['line 8', reg({}, [`"${K.mcpToolTimeoutSec}"=dword:${Number(TOO_LARGE).toString(16).padStart(8, '0')}`])],
      ['line 6', check(json({ ...BASE, [K.mcpToolTimeoutSec]: TOO_LARGE }), 'managed-settings.json')],
      ['line 15', check(json({ ...BASE, [K.inferenceModels]: [SONNET, HAIKU], [K.mcpToolTimeoutSec]: Number(TOO_LARGE) }), 'c0ffee00-0000-4000-8000-000000000000.json')],
    ];
    for (const [path, r] of reports) {
      expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(r.findings.filter((f) => f.code === 'integer-too-large')).toEqual([
        { code: 'integer-too-large', severity: 'warning', path, key: K.mcpToolTimeoutSec, message: expect.stringContaining(`at most ${WINDOWS_INTEGER_MAX}`), hint: expect.stringMatching(/^this file can hold it, but the same value cannot be set through the ADMX template or Intune; keep it at most 2000000000/) },
      ]);
    }
  });

  test('value-too-long: the warning offers bootstrap only for keys a bootstrap response can deliver', () => {
    const structured = CATALOG.filter((k) => k.type === 'object' && k.availability !== 'bootstrap');
    const both = structured.find((k) => k.availability === 'both');
    const mdmOnly = structured.find((k) => k.availability === 'mdm');
    const hints = (name: string) => mc({ [name]: JSON.stringify({ x: 'a'.repeat(40000) }) }).findings.filter((f) => f.code === 'value-too-long').map((f) => `${f.severity}: ${f.hint ?? ''}`);
    expect(hints(both!.name)).toEqual([expect.stringMatching(/^warning: this file can hold it, .*; shorten it, or deliver it by bootstrap$/)]);
    expect(hints(mdmOnly!.name)).toEqual([expect.stringMatching(/^warning: this file can hold it, .*; shorten it if it is also deployed that way$/)]);
  });

  test('in every file build writes, one past the cap is an error only in the Intune Windows rows; a profile JSON stays an error', () => {
    const below = WINDOWS_INTEGER_MAX - 1;
    const profile = { name: 'cap', identifier: 'com.example.cap', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'sk-example-0123456789abcdef', [K.inferenceModels]: [SONNET, HAIKU], [K.mcpToolTimeoutSec]: below } };
    const files = buildArtifacts(profile, { now: NOW }).files.filter((f) => !/(\.md|\.txt|manifest\.json)$/.test(f.path));
    const bumped = files.map((f) => {
      const utf16 = f.path.endsWith('.reg');
      const text = f.bytes.toString(utf16 ? 'utf16le' : 'utf8');
      return { name: f.path, bytes: Buffer.from(text.split(String(below)).join(TOO_LARGE), utf16 ? 'utf16le' : 'utf8'), changed: text.includes(String(below)) };
    });
    const severities: Record<string, string[]> = {};
    for (const f of bumped.filter((b) => b.changed)) {
      const r = check(f.bytes, f.name);
      severities[r.kind] = [...(severities[r.kind] ?? []), ...r.findings.filter((x) => x.severity === 'error' || x.code === 'integer-too-large').map((x) => `${x.severity}:${x.code}`)];
    }
    expect(severities).toEqual({
      'mobileconfig': ['warning:integer-too-large'],
      'plist': ['warning:integer-too-large'],
      'preference-fragment': ['warning:integer-too-large'],
      'reg': ['warning:integer-too-large'],
      'managed-settings-json': ['warning:integer-too-large', 'warning:integer-too-large'],
      'config-library-json': ['warning:integer-too-large'],
      'intune-windows-graph-json': ['error:integer-too-large'],
      'intune-windows-csv': ['error:integer-too-large'],
    });
    const asProfile = check(json({ ...profile, settings: { ...profile.settings, [K.mcpToolTimeoutSec]: Number(TOO_LARGE) } }), 'cap.profile.json');
    expect(asProfile.kind).toBe('profile-json');
    expect(codes(asProfile)).toEqual(['error:integer-too-large']);
  });
});

describe('nesting depth: one limit for a setting\'s value, whatever file it is read from', () => {
  // A setting's value may nest MAX_PROFILE_DEPTH - 2 levels: the profile and its `settings` object
  // are the other two. A flat file (managed settings, a plist, a .reg) has one level of its own.
  const nested = (levels: number): unknown => (levels === 0 ? 'x' : [nested(levels - 1)]);
  // Any list setting both MDM and bootstrap deliver (taken from the catalogue, not retyped).
  const key = CATALOG.find((k) => k.type === 'stringList' && k.availability === 'both')!.name;
  const deep = (r: FileReport) => r.findings.filter((f) => f.code === 'too-deep');
  const files = (levels: number): [string, FileReport][] => [
    ['managed-settings.json', check(json({ ...BASE, [key]: JSON.stringify(nested(levels)) }), 'managed-settings.json')],
    ['config library', check(json({ ...BASE, [key]: nested(levels) }), 'c0ffee00-0000-4000-8000-000000000000.json')],
    ['mobileconfig', mc({ [key]: JSON.stringify(nested(levels)) })],
    ['profile', check(json({ name: 'd', identifier: 'com.example.d', settings: { ...BASE, [key]: nested(levels) } }), 'd.profile.json')],
  ];

  test(`${MAX_PROFILE_DEPTH - 2} levels: no too-deep finding in any of them`, () => {
    for (const [what, r] of files(MAX_PROFILE_DEPTH - 2)) expect({ what, deep: deep(r) }).toEqual({ what, deep: [] });
  });

  test(`${MAX_PROFILE_DEPTH - 1} levels: refused in each, with a message that is true in the file's own frame`, () => {
    const [profile, ...flat] = files(MAX_PROFILE_DEPTH - 1).reverse() as [[string, FileReport], ...[string, FileReport][]];
    for (const [what, r] of flat) {
      expect({ what, messages: deep(r).map((f) => f.message) }).toEqual({ what, messages: [`the value of ${key} nests more than ${MAX_PROFILE_DEPTH - 2} objects and arrays deep (it passes the limit ${MAX_PROFILE_DEPTH - 3} levels below here)`] });
    }
    // In a profile file the value sits inside the profile and `settings` too: the JSON reader's own limit.
    expect(deep(profile[1]).map((f) => f.message)).toEqual([`JSON nested deeper than ${MAX_PROFILE_DEPTH} levels, under settings.${key}[0]…`]);
  });

  test('import draws the line at the same place: one level past the limit is refused with too-deep, the limit itself imports (mutation gap D14)', () => {
    const file = (levels: number) => Buffer.from(json({ ...BASE, [key]: JSON.stringify(nested(levels)) }));
    const ok = importArtifact(file(MAX_PROFILE_DEPTH - 2), { fileName: 'managed-settings.json', now: NOW });
    expect((ok.profile.settings as Record<string, unknown>)[key]).toEqual(nested(MAX_PROFILE_DEPTH - 2));
    let error: unknown;
    try {
      importArtifact(file(MAX_PROFILE_DEPTH - 1), { fileName: 'managed-settings.json', now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).findings.map((f) => f.code)).toEqual(['too-deep']);
  });
});

describe('secrets never appear in findings', () => {
  const SECRET = 'sk-live-SUPERSECRET-0123456789';
  const all = (r: FileReport) => JSON.stringify(r.findings);

  test('secret values in native types, invalid JSON, expand-sz and user scope are not echoed', () => {
    const reports = [
      mc({ [K.inferenceGatewayApiKey]: SECRET }, { scope: 'User' }),
      mc({ [K.managedMcpServers]: `[{"name":"x","url":"https://m.example.com","headers":{"Authorization":"Bearer ${SECRET}"` }),
      mc({}, { extra: `<key>${K.inferenceCustomHeaders}</key><dict><key>Authorization</key><string>${SECRET}</string></dict>` }),
      mc({ [K.inferenceCustomHeaders]: `["Authorization: ${SECRET}"]` }),
      mc({ [K.inferenceGatewayApiKey]: `${SECRET}\u0001` }),
      // A secret object split into dotted keys: the fix names the key, never the values (mutation gap DK3).
      mc({ [`${K.inferenceCustomHeaders}.Authorization`]: `Bearer ${SECRET}` }),
      reg({}, [`"${K.inferenceGatewayApiKey}"=hex(2):${Buffer.from(`${SECRET}\0`, 'utf16le').toString('hex').replace(/(..)(?!$)/g, '$1,')}`]),
      check(json({ ...BASE, [K.inferenceGatewayApiKey]: 42, acmeToken: SECRET }), 'managed-settings.json'),
    ];
    for (const r of reports) {
      expect(r.findings.length).toBeGreaterThan(0);
      expect(all(r)).not.toContain('SUPERSECRET');
    }
  });

  test('every secret key, written wrongly in every store, never shows its value', () => {
    const bad = (type: string): string[] =>
      type === 'string' ? [`${SECRET}\u0001`, `CHANGE_ME${SECRET}`, `http://user:${SECRET}@x`] : [`${SECRET}`, `["${SECRET}"]`, `{"A":"${SECRET}\r\n"}`, `[{"name":"${SECRET}"`, `"${SECRET}"`, `{"${SECRET} x":"v"}`];
    for (const def of CATALOG.filter((d) => isSecretKey(d))) {
      for (const value of bad(def.type)) {
        for (const r of [mc({ [def.name]: value }, { scope: 'User' }), reg({ [def.name]: value.replace(/[\r\n\u0001]/g, '') }), check(json({ ...BASE, [def.name]: value }), 'managed-settings.json'), check(json({ ...BASE, [def.name]: (() => { try { return JSON.parse(value) as unknown; } catch { return value; } })() }), 'c0ffee00-0000-4000-8000-000000000000.json')]) {
          expect({ key: def.name, value, leaked: all(r).includes('SUPERSECRET') }).toEqual({ key: def.name, value, leaked: false });
        }
      }
    }
  });

  test('unknown keys are named, their values never shown', () => {
    const r = mc({ acmeSecretSauce: SECRET });
    expect(all(r)).toContain('acmeSecretSauce');
    expect(all(r)).not.toContain('SUPERSECRET');
  });
});

describe('cross-file rules', () => {
  const a = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', payloadUuid: 'BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB' });

  test('payload-uuid-reused: the same UUID for different content', () => {
    const b = mobileconfig({ ...BASE, [K.disableAutoUpdates]: 'true' }, { identifier: 'com.example.b', uuid: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', payloadUuid: 'CCCCCCCC-CCCC-4CCC-8CCC-CCCCCCCCCCCC' });
    const r = checkAll([{ name: 'a.mobileconfig', bytes: a }, { name: 'b.mobileconfig', bytes: b }]);
    expect(codes(r.files[1]!)).toContain('error:payload-uuid-reused');
    expect(r.files[1]?.findings.find((f) => f.code === 'payload-uuid-reused')?.message).toMatch(/a\.mobileconfig/);
    // The same file twice (a copy) is fine.
    const same = checkAll([{ name: 'a.mobileconfig', bytes: a }, { name: 'copy/a.mobileconfig', bytes: a }]);
    expect(same.files.flatMap(codes)).toEqual([]);
  });

  test('payload-uuid-unstable: the same content under other UUIDs', () => {
    const again = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD', payloadUuid: 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE' });
    const r = checkAll([{ name: 'v1.mobileconfig', bytes: a }, { name: 'v2.mobileconfig', bytes: again }]);
    expect(codes(r.files[1]!)).toContain('warning:payload-uuid-unstable');
    const changed = mobileconfig({ ...BASE, [K.disableAutoUpdates]: 'true' }, { identifier: 'com.example.a', uuid: 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD', payloadUuid: 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE' });
    expect(checkAll([{ name: 'v1.mobileconfig', bytes: a }, { name: 'v2.mobileconfig', bytes: changed }]).files.flatMap(codes)).toEqual([]);
  });
});

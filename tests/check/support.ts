/** Builders of hand-made artifacts for the check tests, and a fixed clock. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkArtifact, checkArtifacts, type CheckOptions, type FileReport } from '../../lib/check';
import type { Finding } from '../../lib/validate/findings';
import { K } from '../support/keys';

/** After the 2026-10-07 cut-off, like the catalogue date. */
export const NOW = new Date('2026-11-25T12:00:00Z');
export const ARTIFACTS = join(__dirname, '..', 'fixtures', 'artifacts');

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(ARTIFACTS, name));
}

/** Checks one file at {@link NOW}. */
export function check(bytes: Buffer | string, name = 'test', options: CheckOptions = {}): FileReport {
  return checkArtifact(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, name, { now: NOW, ...options });
}

/** Checks several files at {@link NOW}. */
export function checkAll(files: { name: string; bytes: Buffer | string }[], options: CheckOptions = {}) {
  return checkArtifacts(files.map((f) => ({ name: f.name, bytes: typeof f.bytes === 'string' ? Buffer.from(f.bytes, 'utf8') : f.bytes })), { now: NOW, ...options });
}

/** `severity:code` of every finding. */
export const codes = (r: { findings: readonly Finding[] }): string[] => r.findings.map((f) => `${f.severity}:${f.code}`);

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A working gateway setup, as Claude strings. */
export const BASE: Record<string, string> = {
  [K.inferenceProvider]: 'gateway',
  [K.inferenceGatewayBaseUrl]: 'https://gateway.example.com',
  [K.inferenceGatewayApiKey]: 'sk-example-0123456789abcdef',
  [K.inferenceModels]: '[{"name":"claude-sonnet-4-5","anthropicFamilyTier":"sonnet"},{"name":"claude-haiku-4-5","anthropicFamilyTier":"haiku"}]',
};

/** A working Bedrock setup, as Claude strings. */
export const BEDROCK: Record<string, string> = {
  [K.inferenceProvider]: 'bedrock',
  [K.inferenceBedrockRegion]: 'us-east-1',
  [K.inferenceBedrockBearerToken]: 'bedrock-token-0123456789',
  [K.inferenceModels]: '[{"name":"us.anthropic.claude-sonnet-4-5-20250929-v1:0","anthropicFamilyTier":"sonnet","supports1m":true},{"name":"us.anthropic.claude-haiku-4-5-20251001-v1:0","anthropicFamilyTier":"haiku"}]',
};

/** `<key>`/`<string>` pairs for settings (null = leave the key out). */
export function stringPairs(settings: Record<string, string | null>): string {
  return Object.entries(settings)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<key>${xml(k)}</key><string>${xml(v as string)}</string>`)
    .join('\n');
}

/** Options of {@link mobileconfig}. */
export interface McOptions {
  scope?: 'System' | 'User' | null;
  identifier?: string;
  displayName?: string | null;
  uuid?: string;
  payloadUuid?: string;
  /** Raw XML appended inside the settings payload (native values, duplicates…). */
  extra?: string;
}

/** A direct-payload .mobileconfig with `settings` as strings (merged over nothing: pass BASE yourself). */
export function mobileconfig(settings: Record<string, string | null>, o: McOptions = {}): string {
  const id = o.identifier ?? 'com.example.claude.test';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
<key>PayloadContent</key>
<array>
<dict>
<key>PayloadIdentifier</key><string>${id}.settings</string>
<key>PayloadType</key><string>com.anthropic.claudefordesktop</string>
<key>PayloadUUID</key><string>${o.payloadUuid ?? '22222222-2222-4222-8222-222222222222'}</string>
<key>PayloadVersion</key><integer>1</integer>
${stringPairs(settings)}
${o.extra ?? ''}
</dict>
</array>
${o.displayName === null ? '' : `<key>PayloadDisplayName</key><string>${xml(o.displayName ?? 'Claude test')}</string>`}
<key>PayloadIdentifier</key><string>${id}</string>
${o.scope === null ? '' : `<key>PayloadScope</key><string>${o.scope ?? 'System'}</string>`}
<key>PayloadType</key><string>Configuration</string>
<key>PayloadUUID</key><string>${o.uuid ?? '11111111-1111-4111-8111-111111111111'}</string>
<key>PayloadVersion</key><integer>1</integer>
</dict>
</plist>
`;
}

const regEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** A .reg file (UTF-16LE with BOM, CRLF) setting `settings` as REG_SZ, plus raw lines. */
export function regFile(settings: Record<string, string>, extraLines: string[] = [], hive = 'HKEY_LOCAL_MACHINE'): Buffer {
  const lines = ['Windows Registry Editor Version 5.00', '', `[${hive}\\SOFTWARE\\Policies\\Claude]`, ...Object.entries(settings).map(([k, v]) => `"${regEscape(k)}"="${regEscape(v)}"`), ...extraLines, ''];
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]);
}

/** A flat JSON file. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

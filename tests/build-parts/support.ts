/** Helpers for the build-part tests: profile builders, placeholder filling, secret markers. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CATALOG, PLACEHOLDER_MARKER, type KeyDef, type Settings, type ValueSpec } from '../../lib/catalog';
import type { PathSegment } from '../../lib/profile/path';
import { resolveProfile, type EnvMap } from '../../lib/profile/resolve';
import type { GatewayProfile, ResolvedProfile } from '../../lib/profile/types';
import { walkSettings } from '../../lib/profile/walk';
import type { Artifact } from '../../lib/artifact';
import type { DeployFile } from '../../lib/writers/deploy-md';
import { ROOT } from '../support/examples';
import { K } from '../support/keys';

/** A resolved profile with the given settings (no validation: writers must cope with any typed input). */
export function resolved(settings: Settings, extra: Partial<GatewayProfile> = {}, env: EnvMap = {}): ResolvedProfile {
  return resolveProfile({ name: 'test', identifier: 'com.example.claude.test', settings, ...extra }, env);
}

/** Compiles a schema from `schemas/` with ajv (strict, with formats). */
export function schemaValidator(file: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as object);
}

/** Sets the value at `path` (segments below the root object). */
export function setAt(root: unknown, path: readonly PathSegment[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i] as string | number] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

/** A value that satisfies a spec's format in place of a `CHANGE_ME` placeholder. */
function plausible(current: string, spec: ValueSpec | undefined): string {
  const word = 'acme';
  switch (spec?.format) {
    case 'uuid':
      return '0d2f6a3e-4b1c-4f5e-9a8b-7c6d5e4f3a2b';
    case 'https-url':
    case 'gateway-url':
    case 'https-origin':
    case 'proxy-url':
      // Keep the preset's URL shape, put a host label where the placeholder was.
      return current.split(PLACEHOLDER_MARKER).join(word);
    default:
      if (spec?.pattern && spec.example) return spec.example;
      return current.split(PLACEHOLDER_MARKER).join(word);
  }
}

/**
 * Replaces every `CHANGE_ME` of a profile (settings by the field's format: URL keeps its shape,
 * uuid gets a uuid, patterned strings their catalogue example, else a word; metadata with a
 * word). Returns a new profile.
 */
export function fillPlaceholders(profile: GatewayProfile): GatewayProfile {
  const out = structuredClone(profile);
  const edits: { path: readonly PathSegment[]; value: string }[] = [];
  walkSettings(out.settings, (leaf) => {
    if (typeof leaf.value === 'string' && leaf.value.includes(PLACEHOLDER_MARKER)) edits.push({ path: leaf.path.slice(1), value: plausible(leaf.value, leaf.spec) });
  });
  for (const e of edits) setAt(out.settings, e.path, e.value);
  for (const field of ['name', 'displayName', 'organization', 'description', 'identifier'] as const) {
    const v = out[field];
    if (typeof v === 'string') out[field] = v.split(PLACEHOLDER_MARKER).join('acme');
  }
  return out;
}

/** Keys that hold a secret at any depth (the key itself, or a field / map value marked secret). */
export function keysWithSecrets(): KeyDef[] {
  const has = (spec: ValueSpec): boolean => spec.secret === true || (spec.values ? has(spec.values) : false) || Object.values(spec.fields ?? {}).some(has);
  return CATALOG.filter(has);
}

/** The marker of secret number n; none of the writers under test may print one. */
export const marker = (n: number): string => `SECRET-MARKER-${n}`;

/**
 * A profile that sets every key with a secret, every secret filled with a unique marker: odd
 * ones written literally, even ones through `{ "env": … }`. Returns the resolved profile, the
 * markers and the env map.
 */
export function secretMarkerProfile(extra: Settings = {}): { profile: ResolvedProfile; markers: string[]; env: Record<string, string> } {
  let n = 0;
  const markers: string[] = [];
  const env: Record<string, string> = {};
  const secret = (): string | { env: string } => {
    n += 1;
    const m = marker(n);
    markers.push(m);
    if (n % 2 === 0) {
      env[`SECRET_ENV_${n}`] = m;
      return { env: `SECRET_ENV_${n}` };
    }
    return m;
  };
  const settings: Record<string, unknown> = { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', ...extra };
  for (const def of keysWithSecrets()) {
    if (def.name === K.managedMcpServers) {
      settings[def.name] = [
        { name: 'remote', url: 'https://mcp.example.com:8443/mcp', headers: { Authorization: secret(), 'X-Org': secret() } },
        { name: 'local', transport: 'stdio', command: '/usr/local/bin/mcp', env: { TOKEN: secret() } },
        { name: 'oauth', url: 'https://oauth-mcp.example.com/mcp', oauth: { clientId: 'client', clientSecret: secret(), authorizationServer: ['https://as.example.com'] } },
      ];
    } else if (def.type === 'string') {
      settings[def.name] = secret();
    } else if (def.type === 'object' && def.values) {
      settings[def.name] = { 'X-One': secret(), 'X-Two': secret() };
    } else {
      throw new Error(`secretMarkerProfile does not know how to fill ${def.name}: extend it`);
    }
  }
  const profile = resolveProfile({ name: 'secrets', identifier: 'com.example.claude.secrets', settings: settings as Settings }, env);
  return { profile, markers, env };
}

/** Files as `buildArtifacts` passes them to DEPLOY.md: path, size, SHA-256 and whether they hold `profile`'s secrets. */
export function fileInfo(artifacts: readonly Pick<Artifact, 'path' | 'bytes' | 'holdsSettingValues'>[], profile: Pick<ResolvedProfile, 'secrets'>): DeployFile[] {
  const hasSecrets = profile.secrets.length > 0;
  return artifacts.map((a) => ({ path: a.path, size: a.bytes.length, sha256: createHash('sha256').update(a.bytes).digest('hex'), containsSecrets: a.holdsSettingValues && hasSecrets }));
}

/** Stand-ins for the files other writers produce, under the names the build uses. */
export function otherWriterFiles(name: string, paths?: readonly string[]): Artifact[] {
  const all = paths ?? [
    `macos/${name}.mobileconfig`,
    `windows/${name}.reg`,
    `windows/${name}.undo.reg`,
    'windows/PolicyDefinitions/Claude.admx',
    'windows/PolicyDefinitions/en-US/Claude.adml',
    'manifest.json',
  ];
  // Stand-ins hold no values; the real writers' flags are tested with the writers (tests/secrets/contains-secrets.test.ts).
  return all.map((path) => ({ path, bytes: Buffer.from(`stand-in for ${path}\n`), mediaType: 'application/octet-stream', holdsSettingValues: false }));
}

/** Splits a Markdown table row into cells, honouring `\|` escapes. */
export function tableCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) {
      cur += c + inner[i + 1]!;
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** The rows of the Markdown table that follows the heading line `heading` (header and separator excluded). */
export function tableAfter(md: string, heading: string): string[] {
  const lines = md.split('\n');
  let i = lines.indexOf(heading);
  if (i < 0) throw new Error(`no heading ${heading}`);
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  const rows: string[] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
  return rows;
}

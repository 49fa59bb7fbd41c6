import { createHash } from 'node:crypto';
import { CATALOG_APP_VERSION } from '../catalog';
import type { Artifact } from '../artifact';

/** An artifact with its checksum and size, as `buildArtifacts` returns it. */
export interface BuiltFile extends Artifact {
  /** Lower-case hex SHA-256 of `bytes`. */
  readonly sha256: string;
  readonly size: number;
}

/** Hex SHA-256 of bytes or text. */
export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

// Catalogue-only artifacts (ADMX/ADML, Jamf schema, profile manifest: ~370 KB) share one Buffer
// across the profiles of a process; their digest is computed once per Buffer, not per profile.
// Writers never modify a Buffer they returned, so the digest of one stays valid.
const digests = new WeakMap<Buffer, string>();

/** Adds checksum and size to an artifact. */
export function withChecksum(a: Artifact): BuiltFile {
  let digest = a.sha256 ?? digests.get(a.bytes);
  if (digest === undefined) {
    digest = sha256(a.bytes);
    // Only large buffers are worth remembering (and only shared ones are large and repeated).
    if (a.bytes.length >= 16 * 1024) digests.set(a.bytes, digest);
  }
  return { ...a, sha256: digest, size: a.bytes.length };
}

/** What `manifest.json` records: every file, the tool, the catalogue and the profile's hash. No secrets. */
export interface Manifest {
  tool: { name: string; version: string };
  catalogAppVersion: string;
  profile: { name: string; identifier: string; scope: string; sha256: string };
  formats: string[];
  files: { path: string; size: number; sha256: string; mediaType: string }[];
}

/** Renders manifest.json (2-space JSON, trailing LF). The manifest does not list itself. */
export function manifestArtifact(m: Omit<Manifest, 'catalogAppVersion'>): Artifact {
  const body: Manifest = { tool: m.tool, catalogAppVersion: CATALOG_APP_VERSION, profile: m.profile, formats: m.formats, files: m.files };
  return { path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8'), mediaType: 'application/json' };
}

/**
 * Canonical JSON (object keys sorted, no spaces) for hashing: the same profile gives the same
 * hash whatever its key order or formatting.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

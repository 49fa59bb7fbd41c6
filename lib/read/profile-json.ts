/**
 * Reads one of our gateway profiles (`*.profile.json`) as an artifact, so that `check` and
 * `diff` treat profiles and deployed files alike: the settings become entries (native values, as
 * a profile holds them), the metadata and scope come from the profile's own fields, and every
 * entry knows its line.
 */
import { finding } from '../validate/findings';
import type { ArtifactRead } from './detect';
import { duplicateKeyFindings, jsonTypeName, lineOf, parseJsonArtifact } from './json-artifacts';
import type { ReadEntry } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a profile JSON file. Never throws for bad input: syntax errors and a missing `settings`
 * object are findings. Validation of the profile itself is `validateProfile`'s job.
 */
export function readProfileJson(bytes: Buffer): ArtifactRead {
  const kind = 'profile-json';
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return { kind, metadata: {}, entries: [], findings: parsed.findings };
  const v = parsed.value;
  if (!isObject(v)) return { kind, metadata: {}, entries: [], findings: [finding('not-an-object', 'error', '(root)', 'a profile must be a JSON object')] };
  const findings = duplicateKeyFindings(parsed.scan, 'settings');
  const metadata: { -readonly [K in keyof ArtifactRead['metadata']]: ArtifactRead['metadata'][K] } = {};
  if (typeof v.identifier === 'string') metadata.identifier = v.identifier;
  if (typeof v.displayName === 'string') metadata.displayName = v.displayName;
  if (typeof v.organization === 'string') metadata.organization = v.organization;
  if (typeof v.description === 'string') metadata.description = v.description;
  const entries: ReadEntry[] = [];
  if (isObject(v.settings)) {
    for (const [key, raw] of Object.entries(v.settings)) {
      entries.push({ key, raw, storedAs: jsonTypeName(raw), location: `line ${lineOf(parsed.scan, ['settings', key]) ?? 1}` });
    }
  }
  const scope = v.scope === 'user' ? 'user' : v.scope === 'machine' ? 'machine' : undefined;
  return { kind, metadata, entries, findings, json: v, jsonScan: parsed.scan, ...(scope ? { scope } : {}) };
}

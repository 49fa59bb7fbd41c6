/**
 * JSON outputs of a profile: the MDM settings in Claude's string form, the Linux managed settings
 * file, the app's local configuration library, and (when the profile has a bootstrap URL) a
 * bootstrap response to serve.
 *
 * Every file: UTF-8 without BOM, 2-space indent, trailing LF, top-level keys in catalogue order
 * (never the profile's order). Values inside structured settings keep the profile's order: list
 * order is meaningful (first model = default) and the string-encoded writers keep it too.
 */
import { CATALOG, isBootstrapKey, isMdmKey, type KeyDef } from '../catalog';
import type { Artifact } from '../artifact';
import { encodeSettings } from '../encode';
import type { ResolvedProfile } from '../profile/types';
import { PROFILE_UUID_NAMESPACE, uuidV5 } from './uuid';

const JSON_MEDIA_TYPE = 'application/json';

/** Paths (relative to the profile's output folder) of the fixed-name JSON outputs. */
export const JSON_OUTPUT_PATHS = {
  settings: 'json/settings.json',
  linuxManaged: 'linux/managed-settings.json',
  configLibraryMeta: 'config-library/_meta.json',
  bootstrapResponse: 'bootstrap/bootstrap-response.json',
} as const;

/** The local configuration library's `_meta.json`: which saved configuration is applied. */
export interface ConfigLibraryMeta {
  appliedId: string;
  entries: { id: string; name: string }[];
}

/**
 * The id of the profile's entry in the local configuration library: a UUIDv5 of the profile
 * identifier, so rebuilding (even after editing settings) replaces the same entry instead of
 * adding one. Lower case, like the ids the app and `crypto.randomUUID()` write.
 */
export function configLibraryId(profile: Pick<ResolvedProfile, 'identifier'>): string {
  return uuidV5(PROFILE_UUID_NAMESPACE, `config-library:${profile.identifier}`).toLowerCase();
}

/** The path of the profile's configuration file inside the library folder. */
export function configLibraryEntryPath(profile: Pick<ResolvedProfile, 'identifier'>): string {
  return `config-library/${configLibraryId(profile)}.json`;
}

/**
 * The MDM-deliverable settings in Claude's string encoding (`"true"`, `"3600"`, compact JSON
 * text), as one flat object in catalogue order.
 */
export function encodedMdmSettings(profile: ResolvedProfile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of encodeSettings(profile.settings, isMdmKey)) out[e.key] = e.value;
  return out;
}

/** The settings `include` accepts with their native JSON values, as one flat object in catalogue order. */
export function nativeSettings(profile: ResolvedProfile, include: (def: KeyDef) => boolean): Record<string, unknown> {
  const values = profile.settings as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const def of CATALOG) {
    const value = values[def.name];
    if (value !== undefined && include(def)) out[def.name] = value;
  }
  return out;
}

/**
 * Every JSON artifact of a profile, in a fixed order: `json/settings.json`,
 * `linux/managed-settings.json`, `config-library/_meta.json`, `config-library/<id>.json`, and
 * `bootstrap/bootstrap-response.json` when the profile sets `bootstrapUrl`. Throws `EncodeError`
 * naming the key for a value of the wrong type (validation catches those first).
 */
export function jsonArtifacts(profile: ResolvedProfile): Artifact[] {
  const encoded = encodedMdmSettings(profile);
  const id = configLibraryId(profile);
  const meta: ConfigLibraryMeta = { appliedId: id, entries: [{ id, name: profile.displayName }] };
  const out: Artifact[] = [
    jsonFile(JSON_OUTPUT_PATHS.settings, encoded, true),
    // Linux: the reference says the managed file takes flat keys with native values and also
    // accepts the string-encoded form. We write the string form: it is the form every documented
    // OS store holds (plist, registry), so all three platforms get byte-identical values that go
    // through the app's one string decoder, and it is what `json/settings.json` already holds.
    jsonFile(JSON_OUTPUT_PATHS.linuxManaged, encoded, true),
    // Only the entry's id and the profile's display name: no setting values.
    jsonFile(JSON_OUTPUT_PATHS.configLibraryMeta, meta, false),
    // The library is what the in-app configuration window edits: keys an admin can set locally
    // (not bootstrap-only ones), with native JSON values as the app writes them.
    jsonFile(configLibraryEntryPath(profile), nativeSettings(profile, isMdmKey), true),
  ];
  if (profile.settings.bootstrapUrl !== undefined) {
    // The response uses the same flat key names as MDM, native values; no expiresAt (no clock
    // here: the server may add one).
    out.push(jsonFile(JSON_OUTPUT_PATHS.bootstrapResponse, nativeSettings(profile, isBootstrapKey), true));
  }
  return out;
}

function jsonFile(path: string, value: unknown, holdsSettingValues: boolean): Artifact {
  return { path, bytes: Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), mediaType: JSON_MEDIA_TYPE, holdsSettingValues };
}

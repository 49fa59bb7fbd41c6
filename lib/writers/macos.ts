/**
 * Every macOS artifact of a profile, with its path in the output folder:
 *
 * - `macos/<name>.mobileconfig`: the configuration profile (direct or MCX form);
 * - `macos/<name>.signed.mobileconfig`: the same, CMS-signed (only with signing material);
 * - `macos/com.anthropic.claudefordesktop.manifest.plist`: ProfileManifests manifest;
 * - `jamf/com.anthropic.claudefordesktop.plist` and `jamf/com.anthropic.claudefordesktop.jamf-schema.json`;
 * - `intune/com.anthropic.claudefordesktop.intune-preference.xml` (preference-file fragment) and
 *   `intune/<name>.macos-custom-configuration.json` (Graph body carrying the unsigned profile:
 *   Intune's handling of signed uploads is undocumented).
 */
import type { Artifact } from '../artifact';
import type { ResolvedProfile } from '../profile/types';
import type { ProfileSigner, SigningOptions } from '../sign/cms';
import type { Finding } from '../validate/findings';
import { buildIntuneMacosGraphJson, buildIntunePreferenceFragment, INTUNE_FRAGMENT_FILE } from './intune-macos';
import { buildJamfSchema, JAMF_SCHEMA_FILE } from './jamf-schema';
import { buildPreferencePlist, JAMF_PLIST_FILE } from './jamf-plist';
import { buildMobileconfig, mobileconfigFileName, type MobileconfigOptions } from './mobileconfig';
import { MEDIA_TYPES } from './plist-values';
import { buildProfileManifest, PROFILE_MANIFEST_FILE } from './profile-manifest';

/** Options of {@link macosArtifacts}. */
export interface MacosOptions extends MobileconfigOptions {
  /** Signing material: adds `macos/<name>.signed.mobileconfig`. */
  signing?: SigningOptions;
}

/** Artifacts plus warnings worth showing (certificate problems). */
export interface MacosOutput {
  /** The files, paths relative to the profile's output folder (under `macos/`, `jamf/`, `intune/`), in a fixed order. */
  artifacts: Artifact[];
  /** Signing warnings (certificate validity, EKU, incomplete chain, ECDSA); empty without signing material. */
  warnings: Finding[];
}

/** The `.mobileconfig`, and its signed copy when `options.signing` is given. */
export function mobileconfigArtifacts(profile: ResolvedProfile, options: MacosOptions = {}): MacosOutput {
  const { signing, ...mc } = options;
  const bytes = buildMobileconfig(profile, mc);
  const artifacts: Artifact[] = [{ path: `macos/${mobileconfigFileName(profile)}`, bytes, mediaType: MEDIA_TYPES.mobileconfig, holdsSettingValues: true }];
  const warnings: Finding[] = [];
  if (signing) {
    const signer = signerFor(signing);
    artifacts.push({ path: `macos/${profile.name}.signed.mobileconfig`, bytes: signer.sign(bytes), mediaType: MEDIA_TYPES.mobileconfig, holdsSettingValues: true });
    warnings.push(...signer.warnings);
  }
  return { artifacts, warnings };
}

// The Jamf schema and the ProfileManifests manifest derive from the catalogue alone: their bytes
// come precomputed from generated/catalog-artifacts/ (or are built once per process when stale)
// and are shared by every profile.
let jamfSchemaBytes: Buffer | undefined;
let profileManifestBytes: Buffer | undefined;

// A bulk build signs every profile with the same signing options object: its key and certificates
// are parsed and checked once (that was most of the cost of a signature). The cache is keyed by
// the object and also compares its fields, so an object changed between calls gets a new signer.
const signers = new WeakMap<SigningOptions, { fields: readonly unknown[]; signer: ProfileSigner }>();

function signerFor(signing: SigningOptions): ProfileSigner {
  const fields = [signing.certificatePem, signing.privateKeyPem, signing.chainPem, signing.passphrase, signing.now?.getTime()];
  const hit = signers.get(signing);
  if (hit && hit.fields.every((f, i) => f === fields[i])) return hit.signer;
  // Signing (and its ASN.1 and certificate code) is loaded only when a build signs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on-demand loading
  const signer = (require('../sign/cms') as typeof import('../sign/cms')).createProfileSigner(signing);
  signers.set(signing, { fields, signer });
  return signer;
}

/** The Jamf Pro preference plist and custom schema. */
export function jamfArtifacts(profile: ResolvedProfile): Artifact[] {
  jamfSchemaBytes ??= buildJamfSchema();
  return [
    { path: `jamf/${JAMF_PLIST_FILE}`, bytes: buildPreferencePlist(profile), mediaType: MEDIA_TYPES.plist, holdsSettingValues: true },
    { path: `jamf/${JAMF_SCHEMA_FILE}`, bytes: jamfSchemaBytes, mediaType: MEDIA_TYPES.json, holdsSettingValues: false },
  ];
}

/** The Intune preference-file fragment and Graph JSON (carrying `mobileconfig`, built if not given). */
export function intuneMacosArtifacts(profile: ResolvedProfile, options: MobileconfigOptions = {}, mobileconfig?: Buffer): Artifact[] {
  const bytes = mobileconfig ?? buildMobileconfig(profile, options);
  return [
    { path: `intune/${INTUNE_FRAGMENT_FILE}`, bytes: buildIntunePreferenceFragment(profile), mediaType: MEDIA_TYPES.xml, holdsSettingValues: true },
    { path: `intune/${profile.name}.macos-custom-configuration.json`, bytes: buildIntuneMacosGraphJson(profile, bytes, mobileconfigFileName(profile)), mediaType: MEDIA_TYPES.json, holdsSettingValues: true },
  ];
}

/** The ProfileManifests manifest (the same for every profile; built once per process). */
export function profileManifestArtifact(): Artifact {
  profileManifestBytes ??= buildProfileManifest();
  return { path: `macos/${PROFILE_MANIFEST_FILE}`, bytes: profileManifestBytes, mediaType: MEDIA_TYPES.plist, holdsSettingValues: false };
}

/** Every macOS artifact and the signing warnings. Pure: same input, same bytes. */
export function macosOutputs(profile: ResolvedProfile, options: MacosOptions = {}): MacosOutput {
  const mc = mobileconfigArtifacts(profile, options);
  const { signing: _signing, ...plain } = options;
  return {
    artifacts: [...mc.artifacts, profileManifestArtifact(), ...jamfArtifacts(profile), ...intuneMacosArtifacts(profile, plain, mc.artifacts[0]!.bytes)],
    warnings: mc.warnings,
  };
}

/** Every macOS artifact (paths under `macos/`, `jamf/`, `intune/`); see {@link macosOutputs} for warnings. */
export function macosArtifacts(profile: ResolvedProfile, options: MacosOptions = {}): Artifact[] {
  return macosOutputs(profile, options).artifacts;
}

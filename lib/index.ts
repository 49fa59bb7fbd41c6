/**
 * claude-gateway-profile: one typed gateway profile in, every Claude Desktop deployment artifact out.
 *
 * The public API: validate and build profiles, and the key catalogue with its encoding layer.
 */
import { MAX_PROFILE_DEPTH as PROFILE_DEPTH_LIMIT } from './profile/depth';

export { buildArtifacts, OUTPUT_FORMATS, isOutputFormat, type BuildOptions, type BuildResult, type BuiltFile, type OutputFormat, type SigningMaterial, type Manifest } from './build';
export { validateProfile, prepareProfile, ProfileValidationError, formatFinding, hasErrors, type Finding, type Severity, type ValidationResult, type ValidateOptions, type PrepareOptions } from './validate';
/**
 * The nesting limit of a profile: the most objects and arrays a value may sit inside, the profile
 * object itself counting as one (`settings.x` sits inside two). `validateProfile` (and so
 * `prepareProfile` and `buildArtifacts`) reports a deeper value as one `too-deep` error
 * naming the first levels of its path, before anything recurses over it; the JSON readers of
 * `check` and `import` apply the same limit. No Claude Desktop setting nests more than a few levels.
 */
export const MAX_PROFILE_DEPTH = PROFILE_DEPTH_LIMIT;
export { resolveProfile, type EnvMap } from './profile/resolve';
export type { PathSegment } from './profile/path';
export type { GatewayProfile, ResolvedProfile, ResolvedSettings, ProfileScope, SecretSource } from './profile/types';
export { encodeValue, decodeValue, encodeSettings, EncodeError, type EncodedSetting, type DecodeResult, type JsonValue } from './encode';
export { migrateSettings, type MigrationOptions, type MigrationResult } from './migrate';
export * from './catalog';
export { buildProfileSchema, profileSchemaText, type JsonSchema } from './catalog/json-schema';
export type { Artifact } from './artifact';
export { run as runCli } from './cli/main';
export type { CliIo } from './cli/io';

// Writers, one per format (each pure: a resolved profile in, bytes out).
export { buildMobileconfig, mobileconfigFileName, type MobileconfigOptions, type PayloadForm } from './writers/mobileconfig';
export { macosArtifacts, macosOutputs, type MacosOptions, type MacosOutput } from './writers/macos';
export { jamfSchema, buildJamfSchema, type JamfSchema, type JamfProperty } from './writers/jamf-schema';
export { buildPreferencePlist } from './writers/jamf-plist';
export { buildIntunePreferenceFragment, buildIntuneMacosGraphJson } from './writers/intune-macos';
export { buildProfileManifest } from './writers/profile-manifest';
export { writeReg, writeRegUndo } from './writers/reg';
export { writeAdmxBundle, type AdmxBundle } from './writers/admx';
export { intuneWindowsRows, intuneWindowsGraphJson, intuneWindowsCsv, type IntuneWindowsOptions, type OmaUriRow } from './writers/intune-windows';
export { windowsArtifacts, type WindowsOptions } from './writers/windows';
export { uuidV5 } from './writers/uuid';
// Signing and readers.
export { signMobileconfig, createProfileSigner, SigningError, type SigningOptions, type SignResult, type ProfileSigner } from './sign';
export { readMobileconfig, type ReadMobileconfigOptions } from './read/mobileconfig';
export { readPreferencePlist, readPreferenceFragment } from './read/plist';
export { readReg, type RegReadResult, type RegEncoding, type RegDeletion } from './read/reg';
export { entriesToSettings, type ReadResult, type ReadEntry, type IgnoredEntries, type ArtifactKind } from './read/types';
export { lintAdmx, type AdmxLintNames, type AdmxLintOptions } from './lint/admx';
// Audit of deployed artifacts: check (lint), import (artifact → profile), diff.
export { checkArtifacts, checkArtifact, type CheckOptions, type CheckReport, type FileReport, type CheckInput } from './check';
export type { SiblingReader, PathStat, PathStatter } from './check/types';
export { importArtifact, ImportError, type ImportOptions, type ImportResult } from './import';
export { diffArtifacts, DiffError, type DiffResult, type SettingChange, type MetadataChange } from './diff';
export { detectKind, type DetectedKind, type Detection } from './read/detect';
// Starter profiles and the deployment summary.
export { presetProfile, PRESET_NAMES, type PresetName } from './presets';
export { egressHosts, type EgressHost } from './egress';

// The key reference as Markdown (what `npm run generate` writes to docs/keys.md), and one key described.
export { keysMarkdown } from './docs/keys-markdown';
export { describeKey, type KeyDescription, type KeyFact, type FactPart, type FieldLine } from './docs/key-description';

/**
 * claude-gateway-profile: one typed gateway profile in, every Claude Desktop deployment artifact out.
 *
 * The public API: validate and build profiles, and the key catalogue with its encoding layer.
 */
export { buildArtifacts, OUTPUT_FORMATS, isOutputFormat, type BuildOptions, type BuildResult, type BuiltFile, type OutputFormat, type SigningMaterial, type Manifest } from './build';
export { validateProfile, prepareProfile, ProfileValidationError, formatFinding, hasErrors, type Finding, type Severity, type ValidationResult, type ValidateOptions, type PrepareOptions } from './validate';
export { resolveProfile, type EnvMap } from './profile/resolve';
export type { GatewayProfile, ResolvedProfile, ResolvedSettings, ProfileScope, SecretSource } from './profile/types';
export { encodeValue, decodeValue, encodeSettings, EncodeError, type EncodedSetting, type DecodeResult, type JsonValue } from './encode';
export { migrateSettings, type MigrationOptions, type MigrationResult } from './migrate';
export * from './catalog';
export { buildProfileSchema, profileSchemaText } from './catalog/json-schema';
export type { Artifact } from './artifact';
export { run as runCli } from './cli/main';

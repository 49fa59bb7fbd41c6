import type { EnvRef, KeyName, Settings } from '../catalog';

/** Where the profile's settings are installed: HKLM / System profile, or HKCU / User profile. */
export type ProfileScope = 'machine' | 'user';

/**
 * A typed gateway profile: metadata plus Claude's settings with native JSON values.
 * This is the input of every writer; `schemas/profile.schema.json` describes the same shape.
 */
export interface GatewayProfile {
  /** JSON Schema reference for editors; ignored by the library. */
  $schema?: string;
  /** Short name, used for output folder and file names (letters, digits, `.`, `_`, `-`). */
  name: string;
  /** Name shown to users and admins (PayloadDisplayName, policy names). Defaults to `name`. */
  displayName?: string;
  /** Organisation shown in the profile (PayloadOrganization). */
  organization?: string;
  /** A sentence on what the profile is for; shown in the profile description. */
  description?: string;
  /** Reverse-DNS identifier (PayloadIdentifier), stable across versions of the profile. */
  identifier: string;
  /** machine (HKLM, System) or user (HKCU, User). Defaults to machine. */
  scope?: ProfileScope;
  /** Oldest Claude Desktop build in the fleet; keys newer than it get a warning. */
  appVersion?: string;
  /** Claude Desktop settings, by Claude's own key names, with native JSON values. */
  settings: Settings;
}

/** Removes `{ env }` references from a settings value type, deep. */
export type Resolved<T> = T extends EnvRef
  ? never
  : T extends (infer U)[]
    ? Resolved<U>[]
    : T extends object
      ? { [P in keyof T]: Resolved<T[P]> }
      : T;

/** Settings after every `{ env }` reference was replaced by the variable's value. */
export type ResolvedSettings = { [K in KeyName]?: Resolved<NonNullable<Settings[K]>> };

/** Where a secret's value came from, for summaries that must not show it. */
export interface SecretSource {
  /** Path of the secret, such as `settings.inferenceGatewayApiKey`. */
  path: string;
  /** The catalogue key holding it. */
  key: KeyName;
  /** `env` when it came from an environment variable, `literal` when written in the profile. */
  from: 'env' | 'literal';
  /** Name of the environment variable, when `from` is `env`. */
  envName?: string;
}

/** A profile ready for the writers: defaults filled in, secrets resolved, deprecated forms migrated. */
export interface ResolvedProfile {
  /** Short name: the output folder and file names. */
  name: string;
  /** Shown to users and admins (PayloadDisplayName); the profile's `name` when it gave none. */
  displayName: string;
  /** PayloadOrganization, when given. */
  organization?: string;
  /** What the profile is for, when given (the start of PayloadDescription). */
  description?: string;
  /** Reverse-DNS PayloadIdentifier; the UUIDs and the config library's id derive from it. */
  identifier: string;
  /** `machine` (HKLM, System profiles) unless the profile says `user`. */
  scope: ProfileScope;
  /** Oldest Claude Desktop build in the fleet, when given. */
  appVersion?: string;
  /** The settings with current names and shapes, every `{ "env" }` reference replaced by its value. */
  settings: ResolvedSettings;
  /** Every secret value in `settings` and where it came from. */
  secrets: SecretSource[];
}

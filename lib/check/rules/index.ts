/**
 * The rule table of `check`. Per-file rules run on every file whose kind they apply to; cross-file
 * rules run once over all files. The value checks shared with `validate` are not here: they are
 * the profile validator itself, run on the decoded settings (`../semantic.ts`).
 */
import type { ArtifactRule, CrossFileRule } from '../types';
import { admxPairRule } from './admx-pair';
import { buildManifestRule } from './build-manifest';
import { channelRule } from './channel';
import { dottedKeyRule } from './dotted-key';
import { ignoredUserPolicyRule } from './ignored-user-policy';
import { jamfSchemaRule } from './jamf-schema';
import { jsonStringEncodedRule } from './json-string-encoded';
import { managedFilePermissionsRule } from './managed-file-permissions';
import { notAStringRule } from './not-a-string';
import { payloadUuidRule } from './payload-uuid';
import { profileManifestRule } from './profile-manifest';
import { profileMetadataRule } from './profile-metadata';
import { regValueTypeRule } from './reg-value-type';
import { signatureRule } from './signature';
import { noSettingsRule } from './no-settings';
import { textEncodingRule } from './text-encoding';

/** Rules about one file, in the order they run. */
export const ARTIFACT_RULES: readonly ArtifactRule[] = [
  textEncodingRule,
  noSettingsRule,
  notAStringRule,
  regValueTypeRule,
  ignoredUserPolicyRule,
  dottedKeyRule,
  channelRule,
  jsonStringEncodedRule,
  signatureRule,
  profileMetadataRule,
  jamfSchemaRule,
  profileManifestRule,
  managedFilePermissionsRule,
];

/** Rules across the files of one run. */
export const CROSS_FILE_RULES: readonly CrossFileRule[] = [payloadUuidRule, admxPairRule, buildManifestRule];

/**
 * A finding with one of these codes makes findings with the listed codes redundant (the more
 * specific one explains the same problem better): at the same place, or anywhere in the file.
 */
export const SUPERSEDES: Readonly<Record<string, { readonly codes: readonly string[]; readonly anywhere?: boolean }>> = {
  'dotted-key': { codes: ['unknown-key', 'key-typo'] },
  'certificate-expired': { codes: ['certificate-not-valid-now'] },
  'certificate-not-yet-valid': { codes: ['certificate-not-valid-now'] },
  'no-settings': { codes: ['no-claude-settings'], anywhere: true },
};

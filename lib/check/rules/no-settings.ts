/**
 * `no-settings`: a file of a kind that sets Claude Desktop values but sets none (an empty
 * managed-settings.json, a .reg whose values are all under other keys, a profile with no Claude
 * payload). Removal files (`.reg` deleting the policy values) and bootstrap responses (where `{}`
 * deliberately unsets every bootstrap key) are exempt. Not reported when the reader already found
 * errors that explain the emptiness.
 */
import { VALUE_KINDS } from '../../read/detect';
import { finding } from '../../validate/findings';
import type { ArtifactRule } from '../types';

/** Files meant to set values that set none. */
export const noSettingsRule: ArtifactRule = {
  id: 'no-settings',
  codes: ['no-settings'],
  appliesTo: (kind) => VALUE_KINDS.includes(kind) && kind !== 'profile-json' && kind !== 'bootstrap-response-json',
  check: (ctx) => {
    const read = ctx.read as typeof ctx.read & { deletedValues?: readonly unknown[]; deletesPolicyKey?: boolean };
    if (read.entries.length > 0 || (read.deletedValues?.length ?? 0) > 0 || read.deletesPolicyKey) return [];
    if (read.findings.some((f) => f.severity === 'error')) return [];
    return [finding('no-settings', 'error', '(file)', 'the file sets no Claude Desktop setting', ctx.kind === 'reg' ? 'put "name"="value" lines under [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]' : 'add the settings, or remove the file from the deployment')];
  },
};

/**
 * A profile must set something MDM can deliver: the `.reg` writer refuses an empty file (regedit
 * would import nothing), and a `.mobileconfig` or plist without settings is what `check` calls
 * `no-settings`. Bootstrap-only keys alone do not count: MDM files leave them out, and without a
 * bootstrap URL delivered by MDM the app never asks for the bootstrap response that carries them.
 */
import { getKey, isMdmKey } from '../../catalog';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

export const presenceRule: Rule = ({ settings, keys }) => {
  const out: Finding[] = [];
  if (keys.some(isMdmKey)) return out;
  const names = Object.keys(settings).filter((k) => settings[k] !== undefined);
  const provider = getKey('inferenceProvider').name;
  if (names.length === 0) {
    out.push(
      finding(
        'no-settings',
        'error',
        ['settings'],
        'settings is empty: every file built from this profile would set nothing (and a .reg file cannot be empty)',
        `add at least ${provider} and the keys its provider needs; \`claude-gateway-profile init\` writes a starting point and \`claude-gateway-profile explain\` lists the settings`,
      ),
    );
  } else if (keys.length === names.length) {
    // Only bootstrap-only keys (unknown names are reported by the schema check).
    out.push(
      finding(
        'no-settings',
        'error',
        ['settings'],
        `settings holds only keys a bootstrap response delivers (${keys.map((k) => k.name).join(', ')}): the MDM files (.reg, .mobileconfig, Jamf, Intune) would set nothing`,
        `add the settings MDM delivers: ${getKey('bootstrapUrl').name}, so that the app fetches the bootstrap response, and ${provider} with the keys its provider needs`,
      ),
    );
  }
  return out;
};

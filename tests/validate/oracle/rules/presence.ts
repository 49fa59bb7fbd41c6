/** Deliberate change after the speed work (both sides): a profile must set a key MDM can deliver. */
import { CATALOG, isMdmKey } from '../../../../lib/catalog';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

export const presenceRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  const names = Object.keys(settings).filter((k) => settings[k] !== undefined);
  const known = CATALOG.filter((k) => settings[k.name] !== undefined);
  if (known.some(isMdmKey)) return out;
  const provider = CATALOG.find((k) => k.name === 'inferenceProvider')?.name;
  const bootstrapUrl = CATALOG.find((k) => k.name === 'bootstrapUrl')?.name;
  if (names.length === 0) {
    out.push(finding('no-settings', 'error', ['settings'], 'settings is empty: every file built from this profile would set nothing (and a .reg file cannot be empty)', `add at least ${provider} and the keys its provider needs; \`claude-gateway-profile init\` writes a starting point and \`claude-gateway-profile explain\` lists the settings`));
  } else if (known.length === names.length) {
    out.push(finding('no-settings', 'error', ['settings'], `settings holds only keys a bootstrap response delivers (${known.map((k) => k.name).join(', ')}): the MDM files (.reg, .mobileconfig, Jamf, Intune) would set nothing`, `add the settings MDM delivers: ${bootstrapUrl}, so that the app fetches the bootstrap response, and ${provider} with the keys its provider needs`));
  }
  return out;
};

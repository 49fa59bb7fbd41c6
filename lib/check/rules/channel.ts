/**
 * Keys in a file the app does not read them from (reference §1 "Avail", §7): bootstrap-only keys
 * (`claudeAiImport`) in an MDM or local file, and MDM-only keys (`bootstrapUrl`,
 * `egressProxyUrl`, …) in a bootstrap response. The app drops them silently.
 */
import { getKey, isBootstrapKey, isMdmKey } from '../../catalog';
import { finding, type Finding } from '../../validate/findings';
import { defFor } from '../decode';
import { MDM_KINDS, type ArtifactRule } from '../types';

/** Bootstrap-only keys in MDM files, MDM-only keys in bootstrap responses. */
export const channelRule: ArtifactRule = {
  id: 'channel',
  codes: ['bootstrap-only-in-mdm', 'mdm-only-in-bootstrap'],
  appliesTo: (kind) => MDM_KINDS.includes(kind) || kind === 'bootstrap-response-json',
  check: (ctx) => {
    const out: Finding[] = [];
    const bootstrapUrlKey = getKey('bootstrapUrl').name;
    const bootstrap = ctx.kind === 'bootstrap-response-json';
    for (const e of ctx.read.entries) {
      const def = defFor(e.key);
      if (!def) continue;
      if (!bootstrap && !isMdmKey(def)) {
        out.push(finding('bootstrap-only-in-mdm', 'warning', e.location, `${e.key} can only be delivered by a bootstrap response; Claude Desktop ignores it in this file`, `move it to the bootstrap response your ${bootstrapUrlKey} serves, or remove it`, def.name));
      }
      if (bootstrap && !isBootstrapKey(def)) {
        out.push(finding('mdm-only-in-bootstrap', 'warning', e.location, `${e.key} is read only from MDM or the local configuration; Claude Desktop drops it from a bootstrap response`, 'set it by MDM (.mobileconfig, .reg, managed-settings.json) instead', def.name));
      }
    }
    return out;
  },
};

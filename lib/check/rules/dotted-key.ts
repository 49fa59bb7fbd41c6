/**
 * `dotted-key`: an object-valued key split into dotted sub-keys (`bootstrapOidc.clientId`,
 * `inferenceGatewayOidc.issuer`). The reference (§2) names this a common mistake: the app reads
 * only the whole key as one JSON string (for bootstrapOidc it silently falls back to device code).
 * The fix assembles the JSON text from the dotted values found (never shown for a secret).
 */
import { encodeValue } from '../../encode';
import { finding, type Finding } from '../../validate/findings';
import { defFor, isSecretKey } from '../decode';
import type { ArtifactRule } from '../types';

/** Object keys split into dotted sub-keys. */
export const dottedKeyRule: ArtifactRule = {
  id: 'dotted-key',
  codes: ['dotted-key'],
  appliesTo: (kind) => kind !== 'profile-json' && kind !== 'jamf-schema',
  check: (ctx) => {
    const out: Finding[] = [];
    const groups = new Map<string, { field: string; raw: unknown }[]>();
    for (const e of ctx.read.entries) {
      const dot = e.key.indexOf('.');
      if (dot <= 0) continue;
      const def = defFor(e.key.slice(0, dot));
      if (!def || (def.type !== 'object' && def.type !== 'objectList')) continue;
      const list = groups.get(def.name) ?? [];
      list.push({ field: e.key.slice(dot + 1), raw: e.raw });
      groups.set(def.name, list);
      out.push(finding('dotted-key', 'error', e.location, `${e.key} splits ${def.name} into a dotted sub-key; Claude Desktop reads only ${def.name} itself, as one JSON string`, '', def.name));
    }
    // One fix per object, shown on each of its dotted keys.
    return out.map((f) => {
      const def = defFor(f.key ?? '');
      const fields = groups.get(f.key ?? '') ?? [];
      let fix = `write ${f.key} as one string holding the JSON object of its fields`;
      if (def && def.type === 'object' && !isSecretKey(def)) {
        try {
          fix = `write ${f.key} as one string: ${encodeValue('object', Object.fromEntries(fields.map((x) => [x.field, x.raw])), def.name)}, and remove the dotted keys`;
        } catch {
          /* keep the generic fix */
        }
      }
      return { ...f, hint: fix };
    });
  },
};

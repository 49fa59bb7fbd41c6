/** Facts about the keys themselves: deprecated, unconfirmed, too new for the fleet, wrong channel, too long. */
import { ADMX_TEXT_MAX_LENGTH, CATALOG, describeSince, isNewerThanFleet, type ValueSpec } from '../../../../lib/catalog';
import { encodeValue } from '../../../../lib/encode';
import { finding, type Finding } from '../findings';
import { formatPath } from '../path';
import { isEnvRef, walkSettings } from '../walk';
import type { Rule } from './types';

/**
 * Largest value Group Policy and Intune can carry for an integer key the app sets no maximum for:
 * the ADMX template's `decimal` element is capped there (`ADMX_DECIMAL_CAP` in
 * lib/writers/admx-model.ts; a test keeps the two equal), and the Windows writers refuse larger
 * values at build time, so validation refuses them first.
 */
export const WINDOWS_INTEGER_MAX = 2000000000;

export const keyFactsRule: Rule = ({ settings, appVersion, scope }) => {
  const out: Finding[] = [];
  for (const key of CATALOG) {
    const value = settings[key.name];
    if (value === undefined) continue;
    const path = ['settings', key.name];
    if (key.deprecated) out.push(finding('deprecated-key', 'warning', path, `${key.name} is deprecated: ${key.deprecated}`, `remove ${key.name}`, key.name));
    if (key.unconfirmed) out.push(finding('unconfirmed-key', 'warning', path, `${key.name} is not in the current Claude Desktop reference: ${key.unconfirmed}`, 'check that your builds still read it', key.name));
    if (appVersion && isNewerThanFleet(key.since, appVersion)) {
      out.push(finding('newer-than-fleet', 'warning', path, `${key.name} is read from ${describeSince(key.since)}; machines on ${appVersion} ignore it`, 'update those machines, or raise appVersion if the fleet is newer', key.name));
    }
    if (key.availability === 'bootstrap') {
      out.push(finding('bootstrap-only-key', settings.bootstrapUrl === undefined ? 'warning' : 'warning', path, `${key.name} can only be delivered by a bootstrap response; MDM artifacts leave it out`, 'it is written to the bootstrap response file only', key.name));
    }
    if (key.secret && scope === 'user' && key.type === 'string') {
      out.push(finding('secret-in-user-scope', 'warning', path, `${key.name} is a credential in a user-scoped profile: users can read and change HKCU and their own managed preferences`, 'prefer scope "machine", a credential helper, or interactive sign-in', key.name));
    }
    // Deliberate change (both sides): secret keys of object and list type count too, by the leaves
    // the catalogue marks secret (header values, MCP env values, oauth.clientSecret), never shown.
    if (key.secret && scope === 'user' && key.type !== 'string') {
      const places: string[] = [];
      let count = 0;
      walkSettings({ [key.name]: value }, (leaf) => {
        if (leaf.isMapKey || leaf.spec?.secret !== true || !((typeof leaf.value === 'string' && leaf.value !== '') || isEnvRef(leaf.value))) return;
        count++;
        // The place is the path down to the map holding the value; map names are never shown.
        const segs: (string | number)[] = [key.name];
        let spec: ValueSpec | undefined = key;
        for (const seg of leaf.path.slice(2)) {
          if (!spec || (typeof seg === 'string' && spec.values)) break;
          segs.push(seg);
          spec = typeof seg === 'number' ? (spec.type === 'objectList' ? { type: 'object', fields: spec.fields ?? {} } : undefined) : spec.fields?.[seg];
        }
        const place = formatPath(segs);
        if (!places.includes(place)) places.push(place);
      });
      if (count > 0) {
        const where = places.length === 1 && places[0] === key.name ? '' : ` (in ${places.length > 3 ? `${places.slice(0, 3).join(', ')} and ${places.length - 3} more` : places.join(', ')})`;
        out.push(finding('secret-in-user-scope', 'warning', path, `${key.name} carries ${count === 1 ? 'a value' : `${count} values`} that may be a credential${where} in a user-scoped profile: users can read and change HKCU and their own managed preferences`, 'prefer scope "machine", or a helper that prints the value at run time instead of the value itself', key.name));
      }
    }
    if (key.type === 'integer' && key.maximum === undefined && key.availability !== 'bootstrap' && typeof value === 'number' && Number.isInteger(value) && value > WINDOWS_INTEGER_MAX) {
      out.push(finding('integer-too-large', 'error', path, `${key.name} is ${value}; the Group Policy (ADMX) and Intune policy for it hold at most ${WINDOWS_INTEGER_MAX}`, `use a whole number from ${key.minimum ?? 0} to ${WINDOWS_INTEGER_MAX}`, key.name));
    }
    // Deliberate change after the speed work (both sides): no ADMX text limit for bootstrap-only keys.
    if (key.availability !== 'bootstrap' && (key.type === 'stringList' || key.type === 'object' || key.type === 'objectList')) {
      let text: string | undefined;
      try {
        text = encodeValue(key.type, value, key.name);
      } catch {
        text = undefined; // wrong type: the schema check reports it
      }
      if (text !== undefined && text.length > ADMX_TEXT_MAX_LENGTH) {
        out.push(finding('value-too-long', 'error', path, `the JSON text of ${key.name} is ${text.length} characters; Group Policy and Intune text fields hold at most ${ADMX_TEXT_MAX_LENGTH}`, key.availability === 'mdm' ? 'shorten it (a bootstrap response cannot deliver this setting instead)' : 'shorten the list, or deliver it by bootstrap instead', key.name));
      }
    }
  }
  return out;
};

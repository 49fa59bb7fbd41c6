/** Facts about the keys themselves: deprecated, unconfirmed, too new for the fleet, wrong channel, too long. */
import { ADMX_TEXT_MAX_LENGTH, describeSince, isNewerThanFleet, type KeyDef, type ValueSpec } from '../../catalog';
import { encodeValue } from '../../encode';
import { formatPath, type PathSegment } from '../../profile/path';
import { isEnvRef, walkLeaves } from '../../profile/walk';
import { finding, someOf, type Finding } from '../findings';
import { specAt } from '../spec-at';
import type { Rule } from './types';

/**
 * Largest value Group Policy and Intune can carry for an integer key the app sets no maximum for:
 * the ADMX template's `decimal` element is capped there (`ADMX_DECIMAL_CAP` in
 * lib/writers/admx-model.ts; a test keeps the two equal), and the Windows writers refuse larger
 * values at build time, so validation refuses them first.
 */
export const WINDOWS_INTEGER_MAX = 2000000000;

export const keyFactsRule: Rule = ({ settings, appVersion, scope, keys }) => {
  const out: Finding[] = [];
  for (const key of keys) {
    const value = settings[key.name];
    const path = ['settings', key.name];
    if (key.deprecated) out.push(finding('deprecated-key', 'warning', path, `${key.name} is deprecated: ${key.deprecated}`, `remove ${key.name}`, key.name));
    if (key.unconfirmed) out.push(finding('unconfirmed-key', 'warning', path, `${key.name} is not in the current Claude Desktop reference: ${key.unconfirmed}`, 'check that your builds still read it', key.name));
    if (appVersion && isNewerThanFleet(key.since, appVersion)) {
      out.push(finding('newer-than-fleet', 'warning', path, `${key.name} is read from ${describeSince(key.since)}; machines on ${appVersion} ignore it`, 'update those machines, or raise appVersion if the fleet is newer', key.name));
    }
    if (key.availability === 'bootstrap') {
      out.push(finding('bootstrap-only-key', 'warning', path, `${key.name} can only be delivered by a bootstrap response; MDM artifacts leave it out`, 'it is written to the bootstrap response file only', key.name));
    }
    if (key.secret && scope === 'user') {
      if (key.type === 'string') {
        out.push(finding('secret-in-user-scope', 'warning', path, `${key.name} is a credential in a user-scoped profile: users can read and change HKCU and their own managed preferences`, 'prefer scope "machine", a credential helper, or interactive sign-in', key.name));
      } else {
        const { places, count } = secretPlaces(key, value);
        if (count > 0) {
          const where = places.length === 1 && places[0] === key.name ? '' : ` (in ${someOf(places, 3)})`;
          out.push(
            finding(
              'secret-in-user-scope',
              'warning',
              path,
              `${key.name} carries ${count === 1 ? 'a value' : `${count} values`} that may be a credential${where} in a user-scoped profile: users can read and change HKCU and their own managed preferences`,
              'prefer scope "machine", or a helper that prints the value at run time instead of the value itself',
              key.name,
            ),
          );
        }
      }
    }
    if (key.type === 'integer' && key.maximum === undefined && key.availability !== 'bootstrap' && typeof value === 'number' && Number.isInteger(value) && value > WINDOWS_INTEGER_MAX) {
      out.push(finding('integer-too-large', 'error', path, `${key.name} is ${specAt(path).secret ? 'a secret number' : value}; the Group Policy (ADMX) and Intune policy for it hold at most ${WINDOWS_INTEGER_MAX}`, `use a whole number from ${key.minimum ?? 0} to ${WINDOWS_INTEGER_MAX}`, key.name));
    }
    // Bootstrap-only keys never go through the ADMX template, so its text limit does not apply.
    // Every value stored as text counts: a string as is, a list or object as its JSON text.
    if (key.availability !== 'bootstrap' && (key.type === 'string' || key.type === 'stringList' || key.type === 'object' || key.type === 'objectList')) {
      let text: string | undefined;
      try {
        text = encodeValue(key.type, value, key.name);
      } catch {
        text = undefined; // wrong type or an { env } reference: the schema check, or the check of the resolved value, reports it
      }
      if (text !== undefined && text.length > ADMX_TEXT_MAX_LENGTH && key.type === 'string') {
        out.push(finding('value-too-long', 'error', path, `${key.name} is ${text.length} characters long; Group Policy and Intune text fields hold at most ${ADMX_TEXT_MAX_LENGTH}`, key.availability === 'mdm' ? 'shorten it (a bootstrap response cannot deliver this setting instead)' : 'shorten it, or deliver it by bootstrap instead', key.name));
      } else if (text !== undefined && text.length > ADMX_TEXT_MAX_LENGTH) {
        out.push(finding('value-too-long', 'error', path, `the JSON text of ${key.name} is ${text.length} characters; Group Policy and Intune text fields hold at most ${ADMX_TEXT_MAX_LENGTH}`, key.availability === 'mdm' ? 'shorten it (a bootstrap response cannot deliver this setting instead)' : 'shorten the list, or deliver it by bootstrap instead', key.name));
      }
    }
  }
  return out;
};

/**
 * Where inside an object or list setting the catalogue marks a value secret and a value is set:
 * header values, an MCP server's `env` values and `oauth.clientSecret`, and the like. A place is
 * the path below `settings` down to the map that holds the value (`managedMcpServers[1].headers`):
 * a map's names are not shown (a pasted token can end up there too), nor any value. A list marked
 * secret as a whole (the MCP servers) counts only its secret fields, so a server with a URL alone
 * is not a credential. Each place once, in walk order, with the number of values.
 */
function secretPlaces(key: KeyDef, value: unknown): { places: string[]; count: number } {
  const places: string[] = [];
  let count = 0;
  walkLeaves({ [key.name]: value }, (leaf, _key, spec, _secret, isMapKey, path) => {
    if (isMapKey || spec?.secret !== true) return;
    if (!((typeof leaf === 'string' && leaf !== '') || isEnvRef(leaf))) return;
    count++;
    const place = formatPath(path.slice(1, 2 + mapDepth(key, path.slice(2))));
    if (!places.includes(place)) places.push(place);
  });
  return { places, count };
}

/** How many segments of `inside` (a path inside `key`'s value) come before the first map name. */
function mapDepth(key: ValueSpec, inside: readonly PathSegment[]): number {
  let spec: ValueSpec | undefined = key;
  for (const [i, seg] of inside.entries()) {
    if (!spec) return i;
    if (typeof seg === 'number') spec = spec.type === 'objectList' ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) } : undefined;
    else if (spec.values) return i;
    else spec = spec.fields?.[seg];
  }
  return inside.length;
}

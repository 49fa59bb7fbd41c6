/** Facts about the keys themselves: deprecated, unconfirmed, too new for the fleet, wrong channel, too long. */
import { ADMX_TEXT_MAX_LENGTH, describeSince, isNewerThanFleet } from '../../catalog';
import { encodeValue } from '../../encode';
import { finding, type Finding } from '../findings';
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
    if (key.secret && scope === 'user' && key.type === 'string') {
      out.push(finding('secret-in-user-scope', 'warning', path, `${key.name} is a credential in a user-scoped profile: users can read and change HKCU and their own managed preferences`, 'prefer scope "machine", a credential helper, or interactive sign-in', key.name));
    }
    if (key.type === 'integer' && key.maximum === undefined && key.availability !== 'bootstrap' && typeof value === 'number' && Number.isInteger(value) && value > WINDOWS_INTEGER_MAX) {
      out.push(finding('integer-too-large', 'error', path, `${key.name} is ${specAt(path).secret ? 'a secret number' : value}; the Group Policy (ADMX) and Intune policy for it hold at most ${WINDOWS_INTEGER_MAX}`, `use a whole number from ${key.minimum ?? 0} to ${WINDOWS_INTEGER_MAX}`, key.name));
    }
    // Bootstrap-only keys never go through the ADMX template, so its text limit does not apply.
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

/**
 * The preference plist for Jamf Pro (upload in "Application & Custom Settings" → Upload, or a
 * custom profile payload): a plist dictionary of the profile's MDM settings, every value a
 * `<string>` in Claude's encoding, keys in catalogue order.
 */
import { MACOS_PREFERENCE_DOMAIN } from '../catalog';
import { assertProfileMetadataXml, assertStringDict, macosSettings, parseOwnPlist } from './plist-values';
import { renderTemplate } from '../render/template';
import type { ResolvedProfile } from '../profile/types';

/** The file name Jamf expects for the domain's plist. */
export const JAMF_PLIST_FILE = `${MACOS_PREFERENCE_DOMAIN}.plist`;

/**
 * Writes the preference plist (UTF-8, LF) and checks that it parses back to exactly the settings.
 * Throws `XmlCharacterError` naming the key for characters XML 1.0 cannot hold.
 */
export function buildPreferencePlist(profile: ResolvedProfile): Buffer {
  assertProfileMetadataXml(profile);
  const settings = macosSettings(profile);
  const xml = renderTemplate('preference-plist.hbs', 'preference-settings', { settings: settings.map((s) => ({ key: s.key, value: s.value })) });
  assertStringDict(parseOwnPlist(xml, JAMF_PLIST_FILE), settings, JAMF_PLIST_FILE);
  return Buffer.from(xml, 'utf8');
}

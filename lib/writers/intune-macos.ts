/**
 * Intune outputs for macOS:
 * - the preference-file fragment for a "Preference file" profile (domain
 *   `com.anthropic.claudefordesktop` + bare `<key>`/`<string>` pairs: no `<?xml>`, no DOCTYPE, no
 *   `<plist>`, no `<dict>`);
 * - the Graph `macOSCustomConfiguration` body (v1.0 properties) whose `payload` is the base64 of
 *   the `.mobileconfig` bytes, for `POST /deviceManagement/deviceConfigurations`.
 */
import { getKey, MACOS_PREFERENCE_DOMAIN } from '../catalog';
import type { ResolvedProfile } from '../profile/types';
import { renderTemplate } from '../render/template';
import { assertStringDict, macosSettings, ReadBackError, settingsSummary } from './plist-values';
import { readPlistDictBody } from './plist-readback';

/** File name of the preference-file fragment. */
export const INTUNE_FRAGMENT_FILE = `${MACOS_PREFERENCE_DOMAIN}.intune-preference.xml`;

/** Intune refuses custom configuration profiles larger than this many bytes. */
export const INTUNE_MAX_PROFILE_BYTES = 1_000_000;

/**
 * The preference-file fragment: one `<key>`/`<string>` pair per MDM setting, catalogue order,
 * LF line ends. Checked by reading it back as the body of a plist dict.
 */
export function buildIntunePreferenceFragment(profile: ResolvedProfile): Buffer {
  const settings = macosSettings(profile);
  const text = renderTemplate('preference-fragment.hbs', 'preference-settings', { settings: settings.map((s) => ({ key: s.key, value: s.value })) });
  let back: unknown;
  try {
    back = readPlistDictBody(text);
  } catch (e) {
    throw new ReadBackError(INTUNE_FRAGMENT_FILE, `plist reader: ${(e as Error).message}`);
  }
  assertStringDict(back, settings, INTUNE_FRAGMENT_FILE);
  return Buffer.from(text, 'utf8');
}

/** The Graph body (v1.0 `macOSCustomConfiguration`). */
export interface MacOSCustomConfiguration {
  '@odata.type': '#microsoft.graph.macOSCustomConfiguration';
  displayName: string;
  description: string;
  payloadName: string;
  payloadFileName: string;
  /** Base64 of the exact `.mobileconfig` bytes. */
  payload: string;
}

/**
 * The Graph JSON for a `.mobileconfig` (the bytes given, unsigned or signed). Throws when the
 * profile exceeds Intune's size limit. The description lists key names, never values.
 */
export function intuneMacosConfiguration(profile: ResolvedProfile, mobileconfig: Buffer, payloadFileName: string): MacOSCustomConfiguration {
  if (mobileconfig.length > INTUNE_MAX_PROFILE_BYTES) {
    throw new Error(`${payloadFileName}: ${mobileconfig.length} bytes; Intune accepts custom profiles up to ${INTUNE_MAX_PROFILE_BYTES} bytes (shorten long values such as ${getKey('organizationInstructions').name})`);
  }
  const summary = settingsSummary(macosSettings(profile));
  return {
    '@odata.type': '#microsoft.graph.macOSCustomConfiguration',
    displayName: profile.displayName,
    description: profile.description ? `${profile.description}\n\n${summary}` : summary,
    payloadName: profile.displayName,
    payloadFileName,
    payload: mobileconfig.toString('base64'),
  };
}

/** {@link intuneMacosConfiguration} as file text (2-space JSON, trailing LF), checked to decode to the same bytes. */
export function buildIntuneMacosGraphJson(profile: ResolvedProfile, mobileconfig: Buffer, payloadFileName: string): Buffer {
  const text = `${JSON.stringify(intuneMacosConfiguration(profile, mobileconfig, payloadFileName), null, 2)}\n`;
  const back = JSON.parse(text) as MacOSCustomConfiguration;
  if (!Buffer.from(back.payload, 'base64').equals(mobileconfig)) throw new ReadBackError('Graph JSON', 'payload does not decode to the profile bytes');
  return Buffer.from(text, 'utf8');
}

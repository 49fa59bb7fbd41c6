/**
 * The `.mobileconfig` writer: an XML configuration profile that macOS, Jamf, Intune, Kandji,
 * Mosyle and Fleet install as a custom profile, carrying the profile's MDM settings in the domain
 * `com.anthropic.claudefordesktop`, every value a `<string>` in Claude's encoding.
 *
 * Two payload forms: `direct` (PayloadType = the domain, keys beside the Payload* keys; the
 * default) and `mcx` (`com.apple.ManagedClient.preferences` → PayloadContent → domain → Forced →
 * [{ mcx_preference_settings }]). UUIDs are UUIDv5 of identifier + content digest, so an unchanged
 * profile keeps its UUIDs and a changed one gets new ones.
 */
import { createHash } from 'node:crypto';
import { MACOS_PREFERENCE_DOMAIN } from '../catalog';
import type { ResolvedProfile } from '../profile/types';
import { renderTemplate } from '../render/template';
import {
  assertProfileMetadataXml,
  assertStringDict,
  isPlistDict,
  macosSettings,
  MCX_PAYLOAD_TYPE,
  parseOwnPlist,
  ReadBackError,
  settingsSummary,
  type PlistSetting,
} from './plist-values';
import { isUuid, PROFILE_UUID_NAMESPACE, uuidV5 } from './uuid';

export { MCX_PAYLOAD_TYPE } from './plist-values';

/** Which payload shape carries the settings. */
export type PayloadForm = 'direct' | 'mcx';

/** Options of {@link buildMobileconfig}. */
export interface MobileconfigOptions {
  /** `direct` (default): domain payload; `mcx`: ManagedClient preferences wrapper (not for User Enrollment). */
  payloadForm?: PayloadForm;
  /** Write PayloadRemovalDisallowed with this value; omitted when undefined. */
  removalDisallowed?: boolean;
  /** Write TargetDeviceType 5 (Mac). Default true; macOS before 10.15 ignores it. */
  targetDeviceType?: boolean;
  /** Fixed PayloadUUIDs instead of the derived ones (e.g. to keep an MDM's existing UUIDs). */
  uuids?: { profile?: string; payload?: string };
}

/** The view model of `templates/mobileconfig.hbs` (checked by `schemas/views/mobileconfig.schema.json`). */
export interface MobileconfigView {
  identifier: string;
  uuid: string;
  displayName: string;
  description: string;
  organization: string | null;
  scope: 'System' | 'User';
  removalDisallowed: 'true' | 'false' | null;
  targetDeviceType: 5 | null;
  payload: {
    identifier: string;
    uuid: string;
    displayName: string;
    description: string;
    type: string;
    domain: string;
    mcx: boolean;
  };
  settings: { key: string; value: string }[];
}

/** The file name of a profile's `.mobileconfig`. */
export function mobileconfigFileName(profile: ResolvedProfile): string {
  return `${profile.name}.mobileconfig`;
}

/** The PayloadIdentifier of the settings payload inside a profile. */
export function payloadIdentifier(profile: ResolvedProfile): string {
  return `${profile.identifier}.settings`;
}

/**
 * Builds the view model: metadata, derived (or given) UUIDs and the settings in catalogue order.
 * Throws `XmlCharacterError` naming the key or field for characters XML 1.0 cannot hold, and
 * an Error for a malformed or duplicate UUID override.
 */
export function mobileconfigView(profile: ResolvedProfile, options: MobileconfigOptions = {}): MobileconfigView {
  return viewOf(profile, options, macosSettings(profile));
}

function viewOf(profile: ResolvedProfile, options: MobileconfigOptions, settings: readonly PlistSetting[]): MobileconfigView {
  const form = options.payloadForm ?? 'direct';
  if (form !== 'direct' && form !== 'mcx') throw new Error(`payloadForm must be "direct" or "mcx", not "${String(form)}"`);
  if (profile.identifier.trim() === '') throw new Error('identifier: the profile needs a PayloadIdentifier (reverse-DNS, e.g. com.example.claude)');
  assertProfileMetadataXml(profile);
  const summary = settingsSummary(settings);
  const description = profile.description ? `${profile.description}\n\n${summary}` : summary;
  const base: Omit<MobileconfigView, 'uuid' | 'payload'> & { payload: Omit<MobileconfigView['payload'], 'uuid'> } = {
    identifier: profile.identifier,
    displayName: profile.displayName,
    description,
    organization: profile.organization ? profile.organization : null,
    scope: profile.scope === 'user' ? 'User' : 'System',
    removalDisallowed: options.removalDisallowed === undefined ? null : options.removalDisallowed ? 'true' : 'false',
    targetDeviceType: options.targetDeviceType === false ? null : 5,
    payload: {
      identifier: payloadIdentifier(profile),
      displayName: `Claude Desktop (${MACOS_PREFERENCE_DOMAIN})`,
      description: summary,
      type: form === 'mcx' ? MCX_PAYLOAD_TYPE : MACOS_PREFERENCE_DOMAIN,
      domain: MACOS_PREFERENCE_DOMAIN,
      mcx: form === 'mcx',
    },
    settings: settings.map((s) => ({ key: s.key, value: s.value })),
  };
  // The digest covers everything the file says except the UUIDs themselves.
  const digest = createHash('sha256').update(JSON.stringify(base)).digest('hex');
  const uuid = overrideUuid(options.uuids?.profile, 'uuids.profile') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${base.identifier}\n${digest}`);
  const payloadUuid = overrideUuid(options.uuids?.payload, 'uuids.payload') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${base.payload.identifier}\n${digest}`);
  if (uuid === payloadUuid) throw new Error('uuids: the profile and its payload need different PayloadUUIDs');
  return { ...base, uuid, payload: { ...base.payload, uuid: payloadUuid } };
}

/**
 * Writes the `.mobileconfig` (UTF-8, LF, no BOM) and checks that it reads back (strict plist
 * reader, `plist-readback.ts`) to exactly the intended identity keys and string values.
 */
export function buildMobileconfig(profile: ResolvedProfile, options: MobileconfigOptions = {}): Buffer {
  const settings = macosSettings(profile);
  const view = viewOf(profile, options, settings);
  const xml = renderTemplate('mobileconfig.hbs', 'mobileconfig', view);
  verifyMobileconfig(xml, view, settings);
  return Buffer.from(xml, 'utf8');
}

function overrideUuid(value: string | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isUuid(value)) throw new Error(`${where}: "${value}" is not a UUID (write 8-4-4-4-12 hex digits, e.g. from uuidgen)`);
  return value.toUpperCase();
}

const isPayloadKey = (k: string): boolean => k.startsWith('Payload');

function verifyMobileconfig(xml: string, view: MobileconfigView, settings: readonly PlistSetting[]): void {
  const what = 'mobileconfig';
  const top = parseOwnPlist(xml, what);
  if (!isPlistDict(top)) throw new ReadBackError(what, 'top level is not a dictionary');
  const expectTop: Record<string, unknown> = {
    PayloadIdentifier: view.identifier,
    PayloadUUID: view.uuid,
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadScope: view.scope,
    PayloadDisplayName: view.displayName,
    PayloadDescription: view.description,
  };
  if (view.organization !== null) expectTop.PayloadOrganization = view.organization;
  for (const [k, v] of Object.entries(expectTop)) if (top[k] !== v) throw new ReadBackError(what, `${k} differs`);
  const content = top.PayloadContent;
  if (!Array.isArray(content) || content.length !== 1 || !isPlistDict(content[0])) throw new ReadBackError(what, 'PayloadContent is not one dictionary');
  const payload = content[0];
  if (payload.PayloadUUID !== view.payload.uuid || payload.PayloadIdentifier !== view.payload.identifier || payload.PayloadType !== view.payload.type) {
    throw new ReadBackError(what, 'payload identity differs');
  }
  if (!view.payload.mcx) {
    assertStringDict(payload, settings, what, isPayloadKey);
    return;
  }
  const byDomain = payload.PayloadContent;
  const domain = isPlistDict(byDomain) ? byDomain[view.payload.domain] : undefined;
  const forced = isPlistDict(domain) ? domain.Forced : undefined;
  if (!Array.isArray(forced) || forced.length !== 1 || !isPlistDict(forced[0])) throw new ReadBackError(what, 'MCX Forced array missing');
  assertStringDict(forced[0].mcx_preference_settings, settings, what);
}

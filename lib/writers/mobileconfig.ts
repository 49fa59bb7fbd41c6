/**
 * The `.mobileconfig` writer: an XML configuration profile that macOS, Jamf, Intune, Kandji,
 * Mosyle and Fleet install as a custom profile, carrying the profile's MDM settings in the domain
 * `com.anthropic.claudefordesktop`, every value a `<string>` in Claude's encoding.
 *
 * Two payload forms: `direct` (PayloadType = the domain, keys beside the Payload* keys; the
 * default) and `mcx` (`com.apple.ManagedClient.preferences` → PayloadContent → domain → Forced →
 * [{ mcx_preference_settings }]). UUIDs are UUIDv5 of the identifier and the SHA-256 of the file
 * itself, written with the nil UUID in both PayloadUUIDs: an unchanged profile keeps its UUIDs, a
 * changed one gets new ones, and anyone can recompute them from the file. The file follows the
 * canonical key order of the resolved profile (lib/profile/canonical.ts), so listing an object's
 * fields in another order changes neither the bytes nor the UUIDs. (Every profile got new UUIDs
 * once when they were first derived from the file rather than from a JSON text of its view.)
 */
import { MACOS_PREFERENCE_DOMAIN } from '../catalog';
import type { ResolvedProfile } from '../profile/types';
import { renderTemplate } from '../render/template';
import { PLIST_ARRAY, PLIST_DICT, PLIST_END_ARRAY, PLIST_END_DICT, PLIST_FALSE, PLIST_INTEGER, PLIST_KEY, PLIST_STRING, PLIST_TRUE, readPlistTokens } from './plist-readback';
import { assertProfileMetadataXml, macosSettings, MCX_PAYLOAD_TYPE, ReadBackError, settingsSummary, uncheckedMacosSettings, type PlistSetting } from './plist-values';
import { isUuid, PROFILE_UUID_NAMESPACE, sha256Hex, uuidV5 } from './uuid';

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
  uuids?: {
    /** The profile's PayloadUUID. */
    profile?: string;
    /** The settings payload's PayloadUUID. */
    payload?: string;
  };
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
  const view = viewOf(profile, options, macosSettings(profile), true);
  // The UUIDs are derived from the rendered file, so the file is rendered to know them.
  renderWithUuids(view, options);
  return view;
}

/** The payload form of `options`, or an Error for one that is neither form. */
function payloadFormOf(options: MobileconfigOptions): PayloadForm {
  const form = options.payloadForm ?? 'direct';
  if (form !== 'direct' && form !== 'mcx') throw new Error(`payloadForm must be "direct" or "mcx", not "${String(form)}"`);
  return form;
}

function assertIdentifier(profile: ResolvedProfile): void {
  if (profile.identifier.trim() === '') throw new Error('identifier: the profile needs a PayloadIdentifier (reverse-DNS, e.g. com.example.claude)');
}

/**
 * The view with {@link UUID_PLACEHOLDER} for both PayloadUUIDs; `checkXml`: check the metadata
 * texts for XML 1.0 here (else the template's escaper does).
 */
function viewOf(profile: ResolvedProfile, options: MobileconfigOptions, settings: readonly PlistSetting[], checkXml: boolean): MobileconfigView {
  const form = payloadFormOf(options);
  assertIdentifier(profile);
  if (checkXml) assertProfileMetadataXml(profile);
  const summary = settingsSummary(settings);
  const description = profile.description ? `${profile.description}\n\n${summary}` : summary;
  const viewSettings: MobileconfigView['settings'] = new Array(settings.length);
  for (let i = 0; i < settings.length; i++) viewSettings[i] = { key: settings[i]!.key, value: settings[i]!.value };
  return {
    identifier: profile.identifier,
    uuid: UUID_PLACEHOLDER,
    displayName: profile.displayName,
    description,
    organization: profile.organization ? profile.organization : null,
    scope: profile.scope === 'user' ? 'User' : 'System',
    removalDisallowed: options.removalDisallowed === undefined ? null : options.removalDisallowed ? 'true' : 'false',
    targetDeviceType: options.targetDeviceType === false ? null : 5,
    payload: {
      identifier: payloadIdentifier(profile),
      uuid: UUID_PLACEHOLDER,
      displayName: PAYLOAD_DISPLAY_NAME,
      description: summary,
      type: form === 'mcx' ? MCX_PAYLOAD_TYPE : MACOS_PREFERENCE_DOMAIN,
      domain: MACOS_PREFERENCE_DOMAIN,
      mcx: form === 'mcx',
    },
    settings: viewSettings,
  };
}

const PAYLOAD_DISPLAY_NAME = `Claude Desktop (${MACOS_PREFERENCE_DOMAIN})`;

/**
 * What both PayloadUUIDs say while the file's digest is taken (the nil UUID, RFC 9562 §5.9):
 * the digest covers every byte of the file except the UUIDs themselves.
 */
export const UUID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

// Where a PayloadUUID's text starts: after its key and the `<string>` that follows. Text from
// the profile cannot hold `<key>` (its `<` is escaped), so only the template's two keys match.
const PAYLOAD_UUID_KEY = '<key>PayloadUUID</key>';
const STRING_OPEN = '<string>';

/**
 * Renders the view and writes the derived (or given) UUIDs into the bytes, in place of the
 * placeholders: UUIDv5 of the identifier (the profile's, or the payload's) and the SHA-256 of
 * the file with both UUIDs still the placeholder. Hashing the bytes the file is made of costs
 * less than serialising the view again for a digest, and anyone can recompute it from the file.
 */
function renderWithUuids(view: MobileconfigView, options: MobileconfigOptions): { bytes: Buffer; ascii: boolean } {
  const xml = renderTemplate('mobileconfig.hbs', 'mobileconfig', view);
  // UTF-8. Text that is all ASCII (its UTF-8 length is its length: any other character takes two
  // bytes or more) has the same bytes in Latin-1, which Node copies instead of encoding.
  const ascii = Buffer.byteLength(xml, 'utf8') === xml.length;
  const bytes = Buffer.from(xml, ascii ? 'latin1' : 'utf8');
  const digest = sha256Hex(bytes);
  const uuid = overrideUuid(options.uuids?.profile, 'uuids.profile') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${view.identifier}\n${digest}`);
  const payloadUuid = overrideUuid(options.uuids?.payload, 'uuids.payload') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${view.payload.identifier}\n${digest}`);
  if (uuid === payloadUuid) throw new Error('uuids: the profile and its payload need different PayloadUUIDs');
  // The payload's keys come first in the file (inside PayloadContent), the profile's after them.
  const payloadAt = uuidOffset(bytes, 0);
  const profileAt = uuidOffset(bytes, payloadAt);
  bytes.write(payloadUuid, payloadAt, 'latin1');
  bytes.write(uuid, profileAt, 'latin1');
  view.uuid = uuid;
  view.payload.uuid = payloadUuid;
  return { bytes, ascii };
}

/** The byte offset of the first placeholder UUID's text after `from`; throws if the template has none there. */
function uuidOffset(bytes: Buffer, from: number): number {
  const key = bytes.indexOf(PAYLOAD_UUID_KEY, from, 'latin1');
  const at = key < 0 ? -1 : bytes.indexOf(STRING_OPEN, key + PAYLOAD_UUID_KEY.length, 'latin1') + STRING_OPEN.length;
  if (key < 0 || bytes.toString('latin1', at, at + UUID_PLACEHOLDER.length) !== UUID_PLACEHOLDER) {
    throw new ReadBackError('mobileconfig', 'the template wrote no PayloadUUID where one was expected');
  }
  return at;
}

/**
 * Writes the `.mobileconfig` (UTF-8, LF, no BOM) and checks that it reads back (strict plist
 * reader, `plist-readback.ts`) to exactly the intended identity keys and string values.
 */
export function buildMobileconfig(profile: ResolvedProfile, options: MobileconfigOptions = {}): Buffer {
  let view: MobileconfigView;
  let rendered: { bytes: Buffer; ascii: boolean };
  try {
    // Every text goes through the template's xmlText, which refuses what XML 1.0 cannot hold: the
    // values and metadata are not scanned for it beforehand as well.
    view = viewOf(profile, options, uncheckedMacosSettings(profile), false);
    rendered = renderWithUuids(view, options);
  } catch (e) {
    // Whatever failed, the checks run now in their usual order, so the error is the one they
    // would have thrown first: a value's character (naming the key), the payload form, the
    // identifier, a metadata character (naming the field); only then this one.
    macosSettings(profile);
    payloadFormOf(options);
    assertIdentifier(profile);
    assertProfileMetadataXml(profile);
    throw e;
  }
  const { bytes, ascii } = rendered;
  // The check reads the bytes written, decoded again (a flat string, which the reader also scans
  // faster than the template's concatenation); ASCII bytes read the same as Latin-1.
  verifyMobileconfig(bytes.toString(ascii ? 'latin1' : 'utf8'), view);
  return bytes;
}

function overrideUuid(value: string | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isUuid(value)) throw new Error(`${where}: "${value}" is not a UUID (write 8-4-4-4-12 hex digits, e.g. from uuidgen)`);
  return value.toUpperCase();
}

/**
 * Reads the written XML back with the strict plist reader (`plist-readback.ts`, token by token)
 * and compares it with the document the view model describes: every key in order, every
 * identity key (PayloadIdentifier, PayloadUUID, PayloadType… of the profile and the payload) and
 * every setting as a `<string>` holding exactly Claude's encoding, nothing more. Names the key
 * on a mismatch, never a value (it may be a secret).
 * @internal exported for the tests that feed it altered documents.
 */
export function verifyMobileconfig(xml: string, view: MobileconfigView): void {
  const what = 'mobileconfig';
  const want = expectedTokens(view);
  const kinds = want.kinds;
  const values = want.values;
  let i = 0;
  let lastKey = '(none)';
  try {
    readPlistTokens(xml, (kind, value) => {
      if (kind !== kinds[i] || value !== values[i]) throw new ReadBackError(what, mismatch(kinds, values, i, kind, lastKey));
      if (kind === PLIST_KEY) lastKey = value as string;
      i++;
    });
  } catch (e) {
    if (e instanceof ReadBackError) throw e;
    throw new ReadBackError(what, `plist reader: ${(e as Error).message}`);
  }
  if (i !== kinds.length) throw new ReadBackError(what, `the document ends early (after key ${lastKey})`);
}

/**
 * What differs at token `i` (the file's is of kind `kind`), in words naming expected keys only
 * (`lastKey` is the last key that matched): never a value, nor a key read from the file.
 */
function mismatch(kinds: readonly number[], values: readonly unknown[], i: number, kind: number, lastKey: string): string {
  if (i >= kinds.length) return `text after the end of the top-level dictionary (after key ${lastKey})`;
  if (kinds[i] === PLIST_KEY) return `key ${String(values[i])} expected after ${lastKey}`;
  if (kind === PLIST_KEY) return `an unexpected key after ${lastKey}`;
  return `the value of ${lastKey} differs`;
}

/** The tokens the file must read back as, in order (see {@link verifyMobileconfig}). */
export function expectedTokens(view: MobileconfigView): { kinds: number[]; values: (string | number | boolean | undefined)[] } {
  const kinds: number[] = [];
  const values: (string | number | boolean | undefined)[] = [];
  const open = (kind: number): void => {
    kinds.push(kind);
    values.push(undefined);
  };
  const entry = (key: string, kind: number, value: string | number | boolean): void => {
    kinds.push(PLIST_KEY, kind);
    values.push(key, value);
  };
  const settings = (): void => {
    for (const s of view.settings) entry(s.key, PLIST_STRING, s.value);
  };
  const p = view.payload;
  open(PLIST_DICT);
  kinds.push(PLIST_KEY);
  values.push('PayloadContent');
  open(PLIST_ARRAY);
  open(PLIST_DICT);
  if (p.mcx) {
    kinds.push(PLIST_KEY);
    values.push('PayloadContent');
    open(PLIST_DICT);
    kinds.push(PLIST_KEY);
    values.push(p.domain);
    open(PLIST_DICT);
    kinds.push(PLIST_KEY);
    values.push('Forced');
    open(PLIST_ARRAY);
    open(PLIST_DICT);
    kinds.push(PLIST_KEY);
    values.push('mcx_preference_settings');
    open(PLIST_DICT);
    settings();
    open(PLIST_END_DICT);
    open(PLIST_END_DICT);
    open(PLIST_END_ARRAY);
    open(PLIST_END_DICT);
    open(PLIST_END_DICT);
  }
  entry('PayloadDescription', PLIST_STRING, p.description);
  entry('PayloadDisplayName', PLIST_STRING, p.displayName);
  entry('PayloadIdentifier', PLIST_STRING, p.identifier);
  entry('PayloadType', PLIST_STRING, p.type);
  entry('PayloadUUID', PLIST_STRING, p.uuid);
  entry('PayloadVersion', PLIST_INTEGER, 1);
  if (!p.mcx) settings();
  open(PLIST_END_DICT);
  open(PLIST_END_ARRAY);
  entry('PayloadDescription', PLIST_STRING, view.description);
  entry('PayloadDisplayName', PLIST_STRING, view.displayName);
  entry('PayloadIdentifier', PLIST_STRING, view.identifier);
  if (view.organization !== null) entry('PayloadOrganization', PLIST_STRING, view.organization);
  if (view.removalDisallowed !== null) entry('PayloadRemovalDisallowed', view.removalDisallowed === 'true' ? PLIST_TRUE : PLIST_FALSE, view.removalDisallowed === 'true');
  entry('PayloadScope', PLIST_STRING, view.scope);
  entry('PayloadType', PLIST_STRING, 'Configuration');
  entry('PayloadUUID', PLIST_STRING, view.uuid);
  entry('PayloadVersion', PLIST_INTEGER, 1);
  if (view.targetDeviceType !== null) entry('TargetDeviceType', PLIST_INTEGER, view.targetDeviceType);
  open(PLIST_END_DICT);
  return { kinds, values };
}

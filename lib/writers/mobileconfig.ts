/**
 * The `.mobileconfig` writer: an XML configuration profile that macOS, Jamf, Intune, Kandji,
 * Mosyle and Fleet install as a custom profile, carrying the profile's MDM settings in the domain
 * `com.anthropic.claudefordesktop`, every value a `<string>` in Claude's encoding.
 *
 * Two payload forms: `direct` (PayloadType = the domain, keys beside the Payload* keys; the
 * default) and `mcx` (`com.apple.ManagedClient.preferences` → PayloadContent → domain → Forced →
 * [{ mcx_preference_settings }]). UUIDs are UUIDv5 of identifier + content digest, so an unchanged
 * profile keeps its UUIDs and a changed one gets new ones. The digest covers the encoded values,
 * which follow the canonical key order of the resolved profile (lib/profile/canonical.ts): listing
 * an object's fields in another order changes neither the bytes nor the UUIDs. (When that order
 * was introduced, profiles whose JSON values had listed fields in another order got new UUIDs once.)
 */
import { CATALOG, MACOS_PREFERENCE_DOMAIN } from '../catalog';
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
  return viewOf(profile, options, macosSettings(profile), true);
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

/** The view; `checkXml`: check the metadata texts for XML 1.0 here (else the template's escaper does). */
function viewOf(profile: ResolvedProfile, options: MobileconfigOptions, settings: readonly PlistSetting[], checkXml: boolean): MobileconfigView {
  const form = payloadFormOf(options);
  assertIdentifier(profile);
  if (checkXml) assertProfileMetadataXml(profile);
  const summary = settingsSummary(settings);
  const description = profile.description ? `${profile.description}\n\n${summary}` : summary;
  const viewSettings: MobileconfigView['settings'] = new Array(settings.length);
  for (let i = 0; i < settings.length; i++) viewSettings[i] = { key: settings[i]!.key, value: settings[i]!.value };
  // Built without the UUIDs, which are added last (as the properties' last keys, where they have
  // always been): the digest covers everything the file says except the UUIDs themselves.
  const payload: UuidlessView['payload'] & { uuid?: string } = {
    identifier: payloadIdentifier(profile),
    displayName: PAYLOAD_DISPLAY_NAME,
    description: summary,
    type: form === 'mcx' ? MCX_PAYLOAD_TYPE : MACOS_PREFERENCE_DOMAIN,
    domain: MACOS_PREFERENCE_DOMAIN,
    mcx: form === 'mcx',
  };
  const view: UuidlessView & { uuid?: string; payload: typeof payload } = {
    identifier: profile.identifier,
    displayName: profile.displayName,
    description,
    organization: profile.organization ? profile.organization : null,
    scope: profile.scope === 'user' ? 'User' : 'System',
    removalDisallowed: options.removalDisallowed === undefined ? null : options.removalDisallowed ? 'true' : 'false',
    targetDeviceType: options.targetDeviceType === false ? null : 5,
    payload,
    settings: viewSettings,
  };
  const digest = sha256Hex(viewJson(view, true));
  const uuid = overrideUuid(options.uuids?.profile, 'uuids.profile') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${view.identifier}\n${digest}`);
  const payloadUuid = overrideUuid(options.uuids?.payload, 'uuids.payload') ?? uuidV5(PROFILE_UUID_NAMESPACE, `${payload.identifier}\n${digest}`);
  if (uuid === payloadUuid) throw new Error('uuids: the profile and its payload need different PayloadUUIDs');
  view.uuid = uuid;
  payload.uuid = payloadUuid;
  return view as MobileconfigView;
}

const PAYLOAD_DISPLAY_NAME = `Claude Desktop (${MACOS_PREFERENCE_DOMAIN})`;

/** The view model before its UUIDs are set: what the UUIDs' digest covers. */
export type UuidlessView = Omit<MobileconfigView, 'uuid' | 'payload'> & { payload: Omit<MobileconfigView['payload'], 'uuid'> };

/**
 * The text the UUIDs' digest is taken of: `JSON.stringify` of the view model without its UUIDs,
 * keys in this order (never change it: every profile would get new UUIDs). Written out here
 * rather than by JSON.stringify, which spent more on the view's dozen small objects than on
 * their text; a test compares the two on every fixture and option and on generated strings.
 * `catalogueKeys`: the setting keys are catalogue names (as in every view this writer builds).
 * @internal exported for that test.
 */
export function viewJson(view: UuidlessView, catalogueKeys = false): string {
  const p = view.payload;
  // The settings summary is the payload's description and the end of the profile's: escaped once.
  const summary = jsonString(p.description);
  let out =
    `{"identifier":${jsonString(view.identifier)},"displayName":${jsonString(view.displayName)},"description":${descriptionJson(view.description, p.description, summary)},` +
    `"organization":${view.organization === null ? 'null' : jsonString(view.organization)},"scope":${constantJson(view.scope)},` +
    `"removalDisallowed":${view.removalDisallowed === null ? 'null' : constantJson(view.removalDisallowed)},` +
    `"targetDeviceType":${view.targetDeviceType === null ? 'null' : JSON.stringify(view.targetDeviceType)},` +
    `"payload":{"identifier":${jsonString(p.identifier)},"displayName":${constantJson(p.displayName)},"description":${summary},` +
    `"type":${constantJson(p.type)},"domain":${constantJson(p.domain)},"mcx":${p.mcx ? 'true' : 'false'}},"settings":[`;
  const settings = view.settings;
  // Setting keys the caller took from the catalogue are names JSON never escapes (checked below).
  const plainKeys = catalogueKeys && CATALOG_NAMES_JSON_PLAIN;
  for (let i = 0; i < settings.length; i++) {
    const s = settings[i]!;
    out += `${i === 0 ? '' : ','}{"key":${plainKeys ? `"${s.key}"` : constantJson(s.key)},"value":${jsonString(s.value)}}`;
  }
  return `${out}]}`;
}

// The JSON of the texts a view takes from constants: catalogue key names, the payload's display
// name, type and domain, the scope and removal words. Made once per process.
const CONSTANT_JSON = new Map<string, string>(
  [...CATALOG.map((def) => def.name), PAYLOAD_DISPLAY_NAME, MCX_PAYLOAD_TYPE, MACOS_PREFERENCE_DOMAIN, 'System', 'User', 'true', 'false'].map((text) => [text, JSON.stringify(text)]),
);

/** {@link jsonString} of a text that is usually one of the constants above. */
function constantJson(text: string): string {
  return CONSTANT_JSON.get(text) ?? jsonString(text);
}

/**
 * JSON.stringify of `description` given `summaryJson`, the JSON of `summary`: when the
 * description is some text, a blank line and the summary, the summary's JSON is reused. JSON
 * escapes each UTF-16 unit alone except surrogate pairs, and a line feed is no surrogate, so the
 * pieces' JSON joined is the whole's.
 */
function descriptionJson(description: string, summary: string, summaryJson: string): string {
  if (description === summary) return summaryJson;
  const head = description.length - summary.length - 2;
  if (head >= 0 && description.charCodeAt(head) === 0x0a && description.charCodeAt(head + 1) === 0x0a && description.slice(head + 2) === summary) {
    const headJson = jsonString(description.slice(0, head));
    return `${headJson.slice(0, -1)}\\n\\n${summaryJson.slice(1)}`;
  }
  return jsonString(description);
}

// What JSON.stringify escapes: `"`, `\\`, C0 controls, surrogates (it escapes lone ones; pairs go to JSON.stringify too).
const JSON_ESCAPED = /["\\\u0000-\u001F\uD800-\uDFFF]/;

// Every catalogue key name is JSON-stringified as itself in quotes (letters and digits): checked once per process.
const CATALOG_NAMES_JSON_PLAIN = CATALOG.every((def) => !JSON_ESCAPED.test(def.name));

/**
 * JSON.stringify of a string: text without a character JSON escapes is quoted as it is (a
 * pattern finds those faster than JSON.stringify copies character by character); the rest goes
 * to JSON.stringify.
 */
function jsonString(text: string): string {
  return JSON_ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Writes the `.mobileconfig` (UTF-8, LF, no BOM) and checks that it reads back (strict plist
 * reader, `plist-readback.ts`) to exactly the intended identity keys and string values.
 */
export function buildMobileconfig(profile: ResolvedProfile, options: MobileconfigOptions = {}): Buffer {
  let view: MobileconfigView;
  let xml: string;
  try {
    // Every text goes through the template's xmlText, which refuses what XML 1.0 cannot hold: the
    // values and metadata are not scanned for it beforehand as well.
    view = viewOf(profile, options, uncheckedMacosSettings(profile), false);
    xml = renderTemplate('mobileconfig.hbs', 'mobileconfig', view);
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
  // UTF-8. Text that is all ASCII (its UTF-8 length is its length: any other character takes two
  // bytes or more) has the same bytes in Latin-1, which Node copies instead of encoding.
  const ascii = Buffer.byteLength(xml, 'utf8') === xml.length;
  const bytes = Buffer.from(xml, ascii ? 'latin1' : 'utf8');
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

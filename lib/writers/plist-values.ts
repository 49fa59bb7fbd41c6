/**
 * What every macOS writer shares: the profile's MDM settings in Claude's string form (catalogue
 * order, XML-checked with the key named in errors), the plist header, a description of what a
 * profile sets (key names only), and the read-back check each writer runs on its own output.
 */
import { CATALOG, isMdmKey, MACOS_PREFERENCE_DOMAIN, type KeyDef } from '../catalog';
import { encodeSettings } from '../encode';
import { memoized } from '../encode/memo';
import { assertXmlChars, isXmlSafe } from '../escape/xml';
import type { ResolvedProfile } from '../profile/types';
import { readPlist, type PlistValue } from './plist-readback';

/** The XML declaration and Apple DOCTYPE every plist we write starts with (UTF-8, LF). */
export const PLIST_PROLOG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

/** PayloadType of the ManagedClient preferences (MCX) wrapper. */
export const MCX_PAYLOAD_TYPE = 'com.apple.ManagedClient.preferences';

/** IANA-style media types of the macOS artifacts. */
export const MEDIA_TYPES = {
  mobileconfig: 'application/x-apple-aspen-config',
  plist: 'application/x-plist',
  xml: 'application/xml',
  json: 'application/json',
} as const;

/** One Claude value as a macOS store holds it: always a string. */
export interface PlistSetting {
  /** The catalogue key name. */
  readonly key: string;
  /** Claude's string encoding of the value (see `lib/encode`). */
  readonly value: string;
  /** The value is (or holds) a credential: never print it. */
  readonly secret: boolean;
  readonly def: KeyDef;
}

/** Thrown when a writer's own output does not read back as intended (a bug, never bad input). */
export class ReadBackError extends Error {
  constructor(artifact: string, detail: string) {
    super(`${artifact}: the written file does not read back as built (${detail}); this is a bug in claude-gateway-profile`);
    this.name = 'ReadBackError';
  }
}

/**
 * The profile's MDM-deliverable settings in catalogue order, each encoded as Claude's string.
 * Bootstrap-only keys are left out (a plist cannot deliver them). Throws `XmlCharacterError`
 * naming the key when a value holds a character XML 1.0 cannot carry.
 */
export function macosSettings(profile: ResolvedProfile): PlistSetting[] {
  return memoized(profile, 'macosSettings', () => computeMacosSettings(profile, true)).slice();
}

/**
 * {@link macosSettings} without the XML 1.0 checks, for a writer whose template escapes every
 * text with `xmlText` (which refuses the same characters, but cannot name the key): when the
 * writer fails it calls {@link macosSettings}, which throws the error naming the key.
 */
export function uncheckedMacosSettings(profile: ResolvedProfile): PlistSetting[] {
  return memoized(profile, 'macosSettings:unchecked', () => computeMacosSettings(profile, false)).slice();
}

// Every catalogue key name is XML-safe (ASCII letters and digits): checked once per process.
const CATALOG_NAMES_XML_SAFE = CATALOG.every((def) => isXmlSafe(def.name));

function computeMacosSettings(profile: ResolvedProfile, check: boolean): PlistSetting[] {
  // Profiles name few secret sources: a scan of them beats a Set until there are many.
  const secrets = profile.secrets;
  const secretKeys = secrets.length > 8 ? new Set<string>(secrets.map((s) => s.key)) : undefined;
  const encoded = encodeSettings(profile.settings, isMdmKey);
  const out: PlistSetting[] = new Array(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const e = encoded[i]!;
    const def = e.def;
    // Key names come from the catalogue (checked once above); booleans and numbers encode as
    // ASCII letters and digits. Only text can hold a character XML cannot.
    if (check) {
      if (!CATALOG_NAMES_XML_SAFE) assertXmlChars(e.key, e.key);
      if (def.type !== 'boolean' && def.type !== 'integer' && def.type !== 'number') assertXmlChars(e.value, e.key);
    }
    let secret = def.secret;
    if (secretKeys) secret ||= secretKeys.has(e.key);
    else for (let j = 0; !secret && j < secrets.length; j++) secret = secrets[j]!.key === e.key;
    out[i] = { key: e.key, value: e.value, secret, def };
  }
  return out;
}

/**
 * Checks the profile's metadata texts for XML 1.0, naming the field in the error
 * (`displayName`, `organization`, …).
 */
export function assertProfileMetadataXml(profile: ResolvedProfile): void {
  assertXmlChars(profile.identifier, 'identifier');
  assertXmlChars(profile.displayName, 'displayName');
  if (profile.organization !== undefined) assertXmlChars(profile.organization, 'organization');
  if (profile.description !== undefined) assertXmlChars(profile.description, 'description');
}

/**
 * A sentence listing what a profile sets, by key name only (never a value), and which keys hold
 * credentials. Used for PayloadDescription and Graph descriptions.
 */
export function settingsSummary(settings: readonly PlistSetting[]): string {
  if (settings.length === 0) return `Sets no Claude Desktop settings in ${MACOS_PREFERENCE_DOMAIN}.`;
  let keys = '';
  let secrets = '';
  for (let i = 0; i < settings.length; i++) {
    const s = settings[i]!;
    keys += i === 0 ? s.key : `, ${s.key}`;
    if (s.secret) secrets += secrets === '' ? s.key : `, ${s.key}`;
  }
  let text = `Sets ${settings.length} Claude Desktop setting${settings.length === 1 ? '' : 's'} in ${MACOS_PREFERENCE_DOMAIN}: ${keys}.`;
  if (secrets !== '') text += ` Holds credentials in ${secrets}: keep this file private.`;
  return text;
}

/** A parsed plist value (see `plist-readback.ts`). */
export type ParsedPlist = PlistValue;

/** Parses our own XML plist output with the strict read-back reader, for self-checks. */
export function parseOwnPlist(xml: string, artifact: string): ParsedPlist {
  try {
    return readPlist(xml);
  } catch (e) {
    throw new ReadBackError(artifact, `plist reader: ${(e as Error).message}`);
  }
}

/** Whether a parsed plist value is a dictionary. */
export function isPlistDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

/**
 * Checks that `dict` holds exactly `expected` as strings (ignoring keys `ignore` accepts, such as
 * Payload* keys). Names the key on mismatch, never the value (it may be a secret).
 */
export function assertStringDict(dict: unknown, expected: readonly PlistSetting[], artifact: string, ignore: (key: string) => boolean = () => false): void {
  if (!isPlistDict(dict)) throw new ReadBackError(artifact, 'settings are not a dictionary');
  const want = new Map(expected.map((s) => [s.key, s.value]));
  for (const [key, value] of Object.entries(dict)) {
    if (ignore(key)) continue;
    if (!want.has(key)) throw new ReadBackError(artifact, `unexpected key ${key}`);
    if (typeof value !== 'string') throw new ReadBackError(artifact, `${key} is not a string`);
    if (value !== want.get(key)) throw new ReadBackError(artifact, `${key} reads back different`);
    want.delete(key);
  }
  if (want.size > 0) throw new ReadBackError(artifact, `missing ${[...want.keys()].join(', ')}`);
}

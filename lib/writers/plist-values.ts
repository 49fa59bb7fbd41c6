/**
 * What every macOS writer shares: the profile's MDM settings in Claude's string form (catalogue
 * order, XML-checked with the key named in errors), the plist header, a description of what a
 * profile sets (key names only), and the read-back check each writer runs on its own output.
 */
import { isMdmKey, MACOS_PREFERENCE_DOMAIN, type KeyDef } from '../catalog';
import { encodeSettings } from '../encode';
import { memoized } from '../encode/memo';
import { assertXmlChars } from '../escape/xml';
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
  return memoized(profile, 'macosSettings', () => computeMacosSettings(profile)).slice();
}

function computeMacosSettings(profile: ResolvedProfile): PlistSetting[] {
  const secretKeys = new Set<string>(profile.secrets.map((s) => s.key));
  return encodeSettings(profile.settings, isMdmKey).map((e) => {
    assertXmlChars(e.key, e.key);
    assertXmlChars(e.value, e.key);
    return { key: e.key, value: e.value, secret: e.def.secret || secretKeys.has(e.key), def: e.def };
  });
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
  let text = `Sets ${settings.length} Claude Desktop setting${settings.length === 1 ? '' : 's'} in ${MACOS_PREFERENCE_DOMAIN}: ${settings.map((s) => s.key).join(', ')}.`;
  const secrets = settings.filter((s) => s.secret).map((s) => s.key);
  if (secrets.length > 0) text += ` Holds credentials in ${secrets.join(', ')}: keep this file private.`;
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

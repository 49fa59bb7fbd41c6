/**
 * What every artifact reader returns: the raw entries found in the file with where they were,
 * so that `check` can lint them and `import` can turn them back into a profile.
 */
import { findKey, findLegacyName } from '../catalog';
import { decodeValue, type JsonValue } from '../encode';
import type { ProfileScope } from '../profile/types';
import { finding, someOf, type Finding } from '../validate/findings';
import { clipName } from '../escape/clip';

/** The kinds of artifact the readers recognise. */
export type ArtifactKind = 'mobileconfig' | 'signed-mobileconfig' | 'plist' | 'preference-fragment' | 'reg' | 'admx' | 'adml' | 'profile-json' | 'config-library-json' | 'managed-settings-json' | 'jamf-schema';

/** One Claude value as found in a file, before decoding. */
export interface ReadEntry {
  /** The key name as written in the file (may be unknown or a legacy name). */
  readonly key: string;
  /**
   * The value as found: a string when the file stores a string (what Claude expects), otherwise
   * the native value (plist `<true/>`, `<integer>`, `<array>`, `<dict>`; a REG_DWORD number).
   */
  readonly raw: unknown;
  /** How the file typed the value: `string`, `boolean`, `integer`, `real`, `array`, `dict`, `date`, `data`, or a registry type (`REG_SZ`, `REG_DWORD`, …). */
  readonly storedAs: string;
  /** Where in the file, as findings show it (a key name in it clipped): `PayloadContent[0].<key>`, `line 7`, … */
  readonly location: string;
  /** The scope the value was found under, for files that say it per value (`.reg` hives, Intune ./Device and ./User rows). */
  readonly scope?: ProfileScope;
}

/** The result of reading one artifact. */
export interface ReadResult {
  /** The kind of artifact the reader read. */
  readonly kind: ArtifactKind;
  /** machine/user when the file says (PayloadScope, HKLM/HKCU). */
  readonly scope?: ProfileScope;
  /** Profile metadata the file carries (PayloadIdentifier and the like). */
  readonly metadata: {
    /** PayloadIdentifier (or the file's equivalent). */
    identifier?: string;
    /** PayloadDisplayName. */
    displayName?: string;
    /** PayloadOrganization. */
    organization?: string;
    /** PayloadDescription. */
    description?: string;
    /** Every PayloadUUID, the profile's first. */
    uuids?: string[];
  };
  /** The Claude values found, undecoded, in file order; a key set more than once gets a finding (JSON readers keep only its last value). */
  readonly entries: readonly ReadEntry[];
  /** Problems met while reading (structure, encoding), not lint of the values. */
  readonly findings: readonly Finding[];
  /**
   * Values the app does not apply: on Windows HKLM and HKCU (Intune ./Device and ./User) are not
   * merged, and user policy is ignored entirely when machine policy exists (reference §0). Such a
   * file's `entries` are the machine values (what the app applies); the user values are here.
   */
  readonly ignored?: IgnoredEntries;
}

/** User-scope values a file also sets, which the app ignores because machine policy exists. */
export interface IgnoredEntries {
  /** The scope of the ignored values (always `user`: machine policy wins). */
  readonly scope: ProfileScope;
  /** The ignored values, undecoded, in file order. */
  readonly entries: readonly ReadEntry[];
}

/**
 * Splits one file's values by scope as Windows applies them: when any machine value is present,
 * only the machine values apply and the user values are ignored; otherwise every value applies.
 * `present` says which machine values count as "machine policy present" (all, by default).
 */
export function splitByScope(tagged: readonly { entry: ReadEntry; scope: ProfileScope }[], present: (e: ReadEntry) => boolean = () => true): { entries: ReadEntry[]; ignored?: IgnoredEntries } {
  const machine = tagged.filter((t) => t.scope === 'machine');
  const user = tagged.filter((t) => t.scope === 'user');
  if (user.length === 0 || !machine.some((t) => present(t.entry))) return { entries: tagged.map((t) => t.entry) };
  return { entries: machine.map((t) => t.entry), ignored: { scope: 'user', entries: user.map((t) => t.entry) } };
}

/**
 * The catalogue key a name read from a file stands for (its current name, also for a retired
 * one), for a finding's `key`: never the file's own text, which can be anything and any length.
 */
export function catalogueName(name: string): string | undefined {
  return findKey(name)?.name ?? findLegacyName(name)?.key.name;
}

/** Names the ignored values by key and place (never by value), for messages: `inferenceProvider (line 11), …`. */
export function describeIgnored(ignored: IgnoredEntries, max = 6): string {
  return someOf(ignored.entries.map((e) => `${clipName(e.key)} (${e.location})`), max);
}

/**
 * Decodes read entries into native settings by each key's catalogue type. Values that do not
 * decode, unknown keys and non-string storage are reported; unknown keys are kept as found.
 */
export function entriesToSettings(entries: readonly ReadEntry[]): { settings: Record<string, JsonValue>; findings: Finding[] } {
  const settings: Record<string, JsonValue> = {};
  const findings: Finding[] = [];
  for (const e of entries) {
    const def = findKey(e.key) ?? findLegacyName(e.key)?.key;
    if (!def) {
      settings[e.key] = e.raw as JsonValue;
      continue;
    }
    if (typeof e.raw !== 'string') {
      // Native storage: keep the native value so the caller can still see and migrate it.
      settings[e.key] = e.raw as JsonValue;
      continue;
    }
    const decoded = decodeValue(def.type, e.raw);
    if (decoded.ok) settings[e.key] = decoded.value;
    else {
      findings.push(finding('undecodable-value', 'error', e.location, `${e.key} ${decoded.problem}`, decoded.hint, def.name));
      settings[e.key] = e.raw;
    }
  }
  return { settings, findings };
}

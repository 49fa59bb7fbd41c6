/**
 * Types of the key catalogue: the one description of every Claude Desktop managed key.
 * The catalogue data (`sections/*.ts`) is checked against these types with `satisfies`, and the
 * TypeScript types of a profile's settings are derived from that data (see `settings-types.ts`).
 */
import type { SectionId } from './sections';

/** Inference backends Claude Desktop knows in third-party mode. */
export const PROVIDERS = ['gateway', 'anthropic', 'bedrock', 'mantle', 'vertex', 'foundry'] as const;
/** One inference backend. */
export type Provider = (typeof PROVIDERS)[number];

/** Where a key may be set: by MDM (or the local config library), by a bootstrap response, or both. */
export type Availability = 'mdm' | 'bootstrap' | 'both';

/** The value types of the catalogue, as the reference names them. */
export type ValueType = 'string' | 'boolean' | 'integer' | 'number' | 'stringList' | 'object' | 'objectList';

/**
 * Named string formats. Each has one checker in `lib/validate/formats.ts` and one JSON Schema
 * rendering in `lib/catalog/json-schema.ts`.
 */
export type StringFormat =
  | 'https-url' // absolute https URL, no credentials in it
  | 'gateway-url' // https-url, or http:// to a loopback address (a proxy on the device itself)
  | 'https-origin' // https scheme + host (+ port) only
  | 'proxy-url' // http or https proxy URL
  | 'absolute-path' // POSIX or Windows absolute path
  | 'uuid' // 8-4-4-4-12 hex
  | 'hex-color' // #RRGGBB
  | 'host-pattern' // exact host, *.domain or *
  | 'header-name'; // RFC 9110 token

/**
 * The shape of one value: a whole key's value, an object field, a list item or a map value.
 * Object values either have named `fields` or are maps whose values follow `values`.
 */
export interface ValueSpec {
  /** The value's type in the profile (native JSON); in the OS stores every type is a string. */
  readonly type: ValueType;
  /** Allowed strings (for `string`) or allowed items (for `stringList`). */
  readonly enum?: readonly string[];
  /** Values the app is known to accept; others get a warning, not an error (lists that grow). */
  readonly knownValues?: readonly string[];
  /** A named format for the string (or for each item of a `stringList`). */
  readonly format?: StringFormat;
  /** A regular expression (ECMAScript, unanchored unless it anchors itself). */
  readonly pattern?: string;
  /** What the pattern means, for error messages. */
  readonly patternHint?: string;
  /** A valid example value (for patterned strings, where no generic example fits). */
  readonly example?: string;
  /** Fewest characters (UTF-16 units) a `string` may have. */
  readonly minLength?: number;
  /** Most characters (UTF-16 units) a `string` may have. */
  readonly maxLength?: number;
  /** Inclusive lower bound for `integer` and `number`. */
  readonly minimum?: number;
  /** Inclusive upper bound for `integer` and `number`. */
  readonly maximum?: number;
  /** Named fields of an `object`, or of each item of an `objectList`. */
  readonly fields?: { readonly [field: string]: FieldSpec };
  /** For an `object` used as a map (header name → value and the like): the spec of each value. */
  readonly values?: ValueSpec;
  /** For a map: the format its keys must have. */
  readonly keyFormat?: StringFormat;
  /**
   * For a map: the order of its keys may decide which entry applies (tool names and `*`-globs;
   * the reference does not say how the app picks among overlapping ones), so it is kept as the
   * profile writes it instead of being sorted into the canonical order (lib/profile/canonical.ts).
   */
  readonly keyOrderMatters?: boolean;
  /** For an `objectList`: entries may also be plain strings (e.g. a bare model id). */
  readonly itemsMayBeString?: boolean;
  /** For an `object` field: the literal `true` is also accepted (e.g. `oauth: true`). */
  readonly allowTrue?: boolean;
  /** For an `objectList`: the field that must be unique across entries. */
  readonly uniqueBy?: string;
  /** Holds (or may hold) a credential: masked in logs and summaries; may be given as `{ "env": "NAME" }`. */
  readonly secret?: boolean;
}

/** A field of an object-typed value. */
export interface FieldSpec extends ValueSpec {
  /** What the field means, one line. */
  readonly description: string;
  /** The object is invalid without this field. */
  readonly required?: boolean;
  /** The app's value when the field is left out. */
  readonly default?: string | number | boolean;
}

/**
 * A first-version marker. `1.10628` = first honoured in that build (changelog);
 * `<=1.5354.0` = already present in that build, first build unknown;
 * `>1.5354.0` = added after that build, exact build not documented.
 */
export type SinceMarker = `${'' | '<=' | '>'}${number}.${number}${'' | `.${number}`}`;

/**
 * A cut-off instant: ISO 8601 date-time in UTC to the second (`2026-10-07T19:00:00Z`). Typed so
 * that a date without a time, a space instead of `T` or a missing `Z` does not compile; the parts
 * are only `number`s to the compiler, so tests/catalog/cutoffs.test.ts checks that each cut-off
 * parses and is in this canonical form (month 13 parses to NaN, and `now >= NaN` never turns the
 * deprecation warning into an error).
 */
export type IsoDateTime = `${number}-${number}-${number}T${number}:${number}:${number}Z`;

/** An old key name the app read until a cut-off date. */
export interface LegacyName {
  /** The old key name, as admins may still have it deployed. */
  readonly name: string;
  /** ISO date-time after which the app no longer reads the old name. */
  readonly cutoff?: IsoDateTime;
}

/** Deprecated value shapes, each with one migration in `lib/migrate/`. */
export type DeprecatedShape =
  | 'header-list' // ["Name: value", …]
  | 'header-string' // "Name=value,Name2=value2"
  | 'path-list' // ["~/Documents", …] instead of [{ "path": … }]
  | 'plugin-record' // { "mcpServers": { name: { toolPolicy } } }
  | 'mcp-legacy-fields'; // scopes, transport "builtin", source, authorityHost, oauth.scopes

/** A deprecated value of a string key, with what replaces it. */
export interface DeprecatedValue {
  /** The retired value. */
  readonly value: string;
  /** What to write instead, in words an admin can act on. */
  readonly replacement: string;
  /** ISO date-time after which the app no longer honours it (a warning before, an error after). */
  readonly cutoff?: IsoDateTime;
  /** Settings that replace it (key → value); `null` = remove the key. */
  readonly migrateTo?: { readonly [key: string]: string | null };
}

/** A permission-value rename inside structured values (e.g. `ask-session` → `ask`). */
export interface DeprecatedEnumValue {
  /** The retired value. */
  readonly value: string;
  /** The value that replaces it (migrated automatically). */
  readonly replacement: string;
  /** ISO date-time after which the app no longer honours it (a warning before, an error after). */
  readonly cutoff?: IsoDateTime;
}

/** Sections of Claude Desktop's configuration window; categories in ADMX, groups in docs. */
export interface SectionDef {
  /** Stable identifier (`KeyDef.section` refers to it; ADMX category names derive from it). */
  readonly id: string;
  /** The section's title as the app shows it. */
  readonly title: string;
  /** What the section's keys control, one line. */
  readonly description: string;
}

/** One Claude Desktop managed key. */
export interface KeyDef extends ValueSpec {
  /** The key's name in every OS store (plist key, registry value name, JSON property). */
  readonly name: string;
  /** The {@link SectionDef.id} of the section it belongs to (typed, so a misspelt section does not compile). */
  readonly section: SectionId;
  /** Providers the key applies to, or `all`. */
  readonly providers: readonly Provider[] | 'all';
  /** Who may set it: MDM (and the local config library), a bootstrap response, or both. */
  readonly availability: Availability;
  /** One line in our words. */
  readonly description: string;
  /** The app's default when the key is unset, in native JSON form. */
  readonly default?: string | number | boolean | readonly string[] | { readonly [k: string]: never };
  /** The first Claude Desktop build that reads it (see {@link SinceMarker}). */
  readonly since: SinceMarker;
  /** Holds a credential: masked in every log, message and summary, and may be an `{ "env": NAME }` reference. */
  readonly secret: boolean;
  /** The key is marked Beta in the app. */
  readonly beta?: boolean;
  /** The key itself is deprecated (no replacement key); setting it gives a warning. */
  readonly deprecated?: string;
  /** Only documented in an older page or an extracted app schema; kept for audits, set with care. */
  readonly unconfirmed?: string;
  /** Names the key had before a rename; migrated to `name`, refused after their cut-off. */
  readonly legacyNames?: readonly LegacyName[];
  /** Older value shapes the key accepted (header lists and the like), each migrated to the current shape. */
  readonly deprecatedShapes?: readonly {
    /** Which old shape. */
    readonly shape: DeprecatedShape;
    /** ISO date-time after which the app no longer reads that shape. */
    readonly cutoff?: IsoDateTime;
    /**
     * For `header-list`: an old entry may also be `name=value` (the OpenTelemetry form), not only
     * `Name: value`; the entry splits at its first `:` or `=`. Without it, only at its first `:`.
     */
    readonly acceptsEquals?: boolean;
  }[];
  /** Retired values of a string key, with what replaces them. */
  readonly deprecatedValues?: readonly DeprecatedValue[];
  /** Renamed enum values inside the structured value (permission values and the like). */
  readonly deprecatedEnumValues?: readonly DeprecatedEnumValue[];
  /** Extra facts for `explain` and the docs. */
  readonly notes?: readonly string[];
}

/**
 * `import`: a deployed artifact back into our profile JSON. The values are read exactly as
 * `check` reads them (same readers, same decoding), migrated to current names, shapes and values
 * by `migrateSettings` (every change reported), and put in catalogue order. Metadata comes from
 * the artifact where it has some (PayloadIdentifier, PayloadDisplayName, …, PayloadScope or the
 * hive); the name from the file name. Secrets found are kept literally (a faithful import) with a
 * warning suggesting `{ "env": "NAME" }`; their values never appear in findings.
 *
 * `build` after `import` gives back the same bytes for every artifact the imported file fully
 * determines (see tests/check/import.test.ts): the generated part of a `.mobileconfig`
 * description is recognised and dropped, so it is not doubled on the next build.
 */
import { CATALOG, findKey, findLegacyName, IDENTIFIER_PATTERN, MACOS_PREFERENCE_DOMAIN, PROFILE_NAME_PATTERN, type KeyDef, type ValueSpec } from '../catalog';
import { decodeEntries, isSecretKey } from '../check/decode';
import { canonicalJson } from '../build/manifest';
import { STRING_STORE_KINDS } from '../check/types';
import { encodingProblem } from '../check/rules/text-encoding';
import { ArtifactReadError, failureReason, readArtifact } from '../check/load';
import { migrateSettings } from '../migrate';
import { formatPath, type PathSegment } from '../profile/path';
import type { GatewayProfile, ProfileScope } from '../profile/types';
import { hasOwn, setOwn } from '../profile/own';
import { walkSettings } from '../profile/walk';
import { CmsFormatError, integrityFindings, MALFORMED_ENVELOPE, parseSignedProfile, type ParsedSignedProfile } from '../sign/verify';
import { VALUE_KINDS, type ArtifactRead, type DetectedKind } from '../read/detect';
import { describeIgnored, type IgnoredEntries, type ReadEntry } from '../read/types';
import { validateProfile } from '../validate';
import { finding, someOf, type Finding } from '../validate/findings';
import { clip, clipName } from '../escape/clip';
import { suggester } from '../validate/suggest';
import { UNKNOWN_KEYS_LISTED } from '../validate/schema-check';
import { knownNames } from '../catalog';
import { bytesArg, dateOption, objectArg, stringArg } from '../arg-check';
import { pushAll } from '../push-all';

/** Options of {@link importArtifact}. */
export interface ImportOptions {
  /** The file's name or path: gives the profile name and breaks ties in kind detection. */
  fileName?: string;
  /** Read as this kind instead of detecting it. */
  kind?: DetectedKind;
  /** Override the profile name (else from the file name, else the identifier). */
  name?: string;
  /** Override (or supply, for files without one) the identifier. */
  identifier?: string;
  /** Override (or supply, for files without one) the scope. */
  scope?: ProfileScope;
  /** Supply a display name for files without one (the CLI reads it from a config library's _meta.json). */
  displayName?: string;
  /** The moment deprecation cut-offs are compared with (default: now). */
  now?: Date;
}

/** What {@link importArtifact} made. */
export interface ImportResult {
  /** The profile, with current key names, shapes and values. */
  readonly profile: GatewayProfile;
  /** The profile as the file to write: 2-space JSON, trailing LF. */
  readonly text: string;
  /** What the file was read as (detected from its content, or the `kind` option). */
  readonly kind: DetectedKind;
  /** What the migration changed (deprecated names, shapes, values), one finding each. */
  readonly changes: readonly Finding[];
  /** What else to know: secrets kept literally, values left out, metadata filled in. Never a secret value. */
  readonly warnings: readonly Finding[];
  /** Problems `validate` reports on the imported profile (empty when it builds as is). */
  readonly validation: readonly Finding[];
}

/**
 * Thrown when the file cannot be imported at all (not an artifact, no settings, unreadable,
 * changed after signing). `findings` says why, each with its place in the file (`line 3`,
 * `signature`, `(file)` for the whole file): never empty.
 */
export class ImportError extends Error {
  /** Why the file cannot be imported, one finding each (never a secret value). */
  readonly findings: readonly Finding[];
  constructor(
    message: string,
    findings: readonly Finding[] = [],
    /** The reason in a few words, without the findings' details (the CLI's last line). */
    readonly summary: string = message,
  ) {
    super(message);
    this.name = 'ImportError';
    this.findings = findings.length > 0 ? findings : [finding('not-importable', 'error', '(file)', message)];
  }
}

/** How many places or errors a message lists before "and N more" (an ImportError has them all in `findings`). */
const LISTED = 3;

/** A finding as `place: message`, for an error message that lists several. */
const placed = (f: Finding): string => `${f.path}: ${f.message}`;

const GENERIC_NAMES = new Set(['settings', 'managed-settings', 'bootstrap-response', '_meta', MACOS_PREFERENCE_DOMAIN, 'claude', 'profile']);
// Suffixes build writes, longest first, so "x.undo.reg" and "x.signed.mobileconfig" give "x".
const SUFFIXES = [
  '.macos-custom-configuration.json',
  '.windows-custom-configuration.json',
  '.windows-oma-uri.csv',
  '.intune-preference.xml',
  '.signed.mobileconfig',
  '.profile.json',
  '.mobileconfig',
  '.undo.reg',
  '.reg',
  '.json',
  '.plist',
  '.xml',
  '.csv',
];

/** A profile name usable as a file name, from a file name (undefined for generic names such as settings.json). */
export function nameFromFileName(fileName: string): string | undefined {
  let base = fileName.split(/[\\/]/).pop() ?? '';
  const suffix = SUFFIXES.find((s) => base.toLowerCase().endsWith(s));
  if (suffix) base = base.slice(0, base.length - suffix.length);
  if (GENERIC_NAMES.has(base.toLowerCase()) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(base)) return undefined;
  return safeName(base);
}

/** Makes text a valid profile name: letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 64. */
export function safeName(text: string): string | undefined {
  const s = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64).replace(/[._-]+$/, '');
  return new RegExp(PROFILE_NAME_PATTERN).test(s) ? s : undefined;
}

/** The generated "Sets N Claude Desktop settings in …" part `build` appends to a .mobileconfig description. */
const GENERATED_SUMMARY = new RegExp(`^Sets (no Claude Desktop settings|\\d+ Claude Desktop settings?) in ${MACOS_PREFERENCE_DOMAIN.replace(/\./g, '\\.')}[\\s\\S]*$`);

/** The admin's own description, without the summary `build` generated after it. */
export function userDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  if (GENERATED_SUMMARY.test(description)) return undefined;
  const cut = description.lastIndexOf('\n\nSets ');
  if (cut >= 0 && GENERATED_SUMMARY.test(description.slice(cut + 2))) return description.slice(0, cut);
  return description;
}

/** An environment variable name for a secret: `inferenceGatewayApiKey` → `INFERENCE_GATEWAY_API_KEY`. */
export function envNameFor(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/**
 * Imports one artifact. Throws {@link ImportError} when it holds no settings to import. Wrong
 * arguments throw a `TypeError` naming them: `bytes` not a Buffer or Uint8Array, options not an
 * object, a string option not a string, `now` not a valid Date.
 */
export function importArtifact(data: Buffer | Uint8Array, options: ImportOptions = {}): ImportResult {
  const bytes = bytesArg(data, 'importArtifact: bytes');
  objectArg(options, 'importArtifact: options', true);
  for (const name of ['fileName', 'kind', 'name', 'identifier', 'scope', 'displayName'] as const) stringArg(options[name], `importArtifact: options.${name}`, true);
  dateOption(options.now, 'importArtifact: options.now');
  const { detection, read: asRead } = whileReading(() => readArtifact(bytes, { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.kind ? { kind: options.kind } : {}) }));
  // A Windows file with machine and user policy: the app applies the machine values only; `--scope
  // user` takes the user values instead (what would apply once the machine policy is gone).
  const hiveWarnings: Finding[] = [];
  const read = asRead ? pickScope(asRead, options.scope, hiveWarnings) : undefined;
  if (!read || detection.kind === 'unknown') {
    const message = `not an artifact import can read: ${detection.reason}`;
    throw new ImportError(message, [finding('not-importable', 'error', '(file)', message, 'import reads .mobileconfig, .plist, .reg, Intune and JSON settings files and profiles; give --kind if detection is wrong')]);
  }
  const kind = read.kind;
  if (options.kind === 'signed-mobileconfig' && kind !== 'signed-mobileconfig') {
    // Asked to import a signed profile: an unsigned one is not what the caller vouched for.
    const message = 'the file was given as a signed-mobileconfig but is not signed (no CMS envelope)';
    throw new ImportError(message, [finding('not-signed', 'error', 'signature', message, 'import it as --kind mobileconfig if an unsigned profile is what you meant')]);
  }
  if (!VALUE_KINDS.includes(kind)) {
    const message = `a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind} file describes settings but sets none, so there is nothing to import`;
    throw new ImportError(message, [finding('nothing-to-import', 'error', '(file)', message, 'import the file that sets the values: a .mobileconfig, .reg or JSON settings file')]);
  }
  if (kind === 'signed-mobileconfig') signatureCheck(bytes, options.now ?? new Date());
  // A damaged file (bad encoding, malformed lines, duplicate keys) has no single meaning: refuse
  // it rather than guess, and say what `check` would fix first.
  const encoding = encodingProblem(kind, bytes);
  const readErrors = [...(encoding ? [encoding] : []), ...read.findings.filter((f) => f.severity === 'error')];
  if (readErrors.length > 0) {
    const summary = `the file has ${readErrors.length} error(s) to fix first (see claude-gateway-profile check)`;
    throw new ImportError(`${summary}: ${someOf(readErrors.map(placed), LISTED, '; ')}`, readErrors, summary);
  }
  if (read.entries.length === 0) {
    const message = 'the file sets no Claude Desktop settings';
    throw new ImportError(message, [finding('nothing-to-import', 'error', '(file)', message, 'a profile or artifact must set at least one Claude Desktop key to import'), ...read.findings]);
  }
  // Reader warnings an import should pass on: a UTF-16 plist was read, but build writes UTF-8.
  const warnings: Finding[] = [...hiveWarnings, ...read.findings.filter((f) => f.code === 'plist-utf16')];
  const now = options.now ?? new Date();

  // 1. Values as the app reads them; what it cannot read is left out, by name only.
  const decoded = whileReading(() => decodeEntries(read));
  // JSON text nested deeper than a setting may be is refused with its place, as `check` reports it.
  const tooDeep = decoded.findings.filter((f) => f.code === 'too-deep');
  if (tooDeep.length > 0) {
    const summary = `${tooDeep.length} value(s) nest deeper than any setting can; fix the file first (see claude-gateway-profile check)`;
    throw new ImportError(`${summary}: ${tooDeep.map((f) => `${f.path}: ${f.message}`).join('; ')}`, tooDeep, summary);
  }
  // JSON text that does not parse (a trailing comma, single quotes) is refused, not left out: it
  // usually holds headers or models the profile would silently lose.
  const badJson = decoded.findings.filter((f) => f.code === 'invalid-json-text');
  if (badJson.length > 0) {
    const summary = `${badJson.length} value(s) hold JSON text that does not parse; fix the file first (see claude-gateway-profile check)`;
    throw new ImportError(`${summary}: ${someOf(badJson.map(placed), LISTED, '; ')}`, badJson, summary);
  }
  const settings: Record<string, unknown> = {};
  const dotted = new Map<string, Record<string, unknown>>();
  const closest = suggester();
  let listedUnknown = 0;
  let unlistedUnknown = 0;
  // decodeEntries keeps every key as an own property (even __proto__), so entries are all of them.
  for (const [key, value] of Object.entries(decoded.settings)) {
    const where = decoded.locations.get(key) ?? key;
    if (decoded.unreadable.has(key)) {
      warnings.push(finding('import-value-left-out', 'warning', where, `${key} could not be read as its type and was left out`, 'run `claude-gateway-profile check` on the file for details, then set it in the profile', findKey(key)?.name));
      continue;
    }
    const dot = key.indexOf('.');
    const parent = dot > 0 ? findKey(key.slice(0, dot)) : undefined;
    if (parent && parent.type === 'object') {
      const obj = dotted.get(parent.name) ?? {};
      obj[key.slice(dot + 1)] = value;
      dotted.set(parent.name, obj);
      continue;
    }
    if (kind !== 'profile-json' && !findKey(key) && !findLegacyName(key)) {
      // Listed one by one up to the validator's limit (a hostile file holds a million), then counted.
      if (listedUnknown === UNKNOWN_KEYS_LISTED) {
        unlistedUnknown++;
        continue;
      }
      listedUnknown++;
      const guess = closest(key, knownNames());
      warnings.push(finding('import-unknown-key', 'warning', where, `${clipName(key)} is not a Claude Desktop setting and was left out`, guess ? `did you mean ${guess}? If so, set ${guess} in the profile` : 'Claude Desktop ignores it', guess));
      continue;
    }
    setOwn(settings, key, value);
  }
  if (unlistedUnknown > 0) warnings.push(finding('import-unknown-key', 'warning', '(file)', `${unlistedUnknown} more keys are not Claude Desktop settings and were left out (only the first ${UNKNOWN_KEYS_LISTED} are listed)`, 'Claude Desktop ignores them'));
  for (const key of decoded.invisible) {
    warnings.push(finding('import-value-left-out', 'warning', decoded.locations.get(key) ?? clipName(key), `${clipName(key)} has a registry type Claude Desktop cannot read and was left out`, 'check the value and set it in the profile', findKey(key)?.name));
  }
  for (const [name, obj] of dotted) {
    if (name in settings) continue;
    settings[name] = obj;
    warnings.push(finding('import-dotted-key', 'warning', name, `${name} was split into dotted keys; they were joined into one object`, `the app reads only ${name} itself; build writes it as one JSON string`, name));
  }

  pushAll(warnings, conflictingValues(read));

  // 2. Current names, shapes and values.
  const migration = migrateSettings(settings, { now });
  const changes: Finding[] = [...migration.findings];
  if (STRING_STORE_KINDS.includes(kind)) {
    // Native plist values (and REG_DWORD) were read as their values; build writes Claude's string form.
    for (const [key, storedAs] of decoded.storedAs) {
      if (storedAs === 'string' || storedAs === 'REG_SZ' || !(key in settings) || !findKey(key)) continue;
      changes.push(finding('import-native-value', 'warning', decoded.locations.get(key) ?? key, `${key} was stored as ${storedAs === 'REG_DWORD' ? 'REG_DWORD' : `a native ${storedAs}`}; the profile holds its value, and build writes it as the string Claude Desktop reads`, undefined, key));
    }
  }
  const ordered: Record<string, unknown> = {};
  for (const def of CATALOG) if (migration.settings[def.name] !== undefined) ordered[def.name] = migration.settings[def.name];
  if (kind === 'profile-json') for (const [k, v] of Object.entries(migration.settings)) if (!hasOwn(ordered, k)) setOwn(ordered, k, v);

  // 3. Metadata.
  const profile = metadataFor(kind, read.json, read.metadata, read.scope, options, warnings);
  profile.settings = ordered as GatewayProfile['settings'];

  // 4. Secrets kept as found, with a suggestion (never the value): one warning at each secret
  // leaf (`settings.managedMcpServers[0].headers.Authorization`), not at the first leaf of a key
  // that is secret as a whole.
  walkSettings(ordered, (leaf) => {
    if (!leaf.secret || leaf.isMapKey || typeof leaf.value !== 'string' || !isCredentialLeaf(leaf.key, leaf.path)) return;
    const path = formatPath(leaf.path);
    const top = leaf.path.length === 2;
    const what = top ? leaf.key.name : formatPath(leaf.path.slice(1));
    warnings.push(
      finding('import-literal-secret', 'warning', path, `${what} holds a credential, kept literally as found in the file`, top ? `keep the profile private, or replace the value with {"env": "${envNameFor(leaf.key.name)}"} and set that variable when building` : 'keep the profile private, or replace this value with {"env": "NAME"} and set that variable when building', leaf.key.name),
    );
  });

  const ordering = orderProfile(profile);
  const validation = validateProfile(ordering, { now }).findings;
  return { profile: ordering, text: `${JSON.stringify(ordering, null, 2)}\n`, kind, changes, warnings, validation };
}

/**
 * The values to import from a file whose user policy the app ignores ({@link ArtifactRead.ignored}):
 * the machine values, with a warning naming the ignored user values; with `scope` "user", the
 * user values, with a warning that the app ignores them while the machine policy exists.
 */
function pickScope(read: ArtifactRead, scope: ProfileScope | undefined, warnings: Finding[]): ArtifactRead {
  const ignored = read.ignored;
  if (!ignored) return read;
  const windows = read.kind === 'reg' ? { machine: 'HKLM', user: 'HKCU' } : { machine: './Device', user: './User' };
  if (scope === ignored.scope) {
    const machine: IgnoredEntries = { scope: 'machine', entries: read.entries };
    warnings.push(finding('import-scope-ignored', 'warning', '(file)', `imported the ${windows.user} values as asked (--scope user); the file also sets ${windows.machine} policy (${describeIgnored(machine)}), and while any ${windows.machine} policy exists Claude Desktop ignores every ${windows.user} value`, `deploy the imported profile only where no ${windows.machine} Claude policy is set, or import without --scope user to take the ${windows.machine} values`));
    return { ...read, entries: ignored.entries, ignored: machine, scope: ignored.scope };
  }
  warnings.push(finding('import-scope-ignored', 'warning', '(file)', `imported the ${windows.machine} values, which Claude Desktop applies; it ignores the ${windows.user} values the file also sets: ${describeIgnored(ignored)}`, `move any ${windows.user} value you need into the profile yourself, or import with --scope user to take the ${windows.user} values instead`));
  return read;
}

/**
 * A key set more than once with different values (two payloads of a profile, a value repeated in
 * one hive of a `.reg`): the import takes the last, as decoding does; say so, by place, and show
 * the value taken only when it is not a credential.
 */
function conflictingValues(read: ArtifactRead): Finding[] {
  const byKey = new Map<string, ReadEntry[]>();
  for (const e of read.entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const out: Finding[] = [];
  for (const [key, found] of byKey) {
    if (found.length < 2) continue;
    const values = new Set(found.map((e) => `${e.storedAs}:${canonicalJson(e.raw)}`));
    if (values.size < 2) continue;
    const taken = found[found.length - 1] as ReadEntry;
    const def = findKey(key) ?? findLegacyName(key)?.key;
    const shown = def === undefined || isSecretKey(def) || typeof taken.raw !== 'string' ? '' : ` (${JSON.stringify(clip(taken.raw))})`;
    const why = read.kind === 'reg' ? 'regedit keeps the last one' : 'macOS applies only one of them, and which is not defined';
    out.push(finding('import-key-set-twice', 'warning', taken.location, `${clipName(key)} is set ${found.length} times with different values (${someOf(found.map((e) => e.location), LISTED)}); the value at ${taken.location}${shown} was imported`, `check that it is the one you meant, and set the key once in the file: ${why}`, def?.name));
  }
  return out;
}

/** Whether a spec has a field or map value marked secret below it (the key itself aside). */
function hasInnerSecret(spec: ValueSpec | undefined, depth = 0): boolean {
  if (!spec || depth > 16) return false;
  if (spec.values && (spec.values.secret === true || hasInnerSecret(spec.values, depth + 1))) return true;
  return Object.values(spec.fields ?? {}).some((f) => f.secret === true || hasInnerSecret(f, depth + 1));
}

/**
 * Whether the leaf at `path` (`settings`, key, …) is a credential: for a key whose catalogue entry
 * marks the secret places inside its value (`managedMcpServers`: `headers` values, `env` values,
 * `oauth.clientSecret`), a leaf at such a place or in a field the catalogue does not know;
 * otherwise every leaf of a secret key (`inferenceGatewayApiKey`).
 */
function isCredentialLeaf(key: KeyDef, path: readonly PathSegment[]): boolean {
  if (!hasInnerSecret(key)) return key.secret;
  let spec: ValueSpec | undefined = key;
  for (const seg of path.slice(2)) {
    if (typeof seg === 'number') spec = spec.type === 'objectList' ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) } : spec.type === 'stringList' ? { type: 'string' } : undefined;
    else spec = spec.values ?? spec.fields?.[seg];
    if (!spec) return true;
    if (spec.secret === true) return true;
  }
  return false;
}

/**
 * A signed profile whose content no longer matches its signature (changed after signing) is
 * refused, as `check` reports it: importing it would carry the change into the next build as if
 * it were what was signed. Integrity only, against the embedded certificates: who signed is not
 * judged (that needs a trust anchor: `check --ca`).
 */
function signatureCheck(bytes: Buffer, now: Date): void {
  const errors = whileReading(() => signatureErrors(bytes, now));
  if (errors.length > 0) {
    const malformed = errors.some(isMalformedSignature);
    const summary = malformed ? 'the signature is malformed (see claude-gateway-profile check)' : 'the signature does not match the file (see claude-gateway-profile check)';
    throw new ImportError(`${summary}: ${someOf(errors.map(placed), LISTED, '; ')}`, errors, summary);
  }
}

/** The code of a signature whose fields cannot be parsed (the reader's code for an unreadable envelope). */
export const MALFORMED_SIGNATURE = 'unreadable-signature';

/**
 * Whether a signature finding says the envelope is damaged (rather than that the content was
 * changed): a field the check could not parse ({@link MALFORMED_SIGNATURE}), or a field the
 * envelope check (lib/sign/envelope.ts) found out of RFC 5652's shape (`malformed-signature`).
 */
export function isMalformedSignature(f: Finding): boolean {
  return f.code === MALFORMED_SIGNATURE || f.code === MALFORMED_ENVELOPE;
}

/**
 * The integrity errors of a signed profile, against its embedded certificates (see
 * {@link signatureCheck}); an envelope or detached content the reader reports is none here. A
 * field the verification must parse that cannot be (damaged signed attributes, say) is one
 * {@link MALFORMED_SIGNATURE} error at `(file)`.
 */
export function signatureErrors(bytes: Buffer, now: Date): Finding[] {
  let parsed: ParsedSignedProfile;
  try {
    parsed = parseSignedProfile(bytes);
  } catch (e) {
    if (e instanceof CmsFormatError) return []; // the reader reports the unreadable envelope
    throw e;
  }
  if (parsed.content === undefined) return []; // detached: the reader reports it
  try {
    return integrityFindings(parsed, now).filter((f) => f.severity === 'error');
  } catch (e) {
    const message = `the CMS signature is malformed: ${failureReason(e)}`;
    return [finding(MALFORMED_SIGNATURE, 'error', '(file)', message, 'the signed file is damaged; sign the profile again')];
  }
}

/**
 * Runs one step of reading the file. Anything it throws that is no ImportError (a file cut short,
 * a field of a damaged file that a reader did not expect) becomes one, with a `(file)` finding:
 * the caller gets the documented error, and the CLI its exit code and JSON document.
 */
function whileReading<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (e instanceof ArtifactReadError) throw new ImportError(e.message, [e.finding]);
    const message = `the file could not be read: ${failureReason(e)}`;
    throw new ImportError(message, [finding('not-importable', 'error', '(file)', message, 'the file is probably damaged; export or build it again')]);
  }
}

function metadataFor(kind: DetectedKind, json: unknown, meta: { identifier?: string; displayName?: string; organization?: string; description?: string }, scope: ProfileScope | undefined, options: ImportOptions, warnings: Finding[]): GatewayProfile {
  const src = kind === 'profile-json' && typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  let description = meta.description;
  let identifier = options.identifier ?? meta.identifier;
  if (kind === 'intune-windows-graph-json' && description !== undefined) {
    // The Windows Graph body says "Claude Desktop policy <identifier>" when the profile had no description.
    const m = /^Claude Desktop policy (\S+)$/.exec(description);
    if (m) {
      identifier ??= m[1];
      description = undefined;
    }
  } else if (kind !== 'profile-json') description = userDescription(description);
  // An identifier that is not reverse-DNS (the file's, or the one given) is replaced by a placeholder below.
  let rejected: string | undefined;
  if (identifier !== undefined && !new RegExp(IDENTIFIER_PATTERN).test(identifier)) {
    rejected = identifier;
    identifier = undefined;
  }
  const name =
    options.name ??
    (typeof src.name === 'string' ? src.name : undefined) ??
    (options.fileName ? nameFromFileName(options.fileName) : undefined) ??
    (identifier ? safeName(identifier.split('.').pop() ?? '') : undefined) ??
    'imported';
  if (identifier === undefined) {
    identifier = `com.example.claude.${name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'imported'}`;
    if (rejected === undefined) {
      warnings.push(finding('import-no-identifier', 'warning', 'identifier', `the file carries no profile identifier; "${identifier}" was used`, 'set "identifier" to your own reverse-DNS name (it names the .mobileconfig and config-library entry); use --identifier'));
    } else if (options.identifier !== undefined) {
      warnings.push(finding('import-identifier', 'warning', 'identifier', `the identifier given ("${clip(rejected)}") is not reverse-DNS; "${identifier}" was used instead`, 'give --identifier a reverse-DNS name, e.g. com.example.claude'));
    } else {
      warnings.push(finding('import-identifier', 'warning', 'identifier', `the file's identifier "${clip(rejected)}" is not reverse-DNS; "${identifier}" was used instead`, 'set "identifier" to your own reverse-DNS name, e.g. com.example.claude, or import again with --identifier'));
    }
  }
  const profile: GatewayProfile = { name, identifier, settings: {} };
  if (kind === 'profile-json') {
    // A profile imports as itself: its own fields are kept as written, also those of the wrong
    // type or value and the ones a profile does not have, so that the validation of the result
    // reports each with its place, as `validate` does (nothing is dropped silently). Only a bad
    // identifier is replaced (above), and the options override.
    const fields = profile as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(src)) if (k !== 'settings' && k !== 'identifier' && !(k === 'name' && options.name !== undefined)) setOwn(fields, k, v);
    if (options.displayName !== undefined) profile.displayName = options.displayName;
    if (options.scope !== undefined) profile.scope = options.scope;
    return profile;
  }
  const displayName = options.displayName ?? meta.displayName;
  if (displayName !== undefined && displayName !== '') profile.displayName = displayName;
  if (meta.organization) profile.organization = meta.organization;
  if (description !== undefined && description !== '') profile.description = description;
  const s = options.scope ?? scope;
  if (s) profile.scope = s;
  return profile;
}

const FIELD_ORDER = ['$schema', 'name', 'displayName', 'organization', 'description', 'identifier', 'scope', 'appVersion', 'settings'] as const;

/** The profile's fields in the order the examples use; fields a profile does not have (kept from a profile JSON for validation to report) after them. */
function orderProfile(p: GatewayProfile): GatewayProfile {
  const out: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (p[k] !== undefined) out[k] = p[k];
  for (const [k, v] of Object.entries(p)) if (!(FIELD_ORDER as readonly string[]).includes(k) && v !== undefined) setOwn(out, k, v);
  return out as unknown as GatewayProfile;
}

/**
 * `diff`: what changed between two artifacts or profiles of any kinds `check` reads, key by key,
 * as the app would see them: both sides are read and decoded like `check` does, migrated to
 * current names (so an old `isDxtEnabled` matches a new `isDesktopExtensionEnabled`), then
 * compared. Secrets are masked (`••••` with at most the last four characters, or
 * "(secret changed)" when the masks would look alike); values of unknown keys are never shown.
 */
import { CATALOG, findKey, isMdmKey } from '../catalog';
import { canonicalJson } from '../build/manifest';
import { decodeEntries, defFor, isSecretKey } from '../check/decode';
import { PLIST_KINDS } from '../check/types';
import { ArtifactReadError, failureReason, readArtifact } from '../check/load';
import { bytesArg, dateOption, objectArg, stringArg } from '../arg-check';
import { encodeValue, kindOf } from '../encode';
import { isMalformedSignature, signatureErrors, userDescription } from '../import';
import { migrateSettings } from '../migrate';
import { formatPlace, type PathSegment } from '../profile/path';
import { isEnvRef } from '../profile/walk';
import type { ProfileScope } from '../profile/types';
import { VALUE_KINDS, type DetectedKind } from '../read/detect';
import { describeIgnored } from '../read/types';
import { setOwn } from '../profile/own';
import { displayValue, maskSecret } from '../writers/display-value';
import { CLIP_LENGTH, clipName, clipWithLength } from '../escape/clip';
import { profileValidator } from '../validate/schema-check';
import { specAt } from '../validate/spec-at';
import { finding, someOf, type Finding } from '../validate/findings';
import { pushAll } from '../push-all';

/** One side of a diff: the settings a file gives the app, and its metadata. */
export interface DiffSide {
  readonly file: string;
  readonly kind: DetectedKind;
  /** Current key names → native values. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly metadata: { readonly identifier?: string; readonly displayName?: string; readonly organization?: string; readonly description?: string };
  readonly scope?: ProfileScope;
  /** What reading this side changed (old names read as new ones), in words. */
  readonly notes: readonly string[];
}

/**
 * One changed setting. Values are display text: secrets masked, unknown keys' values hidden, a
 * value its key cannot hold described by its kind and length only, long values clipped.
 */
export interface SettingChange {
  /** The current key name (old names are migrated before comparing); unknown keys as found. */
  readonly key: string;
  /** `added`: only the second side sets it; `removed`: only the first; `changed`: both, with different values. */
  readonly change: 'added' | 'removed' | 'changed';
  /** The first side's value as display text; absent when `added`. `(secret changed)` on both sides when two masks would look alike. */
  readonly old?: string;
  /** The second side's value as display text; absent when `removed`. */
  readonly new?: string;
  /** The key is (or holds) a credential; `old`/`new` are masked. */
  readonly secret: boolean;
  /** For structured values: the paths that differ (`inferenceModels[1].name`). */
  readonly paths?: readonly string[];
  /** Why the change may be expected (e.g. a bootstrap-only key an MDM file cannot carry). */
  readonly note?: string;
}

/** One changed metadata field (compared only when both sides carry it). */
export interface MetadataChange {
  /** The profile field that differs; `scope` is machine/user as each file states it (PayloadScope, HKLM/HKCU, a profile's `scope`). */
  readonly field: 'identifier' | 'displayName' | 'organization' | 'description' | 'scope';
  /** The first side's value. */
  readonly old: string;
  /** The second side's value. */
  readonly new: string;
}

/** The result of {@link diffArtifacts} (and of the internal `diffSides` it calls). */
export interface DiffResult {
  /** True when no setting and no shared metadata field differs. */
  readonly same: boolean;
  /** The first side: its file name as given, and the kind it was read as. */
  readonly a: {
    /** The file name as given (used in notes and messages). */
    readonly file: string;
    /** The kind the file was read as (detected from its content, or the `kind` option). */
    readonly kind: DetectedKind;
  };
  /** The second side, likewise. */
  readonly b: {
    /** The file name as given (used in notes and messages). */
    readonly file: string;
    /** The kind the file was read as (detected from its content, or the `kind` option). */
    readonly kind: DetectedKind;
  };
  /** Changed settings: catalogue keys in catalogue order, then unknown keys by name; empty when none differ. */
  readonly settings: readonly SettingChange[];
  /** Changed metadata (identifier, displayName, organization, description, then scope), each compared only when both sides carry it. */
  readonly metadata: readonly MetadataChange[];
  /** What reading the sides changed (old names, shapes or values compared as current; registry types the app cannot read), `a`'s notes first, each starting with its file name. */
  readonly notes: readonly string[];
}

/** Thrown when a side cannot be read as settings (exit code 2). */
export class DiffError extends Error {
  /**
   * Why, each with its place in the file (`(file)`, `line 3 (…)`), when the trouble is in the
   * content of {@link DiffError.file} (cut short, damaged, nested too deep, a malformed
   * signature); empty when a side is simply no settings file (the message says which).
   */
  readonly findings: readonly Finding[];
  constructor(
    message: string,
    findings: readonly Finding[] = [],
    /** The side (file name as given) the findings are about. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DiffError';
    this.findings = findings;
  }
}

/** Kinds delivered by MDM, which never carry bootstrap-only keys. */
const MDM_ONLY_KINDS = new Set<DetectedKind>(['mobileconfig', 'signed-mobileconfig', 'plist', 'preference-fragment', 'reg', 'intune-macos-graph-json', 'intune-windows-graph-json', 'intune-windows-csv', 'managed-settings-json', 'config-library-json']);

/** Reads one side. `now` only matters for how migrations describe deprecations. */
export function loadSide(bytes: Buffer, file: string, options: { kind?: DetectedKind; now?: Date } = {}): DiffSide {
  const refuse = (problems: readonly Finding[]): never => {
    throw new DiffError(`${file}: ${problems.map((f) => (f.path === '(file)' ? f.message : `${f.path}: ${f.message}`)).join('; ')}`, problems, file);
  };
  // Anything a reader throws that is no finding (a file cut short, a field of a damaged file it
  // did not expect) is this side's trouble (exit 2), never a comparison.
  const whileReading = <T>(step: () => T): T => {
    try {
      return step();
    } catch (e) {
      if (e instanceof DiffError) throw e;
      return refuse([e instanceof ArtifactReadError ? e.finding : finding('not-comparable', 'error', '(file)', `the file could not be read: ${failureReason(e)}`, 'the file is probably damaged; export or build it again')]);
    }
  };
  const { detection, read } = whileReading(() => readArtifact(bytes, { fileName: file, ...(options.kind ? { kind: options.kind } : {}) }));
  if (!read || detection.kind === 'unknown') throw new DiffError(`${file}: not an artifact diff can read: ${detection.reason}`);
  if (!VALUE_KINDS.includes(read.kind)) throw new DiffError(`${file}: a ${read.kind} file sets no values to compare`);
  if (read.entries.length === 0 && read.findings.some((f) => f.severity === 'error')) throw new DiffError(`${file}: cannot read it: ${someOf(read.findings.filter((f) => f.severity === 'error').map((f) => f.message), 3, '; ')}`);
  // A signature whose fields cannot be parsed: the file is damaged, as check and import say.
  if (read.kind === 'signed-mobileconfig') {
    const malformed = whileReading(() => signatureErrors(bytes, options.now ?? new Date())).filter(isMalformedSignature);
    if (malformed.length > 0) refuse(malformed);
  }
  const decoded = whileReading(() => decodeEntries(read));
  const tooDeep = decoded.findings.filter((f) => f.code === 'too-deep');
  if (tooDeep.length > 0) refuse(tooDeep);
  // Values `check` says the app ignores count as not set, like the registry types it cannot read:
  // native plist <array>/<dict>, a REG_DWORD on a text key or one other than 0/1 for a boolean,
  // text that does not decode as the key's type.
  const settings: Record<string, unknown> = {};
  const ignoredNotes: string[] = [];
  for (const [key, value] of Object.entries(decoded.settings)) {
    const storedAs = decoded.storedAs.get(key);
    const why = PLIST_KINDS.includes(read.kind) && (storedAs === 'array' || storedAs === 'dict') && defFor(key) !== undefined
      ? `is a native plist <${storedAs}>, which Claude Desktop ignores`
      : decoded.unreadable.has(key) && defFor(key) !== undefined
        ? storedAs === 'REG_DWORD'
          ? 'is a REG_DWORD Claude Desktop cannot read for this key'
          : 'cannot be read as its type'
        : undefined;
    if (why === undefined) setOwn(settings, key, value);
    else ignoredNotes.push(`${file}: ${key} ${why}; it counts as not set`);
  }
  const migration = migrateSettings(settings, options.now ? { now: options.now } : {});
  const notes = migration.findings.filter((f) => f.code === 'deprecated-name' || f.code === 'deprecated-shape' || f.code === 'deprecated-value').map((f) => `${file}: ${f.message.replace(/;.*$/, '')} (compared as the current form)`);
  pushAll(notes, ignoredNotes);
  for (const key of decoded.invisible) notes.push(`${file}: ${clipName(key)} has a registry type Claude Desktop cannot read; it counts as not set`);
  if (read.ignored) {
    const [machine, user] = read.kind === 'reg' ? ['HKLM', 'HKCU'] : ['./Device', './User'];
    notes.push(`${file}: compared the ${machine} values only; Claude Desktop ignores the ${user} values the file also sets (${describeIgnored(read.ignored)})`);
  }
  const m = read.metadata;
  const metadata: { -readonly [K in keyof DiffSide['metadata']]: DiffSide['metadata'][K] } = {};
  if (m.identifier !== undefined) metadata.identifier = m.identifier;
  if (m.displayName !== undefined) metadata.displayName = m.displayName;
  if (m.organization !== undefined) metadata.organization = m.organization;
  const description = read.kind === 'profile-json' ? m.description : userDescription(m.description);
  if (description !== undefined) metadata.description = description;
  return { file, kind: read.kind, settings: migration.settings, metadata, ...(read.scope ? { scope: read.scope } : {}), notes };
}

/** Compares two sides key by key (catalogue keys in catalogue order, then unknown keys by name). */
export function diffSides(a: DiffSide, b: DiffSide): DiffResult {
  const settings: SettingChange[] = [];
  const rank = new Map(CATALOG.map((d, n) => [d.name, n]));
  const keys = [...new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])].sort((x, y) => (rank.get(x) ?? Infinity) - (rank.get(y) ?? Infinity) || (x < y ? -1 : x > y ? 1 : 0));
  for (const key of keys) {
    const va = a.settings[key];
    const vb = b.settings[key];
    if (va === undefined && vb === undefined) continue;
    if (va !== undefined && vb !== undefined && canonicalJson(va) === canonicalJson(vb) && reorderedMaps(key, va, vb, []).length === 0) continue;
    const def = findKey(key);
    const secret = isSecretKey(def);
    const change: SettingChange['change'] = va === undefined ? 'added' : vb === undefined ? 'removed' : 'changed';
    const out: { -readonly [K in keyof SettingChange]: SettingChange[K] } = { key, change, secret };
    if (change === 'changed' && secret) {
      const [sa, sb] = [show(key, va), show(key, vb)];
      if (sa === sb) out.old = out.new = '(secret changed)';
      else {
        out.old = sa;
        out.new = sb;
      }
    } else {
      if (va !== undefined) out.old = show(key, va);
      if (vb !== undefined) out.new = show(key, vb);
    }
    if (change === 'changed' && typeof va === 'object' && va !== null && typeof vb === 'object' && vb !== null) out.paths = differingPaths(key, va, vb, []).map((p) => formatPlace([key, ...p]));
    const note = noteFor(key, change, a, b);
    if (note) out.note = note;
    settings.push(out);
  }
  const metadata: MetadataChange[] = [];
  for (const field of ['identifier', 'displayName', 'organization', 'description'] as const) {
    const [x, y] = [a.metadata[field], b.metadata[field]];
    if (x !== undefined && y !== undefined && x !== y) metadata.push({ field, old: x, new: y });
  }
  if (a.scope && b.scope && a.scope !== b.scope) metadata.push({ field: 'scope', old: a.scope, new: b.scope });
  return { same: settings.length === 0 && metadata.length === 0, a: { file: a.file, kind: a.kind }, b: { file: b.file, kind: b.kind }, settings, metadata, notes: [...a.notes, ...b.notes] };
}

/**
 * Reads both files and compares them. Throws {@link DiffError} when one cannot be read as settings;
 * wrong arguments (a side not `{ bytes, file }` with a Buffer or Uint8Array, `now` not a valid Date)
 * throw a `TypeError` naming them.
 */
export function diffArtifacts(a: { bytes: Buffer | Uint8Array; file: string }, b: { bytes: Buffer | Uint8Array; file: string }, options: { kind?: DetectedKind; now?: Date } = {}): DiffResult {
  const side = (v: unknown, name: string): { bytes: Buffer; file: string } => {
    objectArg(v, `diffArtifacts: ${name} (a { bytes, file } object)`);
    const { bytes, file } = v as { bytes?: unknown; file?: unknown };
    stringArg(file, `diffArtifacts: ${name}.file`);
    return { bytes: bytesArg(bytes, `diffArtifacts: ${name}.bytes`), file: file as string };
  };
  const left = side(a, 'a');
  const right = side(b, 'b');
  objectArg(options, 'diffArtifacts: options', true);
  stringArg(options.kind, 'diffArtifacts: options.kind', true);
  dateOption(options.now, 'diffArtifacts: options.now');
  return diffSides(loadSide(left.bytes, left.file, options), loadSide(right.bytes, right.file, options));
}

/**
 * A value as shown: Claude's string form, clipped as `check` clips; secrets masked; unknown keys'
 * values never shown.
 */
function show(key: string, value: unknown): string {
  const def = findKey(key);
  if (!def) return '(value not shown: not a Claude Desktop setting)';
  // A profile's { "env": "NAME" } reference names a variable, not the secret itself.
  if (isEnvRef(value)) return JSON.stringify(value);
  // A value its key cannot hold may be another key's, moved under this one by a lost <key> line
  // (a secret-bearing server list under a URL key): say what it is, not what it holds.
  if (!fitsKey(def.name, value)) return `(value not shown: ${kindOf(value)}, ${Array.from(typeof value === 'string' ? value : JSON.stringify(value) ?? '').length} characters as text, which ${def.name} cannot hold)`;
  if (typeof value === 'string' && def.secret && def.type === 'string') return maskSecret(value);
  if (isSecretKey(def)) {
    try {
      return displayValue(def, value, [], CLIP_LENGTH).text;
    } catch {
      return '••••';
    }
  }
  try {
    return clipWithLength(typeof value === 'string' ? value : encodeValue(def.type, value, def.name));
  } catch {
    return clipWithLength(JSON.stringify(value) ?? String(value));
  }
}

/** Whether the schema accepts `value` for `key` (judged alone, in a stand-in profile). */
function fitsKey(key: string, value: unknown): boolean {
  const validate = profileValidator();
  if (validate({ name: 'diff', identifier: 'com.example.diff', settings: { [key]: value } })) return true;
  const at = `/settings/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return !(validate.errors ?? []).some((e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`));
}

/** Paths (below the key) whose values differ, deepest first level that differs. */
function differingPaths(key: string, a: unknown, b: unknown, at: PathSegment[]): PathSegment[][] {
  if (canonicalJson(a) === canonicalJson(b)) return reorderedMaps(key, a, b, at);
  const objA = typeof a === 'object' && a !== null;
  const objB = typeof b === 'object' && b !== null;
  if (!objA || !objB || Array.isArray(a) !== Array.isArray(b)) return [at];
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  const out: PathSegment[][] = [];
  for (const k of [...new Set([...ka, ...kb])]) {
    const seg: PathSegment = Array.isArray(a) ? Number(k) : k;
    pushAll(out, differingPaths(key, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...at, seg]));
  }
  return out;
}

/**
 * The maps inside two values with the same entries (`canonicalJson` equal) whose entries come in
 * another order, where the catalogue says the order decides which entry applies (`keyOrderMatters`:
 * the tool-policy maps, whose first matching rule wins). Elsewhere key order means nothing.
 */
function reorderedMaps(key: string, a: unknown, b: unknown, at: PathSegment[]): PathSegment[][] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return [];
  const out: PathSegment[][] = [];
  const ka = Object.keys(a);
  if (!Array.isArray(a) && specAt(['settings', key, ...at]).spec?.keyOrderMatters && ka.join('\u0000') !== Object.keys(b).join('\u0000')) out.push(at);
  for (const k of ka) out.push(...reorderedMaps(key, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...at, Array.isArray(a) ? Number(k) : k]));
  return out;
}

function noteFor(key: string, change: SettingChange['change'], a: DiffSide, b: DiffSide): string | undefined {
  const def = findKey(key);
  if (!def || change === 'changed' || isMdmKey(def)) return undefined;
  const missingFrom = change === 'added' ? a : b;
  return MDM_ONLY_KINDS.has(missingFrom.kind) ? `${key} is bootstrap-only: a ${missingFrom.kind} file never carries it` : undefined;
}

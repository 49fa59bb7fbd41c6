/**
 * The value checks of `check` are the profile validator's: the settings a file gives the app are
 * wrapped in a throw-away profile and run through `validateProfile` (migrations of §1c, the
 * generated JSON Schema, the semantic rules), then each finding's profile path
 * (`settings.inferenceModels[1].name`) is mapped to its place in the file. Nothing here re-checks
 * a value; it only decides what a finding means for a deployed file.
 */
import { findKey } from '../catalog';
import { formatOnlyStores, validateProfile, type CharacterStore } from '../validate';
import { finding, type Finding } from '../validate/findings';
import { describeStores } from '../validate/rules/characters';
import { WINDOWS_INTEGER_MAX } from '../validate/rules/keys';
import { formatPlace, type PathSegment } from '../profile/path';
import type { DetectedKind } from '../read/detect';
import { lineOf } from '../read/json-artifacts';
import type { ArtifactContext } from './types';

/**
 * Kinds whose values go through the ADMX template's elements (Intune OMA-URI rows), where its
 * limits are real: the length of a text field, the largest decimal value.
 */
const ADMX_BOUND = new Set<DetectedKind>(['intune-windows-graph-json', 'intune-windows-csv']);

/**
 * Validator codes about a limit of the ADMX template only (Group Policy and Intune): an error in
 * the files that go through it ({@link ADMX_BOUND}), a warning with this hint in any other file,
 * which can hold the value.
 */
const ADMX_ONLY_LIMITS: ReadonlyMap<string, (key: string | undefined) => string> = new Map([
  ['value-too-long', (key: string | undefined) => `this file can hold it, but the same value cannot be set through the ADMX template or Intune; ${key !== undefined && findKey(key)?.availability === 'mdm' ? 'shorten it if it is also deployed that way' : 'shorten it, or deliver it by bootstrap'}`],
  ['integer-too-large', () => `this file can hold it, but the same value cannot be set through the ADMX template or Intune; keep it at most ${WINDOWS_INTEGER_MAX} if it is also deployed that way`],
]);

/**
 * Which of the character-limited stores a kind of file is ({@link formatOnlyStores}): a `.reg`
 * file, or XML (plists, and the Intune Windows rows, whose values sit in ADMX `<data>` XML).
 * JSON files hold every character.
 */
function characterStoreOf(kind: DetectedKind): CharacterStore | undefined {
  switch (kind) {
    case 'reg':
      return 'reg';
    case 'mobileconfig':
    case 'signed-mobileconfig':
    case 'plist':
    case 'preference-fragment':
    case 'intune-macos-graph-json':
    case 'intune-windows-graph-json':
    case 'intune-windows-csv':
      return 'xml';
    default:
      return undefined;
  }
}

/** Codes whose meaning differs in an artifact, and the artifact's wording. */
const DROPPED_CODES = new Set([
  // keyFactsRule says "MDM artifacts leave it out", which is about `build`; the channel rule
  // says what it means in a deployed file.
  'bootstrap-only-key',
]);

/** Hints written for profile authors ("the library encodes it") that do not fit a deployed file. */
function artifactHint(code: string, hint: string | undefined, inside: boolean): string | undefined {
  if (hint === undefined || !/the library/.test(hint)) return hint;
  if (code === 'wrong-type' && inside) return 'inside the JSON text, write booleans, numbers, lists and objects without quotes';
  return hint.replace(/;?\s*the library[^.;)]*/, '').trim() || undefined;
}

/**
 * Parses a path as `formatPath` writes it (`settings.a[1]["X-Org"].b`) back into segments;
 * `undefined` for text that is not such a path (`(root)`, `line 3`).
 */
export function parseFormattedPath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const re = /^(?:\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = text;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3] as string) as string);
    rest = rest.slice(m[0].length);
  }
  return out.length > 0 ? out : undefined;
}

/** A stand-in identity: the settings are what is judged, not this profile's metadata. */
const STAND_IN = { name: 'artifact', identifier: 'com.example.artifact' } as const;

/**
 * The validator's findings about the settings a file carries, placed in the file.
 * Profile JSON is validated as the profile it is, metadata included.
 */
export function settingsFindings(ctx: ArtifactContext): Finding[] {
  if (ctx.kind === 'profile-json') return profileFindings(ctx);
  const { decoded } = ctx;
  if (Object.keys(decoded.settings).length === 0) return [];
  const profile = { ...STAND_IN, scope: ctx.read.scope ?? 'machine', settings: decoded.settings };
  const out: Finding[] = [];
  for (const f of validateProfile(profile, { now: ctx.now }).findings) {
    const path = parseFormattedPath(f.path);
    if (!path || path[0] !== 'settings') continue;
    if (DROPPED_CODES.has(f.code)) continue;
    // A bootstrap response may carry bootstrap-only keys alone: MDM delivers the rest.
    if (f.code === 'no-settings' && ctx.kind === 'bootstrap-response-json') continue;
    const key = typeof path[1] === 'string' ? path[1] : undefined;
    // A value that could not be read was reported once, by the decoder or the not-a-string rule.
    if (key !== undefined && decoded.unreadable.has(key)) continue;
    const inside = path.slice(2);
    const placed = remap(f, key === undefined ? ctx.locate('') : ctx.locate(key, inside), inside.length > 0, ctx.kind);
    // A character only some formats refuse: an error in those, a warning in a file that holds it.
    const stores = formatOnlyStores(f);
    const own = characterStoreOf(ctx.kind);
    if (stores !== undefined && (own === undefined || !stores.includes(own))) {
      out.push({ ...placed, severity: 'warning', hint: `this file can hold it, but it cannot be stored in ${describeStores(stores)}; remove it if the setting is also deployed that way` });
    } else out.push(placed);
  }
  return out;
}

/**
 * What a bootstrap response cannot be blamed for alone: it overlays the MDM settings (MDM-only
 * keys such as a credential helper stay), so "missing" only means missing unless MDM sets it.
 */
const OVERLAY_CODES = new Set(['missing-required-key', 'missing-credential', 'credential-kind-missing', 'incomplete-group', 'no-provider', 'models-required']);

function remap(f: Finding, location: string, inside: boolean, kind: DetectedKind): Finding {
  const overlay = kind === 'bootstrap-response-json';
  let { code, severity, message } = f;
  let hint = artifactHint(f.code, f.hint, inside);
  if (overlay && OVERLAY_CODES.has(code)) {
    severity = 'warning';
    message = `${message} (unless MDM sets it: a bootstrap response overlays the MDM settings)`;
  }
  if (code === 'unknown-key') {
    // A near miss is a typo whose setting silently does not apply; anything else the app ignores.
    if (hint?.startsWith('did you mean')) code = 'key-typo';
    else {
      severity = 'warning';
      // The count of the unknown keys not listed one by one sits at `settings` itself.
      hint = f.path === 'settings' ? 'Claude Desktop ignores them; remove them, or run `claude-gateway-profile explain` to list the settings' : 'Claude Desktop ignores it; remove it, or run `claude-gateway-profile explain` to list the settings';
    }
  }
  const admxOnly = ADMX_ONLY_LIMITS.get(code);
  if (admxOnly !== undefined && !ADMX_BOUND.has(kind)) {
    // Only Group Policy and Intune ADMX elements have the limit; this file itself can hold it.
    severity = 'warning';
    hint = admxOnly(f.key ?? undefined);
  }
  return finding(code, severity, location, message, hint, f.key ?? undefined);
}

function profileFindings(ctx: ArtifactContext): Finding[] {
  if (ctx.read.json === undefined) return [];
  const scan = ctx.read.jsonScan;
  return validateProfile(ctx.read.json, { now: ctx.now }).findings.map((f) => {
    const path = parseFormattedPath(f.path);
    if (!path || !scan) return f;
    const line = lineOf(scan, path);
    // The path is the validator's, names in full: shown clipped, as every place in a file.
    const place = formatPlace(path);
    return { ...f, path: line === undefined ? place : `line ${line} (${place})` };
  });
}

/**
 * `check`: lints deployed artifacts (and profiles) of every kind the readers know. For each file:
 * detect the kind from its content, read it (structure findings come from the reader), decode its
 * values the way Claude Desktop would, run the artifact rules (`rules/`), run the profile
 * validator on the decoded settings and place its findings in the file (`semantic.ts`); then run
 * the cross-file rules over all files. Pure: bytes in, findings out (file access only through the
 * optional sibling reader and `lstat`).
 */
import { formatPlace } from '../profile/path';
import { keyPlace } from '../read/plist';
import { bytesArg, dateOption, kindOf, objectArg, stringArg } from '../arg-check';
import type { ArtifactRead, DetectedKind } from '../read/detect';
import { lineOf } from '../read/json-artifacts';
import { finding, type Finding } from '../validate/findings';
import { decodeEntries, placeInside, type DecodedSettings } from './decode';
import { ArtifactReadError, readArtifact } from './load';
import { ARTIFACT_RULES, CROSS_FILE_RULES, SUPERSEDES } from './rules';
import { settingsFindings } from './semantic';
import { unsignedCopies } from './unsigned-copies';
import { LINUX_MANAGED_SETTINGS_PATH } from '../catalog/constants';
import { PLIST_KINDS, type ArtifactContext, type CheckInput, type HostView, type LoadedInput, type PathStatter, type SiblingReader } from './types';

export type { CheckInput, LoadedInput, ArtifactContext, ArtifactRule, CrossFileRule, SiblingReader, PathStat, PathStatter } from './types';
export { readArtifact, type ReadArtifactOptions } from './load';
export { decodeEntries, type DecodedSettings } from './decode';

/** Options of {@link checkArtifacts}. */
export interface CheckOptions {
  /** The moment deprecation cut-offs and certificate dates are judged at (default: now). */
  now?: Date;
  /** Trust anchor (PEM) to verify signed profiles' certificate chains against. */
  caPem?: string;
  /** Read every file as this kind instead of detecting it. */
  kind?: DetectedKind;
  /** Reads files beside the inputs (ADML next to ADMX, files listed in manifest.json); none by default. */
  readSibling?: SiblingReader;
  /**
   * Reads a path's own metadata without following a final link (`fs.lstatSync`); none by default.
   * With it, an input whose `path` is the deployed Linux managed file
   * (`/etc/claude-desktop/managed-settings.json`, compared as given, links not resolved) is also
   * judged for what makes Claude Desktop ignore it: the file or its folder a symbolic link, not
   * owned by root, or group- or world-writable. Not done on Windows.
   */
  lstat?: PathStatter;
  /**
   * Skip files that are no artifact `check` can read (a build's `DEPLOY.md` and `egress.txt`, a
   * README beside the artifacts), as the CLI does for files it finds in a folder: such a file gets
   * `skipped: true` and no finding, and does not make the report fail. Default false: every input
   * must be an artifact (an `unknown-kind` error otherwise), as for files named on the command line.
   */
  skipNonArtifacts?: boolean;
  /** For tests: where the deployed managed file is taken to be (default `/etc/claude-desktop/managed-settings.json`). */
  managedSettingsPath?: string;
  /** For tests: the platform judged for (default `process.platform`). */
  platform?: NodeJS.Platform;
}

/** The findings about one file. */
export interface FileReport {
  /** The file's name as given. */
  readonly file: string;
  /** What the file is (from its content, or `--kind`); `unknown` when nothing matched. */
  readonly kind: DetectedKind | 'unknown';
  /** What in the content gave the kind away (or why none was found). */
  readonly reason: string;
  /** False when the file is not an artifact `check` can read at all (exit code 2). */
  readonly readable: boolean;
  /** Errors first, then warnings; each with code, severity, place (`path`), message and fix (`hint`). */
  readonly findings: readonly Finding[];
  /** How many of `findings` are errors. */
  readonly errors: number;
  /** How many of `findings` are warnings. */
  readonly warnings: number;
  /** Set when the file is no artifact and {@link CheckOptions.skipNonArtifacts} left it out of the check. */
  readonly skipped?: true;
}

/** The findings about every file of one run. */
export interface CheckReport {
  /** True when no file has an error and every file was readable (or skipped, see {@link CheckOptions.skipNonArtifacts}). */
  readonly ok: boolean;
  /** One report per input, in the order the inputs were given. */
  readonly files: readonly FileReport[];
}

/**
 * Checks one or more artifacts. Never throws for a bad file: everything wrong with one is a
 * finding. Wrong arguments are programming errors and throw a `TypeError` naming them: `inputs`
 * not an array of `{ name, bytes }` (a string name, the bytes a Buffer or Uint8Array), options not
 * an object, `now` not a valid Date.
 */
export function checkArtifacts(inputs: readonly CheckInput[], options: CheckOptions = {}): CheckReport {
  const files = checkInputs(inputs);
  objectArg(options, 'checkArtifacts: options', true);
  dateOption(options.now, 'checkArtifacts: options.now');
  stringArg(options.caPem, 'checkArtifacts: options.caPem', true);
  const now = options.now ?? new Date();
  const readSibling = options.readSibling ?? (() => undefined);
  const host: HostView | undefined = options.lstat ? { lstat: options.lstat, managedSettingsPath: options.managedSettingsPath ?? LINUX_MANAGED_SETTINGS_PATH, platform: options.platform ?? process.platform } : undefined;
  const perFile = new Map<string, Finding[]>();
  const meta = new Map<string, { kind: DetectedKind | 'unknown'; reason: string; readable: boolean }>();
  const contexts: ArtifactContext[] = [];
  for (const input of files) {
    let loaded: ReturnType<typeof readArtifact>;
    try {
      loaded = readArtifact(input.bytes, { fileName: input.name, ...(options.kind ? { kind: options.kind } : {}), ...(options.caPem ? { caPem: options.caPem } : {}), now });
    } catch (e) {
      meta.set(input.name, { kind: 'unknown', reason: 'unreadable', readable: true });
      perFile.set(input.name, [e instanceof ArtifactReadError ? e.finding : finding('check-failed', 'error', '(file)', `the file could not be read: ${(e as Error).message}`, 'the file is probably damaged; regenerate it')]);
      continue;
    }
    const { detection, read } = loaded;
    meta.set(input.name, { kind: detection.kind, reason: detection.reason, readable: read !== undefined });
    if (!read || detection.kind === 'unknown') {
      perFile.set(input.name, [finding('unknown-kind', 'error', '(file)', `not an artifact check can read: ${detection.reason}`, 'give a .mobileconfig (plain or signed), plist or preference fragment, .reg, ADMX/ADML, profile manifest plist, Intune rows (CSV or Graph JSON), a gateway profile, managed-settings, config-library, bootstrap, Jamf schema or build manifest JSON file')]);
      continue;
    }
    const findings: Finding[] = [...read.findings];
    if (options.kind === 'signed-mobileconfig' && read.kind !== 'signed-mobileconfig' && !findings.some((f) => f.code === 'not-signed')) {
      findings.push(finding('not-signed', 'error', 'signature', 'the file was given as a signed-mobileconfig but is not signed (no CMS envelope)', 'sign it (build with --sign-cert and --sign-key writes <name>.signed.mobileconfig), or check it as --kind mobileconfig'));
    }
    try {
      const ctx = contextFor(input, detection.kind, read, now, options.caPem, host);
      // Loops, not push(...): a hostile file can give more findings than a call takes arguments.
      const add = (more: readonly Finding[]) => {
        for (const f of more) findings.push(f);
      };
      add(ctx.decoded.findings);
      for (const rule of ARTIFACT_RULES) if (rule.appliesTo(ctx.kind)) add(rule.check(ctx));
      add(settingsFindings(ctx));
      contexts.push(ctx);
    } catch (e) {
      // One hostile file (absurd nesting and the like) must not end the run for the others.
      findings.push(finding('check-failed', 'error', '(file)', `the file could not be checked: ${(e as Error).message}`, 'the file is probably damaged; regenerate it'));
    }
    perFile.set(input.name, findings);
  }
  // With --ca, the unsigned copy a signed build writes beside the signed profile is not an error
  // when that signed profile is checked too (unless the kind was forced: then every file must be signed).
  if (options.caPem && !options.kind) {
    for (const ctx of unsignedCopies(contexts)) perFile.set(ctx.input.name, (perFile.get(ctx.input.name) ?? []).filter((f) => f.code !== 'not-signed'));
  }
  for (const rule of CROSS_FILE_RULES) {
    for (const f of rule.check(contexts, readSibling)) {
      const { file, ...rest } = f;
      const target = file !== undefined && perFile.has(file) ? file : contexts[0]?.input.name;
      if (target !== undefined) perFile.get(target)?.push(rest);
    }
  }
  const reports = files.map((input): FileReport => {
    const m = meta.get(input.name) ?? { kind: 'unknown' as const, reason: '', readable: false };
    if (options.skipNonArtifacts && !m.readable) return { file: input.name, kind: m.kind, reason: m.reason, readable: false, findings: [], errors: 0, warnings: 0, skipped: true };
    const findings = tidy(perFile.get(input.name) ?? []);
    const errors = findings.filter((f) => f.severity === 'error').length;
    return { file: input.name, kind: m.kind, reason: m.reason, readable: m.readable, findings, errors, warnings: findings.length - errors };
  });
  return { ok: reports.every((f) => (f.readable || f.skipped === true) && f.errors === 0), files: reports };
}

/** The inputs with their bytes as Buffers; a TypeError naming the first bad one. */
function checkInputs(inputs: unknown): LoadedInput[] {
  if (!Array.isArray(inputs)) throw new TypeError(`checkArtifacts: inputs must be an array of { name, bytes } (one per file), not ${kindOf(inputs)}`);
  return inputs.map((input: unknown, i): LoadedInput => {
    objectArg(input, `checkArtifacts: inputs[${i}]`);
    const { name, bytes } = input as { name?: unknown; bytes?: unknown };
    stringArg(name, `checkArtifacts: inputs[${i}].name`);
    return { ...(input as CheckInput), bytes: bytesArg(bytes, `checkArtifacts: inputs[${i}].bytes`) };
  });
}

/** Builds what rules see about one read file. */
function contextFor(input: LoadedInput, kind: DetectedKind, read: ArtifactRead, now: Date, caPem: string | undefined, host: HostView | undefined): ArtifactContext {
  const decoded = decodeEntries(read);
  return { input, kind, read, decoded, now, ...(caPem ? { caPem } : {}), ...(host ? { host } : {}), locate: locator(kind, read, decoded) };
}

/**
 * Places `key` (and a path inside its value) in the file: plist locations extend the key path
 * (`PayloadContent[0].inferenceModels[1].name`); lines name the path in brackets
 * (`line 7 (inferenceModels[1].name)`), at the line of the inner value for native JSON.
 */
function locator(kind: DetectedKind, read: ArtifactRead, decoded: DecodedSettings): (key: string, inside?: readonly (string | number)[]) => string {
  const first = read.entries[0];
  let container = '(file)';
  if (first && PLIST_KINDS.includes(kind)) {
    // The location is keyPlace(container, key): the key's own part is the key as it is shown.
    const own = keyPlace('', first.key);
    container = first.location === own ? '(root dictionary)' : first.location.slice(0, first.location.length - own.length - 1);
  } else if (read.jsonScan) container = kind === 'profile-json' ? `line ${lineOf(read.jsonScan, ['settings']) ?? 1} (settings)` : '(root)';
  return (key, inside = []) => {
    if (key === '') return container;
    const base = decoded.locations.get(key);
    if (base === undefined) return inside.length ? `${container} (${formatPlace([key, ...inside])})` : container;
    const raw = decoded.settings[key];
    if (inside.length > 0 && !PLIST_KINDS.includes(kind) && read.jsonScan && typeof raw !== 'string') {
      const path = kind === 'profile-json' ? ['settings', key, ...inside] : [key, ...inside];
      return `line ${lineOf(read.jsonScan, path) ?? 1} (${formatPlace([key, ...inside])})`;
    }
    return placeInside(kind, base, key, inside);
  };
}

/** Drops superseded and repeated findings; errors first, otherwise in the order found. */
function tidy(findings: readonly Finding[]): Finding[] {
  const drop = new Set<Finding>();
  for (const f of findings) {
    const weaker = SUPERSEDES[f.code];
    if (!weaker) continue;
    for (const g of findings) if (g !== f && (weaker.anywhere || g.path === f.path) && weaker.codes.includes(g.code)) drop.add(g);
  }
  const seen = new Set<string>();
  const kept = findings.filter((f) => {
    if (drop.has(f)) return false;
    const id = `${f.code}|${f.path}|${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  // Errors first; within each, by line for line-numbered files (others keep the order found).
  const line = (f: Finding): number => Number(/^line (\d+)/.exec(f.path)?.[1] ?? Infinity);
  const byLine = (a: Finding, b: Finding): number => (line(a) === line(b) ? 0 : line(a) < line(b) ? -1 : 1);
  return [...kept.filter((f) => f.severity === 'error').sort(byLine), ...kept.filter((f) => f.severity !== 'error').sort(byLine)];
}

/** Checks one file (convenience for {@link checkArtifacts} with one input). */
export function checkArtifact(bytes: Buffer | Uint8Array, name: string, options: CheckOptions = {}): FileReport {
  const content = bytesArg(bytes, 'checkArtifact: bytes');
  stringArg(name, 'checkArtifact: name');
  return checkArtifacts([{ name, bytes: content }], options).files[0] as FileReport;
}

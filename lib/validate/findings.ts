import { clipWithLength } from '../escape/clip';
import type { PathSegment } from '../profile/path';
import { formatPath } from '../profile/path';

/** How bad a finding is: errors stop a build, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem found in a profile or an artifact. */
export interface Finding {
  /** A stable code, such as `unknown-key` or `not-https`, for scripts and suppression lists. */
  readonly code: string;
  /** `error`: the profile or file cannot be used as it is; `warning`: it can, but something needs a look. */
  readonly severity: Severity;
  /** Where: `settings.inferenceModels[1].name`, or a place in a file for artifacts. */
  readonly path: string;
  /** What is wrong. Never contains a secret value. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** The catalogue key concerned, when there is one. */
  readonly key?: string;
  /** The file concerned, when findings come from several files. */
  readonly file?: string;
}

/** Builds a finding from a path given as segments. */
export function finding(code: string, severity: Severity, path: readonly PathSegment[] | string, message: string, hint?: string, key?: string): Finding {
  const p = typeof path === 'string' ? path : formatPath(path);
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { code, severity, path: p, message };
  if (hint) f.hint = hint;
  if (key) f.key = key;
  return f;
}

/**
 * The longest path a finding shows in the CLI's output and in error messages. A path names the
 * profile's own keys, and a key can be a megabyte of text: the validator keeps such paths exact
 * (rules compare them), so they are clipped only where they are shown.
 */
export const SHOWN_PATH_LENGTH = 200;

/** `f` as it is shown: a path longer than {@link SHOWN_PATH_LENGTH} clipped, its length said. */
export function shownFinding<T extends Finding>(f: T): T {
  return f.path.length > SHOWN_PATH_LENGTH ? { ...f, path: clipWithLength(f.path, SHOWN_PATH_LENGTH) } : f;
}

/**
 * Formats a finding on one line: `severity: [file: ]path: message (hint) [code]` (the hint only
 * when there is one; the path as {@link shownFinding} shows it).
 */
export function formatFinding(f: Finding): string {
  const path = shownFinding(f).path;
  const where = f.file ? `${f.file}: ${path}` : path;
  return `${f.severity}: ${where}: ${f.message}${f.hint ? ` (${f.hint})` : ''} [${f.code}]`;
}

/** Whether any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Thrown when a profile cannot be built; carries every finding, not only the first. */
export class ProfileValidationError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(`profile is invalid: ${errors.length} error(s)\n${errors.map(formatFinding).join('\n')}`);
    this.name = 'ProfileValidationError';
  }
}

/**
 * `a, b, c and 4 more`: the first `max` names of a list for a message, then how many are left out.
 * `separator` joins them (`'; '` for whole messages, which hold commas themselves).
 */
export function someOf(names: readonly string[], max: number, separator = ', '): string {
  return names.length > max ? `${names.slice(0, max).join(separator)}${separator === ', ' ? '' : separator.trimEnd()} and ${names.length - max} more` : names.join(separator);
}

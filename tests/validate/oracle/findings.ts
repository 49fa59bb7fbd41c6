/** Oracle copy of `finding` (lib/validate/findings.ts before the speed work); the rest is lib's. */
import type { Finding, Severity } from '../../../lib/validate/findings';
import type { PathSegment } from './path';
import { formatPath } from './path';

export { hasErrors, ProfileValidationError, formatFinding, type Finding, type Severity } from '../../../lib/validate/findings';

/** Builds a finding from a path given as segments. */
export function finding(code: string, severity: Severity, path: readonly PathSegment[] | string, message: string, hint?: string, key?: string): Finding {
  const p = typeof path === 'string' ? path : formatPath(path);
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { code, severity, path: p, message };
  if (hint) f.hint = hint;
  if (key) f.key = key;
  return f;
}

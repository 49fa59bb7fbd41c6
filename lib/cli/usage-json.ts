/**
 * The `--json` document of a usage error (exit 2: a bad option, a missing or unreadable file, an
 * --out that cannot be written…): with `--json`, every verb that has it prints its usual document
 * with `ok: false` and one `usage` finding on stdout instead of the text line on stderr, so a
 * script that parses stdout always gets JSON (docs/check-json.md, "Usage errors with --json").
 */
import { finding, type Finding } from '../validate/findings';
import type { JsonFinding } from './check-cmd';

/** Where a usage finding points: the command line, not a place in a file. */
export const USAGE_LOCATION = '(command line)';

/**
 * The code of such a finding: `usage`, or `internal-error` for an unexpected failure (a bug), which
 * gets the same document so that stdout is JSON whatever happened.
 */
export type FailureCode = 'usage' | 'internal-error';

/** A usage error as a finding in the form of `validate --json` and `build --json` (`path`). */
export function usageFinding(message: string, code: FailureCode = 'usage'): Finding {
  return finding(code, 'error', USAGE_LOCATION, message);
}

/** A usage error as a finding in the form of `check`, `import`, `diff` and `explain` (`location`). */
export function usageJsonFinding(message: string, code: FailureCode = 'usage'): JsonFinding {
  const f = usageFinding(message, code);
  return { code: f.code, severity: f.severity, location: f.path, message: f.message };
}

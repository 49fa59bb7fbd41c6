/**
 * The moment the CLI judges dates at: deprecation cut-offs of retired key names and shapes (which
 * decide between a warning and an error, and the wording DEPLOY.md carries) and certificate
 * validity. By default the system clock; `SOURCE_DATE_EPOCH` (seconds since 1970, the
 * reproducible-builds.org convention release jobs already set) pins it, so the same input gives
 * the same artifacts on any day.
 */
import { UsageError } from './io';

/** The environment variable that pins the CLI's clock. */
export const SOURCE_DATE_EPOCH = 'SOURCE_DATE_EPOCH';

/**
 * The pinned moment from `env`, or undefined when the variable is unset or empty (then each
 * check uses the system clock). A value that is not a whole number of seconds is a usage error:
 * the convention asks tools to refuse it rather than fall back to the clock silently.
 */
export function referenceTime(env: Readonly<Record<string, string | undefined>>): Date | undefined {
  const raw = env[SOURCE_DATE_EPOCH];
  if (raw === undefined || raw === '') return undefined;
  const seconds = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isSafeInteger(seconds) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${SOURCE_DATE_EPOCH}="${raw}" is not a time: set it to whole seconds since 1970-01-01 UTC (e.g. the last commit's: git log -1 --format=%ct), or unset it to use the clock`);
  }
  return date;
}

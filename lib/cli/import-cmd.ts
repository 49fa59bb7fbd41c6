/**
 * `claude-gateway-profile import <artifact> [--out profile.json] [--force] [--json]
 * [--name N] [--identifier ID] [--scope machine|user] [--kind KIND]`: turns a deployed artifact
 * back into a profile. Without `--out` the profile goes to stdout; what the import changed and
 * warns about goes to stderr (or into `--json`). Exit 0 when the imported profile is valid, 1 when
 * it was imported but `validate` finds errors in it, 2 for usage problems or a file that cannot
 * be imported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { importArtifact, ImportError, type ImportResult } from '../import';
import { ALL_KINDS, isDetectedKind } from '../read/detect';
import { formatFinding, type Finding } from '../validate/findings';
import { flagValue, parseArgs, parseArgsLoosely } from './args';
import { jsonFinding } from './check-cmd';
import { referenceTime } from './clock';
import { checkOutFile, EXIT, UsageError, writeFileReplacing, type CliIo } from './io';
import { MAX_PROFILE_BYTES, readInputFile } from './read-json';
import { usageJsonFinding, type FailureCode } from './usage-json';

export const FLAGS = { out: 'value', force: 'boolean', json: 'boolean', name: 'value', identifier: 'value', scope: 'value', kind: 'value' } as const;

/** Runs `import`. */
export function importCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length !== 1) throw new UsageError('import takes one artifact: claude-gateway-profile import policy.mobileconfig --out profile.json');
  const file = args.positional[0] as string;
  const scope = flagValue(args, 'scope');
  if (scope !== undefined && scope !== 'machine' && scope !== 'user') throw new UsageError(`--scope must be machine or user, not "${scope}"`);
  const kind = flagValue(args, 'kind');
  if (kind !== undefined && !isDetectedKind(kind)) throw new UsageError(`--kind: unknown kind "${kind}"; choose from ${ALL_KINDS.join(', ')}`);
  const outArg = flagValue(args, 'out');
  const out = outArg ? resolve(io.cwd, outArg) : undefined;
  if (out) checkOutFile(out, outArg as string);
  if (out && existsSync(out) && !args.flags.has('force')) throw new UsageError(`${outArg} already exists; use --force to replace it`);
  const name = flagValue(args, 'name');
  const identifier = flagValue(args, 'identifier');
  const now = referenceTime(io.env);

  const full = resolve(io.cwd, file);
  const bytes = readInputFile(io.cwd, file, MAX_PROFILE_BYTES * 4);
  let result: ImportResult;
  try {
    const displayName = configLibraryName(full);
    result = importArtifact(bytes, {
      fileName: file,
      ...(now ? { now } : {}),
      ...(kind ? { kind } : {}),
      ...(name ? { name } : {}),
      ...(identifier ? { identifier } : {}),
      ...(scope ? { scope } : {}),
      ...(displayName ? { displayName } : {}),
    });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    if (args.flags.has('json')) {
      io.stdout(`${JSON.stringify({ ok: false, file, error: e.message, findings: e.findings.map(jsonFinding) }, null, 2)}\n`);
      return EXIT.usage;
    }
    // Every reason with its place (`file: line 3: …`, `file: signature: …`, `file: (file): …`).
    for (const f of e.findings) io.stderr(`${formatFinding({ ...f, file })}\n`);
    const repeated = e.findings.some((f) => f.message === e.summary);
    io.stderr(`claude-gateway-profile import: ${file}: not imported${repeated ? '' : `: ${e.summary}`}\n`);
    return EXIT.usage;
  }
  if (out) {
    try {
      writeFileReplacing(out, result.text);
    } catch (e) {
      throw new UsageError(`cannot write ${outArg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; check that its folder exists and that you may write there`);
    }
  }
  const invalid = result.validation.some((f) => f.severity === 'error');
  if (args.flags.has('json')) {
    const body = {
      ok: !invalid,
      file,
      kind: result.kind,
      ...(out ? { out: outArg } : { profile: result.profile }),
      changes: result.changes.map(jsonFinding),
      warnings: result.warnings.map(jsonFinding),
      validation: result.validation.map(jsonFinding),
    };
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
    return invalid ? EXIT.invalid : EXIT.ok;
  }
  if (!out) io.stdout(result.text);
  const say = (label: string, fs: readonly Finding[]) => {
    for (const f of fs) io.stderr(`${label}${formatFinding({ ...f, file })}\n`);
  };
  say('changed: ', result.changes);
  say('', result.warnings);
  say('', result.validation);
  const settings = Object.keys(result.profile.settings).length;
  io.stderr(`${file} (${result.kind}): imported ${settings} setting(s)${out ? ` into ${outArg}` : ''}; ${result.changes.length} change(s), ${result.warnings.length} warning(s)${invalid ? '; the profile has errors: fix them before building (claude-gateway-profile validate)' : ''}\n`);
  return invalid ? EXIT.invalid : EXIT.ok;
}

/** A config-library entry's display name, from the `_meta.json` beside it (the app keeps names there). */
function configLibraryName(full: string): string | undefined {
  const id = basename(full).replace(/\.json$/i, '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(join(dirname(full), '_meta.json'), 'utf8')) as { entries?: { id?: unknown; name?: unknown }[] };
    const entry = meta.entries?.find((e) => e.id === id);
    return typeof entry?.name === 'string' ? entry.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `import --json` after a usage error (a bad option, an unreadable file, an --out that exists or
 * cannot be written): `definitions/importFailure` with one `usage` finding; `file` is the
 * artifact as given, empty when none was.
 */
export function usageJson(argv: readonly string[], message: string, code?: FailureCode): object {
  const { positional } = parseArgsLoosely(argv, FLAGS);
  return { ok: false, file: positional.length === 1 ? (positional[0] as string) : '', error: message, findings: [usageJsonFinding(message, code)] };
}

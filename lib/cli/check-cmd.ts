/**
 * `claude-gateway-profile check <file|folder…> [--json] [--strict] [--ca ca.pem] [--kind KIND]`:
 * lints deployed artifacts and profiles. Exit 0 when no file has an error (warnings allowed unless
 * `--strict`), 1 when one has, 2 for usage problems or a named file that cannot be read as any
 * artifact. Folders are walked; files in them that are no artifact (DEPLOY.md…) are skipped.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkArtifacts, type CheckOptions, type CheckReport, type FileReport } from '../check';
import type { CheckInput, PathStat } from '../check/types';
import { ALL_KINDS, isDetectedKind } from '../read/detect';
import { formatFinding, type Finding } from '../validate/findings';
import { flagValue, parseArgs, parseArgsLoosely } from './args';
import { referenceTime } from './clock';
import { EXIT, UsageError, type CliIo } from './io';
import { MAX_PROFILE_BYTES, readInputFile } from './read-json';
import { usageJsonFinding, type FailureCode } from './usage-json';
import { pushAll } from '../push-all';

export const FLAGS = { json: 'boolean', strict: 'boolean', ca: 'value', kind: 'value' } as const;

/** A finding as `check --json` prints it (see docs/check-json.md). */
export interface JsonFinding {
  code: string;
  severity: 'error' | 'warning';
  location: string;
  message: string;
  fix?: string;
  key?: string;
}

/** Turns a finding into its `--json` form: `path` is the place in the file, `hint` the fix. */
export function jsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = { code: f.code, severity: f.severity, location: f.path, message: f.message };
  if (f.hint) out.fix = f.hint;
  if (f.key) out.key = f.key;
  return out;
}

interface Gathered {
  inputs: CheckInput[];
  /** Names of inputs found by walking a folder (not named on the command line). */
  fromFolders: Set<string>;
  /** Named files that could not be read from disk. */
  unreadable: { file: string; reason: string }[];
}

/** What tests may put in place of the machine: the deployed managed-file path, `lstat`, the platform. */
export type CheckHostOptions = Pick<CheckOptions, 'lstat' | 'managedSettingsPath' | 'platform'>;

/** Runs `check`. `host` is for tests (default: the real `lstat`, path and platform). */
export function checkCommand(argv: readonly string[], io: CliIo, host: CheckHostOptions = {}): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length === 0) throw new UsageError('check needs at least one file or folder: claude-gateway-profile check profile.mobileconfig');
  const kind = flagValue(args, 'kind');
  if (kind !== undefined && !isDetectedKind(kind)) throw new UsageError(`--kind: unknown kind "${kind}"; choose from ${ALL_KINDS.join(', ')}`);
  const caFile = flagValue(args, 'ca');
  const caPem = caFile ? readInputFile(io.cwd, caFile, 1024 * 1024).toString('utf8') : undefined;
  if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${caFile}: no PEM certificate in the file`);
  const strict = args.flags.has('strict');

  const now = referenceTime(io.env);
  const gathered = gather(io, args.positional);
  const report = checkArtifacts(gathered.inputs, {
    ...(now ? { now } : {}),
    ...(caPem ? { caPem } : {}),
    ...(kind ? { kind } : {}),
    readSibling: (path) => readSibling(path),
    lstat: lstatOrNothing,
    ...host,
  });
  // Files met while walking a folder that are no artifact are skipped, not failures.
  const skipped = report.files.filter((f) => !f.readable && gathered.fromFolders.has(f.file));
  const files = report.files.filter((f) => !skipped.includes(f));
  const unreadable = gathered.unreadable.length > 0 || files.some((f) => !f.readable);
  const errors = files.reduce((n, f) => n + f.errors, 0) + gathered.unreadable.length;
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  const code = unreadable ? EXIT.usage : errors > 0 || (strict && warnings > 0) ? EXIT.invalid : EXIT.ok;

  if (args.flags.has('json')) {
    const body = {
      ok: code === EXIT.ok,
      exitCode: code,
      strict,
      summary: { files: files.length + gathered.unreadable.length, errors, warnings },
      files: [
        ...files.map((f) => fileJson(f, strict)),
        ...gathered.unreadable.map((u) => ({ file: u.file, kind: 'unknown', reason: u.reason, readable: false, ok: false, errors: 1, warnings: 0, findings: [{ code: 'unreadable-file', severity: 'error' as const, location: '(file)', message: u.reason }] })),
      ],
      skipped: skipped.map((f) => ({ file: f.file, reason: f.reason })),
    };
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
    return code;
  }
  for (const u of gathered.unreadable) io.stderr(`error: ${u.file}: ${u.reason} [unreadable-file]\n`);
  printText(io, { ok: report.ok, files }, strict);
  for (const s of skipped) io.stdout(`${s.file}: skipped (${s.reason})\n`);
  if (files.length + gathered.unreadable.length > 1) {
    io.stdout(`${files.length + gathered.unreadable.length} files: ${errors} error(s), ${warnings} warning(s)${code === EXIT.ok ? '' : strict && errors === 0 ? ' (--strict: warnings fail)' : ''}\n`);
  }
  return code;
}

function fileJson(f: FileReport, strict: boolean): object {
  return { file: f.file, kind: f.kind, reason: f.reason, readable: f.readable, ok: f.readable && f.errors === 0 && (!strict || f.warnings === 0), errors: f.errors, warnings: f.warnings, findings: f.findings.map(jsonFinding) };
}

function printText(io: CliIo, report: CheckReport, strict: boolean): void {
  for (const f of report.files) {
    for (const finding of f.findings) io.stdout(`${formatFinding({ ...finding, file: f.file })}\n`);
    const verdict = !f.readable ? 'not checked' : f.errors > 0 ? `${f.errors} error(s), ${f.warnings} warning(s)` : f.warnings > 0 ? `ok, ${f.warnings} warning(s)${strict ? ' (fail with --strict)' : ''}` : 'ok';
    io.stdout(`${f.file} (${f.kind}): ${verdict}\n`);
  }
}

/** Files as named, and every file below named folders (sorted; dot files skipped). */
function gather(io: CliIo, args: readonly string[]): Gathered {
  const out: Gathered = { inputs: [], fromFolders: new Set(), unreadable: [] };
  const seen = new Set<string>();
  const show = (p: string): string => {
    const rel = relative(io.cwd, p);
    return rel && !rel.startsWith('..') ? rel : p;
  };
  const add = (full: string, fromFolder: boolean): void => {
    if (seen.has(full)) return;
    seen.add(full);
    const name = show(full);
    try {
      out.inputs.push({ name, bytes: readInputFile(io.cwd, full, MAX_PROFILE_BYTES * 4), path: full });
      if (fromFolder) out.fromFolders.add(name);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      out.unreadable.push({ file: name, reason: e.message.replace(/^.*?: /, '') });
    }
  };
  for (const arg of args) {
    const full = resolve(io.cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      out.unreadable.push({ file: arg, reason: 'no such file or folder' });
      continue;
    }
    if (isDir) for (const f of filesBelow(full)) add(f, true);
    else add(full, false);
  }
  return out;
}

/**
 * Every file below `dir`, in sorted order, subfolders included and dot files skipped. Exported for
 * its test: a subfolder can hold more files than one call can take as arguments.
 */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) pushAll(out, filesBelow(full));
    else if (st.isFile()) out.push(full);
  }
  return out;
}

/** A path's own metadata (a link is not followed), or undefined when it cannot be read. */
function lstatOrNothing(path: string): PathStat | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function readSibling(path: string): Buffer | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_PROFILE_BYTES * 4) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `check --json` after a usage error (a bad option, an unreadable `--ca`…): the usual document
 * with no file checked, exit code 2, and the reason in `findings`. (A named file that cannot be
 * read is no usage error: it is listed in `files` with `unreadable-file`.)
 */
export function usageJson(argv: readonly string[], message: string, code?: FailureCode): object {
  const strict = parseArgsLoosely(argv, FLAGS).flags.has('strict');
  return { ok: false, exitCode: EXIT.usage, strict, summary: { files: 0, errors: 1, warnings: 0 }, files: [], skipped: [], findings: [usageJsonFinding(message, code)] };
}

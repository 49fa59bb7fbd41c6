/**
 * `claude-gateway-profile build <profile.json…> --out DIR …`: builds every profile and writes its
 * files into a temporary folder inside DIR as soon as it is built (so memory holds one profile's
 * bytes at a time: 10,000 profiles stay within a few hundred MB), then moves every profile folder
 * into place only when all of them built; otherwise the temporary folder is removed and nothing
 * changes. A move into place that fails is undone with the moves before it (see `Staging.commit`).
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { buildArtifacts, isOutputFormat, OUTPUT_FORMATS, type BuildResult, type OutputFormat, type SigningMaterial } from '../build';
import { formatFinding, ProfileValidationError, shownFinding, type Finding } from '../validate/findings';
import { finding } from '../validate/findings';
import { flagValue, parseArgs, parseArgsLoosely, type ParsedArgs } from './args';
import { referenceTime } from './clock';
import { expandInputs } from './inputs';
import { EXIT, UsageError, type CliIo } from './io';
import { decodeUtf8, parseJsonText, readInputFile } from './read-json';
import { usageFinding, type FailureCode } from './usage-json';
import { pushAll } from '../push-all';

export const FLAGS = {
  out: 'value', formats: 'value', 'payload-form': 'value', 'sign-cert': 'value', 'sign-key': 'value', 'sign-chain': 'value',
  'sign-passphrase-env': 'value', json: 'boolean', force: 'boolean',
} as const;

/**
 * What is kept of a built profile once its files are written: no bytes, and the file list only
 * for --json (a 10,000-profile build would otherwise hold 190,000 file records until the end).
 */
type BuiltSummary = Pick<BuildResult, 'name' | 'identifier' | 'scope' | 'warnings'> & { fileCount: number; files?: Pick<BuildResult['files'][number], 'path' | 'size' | 'sha256' | 'mediaType' | 'containsSecrets'>[] };

interface Built {
  file: string;
  result: BuiltSummary;
}

export async function buildCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const outArg = flagValue(args, 'out');
  if (!outArg) throw new UsageError('--out DIR is required: claude-gateway-profile build profile.json --out out');
  if (args.positional.length === 0) throw new UsageError('build needs at least one profile file, folder or glob');
  const formats = parseFormats(flagValue(args, 'formats'));
  const payloadForm = flagValue(args, 'payload-form') ?? 'direct';
  if (payloadForm !== 'direct' && payloadForm !== 'mcx') throw new UsageError(`--payload-form must be direct or mcx, not "${payloadForm}"`);
  const now = referenceTime(io.env);
  const signing = readSigning(args, io, now);
  const files = expandInputs(io.cwd, args.positional);
  const signingFiles = (['sign-cert', 'sign-key', 'sign-chain'] as const).flatMap((f) => flagValue(args, f) ?? []).map((f) => resolve(io.cwd, f));
  const out = resolve(io.cwd, outArg);
  const json = args.flags.has('json');
  // Remembered per path: each warning names its file, and dozens of path.relative calls make
  // Node's path code hot enough for V8 to spend milliseconds optimizing it in a one-profile build.
  const shown = new Map<string, string>();
  const show = (p: string) => {
    let s = shown.get(p);
    if (s === undefined) {
      const rel = relative(io.cwd, p);
      s = rel && !rel.startsWith('..') ? rel : p;
      shown.set(p, s);
    }
    return s;
  };
  checkOutFolder(out, show);

  const built: Built[] = [];
  const failures: Finding[] = [];
  const duplicates: Finding[] = [];
  const firstWithName = new Map<string, string>();
  const firstWithIdentifier = new Map<string, string>();
  const existing: string[] = [];
  // Existing DIR/<name> folders a build must never replace, --force or not (see ReplaceGuard).
  const guard = new ReplaceGuard([...files, ...signingFiles], show);
  const refused: string[] = [];
  const force = args.flags.has('force');
  const staging = new Staging(out, show);
  // isTTY last: the real one loads node:tty, which a one-profile build has no use for.
  const progress = !json && files.length >= 10 && io.isTTY;
  try {
    for (const [i, file] of files.entries()) {
      if (progress && (i % 25 === 0 || i === files.length - 1)) io.stderr(`\rbuilding ${i + 1}/${files.length}`);
      const r = buildOne(io, file, { formats, payloadForm, ...(signing ? { signing } : {}), now });
      if ('findings' in r) {
        pushAll(failures, r.findings.map((f) => ({ ...f, file: show(file) })));
        continue;
      }
      const { name, identifier } = r.result;
      const first = firstWithName.get(name);
      const firstId = firstWithIdentifier.get(identifier);
      if (first) duplicates.push({ ...finding('duplicate-profile-name', 'error', 'name', `"${name}" is also the name of ${show(first)}; both would write ${name}/`, 'give each profile its own name'), file: show(file) });
      // The identifier makes the PayloadIdentifier, the PayloadUUIDs and the config-library id:
      // on a device the second profile would silently replace the first.
      if (firstId) duplicates.push({ ...finding('duplicate-profile-identifier', 'error', 'identifier', `"${identifier}" is also the identifier of ${show(firstId)}; both profiles would get the same PayloadIdentifier and configuration-library id, so on a device one would silently replace the other`, 'give each profile its own identifier'), file: show(file) });
      if (first || firstId) continue;
      firstWithName.set(name, file);
      firstWithIdentifier.set(identifier, file);
      const dest = join(out, name);
      if (lstatSync(dest, { throwIfNoEntry: false })) {
        const problem = guard.refusal(dest);
        if (problem) refused.push(problem);
        else existing.push(dest);
      }
      // Once anything failed, nothing will be moved into place: stop writing, keep checking.
      if (failures.length === 0 && duplicates.length === 0 && refused.length === 0 && (force || existing.length === 0)) staging.write(r.result);
      built.push({ file, result: summary(r.result, json) });
    }
  } catch (e) {
    staging.abort();
    throw e;
  }
  if (progress) io.stderr('\n');
  failures.push(...duplicates);

  if (failures.some((f) => f.severity === 'error')) {
    staging.abort();
    report(io, json, { ok: false, out, built: [], findings: failures, show });
    return EXIT.invalid;
  }
  if (refused.length) {
    staging.abort();
    throw new UsageError(`${refused.join('\n')}\nNothing was written.`);
  }
  if (existing.length && !force) {
    staging.abort();
    throw new UsageError(`${existing.map(show).join(', ')} already exist${existing.length === 1 ? 's' : ''}; use --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
  }
  const leftover = staging.commit();
  if (leftover) io.stderr(`warning: ${leftover}\n`);
  report(io, json, { ok: true, out, built, findings: built.flatMap((b) => b.result.warnings.map((w) => ({ ...w, file: show(b.file) }))), show });
  return EXIT.ok;
}

function summary(r: BuildResult, withFiles: boolean): BuiltSummary {
  const out: BuiltSummary = { name: r.name, identifier: r.identifier, scope: r.scope, warnings: r.warnings, fileCount: r.files.length };
  if (withFiles) out.files = r.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mediaType: f.mediaType, containsSecrets: f.containsSecrets }));
  return out;
}

function parseFormats(text: string | undefined): OutputFormat[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !isOutputFormat(n));
  if (bad.length || names.length === 0) throw new UsageError(`--formats: unknown format ${bad.join(', ') || '(none)'}; choose from ${OUTPUT_FORMATS.join(', ')}`);
  return names as OutputFormat[];
}

function readSigning(args: ParsedArgs, io: CliIo, now: Date | undefined): SigningMaterial | undefined {
  const cert = flagValue(args, 'sign-cert');
  const key = flagValue(args, 'sign-key');
  const chain = flagValue(args, 'sign-chain');
  const passEnv = flagValue(args, 'sign-passphrase-env');
  if (!cert && !key) {
    if (chain || passEnv) throw new UsageError('--sign-chain and --sign-passphrase-env need --sign-cert and --sign-key');
    return undefined;
  }
  if (!cert || !key) throw new UsageError('signing needs both --sign-cert and --sign-key');
  const text = (f: string) => readInputFile(io.cwd, f, 1024 * 1024).toString('utf8');
  const material: SigningMaterial = { certificatePem: text(cert), privateKeyPem: text(key) };
  if (chain) material.chainPem = text(chain);
  if (now) material.now = now;
  if (passEnv) {
    const pass = io.env[passEnv];
    if (pass === undefined) throw new UsageError(`--sign-passphrase-env ${passEnv}: that environment variable is not set`);
    material.passphrase = pass;
  }
  return material;
}

function buildOne(io: CliIo, file: string, options: { formats: OutputFormat[] | undefined; payloadForm: 'direct' | 'mcx'; signing?: SigningMaterial; now: Date | undefined }): { result: BuildResult } | { findings: Finding[] } {
  const decoded = decodeUtf8(readInputFile(io.cwd, file));
  if (!decoded.ok) return { findings: [decoded.finding] };
  const parsed = parseJsonText(decoded.text);
  if (!parsed.ok) return { findings: [parsed.finding] };
  try {
    return { result: buildArtifacts(parsed.value, { ...(options.formats ? { formats: options.formats } : {}), payloadForm: options.payloadForm, ...(options.signing ? { signing: options.signing } : {}), ...(options.now ? { now: options.now } : {}), env: io.env }) };
  } catch (e) {
    if (e instanceof ProfileValidationError) return { findings: [...e.findings] };
    return { findings: [finding('build-failed', 'error', '(build)', (e as Error).message)] };
  }
}

/**
 * The temporary folder a build writes into (`DIR/.cgp-tmp-…`, on the same file system as DIR so
 * the final moves are renames). Created on the first write; `commit` moves every written profile
 * folder into place (an existing one is replaced), `abort` removes every trace, including the
 * folders this build created for DIR when they are empty.
 */
class Staging {
  private tmp: string | undefined;
  /** The outermost folder `mkdirSync(out, { recursive })` created, if it created any. */
  private createdFrom: string | undefined;
  private readonly names: string[] = [];
  /** Folders already created under the temporary folder (one mkdir per folder, not per file). */
  private readonly dirs = new Set<string>();

  constructor(
    private readonly out: string,
    private readonly show: (p: string) => string,
  ) {}

  write(r: BuildResult): void {
    if (this.tmp === undefined) {
      try {
        this.createdFrom = makeFolders(this.out);
        this.tmp = mkdtempSync(join(this.out, '.cgp-tmp-'));
      } catch (e) {
        this.removeCreatedOut();
        throw fsProblem(e, `cannot create a folder in ${this.show(this.out)}`, 'check that you may write there, or choose another --out folder');
      }
    }
    // Paths are put together by hand, not with path.join: ~30 joins of long paths per profile make
    // Node's normalizeString hot enough for V8 to optimize it, a 2.5 ms compile on a one-core run.
    const base = `${this.tmp}${sep}${r.name}`;
    for (const f of r.files) {
      const parts = artifactPathParts(f.path);
      const name = parts.pop() as string;
      const dir = parts.length === 0 ? base : `${base}${sep}${parts.join(sep)}`;
      const file = `${dir}${sep}${name}`;
      try {
        if (!this.dirs.has(dir)) {
          mkdirSync(dir, { recursive: true });
          this.dirs.add(dir);
        }
        writeFileSync(file, f.bytes);
      } catch (e) {
        throw fsProblem(e, `cannot write ${this.show(file)}`, 'free some space or check that you may write to the --out folder, then run the build again');
      }
    }
    this.names.push(r.name);
  }

  /**
   * Moves every written profile folder into place, all or nothing: an existing `DIR/<name>` is
   * first moved into the temporary folder (`.old-<name>`), then the new one takes its place. When
   * a move fails (a program holds a file open: EBUSY/EPERM on Windows; EACCES; EXDEV when
   * `DIR/<name>` is a mount point…), the moves already made are undone in reverse order, so every
   * previous folder is back where it was, and the error says which folder and why. If undoing
   * fails too, the temporary folder is kept (it holds the previous folders) and the error says
   * where each one was left. Returns a warning when the build is in place but the temporary
   * folder (with the replaced folders) could not be removed.
   */
  commit(): string | undefined {
    if (this.tmp === undefined) return undefined;
    const tmp = this.tmp;
    const done: Move[] = [];
    let current: Move | undefined;
    try {
      for (const name of this.names) {
        const dest = join(this.out, name);
        if (existsSync(dest)) {
          current = { name, from: dest, to: join(tmp, `.old-${name}`), old: true };
          renameSync(current.from, current.to);
          done.push(current);
        }
        current = { name, from: join(tmp, name), to: dest, old: false };
        renameSync(current.from, current.to);
        done.push(current);
      }
    } catch (e) {
      throw this.rollback(done, current as Move, e);
    }
    this.tmp = undefined;
    this.dirs.clear();
    try {
      removeDir(tmp);
    } catch (e) {
      return `the build is in place, but ${this.show(tmp)} (the folders it replaced) could not be removed (${describeFsError(e)}): delete it yourself`;
    }
    return undefined;
  }

  abort(): void {
    if (this.tmp === undefined) return;
    rmSync(this.tmp, { recursive: true, force: true });
    this.removeCreatedOut();
    this.tmp = undefined;
    this.dirs.clear();
  }

  /** Undoes `done` (newest first) after `failed` threw `error`; returns the error to report. */
  private rollback(done: Move[], failed: Move, error: unknown): UsageError {
    const what = failed.old ? `cannot move ${this.show(failed.from)} aside to replace it` : `cannot move the new build into ${this.show(failed.to)}`;
    const stuck = new Map<string, { move: Move; error: unknown }>();
    for (const m of [...done].reverse()) {
      // A name whose newer move could not be undone keeps its older move too: its place is taken.
      if (stuck.has(m.name)) continue;
      try {
        renameSync(m.to, m.from);
      } catch (e) {
        stuck.set(m.name, { move: m, error: e });
      }
    }
    const hint = hintFor(error);
    if (stuck.size === 0) {
      this.abort();
      return new UsageError(`${what}: ${describeFsError(error)}; nothing was changed, every folder in ${this.show(this.out)} is as it was before the build. ${hint}`);
    }
    // Keep the temporary folder: it holds previous builds that could not be put back.
    const tmp = this.tmp as string;
    this.tmp = undefined;
    this.dirs.clear();
    const lines = [...stuck.values()].map(({ move, error: e }) => {
      const dest = join(this.out, move.name);
      const old = join(tmp, `.old-${move.name}`);
      const hadOld = done.some((d) => d.name === move.name && d.old);
      const now = move.old ? 'is missing' : 'holds the new build';
      return hadOld
        ? `  ${this.show(dest)} ${now}; the previous ${move.name} is in ${this.show(old)}: ${move.old ? '' : `remove ${this.show(dest)}, then `}move it back to ${this.show(dest)} (putting it back failed: ${describeFsError(e)})`
        : `  ${this.show(dest)} holds the new build (there was no previous one); remove it if you do not want it (moving it back failed: ${describeFsError(e)})`;
    });
    return new UsageError(
      `${what}: ${describeFsError(error)}, and undoing the moves already made failed too:\n${lines.join('\n')}\n` +
        `  ${this.show(tmp)} is kept; delete it once the folders above are sorted out. ${hint}`,
    );
  }

  /** Removes the folders this build created for DIR, innermost first, while they are empty. */
  private removeCreatedOut(): void {
    if (this.createdFrom === undefined) return;
    for (let dir = this.out; ; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
      if (dir === this.createdFrom || dirname(dir) === dir) break;
    }
    this.createdFrom = undefined;
  }
}

/**
 * `mkdir -p`, one level at a time; returns the outermost folder it created (as the recursive
 * `mkdirSync` does). Not the recursive form: under `/proc` its mkdir keeps failing with ENOENT and
 * Node retries it forever, so `--out /proc/x` never returned.
 */
function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  let created: string | undefined;
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i] as string);
      created ??= missing[i];
    } catch (e) {
      // Another process made it meanwhile: fine, it is there.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return created;
}

/**
 * Decides which existing `DIR/<name>` a build may replace (with --force). Never one that
 * - holds one of the build's input files (a profile, or a signing file), by real path: replacing
 *   it would delete them (`build acme/profile.json --out .`, where the profile's name is `acme`);
 * - was not written by a build: it has no `manifest.json` of this tool (a folder of your own that
 *   happens to have the profile's name, or a file). A rebuild replaces its own output as before.
 */
class ReplaceGuard {
  /** Per real parent folder: the first path part below it of each input inside it → that input. */
  private readonly byParent = new Map<string, Map<string, string>>();
  private realInputs: { input: string; real: string }[] | undefined;

  constructor(
    private readonly inputs: readonly string[],
    private readonly show: (p: string) => string,
  ) {}

  /** Why `dest` (which exists) must not be replaced, or undefined when it may be. */
  refusal(dest: string): string | undefined {
    const show = this.show;
    const name = basename(dest);
    // A link is replaced as a link, and what it points to is left alone: no input is at risk.
    if (!lstatSync(dest).isSymbolicLink()) {
      const input = this.inputInside(dest);
      if (input !== undefined) {
        return `${show(dest)}, the folder this build writes for "${name}", holds ${show(input)}, an input of this build; replacing the folder would delete it, so it is not replaced, even with --force: choose another --out folder, one where ${name}/ holds none of your files`;
      }
    }
    const made = madeByBuild(dest);
    if (made !== true) {
      return `${show(dest)}, the ${made === 'not-a-folder' ? 'path' : 'folder'} this build writes for "${name}", ${made === 'not-a-folder' ? 'is not a folder' : 'has no manifest.json written by claude-gateway-profile build'}, so it is not a build's output and is not replaced, even with --force: move it away or choose another --out folder`;
    }
    return undefined;
  }

  /** An input file inside (or at) `dest`, by real paths. */
  private inputInside(dest: string): string | undefined {
    let real: string;
    try {
      real = realpathSync.native(dest);
    } catch {
      return undefined;
    }
    const parent = dirname(real);
    let inside = this.byParent.get(parent);
    if (inside === undefined) {
      inside = new Map();
      for (const { input, real: r } of this.inputsReal()) {
        const rel = relative(parent, r);
        if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
        const first = rel.split(sep)[0] as string;
        if (!inside.has(first)) inside.set(first, input);
      }
      this.byParent.set(parent, inside);
    }
    return inside.get(basename(real));
  }

  private inputsReal(): { input: string; real: string }[] {
    if (this.realInputs === undefined) {
      this.realInputs = this.inputs.map((input) => {
        try {
          return { input, real: realpathSync.native(input) };
        } catch {
          return { input, real: input };
        }
      });
    }
    return this.realInputs;
  }
}

/** Whether `dir` holds a `manifest.json` written by `build` (the tool's name in it, a file list). */
function madeByBuild(dir: string): true | 'not-a-folder' | 'no-manifest' {
  try {
    if (!statSync(dir).isDirectory()) return 'not-a-folder';
    const file = join(dir, 'manifest.json');
    const st = statSync(file);
    if (!st.isFile() || st.size > 64 * 1024 * 1024) return 'no-manifest';
    const m = JSON.parse(readFileSync(file, 'utf8')) as { tool?: { name?: unknown }; files?: unknown } | null;
    return m?.tool?.name === 'claude-gateway-profile' && Array.isArray(m.files) ? true : 'no-manifest';
  } catch {
    return 'no-manifest';
  }
}

/** One rename of a commit: `from` → `to`; `old` when it moves an existing folder aside. */
interface Move {
  name: string;
  from: string;
  to: string;
  old: boolean;
}

/** `EBUSY (resource busy or locked)`: an fs error's code and its explanation, without paths. */
function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (!code) return message;
  // Node's messages read `EBUSY: resource busy or locked, rename 'a' -> 'b'`.
  const text = new RegExp(`^${code}: ([^,]+)`).exec(message)?.[1];
  return text ? `${code} (${text})` : code;
}

/** What to do about a failed move or write, by error code. */
function hintFor(e: unknown): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return 'Close programs that use the folder or a file in it (Explorer, an editor, a terminal whose working folder it is), check that you may write to it, then run the build again.';
    case 'EXDEV':
      return 'The folder is on another file system than the --out folder (a mount point): build into a folder on one file system.';
    case 'ENOSPC':
      return 'Free some space, then run the build again.';
    case 'EROFS':
      return 'The --out folder is read-only: choose another one.';
    default:
      return 'Fix the cause, then run the build again.';
  }
}

/** An fs failure as a clear error (exit 2, no stack trace); other errors pass through unchanged. */
function fsProblem(e: unknown, what: string, hint: string): unknown {
  if (e instanceof UsageError || typeof (e as NodeJS.ErrnoException)?.code !== 'string') return e;
  return new UsageError(`${what}: ${describeFsError(e)}; ${hint}`);
}

/**
 * Refuses an --out that cannot be a folder before anything is built: the path, or the nearest
 * part of it that exists, is a file (mkdir would fail with EEXIST or ENOTDIR halfway through).
 */
function checkOutFolder(out: string, show: (p: string) => string): void {
  for (let p = out; ; p = dirname(p)) {
    const st = statIfAny(p, statSync);
    if (st) {
      if (st.isDirectory()) return;
      throw new UsageError(
        p === out
          ? `--out ${show(out)} is a file, not a folder; give a folder (it is created if it does not exist)`
          : `--out ${show(out)}: ${show(p)} is a file, not a folder; give a folder path (it is created if it does not exist)`,
      );
    }
    if (statIfAny(p, lstatSync)) throw new UsageError(`--out ${show(out)}: ${show(p)} is a link to something that does not exist; give a folder`);
    if (dirname(p) === p) return;
  }
}

/** `stat(p)`, or undefined when nothing is there (ENOENT, or ENOTDIR: a part of `p` is a file). */
function statIfAny(p: string, stat: typeof statSync | typeof lstatSync): ReturnType<typeof statSync> | undefined {
  try {
    return stat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw fsProblem(e, `cannot look at --out ${p}`, 'check that you may read the folders on that path');
  }
}

/**
 * The folder names and file name of an artifact's relative path (`a/b/c.txt`). Writers give plain
 * relative paths; anything that could leave the profile's folder or name it twice is refused here.
 */
export function artifactPathParts(relPath: string): string[] {
  const parts = relPath.split('/');
  for (const part of parts) {
    if (part === '' || part === '.' || part === '..' || part.includes('\\') || part.includes('\0')) {
      throw new Error(`artifact path "${relPath}" is not a plain relative path`);
    }
  }
  return parts;
}

/** Removes a folder that is usually empty by now (one rmdir), recursively when it is not. */
function removeDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(io: CliIo, json: boolean, r: { ok: boolean; out: string; built: Built[]; findings: Finding[]; show: (p: string) => string }): void {
  if (json) {
    const body = {
      ok: r.ok,
      out: r.show(r.out),
      profiles: r.built.map((b) => ({ file: r.show(b.file), name: b.result.name, identifier: b.result.identifier, scope: b.result.scope, dir: r.show(join(r.out, b.result.name)), files: b.result.files ?? [] })),
      findings: r.findings.map(shownFinding),
    };
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  for (const f of r.findings) (f.severity === 'error' ? io.stderr : io.stdout)(`${formatFinding(f)}\n`);
  if (!r.ok) {
    io.stderr(`build failed: nothing was written to ${r.show(r.out)}\n`);
    return;
  }
  for (const b of r.built) io.stdout(`${r.show(b.file)}: ${b.result.fileCount} files in ${r.show(join(r.out, b.result.name))}\n`);
}

/**
 * `build --json` after a usage error (a bad option, an unreadable input, an --out that cannot be
 * written or replaced): nothing was built; `out` as given (absent without --out), no profiles,
 * and the reason in `findings`.
 */
export function usageJson(argv: readonly string[], message: string, code?: FailureCode): object {
  const out = flagValue(parseArgsLoosely(argv, FLAGS), 'out');
  return { ok: false, ...(out !== undefined ? { out } : {}), profiles: [], findings: [usageFinding(message, code)] };
}

/**
 * `claude-gateway-profile build <profile.json…> --out DIR …`: builds every profile and writes its
 * files into a temporary folder inside DIR as soon as it is built (so memory holds one profile's
 * bytes at a time: 10,000 profiles stay within a few hundred MB), then moves every profile folder
 * into place only when all of them built; otherwise the temporary folder is removed and nothing
 * changes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { buildArtifacts, isOutputFormat, OUTPUT_FORMATS, type BuildResult, type OutputFormat, type SigningMaterial } from '../build';
import { formatFinding, ProfileValidationError, type Finding } from '../validate/findings';
import { finding } from '../validate/findings';
import { flagValue, parseArgs, type ParsedArgs } from './args';
import { expandInputs } from './inputs';
import { EXIT, UsageError, type CliIo } from './io';
import { decodeUtf8, parseJsonText, readInputFile } from './read-json';

const FLAGS = {
  out: 'value', formats: 'value', 'payload-form': 'value', 'sign-cert': 'value', 'sign-key': 'value', 'sign-chain': 'value',
  'sign-passphrase-env': 'value', json: 'boolean', force: 'boolean',
} as const;

/**
 * What is kept of a built profile once its files are written: no bytes, and the file list only
 * for --json (a 10,000-profile build would otherwise hold 190,000 file records until the end).
 */
type BuiltSummary = Pick<BuildResult, 'name' | 'identifier' | 'scope' | 'warnings'> & { fileCount: number; files?: Omit<BuildResult['files'][number], 'bytes'>[] };

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
  const signing = readSigning(args, io);
  const files = expandInputs(io.cwd, args.positional);
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

  const built: Built[] = [];
  const failures: Finding[] = [];
  const duplicates: Finding[] = [];
  const firstWithName = new Map<string, string>();
  const existing: string[] = [];
  const force = args.flags.has('force');
  const staging = new Staging(out);
  // isTTY last: the real one loads node:tty, which a one-profile build has no use for.
  const progress = !json && files.length >= 10 && io.isTTY;
  try {
    for (const [i, file] of files.entries()) {
      if (progress && (i % 25 === 0 || i === files.length - 1)) io.stderr(`\rbuilding ${i + 1}/${files.length}`);
      const r = buildOne(io, file, { formats, payloadForm, ...(signing ? { signing } : {}) });
      if ('findings' in r) {
        failures.push(...r.findings.map((f) => ({ ...f, file: show(file) })));
        continue;
      }
      const name = r.result.name;
      const first = firstWithName.get(name);
      if (first) {
        duplicates.push({ ...finding('duplicate-profile-name', 'error', 'name', `"${name}" is also the name of ${show(first)}; both would write ${name}/`, 'give each profile its own name'), file: show(file) });
        continue;
      }
      firstWithName.set(name, file);
      if (existsSync(join(out, name))) existing.push(join(out, name));
      // Once anything failed, nothing will be moved into place: stop writing, keep checking.
      if (failures.length === 0 && duplicates.length === 0 && (force || existing.length === 0)) staging.write(r.result);
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
  if (existing.length && !force) {
    staging.abort();
    throw new UsageError(`${existing.map(show).join(', ')} already exist${existing.length === 1 ? 's' : ''}; use --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
  }
  staging.commit();
  report(io, json, { ok: true, out, built, findings: built.flatMap((b) => b.result.warnings.map((w) => ({ ...w, file: show(b.file) }))), show });
  return EXIT.ok;
}

function summary(r: BuildResult, withFiles: boolean): BuiltSummary {
  const out: BuiltSummary = { name: r.name, identifier: r.identifier, scope: r.scope, warnings: r.warnings, fileCount: r.files.length };
  if (withFiles) out.files = r.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mediaType: f.mediaType }));
  return out;
}

function parseFormats(text: string | undefined): OutputFormat[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !isOutputFormat(n));
  if (bad.length || names.length === 0) throw new UsageError(`--formats: unknown format ${bad.join(', ') || '(none)'}; choose from ${OUTPUT_FORMATS.join(', ')}`);
  return names as OutputFormat[];
}

function readSigning(args: ParsedArgs, io: CliIo): SigningMaterial | undefined {
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
  if (passEnv) {
    const pass = io.env[passEnv];
    if (pass === undefined) throw new UsageError(`--sign-passphrase-env ${passEnv}: that environment variable is not set`);
    material.passphrase = pass;
  }
  return material;
}

function buildOne(io: CliIo, file: string, options: { formats: OutputFormat[] | undefined; payloadForm: 'direct' | 'mcx'; signing?: SigningMaterial }): { result: BuildResult } | { findings: Finding[] } {
  const decoded = decodeUtf8(readInputFile(io.cwd, file));
  if (!decoded.ok) return { findings: [decoded.finding] };
  const parsed = parseJsonText(decoded.text);
  if (!parsed.ok) return { findings: [parsed.finding] };
  try {
    return { result: buildArtifacts(parsed.value, { ...(options.formats ? { formats: options.formats } : {}), payloadForm: options.payloadForm, ...(options.signing ? { signing: options.signing } : {}), env: io.env }) };
  } catch (e) {
    if (e instanceof ProfileValidationError) return { findings: [...e.findings] };
    return { findings: [finding('build-failed', 'error', '(build)', (e as Error).message)] };
  }
}

/**
 * The temporary folder a build writes into (`DIR/.cgp-tmp-…`, on the same file system as DIR so
 * the final moves are renames). Created on the first write; `commit` moves every written profile
 * folder into place (an existing one is replaced), `abort` removes every trace, including DIR when
 * this build created it.
 */
class Staging {
  private tmp: string | undefined;
  private createdOut = false;
  private readonly names: string[] = [];
  /** Folders already created under the temporary folder (one mkdir per folder, not per file). */
  private readonly dirs = new Set<string>();

  constructor(private readonly out: string) {}

  write(r: BuildResult): void {
    if (this.tmp === undefined) {
      this.createdOut = !existsSync(this.out);
      mkdirSync(this.out, { recursive: true });
      this.tmp = mkdtempSync(join(this.out, '.cgp-tmp-'));
    }
    // Paths are put together by hand, not with path.join: ~30 joins of long paths per profile make
    // Node's normalizeString hot enough for V8 to optimize it, a 2.5 ms compile on a one-core run.
    const base = `${this.tmp}${sep}${r.name}`;
    for (const f of r.files) {
      const parts = artifactPathParts(f.path);
      const name = parts.pop() as string;
      const dir = parts.length === 0 ? base : `${base}${sep}${parts.join(sep)}`;
      if (!this.dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.dirs.add(dir);
      }
      writeFileSync(`${dir}${sep}${name}`, f.bytes);
    }
    this.names.push(r.name);
  }

  commit(): void {
    if (this.tmp === undefined) return;
    const tmp = this.tmp;
    try {
      for (const name of this.names) {
        const dest = join(this.out, name);
        if (existsSync(dest)) renameSync(dest, join(tmp, `.old-${name}`));
        renameSync(join(tmp, name), dest);
      }
    } catch (e) {
      this.abort();
      throw e;
    }
    removeDir(tmp);
    this.tmp = undefined;
    this.dirs.clear();
  }

  abort(): void {
    if (this.tmp === undefined) return;
    rmSync(this.tmp, { recursive: true, force: true });
    if (this.createdOut) rmSync(this.out, { recursive: true, force: true });
    this.tmp = undefined;
    this.dirs.clear();
  }
}

/** Removes a folder that is usually empty by now (one rmdir), recursively when it is not. */
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
      findings: r.findings,
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

/**
 * `claude-gateway-profile build <profile.json…> --out DIR …`: builds every profile in memory first,
 * then writes all of them through a temporary folder, so that either every artifact of every
 * profile lands or nothing changes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

interface Built {
  file: string;
  result: BuildResult;
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
  const show = (p: string) => {
    const rel = relative(io.cwd, p);
    return rel && !rel.startsWith('..') ? rel : p;
  };

  const built: Built[] = [];
  const failures: Finding[] = [];
  const progress = io.isTTY && !json && files.length >= 10;
  for (const [i, file] of files.entries()) {
    if (progress && (i % 25 === 0 || i === files.length - 1)) io.stderr(`\rbuilding ${i + 1}/${files.length}`);
    const r = buildOne(io, file, { formats, payloadForm, ...(signing ? { signing } : {}) });
    if ('findings' in r) failures.push(...r.findings.map((f) => ({ ...f, file: show(file) })));
    else built.push({ file, result: r.result });
  }
  if (progress) io.stderr('\n');
  failures.push(...duplicateNames(built, show));

  if (failures.some((f) => f.severity === 'error')) {
    report(io, json, { ok: false, out, built: [], findings: failures, show });
    return EXIT.invalid;
  }
  const existing = built.map((b) => join(out, b.result.name)).filter((p) => existsSync(p));
  if (existing.length && !args.flags.has('force')) {
    throw new UsageError(`${existing.map(show).join(', ')} already exist${existing.length === 1 ? 's' : ''}; use --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
  }
  writeAll(out, built.map((b) => b.result));
  report(io, json, { ok: true, out, built, findings: built.flatMap((b) => b.result.warnings.map((w) => ({ ...w, file: show(b.file) }))), show });
  return EXIT.ok;
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

function duplicateNames(built: Built[], show: (p: string) => string): Finding[] {
  const seen = new Map<string, string>();
  const out: Finding[] = [];
  for (const b of built) {
    const first = seen.get(b.result.name);
    if (first) out.push({ ...finding('duplicate-profile-name', 'error', 'name', `"${b.result.name}" is also the name of ${show(first)}; both would write ${b.result.name}/`, 'give each profile its own name'), file: show(b.file) });
    else seen.set(b.result.name, b.file);
  }
  return out;
}

/** Writes every profile's files into a temporary folder, then moves each folder into place. */
function writeAll(out: string, results: BuildResult[]): void {
  const created = !existsSync(out);
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(out, '.cgp-tmp-'));
  try {
    for (const r of results) {
      for (const f of r.files) {
        const target = join(tmp, r.name, ...f.path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, f.bytes);
      }
    }
    for (const r of results) {
      const dest = join(out, r.name);
      if (existsSync(dest)) renameSync(dest, join(tmp, `.old-${r.name}`));
      renameSync(join(tmp, r.name), dest);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (created) rmSync(out, { recursive: true, force: true });
    throw e;
  }
  rmSync(tmp, { recursive: true, force: true });
}

function report(io: CliIo, json: boolean, r: { ok: boolean; out: string; built: Built[]; findings: Finding[]; show: (p: string) => string }): void {
  if (json) {
    const body = {
      ok: r.ok,
      out: r.show(r.out),
      profiles: r.built.map((b) => ({ file: r.show(b.file), name: b.result.name, identifier: b.result.identifier, scope: b.result.scope, dir: r.show(join(r.out, b.result.name)), files: b.result.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mediaType: f.mediaType })) })),
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
  for (const b of r.built) io.stdout(`${r.show(b.file)}: ${b.result.files.length} files in ${r.show(join(r.out, b.result.name))}\n`);
}

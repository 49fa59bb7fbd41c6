/**
 * `claude-gateway-profile diff <a> <b> [--json] [--kind KIND]`: what changed between two
 * artifacts or profiles, key by key. Exit codes follow diff(1): 0 the same, 1 different,
 * 2 trouble (usage, unreadable file, a file with no settings).
 */
import { diffArtifacts, DiffError, type DiffResult } from '../diff';
import { clip, clipName } from '../escape/clip';
import { ALL_KINDS, isDetectedKind } from '../read/detect';
import { flagValue, parseArgs } from './args';
import { referenceTime } from './clock';
import { EXIT, UsageError, type CliIo } from './io';
import { MAX_PROFILE_BYTES, readInputFile } from './read-json';
import { formatFinding } from '../validate/findings';
import { jsonFinding } from './check-cmd';
import { usageJsonFinding, type FailureCode } from './usage-json';

export const FLAGS = { json: 'boolean', kind: 'value' } as const;

/** Runs `diff`. */
export function diffCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length !== 2) throw new UsageError('diff takes two files: claude-gateway-profile diff old.mobileconfig new.mobileconfig');
  const kind = flagValue(args, 'kind');
  if (kind !== undefined && !isDetectedKind(kind)) throw new UsageError(`--kind: unknown kind "${kind}"; choose from ${ALL_KINDS.join(', ')}`);
  const now = referenceTime(io.env);
  const [fa, fb] = args.positional as [string, string];
  const a = { file: fa, bytes: readInputFile(io.cwd, fa, MAX_PROFILE_BYTES * 4) };
  const b = { file: fb, bytes: readInputFile(io.cwd, fb, MAX_PROFILE_BYTES * 4) };
  let result: DiffResult;
  try {
    result = diffArtifacts(a, b, { ...(kind ? { kind } : {}), ...(now ? { now } : {}) });
  } catch (e) {
    if (!(e instanceof DiffError)) throw e;
    if (e.findings.length === 0 || e.file === undefined) throw new UsageError(e.message);
    // The trouble is in a file's content: every reason with its place, as import prints them.
    if (args.flags.has('json')) {
      io.stdout(`${JSON.stringify({ ok: false, file: e.file, findings: e.findings.map(jsonFinding) }, null, 2)}\n`);
      return EXIT.usage;
    }
    for (const f of e.findings) io.stderr(`${formatFinding({ ...f, file: e.file })}\n`);
    io.stderr(`claude-gateway-profile diff: ${e.file}: not compared\n`);
    return EXIT.usage;
  }
  if (args.flags.has('json')) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else printText(io, result);
  return result.same ? EXIT.ok : EXIT.invalid;
}

function printText(io: CliIo, r: DiffResult): void {
  io.stdout(`--- ${r.a.file} (${r.a.kind})\n+++ ${r.b.file} (${r.b.kind})\n`);
  for (const c of r.settings) {
    const key = clipName(c.key);
    const line =
      // Values come clipped from diffArtifacts; an unknown key's name is the file's text.
      c.change === 'added' ? `+ ${key}: ${c.new ?? ''}` : c.change === 'removed' ? `- ${key}: ${c.old ?? ''}` : c.old === c.new ? `~ ${key}: ${c.old ?? ''}` : `~ ${key}: ${c.old ?? ''} → ${c.new ?? ''}`;
    io.stdout(`${line}\n`);
    if (c.paths?.length) io.stdout(`    changed inside: ${c.paths.join(', ')}\n`);
    if (c.note) io.stdout(`    note: ${c.note}\n`);
  }
  for (const m of r.metadata) io.stdout(`~ (${m.field}): ${JSON.stringify(clip(m.old))} → ${JSON.stringify(clip(m.new))}\n`);
  for (const n of r.notes) io.stdout(`note: ${n}\n`);
  io.stdout(r.same ? 'same settings\n' : `${r.settings.length} setting(s) and ${r.metadata.length} metadata field(s) differ\n`);
}

/**
 * `diff --json` after trouble (exit 2: usage, an unreadable file, a file with no settings):
 * `definitions/diffFailure`, `ok: false` and the reason, instead of a comparison.
 */
export function usageJson(_argv: readonly string[], message: string, code?: FailureCode): object {
  return { ok: false, findings: [usageJsonFinding(message, code)] };
}

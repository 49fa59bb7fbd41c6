/** `claude-gateway-profile validate <profile.json…> [--json]` */
import { validateProfile } from '../validate';
import { formatFinding, hasErrors, shownFinding, type Finding } from '../validate/findings';
import { parseArgs } from './args';
import { referenceTime } from './clock';
import { EXIT, UsageError, type CliIo } from './io';
import { decodeUtf8, parseJsonText, readInputFile } from './read-json';
import { usageFinding, type FailureCode } from './usage-json';

export const FLAGS = { json: 'boolean' } as const;

/** Reads and validates one profile file; findings carry the file name. */
export function validateFile(io: CliIo, file: string, now?: Date): { findings: Finding[]; value?: unknown } {
  const bytes = readInputFile(io.cwd, file);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { findings: [{ ...decoded.finding, file }] };
  const parsed = parseJsonText(decoded.text);
  if (!parsed.ok) return { findings: [{ ...parsed.finding, file }] };
  const result = validateProfile(parsed.value, now ? { now } : {});
  return { findings: result.findings.map((f) => ({ ...f, file })), value: parsed.value };
}

export function validateCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length === 0) throw new UsageError('validate needs at least one profile file: claude-gateway-profile validate profile.json');
  const now = referenceTime(io.env);
  const results = args.positional.map((file) => ({ file, ...validateFile(io, file, now) }));
  const invalid = results.some((r) => hasErrors(r.findings));
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ ok: !invalid, files: results.map((r) => ({ file: r.file, ok: !hasErrors(r.findings), findings: r.findings.map(({ file: _f, ...rest }) => shownFinding(rest)) })) }, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const f of r.findings) io.stdout(`${formatFinding(f)}\n`);
      const errors = r.findings.filter((f) => f.severity === 'error').length;
      const warnings = r.findings.length - errors;
      io.stdout(errors ? `${r.file}: invalid, ${errors} error(s), ${warnings} warning(s)\n` : `${r.file}: valid${warnings ? `, ${warnings} warning(s)` : ''}\n`);
    }
  }
  return invalid ? EXIT.invalid : EXIT.ok;
}

/** `validate --json` after a usage error: no file was validated; `findings` says why. */
export function usageJson(_argv: readonly string[], message: string, code?: FailureCode): object {
  return { ok: false, files: [], findings: [usageFinding(message, code)] };
}

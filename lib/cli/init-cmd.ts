/** `claude-gateway-profile init --gateway NAME [--out profile.json] [--force]` */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PLACEHOLDER_MARKER } from '../catalog';
import { isPresetName, PRESET_NAMES, presetJson } from '../presets';
import { flagValue, parseArgs } from './args';
import { checkOutFile, EXIT, UsageError, writeFileReplacing, type CliIo } from './io';

export const FLAGS = { gateway: 'value', out: 'value', force: 'boolean' } as const;

/** One line for the verb list of `--help`. */
export const INIT_SUMMARY = `init --gateway NAME [--out FILE] [--force]  start a profile (${PRESET_NAMES.join(', ')})`;

/**
 * Prints a starter profile for a gateway, or writes it to `--out` (relative to the working
 * folder). Refuses to overwrite an existing file unless `--force`. Usage problems (missing or
 * unknown gateway, stray arguments, existing file, unwritable path) throw {@link UsageError}: exit 2.
 */
export function initCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length > 0) throw new UsageError(`init takes no file arguments (got ${args.positional.join(' ')}); write to a file with --out FILE`);
  const gateway = flagValue(args, 'gateway');
  if (gateway === undefined) throw new UsageError(`init needs --gateway NAME, one of: ${PRESET_NAMES.join(', ')}`);
  if (!isPresetName(gateway)) throw new UsageError(`unknown gateway "${gateway}"; choose one of: ${PRESET_NAMES.join(', ')}`);
  const text = presetJson(gateway);
  const out = flagValue(args, 'out');
  if (out === undefined) {
    if (args.flags.has('force')) throw new UsageError('--force only applies with --out FILE');
    io.stdout(text);
    return EXIT.ok;
  }
  const path = resolve(io.cwd, out);
  checkOutFile(path, out);
  try {
    // 'wx' fails if the file exists, atomically: no window between a check and the write; with
    // --force the new file replaces the old one only once complete.
    if (args.flags.has('force')) writeFileReplacing(path, text);
    else writeFileSync(path, text, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${out} already exists; use --force to overwrite it`);
    throw new UsageError(`cannot write ${out}: ${code ?? (e as Error).message}`);
  }
  io.stderr(`wrote ${out}: replace every ${PLACEHOLDER_MARKER}, set the environment variables its { "env": … } entries name, then run: claude-gateway-profile validate ${out}\n`);
  return EXIT.ok;
}

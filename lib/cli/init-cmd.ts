/** `claude-gateway-profile init --gateway NAME [--out profile.json] [--force]` */
import { writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLACEHOLDER_MARKER } from '../catalog';
import { isPresetName, PRESET_NAMES, PRESET_SCHEMA_PATH, presetJson } from '../presets';
import { flagValue, parseArgs } from './args';
import { checkOutFile, EXIT, UsageError, writeFileReplacing, type CliIo } from './io';

export const FLAGS = { gateway: 'value', out: 'value', force: 'boolean' } as const;

/** One line for the verb list of `--help`. */
export const INIT_SUMMARY = `init --gateway NAME [--out FILE] [--force]  start a profile (${PRESET_NAMES.join(', ')})`;

/**
 * The `$schema` reference for a profile written to `file`: the package's schema in the working
 * folder's `node_modules`, relative to the file's own folder (where editors resolve it), with `/`
 * separators; a `file://` URL when no relative path exists (another drive on Windows).
 */
export function schemaRefFor(file: string, cwd: string): string {
  const target = join(cwd, PRESET_SCHEMA_PATH);
  const rel = relative(dirname(file), target);
  if (isAbsolute(rel)) return pathToFileURL(target).href;
  const ref = rel.split(sep).join('/');
  return ref.startsWith('../') ? ref : `./${ref}`;
}

/**
 * Prints a starter profile for a gateway, or writes it to `--out` (relative to the working
 * folder), its `$schema` then relative to that file (see {@link schemaRefFor}). Refuses to overwrite an existing file unless `--force`. Usage problems (missing or
 * unknown gateway, stray arguments, existing file, unwritable path) throw {@link UsageError}: exit 2.
 */
export function initCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.positional.length > 0) throw new UsageError(`init takes no file arguments (got ${args.positional.join(' ')}); write to a file with --out FILE`);
  const gateway = flagValue(args, 'gateway');
  if (gateway === undefined) throw new UsageError(`init needs --gateway NAME, one of: ${PRESET_NAMES.join(', ')}`);
  if (!isPresetName(gateway)) throw new UsageError(`unknown gateway "${gateway}"; choose one of: ${PRESET_NAMES.join(', ')}`);
  const out = flagValue(args, 'out');
  if (out === undefined) {
    if (args.flags.has('force')) throw new UsageError('--force only applies with --out FILE');
    io.stdout(presetJson(gateway));
    return EXIT.ok;
  }
  const path = resolve(io.cwd, out);
  checkOutFile(path, out);
  const text = presetJson(gateway, schemaRefFor(path, io.cwd));
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

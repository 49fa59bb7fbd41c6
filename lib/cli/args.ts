import { UsageError } from './io';
import { pushAll } from '../push-all';

/** The options a verb accepts: each a flag (`boolean`) or an option that takes one value. */
export type KnownFlags = { readonly [flag: string]: 'boolean' | 'value' };

/** Parsed command-line arguments of one verb. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--flag`, `--flag value`, `--flag=value` against the verb's known flags; unknown flags
 * are usage errors with a suggestion. An option that takes a value may be given once: a second
 * `--out` or `--formats` is a usage error naming it (the last one silently winning hid typos and
 * scripts that add an option twice). No option is repeatable; a repeated flag (`--json --json`)
 * changes nothing and is accepted.
 */
export function parseArgs(argv: readonly string[], known: KnownFlags): ParsedArgs {
  return scanArgs(argv, known, (message) => {
    throw new UsageError(message);
  });
}

/**
 * What `argv` asks for as far as it can be read, never throwing: for a usage error's `--json`
 * document, which is printed whatever else is wrong with the command line. Unknown options and
 * flags given a value are left out; of a repeated option the first value is kept; a missing
 * value is left out.
 */
export function parseArgsLoosely(argv: readonly string[], known: KnownFlags): ParsedArgs {
  return scanArgs(argv, known, () => {});
}

/** The one scan behind both: `problem` hears what is wrong (and may throw); the argument is then skipped. */
function scanArgs(argv: readonly string[], known: KnownFlags, problem: (message: string) => void): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      pushAll(positional, argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    // Own properties only: "--constructor" or "--__proto__" must be unknown options, not prototype members.
    const kind = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (!kind) {
      problem(`unknown option --${name}${Object.keys(known).length ? ` (options: ${Object.keys(known).map((k) => `--${k}`).join(', ')})` : ''}`);
      continue;
    }
    if (kind === 'boolean') {
      if (eq !== -1) problem(`--${name} takes no value`);
      else flags.set(name, true);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') problem(`--${name} needs a value`);
    else if (flags.has(name)) problem(`--${name} is given more than once; give it once${name === 'formats' ? ' (list several formats in one: --formats mobileconfig,reg)' : ''}`);
    else flags.set(name, value);
  }
  return { positional, flags };
}

/** Whether `argv` asks for a verb's help (`--help` or `-h` anywhere before `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** A string flag's value, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

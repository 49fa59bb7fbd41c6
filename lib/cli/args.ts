import { UsageError } from './io';

/** Parsed command-line arguments of one verb. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--flag`, `--flag value`, `--flag=value` against the verb's known flags; unknown flags
 * are usage errors with a suggestion.
 */
export function parseArgs(argv: readonly string[], known: { readonly [flag: string]: 'boolean' | 'value' }): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
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
    if (!kind) throw new UsageError(`unknown option --${name}${Object.keys(known).length ? ` (options: ${Object.keys(known).map((k) => `--${k}`).join(', ')})` : ''}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

/** A string flag's value, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

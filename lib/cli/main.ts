/**
 * The command-line entry: dispatches verbs, turns usage problems into exit code 2 and any
 * unexpected failure into one line (never a stack trace unless CLAUDE_GATEWAY_PROFILE_DEBUG is set).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../render/package-root';
import { EXIT, UsageError, processIo, type CliIo } from './io';

type Verb = (argv: readonly string[], io: CliIo) => number | Promise<number>;

/**
 * A verb: its line in `--help`, and how to load it. Verbs are loaded on demand (`require` inside
 * `load`), so `validate` does not pay for the writers, signing or the readers of `check`: module
 * loading was a third of a one-profile CLI call. Add a verb by adding one row; `summary` may be a
 * function when the text lives in the verb's module.
 */
interface VerbEntry {
  readonly summary: string | (() => string);
  readonly load: () => Verb;
}

/* eslint-disable @typescript-eslint/no-require-imports -- on-demand loading of verb modules */
const VERBS: Record<string, VerbEntry> = {
  build: {
    summary: 'build <profile.json|dir|glob…> --out DIR [--formats …] [--payload-form direct|mcx] [--sign-cert F --sign-key F [--sign-chain F] [--sign-passphrase-env NAME]] [--json] [--force]',
    load: () => (require('./build-cmd') as typeof import('./build-cmd')).buildCommand,
  },
  validate: {
    summary: 'validate <profile.json…> [--json]      check profiles (exit 1 when invalid)',
    load: () => (require('./validate-cmd') as typeof import('./validate-cmd')).validateCommand,
  },
  init: {
    summary: () => (require('./init-cmd') as typeof import('./init-cmd')).INIT_SUMMARY,
    load: () => (require('./init-cmd') as typeof import('./init-cmd')).initCommand,
  },
  check: {
    summary: 'check <file|folder…> [--json] [--strict] [--ca ca.pem] [--kind KIND]   lint deployed artifacts and profiles (exit 1 on errors)',
    load: () => (require('./check-cmd') as typeof import('./check-cmd')).checkCommand,
  },
  import: {
    summary: 'import <artifact> [--out profile.json] [--force] [--json] [--name N] [--identifier ID] [--scope machine|user]   artifact back to a profile',
    load: () => (require('./import-cmd') as typeof import('./import-cmd')).importCommand,
  },
  diff: {
    summary: 'diff <a> <b> [--json]                  compare two artifacts or profiles key by key (exit 0 same, 1 different, 2 trouble)',
    load: () => (require('./diff-cmd') as typeof import('./diff-cmd')).diffCommand,
  },
  explain: {
    summary: 'explain [key] [--json]                 describe one setting, or list them all',
    load: () => (require('./explain-cmd') as typeof import('./explain-cmd')).explainCommand,
  },
  schema: {
    summary: 'schema                                 print the profile JSON Schema',
    load: () => (argv, io) => {
      if (argv.length) throw new UsageError('schema takes no arguments');
      io.stdout((require('../catalog/json-schema') as typeof import('../catalog/json-schema')).profileSchemaText());
      return EXIT.ok;
    },
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Registers another verb (used by modules that add build, init, check…). */
export function registerVerb(name: string, run: Verb, summary: string): void {
  VERBS[name] = { summary, load: () => run };
}

function usage(): string {
  return ['usage: claude-gateway-profile <command> [options]', '', 'commands:', ...Object.values(VERBS).map((v) => `  ${typeof v.summary === 'function' ? v.summary() : v.summary}`), '', 'exit codes: 0 ok, 1 invalid input, 2 usage error, unreadable input or unwritable output', 'SOURCE_DATE_EPOCH=<seconds> judges deprecation cut-offs at that moment instead of the clock (same bytes any day)', ''].join('\n');
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    (verb === undefined ? io.stderr : io.stdout)(usage());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  if (verb === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(VERBS, verb) ? VERBS[verb] : undefined;
  if (!command) {
    io.stderr(`claude-gateway-profile: unknown command "${verb}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.load()(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`claude-gateway-profile ${verb}: ${e.message}\n`);
      return EXIT.usage;
    }
    if (io.env.CLAUDE_GATEWAY_PROFILE_DEBUG) io.stderr(`${(e as Error).stack ?? String(e)}\n`);
    io.stderr(`claude-gateway-profile ${verb}: ${(e as Error).message}\n`);
    return EXIT.invalid;
  }
}

/** This package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

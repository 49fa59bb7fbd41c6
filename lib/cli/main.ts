/**
 * The command-line entry: dispatches verbs, turns usage problems into exit code 2 and any
 * unexpected failure into one line (never a stack trace unless CLAUDE_GATEWAY_PROFILE_DEBUG is set).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../render/package-root';
import { parseArgsLoosely, wantsHelp, type KnownFlags } from './args';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import type { FailureCode } from './usage-json';

type Verb = (argv: readonly string[], io: CliIo) => number | Promise<number>;

/** A verb's options for `<verb> --help`: the option as written (`--out DIR`), and what it does. */
type OptionHelp = readonly (readonly [string, string])[];

/** What a verb with `--json` prints for a usage error when `--json` is given (see usage-json.ts). */
interface JsonOnUsageError {
  readonly FLAGS: KnownFlags;
  /** The document; `code` is `internal-error` for an unexpected failure (default `usage`). */
  readonly usageJson: (argv: readonly string[], message: string, code?: FailureCode) => object;
}

/**
 * A verb: its line in `--help`, its options for `<verb> --help`, how to load it, and for verbs
 * with `--json` the module that says what a usage error prints then. Verbs are loaded on demand
 * (`require` inside `load`), so `validate` does not pay for the writers, signing or the readers of
 * `check`: module loading was a third of a one-profile CLI call. Add a verb by adding one row;
 * `summary` and `options` may be functions when the text lives in the verb's module.
 */
interface VerbEntry {
  readonly summary: string | (() => string);
  readonly options: OptionHelp | (() => OptionHelp);
  readonly load: () => Verb;
  readonly json?: () => JsonOnUsageError;
  /** What this verb's exit codes mean, when not {@link EXIT_CODES}'s general wording. */
  readonly exits?: string;
}

/* eslint-disable @typescript-eslint/no-require-imports -- on-demand loading of verb modules */
const VERBS: Record<string, VerbEntry> = {
  build: {
    summary: 'build <profile.json|dir|glob…> --out DIR [--formats …] [--payload-form direct|mcx] [--sign-cert F --sign-key F [--sign-chain F] [--sign-passphrase-env NAME]] [--json] [--force]',
    options: () => [
      ['--out DIR', 'write DIR/<name>/… for each profile (required; created if missing); all or nothing'],
      ['--formats LIST', `only these outputs, comma-separated: ${(require('../build/formats') as typeof import('../build/formats')).OUTPUT_FORMATS.join(', ')}`],
      ['--payload-form direct|mcx', 'the .mobileconfig payload form (default direct)'],
      ['--sign-cert F', 'sign the .mobileconfig (CMS) with this PEM certificate (with --sign-key)'],
      ['--sign-key F', 'the PEM private key of --sign-cert'],
      ['--sign-chain F', 'intermediate certificates (PEM) to embed in the signature'],
      ['--sign-passphrase-env NAME', "the environment variable that holds the key's passphrase"],
      ['--json', 'print the result (files, checksums, findings) as JSON'],
      ['--force', 'replace an existing DIR/<name> an earlier build wrote (never a folder that holds an input file, or has no manifest.json of this tool)'],
    ],
    load: () => (require('./build-cmd') as typeof import('./build-cmd')).buildCommand,
    json: () => require('./build-cmd') as typeof import('./build-cmd'),
  },
  validate: {
    summary: 'validate <profile.json…> [--json]      check profiles (exit 1 when invalid)',
    options: [['--json', 'print the findings as JSON']],
    exits: 'exit codes: 0 valid, 1 invalid (every problem listed), 2 usage error or unreadable input',
    load: () => (require('./validate-cmd') as typeof import('./validate-cmd')).validateCommand,
    json: () => require('./validate-cmd') as typeof import('./validate-cmd'),
  },
  init: {
    summary: () => (require('./init-cmd') as typeof import('./init-cmd')).INIT_SUMMARY,
    options: [
      ['--gateway NAME', 'the gateway or cloud provider to start from (required; one of the names above)'],
      ['--out FILE', 'write the profile to FILE instead of stdout'],
      ['--force', 'overwrite FILE if it exists'],
    ],
    exits: 'exit codes: 0 written, 2 usage error (unknown gateway, FILE exists without --force) or unwritable output',
    load: () => (require('./init-cmd') as typeof import('./init-cmd')).initCommand,
  },
  check: {
    summary: 'check <file|folder…> [--json] [--strict] [--ca ca.pem] [--kind KIND]   lint deployed artifacts and profiles (exit 1 on errors)',
    exits: 'exit codes: 0 no errors, 1 errors (or warnings, with --strict), 2 usage error or unreadable input',
    options: [
      ['--json', 'print the report as JSON (docs/check-json.md)'],
      ['--strict', 'warnings fail too (exit 1)'],
      ['--ca ca.pem', "a trust anchor (PEM) to verify signed profiles' certificate chains"],
      ['--kind KIND', 'read every file as this kind instead of detecting it'],
    ],
    load: () => (require('./check-cmd') as typeof import('./check-cmd')).checkCommand,
    json: () => require('./check-cmd') as typeof import('./check-cmd'),
  },
  import: {
    summary: 'import <artifact> [--out profile.json] [--force] [--json] [--name N] [--identifier ID] [--scope machine|user] [--kind KIND]   artifact back to a profile',
    exits: 'exit codes: 0 imported, 1 imported but the profile is not valid (still written; fix what is listed), 2 usage error, unreadable or unimportable input, or unwritable output',
    options: [
      ['--out FILE', 'write the profile to FILE instead of stdout'],
      ['--force', 'overwrite FILE if it exists'],
      ['--json', 'print the result (profile, changes, warnings, validation) as JSON'],
      ['--name N', "the profile's name (default: from the file name)"],
      ['--identifier ID', "the profile's identifier (default: the file's, when it has one)"],
      ['--scope machine|user', "the profile's scope, for files that carry none"],
      ['--kind KIND', 'read the file as this kind instead of detecting it'],
    ],
    load: () => (require('./import-cmd') as typeof import('./import-cmd')).importCommand,
    json: () => require('./import-cmd') as typeof import('./import-cmd'),
  },
  diff: {
    summary: 'diff <a> <b> [--json] [--kind KIND]    compare two artifacts or profiles key by key (exit 0 same, 1 different, 2 trouble)',
    exits: 'exit codes: 0 same settings, 1 different, 2 usage error or unreadable input',
    options: [
      ['--json', 'print the comparison as JSON'],
      ['--kind KIND', 'read both files as this kind instead of detecting it'],
    ],
    load: () => (require('./diff-cmd') as typeof import('./diff-cmd')).diffCommand,
    json: () => require('./diff-cmd') as typeof import('./diff-cmd'),
  },
  explain: {
    summary: 'explain [key] [--json]                 describe one setting, or list them all',
    options: [['--json', 'print the catalogue entry (or every entry) as JSON']],
    exits: 'exit codes: 0 ok, 2 usage error (unknown key)',
    load: () => (require('./explain-cmd') as typeof import('./explain-cmd')).explainCommand,
    json: () => require('./explain-cmd') as typeof import('./explain-cmd'),
  },
  schema: {
    summary: 'schema                                 print the profile JSON Schema',
    options: [],
    load: () => (argv, io) => {
      if (argv.length) throw new UsageError('schema takes no arguments');
      io.stdout((require('../catalog/json-schema') as typeof import('../catalog/json-schema')).profileSchemaText());
      return EXIT.ok;
    },
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Registers another verb, or replaces how one runs (a known verb keeps its options and --json handling). */
export function registerVerb(name: string, run: Verb, summary: string): void {
  const known = Object.prototype.hasOwnProperty.call(VERBS, name) ? VERBS[name] : undefined;
  VERBS[name] = { options: [], ...known, summary, load: () => run };
}

const EXIT_CODES = 'exit codes: 0 ok, 1 invalid input, 2 usage error, unreadable input or unwritable output';

function summaryOf(v: VerbEntry): string {
  return typeof v.summary === 'function' ? v.summary() : v.summary;
}

function usage(): string {
  return [
    'usage: claude-gateway-profile <command> [options]',
    '',
    'commands:',
    ...Object.values(VERBS).map((v) => `  ${summaryOf(v)}`),
    '',
    'claude-gateway-profile <command> --help (or help <command>) shows its options; --version prints the version',
    EXIT_CODES,
    'SOURCE_DATE_EPOCH=<seconds> judges deprecation cut-offs and certificate validity at that moment instead of the clock (same bytes any day)',
    'CLAUDE_GATEWAY_PROFILE_DEBUG=1 adds the stack trace to an unexpected failure (for bug reports)',
    '',
  ].join('\n');
}

/** `<verb> --help`: its line of the command list, then its options, one per line. */
function verbUsage(v: VerbEntry): string {
  const options = typeof v.options === 'function' ? v.options() : v.options;
  const width = Math.max(0, ...options.map(([o]) => o.length));
  const lines = [`usage: claude-gateway-profile ${summaryOf(v)}`];
  if (options.length) lines.push('', 'options:', ...options.map(([o, what]) => `  ${o.padEnd(width)}  ${what}`));
  lines.push('', v.exits ?? EXIT_CODES, '');
  return lines.join('\n');
}

function knownVerb(verb: string): VerbEntry | undefined {
  return Object.prototype.hasOwnProperty.call(VERBS, verb) ? VERBS[verb] : undefined;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    // `help build` is `build --help`.
    const about = verb === 'help' && rest.length === 1 ? knownVerb(rest[0] as string) : undefined;
    if (about) {
      io.stdout(verbUsage(about));
      return EXIT.ok;
    }
    (verb === undefined ? io.stderr : io.stdout)(usage());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  if (verb === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = knownVerb(verb);
  if (!command) {
    io.stderr(`claude-gateway-profile: unknown command "${verb}"\n\n${usage()}`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    io.stdout(verbUsage(command));
    return EXIT.ok;
  }
  try {
    return await command.load()(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // With --json, stdout gets the verb's JSON document (ok: false, a `usage` finding) and
      // stderr stays empty, as for every other failure a verb reports in JSON.
      const json = command.json?.();
      if (json && parseArgsLoosely(rest, json.FLAGS).flags.has('json')) {
        io.stdout(`${JSON.stringify(json.usageJson(rest, e.message), null, 2)}\n`);
        return EXIT.usage;
      }
      io.stderr(`claude-gateway-profile ${verb}: ${e.message}\n`);
      return EXIT.usage;
    }
    // An unexpected failure (a bug) is trouble, exit 2: never 1, which `diff` uses for "different".
    // With --json, stdout still gets the verb's document, with an `internal-error` finding.
    if (io.env.CLAUDE_GATEWAY_PROFILE_DEBUG) io.stderr(`${(e as Error).stack ?? String(e)}\n`);
    const message = e instanceof Error ? e.message : String(e);
    const json = command.json?.();
    if (json && parseArgsLoosely(rest, json.FLAGS).flags.has('json')) {
      io.stdout(`${JSON.stringify(json.usageJson(rest, message, 'internal-error'), null, 2)}\n`);
      return EXIT.usage;
    }
    io.stderr(`claude-gateway-profile ${verb}: ${message}\n`);
    return EXIT.usage;
  }
}

/** This package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

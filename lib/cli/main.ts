/**
 * The command-line entry: dispatches verbs, turns usage problems into exit code 2 and any
 * unexpected failure into one line (never a stack trace unless CLAUDE_GATEWAY_PROFILE_DEBUG is set).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileSchemaText } from '../catalog/json-schema';
import { packageRoot } from '../render/package-root';
import { explainCommand } from './explain-cmd';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import { validateCommand } from './validate-cmd';
import { buildCommand } from './build-cmd';
import { initCommand, INIT_SUMMARY } from './init-cmd';

type Verb = (argv: readonly string[], io: CliIo) => number | Promise<number>;

const VERBS: Record<string, { run: Verb; summary: string }> = {
  build: { run: buildCommand, summary: 'build <profile.json|dir|glob…> --out DIR [--formats …] [--payload-form direct|mcx] [--sign-cert F --sign-key F [--sign-chain F] [--sign-passphrase-env NAME]] [--json] [--force]' },
  validate: { run: validateCommand, summary: 'validate <profile.json…> [--json]      check profiles (exit 1 when invalid)' },
  init: { run: initCommand, summary: INIT_SUMMARY },
  explain: { run: explainCommand, summary: 'explain [key] [--json]                 describe one setting, or list them all' },
  schema: {
    run: (argv, io) => {
      if (argv.length) throw new UsageError('schema takes no arguments');
      io.stdout(profileSchemaText());
      return EXIT.ok;
    },
    summary: 'schema                                 print the profile JSON Schema',
  },
};

/** Registers another verb (used by modules that add build, init, check…). */
export function registerVerb(name: string, run: Verb, summary: string): void {
  VERBS[name] = { run, summary };
}

function usage(): string {
  return ['usage: claude-gateway-profile <command> [options]', '', 'commands:', ...Object.values(VERBS).map((v) => `  ${v.summary}`), '', 'exit codes: 0 ok, 1 invalid input, 2 usage error', ''].join('\n');
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
  const command = VERBS[verb];
  if (!command) {
    io.stderr(`claude-gateway-profile: unknown command "${verb}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
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

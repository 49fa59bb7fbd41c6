/**
 * Shared pieces of the hostile-input tests: the committed corpus and its index, the verbs that
 * exist, and the assertions every refusal must satisfy (exit 1 or 2, the file and the place named,
 * no stack trace, nothing written).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkCommand } from '../../lib/cli/check-cmd';
import { importCommand } from '../../lib/cli/import-cmd';
import { registerVerb } from '../../lib/cli/main';
import { runCli, type CliRun } from '../support/cli';
import { ROOT } from '../support/examples';

export const BAD_DIR = join(ROOT, 'tests', 'fixtures', 'bad');

/** One corpus file as `index.json` describes it. */
export interface CorpusEntry {
  /** Path relative to {@link BAD_DIR}, e.g. `profiles/type-<key name>.json`. */
  readonly file: string;
  readonly why: string;
  /** Substring the profile verbs (validate, build) must print as the place. */
  readonly place?: string;
  /** Or a regular expression for it. */
  readonly placeRe?: string;
  /** Why `import` may exit 0 on this file (it repairs or migrates, with a warning or change naming the place). */
  readonly importRepairs?: string;
  /** Why `check` may exit 0 on this file (the problem is graded a warning, or is none for that kind). */
  readonly checkWarns?: string;
}

/** Every corpus file listed in `index.json`, in order. */
export function corpus(): CorpusEntry[] {
  const index = JSON.parse(readFileSync(join(BAD_DIR, 'index.json'), 'utf8')) as { files: Record<string, Omit<CorpusEntry, 'file'>> };
  return Object.entries(index.files).map(([file, e]) => ({ file, ...e }));
}

/** Every file under the corpus folders (to compare with the index). */
export function corpusFilesOnDisk(): string[] {
  const out: string[] = [];
  for (const dir of ['profiles', 'artifacts']) for (const n of readdirSync(join(BAD_DIR, dir))) out.push(`${dir}/${n}`);
  return out.sort();
}

/**
 * A place as the CLI prints it: a line, a profile path, a plist path, a field, or `(file)`,
 * `(root)`, `file` for the whole file. Prose such as `cannot read the file` is no place; neither is
 * `(build)`.
 */
export const PLACE_TOKEN = /^(line \d+.*|\(file\)|\(root\)|file|settings([.[].*)?|Payload[A-Za-z]*([.[].*)?|[A-Za-z_$][\w$-]*|[A-Za-z_$][\w$-]*[.[].*|\[HKEY.*)$/;

/**
 * The places named on the lines that name `name`: every `: `- or `; `-separated segment after the
 * file name that is a place (`file: PLACE: message`, the form of every finding, also when one
 * message lists several: `file: 2 errors: PLACE: message; PLACE: message`), and any `line N`,
 * `(file)` or `(root)` elsewhere on such a line.
 */
export function placesAfter(text: string, name: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(`${name}: `);
    if (at === -1) continue;
    for (const seg of line.slice(at + name.length + 2).split(/: |; /)) {
      if (PLACE_TOKEN.test(seg) && seg !== '(build)' && !/\s/.test(seg.replace(/^line \d+.*$/, 'line'))) out.push(seg);
    }
    for (const m of line.matchAll(/\bline \d+(, column \d+)?|\((file|root)\)/g)) out.push(m[0]);
  }
  return out;
}

/** A Node stack frame line: never in a user-facing message. */
export const STACK_FRAME = /\n\s+at .+\(?.*:\d+:\d+\)?/;

/** The verbs a corpus file goes through. */
export const VERBS = ['validate', 'build', 'check', 'import'] as const;
export type Verb = (typeof VERBS)[number];

/**
 * Makes sure `check` and `import` are reachable through `run()`: when the lead has registered them
 * in `lib/cli/main.ts` nothing changes; until then they are registered here through the public
 * `registerVerb` hook, so the in-process runs still go through main's dispatch and error handling.
 * Returns which verbs the compiled binary knows (only those run through `runBin`).
 */
export async function ensureVerbs(): Promise<{ registeredInMain: Record<Verb, boolean> }> {
  const registeredInMain = {} as Record<Verb, boolean>;
  for (const verb of VERBS) {
    const r = await runCli([verb]);
    registeredInMain[verb] = !r.stderr.includes('unknown command');
  }
  if (!registeredInMain.check) registerVerb('check', checkCommand, 'check <file|folder…>');
  if (!registeredInMain.import) registerVerb('import', importCommand, 'import <artifact>');
  return { registeredInMain };
}

/** sha256 of every file below `dir` (relative path → digest); `{}` when it does not exist. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out[`${relative(dir, p)}/`] = 'dir';
        walk(p);
      } else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** What a refusal looked like, for a readable failure message. */
export function describeRun(verb: string, file: string, r: CliRun): string {
  return `${verb} ${file} → exit ${r.code}\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(0, 1500)}`;
}

/** The argv of one verb on one file (build writes into `out`, import prints to stdout). */
export function argvFor(verb: Verb, file: string, out: string): string[] {
  return verb === 'build' ? ['build', file, '--out', out] : [verb, file];
}

export { runCli };

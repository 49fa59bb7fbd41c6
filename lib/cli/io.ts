import { renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What a CLI verb may touch: injected so tests run verbs in-process without spawning. */
export interface CliIo {
  /** Writes to standard output (results, `--json` documents); the text carries its own line ends. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (usage errors, progress). */
  readonly stderr: (text: string) => void;
  /** The environment: `{ "env": NAME }` references, signing passphrases and SOURCE_DATE_EPOCH are read here, never from process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** Whether stdout is a terminal (progress display). */
  readonly isTTY: boolean;
}

/** Exit codes: 0 success, 1 invalid input, 2 usage error, unreadable file or output that cannot be written. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/**
 * A usage problem (bad flag, missing argument, unreadable file, an --out that is not a folder, an
 * output folder that cannot be written or replaced): exit code 2, the message alone, no stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Refuses an `--out FILE` that names a folder (`shown` is the path as the user gave it): writing
 * would fail with EISDIR, or look like "already exists" when the folder is the problem.
 */
export function checkOutFile(path: string, shown: string): void {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return; // nothing there (or not reachable): the write itself reports what is wrong
  }
  if (isDir) throw new UsageError(`--out ${shown} is a folder; give a file path (for example ${shown.replace(/[\\/]+$/, '')}/profile.json)`);
}

/**
 * Writes `text` to `path`, replacing a file there only once the new one is complete: it is written
 * beside it under a temporary name and renamed over it, so a failed or interrupted write leaves
 * the previous file as it was. Throws the file system's error (the temporary file removed).
 */
export function writeFileReplacing(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The real process IO. */
export function processIo(): CliIo {
  return {
    stdout: directWriter(1, () => process.stdout),
    stderr: directWriter(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    // Asked only when it matters (a build of 10 or more profiles): node:tty loads node:net and
    // the stream modules, over a millisecond of a one-profile call.
    get isTTY() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
      return (require('node:tty') as typeof import('node:tty')).isatty(1);
    },
  };
}

/** The part of a stream a {@link directWriter} falls back to (`on` to hear a closed reader). */
export interface FallbackStream {
  write(chunk: string | Uint8Array): boolean;
  on?(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * A writer for file descriptor `fd` that writes with `fs.writeSync`, so a call that prints a line
 * or two never sets up `process.stdout`/`process.stderr` (their stream machinery cost about a
 * millisecond of a ~50 ms CLI call). The first time a write fails or comes up short (EAGAIN on a
 * non-blocking pipe, a signal…), that text's remainder and everything after it go through the
 * stream, which then behaves exactly as before; earlier text was already written in full, so the
 * order is kept. Windows keeps the streams (its console wants UTF-16 writes).
 *
 * A reader that stopped reading (`… | head`: EPIPE, from `writeSync` or later from the stream) is
 * a normal end, not a failure: the rest of the text is dropped quietly, with no stack trace, and
 * the command's exit code is left as it is. It reports what the command did (a build that
 * finished is still 0, invalid input still 1); the reader closing early does not change that.
 * (Node ignores SIGPIPE, so the shell's 141 for a writer killed by it would be made up here, and
 * would fail `set -o pipefail` scripts that only wanted the first lines.) Any other error of the
 * stream also stops the writer, with one line on stderr and exit code 1 instead of a crash.
 */
export function directWriter(fd: number, stream: () => FallbackStream): (text: string) => void {
  let direct = process.platform !== 'win32';
  let closed = false;
  let fallback: FallbackStream | undefined;
  const fallbackStream = (): FallbackStream => {
    if (fallback === undefined) {
      fallback = stream();
      fallback.on?.('error', (err: NodeJS.ErrnoException) => {
        closed = true;
        if (err.code === 'EPIPE') return;
        if (fd !== 2) {
          try {
            writeSync(2, `claude-gateway-profile: cannot write to ${fd === 1 ? 'stdout' : `file descriptor ${fd}`}: ${err.code ?? err.message}\n`);
          } catch {
            // stderr is gone too: nothing left to tell
          }
        }
        // At exit: the launcher sets the command's own code when it returns, which may be later.
        process.once('exit', () => {
          if (!process.exitCode) process.exitCode = EXIT.invalid;
        });
      });
    }
    return fallback;
  };
  return (text) => {
    if (closed) return;
    if (direct) {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      try {
        done = writeSync(fd, bytes);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
          closed = true;
          return;
        }
        // fall back below
      }
      if (done === bytes.length) return;
      direct = false;
      fallbackStream().write(bytes.subarray(done));
      return;
    }
    fallbackStream().write(text);
  };
}

import { writeSync } from 'node:fs';

/** What a CLI verb may touch: injected so tests run verbs in-process without spawning. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Whether stdout is a terminal (progress display). */
  readonly isTTY: boolean;
}

/** Exit codes: 0 success, 1 invalid input, 2 usage error or unreadable file. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** A usage problem (bad flag, missing argument, unreadable file): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
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

/**
 * A writer for file descriptor `fd` that writes with `fs.writeSync`, so a call that prints a line
 * or two never sets up `process.stdout`/`process.stderr` (their stream machinery cost about a
 * millisecond of a ~50 ms CLI call). The first time a write fails or comes up short (EAGAIN on a
 * non-blocking pipe, EPIPE, a signal…), that text's remainder and everything after it go through
 * the stream, which then behaves exactly as before; earlier text was already written in full, so
 * the order is kept. Windows keeps the streams (its console wants UTF-16 writes).
 */
export function directWriter(fd: number, stream: () => Pick<NodeJS.WritableStream, 'write'>): (text: string) => void {
  let direct = process.platform !== 'win32';
  return (text) => {
    if (direct) {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      try {
        done = writeSync(fd, bytes);
      } catch {
        // fall back below
      }
      if (done === bytes.length) return;
      direct = false;
      stream().write(bytes.subarray(done));
      return;
    }
    stream().write(text);
  };
}

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
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

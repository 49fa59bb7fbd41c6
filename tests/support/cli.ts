/** Runs CLI verbs in-process with captured output, and the real binary as a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `claude-gateway-profile <argv>` in this process. */
export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: opts.env ?? {},
    cwd: opts.cwd ?? join(__dirname, '..', '..'),
    isTTY: opts.isTTY ?? false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Runs the compiled binary (`bin/claude-gateway-profile.js`, needs `npm run build`). */
export function runBin(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const bin = join(__dirname, '..', '..', 'bin', 'claude-gateway-profile.js');
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: opts.cwd ?? join(__dirname, '..', '..'), env: { PATH: process.env.PATH ?? '', ...opts.env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

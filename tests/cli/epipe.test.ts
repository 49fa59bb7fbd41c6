/**
 * A reader that stops reading (`claude-gateway-profile schema | head -c 10`) is a normal end: the
 * CLI stops writing quietly, with no stack trace, and keeps the command's own exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { directWriter, type FallbackStream } from '../../lib/cli/io';
import { ROOT } from '../support/examples';

const BIN = join(ROOT, 'bin', 'claude-gateway-profile.js');
const POSIX = process.platform !== 'win32';

afterEach(() => jest.restoreAllMocks());

/**
 * Runs the binary with `schema` (70 KB, more than a pipe holds); `close` decides when to hang up.
 * Node gives a child a socket pair, not a pipe: on Linux its buffer can take the whole schema, so
 * 'after-first-chunk' may end before the child writes again; 'at-once' always makes the child's
 * first write fail with EPIPE, and the shell test below uses a real pipe.
 */
function schemaWithEarlyClose(close: 'at-once' | 'after-first-chunk'): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'schema'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
    });
    if (close === 'at-once') child.stdout.destroy();
    else child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('stdout closed early', () => {
  test.each(['at-once', 'after-first-chunk'] as const)('closed %s: exit 0, nothing on stderr', async (close) => {
    const r = await schemaWithEarlyClose(close);
    expect(r.stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  (POSIX && spawnSync('sh', ['-c', 'command -v head'], { encoding: 'utf8' }).status === 0 ? test : test.skip)('through a shell pipe into head -c 10', () => {
    // The exit code of the CLI, not of head: written to stderr after the pipeline's first part.
    const r = spawnSync('sh', ['-c', `{ "$0" "$1" schema; echo "exit=$?" >&2; } | head -c 10`, process.execPath, BIN], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('{\n  "$sche');
    expect(r.stderr).toBe('exit=0\n');
  });
});

describe('directWriter', () => {
  test('EPIPE from writeSync: this text and all later text are dropped, nothing thrown', () => {
    const streamed: string[] = [];
    const spy = jest.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
    });
    const write = directWriter(1, () => ({ write: (c) => streamed.push(String(c)) > 0 }));
    write('one\n');
    write('two\n');
    expect(streamed).toEqual(process.platform === 'win32' ? ['one\n', 'two\n'] : []);
    expect(spy).toHaveBeenCalledTimes(POSIX ? 1 : 0);
  });

  test('EPIPE from the stream it fell back to: quiet, later text dropped, exit code untouched', () => {
    const before = process.exitCode;
    // A short write (a non-blocking pipe that is full) moves the rest to the stream.
    jest.spyOn(fs, 'writeSync').mockImplementation(() => 2);
    let onError: ((err: Error) => void) | undefined;
    const streamed: string[] = [];
    const stream: FallbackStream = {
      write: (c) => streamed.push(Buffer.from(c).toString('utf8')) > 0,
      on: (_event, listener) => {
        onError = listener;
      },
    };
    const write = directWriter(1, () => stream);
    write('hello\n');
    expect(streamed).toEqual([POSIX ? 'llo\n' : 'hello\n']);
    expect(onError).toBeDefined();
    onError?.(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('after the reader left\n');
    expect(streamed).toHaveLength(1);
    expect(process.exitCode).toBe(before);
  });
});

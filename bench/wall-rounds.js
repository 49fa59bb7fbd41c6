#!/usr/bin/env node
'use strict';
/**
 * Wall times of several commands, measured in rounds (for bench/run.js): each round runs every
 * command once (after one warm-up round), the order rotating from round to round, so that the
 * machine's drift during the run reaches every command alike.
 *
 * Run as its own small process, not inside the bench: a parent that has just spent seconds
 * building profiles carries a large heap, and starting children from it made the same command
 * measure from 2.6x to 4x `node -e 0` from run to run.
 *
 * Input: the path of a JSON file { cwd, runs, commands: [{ cmd, argv, env?, clean? }] } (`clean`:
 * a folder removed before each run of that command). Output on stdout: JSON, per command
 * { medianMs, minMs, ratio } where `ratio` is the median of its per-round ratio to the first
 * command (the anchor).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const times = spec.commands.map(() => []);
for (let round = 0; round <= spec.runs; round++) {
  for (let k = 0; k < spec.commands.length; k++) {
    const i = (round + k) % spec.commands.length;
    const { cmd, argv, env = {}, clean } = spec.commands[i];
    if (clean) fs.rmSync(clean, { recursive: true, force: true });
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { cwd: spec.cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) {
      process.stderr.write(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
      process.exit(1);
    }
    if (round > 0) times[i].push(ms);
  }
}
const out = times.map((ts) => ({ medianMs: median(ts), minMs: Math.min(...ts), ratio: median(ts.map((ms, round) => ms / times[0][round])), runs: spec.runs }));
process.stdout.write(`${JSON.stringify(out)}\n`);

'use strict';
// Preloaded with `node --require` by tests/bad-input/generated.test.ts: writes the process's peak
// RSS (maxRSS in KB) to CGP_USAGE_FILE when it exits, so the test can bound it.
// getrusage's ru_maxrss survives fork+exec on Linux, so a child of a large jest worker would report
// the worker's size; /proc/self/status VmHWM belongs to this process's own address space.
const { readFileSync, writeFileSync } = require('node:fs');

function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS;
}

const target = process.env.CGP_USAGE_FILE;
if (target) process.on('exit', () => writeFileSync(target, JSON.stringify({ ...process.resourceUsage(), maxRSS: peakKb() })));

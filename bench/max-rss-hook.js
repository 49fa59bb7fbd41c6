'use strict';
// Loaded with `node --require` by bench/run.js and tests/bad-input/generated.test.ts: records the process's peak RSS (maxRSS, KB) at exit
// into the file named by CGP_USAGE_FILE. On Linux it is VmHWM from /proc/self/status: getrusage's
// ru_maxrss survives fork+exec, so a child of a large parent would report the parent's size.
const { readFileSync, writeFileSync } = require('node:fs');

function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: getrusage below
  }
  return process.resourceUsage().maxRSS;
}

const target = process.env.CGP_USAGE_FILE;
if (target) process.on('exit', () => writeFileSync(target, JSON.stringify({ ...process.resourceUsage(), maxRSS: peakKb() })));

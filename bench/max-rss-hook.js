'use strict';
// Loaded with `node --require` by bench/run.js: records the process's resource usage (maxRSS in KB)
// at exit into the file named by CGP_BENCH_USAGE, so the peak RSS of one CLI call can be reported.
const { writeFileSync } = require('node:fs');

const target = process.env.CGP_BENCH_USAGE;
if (target) process.on('exit', () => writeFileSync(target, JSON.stringify(process.resourceUsage())));

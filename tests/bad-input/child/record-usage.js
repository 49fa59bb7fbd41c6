'use strict';
// Preloaded with `node --require` by tests/bad-input/generated.test.ts: writes the process's
// resource usage (maxRSS in KB) to CGP_USAGE_FILE when it exits, so the test can bound peak RSS.
const { writeFileSync } = require('node:fs');

const target = process.env.CGP_USAGE_FILE;
if (target) process.on('exit', () => writeFileSync(target, JSON.stringify(process.resourceUsage())));

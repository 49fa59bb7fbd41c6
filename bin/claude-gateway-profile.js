#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
const { run } = require('../dist/lib/cli/main.js');

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`claude-gateway-profile: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

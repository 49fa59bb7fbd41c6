#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script),
// bundled into one file with V8 code caches when `npm run build` could (see load-cli.js).
const { run } = require('./load-cli.js').loadCli();

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`claude-gateway-profile: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

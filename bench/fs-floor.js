#!/usr/bin/env node
'use strict';
/**
 * For bench/run.js: creates the folders and empty files of one profile's build output (the same
 * relative paths as `build` writes, read from a manifest.json given) under DIR, nothing else. Its
 * wall time beside `node -e 0` is what the file system alone adds to a one-profile build.
 * Usage: node bench/fs-floor.js MANIFEST_JSON DIR
 */
const fs = require('node:fs');
const path = require('node:path');

const [manifestFile, dir] = process.argv.slice(2);
const paths = [...JSON.parse(fs.readFileSync(manifestFile, 'utf8')).files.map((f) => f.path), 'manifest.json'];
// Like a build: a staging folder inside DIR, the profile's folder moved into place, staging removed.
const stage = fs.mkdtempSync(path.join(dir, '.stage-'));
const made = new Set();
for (const p of paths) {
  const target = path.join(stage, 'profile', ...p.split('/'));
  const parent = path.dirname(target);
  if (!made.has(parent)) {
    fs.mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  fs.writeFileSync(target, '');
}
fs.renameSync(path.join(stage, 'profile'), path.join(dir, 'profile'));
fs.rmdirSync(stage);

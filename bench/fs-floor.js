#!/usr/bin/env node
'use strict';
/**
 * For bench/run.js: creates the folders and files of one profile's build output (the same relative
 * paths and sizes as `build` writes, read from a manifest.json given; zero bytes as content) under
 * DIR, nothing else. Its wall time beside `node -e 0` is what the file system alone adds to a
 * one-profile build.
 * Usage: node bench/fs-floor.js MANIFEST_JSON DIR (bench/run.js also uses its writeZeroFiles for the bulk floor)
 */
const fs = require('node:fs');
const path = require('node:path');

/** Writes `files` ({ path: 'a/b.txt', size }) as zero bytes under `dir`, making their folders once each. */
function writeZeroFiles(dir, files) {
  const made = new Set();
  for (const f of files) {
    const target = path.join(dir, ...f.path.split('/'));
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(target, Buffer.alloc(f.size));
  }
}

if (require.main === module) {
  const [manifestFile, dir] = process.argv.slice(2);
  const manifest = fs.readFileSync(manifestFile);
  const files = [...JSON.parse(manifest.toString('utf8')).files.map((f) => ({ path: f.path, size: f.size })), { path: 'manifest.json', size: manifest.length }];
  // Like a build: a staging folder inside DIR, the profile's folder moved into place, staging removed.
  const stage = fs.mkdtempSync(path.join(dir, '.stage-'));
  writeZeroFiles(path.join(stage, 'profile'), files);
  fs.renameSync(path.join(stage, 'profile'), path.join(dir, 'profile'));
  fs.rmdirSync(stage);
}

module.exports = { writeZeroFiles };

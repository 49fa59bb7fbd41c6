#!/usr/bin/env node
/**
 * Lists the files of the build folders in ARTIFACTS (`claude-gateway-profile build … --out ARTIFACTS`)
 * by whether they hold a profile's secrets, as each folder's manifest.json records it:
 *
 *   node ci/select-files.js --public ARTIFACTS   files with "containsSecrets": false, and each manifest.json
 *   node ci/select-files.js --secret ARTIFACTS   files with "containsSecrets": true
 *
 * Prints one path per line, relative to ARTIFACTS (`<profile>/<file>`), sorted. It refuses to guess
 * (exit 1, nothing printed) when a manifest entry has no boolean `containsSecrets` (a build by an
 * older version of the tool), names a path outside its folder, or differs in size or SHA-256 from
 * the file, or when a folder holds a file its manifest does not list: anything it cannot vouch
 * for is never published.
 */
'use strict';
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, posix } = require('node:path');

function fail(message) {
  process.stderr.write(`select-files: ${message}\n`);
  process.exit(1);
}

/** Every file under `dir`, as `/`-separated paths relative to it. */
function filesUnder(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return filesUnder(join(dir, e.name), `${rel}/`);
    return [rel];
  });
}

function select(artifacts, wantSecret) {
  const out = [];
  const folders = readdirSync(artifacts, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  if (folders.length === 0) fail(`${artifacts} holds no build folder`);
  for (const name of folders) {
    const dir = join(artifacts, name);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    } catch (e) {
      fail(`${name}/manifest.json cannot be read (${e.code || e.message}): is ${dir} a build folder?`);
    }
    if (!manifest || !Array.isArray(manifest.files)) fail(`${name}/manifest.json has no "files" list`);
    const listed = new Set(['manifest.json']);
    for (const [i, f] of manifest.files.entries()) {
      const where = `${name}/manifest.json files[${i}]`;
      if (!f || typeof f.path !== 'string' || posix.normalize(f.path) !== f.path || f.path.startsWith('/') || f.path.split('/').includes('..')) fail(`${where}: not a path inside the build folder`);
      if (typeof f.containsSecrets !== 'boolean') fail(`${where} (${f.path}) has no "containsSecrets": true or false; rebuild with a version of claude-gateway-profile that records it`);
      const bytes = readFileSync(join(dir, f.path));
      if (bytes.length !== f.size || createHash('sha256').update(bytes).digest('hex') !== f.sha256) fail(`${name}/${f.path} differs from its manifest entry (size or SHA-256): rebuild instead of editing built files`);
      listed.add(f.path);
      if (f.containsSecrets === wantSecret) out.push(`${name}/${f.path}`);
    }
    const unlisted = filesUnder(dir).filter((p) => !listed.has(p));
    if (unlisted.length > 0) fail(`${name}/ holds files its manifest.json does not list (${unlisted.join(', ')}): it is not exactly what the build wrote`);
    if (!wantSecret) out.push(`${name}/manifest.json`);
  }
  // Code-unit order, the same on every machine and locale.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const [mode, artifacts, ...rest] = process.argv.slice(2);
if ((mode !== '--public' && mode !== '--secret') || !artifacts || rest.length > 0) {
  process.stderr.write('usage: node select-files.js --public|--secret ARTIFACTS_DIR\n');
  process.exit(2);
}
try {
  if (!statSync(artifacts).isDirectory()) fail(`${artifacts} is not a folder`);
} catch (e) {
  fail(`${artifacts}: ${e.code || e.message}`);
}
const paths = select(artifacts, mode === '--secret');
process.stdout.write(paths.map((p) => `${p}\n`).join(''));

'use strict';
/**
 * Loads the compiled CLI for bin/claude-gateway-profile.js, as fast as Node 20 allows (a
 * one-profile `build` is a few times the start of Node itself, so module loading matters):
 *
 * 1. `dist/cli.js`, the CLI bundled into one file by `npm run build` (`scripts/bundle-cli.js`):
 *    one file instead of ~80 module resolutions. Its text is already the function Node would
 *    wrap a CommonJS module in (`(function (exports, require, module, __filename, __dirname) {…})`),
 *    so it is compiled as it is read, without first being copied into a 0.5 MB wrapped string: it
 *    is loaded by {@link loadBundle} here, never by `require`. Used only when it is not older than
 *    `dist/lib/cli/main.js` (a `tsc` run without the bundle step leaves it stale; then the
 *    unbundled `dist/lib/cli/main.js` runs). An installed package (inside node_modules) always uses
 *    it: npm dates each file by when it was unpacked, so dates cannot tell there.
 * 2. V8 code caches made by the same script after a warm-up run (`dist/cli-code-cache/`): for the
 *    bundle and the large generated modules (`generated/*.js`), so V8 neither parses them nor
 *    compiles the functions the warm-up ran. Node 20 has no `module.enableCompileCache()`; this is
 *    the same technique by hand, restricted to the files listed in the cache index, and only when
 *    the index was made by this V8 version and platform and each file's SHA-256 equals the one
 *    recorded (V8 itself checks only the source length). Any mismatch: Node compiles as usual.
 *
 * Nothing here is needed for correctness; every failure falls back to plain `require`.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLE = path.join(DIST, 'cli.js');
const MAIN = path.join(DIST, 'lib', 'cli', 'main.js');
const CACHE_DIR = path.join(DIST, 'cli-code-cache');
const CACHE_INDEX = path.join(CACHE_DIR, 'index.json');

/** The V8 build the caches must come from. */
function v8Tag() {
  return `${process.versions.v8} ${process.platform}-${process.arch}`;
}

// An installed copy (inside node_modules) is never recompiled in place; npm gives each file the
// moment it was unpacked, in tarball order, so there its dates say nothing about staleness.
const INSTALLED = ROOT.split(path.sep).includes('node_modules');

/**
 * The bundle when present and fresh, else undefined. In a development checkout, fresh means not
 * older than the unbundled CLI (a `tsc` run without the bundle step leaves it older); an installed
 * package always uses its bundle (whose code caches are still checked file by file, see below).
 */
function freshBundle() {
  const bundle = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  if (!bundle) return undefined;
  if (INSTALLED) return BUNDLE;
  const main = fs.statSync(MAIN, { throwIfNoEntry: false });
  return !main || main.mtimeMs <= bundle.mtimeMs ? BUNDLE : undefined;
}

/** A `require` for code compiled here, as Node gives a module (what the bundle and generated code use). */
function makeRequire(mod) {
  const Module = require('node:module');
  const req = (id) => mod.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  req.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  req.main = require.main;
  req.extensions = Module._extensions;
  req.cache = Module._cache;
  return req;
}

/** Lower-case hex SHA-256 of bytes (node:crypto loaded on first use). */
function sha256(bytes) {
  return require('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

/**
 * Compiles `code` (a CommonJS module already wrapped in its function) with `cachedData` when given
 * and runs it as `module`; returns the vm.Script (for its cachedDataRejected and createCachedData).
 */
function runModule(module, filename, code, cachedData) {
  const vm = require('node:vm');
  const script = new vm.Script(code, { filename, cachedData });
  const fn = script.runInThisContext({ displayErrors: true });
  fn.call(module.exports, module.exports, makeRequire(module), module, filename, path.dirname(filename));
  return script;
}

/**
 * Loads the bundle `file`, whose text is a wrapped CommonJS module (see the top of this file), as
 * Node would load a module: registered in `require.cache` under its path, with its own `require`.
 * `entry` ({ sha256, cache } from the cache index, or undefined) gives its code cache, used only
 * when the file's SHA-256 is the recorded one. With `record` (a Map), compiles without a cache and
 * records file → { script, sha256 } (for the cache generator). `outcomes` (a Map) gets the file's
 * outcome as in {@link hookCompile}.
 */
function loadBundle(file, entry, { record, outcomes } = {}) {
  const Module = require('node:module');
  const known = Module._cache[file];
  if (known) return known.exports;
  const bytes = fs.readFileSync(file);
  const digest = entry || record ? sha256(bytes) : undefined;
  let cachedData;
  let outcome = record ? 'recorded' : 'no-cache';
  if (entry && !record) {
    if (digest !== entry.sha256) outcome = 'stale';
    else {
      try {
        cachedData = fs.readFileSync(path.resolve(CACHE_DIR, entry.cache));
      } catch {
        // no cache file: compile without
      }
    }
  }
  const module = new Module(file, require.main);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = module;
  let script;
  try {
    script = runModule(module, file, bytes.toString('utf8'), cachedData);
  } catch (e) {
    delete Module._cache[file];
    throw e;
  }
  module.loaded = true;
  if (cachedData) outcome = script.cachedDataRejected ? 'rejected' : 'cache';
  if (record) record.set(file, { script, sha256: digest });
  outcomes?.set(file, outcome);
  return module.exports;
}

/**
 * Compiles the files `lookup` knows (absolute path → { sha256, cache } or undefined; `cache` is
 * relative to the cache folder) through vm.Script with their code cache; other files go to Node's
 * own loader. With `record` (a Map), files `lookup` accepts are compiled without a cache and
 * recorded as path → { script, sha256 } (for the cache generator). Returns the function that
 * removes the hook; its `outcomes` maps each file seen to "cache", "rejected" (V8 refused the
 * cache), "stale" (the source is not the one the cache was made from), "no-cache" or "recorded".
 *
 * The hook is the `.js` loader itself, not `Module.prototype._compile`: a known file is read here
 * as bytes, hashed as bytes and decoded once (Node's own `readFileSync(file, 'utf8')` costs about
 * twice as much for the 0.5 MB bundle); a file that is stale or has no cache goes back to Node's
 * loader unchanged.
 */
function hookCompile(lookup, record) {
  const Module = require('node:module');
  const original = Module._extensions['.js'];
  const outcomes = new Map();
  const loadJs = function loadWithCache(module, filename) {
    const entry = lookup(filename);
    if (!entry) return original.call(this, module, filename);
    const bytes = fs.readFileSync(filename);
    const digest = sha256(bytes);
    let cachedData;
    if (!record) {
      if (digest !== entry.sha256) {
        outcomes.set(filename, 'stale');
        return original.call(this, module, filename);
      }
      try {
        cachedData = fs.readFileSync(path.resolve(CACHE_DIR, entry.cache));
      } catch {
        outcomes.set(filename, 'no-cache');
        return original.call(this, module, filename);
      }
    }
    // Module.prototype.load has set module.filename and module.paths, as for Node's own loader.
    const script = runModule(module, filename, Module.wrap(bytes.toString('utf8')), cachedData);
    if (record) record.set(filename, { script, sha256: digest });
    outcomes.set(filename, record ? 'recorded' : script.cachedDataRejected ? 'rejected' : 'cache');
  };
  Module._extensions['.js'] = loadJs;
  const unhook = () => {
    if (Module._extensions['.js'] === loadJs) Module._extensions['.js'] = original;
  };
  unhook.outcomes = outcomes;
  return unhook;
}

/** The cache index when made by this V8 for this platform; undefined otherwise. */
function cacheEntries() {
  let index;
  try {
    index = JSON.parse(fs.readFileSync(CACHE_INDEX, 'utf8'));
  } catch {
    return undefined;
  }
  if (!index || index.v8 !== v8Tag() || !index.files || typeof index.files !== 'object') return undefined;
  const entries = new Map();
  for (const [rel, e] of Object.entries(index.files)) {
    if (e && typeof e.sha256 === 'string' && typeof e.cache === 'string') entries.set(path.join(ROOT, ...rel.split('/')), e);
  }
  return entries;
}

/**
 * The CLI module (`{ run }`): the bundle with its code caches when they fit, else the unbundled
 * compiled CLI. Set CLAUDE_GATEWAY_PROFILE_NO_BUNDLE=1 to force the unbundled one (for comparison).
 */
function loadCli() {
  const bundle = process.env.CLAUDE_GATEWAY_PROFILE_NO_BUNDLE ? undefined : freshBundle();
  if (!bundle) return require(MAIN);
  const entries = cacheEntries();
  const entry = entries?.get(bundle);
  if (entry) hookCompile((file) => (file === bundle ? undefined : entries.get(file)));
  return loadBundle(bundle, entry);
}

module.exports = { loadCli, loadBundle, hookCompile, v8Tag, BUNDLE, MAIN, CACHE_DIR, CACHE_INDEX, ROOT };

'use strict';
/**
 * Loads the compiled CLI for bin/claude-gateway-profile.js, as fast as Node 20 allows (a
 * one-profile `build` is a few times the start of Node itself, so module loading matters):
 *
 * 1. `dist/cli.js`, the CLI bundled into one file by `npm run build` (`scripts/bundle-cli.js`):
 *    one file instead of ~80 module resolutions. Used only when it is not older than
 *    `dist/lib/cli/main.js` (a `tsc` run without the bundle step leaves it stale; then the
 *    unbundled `dist/lib/cli/main.js` runs). In a packed tarball every file has the same date.
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

/** The bundle when present and not older than the unbundled CLI, else undefined. */
function freshBundle() {
  const bundle = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  const main = fs.statSync(MAIN, { throwIfNoEntry: false });
  return bundle && (!main || main.mtimeMs <= bundle.mtimeMs) ? BUNDLE : undefined;
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
  const vm = require('node:vm');
  const original = Module._extensions['.js'];
  const outcomes = new Map();
  let createHash;
  const sha256 = (bytes) => {
    createHash ??= require('node:crypto').createHash;
    return createHash('sha256').update(bytes).digest('hex');
  };
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
    const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename, cachedData });
    if (record) record.set(filename, { script, sha256: digest });
    outcomes.set(filename, record ? 'recorded' : script.cachedDataRejected ? 'rejected' : 'cache');
    const fn = script.runInThisContext({ displayErrors: true });
    // Module.prototype.load has set module.filename and module.paths, as for Node's own loader.
    return fn.call(module.exports, module.exports, makeRequire(module), module, filename, path.dirname(filename));
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
  if (entries && entries.has(bundle)) {
    try {
      hookCompile((file) => entries.get(file));
    } catch {
      // no vm or module hook here: plain require below
    }
  }
  return require(bundle);
}

module.exports = { loadCli, hookCompile, v8Tag, BUNDLE, MAIN, CACHE_DIR, CACHE_INDEX, ROOT };

/**
 * How the binary starts (needs `npm run build`, which `npm test` runs first):
 * - `build` without signing loads none of the modules it does not need (checked on the unbundled
 *   dist/lib, where each module is a file);
 * - bin/load-cli.js runs the bundle `dist/cli.js` with the V8 code caches of `dist/cli-code-cache/`,
 *   and the bundled CLI writes the same bytes as the unbundled one;
 * - a code cache is used only for the exact source it was made from.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { directWriter } from '../../lib/cli/io';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/examples';

interface Loader {
  loadCli(): { run: unknown };
  hookCompile(lookup: (file: string) => { sha256: string; cache: string } | undefined, record?: Map<string, unknown>): () => void;
  v8Tag(): string;
  BUNDLE: string;
  MAIN: string;
  CACHE_DIR: string;
  CACHE_INDEX: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain Node launcher code
const loader = require('../../bin/load-cli') as Loader;

const BIN = join(ROOT, 'bin', 'claude-gateway-profile.js');
const PROFILE = join(ROOT, 'examples', 'truefoundry.profile.json');
const ENV = { PATH: process.env.PATH ?? '', TFY_API_KEY: 'fast-start-test' };

function node(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, args, { cwd: ROOT, env: { ...ENV, ...env }, encoding: 'utf8' });
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.set(`${prefix}${e.name}`, readFileSync(join(d, e.name)).toString('base64'));
    }
  };
  walk(dir, '');
  return out;
}

/**
 * Builds the TrueFoundry example in a fresh Node process with the CLI module `cliExpr` evaluates to
 * (the unbundled one, or the bundle through the launcher) and returns every module that process
 * loaded, relative to the package root. The build must succeed and print nothing on stderr.
 */
function modulesAfterBuild(cliExpr: string, out: string): string[] {
  const script = `
    const { run } = ${cliExpr};
    const io = { stdout() {}, stderr: (t) => process.stderr.write(t), env: { TFY_API_KEY: 'k' }, cwd: ${JSON.stringify(ROOT)}, isTTY: false };
    run(['build', ${JSON.stringify(PROFILE)}, '--out', ${JSON.stringify(out)}], io).then((code) => {
      process.stdout.write(JSON.stringify({ code, modules: Object.keys(require.cache) }));
    });`;
  const r = node(['-e', script]);
  expect(r.stderr).toBe('');
  const { code, modules } = JSON.parse(r.stdout) as { code: number; modules: string[] };
  expect(code).toBe(0);
  return modules.map((m) => m.slice(ROOT.length + 1).split('\\').join('/'));
}

describe('CLI start-up', () => {
  const work = mkdtempSync(join(tmpdir(), 'cgp-fast-start-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('an unsigned build loads no lint, reader, check, import, diff, signing or XML/plist library, nor a compiler', () => {
    const rel = modulesAfterBuild(`require(${JSON.stringify(loader.MAIN)})`, join(work, 'lazy'));
    const forbidden = [
      /^dist\/lib\/(lint|check|import|diff|sign)\//,
      /^dist\/lib\/writers\/(adml|macos-key-text)\.js$/,
      /node_modules\/(node-forge|plist|@xmldom|xmlbuilder|handlebars|ajv-formats|fast-xml-parser)\//,
      /node_modules\/ajv\/dist\/(ajv|core|compile)/,
    ];
    expect(rel.filter((m) => forbidden.some((f) => f.test(m)))).toEqual([]);
    expect(rel).toContain('dist/lib/writers/catalog-artifacts.js');
  });

  test('the bundle is current, and its code caches were made by this Node for exactly these sources', () => {
    if (statSync(loader.BUNDLE).mtimeMs < statSync(loader.MAIN).mtimeMs) {
      throw new Error('dist/cli.js is older than dist/lib/cli/main.js: run `npm run build` (tsc alone leaves the bundle stale; the binary then runs unbundled)');
    }
    const index = JSON.parse(readFileSync(loader.CACHE_INDEX, 'utf8')) as { v8: string; files: Record<string, { sha256: string; cache: string }> };
    expect(index.v8).toBe(loader.v8Tag());
    expect(Object.keys(index.files)).toEqual(expect.arrayContaining(['dist/cli.js', 'generated/profile-validator.js']));
    // V8 accepts every cache for its source.
    const script = `
      const vm = require('node:vm'), fs = require('node:fs'), Module = require('node:module'), path = require('node:path');
      const index = JSON.parse(fs.readFileSync(${JSON.stringify(loader.CACHE_INDEX)}, 'utf8'));
      const out = {};
      for (const [rel, e] of Object.entries(index.files)) {
        const file = path.join(${JSON.stringify(ROOT)}, rel);
        const text = fs.readFileSync(file, 'utf8');
        // The bundle is written already wrapped (bin/load-cli.js loadBundle); generated files are plain modules.
        const s = new vm.Script(file === ${JSON.stringify(loader.BUNDLE)} ? text : Module.wrap(text), { filename: file, cachedData: fs.readFileSync(path.join(${JSON.stringify(loader.CACHE_DIR)}, e.cache)) });
        out[rel] = s.cachedDataRejected;
      }
      process.stdout.write(JSON.stringify(out));`;
    const r = node(['-e', script]);
    expect(r.stderr).toBe('');
    expect(Object.values(JSON.parse(r.stdout) as Record<string, boolean>)).toEqual(Object.keys(index.files).map(() => false));
  });

  test('the bundled CLI (with code caches) and the unbundled one write the same files and say the same', () => {
    const a = node([BIN, 'build', PROFILE, '--out', join(work, 'a')]);
    const b = node([BIN, 'build', PROFILE, '--out', join(work, 'b')], { CLAUDE_GATEWAY_PROFILE_NO_BUNDLE: '1' });
    expect(a.status).toBe(0);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stdout.replace(`${join(work, 'a')}`, 'OUT').replace(/ a\//g, ' OUT/')).toBe(b.stdout.replace(`${join(work, 'b')}`, 'OUT').replace(/ b\//g, ' OUT/'));
    expect(filesOf(join(work, 'a'))).toEqual(filesOf(join(work, 'b')));
    const v = node([BIN, '--version']);
    expect(v.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test('the bundle carries the profile schema hash and catalogue digest of the catalogue it holds, and builds without compiling anything', () => {
    // The values npm run build wrote in (scripts/bundle-cli.js) are the ones of the catalogue now.
    const { profileSchemaText } = jest.requireActual<typeof import('../../lib/catalog/json-schema')>('../../lib/catalog/json-schema');
    const { catalogDataDigest } = jest.requireActual<typeof import('../../lib/writers/catalog-artifacts')>('../../lib/writers/catalog-artifacts');
    const bundle = readFileSync(loader.BUNDLE, 'utf8');
    const defined = (fn: string) => new RegExp(`function ${fn}\\(\\) \\{\\s*return true \\? "([0-9a-f]{64})"`).exec(bundle)?.[1];
    expect(defined('bundledProfileSchemaSha256')).toBe(createHash('sha256').update(profileSchemaText(), 'utf8').digest('hex'));
    expect(defined('bundledCatalogDataDigest')).toBe(catalogDataDigest());
    const rel = modulesAfterBuild(`require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))}).loadCli()`, join(work, 'bundled-lazy'));
    expect(rel).toContain('dist/cli.js');
    expect(rel).toContain('generated/profile-validator.js');
    // Not even ajv's runtime helpers: the generator writes them into the generated code.
    expect(rel.filter((f) => /node_modules\/(ajv|ajv-formats|handlebars)\//.test(f))).toEqual([]);
    // Only the view validators of the templates a build renders (the ADMX/ADML and the profile
    // manifest are precomputed in generated/catalog-artifacts/).
    expect(rel.filter((f) => f.startsWith('generated/views/')).sort()).toEqual(['deploy', 'mobileconfig', 'preference-settings', 'reg'].map((v) => `generated/views/${v}.js`));
  });

  test('the process writers write straight to the descriptor and hand over to the stream for good after a failed write', () => {
    const file = join(work, 'direct.txt');
    const fd = openSync(file, 'w');
    const streamed: string[] = [];
    const stream = () => ({ write: (chunk: string | Uint8Array) => streamed.push(Buffer.from(chunk).toString('utf8')) > 0 });
    const write = directWriter(fd, stream);
    write('one ünïcode line\n');
    write('two\n');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(process.platform === 'win32' ? '' : 'one ünïcode line\ntwo\n');
    // The descriptor is gone (EBADF): this text and all later text go through the stream, in order.
    write('three\n');
    write('four\n');
    expect(streamed.join('')).toBe(process.platform === 'win32' ? 'one ünïcode line\ntwo\nthree\nfour\n' : 'three\nfour\n');
  });

  test('the binary prints through a pipe, and a one-profile build sets up no stdout stream, tty or net module', () => {
    const r = node(['-e', `
      process.argv.splice(1, 0, ${JSON.stringify(BIN)});
      process.argv.splice(2, process.argv.length, 'build', ${JSON.stringify(PROFILE)}, '--out', ${JSON.stringify(join(work, 'no-stream'))});
      process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (tty|net)$/.test(m)))));
      require(${JSON.stringify(BIN)});`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('19 files in');
    expect(JSON.parse(r.stderr) as string[]).toEqual([]);
  });

  test('a code cache is used only for the source it was made from', () => {
    const dir = mkdtempSync(join(work, 'mod-'));
    const file = join(dir, 'm.js');
    const source = 'module.exports = { answer: 42, dir: __dirname, file: __filename, resolve: typeof require.resolve, path: require("node:path").sep };\n';
    writeFileSync(file, source);
    const prelude = `
      const loader = require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))});
      const fs = require('node:fs');
      const file = ${JSON.stringify(file)};
      const load = (entry, record) => {
        delete require.cache[file];
        const unhook = loader.hookCompile((f) => (f === file ? entry : undefined), record);
        try { return { exports: require(file), outcome: unhook.outcomes.get(file) }; } finally { unhook(); }
      };`;
    // One process records the cache; a fresh one (no in-memory compilation cache) loads m.js with
    // it (accepted), with a wrong recorded hash (not used), without the cache file, and after an
    // edit of the same length (hash differs: not used) or another length (V8 refuses the cache).
    const recorded = node(['-e', `${prelude}
      const record = new Map();
      const first = load({}, record);
      const { script, sha256 } = record.get(file);
      fs.writeFileSync(file + '.bin', script.createCachedData());
      process.stdout.write(JSON.stringify({ first, sha256 }));`]);
    expect(recorded.stderr).toBe('');
    const { first, sha256 } = JSON.parse(recorded.stdout) as { first: { exports: unknown; outcome: string }; sha256: string };
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(sha256).toBe(sha(source));
    const edited = source.replace('42', '43');
    const longer = source.replace('42', '4242');
    const r = node(['-e', `${prelude}
      const out = [load({ sha256: ${JSON.stringify(sha256)}, cache: file + '.bin' }), load({ sha256: '0'.repeat(64), cache: file + '.bin' }), load({ sha256: ${JSON.stringify(sha256)}, cache: file + '.none' })];
      fs.writeFileSync(file, ${JSON.stringify(edited)});
      out.push(load({ sha256: ${JSON.stringify(sha256)}, cache: file + '.bin' }));
      fs.writeFileSync(file, ${JSON.stringify(longer)});
      out.push(load({ sha256: ${JSON.stringify(sha(longer))}, cache: file + '.bin' }));
      process.stdout.write(JSON.stringify(out));`]);
    expect(r.stderr).toBe('');
    const out = [first, ...(JSON.parse(r.stdout) as { exports: unknown; outcome: string }[])];
    expect(out.map((o) => o.outcome)).toEqual(['recorded', 'cache', 'stale', 'no-cache', 'stale', 'rejected']);
    const expected = { answer: 42, dir, file, resolve: 'function', path: '/' };
    expect(out.map((o) => o.exports)).toEqual([expected, expected, expected, expected, { ...expected, answer: 43 }, { ...expected, answer: 4242 }]);
  });

  test('bin/claude-gateway-profile.js uses the bundle and its caches', () => {
    const script = `
      const loader = require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))});
      const Module = require('node:module');
      const before = Module._extensions['.js'];
      const cli = loader.loadCli();
      process.stdout.write(JSON.stringify({ hooked: Module._extensions['.js'] !== before, bundle: Object.keys(require.cache).includes(loader.BUNDLE), run: typeof cli.run, again: loader.loadCli() === cli }));`;
    const r = node(['-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ hooked: true, bundle: true, run: 'function', again: true });
  });

  test('the bundle is one wrapped module, loaded with its cache only when its hash is the recorded one', () => {
    const text = readFileSync(loader.BUNDLE, 'utf8');
    expect(text).toMatch(/^(\/\/[^\n]*\n)*\(function \(exports, require, module, __filename, __dirname\) \{\n/);
    expect(text.endsWith('\n})\n') || text.endsWith('\n})')).toBe(true);
    const index = JSON.parse(readFileSync(loader.CACHE_INDEX, 'utf8')) as { files: Record<string, { sha256: string; cache: string }> };
    const entry = index.files['dist/cli.js']!;
    const outcome = (e: object | undefined) => {
      const r = node(['-e', `
        const loader = require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))});
        const outcomes = new Map();
        const cli = loader.loadBundle(loader.BUNDLE, ${JSON.stringify(e)}, { outcomes });
        process.stdout.write(JSON.stringify({ outcome: outcomes.get(loader.BUNDLE), run: typeof cli.run }));`]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { outcome: string; run: string };
    };
    expect(outcome(entry)).toEqual({ outcome: 'cache', run: 'function' });
    expect(outcome({ ...entry, sha256: '0'.repeat(64) })).toEqual({ outcome: 'stale', run: 'function' });
    expect(outcome({ ...entry, cache: 'none.bin' })).toEqual({ outcome: 'no-cache', run: 'function' });
    expect(outcome(undefined)).toEqual({ outcome: 'no-cache', run: 'function' });
  });
});

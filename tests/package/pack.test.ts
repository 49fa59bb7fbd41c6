/**
 * The package works as published: `npm pack`, install the tarball into an empty folder, then run
 * the CLI and the API from there (compiled JS, declarations, templates and schemas must be inside).
 * Packs with --ignore-scripts: `npm test` has built dist/ already, and rebuilding it here would race
 * with other test files that run the compiled CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/examples';

jest.setTimeout(300_000);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('published package', () => {
  const work = mkdtempSync(join(tmpdir(), 'cgp-pack-'));
  let tarball = '';
  let files: string[] = [];

  beforeAll(() => {
    const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, info[0]?.filename ?? '');
    files = (info[0]?.files ?? []).map((f) => f.path);
  });

  test('the tarball holds compiled JS, declarations, templates and schemas, and no tests or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/claude-gateway-profile.js', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/cli/main.js', 'schemas/profile.schema.json', 'package.json', 'README.md']));
    expect(files.some((f) => f.startsWith('templates/') && f.endsWith('.hbs'))).toBe(true);
    // The fast-start CLI (bin/load-cli.js): the bundle, its code caches, the precomputed catalogue artifacts.
    expect(files).toEqual(expect.arrayContaining(['bin/load-cli.js', 'dist/cli.js', 'dist/cli-code-cache/index.json', 'generated/catalog-artifacts/index.json']));
    expect(files.some((f) => f.startsWith('schemas/views/'))).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['docs/keys.md', 'docs/check-json.md']));
    expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('lib/') || f.startsWith('node_modules/') || /\.(pem|key)$/.test(f))).toEqual([]);
  });

  test('installed into an empty folder, the CLI builds and the API works', () => {
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app, stdio: 'ignore' });
    const profile = join(ROOT, 'examples', 'truefoundry.profile.json');
    const bin = join(app, 'node_modules', '.bin', 'claude-gateway-profile');
    const env = { PATH: process.env.PATH ?? '', TFY_API_KEY: 'pack-test-key', HOME: process.env.HOME ?? work };
    const build = spawnSync(bin, ['build', profile, '--out', join(app, 'out')], { cwd: app, env, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(app, 'out', 'truefoundry', 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    for (const f of manifest.files) expect(existsSync(join(app, 'out', 'truefoundry', f.path))).toBe(true);

    const script = `
      const api = require('claude-gateway-profile');
      const profile = require(${JSON.stringify(profile)});
      const r = api.buildArtifacts(profile, { env: { TFY_API_KEY: 'k' } });
      const schema = require('claude-gateway-profile/schemas/profile.schema.json');
      if (api.validateProfile(require('claude-gateway-profile/examples/litellm.profile.json')).findings.some((f) => f.severity === 'error' && f.code !== 'missing-env')) throw new Error('the shipped example does not validate');
      console.log(JSON.stringify({ files: r.files.length, keys: api.CATALOG.length, schema: Object.keys(schema.properties.settings.properties).length, valid: api.validateProfile(profile).ok }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' })) as { files: number; keys: number; schema: number; valid: boolean };
    expect(out.files).toBe(manifest.files.length + 1);
    expect(out.keys).toBe(out.schema);
    expect(out.valid).toBe(true);
    expect(readdirSync(join(app, 'node_modules', 'claude-gateway-profile', 'dist', 'lib')).length).toBeGreaterThan(3);

    // The installed CLI starts from its bundle, whatever dates npm gave the files: npm dates each
    // file by when it was unpacked, and the bundle comes before dist/lib/cli/main.js in the tarball.
    const pkg = join(app, 'node_modules', 'claude-gateway-profile');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(pkg, 'dist', 'lib', 'cli', 'main.js'), later, later);
    const probe = `
      const loader = require(${JSON.stringify(join(pkg, 'bin', 'load-cli.js'))});
      loader.loadCli();
      console.log(JSON.stringify({ bundle: loader.BUNDLE in require.cache, main: loader.MAIN in require.cache }));
    `;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: app, encoding: 'utf8' })) as { bundle: boolean; main: boolean };
    expect(loaded).toEqual({ bundle: true, main: false });
  });
});

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PLACEHOLDER_MARKER } from '../../lib/catalog';
import { initCommand, INIT_SUMMARY } from '../../lib/cli/init-cmd';
import { UsageError, type CliIo } from '../../lib/cli/io';
import { registerVerb, run } from '../../lib/cli/main';
import { egressHosts } from '../../lib/egress';
import { formatPath } from '../../lib/profile/path';
import { isEnvRef, walkSettings } from '../../lib/profile/walk';
import { isPresetName, PRESET_NAMES, PRESET_SCHEMA_PATH, PRESET_SCHEMA_REF, presetJson, presetProfile } from '../../lib/presets';
import { prepareProfile, validateProfile } from '../../lib/validate';
import { deployMarkdown } from '../../lib/writers/deploy-md';
import { jsonArtifacts } from '../../lib/writers/json-outputs';
import { envFor, ROOT } from '../support/examples';
import { fileInfo, fillPlaceholders } from './support';

const NOW = new Date('2026-11-24T00:00:00Z');

describe.each(PRESET_NAMES.map((n) => [n] as const))('preset %s', (name) => {
  test('has the $schema line, env secrets and a Haiku-tier model', () => {
    const p = presetProfile(name);
    expect(p.$schema).toBe(PRESET_SCHEMA_REF);
    expect(p.name).toBe(name);
    const models = p.settings.inferenceModels ?? [];
    expect(models.some((m) => typeof m === 'object' && m.anthropicFamilyTier === 'haiku')).toBe(true);
    // Credentials are never literal: every string-typed secret key is an { env } reference.
    walkSettings(p.settings, (leaf) => {
      if (leaf.secret && leaf.path.length === 2 && leaf.key.type === 'string') expect(isEnvRef(leaf.value)).toBe(true);
    });
  });

  test('validation reports every CHANGE_ME as a placeholder error', () => {
    const p = presetProfile(name);
    const r = validateProfile(p, { now: NOW });
    expect(r.ok).toBe(false);
    const placeholderPaths = r.findings.filter((f) => f.code === 'placeholder' && f.severity === 'error').map((f) => f.path);
    expect(placeholderPaths.length).toBeGreaterThan(0);
    // Metadata placeholders (the identifier) are placeholder errors too.
    const expected: string[] = (['name', 'displayName', 'organization', 'description', 'identifier'] as const).filter((f) => p[f]?.includes(PLACEHOLDER_MARKER));
    walkSettings(p.settings, (leaf) => {
      if (typeof leaf.value === 'string' && leaf.value.includes(PLACEHOLDER_MARKER)) expected.push(formatPath(leaf.path));
    });
    expect(placeholderPaths.sort()).toEqual(expected.sort());
    expect(p.identifier).toContain(PLACEHOLDER_MARKER);
    expect(r.findings.some((f) => f.path === 'identifier' && f.severity === 'error')).toBe(true);
  });

  test('with every CHANGE_ME filled in it validates and builds', () => {
    const filled = fillPlaceholders(presetProfile(name));
    expect(JSON.stringify(filled)).not.toContain(PLACEHOLDER_MARKER);
    const r = validateProfile(filled, { now: NOW });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    const { profile } = prepareProfile(filled, { env: envFor(filled), now: NOW });
    const arts = jsonArtifacts(profile);
    expect(arts.length).toBeGreaterThanOrEqual(4);
    const egress = egressHosts(profile);
    expect(egress.length).toBeGreaterThan(1);
    const md = deployMarkdown(profile, { files: fileInfo(arts, profile), egress, warnings: [] }).bytes.toString('utf8');
    expect(md).toContain(`# Deploying ${profile.displayName}`);
  });

  test('presetJson is the profile as 2-space JSON with a trailing LF, a fresh object each call', () => {
    const text = presetJson(name);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(presetProfile(name));
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const a = presetProfile(name);
    a.settings.inferenceProvider = 'anthropic';
    expect(presetProfile(name).settings.inferenceProvider).not.toBe('anthropic');
  });
});

describe('preset specifics', () => {
  test('Cloudflare: AI Gateway URL shape and the cf-aig-authorization header', () => {
    const p = presetProfile('cloudflare');
    expect(p.settings.inferenceGatewayBaseUrl).toMatch(/^https:\/\/gateway\.ai\.cloudflare\.com\/v1\/[^/]+\/[^/]+\/anthropic$/);
    expect(p.settings.inferenceCustomHeaders?.['cf-aig-authorization']).toEqual({ env: 'CF_AIG_AUTHORIZATION' });
  });

  test('Kong: apikey header and an Authorization bearer key', () => {
    const p = presetProfile('kong');
    expect(p.settings.inferenceCustomHeaders?.apikey).toEqual({ env: 'KONG_API_KEY' });
    expect(p.settings.inferenceGatewayAuthScheme).toBe('bearer');
  });

  test('isPresetName', () => {
    expect(isPresetName('kong')).toBe(true);
    expect(isPresetName('openai')).toBe(false);
    expect(isPresetName('toString')).toBe(false);
  });
});

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTTY: false };
}

describe('init command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgp-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the starter profile without --out', () => {
    const t = io(dir);
    expect(initCommand(['--gateway', 'litellm'], t)).toBe(0);
    expect(t.out.join('')).toBe(presetJson('litellm'));
    expect(t.err).toEqual([]);
  });

  test('--out writes the file; refuses to overwrite without --force; --force overwrites', () => {
    const t = io(dir);
    expect(initCommand(['--gateway=vertex', '--out', 'p.json'], t)).toBe(0);
    const file = join(dir, 'p.json');
    expect(readFileSync(file, 'utf8')).toBe(presetJson('vertex'));
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toContain(PLACEHOLDER_MARKER);

    writeFileSync(file, 'mine');
    expect(() => initCommand(['--gateway', 'kong', '--out', 'p.json'], io(dir))).toThrow(/already exists; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');

    expect(initCommand(['--gateway', 'kong', '--out', 'p.json', '--force'], io(dir))).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(presetJson('kong'));
  });

  test('--out: $schema is relative to the written file and reaches the package schema under the working folder', () => {
    // The installed package, as npm lays it out under the working folder.
    const schemaFile = join(dir, PRESET_SCHEMA_PATH);
    mkdirSync(dirname(schemaFile), { recursive: true });
    copyFileSync(join(ROOT, 'schemas', 'profile.schema.json'), schemaFile);
    mkdirSync(join(dir, 'profiles', 'team'), { recursive: true });
    const outside = mkdtempSync(join(tmpdir(), 'cgp-init-outside-'));
    try {
      const cases: [string, string][] = [
        ['p.json', PRESET_SCHEMA_REF],
        [join('profiles', 'x.json'), '../node_modules/claude-gateway-profile/schemas/profile.schema.json'],
        [join('profiles', 'team', 'y.json'), '../../node_modules/claude-gateway-profile/schemas/profile.schema.json'],
        [join(outside, 'z.json'), relative(outside, schemaFile).split(sep).join('/')],
      ];
      for (const [out, expected] of cases) {
        expect(initCommand(['--gateway', 'litellm', '--out', out], io(dir))).toBe(0);
        const file = resolve(dir, out);
        const text = readFileSync(file, 'utf8');
        const written = JSON.parse(text) as { $schema: string };
        expect({ out, ref: written.$schema }).toEqual({ out, ref: expected });
        // Resolved from the file's folder, as editors do, it names the schema.
        expect(resolve(dirname(file), written.$schema)).toBe(schemaFile);
        expect(existsSync(resolve(dirname(file), written.$schema))).toBe(true);
        // Only the $schema line differs from the printed starter; it stays first.
        expect(text).toBe(presetJson('litellm', expected));
        expect(Object.keys(written)[0]).toBe('$schema');
        expect({ ...written, $schema: PRESET_SCHEMA_REF }).toEqual(presetProfile('litellm'));
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('usage problems throw UsageError naming the choices', () => {
    expect(() => initCommand([], io(dir))).toThrow(UsageError);
    expect(() => initCommand([], io(dir))).toThrow(/--gateway NAME, one of: truefoundry, litellm/);
    expect(() => initCommand(['--gateway', 'openai'], io(dir))).toThrow(/unknown gateway "openai"/);
    expect(() => initCommand(['--gateway', 'kong', 'extra'], io(dir))).toThrow(UsageError);
    expect(() => initCommand(['--gateway', 'kong', '--force'], io(dir))).toThrow(/--force only applies with --out/);
    expect(() => initCommand(['--gateway', 'kong', '--bogus'], io(dir))).toThrow(/unknown option --bogus/);
    expect(() => initCommand(['--gateway', 'kong', '--out', join('missing-dir', 'p.json')], io(dir))).toThrow(/cannot write/);
  });

  test('through the CLI entry: exit 0, and exit 2 for usage problems', async () => {
    registerVerb('init', initCommand, INIT_SUMMARY);
    const ok = io(dir);
    expect(await run(['init', '--gateway', 'bedrock'], ok)).toBe(0);
    expect(JSON.parse(ok.out.join(''))).toEqual(presetProfile('bedrock'));
    const bad = io(dir);
    expect(await run(['init', '--gateway', 'nope'], bad)).toBe(2);
    expect(bad.err.join('')).toContain('unknown gateway "nope"');
    writeFileSync(join(dir, 'exists.json'), '{}');
    expect(await run(['init', '--gateway', 'bedrock', '--out', 'exists.json'], io(dir))).toBe(2);
  });
});

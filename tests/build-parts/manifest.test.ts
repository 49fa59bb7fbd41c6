/**
 * manifest.ts writes JSON by hand where it is hot: canonicalJson with loops, manifest.json for its
 * fixed shape. These properties compare both with the straightforward definitions they replace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildArtifacts } from '../../lib/build';
import { canonicalJson, manifestJson, type Manifest } from '../../lib/build/manifest';
import { envFor, loadExamples, ROOT } from '../support/examples';
import { K } from '../support/keys';

// The definition before the loops: entries, filter, sort, map, join.
function referenceCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '"', '\\', '\u2028', '\uD800', '😀', '__proto__', '10', '2', 'a'));

describe('canonicalJson', () => {
  test('equals the entries/sort/join definition', () => {
    const leaf = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.double(), fc.constant(-0));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(text, tie('node'), { maxKeys: 5 }), fc.dictionary(text, leaf, { minKeys: 15, maxKeys: 25 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonical(v));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('manifestJson', () => {
  test('equals JSON.stringify(body, null, 2)', () => {
    const file = fc.record({ path: text, size: fc.oneof(fc.nat(), fc.double()), sha256: text, mediaType: text, containsSecrets: fc.boolean() });
    const body = fc.record({
      tool: fc.record({ name: text, version: text }, { requiredKeys: ['name'] }),
      catalogAppVersion: text,
      profile: fc.record({ name: text, identifier: text, scope: text, sha256: text }),
      formats: fc.array(text, { maxLength: 4 }),
      files: fc.array(file, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(body, (b: Manifest) => {
        expect(manifestJson(b)).toBe(JSON.stringify(b, null, 2));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('manifest.json records no tool version unless the caller passes one (formats.md §0)', () => {
  const { profile } = loadExamples()[0]!;
  const options = { env: envFor(profile), now: new Date('2026-01-15T00:00:00Z') };
  const manifestOf = (r: ReturnType<typeof buildArtifacts>) => r.files.find((f) => f.path === 'manifest.json')!.bytes.toString('utf8');
  const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  test('by default: the tool name only, and not the package version anywhere', () => {
    const text = manifestOf(buildArtifacts(profile, options));
    const body = JSON.parse(text) as Manifest;
    expect(body.tool).toEqual({ name: 'claude-gateway-profile' });
    expect(text).not.toContain('"version"');
    expect(text).not.toContain(`"${packageVersion}"`);
    expect(text).toBe(`${JSON.stringify(body, null, 2)}\n`);
  });

  test('toolVersion is recorded as given, after the name; nothing else changes', () => {
    const plain = manifestOf(buildArtifacts(profile, options));
    const text = manifestOf(buildArtifacts(profile, { ...options, toolVersion: '9.8.7-ci "x"' }));
    const body = JSON.parse(text) as Manifest;
    expect(Object.entries(body.tool)).toEqual([['name', 'claude-gateway-profile'], ['version', '9.8.7-ci "x"']]);
    expect(text).toBe(`${JSON.stringify(body, null, 2)}\n`);
    const { tool: _t1, ...rest } = body;
    const { tool: _t2, ...plainRest } = JSON.parse(plain) as Manifest;
    expect(rest).toEqual(plainRest);
  });
});

describe('manifest.json: profile.sha256 changes exactly when the built files can', () => {
  const HAIKU = { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' };
  const profile = (settings: Record<string, unknown>, head: Record<string, unknown> = { name: 'order', identifier: 'com.example.order' }) => ({
    ...head,
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: { env: 'ORDER_KEY' }, [K.inferenceModels]: [HAIKU], ...settings },
  });
  const build = (p: unknown, key = 'sk-order-0123456789') => {
    const files = buildArtifacts(p, { env: { ORDER_KEY: key }, formats: ['mobileconfig'] }).files;
    const manifest = JSON.parse(files.find((f) => f.path.endsWith('manifest.json'))!.bytes.toString('utf8')) as { profile: { sha256: string } };
    return { sha256: manifest.profile.sha256, mobileconfig: files.find((f) => f.path.endsWith('.mobileconfig'))!.bytes };
  };

  test('key order elsewhere, formatting and the secret behind { env } change neither the files nor the hash', () => {
    const a = build(profile({ [K.inferenceCustomHeaders]: { 'X-A': '1', 'X-B': '2' }, [K.inferenceModels]: [{ anthropicFamilyTier: 'haiku', name: 'claude-haiku-4-5' }] }));
    const reordered = { identifier: 'com.example.order', name: 'order', settings: Object.fromEntries(Object.entries(profile({ [K.inferenceCustomHeaders]: { 'X-B': '2', 'X-A': '1' } }).settings).reverse()) };
    const b = build(reordered, 'sk-another-secret-value');
    expect(b.sha256).toBe(a.sha256);
    // The .mobileconfig holds the secret, so compare it with the same secret.
    expect(build(reordered).mobileconfig.equals(a.mobileconfig)).toBe(true);
  });

  test(`a ${K.builtinToolPolicy} in another order builds other files, and gets another hash`, () => {
    const a = build(profile({ [K.builtinToolPolicy]: { 'Bash(curl *)': 'allow', Bash: 'ask' } }));
    const b = build(profile({ [K.builtinToolPolicy]: { Bash: 'ask', 'Bash(curl *)': 'allow' } }));
    expect(b.mobileconfig.equals(a.mobileconfig)).toBe(false);
    expect(b.sha256).not.toBe(a.sha256);
  });
});

/**
 * Same settings → same bytes, whatever order the input lists its settings keys in. The order of
 * keys in `settings` carries no meaning (JSON objects are unordered, and the writers list settings
 * in catalogue order), so every artifact of a build, DEPLOY.md and manifest.json included, must be
 * byte-identical when the keys are written in the original order, reversed, or interleaved.
 *
 * DEPLOY.md once listed the secrets in the order the input named them (the resolved profile's
 * `secrets` followed the settings walk): the secrets now come out in catalogue order, then by path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifacts, type BuildOptions } from '../../lib/build';
import { CATALOG } from '../../lib/catalog';
import { resolveProfile } from '../../lib/profile/resolve';
import type { GatewayProfile } from '../../lib/profile/types';
import { envFor, PROFILE_FIXTURES_DIR } from '../support/examples';
import { K } from '../support/keys';

const FIXTURES = ['all-keys.profile.json', 'hostile.profile.json', 'hostile-reg.profile.json'];

const NOW = new Date('2026-01-15T00:00:00Z');

function load(file: string): GatewayProfile {
  return JSON.parse(readFileSync(join(PROFILE_FIXTURES_DIR, file), 'utf8')) as GatewayProfile;
}

/** The profile with its settings keys put in the order `reorder` gives (values untouched). */
function withSettingsOrder(profile: GatewayProfile, reorder: (names: string[]) => string[]): GatewayProfile {
  const settings = profile.settings as Record<string, unknown>;
  const names = reorder(Object.keys(settings));
  expect([...names].sort()).toEqual(Object.keys(settings).sort());
  return { ...profile, settings: Object.fromEntries(names.map((n) => [n, settings[n]])) as GatewayProfile['settings'] };
}

const ORDERS: [string, (names: string[]) => string[]][] = [
  ['reversed', (names) => [...names].reverse()],
  // Odd positions first, then even ones: neither the original order nor its reverse.
  ['interleaved', (names) => [...names.filter((_, i) => i % 2 === 1), ...names.filter((_, i) => i % 2 === 0)]],
  // Catalogue order read backwards, so that no key keeps its place by accident.
  ['reverse catalogue', (names) => [...names].sort((a, b) => CATALOG.findIndex((k) => k.name === b) - CATALOG.findIndex((k) => k.name === a))],
];

/** Every built file as path → bytes (base64, so a difference shows which file), plus the warnings. */
function build(profile: GatewayProfile, options: BuildOptions): { files: Record<string, string>; warnings: string } {
  const r = buildArtifacts(profile, options);
  return { files: Object.fromEntries(r.files.map((f) => [f.path, f.bytes.toString('base64')])), warnings: JSON.stringify(r.warnings) };
}

describe.each(FIXTURES)('%s: the order of the settings keys does not change a byte', (file) => {
  const original = load(file);
  const env = envFor(original);
  const options: BuildOptions = { env, now: NOW };
  const reference = build(original, options);

  test('the fixture builds, and has several settings keys and secrets to reorder', () => {
    expect(Object.keys(original.settings).length).toBeGreaterThan(3);
    expect(resolveProfile(original, env).secrets.length).toBeGreaterThan(0);
    expect(Object.keys(reference.files)).toEqual(expect.arrayContaining(['DEPLOY.md', 'manifest.json']));
  });

  test.each(ORDERS)('%s: every artifact, DEPLOY.md and manifest.json byte-identical; the same warnings', (_name, reorder) => {
    const reordered = withSettingsOrder(original, reorder);
    expect(Object.keys(reordered.settings)).not.toEqual(Object.keys(original.settings));
    const other = build(reordered, options);
    expect(Object.keys(other.files)).toEqual(Object.keys(reference.files));
    for (const path of Object.keys(reference.files)) {
      // Compared as text where the file is text, so that a failure shows the difference.
      const text = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('latin1');
      expect({ path, bytes: text(other.files[path]) }).toEqual({ path, bytes: text(reference.files[path]) });
    }
    expect(other.warnings).toEqual(reference.warnings);
  });

  test.each(ORDERS)('%s: the resolved profile lists the same secrets in the same order (catalogue order, then path)', (_name, reorder) => {
    const secrets = resolveProfile(original, env).secrets;
    expect(resolveProfile(withSettingsOrder(original, reorder), env).secrets).toEqual(secrets);
    const rank = (key: string) => CATALOG.findIndex((k) => k.name === key);
    for (let i = 1; i < secrets.length; i++) expect(rank(secrets[i - 1]!.key)).toBeLessThanOrEqual(rank(secrets[i]!.key));
  });
});

test('within one key, secrets are listed by path: list indexes in number order, map names in code-unit order', () => {
  const profile = {
    name: 'order',
    identifier: 'com.example.claude.order',
    settings: {
      [K.otlpHeaders]: { 'X-b': 'two', 'X-B': 'one', 'X-a': { env: 'A' } },
      [K.inferenceProvider]: 'gateway',
      [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
      [K.inferenceGatewayApiKey]: 'k',
    },
  } as unknown as GatewayProfile;
  const secrets = resolveProfile(profile, { A: 'a' }).secrets.map((s) => s.path);
  const rank = (path: string) => CATALOG.findIndex((k) => path === `settings.${k.name}` || path.startsWith(`settings.${k.name}.`) || path.startsWith(`settings.${k.name}[`));
  expect(secrets.map(rank)).toEqual([...secrets.map(rank)].sort((a, b) => a - b));
  const headers = secrets.filter((p) => p.startsWith(`settings.${K.otlpHeaders}`));
  expect(headers).toEqual([`settings.${K.otlpHeaders}["X-B"]`, `settings.${K.otlpHeaders}["X-a"]`, `settings.${K.otlpHeaders}["X-b"]`]);
});

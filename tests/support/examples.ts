/** Loads the bundled example profiles (and test fixtures) for writer tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayProfile, ResolvedProfile } from '../../lib/profile/types';
import { resolveProfile, type EnvMap } from '../../lib/profile/resolve';
import { isEnvRef, walkSettings } from '../../lib/profile/walk';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLES_DIR = join(ROOT, 'examples');
export const PROFILE_FIXTURES_DIR = join(ROOT, 'tests', 'fixtures', 'profiles');

/** An env map that fills every `{ env }` reference of a profile with `test-secret-<NAME>`. */
export function envFor(profile: GatewayProfile): EnvMap {
  const env: Record<string, string> = {};
  walkSettings(profile.settings, (leaf) => {
    if (isEnvRef(leaf.value)) env[leaf.value.env] = `test-secret-${leaf.value.env}`;
  });
  return env;
}

export interface LoadedProfile {
  file: string;
  profile: GatewayProfile;
  env: EnvMap;
  resolved: ResolvedProfile;
}

function load(dir: string, file: string): LoadedProfile {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as GatewayProfile;
  const env = envFor(profile);
  return { file, profile, env, resolved: resolveProfile(profile, env) };
}

/** Every `examples/*.profile.json`, resolved with {@link envFor}. */
export function loadExamples(): LoadedProfile[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.profile.json')).sort().map((f) => load(EXAMPLES_DIR, f));
}

/** A profile from `tests/fixtures/profiles/`. */
export function loadFixtureProfile(file: string): LoadedProfile {
  return load(PROFILE_FIXTURES_DIR, file);
}

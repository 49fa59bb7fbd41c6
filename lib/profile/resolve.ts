/**
 * Turns a (validated) profile into the form writers take: defaults filled in, every
 * `{ "env": "NAME" }` replaced from the env map the caller passes (the library never reads
 * process.env itself), and every object's keys in the canonical order (lib/profile/canonical.ts).
 */
import { CATALOG, type KeyDef, type KeyName } from '../catalog';
import { finding, ProfileValidationError, type Finding } from '../validate/findings';
import { canonicalSettings } from './canonical';
import { formatPath, type PathSegment } from './path';
import type { GatewayProfile, ResolvedProfile, ResolvedSettings, SecretSource } from './types';
import { isEnvRef, walkLeaves } from './walk';

/** Environment variables available to `{ env }` references. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/**
 * A secret in the settings that is not a map key: a literal string or an `{ env }` reference,
 * found by the settings walk (in walk order).
 */
export interface SecretLeaf {
  readonly path: readonly PathSegment[];
  readonly key: KeyDef;
  readonly value: string | { env: string };
}

/** Every {@link SecretLeaf} of `settings`, in walk order. */
export function secretLeaves(settings: unknown): SecretLeaf[] {
  const out: SecretLeaf[] = [];
  walkLeaves(settings, (value, key, _spec, secret, isMapKey, path) => {
    if (secret && !isMapKey && (typeof value === 'string' || isEnvRef(value))) out.push({ path: path.slice(), key, value });
  });
  return out;
}

/**
 * Resolves secrets and fills metadata defaults. Throws {@link ProfileValidationError} listing
 * every missing environment variable. Secret values never appear in the error.
 */
export function resolveProfile(profile: GatewayProfile, env: EnvMap = {}): ResolvedProfile {
  return resolveWithSecrets(profile, env, secretLeaves(profile.settings));
}

/**
 * {@link resolveProfile} given the profile's {@link SecretLeaf}s, as found by the validation walk
 * (`prepareProfile` walks the settings once for both).
 * @internal
 */
export function resolveWithSecrets(profile: GatewayProfile, env: EnvMap, leaves: readonly SecretLeaf[]): ResolvedProfile {
  const r = resolveSecrets(profile, env, leaves);
  if (r.problems.length > 0) throw new ProfileValidationError(r.problems);
  return r.profile;
}

/** A secret taken from the environment: where it went and which variable it came from. */
export interface EnvSecret {
  readonly path: readonly PathSegment[];
  readonly key: KeyDef;
  readonly envName: string;
  readonly value: string;
}

/**
 * What {@link resolveWithSecrets} does, without throwing: the resolved profile (variables that are
 * missing or empty left as their `{ env }` reference), the missing-variable errors, and the
 * secrets taken from the environment (in catalogue order, then by path), so that the caller can
 * hold their values to the rules a literal value meets. Secret values never appear in a finding.
 * @internal
 */
export function resolveSecrets(profile: GatewayProfile, env: EnvMap, leaves: readonly SecretLeaf[]): { profile: ResolvedProfile; problems: Finding[]; fromEnv: EnvSecret[] } {
  // A copy in the canonical key order (lib/profile/canonical.ts): every writer and the config
  // library serialise the resolved settings, so equivalent profiles give the same bytes.
  const settings = canonicalSettings(profile.settings) as Record<string, unknown>;
  const secrets: SecretSource[] = [];
  const problems: Finding[] = [];
  const fromEnv: EnvSecret[] = [];
  // The walk visits keys (and map entries) in the order the input lists them; `secrets` (DEPLOY.md
  // lists them) and the missing-variable errors come out in catalogue order instead, then by path,
  // like every other list the writers make: the same profile gives the same bytes whatever its key order.
  for (const leaf of inCatalogueOrder(leaves)) {
    const key = leaf.key.name as KeyName;
    if (typeof leaf.value === 'string') {
      secrets.push({ path: formatPath(leaf.path), key, from: 'literal' });
      continue;
    }
    const envName = leaf.value.env;
    const value = env[envName];
    if (value === undefined || value === '') {
      problems.push(
        value === undefined
          ? finding('missing-env', 'error', leaf.path, `environment variable ${envName} is not set`, `set ${envName} in the environment that runs the build, or write the value in the profile`, key)
          : finding('missing-env', 'error', leaf.path, `environment variable ${envName} is set but empty`, `give ${envName} its value where the build's environment is set up: a CI secret that is not defined, or not passed to this job, often arrives empty; or write the value in the profile`, key),
      );
      continue;
    }
    fromEnv.push({ path: leaf.path, key: leaf.key, envName, value });
    secrets.push({ path: formatPath(leaf.path), key, from: 'env', envName });
  }
  for (const r of fromEnv) setAt(settings, r.path, r.value);
  const out: ResolvedProfile = {
    name: profile.name,
    displayName: profile.displayName ?? profile.name,
    identifier: profile.identifier,
    scope: profile.scope ?? 'machine',
    settings: settings as ResolvedSettings,
    secrets,
  };
  if (profile.organization !== undefined) out.organization = profile.organization;
  if (profile.description !== undefined) out.description = profile.description;
  if (profile.appVersion !== undefined) out.appVersion = profile.appVersion;
  return { profile: out, problems, fromEnv };
}

const CATALOG_INDEX: ReadonlyMap<string, number> = new Map(CATALOG.map((k, i) => [k.name, i]));

/**
 * `leaves` sorted by the catalogue position of their key, then by path (list indexes as numbers,
 * names in code-unit order, a path before the paths below it). The array itself when it is already
 * in that order (the usual case: few secrets, keys written in catalogue order).
 * @internal exported for tests
 */
export function inCatalogueOrder(leaves: readonly SecretLeaf[]): readonly SecretLeaf[] {
  for (let i = 1; i < leaves.length; i++) {
    if (compareLeaves(leaves[i - 1] as SecretLeaf, leaves[i] as SecretLeaf) > 0) return leaves.slice().sort(compareLeaves);
  }
  return leaves;
}

function compareLeaves(a: SecretLeaf, b: SecretLeaf): number {
  const ka = CATALOG_INDEX.get(a.key.name) ?? CATALOG.length;
  const kb = CATALOG_INDEX.get(b.key.name) ?? CATALOG.length;
  if (ka !== kb) return ka - kb;
  return comparePaths(a.path, b.path);
}

function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

// `path` starts with "settings".
function setAt(root: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let node: unknown = root;
  for (let i = 1; i < path.length - 1; i++) node = (node as Record<string | number, unknown>)[path[i] as string | number];
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value;
}

/**
 * Turns a (validated) profile into the form writers take: defaults filled in and every
 * `{ "env": "NAME" }` replaced from the env map the caller passes (the library never reads
 * process.env itself).
 */
import { CATALOG, findKey, type KeyName, type ValueSpec } from '../../../lib/catalog';
import { hasOwn, setOwn } from '../../../lib/profile/own';
import { finding, ProfileValidationError, type Finding } from './findings';
import { formatPath, type PathSegment } from './path';
import type { GatewayProfile, ResolvedProfile, ResolvedSettings, SecretSource } from '../../../lib/profile/types';
import { isEnvRef, walkSettings } from './walk';

/** Environment variables available to `{ env }` references. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/**
 * Resolves secrets and fills metadata defaults. Throws {@link ProfileValidationError} listing
 * every missing environment variable. Secret values never appear in the error.
 */
export function resolveProfile(profile: GatewayProfile, env: EnvMap = {}): ResolvedProfile {
  // Deliberate change (both sides): the resolved settings take one canonical key order, so that
  // equivalent profiles give the same bytes (formats.md §0). Written here its own straightforward way.
  const settings = canonicalOrder(structuredClone(profile.settings)) as Record<string, unknown>;
  const secrets: SecretSource[] = [];
  const problems: Finding[] = [];
  const replacements: { path: readonly PathSegment[]; value: string }[] = [];
  // Secrets and missing variables are reported in catalogue order, then by path (not the input's
  // key order): the leaves are collected first and sorted.
  const leaves: { key: { name: string }; path: PathSegment[]; value: unknown }[] = [];
  walkSettings(settings, (leaf) => {
    if (leaf.secret && !leaf.isMapKey) leaves.push({ key: leaf.key, path: leaf.path.slice(), value: leaf.value });
  });
  const rank = (name: string): number => CATALOG.findIndex((k) => k.name === name);
  const byPath = (a: PathSegment[], b: PathSegment[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i] as PathSegment;
      const y = b[i] as PathSegment;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
      return String(x) < String(y) ? -1 : 1;
    }
    return a.length - b.length;
  };
  leaves.sort((a, b) => rank(a.key.name) - rank(b.key.name) || byPath(a.path, b.path));
  for (const leaf of leaves) {
    const key = leaf.key.name as KeyName;
    const where = formatPath(leaf.path);
    if (isEnvRef(leaf.value)) {
      const envName = leaf.value.env;
      const value = env[envName];
      if (value === undefined || value === '') {
        // Deliberate change after the speed work (both sides): set but empty is said so.
        problems.push(
          value === undefined
            ? finding('missing-env', 'error', leaf.path, `environment variable ${envName} is not set`, `set ${envName} in the environment that runs the build, or write the value in the profile`, key)
            : finding('missing-env', 'error', leaf.path, `environment variable ${envName} is set but empty`, `give ${envName} its value where the build's environment is set up: a CI secret that is not defined, or not passed to this job, often arrives empty; or write the value in the profile`, key),
        );
        continue;
      }
      replacements.push({ path: leaf.path, value });
      secrets.push({ path: where, key, from: 'env', envName });
    } else if (typeof leaf.value === 'string') {
      secrets.push({ path: where, key, from: 'literal' });
    }
  }
  if (problems.length > 0) throw new ProfileValidationError(problems);
  for (const r of replacements) setAt(settings, r.path.slice(1), r.value);
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
  return out;
}

function setAt(root: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, unknown>)[path[i] as string | number];
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value;
}

/**
 * Settings keys: catalogue keys in catalogue order, then the others sorted. Below them: fields the
 * catalogue declares in its order, then the others sorted; maps and undescribed objects sorted
 * (code-unit order), except maps marked keyOrderMatters (kept as written); lists keep their order.
 */
function canonicalOrder(settings: unknown): unknown {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return settings;
  const o = settings as Record<string, unknown>;
  const rank = (name: string): number => CATALOG.findIndex((k) => k.name === name);
  const known = Object.keys(o).filter((k) => rank(k) >= 0).sort((a, b) => rank(a) - rank(b));
  const other = Object.keys(o).filter((k) => rank(k) < 0).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...other]) setOwn(out, k, orderValue(findKey(k), o[k]));
  return out;
}

function orderValue(spec: ValueSpec | undefined, v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => orderValue(spec?.type === 'objectList' && spec.fields ? { type: 'object', fields: spec.fields } : undefined, x));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const fields = spec?.fields;
  const declared = fields ? Object.keys(fields).filter((f) => hasOwn(o, f)) : [];
  const undeclared = Object.keys(o).filter((k) => !declared.includes(k));
  const rest = spec?.keyOrderMatters ? undeclared : undeclared.sort();
  const out: Record<string, unknown> = {};
  for (const k of [...declared, ...rest]) setOwn(out, k, orderValue(fields ? (hasOwn(fields, k) ? fields[k] : undefined) : spec?.values, o[k]));
  return out;
}

// Test oracle: a verbatim copy of lib/validate/index.ts (with lib/migrate, lib/profile/{walk,resolve,depth,path}
// and the rules the speed work changed) before the speed work of prepareProfile; the files it left alone
// (lib/profile/own.ts, lib/migrate/shapes.ts, the combination and model rules) are imported from lib.
// tests/validate/differential.test.ts compares the library with it. Do not optimise. A deliberate change of
// validation results must be made here too (or the oracle retired once the new code has proved itself).
/**
 * Profile validation in two layers: the JSON Schema generated from the catalogue (shape), then
 * semantic rules the schema cannot say. Deprecated names and shapes are migrated first and
 * reported once. Every problem is reported, not only the first.
 */
import { APP_VERSION_PATTERN, CATALOG, PLACEHOLDER_MARKER } from '../../../lib/catalog';
import { characterFinding, characterProblem } from '../../../lib/validate/rules/characters';
import { envFindings } from '../../../lib/validate/env-values';
import type { EnvSecret } from '../../../lib/profile/resolve';
import { migrateSettings } from './migrate';
import { MAX_PROFILE_DEPTH, TOO_DEEP_PATH_SEGMENTS, tooDeepPath } from './depth';
import type { GatewayProfile, ResolvedProfile } from '../../../lib/profile/types';
import { resolveProfile, type EnvMap } from './resolve';
import { isEnvRef, walkSettings } from './walk';
import { finding, hasErrors, ProfileValidationError, type Finding } from './findings';
import { RULES } from './rules';
import { schemaFindings } from '../../../lib/validate/schema-check';

/** Options of {@link validateProfile}. */
export interface ValidateOptions {
  /** The moment deprecation cut-offs are compared with (default: now). */
  now?: Date;
}

/** The outcome of validating one profile. */
export interface ValidationResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Every finding, errors first, then in path order. */
  findings: Finding[];
  /** The profile with deprecated names and shapes migrated; set when `ok`. */
  profile?: GatewayProfile;
}

/** Validates a profile given as parsed JSON (or a TypeScript object). Never throws for bad input. */
export function validateProfile(input: unknown, opts: ValidateOptions = {}): ValidationResult {
  const r = validateWithProfile(input, opts);
  return r.ok && r.migrated ? { ok: true, findings: r.findings, profile: r.migrated } : { ok: r.ok, findings: r.findings };
}

// Deliberate change after the speed work (both sides): prepareProfile needs the migrated profile
// also when the only errors are about characters some formats cannot carry.
function validateWithProfile(input: unknown, opts: ValidateOptions): { ok: boolean; findings: Finding[]; migrated?: GatewayProfile } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, findings: [finding('not-an-object', 'error', '(root)', 'a profile must be a JSON object', 'start from `claude-gateway-profile init`')] };
  }
  // Before anything recurses over the values (migration, schema check, rules): a nesting bomb
  // would overflow the stack and lose the place.
  const deep = tooDeepFinding(input);
  if (deep) return { ok: false, findings: [deep] };
  const raw = input as Record<string, unknown>;
  // Deliberate change after the speed work (both sides): a malformed appVersion is compared with nothing.
  const appVersion = typeof raw.appVersion === 'string' && new RegExp(APP_VERSION_PATTERN).test(raw.appVersion) ? raw.appVersion : undefined;
  const rawSettings = raw.settings;
  const settingsOk = typeof rawSettings === 'object' && rawSettings !== null && !Array.isArray(rawSettings);
  const migration = settingsOk ? migrateSettings(rawSettings as Record<string, unknown>, { ...(opts.now ? { now: opts.now } : {}), ...(appVersion ? { appVersion } : {}) }) : undefined;
  const findings: Finding[] = [...(migration?.findings ?? [])];
  findings.push(...schemaFindings(input, migration ? { renamedKeys: migration.renamedKeys, migratedPaths: migration.migratedPaths } : {}));
  for (const field of ['name', 'displayName', 'organization', 'description', 'identifier'] as const) {
    const v = raw[field];
    if (typeof v === 'string' && v.includes(PLACEHOLDER_MARKER)) findings.push(finding('placeholder', 'error', field, `${field} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value'));
  }
  // Deliberate change after the speed work (both sides): metadata texts go into XML.
  for (const field of ['displayName', 'organization', 'description'] as const) {
    const v = raw[field];
    const problem = typeof v === 'string' ? characterProblem(v, 'metadata') : undefined;
    if (problem) {
      const words = characterFinding(problem, field);
      findings.push(finding(problem.code, 'error', field, words.message, words.hint));
    }
  }
  if (migration) {
    const ctx = { settings: migration.settings, scope: raw.scope === 'user' ? ('user' as const) : ('machine' as const), ...(appVersion ? { appVersion } : {}) };
    for (const rule of RULES) findings.push(...rule(ctx));
  }
  const sorted = dedupe(findings).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const ok = !hasErrors(sorted);
  return migration ? { ok, findings: sorted, migrated: { ...(raw as unknown as GatewayProfile), settings: migration.settings as GatewayProfile['settings'] } } : { ok, findings: sorted };
}

/**
 * The finding for a value nested deeper than {@link MAX_PROFILE_DEPTH} levels, or `undefined`.
 * It names the first levels of the value's path (the rest is the nesting itself).
 */
export function tooDeepFinding(input: unknown): Finding | undefined {
  const path = tooDeepPath(input);
  if (!path) return undefined;
  // Deliberate change after the speed work (both sides): a setting's value is counted on its own.
  const below = path.length > TOO_DEEP_PATH_SEGMENTS ? `${path.length - TOO_DEEP_PATH_SEGMENTS} levels below here` : 'here';
  const key = path[0] === 'settings' && typeof path[1] === 'string' ? path[1] : undefined;
  return finding(
    'too-deep',
    'error',
    path.slice(0, TOO_DEEP_PATH_SEGMENTS),
    key === undefined
      ? `a value ${below} sits inside more than ${MAX_PROFILE_DEPTH} nested objects and arrays`
      : `the value of ${key} nests more than ${MAX_PROFILE_DEPTH - 2} objects and arrays deep (it passes the limit ${below})`,
    'no Claude Desktop setting nests more than a few levels: remove or flatten this value; the file is probably damaged or generated by mistake',
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.path}|${f.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Options of {@link prepareProfile}. */
export interface PrepareOptions extends ValidateOptions {
  /** Environment variables for `{ "env": "NAME" }` secrets (the CLI passes process.env). */
  env?: EnvMap;
}

/**
 * Validates, migrates and resolves a profile into what writers take. Throws
 * {@link ProfileValidationError} carrying every finding when the profile is invalid or a secret's
 * environment variable is missing. Returns the warnings beside the profile.
 */
export function prepareProfile(input: unknown, opts: PrepareOptions = {}): { profile: ResolvedProfile; warnings: Finding[]; validated: GatewayProfile } {
  const result = validateWithProfile(input, opts);
  // Deliberate change after the speed work (both sides): errors about a character only some formats
  // cannot carry are left to those formats' writers, and values from the environment are checked
  // like literals.
  const formatOnly = (f: Finding) => f.code === 'control-character' && f.message.includes(', which cannot be stored in ');
  if (result.findings.some((f) => f.severity === 'error' && !formatOnly(f)) || !result.migrated) throw new ProfileValidationError(result.findings);
  const validated = result.migrated;
  const warnings = result.findings.filter((f) => f.severity !== 'error');
  const env = opts.env ?? {};
  const fromEnv: EnvSecret[] = [];
  const filled = structuredClone(validated.settings) as Record<string, unknown>;
  walkSettings(validated.settings, (leaf) => {
    if (!leaf.secret || leaf.isMapKey || !isEnvRef(leaf.value)) return;
    const value = env[leaf.value.env];
    if (value === undefined || value === '') return;
    fromEnv.push({ path: leaf.path, key: leaf.key, envName: leaf.value.env, value });
    let node: Record<string | number, unknown> = filled;
    for (const seg of leaf.path.slice(1, -1)) node = node[seg] as Record<string | number, unknown>;
    node[leaf.path[leaf.path.length - 1] as string | number] = value;
  });
  let problems: Finding[] = [];
  let resolved: ResolvedProfile | undefined;
  try {
    resolved = resolveProfile(validated, env);
  } catch (e) {
    if (!(e instanceof ProfileValidationError)) throw e;
    problems = [...e.findings];
  }
  if (fromEnv.length > 0) {
    const rank = (s: EnvSecret) => CATALOG.findIndex((k) => k.name === s.key.name);
    const byPath = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const x = a[i] as string | number;
        const y = b[i] as string | number;
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
        return String(x) < String(y) ? -1 : 1;
      }
      return a.length - b.length;
    };
    fromEnv.sort((a, b) => rank(a) - rank(b) || byPath(a.path, b.path));
    const again = validateWithProfile({ ...validated, settings: filled }, opts).findings;
    const seen = new Set(result.findings.map((f) => `${f.code}|${f.path}`));
    const added = envFindings(again.filter((f) => !seen.has(`${f.code}|${f.path}`) && !(f.severity === 'error' && formatOnly(f))), fromEnv);
    problems.push(...added.filter((f) => f.severity === 'error'));
    warnings.push(...added.filter((f) => f.severity !== 'error'));
  }
  if (problems.length > 0 || !resolved) throw new ProfileValidationError(problems);
  return { profile: resolved, warnings, validated };
}

export { ProfileValidationError, formatFinding, hasErrors, type Finding, type Severity } from './findings';

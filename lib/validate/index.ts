/**
 * Profile validation in two layers: the JSON Schema generated from the catalogue (shape), then
 * semantic rules the schema cannot say. Deprecated names and shapes are migrated first and
 * reported once. Every problem is reported, not only the first.
 */
import { APP_VERSION_PATTERN, PLACEHOLDER_MARKER } from '../catalog';
import { migrateSettings } from '../migrate';
import { MAX_PROFILE_DEPTH, nestsDeeperThan, TOO_DEEP_PATH_SEGMENTS, tooDeepPath } from '../profile/depth';
import type { GatewayProfile, ResolvedProfile } from '../profile/types';
import { resolveSecrets, type EnvMap, type SecretLeaf } from '../profile/resolve';
import { envFindings } from './env-values';
import { finding, hasErrors, ProfileValidationError, type Finding } from './findings';
import { characterFinding, characterProblem, formatOnlyStores, markFormatOnly } from './rules/characters';
import { combinationRule } from './rules/combinations';
import { keyFactsRule } from './rules/keys';
import { leafFindings } from './rules/leaves';
import { listRule } from './rules/lists';
import { modelRule } from './rules/models';
import { presenceRule } from './rules/presence';
import { providerRule } from './rules/provider';
import { workspaceRule } from './rules/workspace';
import { presentKeys, type RuleContext } from './rules/types';
import { schemaFindings } from './schema-check';
import { dateOption, objectArg } from '../arg-check';
import { pushAll } from '../push-all';

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

/**
 * Validates a profile given as parsed JSON (or a TypeScript object). Never throws for a bad
 * profile: everything wrong with it is a finding. A bad option is a programming error: `opts` not
 * an object, or `opts.now` not a valid Date, throws a `TypeError` naming it.
 */
export function validateProfile(input: unknown, opts: ValidateOptions = {}): ValidationResult {
  checkValidateOptions(opts, 'validateProfile');
  const r = validate(input, opts);
  return r.ok && r.profile ? { ok: true, findings: r.findings, profile: r.profile } : { ok: r.ok, findings: r.findings };
}

const APP_VERSION = new RegExp(APP_VERSION_PATTERN);

/** Throws a TypeError for options that are not an object or a `now` that is not a valid Date. */
function checkValidateOptions(opts: unknown, fn: string): void {
  objectArg(opts, `${fn}: options`, true);
  dateOption((opts as { now?: unknown } | undefined)?.now, `${fn}: options.now`);
}

/** What {@link validate} finds, with what `prepareProfile` needs beyond a {@link ValidationResult}. */
interface Validation {
  readonly ok: boolean;
  readonly findings: Finding[];
  /** The migrated profile, whenever the settings could be migrated (also when not `ok`). */
  readonly profile?: GatewayProfile;
}

/**
 * Whether an error stops `prepareProfile`: all do but those about a character only some formats
 * cannot carry ({@link formatOnlyStores}), which the writers of those formats refuse themselves.
 */
const stopsPrepare = (f: Finding): boolean => f.severity === 'error' && formatOnlyStores(f) === undefined;

/**
 * {@link validateProfile}; with `secrets`, also collects the secret leaves of the migrated
 * settings (the walk the leaf rule makes anyway), so that `prepareProfile` need not walk again.
 */
function validate(input: unknown, opts: ValidateOptions, secrets?: SecretLeaf[]): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, findings: [finding('not-an-object', 'error', '(root)', 'a profile must be a JSON object', 'start from `claude-gateway-profile init`')] };
  }
  // Before anything recurses over the values (migration, schema check, rules): a nesting bomb
  // would overflow the stack and lose the place.
  const deep = tooDeepFinding(input);
  if (deep) return { ok: false, findings: [deep] };
  const raw = input as Record<string, unknown>;
  // A malformed appVersion is reported by the schema check; nothing is compared with it.
  const appVersion = typeof raw.appVersion === 'string' && APP_VERSION.test(raw.appVersion) ? raw.appVersion : undefined;
  const rawSettings = raw.settings;
  const settingsOk = typeof rawSettings === 'object' && rawSettings !== null && !Array.isArray(rawSettings);
  const migration = settingsOk ? migrateSettings(rawSettings as Record<string, unknown>, { ...(opts.now ? { now: opts.now } : {}), ...(appVersion ? { appVersion } : {}) }) : undefined;
  const findings: Finding[] = [...(migration?.findings ?? [])];
  // A loop, not push(...): a file of a million unknown keys gives a million findings, more than
  // a call can take as arguments.
  for (const f of schemaFindings(input, migration ? { renamedKeys: migration.renamedKeys, migratedPaths: migration.migratedPaths } : {})) findings.push(f);
  for (const field of ['name', 'displayName', 'organization', 'description', 'identifier'] as const) {
    const v = raw[field];
    if (typeof v === 'string' && v.includes(PLACEHOLDER_MARKER)) findings.push(finding('placeholder', 'error', field, `${field} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value'));
  }
  // The metadata texts go into the XML of the macOS and Intune files, which refuse what XML 1.0 cannot hold.
  for (const field of ['displayName', 'organization', 'description'] as const) {
    const v = raw[field];
    const problem = typeof v === 'string' ? characterProblem(v, 'metadata') : undefined;
    if (problem) {
      const words = characterFinding(problem, field);
      findings.push(markFormatOnly(finding(problem.code, 'error', field, words.message, words.hint), problem.stores));
    }
  }
  if (migration) {
    const settings = migration.settings;
    const ctx: RuleContext = { settings, scope: raw.scope === 'user' ? 'user' : 'machine', ...(appVersion ? { appVersion } : {}), keys: presentKeys(settings) };
    // The rules of `RULES` (rules/index.ts), in that order; the leaf rule's walk also finds the secrets.
    pushAll(findings, presenceRule(ctx));
    pushAll(findings, providerRule(ctx));
    leafFindings(settings, findings, secrets);
    for (const rule of [listRule, modelRule, keyFactsRule, combinationRule, workspaceRule]) pushAll(findings, rule(ctx));
  }
  const sorted = dedupeErrorsFirst(findings);
  const ok = !hasErrors(sorted);
  return { ok, findings: sorted, ...(migration ? { profile: { ...(raw as unknown as GatewayProfile), settings: migration.settings as GatewayProfile['settings'] } } : {}) };
}

/**
 * The finding for a value nested deeper than {@link MAX_PROFILE_DEPTH} levels, or `undefined`.
 * It names the first levels of the value's path (the rest is the nesting itself).
 */
export function tooDeepFinding(input: unknown): Finding | undefined {
  if (!nestsDeeperThan(input, MAX_PROFILE_DEPTH)) return undefined;
  const path = tooDeepPath(input);
  if (!path) return undefined;
  const below = path.length > TOO_DEEP_PATH_SEGMENTS ? `${path.length - TOO_DEEP_PATH_SEGMENTS} levels below here` : 'here';
  const key = path[0] === 'settings' && typeof path[1] === 'string' ? path[1] : undefined;
  // A setting's value is counted on its own (the profile and its `settings` object are the other
  // two levels), so the message holds wherever the value was read from: a profile, or a flat file
  // (managed settings, a plist, a .reg) whose root is one level, not two.
  const message =
    key === undefined
      ? `a value ${below} sits inside more than ${MAX_PROFILE_DEPTH} nested objects and arrays`
      : `the value of ${key} nests more than ${MAX_PROFILE_DEPTH - 2} objects and arrays deep (it passes the limit ${below})`;
  return finding(
    'too-deep',
    'error',
    path.slice(0, TOO_DEEP_PATH_SEGMENTS),
    message,
    'no Claude Desktop setting nests more than a few levels: remove or flatten this value; the file is probably damaged or generated by mistake',
  );
}

/**
 * The findings without repeats (same path and code: the first one stays), errors first, each
 * severity in the order found (what a stable sort by severity gives).
 */
function dedupeErrorsFirst(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Set<string>>(); // code → paths
  const errors: Finding[] = [];
  const others: Finding[] = [];
  for (const f of findings) {
    let paths = seen.get(f.code);
    if (!paths) seen.set(f.code, (paths = new Set()));
    else if (paths.has(f.path)) continue;
    paths.add(f.path);
    (f.severity === 'error' ? errors : others).push(f);
  }
  for (const f of others) errors.push(f);
  return errors;
}

/** Options of {@link prepareProfile}. */
export interface PrepareOptions extends ValidateOptions {
  /** Environment variables for `{ "env": "NAME" }` secrets (the CLI passes process.env). */
  env?: EnvMap;
}

/**
 * Validates, migrates and resolves a profile into what writers take. Throws
 * {@link ProfileValidationError} carrying every finding when the profile is invalid, a secret's
 * environment variable is missing or empty, or a value taken from the environment breaks a rule a
 * literal value there would break (named by variable, never quoted). Returns the warnings beside
 * the profile.
 *
 * A character only some formats cannot carry (a TAB in a string setting: no `.reg` file can hold
 * it) makes `validateProfile` fail, but is not refused here: a build of the other formats can
 * write the value, and the writers of the formats that cannot refuse it themselves.
 *
 * Options that are not an object, a `now` that is not a valid Date or an `env` that is not an
 * object throw a `TypeError` naming the option.
 */
export function prepareProfile(input: unknown, opts: PrepareOptions = {}): { profile: ResolvedProfile; warnings: Finding[]; validated: GatewayProfile } {
  checkValidateOptions(opts, 'prepareProfile');
  objectArg(opts.env, 'prepareProfile: options.env', true);
  const secrets: SecretLeaf[] = [];
  const result = validate(input, opts, secrets);
  if (result.findings.some(stopsPrepare) || !result.profile) throw new ProfileValidationError(result.findings);
  const validated = result.profile;
  const warnings = result.findings.filter((f) => f.severity !== 'error');
  const resolved = resolveSecrets(validated, opts.env ?? {}, secrets);
  const problems = [...resolved.problems];
  if (resolved.fromEnv.length > 0) {
    // The values from the environment, where a literal would have been: the same checks, and only
    // what they add is reported (the rest was found above).
    const again = validate({ ...validated, settings: resolved.profile.settings }, opts);
    const seen = new Set(result.findings.map((f) => `${f.code}|${f.path}`));
    const added = again.findings.filter((f) => !seen.has(`${f.code}|${f.path}`) && (f.severity !== 'error' || stopsPrepare(f)));
    const found = envFindings(added, resolved.fromEnv);
    pushAll(problems, found.filter((f) => f.severity === 'error'));
    pushAll(warnings, found.filter((f) => f.severity !== 'error'));
  }
  if (problems.length > 0) throw new ProfileValidationError(problems);
  return { profile: resolved.profile, warnings, validated };
}

export { ProfileValidationError, formatFinding, hasErrors, type Finding, type Severity } from './findings';
export { formatOnlyStores, type CharacterStore } from './rules/characters';

/**
 * Migration of deprecated key names, value shapes and values (the reference's section 1c) to the
 * current ones. Validation reports what it changed; `build` writes only the migrated form;
 * `import` uses it to move old artifacts onto current names.
 */
import { CATALOG, DEPRECATION_CUTOFF, findKey, findLegacyName, getKey, isNewerThanFleet, type DeprecatedShape, type KeyDef, type SinceMarker } from '../catalog';
import { finding, type Finding, type Severity } from '../validate/findings';
import type { PathSegment } from '../profile/path';
import { cloneValue } from '../profile/clone';
import { hasOwn, setOwn } from '../profile/own';
import { migrateShape } from './shapes';
import { dateOption, objectArg } from '../arg-check';

/** When and for which fleet the migration runs. */
export interface MigrationOptions {
  /** The moment deprecation cut-offs are compared with (default: now). */
  now?: Date;
  /** Oldest Claude Desktop build in the fleet (the profile's appVersion). */
  appVersion?: string;
}

/** The migrated settings and what was changed. */
export interface MigrationResult {
  /** A new settings object with current names, shapes and values (the input is not modified). */
  settings: Record<string, unknown>;
  /** One finding per change, with severity by cut-off date and fleet version. */
  findings: Finding[];
  /** Top-level names that were legacy names (so schema checks do not call them unknown). */
  renamedKeys: Set<string>;
  /** Paths (under `settings`) whose original value was in a deprecated shape. */
  migratedPaths: PathSegment[][];
}

// The keys step 2 of the migration has anything to do for, in catalogue order.
const MIGRATABLE: readonly KeyDef[] = CATALOG.filter((k) => (k.deprecatedShapes?.length ?? 0) > 0 || (k.deprecatedValues?.length ?? 0) > 0 || (k.deprecatedEnumValues?.length ?? 0) > 0);

// Replacement shapes (JSON objects, object lists) appeared after build 1.5354.0; exact build undocumented.
const SHAPE_REPLACEMENT_SINCE: SinceMarker = '>1.5354.0';

/** Decides error or warning for one deprecation. */
export function deprecationSeverity(cutoff: string | undefined, replacementSince: SinceMarker | undefined, opts: MigrationOptions): Severity {
  if (!cutoff) return 'warning';
  if (opts.appVersion && replacementSince && isNewerThanFleet(replacementSince, opts.appVersion)) return 'warning';
  return (opts.now ?? new Date()).getTime() >= Date.parse(cutoff) ? 'error' : 'warning';
}

/**
 * "Claude Desktop stopped reading <subject> on <day>" once `now` (default: the clock) has reached
 * `cutoff`, "stops reading" before it. The one wording of a cut-off, so `explain` and the
 * findings of validate, build, check and import agree on the tense at the same moment.
 */
export function cutoffWording(cutoff: string, now: Date | undefined, subject: string): string {
  const day = cutoff.slice(0, 10);
  const verb = (now ?? new Date()).getTime() >= Date.parse(cutoff) ? 'stopped' : 'stops';
  return `Claude Desktop ${verb} reading ${subject} on ${day}`;
}

function cutoffText(cutoff: string | undefined, opts: MigrationOptions): string {
  return cutoff ? cutoffWording(cutoff, opts.now, 'it') : 'it is deprecated';
}

function fleetNote(replacementSince: SinceMarker | undefined, opts: MigrationOptions): string {
  return opts.appVersion && replacementSince && isNewerThanFleet(replacementSince, opts.appVersion)
    ? `; your fleet (appVersion ${opts.appVersion}) predates the replacement, so update those machines too`
    : '';
}

/**
 * The `deprecated-name` finding for a value written under `name` at `path`, when `name` is a
 * retired name of a catalogue key (its `legacyNames`); undefined for any other name. Severity and
 * wording are those of the migration (error from the cut-off on, a warning before it or for a
 * fleet older than the replacement), so a file kind that is not migrated as settings (an ADMX
 * policy that writes the old name) is judged as every other one is.
 */
export function deprecatedNameFinding(name: string, path: readonly PathSegment[] | string, opts: MigrationOptions = {}): Finding | undefined {
  const legacy = findLegacyName(name);
  return legacy ? renamedFinding(name, legacy, path, opts) : undefined;
}

function renamedFinding(name: string, legacy: NonNullable<ReturnType<typeof findLegacyName>>, path: readonly PathSegment[] | string, opts: MigrationOptions): Finding {
  const target = legacy.key.name;
  const sev = deprecationSeverity(legacy.legacy.cutoff, legacy.key.since, opts);
  return finding('deprecated-name', sev, path, `${name} was renamed to ${target}; ${cutoffText(legacy.legacy.cutoff, opts)}${fleetNote(legacy.key.since, opts)}`, `rename ${name} to ${target}`, target);
}

/**
 * Migrates a settings object. Values of the wrong type are left for the schema check to report.
 * `input` not an object, or `opts.now` not a valid Date, throws a `TypeError` naming it.
 */
export function migrateSettings(input: Record<string, unknown>, opts: MigrationOptions = {}): MigrationResult {
  objectArg(input, 'migrateSettings: settings');
  objectArg(opts, 'migrateSettings: options', true);
  dateOption(opts.now, 'migrateSettings: options.now');
  const settings: Record<string, unknown> = {};
  const findings: Finding[] = [];
  const renamedKeys = new Set<string>();
  const migratedPaths: PathSegment[][] = [];

  // 1. Legacy names → current names.
  for (const [name, value] of Object.entries(input)) {
    const legacy = findLegacyName(name);
    if (!legacy) {
      setOwn(settings, name, cloneValue(value));
      continue;
    }
    renamedKeys.add(name);
    const target = legacy.key.name;
    if (hasOwn(input, target)) {
      findings.push(finding('legacy-name-conflict', 'error', ['settings', name], `both the old name ${name} and its replacement ${target} are set`, `remove ${name}; keep ${target}`, target));
      continue;
    }
    setOwn(settings, target, cloneValue(value));
    findings.push(renamedFinding(name, legacy, ['settings', name], opts));
  }

  // 2. Shapes, values and enum values, key by key in catalogue order.
  for (const key of MIGRATABLE) {
    if (!hasOwn(settings, key.name)) continue;
    for (const { shape, cutoff } of key.deprecatedShapes ?? []) {
      const r = migrateShape(shape, key, settings[key.name]);
      if (!r) continue;
      settings[key.name] = r.value;
      migratedPaths.push(['settings', key.name]);
      const sev = deprecationSeverity(cutoff, SHAPE_REPLACEMENT_SINCE, opts);
      for (const change of r.changes) {
        const path = ['settings', key.name, ...change.path];
        if (change.problem) findings.push(finding('invalid-legacy-value', 'error', path, change.problem, change.fix, key.name));
        else findings.push(finding('deprecated-shape', sev, path, `${change.what}; ${cutoffText(cutoff, opts)}${fleetNote(SHAPE_REPLACEMENT_SINCE, opts)}`, change.fix, key.name));
      }
    }
    if (migrateValue(key, settings, findings, opts)) migratedPaths.push(['settings', key.name]);
    migrateEnumValues(key, settings, findings, opts, migratedPaths);
  }
  migrateWorkforceKind(settings, findings, opts);
  return { settings, findings, renamedKeys, migratedPaths };
}

function migrateValue(key: KeyDef, settings: Record<string, unknown>, findings: Finding[], opts: MigrationOptions): boolean {
  const value = settings[key.name];
  const dep = key.deprecatedValues?.find((d) => d.value === value);
  if (!dep) return false;
  const targets = Object.keys(dep.migrateTo ?? {});
  const since = targets.map((t) => findKey(t)?.since).find((s) => s !== undefined);
  const sev = deprecationSeverity(dep.cutoff, since, opts);
  findings.push(finding('deprecated-value', sev, ['settings', key.name], `${key.name} "${dep.value}" is deprecated; ${cutoffText(dep.cutoff, opts)}${fleetNote(since, opts)}`, `use ${dep.replacement}`, key.name));
  for (const [k, v] of Object.entries(dep.migrateTo ?? {})) {
    if (v === null) delete settings[k];
    else if (k === key.name || !hasOwn(settings, k)) settings[k] = v;
  }
  return true;
}

function migrateEnumValues(key: KeyDef, settings: Record<string, unknown>, findings: Finding[], opts: MigrationOptions, migratedPaths: PathSegment[][]): void {
  for (const dep of key.deprecatedEnumValues ?? []) {
    const sev = deprecationSeverity(dep.cutoff, key.since, opts);
    replaceStrings(settings[key.name], ['settings', key.name], dep.value, dep.replacement, (path) => {
      migratedPaths.push(path);
      findings.push(finding('deprecated-value', sev, path, `permission "${dep.value}" is deprecated; ${cutoffText(dep.cutoff, opts)}`, `write "${dep.replacement}"`, key.name));
    });
  }
}

/**
 * Replaces string values (not map keys) equal to `from`, deep, reporting each path. `path` is one
 * scratch array for the whole walk (each call leaves it as long as it found it); `report` gets a copy.
 */
function replaceStrings(node: unknown, path: PathSegment[], from: string, to: string, report: (path: PathSegment[]) => void): void {
  if (typeof node !== 'object' || node === null) return;
  const depth = path.length;
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      path[depth] = i;
      if (v === from) {
        node[i] = to;
        report(path.slice());
      } else replaceStrings(v, path, from, to, report);
    });
  } else {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      path[depth] = k;
      if (v === from) {
        obj[k] = to;
        report(path.slice());
      } else replaceStrings(v, path, from, to, report);
    }
  }
  path.length = depth;
}

// Section 1c: "interactive" together with a Vertex workforce audience now has its own kind.
function migrateWorkforceKind(settings: Record<string, unknown>, findings: Finding[], opts: MigrationOptions): void {
  const kind = getKey('inferenceCredentialKind');
  const audience = getKey('inferenceVertexWorkforceAudience').name;
  const provider = getKey('inferenceProvider').name;
  if (settings[kind.name] !== 'interactive' || typeof settings[audience] !== 'string') return;
  if (settings[provider] !== undefined && settings[provider] !== 'vertex') return;
  settings[kind.name] = 'workforce';
  const sev = deprecationSeverity(DEPRECATION_CUTOFF, kind.since, opts);
  findings.push(finding('deprecated-value', sev, ['settings', kind.name], `${kind.name} "interactive" with ${audience} now means "workforce"; ${cutoffText(DEPRECATION_CUTOFF, opts)}`, `write ${kind.name} "workforce"`, kind.name));
}

export type { DeprecatedShape };

/**
 * Test helpers for the Windows writers: catalogue-wide sample settings (derived from each key's
 * type, enum and bounds, never retyped) and the registry values a profile must produce, computed
 * here with plain rules independent of lib/encode.
 */
import { spawnSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { CATALOG, isMdmKey, type KeyDef } from '../../lib/catalog';
import type { ProfileScope, ResolvedProfile, ResolvedSettings } from '../../lib/profile/types';
import type { RegPrefix } from '../support/validators';

/** Which end of each key's range to sample. */
export type SampleVariant = 'low' | 'high';

/** Upper sample for integers without a catalogue maximum (inside the ADMX decimal range). */
const UNBOUNDED_HIGH = 86400;

/** A sample native value for one key: enum ends, range ends, booleans, hostile text for strings. */
export function sampleValue(def: KeyDef, variant: SampleVariant): unknown {
  const low = variant === 'low';
  switch (def.type) {
    case 'string':
      if (def.enum && def.enum.length > 0) return low ? def.enum[0] : def.enum[def.enum.length - 1];
      return low ? `sample "${def.name}" & <x> C:\\dir\\` : `日本語 😀 ‮rtl {"k":"v\\\\"} \\`;
    case 'boolean':
      return low;
    case 'integer':
      return low ? (def.minimum ?? 0) : (def.maximum ?? (def.minimum ?? 0) + UNBOUNDED_HIGH);
    case 'number':
      return low ? (def.minimum ?? 0) : 1.25;
    case 'stringList':
      if (def.enum && def.enum.length > 0) return low ? [def.enum[0]] : [...def.enum];
      return low ? [] : ['a"b', 'c\\d', '*.example.com'];
    case 'object':
      return low ? {} : { 'X-A': 'v"1\\', 'X-B': '{"nested":"json"}' };
    case 'objectList':
      return low ? [] : [{ name: 'm"1', note: 'C:\\x\\' }, 'plain\\'];
  }
}

/** Settings with every MDM-deliverable catalogue key set to its sample value. */
export function allMdmSettings(variant: SampleVariant): ResolvedSettings {
  const out: Record<string, unknown> = {};
  for (const def of CATALOG) if (isMdmKey(def)) out[def.name] = sampleValue(def, variant);
  return out as ResolvedSettings;
}

/** A resolved profile around `settings`. */
export function profileWith(settings: ResolvedSettings, scope: ProfileScope, name = 'all-keys'): ResolvedProfile {
  return { name, displayName: `Test ${name}`, identifier: `com.example.claude.${name}`, scope, settings, secrets: [] };
}

/** Claude's string form of a native value, by plain rules (kept independent of lib/encode on purpose). */
export function expectedString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The MDM values a profile must put in the registry, in catalogue order: name → exact string. */
export function expectedRegValues(profile: ResolvedProfile): Record<string, string> {
  const settings = profile.settings as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const def of CATALOG) {
    const v = settings[def.name];
    if (v !== undefined && isMdmKey(def)) out[def.name] = expectedString(v);
  }
  return out;
}

/**
 * The value names a profile's undo `.reg` deletes, in order: each value it sets, then the retired
 * names (`legacyNames`) of that key, which a build from before the rename wrote.
 */
export function expectedUndoNames(profile: ResolvedProfile): string[] {
  return Object.keys(expectedRegValues(profile)).flatMap((name) => [name, ...(CATALOG.find((k) => k.name === name)?.legacyNames ?? []).map((l) => l.name)]);
}

/** hivexregedit prefix for a scope. */
export function hivexPrefix(scope: ProfileScope): RegPrefix {
  return scope === 'machine' ? 'HKEY_LOCAL_MACHINE\\SOFTWARE' : 'HKEY_CURRENT_USER';
}

/** Where the Claude key lands in the test hive for a scope (relative to the hive root). */
export function hivePolicyPath(scope: ProfileScope): string {
  return scope === 'machine' ? '\\Policies\\Claude' : '\\SOFTWARE\\Policies\\Claude';
}

/**
 * Parses CSV bytes with Python's `csv` module (an independent RFC 4180 reader; `utf-8-sig`
 * strips the BOM). Not in tests/support/validators.ts, which belongs to the harness owner.
 */
export function parseCsvWithPython(bytes: Buffer): string[][] {
  const script = 'import csv,io,json,sys\nrows=list(csv.reader(io.TextIOWrapper(sys.stdin.buffer,encoding="utf-8-sig",newline=""),strict=True))\nsys.stdout.write(json.dumps(rows))';
  const r = spawnSync('python3', ['-c', script], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python csv could not read the file:\n${String(r.stderr)}`);
  return JSON.parse(r.stdout.toString('utf8')) as string[][];
}

/** A parsed XML element as fast-xml-parser returns it (attributes under `@name`, text under `#text`). */
export type XmlNode = Record<string, unknown>;

/**
 * fast-xml-parser set up the way the ADMX/ADML tests read the files: attributes kept as text
 * under `@`, no value parsing or trimming, and the elements named in `arrays` always as arrays.
 */
export function admxParser(arrays: readonly string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name, _j, _l, isAttr) => !isAttr && arrays.includes(name),
  });
}

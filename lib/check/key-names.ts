/**
 * Judging key NAMES without values, for files that describe keys rather than set them (Jamf
 * schema, ProfileManifests manifest): the names go through the same validator as settings
 * (legacy names by the migration, unknown names with a did-you-mean by the schema check), and
 * only the name-level findings are kept.
 */
import { validateProfile } from '../validate';
import { finding, type Finding } from '../validate/findings';

const NAME_CODES = new Set(['unknown-key', 'deprecated-name', 'legacy-name-conflict']);

/** Name-level findings for `names` (each with its place in the file). */
export function keyNameFindings(names: readonly { key: string; location: string }[], now: Date): Finding[] {
  if (names.length === 0) return [];
  // null values: the value findings they cause are dropped; only name findings are kept.
  const settings = Object.fromEntries(names.map((n) => [n.key, null]));
  const where = new Map(names.map((n) => [n.key, n.location]));
  const out: Finding[] = [];
  for (const f of validateProfile({ name: 'names', identifier: 'com.example.names', settings }, { now }).findings) {
    if (!NAME_CODES.has(f.code)) continue;
    const key = /^settings\.([A-Za-z0-9_$]+)$/.exec(f.path)?.[1] ?? /^settings\["(.*)"\]$/.exec(f.path)?.[1];
    const location = (key !== undefined ? where.get(key) : undefined) ?? f.path;
    if (f.code === 'unknown-key') {
      const typo = f.hint?.startsWith('did you mean') ?? false;
      out.push(finding(typo ? 'key-typo' : 'unknown-key', typo ? 'error' : 'warning', location, f.message, typo ? f.hint : 'Claude Desktop has no such setting; remove it', f.key));
    } else out.push({ ...f, path: location });
  }
  return out;
}

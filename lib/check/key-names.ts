/**
 * Judging key NAMES without values, for files that describe keys rather than set them (Jamf
 * schema, ProfileManifests manifest): the names go through the same validator as settings
 * (legacy names by the migration, unknown names with a did-you-mean by the schema check), and
 * only the name-level findings are kept.
 */
import { formatPlace } from '../profile/path';
import { validateProfile } from '../validate';
import { finding, type Finding } from '../validate/findings';
import { parseFormattedPath } from './semantic';

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
    const path = parseFormattedPath(f.path);
    const key = path?.length === 2 && path[0] === 'settings' && typeof path[1] === 'string' ? path[1] : undefined;
    // The validator's path names the key in full: shown clipped when the file gives no place.
    const location = (key !== undefined ? where.get(key) : undefined) ?? (path ? formatPlace(path) : f.path);
    if (f.code === 'unknown-key') {
      const typo = f.hint?.startsWith('did you mean') ?? false;
      out.push(finding(typo ? 'key-typo' : 'unknown-key', typo ? 'error' : 'warning', location, f.message, typo ? f.hint : 'Claude Desktop has no such setting; remove it', f.key));
    } else out.push({ ...f, path: location });
  }
  return out;
}

import { clip } from '../escape/clip';

/** A location inside a profile: object keys and list indexes from the root. */
export type PathSegment = string | number;

/** `/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)`, without a regular expression call per path segment. */
function isIdentifier(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

/** Formats a path for people: `settings.inferenceModels[1].name`, `settings.inferenceCustomHeaders["X-Org"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (isIdentifier(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * {@link formatPath} for a place a person reads (a finding about a file), each name clipped
 * (`lib/escape/clip.ts`): the names can come from a file, and one can be a megabyte long. Only
 * for showing: a clipped path no longer names one place, so never compare or parse it back.
 */
export function formatPlace(path: readonly PathSegment[]): string {
  return formatPath(path.map((seg) => (typeof seg === 'string' ? clip(seg) : seg)));
}

/** Turns an ajv instance path (`/settings/inferenceModels/1`) into segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** Finds the catalogue spec governing a path in a profile, for messages and masking. */
import { findKey, type KeyDef, type ValueSpec } from '../catalog';
import type { PathSegment } from '../profile/path';

/** What governs a location: the key, the spec there (if known) and whether it is secret. */
export interface SpecAt {
  key?: KeyDef;
  spec?: ValueSpec;
  secret: boolean;
}

/** Resolves `path` (starting at the profile root) to its spec. */
export function specAt(path: readonly PathSegment[]): SpecAt {
  if (path[0] !== 'settings' || typeof path[1] !== 'string') return { secret: false };
  const key = findKey(path[1]);
  if (!key) return { secret: false };
  let spec: ValueSpec | undefined = key;
  let secret = key.secret;
  for (const seg of path.slice(2)) {
    if (!spec) break;
    if (typeof seg === 'number') {
      spec = spec.type === 'stringList' ? { type: 'string', ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.format ? { format: spec.format } : {}) } : spec.type === 'objectList' ? { type: 'object', ...(spec.fields ? { fields: spec.fields } : {}) } : undefined;
    } else {
      spec = spec.values ?? spec.fields?.[seg];
    }
    if (spec?.secret) secret = true;
  }
  return { key, ...(spec ? { spec } : {}), secret };
}

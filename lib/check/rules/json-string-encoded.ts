/**
 * `json-string-encoded`: a config-library entry or bootstrap response holding Claude's string
 * form (`"true"`, `"[…]"`) where the app writes native JSON (reference §2: "Local configLibrary /
 * bootstrap JSON: native JSON types"). Whether the app also decodes strings there is not
 * documented, so this is a warning; the fix shows the native value (never a secret).
 */
import { finding, type Finding } from '../../validate/findings';
import { defFor, isSecretKey } from '../decode';
import type { ArtifactRule } from '../types';

/** Claude's string form where a JSON file takes native values. */
export const jsonStringEncodedRule: ArtifactRule = {
  id: 'json-string-encoded',
  codes: ['json-string-encoded'],
  appliesTo: (kind) => kind === 'config-library-json' || kind === 'bootstrap-response-json',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const e of ctx.read.entries) {
      const def = defFor(e.key);
      if (!def || def.type === 'string' || typeof e.raw !== 'string' || ctx.decoded.unreadable.has(e.key)) continue;
      const native = ctx.decoded.settings[e.key];
      const shown = isSecretKey(def) ? 'the native JSON value (not shown: it holds a credential)' : JSON.stringify(native);
      out.push(finding('json-string-encoded', 'warning', e.location, `${e.key} holds its value as a JSON string; this file takes native JSON values`, `write "${e.key}": ${shown}`, def.name));
    }
    return out;
  },
};

/** Rules on every leaf value: placeholders, control characters, URL sanity. */
import { PLACEHOLDER_MARKER } from '../../catalog';
import type { SecretLeaf } from '../../profile/resolve';
import { isEnvRef, walkLeaves } from '../../profile/walk';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

// C0 controls other than TAB; the schema already covers header values, this covers the rest.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;
const HTTP = /^https?:\/\//i;

/**
 * Appends the leaf rule's findings to `out` and, when `secrets` is given, collects every secret
 * leaf that is not a map key, in walk order: what `resolveProfile` looks for in the same walk.
 */
export function leafFindings(settings: Readonly<Record<string, unknown>>, out: Finding[], secrets?: SecretLeaf[]): void {
  walkLeaves(settings, (value, key, spec, secret, isMapKey, path) => {
    if (typeof value !== 'string') {
      if (secrets && secret && !isMapKey && isEnvRef(value)) secrets.push({ path: path.slice(), key, value });
      return;
    }
    if (secrets && secret && !isMapKey) secrets.push({ path: path.slice(), key, value });
    const what = isMapKey ? 'name' : 'value';
    if (value.includes(PLACEHOLDER_MARKER)) {
      out.push(finding('placeholder', 'error', path, `the ${what} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value', key.name));
    }
    if (CONTROL.test(value)) {
      out.push(finding('control-character', 'error', path, `the ${what} contains a control character (line break, NUL or similar)`, 'remove it: the registry and header formats cannot carry it', key.name));
    }
    const format = spec?.format;
    if ((format === 'https-url' || format === 'https-origin' || format === 'proxy-url') && HTTP.test(value)) {
      try {
        new URL(value);
      } catch {
        out.push(finding('bad-url', 'error', path, 'is not a valid URL', 'check the host name and port', key.name));
      }
    }
  });
}

export const leafRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  leafFindings(settings, out);
  return out;
};

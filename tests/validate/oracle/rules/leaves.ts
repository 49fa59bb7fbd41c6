/** Rules on every leaf value: placeholders, control characters, URL sanity. */
import { PLACEHOLDER_MARKER } from '../../../../lib/catalog';
import { walkSettings } from '../walk';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

// C0 controls other than TAB; the schema already covers header values, this covers the rest.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

export const leafRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  walkSettings(settings, (leaf) => {
    if (typeof leaf.value !== 'string') return;
    const what = leaf.isMapKey ? 'name' : 'value';
    if (leaf.value.includes(PLACEHOLDER_MARKER)) {
      out.push(finding('placeholder', 'error', leaf.path, `the ${what} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value', leaf.key.name));
    }
    if (CONTROL.test(leaf.value)) {
      out.push(finding('control-character', 'error', leaf.path, `the ${what} contains a control character (line break, NUL or similar)`, 'remove it: the registry and header formats cannot carry it', leaf.key.name));
    }
    const format = leaf.spec?.format;
    if ((format === 'https-url' || format === 'https-origin' || format === 'proxy-url') && /^https?:\/\//i.test(leaf.value)) {
      try {
        new URL(leaf.value);
      } catch {
        out.push(finding('bad-url', 'error', leaf.path, 'is not a valid URL', 'check the host name and port', leaf.key.name));
      }
    }
  });
  return out;
};

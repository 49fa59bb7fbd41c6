/** Rules on every leaf value: placeholders, control characters, URL sanity. */
import { isMdmKey, PLACEHOLDER_MARKER } from '../../../../lib/catalog';
import { characterFinding, characterProblem, describeCharacter } from '../../../../lib/validate/rules/characters';
import { formatPath } from '../path';
import { isEnvRef, walkSettings } from '../walk';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

// C0 controls other than TAB; the schema already covers header values, this covers the rest.
// Deliberate change (both sides): LF and CR are refused everywhere only in secrets; elsewhere only
// the .reg file refuses them (raw top-level strings; JSON text escapes them). Messages name the
// key, the character and its position.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000A-\u001F\u007F]/;

// Deliberate change after the speed work (both sides): characters some formats cannot carry (the
// character tables and words are lib's, lib/validate/rules/characters.ts), and an { env }
// reference where the catalogue wants something other than a string.
const TYPE_WORDS: Readonly<Record<string, string>> = { boolean: 'true or false', integer: 'a whole number', number: 'a number', stringList: 'a list', objectList: 'a list', object: 'an object' };

export const leafRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  walkSettings(settings, (leaf) => {
    if (leaf.secret && !leaf.isMapKey && isEnvRef(leaf.value) && leaf.spec && leaf.spec.type !== 'string') {
      const type = leaf.spec.type;
      out.push(finding(
        'wrong-type', 'error', leaf.path,
        `{"env": "${leaf.value.env}"} stands for one text value, but ${leaf.path.length === 2 ? leaf.key.name : 'this place'} takes ${TYPE_WORDS[type] ?? type}`,
        type === 'object' || type === 'objectList' ? `write the ${type === 'object' ? 'object' : 'list'} here and put {"env": "…"} on each secret text inside it` : 'write the value itself here',
        leaf.key.name,
      ));
    }
    if (typeof leaf.value !== 'string') return;
    const what = leaf.isMapKey ? 'name' : 'value';
    if (leaf.value.includes(PLACEHOLDER_MARKER)) {
      out.push(finding('placeholder', 'error', leaf.path, `the ${what} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value', leaf.key.name));
    }
    const named = `${what} of ${formatPath(leaf.path.slice(1))}`;
    const control = (leaf.secret ? CONTROL_OR_BREAK : CONTROL).exec(leaf.value);
    if (control) {
      const cp = control[0].codePointAt(0) ?? 0;
      const brk = cp === 0x0a || cp === 0x0d;
      out.push(finding(
        'control-character', 'error', leaf.path,
        `the ${named} holds ${describeCharacter(cp)} at position ${control.index}${brk ? '; a credential must be one line (it is sent in an HTTP header or a token request)' : ', which no settings format can carry'}`,
        brk ? 'remove the line break; it is often a trailing newline copied with the secret' : 'remove it',
        leaf.key.name,
      ));
    } else {
      const raw = !leaf.isMapKey && leaf.path.length === 2 && leaf.key.type === 'string';
      const problem = characterProblem(leaf.value, raw ? 'raw' : 'json', isMdmKey(leaf.key));
      if (problem) {
        const words = characterFinding(problem, named);
        out.push(finding(problem.code, 'error', leaf.path, words.message, words.hint, leaf.key.name));
      }
    }
    const format = leaf.spec?.format;
    if ((format === 'https-url' || format === 'https-origin' || format === 'proxy-url' || format === 'gateway-url') && /^https?:\/\//i.test(leaf.value)) {
      let host: string | undefined;
      try {
        host = new URL(leaf.value).host;
      } catch {
        out.push(finding('bad-url', 'error', leaf.path, 'is not a valid URL', 'check the host name and port', leaf.key.name));
      }
      // Added with the gateway URL's loopback exception: plain http to 127.0.0.1, [::1] or localhost as written.
      const text = String(leaf.value);
      if (host !== undefined && format === 'gateway-url' && ['http://127.0.0.1', 'http://[::1]', 'http://localhost'].some((p) => text === p || (text.startsWith(p) && ':/?#'.includes(text[p.length]!)))) {
        out.push(finding('http-loopback', 'warning', leaf.path, `plain http:// to ${host}, a loopback host: the app accepts it only for a proxy on the device itself`, 'make sure every device runs that proxy (the firewall list cannot cover it); for a gateway on another host use https://', leaf.key.name));
      }
    }
  });
  return out;
};

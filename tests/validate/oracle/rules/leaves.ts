/** Rules on every leaf value: placeholders, control characters, URL sanity. */
import { isMdmKey, PLACEHOLDER_MARKER } from '../../../../lib/catalog';
import { characterFinding, characterProblem } from '../../../../lib/validate/rules/characters';
import { isEnvRef, walkSettings } from '../walk';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

// C0 controls other than TAB; the schema already covers header values, this covers the rest.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

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
    if (CONTROL.test(leaf.value)) {
      out.push(finding('control-character', 'error', leaf.path, `the ${what} contains a control character (line break, NUL or similar)`, 'remove it: the registry and header formats cannot carry it', leaf.key.name));
    } else {
      const raw = !leaf.isMapKey && leaf.path.length === 2 && leaf.key.type === 'string';
      const problem = characterProblem(leaf.value, raw ? 'raw' : 'json', isMdmKey(leaf.key));
      if (problem) {
        const words = characterFinding(problem, what);
        out.push(finding(problem.code, 'error', leaf.path, words.message, words.hint, leaf.key.name));
      }
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

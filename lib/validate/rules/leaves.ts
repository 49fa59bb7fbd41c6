/**
 * Rules on every leaf value: placeholders, control characters and characters a format cannot
 * carry (a line break only where the value is stored raw in a `.reg` file, or is a credential),
 * URL sanity.
 */
import { isMdmKey, PLACEHOLDER_MARKER, URL_FORMATS, type KeyDef } from '../../catalog';
import { isWrittenLoopbackHttp } from '../../loopback';
import { formatPath, type PathSegment } from '../../profile/path';
import type { SecretLeaf } from '../../profile/resolve';
import { isEnvRef, walkLeaves } from '../../profile/walk';
import { finding, type Finding } from '../findings';
import { characterFinding, characterProblem, describeCharacter, isLineBreak, markFormatOnly, type CharacterProblem } from './characters';
import type { Rule } from './types';

// C0 controls other than TAB, LF and CR, and DEL: no format carries them in a setting (the schema
// already covers header values, this covers the rest).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// The same with LF and CR: what a secret may not hold (a credential is one line).
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000A-\u001F\u007F]/;
const HTTP = /^https?:\/\//i;

/**
 * The first character of a setting's string that some format of the build cannot carry (see
 * characters.ts), or `undefined`. `path` starts with `settings`; a map key (`isMapKey`) and any
 * string below the key's own value sit inside JSON text.
 */
export function settingCharacterProblem(value: string, key: KeyDef, isMapKey: boolean, path: readonly PathSegment[]): CharacterProblem | undefined {
  const raw = !isMapKey && path.length === 2 && key.type === 'string';
  return characterProblem(value, raw ? 'raw' : 'json', isMdmKey(key));
}

/**
 * Appends the leaf rule's findings to `out` and, when `secrets` is given, collects every secret
 * leaf that is not a map key, in walk order: what `resolveProfile` looks for in the same walk.
 * Findings about a character only some formats cannot carry are marked so
 * ({@link formatOnlyStores} in characters.ts): a build of the other formats can still write the value.
 */
export function leafFindings(settings: Readonly<Record<string, unknown>>, out: Finding[], secrets?: SecretLeaf[]): void {
  walkLeaves(settings, (value, key, spec, secret, isMapKey, path) => {
    if (typeof value !== 'string') {
      if (secret && !isMapKey && isEnvRef(value)) {
        if (secrets) secrets.push({ path: path.slice(), key, value });
        // The variable's value is one text: where the catalogue wants a list or an object, every
        // build would fail (the writers get a string there).
        if (spec && spec.type !== 'string') out.push(envNotStringFinding(value.env, key, spec.type, path));
      }
      return;
    }
    if (secrets && secret && !isMapKey) secrets.push({ path: path.slice(), key, value });
    const what = isMapKey ? 'name' : 'value';
    if (value.includes(PLACEHOLDER_MARKER)) {
      out.push(finding('placeholder', 'error', path, `the ${what} still holds the placeholder ${PLACEHOLDER_MARKER}`, 'replace it with the real value', key.name));
    }
    const control = (secret ? CONTROL_OR_BREAK : CONTROL).exec(value);
    // The text named by its path below settings: a minified file's place is only "line 1".
    const named = (): string => `${what} of ${formatPath(path.slice(1))}`;
    if (control) {
      const cp = control[0].codePointAt(0) ?? 0;
      const brk = isLineBreak(cp);
      out.push(
        finding(
          'control-character',
          'error',
          path,
          `the ${named()} holds ${describeCharacter(cp)} at position ${control.index}${brk ? '; a credential must be one line (it is sent in an HTTP header or a token request)' : ', which no settings format can carry'}`,
          brk ? 'remove the line break; it is often a trailing newline copied with the secret' : 'remove it',
          key.name,
        ),
      );
    } else {
      const problem = settingCharacterProblem(value, key, isMapKey, path);
      if (problem) {
        const words = characterFinding(problem, named());
        out.push(markFormatOnly(finding(problem.code, 'error', path, words.message, words.hint, key.name), problem.stores));
      }
    }
    const format = spec?.format;
    if (format !== undefined && URL_FORMATS.has(format) && HTTP.test(value)) {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        out.push(finding('bad-url', 'error', path, 'is not a valid URL', 'check the host name and port', key.name));
      }
      // Allowed (the schema refuses http:// anywhere else), but it only works where every device runs
      // the proxy: worth a word before it goes to a fleet.
      if (url && format === 'gateway-url' && isWrittenLoopbackHttp(value)) {
        out.push(finding('http-loopback', 'warning', path, `plain http:// to ${url.host}, a loopback host: the app accepts it only for a proxy on the device itself`, 'make sure every device runs that proxy (the firewall list cannot cover it); for a gateway on another host use https://', key.name));
      }
    }
  });
}

const TYPE_WORDS: Readonly<Record<string, string>> = { boolean: 'true or false', integer: 'a whole number', number: 'a number', stringList: 'a list', objectList: 'a list', object: 'an object' };

function envNotStringFinding(envName: string, key: KeyDef, type: string, path: readonly PathSegment[]): Finding {
  const whole = path.length === 2;
  return finding(
    'wrong-type',
    'error',
    path,
    `{"env": "${envName}"} stands for one text value, but ${whole ? key.name : 'this place'} takes ${TYPE_WORDS[type] ?? type}`,
    type === 'object' || type === 'objectList' ? `write the ${type === 'object' ? 'object' : 'list'} here and put {"env": "…"} on each secret text inside it` : 'write the value itself here',
    key.name,
  );
}

export const leafRule: Rule = ({ settings }) => {
  const out: Finding[] = [];
  leafFindings(settings, out);
  return out;
};

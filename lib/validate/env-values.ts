/**
 * Findings about values taken from environment variables (`{ "env": "NAME" }` secrets), in words
 * that name the variable: the value itself is never shown (it is a secret), and the place is the
 * finding's path as usual.
 */
import type { EnvSecret } from '../profile/resolve';
import { formatPath } from '../profile/path';
import { finding, type Finding } from './findings';
import { describeCharacter, describeStores } from './rules/characters';
import { settingCharacterProblem } from './rules/leaves';

// What the leaf rule refuses in every value (C0 controls other than TAB, and DEL) and the header
// value pattern (CR, LF, NUL): found here to say which character it is and where.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;


/** A character in words a person recognises: `a line feed (U+000A)`. */
function characterWords(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  switch (cp) {
    case 0x0a:
      return `a line feed (${hex})`;
    case 0x0d:
      return `a carriage return (${hex})`;
    case 0x09:
      return `a tab (${hex})`;
    case 0x00:
      return `a NUL character (${hex})`;
    default:
      return describeCharacter(cp).replace(/^character /, 'the character ').replace(/^(control character|lone surrogate)/, 'a $1');
  }
}

/**
 * The first character of an environment secret that its place refuses, where it is, and why;
 * `undefined` when the value holds none.
 */
function badCharacter(secret: EnvSecret): { cp: number; index: number; why: string } | undefined {
  const { value } = secret;
  const control = CONTROL.exec(value);
  const place = settingCharacterProblem(value, secret.key, false, secret.path);
  if (control && (!place || control.index <= place.index)) {
    return { cp: control[0].codePointAt(0) ?? 0, index: control.index, why: 'a setting value may not hold line breaks or other control characters' };
  }
  if (place) return { cp: place.codePoint, index: place.index, why: `it cannot be stored in ${describeStores(place.stores)}` };
  return undefined;
}

/** Whether `value` ends with a line break (LF, CRLF or CR): what `echo` or a here-document adds. */
const endsWithNewline = (value: string): boolean => /(\r\n|\n|\r)$/.test(value);

/**
 * `added` (findings about the profile with its environment secrets filled in, that the profile
 * itself did not have) reworded to name the environment variables concerned, with every secret
 * value removed from the text.
 */
export function envFindings(added: readonly Finding[], fromEnv: readonly EnvSecret[]): Finding[] {
  const byPath = new Map(fromEnv.map((s) => [formatPath(s.path), s]));
  const hide = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    let out = text;
    // Very short values would match ordinary words; messages never quote a secret anyway.
    for (const s of fromEnv) if (s.value.length >= 4) out = out.split(s.value).join('(secret value hidden)');
    return out;
  };
  return added.map((f) => {
    const secret = byPath.get(f.path);
    if (!secret) {
      // A finding about the setting as a whole (a list grown too long by a value from the environment…).
      const own = fromEnv.filter((s) => s.key.name === f.key);
      const names = [...new Set((own.length > 0 ? own : fromEnv).map((s) => s.envName))];
      const note = ` (with the value${names.length > 1 ? 's' : ''} of environment variable${names.length > 1 ? 's' : ''} ${names.join(', ')})`;
      return finding(f.code, f.severity, f.path, `${hide(f.message) ?? ''}${note}`, hide(f.hint), f.key);
    }
    const name = secret.envName;
    const bad = f.code === 'control-character' ? badCharacter(secret) : undefined;
    if (bad) {
      const crlf = bad.index === secret.value.length - 2 && secret.value.endsWith('\r\n');
      const last = bad.index === secret.value.length - 1 || crlf;
      const what = crlf ? 'a line break (CR LF, U+000D U+000A)' : characterWords(bad.cp);
      const where = last ? `ends with ${what}` : bad.index === 0 ? `starts with ${what}` : `holds ${what} at position ${bad.index}`;
      const message = `environment variable ${name} ${where}: ${bad.why}`;
      const hint =
        last && endsWithNewline(secret.value)
          ? `strip the trailing newline where ${name} is set, a common CI mistake: echo and here-documents add one; write the secret with printf '%s', or remove the line break in the secret store`
          : `remove it from ${name} where the secret is set`;
      return finding(f.code, f.severity, f.path, message, hint, f.key);
    }
    return finding(f.code, f.severity, f.path, `environment variable ${name}: ${hide(f.message) ?? ''}`, hide(f.hint) ?? `fix ${name} where the secret is set`, f.key);
  });
}

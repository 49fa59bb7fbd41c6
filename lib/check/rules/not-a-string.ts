/**
 * `not-a-string`: a Claude key stored as a native plist type (`<array>`, `<dict>`, `<true/>`,
 * `<false/>`, `<integer>`, `<real>`, `<date>`, `<data>`). Claude Desktop documents every managed
 * value as a string (reference §2): `<array>`, `<dict>`, `<date>` and `<data>` are ignored (an
 * error); native booleans and numbers are probably tolerated but unconfirmed (a warning). The fix
 * names the exact `<string>` to write instead, made by the encoding layer from the value found
 * (never shown for a secret).
 */
import { encodeValue } from '../../encode';
import { xmlText } from '../../escape/xml';
import { finding, type Finding } from '../../validate/findings';
import { coerceToType, defFor, isSecretKey } from '../decode';
import { PLIST_KINDS, type ArtifactRule } from '../types';
import { clipWithLength } from '../../escape/clip';

/** How each plist type looks in the file, for messages. */
const TAG: Record<string, (raw: unknown) => string> = {
  boolean: (raw) => (raw === true ? '<true/>' : '<false/>'),
  integer: () => '<integer>',
  real: () => '<real>',
  array: () => '<array>',
  dict: () => '<dict>',
  date: () => '<date>',
  data: () => '<data>',
};

/** What a string of each catalogue type holds, for fixes that cannot show the value. */
const EXPECTED: Record<string, string> = {
  string: 'the text',
  boolean: 'true or false',
  integer: 'the number in decimal digits',
  number: 'the number in decimal',
  stringList: 'the list as compact JSON text, such as ["a","b"]',
  objectList: 'the list as compact JSON text, such as [{"name":"…"}]',
  object: 'the object as compact JSON text, such as {"Name":"value"}',
};

// A fix longer than this is cut: it still shows the start of the exact text to write.
const MAX_FIX = 1000;

/** Native plist values for Claude keys, with the exact `<string>` to write. */
export const notAStringRule: ArtifactRule = {
  id: 'not-a-string',
  codes: ['not-a-string'],
  appliesTo: (kind) => PLIST_KINDS.includes(kind),
  check: (ctx) => {
    const out: Finding[] = [];
    for (const e of ctx.read.entries) {
      const def = defFor(e.key);
      if (!def || e.storedAs === 'string') continue;
      const tag = (TAG[e.storedAs] ?? (() => `<${e.storedAs}>`))(e.raw);
      // Native booleans and numbers are probably tolerated but unconfirmed (reference §2): a
      // warning with the safe <string>; <array>, <dict>, <date> and <data> are ignored: an error.
      const scalar = e.storedAs === 'boolean' || e.storedAs === 'integer' || e.storedAs === 'real';
      const why = scalar
        ? 'Claude Desktop documents every managed value as a string; native booleans and numbers are probably read but this is not confirmed, so write a string to be safe'
        : 'Claude Desktop reads managed values only as strings and ignores this one';
      out.push(finding('not-a-string', scalar ? 'warning' : 'error', e.location, `${e.key} is a native ${tag} value; ${why}`, fixFor(def, e.raw, e.storedAs), def.name));
    }
    return out;
  },
};

function fixFor(def: NonNullable<ReturnType<typeof defFor>>, raw: unknown, storedAs: string): string {
  const converted = coerceToType(def, raw, storedAs);
  if (!converted.ok) return `write a <string> holding ${EXPECTED[def.type] ?? 'the value'}`;
  if (isSecretKey(def)) return `write a <string> holding ${EXPECTED[def.type] ?? 'the value'} (not shown here: ${def.name} holds a credential)`;
  let text: string;
  try {
    text = xmlText(encodeValue(def.type, converted.value, def.name), def.name);
  } catch {
    return `write a <string> holding ${EXPECTED[def.type] ?? 'the value'}`;
  }
  return `write <string>${clipWithLength(text, MAX_FIX)}</string>`;
}

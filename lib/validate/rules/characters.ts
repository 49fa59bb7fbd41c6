/**
 * Which characters the build's formats can carry, place by place: the rules of the escapers
 * (lib/escape/reg.ts, lib/escape/xml.ts) as the writers apply them, so that validation refuses
 * what a build of every format would refuse, with the same words.
 *
 * - A string setting's whole value (a top-level key of type `string`) is stored as is: in a `.reg`
 *   file (no control character at all, TAB and C1 included, and no lone surrogate) and in the XML
 *   of `.mobileconfig`, Jamf and Intune files (no U+FFFE, U+FFFF or lone surrogate).
 * - A string inside a list or object is stored inside JSON text, where JSON already escapes the C0
 *   controls and lone surrogates; DEL, the C1 controls, U+FFFE and U+FFFF stay raw.
 * - Bootstrap-only keys go to the JSON outputs only, which carry any character.
 * - The profile's metadata texts (`displayName`, `organization`, `description`) go into the XML
 *   formats only.
 *
 * C0 controls other than TAB, LF and CR, and DEL, are refused in every setting value whatever the
 * format (the leaf rule's first check): those findings are not format-specific. LF and CR are too
 * in a secret (a credential is one line: it travels in an HTTP header or a token request); in
 * other texts a line break is refused only by the `.reg` file (a raw line break ends its value),
 * and inside JSON text it is escaped (`\n`) in every store.
 */

/** The formats (or groups of formats) a character can be refused by. */
export type CharacterStore = 'reg' | 'xml';

/** Where a text is stored. */
export type CharacterPlace = 'raw' | 'json' | 'metadata';

/** The first character of a text a place cannot carry. */
export interface CharacterProblem {
  /** Always `control-character` (the code of every character a value cannot hold; the message says which). */
  readonly code: 'control-character';
  readonly codePoint: number;
  /** Index of the character in the text (UTF-16 code units, as the writers count). */
  readonly index: number;
  /** Which stores refuse it (never empty). */
  readonly stores: readonly CharacterStore[];
}

const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

// Everything any store refuses, per place (the C0 controls refused everywhere included, so that
// the first bad character is found and described whatever it is).
const RAW = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`);
const JSON_TEXT = /[\u007F-\u009F\uFFFE\uFFFF]/;
const METADATA = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`);

/**
 * The first character of `text` that a build of every format cannot carry at `place`, or
 * `undefined`. `mdm`: whether the setting goes to the MDM formats (false for bootstrap-only keys,
 * whose values only the JSON outputs carry).
 */
export function characterProblem(text: string, place: CharacterPlace, mdm = true): CharacterProblem | undefined {
  if (!mdm) return undefined;
  const re = place === 'raw' ? RAW : place === 'json' ? JSON_TEXT : METADATA;
  const m = re.exec(text);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0) ?? 0;
  const surrogate = cp >= 0xd800 && cp <= 0xdfff;
  const control = cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
  const stores: CharacterStore[] =
    place === 'metadata' ? ['xml'] : surrogate ? ['reg', 'xml'] : control ? (place === 'raw' && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp <= 0x1f ? ['reg', 'xml'] : ['reg']) : ['xml'];
  return { code: 'control-character', codePoint: cp, index: m.index, stores };
}

const NAMES: Readonly<Record<number, string>> = {
  0x0: 'NUL',
  0x9: 'TAB',
  0xa: 'LINE FEED',
  0xd: 'CARRIAGE RETURN',
  0x7f: 'DEL',
  0x85: 'NEL (next line)',
  0xfffe: 'a noncharacter',
  0xffff: 'a noncharacter',
};

/** `character U+0009 (TAB)`, `lone surrogate U+D800`, `control character U+0081`: the writers' words. */
export function describeCharacter(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[cp]) return `character ${hex} (${NAMES[cp]})`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `lone surrogate ${hex}`;
  return `control character ${hex}`;
}

/** Where the stores of a problem are, in words: `a .reg file`, `XML 1.0 (…)`, or both. */
export function describeStores(stores: readonly CharacterStore[]): string {
  const words = stores.map((s) => (s === 'reg' ? 'a .reg file' : 'XML 1.0 (.mobileconfig, Jamf and Intune files)'));
  return words.join(' or in ');
}

/** Whether `cp` is a line break (LF or CR). */
export const isLineBreak = (cp: number): boolean => cp === 0x0a || cp === 0x0d;

/**
 * The message and hint of a finding about `p` in a value. `what` names the text: `value`, `name`,
 * a metadata field, or `value of organizationInstructions` (the key named, so that the message
 * still says where when a file's place is only a line number).
 */
export function characterFinding(p: CharacterProblem, what: string): { message: string; hint: string } {
  const message = `the ${what} holds ${describeCharacter(p.codePoint)} at position ${p.index}, which cannot be stored in ${describeStores(p.stores)}`;
  const leaveOut = p.stores.includes('reg') && p.stores.includes('xml') ? 'reg, mobileconfig, jamf and intune' : p.stores.includes('reg') ? 'reg' : 'mobileconfig, jamf and intune';
  if (isLineBreak(p.codePoint) && p.stores.length === 1 && p.stores[0] === 'reg') {
    // A multi-line text: every other format carries it (plist <string>, JSON, the Intune XML escape it).
    return { message, hint: 'a .reg file has no escape for line breaks: write the text on one line, or leave reg out of the formats (BuildOptions.formats, --formats) and deploy the setting by .mobileconfig, Intune or a JSON file, which carry line breaks' };
  }
  const why = p.stores.includes('reg') ? 'regedit has no escape for control characters or broken surrogates' : 'XML 1.0 has no way to write it';
  return { message, hint: `remove it: ${why}; a build whose formats (BuildOptions.formats, --formats) leave out ${leaveOut} can still carry it` };
}

// The findings about a character only some formats cannot carry, and which (by identity: a finding
// as validateProfile returned it).
const FORMAT_ONLY = new WeakMap<object, readonly CharacterStore[]>();

/** Records that `f` is about a character only the formats of `stores` cannot carry. */
export function markFormatOnly<F extends object>(f: F, stores: readonly CharacterStore[]): F {
  FORMAT_ONLY.set(f, stores);
  return f;
}

/**
 * For a finding `validateProfile` returned about a character that only some formats cannot carry
 * (a TAB in a string setting: a `.reg` file cannot hold it, a `.mobileconfig` can), which ones:
 * `reg` (the `.reg` file) and/or `xml` (`.mobileconfig`, Jamf and Intune files). `undefined` for
 * every other finding, including control characters refused in every value. For `prepareProfile`,
 * which leaves these to the writers of those formats, and for callers that judge one kind of file.
 */
export function formatOnlyStores(f: object): readonly CharacterStore[] | undefined {
  return FORMAT_ONLY.get(f);
}

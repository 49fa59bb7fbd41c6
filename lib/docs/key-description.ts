/**
 * A catalogue key described for people, as labelled facts: the one description behind
 * `explain <key>` (plain text) and `docs/keys.md` (Markdown), so the two never disagree.
 */
import { describeSince, exampleValue, FORMATS, SECTIONS, type FieldSpec, type KeyDef, type ValueSpec } from '../catalog';
import { encodeValue } from '../encode';

/** What each value type is called in prose. */
export const TYPE_NAMES: Readonly<Record<KeyDef['type'], string>> = {
  string: 'string',
  boolean: 'boolean',
  integer: 'integer',
  number: 'number',
  stringList: 'list of strings',
  object: 'object',
  objectList: 'list of objects',
};

/** One field of an object or object-list key, `depth` 0 for the key's own fields. */
export interface FieldLine {
  /** Nesting below the key: 0 for its own fields, 1 for a field of a field, and so on. */
  readonly depth: number;
  /** The field's own name, as the profile writes it. */
  readonly name: string;
  /** The field's place below the key: `name`, or `parent.name` for a field of a field. */
  readonly path: string;
  /** Whether the field must be present whenever its object is (the catalogue's `required`). */
  readonly required: boolean;
  /** Type and constraints, as {@link specText} words them. */
  readonly spec: string;
  /** JSON text of the default, when there is one. */
  readonly default?: string;
  /** The catalogue's description of the field. */
  readonly description: string;
}

/** A piece of a fact: words, or (`code`) a literal value or name, shown as code where the format can. */
export interface FactPart {
  /** The text as shown; a code part holds it literally (a value's JSON text, or a name). */
  readonly text: string;
  /** Whether `text` is a literal value or name, shown as code (backticks in Markdown). */
  readonly code: boolean;
}

/** A labelled line of a key's description (`Section`, `Old name`, `Note`…); labels repeat. */
export interface KeyFact {
  /** The label shown before the fact: `Section`, `Providers`, `Set by`, `Since`, `Default`, `Old name`, `Note`… */
  readonly label: string;
  /** The fact's text in pieces, in order; {@link factText} joins them as plain text. */
  readonly parts: readonly FactPart[];
}

/** A fact's parts as plain text. */
export function factText(fact: KeyFact): string {
  return fact.parts.map((p) => p.text).join('');
}

const words = (text: string): FactPart => ({ text, code: false });
const code = (text: string): FactPart => ({ text, code: true });

/** Everything `explain` and the key reference say about one key, in their order. */
export interface KeyDescription {
  /** The key's current name. */
  readonly name: string;
  /** The catalogue's description of the key. */
  readonly description: string;
  /** Type and constraints, with the note that list entries may be plain strings. */
  readonly type: string;
  /** `Fields` or `Entry fields`, and the lines under it (none for keys without fields). */
  readonly fieldsLabel: string;
  /** Every field, depth first (each field followed by its own fields), in catalogue order; empty for keys without fields. */
  readonly fields: readonly FieldLine[];
  /** The facts after the type and fields, in order. */
  readonly facts: readonly KeyFact[];
}

/** Type and constraints of a value: `string, one of a, b, range 1 to 10, secret`. */
export function specText(spec: ValueSpec): string {
  const parts = [TYPE_NAMES[spec.type]];
  if (spec.enum) parts.push(`one of ${spec.enum.join(', ')}`);
  if (spec.format) parts.push(FORMATS[spec.format].expected);
  if (spec.patternHint) parts.push(spec.patternHint);
  if (spec.minimum !== undefined || spec.maximum !== undefined) parts.push(`range ${spec.minimum ?? '…'} to ${spec.maximum ?? '…'}`);
  if (spec.maxLength !== undefined) parts.push(`at most ${spec.maxLength} characters`);
  if (spec.keyOrderMatters) parts.push('keys kept in the order written');
  if (spec.secret) parts.push('secret');
  return parts.join(', ');
}

/** How a value of this key's type is stored in the OS preference stores. */
function encodingText(key: KeyDef): string {
  switch (key.type) {
    case 'boolean':
      return 'the text "true" or "false"';
    case 'integer':
    case 'number':
      return 'decimal text';
    case 'string':
      return 'the string itself';
    default:
      return 'compact JSON text in one string (never a native plist array/dict or registry subkey)';
  }
}

function fieldLines(fields: Readonly<Record<string, FieldSpec>>, depth: number, parent: string): FieldLine[] {
  const out: FieldLine[] = [];
  for (const [name, f] of Object.entries(fields)) {
    const path = parent ? `${parent}.${name}` : name;
    out.push({ depth, name, path, required: f.required === true, spec: specText(f), ...(f.default !== undefined ? { default: JSON.stringify(f.default) } : {}), description: f.description });
    if (f.fields) out.push(...fieldLines(f.fields, depth + 1, path));
  }
  return out;
}

/** Where a key may be set, in words. */
export function setByText(key: KeyDef): string {
  return key.availability === 'both' ? 'MDM and bootstrap' : key.availability === 'mdm' ? 'MDM only' : 'bootstrap only';
}

/** The providers a key applies to, in words. */
export function providersText(key: KeyDef): string {
  return key.providers === 'all' ? 'all providers' : key.providers.join(', ');
}

/** The title of a key's section. */
export function sectionTitleOf(key: KeyDef): string {
  return SECTIONS.find((s) => s.id === key.section)?.title ?? key.section;
}

/** The whole description of one catalogue key. */
export function describeKey(key: KeyDef): KeyDescription {
  const facts: KeyFact[] = [];
  const fact = (label: string, ...parts: FactPart[]): void => {
    facts.push({ label, parts });
  };
  if (key.values) fact('Values', words(`${key.keyFormat ? `${FORMATS[key.keyFormat].expected} → ` : 'name → '}${specText(key.values)}`));
  if (key.keyOrderMatters) fact('Order', words('kept as written (the first matching entry may decide; other maps are sorted)'));
  fact('Section', words(sectionTitleOf(key)));
  fact('Providers', words(providersText(key)));
  fact('Set by', words(setByText(key)));
  fact('Since', words(describeSince(key.since)));
  if (key.default !== undefined) fact('Default', code(JSON.stringify(key.default)));
  fact('Secret', words(key.secret ? 'yes (may be {"env": "NAME"}; masked in logs and summaries)' : 'no'));
  const example = exampleValue(key);
  fact('Encoding', words(encodingText(key)));
  fact('Example', words('profile '), code(JSON.stringify(example)), words(' → stored '), code(JSON.stringify(encodeValue(key.type, example, key.name))));
  for (const l of key.legacyNames ?? []) fact('Old name', code(l.name), ...(l.cutoff ? [words(` (not read after ${l.cutoff.slice(0, 10)})`)] : []));
  for (const s of key.deprecatedShapes ?? []) fact('Old shape', words(`${s.shape}${s.cutoff ? ` (not read after ${s.cutoff.slice(0, 10)})` : ''}; the library migrates it`));
  for (const v of key.deprecatedValues ?? []) fact('Old value', code(`"${v.value}"`), words(` → ${v.replacement}`));
  for (const v of key.deprecatedEnumValues ?? []) fact('Old value', code(`"${v.value}"`), words(' → '), code(`"${v.replacement}"`));
  if (key.beta) fact('Beta', words('yes'));
  if (key.deprecated) fact('Deprecated', words(key.deprecated));
  if (key.unconfirmed) fact('Unconfirmed', words(key.unconfirmed));
  for (const n of key.notes ?? []) fact('Note', words(n));
  return {
    name: key.name,
    description: key.description,
    type: `${specText(key)}${key.itemsMayBeString ? ' (an entry may also be a plain string)' : ''}`,
    fieldsLabel: key.type === 'objectList' ? 'Entry fields' : 'Fields',
    fields: key.fields ? fieldLines(key.fields, 0, '') : [],
    facts,
  };
}

/**
 * How one catalogue key is described to a macOS admin in form-building tools (Jamf custom schema,
 * ProfileManifests): the text pattern its string must match, the allowed strings, a JSON example
 * and a description. Every value is text in the store, so all of this speaks of strings.
 */
import { CATALOG, isMdmKey, sectionTitle, describeSince, type KeyDef } from '../catalog';
import { exampleValue } from '../catalog/examples';
import { FORMATS } from '../catalog/formats';
import { encodeValue } from '../encode';

/** Every MDM-deliverable key, in catalogue order. */
export function mdmKeys(): KeyDef[] {
  return CATALOG.filter(isMdmKey);
}

/** Whether a key's value is JSON text in the store. */
export function isJsonKey(def: KeyDef): boolean {
  return def.type === 'stringList' || def.type === 'object' || def.type === 'objectList';
}

/** The strings a key accepts when it has a closed list (booleans: "true"/"false"; string enums). */
export function allowedStrings(def: KeyDef): string[] | undefined {
  if (def.type === 'boolean') return ['true', 'false'];
  if (def.type === 'string' && def.enum) return [...def.enum];
  return undefined;
}

/** A regular expression the stored text must match, when one says something useful. */
export function textPattern(def: KeyDef): string | undefined {
  switch (def.type) {
    case 'integer':
      // The pattern carries the sign and zero rules of the minimum; the range itself is in the description.
      if (def.minimum !== undefined && def.minimum >= 1) return '^[1-9][0-9]*$';
      return def.minimum !== undefined && def.minimum >= 0 ? '^(0|[1-9][0-9]*)$' : '^-?(0|[1-9][0-9]*)$';
    case 'number':
      return def.minimum !== undefined && def.minimum >= 0 ? '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' : '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$';
    case 'string':
      if (def.enum) return undefined;
      return def.pattern ?? (def.format ? FORMATS[def.format].pattern : undefined);
    case 'stringList':
    case 'objectList':
      return '^\\s*\\[[\\s\\S]*\\]\\s*$';
    case 'object':
      return '^\\s*\\{[\\s\\S]*\\}\\s*$';
    default:
      return undefined;
  }
}

/** The app default in Claude's string form, or undefined. */
export function defaultText(def: KeyDef): string | undefined {
  if (def.default === undefined) return undefined;
  try {
    return encodeValue(def.type, def.default, def.name);
  } catch {
    return undefined;
  }
}

/** One line of compact JSON showing a valid value of a JSON key. */
export function jsonExample(def: KeyDef): string | undefined {
  return isJsonKey(def) ? JSON.stringify(exampleValue(def)) : undefined;
}

const TYPE_WORDS: Record<KeyDef['type'], string> = {
  string: 'Text',
  boolean: 'Text "true" or "false"',
  integer: 'A whole number written as text',
  number: 'A number written as text',
  stringList: 'A JSON array of strings, as one line of text',
  object: 'A JSON object, as one line of text',
  objectList: 'A JSON array of objects, as one line of text',
};

/** Range words for numbers ("from 1 to 600"). */
function rangeWords(def: KeyDef): string | undefined {
  if (def.minimum !== undefined && def.maximum !== undefined) return `from ${def.minimum} to ${def.maximum}`;
  if (def.minimum !== undefined) return `at least ${def.minimum}`;
  if (def.maximum !== undefined) return `at most ${def.maximum}`;
  return undefined;
}

/** The credential note shown with secret keys. */
export const SECRET_NOTE = 'Holds a credential: it is stored in clear text in the MDM configuration and on every Mac; prefer a credential helper where the provider allows one.';

/** The admin-facing description of a key: what it does, its text form, default, providers, first build, warnings. */
export function keyDescription(def: KeyDef): string {
  const range = rangeWords(def);
  const parts = [def.description, `${TYPE_WORDS[def.type]}${range ? `, ${range}` : ''}.`];
  const d = defaultText(def);
  if (d !== undefined) parts.push(`Default: ${d === '' ? '(empty)' : d}.`);
  parts.push(`Section: ${sectionTitle(def.section)}. Applies to: ${def.providers === 'all' ? 'all providers' : def.providers.join(', ')}. Since: ${describeSince(def.since)}.`);
  if (def.secret) parts.push(SECRET_NOTE);
  if (def.deprecated) parts.push(`Deprecated: ${def.deprecated}`);
  if (def.unconfirmed) parts.push(`Unconfirmed: ${def.unconfirmed}`);
  return parts.join(' ');
}

/**
 * Uniqueness within object lists, and values outside a known list.
 *
 * A message quotes the value it is about only where the value is not secret: under a secret key
 * (the MCP server list, whose arguments and names may hold credentials) it names the entries by
 * index instead, and the finding's path names the place. Secrecy is what {@link specAt} says for
 * the path, the rule the schema check masks its messages by.
 */
import { type ValueSpec } from '../../catalog';
import type { PathSegment } from '../../profile/path';
import { finding, type Finding } from '../findings';
import { specAt } from '../spec-at';
import { isObject, type Rule } from './types';

function checkUnique(spec: ValueSpec, value: unknown, path: PathSegment[], keyName: string, out: Finding[]): void {
  if (!Array.isArray(value)) return;
  if (spec.type === 'objectList' && spec.uniqueBy) {
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const id = typeof item === 'string' && spec.itemsMayBeString ? item : isObject(item) ? item[spec.uniqueBy as string] : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, i);
        return;
      }
      // A string entry is its own id; an object entry's id is its `uniqueBy` field.
      const secret = specAt(typeof item === 'string' ? [...path, i] : [...path, i, spec.uniqueBy as string]).secret;
      const message = secret ? `entry [${i}] repeats the ${spec.uniqueBy} of entry [${first}] (secret value not shown)` : `${spec.uniqueBy} "${id}" appears twice (first at [${first}])`;
      out.push(finding('duplicate-entry', 'error', [...path, i], message, 'remove the duplicate entry', keyName));
    });
  }
  if (spec.type === 'stringList') {
    const seen = new Map<unknown, number>();
    value.forEach((item, i) => {
      const first = seen.get(item);
      if (first === undefined) {
        seen.set(item, i);
        return;
      }
      const message = specAt([...path, i]).secret ? `entry [${i}] repeats entry [${first}] (secret value not shown)` : `${JSON.stringify(item)} is listed twice`;
      out.push(finding('duplicate-entry', 'warning', [...path, i], message, 'remove the duplicate', keyName));
    });
  }
  // Nested lists (e.g. orgPluginSettings[].tools).
  if (spec.type === 'objectList') {
    const fields = listFields(spec);
    if (fields.length === 0) return;
    value.forEach((item, i) => {
      if (!isObject(item)) return;
      for (const [f, fs] of fields) {
        const v = item[f];
        if (Array.isArray(v)) checkUnique(fs, v, [...path, i, f], keyName, out);
      }
    });
  }
}

// The list-typed fields of each object-list spec, in field order (specs are read-only).
const LIST_FIELDS = new WeakMap<ValueSpec, readonly (readonly [string, ValueSpec])[]>();

function listFields(spec: ValueSpec): readonly (readonly [string, ValueSpec])[] {
  let fields = LIST_FIELDS.get(spec);
  if (!fields) {
    fields = Object.entries(spec.fields ?? {}).filter(([, fs]) => fs.type === 'objectList' || fs.type === 'stringList');
    LIST_FIELDS.set(spec, fields);
  }
  return fields;
}

export const listRule: Rule = ({ settings, keys }) => {
  const out: Finding[] = [];
  for (const key of keys) {
    const value = settings[key.name];
    if (Array.isArray(value)) checkUnique(key, value, ['settings', key.name], key.name, out);
    if (key.knownValues && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (typeof item !== 'string' || key.knownValues?.includes(item)) return;
        const path = ['settings', key.name, i];
        const message = specAt(path).secret ? `entry [${i}] is not a name Claude Desktop is known to accept (secret value not shown)` : `"${item}" is not a name Claude Desktop is known to accept`;
        out.push(finding('unknown-value', 'warning', path, message, `known names: ${key.knownValues?.join(', ')}`, key.name));
      });
    }
  }
  return out;
};

/** Uniqueness within object lists, and values outside a known list. */
import { type ValueSpec } from '../../catalog';
import type { PathSegment } from '../../profile/path';
import { finding, type Finding } from '../findings';
import { isObject, type Rule } from './types';

function checkUnique(spec: ValueSpec, value: unknown, path: PathSegment[], keyName: string, out: Finding[]): void {
  if (!Array.isArray(value)) return;
  if (spec.type === 'objectList' && spec.uniqueBy) {
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const id = typeof item === 'string' && spec.itemsMayBeString ? item : isObject(item) ? item[spec.uniqueBy as string] : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first !== undefined) out.push(finding('duplicate-entry', 'error', [...path, i], `${spec.uniqueBy} "${id}" appears twice (first at [${first}])`, 'remove the duplicate entry', keyName));
      else seen.set(id, i);
    });
  }
  if (spec.type === 'stringList') {
    const seen = new Set<unknown>();
    value.forEach((item, i) => {
      if (seen.has(item)) out.push(finding('duplicate-entry', 'warning', [...path, i], `${JSON.stringify(item)} is listed twice`, 'remove the duplicate', keyName));
      seen.add(item);
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
        if (typeof item === 'string' && !key.knownValues?.includes(item)) out.push(finding('unknown-value', 'warning', ['settings', key.name, i], `"${item}" is not a name Claude Desktop is known to accept`, `known names: ${key.knownValues?.join(', ')}`, key.name));
      });
    }
  }
  return out;
};

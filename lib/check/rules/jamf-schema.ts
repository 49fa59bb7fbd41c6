/**
 * Jamf Pro custom schema JSON ("Application & Custom Settings"): Jamf writes each value into the
 * plist with the type the schema gives it, so every Claude property should be `"type": "string"`
 * (a `boolean` property becomes `<true/>`, which is not confirmed to be read; an `array` becomes
 * `<array>`, which is ignored), with string enums (`["true","false"]` for booleans) and string
 * defaults; an https URL key's default must be https (Jamf pre-fills it). Property names are
 * judged like keys.
 */
import { isMdmKey } from '../../catalog';
import { GATEWAY_HTTP_FIX, isWrittenLoopbackHttp } from '../../loopback';
import { defFor } from '../decode';
import { keyNameFindings } from '../key-names';
import { lineOf } from '../../read/json-artifacts';
import { formatPlace } from '../../profile/path';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactRule } from '../types';
import { clip } from '../../escape/clip';
import { pushAll } from '../../push-all';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Jamf schema properties that Jamf would write as native plist types, and their names. */
export const jamfSchemaRule: ArtifactRule = {
  id: 'jamf-schema',
  codes: ['bootstrap-only-in-mdm', 'jamf-not-string', 'jamf-enum-not-strings', 'jamf-boolean-enum', 'jamf-default-not-string', 'jamf-no-properties', 'not-https'],
  appliesTo: (kind) => kind === 'jamf-schema',
  check: (ctx) => {
    const schema = ctx.read.json;
    if (!isObject(schema)) return [];
    const out: Finding[] = [];
    const scan = ctx.read.jsonScan;
    const at = (name: string, field?: string) => {
      const path = field ? ['properties', name, field] : ['properties', name];
      return `line ${(scan && lineOf(scan, path)) ?? 1} (${formatPlace(path)})`;
    };
    const props = schema.properties;
    if (!isObject(props) || Object.keys(props).length === 0) {
      return [finding('jamf-no-properties', 'error', '(root)', 'the schema has no "properties"', 'list one property per Claude key; Jamf shows nothing to configure otherwise')];
    }
    const names: { key: string; location: string }[] = [];
    for (const [name, prop] of Object.entries(props)) {
      names.push({ key: name, location: at(name) });
      const def = defFor(name);
      if (!def || !isObject(prop)) continue;
      if (!isMdmKey(def)) out.push(finding('bootstrap-only-in-mdm', 'warning', at(name), `${name} can only be delivered by a bootstrap response; a Jamf-managed plist cannot set it`, 'remove the property', def.name));
      const types = Array.isArray(prop.type) ? prop.type : [prop.type];
      if (!types.includes('string') || types.some((t) => t !== 'string' && t !== 'null')) {
        const other = String(types.find((t) => t !== 'string' && t !== 'null') ?? prop.type);
        // Native booleans and numbers are probably read, but that is not confirmed (reference §2):
        // a warning, as for a plist's <true/>; arrays and objects are ignored by the app: an error.
        const scalar = types.every((t) => t === 'boolean' || t === 'integer' || t === 'number' || t === 'string' || t === 'null');
        const why = scalar ? 'which Claude Desktop is not confirmed to read (it documents every managed value as a string)' : 'which Claude Desktop ignores (it reads managed values only as strings)';
        out.push(finding('jamf-not-string', scalar ? 'warning' : 'error', at(name, 'type'), `${name} has "type": ${JSON.stringify(prop.type)}; Jamf would write it as a native plist ${other}, ${why}`, 'write "type": "string" to be safe: booleans as enum ["true","false"], numbers with a pattern, JSON as text', def.name));
      }
      if (Array.isArray(prop.enum)) {
        if (prop.enum.some((v) => typeof v !== 'string')) out.push(finding('jamf-enum-not-strings', 'error', at(name, 'enum'), `${name} has enum values that are not strings`, 'write every enum value as a string, e.g. "true"', def.name));
        else if (def.type === 'boolean' && (prop.enum.length !== 2 || !prop.enum.includes('true') || !prop.enum.includes('false'))) {
          out.push(finding('jamf-boolean-enum', 'error', at(name, 'enum'), `${name} is a boolean but its enum is ${JSON.stringify(prop.enum)}`, 'write "enum": ["true", "false"]', def.name));
        }
      }
      if (prop.default !== undefined && typeof prop.default !== 'string') {
        const scalar = typeof prop.default === 'boolean' || typeof prop.default === 'number';
        out.push(finding('jamf-default-not-string', scalar ? 'warning' : 'error', at(name, 'default'), `${name} has a ${typeof prop.default} default; Jamf would write that native type, which Claude Desktop ${scalar ? 'is not confirmed to read' : 'ignores'}`, `write the default as a string to be safe, e.g. ${JSON.stringify(String(JSON.stringify(prop.default)).replace(/^"|"$/g, ''))}`, def.name));
      }
      // Jamf pre-fills the default as the value: an http:// URL there is the same mistake as in a plist.
      if (typeof prop.default === 'string' && /^http:\/\//i.test(prop.default.trim())) {
        const text = prop.default.trim();
        if (def.format === 'https-url' || def.format === 'https-origin' || (def.format === 'gateway-url' && !isWrittenLoopbackHttp(text))) {
          const fix = def.format === 'gateway-url' ? GATEWAY_HTTP_FIX : 'Claude Desktop only accepts https://; change http:// to https://';
          out.push(finding('not-https', 'error', at(name, 'default'), `${name} has the default "${clip(text)}", which is not an https:// URL; Jamf pre-fills the default as the value`, fix, def.name));
        }
      }
    }
    pushAll(out, keyNameFindings(names, ctx.now));
    return out;
  },
};

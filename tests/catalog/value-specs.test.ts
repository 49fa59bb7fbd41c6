/**
 * Guard: every default in the catalogue is a value its own spec accepts, and every range is
 * non-empty.
 *
 * A default outside its enum (a log level of 'verbose', an OIDC field's `bearerTokenType`)
 * passed generate and the full suite and shipped in the JSON Schema, the Jamf schema and
 * `explain`; only an integer default out of range was caught, by the ADMX model (audit M4). And
 * minimum > maximum was caught only because an example happened to set that key.
 */
import { FORMATS, getKey, type FieldSpec, type KeyDef, type ValueSpec } from '../../lib/catalog';
import { K } from '../support/keys';
import { everySpec } from './support/specs';

type Spec = ValueSpec | FieldSpec | KeyDef;

/** Why `value` does not satisfy `spec` (empty when it does). Checks what the spec itself says: type, enum, knownValues, format, pattern, lengths, range, fields. */
function problems(value: unknown, spec: ValueSpec, at = 'default'): string[] {
  const out: string[] = [];
  const str = (v: unknown, where: string) => {
    if (typeof v !== 'string') return void out.push(`${where}: ${JSON.stringify(v)} is not a string`);
    if (spec.enum && !spec.enum.includes(v)) out.push(`${where}: "${v}" is not in enum ${JSON.stringify(spec.enum)}`);
    if (spec.knownValues && !spec.knownValues.includes(v)) out.push(`${where}: "${v}" is not in knownValues`);
    if (spec.format && !new RegExp(FORMATS[spec.format].pattern, 'u').test(v)) out.push(`${where}: "${v}" is not ${FORMATS[spec.format].expected}`);
    if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(v)) out.push(`${where}: "${v}" does not match ${spec.pattern}`);
    if (spec.minLength !== undefined && v.length < spec.minLength) out.push(`${where}: shorter than minLength ${spec.minLength}`);
    if (spec.maxLength !== undefined && v.length > spec.maxLength) out.push(`${where}: longer than maxLength ${spec.maxLength}`);
  };
  const num = (v: unknown, integer: boolean) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) return void out.push(`${at}: ${JSON.stringify(v)} is not ${integer ? 'an integer' : 'a number'}`);
    if (spec.minimum !== undefined && v < spec.minimum) out.push(`${at}: ${v} is below minimum ${spec.minimum}`);
    if (spec.maximum !== undefined && v > spec.maximum) out.push(`${at}: ${v} is above maximum ${spec.maximum}`);
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fieldsOf = (v: Record<string, unknown>, where: string) => {
    for (const [name, field] of Object.entries(spec.fields ?? {})) {
      if (v[name] === undefined) {
        if (field.required) out.push(`${where}: required field ${name} missing`);
      } else out.push(...problems(v[name], field, `${where}.${name}`));
    }
    for (const name of Object.keys(v)) if (spec.fields && !(name in spec.fields)) out.push(`${where}: unknown field ${name}`);
    if (spec.values) for (const [name, item] of Object.entries(v)) out.push(...problems(item, spec.values, `${where}.${name}`));
  };
  switch (spec.type) {
    case 'string':
      str(value, at);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: ${JSON.stringify(value)} is not a boolean`);
      break;
    case 'integer':
    case 'number':
      num(value, spec.type === 'integer');
      break;
    case 'stringList':
      if (!Array.isArray(value)) out.push(`${at}: ${JSON.stringify(value)} is not a list`);
      else value.forEach((item, i) => str(item, `${at}[${i}]`));
      break;
    case 'object':
      if (value === true && spec.allowTrue) break;
      if (!isObject(value)) out.push(`${at}: ${JSON.stringify(value)} is not an object`);
      else fieldsOf(value, at);
      break;
    case 'objectList':
      if (!Array.isArray(value)) out.push(`${at}: ${JSON.stringify(value)} is not a list`);
      else
        value.forEach((item, i) => {
          if (typeof item === 'string' && spec.itemsMayBeString) return;
          if (!isObject(item)) out.push(`${at}[${i}]: ${JSON.stringify(item)} is not an object`);
          else fieldsOf(item, `${at}[${i}]`);
        });
      break;
  }
  return out;
}

/** Ranges that no value can satisfy. */
function emptyRanges(spec: ValueSpec): string[] {
  const out: string[] = [];
  if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) out.push(`minimum ${spec.minimum} > maximum ${spec.maximum}`);
  if (spec.minLength !== undefined && spec.maxLength !== undefined && spec.minLength > spec.maxLength) out.push(`minLength ${spec.minLength} > maxLength ${spec.maxLength}`);
  return out;
}

describe('value specs: defaults and ranges', () => {
  const specs = everySpec();

  test('the walk reaches keys, object fields at depth and map values', () => {
    const paths = specs.map((s) => s.path);
    expect(paths).toContain(`${K.managedMcpServers}.oauth.callbackPort`);
    expect(paths).toContain(`${K.otlpHeaders}.values`);
    expect(specs.filter((s) => 'default' in s.spec && s.spec.default !== undefined).length).toBeGreaterThan(30);
  });

  test('every default (key or field) satisfies its own spec', () => {
    const bad = specs.flatMap(({ path, spec }) => ('default' in spec && spec.default !== undefined ? problems(spec.default, spec).map((p) => `${path} ${p}`) : []));
    expect(bad).toEqual([]);
  });

  test('every range can be met: minimum <= maximum, minLength <= maxLength', () => {
    const bad = specs.flatMap(({ path, spec }) => emptyRanges(spec).map((p) => `${path}: ${p}`));
    expect(bad).toEqual([]);
  });

  test('the checks catch the mistakes they guard against (the audit\'s, on copies of real specs)', () => {
    const level = getKey(K.otlpDesktopLogLevel);
    expect(problems('verbose', level)).toEqual([`default: "verbose" is not in enum ${JSON.stringify(level.enum)}`]);
    const bearer = getKey(K.inferenceGatewayOidc).fields?.['bearerTokenType'] as FieldSpec;
    expect(problems('refresh_token', bearer)).toHaveLength(1);
    const timeout = getKey(K.inferenceCredentialHelperTimeoutSec);
    expect(problems(900, timeout)).toHaveLength(1);
    expect(problems('60', timeout)).toHaveLength(1);
    expect(problems(['Bash', 'NoSuchTool'], getKey(K.disabledBuiltinTools))).toHaveLength(1);
    expect(problems('F5F5F5', getKey(K.banner).fields?.['backgroundColor'] as FieldSpec)).toHaveLength(1);
    expect(emptyRanges({ ...getKey(K.inferenceTokenWindowHours), minimum: 800 })).toHaveLength(1);
    expect(emptyRanges({ type: 'string', minLength: 3, maxLength: 2 })).toHaveLength(1);
  });
});

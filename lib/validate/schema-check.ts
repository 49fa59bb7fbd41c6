/**
 * Layer one of validation: the generated JSON Schema, checked by ajv, with every ajv error turned
 * into a finding a person can act on (path, what is wrong, how to fix it; secrets never echoed).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { allKnownNames, findLegacyName, FORMATS } from '../catalog';
import { buildProfileSchema } from '../catalog/json-schema';
import { kindOf } from '../encode';
import { formatPath, pointerToPath, type PathSegment } from '../profile/path';
import { finding, type Finding } from './findings';
import { specAt } from './spec-at';
import { closest } from './suggest';

let compiled: ValidateFunction | undefined;

/** The compiled profile validator (compiled once per process). */
export function profileValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv);
    compiled = ajv.compile(buildProfileSchema());
  }
  return compiled;
}

/** Options that suppress errors the migration already reported. */
export interface SchemaCheckOptions {
  /** Top-level settings names that were legacy names (reported as deprecations instead). */
  renamedKeys?: ReadonlySet<string>;
  /** Paths whose value was in a deprecated shape (reported as deprecations instead). */
  migratedPaths?: readonly PathSegment[][];
}

/** Checks a raw profile against the schema and translates the errors. */
export function schemaFindings(input: unknown, opts: SchemaCheckOptions = {}): Finding[] {
  const validate = profileValidator();
  if (validate(input)) return [];
  const errors = (validate.errors ?? []).filter((e) => !suppressed(e, opts));
  return translate(errors);
}

function suppressed(e: ErrorObject, opts: SchemaCheckOptions): boolean {
  const path = pointerToPath(e.instancePath);
  if (e.keyword === 'additionalProperties' && path.length === 1 && path[0] === 'settings') {
    return opts.renamedKeys?.has((e.params as { additionalProperty: string }).additionalProperty) ?? false;
  }
  return (opts.migratedPaths ?? []).some((p) => p.every((seg, i) => path[i] === seg));
}

function translate(errors: ErrorObject[]): Finding[] {
  // anyOf branches (secret string or {env}, string or object entry) produce one error per
  // branch; keep only the branch that matches the value's kind, or one type message.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const out: Finding[] = [];
  const seen = new Set<string>();
  const keptAt: string[] = [];
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const parent = anyOfs.find((a) => a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`));
    if (parent) {
      const branch = Number(e.schemaPath.slice(parent.schemaPath.length + 1).split('/')[0]);
      if (!branchMatchesValue(parent, branch)) continue;
    }
    keptAt.push(e.instancePath);
    const f = translateOne(e);
    const id = `${f.path}|${f.code}|${f.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(f);
    }
  }
  for (const a of anyOfs) {
    // No branch matched the value's kind at all: one message for the location.
    const path = pointerToPath(a.instancePath);
    if (keptAt.some((p) => p === a.instancePath || p.startsWith(`${a.instancePath}/`))) continue;
    const at = specAt(path);
    const expected = at.spec?.secret || at.key?.secret ? 'a string or {"env": "NAME"}' : at.spec?.allowTrue ? 'true or an object' : 'a string or an object';
    out.push(finding('wrong-type', 'error', path, `must be ${expected} (got ${kindOf(a.data)})`, undefined, at.key?.name));
  }
  return out;
}

function branchMatchesValue(parent: ErrorObject, branch: number): boolean {
  const branches = (parent.schema as { type?: string; const?: unknown; $ref?: string }[]) ?? [];
  const b = branches[branch];
  const v = parent.data;
  if (!b) return false;
  if (b.$ref) return typeof v === 'object' && v !== null && !Array.isArray(v);
  if ('const' in b) return v === b.const;
  if (b.type === 'string') return typeof v === 'string';
  if (b.type === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return false;
}

function translateOne(e: ErrorObject): Finding {
  const path = pointerToPath(e.instancePath);
  const at = specAt(path);
  const keyName = at.key?.name;
  const show = (v: unknown) => (at.secret ? '(secret value hidden)' : preview(v));
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const full = [...path, name];
      if (path.length === 1 && path[0] === 'settings') {
        const legacy = findLegacyName(name);
        if (legacy) return finding('deprecated-name', 'error', full, `${name} was renamed to ${legacy.key.name}`, `rename it to ${legacy.key.name}`, legacy.key.name);
        const guess = closest(name, allKnownNames());
        return finding('unknown-key', 'error', full, `${name} is not a Claude Desktop setting`, guess ? `did you mean ${guess}?` : 'run `claude-gateway-profile explain` to list the settings', guess);
      }
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const guess = closest(name, known);
      const where = path.length === 0 ? 'the profile' : formatPath(path);
      return finding('unknown-field', 'error', full, `${name} is not a field of ${where}`, guess ? `did you mean ${guess}?` : `known fields: ${known.join(', ')}`, keyName);
    }
    case 'required':
      return finding('missing-field', 'error', [...path, String(params.missingProperty)], `${String(params.missingProperty)} is required`, undefined, keyName);
    case 'type': {
      const expected = String(params.type);
      return finding('wrong-type', 'error', path, `must be ${article(expected)} (got ${kindOf(e.data)}${typeof e.data === 'string' && !at.secret ? ` ${preview(e.data)}` : ''})`, typeHint(expected, e.data), keyName);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return finding('not-allowed-value', 'error', path, `${show(e.data)} is not one of ${allowed.join(', ')}`, guess ? `did you mean ${guess}?` : undefined, keyName);
    }
    case 'const':
      return finding('not-allowed-value', 'error', path, `must be ${JSON.stringify(params.allowedValue)}`, undefined, keyName);
    case 'pattern':
      return patternFinding(path, e, at.secret, keyName);
    case 'propertyNames':
      return finding('bad-name', 'error', path, `${show(params.propertyName)} is not a valid name here`, undefined, keyName);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const spec = at.spec;
      const range = spec?.minimum !== undefined && spec.maximum !== undefined ? `between ${spec.minimum} and ${spec.maximum}` : e.keyword === 'minimum' ? `at least ${String(params.limit)}` : `at most ${String(params.limit)}`;
      return finding('out-of-range', 'error', path, `${show(e.data)} is out of range: must be ${range}`, undefined, keyName);
    }
    case 'minLength':
      return finding(Number(params.limit) === 1 ? 'empty-value' : 'too-short', 'error', path, Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`, keyName === 'inferenceGatewayApiKey' ? 'if the gateway needs no key, write any placeholder such as "unused"' : undefined, keyName);
    case 'maxLength':
      return finding('too-long', 'error', path, `is ${String((e.data as string).length)} characters long; at most ${String(params.limit)} allowed`, undefined, keyName);
    default:
      return finding('schema', 'error', path, e.message ?? 'is invalid', undefined, keyName);
  }
}

function patternFinding(path: PathSegment[], e: ErrorObject, secret: boolean, keyName: string | undefined): Finding {
  const at = specAt(path);
  const spec = at.spec;
  const value = e.data;
  const pattern = (e.params as { pattern: string }).pattern;
  const format = spec?.format ? FORMATS[spec.format] : undefined;
  const shown = secret ? '(secret value hidden)' : preview(value);
  if (format && format.pattern === pattern) {
    if (spec?.format === 'https-url' || spec?.format === 'https-origin' || spec?.format === 'proxy-url') {
      const str = String(value);
      if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(str)) return finding('url-credentials', 'error', path, 'the URL carries a user name or password', 'Claude Desktop refuses credentials inside URLs; put them in the credential keys instead', keyName);
      if (spec.format !== 'proxy-url' && /^http:\/\//i.test(str)) return finding('not-https', 'error', path, `${shown} is not an https:// URL`, 'Claude Desktop only accepts https://; change http:// to https://', keyName);
    }
    return finding('bad-format', 'error', path, `${shown} is not ${format.expected}`, format.hint, keyName);
  }
  if (spec?.patternHint) return finding('bad-format', 'error', path, `${shown} is not ${spec.patternHint}`, undefined, keyName);
  if (pattern.includes('\\r\\n')) return finding('control-character', 'error', path, 'contains a line break (CR or LF) or NUL character', 'header values must be one line; remove the line break', keyName);
  const metadataHints: Record<string, string> = {
    name: 'use letters, digits, ".", "_" and "-" only (it names files and folders), at most 64 characters',
    identifier: 'use reverse-DNS notation such as com.acme.claude',
    appVersion: 'write a Claude Desktop build such as 1.40609.0',
  };
  const field = path.length === 1 ? String(path[0]) : '';
  return finding('bad-format', 'error', path, `${shown} does not have the expected form`, metadataHints[field] ?? `must match ${pattern}`, keyName);
}

function article(type: string): string {
  const names: Record<string, string> = { boolean: 'a boolean (true or false)', integer: 'a whole number', number: 'a number', string: 'a string', array: 'a list (JSON array)', object: 'an object' };
  return names[type] ?? type;
}

function typeHint(expected: string, value: unknown): string | undefined {
  if (expected === 'boolean' && typeof value === 'string') return 'write true or false without quotes; the library turns it into Claude\'s "true"/"false" text';
  if ((expected === 'integer' || expected === 'number') && typeof value === 'string') return 'write the number without quotes, such as 3600';
  if (expected === 'array' && typeof value === 'string') return 'write a JSON array, not JSON text in a string; the library encodes it';
  if (expected === 'object' && typeof value === 'string') return 'write a JSON object, not JSON text in a string; the library encodes it';
  return undefined;
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Generates the profile JSON Schema (draft-07, for VS Code and ajv) from the catalogue.
 * `npm run generate` writes it to schemas/profile.schema.json; a test fails when that is stale.
 */
import { CATALOG, sectionTitle } from './index';
import { describeSince } from './version';
import { APP_VERSION_PATTERN, FORMATS, HEADER_VALUE_PATTERN, IDENTIFIER_PATTERN, PROFILE_NAME_PATTERN } from './formats';
import type { KeyDef, ValueSpec } from './types';

/** A JSON Schema object (loosely typed: this module only builds them). */
export type JsonSchema = { [keyword: string]: unknown };

const ENV_REF = '#/definitions/envRef';

/** The JSON Schema for one value spec. */
export function valueSchema(spec: ValueSpec, description?: string): JsonSchema {
  const s: JsonSchema = {};
  if (description) s.description = description;
  switch (spec.type) {
    case 'string':
      Object.assign(s, stringSchema(spec));
      break;
    case 'boolean':
      s.type = 'boolean';
      break;
    case 'integer':
    case 'number':
      s.type = spec.type;
      if (spec.minimum !== undefined) s.minimum = spec.minimum;
      if (spec.maximum !== undefined) s.maximum = spec.maximum;
      break;
    case 'stringList':
      s.type = 'array';
      s.items = stringSchema(spec);
      break;
    case 'object':
      if (spec.values) {
        s.type = 'object';
        const values = valueSchema(spec.values);
        // Header values may not carry CR, LF or NUL; say so wherever a map holds headers.
        if (spec.keyFormat === 'header-name') addPattern(values, HEADER_VALUE_PATTERN);
        s.additionalProperties = values;
        if (spec.keyFormat) s.propertyNames = { pattern: FORMATS[spec.keyFormat].pattern };
      } else {
        Object.assign(s, objectSchema(spec));
        if (spec.allowTrue) {
          const obj = { ...s };
          delete obj.description;
          for (const k of Object.keys(s)) if (k !== 'description') delete s[k];
          s.anyOf = [{ const: true }, obj];
        }
      }
      break;
    case 'objectList': {
      s.type = 'array';
      const item = objectSchema(spec);
      s.items = spec.itemsMayBeString ? { anyOf: [{ type: 'string', minLength: 1 }, item] } : item;
      break;
    }
  }
  if (spec.secret && spec.type === 'string') return { ...(description ? { description } : {}), anyOf: [withoutDescription(s), { $ref: ENV_REF }] };
  return s;
}

function stringSchema(spec: ValueSpec): JsonSchema {
  const s: JsonSchema = { type: 'string' };
  if (spec.enum) s.enum = [...spec.enum];
  if (spec.format) s.pattern = FORMATS[spec.format].pattern;
  if (spec.pattern) s.pattern = spec.pattern;
  if (spec.minLength !== undefined) s.minLength = spec.minLength;
  if (spec.maxLength !== undefined) s.maxLength = spec.maxLength;
  return s;
}

function objectSchema(spec: ValueSpec): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(spec.fields ?? {})) {
    const fs = valueSchema(field, field.description);
    if (field.default !== undefined) fs.default = field.default;
    properties[name] = fs;
    if (field.required) required.push(name);
  }
  const s: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length) s.required = required;
  return s;
}

function withoutDescription(s: JsonSchema): JsonSchema {
  const { description: _d, ...rest } = s;
  return rest;
}

/** The long description of a key for editors: what it does, type, section, providers, version. */
export function keyDocumentation(key: KeyDef): string {
  const providers = key.providers === 'all' ? 'all providers' : key.providers.join(', ');
  const parts = [
    key.description,
    `Section: ${sectionTitle(key.section)}. Applies to: ${providers}. Set by: ${availabilityText(key.availability)}. Since: ${describeSince(key.since)}.`,
  ];
  if (key.default !== undefined) parts.push(`Default: ${JSON.stringify(key.default)}.`);
  if (key.secret) parts.push('Secret: may be written as {"env": "NAME"}; never logged.');
  if (key.deprecated) parts.push(`Deprecated: ${key.deprecated}`);
  if (key.unconfirmed) parts.push(`Unconfirmed: ${key.unconfirmed}`);
  return parts.join(' ');
}

function availabilityText(a: KeyDef['availability']): string {
  return a === 'both' ? 'MDM and bootstrap' : a === 'mdm' ? 'MDM only' : 'bootstrap only';
}

/** Builds the whole profile schema. */
export function buildProfileSchema(): JsonSchema {
  const settings: JsonSchema = {};
  for (const key of CATALOG) {
    const ks = valueSchema(key, keyDocumentation(key));
    if (key.default !== undefined) ks.default = key.default;
    if (key.deprecated) ks.deprecated = true;
    settings[key.name] = ks;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/claude-gateway-profile/schemas/profile.schema.json',
    title: 'Claude Desktop gateway profile',
    description: 'One profile for claude-gateway-profile: metadata and Claude Desktop settings with native JSON values.',
    type: 'object',
    required: ['name', 'identifier', 'settings'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
      name: { type: 'string', pattern: PROFILE_NAME_PATTERN, description: 'Short name used for output folder and file names: letters, digits, ".", "_", "-" (at most 64).' },
      displayName: { type: 'string', minLength: 1, description: 'Name shown to users and admins (PayloadDisplayName). Defaults to name.' },
      organization: { type: 'string', description: 'Organisation shown in the profile (PayloadOrganization).' },
      description: { type: 'string', description: 'What the profile is for; shown in the profile description.' },
      identifier: { type: 'string', pattern: IDENTIFIER_PATTERN, description: 'Reverse-DNS identifier (PayloadIdentifier), such as com.acme.claude. Keep it stable: a new identifier installs a second profile.' },
      scope: { type: 'string', enum: ['machine', 'user'], default: 'machine', description: 'machine: HKLM and System profiles; user: HKCU and User profiles. Any HKLM value makes the app ignore HKCU.' },
      appVersion: { type: 'string', pattern: APP_VERSION_PATTERN, description: 'Oldest Claude Desktop build in the fleet, such as 1.40609.0; keys newer than it get a warning.' },
      settings: { type: 'object', additionalProperties: false, description: 'Claude Desktop settings by Claude\'s own key names, with native JSON values (true, 42, arrays, objects).', properties: settings },
    },
    definitions: {
      envRef: {
        type: 'object',
        description: 'A secret read from an environment variable at build time.',
        required: ['env'],
        additionalProperties: false,
        properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Name of the environment variable.' } },
      },
    },
  };
}

function addPattern(values: JsonSchema, pattern: string): void {
  const branches = values.anyOf as JsonSchema[] | undefined;
  const str = branches ? branches[0] : values;
  if (str) str.pattern = pattern;
}

/** The schema as the exact text committed in schemas/profile.schema.json. */
export function profileSchemaText(): string {
  return `${JSON.stringify(buildProfileSchema(), null, 2)}\n`;
}

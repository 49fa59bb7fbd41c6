/** `claude-gateway-profile explain [key] [--json]`: the catalogue, for people. */
import { allKnownNames, CATALOG, describeSince, exampleValue, findKey, findLegacyName, FORMATS, SECTIONS, type FieldSpec, type KeyDef, type ValueSpec } from '../catalog';
import { encodeValue } from '../encode';
import { closest } from '../validate/suggest';
import { parseArgs } from './args';
import { EXIT, UsageError, type CliIo } from './io';

const TYPE_NAMES: Record<KeyDef['type'], string> = {
  string: 'string',
  boolean: 'boolean',
  integer: 'integer',
  number: 'number',
  stringList: 'list of strings',
  object: 'object',
  objectList: 'list of objects',
};

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

function specLine(spec: ValueSpec): string {
  const parts = [TYPE_NAMES[spec.type]];
  if (spec.enum) parts.push(`one of ${spec.enum.join(', ')}`);
  if (spec.format) parts.push(FORMATS[spec.format].expected);
  if (spec.patternHint) parts.push(spec.patternHint);
  if (spec.minimum !== undefined || spec.maximum !== undefined) parts.push(`range ${spec.minimum ?? '…'} to ${spec.maximum ?? '…'}`);
  if (spec.maxLength !== undefined) parts.push(`at most ${spec.maxLength} characters`);
  if (spec.secret) parts.push('secret');
  return parts.join(', ');
}

function fieldLines(fields: Readonly<Record<string, FieldSpec>>, indent: string): string[] {
  const out: string[] = [];
  for (const [name, f] of Object.entries(fields)) {
    out.push(`${indent}${name}${f.required ? ' (required)' : ''}: ${specLine(f)}${f.default !== undefined ? `, default ${JSON.stringify(f.default)}` : ''}. ${f.description}`);
    if (f.fields) out.push(...fieldLines(f.fields, `${indent}  `));
  }
  return out;
}

/** The human-readable catalogue entry of one key. */
export function explainKey(key: KeyDef): string {
  const providers = key.providers === 'all' ? 'all providers' : key.providers.join(', ');
  const lines = [
    `${key.name}`,
    `  ${key.description}`,
    `  Type:       ${specLine(key)}${key.itemsMayBeString ? ' (an entry may also be a plain string)' : ''}`,
  ];
  if (key.fields) lines.push(`  ${key.type === 'objectList' ? 'Entry fields' : 'Fields'}:`, ...fieldLines(key.fields, '    '));
  if (key.values) lines.push(`  Values:     ${key.keyFormat ? `${FORMATS[key.keyFormat].expected} → ` : 'name → '}${specLine(key.values)}`);
  lines.push(
    `  Section:    ${SECTIONS.find((s) => s.id === key.section)?.title ?? key.section}`,
    `  Providers:  ${providers}`,
    `  Set by:     ${key.availability === 'both' ? 'MDM and bootstrap' : key.availability === 'mdm' ? 'MDM only' : 'bootstrap only'}`,
    `  Since:      ${describeSince(key.since)}`,
  );
  if (key.default !== undefined) lines.push(`  Default:    ${JSON.stringify(key.default)}`);
  lines.push(`  Secret:     ${key.secret ? 'yes (may be {"env": "NAME"}; masked in logs and summaries)' : 'no'}`);
  const example = exampleValue(key);
  lines.push(`  Encoding:   ${encodingText(key)}`, `  Example:    profile ${JSON.stringify(example)} → stored ${JSON.stringify(encodeValue(key.type, example, key.name))}`);
  for (const l of key.legacyNames ?? []) lines.push(`  Old name:   ${l.name}${l.cutoff ? ` (not read after ${l.cutoff.slice(0, 10)})` : ''}`);
  for (const s of key.deprecatedShapes ?? []) lines.push(`  Old shape:  ${s.shape}${s.cutoff ? ` (not read after ${s.cutoff.slice(0, 10)})` : ''}; the library migrates it`);
  for (const v of key.deprecatedValues ?? []) lines.push(`  Old value:  "${v.value}" → ${v.replacement}`);
  for (const v of key.deprecatedEnumValues ?? []) lines.push(`  Old value:  "${v.value}" → "${v.replacement}"`);
  if (key.beta) lines.push('  Beta:       yes');
  if (key.deprecated) lines.push(`  Deprecated: ${key.deprecated}`);
  if (key.unconfirmed) lines.push(`  Unconfirmed: ${key.unconfirmed}`);
  for (const n of key.notes ?? []) lines.push(`  Note:       ${n}`);
  return `${lines.join('\n')}\n`;
}

/** Every key by section, one line each. */
export function explainAll(): string {
  const lines: string[] = [`${CATALOG.length} Claude Desktop settings. \`explain <key>\` shows one.`, ''];
  for (const section of SECTIONS) {
    const keys = CATALOG.filter((k) => k.section === section.id);
    if (keys.length === 0) continue;
    lines.push(`${section.title}: ${section.description}`);
    const width = Math.max(...keys.map((k) => k.name.length));
    for (const k of keys) lines.push(`  ${k.name.padEnd(width)}  ${TYPE_NAMES[k.type].padEnd(15)} ${k.description}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function explainCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { json: 'boolean' });
  const json = args.flags.has('json');
  const [name, ...rest] = args.positional;
  if (rest.length) throw new UsageError('explain takes at most one key name');
  if (name === undefined) {
    io.stdout(json ? `${JSON.stringify(CATALOG, null, 2)}\n` : explainAll());
    return EXIT.ok;
  }
  const key = findKey(name);
  if (key) {
    io.stdout(json ? `${JSON.stringify(key, null, 2)}\n` : explainKey(key));
    return EXIT.ok;
  }
  const legacy = findLegacyName(name);
  if (legacy) {
    const when = legacy.legacy.cutoff ? `; Claude Desktop stopped reading the old name on ${legacy.legacy.cutoff.slice(0, 10)}` : '';
    io.stdout(json ? `${JSON.stringify({ oldName: name, replacedBy: legacy.key.name, cutoff: legacy.legacy.cutoff, key: legacy.key }, null, 2)}\n` : `${name} was replaced by ${legacy.key.name}${when}. Write ${legacy.key.name} instead.\n\n${explainKey(legacy.key)}`);
    return EXIT.ok;
  }
  const guess = closest(name, allKnownNames());
  throw new UsageError(`${name} is not a Claude Desktop setting${guess ? ` (did you mean ${guess}?)` : ''}`);
}

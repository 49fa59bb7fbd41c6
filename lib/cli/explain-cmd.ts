/** `claude-gateway-profile explain [key] [--json]`: the catalogue, for people. */
import { allKnownNames, CATALOG, findKey, findLegacyName, SECTIONS, type KeyDef } from '../catalog';
import { describeKey, factText, TYPE_NAMES } from '../docs/key-description';
import { cutoffWording } from '../migrate';
import { closest } from '../validate/suggest';
import { referenceTime } from './clock';
import { parseArgs } from './args';
import { EXIT, UsageError, type CliIo } from './io';
import { usageJsonFinding, type FailureCode } from './usage-json';

export const FLAGS = { json: 'boolean' } as const;

/** The human-readable catalogue entry of one key (the facts of {@link describeKey}, as text). */
export function explainKey(key: KeyDef): string {
  const d = describeKey(key);
  const lines = [d.name, `  ${d.description}`, `  Type:       ${d.type}`];
  if (d.fields.length) {
    lines.push(`  ${d.fieldsLabel}:`);
    for (const f of d.fields) lines.push(`${'  '.repeat(f.depth + 2)}${f.name}${f.required ? ' (required)' : ''}: ${f.spec}${f.default !== undefined ? `, default ${f.default}` : ''}. ${f.description}`);
  }
  // Labels line up in a column after the longest usual one ("Deprecated:"); longer ones just follow.
  for (const f of d.facts) lines.push(`  ${`${f.label}:`.padEnd(11)} ${factText(f)}`);
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
  const args = parseArgs(argv, FLAGS);
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
    // The tense depends on the moment (SOURCE_DATE_EPOCH or the clock), as in validate's finding.
    const when = legacy.legacy.cutoff ? `; ${cutoffWording(legacy.legacy.cutoff, referenceTime(io.env), 'the old name')}` : '';
    io.stdout(json ? `${JSON.stringify({ oldName: name, replacedBy: legacy.key.name, cutoff: legacy.legacy.cutoff, key: legacy.key }, null, 2)}\n` : `${name} was replaced by ${legacy.key.name}${when}. Write ${legacy.key.name} instead.\n\n${explainKey(legacy.key)}`);
    return EXIT.ok;
  }
  const guess = closest(name, allKnownNames());
  throw new UsageError(`${name} is not a Claude Desktop setting${guess ? ` (did you mean ${guess}?)` : ''}`);
}

/** `explain --json` after a usage error (an unknown key name, a stray argument): `findings` says why. */
export function usageJson(_argv: readonly string[], message: string, code?: FailureCode): object {
  return { ok: false, findings: [usageJsonFinding(message, code)] };
}

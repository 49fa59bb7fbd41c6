/** docs/check-json.md lists every code the check rules can produce, and every kind. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_RULES, CROSS_FILE_RULES } from '../../lib/check/rules';
import { ALL_KINDS } from '../../lib/read/detect';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'check-json.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'check-result.schema.json'), 'utf8')) as { definitions: { kind: { enum: string[] } } };

test('every rule code is documented', () => {
  const codes = [...ARTIFACT_RULES, ...CROSS_FILE_RULES].flatMap((r) => r.codes);
  const extra = ['unknown-kind', 'unreadable-file', 'invalid-json-text', 'undecodable-value', 'key-typo', 'import-literal-secret', 'import-unknown-key', 'import-value-left-out', 'import-dotted-key', 'import-no-identifier', 'too-deep', 'integer-too-large', 'not-importable', 'nothing-to-import', 'utf16-cut-short', 'unreadable-signature', 'internal-error'];
  for (const code of [...codes, ...extra]) expect({ code, documented: doc.includes(`\`${code}\``) }).toEqual({ code, documented: true });
});

/** The `.ts` files under a folder of lib/, recursively. */
function sources(dir: string): string[] {
  const root = join(__dirname, '..', '..', 'lib', dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(root, f));
}

test('every code the validator, the migration, import, diff, build and signing can report is documented', () => {
  const found = new Set<string>();
  for (const file of ['validate', 'migrate', 'import', 'diff', 'build', 'cli', 'profile', 'sign'].flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bfinding\(\s*'([a-z0-9-]+)'/g)) found.add(m[1] as string);
    // build reports a SigningError as `signing-<its code>` (lib/build/index.ts).
    for (const m of text.matchAll(/\bnew SigningError\(\s*'([a-z0-9-]+)'/g)) found.add(`signing-${m[1] as string}`);
  }
  expect(found.size).toBeGreaterThan(55);
  for (const code of found) expect({ code, documented: doc.includes(`\`${code}\``) }).toEqual({ code, documented: true });
});

test('every kind is documented and in the schema', () => {
  for (const kind of ALL_KINDS) {
    expect({ kind, documented: doc.includes(`\`${kind}\``) }).toEqual({ kind, documented: true });
    expect(schema.definitions.kind.enum).toContain(kind);
  }
});

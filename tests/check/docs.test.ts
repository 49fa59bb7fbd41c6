/** docs/check-json.md lists every code the check rules can produce, and every kind. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_RULES, CROSS_FILE_RULES } from '../../lib/check/rules';
import { ALL_KINDS } from '../../lib/read/detect';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'check-json.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'check-result.schema.json'), 'utf8')) as { definitions: { kind: { enum: string[] } } };

test('every rule code is documented', () => {
  const codes = [...ARTIFACT_RULES, ...CROSS_FILE_RULES].flatMap((r) => r.codes);
  const extra = ['unknown-kind', 'unreadable-file', 'invalid-json-text', 'undecodable-value', 'key-typo', 'import-literal-secret', 'import-unknown-key', 'import-value-left-out', 'import-dotted-key', 'import-no-identifier'];
  for (const code of [...codes, ...extra]) expect({ code, documented: doc.includes(`\`${code}\``) }).toEqual({ code, documented: true });
});

test('every kind is documented and in the schema', () => {
  for (const kind of ALL_KINDS) {
    expect({ kind, documented: doc.includes(`\`${kind}\``) }).toEqual({ kind, documented: true });
    expect(schema.definitions.kind.enum).toContain(kind);
  }
});

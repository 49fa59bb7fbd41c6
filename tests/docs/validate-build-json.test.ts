/**
 * docs/check-json.md describes the findings `validate --json` and `build --json` print: every
 * field they actually print is named there, in the sentence about those two verbs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { K } from '../support/keys';
import { ROOT } from '../support/examples';

const doc = readFileSync(join(ROOT, 'docs', 'check-json.md'), 'utf8');
const section = doc.slice(doc.indexOf('`build --json` and `validate --json`'), doc.indexOf('| Code |', doc.indexOf('`build --json` and `validate --json`')));

test('the section exists', () => {
  expect(section.length).toBeGreaterThan(200);
});

test('every field of validate and build findings is documented', async () => {
  const bad = JSON.stringify({ name: 'x', identifier: 'com.example.x', settings: { [K.inferenceProvider]: 'nope', [K.inferenceGatewayBaseUrl]: 'http://plain.example' } });
  const dir = mkdtempSync(join(tmpdir(), 'cgp-docjson-'));
  try {
    writeFileSync(join(dir, 'p.json'), bad);
    const v = JSON.parse((await runCli(['validate', 'p.json', '--json'], { cwd: dir })).stdout) as { files: { findings: Record<string, unknown>[] }[] };
    const b = JSON.parse((await runCli(['build', 'p.json', '--out', 'o', '--json'], { cwd: dir })).stdout) as { findings: Record<string, unknown>[] };
    const findings = [...(v.files[0]?.findings ?? []), ...b.findings];
    expect(findings.length).toBeGreaterThanOrEqual(4);
    const fields = new Set(findings.flatMap((f) => Object.keys(f)));
    expect(fields).toContain('hint');
    for (const field of fields) expect({ field, documented: section.includes(`\`${field}\``) }).toEqual({ field, documented: true });
    for (const field of ['ok', 'files', 'out', 'profiles', 'findings']) expect({ field, documented: section.includes(`"${field}"`) }).toEqual({ field, documented: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every field of a built profile and of its files in build --json is documented', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cgp-docjson-'));
  try {
    const r = await runCli(['build', join(ROOT, 'examples', 'bedrock.profile.json'), '--out', 'o', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { profiles: (Record<string, unknown> & { files: Record<string, unknown>[] })[] };
    const profileFields = new Set(body.profiles.flatMap((p) => Object.keys(p)));
    const fileFields = new Set(body.profiles.flatMap((p) => p.files.flatMap((f) => Object.keys(f))));
    expect(fileFields).toContain('containsSecrets');
    for (const field of [...profileFields, ...fileFields]) expect({ field, documented: section.includes(`"${field}"`) }).toEqual({ field, documented: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

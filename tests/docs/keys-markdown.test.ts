import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../lib';
import { CATALOG, SECTIONS } from '../../lib/catalog';
import { explainKey } from '../../lib/cli/explain-cmd';
import { describeKey, factText } from '../../lib/docs/key-description';
import { keysDocView, keysMarkdown, KEYS_DOC_PATH } from '../../lib/docs/keys-markdown';
import { mdAnchor } from '../../lib/escape/markdown';
import { checkViewModel, ViewModelError } from '../../lib/render/template';

const ROOT = join(__dirname, '..', '..');
const committed = readFileSync(join(ROOT, ...KEYS_DOC_PATH.split('/')), 'utf8');
const lines = committed.split('\n');

/** The cells of a GFM table row: split on pipes that no backslash escapes, edges dropped. */
function cells(row: string): string[] {
  return row.trim().slice(1, -1).split(/(?<!\\)\|/);
}

/** Plain text of a heading line: `## x` / `### \`x\`` without the hashes and code backticks. */
function headingText(line: string): string {
  return line.replace(/^#+ /, '').replace(/`/g, '');
}

describe(`${KEYS_DOC_PATH}, the key reference`, () => {
  test('the committed file is what the catalogue generates now (else: npm run generate)', () => {
    expect(committed).toBe(keysMarkdown());
  });

  test('the package entry point exports the generator and the per-key description', () => {
    expect(api.keysMarkdown()).toBe(committed);
    const first = CATALOG[0]!;
    expect(api.describeKey(first)).toEqual(describeKey(first));
  });

  test('every catalogue key has one entry, under its section, and one row in that section\'s table', () => {
    const headings = lines.filter((l) => l.startsWith('### ')).map(headingText);
    expect(headings).toEqual(SECTIONS.flatMap((s) => CATALOG.filter((k) => k.section === s.id).map((k) => k.name)));
    for (const key of CATALOG) {
      const rows = lines.filter((l) => l.startsWith('| [') && cells(l)[0]?.includes(`\`${key.name}\``));
      expect({ key: key.name, rows: rows.length }).toEqual({ key: key.name, rows: 1 });
    }
    // Each key's entry lies between its section's heading and the next section's.
    let section = '';
    for (const l of lines) {
      if (l.startsWith('## ')) section = headingText(l);
      if (l.startsWith('### ')) {
        const key = CATALOG.find((k) => k.name === headingText(l));
        expect({ key: key?.name, section }).toEqual({ key: key?.name, section: SECTIONS.find((s) => s.id === key?.section)?.title });
      }
    }
  });

  test('every table row has as many cells as its header (no value adds a column)', () => {
    let width = 0;
    let checked = 0;
    for (const [i, l] of lines.entries()) {
      if (!l.startsWith('|')) {
        width = 0;
        continue;
      }
      if (width === 0) width = cells(l).length;
      else {
        expect({ line: i + 1, cells: cells(l).length }).toEqual({ line: i + 1, cells: width });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(CATALOG.length);
  });

  test('every in-page link goes to a heading, and no two headings share an anchor', () => {
    const anchors = lines.filter((l) => /^#{1,6} /.test(l)).map((l) => mdAnchor(headingText(l)));
    expect(new Set(anchors).size).toBe(anchors.length);
    const targets = [...committed.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(CATALOG.length);
    expect(targets.filter((t) => !anchors.includes(t as string))).toEqual([]);
  });

  test('each entry says what explain says, fact by fact', () => {
    for (const key of CATALOG) {
      const explained = explainKey(key);
      const d = describeKey(key);
      for (const f of d.facts) expect(explained).toContain(`${f.label}:`.padEnd(11) + ` ${factText(f)}`);
      const entry = committed.slice(committed.indexOf(`### \`${key.name}\`\n`));
      const end = entry.indexOf('\n#', 1);
      const body = end === -1 ? entry : entry.slice(0, end);
      for (const f of d.facts) expect(body).toContain(`- **${f.label}:** `);
      for (const field of d.fields) expect(body).toContain(`\`${field.path}\``);
    }
  });

  test('every retired name is listed with the key that replaced it', () => {
    const retired = CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => ({ old: l.name, now: k.name })));
    expect(retired.length).toBeGreaterThan(0);
    const section = committed.slice(committed.indexOf('\n## Retired names\n'));
    for (const r of retired) {
      const row = section.split('\n').find((l) => l.startsWith(`| \`${r.old}\` |`));
      expect(row).toContain(`[\`${r.now}\`](#${mdAnchor(r.now)})`);
    }
  });

  test('the view check refuses an anchor that could break out of a link', () => {
    const view = keysDocView();
    expect(() => checkViewModel('keys-md', view)).not.toThrow();
    const bad = { ...view, sections: view.sections.map((s, i) => (i === 0 ? { ...s, anchor: 'x) [evil](https://example.com' } : s)) };
    expect(() => checkViewModel('keys-md', bad)).toThrow(ViewModelError);
  });
});

describe('mdAnchor (GitHub heading anchors)', () => {
  test.each([
    ['LLM gateway', 'llm-gateway'],
    ['Telemetry and OpenTelemetry', 'telemetry-and-opentelemetry'],
    ['Retired names', 'retired-names'],
    ['A & B: c/d', 'a--b-cd'],
    ['snake_case and-hyphen', 'snake_case-and-hyphen'],
    ['Café 2', 'café-2'],
  ])('%j → %j', (heading, anchor) => {
    expect(mdAnchor(heading)).toBe(anchor);
  });
});

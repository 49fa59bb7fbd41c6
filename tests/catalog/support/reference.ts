/**
 * The key reference the catalogue is checked against (tests/fixtures/reference/claude-3p-keys.md,
 * the copy of /work/shared/reference/claude-3p-keys.md), read the way the catalogue tests need it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const reference = readFileSync(join(__dirname, '..', '..', 'fixtures', 'reference', 'claude-3p-keys.md'), 'utf8');

/** The text from the line matching `title` up to the next line matching `until` (or the end). */
export function section(title: RegExp, until: RegExp): string {
  const start = reference.search(title);
  if (start === -1) throw new Error(`the reference has no section ${title}`);
  const rest = reference.slice(start + 1);
  const end = rest.search(until);
  return rest.slice(0, end === -1 ? undefined : end);
}

/** One row of a §1 key table: the key name and its cells by column title. */
export interface ReferenceRow {
  readonly name: string;
  /** The `### 1.x` heading of its table. */
  readonly table: string;
  readonly cells: { readonly [column: string]: string };
}

/**
 * Every row of the §1 key tables (§1.1 to §1.12) whose first cell is a key name in backticks.
 * Cells are split at `|`; a row with more or fewer cells than its header throws, so a `|` inside
 * a cell cannot silently shift the columns.
 */
export function tableRows(): ReferenceRow[] {
  const body = section(/^## 1\. Key reference/m, /^### 1b\./m);
  const rows: ReferenceRow[] = [];
  let table = '';
  let header: string[] | undefined;
  const cellsOf = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  for (const line of body.split('\n')) {
    if (line.startsWith('### ')) {
      table = line.slice(4).trim();
      header = undefined;
    } else if (line.startsWith('| Key |')) {
      header = cellsOf(line);
    } else {
      const m = /^\| `([A-Za-z][A-Za-z0-9]*)` \|/.exec(line);
      if (!m) continue;
      const cells = cellsOf(line);
      if (!header || cells.length !== header.length) throw new Error(`reference table ${table}: row ${m[1]} has ${cells.length} cells, its header ${header?.length ?? 'none'}`);
      rows.push({ name: m[1] as string, table, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] as string])) });
    }
  }
  return rows;
}

/** Key names in the first column of the §1 tables. */
export function tableKeyNames(): string[] {
  return tableRows().map((r) => r.name);
}

/** Keys the reference lists that apply only to Anthropic's own cloud sign-in (excluded from the catalogue on purpose). */
export const FIRST_PARTY_ONLY = ['secureVmFeaturesEnabled', 'forceLoginOrgUUID'];

/**
 * Guard: the catalogue's secret marking agrees with the reference's Secret column.
 *
 * Masking in logs, messages, DEPLOY.md and manifest.json is driven only by the catalogue's
 * `secret` flags, and the secrets tests walk whatever the catalogue marks: a flag dropped from a
 * key the reference calls sensitive is noticed by nothing else, and the value is then printed in
 * DEPLOY.md (audit H1). So every row of the §1 key tables is compared with the catalogue, in both
 * directions, and so are the secret-bearing keys of §1b and the secret fields §3 names.
 */
import { findKey, findLegacyName, type KeyDef, type KeyName, type ValueSpec } from '../../lib/catalog';
import { FIRST_PARTY_ONLY, reference, section, tableRows } from './support/reference';
import { innerSpecs } from './support/specs';

/**
 * Where the catalogue deliberately differs from the reference's Secret column, with the reason.
 * Empty today: every row agrees. An entry needs a reason a reviewer can check against the
 * reference, and the test below fails when an entry no longer differs (so the list cannot rot).
 */
const DELIBERATE: { readonly [N in KeyName]?: string } = {};

/** The reference's Secret cell as a verdict: `yes`/`YES` or "… sensitive …" is secret, `no …` is not. */
function verdict(cell: string): boolean | undefined {
  if (/^yes\b/i.test(cell)) return true;
  if (/^no\b/i.test(cell)) return false; // "no (path to a secret file)": the path is not the secret
  if (/\bsensitive\b/i.test(cell)) return true; // "KS marks sensitive (may hold user identity)"
  return undefined;
}

/** Whether a spec inside the key (an object field, map values, at any depth) is marked secret. */
function hasInnerSecret(key: KeyDef): boolean {
  return innerSpecs(key, key, key.name).some((s) => s.spec.secret === true);
}

/** Whether the key's marking matches the reference's verdict (secret: the key flag; not secret: no flag anywhere). */
function agrees(key: KeyDef, secret: boolean): boolean {
  return secret ? key.secret : !key.secret && !hasInnerSecret(key);
}

/** The current key a reference name stands for (a legacy name stands for its replacement). */
function catalogueKey(name: string): KeyDef | undefined {
  return findKey(name) ?? findLegacyName(name)?.key;
}

/** What the reference says per catalogue key: secret or not, and the rows that say it. */
function referenceVerdicts(): { verdicts: Map<string, { secret: boolean; from: string[] }>; unreadable: string[] } {
  const verdicts = new Map<string, { secret: boolean; from: string[] }>();
  const unreadable: string[] = [];
  const record = (name: string, secret: boolean, from: string) => {
    const key = catalogueKey(name);
    if (!key) return; // first-party-only keys; the coverage test in catalog.test.ts owns the rest
    const seen = verdicts.get(key.name);
    if (seen && seen.secret !== secret) unreadable.push(`${key.name}: ${seen.from.join(', ')} and ${from} disagree`);
    verdicts.set(key.name, { secret: seen?.secret === true || secret, from: [...(seen?.from ?? []), from] });
  };
  for (const row of tableRows()) {
    const cell = row.cells['Secret'];
    if (cell === undefined) continue; // §1.12 (first-party keys) has no Secret column
    const v = verdict(cell);
    if (v === undefined) unreadable.push(`${row.name} (${row.table}): "${cell}"`);
    else record(row.name, v, `${row.table}: "${cell}"`);
  }
  // §1b lists later keys in prose; the secret ones say "(secret-bearing)".
  for (const m of section(/^### 1b\./m, /^### 1c\./m).matchAll(/`([a-z][A-Za-z0-9]*)` [^;`]*\(secret-bearing\)/g)) {
    record(m[1] as string, true, '§1b: "secret-bearing"');
  }
  return { verdicts, unreadable };
}

describe('secret marking follows the reference (tests/fixtures/reference/claude-3p-keys.md)', () => {
  const { verdicts, unreadable } = referenceVerdicts();

  test('every Secret cell of the key tables reads as yes or no, and the rows agree', () => {
    expect(unreadable).toEqual([]);
    // Most table rows, and every secret one, were read (a parsing slip would shrink these).
    expect(verdicts.size).toBeGreaterThan(80);
    expect([...verdicts].filter(([, v]) => v.secret).length).toBeGreaterThanOrEqual(9);
    expect(FIRST_PARTY_ONLY.filter((n) => verdicts.has(n))).toEqual([]);
  });

  test('a key the reference marks secret (yes, YES, sensitive, secret-bearing) has secret: true', () => {
    const unmarked = [...verdicts]
      .filter(([name, v]) => v.secret && !agrees(findKey(name) as KeyDef, true) && DELIBERATE[name as KeyName] === undefined)
      .map(([name, v]) => `${name} (${v.from.join('; ')})`);
    expect(unmarked).toEqual([]);
  });

  test('a key the reference marks not secret has no secret marking, on the key or inside it', () => {
    const marked = [...verdicts]
      .filter(([name, v]) => !v.secret && !agrees(findKey(name) as KeyDef, false) && DELIBERATE[name as KeyName] === undefined)
      .map(([name, v]) => `${name} (${v.from.join('; ')})`);
    expect(marked).toEqual([]);
  });

  test('every deliberate difference is still a difference, on a key the reference rates', () => {
    const stale = Object.keys(DELIBERATE).filter((name) => {
      const v = verdicts.get(name);
      const key = findKey(name);
      return !v || !key || agrees(key, v.secret);
    });
    expect(stale).toEqual([]);
  });

  test('the secret fields §3 names are marked secret (on the field or its map values)', () => {
    const missing: string[] = [];
    let named = 0;
    for (const part of reference.split(/^(?=### 3\.)/m).filter((p) => p.startsWith('### 3.'))) {
      const keyName = /^### 3\.\d+ `([A-Za-z0-9]+)`/.exec(part)?.[1];
      const line = /Secrets: ([^\n]*)/.exec(part)?.[1];
      if (!keyName || !line) continue;
      const key = findKey(keyName);
      if (!key) {
        missing.push(`${keyName}: not a catalogue key`);
        continue;
      }
      for (const [, path] of line.matchAll(/`([A-Za-z0-9.]+)`/g)) {
        named++;
        let spec: ValueSpec | undefined = key;
        for (const seg of (path as string).split('.')) spec = spec?.fields?.[seg];
        if (spec?.secret !== true && spec?.values?.secret !== true) missing.push(`${key.name}.${path as string}`);
      }
    }
    expect(named).toBeGreaterThanOrEqual(3);
    expect(missing).toEqual([]);
  });
});

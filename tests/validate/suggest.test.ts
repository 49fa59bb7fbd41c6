/**
 * Did-you-mean is bounded (fuzz audit, finding 3: one megabyte-long unknown key took 15 s, 20,000
 * unknown keys 23 s, a million more than 120 s): ordinary typos get exactly the suggestions they
 * got before (the previous full Levenshtein search is kept here as the oracle), while the work a
 * hostile file costs is counted (`suggestWork.distances`) and stays within the per-file cap.
 */
import { checkArtifact } from '../../lib/check';
import { importArtifact } from '../../lib/import';
import { CATALOG, knownNames } from '../../lib/catalog';
import { UNKNOWN_KEYS_LISTED } from '../../lib/validate/schema-check';
import { closest, editDistance, suggester, suggestWork, SUGGESTIONS_PER_FILE } from '../../lib/validate/suggest';
import { validateProfile } from '../../lib/validate';
import { K } from '../support/keys';
import { seededRandom } from '../support/seeded-random';

const NOW = new Date('2026-11-25T12:00:00Z');

/** The search as it was: a full edit distance to every candidate, the first of the nearest wins. */
function oracleDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length] ?? 0;
}
function oracleClosest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === word.toLowerCase()) return c;
    const d = oracleDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** `word` with `n` random edits (insert, delete, replace, swap), case changes included. */
function typo(word: string, n: number, rnd: () => number): string {
  let w = word;
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (w.length + 1));
    const ch = letters[Math.floor(rnd() * letters.length)] as string;
    const op = Math.floor(rnd() * 4);
    if (op === 0) w = w.slice(0, at) + ch + w.slice(at);
    else if (op === 1 && w.length > 0) w = w.slice(0, at) + w.slice(at + 1);
    else if (op === 2 && w.length > 0) w = w.slice(0, at) + ch + w.slice(at + 1);
    else if (w.length > at + 1) w = w.slice(0, at) + (w[at + 1] as string) + (w[at] as string) + w.slice(at + 2);
  }
  return rnd() < 0.2 ? w.toUpperCase() : w;
}

describe('the same suggestions as the full search', () => {
  test('for every known name with up to 4 random edits, and for random words', () => {
    const rnd = seededRandom(20261125);
    const names = knownNames();
    const enums = [...new Set(CATALOG.flatMap((k) => k.enum ?? []).map(String))];
    let suggested = 0;
    for (const name of names) {
      for (let n = 0; n <= 4; n++) {
        const word = typo(name, n, rnd);
        const got = closest(word, names);
        expect({ word, got }).toEqual({ word, got: oracleClosest(word, names) });
        if (got !== undefined) suggested++;
      }
    }
    for (let i = 0; i < 400; i++) {
      const word = typo('', 1 + Math.floor(rnd() * 30), rnd);
      expect({ word, got: closest(word, names) }).toEqual({ word, got: oracleClosest(word, names) });
      const value = typo(enums[Math.floor(rnd() * enums.length)] as string, Math.floor(rnd() * 3), rnd);
      expect({ value, got: closest(value, enums) }).toEqual({ value, got: oracleClosest(value, enums) });
    }
    // The cases above are mostly near misses: most of them must find their name.
    expect(suggested).toBeGreaterThan(names.length * 3);
  });

  test('editDistance is still the full edit distance', () => {
    const rnd = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const a = typo('', Math.floor(rnd() * 20), rnd);
      const b = typo(a, Math.floor(rnd() * 6), rnd);
      expect({ a, b, d: editDistance(a, b) }).toEqual({ a, b, d: oracleDistance(a, b) });
    }
  });
});

describe('bounded work', () => {
  const counted = <T>(run: () => T): { result: T; distances: number } => {
    const before = suggestWork.distances;
    const result = run();
    return { result, distances: suggestWork.distances - before };
  };

  test('a name far longer than every candidate costs no comparison', () => {
    const long = `${K.mcpToolTimeoutSec.slice(0, 14)}${' '.repeat(1_000_000)}Sec`;
    const { result, distances } = counted(() => closest(long, knownNames()));
    expect({ result, distances }).toEqual({ result: undefined, distances: 0 });
  });

  test('a 1 MB managed-settings file with one long unknown key: checked and imported without a comparison', () => {
    const file = Buffer.from(JSON.stringify({ [K.inferenceProvider]: 'gateway', [`${K.mcpToolTimeoutSec}${' '.repeat(1_000_000)}`]: '5' }));
    const t = Date.now();
    const checked = counted(() => checkArtifact(file, 'managed-settings.json', { now: NOW }));
    expect(checked.distances).toBe(0);
    expect(checked.result.findings.map((f) => f.code)).toContain('unknown-key');
    const imported = counted(() => importArtifact(file, { fileName: 'managed-settings.json', now: NOW }));
    expect(imported.distances).toBe(0);
    expect(imported.result.warnings.map((f) => f.code)).toContain('import-unknown-key');
    // It took 15 s for check alone.
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('20,000 unknown keys: at most SUGGESTIONS_PER_FILE searches per file, each key still reported up to the listing limit', () => {
    const settings: Record<string, string> = { [K.inferenceProvider]: 'gateway' };
    // The first unknown name is a typo: it is among the searched ones and gets its suggestion.
    settings[`${K.inferenceGatewayBaseUrl}x`] = 'x';
    for (let i = 0; i < 20_000; i++) settings[`acmeSetting${i}`] = 'v';
    const file = Buffer.from(JSON.stringify(settings));
    const perSearch = knownNames().length;
    const t = Date.now();
    const checked = counted(() => checkArtifact(file, 'managed-settings.json', { now: NOW }));
    expect(checked.distances).toBeGreaterThan(0);
    expect(checked.distances).toBeLessThanOrEqual(SUGGESTIONS_PER_FILE * perSearch);
    const findings = checked.result.findings;
    expect(findings.filter((f) => f.code === 'key-typo').map((f) => f.hint)).toEqual([`did you mean ${K.inferenceGatewayBaseUrl}?`]);
    // The first UNKNOWN_KEYS_LISTED unknown keys are listed, the rest counted in one finding at the root.
    const unknown = findings.filter((f) => f.code === 'unknown-key' || f.code === 'key-typo');
    expect(unknown).toHaveLength(UNKNOWN_KEYS_LISTED + 1);
    expect(unknown.at(-1)).toMatchObject({ code: 'unknown-key', severity: 'warning', path: '(root)', message: `${20_001 - UNKNOWN_KEYS_LISTED} more keys are not Claude Desktop settings (only the first ${UNKNOWN_KEYS_LISTED} are listed)` });

    const imported = counted(() => importArtifact(file, { fileName: 'managed-settings.json', now: NOW }));
    expect(imported.distances).toBeLessThanOrEqual(SUGGESTIONS_PER_FILE * perSearch);
    const left = imported.result.warnings.filter((f) => f.code === 'import-unknown-key');
    expect(left).toHaveLength(UNKNOWN_KEYS_LISTED + 1);
    expect(left[0]?.hint).toBe(`did you mean ${K.inferenceGatewayBaseUrl}? If so, set ${K.inferenceGatewayBaseUrl} in the profile`);
    expect(left.at(-1)).toMatchObject({ path: '(file)', message: `${20_001 - UNKNOWN_KEYS_LISTED} more keys are not Claude Desktop settings and were left out (only the first ${UNKNOWN_KEYS_LISTED} are listed)` });
    // check and import took 23 s and 24 s.
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('validate: a profile lists UNKNOWN_KEYS_LISTED unknown keys, then counts the rest', () => {
    const settings: Record<string, string> = { [K.inferenceProvider]: 'gateway' };
    for (let i = 0; i < UNKNOWN_KEYS_LISTED + 5; i++) settings[`acmeSetting${i}`] = 'v';
    const found = validateProfile({ name: 'p', identifier: 'com.example.p', settings }, { now: NOW }).findings.filter((f) => f.code === 'unknown-key');
    expect(found).toHaveLength(UNKNOWN_KEYS_LISTED + 1);
    expect(found.at(-1)).toMatchObject({ severity: 'error', path: 'settings', message: `5 more keys are not Claude Desktop settings (only the first ${UNKNOWN_KEYS_LISTED} are listed)` });
  });

  test('suggester: the first SUGGESTIONS_PER_FILE searches are made, later ones give nothing', () => {
    const suggest = suggester();
    const word = K.inferenceProvider.slice(0, -1);
    for (let i = 0; i < SUGGESTIONS_PER_FILE; i++) expect(suggest(word, knownNames())).toBe(K.inferenceProvider);
    expect(counted(() => suggest(word, knownNames()))).toEqual({ result: undefined, distances: 0 });
  });
});

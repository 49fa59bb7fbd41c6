/**
 * docs/maintaining.md is a procedure: every file it tells a maintainer to edit, and every npm script
 * it tells them to run, must exist, and `catalog:sync` must run the two generators in the order the
 * corpus needs (the corpus generator reads the compiled catalogue `generate` just built). The README
 * states no key count that the catalogue has outgrown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../lib/catalog';
import { ROOT } from '../support/examples';

const page = readFileSync(join(ROOT, 'docs', 'maintaining.md'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('docs/maintaining.md', () => {
  test('every repository path it names in backticks exists', () => {
    const paths = [...page.matchAll(/`((?:lib|tests|scripts|schemas|generated|docs|examples)\/[^`\s*<>]+)`/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(join(ROOT, p.replace(/\/$/, ''))))).toEqual([]);
  });

  test('every npm script it names exists', () => {
    const named = [...new Set([...page.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((m) => m[1] as string))];
    expect(named).toEqual(expect.arrayContaining(['catalog:sync', 'generate', 'build']));
    expect(named.filter((n) => scripts[n] === undefined)).toEqual([]);
  });

  test('catalog:sync runs generate first, then the corpus generator the page names', () => {
    expect(scripts['catalog:sync']).toBe('npm run generate && node tests/fixtures/bad/make-corpus.js');
    expect(page).toContain(`npm run catalog:sync    # = ${scripts['catalog:sync']}`);
  });

  test('the README links it from Development', () => {
    const development = readme.slice(readme.indexOf('## Development'), readme.indexOf('\n## ', readme.indexOf('## Development') + 1));
    expect(development).toContain('[docs/maintaining.md](docs/maintaining.md)');
  });
});

describe('README key counts', () => {
  // A hand-typed "all 119 keys" goes stale with the next key: the README states only lower bounds
  // ("well over 100 keys"), which must hold; docs/keys.md, generated, gives the exact number.
  test('every "N keys" or "N settings" is a lower bound the catalogue meets, never an exact count', () => {
    const stated = [...readme.matchAll(/(\b\w+ \w+ )?\b(\d[\d,]*) (?:keys|settings)\b/gi)].map((m) => ({ before: (m[1] ?? '').trim(), n: Number((m[2] as string).replace(/,/g, '')) }));
    expect(stated.length).toBeGreaterThan(0);
    expect(stated.filter((s) => !/\b(?:over|than)$/.test(s.before))).toEqual([]);
    expect(stated.filter((s) => s.n >= CATALOG.length)).toEqual([]);
  });
});

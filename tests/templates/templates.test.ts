import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = join(__dirname, '..', '..', 'templates');

// Raw fields built only from constants, which their view schema pins with an enum.
const RAW_CONSTANTS: Record<string, string[]> = {
  'reg.hbs': ['keyPath'], // HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER + SOFTWARE\Policies\Claude
};

/**
 * Handlebars' double-stash `{{x}}` HTML-escapes (quotes become &quot;, = becomes &#x3D;), which is
 * wrong for XML, .reg and Markdown. Values must go through triple-stash and our own escaper;
 * only block helpers and comments may use double braces.
 */
describe('templates', () => {
  const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.hbs'));

  test('there are templates to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s never uses HTML-escaping double-stash for values', (file) => {
    const text = readFileSync(join(TEMPLATES, file), 'utf8');
    const doubles = [...text.matchAll(/(?<!\{)\{\{(?!\{)([^}]*)\}\}(?!\})/g)].map((m) => (m[1] ?? '').trim());
    const allowed = /^(#|\/|else\b|!|~?#|~?\/|~?else\b|>)/;
    expect(doubles.filter((d) => !allowed.test(d))).toEqual([]);
  });

  test.each(files)('%s passes every triple-stash value through an escaping helper', (file) => {
    const text = readFileSync(join(TEMPLATES, file), 'utf8');
    const triples = [...text.matchAll(/\{\{\{~?\s*([^}]*?)\s*~?\}\}\}/g)].map((m) => m[1] ?? '');
    const unescaped = triples.filter((t) => !/^[A-Za-z]+\s+\S/.test(t) && !(RAW_CONSTANTS[file] ?? []).includes(t));
    expect(unescaped).toEqual([]);
  });
});

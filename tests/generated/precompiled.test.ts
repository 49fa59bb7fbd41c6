/**
 * The precompiled validators and templates under `generated/` are current and behave exactly like
 * the compiled sources: when this fails after editing the catalogue, a view schema or a template,
 * run `npm run generate`. Also proves the run-time fallback: a source that differs from what a
 * generated entry was made from is compiled instead of running stale code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { profileSchemaText } from '../../lib/catalog/json-schema';
import { loadGenerated, sourceSha256 } from '../../lib/render/generated';
import { compileTemplateSource } from '../../lib/render/compile-template';
import { compileTemplateSpec, compileViewSchema, precompiledViewValidator, TEMPLATE_HELPERS, TEMPLATE_OPTIONS, VIEW_AJV_OPTIONS } from '../../lib/render/template';
import { bundledProfileSchemaSha256, compileProfileValidator, precompiledProfileValidator, profileValidator, PROFILE_AJV_OPTIONS } from '../../lib/validate/schema-check';
import { ROOT } from '../support/examples';

interface Generator {
  precompiledFiles(input: { root: string; profileSchemaText: string; templateCompiler: { compileTemplateSource: typeof compileTemplateSource; helpers: readonly string[] } }): Record<string, string>;
  PROFILE_AJV_OPTIONS: object;
  VIEW_AJV_OPTIONS: object;
  TEMPLATE_OPTIONS: object;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generator is a plain Node script
const generator = require('../../scripts/generate-precompiled') as Generator;

const BAD_DIR = join(ROOT, 'tests', 'fixtures', 'bad');

/** Profiles to run both validators on: examples, fixtures, and (parsable) bad-corpus files. */
function inputs(): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  const add = (dir: string, name: string) => {
    try {
      out.push({ name, value: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown });
    } catch {
      // not JSON (the corpus also holds broken bytes): nothing to validate
    }
  };
  for (const n of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) add(join(ROOT, 'examples'), n);
  for (const n of readdirSync(join(ROOT, 'tests', 'fixtures', 'profiles'))) add(join(ROOT, 'tests', 'fixtures', 'profiles'), n);
  for (const sub of ['profiles']) {
    const dir = join(BAD_DIR, sub);
    for (const n of readdirSync(dir).filter((f) => f.endsWith('.json'))) add(dir, n);
  }
  return out;
}

describe('generated/ (precompiled validators and templates)', () => {
  const expected = generator.precompiledFiles({ root: ROOT, profileSchemaText: profileSchemaText(), templateCompiler: { compileTemplateSource, helpers: TEMPLATE_HELPERS } });

  test.each(Object.keys(expected))('%s is up to date (run `npm run generate` when this fails)', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).toBe(expected[file]);
  });

  test('nothing else is in generated/ or generated/views/ (a removed view or an old layout leaves no file behind)', () => {
    const listed = (dir: string) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => `${dir}/${e.name}`);
    expect([...listed('generated'), ...listed('generated/views')].sort()).toEqual(Object.keys(expected).sort());
  });

  test('the generated code loads no ajv runtime module (helpers are written in)', () => {
    for (const [file, text] of Object.entries(expected)) expect({ file, requires: text.match(/require\("ajv[^"]*"\)/g) }).toEqual({ file, requires: null });
  });

  test('the generated code is ASCII only (one-byte strings: faster to read and hash at start-up)', () => {
    for (const [file, text] of Object.entries(expected)) expect({ file, nonAscii: /[^\x00-\x7f]/.test(text) }).toEqual({ file, nonAscii: false });
    // The escaping keeps every string: the views and templates hold non-ASCII text (e.g. "—").
    const generator2 = generator as Generator & { asciiOnly(code: string): string };
    const text = JSON.stringify({ s: 'a\u2014b\\\u00e9\ud83d\ude00"' });
    expect(JSON.parse(generator2.asciiOnly(text))).toEqual(JSON.parse(text));
    expect(eval(generator2.asciiOnly(`(${text})`))).toEqual(JSON.parse(text));
  });

  test('the generator uses the run-time options', () => {
    expect(generator.PROFILE_AJV_OPTIONS).toEqual(PROFILE_AJV_OPTIONS);
    expect(generator.VIEW_AJV_OPTIONS).toEqual(VIEW_AJV_OPTIONS);
    expect(generator.TEMPLATE_OPTIONS).toEqual(TEMPLATE_OPTIONS);
  });

  test('the package ships generated/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('generated/');
  });

  test('the run-time validator is the generated one, and a changed schema falls back to compiling', () => {
    const text = profileSchemaText();
    const pre = precompiledProfileValidator(text);
    expect(pre).toBeDefined();
    expect(profileValidator()).toBe(pre);
    expect(precompiledProfileValidator(text.replace('"additionalProperties": false', '"additionalProperties": true'))).toBeUndefined();
    // Outside the bundle no build-time schema hash exists: the text is hashed at run time.
    expect(bundledProfileSchemaSha256()).toBeUndefined();
  });

  test('generated and compiled profile validators agree on every example, fixture and bad-corpus profile (errors included)', () => {
    const pre = precompiledProfileValidator(profileSchemaText()) as ValidateFunction;
    const fresh = compileProfileValidator(profileSchemaText());
    const cases = inputs();
    expect(cases.length).toBeGreaterThan(20);
    let invalid = 0;
    for (const c of cases) {
      const a = pre(c.value);
      const b = fresh(c.value);
      expect({ name: c.name, ok: a }).toEqual({ name: c.name, ok: b });
      if (!a) invalid++;
      // verbose errors carry schema objects and data: compare them whole.
      expect({ name: c.name, errors: pre.errors ?? null }).toEqual({ name: c.name, errors: fresh.errors ?? null });
    }
    expect(invalid).toBeGreaterThan(10);
  });

  test('every view validator and template entry matches its current source', () => {
    const viewFiles = readdirSync(join(ROOT, 'schemas', 'views')).filter((f) => f.endsWith('.schema.json'));
    expect(viewFiles.length).toBeGreaterThan(5);
    for (const f of viewFiles) {
      const view = f.replace('.schema.json', '');
      const text = readFileSync(join(ROOT, 'schemas', 'views', f), 'utf8');
      const generated = loadGenerated<{ validate: ValidateFunction; sourceSha256: string }>(`views/${view}.js`);
      expect({ view, sha256: generated?.sourceSha256 }).toEqual({ view, sha256: sourceSha256(text) });
      expect(precompiledViewValidator(view, text)).toBe(generated?.validate);
      // A schema text other than the one it was made from: not used (the caller compiles instead).
      expect(precompiledViewValidator(view, `${text} `)).toBeUndefined();
    }
    expect(precompiledViewValidator('no-such-view', '{}')).toBeUndefined();
    expect(precompiledViewValidator('../profile-validator', '{}')).toBeUndefined();
    const templates = loadGenerated<Record<string, { sourceSha256: string }>>('templates.js') ?? {};
    const hbsFiles = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.hbs'));
    expect(Object.keys(templates).sort()).toEqual([...hbsFiles].sort());
    for (const f of hbsFiles) expect(templates[f]?.sourceSha256).toBe(sourceSha256(readFileSync(join(ROOT, 'templates', f), 'utf8')));
  });

  test('the fallback compilers work: a compiled view schema and template behave like the generated ones', () => {
    const regText = readFileSync(join(ROOT, 'schemas', 'views', 'reg.schema.json'), 'utf8');
    const pre = precompiledViewValidator('reg', regText)!;
    const compiled = compileViewSchema(regText);
    const good = { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude', values: [{ name: 'a', remove: false, data: 'x' }] };
    const bad = { keyPath: 1, values: 'no' };
    for (const v of [good, bad]) {
      expect(compiled(v)).toBe(pre(v));
      expect(compiled.errors ?? null).toEqual(pre.errors ?? null);
    }
    expect(compiled(good)).toBe(true);
    expect(compiled(bad)).toBe(false);
    const spec = compileTemplateSpec('{{{x}}}-{{#each xs}}{{{this}}}{{/each}}');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = (require('handlebars/runtime') as typeof import('handlebars')).create();
    expect(runtime.template(spec)({ x: 'a&b', xs: [1, 2] })).toBe('a&b-12');
    // strict mode is baked into the spec: a missing field throws.
    expect(() => runtime.template(spec)({ xs: [] })).toThrow(/"x" not defined/);
  });
});

/**
 * The templates run as plain functions compiled from their Handlebars syntax
 * (lib/render/compile-template.ts, written to generated/templates.js by `npm run generate`).
 * Proof that this changes nothing: every view model the writers produce for the examples and the
 * hostile fixtures is rendered by Handlebars itself too, and the texts must be equal. Plus the
 * compiler's own semantics on small templates, against Handlebars.
 */
import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { compileTemplateSource, templateRuntime, UnsupportedTemplateError, type CompiledTemplate } from '../../lib/render/compile-template';
import { loadGenerated } from '../../lib/render/generated';
import { keysMarkdown } from '../../lib/docs/keys-markdown';
import * as template from '../../lib/render/template';
import { writeAdml } from '../../lib/writers/adml';
import { writeAdmx } from '../../lib/writers/admx';
import { computeProfileManifest } from '../../lib/writers/profile-manifest';
import { envFor, loadExamples, PROFILE_FIXTURES_DIR, ROOT } from '../support/examples';

const HELPERS: Record<string, (v: unknown) => string> = { up: (v) => String(v).toUpperCase(), q: (v) => `"${String(v)}"` };

/** Compiles `source` with our compiler and evaluates the generated function source. */
function ours(source: string): (model: object) => string {
  const code = compileTemplateSource('t.hbs', Handlebars.parse(source), Object.keys(HELPERS));
  const fn = new Function(`return ${code};`)() as CompiledTemplate;
  const rt = templateRuntime('t.hbs', HELPERS);
  return (model) => fn(model, rt);
}

/** The same template in Handlebars itself, with the run-time options. */
function theirs(source: string): (model: object) => string {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);
  return env.compile(source, { ...template.TEMPLATE_OPTIONS });
}

describe('compiled templates equal Handlebars on the writers\' real view models', () => {
  test('every template, every example, the hostile fixtures, MCX and user scope', () => {
    // Each model is copied when it is rendered: a writer may fill in a view after rendering it (the
    // .mobileconfig writer stores the PayloadUUIDs it derives from the rendered bytes), and the
    // comparison must render what the writer rendered.
    const original = template.renderTemplate;
    const models: object[] = [];
    const spy = jest.spyOn(template, 'renderTemplate').mockImplementation((name, view, model) => {
      models.push(structuredClone(model));
      return original(name, view, model);
    });
    try {
      const profiles = [
        ...loadExamples().map((e) => ({ profile: e.profile, env: e.env })),
        ...readdirSync(PROFILE_FIXTURES_DIR)
          .filter((f) => f.endsWith('.json'))
          .map((f) => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const profile = require(join(PROFILE_FIXTURES_DIR, f)) as { settings: Record<string, unknown> };
            return { profile, env: envFor(profile as never) };
          }),
      ];
      for (const { profile, env } of profiles) {
        buildArtifacts(profile, { env });
        buildArtifacts({ ...profile, scope: 'user' }, { env, payloadForm: 'mcx', formats: ['mobileconfig', 'reg'] });
      }
      // Catalogue-only artifacts may come precomputed from generated/: render them here.
      writeAdmx();
      writeAdml();
      computeProfileManifest();
      keysMarkdown();
      const calls = spy.mock.calls.map((c, i) => ({ name: c[0], model: models[i] as object, text: spy.mock.results[i]?.value as string }));
      const rendered = new Set(calls.map((c) => c.name));
      const all = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.hbs'));
      expect([...rendered].sort()).toEqual(all.sort());
      for (const c of calls) {
        expect({ template: c.name, equal: c.text === template.renderWithHandlebars(c.name, c.model) }).toEqual({ template: c.name, equal: true });
      }
      expect(calls.length).toBeGreaterThan(50);
    } finally {
      spy.mockRestore();
    }
  });

  test('every template is a compiled function in generated/ (none fell back to a Handlebars spec)', () => {
    const generated = loadGenerated<Record<string, { render?: unknown; spec?: unknown }>>('templates.js') ?? {};
    const all = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.hbs'));
    expect(all.filter((t) => typeof generated[t]?.render !== 'function')).toEqual([]);
  });
});

describe('compileTemplateSource semantics', () => {
  const cases: [string, string, object][] = [
    ['text and helpers', 'a {{{up x}}} {{{q y.z}}} b', { x: 'hi<', y: { z: 1 } }],
    ['raw path', '[{{{x}}}]', { x: 'a&b' }],
    ['raw null prints nothing', '[{{{x}}}]', { x: null }],
    ['if: false, null, 0, empty string and empty array are false', '{{#if a}}A{{/if}}{{#if b}}B{{/if}}{{#if c}}C{{/if}}{{#if d}}D{{/if}}{{#if e}}E{{/if}}{{#if f}}F{{else}}f{{/if}}', { a: false, b: null, c: 0, d: '', e: [], f: [0] }],
    ['if includeZero', '{{#if a includeZero=true}}A{{else}}a{{/if}}{{#if b includeZero=true}}B{{else}}b{{/if}}', { a: 0, b: null }],
    ['unless with else', '{{#unless a}}no{{else}}yes{{/unless}}', { a: 1 }],
    ['else if chain', '{{#if a}}A{{else if b}}B{{else}}C{{/if}}', { a: false, b: true }],
    ['each with this and nested paths', '{{#each xs}}<{{{up this.n}}}{{#each ys}}({{{q this}}}){{/each}}>{{/each}}', { xs: [{ n: 'a', ys: [1, 2] }, { n: 'b', ys: [] }] }],
    ['each else on empty and missing', '{{#each xs}}x{{else}}none{{/each}}|{{#each ys}}y{{else}}none{{/each}}', { xs: [] }],
    ['standalone block lines are removed', 'a\n{{#if x}}\n  b\n{{/if}}\nc\n', { x: true }],
    ['length of a list', '{{{q xs.length}}}', { xs: [1, 2, 3] }],
  ];
  test.each(cases)('%s: same text as Handlebars', (_, source, model) => {
    expect(ours(source)(model)).toBe(theirs(source)(model));
  });

  test('a helper argument missing from the view model throws (Handlebars would print "undefined")', () => {
    expect(() => ours('{{{up nope}}}')({})).toThrow(/t\.hbs line 1: nope is not in the view model/);
    expect(() => ours('{{{nope}}}')({})).toThrow(/nope is not in the view model/);
    expect(() => ours('{{#each xs}}{{/each}}')({ xs: 'a string' })).toThrow(/needs an array/);
  });

  test.each([
    ['double-stash', '{{x}}'],
    ['an unknown helper', '{{{nope x}}}'],
    ['a partial', '{{> p}}'],
    ['@index', '{{#each xs}}{{{up @index}}}{{/each}}'],
    ['a parent path', '{{#each xs}}{{{up ../y}}}{{/each}}'],
    ['with', '{{#with x}}{{/with}}'],
    ['a hash', '{{{up x y=1}}}'],
    ['an inherited property (Handlebars reads own properties only)', '{{#if x.constructor}}bad{{/if}}'],
    ['__proto__', '{{{up x.__proto__}}}'],
  ])('%s is outside the subset: UnsupportedTemplateError, so the generator keeps a Handlebars spec', (_, source) => {
    expect(() => ours(source)).toThrow(UnsupportedTemplateError);
  });
});

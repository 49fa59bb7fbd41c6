/**
 * Renders a Handlebars template from `templates/` with a view model that is first checked against
 * its JSON Schema in `schemas/views/`. Templates and validators are prepared once per process.
 *
 * Both come precompiled from `generated/` (`npm run generate`): the Handlebars runtime alone is
 * loaded, not its compiler, and no ajv compilation runs. A precompiled entry is used only when the
 * SHA-256 it records equals the current source's; otherwise (a template or schema edited since the
 * last generate) the source is compiled here, so output never comes from stale code.
 *
 * Templates must use triple-stash with an escaping helper (`{{{xmlText x}}}`); double-stash would
 * HTML-escape, which is wrong for XML and .reg (a test scans the templates for it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type HandlebarsFull from 'handlebars';
import { loadGenerated, sourceSha256 } from './generated';
import { packageRoot } from './package-root';
import { xmlAttr, xmlText } from '../escape/xml';

type HandlebarsEnv = typeof HandlebarsFull;
type TemplateSpec = Parameters<HandlebarsEnv['template']>[0];

/** Handlebars compile options; `scripts/generate-precompiled.js` precompiles with the same. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: false } as const;
/** ajv options of the view-model validators; the generator uses the same. */
export const VIEW_AJV_OPTIONS = { allErrors: true, strict: true } as const;

// The runtime build has `template()` for precompiled specs and no compiler (about a third of the load time).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime entry has no usable type declarations
const hbs = (require('handlebars/runtime') as HandlebarsEnv).create();
hbs.registerHelper('xmlText', (text: unknown) => xmlText(String(text)));
hbs.registerHelper('xmlAttr', (text: unknown) => xmlAttr(String(text)));

const templates = new Map<string, HandlebarsTemplateDelegate>();
const validators = new Map<string, ValidateFunction>();

interface GeneratedTemplates {
  [template: string]: { sourceSha256: string; spec: TemplateSpec } | undefined;
}
type GeneratedViews = { sourceSha256: Record<string, string | undefined> } & Record<string, ValidateFunction | undefined>;

/** Thrown when a writer builds a view model its template schema refuses (a bug in the writer). */
export class ViewModelError extends Error {
  constructor(view: string, details: string) {
    super(`view model for ${view} is invalid: ${details}`);
    this.name = 'ViewModelError';
  }
}

/** Registers an extra escaping helper (e.g. the .reg escaper) for templates. */
export function registerEscaper(name: string, fn: (text: string) => string): void {
  hbs.registerHelper(name, (text: unknown) => fn(String(text)));
}

/** Checks `model` against `schemas/views/<view>.schema.json`; throws {@link ViewModelError}. */
export function checkViewModel(view: string, model: unknown): void {
  let validate = validators.get(view);
  if (!validate) {
    const text = readFileSync(join(packageRoot(), 'schemas', 'views', `${view}.schema.json`), 'utf8');
    const generated = loadGenerated<GeneratedViews>('view-validators.js');
    const pre = generated?.sourceSha256[view] === sourceSha256(text) ? generated[view] : undefined;
    validate = pre ?? compileViewSchema(text);
    validators.set(view, validate);
  }
  if (!validate(model)) throw new ViewModelError(view, errorsText(validate.errors));
}

/**
 * Renders `templates/<template>` with `model` after checking it against the view schema `view`.
 * The result uses the template's own line ends; writers convert when their format needs CRLF.
 */
export function renderTemplate(template: string, view: string, model: object): string {
  checkViewModel(view, model);
  let compiled = templates.get(template);
  if (!compiled) {
    const source = readFileSync(join(packageRoot(), 'templates', template), 'utf8');
    const pre = loadGenerated<GeneratedTemplates>('templates.js')?.[template];
    compiled = hbs.template(pre && pre.sourceSha256 === sourceSha256(source) ? pre.spec : compileTemplateSpec(source));
    templates.set(template, compiled);
  }
  return compiled(model);
}

/**
 * Compiles a template source into the same kind of spec `npm run generate` commits, with the full
 * Handlebars loaded only now. Exported for the test that compares it with the generated file.
 * @internal
 */
export function compileTemplateSpec(source: string): TemplateSpec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler is loaded only when a template changed since generate
  const full = require('handlebars') as HandlebarsEnv;
  // precompile returns JavaScript source of the spec object, the form Handlebars.template() takes.
  return new Function(`return ${full.precompile(source, { ...TEMPLATE_OPTIONS })};`)() as TemplateSpec;
}

/**
 * Compiles a view schema with ajv (loaded only now). Exported for the test that compares it with
 * the generated validators.
 * @internal
 */
export function compileViewSchema(text: string): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ajv is loaded only when a schema changed since generate
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ ...VIEW_AJV_OPTIONS }).compile(JSON.parse(text) as object);
}

/** ajv's `errorsText` format (`data/path message, …`) without needing an ajv instance. */
function errorsText(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'No errors';
  return errors.map((e) => `data${e.instancePath} ${e.message ?? 'is invalid'}`).join(', ');
}

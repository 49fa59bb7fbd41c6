/**
 * Renders a Handlebars template from `templates/` with a view model that is first checked against
 * its JSON Schema in `schemas/views/`. Templates and validators are prepared once per process.
 *
 * Both come precompiled from `generated/` (`npm run generate`): templates as plain render functions
 * compiled from their Handlebars syntax (no Handlebars loaded at all), validators as ajv standalone
 * code, one file per view (`generated/views/<view>.js`, loaded when the view is first checked). A precompiled entry is used only when the SHA-256 it records equals the current source's;
 * otherwise (a template or schema edited since the last generate) Handlebars and ajv compile the
 * source here, so output never comes from stale code.
 *
 * Templates must use triple-stash with an escaping helper (`{{{xmlText x}}}`); double-stash would
 * HTML-escape, which is wrong for XML and .reg (a test scans the templates for it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type HandlebarsFull from 'handlebars';
import { templateRuntime, type CompiledTemplate } from './compile-template';
import { loadGenerated, sourceSha256 } from './generated';
import { packageRoot } from './package-root';
import { xmlAttr, xmlText } from '../escape/xml';

type HandlebarsEnv = typeof HandlebarsFull;
type TemplateSpec = Parameters<HandlebarsEnv['template']>[0];

/** Handlebars compile options; `scripts/generate-precompiled.js` precompiles with the same. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: false } as const;
/** ajv options of the view-model validators; the generator uses the same. */
export const VIEW_AJV_OPTIONS = { allErrors: true, strict: true } as const;

/**
 * Every helper a template may call: escapers, one per output syntax. The XML ones are registered
 * here; writers register theirs with {@link registerEscaper} (`.reg`, Markdown) when loaded.
 */
export const TEMPLATE_HELPERS = ['xmlText', 'xmlAttr', 'regString', 'mdText', 'mdCode', 'mdCodeCell', 'mdFenced'] as const;

const helpers: Record<string, (value: unknown) => string> = {
  xmlText: (text: unknown) => xmlText(String(text)),
  xmlAttr: (text: unknown) => xmlAttr(String(text)),
};

type Renderer = (model: object) => string;
const renderers = new Map<string, Renderer>();
const validators = new Map<string, ValidateFunction>();
let handlebarsRuntime: HandlebarsEnv | undefined;

interface GeneratedTemplates {
  [template: string]: { sourceSha256: string; render?: CompiledTemplate; spec?: TemplateSpec } | undefined;
}
/** `generated/views/<view>.js`: one view's validator and the SHA-256 of the schema text it was made from. */
interface GeneratedView {
  validate?: ValidateFunction;
  sourceSha256?: string;
}

/** Thrown when a writer builds a view model its template schema refuses (a bug in the writer). */
export class ViewModelError extends Error {
  constructor(view: string, details: string) {
    super(`view model for ${view} is invalid: ${details}`);
    this.name = 'ViewModelError';
  }
}

/** Registers an extra escaping helper (e.g. the .reg escaper) for templates; `name` must be in {@link TEMPLATE_HELPERS}. */
export function registerEscaper(name: (typeof TEMPLATE_HELPERS)[number], fn: (text: string) => string): void {
  helpers[name] = (text: unknown) => fn(String(text));
  handlebarsRuntime?.registerHelper(name, helpers[name]);
}

/** Checks `model` against `schemas/views/<view>.schema.json`; throws {@link ViewModelError}. */
export function checkViewModel(view: string, model: unknown): void {
  let validate = validators.get(view);
  if (!validate) {
    const text = readFileSync(join(packageRoot(), 'schemas', 'views', `${view}.schema.json`), 'utf8');
    validate = precompiledViewValidator(view, text) ?? compileViewSchema(text);
    validators.set(view, validate);
  }
  if (!validate(model)) throw new ViewModelError(view, errorsText(validate.errors));
}

/**
 * The generated validator of `view` (`generated/views/<view>.js`, loaded only now) when it was
 * made from exactly `schemaText`, else `undefined`.
 * @internal exported for the test that compares it with {@link compileViewSchema}.
 */
export function precompiledViewValidator(view: string, schemaText: string): ValidateFunction | undefined {
  // View names are file names of schemas/views; anything else cannot name a generated file.
  if (!/^[a-z0-9-]+$/.test(view)) return undefined;
  const generated = loadGenerated<GeneratedView>(`views/${view}.js`);
  return generated?.sourceSha256 === sourceSha256(schemaText) ? generated.validate : undefined;
}

/**
 * Renders `templates/<template>` with `model` after checking it against the view schema `view`.
 * The result uses the template's own line ends; writers convert when their format needs CRLF.
 *
 * The template runs as the plain function `npm run generate` compiled from it (see
 * `compile-template.ts`) when that was made from the current source; otherwise Handlebars renders it.
 */
export function renderTemplate(template: string, view: string, model: object): string {
  checkViewModel(view, model);
  let render = renderers.get(template);
  if (!render) {
    render = loadRenderer(template);
    renderers.set(template, render);
  }
  return render(model);
}

function loadRenderer(template: string): Renderer {
  const source = readFileSync(join(packageRoot(), 'templates', template), 'utf8');
  const pre = loadGenerated<GeneratedTemplates>('templates.js')?.[template];
  const fresh = pre !== undefined && pre.sourceSha256 === sourceSha256(source);
  if (fresh && pre.render) {
    const compiled = pre.render;
    const runtime = templateRuntime(template, helpers);
    return (model) => compiled(model, runtime);
  }
  return handlebars().template(fresh && pre.spec ? pre.spec : compileTemplateSpec(source));
}

/** The Handlebars runtime (no compiler) with every registered helper, loaded on first use. */
function handlebars(): HandlebarsEnv {
  if (!handlebarsRuntime) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime entry has no usable type declarations
    handlebarsRuntime = (require('handlebars/runtime') as HandlebarsEnv).create();
    for (const [name, fn] of Object.entries(helpers)) handlebarsRuntime.registerHelper(name, fn);
  }
  return handlebarsRuntime;
}

/**
 * Renders `templates/<template>` with Handlebars itself, compiled from the source now (no view
 * check): the reference the compiled templates are tested against.
 * @internal
 */
export function renderWithHandlebars(template: string, model: object): string {
  const source = readFileSync(join(packageRoot(), 'templates', template), 'utf8');
  return handlebars().template(compileTemplateSpec(source))(model);
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

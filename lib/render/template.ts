/**
 * Renders a Handlebars template from `templates/` with a view model that is first checked against
 * its JSON Schema in `schemas/views/`. Templates and validators are compiled once per process.
 *
 * Templates must use triple-stash with an escaping helper (`{{{xmlText x}}}`); double-stash would
 * HTML-escape, which is wrong for XML and .reg (a test scans the templates for it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Handlebars from 'handlebars';
import { packageRoot } from './package-root';
import { xmlAttr, xmlText } from '../escape/xml';

const hbs = Handlebars.create();
hbs.registerHelper('xmlText', (text: unknown) => xmlText(String(text)));
hbs.registerHelper('xmlAttr', (text: unknown) => xmlAttr(String(text)));

const templates = new Map<string, Handlebars.TemplateDelegate>();
const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

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
    ajv ??= new Ajv({ allErrors: true, strict: true });
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'views', `${view}.schema.json`), 'utf8')) as object;
    validate = ajv.compile(schema);
    validators.set(view, validate);
  }
  if (!validate(model)) throw new ViewModelError(view, ajv!.errorsText(validate.errors));
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
    compiled = hbs.compile(source, { strict: true, noEscape: false });
    templates.set(template, compiled);
  }
  return compiled(model);
}

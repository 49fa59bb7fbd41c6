/**
 * Compiles a Handlebars template's syntax tree (from `Handlebars.parse`, whitespace control
 * already applied) into the JavaScript source of one plain render function, for
 * `generated/templates.js`. Handlebars' own precompiled specs spend most of their time in the
 * runtime (helper wrappers, frames, property guards); the generated function is straight string
 * concatenation, about ten times faster, with the same output.
 *
 * Only the subset our templates use compiles: text, `{{{helper path}}}` with one path or `this`,
 * `{{{path}}}`, and `{{#if}}` (also with `includeZero=true`), `{{#unless}}`, `{{#each}}` over
 * arrays, each with `{{else}}`. Anything else throws {@link UnsupportedTemplateError}; the generator then keeps Handlebars' own spec for that
 * template. A test renders every writer's real view models both ways and requires equal text.
 *
 * Semantics follow Handlebars 4.7 with `strict: true`: `if`/`unless` treat `false`, `null`,
 * `undefined`, `0`, `''` and `[]` as false. Handlebars reads own properties only; here a path
 * naming an inherited property (`constructor`, `toString`…) does not compile, and the rest are
 * read directly. One difference, on purpose: a helper's argument that is missing from the view
 * model throws (Handlebars would print "undefined"), so a typo in a template fails loudly.
 */

/** The parts of Handlebars' AST this compiler reads (see handlebars/compiler/ast). */
interface Node {
  readonly type: string;
  readonly loc?: { start: { line: number } };
}
interface Program extends Node {
  readonly body: readonly Node[];
}
interface ContentStatement extends Node {
  readonly value: string;
}
interface PathExpression extends Node {
  readonly original: string;
  readonly parts: readonly string[];
  readonly data: boolean;
  readonly depth: number;
}
interface MustacheStatement extends Node {
  readonly path: Node;
  readonly params: readonly Node[];
  readonly hash?: unknown;
  readonly escaped: boolean;
}
interface BlockStatement extends MustacheStatement {
  readonly program?: Program;
  readonly inverse?: Program;
}

/** A template construct outside the compiled subset (the generator falls back to Handlebars). */
export class UnsupportedTemplateError extends Error {
  constructor(template: string, node: Node, what: string) {
    super(`${template} line ${node.loc?.start.line ?? '?'}: ${what} is not in the subset lib/render/compile-template.ts compiles`);
    this.name = 'UnsupportedTemplateError';
  }
}

/**
 * The functions a compiled template calls at run time:
 * `arg` (a helper argument: throws when missing), `truthy` (Handlebars' `if`), `raw` (a value
 * printed without a helper: `null` prints nothing), `list` (the items
 * of `each`), and the escaping helpers by name.
 */
export interface TemplateRuntime {
  arg(value: unknown, path: string, line: number): unknown;
  truthy(value: unknown): boolean;
  truthyOrZero(value: unknown): boolean;
  raw(value: unknown): string;
  list(value: unknown, path: string, line: number): readonly unknown[];
  helpers: Readonly<Record<string, (value: unknown) => string>>;
}

/** A compiled template: the view model in, the text out. */
export type CompiledTemplate = (model: unknown, runtime: TemplateRuntime) => string;

/**
 * JavaScript source of a `function (model, rt) { … }` expression rendering `ast`. Helper names
 * must be in `helpers` (checked now, so a misspelt helper fails at generate time).
 */
export function compileTemplateSource(template: string, ast: Program, helpers: readonly string[]): string {
  const known = new Set(helpers);
  let depth = 0;
  const lines: string[] = [];
  const emit = (indent: number, code: string): void => {
    lines.push(`${'  '.repeat(indent)}${code}`);
  };

  // A JavaScript expression for `path` evaluated in the context variable `ctx`.
  const pathExpr = (node: Node, ctx: string): string => {
    if (node.type !== 'PathExpression') throw new UnsupportedTemplateError(template, node, `a ${node.type} argument`);
    const path = node as PathExpression;
    if (path.data || path.depth > 0) throw new UnsupportedTemplateError(template, node, `the path "${path.original}"`);
    // Handlebars reads own properties only; names every object inherits are refused here, at
    // compile time, so the run time can read view models (plain JSON data) directly.
    const inherited = path.parts.find((part) => part in Object.prototype || part === 'prototype');
    if (inherited !== undefined) throw new UnsupportedTemplateError(template, node, `the inherited property "${inherited}"`);
    return path.parts.reduce((expr, part) => `${expr}[${JSON.stringify(part)}]`, ctx);
  };
  const lineOf = (node: Node): number => node.loc?.start.line ?? 0;

  const program = (prog: Program | undefined, ctx: string, indent: number): void => {
    for (const node of prog?.body ?? []) statement(node, ctx, indent);
  };

  const statement = (node: Node, ctx: string, indent: number): void => {
    switch (node.type) {
      case 'ContentStatement': {
        const text = (node as ContentStatement).value;
        if (text !== '') emit(indent, `out += ${JSON.stringify(text)};`);
        return;
      }
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as MustacheStatement;
        if (m.escaped) throw new UnsupportedTemplateError(template, node, 'a double-stash {{x}} (HTML escaping)');
        if (m.hash) throw new UnsupportedTemplateError(template, node, 'a hash argument');
        if (m.path.type !== 'PathExpression' || m.params.length > 1) throw new UnsupportedTemplateError(template, node, 'a mustache that is not {{{helper path}}} or {{{path}}}');
        const helper = (m.path as PathExpression).original;
        if (m.params.length === 0) {
          // {{{path}}}: the value as it is (the view schema constrains it); Handlebars' strict mode throws when it is missing.
          if (known.has(helper)) throw new UnsupportedTemplateError(template, node, `the helper "${helper}" without an argument`);
          emit(indent, `out += rt.raw(rt.arg(${pathExpr(m.path, ctx)}, ${JSON.stringify(helper)}, ${lineOf(node)}));`);
          return;
        }
        if (!known.has(helper)) throw new UnsupportedTemplateError(template, node, `the helper "${helper}"`);
        const arg = m.params[0] as Node;
        const original = arg.type === 'PathExpression' ? (arg as PathExpression).original : arg.type;
        emit(indent, `out += rt.helpers[${JSON.stringify(helper)}](rt.arg(${pathExpr(arg, ctx)}, ${JSON.stringify(original)}, ${lineOf(node)}));`);
        return;
      }
      case 'BlockStatement': {
        const b = node as BlockStatement;
        const name = b.path.type === 'PathExpression' ? (b.path as PathExpression).original : '';
        const includeZero = (name === 'if' || name === 'unless') && isIncludeZero(b.hash);
        if ((b.hash && !includeZero) || b.params.length !== 1) throw new UnsupportedTemplateError(template, node, `a {{#${name}}} block without exactly one argument`);
        const arg = b.params[0] as Node;
        if (name === 'if' || name === 'unless') {
          emit(indent, `if (${name === 'unless' ? '!' : ''}rt.${includeZero ? 'truthyOrZero' : 'truthy'}(${pathExpr(arg, ctx)})) {`);
          program(b.program, ctx, indent + 1);
          if (b.inverse) {
            emit(indent, '} else {');
            program(b.inverse, ctx, indent + 1);
          }
          emit(indent, '}');
          return;
        }
        if (name === 'each') {
          const items = `items${++depth}`;
          const item = `ctx${depth}`;
          const original = arg.type === 'PathExpression' ? (arg as PathExpression).original : arg.type;
          emit(indent, `const ${items} = rt.list(${pathExpr(arg, ctx)}, ${JSON.stringify(original)}, ${lineOf(node)});`);
          emit(indent, `for (let i = 0; i < ${items}.length; i++) {`);
          emit(indent + 1, `const ${item} = ${items}[i];`);
          program(b.program, item, indent + 1);
          emit(indent, '}');
          if (b.inverse) {
            emit(indent, `if (${items}.length === 0) {`);
            program(b.inverse, ctx, indent + 1);
            emit(indent, '}');
          }
          return;
        }
        throw new UnsupportedTemplateError(template, node, `the block helper "${name}"`);
      }
      default:
        throw new UnsupportedTemplateError(template, node, `a ${node.type}`);
    }
  };

  program(ast, 'model', 1);
  return `function (model, rt) {\n  let out = '';\n${lines.join('\n')}\n  return out;\n}`;
}

/** Whether a block's hash is exactly `includeZero=true` (the one hash argument compiled). */
function isIncludeZero(hash: unknown): boolean {
  const pairs = (hash as { pairs?: { key: string; value: { type: string; value: unknown } }[] } | undefined)?.pairs;
  return pairs?.length === 1 && pairs[0]!.key === 'includeZero' && pairs[0]!.value.type === 'BooleanLiteral' && pairs[0]!.value.value === true;
}

/** The run-time functions of compiled templates, with these escaping helpers. */
export function templateRuntime(template: string, helpers: Readonly<Record<string, (value: unknown) => string>>): TemplateRuntime {
  return {
    arg(value: unknown, path: string, line: number): unknown {
      if (value === undefined) throw new TemplateRenderError(template, line, `${path} is not in the view model`);
      return value;
    },
    truthy(value: unknown): boolean {
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    },
    truthyOrZero(value: unknown): boolean {
      return value === 0 || this.truthy(value);
    },
    raw(value: unknown): string {
      return value == null ? '' : String(value);
    },
    list(value: unknown, path: string, line: number): readonly unknown[] {
      if (value == null || value === false) return [];
      if (!Array.isArray(value)) throw new TemplateRenderError(template, line, `{{#each ${path}}} needs an array`);
      return value;
    },
    helpers,
  };
}

/** Thrown when a view model does not fit a compiled template (a bug in a writer). */
export class TemplateRenderError extends Error {
  constructor(template: string, line: number, detail: string) {
    super(`${template} line ${line}: ${detail}`);
    this.name = 'TemplateRenderError';
  }
}

/**
 * Guard: no test, library module or template retypes a Claude Desktop key name.
 *
 * The catalogue (lib/catalog) is the single source of truth for key names; code that spells a
 * name by hand keeps agreeing with its own spelling after the catalogue changes, so a rename
 * silently breaks it (or, in a test, checks nothing). Three rules, one per kind of source. A name
 * is a current or retired catalogue key name appearing as a whole word: one that no letter
 * touches (digits, `$` and `_` separate words, so `inferenceModels_Help` and `'$1name$2'` count).
 *
 * 1. Tests (`tests/**\/*.ts` except the frozen oracle copy tests/validate/oracle/,
 *    tests/support/keys.ts, which builds the accessors from the catalogue, and this file) take
 *    names from `K` / `LEGACY`. A name may appear in exactly one place:
 *
 *      as the property name of a property access (`a.b`, `a?.b`, or `A.b` in a type) that the
 *      compiler resolves to a property of the receiver's type, where that property has no
 *      declaration outside the catalogue (in practice: no declaration in the guarded files).
 *
 *    That covers `K.inferenceModels` and `LEGACY.isDxtEnabled`, and `profile.settings.inferenceModels`
 *    on a catalogue-derived type such as `Settings` (their properties are mapped from the catalogue
 *    and have no hand-written declaration): renaming the key in the catalogue makes those lines fail
 *    to compile. It does not cover an access through `any`, `unknown` casts or an index signature
 *    (`Record<string, unknown>`), nor a property declared in a JSON fixture, the oracle or lib code,
 *    since there the compiler would accept any spelling. Everything else is reported: string and
 *    template text (checked on the cooked value, so `'\r\nname'` counts), regular expressions,
 *    object-literal keys, declarations, destructuring, and comments.
 *
 * 2. Library code (`lib/**\/*.ts` except lib/catalog, where the names are defined; lib holds no
 *    generated code) gets names from the catalogue: `getKey('x').name`, a `KeyName`-typed value, a
 *    catalogue attribute. Comments may name keys (they do not run); every name in code must be tied
 *    to the catalogue by the compiler:
 *
 *      - a string literal whose whole text is the name, where the compiler checks it against a
 *        type made only of string literals (`KeyName`, `KeyName | 'fixed'`, a union derived from
 *        the catalogue): its contextual type (a `KeyName` parameter such as `getKey('x')`, a
 *        `KeyName` variable, array or `satisfies`), or the other side of `===`/`!==` or the
 *        `switch` of a `case` (a comparison with no overlap does not compile);
 *      - a property access, as in rule 1 (`settings.inferenceProvider` on `Settings`);
 *      - an object-literal key or destructured property, when the object's type (contextual type,
 *        or the destructured value's type) has that property from the catalogue and no string
 *        index signature (`const ROLES: { [K in KeyName]?: … } = { bootstrapUrl: … }`).
 *
 *    Reported: a name inside longer string or template text (prose written to a file or a
 *    message: interpolate the name instead), a literal compared with or passed as a plain
 *    `string`, a regular expression, an unchecked object key or access, and a hand-written
 *    declaration of a property named like a key. Local variables and parameters that happen to be
 *    called like a key (`const banner = settings.banner`) are names of our own, not key names.
 *    Names not fixed yet are listed in {@link LIB_ALLOWANCE}.
 *
 * 3. Templates (`templates/*.hbs`) contain no name at all, anywhere in their text: key names
 *    reach a template through its view model, which the writer fills from the catalogue (and
 *    view-model paths are named by role, not by key, so `{{{mdCode keys.bootstrapUrl}}}` is
 *    reported too).
 *
 * 4. Plain JavaScript (`*.js` under tests/, scripts/ and bench/: the corpus generator, the bench,
 *    the build scripts) has no compiler to tie a name to the catalogue, so names come from the
 *    accessors of tests/support/key-names.js, which throw for a name the catalogue lacks. A name
 *    may appear only as `K.name` or `LEGACY.name` (and in comments, which do not run); in string,
 *    template or regular-expression text, as an object key or any other identifier it is
 *    reported. A file that uses `K.`/`LEGACY.` must build them with `keyNames(`. Exceptions are
 *    listed in {@link JS_ALLOWANCE}.
 *
 * Deliberately wrong names (typos for did-you-mean tests, made-up keys) are not catalogue names
 * and are not affected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { CATALOG } from '../../lib/catalog';
import { K, LEGACY } from '../support/keys';
import { programWith } from '../support/ts-program';

const ROOT = resolve(__dirname, '..', '..');
const TESTS = join(ROOT, 'tests');
const LIB = join(ROOT, 'lib');
const TEMPLATES = join(ROOT, 'templates');
const JS_DIRS = [TESTS, join(ROOT, 'scripts'), join(ROOT, 'bench')];
const EXCLUDED_DIRS = [join(TESTS, 'validate', 'oracle') + sep];
const EXCLUDED_FILES = [join(TESTS, 'support', 'keys.ts'), __filename];
const CATALOG_DIR = join(LIB, 'catalog') + sep;

const NAMES = new Set<string>([...CATALOG.map((k) => k.name), ...CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => l.name))]);
const WORD = new RegExp(`(?<![A-Za-z])(?:${[...NAMES].join('|')})(?![A-Za-z])`, 'g');

/** One retyped name: where, which, and in what kind of code. */
interface Retyped {
  file: string;
  line: number;
  name: string;
  where: string;
}

/** The `.ts` files under `dir`, sorted. */
function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/** The test sources rule 1 applies to. */
function guardedFiles(): string[] {
  return tsFilesUnder(TESTS).filter((f) => !EXCLUDED_FILES.includes(f) && !EXCLUDED_DIRS.some((d) => f.startsWith(d)));
}

/** The library sources rule 2 applies to: all of lib/ but the catalogue. */
function guardedLibFiles(): string[] {
  return tsFilesUnder(LIB).filter((f) => !f.startsWith(CATALOG_DIR));
}

/** The JavaScript files rule 4 applies to: every `.js` under tests/, scripts/ and bench/. */
function guardedJsFiles(): string[] {
  return JS_DIRS.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js') && !f.split(sep).includes('node_modules'))
      .map((f) => join(dir, f)),
  ).sort();
}

/** The templates rule 3 applies to. */
function templateFiles(): string[] {
  return readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => join(TEMPLATES, f))
    .sort();
}



const STRING_LIKE = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Whether every declaration of a property lies outside the guarded files (in the catalogue, or none: mapped). */
function declaredOutside(symbol: ts.Symbol, guarded: Set<string>): boolean {
  return (symbol.declarations ?? []).every((d) => !guarded.has(resolve(d.getSourceFile().fileName)));
}

/** Whether the identifier is a property access the compiler checks against a catalogue-derived type. */
function isCheckedAccess(id: ts.Identifier, checker: ts.TypeChecker, guarded: Set<string>): boolean {
  const p = id.parent;
  const isName = (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id);
  if (!isName) return false;
  const symbol = checker.getSymbolAtLocation(id);
  if (!symbol) return false; // any, unknown, index signature: any spelling compiles
  return declaredOutside(symbol, guarded);
}

/** Whether `type` has property `name` from outside the guarded files, and no string index signature that would take any spelling. */
function hasCheckedProperty(type: ts.Type | undefined, name: string, checker: ts.TypeChecker, guarded: Set<string>): boolean {
  if (!type) return false;
  const members = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  return (
    members.length > 0 &&
    members.every((t) => {
      if (checker.getIndexInfoOfType(t, ts.IndexKind.String)) return false;
      const prop = checker.getPropertyOfType(t, name);
      return prop !== undefined && declaredOutside(prop, guarded);
    })
  );
}

/** Whether `type` (a type parameter by its constraint) is made only of string literal types, `undefined` and `null` aside. */
function isLiteralOnly(type: ts.Type | undefined, checker: ts.TypeChecker): boolean {
  if (!type) return false;
  const t = type.flags & ts.TypeFlags.TypeParameter ? checker.getBaseConstraintOfType(type) : type;
  if (!t) return false;
  const members = (t.isUnion() ? t.types : [t]).filter((m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  return members.length > 0 && members.every((m) => m.isStringLiteral());
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * Whether a string literal whose whole text is a key name is checked by the compiler against a
 * type of string literals only (rule 2): by its contextual type, or as one side of an equality
 * or a `case` whose other side has such a type.
 */
function isTypedNameLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, checker: ts.TypeChecker): boolean {
  if (!NAMES.has(node.text)) return false;
  if (isLiteralOnly(checker.getContextualType(node), checker)) return true;
  let p: ts.Node = node.parent;
  let self: ts.Node = node;
  while (ts.isParenthesizedExpression(p)) {
    self = p;
    p = p.parent;
  }
  if (ts.isBinaryExpression(p) && EQUALITY.has(p.operatorToken.kind)) {
    return isLiteralOnly(checker.getTypeAtLocation(p.left === self ? p.right : p.left), checker);
  }
  if (ts.isCaseClause(p) && p.expression === self) return isLiteralOnly(checker.getTypeAtLocation(p.parent.parent.expression), checker);
  return false;
}

/** Rule 2 for an identifier spelling a key name: `undefined` when it is fine, else what it is. */
function libIdentifierProblem(id: ts.Identifier, checker: ts.TypeChecker, guarded: Set<string>): string | undefined {
  const p = id.parent;
  const where = `identifier in ${ts.SyntaxKind[p.kind]}`;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id)) {
    return isCheckedAccess(id, checker, guarded) ? undefined : where;
  }
  if ((ts.isPropertyAssignment(p) && p.name === id) || (ts.isShorthandPropertyAssignment(p) && p.name === id)) {
    return hasCheckedProperty(checker.getContextualType(p.parent as ts.ObjectLiteralExpression), id.text, checker, guarded) ? undefined : where;
  }
  if (ts.isBindingElement(p) && (p.propertyName === id || (p.propertyName === undefined && p.name === id)) && ts.isObjectBindingPattern(p.parent)) {
    return hasCheckedProperty(checker.getTypeAtLocation(p.parent), id.text, checker, guarded) ? undefined : where;
  }
  if (
    (ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodSignature(p) || ts.isMethodDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) &&
    p.name === id
  ) {
    return `declaration (${ts.SyntaxKind[p.kind]})`;
  }
  // Variables, parameters, functions, types: names of our own, whatever they are called.
  return undefined;
}

type Rule = 'tests' | 'lib';

/** Every retyped key name in `files` of `program`, by the rule for tests or for library code. */
function findRetyped(program: ts.Program, files: string[], guarded: Set<string>, rule: Rule = 'tests'): Retyped[] {
  const checker = program.getTypeChecker();
  const out: Retyped[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not in the program: ${file}`);
    const text = sf.getFullText();
    const report = (pos: number, name: string, where: string) =>
      out.push({ file: relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(pos).line + 1, name, where });
    const literalSpans: [number, number][] = [];
    // Strings, templates and regular expressions: the cooked text, so an escape before a name cannot hide it.
    const visit = (node: ts.Node): void => {
      if (STRING_LIKE.has(node.kind)) {
        const start = node.getStart(sf);
        literalSpans.push([start, node.getEnd()]);
        const isRegExp = node.kind === ts.SyntaxKind.RegularExpressionLiteral;
        const typed =
          rule === 'lib' &&
          (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
          isTypedNameLiteral(node, checker);
        const value = isRegExp ? node.getText(sf) : (node as ts.LiteralLikeNode).text;
        if (!typed) {
          for (const m of value.matchAll(WORD)) {
            const raw = text.indexOf(m[0], start);
            report(raw >= start && raw < node.getEnd() ? raw : start, m[0], isRegExp ? 'regular expression' : 'string or template text');
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    // Everything else: identifiers and comments, by their source text.
    for (const m of text.matchAll(WORD)) {
      const pos = m.index;
      if (literalSpans.some(([s, e]) => pos >= s && pos < e)) continue;
      let node: ts.Node = sf;
      const descend = (n: ts.Node): void => {
        if (pos >= n.getStart(sf) && pos < n.getEnd()) {
          node = n;
          ts.forEachChild(n, descend);
        }
      };
      ts.forEachChild(sf, descend);
      // Outside literals, a letter sequence is an identifier, a keyword (never a key name) or comment text.
      if (rule === 'lib') {
        if (!ts.isIdentifier(node)) continue; // comments may name keys in library code
        if (node.text !== m[0]) report(pos, m[0], 'part of an identifier');
        else {
          const problem = libIdentifierProblem(node, checker, guarded);
          if (problem) report(pos, m[0], problem);
        }
      } else if (!ts.isIdentifier(node)) report(pos, m[0], 'comment');
      else if (node.text !== m[0]) report(pos, m[0], 'part of an identifier');
      else if (!isCheckedAccess(node, checker, guarded)) report(pos, m[0], `identifier in ${ts.SyntaxKind[node.parent.kind]}`);
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The accessor objects rule 4 accepts names through (tests/support/key-names.js). */
const JS_ACCESSORS = new Set(['K', 'LEGACY']);

/** Every key name in a JavaScript file (rule 4) outside `K.name` / `LEGACY.name` and comments. */
function findInJs(file: string, text: string): Retyped[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out: Retyped[] = [];
  const report = (pos: number, name: string, where: string) => out.push({ file: relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(pos).line + 1, name, where });
  let usesAccessors = false;
  const visit = (node: ts.Node): void => {
    if (STRING_LIKE.has(node.kind)) {
      const isRegExp = node.kind === ts.SyntaxKind.RegularExpressionLiteral;
      const value = isRegExp ? node.getText(sf) : (node as ts.LiteralLikeNode).text;
      for (const m of value.matchAll(WORD)) report(node.getStart(sf), m[0], isRegExp ? 'regular expression' : 'string or template text');
    } else if (ts.isIdentifier(node)) {
      for (const m of node.text.matchAll(WORD)) {
        const p: ts.Node = node.parent;
        const viaAccessor = m[0] === node.text && ts.isPropertyAccessExpression(p) && p.name === node && ts.isIdentifier(p.expression) && JS_ACCESSORS.has(p.expression.text);
        if (viaAccessor) usesAccessors = true;
        else report(node.getStart(sf), m[0], m[0] === node.text ? `identifier in ${ts.SyntaxKind[p.kind]}` : 'part of an identifier');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (usesAccessors && !text.includes('keyNames(')) report(0, 'K', 'accessors not built with keyNames() (tests/support/key-names.js)');
  return out;
}

/** Every key name in a template's text (rule 3): no position is exempt. */
function findInTemplate(file: string, text: string): Retyped[] {
  const out: Retyped[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ file: relative(ROOT, file), line: text.slice(0, m.index).split('\n').length, name: m[0], where: 'template text' });
  }
  return out;
}

/**
 * Library files with retyped names not fixed yet: per file, how many times each name may still
 * appear. Left: the finding code `banner-without-text` in lib/validate/rules/combinations.ts, a
 * documented code (docs/check-json.md) that should not silently change with a key rename, so it
 * is not interpolated; it needs a decision on how finding codes relate to key names. An upper
 * bound: one more retyping in these files fails; when some are removed, lower or drop the entry.
 * Names, not lines, so edits elsewhere in those files do not disturb the guard; written with `K`,
 * so a catalogue rename makes this list fail to compile. Nothing may be added.
 */
const LIB_ALLOWANCE: { readonly [file: string]: { readonly [name: string]: number } } = {
  'lib/validate/rules/combinations.ts': { [K.banner]: 1 },
};

/**
 * JavaScript files with a key-like name that is not a key name: per file, how many times each
 * may appear. esbuild's own `banner` option in scripts/bundle-cli.js (the text put before the
 * bundle) merely shares its spelling with the catalogue key. Written with `K`, like
 * {@link LIB_ALLOWANCE}; nothing else may be added.
 */
const JS_ALLOWANCE: { readonly [file: string]: { readonly [name: string]: number } } = {
  'scripts/bundle-cli.js': { [K.banner]: 1 },
};

/** Findings that exceed an allowance (per file and name, an upper bound). */
function beyondAllowance(found: Retyped[], allowance: { readonly [file: string]: { readonly [name: string]: number } }): Retyped[] {
  const left = new Map<string, number>();
  for (const [file, names] of Object.entries(allowance)) for (const [name, n] of Object.entries(names)) left.set(`${file} ${name}`, n);
  return found.filter((r) => {
    const id = `${r.file} ${r.name}`;
    const n = left.get(id) ?? 0;
    if (n > 0) left.set(id, n - 1);
    return n === 0;
  });
}

/** Sources that show what the rules report and what they let through. */
const PROBE = join(TESTS, 'catalog', '__no-retyped-keys-probe__.ts');
const PROBE_SOURCE = [
  `import { K, LEGACY } from '../support/keys';`,
  `import type { Settings } from '../../lib/catalog';`,
  `declare const settings: Settings;`,
  `declare const loose: Record<string, unknown>;`,
  `export const ok = [K.${K.inferenceModels}, LEGACY.${LEGACY.isDxtEnabled}, settings.${K.inferenceModels}, settings?.${K.bootstrapUrl}, { [K.${K.banner}]: 1 }];`,
  `export type Ok = typeof K.${K.inferenceProvider};`,
  `export const s = '${K.inferenceModels}';`,
  `export const esc = '\\r\\n${K.inferenceProvider},';`,
  `export const t = \`<key>${K.disableAutoUpdates}</key>\`;`,
  `export const r = /^${K.organizationInstructions}: /;`,
  `export const o = { ${K.inferenceGatewayApiKey}: 'k' };`,
  `export const a = loose.${K.inferenceGatewayBaseUrl};`,
  `export const b = (settings as any).${K.otlpEndpoint};`,
  `// ${K.claudeAiImport} in a comment`,
  `export const help = '$(string.${K.inferenceModels}_Help)';`,
  `export const { ${K.inferenceCustomHeaders} } = settings;`,
  `export const old = '${LEGACY.inferenceGatewayHeaders}';`,
  `export const replacement = '$1${K.disableEssentialTelemetry}$2';`,
  `export const typo = 'inferenceModel';`,
  '',
].join('\n');

/** The library probe: lines 6 to 13 are tied to the catalogue by the compiler, 14 and 15 are a comment and a variable of our own; 16 on are reported. */
const LIB_PROBE = join(LIB, '__no-retyped-keys-probe__.ts');
const LIB_PROBE_SOURCE = [
  `import { getKey, type KeyDef, type KeyName, type Settings } from './catalog';`,
  `declare const settings: Settings;`,
  `declare const name: KeyName;`,
  `declare const def: KeyDef;`,
  `declare const loose: Record<string, unknown>;`,
  `export const a = getKey('${K.inferenceModels}').name;`,
  `export const b: KeyName | 'fixed' = '${K.bootstrapUrl}';`,
  `export const c = name === '${K.banner}' || ('${K.otlpEndpoint}') !== name;`,
  `export const d = new Set<KeyName>(['${K.otlpHeaders}']);`,
  `export const e: { readonly [N in KeyName]?: number } = { ${K.egressProxyUrl}: 1 };`,
  `export const f = settings.${K.inferenceProvider};`,
  `export const { ${K.inferenceGatewayApiKey}: g } = settings;`,
  `export function h(n: KeyName): number { switch (n) { case '${K.claudeAiImport}': return 1; default: return 0; } }`,
  `// a comment may name ${K.disableAutoUpdates}`,
  `export const ${K.banner} = 1;`,
  `export const i = def.name === '${K.otlpHeaders}';`,
  `export const j = 'set ${K.disableNonessentialTelemetry} to true';`,
  `export const k = \`(${K.updateViaUpdatesHost})\`;`,
  `export const l = loose.${K.bootstrapUrl};`,
  `export const m: Record<string, number> = { ${K.inferenceModels}: 1 };`,
  `export const n = { ${K.inferenceProvider}: 'gateway' };`,
  `export interface O { ${K.otlpEndpoint}?: string }`,
  `export const p = /${K.bootstrapHeaders}/;`,
  `export const q = ['${LEGACY.inferenceGatewayHeaders}'];`,
  `export const r = (s: string) => s.split(', ').includes('${K.egressProxyUrl}');`,
  '',
].join('\n');

const TEMPLATE_PROBE = join(TEMPLATES, '__probe__.hbs');
const TEMPLATE_PROBE_SOURCE = [
  '{{{mdCode keys.bootstrap}}} and {{{mdCode view.name}}}',
  `set \`${K.bootstrapUrl}\``,
  `{{{mdCode keys.${K.inferenceProvider}}}}`,
  `{{#if ${LEGACY.isDxtEnabled}}}x{{/if}}`,
  '',
].join('\n');

/** The JavaScript probe: lines 2 to 4 pass (accessors, a comment); 5 on are reported. */
const JS_PROBE = join(TESTS, '__no-retyped-keys-probe__.js');
const JS_PROBE_SOURCE = [
  `const { K, LEGACY } = require('./support/key-names').keyNames(CATALOG);`,
  `const a = { [K.${K.inferenceProvider}]: 'gateway', old: LEGACY.${LEGACY.isDxtEnabled} };`,
  `// a comment may name ${K.inferenceModels}`,
  `const b = \`{"\${K.${K.bootstrapUrl}}": 1}\`;`,
  `const c = '${K.inferenceModels}';`,
  `const d = \`"${K.disableAutoUpdates}"=dword:1\`;`,
  `const e = /<key>${K.inferenceGatewayBaseUrl}<\\/key>/;`,
  `const f = { ${K.otlpEndpoint}: 1 };`,
  `p.settings.${K.inferenceGatewayApiKey} = 'k';`,
  `const { ${K.otlpHeaders} } = p.settings;`,
  `const g = other.${K.banner};`,
  `const h = '${LEGACY.inferenceGatewayHeaders}';`,
  '',
].join('\n');

describe('no test, library module or template retypes a catalogue key name', () => {
  const files = guardedFiles();
  const libFiles = guardedLibFiles();
  const guarded = new Set([...files, PROBE]);
  const guardedLib = new Set([...libFiles, LIB_PROBE]);
  let program: ts.Program;
  beforeAll(() => {
    program = programWith(
      [...files, ...libFiles, PROBE, LIB_PROBE],
      new Map([
        [PROBE, PROBE_SOURCE],
        [LIB_PROBE, LIB_PROBE_SOURCE],
      ]),
    );
  });

  test('the rule for tests reports raw names and lets compiler-checked accesses through (probe)', () => {
    const found = findRetyped(program, [PROBE], guarded).map((r) => `${r.line} ${r.name} ${r.where}`);
    expect(found).toEqual([
      `7 ${K.inferenceModels} string or template text`,
      `8 ${K.inferenceProvider} string or template text`,
      `9 ${K.disableAutoUpdates} string or template text`,
      `10 ${K.organizationInstructions} regular expression`,
      `11 ${K.inferenceGatewayApiKey} identifier in PropertyAssignment`,
      `12 ${K.inferenceGatewayBaseUrl} identifier in PropertyAccessExpression`,
      `13 ${K.otlpEndpoint} identifier in PropertyAccessExpression`,
      `14 ${K.claudeAiImport} comment`,
      `15 ${K.inferenceModels} string or template text`,
      `16 ${K.inferenceCustomHeaders} identifier in BindingElement`,
      `17 ${LEGACY.inferenceGatewayHeaders} string or template text`,
      `18 ${K.disableEssentialTelemetry} string or template text`,
    ]);
  });

  test('the rule for library code lets catalogue-typed names through and reports the rest (probe)', () => {
    const probeDiagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(LIB_PROBE));
    expect(probeDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const found = findRetyped(program, [LIB_PROBE], guardedLib, 'lib').map((r) => `${r.line} ${r.name} ${r.where}`);
    expect(found).toEqual([
      `16 ${K.otlpHeaders} string or template text`,
      `17 ${K.disableNonessentialTelemetry} string or template text`,
      `18 ${K.updateViaUpdatesHost} string or template text`,
      `19 ${K.bootstrapUrl} identifier in PropertyAccessExpression`,
      `20 ${K.inferenceModels} identifier in PropertyAssignment`,
      `21 ${K.inferenceProvider} identifier in PropertyAssignment`,
      `22 ${K.otlpEndpoint} declaration (PropertySignature)`,
      `23 ${K.bootstrapHeaders} regular expression`,
      `24 ${LEGACY.inferenceGatewayHeaders} string or template text`,
      `25 ${K.egressProxyUrl} string or template text`,
    ]);
  });

  test('the rule for templates reports every name in the text, view-model paths included (probe)', () => {
    const found = findInTemplate(TEMPLATE_PROBE, TEMPLATE_PROBE_SOURCE).map((r) => `${r.line} ${r.name}`);
    expect(found).toEqual([`2 ${K.bootstrapUrl}`, `3 ${K.inferenceProvider}`, `4 ${LEGACY.isDxtEnabled}`]);
  });

  test('the guard sees the test sources, without the oracle copy, the accessors and itself', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(join(TESTS, 'check', 'support.ts'));
    expect(readdirSync(EXCLUDED_DIRS[0]!).length).toBeGreaterThan(0);
    expect(files.filter((f) => EXCLUDED_DIRS.some((d) => f.startsWith(d)) || EXCLUDED_FILES.includes(f))).toEqual([]);
  });

  test('the guard sees the library sources without the catalogue, and every template', () => {
    expect(libFiles.length).toBeGreaterThan(50);
    expect(libFiles).toContain(join(LIB, 'egress.ts'));
    expect(libFiles).toContain(join(LIB, 'writers', 'deploy-md.ts'));
    expect(libFiles.filter((f) => f.startsWith(CATALOG_DIR))).toEqual([]);
    expect(templateFiles()).toContain(join(TEMPLATES, 'deploy.md.hbs'));
    expect(templateFiles().length).toBeGreaterThan(5);
    for (const file of Object.keys(LIB_ALLOWANCE)) expect(libFiles).toContain(join(ROOT, file));
  });

  test('tests take key names from K and LEGACY (tests/support/keys.ts)', () => {
    const found = findRetyped(program, files, guarded).map((r) => `${r.file}:${r.line}: ${r.name} (${r.where})`);
    expect(found).toEqual([]);
  });

  test('library code takes key names from the catalogue (lib/catalog)', () => {
    const found = findRetyped(program, libFiles, guardedLib, 'lib');
    const unexpected = beyondAllowance(found, LIB_ALLOWANCE);
    expect(unexpected.map((r) => `${r.file}:${r.line}: ${r.name} (${r.where})`)).toEqual([]);
  });

  test('the rule for JavaScript lets K./LEGACY. accessors and comments through and reports the rest (probe)', () => {
    const found = findInJs(JS_PROBE, JS_PROBE_SOURCE).map((r) => `${r.line} ${r.name} ${r.where}`);
    expect(found).toEqual([
      `5 ${K.inferenceModels} string or template text`,
      `6 ${K.disableAutoUpdates} string or template text`,
      `7 ${K.inferenceGatewayBaseUrl} regular expression`,
      `8 ${K.otlpEndpoint} identifier in PropertyAssignment`,
      `9 ${K.inferenceGatewayApiKey} identifier in PropertyAccessExpression`,
      `10 ${K.otlpHeaders} identifier in BindingElement`,
      `11 ${K.banner} identifier in PropertyAccessExpression`,
      `12 ${LEGACY.inferenceGatewayHeaders} string or template text`,
    ]);
    const withoutKeyNames = findInJs(JS_PROBE, JS_PROBE_SOURCE.replace('keyNames(', 'names(')).filter((r) => r.line === 1);
    expect(withoutKeyNames.map((r) => r.where)).toEqual(['accessors not built with keyNames() (tests/support/key-names.js)']);
  });

  test('the guard sees the JavaScript of tests, scripts and bench', () => {
    const js = guardedJsFiles().map((f) => relative(ROOT, f));
    for (const f of ['tests/fixtures/bad/make-corpus.js', 'bench/run.js', 'scripts/generate.js', ...Object.keys(JS_ALLOWANCE)]) expect(js).toContain(f);
    expect(js.filter((f) => f.split(sep).includes('node_modules'))).toEqual([]);
  });

  test('JavaScript takes key names from the catalogue (tests/support/key-names.js)', () => {
    const found = guardedJsFiles().flatMap((f) => findInJs(f, readFileSync(f, 'utf8')));
    expect(beyondAllowance(found, JS_ALLOWANCE).map((r) => `${r.file}:${r.line}: ${r.name} (${r.where})`)).toEqual([]);
  });

  test('templates name no key: names come from the view model', () => {
    const found = templateFiles().flatMap((f) => findInTemplate(f, readFileSync(f, 'utf8')));
    expect(found.map((r) => `${r.file}:${r.line}: ${r.name}`)).toEqual([]);
  });
});

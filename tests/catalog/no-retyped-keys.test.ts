/**
 * Guard: no test retypes a Claude Desktop key name.
 *
 * The catalogue is the single source of truth for key names; a test that spells a name by hand
 * keeps agreeing with its own spelling after the catalogue changes, so it checks nothing. Tests
 * take names from `K` / `LEGACY` (tests/support/keys.ts) instead.
 *
 * The rule, for every `tests/**\/*.ts` except the frozen oracle copy (tests/validate/oracle/),
 * tests/support/keys.ts (which builds the accessors from the catalogue) and this file:
 * a current or retired catalogue key name may appear as a whole word (one that no letter touches:
 * digits, `$` and `_` separate words, so `inferenceModels_Help` and `'$1name$2'` count) in exactly
 * one place:
 *
 *   as the property name of a property access (`a.b`, `a?.b`, or `A.b` in a type) that the
 *   compiler resolves to a property of the receiver's type, where that property has no
 *   declaration outside the guarded test files.
 *
 * That covers `K.inferenceModels` and `LEGACY.isDxtEnabled`, and `profile.settings.inferenceModels`
 * on a catalogue-derived type such as `Settings` (their properties are mapped from the catalogue
 * and have no hand-written declaration): renaming the key in the catalogue makes those lines fail
 * to compile. It does not cover an access through `any`, `unknown` casts or an index signature
 * (`Record<string, unknown>`), nor a property declared in a JSON fixture, the oracle or lib code,
 * since there the compiler would accept any spelling. Everything else is reported: string and
 * template text (checked on the cooked value, so `'\r\nname'` counts), regular expressions,
 * object-literal keys, declarations, destructuring, and comments.
 *
 * Deliberately wrong names (typos for did-you-mean tests, made-up keys) are not catalogue names
 * and are not affected.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { CATALOG } from '../../lib/catalog';
import { K, LEGACY } from '../support/keys';

const ROOT = resolve(__dirname, '..', '..');
const TESTS = join(ROOT, 'tests');
const EXCLUDED_DIRS = [join(TESTS, 'validate', 'oracle') + sep];
const EXCLUDED_FILES = [join(TESTS, 'support', 'keys.ts'), __filename];

const NAMES = new Set<string>([...CATALOG.map((k) => k.name), ...CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => l.name))]);
const WORD = new RegExp(`(?<![A-Za-z])(?:${[...NAMES].join('|')})(?![A-Za-z])`, 'g');

/** One retyped name: where, which, and in what kind of code. */
interface Retyped {
  file: string;
  line: number;
  name: string;
  where: string;
}

/** The test sources the rule applies to. */
function guardedFiles(): string[] {
  return readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
    .map((f) => join(TESTS, f))
    .filter((f) => f.endsWith('.ts') && !EXCLUDED_FILES.includes(f) && !EXCLUDED_DIRS.some((d) => f.startsWith(d)))
    .sort();
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('cannot read tsconfig.json');
  return { ...parsed.options, noEmit: true };
}

/** A program over `files`, plus in-memory `extra` sources (the probes of the rule itself). */
function makeProgram(files: string[], extra: Map<string, string>): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) => {
    const text = extra.get(resolve(name));
    return text === undefined ? getSourceFile(name, lang, onError, create) : ts.createSourceFile(name, text, lang, true);
  };
  host.fileExists = (name) => extra.has(resolve(name)) || fileExists(name);
  host.readFile = (name) => extra.get(resolve(name)) ?? readFile(name);
  return ts.createProgram({ rootNames: [...files, ...extra.keys()], options, host });
}

const STRING_LIKE = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Whether the identifier is a property access the compiler checks against a catalogue-derived type. */
function isCheckedAccess(id: ts.Identifier, checker: ts.TypeChecker, guarded: Set<string>): boolean {
  const p = id.parent;
  const isName = (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id);
  if (!isName) return false;
  const symbol = checker.getSymbolAtLocation(id);
  if (!symbol) return false; // any, unknown, index signature: any spelling compiles
  return (symbol.declarations ?? []).every((d) => guarded.has(resolve(d.getSourceFile().fileName)));
}

/** Every retyped key name in `files` of `program`. */
function findRetyped(program: ts.Program, files: string[], guarded: Set<string>): Retyped[] {
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
        const value = node.kind === ts.SyntaxKind.RegularExpressionLiteral ? node.getText(sf) : (node as ts.LiteralLikeNode).text;
        for (const m of value.matchAll(WORD)) {
          const raw = text.indexOf(m[0], start);
          report(raw >= start && raw < node.getEnd() ? raw : start, m[0], node.kind === ts.SyntaxKind.RegularExpressionLiteral ? 'regular expression' : 'string or template text');
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
      if (!ts.isIdentifier(node)) report(pos, m[0], 'comment');
      else if (node.text !== m[0]) report(pos, m[0], 'part of an identifier');
      else if (!isCheckedAccess(node, checker, guarded)) report(pos, m[0], `identifier in ${ts.SyntaxKind[node.parent.kind]}`);
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Small sources that show what the rule reports and what it lets through. */
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

describe('no test retypes a catalogue key name', () => {
  const files = guardedFiles();
  const guarded = new Set([...files, PROBE]);
  let program: ts.Program;
  beforeAll(() => {
    program = makeProgram(files, new Map([[PROBE, PROBE_SOURCE]]));
  });

  test('the rule reports raw names and lets compiler-checked accesses through (probe)', () => {
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

  test('the guard sees the test sources, without the oracle copy, the accessors and itself', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(join(TESTS, 'check', 'support.ts'));
    expect(readdirSync(EXCLUDED_DIRS[0]!).length).toBeGreaterThan(0);
    expect(files.filter((f) => EXCLUDED_DIRS.some((d) => f.startsWith(d)) || EXCLUDED_FILES.includes(f))).toEqual([]);
  });

  test('tests take key names from K and LEGACY (tests/support/keys.ts)', () => {
    const found = findRetyped(program, files, guarded).map((r) => `${r.file}:${r.line}: ${r.name} (${r.where})`);
    expect(found).toEqual([]);
  });
});

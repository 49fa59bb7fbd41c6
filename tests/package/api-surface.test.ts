/**
 * The public API (what `lib/index.ts` exports, and so what `dist/lib/index.d.ts` declares) is
 * typed and documented: read with the TypeScript checker, not by matching text.
 *
 * - every export carries a TSDoc comment;
 * - every named type of ours that an export's signature reaches (parameters, results, properties,
 *   recursively) is exported too, so a caller can name what a function takes and gives;
 * - every property of those types carries a TSDoc comment (object types written inline in a
 *   function's signature excepted: the function's comment describes them).
 *
 * Each rule is also run on a small in-memory entry point that breaks it, so the test is known to
 * be able to fail.
 */
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { programWith } from '../support/ts-program';

const ROOT = resolve(__dirname, '..', '..');
const LIB = join(ROOT, 'lib');
const ENTRY = join(LIB, 'index.ts');


/** What the rules found wrong with an entry point's API. */
interface ApiReport {
  exports: number;
  undocumentedExports: string[];
  unexportedTypes: string[];
  undocumentedMembers: string[];
}


const isNamedTypeDeclaration = (d: ts.Declaration): boolean =>
  ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d) || ts.isEnumDeclaration(d);

/** Whether the member `d` belongs to an object type written inside a function's signature (not inside a named type). */
function writtenInSignature(d: ts.Node): boolean {
  for (let n: ts.Node | undefined = d.parent; n; n = n.parent) {
    if (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isClassDeclaration(n)) return false;
    if (ts.isFunctionLike(n)) return true;
  }
  return false;
}

/** Checks the API of `entry` (a file under lib/, possibly one of `extra`). */
function checkApi(entry: string, extra = new Map<string, string>()): ApiReport {
  const program = programWith([entry], extra);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  const ours = (d: ts.Declaration): boolean => d.getSourceFile().fileName.startsWith(LIB);
  const where = (d: ts.Declaration): string => relative(ROOT, d.getSourceFile().fileName);
  const target = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

  const exports = checker.getExportsOfModule(moduleSymbol);
  const exportedDeclarations = new Set<ts.Declaration>();
  const undocumentedExports: string[] = [];
  for (const s of exports) {
    const t = target(s);
    for (const d of t.declarations ?? []) exportedDeclarations.add(d);
    if (t.getDocumentationComment(checker).length === 0) undocumentedExports.push(s.name);
  }

  const unexported = new Map<string, string>();
  const undocumentedMembers = new Set<string>();
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type, via: string): void => {
    if (seen.has(type)) return;
    seen.add(type);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const named = symbol?.declarations?.find((d) => ours(d) && isNamedTypeDeclaration(d));
    if (symbol && named && !exportedDeclarations.has(named)) unexported.set(symbol.name, `${symbol.name} (${where(named)}), reached through ${via}`);
    type.aliasTypeArguments?.forEach((a) => visit(a, via));
    if (type.isUnionOrIntersection()) type.types.forEach((u) => visit(u, via));
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      checker.getTypeArguments(type as ts.TypeReference).forEach((a) => visit(a, via));
      return;
    }
    for (const p of checker.getPropertiesOfType(type)) {
      const d = p.valueDeclaration ?? p.declarations?.[0];
      if (!d || !ours(d)) continue;
      const anonymous = !symbol || symbol.name === '__type' || symbol.name === '__object';
      // An object type written inline in a function's signature is described by that function's
      // own comment; one nested in a named type is part of that type and documented member by member.
      const inlineInSignature = anonymous && writtenInSignature(d);
      if ((ts.isPropertySignature(d) || ts.isPropertyDeclaration(d)) && !inlineInSignature && p.getDocumentationComment(checker).length === 0) {
        undocumentedMembers.add(`${anonymous ? via : (symbol as ts.Symbol).name}.${p.name} (${where(d)})`);
      }
      visit(checker.getTypeOfSymbolAtLocation(p, d), `${via}.${p.name}`);
    }
    for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) {
      for (const sig of checker.getSignaturesOfType(type, kind)) {
        for (const p of sig.getParameters()) visit(checker.getTypeOfSymbol(p), `${via}(${p.name})`);
        visit(sig.getReturnType(), `${via}()`);
      }
    }
  };
  for (const s of exports) {
    const t = target(s);
    const d = t.declarations?.[0];
    if (!d) continue;
    if (t.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) visit(checker.getDeclaredTypeOfSymbol(t), s.name);
    if (t.flags & ts.SymbolFlags.Value) visit(checker.getTypeOfSymbolAtLocation(t, d), s.name);
  }
  return {
    exports: exports.length,
    undocumentedExports: undocumentedExports.sort(),
    unexportedTypes: [...unexported.values()].sort(),
    undocumentedMembers: [...undocumentedMembers].sort(),
  };
}

describe('the public API (lib/index.ts)', () => {
  const report = checkApi(ENTRY);

  test('exports something (the check reads the real entry point)', () => {
    expect(report.exports).toBeGreaterThan(100);
  });

  test('every export has a TSDoc comment', () => {
    expect(report.undocumentedExports).toEqual([]);
  });

  test('every named type an export reaches is exported too', () => {
    expect(report.unexportedTypes).toEqual([]);
  });

  test('every property of those types has a TSDoc comment', () => {
    expect(report.undocumentedMembers).toEqual([]);
  });
});

describe('the rules can fail', () => {
  // In-memory files under lib/ (never written to disk), so they count as ours.
  const probeDir = join(LIB, '__api_probe__');
  const entry = join(probeDir, 'index.ts');
  const types = join(probeDir, 'types.ts');
  const probe = checkApi(
    entry,
    new Map([
      [
        types,
        [
          '/** Documented, but its second member is not, and it reaches Hidden. */',
          'export interface Shown {',
          '  /** A documented member. */',
          '  ok: string;',
          '  bare: number;',
          '  /** Reaches a type the entry point does not export. */',
          '  hidden: Hidden;',
          '}',
          '/** Not exported from the entry point. */',
          'export interface Hidden {',
          '  /** A documented member. */',
          '  x: string;',
          '}',
        ].join('\n'),
      ],
      [entry, ["export type { Shown } from './types';", "import type { Shown } from './types';", 'export function undocumented(): Shown {', "  return { ok: '', bare: 0, hidden: { x: '' } };", '}'].join('\n')],
    ]),
  );

  test('an undocumented export is reported', () => {
    expect(probe.undocumentedExports).toEqual(['undocumented']);
  });

  test('a reachable type that is not exported is reported, with the way it is reached', () => {
    expect(probe.unexportedTypes).toEqual([expect.stringMatching(/^Hidden \(lib\/__api_probe__\/types\.ts\), reached through (Shown|undocumented\(\))\.hidden$/)]);
  });

  test('an undocumented property is reported', () => {
    expect(probe.undocumentedMembers).toEqual(['Shown.bare (lib/__api_probe__/types.ts)']);
  });
});

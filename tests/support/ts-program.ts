/**
 * A TypeScript program over the project's sources with tsconfig.json's options, for the tests
 * that read the code with the type checker (the key-name guard, the public API check), plus
 * in-memory files (their probes) that are never written to disk.
 */
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');

/** tsconfig.json's compiler options, with nothing emitted. */
export function projectCompilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('cannot read tsconfig.json');
  return { ...parsed.options, noEmit: true };
}

/** A program whose roots are `rootNames`, where the files of `extra` (absolute path → text) exist in memory. */
export function programWith(rootNames: readonly string[], extra: ReadonlyMap<string, string>): ts.Program {
  const options = projectCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const directoryExists = host.directoryExists?.bind(host) ?? ts.sys.directoryExists;
  host.getSourceFile = (name, lang, onError, create) => {
    const text = extra.get(resolve(name));
    return text === undefined ? getSourceFile(name, lang, onError, create) : ts.createSourceFile(name, text, lang, true);
  };
  host.fileExists = (name) => extra.has(resolve(name)) || fileExists(name);
  host.readFile = (name) => extra.get(resolve(name)) ?? readFile(name);
  // Module resolution asks for an in-memory file's folder first.
  host.directoryExists = (name) => [...extra.keys()].some((f) => f.startsWith(`${resolve(name)}/`)) || directoryExists(name);
  return ts.createProgram({ rootNames: [...rootNames], options, host });
}

/**
 * A tiny TypeScript loader for child processes in tests: `node --require <this> script.ts`.
 * It only strips types (typescript.transpileModule, CommonJS), so a child can run the library
 * from source without ts-node or a build, under a different TZ/LANG than the test process.
 */
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true, sourceMap: false },
  });
  module._compile(out.outputText, filename);
};

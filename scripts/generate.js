#!/usr/bin/env node
// Regenerates the files derived from the key catalogue (run `npm run generate` after editing
// lib/catalog, schemas/views or templates). Needs the compiled library: the npm script builds it first.
// Every file is computed, and the shipped examples validated, before any is written
// (scripts/compute-then-write.js): a catalogue mistake fails the run with the tree untouched.
const fs = require('node:fs');
const { dirname, join } = require('node:path');
const { profileSchemaText } = require('../dist/lib/catalog/json-schema');
const { precompiledFiles } = require('./generate-precompiled');
const { catalogArtifactFiles, distWriters } = require('./generate-catalog-artifacts');
const { computeThenWrite, exampleErrors, GenerateStepError } = require('./compute-then-write');
const { compileTemplateSource } = require('../dist/lib/render/compile-template');
const { TEMPLATE_HELPERS } = require('../dist/lib/render/template');
const { keysMarkdown, KEYS_DOC_PATH } = require('../dist/lib/docs/keys-markdown');
const { validateProfile } = require('../dist/lib/validate');
const { formatFinding } = require('../dist/lib/validate/findings');

const root = join(__dirname, '..');
// Until the files are written, the library compiles the current schema, views and templates at run
// time (same output, slower), so every step below already sees the edited catalogue.
const steps = [
  { name: 'the profile JSON Schema', run: () => ({ 'schemas/profile.schema.json': profileSchemaText() }) },
  { name: 'precompiled validators and templates', run: () => precompiledFiles({ root, profileSchemaText: profileSchemaText(), templateCompiler: { compileTemplateSource, helpers: TEMPLATE_HELPERS } }) },
  // Catalogue-only artifacts (ADMX/ADML, profile manifest, Jamf schema), computed and self-checked here.
  { name: 'catalogue artifacts (ADMX/ADML, profile manifest, Jamf schema)', run: () => catalogArtifactFiles(distWriters(root), root) },
  { name: 'the key reference', run: () => ({ [KEYS_DOC_PATH]: keysMarkdown() }) },
  {
    name: 'checking the shipped examples (examples/*.profile.json)',
    run: () => {
      const errors = exampleErrors(root, { validateProfile, formatFinding }, fs);
      if (errors.length > 0) throw new Error(`fix the examples or the catalogue:\n${errors.join('\n')}`);
      return {};
    },
  },
];

try {
  computeThenWrite(steps, (file, content) => {
    fs.mkdirSync(dirname(join(root, file)), { recursive: true });
    fs.writeFileSync(join(root, file), content);
    console.log(`wrote ${file}`);
  });
} catch (e) {
  // A failed step stopped the run before any write; anything else (a write) may have written some files.
  console.error(e instanceof GenerateStepError ? `npm run generate: ${e.message}\nnothing was written` : `npm run generate: ${e && e.stack ? e.stack : String(e)}`);
  process.exitCode = 1;
}

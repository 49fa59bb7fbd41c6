#!/usr/bin/env node
// Regenerates the files derived from the key catalogue (run `npm run generate` after editing
// lib/catalog, schemas/views or templates). Needs the compiled library: the npm script builds it first.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { profileSchemaText } = require('../dist/lib/catalog/json-schema');
const { precompiledFiles } = require('./generate-precompiled');
const { catalogArtifactFiles, distWriters } = require('./generate-catalog-artifacts');
const { compileTemplateSource } = require('../dist/lib/render/compile-template');
const { TEMPLATE_HELPERS } = require('../dist/lib/render/template');
const { keysMarkdown, KEYS_DOC_PATH } = require('../dist/lib/docs/keys-markdown');

const root = join(__dirname, '..');
writeFileSync(join(root, 'schemas', 'profile.schema.json'), profileSchemaText());
console.log('wrote schemas/profile.schema.json');
for (const [file, text] of Object.entries(precompiledFiles({ root, profileSchemaText: profileSchemaText(), templateCompiler: { compileTemplateSource, helpers: TEMPLATE_HELPERS } }))) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
// Catalogue-only artifacts (ADMX/ADML, profile manifest, Jamf schema), computed and self-checked here.
for (const [file, bytes] of Object.entries(catalogArtifactFiles(distWriters(root), root))) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), bytes);
  console.log(`wrote ${file}`);
}
// The key reference, last: it renders with the templates and validators written above.
writeFileSync(join(root, ...KEYS_DOC_PATH.split('/')), keysMarkdown());
console.log(`wrote ${KEYS_DOC_PATH}`);

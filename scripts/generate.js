#!/usr/bin/env node
// Regenerates the files derived from the key catalogue (run `npm run generate` after editing
// lib/catalog, schemas/views or templates). Needs the compiled library: the npm script builds it first.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { profileSchemaText } = require('../dist/lib/catalog/json-schema');
const { precompiledFiles } = require('./generate-precompiled');

const root = join(__dirname, '..');
writeFileSync(join(root, 'schemas', 'profile.schema.json'), profileSchemaText());
console.log('wrote schemas/profile.schema.json');
for (const [file, text] of Object.entries(precompiledFiles({ root, profileSchemaText: profileSchemaText() }))) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}

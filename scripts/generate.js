#!/usr/bin/env node
// Regenerates the files derived from the key catalogue (run `npm run generate` after editing
// lib/catalog). Needs the compiled library: the npm script builds it first.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { profileSchemaText } = require('../dist/lib/catalog/json-schema');

const root = join(__dirname, '..');
writeFileSync(join(root, 'schemas', 'profile.schema.json'), profileSchemaText());
console.log('wrote schemas/profile.schema.json');

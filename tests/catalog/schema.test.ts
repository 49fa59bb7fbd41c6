import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CATALOG } from '../../lib/catalog';
import { buildProfileSchema, profileSchemaText } from '../../lib/catalog/json-schema';

const committed = readFileSync(join(__dirname, '..', '..', 'schemas', 'profile.schema.json'), 'utf8');

describe('schemas/profile.schema.json', () => {
  test('is up to date with the catalogue (run `npm run generate` when this fails)', () => {
    expect(committed).toBe(profileSchemaText());
  });

  test('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(JSON.parse(committed))).toBe(true);
    expect(() => ajv.compile(JSON.parse(committed))).not.toThrow();
  });

  test('describes every key, carries enums, and refuses unknown keys', () => {
    const schema = buildProfileSchema() as { properties: { settings: { properties: Record<string, { description?: string; enum?: unknown[] }>; additionalProperties: boolean } } };
    const settings = schema.properties.settings;
    expect(settings.additionalProperties).toBe(false);
    expect(Object.keys(settings.properties)).toEqual(CATALOG.map((k) => k.name));
    for (const key of CATALOG) {
      const s = settings.properties[key.name];
      expect(s?.description).toContain(key.description);
      if (key.enum && key.type === 'string' && !key.secret) expect(s?.enum).toEqual(key.enum);
    }
  });
});

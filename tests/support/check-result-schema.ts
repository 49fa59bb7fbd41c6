/**
 * `--json` documents of check, import and diff checked against schemas/check-result.schema.json
 * with ajv: the whole document, or one of its definitions (`importResult`, `importFailure`,
 * `diffResult`, `diffFailure`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addSchema(JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'check-result.schema.json'), 'utf8')) as object, 'check-result');

/** What a document is checked as: `check` (the whole schema) or a definition's name. */
export type CheckResultShape = 'check' | 'importResult' | 'importFailure' | 'diffResult' | 'diffFailure';

function validator(shape: CheckResultShape): ValidateFunction {
  const v = ajv.getSchema(shape === 'check' ? 'check-result' : `check-result#/definitions/${shape}`);
  if (!v) throw new Error(`schemas/check-result.schema.json has no definition ${shape}`);
  return v;
}

/** Fails the test, with ajv's errors, unless `body` is a valid document of `shape`. */
export function expectCheckResult(shape: CheckResultShape, body: unknown): void {
  const v = validator(shape);
  expect({ shape, valid: v(body), errors: v.errors }).toEqual({ shape, valid: true, errors: null });
}

/**
 * Access to the precompiled code under `generated/` (made by `npm run generate`, see
 * `scripts/generate-precompiled.js`): ajv standalone validators and Handlebars template specs.
 * Each generated file records the SHA-256 of the source it was made from; callers compare that
 * with the current source and compile the source instead when they differ.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { packageRoot } from './package-root';

/** Lower-case hex SHA-256 of UTF-8 text (the hash the generator records). */
export function sourceSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Loads `generated/<file>`; `undefined` when the file does not exist (a checkout before
 * `npm run generate`), so callers fall back to compiling. Other load errors propagate.
 */
export function loadGenerated<T>(file: string): T | undefined {
  const path = join(packageRoot(), 'generated', file);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, loaded on demand
    return require(path) as T;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(path)) return undefined;
    throw e;
  }
}

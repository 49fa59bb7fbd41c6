/**
 * Child-process half of the determinism test: builds every macOS artifact of every example (and
 * the hostile fixture) and prints `{ env, digests: { "<file>:<form>:<path>": "<sha256>" } }` as JSON. Signing material, if
 * any, comes from the folder in CGP_PKI_DIR (leaf.pem, leaf.key, int.pem).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { macosArtifacts } from '../../../lib/writers/macos';
import { digestAll } from './digest';

const dir = process.env.CGP_PKI_DIR;
const signing = dir
  ? { certificatePem: readFileSync(join(dir, 'leaf.pem'), 'utf8'), privateKeyPem: readFileSync(join(dir, 'leaf.key'), 'utf8'), chainPem: readFileSync(join(dir, 'int.pem'), 'utf8') }
  : undefined;
const digests = digestAll((p, form) => macosArtifacts(p, { payloadForm: form, ...(signing ? { signing } : {}) }));
// The environment the child really ran in, so the test can show TZ and locale took effect.
const env = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, locale: Intl.DateTimeFormat().resolvedOptions().locale, offsetMinutes: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() };
process.stdout.write(JSON.stringify({ env, digests }));

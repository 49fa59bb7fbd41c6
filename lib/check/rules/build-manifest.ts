/**
 * `manifest.json` written by `build`: every file it lists must still have the size and SHA-256
 * recorded there (a file edited by hand after the build, or a partial copy, shows up here).
 * Files are looked up among the files given, then beside the manifest on disk.
 */
import { createHash } from 'node:crypto';
import { dirname, join, normalize } from 'node:path';
import { finding, type Finding } from '../../validate/findings';
import type { CrossFileRule } from '../types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const norm = (p: string): string => normalize(p).replace(/\\/g, '/');

/** Compares the checksums in `manifest.json` with the files given or beside it. */
export const buildManifestRule: CrossFileRule = {
  id: 'build-manifest',
  codes: ['manifest-shape', 'manifest-checksum-mismatch', 'manifest-file-missing'],
  check: (files, readSibling) => {
    const out: Finding[] = [];
    for (const m of files.filter((f) => f.kind === 'build-manifest-json')) {
      const body = m.read.json;
      const add = (code: string, severity: 'error' | 'warning', path: string, message: string, hint?: string) => out.push({ ...finding(code, severity, path, message, hint), file: m.input.name });
      if (!isObject(body) || !Array.isArray(body.files)) {
        add('manifest-shape', 'error', '(root)', 'manifest.json has no "files" list');
        continue;
      }
      body.files.forEach((entry, i) => {
        if (!isObject(entry) || typeof entry.path !== 'string' || typeof entry.sha256 !== 'string' || typeof entry.size !== 'number') {
          add('manifest-shape', 'error', `files[${i}]`, `files[${i}] must be {"path", "size", "sha256", "mediaType"}`);
          return;
        }
        const listed = entry.path;
        const rel = norm(join(dirname(m.input.name), listed));
        const given = files.find((f) => norm(f.input.name) === rel || norm(f.input.name).endsWith(`/${norm(listed)}`));
        const bytes = given?.input.bytes ?? (m.input.path ? readSibling(join(dirname(m.input.path), listed)) : undefined);
        if (!bytes) {
          if (m.input.path) add('manifest-file-missing', 'warning', `files[${i}]`, `${listed} is listed but not found beside the manifest`, 'copy the whole output folder, or rebuild');
          return;
        }
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (sha !== entry.sha256 || bytes.length !== entry.size) {
          add('manifest-checksum-mismatch', 'error', `files[${i}]`, `${listed} changed after the build (SHA-256 or size differ from the manifest)`, 'rebuild instead of editing built files, or check where the copy came from');
        }
      });
    }
    return out;
  },
};

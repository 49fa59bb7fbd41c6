/**
 * `manifest.json` written by `build`: every file it lists must still have the size and SHA-256
 * recorded there (a file edited by hand after the build, or a partial copy, shows up here).
 *
 * A manifest speaks for its own build folder only: each listed path is resolved against the
 * folder the manifest is in and must name exactly that file, first among the files given (by
 * absolute path when both are on disk, else by name), then beside the manifest on disk. Several
 * build folders checked together (`build a b --out out && check out`) all list the same relative
 * names (`json/settings.json`), so a file is never judged by another folder's manifest. A listed
 * path that is absolute or climbs out of the folder (`..`) is no path `build` writes.
 *
 * `containsSecrets` (which files hold the profile's secrets) is written by newer builds only: a
 * manifest without it is accepted, one with it must say `true` or `false`, since release jobs
 * choose what to publish by it.
 */
import { createHash } from 'node:crypto';
import { join, posix } from 'node:path';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactContext, CrossFileRule, LoadedInput } from '../types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A path with `/` separators, normalised (`a/./b` → `a/b`). */
const norm = (p: string): string => posix.normalize(p.replace(/\\/g, '/'));

/** Whether a listed path stays inside the manifest's folder: relative, no `..` segment, no drive. */
function insideFolder(listed: string): boolean {
  const p = listed.replace(/\\/g, '/');
  if (p === '' || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  return !p.split('/').includes('..');
}

/** The files given, by where they are: absolute path (files on disk) and name. */
function indexOf(files: readonly ArtifactContext[]): { byPath: Map<string, LoadedInput>; byName: Map<string, LoadedInput> } {
  const byPath = new Map<string, LoadedInput>();
  const byName = new Map<string, LoadedInput>();
  for (const f of files) {
    if (f.input.path !== undefined && !byPath.has(norm(f.input.path))) byPath.set(norm(f.input.path), f.input);
    if (!byName.has(norm(f.input.name))) byName.set(norm(f.input.name), f.input);
  }
  return { byPath, byName };
}

/**
 * The given file `listed` names, relative to manifest `m`'s folder: compared by absolute path
 * when both are on disk, by name otherwise (the same file given without a path).
 */
function givenFile(m: LoadedInput, listed: string, index: ReturnType<typeof indexOf>): LoadedInput | undefined {
  if (m.path !== undefined) {
    const onDisk = index.byPath.get(norm(posix.join(posix.dirname(norm(m.path)), listed)));
    if (onDisk) return onDisk;
  }
  const named = index.byName.get(norm(posix.join(posix.dirname(norm(m.name)), listed)));
  // A file on disk is the same file only if its path says so (checked above).
  return named && (named.path === undefined || m.path === undefined) ? named : undefined;
}

/** Compares the checksums in `manifest.json` with the files given or beside it. */
export const buildManifestRule: CrossFileRule = {
  id: 'build-manifest',
  codes: ['manifest-shape', 'manifest-checksum-mismatch', 'manifest-file-missing'],
  check: (files, readSibling) => {
    const out: Finding[] = [];
    const manifests = files.filter((f) => f.kind === 'build-manifest-json');
    if (manifests.length === 0) return out;
    const index = indexOf(files);
    for (const m of manifests) {
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
        if (entry.containsSecrets !== undefined && typeof entry.containsSecrets !== 'boolean') {
          add('manifest-shape', 'error', `files[${i}]`, `files[${i}].containsSecrets must be true or false`, 'build writes a boolean there (absent in manifests of older builds); rebuild instead of editing manifest.json');
          return;
        }
        const listed = entry.path;
        if (!insideFolder(listed)) {
          add('manifest-shape', 'error', `files[${i}]`, `files[${i}].path is not a path inside the build folder`, 'build lists every file relative to the folder of manifest.json');
          return;
        }
        const given = givenFile(m.input, listed, index);
        const bytes = given?.bytes ?? (m.input.path !== undefined ? readSibling(join(posix.dirname(norm(m.input.path)), listed)) : undefined);
        if (!bytes) {
          if (m.input.path !== undefined) add('manifest-file-missing', 'warning', `files[${i}]`, `${listed} is listed but not found beside the manifest`, 'copy the whole output folder, or rebuild');
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

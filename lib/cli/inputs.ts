import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './io';

/**
 * Expands the profile arguments of a verb: plain files, folders (every `*.json` directly in them)
 * and simple globs in the last path segment (`profiles/*.json`, for shells that do not expand
 * them). Returns unique absolute paths sorted, so the order inputs are given in never matters.
 */
export function expandInputs(cwd: string, args: readonly string[]): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const full = resolve(cwd, arg);
    if (/[*?]/.test(basename(arg))) {
      const dir = dirname(full);
      const re = globToRegExp(basename(arg));
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        throw new UsageError(`${arg}: folder ${dirname(arg)} cannot be read`);
      }
      const matched = names.filter((n) => re.test(n) && isFile(join(dir, n)));
      if (matched.length === 0) throw new UsageError(`${arg}: no file matches`);
      for (const n of matched) out.add(join(dir, n));
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new UsageError(`${arg}: no such file or folder`);
    }
    if (isDir) {
      const files = readdirSync(full).filter((n) => n.endsWith('.json') && isFile(join(full, n)));
      if (files.length === 0) throw new UsageError(`${arg}: the folder holds no .json profile`);
      for (const n of files) out.add(join(full, n));
    } else out.add(full);
  }
  return [...out].sort();
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

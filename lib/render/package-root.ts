import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder of this package (where `templates/` and `schemas/` live), found by walking up from
 * this module: the same code runs from `lib/` under ts-jest and from `dist/lib/` when installed.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'claude-gateway-profile') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('claude-gateway-profile: cannot find the package folder (templates/ and schemas/)');
    dir = parent;
  }
}

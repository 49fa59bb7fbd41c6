/**
 * allowedWorkspaceFolders paths the app would not expand (reference section 1.8: `~` and a fixed
 * set of variables expand, nothing else): another `%VAR%`, a `${VAR}` or a leading `$VAR`, and a
 * relative path.
 * Warnings: the app takes the text as it is, so the folder simply never matches.
 */
import { getKey } from '../../catalog';
import { WORKSPACE_PATH_VARIABLES } from '../../catalog/sections/workspace';
import { finding, type Finding } from '../findings';
import { isObject, isString, type Rule } from './types';

const FOLDERS = getKey('allowedWorkspaceFolders').name;
const FIXED: ReadonlySet<string> = new Set(WORKSPACE_PATH_VARIABLES);
const FIXED_LIST = `~ and ${WORKSPACE_PATH_VARIABLES.join(', ')}`;

// `/…`, `C:\…` or `C:/…`, `\\server\…`, `~`, `~/…`, `~\…`, or a fixed variable first.
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\|~(?:$|[\\/])|%[^%]+%)/;

export const workspaceRule: Rule = ({ settings }) => {
  const folders = settings[FOLDERS];
  if (!Array.isArray(folders)) return [];
  const out: Finding[] = [];
  folders.forEach((entry, i) => {
    const path = isObject(entry) ? entry.path : undefined;
    if (!isString(path) || path === '') return;
    const where = ['settings', FOLDERS, i, 'path'];
    const unknown = [...path.matchAll(/%[^%\s\\/]+%|\$\{[A-Za-z_][A-Za-z0-9_]*\}|^\$[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((v) => !FIXED.has(v));
    if (unknown.length > 0) {
      const near = unknown.map((v) => WORKSPACE_PATH_VARIABLES.find((f) => f.toLowerCase() === v.toLowerCase())).filter((f) => f !== undefined);
      out.push(
        finding(
          'workspace-path-variable',
          'warning',
          where,
          `${JSON.stringify(path)} uses ${unknown.join(', ')}, which the app does not expand: only ${FIXED_LIST} do`,
          near.length > 0 ? `write the variable exactly as ${near.join(', ')}` : `write the folder with ${FIXED_LIST}, or as an absolute path`,
          FOLDERS,
        ),
      );
    } else if (!ABSOLUTE.test(path)) {
      out.push(
        finding(
          'workspace-path-relative',
          'warning',
          where,
          `${JSON.stringify(path)} is a relative path; the app does not resolve it against any folder`,
          `start it with / (macOS, Linux), a drive letter such as C:\\ (Windows), ~ or one of ${WORKSPACE_PATH_VARIABLES.join(', ')}`,
          FOLDERS,
        ),
      );
    }
  });
  return out;
};

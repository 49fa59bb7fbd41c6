/**
 * The deployed Linux managed-settings file, judged where it sits. Claude Desktop on Linux reads
 * `/etc/claude-desktop/managed-settings.json` only when the file and its folder are owned by root,
 * not group- or world-writable, and not symbolic links (reference §0); otherwise it ignores the file,
 * so the whole managed policy silently does not apply.
 *
 * Only a file checked at that very path is judged: the path as given, made absolute but with no
 * link resolved (so a symbolic link named that path is judged as the link it is). A copy anywhere
 * else (a build output folder, the admin's home) says nothing about the machine and gets no finding.
 * Needs the caller's `lstat` (the CLI gives `fs.lstatSync`); skipped on Windows.
 *
 * - `managed-settings-symlink`: the file or its folder is a symbolic link;
 * - `managed-settings-not-root`: the file or its folder is not owned by uid 0;
 * - `managed-settings-writable`: the file or its folder is group- or world-writable.
 *
 * Findings name the file or folder, never anything from the file's content (it may hold API keys).
 */
import { basename, dirname, resolve } from 'node:path';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactRule, HostView, PathStat } from '../types';

/** Quotes a path for a shell command line when it needs it. */
function sh(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

const IGNORED = 'Claude Desktop ignores such a managed settings file, so none of its settings apply';

/** Which of group and world may write, in words; undefined when neither may. */
function writableBy(mode: number): string | undefined {
  const group = (mode & 0o020) !== 0;
  const world = (mode & 0o002) !== 0;
  if (!group && !world) return undefined;
  return group && world ? 'group- and world-writable' : group ? 'group-writable' : 'world-writable';
}

const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/** Findings about the deployed file (`what` = 'file') or its folder (`what` = 'folder'). */
function judge(host: HostView, what: 'file' | 'folder', st: PathStat): Finding[] {
  const file = host.managedSettingsPath;
  const folder = dirname(file);
  const path = what === 'file' ? file : folder;
  const location = what === 'file' ? '(file)' : '(folder)';
  const name = what === 'file' ? path : `the folder ${path}`;
  if (st.isSymbolicLink()) {
    // A link's own owner and mode say nothing (links are 0777): the link itself is the problem.
    const fix =
      what === 'file'
        ? `replace the link with a copy of its target: sudo cp --remove-destination "$(readlink -f ${sh(file)})" ${sh(file)}; sudo chown root:root ${sh(file)}; sudo chmod 644 ${sh(file)}`
        : `make it a real folder: t="$(readlink -f ${sh(folder)})"; sudo rm ${sh(folder)}; sudo mkdir -m 755 ${sh(folder)}; sudo cp "$t/${basename(file)}" ${sh(file)}; sudo chown root:root ${sh(folder)} ${sh(file)}; sudo chmod 644 ${sh(file)}`;
    return [finding('managed-settings-symlink', 'error', location, `${name} is a symbolic link; ${IGNORED}`, fix)];
  }
  const out: Finding[] = [];
  if (st.uid !== 0) out.push(finding('managed-settings-not-root', 'error', location, `${name} is owned by uid ${st.uid}, not by root; ${IGNORED}`, `sudo chown root:root ${sh(path)}`));
  const writable = writableBy(st.mode);
  if (writable) out.push(finding('managed-settings-writable', 'error', location, `${name} is ${writable} (mode ${octal(st.mode)}); ${IGNORED}`, `sudo chmod ${what === 'file' ? '644' : '755'} ${sh(path)}`));
  return out;
}

/** Ownership, mode and links of the managed-settings file at the path Claude Desktop reads on Linux. */
export const managedFilePermissionsRule: ArtifactRule = {
  id: 'managed-file-permissions',
  codes: ['managed-settings-symlink', 'managed-settings-not-root', 'managed-settings-writable'],
  // Whatever its content looks like, the file at that path is the one the app reads as managed settings.
  appliesTo: () => true,
  check: (ctx) => {
    const host = ctx.host;
    if (!host || host.platform === 'win32' || ctx.input.path === undefined) return [];
    if (resolve(ctx.input.path) !== resolve(host.managedSettingsPath)) return [];
    const out: Finding[] = [];
    const file = host.lstat(host.managedSettingsPath);
    if (file) out.push(...judge(host, 'file', file));
    const folder = host.lstat(dirname(host.managedSettingsPath));
    if (folder) out.push(...judge(host, 'folder', folder));
    return out;
  },
};

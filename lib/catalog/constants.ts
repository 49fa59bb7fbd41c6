/**
 * Facts about Claude Desktop that are not one key: store locations, the deprecation cut-off, the
 * newest build this catalogue covers. Writers take these from here, never from their own copy.
 */

/** The macOS preference domain Claude Desktop reads. */
export const MACOS_PREFERENCE_DOMAIN = 'com.anthropic.claudefordesktop';

/** The registry key (below HKLM or HKCU) Claude Desktop reads; values directly here, no subkeys. */
export const WINDOWS_POLICY_KEY = 'SOFTWARE\\Policies\\Claude';

/** Linux managed settings file (root-owned, not group/world-writable, not a symlink). */
export const LINUX_MANAGED_SETTINGS_PATH = '/etc/claude-desktop/managed-settings.json';

/** Per-OS folder of the app's local configuration library. */
export const CONFIG_LIBRARY_DIRS = {
  macos: '~/Library/Application Support/Claude-3p/configLibrary/',
  windows: '%LOCALAPPDATA%\\Claude-3p\\configLibrary\\',
  linux: '~/.config/Claude-3p/configLibrary/',
} as const;

/** Old names and shapes stopped being read on 2026-10-07 at 12:00 PT (19:00 UTC). */
export const DEPRECATION_CUTOFF = '2026-10-07T19:00:00Z';

/** The newest Claude Desktop build whose keys this catalogue holds. */
export const CATALOG_APP_VERSION = '1.46388.4';

/** The day the reference behind this catalogue was collected. */
export const CATALOG_DATE = '2026-11-24';

/** Bootstrap needs at least this build. */
export const BOOTSTRAP_MIN_APP_VERSION = '1.10270.0';

/** Since this build, any value under HKLM makes the app ignore HKCU policy entirely. */
export const HKLM_EXCLUSIVE_SINCE = '1.19367.0';

/**
 * The longest text an ADMX `text` element accepts in our bundle. Group Policy and Intune enforce
 * `maxLength` (default 1023, which silently truncates JSON); 32767 is the REG_SZ length the UI allows.
 */
export const ADMX_TEXT_MAX_LENGTH = 32767;

/** Hosts the app reaches whatever the settings (HTTPS, 443). */
export const FIXED_EGRESS_HOSTS = [
  { host: 'downloads.claude.ai', why: 'VM bundle and Claude Code binary at session start (not needed with the offline installer)' },
] as const;

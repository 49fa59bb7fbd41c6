/**
 * DEPLOY.md, the deployment summary an admin reads first, and egress.txt, the host list for the
 * firewall or proxy.
 *
 * DEPLOY.md says what the profile sets (secrets masked), which hosts to allow, how scope and
 * precedence work, where each built file goes per platform, how to try it on one machine, and the
 * checksums. Platform steps are only written for platforms whose files are in the build: the
 * files are taken from `info.files` (matched by folder and extension, see {@link FILE_KINDS}), not
 * hard-coded, and every file no step mentions is still listed.
 */
import { posix } from 'node:path';
import type { Artifact } from '../artifact';
import {
  BOOTSTRAP_MIN_APP_VERSION,
  CATALOG,
  CATALOG_APP_VERSION,
  CONFIG_LIBRARY_DIRS,
  findKey,
  getKey,
  HKLM_EXCLUSIVE_SINCE,
  LINUX_MANAGED_SETTINGS_PATH,
  MACOS_PREFERENCE_DOMAIN,
  WINDOWS_POLICY_KEY,
  sectionTitle,
  type KeyDef,
} from '../catalog';
import { compareEgress, egressFrom, egressLine, INFERRED_MARK, type EgressHost } from '../egress';
import type { ResolvedProfile } from '../profile/types';
import '../render/markdown-escapers';
import { renderTemplate } from '../render/template';
import { displayValue, withoutQuery } from './display-value';
import { configLibraryEntryPath, JSON_OUTPUT_PATHS } from './json-outputs';

/** A built file as DEPLOY.md lists it. */
export interface DeployFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Whether the file holds the profile's secret values in clear text (`BuiltFile.containsSecrets`). */
  readonly containsSecrets: boolean;
}

/** What DEPLOY.md needs beside the profile: the built files, the egress list and the build's warnings. */
export interface DeployInfo {
  readonly files: readonly DeployFile[];
  readonly egress: readonly EgressHost[];
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

/**
 * How built files are recognised, by path relative to the profile's output folder. The first
 * matching kind wins; files matching none are listed under "Other files".
 */
const FILE_KINDS = {
  signedMobileconfig: /^macos\/[^/]+\.signed\.mobileconfig$/,
  mobileconfig: /^macos\/[^/]+\.mobileconfig$/,
  profileManifest: /^macos\/[^/]+\.manifest\.plist$/,
  jamfSchema: /^jamf\/[^/]+\.json$/,
  jamfPlist: /^jamf\/[^/]+\.plist$/,
  // The Intune macOS "Preference file": bare <key>/<string> pairs (the only plist/XML under intune/).
  preferenceFragment: /^intune\/[^/]+\.(plist|xml)$/,
  omaUri: /^intune\/[^/]+\.windows-oma-uri\.csv$/,
  graphMacos: /^intune\/[^/]+\.macos-custom-configuration\.json$/,
  graphWindows: /^intune\/[^/]+\.windows-custom-configuration\.json$/,
  undoReg: /^windows\/[^/]+\.undo\.reg$/,
  reg: /^windows\/[^/]+\.reg$/,
  admx: /^windows\/.*\.admx$/,
  adml: /^windows\/.*\.adml$/,
  linuxManaged: new RegExp(`^${escapeRe(JSON_OUTPUT_PATHS.linuxManaged)}$`),
  configLibrary: /^config-library\/[^/]+\.json$/,
  bootstrapResponse: new RegExp(`^${escapeRe(JSON_OUTPUT_PATHS.bootstrapResponse)}$`),
  settingsJson: new RegExp(`^${escapeRe(JSON_OUTPUT_PATHS.settings)}$`),
  manifest: /^manifest\.json$/,
  egressTxt: /^egress\.txt$/,
} as const;

type FileKind = keyof typeof FILE_KINDS;

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The kinds whose pattern starts with a fixed folder ("^macos\/…") are only tried on paths in that
// folder (each path used to run through every pattern); the order within stays the same.
const KIND_ENTRIES = Object.entries(FILE_KINDS) as [FileKind, RegExp][];
const KIND_FOLDER = new Map(KIND_ENTRIES.map(([kind, re]) => [kind, /^\^([A-Za-z0-9_-]+)\\\//.exec(re.source)?.[1]]));
const kindsByFolder = new Map<string, [FileKind, RegExp][]>();
function kindsFor(folder: string): [FileKind, RegExp][] {
  let list = kindsByFolder.get(folder);
  if (!list) {
    list = KIND_ENTRIES.filter(([kind]) => KIND_FOLDER.get(kind) === undefined || KIND_FOLDER.get(kind) === folder);
    if (kindsByFolder.size < 64) kindsByFolder.set(folder, list);
  }
  return list;
}

/** The kind of a built file, or undefined. */
export function fileKind(path: string): FileKind | undefined {
  // Most paths (the catalogue files, egress.txt, manifest.json) recur in every profile: their kind
  // is remembered. Bounded, so a long run of distinct names only stops adding.
  let kind = kindCache.get(path);
  if (kind === undefined) {
    kind = matchKind(path) ?? null;
    if (kindCache.size < 512) kindCache.set(path, kind);
  }
  return kind ?? undefined;
}
const kindCache = new Map<string, FileKind | null>();

function matchKind(path: string): FileKind | undefined {
  const slash = path.indexOf('/');
  for (const [kind, re] of kindsFor(slash === -1 ? '' : path.slice(0, slash))) if (re.test(path)) return kind;
  return undefined;
}

/**
 * DEPLOY.md for a profile (UTF-8, LF). Secrets are never written: secret settings show as
 * `••••` plus at most four characters, or as `from env NAME`; egress shows hosts only.
 */
export function deployMarkdown(profile: ResolvedProfile, info: DeployInfo): Artifact {
  const text = renderTemplate('deploy.md.hbs', 'deploy', deployView(profile, info));
  return { path: 'DEPLOY.md', bytes: utf8Bytes(text), mediaType: 'text/markdown; charset=utf-8', holdsSettingValues: false };
}

// Buffer.from(text, 'utf8') measures the UTF-8 length in one pass over the text and encodes it in
// a second; writing into a buffer big enough for any text of that length (3 bytes per UTF-16
// unit) and copying the used part out needs one pass and a memcpy. Same encoder, same bytes
// (lone surrogates become U+FFFD either way; tests/build-parts/markdown-bytes.test.ts checks).
const SCRATCH_LIMIT = 1 << 20;
let scratch: Buffer | undefined;

/** The UTF-8 bytes of `text`, as `Buffer.from(text, 'utf8')` gives them. */
export function utf8Bytes(text: string): Buffer {
  const worst = text.length * 3;
  if (worst > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  if (!scratch || scratch.length < worst) scratch = Buffer.allocUnsafeSlow(Math.max(worst, 64 * 1024));
  const n = scratch.write(text, 0, 'utf8');
  return Buffer.from(scratch.subarray(0, n));
}

/**
 * egress.txt: one `host` or `host:port` (port other than 443) per line, sorted, deduplicated,
 * trailing LF. Empty when the list is empty.
 */
export function egressText(egress: readonly EgressHost[]): Artifact {
  const lines = [...new Set([...egress].sort(compareEgress).map(egressLine))];
  return { path: 'egress.txt', bytes: Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'), mediaType: 'text/plain; charset=utf-8', holdsSettingValues: false };
}

/** The view model of `templates/deploy.md.hbs` (checked against `schemas/views/deploy.schema.json`). */
export interface DeployView {
  title: string;
  name: string;
  identifier: string;
  organization: string;
  description: string;
  provider: string;
  catalogAppVersion: string;
  scope: { machine: boolean; name: string; hiveKey: string; regKey: string; regQuery: string; hklmKey: string; hkcuKey: string; hkuKey: string; payloadScope: string; intuneChannel: string; gpoNode: string; hklmExclusiveSince: string };
  settings: { key: string; section: string; value: string; masked: boolean; delivery: string }[];
  secrets: { path: string; envName: string }[];
  /** The built files that hold the secrets in clear text, in file order (DEPLOY.md's Secrets paragraph names them). */
  secretFiles: string[];
  egress: { host: string; port: number; why: string; source: string }[];
  proxy: string;
  hasInferred: boolean;
  unlisted: { any: boolean; essentialTelemetry: boolean; updates: boolean; nonessentialServices: boolean };
  /** Key names the text mentions, by their role there (the template never spells a key name). */
  keys: DeployKeyNames;
  warnings: { path: string; message: string }[];
  undelivered: string[];
  domain: string;
  platforms: {
    macos: { present: boolean; mobileconfig: string; signed: string; profileManifest: string };
    jamf: { present: boolean; mobileconfig: string; schema: string; plist: string };
    intuneMacos: { present: boolean; mobileconfig: string; fragment: string; graph: string };
    intuneWindows: { present: boolean; admx: string; adml: string; omaUri: string; graph: string; reg: string };
    gpo: { present: boolean; admx: string; adml: string; reg: string; undo: string };
    otherMdm: { present: boolean; mobileconfig: string };
    linux: { present: boolean; file: string; target: string; dir: string; hasSecrets: boolean };
    bootstrap: { present: boolean; file: string; url: string; minAppVersion: string };
    configLibrary: { present: boolean; meta: string; entry: string; posixDirs: { os: string; dir: string }[]; windowsDir: string };
    settingsJson: string;
    manifest: string;
  };
  otherFiles: string[];
  files: { path: string; size: number; sha256: string }[];
}

/** The keys DEPLOY.md's text names, by role; their names come from the catalogue. */
export interface DeployKeyNames {
  /** The bootstrap URL that bootstrap-only keys need. */
  bootstrap: string;
  /** Turns essential telemetry off. */
  essentialTelemetryOff: string;
  /** Turns update checks off. */
  autoUpdatesOff: string;
  /** Forces a downloaded update after some hours. */
  updateEnforcement: string;
  /** Updates from releases.claude.com. */
  updatesHost: string;
  /** Turns the nonessential services off. */
  nonessentialServicesOff: string;
  /** Chooses the inference provider (third-party mode). */
  provider: string;
}

const KEY_NAMES: DeployKeyNames = {
  bootstrap: getKey('bootstrapUrl').name,
  essentialTelemetryOff: getKey('disableEssentialTelemetry').name,
  autoUpdatesOff: getKey('disableAutoUpdates').name,
  updateEnforcement: getKey('autoUpdaterEnforcementHours').name,
  updatesHost: getKey('updateViaUpdatesHost').name,
  nonessentialServicesOff: getKey('disableNonessentialServices').name,
  provider: getKey('inferenceProvider').name,
};

/** Builds the DEPLOY.md view model (exported for tests). */
export function deployView(profile: ResolvedProfile, info: DeployInfo): DeployView {
  const s = profile.settings;
  const values = s as Record<string, unknown>;
  const machine = profile.scope === 'machine';
  const paths = info.files.map((f) => f.path);
  const used = new Set<string>();
  // Each path is classified once; the first path of a kind (in file order) is the one listed.
  const byKind = new Map<FileKind, string>();
  for (const p of paths) {
    const kind = fileKind(p);
    if (kind && !byKind.has(kind)) byKind.set(kind, p);
  }
  const first = (kind: FileKind): string => {
    const p = byKind.get(kind) ?? '';
    if (p) used.add(p);
    return p;
  };
  const mobileconfig = first('mobileconfig');
  const signed = first('signedMobileconfig');
  // MDM consoles get the unsigned profile (they sign or edit it themselves); the signed one only when alone.
  const anyMobileconfig = mobileconfig || signed;
  const fragment = first('preferenceFragment');
  const profileManifest = first('profileManifest');
  const jamfSchema = first('jamfSchema');
  const jamfPlist = first('jamfPlist');
  const omaUri = first('omaUri');
  const graphMacos = first('graphMacos');
  const graphWindows = first('graphWindows');
  const reg = first('reg');
  const undo = first('undoReg');
  const admx = first('admx');
  const adml = first('adml');
  const linuxFile = first('linuxManaged');
  const bootstrapFile = first('bootstrapResponse');
  const settingsJson = first('settingsJson');
  const manifest = first('manifest');
  first('egressTxt'); // described in the egress section
  const meta = paths.includes(JSON_OUTPUT_PATHS.configLibraryMeta) ? JSON_OUTPUT_PATHS.configLibraryMeta : '';
  // The entry's name is a UUIDv5 of the identifier: only worth hashing when the build has one.
  const entryPath = paths.some((p) => p.startsWith(CONFIG_LIBRARY_FOLDER)) ? configLibraryEntryPath(profile) : undefined;
  const entry = entryPath !== undefined && paths.includes(entryPath) ? entryPath : '';
  for (const p of [meta, entry]) if (p) used.add(p);

  const settings: DeployView['settings'] = [];
  const undelivered: string[] = [];
  for (const def of setKeys(values)) {
    const value = values[def.name];
    const shown = displayValue(def, value, profile.secrets);
    const bootstrapOnly = def.availability === 'bootstrap';
    if (bootstrapOnly && !bootstrapFile) undelivered.push(def.name);
    settings.push({ key: def.name, section: SECTION_TITLES.get(def) as string, value: shown.text, masked: shown.masked, delivery: delivery(def, bootstrapOnly && !bootstrapFile) });
  }

  const unlisted = {
    essentialTelemetry: s.disableEssentialTelemetry !== true,
    updates: s.disableAutoUpdates !== true && s.updateViaUpdatesHost !== true,
    nonessentialServices: s.disableNonessentialServices !== true,
  };
  const proxy = info.egress.find((e) => egressFrom(e, 'egressProxyUrl'));
  const bootstrapUrl = s.bootstrapUrl ? withoutQuery(s.bootstrapUrl) : '';
  return {
    title: profile.displayName,
    name: profile.name,
    identifier: profile.identifier,
    organization: profile.organization ?? '',
    description: profile.description ?? '',
    provider: s.inferenceProvider ?? '',
    catalogAppVersion: CATALOG_APP_VERSION,
    scope: scopeView(machine, profile.scope),
    settings,
    secrets: profile.secrets.map((x) => ({ path: x.path, envName: x.from === 'env' && x.envName ? x.envName : '' })),
    secretFiles: info.files.filter((f) => f.containsSecrets).map((f) => f.path),
    egress: [...info.egress].sort(compareEgress).map((e) => ({ host: e.host, port: e.port, why: e.why, source: e.source })),
    proxy: proxy ? egressLine(proxy) : '',
    hasInferred: info.egress.some((e) => e.why.includes(INFERRED_MARK)),
    unlisted: { any: unlisted.essentialTelemetry || unlisted.updates || unlisted.nonessentialServices, ...unlisted },
    keys: KEY_NAMES,
    warnings: info.warnings.map((w) => ({ path: w.path, message: w.message })),
    undelivered,
    domain: MACOS_PREFERENCE_DOMAIN,
    platforms: {
      macos: { present: Boolean(anyMobileconfig), mobileconfig, signed, profileManifest },
      jamf: { present: Boolean(anyMobileconfig || jamfSchema || jamfPlist), mobileconfig: anyMobileconfig, schema: jamfSchema, plist: jamfPlist },
      intuneMacos: { present: Boolean(anyMobileconfig || fragment || graphMacos), mobileconfig: anyMobileconfig, fragment, graph: graphMacos },
      intuneWindows: { present: Boolean((admx && adml) || omaUri || graphWindows), admx, adml, omaUri, graph: graphWindows, reg },
      gpo: { present: Boolean((admx && adml) || reg), admx, adml, reg, undo },
      otherMdm: { present: Boolean(anyMobileconfig), mobileconfig: anyMobileconfig },
      linux: { present: Boolean(linuxFile), file: linuxFile, target: LINUX_MANAGED_SETTINGS_PATH, dir: LINUX_DIR, hasSecrets: profile.secrets.length > 0 },
      bootstrap: { present: Boolean(bootstrapFile), file: bootstrapFile, url: bootstrapUrl, minAppVersion: BOOTSTRAP_MIN_APP_VERSION },
      configLibrary: {
        present: Boolean(meta && entry),
        meta,
        entry,
        posixDirs: [
          { os: 'macOS', dir: MACOS_LIBRARY_DIR },
          { os: 'Linux', dir: LINUX_LIBRARY_DIR },
        ],
        windowsDir: WINDOWS_LIBRARY_DIR,
      },
      settingsJson,
      manifest,
    },
    otherFiles: paths.filter((p) => !used.has(p)),
    files: info.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

function delivery(def: KeyDef, notDelivered: boolean): string {
  if (notDelivered) return 'bootstrap only: not delivered (no bootstrap URL)';
  switch (def.availability) {
    case 'mdm':
      return 'MDM';
    case 'bootstrap':
      return 'bootstrap';
    case 'both':
      return 'MDM, bootstrap';
  }
}

/** `~/x/` as `$HOME/x` for a double-quoted shell word. */
function homeDir(dir: string): string {
  return dir.replace(/^~\//, '$HOME/').replace(/\/$/, '');
}

/**
 * The catalogue keys a settings object sets, in catalogue order. A profile sets a few of the ~120
 * keys: sorting its own keys is cheaper than reading every catalogue name from it (each read a
 * lookup by a different name). Settings are plain data, so own keys are all there is.
 */
function setKeys(values: Record<string, unknown>): KeyDef[] {
  const defs: KeyDef[] = [];
  for (const name of Object.keys(values)) {
    const def = findKey(name);
    if (def !== undefined && values[name] !== undefined) defs.push(def);
  }
  return defs.sort((a, b) => (CATALOG_INDEX.get(a) as number) - (CATALOG_INDEX.get(b) as number));
}

// What depends only on the catalogue and the scope is worked out once per process.
const CATALOG_INDEX: ReadonlyMap<KeyDef, number> = new Map(CATALOG.map((def, i) => [def, i]));
const SECTION_TITLES: ReadonlyMap<KeyDef, string> = new Map(CATALOG.map((def) => [def, sectionTitle(def.section)]));
const CONFIG_LIBRARY_FOLDER = `${posix.dirname(configLibraryEntryPath({ identifier: 'x' }))}/`;
const LINUX_DIR = posix.dirname(LINUX_MANAGED_SETTINGS_PATH);
const MACOS_LIBRARY_DIR = homeDir(CONFIG_LIBRARY_DIRS.macos);
const LINUX_LIBRARY_DIR = homeDir(CONFIG_LIBRARY_DIRS.linux);
const WINDOWS_LIBRARY_DIR = CONFIG_LIBRARY_DIRS.windows.replace(/^%LOCALAPPDATA%/, '$env:LOCALAPPDATA').replace(/\\$/, '');
const scopeStrings = (machine: boolean) => ({
  hiveKey: `${machine ? 'HKEY_LOCAL_MACHINE' : 'HKEY_CURRENT_USER'}\\${WINDOWS_POLICY_KEY}`,
  regKey: `${machine ? 'HKLM' : 'HKCU'}\\${WINDOWS_POLICY_KEY}`,
  regQuery: `reg query "${machine ? 'HKLM' : 'HKCU'}\\${WINDOWS_POLICY_KEY}"`,
  hklmKey: `HKLM\\${WINDOWS_POLICY_KEY}`,
  hkcuKey: `HKCU\\${WINDOWS_POLICY_KEY}`,
  // Where a script with administrative rights writes one user's policy (HKCU is the running account's own hive).
  hkuKey: `HKEY_USERS\\<user SID>\\${WINDOWS_POLICY_KEY}`,
  payloadScope: machine ? 'System' : 'User',
  intuneChannel: machine ? 'Device channel' : 'User channel',
  gpoNode: machine ? 'Computer Configuration' : 'User Configuration',
  hklmExclusiveSince: HKLM_EXCLUSIVE_SINCE,
});
const MACHINE_SCOPE = scopeStrings(true);
const USER_SCOPE = scopeStrings(false);
function scopeView(machine: boolean, name: string): DeployView['scope'] {
  const k = machine ? MACHINE_SCOPE : USER_SCOPE;
  return { machine, name, hiveKey: k.hiveKey, regKey: k.regKey, regQuery: k.regQuery, hklmKey: k.hklmKey, hkcuKey: k.hkcuKey, hkuKey: k.hkuKey, payloadScope: k.payloadScope, intuneChannel: k.intuneChannel, gpoNode: k.gpoNode, hklmExclusiveSince: k.hklmExclusiveSince };
}

/**
 * Types of the artifact linter: what a rule sees about one file, and the shape of a rule.
 * Rules are small modules in `rules/`, listed once in `rules/index.ts` (table-driven, like the
 * Fleet and pre-commit-macadmin linters): adding a rule is adding a file and a row.
 */
import type { PathSegment } from '../profile/path';
import type { ArtifactRead, DetectedKind } from '../read/detect';
import type { Finding } from '../validate/findings';
import type { DecodedSettings } from './decode';

/** One file as `check` received it. */
export interface CheckInput {
  /** The name shown in findings (usually the path as given on the command line). */
  readonly name: string;
  /** The file's content, exactly as read (never decoded or normalised first): a Buffer or any Uint8Array. */
  readonly bytes: Buffer | Uint8Array;
  /** Absolute path, when the file is on disk: lets rules find siblings (ADML next to ADMX). */
  readonly path?: string;
}

/** A {@link CheckInput} once `checkArtifacts` has checked it: its bytes as a Buffer (the same memory). */
export interface LoadedInput extends CheckInput {
  readonly bytes: Buffer;
}

/** Everything a rule knows about one file. */
export interface ArtifactContext {
  readonly input: LoadedInput;
  readonly kind: DetectedKind;
  readonly read: ArtifactRead;
  /** The file's Claude values decoded into native settings, with their places. */
  readonly decoded: DecodedSettings;
  /** The moment deprecation cut-offs and certificate dates are judged at. */
  readonly now: Date;
  /** Trust anchor (PEM) for signed profiles, when the caller gave one. */
  readonly caPem?: string;
  /**
   * The place in the file of a key (as written or its current name) and a path inside its value:
   * `PayloadContent[0].inferenceModels[1].name`, `line 7 (inferenceModels[1].name)`.
   */
  readonly locate: (key: string, inside?: readonly PathSegment[]) => string;
  /** What `check` may look at on the machine besides the file's bytes; absent when the caller gave no `lstat`. */
  readonly host?: HostView;
}

/**
 * What `lstat` says about a path itself (a symbolic link, not its target): the part `check` judges
 * of the deployed Linux managed-settings file and its folder. A `fs.Stats` is one.
 */
export interface PathStat {
  /** The owner's user id (0 is root). */
  readonly uid: number;
  /** Type and permission bits (`0o022` are the group- and world-write bits). */
  readonly mode: number;
  isSymbolicLink(): boolean;
}

/** Reads a path's own metadata without following a final symbolic link (`fs.lstatSync`); undefined when it cannot. */
export type PathStatter = (absolutePath: string) => PathStat | undefined;

/** The machine as the rules see it: how to stat a path, where the app reads its managed file, the platform. */
export interface HostView {
  readonly lstat: PathStatter;
  /** Where Claude Desktop on Linux reads managed settings (`LINUX_MANAGED_SETTINGS_PATH`; tests use a temp folder). */
  readonly managedSettingsPath: string;
  /** The platform `check` runs on (`process.platform`). */
  readonly platform: NodeJS.Platform;
}

/** A rule about one file. Returns findings without `file` (the engine adds it). */
export interface ArtifactRule {
  /** Module name, for docs and tests. */
  readonly id: string;
  /** The finding codes this rule can produce (stable; documented in docs/check-json.md). */
  readonly codes: readonly string[];
  /** Which kinds the rule looks at. */
  readonly appliesTo: (kind: DetectedKind) => boolean;
  readonly check: (ctx: ArtifactContext) => Finding[];
}

/** Reads a file next to an input (ADML beside ADMX), or undefined when there is none. */
export type SiblingReader = (absolutePath: string) => Buffer | undefined;

/** A rule across every file of one `check` run. Findings name their `file` (an input's name). */
export interface CrossFileRule {
  readonly id: string;
  readonly codes: readonly string[];
  readonly check: (files: readonly ArtifactContext[], readSibling: SiblingReader) => Finding[];
}

/** Kinds whose store holds only strings (macOS preferences, the registry): native types are wrong there. */
export const STRING_STORE_KINDS: readonly DetectedKind[] = ['mobileconfig', 'signed-mobileconfig', 'plist', 'preference-fragment', 'intune-macos-graph-json', 'reg'];

/** Kinds delivered by MDM (plist, registry, managed JSON, local library): bootstrap-only keys do nothing there. */
export const MDM_KINDS: readonly DetectedKind[] = [...STRING_STORE_KINDS, 'intune-windows-graph-json', 'intune-windows-csv', 'managed-settings-json', 'config-library-json'];

/** Kinds read as a macOS plist store. */
export const PLIST_KINDS: readonly DetectedKind[] = ['mobileconfig', 'signed-mobileconfig', 'plist', 'preference-fragment', 'intune-macos-graph-json'];

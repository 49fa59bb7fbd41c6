/**
 * Detect-then-read for every kind `check`, `import` and `diff` accept: one dispatch from the
 * detected kind to the reader that owns it (macOS, Windows and JSON readers alike).
 */
import { readMobileconfig } from '../read/mobileconfig';
import { nativeOf, parsePlistXml, plistText, readPreferenceFragment, readPreferencePlist } from '../read/plist';
import { readReg } from '../read/reg';
import { detectKind, type ArtifactRead, type DetectedKind, type Detection } from '../read/detect';
import { readConfigLibraryMeta, readFlatSettingsJson, readIntuneMacosGraph, readOtherJson } from '../read/json-artifacts';
import { readProfileJson } from '../read/profile-json';
import { finding, type Finding } from '../validate/findings';
import { isCutShortUtf16, UTF16_CUT_SHORT } from '../read/utf16';
import { readIntuneWindowsCsv, readIntuneWindowsGraph } from './read-intune-windows';

/** Options of {@link readArtifact}. */
export interface ReadArtifactOptions {
  /** The file's name or path: only breaks ties between flat JSON shapes (see `detectKind`). */
  fileName?: string;
  /** Skip detection and read as this kind. */
  kind?: DetectedKind;
  /** Verify a signed profile's chain against this trust anchor (PEM). */
  caPem?: string;
  /** The moment certificate validity is judged at. */
  now?: Date;
}

/**
 * Thrown by {@link readArtifact} for a file no reader can start on (a UTF-16 file cut short):
 * `finding` says why, at `(file)`.
 */
export class ArtifactReadError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
    this.name = 'ArtifactReadError';
  }
}

/**
 * The reason an unexpected error gives, for a finding about the file that caused it: its message,
 * except a SyntaxError's (V8 quotes the input there, which may hold a secret).
 */
export function failureReason(e: unknown): string {
  if (e instanceof SyntaxError) return 'its text could not be parsed';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Detects a file's kind and reads it. `read` is undefined when the kind is unknown. Throws
 * {@link ArtifactReadError} for a file that starts with a UTF-16 byte-order mark but has an odd
 * number of bytes, whatever its kind: checked here once, for every verb and reader.
 */
export function readArtifact(bytes: Buffer, options: ReadArtifactOptions = {}): { detection: Detection; read?: ArtifactRead } {
  if (isCutShortUtf16(bytes)) throw new ArtifactReadError(finding('utf16-cut-short', 'error', '(file)', UTF16_CUT_SHORT, 'copy or export the file again; it was cut off while being copied or saved'));
  const detection: Detection = options.kind ? { kind: options.kind, reason: 'kind given by the caller' } : detectKind(bytes, options.fileName);
  const kind = detection.kind;
  if (kind === 'unknown') return { detection };
  return { detection, read: readAs(kind, bytes, options) };
}

function readAs(kind: DetectedKind, bytes: Buffer, options: ReadArtifactOptions): ArtifactRead {
  switch (kind) {
    case 'mobileconfig':
    case 'signed-mobileconfig':
      return readMobileconfig(bytes, options.caPem ? { verifyWith: { caPem: options.caPem, ...(options.now ? { now: options.now } : {}) } } : {});
    case 'plist':
      return readPreferencePlist(bytes);
    case 'preference-fragment':
      return readPreferenceFragment(bytes);
    case 'reg':
      return readReg(bytes);
    case 'admx':
    case 'adml':
      // Linted as a pair by the admx-pair rule.
      return { kind, metadata: {}, entries: [], findings: [] };
    case 'profile-json':
      return readProfileJson(bytes);
    case 'managed-settings-json':
    case 'config-library-json':
    case 'bootstrap-response-json':
      return readFlatSettingsJson(bytes, kind);
    case 'config-library-meta-json':
      return readConfigLibraryMeta(bytes);
    case 'jamf-schema':
    case 'build-manifest-json':
      return readOtherJson(bytes, kind);
    case 'intune-macos-graph-json':
      return readIntuneMacosGraph(bytes);
    case 'intune-windows-graph-json':
      return readIntuneWindowsGraph(bytes);
    case 'intune-windows-csv':
      return readIntuneWindowsCsv(bytes);
    case 'profile-manifest':
      try {
        const { text, findings } = plistText(bytes);
        return { kind, metadata: {}, entries: [], findings, json: nativeOf(parsePlistXml(text).root) };
      } catch (e) {
        return { kind, metadata: {}, entries: [], findings: [finding('unreadable-plist', 'error', '(file)', (e as Error).message)] };
      }
  }
}

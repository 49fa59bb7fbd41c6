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
import { finding } from '../validate/findings';
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

/** Detects a file's kind and reads it. `read` is undefined when the kind is unknown. */
export function readArtifact(bytes: Buffer, options: ReadArtifactOptions = {}): { detection: Detection; read?: ArtifactRead } {
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

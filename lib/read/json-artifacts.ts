/**
 * Readers for the JSON artifacts: managed settings (`/etc/claude-desktop/managed-settings.json`
 * and `json/settings.json`), a config-library entry (`configLibrary/<id>.json`) and its
 * `_meta.json`, a bootstrap response, the Jamf custom schema, the build manifest and the Intune
 * Graph body for macOS (whose payload is a `.mobileconfig`).
 *
 * `JSON.parse` forgets duplicate keys (the last one silently wins) and where each value was, so
 * {@link scanJson} walks the text once more to give both: line numbers make findings point at a
 * line an admin can open, duplicates are a real deployment bug.
 */
import { MAX_PROFILE_DEPTH } from '../profile/depth';
import { formatPath, type PathSegment } from '../profile/path';
import { clip, clipName } from '../escape/clip';
import { finding, type Finding } from '../validate/findings';
import { decodeUtf8, parseJsonText } from '../cli/read-json';
import type { ArtifactRead, DetectedKind } from './detect';
import { readMobileconfig } from './mobileconfig';
import { catalogueName, type ReadEntry } from './types';

/** Where each value of a JSON text starts, and the keys an object repeats. */
export interface JsonScan {
  /** `JSON.stringify(path)` → 1-based line of the value at that path. */
  readonly lines: ReadonlyMap<string, number>;
  /** Keys that occur twice in one object (`path` is the object's path). */
  readonly duplicates: readonly { readonly path: readonly PathSegment[]; readonly key: string; readonly line: number; readonly firstLine: number }[];
}

/** Deeper nesting than this is refused: no Claude setting nests more than a few levels, and deep input only exhausts the stack. The same limit as a profile's (`validateProfile`). */
export const MAX_JSON_DEPTH = MAX_PROFILE_DEPTH;

/** Thrown by {@link scanJson} for JSON nested deeper than {@link MAX_JSON_DEPTH}. */
export class JsonTooDeepError extends Error {
  constructor(
    readonly line: number,
    /** Where the nesting starts: the first few keys of the path, for the message. */
    readonly where: string,
  ) {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH} levels, under ${where}`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * Scans JSON text that `JSON.parse` accepts, recording the line of every value and every
 * repeated key. Tolerates trailing garbage (it stops after the first value). Throws
 * {@link JsonTooDeepError} beyond {@link MAX_JSON_DEPTH} levels.
 */
export function scanJson(text: string): JsonScan {
  const lines = new Map<string, number>();
  const duplicates: { path: PathSegment[]; key: string; line: number; firstLine: number }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: PathSegment[]): void => {
    ws();
    if (path.length > MAX_JSON_DEPTH) throw new JsonTooDeepError(line, `${formatPath(path.slice(0, 3))}…`);
    lines.set(JSON.stringify(path), line);
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Map<string, number>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < text.length) {
        ws();
        const keyLine = line;
        const key = str();
        const first = seen.get(key);
        if (first !== undefined) duplicates.push({ path, key, line: keyLine, firstLine: first });
        else seen.set(key, keyLine);
        ws();
        i++; // ':'
        value([...path, key]);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; i < text.length; n++) {
        value([...path, n]);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
    }
  };
  value([]);
  return { lines, duplicates };
}

/** The line of the value at `path`, or of its nearest enclosing value that has one. */
export function lineOf(scan: JsonScan, path: readonly PathSegment[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const l = scan.lines.get(JSON.stringify(path.slice(0, n)));
    if (l !== undefined) return l;
  }
  return undefined;
}

/** The plist-style type name of a JSON value (`string`, `boolean`, `integer`, `real`, `array`, `dict`, `null`). */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'dict';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  return typeof v;
}

/** Parsed JSON text with its scan, or the finding that says why it does not parse. */
export type ParsedJson = { ok: true; value: unknown; text: string; scan: JsonScan } | { ok: false; findings: Finding[] };

/** Decodes (UTF-8 only) and parses a JSON artifact, reporting encoding and syntax errors with their place. */
export function parseJsonArtifact(bytes: Buffer): ParsedJson {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, findings: [decoded.finding] };
  const parsed = parseJsonText(decoded.text);
  if (!parsed.ok) return { ok: false, findings: [parsed.finding] };
  try {
    return { ok: true, value: parsed.value, text: decoded.text, scan: scanJson(decoded.text) };
  } catch (e) {
    if (!(e instanceof JsonTooDeepError)) throw e;
    return { ok: false, findings: [finding('too-deep', 'error', `line ${e.line} (${e.where})`, e.message, 'no Claude Desktop setting nests this deep; the file is damaged or hostile')] };
  }
}

/** Findings for keys repeated in one JSON object (the last one wins silently in every JSON reader). */
export function duplicateKeyFindings(scan: JsonScan, pathPrefix = ''): Finding[] {
  return scan.duplicates.map((d) => {
    const inSettings = d.path.length === 0 || (pathPrefix === 'settings' && d.path.length === 1 && d.path[0] === 'settings');
    return finding('duplicate-key', 'error', `line ${d.line}`, `"${clipName(d.key)}" occurs twice in the same object (first at line ${d.firstLine}); only the last value is read`, 'remove one of them', inSettings ? catalogueName(d.key) : undefined);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unreadable(kind: DetectedKind, findings: Finding[]): ArtifactRead {
  return { kind, metadata: {}, entries: [], findings };
}

/**
 * Reads a flat JSON object of settings (managed settings, config-library entry, bootstrap
 * response): every top-level key is an entry, its value kept as found with its JSON type.
 */
export function readFlatSettingsJson(bytes: Buffer, kind: 'managed-settings-json' | 'config-library-json' | 'bootstrap-response-json'): ArtifactRead {
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return unreadable(kind, parsed.findings);
  if (!isObject(parsed.value)) return unreadable(kind, [finding('not-an-object', 'error', '(root)', 'the file must hold one JSON object of settings')]);
  const findings = duplicateKeyFindings(parsed.scan);
  const entries: ReadEntry[] = [];
  for (const [key, raw] of Object.entries(parsed.value)) {
    // The bootstrap response's cache lifetime is not a setting.
    if (kind === 'bootstrap-response-json' && key === 'expiresAt') continue;
    entries.push({ key, raw, storedAs: jsonTypeName(raw), location: `line ${lineOf(parsed.scan, [key]) ?? 1}` });
  }
  return { kind, metadata: {}, entries, findings, json: parsed.value, jsonScan: parsed.scan };
}

/**
 * Reads a config library `_meta.json` (`{"appliedId", "entries": [{"id", "name"}]}`): checks its
 * shape and that the applied id is one of the entries. It carries no settings.
 */
export function readConfigLibraryMeta(bytes: Buffer): ArtifactRead {
  const kind = 'config-library-meta-json';
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return unreadable(kind, parsed.findings);
  const v = parsed.value;
  const findings = duplicateKeyFindings(parsed.scan);
  const at = (path: PathSegment[]) => `line ${lineOf(parsed.scan, path) ?? 1}`;
  if (!isObject(v)) return unreadable(kind, [finding('not-an-object', 'error', '(root)', '_meta.json must hold one JSON object')]);
  const ids: string[] = [];
  if (!Array.isArray(v.entries)) findings.push(finding('config-library-meta-shape', 'error', at(['entries']), '"entries" must be a list of {"id", "name"}'));
  else {
    v.entries.forEach((e, i) => {
      if (!isObject(e) || typeof e.id !== 'string' || typeof e.name !== 'string') findings.push(finding('config-library-meta-shape', 'error', at(['entries', i]), `entries[${i}] must be {"id": "…", "name": "…"}`));
      else {
        if (ids.includes(e.id)) findings.push(finding('config-library-meta-shape', 'error', at(['entries', i]), `entries[${i}]: id ${clip(e.id)} is listed twice`, 'list each configuration once'));
        ids.push(e.id);
      }
    });
  }
  if (typeof v.appliedId !== 'string') findings.push(finding('config-library-meta-shape', 'error', at(['appliedId']), '"appliedId" must be the id of one entry'));
  else if (Array.isArray(v.entries) && !ids.includes(v.appliedId)) {
    findings.push(finding('config-library-applied-missing', 'error', at(['appliedId']), `appliedId ${clip(v.appliedId)} is not the id of any entry`, 'set appliedId to the id of the configuration to apply'));
  }
  const applied = Array.isArray(v.entries) ? v.entries.find((e) => isObject(e) && e.id === v.appliedId) : undefined;
  const metadata = isObject(applied) && typeof applied.name === 'string' ? { displayName: applied.name } : {};
  return { kind, metadata, entries: [], findings, json: v, jsonScan: parsed.scan };
}

/** Reads any other JSON artifact (Jamf schema, build manifest) for the rules that know its shape. */
export function readOtherJson(bytes: Buffer, kind: 'jamf-schema' | 'build-manifest-json'): ArtifactRead {
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return unreadable(kind, parsed.findings);
  if (!isObject(parsed.value)) return unreadable(kind, [finding('not-an-object', 'error', '(root)', 'the file must hold one JSON object')]);
  return { kind, metadata: {}, entries: [], findings: duplicateKeyFindings(parsed.scan), json: parsed.value, jsonScan: parsed.scan };
}

/**
 * Reads the Graph `macOSCustomConfiguration` body: its `payload` is the base64 of a
 * `.mobileconfig`, which is read (and its entries located as `payload → …`).
 */
export function readIntuneMacosGraph(bytes: Buffer): ArtifactRead {
  const kind = 'intune-macos-graph-json';
  const parsed = parseJsonArtifact(bytes);
  if (!parsed.ok) return unreadable(kind, parsed.findings);
  const v = parsed.value;
  if (!isObject(v)) return unreadable(kind, [finding('not-an-object', 'error', '(root)', 'the Graph body must be one JSON object')]);
  const findings = duplicateKeyFindings(parsed.scan);
  const at = (key: string) => `line ${lineOf(parsed.scan, [key]) ?? 1}`;
  for (const key of ['displayName', 'payloadName', 'payloadFileName', 'payload']) {
    if (typeof v[key] !== 'string' || v[key] === '') findings.push(finding('graph-field-missing', 'error', at(key), `"${key}" is missing or empty`, 'Graph refuses a macOSCustomConfiguration without it'));
  }
  if (typeof v.payloadFileName === 'string' && v.payloadFileName !== '' && !v.payloadFileName.endsWith('.mobileconfig')) {
    findings.push(finding('graph-payload-file-name', 'warning', at('payloadFileName'), `payloadFileName "${clip(v.payloadFileName)}" does not end in .mobileconfig`, 'name it <name>.mobileconfig'));
  }
  if (typeof v.payload !== 'string' || v.payload === '') return { kind, metadata: {}, entries: [], findings, json: v, jsonScan: parsed.scan };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v.payload.replace(/\s+/g, ''))) {
    findings.push(finding('graph-payload-base64', 'error', at('payload'), '"payload" is not base64 text', 'put the base64 of the .mobileconfig bytes in payload'));
    return { kind, metadata: {}, entries: [], findings, json: v, jsonScan: parsed.scan };
  }
  const inner = readMobileconfig(Buffer.from(v.payload, 'base64'));
  const prefix = (loc: string) => `payload → ${loc}`;
  const out: ArtifactRead = {
    kind,
    metadata: inner.metadata,
    entries: inner.entries.map((e) => ({ ...e, location: prefix(e.location) })),
    findings: [...findings, ...inner.findings.map((f) => ({ ...f, path: prefix(f.path) }))],
    json: v,
    jsonScan: parsed.scan,
    ...(inner.scope ? { scope: inner.scope } : {}),
  };
  return out;
}

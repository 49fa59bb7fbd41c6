/**
 * Which kind of artifact a file is, judged from its CONTENT (bytes, text, JSON shape), never from
 * its extension: admins rename files (`.xml` for a fragment, `.txt` for a `.reg` exported from a
 * ticket), and a wrong guess by name would lint a file with the wrong rules.
 *
 * The only use of the file name is to tell apart flat JSON objects that have the same shape
 * (a bootstrap response and a config-library entry both hold native values); the content wins
 * whenever it decides (`expiresAt` → bootstrap response).
 */
import { clip } from '../escape/clip';
import { looksSigned } from '../sign/cms';
import type { JsonScan } from './json-artifacts';
import type { ArtifactKind, ReadResult } from './types';
import { utf16beText } from './utf16';

/**
 * Every kind `check` knows: the reader kinds of `lib/read/types.ts`, plus JSON files that carry
 * no Claude values themselves or that only `check` reads.
 */
export type DetectedKind =
  | ArtifactKind
  | 'bootstrap-response-json'
  | 'config-library-meta-json'
  | 'build-manifest-json'
  | 'intune-macos-graph-json'
  | 'intune-windows-graph-json'
  | 'intune-windows-csv'
  | 'profile-manifest';

/**
 * A {@link ReadResult} of any detected kind. JSON readers also keep the parsed value and where
 * each value sits in the text, for rules that need the document itself.
 */
export interface ArtifactRead extends Omit<ReadResult, 'kind'> {
  readonly kind: DetectedKind;
  /** The parsed document (JSON kinds). */
  readonly json?: unknown;
  /** Line numbers and repeated keys of the JSON text (JSON kinds). */
  readonly jsonScan?: JsonScan;
}

/** Kinds that hold Claude values an import can turn into a profile. */
export const VALUE_KINDS: readonly DetectedKind[] = [
  'mobileconfig',
  'signed-mobileconfig',
  'plist',
  'preference-fragment',
  'reg',
  'profile-json',
  'config-library-json',
  'managed-settings-json',
  'bootstrap-response-json',
  'intune-macos-graph-json',
  'intune-windows-graph-json',
  'intune-windows-csv',
];

/** What {@link detectKind} decided and why. */
export interface Detection {
  /** The kind judged from the content (the file name only breaks ties between alike JSON shapes); `unknown` when nothing matched. */
  readonly kind: DetectedKind | 'unknown';
  /** One line saying what gave the kind away (or why none was found), for messages. */
  readonly reason: string;
}

/** Whether a string names a {@link DetectedKind} (for `--kind`). */
export function isDetectedKind(name: string): name is DetectedKind {
  return (ALL_KINDS as readonly string[]).includes(name);
}

/** Every detected kind, for usage messages. */
export const ALL_KINDS: readonly DetectedKind[] = [
  'mobileconfig',
  'signed-mobileconfig',
  'plist',
  'preference-fragment',
  'reg',
  'admx',
  'adml',
  'profile-json',
  'config-library-json',
  'config-library-meta-json',
  'managed-settings-json',
  'bootstrap-response-json',
  'jamf-schema',
  'build-manifest-json',
  'intune-macos-graph-json',
  'intune-windows-graph-json',
  'intune-windows-csv',
  'profile-manifest',
];

/**
 * Decodes file bytes to text the way the artifact readers do: UTF-16LE/BE by BOM, UTF-16LE
 * without BOM by its zero high bytes, UTF-8 otherwise (BOM stripped).
 */
export function bytesToText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16beText(bytes.subarray(2));
  if (bytes.length >= 4 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return bytes.toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Detects the kind of an artifact from its content. `fileName` (base name or path) only breaks
 * ties between flat JSON objects of the same shape.
 */
export function detectKind(bytes: Buffer, fileName = ''): Detection {
  if (bytes.length === 0) return { kind: 'unknown', reason: 'the file is empty' };
  if (looksSigned(bytes)) return { kind: 'signed-mobileconfig', reason: 'DER/BER CMS envelope' };
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist') return { kind: 'plist', reason: 'binary property list' };
  const text = bytesToText(bytes);
  const head = text.replace(/^\s+/, '');
  if (/^(Windows Registry Editor Version 5\.00|REGEDIT4)\b/.test(head)) return { kind: 'reg', reason: 'regedit header line' };
  if (head.startsWith('{') || head.startsWith('[')) return detectJson(text, fileName);
  if (head.startsWith('<')) return detectXml(head);
  if (/^"?Name"?,"?Description"?,"?OMA-URI"?,/i.test(head)) return { kind: 'intune-windows-csv', reason: 'CSV with Name, Description, OMA-URI columns (Intune rows)' };
  // Excel saves CSV with semicolons where the decimal separator is a comma: Intune reads commas only.
  if (/^"?Name"?;"?Description"?;"?OMA-URI"?;/i.test(head)) return { kind: 'unknown', reason: 'Intune rows separated by semicolons, as Excel saves CSV in some locales (save the file as CSV with commas, which is what Intune and this tool read)' };
  // A .reg whose header line is missing or misspelt still has registry key lines.
  if (/^\[-?HKEY_[A-Z_]+\\/m.test(text) || /^\[-?HK(LM|CU)\\/m.test(text)) return { kind: 'reg', reason: 'registry key lines without the regedit header' };
  return { kind: 'unknown', reason: 'not a plist, .reg, ADMX/ADML or JSON file' };
}

function detectXml(head: string): Detection {
  // Skip the prolog, comments and DOCTYPE to find the first element name.
  const body = head.replace(/^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>|\s+)*/, '');
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(body)?.[1];
  if (root === 'policyDefinitions') return { kind: 'admx', reason: '<policyDefinitions> root' };
  if (root === 'policyDefinitionResources') return { kind: 'adml', reason: '<policyDefinitionResources> root' };
  if (root === 'plist') {
    if (/<key>\s*pfm_(subkeys|domain)\s*<\/key>/.test(body)) return { kind: 'profile-manifest', reason: 'plist with pfm_domain/pfm_subkeys (ProfileManifests manifest)' };
    if (/<key>\s*PayloadContent\s*<\/key>/.test(body) || /<key>\s*PayloadType\s*<\/key>\s*<string>\s*Configuration\s*<\/string>/.test(body)) {
      return { kind: 'mobileconfig', reason: 'plist with PayloadContent (configuration profile)' };
    }
    return { kind: 'plist', reason: 'plist without PayloadContent (preference plist)' };
  }
  if (root === 'key' || root === 'dict') return { kind: 'preference-fragment', reason: `bare <${root}> without <plist> (preference-file fragment)` };
  return { kind: 'unknown', reason: root ? `XML with root <${clip(root)}>, not a plist, ADMX or ADML` : 'XML without a root element' };
}

function detectJson(text: string, fileName: string): Detection {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // Malformed JSON: still a JSON artifact; the reader reports the syntax error with its line.
    return { kind: guessByName(fileName) ?? 'managed-settings-json', reason: 'JSON text that does not parse' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'unknown', reason: 'JSON that is not an object' };
  const o = value as Record<string, unknown>;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  // A profile even when its settings are broken: the profile validator then says what is wrong.
  if ('settings' in o || (typeof o.identifier === 'string' && typeof o.name === 'string')) return { kind: 'profile-json', reason: 'object with "settings" or "name" and "identifier" (gateway profile)' };
  if (isObj(o.properties) && Object.values(o.properties).some((p) => isObj(p) && 'type' in p)) return { kind: 'jamf-schema', reason: 'object with typed "properties" (Jamf custom schema)' };
  if (typeof o.appliedId === 'string' && Array.isArray(o.entries)) return { kind: 'config-library-meta-json', reason: '"appliedId" and "entries" (config library _meta.json)' };
  if (isObj(o.tool) && Array.isArray(o.files) && isObj(o.profile)) return { kind: 'build-manifest-json', reason: '"tool", "profile" and "files" (build manifest)' };
  if (o['@odata.type'] === '#microsoft.graph.macOSCustomConfiguration') return { kind: 'intune-macos-graph-json', reason: 'Graph macOSCustomConfiguration body' };
  if (o['@odata.type'] === '#microsoft.graph.windows10CustomConfiguration') return { kind: 'intune-windows-graph-json', reason: 'Graph windows10CustomConfiguration body' };
  if (typeof o['@odata.type'] === 'string') return { kind: 'unknown', reason: `Graph body of type ${clip(o['@odata.type'])}, which check does not read` };
  if ('expiresAt' in o) return { kind: 'bootstrap-response-json', reason: 'flat object with "expiresAt" (bootstrap response)' };
  const byName = guessByName(fileName);
  if (byName) return { kind: byName, reason: `flat object of settings; the file name says ${byName}` };
  const values = Object.values(o);
  if (values.every((v) => typeof v === 'string')) return { kind: 'managed-settings-json', reason: 'flat object of string values (managed settings / settings.json)' };
  return { kind: 'config-library-json', reason: 'flat object of native JSON values (config library entry)' };
}

/** Ties between flat JSON shapes, broken by the names `build` and the app use. */
function guessByName(fileName: string): DetectedKind | undefined {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (base.includes('bootstrap')) return 'bootstrap-response-json';
  if (base === '_meta.json') return 'config-library-meta-json';
  if (base.includes('managed-settings') || base === 'settings.json') return 'managed-settings-json';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/.test(base)) return 'config-library-json';
  return undefined;
}

import * as crypto from 'node:crypto';
import { CATALOG_APP_VERSION } from '../catalog';
import type { Artifact } from '../artifact';
import { canonicalSettings } from '../profile/canonical';

/** An artifact with its checksum and size, as `buildArtifacts` returns it. */
export interface BuiltFile extends Artifact {
  /** Lower-case hex SHA-256 of `bytes`. */
  readonly sha256: string;
  /** Length of `bytes`, in bytes. */
  readonly size: number;
  /**
   * Whether the file holds the profile's secret values in clear text: it carries setting values
   * ({@link Artifact.holdsSettingValues}) and the profile sets at least one secret. Publish or
   * archive only the files where this is false; the others go to the MDM or stay private.
   */
  readonly containsSecrets: boolean;
}

// crypto.hash (Node 20.12+) skips the Hash object: a third of the cost for the small files every
// profile has (egress.txt, manifest.json, settings JSON). Older Node 20 releases use createHash.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer | string, encoding: 'hex') => string }).hash;

/** Hex SHA-256 of bytes or text. */
export function sha256(data: Buffer | string): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

// Catalogue-only artifacts (ADMX/ADML, Jamf schema, profile manifest: ~370 KB) share one Buffer
// across the profiles of a process; their digest is computed once per Buffer, not per profile.
// Writers never modify a Buffer they returned, so the digest of one stays valid.
const digests = new WeakMap<Buffer, string>();

/** Adds checksum, size and the secret flag (`profileHasSecrets` and the file's values) to an artifact. */
export function withChecksum(a: Artifact, profileHasSecrets: boolean): BuiltFile {
  let digest = a.sha256 ?? digests.get(a.bytes);
  if (digest === undefined) {
    digest = sha256(a.bytes);
    // Only large buffers are worth remembering (and only shared ones are large and repeated).
    if (a.bytes.length >= 16 * 1024) digests.set(a.bytes, digest);
  }
  // Built field by field, not with `{ ...a }`: artifacts come from many writers in several
  // property orders, and the spread runs V8's slow generic copy (a quarter of a microsecond per file).
  const holds = a.holdsSettingValues === true;
  return { path: a.path, bytes: a.bytes, mediaType: a.mediaType, holdsSettingValues: holds, sha256: digest, size: a.bytes.length, containsSecrets: holds && profileHasSecrets };
}

/** What `manifest.json` records: every file, the tool, the catalogue and the profile's hash. No secrets. */
export interface Manifest {
  /** The tool that wrote the files. */
  tool: {
    /** Always `claude-gateway-profile`. */
    name: string;
    /**
     * The tool's version, only when the caller passed one (`BuildOptions.toolVersion`). Left out by
     * default (formats.md §0: no tool versions unless passed in), so that two releases of the tool
     * that write the same files write the same manifest.json.
     */
    version?: string;
  };
  /** The newest Claude Desktop build whose keys the catalogue holds (`CATALOG_APP_VERSION`, e.g. `1.46388.4`). */
  catalogAppVersion: string;
  /** The profile the files were built from. */
  profile: {
    /** The profile's `name`: its output folder and file-name stem. */
    name: string;
    /** The profile's reverse-DNS `identifier` (PayloadIdentifier). */
    identifier: string;
    /** `machine` or `user` (`machine` when the profile leaves it out). */
    scope: string;
    /**
     * Lower-case hex SHA-256 of {@link profileDigestText} of the profile after validation and
     * migration, before `{ "env" }` secrets are resolved: secret values never enter it, and key
     * order or formatting do not change it, except inside the maps whose order decides which entry
     * applies (the tool-policy maps), where the order also changes the built files.
     */
    sha256: string;
  };
  /** The formats built (`OutputFormat` names), in `OUTPUT_FORMATS` order. */
  formats: string[];
  /** Every other file of the build, in `BuildResult.files` order (manifest.json does not list itself). */
  files: {
    /** Path relative to the profile's output folder, with `/` separators. */
    path: string;
    /** The file's length in bytes. */
    size: number;
    /** Lower-case hex SHA-256 of the file's bytes. */
    sha256: string;
    /** IANA media type (e.g. `application/x-apple-aspen-config`). */
    mediaType: string;
    /**
     * Whether the file holds the profile's secret values in clear text ({@link BuiltFile.containsSecrets}).
     * Always written by this version; manifests of earlier versions have no such field.
     */
    containsSecrets: boolean;
  }[];
}

/** Renders manifest.json (2-space JSON, trailing LF). The manifest does not list itself. */
export function manifestArtifact(m: Omit<Manifest, 'catalogAppVersion'>): Artifact {
  const body: Manifest = { tool: m.tool, catalogAppVersion: CATALOG_APP_VERSION, profile: m.profile, formats: m.formats, files: m.files };
  return { path: 'manifest.json', bytes: Buffer.from(`${manifestJson(body)}\n`, 'utf8'), mediaType: 'application/json', holdsSettingValues: false };
}

/**
 * `JSON.stringify(body, null, 2)` written out for the fixed shape of {@link Manifest} (under half
 * the time: most strings need no escaping, which one scan decides). Only the declared fields are
 * written; tests/build-parts/manifest.test.ts compares it with JSON.stringify.
 */
export function manifestJson(body: Manifest): string {
  const q = (v: string | number): string => (typeof v === 'string' ? quote(v) : JSON.stringify(v));
  const p = body.profile;
  const version = body.tool.version === undefined ? '' : `,\n    "version": ${q(body.tool.version)}`;
  let out = `{\n  "tool": {\n    "name": ${q(body.tool.name)}${version}\n  },\n  "catalogAppVersion": ${q(body.catalogAppVersion)},\n`;
  out += `  "profile": {\n    "name": ${q(p.name)},\n    "identifier": ${q(p.identifier)},\n    "scope": ${q(p.scope)},\n    "sha256": ${q(p.sha256)}\n  },\n`;
  out += body.formats.length === 0 ? '  "formats": [],\n' : `  "formats": [\n    ${body.formats.map((f) => q(f)).join(',\n    ')}\n  ],\n`;
  if (body.files.length === 0) return `${out}  "files": []\n}`;
  out += '  "files": [';
  for (let i = 0; i < body.files.length; i++) {
    const f = body.files[i]!;
    out += `${i > 0 ? ',' : ''}\n    {\n      "path": ${q(f.path)},\n      "size": ${q(f.size)},\n      "sha256": ${q(f.sha256)},\n      "mediaType": ${q(f.mediaType)},\n      "containsSecrets": ${f.containsSecrets}\n    }`;
  }
  return `${out}\n  ]\n}`;
}

/**
 * The text the manifest's `profile.sha256` is taken of: the profile without its settings as
 * {@link canonicalJson}, a line feed, and the settings as JSON in their canonical order
 * (lib/profile/canonical.ts, the order every writer uses). That order sorts keys everywhere except
 * in the maps the catalogue marks `keyOrderMatters`, which keep the order written: two profiles
 * that build different files never share a hash.
 */
export function profileDigestText(profile: { readonly settings?: unknown }): string {
  const { settings, ...rest } = profile;
  return `${canonicalJson(rest)}\n${JSON.stringify(canonicalSettings(settings ?? {}))}`;
}

/**
 * Canonical JSON (object keys sorted, no spaces) for hashing: the same profile gives the same
 * hash whatever its key order or formatting.
 */
export function canonicalJson(value: unknown): string {
  // Loops, a small insertion sort and cached key quoting instead of entries/filter/sort/map per
  // object: this runs on every profile of a bulk build. tests/build-parts/manifest.test.ts
  // compares it with the entries/sort/join form.
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // join() printed a missing item (undefined) as nothing.
      const item = canonicalJson(value[i]);
      if (item !== undefined) out += item;
    }
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = sortKeys(Object.keys(obj));
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${quoteKey(k)}:${canonicalJson(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

/** Code-unit order, as `<` compares (locale-independent); insertion sort for the usual few keys. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// What JSON.stringify escapes in a string: quote, backslash, controls, surrogates (lone ones).
const NEEDS_ESCAPE = /["\\\u0000-\u001F\uD800-\uDFFF]/;
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

// Profiles repeat the same few hundred key names; the cache is bounded so odd keys cannot grow it.
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = quote(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

/**
 * The catalogue-only artifacts (ADMX, ADML, ProfileManifests manifest, Jamf schema) precomputed by
 * `npm run generate` (`scripts/generate-catalog-artifacts.js`) into `generated/catalog-artifacts/`.
 *
 * These files depend on the key catalogue and three templates, never on a profile, yet building
 * and self-checking them (render, XML well-formedness, ADMX lint, plist read-back) was most of a
 * one-profile CLI call. The generator writes their bytes once, after running the same self-checks,
 * with a fingerprint of what they were made from; at run time a writer takes the precomputed bytes
 * only when that fingerprint equals the current one, and otherwise computes (and self-checks) as
 * before, so editing the catalogue or a template never ships stale files.
 *
 * The fingerprint covers the data (catalogue keys, sections, constants, the ADMX model's constants
 * such as `ADMX_REVISION`, the template sources), not the writers' code: a code change that alters
 * the output is caught by `tests/generated/catalog-artifacts.test.ts`, which fails when the
 * committed files differ from what the compute path makes now. Computing it costs about half a
 * millisecond once per process (one JSON.stringify of the catalogue and one SHA-256); the bundled
 * CLI gets the catalogue part from `npm run build` and hashes only the three template sources.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as catalog from '../catalog';
import { packageRoot } from '../render/package-root';
import * as admxModel from './admx-model';

/** The precomputed artifacts, by name, with their file names under `generated/catalog-artifacts/`. */
export const CATALOG_ARTIFACT_FILES = {
  admx: 'Claude.admx',
  adml: 'Claude.adml',
  'profile-manifest': `${catalog.MACOS_PREFERENCE_DOMAIN}.manifest.plist`,
  'jamf-schema': `${catalog.MACOS_PREFERENCE_DOMAIN}.jamf-schema.json`,
} as const;

/** The name of a precomputed artifact. */
export type CatalogArtifactName = keyof typeof CATALOG_ARTIFACT_FILES;

/** Templates whose source the artifacts are rendered from (part of the fingerprint). */
export const CATALOG_ARTIFACT_TEMPLATES = ['admx.hbs', 'adml.hbs', 'profile-manifest.hbs'] as const;

/** Folder of the precomputed files, relative to the package folder. */
export const CATALOG_ARTIFACTS_DIR = 'generated/catalog-artifacts';

/** Name of the index file (fingerprint and byte sizes) inside {@link CATALOG_ARTIFACTS_DIR}. */
export const CATALOG_ARTIFACTS_INDEX = 'index.json';

/** Bump to invalidate every committed set (e.g. when the fingerprint's inputs change shape). */
const FINGERPRINT_FORMAT = 2;

/**
 * {@link catalogDataDigest} as `npm run build` computed it from the same compiled catalogue it
 * bundles (scripts/bundle-cli.js); esbuild writes it into `dist/cli.js` only, so the bundled CLI
 * does not serialise the whole catalogue at start-up. Not defined anywhere else.
 */
declare const CGP_BUNDLED_CATALOG_DATA_SHA256: string | undefined;

/** The index the generator writes next to the files. */
export interface CatalogArtifactsIndex {
  readonly generatedBy: string;
  readonly fingerprint: string;
  /** Name → file name and exact byte size (a line-end conversion by a checkout changes the size). */
  readonly files: { readonly [N in CatalogArtifactName]?: { readonly file: string; readonly bytes: number } };
}

/** The data of a module's exports without its functions (constants, catalogue arrays), each array once. */
function dataOf(mod: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<unknown>();
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v === 'function' || (typeof v === 'object' && v !== null && seen.has(v))) continue;
    seen.add(v);
    out[k] = v;
  }
  return out;
}

/**
 * SHA-256 (hex) of what the artifacts are made from: the catalogue module's data (keys in
 * catalogue order, sections, formats, every constant), the ADMX model's constants and the template
 * sources (`root/templates/`; a missing template counts as empty). JSON in declaration order: the
 * same catalogue source always gives the same text, and a reordering merely forces a recompute.
 */
export function catalogArtifactsFingerprint(root: string = packageRoot()): string {
  const hash = createHash('sha256');
  hash.update(`${FINGERPRINT_FORMAT}\0${bundledCatalogDataDigest() ?? catalogDataDigest()}`);
  for (const name of CATALOG_ARTIFACT_TEMPLATES) {
    let source = '';
    try {
      source = readFileSync(join(root, 'templates', name), 'utf8');
    } catch {
      // no such template: the fingerprint then differs from one made with it
    }
    hash.update(`\0${name}\0${source}`);
  }
  return hash.digest('hex');
}

/**
 * SHA-256 (hex) of the data part of the fingerprint: the catalogue module's data and the ADMX
 * model's constants as JSON.
 */
export function catalogDataDigest(): string {
  return createHash('sha256').update(JSON.stringify({ catalog: dataOf(catalog), admx: dataOf(admxModel) })).digest('hex');
}

/**
 * The data digest `npm run build` wrote into the running bundle, or `undefined` outside it.
 * @internal exported for the test that checks it against {@link catalogDataDigest}.
 */
export function bundledCatalogDataDigest(): string | undefined {
  return typeof CGP_BUNDLED_CATALOG_DATA_SHA256 === 'string' ? CGP_BUNDLED_CATALOG_DATA_SHA256 : undefined;
}

/**
 * Reads the precomputed artifact `name` from `dir` when its index records `fingerprint` and the
 * file has the recorded size; `undefined` otherwise (no folder, stale, damaged). Never throws.
 */
export function readPrecomputedArtifact(dir: string, fingerprint: string, name: CatalogArtifactName): Buffer | undefined {
  try {
    const index = JSON.parse(readFileSync(join(dir, CATALOG_ARTIFACTS_INDEX), 'utf8')) as CatalogArtifactsIndex;
    const entry = index.fingerprint === fingerprint ? index.files?.[name] : undefined;
    if (!entry || entry.file !== CATALOG_ARTIFACT_FILES[name]) return undefined;
    const bytes = readFileSync(join(dir, entry.file));
    return bytes.length === entry.bytes ? bytes : undefined;
  } catch {
    return undefined;
  }
}

let fingerprint: string | undefined;
const loaded = new Map<CatalogArtifactName, Buffer | null>();

/**
 * The precomputed bytes of `name` when they are current for this catalogue and these templates,
 * else `undefined` (the caller then computes them). Looked up once per process per artifact; the
 * returned buffer is shared, callers must not modify it.
 */
export function precomputedCatalogArtifact(name: CatalogArtifactName): Buffer | undefined {
  let hit = loaded.get(name);
  if (hit === undefined) {
    const root = packageRoot();
    fingerprint ??= catalogArtifactsFingerprint(root);
    hit = readPrecomputedArtifact(join(root, CATALOG_ARTIFACTS_DIR), fingerprint, name) ?? null;
    loaded.set(name, hit);
  }
  return hit ?? undefined;
}

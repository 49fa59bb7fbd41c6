'use strict';
/**
 * The catalogue-only artifacts, precomputed so that a CLI call neither renders nor self-checks
 * them (they were over half of a one-profile `build`):
 *
 * - `generated/catalog-artifacts/Claude.admx` and `Claude.adml` (the ADMX/ADML pair, CRLF);
 * - `generated/catalog-artifacts/com.anthropic.claudefordesktop.manifest.plist` (ProfileManifests);
 * - `generated/catalog-artifacts/com.anthropic.claudefordesktop.jamf-schema.json` (Jamf schema);
 * - `generated/catalog-artifacts/index.json`: the fingerprint of what they were made from (catalogue
 *   data, ADMX constants, template sources) and each file's byte size.
 *
 * Every artifact comes from the writers' compute path, which runs the same self-checks as before
 * (XML well-formedness and `lintAdmx` for the ADMX pair, plist read-back for the manifest): a bundle
 * that fails them is never written. At run time `lib/writers/catalog-artifacts.ts` serves these
 * bytes only when the recorded fingerprint equals the current one (and the size matches), else the
 * writers compute; `tests/generated/catalog-artifacts.test.ts` fails when a committed file differs
 * from what this module makes now. The files are byte-exact (`.gitattributes`: `-text`).
 *
 * Pure: returns path → bytes; `scripts/generate.js` writes them. The writer functions are passed in
 * (from `dist/` when generating, from `lib/` under ts-jest in the test).
 */

/**
 * @param {{
 *   computeAdmxBundle: () => { admx: Buffer, adml: Buffer },
 *   computeProfileManifest: () => Buffer,
 *   computeJamfSchema: () => Buffer,
 *   catalogArtifactsFingerprint: (root: string) => string,
 *   CATALOG_ARTIFACT_FILES: Record<string, string>,
 *   CATALOG_ARTIFACTS_DIR: string,
 *   CATALOG_ARTIFACTS_INDEX: string,
 * }} writers - the compute functions and constants of lib/writers (admx, profile-manifest,
 *   jamf-schema, catalog-artifacts)
 * @param {string} root - the package folder (for the template sources of the fingerprint)
 * @returns {Record<string, Buffer>} paths relative to `root` → bytes
 */
function catalogArtifactFiles(writers, root) {
  const { admx, adml } = writers.computeAdmxBundle();
  const bytes = { admx, adml, 'profile-manifest': writers.computeProfileManifest(), 'jamf-schema': writers.computeJamfSchema() };
  const names = Object.keys(writers.CATALOG_ARTIFACT_FILES);
  if ([...names].sort().join() !== Object.keys(bytes).sort().join()) throw new Error(`catalogue artifacts: the writers list ${names.join(', ')}`);
  const files = {};
  const index = {
    generatedBy: 'npm run generate (scripts/generate-catalog-artifacts.js); do not edit',
    fingerprint: writers.catalogArtifactsFingerprint(root),
    files: {},
  };
  for (const name of names) {
    const file = writers.CATALOG_ARTIFACT_FILES[name];
    files[`${writers.CATALOG_ARTIFACTS_DIR}/${file}`] = bytes[name];
    index.files[name] = { file, bytes: bytes[name].length };
  }
  files[`${writers.CATALOG_ARTIFACTS_DIR}/${writers.CATALOG_ARTIFACTS_INDEX}`] = Buffer.from(`${JSON.stringify(index, null, 2)}\n`, 'utf8');
  return files;
}

/** The writer functions and constants from the compiled library (`dist/`, built by `npm run generate`). */
function distWriters(root) {
  const lib = (p) => require(`${root}/dist/lib/writers/${p}`);
  return {
    ...lib('catalog-artifacts'),
    computeAdmxBundle: lib('admx').computeAdmxBundle,
    computeProfileManifest: lib('profile-manifest').computeProfileManifest,
    computeJamfSchema: lib('jamf-schema').computeJamfSchema,
  };
}

module.exports = { catalogArtifactFiles, distWriters };

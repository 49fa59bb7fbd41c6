/**
 * The precomputed catalogue-only artifacts under `generated/catalog-artifacts/` are current (equal
 * to what the writers' compute path makes now: when this fails after editing the catalogue, a
 * template or a writer, run `npm run generate`), the writers serve them, and a stale, damaged or
 * missing set falls back to computing, whose self-checks still run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAdmxBundle, writeAdmxBundle } from '../../lib/writers/admx';
import {
  CATALOG_ARTIFACT_FILES,
  CATALOG_ARTIFACT_TEMPLATES,
  CATALOG_ARTIFACTS_DIR,
  CATALOG_ARTIFACTS_INDEX,
  catalogArtifactsFingerprint,
  precomputedCatalogArtifact,
  readPrecomputedArtifact,
  type CatalogArtifactName,
} from '../../lib/writers/catalog-artifacts';
import * as catalogArtifacts from '../../lib/writers/catalog-artifacts';
import { buildJamfSchema, computeJamfSchema } from '../../lib/writers/jamf-schema';
import { buildProfileManifest, computeProfileManifest } from '../../lib/writers/profile-manifest';
import { ROOT } from '../support/examples';

interface Generator {
  catalogArtifactFiles(writers: object, root: string): Record<string, Buffer>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generator is a plain Node script
const generator = require('../../scripts/generate-catalog-artifacts') as Generator;

const NAMES = Object.keys(CATALOG_ARTIFACT_FILES) as CatalogArtifactName[];
const DIR = join(ROOT, CATALOG_ARTIFACTS_DIR);

describe('generated/catalog-artifacts (precomputed ADMX/ADML, profile manifest, Jamf schema)', () => {
  // The compute path, run here under ts-jest from lib/ (the generator runs it from dist/).
  const expected = generator.catalogArtifactFiles({ ...catalogArtifacts, computeAdmxBundle, computeProfileManifest, computeJamfSchema }, ROOT);

  test('the generator writes every artifact and the index', () => {
    expect(Object.keys(expected).sort()).toEqual([...NAMES.map((n) => `${CATALOG_ARTIFACTS_DIR}/${CATALOG_ARTIFACT_FILES[n]}`), `${CATALOG_ARTIFACTS_DIR}/${CATALOG_ARTIFACTS_INDEX}`].sort());
  });

  test.each(Object.keys(expected))('%s is up to date (run `npm run generate` when this fails)', (file) => {
    const committed = readFileSync(join(ROOT, file));
    // Compare as text first for a readable diff, then byte for byte (line ends included).
    expect(committed.toString('utf8')).toBe(expected[file]!.toString('utf8'));
    expect(committed.equals(expected[file]!)).toBe(true);
  });

  test('the ADMX pair keeps its CRLF line ends and the plist and JSON their LF', () => {
    const text = (n: CatalogArtifactName) => readFileSync(join(DIR, CATALOG_ARTIFACT_FILES[n]), 'utf8');
    for (const n of ['admx', 'adml'] as const) expect(text(n).replace(/\r\n/g, '')).not.toContain('\n');
    for (const n of ['profile-manifest', 'jamf-schema'] as const) expect(text(n)).not.toContain('\r');
  });

  test('outside the bundle no build-time catalogue digest exists: it is computed', () => {
    expect(catalogArtifacts.bundledCatalogDataDigest()).toBeUndefined();
    expect(catalogArtifacts.catalogDataDigest()).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the writers serve the precomputed bytes, equal to the computed ones', () => {
    for (const n of NAMES) expect(precomputedCatalogArtifact(n)).toBeDefined();
    const computed = computeAdmxBundle();
    const bundle = writeAdmxBundle();
    expect(bundle.admx).toBe(precomputedCatalogArtifact('admx'));
    expect(bundle.adml).toBe(precomputedCatalogArtifact('adml'));
    expect(bundle.admx.equals(computed.admx)).toBe(true);
    expect(bundle.adml.equals(computed.adml)).toBe(true);
    expect(buildProfileManifest().equals(computeProfileManifest())).toBe(true);
    expect(buildJamfSchema().equals(computeJamfSchema())).toBe(true);
    // Public builders hand out their own copy: changing it cannot change the next build.
    const copy = buildJamfSchema();
    copy[0] = 0;
    expect(buildJamfSchema()[0]).toBe('{'.charCodeAt(0));
  });

  describe('a stale, damaged or missing set is not used', () => {
    let tmp: string;
    const fingerprint = catalogArtifactsFingerprint(ROOT);
    beforeEach(() => {
      tmp = mkdtempSync(join(tmpdir(), 'cgp-catalog-artifacts-'));
      for (const f of [...Object.values(CATALOG_ARTIFACT_FILES), CATALOG_ARTIFACTS_INDEX]) copyFileSync(join(DIR, f), join(tmp, f));
    });
    afterEach(() => rmSync(tmp, { recursive: true, force: true }));

    test('a current copy is read', () => {
      for (const n of NAMES) expect(readPrecomputedArtifact(tmp, fingerprint, n)?.equals(readFileSync(join(DIR, CATALOG_ARTIFACT_FILES[n])))).toBe(true);
    });

    test('another fingerprint, a resized file (line ends converted), a missing file or index, a bad index', () => {
      expect(readPrecomputedArtifact(tmp, '0'.repeat(64), 'admx')).toBeUndefined();
      const admx = join(tmp, CATALOG_ARTIFACT_FILES.admx);
      writeFileSync(admx, readFileSync(admx, 'utf8').replace(/\r\n/g, '\n'));
      expect(readPrecomputedArtifact(tmp, fingerprint, 'admx')).toBeUndefined();
      rmSync(join(tmp, CATALOG_ARTIFACT_FILES.adml));
      expect(readPrecomputedArtifact(tmp, fingerprint, 'adml')).toBeUndefined();
      expect(readPrecomputedArtifact(tmp, fingerprint, 'jamf-schema')).toBeDefined();
      writeFileSync(join(tmp, CATALOG_ARTIFACTS_INDEX), '{"fingerprint":');
      expect(readPrecomputedArtifact(tmp, fingerprint, 'jamf-schema')).toBeUndefined();
      rmSync(join(tmp, CATALOG_ARTIFACTS_INDEX));
      expect(readPrecomputedArtifact(tmp, fingerprint, 'jamf-schema')).toBeUndefined();
      expect(readPrecomputedArtifact(join(tmp, 'nowhere'), fingerprint, 'jamf-schema')).toBeUndefined();
    });

    test('the fingerprint follows the catalogue data and the template sources', () => {
      // A catalogue edit without `npm run generate`: the key text changes, so does the fingerprint.
      // The catalogue is frozen, so the edit is a changed copy of the keys in a fresh module registry.
      let edited: string | undefined;
      jest.isolateModules(() => {
        jest.doMock('../../lib/catalog/keys', () => {
          const actual = jest.requireActual<typeof import('../../lib/catalog/keys')>('../../lib/catalog/keys');
          const [first, ...rest] = actual.KEYS;
          return { ...actual, KEYS: [{ ...first, description: `${first.description} (edited)` }, ...rest] };
        });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        edited = (require('../../lib/writers/catalog-artifacts') as typeof import('../../lib/writers/catalog-artifacts')).catalogArtifactsFingerprint(ROOT);
      });
      jest.dontMock('../../lib/catalog/keys');
      expect(edited).toMatch(/^[0-9a-f]{64}$/);
      expect(edited).not.toBe(fingerprint);
      expect(catalogArtifactsFingerprint(ROOT)).toBe(fingerprint);
      // A template edit: a package folder whose admx.hbs differs.
      mkdirSync(join(tmp, 'templates'));
      for (const t of CATALOG_ARTIFACT_TEMPLATES) copyFileSync(join(ROOT, 'templates', t), join(tmp, 'templates', t));
      expect(catalogArtifactsFingerprint(tmp)).toBe(fingerprint);
      writeFileSync(join(tmp, 'templates', 'admx.hbs'), `${readFileSync(join(ROOT, 'templates', 'admx.hbs'), 'utf8')}\n`);
      expect(catalogArtifactsFingerprint(tmp)).not.toBe(fingerprint);
    });
  });

  describe('the compute path still self-checks (what generate relies on)', () => {
    afterEach(() => jest.resetModules());

    test('a malformed or failing ADMX bundle throws AdmxWriteError', () => {
      jest.isolateModules(() => {
        jest.doMock('../../lib/render/template', () => ({
          ...jest.requireActual<object>('../../lib/render/template'),
          renderTemplate: (template: string) => (template === 'admx.hbs' ? '<policyDefinitions><unclosed></policyDefinitions>' : '<policyDefinitionResources/>'),
        }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const admx = require('../../lib/writers/admx') as typeof import('../../lib/writers/admx');
        expect(() => admx.computeAdmxBundle()).toThrow(admx.AdmxWriteError);
        expect(() => admx.computeAdmxBundle()).toThrow(/Claude\.admx line 1/);
      });
    });

    test('a well-formed ADMX the lint refuses throws too', () => {
      jest.isolateModules(() => {
        const actual = jest.requireActual<typeof import('../../lib/render/template')>('../../lib/render/template');
        jest.doMock('../../lib/render/template', () => ({
          ...actual,
          // Drop the first policy: the ADML then holds strings no policy uses, and a key has no policy.
          renderTemplate: (template: string, view: string, model: object) => {
            const text = actual.renderTemplate(template, view, model);
            return template === 'admx.hbs' ? text.replace(/<policy [\s\S]*?<\/policy>/, '') : text;
          },
        }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const admx = require('../../lib/writers/admx') as typeof import('../../lib/writers/admx');
        expect(() => admx.computeAdmxBundle()).toThrow(/ADMX bundle self-check failed/);
      });
    });

    test('a manifest that does not read back throws', () => {
      jest.isolateModules(() => {
        const actual = jest.requireActual<typeof import('../../lib/render/template')>('../../lib/render/template');
        jest.doMock('../../lib/render/template', () => ({
          ...actual,
          renderTemplate: (template: string, view: string, model: object) => actual.renderTemplate(template, view, model).replace(/<string>PayloadUUID<\/string>/, '<string>PayloadUUIDx</string>'),
        }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const manifest = require('../../lib/writers/profile-manifest') as typeof import('../../lib/writers/profile-manifest');
        expect(() => manifest.computeProfileManifest()).toThrow(/pfm_subkeys differ/);
      });
    });
  });
});

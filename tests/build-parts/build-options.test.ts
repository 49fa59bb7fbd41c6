/**
 * What `buildArtifacts` does with the options a library caller may leave out or pass in any
 * order: the documented defaults, and a format list that never depends on how it was written.
 */
import { buildArtifacts, OUTPUT_FORMATS, type Manifest } from '../../lib/build';
import { MACOS_PREFERENCE_DOMAIN } from '../../lib/catalog';
import { MCX_PAYLOAD_TYPE } from '../../lib/writers/plist-values';
import { K } from '../support/keys';
import { describeIfTool, readPlistWithPlistlib, TOOLS } from '../support/validators';

const NOW = new Date('2026-01-15T00:00:00Z');
const profile = {
  name: 'options',
  identifier: 'com.example.options',
  settings: {
    [K.inferenceProvider]: 'gateway',
    [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
    [K.inferenceGatewayApiKey]: 'sk-options-0123456789',
    [K.inferenceModels]: [{ name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }],
  },
};

const manifestOf = (files: { path: string; bytes: Buffer }[]): Manifest => JSON.parse(files.find((f) => f.path === 'manifest.json')!.bytes.toString('utf8')) as Manifest;

describeIfTool(TOOLS.plist)('the .mobileconfig payload form', () => {
  const payloadTypes = (bytes: Buffer): unknown[] => ((readPlistWithPlistlib(bytes) as { PayloadContent: { PayloadType: unknown }[] }).PayloadContent).map((p) => p.PayloadType);
  const mobileconfig = (files: { path: string; bytes: Buffer }[]) => files.find((f) => f.path === `macos/${profile.name}.mobileconfig`)!.bytes;

  test('left out, it is the direct domain payload (BuildOptions.payloadForm default), as "direct" gives', () => {
    const byDefault = buildArtifacts(profile, { now: NOW, formats: ['mobileconfig'] }).files;
    expect(payloadTypes(mobileconfig(byDefault))).toEqual([MACOS_PREFERENCE_DOMAIN]);
    const direct = buildArtifacts(profile, { now: NOW, formats: ['mobileconfig'], payloadForm: 'direct' }).files;
    expect(mobileconfig(byDefault).equals(mobileconfig(direct))).toBe(true);
    // The other form really differs, so the comparison above can fail.
    const mcx = buildArtifacts(profile, { now: NOW, formats: ['mobileconfig'], payloadForm: 'mcx' }).files;
    expect(payloadTypes(mobileconfig(mcx))).toEqual([MCX_PAYLOAD_TYPE]);
  });
});

describe('options.formats', () => {
  test('built and recorded in OUTPUT_FORMATS order, each once, whatever order and repeats the caller writes', () => {
    const wanted = ['json', 'reg', 'mobileconfig'] as const;
    const inOrder = OUTPUT_FORMATS.filter((f) => (wanted as readonly string[]).includes(f));
    const a = buildArtifacts(profile, { now: NOW, formats: inOrder }).files;
    const b = buildArtifacts(profile, { now: NOW, formats: [...wanted, 'json', 'reg'] }).files;
    expect(manifestOf(b).formats).toEqual(['mobileconfig', 'reg', 'json']);
    expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
    expect(new Set(b.map((f) => f.path)).size).toBe(b.length);
    // Same files, same bytes: the caller's order changes nothing.
    expect(b.map((f) => f.sha256)).toEqual(a.map((f) => f.sha256));
  });
});

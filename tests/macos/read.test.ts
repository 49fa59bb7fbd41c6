import { isMdmKey, CATALOG } from '../../lib/catalog';
import { readMobileconfig } from '../../lib/read/mobileconfig';
import { readPreferenceFragment, readPreferencePlist } from '../../lib/read/plist';
import { entriesToSettings } from '../../lib/read/types';
import type { ResolvedProfile } from '../../lib/profile/types';
import { signMobileconfig } from '../../lib/sign';
import { buildMobileconfig, type PayloadForm } from '../../lib/writers/mobileconfig';
import { loadExamples } from '../support/examples';
import { TOOLS, describeIfTool, makeTestPki, readPlistWithPlistlib, type TestPki } from '../support/validators';
import { allProfiles } from './support';
import { K } from '../support/keys';

const FORMS: PayloadForm[] = ['direct', 'mcx'];

/** The resolved MDM settings of a profile, as native JSON (what a round trip must give back). */
function mdmSettings(resolved: ResolvedProfile): Record<string, unknown> {
  const all = resolved.settings as Record<string, unknown>;
  return Object.fromEntries(CATALOG.filter((d) => isMdmKey(d) && all[d.name] !== undefined).map((d) => [d.name, all[d.name]]));
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

function profileXml(payload: string, top = '<key>PayloadScope</key><string>System</string>'): string {
  return (
    `${HEAD}<dict><key>PayloadContent</key><array>${payload}</array>` +
    '<key>PayloadIdentifier</key><string>com.example.t</string><key>PayloadType</key><string>Configuration</string>' +
    `<key>PayloadUUID</key><string>11111111-1111-1111-1111-111111111111</string><key>PayloadVersion</key><integer>1</integer>${top}</dict></plist>\n`
  );
}

const ID2 = '<key>PayloadIdentifier</key><string>com.example.t.s</string><key>PayloadUUID</key><string>22222222-2222-2222-2222-222222222222</string><key>PayloadVersion</key><integer>1</integer>';
const direct = (body: string): string => `<dict><key>PayloadType</key><string>com.anthropic.claudefordesktop</string>${ID2}${body}</dict>`;

describe('readMobileconfig: build → read gives the same settings', () => {
  for (const { file, resolved } of allProfiles()) {
    for (const form of FORMS) {
      test(`${file} (${form}, plain)`, () => {
        const r = readMobileconfig(buildMobileconfig(resolved, { payloadForm: form }));
        expect(r.findings).toEqual([]);
        expect(r.kind).toBe('mobileconfig');
        expect(r.scope).toBe(resolved.scope);
        expect(r.metadata.identifier).toBe(resolved.identifier);
        expect(r.metadata.displayName).toBe(resolved.displayName);
        expect(r.metadata.uuids).toHaveLength(2);
        expect(r.entries.every((e) => e.storedAs === 'string' && typeof e.raw === 'string')).toBe(true);
        const back = entriesToSettings(r.entries);
        expect(back.findings).toEqual([]);
        expect(back.settings).toEqual(mdmSettings(resolved));
      });
    }
  }
});

describeIfTool([...TOOLS.cms, ...TOOLS.plist])('readMobileconfig: signed profiles', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });

  test('every profile, both forms, signed: same settings, signature verified in JS', () => {
    for (const { resolved } of allProfiles()) {
      for (const form of FORMS) {
        const signed = signMobileconfig(buildMobileconfig(resolved, { payloadForm: form }), { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;
        const r = readMobileconfig(signed, { verifyWith: { caPem: pki.caPem } });
        expect(r.kind).toBe('signed-mobileconfig');
        expect(r.findings).toEqual([]);
        expect(entriesToSettings(r.entries).settings).toEqual(mdmSettings(resolved));
        // Without verifyWith the envelope is stripped and nothing is judged.
        expect(readMobileconfig(signed).findings).toEqual([]);
      }
    }
  });

  test('a tampered or untrusted signed profile is reported', () => {
    const unsigned = buildMobileconfig(loadExamples()[0]!.resolved);
    const signed = signMobileconfig(unsigned, { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;
    const bad = Buffer.from(signed);
    bad[signed.indexOf(Buffer.from('<string>Sets ')) + 8] = 0x4c; // "Sets" → "Lets" in PayloadDescription
    expect(readMobileconfig(bad, { verifyWith: { caPem: pki.caPem } }).findings.map((f) => f.code)).toEqual(['content-digest-mismatch']);
    const other = makeTestPki();
    expect(readMobileconfig(signed, { verifyWith: { caPem: other.caPem } }).findings.map((f) => f.code)).toEqual(['signature-untrusted']);
    expect(readMobileconfig(unsigned, { verifyWith: { caPem: pki.caPem } }).findings.map((f) => f.code)).toEqual(['not-signed']);
    const truncated = readMobileconfig(signed.subarray(0, 200));
    expect(truncated.findings.map((f) => f.code)).toEqual(['unreadable-signature']);
  });
});

describe('readMobileconfig: native values and structure problems', () => {
  test('native <true/>, <integer>, <real>, <array>, <dict> are kept raw with storedAs', () => {
    const xml = profileXml(
      direct(
        `<key>${K.disableAutoUpdates}</key><true/><key>${K.autoUpdaterEnforcementHours}</key><integer>72</integer>` +
          `<key>${K.inferenceModelPricingMultiplier}</key><real>1.5</real>` +
          `<key>${K.inferenceModels}</key><array><string>claude-sonnet-4-5</string></array>` +
          `<key>${K.inferenceCustomHeaders}</key><dict><key>X-A</key><string>b</string></dict>` +
          `<key>${K.inferenceProvider}</key><string>gateway</string>`,
      ),
    );
    // Cross-check the sample with plistlib so the test does not rest on our reader alone.
    const py = readPlistWithPlistlib(xml) as { PayloadContent: Record<string, unknown>[] };
    expect(py.PayloadContent[0]![K.disableAutoUpdates]).toBe(true);
    const r = readMobileconfig(Buffer.from(xml));
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => [e.key, e.raw, e.storedAs, e.location])).toEqual([
      [K.disableAutoUpdates, true, 'boolean', `PayloadContent[0].${K.disableAutoUpdates}`],
      [K.autoUpdaterEnforcementHours, 72, 'integer', `PayloadContent[0].${K.autoUpdaterEnforcementHours}`],
      [K.inferenceModelPricingMultiplier, 1.5, 'real', `PayloadContent[0].${K.inferenceModelPricingMultiplier}`],
      [K.inferenceModels, ['claude-sonnet-4-5'], 'array', `PayloadContent[0].${K.inferenceModels}`],
      [K.inferenceCustomHeaders, { 'X-A': 'b' }, 'dict', `PayloadContent[0].${K.inferenceCustomHeaders}`],
      [K.inferenceProvider, 'gateway', 'string', `PayloadContent[0].${K.inferenceProvider}`],
    ]);
  });

  test('the same natives inside the MCX wrapper', () => {
    const mcx =
      '<dict><key>PayloadContent</key><dict><key>com.anthropic.claudefordesktop</key><dict><key>Forced</key><array><dict><key>mcx_preference_settings</key>' +
      `<dict><key>${K.disableAutoUpdates}</key><false/><key>${K.inferenceModels}</key><array><string>m</string></array></dict></dict></array></dict></dict>` +
      `<key>PayloadType</key><string>com.apple.ManagedClient.preferences</string>${ID2}</dict>`;
    const r = readMobileconfig(Buffer.from(profileXml(mcx)));
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => [e.key, e.raw, e.storedAs])).toEqual([
      [K.disableAutoUpdates, false, 'boolean'],
      [K.inferenceModels, ['m'], 'array'],
    ]);
    expect(r.entries[0]!.location).toBe(`PayloadContent[0].PayloadContent.com.anthropic.claudefordesktop.Forced[0].mcx_preference_settings.${K.disableAutoUpdates}`);
  });

  test('structure problems become findings', () => {
    const codes = (xml: string): string[] => readMobileconfig(Buffer.from(xml)).findings.map((f) => f.code);
    expect(codes(profileXml(direct(`<key>${K.inferenceProvider}</key><string>a</string><key>${K.inferenceProvider}</key><string>b</string>`)))).toEqual(['duplicate-key']);
    const noForced = `<dict><key>PayloadContent</key><dict><key>com.anthropic.claudefordesktop</key><dict/></dict><key>PayloadType</key><string>com.apple.ManagedClient.preferences</string>${ID2}</dict>`;
    expect(codes(profileXml(noForced))).toEqual(['mcx-incomplete']);
    expect(codes(profileXml(direct('<key>a</key><string>b</string>'), '<key>PayloadScope</key><string>Device</string>'))).toEqual(['payload-scope-invalid']);
    expect(codes(profileXml(direct('<key>a</key><string>b</string>'), ''))).toEqual(['payload-scope-missing']);
    expect(codes(profileXml(direct(`<key>${K.autoUpdaterEnforcementHours}</key><integer>abc</integer>`)))).toEqual(['plist-structure']);
    expect(codes(profileXml(direct('<key>x</key><string>a&#x1;b</string>')))).toEqual(['unreadable-plist']);
    expect(codes(profileXml(direct('<key>x</key><string>a\u0001b</string>')))).toEqual(['unreadable-plist']);
    expect(codes(profileXml(direct('')))).toEqual(['no-claude-settings']);
    const twice = direct('<key>x</key><string>1</string>').replace('22222222-2222', '33333333-3333') + direct('<key>x</key><string>2</string>');
    expect(codes(profileXml(twice))).toEqual(['key-set-twice']);
    expect(codes(profileXml(direct('<key>x</key><string>1</string>') + direct('')))).toEqual(['duplicate-payload-uuid']);
    expect(codes(`${HEAD}<dict><key>a</key><string>x &amp b</string></dict></plist>`)).toEqual(['unreadable-plist']);
    expect(readMobileconfig(Buffer.from('bplist00...')).findings[0]!.message).toMatch(/binary plists are not supported/);
  });

  test('a CR written as &#xD; and a CDATA section read back exactly', () => {
    const r = readMobileconfig(Buffer.from(profileXml(direct('<key>a</key><string>x&#xD;y&#x1F600;</string><key>b</key><string><![CDATA[<&>]]></string>'))));
    expect(r.entries.map((e) => e.raw)).toEqual(['x\ry😀', '<&>']);
  });
});

describe('readPreferencePlist / readPreferenceFragment', () => {
  test('a bare dict and a fragment read into entries', () => {
    const plist = `${HEAD}<dict><key>${K.inferenceProvider}</key><string>gateway</string><key>${K.disableAutoUpdates}</key><true/></dict></plist>`;
    const r = readPreferencePlist(plist);
    expect(r.kind).toBe('plist');
    expect(r.entries.map((e) => [e.key, e.raw, e.storedAs, e.location])).toEqual([
      [K.inferenceProvider, 'gateway', 'string', K.inferenceProvider],
      [K.disableAutoUpdates, true, 'boolean', K.disableAutoUpdates],
    ]);
    const f = readPreferenceFragment(`<key>${K.inferenceProvider}</key>\n<string>gateway</string>\n`);
    expect(f.kind).toBe('preference-fragment');
    expect(f.findings).toEqual([]);
    expect(f.entries.map((e) => [e.key, e.raw])).toEqual([[K.inferenceProvider, 'gateway']]);
    expect(readPreferenceFragment(plist).findings.map((x) => x.code)).toEqual(['fragment-has-wrapper']);
  });
});

/**
 * `check` on real artifacts: every file `build` writes for every example is recognised by its
 * content and has no error; kind detection ignores file names; signatures, ADMX/ADML pairs,
 * manifest checksums and Intune rows are checked across files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts, type BuildResult } from '../../lib/build';
import { checkArtifacts, decodeEntries, readArtifact } from '../../lib/check';
import { detectKind } from '../../lib/read/detect';
import { ImportError, importArtifact } from '../../lib/import';
import { signMobileconfig } from '../../lib/sign';
import { integrityFindings, parseSignedProfile, TRUST_CODES } from '../../lib/sign/verify';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { describeIfTool, makeTestPki, TOOLS, type TestPki } from '../support/validators';
import { BASE, check, checkAll, codes, fixture, json, mobileconfig, NOW, regFile } from './support';
import { K, LEGACY } from '../support/keys';
import { DEPRECATION_CUTOFF } from '../../lib/catalog';

const examples = loadExamples();
/** The examples plus the fixtures that set every key and hostile characters. */
const everyProfile = [...examples, ...['all-keys.profile.json', 'hostile.profile.json', 'hostile-reg.profile.json'].map(loadFixtureProfile)];
/** Files that document a build rather than configure anything; check skips them in folders. */
const DOCUMENTATION = /\.(md|txt)$/;

function built(form: 'direct' | 'mcx' = 'direct', profiles = examples): { file: string; result: BuildResult }[] {
  return profiles.map((e) => ({ file: e.file, result: buildArtifacts(e.profile, { env: e.env, payloadForm: form, now: NOW }) }));
}

describe('check on everything build writes', () => {
  for (const form of ['direct', 'mcx'] as const) {
    test(`every example and fixture profile, ${form} payload: every file recognised, no errors`, () => {
      for (const { file, result } of built(form, everyProfile)) {
        const report = checkAll(result.files.map((f) => ({ name: f.path, bytes: f.bytes })));
        for (const r of report.files) {
          if (DOCUMENTATION.test(r.file)) continue;
          expect({ example: file, file: r.file, kind: r.kind }).toEqual({ example: file, file: r.file, kind: expect.not.stringMatching(/^unknown$/) });
          expect({ example: file, file: r.file, errors: r.findings.filter((f) => f.severity === 'error') }).toEqual({ example: file, file: r.file, errors: [] });
        }
      }
    });
  }

  test('the kinds of the built files', () => {
    const { result } = built()[0]!;
    const kinds = Object.fromEntries(result.files.map((f) => [f.path.replace(/^.*\//, '').replace(/^(bedrock|foundry|litellm|portkey|truefoundry|vertex)\./, '<name>.'), detectKind(f.bytes, f.path).kind]));
    expect(kinds).toMatchObject({
      '<name>.mobileconfig': 'mobileconfig',
      '<name>.reg': 'reg',
      '<name>.undo.reg': 'reg',
      'Claude.admx': 'admx',
      'Claude.adml': 'adml',
      'manifest.json': 'build-manifest-json',
    });
  });

  test('decoding what build wrote gives the profile\'s settings back', () => {
    for (const { result } of built()) {
      const mc = result.files.find((f) => f.path.endsWith('.mobileconfig'))!;
      const reg = result.files.find((f) => f.path.endsWith('.reg') && !f.path.endsWith('.undo.reg'))!;
      const a = decodeEntries(readArtifact(mc.bytes).read!).settings;
      const b = decodeEntries(readArtifact(reg.bytes).read!).settings;
      expect(a).toEqual(b);
      expect(Object.keys(a).length).toBeGreaterThan(3);
    }
  });
});

describe('kind detection looks at content, not names', () => {
  const { result } = built()[0]!;
  const byPath = (suffix: string) => result.files.find((f) => f.path.endsWith(suffix))!.bytes;
  test.each([
    ['a .mobileconfig named .txt', () => byPath('.mobileconfig'), 'notes.txt', 'mobileconfig'],
    ['a .reg named .json', () => byPath('.reg'), 'policy.json', 'reg'],
    ['a UTF-8 .reg without BOM', () => Buffer.from(`Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n"${K.inferenceProvider}"="gateway"\r\n`), 'x', 'reg'],
    ['a UTF-16LE .reg without BOM', () => Buffer.from('Windows Registry Editor Version 5.00\r\n', 'utf16le'), 'x', 'reg'],
    ['a UTF-8 .reg with BOM', () => Buffer.from('\uFEFFWindows Registry Editor Version 5.00\r\n', 'utf8'), 'x', 'reg'],
    ['ADMX named .xml', () => byPath('.admx'), 'x.xml', 'admx'],
    ['ADML', () => byPath('.adml'), 'x', 'adml'],
    ['a bare plist dict', () => Buffer.from(`<?xml version="1.0"?><plist version="1.0"><dict><key>${K.inferenceProvider}</key><string>gateway</string></dict></plist>`), 'x.mobileconfig', 'plist'],
    ['a bare key/string fragment', () => Buffer.from(`<key>${K.inferenceProvider}</key>\n<string>gateway</string>\n`), 'x.plist', 'preference-fragment'],
    ['our profile JSON', () => Buffer.from(JSON.stringify(examples[0]!.profile)), 'x.reg', 'profile-json'],
    ['a Jamf schema', () => byPath('.jamf-schema.json'), 'x', 'jamf-schema'],
    ['a profile manifest', () => byPath('.manifest.plist'), 'x', 'profile-manifest'],
    ['the Intune macOS Graph body', () => byPath('.macos-custom-configuration.json'), 'x', 'intune-macos-graph-json'],
    ['the Intune Windows Graph body', () => byPath('.windows-custom-configuration.json'), 'x', 'intune-windows-graph-json'],
    ['the Intune OMA-URI CSV', () => byPath('.csv'), 'x', 'intune-windows-csv'],
    ['managed settings (strings)', () => Buffer.from(json(BASE)), 'x', 'managed-settings-json'],
    ['a config-library entry (native values)', () => Buffer.from(json({ [K.inferenceProvider]: 'gateway', [K.disableAutoUpdates]: true })), 'x', 'config-library-json'],
    ['a config-library _meta.json', () => Buffer.from(json({ appliedId: 'a', entries: [] })), 'x', 'config-library-meta-json'],
    ['a bootstrap response (expiresAt)', () => Buffer.from(json({ [K.inferenceProvider]: 'gateway', expiresAt: 'x' })), 'x', 'bootstrap-response-json'],
    ['a bootstrap response by name', () => Buffer.from(json({ [K.inferenceProvider]: 'gateway', [K.disableAutoUpdates]: true })), 'out/bootstrap/bootstrap-response.json', 'bootstrap-response-json'],
    ['markdown', () => Buffer.from('# DEPLOY\n'), 'DEPLOY.md', 'unknown'],
    ['an empty file', () => Buffer.alloc(0), 'x', 'unknown'],
  ])('%s', (_what, bytes, name, kind) => {
    expect(detectKind(bytes(), name).kind).toBe(kind);
  });

  test('a profile with broken settings is still read as a profile', () => {
    for (const text of ['{"name":"p","identifier":"com.example.p"}', '{"name":"p","identifier":"com.example.p","settings":[]}', '{"name":"p","settings":"x"}']) {
      const r = check(text, 'p.json');
      expect(r.kind).toBe('profile-json');
      expect(r.errors).toBeGreaterThan(0);
    }
  });

  test('a file check cannot read is an unknown-kind error', () => {
    const r = check('# hello\n', 'README.md');
    expect(r.readable).toBe(false);
    expect(codes(r)).toEqual(['error:unknown-kind']);
    // The fix lists what check reads, Intune rows included.
    expect(r.findings[0]!.hint).toMatch(/Intune rows \(CSV or Graph JSON\)/);
  });

  test('Intune rows that Excel saved with semicolons: unknown-kind that says to save them with commas', () => {
    const r = check('Name;Description;OMA-URI;Data type;Value\r\nx;y;./Device/Vendor/MSFT/Policy/Config/a;String;<enabled/>\r\n', 'rows.csv');
    expect(codes(r)).toEqual(['error:unknown-kind']);
    expect(r.findings[0]!.message).toMatch(/semicolons.*commas/);
  });
});

describe('readers\' own findings come through', () => {
  test('MCX wrapper without Forced', () => {
    const xml = mobileconfig({}, { extra: '' }).replace('<string>com.anthropic.claudefordesktop</string>', '<string>com.apple.ManagedClient.preferences</string>').replace('</dict>\n</array>', '<key>PayloadContent</key><dict><key>com.anthropic.claudefordesktop</key><dict><key>Set-Once</key><array/></dict></dict></dict>\n</array>');
    expect(codes(check(xml))).toContain('error:mcx-incomplete');
  });

  test('an Intune preference fragment with a plist wrapper', () => {
    expect(codes(check(`<?xml version="1.0"?>\n<plist version="1.0"><dict><key>${K.inferenceProvider}</key><string>gateway</string></dict></plist>\n`, 'x', { kind: 'preference-fragment' }))).toContain('error:fragment-has-wrapper');
    expect(codes(check(`<key>${K.inferenceProvider}</key><string>gateway</string>`))).not.toContain('error:fragment-has-wrapper');
  });

  test('profile JSON is validated as a profile, findings at their line', () => {
    const text = json({ name: 'p', identifier: 'com.example.p', settings: { ...BASE, [K.inferenceModels]: [{ name: 'a', anthropicFamilyTier: 'haiku' }], [K.disableAutoUpdates]: 'true' } });
    const r = check(text, 'p.json');
    expect(r.kind).toBe('profile-json');
    expect(r.findings.map((f) => [f.code, f.path])).toContainEqual(['wrong-type', `line 14 (settings.${K.disableAutoUpdates})`]);
    for (const e of examples) expect(check(JSON.stringify(e.profile, null, 2), e.file).errors).toBe(0);
  });
});

describe('ADMX and ADML are linted as a pair', () => {
  const { result } = built()[0]!;
  const admx = result.files.find((f) => f.path.endsWith('.admx'))!;
  const adml = result.files.find((f) => f.path.endsWith('.adml'))!;

  test('both given: no findings; ADMX alone: admx-pair-missing', () => {
    const r = checkAll([{ name: admx.path, bytes: admx.bytes }, { name: adml.path, bytes: adml.bytes }]);
    expect(r.files.flatMap(codes)).toEqual([]);
    expect(codes(check(admx.bytes, 'Claude.admx'))).toEqual(['warning:admx-pair-missing']);
    expect(codes(check(adml.bytes, 'Claude.adml'))).toEqual(['warning:admx-pair-missing']);
    // File names are not case-sensitive on Windows: Claude.ADMX pairs with en-US/claude.adml (mutation gap AP1).
    expect(checkAll([{ name: 'GPO/Claude.ADMX', bytes: admx.bytes }, { name: 'GPO/en-US/claude.adml', bytes: adml.bytes }]).files.flatMap(codes)).toEqual([]);
  });

  test('alone, a file is still checked for well-formedness and entity declarations', () => {
    const truncated = admx.bytes.subarray(0, Math.floor(admx.bytes.length / 2));
    expect(codes(check(truncated, 'Claude.admx'))).toEqual(['error:admx-not-well-formed', 'warning:admx-pair-missing']);
    const entity = adml.bytes.toString('utf8').replace('<policyDefinitionResources', '<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<policyDefinitionResources');
    expect(codes(check(entity, 'Claude.adml'))).toContain('error:xml-entity');
    expect(codes(check(adml.bytes, 'Claude.adml'))).not.toContain('error:xml-entity');
  });

  test('a broken pair reports the ADMX lint\'s findings on the right file', () => {
    const broken = Buffer.from(adml.bytes.toString('utf8').replace(new RegExp(String.raw`<string id="${K.inferenceProvider}">[^<]*<\/string>`), ''), 'utf8');
    const r = checkAll([{ name: 'Claude.admx', bytes: admx.bytes }, { name: 'en-US/Claude.adml', bytes: broken }]);
    expect(r.files.flatMap((f) => f.findings).length).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
  });

  // An ADMX from before a rename: its policy writes the old value name, as .reg, plist and JSON files of that time do.
  describe(`a policy that writes the retired name ${LEGACY.inferenceGatewayHeaders}`, () => {
    const old = Buffer.from(admx.bytes.toString('utf8').replace(`valueName="${K.inferenceCustomHeaders}"`, `valueName="${LEGACY.inferenceGatewayHeaders}"`), 'utf8');
    const cutoff = Date.parse(DEPRECATION_CUTOFF);
    test.each([
      { when: 'before the cut-off', now: new Date(cutoff - 1000), severity: 'warning' },
      { when: 'from the cut-off on', now: new Date(cutoff), severity: 'error' },
    ])('$when: deprecated-name, $severity, worded and judged as in a .reg of that time', ({ now, severity }) => {
      expect(old.equals(admx.bytes)).toBe(false);
      const r = checkAll([{ name: 'Claude.admx', bytes: old }, { name: 'en-US/Claude.adml', bytes: adml.bytes }], { now });
      const findings = r.files.flatMap((f) => f.findings);
      expect(findings.map((f) => f.code)).not.toContain('admx-unknown-value');
      const renamed = r.files.find((f) => f.file === 'Claude.admx')?.findings.filter((f) => f.code === 'deprecated-name');
      expect(findings.filter((f) => f.code === 'deprecated-name')).toHaveLength(1);
      expect(renamed).toEqual([expect.objectContaining({ severity, path: `policy ${K.inferenceCustomHeaders} element ${K.inferenceCustomHeaders}`, key: K.inferenceCustomHeaders })]);
      const reg = check(regFile({ ...BASE, [LEGACY.inferenceGatewayHeaders]: '["X-Team: a"]' }), 'old.reg', { now }).findings.find((f) => f.code === 'deprecated-name');
      expect(reg).toBeDefined();
      expect({ severity: renamed?.[0]?.severity, message: renamed?.[0]?.message, hint: renamed?.[0]?.hint }).toEqual({ severity: reg?.severity, message: reg?.message, hint: reg?.hint });
    });
  });

  test('the ADML is found beside the ADMX on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-admx-'));
    try {
      mkdirSync(join(dir, 'en-US'));
      writeFileSync(join(dir, 'Claude.admx'), admx.bytes);
      writeFileSync(join(dir, 'en-US', 'Claude.adml'), adml.bytes);
      const r = checkArtifacts([{ name: 'Claude.admx', bytes: admx.bytes, path: join(dir, 'Claude.admx') }], { now: NOW, readSibling: (p) => (p === join(dir, 'en-US', 'Claude.adml') ? adml.bytes : undefined) });
      expect(r.files.flatMap(codes)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('manifest.json checksums', () => {
  test('an edited file is reported, an untouched build is not', () => {
    const { result } = built()[0]!;
    const files = result.files.map((f) => ({ name: `out/${f.path}`, bytes: f.bytes }));
    expect(checkAll(files).files.find((f) => f.file === 'out/manifest.json')!.findings).toEqual([]);
    const edited = files.map((f) => (f.name.endsWith('.reg') && !f.name.endsWith('.undo.reg') ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('\r\n', 'utf16le')]) } : f));
    expect(codes(checkAll(edited).files.find((f) => f.file === 'out/manifest.json')!)).toEqual(['error:manifest-checksum-mismatch']);
  });
});

describe('manifest.json on disk', () => {
  test('a listed file missing beside the manifest is a warning', () => {
    const { result } = built()[0]!;
    const manifest = result.files.find((f) => f.path === 'manifest.json')!;
    const present = new Map(result.files.map((f) => [join('/out', f.path), f.bytes]));
    const ok = checkArtifacts([{ name: 'out/manifest.json', bytes: manifest.bytes, path: '/out/manifest.json' }], { now: NOW, readSibling: (p) => present.get(p) });
    expect(ok.files[0]!.findings).toEqual([]);
    const gone = checkArtifacts([{ name: 'out/manifest.json', bytes: manifest.bytes, path: '/out/manifest.json' }], { now: NOW, readSibling: (p) => (p.endsWith('.reg') ? undefined : present.get(p)) });
    expect(codes(gone.files[0]!)).toEqual(['warning:manifest-file-missing', 'warning:manifest-file-missing']);
  });
});

describe('Intune macOS Graph body', () => {
  test('the profile inside is linted, located inside the payload', () => {
    const body = json({ '@odata.type': '#microsoft.graph.macOSCustomConfiguration', displayName: 'x', payloadName: 'x', payloadFileName: 'x.mobileconfig', payload: fixture('native-types.mobileconfig').toString('base64') });
    const r = check(body, 'g.json');
    expect(r.findings.filter((f) => f.code === 'not-a-string').map((f) => f.path)).toEqual([`payload → PayloadContent[0].${K.inferenceModels}`, `payload → PayloadContent[0].${K.disableDeploymentModeChooser}`, `payload → PayloadContent[0].${K.inferenceTokenWindowHours}`]);
  });
});

describe('Intune Windows rows', () => {
  const { result } = built()[0]!;
  const graph = result.files.find((f) => f.path.endsWith('.windows-custom-configuration.json'))!;
  const csv = result.files.find((f) => f.path.endsWith('.csv'))!;
  const reg = result.files.find((f) => f.path.endsWith('.reg') && !f.path.endsWith('.undo.reg'))!;

  test('Graph JSON and CSV decode to the same settings as the .reg', () => {
    const want = decodeEntries(readArtifact(reg.bytes).read!).settings;
    expect(decodeEntries(readArtifact(graph.bytes).read!).settings).toEqual(want);
    expect(decodeEntries(readArtifact(csv.bytes).read!).settings).toEqual(want);
    expect(readArtifact(graph.bytes).read?.scope).toBe('machine');
  });

  test('a row naming the wrong data id is reported; rows without ADMXInstall are warned', () => {
    const body = JSON.parse(graph.bytes.toString('utf8')) as { omaSettings: { omaUri: string; value: string }[] };
    body.omaSettings[1]!.value = body.omaSettings[1]!.value.replace(/data id="[^"]*"/, 'data id="Wrong"');
    expect(codes(check(JSON.stringify(body, null, 2), 'g.json'))).toContain('error:oma-data-id');
    body.omaSettings.shift();
    expect(codes(check(JSON.stringify(body, null, 2), 'g.json'))).toContain('warning:oma-admx-install-missing');
    expect(check(graph.bytes, 'g.json').findings).toEqual([]);
  });
});

describe('profile manifest', () => {
  test('a Claude subkey typed integer is reported', () => {
    const { result } = built()[0]!;
    const manifest = result.files.find((f) => f.path.endsWith('.manifest.plist'))!.bytes.toString('utf8');
    expect(check(manifest, 'm.plist').findings).toEqual([]);
    const bad = manifest.replace(new RegExp(String.raw`(<key>pfm_name<\/key>\s*<string>${K.inferenceTokenWindowHours}<\/string>[\s\S]*?<key>pfm_type<\/key>\s*<string>)string(<\/string>)`), '$1integer$2');
    expect(bad).not.toBe(manifest);
    expect(codes(check(bad, 'm.plist'))).toEqual(['error:manifest-not-string']);
  });
});

describeIfTool(TOOLS.cms)('signed profiles', () => {
  let pki: TestPki;
  const content = fixture('strings-only.mobileconfig');
  beforeAll(() => {
    pki = makeTestPki();
  });
  const sign = (certificatePem: string, privateKeyPem: string) => signMobileconfig(content, { certificatePem, privateKeyPem, chainPem: pki.intPem }).signed;

  test('a good signature: no findings without a CA; with the CA the chain is verified', () => {
    const signed = sign(pki.leafPem, pki.leafKeyPem);
    const r = check(signed, 'p.mobileconfig');
    expect(r.kind).toBe('signed-mobileconfig');
    expect(r.findings).toEqual([]);
    expect(check(signed, 'p.mobileconfig', { caPem: pki.caPem }).findings).toEqual([]);
    const other = makeTestPki();
    expect(codes(check(signed, 'p.mobileconfig', { caPem: other.caPem }))).toContain('error:signature-untrusted');
  });

  test('an expired signer certificate is a warning', () => {
    const r = check(sign(pki.expiredLeafPem, pki.expiredLeafKeyPem), 'p.mobileconfig');
    expect(codes(r)).toContain('warning:certificate-expired');
    expect(r.errors).toBe(0);
  });

  test('a certificate not valid yet, and a signer without code signing usage, are warnings', () => {
    const r = check(sign(pki.leafPem, pki.leafKeyPem), 'p.mobileconfig', { now: new Date('2000-01-01T00:00:00Z') });
    expect(codes(r)).toContain('warning:certificate-not-yet-valid');
    expect(codes(check(sign(pki.leafPem, pki.leafKeyPem), 'p.mobileconfig'))).not.toContain('warning:certificate-not-yet-valid');
    expect(codes(check(sign(pki.serverAuthLeafPem, pki.serverAuthLeafKeyPem), 'p.mobileconfig'))).toContain('warning:certificate-eku');
    expect(codes(check(sign(pki.leafPem, pki.leafKeyPem), 'p.mobileconfig'))).not.toContain('warning:certificate-eku');
  });

  test('with --ca, the chain is judged at check\'s moment, not at the clock of the machine (mutation gap LD3)', () => {
    // Signed by the expired leaf (valid in January 2020) without the intermediate, verified against the
    // intermediate as the anchor: at 2020-01-15 the leaf is valid and the anchor (issued recently) is not.
    const signed = signMobileconfig(content, { certificatePem: pki.expiredLeafPem, privateKeyPem: pki.expiredLeafKeyPem }).signed;
    const r = check(signed, 'p.mobileconfig', { caPem: pki.intPem, now: new Date('2020-01-15T00:00:00Z') });
    const notValid = r.findings.filter((f) => f.code === 'certificate-not-valid-now').map((f) => f.message);
    expect(notValid).toEqual([expect.stringContaining('"CN=Test Intermediate" is valid only from')]);
    expect(codes(r)).not.toContain('warning:certificate-expired');
  });

  test('content changed after signing is an error', () => {
    const signed = sign(pki.leafPem, pki.leafKeyPem);
    const at = signed.indexOf(Buffer.from('gateway.example.com'));
    const tampered = Buffer.from(signed);
    tampered.write('gateway.example.net', at, 'latin1');
    expect(codes(check(tampered, 'p.mobileconfig'))).toContain('error:content-digest-mismatch');
  });

  test('without --ca, check judges integrity exactly as import does (integrityFindings), never trust', () => {
    const signed = sign(pki.leafPem, pki.leafKeyPem);
    const tampered = Buffer.from(signed);
    tampered.write('gateway.example.net', signed.indexOf(Buffer.from('gateway.example.com')), 'latin1');
    const expired = sign(pki.expiredLeafPem, pki.expiredLeafKeyPem);
    const refusals = (bytes: Buffer): string[] => {
      try {
        importArtifact(bytes, { fileName: 'p.mobileconfig', now: NOW });
        return [];
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        return e.findings.map((f) => `${f.path}:${f.code}`);
      }
    };
    for (const [name, bytes, errors] of [['intact', signed, []], ['tampered', tampered, ['signature:content-digest-mismatch']], ['expired signer', expired, []]] as const) {
      const integrity = integrityFindings(parseSignedProfile(bytes), NOW);
      const r = check(bytes, 'p.mobileconfig');
      const atSignature = r.findings.filter((f) => f.path === 'signature');
      expect({ name, codes: atSignature.map((f) => f.code).filter((c) => TRUST_CODES.has(c)) }).toEqual({ name, codes: [] });
      // Every integrity finding is in check's report as integrityFindings words it.
      for (const f of integrity) expect(atSignature).toContainEqual(expect.objectContaining({ code: f.code, severity: f.severity, message: f.message }));
      const checkErrors = atSignature.filter((f) => f.severity === 'error').map((f) => `${f.path}:${f.code}`);
      expect({ name, checkErrors, importRefusals: refusals(bytes) }).toEqual({ name, checkErrors: errors, importRefusals: errors });
    }
  });

  test('the signed profile\'s own settings are linted too', () => {
    const signed = signMobileconfig(fixture('native-types.mobileconfig'), { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;
    expect(check(signed, 'p.mobileconfig').findings.filter((f) => f.code === 'not-a-string').map((f) => f.key)).toEqual([K.inferenceModels, K.disableDeploymentModeChooser, K.inferenceTokenWindowHours]);
  });
});


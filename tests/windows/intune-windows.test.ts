import { CATALOG, isMdmKey } from '../../lib/catalog';
import { XmlCharacterError } from '../../lib/escape/xml';
import type { ResolvedProfile, ResolvedSettings } from '../../lib/profile/types';
import { writeAdmxBundle } from '../../lib/writers/admx';
import { admxCategoryName } from '../../lib/writers/admx-model';
import { createHash } from 'node:crypto';
import { INTUNE_CSV_COLUMNS, intuneWindowsCsv, intuneWindowsFiles, intuneWindowsGraphJson, intuneWindowsRows, IntuneWindowsError } from '../../lib/writers/intune-windows';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { describeIfTool, TOOLS, xpathOnFragment } from '../support/validators';
import { allMdmSettings, expectedRegValues, parseCsvWithPython, profileWith } from './support';
import { K } from '../support/keys';

const examples = loadExamples();
const truefoundry = examples.find((e) => e.file === 'truefoundry.profile.json')!.resolved;
const admxText = writeAdmxBundle().admx.toString('utf8');

interface GraphBody {
  '@odata.type': string;
  displayName: string;
  description: string;
  omaSettings: { '@odata.type': string; displayName: string; description: string; omaUri: string; value: string }[];
}

const INSTALL_URI = './Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/ClaudeDesktop/Policy/ClaudeAdmx';

/** The expected OMA-URI of a key, from the catalogue's section. */
function settingUri(key: string, scope: ResolvedProfile['scope']): string {
  const def = CATALOG.find((k) => k.name === key)!;
  return `./${scope === 'machine' ? 'Device' : 'User'}/Vendor/MSFT/Policy/Config/ClaudeDesktop~Policy~Claude~${admxCategoryName(def.section)}/${key}`;
}

describe('Intune Graph JSON for the TrueFoundry example', () => {
  const text = intuneWindowsGraphJson(truefoundry);
  const body = JSON.parse(text) as GraphBody;
  const expected = expectedRegValues(truefoundry);

  it('is a windows10CustomConfiguration of omaSettingString rows, 2-space JSON with a trailing LF', () => {
    expect(body['@odata.type']).toBe('#microsoft.graph.windows10CustomConfiguration');
    expect(body.displayName).toBe(truefoundry.displayName);
    expect(body.description).toBe(truefoundry.description);
    expect(text).toBe(`${JSON.stringify(body, null, 2)}\n`);
    for (const s of body.omaSettings) expect(s['@odata.type']).toBe('#microsoft.graph.omaSettingString');
  });

  it('has one ADMXInstall row carrying Claude.admx, first', () => {
    const installs = body.omaSettings.filter((s) => s.omaUri.includes('/ADMXInstall/'));
    expect(installs).toHaveLength(1);
    expect(body.omaSettings[0]!.omaUri).toBe(INSTALL_URI);
    expect(body.omaSettings[0]!.value).toBe(admxText);
  });

  it('has one row per set key, in catalogue order, with the ./Device policy URI', () => {
    const rows = body.omaSettings.slice(1);
    expect(rows.map((r) => r.displayName)).toEqual(Object.keys(expected));
    for (const r of rows) expect(r.omaUri).toBe(settingUri(r.displayName, 'machine'));
  });

  describeIfTool(TOOLS.xpath)('each data value, read back with xmllint --xpath', () => {
    it.each(Object.keys(expected))('%s', (key) => {
      const row = body.omaSettings.find((s) => s.displayName === key)!;
      expect(xpathOnFragment(row.value, 'count(/r/enabled)').output.trim()).toBe('1');
      expect(xpathOnFragment(row.value, 'count(/r/*)').output.trim()).toBe('2');
      const read = xpathOnFragment(row.value, `string(/r/data[@id="${key}"]/@value)`);
      expect(read.ok).toBe(true);
      expect(read.output).toBe(expected[key]);
    });
  });
});

const cases: [string, ResolvedProfile][] = [
  ...examples.map((e): [string, ResolvedProfile] => [e.file, e.resolved]),
  ['hostile.profile.json (user scope, TAB inside JSON)', loadFixtureProfile('hostile.profile.json').resolved],
  ['hostile-reg.profile.json', loadFixtureProfile('hostile-reg.profile.json').resolved],
  ['all-keys.profile.json', loadFixtureProfile('all-keys.profile.json').resolved],
  ['every MDM key, high samples', profileWith(allMdmSettings('high'), 'user')],
];

describeIfTool(TOOLS.xpath)('OMA-URI data values of every profile read back exactly (xmllint)', () => {
  it.each(cases)('%s', (_name, profile) => {
    const rows = intuneWindowsRows(profile);
    const expected = expectedRegValues(profile);
    expect(rows.slice(1).map((r) => r.key)).toEqual(Object.keys(expected));
    for (const row of rows.slice(1)) {
      const key = row.key!;
      expect(row.omaUri).toBe(settingUri(key, profile.scope));
      const read = xpathOnFragment(row.value, `string(/r/data[@id="${key}"]/@value)`);
      expect({ key, ok: read.ok, value: read.output }).toEqual({ key, ok: true, value: expected[key] });
    }
  });
});

describe('Intune CSV', () => {
  it.each(cases)('%s: Python csv reads back the same rows as the Graph JSON', (_name, profile) => {
    const bytes = intuneWindowsCsv(profile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsvWithPython(bytes);
    expect(records[0]).toEqual([...INTUNE_CSV_COLUMNS]);
    const body = JSON.parse(intuneWindowsGraphJson(profile)) as GraphBody;
    expect(records.slice(1)).toEqual(body.omaSettings.map((s) => [s.displayName, s.description, s.omaUri, 'String', s.value]));
  });

  it.each(cases)('%s: the files a build writes equal the single-file writers, and the checksums (from cached prefix hashes) are the bytes\' SHA-256', (_name, profile) => {
    for (const options of [{}, { appName: 'Acme_Claude', fileUid: 'Claude_v2' }]) {
      const files = intuneWindowsFiles(profile, options);
      expect(files.csv.equals(intuneWindowsCsv(profile, options))).toBe(true);
      expect(files.graphJson.toString('utf8')).toBe(intuneWindowsGraphJson(profile, options));
      expect(files.csvSha256).toBe(createHash('sha256').update(files.csv).digest('hex'));
      expect(files.graphJsonSha256).toBe(createHash('sha256').update(files.graphJson).digest('hex'));
    }
  });

  it('two FileUids under one AppName in one process: each CSV carries its own ADMXInstall OMA-URI', () => {
    // The header and install record are kept per process: the same AppName must not bring back another FileUid's record.
    for (const fileUid of ['Claude_v1', 'Claude_v2', 'Claude_v1']) {
      const records = parseCsvWithPython(intuneWindowsCsv(truefoundry, { appName: 'Acme_Claude', fileUid }));
      expect(records[1]![2]).toBe(`./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/Acme_Claude/Policy/${fileUid}`);
      const body = JSON.parse(intuneWindowsGraphJson(truefoundry, { appName: 'Acme_Claude', fileUid })) as GraphBody;
      expect(records.slice(1)).toEqual(body.omaSettings.map((s) => [s.displayName, s.description, s.omaUri, 'String', s.value]));
    }
  });

  it('uses CRLF record ends and quotes only fields that need it', () => {
    const text = intuneWindowsCsv(truefoundry).subarray(3).toString('utf8');
    expect(text.startsWith('Name,Description,OMA-URI,Data type,Value\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(`\r\n${K.inferenceProvider},`);
    expect(text).toContain(`,String,"<enabled/><data id=""${K.inferenceProvider}"" value=""gateway""/>"\r\n`);
  });
});

describe('Intune rows: options, errors, determinism', () => {
  it('uses ./User for user scope', () => {
    const rows = intuneWindowsRows({ ...truefoundry, scope: 'user' });
    expect(rows[0]!.omaUri).toBe(INSTALL_URI); // ADMX ingestion is always per device
    expect(rows.slice(1).every((r) => r.omaUri.startsWith('./User/Vendor/MSFT/Policy/Config/ClaudeDesktop~Policy~Claude~'))).toBe(true);
  });

  it('takes AppName and FileUid overrides and refuses bad ones', () => {
    const rows = intuneWindowsRows(truefoundry, { appName: 'Acme_Claude', fileUid: 'Claude_v1' });
    expect(rows[0]!.omaUri).toBe('./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/Acme_Claude/Policy/Claude_v1');
    expect(rows[1]!.omaUri.startsWith('./Device/Vendor/MSFT/Policy/Config/Acme_Claude~Policy~Claude~')).toBe(true);
    expect(() => intuneWindowsRows(truefoundry, { appName: 'Acme-Claude' })).toThrow(IntuneWindowsError);
    expect(() => intuneWindowsRows(truefoundry, { fileUid: 'a.b' })).toThrow(/fileUid "a.b" may only hold letters, digits and _/);
  });

  it('refuses a value its policy cannot hold, naming the key', () => {
    const bad = { ...truefoundry.settings, [K.autoUpdaterEnforcementHours]: 99 } as ResolvedSettings;
    expect(() => intuneWindowsRows({ ...truefoundry, settings: bad })).toThrow(new RegExp(`^${K.autoUpdaterEnforcementHours}: 99 is outside the policy's range 1 to 72`));
  });

  it('refuses a character XML cannot carry, naming the key and not the value', () => {
    const bad = { ...truefoundry.settings, [K.inferenceGatewayApiKey]: 'sk-secret\u0001x' } as ResolvedSettings;
    expect(() => intuneWindowsRows({ ...truefoundry, settings: bad })).toThrow(XmlCharacterError);
    expect(() => intuneWindowsRows({ ...truefoundry, settings: bad })).toThrow(new RegExp(String.raw`^${K.inferenceGatewayApiKey}: character U\+0001`));
    try {
      intuneWindowsRows({ ...truefoundry, settings: bad });
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-secret');
    }
  });

  it('carries CR, LF and TAB in a string value as character references', () => {
    const settings = { ...truefoundry.settings, [K.organizationInstructions]: 'a\tb\r\nc' } as ResolvedSettings;
    const row = intuneWindowsRows({ ...truefoundry, settings }).find((r) => r.key === K.organizationInstructions)!;
    expect(row.value).toBe(`<enabled/><data id="${K.organizationInstructions}" value="a&#x9;b&#xD;&#xA;c"/>`);
  });

  it('leaves out bootstrap-only keys', () => {
    const bootstrapOnly = CATALOG.find((k) => !isMdmKey(k))!;
    const settings = { ...truefoundry.settings, [bootstrapOnly.name]: {} } as ResolvedSettings;
    expect(intuneWindowsGraphJson({ ...truefoundry, settings })).toBe(intuneWindowsGraphJson(truefoundry));
  });

  it('is byte-identical across runs and settings insertion orders', () => {
    const reversed = { ...truefoundry, settings: Object.fromEntries(Object.entries(truefoundry.settings).reverse()) as ResolvedSettings };
    expect(intuneWindowsGraphJson(reversed)).toBe(intuneWindowsGraphJson(truefoundry));
    expect(intuneWindowsCsv(reversed).equals(intuneWindowsCsv(truefoundry))).toBe(true);
  });
});

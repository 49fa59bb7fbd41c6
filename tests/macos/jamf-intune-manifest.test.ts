import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CATALOG, isMdmKey } from '../../lib/catalog';
import { decodeValue } from '../../lib/encode';
import { readPreferenceFragment, readPreferencePlist } from '../../lib/read/plist';
import { entriesToSettings } from '../../lib/read/types';
import { buildIntuneMacosGraphJson, buildIntunePreferenceFragment, INTUNE_MAX_PROFILE_BYTES, intuneMacosConfiguration } from '../../lib/writers/intune-macos';
import { buildJamfSchema, computeJamfSchema, jamfSchema, JAMF_SCHEMA_TITLE, type JamfSchema } from '../../lib/writers/jamf-schema';
import { buildPreferencePlist } from '../../lib/writers/jamf-plist';
import { buildMobileconfig } from '../../lib/writers/mobileconfig';
import { buildProfileManifest, computeProfileManifest } from '../../lib/writers/profile-manifest';
import { loadFixtureProfile } from '../support/examples';
import { TOOLS, checkPlistWithPlistlib, describeIfTool, readPlistWithPlistlib, xmllintValidPlist } from '../support/validators';
import { allProfiles, expectedStrings } from './support';
import { K } from '../support/keys';

const MDM_KEYS = CATALOG.filter(isMdmKey);
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

/** ajv set up as validators.md §6 (check-json.js): draft-07, strict, Jamf UI keywords declared. */
function jamfAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  for (const keyword of ['options', 'property_order', 'links']) ajv.addKeyword({ keyword });
  return ajv;
}

describe('Jamf custom schema', () => {
  // The compute path; tests/generated/catalog-artifacts.test.ts proves the precomputed bytes equal it.
  const schema = JSON.parse(computeJamfSchema().toString('utf8')) as JamfSchema;

  test('is a valid draft-07 JSON Schema (ajv meta-schema, strict) with the Jamf keywords', () => {
    const ajv = jamfAjv();
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('lists every MDM catalogue key, in catalogue order, every property "type":"string"', () => {
    expect(schema.title).toBe(JAMF_SCHEMA_TITLE);
    expect(schema.title).toBe('Claude Desktop (com.anthropic.claudefordesktop)');
    expect(Object.keys(schema.properties)).toEqual(MDM_KEYS.map((k) => k.name));
    const props = Object.values(schema.properties);
    expect(props.filter((p) => p.type !== 'string')).toEqual([]);
    const orders = props.map((p) => p.property_order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
    for (const p of props) {
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(10);
    }
  });

  test('booleans are ["true","false"], enums have titles, numbers a pattern, JSON keys an example, secrets a note', () => {
    for (const def of MDM_KEYS) {
      const p = schema.properties[def.name]!;
      if (def.type === 'boolean') expect(p.enum).toEqual(['true', 'false']);
      if (def.type === 'string' && def.enum) {
        expect(p.enum).toEqual(def.enum);
        expect(p.options?.enum_titles).toHaveLength(def.enum.length);
      }
      if (def.type === 'integer' || def.type === 'number') expect(p.pattern).toBeDefined();
      if (def.type === 'stringList' || def.type === 'object' || def.type === 'objectList') {
        const m = /for example: (.*)\.$/.exec(p.options?.infoText?.split(' Holds a credential')[0] ?? '');
        expect(m).not.toBeNull();
        const decoded = decodeValue(def.type, m![1]!);
        expect(decoded.ok).toBe(true);
        expect(new RegExp(p.pattern!).test(m![1]!)).toBe(true);
      }
      if (def.secret) {
        expect(p.description).toContain('Holds a credential');
        expect(p.options?.infoText).toContain('Holds a credential');
      }
    }
  });

  test('every profile\'s Jamf values validate against the schema; natives and wrong strings do not', () => {
    const validate = jamfAjv().compile(schema);
    for (const { resolved } of allProfiles()) {
      const data = Object.fromEntries(expectedStrings(resolved));
      expect(validate(data)).toBe(true);
    }
    expect(validate({ [K.disableAutoUpdates]: true })).toBe(false);
    expect(validate({ [K.disableAutoUpdates]: 'yes' })).toBe(false);
    expect(validate({ [K.inferenceCredentialHelperTimeoutSec]: '0' })).toBe(false);
    expect(validate({ [K.inferenceCredentialHelperTimeoutSec]: '60' })).toBe(true);
    expect(validate({ [K.inferenceModels]: 'claude-sonnet-4-5' })).toBe(false);
  });

  test('same bytes every time; JSON with 2-space indent and a final LF', () => {
    const a = computeJamfSchema();
    expect(computeJamfSchema().equals(a)).toBe(true);
    expect(buildJamfSchema().equals(a)).toBe(true);
    expect(a.toString('utf8')).toBe(`${JSON.stringify(jamfSchema(), null, 2)}\n`);
  });
});

describeIfTool([...TOOLS.plist, ...TOOLS.plistDtd])('Jamf preference plist', () => {
  for (const { file, resolved } of allProfiles()) {
    test(`${file}: plistlib reads exactly the settings as strings; DTD-valid; reader round trip`, () => {
      const bytes = buildPreferencePlist(resolved);
      expect(Object.entries(readPlistWithPlistlib(bytes) as Record<string, unknown>)).toEqual(expectedStrings(resolved));
      expect(xmllintValidPlist(bytes).ok).toBe(true);
      const r = readPreferencePlist(bytes);
      expect(r.findings).toEqual([]);
      expect(r.entries.map((e) => [e.key, e.raw])).toEqual(expectedStrings(resolved));
      expect(entriesToSettings(r.entries).findings).toEqual([]);
    });
  }
});

describeIfTool([...TOOLS.plist, ...TOOLS.plistDtd])('Intune preference-file fragment', () => {
  for (const { file, resolved } of allProfiles()) {
    test(`${file}: no wrapper; passes plistlib and xmllint once wrapped`, () => {
      const text = buildIntunePreferenceFragment(resolved).toString('utf8');
      expect(text).not.toMatch(/<\?xml|<!DOCTYPE|<plist|<dict/);
      expect(text.startsWith('<key>')).toBe(true);
      const wrapped = `${HEADER}<plist version="1.0">\n<dict>\n${text}</dict>\n</plist>\n`;
      expect(xmllintValidPlist(wrapped).output).toBe('');
      expect(Object.entries(readPlistWithPlistlib(wrapped) as Record<string, unknown>)).toEqual(expectedStrings(resolved));
      const r = readPreferenceFragment(text);
      expect(r.findings).toEqual([]);
      expect(r.entries.map((e) => [e.key, e.raw])).toEqual(expectedStrings(resolved));
    });
  }
});

describeIfTool(TOOLS.plist)('Intune Graph macOSCustomConfiguration JSON', () => {
  for (const { file, resolved, env } of allProfiles()) {
    test(`${file}: base64 payload decodes to the exact .mobileconfig bytes`, () => {
      const mobileconfig = buildMobileconfig(resolved);
      const json = JSON.parse(buildIntuneMacosGraphJson(resolved, mobileconfig, `${resolved.name}.mobileconfig`).toString('utf8')) as Record<string, string>;
      expect(Object.keys(json)).toEqual(['@odata.type', 'displayName', 'description', 'payloadName', 'payloadFileName', 'payload']);
      expect(json['@odata.type']).toBe('#microsoft.graph.macOSCustomConfiguration');
      expect(json.payloadFileName).toBe(`${resolved.name}.mobileconfig`);
      expect(json.displayName).toBe(resolved.displayName);
      const decoded = Buffer.from(json.payload!, 'base64');
      expect(decoded.equals(mobileconfig)).toBe(true);
      expect(checkPlistWithPlistlib(decoded).ok).toBe(true);
      for (const secret of Object.values(env)) if (secret) expect(json.description).not.toContain(secret);
    });
  }

  test('a profile over Intune\'s size limit is refused with a clear error', () => {
    const { resolved } = loadFixtureProfile('hostile.profile.json');
    expect(() => intuneMacosConfiguration(resolved, Buffer.alloc(INTUNE_MAX_PROFILE_BYTES + 1), 'big.mobileconfig')).toThrow(/big\.mobileconfig: 1000001 bytes; Intune accepts custom profiles up to 1000000 bytes/);
  });

  test('a profile of exactly Intune\'s size limit is accepted: the limit itself is allowed', () => {
    const { resolved } = loadFixtureProfile('hostile.profile.json');
    const atLimit = Buffer.alloc(INTUNE_MAX_PROFILE_BYTES, 0x61);
    const json = intuneMacosConfiguration(resolved, atLimit, 'edge.mobileconfig');
    expect(Buffer.from(json.payload, 'base64').equals(atLimit)).toBe(true);
  });
});

describeIfTool([...TOOLS.plist, ...TOOLS.plistDtd])('ProfileManifests manifest', () => {
  type Sub = Record<string, unknown>;
  // The compute path (render + read-back check); buildProfileManifest serves the precomputed copy.
  const bytes = computeProfileManifest();
  const m = readPlistWithPlistlib(bytes) as Record<string, unknown>;

  test('parses with plistlib and is DTD-valid; same bytes every time', () => {
    expect(xmllintValidPlist(bytes).output).toBe('');
    expect(computeProfileManifest().equals(bytes)).toBe(true);
    expect(buildProfileManifest().equals(bytes)).toBe(true);
  });

  test('top-level pfm keys', () => {
    expect(m.pfm_domain).toBe('com.anthropic.claudefordesktop');
    expect(m.pfm_format_version).toBe(1);
    expect(m.pfm_title).toBe('Claude Desktop (com.anthropic.claudefordesktop)');
    expect(typeof m.pfm_description).toBe('string');
    expect(m.pfm_platforms).toEqual(['macOS']);
    expect((m.pfm_last_modified as { $date: string }).$date).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00/);
    expect(typeof m.pfm_version).toBe('number');
  });

  test('subkeys: Payload* keys, then every MDM key as pfm_type string with range lists for enums and booleans', () => {
    const subs = m.pfm_subkeys as Sub[];
    const names = subs.map((s) => s.pfm_name);
    expect(names.slice(0, 7)).toEqual(['PayloadDescription', 'PayloadDisplayName', 'PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion', 'PayloadOrganization']);
    expect(names.slice(7)).toEqual(MDM_KEYS.map((k) => k.name));
    expect(subs.find((s) => s.pfm_name === 'PayloadVersion')).toMatchObject({ pfm_type: 'integer', pfm_default: 1 });
    for (const def of MDM_KEYS) {
      const s = subs.find((x) => x.pfm_name === def.name)!;
      expect(s.pfm_type).toBe('string');
      expect(typeof s.pfm_title).toBe('string');
      expect(typeof s.pfm_description).toBe('string');
      if (def.type === 'boolean') expect(s.pfm_range_list).toEqual(['true', 'false']);
      if (def.type === 'string' && def.enum) expect(s.pfm_range_list).toEqual(def.enum);
      if (s.pfm_default !== undefined) expect(typeof s.pfm_default).toBe('string');
      if (typeof s.pfm_format === 'string' && typeof s.pfm_default === 'string' && s.pfm_default !== '') expect(new RegExp(s.pfm_format).test(s.pfm_default)).toBe(true);
    }
  });
});

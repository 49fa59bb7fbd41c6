import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlCharacterError } from '../../lib/escape/xml';
import type { ResolvedProfile } from '../../lib/profile/types';
import { buildMobileconfig, mobileconfigView, type PayloadForm } from '../../lib/writers/mobileconfig';
import { PROFILE_UUID_NAMESPACE, uuidV5 } from '../../lib/writers/uuid';
import { ROOT, loadExamples, loadFixtureProfile } from '../support/examples';
import { TOOLS, checkPlistWithPlistlib, describeIfTool, readPlistWithPlistlib, xmllintValidPlist } from '../support/validators';
import { DOMAIN, allProfiles, claudeSettingsOf, expectedStrings } from './support';

const FORMS: PayloadForm[] = ['direct', 'mcx'];
type Dict = Record<string, unknown>;

function withSettings(base: ResolvedProfile, settings: Dict): ResolvedProfile {
  return { ...base, settings: { ...base.settings, ...settings } as ResolvedProfile['settings'] };
}

describeIfTool([...TOOLS.plist, ...TOOLS.plistDtd])('mobileconfig: every profile through plistlib and xmllint --valid', () => {
  for (const { file, resolved } of allProfiles()) {
    for (const form of FORMS) {
      test(`${file} (${form})`, () => {
        const bytes = buildMobileconfig(resolved, { payloadForm: form });
        const check = checkPlistWithPlistlib(bytes);
        expect(check.output).toContain('plist OK');
        const dtd = xmllintValidPlist(bytes);
        expect(dtd.output).toBe('');
        expect(dtd.ok).toBe(true);

        const top = readPlistWithPlistlib(bytes) as Dict;
        // Values read back by plistlib equal Claude's encoding, key by key and in catalogue order.
        expect(claudeSettingsOf(top)).toEqual(expectedStrings(resolved));
        expect(top.PayloadIdentifier).toBe(resolved.identifier);
        expect(top.PayloadScope).toBe(resolved.scope === 'user' ? 'User' : 'System');
        expect(top.PayloadType).toBe('Configuration');
        expect(top.PayloadVersion).toBe(1);
        expect(top.PayloadDisplayName).toBe(resolved.displayName);
        const payload = (top.PayloadContent as Dict[])[0]!;
        expect(payload.PayloadIdentifier).toBe(`${resolved.identifier}.settings`);
        expect(payload.PayloadUUID).not.toBe(top.PayloadUUID);
        expect(payload.PayloadVersion).toBe(1);
        // Fixed order: Payload* keys alphabetically, TargetDeviceType last.
        const keys = Object.keys(top);
        expect(keys).toEqual([...keys].sort());
      });
    }
  }

  test('the hostile fixture reads back unchanged (metadata and values)', () => {
    const { resolved } = loadFixtureProfile('hostile.profile.json');
    for (const form of FORMS) {
      const top = readPlistWithPlistlib(buildMobileconfig(resolved, { payloadForm: form })) as Dict;
      expect(top.PayloadDisplayName).toBe(resolved.displayName);
      expect(top.PayloadOrganization).toBe(resolved.organization);
      expect(String(top.PayloadDescription).startsWith(`${resolved.description!}\n\n`)).toBe(true);
      expect(Object.fromEntries(claudeSettingsOf(top))).toEqual(Object.fromEntries(expectedStrings(resolved)));
    }
  });

  test('CR, LF and TAB in a value survive (CR written as &#xD;)', () => {
    const base = loadExamples()[0]!.resolved;
    const text = 'line1\r\nline2\rline3\n\tend';
    const bytes = buildMobileconfig(withSettings(base, { organizationInstructions: text }));
    expect(bytes.toString('utf8')).toContain('line1&#xD;\nline2&#xD;line3\n\tend');
    const top = readPlistWithPlistlib(bytes);
    expect(Object.fromEntries(claudeSettingsOf(top)).organizationInstructions).toBe(text);
    expect(checkPlistWithPlistlib(bytes).ok).toBe(true);
  });

  test('PayloadRemovalDisallowed and TargetDeviceType options', () => {
    const base = loadExamples()[0]!.resolved;
    const on = readPlistWithPlistlib(buildMobileconfig(base, { removalDisallowed: true })) as Dict;
    expect(on.PayloadRemovalDisallowed).toBe(true);
    expect(on.TargetDeviceType).toBe(5);
    const off = readPlistWithPlistlib(buildMobileconfig(base, { removalDisallowed: false, targetDeviceType: false })) as Dict;
    expect(off.PayloadRemovalDisallowed).toBe(false);
    expect('TargetDeviceType' in off).toBe(false);
    const plain = readPlistWithPlistlib(buildMobileconfig(base)) as Dict;
    expect('PayloadRemovalDisallowed' in plain).toBe(false);
  });

  test('a profile with no MDM settings still validates (both forms)', () => {
    const base = loadExamples()[0]!.resolved;
    for (const form of FORMS) {
      const bytes = buildMobileconfig({ ...base, settings: {} }, { payloadForm: form });
      expect(checkPlistWithPlistlib(bytes).output).toContain('plist OK');
      expect(xmllintValidPlist(bytes).ok).toBe(true);
      expect(claudeSettingsOf(readPlistWithPlistlib(bytes))).toEqual([]);
    }
  });

  test('a profile without organization or description still validates', () => {
    const base = loadExamples()[0]!.resolved;
    const { organization: _o, description: _d, ...rest } = base;
    const bytes = buildMobileconfig(rest);
    expect(checkPlistWithPlistlib(bytes).ok).toBe(true);
    expect(xmllintValidPlist(bytes).ok).toBe(true);
    expect('PayloadOrganization' in (readPlistWithPlistlib(bytes) as Dict)).toBe(false);
  });
});

describe('mobileconfig: characters XML cannot hold', () => {
  const base = loadExamples()[0]!.resolved;

  test('U+0001 in a value names the key', () => {
    const bad = withSettings(base, { organizationInstructions: 'a\u0001b' });
    expect(() => buildMobileconfig(bad)).toThrow(XmlCharacterError);
    expect(() => buildMobileconfig(bad)).toThrow(/^organizationInstructions: character U\+0001/);
  });

  test('U+0001 inside a JSON value is fine: JSON text escapes it as \\u0001', () => {
    const ok = withSettings(base, { inferenceCustomHeaders: { 'X-A': 'x\u0001' } });
    expect(buildMobileconfig(ok, { payloadForm: 'mcx' }).toString('utf8')).toContain('{"X-A":"x\\u0001"}');
  });

  test('a control character in metadata names the field', () => {
    expect(() => buildMobileconfig({ ...base, displayName: 'x\u000By' })).toThrow(/^displayName: character U\+000B/);
    expect(() => buildMobileconfig({ ...base, organization: '\uFFFE' })).toThrow(/^organization: /);
  });

  test('the error never shows the secret value', () => {
    const bad = withSettings(base, { inferenceGatewayApiKey: 'sk-SECRET-VALUE\u0002' });
    expect(() => buildMobileconfig(bad)).toThrow(/^inferenceGatewayApiKey: /);
    try {
      buildMobileconfig(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain('SECRET-VALUE');
    }
  });
});

describe('mobileconfig: UUIDs', () => {
  test('UUIDv5 test vector (RFC 9562 namespace DNS + python.org)', () => {
    expect(uuidV5('6BA7B810-9DAD-11D1-80B4-00C04FD430C8', 'python.org')).toBe('886313E1-3B8A-5372-9B90-0C9AEE199E5D');
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'claude-gateway-profile.mobileconfig')).toBe(PROFILE_UUID_NAMESPACE);
  });

  test('unchanged profile keeps its UUIDs, a changed one gets new ones, payload UUIDs are distinct', () => {
    const base = loadExamples()[1]!.resolved;
    const a = mobileconfigView(base);
    const b = mobileconfigView(structuredClone(base));
    expect(b.uuid).toBe(a.uuid);
    expect(b.payload.uuid).toBe(a.payload.uuid);
    expect(a.uuid).not.toBe(a.payload.uuid);
    const changed = mobileconfigView(withSettings(base, { disableAutoUpdates: true }));
    expect(changed.uuid).not.toBe(a.uuid);
    expect(changed.payload.uuid).not.toBe(a.payload.uuid);
    const mcx = mobileconfigView(base, { payloadForm: 'mcx' });
    expect(mcx.uuid).not.toBe(a.uuid);
    for (const u of [a.uuid, a.payload.uuid]) expect(u).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  test('overrides are used (uppercased) and checked', () => {
    const base = loadExamples()[1]!.resolved;
    const v = mobileconfigView(base, { uuids: { profile: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' } });
    expect(v.uuid).toBe('AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE');
    expect(v.payload.uuid).toBe(mobileconfigView(base).payload.uuid);
    expect(() => mobileconfigView(base, { uuids: { payload: 'nope' } })).toThrow(/uuids\.payload: "nope" is not a UUID/);
    const same = '11111111-2222-3333-4444-555555555555';
    expect(() => mobileconfigView(base, { uuids: { profile: same, payload: same } })).toThrow(/different PayloadUUIDs/);
  });
});

describe('mobileconfig: bytes and template', () => {
  test('UTF-8 without BOM, LF only, XML declaration first; same input gives same bytes', () => {
    for (const { resolved } of allProfiles()) {
      const a = buildMobileconfig(resolved);
      expect(a.subarray(0, 5).toString()).toBe('<?xml');
      expect(a.includes('\r')).toBe(false);
      expect(buildMobileconfig(structuredClone(resolved)).equals(a)).toBe(true);
    }
  });

  test('settings order is the catalogue order, not the profile order', () => {
    const base = loadExamples()[0]!.resolved;
    const reversed = { ...base, settings: Object.fromEntries(Object.entries(base.settings).reverse()) as ResolvedProfile['settings'] };
    expect(buildMobileconfig(reversed).equals(buildMobileconfig(base))).toBe(true);
  });

  test('PayloadDescription names keys but never secret values', () => {
    const { resolved, env } = loadFixtureProfile('hostile.profile.json');
    const v = mobileconfigView(resolved);
    expect(v.description).toContain('inferenceGatewayApiKey');
    expect(v.description).toContain('keep this file private');
    expect(v.description).not.toContain(String(resolved.settings.inferenceGatewayApiKey));
    for (const secret of Object.values(env)) if (secret) expect(v.description).not.toContain(secret);
  });

  test('templates never use double-stash (HTML escaping) for values', () => {
    for (const name of ['mobileconfig.hbs']) {
      const text = readFileSync(join(ROOT, 'templates', name), 'utf8');
      expect(text.replace(/\{\{\{[^}]*\}\}\}/g, '').match(/\{\{(?![#/!>]|else)[^}]*\}\}/g)).toBeNull();
      expect(text.includes('\r')).toBe(false);
    }
  });

  test('the domain is the catalogue constant', () => {
    expect(mobileconfigView(loadExamples()[0]!.resolved).payload.domain).toBe(DOMAIN);
  });
});

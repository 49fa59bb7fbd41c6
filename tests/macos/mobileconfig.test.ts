import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { XmlCharacterError } from '../../lib/escape/xml';
import type { ResolvedProfile } from '../../lib/profile/types';
import { buildMobileconfig, mobileconfigView, UUID_PLACEHOLDER, verifyMobileconfig, type MobileconfigOptions, type PayloadForm } from '../../lib/writers/mobileconfig';
import { ReadBackError } from '../../lib/writers/plist-values';
import { DNS_NAMESPACE, PROFILE_UUID_NAMESPACE, sha256Hex, uuidV5 } from '../../lib/writers/uuid';
import { ROOT, loadExamples, loadFixtureProfile } from '../support/examples';
import { TOOLS, checkPlistWithPlistlib, describeIfTool, readPlistWithPlistlib, recomputePayloadUuidsWithPython, xmllintValidPlist } from '../support/validators';
import { DOMAIN, allProfiles, claudeSettingsOf, expectedStrings } from './support';
import { K } from '../support/keys';

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
    const bytes = buildMobileconfig(withSettings(base, { [K.organizationInstructions]: text }));
    expect(bytes.toString('utf8')).toContain('line1&#xD;\nline2&#xD;line3\n\tend');
    const top = readPlistWithPlistlib(bytes);
    expect(Object.fromEntries(claudeSettingsOf(top))[K.organizationInstructions]).toBe(text);
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
    const bad = withSettings(base, { [K.organizationInstructions]: 'a\u0001b' });
    expect(() => buildMobileconfig(bad)).toThrow(XmlCharacterError);
    expect(() => buildMobileconfig(bad)).toThrow(new RegExp(String.raw`^${K.organizationInstructions}: character U\+0001`));
  });

  test('U+0001 inside a JSON value is fine: JSON text escapes it as \\u0001', () => {
    const ok = withSettings(base, { [K.inferenceCustomHeaders]: { 'X-A': 'x\u0001' } });
    expect(buildMobileconfig(ok, { payloadForm: 'mcx' }).toString('utf8')).toContain('{"X-A":"x\\u0001"}');
  });

  test('a control character in metadata names the field', () => {
    expect(() => buildMobileconfig({ ...base, displayName: 'x\u000By' })).toThrow(/^displayName: character U\+000B/);
    expect(() => buildMobileconfig({ ...base, organization: '\uFFFE' })).toThrow(/^organization: /);
  });

  test('with several problems, the writer throws the error the checks meet first, as mobileconfigView does', () => {
    const badValue = { [K.organizationInstructions]: 'a\u0001b' };
    const badMeta: Partial<ResolvedProfile>[] = [{}, { displayName: 'x\u000By' }, { organization: '\uFFFE' }, { description: 'd\uD800' }, { identifier: 'com.example.\u0002' }, { identifier: ' ' }];
    const badOptions = [{}, { payloadForm: 'xml' as PayloadForm }, { uuids: { profile: 'nope' } }, { uuids: { profile: '11111111-2222-3333-4444-555555555555', payload: '11111111-2222-3333-4444-555555555555' } }];
    let failures = 0;
    for (const value of [{}, badValue]) {
      for (const meta of badMeta) {
        for (const options of badOptions) {
          const profile = { ...withSettings(base, value), ...meta };
          let expected: Error | undefined;
          try {
            mobileconfigView(profile, options);
          } catch (e) {
            expected = e as Error;
          }
          if (!expected) {
            expect(() => buildMobileconfig(profile, options)).not.toThrow();
            continue;
          }
          failures++;
          let got: Error | undefined;
          try {
            buildMobileconfig(profile, options);
          } catch (e) {
            got = e as Error;
          }
          expect(got?.constructor).toBe(expected.constructor);
          expect(got?.message).toBe(expected.message);
        }
      }
    }
    expect(failures).toBe(2 * 6 * 4 - 1);
  });

  test('the error never shows the secret value', () => {
    const bad = withSettings(base, { [K.inferenceGatewayApiKey]: 'sk-SECRET-VALUE\u0002' });
    expect(() => buildMobileconfig(bad)).toThrow(new RegExp(`^${K.inferenceGatewayApiKey}: `));
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
    const changed = mobileconfigView(withSettings(base, { [K.disableAutoUpdates]: true }));
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

  test('bytes are UTF-8 whether the text is ASCII (copied as Latin-1) or not: Latin-1-range characters included', () => {
    const base = loadExamples()[0]!.resolved;
    for (const text of ['plain ascii', 'caf\u00e9', '\u0080\u00ff', 'emoji \ud83d\ude00', '\u2028 line separator']) {
      const bytes = buildMobileconfig(withSettings(base, { [K.organizationInstructions]: text }));
      const decoded = bytes.toString('utf8');
      expect(Buffer.from(decoded, 'utf8').equals(bytes)).toBe(true);
      expect(decoded).toContain(`<string>${text}</string>`);
      expect(bytes.length).toBe(Buffer.byteLength(decoded, 'utf8'));
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
    expect(v.description).toContain(K.inferenceGatewayApiKey);
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

describe('mobileconfig: the read-back check', () => {
  const OPTION_SETS = [{}, { payloadForm: 'mcx' as const }, { removalDisallowed: true, targetDeviceType: false }, { removalDisallowed: false, payloadForm: 'mcx' as const }];

  test('every built profile passes it (both forms, every option); it reads the bytes written', () => {
    for (const { resolved } of [...allProfiles(), loadFixtureProfile('all-keys.profile.json')]) {
      for (const options of OPTION_SETS) {
        const bytes = buildMobileconfig(resolved, options);
        expect(() => verifyMobileconfig(bytes.toString('utf8'), mobileconfigView(resolved, options))).not.toThrow();
      }
    }
  });

  test('XML-equivalent spellings read back the same and pass: CRLF line ends, character references, other prolog white space', () => {
    const base = withSettings(loadExamples()[0]!.resolved, { [K.organizationInstructions]: 'a\nb & c' });
    const view = mobileconfigView(base);
    const xml = buildMobileconfig(base).toString('utf8');
    for (const variant of [xml.replace(/\n/g, '\r\n'), xml.replace('<key>PayloadScope</key>', '<key>&#80;ayloadScope</key>'), xml.replace('a\nb &amp; c', 'a\r\nb &#38; c'), xml.replace('<dict>', '<dict >')]) {
      expect(variant).not.toBe(xml);
      expect(() => verifyMobileconfig(variant, view)).not.toThrow();
    }
  });

  // The profile every alteration starts from; the key names the table needs come from its view
  // (catalogue order), not retyped: the first setting, the https URL, the last one, the text with a CR.
  const TAMPER_BASE = () => withSettings(loadExamples().find((p) => p.file.startsWith('truefoundry'))!.resolved, { [K.organizationInstructions]: 'one\r\ntwo & three' });
  interface Names { first: string; url: string; last: string; withCr: string }
  const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const setting = (key: string) => new RegExp(`(\t\t\t<key>${esc(key)}</key>\n\t\t\t)<string>([^<]*)</string>\n`);

  // Each alteration of a correct file, with the key the error must name.
  const ALTERATIONS: [string, (xml: string, k: Names) => string, (k: Names) => RegExp][] = [
    ['a setting value changed by one character', (x) => x.replace('<string>https://', '<string>http://'), (k) => new RegExp(`the value of ${k.url} differs`)],
    ['a secret value changed', (x) => x.replace('<string>test-secret-', '<string>test-secreT-'), () => /the value of \w+ differs/],
    ['a setting dropped', (x, k) => x.replace(setting(k.first), ''), (k) => new RegExp(`key ${k.first} expected after`)],
    ['an unknown key added', (x) => x.replace('\t\t</dict>\n\t</array>', '\t\t\t<key>extraKey</key>\n\t\t\t<string>x</string>\n\t\t</dict>\n\t</array>'), (k) => new RegExp(`an unexpected key after ${k.last}`)],
    ['a key duplicated', (x, k) => x.replace(setting(k.first), '$&$&'), (k) => new RegExp(k.first)],
    ['two settings swapped', (x, k) => x.replace(new RegExp(`(${setting(k.first).source})(\t\t\t<key>[^<]*</key>\n\t\t\t<string>[^<]*</string>\n)`), '$4$1'), () => /expected after/],
    ['a setting written as an integer', (x, k) => x.replace(setting(k.first), '$1<integer>1</integer>\n'), (k) => new RegExp(k.first)],
    ['the profile UUID changed', (x) => x.replace(/(<key>PayloadUUID<\/key>\n\t<string>)./, '$10'), () => /PayloadUUID/],
    ['the payload UUID changed', (x) => x.replace(/(<key>PayloadUUID<\/key>\n\t\t\t<string>)./, '$10'), () => /PayloadUUID/],
    ['the payload identifier changed', (x) => x.replace('.settings</string>', '.Settings</string>'), () => /PayloadIdentifier/],
    ['the payload type changed', (x) => x.replace('<string>com.anthropic.claudefordesktop</string>', '<string>com.anthropic.claude</string>'), () => /PayloadType/],
    ['the payload display name changed', (x) => x.replace('<string>Claude Desktop (com.anthropic', '<string>Claude (com.anthropic'), () => /PayloadDisplayName/],
    ['PayloadVersion 2', (x) => x.replace('<integer>1</integer>', '<integer>2</integer>'), () => /PayloadVersion/],
    ['the scope changed', (x) => x.replace('<string>System</string>', '<string>User</string>'), () => /PayloadScope/],
    ['TargetDeviceType dropped', (x) => x.replace(/\t<key>TargetDeviceType<\/key>\n\t<integer>5<\/integer>\n/, ''), () => /key TargetDeviceType expected after PayloadVersion/],
    ['the description changed', (x) => x.replace('Sets ', 'sets '), () => /PayloadDescription/],
    ['a CR escape lost (&#xD; written as a raw CR, which XML reads as a line end)', (x) => x.replace('&#xD;', '\r'), (k) => new RegExp(k.withCr)],
    ['a bare ampersand', (x) => x.replace('&amp;', '&'), () => /plist reader: bare &/],
    ['a malformed tag', (x) => x.replace('</key>', '</kye>'), () => /plist reader/],
    ['text after the document', (x) => `${x}<plist/>`, () => /plist reader/],
  ];

  test.each(ALTERATIONS)('refuses %s, naming the key and never a value', (_, alter, message) => {
    const base = TAMPER_BASE();
    const view = mobileconfigView(base);
    const names: Names = {
      first: view.settings[0]!.key,
      url: view.settings.find((s) => s.value.startsWith('https://'))!.key,
      last: view.settings[view.settings.length - 1]!.key,
      withCr: view.settings.find((s) => s.value.includes('\r'))!.key,
    };
    const xml = buildMobileconfig(base).toString('utf8');
    const altered = alter(xml, names);
    expect(altered).not.toBe(xml);
    let error: unknown;
    try {
      verifyMobileconfig(altered, view);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadBackError);
    expect((error as Error).message).toMatch(message(names));
    expect((error as Error).message).not.toContain('test-secret');
  });

  test('the MCX form is checked as strictly (a setting under Forced changed)', () => {
    const base = loadExamples()[0]!.resolved;
    const view = mobileconfigView(base, { payloadForm: 'mcx' });
    const xml = buildMobileconfig(base, { payloadForm: 'mcx' }).toString('utf8');
    expect(() => verifyMobileconfig(xml, view)).not.toThrow();
    expect(() => verifyMobileconfig(xml.replace('<key>Forced</key>', '<key>Set-Once</key>'), view)).toThrow(/Forced/);
    expect(() => verifyMobileconfig(xml.replace(/(<key>mcx_preference_settings<\/key>\n\t*<dict>\n\t*<key>[^<]*<\/key>\n\t*<string>)./, '$1#'), view)).toThrow(ReadBackError);
    // The direct-form view does not match an MCX file.
    expect(() => verifyMobileconfig(xml, mobileconfigView(base))).toThrow(ReadBackError);
  });
});

describe('mobileconfig: the UUID digest', () => {
  const OPTIONS: MobileconfigOptions[] = [{}, { payloadForm: 'mcx' }, { removalDisallowed: true, targetDeviceType: false }, { removalDisallowed: false }];
  const UUID_TEXT = /(<key>PayloadUUID<\/key>\s*<string>)([^<]*)(<\/string>)/g;

  /** The UUIDs as the module documents them, computed here with createHash and RFC 9562 as written. */
  function documentedUuids(bytes: Buffer, profileIdentifier: string, payloadIdentifier: string): { profile: string; payload: string } {
    let n = 0;
    const blank = bytes.toString('utf8').replace(UUID_TEXT, (_m, head: string, _u: string, tail: string) => {
      n++;
      return `${head}${UUID_PLACEHOLDER}${tail}`;
    });
    expect(n).toBe(2);
    const digest = createHash('sha256').update(Buffer.from(blank, 'utf8')).digest('hex');
    return { profile: referenceUuidV5(PROFILE_UUID_NAMESPACE, `${profileIdentifier}\n${digest}`), payload: referenceUuidV5(PROFILE_UUID_NAMESPACE, `${payloadIdentifier}\n${digest}`) };
  }

  test('the placeholder is the nil UUID', () => {
    expect(UUID_PLACEHOLDER).toBe('00000000-0000-0000-0000-000000000000');
  });

  test('each UUID is UUIDv5 of its identifier and the SHA-256 of the file with both UUIDs nil: every profile and option', () => {
    for (const { resolved } of [...allProfiles(), loadFixtureProfile('all-keys.profile.json')]) {
      for (const options of OPTIONS) {
        const bytes = buildMobileconfig(resolved, options);
        const view = mobileconfigView(resolved, options);
        expect(documentedUuids(bytes, resolved.identifier, `${resolved.identifier}.settings`)).toEqual({ profile: view.uuid, payload: view.payload.uuid });
        // The view reports the UUIDs the file holds.
        expect([...bytes.toString('utf8').matchAll(UUID_TEXT)].map((m) => m[2])).toEqual([view.payload.uuid, view.uuid]);
      }
    }
  });

  describeIfTool(TOOLS.plist)('recomputed by Python alone (plistlib, hashlib, uuid.uuid5)', () => {
    test.each(allProfiles().map((p) => [p.file, p.resolved] as const))('%s, direct and MCX', (_file, resolved) => {
      for (const form of FORMS) {
        const found = recomputePayloadUuidsWithPython(buildMobileconfig(resolved, { payloadForm: form }), PROFILE_UUID_NAMESPACE);
        expect(found.profile[1]).toBe(found.profile[0]);
        expect(found.payload[1]).toBe(found.payload[0]);
      }
    });
  });

  test('overridden UUIDs do not change the derived one beside them (the digest sees placeholders only)', () => {
    const base = loadExamples()[0]!.resolved;
    const derived = mobileconfigView(base);
    const given = 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE';
    expect(mobileconfigView(base, { uuids: { payload: given } }).uuid).toBe(derived.uuid);
    const bytes = buildMobileconfig(base, { uuids: { profile: given.toLowerCase() } });
    expect([...bytes.toString('utf8').matchAll(UUID_TEXT)].map((m) => m[2])).toEqual([derived.payload.uuid, given]);
  });

  test('profile text that looks like a PayloadUUID key or the placeholder does not move the UUIDs (generated)', () => {
    const base = loadExamples()[0]!.resolved;
    const lookalike = fc.constantFrom('<key>PayloadUUID</key>', '<string>', UUID_PLACEHOLDER, '</string>', 'PayloadUUID', '\n\t', 'é', '😀');
    fc.assert(
      fc.property(fc.array(lookalike, { maxLength: 8 }).map((parts) => parts.join('')), fc.constantFrom(...FORMS), (text, form) => {
        const profile = { ...withSettings(base, { [K.organizationInstructions]: text || 'x' }), description: text };
        const bytes = buildMobileconfig(profile, { payloadForm: form });
        const view = mobileconfigView(profile, { payloadForm: form });
        expect(view.uuid).not.toBe(UUID_PLACEHOLDER);
        expect(documentedUuids(bytes, base.identifier, `${base.identifier}.settings`)).toEqual({ profile: view.uuid, payload: view.payload.uuid });
      }),
      { numRuns: 200 },
    );
  });

  /** RFC 9562 §5.5 as written: SHA-1 over namespace bytes and name, one Hash object, bits set on the bytes. */
  function referenceUuidV5(namespace: string, name: string | Uint8Array): string {
    const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(typeof name === 'string' ? Buffer.from(name, 'utf8') : name).digest().subarray(0, 16);
    hash[6] = (hash[6]! & 0x0f) | 0x50;
    hash[8] = (hash[8]! & 0x3f) | 0x80;
    const hex = hash.toString('hex').toUpperCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  test('uuidV5 equals the reference construction for any name, text (short and long) or bytes (generated); sha256Hex equals createHash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ minLength: 330, maxLength: 600 }), fc.uint8Array({ maxLength: 300 })), fc.constantFrom(PROFILE_UUID_NAMESPACE, DNS_NAMESPACE, DNS_NAMESPACE.toLowerCase()), (name, namespace) => {
        expect(uuidV5(namespace, name)).toBe(referenceUuidV5(namespace, name));
        expect(sha256Hex(name)).toBe(createHash('sha256').update(name).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});

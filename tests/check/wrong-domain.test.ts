/**
 * Claude settings under a payload type or MCX domain that is not com.anthropic.claudefordesktop
 * (a misspelling such as com.anthropic.claude): `check` names what was found and the domain to
 * write, instead of only saying the file sets nothing.
 */
import { MACOS_PREFERENCE_DOMAIN } from '../../lib/catalog';
import { importArtifact, ImportError } from '../../lib/import';
import { BASE, check, codes, mobileconfig, NOW, stringPairs } from './support';
import { K } from '../support/keys';

const WRONG = 'com.anthropic.claude';

const mcx = (domain: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>PayloadContent</key><array><dict>
<key>PayloadContent</key><dict>
<key>${domain}</key><dict><key>Forced</key><array><dict><key>mcx_preference_settings</key><dict>
${stringPairs(BASE)}
</dict></dict></array></dict>
</dict>
<key>PayloadIdentifier</key><string>com.example.mcx.settings</string>
<key>PayloadType</key><string>com.apple.ManagedClient.preferences</string>
<key>PayloadUUID</key><string>22222222-2222-4222-8222-222222222222</string>
<key>PayloadVersion</key><integer>1</integer>
</dict></array>
<key>PayloadDisplayName</key><string>Claude</string>
<key>PayloadIdentifier</key><string>com.example.mcx</string>
<key>PayloadScope</key><string>System</string>
<key>PayloadType</key><string>Configuration</string>
<key>PayloadUUID</key><string>11111111-1111-4111-8111-111111111111</string>
<key>PayloadVersion</key><integer>1</integer>
</dict></plist>
`;

describe('Claude keys under another domain', () => {
  test('a direct payload with a misspelled PayloadType', () => {
    const r = check(mobileconfig(BASE).replace(`<string>${MACOS_PREFERENCE_DOMAIN}</string>`, `<string>${WRONG}</string>`), 'x.mobileconfig');
    expect(codes(r)).toEqual(['error:wrong-domain']);
    const f = r.findings[0]!;
    expect(f.path).toBe('PayloadContent[0].PayloadType');
    expect(f.message).toContain(`"${WRONG}"`);
    expect(f.message).toContain(K.inferenceProvider);
    expect(f.hint).toBe(`write PayloadType ${MACOS_PREFERENCE_DOMAIN}`);
    expect(JSON.stringify(r)).not.toContain(BASE[K.inferenceGatewayApiKey]);
  });

  test('an MCX payload with a misspelled domain', () => {
    expect(codes(check(mcx(MACOS_PREFERENCE_DOMAIN), 'ok.mobileconfig')).filter((c) => c.startsWith('error'))).toEqual([]);
    const r = check(mcx(WRONG), 'x.mobileconfig');
    expect(codes(r)).toEqual(['error:wrong-domain']);
    expect(r.findings[0]?.path).toBe(`PayloadContent[0].PayloadContent.${WRONG}`);
    expect(r.findings[0]?.hint).toBe(`rename the domain key to ${MACOS_PREFERENCE_DOMAIN}`);
  });

  test('a payload of another product with one generic shared name is left alone', () => {
    const other = mobileconfig({ [K.banner]: 'x' }).replace(`<string>${MACOS_PREFERENCE_DOMAIN}</string>`, '<string>com.example.other</string>');
    expect(codes(check(other, 'x.mobileconfig'))).not.toContain('error:wrong-domain');
  });

  test('import refuses it with the same finding', () => {
    expect(() => importArtifact(Buffer.from(mcx(WRONG)), { fileName: 'x.mobileconfig', now: NOW })).toThrow(ImportError);
    try {
      importArtifact(Buffer.from(mcx(WRONG)), { fileName: 'x.mobileconfig', now: NOW });
    } catch (e) {
      expect((e as ImportError).findings.map((f) => f.code)).toEqual(['wrong-domain']);
    }
  });
});

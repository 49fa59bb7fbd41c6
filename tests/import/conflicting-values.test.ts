/** `import` of a file that sets one key twice with different values says which value it took. */
import { importArtifact } from '../../lib/import';
import { BASE, mobileconfig, NOW, regFile, stringPairs } from '../check/support';
import { K } from '../support/keys';

const SECOND = `<dict>
<key>PayloadIdentifier</key><string>com.example.claude.test.second</string>
<key>PayloadType</key><string>com.anthropic.claudefordesktop</string>
<key>PayloadUUID</key><string>33333333-3333-4333-8333-333333333333</string>
<key>PayloadVersion</key><integer>1</integer>
${stringPairs({ [K.inferenceGatewayBaseUrl]: 'https://other.example.com', [K.inferenceGatewayApiKey]: 'sk-other-secret-445566778899', [K.inferenceProvider]: BASE[K.inferenceProvider]! })}
</dict>`;
const twoPayloads = (): Buffer => Buffer.from(mobileconfig(BASE).replace('</dict>\n</array>', `</dict>\n${SECOND}\n</array>`));

test('two payloads with different values: a warning per key naming the places and the value taken (never a secret)', () => {
  const r = importArtifact(twoPayloads(), { fileName: 'two.mobileconfig', now: NOW });
  const w = r.warnings.filter((f) => f.code === 'import-key-set-twice');
  expect(w.map((f) => f.key)).toEqual([K.inferenceGatewayBaseUrl, K.inferenceGatewayApiKey]);
  expect(w[0]?.message).toBe(`${K.inferenceGatewayBaseUrl} is set 2 times with different values (PayloadContent[0].${K.inferenceGatewayBaseUrl}, PayloadContent[1].${K.inferenceGatewayBaseUrl}); the value at PayloadContent[1].${K.inferenceGatewayBaseUrl} ("https://other.example.com") was imported`);
  expect(w[0]?.path).toBe(`PayloadContent[1].${K.inferenceGatewayBaseUrl}`);
  expect(r.profile.settings[K.inferenceGatewayBaseUrl]).toBe('https://other.example.com');
  const text = JSON.stringify(r.warnings);
  expect(text).not.toContain('sk-other-secret-445566778899');
  expect(text).not.toContain(BASE[K.inferenceGatewayApiKey]);
  // The same value twice (the provider) is no conflict.
  expect(w.map((f) => f.key)).not.toContain(K.inferenceProvider);
});

test('a .reg value repeated in one hive: regedit keeps the last one', () => {
  const r = importArtifact(regFile(BASE, [`"${K.inferenceGatewayBaseUrl}"="https://later.example.com"`]), { fileName: 'dup.reg', now: NOW });
  const w = r.warnings.find((f) => f.code === 'import-key-set-twice');
  expect(w?.message).toMatch(/the value at line 8 \("https:\/\/later\.example\.com"\) was imported/);
  expect(w?.hint).toMatch(/regedit keeps the last one/);
  expect(r.profile.settings[K.inferenceGatewayBaseUrl]).toBe('https://later.example.com');
});

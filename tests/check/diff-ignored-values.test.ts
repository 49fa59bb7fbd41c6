/**
 * `diff` compares the settings as the app sees them: values `check` says the app ignores (native
 * plist <array>/<dict>, a REG_DWORD on a text key, a DWORD other than 0/1 for a boolean) count as
 * not set, with a note, like REG_EXPAND_SZ/REG_MULTI_SZ/REG_QWORD.
 */
import { diffArtifacts } from '../../lib/diff';
import { BASE, mobileconfig, NOW, regFile } from './support';
import { K } from '../support/keys';

const diff = (a: Buffer | string, an: string, b: Buffer | string, bn: string) => diffArtifacts({ bytes: Buffer.from(a), file: an }, { bytes: Buffer.from(b), file: bn }, { now: NOW });

test('native <array> and <dict> count as not set, with a note', () => {
  const native = mobileconfig(BASE, { extra: `<key>${K.coworkEgressAllowedHosts}</key><array><string>pypi.org</string></array><key>${K.banner}</key><dict><key>enabled</key><true/><key>text</key><string>Hi</string></dict>` });
  const d = diff(native, 'native.mobileconfig', mobileconfig(BASE), 'plain.mobileconfig');
  expect(d.settings).toEqual([]);
  expect(d.same).toBe(true);
  expect(d.notes).toEqual(expect.arrayContaining([`native.mobileconfig: ${K.coworkEgressAllowedHosts} is a native plist <array>, which Claude Desktop ignores; it counts as not set`, `native.mobileconfig: ${K.banner} is a native plist <dict>, which Claude Desktop ignores; it counts as not set`]));
});

test('native <true/> is still read (a warning in check, not ignored)', () => {
  const d = diff(mobileconfig(BASE, { extra: `<key>${K.disableAutoUpdates}</key><true/>` }), 'a.mobileconfig', mobileconfig(BASE), 'b.mobileconfig');
  expect(d.settings.map((s) => `${s.change} ${s.key}`)).toEqual([`removed ${K.disableAutoUpdates}`]);
});

test('a REG_DWORD on a text key and a boolean DWORD of 2 count as not set, with a note', () => {
  const bad = regFile(BASE, [`"${K.inferenceGatewayAuthScheme}"=dword:00000001`, `"${K.disableAutoUpdates}"=dword:00000002`]);
  const d = diff(bad, 'bad.reg', regFile(BASE), 'good.reg');
  expect(d.settings).toEqual([]);
  expect(d.notes).toEqual(expect.arrayContaining([`bad.reg: ${K.inferenceGatewayAuthScheme} is a REG_DWORD Claude Desktop cannot read for this key; it counts as not set`, `bad.reg: ${K.disableAutoUpdates} is a REG_DWORD Claude Desktop cannot read for this key; it counts as not set`]));
  const ok = diff(regFile(BASE, [`"${K.disableAutoUpdates}"=dword:00000001`]), 'one.reg', regFile(BASE), 'good.reg');
  expect(ok.settings.map((s) => s.key)).toEqual([K.disableAutoUpdates]);
});

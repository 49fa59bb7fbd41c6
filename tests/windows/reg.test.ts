import { CATALOG, isMdmKey } from '../../lib/catalog';
import { RegCharacterError, regString } from '../../lib/escape/reg';
import type { ResolvedProfile, ResolvedSettings } from '../../lib/profile/types';
import { regKeyPath, RegWriteError, writeReg, writeRegUndo } from '../../lib/writers/reg';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { checkRegWithHivex, describeIfTool, readRegWithHivex, TOOLS } from '../support/validators';
import { allMdmSettings, expectedRegValues, expectedUndoNames, hivePolicyPath, hivexPrefix, profileWith } from './support';
import { K, LEGACY } from '../support/keys';

const examples = loadExamples();
const hostileReg = loadFixtureProfile('hostile-reg.profile.json');

/** Every profile the .reg writer must round-trip exactly. */
const cases: [string, ResolvedProfile][] = [
  ...examples.map((e): [string, ResolvedProfile] => [e.file, e.resolved]),
  ['hostile.profile.json', loadFixtureProfile('hostile.profile.json').resolved],
  ['hostile-reg.profile.json', hostileReg.resolved],
  ['hostile-reg as user', { ...hostileReg.resolved, scope: 'user' }],
  ['all-keys.profile.json', loadFixtureProfile('all-keys.profile.json').resolved],
  ['every MDM key (low samples, machine)', profileWith(allMdmSettings('low'), 'machine')],
  ['every MDM key (high samples, user)', profileWith(allMdmSettings('high'), 'user')],
];

describe('regString', () => {
  it('escapes only backslash and double quote', () => {
    expect(regString('C:\\a "b" \\')).toBe('C:\\\\a \\"b\\" \\\\');
    expect(regString('{"a":"C:\\\\x"}')).toBe('{\\"a\\":\\"C:\\\\\\\\x\\"}');
    expect(regString("&<>'%=- 😀 ‮")).toBe("&<>'%=- 😀 ‮");
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['NUL', '\0'],
    ['TAB', '\t'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['lone high surrogate', '\ud83d'],
    ['lone low surrogate', '\ude00'],
  ])('rejects %s with an error naming the key, not the value', (_label, ch) => {
    const value = `secret-value${ch}tail`;
    expect(() => regString(value, K.inferenceGatewayApiKey)).toThrow(RegCharacterError);
    try {
      regString(value, K.inferenceGatewayApiKey);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(new RegExp(`^${K.inferenceGatewayApiKey}: `));
      expect(msg).toContain('position 12');
      expect(msg).not.toContain('secret-value');
    }
  });
});

describe('writeReg bytes', () => {
  const tf = examples.find((e) => e.file === 'truefoundry.profile.json')!.resolved;

  it('is UTF-16LE with BOM, CRLF, the 5.00 header, the HKLM key and REG_SZ lines in catalogue order', () => {
    const bytes = writeReg(tf);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]']);
    expect(lines.slice(-2)).toEqual(['', '']); // the key block ends with a blank line, the file with CRLF
    const names = lines.slice(3, -2).map((l) => /^"([^"]+)"="/.exec(l)?.[1]);
    const want = CATALOG.filter((k) => (tf.settings as Record<string, unknown>)[k.name] !== undefined).map((k) => k.name);
    expect(names).toEqual(want);
    const headers = JSON.stringify(tf.settings.inferenceCustomHeaders);
    expect(lines).toContain(`"${K.inferenceCustomHeaders}"="${headers.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
    expect(lines).toContain(`"${K.disableDeploymentModeChooser}"="true"`);
    expect(lines).toContain(`"${K.autoUpdaterEnforcementHours}"="24"`);
  });

  it('writes HKCU for user scope', () => {
    const text = writeReg({ ...tf, scope: 'user' }).subarray(2).toString('utf16le');
    expect(text.split('\r\n')[2]).toBe('[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]');
    expect(regKeyPath('user')).toBe('HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude');
  });

  it('undo deletes exactly the values the profile sets, each followed by the retired names of its key', () => {
    const text = writeRegUndo(tf).subarray(2).toString('utf16le');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]']);
    expect(lines.slice(3, -2)).toEqual(expectedUndoNames(tf).map((k) => `"${k}"=-`));
    // The example sets a renamed key, so the old name's deletion follows the new one's.
    const i = lines.indexOf(`"${K.inferenceCustomHeaders}"=-`);
    expect(lines[i + 1]).toBe(`"${LEGACY.inferenceGatewayHeaders}"=-`);
  });

  it('is byte-identical across runs and ignores the settings insertion order', () => {
    const reversed = Object.fromEntries(Object.entries(tf.settings).reverse()) as ResolvedSettings;
    expect(writeReg(tf).equals(writeReg(tf))).toBe(true);
    expect(writeReg({ ...tf, settings: reversed }).equals(writeReg(tf))).toBe(true);
    expect(writeRegUndo({ ...tf, settings: reversed }).equals(writeRegUndo(tf))).toBe(true);
  });

  it('skips keys only a bootstrap response can deliver', () => {
    const bootstrapOnly = CATALOG.find((k) => !isMdmKey(k));
    expect(bootstrapOnly).toBeDefined();
    const settings = { ...tf.settings, [bootstrapOnly!.name]: {} } as ResolvedSettings;
    expect(writeReg({ ...tf, settings }).equals(writeReg(tf))).toBe(true);
  });

  it('refuses a profile with nothing to write', () => {
    expect(() => writeReg(profileWith({}, 'machine', 'empty'))).toThrow(RegWriteError);
    expect(() => writeReg(profileWith({}, 'machine', 'empty'))).toThrow(/empty: sets no key/);
  });

  it('writes the hostile fixture: its TAB sits inside JSON text, where JSON already escaped it as \\t', () => {
    const hostile = loadFixtureProfile('hostile.profile.json').resolved;
    const text = writeReg(hostile).subarray(2).toString('utf16le');
    expect(text).not.toContain('\t');
    expect(text).toContain('\\"X-Tab\\":\\"a\\\\tb\\"');
  });

  it('rejects a raw TAB in a string setting naming the key, without printing the value', () => {
    const bad = { ...tf.settings, [K.inferenceGatewayApiKey]: 'sk-secret\tvalue' } as ResolvedSettings;
    expect(() => writeReg({ ...tf, settings: bad })).toThrow(RegCharacterError);
    expect(() => writeReg({ ...tf, settings: bad })).toThrow(new RegExp(String.raw`^${K.inferenceGatewayApiKey}: character U\+0009 \(TAB\) at position 9`));
    expect(() => writeRegUndo({ ...tf, settings: bad })).toThrow(new RegExp(`^${K.inferenceGatewayApiKey}: `));
    try {
      writeReg({ ...tf, settings: bad });
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-secret');
    }
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['NUL', '\0'],
  ])('rejects %s in a value with an error naming the key', (_label, ch) => {
    const bad = { ...tf.settings, [K.organizationInstructions]: `line one${ch}line two` } as ResolvedSettings;
    expect(() => writeReg({ ...tf, settings: bad })).toThrow(new RegExp(String.raw`^${K.organizationInstructions}: .*cannot be stored in a \.reg file`));
  });
});

describeIfTool(TOOLS.reg)('.reg merged with hivexregedit', () => {
  it.each(cases)('%s: every value reads back exactly as REG_SZ', (_name, profile) => {
    const expected = { [hivePolicyPath(profile.scope)]: expectedRegValues(profile) };
    const r = checkRegWithHivex(writeReg(profile), expected, hivexPrefix(profile.scope));
    expect(r.output).toContain('reg OK');
    expect(r.ok).toBe(true);
  });

  it.each(cases)('%s: the undo file removes every value', (_name, profile) => {
    const prefix = hivexPrefix(profile.scope);
    const merged = readRegWithHivex(writeReg(profile), prefix);
    expect(Object.keys(merged[hivePolicyPath(profile.scope)] ?? {})).toEqual(Object.keys(expectedRegValues(profile)));
    const after = readRegWithHivex(writeReg(profile), prefix, { thenMerge: writeRegUndo(profile) });
    expect(after[hivePolicyPath(profile.scope)]).toBeUndefined();
    expect(after).toEqual({});
  });

  // A build from before a rename wrote the old name; the newer .reg adds the new one beside it, and
  // its undo file must take both away (regedit and hivex alike ignore deleting a value that is absent).
  it.each(cases)('%s: the undo file also removes the retired names an earlier build wrote', (_name, profile) => {
    const prefix = hivexPrefix(profile.scope);
    const retired = expectedUndoNames(profile).filter((n) => !(n in expectedRegValues(profile)));
    const text = writeReg(profile).subarray(2).toString('utf16le');
    // Inside the key block, which ends with a blank line.
    const both = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text.replace(/\r\n$/, '')}${retired.map((n) => `"${n}"="old"\r\n`).join('')}\r\n`, 'utf16le')]);
    const merged = readRegWithHivex(both, prefix);
    expect(Object.keys(merged[hivePolicyPath(profile.scope)] ?? {}).sort()).toEqual([...Object.keys(expectedRegValues(profile)), ...retired].sort());
    const after = readRegWithHivex(both, prefix, { thenMerge: writeRegUndo(profile) });
    expect(after).toEqual({});
  });

  it(`the undo file removes ${LEGACY.inferenceGatewayHeaders} left by a build from before the rename`, () => {
    const tf = examples.find((e) => e.file === 'truefoundry.profile.json')!.resolved;
    const current = writeReg(tf).subarray(2).toString('utf16le');
    const old = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(current.replace(`"${K.inferenceCustomHeaders}"=`, `"${LEGACY.inferenceGatewayHeaders}"=`), 'utf16le')]);
    const before = readRegWithHivex(old, hivexPrefix('machine'))[hivePolicyPath('machine')] ?? {};
    expect(Object.keys(before)).toContain(LEGACY.inferenceGatewayHeaders);
    expect(readRegWithHivex(old, hivexPrefix('machine'), { thenMerge: writeRegUndo(tf) })).toEqual({});
  });

  it('the undo file leaves values the profile does not set', () => {
    const tf = examples.find((e) => e.file === 'truefoundry.profile.json')!.resolved;
    const small = profileWith({ [K.inferenceProvider]: 'gateway', [K.disableAutoUpdates]: true }, 'machine', 'small');
    const after = readRegWithHivex(writeReg(tf), hivexPrefix('machine'), { thenMerge: writeRegUndo(small) });
    const left = after[hivePolicyPath('machine')] ?? {};
    expect(Object.keys(left)).toEqual(Object.keys(expectedRegValues(tf)).filter((k) => k !== K.inferenceProvider));
  });
});

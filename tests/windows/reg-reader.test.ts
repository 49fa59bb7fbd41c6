import { isMdmKey, CATALOG } from '../../lib/catalog';
import { readReg } from '../../lib/read/reg';
import { entriesToSettings } from '../../lib/read/types';
import { writeReg, writeRegUndo } from '../../lib/writers/reg';
import { GOOD_REG_EXPECTED, GOOD_REG_HKCU_TEXT, GOOD_REG_TEXT, regBytes } from '../harness/samples';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { describeIfTool, readRegWithHivex, TOOLS } from '../support/validators';
import { K } from '../support/keys';
import { expectedUndoNames } from './support';

/** A hand-written file with every value form regedit writes, plus mistakes; line numbers matter. */
const MIXED = [
  'Windows Registry Editor Version 5.00', // 1
  '', // 2
  '; a comment', // 3
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]', // 4
  `"${K.inferenceProvider}"="gateway"`, // 5
  '"quoteTest"="say \\"hi\\" C:\\\\x\\\\"', // 6
  `"${K.disableAutoUpdates}"=dword:00000001`, // 7
  '"expand"=hex(2):25,00,41,00,00,00', // 8
  '"multi"=hex(7):61,00,00,00,62,00,00,00,00,00', // 9
  '"qword"=hex(b):2a,00,00,00,00,00,00,00', // 10
  '"bin"=hex:01,ab', // 11
  '"wrapped"=hex(2):43,00,3a,00,5c,00,\\', // 12
  '  78,00,00,00', // 13
  '"sz"=hex(1):68,00,69,00,00,00', // 14
  '"removed"=-', // 15
  '@="default"', // 16
  '', // 17
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub]', // 18
  `"${K.inferenceModels}"="[]"`, // 19
  '', // 20
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]', // 21
  '"x"="y"', // 22
  '', // 23
  'garbage line', // 24
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]', // 25
  `"${K.inferenceGatewayApiKey}"="sk-unterminated`, // 26
  '"stray"="a"b"', // 27
  '"odd"="a\\nb"', // 28
  `"${K.inferenceProvider}"="vertex"`, // 29
  '"short"=dword:2a', // 30
  '',
  '',
].join('\r\n');

describe('readReg on a hand-written file', () => {
  const r = readReg(regBytes(MIXED));
  const codes = r.findings.map((f) => `${f.path} ${f.code}`);

  it('reads every value form with its registry type and line', () => {
    expect(r.kind).toBe('reg');
    expect(r.encoding).toBe('utf-16le-bom');
    expect(r.scope).toBe('machine');
    expect(r.entries.map((e) => [e.key, e.raw, e.storedAs, e.location])).toEqual([
      [K.inferenceProvider, 'gateway', 'REG_SZ', 'line 5'],
      ['quoteTest', 'say "hi" C:\\x\\', 'REG_SZ', 'line 6'],
      [K.disableAutoUpdates, 1, 'REG_DWORD', 'line 7'],
      ['expand', '%A', 'REG_EXPAND_SZ', 'line 8'],
      ['multi', ['a', 'b'], 'REG_MULTI_SZ', 'line 9'],
      ['qword', 42, 'REG_QWORD', 'line 10'],
      ['bin', '01ab', 'REG_BINARY', 'line 11'],
      ['wrapped', 'C:\\x', 'REG_EXPAND_SZ', 'line 12'],
      ['sz', 'hi', 'REG_SZ', 'line 14'],
      ['odd', 'anb', 'REG_SZ', 'line 28'],
      [K.inferenceProvider, 'vertex', 'REG_SZ', 'line 29'],
      ['short', 42, 'REG_DWORD', 'line 30'],
    ]);
    expect(r.deletedValues).toEqual([{ key: 'removed', location: 'line 15' }]);
    expect(r.deletesPolicyKey).toBe(false);
  });

  it('reports what Claude does not read and what is malformed, with line numbers', () => {
    expect(codes).toEqual([
      'line 16 reg-default-value',
      'line 19 reg-subkey',
      'line 22 reg-other-key',
      'line 24 reg-malformed',
      'line 26 reg-malformed',
      'line 27 reg-malformed',
      'line 28 reg-unknown-escape',
      'line 29 reg-duplicate-value',
      'line 30 reg-dword-digits',
    ]);
    const sub = r.findings.find((f) => f.code === 'reg-subkey')!;
    expect(sub.severity).toBe('error');
    expect(sub.key).toBe(K.inferenceModels);
    expect(sub.message).toContain('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub');
  });

  it('never echoes value text in findings (it may be a secret)', () => {
    for (const f of r.findings) expect(`${f.message} ${f.hint ?? ''}`).not.toContain('sk-unterminated');
  });
});

describe('readReg: encodings, hives, deletions', () => {
  it('reads UTF-8 without BOM (ASCII: no finding; non-ASCII: a warning)', () => {
    const ascii = readReg(Buffer.from(GOOD_REG_TEXT.replace(/café 日本語 😀/, 'plain'), 'utf8'));
    expect(ascii.encoding).toBe('utf-8');
    expect(ascii.findings.filter((f) => f.code === 'reg-encoding')).toEqual([]);
    const utf8 = readReg(Buffer.from(GOOD_REG_TEXT, 'utf8'));
    expect(utf8.entries.find((e) => e.key === 'unicodeTest')?.raw).toBe('café 日本語 😀');
    expect(utf8.findings.map((f) => [f.code, f.severity])).toContainEqual(['reg-encoding', 'warning']);
  });

  it('reads UTF-8 with BOM, UTF-16LE without BOM and UTF-16BE, reporting each', () => {
    const bom8 = readReg(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_REG_TEXT, 'utf8')]));
    expect(bom8.encoding).toBe('utf-8-bom');
    const noBom = readReg(regBytes(GOOD_REG_TEXT, { bom: false }));
    expect(noBom.encoding).toBe('utf-16le-no-bom');
    expect(noBom.findings.find((f) => f.code === 'reg-encoding')?.severity).toBe('error');
    const le = regBytes(GOOD_REG_TEXT).subarray(2);
    const be = Buffer.from(le);
    be.swap16();
    const beRead = readReg(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(beRead.encoding).toBe('utf-16be-bom');
    expect(beRead.findings.find((f) => f.code === 'reg-encoding')?.severity).toBe('error');
    for (const read of [bom8, noBom, beRead]) {
      expect(Object.fromEntries(read.entries.map((e) => [e.key, e.raw]))).toEqual(GOOD_REG_EXPECTED['\\Policies\\Claude']);
    }
  });

  it('warns about LF-only line ends', () => {
    const r = readReg(regBytes(GOOD_REG_TEXT, { crlf: false }));
    expect(r.findings.map((f) => f.code)).toEqual(['reg-line-endings']);
    expect(r.entries).toHaveLength(5);
  });

  it('reports a missing header, values before any key, abbreviations and unknown roots', () => {
    const r = readReg(regBytes('"a"="b"\n[HKLM\\SOFTWARE\\Policies\\Claude]\n"c"="d"\n[HKEY_NOWHERE\\x]\n\n'));
    expect(r.findings.map((f) => `${f.path} ${f.code}`)).toEqual(['line 1 reg-header', 'line 1 reg-value-outside-key', 'line 2 reg-hive-abbreviation', 'line 4 reg-unknown-hive']);
    expect(r.entries.map((e) => e.key)).toEqual(['c']);
    expect(r.scope).toBe('machine');
  });

  it('maps HKCU to user scope, and both hives to machine with a warning', () => {
    expect(readReg(regBytes(GOOD_REG_HKCU_TEXT)).scope).toBe('user');
    const both = readReg(regBytes(`${GOOD_REG_TEXT}${GOOD_REG_HKCU_TEXT.split('\n').slice(1).join('\n')}`));
    expect(both.scope).toBe('machine');
    expect(both.findings.map((f) => f.code)).toContain('reg-both-hives');
  });

  it('reports key deletions', () => {
    const r = readReg(regBytes('Windows Registry Editor Version 5.00\n\n[-HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]\n\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]\n\n'));
    expect(r.deletesPolicyKey).toBe(true);
    expect(r.scope).toBe('user');
    expect(r.findings.map((f) => f.code)).toEqual(['reg-delete-key', 'reg-delete-other-key']);
  });
});

describe('readReg: deleting a key above the policy key', () => {
  const deletion = (key: string) => readReg(regBytes(`Windows Registry Editor Version 5.00\n\n[-${key}]\n\n`));

  it('deleting SOFTWARE\\Policies (an ancestor) deletes the policy key; a sibling or a name prefix does not', () => {
    for (const key of ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies', 'HKEY_LOCAL_MACHINE\\SOFTWARE', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\']) {
      const r = deletion(key);
      expect([key, r.deletesPolicyKey, r.scope, r.findings.map((f) => f.code)]).toEqual([key, true, 'machine', ['reg-delete-key']]);
    }
    for (const key of ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeOld', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Pol', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub']) {
      const r = deletion(key);
      expect([key, r.deletesPolicyKey, r.findings.map((f) => f.code)]).toEqual([key, false, ['reg-delete-other-key']]);
    }
  });
});

describe('readReg: keys whose names start like the policy key', () => {
  it('a value under Claude\\Sub is in a subkey Claude never reads (error); under ClaudeOld it is merely outside the policy key (warning)', () => {
    const under = (key: string) => readReg(regBytes(`Windows Registry Editor Version 5.00\n\n[${key}]\n"${K.inferenceProvider}"="gateway"\n\n`));
    const sub = under('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub');
    expect(sub.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['error:reg-subkey']);
    expect(sub.entries).toEqual([]);
    for (const key of ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeOld', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude-Beta']) {
      const r = under(key);
      expect([key, r.findings.map((f) => `${f.severity}:${f.code}`)]).toEqual([key, ['warning:reg-other-key']]);
      expect(r.entries).toEqual([]);
    }
  });
});

describeIfTool(TOOLS.reg)('hivex: deleting SOFTWARE\\Policies removes the Claude values', () => {
  it('merged after a policy file, the ancestor deletion leaves no Claude key (what readReg says it does)', () => {
    const removal = regBytes('Windows Registry Editor Version 5.00\n\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies]\n\n');
    expect(readReg(removal).deletesPolicyKey).toBe(true);
    expect(Object.keys(readRegWithHivex(regBytes(GOOD_REG_TEXT), 'HKEY_LOCAL_MACHINE\\SOFTWARE'))).toContain('\\Policies\\Claude');
    const after = readRegWithHivex(regBytes(GOOD_REG_TEXT), 'HKEY_LOCAL_MACHINE\\SOFTWARE', { thenMerge: removal });
    expect(Object.keys(after).filter((k) => k.startsWith('\\Policies'))).toEqual([]);
  });
});

describe('readReg on our own output', () => {
  const profiles = [...loadExamples(), loadFixtureProfile('hostile.profile.json'), loadFixtureProfile('hostile-reg.profile.json'), loadFixtureProfile('all-keys.profile.json')];

  it.each(profiles.map((p) => [p.file, p.resolved] as const))('%s: decodes back to the profile settings, no findings', (_f, profile) => {
    const r = readReg(writeReg(profile));
    expect(r.findings).toEqual([]);
    expect(r.scope).toBe(profile.scope);
    const { settings, findings } = entriesToSettings(r.entries);
    expect(findings).toEqual([]);
    const want = Object.fromEntries(CATALOG.filter((k) => isMdmKey(k) && (profile.settings as Record<string, unknown>)[k.name] !== undefined).map((k) => [k.name, (profile.settings as Record<string, unknown>)[k.name]]));
    expect(settings).toEqual(want);
    const undo = readReg(writeRegUndo(profile));
    expect(undo.entries).toEqual([]);
    expect(undo.deletedValues.map((d) => d.key)).toEqual(expectedUndoNames(profile));
  });
});

describeIfTool(TOOLS.reg)('readReg agrees with hivex on escapes', () => {
  it.each([
    ['HKLM', GOOD_REG_TEXT, 'HKEY_LOCAL_MACHINE\\SOFTWARE', '\\Policies\\Claude'],
    ['HKCU', GOOD_REG_HKCU_TEXT, 'HKEY_CURRENT_USER', '\\SOFTWARE\\Policies\\Claude'],
  ] as const)('%s sample', (_l, text, prefix, path) => {
    const bytes = regBytes(text);
    const hivex = Object.fromEntries(Object.entries(readRegWithHivex(bytes, prefix)[path] ?? {}).map(([k, [, v]]) => [k, v]));
    const ours = Object.fromEntries(readReg(bytes).entries.map((e) => [e.key, e.raw]));
    expect(ours).toEqual(hivex);
  });
});

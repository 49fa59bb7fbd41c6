/**
 * Windows does not merge machine and user policy: when HKLM (Intune ./Device) policy exists, HKCU
 * (./User) policy is ignored entirely (reference §0). `check` judges the machine view, names the
 * ignored user values, and never calls the same name in two hives a duplicate; `import` takes the
 * machine values (or the user values with --scope user), with a warning either way; `diff`
 * compares what applies.
 */
import { buildArtifacts } from '../../lib/build';
import { diffArtifacts } from '../../lib/diff';
import { importArtifact } from '../../lib/import';
import { BASE, check, codes, NOW, regFile } from './support';
import { K } from '../support/keys';
import { readReg } from '../../lib/read/reg';

const USER_SECRET = 'sk-user-hive-secret-998877';
/** HKLM block with BASE, then an HKCU block that would switch the provider and URL. */
const bothHives = (): Buffer => {
  const hkcu = ['', '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]', `"${K.inferenceGatewayBaseUrl}"="http://old.corp.example"`, `"${K.inferenceProvider}"="foundry"`, `"${K.inferenceGatewayApiKey}"="${USER_SECRET}"`];
  return regFile(BASE, hkcu);
};

describe('.reg with HKLM and HKCU', () => {
  test('check judges the HKLM values, names the ignored HKCU ones, and reports no cross-hive duplicate', () => {
    const r = check(bothHives(), 'both.reg');
    expect(codes(r)).toEqual(['warning:secret-in-user-scope', 'warning:reg-both-hives']);
    const both = r.findings.find((f) => f.code === 'reg-both-hives');
    expect(both?.message).toContain(`${K.inferenceProvider} (line 11)`);
    expect(both?.message).toMatch(/ignores every HKCU value/);
    expect(r.findings.find((f) => f.code === 'secret-in-user-scope')?.path).toBe('line 12');
    expect(JSON.stringify(r)).not.toContain(USER_SECRET);
  });

  test('an HKLM REG_EXPAND_SZ value alone is machine policy present: the app then ignores every HKCU value, so check does too', () => {
    // The app cannot read REG_EXPAND_SZ, yet its presence under HKLM switches HKCU policy off (reference §2, §8).
    const expand = Buffer.from('%ProgramFiles%\\Acme\\token.exe\u0000', 'utf16le').toString('hex').replace(/(..)(?!$)/g, '$1,');
    const hkcu = ['', '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]', ...Object.entries(BASE).map(([k, v]) => `"${k}"="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)];
    const bytes = regFile({}, [`"${K.inferenceCredentialHelper}"=hex(2):${expand}`, ...hkcu]);
    const read = readReg(bytes);
    expect(read.entries.map((e) => [e.key, e.storedAs, e.scope])).toEqual([[K.inferenceCredentialHelper, 'REG_EXPAND_SZ', 'machine']]);
    expect(read.ignored?.entries.map((e) => e.key)).toEqual(Object.keys(BASE));
    const r = check(bytes, 'expand.reg');
    expect(codes(r)).toEqual(expect.arrayContaining(['error:reg-expand-sz', 'warning:reg-both-hives', 'warning:secret-in-user-scope']));
    expect(r.findings.find((f) => f.code === 'reg-both-hives')?.message).toMatch(/ignores every HKCU value/);
    expect(r.findings.find((f) => f.code === 'reg-expand-sz')?.message).toMatch(/counts as machine policy present/);
    // What applies is nothing readable: no provider, so none of the HKCU gateway settings count.
    expect(codes(r)).not.toContain('error:missing-credential');
  });

  test('a value set twice within one hive is still a duplicate', () => {
    const r = check(regFile(BASE, [`"${K.inferenceProvider}"="gateway"`]), 'dup.reg');
    expect(codes(r)).toContain('warning:reg-duplicate-value');
  });

  test('HKCU alone is judged as it is', () => {
    const r = check(regFile({ ...BASE, [K.inferenceProvider]: 'foundry' }, [], 'HKEY_CURRENT_USER'), 'user.reg');
    expect(codes(r)).toContain('error:missing-required-key');
  });

  test('import takes HKLM and warns that HKCU was ignored; --scope user takes HKCU and warns the other way', () => {
    const r = importArtifact(bothHives(), { fileName: 'both.reg', now: NOW });
    expect(r.profile.scope).toBe('machine');
    expect(r.profile.settings).toMatchObject({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: BASE[K.inferenceGatewayBaseUrl] });
    const w = r.warnings.find((f) => f.code === 'import-scope-ignored');
    expect(w?.message).toMatch(/imported the HKLM values.*ignores the HKCU values/);
    const u = importArtifact(bothHives(), { fileName: 'both.reg', scope: 'user', now: NOW });
    expect(u.profile.scope).toBe('user');
    expect(u.profile.settings).toMatchObject({ [K.inferenceProvider]: 'foundry' });
    expect(u.warnings.find((f) => f.code === 'import-scope-ignored')?.message).toMatch(/while any HKLM policy exists Claude Desktop ignores every HKCU value/);
    // --scope machine asks for what the app applies: the HKLM values, as without --scope (mutation gap IM14).
    const m = importArtifact(bothHives(), { fileName: 'both.reg', scope: 'machine', now: NOW });
    expect(m.profile.scope).toBe('machine');
    expect(m.profile.settings).toEqual(r.profile.settings);
    expect(m.warnings.find((f) => f.code === 'import-scope-ignored')?.message).toMatch(/imported the HKLM values.*ignores the HKCU values/);
    expect(JSON.stringify([r.warnings, u.warnings])).not.toContain(USER_SECRET);
  });

  test('diff compares the HKLM values, with a note', () => {
    const d = diffArtifacts({ bytes: bothHives(), file: 'both.reg' }, { bytes: regFile(BASE), file: 'hklm.reg' }, { now: NOW });
    expect(d.settings).toEqual([]);
    expect(d.notes.join('\n')).toMatch(/both\.reg: compared the HKLM values only/);
  });
});

describe('Intune OMA-URI rows for ./Device and ./User', () => {
  const profile = { name: 'oma', identifier: 'com.example.oma', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'sk-oma-user-0011223344', [K.inferenceModels]: [{ name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' }, { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }] } };
  const csv = (): string => buildArtifacts(profile, { now: NOW }).files.find((f) => f.path.endsWith('.csv'))!.bytes.toString('utf8');
  /** The API key row moved to ./User. */
  const split = (): string => csv().split('\n').map((l) => (l.includes(`/${K.inferenceGatewayApiKey},`) ? l.replace('./Device/', './User/') : l)).join('\n');

  test('check judges the ./Device rows: the credential is missing there, and the ./User one is a secret in user scope', () => {
    expect(csv()).toContain(`/${K.inferenceGatewayApiKey},`);
    const r = check(split(), 'oma.csv');
    expect(r.kind).toBe('intune-windows-csv');
    expect(codes(r)).toEqual(expect.arrayContaining(['error:missing-credential', 'warning:secret-in-user-scope', 'warning:oma-both-scopes']));
    expect(r.findings.find((f) => f.code === 'oma-both-scopes')?.message).toContain(K.inferenceGatewayApiKey);
    expect(JSON.stringify(r)).not.toContain('sk-oma-user-0011223344');
  });

  test('import takes the ./Device rows', () => {
    const r = importArtifact(Buffer.from(split()), { fileName: 'oma.csv', now: NOW });
    expect(r.profile.settings).not.toHaveProperty(K.inferenceGatewayApiKey);
    expect(r.warnings.map((w) => w.code)).toContain('import-scope-ignored');
  });
});

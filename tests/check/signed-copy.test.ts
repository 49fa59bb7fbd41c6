/**
 * `check --ca` on a signed build: `build --sign-cert … --sign-key …` writes the unsigned
 * `macos/<name>.mobileconfig` beside `macos/<name>.signed.mobileconfig`, whose signed content is
 * exactly those bytes. That unsigned copy is not `not-signed` when the signed one is checked too;
 * alone, or next to a signed profile of other content, it still is (with a hint naming the real
 * build options). A file forced to `--kind signed-mobileconfig` that is not signed is an error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildArtifacts, type BuiltFile } from '../../lib/build';
import { runBin, runCli } from '../support/cli';
import { loadExamples } from '../support/examples';
import { describeIfTool, makeTestPki, TOOLS, type TestPki } from '../support/validators';
import { checkAll, codes, NOW } from './support';

const example = loadExamples()[0]!;
const name = example.profile.name;

describeIfTool(TOOLS.cms)('the unsigned copy of a signed build', () => {
  let pki: TestPki;
  let files: BuiltFile[];
  let dir: string;
  const file = (p: string): BuiltFile => files.find((f) => f.path === p)!;
  const unsigned = (): BuiltFile => file(`macos/${name}.mobileconfig`);
  const signed = (): BuiltFile => file(`macos/${name}.signed.mobileconfig`);

  beforeAll(() => {
    pki = makeTestPki();
    files = buildArtifacts(example.profile, { env: example.env, now: NOW, signing: { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem } }).files;
    dir = mkdtempSync(join(tmpdir(), 'cgp-signed-copy-'));
    for (const f of files) {
      const to = join(dir, 'out', name, f.path);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, f.bytes);
    }
    writeFileSync(join(dir, 'ca.pem'), pki.caPem);
    writeFileSync(join(dir, 'leaf.pem'), `${pki.leafPem}${pki.intPem}`);
    writeFileSync(join(dir, 'leaf.key'), pki.leafKeyPem);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('build wrote both, and the signed one holds the unsigned bytes', () => {
    expect(unsigned()).toBeDefined();
    expect(signed()).toBeDefined();
    expect(signed().bytes.includes(unsigned().bytes)).toBe(true);
  });

  test('checked together with --ca: no not-signed, and the signed one verifies', () => {
    const r = checkAll([unsigned(), signed()].map((f) => ({ name: f.path, bytes: f.bytes })), { caPem: pki.caPem });
    expect(r.files.map((f) => ({ file: f.file, errors: codes(f).filter((c) => c.startsWith('error:')) }))).toEqual([
      { file: `macos/${name}.mobileconfig`, errors: [] },
      { file: `macos/${name}.signed.mobileconfig`, errors: [] },
    ]);
  });

  test('alone, or beside a signed profile of other content, the unsigned file is still not-signed, with the real options in the hint', () => {
    const alone = checkAll([{ name: 'a.mobileconfig', bytes: unsigned().bytes }], { caPem: pki.caPem });
    expect(codes(alone.files[0]!)).toContain('error:not-signed');
    const hint = alone.files[0]!.findings.find((f) => f.code === 'not-signed')!.hint!;
    expect(hint).toMatch(/--sign-cert/);
    expect(hint).toMatch(/--sign-key/);
    expect(hint).not.toMatch(/--sign\b(?!-)/);
    const edited = Buffer.concat([unsigned().bytes, Buffer.from('\n')]);
    const other = checkAll([{ name: 'a.mobileconfig', bytes: edited }, { name: 'a.signed.mobileconfig', bytes: signed().bytes }], { caPem: pki.caPem });
    expect(codes(other.files[0]!)).toContain('error:not-signed');
  });

  test('check --ca on the whole build folder (the bug report): exit 0; the dist CLI agrees', async () => {
    const r = await runCli(['check', '--ca', 'ca.pem', 'out'], { cwd: dir });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(runBin(['check', '--ca', 'ca.pem', 'out'], { cwd: dir }).code).toBe(0);
    // The unsigned copy named alone is still not signed.
    const alone = await runCli(['check', '--ca', 'ca.pem', join('out', name, 'macos', `${name}.mobileconfig`)], { cwd: dir });
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(/\[not-signed\]/);
  });

  test('a build the dist CLI signed (--sign-cert/--sign-key) checks clean with --ca', () => {
    writeFileSync(join(dir, `${name}.profile.json`), JSON.stringify(example.profile));
    const b = runBin(['build', `${name}.profile.json`, '--out', 'signed-out', '--sign-cert', 'leaf.pem', '--sign-key', 'leaf.key'], { cwd: dir, env: example.env as Record<string, string> });
    expect(b.code).toBe(0);
    const r = runBin(['check', '--ca', 'ca.pem', 'signed-out'], { cwd: dir });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('--kind signed-mobileconfig: an unsigned file is not-signed (with or without --ca); a signed one is fine', () => {
    for (const caPem of [undefined, pki.caPem]) {
      const opts = { kind: 'signed-mobileconfig' as const, ...(caPem ? { caPem } : {}) };
      const r = checkAll([{ name: 'u.mobileconfig', bytes: unsigned().bytes }], opts);
      expect(codes(r.files[0]!).filter((c) => c === 'error:not-signed')).toEqual(['error:not-signed']);
      expect(r.ok).toBe(false);
      // Forcing the kind means every file must be signed: the signed twin does not excuse it.
      const both = checkAll([{ name: 'u.mobileconfig', bytes: unsigned().bytes }, { name: 's.mobileconfig', bytes: signed().bytes }], opts);
      expect(both.files.map((f) => codes(f).filter((c) => c.startsWith('error:')))).toEqual([['error:not-signed'], []]);
    }
  });

  test('check --kind signed-mobileconfig on an unsigned file through the CLI: exit 1', async () => {
    const r = await runCli(['check', '--kind', 'signed-mobileconfig', join('out', name, 'macos', `${name}.mobileconfig`)], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[not-signed\]/);
  });
});

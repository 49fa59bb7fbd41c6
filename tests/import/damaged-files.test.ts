/**
 * Damaged files that made the readers throw errors of no documented type (fuzz audit, finding 7)
 * are refused as the verbs document it: a UTF-16 file cut short (odd byte count: `swap16()` threw
 * "Buffer size must be a multiple of 16-bits"), a JSON-text value nested 100,000 deep ("Maximum
 * call stack size exceeded"), a signed profile whose signed attributes are damaged (an Asn1Error;
 * `diff` even said "same settings"). The API throws ImportError / DiffError with the finding, the
 * CLI exits 2 (for diff: trouble, never 1 "different") and prints the verb's JSON failure
 * document with `--json`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { checkArtifact } from '../../lib/check';
import { failureReason } from '../../lib/check/load';
import { diffArtifacts, DiffError } from '../../lib/diff';
import { importArtifact, ImportError } from '../../lib/import';
import { detectKind } from '../../lib/read/detect';
import { readReg } from '../../lib/read/reg';
import { UTF16_CUT_SHORT } from '../../lib/read/utf16';
import type { Finding } from '../../lib/validate/findings';
import { expectCheckResult } from '../support/check-result-schema';
import { runCli } from '../support/cli';
import { K } from '../support/keys';
import { describeIfTool, makeTestPki, TOOLS } from '../support/validators';

const NOW = new Date('2026-11-25T12:00:00Z');

/** What a call threw (or `undefined`). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  return undefined;
}

const brief = (fs: readonly Finding[]) => fs.map((f) => ({ code: f.code, severity: f.severity, path: f.path }));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-damaged-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the file, then runs import and diff on it, in text and JSON, checking exit codes and documents. */
async function expectRefusedByCli(name: string, bytes: Buffer, code: string, location: string, message: string | RegExp): Promise<void> {
  writeFileSync(join(dir, name), bytes);
  const cli = (...argv: string[]) => runCli(argv, { cwd: dir, env: {} });

  const imp = await cli('import', name, '--out', 'out.json');
  expect({ name, code: imp.code, stdout: imp.stdout }).toEqual({ name, code: 2, stdout: '' });
  expect(imp.stderr).toContain(`error: ${name}: ${location}: `);
  expect(imp.stderr).toContain(`[${code}]`);
  expect(imp.stderr).toContain(`claude-gateway-profile import: ${name}: not imported`);

  const impJson = await cli('import', name, '--json');
  expect({ name, code: impJson.code, stderr: impJson.stderr }).toEqual({ name, code: 2, stderr: '' });
  const importDoc = JSON.parse(impJson.stdout) as { file: string; findings: { code: string; location: string; message: string }[] };
  expectCheckResult('importFailure', importDoc);
  expect(importDoc.file).toBe(name);
  expect(importDoc.findings[0]).toMatchObject({ code, location });
  expect(importDoc.findings[0]?.message).toMatch(message);

  const diff = await cli('diff', name, name);
  expect({ name, code: diff.code, stdout: diff.stdout }).toEqual({ name, code: 2, stdout: '' });
  expect(diff.stderr).toContain(`error: ${name}: ${location}: `);
  expect(diff.stderr).toContain(`claude-gateway-profile diff: ${name}: not compared`);

  const diffJson = await cli('diff', name, name, '--json');
  expect({ name, code: diffJson.code, stderr: diffJson.stderr }).toEqual({ name, code: 2, stderr: '' });
  const diffDoc = JSON.parse(diffJson.stdout) as { ok: boolean; file: string; findings: { code: string; location: string; message: string }[] };
  expectCheckResult('diffFailure', diffDoc);
  expect({ ok: diffDoc.ok, file: diffDoc.file }).toEqual({ ok: false, file: name });
  expect(diffDoc.findings[0]).toMatchObject({ code, location });
}

describe('a file that starts with a UTF-16 byte-order mark but has an odd number of bytes', () => {
  const reg = `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n"${K.inferenceProvider}"="gateway"\r\n`;
  const json = `{"${K.inferenceProvider}": "gateway"}`;
  const be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16(), Buffer.from([0x0a])]);
  const le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0x0a])]);
  const cases: [string, Buffer][] = [
    ['utf16be-odd.reg', be(reg)],
    ['utf16be-odd.json', be(json)],
    ['utf16le-odd.reg', le(reg)],
    ['utf16le-odd.json', le(json)],
    // The audit's 7-byte file: the mark, two characters and one byte.
    ['audit-odd.json', Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d, 0x00])],
  ];

  test.each(cases)('%s: ImportError and DiffError with the utf16-cut-short finding at (file); check reports it', (name, bytes) => {
    expect(bytes.length % 2).toBe(1);
    const expected = [{ code: 'utf16-cut-short', severity: 'error', path: '(file)' }];
    for (const kind of [undefined, 'reg', 'managed-settings-json'] as const) {
      const imp = thrown(() => importArtifact(bytes, { fileName: name, now: NOW, ...(kind ? { kind } : {}) }));
      expect(imp).toBeInstanceOf(ImportError);
      expect(brief((imp as ImportError).findings)).toEqual(expected);
      expect((imp as ImportError).findings[0]?.message).toBe(UTF16_CUT_SHORT);
      const diff = thrown(() => diffArtifacts({ bytes, file: name }, { bytes: Buffer.from(json), file: 'ok.json' }, { now: NOW, ...(kind ? { kind } : {}) }));
      expect(diff).toBeInstanceOf(DiffError);
      expect(brief((diff as DiffError).findings)).toEqual(expected);
      expect((diff as DiffError).file).toBe(name);
      expect((diff as DiffError).message).toBe(`${name}: ${UTF16_CUT_SHORT}`);
    }
    expect(brief(checkArtifact(bytes, name, { now: NOW }).findings)).toEqual(expected);
  });

  test('detectKind and readReg, called on such bytes themselves, do not throw', () => {
    const bytes = be(reg);
    expect(detectKind(bytes, 'x.reg').kind).toBe('reg');
    expect(readReg(bytes).entries.map((e) => e.key)).toEqual([K.inferenceProvider]);
  });

  test('the CLI: import and diff exit 2 naming the file and (file), with their JSON failure documents', async () => {
    for (const [name, bytes] of cases) await expectRefusedByCli(name, bytes, 'utf16-cut-short', '(file)', UTF16_CUT_SHORT);
  });
});

test('an unexpected SyntaxError is reported without its message, which may quote the input (mutation gap LD2)', () => {
  let quoted: unknown;
  try {
    JSON.parse('{"apiKey": "sk-live-QUOTED-0123456789" oops}');
  } catch (e) {
    quoted = e;
  }
  expect(quoted).toBeInstanceOf(SyntaxError);
  expect(failureReason(quoted)).toBe('its text could not be parsed');
  expect(failureReason(new Error('a reader failed'))).toBe('a reader failed');
});

describe('a JSON-text value nested 100,000 deep', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const managed = Buffer.from(JSON.stringify({ [K.inferenceProvider]: 'gateway', [K.managedMcpServers]: deep }));
  const mobileconfig = Buffer.from(
    buildArtifacts({ name: 'deep', identifier: 'com.example.deep', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.managedMcpServers]: [] } }, { formats: ['mobileconfig'] })
      .files.find((f) => f.path.endsWith('.mobileconfig'))!
      .bytes.toString('utf8')
      .replace('<string>[]</string>', `<string>${deep}</string>`),
  );
  const message = `the value of ${K.managedMcpServers} nests more than 62 objects and arrays deep (it passes the limit 61 levels below here)`;

  test.each([
    ['managed-settings.json', managed, `line 1 (${K.managedMcpServers}[0][0])`],
    ['deep.mobileconfig', mobileconfig, `PayloadContent[0].${K.managedMcpServers}[0][0]`],
  ])('%s: import and diff refuse it with too-deep at its place, as check reports it', (name, bytes, place) => {
    const expected = [{ code: 'too-deep', severity: 'error', path: place }];
    const imp = thrown(() => importArtifact(bytes, { fileName: name, now: NOW }));
    expect(imp).toBeInstanceOf(ImportError);
    expect(brief((imp as ImportError).findings)).toEqual(expected);
    expect((imp as ImportError).findings[0]?.message).toBe(message);
    const diff = thrown(() => diffArtifacts({ bytes, file: name }, { bytes, file: 'b' }, { now: NOW }));
    expect(diff).toBeInstanceOf(DiffError);
    expect(brief((diff as DiffError).findings)).toEqual(expected);
    const checked = checkArtifact(bytes, name, { now: NOW }).findings.filter((f) => f.code === 'too-deep');
    expect(brief(checked)).toEqual(expected);
    expect(checked[0]?.message).toBe(message);
  });

  test('the CLI: import and diff exit 2 with their JSON failure documents', async () => {
    await expectRefusedByCli('managed-settings.json', managed, 'too-deep', `line 1 (${K.managedMcpServers}[0][0])`, message);
  });
});

describeIfTool(TOOLS.cms)('a signed profile whose messageDigest attribute has the wrong tag', () => {
  let bytes: Buffer;
  beforeAll(() => {
    const pki = makeTestPki();
    const profile = { name: 'signed', identifier: 'com.example.signed', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' } };
    const files = buildArtifacts(profile, { formats: ['mobileconfig'], signing: { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem } }).files;
    bytes = Buffer.from(files.find((f) => f.path.endsWith('.signed.mobileconfig'))!.bytes);
    // messageDigest (1.2.840.113549.1.9.4) is SET { OCTET STRING }: make the OCTET STRING an INTEGER.
    const at = bytes.indexOf(Buffer.from('06092a864886f70d010904', 'hex'));
    expect(at).toBeGreaterThan(0);
    expect(bytes.subarray(at + 11, at + 14).toString('hex')).toBe('312204');
    bytes[at + 13] = 0x02;
  });

  test('import and diff refuse it: malformed-signature (the envelope check names the field)', () => {
    const expected = [{ code: 'malformed-signature', severity: 'error', path: 'signature' }];
    const imp = thrown(() => importArtifact(bytes, { fileName: 'x.signed.mobileconfig', now: NOW }));
    expect(imp).toBeInstanceOf(ImportError);
    // The envelope check names the damaged field first; the signature over the changed attributes fails too.
    expect(brief((imp as ImportError).findings)).toEqual([...expected, { code: 'signature-invalid', severity: 'error', path: 'signature' }]);
    expect((imp as ImportError).findings[0]?.message).toMatch(/^the CMS envelope is malformed: .*messageDigest/);
    // diff compared it as if nothing were wrong ("same settings", exit 0).
    const diff = thrown(() => diffArtifacts({ bytes, file: 'x.signed.mobileconfig' }, { bytes, file: 'y.signed.mobileconfig' }, { now: NOW }));
    expect(diff).toBeInstanceOf(DiffError);
    expect(brief((diff as DiffError).findings)).toEqual(expected);
  });

  test('the CLI: import and diff exit 2 with their JSON failure documents', async () => {
    await expectRefusedByCli('x.signed.mobileconfig', bytes, 'malformed-signature', 'signature', /^the CMS envelope is malformed: /);
  });
});

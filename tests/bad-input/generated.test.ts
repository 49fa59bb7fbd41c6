/**
 * Hostile inputs too big or too secret to commit, made at test time: a 50 MB file, a profile just
 * under the size limit holding 230,000 list entries, JSON and plist nesting bombs hundreds of
 * thousands of levels deep, an entity-expansion plist, a signed profile with one tampered byte
 * (from a throwaway PKI), and hostile command lines (NUL in a path, prototype names as verbs).
 * Each goes through the compiled binary in a child process limited to a 256 MB heap: it must exit
 * 1 or 2 on its own (no signal, no timeout), print no stack trace, write nothing, and stay within
 * a bounded peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { ROOT } from '../support/examples';
import { describeIfTool, makeTestPki, TOOLS, type TestPki } from '../support/validators';
import { runCli, snapshot, STACK_FRAME } from './support';
import { K } from '../support/keys';

jest.setTimeout(300_000);

const BIN = join(ROOT, 'bin', 'claude-gateway-profile.js');
/** A refusal must not need more than this (the 50 MB file is never read whole). */
const MAX_RSS_MB = 200;

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  maxRssMB: number;
  ms: number;
}

/** Runs the compiled CLI with a 256 MB heap and records its peak RSS (from `process.resourceUsage()`). */
function cli(work: string, argv: string[]): ChildRun {
  const usage = join(work, `usage-${Math.random().toString(36).slice(2)}.json`);
  const hook = join(ROOT, 'bench', 'max-rss-hook.js'); // one peak-RSS hook, shared with the benchmark
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--require', hook, BIN, ...argv], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', CGP_USAGE_FILE: usage },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  let maxRssMB = Number.NaN;
  try {
    maxRssMB = (JSON.parse(readFileSync(usage, 'utf8')) as { maxRSS: number }).maxRSS / 1024;
  } catch {
    // no usage file: the process did not exit through 'exit' (killed); the assertions below say so
  }
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, maxRssMB, ms: Date.now() - t };
}

/** The checks every refusal passes. `named`: the file name the output must mention. */
function expectCleanRefusal(r: ChildRun, named: string | undefined, what: string): void {
  const view = { what, code: r.code, signal: r.signal, stack: STACK_FRAME.test(r.stdout + r.stderr), head: (r.stderr || r.stdout).slice(0, 300) };
  expect(view).toEqual({ ...view, signal: null, stack: false });
  expect([1, 2]).toContain(r.code);
  if (named) expect({ what, named: (r.stdout + r.stderr).includes(named) }).toEqual({ what, named: true });
  expect({ what, rssBounded: r.maxRssMB < MAX_RSS_MB, maxRssMB: Math.round(r.maxRssMB) }).toEqual({ what, rssBounded: true, maxRssMB: Math.round(r.maxRssMB) });
}

/** Writes `size` bytes made of `head`, a repeated `chunk`, and `tail`, without holding them in memory. */
function writeBig(path: string, head: string, chunk: string, tail: string, size: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const block = chunk.repeat(Math.max(1, Math.floor(65536 / chunk.length)));
  let written = head.length;
  while (written + block.length + tail.length < size) written += writeSync(fd, block);
  writeSync(fd, tail);
  closeSync(fd);
}

const VERB_ARGS = (file: string): [string, string[]][] => [
  ['validate', ['validate', file]],
  ['build', ['build', file, '--out', 'out']],
  ['check', ['check', file]],
  ['import', ['import', file, '--out', `imported-${file}.json`]],
];

describe('generated hostile inputs through the compiled CLI (256 MB heap)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cgp-bad-gen-'));
    mkdirSync(join(work, 'out'));
    writeFileSync(join(work, 'out', 'sentinel.txt'), 'unchanged');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** build's output folder holds only what was there before. */
  const untouched = () => {
    expect(Object.keys(snapshot(join(work, 'out')))).toEqual(['sentinel.txt']);
    expect(readFileSync(join(work, 'out', 'sentinel.txt'), 'utf8')).toBe('unchanged');
  };

  test('a 50 MB file is refused by size before it is read, by every verb', () => {
    const file = join(work, 'huge-50mb.profile.json');
    writeBig(file, `{"name":"huge","identifier":"com.example.huge","settings":{"${K.inferenceProvider}":"gateway","${K.coworkEgressAllowedHosts}":[`, '"host.example.com",', '"x"]}}', 50 * 1024 * 1024);
    for (const [verb, argv] of VERB_ARGS('huge-50mb.profile.json')) {
      const r = cli(work, argv);
      expectCleanRefusal(r, 'huge-50mb.profile.json', verb);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/too large/);
    }
    untouched();
  });

  test('a profile just under the 5 MB limit with 230,000 list entries, the last one bad: refused naming the entry', () => {
    const hosts = Array.from({ length: 230_000 }, (_, i) => `h${i}.example.com`);
    hosts[hosts.length - 1] = 'not a host';
    const profile = { name: 'long', identifier: 'com.example.long', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.coworkEgressAllowedHosts]: hosts } };
    const text = JSON.stringify(profile);
    expect(text.length).toBeGreaterThan(4_000_000);
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    writeFileSync(join(work, 'long.profile.json'), text);
    for (const [verb, argv] of VERB_ARGS('long.profile.json')) {
      const r = cli(work, argv);
      expectCleanRefusal(r, 'long.profile.json', verb);
      expect(r.stdout + r.stderr).toMatch(K.coworkEgressAllowedHosts);
      if (verb === 'validate' || verb === 'build') expect(r.stdout + r.stderr).toContain(`settings.${K.coworkEgressAllowedHosts}[229999]`);
    }
    untouched();
  });

  test.each([
    ['json-arrays-200k', () => `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
    ['json-in-unknown-field-200k', () => `{"name":"deep","identifier":"com.example.deep","settings":{"${K.inferenceProvider}":"gateway","${K.inferenceGatewayBaseUrl}":"https://gw.example.com","${K.inferenceGatewayApiKey}":"k","${K.inferenceModels}":[{"name":"m","x":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}]}}`],
    // JSON text parses at any depth; import and diff overflowed the stack on it (fuzz audit, finding 7).
    ['json-text-value-100k', () => JSON.stringify({ [K.inferenceProvider]: 'gateway', [K.managedMcpServers]: `${'['.repeat(100_000)}${']'.repeat(100_000)}` })],
    ['plist-arrays-200k', () => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>PayloadContent</key><array>${'<array>'.repeat(200_000)}${'</array>'.repeat(200_000)}</array></dict></plist>\n`],
    ['plist-entities', () => `<?xml version="1.0"?>\n<!DOCTYPE plist [\n${Array.from({ length: 12 }, (_, i) => `<!ENTITY e${i} "${i === 0 ? 'ha' : `&e${i - 1};`.repeat(12)}">`).join('\n')}\n]>\n<plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.anthropic.claudefordesktop</string><key>${K.inferenceProvider}</key><string>&e11;</string></dict></array></dict></plist>\n`],
  ])('nesting or expansion bomb %s: every verb ends on its own with exit 1 or 2, bounded memory, no stack trace', (name, make) => {
    const file = `bomb-${name}${name.startsWith('plist') ? '.mobileconfig' : '.json'}`;
    writeFileSync(join(work, file), make());
    for (const [verb, argv] of VERB_ARGS(file)) {
      const r = cli(work, argv);
      expectCleanRefusal(r, file, `${verb} ${name}`);
      // validate and build refuse a JSON bomb by its depth, naming where it starts.
      if ((verb === 'validate' || verb === 'build') && name === 'json-in-unknown-field-200k') expect(r.stdout + r.stderr).toMatch(new RegExp(String.raw`settings\.${K.inferenceModels}\[0\]\.x: the value of ${K.inferenceModels} nests more than 62 objects and arrays deep`));
      expect(r.ms).toBeLessThan(60_000);
    }
    untouched();
  });

  describeIfTool(TOOLS.cms)('signed profiles', () => {
    let pki: TestPki;
    beforeAll(() => {
      pki = makeTestPki();
      writeFileSync(join(work, 'ca.pem'), pki.caPem);
    });

    test('a signed profile with one tampered content byte: check fails the signature, import refuses, validate/build see no JSON', () => {
      const profile = { name: 'signed', identifier: 'com.example.signed', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' } };
      const files = buildArtifacts(profile, { formats: ['mobileconfig'], signing: { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem } }).files;
      const signed = Buffer.from(files.find((f) => f.path.endsWith('.signed.mobileconfig'))!.bytes);
      // Flip one byte inside the embedded profile text (the value of the gateway base URL).
      const at = signed.indexOf(Buffer.from('gw.example.com'));
      expect(at).toBeGreaterThan(0);
      signed[at] = 'x'.charCodeAt(0);
      writeFileSync(join(work, 'tampered.mobileconfig'), signed);
      const check = cli(work, ['check', 'tampered.mobileconfig', '--ca', 'ca.pem']);
      expectCleanRefusal(check, 'tampered.mobileconfig', 'check tampered');
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toMatch(/signature|digest/i);
      for (const [verb, argv] of VERB_ARGS('tampered.mobileconfig')) {
        if (verb === 'check') continue;
        const r = cli(work, argv);
        expectCleanRefusal(r, 'tampered.mobileconfig', `${verb} tampered`);
        if (verb === 'import') expect(r.stdout + r.stderr).toMatch(/tampered\.mobileconfig: .*signature.*the content does not match the signed digest/);
      }
      untouched();
    });

    test('a signed profile whose messageDigest attribute has the wrong tag: refused by every verb, diff exits 2 (it said "same settings")', () => {
      const profile = { name: 'signed', identifier: 'com.example.signed', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' } };
      const files = buildArtifacts(profile, { formats: ['mobileconfig'], signing: { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem } }).files;
      const signed = Buffer.from(files.find((f) => f.path.endsWith('.signed.mobileconfig'))!.bytes);
      // messageDigest (1.2.840.113549.1.9.4) is SET { OCTET STRING }: make the OCTET STRING an INTEGER.
      const at = signed.indexOf(Buffer.from('06092a864886f70d010904', 'hex'));
      expect(signed.subarray(at + 11, at + 14).toString('hex')).toBe('312204');
      signed[at + 13] = 0x02;
      writeFileSync(join(work, 'wrong-tag.mobileconfig'), signed);
      for (const [verb, argv] of VERB_ARGS('wrong-tag.mobileconfig')) expectCleanRefusal(cli(work, argv), 'wrong-tag.mobileconfig', `${verb} wrong-tag`);
      for (const argv of [['diff', 'wrong-tag.mobileconfig', 'wrong-tag.mobileconfig'], ['diff', '--json', 'wrong-tag.mobileconfig', 'wrong-tag.mobileconfig'], ['import', '--json', 'wrong-tag.mobileconfig']]) {
        const r = cli(work, argv);
        expectCleanRefusal(r, 'wrong-tag.mobileconfig', argv.join(' '));
        expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
        expect(r.stdout + r.stderr).toContain('the CMS envelope is malformed');
      }
      untouched();
    });
  });

  test('hostile command lines: NUL in a path, prototype names as verbs and flags, a file name with a line break', async () => {
    const nul = await runCli(['validate', 'a\u0000b.json'], { cwd: work });
    expect({ code: nul.code, stack: STACK_FRAME.test(nul.stderr) }).toEqual({ code: 2, stack: false });
    for (const verb of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await runCli([verb], { cwd: work });
      expect({ verb, code: r.code, unknown: r.stderr.includes(`unknown command "${verb}"`) }).toEqual({ verb, code: 2, unknown: true });
    }
    for (const flag of ['--__proto__', '--constructor', '--toString=1', '--no-such-flag']) {
      const r = await runCli(['validate', flag, 'x.json'], { cwd: work });
      // Names of Object.prototype members are unknown options like any other.
      expect({ flag, code: r.code, stack: STACK_FRAME.test(r.stderr), says: /unknown option/.test(r.stderr) }).toEqual({ flag, code: 2, stack: false, says: true });
    }
    writeFileSync(join(work, 'line\nbreak.json'), '{"name": 1}');
    const r = cli(work, ['validate', 'line\nbreak.json']);
    expectCleanRefusal(r, 'break.json', 'file name with a line break');
  });
});

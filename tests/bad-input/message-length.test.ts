/**
 * A hostile file cannot make a message huge: every quote of the file's text is clipped, and the
 * XML validator's list of open tags becomes a count and the root element's place. Each input is
 * made here (none is committed: some are megabytes), goes through `checkArtifacts`,
 * `importArtifact` and `diffArtifacts`, and every finding's message and hint, every error message
 * and every value `diff` shows must stay short; the biggest also through the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArtifacts } from '../../lib/check';
import { diffArtifacts } from '../../lib/diff';
import { importArtifact } from '../../lib/import';
import { WINDOWS_POLICY_KEY } from '../../lib/catalog';
import { runCli } from '../support/cli';
import { K } from '../support/keys';

jest.setTimeout(120_000);

/** The longest finding message (or hint) allowed: the longest fixed wording plus a few clipped quotes. */
const MAX_MESSAGE = 500;
/** The longest error message: a summary and the first few findings, each with its place. */
const MAX_ERROR = 2_000;
/** A diff value: clipped text, or what a hidden value is. */
const MAX_SHOWN = 200;

const BIG = 200_000;
const plist = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n<key>${K.inferenceProvider}</key><string>gateway</string>\n${body}\n</dict>\n</plist>\n`;
const reg = (body: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\${WINDOWS_POLICY_KEY}]\r\n"${K.inferenceProvider}"="gateway"\r\n${body}\r\n`, 'utf16le')]);
const csvRow = (uri: string) => `Name,Description,OMA-URI,Data type,Value\r\nx,x,${uri},String,<enabled/>\r\n`;

/** Hostile inputs, each made at test time. */
const INPUTS: readonly { name: string; bytes: Buffer }[] = [
  // The validator lists every open tag: 3 MB of message for 1.5 MB of input before.
  { name: 'unclosed-tags.plist', bytes: Buffer.from(`<?xml version="1.0"?>\n<plist version="1.0"><dict>${'<key>'.repeat(BIG / 5)}`) },
  { name: 'long-tag-name.plist', bytes: Buffer.from(plist(`<key>${K.inferenceGatewayApiKey}</key><string:${'x'.repeat(BIG)}</string>`)) },
  { name: 'long-attribute.plist', bytes: Buffer.from(plist(`<key>${K.inferenceGatewayApiKey}</key><string ${'x'.repeat(BIG)}</string>`)) },
  { name: 'long-integer.plist', bytes: Buffer.from(plist(`<key>${K.inferenceGatewayApiKey}</key><integer>${'x'.repeat(BIG)}</integer>`)) },
  { name: 'long-unknown-tag.plist', bytes: Buffer.from(plist(`<key>${K.inferenceGatewayApiKey}</key><${'t'.repeat(BIG)}>x</${'t'.repeat(BIG)}>`)) },
  { name: 'long-payload-scope.mobileconfig', bytes: Buffer.from(`<?xml version="1.0"?>\n<plist version="1.0"><dict><key>PayloadContent</key><array/><key>PayloadScope</key><string>${'s'.repeat(BIG)}</string></dict></plist>\n`) },
  // A value name with no "=" (the value run into it), and one of 2,000 backslashes (did-you-mean is slow on longer names).
  { name: 'long-name-no-equals.reg', bytes: reg(`"${K.inferenceGatewayApiKey}${'a'.repeat(BIG)}"`) },
  { name: 'long-value-name.reg', bytes: reg(`"${'\\\\'.repeat(2_000)}"="x"`) },
  { name: 'long-subkey.reg', bytes: reg(`[HKEY_LOCAL_MACHINE\\${WINDOWS_POLICY_KEY}\\${'k'.repeat(BIG)}]\r\n"${K.inferenceGatewayApiKey}"="x"`) },
  { name: 'long-oma-uri.csv', bytes: Buffer.from(csvRow(`./Device/Vendor/MSFT/${'u'.repeat(BIG)}`)) },
  { name: 'long-admx-attribute.admx', bytes: Buffer.from(`<?xml version="1.0"?>\n<policyDefinitions xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" ${'a'.repeat(BIG)}></policyDefinitions>\n`) },
];

/** A small valid file to diff each input against. */
const BASE = Buffer.from(plist(`<key>${K.inferenceGatewayBaseUrl}</key><string>https://gateway.example.com</string>`));

interface Said {
  readonly where: string;
  readonly text: string;
  readonly max: number;
}

function everythingSaid(input: { name: string; bytes: Buffer }): Said[] {
  const out: Said[] = [];
  const findings = (where: string, fs: readonly { message: string; hint?: string }[]) => {
    for (const f of fs) out.push({ where: `${where} message`, text: f.message, max: MAX_MESSAGE }, { where: `${where} hint`, text: f.hint ?? '', max: MAX_MESSAGE });
  };
  const error = (where: string, e: unknown) => {
    const err = e as Error & { findings?: { message: string; hint?: string }[] };
    out.push({ where: `${where} error`, text: err.message, max: MAX_ERROR });
    findings(where, err.findings ?? []);
  };
  for (const file of checkArtifacts([{ name: input.name, bytes: input.bytes }]).files) findings('check', file.findings);
  try {
    const r = importArtifact(input.bytes, { fileName: input.name });
    findings('import', [...r.changes, ...r.warnings, ...r.validation]);
  } catch (e) {
    error('import', e);
  }
  try {
    const d = diffArtifacts({ bytes: BASE, file: 'base.plist' }, { bytes: input.bytes, file: input.name });
    for (const c of d.settings) out.push({ where: 'diff old', text: c.old ?? '', max: MAX_SHOWN }, { where: 'diff new', text: c.new ?? '', max: MAX_SHOWN });
    for (const n of d.notes) out.push({ where: 'diff note', text: n, max: MAX_MESSAGE });
  } catch (e) {
    error('diff', e);
  }
  return out;
}

describe('messages stay short for hostile files', () => {
  test.each(INPUTS.map((i) => [i.name, i] as const))('%s', (_name, input) => {
    const said = everythingSaid(input);
    // Something was said about each file, so the bound is not met by silence.
    expect(said.some((s) => s.text.length > 0)).toBe(true);
    const long = said.filter((s) => s.text.length > s.max).map((s) => `${s.where}: ${s.text.length} characters: ${s.text.slice(0, 120)}…`);
    expect(long).toEqual([]);
  });

  test('the XML validator names how many elements are open and where the root element starts, not each tag', () => {
    const report = checkArtifacts([INPUTS[0]!]).files[0]!;
    expect(report.findings.map((f) => f.message)).toEqual([`not well-formed XML: ${BIG / 5 + 2} elements are never closed (is the file cut short?); the outermost is the root element at line 2, column 1`]);
  });

  test('the CLI prints a short report for each (check, check --json, import, diff)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-long-'));
    try {
      writeFileSync(join(dir, 'base.plist'), BASE);
      for (const input of INPUTS) writeFileSync(join(dir, input.name), input.bytes);
      for (const input of INPUTS.slice(0, 3)) {
        for (const argv of [['check', input.name], ['check', input.name, '--json'], ['import', input.name, '--json'], ['diff', 'base.plist', input.name]]) {
          const r = await runCli(argv, { cwd: dir });
          expect({ argv, length: r.stdout.length + r.stderr.length < 5_000 }).toEqual({ argv, length: true });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

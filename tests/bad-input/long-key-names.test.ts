/**
 * A key name of a megabyte stays out of what `check`, `import` and `diff` print. A name read from
 * a file becomes a finding's place (`PayloadContent[0].<name>`, `policy <name>`,
 * `line 3 (<name>[0].x)`), its `key` and parts of its message; each must go through the clip rule
 * (`lib/escape/clip.ts`), so that the report stays small and still names the place. One file per
 * kind the readers know, each made here from a real build with the name put where that kind keeps
 * names (several places per file: a repeated key, a key inside a JSON value, an MCX domain…).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { CLIP_LENGTH } from '../../lib/escape/clip';
import { MCX_PAYLOAD_TYPE } from '../../lib/writers/plist-values';
import { MACOS_PREFERENCE_DOMAIN } from '../../lib/catalog';
import { runCli } from '../support/cli';
import { envFor, loadExamples } from '../support/examples';
import { K } from '../support/keys';

jest.setTimeout(300_000);

/** A megabyte of name after a real key's name, so that a did-you-mean or a prefix match is tempted. */
const NAME = `${K.inferenceProvider}${'a'.repeat(1 << 20)}`;
/** What any clipped quote of {@link NAME} starts with. */
const HEAD = NAME.slice(0, CLIP_LENGTH - 1);
/** The most one finding may take in `check --json` (a few clipped quotes and the fixed wording). */
const MAX_FINDING = 2_000;
/** The most a whole `import --json` or `diff` output may take for these files. */
const MAX_OUTPUT = 20_000;

const example = loadExamples().find((e) => e.file === 'bedrock.profile.json')!;
const built = new Map(buildArtifacts(example.profile, { env: envFor(example.profile), now: new Date('2026-01-15T00:00:00Z') }).files.map((f) => [f.path, f.bytes]));
const text = (suffix: string): string => {
  const path = [...built.keys()].find((p) => p.endsWith(suffix));
  if (path === undefined) throw new Error(`the build has no file ending in ${suffix}`);
  const bytes = built.get(path)!;
  return bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8').replace(/^\uFEFF/, '');
};
const once = (s: string, find: string | RegExp, replace: string): string => {
  const out = s.replace(find, replace);
  if (out === s) throw new Error(`${String(find)} not found`);
  return out;
};
const xml = NAME; // letters only: no escaping needed in XML, JSON, CSV or a .reg line
const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** A direct-domain payload with the name twice, and a JSON value holding it as a field name. */
const direct = once(
  text('.mobileconfig'),
  `<key>${K.inferenceProvider}</key>`,
  `<key>${xml}</key><string>x</string><key>${xml}</key><string>y</string><key>${K.inferenceModels}</key><string>[{"name":"m","${xml}":1}]</string><key>${K.inferenceProvider}</key>`,
);
const mcxSettings = `<dict><key>${K.inferenceProvider}</key><string>gateway</string><key>${xml}</key><string>x</string><key>${xml}</key><string>y</string></dict>`;
/** The ManagedClient form: the name as a setting (twice), as a level beside Forced, and as a domain holding Claude keys. */
const mcx = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>PayloadContent</key><array><dict>
<key>PayloadType</key><string>${MCX_PAYLOAD_TYPE}</string><key>PayloadIdentifier</key><string>com.example.mcx.settings</string>
<key>PayloadUUID</key><string>E54FC2F1-0F45-5F33-AF4C-CA474CD99428</string><key>PayloadVersion</key><integer>1</integer>
<key>PayloadContent</key><dict>
<key>${MACOS_PREFERENCE_DOMAIN}</key><dict><key>Forced</key><array><dict><key>mcx_preference_settings</key>${mcxSettings}</dict></array><key>${xml}</key><array/></dict>
</dict></dict>
<dict><key>PayloadType</key><string>${MCX_PAYLOAD_TYPE}</string><key>PayloadIdentifier</key><string>com.example.mcx.other</string>
<key>PayloadUUID</key><string>E54FC2F1-0F45-5F33-AF4C-CA474CD99427</string><key>PayloadVersion</key><integer>1</integer>
<key>PayloadContent</key><dict><key>${xml}</key><dict><key>Forced</key><array><dict><key>mcx_preference_settings</key><dict><key>${K.inferenceProvider}</key><string>gateway</string><key>${K.inferenceGatewayBaseUrl}</key><string>https://gateway.example.com</string></dict></dict></array></dict></dict>
</dict></array>
<key>PayloadIdentifier</key><string>com.example.mcx</string><key>PayloadType</key><string>Configuration</string>
<key>PayloadUUID</key><string>E54FC2F1-0F45-5F33-AF4C-CA474CD99429</string><key>PayloadVersion</key><integer>1</integer><key>PayloadScope</key><string>System</string>
</dict></plist>
`;
const graphMacos = JSON.parse(text('.macos-custom-configuration.json')) as Record<string, unknown>;
const graphWindows = JSON.parse(text('.windows-custom-configuration.json')) as { omaSettings: { omaUri: string }[] };
const settingRow = graphWindows.omaSettings.find((s) => s.omaUri.includes('/Policy/Config/'))!;
/** OMA-URIs with the name as the policy, the category path and the app name, and a ./User row. */
const uris = [settingRow.omaUri.replace(/[^/]+$/, xml), settingRow.omaUri.replace(/~Policy~[^/]+/, `~Policy~${xml}`), settingRow.omaUri.replace(/Config\/[A-Za-z0-9_]+~/, `Config/${xml}~`), settingRow.omaUri.replace('./Device', './User').replace(/[^/]+$/, xml)];
const csv = text('.windows-oma-uri.csv');
const csvRow = csv.trimEnd().split('\r\n').pop()!;
const csvUri = /\.\/Device\/Vendor\/MSFT\/Policy\/Config\/[^,]+/.exec(csvRow)![0];
const settings = `"${xml}": "x",\n  "${xml}": "y",\n  "${K.inferenceModels}": [{ "name": "m", "${xml}": 1 }],`;
const jamf = JSON.parse(text('.jamf-schema.json')) as { properties: Record<string, unknown> };

/** One file per readable kind, each with the name where that kind keeps names. */
const INPUTS: readonly { name: string; bytes: Buffer }[] = [
  { name: 'direct.mobileconfig', bytes: Buffer.from(direct) },
  { name: 'mcx.mobileconfig', bytes: Buffer.from(mcx) },
  { name: 'intune-macos.json', bytes: Buffer.from(JSON.stringify({ ...graphMacos, payload: Buffer.from(direct).toString('base64') })) },
  { name: 'preferences.plist', bytes: Buffer.from(once(text('jamf/com.anthropic.claudefordesktop.plist'), `<key>${K.inferenceProvider}</key>`, `<key>${xml}</key><integer>x</integer><key>${xml}</key><string>y</string><key>${K.inferenceProvider}</key>`)) },
  { name: 'fragment.xml', bytes: Buffer.from(`<key>${xml}</key><string>x</string><key>${xml}</key>\n${text('.intune-preference.xml')}`) },
  { name: 'policy.reg', bytes: utf16(once(text('bedrock.reg'), `"${K.inferenceProvider}"`, `"${xml}"="x"\r\n"${xml}"="y"\r\n"${xml}"\r\n"${K.inferenceProvider}"`) + `\r\n[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]\r\n"${xml}"="u"\r\n`) },
  { name: 'managed-settings.json', bytes: Buffer.from(once(text('linux/managed-settings.json'), '{', `{\n  ${settings}`)) },
  { name: '0a4e3f6e-8f0c-5b1e-9d2f-3c4b5a6d7e8f.json', bytes: Buffer.from(`{\n  ${settings}\n  "${K.inferenceProvider}": "gateway"\n}\n`) },
  { name: 'bootstrap.json', bytes: Buffer.from(`{\n  "expiresAt": "2030-01-01T00:00:00Z",\n  ${settings}\n  "${K.inferenceProvider}": "gateway"\n}\n`) },
  { name: 'gateway.profile.json', bytes: Buffer.from(once(JSON.stringify(example.profile, null, 2), '"settings": {', `"settings": {\n  ${settings}`)) },
  { name: 'windows.json', bytes: Buffer.from(JSON.stringify({ ...graphWindows, omaSettings: [...graphWindows.omaSettings, ...uris.map((omaUri) => ({ ...settingRow, omaUri }))] })) },
  { name: 'windows.csv', bytes: Buffer.from(`${csv.trimEnd()}\r\n${uris.map((u) => csvRow.replace(csvUri, u.replace(settingRow.omaUri.replace(/\/[^/]+$/, ''), csvUri.replace(/\/[^/]+$/, '')))).join('\r\n')}\r\n`) },
  { name: 'Claude.admx', bytes: Buffer.from(once(once(text('Claude.admx'), new RegExp(`valueName="${K.inferenceProvider}"`), `valueName="${xml}"`), /<policy name="[^"]+"/, `<policy name="${xml}"`)) },
  { name: 'Claude.adml', bytes: Buffer.from(once(text('Claude.adml'), /<string id="[^"]+"/, `<string id="${xml}"`)) },
  { name: 'jamf-schema.json', bytes: Buffer.from(JSON.stringify({ ...jamf, properties: { [NAME]: { type: 'string', title: 'x' }, ...jamf.properties } }, null, 2)) },
  { name: 'manifest.plist', bytes: Buffer.from(once(text('.manifest.plist'), new RegExp(`<key>pfm_name</key>\\s*<string>${K.inferenceProvider}</string>`), `<key>pfm_name</key><string>${xml}</string>`)) },
];

interface JsonFinding {
  readonly code: string;
  readonly location: string;
  readonly message: string;
  readonly fix?: string;
  readonly key?: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-long-names-'));
  writeFileSync(join(dir, 'base.mobileconfig'), built.get([...built.keys()].find((p) => p.endsWith('.mobileconfig'))!)!);
  for (const input of INPUTS) writeFileSync(join(dir, input.name), input.bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a megabyte key name is clipped wherever it is shown', () => {
  test('every input holds the name and is read as the kind it was made for', async () => {
    expect(INPUTS.filter((i) => i.bytes.length < NAME.length).map((i) => i.name)).toEqual([]);
    const r = await runCli(['check', ...INPUTS.map((i) => i.name), '--json'], { cwd: dir });
    const kinds = (JSON.parse(r.stdout) as { files: { kind: string }[] }).files.map((f) => f.kind);
    expect(kinds).toEqual(['mobileconfig', 'mobileconfig', 'intune-macos-graph-json', 'plist', 'preference-fragment', 'reg', 'managed-settings-json', 'config-library-json', 'bootstrap-response-json', 'profile-json', 'intune-windows-graph-json', 'intune-windows-csv', 'admx', 'adml', 'jamf-schema', 'profile-manifest']);
  });

  test.each(INPUTS.map((i) => [i.name] as const))('%s: check --json stays small and still names the place', async (name) => {
    const r = await runCli(['check', name, '--json'], { cwd: dir });
    const findings = (JSON.parse(r.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
    expect(findings.length).toBeGreaterThan(0);
    const long = findings.filter((f) => JSON.stringify(f).length > MAX_FINDING).map((f) => `${f.code}: ${(['location', 'message', 'fix', 'key'] as const).map((k) => `${k} ${f[k]?.length ?? 0}`).join(', ')}`);
    expect(long).toEqual([]);
    // The name is still recognisable in the report: clipped, never left out.
    expect(findings.some((f) => f.location.includes(HEAD) || f.message.includes(HEAD))).toBe(true);
    expect(r.stdout.length).toBeLessThan(MAX_FINDING * findings.length + 1_000);
  });

  test.each(INPUTS.map((i) => [i.name] as const))('%s: check, import --json and diff print a short report', async (name) => {
    for (const argv of [['check', name], ['import', name, '--json'], ['diff', 'base.mobileconfig', name]]) {
      const r = await runCli(argv, { cwd: dir });
      // A report (exit 0 or 1; 2 for a file diff cannot compare), never an internal error.
      expect({ argv, code: r.code <= 2, short: r.stdout.length + r.stderr.length < MAX_OUTPUT }).toEqual({ argv, code: true, short: true });
    }
  });
});

describe('a megabyte key name in a profile is clipped where validate and build show it', () => {
  /** The example with the name as a setting, as a field of a JSON-valued setting and as a top-level field. */
  const profile = { ...example.profile, [NAME]: 1, settings: { ...example.profile.settings, [NAME]: 'x', [K.inferenceModels]: [{ name: 'm', [NAME]: 1 }] } };

  test.each([[['validate', 'p.json']], [['validate', 'p.json', '--json']], [['build', 'p.json', '--out', 'out']], [['build', 'p.json', '--out', 'out', '--json']]])('%j: exit 1, a short report that still names the places', async (argv) => {
    writeFileSync(join(dir, 'p.json'), JSON.stringify(profile));
    const r = await runCli(argv, { cwd: dir, env: envFor(example.profile) });
    expect(r.code).toBe(1);
    const output = r.stdout + r.stderr;
    expect(output.length).toBeLessThan(MAX_OUTPUT);
    // Each of the three places is still shown, clipped: the setting, the JSON field, the top-level field.
    for (const place of [`settings.${HEAD}`, `settings.${K.inferenceModels}[0].${HEAD}`, HEAD]) expect(output).toContain(place);
    expect(output).toMatch(/… \(\d+ characters\)/);
  });
});

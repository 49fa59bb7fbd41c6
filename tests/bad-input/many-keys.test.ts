/**
 * A profile of 300,000 keys, well within the 20 MiB an artifact may have, is read like any other:
 * `check` and `import` report its keys (exit 1, the unknown keys listed up to the validator's limit
 * and then counted), never an internal error. Lists built from the file used to be appended with
 * `push(...list)`, one argument per item, which throws a RangeError past about 120,000 items;
 * both forms of payload went that way (the direct domain payload and the ManagedClient wrapper).
 * Each verb runs as its own process (the built CLI), so that the test's memory stays that of one
 * read: parsing 10 MB of XML takes about 400 MB.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MACOS_PREFERENCE_DOMAIN } from '../../lib/catalog';
import { MAX_PROFILE_BYTES } from '../../lib/cli/read-json';
import { MCX_PAYLOAD_TYPE } from '../../lib/writers/plist-values';
import { runBin } from '../support/cli';
import { K } from '../support/keys';

jest.setTimeout(300_000);

const KEYS = 300_000;

/** `<key>k0</key><string>x</string>…`: the unknown keys, after one real setting. */
function settingsBody(): string {
  const parts: string[] = [`<key>${K.inferenceProvider}</key><string>gateway</string>`];
  for (let i = 0; i < KEYS; i++) parts.push(`<key>k${i}</key><string>x</string>`);
  return parts.join('');
}

function profile(payload: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>PayloadContent</key><array><dict>${payload}</dict></array>
<key>PayloadDisplayName</key><string>Many keys</string><key>PayloadIdentifier</key><string>com.example.many</string><key>PayloadType</key><string>Configuration</string>
<key>PayloadUUID</key><string>E54FC2F1-0F45-5F33-AF4C-CA474CD99429</string><key>PayloadVersion</key><integer>1</integer><key>PayloadScope</key><string>System</string></dict></plist>
`;
}

const identity = (type: string, uuid: string) => `<key>PayloadType</key><string>${type}</string><key>PayloadIdentifier</key><string>com.example.many.settings</string><key>PayloadUUID</key><string>${uuid}</string><key>PayloadVersion</key><integer>1</integer>`;

const FORMS: readonly { name: string; text: () => string }[] = [
  { name: 'direct.mobileconfig', text: () => profile(`${identity(MACOS_PREFERENCE_DOMAIN, 'E54FC2F1-0F45-5F33-AF4C-CA474CD99421')}${settingsBody()}`) },
  {
    name: 'mcx.mobileconfig',
    text: () => profile(`${identity(MCX_PAYLOAD_TYPE, 'E54FC2F1-0F45-5F33-AF4C-CA474CD99422')}<key>PayloadContent</key><dict><key>${MACOS_PREFERENCE_DOMAIN}</key><dict><key>Forced</key><array><dict><key>mcx_preference_settings</key><dict>${settingsBody()}</dict></dict></array></dict></dict>`),
  },
];

interface JsonFinding {
  readonly code: string;
  readonly message: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgp-many-keys-'));
  for (const form of FORMS) writeFileSync(join(dir, form.name), form.text());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(FORMS.map((f) => [f.name] as const))('%s with 300,000 keys', (name) => {
  test('fits within the size a CLI artifact may have', () => {
    expect(statSync(join(dir, name)).size).toBeLessThan(MAX_PROFILE_BYTES * 4);
  });

  test('check reads it and reports the keys (exit 1), no internal error', () => {
    const r = runBin(['check', name, '--json'], { cwd: dir });
    const file = (JSON.parse(r.stdout) as { files: { kind: string; findings: JsonFinding[] }[] }).files[0]!;
    expect({ code: r.code, kind: file.kind, failed: file.findings.filter((f) => f.code === 'check-failed').map((f) => f.message) }).toEqual({ code: 1, kind: 'mobileconfig', failed: [] });
    expect(file.findings.filter((f) => f.code === 'unknown-key').length).toBeGreaterThan(100);
    expect(r.stdout).not.toMatch(/RangeError|call stack/);
  });

  test('import reads it, leaves the unknown keys out and keeps the real one', () => {
    const r = runBin(['import', name, '--json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { kind?: string; error?: string; profile?: { settings: Record<string, unknown> }; warnings?: JsonFinding[] };
    expect({ code: r.code, kind: out.kind, error: out.error }).toEqual({ code: 1, kind: 'mobileconfig', error: undefined });
    expect(out.profile?.settings).toEqual({ [K.inferenceProvider]: 'gateway' });
    expect(out.warnings?.filter((f) => f.code === 'import-unknown-key').length).toBeGreaterThan(100);
    expect(r.stdout).not.toMatch(/RangeError|call stack/);
  });
});

/**
 * `import` names each secret it keeps literally at its own place: for the managed MCP servers
 * that is every header value, stdio environment value and OAuth client secret
 * (`settings.<key>[0].headers.Authorization`), as for the custom inference headers; never the
 * server's name, and never the value. Also: an invalid identifier is reported once, naming
 * where it came from (the file, or --identifier).
 */
import { buildArtifacts } from '../../lib/build';
import { importArtifact } from '../../lib/import';
import { loadExamples } from '../support/examples';
import { K } from '../support/keys';
import { runCli } from '../support/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOW = new Date('2026-11-25T12:00:00Z');
const SECRETS = ['mcp-header-SECRET-1111', 'mcp-header-SECRET-2222', 'mcp-env-SECRET-3333', 'mcp-oauth-SECRET-4444', 'custom-header-SECRET-5555'];
const gateway = loadExamples().find((e) => e.file === 'litellm.profile.json') ?? loadExamples()[0]!;

/** The example with MCP servers whose secrets are literal values. */
const profile = {
  ...gateway.profile,
  settings: {
    ...gateway.profile.settings,
    [K.inferenceCustomHeaders]: { 'X-Org-Token': SECRETS[4] },
    [K.managedMcpServers]: [
      { name: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: SECRETS[0], 'X-Api-Key': SECRETS[1] }, toolPolicy: { '*': 'ask' } },
      { name: 'local', transport: 'stdio', command: '/usr/local/bin/mcp-local', args: ['--flag'], env: { TOKEN: SECRETS[2] } },
      { name: 'sso', transport: 'http', url: 'https://mcp2.example.com/mcp', oauth: { clientId: 'claude-desktop', clientSecret: SECRETS[3], authorizationServer: ['https://login.example.com'] } },
    ],
  },
};

function builtMobileconfig(): Buffer {
  const files = buildArtifacts(profile, { env: gateway.env, now: NOW }).files;
  return files.find((f) => f.path.endsWith('.mobileconfig') && !f.path.endsWith('.signed.mobileconfig'))!.bytes;
}

describe('import-literal-secret locations', () => {
  test('one warning at each secret leaf of the MCP servers, none at a server name; the values never shown', () => {
    const r = importArtifact(builtMobileconfig(), { fileName: 'acme.mobileconfig', now: NOW });
    const secrets = r.warnings.filter((w) => w.code === 'import-literal-secret');
    const mcp = secrets.filter((w) => w.key === K.managedMcpServers).map((w) => w.path);
    expect(mcp).toEqual([
      `settings.${K.managedMcpServers}[0].headers.Authorization`,
      `settings.${K.managedMcpServers}[0].headers["X-Api-Key"]`,
      `settings.${K.managedMcpServers}[1].env.TOKEN`,
      `settings.${K.managedMcpServers}[2].oauth.clientSecret`,
    ]);
    expect(secrets.some((w) => /\.name$/.test(w.path))).toBe(false);
    // The custom inference headers as before: at the header's value.
    expect(secrets.filter((w) => w.key === K.inferenceCustomHeaders).map((w) => w.path)).toEqual([`settings.${K.inferenceCustomHeaders}["X-Org-Token"]`]);
    // A key secret as a whole: at the key, with an env name to use.
    const top = secrets.find((w) => w.key === K.inferenceGatewayApiKey);
    if (top) expect(top.path).toBe(`settings.${K.inferenceGatewayApiKey}`);
    for (const w of secrets.filter((x) => x.key === K.managedMcpServers)) {
      expect(w.message).toContain(w.path.replace(/^settings\./, ''));
      expect(w.hint).toMatch(/\{"env": "NAME"\}/);
    }
    // The values are kept in the profile, and appear in no finding.
    expect(r.text).toContain(SECRETS[3]);
    const said = JSON.stringify([r.warnings, r.changes, r.validation]);
    for (const s of SECRETS) expect(said).not.toContain(s);
  });

  test('a field of a server the catalogue does not know is taken as a credential: warned at its place, never shown (mutation gap IM15)', () => {
    const token = 'mcp-unknown-field-SECRET-6666';
    const entry = JSON.stringify({ [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.managedMcpServers]: [{ name: 'docs', transport: 'http', url: 'https://mcp.example.com/mcp', apiToken: token }] });
    const r = importArtifact(Buffer.from(entry), { fileName: 'c0ffee00-0000-4000-8000-000000000000.json', now: NOW });
    expect(r.warnings.filter((w) => w.code === 'import-literal-secret').map((w) => w.path)).toEqual([`settings.${K.managedMcpServers}[0].apiToken`]);
    expect(JSON.stringify([r.warnings, r.changes, r.validation])).not.toContain(token);
  });

  test('through the CLI (text and --json): the locations, never the values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-import-secrets-'));
    try {
      writeFileSync(join(dir, 'acme.mobileconfig'), builtMobileconfig());
      const text = await runCli(['import', 'acme.mobileconfig', '--out', 'p.json'], { cwd: dir });
      expect(text.stderr).toContain(`settings.${K.managedMcpServers}[0].headers.Authorization`);
      expect(text.stderr).toContain(`settings.${K.managedMcpServers}[2].oauth.clientSecret`);
      const json = await runCli(['import', 'acme.mobileconfig', '--json', '--out', 'q.json'], { cwd: dir });
      expect(json.stdout).toContain(`settings.${K.managedMcpServers}[1].env.TOKEN`);
      for (const s of SECRETS) {
        expect(text.stdout + text.stderr).not.toContain(s);
        expect(json.stdout + json.stderr).not.toContain(s);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an identifier that is not reverse-DNS', () => {
  const mc = (): Buffer => buildArtifacts(gateway.profile, { env: gateway.env, now: NOW, formats: ['mobileconfig'] }).files.find((f) => f.path.endsWith('.mobileconfig'))!.bytes;

  test('given with --identifier: one warning that names --identifier, not the file', () => {
    const r = importArtifact(mc(), { fileName: 'a.mobileconfig', identifier: 'not valid', now: NOW });
    const about = r.warnings.filter((w) => w.path === 'identifier');
    expect(about.map((w) => w.code)).toEqual(['import-identifier']);
    expect(about[0]!.message).toMatch(/identifier given \("not valid"\)/);
    expect(about[0]!.message).not.toMatch(/file's/);
    expect(about[0]!.message).toContain(r.profile.identifier);
  });

  test('from the file: one warning that names the file\'s identifier and the placeholder used', () => {
    const bad = Buffer.from(mc().toString('utf8').split(`<string>${gateway.profile.identifier}</string>`).join('<string>not valid</string>'));
    const r = importArtifact(bad, { fileName: 'a.mobileconfig', now: NOW });
    const about = r.warnings.filter((w) => w.path === 'identifier');
    expect(about.map((w) => w.code)).toEqual(['import-identifier']);
    expect(about[0]!.message).toMatch(/the file's identifier "not valid"/);
    expect(about[0]!.hint).toMatch(/--identifier/);
  });
});

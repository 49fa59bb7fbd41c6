/**
 * The gateway URL may be plain http:// to a loopback address: the app's own check reads "must use
 * https (or http on loopback)" (quoted in gateway vendors' docs), which the reference's "must be
 * https://" leaves out. Its loopback hosts are exactly 127.0.0.1, [::1] and localhost as written
 * (the app's bundled config schema). Such a URL is accepted with a warning (every device must run
 * the proxy); other ways of writing loopback are refused with those hosts as the fix. Every other
 * URL key stays https-only.
 */
import { buildArtifacts } from '../../lib/build';
import { CATALOG } from '../../lib/catalog';
import { egressHosts } from '../../lib/egress';
import { prepareProfile, validateProfile, type Finding } from '../../lib/validate';
import { check, codes as checkCodes, mobileconfig, BASE, json } from '../check/support';
import { K } from '../support/keys';
import { describeIfTool, readPlistWithPlistlib } from '../support/validators';

const NOW = new Date('2026-11-25T12:00:00Z');
const at = `settings.${K.inferenceGatewayBaseUrl}`;

function gatewayAt(url: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'local', identifier: 'com.example.local',
    settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: url, [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }], ...more },
  };
}
const findingsAt = (fs: readonly Finding[], path: string) => fs.filter((f) => f.path === path).map((f) => `${f.severity}:${f.code}`);

describe('validate: the gateway URL', () => {
  test.each(['http://127.0.0.1:8787', 'http://127.0.0.1:4000/anthropic/v1', 'http://localhost:4000', 'http://localhost', 'http://[::1]:8080/'])('%s: accepted, with a warning naming the loopback host', (url) => {
    const r = validateProfile(gatewayAt(url), { now: NOW });
    expect(r.ok).toBe(true);
    expect(findingsAt(r.findings, at)).toEqual(['warning:http-loopback']);
    const w = r.findings.find((f) => f.code === 'http-loopback')!;
    expect(w.message).toContain(new URL(url).host);
    expect(w.hint).toMatch(/every device runs that proxy/);
  });

  test('https:// to a loopback address needs no warning', () => {
    const r = validateProfile(gatewayAt('https://127.0.0.1:8443'), { now: NOW });
    expect(findingsAt(r.findings, at)).toEqual([]);
  });


  test.each(['http://LOCALHOST/v1', 'http://gw.localhost:80', 'http://127.1:8080', 'http://0x7f.0.0.1/', 'http://127.0.0.2:8080', 'http://127.10.0.254'])('%s: refused, with the hosts to write as the fix', (url) => {
    const r = validateProfile(gatewayAt(url), { now: NOW });
    expect(r.ok).toBe(false);
    expect(findingsAt(r.findings, at)).toEqual(['error:not-https']);
    expect(r.findings.find((f) => f.path === at)!.hint).toMatch(/write the host as 127\.0\.0\.1, \[::1\] or localhost/);
  });

  // A host that only starts like a loopback address, or that the URL parser would turn into one
  // (127.1, hex, octal): the app's check is on the address as written, so none of these pass.
  test.each(['http://gw.example.com', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://10.0.0.1:8080', 'http://[::2]/', 'http://127.0.0.1@gw.example.com'])('%s: refused', (url) => {
    const r = validateProfile(gatewayAt(url), { now: NOW });
    expect(r.ok).toBe(false);
    const got = findingsAt(r.findings, at);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((c) => c.startsWith('error:'))).toBe(true);
    expect(got).not.toContain('warning:http-loopback');
  });

  test('every other URL key stays https-only, loopback or not', () => {
    const others = CATALOG.filter((k) => k.type === 'string' && k.format === 'https-url');
    expect(others.length).toBeGreaterThan(3);
    for (const key of others) {
      const r = validateProfile(gatewayAt('https://gw.example.com', { [key.name]: 'http://127.0.0.1:8080' }), { now: NOW });
      expect(findingsAt(r.findings, `settings.${key.name}`).filter((c) => c.startsWith('error:'))).toEqual(['error:not-https']);
    }
  });
});

describe('build and egress', () => {
  const url = 'http://127.0.0.1:8787/v1';

  test('the firewall list names the loopback port and says no firewall rule is needed for it', () => {
    const { profile } = prepareProfile(gatewayAt(url), { now: NOW });
    const local = egressHosts(profile).filter((h) => h.host === '127.0.0.1');
    expect(local).toHaveLength(1);
    expect(local[0]!.port).toBe(8787);
    expect(local[0]!.why).toMatch(/loopback: a service on each device, which needs no firewall rule itself/);
  });

  describeIfTool(['python3'])('the built profile carries the URL as written', () => {
    test('plistlib reads it back from the .mobileconfig', () => {
      const result = buildArtifacts(gatewayAt(url), { now: NOW, formats: ['mobileconfig'] });
      expect(result.warnings.map((w) => w.code)).toContain('http-loopback');
      const file = result.files.find((f) => f.path.endsWith('.mobileconfig'))!;
      const plist = readPlistWithPlistlib(file.bytes) as { PayloadContent: Record<string, unknown>[] };
      expect(plist.PayloadContent[0]![K.inferenceGatewayBaseUrl]).toBe(url);
    });
  });
});

describe('check: deployed files', () => {
  test('a .mobileconfig with a loopback http gateway gets the warning, not an error', () => {
    const r = check(mobileconfig({ ...BASE, [K.inferenceGatewayBaseUrl]: 'http://127.0.0.1:8787' }), 'local.mobileconfig');
    expect(checkCodes(r)).toContain('warning:http-loopback');
    expect(r.errors).toBe(0);
  });

  test('a Jamf schema may pre-fill a loopback http default, not any other http default', () => {
    const schema = (def: string) => check(json({ title: 'Claude', properties: { [K.inferenceGatewayBaseUrl]: { type: 'string', title: 'x', default: def } } }), 'schema.json');
    expect(checkCodes(schema('http://127.0.0.1:8787'))).not.toContain('error:not-https');
    const refused = schema('http://proxy.example.com:8787');
    expect(checkCodes(refused)).toContain('error:not-https');
    expect(refused.findings.find((f) => f.code === 'not-https')!.hint).toMatch(/only to 127\.0\.0\.1, \[::1\] or localhost/);
    expect(checkCodes(schema('http://localhost:8787'))).not.toContain('error:not-https');
  });
});

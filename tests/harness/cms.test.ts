import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  TOOLS,
  checkPlistWithPlistlib,
  describeIfTool,
  makeTestPki,
  opensslCmsSign,
  opensslCmsVerify,
  type TestPki,
} from '../support/validators';
import { GOOD_PLIST } from './samples';

/** `openssl x509 -noout ARGS` on a PEM, stdout text. */
function x509(pem: string, ...args: string[]): string {
  const r = spawnSync('openssl', ['x509', '-noout', ...args], { input: pem });
  return r.stdout.toString('utf8') + r.stderr.toString('utf8');
}

/** `openssl verify` a leaf against the root with the intermediate as untrusted. */
function verifyChain(pki: TestPki, leafPem: string, extra: string[] = []): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cgp-harness-'));
  try {
    fs.writeFileSync(path.join(dir, 'ca.pem'), pki.caPem);
    fs.writeFileSync(path.join(dir, 'int.pem'), pki.intPem);
    fs.writeFileSync(path.join(dir, 'leaf.pem'), leafPem);
    const r = spawnSync('openssl', ['verify', ...extra, '-CAfile', 'ca.pem', '-untrusted', 'int.pem', 'leaf.pem'], { cwd: dir });
    return { ok: r.status === 0, output: r.stdout.toString('utf8') + r.stderr.toString('utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeIfTool(TOOLS.cms)('harness: makeTestPki + opensslCmsVerify', () => {
  let pki: TestPki;
  const content = Buffer.from(GOOD_PLIST, 'utf8');

  beforeAll(() => {
    pki = makeTestPki();
  });

  test('chain: root → intermediate → leaf, with the intended EKUs', () => {
    expect(verifyChain(pki, pki.leafPem).ok).toBe(true);
    expect(verifyChain(pki, pki.ecLeafPem).ok).toBe(true);
    expect(verifyChain(pki, pki.noEkuLeafPem).ok).toBe(true);
    expect(x509(pki.leafPem, '-ext', 'extendedKeyUsage')).toContain('Code Signing');
    expect(x509(pki.ecLeafPem, '-ext', 'extendedKeyUsage')).toContain('Code Signing');
    expect(x509(pki.noEkuLeafPem, '-ext', 'extendedKeyUsage')).toContain('No extensions');
    expect(x509(pki.serverAuthLeafPem, '-ext', 'extendedKeyUsage')).toMatch(/TLS Web Server Authentication\s*$/);
    expect(x509(pki.ecLeafPem, '-text')).toMatch(/NIST CURVE: P-256|prime256v1/);
    expect(x509(pki.intPem, '-ext', 'basicConstraints')).toContain('CA:TRUE, pathlen:0');
  });

  test('good certificates start a day back, so a clock stepped back after they were issued still finds them valid', () => {
    const dayAgo = Date.now() - 86_400_000;
    for (const pem of [pki.caPem, pki.intPem, pki.leafPem, pki.ecLeafPem, pki.noEkuLeafPem, pki.serverAuthLeafPem]) {
      const cert = new X509Certificate(pem);
      expect(Math.abs(Date.parse(cert.validFrom) - dayAgo)).toBeLessThan(3_600_000);
      expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 3649 * 86_400_000);
    }
  });

  test('expired leaf: dates in 2020, chain check says expired', () => {
    expect(x509(pki.expiredLeafPem, '-enddate')).toContain('notAfter=Feb  1 00:00:00 2020 GMT');
    const r = verifyChain(pki, pki.expiredLeafPem);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('certificate has expired');
  });

  test('encrypted leaf key is AES-256 PKCS#8 and opens with the passphrase only', () => {
    expect(pki.leafKeyEncryptedPem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const asn1 = spawnSync('openssl', ['asn1parse'], { input: pki.leafKeyEncryptedPem }).stdout.toString('utf8');
    expect(asn1).toContain('aes-256-cbc');
    const good = spawnSync('openssl', ['pkey', '-passin', `pass:${pki.passphrase}`], { input: pki.leafKeyEncryptedPem });
    expect(good.status).toBe(0);
    const bad = spawnSync('openssl', ['pkey', '-passin', 'pass:wrong'], { input: pki.leafKeyEncryptedPem });
    expect(bad.status).not.toBe(0);
  });

  test('good signature verifies and yields the exact content', () => {
    const signed = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
    const r = opensslCmsVerify(signed, pki.caPem);
    expect(r.output).toContain('Verification successful');
    expect(r.ok).toBe(true);
    expect(r.content?.equals(content)).toBe(true);
    expect(checkPlistWithPlistlib(r.content!).ok).toBe(true);
  });

  test('-noattr signatures are byte-identical across runs', () => {
    const a = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
    const b = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
    expect(a.equals(b)).toBe(true);
  });

  test('a tampered content byte fails, with and without the chain check', () => {
    const signed = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
    const at = signed.indexOf(Buffer.from('com.example.claude.settings'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered[at] = 'C'.charCodeAt(0);
    const r = opensslCmsVerify(tampered, pki.caPem);
    expect(r.ok).toBe(false);
    expect(r.content).toBeUndefined();
    expect(r.output).toMatch(/bad signature|content verify error/i);
    expect(opensslCmsVerify(tampered, pki.caPem, { noverify: true }).ok).toBe(false);
  });

  test('wrong root and missing intermediate fail; -noverify skips only the chain', () => {
    const other = makeTestPki();
    const signed = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
    const wrongRoot = opensslCmsVerify(signed, other.caPem);
    expect(wrongRoot.ok).toBe(false);
    expect(wrongRoot.output).toContain('unable to get local issuer certificate');
    expect(opensslCmsVerify(signed, other.caPem, { noverify: true }).ok).toBe(true);
    const noInt = opensslCmsSign(content, pki.leafPem, pki.leafKeyPem, { noattr: true });
    expect(opensslCmsVerify(noInt, pki.caPem).ok).toBe(false);
  });

  test('signature by the expired leaf fails verification', () => {
    const signed = opensslCmsSign(content, pki.expiredLeafPem, pki.expiredLeafKeyPem, { certfilePem: pki.intPem });
    const r = opensslCmsVerify(signed, pki.caPem);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('certificate has expired');
  });

  test('EC leaf, encrypted key and EKU-less leaf all sign verifiably (-purpose any)', () => {
    for (const [leaf, key, passphrase] of [
      [pki.ecLeafPem, pki.ecLeafKeyPem, undefined],
      [pki.leafPem, pki.leafKeyEncryptedPem, pki.passphrase],
      [pki.noEkuLeafPem, pki.noEkuLeafKeyPem, undefined],
    ] as const) {
      const signed = opensslCmsSign(content, leaf, key, { certfilePem: pki.intPem, passphrase });
      const r = opensslCmsVerify(signed, pki.caPem);
      expect(r.output).toContain('Verification successful');
      expect(r.content?.equals(content)).toBe(true);
    }
  });

  test('makeTestPki(dir) keeps its files in the given folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cgp-harness-pki-'));
    try {
      const kept = makeTestPki(dir);
      expect(fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8')).toBe(kept.leafPem);
      expect(kept.leafPem).not.toBe(pki.leafPem);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The trust and attribute checks of `verifySignedProfile` that the signing tests do not reach:
 * a certificate not yet valid at the reference time, a signer certificate given itself as the
 * trust anchor, an issuer in the chain without the CA flag, and a signed contentType attribute
 * that names another type than the content. The certificates and signatures come from OpenSSL and
 * node-forge (not from our signer), and OpenSSL's verdict is checked beside ours where it has one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { parseSignedProfile, signMobileconfig, verifySignedProfile } from '../../lib/sign';
import { buildMobileconfig } from '../../lib/writers/mobileconfig';
import { loadExamples } from '../support/examples';
import { TOOLS, describeIfTool, makeTestPki, opensslCmsVerify, type TestPki } from '../support/validators';
import { openssl } from './support';

const codes = (v: ReturnType<typeof verifySignedProfile>) => v.findings.map((f) => `${f.severity}:${f.code}`);

describeIfTool(TOOLS.cms)('verifySignedProfile: trust anchors, validity and the chain', () => {
  let pki: TestPki;
  let unsigned: Buffer;
  let signed: Buffer;

  beforeAll(() => {
    pki = makeTestPki();
    unsigned = buildMobileconfig(loadExamples()[0]!.resolved);
    signed = signMobileconfig(unsigned, { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;
  });

  test('judged before the certificates were issued: every certificate of the path is not valid yet (a warning; the signature still verifies)', () => {
    const v = verifySignedProfile(parseSignedProfile(signed), { caPem: pki.caPem, now: new Date('2001-01-01T00:00:00Z') });
    expect(codes(v)).toEqual(['warning:certificate-not-valid-now', 'warning:certificate-not-valid-now', 'warning:certificate-not-valid-now']);
    expect(v.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('"CN=Test Profile Signer" is valid only from'),
      expect.stringContaining('"CN=Test Intermediate" is valid only from'),
      expect.stringContaining('"CN=Test Root CA" is valid only from'),
    ]);
    expect(v.ok).toBe(true);
    expect(codes(verifySignedProfile(parseSignedProfile(signed), { caPem: pki.caPem }))).toEqual([]);
  });

  test('the signer certificate itself given as the trust anchor is trusted, as an intermediate is', () => {
    const v = verifySignedProfile(parseSignedProfile(signed), { caPem: pki.leafPem });
    expect(v.findings).toEqual([]);
    expect(v.ok).toBe(true);
    // Another certificate is not: the anchor must be on the path.
    expect(codes(verifySignedProfile(parseSignedProfile(signed), { caPem: pki.noEkuLeafPem }))).toEqual(['error:signature-untrusted']);
  });

  test('a certificate without the CA flag that issues the signer breaks the chain: chain-not-ca, as OpenSSL refuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-not-ca-'));
    try {
      const file = (name: string, text: string): string => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const ssl = (...args: string[]): void => {
        const r = openssl(args);
        if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}:\n${r.output}`);
      };
      const keyIds = 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n';
      // An end-entity certificate (CA:FALSE, no keyUsage, so OpenSSL still matches it as an issuer) ...
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'fake.key'), '-out', join(dir, 'fake.csr'), '-subj', '/CN=Test Not A CA');
      ssl('x509', '-req', '-in', join(dir, 'fake.csr'), '-CA', file('int.pem', pki.intPem), '-CAkey', file('int.key', pki.intKeyPem), '-set_serial', '4242', '-days', '30', '-extfile', file('fake.ext', `basicConstraints=CA:FALSE\n${keyIds}`), '-out', join(dir, 'fake.pem'));
      // ... that issues the signer.
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'leaf.key'), '-out', join(dir, 'leaf.csr'), '-subj', '/CN=Test Signer Under A Non-CA');
      ssl('x509', '-req', '-in', join(dir, 'leaf.csr'), '-CA', join(dir, 'fake.pem'), '-CAkey', join(dir, 'fake.key'), '-set_serial', '4243', '-days', '30', '-extfile', file('leaf.ext', `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n${keyIds}`), '-out', join(dir, 'leaf.pem'));
      const fakePem = readFileSync(join(dir, 'fake.pem'), 'utf8');
      const der = signMobileconfig(unsigned, { certificatePem: readFileSync(join(dir, 'leaf.pem'), 'utf8'), privateKeyPem: readFileSync(join(dir, 'leaf.key'), 'utf8'), chainPem: fakePem + pki.intPem }).signed;

      const v = verifySignedProfile(parseSignedProfile(der), { caPem: pki.caPem });
      expect(codes(v)).toEqual(['error:chain-not-ca']);
      expect(v.findings[0]?.message).toBe('certificate "CN=Test Not A CA" issues another certificate but is not a CA');
      expect(v.ok).toBe(false);
      const o = opensslCmsVerify(der, pki.caPem);
      expect(o.ok).toBe(false);
      expect(o.output).toMatch(/invalid CA certificate/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a signed contentType attribute that names another type than the content is content-type-mismatch', () => {
    // node-forge writes the attribute with whatever value it is given; the content stays id-data.
    const signWith = (contentType: string): Buffer => {
      const p7 = forge.pkcs7.createSignedData();
      p7.content = forge.util.createBuffer(unsigned.toString('binary'));
      const leaf = forge.pki.certificateFromPem(pki.leafPem);
      p7.addCertificate(leaf);
      p7.addCertificate(forge.pki.certificateFromPem(pki.intPem));
      p7.addSigner({
        key: forge.pki.privateKeyFromPem(pki.leafKeyPem),
        certificate: leaf,
        digestAlgorithm: forge.pki.oids.sha256!,
        authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: contentType }, { type: forge.pki.oids.messageDigest! }],
      });
      p7.sign();
      return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    };
    // The control: the same signer with the right attribute verifies without a finding.
    const good = verifySignedProfile(parseSignedProfile(signWith(forge.pki.oids.data!)), { caPem: pki.caPem });
    expect(good.findings).toEqual([]);
    const bad = verifySignedProfile(parseSignedProfile(signWith(forge.pki.oids.signedData!)), { caPem: pki.caPem });
    expect(codes(bad)).toEqual(['error:content-type-mismatch']);
    expect(bad.ok).toBe(false);
  });
});

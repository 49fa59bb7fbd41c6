import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OID, SigningError, createProfileSigner, parseSignedProfile, signMobileconfig, verifySignedProfile } from '../../lib/sign';
import { buildArtifacts } from '../../lib/build';
import { ProfileValidationError } from '../../lib/validate/findings';
import { buildMobileconfig } from '../../lib/writers/mobileconfig';
import { macosOutputs } from '../../lib/writers/macos';
import { loadExamples, loadFixtureProfile } from '../support/examples';
import { TOOLS, checkPlistWithPlistlib, describeIfTool, makeTestPki, opensslCmsSign, opensslCmsVerify, type TestPki } from '../support/validators';
import { openssl } from './support';

describeIfTool([...TOOLS.cms, ...TOOLS.plist])('CMS signing of .mobileconfig', () => {
  let pki: TestPki;
  let unsigned: Buffer;
  let signed: Buffer;
  const opts = (): { certificatePem: string; privateKeyPem: string; chainPem: string } => ({ certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem });

  beforeAll(() => {
    pki = makeTestPki();
    unsigned = buildMobileconfig(loadFixtureProfile('hostile.profile.json').resolved, { payloadForm: 'mcx' });
    signed = signMobileconfig(unsigned, opts()).signed;
  });

  test('openssl cms -verify against the root accepts it; extracted content equals the unsigned bytes', () => {
    const v = opensslCmsVerify(signed, pki.caPem);
    expect(v.output).toContain('Verification successful');
    expect(v.ok).toBe(true);
    expect(v.content!.equals(unsigned)).toBe(true);
    expect(checkPlistWithPlistlib(v.content!).ok).toBe(true);
  });

  test('every example signs and verifies', () => {
    for (const { resolved } of loadExamples()) {
      const bytes = buildMobileconfig(resolved);
      const v = opensslCmsVerify(signMobileconfig(bytes, opts()).signed, pki.caPem);
      expect(v.ok).toBe(true);
      expect(v.content!.equals(bytes)).toBe(true);
    }
  });

  test('a tampered content byte fails (also with -noverify)', () => {
    const at = signed.indexOf(Buffer.from('<key>PayloadScope</key>'));
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(signed);
    bad[at + 5] = 'X'.charCodeAt(0);
    expect(opensslCmsVerify(bad, pki.caPem).ok).toBe(false);
    const nv = opensslCmsVerify(bad, pki.caPem, { noverify: true });
    expect(nv.ok).toBe(false);
    expect(nv.output).toMatch(/digest failure|bad signature|verify error/i);
  });

  test('the chain is embedded: the root alone verifies; without the chain it does not', () => {
    const parsed = parseSignedProfile(signed);
    expect(parsed.certificates.map((c) => c.subject).sort()).toEqual(['CN=Test Intermediate', 'CN=Test Profile Signer']);
    const printed = openssl(['pkcs7', '-inform', 'DER', '-print_certs', '-noout'], signed).output;
    expect(printed).toContain('subject=CN = Test Profile Signer');
    expect(printed).toContain('subject=CN = Test Intermediate');
    const noChain = signMobileconfig(unsigned, { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem });
    expect(noChain.warnings.map((w) => w.code)).toContain('chain-incomplete');
    const v = opensslCmsVerify(noChain.signed, pki.caPem);
    expect(v.ok).toBe(false);
    expect(v.output).toContain('unable to get local issuer certificate');
  });

  test('two signatures of the same input are byte-identical (also from an encrypted key)', () => {
    expect(signMobileconfig(unsigned, opts()).signed.equals(signed)).toBe(true);
    const enc = signMobileconfig(unsigned, { ...opts(), privateKeyPem: pki.leafKeyEncryptedPem, passphrase: pki.passphrase });
    expect(enc.signed.equals(signed)).toBe(true);
    const signer = createProfileSigner(opts());
    expect(signer.deterministic).toBe(true);
    expect(signer.sign(unsigned).equals(signed)).toBe(true);
  });

  test('signed attributes are exactly contentType and messageDigest (no signingTime); DER; SHA-256', () => {
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], signed);
    expect(printed.status).toBe(0);
    expect(printed.output).not.toContain('signingTime');
    expect(printed.output).toContain('contentType');
    expect(printed.output).toContain('messageDigest');
    const [signer] = parseSignedProfile(signed).signers;
    expect([...signer!.attributes.keys()]).toEqual([OID.contentType, OID.messageDigest]);
    expect(signer!.digestAlgorithm).toBe(OID.sha256);
    expect(signer!.signatureAlgorithm).toBe(OID.rsaEncryption);
    // openssl asn1parse in strict DER mode would refuse indefinite lengths; the round trip through -outform DER is identical.
    const reencoded = openssl(['cms', '-cmsout', '-inform', 'DER', '-outform', 'DER'], signed);
    expect(reencoded.stdout.equals(signed)).toBe(true);
  });

  test('key/certificate mismatch, missing and wrong passphrase give clear errors', () => {
    const err = (o: Parameters<typeof signMobileconfig>[1]): SigningError => {
      try {
        signMobileconfig(unsigned, o);
      } catch (e) {
        return e as SigningError;
      }
      throw new Error('did not throw');
    };
    const mismatch = err({ certificatePem: pki.leafPem, privateKeyPem: pki.noEkuLeafKeyPem });
    expect(mismatch).toBeInstanceOf(SigningError);
    expect(mismatch.code).toBe('key-mismatch');
    expect(mismatch.message).toMatch(/private key does not match the certificate "CN=Test Profile Signer"/);
    expect(err({ certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyEncryptedPem }).message).toBe('private key is encrypted: give its passphrase');
    const wrong = err({ certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyEncryptedPem, passphrase: 'not-the-passphrase' });
    expect(wrong.code).toBe('wrong-passphrase');
    expect(wrong.message).toMatch(/passphrase does not decrypt/);
    expect(wrong.message).not.toContain('not-the-passphrase');
    expect(err({ certificatePem: 'nothing here', privateKeyPem: pki.leafKeyPem }).code).toBe('no-certificate');
    expect(err({ certificatePem: pki.leafPem, privateKeyPem: 'garbage' }).code).toBe('bad-key');
    expect(() => signMobileconfig(signed, opts())).toThrow(/already a signed/);
  });

  test('buildArtifacts reports material that cannot sign as a signing-<code> finding, without the key or passphrase', () => {
    const { profile, env } = loadExamples()[0]!;
    const findings = (signing: { certificatePem: string; privateKeyPem: string; passphrase?: string }): { code: string; path: string; message: string }[] => {
      try {
        buildArtifacts(profile, { env, signing });
      } catch (e) {
        expect(e).toBeInstanceOf(ProfileValidationError);
        return (e as ProfileValidationError).findings.filter((f) => f.severity === 'error');
      }
      throw new Error('did not throw');
    };
    const mismatch = findings({ certificatePem: pki.leafPem, privateKeyPem: pki.noEkuLeafKeyPem });
    expect(mismatch.map((f) => [f.code, f.path])).toEqual([['signing-key-mismatch', 'signing']]);
    const wrong = findings({ certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyEncryptedPem, passphrase: 'not-the-passphrase' });
    expect(wrong.map((f) => f.code)).toEqual(['signing-wrong-passphrase']);
    const text = JSON.stringify([mismatch, wrong]);
    expect(text).not.toContain('not-the-passphrase');
    expect(text).not.toContain(pki.noEkuLeafKeyPem.split('\n')[1]!);
  });

  test('macosOutputs with signing: the Intune Graph body carries the unsigned profile, which plistlib reads', () => {
    const { resolved } = loadFixtureProfile('hostile.profile.json');
    const out = macosOutputs(resolved, { signing: opts() });
    const unsignedFile = out.artifacts.find((a) => a.path === `macos/${resolved.name}.mobileconfig`)!.bytes;
    expect(out.artifacts.some((a) => a.path === `macos/${resolved.name}.signed.mobileconfig`)).toBe(true);
    const graph = JSON.parse(out.artifacts.find((a) => a.path.endsWith('.macos-custom-configuration.json'))!.bytes.toString('utf8')) as { payload: string; payloadFileName: string };
    const payload = Buffer.from(graph.payload, 'base64');
    expect(payload.equals(unsignedFile)).toBe(true);
    expect(graph.payloadFileName).toBe(`${resolved.name}.mobileconfig`);
    expect(checkPlistWithPlistlib(payload).ok).toBe(true);
  });

  test('one signing object changed between builds is read again: a wrong passphrase or key set later is refused', () => {
    const { profile, env } = loadExamples()[0]!;
    const codes = (signing: { certificatePem: string; privateKeyPem: string; passphrase?: string }): string[] => {
      try {
        buildArtifacts(profile, { env, signing, formats: ['mobileconfig'] });
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ProfileValidationError);
        return (e as ProfileValidationError).findings.filter((f) => f.severity === 'error').map((f) => f.code);
      }
    };
    // A bulk build passes the same object to every profile; the signer made for it is kept, but only while it is unchanged.
    const signing = { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyEncryptedPem, passphrase: pki.passphrase };
    expect(codes(signing)).toEqual([]);
    signing.passphrase = 'not-the-passphrase';
    expect(codes(signing)).toEqual(['signing-wrong-passphrase']);
    signing.passphrase = pki.passphrase;
    expect(codes(signing)).toEqual([]);
    signing.privateKeyPem = pki.noEkuLeafKeyPem;
    expect(codes(signing)).toEqual(['signing-key-mismatch']);
  });

  test('expired, EKU-less and serverAuth-only certificates sign with warnings', () => {
    const expired = signMobileconfig(unsigned, { certificatePem: pki.expiredLeafPem, privateKeyPem: pki.expiredLeafKeyPem, chainPem: pki.intPem });
    expect(expired.warnings.map((w) => w.code)).toEqual(['certificate-expired']);
    expect(expired.warnings[0]!.message).toContain('expired on 2020-02-01');
    expect(expired.warnings[0]!.severity).toBe('warning');
    const noEku = signMobileconfig(unsigned, { certificatePem: pki.noEkuLeafPem, privateKeyPem: pki.noEkuLeafKeyPem, chainPem: pki.intPem });
    expect(noEku.warnings.map((w) => w.code)).toEqual(['certificate-eku']);
    expect(noEku.warnings[0]!.message).toContain('has no extended key usage');
    const tls = signMobileconfig(unsigned, { certificatePem: pki.serverAuthLeafPem, privateKeyPem: pki.serverAuthLeafKeyPem, chainPem: pki.intPem });
    expect(tls.warnings[0]!.message).toContain('allows neither code signing nor email protection');
    expect(signMobileconfig(unsigned, opts()).warnings).toEqual([]);
    // Validity is judged at `now`, which never changes the bytes.
    const past = signMobileconfig(unsigned, { ...opts(), now: new Date('2000-01-01T00:00:00Z') });
    expect(past.warnings.map((w) => w.code)).toEqual(['certificate-not-yet-valid', 'certificate-not-yet-valid']);
    expect(past.signed.equals(signed)).toBe(true);
    expect(opensslCmsVerify(noEku.signed, pki.caPem).ok).toBe(true);
  });

  test('EC P-256 keys sign (ECDSA, verifies with openssl) with a warning that bytes differ per run', () => {
    const a = signMobileconfig(unsigned, { certificatePem: pki.ecLeafPem, privateKeyPem: pki.ecLeafKeyPem, chainPem: pki.intPem });
    expect(a.warnings.map((w) => w.code)).toEqual(['ecdsa-not-deterministic']);
    const v = opensslCmsVerify(a.signed, pki.caPem);
    expect(v.ok).toBe(true);
    expect(v.content!.equals(unsigned)).toBe(true);
    expect(parseSignedProfile(a.signed).signers[0]!.signatureAlgorithm).toBe(OID.ecdsaWithSha256);
    expect(verifySignedProfile(parseSignedProfile(a.signed), { caPem: pki.caPem }).ok).toBe(true);
  });

  describe('verification in JavaScript (Node crypto, no openssl CLI)', () => {
    test('a good signature verifies against the root', () => {
      const parsed = parseSignedProfile(signed);
      expect(parsed.content!.equals(unsigned)).toBe(true);
      const v = verifySignedProfile(parsed, { caPem: pki.caPem });
      expect(v.findings).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.signer).toBe('CN=Test Profile Signer');
    });

    test('a tampered content byte is a digest mismatch; a tampered signature is invalid', () => {
      const bad = Buffer.from(signed);
      bad[signed.indexOf(Buffer.from('<key>PayloadScope</key>')) + 5] = 'X'.charCodeAt(0);
      expect(verifySignedProfile(parseSignedProfile(bad), { caPem: pki.caPem }).findings.map((f) => f.code)).toEqual(['content-digest-mismatch']);
      const badSig = Buffer.from(signed);
      badSig[badSig.length - 10] = badSig[badSig.length - 10]! ^ 0xff;
      const v = verifySignedProfile(parseSignedProfile(badSig), { caPem: pki.caPem });
      expect(v.ok).toBe(false);
      expect(v.findings.map((f) => f.code)).toEqual(['signature-invalid']);
    });

    test('another root or a missing chain is untrusted', () => {
      const other = makeTestPki();
      expect(verifySignedProfile(parseSignedProfile(signed), { caPem: other.caPem }).findings.map((f) => f.code)).toEqual(['signature-untrusted']);
      const noChain = signMobileconfig(unsigned, { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem }).signed;
      expect(verifySignedProfile(parseSignedProfile(noChain), { caPem: pki.caPem }).ok).toBe(false);
      // Trusting the intermediate directly is enough for the chain-less file.
      expect(verifySignedProfile(parseSignedProfile(noChain), { caPem: pki.intPem }).ok).toBe(true);
    });

    test('verifies signatures made by the OpenSSL CLI: with signingTime, -noattr, and BER streaming', () => {
      const withAttrs = opensslCmsSign(unsigned, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem });
      const noAttr = opensslCmsSign(unsigned, pki.leafPem, pki.leafKeyPem, { certfilePem: pki.intPem, noattr: true });
      for (const der of [withAttrs, noAttr]) {
        const parsed = parseSignedProfile(der);
        expect(parsed.content!.equals(unsigned)).toBe(true);
        expect(verifySignedProfile(parsed, { caPem: pki.caPem }).findings).toEqual([]);
      }
      expect(parseSignedProfile(withAttrs).signers[0]!.attributes.has(OID.signingTime)).toBe(true);
      // -stream writes BER with indefinite lengths and a chunked OCTET STRING.
      const dir = mkdtempSync(join(tmpdir(), 'cgp-ber-'));
      try {
        writeFileSync(join(dir, 'in'), unsigned);
        writeFileSync(join(dir, 'leaf.pem'), pki.leafPem);
        writeFileSync(join(dir, 'leaf.key'), pki.leafKeyPem);
        const r = openssl(['cms', '-sign', '-binary', '-nodetach', '-stream', '-md', 'sha256', '-outform', 'DER', '-in', join(dir, 'in'), '-signer', join(dir, 'leaf.pem'), '-inkey', join(dir, 'leaf.key')]);
        expect(r.status).toBe(0);
        const ber = r.stdout;
        expect(ber[1]).toBe(0x80); // indefinite length
        const parsed = parseSignedProfile(ber);
        expect(parsed.content!.equals(unsigned)).toBe(true);
        expect(verifySignedProfile(parsed, { caPem: pki.intPem }).findings).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('expired signer: signature verifies, validity is a warning', () => {
      const der = signMobileconfig(unsigned, { certificatePem: pki.expiredLeafPem, privateKeyPem: pki.expiredLeafKeyPem, chainPem: pki.intPem }).signed;
      const v = verifySignedProfile(parseSignedProfile(der), { caPem: pki.caPem });
      expect(v.ok).toBe(true);
      expect(v.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:certificate-not-valid-now']);
    });
  });
});

/**
 * CMS signing of configuration profiles: DER `ContentInfo` of type signedData with the profile
 * attached, SHA-256, signed attributes exactly contentType + messageDigest (no signingTime, so
 * the output depends only on the input), the signer certificate and its chain embedded.
 *
 * The structure is built with our own DER encoder (`asn1.ts`) and the signature made by Node's
 * crypto (OpenSSL): RSA PKCS#1 v1.5 is deterministic, so the same input gives the same bytes.
 * EC keys work too (ECDSA with SHA-256), but ECDSA uses a random nonce: such signatures verify
 * yet differ on every run, and the result carries a warning saying so.
 */
import { createHash, createPrivateKey, sign, constants, type KeyObject } from 'node:crypto';
import { finding, type Finding } from '../validate/findings';
import { algorithm, contextConstructed, octetString, oid, sequence, setOf, smallInt } from './asn1';
import { bytesArg } from '../arg-check';
import { checkSigningMaterial, SigningError } from '../signing-material';

export { SigningError, checkSigningMaterial } from '../signing-material';
import { certInfo, ekuStatus, pemBlocks, type CertInfo } from './certs';

/** Object identifiers used in the SignedData. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
} as const;

/** What {@link signMobileconfig} needs. PEM text; never logged. */
export interface SigningOptions {
  /** The signer certificate (PEM). Further certificates in the same text are embedded as the chain. */
  certificatePem: string;
  /** The signer's private key (PEM: PKCS#8, PKCS#1 or SEC1; encrypted needs `passphrase`). */
  privateKeyPem: string;
  /** Intermediate certificates to embed (PEM, one or more), so devices can show "Verified". */
  chainPem?: string;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /** The time validity warnings are judged at; default now. Does not change the signed bytes. */
  now?: Date;
}

/** The signed profile and what is worth telling the admin about the certificate. */
export interface SignResult {
  /** DER-encoded CMS SignedData with the profile attached. */
  signed: Buffer;
  /**
   * Warnings, judged at `options.now`: a certificate not yet valid or expired, no code-signing
   * EKU, an issuer not embedded, an EC key (signatures not byte-identical). Problems that stop
   * signing throw {@link SigningError} instead.
   */
  warnings: Finding[];
}


/** A signer with its key and certificates parsed once, for signing many profiles. */
export interface ProfileSigner {
  /** Signs one profile. */
  sign(content: Buffer | Uint8Array): Buffer;
  /** Warnings about the certificates (expired, EKU, chain), the same for every signature. */
  readonly warnings: Finding[];
  /** Whether two signatures of the same content are byte-identical (RSA yes, ECDSA no). */
  readonly deterministic: boolean;
}

/**
 * Signs a profile: CMS SignedData, DER, content attached, SHA-256, signed attributes contentType
 * + messageDigest only, signer certificate and chain embedded. Throws {@link SigningError} for a
 * key that does not match the certificate, an encrypted key without (or with a wrong) passphrase,
 * unsupported key types, or input that is already signed.
 */
export function signMobileconfig(bytes: Buffer | Uint8Array, options: SigningOptions): SignResult {
  const content = bytesArg(bytes, 'signMobileconfig: bytes');
  checkSigningMaterial(options, 'signMobileconfig: options');
  const signer = createProfileSigner(options);
  return { signed: signer.sign(content), warnings: [...signer.warnings] };
}

/** Parses key and certificates once and checks them; see {@link signMobileconfig}. */
export function createProfileSigner(options: SigningOptions): ProfileSigner {
  checkSigningMaterial(options, 'createProfileSigner: options');
  const leafDer = pemBlocks(options.certificatePem);
  if (leafDer.length === 0) throw new SigningError('no-certificate', 'certificate: no "-----BEGIN CERTIFICATE-----" block found (give the signer certificate as PEM)');
  const certs = [...leafDer, ...(options.chainPem === undefined ? [] : pemBlocks(options.chainPem))].map((der, i) => {
    try {
      return certInfo(der);
    } catch (e) {
      throw new SigningError('bad-certificate', `${i === 0 ? 'certificate' : `chain certificate ${i}`}: not a readable X.509 certificate (${(e as Error).message})`);
    }
  });
  if (options.chainPem !== undefined && certs.length === leafDer.length && options.chainPem.trim() !== '') {
    throw new SigningError('bad-chain', 'chain: no "-----BEGIN CERTIFICATE-----" block found');
  }
  const leaf = certs[0]!;
  // Embed each certificate once (a chain file often repeats the signer).
  const embedded: CertInfo[] = [];
  for (const c of certs) if (!embedded.some((e) => e.der.equals(c.der))) embedded.push(c);

  const key = readPrivateKey(options.privateKeyPem, options.passphrase);
  const keyType = key.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new SigningError('unsupported-key', `private key: ${keyType ?? 'unknown'} keys are not supported for profile signing; use an RSA key (recommended: deterministic signatures) or an EC P-256 key`);
  }
  if (!leaf.x509.checkPrivateKey(key)) {
    throw new SigningError('key-mismatch', `private key does not match the certificate "${leaf.subject}": give the key that belongs to this certificate (compare "openssl x509 -noout -pubkey" with "openssl pkey -pubout")`);
  }

  const warnings = certificateWarnings(leaf, embedded, options.now ?? new Date());
  if (keyType === 'ec') {
    warnings.push(finding('ecdsa-not-deterministic', 'warning', 'signing.privateKey', 'EC key: ECDSA signatures use a random nonce, so two signatures of the same profile differ (both verify)', 'use an RSA key if signed files must be byte-identical across builds'));
  }

  const sigAlg = keyType === 'rsa' ? algorithm(OID.rsaEncryption, true) : algorithm(OID.ecdsaWithSha256, false);
  const certificates = contextConstructed(0, setOfContent(embedded.map((c) => c.der)));
  const issuerAndSerial = sequence(leaf.issuerDer, leaf.serialDer);
  const digestAlg = algorithm(OID.sha256, false);

  return {
    warnings,
    deterministic: keyType === 'rsa',
    sign(bytes: Buffer | Uint8Array): Buffer {
      const content = bytesArg(bytes, 'ProfileSigner.sign: content');
      if (looksSigned(content)) throw new SigningError('already-signed', 'content is already a signed (DER) profile; sign the unsigned .mobileconfig');
      const digest = createHash('sha256').update(content).digest();
      const attrs = [
        sequence(oid(OID.contentType), setOf([oid(OID.data)])),
        sequence(oid(OID.messageDigest), setOf([octetString(digest)])),
      ];
      // The signature covers the attributes encoded as a SET (tag 0x31); the SignerInfo stores the same content under [0] IMPLICIT.
      const signedAttrsSet = setOf(attrs);
      const signature =
        keyType === 'rsa'
          ? sign('sha256', signedAttrsSet, { key, padding: constants.RSA_PKCS1_PADDING })
          : sign('sha256', signedAttrsSet, { key, dsaEncoding: 'der' });
      const signerInfo = sequence(
        smallInt(1),
        issuerAndSerial,
        digestAlg,
        contextConstructed(0, signedAttrsSet.subarray(headerLength(signedAttrsSet))),
        sigAlg,
        octetString(signature),
      );
      const signedData = sequence(
        smallInt(1),
        setOf([digestAlg]),
        sequence(oid(OID.data), contextConstructed(0, octetString(content))),
        certificates,
        setOf([signerInfo]),
      );
      return sequence(oid(OID.signedData), contextConstructed(0, signedData));
    },
  };
}

/** Whether bytes look like a DER/BER SEQUENCE (a signed profile) rather than XML text. */
export function looksSigned(bytes: Buffer): boolean {
  return bytes.length > 2 && bytes[0] === 0x30 && (bytes[1] === 0x80 || bytes[1]! >= 0x81);
}

function readPrivateKey(pem: string, passphrase: string | undefined): KeyObject {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);
  if (encrypted && (passphrase === undefined || passphrase === '')) {
    throw new SigningError('passphrase-required', 'private key is encrypted: give its passphrase');
  }
  try {
    return createPrivateKey(passphrase === undefined ? { key: pem, format: 'pem' } : { key: pem, format: 'pem', passphrase });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MISSING_PASSPHRASE') throw new SigningError('passphrase-required', 'private key is encrypted: give its passphrase');
    if (encrypted || /bad decrypt/i.test(err.message)) throw new SigningError('wrong-passphrase', 'private key: the passphrase does not decrypt it (wrong passphrase?)');
    throw new SigningError('bad-key', `private key: cannot read it as PEM (${err.message})`);
  }
}

function certificateWarnings(leaf: CertInfo, embedded: readonly CertInfo[], now: Date): Finding[] {
  const out: Finding[] = [];
  for (const c of embedded) {
    const where = c === leaf ? 'signing.certificate' : 'signing.chain';
    if (now < c.notBefore) out.push(finding('certificate-not-yet-valid', 'warning', where, `certificate "${c.subject}" is not valid before ${c.notBefore.toISOString()}`, 'devices will show the profile as not verified until then'));
    if (now > c.notAfter) out.push(finding('certificate-expired', 'warning', where, `certificate "${c.subject}" expired on ${c.notAfter.toISOString()}`, 'renew the certificate; devices show an expired signer as not verified'));
  }
  const eku = ekuStatus(leaf);
  if (eku !== 'ok') {
    out.push(
      finding(
        'certificate-eku',
        'warning',
        'signing.certificate',
        eku === 'missing' ? `certificate "${leaf.subject}" has no extended key usage` : `certificate "${leaf.subject}" allows neither code signing nor email protection`,
        'sign profiles with a certificate whose extended key usage includes codeSigning (or emailProtection)',
      ),
    );
  }
  const selfIssued = leaf.x509.checkIssued(leaf.x509);
  if (!selfIssued && !embedded.some((c) => c !== leaf && leaf.x509.checkIssued(c.x509))) {
    out.push(finding('chain-incomplete', 'warning', 'signing.chain', `the issuer of "${leaf.subject}" (${leaf.x509.issuer.replace(/\n/g, ', ')}) is not embedded`, 'pass the intermediate certificates as the chain, unless devices already hold them'));
  }
  return out;
}

/** Content of a DER SET OF (sorted) without its own header, for an IMPLICIT [0] SET OF. */
function setOfContent(items: readonly Buffer[]): Buffer {
  const set = setOf(items);
  return set.subarray(headerLength(set));
}

function headerLength(der: Buffer): number {
  const first = der[1]!;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}

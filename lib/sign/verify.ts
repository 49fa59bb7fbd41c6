/**
 * Reading and verifying CMS-signed profiles in JavaScript (no OpenSSL CLI): the envelope is
 * parsed with our BER reader and its shape checked against RFC 5652 (`envelope.ts`: damage where
 * the signature does not reach); verification checks the messageDigest attribute against the
 * content's digest, the signature over the DER-encoded signed attributes with Node's
 * `crypto.verify`, and a certificate path from the signer to a given trust anchor (issuer names,
 * signatures, CA flags and validity), like `openssl cms -verify -purpose any`.
 */
import { createHash, verify as cryptoVerify, constants } from 'node:crypto';
import { finding, type Finding } from '../validate/findings';
import { Asn1Error, child, contentOf, expectTag, octetsOf, oidOf, parseAsn1, rawOf, TAG, type Asn1Node } from './asn1';
import { certInfo, pemBlocks, type CertInfo } from './certs';
import { OID } from './cms';
import { DIGEST_ALGORITHMS, envelopeProblems } from './envelope';

/** One SignerInfo as found. */
export interface ParsedSigner {
  /** The signer certificate, when one of the embedded certificates matches the signer identifier. */
  readonly certificate?: CertInfo;
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
  /** The signed attributes re-tagged as a SET (the bytes the signature covers), if present. */
  readonly signedAttrs?: Buffer;
  /** Attribute OID → the DER values in its SET (of every attribute of that type, should it repeat). */
  readonly attributes: ReadonlyMap<string, readonly Asn1Node[]>;
}

/** A signed profile's envelope, parsed. */
export interface ParsedSignedProfile {
  /** The encapsulated content (the unsigned profile bytes); undefined when detached. */
  readonly content?: Buffer;
  readonly contentType: string;
  /** Every embedded certificate that parsed. */
  readonly certificates: readonly CertInfo[];
  readonly signers: readonly ParsedSigner[];
  /**
   * What the envelope gets wrong against RFC 5652 in places the signature does not cover (a
   * version, an algorithm identifier, a SET written as a SEQUENCE, an unreadable embedded
   * certificate…), one sentence each; empty when well-formed. OpenSSL and macOS refuse such a
   * file, so {@link verifySignedProfile} reports each as a `malformed-signature` error.
   */
  readonly malformed: readonly string[];
}

/** Thrown when bytes are not a CMS SignedData. */
export class CmsFormatError extends Error {
  constructor(message: string) {
    super(`not a CMS signed profile: ${message}`);
    this.name = 'CmsFormatError';
  }
}

/** Parses a DER or BER CMS SignedData (`ContentInfo`). Throws {@link CmsFormatError}. */
export function parseSignedProfile(bytes: Buffer): ParsedSignedProfile {
  try {
    return parseInner(bytes);
  } catch (e) {
    if (e instanceof Asn1Error) throw new CmsFormatError(e.message);
    throw e;
  }
}

function parseInner(bytes: Buffer): ParsedSignedProfile {
  const ci = expectTag(parseAsn1(bytes), TAG.SEQUENCE, 'ContentInfo');
  if (oidOf(child(ci, 0, 'contentType')) !== OID.signedData) throw new CmsFormatError('content type is not signedData');
  const sd = child(expectTag(child(ci, 1, 'content'), 0xa0, '[0] content'), 0, 'SignedData');
  const malformed = envelopeProblems(ci);
  try {
    return parseSignedData(sd, malformed);
  } catch (e) {
    // What stops the reading is usually among the problems found: they say it better.
    if (e instanceof Asn1Error && malformed.length > 0) throw new CmsFormatError(malformed.slice(0, 3).join('; '));
    throw e;
  }
}

// SignedData: version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos (last)
function parseSignedData(sd: Asn1Node, malformed: string[]): ParsedSignedProfile {
  expectTag(sd, TAG.SEQUENCE, 'SignedData');
  const encap = expectTag(child(sd, 2, 'encapContentInfo'), TAG.SEQUENCE, 'encapContentInfo');
  const contentType = oidOf(child(encap, 0, 'eContentType'));
  const eContent = encap.children[1];
  const content = eContent ? Buffer.concat(expectTag(eContent, 0xa0, 'eContent').children.map(octetsOf)) : undefined;
  const signerInfos = sd.children.length > 3 ? sd.children[sd.children.length - 1]! : undefined;
  if (signerInfos?.tag !== TAG.SET) throw new CmsFormatError(malformed[0] ?? 'no signerInfos');
  const certificates: CertInfo[] = [];
  for (const node of sd.children.slice(3, -1)) {
    if (node.tag !== 0xa0) continue;
    node.children.forEach((c, i) => {
      if (c.tag !== TAG.SEQUENCE) return; // another CertificateChoice: among the envelope problems
      try {
        certificates.push(certInfo(Buffer.from(rawOf(c))));
      } catch {
        // OpenSSL refuses the whole file when one embedded certificate does not parse.
        malformed.push(`SignedData.certificates[${i}] cannot be read as an X.509 certificate`);
      }
    });
  }
  const signers = signerInfos.children.map((si) => parseSigner(si, certificates));
  const out: { -readonly [K in keyof ParsedSignedProfile]: ParsedSignedProfile[K] } = { contentType, certificates, signers, malformed };
  if (content !== undefined) out.content = content;
  return out;
}

function parseSigner(si: Asn1Node, certificates: readonly CertInfo[]): ParsedSigner {
  expectTag(si, TAG.SEQUENCE, 'SignerInfo');
  const sid = child(si, 1, 'signer identifier');
  let certificate: CertInfo | undefined;
  if (sid.tag === TAG.SEQUENCE) {
    const issuer = rawOf(child(sid, 0, 'issuer'));
    const serial = rawOf(child(sid, 1, 'serialNumber'));
    certificate = certificates.find((c) => c.issuerDer.equals(issuer) && c.serialDer.equals(serial));
  } else if (sid.tag === 0x80) {
    const ski = contentOf(sid);
    certificate = certificates.find((c) => c.subjectKeyId?.equals(ski));
  }
  let i = 2;
  const digestAlgorithm = oidOf(child(child(si, i++, 'digestAlgorithm'), 0, 'algorithm'));
  let signedAttrs: Buffer | undefined;
  const attributes = new Map<string, Asn1Node[]>();
  const maybeAttrs = child(si, i, 'signatureAlgorithm');
  if (maybeAttrs.tag === 0xa0) {
    // The signature covers the attributes with the SET tag, not the [0] IMPLICIT tag (RFC 5652 §5.4).
    signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), rawOf(maybeAttrs).subarray(1)]);
    for (const attr of maybeAttrs.children) {
      const type = oidOf(child(attr, 0, 'attribute type'));
      // A repeated type keeps every value, so "exactly one" can still be judged.
      attributes.set(type, [...(attributes.get(type) ?? []), ...child(attr, 1, 'attribute values').children]);
    }
    i++;
  }
  const signatureAlgorithm = oidOf(child(child(si, i++, 'signatureAlgorithm'), 0, 'algorithm'));
  const signature = octetsOf(child(si, i, 'signature'));
  const out: { -readonly [K in keyof ParsedSigner]: ParsedSigner[K] } = { digestAlgorithm, signatureAlgorithm, signature, attributes };
  if (certificate) out.certificate = certificate;
  if (signedAttrs) out.signedAttrs = signedAttrs;
  return out;
}

/** Options of {@link verifySignedProfile}. */
export interface VerifyOptions {
  /** Trust anchor(s), PEM. */
  caPem: string;
  /** The time certificate validity is judged at; default now. */
  now?: Date;
}

/** The verdict: `ok` only when every check passed; findings say what failed. */
export interface CmsVerification {
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** Subject of the signer certificate, when found. */
  readonly signer?: string;
}

const SIG_HASH: Record<string, string> = {
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

/**
 * Verifies every SignerInfo of a parsed signed profile: messageDigest = digest(content),
 * contentType attribute = eContentType, the signature over the signed attributes (or over the
 * content when there are none) with the signer's public key, and a certificate path from the
 * signer through the embedded certificates to one of `caPem`'s certificates.
 */
export function verifySignedProfile(parsed: ParsedSignedProfile, options: VerifyOptions): CmsVerification {
  const findings: Finding[] = [...malformedFindings(parsed)];
  const where = 'signature';
  const fail = (code: string, message: string, hint?: string): void => void findings.push(finding(code, 'error', where, message, hint));
  const anchors: CertInfo[] = [];
  for (const der of pemBlocks(options.caPem)) {
    try {
      anchors.push(certInfo(der));
    } catch {
      fail('bad-trust-anchor', 'verifyWith.caPem holds a certificate that cannot be read');
    }
  }
  if (anchors.length === 0) fail('no-trust-anchor', 'verifyWith.caPem holds no certificate', 'give the root CA certificate as PEM');
  if (parsed.content === undefined) fail('detached-content', 'the signature is detached: the profile content is not inside the file');
  if (parsed.signers.length === 0) fail('no-signer', 'the file has no SignerInfo');
  let signerSubject: string | undefined;
  for (const s of parsed.signers) {
    const cert = s.certificate;
    if (!cert) {
      fail('signer-certificate-missing', 'the signer certificate is not embedded in the file', 're-sign with the signer certificate included');
      continue;
    }
    signerSubject ??= cert.subject;
    const hash = DIGEST_ALGORITHMS[s.digestAlgorithm];
    if (!hash) {
      fail('unsupported-digest', `digest algorithm ${s.digestAlgorithm} is not supported`);
      continue;
    }
    const content = parsed.content ?? Buffer.alloc(0);
    let signedBytes = content;
    if (s.signedAttrs) {
      // A missing or malformed attribute is among parsed.malformed; only a well-formed one is compared.
      const md = onlyValue(s.attributes.get(OID.messageDigest), TAG.OCTET_STRING);
      const ct = onlyValue(s.attributes.get(OID.contentType), TAG.OID);
      if (md && !contentOf(md).equals(createHash(hash).update(content).digest())) {
        fail('content-digest-mismatch', 'the content does not match the signed digest: the profile was changed after signing');
      }
      if (ct && oidOrUndefined(ct) !== parsed.contentType) fail('content-type-mismatch', 'the signed contentType attribute does not match the content type');
      signedBytes = s.signedAttrs;
    }
    const isRsa = s.signatureAlgorithm === OID.rsaEncryption || s.signatureAlgorithm.startsWith('1.2.840.113549.1.1.');
    const sigHash = s.signatureAlgorithm === OID.rsaEncryption ? hash : SIG_HASH[s.signatureAlgorithm];
    if (!sigHash) {
      fail('unsupported-signature-algorithm', `signature algorithm ${s.signatureAlgorithm} is not supported`);
      continue;
    }
    let good = false;
    try {
      good = isRsa
        ? cryptoVerify(sigHash, signedBytes, { key: cert.x509.publicKey, padding: constants.RSA_PKCS1_PADDING }, s.signature)
        : cryptoVerify(sigHash, signedBytes, { key: cert.x509.publicKey, dsaEncoding: 'der' }, s.signature);
    } catch {
      good = false;
    }
    if (!good) fail('signature-invalid', `the signature by "${cert.subject}" does not verify`, 'the file was changed after signing, or signed with another key');
    findings.push(...chainFindings(cert, parsed.certificates, anchors, options.now ?? new Date()));
  }
  const out: { -readonly [K in keyof CmsVerification]: CmsVerification[K] } = { ok: !findings.some((f) => f.severity === 'error'), findings };
  if (signerSubject) out.signer = signerSubject;
  return out;
}

/** The code of an envelope out of RFC 5652's shape (lib/sign/envelope.ts). */
export const MALFORMED_ENVELOPE = 'malformed-signature';

/** One {@link MALFORMED_ENVELOPE} error per envelope problem. */
function malformedFindings(parsed: ParsedSignedProfile): Finding[] {
  return parsed.malformed.map((m) => finding(MALFORMED_ENVELOPE, 'error', 'signature', `the CMS envelope is malformed: ${m}`, 'OpenSSL and macOS refuse the file; sign the unsigned profile again'));
}

/** The single value of an attribute when it has exactly one, with the given tag. */
function onlyValue(values: readonly Asn1Node[] | undefined, tag: number): Asn1Node | undefined {
  return values?.length === 1 && values[0]!.tag === tag ? values[0] : undefined;
}

function oidOrUndefined(node: Asn1Node): string | undefined {
  try {
    return oidOf(node);
  } catch {
    return undefined;
  }
}

/** Builds a path signer → … → anchor and reports what breaks it. */
function chainFindings(signer: CertInfo, embedded: readonly CertInfo[], anchors: readonly CertInfo[], now: Date): Finding[] {
  const out: Finding[] = [];
  const path: CertInfo[] = [signer];
  const issues = (sub: CertInfo, iss: CertInfo): boolean => {
    try {
      return sub.x509.checkIssued(iss.x509) && sub.x509.verify(iss.x509.publicKey);
    } catch {
      return false;
    }
  };
  let trusted = false;
  for (let cur = signer; path.length <= 10; ) {
    if (anchors.some((a) => a.der.equals(cur.der))) {
      trusted = true;
      break;
    }
    const anchor = anchors.find((a) => issues(cur, a));
    if (anchor) {
      path.push(anchor);
      trusted = true;
      break;
    }
    const next = embedded.find((c) => !path.includes(c) && issues(cur, c));
    if (!next) break;
    if (!next.x509.ca) out.push(finding('chain-not-ca', 'error', 'signature', `certificate "${next.subject}" issues another certificate but is not a CA`));
    path.push(next);
    cur = next;
  }
  if (!trusted) {
    out.push(finding('signature-untrusted', 'error', 'signature', `no certificate path from "${signer.subject}" to the given CA`, 'embed the intermediate certificates when signing, or verify against the right root'));
  }
  for (const c of path) {
    if (now < c.notBefore || now > c.notAfter) {
      out.push(finding('certificate-not-valid-now', 'warning', 'signature', `certificate "${c.subject}" is valid only from ${c.notBefore.toISOString()} to ${c.notAfter.toISOString()}`));
    }
  }
  return out;
}

/**
 * Codes of {@link verifySignedProfile} about trust in the signer (the anchor, the path to it,
 * certificate dates): they need a real trust anchor to mean anything.
 */
export const TRUST_CODES: ReadonlySet<string> = new Set(['signature-untrusted', 'chain-not-ca', 'certificate-not-valid-now', 'no-trust-anchor', 'bad-trust-anchor']);

/**
 * Integrity without a trust anchor: whether the content is still what was signed, judged against
 * the certificates embedded in the file (the digest matches, the signature verifies); who signed
 * is not judged. The check `check` runs on a signed profile without `--ca`, and `import` before it
 * reads the content. A file that embeds no certificate gives `signer-certificate-missing`.
 */
export function integrityFindings(parsed: ParsedSignedProfile, now: Date = new Date()): Finding[] {
  if (parsed.certificates.length === 0) {
    return [...malformedFindings(parsed), finding('signer-certificate-missing', 'error', 'signature', 'the signed profile embeds no certificate, so its signature cannot be checked and devices show it as unverified', 're-sign it with the signer certificate (and its chain) included')];
  }
  const embedded = parsed.certificates.map((c) => `-----BEGIN CERTIFICATE-----\n${c.der.toString('base64')}\n-----END CERTIFICATE-----\n`).join('');
  return verifySignedProfile(parsed, { caPem: embedded, now }).findings.filter((f) => !TRUST_CODES.has(f.code));
}

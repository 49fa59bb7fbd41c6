/**
 * Certificates for CMS: PEM blocks → DER, the issuer and serial number as encoded (for the
 * SignerInfo's IssuerAndSerialNumber) and validity dates, next to Node's X509Certificate.
 */
import { X509Certificate } from 'node:crypto';
import { child, contentOf, oidOf, parseAsn1, rawOf, TAG, timeOf, type Asn1Node } from './asn1';

/** OIDs of extended key usages that suit profile signing. */
export const SIGNING_EKUS = {
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  any: '2.5.29.37.0',
} as const;

/** One parsed certificate. */
export interface CertInfo {
  readonly der: Buffer;
  readonly x509: X509Certificate;
  /** The issuer Name exactly as encoded in the certificate. */
  readonly issuerDer: Buffer;
  /** The serialNumber INTEGER TLV exactly as encoded. */
  readonly serialDer: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Subject in one line, for messages. */
  readonly subject: string;
  /** The subjectKeyIdentifier extension's key id, if present (for SignerInfos that name the signer by it). */
  readonly subjectKeyId?: Buffer;
}

/** The DER bytes of every `-----BEGIN <label>-----` block in `pem`. */
export function pemBlocks(pem: string, label = 'CERTIFICATE'): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(re)].map((m) => Buffer.from(m[1]!.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
}

/** Parses one DER certificate; throws when it is not one. */
export function certInfo(der: Buffer): CertInfo {
  const x509 = new X509Certificate(der);
  const cert = parseAsn1(der);
  const tbs = child(cert, 0, 'tbsCertificate');
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, …
  const hasVersion = tbs.children[0]?.tag === 0xa0;
  const at = (i: number, what: string): Asn1Node => child(tbs, i + (hasVersion ? 1 : 0), what);
  const serial = at(0, 'serialNumber');
  if (serial.tag !== TAG.INTEGER) throw new Error('certificate: serialNumber is not an INTEGER');
  const validity = at(3, 'validity');
  const info: { -readonly [K in keyof CertInfo]: CertInfo[K] } = {
    der,
    x509,
    issuerDer: rawOf(at(2, 'issuer')),
    serialDer: rawOf(serial),
    notBefore: timeOf(child(validity, 0, 'notBefore')),
    notAfter: timeOf(child(validity, 1, 'notAfter')),
    subject: x509.subject.replace(/\n/g, ', '),
  };
  // extensions: [3] EXPLICIT SEQUENCE OF Extension { extnID, critical?, extnValue OCTET STRING }
  const extensions = tbs.children.find((c) => c.tag === 0xa3)?.children[0]?.children ?? [];
  for (const ext of extensions) {
    if (oidOf(child(ext, 0, 'extnID')) !== SUBJECT_KEY_ID) continue;
    const inner = parseAsn1(contentOf(child(ext, ext.children.length - 1, 'extnValue')));
    if (inner.tag === TAG.OCTET_STRING) info.subjectKeyId = contentOf(inner);
  }
  return info;
}

const SUBJECT_KEY_ID = '2.5.29.14';

/** Whether the certificate's extended key usage allows signing profiles (or it has no EKU at all: `undefined`). */
export function ekuStatus(cert: CertInfo): 'ok' | 'missing' | 'unsuitable' {
  const ekus = cert.x509.keyUsage as string[] | undefined;
  if (ekus === undefined || ekus.length === 0) return 'missing';
  return ekus.some((e) => (Object.values(SIGNING_EKUS) as string[]).includes(e)) ? 'ok' : 'unsuitable';
}

/**
 * The shape RFC 5652 gives a CMS SignedData, checked field by field. The signature covers only
 * the content and the signed attributes, so a damaged byte elsewhere (a version, an algorithm
 * identifier, a SET written as a SEQUENCE) leaves it verifying while OpenSSL and macOS refuse the
 * file; these checks find that damage. Each problem is one sentence naming the field; none quotes
 * the content (a profile may hold secrets).
 */
import { contentOf, oidOf, TAG, type Asn1Node } from './asn1';
import { OID } from './cms';

/** Digest algorithms a signed profile may use (RFC 5754, and SHA-1 of old signers) → Node's hash name. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, string>> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

// RFC 4055 §5: PKCS #1 v1.5 identifiers carry NULL parameters (absent accepted); RFC 5758 §3.2: ECDSA ones carry none.
const RSA_PKCS1 = new Set<string>([OID.rsaEncryption, OID.sha256WithRSA, OID.sha384WithRSA, OID.sha512WithRSA]);
const ECDSA = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

const CONTEXT_0 = 0xa0;
const CONTEXT_1 = 0xa1;
const CONTEXT_0_PRIMITIVE = 0x80;

const TAG_NAMES: Readonly<Record<number, string>> = {
  0x01: 'a BOOLEAN',
  [TAG.INTEGER]: 'an INTEGER',
  [TAG.BIT_STRING]: 'a BIT STRING',
  [TAG.OCTET_STRING]: 'an OCTET STRING',
  0x24: 'a constructed OCTET STRING',
  [TAG.NULL]: 'a NULL',
  [TAG.OID]: 'an OBJECT IDENTIFIER',
  [TAG.SEQUENCE]: 'a SEQUENCE',
  [TAG.SET]: 'a SET',
};

/** A tag in words: `a SET`, `[0]`, `tag 0x13`. */
function tagText(tag: number): string {
  const name = TAG_NAMES[tag];
  if (name) return name;
  if ((tag & 0xc0) === 0x80) return `[${tag & 0x1f}]${tag & 0x20 ? '' : ' (primitive)'}`;
  return `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

/** Problems found so far. */
type Out = string[];

/** Whether `node` is there with `tag`; if not, records what `name` is instead. */
function has(out: Out, node: Asn1Node | undefined, tag: number, name: string): node is Asn1Node {
  if (!node) out.push(`${name} is missing`);
  else if (node.tag !== tag) out.push(`${name} is ${tagText(node.tag)}, not ${tagText(tag)}`);
  else return true;
  return false;
}

/** The dotted OID of `node`, or undefined after recording why it is none. */
function oidAt(out: Out, node: Asn1Node | undefined, name: string): string | undefined {
  if (!has(out, node, TAG.OID, name)) return undefined;
  try {
    return oidOf(node);
  } catch {
    out.push(`${name} is a malformed OBJECT IDENTIFIER`);
    return undefined;
  }
}

/** A CMSVersion that must be one of `allowed`; `why` says what decides it. */
function version(out: Out, node: Asn1Node | undefined, name: string, allowed: readonly number[], why: string): number | undefined {
  if (!has(out, node, TAG.INTEGER, name)) return undefined;
  const c = contentOf(node);
  const value = c.length === 1 && c[0]! < 0x80 ? c[0]! : undefined;
  if (value !== undefined && allowed.includes(value)) return value;
  out.push(`${name} is ${value === undefined ? 'not a small whole number' : value}, expected ${allowed.join(' or ')}${why}`);
  return undefined;
}

/** An OCTET STRING, primitive or (BER) constructed of OCTET STRING pieces. */
function octetString(out: Out, node: Asn1Node | undefined, name: string): void {
  if (node && node.tag === 0x24) {
    if (!node.children.every(isOctetString)) out.push(`${name} is a constructed OCTET STRING with pieces that are not OCTET STRINGs`);
    return;
  }
  has(out, node, TAG.OCTET_STRING, name);
}

function isOctetString(node: Asn1Node): boolean {
  return node.tag === TAG.OCTET_STRING || (node.tag === 0x24 && node.children.every(isOctetString));
}

const isNull = (node: Asn1Node): boolean => node.tag === TAG.NULL && node.contentEnd === node.contentStart;

/** An AlgorithmIdentifier (algorithm OID, parameters per `params`); returns the OID. */
function algorithm(out: Out, node: Asn1Node | undefined, name: string, params: (oid: string) => 'null-or-absent' | 'absent' | 'any'): string | undefined {
  if (!has(out, node, TAG.SEQUENCE, name)) return undefined;
  const oid = oidAt(out, node.children[0], `${name}.algorithm`);
  if (node.children.length > 2) out.push(`${name} has ${node.children.length} fields, expected an algorithm and its parameters`);
  const p = node.children[1];
  if (oid === undefined || !p) return oid;
  const rule = params(oid);
  if (rule === 'absent') out.push(`${name}.parameters is ${tagText(p.tag)}; ${nameOf(oid)} takes no parameters`);
  else if (rule === 'null-or-absent' && !isNull(p)) out.push(`${name}.parameters is ${p.tag === TAG.NULL ? 'a NULL with content' : tagText(p.tag)}; ${nameOf(oid)} takes NULL or no parameters`);
  return oid;
}

const digestParams = (): 'null-or-absent' => 'null-or-absent';
const signatureParams = (oid: string): 'null-or-absent' | 'absent' | 'any' => (RSA_PKCS1.has(oid) ? 'null-or-absent' : ECDSA.has(oid) ? 'absent' : 'any');

const OID_NAMES: Readonly<Record<string, string>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
  [OID.data]: 'id-data',
  [OID.rsaEncryption]: 'rsaEncryption',
  [OID.sha256WithRSA]: 'sha256WithRSAEncryption',
  [OID.sha384WithRSA]: 'sha384WithRSAEncryption',
  [OID.sha512WithRSA]: 'sha512WithRSAEncryption',
  [OID.ecdsaWithSha256]: 'ecdsa-with-SHA256',
  [OID.ecdsaWithSha384]: 'ecdsa-with-SHA384',
  [OID.ecdsaWithSha512]: 'ecdsa-with-SHA512',
};

/** An OID for messages: its name when known, else the dotted form. */
function nameOf(oid: string): string {
  return OID_NAMES[oid] ?? oid;
}

/**
 * What a `ContentInfo` of type signedData gets wrong against RFC 5652 §5, one sentence per
 * problem (empty when well-formed): the tag, count and value of every SignedData and SignerInfo
 * field outside the certificates' insides, the digest algorithms (known ones, the signer's listed
 * in `digestAlgorithms`), the parameters of each algorithm identifier, `eContentType` id-data,
 * and exactly one well-formed contentType and messageDigest in the signed attributes.
 * Never throws; the caller has already found the ContentInfo's type and `[0]` wrapper.
 */
export function envelopeProblems(contentInfo: Asn1Node): string[] {
  const out: Out = [];
  if (contentInfo.children.length !== 2) out.push(`ContentInfo has ${contentInfo.children.length} fields, expected 2 (contentType and content)`);
  const wrapper = contentInfo.children[1];
  if (wrapper && wrapper.children.length !== 1) out.push(`ContentInfo.content holds ${wrapper.children.length} values, expected the SignedData alone`);
  const sd = wrapper?.children[0];
  if (has(out, sd, TAG.SEQUENCE, 'SignedData')) signedData(out, sd);
  return out;
}

// SignedData ::= SEQUENCE { version, digestAlgorithms SET OF, encapContentInfo, [0] certificates OPTIONAL, [1] crls OPTIONAL, signerInfos SET OF }
function signedData(out: Out, sd: Asn1Node): void {
  const [versionNode, digestAlgorithms, encap, ...rest] = sd.children;
  const listed = new Set<string>();
  if (has(out, digestAlgorithms, TAG.SET, 'SignedData.digestAlgorithms')) {
    digestAlgorithms.children.forEach((a, i) => {
      const oid = algorithm(out, a, `SignedData.digestAlgorithms[${i}]`, digestParams);
      if (oid === undefined) return;
      if (!DIGEST_ALGORITHMS[oid]) out.push(`SignedData.digestAlgorithms lists ${oid}, which is not a known digest algorithm (SHA-1, SHA-256, SHA-384 or SHA-512)`);
      listed.add(oid);
    });
  }
  encapsulated(out, encap);
  let previous = -1;
  for (const node of rest.slice(0, -1)) {
    const at = node.tag === CONTEXT_0 ? 0 : node.tag === CONTEXT_1 ? 1 : -1;
    const field = at === 0 ? 'certificates' : 'crls';
    if (at < 0) out.push(`SignedData holds ${tagText(node.tag)} where only [0] certificates and [1] crls may come before signerInfos`);
    else if (at <= previous) out.push(`SignedData.${field} is repeated or out of order`);
    else {
      previous = at;
      if (at === 0) certificateChoices(out, node);
      else revocationChoices(out, node);
    }
  }
  const signerInfos = rest[rest.length - 1];
  if (!has(out, signerInfos, TAG.SET, 'SignedData.signerInfos')) {
    version(out, versionNode, 'SignedData.version', [1, 3], '');
    return;
  }
  const versions = signerInfos.children.map((si, i) => signerInfo(out, si, `SignerInfo ${i + 1}`, listed));
  // RFC 5652 §5.1: 3 when any SignerInfo is version 3 (named by subject key identifier); 1 or 3 otherwise.
  if (versions.includes(3)) version(out, versionNode, 'SignedData.version', [3], ' because a SignerInfo is version 3');
  else version(out, versionNode, 'SignedData.version', [1, 3], '');
}

// EncapsulatedContentInfo ::= SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
function encapsulated(out: Out, encap: Asn1Node | undefined): void {
  const name = 'SignedData.encapContentInfo';
  if (!has(out, encap, TAG.SEQUENCE, name)) return;
  if (encap.children.length > 2) out.push(`${name} has ${encap.children.length} fields, expected eContentType and eContent`);
  const type = oidAt(out, encap.children[0], `${name}.eContentType`);
  if (type !== undefined && type !== OID.data) out.push(`${name}.eContentType is ${type}, not id-data (${OID.data}), the type of a signed profile`);
  const wrapper = encap.children[1];
  if (wrapper === undefined) return; // detached: reported by the reader
  if (!has(out, wrapper, CONTEXT_0, `${name}.eContent`)) return;
  if (wrapper.children.length !== 1) out.push(`${name}.eContent holds ${wrapper.children.length} values, expected one OCTET STRING`);
  else octetString(out, wrapper.children[0], `${name}.eContent`);
}

// CertificateChoices: only Certificate (a SEQUENCE) is read; the others are obsolete or attribute certificates.
function certificateChoices(out: Out, node: Asn1Node): void {
  node.children.forEach((c, i) => {
    if (c.tag !== TAG.SEQUENCE) out.push(`SignedData.certificates[${i}] is ${tagText(c.tag)}, not an X.509 certificate (a SEQUENCE)`);
  });
}

// RevocationInfoChoice ::= CertificateList (a SEQUENCE) | [1] other
function revocationChoices(out: Out, node: Asn1Node): void {
  node.children.forEach((c, i) => {
    if (c.tag !== TAG.SEQUENCE && c.tag !== CONTEXT_1) out.push(`SignedData.crls[${i}] is ${tagText(c.tag)}, not a CertificateList (a SEQUENCE) or [1]`);
  });
}

/**
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL,
 * signatureAlgorithm, signature OCTET STRING, [1] unsignedAttrs OPTIONAL }. Returns its version.
 */
function signerInfo(out: Out, si: Asn1Node, name: string, listed: ReadonlySet<string>): number | undefined {
  if (!has(out, si, TAG.SEQUENCE, name)) return undefined;
  const [versionNode, sid, digestAlgorithm, ...rest] = si.children;
  let v: number | undefined;
  if (sid?.tag === TAG.SEQUENCE) {
    const [issuer, serial, ...more] = sid.children;
    if (issuer?.tag !== TAG.SEQUENCE || serial?.tag !== TAG.INTEGER || more.length > 0) out.push(`${name}.sid is not an IssuerAndSerialNumber (an issuer Name and a serialNumber INTEGER)`);
    v = version(out, versionNode, `${name}.version`, [1], ' for a signer named by issuer and serial number');
  } else if (sid?.tag === CONTEXT_0_PRIMITIVE) {
    v = version(out, versionNode, `${name}.version`, [3], ' for a signer named by subject key identifier');
  } else {
    out.push(sid ? `${name}.sid is ${tagText(sid.tag)}, not an IssuerAndSerialNumber (a SEQUENCE) or a [0] subjectKeyIdentifier` : `${name}.sid is missing`);
    v = version(out, versionNode, `${name}.version`, [1, 3], '');
  }
  const digest = algorithm(out, digestAlgorithm, `${name}.digestAlgorithm`, digestParams);
  if (digest !== undefined && !listed.has(digest)) out.push(`${name}.digestAlgorithm ${nameOf(digest)} is not listed in SignedData.digestAlgorithms`);
  let i = 0;
  const signedAttrs = rest[i]?.tag === CONTEXT_0 ? rest[i++] : undefined;
  if (signedAttrs) attributes(out, signedAttrs, `${name}.signedAttrs`, true);
  algorithm(out, rest[i++], `${name}.signatureAlgorithm`, signatureParams);
  octetString(out, rest[i++], `${name}.signature`);
  if (rest[i]?.tag === CONTEXT_1) attributes(out, rest[i++]!, `${name}.unsignedAttrs`, false);
  if (i < rest.length) out.push(`${name} has ${rest.length - i} unexpected field(s) after the signature`);
  return v;
}

/** Attributes ::= SET SIZE (1..MAX) OF SEQUENCE { attrType OID, attrValues SET OF }; signed ones need contentType and messageDigest (RFC 5652 §5.3, §11). */
function attributes(out: Out, node: Asn1Node, name: string, signed: boolean): void {
  if (node.children.length === 0) out.push(`${name} is empty`);
  const byType = new Map<string, Asn1Node[][]>();
  node.children.forEach((attr, i) => {
    const where = `${name}[${i}]`;
    if (!has(out, attr, TAG.SEQUENCE, where)) return;
    if (attr.children.length !== 2) out.push(`${where} has ${attr.children.length} fields, expected a type and a SET of values`);
    const type = oidAt(out, attr.children[0], `${where}.attrType`);
    const values = attr.children[1];
    if (!has(out, values, TAG.SET, `${where}.attrValues`)) return;
    if (values.children.length === 0) out.push(`${where}.attrValues is empty`);
    if (type !== undefined) byType.set(type, [...(byType.get(type) ?? []), [...values.children]]);
  });
  if (!signed) return;
  const one = (oid: string, label: string, tag: number): void => {
    const found = byType.get(oid) ?? [];
    if (found.length !== 1) {
      out.push(found.length === 0 ? `${name} has no ${label} attribute` : `${name} has ${found.length} ${label} attributes, expected one`);
      return;
    }
    const values = found[0]!;
    if (values.length !== 1) {
      if (values.length > 1) out.push(`${name} ${label} holds ${values.length} values, expected one`);
      return;
    }
    if (tag === TAG.OID) oidAt(out, values[0], `${name} ${label} value`);
    else has(out, values[0], tag, `${name} ${label} value`);
  };
  one(OID.contentType, 'contentType', TAG.OID);
  one(OID.messageDigest, 'messageDigest', TAG.OCTET_STRING);
}

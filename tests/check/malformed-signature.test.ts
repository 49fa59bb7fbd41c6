/**
 * A signed profile whose CMS envelope is damaged where the signature does not reach (a version, an
 * algorithm identifier, a SET written as a SEQUENCE…) still verifies, yet OpenSSL and macOS refuse
 * it: `check` must say so (`malformed-signature`), never "ok". The proof walks a real signed build
 * with the project's ASN.1 reader, changes single bytes all over the envelope outside the
 * content, and compares every verdict with `openssl cms -verify` against the same root.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArtifact } from '../../lib/check';
import { importArtifact, ImportError } from '../../lib/import';
import { oidOf, parseAsn1, TAG, type Asn1Node } from '../../lib/sign/asn1';
import { parseSignedProfile, signMobileconfig, verifySignedProfile } from '../../lib/sign';
import { integrityFindings } from '../../lib/sign/verify';
import { buildMobileconfig } from '../../lib/writers/mobileconfig';
import { runCli } from '../support/cli';
import { loadExamples } from '../support/examples';
import { describeIfTool, makeTestPki, opensslCmsVerify, TOOLS, type TestPki } from '../support/validators';
import { openssl } from '../macos/support';

// ---------------------------------------------------------------------------------------------
// Walking the envelope

/** A node of the envelope with a readable path (`SignerInfo.digestAlgorithm/0`). */
interface Placed {
  readonly node: Asn1Node;
  readonly path: string;
  /**
   * Below an embedded certificate's own header, in the signer identifier, or in a signed
   * attribute's or the signature's value: bytes any change of which breaks a signature or the
   * match with the signer certificate. They are sampled; everything else is walked in full.
   */
  readonly bulk: boolean;
}

/** Child-index paths (from the ContentInfo) of the fields the messages and allowances name. */
const FIELDS: ReadonlyArray<[string, string]> = [
  ['1/0/4/0/5', 'SignerInfo.signature'],
  ['1/0/4/0/4', 'SignerInfo.signatureAlgorithm'],
  ['1/0/4/0/3', 'SignerInfo.signedAttrs'],
  ['1/0/4/0/2', 'SignerInfo.digestAlgorithm'],
  ['1/0/4/0/1', 'SignerInfo.sid'],
  ['1/0/4/0/0', 'SignerInfo.version'],
  ['1/0/4/0', 'SignerInfo'],
  ['1/0/4', 'SignedData.signerInfos'],
  ['1/0/3', 'SignedData.certificates'],
  ['1/0/2', 'SignedData.encapContentInfo'],
  ['1/0/1', 'SignedData.digestAlgorithms'],
  ['1/0/0', 'SignedData.version'],
  ['1/0', 'SignedData'],
];

function fieldName(path: string): string {
  for (const [p, name] of FIELDS) if (path === p || path.startsWith(`${p}/`)) return `${name}${path.slice(p.length)}`;
  return path === '' ? 'ContentInfo' : `ContentInfo/${path}`;
}

/** Every node of a signed profile, and the content's OCTET STRING (left out of the walk). */
function walk(signed: Buffer): { placed: Placed[]; content: Asn1Node } {
  const root = parseAsn1(signed);
  const content = root.children[1]!.children[0]!.children[2]!.children[1]!.children[0]!;
  const placed: Placed[] = [];
  const isBulk = (path: string): boolean =>
    /^1\/0\/3\/\d+\//.test(path) || path.startsWith('1/0/4/0/1/') || /^1\/0\/4\/0\/3\/\d+\/1\/0$/.test(path) || path === '1/0/4/0/5';
  const visit = (node: Asn1Node, path: string): void => {
    placed.push({ node, path: fieldName(path), bulk: isBulk(path) });
    node.children.forEach((c, i) => visit(c, path === '' ? String(i) : `${path}/${i}`));
  };
  visit(root, '');
  return { placed, content };
}

/** One single-byte change. */
interface Mutation {
  readonly at: number;
  readonly value: number;
  /** The field it hits and which part of it: `SignedData.version (tag)`. */
  readonly field: string;
}

/** Every tag CMS uses, and a few it does not. */
const TAG_SUBSTITUTES = [TAG.INTEGER, TAG.BIT_STRING, TAG.OCTET_STRING, TAG.NULL, TAG.OID, TAG.UTF8String, 0x13, 0x24, TAG.SEQUENCE, TAG.SET, 0xa0, 0xa1, 0x80, 0x00];

/**
 * The changes tried. In full, for every byte outside the bulk (see {@link Placed.bulk}): all 8
 * bit flips, 0x00 and 0xff, and for a tag every tag in {@link TAG_SUBSTITUTES}. Sampled in the
 * bulk: every third byte, one bit flip, the bit cycling with the position (any change there
 * breaks a signature, so a full walk would only repeat that verdict at ten times the cost).
 */
function mutations(signed: Buffer): Mutation[] {
  const { placed, content } = walk(signed);
  const out: Mutation[] = [];
  const seen = new Set<number>();
  const add = (at: number, values: readonly number[], field: string): void => {
    if ((at >= content.contentStart && at < content.contentEnd) || seen.has(at)) return;
    seen.add(at);
    for (const value of new Set(values)) if (value !== signed[at]) out.push({ at, value, field });
  };
  const full = (b: number): number[] => [...[0, 1, 2, 3, 4, 5, 6, 7].map((bit) => b ^ (1 << bit)), 0x00, 0xff];
  const sampled = (at: number): number[] => (at % 3 === 0 ? [signed[at]! ^ (1 << (at % 8))] : []);
  for (const { node, path, bulk } of placed) {
    const values = (at: number, tag: boolean): number[] => (bulk ? sampled(at) : tag ? [...full(signed[at]!), ...TAG_SUBSTITUTES] : full(signed[at]!));
    add(node.start, values(node.start, true), `${path} (tag)`);
    for (let at = node.start + 1; at < node.contentStart; at++) add(at, values(at, false), `${path} (length)`);
    if (!node.constructed) for (let at = node.contentStart; at < node.contentEnd; at++) add(at, values(at, false), `${path} (content)`);
  }
  return out;
}

const mutate = (signed: Buffer, m: { at: number; value: number }): Buffer => {
  const bytes = Buffer.from(signed);
  bytes[m.at] = m.value;
  return bytes;
};

/**
 * `openssl cms -verify -binary -inform DER -purpose any -CAfile root` on every mutated file,
 * batched in two shells (one process start per file is the cost); the exit status of each.
 */
function opensslVerdicts(signed: Buffer, all: readonly Mutation[], caPem: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'cgp-cms-mutations-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), caPem);
    all.forEach((m, i) => writeFileSync(join(dir, `m${i}.der`), mutate(signed, m)));
    const script = `
verify() { for i in $(seq "$1" 2 ${all.length - 1}); do
  openssl cms -verify -binary -inform DER -in "m$i.der" -CAfile ca.pem -purpose any -out /dev/null >/dev/null 2>&1; echo "$i $?"
done; }
verify 0 > a.txt & verify 1 > b.txt & wait; cat a.txt b.txt`;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    const out = new Array<number>(all.length).fill(-1);
    for (const line of r.stdout.toString('utf8').trim().split('\n')) {
      const [i, status] = line.split(' ').map(Number);
      out[i!] = status!;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where `check` is knowingly stricter than OpenSSL (which accepts these): RFC 5652 versions
 * (1, or 3 for a signer named by key identifier), eContentType other than id-data (the contentType
 * attribute must match it, RFC 5652 §11.1), a SET OF or [0] IMPLICIT SET OF encoded primitive
 * (X.690 §8.12.1 forbids it; OpenSSL does not look at the constructed bit there), a signer issuer
 * Name that matches the certificate's only after OpenSSL's case and string-type folding (we compare
 * the bytes), an RSA signature algorithm other than those we know (OpenSSL ignores it), and
 * rsaEncryption parameters other than NULL or absent (RFC 4055 §5).
 */
function knowinglyStricter(m: Mutation, original: number): boolean {
  const primitiveSetOf = (original === TAG.SET || original === 0xa0) && m.value === (original & ~0x20);
  return (
    /^(SignedData|SignerInfo)\.version \(content\)$/.test(m.field) ||
    /^SignedData\.encapContentInfo\/0 \(content\)$/.test(m.field) ||
    (m.field.endsWith('(tag)') && primitiveSetOf) ||
    m.field.startsWith('SignerInfo.sid/') ||
    m.field === 'SignerInfo.signatureAlgorithm/0 (content)' ||
    m.field === 'SignerInfo.signatureAlgorithm/1 (tag)'
  );
}

// ---------------------------------------------------------------------------------------------

describeIfTool(TOOLS.cms)('malformed CMS envelopes', () => {
  let pki: TestPki;
  let signed: Buffer;
  const now = new Date(); // openssl judges the certificates at the real time; so does this test
  const errors = (bytes: Buffer, caPem?: string): string[] =>
    checkArtifact(bytes, 'p.signed.mobileconfig', caPem === undefined ? { now } : { now, caPem }).findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
  /** The node at a child-index path from the ContentInfo. */
  const at = (path: number[]): Asn1Node => path.reduce((n, i) => n.children[i]!, parseAsn1(signed));

  beforeAll(() => {
    pki = makeTestPki();
    // The smallest example keeps each check fast; any clean build serves.
    const example = loadExamples().reduce((a, b) => (buildMobileconfig(a.resolved).length <= buildMobileconfig(b.resolved).length ? a : b));
    signed = signMobileconfig(buildMobileconfig(example.resolved), { certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem }).signed;
  });

  test('the build itself is clean with and without --ca, and openssl accepts it', () => {
    expect(opensslCmsVerify(signed, pki.caPem).ok).toBe(true);
    expect(errors(signed, pki.caPem)).toEqual([]);
    expect(errors(signed)).toEqual([]);
    expect(parseSignedProfile(signed).malformed).toEqual([]);
  });

  /** The audit's cases (and the two attribute tags that threw Asn1Error), found by walking the DER. */
  const cases: ReadonlyArray<{ name: string; path: number[]; part: 'tag' | 'content'; value: (old: number) => number; message: string }> = [
    { name: 'SignedData.version as an OCTET STRING', path: [1, 0, 0], part: 'tag', value: () => TAG.OCTET_STRING, message: 'SignedData.version is an OCTET STRING, not an INTEGER' },
    { name: 'digestAlgorithms a SEQUENCE', path: [1, 0, 1], part: 'tag', value: () => TAG.SEQUENCE, message: 'SignedData.digestAlgorithms is a SEQUENCE, not a SET' },
    { name: 'digestAlgorithms OID flipped', path: [1, 0, 1, 0, 0], part: 'content', value: (b) => b ^ 0x01, message: 'which is not a known digest algorithm' },
    { name: 'SignerInfo.version as an OCTET STRING', path: [1, 0, 4, 0, 0], part: 'tag', value: () => TAG.OCTET_STRING, message: 'SignerInfo 1.version is an OCTET STRING, not an INTEGER' },
    { name: 'SignerInfo.digestAlgorithm a SET', path: [1, 0, 4, 0, 2], part: 'tag', value: () => TAG.SET, message: 'SignerInfo 1.digestAlgorithm is a SET, not a SEQUENCE' },
    { name: 'signatureAlgorithm NULL tag zero', path: [1, 0, 4, 0, 4, 1], part: 'tag', value: () => 0x00, message: 'SignerInfo 1.signatureAlgorithm.parameters is tag 0x00; rsaEncryption takes NULL or no parameters' },
    { name: 'messageDigest value an INTEGER', path: [1, 0, 4, 0, 3, 1, 1, 0], part: 'tag', value: () => TAG.INTEGER, message: 'SignerInfo 1.signedAttrs messageDigest value is an INTEGER, not an OCTET STRING' },
    { name: 'contentType value an OCTET STRING', path: [1, 0, 4, 0, 3, 0, 1, 0], part: 'tag', value: () => TAG.OCTET_STRING, message: 'SignerInfo 1.signedAttrs contentType value is an OCTET STRING, not an OBJECT IDENTIFIER' },
  ];

  test.each(cases)('$name: openssl refuses it; check (with and without --ca), import and the API report malformed-signature', async (c) => {
    const node = at(c.path);
    const pos = c.part === 'tag' ? node.start : node.contentStart;
    const bad = mutate(signed, { at: pos, value: c.value(signed[pos]!) });
    expect(opensslCmsVerify(bad, pki.caPem).ok).toBe(false);
    for (const found of [errors(bad, pki.caPem), errors(bad)]) {
      expect(found.filter((e) => e.startsWith('malformed-signature: the CMS envelope is malformed: ') && e.includes(c.message))).toHaveLength(1);
    }
    const parsed = parseSignedProfile(bad);
    expect(verifySignedProfile(parsed, { caPem: pki.caPem, now }).ok).toBe(false);
    expect(integrityFindings(parsed, now).map((f) => f.code)).toContain('malformed-signature');
    let thrown: unknown;
    try {
      importArtifact(bad, { fileName: 'p.signed.mobileconfig', now });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    expect((thrown as ImportError).findings.map((f) => f.code)).toContain('malformed-signature');
    const dir = mkdtempSync(join(tmpdir(), 'cgp-malformed-'));
    try {
      writeFileSync(join(dir, 'p.signed.mobileconfig'), bad);
      writeFileSync(join(dir, 'ca.pem'), pki.caPem);
      const r = await runCli(['check', '--ca', 'ca.pem', 'p.signed.mobileconfig'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(c.message);
      expect(r.stdout).toMatch(/\[malformed-signature\]/);
      expect(r.stdout).not.toMatch(/: ok$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('signatures by OpenSSL itself stay clean: subject key identifier (version 3), no signed attributes, BER streaming', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-openssl-signed-'));
    try {
      const content = at([1, 0, 2, 1, 0]);
      writeFileSync(join(dir, 'content.bin'), signed.subarray(content.contentStart, content.contentEnd));
      writeFileSync(join(dir, 'leaf.pem'), pki.leafPem);
      writeFileSync(join(dir, 'leaf.key'), pki.leafKeyPem);
      writeFileSync(join(dir, 'int.pem'), pki.intPem);
      for (const extra of [['-keyid'], ['-noattr'], ['-stream'], ['-keyid', '-stream', '-md', 'sha512']]) {
        const out = join(dir, 'signed.der');
        const r = openssl(['cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-outform', 'DER', '-in', join(dir, 'content.bin'), '-signer', join(dir, 'leaf.pem'), '-inkey', join(dir, 'leaf.key'), '-certfile', join(dir, 'int.pem'), ...extra, '-out', out]);
        expect(r.status).toBe(0);
        const der = readFileSync(out);
        expect(opensslCmsVerify(der, pki.caPem).ok).toBe(true);
        expect({ extra, malformed: parseSignedProfile(der).malformed, errors: errors(der, pki.caPem) }).toEqual({ extra, malformed: [], errors: [] });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an OBJECT IDENTIFIER with an arc not minimally encoded or cut off is refused, as openssl marks it a BAD OBJECT', () => {
    for (const hex of ['06032a8001', '06022a86', '06032a8648', '06022a03', '0603550403']) {
      const der = Buffer.from(hex, 'hex');
      const bad = openssl(['asn1parse', '-inform', 'DER'], der).output.includes('BAD OBJECT');
      let ours = false;
      try {
        oidOf(parseAsn1(der));
      } catch {
        ours = true;
      }
      expect({ hex, refused: ours }).toEqual({ hex, refused: bad });
    }
  });

  test('every single-byte change of the envelope that openssl refuses is an error of check --ca; where check alone refuses, it is a known strictness', () => {
    const all = mutations(signed);
    expect(all.length).toBeGreaterThan(1500);
    const verdicts = opensslVerdicts(signed, all, pki.caPem);
    expect(verdicts).not.toContain(-1); // every file got a verdict
    const passed: string[] = [];
    const stricter: string[] = [];
    all.forEach((m, i) => {
      const ours = errors(mutate(signed, m), pki.caPem);
      const what = `byte ${m.at} (${m.field}) 0x${signed[m.at]!.toString(16)}→0x${m.value.toString(16)}`;
      if (verdicts[i] !== 0 && ours.length === 0) passed.push(what);
      if (verdicts[i] === 0 && ours.length > 0 && !knowinglyStricter(m, signed[m.at]!)) stricter.push(`${what}: ${ours.join('; ')}`);
    });
    expect(passed).toEqual([]);
    expect(stricter).toEqual([]);
    // Most changes are refused by openssl too: the walk reaches the structure, not only harmless bytes.
    expect(verdicts.filter((v) => v !== 0).length).toBeGreaterThan(all.length * 0.9);
  }, 300_000);
});

/**
 * The small part of ASN.1 that CMS signing needs: a DER encoder over Buffers (deterministic by
 * construction, SET OF sorted as DER requires) and a BER reader (definite and indefinite lengths,
 * constructed strings), so profiles signed by other tools (Apple's `security cms` writes BER) read too.
 */
import { clip } from '../escape/clip';

/** Universal tags used here. */
export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
} as const;

/** Thrown for bytes that are not the ASN.1 structure expected. */
export class Asn1Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Asn1Error';
  }
}

// ----------------------------------------------------------------------------------------------
// Encoding (DER)

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a single-byte identifier. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

/** SEQUENCE of the given encodings, in order. */
export function sequence(...items: Buffer[]): Buffer {
  return tlv(TAG.SEQUENCE, Buffer.concat(items));
}

/** SET OF the given encodings, sorted by their bytes as DER requires (X.690 §11.6). */
export function setOf(items: readonly Buffer[], tag: number = TAG.SET): Buffer {
  return tlv(tag, Buffer.concat([...items].sort(Buffer.compare)));
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => {
    if (!/^[0-9]+$/.test(a)) throw new Asn1Error(`bad OID ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new Asn1Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const first = arcs[0]! * 40n + arcs[1]!;
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

/** A small non-negative INTEGER. */
export function smallInt(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 127) throw new Asn1Error(`smallInt out of range: ${n}`);
  return tlv(TAG.INTEGER, Buffer.from([n]));
}

/** OCTET STRING (primitive). */
export function octetString(bytes: Buffer): Buffer {
  return tlv(TAG.OCTET_STRING, bytes);
}

/** NULL. */
export const NULL = Buffer.from([TAG.NULL, 0]);

/** Context-specific constructed tag `[n]` around `content` (EXPLICIT wrapping, or IMPLICIT constructed). */
export function contextConstructed(n: number, content: Buffer): Buffer {
  if (n > 30) throw new Asn1Error('high tag numbers are not supported');
  return tlv(0xa0 | n, content);
}

/** AlgorithmIdentifier, with NULL parameters or none. */
export function algorithm(dotted: string, withNull: boolean): Buffer {
  return withNull ? sequence(oid(dotted), NULL) : sequence(oid(dotted));
}

// ----------------------------------------------------------------------------------------------
// Reading (BER)

/** One parsed TLV. Offsets point into `buf`. */
export interface Asn1Node {
  readonly buf: Buffer;
  /** The identifier byte (class, constructed bit, tag number ≤ 30). */
  readonly tag: number;
  readonly constructed: boolean;
  /** Offset of the identifier byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset after the last content byte (before an end-of-contents marker). */
  readonly contentEnd: number;
  /** Offset after the whole TLV (including an end-of-contents marker). */
  readonly end: number;
  readonly indefinite: boolean;
  /** Child nodes of a constructed TLV. */
  readonly children: readonly Asn1Node[];
}

const MAX_DEPTH = 64;

/** Parses one TLV at `offset`; nothing may follow it when `whole` is true. */
export function parseAsn1(buf: Buffer, offset = 0, whole = true): Asn1Node {
  const node = parseAt(buf, offset, buf.length, 0);
  if (whole && node.end !== buf.length) throw new Asn1Error(`${buf.length - node.end} trailing bytes after the ASN.1 structure`);
  return node;
}

function parseAt(buf: Buffer, pos: number, limit: number, depth: number): Asn1Node {
  if (depth > MAX_DEPTH) throw new Asn1Error('ASN.1 nesting too deep');
  if (pos + 2 > limit) throw new Asn1Error(`truncated ASN.1 at byte ${pos}`);
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error(`high tag number at byte ${pos} is not supported`);
  const constructed = (tag & 0x20) !== 0;
  let p = pos + 1;
  const first = buf[p++]!;
  let len = -1;
  if (first === 0x80) {
    if (!constructed) throw new Asn1Error(`indefinite length on a primitive value at byte ${pos}`);
  } else if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || p + n > limit) throw new Asn1Error(`bad length at byte ${pos}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  } else len = first;
  const contentStart = p;
  const children: Asn1Node[] = [];
  if (len >= 0) {
    const contentEnd = contentStart + len;
    if (contentEnd > limit) throw new Asn1Error(`length at byte ${pos} runs past the end`);
    if (constructed) {
      for (let c = contentStart; c < contentEnd; ) {
        const child = parseAt(buf, c, contentEnd, depth + 1);
        children.push(child);
        c = child.end;
      }
    }
    return { buf, tag, constructed, start: pos, contentStart, contentEnd, end: contentEnd, indefinite: false, children };
  }
  // Indefinite length: children until the end-of-contents marker 00 00.
  let c = contentStart;
  for (;;) {
    if (c + 2 > limit) throw new Asn1Error(`missing end-of-contents for the value at byte ${pos}`);
    if (buf[c] === 0 && buf[c + 1] === 0) break;
    const child = parseAt(buf, c, limit, depth + 1);
    children.push(child);
    c = child.end;
  }
  return { buf, tag, constructed, start: pos, contentStart, contentEnd: c, end: c + 2, indefinite: true, children };
}

/** The bytes of the whole TLV. */
export function rawOf(node: Asn1Node): Buffer {
  return node.buf.subarray(node.start, node.end);
}

/** The content bytes (for primitive values). */
export function contentOf(node: Asn1Node): Buffer {
  return node.buf.subarray(node.contentStart, node.contentEnd);
}

/** Child `i`, or an error naming what was expected. */
export function child(node: Asn1Node, i: number, what: string): Asn1Node {
  const c = node.children[i];
  if (!c) throw new Asn1Error(`missing ${what}`);
  return c;
}

/** Checks the identifier byte. */
export function expectTag(node: Asn1Node, tag: number, what: string): Asn1Node {
  if (node.tag !== tag) throw new Asn1Error(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

/** The value of an OCTET STRING, primitive or constructed (BER chunks are joined). */
export function octetsOf(node: Asn1Node): Buffer {
  if ((node.tag & 0x1f) !== TAG.OCTET_STRING && (node.tag & 0xc0) === 0) throw new Asn1Error('expected an OCTET STRING');
  if (!node.constructed) return contentOf(node);
  return Buffer.concat(node.children.map(octetsOf));
}

/** Dotted text of an OBJECT IDENTIFIER. */
export function oidOf(node: Asn1Node): string {
  expectTag(node, TAG.OID, 'OBJECT IDENTIFIER');
  const bytes = contentOf(node);
  const arcs: bigint[] = [];
  let v = 0n;
  let startOfArc = true;
  for (const b of bytes) {
    // X.690 §8.19.2: each arc in as few bytes as possible, so no arc starts with 0x80 (OpenSSL refuses it too).
    if (startOfArc && b === 0x80) throw new Asn1Error('OBJECT IDENTIFIER: an arc is not minimally encoded');
    v = (v << 7n) | BigInt(b & 0x7f);
    startOfArc = (b & 0x80) === 0;
    if (startOfArc) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0) throw new Asn1Error('empty OBJECT IDENTIFIER');
  if (!startOfArc) throw new Asn1Error('OBJECT IDENTIFIER: the last arc is cut off');
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].map(String).join('.');
}

/** A UTCTime or GeneralizedTime as a Date. */
export function timeOf(node: Asn1Node): Date {
  const text = contentOf(node).toString('latin1');
  const m =
    node.tag === TAG.UTCTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : node.tag === TAG.GeneralizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text)
        : null;
  // Clipped: the text comes from a certificate, and nothing bounds its length.
  if (!m) throw new Asn1Error(`unsupported time "${clip(text)}"`);
  let year = Number(m[1]);
  if (node.tag === TAG.UTCTime) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0')));
}

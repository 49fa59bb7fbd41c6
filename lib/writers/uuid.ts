/**
 * Name-based UUIDs (version 5, RFC 9562 §5.5) for configuration profiles: the same name always
 * gives the same UUID, so a build is byte-stable, and a changed name gives a new one.
 */
import * as crypto from 'node:crypto';

/** RFC 9562 namespace for DNS names; used only to derive {@link PROFILE_UUID_NAMESPACE}. */
export const DNS_NAMESPACE = '6BA7B810-9DAD-11D1-80B4-00C04FD430C8';

/**
 * The one project namespace for every PayloadUUID this package writes:
 * `uuidV5(DNS_NAMESPACE, 'claude-gateway-profile.mobileconfig')`. Never change it: doing so gives
 * every profile ever built a new UUID.
 */
export const PROFILE_UUID_NAMESPACE = '787B5E85-9E2D-5FDC-AD1F-DBBB55EECBF6';

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** Whether `text` is a UUID in 8-4-4-4-12 hex form (either case). */
export function isUuid(text: string): boolean {
  return UUID_RE.test(text);
}

// crypto.hash (Node 20.12+) hashes in one call without a Hash object; older Node 20 uses createHash.
const oneShotHash = (crypto as { hash?: typeof crypto.hash }).hash;

/**
 * The version-5 UUID of `name` (UTF-8 text or bytes) in `namespace`, uppercase 8-4-4-4-12.
 * SHA-1 over namespace bytes ‖ name, version nibble 5, variant bits `10`.
 */
export function uuidV5(namespace: string, name: string | Uint8Array): string {
  const ns = namespaceBytes(namespace);
  // One buffer, one one-shot hash: a Hash object per UUID cost more than the hashing itself.
  // A short text name is written into a buffer kept for the purpose (UTF-8 takes at most three
  // bytes per UTF-16 unit), the rest into a new one.
  let input: Buffer;
  if (typeof name === 'string' && 16 + 3 * name.length <= scratch.length) {
    input = scratch.subarray(0, 16 + scratch.write(name, 16, 'utf8'));
  } else if (typeof name === 'string') {
    input = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
    input.write(name, 16, 'utf8');
  } else {
    input = Buffer.allocUnsafe(16 + name.length);
    input.set(name, 16);
  }
  ns.copy(input, 0);
  // Hex text out of the hash is cheaper than a Buffer; the UUID is cut from it.
  const hex = hexDigest('sha1', input);
  // Version nibble 5; variant bits 10 (the top two bits of the 17th hex digit).
  const variant = VARIANT_DIGITS[parseInt(hex[16]!, 16) & 3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

const VARIANT_DIGITS = '89ab';

// Reused by every uuidV5 call for the namespace and a short name (calls never overlap: all synchronous).
const scratch = Buffer.allocUnsafeSlow(1024);

/** The SHA-256 of `data` (text as UTF-8, or bytes), lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return typeof oneShotHash === 'function' ? oneShotHash('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

function hexDigest(algorithm: string, data: Buffer): string {
  return typeof oneShotHash === 'function' ? oneShotHash(algorithm, data, 'hex') : crypto.createHash(algorithm).update(data).digest('hex');
}

// Namespaces are few (one in practice): their 16 bytes are parsed once.
const namespaces = new Map<string, Buffer>();
function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaces.get(namespace);
  if (!bytes) {
    if (!isUuid(namespace)) throw new Error(`uuidV5: namespace "${namespace}" is not a UUID`);
    bytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (namespaces.size < 16) namespaces.set(namespace, bytes);
  }
  return bytes;
}

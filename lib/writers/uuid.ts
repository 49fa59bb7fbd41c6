/**
 * Name-based UUIDs (version 5, RFC 9562 §5.5) for configuration profiles: the same name always
 * gives the same UUID, so a build is byte-stable, and a changed name gives a new one.
 */
import { createHash } from 'node:crypto';

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

/**
 * The version-5 UUID of `name` (UTF-8 text or bytes) in `namespace`, uppercase 8-4-4-4-12.
 * SHA-1 over namespace bytes ‖ name, version nibble 5, variant bits `10`.
 */
export function uuidV5(namespace: string, name: string | Uint8Array): string {
  const hash = createHash('sha1')
    .update(namespaceBytes(namespace))
    .update(typeof name === 'string' ? Buffer.from(name, 'utf8') : name)
    .digest()
    .subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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

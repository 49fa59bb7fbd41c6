/**
 * UTF-16 with a byte-order mark, for kind detection and the readers. Every UTF-16 code unit is two
 * bytes, so such a file with an odd number of bytes was cut short: {@link readArtifact} refuses it
 * with {@link UTF16_CUT_SHORT} before anything decodes it, and {@link utf16beText} never throws on
 * one (Node's `swap16()` does), for callers of the readers themselves.
 *
 * {@link readArtifact}: ../check/load.ts
 */

/** Why a file that starts with a UTF-16 byte-order mark and has an odd number of bytes is refused. */
export const UTF16_CUT_SHORT = 'the file starts with a UTF-16 byte-order mark but has an odd number of bytes: the file is cut short';

/** Whether the bytes start with a UTF-16 byte-order mark (FF FE little-endian, FE FF big-endian) and are odd in number. */
export function isCutShortUtf16(bytes: Uint8Array): boolean {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return bom && bytes.length % 2 === 1;
}

/** The text of UTF-16BE bytes (the mark already removed); a last odd byte is left out. */
export function utf16beText(body: Uint8Array): string {
  const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

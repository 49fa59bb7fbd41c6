/**
 * `not-utf8`: an XML artifact (plist, profile, fragment, ADMX/ADML) that is neither valid UTF-8
 * nor UTF-16 with a BOM, typically saved as Latin-1 / Windows-1252. Readers decode it as UTF-8
 * and silently turn every accented character into U+FFFD; macOS and Group Policy refuse it or
 * read other text. `import` refuses such files for the same reason.
 */
import { finding, type Finding } from '../../validate/findings';
import type { DetectedKind } from '../../read/detect';
import type { ArtifactRule } from '../types';

const XML_KINDS: readonly DetectedKind[] = ['mobileconfig', 'plist', 'preference-fragment', 'profile-manifest', 'admx', 'adml'];

/** The problem with an XML artifact's encoding, or undefined when it is UTF-8 or UTF-16 with a BOM. */
export function encodingProblem(kind: DetectedKind, bytes: Buffer): Finding | undefined {
  if (!XML_KINDS.includes(kind)) return undefined;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist') return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const at = firstBadByte(bytes);
    return finding('not-utf8', 'error', `line ${at.line}`, `the file is not valid UTF-8 (byte 0x${at.byte.toString(16).padStart(2, '0')} on line ${at.line}); it was probably saved as Latin-1 or Windows-1252`, 'save it as UTF-8 (and declare encoding="UTF-8")');
  }
}

function firstBadByte(bytes: Buffer): { line: number; byte: number } {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) line++;
    if (b < 0x80) continue;
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    const ok = len > 0 && i + len <= bytes.length && [...bytes.subarray(i + 1, i + len)].every((c) => (c & 0xc0) === 0x80);
    if (!ok) return { line, byte: b };
    i += len - 1;
  }
  return { line, byte: 0 };
}

/** Invalid UTF-8 in XML artifacts. */
export const textEncodingRule: ArtifactRule = {
  id: 'text-encoding',
  codes: ['not-utf8'],
  appliesTo: (kind) => XML_KINDS.includes(kind),
  check: (ctx) => {
    const f = encodingProblem(ctx.kind, ctx.input.bytes);
    return f ? [f] : [];
  },
};

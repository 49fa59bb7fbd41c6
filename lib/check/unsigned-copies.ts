/**
 * The unsigned copy a signed build writes: `build --sign-cert … --sign-key …` writes
 * `macos/<name>.mobileconfig` and, beside it, `macos/<name>.signed.mobileconfig`, whose signed
 * content is exactly the unsigned file's bytes. With `--ca`, the unsigned copy is not reported
 * `not-signed` when such a signed profile is among the files checked (the signed one is verified
 * in its place); an unsigned profile checked without its signed twin still is.
 */
import { createHash } from 'node:crypto';
import { looksSigned } from '../sign/cms';
import { parseSignedProfile } from '../sign/verify';
import type { ArtifactContext } from './types';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Unsigned `.mobileconfig` inputs whose bytes are the signed content of another input. */
export function unsignedCopies(contexts: readonly ArtifactContext[]): Set<ArtifactContext> {
  const signedContents = new Set<string>();
  for (const ctx of contexts) {
    if (ctx.kind !== 'signed-mobileconfig' || !looksSigned(ctx.input.bytes)) continue;
    try {
      const content = parseSignedProfile(ctx.input.bytes).content;
      if (content !== undefined) signedContents.add(sha256(content));
    } catch {
      // An unreadable envelope is reported by the reader; it vouches for nothing.
    }
  }
  const out = new Set<ArtifactContext>();
  if (signedContents.size === 0) return out;
  for (const ctx of contexts) {
    if (ctx.read.kind === 'mobileconfig' && !looksSigned(ctx.input.bytes) && signedContents.has(sha256(ctx.input.bytes))) out.add(ctx);
  }
  return out;
}

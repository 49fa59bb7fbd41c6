/**
 * Signed `.mobileconfig`: the signature must still cover the content, and the certificates must
 * be valid now. Without a trust anchor (`--ca`), integrity is checked against the embedded
 * certificates (the signature verifies and the content is unchanged; who signed is not judged);
 * with one, the reader has already verified the chain (`verifySignedProfile`), and this rule
 * adds the dates of every embedded certificate and the extended key usage of the signer.
 */
import { ekuStatus } from '../../sign/certs';
import { integrityFindings, parseSignedProfile, type ParsedSignedProfile } from '../../sign/verify';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactRule } from '../types';
import { pushAll } from '../../push-all';

const WHERE = 'signature';

/** Signature integrity, certificate dates and signer key usage of signed profiles. */
export const signatureRule: ArtifactRule = {
  id: 'signature',
  codes: ['certificate-expired', 'certificate-not-yet-valid', 'certificate-eku', 'content-digest-mismatch', 'malformed-signature', 'signature-invalid', 'signer-certificate-missing'],
  appliesTo: (kind) => kind === 'signed-mobileconfig',
  check: (ctx) => {
    let parsed: ParsedSignedProfile;
    try {
      parsed = parseSignedProfile(ctx.input.bytes);
    } catch {
      return []; // the reader already reported an unreadable envelope
    }
    const out: Finding[] = [];
    // Without a trust anchor, integrity only (as `import` checks it; the trust codes are left out).
    // With one, the reader has already verified the chain, integrity included.
    if (!ctx.caPem) pushAll(out, integrityFindings(parsed, ctx.now));
    for (const c of parsed.certificates) {
      if (ctx.now < c.notBefore) out.push(finding('certificate-not-yet-valid', 'warning', WHERE, `certificate "${c.subject}" is not valid before ${c.notBefore.toISOString()}`, 'devices show the profile as unverified until then'));
      if (ctx.now > c.notAfter) out.push(finding('certificate-expired', 'warning', WHERE, `certificate "${c.subject}" expired on ${c.notAfter.toISOString()}`, 'renew the certificate and re-sign; devices show an expired signer as unverified'));
    }
    for (const s of parsed.signers) {
      if (!s.certificate) continue;
      const eku = ekuStatus(s.certificate);
      if (eku === 'unsuitable') out.push(finding('certificate-eku', 'warning', WHERE, `signer certificate "${s.certificate.subject}" allows neither code signing nor email protection`, 'sign profiles with a certificate whose extended key usage includes codeSigning'));
    }
    return out;
  },
};

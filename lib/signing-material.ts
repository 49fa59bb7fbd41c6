/**
 * The signing error type and the shape check of signing material, apart from the signing code so
 * that `buildArtifacts` can check its options without loading the CMS and certificate code.
 */
import { kindOf } from './arg-check';

/** A signing problem the caller must fix (bad key, wrong passphrase, key/certificate mismatch …). */
export class SigningError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SigningError';
  }
}

/**
 * Checks the shape of signing material given from plain JavaScript or a config file: an object
 * with `certificatePem` and `privateKeyPem` strings, `chainPem` and `passphrase` strings when
 * given, `now` a valid Date when given. Throws {@link SigningError} with code `bad-option` naming
 * the field (never its value).
 */
export function checkSigningMaterial(options: unknown, name: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SigningError('bad-option', `${name} must be an object with certificatePem and privateKeyPem (PEM text), not ${kindOf(options)}`);
  }
  const o = options as Record<string, unknown>;
  const fields: [string, boolean, string][] = [
    ['certificatePem', true, 'the signer certificate as PEM text ("-----BEGIN CERTIFICATE-----"…)'],
    ['privateKeyPem', true, "the certificate's private key as PEM text"],
    ['chainPem', false, 'intermediate certificates as PEM text'],
    ['passphrase', false, "the private key's passphrase"],
  ];
  for (const [field, required, what] of fields) {
    const v = o[field];
    if (v === undefined && !required) continue;
    if (typeof v !== 'string') throw new SigningError('bad-option', `${name}.${field} must be a string: ${what}${required ? '' : ', or left out'}; got ${kindOf(v)}`);
  }
  const now = o['now'];
  if (now !== undefined && (!(now instanceof Date) || Number.isNaN(now.getTime()))) throw new SigningError('bad-option', `${name}.now must be a valid Date or left out, not ${kindOf(now)}`);
}

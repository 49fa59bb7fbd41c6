/**
 * A certificate's validity time is quoted clipped when it cannot be read. Node's X509Certificate
 * accepts any text in a UTCTime, so a hand-made certificate with a megabyte of digits there
 * reaches the reader's own time parsing (`timeOf` in `lib/sign/asn1.ts`); the message, and what
 * `build --sign-cert` prints, must stay short and still say what was wrong.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { algorithm, Asn1Error, contextConstructed, oid, parseAsn1, sequence, setOf, smallInt, TAG, timeOf, tlv } from '../../lib/sign/asn1';
import { createProfileSigner, SigningError } from '../../lib/sign';
import { CLIP_LENGTH } from '../../lib/escape/clip';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';

const BIG = 1_000_000;
/** For the CLI: as long as a certificate file may be (1 MiB of PEM) allows. */
const BIG_FILE = 600_000;
/** The longest message allowed: the fixed wording and one clipped quote. */
const MAX_MESSAGE = 300;

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';

/** A certificate (never validly signed: only its parsing matters) whose notBefore holds `notBefore` as a UTCTime. */
function certificateWithTime(notBefore: string): { certificatePem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(setOf([sequence(oid(COMMON_NAME), tlv(TAG.UTF8String, Buffer.from('long time test')))]));
  const validity = sequence(tlv(TAG.UTCTime, Buffer.from(notBefore, 'latin1')), tlv(TAG.UTCTime, Buffer.from('300101000000Z')));
  const tbs = sequence(contextConstructed(0, smallInt(2)), smallInt(1), algorithm(ECDSA_SHA256, false), name, validity, name, publicKey.export({ type: 'spki', format: 'der' }));
  const der = sequence(tbs, algorithm(ECDSA_SHA256, false), tlv(TAG.BIT_STRING, Buffer.from([0, 0])));
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  return { certificatePem, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a throw');
}

describe('a certificate time that cannot be read is quoted clipped', () => {
  test('timeOf: a megabyte UTCTime gives a short message that quotes its start', () => {
    const node = parseAsn1(tlv(TAG.UTCTime, Buffer.from('9'.repeat(BIG))));
    expect(() => timeOf(node)).toThrow(Asn1Error);
    const message = messageOf(() => timeOf(node));
    expect(message.length).toBeLessThan(MAX_MESSAGE);
    expect(message).toContain(`unsupported time "${'9'.repeat(CLIP_LENGTH - 1)}…`);
  });

  test('timeOf: a short bad time is still quoted whole', () => {
    expect(messageOf(() => timeOf(parseAsn1(tlv(TAG.GeneralizedTime, Buffer.from('yesterday')))))).toBe('unsupported time "yesterday"');
  });

  test('createProfileSigner: the certificate is refused with a short message', () => {
    const material = certificateWithTime('9'.repeat(BIG));
    let error: unknown;
    try {
      createProfileSigner(material);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SigningError);
    const message = (error as SigningError).message;
    expect(message.length).toBeLessThan(MAX_MESSAGE);
    expect(message).toMatch(/^certificate: not a readable X\.509 certificate \(unsupported time "9+…"\)$/);
  });

  test('build --sign-cert prints a short error, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-cert-time-'));
    try {
      const material = certificateWithTime('9'.repeat(BIG_FILE));
      writeFileSync(join(dir, 'cert.pem'), material.certificatePem);
      writeFileSync(join(dir, 'key.pem'), material.privateKeyPem);
      const r = await runCli(['build', join(EXAMPLES_DIR, 'bedrock.profile.json'), '--out', join(dir, 'out'), '--sign-cert', 'cert.pem', '--sign-key', 'key.pem'], { cwd: dir });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('unsupported time');
      expect(r.stdout.length + r.stderr.length).toBeLessThan(2_000);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

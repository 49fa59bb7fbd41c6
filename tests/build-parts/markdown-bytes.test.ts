/**
 * DEPLOY.md's shortcuts: its bytes are written through a scratch buffer instead of
 * Buffer.from(text, 'utf8'), and mdCodeCell returns plain values without a second pass. These
 * properties compare both with the straightforward definitions.
 */
import fc from 'fast-check';
import { mdCode, mdCodeCell } from '../../lib/escape/markdown';
import { utf8Bytes } from '../../lib/writers/deploy-md';

const SPECIAL = ['`', '|', ' ', '\\', '\t', '\n', '\u0000', '\u0085', '\u200e', '\u202e', '\uD800', '\uDC00', '😀', '•', 'é', '日', 'a', '-'];
const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((a) => a.join(''));

describe('DEPLOY.md shortcuts', () => {
  test('utf8Bytes equals Buffer.from(text, "utf8")', () => {
    fc.assert(
      fc.property(text, fc.nat({ max: 3000 }), (s, repeat) => {
        expect(utf8Bytes(s).equals(Buffer.from(s, 'utf8'))).toBe(true);
        const long = s.repeat(repeat % 50);
        expect(utf8Bytes(long).equals(Buffer.from(long, 'utf8'))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Past the scratch limit, and a buffer handed out is not overwritten by the next call.
    const big = `${'•'.repeat(400_000)}x`;
    expect(utf8Bytes(big).equals(Buffer.from(big, 'utf8'))).toBe(true);
    const first = utf8Bytes('first');
    utf8Bytes('second');
    expect(first.toString('utf8')).toBe('first');
  });

  test('mdCodeCell equals mdCode with pipes escaped', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(mdCodeCell(s)).toBe(mdCode(s).replace(/\|/g, '\\|'));
      }),
      { numRuns: 2000 },
    );
  });
});

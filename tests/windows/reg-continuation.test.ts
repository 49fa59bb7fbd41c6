/**
 * Hex values wrapped over `\`-continued lines are joined in linear time (fuzz audit, finding 4:
 * the join re-tested and rebuilt the growing line for every continuation, so 100,000 of them, a
 * 2.2 MB file, took 65-86 s), with exactly the result of the old join.
 */
import { joinContinuedLines, readReg } from '../../lib/read/reg';
import { K } from '../support/keys';
import { seededRandom } from '../support/seeded-random';

/** The join as it was (quadratic): the oracle for the result. */
function oracleJoin(lines: readonly string[], first: number): { line: string; last: number } {
  let i = first;
  let line = lines[i] ?? '';
  while (/\\\s*$/.test(line) && i + 1 < lines.length) {
    i++;
    line = line.replace(/\\\s*$/, '') + (lines[i] ?? '').trim();
  }
  return { line, last: i };
}

test('the join gives what the old join gave, for lines of backslashes, white space and blank lines', () => {
  const rnd = seededRandom(4242);
  const pieces = ['\\', ' ', '\t', '67,00,', 'a', '\\\\', '', '  \\  '];
  const piece = () => pieces[Math.floor(rnd() * pieces.length)] as string;
  for (let n = 0; n < 5000; n++) {
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 8) }, (_, i) => (i === 0 ? '"k"=hex:' : '') + Array.from({ length: Math.floor(rnd() * 4) }, piece).join(''));
    expect({ lines, got: joinContinuedLines(lines, 0) }).toEqual({ lines, got: oracleJoin(lines, 0) });
  }
});

test('100,000 continuation lines (2.2 MB) are read in well under 10 s, the value whole', () => {
  const body = `"${K.inferenceProvider}"=hex(2):${'67,00,\\\r\n  '.repeat(100_000)}00,00\r\n`;
  const text = `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n${body}`;
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  expect(bytes.length).toBeGreaterThan(2_000_000);
  const t = Date.now();
  const r = readReg(bytes);
  const ms = Date.now() - t;
  expect(r.entries).toHaveLength(1);
  expect(r.entries[0]).toMatchObject({ key: K.inferenceProvider, storedAs: 'REG_EXPAND_SZ', location: 'line 4' });
  expect(r.entries[0]?.raw).toBe('g'.repeat(100_000));
  // It took 65-86 s; linear, it takes well under a second on a quiet machine.
  expect(ms).toBeLessThan(10_000);
}, 150_000);

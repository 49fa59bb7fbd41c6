import fc from 'fast-check';
import { jsonSyntaxError, lineColumn } from '../../lib/encode/json-syntax';

describe('jsonSyntaxError', () => {
  test('agrees with JSON.parse on what is valid (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)))), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  test('points at the error without quoting the text', () => {
    const text = '{\n  "name": "x",\n  "key": sk-secret\n}';
    const err = jsonSyntaxError(text);
    expect(err).toBeDefined();
    expect(lineColumn(text, err!.offset)).toEqual({ line: 3, column: 10 });
    expect(err!.expected).not.toContain('secret');
    expect(jsonSyntaxError('{"a":1,}')?.expected).toBe('a double-quoted property name');
    expect(jsonSyntaxError('[1,2')?.expected).toBe('"," or "]"');
    expect(jsonSyntaxError('')?.expected).toContain('ends too early');
  });

  test('what JSON.parse refuses and random text seldom holds: raw TAB or line feed in a string, numbers with leading zeros', () => {
    for (const [text, offset, expected] of [
      ['{"key": "a\tb"}', 10, 'no raw control character inside a string (escape it)'],
      ['{"key": "line one\nline two"}', 17, 'no raw control character inside a string (escape it)'],
      ['{"hours": 007}', 11, '"," or "}"'],
      ['[-01]', 3, '"," or "]"'],
      ['01', 1, 'the end of the text'],
    ] as const) {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(jsonSyntaxError(text)).toEqual({ offset, expected });
    }
    // Their valid neighbours pass.
    for (const text of ['{"key": "a\\tb"}', '{"hours": 7}', '[-0.1]', '0']) expect(jsonSyntaxError(text)).toBeUndefined();
  });
});

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
});

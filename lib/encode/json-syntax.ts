/**
 * Where JSON text stops being valid, without quoting it. V8's `JSON.parse` messages quote part
 * of the text (which may hold a secret) and often give no position, so this small scanner finds
 * the offset of the first error and says what was expected there.
 */

/** The first syntax error of `text`, or `undefined` when it is valid JSON. */
export function jsonSyntaxError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (expected: string): never => {
    throw { offset: i, expected };
  };
  const value = (depth: number): void => {
    if (depth > 1000) fail('less nesting (more than 1000 levels)'); // also keeps the recursion far from the stack limit
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a double-quoted property name');
        string();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    const lit = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 400));
    if (lit) return void (i += lit[0].length);
    fail(i >= text.length ? 'a value (the text ends too early)' : 'a value (string, number, object, array, true, false or null)');
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('a valid escape sequence');
      } else if (c < ' ') fail('no raw control character inside a string (escape it)');
      else i++;
    }
    fail('a closing double quote');
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('the end of the text');
    return undefined;
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; expected: string };
    throw e;
  }
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

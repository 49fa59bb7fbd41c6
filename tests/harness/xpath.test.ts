import { TOOLS, describeIfTool, xpathOnFragment } from '../support/validators';
import { BAD_OMA_VALUE, OMA_VALUE, OMA_VALUE_DECODED } from './samples';
import { K } from '../support/keys';

describeIfTool(TOOLS.xpath)('harness: xpathOnFragment (xmllint --xpath)', () => {
  test('reads an escaped attribute back exactly', () => {
    const r = xpathOnFragment(OMA_VALUE, `string(/r/data[@id="${K.inferenceModels}"]/@value)`);
    expect(r.ok).toBe(true);
    expect(r.output).toBe(OMA_VALUE_DECODED);
    expect(JSON.parse(r.output)).toEqual(['claude-sonnet-4-5', { name: 'a&b' }]);
  });

  test('counts elements', () => {
    expect(xpathOnFragment(OMA_VALUE, 'count(/r/enabled)')).toEqual({ ok: true, output: '1' });
  });

  test('non-ASCII and apostrophes decode', () => {
    const r = xpathOnFragment(`<data id="x" value="caf&#xE9; &apos;&lt;😀&gt;"/>`, 'string(/r/data/@value)');
    expect(r).toEqual({ ok: true, output: "café '<😀>" });
  });

  test('unescaped quotes in the attribute fail', () => {
    const r = xpathOnFragment(BAD_OMA_VALUE, `string(/r/data[@id="${K.inferenceModels}"]/@value)`);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/attributes construct error/);
  });

  test('a value ending in a newline keeps it; a missing attribute gives an empty string', () => {
    expect(xpathOnFragment('<data value="x&#10;"/>', 'string(/r/data/@value)')).toEqual({ ok: true, output: 'x\n' });
    expect(xpathOnFragment('<data/>', 'string(/r/data/@value)')).toEqual({ ok: true, output: '' });
  });

  test('an XPath that selects nothing fails', () => {
    expect(xpathOnFragment(OMA_VALUE, '/r/disabled').ok).toBe(false);
  });
});

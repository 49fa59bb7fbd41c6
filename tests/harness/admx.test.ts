import { TOOLS, admxXref, describeIfTool, xmllintAdmxSchema } from '../support/validators';
import {
  BAD_ADML_NO_DISPLAYNAME,
  BAD_ADMX_CLASS,
  BAD_ADMX_DANGLING,
  BAD_ADMX_NAME,
  GOOD_ADML,
  GOOD_ADMX,
} from './samples';
import { K } from '../support/keys';

describeIfTool(TOOLS.admx)('harness: ADMX/ADML schema (xmllint --schema)', () => {
  test('good ADMX and ADML validate together', () => {
    const r = xmllintAdmxSchema([
      { name: 'Claude.admx', bytes: GOOD_ADMX },
      { name: 'en-US/Claude.adml', bytes: Buffer.from(GOOD_ADML, 'utf8') },
    ]);
    expect(r.output).toMatch(/Claude\.admx validates/);
    expect(r.output).toMatch(/Claude\.adml validates/);
    expect(r.ok).toBe(true);
  });

  test('UTF-16LE with BOM validates too', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(GOOD_ADMX.replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le'),
    ]);
    expect(xmllintAdmxSchema([{ name: 'Claude.admx', bytes: utf16 }]).ok).toBe(true);
  });

  test('class="Everyone" fails', () => {
    const r = xmllintAdmxSchema([{ name: 'Claude.admx', bytes: BAD_ADMX_CLASS }]);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/facet 'enumeration'/);
  });

  test('hyphenated policy name fails', () => {
    const r = xmllintAdmxSchema([{ name: 'Claude.admx', bytes: BAD_ADMX_NAME }]);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/facet 'pattern'/);
  });

  test('one bad file among good ones fails the whole call', () => {
    const r = xmllintAdmxSchema([
      { name: 'Claude.admx', bytes: GOOD_ADMX },
      { name: 'Claude.adml', bytes: BAD_ADML_NO_DISPLAYNAME },
    ]);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/Claude\.adml fails to validate/);
  });

  test('known gap: a dangling $(string.x) is schema-valid (why admx-xref.py is also needed)', () => {
    expect(xmllintAdmxSchema([{ name: 'Claude.admx', bytes: BAD_ADMX_DANGLING }]).ok).toBe(true);
  });
});

describeIfTool(TOOLS.admx)('harness: admx-xref.py', () => {
  test('good pair passes', () => {
    const r = admxXref(GOOD_ADMX, GOOD_ADML);
    expect(r.output).toContain('xref OK');
    expect(r.ok).toBe(true);
  });

  test('dangling $(string.doesNotExist) fails', () => {
    const r = admxXref(GOOD_ADMX.replace(`$(string.${K.inferenceModels}_Help)`, '$(string.doesNotExist)'), GOOD_ADML);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('policy explainText: $(string.doesNotExist) not in ADML');
    expect(admxXref(BAD_ADMX_DANGLING, GOOD_ADML).ok).toBe(false);
  });

  test('duplicate ADML string id fails', () => {
    const adml = GOOD_ADML.replace(
      '<string id="Claude">Claude</string>',
      '<string id="Claude">Claude</string>\n      <string id="Claude">Claude again</string>',
    );
    const r = admxXref(GOOD_ADMX, adml);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("duplicate string id 'Claude'");
  });

  test('presentation control of the wrong kind fails', () => {
    const adml = GOOD_ADML.replace(
      `<textBox refId="${K.inferenceModels}">\n          <label>Models</label>\n        </textBox>`,
      `<decimalTextBox refId="${K.inferenceModels}">Models</decimalTextBox>`,
    );
    const r = admxXref(GOOD_ADMX, adml);
    expect(r.ok).toBe(false);
    expect(r.output).toContain(`'${K.inferenceModels}' is text but control is decimalTextBox`);
  });
});

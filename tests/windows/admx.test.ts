import { createHash } from 'node:crypto';
import { ADMX_TEXT_MAX_LENGTH, CATALOG, HKLM_EXCLUSIVE_SINCE, isMdmKey, SECTIONS, WINDOWS_POLICY_KEY } from '../../lib/catalog';
import { lintAdmx } from '../../lib/lint/admx';
import { ADMX_PATH, ADML_PATH, computeAdmxBundle, writeAdmx, writeAdmxBundle } from '../../lib/writers/admx';
import { writeAdml } from '../../lib/writers/adml';
import { admxCategoryName, ADMX_NAMESPACE, ADMX_PREFIX, ADMX_REVISION, buildAdmxModel } from '../../lib/writers/admx-model';
import { BAD_ADMX_DANGLING, GOOD_ADML, GOOD_ADMX } from '../harness/samples';
import { admxXref, describeIfTool, TOOLS, xmllintAdmxSchema } from '../support/validators';
import { admxParser, type XmlNode } from './support';
import { K } from '../support/keys';

// The compute path (render + self-checks), not the bytes precomputed by `npm run generate`
// (tests/generated/catalog-artifacts.test.ts proves the two are equal).
const { admx: admxBytes, adml: admlBytes } = computeAdmxBundle();
const admx = admxBytes.toString('utf8');
const adml = admlBytes.toString('utf8');
const mdmKeys = CATALOG.filter(isMdmKey);

type Node = XmlNode;
const parser = admxParser(['category', 'policy', 'item', 'string', 'presentation', 'using', 'definition']);
const x = (parser.parse(admx) as Node).policyDefinitions as Node;
const l = (parser.parse(adml) as Node).policyDefinitionResources as Node;
const policies = ((x.policies as Node).policy as Node[]) ?? [];
const strings = new Map((((l.resources as Node).stringTable as Node).string as Node[]).map((s) => [s['@id'] as string, s['#text'] as string]));

describeIfTool(TOOLS.admx)('ADMX/ADML with independent tools', () => {
  it('validate against the vendored PolicyDefinitionFiles.xsd (xmllint)', () => {
    const r = xmllintAdmxSchema([
      { name: 'Claude.admx', bytes: admxBytes },
      { name: 'Claude.adml', bytes: admlBytes },
    ]);
    expect(r.output).toContain('Claude.admx validates');
    expect(r.output).toContain('Claude.adml validates');
    expect(r.ok).toBe(true);
  });

  it('pass admx-xref.py', () => {
    const r = admxXref(admxBytes, admlBytes);
    expect(r.output.trim()).toBe('xref OK');
    expect(r.ok).toBe(true);
  });
});

describe('ADMX/ADML bytes', () => {
  it('are UTF-8 without BOM with an utf-8 declaration and CRLF line ends only', () => {
    for (const [bytes, text] of [[admxBytes, admx], [admlBytes, adml]] as const) {
      expect(bytes[0]).toBe(0x3c); // "<": no BOM
      expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(bytes.length).toBeLessThan(1_000_000);
    }
  });

  it('are byte-identical across renders', () => {
    expect(writeAdmx()).toBe(admx);
    expect(writeAdml()).toBe(adml);
    expect(writeAdmx(buildAdmxModel())).toBe(writeAdmx(buildAdmxModel()));
  });

  it('are what writeAdmxBundle (precomputed by `npm run generate`) serves', () => {
    const served = writeAdmxBundle();
    expect(served.admx.equals(admxBytes)).toBe(true);
    expect(served.adml.equals(admlBytes)).toBe(true);
  });

  it('pass our lint with no finding at all', () => {
    expect(lintAdmx(admx, adml)).toEqual([]);
    expect(lintAdmx(admxBytes, admlBytes)).toEqual([]);
    // Registry paths are case-insensitive: the same key written in other case is the Claude key (mutation gap AL18).
    const otherCase = admx.split(`key="${WINDOWS_POLICY_KEY}"`).join(`key="${WINDOWS_POLICY_KEY.toLowerCase()}"`);
    expect(otherCase).not.toBe(admx);
    expect(lintAdmx(otherCase, adml)).toEqual([]);
  });
});

describe('ADMX structure', () => {
  it('has the stable namespace, no using, major.minor revision and its own supportedOn', () => {
    expect(x['@xmlns']).toBe('http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions');
    expect(x['@revision']).toBe(ADMX_REVISION);
    expect(x['@revision']).toMatch(/^[0-9]{1,4}\.[0-9]{1,5}$/);
    const ns = x.policyNamespaces as Node;
    expect(ns.target).toEqual({ '@prefix': ADMX_PREFIX, '@namespace': ADMX_NAMESPACE });
    expect(ADMX_NAMESPACE).toBe('Anthropic.Policies.ClaudeDesktop'); // changing it breaks Intune re-imports
    expect(ns.using).toBeUndefined();
    expect(admx).not.toContain('<using');
    expect((x.resources as Node)['@minRequiredRevision']).toBe(ADMX_REVISION);
    expect(l['@revision']).toBe(ADMX_REVISION);
    const defs = ((x.supportedOn as Node).definitions as Node).definition as Node[];
    expect(defs.map((d) => d['@name'])).toEqual(['SUPPORTED_ClaudeDesktop']);
  });

  it('has a root Claude category and one child per catalogue section that has MDM keys', () => {
    const cats = (x.categories as Node).category as Node[];
    expect(cats[0]).toMatchObject({ '@name': 'Claude' });
    expect(cats[0]!.parentCategory).toBeUndefined();
    const sections = SECTIONS.filter((s) => mdmKeys.some((k) => k.section === s.id));
    expect(cats.slice(1).map((c) => c['@name'])).toEqual(sections.map((s) => admxCategoryName(s.id)));
    for (const c of cats.slice(1)) {
      expect(c['@name']).toMatch(/^[A-Za-z0-9_]+$/);
      expect((c.parentCategory as Node)['@ref']).toBe('Claude');
    }
    for (const s of sections) expect(strings.get(admxCategoryName(s.id))).toBe(s.title);
  });

  it('has one Both-class policy per MDM key, in catalogue order, with one element named after the key under the Claude key', () => {
    expect(policies.map((p) => p['@name'])).toEqual(mdmKeys.map((k) => k.name));
    expect(CATALOG.some((k) => !isMdmKey(k) && admx.includes(`name="${k.name}"`))).toBe(false);
    for (const p of policies) {
      const def = mdmKeys.find((k) => k.name === p['@name'])!;
      expect(p['@class']).toBe('Both');
      expect(p['@key']).toBe(WINDOWS_POLICY_KEY);
      expect((p.parentCategory as Node)['@ref']).toBe(admxCategoryName(def.section));
      const elements = p.elements as Node;
      const kinds = Object.keys(elements).filter((k) => !k.startsWith('#'));
      expect(kinds).toHaveLength(1);
      const el = elements[kinds[0]!] as Node;
      expect(el['@id']).toBe(def.name);
      expect(el['@valueName']).toBe(def.name);
      expect(el['@key']).toBeUndefined(); // the policy's key, never a subkey
      const expectedKind = def.type === 'boolean' || (def.type === 'string' && def.enum) ? 'enum' : def.type === 'integer' ? 'decimal' : 'text';
      expect(kinds[0]).toBe(expectedKind);
      if (expectedKind === 'text') expect(el['@maxLength']).toBe(String(ADMX_TEXT_MAX_LENGTH));
      if (expectedKind === 'decimal') {
        expect(el['@storeAsText']).toBe('true');
        expect(el['@minValue']).toBe(String(def.minimum ?? 0));
        if (def.maximum !== undefined) expect(el['@maxValue']).toBe(String(def.maximum));
      }
      if (expectedKind === 'enum') {
        const values = (el.item as Node[]).map((i) => ((i.value as Node).string as string[])[0]);
        expect(values).toEqual(def.type === 'boolean' ? ['true', 'false'] : def.enum);
      }
    }
  });

  it('explains each policy from the catalogue, with the HKLM-over-HKCU rule', () => {
    for (const def of mdmKeys) {
      const text = strings.get(`${def.name}_Explain`)!;
      expect(text.startsWith(def.description)).toBe(true);
      expect(text).toContain(`since Claude Desktop ${HKLM_EXCLUSIVE_SINCE}, when any Claude policy value exists under HKEY_LOCAL_MACHINE`);
      expect(text).toContain(`REG_SZ value ${def.name} directly under ${WINDOWS_POLICY_KEY}`);
      if (def.secret) expect(text).toContain('Credential: this value is (or may contain) a secret.');
      if (def.deprecated) expect(text).toContain(`Deprecated: ${def.deprecated}`);
      if (def.unconfirmed) expect(text).toContain(`Unconfirmed: ${def.unconfirmed}`);
      if (def.default !== undefined) expect(text).toContain('Default when not set: ');
      if (def.type === 'integer' && def.maximum !== undefined) expect(text).toContain(`from ${def.minimum ?? 0} to ${def.maximum}`);
      for (const note of def.notes ?? []) expect(text).toContain(note);
      expect(strings.get(def.name)).toContain(def.name);
    }
  });

  it('pre-fills every decimal with the documented default, or with the lowest allowed value named as a placeholder', () => {
    const presentations = (((l.resources as Node).presentationTable as Node).presentation as Node[]) ?? [];
    const decimals = mdmKeys.filter((def) => buildAdmxModel().policies.find((p) => p.name === def.name)!.element.kind === 'decimal');
    expect(decimals.length).toBeGreaterThan(0);
    for (const def of decimals) {
      const box = presentations.find((p) => p['@id'] === def.name)!.decimalTextBox as Node;
      const prefill = Number(box['@defaultValue'] ?? '1'); // the schema's default for an omitted attribute
      const explain = strings.get(`${def.name}_Explain`)!;
      if (def.default !== undefined) {
        expect([def.name, prefill]).toEqual([def.name, def.default]);
        expect(explain).not.toContain('placeholder');
      } else {
        expect([def.name, prefill]).toEqual([def.name, def.minimum ?? 0]);
        expect(explain).toContain(`the editor pre-fills ${prefill}, the lowest allowed value, as a placeholder`);
      }
    }
  });

  it('has a catalogue default wherever a key description states one in words ("unset means N")', () => {
    // The ADML pre-fill, the explain text, the Jamf schema and the docs all read `default`; a
    // default written only in prose reaches none of them.
    const stated = CATALOG.flatMap((def) => [...(def.description ?? '').matchAll(/unset means (\d+)/g)].map((m) => [def.name, Number(m[1])] as const));
    expect(stated.length).toBeGreaterThan(0);
    for (const [name, n] of stated) expect([name, CATALOG.find((k) => k.name === name)!.default]).toEqual([name, n]);
  });

  it('ADMX_REVISION is bumped whenever the policy set changes (fingerprint pinned to the revision)', () => {
    // Structure only (names, elements, items, ranges, categories), not wording.
    const shape = buildAdmxModel().policies.map((p) => {
      const e = p.element;
      return [p.name, p.category, e.kind, e.kind === 'enum' ? e.items.map((i) => i.value) : e.kind === 'decimal' ? [e.minValue, e.maxValue] : e.maxLength];
    });
    const fingerprint = createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
    const PINNED: Record<string, string> = { '1.0': '6fa8c657a9a19e3d' };
    if (PINNED[ADMX_REVISION] !== fingerprint) {
      throw new Error(`the ADMX policy set changed (fingerprint ${fingerprint}); bump ADMX_REVISION in lib/writers/admx-model.ts and pin the new fingerprint here`);
    }
  });
});

/**
 * `text` with `pattern` replaced; throws a one-line error when the pattern matches nothing, so a
 * mutation that stops applying (the generated text changed) fails by saying so instead of
 * passing vacuously or printing the whole ADMX in a diff.
 */
function replaced(text: string, pattern: string | RegExp, replacement: string): string {
  const out = text.replace(pattern, replacement);
  if (out === text) throw new Error(`the mutation matched nothing in the generated text: ${String(pattern).slice(0, 200)}`);
  return out;
}

/** A revision above {@link ADMX_REVISION}, whatever it is bumped to. */
const REVISION_ABOVE = `${Number(ADMX_REVISION.split('.')[0]) + 1}.0`;

describe('lintAdmx catches broken bundles', () => {
  const cases: [string, () => [string, string], string][] = [
    ['a dangling $(string.x)', () => [admx, replaced(adml, new RegExp(String.raw`<string id="${K.inferenceModels}">[^<]*<\/string>\r\n`), '')], 'admx-missing-string'],
    ['a dangling $(presentation.x)', () => [replaced(admx, `presentation="$(presentation.${K.inferenceModels})"`, 'presentation="$(presentation.noSuchThing)"'), adml], 'admx-missing-presentation'],
    ['a control refId matching no element', () => [admx, replaced(adml, `<textBox refId="${K.inferenceModels}">`, '<textBox refId="inferenceModelz">')], 'adml-presentation-refid'],
    ['an element without a control', () => [admx, replaced(adml, `<textBox refId="${K.inferenceModels}">`, '<textBox refId="inferenceModelz">')], 'adml-missing-control'],
    ['a control of the wrong kind', () => [admx, replaced(adml, new RegExp(String.raw`<dropdownList refId="${K.inferenceProvider}"[^>]*>([^<]*)<\/dropdownList>`), `<textBox refId="${K.inferenceProvider}"><label>$1</label></textBox>`)], 'adml-control-kind'],
    ['a duplicate policy', () => [replaced(admx, new RegExp(`(<policy name=")${K.disableAutoUpdates}(")`), `$1${K.disableEssentialTelemetry}$2`), adml], 'admx-duplicate-policy'],
    ['a duplicate category', () => [replaced(admx, '<category name="Claude_Gateway"', '<category name="Claude_Connection"'), adml], 'admx-duplicate-category'],
    ['a duplicate string id', () => [admx, replaced(adml, '<string id="Claude_Gateway">', '<string id="Claude_Connection">')], 'adml-duplicate-string'],
    ['a duplicate presentation id', () => [admx, replaced(adml, `<presentation id="${K.inferenceCredentialKind}">`, `<presentation id="${K.inferenceProvider}">`)], 'adml-duplicate-presentation'],
    ['a policy name with a hyphen', () => [replaced(admx, `<policy name="${K.inferenceModels}"`, '<policy name="inference-models"'), adml], 'admx-name'],
    ['a using element', () => [replaced(admx, '</policyNamespaces>', '  <using prefix="windows" namespace="Microsoft.Policies.Windows"/>\r\n  </policyNamespaces>'), adml], 'admx-using'],
    ['a comboBox', () => [admx, replaced(replaced(adml, `<textBox refId="${K.inferenceModels}">`, `<comboBox refId="${K.inferenceModels}">`), new RegExp(String.raw`(<comboBox refId="${K.inferenceModels}">[\s\S]*?)<\/textBox>`), '$1</comboBox>')], 'adml-combobox'],
    ['ADML revision below minRequiredRevision', () => [replaced(admx, `minRequiredRevision="${ADMX_REVISION}"`, `minRequiredRevision="${REVISION_ABOVE}"`), adml], 'admx-revision'],
    ['a catalogue key without policy', () => [replaced(admx, new RegExp(String.raw`(<policy name="${K.disableAutoUpdates}"[\s\S]*?valueName=")${K.disableAutoUpdates}(")`), '$1somethingElse$2'), adml], 'admx-missing-key'],
    ['a multiText element', () => [replaced(admx, new RegExp(String.raw`<text id="${K.inferenceModels}" ([^>]*)\/>`), `<multiText id="${K.inferenceModels}" $1/>`), adml], 'admx-multitext'],
    ['a decimal without storeAsText', () => [replaced(admx, new RegExp(`(<decimal id="${K.autoUpdaterEnforcementHours}"[^>]*) storeAsText="true"`), '$1'), adml], 'admx-decimal-dword'],
    ['a text with the default 1023 maxLength', () => [replaced(admx, new RegExp(String.raw`(<text id="${K.inferenceModels}"[^>]*) maxLength="\d+"`), '$1'), adml], 'admx-text-maxlength'],
    ['a policy writing a subkey', () => [replaced(admx, new RegExp(String.raw`(<policy name="${K.inferenceModels}"[^>]*key=")SOFTWARE\\Policies\\Claude(")`), '$1SOFTWARE\\Policies\\Claude\\Models$2'), adml], 'admx-registry-key'],
    ['an undefined parent category', () => [replaced(admx, '<parentCategory ref="Claude_Connection"/>', '<parentCategory ref="windows:WindowsComponents"/>'), adml], 'admx-parent-category'],
    ['an undefined supportedOn', () => [replaced(admx, '<supportedOn ref="SUPPORTED_ClaudeDesktop"/>', '<supportedOn ref="SUPPORTED_Nothing"/>'), adml], 'admx-supported-on'],
    ['unescaped & in the ADML', () => [admx, replaced(adml, '>Claude Desktop<', '>Claude & Desktop<')], 'admx-not-well-formed'],
    ['a wrong default namespace', () => [replaced(admx, 'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"', 'xmlns="http://www.microsoft.com/GroupPolicy/PolicyDefinitions"'), adml], 'admx-root'],
  ];

  it.each(cases)('%s', (_label, mutate, code) => {
    const [bx, bl] = mutate();
    const findings = lintAdmx(bx, bl);
    expect(findings.map((f) => f.code)).toContain(code);
    const f = findings.find((g) => g.code === code)!;
    expect(f.file === ADMX_PATH || f.file === ADML_PATH).toBe(true);
    expect(f.message.length).toBeGreaterThan(10);
  });

  /** The enum element of a boolean key replaced by a `<boolean>` element with the given children. */
  const booleanElement = (inner: string): string =>
    replaced(admx, new RegExp(String.raw`<enum id="${K.disableAutoUpdates}" valueName="${K.disableAutoUpdates}"[^>]*>[\s\S]*?<\/enum>`), `<boolean id="${K.disableAutoUpdates}" valueName="${K.disableAutoUpdates}">${inner}</boolean>`);

  it('a boolean element stores REG_DWORD 1/0 unless its values are the strings true and false', () => {
    const dword = lintAdmx(booleanElement(''), adml).filter((f) => f.code === 'admx-boolean-dword');
    expect(dword.map((f) => [f.severity, f.file])).toEqual([['warning', ADMX_PATH]]);
    const strings = booleanElement('<trueValue><string>true</string></trueValue><falseValue><string>false</string></falseValue>');
    expect(lintAdmx(strings, adml).map((f) => f.code)).not.toContain('admx-boolean-dword');
  });

  it('storeAsText="1" is as good as "true" (both store REG_SZ decimal text)', () => {
    const one = replaced(admx, new RegExp(`(<decimal id="${K.autoUpdaterEnforcementHours}"[^>]*) storeAsText="true"`), '$1 storeAsText="1"');
    expect(lintAdmx(one, adml).map((f) => f.code)).not.toContain('admx-decimal-dword');
    const zero = replaced(admx, new RegExp(`(<decimal id="${K.autoUpdaterEnforcementHours}"[^>]*) storeAsText="true"`), '$1 storeAsText="false"');
    expect(lintAdmx(zero, adml).map((f) => f.code)).toContain('admx-decimal-dword');
  });

  it.each([['SYSTEM\\CurrentControlSet\\Claude'], ['SOFTWARE\\Microsoft\\Claude'], ['SOFTWARE\\Policies\\Microsoft\\Claude']])('a policy key under %s: a tree Intune refuses for imported ADMX', (key) => {
    const bx = replaced(admx, new RegExp(String.raw`(<policy name="${K.inferenceModels}"[^>]*key=")SOFTWARE\\Policies\\Claude(")`), `$1${key}$2`);
    const refused = lintAdmx(bx, adml).filter((f) => f.code === 'admx-registry-key' && /a registry tree Intune refuses/.test(f.message));
    expect(refused.map((f) => [f.severity, f.file])).toEqual([['error', ADMX_PATH]]);
  });

  it('a decimal enabledValue', () => {
    const bx = replaced(admx, new RegExp(String.raw`(<policy name="${K.disableAutoUpdates}"[^>]*>\r\n\s*<parentCategory[^>]*\/>\r\n\s*<supportedOn[^>]*\/>)`), '$1<enabledValue><decimal value="1"/></enabledValue>');
    expect(lintAdmx(bx, adml).map((f) => f.code)).toContain('admx-enabled-dword');
  });

  it('a hand-written third-party pair (enabledValue strings, policy-level valueName) has no errors, only missing keys', () => {
    const findings = lintAdmx(GOOD_ADMX, GOOD_ADML);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['admx-missing-key']));
    expect(findings.map((f) => f.key)).not.toContain(K.disableAutoUpdates);
    expect(findings.map((f) => f.key)).not.toContain(K.inferenceModels);
    expect(lintAdmx(BAD_ADMX_DANGLING, GOOD_ADML).map((f) => f.code)).toContain('admx-missing-string');
  });

  it('names the key that lost its policy', () => {
    const bx = replaced(admx, new RegExp(String.raw`(<policy name="${K.disableAutoUpdates}"[\s\S]*?valueName=")${K.disableAutoUpdates}(")`), '$1somethingElse$2');
    const missing = lintAdmx(bx, adml).filter((f) => f.code === 'admx-missing-key');
    expect(missing.map((f) => f.key)).toEqual([K.disableAutoUpdates]);
  });

  describeIfTool(TOOLS.admx)('and the independent admx-xref.py agrees on the cross-file breaks', () => {
    it.each(cases.filter(([, , code]) => ['admx-missing-string', 'admx-missing-presentation', 'adml-presentation-refid', 'adml-control-kind', 'admx-duplicate-policy', 'adml-duplicate-string', 'admx-using', 'adml-combobox', 'admx-revision'].includes(code)))('%s', (_label, mutate) => {
      const [bx, bl] = mutate();
      expect(admxXref(bx, bl).ok).toBe(false);
    });
  });
});

/**
 * Cross-file lint of an ADMX/ADML pair: what the XSD cannot see and what breaks Group Policy,
 * Intune's ADMX import or Claude Desktop. Works on our own bundle (the writer runs it on its
 * output) and on third-party or app-exported files.
 *
 * Checks: well-formedness and root/namespace; every `$(string.x)` / `$(presentation.x)` resolves;
 * presentation controls match their policy's elements both ways and by kind; no duplicate
 * policy/category/definition/string/presentation names; names are `[A-Za-z0-9_]`; no `using`
 * (Intune wants the used ADMX uploaded first); no `comboBox` (Intune import fails); no `multiText`
 * or `list` (Claude cannot read REG_MULTI_SZ or subkeys); registry key is the Claude policy key;
 * every MDM catalogue key has a policy (a retired name is `deprecated-name`, by its cut-off); DWORD-storing decimals, booleans and enabled/disabled values flagged; short text
 * `maxLength` flagged; ADML revision ≥ ADMX minRequiredRevision; Intune's 1 MB limit.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ADMX_TEXT_MAX_LENGTH, CATALOG, findKey, isMdmKey, WINDOWS_POLICY_KEY } from '../catalog';
import { clip } from '../escape/clip';
import { describeXmlError, describeXmlParseFailure } from '../read/xml-error';
import { deprecatedNameFinding } from '../migrate';
import { finding, type Finding, type Severity } from '../validate/findings';

/** Default namespace every ADMX and ADML must use. */
export const ADMX_XML_NAMESPACE = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
/** Intune's ADMX import limit per file. */
export const INTUNE_ADMX_MAX_BYTES = 1_000_000;

/** File names used in findings. */
export interface AdmxLintNames {
  /** The name findings about the ADMX carry as their `file` (default `Claude.admx`). */
  readonly admx: string;
  /** The name findings about the ADML carry as their `file` (default `en-US/Claude.adml`). */
  readonly adml: string;
}

/** Which ADML control each ADMX element kind needs. */
const CONTROL_FOR: Record<string, string> = {
  text: 'textBox',
  decimal: 'decimalTextBox',
  longDecimal: 'longDecimalTextBox',
  enum: 'dropdownList',
  boolean: 'checkBox',
  multiText: 'multiTextBox',
  list: 'listBox',
};
const ELEMENT_KINDS = new Set(Object.keys(CONTROL_FOR));
const ID = /^[\p{L}\p{N}_]+$/u;
const ASCII_ID = /^[A-Za-z0-9_]+$/;
const REF = /\$\((string|presentation)\.([^)]*)\)/g;
const INTUNE_REFUSED_KEY = /^(software\\policies\\microsoft|software\\microsoft|system)(\\|$)/i;

/**
 * A name or attribute from the file, as a place or message shows it: clipped (`lib/escape/clip.ts`),
 * since a hostile file can hold a megabyte-long name. Only for showing; names are matched in full.
 */
const shown = (text: string | undefined): string => clip(String(text));

interface XNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XNode[];
  readonly text: string;
}

/** How {@link lintAdmx} judges what depends on the day. */
export interface AdmxLintOptions {
  /**
   * The moment a policy that writes a retired key name is judged at (default: now): a
   * `deprecated-name` warning before the name's cut-off, an error from it on.
   */
  readonly now?: Date;
}

/**
 * Lints an ADMX file against its ADML (one language). Returns findings; an empty list means the
 * pair passed every check. Accepts text or bytes (UTF-8, or UTF-16LE with BOM).
 */
export function lintAdmx(admx: string | Buffer, adml: string | Buffer, names: AdmxLintNames = { admx: 'Claude.admx', adml: 'en-US/Claude.adml' }, options: AdmxLintOptions = {}): Finding[] {
  const out: Finding[] = [];
  const add = (file: string, code: string, severity: Severity, path: string, message: string, hint?: string, key?: string): void => {
    out.push({ ...finding(code, severity, path, message, hint, key), file });
  };

  for (const [file, data] of [[names.admx, admx], [names.adml, adml]] as const) {
    const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (size > INTUNE_ADMX_MAX_BYTES) add(file, 'admx-size', 'error', 'file', `${size} bytes, over Intune's ${INTUNE_ADMX_MAX_BYTES}-byte limit for imported ADMX/ADML`, 'split the policies over several ADMX files');
  }
  const x = parse(admx, names.admx, add);
  const l = parse(adml, names.adml, add);
  if (!x || !l) return out;
  if (x.name !== 'policyDefinitions' || x.attrs.xmlns !== ADMX_XML_NAMESPACE) {
    add(names.admx, 'admx-root', 'error', 'root', `root must be <policyDefinitions xmlns="${ADMX_XML_NAMESPACE}">`);
    return out;
  }
  if (l.name !== 'policyDefinitionResources' || l.attrs.xmlns !== ADMX_XML_NAMESPACE) {
    add(names.adml, 'adml-root', 'error', 'root', `root must be <policyDefinitionResources xmlns="${ADMX_XML_NAMESPACE}">`);
    return out;
  }

  // ADML tables.
  const strings = descendants(l, 'string').filter((s) => s.attrs.id !== undefined);
  const presentations = descendants(l, 'presentation');
  duplicates(strings.map((s) => s.attrs.id ?? ''), (id) => add(names.adml, 'adml-duplicate-string', 'error', `string ${shown(id)}`, `string id ${shown(id)} is defined more than once`, 'Group Policy refuses duplicate string ids; keep one'));
  duplicates(presentations.map((p) => p.attrs.id ?? ''), (id) => add(names.adml, 'adml-duplicate-presentation', 'error', `presentation ${shown(id)}`, `presentation id ${shown(id)} is defined more than once`, 'keep one'));
  for (const s of strings) checkName(s.attrs.id, names.adml, `string ${shown(s.attrs.id)}`, 'string id', add);
  for (const p of presentations) checkName(p.attrs.id, names.adml, `presentation ${shown(p.attrs.id)}`, 'presentation id', add);
  const stringIds = new Set(strings.map((s) => s.attrs.id));
  const presById = new Map(presentations.map((p) => [p.attrs.id ?? '', p]));
  for (const c of descendants(l, 'comboBox')) {
    add(names.adml, 'adml-combobox', 'error', `comboBox ${shown(c.attrs.refId ?? '')}`, 'Intune\'s ADMX import rejects any comboBox', 'use a textBox (free text) or a dropdownList (fixed values)');
  }

  // ADMX header.
  for (const u of descendants(x, 'using')) {
    add(names.admx, 'admx-using', 'error', `using ${shown(u.attrs.prefix ?? '')}`, `uses namespace ${shown(u.attrs.namespace ?? '?')}`, 'Intune needs that ADMX uploaded first; define your own supportedOn and categories instead');
  }
  const target = descendants(x, 'target')[0];
  if (!target) add(names.admx, 'admx-target', 'error', 'policyNamespaces', 'no <target prefix namespace> in policyNamespaces');
  const resources = child(x, 'resources');
  const minRev = resources?.attrs.minRequiredRevision;
  const admlRev = l.attrs.revision;
  if (!minRev || !admlRev || !isVersion(minRev) || !isVersion(admlRev)) {
    add(names.adml, 'admx-revision', 'error', 'revision', 'ADMX resources/@minRequiredRevision and ADML @revision must both be major.minor');
  } else if (compareVersions(admlRev, minRev) < 0) {
    add(names.adml, 'admx-revision', 'error', 'revision', `ADML revision ${admlRev} is below the ADMX minRequiredRevision ${minRev}`, 'regenerate the ADML with the ADMX, or raise its revision');
  }

  // Strings and presentations referenced from any ADMX attribute.
  walk(x, (n) => {
    for (const [attr, val] of Object.entries(n.attrs)) {
      for (const m of val.matchAll(REF)) {
        const [kind, id] = [m[1], m[2] ?? ''];
        const ok = kind === 'string' ? stringIds.has(id) : presById.has(id);
        if (!ok) add(names.admx, `admx-missing-${kind ?? 'string'}`, 'error', `${shown(n.name)} ${shown(n.attrs.name ?? n.attrs.id ?? '')} @${shown(attr)}`.replace(/\s+@/, ' @'), `$(${kind}.${clip(id)}) is not defined in ${names.adml}`, `add <${kind === 'string' ? 'string' : 'presentation'} id="${clip(id)}"> to the ADML`);
      }
    }
  });

  // Categories and supportedOn definitions.
  const categories = descendants(x, 'category');
  const definitions = descendants(x, 'definition');
  duplicates(categories.map((c) => c.attrs.name ?? ''), (n) => add(names.admx, 'admx-duplicate-category', 'error', `category ${shown(n)}`, `category ${shown(n)} is defined more than once`));
  duplicates(definitions.map((d) => d.attrs.name ?? ''), (n) => add(names.admx, 'admx-duplicate-definition', 'error', `supportedOn ${shown(n)}`, `supportedOn definition ${shown(n)} is defined more than once`));
  for (const c of categories) checkName(c.attrs.name, names.admx, `category ${shown(c.attrs.name)}`, 'category name', add);
  const categoryNames = new Set(categories.map((c) => c.attrs.name));
  const definitionNames = new Set(definitions.map((d) => d.attrs.name));
  walk(x, (n) => {
    if (n.name === 'parentCategory' && !resolvesLocal(n.attrs.ref, categoryNames)) {
      add(names.admx, 'admx-parent-category', 'error', `parentCategory ${shown(n.attrs.ref ?? '')}`, `category ${clip(n.attrs.ref ?? '?')} is not defined in this file`, 'define the category, or (only with <using>) prefix it with the used namespace');
    }
    if (n.name === 'supportedOn' && n.attrs.ref !== undefined && !resolvesLocal(n.attrs.ref, definitionNames)) {
      add(names.admx, 'admx-supported-on', 'error', `supportedOn ${shown(n.attrs.ref)}`, `supportedOn ${shown(n.attrs.ref)} is not defined in this file`, 'add your own <supportedOn><definitions><definition>');
    }
  });

  // Policies.
  const policies = descendants(x, 'policy');
  duplicates(policies.map((p) => p.attrs.name ?? ''), (n) => add(names.admx, 'admx-duplicate-policy', 'error', `policy ${shown(n)}`, `policy ${shown(n)} is defined more than once`));
  const written = new Set<string>();
  for (const p of policies) {
    const pname = p.attrs.name ?? '';
    const where = `policy ${shown(pname)}`;
    checkName(pname, names.admx, where, 'policy name', add);
    const regKey = p.attrs.key ?? '';
    if (INTUNE_REFUSED_KEY.test(regKey)) add(names.admx, 'admx-registry-key', 'error', where, `key ${clip(regKey)} is in a registry tree Intune refuses for imported ADMX`);
    const claudeKey = regKey.toLowerCase() === WINDOWS_POLICY_KEY.toLowerCase();
    const elements = child(p, 'elements')?.children.filter((e) => e.name !== '#text') ?? [];
    const ids = new Map<string, string>();
    for (const e of elements) {
      const id = e.attrs.id ?? '';
      const at = `${where} element ${shown(id)}`;
      const kindOk = ELEMENT_KINDS.has(e.name);
      if (!kindOk) continue;
      if (ids.has(id)) add(names.admx, 'admx-duplicate-element', 'error', where, `element id ${shown(id)} is used twice in the policy`);
      ids.set(id, e.name);
      checkName(id, names.admx, at, 'element id', add);
      const elementKey = (e.attrs.key ?? regKey).toLowerCase() === WINDOWS_POLICY_KEY.toLowerCase();
      const valueName = e.attrs.valueName;
      if (e.name === 'multiText') add(names.admx, 'admx-multitext', 'error', at, 'multiText stores REG_MULTI_SZ, which Claude Desktop cannot read', 'use a text element holding compact JSON');
      if (e.name === 'list') add(names.admx, 'admx-list', 'error', at, 'list writes a subkey, which Claude Desktop never reads', 'use a text element holding compact JSON');
      if (e.name === 'decimal' || e.name === 'longDecimal') {
        if (e.attrs.storeAsText !== 'true' && e.attrs.storeAsText !== '1') add(names.admx, 'admx-decimal-dword', 'warning', at, `${e.name} without storeAsText="true" stores a REG_DWORD/REG_QWORD number`, 'Claude documents REG_SZ decimal text; add storeAsText="true"');
      }
      if (e.name === 'boolean' && !hasStringValues(e)) add(names.admx, 'admx-boolean-dword', 'warning', at, 'a boolean element without <trueValue><string>true</string> stores REG_DWORD 1/0', 'store the strings "true" and "false"');
      if (e.name === 'text') {
        const max = Number(e.attrs.maxLength ?? '1023');
        if (max < ADMX_TEXT_MAX_LENGTH) add(names.admx, 'admx-text-maxlength', 'warning', at, `text maxLength is ${max}; Group Policy and Intune cut longer values (JSON lists grow past 1023 easily)`, `set maxLength="${ADMX_TEXT_MAX_LENGTH}"`);
      }
      if (elementKey && valueName) written.add(valueName);
      if (elementKey && valueName && claudeKey && !findKey(valueName)) {
        // An ADMX from before a rename writes the old name: judged by its cut-off, as in every other file kind.
        const renamed = deprecatedNameFinding(valueName, at, { now: options.now ?? new Date() });
        if (renamed) out.push({ ...renamed, file: names.admx });
        else add(names.admx, 'admx-unknown-value', 'warning', at, `writes ${clip(valueName)}, which is not a Claude Desktop key in the catalogue`, undefined);
      }
      if (elementKey && valueName && valueName !== pname && findKey(valueName)) add(names.admx, 'admx-value-name', 'warning', where, `policy ${shown(pname)} writes the Claude key ${valueName}; name the policy after the key`, undefined, valueName);
    }
    if (p.attrs.valueName && claudeKey) written.add(p.attrs.valueName);
    for (const v of ['enabledValue', 'disabledValue']) {
      const value = child(p, v);
      if (value && (child(value, 'decimal') || child(value, 'longDecimal'))) add(names.admx, 'admx-enabled-dword', 'warning', where, `${v} is a number, which stores REG_DWORD/REG_QWORD`, `store the strings "true" and "false": <${v}><string>…</string></${v}>`);
    }
    if (!claudeKey && !elements.some((e) => e.attrs.key?.toLowerCase() === WINDOWS_POLICY_KEY.toLowerCase())) {
      add(names.admx, 'admx-registry-key', 'error', where, `writes under ${clip(regKey) || '(no key)'}, not ${WINDOWS_POLICY_KEY}`, 'Claude Desktop reads values directly under SOFTWARE\\Policies\\Claude only (no subkeys)');
    }

    // Presentation controls against elements, both ways and by kind.
    const presRef = /^\$\(presentation\.(.*)\)$/.exec(p.attrs.presentation ?? '');
    const pres = presRef ? presById.get(presRef[1] ?? '') : undefined;
    const controls = new Map<string, string>();
    for (const c of pres?.children ?? []) if (c.attrs.refId !== undefined) controls.set(c.attrs.refId, c.name);
    for (const [id, kind] of ids) {
      const control = controls.get(id);
      if (control === undefined) add(names.adml, 'adml-missing-control', 'error', where, `element ${shown(id)} has no control in ${pres ? `presentation ${shown(pres.attrs.id ?? '')}` : 'any presentation'}`, `add <${CONTROL_FOR[kind] ?? 'textBox'} refId="${shown(id)}"> to the policy's presentation`);
      else if (control !== CONTROL_FOR[kind] && !(kind === 'text' && control === 'comboBox')) add(names.adml, 'adml-control-kind', 'error', where, `element ${shown(id)} is ${kind} but its control is ${shown(control)}`, `use ${CONTROL_FOR[kind] ?? '?'}`);
    }
    for (const refId of controls.keys()) {
      if (!ids.has(refId)) add(names.adml, 'adml-presentation-refid', 'error', where, `control refId ${shown(refId)} matches no element of policy ${shown(pname)}`, 'make refId equal to the element id');
    }
  }

  for (const def of CATALOG) {
    if (isMdmKey(def) && !written.has(def.name)) {
      add(names.admx, 'admx-missing-key', 'warning', 'policies', `no policy writes ${def.name}`, 'regenerate the ADMX from the current catalogue', def.name);
    }
  }
  return out;
}

type Add = (file: string, code: string, severity: Severity, path: string, message: string, hint?: string, key?: string) => void;

function parse(data: string | Buffer, file: string, add: Add): XNode | undefined {
  const text = typeof data === 'string' ? data.replace(/^\uFEFF/, '') : decodeBytes(data);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    add(file, 'admx-not-well-formed', 'error', `line ${valid.err.line}`, `not well-formed XML: ${describeXmlError(valid.err, text)}`, 'Group Policy and Intune refuse the file; fix it at that place or regenerate it');
    return undefined;
  }
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: false });
  let doc: unknown[];
  try {
    doc = parser.parse(text) as unknown[];
  } catch (e) {
    add(file, 'admx-not-well-formed', 'error', 'file', `not well-formed XML: ${describeXmlParseFailure(e)}`, 'Group Policy and Intune refuse the file; remove the DOCTYPE or regenerate the file');
    return undefined;
  }
  const root = toTree(doc).find((n) => n.name !== '#text');
  if (!root) add(file, 'admx-not-well-formed', 'error', 'file', 'no root element');
  return root;
}

function decodeBytes(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('utf8');
}

function toTree(nodes: unknown[]): XNode[] {
  const out: XNode[] = [];
  for (const raw of nodes) {
    const n = raw as Record<string, unknown>;
    const attrs = (n[':@'] ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(n)) {
      if (k === ':@' || k.startsWith('?')) continue;
      if (k === '#text') {
        out.push({ name: '#text', attrs: {}, children: [], text: String(v) });
        continue;
      }
      const children = toTree(Array.isArray(v) ? v : []);
      const local = k.includes(':') ? k.slice(k.indexOf(':') + 1) : k;
      out.push({ name: local, attrs, children, text: children.filter((c) => c.name === '#text').map((c) => c.text).join('') });
    }
  }
  return out;
}

function walk(n: XNode, fn: (n: XNode) => void): void {
  fn(n);
  for (const c of n.children) walk(c, fn);
}

function descendants(n: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  walk(n, (d) => {
    if (d.name === name) out.push(d);
  });
  return out;
}

function child(n: XNode, name: string): XNode | undefined {
  return n.children.find((c) => c.name === name);
}

function duplicates(names: readonly string[], report: (name: string) => void): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const n of names) {
    if (seen.has(n) && !reported.has(n)) {
      report(n);
      reported.add(n);
    }
    seen.add(n);
  }
}

function checkName(name: string | undefined, file: string, where: string, what: string, add: Add): void {
  if (!name || !ID.test(name)) add(file, 'admx-name', 'error', where, `${what} "${clip(name ?? '')}" must be letters, digits and _ only`, 'Group Policy rejects dots, hyphens and spaces in names');
  else if (!ASCII_ID.test(name)) add(file, 'admx-name', 'warning', where, `${what} "${clip(name)}" has non-ASCII letters`, 'Intune\'s ADMX import accepts [A-Za-z0-9_] only');
}

function resolvesLocal(ref: string | undefined, defined: ReadonlySet<string | undefined>): boolean {
  if (!ref) return false;
  // A prefixed reference points into a <using> namespace, which is reported separately.
  if (ref.includes(':')) return false;
  return defined.has(ref);
}

function hasStringValues(e: XNode): boolean {
  const t = child(e, 'trueValue');
  const f = child(e, 'falseValue');
  return !!t && !!f && !!child(t, 'string') && !!child(f, 'string');
}

function isVersion(v: string): boolean {
  return /^[0-9]{1,4}\.[0-9]{1,5}$/.test(v);
}

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am !== bm ? am - bm : an - bn;
}

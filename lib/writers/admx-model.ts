/**
 * The one mapping from catalogue keys to Group Policy: which ADMX element each key becomes, its
 * strings and its presentation. The ADMX writer, the ADML writer, the Intune OMA-URI writer and the
 * ADMX lint all read this model; nothing else decides how a key looks in Group Policy.
 *
 * Design (see the explain text each policy carries):
 * - Every policy has class `Both`: one definition shows under Computer Configuration (HKLM) and
 *   User Configuration (HKCU), and Intune can address it as `./Device` or `./User`. Two policy sets
 *   would need two names per key and two OMA-URI trees for the same registry value.
 * - Every policy has exactly one element, whose `valueName` is the key name, under
 *   `SOFTWARE\Policies\Claude`, and every element stores REG_SZ: `text` for strings, numbers, JSON
 *   lists and objects (maxLength {@link ADMX_TEXT_MAX_LENGTH}); `enum` of `<string>` values for
 *   string enums and for booleans ("true"/"false"); `decimal storeAsText` for integers.
 * - Booleans are a true/false dropdown rather than enabledValue/disabledValue: Enabled always
 *   writes exactly the chosen Claude string, Disabled and Not Configured always remove the value
 *   (no "Enabled means disabled" for `disable…` keys), and every Intune row has the same
 *   `<enabled/><data id value/>` shape.
 */
import {
  ADMX_TEXT_MAX_LENGTH,
  CATALOG,
  CATALOG_APP_VERSION,
  HKLM_EXCLUSIVE_SINCE,
  isMdmKey,
  SECTIONS,
  WINDOWS_POLICY_KEY,
  type KeyDef,
} from '../catalog';
import { FORMATS } from '../catalog/formats';
import { describeSince } from '../catalog/version';
import { encodeValue } from '../encode';

/** `target namespace` of Claude.admx. Keep it stable: Intune cannot re-import an existing namespace. */
export const ADMX_NAMESPACE = 'Anthropic.Policies.ClaudeDesktop';
/** `target prefix` of Claude.admx. */
export const ADMX_PREFIX = 'claude';
/**
 * Revision of the ADMX/ADML pair (major.minor). Bump it whenever the generated policies change;
 * a test pins a fingerprint of the policy set to this revision so a catalogue change cannot ship
 * under an old revision.
 */
export const ADMX_REVISION = '1.0';
/** ADMX schema version (always 1.0 for the published schema). */
export const ADMX_SCHEMA_VERSION = '1.0';
/** Base name of the files: `Claude.admx`, `en-US/Claude.adml`. */
export const ADMX_FILE_BASE = 'Claude';
/** The only ADML language we ship (Intune's import wants en-US). */
export const ADML_LANGUAGE = 'en-US';
/** Root category every section category hangs under. */
export const ADMX_ROOT_CATEGORY = 'Claude';
/** Name of our own supportedOn definition (no `using` of Windows.admx, which Intune would demand first). */
export const ADMX_SUPPORTED_ON = 'SUPPORTED_ClaudeDesktop';
/** Policy class of every policy: HKLM from Computer Configuration, HKCU from User Configuration. */
export const ADMX_POLICY_CLASS = 'Both';
/**
 * Upper bound of a `decimal` element for integers without a catalogue maximum. The schema allows
 * unsigned 32-bit values; Chromium's templates use this cap, which gpedit's spin box handles.
 */
export const ADMX_DECIMAL_CAP = 2000000000;
/** Largest value an ADMX `decimal` can hold (xs:unsignedInt). */
const UNSIGNED_INT_MAX = 4294967295;
/** Longest `<string>` inside an ADMX `<value>` (schema limit). */
const VALUE_STRING_MAX = 255;
const ID = /^[A-Za-z0-9_]+$/;

/** One entry of the ADML string table. */
export interface AdmlString {
  readonly id: string;
  readonly text: string;
}

/** One item of an `enum` element: the ADML label and the REG_SZ text it stores. */
export interface AdmxEnumItem {
  readonly label: AdmlString;
  readonly value: string;
}

/** A `text` element (ADML `textBox`): stores the typed text as REG_SZ. */
export interface AdmxTextElement {
  readonly kind: 'text';
  readonly id: string;
  readonly valueName: string;
  readonly maxLength: number;
  /** Pre-filled text in the editor (the app default), if any. */
  readonly defaultValue?: string;
}

/** A `decimal storeAsText` element (ADML `decimalTextBox`): stores the number as decimal REG_SZ. */
export interface AdmxDecimalElement {
  readonly kind: 'decimal';
  readonly id: string;
  readonly valueName: string;
  readonly minValue: number;
  readonly maxValue: number;
  /** Pre-filled number in the editor. */
  readonly defaultValue: number;
}

/** An `enum` element of `<string>` values (ADML `dropdownList`): stores the chosen item's text as REG_SZ. */
export interface AdmxEnumElement {
  readonly kind: 'enum';
  readonly id: string;
  readonly valueName: string;
  readonly items: readonly AdmxEnumItem[];
  /** Index of the pre-selected item (the app default), if any. */
  readonly defaultItem?: number;
}

/** The one element of a policy. */
export type AdmxElement = AdmxTextElement | AdmxDecimalElement | AdmxEnumElement;

/** One Group Policy policy: one catalogue key. */
export interface AdmxPolicy {
  /** Policy name = key name. */
  readonly name: string;
  readonly def: KeyDef;
  readonly class: typeof ADMX_POLICY_CLASS;
  /** Registry key below the hive (no hive): `SOFTWARE\Policies\Claude`. */
  readonly registryKey: string;
  /** Name of the category the policy sits in. */
  readonly category: string;
  readonly displayName: AdmlString;
  readonly explain: AdmlString;
  /** Presentation id (= policy name). */
  readonly presentationId: string;
  /** Label of the presentation control. */
  readonly label: string;
  readonly element: AdmxElement;
}

/** One category (root or section). */
export interface AdmxCategory {
  readonly name: string;
  /** Parent category name (same file, so no prefix); undefined for the root. */
  readonly parent?: string;
  readonly displayName: AdmlString;
  readonly explain: AdmlString;
}

/** Everything the ADMX and ADML writers need, in output order. */
export interface AdmxModel {
  readonly namespace: string;
  readonly prefix: string;
  readonly revision: string;
  readonly schemaVersion: string;
  readonly minRequiredRevision: string;
  readonly supportedOn: { readonly name: string; readonly displayName: AdmlString };
  readonly categories: readonly AdmxCategory[];
  readonly policies: readonly AdmxPolicy[];
  /** ADML `<displayName>` and `<description>`. */
  readonly resources: { readonly displayName: string; readonly description: string };
}

/** A value Group Policy would store for a policy: the registry value it writes. */
export interface AdmxStoredValue {
  readonly valueName: string;
  readonly type: 'REG_SZ';
  readonly data: string;
}

/** Thrown when a setting's value cannot be entered in its policy (out of range, not an item, too long). */
export class AdmxValueError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'AdmxValueError';
  }
}

/** The ADMX category name of a catalogue section: `Claude_` + the section id in PascalCase. */
export function admxCategoryName(sectionId: string): string {
  const pascal = sectionId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${ADMX_ROOT_CATEGORY}_${pascal}`;
}

/** ADML string id of an enum item label; items with the same text share one string. */
function itemStringId(value: string): string {
  return `Item_${value.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * THE mapping of one catalogue key to its Group Policy policy (element, strings, presentation).
 * Throws for a key that cannot be a policy (a catalogue bug: bad name, enum value over 255 chars).
 */
export function admxPolicyFor(def: KeyDef): AdmxPolicy {
  if (!ID.test(def.name)) throw new Error(`catalogue key ${def.name}: ADMX names allow only letters, digits and _`);
  const element = elementFor(def);
  return {
    name: def.name,
    def,
    class: ADMX_POLICY_CLASS,
    registryKey: WINDOWS_POLICY_KEY,
    category: admxCategoryName(def.section),
    displayName: { id: def.name, text: displayNameFor(def) },
    explain: lazyString(`${def.name}_Explain`, () => explainFor(def, element)),
    presentationId: def.name,
    label: labelFor(def, element),
    element,
  };
}

/**
 * An ADML string whose text is made on first read. The explain texts (100 KB for the catalogue)
 * are read only when the ADMX/ADML pair is rendered, which a build normally takes precomputed
 * (generated/catalog-artifacts/); the Intune rows need the policies' names and elements only.
 * `text` is an enumerable own property after the first read, like a plain { id, text }.
 */
function lazyString(id: string, make: () => string): AdmlString {
  const s = { id } as { id: string; text: string };
  Object.defineProperty(s, 'text', {
    enumerable: true,
    configurable: true,
    get() {
      const text = make();
      Object.defineProperty(s, 'text', { value: text, enumerable: true, writable: false, configurable: false });
      return text;
    },
  });
  return s;
}

function elementFor(def: KeyDef): AdmxElement {
  const base = { id: def.name, valueName: def.name };
  if (def.type === 'boolean' || (def.type === 'string' && def.enum && def.enum.length > 0)) {
    const values = def.type === 'boolean' ? ['true', 'false'] : [...(def.enum ?? [])];
    for (const v of values) {
      if (v.length > VALUE_STRING_MAX) throw new Error(`catalogue key ${def.name}: enum value longer than ${VALUE_STRING_MAX} characters cannot be an ADMX item`);
    }
    const items = values.map((v) => ({ label: { id: itemStringId(v), text: v }, value: v }));
    const defaultText = def.default === undefined ? undefined : encodeValue(def.type, def.default, def.name);
    const index = defaultText === undefined ? -1 : values.indexOf(defaultText);
    return index >= 0 ? { kind: 'enum', ...base, items, defaultItem: index } : { kind: 'enum', ...base, items };
  }
  if (def.type === 'integer') {
    const minValue = def.minimum ?? 0;
    const maxValue = def.maximum ?? ADMX_DECIMAL_CAP;
    // A decimal element holds unsigned 32-bit numbers only; anything else is entered as text.
    if (Number.isInteger(minValue) && Number.isInteger(maxValue) && minValue >= 0 && maxValue <= UNSIGNED_INT_MAX && minValue <= maxValue) {
      return { kind: 'decimal', ...base, minValue, maxValue, defaultValue: decimalPrefill(def, minValue, maxValue) };
    }
  }
  const text: AdmxTextElement = { kind: 'text', ...base, maxLength: ADMX_TEXT_MAX_LENGTH };
  return def.default === undefined ? text : { ...text, defaultValue: encodeValue(def.type, def.default, def.name) };
}

/**
 * The number gpedit and Intune pre-fill in a decimal box (ADML `defaultValue`; the schema makes an
 * omitted attribute mean 1, so there is always one). With a documented default it is that default,
 * so accepting the editor's number changes nothing. Without one no number means "unset", and any
 * choice is a decision the admin did not make: the lowest allowed value is the one number the
 * range guarantees valid, and the explain text says it is a placeholder to replace
 * ({@link decimalPrefillIsPlaceholder}). A documented default outside the range is a catalogue bug.
 */
function decimalPrefill(def: KeyDef, minValue: number, maxValue: number): number {
  if (def.default === undefined) return minValue;
  if (typeof def.default !== 'number' || !Number.isInteger(def.default) || def.default < minValue || def.default > maxValue) {
    throw new Error(`catalogue key ${def.name}: default ${JSON.stringify(def.default)} is not a whole number from ${minValue} to ${maxValue}`);
  }
  return def.default;
}

/** True when a decimal element's pre-filled number is not a documented default (see decimalPrefill). */
export function decimalPrefillIsPlaceholder(def: KeyDef): boolean {
  return def.default === undefined;
}

function displayNameFor(def: KeyDef): string {
  const marks = [def.deprecated ? 'deprecated' : '', def.unconfirmed ? 'unconfirmed' : '', def.beta ? 'beta' : ''].filter(Boolean);
  return marks.length > 0 ? `${def.name} (${marks.join(', ')})` : def.name;
}

function labelFor(def: KeyDef, element: AdmxElement): string {
  if (element.kind === 'decimal') return `${def.name} (${element.minValue} to ${element.maxValue}):`;
  if (def.type === 'stringList' || def.type === 'object' || def.type === 'objectList') return `${def.name} (JSON on one line):`;
  return `${def.name}:`;
}

/** Words for what to enter, per type. */
function valueWords(def: KeyDef, element: AdmxElement): string {
  const fields = def.fields ? ` Fields: ${Object.keys(def.fields).join(', ')}.` : '';
  switch (def.type) {
    case 'boolean':
      return 'Value: choose true or false.';
    case 'string':
      if (element.kind === 'enum') return `Value: choose one of ${element.items.map((i) => i.value).join(', ')}.`;
      return `Value: text${def.format ? `, ${FORMATS[def.format].expected}` : ''}${def.patternHint ? ` (${def.patternHint})` : ''}.`;
    case 'integer':
      if (element.kind === 'decimal') {
        const cap = def.maximum === undefined ? ` (the app sets no upper limit; ${ADMX_DECIMAL_CAP} is this template's limit)` : '';
        return `Value: a whole number from ${element.minValue} to ${element.maxValue}${cap}, stored as decimal text.`;
      }
      return `Value: a whole number written in decimal digits${def.minimum !== undefined ? `, at least ${def.minimum}` : ''}${def.maximum !== undefined ? `, at most ${def.maximum}` : ''}.`;
    case 'number':
      return `Value: a decimal number such as 1.25${def.minimum !== undefined ? `, at least ${def.minimum}` : ''}${def.maximum !== undefined ? `, at most ${def.maximum}` : ''}.`;
    case 'stringList':
      return `Value: a JSON array of strings on one line, such as ["a","b"]${def.enum ? `; items from ${def.enum.join(', ')}` : ''}.`;
    case 'object':
      return `Value: a JSON object on one line, such as {"Name":"value"}.${fields}`;
    case 'objectList':
      return `Value: a JSON array on one line, such as [{"name":"x"}].${fields}`;
  }
}

function explainFor(def: KeyDef, element: AdmxElement): string {
  const lines: string[] = [def.description, '', valueWords(def, element)];
  if (def.default !== undefined) lines.push(`Default when not set: ${encodeValue(def.type, def.default, def.name)}.`);
  if (element.kind === 'decimal' && decimalPrefillIsPlaceholder(def)) {
    lines.push(`No default is documented: the editor pre-fills ${element.defaultValue}, the lowest allowed value, as a placeholder; replace it with the value you want.`);
  }
  lines.push(`Applies to: ${def.providers === 'all' ? 'every inference provider' : `the ${def.providers.join(', ')} provider${def.providers.length > 1 ? 's' : ''}`}.`);
  lines.push(`First read by: ${describeSince(def.since)}.`);
  if (def.beta) lines.push('Beta: the app marks this setting as Beta.');
  if (def.deprecated) lines.push(`Deprecated: ${def.deprecated}`);
  if (def.unconfirmed) lines.push(`Unconfirmed: ${def.unconfirmed}`);
  if (def.secret) {
    lines.push(
      'Credential: this value is (or may contain) a secret. Policy values are stored in plain text in the registry and in Group Policy or Intune, ' +
        'where local users can read them; prefer a credential helper where the provider allows one.',
    );
  }
  for (const legacy of def.legacyNames ?? []) lines.push(`Older name: ${legacy.name}${legacy.cutoff ? ` (read until ${legacy.cutoff.slice(0, 10)})` : ''}; set only ${def.name}.`);
  for (const note of def.notes ?? []) lines.push(`Note: ${note}`);
  lines.push(
    '',
    `Registry: REG_SZ value ${def.name} directly under ${WINDOWS_POLICY_KEY}, in HKEY_LOCAL_MACHINE when set under Computer Configuration ` +
      'and in HKEY_CURRENT_USER when set under User Configuration. Enabled writes the value; Disabled or Not Configured removes it, so the app default applies.',
    '',
    `Computer and User policy are not merged: since Claude Desktop ${HKLM_EXCLUSIVE_SINCE}, when any Claude policy value exists under HKEY_LOCAL_MACHINE ` +
      'the app ignores every Claude policy under HKEY_CURRENT_USER. Set all Claude policies under Computer Configuration, or all under User Configuration.',
  );
  return lines.join('\n');
}

let cached: AdmxModel | undefined;

/**
 * The whole Group Policy model of the catalogue: one category per section with MDM keys, one
 * policy per MDM key, in catalogue order. Checks that names, string ids and presentation ids are
 * unique and valid (throws on a catalogue bug).
 */
export function buildAdmxModel(): AdmxModel {
  if (cached) return cached;
  const policies = CATALOG.filter(isMdmKey).map(admxPolicyFor);
  const used = new Set(policies.map((p) => p.category));
  const root: AdmxCategory = {
    name: ADMX_ROOT_CATEGORY,
    displayName: { id: ADMX_ROOT_CATEGORY, text: 'Claude Desktop' },
    explain: { id: `${ADMX_ROOT_CATEGORY}_Explain`, text: 'Claude Desktop settings for third-party inference (LLM gateway, Amazon Bedrock, Google Vertex AI, Microsoft Foundry, Anthropic API).' },
  };
  const categories: AdmxCategory[] = [root];
  for (const s of SECTIONS) {
    const name = admxCategoryName(s.id);
    if (!used.has(name)) continue;
    categories.push({ name, parent: ADMX_ROOT_CATEGORY, displayName: { id: name, text: s.title }, explain: { id: `${name}_Explain`, text: s.description } });
  }
  const model: AdmxModel = {
    namespace: ADMX_NAMESPACE,
    prefix: ADMX_PREFIX,
    revision: ADMX_REVISION,
    schemaVersion: ADMX_SCHEMA_VERSION,
    minRequiredRevision: ADMX_REVISION,
    supportedOn: { name: ADMX_SUPPORTED_ON, displayName: { id: ADMX_SUPPORTED_ON, text: 'Claude Desktop with third-party inference (each policy names the first build that reads it)' } },
    categories,
    policies,
    resources: {
      displayName: 'Claude Desktop',
      description: `Group Policy settings for Claude Desktop third-party inference, generated from the key catalogue of Claude Desktop ${CATALOG_APP_VERSION}.`,
    },
  };
  checkModel(model);
  cached = model;
  return model;
}

/** The ADML string table of a model, in output order, each id once. */
export function admlStrings(model: AdmxModel): AdmlString[] {
  const out = new Map<string, AdmlString>();
  const add = (s: AdmlString): void => {
    const prev = out.get(s.id);
    if (prev && prev.text !== s.text) throw new Error(`ADML string id ${s.id} is used for two different texts`);
    out.set(s.id, s);
  };
  add(model.supportedOn.displayName);
  for (const c of model.categories) {
    add(c.displayName);
    add(c.explain);
  }
  for (const p of model.policies) {
    add(p.displayName);
    add(p.explain);
    if (p.element.kind === 'enum') for (const i of p.element.items) add(i.label);
  }
  return [...out.values()];
}

/**
 * The ids {@link admlStrings} returns, in the same order, with the same check (one id, two
 * different texts: throws), comparing texts only where an id occurs more than once, so that the
 * lazily made explain texts are not made just to be compared with nothing.
 */
function admlStringIds(model: AdmxModel): string[] {
  const all: AdmlString[] = [model.supportedOn.displayName];
  for (const c of model.categories) all.push(c.displayName, c.explain);
  for (const p of model.policies) {
    all.push(p.displayName, p.explain);
    if (p.element.kind === 'enum') for (const i of p.element.items) all.push(i.label);
  }
  const first = new Map<string, AdmlString>();
  for (const s of all) {
    const prev = first.get(s.id);
    if (prev === undefined) first.set(s.id, s);
    else if (prev.text !== s.text) throw new Error(`ADML string id ${s.id} is used for two different texts`);
  }
  return [...first.keys()];
}

function checkModel(model: AdmxModel): void {
  const problems: string[] = [];
  const unique = (kind: string, names: readonly string[]): void => {
    const seen = new Set<string>();
    for (const n of names) {
      if (!ID.test(n)) problems.push(`${kind} ${n} has characters other than letters, digits and _`);
      if (seen.has(n)) problems.push(`duplicate ${kind} ${n}`);
      seen.add(n);
    }
  };
  unique('policy name', model.policies.map((p) => p.name));
  unique('category name', model.categories.map((c) => c.name));
  unique('presentation id', model.policies.map((p) => p.presentationId));
  try {
    unique('string id', admlStringIds(model));
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length > 0) throw new Error(`ADMX model is inconsistent (a catalogue or mapping bug): ${problems.join('; ')}`);
}

/** The category path of a policy from the root, e.g. `['Claude', 'Claude_Connection']`. */
export function admxCategoryPath(policy: AdmxPolicy, model: AdmxModel = buildAdmxModel()): string[] {
  const byName = new Map(model.categories.map((c) => [c.name, c]));
  const path: string[] = [];
  for (let c = byName.get(policy.category); c; c = c.parent ? byName.get(c.parent) : undefined) path.unshift(c.name);
  return path;
}

/** The policy of a key, or undefined when the key is not an MDM key of the catalogue. */
export function admxPolicyByName(name: string, model: AdmxModel = buildAdmxModel()): AdmxPolicy | undefined {
  return model.policies.find((p) => p.name === name);
}

/**
 * The element value an admin enters (or Intune's `<data value>`) to make the policy store
 * `encoded`, Claude's string for the setting. Throws {@link AdmxValueError} naming the key when
 * the policy cannot express it (enum value not offered, integer out of the element's range,
 * text longer than maxLength). The message never contains text values (they may be secrets).
 */
export function admxDataValue(policy: AdmxPolicy, encoded: string): string {
  const el = policy.element;
  switch (el.kind) {
    case 'text':
      if (encoded.length > el.maxLength) {
        throw new AdmxValueError(policy.name, `value is ${encoded.length} characters long; the policy's text box holds at most ${el.maxLength}`);
      }
      return encoded;
    case 'decimal': {
      const n = /^(0|[1-9][0-9]*)$/.test(encoded) ? Number(encoded) : NaN;
      if (!(n >= el.minValue && n <= el.maxValue)) {
        throw new AdmxValueError(policy.name, `${encoded} is outside the policy's range ${el.minValue} to ${el.maxValue}; use a whole number in that range or deliver this key by .reg`);
      }
      return String(n);
    }
    case 'enum': {
      const item = el.items.find((i) => i.value === encoded);
      if (!item) throw new AdmxValueError(policy.name, `"${encoded}" is not one of the policy's values (${el.items.map((i) => i.value).join(', ')})`);
      return item.value;
    }
  }
}

/**
 * What Group Policy writes to the registry when the policy is enabled with element value `data`
 * (as returned by {@link admxDataValue}): always REG_SZ, because text stores the text, decimal
 * elements are `storeAsText` and enum items hold `<string>` values.
 */
export function admxStoredValue(policy: AdmxPolicy, data: string): AdmxStoredValue {
  const el = policy.element;
  const stored = el.kind === 'enum' ? (el.items.find((i) => i.value === data)?.value ?? '') : el.kind === 'decimal' ? String(Number(data)) : data;
  return { valueName: el.valueName, type: 'REG_SZ', data: stored };
}

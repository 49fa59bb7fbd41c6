/**
 * `docs/keys.md`: the reference of every Claude Desktop key, generated from the catalogue by
 * `npm run generate` (a test fails when the committed file is stale). Same facts as `explain`,
 * as Markdown: catalogue → view model (checked against `schemas/views/keys-md.schema.json`) →
 * `templates/keys.md.hbs`.
 */
import { CATALOG, CATALOG_APP_VERSION, SECTIONS, type KeyDef } from '../catalog';
import { mdAnchor } from '../escape/markdown';
import '../render/markdown-escapers';
import { renderTemplate } from '../render/template';
import { describeKey, providersText, setByText, TYPE_NAMES, type KeyFact } from './key-description';

/** Where the reference is kept in the package. */
export const KEYS_DOC_PATH = 'docs/keys.md';

/** One key in the reference: its row in the section table and its own entry. */
export interface KeysDocKey {
  name: string;
  anchor: string;
  description: string;
  /** The short type name for the table. */
  typeName: string;
  /** Type and constraints, in full. */
  type: string;
  providers: string;
  setBy: string;
  fieldsLabel: string;
  fields: { path: string; required: boolean; spec: string; default?: string; description: string }[];
  facts: KeyFact[];
}

/** The view model of `templates/keys.md.hbs`. */
export interface KeysDocView {
  keyCount: number;
  catalogAppVersion: string;
  sections: { title: string; anchor: string; description: string; keys: KeysDocKey[] }[];
  /** Retired key names, each with the key that replaced it. */
  retired: { name: string; replacement: string; replacementAnchor: string; cutoff: string }[];
  retiredAnchor: string;
}

// Headings the template writes itself, whose anchors the generated ones must not repeat.
const RETIRED_HEADING = 'Retired names';
const FIXED_HEADINGS = ['Contents', RETIRED_HEADING];

function docKey(key: KeyDef): KeysDocKey {
  const d = describeKey(key);
  return {
    name: key.name,
    anchor: mdAnchor(key.name),
    description: d.description,
    typeName: TYPE_NAMES[key.type],
    type: d.type,
    providers: providersText(key),
    setBy: setByText(key),
    fieldsLabel: d.fieldsLabel,
    fields: d.fields.map((f) => ({ path: f.path, required: f.required, spec: f.spec, ...(f.default !== undefined ? { default: f.default } : {}), description: f.description })),
    facts: [...d.facts],
  };
}

/** The view model of the reference: every catalogue key by section, then the retired names. */
export function keysDocView(): KeysDocView {
  const sections = SECTIONS.map((s) => ({ title: s.title, anchor: mdAnchor(s.title), description: s.description, keys: CATALOG.filter((k) => k.section === s.id).map(docKey) })).filter((s) => s.keys.length > 0);
  const retired = CATALOG.flatMap((k) => (k.legacyNames ?? []).map((l) => ({ name: l.name, replacement: k.name, replacementAnchor: mdAnchor(k.name), cutoff: l.cutoff ? l.cutoff.slice(0, 10) : '' }))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Links go to headings by their anchor: two headings with one anchor would send a link to the wrong one.
  const anchors = [...FIXED_HEADINGS.map(mdAnchor), ...sections.flatMap((s) => [s.anchor, ...s.keys.map((k) => k.anchor)])];
  const twice = anchors.filter((a, i) => anchors.indexOf(a) !== i);
  if (twice.length) throw new Error(`docs/keys.md: headings share the anchors ${[...new Set(twice)].join(', ')}`);
  return { keyCount: CATALOG.length, catalogAppVersion: CATALOG_APP_VERSION, sections, retired, retiredAnchor: mdAnchor(RETIRED_HEADING) };
}

/** The text of `docs/keys.md` (UTF-8, LF). */
export function keysMarkdown(): string {
  return renderTemplate('keys.md.hbs', 'keys-md', keysDocView());
}

/**
 * The Claude.admx an Intune ADMXInstall row carries. Intune ingests it before any policy row can
 * apply, so a broken ADMX there voids every row, and a row naming a policy it lacks fails. The
 * text is checked as `check` checks a standalone ADMX (well-formedness, entity declarations,
 * `lintAdmx`), and its policies are listed so each setting row can be matched against the ADMX
 * actually installed. Messages never quote the ADMX text: a damaged file may have other rows'
 * values (secrets) spliced into it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ADMX_XML_NAMESPACE, lintAdmx } from '../lint/admx';
import { finding, type Finding } from '../validate/findings';

/** A policy of the installed ADMX, as a setting row must name it. */
export interface InstalledPolicy {
  /** Its categories from the root, joined with `~` as in the OMA-URI (`Claude~Claude_Gateway`). */
  readonly categoryPath: string;
  /** `Machine`, `User` or `Both`: which of `./Device` and `./User` may set it. */
  readonly class: string;
}

/** What the row's ADMX holds. */
export interface InstalledAdmx {
  /** Policy name → where it sits; undefined when the ADMX cannot be read (a finding says why). */
  readonly policies?: ReadonlyMap<string, InstalledPolicy>;
  /** Problems of the ADMX, located at the row. */
  readonly findings: readonly Finding[];
}

const ADMX_NAME = 'Claude.admx';
// Intune ingests the ADMX alone: an empty ADML stands in, and what only the ADML could settle is left out.
const EMPTY_ADML = `<policyDefinitionResources xmlns="${ADMX_XML_NAMESPACE}" revision="1.0" schemaVersion="1.0"><displayName/><description/><resources><stringTable/><presentationTable/></resources></policyDefinitionResources>`;
const NEEDS_ADML = new Set(['admx-missing-string', 'admx-missing-presentation']);
const INGEST = 'Intune cannot ingest it, so none of the policy rows apply';
const FIX = 'rebuild the rows with build --formats intune and upload them whole: the ADMXInstall row carries the Claude.admx of that build';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, isArray: (name) => name === 'policy' || name === 'category' || name === 'parentCategory' });

// Every build's rows carry the same ADMX: the last one read is kept (lint costs far more than the comparison).
let last: { text: string; policies?: ReadonlyMap<string, InstalledPolicy>; problems: readonly Finding[] } | undefined;

/** Reads and lints the ADMX text of an ADMXInstall row; findings carry `location`. */
export function readInstalledAdmx(text: string, location: string): InstalledAdmx {
  if (last?.text !== text) last = { text, ...readAdmx(text) };
  const findings = last.problems.map((f) => ({ ...f, path: location }));
  return last.policies ? { policies: last.policies, findings } : { findings };
}

/** The ADMX's problems (their place is set per row) and, when it can be read, its policies. */
function readAdmx(text: string): { policies?: ReadonlyMap<string, InstalledPolicy>; problems: Finding[] } {
  const problem = (code: string, severity: Finding['severity'], message: string, hint?: string, key?: string): Finding => finding(code, severity, '', message, hint, key);
  const problems: Finding[] = [];
  if (/<!ENTITY/i.test(text)) problems.push(problem('xml-entity', 'error', `the ${ADMX_NAME} this row installs declares XML entities (<!ENTITY …>); an ADMX has no DTD`, 'remove the DOCTYPE and entity declarations'));
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // Position only: the validator's own message quotes the text it stopped at.
    problems.push(problem('admx-not-well-formed', 'error', `the ${ADMX_NAME} this row installs is not well-formed XML (its line ${valid.err.line}, column ${valid.err.col}): ${INGEST}`, FIX));
    return { problems };
  }
  for (const f of lintAdmx(text, EMPTY_ADML, { admx: ADMX_NAME, adml: 'ADML' })) {
    if (f.file !== ADMX_NAME || NEEDS_ADML.has(f.code)) continue;
    problems.push(problem(f.code, f.severity, `the ${ADMX_NAME} this row installs: ${f.path}: ${f.message}`, f.hint, f.key));
  }
  const policies = policiesOf(text);
  return policies ? { policies, problems } : { problems };
}

type Attrs = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Policy name → category path and class, or undefined when the root is not `policyDefinitions` (lintAdmx reports it). */
function policiesOf(text: string): ReadonlyMap<string, InstalledPolicy> | undefined {
  const root = (parser.parse(text) as Attrs).policyDefinitions as Attrs | undefined;
  if (typeof root !== 'object' || root === null) return undefined;
  const list = (parent: unknown, name: string): Attrs[] => {
    const v = typeof parent === 'object' && parent !== null ? (parent as Attrs)[name] : undefined;
    return Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Attrs[]) : [];
  };
  const parentOf = (node: Attrs): string | undefined => str(list(node, 'parentCategory')[0]?.ref);
  const categoryParent = new Map<string, string | undefined>();
  for (const c of list(root.categories, 'category')) {
    const name = str(c.name);
    if (name !== undefined && !categoryParent.has(name)) categoryParent.set(name, parentOf(c));
  }
  const path = (category: string | undefined): string => {
    const names: string[] = [];
    // Bounded: a cycle of parentCategory refs (lintAdmx does not look for one) must not loop.
    for (let c = category; c !== undefined && names.length <= categoryParent.size; c = categoryParent.get(c)) names.unshift(c);
    return names.join('~');
  };
  const out = new Map<string, InstalledPolicy>();
  for (const p of list(root.policies, 'policy')) {
    const name = str(p.name);
    if (name !== undefined && !out.has(name)) out.set(name, { categoryPath: path(parentOf(p)), class: str(p.class) ?? '' });
  }
  return out;
}

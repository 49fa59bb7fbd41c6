/**
 * ADMX writer: `Claude.admx` from the ADMX model (one policy per MDM catalogue key), and the
 * checked ADMX + ADML bundle. UTF-8 without BOM with `encoding="utf-8"` and CRLF: CRLF like
 * Group Policy's own files, UTF-8 to stay far below Intune's 1 MB limit (UTF-16 would double it)
 * and because the ADMX text is pasted as-is into Intune's ADMXInstall OMA-URI row.
 */
import { formatFinding } from '../validate/findings';
import { ADML_LANGUAGE, ADMX_FILE_BASE, buildAdmxModel, type AdmxModel, type AdmxPolicy } from './admx-model';
import { precomputedCatalogArtifact } from './catalog-artifacts';

// The compute path's modules (templates, the XML checker, the ADMX lint, the ADML writer) are
// loaded only when the precomputed bundle cannot be used: a build normally loads none of them.
/* eslint-disable @typescript-eslint/no-require-imports -- on-demand loading of the compute path */
const template = () => require('../render/template') as typeof import('../render/template');
const lint = () => require('../lint/admx') as typeof import('../lint/admx');
const admlWriter = () => require('./adml') as typeof import('./adml');
const xmlValidator = () => (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLValidator;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Paths of the bundle inside a PolicyDefinitions folder. */
export const ADMX_PATH = `${ADMX_FILE_BASE}.admx`;
export const ADML_PATH = `${ADML_LANGUAGE}/${ADMX_FILE_BASE}.adml`;

/** Thrown when the generated bundle fails its own checks (a bug in the model or templates). */
export class AdmxWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdmxWriteError';
  }
}

/** The ADMX view model: plain, ordered data for templates/admx.hbs. */
export function admxView(model: AdmxModel = buildAdmxModel()): object {
  return {
    revision: model.revision,
    schemaVersion: model.schemaVersion,
    prefix: model.prefix,
    namespace: model.namespace,
    minRequiredRevision: model.minRequiredRevision,
    supportedOn: { name: model.supportedOn.name, stringId: model.supportedOn.displayName.id },
    categories: model.categories.map((c) => ({ name: c.name, stringId: c.displayName.id, explainId: c.explain.id, parent: c.parent ?? null })),
    policies: model.policies.map((p) => policyView(p, model)),
  };
}

function policyView(p: AdmxPolicy, model: AdmxModel): object {
  const el = p.element;
  return {
    name: p.name,
    class: p.class,
    stringId: p.displayName.id,
    explainId: p.explain.id,
    presentationId: p.presentationId,
    key: p.registryKey,
    category: p.category,
    supportedOn: model.supportedOn.name,
    text: el.kind === 'text' ? { id: el.id, valueName: el.valueName, maxLength: el.maxLength } : null,
    decimal: el.kind === 'decimal' ? { id: el.id, valueName: el.valueName, minValue: el.minValue, maxValue: el.maxValue } : null,
    enum: el.kind === 'enum' ? { id: el.id, valueName: el.valueName, items: el.items.map((i) => ({ stringId: i.label.id, value: i.value })) } : null,
  };
}

/** The ADMX text (CRLF line ends). Use {@link writeAdmxBundle} for checked bytes. */
export function writeAdmx(model: AdmxModel = buildAdmxModel()): string {
  return template().renderTemplate('admx.hbs', 'admx', admxView(model)).replace(/\r?\n/g, '\r\n');
}

/** The ADMX + ADML pair as bytes. */
export interface AdmxBundle {
  /** Claude.admx ({@link ADMX_PATH}): UTF-8 without BOM, CRLF. {@link writeAdmxBundle} gives every caller the same buffer: do not modify it. */
  readonly admx: Buffer;
  /** en-US/Claude.adml ({@link ADML_PATH}): the policies' en-US strings and presentations, same encoding; shared likewise. */
  readonly adml: Buffer;
}

let cachedBundle: AdmxBundle | undefined;

/**
 * Claude.admx and en-US/Claude.adml, checked: the bytes `npm run generate` precomputed (after
 * {@link computeAdmxBundle}'s checks) when they are current for this catalogue and these templates,
 * else computed and checked now. Deterministic; looked up or computed once per process.
 */
export function writeAdmxBundle(): AdmxBundle {
  if (cachedBundle) return cachedBundle;
  const admx = precomputedCatalogArtifact('admx');
  const adml = admx && precomputedCatalogArtifact('adml');
  cachedBundle = admx && adml ? { admx, adml } : computeAdmxBundle();
  return cachedBundle;
}

/**
 * Renders Claude.admx and en-US/Claude.adml and checks them: well-formed, within Intune's size
 * limit, and free of any `lintAdmx` finding. Deterministic; computes every time (the generator and
 * the tests call it; writers use {@link writeAdmxBundle}).
 */
export function computeAdmxBundle(): AdmxBundle {
  const model = buildAdmxModel();
  const admx = writeAdmx(model);
  const adml = admlWriter().writeAdml(model);
  const { INTUNE_ADMX_MAX_BYTES, lintAdmx } = lint();
  const validator = xmlValidator();
  const problems: string[] = [];
  for (const [name, text] of [[ADMX_PATH, admx], [ADML_PATH, adml]] as const) {
    const valid = validator.validate(text);
    if (valid !== true) problems.push(`${name} line ${valid.err.line}: ${valid.err.msg}`);
    if (Buffer.byteLength(text, 'utf8') > INTUNE_ADMX_MAX_BYTES) problems.push(`${name} is over ${INTUNE_ADMX_MAX_BYTES} bytes`);
  }
  if (problems.length === 0) problems.push(...lintAdmx(admx, adml, { admx: ADMX_PATH, adml: ADML_PATH }).map(formatFinding));
  if (problems.length > 0) throw new AdmxWriteError(`ADMX bundle self-check failed (a bug in the writer):\n${problems.join('\n')}`);
  return { admx: Buffer.from(admx, 'utf8'), adml: Buffer.from(adml, 'utf8') };
}

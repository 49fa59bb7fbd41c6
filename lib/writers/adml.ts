/**
 * ADML writer: `en-US/Claude.adml`, the string and presentation tables of the ADMX model. UTF-8
 * without BOM, CRLF (as Group Policy's own files). Strings come only from the catalogue, through
 * the model's {@link admlStrings}; every text goes through `xmlText`.
 */
import { renderTemplate } from '../render/template';
import { admlStrings, buildAdmxModel, type AdmxModel, type AdmxPolicy } from './admx-model';

/** The ADML view model: plain, ordered data for templates/adml.hbs. */
export function admlView(model: AdmxModel = buildAdmxModel()): object {
  return {
    revision: model.revision,
    schemaVersion: model.schemaVersion,
    displayName: model.resources.displayName,
    description: model.resources.description,
    strings: admlStrings(model).map((s) => ({ id: s.id, text: s.text })),
    presentations: model.policies.map(presentation),
  };
}

function presentation(p: AdmxPolicy): object {
  const el = p.element;
  return {
    id: p.presentationId,
    textBox: el.kind === 'text' ? { refId: el.id, label: p.label, defaultValue: el.defaultValue ?? null } : null,
    decimalTextBox: el.kind === 'decimal' ? { refId: el.id, label: p.label, defaultValue: el.defaultValue } : null,
    dropdownList: el.kind === 'enum' ? { refId: el.id, label: p.label, defaultItem: el.defaultItem ?? null } : null,
  };
}

/** The ADML text (CRLF line ends). Use `writeAdmxBundle` for checked bytes. */
export function writeAdml(model: AdmxModel = buildAdmxModel()): string {
  return renderTemplate('adml.hbs', 'adml', admlView(model)).replace(/\r?\n/g, '\r\n');
}

/**
 * Every value spec of the catalogue: each key, each object field (at any depth) and each map
 * `values` spec, with a path that names it in a failure (`<key>.<field>.<field>`, `<key>.values`).
 */
import { CATALOG, type FieldSpec, type KeyDef, type ValueSpec } from '../../../lib/catalog';

/** One spec and where it sits. */
export interface SpecAt {
  readonly key: KeyDef;
  /** Key name, then `.field` per object field and `.values` per map value. */
  readonly path: string;
  readonly spec: ValueSpec | FieldSpec | KeyDef;
}

/** The specs inside `spec` (not `spec` itself), depth first. */
export function innerSpecs(key: KeyDef, spec: ValueSpec, path: string): SpecAt[] {
  const out: SpecAt[] = [];
  for (const [name, field] of Object.entries(spec.fields ?? {})) {
    out.push({ key, path: `${path}.${name}`, spec: field });
    out.push(...innerSpecs(key, field, `${path}.${name}`));
  }
  if (spec.values) {
    out.push({ key, path: `${path}.values`, spec: spec.values });
    out.push(...innerSpecs(key, spec.values, `${path}.values`));
  }
  return out;
}

/** Every spec of every catalogue key: the key itself first, then its inner specs. */
export function everySpec(): SpecAt[] {
  return CATALOG.flatMap((key) => [{ key, path: key.name, spec: key }, ...innerSpecs(key, key, key.name)]);
}

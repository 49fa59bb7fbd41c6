/**
 * A valid example value for any spec, derived from the catalogue: used by `explain`, by docs and
 * by tests that walk every key (so no test retypes values per key).
 */
import type { StringFormat, ValueSpec } from './types';

const FORMAT_EXAMPLES: { readonly [F in StringFormat]: string } = {
  'https-url': 'https://example.com/path',
  'https-origin': 'https://example.com',
  'gateway-url': 'https://gateway.example.com/path',
  'proxy-url': 'http://proxy.example.com:8080',
  'absolute-path': '/usr/local/bin/example',
  uuid: '00000000-0000-4000-8000-000000000000',
  'hex-color': '#F5F5F5',
  'host-pattern': '*.example.com',
  'header-name': 'X-Example',
};

/** A small valid native value for `spec`. */
export function exampleValue(spec: ValueSpec): unknown {
  switch (spec.type) {
    case 'string':
      return spec.example ?? spec.enum?.[0] ?? (spec.format ? FORMAT_EXAMPLES[spec.format] : 'example');
    case 'boolean':
      return true;
    case 'integer':
      return spec.minimum !== undefined && spec.minimum > 0 ? Math.min(spec.minimum + 1, spec.maximum ?? Infinity) : spec.maximum !== undefined ? Math.min(10, spec.maximum) : 60;
    case 'number':
      return 1.5;
    case 'stringList':
      return [exampleValue({ type: 'string', ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.format ? { format: spec.format } : {}) })];
    case 'object':
      if (spec.values) return { [spec.keyFormat ? FORMAT_EXAMPLES[spec.keyFormat] : 'example']: exampleValue(spec.values) };
      return exampleObject(spec);
    case 'objectList':
      return [exampleObject(spec)];
  }
}

function exampleObject(spec: ValueSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = Object.entries(spec.fields ?? {});
  const required = fields.filter(([, f]) => f.required);
  for (const [name, f] of required.length ? required : fields.slice(0, 1)) out[name] = exampleValue(f);
  return out;
}

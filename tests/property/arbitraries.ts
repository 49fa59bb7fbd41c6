/**
 * fast-check arbitraries for whole gateway profiles, driven by the catalogue: every key's value is
 * generated from its `ValueSpec` (type, enum, format, pattern, bounds, fields, map values, list
 * items), never from a retyped list of keys. Strings are hostile: quotes, backslashes and a
 * trailing backslash, `&<>`, `]]>`, `$(string.x)`, `%`, tabs, emoji, right-to-left text, and
 * (in one case out of ten, the "illegal" flavour) characters a format cannot carry by design.
 */
import fc from 'fast-check';
import { CATALOG, exampleValue, FORMATS, IDENTIFIER_PATTERN, PROFILE_NAME_PATTERN, PROVIDER_REQUIREMENTS, PROVIDERS, type KeyDef, type Provider, type StringFormat, type ValueSpec } from '../../lib/catalog';
import { formatOnlyStores, validateProfile } from '../../lib/validate';
import { K } from '../support/keys';

/** Text that breaks naive escaping in XML, .reg, JSON, CSV, Markdown and ADMX `$(string.x)`. */
const HOSTILE = ['"', "'", '\\', '\\\\', '&', '<', '>', ']]>', '&amp;', '$(string.x)', '%', '%APPDATA%', ' ', '😀', '👨‍👩‍👧', '\u202Eשלום', 'مرحبا', '日本語', 'café', '\u00A0', '\uFEFF', '\u200B', '\u2028', '\u2029', '{"a":"b"}', '[1,2]', ',', ';', '=', '#', '*', 'a', 'Z', '0', '-', '_', '.'];

/**
 * Characters some formats cannot carry, by design (documented errors, not bugs):
 * - C1 controls (U+0085 NEL, U+009F): a `.reg` quoted string has no escape for any control character;
 * - a lone surrogate (U+D800): neither UTF-16 text for regedit nor XML 1.0 can hold it;
 * - U+FFFF: not an XML 1.0 character.
 * C0 controls other than TAB and DEL are left out of generation entirely: validation refuses
 * them in every value (tests/bad-input covers that refusal).
 */
export const FORMAT_ILLEGAL = ['\u0085', '\u009F', '\uD800', '\uFFFF'];

/** Whether generated strings may hold {@link FORMAT_ILLEGAL} characters. */
export type Flavour = 'clean' | 'illegal';

const codePoints = (s: string): number => [...s].length;

/**
 * Where a string ends up: `plain` = the whole value of a string setting (or a metadata field),
 * stored as is; `json` = inside a list or object, stored as JSON text, where a TAB becomes `\t`.
 */
type Context = 'plain' | 'json';

/**
 * A hostile string of `min`..`max` code points, built from whole fragments (never splitting a
 * surrogate pair). A raw TAB is a control character a `.reg` cannot carry: in plain values it
 * belongs to the "illegal" flavour; inside JSON values it is always generated (it is escaped).
 */
function hostileString(flavour: Flavour, min = 0, max = 40, context: Context = 'plain'): fc.Arbitrary<string> {
  const pool = context === 'json' ? [...HOSTILE, '\t', 'a\tb'] : HOSTILE;
  const fragment =
    flavour === 'clean'
      ? fc.constantFrom(...pool)
      : fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 12 }, { arbitrary: fc.constantFrom(...FORMAT_ILLEGAL, '\t'), weight: 1 });
  return fc.tuple(fc.array(fragment, { maxLength: Math.min(12, Math.max(1, max)) }), fc.boolean()).map(([parts, trailingBackslash]) => {
    let out = '';
    for (const p of trailingBackslash ? [...parts, '\\'] : parts) {
      if (codePoints(out) + codePoints(p) > max) break;
      out += p;
    }
    while (codePoints(out) < min) out += 'x';
    return out;
  });
}

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const hostname = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => [...ls, 'example'].join('.'));

/** A URL path and query full of characters that need escaping downstream (no whitespace: the format forbids it). */
const urlTail = fc.array(fc.constantFrom('/a', '/b%20c', '?q=1&r=<2>', '&x="y"', "'", '\\', ']]>', '$(string.x)', '#frag', '/😀', '/שלום', '%41'), { maxLength: 5 }).map((p) => (p.length ? `/${p.join('')}` : ''));

function formatString(format: StringFormat, flavour: Flavour, context: Context = 'plain'): fc.Arbitrary<string> {
  switch (format) {
    case 'https-url':
      return fc.tuple(hostname, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), urlTail).map(([h, port, tail]) => `https://${h}${port ? `:${port}` : ''}${tail}`);
    case 'gateway-url':
      // Mostly https; now and then a proxy on the device itself, which the app allows over http.
      return fc.oneof(
        { arbitrary: formatString('https-url', flavour, context), weight: 4 },
        { arbitrary: fc.tuple(fc.constantFrom('127.0.0.1', 'localhost', '[::1]'), fc.integer({ min: 1, max: 65535 }), urlTail).map(([h, port, tail]) => `http://${h}:${port}${tail}`), weight: 1 },
      );
    case 'https-origin':
      return fc.tuple(hostname, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([h, port]) => `https://${h}${port ? `:${port}` : ''}`);
    case 'proxy-url':
      return fc.tuple(fc.constantFrom('http', 'https'), hostname, fc.integer({ min: 1, max: 65535 })).map(([s, h, port]) => `${s}://${h}:${port}`);
    case 'absolute-path':
      return fc.tuple(fc.constantFrom('/usr/local/bin/', 'C:\\Program Files\\', 'D:/tools/', '\\\\server\\share\\'), hostileString(flavour, 0, 20)).map(([p, rest]) => p + rest);
    case 'uuid':
      return fc.uuid();
    case 'hex-color':
      return fc.stringMatching(/^#[0-9A-Fa-f]{6}$/);
    case 'host-pattern':
      return fc.oneof(fc.constant('*'), hostname, hostname.map((h) => `*.${h}`));
    case 'header-name':
      return fc.stringMatching(new RegExp(FORMATS['header-name'].pattern.replace('+$', '{1,16}$')));
  }
}

function stringValue(spec: ValueSpec, flavour: Flavour, context: Context = 'plain'): fc.Arbitrary<string> {
  if (spec.enum) return fc.constantFrom(...spec.enum);
  if (spec.format) return formatString(spec.format, flavour, context);
  if (spec.pattern) return fc.stringMatching(new RegExp(spec.pattern)).filter((s) => s.length >= (spec.minLength ?? 0) && s.length <= (spec.maxLength ?? 200));
  return hostileString(flavour, spec.minLength ?? 0, Math.min(spec.maxLength ?? 40, 40), context);
}

/** An environment reference for a secret, with its variable name. */
const envRef = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/).map((name) => ({ env: `CGP_PROP_${name}` }));

function valueOf(spec: ValueSpec, flavour: Flavour, inSecret = false, context: Context = 'plain'): fc.Arbitrary<unknown> {
  const secret = inSecret || spec.secret === true;
  switch (spec.type) {
    case 'string': {
      const plain = stringValue(spec, flavour, context);
      // Secrets may be written literally or as { "env": "NAME" } (resolved from the env map).
      return secret && !spec.enum && !spec.format && !spec.pattern ? fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: envRef, weight: 1 }) : plain;
    }
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      // Mostly everyday values; sometimes anything the schema allows (huge and negative ones
      // included, which Group Policy decimal elements cannot hold: a documented refusal).
      const min = spec.minimum ?? Number.MIN_SAFE_INTEGER;
      const max = spec.maximum ?? Number.MAX_SAFE_INTEGER;
      const low = Math.max(min, spec.minimum ?? 0);
      const everyday = fc.integer({ min: low, max: Math.min(max, low + 100_000) });
      return flavour === 'clean' ? everyday : fc.oneof({ arbitrary: everyday, weight: 2 }, { arbitrary: fc.integer({ min, max }), weight: 1 });
    }
    case 'number':
      return fc.double({ min: spec.minimum ?? -1e12, max: spec.maximum ?? 1e12, noNaN: true, noDefaultInfinity: true });
    case 'stringList': {
      const item = stringValue({ type: 'string', ...(spec.enum ? { enum: spec.enum } : {}), ...(spec.format ? { format: spec.format } : {}) }, flavour, 'json');
      // Sometimes a very long list (hundreds of entries; the JSON text stays under the 32,767
      // characters ADMX text fields hold, beyond which validation refuses the value).
      // An enum list has at most as many distinct items as the enum.
      if (spec.enum) return fc.uniqueArray(item, { maxLength: spec.enum.length });
      return fc.oneof({ arbitrary: fc.uniqueArray(item, { maxLength: 6 }), weight: 4 }, { arbitrary: fc.uniqueArray(item, { minLength: 100, maxLength: 300 }), weight: 1 });
    }
    case 'object':
      if (spec.values) {
        const name = spec.keyFormat ? formatString(spec.keyFormat, flavour, 'json') : hostileString(flavour, 1, 20, 'json');
        return fc.dictionary(name, valueOf(spec.values, flavour, secret, 'json'), { maxKeys: 5, noNullPrototype: true });
      }
      return spec.allowTrue ? fc.oneof(fc.constant(true), record(spec, flavour, secret)) : record(spec, flavour, secret);
    case 'objectList': {
      const item: fc.Arbitrary<unknown> = spec.itemsMayBeString ? fc.oneof({ arbitrary: record(spec, flavour, secret), weight: 3 }, { arbitrary: hostileString(flavour, 1, 30, 'json'), weight: 1 }) : record(spec, flavour, secret);
      const by = spec.uniqueBy;
      const selector = (v: unknown): unknown => (typeof v === 'string' ? v : by ? (v as Record<string, unknown>)[by] : v);
      return fc.uniqueArray(item, { maxLength: 4, selector });
    }
  }
}

function record(spec: ValueSpec, flavour: Flavour, secret: boolean): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(spec.fields ?? {});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, f] of fields) model[name] = valueOf(f, flavour, secret, 'json');
  return fc.record(model, { requiredKeys: fields.filter(([, f]) => f.required).map(([n]) => n) });
}

const keyArbitraries = new Map<string, fc.Arbitrary<unknown>>();

/** The value arbitrary of one catalogue key (built once per key and flavour: building them is the slow part). */
export function keyValue(key: KeyDef, flavour: Flavour): fc.Arbitrary<unknown> {
  const id = `${flavour}:${key.name}`;
  let arb = keyArbitraries.get(id);
  if (!arb) {
    arb = valueOf(key, flavour);
    keyArbitraries.set(id, arb);
  }
  return arb;
}

/** A generated profile and the environment its `{ env }` references read. */
export interface GeneratedProfile {
  readonly profile: { name: string; identifier: string; displayName?: string; organization?: string; description?: string; scope: 'machine' | 'user'; settings: Record<string, unknown> };
  readonly env: Record<string, string>;
  readonly flavour: Flavour;
  readonly payloadForm: 'direct' | 'mcx';
  /** Keys dropped because validation refused them in this combination (kept for the coverage count). */
  readonly dropped: string[];
}

/** Every `{ env }` reference inside a value. */
function envNames(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => envNames(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.env === 'string') out.push(o.env);
    else Object.values(o).forEach((x) => envNames(x, out));
  }
  return out;
}

/**
 * A whole profile: a provider with its required keys and first credential group, then every other
 * catalogue key with probability ½. Validation then decides: keys it refuses in this combination
 * (cross-key rules the generator does not model) are dropped and recorded, so every case is a
 * valid profile and coverage is measured, not assumed. A refused required key is replaced by the
 * catalogue's example value instead, and keys that only work together are dropped together.
 */
export function profileArbitrary(): fc.Arbitrary<GeneratedProfile> {
  const parts = new Map<string, fc.Arbitrary<Omit<Parameters<typeof assemble>[0], 'provider'>>>();
  const flavourArb = fc.oneof({ arbitrary: fc.constant<Flavour>('clean'), weight: 9 }, { arbitrary: fc.constant<Flavour>('illegal'), weight: 1 });
  return fc.tuple(flavourArb, fc.constantFrom<Provider>(...PROVIDERS)).chain(([flavour, provider]) => {
    const req = PROVIDER_REQUIREMENTS[provider];
    const needed = [...new Set([...req.required, ...(req.credentials[0] ?? []).map((c) => c.key)])];
    const byName = new Map(CATALOG.map((k) => [k.name, k]));
    const id = `${flavour}:${provider}`;
    let arb = parts.get(id);
    if (!arb) {
      arb = fc.record({
        required: fc.record(Object.fromEntries(needed.map((n) => [n, keyValue(byName.get(n) as KeyDef, flavour)]))),
        optional: fc.record(Object.fromEntries(CATALOG.map((k) => [k.name, fc.option(keyValue(k, flavour), { nil: undefined, freq: 2 })]))),
        name: fc.stringMatching(new RegExp(PROFILE_NAME_PATTERN)),
        identifier: fc.stringMatching(new RegExp(IDENTIFIER_PATTERN)).filter((id) => id.length <= 120),
        displayName: fc.option(hostileString(flavour, 1, 60), { nil: undefined }),
        organization: fc.option(hostileString(flavour, 1, 40), { nil: undefined }),
        description: fc.option(hostileString(flavour, 0, 80), { nil: undefined }),
        scope: fc.constantFrom<'machine' | 'user'>('machine', 'user'),
        payloadForm: fc.constantFrom<'direct' | 'mcx'>('direct', 'mcx'),
        envValues: fc.array(hostileString('clean', 1, 30), { minLength: 8, maxLength: 8 }),
      });
      parts.set(id, arb);
    }
    return arb.map((g) => assemble({ ...g, provider }, flavour));
  });
}

function assemble(
  g: { provider: Provider; required: Record<string, unknown>; optional: Record<string, unknown>; name: string; identifier: string; displayName?: string; organization?: string; description?: string; scope: 'machine' | 'user'; payloadForm: 'direct' | 'mcx'; envValues: string[] },
  flavour: Flavour,
): GeneratedProfile {
  const req = PROVIDER_REQUIREMENTS[g.provider];
  const settings: Record<string, unknown> = {};
  // Catalogue order, so the same draw always gives the same object.
  for (const k of CATALOG) if (g.optional[k.name] !== undefined) settings[k.name] = g.optional[k.name];
  settings[K.inferenceProvider] = g.provider;
  for (const [name, value] of Object.entries(g.required)) settings[name] ??= value;
  for (const c of req.credentials[0] ?? []) if (c.value !== undefined) settings[c.key] = c.value;
  const needed = new Set<string>([...req.required, ...(req.credentials[0] ?? []).map((c) => c.key), K.inferenceProvider]);
  const groups = req.together;
  const profile: GeneratedProfile['profile'] = { name: g.name, identifier: g.identifier, scope: g.scope, settings };
  if (g.displayName !== undefined) profile.displayName = g.displayName;
  if (g.organization !== undefined) profile.organization = g.organization;
  if (g.description !== undefined) profile.description = g.description;
  // A group present in part is completed from the catalogue examples (the rule wants all or none).
  for (const group of groups) if (group.some((k) => settings[k] !== undefined)) for (const k of group) settings[k] ??= exampleValue(CATALOG.find((d) => d.name === k) as KeyDef);
  const dropped: string[] = [];
  for (let round = 0; round < 8; round++) {
    const r = validateProfile(profile);
    // A character only some formats cannot carry stays: those writers' refusal is part of what the round trip checks.
    const bad = new Set(r.findings.filter((f) => f.severity === 'error' && formatOnlyStores(f) === undefined).map((f) => /^settings\.([A-Za-z0-9]+)/.exec(f.path)?.[1] ?? f.key).filter((k): k is string => k !== undefined && CATALOG.some((d) => d.name === k)));
    if (bad.size === 0) break;
    for (const k of bad) {
      const def = CATALOG.find((d) => d.name === k) as KeyDef;
      // A key the provider needs (also one a rule asks for, such as the model list for Vertex).
      if (needed.has(k) || !(k in settings)) {
        settings[k] = exampleValue(def);
        continue;
      }
      for (const name of groups.find((grp) => grp.includes(k as never)) ?? [k]) {
        if (name in settings) {
          delete settings[name];
          dropped.push(name);
        }
      }
    }
  }
  const env: Record<string, string> = {};
  envNames(settings).forEach((n, i) => {
    env[n] = g.envValues[i % g.envValues.length] as string;
  });
  return { profile, env, flavour, payloadForm: g.payloadForm, dropped };
}

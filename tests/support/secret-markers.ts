/**
 * Secret markers for the secrets tests: the catalogue's secret places, the all-keys fixture with every secret place the
 * catalogue defines filled with its own marker, and a search for markers in output (raw, UTF-16LE
 * and base64, the forms in which artifacts embed text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, type KeyDef, type ValueSpec } from '../../lib/catalog';
import { walkSettings } from '../../lib/profile/walk';
import { PROFILE_FIXTURES_DIR } from './examples';
import { K } from './keys';
import { seededRandom } from './seeded-random';


/** A secret place of the catalogue, as a path pattern (`[]` = any list item, `{}` = any map value). */
export function secretPlaces(): string[] {
  const out: string[] = [];
  const walk = (spec: ValueSpec, path: string, inSecret: boolean): void => {
    const secret = inSecret || spec.secret === true;
    if (spec.type === 'string' && secret) out.push(path);
    if (spec.type === 'stringList' && secret) out.push(`${path}[]`);
    if (spec.type === 'object' && spec.values) walk(spec.values, `${path}{}`, secret);
    if ((spec.type === 'object' || spec.type === 'objectList') && spec.fields) for (const [f, fs] of Object.entries(spec.fields)) walk(fs, `${path}${spec.type === 'objectList' ? '[]' : ''}.${f}`, secret);
  };
  for (const key of CATALOG) walk(key, key.name, false);
  return out;
}

/** The catalogue spec at a place pattern. */
export function specAtPlace(place: string): ValueSpec | undefined {
  const [first, ...rest] = place.split(/(?=\.|\[\]|\{\})/);
  let spec: ValueSpec | undefined = CATALOG.find((k) => k.name === first) as KeyDef | undefined;
  for (const step of rest) {
    if (!spec) return undefined;
    if (step === '{}') spec = spec.values;
    else if (step === '[]') spec = spec.type === 'stringList' ? { type: 'string' } : spec;
    else spec = spec.fields?.[step.slice(1)];
  }
  return spec;
}
/** Whether a place can hold an arbitrary marker (a closed list of values or a strict format cannot). */
export function markable(spec: ValueSpec | undefined): boolean {
  if (!spec || spec.type !== 'string' || spec.enum || spec.pattern) return false;
  return spec.format === undefined || spec.format === 'https-url' || spec.format === 'gateway-url' || spec.format === 'absolute-path';
}

/** The place pattern of a concrete profile path (`settings.x[0].y` → `x[].y`). */
function placeOf(path: readonly (string | number)[], specs: { isMapValue: boolean }[]): string {
  let out = String(path[1]);
  path.slice(2).forEach((seg, i) => {
    out += typeof seg === 'number' ? '[]' : specs[i]?.isMapValue ? '{}' : `.${seg}`;
  });
  return out;
}

export const MARK = 'QzSecret';

/**
 * The all-keys fixture with every markable secret leaf replaced by a unique marker (in a form its
 * format accepts), literally or through an env reference. Returns the profile, env and markers.
 * Each marker is `mark`, a number and six letters from a fixed seed.
 */
export function markedProfile(via: 'literal' | 'env', mark = MARK): { profile: Record<string, unknown>; env: Record<string, string>; markers: Map<string, string> } {
  const profile = JSON.parse(readFileSync(join(PROFILE_FIXTURES_DIR, 'all-keys.profile.json'), 'utf8')) as { settings: Record<string, unknown> } & Record<string, unknown>;
  // The fixture's MCP servers leave some secret fields unset: add servers that use them (the
  // coverage test in tests/secrets/secrets.test.ts proves every markable secret place is then filled).
  (profile.settings[K.managedMcpServers] as unknown[]).push(
    { name: 'helper', transport: 'http', url: 'https://mcp2.example.com/mcp', headersHelper: '/usr/local/bin/headers' },
    { name: 'oauthed', transport: 'http', url: 'https://mcp3.example.com/mcp', oauth: { clientId: 'c', clientSecret: 's', clientSecretHelper: '/usr/local/bin/secret', authorizationServer: ['https://login.example.com'], tenantId: 't', scope: 'a b', authFlow: 'f' } },
    { name: 'search', server: 'websearch', provider: 'custom', customUrl: 'https://search.example.com', clientId: 'c', scope: 's' },
    { name: 'gh', server: 'github', host: 'github.example.com', toolsets: 'repos' },
  );
  const env: Record<string, string> = {};
  const markers = new Map<string, string>();
  let n = 0;
  // Six letters from a fixed seed: markers are unique in a run and the same in every run, so a
  // search can never fail by chance on one run and pass on the next.
  const rnd = seededRandom(0x5ec2e7);
  const suffix = (): string => Array.from({ length: 6 }, () => Math.floor(rnd() * 36).toString(36)).join('');
  const edits: { path: readonly (string | number)[]; value: unknown }[] = [];
  walkSettings(profile.settings, (leaf) => {
    if (!leaf.secret || leaf.isMapKey) return;
    const spec = leaf.spec;
    if (!markable(spec)) return;
    // Which path segments are map keys (their place is `{}`): a map spec has `values`.
    const mapValue: { isMapValue: boolean }[] = [];
    let s: ValueSpec | undefined = leaf.key;
    for (const seg of leaf.path.slice(2)) {
      const isMap: boolean = typeof seg === 'string' && s?.values !== undefined;
      mapValue.push({ isMapValue: isMap });
      s = typeof seg === 'number' ? (s?.type === 'stringList' ? { type: 'string' } : s) : isMap ? s?.values : s?.fields?.[seg];
    }
    const marker = `${mark}${String(++n).padStart(3, '0')}x${suffix()}`;
    const text = spec?.format === 'https-url' || spec?.format === 'gateway-url' ? `https://secret.example/${marker}` : spec?.format === 'absolute-path' ? `/opt/${marker}` : marker;
    markers.set(`${placeOf(leaf.path, mapValue)} @ ${leaf.path.join('.')}`, marker);
    // An env reference may stand where the place itself is a secret (a secret key, header value,
    // client secret), not for every field of an object that is secret as a whole.
    const envAllowed = spec?.secret === true || (leaf.path.length === 2 && leaf.key.secret);
    if (via === 'env' && envAllowed && spec?.format === undefined) {
      const name = `CGP_SECRET_${n}`;
      env[name] = text;
      edits.push({ path: leaf.path, value: { env: name } });
    } else edits.push({ path: leaf.path, value: text });
  });
  for (const e of edits) {
    let node = profile as unknown as Record<string | number, unknown>;
    for (const seg of e.path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
    node[e.path[e.path.length - 1] as string | number] = e.value;
  }
  return { profile, env, markers };
}

/** A marker in every form an artifact might embed it: raw, UTF-16LE and base64 (any alignment). */
export function forms(marker: string): { name: string; bytes: Buffer }[] {
  const raw = Buffer.from(marker, 'utf8');
  const out = [{ name: 'utf8', bytes: raw }, { name: 'utf16le', bytes: Buffer.from(marker, 'utf16le') }];
  for (let pad = 0; pad < 3; pad++) {
    // The base64 of the marker shifted by `pad` bytes, minus the characters that depend on neighbours.
    const b64 = Buffer.concat([Buffer.alloc(pad), raw]).toString('base64');
    const start = pad === 0 ? 0 : pad === 1 ? 2 : 3;
    out.push({ name: `base64+${pad}`, bytes: Buffer.from(b64.slice(start, b64.length - 4), 'ascii') });
  }
  return out;
}

/** Every (marker, form) found in `haystack`. */
export function hits(haystack: Buffer | string, markers: Iterable<string>): string[] {
  const h = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  const found: string[] = [];
  for (const m of markers) for (const f of forms(m)) if (h.includes(f.bytes)) found.push(`${m} (${f.name})`);
  return found;
}

/**
 * Base64 payloads a file embeds (a JSON string or an XML element whose whole text is base64, line
 * breaks allowed), decoded. The Intune macOS Graph body carries the .mobileconfig this way.
 */
export function embeddedPayloads(bytes: Buffer): Buffer[] {
  const texts = [bytes.toString('latin1')];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) texts.push(bytes.toString('utf16le'));
  const out: Buffer[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/(?<=["'>])\s*([A-Za-z0-9+/\s]{32,}={0,2})\s*(?=["'<])/g)) {
      const b64 = m[1]!.replace(/\s+/g, '');
      if (b64.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(b64)) out.push(Buffer.from(b64, 'base64'));
    }
  }
  return out;
}

/** Every marker found in a file, in its bytes or in a payload it embeds. */
export function markersIn(bytes: Buffer, markers: readonly string[]): string[] {
  return [...new Set([bytes, ...embeddedPayloads(bytes)].flatMap((b) => hits(b, markers)))];
}

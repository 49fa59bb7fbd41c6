/** One migration per deprecated value shape (catalogue `deprecatedShapes`). */
import type { DeprecatedShape, KeyDef } from '../catalog';
import type { PathSegment } from '../profile/path';

/** One change a shape migration made, or a legacy value it could not read. */
export interface ShapeChange {
  /** Path below the key. */
  path: PathSegment[];
  /** What was old about it. */
  what: string;
  /** What to write instead. */
  fix: string;
  /** Set when the legacy value cannot be migrated. */
  problem?: string;
}

/** Returns the migrated value and its changes, or `undefined` when the value is not in `shape`. */
export function migrateShape(shape: DeprecatedShape, key: KeyDef, value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  switch (shape) {
    case 'header-list':
      return headerList(key, value);
    case 'header-string':
      return headerString(key, value);
    case 'path-list':
      return pathList(value);
    case 'plugin-record':
      return pluginRecord(value);
    case 'mcp-legacy-fields':
      return mcpLegacyFields(value);
  }
}

function objectFix(key: KeyDef, obj: Record<string, string>): string {
  return `write ${key.name} as a JSON object: ${JSON.stringify(maskValues(key, obj))}`;
}

// Never echo secret header values in a hint.
function maskValues(key: KeyDef, obj: Record<string, string>): Record<string, string> {
  if (!key.secret && !key.values?.secret) return obj;
  return Object.fromEntries(Object.keys(obj).map((k) => [k, '…']));
}

function headerList(key: KeyDef, value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  const out: Record<string, string> = {};
  const changes: ShapeChange[] = [];
  // The catalogue says which keys also read `name=value` entries (the OpenTelemetry form).
  const acceptsEquals = key.deprecatedShapes?.some((s) => s.shape === 'header-list' && s.acceptsEquals === true) === true;
  value.forEach((line: string, i) => {
    const sep = acceptsEquals ? line.search(/[:=]/) : line.indexOf(':');
    if (sep <= 0) changes.push({ path: [i], what: '', fix: 'write each header as "Name: value"', problem: `entry ${i} is not "Name: value"` });
    else out[line.slice(0, sep).trim()] = line.slice(sep + 1).trim();
  });
  changes.unshift({ path: [], what: 'a list of "Name: value" strings is the old shape', fix: objectFix(key, out) });
  return { value: out, changes };
}

function headerString(key: KeyDef, value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  // Text that opens like JSON is malformed JSON (a trailing comma, single quotes), not the old
  // Name=value shape: reading it as pairs would turn it into {} and lose the headers.
  if (typeof value !== 'string' || /^\s*[{[]/.test(value)) return undefined;
  const out: Record<string, string> = {};
  const changes: ShapeChange[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) changes.push({ path: [], what: '', fix: 'write pairs as Name=value separated by commas', problem: `"${key.secret ? '…' : part}" is not Name=value` });
    else out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  changes.unshift({ path: [], what: 'a "Name=value,…" string is the old shape', fix: objectFix(key, out) });
  return { value: out, changes };
}

function pathList(value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  if (!Array.isArray(value) || !value.some((v) => typeof v === 'string')) return undefined;
  const changes: ShapeChange[] = [];
  const out = value.map((v, i) => {
    if (typeof v !== 'string') return v;
    changes.push({ path: [i], what: 'a bare folder path is the old shape', fix: `write {"path": ${JSON.stringify(v)}}` });
    return { path: v };
  });
  return { value: out, changes };
}

function pluginRecord(value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const servers = (value as { mcpServers?: unknown }).mcpServers;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return undefined;
  const out = Object.entries(servers as Record<string, unknown>).map(([serverName, cfg]) => {
    const policy = (cfg as { toolPolicy?: Record<string, unknown> } | null)?.toolPolicy ?? {};
    return { serverName, tools: Object.entries(policy).map(([toolName, permission]) => ({ toolName, permission })) };
  });
  return { value: out, changes: [{ path: [], what: 'the {"mcpServers": {…}} record is the old shape', fix: 'write a list: [{"serverName": "…", "tools": [{"toolName": "…", "permission": "allow"}]}]' }] };
}

function mcpLegacyFields(value: unknown): { value: unknown; changes: ShapeChange[] } | undefined {
  if (!Array.isArray(value)) return undefined;
  const changes: ShapeChange[] = [];
  const out = value.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    const e = { ...(entry as Record<string, unknown>) };
    if (Array.isArray(e.scopes)) {
      if (e.scope === undefined) e.scope = e.scopes.join(' ');
      delete e.scopes;
      changes.push({ path: [i, 'scopes'], what: '"scopes" (a list) was replaced by "scope" (a space-separated string)', fix: 'write "scope": "a b c"' });
    }
    if (e.transport === 'builtin') {
      delete e.transport;
      changes.push({ path: [i, 'transport'], what: 'transport "builtin" is no longer written', fix: 'remove "transport" from built-in server entries' });
    }
    if ('source' in e) {
      delete e.source;
      changes.push({ path: [i, 'source'], what: '"source" is no longer read', fix: 'remove "source"' });
    }
    if ('authorityHost' in e) {
      delete e.authorityHost;
      if (e.azureCloud === undefined) e.azureCloud = 'us-gov-high';
      changes.push({ path: [i, 'authorityHost'], what: '"authorityHost" was replaced by "azureCloud"', fix: 'write "azureCloud": "us-gov-high"' });
    }
    const oauth = e.oauth;
    if (typeof oauth === 'object' && oauth !== null && !Array.isArray(oauth) && Array.isArray((oauth as { scopes?: unknown }).scopes)) {
      const o = { ...(oauth as Record<string, unknown>) };
      if (o.scope === undefined) o.scope = (o.scopes as unknown[]).join(' ');
      delete o.scopes;
      e.oauth = o;
      changes.push({ path: [i, 'oauth', 'scopes'], what: '"oauth.scopes" (a list) was replaced by "oauth.scope" (a string)', fix: 'write "oauth": {"scope": "a b c"}' });
    }
    if (e.server === undefined && e.transport === undefined && (e.url !== undefined || e.command !== undefined)) {
      e.transport = e.command !== undefined ? 'stdio' : 'http';
      changes.push({ path: [i], what: 'entries that are not built-in servers must state "transport"', fix: `add "transport": "${e.transport as string}"` });
    }
    return e;
  });
  return changes.length ? { value: out, changes } : undefined;
}

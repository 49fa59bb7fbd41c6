/**
 * Guard: every key whose value can hold a URL or host pattern has a role in lib/egress.ts ROLES.
 *
 * egress.txt and DEPLOY.md list the hosts a profile makes the app reach, each with a reason taken
 * from ROLES. A new URL key without an entry gets the reason "URL in <key>", and one the app never
 * connects to (a link only the user's browser opens) is listed as egress; nothing
 * told the maintainer (audit L6). An entry may be `null` for such a browser-only URL.
 */
import { URL_FORMATS, type StringFormat } from '../../lib/catalog';
import { ROLES } from '../../lib/egress';
import { everySpec } from './support/specs';

/** The formats whose values egress turns into hosts (URLs and host patterns). */
const HOST_FORMATS: ReadonlySet<StringFormat> = new Set([...URL_FORMATS, 'host-pattern']);

describe('egress roles (lib/egress.ts ROLES)', () => {
  // key name → the specs in it (the key itself, fields, map values) with a host format
  const hostSpecs = new Map<string, string[]>();
  for (const { key, path, spec } of everySpec()) {
    if (spec.format !== undefined && HOST_FORMATS.has(spec.format)) hostSpecs.set(key.name, [...(hostSpecs.get(key.name) ?? []), path]);
  }

  test('the catalogue has URL and host keys, with fields among them', () => {
    expect(hostSpecs.size).toBeGreaterThan(15);
    expect([...hostSpecs.values()].flat().some((p) => p.includes('.'))).toBe(true);
  });

  test('every key with a URL or host format, on the key or a field, has a role (a reason, or null for a browser-only URL)', () => {
    const missing = [...hostSpecs].filter(([name]) => !Object.prototype.hasOwnProperty.call(ROLES, name)).map(([name, paths]) => `${name} (${paths.join(', ')})`);
    expect(missing).toEqual([]);
  });

  test('every role belongs to a key with a URL or host format (no stale entries)', () => {
    expect(Object.keys(ROLES).filter((name) => !hostSpecs.has(name))).toEqual([]);
  });
});

/**
 * The catalogue cannot be changed by a consumer of the public API. Every build, check and import
 * in a process reads the same catalogue objects, so `CATALOG[0].secret = false`, or a value pushed
 * onto a key's `enum`, would change what every later call writes or accepts. Everything reachable
 * from the exported catalogue data is frozen at load (assignments throw in strict code and do
 * nothing in sloppy code), and the types say `readonly`, so TypeScript refuses the assignment first.
 */
import { CATALOG, KEYS, SECTIONS, PROVIDERS, PROVIDER_REQUIREMENTS, FORMATS, findKey, getKey, type KeyDef } from '../../lib/catalog';
import * as publicApi from '../../lib';
import { buildArtifacts } from '../../lib/build';
import { loadFixtureProfile } from '../support/examples';
import { K } from '../support/keys';

/** Every object and array reachable from `root` that is not frozen, by path. */
function unfrozen(root: unknown, at: string): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (!Object.isFrozen(v)) out.push(path);
    for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
  };
  walk(root, at);
  return out;
}

/** The first catalogue entry with the given part, so the test needs no key name. */
function entryWith(what: string, has: (k: KeyDef) => boolean): KeyDef {
  const def = CATALOG.find(has);
  if (!def) throw new Error(`no catalogue key has ${what}`);
  return def;
}

const withEnum = entryWith('an enum', (k) => (k.enum?.length ?? 0) > 0);
const withFields = entryWith('fields', (k) => Object.keys(k.fields ?? {}).length > 0);
const withLegacy = entryWith('a legacy name', (k) => (k.legacyNames?.length ?? 0) > 0);
const withValues = entryWith('a map value spec', (k) => k.values !== undefined);
const firstField = Object.keys(withFields.fields ?? {})[0]!;

describe('the catalogue is frozen deeply', () => {
  test('every object and array reachable from the exported catalogue data is frozen', () => {
    expect([...unfrozen(CATALOG, 'CATALOG'), ...unfrozen(SECTIONS, 'SECTIONS'), ...unfrozen(PROVIDERS, 'PROVIDERS'), ...unfrozen(PROVIDER_REQUIREMENTS, 'PROVIDER_REQUIREMENTS'), ...unfrozen(FORMATS, 'FORMATS')]).toEqual([]);
    // KEYS is the same array, and the package's entry point gives the same objects.
    expect(KEYS).toBe(CATALOG);
    expect(publicApi.CATALOG).toBe(CATALOG);
  });

  test('assignments to top-level and nested data throw in strict code (and TypeScript refuses them)', () => {
    const attempts: (() => void)[] = [
      () => {
        // @ts-expect-error the entries are readonly
        CATALOG[0]!.secret = !CATALOG[0]!.secret;
      },
      () => {
        // @ts-expect-error the list is readonly
        CATALOG.length = 0;
      },
      () => {
        // @ts-expect-error enums are readonly arrays
        withEnum.enum!.push('not-a-value');
      },
      () => {
        // @ts-expect-error enums are readonly arrays
        withEnum.enum![0] = 'not-a-value';
      },
      () => {
        // @ts-expect-error fields are readonly
        withFields.fields![firstField]!.required = !withFields.fields![firstField]!.required;
      },
      () => {
        // @ts-expect-error the field table is readonly
        delete withFields.fields![firstField];
      },
      () => {
        // @ts-expect-error legacy names are readonly
        withLegacy.legacyNames![0]!.cutoff = '2099-01-01T00:00:00Z';
      },
      () => {
        // @ts-expect-error value specs are readonly
        withValues.values!.secret = !withValues.values!.secret;
      },
      () => {
        // @ts-expect-error sections are readonly
        SECTIONS[0].title = 'changed';
      },
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
  });

  test('in sloppy code the same assignments do nothing', () => {
    const secret = getKey(K.inferenceGatewayApiKey);
    const before = JSON.stringify(CATALOG);
    // new Function compiles sloppy-mode code, where a frozen object silently ignores assignments.
    const tamper = new Function('secret', 'withEnum', 'withFields', 'field', 'secret.secret = false; withEnum.enum[0] = "x"; withFields.fields[field].description = "x"; withFields.fields[field] = {};') as (...args: unknown[]) => void;
    tamper(secret, withEnum, withFields, firstField);
    expect(JSON.stringify(CATALOG)).toBe(before);
    expect(findKey(K.inferenceGatewayApiKey)?.secret).toBe(true);
  });

  test('a later build still treats the secret key as secret', () => {
    const fixture = loadFixtureProfile('all-keys.profile.json');
    try {
      (getKey(K.inferenceGatewayApiKey) as { secret: boolean }).secret = false;
    } catch {
      // refused: that is the point
    }
    const deploy = buildArtifacts(fixture.profile, { env: fixture.env, now: new Date('2026-01-15T00:00:00Z') }).files.find((f) => f.path.endsWith('DEPLOY.md'));
    const secret = fixture.resolved.secrets.find((s) => s.key === K.inferenceGatewayApiKey);
    expect(secret).toBeDefined();
    const value = (fixture.resolved.settings as Record<string, unknown>)[K.inferenceGatewayApiKey];
    expect(typeof value).toBe('string');
    expect(deploy?.bytes.toString('utf8')).not.toContain(value as string);
  });
});

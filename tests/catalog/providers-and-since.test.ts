/**
 * Guard: a key's section, its providers and its `since` marker agree with each other.
 *
 * Widening a Vertex key to `providers: 'all'` silently dropped its key-not-for-provider warning,
 * filing a gateway key under `bedrock` moved it to the Bedrock ADMX category, Jamf group and docs
 * section, and a `since` newer than CATALOG_APP_VERSION was accepted; nothing reported any of them
 * (audit M5).
 */
import { CATALOG, CATALOG_APP_VERSION, PROVIDERS, SECTIONS, isNewerThanFleet, parseSince, type KeyDef, type KeyName, type Provider } from '../../lib/catalog';

/** Sections that hold one provider's keys: the ids shared by SECTIONS and PROVIDERS. */
const PROVIDER_SECTIONS: ReadonlySet<string> = new Set(SECTIONS.map((s) => s.id).filter((id) => (PROVIDERS as readonly string[]).includes(id)));

/**
 * Keys allowed to break the section/providers pairing, with the reason. Empty today (running the
 * test found none). A key shared by two providers (e.g. Anthropic API and Mantle) would belong
 * here, filed under the section the app's window shows it in.
 */
const MIXED: { readonly [N in KeyName]?: string } = {};

/** The one provider a key is for, or undefined for `all` and for lists of several. */
function onlyProvider(key: KeyDef): Provider | undefined {
  return key.providers !== 'all' && key.providers.length === 1 ? key.providers[0] : undefined;
}

/** What is wrong with a key's section/providers pairing, in both directions (empty when nothing). */
function pairingProblems(k: KeyDef): string[] {
  const out: string[] = [];
  const only = onlyProvider(k);
  if (PROVIDER_SECTIONS.has(k.section) && only !== k.section) out.push(`${k.name}: in section ${k.section}, but providers ${JSON.stringify(k.providers)}`);
  if (only !== undefined && PROVIDER_SECTIONS.has(only) && k.section !== only) out.push(`${k.name}: providers ${JSON.stringify(k.providers)}, but in section ${k.section}`);
  return out;
}

describe('sections, providers and since agree', () => {
  test('the provider sections are gateway, anthropic, bedrock, vertex and foundry', () => {
    expect([...PROVIDER_SECTIONS].sort()).toEqual(['anthropic', 'bedrock', 'foundry', 'gateway', 'vertex']);
  });

  test('a key in a provider section is for that provider only, and a key for one such provider is in its section', () => {
    const bad = CATALOG.filter((k) => MIXED[k.name as KeyName] === undefined).flatMap(pairingProblems);
    expect(bad).toEqual([]);
  });

  test('every allowed exception still breaks the pairing', () => {
    const stale = Object.keys(MIXED).filter((name) => {
      const k = CATALOG.find((c) => c.name === name);
      return !k || pairingProblems(k).length === 0;
    });
    expect(stale).toEqual([]);
  });

  test(`every since marker is read by build ${CATALOG_APP_VERSION} (CATALOG_APP_VERSION, the newest build the catalogue covers)`, () => {
    // isNewerThanFleet is the fleet rule validate applies: a '>1.x' marker is newer than 1.x itself.
    const newer = CATALOG.filter((k) => isNewerThanFleet(k.since, CATALOG_APP_VERSION)).map((k) => `${k.name}: since ${k.since}`);
    expect(newer).toEqual([]);
  });

  test('the since check compares numerically (1.99999 is newer than 1.46388.4, 1.9 is not)', () => {
    expect(isNewerThanFleet('1.99999', CATALOG_APP_VERSION)).toBe(true);
    expect(isNewerThanFleet(`>${CATALOG_APP_VERSION}` as KeyDef['since'], CATALOG_APP_VERSION)).toBe(true);
    expect(isNewerThanFleet('1.9', CATALOG_APP_VERSION)).toBe(false);
    expect(parseSince(`<=${CATALOG_APP_VERSION}` as KeyDef['since']).build).toBe(CATALOG_APP_VERSION);
  });
});

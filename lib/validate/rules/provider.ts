/** Keys the chosen provider needs, credentials it needs, and keys that do not apply to it. */
import { getKey, PROVIDER_REQUIREMENTS, PROVIDERS, type KeyCondition, type Provider, type ProviderRequirement } from '../../catalog';
import type { CredentialKindKeys } from '../../catalog/provider-requirements';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

const PROVIDER = getKey('inferenceProvider').name;
const KIND = getKey('inferenceCredentialKind').name;

/** `a`, `a or b`, `a, b or c`. */
const orList = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`);

const isSet = (settings: Readonly<Record<string, unknown>>, c: KeyCondition) => settings[c.key] !== undefined && (c.value === undefined || settings[c.key] === c.value);

export const providerRule: Rule = ({ settings, keys }) => {
  const provider = settings[PROVIDER];
  const out: Finding[] = [];
  if (provider === undefined) {
    const inferenceKeys = Object.keys(settings).filter((k) => k.startsWith('inference'));
    if (inferenceKeys.length > 0) out.push(finding('no-provider', 'warning', ['settings', PROVIDER], `${PROVIDER} is not set, so the app stays in its standard mode and ignores the inference settings`, `set ${PROVIDER} to one of ${PROVIDERS.join(', ')}`, PROVIDER));
    return out;
  }
  if (typeof provider !== 'string' || !(PROVIDERS as readonly string[]).includes(provider)) return out;
  const req = PROVIDER_REQUIREMENTS[provider as Provider];
  for (const key of req.required) {
    if (settings[key] === undefined) out.push(finding('missing-required-key', 'error', ['settings', key], `${key} is required when ${PROVIDER} is "${provider}"`, `add ${key}; run \`claude-gateway-profile explain ${key}\``, key));
  }
  for (const r of req.requiredUnless ?? []) {
    if (settings[r.key] === undefined && settings[r.unless] === undefined) {
      out.push(finding('missing-required-key', 'error', ['settings', r.key], `${r.key} is required when ${PROVIDER} is "${provider}" and ${r.unless} is not set: ${r.why}`, `list the model ids in ${r.key}, or set ${r.unless} so that the app discovers them`, r.key));
    }
  }
  const kind = settings[KIND];
  const forced = typeof kind === 'string' && Object.hasOwn(req.kinds, kind) ? req.kinds[kind] : undefined;
  if (forced) out.push(...credentialKindFindings(settings, provider, kind as string, forced, req.kinds));
  else if (req.credentials.length > 0 && !req.credentials.some((group) => group.every((c) => isSet(settings, c)))) {
    out.push(finding('missing-credential', req.missingCredential, ['settings'], `no credential is configured for provider "${provider}"`, req.credentialHint, undefined));
  }
  for (const group of req.together) {
    const present = group.filter((k) => settings[k] !== undefined);
    if (present.length > 0 && present.length < group.length) {
      const missing = group.filter((k) => settings[k] === undefined);
      out.push(finding('incomplete-group', 'error', ['settings', missing[0] ?? group[0] ?? ''], `${present.join(', ')} ${present.length === 1 ? 'needs' : 'need'} ${missing.join(', ')} too`, `these keys only work together: ${group.join(', ')}`, missing[0]));
    }
  }
  for (const key of keys) {
    if (key.providers === 'all') continue;
    if (!key.providers.includes(provider as Provider)) {
      out.push(finding('key-not-for-provider', 'warning', ['settings', key.name], `${key.name} applies to ${key.providers.join(', ')}, not to "${provider}"; the app ignores it`, `remove ${key.name}, or change ${PROVIDER}`, key.name));
    }
  }
  return out;
};

/**
 * A forced credential kind (reference section 1.1: one source, no fallback): the keys it reads
 * must be set, and the credential keys of the other kinds are not used.
 */
function credentialKindFindings(settings: Readonly<Record<string, unknown>>, provider: string, kind: string, forced: CredentialKindKeys, kinds: ProviderRequirement['kinds']): Finding[] {
  const out: Finding[] = [];
  const own = new Set<string>([...forced.needs, ...(forced.uses ?? [])]);
  const others: string[] = [];
  for (const k of Object.values(kinds)) for (const key of [...k.needs, ...(k.uses ?? [])]) if (!own.has(key) && !others.includes(key) && settings[key] !== undefined) others.push(key);
  const unused = others.length > 0 ? `; ${orList(others)} ${others.length === 1 ? 'is' : 'are'} set but not used with this kind` : '';
  if (forced.needs.length > 0 && !forced.needs.some((key) => settings[key] !== undefined)) {
    out.push(
      finding(
        'credential-kind-missing',
        'error',
        ['settings', KIND],
        `${KIND} is "${kind}", which makes the app use only ${forced.needs.join(' + ')} on "${provider}", but ${forced.needs.length === 1 ? 'it is' : 'they are'} not set${unused}`,
        `set ${forced.needs.join(' and ')}; or change ${KIND} to the kind of the credential you configured, or remove ${KIND} so that the app picks the source from the keys present`,
        KIND,
      ),
    );
  } else if (others.length > 0) {
    out.push(
      finding(
        'credential-kind-unused',
        'warning',
        ['settings', others[0] as string],
        `${KIND} is "${kind}", so the app does not use ${orList(others)} on "${provider}" (no fallback to another credential source)`,
        `remove ${others.join(', ')}, or change ${KIND}`,
        others[0],
      ),
    );
  }
  return out;
}

/** Keys the chosen provider needs, credentials it needs, and keys that do not apply to it. */
import { CATALOG, PROVIDER_REQUIREMENTS, PROVIDERS, type KeyCondition, type Provider } from '../../../../lib/catalog';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

const isSet = (settings: Readonly<Record<string, unknown>>, c: KeyCondition) => settings[c.key] !== undefined && (c.value === undefined || settings[c.key] === c.value);

export const providerRule: Rule = ({ settings }) => {
  const provider = settings.inferenceProvider;
  const out: Finding[] = [];
  if (provider === undefined) {
    const inferenceKeys = Object.keys(settings).filter((k) => k.startsWith('inference'));
    if (inferenceKeys.length > 0) out.push(finding('no-provider', 'warning', ['settings', 'inferenceProvider'], 'inferenceProvider is not set, so the app stays in its standard mode and ignores the inference settings', `set inferenceProvider to one of ${PROVIDERS.join(', ')}`, 'inferenceProvider'));
    return out;
  }
  if (typeof provider !== 'string' || !(PROVIDERS as readonly string[]).includes(provider)) return out;
  const req = PROVIDER_REQUIREMENTS[provider as Provider];
  for (const key of req.required) {
    if (settings[key] === undefined) out.push(finding('missing-required-key', 'error', ['settings', key], `${key} is required when inferenceProvider is "${provider}"`, `add ${key}; run \`claude-gateway-profile explain ${key}\``, key));
  }
  // Deliberate change (both sides): Bedrock needs models unless a bearer token lets the app discover
  // them, and a forced inferenceCredentialKind needs its own keys (then replaces the generic check).
  for (const r of req.requiredUnless ?? []) {
    if (settings[r.key] === undefined && settings[r.unless] === undefined) {
      out.push(finding('missing-required-key', 'error', ['settings', r.key], `${r.key} is required when inferenceProvider is "${provider}" and ${r.unless} is not set: ${r.why}`, `list the model ids in ${r.key}, or set ${r.unless} so that the app discovers them`, r.key));
    }
  }
  const kind = settings.inferenceCredentialKind;
  const forced = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(req.kinds, kind) ? req.kinds[kind] : undefined;
  if (forced) {
    const own = [...forced.needs, ...(forced.uses ?? [])];
    const others: string[] = [];
    for (const k of Object.values(req.kinds)) for (const key of [...k.needs, ...(k.uses ?? [])]) if (!own.includes(key) && !others.includes(key) && settings[key] !== undefined) others.push(key);
    const list = others.length <= 1 ? others.join('') : `${others.slice(0, -1).join(', ')} or ${others[others.length - 1]}`;
    if (forced.needs.length > 0 && forced.needs.every((key) => settings[key] === undefined)) {
      out.push(finding(
        'credential-kind-missing', 'error', ['settings', 'inferenceCredentialKind'],
        `inferenceCredentialKind is "${kind}", which makes the app use only ${forced.needs.join(' + ')} on "${provider}", but ${forced.needs.length === 1 ? 'it is' : 'they are'} not set${others.length > 0 ? `; ${list} ${others.length === 1 ? 'is' : 'are'} set but not used with this kind` : ''}`,
        `set ${forced.needs.join(' and ')}; or change inferenceCredentialKind to the kind of the credential you configured, or remove inferenceCredentialKind so that the app picks the source from the keys present`,
        'inferenceCredentialKind',
      ));
    } else if (others.length > 0) {
      out.push(finding('credential-kind-unused', 'warning', ['settings', others[0] as string], `inferenceCredentialKind is "${kind}", so the app does not use ${list} on "${provider}" (no fallback to another credential source)`, `remove ${others.join(', ')}, or change inferenceCredentialKind`, others[0]));
    }
  } else if (req.credentials.length > 0 && !req.credentials.some((group) => group.every((c) => isSet(settings, c)))) {
    out.push(finding('missing-credential', req.missingCredential, ['settings'], `no credential is configured for provider "${provider}"`, req.credentialHint, undefined));
  }
  for (const group of req.together) {
    const present = group.filter((k) => settings[k] !== undefined);
    if (present.length > 0 && present.length < group.length) {
      const missing = group.filter((k) => settings[k] === undefined);
      out.push(finding('incomplete-group', 'error', ['settings', missing[0] ?? group[0] ?? ''], `${present.join(', ')} ${present.length === 1 ? 'needs' : 'need'} ${missing.join(', ')} too`, `these keys only work together: ${group.join(', ')}`, missing[0]));
    }
  }
  for (const key of CATALOG) {
    if (settings[key.name] === undefined || key.providers === 'all') continue;
    if (!key.providers.includes(provider as Provider)) {
      out.push(finding('key-not-for-provider', 'warning', ['settings', key.name], `${key.name} applies to ${key.providers.join(', ')}, not to "${provider}"; the app ignores it`, `remove ${key.name}, or change inferenceProvider`, key.name));
    }
  }
  return out;
};

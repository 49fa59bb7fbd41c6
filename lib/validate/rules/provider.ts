/** Keys the chosen provider needs, credentials it needs, and keys that do not apply to it. */
import { getKey, PROVIDER_REQUIREMENTS, PROVIDERS, type KeyCondition, type Provider } from '../../catalog';
import { finding, type Finding } from '../findings';
import type { Rule } from './types';

const PROVIDER = getKey('inferenceProvider').name;

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
  if (req.credentials.length > 0 && !req.credentials.some((group) => group.every((c) => isSet(settings, c)))) {
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

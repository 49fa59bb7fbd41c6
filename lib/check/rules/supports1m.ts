/**
 * `supports1m-unlikely`: `supports1m: true` on a model id that Bedrock, Vertex or Foundry does
 * not serve with a 1M-token context. Kept deliberately simple: only Sonnet and Opus of generation
 * 4 or later offer 1M context there, so an id must name one of them (`claude-sonnet-4-5`,
 * `us.anthropic.claude-opus-4-1-…`, `claude-sonnet-4@…`). Ids that cannot be read that way
 * (application inference profile ARNs, custom deployment names) are flagged too, with a note.
 * Gateways and the Anthropic API are not judged: a gateway may route any id anywhere.
 */
import type { KeyName, Provider } from '../../catalog';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactRule } from '../types';

/** The keys this rule reads, checked against the catalogue. */
const PROVIDER_KEY: KeyName = 'inferenceProvider';
const MODELS_KEY: KeyName = 'inferenceModels';

const CLOUD_PROVIDERS: readonly Provider[] = ['bedrock', 'vertex', 'foundry'];

/** Tier and major version named in a model id, for both naming schemes (`claude-sonnet-4-5`, `claude-3-7-sonnet`). */
export function modelGeneration(id: string): { tier: string; major: number } | undefined {
  const s = id.toLowerCase();
  const modern = /(sonnet|opus|haiku)[-_ ]?(\d+)/.exec(s);
  if (modern) return { tier: modern[1] as string, major: Number(modern[2]) };
  const legacy = /claude-(\d+)(?:[-.]\d+)?-(sonnet|opus|haiku)/.exec(s);
  if (legacy) return { tier: legacy[2] as string, major: Number(legacy[1]) };
  return undefined;
}

/** `supports1m` on cloud-provider model ids that are not Sonnet or Opus 4+. */
export const supports1mRule: ArtifactRule = {
  id: 'supports1m',
  codes: ['supports1m-unlikely'],
  appliesTo: (kind) => kind !== 'jamf-schema',
  check: (ctx) => {
    const s = ctx.decoded.settings;
    const provider = s[PROVIDER_KEY];
    const models = s[MODELS_KEY];
    if (typeof provider !== 'string' || !(CLOUD_PROVIDERS as readonly string[]).includes(provider) || !Array.isArray(models)) return [];
    const out: Finding[] = [];
    models.forEach((m, i) => {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) return;
      const entry = m as Record<string, unknown>;
      if (entry.supports1m !== true || typeof entry.name !== 'string') return;
      const gen = modelGeneration(entry.name);
      if (gen && (gen.tier === 'sonnet' || gen.tier === 'opus') && gen.major >= 4) return;
      const what = gen ? `${gen.tier} ${gen.major}` : 'a model this check cannot identify from its id';
      out.push(
        finding(
          'supports1m-unlikely',
          'warning',
          ctx.locate(MODELS_KEY, [i, 'supports1m']),
          `"${entry.name}" is ${what}; on ${provider} only Sonnet and Opus 4 or later serve a 1M-token context, so the "1M context" picker entry would fail`,
          gen ? 'remove supports1m from this entry' : 'if this id (an inference profile ARN or deployment name) points at Sonnet or Opus 4+, ignore this; otherwise remove supports1m',
          MODELS_KEY,
        ),
      );
    });
    return out;
  },
};

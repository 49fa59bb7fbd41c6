/**
 * `supports1m-unlikely`: `supports1m: true` on a model id that Bedrock, Vertex or Foundry does
 * not serve with a 1M-token context. Kept deliberately simple: only Sonnet and Opus of generation
 * 4 or later offer 1M context there, so an id must name one of them (`claude-sonnet-4-5`,
 * `us.anthropic.claude-opus-4-1-…`, `claude-sonnet-4@…`). Ids that cannot be read that way
 * (application inference profile ARNs, custom deployment names) are flagged too, with a note.
 * Gateways and the Anthropic API are not judged: a gateway may route any id anywhere.
 *
 * One implementation for `validate`, `build` and `check` (which runs the validator on the
 * settings a file carries): part of the model rule (models.ts).
 */
import type { KeyName, Provider } from '../../catalog';
import { finding, type Finding } from '../findings';
import { isObject } from './types';

const MODELS_KEY: KeyName = 'inferenceModels';

const CLOUD_PROVIDERS: readonly Provider[] = ['bedrock', 'vertex', 'foundry'];

/** The tier and version a model id names. */
export interface ModelGeneration {
  readonly tier: 'sonnet' | 'opus' | 'haiku';
  readonly major: number;
  readonly minor?: number;
}

// Claude 3.x: `claude-3-7-sonnet-20250219`, `anthropic.claude-3-5-haiku-20241022-v1:0`, `claude-3-opus@20240229`.
const LEGACY = /claude-(\d)(?:[-.](\d))?-(sonnet|opus|haiku)(?![a-z])/;
// Claude 4 and later: `claude-sonnet-4-5-20250929`, `claude-opus-4-1@20250805`, `claude-sonnet-4@20250514`.
// A version is one or two digits: an eight-digit date (`sonnet-20250219`) is never read as one.
const MODERN = /(sonnet|opus|haiku)[-_ ]?(\d{1,2})(?:[-.](\d{1,2}))?(?!\d)/;

/** Tier and version named in a model id, for both naming schemes (`claude-sonnet-4-5`, `claude-3-7-sonnet`); the legacy one is tried first. */
export function modelGeneration(id: string): ModelGeneration | undefined {
  const s = id.toLowerCase();
  const legacy = LEGACY.exec(s);
  if (legacy) return { tier: legacy[3] as ModelGeneration['tier'], major: Number(legacy[1]), ...(legacy[2] !== undefined ? { minor: Number(legacy[2]) } : {}) };
  const modern = MODERN.exec(s);
  if (modern) return { tier: modern[1] as ModelGeneration['tier'], major: Number(modern[2]), ...(modern[3] !== undefined ? { minor: Number(modern[3]) } : {}) };
  return undefined;
}

/** `Claude 3.7 Sonnet`, `Claude Haiku 4.5`: the model as Anthropic names it. */
export function describeGeneration(g: ModelGeneration): string {
  const tier = `${g.tier[0]?.toUpperCase() ?? ''}${g.tier.slice(1)}`;
  const version = g.minor === undefined ? String(g.major) : `${g.major}.${g.minor}`;
  return g.major < 4 ? `Claude ${version} ${tier}` : `Claude ${tier} ${version}`;
}

/** The `supports1m-unlikely` findings for `models` (the inferenceModels value) under `provider`. */
export function supports1mFindings(provider: unknown, models: unknown): Finding[] {
  if (typeof provider !== 'string' || !(CLOUD_PROVIDERS as readonly string[]).includes(provider) || !Array.isArray(models)) return [];
  const out: Finding[] = [];
  models.forEach((entry, i) => {
    if (!isObject(entry) || entry.supports1m !== true || typeof entry.name !== 'string') return;
    const gen = modelGeneration(entry.name);
    if (gen && (gen.tier === 'sonnet' || gen.tier === 'opus') && gen.major >= 4) return;
    const what = gen ? describeGeneration(gen) : 'a model this check cannot identify from its id';
    out.push(
      finding(
        'supports1m-unlikely',
        'warning',
        ['settings', MODELS_KEY, i, 'supports1m'],
        `"${entry.name}" is ${what}; on ${provider} only Sonnet and Opus 4 or later serve a 1M-token context, so the "1M context" picker entry would fail`,
        gen ? 'remove supports1m from this entry' : 'if this id (an inference profile ARN or deployment name) points at Sonnet or Opus 4+, ignore this; otherwise remove supports1m',
        MODELS_KEY,
      ),
    );
  });
  return out;
}

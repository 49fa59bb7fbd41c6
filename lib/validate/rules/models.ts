/** inferenceModels: a Haiku-tier entry for sub-agents, other vendors' models, the 1M assertion (and ids that cannot have 1M), family defaults. */
import { getKey } from '../../catalog';
import { clip } from '../../escape/clip';
import { finding, type Finding } from '../findings';
import { specAt } from '../spec-at';
import { supports1mFindings } from './supports1m';
import { isObject, type Rule } from './types';
import { pushAll } from '../../push-all';

const MODELS = getKey('inferenceModels').name;
const DISCOVERY = getKey('modelDiscoveryEnabled').name;
const PROVIDER = getKey('inferenceProvider').name;

export const modelRule: Rule = ({ settings }) => {
  const models = settings[MODELS];
  const out: Finding[] = [];
  if (!Array.isArray(models)) {
    if (settings[DISCOVERY] === false) out.push(finding('models-required', 'error', ['settings', MODELS], `${DISCOVERY} is false but ${MODELS} is not set`, `list the models with their full provider ids in ${MODELS}`, MODELS));
    return out;
  }
  if (models.length === 0) out.push(finding('empty-models', 'error', ['settings', MODELS], `${MODELS} is empty`, 'list at least one model, or remove the key to use discovery', MODELS));
  const tiers = models.map((m) => (isObject(m) ? m.anthropicFamilyTier : undefined));
  if (models.length > 0 && !tiers.includes('haiku')) {
    out.push(finding('no-haiku-model', 'warning', ['settings', MODELS], 'no entry has anthropicFamilyTier "haiku", so the "haiku" alias resolves to no model; Cowork sub-agents likely use it (the reference does not confirm this)', haikuHint(models), MODELS));
  }
  models.forEach((m, i) => {
    if (isObject(m) && m.supports1m === true) {
      out.push(finding('supports1m-unverified', 'warning', ['settings', MODELS, i, 'supports1m'], 'supports1m is an assertion: the app offers a 1M-context variant without checking that the provider serves one', 'keep it only if your provider serves this model id with the 1M-context beta', MODELS));
    }
  });
  models.forEach((m, i) => {
    const name = typeof m === 'string' ? m : isObject(m) && typeof m.name === 'string' ? m.name : undefined;
    const word = name === undefined ? undefined : rivalVendorWord(name);
    if (name === undefined || word === undefined) return;
    out.push(
      finding(
        'model-not-anthropic',
        'error',
        typeof m === 'string' ? ['settings', MODELS, i] : ['settings', MODELS, i, 'name'],
        `"${clip(name)}" names another vendor's model ("${word}"); Claude Desktop rejects the whole configuration when an entry is not an Anthropic model ("configured model … is not an Anthropic model")`,
        'list only Claude models; on a gateway, name each route after the Claude model it serves, such as claude-sonnet-4-5 or anthropic/claude-sonnet-4-5 (labelOverride sets the name users see)',
        MODELS,
      ),
    );
  });
  pushAll(out, supports1mFindings(settings[PROVIDER], models));
  const defaults = new Map<unknown, number>();
  models.forEach((m, i) => {
    if (!isObject(m) || m.isFamilyDefault !== true || m.anthropicFamilyTier === undefined) return;
    if (defaults.has(m.anthropicFamilyTier)) {
      const tier = specAt(['settings', MODELS, i, 'anthropicFamilyTier']).secret ? `of entry [${String(defaults.get(m.anthropicFamilyTier))}]` : `"${String(m.anthropicFamilyTier)}"`;
      out.push(finding('duplicate-family-default', 'warning', ['settings', MODELS, i, 'isFamilyDefault'], `two entries are the family default for tier ${tier}`, 'mark only one entry per tier as isFamilyDefault', MODELS));
    }
    defaults.set(m.anthropicFamilyTier, i);
  });
  return out;
};

// The app's own error names these ("configured model \"gpt-5.5\" is not an Anthropic model", the
// same for deepseek-v4-pro and claude-gpt-5.6-luna, in user reports); a vendor doc says never to
// put "gpt" anywhere in a model id. Its full rule is not public, so only other vendors' names are
// flagged: each word must begin a part of the id, except "gpt", which counts anywhere.
const RIVAL_WORDS: readonly string[] = ['deepseek', 'gemini', 'gemma', 'glm', 'grok', 'kimi', 'llama', 'minimax', 'mistral', 'mixtral', 'qwen'];

/** The other vendor's word a model id carries (`gpt`, `deepseek`…), or undefined. */
export function rivalVendorWord(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.includes('gpt')) return 'gpt';
  for (const part of lower.split(/[^a-z0-9]+/)) {
    const word = RIVAL_WORDS.find((w) => part.startsWith(w));
    if (word !== undefined) return word;
  }
  return undefined;
}

/**
 * The fix for a model list without a Haiku-tier entry: tag an entry whose id names Haiku (the
 * first one without a tier), or add one.
 */
function haikuHint(models: readonly unknown[]): string {
  for (const m of models) {
    const name = typeof m === 'string' ? m : isObject(m) && m.anthropicFamilyTier === undefined && typeof m.name === 'string' ? m.name : undefined;
    if (name === undefined || !/haiku/i.test(name)) continue;
    const tagged = JSON.stringify({ name, anthropicFamilyTier: 'haiku' });
    return typeof m === 'string' ? `tag "${name}" as the Haiku-tier model: write it as ${tagged}` : `tag "${name}" as the Haiku-tier model: add "anthropicFamilyTier": "haiku" to its entry`;
  }
  return 'add your provider\'s Haiku model with "anthropicFamilyTier": "haiku"';
}

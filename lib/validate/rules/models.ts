/** inferenceModels: a Haiku-tier entry for sub-agents, the 1M assertion (and ids that cannot have 1M), family defaults. */
import { getKey } from '../../catalog';
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

import { keyFactsRule } from './keys';
import { leafRule } from './leaves';
import { listRule } from './lists';
import { presenceRule } from './presence';
import { providerRule } from './provider';
import type { Rule } from './types';
import { combinationRule as libCombinationRule } from '../../../../lib/validate/rules/combinations';
import { modelRule as libModelRule } from '../../../../lib/validate/rules/models';
import { presentKeys } from '../../../../lib/validate/rules/types';
// Deliberate change (both sides): a rule added after the speed work, run from the library.
import { workspaceRule as libWorkspaceRule } from '../../../../lib/validate/rules/workspace';

// These two rules are unchanged by the speed work: the library's run with the context field it added.
const combinationRule: Rule = (ctx) => libCombinationRule({ ...ctx, keys: presentKeys(ctx.settings) });
const modelRule: Rule = (ctx) => libModelRule({ ...ctx, keys: presentKeys(ctx.settings) });
const workspaceRule: Rule = (ctx) => libWorkspaceRule({ ...ctx, keys: presentKeys(ctx.settings) });

/** Every semantic rule, run in this order. */
export const RULES: readonly Rule[] = [presenceRule, providerRule, leafRule, listRule, modelRule, keyFactsRule, combinationRule, workspaceRule];
export type { Rule, RuleContext } from './types';

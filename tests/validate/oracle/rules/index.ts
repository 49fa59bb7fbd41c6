import { combinationRule } from './combinations';
import { keyFactsRule } from './keys';
import { leafRule } from './leaves';
import { listRule } from './lists';
import { modelRule } from './models';
import { providerRule } from './provider';
import type { Rule } from './types';

/** Every semantic rule, run in this order. */
export const RULES: readonly Rule[] = [providerRule, leafRule, listRule, modelRule, keyFactsRule, combinationRule];
export type { Rule, RuleContext } from './types';

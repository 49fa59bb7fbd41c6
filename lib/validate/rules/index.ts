import { combinationRule } from './combinations';
import { keyFactsRule } from './keys';
import { leafRule } from './leaves';
import { listRule } from './lists';
import { modelRule } from './models';
import { presenceRule } from './presence';
import { providerRule } from './provider';
import type { Rule } from './types';
import { workspaceRule } from './workspace';

/**
 * Every semantic rule, in the order validateProfile runs them (lib/validate/index.ts calls them one
 * by one: its leaf-rule walk also collects the secrets prepareProfile resolves).
 */
export const RULES: readonly Rule[] = [presenceRule, providerRule, leafRule, listRule, modelRule, keyFactsRule, combinationRule, workspaceRule];
export type { Rule, RuleContext } from './types';

import type { Finding } from '../findings';

/** What a semantic rule sees: the migrated settings (values may still have wrong types). */
export interface RuleContext {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly scope: 'machine' | 'user';
  readonly appVersion?: string;
}

/** A semantic rule: things the JSON Schema cannot say. Must tolerate values of the wrong type. */
export type Rule = (ctx: RuleContext) => Finding[];

/** Narrowing helpers for rules that must not trust types. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * `model-not-anthropic`: Claude Desktop rejects the whole configuration when the model list
 * names another vendor's model. Users quote the app's error ("configured model "gpt-5.5" is not an
 * Anthropic model"; the same for deepseek-v4-pro and for claude-gpt-5.6-luna, so a claude- prefix
 * does not save it). The app's full rule is not public: only other vendors' names are flagged.
 */
import { rivalVendorWord } from '../../lib/validate/rules/models';
import { validateProfile, type Finding } from '../../lib/validate';
import { check, codes as checkCodes, mobileconfig, BASE } from '../check/support';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const HAIKU = { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' };

function withModels(models: unknown[], provider = 'gateway'): Record<string, unknown> {
  const settings: Record<string, unknown> = provider === 'gateway'
    ? { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k' }
    : { [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1', [K.inferenceBedrockBearerToken]: 'b' };
  return { name: 'm', identifier: 'com.example.m', settings: { ...settings, [K.inferenceModels]: models } };
}
const vendorFindings = (fs: readonly Finding[]) => fs.filter((f) => f.code === 'model-not-anthropic').map((f) => `${f.severity}@${f.path}`);

describe('model-not-anthropic', () => {
  test('another vendor\'s model is an error at its place: a plain id, or the name of an entry', () => {
    const r = validateProfile(withModels(['gpt-5.5', { name: 'deepseek-v4-pro' }, { name: 'claude-gpt-5.6-luna', labelOverride: 'Luna' }, HAIKU]), { now: NOW });
    expect(r.ok).toBe(false);
    expect(vendorFindings(r.findings)).toEqual([
      `error@settings.${K.inferenceModels}[0]`,
      `error@settings.${K.inferenceModels}[1].name`,
      `error@settings.${K.inferenceModels}[2].name`,
    ]);
    const first = r.findings.find((f) => f.code === 'model-not-anthropic')!;
    expect(first.message).toContain('"gpt-5.5"');
    expect(first.message).toContain('("gpt")');
    expect(first.hint).toMatch(/name each route after the Claude model it serves/);
  });

  test('on every provider, not only on a gateway', () => {
    const r = validateProfile(withModels(['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'meta.llama3-70b-instruct-v1:0', HAIKU], 'bedrock'), { now: NOW });
    expect(vendorFindings(r.findings)).toEqual([`error@settings.${K.inferenceModels}[1]`]);
  });

  test.each([
    'claude-sonnet-4-5', 'claude-sonnet-4-5[1m]', 'anthropic/claude-opus-4-1', 'tfy-ai-anthropic/claude-haiku-4-5', 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'claude-sonnet-4-5@20250929', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', 'my-claude-deployment',
  ])('%s: no finding', (name) => {
    expect(rivalVendorWord(name)).toBeUndefined();
    const r = validateProfile(withModels([name, HAIKU]), { now: NOW });
    expect(vendorFindings(r.findings)).toEqual([]);
  });

  test.each([
    ['GPT-4o', 'gpt'], ['openai/gpt-4o-mini', 'gpt'], ['chatgpt-4o-latest', 'gpt'], ['qwen3-coder', 'qwen'], ['z-ai/glm-4.6', 'glm'],
    ['moonshot/kimi-k2', 'kimi'], ['gemini-2.5-pro', 'gemini'], ['x-ai/grok-4', 'grok'], ['mistral-large', 'mistral'], ['deepseek-chat', 'deepseek'],
  ])('%s names %s', (name, word) => {
    expect(rivalVendorWord(name)).toBe(word);
  });

  test('a word inside another word is no vendor\'s name (only "gpt" counts anywhere)', () => {
    expect(rivalVendorWord('claude-sonnet-4-5-sglmx')).toBeUndefined();
    expect(rivalVendorWord('claude-haiku-4-5-privategpt')).toBe('gpt');
  });

  test('check reports it in a deployed .mobileconfig', () => {
    const r = check(mobileconfig({ ...BASE, [K.inferenceModels]: JSON.stringify(['gpt-5.5', HAIKU]) }), 'test.mobileconfig');
    expect(checkCodes(r)).toContain('error:model-not-anthropic');
  });
});

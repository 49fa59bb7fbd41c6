/**
 * `supports1m-unlikely` (audit-lint items 4 and 6): one implementation, reported by `validate`
 * and `build` as by `check`, and a model id's version read without mistaking a date for it.
 */
import { prepareProfile, validateProfile } from '../../lib/validate';
import { describeGeneration, modelGeneration } from '../../lib/validate/rules/supports1m';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('modelGeneration', () => {
  test.each([
    ['claude-3-7-sonnet-20250219', 'sonnet', 3, 7, 'Claude 3.7 Sonnet'],
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'sonnet', 3, 5, 'Claude 3.5 Sonnet'],
    ['claude-3-5-haiku-20241022', 'haiku', 3, 5, 'Claude 3.5 Haiku'],
    ['claude-3-opus@20240229', 'opus', 3, undefined, 'Claude 3 Opus'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'haiku', 3, undefined, 'Claude 3 Haiku'],
    ['claude-sonnet-4-5-20250929', 'sonnet', 4, 5, 'Claude Sonnet 4.5'],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', 'opus', 4, 1, 'Claude Opus 4.1'],
    ['claude-sonnet-4@20250514', 'sonnet', 4, undefined, 'Claude Sonnet 4'],
    ['claude-sonnet-4-20250514', 'sonnet', 4, undefined, 'Claude Sonnet 4'],
    ['claude-haiku-4-5', 'haiku', 4, 5, 'Claude Haiku 4.5'],
  ])('%s', (id, tier, major, minor, words) => {
    const g = modelGeneration(id);
    expect(g).toEqual({ tier, major, ...(minor === undefined ? {} : { minor }) });
    expect(describeGeneration(g!)).toBe(words);
  });

  test('an eight-digit date is never a version; ids without a tier are not read', () => {
    expect(modelGeneration('sonnet-20250219')).toBeUndefined();
    expect(modelGeneration('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123')).toBeUndefined();
    expect(modelGeneration('my-deployment')).toBeUndefined();
  });
});

const bedrock = (models: unknown[]) => ({
  name: 'test',
  identifier: 'com.example.test',
  settings: { [K.inferenceProvider]: 'bedrock', [K.inferenceBedrockRegion]: 'us-east-1', [K.inferenceBedrockBearerToken]: 'tok', [K.inferenceModels]: models },
});

test('validate and build report supports1m-unlikely (a warning), with the check wording', () => {
  const profile = bedrock([{ name: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', anthropicFamilyTier: 'haiku', supports1m: true }]);
  const r = validateProfile(profile, { now: NOW });
  expect(r.ok).toBe(true);
  const f = r.findings.find((x) => x.code === 'supports1m-unlikely');
  expect(f).toMatchObject({ severity: 'warning', path: `settings.${K.inferenceModels}[0].supports1m`, key: K.inferenceModels });
  expect(f?.message).toBe('"us.anthropic.claude-3-5-haiku-20241022-v1:0" is Claude 3.5 Haiku; on bedrock only Sonnet and Opus 4 or later serve a 1M-token context, so the "1M context" picker entry would fail');
  expect(prepareProfile(profile, { now: NOW }).warnings.map((x) => x.code)).toContain('supports1m-unlikely');
});

test('not reported for Sonnet or Opus 4+, nor on a gateway', () => {
  const ok = validateProfile(bedrock([{ name: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', supports1m: true }, { name: 'h', anthropicFamilyTier: 'haiku' }]), { now: NOW });
  expect(ok.findings.map((x) => x.code)).not.toContain('supports1m-unlikely');
  const gw = validateProfile({ name: 'test', identifier: 'com.example.test', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'claude-3-5-haiku-20241022', anthropicFamilyTier: 'haiku', supports1m: true }] } }, { now: NOW });
  expect(gw.findings.map((x) => x.code)).not.toContain('supports1m-unlikely');
});

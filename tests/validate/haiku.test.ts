/**
 * `no-haiku-model` (the Haiku question of both audits): kept as a warning, worded as likely (the
 * reference does not confirm that sub-agents use the Haiku tier, §3.1), and when an id names Haiku
 * but carries no tier, the hint says to tag that entry.
 */
import { validateProfile } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const haiku = (models: unknown[]) =>
  validateProfile(
    { name: 'test', identifier: 'com.example.test', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: models } },
    { now: NOW },
  ).findings.filter((f) => f.code === 'no-haiku-model');

test('worded as likely, not as fact', () => {
  const [f] = haiku([{ name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' }]);
  expect(f).toMatchObject({ severity: 'warning', path: `settings.${K.inferenceModels}` });
  expect(f?.message).toBe('no entry has anthropicFamilyTier "haiku", so the "haiku" alias resolves to no model; Cowork sub-agents likely use it (the reference does not confirm this)');
  expect(f?.hint).toBe('add your provider\'s Haiku model with "anthropicFamilyTier": "haiku"');
});

test('a Haiku id without a tier: the hint names the entry to tag', () => {
  expect(haiku(['claude-sonnet-4-5', 'claude-haiku-4-5'])[0]?.hint).toBe('tag "claude-haiku-4-5" as the Haiku-tier model: write it as {"name":"claude-haiku-4-5","anthropicFamilyTier":"haiku"}');
  expect(haiku([{ name: 'claude-sonnet-4-5' }, { name: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', labelOverride: 'Fast' }])[0]?.hint).toBe('tag "us.anthropic.claude-haiku-4-5-20251001-v1:0" as the Haiku-tier model: add "anthropicFamilyTier": "haiku" to its entry');
});

test('no warning once an entry is tagged haiku', () => {
  expect(haiku(['claude-sonnet-4-5', { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }])).toEqual([]);
});

/**
 * The one rule for quoting a file's text in messages and shown values (lib/escape/clip.ts): at
 * most 60 characters, a cut marked `…`, never inside a surrogate pair; names quoted only up to
 * their first character no key name has, so a value run into a name is never printed.
 */
import { clip, CLIP_LENGTH, clipName, clipWithLength } from '../../lib/escape/clip';
import { K } from '../support/keys';

test('clip: short text whole; long text cut to CLIP_LENGTH characters, the last one "…"', () => {
  expect(clip('abc')).toBe('abc');
  expect(clip('x'.repeat(CLIP_LENGTH))).toBe('x'.repeat(CLIP_LENGTH));
  expect(clip('x'.repeat(CLIP_LENGTH + 1))).toBe(`${'x'.repeat(CLIP_LENGTH - 1)}…`);
  expect(clip('😀'.repeat(100), 10)).toBe(`${'😀'.repeat(9)}…`);
  expect(clip('😀'.repeat(10), 10)).toBe('😀'.repeat(10));
});

test('clipWithLength: a cut says how long the text was', () => {
  expect(clipWithLength('abc')).toBe('abc');
  expect(clipWithLength('y'.repeat(390))).toBe(`${'y'.repeat(CLIP_LENGTH - 1)}… (390 characters)`);
});

test('clipName: up to the first character no key name has; "…" marks what was left out', () => {
  expect(clipName(K.inferenceGatewayApiKey)).toBe(K.inferenceGatewayApiKey);
  expect(clipName(`${K.inferenceGatewayApiKey} sk-live-123456`)).toBe(`${K.inferenceGatewayApiKey}…`);
  expect(clipName(`${K.inferenceGatewayApiKey}"="sk-live-123456`)).toBe(`${K.inferenceGatewayApiKey}…`);
  expect(clipName(' sk-live-123456')).toBe('(not shown)');
  expect(clipName('')).toBe('');
  expect(clipName('k'.repeat(1000))).toBe(`${'k'.repeat(CLIP_LENGTH - 1)}…`);
  expect(clipName(`${'k'.repeat(1000)} tail`)).toBe(`${'k'.repeat(CLIP_LENGTH - 1)}…`);
  expect(clipName('./Device/Vendor x', /[A-Za-z0-9./]/)).toBe('./Device/Vendor…');
});

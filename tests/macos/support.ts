/** Shared helpers of the macOS tests (plistlib results → Claude settings, expected values). */
import { spawnSync } from 'node:child_process';
import { isMdmKey } from '../../lib/catalog';
import { encodeSettings } from '../../lib/encode';
import type { ResolvedProfile } from '../../lib/profile/types';
import { loadExamples, loadFixtureProfile, type LoadedProfile } from '../support/examples';

export const DOMAIN = 'com.anthropic.claudefordesktop';

/** Every example profile plus the hostile fixture. */
export function allProfiles(): LoadedProfile[] {
  return [...loadExamples(), loadFixtureProfile('hostile.profile.json')];
}

/** What the OS store must hold for a profile: MDM keys in catalogue order, Claude's strings. */
export function expectedStrings(resolved: ResolvedProfile): [string, string][] {
  return encodeSettings(resolved.settings, isMdmKey).map((e) => [e.key, e.value]);
}

type Dict = Record<string, unknown>;

/** The Claude settings (non-Payload keys) of a profile as plistlib read it, in file order. */
export function claudeSettingsOf(top: unknown): [string, unknown][] {
  const payload = ((top as Dict).PayloadContent as Dict[])[0]!;
  if (payload.PayloadType === DOMAIN) return Object.entries(payload).filter(([k]) => !k.startsWith('Payload'));
  expect(payload.PayloadType).toBe('com.apple.ManagedClient.preferences');
  const forced = ((payload.PayloadContent as Dict)[DOMAIN] as Dict).Forced as Dict[];
  expect(forced).toHaveLength(1);
  return Object.entries(forced[0]!.mcx_preference_settings as Dict);
}

/** Runs `openssl args…` with optional stdin; returns status and output (tests only). */
export function openssl(args: string[], input?: Buffer): { status: number | null; stdout: Buffer; output: string } {
  const r = spawnSync('openssl', args, { input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, output: r.stdout.toString('utf8') + r.stderr.toString('utf8') };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMobileconfig } from '../../lib/writers/mobileconfig';
import { loadExamples } from '../support/examples';
import { ORACLES_DIR } from '../support/validators';
import { allProfiles } from './support';

/** Whether python3 with PyYAML is there (CI must have it: then a missing one fails instead of skipping). */
function hasPyYaml(): boolean {
  const ok = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
  if (!ok && process.env.CI === 'true') throw new Error('python3 with PyYAML is required (CI=true: refusing to skip)');
  return ok;
}

function appleLint(bytes: Buffer | string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cgp-apple-'));
  try {
    const file = join(dir, 'p.mobileconfig');
    writeFileSync(file, bytes);
    const r = spawnSync('python3', [join(__dirname, 'apple-yaml-lint.py'), join(ORACLES_DIR, 'apple-device-management'), file]);
    return { ok: r.status === 0, output: r.stdout.toString() + r.stderr.toString() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Payload* structure checked against Apple's own YAML key descriptions (apple/device-management). */
(hasPyYaml() ? describe : describe.skip)('mobileconfig against Apple device-management YAML', () => {
  for (const { file, resolved } of allProfiles()) {
    for (const form of ['direct', 'mcx'] as const) {
      test(`${file} (${form})`, () => {
        const r = appleLint(buildMobileconfig(resolved, { payloadForm: form, removalDisallowed: true }));
        expect(r.output.trim()).toBe('apple OK');
      });
    }
  }

  test('the lint itself catches what it claims (scope, device type, MCX nesting, types)', () => {
    const good = buildMobileconfig(loadExamples()[0]!.resolved, { payloadForm: 'mcx' }).toString('utf8');
    const bad = good
      .replace('<string>System</string>', '<string>Device</string>')
      .replace('<integer>5</integer>', '<integer>9</integer>')
      .replace('<key>mcx_preference_settings</key>', '<key>mcx_preference_setting</key>')
      .replace(/<key>PayloadVersion<\/key>\n\t<integer>1<\/integer>/, '<key>PayloadVersion</key>\n\t<string>1</string>');
    const r = appleLint(bad);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("top.PayloadScope: 'Device' not in Apple's rangelist");
    expect(r.output).toContain("top.TargetDeviceType: 9 not in Apple's rangelist");
    expect(r.output).toContain('mcx_preference_settings: required by Apple, missing');
    expect(r.output).toContain('top.PayloadVersion: is str, Apple declares <integer>');
  });
});

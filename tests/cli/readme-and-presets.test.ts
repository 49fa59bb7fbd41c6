import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { PRESET_NAMES, presetProfile } from '../../lib/presets';
import { runCli } from '../support/cli';
import { envFor, ROOT } from '../support/examples';
import { fillPlaceholders } from '../build-parts/support';

describe("the README's first command", () => {
  test('builds the TrueFoundry example into every artifact the README promises', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const first = /```sh\n([^\n]+)\n/.exec(readme)?.[1] ?? '';
    // npm ci && TFY_API_KEY=demo-key npx claude-gateway-profile build examples/truefoundry.profile.json --out out
    const m = /^npm ci && (\w+)=(\S+) npx claude-gateway-profile (build .*)$/.exec(first);
    expect(m).not.toBeNull();
    const [, envName, envValue, command] = m as unknown as [string, string, string, string];
    const out = mkdtempSync(join(tmpdir(), 'cgp-readme-'));
    const argv = command.split(' ').map((a) => (a === 'out' ? out : a));
    const r = await runCli(argv, { env: { [envName]: envValue } });
    expect(r.code).toBe(0);
    const dir = join(out, 'truefoundry');
    for (const f of [
      'macos/truefoundry.mobileconfig', 'windows/truefoundry.reg', 'windows/truefoundry.undo.reg',
      'windows/PolicyDefinitions/Claude.admx', 'windows/PolicyDefinitions/en-US/Claude.adml',
      'jamf/com.anthropic.claudefordesktop.jamf-schema.json', 'jamf/com.anthropic.claudefordesktop.plist',
      'intune/com.anthropic.claudefordesktop.intune-preference.xml', 'intune/truefoundry.macos-custom-configuration.json',
      'intune/truefoundry.windows-custom-configuration.json', 'intune/truefoundry.windows-oma-uri.csv',
      'json/settings.json', 'linux/managed-settings.json', 'config-library/_meta.json',
      'manifest.json', 'DEPLOY.md', 'egress.txt',
    ]) expect(existsSync(join(dir, f))).toBe(true);
  });
});

describe('init presets', () => {
  test.each(PRESET_NAMES)('%s: with the placeholders filled it builds every format', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-init-'));
    const file = join(dir, 'profile.json');
    expect((await runCli(['init', '--gateway', name, '--out', file])).code).toBe(0);
    expect((await runCli(['validate', file])).code).toBe(1); // CHANGE_ME placeholders
    const filled = fillPlaceholders(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, JSON.stringify(filled));
    expect((await runCli(['validate', file])).code).toBe(0);
    const result = buildArtifacts(filled, { env: envFor(filled) });
    expect(result.files.map((f) => f.path)).toEqual(expect.arrayContaining(['manifest.json', 'DEPLOY.md', 'egress.txt']));
    expect(result.files.length).toBeGreaterThan(15);
    expect(presetProfile(name).name).toBeTruthy();
  });
});

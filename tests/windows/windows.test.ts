import type { Artifact } from '../../lib/artifact';
import type { ResolvedSettings } from '../../lib/profile/types';
import { loadExamples } from '../support/examples';

const examples = loadExamples();

type WindowsModule = typeof import('../../lib/writers/windows');

/** Imports the Windows writers in a fresh module registry (no cached model or bundle). */
function freshWindows(): WindowsModule {
  let mod: WindowsModule | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../../lib/writers/windows') as WindowsModule;
  });
  return mod!;
}

describe('windowsArtifacts', () => {
  const { windowsArtifacts } = freshWindows();
  const tf = examples.find((e) => e.file === 'truefoundry.profile.json')!.resolved;

  it('lists every Windows artifact under windows/ and intune/, in a fixed order', () => {
    const arts = windowsArtifacts(tf);
    expect(arts.map((a) => [a.path, a.mediaType])).toEqual([
      ['windows/truefoundry.reg', 'text/x-ms-regedit'],
      ['windows/truefoundry.undo.reg', 'text/x-ms-regedit'],
      ['windows/PolicyDefinitions/Claude.admx', 'application/xml'],
      ['windows/PolicyDefinitions/en-US/Claude.adml', 'application/xml'],
      ['intune/truefoundry.windows-custom-configuration.json', 'application/json'],
      ['intune/truefoundry.windows-oma-uri.csv', 'text/csv'],
    ]);
    for (const a of arts) expect(a.bytes.length).toBeGreaterThan(0);
  });

  it('can leave groups out', () => {
    expect(windowsArtifacts(tf, { include: { reg: false, intune: false } }).map((a) => a.path)).toEqual([
      'windows/PolicyDefinitions/Claude.admx',
      'windows/PolicyDefinitions/en-US/Claude.adml',
    ]);
  });

  it.each(examples.map((e) => [e.file, e.resolved] as const))('%s: byte-identical across fresh module loads and settings orders', (_f, profile) => {
    const a = windowsArtifacts(profile);
    const reversed = { ...profile, settings: Object.fromEntries(Object.entries(profile.settings).reverse()) as ResolvedSettings };
    const b = freshWindows().windowsArtifacts(reversed);
    const digest = (arts: Artifact[]): [string, string][] => arts.map((x) => [x.path, x.bytes.toString('base64')]);
    expect(digest(b)).toEqual(digest(a));
  });

  it('carries no timestamp or tool version', () => {
    for (const a of windowsArtifacts(tf)) {
      const text = a.path.endsWith('.reg') ? a.bytes.subarray(2).toString('utf16le') : a.bytes.toString('utf8');
      expect(text).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
      expect(text).not.toMatch(/generated (at|on|by)|timestamp|claude-gateway-profile \d/i);
    }
  });
});

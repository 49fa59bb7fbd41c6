import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { macosArtifacts } from '../../lib/writers/macos';
import { ROOT, loadExamples } from '../support/examples';
import { TOOLS, describeIfTool, makeTestPki, type TestPki } from '../support/validators';
import { digestAll } from './child/digest';

/**
 * Same input → same bytes: two in-process builds, and a build in a child process with another
 * time zone and locale. The child runs the library from source through a tiny type-stripping
 * loader (tests/macos/child/ts-register.js: typescript.transpileModule), so no build step or
 * ts-node is needed and the code under test is the same source ts-jest compiles.
 */
describeIfTool(TOOLS.cms)('determinism of every macOS artifact', () => {
  let pki: TestPki;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cgp-det-'));
    pki = makeTestPki();
    writeFileSync(join(dir, 'leaf.pem'), pki.leafPem);
    writeFileSync(join(dir, 'leaf.key'), pki.leafKeyPem);
    writeFileSync(join(dir, 'int.pem'), pki.intPem);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const signing = (): { certificatePem: string; privateKeyPem: string; chainPem: string } => ({ certificatePem: pki.leafPem, privateKeyPem: pki.leafKeyPem, chainPem: pki.intPem });

  test('two in-process builds give identical bytes (signed included)', () => {
    const a = digestAll((p, form) => macosArtifacts(p, { payloadForm: form, signing: signing() }));
    const b = digestAll((p, form) => macosArtifacts(structuredClone(p), { payloadForm: form, signing: signing() }));
    expect(Object.keys(a).length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  test('a child process with TZ=Pacific/Kiritimati and LANG/LC_ALL=tr_TR.UTF-8 gives identical bytes', () => {
    const here = digestAll((p, form) => macosArtifacts(p, { payloadForm: form, signing: signing() }));
    const r = spawnSync(process.execPath, ['--require', join(__dirname, 'child', 'ts-register.js'), join(__dirname, 'child', 'build-all.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', CGP_PKI_DIR: dir },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const there = JSON.parse(r.stdout.toString('utf8')) as { env: { timeZone: string; locale: string; offsetMinutes: number }; digests: Record<string, string> };
    expect(there.env.timeZone).toBe('Pacific/Kiritimati');
    expect(there.env.locale).toBe('tr-TR');
    expect(there.env.offsetMinutes).toBe(-840);
    expect(there.env.offsetMinutes).not.toBe(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset());
    expect(there.digests).toEqual(here);
  });

  test('artifact paths are the documented ones', () => {
    const p = loadExamples()[0]!.resolved;
    expect(macosArtifacts(p, { signing: signing() }).map((a) => a.path)).toEqual([
      `macos/${p.name}.mobileconfig`,
      `macos/${p.name}.signed.mobileconfig`,
      'macos/com.anthropic.claudefordesktop.manifest.plist',
      'jamf/com.anthropic.claudefordesktop.plist',
      'jamf/com.anthropic.claudefordesktop.jamf-schema.json',
      'intune/com.anthropic.claudefordesktop.intune-preference.xml',
      `intune/${p.name}.macos-custom-configuration.json`,
    ]);
    expect(macosArtifacts(p).map((a) => a.path)).not.toContain(`macos/${p.name}.signed.mobileconfig`);
  });
});

/**
 * The deployed Linux managed file: Claude Desktop reads `/etc/claude-desktop/managed-settings.json`
 * only when it and its folder are root-owned, not group- or world-writable and not symbolic links
 * (reference §0); otherwise the whole managed policy silently does not apply. `check` says so for a
 * file checked at that path, and for no copy elsewhere. A temp folder stands in for
 * /etc/claude-desktop (injected path); ownership is simulated by a fake `lstat`, and real links,
 * real chmod (and, as root, real chown) are checked through the CLI.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkArtifacts, type CheckOptions, type PathStat } from '../../lib/check';
import { checkCommand, type CheckHostOptions } from '../../lib/cli/check-cmd';
import type { CliIo } from '../../lib/cli/io';
import type { Finding } from '../../lib/validate/findings';
import { expectCheckResult } from '../support/check-result-schema';
import { K } from '../support/keys';
import { BASE, json, NOW } from './support';

const SECRET = 'sk-live-DONOTPRINT-abcdef0123456789';
const SETTINGS = json({ ...BASE, [K.inferenceGatewayApiKey]: SECRET });
const OURS = /^managed-settings-/;

let root: string;
/** Stands in for /etc/claude-desktop. */
let etc: string;
/** Stands in for /etc/claude-desktop/managed-settings.json. */
let deployed: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cgp-managed-perm-'));
  etc = join(root, 'etc', 'claude-desktop');
  deployed = join(etc, 'managed-settings.json');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A fake lstat result. */
const st = (uid: number, mode: number, link = false): PathStat => ({ uid, mode, isSymbolicLink: () => link });
const FILE_OK = st(0, 0o100644);
const DIR_OK = st(0, 0o040755);

/** Checks `bytes` named `path`, with a fake lstat answering for the deployed file and its folder. */
function checkAt(path: string, stats: { file?: PathStat; dir?: PathStat }, options: Partial<CheckOptions> = {}): { findings: readonly Finding[]; asked: string[] } {
  const asked: string[] = [];
  const lstat = (p: string): PathStat | undefined => {
    asked.push(p);
    return p === deployed ? (stats.file ?? FILE_OK) : p === etc ? (stats.dir ?? DIR_OK) : undefined;
  };
  const r = checkArtifacts([{ name: path, bytes: Buffer.from(SETTINGS, 'utf8'), path }], { now: NOW, lstat, managedSettingsPath: deployed, platform: 'linux', ...options });
  return { findings: (r.files[0] as { findings: readonly Finding[] }).findings, asked };
}
const ours = (findings: readonly Finding[]) => findings.filter((f) => OURS.test(f.code));
const brief = (findings: readonly Finding[]) => ours(findings).map((f) => `${f.severity}:${f.code}:${f.path}`);
const noSecret = (findings: readonly Finding[]) => {
  for (const f of findings) expect(`${f.message} ${f.hint ?? ''}`).not.toContain(SECRET);
};

describe('managed-settings file at the deployed path (library, fake lstat)', () => {
  test('root-owned 0644 file in a root-owned 0755 folder: nothing to say', () => {
    const { findings, asked } = checkAt(deployed, {});
    expect(ours(findings)).toEqual([]);
    expect(asked.sort()).toEqual([etc, deployed].sort());
  });

  test('a file not owned by root is an error naming the uid, with the chown command', () => {
    const { findings } = checkAt(deployed, { file: st(1000, 0o100644) });
    expect(brief(findings)).toEqual(['error:managed-settings-not-root:(file)']);
    const f = ours(findings)[0] as Finding;
    expect(f.message).toContain(`${deployed} is owned by uid 1000, not by root`);
    expect(f.message).toContain('Claude Desktop ignores such a managed settings file, so none of its settings apply');
    expect(f.hint).toBe(`sudo chown root:root ${deployed}`);
    noSecret(findings);
  });

  test.each([
    [0o100664, 'group-writable (mode 0664)'],
    [0o100646, 'world-writable (mode 0646)'],
    [0o100666, 'group- and world-writable (mode 0666)'],
  ])('a file with mode %o is an error with the chmod 644 command', (mode, words) => {
    const { findings } = checkAt(deployed, { file: st(0, mode) });
    expect(brief(findings)).toEqual(['error:managed-settings-writable:(file)']);
    const f = ours(findings)[0] as Finding;
    expect(f.message).toContain(`${deployed} is ${words}`);
    expect(f.hint).toBe(`sudo chmod 644 ${deployed}`);
  });

  test('readable-only modes (0600, 0640, 0444) are not reported', () => {
    for (const mode of [0o100600, 0o100640, 0o100444]) expect(brief(checkAt(deployed, { file: st(0, mode) }).findings)).toEqual([]);
  });

  test('the folder: not root-owned and group-writable, each an error with its command (chmod 755)', () => {
    const { findings } = checkAt(deployed, { dir: st(1000, 0o040775) });
    expect(brief(findings)).toEqual(['error:managed-settings-not-root:(folder)', 'error:managed-settings-writable:(folder)']);
    const [owner, mode] = ours(findings) as [Finding, Finding];
    expect(owner.message).toContain(`the folder ${etc} is owned by uid 1000`);
    expect(owner.hint).toBe(`sudo chown root:root ${etc}`);
    expect(mode.message).toContain(`the folder ${etc} is group-writable (mode 0775)`);
    expect(mode.hint).toBe(`sudo chmod 755 ${etc}`);
  });

  test('file and folder both wrong: every problem is listed, the file first', () => {
    const { findings } = checkAt(deployed, { file: st(501, 0o100666), dir: st(501, 0o040777) });
    expect(brief(findings)).toEqual(['error:managed-settings-not-root:(file)', 'error:managed-settings-writable:(file)', 'error:managed-settings-not-root:(folder)', 'error:managed-settings-writable:(folder)']);
    noSecret(findings);
  });

  test('a symbolic link (file or folder) is an error; the link’s own 0777 mode and owner are not reported', () => {
    const file = checkAt(deployed, { file: st(1000, 0o120777, true) }).findings;
    expect(brief(file)).toEqual(['error:managed-settings-symlink:(file)']);
    expect((ours(file)[0] as Finding).message).toContain(`${deployed} is a symbolic link`);
    expect((ours(file)[0] as Finding).hint).toContain(`sudo cp --remove-destination "$(readlink -f ${deployed})" ${deployed}; sudo chown root:root ${deployed}; sudo chmod 644 ${deployed}`);
    const dir = checkAt(deployed, { dir: st(0, 0o120777, true) }).findings;
    expect(brief(dir)).toEqual(['error:managed-settings-symlink:(folder)']);
    expect((ours(dir)[0] as Finding).message).toContain(`the folder ${etc} is a symbolic link`);
    expect((ours(dir)[0] as Finding).hint).toContain(`sudo mkdir -m 755 ${etc}`);
  });

  test('judged whatever kind the content looks like (forced or detected)', () => {
    expect(brief(checkAt(deployed, { file: st(0, 0o100666) }, { kind: 'config-library-json' }).findings)).toEqual(['error:managed-settings-writable:(file)']);
  });

  test('a copy elsewhere (build output, home folder) is not judged, and its metadata is not even read', () => {
    for (const other of [join(root, 'out', 'acme', 'json', 'managed-settings.json'), join(root, 'home', 'admin', 'managed-settings.json'), join(etc, 'managed-settings.json.bak'), join(root, 'etc', 'managed-settings.json')]) {
      const { findings, asked } = checkAt(other, { file: st(1000, 0o100666), dir: st(1000, 0o040777) });
      expect({ other, found: brief(findings) }).toEqual({ other, found: [] });
      expect(asked).toEqual([]);
    }
  });

  test('the path is compared as given, made absolute: ".." in it still names the deployed file', () => {
    const roundabout = join(etc, '..', 'claude-desktop', '.', 'managed-settings.json');
    expect(brief(checkAt(roundabout, { file: st(1000, 0o100644) }).findings)).toEqual(['error:managed-settings-not-root:(file)']);
  });

  test('skipped on Windows, without lstat, and for inputs without a path', () => {
    expect(brief(checkAt(deployed, { file: st(1000, 0o100666) }, { platform: 'win32' }).findings)).toEqual([]);
    const r = checkArtifacts([{ name: deployed, bytes: Buffer.from(SETTINGS), path: deployed }], { now: NOW, managedSettingsPath: deployed, platform: 'linux' });
    expect(brief((r.files[0] as { findings: readonly Finding[] }).findings)).toEqual([]);
    const noPath = checkArtifacts([{ name: deployed, bytes: Buffer.from(SETTINGS) }], { now: NOW, lstat: () => st(1000, 0o100666), managedSettingsPath: deployed, platform: 'linux' });
    expect(brief((noPath.files[0] as { findings: readonly Finding[] }).findings)).toEqual([]);
  });

  test('the default deployed path is /etc/claude-desktop/managed-settings.json', () => {
    const asked: string[] = [];
    const path = '/etc/claude-desktop/managed-settings.json';
    const lstat = (p: string) => (asked.push(p), p === path ? st(1000, 0o100644) : DIR_OK);
    const r = checkArtifacts([{ name: path, bytes: Buffer.from(SETTINGS), path }], { now: NOW, lstat, platform: 'linux' });
    expect(brief((r.files[0] as { findings: readonly Finding[] }).findings)).toEqual(['error:managed-settings-not-root:(file)']);
    expect(asked.sort()).toEqual(['/etc/claude-desktop', path]);
  });
});

describe('check CLI on real files in a temp folder standing in for /etc/claude-desktop', () => {
  function cli(argv: string[], host: CheckHostOptions = { managedSettingsPath: deployed, platform: 'linux' }, cwd = root) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd, isTTY: false };
    const code = checkCommand(argv, io, host);
    return { code, stdout, stderr };
  }
  const put = (path: string, mode: number, dirMode = 0o755) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, SETTINGS);
    chmodSync(path, mode);
    chmodSync(join(path, '..'), dirMode);
  };
  const jsonCodes = (stdout: string): string[] => {
    const body = JSON.parse(stdout) as { files: { findings: { code: string; location: string }[] }[] };
    expectCheckResult('check', body);
    return body.files.flatMap((f) => f.findings.filter((x) => OURS.test(x.code)).map((x) => `${x.code}:${x.location}`));
  };
  /** The deployed file as the CLI names it (relative to the working folder, `root`). */
  const shown = () => relative(root, deployed);
  /** As root, real files are root-owned; otherwise every file made here is also not-root. */
  const asRoot = process.getuid?.() === 0;
  const notRoot = (where: string[]) => (asRoot ? [] : where.map((w) => `managed-settings-not-root:${w}`));

  test('0644 in 0755: exit 0, nothing to say (when run as root)', () => {
    put(deployed, 0o644);
    const r = cli(['--json', deployed]);
    expect(jsonCodes(r.stdout)).toEqual(notRoot(['(file)', '(folder)']));
    if (asRoot) expect(r.code).toBe(0);
  });

  test('real chmod 666 on the file and 777 on the folder: errors with their chmod commands, exit 1, no secret printed', () => {
    put(deployed, 0o666, 0o777);
    const r = cli([deployed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error: ${shown()}: (file): ${deployed} is group- and world-writable (mode 0666)`);
    expect(r.stdout).toContain(`(sudo chmod 644 ${deployed}) [managed-settings-writable]`);
    expect(r.stdout).toContain(`error: ${shown()}: (folder): the folder ${etc} is group- and world-writable (mode 0777)`);
    expect(r.stdout).toContain(`(sudo chmod 755 ${etc}) [managed-settings-writable]`);
    expect(r.stdout).not.toContain(SECRET);
    const j = cli(['--json', deployed]);
    expect(jsonCodes(j.stdout)).toEqual([...notRoot(['(file)']), 'managed-settings-writable:(file)', ...notRoot(['(folder)']), 'managed-settings-writable:(folder)']);
    expect(j.stdout).not.toContain(SECRET);
  });

  test('a relative argument and a walked folder name the deployed file too', () => {
    put(deployed, 0o646);
    const rel = cli(['--json', join('etc', 'claude-desktop', 'managed-settings.json')]);
    expect(jsonCodes(rel.stdout)).toEqual([...notRoot(['(file)']), 'managed-settings-writable:(file)', ...notRoot(['(folder)'])]);
    const walked = cli(['--json', etc]);
    expect(jsonCodes(walked.stdout)).toEqual([...notRoot(['(file)']), 'managed-settings-writable:(file)', ...notRoot(['(folder)'])]);
  });

  test('a real symbolic link named the deployed path is an error, while its target checked directly is not judged', () => {
    const target = join(root, 'srv', 'managed-settings.json');
    put(target, 0o644);
    mkdirSync(etc, { recursive: true });
    chmodSync(etc, 0o755);
    symlinkSync(target, deployed);
    const r = cli(['--json', deployed]);
    expect(r.code).toBe(1);
    expect(jsonCodes(r.stdout)).toEqual(['managed-settings-symlink:(file)', ...notRoot(['(folder)'])]);
    expect(r.stdout).toContain('readlink -f');
    expect(r.stdout).not.toContain(SECRET);
    expect(jsonCodes(cli(['--json', target]).stdout)).toEqual([]);
  });

  test('a real symbolic link for the folder is an error', () => {
    const real = join(root, 'opt', 'claude-desktop');
    put(join(real, 'managed-settings.json'), 0o644);
    mkdirSync(join(etc, '..'), { recursive: true });
    symlinkSync(real, etc);
    const r = cli(['--json', deployed]);
    expect(r.code).toBe(1);
    expect(jsonCodes(r.stdout)).toEqual([...notRoot(['(file)']), 'managed-settings-symlink:(folder)']);
  });

  (asRoot ? test : test.skip)('real chown to another user (as root): not-root errors with the chown command', () => {
    put(deployed, 0o644);
    chownSync(deployed, 4242, 4242);
    chownSync(etc, 4242, 4242);
    const r = cli([deployed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error: ${shown()}: (file): ${deployed} is owned by uid 4242, not by root`);
    expect(r.stdout).toContain(`(sudo chown root:root ${deployed}) [managed-settings-not-root]`);
    expect(r.stdout).toContain(`(sudo chown root:root ${etc}) [managed-settings-not-root]`);
  });

  test('a build output folder with loose modes gets no such finding (real default path and lstat)', () => {
    const out = join(root, 'out', 'acme', 'json', 'managed-settings.json');
    put(out, 0o666, 0o777);
    const r = cli(['--json', join(root, 'out')], {});
    expect(jsonCodes(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('on Windows nothing is judged', () => {
    put(deployed, 0o666, 0o777);
    expect(jsonCodes(cli(['--json', deployed], { managedSettingsPath: deployed, platform: 'win32' }).stdout)).toEqual([]);
  });
});

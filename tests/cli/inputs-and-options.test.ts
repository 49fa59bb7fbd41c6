/**
 * `build`'s profile arguments (folders, globs) and the options checked before anything is built:
 * a mistake in them is a usage error (exit 2) that names it, and nothing is written, instead of a
 * build of nothing, of the wrong files, or without the signature that was asked for.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';
import { describeIfTool, makeTestPki, TOOLS } from '../support/validators';

const TF = join(EXAMPLES_DIR, 'truefoundry.profile.json');
const ENV = { TFY_API_KEY: 'tfy-SECRET-MARKER-0002' };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'cgp-inputs-'));

describe('profile arguments', () => {
  test('a glob that matches no file is a usage error naming it; nothing is built', async () => {
    const cwd = tmp();
    copyFileSync(TF, join(cwd, 'truefoundry.profile.json'));
    const r = await runCli(['build', '*.profile.jsn', '--out', 'out'], { cwd, env: ENV });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: 'claude-gateway-profile build: *.profile.jsn: no file matches\n' });
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  test('a folder: its *.json files only (notes beside them are not profiles); a folder without one is a usage error', async () => {
    const cwd = tmp();
    const profiles = join(cwd, 'profiles');
    mkdirSync(profiles);
    copyFileSync(TF, join(profiles, 'truefoundry.profile.json'));
    writeFileSync(join(profiles, 'README.txt'), 'not a profile {');
    const r = await runCli(['build', 'profiles', '--out', 'out', '--formats', 'json'], { cwd, env: ENV });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(join(cwd, 'out'))).toEqual(['truefoundry']);
    const notes = join(cwd, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'README.txt'), 'not a profile');
    const none = await runCli(['build', 'notes', '--out', 'out2'], { cwd, env: ENV });
    expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 2, stderr: 'claude-gateway-profile build: notes: the folder holds no .json profile\n' });
    expect(existsSync(join(cwd, 'out2'))).toBe(false);
  });
});

describe('options checked before anything is built', () => {
  test('--payload-form takes direct or mcx only (case matters)', async () => {
    const cwd = tmp();
    const r = await runCli(['build', TF, '--out', 'out', '--payload-form', 'MCX'], { cwd, env: ENV });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'claude-gateway-profile build: --payload-form must be direct or mcx, not "MCX"\n' });
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  test('--sign-chain or --sign-passphrase-env without a certificate and key is refused, not an unsigned build', async () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'chain.pem'), '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    for (const extra of [['--sign-chain', 'chain.pem'], ['--sign-passphrase-env', 'KEY_PASS']]) {
      const r = await runCli(['build', TF, '--out', 'out', ...extra], { cwd, env: { ...ENV, KEY_PASS: 'x' } });
      expect({ extra, code: r.code, stderr: r.stderr }).toEqual({ extra, code: 2, stderr: 'claude-gateway-profile build: --sign-chain and --sign-passphrase-env need --sign-cert and --sign-key\n' });
      expect(existsSync(join(cwd, 'out'))).toBe(false);
    }
  });
});

describeIfTool(TOOLS.cms)('--sign-passphrase-env', () => {
  test('naming a variable that is not set is a usage error naming it; nothing is built', async () => {
    const cwd = tmp();
    const pki = makeTestPki();
    writeFileSync(join(cwd, 'leaf.pem'), pki.leafPem);
    writeFileSync(join(cwd, 'leaf.key'), pki.leafKeyEncryptedPem);
    const r = await runCli(['build', TF, '--out', 'out', '--sign-cert', 'leaf.pem', '--sign-key', 'leaf.key', '--sign-passphrase-env', 'LEAF_PASS'], { cwd, env: ENV });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'claude-gateway-profile build: --sign-passphrase-env LEAF_PASS: that environment variable is not set\n' });
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    // Set, it signs.
    const ok = await runCli(['build', TF, '--out', 'out', '--formats', 'mobileconfig', '--sign-cert', 'leaf.pem', '--sign-key', 'leaf.key', '--sign-passphrase-env', 'LEAF_PASS'], { cwd, env: { ...ENV, LEAF_PASS: pki.passphrase } });
    expect(ok.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'truefoundry', 'macos', 'truefoundry.signed.mobileconfig'))).toBe(true);
  });
});

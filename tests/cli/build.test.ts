import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../support/cli';
import { EXAMPLES_DIR } from '../support/examples';
import { K } from '../support/keys';

const ENV = { TFY_API_KEY: 'tfy-SECRET-MARKER-0001' };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cgp-build-'));
}

/** Every file under dir: relative path → sha256. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('build', () => {
  test('writes the artifacts and a manifest whose checksums match the files', async () => {
    const out = tmp();
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out], { env: ENV });
    expect(r.code).toBe(0);
    const files = snapshot(join(out, 'truefoundry'));
    const manifest = JSON.parse(readFileSync(join(out, 'truefoundry', 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; size: number }[]; profile: { name: string } };
    expect(manifest.profile.name).toBe('truefoundry');
    expect(manifest.files.length).toBeGreaterThan(2);
    for (const f of manifest.files) {
      expect(files[f.path]).toBe(f.sha256);
      expect(statSync(join(out, 'truefoundry', f.path)).size).toBe(f.size);
    }
    // every file but the manifest itself is listed
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  });

  test('one valid and one invalid profile: exit 1, names the invalid file and path, output untouched', async () => {
    const out = tmp();
    mkdirSync(join(out, 'keep'));
    writeFileSync(join(out, 'keep', 'file.txt'), 'unchanged');
    const before = snapshot(out);
    const dir = tmp();
    cpSync(join(EXAMPLES_DIR, 'truefoundry.profile.json'), join(dir, 'good.json'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'bad', identifier: 'com.a.bad', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'http://x.example', [K.inferenceGatewayApiKey]: 'k' } }));
    const r = await runCli(['build', dir, '--out', out], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(String.raw`bad\.json: settings\.${K.inferenceGatewayBaseUrl}: .*https`));
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out)).toEqual(['keep']);
  });

  test('an invalid profile into a folder that does not exist leaves no folder behind', async () => {
    const out = join(tmp(), 'new-out');
    const bad = join(tmp(), 'bad.json');
    writeFileSync(bad, `{"name":"x","identifier":"com.a.b","settings":{"${K.inferenceProvider}":"gateway"}}`);
    expect((await runCli(['build', bad, '--out', out])).code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  test('an existing profile folder is replaced only with --force', async () => {
    const out = tmp();
    const args = ['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out];
    expect((await runCli(args, { env: ENV })).code).toBe(0);
    writeFileSync(join(out, 'truefoundry', 'stale.txt'), 'old');
    const again = await runCli(args, { env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(existsSync(join(out, 'truefoundry', 'stale.txt'))).toBe(true);
    expect((await runCli([...args, '--force'], { env: ENV })).code).toBe(0);
    expect(existsSync(join(out, 'truefoundry', 'stale.txt'))).toBe(false);
    expect(readdirSync(out)).toEqual(['truefoundry']);
  });

  test('a secret from env reaches the artifacts but never stdout, stderr or the manifest', async () => {
    const out = tmp();
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out, '--json'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('SECRET-MARKER');
    expect(readFileSync(join(out, 'truefoundry', 'manifest.json'), 'utf8')).not.toContain('SECRET-MARKER');
    expect(readFileSync(join(out, 'truefoundry', 'macos', 'truefoundry.mobileconfig'), 'utf8')).toContain('tfy-SECRET-MARKER-0001');
  });

  test('a missing env variable is a clear error naming the variable and the path', async () => {
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', tmp()], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`settings.${K.inferenceGatewayApiKey}: environment variable TFY_API_KEY is not set`);
  });

  test('--json prints a machine-readable result', async () => {
    const out = tmp();
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out, '--json'], { env: ENV });
    const body = JSON.parse(r.stdout) as { ok: boolean; profiles: { name: string; files: { path: string; sha256: string }[] }[]; findings: { code: string }[] };
    expect(body.ok).toBe(true);
    expect(body.profiles[0]?.name).toBe('truefoundry');
    expect(body.profiles[0]?.files.map((f) => f.path)).toContain('manifest.json');
    expect(body.findings.map((f) => f.code)).toContain('supports1m-unverified');
  });

  test('usage errors exit 2', async () => {
    const p = join(EXAMPLES_DIR, 'truefoundry.profile.json');
    expect((await runCli(['build', p])).code).toBe(2);
    expect((await runCli(['build', p, '--out', tmp(), '--formats', 'pdf'])).code).toBe(2);
    expect((await runCli(['build', p, '--out', tmp(), '--payload-form', 'nested'])).code).toBe(2);
    expect((await runCli(['build', p, '--out', tmp(), '--sign-cert', p])).code).toBe(2);
    expect((await runCli(['build', join(tmp(), 'none*.json'), '--out', tmp()])).code).toBe(2);
  });

  test('two builds, in either input order, give byte-identical files', async () => {
    const env = { ...ENV, LITELLM_VIRTUAL_KEY: 'k1' };
    const a = tmp();
    const b = tmp();
    const tf = join(EXAMPLES_DIR, 'truefoundry.profile.json');
    const ll = join(EXAMPLES_DIR, 'litellm.profile.json');
    expect((await runCli(['build', tf, ll, '--out', a], { env })).code).toBe(0);
    expect((await runCli(['build', ll, tf, '--out', b], { env })).code).toBe(0);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  test('many profiles in one call (a folder of generated tenants) with progress on a terminal', async () => {
    const dir = tmp();
    const base = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'litellm.profile.json'), 'utf8')) as Record<string, unknown>;
    const count = 1000;
    for (let i = 0; i < count; i++) {
      writeFileSync(join(dir, `tenant-${i}.json`), JSON.stringify({ ...base, name: `tenant-${i}`, identifier: `com.msp.tenant${i}.claude` }));
    }
    const out = tmp();
    const r = await runCli(['build', dir, '--out', out, '--formats', 'mobileconfig,reg'], { env: { LITELLM_VIRTUAL_KEY: 'k' }, isTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`building ${count}/${count}`);
    expect(readdirSync(out).length).toBe(count);
  });
});

describe('build --sign-*', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { makeTestPki, opensslCmsVerify } = require('../support/validators') as typeof import('../support/validators');

  test('adds a signed .mobileconfig that openssl verifies against the root, content byte-identical', async () => {
    const pki = makeTestPki();
    const dir = tmp();
    const f = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const out = tmp();
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out, '--sign-cert', f('leaf.pem', pki.leafPem), '--sign-key', f('leaf.key', pki.leafKeyEncryptedPem), '--sign-chain', f('int.pem', pki.intPem), '--sign-passphrase-env', 'SIGN_PASS'], { env: { ...ENV, SIGN_PASS: pki.passphrase } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const signed = readFileSync(join(out, 'truefoundry', 'macos', 'truefoundry.signed.mobileconfig'));
    const v = opensslCmsVerify(signed, pki.caPem);
    expect(v.ok).toBe(true);
    expect(v.content?.equals(readFileSync(join(out, 'truefoundry', 'macos', 'truefoundry.mobileconfig')))).toBe(true);
    expect(r.stdout).not.toContain(pki.passphrase);
  });

  test('a key that does not match the certificate is one clear error and nothing is written', async () => {
    const pki = makeTestPki();
    const dir = tmp();
    writeFileSync(join(dir, 'leaf.pem'), pki.leafPem);
    writeFileSync(join(dir, 'other.key'), pki.noEkuLeafKeyPem);
    const out = join(tmp(), 'out');
    const r = await runCli(['build', join(EXAMPLES_DIR, 'truefoundry.profile.json'), '--out', out, '--sign-cert', join(dir, 'leaf.pem'), '--sign-key', join(dir, 'other.key')], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/signing: private key does not match the certificate/);
    expect(existsSync(out)).toBe(false);
  });
});

/**
 * `payload-uuid-unstable` warns only on evidence of random UUIDs: two files identical except for
 * their PayloadUUIDs. Deterministic builds of different content (a direct-payload and an MCX
 * build of one profile, two versions of a profile, a changed display name) rightly get different
 * UUIDs, since `build` derives them from the identifier and a digest of everything else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { runCli } from '../support/cli';
import { loadExamples } from '../support/examples';
import { K } from '../support/keys';
import { BASE, checkAll, codes, mobileconfig, NOW } from './support';

const examples = loadExamples();
const macos = (profile: object, env: Record<string, string | undefined>, payloadForm: 'direct' | 'mcx' = 'direct'): Buffer =>
  buildArtifacts(profile, { env, now: NOW, payloadForm, formats: ['mobileconfig'] }).files.find((f) => f.path.endsWith('.mobileconfig'))!.bytes;
const uuidCodes = (r: ReturnType<typeof checkAll>): string[] => r.files.flatMap((f) => codes(f).filter((c) => c.includes('payload-uuid')).map((c) => `${f.file}:${c}`));

describe('payload-uuid-unstable needs evidence', () => {
  test.each(examples.map((e) => [e.file, e] as const))('%s: the direct and the MCX build side by side: no UUID finding', (_f, e) => {
    const r = checkAll([{ name: 'm.mobileconfig', bytes: macos(e.profile, e.env, 'mcx') }, { name: 'd.mobileconfig', bytes: macos(e.profile, e.env) }]);
    expect(uuidCodes(r)).toEqual([]);
  });

  test('two versions of one profile (another display name, another value): no UUID finding', () => {
    const e = examples[0]!;
    const v2 = { ...e.profile, displayName: `${e.profile.displayName ?? e.profile.name} v2` };
    const v3 = { ...e.profile, settings: { ...e.profile.settings, [K.disableAutoUpdates]: true } };
    const r = checkAll([{ name: 'v1.mobileconfig', bytes: macos(e.profile, e.env) }, { name: 'v2.mobileconfig', bytes: macos(v2, e.env) }, { name: 'v3.mobileconfig', bytes: macos(v3, e.env) }]);
    expect(uuidCodes(r)).toEqual([]);
  });

  test('the same build twice, and a signed or Intune copy of it: no UUID finding', () => {
    const e = examples[0]!;
    const files = buildArtifacts(e.profile, { env: e.env, now: NOW }).files.filter((f) => /\.mobileconfig$|macos-custom-configuration\.json$/.test(f.path));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const r = checkAll([...files.map((f) => ({ name: f.path, bytes: f.bytes })), { name: 'again.mobileconfig', bytes: macos(e.profile, e.env) }]);
    expect(uuidCodes(r)).toEqual([]);
  });

  test('true positive: a file identical but for new random UUIDs is reported, whatever its formatting or key order', () => {
    const e = examples[0]!;
    const built = macos(e.profile, e.env).toString('utf8');
    let n = 0;
    const random = built.replace(/(<key>PayloadUUID<\/key>\s*<string>)[^<]+/g, (_m, head: string) => `${head}${['0F0F0F0F-0000-4000-8000-00000000000A', '0F0F0F0F-0000-4000-8000-00000000000B'][n++]}`);
    expect(n).toBe(2);
    const reformatted = random.replace(/\n\s*/g, '\n');
    for (const other of [random, reformatted]) {
      const r = checkAll([{ name: 'build1.mobileconfig', bytes: built }, { name: 'build2.mobileconfig', bytes: other }]);
      expect(uuidCodes(r)).toEqual(['build2.mobileconfig:warning:payload-uuid-unstable']);
      expect(r.files[1]!.findings.find((f) => f.code === 'payload-uuid-unstable')!.message).toMatch(/build1\.mobileconfig/);
    }
  });

  test('a value stored with another plist type is another profile, not evidence of random UUIDs (mutation gap PU5)', () => {
    // <integer>24</integer> and <real>24</real> are the same number to JavaScript, not the same plist.
    const asInteger = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', payloadUuid: 'BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB', extra: `<key>${K.inferenceTokenWindowHours}</key><integer>24</integer>` });
    const asReal = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD', payloadUuid: 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE', extra: `<key>${K.inferenceTokenWindowHours}</key><real>24</real>` });
    expect(uuidCodes(checkAll([{ name: 'v1.mobileconfig', bytes: asInteger }, { name: 'v2.mobileconfig', bytes: asReal }]))).toEqual([]);
    // The same two with the same type are the true positive.
    const again = asInteger.replace('AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD').replace('BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB', 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE');
    expect(uuidCodes(checkAll([{ name: 'v1.mobileconfig', bytes: asInteger }, { name: 'v2.mobileconfig', bytes: again }]))).toEqual(['v2.mobileconfig:warning:payload-uuid-unstable']);
  });

  test('true positive, hand-made: same identifier and content, other UUIDs; a value changed is no evidence', () => {
    const a = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', payloadUuid: 'BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB' });
    const again = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD', payloadUuid: 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE' });
    expect(uuidCodes(checkAll([{ name: 'v1.mobileconfig', bytes: a }, { name: 'v2.mobileconfig', bytes: again }]))).toEqual(['v2.mobileconfig:warning:payload-uuid-unstable']);
    const typed = mobileconfig(BASE, { identifier: 'com.example.a', uuid: 'DDDDDDDD-DDDD-4DDD-8DDD-DDDDDDDDDDDD', payloadUuid: 'EEEEEEEE-EEEE-4EEE-8EEE-EEEEEEEEEEEE', extra: `<key>${K.disableAutoUpdates}</key><string>true</string>` });
    expect(uuidCodes(checkAll([{ name: 'v1.mobileconfig', bytes: a }, { name: 'v2.mobileconfig', bytes: typed }]))).toEqual([]);
  });

  test('the bug report through the CLI: portkey direct and MCX builds checked together, no warning', async () => {
    const e = examples.find((x) => x.file === 'portkey.profile.json') ?? examples[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'cgp-uuid-'));
    try {
      mkdirSync(join(dir, 'd'));
      mkdirSync(join(dir, 'm'));
      writeFileSync(join(dir, 'd', 'p.mobileconfig'), macos(e.profile, e.env));
      writeFileSync(join(dir, 'm', 'p.mobileconfig'), macos(e.profile, e.env, 'mcx'));
      const r = await runCli(['check', join('m', 'p.mobileconfig'), join('d', 'p.mobileconfig'), '--strict'], { cwd: dir });
      expect(r.stdout).not.toMatch(/payload-uuid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

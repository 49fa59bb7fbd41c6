import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, DEPRECATION_CUTOFF, SECTIONS } from '../../lib/catalog';
import { profileSchemaText } from '../../lib/catalog/json-schema';
import { runBin, runCli } from '../support/cli';
import { K, LEGACY } from '../support/keys';

const dir = mkdtempSync(join(tmpdir(), 'cgp-cli-'));
const write = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('validate', () => {
  test('the TrueFoundry example is valid (exit 0)', async () => {
    const r = await runCli(['validate', 'examples/truefoundry.profile.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('examples/truefoundry.profile.json: valid');
  });

  test('an http URL, a typo and a string boolean: exit 1, all three paths named, did-you-mean', async () => {
    const file = write('bad.json', JSON.stringify({
      name: 'bad', identifier: 'com.acme.bad',
      settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'http://gw.acme.example', [K.inferenceGatewayApiKey]: 'k', disableAutoUpdate: true, [K.disableNonessentialTelemetry]: 'true' },
    }));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.find((l) => l.includes(`settings.${K.inferenceGatewayBaseUrl}`))).toMatch(/https/);
    expect(lines.find((l) => l.includes('settings.disableAutoUpdate:'))).toContain(`did you mean ${K.disableAutoUpdates}?`);
    expect(lines.find((l) => l.includes(`settings.${K.disableNonessentialTelemetry}`))).toContain('boolean');
    // one line per finding, "path: message (hint)", no stack trace
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--json prints the same findings as JSON', async () => {
    const file = write('bad2.json', JSON.stringify({ name: 'b', identifier: 'com.a.b', settings: { [K.inferenceProvider]: 'gatway' } }));
    const r = await runCli(['validate', '--json', file]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; files: { file: string; ok: boolean; findings: { code: string; path: string; hint?: string }[] }[] };
    expect(out.ok).toBe(false);
    expect(out.files[0]?.findings).toContainEqual(expect.objectContaining({ code: 'not-allowed-value', path: `settings.${K.inferenceProvider}`, hint: 'did you mean gateway?' }));
  });

  test('--json: a file with warnings only is ok; the run is not ok when another file has an error', async () => {
    const warned = write('warned.json', JSON.stringify({
      name: 'warned', identifier: 'com.acme.warned',
      settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.acme.example', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' }], [K.inferenceBedrockRegion]: 'us-east-1' },
    }));
    const bad = write('bad3.json', JSON.stringify({ name: 'b', identifier: 'com.a.b', settings: { [K.inferenceProvider]: 'gatway' } }));
    const alone = await runCli(['validate', '--json', warned]);
    expect(alone.code).toBe(0);
    const one = JSON.parse(alone.stdout) as { ok: boolean; files: { ok: boolean; findings: { severity: string }[] }[] };
    expect(one.files[0]?.findings.length).toBeGreaterThan(0);
    expect(one.files[0]?.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect([one.ok, one.files[0]?.ok]).toEqual([true, true]);
    const both = await runCli(['validate', '--json', warned, bad]);
    expect(both.code).toBe(1);
    const two = JSON.parse(both.stdout) as { ok: boolean; files: { ok: boolean }[] };
    expect([two.ok, ...two.files.map((f) => f.ok)]).toEqual([false, true, false]);
  });

  test('broken JSON names the line; a missing file or no argument is a usage error (exit 2)', async () => {
    const broken = write('broken.json', '{\n  "name": "x",\n  "settings": {\n}');
    const r = await runCli(['validate', broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/line \d+/);
    expect((await runCli(['validate', join(dir, 'missing.json')])).code).toBe(2);
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['validate', '--bogus', broken])).code).toBe(2);
    expect((await runCli(['nonsense'])).code).toBe(2);
  });

  test('a UTF-16 file is refused with a clear message', async () => {
    const p = join(dir, 'utf16.json');
    writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name":"x"}', 'utf16le')]));
    const r = await runCli(['validate', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('UTF-16');
  });
});

describe('explain', () => {
  test(`explain ${K.inferenceModels}: type, entry fields, section, providers and encoding`, async () => {
    const r = await runCli(['explain', K.inferenceModels]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Type:       list of objects');
    expect(r.stdout).toMatch(/Entry fields:\n\s+name \(required\)/);
    expect(r.stdout).toContain('anthropicFamilyTier');
    expect(r.stdout).toContain('Section:    Models');
    expect(r.stdout).toContain('Providers:  all providers');
    expect(r.stdout).toContain('Encoding:   compact JSON text in one string');
  });

  test(`explain ${LEGACY.inferenceGatewayHeaders} says what replaced it`, async () => {
    const r = await runCli(['explain', LEGACY.inferenceGatewayHeaders]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${LEGACY.inferenceGatewayHeaders} was replaced by ${K.inferenceCustomHeaders}; Claude Desktop stopped reading the old name on 2026-10-07. Write ${K.inferenceCustomHeaders} instead.`);
  });

  // The cut-off's tense follows SOURCE_DATE_EPOCH (or the clock), as validate's deprecated-name finding does.
  test.each([
    { when: 'one second before the cut-off', offset: -1, verb: 'stops' },
    { when: 'at the cut-off', offset: 0, verb: 'stopped' },
  ])(`explain ${LEGACY.inferenceGatewayHeaders} $when: "Claude Desktop $verb reading"`, async ({ offset, verb }) => {
    const epoch = String(Date.parse(DEPRECATION_CUTOFF) / 1000 + offset);
    const r = await runCli(['explain', LEGACY.inferenceGatewayHeaders], { env: { SOURCE_DATE_EPOCH: epoch } });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${LEGACY.inferenceGatewayHeaders} was replaced by ${K.inferenceCustomHeaders}; Claude Desktop ${verb} reading the old name on ${DEPRECATION_CUTOFF.slice(0, 10)}. Write ${K.inferenceCustomHeaders} instead.`);
    const v = await runCli(['validate', write(`legacy-${offset}.json`, JSON.stringify({ name: 'l', identifier: 'com.a.l', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.acme.example', [K.inferenceGatewayApiKey]: 'k', [LEGACY.inferenceGatewayHeaders]: ['X-Team: a'] } }))], { env: { SOURCE_DATE_EPOCH: epoch } });
    expect(v.stdout).toContain(`Claude Desktop ${verb} reading it on ${DEPRECATION_CUTOFF.slice(0, 10)}`);
  });

  test('explain of an old name with an unusable SOURCE_DATE_EPOCH is a usage error, as in every verb', async () => {
    const r = await runCli(['explain', LEGACY.inferenceGatewayHeaders], { env: { SOURCE_DATE_EPOCH: 'soon' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
  });

  test('explain alone lists every key under its section', async () => {
    const r = await runCli(['explain']);
    expect(r.code).toBe(0);
    for (const s of SECTIONS) expect(r.stdout).toContain(`${s.title}:`);
    for (const k of CATALOG) expect(r.stdout).toMatch(new RegExp(`^  ${k.name} `, 'm'));
  });

  test('an unknown key is a usage error with a suggestion', async () => {
    const r = await runCli(['explain', 'inferenceModel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`did you mean ${K.inferenceModels}?`);
  });
});

describe('schema and the real binary', () => {
  test('schema prints the committed JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(profileSchemaText());
  });

  test('bin/claude-gateway-profile.js runs the compiled CLI with the same exit codes', () => {
    expect(runBin(['validate', 'examples/truefoundry.profile.json']).code).toBe(0);
    const bad = write('bin-bad.json', `{"name":"x","identifier":"com.a.b","settings":{"${K.disableAutoUpdates}":"yes"}}`);
    const r = runBin(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`settings.${K.disableAutoUpdates}`);
    expect(runBin([]).code).toBe(2);
  });
});

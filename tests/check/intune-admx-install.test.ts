/**
 * The ADMXInstall row of Intune Windows rows carries Claude.admx; Intune ingests it before any
 * policy row applies. `check` lints that ADMX as it lints a standalone one and matches every
 * policy row against it, at the rows' lines. The damaged files of the audit (a truncated ADMX,
 * garbage inserted, a policy dropped) are made here from a real build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import type { FileReport } from '../../lib/check';
import { writeAdmxBundle } from '../../lib/writers/admx';
import { runCli } from '../support/cli';
import { loadExamples } from '../support/examples';
import { K } from '../support/keys';
import { describeIfTool, TOOLS, xmllintAdmxSchema } from '../support/validators';
import { parseCsvWithPython } from '../windows/support';
import { check, codes, NOW } from './support';

const example = loadExamples().find((e) => e.file === 'litellm.profile.json')!;
const files = buildArtifacts(example.profile, { env: example.env, now: NOW }).files;
const graph = files.find((f) => f.path.endsWith('.windows-custom-configuration.json'))!.bytes.toString('utf8');
const csv = files.find((f) => f.path.endsWith('.csv'))!.bytes.toString('utf8');

interface Body {
  omaSettings: { displayName: string; omaUri: string; value: string }[];
}
const body = (): Body => JSON.parse(graph) as Body;
const admx = body().omaSettings[0]!.value;
/** A key the example sets, so it has a policy row. */
const KEY = K.inferenceGatewayBaseUrl;

/** The Graph body with another ADMX in its install row (and optionally other rows changed). */
function graphWith(text: string, edit: (b: Body) => void = () => undefined): string {
  const b = body();
  b.omaSettings[0]!.value = text;
  edit(b);
  return JSON.stringify(b, null, 2);
}

/** The CSV with another ADMX in its install row. */
function csvWith(text: string): string {
  const field = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  expect(csv).toContain(field(admx));
  return csv.replace(field(admx), () => field(text));
}

/** Where the reader places a Graph row: the line of its opening brace (2-space JSON puts each on its own line). */
function graphPlace(text: string, index: number): string {
  const braces = [...text.matchAll(/^ {4}\{$/gm)];
  expect(braces).toHaveLength((JSON.parse(text) as Body).omaSettings.length);
  return `line ${text.slice(0, braces[index]!.index).split('\n').length} (omaSettings[${index}])`;
}

/** The CSV line a key's row starts on. */
function csvLine(text: string, key: string): string {
  return `line ${text.slice(0, text.indexOf(`\n${key},`) + 1).split('\n').length}`;
}

const errorsOf = (r: FileReport): { code: string; path: string; message: string }[] => r.findings.filter((f) => f.severity === 'error').map((f) => ({ code: f.code, path: f.path, message: f.message }));

const truncated = admx.slice(0, Math.floor(admx.length / 2));
const SECRETISH = 'sk-live-NOT-QUOTED-0123456789';
const garbage = admx.replace('<policy ', `<<<< not xml & <data value="x" ${SECRETISH}/><policy `);
const withoutPolicy = admx.replace(new RegExp(String.raw`\s*<policy name="${KEY}"[\s\S]*?</policy>`), '');

describe('the ADMXInstall row of Intune Windows rows', () => {
  test('a real build checks clean, Graph and CSV alike', () => {
    expect(check(graph, 'g.json').findings).toEqual([]);
    expect(check(csv, 'rows.csv').findings).toEqual([]);
  });

  describeIfTool([...TOOLS.admx, 'python3'])('the install row holds the schema-valid Claude.admx of the build', () => {
    test('read back by JSON.parse and by Python csv, it is the build ADMX and xmllint validates it against the ADMX schema', () => {
      const fromCsv = parseCsvWithPython(Buffer.from(csv)).find((r) => r.some((f) => f.includes('/ADMXInstall/')))!;
      expect(fromCsv.includes(admx)).toBe(true);
      expect(admx).toBe(writeAdmxBundle().admx.toString('utf8'));
      const r = xmllintAdmxSchema([{ name: 'Claude.admx', bytes: Buffer.from(admx) }]);
      expect(r.ok).toBe(true);
    });

    test('with a policy dropped the ADMX is still schema-valid: only the match with the rows finds it', () => {
      expect(withoutPolicy).not.toBe(admx);
      expect(xmllintAdmxSchema([{ name: 'Claude.admx', bytes: Buffer.from(withoutPolicy) }]).ok).toBe(true);
    });
  });

  test.each([
    ['cut in half', truncated],
    ['with garbage inserted', garbage],
  ])('an ADMX %s is admx-not-well-formed at the install row (Graph and CSV), without quoting it', (_name, text) => {
    const g = graphWith(text);
    expect(errorsOf(check(g, 'g.json'))).toEqual([{ code: 'admx-not-well-formed', path: graphPlace(g, 0), message: expect.stringMatching(/^the Claude\.admx this row installs is not well-formed XML \(its line \d+, column \d+\): Intune cannot ingest it, so none of the policy rows apply$/) }]);
    const c = csvWith(text);
    expect(errorsOf(check(c, 'rows.csv'))).toEqual([{ code: 'admx-not-well-formed', path: 'line 2', message: expect.stringContaining('not well-formed XML') }]);
    expect(JSON.stringify([check(g, 'g.json'), check(c, 'rows.csv')])).not.toContain(SECRETISH);
  });

  test('a policy row whose policy the installed ADMX lacks is oma-policy-not-in-admx at that row', () => {
    const g = graphWith(withoutPolicy);
    const index = body().omaSettings.findIndex((s) => s.displayName === KEY);
    expect(errorsOf(check(g, 'g.json'))).toEqual([{ code: 'oma-policy-not-in-admx', path: graphPlace(g, index), message: `the Claude.admx this file installs has no policy ${KEY}, so Intune refuses this row` }]);
    // lintAdmx's own view of the ADMX, at the install row: no policy writes the key.
    expect(check(g, 'g.json').findings.filter((f) => f.code === 'admx-missing-key').map((f) => [f.path, f.key])).toEqual([[graphPlace(g, 0), KEY]]);
    const c = csvWith(withoutPolicy);
    expect(errorsOf(check(c, 'rows.csv'))).toEqual([{ code: 'oma-policy-not-in-admx', path: csvLine(c, KEY), message: expect.stringContaining(`has no policy ${KEY}`) }]);
  });

  test('a row under another category path, or a scope the policy class does not allow, is refused too', () => {
    const moved = graphWith(admx, (b) => {
      const row = b.omaSettings.find((s) => s.displayName === KEY)!;
      row.omaUri = row.omaUri.replace(/~Policy~[^/]+\//, '~Policy~Claude~Claude_Telemetry/');
    });
    expect(errorsOf(check(moved, 'g.json')).map((e) => [e.code, e.message])).toEqual([['oma-policy-not-in-admx', expect.stringMatching(new RegExp(`puts policy ${KEY} under the category path Claude~\\w+, not Claude~Claude_Telemetry`))]]);
    const userOnly = graphWith(admx.replace(new RegExp(`(<policy name="${KEY}" )class="Both"`), '$1class="User"'));
    expect(errorsOf(check(userOnly, 'g.json')).map((e) => [e.code, e.message])).toEqual([['oma-policy-not-in-admx', `policy ${KEY} is class User in the Claude.admx this file installs, so it has no ./Device row`]]);
  });

  test('a policy without a class attribute has no ./Device row either (mutation gap AI5)', () => {
    const classless = graphWith(admx.replace(new RegExp(`(<policy name="${KEY}" )class="Both" `), '$1'));
    expect(classless).not.toBe(graphWith(admx));
    const index = body().omaSettings.findIndex((s) => s.displayName === KEY);
    expect(errorsOf(check(classless, 'g.json')).map((e) => [e.code, e.path, e.message])).toEqual([['oma-policy-not-in-admx', graphPlace(classless, index), `policy ${KEY} is without a class in the Claude.admx this file installs, so it has no ./Device row`]]);
  });

  test('two ADMXInstall rows under one app name: a policy defined by either can be set (mutation gap IW7)', () => {
    // The second file lacks the policy; the first defines it. Intune ingests both under ClaudeDesktop.
    const g = graphWith(admx, (b) => {
      const install = b.omaSettings[0]!;
      b.omaSettings.splice(1, 0, { ...install, displayName: 'second ADMX', omaUri: install.omaUri.replace(/\/Policy\/[A-Za-z0-9_]+$/, '/Policy/ClaudeAdmxExtra'), value: withoutPolicy });
    });
    const r = check(g, 'g.json');
    expect(errorsOf(r)).toEqual([]);
    // lintAdmx's view of the second file alone still says it lacks the key.
    expect(r.findings.filter((f) => f.code === 'admx-missing-key').map((f) => [f.path, f.key])).toEqual([[graphPlace(g, 1), KEY]]);
  });

  test('the ADMX is linted as a standalone one: a <using> is admx-using at the install row', () => {
    const g = graphWith(admx.replace('<policyNamespaces>', '<policyNamespaces>\n    <using prefix="windows" namespace="Microsoft.Policies.Windows"/>'));
    expect(errorsOf(check(g, 'g.json')).map((e) => [e.code, e.path])).toEqual([['admx-using', graphPlace(g, 0)]]);
  });

  test('a row whose app name has no ADMXInstall row in the file is warned', () => {
    const g = graphWith(admx, (b) => {
      const row = b.omaSettings.find((s) => s.displayName === KEY)!;
      row.omaUri = row.omaUri.replace('/ClaudeDesktop~Policy~', '/OtherApp~Policy~');
    });
    expect(codes(check(g, 'g.json'))).toEqual(['warning:oma-admx-install-missing']);
  });

  test('the CLI exits 1 on the damaged files, naming the install row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-admx-install-'));
    try {
      writeFileSync(join(dir, 'broken.csv'), csvWith(garbage));
      writeFileSync(join(dir, 'truncated.json'), graphWith(truncated));
      for (const [file, place] of [['broken.csv', 'line 2'], ['truncated.json', 'line 4 (omaSettings[0])']] as const) {
        const r = await runCli(['check', file], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(`error: ${file}: ${place}: the Claude.admx this row installs is not well-formed XML`);
        expect(r.stdout).not.toContain(SECRETISH);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

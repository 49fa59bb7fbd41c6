/**
 * A damaged artifact never prints a secret. The all-keys profile with a marker in every secret
 * place, cut down to the keys holding one (and those its provider needs), is built; in its
 * .mobileconfig, Jamf plist, Intune preference fragment, Intune macOS Graph JSON (damaged inside
 * its base64 payload) and .reg, one character is damaged at each position in a window around
 * every marker: deleted or replaced by `:` (a `>` also by a space, in the .reg also by `"`), and
 * at the marker's first, middle and last character replaced by `"`, `<` or `&`; a `<string>`
 * holding a marker is also turned into `<integer>` and `<real>` (with and without its closing
 * tag), and a .reg value's `"="` into a space. Every damaged file goes through `checkArtifacts`,
 * `importArtifact` and `diffArtifacts` (against the undamaged file), and a sample through the CLI
 * (text and --json). No message, finding, error or output may hold a marker, nor any six
 * characters of one in a row (the masked form `••••` plus four characters is allowed).
 *
 * The imported profile itself is left out of the search: import keeps secrets, as it must.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArtifacts } from '../../lib/build';
import { checkArtifacts } from '../../lib/check';
import { diffArtifacts } from '../../lib/diff';
import { importArtifact } from '../../lib/import';
import { runCli } from '../support/cli';
import { K } from '../support/keys';
import { markedProfile } from '../support/secret-markers';

jest.setTimeout(300_000);

/** Markers that share no six characters with any word a message uses. */
const MARK = 'Zq9Jx';
/** Characters damaged before and after each marker: all of `<string>` and `</string>`, `"="` and the JSON quoting around it. */
const BEFORE = 8;
const AFTER = 9;

const { profile, markers } = markedProfile('literal', MARK);
const secrets = [...markers.values()];
// Only the keys that hold a marker (and those the provider needs): each damaged file is read
// three times, and the other hundred keys would only make that slower.
const holding = new Set([...markers.keys()].map((place) => place.split(' @ ')[1]?.split('.')[1]));
const settings = profile.settings as Record<string, unknown>;
const kept = Object.fromEntries(Object.entries(settings).filter(([k]) => holding.has(k) || k === K.inferenceProvider || k === K.inferenceGatewayBaseUrl || k === K.inferenceModels));
const built = buildArtifacts({ ...profile, settings: kept });
const fileText = (suffix: string): string => {
  const f = built.files.find((x) => x.path.endsWith(suffix));
  if (!f) throw new Error(`the build wrote no *${suffix}`);
  return Buffer.from(f.bytes).toString('utf8');
};

/** A plist-family or .reg file: its text, and the file bytes for a damaged text. */
interface Subject {
  readonly name: string;
  readonly text: string;
  readonly bytes: (text: string) => Buffer;
}

const GRAPH = 'intune/all-keys.macos-custom-configuration.json';
const graph = JSON.parse(fileText(GRAPH)) as { payload: string };
const SUBJECTS: readonly Subject[] = [
  { name: 'all-keys.mobileconfig', text: fileText('.mobileconfig'), bytes: (t) => Buffer.from(t, 'utf8') },
  { name: 'com.anthropic.claudefordesktop.plist', text: fileText('jamf/com.anthropic.claudefordesktop.plist'), bytes: (t) => Buffer.from(t, 'utf8') },
  { name: 'com.anthropic.claudefordesktop.intune-preference.xml', text: fileText('.intune-preference.xml'), bytes: (t) => Buffer.from(t, 'utf8') },
  // The Graph body carries the .mobileconfig as base64: the damage is done to that .mobileconfig.
  { name: 'all-keys.macos-custom-configuration.json', text: Buffer.from(graph.payload, 'base64').toString('utf8'), bytes: (t) => Buffer.from(JSON.stringify({ ...graph, payload: Buffer.from(t, 'utf8').toString('base64') }), 'utf8') },
  {
    name: 'all-keys.reg',
    text: (() => {
      const f = built.files.find((x) => x.path.endsWith('all-keys.reg'));
      return Buffer.from(f?.bytes ?? []).subarray(2).toString('utf16le');
    })(),
    bytes: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  },
];

/** Every damaged text of one file (each distinct once), with what was done. */
function damaged(text: string, reg: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const add = (t: string, what: string) => {
    if (t !== text && !out.has(t)) out.set(t, what);
  };
  for (const m of secrets) {
    for (let at = text.indexOf(m); at >= 0; at = text.indexOf(m, at + 1)) {
      const end = at + m.length;
      for (let p = Math.max(0, at - BEFORE); p < Math.min(text.length, end + AFTER); p++) {
        const c = text[p] as string;
        const put = (s: string) => add(`${text.slice(0, p)}${s}${text.slice(p + 1)}`, `${JSON.stringify(c)} → ${JSON.stringify(s)} at ${p} near ${m}`);
        if (p >= at && p < end) {
          // Inside the marker only what ends its string counts: a changed secret is still a secret.
          if (p === at || p === at + (m.length >> 1) || p === end - 1) for (const s of reg ? ['"'] : ['"', '<', '&']) put(s);
          continue;
        }
        put('');
        put(':');
        if (c === '>') put(' ');
        if (reg) put('"');
      }
      // The .reg damage the audit found: the "=" between name and value lost, the value run into the name.
      if (reg && text.slice(at - 3, at) === '"="') add(`${text.slice(0, at - 3)} ${text.slice(at)}`, `"=" → " " before ${m}`);
      const open = text.lastIndexOf('<string>', at);
      const close = text.indexOf('</string>', at);
      if (!reg && open >= 0 && close >= 0) {
        for (const tag of ['integer', 'real']) {
          add(`${text.slice(0, open)}<${tag}>${text.slice(open + 8)}`, `<string> → <${tag}> near ${m}`);
          add(`${text.slice(0, open)}<${tag}>${text.slice(open + 8, close)}</${tag}>${text.slice(close + 9)}`, `<string>…</string> → <${tag}>…</${tag}> near ${m}`);
        }
      }
    }
  }
  return out;
}

/** Every six-character run of every marker. */
const RUNS = new Set(secrets.flatMap((m) => Array.from({ length: m.length - 5 }, (_, i) => m.slice(i, i + 6))));

/** The marker runs found in `text`. */
function leaks(text: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 6 <= text.length; i++) {
    const run = text.slice(i, i + 6);
    if (RUNS.has(run)) found.add(run);
  }
  return [...found];
}

/** What an error says: its message, and its findings and summary when it has them. */
function errorText(e: unknown): string {
  const err = e as Error & { findings?: unknown; summary?: unknown };
  return `${err.name}: ${err.message} ${JSON.stringify(err.findings ?? [])} ${String(err.summary ?? '')}`;
}

/** check, import and diff of one damaged file: everything they say, as text. */
function everythingSaid(name: string, bytes: Buffer, original: Buffer): string[] {
  const said = [JSON.stringify(checkArtifacts([{ name, bytes }]))];
  try {
    const r = importArtifact(bytes, { fileName: name });
    said.push(JSON.stringify({ kind: r.kind, changes: r.changes, warnings: r.warnings, validation: r.validation }));
  } catch (e) {
    said.push(errorText(e));
  }
  try {
    said.push(JSON.stringify(diffArtifacts({ bytes: original, file: `undamaged-${name}` }, { bytes, file: name })));
  } catch (e) {
    said.push(errorText(e));
  }
  return said;
}

describe('a damaged artifact never prints a secret', () => {
  test('the search finds a marker run, and every file holds every marker it is fuzzed around', () => {
    expect(leaks(`x ${secrets[0]!.slice(3, 9)} y`)).toEqual([secrets[0]!.slice(3, 9)]);
    expect(leaks(`clientSecret ${K.inferenceGatewayApiKey} ••••${secrets[0]!.slice(-4)}`)).toEqual([]);
    // The top-level API key and secrets inside JSON text (header values, MCP servers) are in each.
    for (const s of SUBJECTS) expect({ file: s.name, markers: secrets.filter((m) => s.text.includes(m)).length >= 20 }).toEqual({ file: s.name, markers: true });
  });

  test.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: check, import and diff of every damaged copy', (_name, subject) => {
    const original = subject.bytes(subject.text);
    const cases = damaged(subject.text, subject.name.endsWith('.reg'));
    expect(cases.size).toBeGreaterThan(500);
    const found: string[] = [];
    for (const [text, what] of cases) {
      for (const said of everythingSaid(subject.name, subject.bytes(text), original)) {
        const runs = leaks(said);
        if (runs.length > 0) found.push(`${what}: ${runs.join(', ')} in ${said.slice(0, 300)}`);
      }
      if (found.length >= 10) break;
    }
    expect(found).toEqual([]);
  });

  test('the CLI: check, import and diff, text and --json, of the damage the audit found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgp-damaged-'));
    try {
      const key = secrets.find((m) => SUBJECTS[0]!.text.includes(`<string>${m}</string>`)) as string;
      const samples: { file: string; bytes: Buffer }[] = [];
      for (const s of SUBJECTS.filter((x) => !x.name.endsWith('.reg'))) {
        const at = s.text.indexOf(`<string>${key}</string>`);
        const variants = [
          `${s.text.slice(0, at + 7)}:${s.text.slice(at + 8)}`, // <string:SECRET</string>
          `${s.text.slice(0, at + 7)} ${s.text.slice(at + 8)}`, // <string SECRET</string>
          `${s.text.slice(0, at + 7)}${s.text.slice(at + 8)}`, // <stringSECRET</string>
          `${s.text.slice(0, at)}<integer>${key}</integer>${s.text.slice(at + 17 + key.length)}`,
        ];
        variants.forEach((t, i) => samples.push({ file: `${i}-${s.name}`, bytes: s.bytes(t) }));
        writeFileSync(join(dir, `orig-${s.name}`), s.bytes(s.text));
      }
      const reg = SUBJECTS.find((x) => x.name.endsWith('.reg')) as Subject;
      const line = reg.text.split('\r\n').find((l) => l.includes(key)) as string;
      // The audit's .reg line: the "=" lost, the value run into the name.
      samples.push({ file: 'name-run-on.reg', bytes: reg.bytes(reg.text.replace(line, line.replace('"="', ' '))) });
      writeFileSync(join(dir, 'orig-all-keys.reg'), reg.bytes(reg.text));
      for (const s of samples) writeFileSync(join(dir, s.file), s.bytes);

      const found: string[] = [];
      for (const s of samples) {
        const orig = `orig-${s.file.replace(/^\d-/, '').replace('name-run-on.reg', 'all-keys.reg')}`;
        for (const argv of [
          ['check', s.file],
          ['check', s.file, '--json'],
          ['import', s.file, '--out', `${s.file}.profile.json`, '--force'],
          ['import', s.file, '--out', `${s.file}.json.profile.json`, '--force', '--json'],
          ['diff', orig, s.file],
          ['diff', orig, s.file, '--json'],
        ]) {
          const r = await runCli(argv, { cwd: dir });
          expect({ argv, code: r.code >= 0 && r.code <= 2 }).toEqual({ argv, code: true });
          const runs = leaks(r.stdout + r.stderr);
          if (runs.length > 0) found.push(`${argv.join(' ')}: ${runs.join(', ')}`);
        }
      }
      expect(found).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `npm run generate` is all or nothing (scripts/compute-then-write.js): a step that fails (a
 * catalogue mistake the ADMX model throws on) leaves every file as it was, and a shipped example
 * that the catalogue no longer accepts fails the run with the example's own findings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findKey } from '../../lib/catalog';
import { validateProfile } from '../../lib/validate';
import { formatFinding } from '../../lib/validate/findings';
import { ROOT } from '../support/examples';
import { K } from '../support/keys';

type Step = { name: string; run: () => Record<string, string | Buffer> };
interface Module {
  computeThenWrite(steps: readonly Step[], write: (file: string, content: string | Buffer) => void): string[];
  exampleErrors(root: string, validator: { validateProfile: (p: unknown) => { findings: readonly { severity: string }[] }; formatFinding: (f: never) => string }, fs: { readdirSync: (dir: string) => string[]; readFileSync: (file: string, enc: 'utf8') => string }): string[];
  GenerateStepError: new (step: string, cause: unknown) => Error & { step: string };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script
const generate = require('../../scripts/compute-then-write') as Module;

describe('computeThenWrite', () => {
  const written: string[] = [];
  const write = (file: string): void => {
    written.push(file);
  };
  beforeEach(() => {
    written.length = 0;
  });

  test('writes every step\'s files, in order, once all steps succeeded', () => {
    const files = generate.computeThenWrite([{ name: 'a', run: () => ({ 'x/1': 'one', 'x/2': Buffer.from('two') }) }, { name: 'b', run: () => ({ 'y/3': 'three' }) }], write);
    expect(files).toEqual(['x/1', 'x/2', 'y/3']);
    expect(written).toEqual(['x/1', 'x/2', 'y/3']);
  });

  test('a step that throws after others computed: nothing is written, and the error names the step', () => {
    const later = jest.fn(() => ({ 'z/4': 'four' }));
    const steps: Step[] = [
      { name: 'the profile JSON Schema', run: () => ({ 'schemas/profile.schema.json': '{}' }) },
      { name: 'catalogue artifacts', run: () => { throw new Error('duplicate policy name x'); } },
      { name: 'later', run: later },
    ];
    expect(() => generate.computeThenWrite(steps, write)).toThrow(generate.GenerateStepError);
    expect(() => generate.computeThenWrite(steps, write)).toThrow('catalogue artifacts: duplicate policy name x');
    expect(written).toEqual([]);
    expect(later).not.toHaveBeenCalled();
  });

  test('two steps producing one path is a failure too, before any write', () => {
    expect(() => generate.computeThenWrite([{ name: 'a', run: () => ({ f: '1' }) }, { name: 'b', run: () => ({ f: '2' }) }], write)).toThrow('b: f is also produced by an earlier step');
    expect(written).toEqual([]);
  });
});

describe('exampleErrors', () => {
  const validator = { validateProfile, formatFinding } as unknown as Parameters<Module['exampleErrors']>[1];
  const realFs = { readdirSync: (d: string) => readdirSync(d), readFileSync: (f: string, e: 'utf8') => readFileSync(f, e) };

  test('the shipped examples have no errors', () => {
    expect(generate.exampleErrors(ROOT, validator, realFs)).toEqual([]);
  });

  test('an example the catalogue no longer accepts is reported with its findings, file named', () => {
    const window = findKey(K.inferenceTokenWindowHours)!;
    const fs = {
      readdirSync: () => ['ok.profile.json', 'broken.profile.json', 'notes.md'],
      readFileSync: (file: string) => (file.endsWith('broken.profile.json')
        ? JSON.stringify({ name: 'b', identifier: 'com.example.b', settings: { [K.inferenceProvider]: 'gateway', [K.inferenceGatewayBaseUrl]: 'https://gw.example.com', [K.inferenceGatewayApiKey]: 'k', [K.inferenceModels]: [{ name: 'm-haiku', anthropicFamilyTier: 'haiku' }], [K.inferenceTokenWindowHours]: (window.maximum ?? 0) + 1 } })
        : readFileSync(join(ROOT, 'examples', 'litellm.profile.json'), 'utf8')),
    };
    const lines = generate.exampleErrors('/pkg', validator, fs);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: examples/broken\\.profile\\.json: settings\\.${K.inferenceTokenWindowHours}: .*\\[out-of-range\\]$`));
  });
});

/**
 * `check <folder>` lists every file below the folder. A subfolder's list used to be appended with
 * `push(...list)`, which throws a RangeError past about 120,000 items. Making 300,000 real files
 * would take the test minutes and the disk's inodes, so the file system is stood in for here: one
 * real folder, whose listing (`readdirSync`/`statSync`) the test answers itself.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { filesBelow } from '../../lib/cli/check-cmd';

jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, readdirSync: jest.fn(actual.readdirSync), statSync: jest.fn(actual.statSync) };
});

const FILES = 300_000;
const ROOT = join('/', 'no-such-root-cgp');
const SUB = join(ROOT, 'profiles');

const names = Array.from({ length: FILES }, (_, i) => `p${String(i).padStart(6, '0')}.mobileconfig`);
const asDir = { isDirectory: () => true, isFile: () => false } as fs.Stats;
const asFile = { isDirectory: () => false, isFile: () => true } as fs.Stats;


test('a subfolder of 300,000 files is listed whole, in order, without a RangeError', () => {
  jest.mocked(fs.readdirSync).mockImplementation(((dir: fs.PathLike) => {
    if (dir === ROOT) return ['profiles', '.hidden', 'README.md'];
    if (dir === SUB) return names;
    throw new Error(`unexpected folder ${String(dir)}`);
  }) as unknown as typeof fs.readdirSync);
  jest.mocked(fs.statSync).mockImplementation(((p: fs.PathLike) => (p === SUB ? asDir : asFile)) as unknown as typeof fs.statSync);

  const listed = filesBelow(ROOT);

  expect(listed).toHaveLength(FILES + 1);
  // Sorted by code unit: 'README.md' comes before 'profiles'.
  expect(listed[0]).toBe(join(ROOT, 'README.md'));
  expect(listed[1]).toBe(join(SUB, names[0]!));
  expect(listed[FILES]).toBe(join(SUB, names[FILES - 1]!));
  expect(listed.some((p) => p.includes('.hidden'))).toBe(false);
});

/** `import --kind signed-mobileconfig` refuses a profile that is not signed, as `check` does. */
import { buildArtifacts } from '../../lib/build';
import { importArtifact, ImportError } from '../../lib/import';
import { loadExamples } from '../support/examples';

const example = loadExamples()[0]!;
const unsigned = buildArtifacts(example.profile, { env: example.env }).files.find((f) => f.path.endsWith('.mobileconfig'))!.bytes;

test('an unsigned profile given as signed-mobileconfig is refused with not-signed', () => {
  let err: unknown;
  try {
    importArtifact(unsigned, { fileName: 'x.mobileconfig', kind: 'signed-mobileconfig' });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ImportError);
  expect((err as ImportError).findings.map((f) => f.code)).toEqual(['not-signed']);
});

test('the same file imports as a mobileconfig, given or detected', () => {
  expect(importArtifact(unsigned, { fileName: 'x.mobileconfig', kind: 'mobileconfig' }).kind).toBe('mobileconfig');
  expect(importArtifact(unsigned, { fileName: 'x.mobileconfig' }).kind).toBe('mobileconfig');
});

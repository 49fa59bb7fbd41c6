import { artifactPathParts } from '../../lib/cli/build-cmd';
import { buildArtifacts } from '../../lib/build';
import { loadExamples } from '../support/examples';

describe('artifact paths the build writes', () => {
  test('a plain relative path splits into its folders and file name', () => {
    expect(artifactPathParts('windows/PolicyDefinitions/en-US/Claude.adml')).toEqual(['windows', 'PolicyDefinitions', 'en-US', 'Claude.adml']);
    expect(artifactPathParts('DEPLOY.md')).toEqual(['DEPLOY.md']);
  });

  test.each(['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', 'a/', 'a\\b', 'a/b\0c', ''])('%j is refused, naming the path', (p) => {
    expect(() => artifactPathParts(p)).toThrow(/is not a plain relative path/);
  });

  test('every file of a full build of every example has a plain relative path', () => {
    for (const { profile, env } of loadExamples()) {
      const { files } = buildArtifacts(profile, { env });
      expect(files.length).toBeGreaterThan(10);
      for (const f of files) expect(artifactPathParts(f.path).join('/')).toBe(f.path);
    }
  });
});

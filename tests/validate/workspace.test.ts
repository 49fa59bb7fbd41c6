/**
 * Workspace folder paths (audit-formats item 6, reference §1.8): only `~` and a fixed set of
 * variables expand. The description lists all of them; a path with another variable, or a
 * relative path, is warned about.
 */
import { getKey } from '../../lib/catalog';
import { WORKSPACE_PATH_VARIABLES } from '../../lib/catalog/sections/workspace';
import { validateProfile } from '../../lib/validate';
import { K } from '../support/keys';

const NOW = new Date('2026-11-25T12:00:00Z');
const run = (paths: string[]) =>
  validateProfile(
    {
      name: 'test',
      identifier: 'com.example.test',
      settings: {
        [K.inferenceProvider]: 'gateway',
        [K.inferenceGatewayBaseUrl]: 'https://gw.example.com',
        [K.inferenceGatewayApiKey]: 'k',
        [K.inferenceModels]: [{ name: 'h', anthropicFamilyTier: 'haiku' }],
        [K.allowedWorkspaceFolders]: paths.map((path) => ({ path })),
      },
    },
    { now: NOW },
  ).findings.filter((f) => f.code.startsWith('workspace-path'));

test('the description of path names every fixed variable of the reference, and ~', () => {
  const description = getKey(K.allowedWorkspaceFolders).fields?.path?.description ?? '';
  for (const v of ['~', '%OneDrive%', '%OneDriveCommercial%', '%OneDriveConsumer%', '%APPDATA%', '%LOCALAPPDATA%', '%USERNAME%', '%XDG_DOCUMENTS_DIR%']) expect(description).toContain(v);
  expect(WORKSPACE_PATH_VARIABLES).toHaveLength(7);
});

test('absolute paths, ~ and the fixed variables raise nothing', () => {
  expect(run(['~/Documents/Claude', '~', '/srv/work', 'C:\\Work', 'D:/Work', '\\\\server\\share', '%OneDrive%\\Claude', '%OneDriveCommercial%\\Team', '%OneDriveConsumer%\\x', '%APPDATA%\\x', '%LOCALAPPDATA%\\x', 'C:\\Users\\%USERNAME%\\Work', '%XDG_DOCUMENTS_DIR%/Claude'])).toEqual([]);
});

test('another variable: a warning naming it, with the exact spelling when only the case differs', () => {
  const found = run(['%USERPROFILE%\\Documents', '%AppData%\\Claude', '$HOME/work', '/home/${USER}/work']);
  expect(found.map((f) => [f.severity, f.code, f.path])).toEqual([0, 1, 2, 3].map((i) => ['warning', 'workspace-path-variable', `settings.${K.allowedWorkspaceFolders}[${i}].path`]));
  expect(found[0]?.message).toBe(`"%USERPROFILE%\\\\Documents" uses %USERPROFILE%, which the app does not expand: only ~ and ${WORKSPACE_PATH_VARIABLES.join(', ')} do`);
  expect(found[1]?.hint).toBe('write the variable exactly as %APPDATA%');
});

test('a relative path: a warning', () => {
  const found = run(['relative/dir', 'Documents', '~user/x']);
  expect(found.map((f) => [f.severity, f.code])).toEqual([0, 1, 2].map(() => ['warning', 'workspace-path-relative']));
  expect(found[0]?.message).toBe('"relative/dir" is a relative path; the app does not resolve it against any folder');
});

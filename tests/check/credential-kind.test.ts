/**
 * A forced credential kind in deployed files: an error in an MDM file that lacks the kind's keys,
 * a warning in a bootstrap response (MDM may set them: the helper path is MDM-only).
 */
import { BASE, check, json, mobileconfig } from './support';
import { K } from '../support/keys';

test('a .mobileconfig forcing helper-script without a helper: an error at the kind', () => {
  const r = check(mobileconfig({ ...BASE, [K.inferenceCredentialKind]: 'helper-script' }), 'test.mobileconfig');
  const f = r.findings.find((x) => x.code === 'credential-kind-missing');
  expect(f).toMatchObject({ severity: 'error', key: K.inferenceCredentialKind });
  expect(f?.message).toContain(`use only ${K.inferenceCredentialHelper} on "gateway"`);
});

test('a bootstrap response forcing helper-script: a warning (the helper comes from MDM)', () => {
  const r = check(json({ ...BASE, [K.inferenceCredentialKind]: 'helper-script' }), 'response.json', { kind: 'bootstrap-response-json' });
  const f = r.findings.find((x) => x.code === 'credential-kind-missing');
  expect(f?.severity).toBe('warning');
  expect(f?.message).toMatch(/unless MDM sets it/);
});

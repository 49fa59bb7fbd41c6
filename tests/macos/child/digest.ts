/** Digests of every macOS artifact of every test profile, for determinism checks (in and out of process). */
import { createHash } from 'node:crypto';
import type { Artifact } from '../../../lib/artifact';
import type { ResolvedProfile } from '../../../lib/profile/types';
import type { PayloadForm } from '../../../lib/writers/mobileconfig';
import { loadExamples, loadFixtureProfile } from '../../support/examples';

/** `{ "<profile file>:<form>:<artifact path>": sha256 hex }` over all profiles and both payload forms. */
export function digestAll(build: (p: ResolvedProfile, form: PayloadForm) => Artifact[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { file, resolved } of [...loadExamples(), loadFixtureProfile('hostile.profile.json')]) {
    for (const form of ['direct', 'mcx'] as const) {
      for (const a of build(resolved, form)) out[`${file}:${form}:${a.path}`] = createHash('sha256').update(a.bytes).digest('hex');
    }
  }
  return out;
}

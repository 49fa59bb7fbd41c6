/**
 * User policy a Windows file sets beside machine policy (HKCU beside HKLM, ./User rows beside
 * ./Device rows): the app ignores it entirely (reference §0), so `check` judges the machine values
 * only and the reader's `reg-both-hives` / `oma-both-scopes` names the ignored ones. A credential
 * among them is still exposed to every user who can read their own policy: `secret-in-user-scope`,
 * as for a user-scoped profile.
 */
import { finding, type Finding } from '../../validate/findings';
import { defFor, isSecretKey } from '../decode';
import type { ArtifactRule } from '../types';

/** Credentials among the user values a file sets beside machine policy. */
export const ignoredUserPolicyRule: ArtifactRule = {
  id: 'ignored-user-policy',
  codes: ['secret-in-user-scope'],
  appliesTo: (kind) => kind === 'reg' || kind === 'intune-windows-csv' || kind === 'intune-windows-graph-json',
  check: (ctx) => {
    const ignored = ctx.read.ignored;
    if (!ignored) return [];
    const where = ctx.kind === 'reg' ? 'HKCU' : './User';
    const out: Finding[] = [];
    for (const e of ignored.entries) {
      const def = defFor(e.key);
      if (!isSecretKey(def)) continue;
      out.push(
        finding('secret-in-user-scope', 'warning', e.location, `${e.key} is a credential in ${where} policy: users can read and change it (Claude Desktop ignores it here, because machine policy exists)`, `remove it from ${where}; set it in machine policy, or use a credential helper or interactive sign-in`, def?.name),
      );
    }
    return out;
  },
};

/**
 * PayloadUUIDs across the files of one run (formats.md §1: duplicate payload UUIDs are a known
 * bug class): the same UUID for different content makes MDMs and macOS treat two different
 * profiles as one; the same content under different UUIDs means the UUIDs are not derived from
 * the content (random ones), so every rebuild looks like a new profile. Duplicates inside one
 * file are the reader's `duplicate-payload-uuid`.
 */
import { canonicalJson } from '../../build/manifest';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactContext, CrossFileRule } from '../types';

/** What two files must agree on to be the same profile. */
function contentOf(ctx: ArtifactContext): string {
  const m = ctx.read.metadata;
  return canonicalJson({ identifier: m.identifier, displayName: m.displayName, organization: m.organization, description: m.description, scope: ctx.read.scope, settings: ctx.decoded.settings });
}

/** PayloadUUIDs reused for other content, or changed for the same content, across files. */
export const payloadUuidRule: CrossFileRule = {
  id: 'payload-uuid',
  codes: ['payload-uuid-reused', 'payload-uuid-unstable'],
  check: (files) => {
    const out: Finding[] = [];
    const withUuids = files.filter((f) => (f.read.metadata.uuids?.length ?? 0) > 0);
    const firstByUuid = new Map<string, { file: string; content: string }>();
    const firstByContent = new Map<string, { file: string; uuids: string }>();
    for (const ctx of withUuids) {
      const content = contentOf(ctx);
      const uuids = [...new Set(ctx.read.metadata.uuids ?? [])];
      const reported = new Set<string>();
      for (const uuid of uuids) {
        const first = firstByUuid.get(uuid);
        if (!first) firstByUuid.set(uuid, { file: ctx.input.name, content });
        else if (first.content !== content && first.file !== ctx.input.name && !reported.has(first.file)) {
          reported.add(first.file);
          out.push({ ...finding('payload-uuid-reused', 'error', 'PayloadUUID', `PayloadUUID ${uuid} is also used by ${first.file}, whose content differs; MDMs and macOS treat both as the same payload`, 'give every profile and payload its own UUID, derived from its content (build does this)'), file: ctx.input.name });
        }
      }
      const key = `${ctx.read.metadata.identifier ?? ''}\n${content}`;
      const sorted = [...uuids].sort().join(',');
      const seen = firstByContent.get(key);
      if (!seen) firstByContent.set(key, { file: ctx.input.name, uuids: sorted });
      else if (seen.uuids !== sorted) {
        out.push({ ...finding('payload-uuid-unstable', 'warning', 'PayloadUUID', `the same profile content is in ${seen.file} under other PayloadUUIDs`, 'derive UUIDs from the identifier and content (UUIDv5) so rebuilding an unchanged profile keeps them; random UUIDs make every build look like a new profile'), file: ctx.input.name });
      }
    }
    return out;
  },
};

/**
 * PayloadUUIDs across the files of one run (formats.md §1: duplicate payload UUIDs are a known
 * bug class): the same UUID for different content makes MDMs and macOS treat two different
 * profiles as one. Duplicates inside one file are the reader's `duplicate-payload-uuid`.
 *
 * Random UUIDs (every rebuild looks like a new profile) are only claimed on evidence: two files
 * that say exactly the same thing (every key and value of the profile, its payloads and their
 * settings, in the same payload form) except for their PayloadUUIDs. Files that differ in
 * anything else may rightly differ in UUIDs: `build` derives them from the identifier and a
 * digest of everything else the file says (UUIDv5), so a direct-payload and an MCX build of one
 * profile, or two versions of it, get different UUIDs by design.
 */
import { canonicalJson } from '../../build/manifest';
import { looksSigned } from '../../sign/cms';
import { parseSignedProfile } from '../../sign/verify';
import { parsePlistXml, type PlistNode } from '../../read/plist';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactContext, CrossFileRule } from '../types';

/** What two files must agree on to be the same profile. */
function contentOf(ctx: ArtifactContext): string {
  const m = ctx.read.metadata;
  return canonicalJson({ identifier: m.identifier, displayName: m.displayName, organization: m.organization, description: m.description, scope: ctx.read.scope, settings: ctx.decoded.settings });
}

/** The configuration profile's XML bytes: the file, the content of a signed one, or an Intune Graph body's payload. */
function profileBytes(ctx: ArtifactContext): Buffer | undefined {
  if (ctx.kind === 'intune-macos-graph-json') {
    const payload = (ctx.read.json as { payload?: unknown } | undefined)?.payload;
    return typeof payload === 'string' ? Buffer.from(payload, 'base64') : undefined;
  }
  if (ctx.kind !== 'mobileconfig' && ctx.kind !== 'signed-mobileconfig') return undefined;
  return looksSigned(ctx.input.bytes) ? parseSignedProfile(ctx.input.bytes).content : ctx.input.bytes;
}

/** A plist tree without its PayloadUUIDs, as canonical data (types kept: `<string>1` is not `<integer>1`). */
function withoutUuids(node: PlistNode): unknown {
  switch (node.type) {
    case 'array':
      return node.items.map(withoutUuids);
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) if (e.key !== 'PayloadUUID') Object.defineProperty(out, e.key, { value: withoutUuids(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    default:
      return [node.type, node.value];
  }
}

/**
 * Everything the profile says except its PayloadUUIDs (key order and formatting aside), or
 * undefined when it cannot be read (the reader reports why).
 */
function allButUuids(ctx: ArtifactContext): string | undefined {
  try {
    const bytes = profileBytes(ctx);
    return bytes === undefined ? undefined : canonicalJson(withoutUuids(parsePlistXml(bytes.toString('utf8')).root));
  } catch {
    return undefined;
  }
}

/** PayloadUUIDs reused for other content, or changed for otherwise identical profiles, across files. */
export const payloadUuidRule: CrossFileRule = {
  id: 'payload-uuid',
  codes: ['payload-uuid-reused', 'payload-uuid-unstable'],
  check: (files) => {
    const out: Finding[] = [];
    const withUuids = files.filter((f) => (f.read.metadata.uuids?.length ?? 0) > 0);
    if (withUuids.length < 2) return out;
    const firstByUuid = new Map<string, { file: string; content: string }>();
    const firstBySayings = new Map<string, { file: string; uuids: string }>();
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
      const sayings = allButUuids(ctx);
      if (sayings === undefined) continue;
      const sorted = [...uuids].sort().join(',');
      const seen = firstBySayings.get(sayings);
      if (!seen) firstBySayings.set(sayings, { file: ctx.input.name, uuids: sorted });
      else if (seen.uuids !== sorted) {
        out.push({ ...finding('payload-uuid-unstable', 'warning', 'PayloadUUID', `${seen.file} is the same profile, identical except for its PayloadUUIDs`, 'derive UUIDs from the identifier and content (UUIDv5) so rebuilding an unchanged profile keeps them; random UUIDs make every build look like a new profile'), file: ctx.input.name });
      }
    }
    return out;
  },
};

/**
 * Reads a `.mobileconfig`, plain XML or CMS-signed (DER or BER), in the direct-domain form or
 * the ManagedClient (MCX) wrapper, into entries for `check` and `import`. Structure problems
 * become findings; values stored as native plist types stay native with their `storedAs` type.
 *
 * With `verifyWith`, the signature is verified in JavaScript (`lib/sign/verify.ts`: Node crypto
 * over the signed attributes, messageDigest = SHA-256 of the content, certificate path to the CA).
 */
import { findKey, findLegacyName, MACOS_PREFERENCE_DOMAIN } from '../catalog';
import { looksSigned } from '../sign/cms';
import { CmsFormatError, parseSignedProfile, verifySignedProfile } from '../sign/verify';
import { clip, clipName } from '../escape/clip';
import { finding, someOf, type Finding } from '../validate/findings';
import { MCX_PAYLOAD_TYPE } from '../writers/plist-values';
import { dictFindings, dictGet, entriesOfDict, keyPlace, parsePlistXml, plistText, problemFindings, type PlistDict, type PlistNode } from './plist';
import { catalogueName, type ReadEntry, type ReadResult } from './types';
import { pushAll } from '../push-all';

/** Options of {@link readMobileconfig}. */
export interface ReadMobileconfigOptions {
  /** Verify the signature of a signed profile against this trust anchor (PEM). */
  verifyWith?: {
    /** The trust anchors, PEM certificates one after another. */
    caPem: string;
    /** The moment certificate validity is judged at (default: now). */
    now?: Date;
  };
}

type Metadata = { -readonly [K in keyof ReadResult['metadata']]: ReadResult['metadata'][K] };

/**
 * Reads a configuration profile. Never throws for bad input: unreadable files give a result with
 * no entries and an error finding.
 */
export function readMobileconfig(bytes: Buffer, options: ReadMobileconfigOptions = {}): ReadResult {
  const findings: Finding[] = [];
  let content = bytes;
  let kind: ReadResult['kind'] = 'mobileconfig';
  if (looksSigned(bytes)) {
    kind = 'signed-mobileconfig';
    try {
      const parsed = parseSignedProfile(bytes);
      if (parsed.content === undefined) return { kind, metadata: {}, entries: [], findings: [finding('detached-content', 'error', 'signature', 'the signed file does not contain the profile (detached signature)')] };
      content = parsed.content;
      if (options.verifyWith) {
        const verifyOptions = options.verifyWith.now ? { caPem: options.verifyWith.caPem, now: options.verifyWith.now } : { caPem: options.verifyWith.caPem };
        pushAll(findings, verifySignedProfile(parsed, verifyOptions).findings);
      }
    } catch (e) {
      if (!(e instanceof CmsFormatError)) throw e;
      return { kind, metadata: {}, entries: [], findings: [finding('unreadable-signature', 'error', '(file)', e.message)] };
    }
  } else if (options.verifyWith) {
    findings.push(finding('not-signed', 'error', 'signature', 'the profile is not signed, so there is no signature to verify', 'sign it (build with --sign-cert and --sign-key writes <name>.signed.mobileconfig), or read it without verification (check without --ca)'));
  }

  let root: PlistNode;
  try {
    const decoded = plistText(content);
    pushAll(findings, decoded.findings);
    const parsed = parsePlistXml(decoded.text);
    root = parsed.root;
    pushAll(findings, problemFindings(parsed.problems));
  } catch (e) {
    return { kind, metadata: {}, entries: [], findings: [...findings, finding('unreadable-plist', 'error', '(file)', (e as Error).message)] };
  }
  if (root.type !== 'dict') {
    findings.push(finding('not-a-profile', 'error', '(root)', `the plist holds ${root.type}, not a configuration profile dictionary`));
    return { kind, metadata: {}, entries: [], findings };
  }

  const metadata: Metadata = {};
  const uuids: string[] = [];
  const str = (d: PlistDict, key: string): string | undefined => {
    const v = dictGet(d, key);
    return v?.type === 'string' ? v.value : undefined;
  };
  const identifier = str(root, 'PayloadIdentifier');
  if (identifier !== undefined) metadata.identifier = identifier;
  const displayName = str(root, 'PayloadDisplayName');
  if (displayName !== undefined) metadata.displayName = displayName;
  const organization = str(root, 'PayloadOrganization');
  if (organization !== undefined) metadata.organization = organization;
  const description = str(root, 'PayloadDescription');
  if (description !== undefined) metadata.description = description;

  pushAll(findings, dictFindings(root, ''));
  identity(root, '', findings, uuids);
  if (str(root, 'PayloadType') !== 'Configuration') findings.push(finding('not-configuration-profile', 'error', 'PayloadType', 'the top-level PayloadType must be "Configuration"'));
  const scopeText = str(root, 'PayloadScope');
  let scope: ReadResult['scope'];
  if (scopeText === 'System') scope = 'machine';
  else if (scopeText === 'User') scope = 'user';
  else if (scopeText === undefined) findings.push(finding('payload-scope-missing', 'warning', 'PayloadScope', 'no PayloadScope: macOS installs it for the user, Fleet for the system', 'write PayloadScope System or User'));
  else findings.push(finding('payload-scope-invalid', 'error', 'PayloadScope', `PayloadScope "${clip(scopeText)}" is neither System nor User`, 'write System or User'));

  const entries: ReadEntry[] = [];
  const content0 = dictGet(root, 'PayloadContent');
  if (content0?.type !== 'array') {
    findings.push(finding('payload-content-missing', 'error', 'PayloadContent', 'the profile has no PayloadContent array'));
  } else {
    content0.items.forEach((payload, i) => {
      const at = `PayloadContent[${i}]`;
      if (payload.type !== 'dict') {
        findings.push(finding('payload-not-dict', 'error', at, `${at} is ${payload.type}, not a dictionary`));
        return;
      }
      pushAll(findings, dictFindings(payload, at));
      identity(payload, at, findings, uuids);
      const type = str(payload, 'PayloadType');
      if (type === MACOS_PREFERENCE_DOMAIN) pushAll(entries, entriesOfDict(payload, at, (k) => k.startsWith('Payload')));
      else if (type === MCX_PAYLOAD_TYPE) pushAll(entries, readMcx(payload, at, findings));
      else if (type !== undefined) {
        const wrong = wrongDomain(type, payload.entries.map((e) => e.key), `${at}.PayloadType`, 'payload type', 'write PayloadType');
        if (wrong) findings.push(wrong);
      }
    });
  }
  if (uuids.length !== new Set(uuids).size) findings.push(finding('duplicate-payload-uuid', 'error', 'PayloadUUID', 'two payloads share a PayloadUUID', 'give every payload its own UUID'));
  if (content0?.type === 'array' && entries.length === 0 && !findings.some((f) => f.code === 'mcx-incomplete' || f.code === 'wrong-domain')) {
    findings.push(finding('no-claude-settings', 'warning', 'PayloadContent', `the profile sets nothing in ${MACOS_PREFERENCE_DOMAIN}`));
  }
  const seen = new Map<string, string>();
  for (const e of entries) {
    const first = seen.get(e.key);
    if (first !== undefined && first !== e.location) {
      findings.push(finding('key-set-twice', 'warning', e.location, `${clipName(e.key)} is also set at ${first}; macOS applies only one of them`, 'set each key once', catalogueName(e.key)));
    } else seen.set(e.key, e.location);
  }
  if (uuids.length > 0) metadata.uuids = uuids;
  const out: { -readonly [K in keyof ReadResult]: ReadResult[K] } = { kind, metadata, entries, findings };
  if (scope) out.scope = scope;
  return out;
}

/** PayloadContent → <domain> → Forced → [{ mcx_preference_settings }]; a missing level never applies. */
function readMcx(payload: PlistDict, at: string, findings: Finding[]): ReadEntry[] {
  const incomplete = (where: string, what: string): ReadEntry[] => {
    findings.push(finding('mcx-incomplete', 'error', where, `${what}: the profile installs but its settings never apply`, `nest settings as PayloadContent → ${MACOS_PREFERENCE_DOMAIN} → Forced → [ { mcx_preference_settings } ]`));
    return [];
  };
  const byDomain = dictGet(payload, 'PayloadContent');
  if (byDomain?.type !== 'dict') return incomplete(`${at}.PayloadContent`, 'the ManagedClient payload has no PayloadContent dictionary');
  const domain = dictGet(byDomain, MACOS_PREFERENCE_DOMAIN);
  const domainAt = `${at}.PayloadContent.${MACOS_PREFERENCE_DOMAIN}`;
  if (domain?.type !== 'dict') {
    if (byDomain.entries.length === 0) return incomplete(`${at}.PayloadContent`, 'the ManagedClient PayloadContent is empty');
    // A wrapper for other domains is not ours to judge, unless a domain holds Claude keys (a
    // misspelled domain: its settings never reach Claude Desktop).
    for (const other of byDomain.entries) {
      const wrong = wrongDomain(other.key, mcxKeys(other.value), keyPlace(`${at}.PayloadContent`, other.key), 'preference domain', 'rename the domain key to');
      if (wrong) findings.push(wrong);
    }
    return [];
  }
  for (const e of domain.entries) {
    if (e.key !== 'Forced') findings.push(finding('mcx-not-forced', 'warning', keyPlace(domainAt, e.key), `${clipName(e.key)} settings are not enforced (only Forced is read here)`, 'put managed settings under Forced'));
  }
  const forced = dictGet(domain, 'Forced');
  if (forced?.type !== 'array' || forced.items.length === 0) return incomplete(`${domainAt}.Forced`, 'no Forced array');
  const out: ReadEntry[] = [];
  forced.items.forEach((item, j) => {
    const itemAt = `${domainAt}.Forced[${j}]`;
    const settings = item.type === 'dict' ? dictGet(item, 'mcx_preference_settings') : undefined;
    if (settings?.type !== 'dict') {
      incomplete(`${itemAt}.mcx_preference_settings`, 'a Forced entry without an mcx_preference_settings dictionary');
      return;
    }
    pushAll(findings, dictFindings(settings, `${itemAt}.mcx_preference_settings`));
    pushAll(out, entriesOfDict(settings, `${itemAt}.mcx_preference_settings`));
  });
  return out;
}

/** The setting names under an MCX domain (every Forced/Set-Once/Often level's mcx_preference_settings). */
function mcxKeys(domain: PlistNode): string[] {
  if (domain.type !== 'dict') return [];
  const out: string[] = [];
  for (const level of domain.entries) {
    if (level.value.type !== 'array') continue;
    for (const item of level.value.items) {
      const settings = item.type === 'dict' ? dictGet(item, 'mcx_preference_settings') : undefined;
      if (settings?.type === 'dict') pushAll(out, settings.entries.map((e) => e.key));
    }
  }
  return out;
}

/**
 * A payload type or MCX domain other than Claude's that holds Claude key names: a misspelled
 * domain (`com.anthropic.claude`), whose settings never reach Claude Desktop. Reported when the
 * name mentions Claude or Anthropic and holds one Claude key, or holds two or more (another
 * product's payload sharing one generic name is left alone).
 */
function wrongDomain(name: string, keys: readonly string[], where: string, what: string, fix: string): Finding | undefined {
  const claude = [...new Set(keys.filter((k) => !k.startsWith('Payload') && (findKey(k) ?? findLegacyName(k)) !== undefined))];
  if (claude.length === 0 || (claude.length < 2 && !/claude|anthropic/i.test(name))) return undefined;
  const shown = someOf(claude, 4);
  return finding('wrong-domain', 'error', where, `the ${what} "${clip(name)}" holds Claude Desktop settings (${shown}), but Claude Desktop reads only ${MACOS_PREFERENCE_DOMAIN}, so none of them applies`, `${fix} ${MACOS_PREFERENCE_DOMAIN}`);
}

function identity(d: PlistDict, at: string, findings: Finding[], uuids: string[]): void {
  const prefix = at ? `${at}.` : '';
  for (const key of ['PayloadIdentifier', 'PayloadType', 'PayloadUUID']) {
    const v = dictGet(d, key);
    if (v?.type !== 'string' || v.value === '') findings.push(finding('payload-identity', 'error', `${prefix}${key}`, `${prefix}${key} is missing or not a non-empty string`));
    else if (key === 'PayloadUUID') uuids.push(v.value.toUpperCase());
  }
  const version = dictGet(d, 'PayloadVersion');
  if (version?.type !== 'integer' || version.value !== 1) findings.push(finding('payload-version', 'error', `${prefix}PayloadVersion`, `${prefix}PayloadVersion must be the integer 1`));
}

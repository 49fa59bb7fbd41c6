/**
 * A ProfileManifests-format manifest (ProfileCreator, iMazing Profile Editor, and tools that
 * mirror manifests to Jamf) for `com.anthropic.claudefordesktop`, generated from the catalogue:
 * the usual Payload* subkeys, then one `pfm_type` string subkey per MDM key with its allowed
 * values, pattern and default in Claude's string form. It does not depend on a profile.
 *
 * Byte-stable: `pfm_last_modified` is the catalogue's collection date, `pfm_version` the build
 * number of the newest Claude Desktop the catalogue covers (so a newer catalogue wins a manifest
 * collision).
 */
import { CATALOG_APP_VERSION, CATALOG_DATE, MACOS_PREFERENCE_DOMAIN } from '../catalog';
import { precomputedCatalogArtifact } from './catalog-artifacts';
import { CLAUDE_CONFIG_DOCS_URL, JAMF_SCHEMA_TITLE } from './jamf-schema';

// The compute path's modules (key texts, templates, the plist read-back) are loaded only when the
// precomputed manifest cannot be used: a build normally loads none of them.
/* eslint-disable @typescript-eslint/no-require-imports -- on-demand loading of the compute path */
const keyText = () => require('./macos-key-text') as typeof import('./macos-key-text');
const template = () => require('../render/template') as typeof import('../render/template');
const plistValues = () => require('./plist-values') as typeof import('./plist-values');
/* eslint-enable @typescript-eslint/no-require-imports */

/** File name of the manifest (ProfileManifests names files after the domain). */
export const PROFILE_MANIFEST_FILE = `${MACOS_PREFERENCE_DOMAIN}.manifest.plist`;

/** One `pfm_subkeys` entry of the view model. */
export interface ManifestSubkey {
  name: string;
  title: string;
  description: string;
  isInteger: boolean;
  hasDefault: boolean;
  defaultValue: string;
  format: string | null;
  rangeList: string[] | null;
  requireAlways: boolean;
}

/** The view model of `templates/profile-manifest.hbs`. */
export interface ProfileManifestView {
  description: string;
  documentationUrl: string;
  domain: string;
  formatVersion: number;
  lastModified: string;
  platforms: string[];
  subkeys: ManifestSubkey[];
  title: string;
  version: number;
}

const UUID_FORMAT = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

function payloadKey(name: string, title: string, description: string, extra: Partial<ManifestSubkey> = {}): ManifestSubkey {
  return { name, title, description, isInteger: false, hasDefault: false, defaultValue: '', format: null, rangeList: null, requireAlways: false, ...extra };
}

/** Builds the view model: Payload* subkeys (ProfileManifests convention), then the MDM keys in catalogue order. */
export function profileManifestView(): ProfileManifestView {
  const subkeys: ManifestSubkey[] = [
    payloadKey('PayloadDescription', 'Payload Description', 'Description of the payload.', { hasDefault: true, defaultValue: 'Configures Claude Desktop' }),
    payloadKey('PayloadDisplayName', 'Payload Display Name', 'Name of the payload.', { hasDefault: true, defaultValue: 'Claude Desktop', requireAlways: true }),
    payloadKey('PayloadIdentifier', 'Payload Identifier', 'A unique identifier for the payload, dot-delimited.', { hasDefault: true, defaultValue: MACOS_PREFERENCE_DOMAIN, requireAlways: true }),
    payloadKey('PayloadType', 'Payload Type', 'The type of the payload.', { hasDefault: true, defaultValue: MACOS_PREFERENCE_DOMAIN, requireAlways: true }),
    payloadKey('PayloadUUID', 'Payload UUID', 'Globally unique identifier for the payload.', { format: UUID_FORMAT, requireAlways: true }),
    payloadKey('PayloadVersion', 'Payload Version', 'The version of the payload format.', { isInteger: true, hasDefault: true, defaultValue: '1', requireAlways: true }),
    payloadKey('PayloadOrganization', 'Payload Organization', 'The organization name of the payload.'),
  ];
  const { allowedStrings, defaultText, jsonExample, keyDescription, mdmKeys, textPattern } = keyText();
  for (const def of mdmKeys()) {
    const d = defaultText(def);
    const example = jsonExample(def);
    subkeys.push({
      name: def.name,
      title: def.name,
      description: example ? `${keyDescription(def)} Example: ${example}` : keyDescription(def),
      isInteger: false,
      hasDefault: d !== undefined,
      defaultValue: d ?? '',
      format: textPattern(def) ?? null,
      rangeList: allowedStrings(def) ?? null,
      requireAlways: false,
    });
  }
  return {
    description: `Managed settings of Claude Desktop for third-party inference (keys of Claude Desktop ${CATALOG_APP_VERSION}). Every value is a string: booleans "true"/"false", numbers as digits, lists and objects as one line of JSON.`,
    documentationUrl: CLAUDE_CONFIG_DOCS_URL,
    domain: MACOS_PREFERENCE_DOMAIN,
    formatVersion: 1,
    lastModified: `${CATALOG_DATE}T00:00:00Z`,
    platforms: ['macOS'],
    subkeys,
    title: JAMF_SCHEMA_TITLE,
    version: Number(CATALOG_APP_VERSION.split('.')[1] ?? '1'),
  };
}

/**
 * The manifest plist (UTF-8, LF): the bytes `npm run generate` precomputed (after
 * {@link computeProfileManifest}'s read-back check) when they are current for this catalogue and
 * template, else computed and checked now. A new buffer on every call.
 */
export function buildProfileManifest(): Buffer {
  const pre = precomputedCatalogArtifact('profile-manifest');
  return pre ? Buffer.from(pre) : computeProfileManifest();
}

/** Renders the manifest plist (UTF-8, LF) and checks that it parses back with every subkey in order. */
export function computeProfileManifest(): Buffer {
  const view = profileManifestView();
  const xml = template().renderTemplate('profile-manifest.hbs', 'profile-manifest', view);
  const { isPlistDict, parseOwnPlist, ReadBackError } = plistValues();
  const back = parseOwnPlist(xml, PROFILE_MANIFEST_FILE);
  const subkeys = isPlistDict(back) ? back.pfm_subkeys : undefined;
  if (!isPlistDict(back) || back.pfm_domain !== view.domain || !Array.isArray(subkeys)) throw new ReadBackError(PROFILE_MANIFEST_FILE, 'top-level keys differ');
  const names = subkeys.map((s) => (isPlistDict(s) ? s.pfm_name : undefined));
  if (names.join('\n') !== view.subkeys.map((s) => s.name).join('\n')) throw new ReadBackError(PROFILE_MANIFEST_FILE, 'pfm_subkeys differ');
  return Buffer.from(xml, 'utf8');
}

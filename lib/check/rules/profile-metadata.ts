/**
 * What MDMs refuse or mis-handle in a configuration profile's own fields, beyond the reader's
 * structure checks: Fleet rejects an empty `PayloadDisplayName`; an identifier that is not
 * reverse-DNS collides easily (the same identifier replaces another installed profile). A UUID
 * identifier, as Jamf and Intune give the profiles they export, is unique by construction and
 * not the admin's to change: it is not reported.
 */
import { IDENTIFIER_PATTERN } from '../../catalog';
import { finding, type Finding } from '../../validate/findings';
import { isUuid } from '../../writers/uuid';
import type { ArtifactRule } from '../types';
import { clip } from '../../escape/clip';

/** Profile fields MDMs refuse or mishandle (display name, identifier). */
export const profileMetadataRule: ArtifactRule = {
  id: 'profile-metadata',
  codes: ['payload-display-name-missing', 'payload-identifier-not-reverse-dns'],
  appliesTo: (kind) => kind === 'mobileconfig' || kind === 'signed-mobileconfig' || kind === 'intune-macos-graph-json',
  check: (ctx) => {
    const out: Finding[] = [];
    const { metadata } = ctx.read;
    // Nothing to say when the reader could not get as far as the profile dictionary.
    if (ctx.read.entries.length === 0 && metadata.identifier === undefined) return out;
    if (metadata.displayName === undefined || metadata.displayName.trim() === '') {
      out.push(finding('payload-display-name-missing', 'warning', 'PayloadDisplayName', 'the profile has no PayloadDisplayName', 'add one: Fleet refuses profiles without it, and System Settings shows it to users'));
    }
    if (metadata.identifier !== undefined && metadata.identifier !== '' && !isUuid(metadata.identifier) && !new RegExp(IDENTIFIER_PATTERN).test(metadata.identifier)) {
      out.push(finding('payload-identifier-not-reverse-dns', 'warning', 'PayloadIdentifier', `PayloadIdentifier "${clip(metadata.identifier)}" is not reverse-DNS`, 'use a reverse-DNS identifier such as com.example.claude: a profile with the same identifier replaces this one'));
    }
    return out;
  },
};

import type { KeyDef } from '../types';
import { DEPRECATION_CUTOFF as CUTOFF } from '../constants';
import { OIDC_FIELDS } from './providers';

/** Bootstrap: a server that delivers per-user settings at launch. */
export const BOOTSTRAP_KEYS = [
  {
    name: 'bootstrapUrl', section: 'bootstrap', type: 'string', format: 'https-url', providers: 'all',
    availability: 'mdm', since: '1.10628', secret: false,
    description: 'Bootstrap endpoint that returns per-user settings as JSON; setting it turns bootstrap on.',
    notes: ['Needs Claude Desktop 1.10270.0 or later.'],
  },
  {
    name: 'bootstrapEnabled', section: 'bootstrap', type: 'boolean', default: true, providers: 'all',
    availability: 'mdm', since: '1.10628', secret: false,
    description: 'false keeps the bootstrap URL but skips the fetch.',
  },
  {
    name: 'bootstrapOidc', section: 'bootstrap', type: 'object', fields: OIDC_FIELDS, providers: 'all',
    availability: 'mdm', since: '1.10628', secret: false,
    description: 'External identity provider (PKCE) for the bootstrap request; unset means device code against the bootstrap origin.',
    notes: ['Write it as one JSON string: dotted sub-keys make the app fall back to device-code mode silently.'],
  },
  {
    name: 'bootstrapHeaders', section: 'bootstrap', type: 'object', values: { type: 'string', secret: true }, keyFormat: 'header-name',
    providers: 'all', availability: 'mdm', since: '1.32885.1', secret: true,
    description: 'Extra headers sent with the bootstrap request, as a JSON object.',
    deprecatedShapes: [
      { shape: 'header-string', cutoff: CUTOFF },
      { shape: 'header-list', cutoff: CUTOFF, acceptsEquals: true },
    ],
  },
  {
    name: 'bootstrapHeadersHelper', section: 'bootstrap', type: 'string', format: 'absolute-path', providers: 'all',
    availability: 'mdm', since: '1.32885.1', secret: false,
    description: 'Executable that prints the bootstrap request headers as JSON.',
  },
  {
    name: 'trustBootstrapDelivery', section: 'bootstrap', type: 'boolean', providers: 'all',
    availability: 'mdm', since: '1.26832.0', secret: false,
    description: 'Apply base URLs, local executables and the Vertex project from a bootstrap response without asking the user.',
    legacyNames: [{ name: 'trustBootstrapLocalExec', cutoff: CUTOFF }],
  },
  {
    name: 'configRecheckIntervalMinutes', section: 'bootstrap', type: 'integer', minimum: 1, providers: 'all',
    availability: 'both', since: '1.46388.1', secret: false,
    description: 'Minutes between re-checks of the delivered configuration.',
  },
  {
    name: 'claudeAiImport', section: 'bootstrap', type: 'object',
    fields: {
      enabled: { type: 'boolean', description: 'Offer the import.' },
      url: { type: 'string', format: 'https-url', description: 'Claude.ai URL to import from.' },
      oauthIssuer: { type: 'string', format: 'https-url', description: 'OAuth issuer for the import sign-in.' },
      oauthClientId: { type: 'string', description: 'OAuth client id for the import sign-in.' },
      automatic3pImport: { type: 'boolean', description: 'Import without asking.' },
      bannerBehavior: { type: 'string', enum: ['off', 'detect', 'show'], description: 'When to show the import banner.' },
    },
    providers: 'all', availability: 'bootstrap', since: '>1.5354.0', secret: false,
    description: 'Import of Claude.ai history; only a bootstrap response can deliver it.',
  },
] as const satisfies readonly KeyDef[];

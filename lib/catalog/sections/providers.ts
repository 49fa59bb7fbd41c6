import type { FieldSpec, KeyDef } from '../types';
import { DEPRECATION_CUTOFF as CUTOFF } from '../constants';

const GCP_PROJECT = { pattern: '^[a-z0-9][a-z0-9.:-]*$', patternHint: 'lower-case letters, digits, ".", ":" and "-", starting with a letter or digit', example: 'my-gcp-project' };
const AWS_REGION = { pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$', patternHint: 'an AWS region such as us-west-2', example: 'us-west-2' };

/** Fields shared by the OIDC objects of the gateway, Vertex workforce and bootstrap. */
export const OIDC_FIELDS = {
  clientId: { type: 'string', required: true, description: 'OAuth client id registered at the identity provider.' },
  issuer: { type: 'string', format: 'https-url', description: 'Issuer URL; endpoints are discovered from /.well-known/openid-configuration.' },
  authorizationUrl: { type: 'string', format: 'https-url', description: 'Authorization endpoint, when there is no discovery.' },
  tokenUrl: { type: 'string', format: 'https-url', description: 'Token endpoint, when there is no discovery.' },
  scopes: { type: 'string', description: 'Space-separated scopes to request.' },
  redirectPort: { type: 'integer', minimum: 1024, maximum: 65535, description: 'Fixed loopback port for the redirect.' },
  additionalRedirectReferrerHosts: { type: 'string', description: 'Space-separated extra hosts allowed to refer to the redirect.' },
} as const satisfies Record<string, FieldSpec>;

/** Provider-specific keys: Anthropic API, Bedrock, Vertex, Foundry and the LLM gateway. */
export const PROVIDER_KEYS = [
  {
    name: 'inferenceAnthropicApiKey',
    section: 'anthropic',
    type: 'string',
    providers: ['anthropic'],
    availability: 'both',
    since: '>1.5354.0',
    secret: true,
    description: 'Anthropic API key (sk-ant-…); leave unset to sign in with the browser or use a credential helper.',
  },
  // Amazon Bedrock
  {
    name: 'inferenceBedrockRegion', section: 'bedrock', type: 'string', ...AWS_REGION, providers: ['bedrock'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'AWS region of the Bedrock runtime endpoint.',
  },
  {
    name: 'inferenceBedrockBaseUrl', section: 'bedrock', type: 'string', format: 'https-origin', providers: ['bedrock'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Overrides the Bedrock endpoint (a VPC interface endpoint or proxy); https origin only.',
  },
  {
    name: 'inferenceBedrockServiceTier', section: 'bedrock', type: 'string', enum: ['flex', 'priority'], providers: ['bedrock'],
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Bedrock service tier sent as X-Amzn-Bedrock-Service-Tier; unset means on-demand.',
  },
  {
    name: 'inferenceBedrockBearerToken', section: 'bedrock', type: 'string', providers: ['bedrock'],
    availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'A Bedrock API key used as a static bearer token.',
  },
  {
    name: 'inferenceBedrockSsoStartUrl', section: 'bedrock', type: 'string', format: 'https-url', providers: ['bedrock'],
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'IAM Identity Center start URL; with the SSO region, account and role it enables in-app AWS sign-in.',
  },
  {
    name: 'inferenceBedrockSsoRegion', section: 'bedrock', type: 'string', ...AWS_REGION, providers: ['bedrock'],
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Home region of IAM Identity Center.',
  },
  {
    name: 'inferenceBedrockSsoAccountId', section: 'bedrock', type: 'string', pattern: '^[0-9]{12}$',
    patternHint: 'a 12-digit AWS account id', example: '123456789012', providers: ['bedrock'],
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'AWS account id to sign in to.',
  },
  {
    name: 'inferenceBedrockSsoRoleName', section: 'bedrock', type: 'string', providers: ['bedrock'],
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Permission set (role) that grants bedrock:InvokeModel*.',
  },
  {
    name: 'inferenceBedrockProfile', section: 'bedrock', type: 'string', providers: ['bedrock'],
    availability: 'mdm', since: '<=1.5354.0', secret: false,
    description: 'Named profile from the AWS config; ignored when a bearer token is set.',
  },
  {
    name: 'inferenceBedrockAwsDir', section: 'bedrock', type: 'string', format: 'absolute-path', providers: ['bedrock'],
    availability: 'mdm', since: '<=1.5354.0', secret: false,
    description: 'Folder holding the AWS config and credentials files (default ~/.aws when there is no bearer token).',
  },
  {
    name: 'inferenceBedrockAwsCliPath', section: 'bedrock', type: 'string', format: 'absolute-path', providers: ['bedrock'],
    availability: 'mdm', since: '1.13576', secret: false,
    description: 'Where the aws executable is; unset means a PATH lookup.',
  },
  // Google Vertex AI
  {
    name: 'inferenceVertexProjectId', section: 'vertex', type: 'string', ...GCP_PROJECT, providers: ['vertex'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Google Cloud project that hosts the Claude models.',
  },
  {
    name: 'inferenceVertexRegion', section: 'vertex', type: 'string', providers: ['vertex'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Vertex AI region of the Claude models, such as us-east5 or global.',
  },
  {
    name: 'inferenceVertexBaseUrl', section: 'vertex', type: 'string', format: 'https-url', providers: ['vertex'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Overrides the Vertex endpoint, for Private Service Connect.',
  },
  {
    name: 'inferenceVertexCredentialsFile', section: 'vertex', type: 'string', format: 'absolute-path', providers: ['vertex'],
    availability: 'mdm', since: '<=1.5354.0', secret: false,
    description: 'Absolute path of a service-account or application-default-credentials JSON file (no ~ expansion).',
  },
  {
    name: 'inferenceVertexOAuthClientId', section: 'vertex', type: 'string', providers: ['vertex'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Desktop OAuth client id (….apps.googleusercontent.com) that enables "Sign in with Google".',
  },
  {
    name: 'inferenceVertexOAuthClientSecret', section: 'vertex', type: 'string', providers: ['vertex'],
    availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'Secret of that OAuth client (GOCSPX-…).',
  },
  {
    name: 'inferenceVertexOAuthScopes', section: 'vertex', type: 'string', providers: ['vertex'],
    default: 'openid email https://www.googleapis.com/auth/cloud-platform',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Space-separated Google OAuth scopes to request instead of the default.',
  },
  {
    name: 'inferenceVertexOAuthLoginHint', section: 'vertex', type: 'string', providers: ['vertex'],
    availability: 'both', since: '1.12603', secret: false,
    description: 'Pre-fills the Google account chooser; {username} becomes the OS login name.',
  },
  {
    name: 'inferenceVertexWorkforceAudience', section: 'vertex', type: 'string', providers: ['vertex'],
    availability: 'both', since: '1.10628', secret: false,
    description: 'Workforce Identity pool provider audience; enables sign-in with your own identity provider.',
  },
  {
    name: 'inferenceVertexWorkforceUserProject', section: 'vertex', type: 'string', ...GCP_PROJECT, providers: ['vertex'],
    availability: 'both', since: '1.10628', secret: false,
    description: 'Billing and quota project for the token exchange (default: the Vertex project).',
  },
  {
    name: 'inferenceVertexWorkforceOidc', section: 'vertex', type: 'object', providers: ['vertex'],
    fields: {
      ...OIDC_FIELDS,
      omitOfflineAccess: { type: 'boolean', description: 'Do not request the offline_access scope.' },
    },
    availability: 'both', since: '1.10628', secret: false,
    description: 'Your OIDC identity provider for the Workforce Identity flow.',
  },
  {
    name: 'inferenceVertexWorkforceAuthFlow', section: 'vertex', type: 'string', enum: ['browser', 'broker'], providers: ['vertex'],
    availability: 'both', since: '1.25927.0', secret: false,
    description: 'How the workforce sign-in runs: in the browser or through the OS broker.',
  },
  // Microsoft Foundry
  {
    name: 'inferenceFoundryResource', section: 'foundry', type: 'string', providers: ['foundry'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Azure resource name the Foundry endpoint URL is built from.',
  },
  {
    name: 'inferenceFoundryApiKey', section: 'foundry', type: 'string', providers: ['foundry'],
    availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'Foundry API key.',
  },
  {
    name: 'inferenceFoundryTenantId', section: 'foundry', type: 'string', format: 'uuid', providers: ['foundry'],
    availability: 'mdm', since: '>1.5354.0', secret: false,
    description: 'Entra tenant id of the app registration used for interactive sign-in.',
  },
  {
    name: 'inferenceFoundryClientId', section: 'foundry', type: 'string', format: 'uuid', providers: ['foundry'],
    availability: 'mdm', since: '>1.5354.0', secret: false,
    description: 'Entra public client id used for interactive sign-in.',
  },
  {
    name: 'inferenceFoundryAuthFlow', section: 'foundry', type: 'string', enum: ['device-code', 'browser'], default: 'device-code',
    providers: ['foundry'], availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Entra sign-in flavour: device code, or browser with PKCE.',
  },
  // LLM gateway
  {
    name: 'inferenceGatewayBaseUrl', section: 'gateway', type: 'string', format: 'gateway-url', providers: ['gateway'],
    availability: 'both', since: '<=1.5354.0', secret: false,
    // The reference says https only; the app's own error text ("baseUrl: must use https (or http on
    // loopback)", quoted in gateway vendors' docs) allows a proxy on the device itself.
    description: 'Full https URL of a gateway that implements the Anthropic Messages API (http:// only to a loopback address, for a proxy on the device itself).',
  },
  {
    name: 'inferenceGatewayApiKey', section: 'gateway', type: 'string', minLength: 1, providers: ['gateway'],
    availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'Static gateway credential; it cannot be empty, so use a placeholder if the gateway needs none.',
  },
  {
    name: 'inferenceGatewayAuthScheme', section: 'gateway', type: 'string', enum: ['bearer', 'x-api-key'], default: 'bearer',
    providers: ['gateway'], availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'How the credential is sent: Authorization: Bearer, or an x-api-key header.',
    deprecatedValues: [
      { value: 'sso', replacement: 'inferenceCredentialKind "interactive" (and remove inferenceGatewayAuthScheme)', cutoff: CUTOFF, migrateTo: { inferenceGatewayAuthScheme: null, inferenceCredentialKind: 'interactive' } },
      { value: 'auto', replacement: 'inferenceGatewayAuthScheme "bearer", or leave it unset', cutoff: CUTOFF, migrateTo: { inferenceGatewayAuthScheme: 'bearer' } },
    ],
  },
  {
    name: 'inferenceGatewayOidc', section: 'gateway', type: 'object', providers: ['gateway'],
    fields: {
      ...OIDC_FIELDS,
      bearerTokenType: { type: 'string', enum: ['id_token', 'access_token'], default: 'id_token', description: 'Which token is sent as the bearer.' },
      appendOfflineAccess: { type: 'boolean', default: true, description: 'Add offline_access to the scopes.' },
      resource: { type: 'string', description: 'RFC 8707 resource indicator sent to the identity provider.' },
    },
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'External identity provider for gateway sign-in; unset means the gateway itself is the OAuth server.',
  },
  {
    name: 'inferenceGatewayOidcAuthFlow', section: 'gateway', type: 'string', enum: ['browser', 'broker'], providers: ['gateway'],
    availability: 'both', since: '1.25927.0', secret: false,
    description: 'How the gateway sign-in runs: in the browser or through the OS broker.',
  },
] as const satisfies readonly KeyDef[];

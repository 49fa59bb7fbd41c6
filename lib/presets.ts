/**
 * Starter profiles for `claude-gateway-profile init --gateway NAME`: the keys each gateway or
 * cloud provider needs, secrets as `{ "env": "NAME" }` references (never literal keys in a file
 * that ends up in version control), a Haiku-tier model so aliases and small tasks resolve, and
 * `CHANGE_ME` wherever the admin must put their own value: validation reports every one of those
 * as an error, so a half-edited starter cannot be built.
 *
 * Presets are typed as `GatewayProfile`, so a misspelled key or a wrong value type fails to compile.
 */
import { PLACEHOLDER_MARKER, type Settings } from './catalog';
import type { GatewayProfile } from './profile/types';
import { kindOf } from './arg-check';

/** The gateways and providers `init` has a starter profile for. */
export const PRESET_NAMES = Object.freeze(['truefoundry', 'litellm', 'portkey', 'cloudflare', 'kong', 'bedrock', 'vertex', 'foundry'] as const);

/** One preset name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** Where the installed package's profile schema is, relative to the folder that holds `node_modules`. */
export const PRESET_SCHEMA_PATH = 'node_modules/claude-gateway-profile/schemas/profile.schema.json';

/**
 * The `$schema` line of a starter profile: the schema shipped in the installed package, for a
 * profile saved beside `node_modules` (editors resolve `$schema` from the profile's own folder;
 * `init --out` adjusts it for files saved elsewhere).
 */
export const PRESET_SCHEMA_REF = `./${PRESET_SCHEMA_PATH}`;

/** Whether `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

const X = PLACEHOLDER_MARKER;

/** Settings every starter shares: only the third-party option in the sign-in chooser. */
const COMMON = { disableDeploymentModeChooser: true } as const satisfies Settings;

/** Builds each preset; functions so every call returns a fresh object the caller may change. */
const PRESETS: { readonly [P in PresetName]: () => GatewayProfile } = {
  truefoundry: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'truefoundry',
    displayName: 'Claude Desktop (TrueFoundry AI gateway)',
    description: 'Routes Claude Desktop through the TrueFoundry AI gateway.',
    identifier: `com.${X}.claude.truefoundry`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'gateway',
      inferenceGatewayBaseUrl: `https://${X}.truefoundry.cloud/api/llm`,
      inferenceGatewayApiKey: { env: 'TFY_API_KEY' },
      inferenceGatewayAuthScheme: 'bearer',
      inferenceModels: [
        // TrueFoundry model ids are "<provider account>/<model>".
        { name: `${X}/claude-sonnet-4-5`, labelOverride: 'Claude Sonnet 4.5', anthropicFamilyTier: 'sonnet' },
        { name: `${X}/claude-haiku-4-5`, labelOverride: 'Claude Haiku 4.5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  litellm: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'litellm',
    displayName: 'Claude Desktop (LiteLLM proxy)',
    description: 'Routes Claude Desktop through the LiteLLM proxy.',
    identifier: `com.${X}.claude.litellm`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'gateway',
      inferenceGatewayBaseUrl: `https://litellm.${X}.example`,
      inferenceGatewayApiKey: { env: 'LITELLM_API_KEY' },
      inferenceGatewayAuthScheme: 'bearer',
      inferenceModels: [
        // The model_name entries of the proxy's config.yaml.
        { name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  portkey: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'portkey',
    displayName: 'Claude Desktop (Portkey AI gateway)',
    description: 'Routes Claude Desktop through the Portkey AI gateway.',
    identifier: `com.${X}.claude.portkey`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'gateway',
      inferenceGatewayBaseUrl: 'https://api.portkey.ai',
      inferenceGatewayApiKey: { env: 'PORTKEY_API_KEY' },
      inferenceGatewayAuthScheme: 'x-api-key',
      // Portkey authenticates with its own header and routes by the provider slug (@slug).
      inferenceCustomHeaders: {
        'x-portkey-api-key': { env: 'PORTKEY_API_KEY' },
        'x-portkey-provider': `@${X}`,
      },
      inferenceModels: [
        { name: 'claude-sonnet-4-5-20250929', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5-20251001', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  cloudflare: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'cloudflare',
    displayName: 'Claude Desktop (Cloudflare AI Gateway)',
    description: 'Routes Claude Desktop through Cloudflare AI Gateway to the Anthropic API.',
    identifier: `com.${X}.claude.cloudflare`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'gateway',
      // https://gateway.ai.cloudflare.com/v1/<account id>/<gateway id>/anthropic
      inferenceGatewayBaseUrl: `https://gateway.ai.cloudflare.com/v1/${X}/${X}/anthropic`,
      // The Anthropic API key, passed through as x-api-key (a placeholder if the gateway stores it).
      inferenceGatewayApiKey: { env: 'ANTHROPIC_API_KEY' },
      inferenceGatewayAuthScheme: 'x-api-key',
      // Authenticated gateway: the variable holds the whole header value, "Bearer <gateway token>".
      inferenceCustomHeaders: { 'cf-aig-authorization': { env: 'CF_AIG_AUTHORIZATION' } },
      inferenceModels: [
        { name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  kong: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'kong',
    displayName: 'Claude Desktop (Kong AI Gateway)',
    description: 'Routes Claude Desktop through a Kong AI Gateway route.',
    identifier: `com.${X}.claude.kong`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'gateway',
      // The Kong route (ai-proxy plugin, Anthropic format) in front of the Anthropic API.
      inferenceGatewayBaseUrl: `https://kong.${X}.example/anthropic`,
      // Sent as Authorization: Bearer (for Kong's JWT or OpenID Connect plugins) ...
      inferenceGatewayApiKey: { env: 'KONG_API_KEY' },
      inferenceGatewayAuthScheme: 'bearer',
      // ... and as "apikey", the header Kong's key-auth plugin reads by default. Keep the one your route uses.
      inferenceCustomHeaders: { apikey: { env: 'KONG_API_KEY' } },
      inferenceModels: [
        { name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  bedrock: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'bedrock',
    displayName: 'Claude Desktop (Amazon Bedrock)',
    description: 'Claude Desktop on Amazon Bedrock with AWS IAM Identity Center sign-in.',
    identifier: `com.${X}.claude.bedrock`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'bedrock',
      inferenceBedrockRegion: 'us-east-1',
      inferenceBedrockSsoStartUrl: `https://${X}.awsapps.com/start`,
      inferenceBedrockSsoRegion: 'us-east-1',
      inferenceBedrockSsoAccountId: X,
      inferenceBedrockSsoRoleName: X,
      inferenceModels: [
        { name: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', labelOverride: 'Claude Sonnet 4.5', anthropicFamilyTier: 'sonnet' },
        { name: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', labelOverride: 'Claude Haiku 4.5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  vertex: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'vertex',
    displayName: 'Claude Desktop (Google Vertex AI)',
    description: 'Claude Desktop on Google Vertex AI with "Sign in with Google".',
    identifier: `com.${X}.claude.vertex`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'vertex',
      inferenceVertexProjectId: X,
      inferenceVertexRegion: 'us-east5',
      inferenceVertexOAuthClientId: `${X}.apps.googleusercontent.com`,
      inferenceVertexOAuthClientSecret: { env: 'VERTEX_OAUTH_CLIENT_SECRET' },
      inferenceModels: [
        { name: 'claude-sonnet-4-5@20250929', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5@20251001', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
  foundry: () => ({
    $schema: PRESET_SCHEMA_REF,
    name: 'foundry',
    displayName: 'Claude Desktop (Microsoft Foundry)',
    description: 'Claude Desktop on Microsoft Foundry with Microsoft Entra ID sign-in.',
    identifier: `com.${X}.claude.foundry`,
    scope: 'machine',
    settings: {
      inferenceProvider: 'foundry',
      inferenceFoundryResource: X,
      inferenceFoundryTenantId: X,
      inferenceFoundryClientId: X,
      inferenceFoundryAuthFlow: 'browser',
      inferenceModels: [
        // Foundry deployment names.
        { name: 'claude-sonnet-4-5', anthropicFamilyTier: 'sonnet' },
        { name: 'claude-haiku-4-5', anthropicFamilyTier: 'haiku' },
      ],
      ...COMMON,
    },
  }),
};

/**
 * A starter profile for a gateway or provider: a fresh object each call. It does not validate
 * until every `CHANGE_ME` is replaced. A name not in {@link PRESET_NAMES} throws a `TypeError`
 * listing them.
 */
export function presetProfile(gateway: PresetName): GatewayProfile {
  if (typeof gateway !== 'string' || !isPresetName(gateway)) {
    throw new TypeError(`presetProfile: unknown preset ${typeof gateway === 'string' ? `"${gateway}"` : `(${kindOf(gateway)})`}; choose one of ${PRESET_NAMES.join(', ')}`);
  }
  return PRESETS[gateway]();
}

/**
 * The starter profile as file text: 2-space JSON with a trailing LF, its `$schema` set to
 * `schemaRef` ({@link PRESET_SCHEMA_REF} by default).
 */
export function presetJson(gateway: PresetName, schemaRef: string = PRESET_SCHEMA_REF): string {
  // The spread keeps `$schema` where the preset has it: first.
  return `${JSON.stringify({ ...presetProfile(gateway), $schema: schemaRef }, null, 2)}\n`;
}

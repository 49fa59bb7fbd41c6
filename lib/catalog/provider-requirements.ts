import type { Provider } from './types';
import type { KeyName } from './keys';

/** A condition on the settings: a key is set, optionally to one value. */
export interface KeyCondition {
  /** The key that must be set. */
  readonly key: KeyName;
  /** The value it must have (compared with the native setting); absent: any value. */
  readonly value?: string;
}

/** What one provider needs before the app switches into third-party mode. */
export interface ProviderRequirement {
  /** Keys that must be set. */
  readonly required: readonly KeyName[];
  /** At least one of these groups must be fully present (a credential); empty = no credential needed. */
  readonly credentials: readonly (readonly KeyCondition[])[];
  /** Severity when no credential group is present. */
  readonly missingCredential: 'error' | 'warning';
  /** Why, for the hint. */
  readonly credentialHint: string;
  /** Groups of keys that only work together. */
  readonly together: readonly (readonly KeyName[])[];
}

/** Requirements per provider, from the reference's section 4. */
export const PROVIDER_REQUIREMENTS: { readonly [P in Provider]: ProviderRequirement } = {
  gateway: {
    required: ['inferenceGatewayBaseUrl'],
    credentials: [
      [{ key: 'inferenceGatewayApiKey' }],
      [{ key: 'inferenceCredentialHelper' }],
      [{ key: 'inferenceGatewayOidc' }],
      [{ key: 'inferenceCredentialKind', value: 'interactive' }],
    ],
    missingCredential: 'error',
    credentialHint: 'set inferenceGatewayApiKey (a placeholder if the gateway needs no key), inferenceCredentialHelper, inferenceGatewayOidc, or inferenceCredentialKind "interactive"',
    together: [],
  },
  anthropic: {
    required: [],
    credentials: [],
    missingCredential: 'warning',
    credentialHint: 'without inferenceAnthropicApiKey users sign in with the browser',
    together: [],
  },
  bedrock: {
    required: ['inferenceBedrockRegion'],
    credentials: [
      [{ key: 'inferenceBedrockSsoStartUrl' }, { key: 'inferenceBedrockSsoRegion' }, { key: 'inferenceBedrockSsoAccountId' }, { key: 'inferenceBedrockSsoRoleName' }],
      [{ key: 'inferenceBedrockBearerToken' }],
      [{ key: 'inferenceBedrockProfile' }],
      [{ key: 'inferenceBedrockAwsDir' }],
      [{ key: 'inferenceCredentialHelper' }],
    ],
    missingCredential: 'warning',
    credentialHint: 'without a credential key the app looks for AWS credentials in ~/.aws; set the SSO keys, inferenceBedrockBearerToken, inferenceBedrockProfile or inferenceCredentialHelper to be explicit',
    together: [['inferenceBedrockSsoStartUrl', 'inferenceBedrockSsoRegion', 'inferenceBedrockSsoAccountId', 'inferenceBedrockSsoRoleName']],
  },
  vertex: {
    required: ['inferenceVertexProjectId', 'inferenceVertexRegion', 'inferenceModels'],
    credentials: [
      [{ key: 'inferenceVertexCredentialsFile' }],
      [{ key: 'inferenceVertexOAuthClientId' }],
      [{ key: 'inferenceVertexWorkforceAudience' }],
      [{ key: 'inferenceCredentialHelper' }],
    ],
    missingCredential: 'warning',
    credentialHint: 'without a credential key the app uses Google application default credentials',
    together: [['inferenceVertexOAuthClientId', 'inferenceVertexOAuthClientSecret'], ['inferenceVertexWorkforceAudience', 'inferenceVertexWorkforceOidc']],
  },
  foundry: {
    required: ['inferenceFoundryResource', 'inferenceModels'],
    credentials: [
      [{ key: 'inferenceFoundryApiKey' }],
      [{ key: 'inferenceFoundryTenantId' }, { key: 'inferenceFoundryClientId' }],
      [{ key: 'inferenceCredentialHelper' }],
    ],
    missingCredential: 'error',
    credentialHint: 'set inferenceFoundryApiKey, the Entra pair inferenceFoundryTenantId + inferenceFoundryClientId, or inferenceCredentialHelper',
    together: [['inferenceFoundryTenantId', 'inferenceFoundryClientId']],
  },
  mantle: {
    required: ['inferenceModels'],
    credentials: [],
    missingCredential: 'warning',
    credentialHint: '',
    together: [],
  },
};

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
  /**
   * Keys required unless another key is set: Bedrock lists its models unless a bearer token lets
   * the app discover them (reference section 1.7 and section 4).
   */
  readonly requiredUnless?: readonly {
    /** The key that must be set. */
    readonly key: KeyName;
    /** The key whose presence makes it unnecessary. */
    readonly unless: KeyName;
    /** Why, for the message. */
    readonly why: string;
  }[];
  /**
   * What each `inferenceCredentialKind` value means for this provider (reference section 1.1:
   * "Forces one credential source; no fallback to others when set"): `needs`, the keys that
   * source reads (at least one must be set; a partial group is what `together` reports), and
   * `uses`, keys that configure it without being required.
   * The credential keys of the other kinds are then not used. A kind not listed is not judged:
   * the reference does not say which keys it reads for this provider.
   */
  readonly kinds: { readonly [kind: string]: CredentialKindKeys };
}

/** The keys one credential kind reads for one provider. */
export interface CredentialKindKeys {
  /** The keys the source reads; at least one must be set. */
  readonly needs: readonly KeyName[];
  /** Keys that configure the source without being required. */
  readonly uses?: readonly KeyName[];
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
    kinds: {
      static: { needs: ['inferenceGatewayApiKey'] },
      'helper-script': { needs: ['inferenceCredentialHelper'] },
      // Sign-in against inferenceGatewayOidc, or the gateway itself as the OAuth server when unset (section 1.6).
      interactive: { needs: [], uses: ['inferenceGatewayOidc'] },
    },
  },
  anthropic: {
    required: [],
    credentials: [],
    missingCredential: 'warning',
    credentialHint: 'without inferenceAnthropicApiKey users sign in with the browser',
    together: [],
    kinds: {
      static: { needs: ['inferenceAnthropicApiKey'] },
      'helper-script': { needs: ['inferenceCredentialHelper'] },
      interactive: { needs: [] },
    },
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
    requiredUnless: [{ key: 'inferenceModels', unless: 'inferenceBedrockBearerToken', why: 'Bedrock discovers models only with a bearer token' }],
    kinds: {
      static: { needs: ['inferenceBedrockBearerToken'] },
      'helper-script': { needs: ['inferenceCredentialHelper'] },
      // In-app AWS SSO sign-in (section 1.3).
      interactive: { needs: ['inferenceBedrockSsoStartUrl', 'inferenceBedrockSsoRegion', 'inferenceBedrockSsoAccountId', 'inferenceBedrockSsoRoleName'] },
      // The AWS config: a named profile, in ~/.aws unless inferenceBedrockAwsDir says otherwise.
      'vendor-profile': { needs: [], uses: ['inferenceBedrockProfile', 'inferenceBedrockAwsDir'] },
    },
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
    kinds: {
      'helper-script': { needs: ['inferenceCredentialHelper'] },
      // "Sign in with Google" with the desktop OAuth client (section 1.4).
      interactive: { needs: ['inferenceVertexOAuthClientId', 'inferenceVertexOAuthClientSecret'] },
      // Workforce Identity Federation: the org IdP and the pool provider audience (section 1.4).
      workforce: { needs: ['inferenceVertexWorkforceAudience', 'inferenceVertexWorkforceOidc'] },
      // Application default credentials, or the file inferenceVertexCredentialsFile names.
      'vendor-profile': { needs: [], uses: ['inferenceVertexCredentialsFile'] },
    },
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
    kinds: {
      static: { needs: ['inferenceFoundryApiKey'] },
      'helper-script': { needs: ['inferenceCredentialHelper'] },
      // Entra sign-in with the app registration (section 1.5).
      interactive: { needs: ['inferenceFoundryTenantId', 'inferenceFoundryClientId'] },
    },
  },
  mantle: {
    required: ['inferenceModels'],
    credentials: [],
    missingCredential: 'warning',
    credentialHint: '',
    together: [],
    kinds: {
      'helper-script': { needs: ['inferenceCredentialHelper'] },
    },
  },
};

/** CMS signing and verification of configuration profiles. */
export { signMobileconfig, createProfileSigner, looksSigned, SigningError, OID, type SigningOptions, type SignResult, type ProfileSigner } from './cms';
export { parseSignedProfile, verifySignedProfile, CmsFormatError, type ParsedSignedProfile, type ParsedSigner, type VerifyOptions, type CmsVerification } from './verify';

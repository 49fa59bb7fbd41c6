/**
 * The output formats `build` knows, each mapped to the writers that produce it. Adding a format
 * means adding one entry here; buildArtifacts and the CLI pick it up.
 */
import type { Artifact } from '../artifact';
import type { ResolvedProfile } from '../profile/types';
import type { Finding } from '../validate/findings';
import { intuneMacosArtifacts, jamfArtifacts, mobileconfigArtifacts, profileManifestArtifact } from '../writers/macos';
import type { PayloadForm } from '../writers/mobileconfig';
import { windowsArtifacts } from '../writers/windows';
import { jsonArtifacts } from '../writers/json-outputs';

/** Signing material for the signed .mobileconfig. */
export interface SigningMaterial {
  /** The signing certificate, PEM (`-----BEGIN CERTIFICATE-----`); embedded in the signature. */
  certificatePem: string;
  /** Its private key, PEM (PKCS#8 or PKCS#1, encrypted when `passphrase` is given). A secret: never logged. */
  privateKeyPem: string;
  /** Intermediate certificates to embed beside it, PEM, one after another. */
  chainPem?: string;
  /** The passphrase of an encrypted `privateKeyPem`. A secret: never logged. */
  passphrase?: string;
  /** The moment certificate validity warnings are judged at (default: now); does not change the signed bytes. */
  now?: Date;
}

/** What a format producer gets. */
export interface FormatContext {
  readonly profile: ResolvedProfile;
  readonly payloadForm: PayloadForm;
  readonly signing?: SigningMaterial;
  /**
   * Results one producer leaves for a later one in the same build: the unsigned `.mobileconfig`
   * the Intune macOS Graph body carries, so it is built (and self-checked) once, not twice.
   */
  readonly shared?: { mobileconfig?: Buffer };
}

/** What a format producer returns. */
export interface FormatOutput {
  readonly artifacts: Artifact[];
  readonly warnings: Finding[];
}

type Producer = (ctx: FormatContext) => FormatOutput;

const only = (artifacts: Artifact[]): FormatOutput => ({ artifacts, warnings: [] });

/** Every output format, in the order its files are listed. */
export const FORMAT_PRODUCERS = {
  mobileconfig: (ctx: FormatContext): FormatOutput => {
    const out = mobileconfigArtifacts(ctx.profile, { payloadForm: ctx.payloadForm, ...(ctx.signing ? { signing: ctx.signing } : {}) });
    if (ctx.shared) ctx.shared.mobileconfig = out.artifacts[0]?.bytes;
    return { artifacts: [...out.artifacts, profileManifestArtifact()], warnings: out.warnings };
  },
  reg: (ctx: FormatContext): FormatOutput => only(windowsArtifacts(ctx.profile, { include: { reg: true, admx: false, intune: false } })),
  admx: (ctx: FormatContext): FormatOutput => only(windowsArtifacts(ctx.profile, { include: { reg: false, admx: true, intune: false } })),
  json: (ctx: FormatContext): FormatOutput => only(jsonArtifacts(ctx.profile)),
  jamf: (ctx: FormatContext): FormatOutput => only(jamfArtifacts(ctx.profile)),
  intune: (ctx: FormatContext): FormatOutput =>
    only([...intuneMacosArtifacts(ctx.profile, { payloadForm: ctx.payloadForm }, ctx.shared?.mobileconfig), ...windowsArtifacts(ctx.profile, { include: { reg: false, admx: false, intune: true } })]),
} satisfies Record<string, Producer>;

/** The name of an output format. */
export type OutputFormat = keyof typeof FORMAT_PRODUCERS;

/** All format names, in order. Frozen: a caller cannot change what a default build produces. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = Object.freeze(Object.keys(FORMAT_PRODUCERS) as OutputFormat[]);

/** Whether `name` is an output format. */
export function isOutputFormat(name: string): name is OutputFormat {
  return Object.prototype.hasOwnProperty.call(FORMAT_PRODUCERS, name);
}

/**
 * `buildArtifacts`: one profile in, every artifact out. Pure: no file system, no network, no
 * clock unless given; the CLI writes the files. Throws one {@link ProfileValidationError}
 * carrying every finding when the profile cannot be built.
 */
import type { Artifact } from '../artifact';
import { findKey } from '../catalog';
import type { EnvMap } from '../profile/resolve';
import type { ProfileScope, SecretSource } from '../profile/types';
import { finding, ProfileValidationError, type Finding } from '../validate/findings';
import { prepareProfile } from '../validate';
import { FORMAT_PRODUCERS, OUTPUT_FORMATS, isOutputFormat, type OutputFormat, type SigningMaterial } from './formats';
import { manifestArtifact, profileDigestText, sha256, withChecksum, type BuiltFile } from './manifest';
import type { PayloadForm } from '../writers/mobileconfig';
import { egressHosts, type EgressHost } from '../egress';
import { deployMarkdown, egressText } from '../writers/deploy-md';
import { withBuildMemo } from '../encode/memo';
import { dateOption, kindOf, objectArg } from '../arg-check';
import { checkSigningMaterial } from '../signing-material';

export { OUTPUT_FORMATS, isOutputFormat, type OutputFormat, type SigningMaterial } from './formats';
export type { BuiltFile, Manifest } from './manifest';
export type { EgressHost } from '../egress';

/** Options of {@link buildArtifacts}. */
export interface BuildOptions {
  /** Formats to produce (default: all). */
  formats?: readonly OutputFormat[];
  /** `.mobileconfig` payload form: the direct domain payload (default) or the MCX wrapper. */
  payloadForm?: PayloadForm;
  /**
   * Signing material: adds a CMS-signed `.mobileconfig`. Material of the wrong shape (a field
   * missing or not a string) throws {@link SigningError} (code `bad-option`) before anything is
   * built. Material that has the right shape but cannot sign (an unreadable certificate or key, a
   * key that does not belong to the certificate, a wrong passphrase…) is reported like every other
   * writer problem: a {@link ProfileValidationError} whose findings have codes `signing-<code>` and
   * path `signing`, so a bulk build reports it beside the profile's own problems.
   */
  signing?: SigningMaterial;
  /** Environment variables for `{ "env": "NAME" }` secrets. The library never reads process.env. */
  env?: EnvMap;
  /** The moment deprecation cut-offs are compared with (default: now). */
  now?: Date;
  /**
   * A tool version to record in manifest.json (`tool.version`), e.g. your release pipeline's pinned
   * version of this package. Left out by default: the same files give the same manifest.json
   * whichever release of the tool wrote them (formats.md §0: no tool versions unless passed in).
   */
  toolVersion?: string;
}

/** Everything one profile builds into. */
export interface BuildResult {
  /** The profile's `name`: its output folder (under --out) and file-name stem. */
  readonly name: string;
  /** The profile's reverse-DNS `identifier` (PayloadIdentifier). */
  readonly identifier: string;
  /** Where the settings install: `machine` (HKLM, System) or `user` (HKCU, User); `machine` when the profile leaves it out. */
  readonly scope: ProfileScope;
  /** Every file, paths relative to the profile's output folder, in a fixed order. */
  readonly files: BuiltFile[];
  /** Hosts to allow on the firewall or proxy (also in `egress.txt` and `DEPLOY.md`). */
  readonly egress: EgressHost[];
  /** Validation and writer warnings (never containing secret values). */
  readonly warnings: Finding[];
}

/**
 * Builds every requested artifact for one profile (parsed JSON or a TypeScript object).
 * Throws `TypeError` (or {@link SigningError} for `options.signing`) for options of the wrong
 * shape, and {@link ProfileValidationError} with every finding for a profile that is not valid or
 * that a requested format cannot carry (signing problems included, see {@link BuildOptions.signing}).
 */
export function buildArtifacts(input: unknown, options: BuildOptions = {}): BuildResult {
  checkBuildOptions(options);
  return withBuildMemo(() => build(input, options));
}

/**
 * Checks the options before anything is built: a wrong option is a programming error (a
 * `TypeError` naming it), not a profile finding. An unknown format name would otherwise produce
 * nothing for it without a word.
 */
function checkBuildOptions(options: unknown): asserts options is BuildOptions {
  objectArg(options, 'buildArtifacts: options', true);
  const o = options as Record<string, unknown>;
  const formats = o['formats'];
  if (formats !== undefined) {
    const valid = `choose one or more of ${OUTPUT_FORMATS.join(', ')}, or leave formats out for all`;
    if (!Array.isArray(formats)) throw new TypeError(`buildArtifacts: options.formats must be an array of format names, not ${kindOf(formats)}; ${valid}`);
    if (formats.length === 0) throw new TypeError(`buildArtifacts: options.formats is empty; ${valid}`);
    const bad = formats.filter((f) => typeof f !== 'string' || !isOutputFormat(f));
    if (bad.length > 0) throw new TypeError(`buildArtifacts: options.formats: unknown format ${bad.map((f) => (typeof f === 'string' ? `"${f}"` : kindOf(f))).join(', ')}; ${valid}`);
  }
  dateOption(o['now'], 'buildArtifacts: options.now');
  const tv = o['toolVersion'];
  if (tv !== undefined && (typeof tv !== 'string' || tv === '')) throw new TypeError(`buildArtifacts: options.toolVersion must be a non-empty string (e.g. "1.2.3") or left out, not ${tv === '' ? 'an empty string' : kindOf(tv)}`);
  objectArg(o['env'], 'buildArtifacts: options.env', true);
  if (o['signing'] !== undefined) checkSigningMaterial(o['signing'], 'buildArtifacts: options.signing');
}

function build(input: unknown, options: BuildOptions): BuildResult {
  const prepared = prepareProfile(input, { ...(options.env ? { env: options.env } : {}), ...(options.now ? { now: options.now } : {}) });
  const profile = prepared.profile;
  const warnings: Finding[] = [...prepared.warnings];
  const formats = options.formats ? OUTPUT_FORMATS.filter((f) => options.formats?.includes(f)) : OUTPUT_FORMATS;
  const artifacts: Artifact[] = [];
  const errors: Finding[] = [];
  const shared: { mobileconfig?: Buffer } = {};
  for (const format of formats) {
    try {
      const out = FORMAT_PRODUCERS[format]({ profile, payloadForm: options.payloadForm ?? 'direct', ...(options.signing ? { signing: options.signing } : {}), shared });
      artifacts.push(...out.artifacts);
      warnings.push(...out.warnings);
    } catch (e) {
      errors.push(writerFinding(format, e, profile.secrets));
    }
  }
  if (errors.length) throw new ProfileValidationError([...errors, ...warnings]);
  const egress = egressHosts(profile);
  // A file that carries setting values holds the secrets in clear text when the profile has any.
  const hasSecrets = profile.secrets.length > 0;
  const files = [...artifacts, egressText(egress)].map((a) => withChecksum(a, hasSecrets));
  // DEPLOY.md lists every other file's checksum (and which hold secrets); the manifest then lists DEPLOY.md too.
  files.push(withChecksum(deployMarkdown(profile, { files, egress, warnings }), hasSecrets));
  const manifest = manifestArtifact({
    tool: options.toolVersion === undefined ? { name: TOOL_NAME } : { name: TOOL_NAME, version: options.toolVersion },
    profile: { name: profile.name, identifier: profile.identifier, scope: profile.scope, sha256: sha256(profileDigestText(prepared.validated)) },
    formats: [...formats],
    files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mediaType: f.mediaType, containsSecrets: f.containsSecrets })),
  });
  files.push(withChecksum(manifest, hasSecrets));
  return { name: profile.name, identifier: profile.identifier, scope: profile.scope, files, egress, warnings };
}

/** `tool.name` in manifest.json (`build` recognises its own output folders by it). */
const TOOL_NAME = 'claude-gateway-profile';

/** Top-level profile fields a writer may name in an error (their place is not under settings). */
const PROFILE_FIELDS: ReadonlySet<string> = new Set(['name', 'displayName', 'organization', 'description', 'identifier', 'scope', 'appVersion']);

/**
 * Turns a writer's failure into a finding. Writers name the key in their errors (e.g. a control
 * character a .reg cannot hold); the message never carries the value.
 */
function writerFinding(format: string, e: unknown, secrets: readonly SecretSource[]): Finding {
  const err = e as { message?: string; key?: string; where?: string; code?: string; name?: string };
  // Signing problems are about the certificate and key, not a setting: their message holds the fix.
  if (err.name === 'SigningError') return finding(`signing-${err.code ?? 'failed'}`, 'error', 'signing', err.message ?? 'signing failed');
  const where = err.key ?? err.where;
  // Writers name either a setting or a top-level field of the profile (displayName, description…).
  const field = where !== undefined && PROFILE_FIELDS.has(where);
  const key = where !== undefined && !field && findKey(where) ? where : undefined;
  const path = field ? (where as string) : key ? `settings.${key}` : '(build)';
  // A value taken from the environment is fixed where the variable is set, not in the profile.
  const envNames = key === undefined ? [] : [...new Set(secrets.filter((s) => s.key === key && s.from === 'env').map((s) => s.envName as string))];
  const hint =
    envNames.length > 0
      ? `the value comes from environment variable ${envNames.join(', ')}: fix it where the secret is set, or leave this format out (BuildOptions.formats, --formats)`
      : 'change the value so this format can carry it, or leave this format out (BuildOptions.formats, --formats)';
  return finding('cannot-write', 'error', path, `${format}: ${err.message ?? String(e)}`, hint, key);
}


/** One file a writer produces. Writers are pure: they return these, the CLI writes them. */
export interface Artifact {
  /** Path relative to the profile's output folder, with `/` separators (e.g. `windows/Claude.admx`). */
  readonly path: string;
  /** The exact bytes to write. */
  readonly bytes: Buffer;
  /** IANA media type (e.g. `application/x-apple-aspen-config`). */
  readonly mediaType: string;
  /**
   * Lower-case hex SHA-256 of `bytes`, when the writer already has it (it hashed a constant
   * prefix once per process); `buildArtifacts` computes it otherwise.
   */
  readonly sha256?: string;
}

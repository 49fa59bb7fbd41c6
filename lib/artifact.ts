/** One file a writer produces. Writers are pure: they return these, the CLI writes them. */
export interface Artifact {
  /** Path relative to the profile's output folder, with `/` separators (e.g. `windows/Claude.admx`). */
  readonly path: string;
  /** The exact bytes to write. */
  readonly bytes: Buffer;
  /** IANA media type (e.g. `application/x-apple-aspen-config`). */
  readonly mediaType: string;
  /**
   * Whether the file carries the profile's setting values (a `.mobileconfig`, the `.reg`, Jamf and
   * Intune settings files, the JSON settings), and so its secret values in clear text when the
   * profile has any. False for files made from the catalogue alone (ADMX/ADML, Jamf schema,
   * profile manifest), files that only name keys (the undo `.reg`) and the summaries (DEPLOY.md,
   * egress.txt, manifest.json). Required, so that every writer decides it for every file it adds:
   * `buildArtifacts` derives `BuiltFile.containsSecrets` from it.
   */
  readonly holdsSettingValues: boolean;
  /**
   * Lower-case hex SHA-256 of `bytes`, when the writer already has it (it hashed a constant
   * prefix once per process); `buildArtifacts` computes it otherwise.
   */
  readonly sha256?: string;
}

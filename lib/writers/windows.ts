/**
 * Every Windows artifact of a profile: the `.reg` file and its undo file, the ADMX/ADML bundle
 * laid out as a PolicyDefinitions folder (copy it to C:\Windows\PolicyDefinitions or the domain's
 * Central Store), and the Intune OMA-URI rows as Graph JSON and CSV.
 */
import type { Artifact } from '../artifact';
import type { ResolvedProfile } from '../profile/types';
import { ADML_PATH, ADMX_PATH, writeAdmxBundle } from './admx';
import { intuneWindowsFiles, type IntuneWindowsOptions } from './intune-windows';
import { writeRegFiles } from './reg';

/** Options of {@link windowsArtifacts}. */
export interface WindowsOptions extends IntuneWindowsOptions {
  /** Which groups to write; all by default. */
  readonly include?: {
    /** The `.reg` file and its undo file. */
    readonly reg?: boolean;
    /** The ADMX/ADML Group Policy templates. */
    readonly admx?: boolean;
    /** The Intune custom configuration (Graph JSON) and OMA-URI CSV. */
    readonly intune?: boolean;
  };
}

/** Media type used for `.reg` files. */
export const REG_MEDIA_TYPE = 'text/x-ms-regedit';

/**
 * The Windows artifacts of a profile, in a fixed order, with paths under `windows/` and
 * `intune/`. Pure and deterministic; throws with the key named when a value cannot be written.
 */
export function windowsArtifacts(profile: ResolvedProfile, options: WindowsOptions = {}): Artifact[] {
  const include = { reg: true, admx: true, intune: true, ...options.include };
  const out: Artifact[] = [];
  if (include.reg) {
    const reg = writeRegFiles(profile);
    out.push({ path: `windows/${profile.name}.reg`, bytes: reg.reg, mediaType: REG_MEDIA_TYPE, holdsSettingValues: true });
    out.push({ path: `windows/${profile.name}.undo.reg`, bytes: reg.undo, mediaType: REG_MEDIA_TYPE, holdsSettingValues: false });
  }
  if (include.admx) {
    const { admx, adml } = writeAdmxBundle();
    out.push({ path: `windows/PolicyDefinitions/${ADMX_PATH}`, bytes: admx, mediaType: 'application/xml', holdsSettingValues: false });
    out.push({ path: `windows/PolicyDefinitions/${ADML_PATH}`, bytes: adml, mediaType: 'application/xml', holdsSettingValues: false });
  }
  if (include.intune) {
    const files = intuneWindowsFiles(profile, options);
    out.push({ path: `intune/${profile.name}.windows-custom-configuration.json`, bytes: files.graphJson, mediaType: 'application/json', holdsSettingValues: true, sha256: files.graphJsonSha256 });
    out.push({ path: `intune/${profile.name}.windows-oma-uri.csv`, bytes: files.csv, mediaType: 'text/csv', holdsSettingValues: true, sha256: files.csvSha256 });
  }
  return out;
}

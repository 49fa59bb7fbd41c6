/**
 * `.reg` writer: one regedit 5.00 file that sets every MDM-deliverable key of a profile as a
 * REG_SZ value under `SOFTWARE\Policies\Claude` (HKLM for machine scope, HKCU for user scope),
 * and its undo file deleting exactly those values and the retired names of their keys.
 *
 * Bytes: UTF-16LE with BOM and CRLF (regedit refuses UTF-16LE without BOM; ASCII-only UTF-8 would
 * lose non-ASCII text). Values come from `encodeSettings` in catalogue order; the only escaping is
 * `regString`. The writer reads its own output back (strict reader, `reg-readback.ts`) and throws
 * if it differs.
 */
import { findKey, getKey, isMdmKey, WINDOWS_POLICY_KEY } from '../catalog';
import { encodeSettings, type EncodedSetting } from '../encode';
import { assertRegChars, regString } from '../escape/reg';
import type { ProfileScope, ResolvedProfile } from '../profile/types';
import { registerEscaper, renderTemplate } from '../render/template';
import { readStrictReg, type StrictRegFile } from './reg-readback';

registerEscaper('regString', (text) => regString(text));

/** The full regedit name of the hive each scope writes to (no HKLM/HKCU abbreviations in .reg). */
export const REG_HIVE: Readonly<Record<ProfileScope, 'HKEY_LOCAL_MACHINE' | 'HKEY_CURRENT_USER'>> = {
  machine: 'HKEY_LOCAL_MACHINE',
  user: 'HKEY_CURRENT_USER',
};

/** Thrown when a profile cannot become a `.reg` file (nothing to write) or the output fails its self-check. */
export class RegWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegWriteError';
  }
}

/** The key block a profile's `.reg` writes, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Claude`. */
export function regKeyPath(scope: ProfileScope): string {
  return `${REG_HIVE[scope]}\\${WINDOWS_POLICY_KEY}`;
}

/**
 * The registry values a profile sets: every MDM-deliverable key in Claude's string encoding, in
 * catalogue order. Throws {@link RegCharacterError} naming the key for values a `.reg` cannot hold.
 */
export function regValues(profile: ResolvedProfile): EncodedSetting[] {
  const values = encodeSettings(profile.settings, isMdmKey);
  if (values.length === 0) {
    throw new RegWriteError(`profile ${profile.name}: sets no key that MDM can deliver, so the .reg file would be empty (add settings, e.g. ${getKey('inferenceProvider').name})`);
  }
  for (const v of values) {
    assertRegChars(v.key, v.key);
    assertRegChars(v.value, v.key);
  }
  return values;
}

/** The `.reg` file setting the profile's values (UTF-16LE with BOM, CRLF). */
export function writeReg(profile: ResolvedProfile): Buffer {
  return renderSet(profile.scope, regValues(profile));
}

/** The `.reg` file and its undo file from one encoding of the values (what a build writes). */
export function writeRegFiles(profile: ResolvedProfile): { reg: Buffer; undo: Buffer } {
  const values = regValues(profile);
  return { reg: renderSet(profile.scope, values), undo: renderUndo(profile.scope, values) };
}

/**
 * The undo `.reg` file: deletes (`"name"=-`) the values {@link writeReg} sets and, after each, the
 * retired names of its key (`legacyNames`), nothing else. A build from before a rename wrote the
 * old name, and applying a newer `.reg` does not remove it, so without these lines the old value
 * would stay on the machine after an undo (deleting a value that is not there does nothing).
 */
export function writeRegUndo(profile: ResolvedProfile): Buffer {
  return renderUndo(profile.scope, regValues(profile));
}

/** Every value name the undo file deletes, in order: each set value, then its key's retired names. */
function undoValueNames(values: readonly EncodedSetting[]): string[] {
  return values.flatMap((v) => [v.key, ...(findKey(v.key)?.legacyNames ?? []).map((l) => l.name)]);
}

function renderSet(scope: ProfileScope, values: readonly EncodedSetting[]): Buffer {
  const bytes = render(scope, values.map((v) => ({ name: v.key, remove: false, data: v.value })));
  verify(bytes, scope, values.map((v) => ({ name: v.key, data: v.value })));
  return bytes;
}

function renderUndo(scope: ProfileScope, values: readonly EncodedSetting[]): Buffer {
  const names = undoValueNames(values);
  for (const n of names) assertRegChars(n, n);
  const bytes = render(scope, names.map((name) => ({ name, remove: true, data: '' })));
  verify(bytes, scope, names.map((name) => ({ name, data: undefined })));
  return bytes;
}

interface RegViewValue {
  name: string;
  remove: boolean;
  data: string;
}

function render(scope: ProfileScope, values: RegViewValue[]): Buffer {
  const text = renderTemplate('reg.hbs', 'reg', { keyPath: regKeyPath(scope), values });
  // Values cannot hold CR or LF (rejected above), so every LF here is a line end.
  const crlf = text.replace(/\r?\n/g, '\r\n');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
}

/**
 * Reads the output back (strictly: `reg-readback.ts`) and compares it with what was meant (`data`
 * undefined for a deletion); a mismatch is a bug in this writer. Names keys, never values (they may be secrets).
 */
function verify(bytes: Buffer, scope: ProfileScope, values: readonly { name: string; data: string | undefined }[]): void {
  let read: StrictRegFile;
  try {
    read = readStrictReg(bytes);
  } catch (e) {
    throw new RegWriteError(`.reg self-check failed (a bug in the writer): ${(e as Error).message}`);
  }
  const problems: string[] = [];
  if (read.keyPath !== regKeyPath(scope)) problems.push('key path differs');
  if (read.values.length !== values.length) problems.push(`${read.values.length} values read back, ${values.length} written`);
  values.forEach((v, i) => {
    const e = read.values[i];
    if (!e || e.name !== v.name || e.data !== v.data) problems.push(`${v.name} does not read back as written`);
  });
  if (problems.length > 0) throw new RegWriteError(`.reg self-check failed (a bug in the writer): ${problems.join('; ')}`);
}

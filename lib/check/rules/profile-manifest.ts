/**
 * ProfileManifests manifest (`com.anthropic.claudefordesktop.manifest.plist`, read by
 * ProfileCreator and iMazing): each Claude subkey must be `pfm_type` string so the editors write
 * `<string>` values; defaults and allowed values must be strings too. Names are judged like keys.
 */
import { defFor } from '../decode';
import { keyNameFindings } from '../key-names';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactRule } from '../types';
import { pushAll } from '../../push-all';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ProfileManifests subkeys of Claude keys that are not typed string. */
export const profileManifestRule: ArtifactRule = {
  id: 'profile-manifest',
  codes: ['manifest-not-string', 'manifest-no-subkeys'],
  appliesTo: (kind) => kind === 'profile-manifest',
  check: (ctx) => {
    const root = ctx.read.json;
    if (!isObject(root)) return [];
    const subkeys = root.pfm_subkeys;
    if (!Array.isArray(subkeys)) return [finding('manifest-no-subkeys', 'error', 'pfm_subkeys', 'the manifest has no pfm_subkeys list', 'list one subkey per Claude key')];
    const out: Finding[] = [];
    const names: { key: string; location: string }[] = [];
    subkeys.forEach((sub, i) => {
      if (!isObject(sub) || typeof sub.pfm_name !== 'string') return;
      const at = `pfm_subkeys[${i}]`;
      const name = sub.pfm_name;
      if (name.startsWith('Payload')) return;
      names.push({ key: name, location: at });
      const def = defFor(name);
      if (!def) return;
      const problems: string[] = [];
      if (sub.pfm_type !== 'string') problems.push(`pfm_type is ${JSON.stringify(sub.pfm_type)}`);
      if (sub.pfm_default !== undefined && typeof sub.pfm_default !== 'string') problems.push('pfm_default is not a string');
      if (Array.isArray(sub.pfm_range_list) && sub.pfm_range_list.some((v) => typeof v !== 'string')) problems.push('pfm_range_list holds non-strings');
      if (problems.length > 0) {
        out.push(finding('manifest-not-string', 'error', at, `${name}: ${problems.join(', ')}; profile editors would write a native plist type, which Claude Desktop does not read`, 'write pfm_type string, with string defaults and allowed values ("true"/"false", "3600")', def.name));
      }
    });
    pushAll(out, keyNameFindings(names, ctx.now));
    return out;
  },
};

/**
 * `.reg` value types Claude Desktop cannot use (reference §8): REG_MULTI_SZ, REG_QWORD,
 * REG_BINARY and the rest are invisible to it; REG_EXPAND_SZ is unreadable yet, under HKLM, counts
 * as "machine policy present" (so HKCU policy is then ignored); REG_DWORD is read only for booleans
 * and integers. The fix is the REG_SZ line to write, through the `.reg` escaper.
 */
import { encodeValue } from '../../encode';
import { regString } from '../../escape/reg';
import { finding, type Finding } from '../../validate/findings';
import { coerceToType, defFor, isSecretKey } from '../decode';
import type { ArtifactRule } from '../types';
import { clip } from '../../escape/clip';

/** Registry value types Claude Desktop cannot read, with the REG_SZ line to write. */
export const regValueTypeRule: ArtifactRule = {
  id: 'reg-value-type',
  codes: ['reg-expand-sz', 'reg-invisible-type', 'reg-dword-type'],
  appliesTo: (kind) => kind === 'reg',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const e of ctx.read.entries) {
      if (e.storedAs === 'REG_SZ') continue;
      const def = defFor(e.key);
      const name = def?.name;
      if (e.storedAs === 'REG_DWORD') {
        if (!def) continue;
        const numeric = def.type === 'boolean' || def.type === 'integer';
        const ok = numeric && coerceToType(def, e.raw, e.storedAs).ok;
        if (ok) continue;
        const message = numeric
          ? `${e.key} is REG_DWORD ${String(e.raw)}, which is not ${def.type === 'boolean' ? '0 or 1' : 'a valid value'}`
          : `${e.key} is REG_DWORD, which Claude Desktop reads only for booleans and integers; ${e.key} is ${def.type === 'string' ? 'text' : 'JSON text'}`;
        out.push(finding('reg-dword-type', 'error', e.location, message, fixFor(e.key, def, e.raw, e.storedAs), name));
        continue;
      }
      if (e.storedAs === 'REG_EXPAND_SZ') {
        // The side effect is about machine policy: only an HKLM value makes the app ignore HKCU.
        const machine = (e.scope ?? ctx.read.scope) !== 'user';
        const message = machine
          ? `${e.key} is REG_EXPAND_SZ: Claude Desktop cannot read it, yet it counts as machine policy present, so every HKCU policy is ignored too`
          : `${e.key} is REG_EXPAND_SZ: Claude Desktop cannot read it`;
        out.push(finding('reg-expand-sz', 'error', e.location, message, expandFix(e.key, def, e.raw) ?? fixFor(e.key, def, e.raw, e.storedAs), name));
        continue;
      }
      out.push(finding('reg-invisible-type', 'error', e.location, `${e.key} is ${e.storedAs}, which Claude Desktop does not see at all`, fixFor(e.key, def, e.raw, e.storedAs), name));
    }
    return out;
  },
};

/**
 * For a key that must hold an absolute path, a REG_EXPAND_SZ holding `%VAR%`: a REG_SZ keeps the
 * variable unexpanded (the app does not expand it), so the fix is the expanded path. Undefined when
 * the generic fix applies.
 */
function expandFix(key: string, def: ReturnType<typeof defFor>, raw: unknown): string | undefined {
  if (!def || def.format !== 'absolute-path' || typeof raw !== 'string' || isSecretKey(def)) return undefined;
  const vars = [...new Set(raw.match(/%[^%\s]+%/g) ?? [])];
  if (vars.length === 0) return undefined;
  return `write it as REG_SZ holding the absolute path with ${vars.join(', ')} expanded, e.g. "${regString(key, key)}"="C:\\\\…"; ${key} takes an absolute path, and Claude Desktop is not documented to expand environment variables in it`;
}

/** The REG_SZ line to write instead, when the value found says what it should be (never for a secret or an unknown key). */
function fixFor(key: string, def: ReturnType<typeof defFor>, raw: unknown, storedAs: string): string {
  const generic = `write it as REG_SZ: "${regString(key, key)}"="…" with Claude's string form of the value`;
  if (!def || isSecretKey(def)) return generic;
  let value: unknown = raw;
  // A REG_MULTI_SZ list for a list key: its lines are the items.
  if (storedAs === 'REG_MULTI_SZ' && def.type === 'stringList' && Array.isArray(raw)) value = raw;
  else if (storedAs === 'REG_EXPAND_SZ' && typeof raw === 'string') value = raw;
  else if (storedAs === 'REG_QWORD' && typeof raw === 'number') value = raw;
  else if (storedAs !== 'REG_DWORD') return generic;
  // A DWORD for a text key says nothing about the text meant.
  if (storedAs === 'REG_DWORD' && def.type !== 'boolean' && def.type !== 'integer') return def.enum ? `${generic}: one of ${def.enum.join(', ')}` : generic;
  const converted = coerceToType(def, value, 'value');
  if (!converted.ok) return generic;
  try {
    return `write it as REG_SZ: "${regString(key, key)}"="${clip(regString(encodeValue(def.type, converted.value, def.name), def.name))}"`;
  } catch {
    return generic;
  }
}

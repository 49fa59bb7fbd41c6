/**
 * ADMX and ADML are checked together by the Windows engineer's cross-file lint (`lintAdmx`):
 * string and presentation references only resolve across the pair. This rule finds the partner
 * of each file (among the files given, else on disk as `en-US/<name>.adml` beside the ADMX or
 * `../<name>.admx` above the ADML) and runs it once per pair.
 */
import { basename, dirname, join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { lintAdmx } from '../../lint/admx';
import { describeXmlError } from '../../read/xml-error';
import { finding, type Finding } from '../../validate/findings';
import type { ArtifactContext, CrossFileRule, SiblingReader } from '../types';
import { pushAll } from '../../push-all';

const stem = (name: string): string => basename(name).replace(/\.(admx|adml)$/i, '').toLowerCase();

interface Side {
  readonly name: string;
  readonly bytes: Buffer;
  /** The input this side is, when it was given (else a file found on disk). */
  readonly input?: string;
}

/** Lints each ADMX with its ADML (given or found on disk) through `lintAdmx`. */
export const admxPairRule: CrossFileRule = {
  id: 'admx-pair',
  codes: ['admx-pair-missing', 'admx-not-well-formed', 'xml-entity'],
  check: (files, readSibling) => {
    const out: Finding[] = [];
    for (const f of files.filter((x) => x.kind === 'admx' || x.kind === 'adml')) {
      // Group Policy files have no DTD; an entity declaration only serves expansion attacks.
      if (/<!ENTITY/i.test(f.input.bytes.toString(f.input.bytes[0] === 0xff ? 'utf16le' : 'utf8'))) {
        out.push({ ...finding('xml-entity', 'error', '(file)', 'the file declares XML entities (<!ENTITY …>); ADMX and ADML files have no DTD', 'remove the DOCTYPE and entity declarations'), file: f.input.name });
      }
    }
    const admx = files.filter((f) => f.kind === 'admx');
    const adml = files.filter((f) => f.kind === 'adml');
    const pairedAdml = new Set<ArtifactContext>();
    for (const x of admx) {
      const given = adml.find((l) => stem(l.input.name) === stem(x.input.name) && !pairedAdml.has(l));
      let partner: Side | undefined;
      if (given) {
        pairedAdml.add(given);
        partner = { name: given.input.name, bytes: given.input.bytes, input: given.input.name };
      } else partner = onDisk(x, readSibling, ['en-US', '.'], '.adml');
      if (!partner) {
        out.push({ ...finding('admx-pair-missing', 'warning', '(file)', 'no ADML found for this ADMX, so string and presentation references were not checked', 'give the ADML too (e.g. en-US/Claude.adml), or keep it in en-US/ beside the ADMX'), file: x.input.name });
        pushAll(out, alone(x));
        continue;
      }
      pushAll(out, lint({ name: x.input.name, bytes: x.input.bytes, input: x.input.name }, partner, x.now));
    }
    for (const l of adml) {
      if (pairedAdml.has(l)) continue;
      const partner = onDisk(l, readSibling, ['..', '.'], '.admx');
      if (!partner) {
        out.push({ ...finding('admx-pair-missing', 'warning', '(file)', 'no ADMX found for this ADML, so its strings and presentations were not checked against the policies', 'give the ADMX too (e.g. Claude.admx), or keep it one folder above the ADML'), file: l.input.name });
        pushAll(out, alone(l));
        continue;
      }
      pushAll(out, lint(partner, { name: l.input.name, bytes: l.input.bytes, input: l.input.name }, l.now));
    }
    return out;
  },
};

/** What can be checked on one file without its partner: that it is well-formed XML. */
function alone(ctx: ArtifactContext): Finding[] {
  const b = ctx.input.bytes;
  const text = b[0] === 0xff && b[1] === 0xfe ? b.subarray(2).toString('utf16le') : b.toString('utf8').replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  return valid === true ? [] : [{ ...finding('admx-not-well-formed', 'error', `line ${valid.err.line}`, `not well-formed XML: ${describeXmlError(valid.err, text)}`, 'Group Policy and Intune refuse the file; regenerate it'), file: ctx.input.name }];
}

function onDisk(ctx: ArtifactContext, readSibling: SiblingReader, dirs: readonly string[], ext: string): Side | undefined {
  if (!ctx.input.path) return undefined;
  const base = basename(ctx.input.path).replace(/\.(admx|adml)$/i, '');
  for (const d of dirs) {
    const path = join(dirname(ctx.input.path), d, `${base}${ext}`);
    const bytes = readSibling(path);
    if (bytes) return { name: join(dirname(ctx.input.name), d, `${base}${ext}`), bytes };
  }
  return undefined;
}

/**
 * Runs the pair lint at `now` (check's moment, for retired names); findings about a file found on
 * disk are shown on the given file, naming it.
 */
function lint(x: Side, l: Side, now: Date): Finding[] {
  const given = x.input ?? l.input ?? x.name;
  return lintAdmx(x.bytes, l.bytes, { admx: x.name, adml: l.name }, { now }).map((f) => {
    const isInput = f.file === x.input || f.file === l.input;
    return isInput ? f : { ...f, file: given, path: `${f.file ?? ''}: ${f.path}` };
  });
}

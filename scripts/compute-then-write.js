'use strict';
/**
 * All or nothing for `npm run generate`: every step computes its files (or checks something)
 * first, and files are written only when every step succeeded. A catalogue mistake that one step
 * throws on (a duplicate key fails the ADMX model) used to stop the script after earlier steps had
 * already written the schema and validators, leaving the tree half-regenerated and the staleness
 * tests pointing at the wrong files.
 *
 * Pure apart from `write`, so `tests/generated/compute-then-write.test.ts` can inject a failure.
 */

/**
 * Runs `steps` in order, collecting path → content, then calls `write` for each file in the order
 * the steps produced them. A step that throws, or two steps that produce the same path, throws a
 * {@link GenerateStepError} naming the step before anything is written.
 *
 * @param {ReadonlyArray<{ name: string, run: () => Record<string, string | Buffer> }>} steps
 * @param {(file: string, content: string | Buffer) => void} write
 * @returns {string[]} the paths written, in order
 */
function computeThenWrite(steps, write) {
  const files = new Map();
  for (const step of steps) {
    let out;
    try {
      out = step.run();
    } catch (e) {
      throw new GenerateStepError(step.name, e);
    }
    for (const [file, content] of Object.entries(out)) {
      if (files.has(file)) throw new GenerateStepError(step.name, new Error(`${file} is also produced by an earlier step`));
      files.set(file, content);
    }
  }
  for (const [file, content] of files) write(file, content);
  return [...files.keys()];
}

/** A step of {@link computeThenWrite} failed; nothing was written. */
class GenerateStepError extends Error {
  constructor(step, cause) {
    super(`${step}: ${cause && cause.message ? cause.message : String(cause)}`, { cause });
    this.name = 'GenerateStepError';
    this.step = step;
  }
}

/**
 * The error findings of each shipped example (`examples/*.profile.json`) against the catalogue as
 * it is now, one formatted line each (`examples/x.profile.json: error: settings.k: …`). A catalogue
 * edit that breaks an example (a bound that excludes its value, a removed key) shows here with the
 * example's own findings, instead of only as a failed code-cache warm-up in `npm run build`.
 *
 * @param {string} root - the package folder
 * @param {{ validateProfile: (p: unknown) => { findings: ReadonlyArray<{ severity: string }> }, formatFinding: (f: object) => string }} validator
 * @param {{ readdirSync: (dir: string) => string[], readFileSync: (file: string, enc: 'utf8') => string }} fs
 * @returns {string[]}
 */
function exampleErrors(root, validator, fs) {
  const lines = [];
  for (const name of fs.readdirSync(`${root}/examples`).filter((f) => f.endsWith('.profile.json')).sort()) {
    const file = `examples/${name}`;
    let profile;
    try {
      profile = JSON.parse(fs.readFileSync(`${root}/${file}`, 'utf8'));
    } catch (e) {
      lines.push(`${file}: not JSON: ${e.message}`);
      continue;
    }
    for (const f of validator.validateProfile(profile).findings) {
      if (f.severity === 'error') lines.push(validator.formatFinding({ ...f, file }));
    }
  }
  return lines;
}

module.exports = { computeThenWrite, exampleErrors, GenerateStepError };

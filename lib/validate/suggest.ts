/**
 * Did-you-mean suggestions for misspelt names and values.
 *
 * A file can hold thousands of unknown names, or one name a megabyte long, so the search is
 * bounded: a candidate whose length alone rules it out is never compared, the comparison only
 * fills the diagonal band that can still beat the best match so far and stops as soon as no cell
 * can, and one file gets at most {@link SUGGESTIONS_PER_FILE} searches ({@link suggester}).
 */

/** How many names or values of one file get a did-you-mean search; the rest are reported without one. */
export const SUGGESTIONS_PER_FILE = 50;

/**
 * How many edit distances have been computed in this process: the tests' measure of the work
 * a hostile file costs (timings vary too much on a busy machine).
 * @internal
 */
export const suggestWork = { distances: 0 };

/** Edit distance (Levenshtein), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  return boundedDistance(s, t, Math.max(s.length, t.length));
}

/**
 * The edit distance of `s` and `t` when it is at most `max`, else `max + 1`. Only cells within
 * `max` of the diagonal can hold a distance of at most `max`, so only those are computed, and a
 * row whose cells all exceed `max` ends the search.
 */
function boundedDistance(s: string, t: string, max: number): number {
  suggestWork.distances++;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const over = max + 1;
  // prev[j]: distance of s[0..i-1] and t[0..j-1]; cells outside the band count as `over`.
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= s.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(t.length, i + max);
    cur[from - 1] = from === 1 ? (i <= max ? i : over) : over;
    let rowMin = cur[from - 1] as number;
    const c = s.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (c === t.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (to < t.length) cur[to + 1] = over;
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[t.length] as number, over);
}

/** The closest candidate within a distance that scales with the word's length, or `undefined`. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let longest = 0;
  for (const c of candidates) longest = Math.max(longest, c.length);
  // Far longer than every candidate: nothing is within the limit (and a megabyte-long name costs nothing).
  if (word.length - longest > limit) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  // A candidate must beat `bestD` to replace the best so far (the first of equals wins).
  let bestD = limit + 1;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    // The distance is at least the difference in length.
    if (Math.abs(lc.length - w.length) >= bestD) continue;
    const d = boundedDistance(w, lc, bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * {@link closest} for the names and values of one file: the first `max` searches are made, every
 * later one gives `undefined` (the name is still reported, without a did-you-mean).
 */
export function suggester(max = SUGGESTIONS_PER_FILE): (word: string, candidates: readonly string[]) => string | undefined {
  let left = max;
  return (word, candidates) => {
    if (left <= 0) return undefined;
    left--;
    return closest(word, candidates);
  };
}

/**
 * "Did you mean ...?" for a mistyped key or word: edit distance and the nearest allowed word. Kept
 * apart from input/ (whose protocol-language hints re-export it) so that src/args.ts, which the
 * light commands load, names a near spelling without loading the run-file parser's folder
 * (test/cli-lazy: `params list` loads nothing under input/).
 */
/** Edits (insert, delete, replace, swap two neighbours) from a to b: "fro" and "hots" are one swap from "for" and "host". */
export function editDistance(a: string, b: string): number {
  // optimal string alignment: Levenshtein plus adjacent transposition; rows i-2, i-1, i kept
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate a mistyped word most likely meant: one edit away (two for words of 5+ letters),
 * case aside ("variant" and "varients" for "variants", "hots" for "host"); undefined when none,
 * or when two candidates are equally near (no guess is better than a wrong one).
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined, bestD = Infinity, tie = false;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (c === word || d > (c.length >= 5 ? 2 : 1)) continue; // "Variants" is 0 edits from "variants", case aside
    if (d < bestD) { best = c; bestD = d; tie = false; } else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

/** " (did you mean "host"?)" for a key near one of `allowed`, else "". */
export function didYouMean(word: string, allowed: readonly string[]): string {
  const near = nearestWord(word, allowed);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

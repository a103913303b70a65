/**
 * Typo hints for the protocol language: a word one or two letters away from a keyword ("untill",
 * "fro") is named as the problem instead of letting the quantity before it take the blame.
 */
const KEYWORDS = ['until', 'for'];
const UNIT_WORDS = new Set(['mah', 'uah', 'ah', 'ma', 'ua', 'a', 'cm', 'mv', 'v', 's', 'ms', 'min', 'h', 'c', 'm', 'mm', 'um', 'nm', 'or', 'at', 'for', 'until', 'e']);

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

/** "unknown word "untill" (did you mean "until"?)" for the first near-keyword in a step, else undefined. */
export function keywordTypo(text: string): string | undefined {
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const w = m[0].toLowerCase();
    if (UNIT_WORDS.has(w)) continue;
    for (const k of KEYWORDS) {
      const d = editDistance(w, k);
      if (d > 0 && d <= (k.length >= 5 ? 2 : 1)) return `a known word: "${m[0]}" is not one (did you mean "${k}"?)`;
    }
  }
  return undefined;
}

/**
 * Typo hints for the protocol language: a word one or two letters away from a keyword ("untill",
 * "fro") is named as the problem instead of letting the quantity before it take the blame.
 */
const KEYWORDS = ['until', 'for'];
const UNIT_WORDS = new Set(['mah', 'uah', 'ah', 'ma', 'ua', 'a', 'cm', 'mv', 'v', 's', 'ms', 'min', 'h', 'c', 'm', 'mm', 'um', 'nm', 'or', 'at', 'for', 'until', 'e']);

export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length]!;
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

/**
 * Typo hints for the protocol language: a word one or two letters away from a keyword ("untill",
 * "fro") is named as the problem instead of letting the quantity before it take the blame.
 */
import { editDistance } from '../did-you-mean.js';

export { editDistance, nearestWord } from '../did-you-mean.js';

const KEYWORDS = ['until', 'for'];
const UNIT_WORDS = new Set(['mah', 'uah', 'ah', 'ma', 'ua', 'a', 'cm', 'mv', 'v', 's', 'ms', 'min', 'h', 'c', 'm', 'mm', 'um', 'nm', 'or', 'at', 'for', 'until', 'e']);

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

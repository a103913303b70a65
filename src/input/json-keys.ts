/**
 * robust63: a key given twice in one object of a JSON text. JSON.parse keeps the last value without a word, so a run
 * file (or a sweep, screen, full-cell or comparison file, or a workbench request) with `"metal": "Li", ... "metal": "Na"`
 * ran as Na, while the same mistake in YAML is refused ("Map keys must be unique"). Run on a text JSON.parse has taken,
 * so the scan only tells strings from the structure around them.
 */
import type * as Yaml from 'yaml';
import { lazyRequire } from '../lazy-require.js';

export interface DuplicateKey {
  /** the key, escapes decoded */
  key: string;
  /** the object holding it, as a field path ("" at the top level, "lattice", "variants[1]") */
  where: string;
  /** lines (from 1) of its first and second appearance */
  firstLine: number;
  line: number;
}

interface Frame { obj: boolean; keys: Map<string, number>; expectKey: boolean; lastKey: string; index: number; path: string }

/** The first key that appears twice in one object of the valid JSON `text`, or undefined. */
export function duplicateJsonKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (top: Frame | undefined): string => {
    if (!top) return '';
    if (top.obj) return top.path === '' ? top.lastKey : `${top.path}.${top.lastKey}`;
    return `${top.path}[${top.index}]`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 0x22) { // a string (JSON's strings hold no raw line break)
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) { j += 2; continue; }
        if (d === 0x22) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (top?.obj && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const first = top.keys.get(key);
        if (first !== undefined) return { key, where: top.path, firstLine: first, line };
        top.keys.set(key, line);
        top.expectKey = false;
        top.lastKey = key;
      }
      i = j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) { // { [
      const top = stack[stack.length - 1];
      stack.push({ obj: c === 0x7b, keys: new Map(), expectKey: c === 0x7b, lastKey: '', index: 0, path: childPath(top) });
    } else if (c === 0x7d || c === 0x5d) { // } ]
      stack.pop();
    } else if (c === 0x2c) { // ,
      const top = stack[stack.length - 1];
      if (top?.obj) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}

/** A duplicate key in words, after "FILE:LINE: " or "body: ": what was given, where, and what JSON takes. */
export function duplicateKeyWords(d: DuplicateKey): string {
  return `key ${JSON.stringify(d.key)} given twice ${d.where === '' ? 'at the top level' : `in ${d.where}`} (first on line ${d.firstLine}, again on line ${d.line}): JSON.parse would keep the last without a word; give each key once`;
}

/**
 * A YAML key given twice, in words (audit69: the YAML library's "Map keys must be unique" named no key; a JSON file's
 * duplicate is named, json-keys.ts): the key as YAML reads it, where it is first given and where again (review69: read
 * from the parsed map, not the text, so a quoted, escaped, anchored or `? key` one is named too, and the first place,
 * which a JSON file's message gives, is said; the literature records' reader, evidence/records.ts, says it too). `pos`: the
 * library's DUPLICATE_KEY error's offset. Undefined when that place is on no scalar key (its words then).
 */
export function duplicateYamlKeyWords(doc: Yaml.Document, pos: number, lc: { linePos(offset: number): { line: number; col: number } }): string | undefined {
  const { visit, isScalar } = lazyRequire<typeof Yaml>('yaml');
  let words: string | undefined;
  visit(doc, {
    Map(_, map) {
      const i = map.items.findIndex((p) => isScalar(p.key) && p.key.range !== undefined && p.key.range !== null && p.key.range[0] <= pos && pos < p.key.range[2]);
      if (i < 0) return undefined;
      const key = map.items[i]!.key as Yaml.Scalar;
      const first = map.items.slice(0, i).find((p) => isScalar(p.key) && p.key.value === key.value)?.key as Yaml.Scalar | undefined;
      const at = (q: number) => { const c = lc.linePos(q); return `line ${c.line}, column ${c.col}`; };
      words = `key ${JSON.stringify(String(key.value))} given twice in one map (${first?.range ? `first on ${at(first.range[0])}; ` : ''}again on ${at(key.range![0])}): YAML takes each key once; give it once`;
      return visit.BREAK;
    },
  });
  return words;
}

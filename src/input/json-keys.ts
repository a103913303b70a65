/**
 * robust63: a key given twice in one object of a JSON text. JSON.parse keeps the last value without a word, so a run
 * file (or a sweep, screen, full-cell or comparison file, or a workbench request) with `"metal": "Li", ... "metal": "Na"`
 * ran as Na, while the same mistake in YAML is refused ("Map keys must be unique"). Run on a text JSON.parse has taken,
 * so the scan only tells strings from the structure around them.
 */

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

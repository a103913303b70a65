/**
 * The review's text (Markdown with LaTeX fragments and <sup>/<sub> tags) in a normalised plain
 * form, so that record quotes can be checked against it: LaTeX `\text{..}` and `_{..}` unwrapped,
 * minus signs unified, reference superscripts turned into "[ref 8]" markers, whitespace collapsed.
 * Record files quote the review in this normalised form.
 */

/** Normalises a piece of the review (or a quote) to the form record quotes are written in. */
export function normaliseReviewText(raw: string): string {
  let t = raw;
  t = t.replace(/\$/g, ' ');
  // \text{..}, \mathrm{..}: unwrap (repeat for nesting)
  for (let i = 0; i < 4; i++) t = t.replace(/\\(?:text|mathrm|mathbf)\{([^{}]*)\}/g, '$1');
  t = t.replace(/\^\\circ/g, '°').replace(/\\circ/g, '°');
  t = t.replace(/\\mu\s*/g, 'µ').replace(/\\sim\s*/g, '~').replace(/\\AA/g, 'Å');
  for (let i = 0; i < 4; i++) t = t.replace(/[_^]\{([^{}]*)\}/g, '$1');
  t = t.replace(/[_^]([A-Za-z0-9+\-])/g, '$1');
  // reference superscripts: digits, commas, dashes (but Li<sup>0</sup>, sp<sup>2</sup> are chemistry)
  t = t.replace(/(sp)<sup>2<\/sup>/g, '$12');
  t = t.replace(/<sup>0<\/sup>/g, '0');
  t = t.replace(/<sup>\s*([\d]+(?:\s*[,–-]\s*\d+)*)\s*<\/sup>/g, (_m, refs: string) => ` [ref ${refs.replace(/\s+/g, '')}]`);
  t = t.replace(/<\/?su[bp]>/g, '');
  t = t.replace(/\*+/g, '');
  t = t.replace(/[−]/g, '-'); // unicode minus
  t = t.replace(/\\/g, '');
  t = t.replace(/\s+/g, ' ');
  // tidy spaces the LaTeX removal leaves around punctuation
  t = t.replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ([,.;:])/g, '$1');
  return t.trim();
}

/** Number tokens in a normalised text (not parts of formulas, figure labels, years or reference markers). */
export interface NumberToken { text: string; value: number; index: number; }

export function numberTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  const re = /[-]?\d+(?:\.\d+)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 12), start);
    const prev = text[start - 1] ?? ' ';
    const next = text[end] ?? ' ';
    // a hyphen glued to a word is a dash or an exponent, not a minus ("Co1-xS", "cm-2", "Co-N/O-500")
    if (m[0].startsWith('-') && /[A-Za-z0-9)]/.test(prev)) continue;
    const tok = m[0];
    if (/[A-Za-z)\]]/.test(prev)) continue; // Li0, In2S3, (DME)4, sp2c
    if (/^[A-Za-z]/.test(next)) continue; // 3D, 2D, 3dz2
    const open = text.lastIndexOf('[', start);
    if (open >= 0 && text.startsWith('[ref ', open) && text.indexOf(']', open) > start) continue; // reference marker
    if (/(Fig\.|Figs\.|section|Section|Copyright|No\.|#)\s*$/.test(before)) continue;
    if (/^(\.\d+)* /.test(text.slice(end)) && /#\s*$/.test(before)) continue;
    const value = Number(tok);
    if (!Number.isFinite(value)) continue;
    out.push({ text: tok, value, index: start });
  }
  return out;
}

/** The part of the review between two headings (first match of each), normalised. */
export function reviewSection(normalised: string, startMarker: string, endMarker: string): { text: string; offset: number } {
  const a = normalised.indexOf(startMarker);
  const b = normalised.indexOf(endMarker, a + 1);
  if (a < 0 || b < 0) throw new Error(`review markers not found: ${startMarker} / ${endMarker}`);
  return { text: normalised.slice(a, b), offset: a };
}

/** Entries of the review's reference list, numbered 1..N (the first entries carry no number in the text). */
export function reviewReferenceList(raw: string): Map<number, string> {
  const at = raw.lastIndexOf('## References');
  const refs = new Map<number, string>();
  if (at < 0) return refs;
  const lines = raw.slice(at).split('\n').filter((l) => l.startsWith('- '));
  let n = 0;
  for (const line of lines) {
    const m = /^- (\d+) (.*)$/.exec(line);
    if (m) { n = Number(m[1]); refs.set(n, normaliseReviewText(m[2]!)); }
    else { n += 1; refs.set(n, normaliseReviewText(line.slice(2))); }
  }
  return refs;
}

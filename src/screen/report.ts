/**
 * The screening report: ranking.csv, result.json, pareto.svg (the first two objectives, the
 * non-dominated set joined), report.md and report.html with the ranking, the Pareto set, the
 * notes of every stage and a table of every parameter's source (assumed values marked).
 */
import { writeFileSync } from 'node:fs';
import { makeWritableDir } from '../io/dirs.js';
import { join } from 'node:path';
import { csvField } from '../io/csv.js';
import { OBJECTIVES } from './objectives.js';
import { CRITERIA } from '../evidence/elements.js';
import { CRITERIA_LEGEND, MISSING_MARK, criteriaText, missingMarkText } from './criteria-text.js';
import { figureTextWidth } from '../plots/text-width.js';
import { axisTicks } from '../plots/axis-ticks.js';
import type { ScreenResult } from './screen.js';
import { noDataLines, noDataWhat } from './no-data-text.js';
import { earlyEndText, type Value } from './stages.js';

/**
 * The numbers of one cell, a value and its interval's ends, in one form set by the largest of them: fixed decimals,
 * 4 significant digits on it and at most 3 decimals (201.7, 1006, 0.553, -10.3 [-142.1, 121.5]), or all in exponent
 * form where it is 1e5 or more or below 1e-3 (7.40e-4). Until mends54 each number chose alone: `234.375 [0.000,
 * 1.23e+3]*`, and a column read 201.731 beside 1.01e+3.
 */
function fmtCell(xs: readonly (number | null | undefined)[]): string[] {
  const finite = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const top = Math.max(0, ...finite.map(Math.abs));
  const exp = top >= 1e5 || (top < 1e-3 && top > 0);
  const decimals = top === 0 ? 3 : Math.min(3, Math.max(0, 3 - Math.floor(Math.log10(top))));
  return xs.map((x) => (typeof x !== 'number' || !Number.isFinite(x) ? '-' : exp ? x.toExponential(2) : x.toFixed(decimals)));
}
/**
 * Round ticks (1, 2 or 5 x 10^k apart: the workbench plots' axisTicks) with their labels, all in one form: the step's
 * decimals (0.5, 1.0, 1.5; about 7 of them: the range is from the tick at or below its padded low end to the one at or above its high end, a step at most beyond each), or exponent form where the axis reaches 1e5 or stays below 1e-3. mends70b: the axis was cut
 * in four from its padded ends, `-2.98 0.47 3.92 7.37 10.82`.
 */
function roundTicks(lo: number, hi: number): { min: number; max: number; labels: [number, string][] } {
  const t = axisTicks(lo, hi, 7);
  const step = t.ticks.length > 1 ? t.ticks[1]! - t.ticks[0]! : 1;
  const top = Math.max(...t.ticks.map(Math.abs));
  const exp = top >= 1e5 || (top < 1e-3 && top > 0);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const digits = Math.max(0, Math.floor(Math.log10(top) + 1e-9) - Math.floor(Math.log10(step) + 1e-9));
  const text = (x: number) => { const v = Math.abs(x) < step * 1e-9 ? 0 : x; return exp ? v.toExponential(digits) : v.toFixed(decimals); };
  return { min: t.min, max: t.max, labels: t.ticks.map((x) => [x, text(x)]) };
}

/** A name's box in the Pareto plot (11 px text: the box from 10 px above its baseline to 3 below). */
interface NameBox { x0: number; x1: number; y0: number; y1: number }
interface PlacedName { x: number; y: number; end: boolean; leader?: readonly [number, number, number, number] }
const NAME_SIZE = 11, NAME_ASCENT = 10, NAME_DESCENT = 3, POINT_R = 5;
const boxOf = (x: number, y: number, w: number, end: boolean): NameBox => ({ x0: end ? x - w : x, x1: end ? x : x + w, y0: y - NAME_ASCENT, y1: y + NAME_DESCENT });
const boxesMeet = (a: NameBox, b: NameBox, gap: number) => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
const boxToPoint = (b: NameBox, x: number, y: number) => Math.hypot(Math.max(b.x0 - x, 0, x - b.x1), Math.max(b.y0 - y, 0, y - b.y1));
type Segment = readonly [number, number, number, number];
/** Whether the segment crosses the box grown by `gap` (Liang-Barsky clipping). */
function segmentMeetsBox([x1, y1, x2, y2]: Segment, b: NameBox, gap: number): boolean {
  let t0 = 0, t1 = 1;
  const dx = x2 - x1, dy = y2 - y1;
  for (const [p, q] of [[-dx, x1 - (b.x0 - gap)], [dx, b.x1 + gap - x1], [-dy, y1 - (b.y0 - gap)], [dy, b.y1 + gap - y1]] as const) {
    if (p === 0) { if (q < 0) return false; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return true;
}

/**
 * Where each point's name goes (mends70b: names were all drawn up and right of their points, on top of each other where
 * points cluster, audit70's 12-row screen): in the given order (the ranking's: the best get the places by their points),
 * the first place whose box meets no name placed and no point, within the plot's area: beside the point (right, left,
 * below, above), else further out on rays from it, joined to it by a thin line; failing that (a very crowded plot), a
 * place that may cover another point, and none left: the name is not drawn (said under the plot; the point's tooltip
 * names it). No two names' boxes meet.
 */
function placeNames(items: readonly { name: string; cx: number; cy: number }[], area: NameBox): (PlacedName | null)[] {
  const placed: NameBox[] = [];
  const lines: Segment[] = [];
  const inside = (b: NameBox) => b.x0 >= area.x0 && b.x1 <= area.x1 && b.y0 >= area.y0 && b.y1 <= area.y1;
  return items.map((it) => {
    const w = figureTextWidth(it.name, NAME_SIZE);
    const { cx, cy } = it;
    // beside the point: right and left of it, a little above, then below, then centred above and below it
    const near: [number, number, boolean][] = [[cx + 7, cy - 6, false], [cx - 7, cy - 6, true], [cx + 7, cy + 14, false], [cx - 7, cy + 14, true],
      [cx + 8, cy + 4, false], [cx - 8, cy + 4, true], [cx - w / 2, cy - 8, false], [cx - w / 2, cy + 17, false]];
    const far: [number, number, boolean][] = [];
    for (let d = 12; d <= 260; d += 6) {
      for (let k = 0; k < 32; k++) {
        const a = -Math.PI / 4 + (k * Math.PI) / 16;
        const mx = cx + Math.cos(a) * (d + w / 2), my = cy + Math.sin(a) * (d + NAME_ASCENT / 2);
        far.push([mx - w / 2, my + (NAME_ASCENT - NAME_DESCENT) / 2, false]);
      }
    }
    // (a strict pass first: the box covers no point and no line to another name, its own line crosses no name; then a
    // place that may cover a point or cross a line)
    const fits = (b: NameBox, strict: boolean) => inside(b) && !placed.some((p) => boxesMeet(p, b, 1))
      && (!strict || (!items.some((o) => o !== it && boxToPoint(b, o.cx, o.cy) < POINT_R + 1) && !lines.some((l) => segmentMeetsBox(l, b, 1)))) && boxToPoint(b, cx, cy) >= POINT_R;
    for (const strict of [true, false]) {
      for (const [i, [x, y, end]] of [...near, ...far].entries()) {
        const b = boxOf(x, y, w, end);
        if (!fits(b, strict)) continue;
        if (i < near.length) { placed.push(b); return { x, y, end }; }
        // the line from the point's edge to the box's nearest point
        const px = Math.min(Math.max(cx, b.x0), b.x1), py = Math.min(Math.max(cy, b.y0), b.y1);
        const len = Math.hypot(px - cx, py - cy);
        const leader: Segment = [cx + ((px - cx) * (POINT_R + 1)) / len, cy + ((py - cy) * (POINT_R + 1)) / len, px, py];
        if (strict && placed.some((p) => segmentMeetsBox(leader, p, 1))) continue;
        placed.push(b);
        lines.push(leader);
        return { x, y, end, leader };
      }
    }
    return null;
  });
}
const cellText = (v: Value | undefined): string => {
  if (!v || v.value === null) return '-';
  if (!(v.lo !== undefined && Number.isFinite(v.lo))) return fmtCell([v.value])[0]!;
  const [m, lo, hi] = fmtCell([v.value, v.lo, v.hi]);
  return `${m} [${lo}, ${hi}]${v.cut ? '*' : ''}`;
};
export { MISSING_MARK };
const missingMark = (v: Value | undefined): string => (v?.missing?.length ? MISSING_MARK : '');
const CHANCE = 'sac_nucleation_share_chance';
const SAC_SHARE_KEYS = ['sac_nucleation_share', 'sac_nucleation_excess'];
/** What the chance level and the excess mean, under the table that shows them. */
export const CHANCE_TEXT = 'sac_nucleation_share_chance: the share of nuclei at SACs that the same islands would have with the same number of SAC sites placed at random over the host surface (a SAC that does nothing reads it: large islands cover a SAC by chance); sac_nucleation_excess: share minus chance per seed, the SAC effect (0 for a SAC that does nothing). Rank by the excess, not the share.';
/** A ranking table's column head: an objective, one of weight 0 (shown, not ranked: review69) or a value beside one (not ranked). */
function columnHead(r: ScreenResult, k: string): string {
  const i = r.objectives.indexOf(k);
  if (i < 0) return `${k} (not ranked)`;
  return r.objectiveWeights?.[i] === 0 ? `${k} (weight 0: not ranked)` : k;
}

/** The objectives' columns, a SAC share objective with its chance level beside it (not ranked): the share a SAC that does nothing reads. */
const shownKeys = (keys: readonly string[]): string[] => {
  // once, after the first of them (the share and the excess both objectives showed it twice)
  const first = keys.findIndex((k) => SAC_SHARE_KEYS.includes(k));
  return keys.flatMap((k, i) => (i === first && !keys.includes(CHANCE) ? [k, CHANCE] : [k]));
};
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rankingCsv(r: ScreenResult): string {
  const keys = [...new Set(r.candidates.flatMap((c) => Object.keys(c.values)))];
  // score_<objective>: each objective's part of the score (they add up to score); why: the place in words
  // dominated_by, dominated_by_resolved (1/0) and resolved_dominators ("; "-separated): mends126's dominance data (review90 F1)
  // ended_early: the candidate's runs that stopped before their protocol's end ("seed 1 step 1 box_full after 0.000743 of 0.001 mAh/cm2")
  // <key>_missing after a value scored without a criterion for lack of data (the sustainability's "Fe: price"; empty where none)
  const withMissing = new Set(keys.filter((k) => k === 'sustainability' || r.candidates.some((c) => c.values[k]?.missing)));
  // sustainability_element and sustainability_<criterion>: the element that counts and its score (0-1) on each criterion
  const crit = keys.includes('sustainability') ? CRITERIA : [];
  const critCols = (k: string) => (k === 'sustainability' ? [`${k}_element`, ...crit.map((c) => `${k}_${c}`)] : []);
  const critCells = (v: Value | undefined, k: string) => (k === 'sustainability' ? [v?.criteria?.element ?? '', ...crit.map((c) => v?.criteria?.scores[c] ?? '')] : []);
  const head = ['rank', 'candidate', 'pareto', 'front', 'score', ...r.objectives.map((k) => `score_${k}`), 'why', 'dominated_by', 'dominated_by_resolved', 'resolved_dominators', 'synthesis', ...keys.flatMap((k) => [k, `${k}_lo`, `${k}_hi`, ...critCols(k), ...(withMissing.has(k) ? [`${k}_missing`] : [])]), 'intervals_cut', 'ended_early'];
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  const rows = r.ranking.map((x) => {
    const c = byName.get(x.name)!;
    // front counted from 1 (1 = the non-dominated set), as the report, the CLI and docs/screening.md
    // count it; result.json keeps the ranking's 0-based index
    return [x.rank, x.name, x.pareto ? 1 : 0, x.front + 1, x.score, ...x.parts, x.why, x.dominatedBy ?? '', x.dominatedByResolved === undefined ? '' : x.dominatedByResolved ? 1 : 0, (x.resolvedDominators ?? []).join('; '), c.synthesis, ...keys.flatMap((k) => [c.values[k]?.value ?? '', c.values[k]?.lo ?? '', c.values[k]?.hi ?? '', ...critCells(c.values[k], k), ...(withMissing.has(k) ? [(c.values[k]?.missing ?? []).join('; ')] : [])]),
      // the _lo / _hi cut at a physical bound (stats/interval.ts boundedInterval), by key
      keys.flatMap((k) => (c.values[k]?.cut ? [`${k}: ${c.values[k]!.cut}`] : [])).join('; '), (c.ended_early ?? []).map(earlyEndText).join('; ')];
  });
  // mends65: a candidate not ranked for want of a descriptor is a row too, after the ranked ones: rank, front, score and
  // its parts empty, why `not ranked, no data: ...`, its values as read (it was ranked the worst on them)
  const blank = (n: number) => new Array<string>(n).fill('');
  const noDataRows = (r.noData ?? []).map((x) => {
    const c = byName.get(x.name)!;
    return ['', x.name, '', '', '', ...blank(r.objectives.length), `not ranked, no data: ${noDataWhat(x)}`, '', '', '', c.synthesis,
      ...keys.flatMap((k) => [c.values[k]?.value ?? '', c.values[k]?.lo ?? '', c.values[k]?.hi ?? '', ...critCells(c.values[k], k), ...(withMissing.has(k) ? [(c.values[k]?.missing ?? []).join('; ')] : [])]),
      keys.flatMap((k) => (c.values[k]?.cut ? [`${k}: ${c.values[k]!.cut}`] : [])).join('; '), (c.ended_early ?? []).map(earlyEndText).join('; ')];
  });
  return [head, ...rows, ...noDataRows].map((row) => row.map((v) => (v === '' ? '' : csvField(v as number | string))).join(',')).join('\n') + '\n';
}

/**
 * What `sacplate screen` prints: the ranking table (values to 4 significant digits), the no-dip
 * marks, then every stage's note (a missing value ranked as the worst, an unused descriptor
 * column, the weights, what was not evaluated: until audit20 these were only in report.md and
 * result.json). A screen whose every candidate was refused says so instead of an empty table.
 */
export function rankingText(r: ScreenResult): string {
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  const shown = shownKeys(r.objectives);
  const head = ['rank', 'candidate', 'Pareto', 'score', ...shown.map((k) => columnHead(r, k))];
  const rows = r.ranking.map((x) => [String(x.rank), x.name, x.pareto ? 'yes' : `front ${x.front + 1}`, x.score.toFixed(3), ...shown.map((k) => { const c = byName.get(x.name)!.values[k], v = c?.value; return v === null || v === undefined || !Number.isFinite(v) ? '-' : `${v.toPrecision(4)}${missingMark(c)}`; })]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const noData = r.noData ?? [];
  const lines = rows.length === 0
    ? [noData.length ? `no candidate ranked: ${noData.length === 1 ? 'the one evaluated has' : `each of the ${noData.length} evaluated has`} no data on a descriptor the ranking reads (below)${r.invalid.length ? `; ${r.invalid.length} not evaluated, listed above with ${r.invalid.length === 1 ? 'its error' : 'their errors'}` : ''}`
      : `no candidate evaluated: each of the ${r.invalid.length} is listed above with its error`]
    : [head, ...rows].map((row) => row.map((c, i) => (i === 1 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  '));
  for (const x of r.ranking) for (const k of r.objectives) { const v = byName.get(x.name)!.values[k]; if (v?.no_dip || v?.ended_early) lines.push(`note: ${x.name}: ${k} ${v.note}`); }
  // each candidate's sustainability by criterion (review69: the total alone; the parts were only in `elements --sustainability`)
  if (shown.includes('sustainability')) {
    for (const x of r.ranking) {
      const cr = byName.get(x.name)!.values.sustainability?.criteria;
      if (cr) lines.push(`criteria: ${criteriaText(x.name, cr)}`);
    }
    if (lines.some((l) => l.startsWith('criteria: '))) lines.push(`criteria: ${CRITERIA_LEGEND}`);
  }
  // the mark's meaning, beside the candidates it marks (review69: said only in the elements stage's note)
  for (const x of r.ranking) for (const k of shown) { const v = byName.get(x.name)!.values[k]; if (v?.missing?.length) lines.push(`note: ${x.name}: ${k}${MISSING_MARK} scored without ${v.missing.join(', ')} (no data): left out, the other criteria share their weight`); }
  for (const x of r.ranking) lines.push(`why ${x.rank}. ${x.name}: ${x.why}`);
  // mends65: the candidates left out for want of a descriptor, each with the column it needs (not ranked as the worst)
  for (const l of noDataLines(noData)) lines.push(`not ranked (no data): ${l}`);
  // mends69: candidates left out as the file was read (a descriptor row's bad value, a loading of 200 %) said under the
  // ranking too, not only on stderr before the simulations, where a long screen's progress buried it
  if (rows.length > 0 && r.invalid.length) lines.push(`not evaluated: ${r.invalid.length} of ${r.invalid.length + r.candidates.length} candidates (${r.invalid.map((x) => x.name).join(', ')}), left out of the ranking; each error is said above (exit 2)`);
  for (const n of r.notes) lines.push(`note (${n.stage}): ${n.text}`);
  return lines.join('\n') + '\n';
}

/**
 * Scatter of the first two objectives; the non-dominated set in colour, joined in order. A value with a 95 % interval
 * over seeds has a bar from its lo to its hi along its axis, in its point's colour (nucl64: the plot drew the means
 * alone, though the ranking has the intervals); a value of one number (data, or one seed) has none.
 */
export function paretoSvg(r: ScreenResult): string {
  const [kx, ky] = r.objectives;
  const W = 640, R = 20, T = 30;
  if (!kx || !ky) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="60"><text x="10" y="30" font-family="sans-serif" font-size="13">one objective: no 2-D plot (see the ranking)</text></svg>\n`;
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  // an interval's ends where both are numbers (ranking.csv's _lo and _hi), else none
  const ends = (v: Value | undefined): readonly [number, number] | null => (v !== undefined && Number.isFinite(v.lo ?? NaN) && Number.isFinite(v.hi ?? NaN) ? [v.lo!, v.hi!] : null);
  const all = r.ranking.map((x) => {
    const vs = byName.get(x.name)!.values;
    // audit70: a value the ranking counts as none (no dip in a seed, a run that ended early) is drawn hollow at its
    // reading and named in a legend line (it was drawn as any other point; the workbench draws it hollow)
    const why = (k: string) => { const v = vs[k]; return (v?.no_dip ?? 0) > 0 ? `${k}: no dip in a seed` : (v?.ended_early ?? 0) > 0 ? `${k}: a run ended early` : undefined; };
    const unranked = [why(kx), why(ky)].filter((w): w is string => w !== undefined);
    return { name: x.name, pareto: x.pareto, x: vs[kx]?.value ?? NaN, y: vs[ky]?.value ?? NaN, xi: ends(vs[kx]), yi: ends(vs[ky]), unranked };
  });
  const pts = all.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  // a candidate without a value on either axis is said, not left out without a word (review38: the rank-1 bare host,
  // which has no distortion_A, was missing from the plot); none with both: no axes drawn from nothing (NaN)
  const missing = all.filter((p) => !(Number.isFinite(p.x) && Number.isFinite(p.y))).map((p) => `${p.name} (no value on ${[...(Number.isFinite(p.x) ? [] : [kx]), ...(Number.isFinite(p.y) ? [] : [ky])].join(' and ')})`);
  // mends65: a candidate not ranked for want of a descriptor is named too
  missing.push(...(r.noData ?? []).map((x) => `${x.name} (not ranked: no data on ${x.missing.map((m) => m.objective).join(' and ')})`));
  const notPlotted = missing.length ? `not plotted: ${missing.join(', ')}` : '';
  if (pts.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="60"><text x="10" y="30" font-family="sans-serif" font-size="13">no candidate has values on both ${esc(kx)} and ${esc(ky)}: no 2-D plot (see the ranking)</text></svg>\n`;
  const ext = (vs: number[]) => { const lo = Math.min(...vs), hi = Math.max(...vs); const pad = (hi - lo || Math.abs(hi) || 1) * 0.08; return [lo - pad, hi + pad] as const; };
  const ox = OBJECTIVES[kx]!, oy = OBJECTIVES[ky]!;
  const title = (o: typeof ox) => `${o.label} (${o.unit}), ${o.direction === 'min' ? 'lower' : 'higher'} is better`;
  // an axis title longer than its axis is wrapped, the margin widened a line for each line more (review50: the title of
  // sac_nucleation_excess, 120 characters, ran past both ends of the 350 px y axis)
  const xLines = wrapText(title(ox), 13, W - 80 - R);
  const yLines = wrapText(title(oy), 13, 440 - T - 60);
  const withBars = pts.some((p) => p.xi || p.yi);
  const hollow = pts.filter((p) => p.unranked.length > 0);
  const hollowLine = hollow.length ? `hollow: not ranked there, drawn at the reading: ${hollow.map((p) => `${p.name} (${p.unranked.join('; ')})`).join(', ')}` : '';
  // a second legend line (the bars') widens the top margin by a line, as does the hollow points' line
  const hollowLines = hollowLine ? wrapText(hollowLine, 12, W - 80 - R) : [];
  const T2 = T + (withBars ? 14 : 0) + 14 * hollowLines.length;
  const L = 80 + 16 * (yLines.length - 1), B = 60 + 16 * (xLines.length - 1), H = 440 + 16 * (xLines.length - 1) + (T2 - T);
  // the axes hold the intervals too, not the means alone
  // from round tick to round tick (mends70b)
  const tx = roundTicks(...ext(pts.flatMap((p) => [p.x, ...(p.xi ?? [])]))), ty = roundTicks(...ext(pts.flatMap((p) => [p.y, ...(p.yi ?? [])])));
  const [x0, x1, y0, y1] = [tx.min, tx.max, ty.min, ty.max];
  const sx = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T2 - B);
  const front = pts.filter((p) => p.pareto).sort((a, b) => a.x - b.x);
  const names = placeNames(pts.map((p) => ({ name: p.name, cx: sx(p.x), cy: sy(p.y) })), { x0: L + 2, x1: W - 2, y0: T2 + 2, y1: H - B - 2 });
  const unnamed = pts.filter((_, i) => names[i] === null).map((p) => p.name);
  const underLine = [notPlotted, unnamed.length ? `names not drawn (no room; each point's tooltip names it): ${unnamed.join(', ')}` : ''].filter(Boolean).join('; ');
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T2}" x2="${L}" y2="${H - B}" stroke="black"/>`,
    // an axis's labels in one form, as a table cell's numbers (fmtCell; until mends54 "837.26" beside "1.07e+3")
    ...tx.labels.map(([t, s]) => `<text x="${sx(t).toFixed(1)}" y="${H - B + 15}" text-anchor="middle">${esc(s)}</text>`),
    ...ty.labels.map(([t, s]) => `<text x="${L - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${esc(s)}</text>`),
    ...xLines.map((line, i) => `<text x="${(L + W - R) / 2}" y="${H - B + 42 + 16 * i}" text-anchor="middle" font-size="13">${esc(line)}</text>`),
    ...yLines.map((line, i) => `<text transform="translate(${18 + 16 * i} ${(T2 + H - B) / 2}) rotate(-90)" text-anchor="middle" font-size="13">${esc(line)}</text>`),
    front.length > 1 && r.objectives.length === 2 ? `<polyline fill="none" stroke="#d62728" stroke-dasharray="4 3" points="${front.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>` : '',
    // the interval bars under the points, each with 3 px end caps, in its point's colour
    ...pts.flatMap((p) => {
      const colour = p.pareto ? '#d62728' : '#7f7f7f', cx = sx(p.x), cy = sy(p.y), f = (v: number) => v.toFixed(1);
      const bar = (dir: 'x' | 'y', [lo, hi]: readonly [number, number], k: string) => {
        const [a, b] = dir === 'x' ? [sx(lo), sx(hi)] : [sy(lo), sy(hi)];
        const line = dir === 'x' ? `x1="${f(a)}" y1="${f(cy)}" x2="${f(b)}" y2="${f(cy)}"` : `x1="${f(cx)}" y1="${f(a)}" x2="${f(cx)}" y2="${f(b)}"`;
        const caps = [a, b].map((e) => (dir === 'x' ? `<line x1="${f(e)}" y1="${f(cy - 3)}" x2="${f(e)}" y2="${f(cy + 3)}" stroke="${colour}"/>` : `<line x1="${f(cx - 3)}" y1="${f(e)}" x2="${f(cx + 3)}" y2="${f(e)}" stroke="${colour}"/>`));
        return [`<line class="interval-${dir}" ${line} stroke="${colour}" stroke-width="1.5"><title>${esc(`${p.name}: ${k} 95 % interval ${fmtCell([lo, hi]).join(' to ')}`)}</title></line>`, ...caps];
      };
      return [...(p.xi ? bar('x', p.xi, kx) : []), ...(p.yi ? bar('y', p.yi, ky) : [])];
    }),
    // the lines to names placed away from their points, under the points
    ...names.flatMap((n) => (n?.leader ? [`<line class="leader" x1="${n.leader[0].toFixed(1)}" y1="${n.leader[1].toFixed(1)}" x2="${n.leader[2].toFixed(1)}" y2="${n.leader[3].toFixed(1)}" stroke="#999" stroke-width="0.75"/>`] : [])),
    // each name where placeNames put it: clear of the other names, inside the plot (review50: "bare N-graphene", the worst
    // on both axes, was cut at "bare N-gr"; mends70b: clustered names were drawn over each other)
    ...pts.map((p, i) => {
      const colour = p.pareto ? '#d62728' : '#7f7f7f';
      const n = names[i];
      const label = n ? `<text x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}"${n.end ? ' text-anchor="end"' : ''}>${esc(p.name)}</text>` : '';
      return `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="5" ${p.unranked.length ? `fill="white" stroke="${colour}" stroke-width="2"` : `fill="${colour}"`}><title>${esc(p.name)}</title></circle>${label}`;
    }),
    `<text x="${L}" y="18" font-size="12">red: non-dominated over ${r.objectives.length} objective(s)${r.objectives.length > 2 ? ', plotted in the first two' : ''}; grey: dominated</text>`,
    withBars ? `<text x="${L}" y="32" font-size="12">bars: 95 % interval over seeds (a point without one: a single value)</text>` : '',
    ...hollowLines.map((line, i) => `<text x="${L}" y="${(withBars ? 46 : 32) + 14 * i}" font-size="12">${esc(line)}</text>`),
    underLine ? `<text x="${L}" y="${H - 4}" font-size="11">${esc(underLine)}</text>` : '',
    '</svg>',
  ];
  return out.filter(Boolean).join('\n') + '\n';
}

/** `text` in lines no wider than `width` px at `size` px (the figure font's widths, src/plots/text-width.ts), broken between words. */
function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && figureTextWidth(`${last} ${word}`, size) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface Block { kind: 'h' | 'p' | 'table' | 'img'; level?: number; text?: string; head?: string[]; rows?: string[][]; }

function blocks(r: ScreenResult): Block[] {
  const b: Block[] = [];
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  b.push({ kind: 'h', level: 1, text: `SAC screen: ${r.spec.name}` });
  b.push({ kind: 'p', text: `${r.candidates.length + r.invalid.length} candidates${r.noData?.length ? ` (${r.ranking.length} ranked, ${r.noData.length} not ranked: no data)` : ''}, ${r.spec.seeds.length} seed(s) each; objectives: ${r.objectives.map((k, i) => `${k} (${OBJECTIVES[k]!.direction}${r.objectiveWeights ? `, weight ${r.objectiveWeights[i]}${r.objectiveWeights[i] === 0 ? ': shown, not ranked' : ''}` : ''})`).join(', ')}. Ranked by Pareto front over these objectives, then by a weighted score within the front (each objective min-max normalised over the candidates, 1 = best). Simulated values are means over seeds with their 95 % interval in brackets.` });
  b.push({ kind: 'h', level: 2, text: 'Ranking' });
  const keys = r.objectives;
  const shown = shownKeys(keys);
  b.push({ kind: 'table', head: ['rank', 'candidate', 'Pareto', 'score', 'synthesis', ...shown.map((k) => columnHead(r, k)), 'why'], rows: r.ranking.map((x) => [String(x.rank), x.name, x.pareto ? 'yes' : `front ${x.front + 1}`, x.score.toFixed(3), byName.get(x.name)!.synthesis, ...shown.map((k) => cellText(byName.get(x.name)!.values[k]) + missingMark(byName.get(x.name)!.values[k])), x.why]) });
  const marked = r.ranking.filter((x) => shown.some((k) => byName.get(x.name)!.values[k]?.missing?.length));
  if (marked.length) b.push({ kind: 'p', text: missingMarkText(marked.map((x) => ({ name: x.name, missing: shown.flatMap((k) => byName.get(x.name)!.values[k]?.missing ?? []) }))) });
  // each candidate's sustainability by criterion, as the CLI's `criteria:` lines and ranking.csv give it (mends87: the total only)
  const crit = shown.includes('sustainability') ? r.ranking.flatMap((x) => { const cr = byName.get(x.name)!.values.sustainability?.criteria; return cr ? [{ name: x.name, cr }] : []; }) : [];
  if (crit.length) {
    b.push({ kind: 'p', text: `Sustainability by criterion: ${CRITERIA_LEGEND}.` });
    b.push({ kind: 'table', head: ['candidate', 'element that counts', ...CRITERIA], rows: crit.map(({ name, cr }) => [name, cr.element, ...CRITERIA.map((c) => (cr.scores[c] == null ? '-' : cr.scores[c]!.toFixed(3)))]) });
  }
  const ended = r.candidates.filter((c) => c.ended_early?.length);
  if (ended.length) {
    // beside the ranking: a value from a run whose box filled up (or that stopped otherwise) is not ranked silently
    b.push({ kind: 'p', text: `Runs that ended early: their values are shown as read, marked, and ranked as no value (the worst) on the objectives read from that step (docs/screening.md, "Runs that ended early"). ${(r.warnings ?? []).map((w) => w.replace(/^warning: /, '')).join(' ')}` });
    b.push({ kind: 'table', head: ['candidate', 'seed', 'step', 'ended', 'reached mAh/cm2', 'of mAh/cm2', 'time s'], rows: ended.flatMap((c) => c.ended_early!.map((e) => [c.name, e.seed === null ? '-' : String(e.seed), `${e.step}${e.text ? ` "${e.text}"` : ''}`, e.ended, e.reached_mAh_per_cm2 === undefined ? '-' : e.reached_mAh_per_cm2.toPrecision(3), e.capacity_mAh_per_cm2 == null ? '-' : String(e.capacity_mAh_per_cm2), e.duration_s === undefined ? '-' : e.duration_s.toPrecision(3)])) });
  }
  b.push({ kind: 'p', text: `Score parts (weight share x goodness, 0 = the worst candidate there or no value, 1 = the best; they add up to the score): ${r.ranking.map((x) => `${x.name} ${x.parts.map((p, k) => `${keys[k]} ${p.toFixed(3)}`).join(', ')}`).join('; ')}.` });
  b.push({ kind: 'h', level: 2, text: 'Non-dominated (Pareto) set' });
  b.push({ kind: 'p', text: r.ranking.filter((x) => x.pareto).map((x) => x.name).join(', ') || 'none' });
  b.push({ kind: 'img', text: 'pareto.svg' });
  const all = [...new Set(r.candidates.flatMap((c) => Object.keys(c.values)))];
  b.push({ kind: 'h', level: 2, text: 'Every evaluated quantity' });
  b.push({ kind: 'table', head: ['candidate', ...all], rows: r.candidates.map((c) => [c.name, ...all.map((k) => cellText(c.values[k]) + (c.values[k]?.note ? ` (${c.values[k]!.note})` : ''))]) });
  if (all.includes(CHANCE)) b.push({ kind: 'p', text: CHANCE_TEXT });
  if (r.noData?.length) {
    // mends65: evaluated, but without a descriptor the ranking reads: listed, not ranked as the worst
    b.push({ kind: 'h', level: 2, text: 'Candidates not ranked: no data' });
    b.push({ kind: 'p', text: 'A missing descriptor is not a bad value: these candidates have no value on a ranked objective read from a descriptor column alone, so they are left out of the ranking (their other values are in the table above). To rank them on the other objectives, leave that objective out or give it weight 0 in objective_weights.' });
    b.push({ kind: 'table', head: ['candidate', 'objective', 'descriptor needed', 'why none'], rows: r.noData.flatMap((x) => x.missing.map((m) => [x.name, m.objective, m.column, m.why])) });
  }
  if (r.invalid.length) {
    b.push({ kind: 'h', level: 2, text: 'Candidates not evaluated' });
    b.push({ kind: 'table', head: ['candidate', 'error'], rows: r.invalid.map((x) => [x.name, x.error]) });
  }
  b.push({ kind: 'h', level: 2, text: 'Notes' });
  b.push({ kind: 'table', head: ['stage', 'note'], rows: r.notes.map((n) => [n.stage, n.text]) });
  b.push({ kind: 'h', level: 2, text: 'Sources of every parameter' });
  b.push({ kind: 'p', text: 'Values marked "assumed" are our estimates (the note gives the arithmetic), not measured or computed numbers.' });
  for (const s of r.sources) {
    b.push({ kind: 'h', level: 3, text: s.stage });
    b.push({ kind: 'table', head: ['what', 'value', 'source', 'assumed'], rows: s.lines.map((l) => [l.what, l.value, l.source, l.assumed ? 'assumed' : '']) });
  }
  return b;
}

export function reportMarkdown(r: ScreenResult): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return blocks(r).map((x) => {
    if (x.kind === 'h') return `${'#'.repeat(x.level!)} ${x.text}`;
    if (x.kind === 'p') return x.text!;
    if (x.kind === 'img') return `![Pareto plot](${x.text})`;
    return [`| ${x.head!.map(cell).join(' | ')} |`, `|${x.head!.map(() => '---').join('|')}|`, ...x.rows!.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
  }).join('\n\n') + '\n';
}

export function reportHtml(r: ScreenResult): string {
  const body = blocks(r).map((x) => {
    if (x.kind === 'h') return `<h${x.level}>${esc(x.text!)}</h${x.level}>`;
    if (x.kind === 'p') return `<p>${esc(x.text!)}</p>`;
    if (x.kind === 'img') return `<img src="${esc(x.text!)}" alt="Pareto plot">`;
    return `<table><thead><tr>${x.head!.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${x.rows!.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(r.spec.name)}: SAC screen</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}</style></head>
<body>\n${body}\n</body></html>\n`;
}

export function writeReport(r: ScreenResult, dir: string): string[] {
  makeWritableDir(dir, '--report');
  const files: [string, string][] = [
    ['report.md', reportMarkdown(r)], ['report.html', reportHtml(r)], ['pareto.svg', paretoSvg(r)], ['ranking.csv', rankingCsv(r)],
    ['result.json', JSON.stringify({ ...r, spec: { name: r.spec.name, seeds: r.spec.seeds, objectives: r.objectives, weights: r.spec.weights, ...(r.objectiveWeights ? { objective_weights: r.objectiveWeights } : {}) } }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)],
  ];
  for (const [f, t] of files) writeFileSync(join(dir, f), t);
  return files.map(([f]) => join(dir, f));
}

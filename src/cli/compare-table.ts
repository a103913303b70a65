/**
 * The table printed by `simulate` and `compare`, with its legend and the literature beside the
 * simulation. Its columns, cells, literature match and CSV are the library's (src/batch/table.ts):
 * with several seeds per case every number is the mean with its 95 % interval.
 */
import { AGREEMENT_MV, SINGLE_SEED_BOX_UM } from '../evidence/beside.js';
import { noDipNote } from '../screen/no-dip.js';
import { firstPlatingStep, isRepeat, lastCurrentStep, stepCapacity_mAh_per_cm2 } from '../input/protocol.js';
import type { ProtocolEntry } from '../input/types.js';
import { boundedInterval, pairedInterval } from '../stats/interval.js';
import { plural } from '../plural.js';
import { isNoDip } from '../analysis/nucleation.js';
import { sampleWindowOf } from '../simulation/sample-window.js';
import { COLUMNS, ENDED_COLUMNS, ESTIMATOR_MEANING, endedEarlyOf, hasSacs, SETTING_COLUMNS, cell, cutColumnsOf, estimatorOf, fullyStripped, literatureOf, literatureVerdict, settingOf, settingText, type Column, type TableRow } from '../batch/table.js';
import { measuredLegendText, measuredNoteLines } from '../batch/measured-rows.js';

/** the SAC share's and its chance level's heads, as the legend names them */
const shareHeads = COLUMNS.filter((c) => c.key === 'sac_nucleation_share' || c.key === 'sac_nucleation_share_chance').map((c) => c.head).join(', ');

/** the ended-early column's head and its legend line (compare.csv's `ended_early`, src/batch/table.ts ENDED_COLUMNS) */
const ENDED_HEAD = 'ended early';
const ENDED_MEANING = `${ENDED_COLUMNS[0].meaning.replace(/^the first step/, 'the case\'s first step').replace(/; empty where every step ended as asked$/, '')}: its values are of the part it ran; - every step ended as asked (a seed's, where the seeds differ)`;

/** the case's last plate or strip step is a strip: from its resolved run, else (a stored row) its cycles (a CE was read) */
function endsWithStrip(r: TableRow): boolean {
  if (r.run) return lastCurrentStep(r.run.protocol)?.kind === 'strip';
  return r.runs.some((m) => Number.isFinite(m.average_ce));
}

/** A case's sampling window (metrics.json's sample_window_*; for a stored run from before them, from its resolved run): undefined where neither says. */
function sampleWindowOfRow(r: TableRow): { mAh: number; s: number | null } | undefined {
  const m = r.runs[0];
  if (!m) return undefined;
  if (typeof m.sample_window_mAh_per_cm2 === 'number') return { mAh: m.sample_window_mAh_per_cm2, s: m.sample_window_s ?? null };
  if (!r.run || !(m.charge_per_voxel_C > 0)) return undefined;
  const w = sampleWindowOf(r.run, m.charge_per_voxel_C);
  return { mAh: w.sample_window_mAh_per_cm2, s: w.sample_window_s };
}

/** a case's islands are few enough, or its first layer covered enough, that its nucleus counts are of coalesced islands */
export const COALESCED_ISLANDS = 2;
export const COALESCED_COVERAGE = 0.9;

/**
 * The note under the table for a case whose box ends with few islands (island_count <= 2) or a first layer covered past
 * 0.9 (mends104; review82 finding 3: nuclei/um2 2.44 vs 2.44 and SAC share 1.000 / chance 1.000 were one island per box
 * after coalescence, and the README's "18 times more nuclei" is 18 islands against 1): nuclei/um2, SAC share and chance
 * then count coalesced islands, not nuclei. A seed stripped away (no deposit) is left out; undefined where no seed is such.
 * So is a seed whose first layer holds no island (users83: a strip that left a dead voxel off the host read "nuclei/um2
 * then count coalesced islands (1 in the box)" beside nuclei/um2 0.00 and coverage 0.000; the note is of first-layer islands).
 */
export function coalescedNote(r: TableRow): string | undefined {
  const kept = r.runs.filter((m) => !fullyStripped(m) && typeof m.island_count === 'number' && m.island_count >= 1 && m.nucleus_density_per_um2 > 0);
  const few = kept.filter((m) => m.island_count <= COALESCED_ISLANDS || m.host_coverage > COALESCED_COVERAGE);
  if (few.length === 0) return undefined;
  const islands = [...new Set(few.map((m) => m.island_count))].sort((a, b) => a - b);
  const cov = few.map((m) => m.host_coverage);
  const covText = Math.min(...cov) === Math.max(...cov) ? cov[0]!.toFixed(3) : `${Math.min(...cov).toFixed(3)}-${Math.max(...cov).toFixed(3)}`;
  const seeds = r.runs.length > 1 ? ` in ${few.length} of ${plural(r.runs.length, 'seed')}` : '';
  const sacs = r.runs.some(hasSacs);
  const heads = COLUMNS.filter((c) => c.key === 'nucleus_density_per_um2' || (sacs && (c.key === 'sac_nucleation_share' || c.key === 'sac_nucleation_share_chance'))).map((c) => c.head).join(', ');
  return `note: ${r.name}: ${islands.length === 1 ? islands[0] : `${islands[0]}-${islands.at(-1)}`} island${islands.length === 1 && islands[0] === 1 ? '' : 's'} in the box at the end, first-layer coverage ${covText}${seeds}: ${heads} then count coalesced islands (${islands.length === 1 ? islands[0] : `${islands[0]}-${islands.at(-1)}`} in the box), not separate nuclei; plate less or use a larger box (lattice.size) to read nucleation${earlyText(few)}`;
}

/** a range "a" or "a-b" of numbers as text */
const span = (xs: number[], f: (x: number) => string): string => {
  const lo = Math.min(...xs), hi = Math.max(...xs);
  return lo === hi ? f(lo) : `${f(lo)}-${f(hi)}`;
};

/**
 * The count read before the islands merged (metrics.json early_*, at output.nuclei_coverage: branch nucleicov), for the
 * coalesced note; empty where a run has no such reading (never reached, a foil host, a run stored before the keys).
 */
function earlyText(runs: TableRow['runs']): string {
  const early = runs.map((m) => m as typeof m & { early_island_count?: number | null; early_nucleus_density_per_um2?: number | null; early_host_coverage?: number | null });
  if (!early.every((m) => typeof m.early_island_count === 'number' && typeof m.early_nucleus_density_per_um2 === 'number' && typeof m.early_host_coverage === 'number')) return '';
  const n = early.map((m) => m.early_island_count as number);
  return `; before they merged, at first-layer coverage ${span(early.map((m) => m.early_host_coverage as number), (x) => x.toFixed(3))}: ${span(n, String)} island${n.length === 1 && n[0] === 1 ? '' : 's'}, ${span(early.map((m) => m.early_nucleus_density_per_um2 as number), (x) => x.toFixed(2))} nuclei/um2 (metrics.json early_*)`;
}

/** a window's number as the legend prints it: 3 significant digits, 1.84e-5 below 0.001 */
export const windowNumber = (x: number): string => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : String(+x.toPrecision(3)));

/**
 * The legend's line naming the sampling window the overpotential columns are read on (mends104; review82 finding 2: the
 * same trajectory read 65.1 or 86.5 mV nucleation at the default window or the main job's, and the table did not say
 * which), one window for all cases, or each case's where they differ. The default window is left as it is (every
 * documented figure is read on it): the line makes it visible.
 */
export function sampleWindowLine(rows: readonly TableRow[]): string | undefined {
  const w = rows.map(sampleWindowOfRow);
  const text = (x: { mAh: number; s: number | null }) => `${windowNumber(x.mAh)} mAh/cm2${x.s !== null ? ` = ${windowNumber(x.s)} s at the first plating's current` : ''}`;
  const known = w.filter((x): x is { mAh: number; s: number | null } => x !== undefined);
  if (known.length === 0) return undefined;
  const texts = w.map((x) => (x ? text(x) : 'not recorded'));
  const one = new Set(texts).size === 1;
  const heads = COLUMNS.slice(0, 3).map((c) => c.head).join(', ');
  return `  (${heads}: |eta| averaged over sampling windows of ${one ? texts[0] : rows.map((r, i) => `${texts[i]} (${r.name})`).join('; ')}: output.sample, by default 1/200 of the first step's charge; another window moves the peak, so compare these numbers only with runs read on the same window)`;
}

/** a case with a CE (a plate/strip cycle) in some seed */
const hasCe = (r: TableRow): boolean => r.runs.some((m) => Number.isFinite(m.average_ce));

/** the kept column (mends127, review91 F4) */
export const KEPT_HEAD = 'kept %';
export const KEPT_MEANING = '100 - CE - dead - SEI: the plated metal still connected after the last strip (kept at SAC sites, or sealed under SEI), so that CE + dead + SEI + kept = 100 (exactly where every cycle plates the same charge: CE is the mean of the cycles\' CE, dead and SEI are of all metal plated; a rest\'s open-circuit drift, cycles.csv rest_voxels, and what a rest after the last strip plates or binds in SEI are in kept too, which can then read a little below 0); - where a run was cut (--max-events, a stop): its CE is of the cycles it completed, its dead and SEI of all it plated, which do not add up';

/** a seed's kept share: 1 - CE - dead - SEI (NaN without a CE) */
export function keptFraction(m: TableRow['runs'][number]): number {
  if (!Number.isFinite(m.average_ce)) return NaN;
  // a run cut by the event limit or a stop (cycaudit64): average_ce is of the completed cycles while dead and SEI are of
  // everything it plated, the cut cycle's plating too, so 1 - CE - dead - SEI is no share of anything (2.60 % on a run
  // cut in its second plate whose cycles.csv retained nothing); no kept cell
  if ((m.steps_ended ?? []).some((e) => e === 'event_limit' || e === 'cancelled')) return NaN;
  const sei = m.sei !== undefined && Number.isFinite(m.sei_charge_fraction) ? m.sei_charge_fraction : 0;
  return 1 - (m.average_ce as number) - m.dead_metal_fraction - sei;
}

/** the kept cell: a seed's value, or the mean ± the half-width of its 95 % interval over the seeds with a CE; - without a CE */
function keptCell(runs: TableRow['runs']): string {
  const xs = runs.map(keptFraction).filter(Number.isFinite);
  // round-off (1e-16) of a case that kept nothing prints 0.00, not -0.00
  const f = (v: number) => (Math.abs(v) < 5e-5 ? 0 : v * 100).toFixed(2);
  if (xs.length === 0) return '-';
  if (xs.length === 1) return f(xs[0]!);
  const iv = boundedInterval(xs, undefined);
  if (iv.same) return f(iv.mean);
  return `${f(iv.mean)} ±${f((iv.hi - iv.lo) / 2).replace(/^-/, '')}`;
}

/** a protocol as one line: its steps' texts, a repeat as `n x [steps]` */
export function protocolText(entries: readonly ProtocolEntry[]): string {
  return entries.map((e) => (isRepeat(e) ? `${e.repeat} x [${protocolText(e.steps)}]` : e.text)).join(', ');
}

const mAh = (x: number | null | undefined): string => (typeof x === 'number' ? `${+x.toPrecision(3)} mAh/cm2` : 'its charge');

/**
 * The legend's "CE %:" lines (mends127, review91 F3: one sentence served both protocols and never said which CE a case
 * showed, over how many cycles, its protocol, its seeds, nor that the host's own film costs no charge): per case (cases
 * with the same text on one line) the CE it shows (the mean of its n cycles' CE, cycle 1 included; or Adams' Aurbach
 * CE with n, Q_T and Q_C), the protocol, the seeds, and with `sei:` that the film the host carries from the start is not
 * counted (a cycler's cycle-1 CE includes forming it).
 */
export function ceLines(rows: readonly TableRow[]): string[] {
  const texts = new Map<string, string[]>();
  for (const r of rows.filter(hasCe)) {
    const m = r.runs.find((x) => Number.isFinite(x.average_ce))!;
    let what: string;
    const block = r.run ? r.run.protocol.find(isRepeat) : undefined;
    if (m.aurbach_ce !== undefined && r.run && block) {
      const qt = firstPlatingStep(r.run.protocol);
      const qc = firstPlatingStep(block.steps);
      what = `Aurbach CE (Adams et al., Adv. Energy Mater. 8, 1702097 (2018)): (n Q_C + Q_S) / (n Q_C + Q_T), n = ${block.repeat}, Q_T = ${mAh(qt ? stepCapacity_mAh_per_cm2(qt) : null)}, Q_C = ${mAh(qc ? stepCapacity_mAh_per_cm2(qc) : null)}, Q_S the last strip's`;
    } else {
      const ns = [...new Set(r.runs.filter((x) => Number.isFinite(x.average_ce)).map((x) => x.cycles_completed))].sort((a, b) => a - b);
      const n = ns.length === 1 ? String(ns[0]) : `${ns[0]}-${ns.at(-1)}`;
      what = `the mean of ${n} cycle${n === '1' ? '' : 's'}' CE, cycle 1 included (each cycle's stripped / plated charge)`;
    }
    const protocol = r.run ? `; protocol ${protocolText(r.run.protocol)}` : '';
    const seeds = r.runs.length > 1 ? `${r.runs.length} seeds` : `one seed${r.run ? ` (seed ${r.run.seed})` : ''}`;
    const sei = r.runs.some((x) => x.sei !== undefined) ? '; the SEI film the host carries from the start costs no charge here (a cycler\'s cycle-1 CE includes forming it)' : '';
    const text = `${what}${protocol}; ${seeds}${sei}`;
    texts.set(text, [...(texts.get(text) ?? []), r.name]);
  }
  const all = rows.filter(hasCe).length === rows.length;
  return [...texts].map(([text, names]) => `  (CE %: ${texts.size === 1 && all ? 'every case' : names.join(', ')}: ${text})`);
}

export function formatCompareTable(rows: TableRow[], opts: { legend?: boolean } = {}): string {
  const lits = rows.map(literatureOf);
  const withLit = lits.some((l) => l !== undefined);
  // side66: measured rows (compare --measured) have no run settings or estimator: the columns are the simulated cases'
  const sim = rows.filter((r) => !r.measured);
  // what the cases were run at, shown only where they differ (a compare of currents); one current keeps the table's width
  const settings = SETTING_COLUMNS.filter((c) => new Set(sim.map((r) => settingOf(c, r))).size > 1);
  // the estimator after them, as compare.csv has it, where the cases differ in it (mends51: only the notes said so)
  const estimators = rows.map((r) => (r.measured ? '' : estimatorOf(r)));
  const withEstimator = new Set(sim.map(estimatorOf)).size > 1;
  // how the case's steps ended, compare.csv's ended_early, only where some case ended early (mends89: a plate cut short
  // read as one that ran its protocol); a table of cases that all ran to their end prints as before
  // (a seed that ran to its end, an empty part of compare.csv's `a; b` where the seeds differ, reads "-" here)
  const ended = rows.map((r) => endedEarlyOf(r).split('; ').map((e) => e || '-').join('; '));
  const withEnded = ended.some((e) => e !== '-');
  // mends127 (review91 F4): the plated metal neither stripped nor dead nor in SEI, after the SEI column, where a case has a CE
  const withKept = sim.some(hasCe);
  const colHeads = COLUMNS.flatMap((c) => (withKept && c.key === 'sei_charge_fraction' ? [c.head, KEPT_HEAD] : [c.head]));
  const head = ['case', ...settings.map((c) => c.head), ...(withEstimator ? ['estimator'] : []), ...colHeads, ...(withEnded ? [ENDED_HEAD] : []), ...(withLit ? ['lit. mV', 'model vs lit.'] : [])];
  const body = rows.map((r, i) => {
    const colCells = COLUMNS.flatMap((c) => (withKept && c.key === 'sei_charge_fraction' ? [cell(c, r.runs).text, keptCell(r.runs)] : [cell(c, r.runs).text]));
    const cells = [...settings.map((c) => settingText(settingOf(c, r))), ...(withEstimator ? [estimators[i] || '-'] : []), ...colCells, ...(withEnded ? [ended[i]!] : [])];
    if (withLit) {
      const l = lits[i];
      cells.push(l ? `${l.value} [${l.ref}]` : '-', l ? literatureVerdict(r, l) : '-');
    }
    return [r.name, ...cells];
  });
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  // numbers right-aligned, words left-aligned with their head: the case, the model vs lit. verdict, and a
  // column holding a word (the no-dip cell, "stripped"), whose head sat right-aligned over a column wide with it
  const left = head.map((h, i) => i === 0 || (withLit && i === head.length - 1) || (withEnded && h === ENDED_HEAD) || body.some((b) => /^[A-Za-z]/.test(b[i]!)));
  const line = (cells: string[]) => cells.map((c, i) => (left[i] ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ').trimEnd();
  const out = [line(head), line(w.map((x) => '-'.repeat(x))), ...body.map(line)];
  // a reading <= 0 is no dip, not a nucleation barrier: said under the table, as the screen marks it
  for (const r of rows) {
    out.push(...measuredNoteLines(r));
    const nd = noDipNote(r.runs.map((m) => m.nucleation_overpotential_mV).filter(Number.isFinite));
    if (nd) out.push(`note: ${r.name}: ${nd.note}`);
    // a compare's case is named by its variant: an estimator other than the default said under the table (review40: a
    // compare whose base set it printed the default's row names over other overpotentials); simulate's name says it already
    const est = r.runs.find((m) => m.estimator !== undefined && m.estimator !== 'rates')?.estimator;
    if (est && !r.name.includes(`(${est} estimator)`)) {
      out.push(`note: ${r.name}: read with the ${est} estimator (electrochem.estimator: ${est}), not the default rate sums: its overpotentials are not those a default run of the same box reads`);
    }
    const co = coalescedNote(r);
    if (co) out.push(co);
    // seeds stripped away (no deposit left) among others: the morphology columns are the others' (mends74)
    const stripped = r.runs.filter(fullyStripped).length;
    if (stripped > 0 && stripped < r.runs.length) {
      out.push(`note: ${r.name}: ${stripped} of ${plural(r.runs.length, 'seed')} stripped away (no metal left to measure): ${COLUMNS.filter((c) => c.morphology).map((c) => c.head).join(', ')} are over the ${plural(r.runs.length - stripped, 'seed')} that kept a deposit`);
    }
    // the seeds each cut interval is over: one count where they agree; else each column's (mends75: a morphology over the
    // seeds that kept a deposit was said to be over every seed)
    const cuts = cutColumnsOf(r);
    if (cuts.length) {
      const counts = new Set(cuts.map((x) => x.n));
      const overKept = (x: { column: { morphology?: boolean }; n: number }) => (x.column.morphology && x.n < r.runs.length ? `over the ${plural(x.n, 'seed')} that kept a deposit` : `over ${plural(x.n, 'seed')}`);
      out.push(counts.size === 1
        ? `note: ${r.name}: * ${cuts.map((x) => `${x.column.head}: ${x.cut}`).join('; ')}: the 95 % interval ${overKept(cuts[0]!)} ran past the quantity's physical bound and is shown cut there`
        : `note: ${r.name}: * ${cuts.map((x) => `${x.column.head}: ${x.cut}, ${overKept(x)}`).join('; ')}: each 95 % interval ran past the quantity's physical bound and is shown cut there`);
    }
  }
  if (opts.legend !== false) {
    out.push('');
    const seeds = Math.max(...rows.map((r) => r.runs.length));
    if (seeds > 1) out.push(`values: mean ±half-width of the 95 % interval over ${seeds} seeds (Student t); a value without ± is the same in every seed (to round-off)`);
    for (const c of settings) out.push(`  ${c.head.padEnd(11)} ${c.meaning} (${c.unit})`);
    if (withEstimator) out.push(`  ${'estimator'.padEnd(11)} ${ESTIMATOR_MEANING}`);
    for (const c of COLUMNS) {
      out.push(`  ${c.head.padEnd(11)} ${c.meaning} (${c.unit})`);
      if (withKept && c.key === 'sei_charge_fraction') out.push(`  ${KEPT_HEAD.padEnd(11)} ${KEPT_MEANING} (%)`);
    }
    if (withKept) out.push(...ceLines(sim));
    if (withEnded) out.push(`  ${ENDED_HEAD.padEnd(11)} ${ENDED_MEANING}`);
    const win = sampleWindowLine(sim);
    if (win) out.push(win);
    // a value, not a column: explained only under a table that shows it
    if (body.some((b) => b.slice(1).includes('stripped'))) out.push('  stripped    the deposit was fully stripped: no morphology to measure');
    // a cycled run's morphology is that of what its last strip left, not of a plated deposit: said (review38: Li on
    // Cu stripped to 1 V read "nuclei/um2 0.00, coverage 0.000, rms 105 nm" under a legend that did not say so)
    if (sim.some((r) => r.runs.some((m) => Number.isFinite(m.average_ce)))) {
      out.push(`  (${COLUMNS.filter((c) => c.morphology).map((c) => c.head).join(', ')}: the deposit at the end of the run; after a strip, what the last strip left, dead metal and metal it did not reach, not the plated deposit)`);
    }
    // mends61: the SAC share of a run that ends on a strip is of the few islands the strip left (examples/cycling-licu.yaml's
    // Zn-N4 case: 1.000 of 8 islands left, where its first nuclei read 0.750 of 16), which docs read as the first nuclei
    const endsOnStrip = rows.filter((r) => r.runs.some(hasSacs) && endsWithStrip(r));
    if (endsOnStrip.length) {
      // review65: a strip that left no first-layer island reads no share (-), where it read 0.000 and chance 0.000
      const none = endsOnStrip.some((r) => r.runs.some((m) => hasSacs(m) && m.sac_nucleation_share === null));
      out.push(`  (${shareHeads}: of ${endsOnStrip.length === rows.length ? 'every case' : endsOnStrip.map((r) => r.name).join(', ')}, whose last step is a strip: the first-layer islands that strip left (metal kept at SAC sites, dead metal), not the first nuclei${none ? ', - where it left none' : ''}; the first nuclei are read on a run of the first plating's start alone)`);
    }
    if (withLit) {
      out.push(`  lit. mV     nucleation overpotential reported in the literature for this case [review reference number]; "agrees" = within ${AGREEMENT_MV} mV of the model (of its 95 % interval with several seeds; one seed in a box narrower than ${SINGLE_SEED_BOX_UM} um gives no verdict)`);
      const seen = new Set<number>();
      lits.forEach((l, i) => {
        if (!l) return;
        out.push(`  [${l.ref}] ${rows[i]!.name}: ${l.value} ${l.unit} for ${l.subject}: "${l.quote}"${seen.has(l.ref) ? '' : ` - ${l.citation?.text ?? `review ref ${l.ref}`}`}`);
        seen.add(l.ref);
      });
    }
    const sign = signNote(sim);
    if (sign) out.push(sign);
    // side66: which rows are measured, how each was read, and that its other columns have no measured meaning
    for (const r of rows) {
      if (!r.measured) continue;
      // side66b: beside seed-averaged rows (compare --seeds) its figures are one cell's, one value each, with no interval
      out.push(`  (${measuredLegendText(r, sim.some((x) => x.runs.length > 1))})`);
    }
  }
  return out.join('\n');
}

/**
 * The legend's last line, the sign of the overpotentials (mends104; review82 finding 9: the progress line and eta.csv are
 * negative, the table positive, the overlay's axis negative, and only `nucleation` said which: its signLine). Undefined
 * where no case has a peak reading (ion walkers).
 */
export function signNote(rows: readonly TableRow[]): string | undefined {
  const read = (m: TableRow['runs'][number]) => Number.isFinite(m.peak_overpotential_mV) && m.peak_overpotential_mV > 0;
  const r = rows.find((x) => x.runs.some(read));
  if (!r) return undefined;
  const m = r.runs.find(read)!;
  return `sign: the mV columns are magnitudes, |eta|, positive while plating; eta.csv's overpotential_mV, the progress line and the figures' axes are signed, below 0 while the metal plates (a cycler's working electrode against the metal, EC-Lab's Ewe): ${r.name}${r.runs.length > 1 ? ` (seed ${m.seed})` : ''} reads -${m.peak_overpotential_mV.toFixed(1)} mV there at the peak`;
}


/** The nucleation column (its no-dip pairs are left out of the paired difference: mends120). */
export const NUCLEATION_COLUMN: Column = COLUMNS.find((c) => c.key === 'nucleation_overpotential_mV')!;

/** One column's paired difference of a case minus the first case over seeds: mean, 95 % t interval (n - 1 df), the pairs it is over. */
export interface PairedCell { mean: number; lo: number; hi: number; n: number; df: number }

/** A case minus the baseline case (the first unless --baseline), per column of the table (a column neither case has a value in is left out). */
export interface PairedRow {
  name: string; case: string; minus: string; cells: Map<Column, PairedCell>;
  /** users83: the pairs' seeds, this case's i-th against the first case's i-th; they differ where a variant gives its own seed */
  seeds: [number, number][];
  /**
   * mends120: the pairs left out of the nucleation difference because either seed's reading had no dip (<= 0: not a
   * nucleation barrier; the rule of compare.csv's nucleation_no_dip_seeds); 0 where none. paired.csv's
   * nucleation_no_dip_pairs, a note under the printed table.
   */
  nucleation_no_dip_pairs: number;
}

/**
 * `compare --seeds N` (mends104; review82 finding 4): each case after the first minus the first, column by column, the
 * differences taken seed by seed (the i-th seed of each case: the same seed number where the cases share the file's
 * seed) and their mean with its 95 % Student t interval, n - 1 degrees of freedom: stats/interval.ts pairedInterval, the
 * validation studies' method. A morphology pairs only the seeds that kept a deposit in both cases, a column the seeds
 * that have a value in both; with fewer than 2 such pairs the interval is NaN.
 */
export function pairedRows(rows: readonly TableRow[], baseline = 0): PairedRow[] {
  // cmp64: `compare --seeds N --baseline <case>` names the case the rows subtract (the first by default)
  const first = rows[baseline];
  if (!first) return [];
  return rows.filter((_r, i) => i !== baseline).map((r) => {
    const cells = new Map<Column, PairedCell>();
    let noDipPairs = 0;
    for (const c of COLUMNS) {
      if (c.applies && !(r.runs.some(c.applies) && first.runs.some(c.applies))) continue;
      const a: number[] = [], b: number[] = [];
      const n = Math.min(r.runs.length, first.runs.length);
      for (let i = 0; i < n; i++) {
        const x = r.runs[i]!, y = first.runs[i]!;
        if (c.morphology && (fullyStripped(x) || fullyStripped(y))) continue;
        const vx = x[c.key], vy = y[c.key];
        if (typeof vx === 'number' && typeof vy === 'number' && Number.isFinite(vx) && Number.isFinite(vy)) {
          // mends120: a no-dip reading on either side is no nucleation barrier to difference: the pair is left out, counted
          if (c.key === 'nucleation_overpotential_mV' && (isNoDip(vx) || isNoDip(vy))) { noDipPairs++; continue; }
          a.push(vx); b.push(vy);
        }
      }
      if (a.length === 0) continue;
      const iv = pairedInterval(a, b);
      cells.set(c, { mean: iv.mean, lo: iv.lo, hi: iv.hi, n: iv.n, df: iv.n - 1 });
    }
    const seeds = r.runs.slice(0, first.runs.length).map((m, i): [number, number] => [m.seed, first.runs[i]!.seed]);
    return { name: `${r.name} minus ${first.name}`, case: r.name, minus: first.name, cells, seeds, nucleation_no_dip_pairs: noDipPairs };
  });
}

const nucleationPairsLeft = (n: number) => (n > 0 ? `; the difference is over the ${n} pair(s) with a dip on both sides` : '; no pair had a dip on both sides: no difference');

/** The paired rows as printed under `compare --seeds`' table: the table's heads, each cell `mean [lo, hi]`. */
export function formatPairedTable(paired: readonly PairedRow[], seeds: number, chosenBy?: string): string {
  if (paired.length === 0) return '';
  const minus = paired[0]!.minus;
  // cmp64: which case the rows subtract, named, and what chose it (--baseline, the file's baseline:) or that it is the first
  const what = chosenBy !== undefined ? `the baseline, ${minus} (${chosenBy})` : `the first case, ${minus} (--baseline <case> or the file's baseline: names another)`;
  const cols = COLUMNS.filter((c) => paired.some((p) => p.cells.has(c)));
  const text = (c: Column, v: PairedCell | undefined) => {
    if (!v) return '-';
    const f = (x: number) => c.fmt(x).replace(/^-(0\.?0*)$/, '$1');
    return Number.isFinite(v.lo) ? `${f(v.mean)} [${f(v.lo)}, ${f(v.hi)}]` : f(v.mean);
  };
  const head = ['paired difference', ...cols.map((c) => c.head)];
  const body = paired.map((p) => [p.name, ...cols.map((c) => text(c, p.cells.get(c)))]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ').trimEnd();
  const fewer = paired.some((p) => [...p.cells.values()].some((v) => v.n < seeds));
  // users83: a variant's own seed (g5 seeds 5-7 against g1's 1-3) paired runs of different seeds, said nowhere
  const range = (xs: number[]) => (xs.length > 1 ? `${xs[0]}-${xs.at(-1)}` : String(xs[0]));
  const notes = paired.filter((p) => p.seeds.some(([a, b]) => a !== b)).map((p) => `note: ${p.name}: its seeds (${range(p.seeds.map((x) => x[0]))}) are not ${p.minus}'s (${range(p.seeds.map((x) => x[1]))}): each difference is of two runs on different seeds; give the cases one seed (the file's, none in the variants) to pair runs of the same seed`);
  // mends120: the pairs a no-dip reading left out of the nucleation difference
  notes.push(...paired.filter((p) => p.nucleation_no_dip_pairs > 0).map((p) => `note: ${p.name}: nucleation: ${p.nucleation_no_dip_pairs} of ${p.seeds.length} pairs left out (no dip in one seed of the pair or both: a reading <= 0 is not a nucleation barrier)${nucleationPairsLeft(p.cells.get(NUCLEATION_COLUMN)?.n ?? 0)}`));
  // mends65: one seed (plain compare --baseline): one difference per column, no interval, said so
  if (seeds === 1) {
    return [line(head), line(w.map((x) => '-'.repeat(x))), ...body.map(line), ...notes, '',
      `paired: each case minus ${what}, one seed each (its run minus ${minus}'s), the difference of the two runs: one pair, so no 95 % interval and nothing tested against the seed-to-seed spread; --seeds N (2 or more) gives the mean difference with its interval`].join('\n');
  }
  return [line(head), line(w.map((x) => '-'.repeat(x))), ...body.map(line), ...notes, '',
    `paired: each case minus ${what}, seed by seed (its i-th seed minus ${minus}'s i-th), mean [95 % interval] of the ${seeds} differences, Student t with ${seeds - 1} df (the validation studies' pairedInterval)` +
    (fewer ? '; a morphology over the seeds that kept a deposit in both cases, a column over the seeds with a value in both (fewer pairs, fewer df)' : '') +
    '; an interval that excludes 0 is a difference resolved at 95 %'].join('\n');
}

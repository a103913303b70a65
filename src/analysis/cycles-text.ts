/**
 * How a cycler report counts its rows and cycles, shared by `sacplate analyze` (report.ts, its format line) and the
 * workbench's Cycler page title (web/src/pages/cycler.ts). No Node imports: the web page bundles this file.
 */
import { plural } from '../plural.js';
import { isNoDip } from './nucleation.js';
import type { NucleationReading } from './symmetric.js';

/** '12 rows, 3 cycles by the current sign', or for a file at rest throughout '0 cycles: the file holds only rest ...' */
export function rowsAndCyclesText(r: { rows: number; cycles: number; cycles_counted_by: 'cycle column' | 'current sign'; only_rest?: true }): string {
  const cycles = r.only_rest ? '0 cycles: the file holds only rest (no row passes current)'
    : `${plural(r.cycles, 'cycle')} ${r.cycles_counted_by === 'cycle column' ? "by the file's cycle column" : 'by the current sign'}`;
  return `${plural(r.rows, 'row')}, ${cycles}`;
}

/**
 * The detail of the `info rest` line under `sacplate analyze`'s checks (report.ts) and the last row of the Cycler page's
 * checks table (polish64: the page left it out, webaudit64): which current the report reads as rest.
 */
export function restInfoText(rest: { threshold_A: number; from_steps: boolean }): string {
  return `|I| <= ${(rest.threshold_A * 1e3).toPrecision(3)} mA${rest.from_steps ? ", except where the file's own labels or steps say what a sample is doing" : ''}`;
}

/**
 * The lines `sacplate analyze --protocol symmetric` prints above its cycle table on how the cycles were paired: a file
 * cycle split into several plate/strip pairs (review70, report.json's `file_cycles_split`) and a cycle column that counts
 * up between a pair's two halves (mends91, `pairs_across_file_cycles` with `pairing_first_sign`). The Cycler page shows
 * the same lines above its cycle table (mends93: it showed neither). A file that starts with a strip has its pairing said
 * too (mends93), and a simulated run's eta.csv (`format` sacplate-eta) that its cycles.csv pairs the other way.
 */
export function symmetricPairingLines(s: { cycles: readonly unknown[]; file_cycles_split?: readonly number[]; pairs_across_file_cycles?: readonly number[]; pairing_first_sign?: -1 | 1 }, format?: string): { split?: string; pairing?: string } {
  const out: { split?: string; pairing?: string } = {};
  // a simulated run that strips first (mends93): its own cycles.csv pairs each plating with the strip after it (the Li||Cu
  // cycle, whose CE is the strip over the plating before it), so its cycles and their plateaus are of other pairs
  const runNote = format === 'sacplate-eta' && s.pairing_first_sign === 1
    ? "; the run's own cycles.csv pairs each plating with the strip after it (a Li||Cu cycle, for its CE; its first strip is in no cycle there): its cycles are other pairs, their plateaus and hysteresis other numbers (docs/cycler.md, \"Which halves a cycle pairs\")" : '';
  const first5 = (a: readonly number[]) => `${a.slice(0, 5).join(', ')}${a.length > 5 ? ', ...' : ''}`;
  // a file cycle of several plate/strip pairs, each read as a cycle (review70): the format line counts the column's values
  const sp = s.file_cycles_split;
  if (sp) out.split = `${plural(s.cycles.length, 'cycle')}: each plating with the strip after it (or the reverse, as the file starts), where the file's cycle column holds more than one in a cycle (its cycle ${first5(sp)}: a column that does not count them, as an Arbin schedule without a cycle-index increment); the file's number kept as file_cycle`;
  // a cycle column that counts up between a pair's two halves (mends91, review70's finding): which pairing was read
  const ac = s.pairs_across_file_cycles;
  if (ac) {
    const [a, b] = s.pairing_first_sign === 1 ? ['strip', 'plating'] : ['plating', 'strip'];
    out.pairing = `${plural(s.cycles.length, 'cycle')}: each ${a} with the ${b} after it, in the order of the half cycles: the file's cycle column counts up between the two, at the ${b} of cycle ${first5(ac)}, so its own cycles would pair each ${b} with the next ${a}; the file's number of each cycle's ${a} kept as file_cycle${runNote}`;
  } else if (s.pairing_first_sign === 1) {
    // a file that starts with a strip (mends93): said, as a plating-first file's pairing goes without saying
    out.pairing = `${plural(s.cycles.length, 'cycle')}: each strip with the plating after it, as the file starts with a strip (a cycler numbers a schedule's cycles in the order it runs their halves)${runNote}`;
  }
  return out;
}

/** mV of a reading in V to 2 decimals, `-` where none (report.ts's) */
const mV = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : (v * 1e3).toFixed(2));

/**
 * A nucleation reading in words: a reading <= 0 is no dip (|V| still rising past the plateau window's start), not a
 * barrier, as the simulator's tables say. `sacplate analyze`'s lines (report.ts); here since mends96 so that the Cycler
 * page shows the symmetric one word for word.
 */
export function nucleationLine(what: string, n: Pick<NucleationReading, 'nucleation_V' | 'peak_V' | 'peak_time_s' | 'plateau_V'>): string {
  return `${what} ${mV(n.nucleation_V)} mV${isNoDip(n.nucleation_V) ? ' (no dip: not a nucleation barrier)' : ''} (peak ${mV(n.peak_V)} mV at ${n.peak_time_s.toFixed(1)} s, plateau ${mV(n.plateau_V)} mV)`;
}

/**
 * Which half a symmetric file's nucleation overpotential was read from, where the file starts with a strip (mends94): the
 * first half of a cell voltage (the other electrode plates then), the first plating of a working electrode's own trace.
 */
export function readFromText(n: Pick<NucleationReading, 'read_from' | 'half_cycle' | 'cycle'>, hcs: readonly { index: number; cycle: number }[]): string {
  const why = 'docs/cycler.md, "Which half the nucleation overpotential is read from"';
  if (n.read_from === 'first_half') return `, read from the first half cycle, a strip of the working electrode as the file signs it: in a symmetric cell the other electrode plates then, onto its unused surface, and the cell voltage carries that plating's dip (${why})`;
  if (n.read_from === 'first_plating') {
    const j = hcs.findIndex((h) => h.index === n.half_cycle);
    return `, read from the first plating (half cycle ${j + 1}, in cycle ${n.cycle}), as the run's metrics.json reads it: the trace is the working electrode's own overpotential, and its first half is a strip, no nucleation (${why})`;
  }
  return '';
}

/**
 * The line `sacplate analyze --protocol symmetric` prints for its nucleation reading, with the half it was read from
 * where the file starts with a strip (mends94's `read_from`); the Cycler page shows it under its nucleation table (mends96:
 * it showed the numbers without the half).
 */
export function symmetricNucleationLine(s: { nucleation: NucleationReading; half_cycles: readonly { index: number; cycle: number }[] }): string {
  return `${nucleationLine('nucleation overpotential', s.nucleation)}${readFromText(s.nucleation, s.half_cycles)}`;
}

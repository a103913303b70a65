/**
 * How a cycler report counts its rows and cycles, shared by `sacplate analyze` (report.ts, its format line) and the
 * workbench's Cycler page title (web/src/pages/cycler.ts). No Node imports: the web page bundles this file.
 */
import { plural } from '../plural.js';

/** '12 rows, 3 cycles by the current sign', or for a file at rest throughout '0 cycles: the file holds only rest ...' */
export function rowsAndCyclesText(r: { rows: number; cycles: number; cycles_counted_by: 'cycle column' | 'current sign'; only_rest?: true }): string {
  const cycles = r.only_rest ? '0 cycles: the file holds only rest (no row passes current)'
    : `${plural(r.cycles, 'cycle')} ${r.cycles_counted_by === 'cycle column' ? "by the file's cycle column" : 'by the current sign'}`;
  return `${plural(r.rows, 'row')}, ${cycles}`;
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

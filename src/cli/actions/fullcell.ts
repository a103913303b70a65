/**
 * `sacplate fullcell <file> [--out dir]`: capacity retention of a full cell whose metal inventory
 * fades by the anode's Coulombic efficiency (fullcell/inventory.ts). The file:
 *
 *   cathode: LFP                 # LFP, NCM811, S (fullcell/cathodes.ts)
 *   loading: 10 mg/cm2           # optional: the set's typical loading otherwise
 *   np: [0, 1, 2]                # N/P ratio(s); 0 = anode-free
 *   cycles: 300
 *   anode: { ce: 0.995 }         # a CE, or a list per cycle (the last repeats)
 *   anode: { run: anode-licu-carbonate.yaml }   # or simulate a Li||Cu run file (one run) and use its CE per cycle
 *
 * Prints, per N/P, the first discharge, the retention after the last cycle (relative to that first
 * discharge) and cycles_to_80pct; --out writes
 * fullcell.csv (one row per N/P and cycle) and fullcell.json.
 *
 * The work of this command (the library's fullCellOf, src/fullcell/library.ts; here the table and the
 * files); its flags and help text are in commands/fullcell.ts, which loads this file only when it runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullCellOf } from '../../fullcell/library.js';
import { writeCsv } from '../../io/csv.js';
import { prepareOutDir } from '../../io/dirs.js';

export function fullcell(file: string, opts: { out?: string; force?: boolean }): void {
  // checked before the work: a previous run's folder is not written into
  if (opts.out !== undefined) prepareOutDir(opts.out, { force: opts.force === true }); // --out "" is an error, not "no outputs"
  const { results: byNp, ...spec } = fullCellOf(file);
  const results = byNp.map((r) => [r.np, r] as const);
  const meanCe = spec.ce.reduce((s, x) => s + x, 0) / spec.ce.length;
  // the first discharge beside the retention: retention is relative to it, so an anode-free cell
  // at CE 0.3 read 100 % at cycle 1 with 70 % of the cathode's capacity already lost
  const head = ['N/P', 'first discharge (mAh/cm2)', `retention after cycle ${spec.cycles}`, 'cycles_to_80pct'];
  const rows = results.map(([np, r]) => [String(np), r.cycles[0]!.discharge_mAh_per_cm2.toFixed(3), `${(r.final_retention * 100).toFixed(2)} %`, String(r.cycles_to_80pct ?? `> ${spec.cycles}`)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const lines = [
    `cathode ${spec.cathode}, ${spec.capacity_mAh_per_cm2.toFixed(3)} mAh/cm2; anode CE from ${spec.ce_source}: mean ${(meanCe * 100).toFixed(3)} %; retention = discharge / first discharge`,
    ...[head, ...rows].map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('   ')),
  ];
  for (const n of spec.notes) lines.push(`note: ${n}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    const head = ['np', 'cycle', 'ce', 'charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'retention', 'anode_excess_mAh_per_cm2', 'lost_mAh_per_cm2'];
    writeCsv(join(opts.out, 'fullcell.csv'), head, results.flatMap(([np, r]) => r.cycles.map((c) => [np, c.cycle, c.ce, c.charge_mAh_per_cm2, c.discharge_mAh_per_cm2, c.retention, c.anode_excess_mAh_per_cm2, c.lost_mAh_per_cm2])));
    writeFileSync(join(opts.out, 'fullcell.json'), JSON.stringify({ ...spec, results: results.map(([np, r]) => ({ np, final_retention: r.final_retention, cycles_to_80pct: r.cycles_to_80pct })) }, null, 2) + '\n');
  }
}

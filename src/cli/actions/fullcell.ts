/**
 * `sacplate fullcell <file> [--out dir]`: capacity retention of a full cell whose metal inventory
 * fades by the anode's Coulombic efficiency (fullcell/inventory.ts). The file:
 *
 *   cathode: LFP                 # LFP, NCM811, S (Li); NVP (Na); KMnHCF (K) (fullcell/cathodes.ts)
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
import { Worker } from 'node:worker_threads';
import { onStopSignals, doneStarting, endOnStop } from '../signals.js';
import { RUNNING, FINISHED, STOPPED } from '../../fullcell/worker-state.js';
import { fullCellOf, fullCellMeasuredOf, type FullCellReport } from '../../fullcell/library.js';
import { readInputFile } from '../../input/parse.js';
import { inputFilesOf } from '../../input/named-files.js';
import { isMap } from '../../args.js';
import { InputError } from '../../errors.js';
import { writeCsv } from '../../io/csv.js';
import { prepareOutDir } from '../../io/dirs.js';
import { progressBar } from '../progress-bar.js';
import { reviveError, type SerialisedError } from '../../simulation/worker-errors.js';
import type { ProgressInfo } from '../../simulation/simulation.js';

/** The file names an anode run, or a measured anode file (one that does not read is left to fullCellOf, which says why). */
function anodeKind(file: string): 'run' | 'file' | undefined {
  try {
    const d = readInputFile(file);
    return isMap(d) && isMap(d.anode) ? (d.anode.run !== undefined ? 'run' : d.anode.file !== undefined ? 'file' : undefined) : undefined;
  } catch { return undefined; }
}

/**
 * For tests only (test/fullcell-anode-run.test.ts): called when the worker's finished report has come, before it is
 * read, so that a test can stop the command with the report in flight (the worker done, this thread not yet told).
 * Unset, nothing is called.
 */
export const fullcellTestHooks: { beforeReport?: () => void } = {};

/**
 * fullCellOf on a worker thread with simulate's progress bar (a line every 2 s when stderr is no terminal), so that
 * Ctrl-C (or SIGTERM) reaches this thread while the anode run simulates: it stops the work at once (a half-run anode
 * gives no CE per cycle; nothing has been written), says so and exits 130, as simulate does. Undefined when stopped.
 * A stop that lands once the worker has finished (its report posted, not yet read here) is not a cancel (mends63, the
 * rule of flaky62 and mends62c): it says so and the report is written, exit 0. Who came first is settled on one shared
 * word (RUNNING -> FINISHED by the worker, RUNNING -> STOPPED here), so the worker posts no report once the stop has
 * been said, and the stop never says "had not finished" of a run that had.
 */
async function inWorker(file: string): Promise<FullCellReport | undefined> {
  const bar = progressBar('anode run');
  const state = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(new URL('../../fullcell/worker.js', import.meta.url), { workerData: { file, state } });
  let stopped = false;
  // the first signal ends the work (the worker terminated) or finds it done; later ones have nothing left to stop
  const offSignals = onStopSignals((sig) => {
    if (Atomics.compareExchange(state, 0, RUNNING, STOPPED) === FINISHED) {
      process.stderr.write(`\nsacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}the anode run had finished before the stop took effect: the result follows\n`);
      return;
    }
    stopped = true;
    bar.stop();
    process.stderr.write(`\nsacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}stopped: the anode run had not finished (its CE per cycle is the full cell's input); nothing written\n`);
    void w.terminate();
  }, null);
  try {
    return await new Promise<FullCellReport | undefined>((resolve, reject) => {
      w.on('message', (m: { type: string; p?: ProgressInfo; report?: FullCellReport; error?: SerialisedError }) => {
        if (stopped) return; // said stopped: nothing of the run is used
        if (m.type === 'progress') bar.update(m.p!);
        else if (m.type === 'done') { fullcellTestHooks.beforeReport?.(); resolve(m.report); }
        else if (m.type === 'error') reject(reviveError(m.error!));
      });
      w.on('error', (e) => { if (!stopped) reject(e); });
      w.on('exit', (code) => {
        if (stopped) { process.exitCode = 130; resolve(undefined); } else reject(new Error(`fullcell worker exited with code ${code} before finishing`));
      });
    });
  } finally {
    bar.stop();
    endOnStop(); // a stop from here on (the table and files are written at once) exits with the code set, saying nothing
    offSignals();
  }
}

export async function fullcell(file: string, opts: { out?: string; force?: boolean; anodeFile?: string; anodeProtocol?: string; anodeFromCycle?: string; anodeArea?: string[]; anodeMap?: string }): Promise<void> {
  // checked before the work: a previous run's folder is not written into; --force clears it once there is a report to
  // write (a missing or bad full-cell file, or a stopped anode run, left it cleared; review34)
  const clearOut = opts.out !== undefined ? prepareOutDir(opts.out, { force: opts.force === true, inputs: [...inputFilesOf(file), ...(opts.anodeFile !== undefined ? [opts.anodeFile] : [])], laterClear: true }) : () => {}; // --out "" is an error, not "no outputs"
  // a measured anode (anode: { file } or --anode-file; side66): the cycler file read by analyze's code, asynchronously
  const fromCycle = opts.anodeFromCycle === undefined ? undefined : /^\s*\d+\s*$/.test(opts.anodeFromCycle) ? Number(opts.anodeFromCycle) : NaN;
  if (Number.isNaN(fromCycle)) throw new InputError('--anode-from-cycle', opts.anodeFromCycle, 'a cycle number, 1 or more (2 leaves out the first plating, onto the bare electrode)');
  const anodeArea = opts.anodeArea?.join(' ');
  const measured = opts.anodeFile !== undefined || opts.anodeProtocol !== undefined || fromCycle !== undefined || anodeArea !== undefined || opts.anodeMap !== undefined || anodeKind(file) === 'file';
  // (without an anode run it computes here at once: a stop takes Node's default from then on; signals.ts)
  const report = measured ? (await doneStarting(), await fullCellMeasuredOf(file, { ...(opts.anodeFile !== undefined ? { anodeFile: opts.anodeFile } : {}), ...(opts.anodeProtocol !== undefined ? { anodeProtocol: opts.anodeProtocol } : {}), ...(fromCycle !== undefined ? { anodeFromCycle: fromCycle } : {}), ...(anodeArea !== undefined ? { anodeArea } : {}), ...(opts.anodeMap !== undefined ? { anodeMap: opts.anodeMap } : {}) }))
    : anodeKind(file) === 'run' ? await inWorker(file) : (await doneStarting(), fullCellOf(file));
  if (report === undefined) return; // stopped by Ctrl-C / SIGTERM: said, exit 130
  const { results: byNp, ...spec } = report;
  const results = byNp.map((r) => [r.np, r] as const);
  // the mean of the CEs the cell ran: a list longer than the cycles is used up to them (cycaudit64; the list's last value
  // repeats after it, which the source says, and the mean stays the list's: the run's or the given CE, not the cycles')
  const ran = spec.ce.slice(0, spec.cycles);
  const meanCe = ran.reduce((s, x) => s + x, 0) / ran.length;
  // a shorter list's last value repeats to the end: the cycles' mean beside the list's (cli66: a Li||Cu test's five CEs,
  // 86.09-98.05 %, for 100 cycles printed "mean 94.742 %" alone, where the cell ran 98.05 % in 95 of them: 97.885 %)
  const repeats = spec.cycles - ran.length;
  const cyclesMean = repeats > 0 ? (ran.reduce((s, x) => s + x, 0) + repeats * ran[ran.length - 1]!) / spec.cycles : undefined;
  const meanText = cyclesMean === undefined ? `mean ${(meanCe * 100).toFixed(3)} %`
    : `mean ${(meanCe * 100).toFixed(3)} % of the ${ran.length} given (${(cyclesMean * 100).toFixed(3)} % over the ${spec.cycles} cycles)`;
  // the first discharge beside the retention: retention is relative to it, so an anode-free cell
  // at CE 0.3 read 100 % at cycle 1 with 70 % of the cathode's capacity already lost
  const head = ['N/P', 'first discharge (mAh/cm2)', `retention after cycle ${spec.cycles}`, 'cycles_to_80pct'];
  const rows = results.map(([np, r]) => [String(np), r.cycles[0]!.discharge_mAh_per_cm2.toFixed(3), `${(r.final_retention * 100).toFixed(2)} %`, String(r.cycles_to_80pct ?? `> ${spec.cycles}`)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const lines = [
    `cathode ${spec.cathode}, ${spec.capacity_mAh_per_cm2.toFixed(3)} mAh/cm2; anode CE from ${spec.ce_source}: ${meanText}; retention = discharge / first discharge`,
    ...[head, ...rows].map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('   ')),
  ];
  for (const n of spec.notes) lines.push(`note: ${n}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (opts.out) {
    clearOut();
    mkdirSync(opts.out, { recursive: true });
    const head = ['np', 'cycle', 'ce', 'charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'retention', 'anode_excess_mAh_per_cm2', 'lost_mAh_per_cm2'];
    // the mAh/cm2 columns to 1e-12 mAh/cm2 (mends127, review91 F9: the recursion's float residue printed an excess used up
    // as 4.55191440096e-14 and 0.0085 as 0.00850000000005); the retention and the CE as computed
    const mAh = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e12) / 1e12 + 0 : x);
    writeCsv(join(opts.out, 'fullcell.csv'), head, results.flatMap(([np, r]) => r.cycles.map((c) => [np, c.cycle, c.ce, mAh(c.charge_mAh_per_cm2), mAh(c.discharge_mAh_per_cm2), c.retention, mAh(c.anode_excess_mAh_per_cm2), mAh(c.lost_mAh_per_cm2)])));
    writeFileSync(join(opts.out, 'fullcell.json'), JSON.stringify({ ...spec, results: results.map(([np, r]) => ({ np, first_discharge_mAh_per_cm2: r.cycles[0]!.discharge_mAh_per_cm2, final_retention: r.final_retention, cycles_to_80pct: r.cycles_to_80pct })) }, null, 2) + '\n');
  }
}

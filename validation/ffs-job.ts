/**
 * Child process of study nucleation-ffs: reads one job (JSON on stdin), runs it, writes the result (JSON on stdout).
 * A job is a forward flux sampling of a box (ffs.ts runFfs) or a batch of brute-force runs of a box (runAtomistic, one
 * per seed). A process rather than a worker thread so that process.cpuUsage() is this job's CPU alone (Node 20 has no
 * per-thread CPU clock), which the study reports beside the events. The results are those of the same calls in the
 * study's own process.
 */
import { runAtomistic, type AtomisticSpec } from '../src/nucleation/atomistic.js';
import { runFfs, type FfsBoxSpec, type FfsOptions, type FfsResult } from '../src/nucleation/ffs.js';

export type FfsJob =
  | { kind: 'ffs'; box: FfsBoxSpec; options: Omit<FfsOptions, 'progress'> }
  | { kind: 'brute'; specs: AtomisticSpec[] };

/** a brute-force run as the study needs it (first-passage times as an array, NaN as null in JSON) */
export interface BruteRun { firstPassage_s: (number | null)[]; reached: boolean; events: number; time_s: number }
export type FfsJobResult = { ffs?: FfsResult; runs?: BruteRun[]; wall_s: number; cpu_s: number };

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const job = JSON.parse(input) as FfsJob;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = job.kind === 'ffs'
    ? { ffs: runFfs(job.box, job.options) }
    : { runs: job.specs.map((s): BruteRun => { const r = runAtomistic(s); return { firstPassage_s: [...r.firstPassage_s].map((v) => (Number.isFinite(v) ? v : null)), reached: r.reached, events: r.events, time_s: r.time_s }; }) };
  const c = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ...out, wall_s: (performance.now() - t0) / 1000, cpu_s: (c.user + c.system) / 1e6 }));
});

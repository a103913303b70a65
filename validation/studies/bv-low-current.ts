/**
 * Butler-Volmer at j = 0.1 i0 on the metal's own stepped foil, and why the 32 x 32 box of `bv-asinh`
 * misses it (9.2 mV where Butler-Volmer gives 2.57).
 *
 * Mechanism (docs/model.md, "j = 0.1 i0"): with periodic boundaries the stepped foil is a staircase k
 * levels up and k down, a surface modulation one box wide, not a vicinal surface; every up-step has a
 * down-step partner, and surface diffusion anneals the hills into the valleys (Mullins, relaxation
 * time ~ wavelength^4). On 32 x 32 voxels of 10 nm it is flat, without steps or kinks, within about
 * 10-25 s, while a step at 0.1 i0 (0.2 monolayers) lasts 15 s: the measurement is then of a flat
 * face, where a layer grows (or is stripped) by 2D nucleation of islands (vacancy islands), which
 * needs a driving force of order kT/e, in both directions. The box's open-circuit potential on that
 * face is the Gibbs-Thomson potential of whatever small islands or vacancy islands are left, not the
 * kink potential: it wanders from run to run. The same foil on 64 x 64 voxels (the modulation twice
 * as long, about 16 times slower to anneal) is still stepped at the end of the step.
 *
 * Measured here, Li (i0 1 mA/cm2, alpha 1/2), voxels of 10 nm, terraces 4 wide, C_dl 20 uF/cm2,
 * 0.2 monolayers at 0.1 mA/cm2 (15 s), plating (4 foil layers) and stripping (10), on 32 x 32
 * (seeds 1-3) and 64 x 64 voxels (seeds 1-6): eta = time-weighted mean of the double-layer potential over the second
 * half of the step (as in `bv-asinh`), and the step length left at the end (bv-surface.ts). The
 * linear-polarisation row is half the difference of the plating and stripping overpotentials of the
 * same seed: an offset of the box's own open-circuit potential common to both directions cancels in
 * it. The runs go three at a time in worker threads (each run is one seeded Simulation; the results
 * do not depend on the order).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { surfaceCensus } from './bv-surface.js';

const KB = 8.617333262e-5;
const ML_MAH = 2.0947e-3; // one monolayer of 10 nm Li voxels, mAh/cm2
/** seeds per box size: the 64 x 64 runs resolve a 0.13 mV (5 %) difference only with about 6 seeds (3 gave +-0.38 mV) */
const SEEDS: Record<number, number[]> = { 32: [1, 2, 3], 64: [1, 2, 3, 4, 5, 6] };
const SIZES = [32, 64];
const RATIO = 0.1;
const MONOLAYERS = 0.2;

interface Job { kind: 'Plate' | 'Strip'; size: number; seed: number }
interface Result extends Job { eta_mV: number; stepsLeft: number; kinksStart: number; kinksEnd: number; wall_s: number }

function measure(job: Job): Result {
  const t0 = performance.now();
  const mAh = (MONOLAYERS * ML_MAH).toPrecision(4);
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [job.size, job.size, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li',
    host_layers: job.kind === 'Plate' ? 4 : 10, protocol: [`${job.kind} ${mAh} mAh/cm2 at ${RATIO} mA/cm2`], seed: job.seed,
    output: { snapshots: false, sample: `${(Number(mAh) / 100).toPrecision(3)} mAh/cm2` },
  });
  const sim = new Simulation(run);
  const c0 = surfaceCensus(sim);
  sim.runAll();
  const c1 = surfaceCensus(sim);
  const tr = sim.trace, n = tr.kmc_time_s.length;
  let num = 0, den = 0;
  for (let i = Math.floor(n / 2) + 1; i < n; i++) { const dt = tr.kmc_time_s[i]! - tr.kmc_time_s[i - 1]!; num += -tr.overpotential_mV[i]! * dt; den += dt; }
  return { ...job, eta_mV: num / den, stepsLeft: c1.stepLength / c0.stepLength, kinksStart: c0.kinks, kinksEnd: c1.kinks, wall_s: (performance.now() - t0) / 1000 };
}

if (!isMainThread && (workerData as { bvLowCurrent?: Job } | null)?.bvLowCurrent) {
  parentPort!.postMessage(measure((workerData as { bvLowCurrent: Job }).bvLowCurrent));
}

/** Runs the jobs `parallel` at a time, each in its own worker thread. */
async function runAll(jobs: Job[], parallel: number): Promise<Result[]> {
  const out: Result[] = new Array(jobs.length);
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await new Promise<Result>((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { bvLowCurrent: jobs[i] } });
        w.once('message', (r: Result) => { resolve(r); void w.terminate(); });
        w.once('error', reject);
      });
      const r = out[i]!;
      process.stderr.write(`bv-low-current: ${r.kind} ${r.size} x ${r.size} seed ${r.seed}: ${r.eta_mV.toFixed(2)} mV, steps left ${r.stepsLeft.toFixed(2)}, ${r.wall_s.toFixed(0)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
  return out;
}

export const study: ValidationStudy = {
  id: 'bv-low-current',
  title: 'Butler-Volmer at j = 0.1 i0 on a stepped Li foil: box size and the foil\'s steps',
  async run(): Promise<ValidationEntry[]> {
    const jobs: Job[] = [];
    // the large runs first, so that the two workers finish together
    for (const size of [...SIZES].reverse()) for (const kind of ['Plate', 'Strip'] as const) for (const seed of SEEDS[size]!) jobs.push({ kind, size, seed });
    const res = await runAll(jobs, 3);
    const pick = (kind: 'Plate' | 'Strip', size: number) => SEEDS[size]!.map((s) => res.find((r) => r.kind === kind && r.size === size && r.seed === s)!);
    const bv = 2 * KB * 298.15 * Math.asinh(RATIO / 2) * 1000;
    const out: ValidationEntry[] = [];
    for (const size of SIZES) {
      for (const kind of ['Plate', 'Strip'] as const) {
        const rs = pick(kind, size), v = rs.map((r) => r.eta_mV), iv = meanInterval(v);
        const ref = kind === 'Plate' ? bv : -bv;
        const signOk = v.every((x) => Math.sign(x) === Math.sign(ref));
        out.push({
          id: `bv-low-${kind.toLowerCase()}-${size}`, quantity: `${kind === 'Plate' ? 'plating' : 'stripping'} overpotential on a stepped Li foil, j / i0 = 0.1, ${size} x ${size} voxels of 10 nm`,
          published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
          measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi],
          runs: `seeds ${SEEDS[size]!.join(', ')}: ${v.map((x) => x.toFixed(2)).join(', ')} mV; ${MONOLAYERS} monolayers (15 s)`,
          pass: Math.abs(iv.mean / ref - 1) <= 0.05 && signOk,
          note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %, sign ${signOk ? 'right' : 'WRONG'}); step length left at the end ${rs.map((r) => r.stepsLeft.toFixed(2)).join(', ')} of the fresh foil's (kinks ${rs[0]!.kinksStart} at the start, ${rs.map((r) => r.kinksEnd).join(', ')} at the end)`,
        });
      }
      // linear polarisation: half the difference of the paired plating and stripping runs
      const p = pick('Plate', size), s = pick('Strip', size);
      const lp = SEEDS[size]!.map((_, i) => (p[i]!.eta_mV - s[i]!.eta_mV) / 2), il = meanInterval(lp);
      const off = SEEDS[size]!.map((_, i) => (p[i]!.eta_mV + s[i]!.eta_mV) / 2), io = meanInterval(off);
      out.push({
        id: `bv-low-linpol-${size}`, quantity: `linear polarisation at j / i0 = +-0.1: (eta_plate - eta_strip) / 2, paired seeds, ${size} x ${size} voxels of 10 nm`,
        published: `${bv.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0) (R_ct = kT / (e i0) = 25.7 ohm cm2 at 1 mA/cm2)',
        measured: il.mean, unit: 'mV', interval: [il.lo, il.hi], runs: `seeds ${SEEDS[size]!.join(', ')}: ${lp.map((x) => x.toFixed(2)).join(', ')} mV`,
        pass: Math.abs(il.mean / bv - 1) <= 0.05,
        note: `error ${(100 * (il.mean / bv - 1)).toFixed(1)} % (tolerance 5 %); the common part (eta_plate + eta_strip) / 2, an offset of the box's own open-circuit potential, is ${io.mean.toFixed(2)} mV [${io.lo.toFixed(2)}, ${io.hi.toFixed(2)}]`,
      });
    }
    return out;
  },
};

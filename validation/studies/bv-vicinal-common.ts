/**
 * Butler-Volmer runs on the vicinal foil (`lattice.foil: 'vicinal'`, helical boundaries:
 * kmc/helical-lattice.ts, simulation/vicinal-foil.ts) for the `bv-vicinal-*` studies: the protocols
 * of `bv-asinh` and `bv-low-current` (Li, i0 1 mA/cm2, alpha 1/2, voxels of 10 nm, terraces 4 wide,
 * C_dl 20 uF/cm2, 4 foil layers under a plating run and 10 under a stripping one; eta = time-weighted
 * mean of the double-layer potential over the second half of the step), on a box tall enough for
 * the miscut (input/vicinal.ts). Each run also reports the step length and kinks of its surface at
 * the start and the end. Runs go in worker threads (validation/bv-vicinal-worker.ts), `parallel` at a time (each is one
 * seeded Simulation; the results do not depend on the order).
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CONST } from '../../src/units.js';
import { runWorkerJobs } from '../worker-jobs.js';
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry } from '../types.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { surfaceSteps } from '../../src/simulation/vicinal-foil.js';
import { vicinalHeight } from '../../src/input/vicinal.js';

/** Boltzmann constant, eV/K (src/units.ts) */
export const KB = CONST.kB_eV;
/** one monolayer of 10 nm Li voxels, mAh/cm2 */
export const ML_MAH = 2.0947e-3;
export const TERRACE = 4;

/** Butler-Volmer, alpha 1/2, 25 degC: (2kT/e) asinh(j / 2 i0), mV */
export const butlerVolmer = (ratio: number): number => 2 * KB * 298.15 * Math.asinh(ratio / 2) * 1000;

export interface VicinalJob { kind: 'Plate' | 'Strip'; ratio: number; monolayers: number; size: number; seed: number; hops?: 'balanced'; /** terrace width, voxels (default TERRACE) */ terrace?: number }
export interface VicinalResult extends VicinalJob { eta_mV: number; stepsStart: number; stepsEnd: number; kinksStart: number; kinksEnd: number; wall_s: number }

export function measureVicinal(job: VicinalJob): VicinalResult {
  const t0 = performance.now();
  const mAh = (job.monolayers * ML_MAH).toPrecision(4);
  const hostLayers = job.kind === 'Plate' ? 4 : 10;
  const w = job.terrace ?? TERRACE;
  const parsed = parseRunInput({
    metal: 'Li', temperature: '25 degC',
    lattice: { size: [job.size, job.size, vicinalHeight(job.size, job.size, w, hostLayers)], voxel: '10 nm', terrace_width: w, foil: 'vicinal' },
    host: 'Li', host_layers: hostLayers, protocol: [`${job.kind} ${mAh} mAh/cm2 at ${job.ratio} mA/cm2`], seed: job.seed,
    output: { snapshots: false, sample: `${(Number(mAh) / 100).toPrecision(3)} mAh/cm2` },
  });
  const run = job.hops ? { ...parsed, model: { ...parsed.model, hops: job.hops } } : parsed;
  const sim = new Simulation(run);
  const s0 = surfaceSteps(sim.app.lat, sim.app.code, sim.app.nbs);
  sim.runAll();
  sim.app.lone?.resolveAll();
  const s1 = surfaceSteps(sim.app.lat, sim.app.code, sim.app.nbs);
  const tr = sim.trace, n = tr.kmc_time_s.length;
  let num = 0, den = 0;
  for (let i = Math.floor(n / 2) + 1; i < n; i++) { const dt = tr.kmc_time_s[i]! - tr.kmc_time_s[i - 1]!; num += -tr.overpotential_mV[i]! * dt; den += dt; }
  return { ...job, eta_mV: num / den, stepsStart: s0.stepLength, stepsEnd: s1.stepLength, kinksStart: s0.kinks, kinksEnd: s1.kinks, wall_s: (performance.now() - t0) / 1000 };
}

/** Runs the jobs `parallel` at a time, each in its own worker thread (validation/worker-jobs.ts). */
export async function runVicinal(label: string, jobs: VicinalJob[], parallel: number): Promise<VicinalResult[]> {
  const workerPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'bv-vicinal-worker.js');
  return runWorkerJobs<VicinalJob, VicinalResult>(workerPath, jobs, {
    name: label, lanes: parallel,
    onDone: (_, r) => process.stderr.write(`${label}: ${r.kind} ${r.ratio} i0 ${r.size} x ${r.size} seed ${r.seed}: ${r.eta_mV.toFixed(2)} mV, steps ${r.stepsStart} -> ${r.stepsEnd}, kinks ${r.kinksStart} -> ${r.kinksEnd}, ${r.wall_s.toFixed(0)} s\n`),
  });
}

/** the runs of one case, in the order of `seeds` (`monolayers` when one case was run over two charges) */
export function pickRuns(res: VicinalResult[], kind: 'Plate' | 'Strip', ratio: number, size: number, seeds: number[], monolayers?: number): VicinalResult[] {
  return seeds.map((s) => res.find((r) => r.kind === kind && r.ratio === ratio && r.size === size && r.seed === s && (monolayers === undefined || r.monolayers === monolayers))!);
}

/** "steps a -> b, kinks c -> d" per run, for a row's note */
export function surfaceNote(rs: VicinalResult[]): string {
  return `step length ${rs.map((r) => `${r.stepsStart} -> ${r.stepsEnd}`).join(', ')}; kinks ${rs.map((r) => `${r.kinksStart} -> ${r.kinksEnd}`).join(', ')} (start -> end, per seed)`;
}

/**
 * One validation row: the seed mean of eta against Butler-Volmer's `ref` (mV), within 5 % and with the
 * right sign on every seed; `label` names the electrode (e.g. 'balanced hops') in the note.
 */
export function bvRow(id: string, quantity: string, rs: VicinalResult[], ref: number, label: string): ValidationEntry {
  const v = rs.map((r) => r.eta_mV), iv = meanInterval(v);
  const signOk = v.every((x) => Math.sign(x) === Math.sign(ref));
  return {
    id, quantity, published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
    measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi],
    runs: `seeds ${rs.map((r) => r.seed).join(', ')}: ${v.map((x) => x.toFixed(2)).join(', ')} mV; ${rs[0]!.monolayers} monolayers of ${rs[0]!.size} x ${rs[0]!.size}`,
    pass: Math.abs(iv.mean / ref - 1) <= 0.05 && signOk,
    note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %, sign ${signOk ? 'right' : 'WRONG'}); ${label}; ${surfaceNote(rs)}`,
  };
}

/** 2.303 kT / (alpha e), alpha 1/2, 25 degC, mV/dec */
export const TAFEL = Math.LN10 * KB * 298.15 / 0.5 * 1000;

/**
 * Tafel slope between 10 and 100 i0, per seed (paired): |eta(100 i0) - eta(10 i0)| for one decade
 * (magnitude, so plating and stripping read the same 118.3 mV/dec), within 3 % of TAFEL.
 */
export function tafelRow(id: string, quantity: string, r10: VicinalResult[], r100: VicinalResult[]): ValidationEntry {
  const slopes = r10.map((r, i) => Math.abs(r100[i]!.eta_mV - r.eta_mV)), is = meanInterval(slopes);
  return {
    id, quantity, published: `${TAFEL.toFixed(1)} mV/dec`, source: '2.303 kT / (alpha e), alpha 1/2',
    measured: is.mean, unit: 'mV/dec', interval: [is.lo, is.hi], runs: `seeds ${r10.map((r) => r.seed).join(', ')}: ${slopes.map((x) => x.toFixed(1)).join(', ')} mV/dec`,
    pass: Math.abs(is.mean / TAFEL - 1) <= 0.03, note: `error ${(100 * (is.mean / TAFEL - 1)).toFixed(1)} % (tolerance 3 %)`,
  };
}

/** Linear polarisation at +-0.1 i0: (eta_plate - eta_strip) / 2 per seed (paired), within 5 % of Butler-Volmer; the note gives the common part. */
export function linpolRow(id: string, quantity: string, p: VicinalResult[], s: VicinalResult[]): ValidationEntry {
  const bv = butlerVolmer(0.1);
  const lp = p.map((r, i) => (r.eta_mV - s[i]!.eta_mV) / 2), il = meanInterval(lp);
  const off = p.map((r, i) => (r.eta_mV + s[i]!.eta_mV) / 2), iof = meanInterval(off);
  return {
    id, quantity, published: `${bv.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
    measured: il.mean, unit: 'mV', interval: [il.lo, il.hi], runs: `seeds ${p.map((r) => r.seed).join(', ')}: ${lp.map((x) => x.toFixed(2)).join(', ')} mV`,
    pass: Math.abs(il.mean / bv - 1) <= 0.05,
    note: `error ${(100 * (il.mean / bv - 1)).toFixed(1)} % (tolerance 5 %); the common part (eta_plate + eta_strip) / 2 is ${iof.mean.toFixed(2)} mV [${iof.lo.toFixed(2)}, ${iof.hi.toFixed(2)}]`,
  };
}

/**
 * The parts the report-only SEI diagnoses share (branch seiout68b, session 68; factored out of seiout68's
 * sei-ce-na-glyme-why, whose rows are unchanged, and used again by sei-inactive-fang-why): a row maker for rows that
 * state no claim, the SEI-bound charge by the cause that made its film (the SEI module's read-only origin trace,
 * SeiModule.traceOrigins), the film as an equivalent thickness of a compound on the metal's exposed area and on the
 * footprint, and paired one-parameter arms.
 */
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry } from '../types.js';
import { fmt, type SeiRunResult } from './sei-common.js';

export const N_A = 6.02214076e23;
export const FARADAY = 96485.33212;
/** the SEI module's origin causes, in the rows' order */
export const CAUSES = ['reduction', 'strip', 'growth', 'hop', 'electrochemical', 'other'] as const;
export interface Interval { mean: number; lo: number; hi: number }
export const iv = (x: Interval) => `${fmt(x.mean)} [${fmt(x.lo)}, ${fmt(x.hi)}]`;

export type WhyRow = (id: string, quantity: string, xs: number[], unit: string, note: string, runs?: string) => void;

/** rows `${prefix}-${id}`: mean and 95 % interval over the runs, no claim (pass: a finite mean) */
export function whyRows(prefix: string, source: string, setup: string): { out: ValidationEntry[]; row: WhyRow } {
  const out: ValidationEntry[] = [];
  const row: WhyRow = (id, quantity, xs, unit, note, runs = setup) => {
    const x = meanInterval(xs);
    out.push({ id: `${prefix}-${id}`, quantity, published: 'reported (a diagnosis)', source, measured: x.mean, unit,
      interval: [x.lo, x.hi], runs, pass: Number.isFinite(x.mean), claim: false, note });
  };
  return { out, row };
}

/** one row per cause: its share of the SEI-bound charge (throws unless the causes sum to the bound voxels) */
export function causeRows(base: readonly SeiRunResult[], row: WhyRow): void {
  for (const c of CAUSES) {
    row(`cause-${c}`, `share of the SEI-bound charge whose film was made by ${c === 'reduction' ? 'plating (new or stretched area a reduction made: crack x film per face)' : c === 'strip' ? 'stripping (area a strip opened or a film it cracked)' : c === 'growth' ? 'growth through an existing film (passivation)' : c === 'hop' ? 'surface hops' : c === 'electrochemical' ? 'the electrochemical part (fresh_fraction of a reduction on a film-free site)' : 'none of these (faces an SEI voxel moving opened)'}, %`,
      base.map((r) => { const o = r.sim.sei!.origins, b = r.sim.sei!.counters.bound; if (CAUSES.reduce((a, k) => a + o.bound[k], 0) !== b) throw new Error('SEI origins do not sum to the bound voxels'); return 100 * o.bound[c] / b; }), '%',
      'reported, no claim; the causes sum to 100 %');
  }
}

/**
 * The SEI-bound metal per cycle as a compound's thickness, per run: `exposed` spread over the metal's exposed area,
 * averaged over kMC time (SeiOrigins facesTime / areaTime_s, faces of a voxel edge squared), `footprint` over the
 * electrode's (nx x ny faces). cm3PerMol: the compound's volume per mol of the metal it binds; metalCm3PerMol the
 * run's metal (its atomic volume); ratio their quotient, the compound's volume per volume of metal bound.
 */
export function filmThickness(base: readonly SeiRunResult[], cm3PerMol: number): {
  faces: number[]; footprintFaces: number; metalCm3PerMol: number; ratio: number; exposed: number[]; footprint: number[];
} {
  const a_nm = base[0]!.sim.run.lattice.voxel_m * 1e9;
  const metalCm3PerMol = base[0]!.sim.run.metal.atomicVolume_m3 * 1e6 * N_A;
  const ratio = cm3PerMol / metalCm3PerMol;
  const [nx, ny] = base[0]!.sim.run.lattice.size;
  const foot = nx! * ny!;
  const faces = base.map((r) => { const o = r.sim.sei!.origins; return o.facesTime / o.areaTime_s; });
  const perCycle = base.map((r) => r.sim.sei!.counters.bound / r.summary.cycles.length);
  return {
    faces, footprintFaces: foot, metalCm3PerMol, ratio,
    exposed: base.map((_, i) => perCycle[i]! * a_nm * ratio / faces[i]!),
    footprint: perCycle.map((p) => p * a_nm * ratio / foot),
  };
}

/** nm of a compound (cm3 per mol of metal) a cycle on the footprint if `fraction` of `mAh` per cm2 were bound in it */
export const filmNmPerCycle = (fraction: number, mAh: number, cm3PerMol: number) => fraction * mAh * 3.6 / FARADAY * cm3PerMol * 1e7;

/** one `sei:` value changed, run on the same seeds (paired with the base) */
export interface SeiArm { key: string; sei: unknown; what: string }
/** each arm's runs on the seeds, with the per-seed CE (%) and its paired difference from the base's */
export function armSweep(arms: readonly SeiArm[], seeds: readonly number[], run: (seed: number, sei: unknown) => SeiRunResult, ceBase: readonly number[]):
  { arm: SeiArm; rs: SeiRunResult[]; ce: number[]; dCe: Interval }[] {
  return arms.map((arm) => {
    const rs = seeds.map((seed) => run(seed, arm.sei));
    const ce = rs.map((r) => r.summary.average_ce * 100);
    return { arm, rs, ce, dCe: meanInterval(ce.map((x, i) => x - ceBase[i]!)) };
  });
}

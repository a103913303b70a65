/**
 * Wetting on the 0.75 host, replicated on fresh seeds (issue 9 must-show 5).
 *
 * The `wetting-equilibrium` study (seeds 1-3) met the Winterbottom ratio on the 0.25 and 0.5 hosts
 * and missed on the 0.75 host (target 0.25) only by the width of one interval: the flat start read
 * 0.180 [0.141, 0.220] and the tall start 0.212 [0.207, 0.217], 0.032 apart (equilibrated), but the
 * flat start's 3-seed interval reaches below 0.15. Is the miss the island's shape or three seeds?
 *
 * This study repeats the same sampler, box, ladder, rounds and starts (studies/wetting-equilibrium.ts)
 * on the 0.75 host only, on six FRESH seeds (4-9, none shared with the first run), so the first
 * run's result stays as recorded and this one is an independent replication, not an extension of it.
 * It was chosen after seeing the first run's miss; the 0.25 and 0.5 hosts are not rerun.
 *
 * Criteria, stated before the run (the same as the first run's): equilibrated when the seed means of
 * the flat and tall starts at 400 K differ by at most 0.05; met when equilibrated and both starts'
 * 95 % intervals over seeds lie within 0.1 of 1 - E_host / E_mm = 0.25.
 */
import { islandGroundState } from '../../src/analysis/island-ground-state.js';
import { meanInterval } from '../../src/stats/interval.js';
import { energies, runAll, mean, halves, N_ATOMS, TEMPS, type EquilibriumJob } from './wetting-equilibrium.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const ROUNDS = 10000, MEASURE_EVERY = 4;
const SEEDS = [4, 5, 6, 7, 8, 9];
const THETA = 60;
const STARTS = ['flat', 'tall'];

export const study: ValidationStudy = {
  id: 'wetting-equilibrium-replicate',
  title: 'Winterbottom island shape on the 0.75 host at 400 K, replicated on fresh seeds 4-9 (same sampler and ladder as wetting-equilibrium)',
  async run(): Promise<ValidationEntry[]> {
    const jobs: EquilibriumJob[] = [];
    for (const start of STARTS) for (const seed of SEEDS) jobs.push({ theta: THETA, start, seed, rounds: ROUNDS, measureEvery: MEASURE_EVERY });
    const runs = await runAll(jobs);
    const { eMM, eHost, host } = energies(THETA);
    const eps = eHost / eMM, target = 1 - eps;
    const gs = islandGroundState(N_ATOMS, eMM, eHost);
    const per = STARTS.map((start) => {
      const rs = SEEDS.map((seed) => runs[jobs.findIndex((j) => j.start === start && j.seed === seed)]!);
      return { start, rs, iv: meanInterval(rs.map((r) => mean(r.cold))), hot: meanInterval(rs.map((r) => mean(r.hot))) };
    });
    const gap = Math.abs(per[0]!.iv.mean - per[1]!.iv.mean);
    const equilibrated = gap <= 0.05;
    const within = per.every((p) => p.iv.lo >= target - 0.1 && p.iv.hi <= target + 0.1);
    const ladder = `${TEMPS.length} temperatures ${TEMPS[0]!.toFixed(0)}-${TEMPS[TEMPS.length - 1]!.toFixed(0)} K (geometric), ${ROUNDS} rounds of ${N_ATOMS} moves per replica, first half discarded, ratio every ${MEASURE_EVERY} rounds`;
    return per.map((p): ValidationEntry => ({
      id: `wetting-equilibrium-replicate-${eps.toFixed(2)}-${p.start}`,
      quantity: `equilibrium island height / width at 400 K on ${host} (E_host / E_mm = ${eps.toFixed(2)}), ${N_ATOMS} atoms, from a ${p.start} start; fresh seeds (replication of wetting-equilibrium's 0.75 rows)`,
      published: `${target.toFixed(2)} (= 1 - E_host / E_mm)`,
      source: 'Winterbottom, Acta Metall. 15, 303 (1967), bond counting on simple cubic (MODEL.md 8.3)',
      measured: p.iv.mean, unit: '1', interval: [p.iv.lo, p.iv.hi],
      runs: `seeds ${SEEDS.join(', ')}; ${ladder}`,
      pass: equilibrated && within,
      note: `criteria as wetting-equilibrium's, stated before the run: both starts' intervals within 0.1 of the target and the starts within 0.05 of each other; ` +
        `flat and tall end ${gap.toFixed(3)} apart (${equilibrated ? 'equilibrated' : 'NOT equilibrated'}); per seed ${p.rs.map((r) => mean(r.cold).toFixed(3)).join(', ')}; ` +
        `halves of the measured half (drift) ${p.rs.map((r) => halves(r.cold)).join('; ')}; 480 K replica ${p.hot.mean.toFixed(3)} [${p.hot.lo.toFixed(3)}, ${p.hot.hi.toFixed(3)}]; ` +
        `exchange acceptance ${Math.min(...p.rs.flatMap((r) => r.acceptance)).toFixed(2)}-${Math.max(...p.rs.flatMap((r) => r.acceptance)).toFixed(2)}; ` +
        `T = 0 block ground state: ${gs.shape}, ratio ${gs.ratio.toFixed(3)}; the first run (seeds 1-3) read flat 0.180 [0.141, 0.220], tall 0.212 [0.207, 0.217], not met`,
    }));
  },
};

/**
 * Stripping 2 monolayers at 10 and 100 i0 on a vicinal Li foil (helical boundaries: its steps cannot
 * annihilate), the protocol, box, seeds and tolerance of the `bv-asinh` stripping rows, which on the
 * periodic stepped foil read -148 and -336 mV: stripping removes that foil's up-and-down steps and
 * leaves a flat face (docs/model.md).
 *
 * Claims stated before the run (as in `bv-asinh`): eta within 5 % of -(2kT/e) asinh(j / 2 i0) =
 * -118.8 mV (10 i0) and -236.6 mV (100 i0), right sign on every seed. Li, 32 x 32 voxels of 10 nm,
 * terraces 4 wide, 10 foil layers, seeds 1-3. The step length and kinks at the start and end of
 * each run are reported.
 */
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { butlerVolmer, runVicinal, surfaceNote, KB, type VicinalJob } from './bv-vicinal-common.js';

const SEEDS = [1, 2, 3];
const RATIOS = [10, 100];
const MONOLAYERS = 2;
const SIZE = 32;

export const study: ValidationStudy = {
  id: 'bv-vicinal-strip',
  title: 'Butler-Volmer stripping at 10 and 100 i0 over 2 monolayers on a vicinal Li foil',
  async run(): Promise<ValidationEntry[]> {
    const jobs: VicinalJob[] = [];
    for (const ratio of RATIOS) for (const seed of SEEDS) jobs.push({ kind: 'Strip', ratio, monolayers: MONOLAYERS, size: SIZE, seed });
    const res = await runVicinal('bv-vicinal-strip', jobs, 2);
    const out: ValidationEntry[] = [];
    for (const ratio of RATIOS) {
      const rs = SEEDS.map((s) => res.find((r) => r.ratio === ratio && r.seed === s)!);
      const v = rs.map((r) => r.eta_mV), iv = meanInterval(v), ref = -butlerVolmer(ratio);
      const signOk = v.every((x) => x < 0);
      const i0eff = ratio / (2 * Math.sinh(Math.abs(iv.mean) / (2 * KB * 298.15 * 1000)));
      out.push({
        id: `bv-vicinal-strip-${ratio}`, quantity: `stripping overpotential on a vicinal Li foil, j / i0 = ${ratio}, ${MONOLAYERS} monolayers, ${SIZE} x ${SIZE} voxels of 10 nm`,
        published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
        measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi],
        runs: `seeds ${SEEDS.join(', ')}: ${v.map((x) => x.toFixed(1)).join(', ')} mV`,
        pass: Math.abs(iv.mean / ref - 1) <= 0.05 && signOk,
        note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %, sign ${signOk ? 'right' : 'WRONG'}); Butler-Volmer with i0 = ${i0eff.toFixed(2)} mA/cm2 gives the measured mean; ${surfaceNote(rs)}`,
      });
    }
    return out;
  },
};

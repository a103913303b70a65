/**
 * Butler-Volmer at j = +-0.1 i0 on a vicinal Li foil (helical boundaries: its steps cannot
 * annihilate), the protocol, box sizes, seeds and tolerance of `bv-low-current`, which measured the
 * periodic stepped foil (k levels up and k down) whose steps surface diffusion anneals away during
 * the 15 s step (docs/model.md, "j = 0.1 i0").
 *
 * Claims stated before the run (as in `bv-low-current`): plating and stripping each within 5 % of
 * (2kT/e) asinh(j / 2 i0) = +-2.57 mV with the right sign on every seed; the linear polarisation
 * (half the paired difference of plating and stripping, seed by seed) within 5 % of 2.57 mV.
 * Li, voxels of 10 nm, terraces 4 wide, 0.2 monolayers at 0.1 mA/cm2 (15 s); 32 x 32 (seeds 1-3) and
 * 64 x 64 voxels (seeds 1-6). The step length and kinks at the start and end of each run are reported.
 */
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { butlerVolmer, runVicinal, surfaceNote, type VicinalJob } from './bv-vicinal-common.js';

const SEEDS: Record<number, number[]> = { 32: [1, 2, 3], 64: [1, 2, 3, 4, 5, 6] };
const SIZES = [32, 64];
const RATIO = 0.1;
const MONOLAYERS = 0.2;

export const study: ValidationStudy = {
  id: 'bv-vicinal-low-current',
  title: 'Butler-Volmer at j = 0.1 i0 on a vicinal Li foil (helical boundaries, steps conserved)',
  async run(): Promise<ValidationEntry[]> {
    const jobs: VicinalJob[] = [];
    for (const size of [...SIZES].reverse()) for (const kind of ['Plate', 'Strip'] as const) for (const seed of SEEDS[size]!) jobs.push({ kind, ratio: RATIO, monolayers: MONOLAYERS, size, seed });
    const res = await runVicinal('bv-vicinal-low-current', jobs, 2);
    const pick = (kind: 'Plate' | 'Strip', size: number) => SEEDS[size]!.map((s) => res.find((r) => r.kind === kind && r.size === size && r.seed === s)!);
    const bv = butlerVolmer(RATIO);
    const out: ValidationEntry[] = [];
    for (const size of SIZES) {
      for (const kind of ['Plate', 'Strip'] as const) {
        const rs = pick(kind, size), v = rs.map((r) => r.eta_mV), iv = meanInterval(v);
        const ref = kind === 'Plate' ? bv : -bv;
        const signOk = v.every((x) => Math.sign(x) === Math.sign(ref));
        out.push({
          id: `bv-vicinal-low-${kind.toLowerCase()}-${size}`, quantity: `${kind === 'Plate' ? 'plating' : 'stripping'} overpotential on a vicinal Li foil, j / i0 = 0.1, ${size} x ${size} voxels of 10 nm`,
          published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
          measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi],
          runs: `seeds ${SEEDS[size]!.join(', ')}: ${v.map((x) => x.toFixed(2)).join(', ')} mV; ${MONOLAYERS} monolayers (15 s)`,
          pass: Math.abs(iv.mean / ref - 1) <= 0.05 && signOk,
          note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %, sign ${signOk ? 'right' : 'WRONG'}); ${surfaceNote(rs)}`,
        });
      }
      const p = pick('Plate', size), s = pick('Strip', size);
      const lp = SEEDS[size]!.map((_, i) => (p[i]!.eta_mV - s[i]!.eta_mV) / 2), il = meanInterval(lp);
      const off = SEEDS[size]!.map((_, i) => (p[i]!.eta_mV + s[i]!.eta_mV) / 2), io = meanInterval(off);
      out.push({
        id: `bv-vicinal-low-linpol-${size}`, quantity: `linear polarisation at j / i0 = +-0.1 on a vicinal Li foil: (eta_plate - eta_strip) / 2, paired seeds, ${size} x ${size} voxels of 10 nm`,
        published: `${bv.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0) (R_ct = kT / (e i0) = 25.7 ohm cm2 at 1 mA/cm2)',
        measured: il.mean, unit: 'mV', interval: [il.lo, il.hi], runs: `seeds ${SEEDS[size]!.join(', ')}: ${lp.map((x) => x.toFixed(2)).join(', ')} mV`,
        pass: Math.abs(il.mean / bv - 1) <= 0.05,
        note: `error ${(100 * (il.mean / bv - 1)).toFixed(1)} % (tolerance 5 %); the common part (eta_plate + eta_strip) / 2, an offset of the box's own open-circuit potential, is ${io.mean.toFixed(2)} mV [${io.lo.toFixed(2)}, ${io.hi.toFixed(2)}]`,
      });
    }
    return out;
  },
};

/**
 * Butler-Volmer on the vicinal Li foil with balanced hops (PlatingPhysics.hops 'balanced': no hop
 * from an atom with nothing below, hops from under another atom allowed, so every hop has its
 * reverse; docs/model.md). Why: on the vicinal foil with the default solid-on-solid hop rules the
 * box's own potential sits off the kink potential, -0.60 mV [-0.67, -0.52] at rest and -0.69 mV
 * [-0.77, -0.62] in a hold at the kink potential (`bv-vicinal-ocp`), which shifts plating (-25 %) and
 * stripping (+27 %) at 0.1 i0 (`bv-vicinal-low-current`). Scratch rests of seeds 1-2 (not a study)
 * read -0.60 / -0.74 mV with the default rules, -0.18 / -0.33 with unsupported atoms not hopping, and
 * +0.11 / -0.13 with both rules balanced: the two one-way hops pump atoms from the electrolyte into
 * the crystal at the kink potential.
 *
 * Claims stated before the run (fresh for this study; protocols, seeds and tolerances as the studies
 * they repeat):
 *  - the hold at the kink potential (bv-vicinal-ocp's protocol, seeds 4-9) reads within 0.2 mV of 0;
 *  - 0.1 i0 on 64 x 64 (seeds 1-6, bv-low-current's protocol): plating and stripping each within 5 %
 *    of +-2.57 mV with the right sign on every seed, and the linear polarisation within 5 %;
 *  - the rows bv-asinh met and the ones it missed, on 32 x 32 (seeds 1-3): plating and stripping at 1
 *    (0.5 monolayers), 10 and 100 i0 (2 monolayers) each within 5 % of (2kT/e) asinh(j / 2 i0). (At
 *    100 i0 stripping is expected to miss by the kink supply, as with the default rules: stated as a
 *    claim all the same, the tolerance unchanged.)
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { butlerVolmer, bvRow, linpolRow, pickRuns, runVicinal, type VicinalJob, type VicinalResult } from './bv-vicinal-common.js';
import { holdRow } from './bv-vicinal-ocp.js';

const OCP_SEEDS = [4, 5, 6, 7, 8, 9];
const LOW_SEEDS = [1, 2, 3, 4, 5, 6];
const SEEDS = [1, 2, 3];

const row = (id: string, quantity: string, rs: VicinalResult[], ref: number): ValidationEntry => bvRow(id, quantity, rs, ref, 'balanced hops');

export const study: ValidationStudy = {
  id: 'bv-vicinal-balanced',
  title: 'Butler-Volmer on the vicinal Li foil with balanced hops (every hop has its reverse)',
  async run(): Promise<ValidationEntry[]> {
    const out: ValidationEntry[] = [];
    out.push(holdRow('bv-vicinal-balanced-ocp-hold', 'open-circuit potential of the relaxed vicinal Li foil with balanced hops, hold at the kink potential, 2-20 s, (kT/e) ln(<B> / <A>), 32 x 32 voxels of 10 nm',
      OCP_SEEDS, 4, 'claim: within 0.2 mV of 0 (default hop rules: -0.69 mV [-0.77, -0.62], bv-vicinal-ocp)'));
    const jobs: VicinalJob[] = [];
    for (const kind of ['Plate', 'Strip'] as const) for (const seed of LOW_SEEDS) jobs.push({ kind, ratio: 0.1, monolayers: 0.2, size: 64, seed, hops: 'balanced' });
    for (const kind of ['Plate', 'Strip'] as const) for (const ratio of [1, 10, 100]) for (const seed of SEEDS) jobs.push({ kind, ratio, monolayers: ratio <= 1 ? 0.5 : 2, size: 32, seed, hops: 'balanced' });
    const res = await runVicinal('bv-vicinal-balanced', jobs, 2);
    const pick = (kind: 'Plate' | 'Strip', ratio: number, size: number, seeds: number[]) => pickRuns(res, kind, ratio, size, seeds);
    const bv = butlerVolmer(0.1);
    const p = pick('Plate', 0.1, 64, LOW_SEEDS), s = pick('Strip', 0.1, 64, LOW_SEEDS);
    out.push(row('bv-vicinal-balanced-low-plate-64', 'plating overpotential on a vicinal Li foil, balanced hops, j / i0 = 0.1, 64 x 64 voxels of 10 nm', p, bv));
    out.push(row('bv-vicinal-balanced-low-strip-64', 'stripping overpotential on a vicinal Li foil, balanced hops, j / i0 = 0.1, 64 x 64 voxels of 10 nm', s, -bv));
    out.push(linpolRow('bv-vicinal-balanced-low-linpol-64', 'linear polarisation at j / i0 = +-0.1 on a vicinal Li foil, balanced hops: (eta_plate - eta_strip) / 2, paired seeds, 64 x 64 voxels of 10 nm', p, s));
    for (const kind of ['Plate', 'Strip'] as const) {
      for (const ratio of [1, 10, 100]) {
        const ref = (kind === 'Plate' ? 1 : -1) * butlerVolmer(ratio);
        out.push(row(`bv-vicinal-balanced-${kind.toLowerCase()}-${ratio}`, `${kind === 'Plate' ? 'plating' : 'stripping'} overpotential on a vicinal Li foil, balanced hops, j / i0 = ${ratio}, 32 x 32 voxels of 10 nm`, pick(kind, ratio, 32, SEEDS), ref));
      }
    }
    return out;
  },
};

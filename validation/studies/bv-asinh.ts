/**
 * Butler-Volmer on the metal's own stepped foil (MODEL.md 8.2a): eta = (2kT/e) asinh(j / 2 i0) within
 * 5 %, plating and stripping, j / i0 = 0.1, 1, 10, 100. Li (i0 1 mA/cm2, alpha 1/2), 32 x 32 voxels
 * of 10 nm, kinked diagonal steps every 4 voxels, 4 (plating) or 10 (stripping) foil layers,
 * C_dl 20 uF/cm2; eta = time-weighted mean of the double-layer potential over the second half of
 * the step (the double layer and the rate averages settle over the first). Seed 1.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const KB = 8.617333262e-5;

function measure(kind: 'Plate' | 'Strip', ratio: number, monolayers: number): number {
  const j = ratio; // mA/cm2 (i0 = 1 mA/cm2)
  // one monolayer of 10 nm Li voxels: q / a^2 = (a / Omega) e = 7.54e-5 C/cm2 = 2.09e-5 mAh/cm2
  const mAh = (monolayers * 2.0947e-5).toPrecision(4);
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [32, 32, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li',
    host_layers: kind === 'Plate' ? 4 : 10, protocol: [`${kind} ${mAh} mAh/cm2 at ${j} mA/cm2`], seed: 1,
    output: { snapshots: false, sample: `${(Number(mAh) / 100).toPrecision(3)} mAh/cm2` },
  });
  const sim = new Simulation(run);
  sim.runAll();
  const tr = sim.trace, n = tr.kmc_time_s.length;
  let num = 0, den = 0;
  for (let i = Math.floor(n / 2) + 1; i < n; i++) { const dt = tr.kmc_time_s[i]! - tr.kmc_time_s[i - 1]!; num += -tr.overpotential_mV[i]! * dt; den += dt; }
  return num / den;
}

export const study: ValidationStudy = {
  id: 'bv-asinh',
  title: 'Butler-Volmer on a stepped Li foil (double layer, time-averaged rates)',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    for (const kind of ['Plate', 'Strip'] as const) {
      for (const ratio of [0.1, 1, 10, 100]) {
        const ml = ratio <= 0.1 ? 0.3 : ratio <= 1 ? 1 : 3;
        const eta = measure(kind, ratio, ml);
        const bv = (kind === 'Plate' ? 1 : -1) * 2 * KB * 298.15 * Math.asinh(ratio / 2) * 1000;
        out.push({
          id: `bv-${kind.toLowerCase()}-${ratio}`, quantity: `${kind.toLowerCase()} overpotential on a stepped Li foil, j / i0 = ${ratio}`,
          published: `${bv.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
          measured: eta, unit: 'mV', runs: `seed 1, ${ml} monolayers`,
          pass: Math.abs(eta / bv - 1) <= 0.05 && Math.sign(eta) === Math.sign(bv),
          note: `error ${(100 * (eta / bv - 1)).toFixed(1)} % (tolerance 5 %, sign ${Math.sign(eta) === Math.sign(bv) ? 'right' : 'WRONG'})`,
        });
      }
    }
    return out;
  },
};

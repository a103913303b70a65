/**
 * What wanders in the open-circuit potential of the 32 x 32 stepped foil (the `bv-low-current`
 * mechanism, docs/model.md): 40 s at rest, Li, voxels of 10 nm, terraces 4 wide, 10 foil layers,
 * seeds 1-3, in eight windows of 5 s. Per window: the box's own equilibrium potential from the exact
 * time averages of its reduction and oxidation rate sums at eta = 0, -(kT/e) ln(<B> / <A>) (in the
 * sign of the reported overpotential: negative when <B> > <A>, a box that would strip at the kink
 * potential), the double layer's reported mean beside it, the step length and the kinks left
 * (bv-surface.ts). The time averages are the integrals of the A and B that the double layer is given
 * at every change (DoubleLayer.update is wrapped on this instance to accumulate them; nothing else
 * changes). Claims (stated after the scratch runs of seeds 1-2, docs/model.md): while the foil is
 * stepped (first window) the box sits within 1 mV of the kink potential; once it is flat (windows from
 * 10 s on) its potential moves from window to window by more than the 2.57 mV a 0.1 i0 measurement
 * must resolve.
 */
import { integrateRates } from '../../src/electrochem/rate-integrals.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { surfaceCensus } from './bv-surface.js';

const SEEDS = [1, 2, 3];
const WINDOWS = 8, WINDOW_S = 5;

interface Window { ocp_mV: number; reported_mV: number; stepLength: number; kinks: number }

function rest(seed: number): { windows: Window[]; stepLength0: number } {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [32, 32, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li', host_layers: 10,
    protocol: Array.from({ length: WINDOWS }, () => `Rest for ${WINDOW_S} s`), seed, output: { snapshots: false },
  }));
  const f = sim.d.f_per_V;
  const acc = integrateRates(sim.dl);
  const stepLength0 = surfaceCensus(sim).stepLength;
  const windows: Window[] = [];
  sim.runAll({
    onStepEnd: (s) => {
      const c = surfaceCensus(s);
      windows.push({ ocp_mV: (-1000 * Math.log(acc.B / acc.A)) / f, reported_mV: (-1000 * acc.eta) / acc.T, stepLength: c.stepLength, kinks: c.kinks });
      acc.reset();
    },
  });
  return { windows, stepLength0 };
}

export const study: ValidationStudy = {
  id: 'bv-ocp',
  title: 'Open-circuit potential of the 32 x 32 stepped Li foil at rest: stepped, then flat',
  run(): ValidationEntry[] {
    const runs = SEEDS.map((s) => rest(s));
    const first = runs.map((r) => r.windows[0]!.ocp_mV), iv = meanInterval(first);
    const late = runs.map((r) => r.windows.slice(2)); // from 10 s on
    const spread = late.map((w) => Math.max(...w.map((x) => x.ocp_mV)) - Math.min(...w.map((x) => x.ocp_mV)));
    const allLate = late.flat().map((x) => x.ocp_mV);
    const lag = runs.flatMap((r) => r.windows.map((w) => Math.abs(w.reported_mV - w.ocp_mV)));
    const fmt = (v: number[]) => v.map((x) => x.toFixed(1)).join(', ');
    return [
      {
        id: 'bv-ocp-stepped', quantity: 'open-circuit potential of the fresh stepped Li foil, 32 x 32 voxels of 10 nm, first 5 s at rest, from the exact time averages of its rates',
        published: '0 mV (the kink potential: reduction and oxidation in detailed balance at a kink)', source: 'docs/model.md (one energy function, E_kink = 3 E_mm)',
        measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(', ')}: ${first.map((x) => x.toFixed(2)).join(', ')} mV; step length ${runs.map((r) => `${r.stepLength0} -> ${r.windows[0]!.stepLength}`).join(', ')}`,
        pass: first.every((x) => Math.abs(x) < 1),
        note: 'claim: every seed within 1 mV of the kink potential while the foil is stepped (stated after scratch runs of seeds 1-2: -0.59, -0.67 mV); ' +
          'the first 5 s are not all stepped for a seed whose steps collapse in them (step length at 5 s above): per 0.5 s window, sorted by the step length left, study ocp-stepped-windows',
      },
      {
        id: 'bv-ocp-flat', quantity: 'window-to-window range of the open-circuit potential of the same foil from 10 to 40 s at rest (annealed flat), 5 s windows, exact rate averages',
        published: 'no kink potential on a flat face: more than 2.57 mV (the overpotential of j = 0.1 i0)', source: 'docs/model.md (j = 0.1 i0: the stepped foil anneals flat)',
        measured: Math.min(...spread), unit: 'mV (smallest range of the seeds)', runs: `seeds ${SEEDS.join(', ')}: windows ${late.map((w) => `[${fmt(w.map((x) => x.ocp_mV))}]`).join('; ')} mV; step length left ${late.map((w) => `${w[0]!.stepLength}-${w[w.length - 1]!.stepLength}`).join(', ')} of ${runs[0]!.stepLength0}, kinks ${late.map((w) => `${Math.min(...w.map((x) => x.kinks))}-${Math.max(...w.map((x) => x.kinks))}`).join(', ')}`,
        pass: spread.every((x) => x > 2.57),
        note: `ranges ${fmt(spread)} mV, all windows ${Math.min(...allLate).toFixed(1)} to ${Math.max(...allLate).toFixed(1)} mV; the double layer's reported mean differs from the exact value by at most ${Math.max(...lag).toFixed(1)} mV in any window (the estimator follows the box)`,
      },
    ];
  },
};

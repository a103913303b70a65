/**
 * The rest time of a pulse against the ions' relaxation time, with drifting ion walkers (the model
 * and set-up of walker-pulse.ts: Li on Cu, 32 x 32 x 160 voxels of 20 nm, 1 M LiPF6 EC/DMC, drift
 * E0 = J / (4e-4 S/m), 0.01 mAh/cm2). Aryanfar et al., J. Phys. Chem. Lett. 5, 1721 (2014): pulses
 * much shorter than the relaxation time approach DC; the benefit needs rests of the order of it.
 * Here the ions' relaxation time over the inlet distance (640 nm) is H^2 / D = 1.27 ms.
 *
 * Same average current as DC (2.5 mA/cm2) and same charge: 1 ms on, rests 0.3, 1, 3 and 10 ms, so the
 * on current is 2.5 (1 + rest / 1 ms) mA/cm2 (3.25, 5, 10, 27.5 mA/cm2; the field grows with it, bias
 * per hop 0.032-0.27). Paired seeds 1-6 (the DC run is walker-pulse's, rerun).
 * Claims stated before the run (no pilot):
 *  1. a rest of 0.3 ms (0.24 H^2/D) helps less than one of 3 ms (2.4 H^2/D): pulse(0.3 ms) -
 *     pulse(3 ms) > 0, the paired interval excluding 0;
 *  2. beyond the relaxation time the benefit saturates: pulse(3 ms) - pulse(10 ms) below 5 % of DC's
 *     longest dendrite (the mean, and the interval's upper end below 10 %).
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { excludesZero, meanInterval, pairedInterval } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { computeMetrics } from '../../src/simulation/report.js';
import { driftWalkerStats } from '../../src/simulation/drift-walker-step.js';
import { fmt } from './transport-common.js';

const CHARGE = '0.01 mAh/cm2';
const SEEDS = [1, 2, 3, 4, 5, 6];
const RESTS_MS = [0.3, 1, 3, 10];

function longest(protocol: string, seed: number): { h: number; ended: string; rested: number } {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [32, 32, 160], voxel: '20 nm' },
    electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers', drift: '0.0004 S/m' },
    protocol: [protocol], seed, output: { snapshots: false },
  }));
  sim.runAll();
  const m = computeMetrics(sim), st = driftWalkerStats(sim)!;
  // the share of the voxels made by ions that had been in flight during a rest
  return { h: m.max_height_nm, ended: m.steps_ended[0] ?? '', rested: st.restedReductions / Math.max(1, st.particles) };
}

export const study: ValidationStudy = {
  id: 'walker-pulse-rest',
  title: 'Pulse rest time against the ions\' relaxation time, drifting ion walkers',
  run(): ValidationEntry[] {
    const dc: number[] = [], pu: number[][] = RESTS_MS.map(() => []), rested: number[][] = RESTS_MS.map(() => []);
    const seeds: number[] = [], left: number[] = [];
    for (const seed of SEEDS) {
      const d = longest(`Plate ${CHARGE} at 2.5 mA/cm2`, seed);
      const p = RESTS_MS.map((r) => longest(`Pulse at ${fmt(2.5 * (1 + r), 4)} mA/cm2 for 1 ms, rest ${r} ms, ${CHARGE}`, seed));
      process.stderr.write(`  seed ${seed}: DC ${d.h} nm; pulses (rest ${RESTS_MS.join(', ')} ms) ${p.map((x) => x.h).join(', ')} nm\n`);
      if (d.ended !== 'charge' || p.some((x) => x.ended !== 'charge')) { left.push(seed); continue; }
      seeds.push(seed); dc.push(d.h); p.forEach((x, i) => { pu[i]!.push(x.h); rested[i]!.push(x.rested); });
    }
    const runs = `seeds ${seeds.join(',')} paired${left.length ? ` (left out, a run stopped before the charge: ${left.join(',')})` : ''}; as walker-pulse, 1 ms on, same average current 2.5 mA/cm2`;
    const dcMean = meanInterval(dc).mean;
    const benefits = RESTS_MS.map((r, i) => { const b = pairedInterval(dc, pu[i]!); return `rest ${r} ms: ${fmt(b.mean)} nm [${fmt(b.lo)}, ${fmt(b.hi)}]`; }).join('; ');
    const short = pairedInterval(pu[0]!, pu[2]!), sat = pairedInterval(pu[2]!, pu[3]!);
    const src = 'Aryanfar et al., JPCL 5, 1721 (2014)';
    return [
      { id: 'walker-rest-short', quantity: 'longest dendrite, pulse with 0.3 ms rests minus pulse with 3 ms rests (H^2/D = 1.27 ms)', published: '> 0: pulses much shorter than the relaxation time approach DC', source: src,
        measured: short.mean, unit: 'nm', interval: [short.lo, short.hi], runs, pass: excludesZero(short) && short.mean > 0,
        note: `DC minus pulse by rest: ${benefits}; DC ${fmt(dcMean)} nm; share of the voxels made by ions that lived through a rest: ${RESTS_MS.map((r, i) => `${r} ms ${fmt(meanInterval(rested[i]!).mean, 2)}`).join(', ')}` },
      { id: 'walker-rest-saturates', quantity: 'longest dendrite, pulse with 3 ms rests minus pulse with 10 ms rests', published: 'about 0: the benefit needs rests of the order of the relaxation time, not longer', source: src,
        measured: sat.mean, unit: 'nm', interval: [sat.lo, sat.hi], runs, pass: sat.mean < 0.05 * dcMean && sat.hi < 0.1 * dcMean,
        note: `claim stated before the run: mean below 5 % of DC (${fmt(0.05 * dcMean)} nm), upper end below 10 %` },
    ];
  },
};

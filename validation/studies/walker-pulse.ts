/**
 * Must show 6 (issue 9), fourth version: pulse against DC with ion walkers that drift in the
 * electrode's field while the current flows and only diffuse in the rests, the mechanism of
 * Aryanfar et al., J. Phys. Chem. Lett. 5, 1721 (2014): in their coarse-grained Monte Carlo, Li+
 * ions diffuse and migrate in the field during a pulse and only diffuse during a rest; 1 ms pulses
 * with 3 ms rests shortened the mean dendrite length about 2.5 times against continuous charging,
 * and 20 ms pulses were ineffective (the depletion around the tips, made by migration in the fields
 * converging on them, could not be refilled in the rests). The field converging on tips is the
 * dielectric-breakdown / Laplacian-growth picture (Niemeyer, Pietronero and Wiesmann, PRL 52,
 * 1033 (1984)). The third version (transport-pulse.ts: the concentration field, no potential) made
 * the longest dendrite longer with pulses; docs/transport.md gives the measured cause.
 *
 * Model (fields/drift-walkers.ts, fields/potential.ts; `cell: { transport: walkers, drift: ... }`):
 * every ion a lattice walker on a clock, tau = a^2 / (6 D) per hop; while the current flows walkers
 * enter one box width above the highest tip at I / q per second, drift with mu E (Einstein mobility)
 * in the field of the deposit held at one potential (Laplace on 2-voxel cells, re-solved every 8
 * new conductor cells to 1e-5), and are reduced at first contact; in a rest none enters, none drifts,
 * none is reduced (open circuit).
 *
 * Set-up, fixed before the run: Li on Cu, 32 x 32 x 160 voxels of 20 nm, 1 M LiPF6 EC/DMC
 * (D = 3.22e-10 m2/s: tau = 0.207 us), 0.01 mAh/cm2 (2445 voxels), paired seeds 1-8.
 *  - The inlet is 32 voxels = 640 nm above the highest tip: the ions' relaxation time over that
 *    distance H^2 / D = 1.27 ms, of the order of Aryanfar's pulse (1 ms) and rest (3 ms).
 *  - DC 2.5 mA/cm2; pulses 10 mA/cm2 for 1 ms, rest 3 ms (Aryanfar's), and 20 ms / 60 ms (their
 *    ineffective long pulses), duty 1/4: same average current and charge.
 *  - Drift: E0 = J / kappa with kappa = 4e-4 S/m: the potential drop over the inlet distance is
 *    1.6 kT/e in DC and 6.2 kT/e during a pulse (bias per hop a e E0 / 2kT = 0.024 and 0.097): a
 *    field that matters at this scale, as in Aryanfar's scaled cell. With the electrolyte's own
 *    conductivity (1.19 S/m) the bias per hop is 3e-5 during a pulse (drift negligible at these lengths): that case
 *    is the control without drift (`drift: off`), run with the same seeds.
 * Claims and effect sizes, stated before the run (pilot: seed 101, not a study seed; DC 1280 nm,
 * 1 ms pulses 920 nm, 20 ms pulses 1400 nm; without drift DC 1540 nm, 1 ms pulses 1040 nm):
 *  1. with drift, DC - pulse(1 ms) > 5 % of DC's longest dendrite, the paired 95 % interval
 *     excluding 0 (Aryanfar's claim; pilot +28 %);
 *  2. pulse(20 ms) - pulse(1 ms) > 0, interval excluding 0 (their frequency claim; pilot +480 nm),
 *     and DC - pulse(20 ms) reported (their "ineffective": expected about 0; pilot -120 nm);
 *  3. what the drift adds to the benefit: (DC - pulse)_drift - (DC - pulse)_no drift; Aryanfar's
 *     mechanism says > 0; expected here: not > 0 (pilot -140 nm): in this model the rests act by
 *     open circuit (an ion near the deposit is not reduced at its first contact and wanders into
 *     the gaps), which needs no field;
 *  4. what the drift does to DC: DC(no drift) - DC(drift); tip amplification says < 0 (longer with
 *     drift); pilot +260 nm (shorter with drift).
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { excludesZero, meanInterval, pairedInterval } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { computeMetrics, type Metrics } from '../../src/simulation/report.js';
import { driftWalkerStats } from '../../src/simulation/drift-walker-step.js';
import { fmt } from './transport-common.js';

const CHARGE = '0.01 mAh/cm2';
const KAPPA = '0.0004 S/m';
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ARMS = {
  dc: { protocol: `Plate ${CHARGE} at 2.5 mA/cm2`, drift: KAPPA },
  p1: { protocol: `Pulse at 10 mA/cm2 for 1 ms, rest 3 ms, ${CHARGE}`, drift: KAPPA },
  p20: { protocol: `Pulse at 10 mA/cm2 for 20 ms, rest 60 ms, ${CHARGE}`, drift: KAPPA },
  dcOff: { protocol: `Plate ${CHARGE} at 2.5 mA/cm2`, drift: 'off' },
  p1Off: { protocol: `Pulse at 10 mA/cm2 for 1 ms, rest 3 ms, ${CHARGE}`, drift: 'off' },
} as const;
type Arm = keyof typeof ARMS;

function run(arm: Arm, seed: number): { m: Metrics; beta0: number; maxBias: number } {
  const a = ARMS[arm];
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [32, 32, 160], voxel: '20 nm' },
    electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers', drift: a.drift },
    protocol: [a.protocol], seed, output: { snapshots: false },
  }));
  sim.runAll();
  const st = driftWalkerStats(sim)!;
  return { m: computeMetrics(sim), beta0: st.beta0, maxBias: st.maxBias };
}

export const study: ValidationStudy = {
  id: 'walker-pulse',
  title: 'Pulse against DC with drifting ion walkers (Aryanfar 2014 mechanism)',
  run(): ValidationEntry[] {
    const h: Record<Arm, number[]> = { dc: [], p1: [], p20: [], dcOff: [], p1Off: [] };
    const por: Record<Arm, number[]> = { dc: [], p1: [], p20: [], dcOff: [], p1Off: [] };
    const seeds: number[] = [], left: string[] = [];
    let maxBias = 0;
    for (const seed of SEEDS) {
      const r = {} as Record<Arm, Metrics>;
      for (const arm of Object.keys(ARMS) as Arm[]) { const x = run(arm, seed); r[arm] = x.m; maxBias = Math.max(maxBias, x.maxBias); }
      const ok = (Object.keys(ARMS) as Arm[]).every((k) => r[k].steps_ended[0] === 'charge');
      process.stderr.write(`  seed ${seed}: longest dendrite (nm) ${(Object.keys(ARMS) as Arm[]).map((k) => `${k} ${r[k].max_height_nm}`).join(', ')}; ` +
        `porosity ${(Object.keys(ARMS) as Arm[]).map((k) => `${k} ${fmt(r[k].porosity)}`).join(', ')}\n`);
      if (!ok) { left.push(`${seed} (${(Object.keys(ARMS) as Arm[]).map((k) => r[k].steps_ended[0]).join('/')})`); continue; }
      seeds.push(seed);
      for (const k of Object.keys(ARMS) as Arm[]) { h[k].push(r[k].max_height_nm); por[k].push(r[k].porosity); }
    }
    const runs = `seeds ${seeds.join(',')} paired${left.length ? ` (left out, a run stopped before the charge: ${left.join(', ')})` : ''}; Li/Cu 32x32x160 voxels of 20 nm, 1 M LiPF6 EC/DMC, ${CHARGE}, DC 2.5 mA/cm2 vs 10 mA/cm2 pulses (duty 1/4)`;
    const mean = (k: Arm) => fmt(meanInterval(h[k]).mean);
    const d1 = pairedInterval(h.dc, h.p1);
    const d20 = pairedInterval(h.p20, h.p1);
    const dDc20 = pairedInterval(h.dc, h.p20);
    const benefitDrift = h.dc.map((x, i) => x - h.p1[i]!), benefitOff = h.dcOff.map((x, i) => x - h.p1Off[i]!);
    const dDrift = pairedInterval(benefitDrift, benefitOff);
    const dOff = pairedInterval(h.dcOff, h.p1Off);
    const dDcDrift = pairedInterval(h.dcOff, h.dc);
    const dPor = pairedInterval(por.dc, por.p1);
    const dc1 = meanInterval(h.dc).mean;
    const means = `mean longest dendrite: DC ${mean('dc')} nm, 1 ms pulses ${mean('p1')} nm, 20 ms pulses ${mean('p20')} nm; without drift DC ${mean('dcOff')} nm, 1 ms pulses ${mean('p1Off')} nm`;
    const src = 'Aryanfar et al., JPCL 5, 1721 (2014)';
    return [
      { id: 'walker-pulse-longest-dendrite', quantity: 'longest dendrite, DC minus 1 ms/3 ms pulses, drifting walkers (same average current and charge)', published: '> 0: pulses shorten dendrites (about 2.5x in their cell)', source: src,
        measured: d1.mean, unit: 'nm', interval: [d1.lo, d1.hi], runs, pass: excludesZero(d1) && d1.mean > 0.05 * dc1,
        note: `claim stated before the run: DC - pulse > 5 % of DC (${fmt(0.05 * dc1)} nm) and the interval excludes 0; ${means}; drift E0 = J / (4e-4 S/m), bias per hop 0.024 (DC) and 0.097 (pulse), largest local bias ${fmt(maxBias)}` },
      { id: 'walker-pulse-20ms-vs-1ms', quantity: 'longest dendrite, 20 ms/60 ms pulses minus 1 ms/3 ms pulses, drifting walkers', published: '> 0: 20 ms pulses ineffective, 1 ms pulses effective', source: src,
        measured: d20.mean, unit: 'nm', interval: [d20.lo, d20.hi], runs, pass: excludesZero(d20) && d20.mean > 0,
        note: `DC - 20 ms pulses: ${fmt(dDc20.mean)} nm [${fmt(dDc20.lo)}, ${fmt(dDc20.hi)}] (their "ineffective": about 0). The ions' relaxation time over the inlet distance is H^2/D = 1.27 ms: a 20 ms pulse catches only the ions in flight at its end` },
      { id: 'walker-pulse-drift-share', quantity: 'what the drift adds to the pulse benefit: (DC - pulse) with drift minus (DC - pulse) without', published: '> 0 (their mechanism: migration in the fields converging on tips during the pulse)', source: src,
        measured: dDrift.mean, unit: 'nm', interval: [dDrift.lo, dDrift.hi], runs, pass: excludesZero(dDrift) && dDrift.mean > 0,
        note: `without drift (walkers on the same clock, drift: off) DC - pulse = ${fmt(dOff.mean)} nm [${fmt(dOff.lo)}, ${fmt(dOff.hi)}]; expected before the run: not > 0 (in this model the rests act by open circuit: an ion near the deposit is not reduced at its first contact and wanders into the gaps; no field needed)` },
      { id: 'walker-dc-drift', quantity: 'longest dendrite in DC, without drift minus with drift', published: '< 0 (fields converging on tips lengthen dendrites; dielectric breakdown model)', source: 'Niemeyer, Pietronero, Wiesmann, PRL 52, 1033 (1984)',
        measured: dDcDrift.mean, unit: 'nm', interval: [dDcDrift.lo, dDcDrift.hi], runs, pass: excludesZero(dDcDrift) && dDcDrift.mean < 0,
        note: 'expected before the run: > 0 (pilot +260 nm: drift makes the approach to the deposit more ballistic and the deposit denser; the field is resolved on 2-voxel cells, so the amplification at one-voxel tips is smoothed)' },
      { id: 'walker-pulse-porosity', quantity: 'porosity, DC minus 1 ms/3 ms pulses, drifting walkers', published: '> 0 (denser deposit with pulses)', source: src,
        measured: dPor.mean, unit: '', interval: [dPor.lo, dPor.hi], runs, pass: excludesZero(dPor) && dPor.mean > 0, note: 'reported beside the dendrite length' },
    ];
  },
};

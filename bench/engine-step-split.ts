/**
 * engsplit (session 53): does a constant-current plate written as two steps run the one-step plate? Without and with the
 * SEI. seisplit's bench (bench/sei-step-split.ts) found the split plate's kMC time longer by +44 s [35, 53] (seeds
 * 501-548, carbonate SEI, switch off) after the SEI's step-end pass was gone; its guess (not traced) was the step start's
 * restart of the galvanostat's deficit and of the double layer's averaging window.
 *
 * What a step's start reset until engsplit (Simulation.runSubStep, step-parts.ts DoubleLayerStepController,
 * electrochem/doublelayer.ts), read before the fix:
 *  - the galvanostat's deficit D = r (t - t_start) - (net - net_start): t_start and net_start were the step's own, so the
 *    box's lag (or lead) against its share at the boundary was forgotten; fed back beyond a band of a quarter monolayer
 *    (16 voxels here) over tau_fb, this is what moved the trajectory (a box 30 voxels ahead at the boundary, as seed 1's
 *    first half here, was no longer slowed after it);
 *  - the double layer's averaging window tau_avg (DoubleLayer.setRate: N_AVG / (|r| + k0 nx ny), replacing the value the
 *    last update computed from the present exchange); eta, A-bar, B-bar, the last update's time were kept;
 *  - a new controller, whose first update runs at the step's first iteration (the one-step plate runs one there too: the
 *    last event changed the rate sums), the reversal flag (reversalAt: a strip after a plate is at a reversal, a second
 *    strip after it was not, so its feedback on the count moved against the current stopped) and its `against` count;
 *  - the step's counters (stepNet, maxProgress, the sampling windows, the opened trace row): bookkeeping and trace rows
 *    only, no rate; lone adatoms resolved (apps/lone-adatoms.ts resolveAll, draws from the shared RNG where first-passage
 *    domains are open: none in this box, terrace barrier 0.25 eV); the SEI's pass (only where the front stops, seisplit);
 *    the RNG is not reseeded; rebuilds run at the run's event counts.
 * The fix: a boundary between two galvanostatic steps of the same kind (frontStopsAfter false) carries the galvanostat's
 * origin (t0, net0), the reversal flag and the averaging window (Simulation.GalvanostatChain).
 *
 *   node dist/bench/engine-step-split.js [SEEDS=48] [FIRST=501]   (the compiled file also runs in main's build: the control)
 * Arms: `plate` no SEI, 8 x 8 x 15 voxels of 100 nm, Li on Cu, E_t 0.25 eV, "Plate 0.1 mAh/cm2 at 1 mA/cm2" against two
 * "Plate 0.05 ..." (306 = 153 + 153 voxels: the counts add up); `sei` bench/sei-step-split.ts's run, carbonate SEI
 * (switch off), 2 x (plate, strip to 1 V). Per arm: kMC time, plateau overpotential (trace rows' overpotential weighted by
 * their galvanostat time over the plate's second half), CE (sei arm), paired differences two minus one (95 %), and the
 * seeds whose split run is the one-step run (events, kMC clock, net count, final eta and lattice all equal).
 *
 * Stated before the run (committed with this file, before any of its runs; seeds 501-548):
 * - this build: every seed's split run identical to its one-step run in both arms (48 / 48): events, kMC clock, lattice,
 *   final eta; the kMC time's and the CE's two minus one exactly 0. The plateau's two minus one within +-0.05 mV (the trace's
 *   windows restart at the boundary, so the rows are sampled differently even on one trajectory), interval containing zero.
 * - main's build (control): `plate` arm: kMC time two minus one about -28 s per 360 s (a scratch run on 48 seeds gave -28
 *   s mean, no interval), interval excluding zero; `sei` arm: +44 s [35, 53] (seisplit's figure); identical seeds about 0
 *   (the reset window alone moves the first update after the boundary, so even a box inside the band parts there).
 * At a new current (plate -> plate at another current) there is no one-step run to compare with; not measured here.
 *
 * Added after the first runs (b566c985's build and main's, results in bench/engine-step-split-{b566c985,main-24a5a7b7}-
 * results.json), stated before its run: the plateau's +0.21 mV [0.19, 0.24] on 47 identical trajectories is the trace's
 * sampling, not the engine: the default sample (output.sample) follows the protocol's smallest step, so the split run
 * has twice the rows (308 against 154 at seed 501, rows of 1 against 2 voxels), each the overpotential averaged over
 * its window. Third argument `voxel-rows`: output.sample 0.0003 mAh/cm2 (one voxel) in both runs; expected: the plateau's
 * two minus one 0 within 1e-6 mV (the same rows; the split's extra row at its second step's start has no weight), every
 * seed identical in both arms.
 *   node dist/bench/engine-step-split.js 48 501 voxel-rows
 */
import { createHash } from 'node:crypto';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';

interface Run { kmc: number; plateau: number; ce: number; key: string }

const plateau = (sim: Simulation): number => {
  // the first plate's second half, by the galvanostat clock (rows of step 0, or steps 0 and 1 when split)
  const tr = sim.trace, plateSteps = new Set(sim.stepResults.filter((r) => r.kind === 'plate' && r.cycle <= 1).map((r) => r.index));
  let end = 0;
  for (let i = 0; i < tr.time_s.length; i++) if (plateSteps.has(tr.step[i]!)) end = Math.max(end, tr.time_s[i]!);
  let s = 0, w = 0;
  for (let i = 1; i < tr.time_s.length; i++) {
    if (!plateSteps.has(tr.step[i]!) || tr.time_s[i]! <= end / 2) continue;
    const dt = tr.time_s[i]! - Math.max(end / 2, tr.time_s[i - 1]!);
    if (dt > 0) { s += tr.overpotential_mV[i]! * dt; w += dt; }
  }
  return s / w;
};

function run(seed: number, split: boolean, sei: boolean): Run {
  const plate = split ? ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Plate 0.05 mAh/cm2 at 1 mA/cm2'] : ['Plate 0.1 mAh/cm2 at 1 mA/cm2'];
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 15], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, ...(sei ? { sei: 'carbonate' } : {}),
    protocol: sei ? [{ repeat: 2, steps: [...plate, 'Strip at 1 mA/cm2 until 1 V'] }] : plate, output: { snapshots: false, ...(voxelRows ? { sample: '0.0003 mAh/cm2' } : {}) }, seed }));
  sim.runAll();
  const key = createHash('sha256').update(sim.app.code).update(JSON.stringify([sim.events, sim.kmcTime, sim.netVoxels, sim.eta])).digest('hex');
  return { kmc: sim.kmcTime, plateau: plateau(sim), ce: sei ? cycleSummary(sim).average_ce * 100 : NaN, key };
}

const voxelRows = process.argv[4] === 'voxel-rows';
const nSeeds = Number(process.argv[2] ?? 48);
const first = Number(process.argv[3] ?? 501);
const seeds = Array.from({ length: nSeeds }, (_, i) => first + i);
const iv = (x: { mean: number; lo: number; hi: number }) => ({ mean: +x.mean.toFixed(4), lo: +x.lo.toFixed(4), hi: +x.hi.toFixed(4) });
const t0 = performance.now();
const out: Record<string, unknown> = { ...(voxelRows ? { sample: '0.0003 mAh/cm2 (one voxel)' } : {}), seeds: `${seeds[0]}-${seeds[seeds.length - 1]}`, box: 'Li||Cu 8 x 8 x 15 x 100 nm, E_t 0.25 eV, 25 degC; plate: 0.1 mAh/cm2 at 1 mA/cm2; sei: carbonate, 2 x (plate, strip to 1 V)' };
for (const sei of [false, true]) {
  const one = seeds.map((s) => run(s, false, sei)), two = seeds.map((s) => run(s, true, sei));
  const arm: Record<string, unknown> = { identical_seeds: two.filter((r, i) => r.key === one[i]!.key).length, of: seeds.length };
  for (const k of (sei ? ['kmc', 'plateau', 'ce'] : ['kmc', 'plateau']) as (keyof Run)[]) {
    const a = two.map((r) => r[k] as number), b = one.map((r) => r[k] as number);
    arm[k] = { one_step: iv(meanInterval(b)), two_steps: iv(meanInterval(a)), two_minus_one: iv(pairedInterval(a, b)) };
  }
  out[sei ? 'sei' : 'plate'] = arm;
}
out.cpu_s = +((performance.now() - t0) / 1000).toFixed(1);
console.log(JSON.stringify(out, null, 1));

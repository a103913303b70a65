/**
 * The kMC clock of a galvanostatic step, serial engine against the sector scheme (branch mends34):
 * 24 x 24 x 16 voxels of 50 nm, Li on Cu, `Plate <charge> at <current>`, seeds 1..n. Per run: the
 * step's kMC seconds, the charge / current law's seconds (target voxels x q / I), the faradaic charge
 * (reductions - oxidations, voxels), the double layer's charge (C_dl area eta_end / q, voxels) and the
 * box's deficit at the end (r T - net: the applied current's voxels the box did not plate).
 *
 *   node dist/bench/sector-clock.js --currents 0.002,0.02,0.2,3 --charge 5.5e-5 --seeds 1-3 [--engines serial,exact,2] [--opts '{"maxTauOverAvg":0.1}'] [--out file]
 *
 * (--charge in mAh/cm2; --opts: runSectors options for the sector engines; each sector row names its sums, 'averaged' by
 * default since branch sectordef: the files without them ran with 'start'.) The runs of docs/parallel.md are in
 * bench/sector-clock-results.json.
 *
 * Engines: serial (first-passage lone adatoms, the default), exact (serial, hop by hop: what each
 * sector thread runs), 1 / 2 (the sector scheme on that many threads). The engines draw different
 * random streams: runs of one seed are not paired (on Cu there are no SACs, so a seed sets nothing
 * the engines share but the stream).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { derive } from '../src/simulation/setup.js';
import { runSectors } from '../src/parallel/sector-run.js';
import { arg } from './args.js';

const currents = (arg('currents') ?? '0.002,0.02,0.2,3').split(',').map(Number);
const charge = Number(arg('charge') ?? 5.5e-5);
const [s0, s1] = (arg('seeds') ?? '1-3').split('-').map(Number);
const engines = (arg('engines') ?? 'serial,exact,2').split(',');
const sectorOpts = JSON.parse(arg('opts') ?? '{}') as Record<string, unknown>;
const out = arg('out');
const input = (j: number, seed: number) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' },
  protocol: [`Plate ${charge} mAh/cm2 at ${j} mA/cm2`], seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});
const rows: Record<string, unknown>[] = [];
for (const j of currents) for (let seed = s0!; seed <= (s1 ?? s0)!; seed++) for (const engine of engines) {
  const run = parseRunInput(input(j, seed));
  const d = derive(run);
  const I_A = (run.protocol[0] as { current_A_per_m2: number }).current_A_per_m2 * d.area_m2;
  const C = run.electrochem.doubleLayer_F_per_m2 * d.area_m2;
  const t0 = performance.now(), load = loadavg()[0]!;
  let row: Record<string, number | string>;
  if (engine === 'serial' || engine === 'exact') {
    const sim = new Simulation(run, { engine: { adatoms: engine === 'exact' ? 'exact' : 'first-passage' } });
    sim.runAll({});
    const s = sim.stepResults[0]!, c = sim.app.counters;
    row = { kmc_s: s.kmc_duration_s, net: s.net_voxels, reductions: c.reductions, oxidations: c.oxidations, eta_end_mV: sim.dl.eta * 1e3, events: s.events, ended: s.ended };
  } else {
    const r = await runSectors(input(j, seed), { threads: Number(engine), ...sectorOpts });
    row = { kmc_s: r.kmc_time_s, net: r.deposited_voxels, reductions: r.reductions, oxidations: r.oxidations, eta_end_mV: -r.eta_end_mV, events: r.events, ended: r.ended, cycles: r.cycles, sums: r.sums }; // (cathodic positive, as dl.eta: runSectors gives it negative while plating since mends55)
  }
  const law_s = ((row.net as number) * d.q_C) / I_A;
  const dl_voxels = (C * (row.eta_end_mV as number) * 1e-3) / d.q_C;
  row = { j_mA_per_cm2: j, seed, engine, law_s, ...row, kmc_over_law: (row.kmc_s as number) / law_s, dl_voxels, deficit_voxels: ((row.kmc_s as number) * I_A) / d.q_C - (row.net as number), wall_s: (performance.now() - t0) / 1000, load };
  rows.push(row);
  process.stdout.write(JSON.stringify(row) + '\n');
}
if (out) writeFileSync(out, JSON.stringify({ charge_mAh_per_cm2: charge, sectorOpts, rows }, null, 1) + '\n');

/**
 * Branch mends121 (review87 F10): the runs behind docs/transport.md's "Plating under the SEI" table, which fieldcost
 * measured but did not commit. li-transport's plate (Li on Cu, LiPF6-EC-DMC, 50 um diffusion layer, 100 nm voxels and
 * field cells, `Plate 0.2 mAh/cm2 at 150 mA/cm2`) on 8 x 8 x 64, seeds 1-6, three arms: no SEI, `sei: ether`,
 * `sei: carbonate`. Per run: how the step ended, the charge at its end (mAh/cm2), executed events, dead voxels at the
 * end, CPU s. Then each SEI arm minus the no-SEI arm, paired by seed: mean and 95 % Student-t interval, in mAh/cm2 and
 * as % of the no-SEI mean end.
 *   nice node dist/bench/sei-plate-end.js [--seeds 1-6] [--out bench/sei-plate-end-results.json]
 * About 35 CPU s for the 18 runs (one process, one run at a time).
 */
import { writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { checkArgs, arg, refuseArgs } from './args.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { pairedInterval, meanInterval } from '../src/stats/interval.js';
import { TO } from '../src/units.js';
import { DEAD } from '../src/lattice/voxel.js';

const USAGE = 'node dist/bench/sei-plate-end.js [--seeds 1-6] [--out FILE]\n  li-transport\'s plate on 8 x 8 x 64 with no SEI, sei: ether and sei: carbonate, paired by seed\n';
checkArgs('sei-plate-end', USAGE, ['--seeds', '--out'], ['--seeds', '--out']);
const range = (arg('seeds') ?? '1-6').match(/^(\d+)-(\d+)$/);
if (!range) refuseArgs('sei-plate-end', USAGE, `--seeds takes a range such as 1-6, got ${arg('seeds')}`);
const seeds: number[] = [];
for (let s = Number(range[1]); s <= Number(range[2]); s++) seeds.push(s);
if (seeds.length < 2) refuseArgs('sei-plate-end', USAGE, `--seeds needs at least 2 seeds for an interval, got ${arg('seeds')}`);

const arms = ['none', 'ether', 'carbonate'] as const;
type Arm = typeof arms[number];
interface RunRow { arm: Arm; seed: number; ended: string; end_mAh_per_cm2: number; events: number; dead_voxels: number; cpu_s: number }
const rows: RunRow[] = [];
for (const arm of arms) {
  for (const seed of seeds) {
    const run = parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 64], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
      ...(arm === 'none' ? {} : { sei: arm }),
      cell: { diffusion_layer: '50 um', field_cell: '100 nm' }, protocol: ['Plate 0.2 mAh/cm2 at 150 mA/cm2'], seed, output: { snapshots: false },
    });
    const u0 = process.cpuUsage();
    const sim = new Simulation(run);
    sim.runAll({});
    const u = process.cpuUsage(u0);
    const r = sim.stepResults[0]!;
    let dead = 0;
    for (const c of sim.app.code) if (c === DEAD) dead++;
    const row: RunRow = { arm, seed, ended: r.ended, end_mAh_per_cm2: TO.mAh_per_cm2(r.charge_C_per_cm2 * 1e4), events: sim.events, dead_voxels: dead, cpu_s: (u.user + u.system) / 1e6 };
    rows.push(row);
    process.stderr.write(`${arm} seed ${seed}: ${row.ended} at ${row.end_mAh_per_cm2.toFixed(4)} mAh/cm2, ${row.events} events, ${dead} dead, ${row.cpu_s.toFixed(1)} CPU s\n`);
  }
}
const ends = (arm: Arm) => seeds.map((s) => rows.find((r) => r.arm === arm && r.seed === s)!.end_mAh_per_cm2);
const base = meanInterval(ends('none'));
const paired: Record<string, unknown> = {};
for (const arm of ['ether', 'carbonate'] as const) {
  const iv = pairedInterval(ends(arm), ends('none'));
  paired[`${arm}_minus_none`] = {
    mean_mAh_per_cm2: iv.mean, lo_mAh_per_cm2: iv.lo, hi_mAh_per_cm2: iv.hi,
    mean_percent: (100 * iv.mean) / base.mean, lo_percent: (100 * iv.lo) / base.mean, hi_percent: (100 * iv.hi) / base.mean,
  };
}
let commit = '';
try { commit = execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
const out = {
  bench: 'sei-plate-end', commit, date: new Date().toISOString(), seeds,
  setup: 'Li on Cu, LiPF6-EC-DMC, 8 x 8 x 64 x 100 nm, 50 um layer, 100 nm field cells, Plate 0.2 mAh/cm2 at 150 mA/cm2',
  none_mean_end_mAh_per_cm2: base.mean, paired, runs: rows,
};
const json = JSON.stringify(out, null, 2) + '\n';
const file = arg('out');
if (file !== undefined) writeFileSync(file, json);
process.stdout.write(json);

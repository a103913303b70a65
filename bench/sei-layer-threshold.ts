/**
 * mends111 (review84, section 3): the opt-in rule settle_after_layer holds a stretched film until the net charge since
 * the stretch is one layer of the box; that "one layer" is a choice, exposed as `sei.settle_layers` (default 1). How
 * much does it move the SEI-bound share? sei-area-layer's set-up (Li||Cu, the 0.8 x 0.8 x 1.5 um box, carbonate, E_d
 * 0.25 eV, 25 degC, 2 x (0.1 mAh/cm2 at 1 mA/cm2, stripped to 1 V)), the threshold at 0.25, 0.5, 1, 2 and 4 layers,
 * seeds paired across thresholds; intervals src/stats/interval.ts (meanInterval; pairedInterval against 1 layer).
 *
 *   node dist/bench/sei-layer-threshold.js [VOXEL_nm=50] [SEEDS=16]   (seeds 501 .. 500 + SEEDS; 50 nm: 16 x 16 x 30,
 *   100 nm: 8 x 8 x 15)
 *
 * Stated before the run (committed with this file, before any of its runs):
 * - 50 nm, seeds 501-516: review84's scratch run (rv/layer-threshold.mjs: the module's layerVoxels scaled after
 *   construction, the same threshold this key sets) gave 4.14 / 2.61 / 1.02 / 0.553 / 0.529 % at 0.25 / 0.5 / 1 / 2 / 4
 *   layers. The protocol has no plate -> plate boundary, so mends111's release rule changes nothing here: expected the
 *   same figures to the printed digits (the 1-layer share is sei-area-layer's 50 nm row on these 16 of its 32 seeds).
 * - 100 nm, seeds 501-548: the same ordering, falling from 0.5 to 2 layers by 3-5x (as at 50 nm: 4.7x); 1 layer about
 *   1.03 % (bench/sei-step-split's one-step arm on these seeds).
 */
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';

const GRID: Record<string, [number, number, number]> = { 100: [8, 8, 15], 50: [16, 16, 30] };
const LAYERS = [0.25, 0.5, 1, 2, 4];

function run(voxel_nm: number, layers: number, seed: number): { sei: number; dead: number; ce: number } {
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: GRID[String(voxel_nm)]!, voxel: `${voxel_nm} nm` }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, sei: { set: 'carbonate', settle_after_layer: true, settle_layers: layers },
    protocol: [{ repeat: 2, steps: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], output: { snapshots: false }, seed }));
  sim.runAll({});
  const s = cycleSummary(sim);
  return { sei: s.sei_charge_fraction * 100, dead: s.dead_metal_fraction * 100, ce: s.average_ce * 100 };
}

const voxel = Number(process.argv[2] ?? 50), nSeeds = Number(process.argv[3] ?? 16);
if (!GRID[String(voxel)]) throw new Error(`voxel ${voxel} nm: 50 or 100`);
const seeds = Array.from({ length: nSeeds }, (_, i) => 501 + i);
const iv = (x: { mean: number; lo: number; hi: number }) => ({ mean: +x.mean.toFixed(4), lo: +x.lo.toFixed(4), hi: +x.hi.toFixed(4) });
const t0 = performance.now();
const runs = LAYERS.map((L) => seeds.map((s) => run(voxel, L, s)));
const base = runs[LAYERS.indexOf(1)]!;
console.log(JSON.stringify({
  voxel_nm: voxel, seeds: `${seeds[0]}-${seeds[seeds.length - 1]}`, grid: GRID[String(voxel)],
  rows: LAYERS.map((L, i) => ({
    settle_layers: L,
    sei_percent: iv(meanInterval(runs[i]!.map((r) => r.sei))),
    sei_minus_1_layer_points: iv(pairedInterval(runs[i]!.map((r) => r.sei), base.map((r) => r.sei))),
    dead_percent: iv(meanInterval(runs[i]!.map((r) => r.dead))),
    ce_percent: iv(meanInterval(runs[i]!.map((r) => r.ce))),
  })),
  cpu_s: +((performance.now() - t0) / 1000).toFixed(1),
}, null, 1));

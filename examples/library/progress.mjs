// (f) Progress of a run: onProgress is called every `chunk` events (default 200 000).
//   node examples/library/progress.mjs
import { simulate } from 'sacplate';

const run = {
  metal: 'Li', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
  protocol: ['Plate 0.008 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false },
};
let calls = 0;
const { metrics } = simulate(run, {
  chunk: 1000,
  onProgress: (p) => { calls++; console.log(`progress: ${(100 * p.fraction).toFixed(1)} % after ${p.events} events, overpotential ${p.overpotential_mV.toFixed(1)} mV`); },
});
console.log(`progress calls: ${calls}`);
console.log(`events: ${metrics.events}`);

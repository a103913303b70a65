// (e) Cancel a long run and resume it. simulate() is synchronous, so it is stopped from its own
// progress callback (or from another thread: simulateInWorker(run).cancel()); with outDir and
// checkpointEvery_s it keeps a checkpoint, and resume: true continues from it, bit for bit.
//   node examples/library/cancel-resume.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from 'sacplate';

const run = {
  metal: 'Li', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
  protocol: ['Plate 0.008 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false },
};
const outDir = mkdtempSync(join(tmpdir(), 'sacplate-resume-'));
const stop = new AbortController();
const first = simulate(run, {
  outDir, checkpointEvery_s: 60, chunk: 1000, signal: stop.signal,
  onProgress: (p) => { if (p.fraction > 0.5) stop.abort(); }, // a cancel writes a checkpoint too
});
console.log(`first part ended: ${first.steps.at(-1).ended} after ${first.metrics.events} events`);
const rest = simulate(run, { outDir, resume: true, onResume: (at) => console.log(`resumed at event: ${at.events}`) });
console.log(`resumed run ended: ${rest.steps.at(-1).ended}`);
console.log(`events: ${rest.metrics.events}`);
console.log(`nucleation overpotential: ${rest.metrics.nucleation_overpotential_mV.toFixed(6)} mV`);
console.log(`rms roughness: ${rest.metrics.rms_roughness_nm.toFixed(6)} nm`);

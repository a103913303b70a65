/**
 * Worker thread of the atomistic studies (nucleation-halo): runs a batch of atomistic specs (one per seed) and
 * posts the runs with the wall time of each, so that a study's seeds share the machine's cores. The runs are
 * those of runAtomistic on the main thread (each spec carries its own seed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runAtomistic, type AtomisticSpec } from '../src/nucleation/atomistic.js';

const specs = workerData as AtomisticSpec[];
const out = specs.map((s) => { const t0 = performance.now(); const run = runAtomistic(s); return { run, wall_s: (performance.now() - t0) / 1000 }; });
parentPort!.postMessage(out);

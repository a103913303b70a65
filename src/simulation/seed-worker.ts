/** Worker thread body for runSeeds: runs one resolved run per message and posts its metrics. */
import { parentPort } from 'node:worker_threads';
import { simulate } from './simulate.js';
import type { ResolvedRun } from '../input/types.js';
import { serialiseError } from './worker-errors.js';

parentPort!.on('message', (m: { i: number; run: ResolvedRun; outDir?: string }) => {
  try {
    const r = simulate(m.run, { outDir: m.outDir });
    parentPort!.postMessage({ i: m.i, metrics: r.metrics });
  } catch (e) {
    parentPort!.postMessage({ i: m.i, error: serialiseError(e) });
  }
});

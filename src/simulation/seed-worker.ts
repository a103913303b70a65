/**
 * Worker thread body for runPool (runSeeds): runs one run per message and posts its metrics. It
 * imports run-resolved.ts, not simulate.ts: the run-file parser (zod, YAML, the parameter
 * registry) is loaded only for a run object still to resolve (runPool takes those too).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isResolvedRun, simulateResolved } from './run-resolved.js';
import type { ResolvedRun } from '../input/types.js';
import { join } from 'node:path';
import { FIGURE_DIR } from '../plots/run.js';
import { serialiseError } from './worker-errors.js';

// mends92: runSeeds' signal sets this flag (shared memory); the loop asks `signal.aborted` between batches of events
const flag = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const signal = { get aborted(): boolean { return Atomics.load(flag, 0) !== 0; } } as AbortSignal;

parentPort!.on('message', async (m: { i: number; run: ResolvedRun | Record<string, unknown>; outDir?: string; figures?: boolean }) => {
  try {
    let last = 0;
    const run = isResolvedRun(m.run) ? m.run : (await import('./simulate.js')).resolveInput(m.run);
    const r = simulateResolved(run, {
      outDir: m.outDir, signal,
      // progress for the caller's bar over all runs, at most 4 messages a second
      onProgress: (p) => { const now = Date.now(); if (now - last >= 250) { last = now; parentPort!.postMessage({ i: m.i, progress: p.fraction }); } },
    });
    // the renderer is loaded by the first run that draws figures (startcost: a pool without them never loads it)
    if (m.outDir && m.figures !== false && !r.cancelled) await (await import('../plots/render.js')).renderFigureDir(join(m.outDir, FIGURE_DIR));
    parentPort!.postMessage({ i: m.i, metrics: r.metrics, steps: r.steps.map((s) => ({ ...s })), cancelled: r.cancelled });
  } catch (e) {
    parentPort!.postMessage({ i: m.i, error: serialiseError(e) });
  }
});

/**
 * Worker thread body for runPool (runSeeds): runs one run per message and posts its metrics. It
 * imports run-resolved.ts, not simulate.ts: the run-file parser (zod, YAML, the parameter
 * registry) is loaded only for a run object still to resolve (runPool takes those too).
 */
import { parentPort } from 'node:worker_threads';
import { isResolvedRun, simulateResolved } from './run-resolved.js';
import type { ResolvedRun } from '../input/types.js';
import { join } from 'node:path';
import { renderFigureDir } from '../plots/render.js';
import { FIGURE_DIR } from '../plots/run.js';
import { serialiseError } from './worker-errors.js';

parentPort!.on('message', async (m: { i: number; run: ResolvedRun | Record<string, unknown>; outDir?: string; figures?: boolean }) => {
  try {
    let last = 0;
    const run = isResolvedRun(m.run) ? m.run : (await import('./simulate.js')).resolveInput(m.run);
    const r = simulateResolved(run, {
      outDir: m.outDir,
      // progress for the caller's bar over all runs, at most 4 messages a second
      onProgress: (p) => { const now = Date.now(); if (now - last >= 250) { last = now; parentPort!.postMessage({ i: m.i, progress: p.fraction }); } },
    });
    if (m.outDir && m.figures !== false) await renderFigureDir(join(m.outDir, FIGURE_DIR));
    parentPort!.postMessage({ i: m.i, metrics: r.metrics, steps: r.steps.map((s) => ({ ...s })) });
  } catch (e) {
    parentPort!.postMessage({ i: m.i, error: serialiseError(e) });
  }
});

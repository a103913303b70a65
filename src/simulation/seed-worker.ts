/** Worker thread body for runSeeds: runs one resolved run per message and posts its metrics. */
import { parentPort } from 'node:worker_threads';
import { simulate } from './simulate.js';
import type { ResolvedRun } from '../input/types.js';
import { join } from 'node:path';
import { renderFigureDir } from '../plots/render.js';
import { FIGURE_DIR } from '../plots/run.js';
import { serialiseError } from './worker-errors.js';

parentPort!.on('message', async (m: { i: number; run: ResolvedRun; outDir?: string; figures?: boolean }) => {
  try {
    let last = 0;
    const r = simulate(m.run, {
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

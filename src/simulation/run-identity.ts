/**
 * runIdentity, the first keys of a run's metrics. Its own module (startcost2, from report.ts, which re-exports it): the
 * run service (src/server/service.ts) lists a running run by them on the CLI's main thread, which loads no engine.
 */
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from './report.js';

/** What a run is, known before it runs: the first keys of its metrics (the workbench lists a running run by them). */
export function runIdentity(run: ResolvedRun): Pick<Metrics, 'metal' | 'host' | 'sacs' | 'seed' | 'mode' | 'voxel_nm' | 'temperature_K' | 'estimator'> {
  return {
    metal: run.metal.name,
    host: run.host.name,
    sacs: run.sacs.map((s) => `${s.site.name} ${(s.loading_fraction * 100).toPrecision(3)} % ${s.arrangement}`),
    seed: run.seed,
    mode: run.lattice.mode,
    voxel_nm: Number((run.lattice.voxel_m * 1e9).toPrecision(12)),
    temperature_K: run.temperature_K,
    estimator: run.electrochem.estimator ?? 'rates',
  };
}

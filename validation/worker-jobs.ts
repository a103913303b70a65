/**
 * Runs independent study jobs in worker threads, `lanes` at a time (one thread per job, the job as
 * workerData, its result as the one message). Each job carries its own seed, so results do not
 * depend on which lane ran it. Used by the replica-exchange wetting studies.
 */
import { Worker } from 'node:worker_threads';

export async function runWorkerJobs<J, R>(workerPath: string, jobs: readonly J[], opts: {
  name: string; lanes?: number; onDone?: (job: J, result: R, k: number, seconds: number) => void;
}): Promise<R[]> {
  const out: R[] = new Array(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const k = next++;
      const t0 = performance.now();
      out[k] = await new Promise<R>((resolve, reject) => {
        const w = new Worker(workerPath, { workerData: jobs[k] });
        w.once('message', resolve);
        w.once('error', reject);
        w.once('exit', (code) => { if (code !== 0) reject(new Error(`${opts.name} worker exited with ${code}`)); });
      });
      opts.onDone?.(jobs[k]!, out[k]!, k, (performance.now() - t0) / 1000);
    }
  };
  await Promise.all(Array.from({ length: opts.lanes ?? 2 }, lane));
  return out;
}

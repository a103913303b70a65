/**
 * Worker thread of the nucleation-convergence-replicate and -powered studies: one run of the size series
 * (studies/nucleation-convergence-large.ts `one`) for the job's box size and seed, posted back, so that
 * the runs share the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { one } from './studies/nucleation-convergence-large.js';

const job = workerData as { L: number; seed: number };
parentPort!.postMessage(one(job.L, job.seed));

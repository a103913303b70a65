/**
 * Worker thread of the sac-island-uniformity-replicate study (uniform66): one run of sac-island-uniformity-paired's
 * `reading` (arm, seed, box, current) posted back, so that the study's runs share the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { reading, type Arm } from './studies/sac-island-uniformity-paired.js';

const job = workerData as { arm: Arm; seed: number; size: number; current: number };
parentPort!.postMessage(reading(job.arm, job.seed, job.size, job.current));

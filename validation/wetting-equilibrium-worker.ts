/**
 * Worker thread of the `wetting-equilibrium` study: runs one parallel-tempering job
 * (studies/wetting-equilibrium.ts) and posts its result, so that the jobs share the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runEquilibrium, type EquilibriumJob } from './studies/wetting-equilibrium.js';

parentPort!.postMessage(runEquilibrium(workerData as EquilibriumJob));

/**
 * Worker thread of the `bv-vicinal-*` studies: runs one Butler-Volmer job on the vicinal foil
 * (studies/bv-vicinal-common.ts) and posts its result, so that the jobs share the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { measureVicinal, type VicinalJob } from './studies/bv-vicinal-common.js';

parentPort!.postMessage(measureVicinal(workerData as VicinalJob));

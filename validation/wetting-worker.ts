/**
 * Worker thread of the `wetting` study: runs one replica-exchange island (studies/wetting-tempering.ts)
 * and posts its result, so that the study's runs share the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { temperIsland, type TemperingOptions } from './studies/wetting-tempering.js';

const opts = workerData as TemperingOptions;
parentPort!.postMessage(temperIsland({ ...opts, start: Uint8Array.from(opts.start) }));

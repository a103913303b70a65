/**
 * `nucleation()` on a worker thread, stoppable from the main thread. The atomistic stage is
 * synchronous and takes seconds to minutes: on the server's thread it would stop every other
 * request. The worker reads a shared cancel flag between atomistic runs (NucleationCancelled);
 * the cached atomistic data of what finished before stays in the store, nothing of the
 * unfinished scan is written.
 */
import { Worker } from 'node:worker_threads';
import type { NucleationReport, NucleationRequest } from './index.js';
import { reviveError, unreadableMessage, type SerialisedError } from '../simulation/worker-errors.js';

export interface NucleationWork {
  /** asks the work to stop before its next atomistic run */
  cancel(): void;
  /** the reports of every case in order; `cancelled` when a cancel stopped it (reports of the cases finished before are kept) */
  done: Promise<{ reports: NucleationReport[]; cancelled: boolean }>;
  /** stops the worker at once */
  terminate(): Promise<number>;
}

export function nucleationInWorker(
  cases: { name: string; req: NucleationRequest }[],
  storePath: string | null,
  on: { progress?: (caseIndex: number, message: string) => void; report?: (caseIndex: number, r: NucleationReport) => void } = {},
  /** threads each FFS point's repetitions run on (atomisticStage's; default 1: the server's jobs, one busy thread a job) */
  threads = 1,
): NucleationWork {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { cases: cases.map((c) => ({ name: c.name, req: c.req })), storePath, cancel, threads } });
  const reports: NucleationReport[] = [];
  const done = new Promise<{ reports: NucleationReport[]; cancelled: boolean }>((resolve, reject) => {
    let settled = false;
    w.on('message', (m: { type: string; case?: number; message?: string; report?: NucleationReport; error?: SerialisedError }) => {
      if (m.type === 'progress') on.progress?.(m.case!, m.message!);
      else if (m.type === 'case') { reports[m.case!] = m.report!; on.report?.(m.case!, m.report!); }
      else if (m.type === 'done' || m.type === 'cancelled') { settled = true; resolve({ reports, cancelled: m.type === 'cancelled' }); }
      else if (m.type === 'error') { settled = true; reject(reviveError(m.error!)); }
    });
    w.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    // a message this thread cannot read (a report nested too deeply to read back): the work fails with it, not later as
    // "exited with code 0" or with a case's report missing (worker-errors.ts)
    w.on('messageerror', (e) => { if (!settled) { settled = true; reject(unreadableMessage(e, 'the nucleation worker')); void w.terminate(); } });
    w.on('exit', (code) => { if (!settled) { settled = true; reject(new Error(`nucleation worker exited with code ${code} before finishing`)); } });
  });
  return { cancel: () => { Atomics.store(flag, 0, 1); }, done, terminate: () => w.terminate() };
}

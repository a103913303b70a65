/**
 * One validation study in its own process (forked by validation/run.ts): imports the study file given
 * as the first argument, runs it, sends { entries, wall_s } or { error, wall_s } to the parent and exits.
 *
 * Why a process per study: a study runs synchronously for up to 38 min, and a SIGINT handler in the
 * process that runs it would wait for it to end; here Ctrl-C stops the study at once while run.ts,
 * idle between messages, records what is finished and says how to resume. A study that takes its
 * process down (out of memory, a crash in a worker) is recorded as failed and the others still run.
 * wall_s is timed around study.run() alone, as before (not the process start or the imports).
 */
import { pathToFileURL } from 'node:url';
import type { ValidationEntry, ValidationStudy } from './types.js';

/** What the child sends back: the study's rows, or the message it threw. */
export type StudyMessage = { wall_s: number; entries: ValidationEntry[] } | { wall_s: number; error: string };

const file = process.argv[2];
if (!file || !process.send) {
  process.stderr.write('validate: run-study.js is started by validation/run.js (a study file and an IPC channel), not by hand\n');
  process.exit(2);
}
const { study } = (await import(pathToFileURL(file).href)) as { study?: ValidationStudy };
let msg: StudyMessage;
const t0 = performance.now();
try {
  if (!study) throw new Error(`${file} exports no study`);
  const entries = await study.run();
  msg = { wall_s: (performance.now() - t0) / 1000, entries };
} catch (err) {
  msg = { wall_s: (performance.now() - t0) / 1000, error: err instanceof Error ? err.message : String(err) };
}
// exit once the message is out: a pool or timer a study left open would keep the process (and the run) waiting
process.send(msg, () => process.exit(0));

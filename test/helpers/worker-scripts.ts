/**
 * Records the files the worker threads started while `fn` runs load: every script each worker
 * parses (ES modules and CommonJS files, ours and packages), reported by the worker's V8 inspector.
 * loaded-modules.ts cannot: in Node 20 the module hooks registered on the main thread do not see
 * a worker's loads. Each worker is attached before its first script (waitForDebuggerOnStart: it
 * waits, is told Debugger.enable, then runs; its break on start is resumed), so nothing is missed;
 * workers started before are not recorded.
 *
 * One inspector session for the whole process, NodeWorker.enable'd once, when this module is
 * imported (before the test file starts any worker); a recording only turns waitForDebuggerOnStart
 * on and off. Until branch wlflake each recording connected a session and enabled NodeWorker, and
 * that crashed the process now and then (SIGSEGV, 3 in 300 runs of test/worker-load.test.ts under
 * load): the first NodeWorker.enable of a session runs Node's WorkerManager::SetAutoAttach, which
 * loops over the workers still registered on the main thread (one still exiting after an earlier
 * test) and reports each to the session's JS listener from inside the loop; that JS lets the
 * exiting worker's queued "worker finished" request run, which erases the map entry the loop
 * stands on (Node 20 src/inspector/worker_inspector.cc; the core's stack: SetAutoAttach <-
 * WorkerAgent::enable, a worker thread in Isolate::Delete). A later enable of the same session
 * only sets the wait flag (WorkerAgent::enable), and at import there is no worker to loop over.
 * The session is never disconnected: a worker attached while no recording runs is left alone.
 */
import { Session } from 'node:inspector';

interface WorkerMessage { method?: string; params?: { url?: string; reason?: string } }

const session = new Session();
session.connect();
/** the files of each worker attached (waiting) during the current recording; null between recordings */
let recording: Map<string, Set<string>> | null = null;
/** every worker session this module sent Debugger.enable to (a pause of theirs is resumed, during a recording or after) */
const debugged = new Set<string>();
let id = 0;
const send = (sessionId: string, method: string) =>
  session.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: ++id, method }) });
session.on('NodeWorker.attachedToWorker', ({ params }: { params: { sessionId: string; waitingForDebugger: boolean } }) => {
  // a worker started outside a recording does not wait (waitForDebuggerOnStart is off then): left alone,
  // as is one already running when a recording began, or Debugger.enable would report every script it ever parsed
  if (!params.waitingForDebugger) return;
  // started during a recording: recorded; one that waits without a recording (none should) is only let run
  if (recording) {
    recording.set(params.sessionId, new Set());
    debugged.add(params.sessionId);
    send(params.sessionId, 'Debugger.enable');
  }
  send(params.sessionId, 'Runtime.runIfWaitingForDebugger');
});
session.on('NodeWorker.receivedMessageFromWorker', ({ params }: { params: { sessionId: string; message: string } }) => {
  if (!debugged.has(params.sessionId)) return;
  const m = JSON.parse(params.message) as WorkerMessage;
  if (m.method === 'Debugger.scriptParsed' && m.params?.url) recording?.get(params.sessionId)?.add(m.params.url);
  else if (m.method === 'Debugger.paused') send(params.sessionId, 'Debugger.resume');
});
// a detached worker's session id is never reused by this session (NodeWorkers numbers them 1, 2, ...)
session.on('NodeWorker.detachedFromWorker', ({ params }: { params: { sessionId: string } }) => { debugged.delete(params.sessionId); });
const setWait = (waitForDebuggerOnStart: boolean) =>
  new Promise<void>((ok, fail) => session.post('NodeWorker.enable', { waitForDebuggerOnStart }, (e) => (e ? fail(e) : ok())));
// the one SetAutoAttach, now, while this process has no worker
await setWait(false);

/** `workers`: the files of each worker started while `fn` ran (distinct, in the order parsed), in the order they started. */
export async function workerScripts<T>(fn: () => Promise<T>): Promise<{ result: T; workers: string[][] }> {
  if (recording) throw new Error('workerScripts: a recording is already running (one at a time: the workers of both would mix)');
  const urls = new Map<string, Set<string>>();
  recording = urls;
  try {
    await setWait(true);
    const result = await fn();
    return { result, workers: [...urls.values()].map((u) => [...u]) };
  } finally {
    recording = null;
    await setWait(false);
  }
}

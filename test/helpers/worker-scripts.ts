/**
 * Records the files the worker threads started while `fn` runs load: every script each worker
 * parses (ES modules and CommonJS files, ours and packages), reported by the worker's V8 inspector.
 * loaded-modules.ts cannot: in Node 20 the module hooks registered on the main thread do not see
 * a worker's loads. Each worker is attached before its first script (waitForDebuggerOnStart: it
 * waits, is told Debugger.enable, then runs; its break on start is resumed), so nothing is missed;
 * workers started before are not recorded.
 */
import { Session } from 'node:inspector';

interface WorkerMessage { method?: string; params?: { url?: string; reason?: string } }

/** `workers`: the files of each worker started while `fn` ran (distinct, in the order parsed), in the order they started. */
export async function workerScripts<T>(fn: () => Promise<T>): Promise<{ result: T; workers: string[][] }> {
  const s = new Session();
  s.connect();
  const urls = new Map<string, Set<string>>();
  let id = 0;
  const send = (sessionId: string, method: string) =>
    s.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: ++id, method }) });
  s.on('NodeWorker.attachedToWorker', ({ params }: { params: { sessionId: string; waitingForDebugger: boolean } }) => {
    // a worker already running when the recording began (one still closing after an earlier run)
    // is attached too: left alone, or Debugger.enable would report every script it ever parsed
    if (!params.waitingForDebugger) return;
    urls.set(params.sessionId, new Set());
    send(params.sessionId, 'Debugger.enable');
    send(params.sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  s.on('NodeWorker.receivedMessageFromWorker', ({ params }: { params: { sessionId: string; message: string } }) => {
    const mine = urls.get(params.sessionId);
    if (!mine) return;
    const m = JSON.parse(params.message) as WorkerMessage;
    if (m.method === 'Debugger.scriptParsed' && m.params?.url) mine.add(m.params.url);
    else if (m.method === 'Debugger.paused') send(params.sessionId, 'Debugger.resume');
  });
  await new Promise<void>((ok, fail) => s.post('NodeWorker.enable', { waitForDebuggerOnStart: true }, (e) => (e ? fail(e) : ok())));
  try {
    return { result: await fn(), workers: [...urls.values()].map((u) => [...u]) };
  } finally {
    s.disconnect();
  }
}

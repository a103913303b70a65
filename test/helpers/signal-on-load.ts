/**
 * Sends a signal to the process at a known point of its start-up, for the start-up signal tests:
 *   SACPLATE_SIGNAL_ON_LOAD=<url suffix> node --import ./dist/test/helpers/signal-on-load.js bin/sacplate.js ...
 * the module loader's load hook (on the hooks thread, as test/helpers/loaded-modules.ts's) sends the signal once a
 * module whose URL ends with the suffix has loaded: the main thread is then still loading the command's modules.
 *   SACPLATE_SIGNAL_ON_MKDIR=<path> ...
 * sends it as soon as fs.mkdirSync has made that folder (an --out folder), on the main thread, which then carries on
 * with what follows it before the signal is dispatched. SIGINT, or SACPLATE_SIGNAL_NAME; the first time only. The
 * point is a module or a folder, not a time, so the tests do not depend on the machine's speed.
 */
import fs from 'node:fs';
import { register, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const suffix = process.env.SACPLATE_SIGNAL_ON_LOAD;
const folder = process.env.SACPLATE_SIGNAL_ON_MKDIR;
const signal = (process.env.SACPLATE_SIGNAL_NAME ?? 'SIGINT') as NodeJS.Signals;
let sent = false;

if (isMainThread && suffix) register(import.meta.url);
if (isMainThread && folder) {
  const mkdirSync = fs.mkdirSync;
  fs.mkdirSync = function (this: unknown, ...a: Parameters<typeof mkdirSync>) {
    const r = mkdirSync.apply(this, a);
    if (!sent && resolve(String(a[0])) === resolve(folder)) { sent = true; process.kill(process.pid, signal); }
    return r;
  } as typeof mkdirSync;
  syncBuiltinESMExports();
}

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

/** Module-loader hook (runs on the hooks thread): the signal once the module named has loaded. */
export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<unknown> {
  const r = await nextLoad(url, context);
  if (suffix && !sent && url.endsWith(suffix)) { sent = true; process.kill(process.pid, signal); }
  return r;
}

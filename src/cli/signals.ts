/**
 * Ctrl-C (SIGINT) and SIGTERM (a scheduler's stop, `timeout`, `kill`) while a long command works: the first signal
 * stops the work and says so, a second quits at once (exit 130). One place for the commands that run work: simulate
 * (actions/sim.ts), compare and simulate --seeds (batch.ts), nucleation, sweep, screen and fullcell; since mends44 also
 * `sacplate worker` (finishes its running tasks, exit 0) and `sacplate serve` (closes its port and store, exit 0).
 */

/**
 * The commands bin/sacplate.js stops while they start (stopWhileStarting), whose own handler comes only once their work
 * starts: simulate and compare (mends53); sweep, screen, nucleation and fullcell since mends55 (their first listener came
 * 0.4-1.6 s into the process). Not serve and worker: a stop while they start exits 0 (review36), by their own handler.
 */
export const STOPPED_WHILE_STARTING = ['simulate', 'compare', 'sweep', 'screen', 'nucleation', 'fullcell'];

let starting: ((sig: NodeJS.Signals) => void) | null = null;
/** set by stopWhileStarting: this process is bin/sacplate.js running a command of STOPPED_WHILE_STARTING (see endOnStop) */
let cliProcess = false;

/**
 * From the process's first module (bin/sacplate.js, before commander, the command's work and the run file load) to the
 * command's own handler (onStopSignals, which replaces this one): a first SIGINT or SIGTERM writes one line and exits
 * 130 at once. Until mends53 such a signal killed the process without a word (simulate's first 0.2-0.7 s). Node's own
 * start, before the first module runs, has no handler to take it (about 0.1 s; docs/engine.md).
 */
export function stopWhileStarting(): void {
  cliProcess = true;
  if (starting) return;
  starting = (sig) => {
    process.stderr.write(`sacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}stopped while starting, before any run began: nothing was run\n`);
    process.exit(130);
  };
  process.on('SIGINT', starting);
  process.on('SIGTERM', starting);
}

/**
 * Calls `first` on the first SIGINT or SIGTERM and `again` on each later one (by default: exit 130 at once; null:
 * later ones are ignored, as when the first already ends the work). Returns the function that removes the handlers.
 * Replaces the start-up handler (stopWhileStarting) where there is one.
 */
export function onStopSignals(first: (sig: NodeJS.Signals) => void, again: ((sig: NodeJS.Signals) => void) | null = () => process.exit(130)): () => void {
  let interrupts = 0;
  const onSig = (sig: NodeJS.Signals) => {
    if (++interrupts === 1) first(sig);
    else again?.(sig);
  };
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  // the start-up handler goes after these are added: a signal's last listener removed closes its watch, and a signal
  // that came while the main thread was busy (reading the run file, starting the run) and not yet dispatched was lost
  // with it (the run then ran to its end, exit 0, nothing said); with a listener left it goes to this one
  dropStarting();
  return () => {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  };
}

/**
 * Ends the start-up handler where the command's work has no handler of its own (nucleation's one case run here, a
 * fullcell without an anode run: a short computation on the main thread, which a handler could take only once it had
 * ended, its results written): Node's default, a stop at once, takes a signal from here on, as before mends55. A turn of
 * the event loop first, so that a signal already come goes to the start-up handler (removing a signal's last listener
 * drops one not yet dispatched).
 */
export async function doneStarting(): Promise<void> {
  if (!starting) return;
  await new Promise<void>((r) => setImmediate(r));
  dropStarting();
}

let ended: ((sig: NodeJS.Signals) => void) | null = null;

/**
 * Once a command has said its result (simulate's table or --json metrics, compare's table), a SIGINT or SIGTERM before
 * the process ends exits with the code already set (0 for a finished run) and says nothing: the work is done and written.
 * Call it before removing the command's own handler (a signal's last listener removed closes its watch, and a signal
 * not yet dispatched was then lost, or met Node's default). Until session 59 the handlers went after the report, and a
 * Ctrl-C in the last milliseconds killed a finished run by the signal (engine-cli's "Ctrl-C as simulate prints its
 * result" failed so once in a loaded run). Added once per process.
 */
export function endOnStop(): void {
  // only in the CLI's own process (bin/sacplate.js called stopWhileStarting, as it does for simulate and compare): a command run
  // in-process (the tests' cli helper, a library user) must not leave a handler that ends the host process
  if (ended || !cliProcess) return;
  ended = () => process.exit(process.exitCode ?? 0);
  process.on('SIGINT', ended);
  process.on('SIGTERM', ended);
}

/** Removes the start-up handler, if it is still there. */
function dropStarting(): void {
  if (!starting) return;
  process.off('SIGINT', starting);
  process.off('SIGTERM', starting);
  starting = null;
}

/** What a first signal writes: "sacplate: [SIGTERM: ]<what> (Ctrl-C again to quit at once | a second signal quits at once)" on a line of its own. */
export function stopLine(sig: NodeJS.Signals, what: string): string {
  return `\nsacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}${what} (${sig === 'SIGTERM' ? 'a second signal quits at once' : 'Ctrl-C again to quit at once'})\n`;
}

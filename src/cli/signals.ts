/**
 * Ctrl-C (SIGINT) and SIGTERM (a scheduler's stop, `timeout`, `kill`) while a long command works: the first signal
 * stops the work and says so, a second quits at once (exit 130). One place for the commands that run work: simulate
 * (actions/sim.ts), compare and simulate --seeds (batch.ts), nucleation, sweep, screen and fullcell; since mends44 also
 * `sacplate worker` (finishes its running tasks, exit 0) and `sacplate serve` (closes its port and store, exit 0).
 */

/**
 * Calls `first` on the first SIGINT or SIGTERM and `again` on each later one (by default: exit 130 at once; null:
 * later ones are ignored, as when the first already ends the work). Returns the function that removes the handlers.
 */
export function onStopSignals(first: (sig: NodeJS.Signals) => void, again: ((sig: NodeJS.Signals) => void) | null = () => process.exit(130)): () => void {
  let interrupts = 0;
  const onSig = (sig: NodeJS.Signals) => {
    if (++interrupts === 1) first(sig);
    else again?.(sig);
  };
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  return () => {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  };
}

/** What a first signal writes: "sacplate: [SIGTERM: ]<what> (Ctrl-C again to quit at once | a second signal quits at once)" on a line of its own. */
export function stopLine(sig: NodeJS.Signals, what: string): string {
  return `\nsacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}${what} (${sig === 'SIGTERM' ? 'a second signal quits at once' : 'Ctrl-C again to quit at once'})\n`;
}

/**
 * The checkpoint's file name in a run's output folder. Its own module (startcost2, from run-resolved.ts, which re-exports
 * it, as simulate.ts does): the run service and `sacplate simulate` name it on the CLI's main thread, which loads no
 * engine (the run is on a worker).
 */
export const CHECKPOINT_FILE = 'checkpoint.bin';

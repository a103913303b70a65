/**
 * A queued sweep's progress, in a module of its own: runSweep's options (sweep/library.ts, the public API) name it, and a
 * type taken from queue.ts made a user's tsc load queue.d.ts and with it ioredis's and bullmq's declarations (ioredis
 * 6.1's import redis-errors, which has no types: TS7016 with skipLibCheck false; branch pkg66).
 */
/** `waiting` and `active`: this sweep's own unfinished tasks on the queue, not other sweeps' jobs (until mends48 the whole queue's) */
export interface QueueProgress { done: number; total: number; waiting: number; active: number; }

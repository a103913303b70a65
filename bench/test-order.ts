/**
 * The order `npm test` starts its test files in: heaviest first, so the longest files do not start
 * near the end of the phase and leave one lane idle (Node 20's `node --test` sorts its files by name).
 * A file's weight is its CPU seconds in the latest per-file run of bench/test-times-results.json that
 * measured it (`node dist/bench/test-times.js`); a file no run measured gets the median weight. The order reads
 * each file's lane time (the larger of its CPU and wall seconds in that run; a group's, the sum of its files'), the
 * grouping its CPU seconds.
 */
interface FileRow { file: string; cpu_s: number; wall_s?: number }
interface Run { date?: string; files?: FileRow[] | unknown }

/**
 * Per-file CPU seconds, each from the latest run (by date) that timed that file alone. With `lane` the larger of that
 * run's CPU and wall seconds: how long the file holds one of the runner's lanes, longer than its CPU where it waits
 * (Redis, spawned processes, chromium: sweep-queue 7.2 CPU s in 22.2 s of wall, testtrim64), so that such a file is
 * not started near the end of the phase.
 */
export function fileWeights(runs: Record<string, Run>, lane = false): Map<string, number> {
  const perFile = Object.values(runs)
    .filter((r): r is Run & { date: string; files: FileRow[] } => typeof r.date === 'string' && Array.isArray(r.files))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const w = new Map<string, number>();
  for (const r of perFile) {
    for (const row of r.files) {
      if (Number.isFinite(row.cpu_s)) w.set(row.file, lane && Number.isFinite(row.wall_s) ? Math.max(row.cpu_s, row.wall_s!) : row.cpu_s);
    }
  }
  return w;
}

/** The files heaviest first (ties by name); unknown files weigh the median of the known ones' weights. */
export function heaviestFirst(files: string[], weights: Map<string, number>): string[] {
  const known = files.map((f) => weights.get(f)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const mid = known.length === 0 ? 0 : (known[(known.length - 1) >> 1]! + known[known.length >> 1]!) / 2;
  const weight = (f: string) => weights.get(f) ?? mid;
  return [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Light test files share a node process (branch testtime26, session 52): each file run alone costs about 0.35 CPU s
 * before its first test (node's start and its imports: zod, yaml, the engine's modules; testtime19, testtime25), so
 * `npm test` runs the files lighter than `below` CPU s in groups, one process per group, each group a module that
 * imports its files in name order (their tests then run one after another, as in a file), and the engine's code is
 * compiled once per group. Measured on 26 of the lightest files (158 tests, each alone against one group, two pairs):
 * 13.9 / 12.0 -> 4.9 / 3.5 CPU s; the figures of the runner's bounds are in bench/run-tests.ts.
 * A file keeps a process of its own when it is heavy, is named in `solo` (SOLO: what it changes in its process), or
 * is new (no weight yet). Groups are filled in name order up to `target` CPU s each.
 */
export function groupLight(files: string[], weights: Map<string, number>, opts: { below: number; target: number; solo: ReadonlySet<string> }): { alone: string[]; groups: string[][] } {
  const alone: string[] = [], groups: string[][] = [];
  let cur: string[] = [], sum = 0;
  for (const f of [...files].sort()) {
    const w = weights.get(f);
    if (w === undefined || w >= opts.below || opts.solo.has(f)) { alone.push(f); continue; }
    cur.push(f); sum += w;
    if (sum >= opts.target) { groups.push(cur); cur = []; sum = 0; }
  }
  if (cur.length > 0) groups.push(cur);
  return { alone, groups };
}

/**
 * Files that keep a process of their own though light: each changes or reads its process's state in a way another
 * file's tests in the same process could see or disturb (signals and their listeners, the working folder, environment
 * variables set at load, the modules already loaded, a Redis server).
 */
export const SOLO: ReadonlySet<string> = new Set([
  'cli-lazy.test.js', // asserts which modules a command has loaded: another file's imports would be counted
  'sweep-names.test.js', // process.chdir
  'evidence.test.js', 'store.test.js', // set SACPLATE_* variables the store and evidence modules read
  'sweep-queue-exit.test.js', 'signals-starting.test.js', // Redis, signals sent to the process
  'nucleation-cli.test.js', 'sweep-files.test.js', 'quiet-loop.test.js', 'cli-sim.test.js', 'compare-resume.test.js', // SIGINT/SIGTERM handlers and their counts
  'workbench-api.test.js', // a server's lifetime and its requests timed against each other
  'cli-fuzz.test.js', // bounds its process's RSS growth over a loop of calls
  // testtrim64: files that were alone by weight (heavy, or new with no weight yet) and would now be grouped
  'batch-late-stop.test.js', 'cli-signals.test.js', 'engine-cli.test.js', 'screen.test.js', // SIGINT/SIGTERM sent to the process
  'server-upload-tmp.test.js', // TMPDIR changed across an await
  'docs-examples.test.js', // process.chdir and SACPLATE_DB set in its before hook
  'server-api.test.js', 'sweep-queue.test.js', // TMPDIR and SACPLATE_QUEUE_POLL_MS set at load; sweep-queue's Redis
]);

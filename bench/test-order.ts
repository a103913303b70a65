/**
 * The order `npm test` starts its test files in: heaviest first, so the longest files do not start
 * near the end of the phase and leave one lane idle (Node 20's `node --test` sorts its files by name).
 * A file's weight is its CPU seconds in the latest per-file run of bench/test-times-results.json that
 * measured it (`node dist/bench/test-times.js`); a file no run measured gets the median weight.
 */
interface FileRow { file: string; cpu_s: number }
interface Run { date?: string; files?: FileRow[] | unknown }

/** Per-file CPU seconds, each from the latest run (by date) that timed that file alone. */
export function fileWeights(runs: Record<string, Run>): Map<string, number> {
  const perFile = Object.values(runs)
    .filter((r): r is Run & { date: string; files: FileRow[] } => typeof r.date === 'string' && Array.isArray(r.files))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const w = new Map<string, number>();
  for (const r of perFile) for (const row of r.files) if (Number.isFinite(row.cpu_s)) w.set(row.file, row.cpu_s);
  return w;
}

/** The files heaviest first (ties by name); unknown files weigh the median of the known ones' weights. */
export function heaviestFirst(files: string[], weights: Map<string, number>): string[] {
  const known = files.map((f) => weights.get(f)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const mid = known.length === 0 ? 0 : (known[(known.length - 1) >> 1]! + known[known.length >> 1]!) / 2;
  const weight = (f: string) => weights.get(f) ?? mid;
  return [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * RunService.finish() cost against how many runs the service holds (branch mends31): N tiny runs
 * are queued behind one running (concurrency 1, no store, no files), then the N - 1 queued ones are
 * cancelled, front first, as a stop drains the queue; each cancel ends its run through finish(). Before
 * mends31 finish() scanned every run the service held (O(N) each, O(N^2) for the drain); it now keeps
 * the ended runs in a list of at most KEEP_FINISHED + 1. Prints the drain's CPU seconds per N, and the
 * wall seconds spent inside finish() alone (the private method wrapped here; the rest of the drain is
 * cancel()'s own work on the queue).
 *   node dist/bench/service-drain.js [N ...]   (default 1000 5000 20000)
 */
import { cpuUsage } from 'node:process';
import { RunService } from '../src/server/service.js';
import { parseRunInput } from '../src/input/parse.js';

// finish() alone: the private method, wrapped
const proto = RunService.prototype as unknown as { finish: (...a: unknown[]) => void };
const finish = proto.finish;
let inFinish_ns = 0n;
proto.finish = function (this: unknown, ...a: unknown[]) {
  const t = process.hrtime.bigint();
  try { finish.apply(this, a); } finally { inFinish_ns += process.hrtime.bigint() - t; }
};

const run = parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } });
const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [1000, 5000, 20000]) {
  const service = new RunService({ store: null, concurrency: 1, writeFiles: false, chunk: null, maxSnapshotVoxels: 0 });
  const ids = Array.from({ length: n }, (_, s) => service.start({}, `seed ${s}`, { resolved: { ...run, seed: s } }).id);
  inFinish_ns = 0n;
  const t0 = cpuUsage();
  for (const id of ids.slice(1)) service.cancel(id);
  const t = cpuUsage(t0);
  const finish_s = Number(inFinish_ns) / 1e9;
  const cpu_s = (t.user + t.system) / 1e6;
  await service.close();
  process.stdout.write(`${JSON.stringify({ runs: n, cancelled: n - 1, drain_cpu_s: Number(cpu_s.toFixed(4)), in_finish_s: Number(finish_s.toFixed(4)), per_finish_us: Number(((finish_s / (n - 1)) * 1e6).toFixed(2)), live_after: service.counts().live })}\n`);
}

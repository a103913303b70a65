/**
 * Before/after of bench/pulse-overhead.ts on two builds, one process per run, alternating
 * old, new, new, old, ... so that both see the same load of this shared machine:
 *   node dist/bench/pulse-overhead-compare.js <old root> <new root> [pairs] > bench/pulse-overhead-results.json
 * Each process runs the pulse train (and, in the first pair, the DC step of the same charge) three
 * times from the same seed: repeat 1 includes the JIT's warm-up, repeats 2-3 are warm. Reported:
 * per build the CPU seconds of every repeat, the events and fingerprints (lattice, trace, steps:
 * they must agree between the builds), and the paired ratio new/old of the cold and of the warm
 * (mean of repeats 2-3) CPU: geometric mean of the per-pair ratios with its 95 % interval from
 * the t distribution of the log ratios (src/stats/interval.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { meanInterval } from '../src/stats/interval.js';

const [oldRoot, newRoot, pairsArg] = process.argv.slice(2);
if (!oldRoot || !newRoot) { process.stderr.write('usage: node dist/bench/pulse-overhead-compare.js <old root> <new root> [pairs]\n'); process.exit(2); }
const pairs = Number(pairsArg ?? 6);

interface CaseOut { events: number; subSteps: number; fingerprint: Record<string, string>; cpu_s: number[] }
const runOnce = (root: string, which: string): CaseOut => {
  const r = spawnSync('nice', ['node', join(root, 'dist/bench/pulse-overhead.js'), '3', '--case', which], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`${root}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as Record<string, CaseOut>)[which]!;
};
const warm = (c: CaseOut) => (c.cpu_s[1]! + c.cpu_s[2]!) / 2;

const load: number[] = [loadavg()[0]!];
const runs: Record<'old' | 'new', CaseOut[]> = { old: [], new: [] };
const dc: Record<'old' | 'new', CaseOut | null> = { old: null, new: null };
dc.old = runOnce(oldRoot, 'dc'); dc.new = runOnce(newRoot, 'dc');
for (let p = 0; p < pairs; p++) {
  const order: ('old' | 'new')[] = p % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
  for (const b of order) runs[b].push(runOnce(b === 'old' ? oldRoot : newRoot, 'pulse'));
  load.push(loadavg()[0]!);
}
const same = [...runs.old, ...runs.new].every((c) => JSON.stringify(c.fingerprint) === JSON.stringify(runs.old[0]!.fingerprint) && c.events === runs.old[0]!.events);
const ratio = (f: (c: CaseOut) => number) => {
  const iv = meanInterval(runs.new.map((c, i) => Math.log(f(c) / f(runs.old[i]!))));
  return { ratio: Math.exp(iv.mean), lo: Math.exp(iv.lo), hi: Math.exp(iv.hi) };
};
const median = (x: number[]) => { const s = [...x].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const pulse = runs.old[0]!;
process.stdout.write(JSON.stringify({
  what: 'pulse train of short pulses vs DC of the same charge (bench/pulse-overhead.ts), CPU s of runAll, one process per run, alternating builds',
  old: oldRoot, new: newRoot, pairs, loadavg_1min: load,
  same_trajectory: same,
  pulse: { events: pulse.events, subSteps: pulse.subSteps, fingerprint: pulse.fingerprint },
  dc: { events: dc.old!.events, fingerprint: dc.old!.fingerprint, same: JSON.stringify(dc.old!.fingerprint) === JSON.stringify(dc.new!.fingerprint), cpu_s_old: dc.old!.cpu_s, cpu_s_new: dc.new!.cpu_s },
  cpu_s: { old: runs.old.map((c) => c.cpu_s), new: runs.new.map((c) => c.cpu_s) },
  median_warm_s: { old: median(runs.old.map(warm)), new: median(runs.new.map(warm)) },
  median_cold_s: { old: median(runs.old.map((c) => c.cpu_s[0]!)), new: median(runs.new.map((c) => c.cpu_s[0]!)) },
  ratio_new_over_old: { warm: ratio(warm), cold: ratio((c) => c.cpu_s[0]!) },
}, null, 1) + '\n');

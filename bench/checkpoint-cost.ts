/**
 * What a checkpoint costs on the standard protocol's boxes (simulation/checkpoint.ts, format 2:
 * the whole engine state). For each box: build the Simulation, run the protocol's first N events,
 * cancel there (the CLI's Ctrl-C/SIGTERM path: the cancel writes the checkpoint), then time the
 * write (capture + deflate + SHA-256 + fsync), read it back and resume (read + inflate + a new
 * Simulation of the run + restore), and check that the resumed state equals the state that was
 * written (the record of the live simulation, field by field: engine-state.ts stateDifferences).
 *   node --max-old-space-size=8192 dist/bench/checkpoint-cost.js [100nm|50nm ...] [--events N] [--out file.json]
 * Wall times on a shared machine: the load is recorded beside them.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { loadRunFile } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation } from '../src/simulation/checkpoint.js';
import { captureState, stateDifferences } from '../src/simulation/engine-state.js';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const boxes = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const events = Number(flag('--events') ?? 2_000_000);
const out = flag('--out');
const commit = (() => { try { return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })();
const SKIP = new Set(['run', 'd', 'steps', 'lastCheckpointWall', 'wallBase', 'wallStart', 'cancelled', 'resumeState', 'wall_s']);
const skip = (k: string, p: string) => p === '' && SKIP.has(k);

const results: Record<string, unknown>[] = [];
for (const box of boxes.length ? boxes : ['100nm', '50nm']) {
  const file = `examples/standard-protocol-${box}.yaml`;
  const run = loadRunFile(file);
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-cost-'));
  const ck = join(dir, 'checkpoint.bin');
  try {
    const load0 = loadavg()[0]!;
    let t = performance.now();
    const sim = new Simulation(run);
    const build_s = (performance.now() - t) / 1000;
    const ac = new AbortController();
    let write_s = 0, written: { bytes: number; raw_bytes: number } | null = null, record: Buffer | null = null;
    t = performance.now();
    sim.runAll({
      signal: ac.signal, onProgress: (p) => { if (p.events >= events) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => {
        const w0 = performance.now();
        written = writeCheckpoint(ck, s, st);
        write_s = (performance.now() - w0) / 1000;
        record = captureState(s, skip);
      } },
    });
    const run_s = (performance.now() - t) / 1000 - write_s;
    if (!written || !record) throw new Error(`${box}: no checkpoint written (the run ended before ${events} events?)`);
    t = performance.now();
    const resumed = resumeSimulation(ck, run);
    const resume_s = (performance.now() - t) / 1000;
    const diffs = stateDifferences(captureState(resumed, skip), record);
    const lat = run.lattice.size;
    const w = written as { bytes: number; raw_bytes: number };
    const r = {
      box, file, voxels: lat[0] * lat[1] * lat[2], events_at_checkpoint: sim.events, run_wall_s: +run_s.toFixed(2),
      build_wall_s: +build_s.toFixed(2), write_wall_s: +write_s.toFixed(3), resume_wall_s: +resume_s.toFixed(2),
      file_bytes: statSync(ck).size, state_bytes_before_deflate: w.raw_bytes, resumed_state_differences: diffs,
      rss_MB: Math.round(process.memoryUsage().rss / 1e6), load_at_start: +load0.toFixed(2), load_at_end: +loadavg()[0]!.toFixed(2),
    };
    results.push(r);
    process.stderr.write(JSON.stringify(r) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const doc = { bench: 'checkpoint-cost', commit, ran_at: new Date().toISOString(), node: process.version, events_before_checkpoint: events, results };
if (out) writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
else process.stdout.write(JSON.stringify(doc, null, 2) + '\n');

/**
 * Checkpoints of a running simulation (issue 5: resumable runs).
 *
 * File layout (little-endian): the 8 bytes "SACPCKPT", uint32 format version, uint32 length L of
 * a UTF-8 JSON header, the header, then the lattice's voxel codes (one byte per voxel). The
 * header holds the resolved run, RNG state, clocks, counters, the trace so far, the finished
 * steps' results and the current step's loop state. Numbers are written as JSON numbers (the
 * shortest text that reads back to the same double); NaN and infinities as strings.
 * Written atomically: to `<file>.tmp`, fsync, then rename over `<file>`.
 *
 * Nothing else is saved: the plating app's event tables and the solver's member order are
 * rebuilt from the lattice by a deterministic scan, at the same event count at which the
 * uninterrupted run rebuilds them too (see Simulation.rebuild), so a resumed run is
 * bit-identical to an uninterrupted one.
 */
import { openSync, writeSync, fsyncSync, closeSync, renameSync, readFileSync, existsSync } from 'node:fs';
import { FileError, InputError } from '../errors.js';
import type { ResolvedRun } from '../input/types.js';
import type { PlatingCounters } from '../apps/plating.js';
import type { ConnectivityStats } from '../apps/connectivity.js';
import { Simulation, type StepResult, type StepState, type TraceColumns, type SimulationConfig } from './simulation.js';

const MAGIC = 'SACPCKPT';
const VERSION = 1;

export interface CheckpointHeader {
  format: 'sacplate-checkpoint';
  version: number;
  written: string;
  run: ResolvedRun;
  config: { rebuildEvery: number; counter: { i0_A_per_m2: number; alpha: number } };
  rng: number[];
  sim: { time: number; kmcTime: number; netVoxels: number; events: number; eta: number; wall_s: number; nextRebuild: number; nextStep: number };
  app: { counters: PlatingCounters; maxMetalZ: number; conn: ConnectivityStats | null };
  state: StepState;
  trace: TraceColumns;
  steps: StepResult[];
  voxels: number;
  /** the event modules' own states (apps/events/module.ts saveState), by module name */
  modules?: Record<string, unknown>;
}

const encode = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v);
const decode = (_k: string, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

/** The run without the parts that do not define the simulation (provenance, the raw input). */
export function runIdentity(run: ResolvedRun): string {
  const { source: _s, provenance: _p, ...rest } = run;
  return JSON.stringify(rest, encode);
}

/** Writes a checkpoint of `sim`, stopped at the top of its current step's loop with state `state`. */
export function writeCheckpoint(file: string, sim: Simulation, state: StepState): void {
  const app = sim.app;
  const header: CheckpointHeader = {
    format: 'sacplate-checkpoint', version: VERSION, written: new Date().toISOString(),
    run: sim.run,
    config: { rebuildEvery: sim.rebuildEvery, counter: sim.counter },
    rng: sim.rng.getState(),
    sim: { time: sim.time, kmcTime: sim.kmcTime, netVoxels: sim.netVoxels, events: sim.events, eta: sim.eta, wall_s: sim.wall_s, nextRebuild: sim.nextRebuild, nextStep: sim.nextStep },
    app: { counters: { ...app.counters }, maxMetalZ: app.maxMetalZ, conn: app.conn ? { ...app.conn.stats } : null },
    state: { ...state },
    trace: sim.trace,
    steps: sim.stepResults,
    voxels: app.code.length,
    modules: Object.fromEntries(sim.modules.filter((m) => m.saveState).map((m) => [m.name, m.saveState!()])),
  };
  const json = Buffer.from(JSON.stringify(header, encode), 'utf8');
  const head = Buffer.alloc(16);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  const tmp = file + '.tmp';
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, head);
    writeSync(fd, json);
    const code = app.code;
    writeSync(fd, code, 0, code.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readCheckpoint(file: string): { header: CheckpointHeader; code: Uint8Array } {
  if (!existsSync(file)) throw new FileError(file, 'no checkpoint here (run with --checkpoint-every first)');
  const buf = readFileSync(file);
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw new FileError(file, 'not a sacplate checkpoint (bad magic)');
  const version = buf.readUInt32LE(8);
  if (version !== VERSION) throw new FileError(file, `checkpoint format version ${version}, this sacplate reads version ${VERSION}`);
  const len = buf.readUInt32LE(12);
  if (16 + len > buf.length) throw new FileError(file, 'truncated checkpoint header');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + len), decode) as CheckpointHeader;
  } catch (e) {
    throw new FileError(file, `corrupt checkpoint header: ${(e as Error).message}`);
  }
  const code = new Uint8Array(buf.buffer, buf.byteOffset + 16 + len, buf.length - 16 - len);
  if (code.length !== header.voxels) throw new FileError(file, `checkpoint lattice has ${code.length} voxels, header says ${header.voxels} (truncated file?)`);
  return { header, code: Uint8Array.from(code) };
}

/**
 * A Simulation restored from a checkpoint, ready for `runAll()` to continue where it stopped.
 * When `expected` is given, the checkpoint must belong to the same run (same resolved input and
 * seed), else an InputError is thrown before anything runs.
 */
export function resumeSimulation(file: string, expected?: ResolvedRun, config: SimulationConfig = {}): Simulation {
  const { header, code } = readCheckpoint(file);
  if (expected && runIdentity(expected) !== runIdentity(header.run)) {
    throw new InputError('--resume', file, `a checkpoint of the same run file and seed (this one was written for seed ${header.run.seed}${expected.seed !== header.run.seed ? `, not ${expected.seed}` : ''} or other settings)`);
  }
  const sim = new Simulation(header.run, { ...config, rebuildEvery: header.config.rebuildEvery, counter: header.config.counter });
  if (sim.app.code.length !== code.length) throw new FileError(file, `lattice of ${code.length} voxels does not fit the run's ${sim.app.code.length}`);
  sim.app.code.set(code);
  sim.rng.setState(header.rng);
  const s = header.sim;
  sim.time = s.time; sim.kmcTime = s.kmcTime; sim.netVoxels = s.netVoxels; sim.events = s.events; sim.eta = s.eta;
  sim.wall_s = s.wall_s; sim.nextRebuild = s.nextRebuild; sim.nextStep = s.nextStep;
  // the app from the lattice, exactly as the uninterrupted run rebuilt it at this event
  sim.rebuild();
  Object.assign(sim.app.counters, header.app.counters);
  sim.app.maxMetalZ = header.app.maxMetalZ;
  if (header.app.conn && sim.app.conn) Object.assign(sim.app.conn.stats, header.app.conn);
  for (const k of Object.keys(sim.trace) as (keyof TraceColumns)[]) {
    const col = header.trace[k];
    if (!Array.isArray(col)) throw new FileError(file, `checkpoint trace lacks column ${k}`);
    const dst = sim.trace[k];
    if (!dst) continue;
    for (let i = 0; i < col.length; i++) dst.push(col[i] as number);
  }
  for (const r of header.steps) sim.stepResults.push(r);
  for (const m of sim.modules) {
    if (!m.restoreState) continue;
    const ms = header.modules?.[m.name];
    if (ms === undefined) throw new FileError(file, `checkpoint lacks the state of the ${m.name} module (written by an older sacplate): rerun without --resume`);
    try { m.restoreState(ms); } catch (e) { throw new FileError(file, `corrupt ${m.name} state: ${(e as Error).message}`); }
  }
  sim.resumeState = header.state;
  return sim;
}

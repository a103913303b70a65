/**
 * Checkpoints of a running simulation (issue 5: resumable runs), at any event.
 *
 * File layout (little-endian): the 8 bytes "SACPCKPT", uint32 format version, uint32 length L of
 * a UTF-8 JSON header, the header, then the engine state: the whole in-memory state of the
 * Simulation (simulation/engine-state.ts: lattice, solver tables and member order, slot maps,
 * first-passage domains with their clocks and heap, the double layer, RNG state, connectivity,
 * event modules, transport field, trace, finished steps, counters), serialised with node:v8 and
 * deflated; the header gives its length and SHA-256. The header holds the resolved run (to refuse
 * a checkpoint of another run), the engine options, the current step's loop state (with the
 * overpotential controller's last sums) and where the run stood (`sim`: events, clocks, step). Numbers in the header are JSON
 * numbers (the shortest text that reads back to the same double); NaN and infinities as strings.
 * Written atomically: to `<file>.tmp`, fsync, then rename over `<file>`.
 *
 * Since the state is saved whole, nothing is rebuilt on resume: a checkpoint can be taken at the
 * top of any iteration of the kMC loop (simulation.ts writes one when `checkpoint.every_s` of
 * wall time have passed, checked every `chunk` events, and when a run is cancelled), and the
 * resumed run passes through the same states as the uninterrupted one: bit-identical results.
 * (Format version 1 saved the lattice only and could be taken at engine rebuilds only; version 3
 * adds the loop state of a pulse train and of an ion-walker step, so that a checkpoint can be
 * taken inside them: pulse.ts, walker-step.ts; walkers on a clock save their growth in the engine
 * state, drift-walker-step.ts, and a sacplate before them refuses such a file in one line, as it
 * holds a class that sacplate does not know.)
 */
import { openSync, writeSync, fsyncSync, closeSync, renameSync, readFileSync, existsSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync, constants as zc } from 'node:zlib';
import { FileError, InputError, formatValue, fsReason } from '../errors.js';
import { isMap, textArg, withOptionNames } from '../args.js';
import type { ResolvedRun } from '../input/types.js';
import { Simulation, liveStep, liveTrace, type StepState, type SimulationConfig } from './simulation.js';
import { captureState, restoreState } from './engine-state.js';
import { DRIFT_PLATING_CLASSES } from '../fields/drift-walkers.js';
import { identityNumber } from '../units.js';

const MAGIC = 'SACPCKPT';
/**
 * format 3 adds the loop state of a pulse train and of a walker step (`StepState.pulse`, `.walker`); a format-2 file never
 * stops inside either, so it reads as before. Format 4 (mends62b) adds the header's own SHA-256 (`header_sha256`, its last
 * key); formats 2 and 3 have none and read as before, unchecked
 */
const VERSION = 4;
/** the first format whose header carries its SHA-256 */
const HASHED = 4;
const OLDEST = 2;

export interface CheckpointHeader {
  format: 'sacplate-checkpoint';
  version: number;
  written: string;
  run: ResolvedRun;
  config: { rebuildEvery: number; counter: { i0_A_per_m2: number; alpha: number }; engine?: SimulationConfig['engine'] };
  /** where the run stood (for people and tools; the engine state holds the same values) */
  sim: { time: number; kmcTime: number; netVoxels: number; events: number; eta: number; wall_s: number; nextRebuild: number; nextStep: number; steps: number };
  state: StepState;
  /** names of the event modules whose state the engine state holds */
  modules: string[];
  /** the engine state that follows the header: deflated bytes, inflated bytes, SHA-256 of the deflated bytes (hex) */
  engine: { bytes: number; raw_bytes: number; sha256: string };
  /** format 4: SHA-256 (hex) of the header's JSON text without this key, the last key of the text (encodeHeader) */
  header_sha256?: string;
}

/** `,"header_sha256":"<hex>"}`: how a format-4 header's text ends */
const HASH_TAIL = /,"header_sha256":"([0-9a-f]{64})"\}$/;

/**
 * A header as a checkpoint holds it (format 4): its JSON text (NaN and infinities as strings) with `header_sha256`, the
 * SHA-256 of that text without the key, appended as its last key. A `header_sha256` the object has already is dropped
 * first (a header read from a file, edited and written again is hashed anew).
 */
export function encodeHeader(header: CheckpointHeader): Buffer {
  const { header_sha256: _h, ...rest } = header;
  const text = JSON.stringify(rest, encode);
  const sha = createHash('sha256').update(text, 'utf8').digest('hex');
  return Buffer.from(`${text.slice(0, -1)},"header_sha256":"${sha}"}`, 'utf8');
}

/** Parts of a Simulation not saved: the run and what is derived from it (rebuilt by the constructor), wall clocks. */
const NOT_SAVED = new Set(['run', 'd', 'steps', 'reversalAt', 'lastCheckpointWall', 'wallBase', 'wallStart', 'cancelled', 'resumeState']);
const skipKey = (k: string, path: string) => path === '' && NOT_SAVED.has(k);

const encode = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v);
const decode = (_k: string, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

/** The run without the parts that do not define the simulation (provenance, the raw input). */
export function runIdentity(run: ResolvedRun): string {
  const { source: _s, provenance: _p, ...rest } = run;
  return JSON.stringify(rest, encode);
}

/** runIdentity as a checkpoint's run is compared: numbers that are not whole at 15 significant digits (units.ts identityNumber, mends62b: "50 nm" and "0.05 um" are one run). */
function runKey(run: ResolvedRun): string {
  const { source: _s, provenance: _p, ...rest } = run;
  return JSON.stringify(rest, (k, v: unknown) => encode(k, typeof v === 'number' ? identityNumber(v) : v));
}

/** Writes a checkpoint of `sim`, stopped at the top of an iteration of its current step's loop with state `state`. */
export function writeCheckpoint(file: string, sim: Simulation, state: StepState): { bytes: number; raw_bytes: number } {
  textArg('file', file, 'a file path (text)');
  if (!(sim instanceof Simulation)) throw new InputError('sim', sim, 'a Simulation: new Simulation(resolveInput(run file or run object))');
  if (!isMap(state)) throw new InputError('state', state, 'the step state a progress callback or an ended step gives');
  const raw = captureState(sim, skipKey);
  const engine = deflateSync(raw, { level: 1, strategy: zc.Z_DEFAULT_STRATEGY });
  const header: CheckpointHeader = {
    format: 'sacplate-checkpoint', version: VERSION, written: new Date().toISOString(),
    run: sim.run,
    config: { rebuildEvery: sim.rebuildEvery, counter: sim.counter, ...(sim.engineConfig ? { engine: sim.engineConfig } : {}) },
    sim: { time: sim.time, kmcTime: sim.kmcTime, netVoxels: sim.netVoxels, events: sim.events, eta: sim.eta, wall_s: sim.wall_s, nextRebuild: sim.nextRebuild, nextStep: sim.nextStep, steps: sim.steps.length },
    state: { ...state },
    modules: sim.modules.map((m) => m.name),
    engine: { bytes: engine.length, raw_bytes: raw.length, sha256: createHash('sha256').update(engine).digest('hex') },
  };
  const json = encodeHeader(header);
  const head = Buffer.alloc(16);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  const tmp = file + '.tmp';
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, head);
    writeSync(fd, json);
    writeSync(fd, engine, 0, engine.length);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    // robust63: a checkpoint this user could not write (its folder's sticky bit and another user's checkpoint.bin, a
    // folder named checkpoint.bin.tmp, a full disk) was "internal error: EPERM: operation not permitted, rename ...",
    // exit 1, its partial .tmp left beside the checkpoint
    if (fd !== undefined) try { closeSync(fd); } catch { /* reported below */ }
    try { if (statSync(tmp).isFile()) unlinkSync(tmp); } catch { /* none, or not ours to remove */ }
    throw checkpointWriteError(file, e);
  }
  return { bytes: 16 + json.length + engine.length, raw_bytes: raw.length };
}

/** A checkpoint that could not be written, in words: the file, the reason, what the folder must allow. */
function checkpointWriteError(file: string, e: unknown): FileError {
  return new FileError(file, `cannot write the checkpoint (${fsReason(e)}): this user must be able to create ${basename(file)}.tmp in ${dirname(file)} and rename it over ${basename(file)} (in a folder with the sticky bit, as /tmp, only the owner of ${basename(file)} may); any checkpoint there was left as it was`);
}

/**
 * robust63: what writeCheckpoint would refuse, seen before a run starts (a run with checkpoints every 120 s met it after
 * 120 s of work): checkpoint.bin.tmp that is not a file, or a checkpoint.bin of another user in a folder with the sticky
 * bit (only its owner, the folder's or root may replace it). Undefined when nothing is seen.
 */
export function checkpointWriteRefusal(file: string): FileError | undefined {
  const tmp = file + '.tmp';
  try {
    if (!statSync(tmp).isFile()) return checkpointWriteError(file, Object.assign(new Error(`${tmp} is a folder`), { code: 'EISDIR' }));
  } catch { /* none: the usual case */ }
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || !existsSync(file)) return undefined;
  try {
    const dir = statSync(dirname(file)), own = statSync(file);
    if ((dir.mode & 0o1000) !== 0 && own.uid !== uid && dir.uid !== uid)
      return checkpointWriteError(file, Object.assign(new Error(`${basename(file)} is another user's (uid ${own.uid})`), { code: 'EPERM' }));
  } catch { /* unreadable: the write says why */ }
  return undefined;
}

/** The counters of a step's loop state (StepState) every checkpoint's header holds as numbers (NaN and infinities decoded) */
const STATE_NUMBERS = ['index', 'sampleIndex0', 'startTime', 'startKmc', 'startNet', 'startEvents', 'nextSampleCount', 'nextSampleTime',
  'winEtaDt', 'winDt', 'stepNet', 'maxProgress', 'openRow', 'lastRowNet', 'lastRowTime'] as const satisfies readonly (keyof StepState)[];

/** The header of a checkpoint read from the start of `buf` (the file's first bytes, or all of them); a FileError if it is none. */
function parseHeader(file: string, buf: Buffer): { header: CheckpointHeader; len: number } {
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw new FileError(file, 'not a sacplate checkpoint (bad magic)');
  const version = buf.readUInt32LE(8);
  if (version < OLDEST || version > VERSION) throw new FileError(file, `checkpoint format version ${version}, this sacplate reads versions ${OLDEST}-${VERSION}${version < OLDEST ? ' (start the run again without --resume)' : ''}`);
  const len = buf.readUInt32LE(12);
  if (16 + len > buf.length) throw new FileError(file, 'truncated checkpoint header');
  let header: CheckpointHeader;
  const text = buf.toString('utf8', 16, 16 + len);
  // mends62b (robust62): format 4's header has its own SHA-256, checked before anything of it is read: an edit that kept
  // a number a number (a flipped digit of a counter, the seed, a setting) resumed without a word
  if (version >= HASHED) {
    const tail = HASH_TAIL.exec(text);
    if (!tail) throw new FileError(file, 'checkpoint header has no SHA-256 (header_sha256, the last key of a format-4 header): the header was edited or damaged; start the run again without --resume');
    const body = text.slice(0, tail.index) + '}';
    if (createHash('sha256').update(body, 'utf8').digest('hex') !== tail[1]) throw new FileError(file, 'checkpoint header does not match its SHA-256 (the header was edited or damaged); start the run again without --resume');
  }
  try {
    header = JSON.parse(text, decode) as CheckpointHeader;
  } catch (e) {
    throw new FileError(file, `corrupt checkpoint header: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || header.format !== 'sacplate-checkpoint' || typeof header.engine?.bytes !== 'number' || !header.run || !header.state) {
    throw new FileError(file, 'checkpoint header lacks its run, loop state or engine section');
  }
  return { header, len };
}

/**
 * robust62: the header is outside the engine state's SHA-256; a loop state emptied ({}) or a counter edited into text
 * resumed without a word and ran on from counters read as undefined (a Li||Cu run plated 510 voxels, not 1). Looked at
 * after the refusal of another run's checkpoint (resumeSimulation, and `simulate --resume`'s check before the store
 * records the run: run-resolved.ts checkResume).
 */
export function loopStateRefusal(file: string, header: CheckpointHeader): FileError | undefined {
  for (const k of STATE_NUMBERS) {
    const v = (header.state as unknown as Record<string, unknown>)[k];
    if (typeof v !== 'number') return new FileError(file, `checkpoint header's loop state has no number state.${k} (got ${formatValue(v)}): the header was edited or damaged; start the run again without --resume`);
  }
  return undefined;
}

/**
 * The refusal of a checkpoint written for another run (`expected`: the run to resume, its seed included): the first
 * setting that differs, or undefined when it is this run's.
 */
export function otherRunRefusal(file: string, headerRun: ResolvedRun, expected: ResolvedRun): InputError | undefined {
  if (runKey(expected) === runKey(headerRun)) return undefined;
  // review65: the line named the seed alone ("written for seed 1 or other settings") where the seed was the same and the
  // run file had changed; now the first setting that differs, as the resolved run (resolved.json) has it
  const seed = expected.seed !== headerRun.seed ? `seed ${headerRun.seed}, not ${expected.seed}` : undefined;
  const d = firstDifference(JSON.parse(runIdentity({ ...headerRun, seed: expected.seed })), JSON.parse(runIdentity(expected)), '');
  const setting = d ? `${d.path} ${d.was} in the checkpoint's run, ${d.now} in this one (resolved.json's keys)` : undefined;
  return new InputError('--resume', file, `a checkpoint of the same run file and seed (this one was written for ${[seed, setting].filter((x) => x !== undefined).join(' and ')})`);
}

/**
 * The header and the engine state as written (deflated), its length and SHA-256 checked: what a whole checkpoint file
 * has, without inflating it. `simulate --resume` checks this before it records a run (mends86; review71 found a corrupt
 * engine section still left a failed run in the store, the header alone being read first): the SHA-256 of the 100 nm
 * protocol's 2.5-3.1 MB checkpoint is a few ms; inflating and restoring the engine state is left to the run.
 */
export function readCheckedCheckpoint(file: string): { header: CheckpointHeader; packed: Buffer } {
  textArg('file', file, 'a checkpoint file path (text)');
  if (!existsSync(file)) throw new FileError(file, 'no checkpoint here (run with --checkpoint-every first)');
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new FileError(file, `cannot be read as a checkpoint: ${fsReason(e)}`);
  }
  const { header, len } = parseHeader(file, buf);
  const packed = buf.subarray(16 + len);
  // robust61: a longer file (bytes after its end) was also called "truncated file?"
  if (packed.length < header.engine.bytes) throw new FileError(file, `checkpoint engine state has ${packed.length} bytes, header says ${header.engine.bytes} (truncated file?)`);
  if (packed.length > header.engine.bytes) throw new FileError(file, `checkpoint engine state has ${packed.length} bytes, header says ${header.engine.bytes}: ${packed.length - header.engine.bytes} bytes more than its header gives (something written after its end?)`);
  if (createHash('sha256').update(packed).digest('hex') !== header.engine.sha256) throw new FileError(file, 'checkpoint engine state does not match its SHA-256 (corrupt file)');
  return { header, packed };
}

/** The header and the (inflated) engine state of a checkpoint file; a FileError for anything that is not a whole checkpoint. */
export function readCheckpoint(file: string): { header: CheckpointHeader; engine: Buffer } {
  const { header, packed } = readCheckedCheckpoint(file);
  let engine: Buffer;
  try {
    engine = inflateSync(packed);
  } catch (e) {
    throw new FileError(file, `corrupt checkpoint engine state: ${(e as Error).message}`);
  }
  return { header, engine };
}

/**
 * A Simulation restored from a checkpoint, ready for `runAll()` to continue where it stopped.
 * When `expected` is given, the checkpoint must belong to the same run (same resolved input and
 * seed), else an InputError is thrown before anything runs.
 */
export function resumeSimulation(file: string, expected?: ResolvedRun, config: SimulationConfig = {}): Simulation {
  const { header, engine } = readCheckpoint(file);
  const other = (expected ? otherRunRefusal(file, header.run, expected) : undefined) ?? loopStateRefusal(file, header);
  if (other) throw other;
  const eng = header.config.engine ?? config.engine;
  const sim = new Simulation(header.run, { ...config, rebuildEvery: header.config.rebuildEvery, counter: header.config.counter, ...(eng ? { engine: eng } : {}) });
  for (const m of sim.modules) {
    if (!Array.isArray(header.modules) || !header.modules.includes(m.name)) throw new FileError(file, `checkpoint lacks the state of the ${m.name} module (written by an older sacplate): rerun without --resume`);
  }
  try {
    restoreState(sim, engine, DRIFT_PLATING_CLASSES);
  } catch (e) {
    throw new FileError(file, `engine state does not fit this run (${(e as Error).message})`);
  }
  const [nx, ny, nz] = header.run.lattice.size, n = nx * ny * nz;
  if (sim.app.code.length !== n || sim.app.lat.n !== n) {
    throw new FileError(file, `engine state does not fit this run (a lattice of ${sim.app.code.length} voxels, the run has ${nx} x ${ny} x ${nz} = ${n})`);
  }
  // the steps finished before the checkpoint: their charge in mAh/cm2 as the running Simulation's (not recorded: a getter)
  for (const r of sim.stepResults) liveStep(r);
  // the trace's rows written back in place: its charge_mAh_per_cm2 derived from them (mends66: the column is kept between reads)
  liveTrace(sim.trace);
  sim.resumeState = header.state;
  return sim;
}

/** The first place two resolved runs (as JSON) differ: its path (`sacs[0].loading_fraction`) and both values, short. */
function firstDifference(a: unknown, b: unknown, path: string): { path: string; was: string; now: string } | undefined {
  const text = (v: unknown) => { const t = v === undefined ? '(none)' : JSON.stringify(v); return t.length > 80 ? t.slice(0, 77) + '...' : t; };
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    for (const k of [...ka, ...kb.filter((k) => !ka.includes(k))]) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : { path: path || '(the run)', was: text(a), now: text(b) };
}

/** The CLI flags the refusals above name, as a script that calls the engine parts directly is told them (withOptionNames). */
const ENGINE_PART_WORDS = { '--checkpoint-every': "simulate()'s checkpointEvery_s", '--resume': "simulate()'s resume" };

/** The package entry's `readCheckpoint` (src/index.ts): its refusals name the library's options, not the CLI's flags. */
export function readCheckpointNamed(file: string): ReturnType<typeof readCheckpoint> {
  return withOptionNames(() => readCheckpoint(file), {}, ENGINE_PART_WORDS);
}

/** The package entry's `resumeSimulation`: a checkpoint of another run is refused naming its argument (`file`), not `--resume`. */
export function resumeSimulationNamed(file: string, expected?: ResolvedRun, config: SimulationConfig = {}): Simulation {
  return withOptionNames(() => resumeSimulation(file, expected, config), { '--resume': 'file' }, ENGINE_PART_WORDS);
}

/**
 * One thread of the sector scheme (parallel/sector-run.ts starts `threads` of these and keeps them between runs: one run a
 * message, since branch testcpu2). It builds the
 * run's lattice, keeps its domain plus ghost columns as a plating app of its own (apps/plating.ts,
 * given a solver and slot map that file every event under its strip: parallel/strip-solver.ts),
 * and repeats cycles:
 *
 *   for phase 0, 1:  kMC in its active strip from T to T + tau (parallel/sectors.ts: activeStrip);
 *                    write the shared voxels it changed (ghost columns and the columns next to
 *                    its domain's edges) into the shared lattice and its change list; barrier;
 *                    take the shared voxels the other threads changed (app.transmute); barrier
 *   at the end of a cycle: publish its own-domain A, B (reduction and oxidation sums at eta = 0;
 *   with sums 'averaged' also their means over the cycle's kMC time), total rate and net count;
 *   barrier; every thread advances its own copy of the double layer with the global sums (same
 *   numbers, same order: the same eta everywhere) and T += tau.
 *
 * A phase draws only the active strip's events, from the strip's own solver (until the third round
 * it drew from the whole sub-box's and rejected the rest: thinning, the same law); the clock of a
 * strip ends at T + tau (memoryless: the overshooting waiting time is dropped). The step ends within
 * a phase at its target count (runPhase: near the end the threads run in turn).
 */
import { parentPort } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { galvanostaticTarget } from '../input/limits.js';
import { derive, physicsOf, buildLattice } from '../simulation/setup.js';
import { Rng, seedStream } from '../kmc/rng.js';
import { CubicLattice } from '../kmc/lattice.js';
import { PlatingApp, CH_RED, CH_OX, CH_HOP } from '../apps/plating.js';
import { StripSolver, StripSlotMap } from './strip-solver.js';
import { PLATING_CHANNELS, applyOverpotential } from '../apps/channels.js';
import { DoubleLayer } from '../electrochem/doublelayer.js';
import { METAL } from '../lattice/voxel.js';
import { ShareExchange } from './exchange.js';
import { balanceLayout, fixedLayout, type BalanceLayout } from './balance.js';
import { DEFAULT_NUCLEI_COVERAGE, earlyNucleiState, lookAtRow, type EarlyNucleiState } from '../metrics/early-nuclei.js';
import { CM2_PER_M2, C_PER_MAH } from '../units.js';
import { serialiseError, type SerialisedError } from '../simulation/worker-errors.js';
import type { ResolvedRun } from '../input/types.js';
import {
  sectorLayout, sectorStep, activeStrip, globalColumn, localColumn, inBand, EpochBarrier, WALL_CODE, WALL_BINDING_EV, WALL_RED_SHIFT_EV,
  MIN_STRIP, C_ZTOP, C_ERROR, LOG_CAPACITY, WAIT_LOG_FIELDS, SPIN_MIN_S, SPIN_ONLY_MAX_S, F_A, F_B, F_R, F_NET, F_EVENTS, F_LAST, F_AAVG, F_BAVG, F_SLOTS, F_STATUS_NET, F_STATUS_PAUSED,
} from './sectors.js';

export interface SectorWorkerData {
  /**
   * the run, resolved on the main thread (runSectors): a thread does not parse the run file again, so it loads no
   * run-file parser (input/parse.js, zod, the YAML parser, the parameter registry: about 0.2 CPU s a thread)
   */
  run: ResolvedRun;
  threads: number;
  id: number;
  /** expected events per cycle over the whole box (sets tau) */
  windowEvents: number;
  /** longest cycle, in averaging windows of the double layer */
  maxTauOverAvg: number;
  /** largest change of eta over one cycle, V (sets a shorter cycle while eta moves) */
  etaStep_V: number;
  /** the box's events (all threads) at whose cycle's end every thread stops (read from the published sums: the same cycle on every thread) */
  eventLimit: number;
  /** one thread, no strips: the cycle structure and the held overpotential without the sector split (a control) */
  oneStrip: boolean;
  /** which strip runs first in a cycle: always the first ('fixed') or drawn per cycle ('random', the same draw on every thread) */
  phaseOrder: 'fixed' | 'random';
  /** the rate that sets tau: the box's mean event rate over recent cycles ('mean') or its present total rate ('present', the first round's) */
  cycleRate: 'mean' | 'present';
  /** the sums the double layer is advanced with over a cycle: those of the cycle's start, or their means over the cycle (sector-run.ts SectorOptions.sums) */
  sums: 'start' | 'averaged';
  /** voxels per thread still needed at or below which a phase's threads run one after another (runPhase) */
  endgameVoxels: number;
  /** check every class of the sub-box against a recomputation at the end (tests) */
  check: boolean;
  /** record every phase's events, expected events (the strip's rate at the phase's start x tau) and kMC seconds */
  phaseLog: boolean;
  /** record every phase's timing (WAIT_LOG_FIELDS) and the thread's garbage collections (twocore69; measurements) */
  waitLog: boolean;
  /** the barrier's waiting: 'adaptive' (spin or sleep as the spins catch: the default) or 'spin' (always spin first, SPIN_ONLY_MAX_S) */
  barrier: 'adaptive' | 'spin';
  /**
   * domains that follow the work (parallel/balance.ts): every `balanceEvery` cycles the strip edges move so that the
   * strips hold equal shares of the box's rate; 0: the fixed layout (the default)
   */
  balanceEvery: number;
  /** columns a domain edge may move from its fixed place (balanceEvery > 0) */
  balanceSlack: number;
  /** a new layout is taken when it lowers the cost by more than this share of the box's rate (balance.ts balanceLayout) */
  balanceGain: number;
  /** per global column: its rate at the last balancing cycle's end, written by the column's owner (balanceEvery > 0) */
  colw: SharedArrayBuffer | null;
  gcode: SharedArrayBuffer;
  /** per thread: [count, global index, ...] of the shared voxels it changed in the last phase */
  logs: SharedArrayBuffer[];
  ctrl: SharedArrayBuffer;
  f64: SharedArrayBuffer;
}

export interface SectorWorkerResult {
  id: number;
  events: number;
  /** draws outside the active strip: none since each strip has its own selection (kept as a check) */
  rejected: number;
  reductions: number; oxidations: number; hops: number; nucleations: number;
  rejectedHops: number; blockedStepUps: number;
  /** metal voxels the app killed while taking other threads' changes (dead in its view only) */
  kills: number;
  deadCount: number;
  /** shared voxels taken from other threads */
  taken: number;
  /** sealed_pores void: another thread's relabels of a liquid voxel this thread filled in the same phase (dropped: the fill wins) */
  liquidConflicts: number;
  /**
   * the nuclei counted before they coalesce (metrics/early-nuclei.ts, the serial engine's look and reading: earlyapi),
   * looked at on the whole shared lattice at the step's opening and at each cycle end that wrote a trace row, until read;
   * the same on every thread
   */
  early: EarlyNucleiState;
  cycles: number;
  cpu_s: number;
  wall_s: number;
  wait_s: number;
  exchange_s: number;
  /** barriers whose wait the spin caught, and those where the thread slept (parallel/sectors.ts EpochBarrier) */
  barriersSpun: number; barriersSlept: number;
  /** seconds from the run's start on the thread (its message read) to its first cycle: the lattice, the sub-box's events (a fresh thread's modules load before) */
  startup_s: number;
  /** at the end: voxels with an event (slot map keys) and events per region (strip 0, strip 1, ghost and wall columns) */
  slotKeys: number; regionEvents: number[];
  /** barriers at which the thread woke the other (a futex wake; its time is in wait_s) */
  barriersNotified: number;
  /** barriers passed in spin mode (the rest in sleep mode; barrier 'spin': all) */
  barriersInSpinMode: number;
  /** the kMC clock at the end of the last cycle (T + tau) */
  T_s: number;
  /** the kMC time of the last event this thread executed (0: none) */
  lastEvent_s: number;
  eta_V: number;
  /**
   * time-weighted sum of eta over the second half of the charge, V s, and the time it covers, s (the cycle that
   * reaches the step's charge up to the box's last event)
   */
  plateauEtaDt: number; plateauDt: number;
  /** time-weighted sum of eta over the whole run, V s (as plateauEtaDt) */
  etaDt: number;
  ended: string;
  consistency: string | null;
  /** sub-box voxels (own and ghost columns) that differ from the shared lattice at the end */
  staleVoxels: number;
  meanTau_s: number;
  meanTauOverAvg: number;
  /**
   * overpotential trace (galvanostat clock, s; V, cathodic positive; the kMC time at which each sample's window ends,
   * s: the box's last event in the cycle that reaches the step's charge): the same on every thread
   */
  traceT: number[]; traceEta: number[]; traceKmc: number[];
  /** with phaseLog: per phase, events run, expected events and seconds of kMC (3 numbers a phase) */
  phases?: Float64Array;
  /** with waitLog: every phase's timing, WAIT_LOG_FIELDS numbers a phase, and the thread's garbage collections */
  waitLog?: SectorWaitLog;
  /**
   * domains that follow the work (balanceEvery > 0): balancing cycles at which a domain edge moved (a transfer of
   * columns between the threads), at which only a strip split moved, the voxels this thread took in transfers, the
   * wall seconds of its balancing (the per-column rates, the decision, the transfers and refiling; the transfer's
   * barrier is in wait_s), and the layout at the end (balance.ts BalanceLayout)
   */
  balance?: { edgeMoves: number; splitMoves: number; transferred: number; balance_s: number; parts_s: { rates: number; decide: number; transfer: number; regions: number }; layout: BalanceLayout };
}

const WL = WAIT_LOG_FIELDS.length;

/** a thread's waitLog: its phases (WAIT_LOG_FIELDS), the waits outside the phases, and its garbage collections */
export interface SectorWaitLog {
  phases: Float64Array;
  /** seconds waited and barriers passed outside the phases (the start, the early nuclei's looks, the end) */
  otherWait_s: number; otherBarriers: number;
  /** the thread's garbage collections (perf_hooks 'gc' entries): start ms (the shared clock), duration ms, kind (NODE_PERFORMANCE_GC_*: 1 minor, 2 major, 4 incremental, 8 weak callbacks), 3 numbers each */
  gc: number[];
}

/**
 * ms to add to this thread's performance.now() for the clock the process's threads share (process.hrtime): of 32 readings
 * of hrtime, performance.now(), hrtime, the one whose two hrtimes are closest (a thread preempted between two calls read
 * an offset 0.5 ms off on a busy machine, and the two threads' clocks disagreed by that much)
 */
function sharedClockOffset(): number {
  let best = Infinity, offset = 0;
  for (let i = 0; i < 32; i++) {
    const a = process.hrtime.bigint(), p = performance.now(), b = process.hrtime.bigint();
    const span = Number(b - a);
    if (span < best) { best = span; offset = (Number(a) + span / 2) / 1e6 - p; }
  }
  return offset;
}
/** ms to add to this thread's performance.now() for the clock every thread shares (process.hrtime), set per run with waitLog */
let clockOffset_ms = 0;

/** cycles over which the mean event rate that sets tau is averaged (cycleRate 'mean') */
const RATE_CYCLES = 64;

/** seedStream tag of the strip-order draws (simulation/setup.ts uses 1 for SAC placement) */
const SECTOR_ORDER_STREAM = 11;

/** what a thread posts when it fails: its error in plain data (the class kept), and whether another thread had failed first */
export interface SectorWorkerFailure { error: SerialisedError; peer: boolean }

/** the process's CPU and this thread's clock at the start of the run it is running (cpu_s, wall_s, startup_s) */
let cpu0 = process.cpuUsage();
let wall0 = performance.now();
/** the cycle the thread is in (0 before the first), for an error's message */
let cycleNow = 0;
// testcpu2: a thread runs one run a message, each with the buffers, state and counters of its own message (nothing of a
// run outlives it but the loaded modules), and sector-run.ts keeps it between runSectors calls; until then each thread
// ran the one run of its workerData and ended
parentPort!.on('message', (wd: SectorWorkerData) => {
  cpu0 = process.cpuUsage();
  wall0 = performance.now();
  cycleNow = 0;
  let answer: SectorWorkerResult | SectorWorkerFailure;
  // (waitLog: the thread's garbage collections; their entries come when the event loop turns, after the run)
  let gcSeen: number[] | null = null, obs: PerformanceObserver | null = null;
  if (wd.waitLog) {
    clockOffset_ms = sharedClockOffset();
    const seen: number[] = gcSeen = [];
    obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.push(e.startTime + clockOffset_ms, e.duration, ((e as { detail?: { kind?: number } }).detail?.kind ?? 0));
    });
    obs.observe({ entryTypes: ['gc'] });
  }
  try {
    answer = run(wd);
  } catch (e) {
    // the first thread to fail tells the others (they stop at their next barrier); its error is the run's
    const peer = Atomics.exchange(new Int32Array(wd.ctrl), C_ERROR, 1) !== 0;
    const error = serialiseError(e);
    // an input or file error is the user's, in its own words; anything else says where it happened
    if (error.kind === 'Error') error.message = `sector scheme, thread ${wd.id} ${cycleNow > 0 ? `in sector cycle ${cycleNow}` : 'before its first sector cycle'}: ${error.message}`;
    answer = { error, peer };
  }
  if (obs !== null) {
    const done = answer, o = obs, seen = gcSeen!;
    setImmediate(() => setImmediate(() => {
      o.disconnect();
      if ('waitLog' in done && done.waitLog !== undefined) done.waitLog.gc = seen;
      parentPort!.postMessage(done);
    }));
    return;
  }
  parentPort!.postMessage(answer);
});

function run(w: SectorWorkerData): SectorWorkerResult {
  const runIn = w.run;
  const d = derive(runIn);
  const [nx, ny, nz] = runIn.lattice.size;
  const balancing = w.balanceEvery > 0 && w.threads === 2 && !w.oneStrip;
  const L = sectorLayout(nx, ny, nz, w.threads, balancing ? w.balanceSlack : 0);
  const step = sectorStep(runIn.protocol);
  const gcode = new Uint8Array(w.gcode), ctrl = new Int32Array(w.ctrl), f64 = new Float64Array(w.f64);
  const bar = w.barrier === 'spin' ? new EpochBarrier(ctrl, L.threads, w.id, SPIN_ONLY_MAX_S, SPIN_MIN_S, true) : new EpochBarrier(ctrl, L.threads, w.id);
  const { code: full } = buildLattice(runIn, d);
  const nxy = nx * ny, sub = L.subNx;
  const lat = new CubicLattice(sub, ny, nz, false);
  const code = new Uint8Array(lat.n);
  const gx = new Int32Array(sub);
  for (let lx = 0; lx < sub; lx++) gx[lx] = globalColumn(L, w.id, lx);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let lx = 0; lx < sub; lx++) {
    code[lx + sub * (y + ny * z)] = gx[lx]! < 0 ? WALL_CODE : full[gx[lx]! + nx * (y + ny * z)]!;
  }
  const rng = new Rng((runIn.seed + 1_000_003 * (w.id + 1)) % Number.MAX_SAFE_INTEGER);
  const phys = physicsOf(runIn, d);
  if (L.threads > 1) phys.substrate.set(WALL_CODE, { binding_eV: WALL_BINDING_EV, redShift_eV: WALL_RED_SHIFT_EV, terraceBarrier_eV: WALL_BINDING_EV, conducting: true });
  // regions: the first strip (0), the second (1), ghost and wall columns (2) (balancing: one region a column); each event is filed
  // under its region as well (parallel/strip-solver.ts), so that a phase draws from its strip only
  // (balancing: one region a column, so that a strip is a range of columns and an edge that moves refiles nothing)
  const regionOfCol = balancing ? new Uint16Array(sub) : new Uint8Array(sub);
  // (one thread, one strip: the whole box in one phase, to measure the held overpotential alone: one region)
  const oneStrip = w.oneStrip && L.threads === 1;
  for (let lx = 0; lx < sub; lx++) regionOfCol[lx] = balancing ? lx : oneStrip ? 0 : lx < L.off || lx >= L.off + L.W ? 2 : lx < L.off + L.W / 2 ? 0 : 1;
  const solver = new StripSolver(PLATING_CHANNELS, 4096, regionOfCol, sub);
  const slots = new StripSlotMap(lat.nxy, lat.n, solver);
  solver.attach(slots);
  // sealed_pores void (branch voidsector): the ghost and wall columns are another thread's for the liquid's labels
  // (apps/liquid.ts, "Foreign columns"); each thread labels its own domain's liquid only
  const foreign = new Uint8Array(sub);
  for (let lx = 0; lx < sub; lx++) foreign[lx] = L.threads > 1 && (lx < L.off || lx >= L.off + L.W) ? 1 : 0;
  const app = new PlatingApp(lat, code, { ...phys, adatoms: 'exact' }, rng, { solver, slots, foreignColumns: foreign });
  /** the solvers of the strips run in turn (the ghost columns' region is never run) */
  const strips = oneStrip ? [solver.parts[0]!] : [solver.parts[0]!, solver.parts[1]!];
  /** the strips' local column ranges and the domain's (they move with balancing: rebalance below) */
  const stripLo = [activeStrip(L, 0)[0], activeStrip(L, 1)[0]], stripHi = [activeStrip(L, 0)[1], activeStrip(L, 1)[1]];
  let domLo = L.off, domHi = L.off + L.W;
  const alpha = runIn.metal.alpha, f = d.f_per_V;
  const area_m2 = d.area_m2, q = d.q_C;
  const I_A = step.current_A_per_m2 * area_m2;
  const r = I_A / q;
  // the charge of its time or its charge, the smaller, as the serial engine (a time under half a voxel is refused: sector-run.ts)
  const { target } = galvanostaticTarget(step, I_A, area_m2, q);
  const dl = new DoubleLayer({
    C_F_per_m2: runIn.electrochem.doubleLayer_F_per_m2, area_m2, q_C: q,
    alpha, f_per_V: f, exchangeRate_per_s: d.k0_per_s * nxy, sites: nxy,
  });
  dl.setRate(r);

  // shared voxels (ghost columns and the columns next to the domain's edges) and their exchange (parallel/exchange.ts)
  const shared = new Uint8Array(sub);
  for (let lx = 0; lx < sub; lx++) shared[lx] = inBand(L, lx) ? 1 : 0;
  // change lists, two per thread (phases alternate between them): [count, (global index, code) ...]
  const myLog = new Int32Array(w.logs[w.id]!);
  const otherLogs = w.logs.map((b, k) => (k === w.id ? null : new Int32Array(b)));
  const ex = new ShareExchange(L, w.id, app, shared, gx, LOG_CAPACITY);
  // a relabel of this thread's liquid in a shared column (its domain's edge columns, the other thread's ghosts) is sent
  // at the next exchange as any change of a shared voxel
  if (L.threads > 1) app.onRelabel = (v) => ex.noteChange(v);

  let events = 0, rejected = 0, cycles = 0, wait = 0, exch = 0;
  /** seconds waited at the barriers outside the phases (the start, the balancing's transfers, the early nuclei's looks, the end) */
  let waitOutside = 0;
  const outsideWait = (): number => { const x = bar.wait(); waitOutside += x; return x; };
  /** the clock at the end of the last exchange (ms), and the seconds from it to the start of the next (kMC) */
  let tMark = performance.now(), lastKmc_s = 0;
  const totals = new Float64Array(3);
  const multi = L.threads > 1;
  const phases = strips.length;
  let T = 0;
  let plog: Float64Array | null = w.phaseLog ? new Float64Array(1 << 16) : null, nLog = 0;
  // (waitLog: WAIT_LOG_FIELDS a phase; the phase being run's times, written by runPhase and barrier)
  let wlog: Float64Array | null = w.waitLog ? new Float64Array(WL << 16) : null, nWlog = 0;
  let wStart = 0, wKmcEnd = 0, wArrive = 0, wDepart = 0, wEnd = 0, wBarriers = 0, wSlept = 0, wNotified = 0, wPhaseWait = 0;
  // the order of the strips within a cycle: every thread draws the same numbers (a stream of the run's seed of its own)
  const randomOrder = w.phaseOrder === 'random' && phases === 2;
  const orderRng = seedStream(runIn.seed, SECTOR_ORDER_STREAM);
  const averaged = w.sums === 'averaged';

  /** set by runStrip: it stopped at its net count stopNet (not at tEnd), and its clock resumes from the returned time */
  let paused = false;
  /** the kMC time of the last event executed (a step that ends within a cycle ends its clock at the box's latest: sector-run.ts) */
  let lastEvent_s = 0;
  /**
   * per strip, this cycle: the time integrals of its reduction and oxidation sums (eta = 0) from the cycle's start T
   * (1/s x s), and the kMC time up to which they run (the phase's end, or the event at which the strip stopped); publish
   * divides them by that time (sums 'averaged')
   */
  const intA = new Float64Array(strips.length), intB = new Float64Array(strips.length), intT = new Float64Array(strips.length);
  /**
   * kMC in strip p (0, 1; with oneStrip 0 is the whole box) from t to tEnd, drawing from the strip's
   * own events (StripSolver): its total rate sets the clock, no draw is rejected. It stops after the
   * event that brings the thread's net count (reductions - oxidations) to stopNet (`paused`); run
   * again from the returned clock it continues as if it had not stopped (the same draws and events).
   */
  const runStripFixed = (p: number, t: number, tEnd: number, stopNet: number): number => {
    paused = false;
    const part = strips[p]!;
    const sum = part.sum, mult = part.mult, keys = () => app.slots.slotKey;
    const lo = oneStrip ? L.off : stripLo[p]!, hi = oneStrip ? L.off + L.W : stripHi[p]!;
    const counters = app.counters;
    // the strip's sums integrated over time (sums 'averaged' only, the default: 'start' does none of it on this hot loop): they
    // hold from the last event (or t) to the next (or tEnd)
    let tInt = t, aInt = 0, bInt = 0;
    for (;;) {
      totals[0] = sum[0]! * mult[0]!; totals[1] = sum[1]! * mult[1]!; totals[2] = sum[2]! * mult[2]!;
      const R = totals[0]! + totals[1]! + totals[2]!;
      if (!(R > 0)) { tInt = tEnd; break; } // (no event: the sums, all 0, to the phase's end)
      t += -Math.log(rng.nextOpen()) / R;
      if (averaged) {
        const tt = t < tEnd ? t : tEnd;
        aInt += sum[CH_RED]! * (tt - tInt); bInt += sum[CH_OX]! * (tt - tInt); tInt = tt;
      }
      if (t >= tEnd) break;
      const e = part.select(totals, rng);
      if (e < 0) break;
      const v = keys()[e >> 1]!;
      const lx = v % sub;
      if (lx < lo || lx >= hi) { rejected++; continue; } // never (check mode fails the run on it)
      const hops = counters.hops, dead = app.deadCount;
      app.execute(e);
      lastEvent_s = t;
      if (multi && (shared[lx - 1]! | shared[lx]! | shared[lx + 1]!) !== 0) {
        // the event may change shared voxels: v, a hop's landing voxel (its step-up/down included)
        ex.noteChange(v);
        if (counters.hops !== hops) ex.noteChange(app.lastHopTo);
      }
      if (app.deadCount !== dead) ex.scanAll = true; // metal cut off: anywhere in the component
      if ((++events & 0xffff) === 0) solver.resum();
      if (counters.reductions - counters.oxidations >= stopNet) { paused = true; break; }
    }
    if (averaged) { intA[p] = intA[p]! + aInt; intB[p] = intB[p]! + bInt; intT[p] = tInt; }
    return t;
  };
  /**
   * (balancing) runStripFixed over a strip that is a range of columns, each with its own solver (one region a column):
   * the strip's rate is the sum of its columns', a draw picks a column by its rate, then an event of that column's
   * solver. The same process as one solver over the strip (the strip's events at their rates); other draws.
   */
  const cum = new Float64Array(sub);
  const runStripCols = (p: number, t: number, tEnd: number, stopNet: number): number => {
    paused = false;
    const parts = solver.parts, mult = solver.mult, keys = () => app.slots.slotKey;
    const m0 = mult[0]!, m1 = mult[1]!, m2 = mult[2]!;
    const lo = stripLo[p]!, hi = stripHi[p]!;
    const counters = app.counters;
    let tInt = t, aInt = 0, bInt = 0;
    for (;;) {
      let R = 0, a = 0, b = 0;
      for (let c = lo; c < hi; c++) {
        const sm = parts[c]!.sum;
        R += sm[0]! * m0 + sm[1]! * m1 + sm[2]! * m2; cum[c] = R;
        a += sm[CH_RED]!; b += sm[CH_OX]!;
      }
      if (!(R > 0)) { tInt = tEnd; break; }
      t += -Math.log(rng.nextOpen()) / R;
      if (averaged) {
        const tt = t < tEnd ? t : tEnd;
        aInt += a * (tt - tInt); bInt += b * (tt - tInt); tInt = tt;
      }
      if (t >= tEnd) break;
      const x = rng.next() * R;
      let c = lo;
      while (c < hi - 1 && !(x < cum[c]!)) c++;
      const part = parts[c]!, sm = part.sum;
      totals[0] = sm[0]! * m0; totals[1] = sm[1]! * m1; totals[2] = sm[2]! * m2;
      const e = part.select(totals, rng);
      if (e < 0) break;
      const v = keys()[e >> 1]!;
      const lx = v % sub;
      if (lx < lo || lx >= hi) { rejected++; continue; } // never (check mode fails the run on it)
      const hops = counters.hops, dead = app.deadCount;
      app.execute(e);
      lastEvent_s = t;
      if ((shared[lx - 1]! | shared[lx]! | shared[lx + 1]!) !== 0) {
        ex.noteChange(v);
        if (counters.hops !== hops) ex.noteChange(app.lastHopTo);
      }
      if (app.deadCount !== dead) ex.scanAll = true;
      if ((++events & 0xffff) === 0) solver.resum();
      if (counters.reductions - counters.oxidations >= stopNet) { paused = true; break; }
    }
    if (averaged) { intA[p] = intA[p]! + aInt; intB[p] = intB[p]! + bInt; intT[p] = tInt; }
    return t;
  };
  const runStrip = balancing ? runStripCols : runStripFixed;
  /** the reduction, oxidation and hop sums (eta = 0) of strip p: its solver's, or (balancing) its columns' summed */
  const colSum = new Float64Array(3);
  const stripSum = (p: number): Float64Array => {
    if (!balancing) return strips[p]!.sum;
    colSum.fill(0);
    for (let c = stripLo[p]!; c < stripHi[p]!; c++) { const sm = solver.parts[c]!.sum; colSum[0] = colSum[0]! + sm[0]!; colSum[1] = colSum[1]! + sm[1]!; colSum[2] = colSum[2]! + sm[2]!; }
    return colSum;
  };

  /** the box's net count at the last barrier (all threads' reductions - oxidations), and which threads had stopped at their share */
  let gNet = 0, nBar = 0;
  const pausedAt = new Uint8Array(L.threads);
  /** writes this thread's status, waits for the others, reads theirs; true when one of them stopped at its share */
  const barrier = (stopped: boolean): boolean => {
    const par = nBar++ & 1, o = w.id * F_SLOTS;
    f64[o + F_STATUS_NET + par] = app.counters.reductions - app.counters.oxidations;
    f64[o + F_STATUS_PAUSED + par] = stopped ? 1 : 0;
    if (!stopped) {
      // (a thread that stopped at its share writes its top at the barrier where its phase is done)
      const myTop = Math.min(nz, app.maxMetalZ + 2);
      for (let cur = Atomics.load(ctrl, C_ZTOP); cur < myTop; cur = Atomics.load(ctrl, C_ZTOP)) if (Atomics.compareExchange(ctrl, C_ZTOP, cur, myTop) === cur) break;
    }
    if (wlog !== null && wBarriers++ === 0) wArrive = performance.now();
    wait += bar.wait();
    if (wlog !== null) wDepart = performance.now();
    let any = false;
    gNet = 0;
    for (let k = 0; k < L.threads; k++) {
      gNet += f64[k * F_SLOTS + F_STATUS_NET + par]!;
      pausedAt[k] = f64[k * F_SLOTS + F_STATUS_PAUSED + par]!;
      if (pausedAt[k]) any = true;
    }
    return any;
  };

  /** the threads that take a turn in the phase's second part (runPhase) */
  const turns = new Uint8Array(L.threads);
  /**
   * One phase: kMC in strip p from T to tEnd, then the exchange (its change list, the sums when
   * `last`, one barrier, the others' changes). The step ends at its target exactly, as the serial
   * engine ends it at the event that reaches it. Far from the target (more than endgameVoxels per
   * thread still needed) the threads run at once, each stopping at the event that plates its share
   * of the voxels still needed (the first ones by thread number one more); this is never reached
   * unless a thread gains that many voxels in one phase, and then the phase has its one barrier as
   * before. Near the target, and after a thread stopped at its share, the threads (those that
   * stopped) run one after another, each from the box's count after the one before and stopping at
   * the event that brings it to the target; the threads after it do not run. A thread's strip sees
   * no other thread's change within a phase, so stopping and going on, or running in turn, gives the
   * events it would have run at once: a run is the same as one without this up to the phase in which
   * the box reaches its target (docs/parallel.md, "End of a step"). Returns true at the target.
   */
  const runPhase = (p: number, tEnd: number, last: boolean): boolean => {
    const wait0 = wait;
    if (wlog !== null) { wStart = performance.now(); wBarriers = 0; wSlept = bar.slept; wNotified = bar.notified; }
    let t = T, listed = false, published = false, tRun = 0;
    const net = () => app.counters.reductions - app.counters.oxidations;
    const mark = () => { if (tRun === 0) { tRun = performance.now(); lastKmc_s = (tRun - tMark) / 1000; } };
    let inTurn = target - gNet <= w.endgameVoxels * L.threads;
    if (inTurn) turns.fill(1);
    else {
      const left = target - gNet, share = Math.floor(left / L.threads) + (w.id < left % L.threads ? 1 : 0);
      // (a share of none: the thread waits for its turn)
      if (share > 0) t = runStrip(p, t, tEnd, net() + share); else paused = true;
      mark();
      if (!paused) {
        ex.writeList(myLog); listed = true;
        if (last) { publish(); published = true; } // the sums before the others' edge changes of this phase are taken (they are in the next cycle's)
      }
      inTurn = barrier(paused);
      turns.set(pausedAt);
    }
    if (inTurn) {
      for (let k = 0; k < L.threads && gNet < target; k++) {
        if (!turns[k]) continue;
        if (k === w.id) { runStrip(p, t, tEnd, net() + target - gNet); mark(); ex.writeList(myLog); listed = true; }
        barrier(false);
      }
      mark();
      if (!listed) ex.writeList(myLog); // (a turn that did not come: the target was reached before it)
    }
    const reached = gNet >= target;
    // the sums, when the cycle ends here (read after the next barrier)
    if (inTurn && (last || reached)) { if (!published) publish(); barrier(false); }
    ex.readLists(otherLogs);
    tMark = performance.now();
    exch += (tMark - tRun) / 1000 - (wait - wait0); // (the other threads' turns count as waiting)
    if (wlog !== null) { wKmcEnd = tRun; wEnd = tMark; wPhaseWait = wait - wait0; wSlept = bar.slept - wSlept; wNotified = bar.notified - wNotified; }
    return reached;
  };

  /**
   * own-domain sums (the two strips' solvers: the ghost columns' events are filed apart), their means over the cycle
   * (each strip's integral over the kMC time it covered this cycle; one that has not run yet: its present sums), net
   * count and events into the shared array
   */
  function publish(): void {
    let A = 0, B = 0, H = 0, Aavg = 0, Bavg = 0;
    for (let p = 0; p < strips.length; p++) {
      const ss = stripSum(p), span = intT[p]! - T;
      A += ss[CH_RED]!; B += ss[CH_OX]!; H += ss[CH_HOP]!;
      Aavg += span > 0 ? intA[p]! / span : ss[CH_RED]!; Bavg += span > 0 ? intB[p]! / span : ss[CH_OX]!;
    }
    const o = w.id * F_SLOTS;
    f64[o + F_A] = A; f64[o + F_B] = B; f64[o + F_R] = H; f64[o + F_AAVG] = Aavg; f64[o + F_BAVG] = Bavg;
    f64[o + F_NET] = app.counters.reductions - app.counters.oxidations;
    f64[o + F_EVENTS] = events;
    f64[o + F_LAST] = lastEvent_s;
    if (balancing && (cycles + 1) % w.balanceEvery === 0) publishRates();
  };
  /** the box's sums, net count and events, and its last event's time (the latest over the threads) */
  const global = () => {
    let A = 0, B = 0, H = 0, net = 0, ev = 0, last = 0, Aavg = 0, Bavg = 0;
    for (let k = 0; k < L.threads; k++) {
      const o = k * F_SLOTS;
      A += f64[o + F_A]!; B += f64[o + F_B]!; H += f64[o + F_R]!; net += f64[o + F_NET]!; ev += f64[o + F_EVENTS]!;
      Aavg += f64[o + F_AAVG]!; Bavg += f64[o + F_BAVG]!;
      last = Math.max(last, f64[o + F_LAST]!);
    }
    return { A, B, H, net, ev, last, Aavg, Bavg };
  };

  // ---- domains that follow the work (balanceEvery > 0; parallel/balance.ts). The thread's sub-box holds its fixed
  // domain, `slack` columns beyond it on each side, the ghosts and the walls (sectors.ts sectorLayout). The columns
  // beyond its present domain and ghosts are another thread's and are not kept current here: they are filed with the
  // ghosts (region 2, never drawn), and a column that joins the domain or its ghosts is first brought up to date from
  // its owner (a transfer through the shared lattice). Every thread computes the same layout from the same published
  // rates, so all agree on it and on whether a transfer (and its barrier) comes.
  let layout: BalanceLayout = fixedLayout(nx);
  let edgeMoves = 0, splitMoves = 0, transferred = 0, balanceMs = 0;
  /** the balancing's parts, ms: the per-column rates, the decision, the transfer (both sides) and the band's update (`regions`: until e978e670 also the refiling of the moved columns' events) */
  const partMs = { rates: 0, decide: 0, transfer: 0, regions: 0 };
  const colwShared = w.colw !== null ? new Float64Array(w.colw, 0, nx) : null;

  /** per local column: it was taken in this rebalance's transfer */
  const transferredCol = new Uint8Array(sub);
  /** the columns beyond the domain's ghosts (not kept current) count as grounded, as the fixed layout's walls (connectivity.ts groundCols) */
  const ground = new Uint8Array(sub);
  const setGround = (): void => {
    for (let lx = 1; lx < sub - 1; lx++) ground[lx] = lx < domLo - L.G || lx >= domHi + L.G ? 1 : 0;
  };
  if (balancing) { setGround(); if (app.conn !== null) app.conn.groundCols = ground; }
  const slotKeyOf = () => app.slots.slotKey;
  /** local column of unwrapped global column u (the layout's coordinates) in this thread's sub-box */
  const loc = (u: number): number => {
    const lx = localColumn(L, w.id, ((u % nx) + nx) % nx);
    if (lx < 0) throw new Error(`sector balance: column ${u} outside thread ${w.id}'s sub-box`);
    return lx;
  };
  /** this thread's domain and split in the layout, unwrapped global columns */
  const mine = (l: BalanceLayout): [number, number, number] => (w.id === 0 ? [l.a0, l.s0, l.a1] : [l.a1, l.s1, l.a0 + nx]);
  /** The rate of each column of the domain at eta now (its solver's), written into the shared per-column array at the columns' global indices. */
  const publishRates = (): void => {
    const t0 = performance.now(), mult = solver.mult;
    for (let lx = domLo; lx < domHi; lx++) {
      const sm = solver.parts[lx]!.sum;
      colwShared![gx[lx]!] = sm[0]! * mult[0]! + sm[1]! * mult[1]! + sm[2]! * mult[2]!;
    }
    const dt = performance.now() - t0;
    balanceMs += dt; partMs.rates += dt;
  };
  /** voxels at or above this layer are EMPTY on every thread (C_ZTOP: the highest metal + 2 over the threads; the host's surface) */
  const zLimit = (): number => Math.min(nz, Math.max(Atomics.load(ctrl, C_ZTOP), d.hostTopZ + 2) + 1);
  /**
   * At a balancing cycle's end (every thread, after the cycle's last barrier): the new layout; the columns that change
   * owner, with the new ghosts, sent by their owner through the shared lattice (a barrier) and taken by the other thread
   * (PlatingApp.transmute, additions first); then the strips' column ranges, the band of shared voxels and the exchange's
   * mirror of it, and the grounded columns beyond the ghosts.
   */
  const rebalance = (): void => {
    let t0 = performance.now();
    const next = balanceLayout(colwShared!, layout, L.M, MIN_STRIP, w.balanceGain);
    const same = next === layout || (next.a0 === layout.a0 && next.a1 === layout.a1 && next.s0 === layout.s0 && next.s1 === layout.s1);
    { const dt = performance.now() - t0; partMs.decide += dt; if (same) { balanceMs += dt; return; } }
    const tT = performance.now();
    const zl = zLimit();
    // the domain edges: edge 0 at a0 (thread 1 to its left, thread 0 to its right), edge 1 at a1 (thread 0, thread 1)
    const moves: { giver: number; receiver: number; from: number; to: number }[] = [];
    for (const [o, n, left, right] of [[layout.a0, next.a0, 1, 0], [layout.a1, next.a1, 0, 1]] as const) {
      if (n > o) moves.push({ giver: right, receiver: left, from: o, to: n + L.G });
      else if (n < o) moves.push({ giver: left, receiver: right, from: n - L.G, to: o });
    }
    if (moves.length > 0) {
      edgeMoves++;
      for (const m of moves) if (m.giver === w.id) {
        for (let u = m.from; u < m.to; u++) {
          const lx = loc(u), g = gx[lx]!;
          for (let z = 0; z < zl; z++) for (let y = 0; y < ny; y++) gcode[g + nx * (y + ny * z)] = code[lx + sub * (y + ny * z)]!;
        }
      }
      balanceMs += performance.now() - t0;
      partMs.transfer += performance.now() - tT;
      wait += outsideWait();
      t0 = performance.now();
      const adds: number[] = [], others: number[] = [];
      for (const m of moves) if (m.receiver === w.id) {
        for (let u = m.from; u < m.to; u++) {
          const lx = loc(u), g = gx[lx]!;
          transferredCol[lx] = 1;
          for (let z = 0; z < zl; z++) for (let y = 0; y < ny; y++) {
            const v = lx + sub * (y + ny * z), c = gcode[g + nx * (y + ny * z)]!;
            if (code[v] !== c) (c === METAL ? adds : others).push(v, c);
          }
        }
      }
      const dead0 = app.deadCount;
      for (let i = 0; i < adds.length; i += 2) if (code[adds[i]!] !== adds[i + 1]) ex.kills += app.transmute(adds[i]!, adds[i + 1]!);
      for (let i = 0; i < others.length; i += 2) if (code[others[i]!] !== others[i + 1]) ex.kills += app.transmute(others[i]!, others[i + 1]!);
      if (app.deadCount !== dead0) ex.scanAll = true;
      transferred += (adds.length + others.length) / 2;
      partMs.transfer += performance.now() - t0;
    } else splitMoves++;
    const tR = performance.now();
    layout = next;
    const [lo, s, hi] = mine(next);
    domLo = loc(lo); stripLo[0] = domLo; stripHi[0] = stripLo[1] = domLo + (s - lo); stripHi[1] = domHi = domLo + (hi - lo);
    // the band of shared voxels, the exchange's record of it for the columns that join it (the band agrees on both
    // threads after the transfer), and the columns beyond the ghosts, which count as grounded (setGround); a strip is a
    // range of columns, each with its own solver: nothing is refiled
    for (let lx = 1; lx < sub - 1; lx++) {
      const band = (lx >= domLo - L.G && lx < domLo + L.G) || (lx >= domHi - L.G && lx < domHi + L.G) ? 1 : 0;
      if (band === 1 && (shared[lx] === 0 || transferredCol[lx] !== 0)) for (let z = 0; z < zl; z++) for (let y = 0; y < ny; y++) { const v = lx + sub * (y + ny * z); ex.mirror[v] = code[v]!; }
      shared[lx] = band;
      transferredCol[lx] = 0;
    }
    setGround();
    partMs.regions += performance.now() - tR;
    balanceMs += performance.now() - t0;
  };

  // earlyapi: the nuclei before they coalesce, read as the serial engine reads them (simulation.ts pushRow: lookAtRow at
  // each trace row until the first-layer coverage reaches output.nuclei_coverage), on the shared lattice, whole at the
  // opening row (here: no thread writes it before the first barrier) and at each cycle end that writes a row (each
  // thread writes its domain's inner columns into it first, which no other thread reads: lookEarly). Every thread looks
  // (the same lattice, the same state: each knows whether another look is due); reading changes nothing of the run.
  const early = earlyNucleiState(runIn.output.nuclei_coverage ?? DEFAULT_NUCLEI_COVERAGE);
  const hostTopZ = d.hostTopZ, foil = d.hostCode === METAL;
  const grid = { nx, ny, nz, cells: gcode, voxel_m: runIn.lattice.voxel_m };
  /** the trace row's charge as eta.csv gives it (sector-simulate.ts sectorTrace: the galvanostat's clock x the current), mAh/cm2 */
  const rowCharge = (net: number) => ((((net * q) / I_A) * step.current_A_per_m2) / CM2_PER_M2) / C_PER_MAH;
  lookAtRow(early, grid, hostTopZ, foil, 0);
  // start: the double layer at the box's rates (as the serial controller's first update)
  solver.resum();
  publish();
  /** seconds from the run's start on this thread to its first cycle (lattice, the sub-box's events) */
  const startup_s = (performance.now() - wall0) / 1000;
  wait += outsideWait();
  let g = global();
  dl.init(0, g.A, g.B);
  let eta = dl.update(0, g.A, g.B, 0);
  let ended = 'charge';
  let lastEta = eta, lastTau = 0, Rmean = NaN;
  // the overpotential trace as the serial engine samples it: time-weighted means over windows of
  // output.sample charge, at the galvanostat's clock (net charge / current)
  const sampleCount = Math.max(1, Math.round((runIn.output.sample_C_per_m2 * area_m2) / q));
  const traceT: number[] = [], traceEta: number[] = [], traceKmc: number[] = [];
  let nextSample = sampleCount, winEtaDt = 0, winDt = 0;
  /** the cycle just run wrote a trace row (its end's: the early look's row) */
  let rowWritten = false;
  /**
   * The early look at a cycle end's row: this thread's domain columns that no other thread reads (not shared: the shared
   * ones are in the shared lattice already, as each exchange leaves them) into the shared lattice, a barrier (the lattice
   * whole), the look, a barrier (no thread writes it again before every look is done).
   */
  const lookEarly = (net: number) => {
    for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let lx = domLo; lx < domHi; lx++) if (shared[lx] === 0) gcode[gx[lx]! + nx * (y + ny * z)] = code[lx + sub * (y + ny * z)]!;
    wait += outsideWait();
    lookAtRow(early, grid, hostTopZ, foil, rowCharge(net));
    wait += outsideWait();
  };
  let etaDt = 0, plateauEtaDt = 0, plateauDt = 0, tauSum = 0, tauAvgRatio = 0;
  for (;;) {
    rowWritten = false;
    if (!Number.isFinite(eta)) { ended = 'stalled'; break; }
    applyOverpotential(solver, PLATING_CHANNELS, eta, alpha, f);
    solver.syncMult();
    // the box's total rate at this eta; tau: windowEvents events, at most maxTauOverAvg averaging windows of the double layer
    const R0 = g.A * solver.mult[CH_RED]! + g.B * solver.mult[CH_OX]! + g.H;
    if (!(R0 > 0)) { ended = 'stalled'; break; }
    // The rate that sets tau: the box's mean event rate over the last RATE_CYCLES cycles (an
    // exponential average of events / tau; the present rate R0 until the first cycle ends), not R0
    // itself: the double layer holds the reduction and oxidation sums of a cycle's start for the
    // whole cycle, and with tau = windowEvents / R0 a start with adatoms (fast hops, fast
    // oxidation: a large R0 and a large B) was held for a short cycle and one without for a long
    // one, so the held sums under-weighted the adatoms' oxidation: eta came out low and the box
    // fell behind its current by about 5 % (one thread, no strips, benchmark box: the deficit grew
    // to the feedback band, 2,500 voxels by 0.05 mAh/cm2). `cycleRate: 'present'` keeps R0.
    const R = w.cycleRate === 'present' || !(Rmean > 0) ? R0 : Rmean;
    // ... and short enough that eta moved by at most etaStep_V over the last cycle (the nucleation
    // transient: the serial engine updates eta every 0.1 mV; here it is held for a cycle)
    let tau = Math.min(w.windowEvents / R, w.maxTauOverAvg * dl.tau_avg_s);
    if (lastTau > 0 && Math.abs(eta - lastEta) > 0) tau = Math.min(tau, Math.max(1 / R, (w.etaStep_V * lastTau) / Math.abs(eta - lastEta)));
    if (lastTau > 0) tau = Math.min(tau, 2 * lastTau);
    // With the averaged sums the first cycle lasts one expected event (then the rules above: at most twice the last,
    // shorter while eta moves). The double layer starts at eta = 0, which the serial engine leaves at its first event;
    // held for a whole first cycle (up to an averaging window) at a tiny current on bare Cu it made and oxidised adatoms
    // at the exchange rate, their averaged oxidation sum came out equal to the reduction sum, and eta stayed near 0 for
    // tens of seconds instead of falling to ln(r / A) / (alpha f) (16 x 16 x 8, 0.002 mA/cm2: one seed in three
    // nucleated within 160 s against 5,500 s; docs/parallel.md). The start sums took no adatom in, so 'start' keeps its cycle.
    if (averaged && lastTau === 0) tau = Math.min(tau, 1 / R);
    lastEta = eta; lastTau = tau;
    cycleNow = cycles + 1;
    intA.fill(0); intB.fill(0); intT.fill(T);
    const first = randomOrder ? (orderRng.next() < 0.5 ? 0 : 1) : 0;
    for (let p = 0; p < phases; p++) {
      const sp = strips[(p + first) % phases]!, e0 = events;
      // (the phase log's kMC seconds: from the end of the last exchange, or from here in a cycle's first phase, to the exchange)
      if (plog !== null && p === 0) tMark = performance.now();
      const ssum = balancing ? stripSum((p + first) % phases) : sp.sum;
      const R = plog !== null || wlog !== null ? ssum[0]! * sp.mult[0]! + ssum[1]! * sp.mult[1]! + ssum[2]! * sp.mult[2]! : 0;
      const reached = runPhase((p + first) % phases, T + tau, p === phases - 1); // the last one publishes the sums before its barrier
      if (plog !== null) {
        if (nLog + 3 > plog.length) { const g2 = new Float64Array(plog.length * 2); g2.set(plog); plog = g2; }
        plog[nLog++] = events - e0; plog[nLog++] = R * tau; plog[nLog++] = lastKmc_s;
      }
      if (wlog !== null) {
        if (nWlog + WL > wlog.length) { const g2 = new Float64Array(wlog.length * 2); g2.set(wlog); wlog = g2; }
        const o = clockOffset_ms;
        wlog[nWlog++] = events - e0; wlog[nWlog++] = R * tau; wlog[nWlog++] = wStart + o; wlog[nWlog++] = wKmcEnd + o; wlog[nWlog++] = wArrive + o;
        wlog[nWlog++] = wDepart + o; wlog[nWlog++] = wEnd + o; wlog[nWlog++] = wPhaseWait; wlog[nWlog++] = wBarriers; wlog[nWlog++] = wSlept; wlog[nWlog++] = wNotified;
      }
      if (reached) break; // the step's target, within the cycle
    }
    if (w.check) {
      const err = app.checkConsistency() ?? solver.check() ?? (rejected > 0 ? `${rejected} draws outside the active strip` : null);
      if (err) throw new Error(`thread ${w.id} after sector cycle ${cycles}: ${err}`);
    }
    // (the sums are written again only after the next cycle's last first barrier: everyone has read them)
    const ev0 = g.ev, net0 = g.net;
    g = global();
    Rmean = Rmean > 0 ? Rmean + ((g.ev - ev0) / tau - Rmean) / RATE_CYCLES : (g.ev - ev0) / tau;
    // the time this cycle's eta held: its tau, or in the cycle that reaches the step's charge from its start T up to
    // the box's last event (where the clock ends, kmc_time_s); until mends38 the whole tau (in the trace's window until
    // branch sectorlast)
    const held = g.net >= target ? g.last - T : tau;
    const heldEnd = T + held;
    T += tau;
    cycles++;
    tauSum += tau; tauAvgRatio += tau / dl.tau_avg_s;
    etaDt += eta * held;
    if (g.net >= target / 2) { plateauEtaDt += eta * held; plateauDt += held; }
    rowWritten = g.net >= nextSample || g.net >= target;
    if (rowWritten) {
      // a row for each sample window the cycle passed, as the serial engine writes one at each (the last at the cycle's
      // end, as before). eta held over the cycle; the kMC time at which the box passed a window's count within it is not
      // kept (the strips run the same span one after another), so the cycle's time is shared out in proportion to its
      // charge. Until mends52 a cycle gave one row however many windows it passed: a step of a few voxels (16 x 8 x 8
      // voxels of 50 nm, 0.0005 mAh/cm2, 6 voxels) had 3 rows on some seeds and no plateau (NaN; 4 rows are needed)
      let used = 0;
      for (let b = nextSample; b + sampleCount <= g.net && b > net0; b += sampleCount) {
        const dt = (held * (b - net0)) / (g.net - net0) - used;
        used += dt;
        traceT.push((b * q) / I_A); traceEta.push((winEtaDt + eta * dt) / (winDt + dt)); traceKmc.push(heldEnd - held + used);
        winEtaDt = 0; winDt = 0;
      }
      winEtaDt += eta * (held - used); winDt += held - used;
      traceT.push((g.net * q) / I_A); traceEta.push(winEtaDt / winDt); traceKmc.push(heldEnd);
      winEtaDt = 0; winDt = 0;
      nextSample = (Math.floor(g.net / sampleCount) + 1) * sampleCount;
    } else { winEtaDt += eta * held; winDt += held; }
    const deficit = r * T - g.net;
    // the double layer over the cycle just run: with the sums of its start held (recorded at the last update), or with
    // its time-averaged sums (an adatom that lived dt with oxidation rate k weighs k dt / tau, as in the serial double
    // layer, which is updated at every change); either way eta for the next cycle is its state at T (causal)
    eta = averaged ? dl.advance(T, g.Aavg, g.Bavg, deficit) : dl.update(T, g.A, g.B, deficit);
    if (Atomics.load(ctrl, C_ERROR) !== 0) { ended = 'error'; break; }
    if (g.net >= target) { ended = 'charge'; break; }
    if (g.ev >= w.eventLimit) { ended = 'event_limit'; break; }
    if (Atomics.load(ctrl, C_ZTOP) >= nz - 1) { ended = 'box_full'; break; }
    if (rowWritten && early.read === null) lookEarly(g.net);
    if (balancing && cycles % w.balanceEvery === 0) rebalance();
  }
  // the own domain into the shared lattice; then every sub-box column is compared with it
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let lx = domLo; lx < domHi; lx++) gcode[gx[lx]! + nx * (y + ny * z)] = code[lx + sub * (y + ny * z)]!;
  wait += outsideWait();
  // the last cycle's row (the step's end, or the cycle a stop came after) on the whole lattice, as written just above
  if (rowWritten && early.read === null) lookAtRow(early, grid, hostTopZ, foil, rowCharge(g.net));
  let stale = 0;
  // (with balancing the columns beyond the ghosts are another thread's and not kept current: the domain and its ghosts)
  const cLo = balancing ? domLo - L.G : 0, cHi = balancing ? domHi + L.G : sub;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let lx = cLo; lx < cHi; lx++) if (gx[lx]! >= 0 && gcode[gx[lx]! + nx * (y + ny * z)] !== code[lx + sub * (y + ny * z)]) stale++;
  const consistency = w.check ? app.checkConsistency() : null;
  const c = process.cpuUsage(cpu0);
  return {
    id: w.id, events, rejected,
    reductions: app.counters.reductions, oxidations: app.counters.oxidations, hops: app.counters.hops, nucleations: app.counters.nucleations,
    rejectedHops: app.counters.rejectedHops, blockedStepUps: app.counters.blockedStepUps,
    kills: ex.kills, deadCount: app.deadCount, taken: ex.taken, liquidConflicts: ex.conflicts, cycles,
    cpu_s: (c.user + c.system) / 1e6, wall_s: (performance.now() - wall0) / 1000, wait_s: wait, exchange_s: exch, barriersSpun: bar.spun, barriersSlept: bar.slept, barriersNotified: bar.notified, barriersInSpinMode: bar.inSpinMode, startup_s, slotKeys: app.slots.size, regionEvents: solver.parts.map((p) => p.chCount.reduce((a, b) => a + b, 0)),
    T_s: T, lastEvent_s, eta_V: eta, plateauEtaDt, plateauDt, etaDt, ended, consistency, staleVoxels: stale,
    meanTau_s: tauSum / Math.max(1, cycles), meanTauOverAvg: tauAvgRatio / Math.max(1, cycles),
    traceT, traceEta, traceKmc, early, ...(plog !== null ? { phases: plog.slice(0, nLog) } : {}),
    ...(wlog !== null ? { waitLog: { phases: wlog.slice(0, nWlog), otherWait_s: waitOutside, otherBarriers: bar.passed - nBar, gc: [] } } : {}),
    ...(balancing ? { balance: { edgeMoves, splitMoves, transferred, balance_s: balanceMs / 1000, parts_s: { rates: partMs.rates / 1000, decide: partMs.decide / 1000, transfer: partMs.transfer / 1000, regions: partMs.regions / 1000 }, layout: { ...layout } } } : {}),
  };
}

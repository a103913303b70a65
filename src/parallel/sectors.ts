/**
 * Geometry and synchronisation of the sector scheme (parallel/sector-run.ts): the lateral box is
 * cut along x into 2 x threads strips of equal width; thread k owns strips 2k and 2k + 1 (its
 * "domain", global columns [k W, (k + 1) W), W = nx / threads) and holds a copy of its domain plus
 * GHOST columns on each side (a sub-box of W + 2 GHOST columns, periodic in x only when there is
 * one thread). In phase 0 every thread runs kMC in its first strip, in phase 1 in its second: two
 * strips active at the same time are separated by a whole inactive strip, so their events never
 * touch the same voxel (Shim and Amar, PRB 71, 125432, 2005: synchronous sublattice algorithm;
 * SPPARKS `sector yes`).
 *
 * Reach: an event at column x changes voxels in columns x - 1 .. x + 1 (a hop and its step-down
 * or step-up target) and the class of a voxel reads columns within 1 of it (apps/plating.ts
 * collect: neighbours, and the atoms beside them at z - 1 .. z + 2). So a strip of width >= 4
 * between two active ones keeps them apart, and GHOST = 2 columns keep every class of the own
 * domain exact (the ghost columns' own classes may read past the sub-box: those events are never
 * drawn: parallel/strip-solver.ts files them apart from the strips').
 */

import { HOST_BASE, HOST_TYPES } from '../lattice/species.js';
import { InputError } from '../errors.js';
import { plural } from '../plural.js';
import type { ProtocolEntry, ProtocolStep } from '../input/types.js';
import { walkReversals } from '../input/protocol.js';

/**
 * Default events per cycle over the whole box. Measured on the film benchmark box (Li on Cu, 50 nm,
 * 100 x 100, 0.05 mAh/cm2, seed 1, one thread): with cycles of about 150 events the nucleus density
 * was 20 % below the serial runs' (adatoms that cross a strip edge wait there for the next phase);
 * with 40 it matched them (docs/parallel.md, validation study parallel-sectors).
 */
export const DEFAULT_WINDOW_EVENTS = 40;

/**
 * Default SectorOptions.sums: 'averaged' since branch sectordef ('start' until then; branch sectoravg2's study
 * parallel-sectors-averaged-more found 'averaged' fit by the rule stated before its run: docs/parallel.md). The
 * validation studies and benchmarks that ran with 'start' as the default pass it explicitly.
 */
export const DEFAULT_SUMS = 'averaged' as const;

/** ghost columns on each side of a thread's domain */
export const GHOST = 2;
/** smallest strip width, columns (see the reach above) */
export const MIN_STRIP = 4;

/**
 * The smallest box on which the sector scheme's statistics were validated against the serial engine: 40 x 40 columns on
 * 2 threads, strips of 10 columns (validation study parallel-sectors; docs/parallel.md, "Small boxes"). Below it the
 * strip edges' error (approximation 1) was measured large: on 16 x 8 x 8 voxels of 50 nm (strips of 4 columns) lone
 * adatoms hopped 20-30 times less per kMC second than on the serial engine (they wait frozen in the strip not running)
 * and the plateau read 62 mV against 130 mV (seeds 1-4).
 */
export const VALIDATED_STRIP = 10;
export const VALIDATED_NY = 40;

/** One warning line when the box is below the smallest validated one (narrower strips or fewer y columns), else null. */
export function smallBoxWarning(nx: number, ny: number, threads: number): string | null {
  const strip = nx / (2 * threads);
  if (strip >= VALIDATED_STRIP && ny >= VALIDATED_NY) return null;
  return `warning: a sector run on ${nx} x ${ny} columns and ${plural(threads, 'thread')} (strips of ${strip} columns) is below the smallest box its statistics were validated on against the serial engine (${VALIDATED_NY} x ${VALIDATED_NY} columns on 2 threads, strips of ${VALIDATED_STRIP} columns or more): on 16 x 8 x 8 voxels the plateau overpotential read about half the serial engine's (docs/parallel.md, "Small boxes"); check with the serial engine (sacplate simulate without --sectors) or runSectors' windowEvents 1 (an option of the library, no flag)`;
}

export interface SectorLayout {
  nx: number; ny: number; nz: number;
  threads: number;
  /** domain width of a thread, columns */
  W: number;
  /** ghost columns on each side (0 with one thread: the sub-box is the periodic box itself) */
  G: number;
  /**
   * slack columns on each side beyond the ghosts (domains that follow the work, parallel/balance.ts: a domain edge moves
   * within them); 0 without balancing
   */
  M: number;
  /** local column of the domain's first column at its fixed place: G + M + 1 (a wall column, the slack, then the ghosts), 0 with one thread */
  off: number;
  /** sub-box width W + 2 off */
  subNx: number;
}

/**
 * With more than one thread the sub-box is closed by a wall column at each end (local columns 0
 * and subNx - 1): a grounded substrate that binds an atom beside it with WALL_BINDING_EV and
 * catalyses nothing (WALL_RED_SHIFT_EV). Without it the sub-box would wrap its two outer ghost
 * columns onto each other, and atoms there would see false neighbours and false gaps (classes that
 * are never fired, and a false path for the connectivity check). With it
 * the outer ghost voxels are frozen, and a ghost atom that touches it counts as connected (no false
 * dead metal from the cut).
 */
export const WALL_CODE = HOST_BASE + HOST_TYPES - 1;
export const WALL_BINDING_EV = 10;
/**
 * Infinity: no reduction beside the wall at all (a finite shift, 10 eV until the third round, gave
 * every empty voxel beside it, at every height, a reduction event of rate ~1e-170: 16,000 events
 * per thread on the benchmark box, 60 % of the sub-box's, never drawn but kept in the solver and
 * the slot map, whose z-band they stretched over the whole box height)
 */
export const WALL_RED_SHIFT_EV = Infinity;

/**
 * The one galvanostatic plate step, given by a charge or a time, that the sector scheme runs; any other
 * protocol is an InputError naming `protocol` (runSectors checks it before its threads start, and each
 * thread again: its error comes back to the caller with its class, simulation/worker-errors.ts).
 */
/**
 * The first step at a current reversal (a plate or strip step after one of the other kind, rests between them skipped,
 * repeats walked with their wrap-around), with its field path (`protocol[1]`, `protocol[0].steps[1]`), or undefined:
 * the serial engine's rule (input/protocol.ts walkReversals), a block walked twice at most (the second pass finds a
 * reversal from its last step to its first; a later pass repeats the second's).
 */
export function firstReversal(protocol: readonly ProtocolEntry[]): { field: string; step: ProtocolStep } | undefined {
  let found: { field: string; step: ProtocolStep } | undefined;
  walkReversals(protocol, (step, reversal, field) => { if (reversal) found = { field: field(), step }; return reversal; }, { maxPasses: 2 });
  return found;
}

export function sectorStep(protocol: readonly ProtocolEntry[]): ProtocolStep {
  const expected = 'one galvanostatic plate step with a charge or a time for the sector scheme (e.g. "Plate 0.3 mAh/cm2 at 3 mA/cm2" or "Plate at 3 mA/cm2 for 1 s")';
  // a current reversal (a plate then a strip) named at its step (mends61: it was "protocol: got "2 entries""): the sector
  // scheme runs one plate step, without the serial engine's feedback at a reversal (docs/model.md "At a current reversal")
  const rev = firstReversal(protocol);
  if (rev) {
    throw new InputError(rev.field, rev.step.text, `no current reversal in a sector run (a ${rev.step.kind} after a ${rev.step.kind === 'strip' ? 'plate' : 'strip'}): the sector scheme runs ${expected.replace(/ for the sector scheme.*$/, '')} and has no feedback at a reversal; plate and strip run on the serial engine (sacplate simulate without --sectors)`);
  }
  const step = protocol.length === 1 ? protocol[0]! : undefined;
  if (!step) throw new InputError('protocol', `${protocol.length} entries`, expected);
  // a repeat block is named as one (it was "got "1 entries", expected one ... step": review47)
  if ('repeat' in step) throw new InputError('protocol[0]', `{ repeat: ${step.repeat}, steps: [${plural(step.steps.length, 'step')}] }`, `${expected}, not a repeat block (the serial engine runs repeats: sacplate simulate without --sectors)`);
  // a plate ended by a cut-off alone is refused for its cut-off, as one with a charge or time and a cut-off (it was the
  // line above, which did not say what in the step was refused: review47)
  if (step.kind === 'plate' && step.control === 'galvanostatic' && step.charge_C_per_m2 === undefined && step.duration_s === undefined && step.cutoff_V !== undefined) {
    throw new InputError('protocol[0]', step.text, 'a step without a voltage cut-off for the sector scheme (it ends at its charge or time only: give one, e.g. "Plate 0.3 mAh/cm2 at 3 mA/cm2"; a cut-off runs on the serial engine)');
  }
  if (step.kind !== 'plate' || step.control !== 'galvanostatic' || (step.charge_C_per_m2 === undefined && step.duration_s === undefined)) {
    throw new InputError('protocol', step.text, expected);
  }
  return step;
}

export function sectorLayout(nx: number, ny: number, nz: number, threads: number, slack = 0): SectorLayout {
  if (!Number.isInteger(threads) || threads < 1) throw new InputError('engine.threads', threads, 'an integer >= 1');
  if (nx % (2 * threads) !== 0 || nx / (2 * threads) < MIN_STRIP) {
    throw new InputError('lattice.size[0]', nx, `a multiple of ${2 * threads} voxels, at least ${2 * threads * MIN_STRIP} (strips of ${MIN_STRIP} columns or more for engine.threads ${threads})`);
  }
  const W = nx / threads, G = threads === 1 ? 0 : GHOST, M = threads === 1 ? 0 : slack, off = threads === 1 ? 0 : G + M + 1;
  return { nx, ny, nz, threads, W, G, M, off, subNx: W + 2 * off };
}

/** global column of local column lx of thread k (-1 for a wall column) */
export function globalColumn(L: SectorLayout, k: number, lx: number): number {
  if (L.threads > 1 && (lx === 0 || lx === L.subNx - 1)) return -1;
  return (((k * L.W - L.off + lx) % L.nx) + L.nx) % L.nx;
}

/** local column of global column gx in thread k's sub-box, or -1 */
export function localColumn(L: SectorLayout, k: number, gx: number): number {
  const dx = (((gx - k * L.W) % L.nx) + L.nx) % L.nx;
  if (dx < L.W + L.G + L.M) return L.off + dx;
  if (dx >= L.nx - L.G - L.M) return L.off - (L.nx - dx);
  return -1;
}

/**
 * Whether local column lx of a thread is shared with another thread: a ghost column, or one of
 * the G own columns next to a domain edge (another thread's ghosts). False with one thread.
 */
export function inBand(L: SectorLayout, lx: number): boolean {
  if (L.threads === 1) return false;
  // (the fixed domain's band: with slack, parallel/sector-worker.ts recomputes it for the domain's present edges)
  return (lx >= L.off - L.G && lx < L.off + L.G) || (lx >= L.off + L.W - L.G && lx < L.off + L.W + L.G);
}

/** Local column range [lo, hi) of the strip that a thread runs in phase p (0, 1). */
export function activeStrip(L: SectorLayout, p: number): [number, number] {
  const half = L.W / 2;
  return [L.off + p * half, L.off + (p + 1) * half];
}

// ---- shared control words (Int32Array over a SharedArrayBuffer)
export const C_COUNT = 0;
export const C_GEN = 1;
export const C_ZTOP = 2;
export const C_ERROR = 3;
/** Int32 words between two threads' barrier words: 64 bytes, one cache line each (no false sharing) */
const LINE = 16;
/** barrier words of thread k: its epoch (phases it has finished) and the count of threads asleep on it */
const epochWord = (k: number) => LINE * (k + 1);
const sleepWord = (k: number) => LINE * (k + 1) + 1;
/** Int32 words of the control array for `threads` threads */
export function ctrlWords(threads: number): number { return LINE * (threads + 1); }
/** control words for two threads (bench/sector.ts's bare barrier) */
export const CTRL_WORDS = ctrlWords(2);

/**
 * Waiting at a barrier (EpochBarrier): spin, or sleep in Atomics.wait. On an idle machine each
 * thread has a core and the other thread arrives within the phases' imbalance (a few to a few tens
 * of us): a spin catches it, a sleep costs a futex wake (tens of us) on top. On a loaded machine the
 * two threads often share one core, and a spinning thread keeps the other from arriving: measured
 * with the old fixed spin (two threads, 20 us of work between barriers, load 2.4-3.0): 73-77 us per
 * step with 0-5 us of spin, 99 with 30 us, 369 with 300 us, 2,031 with 2 ms. So the barrier picks
 * one of two modes from what it sees: "spin" (up to SPIN_MAX_S, then sleep) while at least half of
 * the spins catch the other thread, else "sleep" (SPIN_MIN_S of spin), where one barrier in
 * PROBE_EVERY still spins up to SPIN_MAX_S to see whether spinning pays again. The mode is decided
 * every MODE_WINDOW spins. The choice only moves waiting time: a run's events are the same.
 */
export const SPIN_MAX_S = 150e-6;
export const SPIN_MIN_S = 2e-6;
export const PROBE_EVERY = 32;
export const MODE_WINDOW = 16;
/** the spin of SectorOptions.barrier 'spin' before it sleeps (twocore69): long enough for a phase's imbalance on an idle machine */
export const SPIN_ONLY_MAX_S = 2e-3;
/** fixed spin of the old full barrier (`barrier`) */
export const SPIN_S = 5e-6;

/**
 * A barrier for `parties` threads on shared words: the last to arrive bumps the generation and
 * wakes the others. Waiters spin for a short while first (both cores busy: the other thread is
 * microseconds away), then sleep in Atomics.wait (a loaded machine: do not burn a core). Returns
 * the seconds spent waiting. (The sector scheme uses EpochBarrier; this one stays for comparison.)
 */
export function barrier(ctrl: Int32Array, parties: number, spin_s = SPIN_S): number {
  if (parties === 1) return 0;
  const gen = Atomics.load(ctrl, C_GEN);
  if (Atomics.add(ctrl, C_COUNT, 1) === parties - 1) {
    Atomics.store(ctrl, C_COUNT, 0);
    Atomics.add(ctrl, C_GEN, 1);
    Atomics.notify(ctrl, C_GEN);
    return 0;
  }
  const t0 = performance.now(), until = t0 + spin_s * 1000;
  for (let i = 1; ; i++) {
    if (Atomics.load(ctrl, C_GEN) !== gen) return (performance.now() - t0) / 1000;
    if ((i & 63) === 0 && performance.now() > until) break;
  }
  while (Atomics.load(ctrl, C_GEN) === gen) {
    Atomics.wait(ctrl, C_GEN, gen, 200);
    if (Atomics.load(ctrl, C_ERROR) !== 0) throw new Error('sector scheme: another thread failed');
  }
  return (performance.now() - t0) / 1000;
}

/**
 * The sector scheme's barrier: each thread counts the barriers it has reached in a word of its own
 * (its epoch, on a cache line of its own) and waits until every other thread's epoch has reached
 * its own. No shared counter is written by two threads, and an arriving thread makes no call into
 * the runtime unless another thread sleeps on its word (Atomics.notify only then: the sleeper
 * announces itself before it checks the epoch once more and sleeps, both sequentially consistent,
 * so a wake-up is never lost). Waiting: spin or sleep, the mode chosen from what the spins catch
 * (SPIN_MAX_S). One object per thread; every thread of a run must call wait() equally often.
 */
export class EpochBarrier {
  private epoch = 0;
  /** spin mode (see SPIN_MAX_S) */
  private spinMode = true;
  /** long spins in the current window and how many of them caught the other thread */
  private tries = 0;
  private hits = 0;
  /** barriers whose wait the spin caught, and those that slept */
  spun = 0;
  slept = 0;
  /** barriers passed in spin mode (the rest in sleep mode) */
  inSpinMode = 0;
  /** barriers at which this thread woke a sleeping one (Atomics.notify) */
  notified = 0;
  /** barriers this thread has passed */
  get passed(): number { return this.epoch; }
  /**
   * `spinOnly` (SectorOptions.barrier 'spin', twocore69): always in spin mode (up to maxSpin_s, then sleep), the mode
   * never switched to sleep by what the spins catch
   */
  constructor(private readonly ctrl: Int32Array, private readonly parties: number, private readonly id: number,
    private readonly maxSpin_s = SPIN_MAX_S, private readonly minSpin_s = SPIN_MIN_S, private readonly spinOnly = false) {}

  /** Waits until every thread has reached this barrier; returns the seconds spent waiting. */
  wait(): number {
    if (this.parties === 1) return 0;
    const ctrl = this.ctrl, e = ++this.epoch;
    Atomics.store(ctrl, epochWord(this.id), e);
    let t0 = -1;
    if (Atomics.load(ctrl, sleepWord(this.id)) !== 0) {
      // a futex wake: a system call (tens of us on a loaded machine), counted in the wait
      t0 = performance.now();
      Atomics.notify(ctrl, epochWord(this.id));
      this.notified++;
    }
    if (this.spinMode) this.inSpinMode++;
    const long = this.spinMode || e % PROBE_EVERY === 0;
    for (let k = 0; k < this.parties; k++) {
      if (k === this.id) continue;
      const w = epochWord(k);
      if (((Atomics.load(ctrl, w) - e) | 0) >= 0) continue;
      if (t0 < 0) t0 = performance.now();
      const caught = this.waitFor(w, e, t0 + (long ? this.maxSpin_s : this.minSpin_s) * 1000);
      if (long) {
        this.tries++;
        if (caught) this.hits++;
        if (this.tries === MODE_WINDOW) { this.spinMode = this.spinOnly || 2 * this.hits >= this.tries; this.tries = 0; this.hits = 0; }
      }
    }
    return t0 < 0 ? 0 : (performance.now() - t0) / 1000;
  }

  /** Waits until word w reaches epoch e: a spin until `until` (ms), then sleep; returns whether the spin caught it. */
  private waitFor(w: number, e: number, until: number): boolean {
    const ctrl = this.ctrl;
    for (let i = 1; ; i++) {
      if (((Atomics.load(ctrl, w) - e) | 0) >= 0) { this.spun++; return true; }
      if ((i & 31) === 0 && performance.now() > until) break;
    }
    this.slept++;
    const sw = w + 1; // the sleep word of the thread whose epoch is w
    Atomics.add(ctrl, sw, 1);
    for (;;) {
      const cur = Atomics.load(ctrl, w);
      if (((cur - e) | 0) >= 0) break;
      Atomics.wait(ctrl, w, cur, 200);
      if (Atomics.load(ctrl, C_ERROR) !== 0) { Atomics.sub(ctrl, sw, 1); throw new Error('sector scheme: another thread failed'); }
    }
    Atomics.sub(ctrl, sw, 1);
    return false;
  }
}

/** per-thread slots of the shared Float64Array (thread k at k * F_SLOTS) */
export const F_A = 0; // own-domain reduction sum at eta = 0, 1/s
export const F_B = 1; // own-domain oxidation sum at eta = 0, 1/s
export const F_R = 2; // own-domain hop sum, 1/s
export const F_NET = 3; // reductions - oxidations fired by the thread so far
export const F_EVENTS = 4; // events fired so far
export const F_LAST = 5; // kMC time of the last event the thread executed, s (0: none)
export const F_AAVG = 6; // own-domain reduction sum at eta = 0 averaged over the cycle's kMC time, 1/s (sector-worker.ts publish)
export const F_BAVG = 7; // own-domain oxidation sum at eta = 0 averaged over the cycle's kMC time, 1/s
/**
 * a thread's status at every barrier of a phase (sector-worker.ts runPhase): its net count and
 * whether it stopped at its share of the step's remaining voxels (1) or ended its phase (0), two
 * slots each, by the barrier's parity (a slot is written again only after every thread has read it)
 */
export const F_STATUS_NET = 8;
export const F_STATUS_PAUSED = 10;
export const F_SLOTS = 16;

/** Int32 words of one of a thread's two change lists (count, then index and code per changed shared voxel) */
export const LOG_CAPACITY = 1 << 20;

/**
 * twocore69: what a thread records per phase with `waitLog` (SectorWorkerData.waitLog), in this order. Times are ms on a
 * clock every thread of the process shares (process.hrtime, CLOCK_MONOTONIC: a worker's performance.now() has an origin
 * of its own), so one thread's arrival at a barrier can be set against the other's: the phase's start (runPhase called:
 * after the last phase's exchange and, in a cycle's first phase, the cycle's end), the end of its kMC, its arrival at the
 * phase's first barrier, its departure from the phase's last barrier and the end of the others' changes taken; then
 * the seconds it waited at the phase's barriers, the barriers, those at which it slept and those at which it woke the other.
 */
export const WAIT_LOG_FIELDS = ['events', 'expected_events', 't_start_ms', 't_kmc_end_ms', 't_arrive_ms', 't_depart_ms', 't_end_ms', 'wait_s', 'barriers', 'slept', 'notified'] as const;

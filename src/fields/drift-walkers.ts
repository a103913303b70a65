/**
 * Ion walkers on a clock, with migration drift while the current flows (`cell: { transport: walkers,
 * drift: ... }`): the coarse-grained Brownian dynamics of Aryanfar et al., J. Phys. Chem. Lett. 5,
 * 1721 (2014), on the engine's lattice. During a current-on time the ions diffuse and drift along
 * the electric field of the electrode (fields/potential.ts: the connected deposit is one
 * equipotential, so the field converges on tips; Niemeyer, Pietronero and Wiesmann, PRL 52, 1033
 * (1984)); during a rest (open circuit) they only diffuse and none is reduced.
 *
 * Beside the quasi-static walkers (fields/walkers.ts: one walker at a time, no clock), this driver
 * keeps every ion in flight and moves all of them together, one lattice hop each per sweep of
 * duration tau = a^2 / (2 d D) (d = 3, or 2 in an x-z slab), so a rest can catch ions on their way.
 *
 * Hop rule (fixed-time lattice walk with a bias): a walker picks an axis k with probability 1/d and
 * hops +k with probability (1 + b_k)/2, -k with (1 - b_k)/2, with b = a e E / (2 kT). Its mean
 * velocity is then (b/d) a / tau = D e E / kT = mu E exactly (Einstein mobility mu = D e / kT, z = 1)
 * and the spread about the mean grows with D (1 - b_k^2) along k (D within 1 % for |b| <= 0.1; fixed-
 * time lattice walks with larger biases are discussed by Gauthier and Slater, arXiv physics/0411139).
 * |b_k| is clamped at 1 (a field above 2 kT / (e a) per voxel); clamped node-steps are counted.
 *
 * Galvanostat: while the current flows, walkers enter at the inlet plane (`launchGap` layers above
 * the highest deposit, default one box width: there the field and the flux are laterally uniform to
 * exp(-2 pi)) at a uniform random (x, y), at a rate of I / q per second (q: one voxel's charge), by
 * exact accumulation (no random count); a walker that climbs `relaunch` layers above the inlet is
 * put back on it (the bulk beyond). A walker standing on an empty voxel with a conducting solid
 * neighbour is reduced there (sticking probability 1) while the current flows; at rest it only
 * diffuses. Walkers do not exclude each other (dilute ions; no space charge).
 * Sealed electrolyte (`model: { sealed_pores: void }`, `liquid`; branch voidwalk): the liquid a reduction seals off
 * turns VOID at once and is not sticky; a walker standing in it is held (no hop, no reduction, still in flight: the
 * pocket keeps the ions it was sealed with) and walks on if its voxel is ever EMPTY again (docs/model.md E1).
 * The field of the far electrolyte, E0 = J / kappa, is set by the caller through beta0 = a e E0 /
 * (2 kT) (0: no drift). The potential is re-solved every `updateEvery` reductions that add a
 * conductor cell.
 */
import { EMPTY } from '../lattice/voxel.js';
import { VOID } from '../lattice/species.js';
import type { Rng } from '../kmc/rng.js';
import { ElectrodePotential } from './potential.js';
import { StickySites } from './walkers.js';
import { SealedLiquid } from '../apps/liquid.js';

export interface IonCloudOptions {
  /** far-field bias a e E0 / (2 kT) while the current flows (0: pure diffusion) */
  beta0: number;
  /** potential cell edge, voxels (default 2) */
  potentialCell?: number;
  /** reductions between potential solves (default 8) */
  updateEvery?: number;
  /** largest change of u in one SOR sweep at convergence (default 1e-5) */
  tol?: number;
  /** inlet height above the highest deposit, layers (default max(nx, ny)) */
  launchGap?: number;
  /** re-launch height above the inlet, layers (default max(nx, ny)) */
  relaunch?: number;
  /**
   * sealed_pores void (apps/liquid.ts; branch voidwalk): the electrolyte's connectivity over `code`, labelled. The liquid
   * a reduction seals off turns VOID at once (StickySites); a walker standing in it is held (below).
   */
  liquid?: SealedLiquid;
}

export class IonCloud {
  readonly d: number;
  xs = new Int32Array(1024); ys = new Int32Array(1024); zs = new Int32Array(1024);
  /** 1 for a walker that has been in flight during a rest */
  rested = new Uint8Array(1024);
  n = 0;
  /** reductions by walkers that had been in flight during a rest (a diagnostic: no effect on the walk) */
  restedReductions = 0;
  hMax = 0;
  particles = 0;
  steps = 0;
  /** node-steps where the bias hit the clamp |b| = 1 */
  clampedSolveNodes = 0;
  maxBias = 0;
  readonly pot: ElectrodePotential | null;
  private readonly sticky: Uint8Array;
  private readonly bias: Float32Array | null;
  private readonly nx: number; private readonly ny: number; private readonly nz: number; private readonly nxy: number;
  private readonly launchGap: number; private readonly relaunch: number;
  private readonly updateEvery: number;
  private sinceSolve = 0;
  private readonly sites: StickySites;
  /** VOID may stand under a walker (a liquid tracked, or VOID in the codes at construction): the held check runs */
  private readonly mayHold: boolean;

  constructor(readonly code: Uint8Array, readonly size: [number, number, number], private readonly rng: Rng, readonly opts: IonCloudOptions) {
    const [nx, ny, nz] = size;
    this.nx = nx; this.ny = ny; this.nz = nz; this.nxy = nx * ny;
    this.d = ny === 1 ? 2 : 3;
    this.launchGap = opts.launchGap ?? Math.max(nx, ny);
    this.relaunch = opts.relaunch ?? Math.max(nx, ny);
    this.updateEvery = opts.updateEvery ?? 8;
    this.sites = new StickySites(code, size, 6, opts.liquid ?? null);
    this.mayHold = opts.liquid !== undefined || code.includes(VOID);
    this.sticky = this.sites.sticky;
    this.hMax = this.sites.hMax;
    if (opts.beta0 !== 0) {
      this.pot = new ElectrodePotential(size, opts.potentialCell ?? 2, opts.tol ?? 1e-5);
      this.pot.markConductors(code);
      this.bias = new Float32Array(this.pot.grad.length);
      this.resolve();
    } else { this.pot = null; this.bias = null; }
  }

  /** sealed_pores void: liquid voxels sealed off (turned VOID) by reductions in this cloud */
  get sealed(): number { return this.sites.sealed; }

  /** sealed_pores void: walkers in flight standing on VOID (held in sealed liquid) */
  held(): number {
    let k = 0;
    const { nx, nz, nxy, code } = this;
    for (let i = 0; i < this.n; i++) if (this.zs[i]! < nz && code[this.xs[i]! + nx * this.ys[i]! + nxy * this.zs[i]!] === VOID) k++;
    return k;
  }

  /** the inlet plane */
  get inlet(): number { return this.hMax + this.launchGap; }

  private mark(v: number): void { this.sites.mark(v); }

  /** re-solves the potential and the bias per node: b = -beta0 grad u / g_top, clamped to [-1, 1] */
  resolve(): void {
    const pot = this.pot!, bias = this.bias!, g = pot.grad, beta0 = this.opts.beta0;
    pot.solve();
    const s = -beta0 / pot.gTop;
    for (let i = 0; i < g.length; i++) {
      let b = s * g[i]!;
      const ab = b < 0 ? -b : b;
      if (ab > this.maxBias) this.maxBias = ab;
      if (b > 1) { b = 1; this.clampedSolveNodes++; } else if (b < -1) { b = -1; this.clampedSolveNodes++; }
      bias[i] = b;
    }
    this.sinceSolve = 0;
  }

  /** adds a walker at (x, y, z) */
  add(x: number, y: number, z: number): void {
    if (this.n === this.xs.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.xs = grow(this.xs); this.ys = grow(this.ys); this.zs = grow(this.zs);
      const r = new Uint8Array(this.rested.length * 2); r.set(this.rested); this.rested = r;
    }
    this.xs[this.n] = x; this.ys[this.n] = y; this.zs[this.n] = z; this.rested[this.n] = 0; this.n++;
  }

  /** one walker on the inlet plane at a uniform random (x, y) */
  inject(): void {
    this.add(this.rng.int(this.nx), this.ny === 1 ? 0 : this.rng.int(this.ny), this.inlet);
  }

  /** sweeps run so far (time / tau) */
  clock = 0;
  /** set when the last run() was stopped by onStick */
  halted = false;
  /** set when the last run() was stopped by `pause` at a sweep boundary */
  paused = false;

  /**
   * Runs k sweeps (every walker moves once per sweep; the clock advances by one per sweep).
   * `on`: the current flows (drift, reduction); `drift` (default `on`): the walkers drift in the field
   * (a plating step too short to reduce any ion drifts them without reducing). `onStick(v)` after each reduction; true stops the
   * run at once (the walkers not yet moved in that sweep stay where they are; the sweep counts).
   * `pause()` after each whole sweep; true stops the run there (a sweep boundary: a checkpoint can
   * be taken, and run() again continues exactly). Returns the sweeps run.
   */
  run(k: number, on: boolean, onStick?: (v: number) => boolean | void, pause?: () => boolean, drift = on): number {
    this.halted = false; this.paused = false;
    if (this.n === 0) { this.clock += k; return k; }
    if (!on) this.rested.fill(1, 0, this.n);
    for (let s = 0; s < k; s++) {
      this.clock++;
      if (this.sweep(on, drift, onStick)) { this.halted = true; return s + 1; }
      if (this.n === 0) { this.clock += k - s - 1; return k; }
      if (pause?.()) { this.paused = true; return s + 1; }
    }
    return k;
  }

  private sweep(on: boolean, driftOn: boolean, onStick?: (v: number) => boolean | void): boolean {
    const { nx, ny, nz, nxy, code, sticky, rng, d } = this;
    const xs = this.xs, ys = this.ys, zs = this.zs;
    const drift = driftOn && this.pot !== null;
    const bias = this.bias, pot = this.pot;
    const beta0 = this.opts.beta0;
    let i = 0;
    while (i < this.n) {
      let x = xs[i]!, y = ys[i]!, z = zs[i]!;
      if (on && z >= 0 && z < nz) {
        const v = x + nx * y + nxy * z;
        if (sticky[v]) {
          this.sites.deposit(v);
          if (z > this.hMax) this.hMax = z;
          this.particles++;
          const rested = this.rested;
          if (rested[i]) this.restedReductions++;
          // remove walker i (the last takes its place and is moved next)
          this.n--; xs[i] = xs[this.n]!; ys[i] = ys[this.n]!; zs[i] = zs[this.n]!; rested[i] = rested[this.n]!;
          if (pot && pot.addConductor(v) && ++this.sinceSolve >= this.updateEvery) { this.resolve(); }
          if (onStick?.(v) === true) return true;
          continue;
        }
      }
      // sealed_pores void: a walker in liquid that a reduction sealed off is held there (the ion stays in the pocket's
      // liquid: it takes no hop, into VOID or out of it, and no reduction; it walks on if its voxel is joined again)
      if (this.mayHold && z < nz && code[x + nx * y + nxy * z] === VOID) { i++; continue; }
      // bias of this walker's cell (uniform field above the grid)
      let bx = 0, by = 0, bz = 0;
      if (drift) {
        const node = pot!.nodeAt(x, y, z);
        if (node < 0) bz = -beta0;
        else { bx = bias![3 * node]!; by = bias![3 * node + 1]!; bz = bias![3 * node + 2]!; }
      }
      const r = rng.next() * d;
      const axis = r | 0, f = r - axis;
      let x2 = x, y2 = y, z2 = z;
      // axis 0: x, 1: z, 2: y (a 2D slab uses x and z)
      if (axis === 0) { if (f * 2 < 1 + bx) x2 = x + 1 === nx ? 0 : x + 1; else x2 = x === 0 ? nx - 1 : x - 1; }
      else if (axis === 1) { if (f * 2 < 1 + bz) z2 = z + 1; else z2 = z - 1; }
      else { if (f * 2 < 1 + by) y2 = y + 1 === ny ? 0 : y + 1; else y2 = y === 0 ? ny - 1 : y - 1; }
      this.steps++;
      if (z2 > this.inlet + this.relaunch) {
        xs[i] = rng.int(nx); ys[i] = ny === 1 ? 0 : rng.int(ny); zs[i] = this.inlet;
        i++; continue;
      }
      if (!(z2 < 0 || (z2 < nz && code[x2 + nx * y2 + nxy * z2] !== EMPTY))) { x = x2; y = y2; z = z2; }
      xs[i] = x; ys[i] = y; zs[i] = z;
      i++;
    }
    return false;
  }
}

export interface DriftPlatingOptions extends IonCloudOptions {
  /** voxels to deposit */
  target: number;
  /** stop when the highest deposit reaches this layer */
  stopHeight: number;
  /** walkers entering per sweep while the current flows (I tau / q) */
  injectPerSweep: number;
  /** sweeps of current per pulse and of rest after it; offSweeps 0: DC */
  onSweeps: number;
  offSweeps: number;
  /** after each reduction: the voxel, reductions so far, highest layer, sweeps so far; true stops */
  onStick?: (v: number, particles: number, maxZ: number, sweeps: number) => boolean | void;
  /** walkers already in flight when the step starts (left by the previous step or rest) */
  carried?: WalkerPositions;
}

/** Positions of walkers in flight (voxel coordinates). */
export interface WalkerPositions { xs: Int32Array; ys: Int32Array; zs: Int32Array; /** 1: in flight during a rest */ rested?: Uint8Array }

/** the walkers of a cloud still in flight */
function inFlight(cloud: IonCloud): WalkerPositions {
  return { xs: cloud.xs.slice(0, cloud.n), ys: cloud.ys.slice(0, cloud.n), zs: cloud.zs.slice(0, cloud.n), rested: cloud.rested.slice(0, cloud.n) };
}

function addCarried(cloud: IonCloud, w: WalkerPositions | undefined): void {
  if (w) for (let i = 0; i < w.xs.length; i++) { cloud.add(w.xs[i]!, w.ys[i]!, w.zs[i]!); cloud.rested[cloud.n - 1] = w.rested?.[i] ?? 0; }
}

/**
 * A rest at open circuit (a `Rest for ...` step with walkers on a clock): the walkers in flight only
 * diffuse for `sweeps` sweeps; none enters, none drifts, none is reduced. With `beta0` (not 0) the
 * current flows through a plating step too short to reduce an ion (its charge below half a voxel):
 * the walkers drift in the field as in a plating step, and still none enters or is reduced. Returns
 * where they are, the random-walk steps made and the sweeps run. `pause` is asked about every REST_LOOK walker steps
 * (at a sweep boundary), with the sweeps run so far (the caller's progress report: review37); true stops the rest there (`sweeps` then says how many ran). A rest ran its sweeps whole: a
 * `Rest for 60 s` with one walker in flight (about 290 million sweeps of 20 nm voxels) did not see a Ctrl-C for 10 s
 * and then ended the run as finished (mends45). Runs of sweeps in a row are the same walk as one run of them all
 * (none enters or is reduced, so the walkers are the same throughout).
 */
export function restDriftWalkers(code: Uint8Array, size: [number, number, number], rng: Rng, walkers: WalkerPositions, sweeps: number,
  opts: Pick<IonCloudOptions, 'launchGap' | 'relaunch' | 'potentialCell'> & { beta0?: number; pause?: (sweepsDone: number) => boolean } = {}): { walkers: WalkerPositions; steps: number; sweeps: number } {
  const { pause, beta0: b0, ...cloudOpts } = opts;
  const beta0 = b0 ?? 0;
  const cloud = new IonCloud(code, size, rng, { ...cloudOpts, beta0: walkers.xs.length > 0 && sweeps > 0 ? beta0 : 0 });
  addCarried(cloud, walkers);
  let done = sweeps;
  if (cloud.n > 0 && sweeps > 0) {
    const chunk = pause ? Math.max(1, Math.floor(REST_LOOK / cloud.n)) : sweeps;
    done = 0;
    while (done < sweeps) {
      done += cloud.run(Math.min(chunk, sweeps - done), false, undefined, undefined, beta0 !== 0);
      if (done < sweeps && pause?.(done)) break;
    }
  }
  return { walkers: inFlight(cloud), steps: cloud.steps, sweeps: done };
}

/** walker steps between two looks at a rest's `pause` (about 5 ms) */
const REST_LOOK = 2 ** 17;

export interface DriftGrowth {
  particles: number; maxZ: number; steps: number;
  /** sweeps (time / tau), of them at rest */
  sweeps: number; restSweeps: number;
  /** walkers that entered; still in flight at the end */
  injected: number; inFlight: number;
  /** reductions by walkers that had been in flight during a rest */
  restedReductions: number;
  /** sealed_pores void: liquid voxels the growth sealed off (turned VOID), and walkers in flight held in sealed liquid at the end (0 without) */
  sealed: number; held: number;
  /** the walkers still in flight at the end (the next step or rest starts with them) */
  left: WalkerPositions;
  /** potential solves and their SOR sweeps; the largest |b| met; node values clamped at |b| = 1 */
  solves: number; potentialSweeps: number; maxBias: number; clampedNodes: number;
  ended: 'particles' | 'height' | 'stopped';
}

/** What a growth calls back: after each reduction (true stops the growth), and after each whole sweep (true pauses it). */
export interface DriftPlatingHooks {
  /** after each reduction: the voxel, reductions so far, highest layer, sweeps so far; true stops */
  onStick?: (v: number, particles: number, maxZ: number, sweeps: number) => boolean | void;
  /** after each whole sweep: true pauses the growth there (run() returns null; run() again continues) */
  pause?: () => boolean;
}

/**
 * Galvanostatic plating (DC or pulsed) by the cloud of drifting walkers, as an object that holds
 * every part of its state (the cloud with its potential field, and the pulse and entry loop's
 * state), so that it can pause at a sweep boundary, be saved whole with the engine state (a
 * checkpoint: simulation/drift-walker-step.ts) and continue there: pausing changes nothing.
 */
export class DriftPlating {
  readonly cloud: IonCloud;
  /** the current flows (else a pulse's rest) and the sweeps left of this on time or rest (Infinity: DC) */
  on = true; left: number;
  /** entry accumulator (walkers owed, < 1 between entries), walkers entered, sweeps at rest */
  acc = 0; injected = 0; restSweeps = 0;
  /** sweeps still to run of a block without entries whose share of entries is already in `acc` (a pause inside it) */
  blockLeft = 0;
  /** set when onStick stopped the growth */
  stopped = false;
  ended: DriftGrowth['ended'] | null = null;

  constructor(code: Uint8Array, size: [number, number, number], rng: Rng, readonly o: DriftPlatingOptions) {
    if (!(o.injectPerSweep > 0)) throw new RangeError(`walkers entering per sweep must be > 0, got ${o.injectPerSweep}`);
    this.cloud = new IonCloud(code, size, rng, o);
    addCarried(this.cloud, o.carried);
    this.left = o.offSweeps > 0 ? o.onSweeps : Infinity;
  }

  private advance(k: number): void {
    if (!this.on) this.restSweeps += k;
    this.left -= k;
    if (this.left <= 0) { this.on = !this.on; this.left = this.on ? this.o.onSweeps : this.o.offSweeps; }
  }

  /** Runs the growth to its end (returns its figures) or to a pause (returns null; call again to continue). */
  run(h: DriftPlatingHooks = {}): DriftGrowth | null {
    const cloud = this.cloud, o = this.o, nz = cloud.size[2], lam = o.injectPerSweep;
    const onStick = (v: number) => {
      if (h.onStick?.(v, cloud.particles, cloud.hMax, cloud.clock) === true) { this.stopped = true; return true; }
      return cloud.particles >= o.target || cloud.hMax >= o.stopHeight || cloud.hMax + 2 >= nz;
    };
    while (this.ended === null && cloud.particles < o.target) {
      if (cloud.hMax >= o.stopHeight || cloud.hMax + 2 >= nz) { this.ended = 'height'; break; }
      let k: number;
      if (!this.on) k = cloud.run(this.left, false, undefined, h.pause);
      else if (this.blockLeft > 0) { k = cloud.run(this.blockLeft, true, onStick, h.pause); this.blockLeft -= k; }
      else {
        // sweeps until the next entry: the entry happens at the start of the sweep where acc reaches 1
        const need = Math.max(1, Math.ceil((1 - this.acc) / lam));
        if (need > 1) {
          const m = Math.min(need - 1, this.left);
          this.acc += m * lam;
          k = cloud.run(m, true, onStick, h.pause);
          this.blockLeft = m - k;
        } else {
          this.acc += lam;
          while (this.acc >= 1) { cloud.inject(); this.injected++; this.acc -= 1; }
          k = cloud.run(1, true, onStick, h.pause);
        }
      }
      this.advance(k);
      if (cloud.halted) {
        this.ended = this.stopped ? 'stopped' : cloud.particles < o.target ? 'height' : 'particles';
        break;
      }
      if (cloud.paused) return null;
    }
    return this.growth();
  }

  /** the growth's figures now (ended 'stopped' while it has not ended) */
  growth(): DriftGrowth {
    const cloud = this.cloud, pot = cloud.pot;
    return {
      particles: cloud.particles, maxZ: cloud.hMax, steps: cloud.steps, sweeps: cloud.clock, restSweeps: this.restSweeps, injected: this.injected,
      inFlight: cloud.n, restedReductions: cloud.restedReductions, sealed: cloud.sealed, held: cloud.held(), left: inFlight(cloud),
      solves: pot?.solves ?? 0, potentialSweeps: pot?.totalSweeps ?? 0, maxBias: cloud.maxBias, clampedNodes: cloud.clampedSolveNodes,
      ended: this.ended ?? (cloud.particles >= this.o.target ? 'particles' : 'stopped'),
    };
  }
}

/** The classes a saved DriftPlating is made of (a checkpoint restores them into a fresh Simulation, which holds none). */
export const DRIFT_PLATING_CLASSES: readonly (abstract new (...a: never[]) => object)[] = [DriftPlating, IonCloud, ElectrodePotential, StickySites, SealedLiquid];

/** Galvanostatic plating (DC or pulsed) by the cloud of drifting walkers, in one call. */
export function plateByDriftWalkers(code: Uint8Array, size: [number, number, number], rng: Rng, o: DriftPlatingOptions): DriftGrowth {
  return new DriftPlating(code, size, rng, o).run(o.onStick ? { onStick: o.onStick } : {})!;
}

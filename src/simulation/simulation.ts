/**
 * A Simulation ties a resolved run (metal, host, SACs, protocol) to the plating app, the
 * solver and the galvanostat, runs the protocol step by step and records the overpotential
 * trace and the morphology.
 *
 * Clocks. The kMC clock advances by -ln(u)/R per event. In a galvanostatic step the reported
 * time is the galvanostat's: t = |net charge| / I, so that deposited voxels x q equals the
 * integral of I dt exactly (the step ends when the net count reaches round(I T area / q), or
 * the charge the step asks for); the kMC clock is reported beside it (`kmc_time_s`), and it
 * agrees within the Poisson noise of the count. Rest and potentiostatic steps use the kMC clock.
 *
 * Overpotential samples are time-weighted averages (weights = kMC waiting times) over sampling
 * intervals of charge (galvanostatic) or time (other steps), as a cycler samples.
 */
import type { ProtocolEntry, ProtocolStep, ResolvedRun } from '../input/types.js';
import { Rng } from '../kmc/rng.js';
import { PlatingApp, CH_RED, CH_OX, CH_HOP } from '../apps/plating.js';
import { solveOverpotential } from '../electrochem/galvanostat.js';
import { buildLattice, derive, physicsOf, type Derived } from './setup.js';
import type { Grid } from '../lattice/voxel.js';

export interface FlatStep { step: ProtocolStep; index: number; cycle: number; }

export interface TraceColumns {
  time_s: number[];
  kmc_time_s: number[];
  charge_C_per_cm2: number[];
  overpotential_mV: number[];
  step: number[];
  cycle: number[];
}

export interface StepResult {
  index: number;
  cycle: number;
  text: string;
  kind: ProtocolStep['kind'];
  /** net charge passed in the step (reduction positive), C/cm2 */
  charge_C_per_cm2: number;
  /** net voxels deposited (negative when stripped) */
  net_voxels: number;
  duration_s: number;
  kmc_duration_s: number;
  events: number;
  ended: 'charge' | 'time' | 'cutoff' | 'box_full' | 'no_metal' | 'cancelled' | 'stalled' | 'event_limit';
  /** first and last+1 sample index of this step in the trace */
  samples: [number, number];
}

export interface ProgressInfo {
  step: number;
  steps: number;
  stepFraction: number;
  /** overall fraction of the protocol's planned charge/time */
  fraction: number;
  events: number;
  events_per_s: number;
  charge_C_per_cm2: number;
  overpotential_mV: number;
}

export interface SimulationOptions {
  onProgress?: (p: ProgressInfo) => void;
  signal?: AbortSignal;
  /** events between progress callbacks / abort checks */
  chunk?: number;
  /** stop the run after this many events (benchmarks) */
  eventLimit?: number;
}

export function flattenProtocol(entries: ProtocolEntry[]): FlatStep[] {
  const out: FlatStep[] = [];
  let cycle = 0;
  const walk = (list: ProtocolEntry[], inRepeat: boolean) => {
    for (const e of list) {
      if ('repeat' in e) {
        for (let r = 0; r < e.repeat; r++) { cycle++; walk(e.steps, true); }
      } else {
        out.push({ step: e, index: out.length, cycle: inRepeat ? cycle : 0 });
      }
    }
  };
  walk(entries, false);
  return out;
}

export class Simulation {
  readonly run: ResolvedRun;
  readonly d: Derived;
  readonly rng: Rng;
  readonly app: PlatingApp;
  readonly steps: FlatStep[];
  readonly trace: TraceColumns = { time_s: [], kmc_time_s: [], charge_C_per_cm2: [], overpotential_mV: [], step: [], cycle: [] };
  readonly stepResults: StepResult[] = [];
  /** galvanostat/reported clock and kMC clock, s */
  time = 0;
  kmcTime = 0;
  /** net voxels deposited over the run (reductions - oxidations) */
  netVoxels = 0;
  events = 0;
  eta = 0;
  wall_s = 0;
  private readonly totals = new Float64Array(3);
  private cancelled = false;

  constructor(run: ResolvedRun) {
    this.run = run;
    this.d = derive(run);
    this.rng = new Rng(run.seed);
    const { lat, code } = buildLattice(run, this.d, this.rng);
    this.app = new PlatingApp(lat, code, physicsOf(run, this.d), this.rng);
    this.steps = flattenProtocol(run.protocol);
  }

  get grid(): Grid {
    const [nx, ny, nz] = this.run.lattice.size;
    return { nx, ny, nz, cells: this.app.code, voxel_m: this.run.lattice.voxel_m };
  }

  /** cm2 of the box */
  get area_cm2(): number { return this.d.area_m2 * 1e4; }

  /** Runs every step of the protocol. */
  runAll(opts: SimulationOptions = {}): void {
    const t0 = performance.now();
    for (const s of this.steps) {
      if (this.cancelled) break;
      const r = this.runStep(s, opts);
      this.stepResults.push(r);
      if (r.ended === 'cancelled' || r.ended === 'event_limit') { this.cancelled = true; break; }
    }
    this.wall_s = (performance.now() - t0) / 1000;
  }

  private setEta(eta: number): void {
    this.eta = eta;
    const a = this.run.metal.alpha, f = this.d.f_per_V;
    const m = this.app.solver.mult;
    m[CH_RED] = Math.exp(a * f * eta);
    m[CH_OX] = Math.exp(-(1 - a) * f * eta);
  }

  /** Runs one step. Public so that tests and resumable runs can drive steps one by one. */
  runStep(fs: FlatStep, opts: SimulationOptions = {}): StepResult {
    const { step } = fs;
    const app = this.app, solver = app.solver, rng = this.rng, totals = this.totals;
    const q = this.d.q_C, area_m2 = this.d.area_m2, f = this.d.f_per_V, alpha = this.run.metal.alpha;
    const chunk = opts.chunk ?? 200_000;
    const nz = this.run.lattice.size[2];
    const sampleIndex0 = this.trace.time_s.length;
    const startTime = this.time, startKmc = this.kmcTime, startNet = this.netVoxels, startEvents = this.events;
    const galvano = step.control === 'galvanostatic';
    const sign = step.kind === 'strip' ? -1 : 1;
    // target net count and sampling
    let targetCount = Infinity;
    let I_A = 0;
    if (galvano) {
      I_A = step.current_A_per_m2 * area_m2;
      const charges: number[] = [];
      if (step.duration_s !== undefined) charges.push(I_A * step.duration_s);
      if (step.charge_C_per_m2 !== undefined) charges.push(step.charge_C_per_m2 * area_m2);
      if (charges.length > 0) targetCount = Math.max(1, Math.round(Math.min(...charges) / q));
    }
    const r = galvano ? (sign * I_A) / q : 0; // net reductions per second
    const sampleCharge_C = this.run.output.sample_C_per_m2 * area_m2;
    const sampleCount = Math.max(1, Math.round(sampleCharge_C / q));
    const duration = step.duration_s ?? Infinity;
    const sampleTime = galvano ? Infinity : Math.max(duration / 200, 0);
    const fixedEta = step.control === 'potentiostatic' ? -(step.overpotential_V ?? 0) : undefined; // input: WE potential (negative = plating)
    const cutoff = step.cutoff_V;

    let nextSampleCount = sampleCount; // in units of sign*net progress
    let nextSampleTime = this.kmcTime + sampleTime;
    let winEtaDt = 0, winDt = 0;
    let stepNet = 0; // sign-adjusted progress (net reductions for plate, net oxidations for strip)
    let maxProgress = 0;
    let ended: StepResult['ended'] = 'stalled';
    let lastProgressEvents = this.events;
    let lastProgressWall = performance.now();
    const wall0 = performance.now();
    let sinceResum = 0;

    const emit = (tReported: number) => {
      const etaAvg = winDt > 0 ? winEtaDt / winDt : this.eta;
      this.trace.time_s.push(tReported);
      this.trace.kmc_time_s.push(this.kmcTime);
      this.trace.charge_C_per_cm2.push((this.netVoxels * q) / (area_m2 * 1e4));
      // working-electrode overpotential: negative while plating
      this.trace.overpotential_mV.push(-etaAvg * 1e3);
      this.trace.step.push(fs.index);
      this.trace.cycle.push(fs.cycle);
      winEtaDt = 0; winDt = 0;
      return etaAvg;
    };

    for (;;) {
      // --- overpotential for the current rates
      const A = solver.sum[CH_RED]!, B = solver.sum[CH_OX]!, H = solver.sum[CH_HOP]!;
      let eta: number;
      if (fixedEta !== undefined) eta = fixedEta;
      else eta = solveOverpotential(A, B, r, alpha, f);
      if (!Number.isFinite(eta)) { ended = sign < 0 ? 'no_metal' : 'stalled'; break; }
      this.setEta(eta);
      const m = solver.mult;
      totals[0] = A * m[CH_RED]!; totals[1] = B * m[CH_OX]!; totals[2] = H;
      const R = totals[0] + totals[1] + totals[2];
      if (!(R > 0)) { ended = 'stalled'; break; }
      const dt = -Math.log(rng.nextOpen()) / R;
      // time-limited steps (rest/potentiostatic) end at the duration on the kMC clock
      if (!galvano && this.kmcTime + dt - startKmc >= duration) {
        const rem = duration - (this.kmcTime - startKmc);
        winEtaDt += eta * rem; winDt += rem;
        this.kmcTime = startKmc + duration;
        this.time = startTime + duration;
        ended = 'time';
        break;
      }
      this.kmcTime += dt;
      winEtaDt += eta * dt; winDt += dt;
      const e = solver.select(totals, R, rng);
      if (e < 0) { ended = 'stalled'; break; }
      const ch = app.execute(e);
      this.events++;
      if (ch === CH_RED) { this.netVoxels++; stepNet += sign; }
      else if (ch === CH_OX) { this.netVoxels--; stepNet -= sign; }
      if (++sinceResum >= 1 << 16) { solver.resum(); sinceResum = 0; }

      if (galvano) {
        if (stepNet > maxProgress) {
          maxProgress = stepNet;
          if (maxProgress >= nextSampleCount || maxProgress >= targetCount) {
            this.time = startTime + (maxProgress * q) / I_A;
            const etaAvg = emit(this.time);
            nextSampleCount += sampleCount;
            if (cutoff !== undefined && Math.abs(etaAvg) >= cutoff) { ended = 'cutoff'; break; }
          }
          if (maxProgress >= targetCount) { ended = 'charge'; break; }
        }
      } else if (this.kmcTime >= nextSampleTime) {
        this.time = startTime + (this.kmcTime - startKmc);
        emit(this.time);
        nextSampleTime += sampleTime;
      }
      if (app.maxMetalZ >= nz - 2) { ended = 'box_full'; break; }
      if (opts.eventLimit !== undefined && this.events >= opts.eventLimit) { ended = 'event_limit'; break; }
      if (sign < 0 && app.metalCount === 0) { ended = 'no_metal'; break; }
      if (this.events - lastProgressEvents >= chunk) {
        const now = performance.now();
        if (opts.signal?.aborted) { ended = 'cancelled'; break; }
        if (opts.onProgress) {
          const frac = galvano ? Math.min(1, maxProgress / targetCount) : Math.min(1, (this.kmcTime - startKmc) / duration);
          opts.onProgress({
            step: fs.index, steps: this.steps.length, stepFraction: frac,
            fraction: (fs.index + frac) / this.steps.length,
            events: this.events,
            events_per_s: (this.events - lastProgressEvents) / Math.max(1e-9, (now - lastProgressWall) / 1000),
            charge_C_per_cm2: (this.netVoxels * q) / (area_m2 * 1e4),
            overpotential_mV: -this.eta * 1e3,
          });
        }
        lastProgressEvents = this.events;
        lastProgressWall = now;
      }
    }
    // close the step with a final sample if the window has content
    // A galvanostat's clock is its charge counter: the step lasted (net charge) / I, exactly.
    if (galvano) this.time = startTime + (Math.max(0, stepNet) * q) / I_A;
    if (winDt > 0) {
      if (!galvano && ended !== 'time') this.time = startTime + (this.kmcTime - startKmc);
      emit(this.time);
    }
    void wall0;
    const net = this.netVoxels - startNet;
    return {
      index: fs.index,
      cycle: fs.cycle,
      text: step.text,
      kind: step.kind,
      charge_C_per_cm2: (net * q) / (area_m2 * 1e4),
      net_voxels: net,
      duration_s: this.time - startTime,
      kmc_duration_s: this.kmcTime - startKmc,
      events: this.events - startEvents,
      ended,
      samples: [sampleIndex0, this.trace.time_s.length],
    };
  }
}

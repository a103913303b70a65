/**
 * The record of an electrode run (electrode.ts): the trace samples, eta after every step, the peak, and the
 * plateau rule (PlateauRule, electrode-spec.ts): when a run under rule `flat` stops, and the plateau read from
 * the window at the end.
 */
import { InputError } from '../errors.js';
import type { ElectrodeResult, ElectrodeSample, Faradaic, PlateauRule } from './electrode-spec.js';

type FlatRule = Extract<PlateauRule, { rule: 'flat' }>;

export class ElectrodeRecord {
  readonly trace: ElectrodeSample[] = [];
  private readonly nSamples: number;
  private nextSample = 0;
  // samples also at log-spaced times (5 % apart from T * 1e-7): the galvanostatic peak comes in the first milliseconds
  private nextLog: number;
  peak = -Infinity;
  peakT = 0;
  nAtPeak = 0;
  // eta after every step (the plateau window is read from it)
  private readonly histT: number[] = [];
  private readonly histEta: number[] = [];
  /** the run's end: the requested duration T, or under rule `flat` its cap */
  readonly Tend: number;
  stop: ElectrodeResult['plateau_stop'];

  /**
   * @param T the requested duration, s
   * @param samples trace samples kept
   * @param flat rule `flat` (galvanostatic runs only), or undefined for rule `end`
   */
  constructor(private readonly T: number, samples: number, readonly flat: FlatRule | undefined) {
    this.nSamples = samples;
    this.nextLog = T * 1e-7;
    if (flat && !(flat.maxDuration_s >= T)) throw new InputError('plateau.maxDuration_s', flat.maxDuration_s, `a cap of at least the requested duration control.duration_s (${T} s), in s`);
    this.Tend = flat ? flat.maxDuration_s : T;
    this.stop = flat ? 'cap' : 'end';
  }

  /** the state at the start of a step, kept when a sample is due (current: the applied or the faradaic current, A/m2) */
  sample(t: number, eta: number, current: number, F: Faradaic, nReal: number): void {
    const T = this.T;
    if (t >= this.nextSample || (t >= this.nextLog && t < T / this.nSamples)) {
      while (this.nextLog <= t) this.nextLog *= 1.05;
      this.push(t, eta, current, F, nReal);
      if (t >= this.nextSample) this.nextSample += Math.max(T, t) / this.nSamples;
    }
  }

  /** one trace sample: sample() when one is due, and the run's last at its end (ElectrodeRun.result) */
  push(t: number, eta: number, current: number, F: Faradaic, nReal: number): void {
    this.trace.push({ t_s: t, eta_V: eta, current_A_per_m2: current, nuclei_per_m2: nReal, metalArea: F.area, seaEta_V: F.etaEff, seaCurrent_A_per_m2: F.Isea, zoneCover: F.zones, zoneReach_m: F.reach });
  }

  /** eta and the real nuclei after a step ending at t */
  afterStep(t: number, eta: number, nReal: number): void {
    if (eta > this.peak) { this.peak = eta; this.peakT = t; this.nAtPeak = nReal; }
    this.histT.push(t); this.histEta.push(eta);
  }

  /** eta at time x (linear between steps; eta itself before the first step) */
  private etaAt(x: number, eta: number): number {
    const histT = this.histT, histEta = this.histEta;
    let lo = 0, hi = histT.length - 1;
    if (hi < 0) return eta;
    if (x <= histT[0]!) return histEta[0]!;
    while (hi - lo > 1) { const m = (lo + hi) >> 1; if (histT[m]! <= x) lo = m; else hi = m; }
    const t0 = histT[lo]!, t1 = histT[hi]!;
    return t1 > t0 ? histEta[lo]! + ((histEta[hi]! - histEta[lo]!) * (x - t0)) / (t1 - t0) : histEta[hi]!;
  }

  /** rule `flat`, once past the requested duration: why the run stops after the step that ended at t with eta and the
   * metal area `area` (null: it goes on). A method asked at every step, so that the branches first taken late in the
   * run do not send the step's optimised code back to the interpreter (a recompilation of the whole step each time) */
  plateauStop(t: number, eta: number, area: number): ElectrodeResult['plateau_stop'] | null {
    const flat = this.flat;
    if (!flat || t < this.T) return null;
    if (this.peakT < 0.9 * t) {
      if (area >= flat.closedArea) return 'film-closed';
      if (Math.abs(this.etaAt(0.9 * t, eta) - eta) < flat.drift_V) return 'flat';
    } else {
      // no dip (a foil: eta rises to its Butler-Volmer value and stays): flat once eta's whole range over the window is below the threshold
      const histT = this.histT, histEta = this.histEta;
      let lo = Infinity, hi = -Infinity;
      for (let k = histT.length - 1; k >= 0 && histT[k]! >= 0.9 * t; k--) { lo = Math.min(lo, histEta[k]!); hi = Math.max(hi, histEta[k]!); }
      if (hi - lo < flat.drift_V) return 'flat';
    }
    return null;
  }

  /** the plateau of a run that ended at t with eta: the time-weighted mean of eta over the last 10 % (rule `end`: of the
   * requested duration, which is the run), and the drift, eta at the window's start minus eta at the end */
  plateau(t: number, eta: number): { plateau_V: number; drift_V: number } {
    const histT = this.histT, histEta = this.histEta;
    const tail: { t: number; eta: number }[] = [];
    const windowEnd = this.flat ? t : this.T;
    for (let i = 0; i < histT.length; i++) if (histT[i]! >= 0.9 * windowEnd) tail.push({ t: histT[i]!, eta: histEta[i]! });
    let num = 0, den = 0;
    for (let i = 1; i < tail.length; i++) {
      const dtt = tail[i]!.t - tail[i - 1]!.t;
      num += dtt * tail[i]!.eta; den += dtt;
    }
    return { plateau_V: den > 0 ? num / den : eta, drift_V: tail.length ? tail[0]!.eta - eta : 0 };
  }
}

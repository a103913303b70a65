/**
 * The electrode-scale overpotential (MODEL.md 4 and 8.2a): the double-layer potential of a cm2
 * electrode of which the kMC box is one sample.
 *
 * A real electrode averages the faradaic current of ~1e12 boxes; its double layer (C_dl, F/m2)
 * obeys, per unit area,
 *     C_dl d(eta)/dt = j - j_F(eta),   j_F(eta) = (q / area) (A exp(alpha f eta) - B exp(-(1-alpha) f eta)),
 * with A and B the ensemble means of the box's reduction and oxidation rate sums at eta = 0.
 * One box gives one sample of A and B, and its instantaneous values jump by orders of magnitude
 * whenever an adatom appears or leaves (solving eta from them after every event is what biased
 * v1: -25.7 mV on Li foil where Butler-Volmer gives +2.6 mV). The ensemble means are estimated by
 * time averages of the box's A and B (ergodicity): exponential moving averages with time constant
 *     tau_avg = N_AVG / (|r| + k0 nx ny)
 * i.e. about N_AVG faradaic events (k0 nx ny is the exchange rate of the box's footprint, r the
 * applied net rate). The box's discrete charge never enters eta: one voxel's charge would move the
 * double layer of a sub-um box by volts (q / (C_dl area) = 4.9 mV for 48 x 48 atomistic voxels of
 * Li, 0.37 V for 32 x 32 voxels of 10 nm), which is not what a cm2 electrode sees. (An integral
 * controller on the box's own count, tried as well, needs a capacitance thousands of times the
 * physical one in mesoscale boxes and then charges over tens of seconds: it cannot show a
 * nucleation transient.)
 *
 * Integration between updates: A-bar and B-bar are updated exactly for piecewise-constant A, B;
 * eta follows the double-layer equation exactly (Riccati closed form for alpha = 1/2, sub-steps
 * of the linearised equation otherwise) with A-bar, B-bar held at their updated values. The kMC
 * loop holds eta constant between updates; updates happen at every change of A or B and at least
 * every `next - t`, chosen so that eta moves by at most ETA_STEP_V (0.1 mV) and A-bar, B-bar by at
 * most 1/20 of their distance to A, B: the rates the loop draws from are within alpha f 0.1 mV =
 * 0.2 % of the exact time-dependent ones. With C_dl = 0, eta solves j = j_F(eta) with A-bar, B-bar.
 *
 * The box carries its share of the applied current (galvanostatic steps). The averages lag the
 * box's state by about tau_avg; when the state drifts faster than that (Ostwald ripening of small
 * islands on a lithiophobic host, where A and B are large and nearly balanced, so that the applied
 * current is their small difference), a box driven by lagging averages can plate during a strip
 * step until it is full. Two measures keep it honest:
 *  - the averaging window counts N_AVG faradaic events at the present overpotential
 *    (A-bar e^(alpha f eta) + B-bar e^(-(1-alpha) f eta)), not at eta = 0, so it shortens when the
 *    box exchanges fast;
 *  - the rate that charges the double layer is r + D' / tau_fb, where D = r (t - t0) - (net count
 *    since the step began; a galvanostatic step after one of the same kind goes on from the first's t0 and count,
 *    simulation.ts GalvanostatChain, engsplit) is the box's deficit against its share of the current, D' its part beyond
 *    a band of FB_BAND monolayers (smaller deficits are representative: not fed back), and
 *    tau_fb = min(FB_WINDOWS tau_avg, FB_LAYER nx ny / |r|) (at most the time the current takes to
 *    move a quarter monolayer, so that a short step in a small box is followed too). A representative box has |D| of order sqrt(events) and the term
 *    moves eta by well under the averages' own noise; a drifting box is pulled back within a few
 *    tau_fb. (This differs from the integral controller rejected above: the deficit sets a rate,
 *    not a charge on C_dl, so it needs no artificial capacitance.)
 *  - at a current reversal (a galvanostatic step after a plate or strip step of the other sign; `against` >= 0 in
 *    update) the averages are those of the other direction's state, and on a foreign host they can hold the box's
 *    own count against its current for seconds: a lone adatom on Cu adds 1e3-1e4 /s to B while it lasts, its
 *    population follows eta, so B-bar follows the eta the averages gave a window before, and their steady state
 *    barely depends on the sign of the current (Li on Cu, 8 x 8 voxels of 10 nm: -119 mV for the strip's current
 *    against -125 mV for the plate's; the box plated 37 voxels more before it stripped). So in such a step the box's
 *    count is fed back without band while it has moved against its current, and beyond the band while it lags its
 *    share, at the gain of the averages' own exchange: r + sign(r) P E0 / REVERSAL_EVENTS, P those voxels, E0 =
 *    A-bar e^(alpha f eta0) + B-bar e^(-(1-alpha) f eta0) at the eta0 the averages give without the term (at
 *    least |r| + k0 nx ny). eta then moves by about (2 kT / e) ln(1 + P) (alpha 1/2): the box is turned within a few
 *    voxels. (E0 from the eta the term itself gives, as open circuit's N_OC does, grows by a factor P per update:
 *    tried, eta ran to -1.2 V with tau_avg 2e-11 s.) A step in the same direction as the last keeps the first two
 *    measures only: a plate is unchanged by this one. In such a step a box whose double layer settles within one
 *    faradaic event (k f min(alpha, 1 - alpha) > 1, k = q / (C_dl area): one voxel's charge moves it by more than
 *    kT/(e min(alpha, 1 - alpha)); every mesoscale box, k = 0.23 V for 64 x 64 voxels of 25 nm) takes eta quasi-steady
 *    (as C_dl = 0): the pull jumps by the averages' whole exchange whenever P changes by a voxel, and integrating each
 *    jump in ETA_STEP_V steps took 12-90 double-layer updates an event (5.5x the CPU of a wide box's run, dlfast).
 *
 * Three estimators of A and B (run file `electrochem.estimator`; docs/model.md, "What `simulate` reads for
 * SAFe-CVRCS"):
 *  - 'rates' (default): the time averages of the box's rate sums A and B, as above;
 *  - 'events' (opt-in): the realised faradaic events, each reduction an impulse 1/e^(alpha f eta) and each
 *    oxidation 1/e^(-(1-alpha) f eta) at the eta it happened at (the same expectation at a fixed eta), with
 *    a flicker left out: a reduction whose atom (followed through its hops) is oxidised again within the
 *    window's mean time between events (tau_avg / N_AVG) counts in neither direction. The net count is
 *    unchanged by that, so the fixed point is still "the box plates its share"; what goes is the flicker's
 *    exchange, which the rate sums read as an exchange current (a lone atom on a SAC site comes and goes
 *    1e6 times a second: A-bar and B-bar balance at whatever eta the box sits at, and the applied current
 *    moves eta by 3e-5 of them). The averages start from the box's rates with the weight of one event.
 *    Its noise is that of counts (the rate sums average over the box's states): the metal's own foil reads
 *    a nucleation overpotential of 7-18 mV with it (the default: below 2 mV), so it is not the default;
 *  - 'scaled-rates' (opt-in, recommended over 'events' for a SAC box): the default's moving averages of the rate
 *    sums, each multiplied by the window's realised non-flicker share, A-bar (1 - Rf/R) and B-bar (1 - Of/O), with
 *    R, O the decayed sums (over tau_avg) of all reduction and oxidation impulses (as 'events' counts them) and Rf,
 *    Of those of the flicker pairs ('events'' rule); a share is 1 while its sum is 0, so a run starts as the
 *    default does. The expected net rate is the non-flicker one, which is the whole net rate (a flicker pair is net
 *    0); the noise stays the rate sums' where flickers are rare (the metal's own foil reads -1.9 to +1.1 mV).
 *    At a sound overpotential a SAC box still runs every flicker in the kMC: 10-80 CPU s a run where the default's
 *    artefact (eta anodic, the SAC sites hardly reduce) takes about 1 s.
 *
 * Charge: the reported time of a galvanostatic step stays the box's faradaic charge / I (deposited
 * voxels x q == I t exactly, simulation.ts); the kMC clock beside it also contains the time the
 * current spends charging the double layer (C_dl |delta eta| / j: microseconds to milliseconds).
 */
import { solveOverpotential } from './galvanostat.js';
import { TRANSFER_EXPS, transferExps } from './transfer-exps.js';

/** faradaic events in the averaging window of A and B */
export const N_AVG = 50;
/** largest change of eta between two updates of the rates the kMC draws from, V */
export const ETA_STEP_V = 1e-4;
/** the deficit feedback's time constant in averaging windows (tau_fb = FB_WINDOWS tau_avg) */
export const FB_WINDOWS = 5;
/**
 * ... but at most the time the applied current takes to move FB_LAYER of a monolayer of the box's
 * footprint (tau_fb <= FB_LAYER sites / |r|). Measured (Li, 10 nm voxels, 1 mA/cm2, seed 1): a cap of
 * 5 net voxels, whatever the footprint, made the rate that charges the double layer swing by tens of
 * per cent and eta by +-15 mV on the metal's own foil (a 17 mV "nucleation overpotential" on 32 x 32);
 * a quarter monolayer gives -0.4 mV there and still keeps a 10 x 10 strip step on Cu from plating.
 */
export const FB_LAYER = 0.25;
/**
 * Deficits smaller than FB_BAND of a monolayer of the footprint are not fed back: a patch of a real
 * electrode may run ahead of or behind the mean by a fraction of a layer, and the averages' start-up
 * lag (about tau_avg at the first step, while the adatom population of a fresh surface fills in)
 * leaves a deficit of that order. Fed back, it was repaid over tau_fb with eta raised: a false
 * nucleation peak of ~30 mV on the metal's own foil (16 x 16 voxels of 10 nm, Li, 1 mA/cm2).
 * Only a drift beyond the band (a box that plates during a strip step) is pulled back.
 */
export const FB_BAND = 0.25;

/**
 * At a current reversal (a galvanostatic step after a plate or strip of the other sign): faradaic events of the
 * averages' exchange over which one voxel that the box moved against its current, or lagged its share beyond the
 * band, is fed back (DoubleLayer.update; docs/model.md "At a current reversal"). Measured on Li on Cu, 8 x 8 x 8
 * voxels of 10 nm, 0.001 mAh/cm2 plated then stripped, seeds 1-10 without SEI: 1 event, largest excursion against
 * the current 2-3 voxels and the strip's kMC time 1.21-1.50 times its galvanostat time; 5 events, 8 voxels and up to 1.82.
 */
export const REVERSAL_EVENTS = 1;

/** faradaic events over which open circuit (DoubleLayer.openCircuit: every rest) pulls the box's net count back */
export const N_OC = 5;

/** slots of the state array (a Float64Array: the loop reads it at every event, unboxed) */
export const DL_ETA = 0, DL_ABAR = 1, DL_BBAR = 2, DL_T = 3, DL_LASTA = 4, DL_LASTB = 5, DL_NEXT = 6, DL_TAU = 7;
export const DL_SLOTS = 8;
/** extra slots of the 'events' estimator: the decayed sums of reduction and oxidation impulses and of time */
export const DL_SA = 8, DL_SB = 9, DL_ST = 10;
export const DL_SLOTS_EVENTS = 11;
/**
 * extra slots of the 'scaled-rates' estimator: the rate sums' own moving averages, and the decayed sums of the
 * realised reduction and oxidation impulses, all and those of flickers
 */
export const DL_XA = 8, DL_XB = 9, DL_R = 10, DL_RF = 11, DL_O = 12, DL_OF = 13;
export const DL_SLOTS_SCALED = 14;

/**
 * What A-bar and B-bar average: 'rates' the box's reduction and oxidation rate sums (the default);
 * 'events' the realised faradaic events, each reduction counted as 1/e^(alpha f eta) and each
 * oxidation as 1/e^(-(1-alpha) f eta) at the eta it happened at, with a reduction whose atom
 * (followed through its hops) is oxidised again within the window's mean time between events
 * (tau_avg / N_AVG: a flicker, the box back in its state) counted in neither; 'scaled-rates' the rate
 * sums, each scaled by the window's share of realised events that are not flickers.
 */
export type DlEstimator = 'rates' | 'events' | 'scaled-rates';

export interface DoubleLayerConfig {
  /** double-layer capacitance, F/m2 (0: eta algebraic from the averaged rates) */
  C_F_per_m2: number;
  area_m2: number;
  q_C: number;
  alpha: number;
  f_per_V: number;
  /** exchange rate of the box's footprint at eta = 0, 1/s (k0 nx ny) */
  exchangeRate_per_s: number;
  /** lattice sites of the box's footprint (nx ny); without it 20 (a cap and band of 5 net voxels) */
  sites?: number;
  /** voxels of the box (the 'events' and 'scaled-rates' estimators keep each voxel's last reduction) */
  voxels?: number;
  /** what the averages are taken of (default 'rates') */
  estimator?: DlEstimator;
}

export class DoubleLayer {
  readonly cfg: DoubleLayerConfig;
  /** eta, A-bar, B-bar, time of the last update (kMC clock), A and B held since then, next update time */
  readonly s: Float64Array;
  /** 'events' and 'scaled-rates': impulses of the events since the last update (they happened at its time) */
  private pendA = 0;
  private pendB = 0;
  private readonly events: boolean;
  /** 'scaled-rates': the rate sums scaled by the window's realised non-flicker shares */
  private readonly scaled: boolean;
  /** 'scaled-rates': the flicker pairs' reduction and oxidation impulses since the last update */
  private pendRf = 0;
  private pendOf = 0;
  /** 'events', 'scaled-rates': kMC time and impulse of each voxel's last reduction not yet matched (time -1: none) */
  private openT: Float64Array = new Float64Array(0);
  private openImp: Float64Array = new Float64Array(0);
  /** V per unit of net reductions: q / (C_dl area) */
  private readonly k: number;
  /**
   * the double layer settles within one faradaic event (k f min(alpha, 1 - alpha) > 1: one voxel's charge moves it by
   * more than kT/(e min(alpha, 1 - alpha)), every mesoscale box): in a step at a current reversal its eta is taken
   * quasi-steady (update, `against` >= 0)
   */
  private readonly settlesInOneEvent: boolean;
  /** applied net rate of the step, and the rate that charges the double layer (r + D / tau_fb) */
  private r0 = 0;
  private r = 0;

  constructor(cfg: DoubleLayerConfig) {
    this.cfg = cfg;
    this.events = cfg.estimator === 'events';
    this.scaled = cfg.estimator === 'scaled-rates';
    this.s = new Float64Array(this.events ? DL_SLOTS_EVENTS : this.scaled ? DL_SLOTS_SCALED : DL_SLOTS);
    if (this.events || this.scaled) {
      this.openT = new Float64Array(cfg.voxels ?? 0).fill(-1);
      this.openImp = new Float64Array(cfg.voxels ?? 0);
    }
    this.k = cfg.C_F_per_m2 > 0 ? cfg.q_C / (cfg.C_F_per_m2 * cfg.area_m2) : 0;
    this.settlesInOneEvent = this.k * cfg.f_per_V * Math.min(cfg.alpha, 1 - cfg.alpha) > 1;
    this.s[DL_LASTA] = NaN; this.s[DL_LASTB] = NaN;
  }

  get eta(): number { return this.s[DL_ETA]!; }
  get initialised(): boolean { return !Number.isNaN(this.s[DL_LASTA]!); }
  get tau_avg_s(): number { return this.s[DL_TAU]!; }
  /** the averaging window, s (kept in the state array so that a checkpoint resumes it) */
  private get tauAvg(): number { return this.s[DL_TAU]!; }
  private set tauAvg(v: number) { this.s[DL_TAU] = v; }

  /** Starts the averages at the box's current rates (first step of a run); eta 0 (open circuit). */
  init(t: number, A: number, B: number): void {
    const s = this.s;
    s[DL_ABAR] = A; s[DL_BBAR] = B; s[DL_T] = t; s[DL_LASTA] = A; s[DL_LASTB] = B; s[DL_ETA] = 0; s[DL_NEXT] = t;
    if (this.events) this.prior(A, B);
    if (this.scaled) this.restartScaled(A, B);
  }

  /** 'scaled-rates': the rate averages start at A, B with no realised event counted (shares 0: the default's start) */
  private restartScaled(A: number, B: number): void {
    const s = this.s;
    s[DL_XA] = A; s[DL_XB] = B; s[DL_ABAR] = A; s[DL_BBAR] = B;
    s[DL_R] = 0; s[DL_RF] = 0; s[DL_O] = 0; s[DL_OF] = 0;
    this.pendA = 0; this.pendB = 0; this.pendRf = 0; this.pendOf = 0; this.openT.fill(-1);
  }

  /** 'scaled-rates': A-bar and B-bar from the rate averages and the window's non-flicker shares */
  private scaleRates(): void {
    const s = this.s, R = s[DL_R]!, O = s[DL_O]!;
    s[DL_ABAR] = s[DL_XA]! * (R > 0 ? Math.max(0, 1 - s[DL_RF]! / R) : 1);
    s[DL_BBAR] = s[DL_XB]! * (O > 0 ? Math.max(0, 1 - s[DL_OF]! / O) : 1);
  }

  /** 'events': the averages start at the rates A, B with the weight of one event (the time 1 / (A + B)) */
  private prior(A: number, B: number): void {
    const s = this.s, tp = A + B > 0 ? 1 / (A + B) : 1 / Math.max(this.cfg.exchangeRate_per_s, 1e-300);
    s[DL_SA] = A * tp; s[DL_SB] = B * tp; s[DL_ST] = tp; s[DL_ABAR] = A; s[DL_BBAR] = B;
    this.pendA = 0; this.pendB = 0; this.openT.fill(-1);
  }

  /**
   * 'events' and 'scaled-rates' estimators: a faradaic event at the present eta (reduction into, or oxidation of,
   * voxel `site`) at kMC time t, just executed; counted at the next update (at the same kMC time).
   */
  faradaic(t: number, reduction: boolean, site: number): void {
    if (!this.events && !this.scaled) return;
    const s = this.s, c = this.cfg, open = this.openT;
    transferExps(s[DL_ETA]!, c.alpha, c.f_per_V);
    if (reduction) {
      const imp = 1 / TRANSFER_EXPS[3]!;
      this.pendA += imp;
      if (site < open.length) { open[site] = t; this.openImp[site] = imp; }
      return;
    }
    const t0 = site < open.length ? open[site]! : -1;
    if (t0 >= 0) open[site] = -1;
    if (this.scaled) {
      // every oxidation counts in O; a flicker's pair also in the flicker sums (its reduction at its own time)
      const impOx = 1 / TRANSFER_EXPS[4]!;
      this.pendB += impOx;
      if (t0 >= 0 && t - t0 <= this.tauAvg / N_AVG) {
        const imp = this.openImp[site]!;
        this.pendOf += impOx;
        if (t0 > s[DL_T]!) this.pendRf += imp;
        else s[DL_RF] = s[DL_RF]! + imp * Math.exp(-(s[DL_T]! - t0) / this.tauAvg);
      }
      return;
    }
    if (t0 >= 0 && t - t0 <= this.tauAvg / N_AVG) {
      // the oxidation of a voxel reduced into within one event's time: a flicker, counted in neither
      const imp = this.openImp[site]!;
      if (t0 > s[DL_T]!) this.pendA = Math.max(0, this.pendA - imp);
      else s[DL_SA] = Math.max(0, s[DL_SA]! - imp * Math.exp(-(s[DL_T]! - t0) / this.tauAvg));
      return;
    }
    this.pendB += 1 / TRANSFER_EXPS[4]!;
  }

  /** 'events' and 'scaled-rates': an atom hopped from voxel `from` to `to` (a reduction not yet matched moves with it) */
  hop(from: number, to: number): void {
    const open = this.openT;
    if (from < open.length && to < open.length && open[from]! >= 0) {
      open[to] = open[from]!; this.openImp[to] = this.openImp[from]!; open[from] = -1;
    }
  }

  /**
   * Sets the applied net rate (net reductions per second) of a step. `resumed`: the window carries on (a step resumed
   * from a checkpoint, or one that goes on from a galvanostatic step of the same kind: engsplit; until then every step
   * restarted tau_avg at N_AVG / (|r| + k0 nx ny), and a plate written as two steps ran other events after the boundary).
   */
  setRate(r: number, resumed = false): void {
    this.r0 = r; this.r = r;
    if (!resumed || !(this.tauAvg > 0)) this.tauAvg = N_AVG / (Math.abs(r) + this.cfg.exchangeRate_per_s);
  }

  /**
   * Advances to kMC time t: the averages and eta over [last update, t] with the rates held since
   * the last update, then records A, B (the box's rates from t on). Returns eta (V; +-Infinity when
   * no finite eta can carry the current: nothing to reduce or to oxidise). `deficit`: the applied net count since
   * the step began minus the box's; `against` (a galvanostatic step at a current reversal, else -1): the net voxels
   * the box has moved against its current since the step began (>= 0).
   */
  update(t: number, A: number, B: number, deficit = 0, against = -1): number {
    const s = this.s, c = this.cfg;
    if (this.openCircuit && this.r0 === 0) {
      // open circuit: the count held; in a pulse train's rest (trainRest) a box whose double layer holds less than one
      // voxel's charge (quasi-steady below) has its drift pulled back at the gain of the averages' own exchange, as at a
      // current reversal (a voxel per REVERSAL_EVENTS events)
      if (this.trainRest && this.settlesInOneEvent && this.k > 0 && deficit !== 0) this.r = deficit * this.pullGain(0, c.exchangeRate_per_s);
      else this.r = deficit / ((N_OC * this.tauAvg) / N_AVG);
    }
    // the rate that charges the double layer: the applied one plus the box's deficit over tau_fb
    if (this.r0 !== 0) {
      const sites = c.sites ?? 20;
      const band = FB_BAND * sites, excess = deficit > band ? deficit - band : deficit < -band ? deficit + band : 0;
      const fb = excess / Math.min(FB_WINDOWS * this.tauAvg, (FB_LAYER * sites) / Math.abs(this.r0));
      // a step at a current reversal (against >= 0: the net voxels its box moved against its current): the box
      // behind its share by more than the band, or moved against its current at all, is pulled back at the gain
      // of the averages' exchange at the overpotential they give without it (REVERSAL_EVENTS events a voxel),
      // which then replaces the deficit term when the box is behind
      const behind = this.r0 > 0 ? excess : -excess;
      const pull = against < 0 ? 0 : Math.max(against, behind);
      this.r = this.r0 + (pull > 0 && behind > 0 ? 0 : fb);
      if (pull > 0) this.r += (this.r0 > 0 ? pull : -pull) * this.pullGain(this.r, Math.abs(this.r0) + c.exchangeRate_per_s);
    }
    const r = this.r;
    const dt = t - s[DL_T]!;
    // the double layer integrated between updates, or quasi-steady (eta from the averages, as C_dl = 0): at a current
    // reversal in a box whose double layer settles within one faradaic event, where the reversal term's pull moves the
    // charging rate by the averages' whole exchange at every voxel (integrated in ETA_STEP_V steps, 5.5x the CPU of a
    // wide box's run for the same events; docs/model.md "At a current reversal")
    const integrated = this.k > 0 && !((against >= 0 || (this.trainRest && this.openCircuit && this.r0 === 0)) && this.settlesInOneEvent);
    if (this.events) {
      // decayed sums of the impulses and of time (the averages held over [last update, t]: eta integrated with them)
      if (dt > 0) {
        if (integrated) s[DL_ETA] = this.integrate(s[DL_ETA]!, s[DL_ABAR]!, s[DL_BBAR]!, dt);
        const w = Math.exp(-dt / this.tauAvg);
        s[DL_SA] = s[DL_SA]! * w; s[DL_SB] = s[DL_SB]! * w; s[DL_ST] = s[DL_ST]! * w + this.tauAvg * (1 - w);
      }
      s[DL_SA] = s[DL_SA]! + this.pendA; s[DL_SB] = s[DL_SB]! + this.pendB; this.pendA = 0; this.pendB = 0;
      s[DL_ABAR] = s[DL_SA]! / s[DL_ST]!; s[DL_BBAR] = s[DL_SB]! / s[DL_ST]!;
    } else if (this.scaled) {
      // the default's rate averages, the realised impulses' decayed sums, then A-bar and B-bar scaled by the shares
      if (dt > 0) {
        const w = Math.exp(-dt / this.tauAvg);
        const a0 = s[DL_LASTA]!, b0 = s[DL_LASTB]!;
        s[DL_XA] = a0 + (s[DL_XA]! - a0) * w;
        s[DL_XB] = b0 + (s[DL_XB]! - b0) * w;
        s[DL_R] = s[DL_R]! * w; s[DL_RF] = s[DL_RF]! * w; s[DL_O] = s[DL_O]! * w; s[DL_OF] = s[DL_OF]! * w;
      }
      s[DL_R] = s[DL_R]! + this.pendA; s[DL_RF] = s[DL_RF]! + this.pendRf;
      s[DL_O] = s[DL_O]! + this.pendB; s[DL_OF] = s[DL_OF]! + this.pendOf;
      this.pendA = 0; this.pendB = 0; this.pendRf = 0; this.pendOf = 0;
      this.scaleRates();
      if (dt > 0 && integrated) s[DL_ETA] = this.integrate(s[DL_ETA]!, s[DL_ABAR]!, s[DL_BBAR]!, dt);
    } else if (dt > 0) {
      const w = Math.exp(-dt / this.tauAvg);
      const a0 = s[DL_LASTA]!, b0 = s[DL_LASTB]!;
      s[DL_ABAR] = a0 + (s[DL_ABAR]! - a0) * w;
      s[DL_BBAR] = b0 + (s[DL_BBAR]! - b0) * w;
      if (integrated) s[DL_ETA] = this.integrate(s[DL_ETA]!, s[DL_ABAR]!, s[DL_BBAR]!, dt);
    }
    s[DL_T] = t; s[DL_LASTA] = A; s[DL_LASTB] = B;
    if (!integrated) s[DL_ETA] = solveOverpotential(s[DL_ABAR]!, s[DL_BBAR]!, r, c.alpha, c.f_per_V);
    // no finite eta from the averages, although the present rates can carry the current: the
    // averages decayed (to zero, or below what a double can hold) over a stretch in which the box
    // had nothing to react in this direction (metal sealed under SEI, a strip that ended with no
    // path). They carry no information about the box now: restart them from the present rates.
    if (!Number.isFinite(s[DL_ETA]!) && (r > 0 ? A > 0 : r < 0 ? B > 0 : A > 0 || B > 0)) {
      if (this.events) this.prior(A, B); else if (this.scaled) { s[DL_XA] = A; s[DL_XB] = B; this.scaleRates(); } else { s[DL_ABAR] = A; s[DL_BBAR] = B; }
      s[DL_ETA] = solveOverpotential(A, B, r, c.alpha, c.f_per_V);
    }
    const Ab = s[DL_ABAR]!, Bb = s[DL_BBAR]!;
    // the averaging window: N_AVG faradaic events at the present overpotential (at least the rate
    // at which the applied current and the footprint's exchange would give them)
    const eta0 = s[DL_ETA]!;
    // (the two exponentials once, for this and the step below: electrochem/transfer-exps.ts)
    if (Number.isFinite(eta0)) transferExps(eta0, c.alpha, c.f_per_V);
    const faradaic = Number.isFinite(eta0) ? Ab * TRANSFER_EXPS[3]! + Bb * TRANSFER_EXPS[4]! : 0;
    this.tauAvg = N_AVG / Math.max(Math.abs(this.r0) + c.exchangeRate_per_s, Number.isFinite(faradaic) ? faradaic : 0);
    // next update: averages within 1/20 of their distance to A, B; eta within ETA_STEP_V
    let delta = this.tauAvg / 20;
    const eta = s[DL_ETA]!;
    if (integrated && Number.isFinite(eta)) {
      const rate = Math.abs(this.k * (r - Ab * TRANSFER_EXPS[3]! + Bb * TRANSFER_EXPS[4]!)); // eta is eta0
      if (rate * delta > ETA_STEP_V) delta = ETA_STEP_V / rate;
    }
    s[DL_NEXT] = t + delta;
    return eta;
  }

  /**
   * The rate per voxel at which a current reversal (and a pulse train's rest) pulls the box's count back: the averages'
   * exchange A-bar e^(alpha f eta0) + B-bar e^(-(1-alpha) f eta0) at the eta0 they give for net rate r, at least `floor`,
   * over REVERSAL_EVENTS.
   */
  private pullGain(r: number, floor: number): number {
    const s = this.s, c = this.cfg, Ab = s[DL_ABAR]!, Bb = s[DL_BBAR]!, e0 = solveOverpotential(Ab, Bb, r, c.alpha, c.f_per_V);
    const ex = Number.isFinite(e0) ? Ab * Math.exp(c.alpha * c.f_per_V * e0) + Bb * Math.exp(-(1 - c.alpha) * c.f_per_V * e0) : 0;
    return Math.max(floor, ex) / REVERSAL_EVENTS;
  }

  /**
   * Open circuit (every rest: a `Rest for ...` step and a pulse's off time; set per step by
   * simulation/step-parts.ts DoubleLayerStepController): an electrode at open circuit passes no net
   * charge. The double layer is the galvanostat's (time-averaged rates, C_dl integrated between
   * updates: it charges or discharges through the box's own reduction and oxidation, and the
   * reported potential is the electrode-scale one) with no applied current; but the averages lag a
   * box whose rates move faster than tau_avg (after a pulse the concentration near the surface
   * relaxes within milliseconds while tau_avg is ~0.1 s; a fresh surface's adatoms and kinks settle
   * within a fraction of a second), and with nothing to hold it a box driven by lagging averages
   * plates or strips on at open circuit (measured: 15 % of a pulse train's charge in its rests; 24-70
   * net voxels stripped in the first 0.5 s of a rest on the fresh 32 x 32 stepped Li foil, seeds
   * 1-3, docs/engine.md). So at open circuit the box's net count since the rest began (-deficit) is
   * fed back over the time of N_OC faradaic events: the rate that charges the double layer is
   * deficit / (N_OC tau_avg / N_AVG), no band. (Tried first and replaced: eta balancing the box's
   * present rates, as the pulses' rests had it. It holds the count too, but the mean of the
   * balance of spiky present rates is not the balance of their means: +4 to +14 mV per 0.5 s window
   * on the stepped foil whose exact open-circuit potential was within 1 mV, +117 mV on the flat one.)
   * The charge the double layer gives up (C_dl |eta| per unit area) is |eta| / k voxels (k = q / (C_dl area)): under
   * 0.01 voxel on boxes of 100 nm voxels, 0.07 voxel at 25 mV on 32 x 32 voxels of 10 nm (k = 0.37 V); it is not counted
   * (dlaudit: this said "below 0.02 voxel of a mesoscale box").
   */
  openCircuit = false;
  /**
   * A pulse train's off time (set per step by simulation/step-parts.ts; simulation/pulse.ts): the count is held at what
   * the train's on times have passed so far, across its rests, not at each rest's start. A box whose double layer
   * holds less than one voxel's charge (settlesInOneEvent) then takes eta quasi-steady at open circuit and pulls a
   * drift back at the averages' exchange: a rest of milliseconds is far shorter than N_OC's pull (tenths of a second
   * to seconds in such a box), and integrating its double layer in ETA_STEP_V steps took tens of updates an event.
   * Before (review54, session 44): on 8 x 8 voxels of 100 nm, "Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.01
   * mAh/cm2" (0.0025 voxel a pulse) plated 373 voxels for 31 asked: each rest held its own start, every rest's drift
   * was kept, and the averages' open-circuit potential (lone adatoms on Cu: B-bar hundreds of times A-bar) was cathodic.
   * A plain `Rest for ...` keeps the integrated double layer and N_OC (docs/model.md, "Rests").
   */
  trainRest = false;

  /**
   * As update, but with A and B (the box's mean rates over [last update, t], not its rates at the last update) held
   * over that interval: a caller that advances the double layer once per interval and knows the interval's time-averaged
   * sums (the sector scheme's `sums: 'averaged'`, parallel/sector-worker.ts). They are also the rates recorded from t on
   * (a following advance replaces them).
   */
  advance(t: number, A: number, B: number, deficit = 0): number {
    this.s[DL_LASTA] = A; this.s[DL_LASTB] = B;
    return this.update(t, A, B, deficit);
  }

  /** A potentiostatic step holds the double layer at eta (the averages keep running). */
  hold(t: number, A: number, B: number, eta: number): void {
    this.update(t, A, B);
    this.s[DL_ETA] = eta; this.s[DL_NEXT] = Infinity;
  }

  /** eta after dt of C d(eta)/dt = (q/area)(r - Ab e^(a f eta) + Bb e^(-(1-a) f eta)) with Ab, Bb fixed. */
  private integrate(eta0: number, Ab: number, Bb: number, dt: number): number {
    const { alpha, f_per_V: f } = this.cfg, k = this.k, r = this.r;
    if (!Number.isFinite(eta0)) eta0 = solveOverpotential(Ab, Bb, r, alpha, f);
    if (!Number.isFinite(eta0)) return eta0;
    if (alpha === 0.5) {
      // x = e^(f eta / 2): dx/dt = (f k / 2)(r x - Ab x^2 + Bb)
      // x0 is exp(alpha f eta0), which the last update left in TRANSFER_EXPS for this eta (the
      // same double: (0.5 f) eta0 either way); computed here only when another eta came between
      const m = TRANSFER_EXPS;
      const x0 = m[0] === eta0 && m[1] === alpha && m[2] === f ? m[3]! : Math.exp(0.5 * f * eta0), g = 0.5 * f * k;
      if (Ab > 0 && r === 0 && !(Bb > 0)) {
        // open circuit with nothing to oxidise (the roots coincide at 0): dx/dt = -g Ab x^2
        const x = x0 / (1 + g * Ab * x0 * dt);
        return x > 0 ? (2 / f) * Math.log(x) : -Infinity;
      }
      if (Ab > 0) {
        const disc = Math.sqrt(r * r + 4 * Ab * Bb);
        // roots of Ab x^2 - r x - Bb: x1 > 0 (the steady state), x2 <= 0, in stable forms
        const x1 = r >= 0 ? (r + disc) / (2 * Ab) : (2 * Bb) / (disc - r);
        const x2 = r >= 0 ? -(2 * Bb) / (r + disc) : (r - disc) / (2 * Ab);
        const rho = ((x0 - x1) / (x0 - x2)) * Math.exp(-g * Ab * (x1 - x2) * dt);
        const x = (x1 - x2 * rho) / (1 - rho);
        return x > 0 ? (2 / f) * Math.log(x) : -Infinity;
      }
      // no reduction possible: dx/dt = g (r x + Bb)
      const x = r !== 0 ? (x0 + Bb / r) * Math.exp(g * r * dt) - Bb / r : x0 + g * Bb * dt;
      return x > 0 ? (2 / f) * Math.log(x) : -Infinity;
    }
    // general alpha: exponential steps of the equation linearised about the current eta
    let eta = eta0, left = dt;
    for (let guard = 0; left > 0 && guard < 100000; guard++) {
      const ea = Math.exp(alpha * f * eta), eb = Math.exp(-(1 - alpha) * f * eta);
      const g = k * (r - Ab * ea + Bb * eb);
      const dg = k * f * (alpha * Ab * ea + (1 - alpha) * Bb * eb);
      let h = left;
      if (dg > 0) h = Math.min(h, 0.1 / dg);
      if (g !== 0) h = Math.min(h, ETA_STEP_V / 10 / Math.abs(g));
      h = Math.min(left, Math.max(h, dt * 1e-5));
      eta += dg > 0 ? (g / dg) * (1 - Math.exp(-dg * h)) : g * h;
      left -= h;
    }
    return eta;
  }
}

/**
 * `nucleation()`: from a SAC's DFT numbers to the electrode's nucleation overpotential.
 * Atomistic stage (atomistic.ts) -> J(eta) and n*(eta) with intervals (rate.ts) -> electrode
 * stage (electrode.ts). Atomistic results are cached in the store (kind `nucleation-atomistic`),
 * keyed by every number they depend on, so a second call only runs the electrode stage.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.js';
import { loneHopBarrier, runAtomistic, type AtomisticSpec } from './atomistic.js';
import { estimateRate, scanPointText, fitRateLaw, rateFromLaw, type CensoredRate, type CensoringRule, type RateEstimate, type RateLawFit } from './rate.js';
import { simulateElectrode, checkRefine, type ElectrodeResult, type NucleationLaw, type SeaSpec } from './electrode.js';
import { CONST, C_PER_M2_PER_MAH_PER_CM2, TO } from '../units.js';
import { InputError } from '../errors.js';
import { captureErrorEstimate, captureFactorOfRuns, diffusionLength } from './acceleration.js';
import { exchangeRate, resolveStudy, type Study, type StudyInput } from './system.js';
import { DEFAULT_PLATEAU_RULE, parsePlateauRule, plateauSpec, type PlateauRuleName } from './plateau.js';
import { DEFAULT_CAPACITY_C_PER_M2 } from './defaults.js';
import { checkCensoring, checkRequest } from './request.js';
import { FFS_LADDER, FFS_LADDER_EXTENSION, FFS_SCAN, KEPT_TEXT, ffsScan, type FfsPointResult, type FfsRatePoint, type FfsScanEnd, type TailStop } from './ffs-scan.js';
import { DEFAULT_FFS_REPETITIONS, defaultSampler, parseFfsRepetitions, parseFfsThreads, parseSampler, parseTailEnd, usesFfs, type Sampler, type TailEnd } from './sampler.js';
import { FfsStopped } from './ffs.js';
import { FfsPool } from './ffs-pool.js';

export { simulateElectrode, classicalLaw, scharifkerHills, butlerVolmer } from './electrode.js';
export { runAtomistic } from './atomistic.js';
export { estimateRate, fitRateLaw, rateFromLaw, CENSORING_RULES, type CensoringRule } from './rate.js';
export { resolveStudy, parseSacText, parseNamedSacText, ASSUMED_SAC_MOLAR_MASS, NAMED_SAC_KEYS } from './system.js';
export { HOST_REDUCTION_RULES, DEFAULT_HOST_REDUCTION, BRONSTED_BETA, parseHostReduction, type HostReductionRule } from './host-reduction.js';
export type { StudyInput, SacNumbers, NamedSac, Study } from './system.js';
export { PLATEAU_RULES, DEFAULT_PLATEAU_RULE, FLAT_DRIFT_V, FLAT_CLOSED_AREA, FLAT_CAP_C_PER_M2, parsePlateauRule, type PlateauRuleName } from './plateau.js';

/** bump when the atomistic stage changes what it measures (invalidates the cache). 3: J(eta) divided by
 * the lattice capture factor E by default (AtomisticOptions.capture): no v2 law, all uncorrected, is read as a v3 one.
 * 4: the SAC's per-site rate subtracts the host's uncorrected part from the reservoir box rate before dividing
 * by the SAC box's E (v3 subtracted the host's corrected part from the corrected box rate, which scales the host
 * part by E_sac/E_host): no SAC law of v3's formula is read as a v4 one.
 * Not bumped for the default sampler's change (branch ffsdefault, mfpt -> mfpt+ffs with the tail end electrode): the
 * resolved options in the key hold `sampler` and `tailEnd` whenever they are not 'mfpt' / 'floor', so the default's key
 * was never an 'mfpt' key (no box of the old default is read for the new one), an 'mfpt' box keeps its key, and a box
 * stored by an explicit `mfpt+ffs` with the tail end electrode is the new default's, the same computation */
export const ATOMISTIC_VERSION = 4;

export interface AtomisticOptions {
  /** independent runs per overpotential (default 12) */
  runs?: number;
  /** lateral box size, sites (default 16) */
  L?: number;
  /** largest-cluster size a run stops at (default 40) */
  target?: number;
  /** event budget per run (default 200000) */
  maxEvents?: number;
  /** slow-scale elimination of lone host adatoms (default true) */
  reservoir?: boolean;
  /** with the reservoir: divide each overpotential's rate by the lattice capture factor E of capture.ts
   * (the return of emitted adatoms the reservoir forgets; default true; false = the reservoir's own rate,
   * measured 1.05-14.6x too high at lambda 1-100 sites). Always false without the reservoir (plain kMC
   * needs no correction). Part of the cache key, as every option. */
  capture?: boolean;
  /** what a run that did not reach the target within maxEvents counts for (rate.ts CENSORING_RULES): 'drop' (the
   * default: left out of the MFPT, which biases a point with such runs high) or 'survival' (counted to its stop in
   * an exponential survival estimate). Library only; part of the cache key only when not 'drop'. */
  censoring?: CensoringRule;
  seed?: number;
  /** how each overpotential's rate is measured (sampler.ts): 'mfpt+ffs' (the default since branch ffsdefault: the MFPT
   * scan, then FFS below its lowest point, the law fitted on both; with tailEnd 'electrode' by default), 'mfpt' (`runs`
   * runs, MFPT fit: the default before, computing what it did) or 'ffs' (forward flux sampling at every point, ffs-scan.ts).
   * Left out, it is 'mfpt' where the default cannot run: plain kMC (reservoir false) and the atomistic stage without a
   * request (atomisticStage / resolveAtomisticOptions without the request's current and capacity). In the cache key only
   * when not 'mfpt', so every 'mfpt' key is the one of before, and no 'mfpt' box is ever read for another sampler */
  sampler?: Sampler;
  /** where the 'mfpt+ffs' tail ends (sampler.ts TAIL_ENDS; branch ffstail2): 'electrode' (the default for a request since
   * branch ffsdefault: also where the electrode stage at the request's current and capacity no longer reads the next
   * point, and a SAC box after 2 tail points with J_s = 0; see tailStop) or 'floor' (ffs-scan.ts's stops; the default
   * before, and still without a request). The CLI's --tail-end, the server body's tail_end (branch ffsctl); under
   * 'electrode' the key holds the current and capacity (ResolvedAtomisticOptions.tailEnd) and every other input of the
   * electrode reading (atomisticKey) */
  tailEnd?: TailEnd;
  /** forward flux sampling repetitions per overpotential under the samplers 'ffs' and 'mfpt+ffs' (default 4, ffs-scan.ts
   * FFS_SCAN; repetition r runs on the point's seed + r, so 8 hold the default's 4 and 4 more). Library only (branch
   * ffsconv: the convergence check doubles them with `runs`); in the cache key only when not the default */
  ffsRepetitions?: number;
}

/** what the tail end 'electrode' reads the electrode stage at (in the resolved options, so in the cache key) */
export interface TailEndRead { rule: 'electrode'; current_A_per_m2: number; capacity_C_per_m2: number }

/** the method text's part for the FFS sampler (ffs-scan.ts) */
const ffsMethod = (repetitions: number) => `forward flux sampling per overpotential (Allen, Warren and ten Wolde 2005; ffs-scan.ts: ${repetitions} repetitions, t intervals over them, n* where the committor crosses 1/2, E from the clusters kept at the interface nearest n*)`;
const MFPT_METHOD = 'MFPT analysis (Wedekind et al. 2007)';
/** the method text's sampler part */
const samplerMethod = (sampler: Sampler, repetitions: number): string => sampler === 'mfpt' ? MFPT_METHOD : sampler === 'ffs' ? ffsMethod(repetitions)
  : `${MFPT_METHOD} down to the lowest overpotential that nucleated within the event budget, then ${ffsMethod(repetitions).replace('per overpotential', 'in 5 mV steps below it')}; the law fitted on both`;

/** the options a scan ran with: every default filled in; `censoring` only when not the default 'drop', `sampler` only
 * when not 'mfpt', `tailEnd` only when 'electrode' and `ffsRepetitions` only when not the default 4, so that an 'mfpt'
 * scan's cache key and output are the ones from before the options (and from before 'mfpt+ffs' became the default) */
export type ResolvedAtomisticOptions = Required<Omit<AtomisticOptions, 'censoring' | 'sampler' | 'tailEnd' | 'ffsRepetitions'>> & { censoring?: Exclude<CensoringRule, 'drop'>; sampler?: Exclude<Sampler, 'mfpt'>; tailEnd?: TailEndRead; ffsRepetitions?: number };

export interface RatePoint extends RateEstimate {
  eta_V: number;
  /** nucleation rate per site (host box) or per SAC site (SAC box, host part subtracted), 1/s; with
   * the capture correction divided by capture_factor: the host box's rate, or the SAC box's rate minus
   * the host's uncorrected part (scan); rate_per_s and its interval stay the reservoir box's own MFPT
   * rate, as measured */
  J_per_site_s: number;
  /** the capture factor E this point's box rate was divided by (capture.ts, from its own runs' largest
   * cluster at n* on the infinite plane); 1 when the correction is off */
  capture_factor: number;
  /** the lone host adatom's diffusion length at this overpotential, sites (the lambda E is taken at) */
  lambda_sites: number;
  events: number;
  /** with censoring 'survival' only: the runs that ran out of budget and the exposures the rate was taken from */
  censoredRate?: CensoredRate;
}

export interface AtomisticData {
  key: string;
  options: ResolvedAtomisticOptions;
  /** tail: under the tail end 'electrode' only (branch ffsfix), how the box's tail ended */
  host: { points: RatePoint[]; law: RateLawFit | null; tail?: TailEndRecord };
  /** refined: the sampler 'mfpt''s refinement of a SAC box without a law (mends110), when it ran */
  sac: { points: RatePoint[]; law: RateLawFit | null; sameAsHost: boolean; tail?: TailEndRecord; refined?: SacRefinement } | null;
  events: number;
  wall_s: number;
  /** the model numbers of the box(es), as --list-cached prints them (mends81: two user sets of one name and other numbers
   * were listed as the same system); absent from entries cached before */
  numbers?: CachedNumbers;
}

/** The model bindings a cache entry was computed for: the host's, and the SAC's with its reduction shift and migration barrier. */
export interface CachedNumbers { host_eV: number; sac_eV?: number; sacRedShift_eV?: number; sacMigration_eV?: number }

function cachedNumbers(s: Study): CachedNumbers {
  return { host_eV: s.hostBinding_eV, ...(s.sac ? { sac_eV: s.sac.binding_eV, sacRedShift_eV: s.sac.redShift_eV } : {}),
    ...(s.sac?.migration_eV !== undefined ? { sacMigration_eV: s.sac.migration_eV } : {}) };
}

/** the request's current and capacity, which the tail end 'electrode' reads the electrode stage at */
export type ElectrodeRead = Omit<TailEndRead, 'rule'>;

/** every default filled in (the options the cache key and the report hold); throws the one-line InputError of a bad
 * capture, censoring, sampler, tail end or FFS repetitions (read: the request's current and capacity, needed by the tail end 'electrode') */
export function resolveAtomisticOptions(o: AtomisticOptions = {}, read?: ElectrodeRead): ResolvedAtomisticOptions { return defaults(o, read); }

function defaults(o: AtomisticOptions, read?: ElectrodeRead): ResolvedAtomisticOptions {
  // a library caller's 'off' (the CLI's word) is truthy and used to switch the correction on, unchecked
  if (o.capture !== undefined && typeof o.capture !== 'boolean') throw new InputError('atomistic.capture', o.capture, 'true or false (divide J(eta) by the lattice capture factor; default true)');
  checkCensoring(o.censoring);
  const reservoir = o.reservoir ?? true;
  // the default (mfpt+ffs, tail end electrode) needs the elimination and a request to read the electrode stage at; 'mfpt' where it has neither (sampler.ts defaultSampler)
  const sampler = o.sampler === undefined ? defaultSampler(reservoir, read !== undefined) : parseSampler('atomistic.sampler', o.sampler);
  // FFS restarts runs from column heights, the whole state only with the reservoir (atomistic.ts, "Starting from a state")
  if (usesFfs(sampler) && !reservoir) throw new InputError('atomistic.sampler', sampler, "'mfpt' with plain kMC (reservoir false): forward flux sampling restarts runs from column heights, the whole Markov state only with the reservoir");
  // the tail end 'electrode' (the default of 'mfpt+ffs') reads the request's current and capacity: 'floor' without a request
  const tailEnd = o.tailEnd === undefined && !read ? 'floor' : parseTailEnd('atomistic.tailEnd', o.tailEnd, sampler);
  if (tailEnd === 'electrode' && !read) throw new InputError('atomistic.tailEnd', tailEnd, "'floor' or left out when the atomistic stage runs without a request ('electrode' reads the electrode stage at the request's current and capacity)");
  const ffsRepetitions = parseFfsRepetitions('atomistic.ffsRepetitions', o.ffsRepetitions, sampler);
  const base = { runs: o.runs ?? 12, L: o.L ?? 16, target: o.target ?? 40, maxEvents: o.maxEvents ?? 200000, reservoir, capture: reservoir && (o.capture ?? true), seed: o.seed ?? 1 };
  return { ...base, ...(o.censoring === undefined || o.censoring === 'drop' ? {} : { censoring: o.censoring }), ...(sampler === 'mfpt' ? {} : { sampler }),
    ...(tailEnd === 'electrode' && read ? { tailEnd: { rule: 'electrode' as const, current_A_per_m2: read.current_A_per_m2, capacity_C_per_m2: read.capacity_C_per_m2 } } : {}),
    ...(ffsRepetitions === DEFAULT_FFS_REPETITIONS ? {} : { ffsRepetitions }) };
}

function baseSpec(s: Study, o: ResolvedAtomisticOptions, eta: number, withSac: boolean): Omit<AtomisticSpec, 'seed'> {
  const c = Math.floor(o.L / 2) * o.L + Math.floor(o.L / 2);
  return {
    L: o.L, T_K: s.T_K, eta_V: eta, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV,
    sacBinding_eV: withSac && s.sac ? s.sac.binding_eV : s.hostBinding_eV,
    sacRedShift_eV: withSac && s.sac ? s.reduction.sac_eV ?? s.sac.redShift_eV : 0,
    hostRedShift_eV: s.reduction.host_eV,
    terraceBarrier_eV: s.terraceBarrier_eV, nu_per_s: s.nu_per_s, k0_per_s: exchangeRate(s), alpha: s.alpha,
    ...(withSac && s.sac?.migration_eV !== undefined ? { sacMigration_eV: s.sac.migration_eV } : {}),
    sacSites: withSac ? [c] : [], reservoir: o.reservoir, target: o.target, maxTime_s: 1e6, maxEvents: o.maxEvents,
  };
}

/** The atomistic spec the scan builds for a study at eta (the host box, or the SAC box with one SAC site in the middle),
 * without its seed: forward flux sampling (ffs.ts) and the studies run the very boxes the scan runs. */
export function atomisticSpecOf(s: Study, opts: AtomisticOptions, eta_V: number, withSac: boolean): Omit<AtomisticSpec, 'seed'> {
  return baseSpec(s, defaults(opts), eta_V, withSac);
}

/**
 * Scans the overpotential downwards in 10 mV steps from where the lone-adatom coverage is about
 * 1 % (nucleation is then barrierless in a 16 x 16 box) until fewer than 3/4 of the runs reach
 * the target within their event budget; keeps the activated points (0.75 of the runs reach it,
 * the fitted n* is at least 1.5 atoms and below 3/4 of the target, and the MFPT curve has its
 * plateau: tau(target) <= 1.5 tau_J).
 */
/** a point counts as activated when the largest cluster reaches the target within this factor of the nucleation time */
export const ACTIVATED_PLATEAU_RATIO = 1.5;

/** A stop request the atomistic stage reads between its runs (the workbench's cancel flag). */
export interface StopSignal { readonly aborted: boolean }

/** Thrown when a StopSignal stopped the atomistic stage; the unfinished scan's finished points are kept (pointMemo), not its box. */
export class NucleationCancelled extends Error {
  constructor() { super('nucleation: cancelled'); this.name = 'NucleationCancelled'; }
}

/**
 * The finished points of a box's scan, kept in the store while the scan runs (kind POINT_KIND, named by the box's cache
 * key, host or SAC, and the point: `mfpt/<eta>` the estimate and capture factor of the MFPT runs, `ffs/<eta>/<ladder>`
 * an FFS point), so that a scan stopped before its end (Ctrl-C, a cancelled job, a killed process) goes on from them:
 * a point kept is read instead of run, and every decision after it (which point is next, where a tail ends) is made
 * from the same numbers, so the answer is the one of a scan never stopped (test/nucleation-cli.test.ts). Until mends79
 * a stopped scan lost every point it had finished (review64: a SAC's minutes). Deleted when the box is saved. Numbers
 * that are not finite (NaN intervals) are kept as such: JSON would turn them into null, and null < x is true.
 */
export const POINT_KIND = 'nucleation-point';
export interface PointMemo { get(part: string): unknown; put(part: string, v: unknown): void }
const packNonFinite = (v: unknown): unknown => typeof v === 'number' ? (Number.isFinite(v) ? v : { $nonFinite: String(v) })
  : Array.isArray(v) ? v.map(packNonFinite) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, packNonFinite(x)])) : v;
const unpackNonFinite = (v: unknown): unknown => Array.isArray(v) ? v.map(unpackNonFinite)
  : v && typeof v === 'object' ? (typeof (v as { $nonFinite?: unknown }).$nonFinite === 'string' && Object.keys(v).length === 1 ? Number((v as { $nonFinite: string }).$nonFinite)
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unpackNonFinite(x)]))) : v;
export function pointMemo(store: Store | undefined, boxKey: string, box: 'host' | 'sac', label: string): PointMemo | undefined {
  if (!store) return undefined;
  const name = (part: string) => `${boxKey}/${box}/${part}`;
  return {
    get: (part) => { const r = store.getParamSet(POINT_KIND, name(part)); return r ? unpackNonFinite(r.data) : undefined; },
    put: (part, v) => store.saveParamSet(POINT_KIND, name(part), packNonFinite(v), `a finished point of the ${box} box of ${label} (kept until the box is saved)`),
  };
}

/**
 * hostLawRes: in the SAC scan, the host's law of the reservoir's own (uncorrected) per-site rate,
 * J_per_site_s x capture_factor (the host's law itself when the correction is off).
 */
function scanStart(s: Study): number {
  const kT = CONST.kB_eV * s.T_K;
  return Math.max(0.02, Math.round((3 * s.bond_eV - s.hostBinding_eV + kT * Math.log(0.01)) * 100) / 100);
}

function scan(s: Study, o: ResolvedAtomisticOptions, withSac: boolean, hostLawRes: RateLawFit | null, progress?: (m: string) => void, signal?: StopSignal, hostPoints: readonly RatePoint[] = [], pool?: FfsPool, memo?: PointMemo): { points: RatePoint[]; events: number; tail?: TailEndRecord; refined?: SacRefinement } {
  // forward flux sampling (ffs-scan.ts) from start_V; the host part of a SAC box from the host's point at the same eta
  const ffs = (start_V: number, tail: boolean, stop?: TailStop) => {
    try {
      // the tail end 'electrode' (branch ffsfix): each tail point's ladder reaches past twice the previous point's n*
      const ladderMax = o.tailEnd ? { ladderMax: (pts: readonly FfsRatePoint[]) => tailLadderMax(pts[pts.length - 1]?.nStar ?? NaN) } : {};
      return ffsScan((eta) => baseSpec(s, o, eta, withSac), start_V, { ...o, tail, ...(stop ? { stop } : {}), ...ladderMax, ...(pool ? { pool } : {}), ...(memo ? { memo: memo as { get(part: string): FfsPointResult | undefined; put(part: string, p: FfsPointResult): void } } : {}) }, withSac,
        withSac ? { points: hostPoints, lawRes: hostLawRes ? (eta) => rateFromLaw(hostLawRes, eta) : null } : null, progress, signal,
        { ...FFS_SCAN, repetitions: o.ffsRepetitions ?? DEFAULT_FFS_REPETITIONS });
    } catch (e) { if (e instanceof FfsStopped) throw new NucleationCancelled(); throw e; }
  };
  if (o.sampler === 'ffs') return ffs(scanStart(s), false);
  const m = mfptScan(s, o, withSac, hostLawRes, progress, signal, memo);
  if (o.sampler !== 'mfpt+ffs' || !m.points.length) return m;
  // the tail: FFS in 5 mV steps below the MFPT scan's lowest activated point, until ffsScan's stop rule
  const lowest = Math.min(...m.points.map((p) => p.eta_V));
  const readings: TailReading[] = [];
  const stop = o.tailEnd ? tailStop(s, o, o.tailEnd, withSac, m.points, withSac ? lawOf(hostPoints, o.sampler) : null, progress, (r) => readings.push(r)) : undefined;
  const t = ffs(Math.round((lowest - 0.005) * 1000) / 1000, true, stop);
  const points = [...m.points, ...t.points];
  if (!o.tailEnd) return { points, events: m.events + t.events };
  const tail = tailEndRecord(t.points, t.end, readings);
  if (tail.open) progress?.(`${withSac ? 'SAC' : 'host'} tail open: ${tail.why}; the electrode reads ${tail.law_mV === null ? 'no law yet' : `${tail.law_mV.toFixed(3)} mV with the law extrapolated below ${tail.at_mV} mV, ${tail.cut_mV!.toFixed(3)} mV with J${withSac ? '_s' : ''} = 0 there`}`);
  return { points, events: m.events + t.events, tail };
}

/** one rule (a) reading of the tail end 'electrode' (tailStop): the tail's lowest point and the electrode's nucleation
 * overpotential with the law extrapolated below it and with J cut to 0 there */
export interface TailReading { low_V: number; law_mV: number; cut_mV: number }

/** how a box's tail ended under the tail end 'electrode' (branch ffsfix; stored with the box, in the report's J_eta) */
export interface TailEndRecord {
  /** the lowest tail point, mV (null: the tail kept no point) */
  at_mV: number | null;
  /** 'rule (a)' (the electrode reading converged), 'rule (b)' (a SAC box not told apart), or ffs-scan.ts's own stop:
   * 'floor' (1e-13 /s per site), 'not-activated' (the next point failed or had n* unresolved), 'grid-bottom' (10 mV), 'no-point' */
  by: 'rule (a)' | 'rule (b)' | Exclude<FfsScanEnd['by'], 'stop'>;
  why: string;
  /** rule (a)'s reading at the lowest point (law extrapolated below it / J cut to 0 there), mV; null when none was made there */
  law_mV: number | null; cut_mV: number | null;
  /** the electrode's answer still depends on what lies below the lowest point: the grid ended by its own stop while the
   * reading there was TAIL_READ_V or more apart (or none was made); the answer reads the law extrapolated below it */
  open: boolean;
}

/** the record of a tail's end from its points, ffsScan's end and rule (a)'s readings */
export function tailEndRecord(tail: readonly RatePoint[], end: FfsScanEnd, readings: readonly TailReading[]): TailEndRecord {
  const low = tail[tail.length - 1]?.eta_V;
  const r = low === undefined ? undefined : readings.filter((x) => Math.abs(x.low_V - low) < 1e-9).pop();
  const read = { law_mV: r?.law_mV ?? null, cut_mV: r?.cut_mV ?? null };
  const at_mV = low === undefined ? null : Math.round(low * 1e4) / 10;
  const closed = r !== undefined && Math.abs(r.law_mV - r.cut_mV) < TAIL_READ_V * 1e3;
  if (end.by === 'stop') return { at_mV, by: closed ? 'rule (a)' : 'rule (b)', why: end.why, ...read, open: false };
  return { at_mV, by: end.by, why: end.why, ...read, open: !closed };
}

/** the tail end 'electrode' (branch ffsfix): the largest ladder a tail point may use, atoms (FFS_LADDER_EXTENSION's last) */
export const TAIL_LADDER_CAP = 160;

/** the ladder's last interface for a tail point under the tail end 'electrode', from the previous tail point's n*: the
 * default (FFS_SCAN.ladderMax, 80) while 2 n* is at most that, else the first interface at or past 2 n*, at most
 * TAIL_LADDER_CAP. Why: the grid ended at the ladder's own end (Na on N-graphene: n* 48 at 35 mV with B at 80, so 30 mV
 * had n* not resolved below B) before rule (a) was met */
export function tailLadderMax(prevNStar: number): number {
  const base = FFS_SCAN.ladderMax;
  if (!(2 * prevNStar > base)) return base;
  return [...FFS_LADDER, ...FFS_LADDER_EXTENSION].find((x) => x >= Math.min(TAIL_LADDER_CAP, 2 * prevNStar)) ?? TAIL_LADDER_CAP;
}

/** the tail end 'electrode''s rules in its cache key: 2 = branch ffsfix (absent = branches ffstail2 to ffslit) */
export const TAIL_RULES = 2;

/** the tail end 'electrode': a SAC box's tail stops after this many tail points in a row with J_s = 0 (rule b) */
export const TAIL_ZERO_RUN = 2;
/** ... and any box's tail once cutting its J to 0 below its lowest point moves the electrode's nucleation overpotential by less than this, V (rule a) */
export const TAIL_READ_V = 1e-4;

/**
 * The tail end 'electrode' (docs/nucleation-history.md, "A cheaper end"): after each tail point, (b) a SAC box stops after
 * TAIL_ZERO_RUN tail points in a row with J_s = 0 (not told apart from the host); (a) with the box's law fitted on its
 * points so far (lawOf, as the final law), the electrode stage at the request's current and capacity (plateau rule
 * flat, phantom zones, refine 1) is run with that law extrapolated below the tail's lowest point and with the box's own
 * J cut to 0 there (host box: the host alone; SAC box: the host's final law kept, the SAC sites nucleating as host
 * sites there); the tail stops when the two nucleation overpotentials differ by less than TAIL_READ_V. No law yet: go on.
 */
export function tailStop(s: Study, o: ResolvedAtomisticOptions, read: TailEndRead, withSac: boolean, above: readonly RatePoint[], hostLaw: RateLawFit | null, progress?: (m: string) => void, onReading?: (r: TailReading) => void): TailStop {
  return (tail) => {
    if (withSac && tail.length >= TAIL_ZERO_RUN && tail.slice(-TAIL_ZERO_RUN).every((p) => p.J_per_site_s === 0)) return `${TAIL_ZERO_RUN} tail points in a row with J_s = 0 (the SAC site not told apart from the host)`;
    const pts = [...above, ...tail];
    const own = lawOf(pts, o.sampler);
    if (!own || (withSac && !hostLaw)) return null;
    const low = tail[tail.length - 1]!.eta_V;
    const law = withSac ? lawOfFits(hostLaw!, own, sacZeroBelow(pts)) : lawOfFits(own, null);
    const cut: NucleationLaw = withSac ? { ...law, sacRate: (eta) => (eta < low ? law.hostRate(eta) : law.sacRate(eta)) }
      : { ...law, hostRate: (eta) => (eta < low ? 0 : law.hostRate(eta)), sacRate: (eta) => (eta < low ? 0 : law.sacRate(eta)) };
    const t0 = process.cpuUsage();
    const mV = (l: NucleationLaw) => simulateElectrode(electrodeSpec(s, l, read.current_A_per_m2, read.capacity_C_per_m2, DEFAULT_PLATEAU_RULE, { hostOnly: !withSac })).nucleation_overpotential_V * 1e3;
    const whole = mV(law), cutMv = mV(cut);
    const c = process.cpuUsage(t0);
    onReading?.({ low_V: low, law_mV: whole, cut_mV: cutMv });
    const said = `the electrode reads ${whole.toFixed(3)} mV with the law extrapolated below ${(low * 1e3).toFixed(0)} mV, ${cutMv.toFixed(3)} mV with J${withSac ? '_s' : ''} = 0 there`;
    progress?.(`${withSac ? 'SAC' : 'host'} tail end: ${said} (${((c.user + c.system) / 1e6).toFixed(2)} CPU s for the two electrode runs)`);
    return Math.abs(whole - cutMv) < TAIL_READ_V * 1e3 ? `${said}, less than ${TAIL_READ_V * 1e3} mV apart` : null;
  };
}

function mfptScan(s: Study, o: ResolvedAtomisticOptions, withSac: boolean, hostLawRes: RateLawFit | null, progress?: (m: string) => void, signal?: StopSignal, memo?: PointMemo): { points: RatePoint[]; events: number; refined?: SacRefinement } {
  const start = scanStart(s);
  const points: RatePoint[] = [];
  let events = 0;
  const sites = o.L * o.L;
  /** one overpotential of the scan: its runs (or the point a stopped scan kept), whether 3/4 of them reached the target, and its point when activated */
  const measure = (eta: number): { reached: boolean; point: RatePoint | null } => {
    const spec = baseSpec(s, o, eta, withSac);
    // a point a stopped scan finished (mends79): its estimate and capture factor, what the rest reads of its runs
    const kept = memo?.get(`mfpt/${eta}`) as { est: ReturnType<typeof estimateRate>; evs: number; cap: { E: number; lambda_sites: number } } | undefined;
    const runs = [];
    if (!kept) {
      for (let r = 0; r < o.runs; r++) {
        if (signal?.aborted) throw new NucleationCancelled(); // between runs: at most one run's events (<= maxEvents) late
        // recordClusters changes no random draw: the same runs as without the correction
        const run = runAtomistic({ ...spec, seed: o.seed * 100003 + r + Math.round(eta * 1e4) * 7919, ...(o.capture ? { recordClusters: true } : {}) });
        runs.push(run);
      }
    }
    const est = kept?.est ?? estimateRate(runs, o.target, 40, o.seed, o.censoring ?? 'drop');
    const evs = kept?.evs ?? runs.reduce((a, r) => a + r.events, 0);
    events += evs;
    const activated = est.reached >= 0.75 * o.runs && est.nStar >= 1.5 && est.nStar <= 0.75 * o.target && est.plateauRatio <= ACTIVATED_PLATEAU_RATIO;
    // the capture factor of this point's own runs (only where the point is kept: it costs a few lattice
    // Green's functions per run). The correction is applied here, on the runs, before the ln J fit, and the
    // cache holds the corrected points: the switch is part of the cache key (atomisticKey), so the clusters
    // the factor needs are never stored, and a cached law is always of the switch it was asked with.
    const cap = kept?.cap ?? (o.capture && activated ? captureFactorOfRuns(spec, runs, est.nStar) : { E: 1, lambda_sites: diffusionLength(spec).lambda_sites });
    if (!kept) memo?.put(`mfpt/${eta}`, { est, evs, cap });
    // a SAC site's own rate. The SAC box's reservoir rate is the host sites' part plus the SAC's, each
    // overestimated by its own factor: box_res = E_h (L^2 - 1) J_h + E_s J_s = (L^2 - 1) J_h,res + E_s J_s,
    // so J_s = (box_res - (L^2 - 1) J_h,res) / E_s, with J_h,res from the host's uncorrected law. Kept only
    // where the box rate's lower 95 % bound is above the host's reservoir part (both as the reservoir
    // measures them, no factor involved; otherwise the SAC is not told apart from a host site: 0).
    // Subtracting the corrected host part from box_res / E_s instead scales the host part by E_s / E_h,
    // two independently measured factors (Li on N-graphene + Zn-N4 at 100 mV: E_h 30.5, E_s 35.7).
    const hostPartRes = withSac && hostLawRes ? rateFromLaw(hostLawRes, eta) * (sites - 1) : 0;
    const J = withSac ? (est.rateLo_per_s > hostPartRes ? (est.rate_per_s - hostPartRes) / cap.E : 0) : est.rate_per_s / cap.E / sites;
    progress?.(`${scanPointText(withSac ? 'SAC' : 'host', eta, est)}${est.censoredRate && est.reached > 0 ? ` (survival; drop rule ${est.censoredRate.dropRate_per_s.toExponential(2)} /s)` : ''}${o.capture && activated ? `, capture factor ${cap.E.toFixed(2)}` : ''}${kept ? KEPT_TEXT : ''}`);
    const reached = est.reached >= 0.75 * o.runs;
    return { reached, point: reached && activated ? { ...est, eta_V: eta, J_per_site_s: J, capture_factor: cap.E, lambda_sites: cap.lambda_sites, events: evs } : null };
  };
  let bottom = 0; // the overpotential the scan stopped at (fewer than 3/4 of the runs reached the target), 0 if none
  for (let eta = start; eta >= 0.0099; eta = Math.round((eta - 0.01) * 1000) / 1000) {
    const m = measure(eta);
    if (!m.reached) { bottom = eta; break; }
    if (m.point) points.push(m.point);
  }
  // a SAC box of the sampler 'mfpt' told apart from the host at some points whose points give no law: finer steps
  // between and below them (mends110, review83 finding 1), until its law resolves or SAC_REFINE_CAP points were run
  if (!withSac || o.sampler || lawOf(points) !== null || !points.some((p) => p.J_per_site_s > 0)) return { points, events };
  return { ...refineSac(points, bottom, measure, progress), events };
}

/** the mfpt scan's refinement of a SAC box without a law (mends110): at most this many overpotentials are added */
export const SAC_REFINE_CAP = 4;

/** how the mfpt scan refined a SAC box told apart from the host at some points whose points gave no law (mends110; in
 * J_eta.sac and the cached box): the overpotentials run (mV, in order) and those that gave an activated point, and
 * what ended it: 'law' (the law resolved), 'cap' (SAC_REFINE_CAP overpotentials run without a law) or 'no candidate'
 * (no finer step left between the scan's stop and its highest told-apart point) */
export interface SacRefinement { ran_mV: number[]; activated_mV: number[]; by: 'law' | 'cap' | 'no candidate'; cap: number; said: string }

/**
 * The refinement's overpotentials, in the order they are run: the 5 mV midpoints of the scan's 10 mV steps, then the
 * 2.5 mV quarter points, each from the bottom up, between the overpotential the scan stopped at (bottom; the grid's
 * lowest, 10 mV, when it never stopped) and the SAC box's highest point told apart from the host (J_s > 0): the law
 * is fitted on the lowest points (LAW_POINTS), so points are added where it reads, and above the highest told-apart
 * point the SAC is not told apart anyway.
 */
export function sacRefineEtas(points: readonly RatePoint[], bottom_V: number): number[] {
  const told = points.filter((p) => p.J_per_site_s > 0).map((p) => p.eta_V);
  if (!told.length) return [];
  const hi = Math.max(...told), lo = bottom_V > 0 ? bottom_V : Math.min(...points.map((p) => p.eta_V)) - 0.01;
  const mv = (x: number) => Math.round(x * 1e4) / 1e4;
  const out: number[] = [];
  for (const [step, offsets] of [[0.01, [0.005]], [0.01, [0.0025, 0.0075]]] as const) {
    for (let base = mv(lo); base < hi - 1e-9; base = mv(base + step)) for (const d of offsets) { const e = mv(base + d); if (e > 0.0099 && e < hi && !out.includes(e)) out.push(e); }
  }
  return out.filter((e) => !points.some((p) => Math.abs(p.eta_V - e) < 1e-9));
}

function refineSac(points: RatePoint[], bottom_V: number, measure: (eta: number) => { reached: boolean; point: RatePoint | null }, progress?: (m: string) => void): { points: RatePoint[]; refined: SacRefinement } {
  const etas = sacRefineEtas(points, bottom_V);
  const told = points.filter((p) => p.J_per_site_s > 0).length;
  const mvs = (xs: readonly number[]) => xs.map((x) => +(x * 1e3).toFixed(1)).join(', ');
  progress?.(`SAC refine: ${told} activated point${told === 1 ? '' : 's'} above the host rate and no law from them: the mfpt scan adds overpotentials between and below them (5 mV midpoints, then 2.5 mV, from the bottom up; at most ${SAC_REFINE_CAP}): ${etas.length ? `${mvs(etas.slice(0, SAC_REFINE_CAP))} mV` : 'none left'}`);
  const ran: number[] = [], act: number[] = [];
  let by: SacRefinement['by'] = 'no candidate';
  for (const eta of etas) {
    if (ran.length >= SAC_REFINE_CAP) { by = 'cap'; break; }
    ran.push(eta);
    const m = measure(eta);
    if (m.point) { act.push(eta); points.push(m.point); }
    if (lawOf(points) !== null) { by = 'law'; break; }
  }
  if (by === 'no candidate' && ran.length >= SAC_REFINE_CAP) by = 'cap';
  points.sort((a, b) => b.eta_V - a.eta_V);
  const n = ran.length;
  const said = by === 'law' ? `the SAC law resolved after ${n} added overpotential${n === 1 ? '' : 's'} (${mvs(ran)} mV; activated: ${act.length ? mvs(act) : 'none'})`
    : by === 'cap' ? `no SAC law after ${n} added overpotentials (${mvs(ran)} mV; activated: ${act.length ? mvs(act) : 'none'}), the refinement's cap`
      : `no SAC law: ${n ? `after ${n} added overpotential${n === 1 ? '' : 's'} (${mvs(ran)} mV; activated: ${act.length ? mvs(act) : 'none'}) ` : ''}no finer step left between the scan's stop and its highest point told apart`;
  progress?.(`SAC refine: ${said}`);
  return { points, refined: { ran_mV: ran.map((x) => +(x * 1e3).toFixed(1)), activated_mV: act.map((x) => +(x * 1e3).toFixed(1)), by, cap: SAC_REFINE_CAP, said } };
}

/** the law is fitted on the most activated points: the lowest overpotentials that nucleated */
export const LAW_POINTS = 4;

/** the law the scan keeps for its points (the rule above; every point under an FFS sampler), null when there is none */
export function lawOf(points: readonly RatePoint[], sampler?: Exclude<Sampler, 'mfpt'>): RateLawFit | null {
  // FFS's grid (all of it under 'ffs', the tail under 'mfpt+ffs') is drawn to span the overpotentials the electrode
  // reads: the law is fitted on every point
  const ok = points.filter((p) => p.J_per_site_s > 0).sort((a, b) => a.eta_V - b.eta_V).slice(0, sampler ? undefined : LAW_POINTS);
  if (ok.length < 3) return null;
  try {
    const law = fitRateLaw(ok.map((p) => ({ eta_V: p.eta_V, J_per_site_s: p.J_per_site_s, nStar: p.nStar })));
    // a law whose barrier term is not positive with 95 % confidence is no law
    return law.BLo > 0 ? law : null;
  } catch { return null; }
}

/** Why a SAC box gave no law (J_eta.sac without a law): `note` says it, `sac_effect` whether the SAC was not told apart
 * from a host site at any activated point ('not told apart': its sites nucleate as host sites, as measured) or was told
 * apart at some but the points give no law ('not resolved': its effect is not resolved, not found absent). */
export interface SacNoLaw { note: string; sac_effect: 'not told apart' | 'not resolved' }

const mvText = (eta_V: number) => `${Math.round(eta_V * 1e4) / 10}`;
const ratioText = (x: number) => (x >= 100 ? `${Math.round(x / 10) * 10}` : `${+x.toPrecision(2)}`);

/**
 * The note of a SAC box without a law (review83: a SAC 140-1900x faster per site than the host at its 3 activated
 * points read "fewer than 3 activated points above the host rate: SAC sites nucleate as host sites", where 3 points
 * had been measured and the fit's barrier, with 1 degree of freedom, was not positive at 95 %). Names the points told
 * apart, how much faster they are than the host's per-site J at the same overpotential (the host box's point there),
 * and the real cause: fewer than 3 such points, or a fit whose barrier is not positive at 95 % (with its interval).
 * sampler: the box's (undefined = 'mfpt'), for what would add points.
 */
export function sacNoLawNote(sac: readonly RatePoint[], host: readonly RatePoint[], sampler?: Exclude<Sampler, 'mfpt'>, refined?: SacRefinement): SacNoLaw {
  const told = sac.filter((p) => p.J_per_site_s > 0).sort((a, b) => b.eta_V - a.eta_V);
  if (!told.length) return { note: 'fewer than 3 activated points above the host rate: SAC sites nucleate as host sites', sac_effect: 'not told apart' };
  const ratios = told.map((p) => { const h = host.find((x) => Math.abs(x.eta_V - p.eta_V) < 1e-9); return h && h.J_per_site_s > 0 ? p.J_per_site_s / h.J_per_site_s : NaN; }).filter(Number.isFinite);
  const lo = Math.min(...ratios), hi = Math.max(...ratios);
  const faster = !ratios.length ? '' : `; per-site J ${lo === hi ? ratioText(lo) : `${ratioText(lo)}-${ratioText(hi)}`}x the host's there${ratios.length < told.length ? ` (at ${ratios.length} of them)` : ''}`;
  const where = `${told.length} activated point${told.length === 1 ? '' : 's'} above the host rate (${told.map((p) => mvText(p.eta_V)).join(', ')} mV${faster})`;
  const more = sampler === undefined
    ? `${refined ? `the mfpt scan's refinement ran ${refined.ran_mV.length ? `${refined.ran_mV.join(', ')} mV` : 'no overpotential'} without a law (${refined.by === 'cap' ? `its cap of ${refined.cap}` : 'no finer step left'}); ` : ''}more activated points are needed (the default sampler, mfpt+ffs, adds forward flux points below the MFPT scan's lowest; more --runs narrow each point)`
    : 'more activated points are needed (more --runs, or FFS repetitions, narrow each point)';
  const unresolved = `no SAC law, so the electrode reads its sites as host sites: the SAC's effect is not resolved (not found absent); ${more}`;
  if (told.length < 3) return { note: `${where}, fewer than the 3 a law needs: ${unresolved}`, sac_effect: 'not resolved' };
  const used = [...told].sort((a, b) => a.eta_V - b.eta_V).slice(0, sampler ? undefined : LAW_POINTS);
  let fit = 'their fit failed';
  try {
    const f = fitRateLaw(used.map((p) => ({ eta_V: p.eta_V, J_per_site_s: p.J_per_site_s, nStar: p.nStar })));
    const u = f.q === 3 ? 'V^2' : 'V', g = (x: number) => `${+x.toPrecision(3)}`;
    fit = `their fit's barrier is not positive at 95 % (B ${g(f.B)} ${u}, 95 % ${g(f.BLo)} to ${g(f.BHi)}, from ${used.length} points: ${used.length - 2} degree${used.length === 3 ? '' : 's'} of freedom)`;
  } catch { /* the text above */ }
  return { note: `${where}, but ${fit}: ${unresolved}`, sac_effect: 'not resolved' };
}

export function atomisticKey(s: Study, o: ResolvedAtomisticOptions): string {
  const basis = {
    v: ATOMISTIC_VERSION, T: s.T_K, bond: s.bond_eV, Ed: s.terraceBarrier_eV, nu: s.nu_per_s, k0: exchangeRate(s), alpha: s.alpha,
    host: s.hostBinding_eV, sac: s.sac ? [s.sac.binding_eV, s.sac.redShift_eV] : null, o,
    // the earlier rule keeps its keys (and so its cached data); any other rule is part of the key
    ...(s.reduction.rule === 'metal-rate' ? {} : { reduction: [s.reduction.rule, s.reduction.host_eV, s.sac ? s.reduction.sac_eV : null] }),
    // a SAC migration barrier is other atomistic data; without one the key is the earlier one
    ...(s.sac?.migration_eV !== undefined ? { migration: s.sac.migration_eV } : {}),
    // the tail end 'electrode' decides where a tail ends by running the electrode stage (tailStop, electrodeSpec):
    // every input of that reading the key does not already hold, so that a tail decided for one request is never
    // read for another (branch ffsctl: two Zn-N4 loadings shared one key, the SAC tail decided at the first one's
    // site density). The SAC sites only in a SAC box's key: the host box reads the host alone, so every SAC on a
    // host still shares its host scan. Plateau rule, zone overlap and time resolution are fixed in the reading.
    ...(o.tailEnd ? { electrode: [s.z, s.omega_m3, s.i0_A_per_m2, s.a_m, s.Cdl_F_per_m2, s.ownMetal, s.sac ? s.sac.sites_per_m2 : null] } : {}),
    // branch ffsfix's tail rules (tailLadderMax, sacZeroBelow in rule (a), the stored tail record) change the boxes of
    // the tail end 'electrode' only: their keys differ from ffslit's, every other key is the one of before
    ...(o.tailEnd ? { tailRules: TAIL_RULES } : {}),
    // mends110: the sampler 'mfpt' refines a SAC box without a law (SAC_REFINE_CAP): its SAC keys differ from before, so
    // a box cached unrefined is not read as refined; host keys and every other sampler's keys are the ones of before
    ...(s.sac && !o.sampler ? { sacRefine: SAC_REFINE_CAP } : {}),
  };
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex').slice(0, 24);
}

/** Runs (or reads from the store) the atomistic stage of a study. threads (branch ffspar): the threads each FFS point's
 * repetitions run on (ffs-pool.ts; 1, the default here and so in the studies, runs them one after another on this
 * thread, as before); the same data to the bit, so not in the options or the cache key. */
export function atomisticStage(s: Study, opts: AtomisticOptions = {}, store?: Store, progress?: (m: string) => void, signal?: StopSignal, read?: ElectrodeRead, threads = 1): AtomisticData & { cached: boolean; hostFromCache: boolean } {
  const o = defaults(opts, read);
  parseFfsThreads('threads', threads);
  const key = atomisticKey(s, o);
  const hit = store?.getParamSet('nucleation-atomistic', key);
  if (hit) return { ...(hit.data as AtomisticData), cached: true, hostFromCache: true };
  // one pool for the stage (its workers start at the first FFS point), closed however the stage ends
  const pool = threads > 1 && o.sampler ? new FfsPool(threads) : undefined;
  try {
    return computeStage(s, o, key, store, progress, signal, pool);
  } finally {
    void pool?.close();
  }
}

function computeStage(s: Study, o: ResolvedAtomisticOptions, key: string, store?: Store, progress?: (m: string) => void, signal?: StopSignal, pool?: FfsPool): AtomisticData & { cached: boolean; hostFromCache: boolean } {
  const t0 = Date.now();
  // the host's scan is its own cache entry, so a new SAC on a known host only scans the SAC
  const hostStudy: Study = { ...s, sac: null, sacLabel: null };
  const hostKey = atomisticKey(hostStudy, o);
  const hostHit = s.sac ? store?.getParamSet('nucleation-atomistic', hostKey) : undefined;
  let hostPart: AtomisticData['host'];
  let events = 0;
  if (hostHit) {
    hostPart = (hostHit.data as AtomisticData).host;
    // said (mends79): a rerun after a Ctrl-C read the host from the cache and its progress started at the SAC's scan without a word
    const h = hostHit.data as AtomisticData;
    progress?.(`host from the cache: ${s.metal} on ${s.host}, key ${hostKey}, saved ${hostHit.updated_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` +
      `${Number.isFinite(h.events) ? `, ${h.events} events` : ''}${Number.isFinite(h.wall_s) ? ` in ${h.wall_s.toFixed(1)} s wall` : ''}; the SAC box runs now`);
  } else {
    const host = scan(s, o, false, null, progress, signal, [], pool, pointMemo(store, hostKey, 'host', `${s.metal} on ${s.host}`));
    events += host.events;
    hostPart = { points: host.points, law: lawOf(host.points, o.sampler), ...(host.tail ? { tail: host.tail } : {}) };
    if (s.sac) {
      const hostData: AtomisticData = { key: hostKey, options: o, host: hostPart, sac: null, events: host.events, wall_s: (Date.now() - t0) / 1000, numbers: cachedNumbers(hostStudy) };
      store?.saveParamSet('nucleation-atomistic', hostKey, hostData, `sacplate nucleation atomistic stage v${ATOMISTIC_VERSION}: ${s.metal} on ${s.host}`);
      store?.deleteParamSetsStartingWith(POINT_KIND, `${hostKey}/`);
    }
  }
  let sac: AtomisticData['sac'] = null;
  if (s.sac) {
    const same = s.sac.binding_eV === s.hostBinding_eV && s.sac.redShift_eV === 0 && s.reduction.sac_eV === s.reduction.host_eV &&
      (s.sac.migration_eV === undefined || s.sac.migration_eV === loneHopBarrier(s.terraceBarrier_eV, s.bond_eV, s.sac.binding_eV));
    // the host's law of the reservoir's own per-site rate (each point times the E it was divided by; the
    // host's law itself when the correction is off, E = 1): the part the SAC box's reservoir rate holds
    const hostLawRes = o.capture ? lawOf(hostPart.points.map((p) => ({ ...p, J_per_site_s: p.J_per_site_s * p.capture_factor })), o.sampler) : hostPart.law;
    const r = scan(s, o, true, hostLawRes, progress, signal, hostPart.points, pool, pointMemo(store, key, 'sac', `${s.metal} on ${s.host} + ${s.sacLabel ?? 'SAC'}`));
    events += r.events;
    sac = { points: r.points, law: lawOf(r.points, o.sampler), sameAsHost: same, ...(r.tail ? { tail: r.tail } : {}), ...(r.refined ? { refined: r.refined } : {}) };
  }
  const data: AtomisticData = { key, options: o, host: hostPart, sac, events, wall_s: (Date.now() - t0) / 1000, numbers: cachedNumbers(s) };
  store?.saveParamSet('nucleation-atomistic', key, data, `sacplate nucleation atomistic stage v${ATOMISTIC_VERSION}: ${s.metal} on ${s.host}${s.sacLabel ? ' + ' + s.sacLabel : ''}`);
  store?.deleteParamSetsStartingWith(POINT_KIND, `${key}/`);
  store?.deleteParamSetsStartingWith(POINT_KIND, `${hostKey}/`);
  return { ...data, cached: false, hostFromCache: hostHit !== undefined };
}

/** The electrode's nucleation law from the atomistic data. */
export function lawFromData(d: AtomisticData, system = 'the host'): NucleationLaw {
  const hl = d.host.law;
  if (!hl) {
    // reached with small atomistic settings (the workbench's and the CLI's --runs, --box, --target, --max-events):
    // the user's to change, not an internal error
    const o = d.options;
    const active = d.host.points.filter((p) => p.J_per_site_s > 0).length;
    throw new InputError('atomistic settings', `${o.runs} runs per overpotential, ${o.L} x ${o.L} sites, stop at ${o.target} atoms, ${o.maxEvents} events per run`,
      `settings under which ${system}'s scan gives a nucleation law J(eta): it found ${active} activated overpotential(s)${active >= 3 ? ', whose fit has no barrier positive at 95 % confidence' : ''}; a law needs at least 3 and such a barrier (more runs or events per run; the defaults are 12 runs, 16 x 16 sites, 40 atoms, 200000 events)`);
  }
  return lawOfFits(hl, d.sac?.law ?? null, d.sac ? sacZeroOf(d.options, d.sac.points) : null);
}

/**
 * The SAC box's zero readings below its law (branch ffsfix, docs/nucleation-history.md "The two ends of the candidate's law"):
 * the highest overpotential at which the SAC box read J_s = 0 (its rate not above the host part's interval: the SAC
 * site not told apart from a host site) below every point with J_s > 0, or null when there is none (or no point with
 * J_s > 0). The SAC law is fitted on the points with J_s > 0 (lawOf), all above it, so below it the law would be read
 * through overpotentials measured as zero; lawOfFits reads the SAC sites as host sites there instead (as at a point
 * with J_s = 0: the two rates only close in as eta falls). Under the tail end 'electrode' only (sacZeroOf).
 */
export function sacZeroBelow(points: readonly RatePoint[]): number | null {
  const told = points.filter((p) => p.J_per_site_s > 0).map((p) => p.eta_V);
  if (!told.length) return null;
  const lowest = Math.min(...told);
  const zeros = points.filter((p) => p.J_per_site_s === 0 && p.eta_V < lowest).map((p) => p.eta_V);
  return zeros.length ? Math.max(...zeros) : null;
}

/** the SAC law's zero bound the electrode reads with: sacZeroBelow under the tail end 'electrode', else null (the
 * samplers 'mfpt', 'ffs' and 'mfpt+ffs' with the tail end 'floor' read the SAC law as before; so does data a library
 * caller built without options: test/helpers/li-graphene.ts) */
const sacZeroOf = (o: ResolvedAtomisticOptions | undefined, points: readonly RatePoint[]): number | null => (o?.tailEnd ? sacZeroBelow(points) : null);

/** The electrode's nucleation law from the host's fitted law and the SAC's (null: SAC sites nucleate as host sites);
 * sacZero_V (sacZeroBelow): at and below it the SAC sites nucleate as host sites whatever the SAC law reads */
function lawOfFits(hl: RateLawFit, sl: RateLawFit | null, sacZero_V: number | null = null): NucleationLaw {
  const p = hl.q, b = hl.b_V;
  // the electrode stage asks for the host's rate and then the SAC's at the same eta (its sea solver, ~100
  // times a step): the last host rate is kept, so the SAC's max() does not compute it again (same numbers)
  let lastEta = NaN, lastHost = 0;
  const hostRate = (eta: number): number => {
    if (eta !== lastEta) { lastHost = rateFromLaw(hl, eta); lastEta = eta; }
    return lastHost;
  };
  return {
    hostRate,
    // a SAC whose box rate is not above the host's own is a host site
    sacRate: sacZero_V === null ? (eta) => (sl ? Math.max(rateFromLaw(sl, eta), hostRate(eta)) : hostRate(eta))
      : (eta) => (sl && eta > sacZero_V + 1e-9 ? Math.max(rateFromLaw(sl, eta), hostRate(eta)) : hostRate(eta)),
    criticalSize: (eta) => (eta > 0 ? Math.min(1e9, (b / eta) ** p) : 1e9),
    equilibriumOverpotential: (n) => b / Math.pow(Math.max(n, 1e-9), 1 / p),
  };
}

export interface NucleationRequest extends StudyInput {
  /** applied plating current, A/m2 (1 mA/cm2 = 10 A/m2) */
  current_A_per_m2: number;
  /** plated capacity, C/m2 (0.02 mAh/cm2 = 720 C/m2) */
  capacity_C_per_m2?: number;
  atomistic?: AtomisticOptions;
  /** time resolution of the electrode stage (ElectrodeSpec.refine, default 1): for convergence checks */
  refine?: number;
  /** where the plateau is read (plateau.ts): `flat` (default) or `end` (the last 10 % of the requested capacity, the earlier reading) */
  plateau?: PlateauRuleName;
  /** how the adatom sea's exclusion zones overlap (electrode.ts SeaSpec.zoneOverlap): `phantom` (default) or `random`
   * (the stage before branch zones; library only, so that the studies recorded under it stay reproducible) */
  zoneOverlap?: 'phantom' | 'random';
}

export interface NucleationReport {
  metal: string;
  host: string;
  sac: string | null;
  sac_loading: string | null;
  sac_sites_per_nm2: number | null;
  /** what sac_sites_per_nm2 assumes beyond the user's numbers (a wt% loading without the SAC's element:
   * the molar mass of the middle of the 3d SAC metals, system.ts ASSUMED_SAC_MOLAR_MASS), or null */
  sac_loading_assumption: string | null;
  current_mA_per_cm2: number;
  capacity_mAh_per_cm2: number;
  temperature_K: number;
  nucleation_overpotential_mV: number;
  peak_overpotential_mV: number;
  plateau_overpotential_mV: number;
  /** eta at the start of the plateau window (last 10 % of the run) minus eta at the end: about 0 when the plateau is flat */
  plateau_drift_mV: number;
  /** the plateau rule (`flat` or `end`, plateau.ts) */
  plateau_rule: PlateauRuleName;
  /** plated capacity at the end of the plateau's window (where it was read), mAh/cm2 */
  plateau_capacity_mAh_per_cm2: number;
  /** why the run stopped: `end` (rule end), `flat` (drift below 0.1 mV), `film-closed` (metal area >= 0.95), `cap` (1 mAh/cm2 reached with eta still drifting) */
  plateau_stop: 'end' | 'flat' | 'film-closed' | 'cap';
  /** metal area per electrode area at the end (1 = the nuclei have merged into a film) */
  metal_area_end: number;
  peak_time_s: number;
  nucleus_density_per_um2: { at_peak: number; at_end: number };
  mean_nucleus_radius_nm: number;
  /** the SAC's share of the nuclei: those born on SAC sites over the run / all born (the electrode stage's
   * born_per_m2.on_sac / total); null without a SAC or with no nucleus born (review64: the electrode stage counted
   * them, and no output said it, where simulate and compare print a SAC share) */
  sac_share_of_nuclei: number | null;
  /** under the tail end 'electrode' (branch ffsfix): tail_end, how each box's tail ended (TailEndRecord; open: the
   * answer still reads the law extrapolated below the lowest point), and sac_as_host_at_or_below_mV (sacZeroBelow) */
  J_eta: {
    host: (RateLawFit & { points: RatePoint[]; tail_end?: TailEndRecord }) | null;
    sac: ((RateLawFit & { points: RatePoint[] }) | (SacNoLaw & { points: RatePoint[] })) & { tail_end?: TailEndRecord; sac_as_host_at_or_below_mV?: number; refined?: SacRefinement } | null;
  };
  atomistic: {
    /** cached: the store held the data and this call ran no atomistic stage; wall_s is then the wall time of the call
     * that made the data (stored with it), not this call's: that is call_wall_s */
    cache_key: string; cached: boolean; host_from_cache: boolean; events: number; wall_s: number; options: ResolvedAtomisticOptions; method: string;
    /** lone host adatom's diffusion length (sites) at the middle of the measured overpotentials, and the
     * continuum estimate 1 + (B / 2 pi) ln(lambda / R) (acceleration.ts) of how much the *uncorrected*
     * reservoir overestimates J there: what the capture correction removes (off: what is left in J) */
    adatom_diffusion_length_sites: number; rate_overestimate_bound: number;
    /** whether J(eta) was divided by the lattice capture factor (AtomisticOptions.capture) */
    capture: boolean;
    /** the factor E each J(eta) point was divided by (capture.ts; also in J_eta points as capture_factor), null when off */
    capture_factor: { host: { eta_mV: number; E: number }[]; sac: { eta_mV: number; E: number }[] | null } | null;
    /** the corrected rate's error as measured against plain kMC (study nucleation-capture), null when off */
    capture_residual_measured: string | null;
  } | null;
  /** this call's own wall time in nucleation(), s: its atomistic stage when it ran one (not when cached) and the electrode stage */
  call_wall_s: number;
  own_metal: boolean;
  /**
   * mends126 (review90 F2): where the answer's peak lies against each fitted law's measured overpotentials (etaMin_V to
   * etaMax_V): 'inside', or 'below' / 'above' it, where the answer reads the law extrapolated (the CLI's "J(eta) laws"
   * lines say "the peak, 96.1 mV, is below it: read from the law extrapolated"); null: no law (the metal's own foil, a
   * SAC box without one). `extrapolated`: either law is read outside its measured range; `said`: that in words ("peak
   * 96.1 mV is below the host law's measured 120.0-150.0 mV and below the SAC law's measured 110.0-140.0 mV: read from
   * the laws extrapolated ..."), null where every law holds the peak.
   */
  peak_vs_measured: { host: PeakWhere | null; sac: PeakWhere | null; extrapolated: boolean; said: string | null };
  /**
   * mends126 (review90 F2): what is known of the answer's uncertainty, in words: no 95 % interval on
   * nucleation_overpotential_mV (one set of atomistic runs, one electrode run); the J(eta) fits' B intervals (BLo, BHi)
   * are the only intervals; an interval needs reruns over atomistic.seed (paired, meanInterval / pairedInterval)
   */
  uncertainty: string;
  /** the rule for reduction on the bare host and the barrier shifts it gives (host-reduction.ts) */
  host_reduction: { rule: string; beta: number; host_shift_eV: number; sac_shift_eV: number | null };
  provenance: string[];
  trace: { t_s: number; eta_mV: number; nuclei_per_um2: number; metal_area: number }[];
}

/** Where a peak lies against a law's measured overpotentials (mends126: the CLI's lawLines and the report's peak_vs_measured read it here). */
export type PeakWhere = 'inside' | 'below' | 'above';
export function peakWhere(peak_mV: number, law: { etaMin_V: number; etaMax_V: number }): PeakWhere {
  return peak_mV < law.etaMin_V * 1e3 - 1e-9 ? 'below' : peak_mV > law.etaMax_V * 1e3 + 1e-9 ? 'above' : 'inside';
}

/** The report's `uncertainty` (mends126, review90 F2): docs/nucleation.md "How sure the answer is". */
export const NUCLEATION_UNCERTAINTY = 'no 95 % interval on nucleation_overpotential_mV: it is one reading (one set of atomistic runs at atomistic.seed, one electrode run); the only intervals are the J(eta) fits\' B intervals (J_eta.host / J_eta.sac BLo-BHi); for one on the answer, rerun with atomistic.seed 1, 2, 3, ... (3 or more; each a new atomistic stage) and take meanInterval of the answers, or pairedInterval of the differences between two systems run on the same seeds (both exported by the package)';

/** The words of a peak read outside a law's measured range (mends126), or null where every law holds it. */
function peakProvenance(peak_mV: number, laws: [string, { etaMin_V: number; etaMax_V: number } | null][]): string | null {
  const out = laws.flatMap(([which, law]) => {
    if (!law) return [];
    const w = peakWhere(peak_mV, law);
    return w === 'inside' ? [] : [`${w} the ${which} law's measured ${(law.etaMin_V * 1e3).toFixed(1)}-${(law.etaMax_V * 1e3).toFixed(1)} mV`];
  });
  return out.length ? `peak ${peak_mV.toFixed(1)} mV is ${out.join(' and ')}: read from the law${out.length > 1 ? 's' : ''} extrapolated (peak_vs_measured; docs/nucleation.md "Limits")` : null;
}

/**
 * The corrected rate's error as measured (study nucleation-capture, 100-160 paired seeds per lambda):
 * J_plain / (J_reservoir / E) = 1.80, 1.62, 1.78, 1.49, 1.19 at lambda 3, 10, 30, 60, 100 sites (E over-corrects;
 * 1.05 at lambda 1 is the uncorrected reservoir's). Not used to rescale E: that would calibrate on the validation data.
 */
export const CAPTURE_RESIDUAL_MEASURED = 'J may be up to 1.8x higher than reported: J_plain / (J_reservoir / E) measured 1.19-1.80 from lambda 3 to 100 sites (study nucleation-capture); at the lambda of Li, Na and K hosts (1e4-1e5 sites) an extrapolation: plain kMC cannot run there';

const factorsOf = (pts: readonly RatePoint[]) => pts.map((p) => ({ eta_mV: Math.round(p.eta_V * 1e4) / 10, E: p.capture_factor }));

function accelerationBound(s: Study, d: AtomisticData): { adatom_diffusion_length_sites: number; rate_overestimate_bound: number } {
  const pts = d.host.points;
  const eta = pts.length ? pts.reduce((a, p) => a + p.eta_V, 0) / pts.length : 0.1;
  const nStar = pts.length ? pts.reduce((a, p) => a + p.nStar, 0) / pts.length : 6;
  const lam = diffusionLength({
    T_K: s.T_K, eta_V: eta, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, terraceBarrier_eV: s.terraceBarrier_eV,
    nu_per_s: s.nu_per_s, k0_per_s: hostExchangeRate(s), alpha: s.alpha,
  }).lambda_sites;
  return { adatom_diffusion_length_sites: lam, rate_overestimate_bound: captureErrorEstimate(lam, nStar) };
}

/** Per-site exchange rate of a bare host site (lone adatom), 1/s: the metal's k0 slowed by the host's reduction-barrier shift. */
export function hostExchangeRate(s: Study): number {
  return exchangeRate(s) * Math.exp(-s.reduction.host_eV / (CONST.kB_eV * s.T_K));
}

/** The host's sea of lone adatoms for the electrode stage, from the same energies (and the same host-reduction rule) as the atomistic stage. */
export function seaOf(s: Study): SeaSpec {
  const kT = (CONST.kB_eV) * s.T_K;
  return {
    k0_per_s: hostExchangeRate(s),
    oxFactor: Math.exp((3 * s.bond_eV - s.hostBinding_eV) / kT),
    hop_per_s: s.nu_per_s * Math.exp(-(s.terraceBarrier_eV - s.bond_eV + s.hostBinding_eV) / kT),
    a_m: s.a_m,
  };
}

export { DEFAULT_CAPACITY_C_PER_M2 };

/**
 * Where a request's atomistic data would come from: `own-metal` (none needed), `cached` (the
 * store holds it: only the electrode stage runs, under a second), `host-cached` (only the SAC's box
 * runs) or `compute` (host and SAC). Throws the request's InputError.
 */
export function atomisticSource(req: NucleationRequest, store?: Store): 'own-metal' | 'cached' | 'host-cached' | 'compute' {
  checkRequest(req);
  const s = resolveStudy(req);
  if (s.ownMetal) return 'own-metal';
  const o = defaults(req.atomistic ?? {}, { current_A_per_m2: req.current_A_per_m2, capacity_C_per_m2: req.capacity_C_per_m2 ?? DEFAULT_CAPACITY_C_PER_M2 });
  if (store?.getParamSet('nucleation-atomistic', atomisticKey(s, o))) return 'cached';
  if (s.sac && store?.getParamSet('nucleation-atomistic', atomisticKey({ ...s, sac: null, sacLabel: null }, o))) return 'host-cached';
  return 'compute';
}

/** The electrode stage's spec for a study under a law (galvanostatic at the current for the capacity; hostOnly: no SAC sites) */
function electrodeSpec(s: Study, law: NucleationLaw, current_A_per_m2: number, capacity_C_per_m2: number, plateau: PlateauRuleName,
  o: { zoneOverlap?: 'phantom' | 'random'; refine?: number; hostOnly?: boolean } = {}): Parameters<typeof simulateElectrode>[0] {
  return {
    z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K,
    hostSites_per_m2: 1 / (s.a_m * s.a_m), sacSites_per_m2: o.hostOnly ? 0 : s.sac?.sites_per_m2 ?? 0, Cdl_F_per_m2: s.Cdl_F_per_m2,
    law, growth: { kind: 'interface' }, control: { kind: 'galvanostatic', current_A_per_m2, duration_s: capacity_C_per_m2 / current_A_per_m2 },
    ownMetal: s.ownMetal, samples: 200, sea: o.zoneOverlap ? { ...seaOf(s), zoneOverlap: o.zoneOverlap } : seaOf(s), plateau: plateauSpec(plateau, capacity_C_per_m2, current_A_per_m2), ...(o.refine !== undefined ? { refine: o.refine } : {}),
  };
}

/** threads: atomisticStage's (1 here, the studies' and the screen's; the CLI and the library's nucleation() run theirs
 * on a worker with defaultFfsThreads()) */
export function nucleation(req: NucleationRequest, store?: Store, progress?: (m: string) => void, signal?: StopSignal, threads = 1): NucleationReport {
  const t0 = performance.now();
  checkRequest(req); // a library caller's object, before any work (request.ts)
  const s = resolveStudy(req);
  const capacity = req.capacity_C_per_m2 ?? DEFAULT_CAPACITY_C_PER_M2;
  const plateauRule = parsePlateauRule('plateau', req.plateau);
  if (req.zoneOverlap !== undefined && req.zoneOverlap !== 'phantom' && req.zoneOverlap !== 'random') throw new InputError('zoneOverlap', req.zoneOverlap, "'phantom' or 'random'");
  if (req.refine !== undefined) checkRefine(req.refine); // before the atomistic stage, which can take minutes
  let data: (AtomisticData & { cached: boolean; hostFromCache: boolean }) | null = null;
  let law: NucleationLaw;
  if (s.ownMetal) {
    // the metal's own (stepped) foil: every surface site is already metal, no nucleus is needed
    law = { hostRate: () => 0, sacRate: () => 0, criticalSize: () => 1e9, equilibriumOverpotential: () => 0 };
  } else {
    data = atomisticStage(s, req.atomistic, store, progress, signal, { current_A_per_m2: req.current_A_per_m2, capacity_C_per_m2: capacity }, threads);
    law = lawFromData(data, `${s.metal} on ${s.host}`);
  }
  const r: ElectrodeResult = simulateElectrode(electrodeSpec(s, law, req.current_A_per_m2, capacity, plateauRule, {
    ...(req.zoneOverlap ? { zoneOverlap: req.zoneOverlap } : {}), ...(req.refine !== undefined ? { refine: req.refine } : {}),
  }));
  const sacZero = data?.sac ? sacZeroOf(data.options, data.sac.points) : null;
  const sacJ: NucleationReport['J_eta']['sac'] = data?.sac
    ? { ...(data.sac.law ? { ...data.sac.law, points: data.sac.points } : { ...sacNoLawNote(data.sac.points, data.host.points, data.options.sampler, data.sac.refined), points: data.sac.points }),
      ...(data.sac.tail ? { tail_end: data.sac.tail } : {}), ...(data.sac.refined ? { refined: data.sac.refined } : {}), ...(sacZero !== null && data.sac.law ? { sac_as_host_at_or_below_mV: Math.round(sacZero * 1e4) / 10 } : {}) }
    : null;
  const peak_mV = r.peak_eta_V * 1e3;
  const hostLaw = data?.host.law ?? null, sacLaw = data?.sac?.law ?? null;
  const peakVs = { host: hostLaw ? peakWhere(peak_mV, hostLaw) : null, sac: sacLaw ? peakWhere(peak_mV, sacLaw) : null };
  const peakLine = peakProvenance(peak_mV, [['host', hostLaw], ['SAC', sacLaw]]);
  return {
    metal: s.metal, host: s.host, sac: s.sacLabel, sac_loading: s.sac?.loadingText ?? null,
    sac_sites_per_nm2: s.sac ? s.sac.sites_per_m2 / 1e18 : null,
    sac_loading_assumption: s.sacLoadingAssumption,
    current_mA_per_cm2: TO.mA_per_cm2(req.current_A_per_m2), capacity_mAh_per_cm2: capacity / C_PER_M2_PER_MAH_PER_CM2, temperature_K: s.T_K,
    nucleation_overpotential_mV: r.nucleation_overpotential_V * 1e3,
    peak_overpotential_mV: r.peak_eta_V * 1e3,
    plateau_overpotential_mV: r.plateau_eta_V * 1e3,
    plateau_drift_mV: r.plateau_drift_V * 1e3,
    plateau_rule: plateauRule,
    plateau_capacity_mAh_per_cm2: (r.plateau_t_s * req.current_A_per_m2) / C_PER_M2_PER_MAH_PER_CM2,
    plateau_stop: r.plateau_stop,
    metal_area_end: r.metal_area_end,
    peak_time_s: r.peak_t_s,
    nucleus_density_per_um2: { at_peak: r.nuclei_at_peak_per_m2 / 1e12, at_end: r.nuclei_end_per_m2 / 1e12 },
    mean_nucleus_radius_nm: r.mean_radius_end_m * 1e9,
    sac_share_of_nuclei: s.sac && r.born_per_m2.total > 0 ? r.born_per_m2.on_sac / r.born_per_m2.total : null,
    J_eta: { host: data?.host.law ? { ...data.host.law, points: data.host.points, ...(data.host.tail ? { tail_end: data.host.tail } : {}) } : null, sac: sacJ },
    atomistic: data ? {
      cache_key: data.key, cached: data.cached, host_from_cache: data.hostFromCache, events: data.events, wall_s: data.wall_s, options: data.options,
      method: (data.options.reservoir
        ? data.options.capture
          ? 'SOS kMC, lone host adatoms eliminated (slow-scale SSA, Cao, Gillespie and Petzold 2005), each overpotential\'s rate divided by the lattice capture factor E of its own runs (the return of emitted adatoms the elimination forgets; capture.ts, no free parameter); MFPT analysis (Wedekind et al. 2007); electrode stage with the adatom sea'
          : 'SOS kMC, lone host adatoms eliminated (slow-scale SSA, Cao, Gillespie and Petzold 2005), capture correction off: exact for adatom diffusion lengths of a few sites, J overestimated beyond (rate_overestimate_bound); MFPT analysis (Wedekind et al. 2007); electrode stage with the adatom sea'
        : 'SOS kMC, every hop (plain); MFPT analysis (Wedekind et al. 2007); electrode stage with the adatom sea').replace(MFPT_METHOD, samplerMethod(data.options.sampler ?? 'mfpt', data.options.ffsRepetitions ?? DEFAULT_FFS_REPETITIONS))
        // only off the default, so that a default report reads as before
        + (data.options.censoring === 'survival' ? '; runs out of budget counted to their stop (censoring survival: exponential survival MLE, rate.ts)' : ''),
      ...accelerationBound(s, data),
      capture: data.options.capture,
      capture_factor: data.options.capture ? { host: factorsOf(data.host.points), sac: data.sac ? factorsOf(data.sac.points) : null } : null,
      capture_residual_measured: data.options.capture ? CAPTURE_RESIDUAL_MEASURED : null,
    } : null,
    call_wall_s: Math.round(performance.now() - t0) / 1000,
    own_metal: s.ownMetal,
    peak_vs_measured: { ...peakVs, extrapolated: peakLine !== null, said: peakLine },
    uncertainty: NUCLEATION_UNCERTAINTY,
    host_reduction: { rule: s.reduction.rule, beta: s.reduction.beta, host_shift_eV: s.reduction.host_eV, sac_shift_eV: s.reduction.sac_eV },
    provenance: s.provenance,
    trace: r.trace.map((p) => ({ t_s: p.t_s, eta_mV: p.eta_V * 1e3, nuclei_per_um2: p.nuclei_per_m2 / 1e12, metal_area: p.metalArea })),
  };
}

/**
 * The atomistic scan measured by forward flux sampling (`atomistic.sampler: 'ffs'`; branch ffsprod). Default off: the
 * MFPT scan (index.ts `scan`) is production; this is the groundwork for a switch (docs/nucleation-history.md, "FFS in the scan").
 * `atomistic.sampler: 'mfpt+ffs'` (branch ffstail) runs the MFPT scan and then this scan's grid below its lowest point
 * only (`tail`; docs/nucleation-history.md, "The production law's window").
 *
 * Why: the MFPT scan reaches only overpotentials where a box nucleates within its event budget (70-100 mV for Li on
 * N-graphene), and its law is read 30-40 mV lower at the electrode's peak, where study nucleation-ffs measured it
 * 26x-2.2e5x too high. FFS (ffs.ts) measures J where the electrode reads it.
 *
 * Per overpotential, with the settings of study nucleation-ffs: basin A = largest cluster <= 2 atoms, the study's
 * interface ladder (3, 4, ..., 12, 14, ..., 80), 400 crossings, 300 trials per stage, four repetitions; the point's box
 * rate is the geometric mean of the repetitions with its t interval (3 degrees of freedom) over them (the 2009 variance
 * formula was measured 1.0-3.8x too narrow, so it is not used). B: the ladder ends at the first interface at or past
 * the scan's `target` where two stages in a row had P >= 0.9 (past n*: the committor is near 1 there), at 80 atoms
 * (or `target` if larger) at the latest.
 * n*: the committor profile P_B(lambda_i) = prod_{j >= i} P_j (P_B(B) = 1), n* where it crosses 1/2 (linear between
 * the two interfaces around it), per repetition; the point's n* is the mean with its t interval. n* is resolved only
 * when the crossing lies strictly between lambda_0 and B (B past n*, and a barrier above lambda_0).
 * Capture factor E (capture.ts, as captureFactorOfRuns does for the MFPT scan's runs): from the largest clusters of the
 * states FFS keeps at the interface nearest n* (first crossings of it coming from A, as a brute-force run's cluster
 * when it first reaches that size), at most 12 per repetition, on the infinite plane.
 * The grid: from the MFPT scan's start (about 1 % lone-adatom coverage), 10 mV steps until the first activated point
 * (n* resolved and >= 1.5 atoms), then 5 mV steps, until the box's rate per site falls below J_FLOOR_PER_SITE_S (1e-13 /s
 * per site: a host of 16 sites/nm2 held there would make 1.2e-4 nuclei per um2 in 72 s, the default run at 1 mA/cm2,
 * against the 0.07-0.2 per um2 at the end of the runs docs/nucleation.md reports), or a point fails (a repetition with a stage of no success, or n* not
 * resolved below B), or eta reaches 10 mV. The points below the floor are measured and kept; the last one is the
 * first below it.
 * Cost: every event of every repetition; study nucleation-ffs measured 4-22 CPU s per repetition at 45-65 mV.
 * Threads (branch ffspar): with a pool (ffs-pool.ts; the atomistic stage's `threads`) a point's repetitions run on its
 * threads, the same results to the bit; without, one after another on the calling thread.
 */
import { tQuantile975 } from '../stats/interval.js';
import type { AtomisticSpec } from './atomistic.js';
import { runFfs, type FfsResult } from './ffs.js';
import type { FfsPool, FfsRepOptions } from './ffs-pool.js';
import { captureFactorAt, captureOfSet, explicitMask, lossPerHop, unwrapMask, type SetCapture } from './capture.js';
import { diffusionLength, seaPerDirect } from './acceleration.js';
import type { RatePoint } from './index.js';
import { DEFAULT_FFS_REPETITIONS } from './sampler.js';

/** study nucleation-ffs's interface ladder, atoms */
export const FFS_LADDER = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 25, 28, 31, 35, 40, 45, 50, 55, 60, 70, 80] as const;

export interface FfsScanSettings {
  lambdaA: number; fluxCrossings: number; trials: number; repetitions: number;
  /** the ladder stops after two stages in a row with P at least this, at or past the scan's target */
  committedP: number;
  /** event budget of one FFS segment or trial */
  maxEventsPerRun: number;
  /** clusters per repetition the capture factor is taken over */
  captureStates: number;
  /** the ladder's last interface, atoms (the scan's target if larger): the flux phase's B, where a trajectory is taken
   * as committed and restarted from the empty box, so it must lie past n* */
  ladderMax: number;
}

export const FFS_SCAN: FfsScanSettings = { lambdaA: 2, fluxCrossings: 400, trials: 300, repetitions: DEFAULT_FFS_REPETITIONS, committedP: 0.9, maxEventsPerRun: 1e8, captureStates: 12, ladderMax: 80 };

/** the box rate per site below which the grid stops (see the header) */
export const J_FLOOR_PER_SITE_S = 1e-13;

/** interfaces past the study's ladder (atoms), for a tail point whose n* nears 80 under the tail end 'electrode'
 * (branch ffsfix; index.ts tailLadderMax): a ladderMax of 80 or less reads the study's ladder alone, as before */
export const FFS_LADDER_EXTENSION = [90, 100, 110, 120, 140, 160] as const;

/** the ladder for a scan target: the study's (and its extension's) interfaces up to max, and the target itself if it lies beyond */
export const ladderFor = (target: number, max = 80): number[] => {
  const l: number[] = [...FFS_LADDER, ...FFS_LADDER_EXTENSION].filter((x) => x <= max);
  return target > l[l.length - 1]! ? [...l, target] : l;
};

/**
 * n* from one FFS run's committor profile: P_B(lambda_i) = prod_{j >= i} P_j, n* where it crosses 1/2 (linear in P_B
 * between the interfaces around the crossing). NaN when not resolved: a stage had no success, P_B(lambda_0) >= 1/2
 * already (no barrier above lambda_0) or the crossing is at B itself (B not past n*).
 */
export function committorNStar(r: Pick<FfsResult, 'interfaces' | 'stages'>): number {
  const m = r.stages.length;
  if (m === 0 || r.stages.some((s) => s.successes === 0) || r.interfaces.length !== m + 1) return NaN;
  const pB = new Array<number>(m + 1);
  pB[m] = 1;
  for (let i = m - 1; i >= 0; i--) pB[i] = pB[i + 1]! * r.stages[i]!.p;
  if (pB[0]! >= 0.5) return NaN;
  let i = 1;
  while (pB[i]! < 0.5) i++;
  if (i === m) return NaN; // only B itself is committed: n* may lie at or past B
  const l0 = r.interfaces[i - 1]!, l1 = r.interfaces[i]!;
  return l0 + ((0.5 - pB[i - 1]!) / (pB[i]! - pB[i - 1]!)) * (l1 - l0);
}

/** the columns of the largest cluster of a box's heights (4-neighbour columns, periodic; atoms = the sum of heights) */
export function largestClusterColumns(h: Int32Array, L: number): Int32Array {
  const seen = new Uint8Array(h.length);
  let best: number[] = [], bestAtoms = 0;
  for (let s = 0; s < h.length; s++) {
    if (h[s] === 0 || seen[s]) continue;
    const cols = [s];
    let atoms = 0;
    seen[s] = 1;
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k]!; atoms += h[c]!;
      const x = c % L, y = (c - x) / L;
      for (const n of [y * L + (x + 1) % L, y * L + (x + L - 1) % L, ((y + 1) % L) * L + x, ((y + L - 1) % L) * L + x]) if (h[n]! > 0 && !seen[n]) { seen[n] = 1; cols.push(n); }
    }
    if (atoms > bestAtoms) { bestAtoms = atoms; best = cols; }
  }
  return Int32Array.from(best);
}

/** capture.ts's factor E over given clusters (their columns) at size n: captureFactorOfRuns with the clusters FFS kept */
export function captureFactorOfClusters(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, clusters: readonly Int32Array[], n: number): { E: number; lambda_sites: number } {
  if (!clusters.length) throw new RangeError('capture: no cluster to take the factor of');
  const d = diffusionLength(spec);
  const a = lossPerHop(d.lambda_sites);
  const green = new Map<string, number>();
  const sets = new Map<number, SetCapture>();
  const capture = (run: number): SetCapture => {
    let c = sets.get(run);
    if (!c) { c = captureOfSet(unwrapMask(spec.L, explicitMask(spec.L, clusters[run]!)), a, undefined, green); sets.set(run, c); }
    return c;
  };
  // a whole n: captureFactorAt reads size n of each "run" only (the clusters are all of the interface's size)
  return { E: captureFactorAt(capture, clusters.map((_, i) => i), Math.max(2, Math.round(n)), seaPerDirect(spec, d)), lambda_sites: d.lambda_sites };
}

/** what an FFS point holds beside a RatePoint's fields */
export interface FfsPointDetail {
  repetitions: number;
  /** per repetition: box rate 1/s, committor n*, B (atoms), events, CPU s (process.cpuUsage() over the repetition; one
   * thread only), wall s on its thread */
  rateEach_per_s: number[]; nStarEach: number[]; B: number[]; eventsEach: number[]; cpuEach_s?: number[]; wallEach_s: number[];
  /** instead of cpuEach_s when the repetitions ran on several threads (branch audit28; it was null in JSON before):
   * process.cpuUsage() counts every thread of the process in Node 20, so a repetition's own CPU is not measured there */
  cpuEachNote?: string;
  /** threads the repetitions ran on (ffs-pool.ts; 1: one after another on the stage's thread), the process's CPU over
   * the point's repetitions (every thread of the process, s) and the point's wall time (s) */
  threads: number; cpu_s: number; wall_s: number;
  /** the interface whose kept clusters E was taken over (atoms), and how many clusters */
  captureInterface: number | null; captureClusters: number;
  /** the point failed: a repetition with a stage of no success, or n* not resolved (see committorNStar) */
  failed: string | null;
}

export interface FfsPointResult {
  eta_V: number;
  rate_per_s: number; rateLo_per_s: number; rateHi_per_s: number;
  nStar: number; nStarLo: number; nStarHi: number;
  E: number; lambda_sites: number;
  events: number;
  ffs: FfsPointDetail;
}

/** geometric mean and t interval (n - 1 degrees of freedom) of positive values; NaN interval with fewer than 2 */
function logMeanInterval(v: readonly number[]): { mean: number; lo: number; hi: number } {
  const ln = v.map(Math.log);
  const n = ln.length, m = ln.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean: Math.exp(m), lo: NaN, hi: NaN };
  const half = tQuantile975(n - 1) * Math.sqrt(ln.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) / n);
  return { mean: Math.exp(m), lo: Math.exp(m - half), hi: Math.exp(m + half) };
}

function meanInterval(v: readonly number[]): { mean: number; lo: number; hi: number } {
  const n = v.length, m = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean: m, lo: NaN, hi: NaN };
  const half = tQuantile975(n - 1) * Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) / n);
  return { mean: m, lo: m - half, hi: m + half };
}

/** One overpotential by FFS: `repetitions` independent runs of runFfs on seeds seed0, seed0 + 1, ... (o.pool: on its
 * threads, ffs-pool.ts, the same results to the bit; absent, one after another on this thread) */
export function ffsPoint(spec: Omit<AtomisticSpec, 'seed'>, seed0: number, set: FfsScanSettings, o: { target: number; capture: boolean; signal?: { readonly aborted: boolean }; pool?: FfsPool }): FfsPointResult {
  const box = { ...spec };
  delete (box as Partial<AtomisticSpec>).target;
  const options: FfsRepOptions = {
    lambdaA: set.lambdaA, interfaces: ladderFor(o.target, set.ladderMax), fluxCrossings: set.fluxCrossings, trials: set.trials,
    maxEventsPerRun: set.maxEventsPerRun, keepStates: o.capture, stopWhenCommitted: { minB: o.target, p: set.committedP },
  };
  const cpu0 = process.cpuUsage(), wall0 = performance.now();
  const reps: FfsResult[] = o.pool ? o.pool.run(box, options, seed0, set.repetitions, o.signal)
    : Array.from({ length: set.repetitions }, (_, r) => runFfs(box, { ...options, seed: seed0 + r, ...(o.signal ? { signal: o.signal } : {}) }));
  const cpu = process.cpuUsage(cpu0);
  const nStarEach = reps.map(committorNStar);
  const threads = o.pool ? Math.min(o.pool.threads, set.repetitions) : 1;
  const detail: FfsPointDetail = {
    repetitions: reps.length, rateEach_per_s: reps.map((r) => r.rate_per_s), nStarEach,
    B: reps.map((r) => r.interfaces[r.interfaces.length - 1]!), eventsEach: reps.map((r) => r.events),
    ...(o.pool ? { cpuEachNote: `per-repetition CPU not measured on ${threads} threads (process.cpuUsage() counts every thread): cpu_s is the process's CPU over the point, wallEach_s each repetition's wall time on its thread` }
      : { cpuEach_s: reps.map((r) => r.cpu_s) }),
    wallEach_s: reps.map((r) => r.wall_s), threads,
    cpu_s: (cpu.user + cpu.system) / 1e6, wall_s: (performance.now() - wall0) / 1000,
    captureInterface: null, captureClusters: 0, failed: null,
  };
  const events = reps.reduce((a, r) => a + r.events, 0);
  const d = diffusionLength(spec);
  const failed = reps.some((r) => r.rate_per_s === 0) ? 'a repetition had a stage with no success (only an upper bound on the rate)'
    : nStarEach.some((n) => !Number.isFinite(n)) ? 'n* not resolved in every repetition (no barrier above the first interface, or B not past n*)' : null;
  if (failed) {
    const ok = reps.filter((r) => r.rate_per_s > 0).map((r) => r.rate_per_s);
    const k = ok.length ? logMeanInterval(ok) : { mean: 0, lo: NaN, hi: NaN };
    return { eta_V: spec.eta_V, rate_per_s: k.mean, rateLo_per_s: k.lo, rateHi_per_s: k.hi, nStar: NaN, nStarLo: NaN, nStarHi: NaN, E: 1, lambda_sites: d.lambda_sites, events, ffs: { ...detail, failed } };
  }
  const k = logMeanInterval(reps.map((r) => r.rate_per_s));
  const n = meanInterval(nStarEach);
  let E = 1;
  if (o.capture) {
    // the interface nearest n*, of those every repetition reached (all did: each ran past n*)
    const ifs = reps[0]!.interfaces;
    let best = ifs[0]!;
    for (const l of ifs) if (Math.abs(l - n.mean) < Math.abs(best - n.mean)) best = l;
    const clusters: Int32Array[] = [];
    for (const r of reps) {
      const idx = r.interfaces.indexOf(best);
      const states = idx >= 0 ? r.states?.[idx] ?? [] : [];
      for (const h of states.slice(0, set.captureStates)) clusters.push(largestClusterColumns(h, spec.L));
    }
    E = captureFactorOfClusters(spec, clusters, best).E;
    detail.captureInterface = best; detail.captureClusters = clusters.length;
  }
  return { eta_V: spec.eta_V, rate_per_s: k.mean, rateLo_per_s: k.lo, rateHi_per_s: k.hi, nStar: n.mean, nStarLo: n.lo, nStarHi: n.hi, E, lambda_sites: d.lambda_sites, events, ffs: detail };
}

/** the progress line's cost of a point: its CPU (one thread), or the process's CPU and the wall time on several threads */
const cpuText = (d: FfsPointDetail): string => d.cpuEach_s ? `${d.cpuEach_s.reduce((a, b) => a + b, 0).toFixed(1)} CPU s`
  : `${d.cpu_s.toFixed(1)} CPU s of the process (per-repetition CPU not measured on ${d.threads} threads), ${d.wall_s.toFixed(1)} s wall`;

/** a stop rule asked after each point the scan keeps (the points so far): a reason to end the grid there, or null */
export type TailStop = (points: readonly RatePoint[]) => string | null;

/** why ffsScan's grid ended: its own stops (the per-site floor, a point not activated, eta at 10 mV) or o.stop's reason */
export interface FfsScanEnd { by: 'stop' | 'floor' | 'not-activated' | 'grid-bottom' | 'no-point'; why: string }

/** a RatePoint measured by FFS: `ffs` says how (plateauRatio is not measured: NaN, null in JSON) */
export type FfsRatePoint = RatePoint & { ffs: FfsPointDetail };

/**
 * The scan by FFS (header), or with `o.tail` its part below the MFPT scan (sampler 'mfpt+ffs'). specAt builds the scan's box at eta; hostPoints (the SAC box only): the host's FFS points,
 * whose box rate at the same eta is the host part subtracted (J_s = (k_SAC box - (L^2 - 1) k_host box / L^2) / E_s,
 * kept only where the SAC box's lower bound is above the host part's upper bound; 0 otherwise), or where the host has
 * no point at that eta, hostLawRes (the host's law of the reservoir's own per-site rate) as the MFPT scan does.
 * o.stop (the tail's end 'electrode', index.ts): asked after each kept point, with the points so far; a reason ends the grid there.
 * o.ladderMax (the tail end 'electrode' since branch ffsfix, index.ts tailLadderMax): the ladder's last interface for the
 * next point from the points kept so far (absent: set.ladderMax). `end` says why the grid ended.
 */
/** a progress line's end for a point read from the points kept of a stopped scan (mends79) */
export const KEPT_TEXT = ' (kept from a stopped scan, not run again)';

export function ffsScan(specAt: (eta_V: number) => Omit<AtomisticSpec, 'seed'>, start_V: number, o: { L: number; target: number; capture: boolean; seed: number; tail?: boolean; stop?: TailStop; ladderMax?: (points: readonly FfsRatePoint[]) => number; pool?: FfsPool;
    /** finished points kept while the scan runs (index.ts pointMemo, mends79): a point found there is not computed again */
    memo?: { get(part: string): FfsPointResult | undefined; put(part: string, p: FfsPointResult): void } },
  withSac: boolean, host: { points: readonly RatePoint[]; lawRes: ((eta_V: number) => number) | null } | null,
  progress?: (m: string) => void, signal?: { readonly aborted: boolean }, set: FfsScanSettings = FFS_SCAN): { points: FfsRatePoint[]; events: number; end: FfsScanEnd } {
  const sites = o.L * o.L;
  const points: FfsRatePoint[] = [];
  // tail (sampler 'mfpt+ffs'): start_V lies 5 mV below the MFPT scan's lowest activated point, so the grid is in its
  // 5 mV steps from the start and its first point that is not activated ends it. The seeds are the full FFS scan's at
  // the same eta: a tail point is the 'ffs' scan's point there, to the bit
  let events = 0, activatedSeen = o.tail === true;
  let end: FfsScanEnd = { by: 'grid-bottom', why: 'the grid reached 10 mV' };
  for (let eta = start_V; eta >= 0.0099; eta = Math.round((eta - (activatedSeen ? 0.005 : 0.01)) * 1000) / 1000) {
    const spec = specAt(eta);
    const pset = o.ladderMax ? { ...set, ladderMax: o.ladderMax(points) } : set;
    const part = `ffs/${eta}/${pset.ladderMax}`;
    const kept = o.memo?.get(part);
    const p = kept ?? ffsPoint(spec, o.seed * 100003 + Math.round(eta * 1e4) * 7919 + (withSac ? 50021 : 0), pset, { target: o.target, capture: o.capture, ...(signal ? { signal } : {}), ...(o.pool ? { pool: o.pool } : {}) });
    if (!kept) o.memo?.put(part, p);
    events += p.events;
    const activated = !p.ffs.failed && p.nStar >= 1.5;
    let J = 0;
    if (activated) {
      if (!withSac) J = p.rate_per_s / p.E / sites;
      else {
        const hp = host?.points.find((q) => Math.abs(q.eta_V - eta) < 1e-9);
        const partHi = hp ? hp.rateHi_per_s * (sites - 1) / sites : (host?.lawRes?.(eta) ?? 0) * (sites - 1);
        const part = hp ? hp.rate_per_s * (sites - 1) / sites : partHi;
        J = p.rateLo_per_s > partHi ? (p.rate_per_s - part) / p.E : 0;
      }
    }
    progress?.(`${withSac ? 'SAC' : 'host'} eta ${(eta * 1e3).toFixed(0)} mV (FFS, ${p.ffs.repetitions} repetitions): box rate ${p.rate_per_s.toExponential(2)} /s [${p.rateLo_per_s.toExponential(2)}, ${p.rateHi_per_s.toExponential(2)}], n* ${p.nStar.toFixed(1)} [${p.nStarLo.toFixed(1)}, ${p.nStarHi.toFixed(1)}], B ${p.ffs.B.join('/')}${o.capture && activated ? `, capture factor ${p.E.toFixed(2)} (${p.ffs.captureClusters} clusters at ${p.ffs.captureInterface} atoms)` : ''}, ${p.events} events, ${cpuText(p.ffs)}${p.ffs.failed ? `; ${p.ffs.failed}` : ''}${kept ? KEPT_TEXT : ''}`);
    if (activated) {
      activatedSeen = true;
      points.push({
        nStar: p.nStar, nStarLo: p.nStarLo, nStarHi: p.nStarHi, plateauRatio: NaN,
        rate_per_s: p.rate_per_s, rateLo_per_s: p.rateLo_per_s, rateHi_per_s: p.rateHi_per_s,
        runs: p.ffs.repetitions, reached: p.ffs.repetitions,
        eta_V: eta, J_per_site_s: J, capture_factor: p.E, lambda_sites: p.lambda_sites, events: p.events, ffs: p.ffs,
      });
      if (p.rate_per_s / sites < J_FLOOR_PER_SITE_S) { end = { by: 'floor', why: `box rate per site ${(p.rate_per_s / sites).toExponential(2)} /s at ${(eta * 1e3).toFixed(0)} mV, below the ${J_FLOOR_PER_SITE_S} /s floor` }; break; }
      const why = o.stop?.(points);
      if (why) { progress?.(`${withSac ? 'SAC' : 'host'} tail ends at ${(eta * 1e3).toFixed(0)} mV: ${why}`); end = { by: 'stop', why }; break; }
    } else if (activatedSeen) {
      end = { by: 'not-activated', why: `the point at ${(eta * 1e3).toFixed(0)} mV was not kept: ${p.ffs.failed ?? `n* ${p.nStar.toFixed(1)} below 1.5 atoms`} (ladder to ${Math.max(pset.ladderMax, o.target)} atoms)` };
      break;
    }
  }
  if (!points.length) end = { by: 'no-point', why: `no point activated${end.by === 'not-activated' ? ` (${end.why})` : ''}` };
  return { points, events, end };
}

/**
 * Forward flux sampling (FFS) of the atomistic box's nucleation rate (issue 15, stage 1; branch ffs).
 *
 * Why: the brute-force scan (index.ts `scan`, rate.ts MFPT fit) waits for nucleation in every run, so it reaches only
 * overpotentials where a box nucleates within its event budget (70-100 mV for Li), and every J(eta) law is read
 * 30-40 mV below its lowest point at the electrode's peak. FFS measures a rate where brute force cannot: direct FFS
 * (Allen, Warren and ten Wolde, Phys. Rev. Lett. 94, 018104, 2005; review with the estimate's variance: Allen,
 * Valeriani and ten Wolde, J. Phys.: Condens. Matter 21, 463102, 2009). It needs no detailed balance and gives the
 * rate of the Markov chain itself, without bias, for any order parameter whose interfaces a path must cross.
 *
 * Order parameter: the size of the largest cluster, in atoms (the one the MFPT analysis uses). Basin A: largest cluster
 * <= lambdaA; interfaces lambdaA < lambda_0 < lambda_1 < ... < lambda_N, B = lambda_N (a size well past n*: the brute
 * force's `target` for a like-for-like rate). The state a run restarts from is the columns' heights alone (atomistic.ts
 * header, "Starting from a state": with the reservoir, lone host adatoms outside every halo are the implicit sea, which
 * has no memory, so the heights are the whole Markov state of the projected chain).
 *  1. Flux: one long trajectory in A, cut into segments by the Markov property (each segment a runAtomistic call from
 *     the previous segment's final heights, on its own seed): from A up to lambda_0 (the state at the crossing is kept),
 *     then from there down to A or up to B. A trajectory that reaches B is restarted from the empty box (the time up to
 *     B counts: it was last in A). Phi_0 = crossings / time, after `burnIn` crossings are dropped with their time.
 *  2. Stages: for i = 0 .. N-1, M_i trials, each from a state drawn at random (with replacement) from stage i's starts
 *     (the flux crossings for i = 0, the successes of stage i-1 after), run until the largest cluster reaches
 *     lambda_{i+1} (success: its state starts stage i+1) or falls to lambdaA (failure). P_i = successes / M_i.
 *  3. Rate of the box k_AB = Phi_0 x prod_i P_i; J per site = k_AB / L^2 (of a host box; a SAC box's rate is the host
 *     sites' part plus the SAC's, as in the scan).
 * Interval: the 2009 review's variance of direct FFS to first order (each stage binomial, stages independent):
 *   Var(k)/k^2 = Var(Phi)/Phi^2 + sum_i (1 - P_i) / (P_i M_i),
 * with Var(Phi)/Phi^2 = Var(dt)/(n mean(dt)^2) over the n intervals dt between counted crossings (the crossings as a
 * renewal process), and the 95 % interval exp(ln k +- 1.96 sqrt(Var(k)/k^2)). It leaves out the correlation between
 * trials that start from the same state (the review's branching term), so it can be too narrow when a stage has few
 * distinct starts; the validation study checks the coverage by independent repetitions (docs/nucleation-history.md, "Forward
 * flux sampling").
 * Cost: every event of every segment and trial is counted (`events`), to be set beside brute force's, which needs about
 * (event rate of the box) / k_AB events per nucleation.
 */
import { Rng } from '../kmc/rng.js';
import { runAtomistic, type AtomisticSpec } from './atomistic.js';

/** a box spec without what FFS sets itself (the seed, the start, the stops) */
export type FfsBoxSpec = Omit<AtomisticSpec, 'seed' | 'target' | 'lambdaA' | 'initialHeights' | 'returnHeights' | 'initialAtoms'>;

export interface FfsOptions {
  /** basin A: the largest cluster holds lambdaA atoms or fewer */
  lambdaA: number;
  /** lambda_0 < ... < lambda_N, all above lambdaA; lambda_N is B, the size a transition is counted at */
  interfaces: readonly number[];
  /** crossings of lambda_0 to count in the flux phase (after burnIn) */
  fluxCrossings: number;
  /** trials per stage: one number for every stage, or one per stage (N numbers) */
  trials: number | readonly number[];
  seed: number;
  /** crossings dropped at the start of the flux phase with their time (the empty box is not yet A's steady state; default 10) */
  burnIn?: number;
  /** event budget of one segment or trial (default 2e7); one that runs out is counted in `unfinished` and taken as a failure */
  maxEventsPerRun?: number;
  /** called after the flux phase and after each stage (progress lines) */
  progress?: (m: string) => void;
  /** hand back the states at each interface (FfsResult.states; the scan's capture factor reads the clusters there; default false) */
  keepStates?: boolean;
  /** end the ladder early once B is past n*: after a stage to an interface >= minB whose P and the stage before's are both
   * >= p, that interface is B (FfsResult.interfaces ends there). Absent: every interface is run (the studies' runs) */
  stopWhenCommitted?: { minB: number; p: number };
  /** read between segments and trials: when it turns true, runFfs throws FfsStopped */
  signal?: { readonly aborted: boolean };
}

/** thrown by runFfs when its signal was set */
export class FfsStopped extends Error { constructor() { super('ffs: stopped'); this.name = 'FfsStopped'; } }

export interface FfsStage {
  from: number; to: number;
  trials: number; successes: number;
  /** P_i = successes / trials */
  p: number;
  /** distinct start states the trials drew from */
  starts: number;
  events: number;
  /** trials that ran out of their event budget (counted as failures) */
  unfinished: number;
}

export interface FfsResult {
  lambdaA: number; interfaces: number[];
  /** Phi_0: first crossings of lambda_0 after a visit to A per unit time, 1/s */
  flux_per_s: number;
  /** Var(Phi)/Phi^2 from the crossing intervals */
  fluxRelVar: number;
  fluxCrossings: number; fluxTime_s: number; fluxEvents: number;
  /** times the flux trajectory reached B (restarted from the empty box) */
  fluxReachedB: number;
  stages: FfsStage[];
  /** k_AB = Phi_0 x prod P_i, 1/s (0 when a stage had no success: then only an upper bound is known) */
  rate_per_s: number;
  /** 95 % interval of k_AB from the 2009 variance (header) */
  rateLo_per_s: number; rateHi_per_s: number;
  /** Var(k)/k^2, the relative variance the interval is drawn from */
  relVar: number;
  /** k_AB / L^2 */
  J_per_site_s: number;
  /** with keepStates: states[i] = the heights at interface i that stage i drew from (the flux crossings for i = 0, the
   * successes of stage i - 1 after; the last entry, B's, the last stage's successes) */
  states?: Int32Array[][];
  /** every event simulated: the flux phase and every trial */
  events: number;
  /** process.cpuUsage() over the call: the whole process's CPU (every thread; Node 20 has no per-thread clock) */
  cpu_s: number;
  /** wall time of the call, s (branch ffspar: the per-repetition figure when repetitions run on several threads) */
  wall_s: number;
  /** simulated events per simulated second in A (flux phase): what brute force would spend, events per nucleation = this / k_AB */
  eventRate_per_s: number;
}

/** 53-bit seeds from a master stream: every segment and trial gets its own */
function seeder(seed: number): () => number {
  const r = new Rng(seed);
  return () => (r.nextU32() >>> 0) * 2097152 + (r.nextU32() >>> 11);
}

export function checkFfsOptions(o: FfsOptions): void {
  const bad = (what: string, v: unknown, expected: string): never => { throw new Error(`ffs: ${what} = ${JSON.stringify(v)}: expected ${expected}`); };
  if (!(Number.isInteger(o.lambdaA) && o.lambdaA >= 0)) bad('lambdaA', o.lambdaA, 'a whole number of atoms >= 0');
  if (o.interfaces.length < 1) bad('interfaces', o.interfaces, 'at least lambda_0 and B');
  let prev = o.lambdaA;
  for (const l of o.interfaces) { if (!(Number.isInteger(l) && l > prev)) bad('interfaces', o.interfaces, `whole numbers of atoms rising from above lambdaA (${o.lambdaA})`); prev = l; }
  if (!(Number.isInteger(o.fluxCrossings) && o.fluxCrossings >= 2)) bad('fluxCrossings', o.fluxCrossings, 'a whole number >= 2');
  const M = typeof o.trials === 'number' ? null : o.trials;
  if (M && M.length !== o.interfaces.length - 1) bad('trials', o.trials, `one number per stage (${o.interfaces.length - 1})`);
  for (const m of M ?? [o.trials as number]) if (!(Number.isInteger(m) && m >= 1)) bad('trials', o.trials, 'whole numbers >= 1');
}

export function runFfs(box: FfsBoxSpec, o: FfsOptions): FfsResult {
  checkFfsOptions(o);
  const cpu0 = process.cpuUsage(), wall0 = performance.now();
  const nextSeed = seeder(o.seed);
  const pick = new Rng(o.seed + 1);
  const maxEv = o.maxEventsPerRun ?? 2e7;
  const burnIn = o.burnIn ?? 10;
  const lam0 = o.interfaces[0]!, B = o.interfaces[o.interfaces.length - 1]!;
  const N = box.L * box.L;
  const base = { ...box, maxEvents: maxEv, returnHeights: true } as const;
  const empty = new Int32Array(N);

  // 1. flux: segments A -> lambda_0 (keep the state) and lambda_0 -> A or B
  let state: Int32Array = empty;
  let t = 0, tStart = NaN, tLast = NaN, events = 0, counted = 0, seen = 0, reachedB = 0;
  const dts: number[] = [];
  const starts0: Int32Array[] = [];
  const stop = () => { if (o.signal?.aborted) throw new FfsStopped(); };
  while (counted < o.fluxCrossings) {
    stop();
    const up = runAtomistic({ ...base, target: lam0, initialHeights: state, seed: nextSeed() });
    events += up.events; t += up.time_s;
    if (up.stop !== 'target') throw new Error(`ffs: the flux phase did not reach lambda_0 = ${lam0} within ${maxEv} events from A (stop: ${up.stop}); lower lambda_0 or raise maxEventsPerRun`);
    seen++;
    if (seen === burnIn + 1) { tStart = t; tLast = t; starts0.push(up.finalHeights!); }
    else if (seen > burnIn + 1) { dts.push(t - tLast); tLast = t; counted++; starts0.push(up.finalHeights!); }
    const down = runAtomistic({ ...base, target: B, lambdaA: o.lambdaA, initialHeights: up.finalHeights!, seed: nextSeed() });
    events += down.events; t += down.time_s;
    if (down.stop === 'target') { reachedB++; state = empty; }
    else if (down.stop === 'basin') state = down.finalHeights!;
    else throw new Error(`ffs: the flux phase neither fell back to A (<= ${o.lambdaA}) nor reached B (${B}) within ${maxEv} events (stop: ${down.stop})`);
  }
  const fluxTime = tLast - tStart;
  const flux = counted / fluxTime;
  const meanDt = fluxTime / counted;
  const varDt = dts.reduce((a, d) => a + (d - meanDt) ** 2, 0) / Math.max(1, dts.length - 1);
  const fluxRelVar = varDt / (counted * meanDt * meanDt);
  // the state at the crossing that opened the counted window is a start too; counted intervals end at the others
  const fluxEvents = events;
  // every segment's events over every segment's time (all of it in A's region, h_A = 1, or on the way to B)
  const eventRate = events / t;
  o.progress?.(`flux: ${counted} crossings of ${lam0} in ${fluxTime.toExponential(3)} s, Phi_0 ${flux.toExponential(3)} /s (+-${(100 * Math.sqrt(fluxRelVar)).toFixed(1)} %), ${events} events, B reached ${reachedB} times`);

  // 2. stages
  const stages: FfsStage[] = [];
  let starts = starts0;
  let relVar = fluxRelVar, rate = flux;
  const kept: Int32Array[][] | undefined = o.keepStates ? [starts0] : undefined;
  let lastIf = o.interfaces.length - 1; // the index of B (earlier only when stopWhenCommitted ended the ladder)
  for (let i = 0; i + 1 < o.interfaces.length; i++) {
    const from = o.interfaces[i]!, to = o.interfaces[i + 1]!;
    const M = typeof o.trials === 'number' ? o.trials : o.trials[i]!;
    const next: Int32Array[] = [];
    let ev = 0, unfinished = 0;
    for (let m = 0; m < M; m++) {
      stop();
      const h0 = starts[pick.int(starts.length)]!;
      const r = runAtomistic({ ...base, target: to, lambdaA: o.lambdaA, initialHeights: h0, seed: nextSeed() });
      ev += r.events;
      if (r.stop === 'target') next.push(r.finalHeights!);
      else if (r.stop !== 'basin') unfinished++;
    }
    events += ev;
    const p = next.length / M;
    stages.push({ from, to, trials: M, successes: next.length, p, starts: starts.length, events: ev, unfinished });
    o.progress?.(`stage ${from} -> ${to}: ${next.length}/${M} (P ${p.toFixed(4)}), ${ev} events${unfinished ? `, ${unfinished} out of budget` : ''}`);
    rate *= p;
    if (next.length === 0) { relVar = Infinity; break; }
    relVar += (1 - p) / (p * M);
    starts = next;
    kept?.push(next);
    const c = o.stopWhenCommitted;
    if (c && to >= c.minB && p >= c.p && i > 0 && stages[i - 1]!.p >= c.p) { lastIf = i + 1; break; }
  }
  const half = 1.96 * Math.sqrt(relVar);
  const cpu = process.cpuUsage(cpu0);
  return {
    lambdaA: o.lambdaA, interfaces: o.interfaces.slice(0, lastIf + 1),
    flux_per_s: flux, fluxRelVar, fluxCrossings: counted, fluxTime_s: fluxTime, fluxEvents, fluxReachedB: reachedB,
    stages, rate_per_s: rate,
    rateLo_per_s: rate > 0 ? rate * Math.exp(-half) : 0, rateHi_per_s: rate > 0 ? rate * Math.exp(half) : Infinity,
    relVar, J_per_site_s: rate / N, ...(kept ? { states: kept } : {}), events, cpu_s: (cpu.user + cpu.system) / 1e6, wall_s: (performance.now() - wall0) / 1000, eventRate_per_s: eventRate,
  };
}

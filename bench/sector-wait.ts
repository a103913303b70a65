/**
 * Where the two-core sector scheme's waiting goes (twocore69, issue 11 target 3). The film-growth benchmark's box
 * (src/bench/film.ts: Li on Cu, 50 nm voxels, 100 x 100 x 80, Plate <charge> at 3 mA/cm2, seed 1) on two threads with
 * `waitLog` (every phase timed on a clock both threads share, each thread's garbage collections), the serial engine
 * taking turns with it, and each thread's waiting at the barriers cut into causes that sum to it:
 *
 *   node dist/bench/sector-wait.js [repeats] [--charge '0.3 mAh/cm2'] [--configs 40,100] [--variants serial,2] [--out file]
 *
 * A config is events per cycle (windowEvents), with tags: `:spin` (the barrier never sleeps: SectorOptions.barrier
 * 'spin'), `:young<MB>` (the threads' young generation, MB: SectorOptions.youngGenerationMb).
 *
 * For thread s in a phase where it waited (the other thread o; times on the shared clock; sector-worker.ts WAIT_LOG_FIELDS):
 *  - stall: its wait over STALL_MS (preemption, a collection, a page fault ...; split by whether o collected garbage
 *    within its phase);
 *  - turns: a phase of the endgame's turns (more than one barrier);
 *  - arrived last: s reached the barrier after o (its wait is the wake-up call, Atomics.notify);
 *  - else s arrived first, and its wait = (its departure - o's arrival: the barrier's latency)
 *    + (o's departure from the last barrier - s's: the last barrier's latency carried over)
 *    + (o's - s's time from that departure to the phase's start: taking the changes, the cycle's end)
 *    + c (E_o - E_s)  expected imbalance (E: the strip's rate at the phase's start x tau; c: seconds per event, the slope
 *                      of a phase's kMC seconds on its events over every phase without a stall)
 *    + c ((N_o - E_o) - (N_s - E_s))  the events' random fluctuation about their expectation (N: events run)
 *    + (kmc_o - kmc_s) - c (N_o - N_s)  the cost per event (expensive events, caches, collections, short preemptions)
 *    + (o's - s's time from its kMC's end to its arrival: writing its change list, publishing the sums)
 *    + the timer's rest (what bar.wait() measured minus the departure - arrival span).
 * Also the waits outside the phases (start, early looks, end), the bare barrier's cost under the same load (x the
 * barriers), the distribution of |kmc_o - kmc_s| against c |N_o - N_s| and c |E_o - E_s| per phase, and the garbage
 * collections. Deterministic: events, phases, events per phase per thread. Load averages beside every row: on a busy
 * machine the wall times and the stalls are the machine's as much as the scheme's.
 */
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { CTRL_WORDS, WAIT_LOG_FIELDS } from '../src/parallel/sectors.js';
import { meanInterval } from '../src/stats/interval.js';
import { checkArgs, refuseArgs } from './args.js';
import type { SectorWaitLog } from '../src/parallel/sector-worker.js';

const USAGE = "node dist/bench/sector-wait.js [repeats] [--charge '0.3 mAh/cm2'] [--configs 40,100,40:spin,40:young64] [--variants serial,2] [--out file]\n" +
  '  the film benchmark on two sector threads with every phase timed, taking turns with the serial engine; the waiting at the barriers by cause\n';
checkArgs('sector-wait', USAGE, [], ['--charge', '--configs', '--variants', '--out'], 1);
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const refuse = (why: string) => refuseArgs('sector-wait', USAGE, why);
const charge = opt('--charge') ?? '0.3 mAh/cm2';
const configText = opt('--configs') ?? '40';
const configs = configText.split(',').map((c) => {
  const [w, ...tags] = c.split(':');
  const young = tags.map((t) => /^young(\d+)$/.exec(t)).find((m) => m !== null);
  const unknown = tags.filter((t) => t !== 'spin' && !/^young\d+$/.test(t));
  return { name: c, win: Number(w), spin: tags.includes('spin'), young: young ? Number(young[1]) : null, unknown };
});
if (configs.some((c) => !(c.win >= 1) || c.unknown.length > 0)) refuse(`--configs: events per cycle >= 1, each optionally :spin and :young<MB>, got ${configText}`);
const variants = new Set((opt('--variants') ?? 'serial,2').split(','));
if ([...variants].some((v) => v !== 'serial' && v !== '2')) refuse(`--variants: serial and/or 2, got ${[...variants].join(',')}`);
const out = opt('--out');
const repeats = Number(args[0] ?? 1);
if (!(Number.isInteger(repeats) && repeats >= 1)) refuse(`repeats: a whole number >= 1, got ${String(args[0])}`);
const [{ Simulation }, { parseRunInput }, { filmRunInput }, { runSectors }] = await Promise.all([
  import('../src/simulation/simulation.js'), import('../src/input/parse.js'), import('../src/bench/film.js'), import('../src/parallel/sector-run.js'),
]);
const input = { ...filmRunInput(), protocol: [`Plate ${charge} at 3 mA/cm2`] };

/** a wait over this is a stall, ms */
const STALL_MS = 1;
const F = WAIT_LOG_FIELDS.length;
const C = Object.fromEntries(WAIT_LOG_FIELDS.map((n, i) => [n, i])) as Record<(typeof WAIT_LOG_FIELDS)[number], number>;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

/** per phase, ms of thread's garbage collection within [lo, hi] (gc: start ms, duration ms, kind) */
function gcOverlap(gc: number[], lo: Float64Array, hi: Float64Array): Float64Array {
  const o = new Float64Array(lo.length);
  const spans: [number, number][] = [];
  for (let i = 0; i < gc.length; i += 3) spans.push([gc[i]!, gc[i]! + gc[i + 1]!]);
  spans.sort((a, b) => a[0] - b[0]);
  let j = 0;
  for (let k = 0; k < lo.length; k++) {
    while (j < spans.length && spans[j]![1] < lo[k]!) j++;
    for (let m = j; m < spans.length && spans[m]![0] <= hi[k]!; m++) o[k] = o[k]! + Math.max(0, Math.min(hi[k]!, spans[m]![1]) - Math.max(lo[k]!, spans[m]![0]));
  }
  return o;
}

const quantiles = (xs: number[], qs = [0.5, 0.9, 0.99]) => { const s = [...xs].sort((a, b) => a - b); return qs.map((q) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!); };

/** The waiting of both threads cut into causes (see the header), from their wait logs. */
function attribute(w: SectorWaitLog[], waitTotal: number[]) {
  const n = w[0]!.phases.length / F;
  if (w[1]!.phases.length / F !== n) throw new Error('the threads logged different phase counts');
  const col = (t: number, c: number) => { const a = new Float64Array(n); for (let k = 0; k < n; k++) a[k] = w[t]!.phases[k * F + c]!; return a; };
  const ev = [col(0, C.events), col(1, C.events)], ex = [col(0, C.expected_events), col(1, C.expected_events)];
  const ts = [col(0, C.t_start_ms), col(1, C.t_start_ms)], tk = [col(0, C.t_kmc_end_ms), col(1, C.t_kmc_end_ms)];
  const ta = [col(0, C.t_arrive_ms), col(1, C.t_arrive_ms)], td = [col(0, C.t_depart_ms), col(1, C.t_depart_ms)];
  const wt = [col(0, C.wait_s), col(1, C.wait_s)], nb = [col(0, C.barriers), col(1, C.barriers)];
  const sl = [col(0, C.slept), col(1, C.slept)], no = [col(0, C.notified), col(1, C.notified)];
  const kmc = [0, 1].map((t) => tk[t]!.map((x, k) => x - ts[t]![k]!));
  const stall = (k: number) => wt[0]![k]! * 1e3 > STALL_MS || wt[1]![k]! * 1e3 > STALL_MS;
  // c: the slope of kMC ms on events over the one-barrier phases without a stall, both threads (least squares)
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (let k = 0; k < n; k++) if (!stall(k) && nb[0]![k] === 1) for (const t of [0, 1]) { const x = ev[t]![k]!, y = kmc[t]![k]!; sx += x; sy += y; sxx += x * x; sxy += x * y; m++; }
  const c_ms = (m * sxy - sx * sy) / (m * sxx - sx * sx), a_ms = (sy - c_ms * sx) / m;
  const mean_ms_per_event = sy / sx;
  const gcKmc = [0, 1].map((t) => gcOverlap(w[t]!.gc, ts[t]!, tk[t]!));
  const gcPhase = [0, 1].map((t) => gcOverlap(w[t]!.gc, k0(td[t]!, ts[t]!), ta[t]!));
  function k0(dep: Float64Array, st: Float64Array): Float64Array { const a = new Float64Array(n); for (let k = 0; k < n; k++) a[k] = k === 0 ? st[0]! : dep[k - 1]!; return a; }
  /** the causes per thread over the phases `use` keeps (all: the thread's whole wait) */
  const causes = (use: (k: number) => boolean) => [0, 1].map((s) => {
    const o = 1 - s;
    const r = {
      wait_s: waitTotal[s]!, outside_phases_s: w[s]!.otherWait_s, outside_barriers: w[s]!.otherBarriers,
      stall_s: 0, stall_phases: 0, stall_gc_other_s: 0, stall_gc_other_phases: 0, stall_latency_s: 0,
      turns_s: 0, arrived_last_s: 0, arrived_last_phases: 0,
      latency_s: 0, latency_carried_s: 0, exchange_take_and_cycle_end_s: 0,
      expected_imbalance_s: 0, fluctuation_s: 0, cost_per_event_s: 0, cost_per_event_gc_s: 0, change_list_and_publish_s: 0, timer_rest_s: 0,
      phase_wait_s: 0, waited_phases: 0, slept_phases: 0, notified_phases: 0,
      waited_phases_expected_diff_mean: 0, waited_phases_events_diff_mean: 0,
    };
    for (let k = 0; k < n; k++) {
      if (!use(k)) continue;
      const v = wt[s]![k]!;
      if (sl[s]![k]! > 0) r.slept_phases++;
      if (no[s]![k]! > 0) r.notified_phases++;
      if (v <= 0) continue;
      r.waited_phases++; r.phase_wait_s += v;
      if (v * 1e3 > STALL_MS) {
        r.stall_s += v; r.stall_phases++;
        r.stall_latency_s += Math.max(0, td[s]![k]! - Math.max(ta[o]![k]!, ta[s]![k]!)) / 1e3;
        if (gcPhase[o]![k]! > 0) { r.stall_gc_other_s += v; r.stall_gc_other_phases++; }
        continue;
      }
      if (nb[s]![k]! > 1) { r.turns_s += v; continue; }
      if (ta[s]![k]! >= ta[o]![k]!) { r.arrived_last_s += v; r.arrived_last_phases++; continue; }
      const lat = (td[s]![k]! - ta[o]![k]!) / 1e3;
      const carried = k === 0 ? (ts[o]![0]! - ts[s]![0]!) / 1e3 : (td[o]![k - 1]! - td[s]![k - 1]!) / 1e3;
      const post = k === 0 ? 0 : ((ts[o]![k]! - td[o]![k - 1]!) - (ts[s]![k]! - td[s]![k - 1]!)) / 1e3;
      const dE = ex[o]![k]! - ex[s]![k]!, dN = ev[o]![k]! - ev[s]![k]!;
      const dK = (kmc[o]![k]! - kmc[s]![k]!) / 1e3;
      const book = ((ta[o]![k]! - tk[o]![k]!) - (ta[s]![k]! - tk[s]![k]!)) / 1e3;
      const expd = (c_ms * dE) / 1e3, fluct = (c_ms * (dN - dE)) / 1e3, cost = dK - (c_ms * dN) / 1e3;
      r.latency_s += lat; r.latency_carried_s += carried; r.exchange_take_and_cycle_end_s += post;
      r.expected_imbalance_s += expd; r.fluctuation_s += fluct; r.cost_per_event_s += cost; r.change_list_and_publish_s += book;
      r.cost_per_event_gc_s += (gcKmc[o]![k]! - gcKmc[s]![k]!) / 1e3;
      r.timer_rest_s += v - (lat + carried + post + expd + fluct + cost + book);
      r.waited_phases_expected_diff_mean += dE; r.waited_phases_events_diff_mean += dN;
    }
    const regular = r.waited_phases - r.stall_phases - r.arrived_last_phases;
    r.waited_phases_expected_diff_mean /= Math.max(1, regular); r.waited_phases_events_diff_mean /= Math.max(1, regular);
    const parts = r.outside_phases_s + r.stall_s + r.turns_s + r.arrived_last_s + r.latency_s + r.latency_carried_s + r.exchange_take_and_cycle_end_s + r.expected_imbalance_s + r.fluctuation_s + r.cost_per_event_s + r.change_list_and_publish_s + r.timer_rest_s;
    return { ...r, sum_of_parts_s: parts };
  });
  const threads = causes(() => true);
  // the phases in which neither thread slept at a barrier, in it or the phase before (both had a core: what an idle
  // machine's phases would look like); the waits outside the phases are not among them
  const spinPhases = (k: number) => k > 0 && sl[0]![k] === 0 && sl[1]![k] === 0 && sl[0]![k - 1] === 0 && sl[1]![k - 1] === 0 && nb[0]![k] === 1;
  let nSpin = 0;
  for (let k = 0; k < n; k++) if (spinPhases(k)) nSpin++;
  const spin = { phases: nSpin, threads: causes(spinPhases).map((t) => ({ ...t, outside_phases_s: 0, sum_of_parts_s: t.sum_of_parts_s - t.outside_phases_s })) };
  // per phase: |kmc_0 - kmc_1| against c |N_0 - N_1| and c |E_0 - E_1|, one-barrier phases without a stall (us)
  const dK: number[] = [], dN: number[] = [], dE: number[] = [], dP: number[] = [];
  let fluctSq = 0, expSum = 0, strips = 0, ev0 = 0, ev1 = 0, ex0 = 0, ex1 = 0;
  for (let k = 0; k < n; k++) {
    ev0 += ev[0]![k]!; ev1 += ev[1]![k]!; ex0 += ex[0]![k]!; ex1 += ex[1]![k]!;
    for (const t of [0, 1]) { fluctSq += (ev[t]![k]! - ex[t]![k]!) ** 2; expSum += ex[t]![k]!; strips++; }
    if (stall(k) || nb[0]![k] !== 1) continue;
    dK.push(Math.abs(kmc[0]![k]! - kmc[1]![k]!) * 1e3); dN.push(Math.abs(c_ms * (ev[0]![k]! - ev[1]![k]!)) * 1e3); dE.push(Math.abs(c_ms * (ex[0]![k]! - ex[1]![k]!)) * 1e3);
    dP.push(Math.abs((ta[0]![k]! - ta[1]![k]!)) * 1e3);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // the shared clock checked: a thread leaves a one-barrier phase's barrier after the other reached it (0.05 ms allowed)
  let clockViolations = 0;
  for (let k = 0; k < n; k++) if (nb[0]![k] === 1) for (const t of [0, 1]) if (td[t]![k]! < ta[1 - t]![k]! - 0.05) clockViolations++;
  // what the work alone would make with a barrier that costs nothing (both threads leave it at once), per thread over
  // the one-barrier phases without a stall: the sum of max(0, other - own) for the busy time between barriers (its
  // kMC, change lists, sums, the others' changes taken, the cycle's end), for the kMC alone, for c x the events run
  // and c x the expected events, and c x the events' departure from their expectation (the expected work balanced); beside the wait measured in the same phases
  const free = [0, 1].map((s) => {
    const o = 1 - s;
    let work = 0, kmcOnly = 0, events = 0, expected = 0, fluct = 0, measured = 0, phasesUsed = 0;
    for (let k = 1; k < n; k++) {
      if (stall(k) || nb[0]![k] !== 1 || nb[0]![k - 1] !== 1) continue;
      phasesUsed++;
      const busy = (t: number) => ta[t]![k]! - td[t]![k - 1]!;
      work += Math.max(0, busy(o) - busy(s)); kmcOnly += Math.max(0, kmc[o]![k]! - kmc[s]![k]!);
      events += Math.max(0, c_ms * (ev[o]![k]! - ev[s]![k]!)); expected += Math.max(0, c_ms * (ex[o]![k]! - ex[s]![k]!));
      fluct += Math.max(0, c_ms * ((ev[o]![k]! - ex[o]![k]!) - (ev[s]![k]! - ex[s]![k]!)));
      measured += wt[s]![k]! * 1e3;
    }
    return { phases: phasesUsed, busy_time_s: work / 1e3, kmc_s: kmcOnly / 1e3, events_times_c_s: events / 1e3, expected_times_c_s: expected / 1e3, fluctuation_times_c_s: fluct / 1e3, measured_wait_same_phases_s: measured / 1e3 };
  });
  const gcStats = (t: number) => {
    const g = w[t]!.gc, kinds: Record<string, { count: number; ms: number }> = {};
    let total = 0, inKmc = 0;
    for (let i = 0; i < g.length; i += 3) { const k = String(g[i + 2]); kinds[k] ??= { count: 0, ms: 0 }; kinds[k].count++; kinds[k].ms += g[i + 1]!; total += g[i + 1]!; }
    for (const x of gcKmc[t]!) inKmc += x;
    return { count: g.length / 3, ms: total, ms_within_kmc: inKmc, by_kind: kinds };
  };
  let kmcTot = [0, 0];
  for (const t of [0, 1]) for (const x of kmc[t]!) kmcTot[t]! += x / 1e3;
  return {
    phases: n, clock_violations: clockViolations, barriers_per_thread: [0, 1].map((t) => nb[t]!.reduce((a, b) => a + b, 0) + w[t]!.otherBarriers),
    events_threads: [ev0, ev1], expected_events_threads: [ex0, ex1], events_per_phase_threads: [ev0 / n, ev1 / n],
    events_fluctuation_dispersion: fluctSq / expSum, // var(N - E) / E over strip phases (1 for Poisson with a steady rate)
    kmc_s_threads: kmcTot,
    per_event_fit: { intercept_us: a_ms * 1e3, slope_us: c_ms * 1e3, mean_us: mean_ms_per_event * 1e3, phases_used: m / 2 },
    per_phase_abs_diff_us: {
      kmc: { mean: mean(dK), q50_90_99: quantiles(dK) }, events_times_c: { mean: mean(dN), q50_90_99: quantiles(dN) },
      expected_times_c: { mean: mean(dE), q50_90_99: quantiles(dE) }, arrival: { mean: mean(dP), q50_90_99: quantiles(dP) }, phases: dK.length,
    },
    threads, spin_phases: spin, free_barrier: free, gc: [gcStats(0), gcStats(1)],
  };
}

/** seconds per barrier of two threads doing nothing else (EpochBarrier), timed inside the threads */
async function barrierCost(n = 200_000) {
  const url = new URL('../src/parallel/sectors.js', import.meta.url).href;
  const ctrl = new SharedArrayBuffer(4 * CTRL_WORDS);
  const code = `const { workerData: d, parentPort } = require('node:worker_threads');
    import(d.url).then(({ EpochBarrier }) => { const b = new EpochBarrier(new Int32Array(d.ctrl), 2, d.id); b.wait(); const t0 = performance.now(); let w = 0; for (let i = 1; i < d.n; i++) w += b.wait(); parentPort.postMessage([(performance.now() - t0) / 1000 / (d.n - 1), w / (d.n - 1), b.slept]); });`;
  const r = await Promise.all([0, 1].map((id) => new Promise<number[]>((ok, fail) => {
    const wk = new Worker(code, { eval: true, workerData: { url, ctrl, n, id } });
    wk.once('message', ok); wk.once('error', fail);
  })));
  return { barriers: n, wall_s_per_barrier: r.map((x) => x[0]!), wait_s_per_barrier: r.map((x) => x[1]!), slept: r.map((x) => x[2]!), load: load() };
}

type Config = (typeof configs)[number];
const rows: Record<string, unknown>[] = [];
const bare: Awaited<ReturnType<typeof barrierCost>>[] = [];
async function sector(c: Config, repeat: number) {
  const load_before = load(), c0 = cpuNow();
  const r = await runSectors(input, { threads: 2, windowEvents: c.win, waitLog: true, ...(c.spin ? { barrier: 'spin' as const } : {}) });
  const cpu = cpuNow() - c0;
  const a = attribute(r.waits!, r.wait_s_threads);
  return {
    variant: `sectors, 2 threads, ${c.name}`, config: c.name, repeat, load_before, load_after: load(), wall_s: r.wall_s, cpu_s: cpu, events: r.events, cycles: r.cycles,
    deposited_voxels: r.deposited_voxels, lattice_hash: r.lattice_hash, rms_roughness_nm: r.rms_roughness_nm, eta_plateau_mV: r.eta_plateau_mV,
    wait_s_threads: r.wait_s_threads, exchange_s_threads: r.exchange_s_threads, startup_s_threads: r.startup_s_threads,
    barrier_spun_threads: r.barrier_spun_threads, barrier_slept_threads: r.barrier_slept_threads, barrier_notified_threads: r.barrier_notified_threads,
    attribution: a,
  };
}
function serial(repeat: number) {
  const load_before = load(), c0 = cpuNow(), t0 = performance.now();
  const sim = new Simulation(parseRunInput(input), {});
  sim.runAll({});
  return { variant: 'serial (default)', repeat, load_before, load_after: load(), wall_s: (performance.now() - t0) / 1000, cpu_s: cpuNow() - c0, events: sim.events, deposited_voxels: sim.netVoxels };
}
for (let k = 0; k < repeats; k++) {
  bare.push(await barrierCost());
  if (variants.has('serial')) { rows.push(serial(k)); process.stderr.write(JSON.stringify(rows[rows.length - 1]) + '\n'); }
  if (variants.has('2')) for (const c of configs) {
    const row = await sector(c, k);
    rows.push(row);
    const t = row.attribution.threads;
    process.stderr.write(`${row.variant} repeat ${k}: wall ${row.wall_s.toFixed(2)} s, load ${row.load_before[0]} -> ${row.load_after[0]}, wait ${t.map((x) => x.wait_s.toFixed(2)).join(' / ')} s\n`);
  }
}
bare.push(await barrierCost());
const serialWall = (k: number) => (rows.find((r) => r.variant === 'serial (default)' && r.repeat === k) as { wall_s: number; deposited_voxels: number } | undefined);
const ratios = Object.fromEntries(configs.map((c) => {
  const xs: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const s = serialWall(k), r = rows.find((x) => x.config === c.name && x.repeat === k) as { wall_s: number; deposited_voxels: number } | undefined;
    if (s && r) xs.push((r.deposited_voxels / r.wall_s) / (s.deposited_voxels / s.wall_s));
  }
  if (xs.length === 0) return [c.name, null];
  const li = meanInterval(xs.map(Math.log));
  return [c.name, { per_repeat: xs, geometric_mean: Math.exp(li.mean), interval_95: xs.length > 1 ? [Math.exp(li.lo), Math.exp(li.hi)] : null }];
}));
const result = {
  date: new Date().toISOString(), node: process.version, cores: 2,
  commit: (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })(),
  input, configs: configs.map((c) => c.name), repeats, stall_ms: STALL_MS,
  note: 'busy machine unless the load averages say otherwise; the serial engine and the sector configs take turns in each repeat; attribution per thread: see bench/sector-wait.ts',
  two_threads_over_serial_wall: ratios, bare_barrier: bare, rows,
};
const text = JSON.stringify(result, null, 2) + '\n';
if (out) writeFileSync(out, text);
process.stdout.write(JSON.stringify({ two_threads_over_serial_wall: ratios }, null, 2) + '\n');

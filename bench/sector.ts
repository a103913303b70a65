/**
 * Two cores on one trajectory (issue 11, target 3): the film-growth benchmark (src/bench/film.ts:
 * Li on Cu, 50 nm voxels, 100 x 100 x 80, Plate 0.3 mAh/cm2 at 3 mA/cm2) run serially and with the
 * sector scheme (src/parallel/), taking turns in one process so that every variant sees the same
 * load of this shared machine:
 *
 *   node dist/bench/sector.js [repeats] [--deadline HH:MM] [--charge '0.3 mAh/cm2'] [--window 40 | --windows 40,100,40:random,40:start] [--max-tau 1] [--order fixed|random] [--sums start|averaged] [--variants serial,exact,1,2] [--reference <dist dir>] [--out file]
 *   (--help: this usage; an unknown argument is refused before any work)
 *
 * Variants, in this order within each repeat: serial (the default engine: first-passage lone
 * adatoms), serial with `adatoms: 'exact'` (what each sector thread runs), then per window (events
 * per cycle) the sector scheme on one thread (its overhead alone: thinning, cycles, held
 * overpotential) and on two threads. Reported
 * per variant and repeat: wall and CPU seconds, events, deposited voxels per wall second and per
 * CPU second, the statistics (roughness, nucleus density, eta plateau), and the load average before
 * and after; then the speed-up of two threads over each serial variant per repeat (wall clock,
 * same deposited charge) and its geometric mean. `--variants` picks some of them (serial: the default
 * engine, exact: hop by hop, 1 and 2: the sector scheme's threads; all four by default). Two-thread
 * rows also give the phases' balance (the sector runs' phaseLog): events per strip and phase, the
 * mean difference between the two threads' events and between their expected events (the strip's
 * rate at the phase's start x tau: the imbalance the strips' rates set, whatever the machine's load),
 * and the kMC seconds summed over phases of the slower thread against the mean thread's.
 * `--reference <dist dir>` also runs another build's sector scheme (its dist/src/parallel/sector-run.js,
 * e.g. the previous commit built in /tmp) on the same thread counts, taking its turn after this
 * build's: a before/after comparison in one process (on one thread also as a CPU-seconds ratio).
 * `--sums` (this build's sector runs only; default runSectors' DEFAULT_SUMS, 'averaged' since branch sectordef, 'start'
 * before: an output without a `sums` field ran with 'start'): the sums the double layer is advanced with over a cycle
 * (SectorOptions.sums); a window's `:start` or `:averaged` sets them for that configuration alone (`--windows
 * 40:averaged,40:start`: both sums on this build, taking turns; `over_first_config` then gives each configuration's
 * two-thread voxels per wall second and CPU seconds per event over the first's, per repeat).
 */
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { runSectors as RunSectors } from '../src/parallel/sector-run.js';
import { CTRL_WORDS, DEFAULT_WINDOW_EVENTS, DEFAULT_SUMS } from '../src/parallel/sectors.js';
import { meanInterval } from '../src/stats/interval.js';
import { checkArgs, refuseArgs } from './args.js';

const USAGE = "node dist/bench/sector.js [repeats] [--deadline HH:MM] [--charge '0.3 mAh/cm2'] [--window 40 | --windows 40,100,40:random,40:start] [--max-tau 1] [--order fixed|random] [--sums start|averaged] [--variants serial,exact,1,2] [--reference <dist dir>] [--out file]\n" +
  '  the film benchmark serially and with the sector scheme on 1 and 2 threads, taking turns (repeats: 2 by default; minutes each)\n';
// --help ran the barrier cost and printed an empty result; a mistyped flag ran every repeat with it ignored
checkArgs('sector', USAGE, [], ['--deadline', '--charge', '--window', '--windows', '--max-tau', '--order', '--sums', '--variants', '--reference', '--out'], 1);

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const charge = opt('--charge') ?? '0.3 mAh/cm2';
const windowOpt = opt('--windows') ?? opt('--window') ?? String(DEFAULT_WINDOW_EVENTS);
/** sector configurations: events per cycle, with ':random' for the strip order drawn per cycle (else --order) and ':start' or ':averaged' for the sums (else --sums) */
const configs = windowOpt.split(',').map((c) => {
  const [w, ...tags] = c.split(':');
  const pick = <T extends string>(of: readonly T[]) => (tags.find((t) => (of as readonly string[]).includes(t)) ?? null) as T | null;
  const unknown = tags.filter((t) => !['fixed', 'random', 'start', 'averaged'].includes(t));
  return { win: Number(w), order: pick(['fixed', 'random'] as const), sums: pick(['start', 'averaged'] as const), unknown };
});
// (each value refused with the usage before any work, exit 2, as checkArgs refuses: a bad --order or --max-tau was
// refused by runSectors only when the first sector variant started, after the serial variants' minutes, and a bad
// --deadline was read as NaN, no deadline; review34)
const refuse = (why: string) => refuseArgs('sector', USAGE, why);
if (configs.some((c) => !(c.win >= 1) || c.unknown.length > 0)) refuse(`--windows: events per cycle >= 1, each optionally :fixed or :random and :start or :averaged, got ${windowOpt}`);
const windows = configs.map((c) => c.win);
const maxTauOpt = opt('--max-tau');
const maxTau = Number(maxTauOpt ?? 1);
if (!(maxTau > 0 && Number.isFinite(maxTau))) refuse(`--max-tau: a number of the double layer's averaging windows > 0 (default 1), got ${String(maxTauOpt)}`);
const phaseOrder = (opt('--order') ?? 'fixed') as 'fixed' | 'random';
if (phaseOrder !== 'fixed' && phaseOrder !== 'random') refuse(`--order: fixed or random, got ${String(phaseOrder)}`);
const sums = (opt('--sums') ?? DEFAULT_SUMS) as 'start' | 'averaged';
if (sums !== 'start' && sums !== 'averaged') refuse(`--sums: start or averaged, got ${String(sums)}`);
const out = opt('--out');
const referenceDir = opt('--reference');
const referenceRun = referenceDir ? ((await import(new URL(`file://${referenceDir}/src/parallel/sector-run.js`).href)) as { runSectors: typeof RunSectors }).runSectors : null;
const variants = new Set((opt('--variants') ?? 'serial,exact,1,2').split(','));
if ([...variants].some((v) => !['serial', 'exact', '1', '2'].includes(v))) refuse(`--variants: a list of serial, exact, 1, 2, got ${[...variants].join(',')}`);
/** --deadline HH:MM (UTC): no repeat starts that the last one's duration says would end after it (taken out of args
 *  before the repeats are read: `--deadline 05:00` first was read as repeats "--deadline", until review34) */
const deadlineOpt = opt('--deadline');
if (deadlineOpt !== undefined && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(deadlineOpt)) refuse(`--deadline: a UTC time HH:MM, e.g. 05:00, got ${deadlineOpt}`);
const maxRepeats = Number(args[0] ?? 2);
if (!(Number.isInteger(maxRepeats) && maxRepeats >= 1)) refuse(`repeats: a whole number >= 1, got ${String(args[0])}`);
// the engine's modules, loaded once the command line is checked: --help or a refusal took 0.4 CPU s with them loaded
// first, 0.15 without (cli-flags' seven spawns of this bench; branch testtime12)
const [{ Simulation }, { parseRunInput }, { filmRunInput }, { runSectors }] = await Promise.all([
  import('../src/simulation/simulation.js'), import('../src/input/parse.js'), import('../src/bench/film.js'), import('../src/parallel/sector-run.js'),
]);
const deadline = deadlineOpt ? (() => { const [h, m] = deadlineOpt.split(':').map(Number); const d = new Date(); d.setUTCHours(h!, m!, 0, 0); return d.getTime(); })() : Infinity;
let repeats = 0;
const input = { ...filmRunInput(), protocol: [`Plate ${charge} at 3 mA/cm2`] };
const area_cm2 = (() => { const [nx, ny] = (filmRunInput().lattice as { size: number[] }).size; return nx! * ny! * (50e-7) ** 2; })(); // 50 nm voxels

interface Row {
  variant: string; repeat: number; load_before: number[]; load_after: number[];
  wall_s: number; cpu_s: number; events: number; deposited_voxels: number;
  voxels_per_wall_s: number; voxels_per_cpu_s: number; events_per_wall_s: number;
  /** reductions that started a nucleus (first-layer site, no metal neighbour) per um2: the app's counter, both engines
   *  (the islands-on-host density of the final lattice is 1 island at the end of a film) */
  rms_roughness_nm: number; mean_height_nm: number; nucleation_events_per_um2: number; eta_plateau_mV: number;
  extra?: Record<string, unknown>;
}
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

function serial(adatoms: 'first-passage' | 'exact', repeat: number): Row {
  const load_before = loadavg();
  const c0 = cpuNow(), t0 = performance.now();
  const sim = new Simulation(parseRunInput(input), { engine: { adatoms } });
  sim.runAll({});
  const wall = (performance.now() - t0) / 1000, cpu = cpuNow() - c0;
  const r = sim.stepResults[0]!, tr = sim.trace;
  const tEnd = tr.time_s[tr.time_s.length - 1]!;
  // eta plateau: mean over the trace rows of the second half of the charge (rows are equal charge windows), cathodic positive
  let s = 0, n = 0;
  for (let i = 0; i < tr.time_s.length; i++) if (tr.time_s[i]! >= tEnd / 2) { s += -tr.overpotential_mV[i]!; n++; }
  const area_um2 = sim.area_cm2 * 1e8;
  return {
    variant: `serial (adatoms: ${adatoms})`, repeat, load_before, load_after: loadavg(), wall_s: wall, cpu_s: cpu,
    events: sim.events, deposited_voxels: sim.netVoxels, voxels_per_wall_s: sim.netVoxels / wall, voxels_per_cpu_s: sim.netVoxels / cpu,
    events_per_wall_s: sim.events / wall,
    rms_roughness_nm: r.rms_roughness_nm, mean_height_nm: r.mean_height_nm,
    nucleation_events_per_um2: sim.app.counters.nucleations / area_um2, eta_plateau_mV: s / n,
  };
}

type Config = (typeof configs)[number];
const configName = (c: Config) => `${c.win} events per cycle${(c.order ?? phaseOrder) === 'random' ? ', strip order drawn' : ''}${c.sums !== null ? `, sums ${c.sums}` : ''}`;
const sectorName = (threads: number, c: Config) => `sectors, ${threads} thread${threads > 1 ? 's' : ''}, ${configName(c)}`;

async function sectors(threads: number, c: Config, repeat: number, reference = false): Promise<Row> {
  const load_before = loadavg();
  const c0 = cpuNow();
  const r = reference
    ? await referenceRun!(input, { threads, windowEvents: c.win, maxTauOverAvg: maxTau, phaseOrder: c.order ?? phaseOrder })
    : await runSectors(input, { threads, windowEvents: c.win, maxTauOverAvg: maxTau, phaseOrder: c.order ?? phaseOrder, sums: c.sums ?? sums, phaseLog: threads === 2 });
  const cpu = cpuNow() - c0; // process CPU: every thread
  let balance: Record<string, number> | undefined;
  if (r.phases) {
    const [a, b] = r.phases as [Float64Array, Float64Array];
    const n = Math.min(a.length, b.length) / 3;
    let ev = 0, dEv = 0, dExp = 0, kmcA = 0, kmcB = 0, kmcMax = 0;
    for (let i = 0; i < 3 * n; i += 3) {
      ev += a[i]! + b[i]!; dEv += Math.abs(a[i]! - b[i]!); dExp += Math.abs(a[i + 1]! - b[i + 1]!);
      kmcA += a[i + 2]!; kmcB += b[i + 2]!; kmcMax += Math.max(a[i + 2]!, b[i + 2]!);
    }
    balance = { phases: n, events_per_strip_phase: ev / (2 * n), mean_abs_diff_events: dEv / n, mean_abs_diff_expected_events: dExp / n, kmc_s_threads_0: kmcA, kmc_s_threads_1: kmcB, kmc_s_slower_thread_summed: kmcMax };
  }
  return {
    variant: (reference ? 'reference build: ' : '') + sectorName(threads, c), repeat, load_before, load_after: loadavg(), wall_s: r.wall_s, cpu_s: cpu,
    events: r.events, deposited_voxels: r.deposited_voxels, voxels_per_wall_s: r.deposited_voxels / r.wall_s, voxels_per_cpu_s: r.deposited_voxels / cpu,
    events_per_wall_s: r.events / r.wall_s,
    rms_roughness_nm: r.rms_roughness_nm, mean_height_nm: r.mean_height_nm, nucleation_events_per_um2: r.nucleations / (1e8 * area_cm2), eta_plateau_mV: -r.eta_plateau_mV, // (cathodic positive, as the serial row's: runSectors gives it negative while plating since mends55)
    extra: {
      rejected: r.rejected, cycles: r.cycles, mean_tau_s: r.mean_tau_s, mean_tau_over_averaging_window: r.mean_tau_over_averaging_window,
      phase_balance: balance,
      work_s_threads: r.wait_s_threads.map((x, i) => r.wall_s - x - r.exchange_s_threads[i]!),
      wait_s_threads: r.wait_s_threads, exchange_s_threads: r.exchange_s_threads, taken_threads: r.taken_threads, barrier_spun_threads: r.barrier_spun_threads, barrier_slept_threads: r.barrier_slept_threads, barrier_notified_threads: r.barrier_notified_threads, slot_keys_threads: r.slot_keys_threads, startup_s_threads: r.startup_s_threads, region_events_threads: r.region_events_threads, cpu_s_threads: r.cpu_s_threads, atom_balance: r.atom_balance, kills: r.kills, dead_voxels: r.dead_voxels,
    },
  };
}

/**
 * Wall seconds per barrier of two threads doing nothing else, under the present load, timed inside
 * each thread from its first barrier to its last (a timing around the workers would add their
 * start-up, tens of ms): the scheme's barrier (parallel/sectors.ts EpochBarrier: epoch words, spin
 * or sleep mode) and the old full barrier (`barrier`, 5 us of spin) for comparison.
 */
async function barrierCost(n = 200_000): Promise<{ barriers: number; epoch_wall_s_per_barrier: number[]; epoch_slept: number[]; full_wall_s_per_barrier: number[]; load: number[] }> {
  const url = new URL('../src/parallel/sectors.js', import.meta.url).href;
  const one = async (kind: 'epoch' | 'full') => {
    const ctrl = new SharedArrayBuffer(4 * CTRL_WORDS);
    const code = `const { workerData: d, parentPort } = require('node:worker_threads');
      import(d.url).then(({ barrier, EpochBarrier }) => { const c = new Int32Array(d.ctrl);
        if (d.kind === 'epoch') { const b = new EpochBarrier(c, 2, d.id); b.wait(); const t0 = performance.now(); for (let i = 1; i < d.n; i++) b.wait(); parentPort.postMessage([(performance.now() - t0) / 1000 / (d.n - 1), b.slept]); }
        else { barrier(c, 2); const t0 = performance.now(); for (let i = 1; i < d.n; i++) barrier(c, 2); parentPort.postMessage([(performance.now() - t0) / 1000 / (d.n - 1), 0]); } });`;
    return Promise.all([0, 1].map((id) => new Promise<number[]>((ok, fail) => {
      const w = new Worker(code, { eval: true, workerData: { url, ctrl, n, kind, id } });
      w.once('message', ok); w.once('error', fail);
    })));
  };
  const e = await one('epoch'), f = await one('full');
  return { barriers: n, epoch_wall_s_per_barrier: e.map((x) => x[0]!), epoch_slept: e.map((x) => x[1]!), full_wall_s_per_barrier: f.map((x) => x[0]!), load: loadavg() };
}

const rows: Row[] = [];
const barriers: Awaited<ReturnType<typeof barrierCost>>[] = [await barrierCost()];
for (let k = 0, last = 0; k < maxRepeats; k++) {
  const t0 = Date.now();
  if (t0 + last > deadline) { process.stderr.write(`deadline: ${k} repeats done\n`); break; }
  for (const v of ['first-passage', 'exact'] as const) if (variants.has(v === 'exact' ? 'exact' : 'serial')) { rows.push(serial(v, k)); process.stderr.write(JSON.stringify(rows[rows.length - 1]) + '\n'); }
  for (const c of configs) for (const t of [1, 2]) if (variants.has(String(t))) { rows.push(await sectors(t, c, k)); process.stderr.write(JSON.stringify(rows[rows.length - 1]) + '\n'); }
  if (referenceRun) for (const c of configs) for (const t of [1, 2]) if (variants.has(String(t))) { rows.push(await sectors(t, c, k, true)); process.stderr.write(JSON.stringify(rows[rows.length - 1]) + '\n'); }
  barriers.push(await barrierCost());
  repeats = k + 1; last = Date.now() - t0;
}
const find = (variant: string, k: number) => rows.find((r) => r.variant === variant && r.repeat === k)!;
const speedup = (variant: string, base: string) => {
  const ratios: number[] = [];
  if (!rows.some((r) => r.variant === variant) || !rows.some((r) => r.variant === base)) return null;
  for (let k = 0; k < repeats; k++) ratios.push(find(variant, k).voxels_per_wall_s / find(base, k).voxels_per_wall_s);
  const li = meanInterval(ratios.map(Math.log));
  return { per_repeat: ratios, geometric_mean: Math.exp(li.mean), interval_95: [Math.exp(li.lo), Math.exp(li.hi)] };
};
/** CPU seconds (or with perEvent CPU seconds per event) of variant a over variant b per repeat (process CPU: the one-thread scheme's work, whatever the load's share of the wall clock) */
const cpuRatio = (a: string, b: string, perEvent = false) => {
  if (!rows.some((r) => r.variant === a) || !rows.some((r) => r.variant === b)) return null;
  const ratios: number[] = [];
  const cpu = (r: Row) => (perEvent ? r.cpu_s / r.events : r.cpu_s);
  for (let k = 0; k < repeats; k++) ratios.push(cpu(find(a, k)) / cpu(find(b, k)));
  const li = meanInterval(ratios.map(Math.log));
  return { per_repeat: ratios, geometric_mean: Math.exp(li.mean), interval_95: [Math.exp(li.lo), Math.exp(li.hi)] };
};
const result = {
  date: new Date().toISOString(), node: process.version, cores: 2,
  commit: (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })(),
  configs: configs.map(configName),
  reference_build: referenceDir ?? null,
  input, windows, max_tau_over_averaging_window: maxTau, phase_order: phaseOrder, sums, config_sums: configs.map((c) => c.sums ?? sums), repeats, variants: [...variants],
  note: 'variants take turns in one process (serial first-passage, serial exact, then per window sectors 1 thread and 2 threads, per repeat); wall clock speed-ups at the same deposited charge; load averages beside every row',
  speedup_two_threads_wall: Object.fromEntries(configs.map((c) => [configName(c), {
    over_serial_default: speedup(sectorName(2, c), 'serial (adatoms: first-passage)'),
    over_serial_exact_adatoms: speedup(sectorName(2, c), 'serial (adatoms: exact)'),
    over_sectors_one_thread: speedup(sectorName(2, c), sectorName(1, c)),
    reference_build_over_serial_default: speedup('reference build: ' + sectorName(2, c), 'serial (adatoms: first-passage)'),
    over_reference_build: speedup(sectorName(2, c), 'reference build: ' + sectorName(2, c)),
    one_thread_over_reference_build_wall: speedup(sectorName(1, c), 'reference build: ' + sectorName(1, c)),
    one_thread_cpu_reference_build_over_this: cpuRatio('reference build: ' + sectorName(1, c), sectorName(1, c)),
  }])),
  over_first_config: configs.length > 1 ? Object.fromEntries(configs.slice(1).map((c) => [configName(c), {
    two_threads_voxels_per_wall_s: speedup(sectorName(2, c), sectorName(2, configs[0]!)),
    two_threads_cpu_s_per_event: cpuRatio(sectorName(2, c), sectorName(2, configs[0]!), true),
  }])) : null,
  barrier_cost: barriers,
  rows,
};
const text = JSON.stringify(result, null, 2) + '\n';
if (out) writeFileSync(out, text);
process.stdout.write(text);

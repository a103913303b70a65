/**
 * Domains that follow the work (branch balance68: runSectors' balanceEvery, parallel/balance.ts) against the fixed
 * layout, on the film benchmark's box (src/bench/film.ts: Li on Cu, 50 nm voxels, 100 x 100 x 80, seed 1, 3 mA/cm2),
 * two threads, the variants taking turns in each repeat (A B C A B C ...: the same load for each):
 *
 *   node dist/bench/sector-balance.js [repeats] [--charge '0.05 mAh/cm2'] [--every 0,1,4] [--out file]
 *
 * `--every`: the variants' balanceEvery (0: the fixed layout, the default engine). Reported per run: wall and CPU
 * seconds, events, cycles, the lattice hash (a variant's runs are the same trajectory in every repeat), and from the
 * phase log (deterministic for the seed, whatever the machine's load): per thread its events and kMC seconds; per phase
 * the two threads' strips' expected events (rate x tau) and events run, their mean absolute difference over the mean
 * strip; per phase and per cycle the slower thread's over the mean (summed: max/mean); and per thread the waiting
 * (barriers), the exchange, the balancing's own time, and the waiting's share of the wall time.
 */
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { checkArgs, refuseArgs, arg } from './args.js';

const USAGE = "node dist/bench/sector-balance.js [repeats] [--charge '0.05 mAh/cm2'] [--every 0,1,4] [--out file]\n" +
  '  the film benchmark box on two threads with the fixed layout and with balancing, taking turns\n';
checkArgs('sector-balance', USAGE, [], ['--charge', '--every', '--out'], 1);
const charge = arg('charge') ?? '0.05 mAh/cm2';
const everyList = (arg('every') ?? '0,1,4').split(',').map(Number);
if (everyList.some((e) => !(Number.isInteger(e) && e >= 0))) refuseArgs('sector-balance', USAGE, `--every: whole numbers >= 0, got ${arg('every')}`);
const out = arg('out');
const first = process.argv[2];
const repeats = first !== undefined && !first.startsWith('--') ? Number(first) : 3;
if (!(Number.isInteger(repeats) && repeats >= 1)) refuseArgs('sector-balance', USAGE, `repeats: a whole number >= 1, got ${first}`);

const [{ filmRunInput }, { runSectors, endKeptSectorThreads }] = await Promise.all([import('../src/bench/film.js'), import('../src/parallel/sector-run.js')]);
const input = { ...filmRunInput(), protocol: [`Plate ${charge} at 3 mA/cm2`] };
let build = 'unknown';
try { build = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }

/** the phase log's measures (3 numbers a phase per thread: events, expected events, kMC s) */
function work(phases: Float64Array[]) {
  const [a, b] = phases as [Float64Array, Float64Array];
  const n = a.length / 3;
  let dExp = 0, dEv = 0, sumExp = 0, sumEv = 0, slowPhase = 0, slowCycle = 0, kmcSlow = 0;
  const ev: [number, number] = [0, 0], kmc: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    const ea = a[3 * i]!, eb = b[3 * i]!;
    ev[0] += ea; ev[1] += eb; kmc[0] += a[3 * i + 2]!; kmc[1] += b[3 * i + 2]!;
    dEv += Math.abs(ea - eb); sumEv += (ea + eb) / 2;
    dExp += Math.abs(a[3 * i + 1]! - b[3 * i + 1]!); sumExp += (a[3 * i + 1]! + b[3 * i + 1]!) / 2;
    slowPhase += Math.max(ea, eb);
    kmcSlow += Math.max(a[3 * i + 2]!, b[3 * i + 2]!);
  }
  // per cycle: each thread's events over its two phases (the last cycle may have one phase)
  for (let i = 0; i + 1 < n; i += 2) slowCycle += Math.max(a[3 * i]! + a[3 * i + 3]!, b[3 * i]! + b[3 * i + 3]!);
  const mean = (ev[0]! + ev[1]!) / 2;
  return {
    phases: n, events_threads: ev, kmc_s_threads: kmc.map((x) => +x.toFixed(3)),
    events_per_strip_phase: +(sumEv / n).toFixed(3),
    expected_diff_over_mean: +(dExp / sumExp).toFixed(4),
    events_diff_over_mean: +(dEv / sumEv).toFixed(4),
    slower_over_mean_per_phase: +(slowPhase / mean).toFixed(4),
    slower_over_mean_per_cycle: +(slowCycle / mean).toFixed(4),
    kmc_slower_over_mean_per_phase: +(kmcSlow / ((kmc[0]! + kmc[1]!) / 2)).toFixed(4),
  };
}

const rows: unknown[] = [];
for (let rep = 1; rep <= repeats; rep++) {
  for (const every of everyList) {
    const load0 = loadavg()[0]!;
    const c0 = process.cpuUsage();
    const r = await runSectors(input, { threads: 2, phaseLog: true, ...(every > 0 ? { balanceEvery: every } : {}) });
    const c = process.cpuUsage(c0);
    await endKeptSectorThreads();
    const row = {
      repeat: rep, balanceEvery: every, wall_s: +r.wall_s.toFixed(3), cpu_s: +((c.user + c.system) / 1e6).toFixed(3),
      load_before: +load0.toFixed(2), load_after: +loadavg()[0]!.toFixed(2),
      events: r.events, cycles: r.cycles, deposited_voxels: r.deposited_voxels, rms_roughness_nm: +r.rms_roughness_nm.toFixed(3),
      plateau_mV: +r.plateau_overpotential_mV.toFixed(3), kills: r.kills, dead_voxels: r.dead_voxels, atom_balance: r.atom_balance, stale_voxels: r.stale_voxels,
      lattice_hash: r.lattice_hash,
      wait_s_threads: r.wait_s_threads.map((x) => +x.toFixed(3)), exchange_s_threads: r.exchange_s_threads.map((x) => +x.toFixed(3)),
      wait_share_threads: r.wait_s_threads.map((x) => +(x / r.wall_s).toFixed(4)),
      ...work(r.phases!),
      ...(r.balance ? { balance: r.balance.map((b) => ({ ...b, balance_s: +b.balance_s.toFixed(3), parts_s: Object.fromEntries(Object.entries(b.parts_s).map(([k, v]) => [k, +v.toFixed(3)])) })) } : {}),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
const result = { bench: 'sector-balance', build, date: new Date().toISOString(), machine: 'busy (other helpers running): wall times are not a measurement of two cores', input, repeats, every: everyList, rows };
if (out) writeFileSync(out, JSON.stringify(result, null, 1) + '\n');

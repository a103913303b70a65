/**
 * Task fieldwhy (session 58): why transport-growth's 1.5 J_lim control (seeds 1, 4) and transport-pulse-spacecharge's DC
 * moved with fieldce2. Runs one study run, with that study's own set-up, on the build whose dist/ is given (main's, or a
 * worktree of the commit before fieldce2), and measures along it, by wrapping Transport at run time (no draw and no
 * state change; ConcentrationField.joinedToTop's scratch marks only):
 *  - per accepted reduction at an EMPTY voxel: whether its cell holds salt in liquid the deposit sealed (joinedToTop
 *    false; fieldce2 rejects these) and whether it lies in the deposit's top 3 layers (z >= maxMetalZ - 2: the tips);
 *  - at every scan of rho, at most every DT of the clock: the clock, the tallest metal voxel's height, rho, the rate-weighted
 *    c/c0 over the reduction sites split into those in joined and in sealed liquid (the probe's own flood from the box's
 *    top layer through open cells, periodic in x and y), and the salt in sealed liquid in reductions' worth;
 *  - at each of the thinning's checks after 100,000 rejections in a row: rho, and the c/c0 over joined liquid only
 *    (a check where the latter is below 1e-9 and rho is not is one where fieldce2's rule would have stopped the run);
 *  - the counters at the scan that finds Sand's onset;
 *  - at the end: the run's metrics (ended, time, charge, heights, Sand's onset, the zone's numbers) and the CPU seconds.
 *
 *   node dist/bench/field-why-probe.js DIST ctrl|dc|pulse SEED [OUT.json]
 * DIST: a build's dist directory (e.g. /work/main/dist). ctrl: transport-growth's control (16 x 16 x 64 of 100 nm, 20 um
 * layer, Plate 0.2 mAh/cm2 at 375 mA/cm2); dc / pulse: transport-pulse-spacecharge's DC and pulse train.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const which = process.argv[3] ?? 'ctrl';
const seed = Number(process.argv[4] ?? 1);
const out = process.argv[5];
const DT = 0.002; // s of the clock between samples

/* eslint-disable @typescript-eslint/no-explicit-any */
const load = (p: string): Promise<any> => import(pathToFileURL(`${dist}/src/${p}`).href);
const { parseRunInput } = await load('input/parse.js');
const { Simulation } = await load('simulation/simulation.js');
const { computeMetrics } = await load('simulation/report.js');
const { Transport } = await load('fields/transport.js');
const { EMPTY, METAL } = await load('lattice/species.js');

const base = { metal: 'Li', host: 'Cu', kinetics: { attemptFrequency: '1 1/s' }, electrolyte: 'LiPF6-EC-DMC', seed, output: { snapshots: false } };
const input = which === 'ctrl'
  ? { ...base, lattice: { size: [16, 16, 64], voxel: '100 nm' }, cell: { diffusion_layer: '20 um', field_cell: '100 nm' }, protocol: ['Plate 0.2 mAh/cm2 at 375 mA/cm2'] }
  : { ...base, lattice: { size: [16, 16, 128], voxel: '100 nm' }, cell: { diffusion_layer: '20 um', field_cell: '100 nm', space_charge: 'chazalviel' },
    protocol: [which === 'dc' ? 'Plate 0.085 mAh/cm2 at 300 mA/cm2' : 'Pulse at 600 mA/cm2 for 10 ms, rest 10 ms, 0.085 mAh/cm2'] };

const cpu0 = process.cpuUsage();
const sim = new Simulation(parseRunInput(input));
const tp = sim.transport, f = tp.field; // sim.app is read at each use: Simulation.rebuild replaces it every 2^21 events
const nxy = 16 * 16;
if (sim.app.code.length < 1 || f.open.length < 1) throw new Error('no field');

// the probe's own flood: 1 for a box cell joined to the top layer through open cells
function flood(): Uint8Array {
  const ncx = f.ncx, ncy = f.ncy, nzb = f.nzBox, nxyc = ncx * ncy, open = f.open, n = open.length;
  const J = new Uint8Array(n), q = new Int32Array(n);
  let h = 0, t = 0;
  for (let c = (nzb - 1) * nxyc; c < n; c++) if (open[c] > 0) { J[c] = 1; q[t++] = c; }
  while (h < t) {
    const c = q[h++]!, k = (c / nxyc) | 0, j = c - k * nxyc, cy = (j / ncx) | 0, cx = j - cy * ncx, b = k * nxyc;
    const nb = [((cx + 1) % ncx) + ncx * cy + b, ((cx + ncx - 1) % ncx) + ncx * cy + b, cx + ncx * ((cy + 1) % ncy) + b, cx + ncx * ((cy + ncy - 1) % ncy) + b,
      k > 0 ? c - nxyc : -1, k + 1 < nzb ? c + nxyc : -1];
    for (const m of nb) if (m >= 0 && J[m] === 0 && open[m] > 0) { J[m] = 1; q[t++] = m; }
  }
  return J;
}

const cnt = { acc: 0, accSealed: 0, accTip: 0, accTipSealed: 0, draws: 0, drawsSealed: 0 };
const samples: Record<string, number>[] = [];
let next = 0;
function sample(force = false): void {
  if (!force && tp.time < next) return;
  next = tp.time + DT;
  const app = sim.app, J = flood(), c0 = tp.c0, slots = app.slots, solver = app.solver, rate = solver.rate;
  let a0 = 0, aJ = 0, aS = 0, sealedSalt = 0, sealedCells = 0;
  for (let s = 0; s < slots.slotCount; s++) {
    const v = slots.slotKey[s];
    if (v < 0 || app.code[v] !== EMPTY) continue;
    const cls = solver.classOf(2 * s);
    if (cls < 0) continue;
    const k = rate[cls], i = f.cellOfVoxel(v);
    a0 += k;
    if (i < 0) continue;
    const p = Math.min(1, Math.max(0, f.conc(i) / c0));
    if (J[i] === 1) aJ += k * p; else aS += k * p;
  }
  for (let i = 0; i < f.open.length; i++) if (f.open[i] > 0 && J[i] === 0) { sealedCells++; sealedSalt += Math.max(0, f.N[i]); }
  // the tallest metal voxel above the host's top layer, nm (equal to app.maxMetalZ - hostTopZ; read from the lattice as a check)
  let zTop = -1;
  for (let v = app.code.length - 1; v >= 0; v--) if (app.code[v] === METAL) { zTop = (v / nxy) | 0; break; }
  const tipNm = zTop < 0 ? 0 : (zTop - sim.d.hostTopZ) * 100;
  samples.push({ t: tp.time, top: app.maxMetalZ, tipNm, rho: tp.rho, rhoJoined: a0 > 0 ? aJ / a0 : 0, rhoSealed: a0 > 0 ? aS / a0 : 0,
    sealedCells, sealedSaltVox: sealedSalt / tp.sinkPerVoxel, zone: tp.sc?.active ? 1 : 0, zones: tp.sc?.zones ?? 0, ...cnt });
}

const proto = Transport.prototype;
const scan0 = proto.scanRho, accept0 = proto.accept;
// the thinning's check after 100,000 rejections in a row (the transport_limited stop: rho < 1e-9): the probe's own rho
// over the joined liquid only at that check, and whether fieldce2's rho (sealed liquid at 0) would have stopped there
const checks: { t: number; rho: number; rhoJoined: number }[] = [];
let onsetAcc: typeof cnt | null = null;
proto.scanRho = function (this: any, a: unknown) {
  const check = this === tp && this.consecutiveRejections >= 100_000;
  scan0.call(this, a);
  if (this !== tp) return;
  if (check) { sample(true); const x = samples[samples.length - 1]!; checks.push({ t: x.t!, rho: x.rho!, rhoJoined: x.rhoJoined! }); }
  else sample();
  if (onsetAcc === null && tp.sandTime_s !== null) onsetAcc = { ...cnt };
};
proto.accept = function (this: any, v: number, rng: unknown) {
  const i = this.field.cellOfVoxel(v);
  const sealed = i >= 0 && this.field.conc(i) > 0 && typeof this.field.joinedToTop === 'function' && !this.field.joinedToTop(i); // no joinedToTop before fieldce: not counted
  const ok = accept0.call(this, v, rng);
  cnt.draws++; if (sealed) cnt.drawsSealed++;
  if (ok) {
    const tip = ((v / nxy) | 0) >= sim.app.maxMetalZ - 2;
    cnt.acc++; if (sealed) cnt.accSealed++; if (tip) cnt.accTip++; if (tip && sealed) cnt.accTipSealed++;
  }
  return ok;
};

sim.runAll();
sample(true);
const m = computeMetrics(sim);
const u = process.cpuUsage(cpu0);
const sc = m.transport?.space_charge;
const summary = { dist, which, seed, ended: m.steps_ended, time_s: m.time_s, charge: m.charge_mAh_per_cm2, max_nm: m.max_height_nm, mean_nm: m.mean_height_nm,
  sand_s: m.transport?.sand_time_s ?? null, zones: sc?.zones ?? null, first_on_s: sc?.first_on_s ?? null, z0First: tp.sc?.z0First ?? null, ...cnt, atOnset: onsetAcc,
  checks: checks.length, rescued: checks.filter((c) => c.rhoJoined < 1e-9 && c.rho >= 1e-9).length, cpu_s: (u.user + u.system) / 1e6 };
console.log(JSON.stringify(summary));
if (out) writeFileSync(out, JSON.stringify({ summary, samples, checks }));

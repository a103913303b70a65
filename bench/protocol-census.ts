/**
 * What one event of the 100 nm standard protocol does, counted (issue 11, tenth round):
 *
 *   node dist/bench/protocol-census.js <root> <out.json> [from M events] [to M events] [--ref <root2>]
 *
 * Runs examples/standard-protocol-100nm.yaml with the build at <root> and, over events [from, to)
 * (default 6-9 M: the film has formed; the ninth round's profile is the same from 5 M to the end),
 * counts per event by wrapping the app's methods (the wrapped run is slower; only counts are
 * reported from it):
 *  - double-layer updates and why each happened: the reduction sum A changed, the oxidation sum B,
 *    both, or the double layer's own update time (a clock stop: eta would move by more than 0.1 mV);
 *  - change-set entries (faradaic, hop) and how many of them end with the class they had (each
 *    still costs a slot lookup, a solver read and a class computation), by event kind, code of the
 *    voxel after the change and its place relative to the centre(s) of the change;
 *  - solver updates (setEntity) and slot allocations; hops by the solver updates they made (none,
 *    1-2, 3 or more), the atom's lateral solid neighbours before the move and the layer it moved by
 *    (which hops a fast path for moves that change no class could take);
 *  - the band slot map's widenings (`cover`): how often, and their wall time.
 * Then the double layer's update arguments (t, A, B, deficit) of the window's first 1 M updates
 * are replayed into a fresh DoubleLayer of this build and of --ref (taking turns, 20 rounds each,
 * CPU time per update; the two must end in the same state to the bit), and into a copy that takes
 * the channel multipliers from the Riccati variable x = exp(f eta / 2) it already has (x and 1/x:
 * two exponentials fewer; not the engine's arithmetic, a bound on what dropping them would save).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { meanInterval } from '../src/stats/interval.js';

const args = process.argv.slice(2);
const refI = args.indexOf('--ref');
const ref = refI >= 0 ? args.splice(refI, 2)[1] : undefined;
const [root, out, fromArg, toArg] = args;
if (!root || !out) { process.stderr.write('usage: node dist/bench/protocol-census.js <root> <out.json> [from M] [to M] [--ref <root2>]\n'); process.exit(2); }
const from = Number(fromArg ?? 6) * 1e6, to = Number(toArg ?? 9) * 1e6;
const load0 = loadavg()[0]!;

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const mod = async (r: string, p: string) => import(pathToFileURL(join(r, 'dist', 'src', p)).href) as Promise<Any>;
const { Simulation } = await mod(root, 'simulation/simulation.js');
const { parseRunInput } = await mod(root, 'input/parse.js');
const { PlatingApp } = await mod(root, 'apps/plating.js');
const { BandSlotMap } = await mod(root, 'kmc/bandslotmap.js');
const DLmod = await mod(root, 'electrochem/doublelayer.js');
const { DoubleLayer, DL_LASTA, DL_LASTB, DL_NEXT } = DLmod;

const P = PlatingApp.prototype as Any;
const C: Record<string, number> = {
  faradaic_entries: 0, faradaic_changed: 0, hop_entries: 0, hop_changed: 0, solver_updates: 0, slot_allocations: 0,
  dl_updates: 0, dl_A_changed: 0, dl_B_changed: 0, dl_A_and_B_changed: 0, dl_clock_stops: 0, dl_other: 0,
};
const unchanged = new Map<string, number>();
let counting = false, kind = '';
const centres: number[] = [];
const M = 1_000_000;
const rec = { t: new Float64Array(M), A: new Float64Array(M), B: new Float64Array(M), d: new Float64Array(M) };
let nRec = 0, s0: Float64Array | null = null, r0 = 0;

// where w lies relative to the nearest centre of the change (column offset within 1, layers)
const place = (app: Any, w: number): string => {
  const nx = app.lat.nx as number, ny = app.lat.ny as number, nxy = app.lat.nxy as number;
  let best = '';
  for (const c of centres) {
    const dz = Math.floor(w / nxy) - Math.floor(c / nxy);
    let dx = (w % nxy) % nx - (c % nxy) % nx, dy = Math.floor((w % nxy) / nx) - Math.floor((c % nxy) / nx);
    if (dx > 1) dx -= nx; if (dx < -1) dx += nx; if (dy > 1) dy -= ny; if (dy < -1) dy += ny;
    const r = dx === 0 && dy === 0 ? (dz === 0 ? 'centre' : dz > 0 ? `above ${dz}` : `below ${-dz}`) : `beside${dz === 0 ? '' : dz > 0 ? ` +${dz}` : ` ${dz}`}`;
    if (best === '' || r === 'centre' || (best.startsWith('beside') && !r.startsWith('beside'))) best = r;
  }
  return best;
};
const collect = P.collect;
P.collect = function (this: Any, v: number, other: number, n1: Int32Array) {
  if (counting) { if (centres.length === 0) kind = other >= 0 ? 'hop' : this.code[v] === 0 ? 'reduction' : 'oxidation'; centres.push(v); }
  return collect.call(this, v, other, n1);
};
const drop = P.dropChange;
P.dropChange = function (this: Any) { centres.length = 0; return drop.call(this); };
const commit = P.commitChange;
P.commitChange = function (this: Any) {
  if (counting) {
    // (the classes are read before commitChange recomputes them; neither depends on the set marks)
    for (let i = 0; i < this.nAffectedFaradaic; i++) {
      const w = this.affectedFaradaic[i], c = this.faradaicClass(w), old = this.oldFaradaicClass[i];
      C.faradaic_entries!++;
      if (c !== old) C.faradaic_changed!++;
      else { const k = `${kind}: faradaic entry, ${this.code[w] === 0 ? 'empty' : 'metal'}, ${place(this, w)}${old < 0 ? ', no event' : ''}`; unchanged.set(k, (unchanged.get(k) ?? 0) + 1); }
    }
    for (let i = 0; i < this.nAffectedHops; i++) {
      const w = this.affectedHops[i], c = this.hopClass(w), old = this.oldHopClass[i];
      C.hop_entries!++;
      if (c !== old) C.hop_changed!++;
      else { const k = `${kind}: hop entry, ${this.code[w] === 0 ? 'empty' : 'metal'}, ${place(this, w)}${old < 0 ? ', no event' : ''}`; unchanged.set(k, (unchanged.get(k) ?? 0) + 1); }
    }
    centres.length = 0;
  }
  return commit.call(this);
};
const setEntity = P.setEntity;
let inHop = false, hopUpdates = 0;
P.setEntity = function (this: Any, v: number, k: number, c: number) { if (counting) { C.solver_updates!++; if (inHop) hopUpdates++; } return setEntity.call(this, v, k, c); };
const hopKinds = new Map<string, number>();
const executeAt = P.executeAt, nbTmp = new Int32Array(6);
P.executeAt = function (this: Any, entity: number, v: number) {
  if (!counting || (entity & 1) === 0) return executeAt.call(this, entity, v);
  const nxy = this.nxy as number, code = this.code as Uint8Array;
  this.lat.neighbors(v, nbTmp);
  let lateral = 0;
  for (let d = 0; d < 4; d++) if (code[nbTmp[d]!] !== 0) lateral++;
  const hops0 = this.counters.hops as number;
  hopUpdates = 0; inHop = true;
  const r = executeAt.call(this, entity, v);
  inHop = false;
  const moved = (this.counters.hops as number) > hops0;
  const k = !moved ? 'hop drawn, atom not moved' : `hop with ${hopUpdates === 0 ? 'no' : hopUpdates <= 2 ? '1-2' : '3 or more'} solver updates, ${lateral} lateral neighbours, ${Math.floor(this.lastHopTo / nxy) - Math.floor(v / nxy)} layers`;
  hopKinds.set(k, (hopKinds.get(k) ?? 0) + 1);
  return r;
};
const coverCalls: Record<string, number> = { calls: 0, wall_ms: 0 };
const cover = BandSlotMap.prototype.cover;
BandSlotMap.prototype.cover = function (this: Any, k: number) {
  if (!counting) return cover.call(this, k);
  const t0 = performance.now();
  cover.call(this, k);
  coverCalls.calls!++; coverCalls.wall_ms! += performance.now() - t0;
};
const newSlot = BandSlotMap.prototype.newSlot;
BandSlotMap.prototype.newSlot = function (this: Any, k: number) { if (counting) C.slot_allocations!++; return newSlot.call(this, k); };
const update = DoubleLayer.prototype.update;
DoubleLayer.prototype.update = function (this: Any, t: number, A: number, B: number, d: number) {
  if (counting) {
    const s = this.s as Float64Array;
    C.dl_updates!++;
    const a = A !== s[DL_LASTA], b = B !== s[DL_LASTB];
    if (a && b) C.dl_A_and_B_changed!++; else if (a) C.dl_A_changed!++; else if (b) C.dl_B_changed!++; else if (t >= s[DL_NEXT]!) C.dl_clock_stops!++; else C.dl_other!++;
    if (nRec < M) {
      if (nRec === 0) { s0 = Float64Array.from(s); r0 = this.r0; }
      rec.t[nRec] = t; rec.A[nRec] = A; rec.B[nRec] = B; rec.d[nRec] = d; nRec++;
    }
  }
  return update.call(this, t, A, B, d);
};

const input = parseYaml(readFileSync(join(root, 'examples', 'standard-protocol-100nm.yaml'), 'utf8')) as unknown;
const sim = new Simulation(parseRunInput(input), {}) as Any;
let e0 = 0, n0 = 0, k0: Any = {};
sim.runAll({ chunk: 250_000, eventLimit: to, onProgress: () => { if (!counting && sim.events >= from) { counting = true; e0 = sim.events; n0 = sim.netVoxels; k0 = { ...sim.app.counters }; } } });
const events = sim.events - e0, k1 = sim.app.counters as Any;
const perEvent = Object.fromEntries(Object.entries(C).map(([k, v]) => [k, +(v / events).toFixed(4)]));
const unchangedPerEvent = Object.fromEntries([...unchanged].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / events >= 0.001).map(([k, v]) => [k, +(v / events).toFixed(4)]));
const cfg = sim.dl.cfg;

// ---- the double layer's updates replayed
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e3; };
type DL = { s: Float64Array; setRate(r: number, resumed?: boolean): void; openCircuit: boolean; update(t: number, A: number, B: number, d: number): number };
const builds: { name: string; dl: DL }[] = [{ name: root, dl: new DoubleLayer(cfg) }];
if (ref) { const m = await mod(ref, 'electrochem/doublelayer.js'); builds.push({ name: ref, dl: new m.DoubleLayer(cfg) as DL }); }
DoubleLayer.prototype.update = update;
const replay = (dl: DL): number => {
  dl.s.set(s0!); dl.setRate(r0, true); dl.openCircuit = false;
  const c = cpuMs();
  let x = 0;
  for (let i = 0; i < nRec; i++) x += dl.update(rec.t[i]!, rec.A[i]!, rec.B[i]!, rec.d[i]!);
  if (!Number.isFinite(x)) throw new Error('replay: eta not finite');
  return ((cpuMs() - c) * 1e6) / nRec;
};
const ns: number[][] = builds.map(() => []);
for (let round = 0; round < 20; round++) for (let j = 0; j < builds.length; j++) { const k = round % 2 ? builds.length - 1 - j : j; ns[k]!.push(replay(builds[k]!.dl)); }
const sameState = builds.every((b) => String(b.dl.s) === String(builds[0]!.dl.s));

// a bound: the same update with the multipliers taken from x (alpha = 1/2, C_dl > 0 as in the protocol)
const lean = (() => {
  const { alpha, f_per_V: f, q_C, C_F_per_m2, area_m2, exchangeRate_per_s: ex, sites } = cfg as Record<string, number>;
  if (alpha !== 0.5 || !(C_F_per_m2! > 0)) return null;
  const k = q_C! / (C_F_per_m2! * area_m2!), g = 0.5 * f! * k, band = DLmod.FB_BAND * (sites ?? 20);
  const s = new Float64Array(8);
  let r = 0, tau = 0, x = 0, xi = 0;
  const up = (t: number, A: number, B: number, deficit: number): number => {
    const excess = deficit > band ? deficit - band : deficit < -band ? deficit + band : 0;
    r = excess === 0 ? r0 : r0 + excess / Math.min(DLmod.FB_WINDOWS * tau, (DLmod.FB_LAYER * (sites ?? 20)) / Math.abs(r0));
    const dt = t - s[3]!;
    if (dt > 0) {
      const w = Math.exp(-dt / tau);
      s[1] = s[4]! + (s[1]! - s[4]!) * w; s[2] = s[5]! + (s[2]! - s[5]!) * w;
      const Ab = s[1]!, Bb = s[2]!, disc = Math.sqrt(r * r + 4 * Ab * Bb);
      const x1 = r >= 0 ? (r + disc) / (2 * Ab) : (2 * Bb) / (disc - r), x2 = r >= 0 ? -(2 * Bb) / (r + disc) : (r - disc) / (2 * Ab);
      const rho = ((x - x1) / (x - x2)) * Math.exp(-g * Ab * (x1 - x2) * dt);
      x = (x1 - x2 * rho) / (1 - rho); xi = 1 / x;
      s[0] = (2 / f!) * Math.log(x);
    }
    s[3] = t; s[4] = A; s[5] = B;
    const Ab = s[1]!, Bb = s[2]!;
    tau = 50 / Math.max(Math.abs(r0) + ex!, Ab * x + Bb * xi);
    let delta = tau / 20;
    const rate = Math.abs(k * (r - Ab * x + Bb * xi));
    if (rate * delta > 1e-4) delta = 1e-4 / rate;
    s[6] = t + delta;
    return s[0]!;
  };
  const run = (): number => {
    s.set(s0!); tau = s0![7]!; x = Math.exp(0.5 * f! * s[0]!); xi = 1 / x;
    const c = cpuMs();
    let acc = 0;
    for (let i = 0; i < nRec; i++) acc += up(rec.t[i]!, rec.A[i]!, rec.B[i]!, rec.d[i]!);
    if (!Number.isFinite(acc)) throw new Error('lean replay: eta not finite');
    return ((cpuMs() - c) * 1e6) / nRec;
  };
  const a: number[] = [], b: number[] = [];
  for (let round = 0; round < 20; round++) { b.push(replay(builds[0]!.dl)); a.push(run()); }
  const iv = meanInterval(a.slice(2).map((v, i) => Math.log(v / b[i + 2]!)));
  return { ns_per_update: a.map((v) => +v.toFixed(1)), engine_ns_per_update: b.map((v) => +v.toFixed(1)), ratio_lean_over_engine: +Math.exp(iv.mean).toFixed(3), ci95: [+Math.exp(iv.lo).toFixed(3), +Math.exp(iv.hi).toFixed(3)] };
})();

const med = (a: number[]) => { const b = [...a.slice(2)].sort((x, y) => x - y); return +b[b.length >> 1]!.toFixed(1); };
const pair = builds.length === 2 ? meanInterval(ns[0]!.slice(2).map((v, i) => Math.log(v / ns[1]![i + 2]!))) : null;
writeFileSync(out, JSON.stringify({
  what: 'issue 11 tenth round: per-event census of the 100 nm standard protocol (examples/standard-protocol-100nm.yaml, seed 1) over a window of events, and the double layer\'s updates of the window replayed (bench/protocol-census.ts)',
  date: new Date().toISOString(), node: process.version, root, ...(ref ? { ref } : {}),
  load_average_1min_start: load0, load_average_1min_end: loadavg()[0],
  window_events: [from, to], events, deposited_voxels: sim.netVoxels - n0,
  reductions: k1.reductions - k0.reductions, oxidations: k1.oxidations - k0.oxidations, hops: k1.hops - k0.hops,
  per_event: perEvent, unchanged_entries_per_event: unchangedPerEvent,
  hops_per_event_by_solver_updates: Object.fromEntries([...hopKinds].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / events >= 0.001).map(([k, v]) => [k, +(v / events).toFixed(4)])),
  band_widenings: { calls: coverCalls.calls, wall_ms: +coverCalls.wall_ms!.toFixed(0) },
  double_layer_replay: {
    updates: nRec, rounds: 20,
    ns_per_update: Object.fromEntries(builds.map((b, i) => [b.name, ns[i]!.map((v) => +v.toFixed(1))])),
    median_ns_per_update_after_2: Object.fromEntries(builds.map((b, i) => [b.name, med(ns[i]!)])),
    ...(pair ? { ratio_root_over_ref: +Math.exp(pair.mean).toFixed(3), ci95: [+Math.exp(pair.lo).toFixed(3), +Math.exp(pair.hi).toFixed(3)] } : {}),
    same_final_state: sameState,
    multipliers_from_x: lean,
  },
}, null, 1) + '\n');
process.stdout.write(`${out}: ${events} events; per event ${JSON.stringify(perEvent)}\n`);

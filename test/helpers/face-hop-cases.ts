/**
 * The set-ups test/sei-facehop.test.ts and test/sei-axishop.test.ts share (mends64: the two files repeated them line for
 * line; `duplicates` D1): the run file, the refusal of a film_hop_on value, a restored film with mixed settled and stretched
 * faces, the fast-against-generic check from films all stretched, the one-atom draw on a metal floor and the plate/strip
 * cycle with rebuilds. Each file keeps its own assertions on what these return; only the set-ups and loops live here.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { Simulation } from '../../src/simulation/simulation.js';
import { checkFastAgainstGeneric } from '../../src/engine/consistency.js';
import { parseRunInput } from '../../src/input/parse.js';
import { SeiModule } from '../../src/apps/events/sei.js';
import type { PlatingApp } from '../../src/apps/plating.js';
import type { PlatingFastPath } from '../../src/engine/plating-fast.js';
import type { EventModule } from '../../src/apps/events/module.js';
import type { EventType } from '../../src/engine/event-type.js';
import { Rng } from '../../src/kmc/rng.js';
import { EMPTY, HOST_BASE, METAL } from '../../src/lattice/voxel.js';
import { InputError } from '../../src/errors.js';

/** a Li on Cu run file of 10 x 10 x 16 voxels of 100 nm with the given `sei:` */
export const filmRun = (sei: unknown, protocol: unknown[] = ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], eD = '0.35 eV', seed = 2) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [10, 10, 16], voxel: '100 nm' }, host: 'Cu',
  kinetics: { terraceBarrier: eD }, sei, protocol, seed, output: { snapshots: false },
});

/** the SEI module's film arrays (and its pass clocks) as the tests read them */
export type FilmInternals = { cov: Uint8Array; str: Uint8Array; lastFastT: number; lastT: number };
/** an atom's settled faces (filmed, not stretched) */
export const settledOf = (m: FilmInternals) => (v: number): number => m.cov[v]! & ~m.str[v]!;

/**
 * `film_hop_on: <mode>` beside a barrier is read as `mode`; each of `bad` is refused naming sei.film_hop_on, the value
 * and each of `allowed`; `mode` without a barrier, or with 0 eV, is refused asking for film_hop_barrier > 0
 */
export function checkFilmHopOnInput(mode: string, bad: readonly unknown[], allowed: readonly string[]): void {
  assert.equal(parseRunInput(filmRun({ set: 'carbonate', film_hop_barrier: '0.1 eV', film_hop_on: mode })).sei!.filmHopOn, mode);
  for (const b of bad) {
    assert.throws(() => parseRunInput(filmRun({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: b })), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.ok(Object.is(e.value, b), `value ${String(e.value)}`);
      for (const ok of allowed) assert.ok(e.expected.includes(ok), e.expected);
      // polish64 (cycaudit64): the value in another case is still refused (values are case-sensitive), with the hint
      if (typeof b === 'string' && b.toLowerCase() === mode) assert.ok(e.expected.endsWith(` (did you mean "${mode}"?)`), e.expected);
      return true;
    });
  }
  for (const sei of [{ set: 'carbonate', film_hop_on: mode }, { set: 'carbonate', film_hop_barrier: '0 eV', film_hop_on: mode }]) {
    assert.throws(() => parseRunInput(filmRun(sei)), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.equal(e.value, mode);
      assert.match(e.expected, /film_hop_barrier > 0/);
      return true;
    });
  }
}

/** a plating step at E_d 0.1 eV under `film_hop_on: mode` (0.1 eV) */
export function platedUnder(mode: string): { sim: Simulation; app: PlatingApp; m: FilmInternals } {
  const run = parseRunInput(filmRun({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: mode }, ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  return { sim, app: sim.app, m: sim.sei as unknown as FilmInternals };
}

/** every second filmed atom's film restored with alternate faces stretched (a fixed pattern per atom), the rest as grown: the engine must re-rate on restore */
export function restoreMixedStretch(sim: Simulation): void {
  const app = sim.app, m = sim.sei as unknown as FilmInternals;
  const s = sim.sei!.saveState();
  const str2 = Uint8Array.from(m.str);
  let k = 0;
  for (let v = 0; v < app.lat.n; v++) {
    if (app.code[v] !== METAL || m.cov[v] === 0) continue;
    if (k++ % 2 === 0) str2[v] = m.cov[v]! & (k % 4 === 1 ? 0b010101 : 0b101010);
  }
  sim.sei!.restoreState({ ...s, str: Buffer.from(str2).toString('base64') }, app);
}

/**
 * Fast path against the generic one (checkConsistency every 20 events, 1000 events at eta +0.1 and -0.1 V) on a plated
 * lattice at E_d 0.05 eV under `film_hop_on: mode` (0.1 eV), every film as grown made stretched at the start so that the
 * passes settle them face by face during the check. `tally(m)` makes an extra module per check; `onHop(m, tally, v)` is
 * called before each hop of the atom at v. Returns the SEI modules and tallies, one per check.
 */
export function fastGenericFromStretched<T extends EventModule>(t: TestContext, mode: 'face' | 'axis', tally: (m: FilmInternals) => T, onHop: (m: FilmInternals, x: T, v: number) => void): { mods: SeiModule[]; tallies: T[] } {
  const run = parseRunInput(filmRun('carbonate', ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const code = sim.app.code.slice();
  const phys = { ...sim.app.phys, terraceBarrierMetal_eV: 0.05 };
  const spec = { ...run.sei!, filmHopBarrier_eV: 0.1, filmHopOn: mode };
  let mod: SeiModule | null = null;
  const mods: SeiModule[] = [], tallies: T[] = [];
  const modules = (app: PlatingApp) => {
    mod = new SeiModule(spec, app, { T_K: run.temperature_K, rng: new Rng(99), deactivatedCode: HOST_BASE, hostTopZ: sim.d.hostTopZ, t0_s: 0 });
    // every film as grown made stretched: the check starts with none settled, the passes settle them face by face
    const s = mod.saveState();
    mod.restoreState({ ...s, str: s.cov, pend: [...Array(app.lat.n).keys()].filter((v) => app.code[v] === METAL && (mod as unknown as FilmInternals).cov[v] !== 0) }, app);
    mods.push(mod);
    tallies.push(tally(mod as unknown as FilmInternals));
    return [mod, tallies.at(-1)!];
  };
  const onEvent = (k: number, v: number) => {
    if (k !== 2 || mod === null) return;
    onHop(mod as unknown as FilmInternals, tallies.at(-1)!, v);
  };
  for (const eta of [0.1, -0.1]) {
    const rep = checkFastAgainstGeneric(sim.app.lat, code, phys, { events: 1000, seed: 4, eta_V: eta, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 20, modules, onEvent });
    const c = mods.at(-1)!.counters;
    t.diagnostic(`eta ${eta} V: events per type ${rep.perType.join('/')}, SEI module writes ${rep.moduleWrites}; stretched faces closed ${c.healedFaces}, fresh or cracked faces passivated ${c.passivatedFaces}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 1000);
  }
  return { mods, tallies };
}

/**
 * One atom's moves, for the draw tests: a metal floor at z0 over the host; the atom A at (4, 4, z0 + 1); a metal atom
 * beside it at +x (d 0: a step-up onto it, out through A's top face); -x (d 1) and -y (d 3) plain moves; +y (d 2) over a
 * hole in the floor (a step-down). `dests[d]` is move d's destination; f the film factor of a 0.02 eV barrier, es the
 * Ehrlich-Schwoebel factor of 0.01 eV (phys).
 */
export function oneAtomOnAFloor() {
  const sim = new Simulation(parseRunInput(filmRun('carbonate')));
  const lat = sim.app.lat, nxy = lat.nxy, z0 = sim.d.hostTopZ + 1;
  const code = sim.app.code.slice();
  const at = (x: number, y: number, z: number) => x + y * lat.nx + z * nxy;
  for (let y = 0; y < lat.ny; y++) for (let x = 0; x < lat.nx; x++) code[at(x, y, z0)] = METAL;
  const A = at(4, 4, z0 + 1), B = at(5, 4, z0 + 1);
  code[A] = METAL; code[B] = METAL; code[at(4, 5, z0)] = EMPTY;
  const barrier = 0.02, phys = { ...sim.app.phys, schwoebel_eV: 0.01 };
  const f = Math.exp(-barrier / phys.kT_eV), es = Math.exp(-phys.schwoebel_eV / phys.kT_eV);
  const dests = [at(5, 4, z0 + 2), at(3, 4, z0 + 1), at(4, 5, z0), at(4, 3, z0 + 1)];
  return { lat, code, A, dests, barrier, phys, f, es };
}

/** each move's share of `n` draws within 4 standard errors of weights[d] / their sum */
export function checkDrawShares(counts: readonly number[], weights: readonly number[], n: number, label: string): void {
  const total = weights.reduce((a, b) => a + b, 0);
  for (let d = 0; d < weights.length; d++) {
    const p = weights[d]! / total, se = Math.sqrt(p * (1 - p) / n);
    assert.ok(Math.abs(counts[d]! / n - p) < 4 * se, `${label}, move ${d}: ${counts[d]} of ${n}, expected share ${p.toFixed(4)} (se ${se.toFixed(4)}); all ${counts.join('/')}`);
  }
}

/** n hop events of the atom at A on the fast path, the atom put back (teleport) each time; the moves counted by destination */
export function drawFast(app: PlatingApp, fast: PlatingFastPath, A: number, dests: readonly number[], n: number): number[] {
  const counts = dests.map(() => 0);
  for (let i = 0; i < n; i++) {
    const e = fast.entityAt(2, A);
    assert.ok(e >= 0);
    app.execute(e);
    const d = dests.indexOf(app.lastHopTo);
    assert.ok(d >= 0 && app.code[A] === EMPTY, `hop to ${app.lastHopTo}`);
    counts[d]!++;
    app.teleport(app.lastHopTo, A);
  }
  assert.equal(app.checkConsistency(), null);
  return counts;
}

/** n hops of the atom at A by the generic hop type (apps/events/hop.ts), put back in its codes `gc` each time */
export function drawGeneric(hop: EventType, rng: Rng, gc: Uint8Array, A: number, dests: readonly number[], n: number): number[] {
  const counts = dests.map(() => 0), changed: number[] = [];
  for (let i = 0; i < n; i++) {
    changed.length = 0;
    assert.ok(hop.execute(A, rng, changed));
    const w = changed[1]!, d = dests.indexOf(w);
    assert.ok(d >= 0, `generic hop to ${w}`);
    counts[d]!++;
    gc[w] = EMPTY; gc[A] = METAL;
  }
  return counts;
}

/**
 * A plate/strip cycle at E_d 0.05 eV under `film_hop_on: on` (0.1 eV), rebuilt every 1000 events or not: asserts the
 * classes equal a recomputation at every step end and returns the simulation
 */
export function cycleChecked(on: string, rebuild: boolean): Simulation {
  const sim = new Simulation(parseRunInput(filmRun({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: on }, [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.05 eV')), rebuild ? { rebuildEvery: 1000 } : {});
  const bad: string[] = [];
  sim.runAll({ onStepEnd: (s) => { const m = s.app.checkConsistency(); if (m) bad.push(m); } });
  assert.deepEqual(bad, []);
  return sim;
}

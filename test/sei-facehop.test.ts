// facehop (session 64): film-slowed hops keyed on the FACE a move leaves through (`sei: { film_hop_barrier, film_hop_on:
// face }`, opt-in). A move out through a face carrying settled film (filmed, not stretched) goes at its bare rate x
// exp(-barrier / kT); moves through stretched or bare faces go at the bare rate: a plain move or a step-down leaves through
// the lateral face towards it, a step-up through the top face. The atom's rate is the sum over its moves, the move is drawn
// with the same weights, and every change of a leaving face's settled status must re-rate the atom (docs/model.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../src/simulation/simulation.js';
import { checkFaceHopRates, hopRate } from './helpers/film-rates.js';
import { checkFastAgainstGeneric } from '../src/engine/consistency.js';
import { parseRunInput } from '../src/input/parse.js';
import { SeiModule } from '../src/apps/events/sei.js';
import { PlatingApp, CH_HOP } from '../src/apps/plating.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import type { EventModule } from '../src/apps/events/module.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, HOST_BASE, METAL } from '../src/lattice/voxel.js';
import { InputError } from '../src/errors.js';
import { filmHopLine } from '../src/cli/strip-cutoff.js';

const base = (sei: unknown, protocol: unknown[] = ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], eD = '0.35 eV', seed = 2) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [10, 10, 16], voxel: '100 nm' }, host: 'Cu',
  kinetics: { terraceBarrier: eD }, sei, protocol, seed, output: { snapshots: false },
});
type Internals = { cov: Uint8Array; str: Uint8Array };
const settledOf = (m: Internals) => (v: number) => m.cov[v]! & ~m.str[v]!;

test('facehop input: film_hop_on face beside a barrier; face without a barrier, or an unknown value, refused naming field, value and the three allowed values', () => {
  assert.equal(parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0.1 eV', film_hop_on: 'face' })).sei!.filmHopOn, 'face');
  for (const bad of ['Face', 'faces', 'leaving', 2]) {
    assert.throws(() => parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: bad })), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.ok(Object.is(e.value, bad), `value ${String(e.value)}`);
      for (const ok of ["'any'", "'settled'", "'face'"]) assert.ok(e.expected.includes(ok), e.expected);
      return true;
    });
  }
  for (const sei of [{ set: 'carbonate', film_hop_on: 'face' }, { set: 'carbonate', film_hop_barrier: '0 eV', film_hop_on: 'face' }]) {
    assert.throws(() => parseRunInput(base(sei)), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.equal(e.value, 'face');
      assert.match(e.expected, /film_hop_barrier > 0/);
      return true;
    });
  }
});

test('facehop outputs: simulate\'s line under the SEI thickness says the factor is per move, on a move out through settled film (metrics sei_film_hop_face_keyed 1)', () => {
  const line = filmHopLine({ sei_film_hop_barrier_eV: 0.1, sei_film_hop_factor: 0.0205, sei_film_hop_face_keyed: 1 });
  assert.match(line ?? '', /a move out through a face with settled film \(film_hop_on face/);
  assert.match(line ?? '', /0\.0205 x its bare rate/);
  assert.doesNotMatch(filmHopLine({ sei_film_hop_barrier_eV: 0.1, sei_film_hop_factor: 0.0205, sei_film_hop_settled_only: 1 }) ?? '', /film_hop_on face/);
});

test('facehop rate: every atom\'s rate is its moves\' bare rates, each move out through a settled face x exp(-barrier/kT), against a recomputation from scratch (a restored state with mixed settled and stretched faces re-rates)', () => {
  const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: 'face' }, ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const app = sim.app, m = sim.sei as unknown as Internals;
  assert.ok(app.filmFace && app.film === m.cov && app.filmStr === m.str);
  assert.equal(sim.sei!.report(app).sei_film_hop_face_keyed, 1);
  // every second atom's film: alternate faces stretched (a fixed pattern per atom), the rest as grown
  const s = sim.sei!.saveState();
  const str2 = Uint8Array.from(m.str);
  let k = 0;
  for (let v = 0; v < app.lat.n; v++) {
    if (app.code[v] !== METAL || m.cov[v] === 0) continue;
    if (k++ % 2 === 0) str2[v] = m.cov[v]! & (k % 4 === 1 ? 0b010101 : 0b101010);
  }
  sim.sei!.restoreState({ ...s, str: Buffer.from(str2).toString('base64') }, app);
  const c = checkFaceHopRates(app, settledOf(m), Math.exp(-0.1 / app.phys.kT_eV));
  assert.ok(c.none > 5 && c.some > 5 && c.all > 5 && c.stepUps > 5 && c.stepDowns > 0, JSON.stringify(c));
  assert.equal(app.checkConsistency(), null);
});

/** per hop: whether the move was out through a settled face, and whether its reverse (from the destination, after the SEI module moved the film) is */
class ReverseTally implements EventModule {
  readonly name = 'tally'; readonly writes: number[] = []; readonly reads = 0;
  src = -1; srcSettled = 0; same = 0; slowedOnly = 0; reverseOnly = 0;
  constructor(readonly m: Internals) {}
  afterEvent(app: PlatingApp, ch: number, v: number): void {
    if (ch !== CH_HOP || this.src < 0 || app.code[v] === METAL) { this.src = -1; return; }
    const w = app.lastHopTo, lat = app.lat, nxy = lat.nxy, nb = new Int32Array(6);
    lat.neighbors(v, nb);
    let fwd = -1, rev = -1;
    for (let d = 0; d < 4; d++) {
      if (nb[d] === w) { fwd = 1 << d; rev = 1 << (d ^ 1); } // plain: the faces towards each other
      else if (nb[d]! - nxy === w) { fwd = 1 << d; rev = 1 << 4; } // step-down, back by a step-up over the top face
      else if (nb[d]! + nxy === w) { fwd = 1 << 4; rev = 1 << (d ^ 1); } // step-up, back by a step-down
    }
    const a = (this.srcSettled & fwd) !== 0, b = ((this.m.cov[w]! & ~this.m.str[w]!) & rev) !== 0;
    if (a === b) this.same++; else if (a) this.slowedOnly++; else this.reverseOnly++;
    this.src = -1;
  }
  advance(): void {}
  report(): Record<string, number> { return {}; }
}

test('facehop exactness: fast path = generic path (per-move film read by both) and checkConsistency every 20 events, with stretched films settling, healing and cracking during the check', (t) => {
  const run = parseRunInput(base('carbonate', ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const code = sim.app.code.slice();
  const phys = { ...sim.app.phys, terraceBarrierMetal_eV: 0.05 };
  const spec = { ...run.sei!, filmHopBarrier_eV: 0.1, filmHopOn: 'face' as const };
  let mod: SeiModule | null = null;
  const mods: SeiModule[] = [], tallies: ReverseTally[] = [];
  const modules = (app: PlatingApp) => {
    mod = new SeiModule(spec, app, { T_K: run.temperature_K, rng: new Rng(99), deactivatedCode: HOST_BASE, hostTopZ: sim.d.hostTopZ, t0_s: 0 });
    // every film as grown made stretched: the check starts with none settled, the passes settle them face by face
    const s = mod.saveState();
    mod.restoreState({ ...s, str: s.cov, pend: [...Array(app.lat.n).keys()].filter((v) => app.code[v] === METAL && (mod as unknown as Internals).cov[v] !== 0) }, app);
    mods.push(mod);
    tallies.push(new ReverseTally(mod as unknown as Internals));
    return [mod, tallies.at(-1)!];
  };
  let slowedHops = 0, hops = 0;
  const onEvent = (k: number, v: number) => {
    if (k !== 2 || mod === null) return;
    const m = mod as unknown as Internals, sb = m.cov[v]! & ~m.str[v]! & 0x1f;
    hops++;
    if (sb !== 0) slowedHops++;
    tallies.at(-1)!.src = v;
    tallies.at(-1)!.srcSettled = sb;
  };
  for (const eta of [0.1, -0.1]) {
    const rep = checkFastAgainstGeneric(sim.app.lat, code, phys, { events: 1000, seed: 4, eta_V: eta, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 20, modules, onEvent });
    const c = mods.at(-1)!.counters;
    t.diagnostic(`eta ${eta} V: events per type ${rep.perType.join('/')}, SEI module writes ${rep.moduleWrites}; stretched faces closed ${c.healedFaces}, fresh or cracked faces passivated ${c.passivatedFaces}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 1000);
  }
  const healed = mods.reduce((a, m) => a + m.counters.healedFaces, 0), passivated = mods.reduce((a, m) => a + m.counters.passivatedFaces, 0);
  const sum = (f: (x: ReverseTally) => number) => tallies.reduce((a, x) => a + f(x), 0);
  const same = sum((x) => x.same), fo = sum((x) => x.slowedOnly), ro = sum((x) => x.reverseOnly);
  t.diagnostic(`hops ${hops}, by atoms with a settled face a move can leave through ${slowedHops}; stretched faces closed ${healed}, passivated ${passivated}`);
  t.diagnostic(`detailed balance: the move and its reverse alike (both slowed or both not) ${same}, the move slowed and not its reverse ${fo}, the reverse slowed and not the move ${ro}`);
  assert.ok(slowedHops > 50 && hops - slowedHops > 50, `${slowedHops} of ${hops}`);
  assert.ok(healed > 20 && passivated > 20, `closed ${healed}, passivated ${passivated}`);
  assert.ok(same + fo + ro > 100, `${same} / ${fo} / ${ro}`);
});

test('facehop draw: the moves of one atom are drawn with weights bare x exp(-barrier/kT) on settled faces (fast and generic paths; 4000 draws each, fixed seeds, every share within 4 standard errors)', () => {
  const sim = new Simulation(parseRunInput(base('carbonate')));
  const lat = sim.app.lat, nxy = lat.nxy, z0 = sim.d.hostTopZ + 1;
  // a metal floor at z0 over the host; the atom A at (4, 4, z0 + 1); a metal atom beside it at +x (d 0: a step-up onto it,
  // out through A's top face); -x (d 1) and -y (d 3) plain moves; +y (d 2) over a hole in the floor (a step-down)
  const code = sim.app.code.slice();
  const at = (x: number, y: number, z: number) => x + y * lat.nx + z * nxy;
  for (let y = 0; y < lat.ny; y++) for (let x = 0; x < lat.nx; x++) code[at(x, y, z0)] = METAL;
  const A = at(4, 4, z0 + 1), B = at(5, 4, z0 + 1);
  code[A] = METAL; code[B] = METAL; code[at(4, 5, z0)] = EMPTY;
  const barrier = 0.02, phys = { ...sim.app.phys, schwoebel_eV: 0.01 };
  const f = Math.exp(-barrier / phys.kT_eV), es = Math.exp(-phys.schwoebel_eV / phys.kT_eV);
  const cov = new Uint8Array(lat.n), str = new Uint8Array(lat.n);
  cov[A] = 0b011110; str[A] = 0b000100; // settled: -x (1), -y (3) and top (4); +y (2) stretched; +x (0) a metal contact
  const dests = [at(5, 4, z0 + 2), at(3, 4, z0 + 1), at(4, 5, z0), at(4, 3, z0 + 1)];
  const weights = [es * f, f, es, f];
  const total = weights.reduce((a, b) => a + b, 0);
  const N = 4000;
  const check = (counts: number[], side: string) => {
    for (let d = 0; d < 4; d++) {
      const p = weights[d]! / total, se = Math.sqrt(p * (1 - p) / N);
      assert.ok(Math.abs(counts[d]! / N - p) < 4 * se, `${side}, move ${d}: ${counts[d]} of ${N}, expected share ${p.toFixed(4)} (se ${se.toFixed(4)}); all ${counts.join('/')}`);
    }
  };
  // fast path: the hop event of A executed, the atom put back (teleport) each time
  const app = new PlatingApp(lat, code.slice(), phys, new Rng(11));
  app.attachFilm(cov, barrier, str, true);
  const fast = new PlatingFastPath(app);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < N; i++) {
    const e = fast.entityAt(2, A);
    assert.ok(e >= 0);
    app.execute(e);
    const d = dests.indexOf(app.lastHopTo);
    assert.ok(d >= 0 && app.code[A] === EMPTY, `hop to ${app.lastHopTo}`);
    counts[d]!++;
    app.teleport(app.lastHopTo, A);
  }
  assert.equal(app.checkConsistency(), null);
  check(counts, 'fast');
  // the generic hop type (apps/events/hop.ts) with the same film
  const pt = platingEventTypes(lat, code.slice(), phys);
  const hop = pt.types[2]!, rng = new Rng(12), gc = pt.state.code, g = [0, 0, 0, 0], changed: number[] = [];
  const r0 = hop.rate(A);
  pt.state.film.bits = cov; pt.state.film.str = str; pt.state.film.factor = f; pt.state.film.face = true;
  // the rate: the bare one (2 plain moves and 2 step moves) with each move's weight
  const want = r0 * total / (2 + 2 * es);
  assert.ok(Math.abs(hop.rate(A) - want) < 1e-12 * want && Math.abs(hopRate(app, A) - want) < 1e-12 * want, `generic ${hop.rate(A)}, fast ${hopRate(app, A)}, want ${want}`);
  for (let i = 0; i < N; i++) {
    changed.length = 0;
    assert.ok(hop.execute(A, rng, changed));
    const w = changed[1]!, d = dests.indexOf(w);
    assert.ok(d >= 0, `generic hop to ${w}`);
    g[d]!++;
    gc[w] = EMPTY; gc[A] = METAL;
  }
  check(g, 'generic');
});

test('facehop in a simulation: a plate/strip cycle with rebuilds, the classes equal a recomputation at every step end; the rebuilt app keeps the face rule; face is another run than settled', () => {
  const run = (on: string, rebuild: boolean) => {
    const sim = new Simulation(parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: on }, [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.05 eV')), rebuild ? { rebuildEvery: 1000 } : {});
    const bad: string[] = [];
    sim.runAll({ onStepEnd: (s) => { const m = s.app.checkConsistency(); if (m) bad.push(m); } });
    assert.deepEqual(bad, []);
    return sim;
  };
  const a = run('face', true);
  assert.ok(a.events > 1500, `events ${a.events}`);
  assert.ok(a.app.filmFace && a.app.film === (a.sei as unknown as Internals).cov, 'the rebuilt app reads the module\'s film, face-keyed');
  const b = run('settled', false);
  assert.notDeepEqual(b.app.counters, a.app.counters);
});

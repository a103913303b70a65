// facehop (session 64): film-slowed hops keyed on the FACE a move leaves through (`sei: { film_hop_barrier, film_hop_on:
// face }`, opt-in). A move out through a face carrying settled film (filmed, not stretched) goes at its bare rate x
// exp(-barrier / kT); moves through stretched or bare faces go at the bare rate: a plain move or a step-down leaves through
// the lateral face towards it, a step-up through the top face. The atom's rate is the sum over its moves, the move is drawn
// with the same weights, and every change of a leaving face's settled status must re-rate the atom (docs/model.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFaceHopRates, hopRate } from './helpers/film-rates.js';
import { checkDrawShares, checkFilmHopOnInput, cycleChecked, drawFast, drawGeneric, fastGenericFromStretched, oneAtomOnAFloor, platedUnder, restoreMixedStretch, settledOf, type FilmInternals } from './helpers/face-hop-cases.js';
import { PlatingApp, CH_HOP } from '../src/apps/plating.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import type { EventModule } from '../src/apps/events/module.js';
import { Rng } from '../src/kmc/rng.js';
import { METAL } from '../src/lattice/voxel.js';
import { filmHopLine } from '../src/cli/strip-cutoff.js';

test('facehop input: film_hop_on face beside a barrier; face without a barrier, or an unknown value, refused naming field, value and the three allowed values', () => {
  checkFilmHopOnInput('face', ['Face', 'faces', 'leaving', 2], ["'any'", "'settled'", "'face'"]);
});

test('facehop outputs: simulate\'s line under the SEI thickness says the factor is per move, on a move out through settled film (metrics sei_film_hop_face_keyed 1)', () => {
  const line = filmHopLine({ sei_film_hop_barrier_eV: 0.1, sei_film_hop_factor: 0.0205, sei_film_hop_face_keyed: 1 });
  assert.match(line ?? '', /a move out through a face with settled film \(film_hop_on face/);
  assert.match(line ?? '', /0\.0205 x its bare rate/);
  assert.doesNotMatch(filmHopLine({ sei_film_hop_barrier_eV: 0.1, sei_film_hop_factor: 0.0205, sei_film_hop_settled_only: 1 }) ?? '', /film_hop_on face/);
});

test('facehop rate: every atom\'s rate is its moves\' bare rates, each move out through a settled face x exp(-barrier/kT), against a recomputation from scratch (a restored state with mixed settled and stretched faces re-rates)', () => {
  const { sim, app, m } = platedUnder('face');
  assert.ok(app.filmFace && app.film === m.cov && app.filmStr === m.str);
  assert.equal(sim.sei!.report(app).sei_film_hop_face_keyed, 1);
  // every second atom's film: alternate faces stretched (a fixed pattern per atom), the rest as grown
  restoreMixedStretch(sim);
  const c = checkFaceHopRates(app, settledOf(m), Math.exp(-0.1 / app.phys.kT_eV));
  assert.ok(c.none > 5 && c.some > 5 && c.all > 5 && c.stepUps > 5 && c.stepDowns > 0, JSON.stringify(c));
  assert.equal(app.checkConsistency(), null);
});

/** per hop: whether the move was out through a settled face, and whether its reverse (from the destination, after the SEI module moved the film) is */
class ReverseTally implements EventModule {
  readonly name = 'tally'; readonly writes: number[] = []; readonly reads = 0;
  src = -1; srcSettled = 0; same = 0; slowedOnly = 0; reverseOnly = 0;
  constructor(readonly m: FilmInternals) {}
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
  let slowedHops = 0, hops = 0;
  const { mods, tallies } = fastGenericFromStretched(t, 'face', (m) => new ReverseTally(m), (m, x, v) => {
    const sb = m.cov[v]! & ~m.str[v]! & 0x1f;
    hops++;
    if (sb !== 0) slowedHops++;
    x.src = v;
    x.srcSettled = sb;
  });
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
  // helpers/face-hop-cases.ts oneAtomOnAFloor: the atom A with a step-up at +x (d 0, out through A's top face), plain
  // moves at -x (d 1) and -y (d 3), a step-down at +y (d 2)
  const { lat, code, A, dests, barrier, phys, f, es } = oneAtomOnAFloor();
  const cov = new Uint8Array(lat.n), str = new Uint8Array(lat.n);
  cov[A] = 0b011110; str[A] = 0b000100; // settled: -x (1), -y (3) and top (4); +y (2) stretched; +x (0) a metal contact
  const weights = [es * f, f, es, f];
  const total = weights.reduce((a, b) => a + b, 0);
  const N = 4000;
  // fast path: the hop event of A executed, the atom put back (teleport) each time
  const app = new PlatingApp(lat, code.slice(), phys, new Rng(11));
  app.attachFilm(cov, barrier, str, true);
  const fast = new PlatingFastPath(app);
  checkDrawShares(drawFast(app, fast, A, dests, N), weights, N, 'fast');
  // the generic hop type (apps/events/hop.ts) with the same film
  const pt = platingEventTypes(lat, code.slice(), phys);
  const hop = pt.types[2]!, rng = new Rng(12), gc = pt.state.code;
  const r0 = hop.rate(A);
  pt.state.film.bits = cov; pt.state.film.str = str; pt.state.film.factor = f; pt.state.film.face = true;
  // the rate: the bare one (2 plain moves and 2 step moves) with each move's weight
  const want = r0 * total / (2 + 2 * es);
  assert.ok(Math.abs(hop.rate(A) - want) < 1e-12 * want && Math.abs(hopRate(app, A) - want) < 1e-12 * want, `generic ${hop.rate(A)}, fast ${hopRate(app, A)}, want ${want}`);
  checkDrawShares(drawGeneric(hop, rng, gc, A, dests, N), weights, N, 'generic');
});

test('facehop in a simulation: a plate/strip cycle with rebuilds, the classes equal a recomputation at every step end; the rebuilt app keeps the face rule; face is another run than settled', () => {
  const a = cycleChecked('face', true);
  assert.ok(a.events > 1500, `events ${a.events}`);
  assert.ok(a.app.filmFace && a.app.film === (a.sei as unknown as FilmInternals).cov, 'the rebuilt app reads the module\'s film, face-keyed');
  const b = cycleChecked('settled', false);
  assert.notDeepEqual(b.app.counters, a.app.counters);
});

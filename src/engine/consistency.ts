/**
 * The fast path against the generic path (issue 9 section 1): the plating app's hand-tuned rate
 * classes and change sets (apps/plating.ts) must be an exact specialisation of the event types'
 * rate laws and declared reach (apps/events/reduction.ts, oxidation.ts, hop.ts run by
 * engine/generic-app.ts).
 *
 * `checkFastAgainstGeneric` runs the same seeded trajectory twice from one lattice: once in the
 * plating app, once in the generic app, each with its own copy of the lattice and its own Rng
 * with the same seed. Before every event it compares the rate of every (type, site) pair of the
 * two (the fast one read back from its rate classes) and selects the event from each side's own
 * rates with the same canonical rule (one uniform over types then sites, in index order), so the
 * two event sequences are identical exactly when the rates are; a hop's move is drawn by each
 * side from its own Rng. Every `checkEvery` events it also compares the lattices byte for byte
 * and runs both apps' own `checkConsistency()` (the fast path's classes against its class
 * functions; the generic rates against the rate laws, which catches a declared reach too small).
 *
 * Event modules (apps/events/module.ts, e.g. the SEI) run on the fast side after every event,
 * on a kMC clock of their own (a separate Rng, so that the two sides' streams stay in step); what
 * they write is copied to the generic side as external writes, whose change set the generic path
 * derives from the declared reach like any other. With film-slowed hops (filmhop: the SEI module's `film_hop_barrier`)
 * the generic hop reads the module's film bits too, and a site whose film (none / some) a module changed is such a
 * write (settledhop, `film_hop_on: settled`: its settled film, none / some, the stretched bits read too; facehop,
 * `film_hop_on: face`, and axishop, `axis`: a change of which of its lateral and top faces carry settled film).
 *
 * The canonical selection is for this check only: in a run the fast path selects with the n-fold
 * way (kmc/solver.ts) and the generic path with Fenwick trees, whose member orders differ, so
 * their trajectories from one seed are different draws of the same process.
 */
import { Rng } from '../kmc/rng.js';
import type { CubicLattice } from '../kmc/lattice.js';
import { PlatingApp, type PlatingPhysics } from '../apps/plating.js';
import { platingEventTypes } from '../apps/events/plating-types.js';
import { transferFactor } from '../apps/channels.js';
import { GenericApp } from './generic-app.js';
import { PlatingFastPath } from './plating-fast.js';
import type { EventModule } from '../apps/events/module.js';

export interface ConsistencyOptions {
  events: number;
  seed: number;
  /** electrode overpotential held during the check, V (> 0 plates) */
  eta_V: number;
  alpha: number;
  f_per_V: number;
  /** events between full comparisons of the lattices and both apps' own checks (default 100) */
  checkEvery?: number;
  /** called before each event with its type, site and the lattice (for tallies of what was covered) */
  onEvent?: (k: number, v: number, code: Uint8Array) => void;
  /** event modules to run on the fast side (their writes are copied to the generic side) */
  modules?: (app: PlatingApp) => EventModule[];
}

export interface ConsistencyReport {
  /** events run (identical in both) before the end or the first mismatch */
  events: number;
  /** events per type (reduction, oxidation, hop), null events included */
  perType: number[];
  /** (type, site) rates compared */
  ratesCompared: number;
  /** the largest |fast - generic| / generic over all compared rates (0: bit-identical) */
  maxRelDiff: number;
  /** generic path: (type, site) pairs recomputed per event from the declared reach */
  recomputedPerEvent: number;
  mismatch: string | null;
  /** voxels the event modules wrote (copied to the generic side) */
  moduleWrites: number;
}

/** Runs the check from lattice `code` (not changed: both sides take copies). */
export function checkFastAgainstGeneric(lat: CubicLattice, code: Uint8Array, phys: PlatingPhysics, o: ConsistencyOptions): ConsistencyReport {
  const n = lat.n, every = o.checkEvery ?? 100;
  const codeF = code.slice(), codeG = code.slice();
  const rngF = new Rng(o.seed), rngG = new Rng(o.seed);
  const fast = new PlatingFastPath(new PlatingApp(lat, codeF, phys, rngF));
  const pt = platingEventTypes(lat, codeG, phys);
  const gen = new GenericApp(lat, codeG, pt.types);
  const mult = gen.channels.map((c) => transferFactor(c, o.eta_V, o.alpha, o.f_per_V));
  const rf = [0, 1, 2].map(() => new Float64Array(n));
  const rg = gen.trees.map((t) => t.w);
  const rep: ConsistencyReport = { events: 0, perType: [0, 0, 0], ratesCompared: 0, maxRelDiff: 0, recomputedPerEvent: 0, mismatch: null, moduleWrites: 0 };
  const mods = o.modules?.(fast.app) ?? [];
  // filmhop: the generic hop reads the SEI module's film bits (the fast app's, the same array); a module's change of a
  // site's film (none / some) is an external write of that site, as a code change is
  const film = fast.app.film, fstr = fast.app.filmStr;
  // settledhop: with the stretched bits, the film a hop reads is settled film only (a stretch settling is such a write)
  // facehop: the settled bits of the faces a move can leave through (lateral 0-3, top 4), each read by the rate
  const face = fast.app.filmFace;
  const key = (w: number) => (face ? film![w]! & ~fstr![w]! & 0x1f : (fstr === null ? film![w]! : film![w]! & ~fstr[w]!) !== 0 ? 1 : 0);
  const hadFilm = new Uint8Array(film === null ? 0 : n);
  if (film !== null) {
    pt.state.film.bits = film;
    pt.state.film.str = fstr;
    pt.state.film.face = face;
    pt.state.film.axis = fast.app.filmAxis;
    pt.state.film.factor = Math.exp(-fast.app.filmHopBarrier_eV / phys.kT_eV);
    const all: number[] = [];
    for (let w = 0; w < n; w++) { hadFilm[w] = key(w); all.push(w); }
    gen.update(all);
  }
  const clockRng = new Rng(o.seed + 1);
  let t = 0;
  const ext: number[] = [];
  const names = gen.types.map((t) => t.name);
  let recomputed = 0;
  const fail = (m: string): ConsistencyReport => { rep.mismatch = `event ${rep.events}: ${m}`; rep.recomputedPerEvent = recomputed / Math.max(1, rep.events); return rep; };

  for (let i = 0; i < o.events; i++) {
    fast.rates(rf);
    for (let k = 0; k < 3; k++) {
      const a = rf[k]!, b = rg[k]!;
      for (let v = 0; v < n; v++) {
        const x = a[v]!, y = b[v]!;
        if (x === y) continue;
        const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        if (rel > rep.maxRelDiff) rep.maxRelDiff = rel;
        if (rel > 1e-12 || x === 0 || y === 0) return fail(`${names[k]} rate at site ${v}: fast ${x}, generic ${y}`);
      }
    }
    rep.ratesCompared += 3 * n;
    const sf = pickCanonical(rf, mult, rngF.next()), sg = pickCanonical(rg, mult, rngG.next());
    if (sf[0] !== sg[0] || sf[1] !== sg[1]) return fail(`selected ${names[sf[0]]} at ${sf[1]} (fast) and ${names[sg[0]]} at ${sg[1]} (generic)`);
    const [k, v] = sf;
    if (k < 0) break;
    const e = fast.entityAt(k, v);
    if (e < 0) return fail(`the fast path has no ${names[k]} event at site ${v}`);
    if (mods.length > 0) {
      let R = 0;
      for (let kk = 0; kk < 3; kk++) { let sum = 0; const r = rf[kk]!; for (let w = 0; w < n; w++) sum += r[w]!; R += sum * mult[kk]!; }
      t += -Math.log(clockRng.nextOpen()) / R;
    }
    o.onEvent?.(k, v, codeF);
    const ch = fast.app.execute(e);
    gen.execute(k * n + v, rngG);
    recomputed += gen.lastRecomputed;
    if (mods.length > 0) {
      // the event itself must have left both lattices equal before the modules write
      for (let w = 0; w < n; w++) if (codeF[w] !== codeG[w]) return fail(`lattices differ at site ${w} after the event: fast ${codeF[w]}, generic ${codeG[w]}`);
      for (const m of mods) m.afterEvent(fast.app, ch, v, t);
      ext.length = 0;
      for (let w = 0; w < n; w++) if (codeF[w] !== codeG[w]) { codeG[w] = codeF[w]!; ext.push(w); }
      if (film !== null) for (let w = 0; w < n; w++) { const f = key(w); if (f !== hadFilm[w]) { hadFilm[w] = f; if (!ext.includes(w)) ext.push(w); } }
      if (ext.length > 0) { gen.update(ext); rep.moduleWrites += ext.length; }
    }
    rep.perType[k]!++;
    rep.events++;
    if (rep.events % every === 0 || i === o.events - 1) {
      for (let w = 0; w < n; w++) if (codeF[w] !== codeG[w]) return fail(`lattices differ at site ${w}: fast ${codeF[w]}, generic ${codeG[w]}`);
      const cf = fast.app.checkConsistency();
      if (cf) return fail(`fast path: ${cf}`);
      const cg = gen.checkConsistency();
      if (cg) return fail(`generic path: ${cg}`);
    }
  }
  rep.recomputedPerEvent = recomputed / Math.max(1, rep.events);
  return rep;
}

/** One uniform u over the types (in order) then the sites (in index order), weights rate x multiplier. */
function pickCanonical(rates: Float64Array[], mult: number[], u: number): [number, number] {
  let total = 0;
  for (let k = 0; k < rates.length; k++) { let s = 0; const r = rates[k]!; for (let v = 0; v < r.length; v++) s += r[v]!; total += s * mult[k]!; }
  if (!(total > 0)) return [-1, -1];
  let x = u * total, lastK = -1, lastV = -1;
  for (let k = 0; k < rates.length; k++) {
    const r = rates[k]!, m = mult[k]!;
    for (let v = 0; v < r.length; v++) {
      const w = r[v]! * m;
      if (w === 0) continue;
      lastK = k; lastV = v;
      if (x < w) return [k, v];
      x -= w;
    }
  }
  return [lastK, lastV];
}

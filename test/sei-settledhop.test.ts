// settledhop (session 63): film-slowed hops keyed on SETTLED film only (`sei: { film_hop_barrier, film_hop_on: settled }`,
// opt-in). An atom with settled film (filmed, not stretched) on some face hops at its bare rate x exp(-barrier / kT); one
// whose film is all stretched (not yet settled: cracked, not passivating), or that has none, hops at the bare rate. The
// rate reads the SEI module's `cov` and `str`, which change outside the app's change sets, and a stretched film settling
// (healing, or a crack passivated anew) changes it without any film bit appearing or going: every such change must
// re-rate the atom, and the classes must equal a recomputation from scratch (the pattern of sei-filmhop.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation } from '../src/simulation/checkpoint.js';
import { assertSameState } from './helpers/same-state.js';
import { checkFilmHopRates } from './helpers/film-rates.js';
import { checkFastAgainstGeneric } from '../src/engine/consistency.js';
import { parseRunInput } from '../src/input/parse.js';
import { SeiModule } from '../src/apps/events/sei.js';
import { PlatingApp, CH_HOP } from '../src/apps/plating.js';
import type { EventModule } from '../src/apps/events/module.js';
import { Rng } from '../src/kmc/rng.js';
import { HOST_BASE, METAL } from '../src/lattice/voxel.js';
import { InputError } from '../src/errors.js';
import { filmRun } from './helpers/face-hop-cases.js';

/** the Li on Cu run file the film-hop tests share (test/helpers/face-hop-cases.ts) */
const base = filmRun;
const cycle = [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }];
type Internals = { cov: Uint8Array; str: Uint8Array };

test('settledhop input: film_hop_on any (the default, absent from the spec) or settled; another value, or settled without a barrier, refused naming field, value and the allowed values', () => {
  assert.equal('filmHopOn' in parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1 })).sei!, false);
  assert.equal('filmHopOn' in parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: 'any' })).sei!, false);
  assert.equal('filmHopOn' in parseRunInput(base({ set: 'carbonate', film_hop_on: 'any' })).sei!, false);
  assert.equal(parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0.1 eV', film_hop_on: 'settled' })).sei!.filmHopOn, 'settled');
  for (const bad of ['Settled', 'stretched', 'all', '', 1, true]) {
    assert.throws(() => parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: bad })), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.ok(Object.is(e.value, bad), `value ${String(e.value)}`);
      assert.match(e.expected, /'any'/);
      assert.match(e.expected, /'settled'/);
      return true;
    });
  }
  for (const sei of [{ set: 'carbonate', film_hop_on: 'settled' }, { set: 'carbonate', film_hop_barrier: 0, film_hop_on: 'settled' }]) {
    assert.throws(() => parseRunInput(base(sei)), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_on');
      assert.equal(e.value, 'settled');
      assert.match(e.expected, /film_hop_barrier > 0/);
      return true;
    });
  }
});

test('settledhop default: film_hop_on any is filmhop\'s run to the bit (lattice, SEI state, counters); settled is another run (the option reaches the hops)', () => {
  const run = (on: string | undefined) => {
    const s = new Simulation(parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, ...(on === undefined ? {} : { film_hop_on: on }) }, cycle, '0.1 eV')));
    s.runAll();
    return s;
  };
  const a = run(undefined), b = run('any'), c = run('settled');
  assert.equal(b.app.filmStr, null);
  assert.ok(a.app.counters.hops > 100, `hops ${a.app.counters.hops}`);
  assert.deepEqual(b.app.counters, a.app.counters);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
  assert.deepEqual(b.sei!.saveState(), a.sei!.saveState());
  assert.equal(b.kmcTime, a.kmcTime);
  assert.ok(c.app.filmStr !== null && c.app.filmStr === (c.sei as unknown as Internals).str);
  assert.notDeepEqual(c.app.counters, a.app.counters);
  assert.equal(c.sei!.report(c.app).sei_film_hop_settled_only, 1);
  assert.equal(a.sei!.report(a.app).sei_film_hop_settled_only, undefined);
});

test('settledhop rate: settled film on a face -> bare rate x exp(-barrier/kT); only stretched film, or none -> the bare rate (a restored state with stretched films re-rates)', () => {
  const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: 'settled' }, ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const app = sim.app, { cov, str } = sim.sei as unknown as Internals;
  // every third atom's film made all stretched, every third's half stretched (its lowest film bit settled), the rest as grown
  const s = sim.sei!.saveState();
  const str2 = Uint8Array.from(str);
  let k = 0;
  for (let v = 0; v < app.lat.n; v++) {
    if (app.code[v] !== METAL || cov[v] === 0) continue;
    const m = k++ % 3;
    if (m === 0) str2[v] = cov[v]!;
    else if (m === 1) str2[v] = cov[v]! & ~(cov[v]! & -cov[v]!);
  }
  sim.sei!.restoreState({ ...s, str: Buffer.from(str2).toString('base64') }, app);
  const { slowed: settled, unslowed } = checkFilmHopRates(app, (v) => (cov[v]! & ~str[v]!) !== 0, Math.exp(-0.1 / app.phys.kT_eV));
  const stretchedOnly = unslowed.filter((v) => cov[v] !== 0).length, none = unslowed.length - stretchedOnly;
  assert.ok(settled > 5 && stretchedOnly > 5, `movers with settled film ${settled}, with stretched film only ${stretchedOnly}, bare ${none}`);
  assert.equal(app.checkConsistency(), null);
});

/** the settled status of a hopping atom at its source (`before`, set in onEvent) and at its destination (after the SEI module moved the film) */
class HopTally implements EventModule {
  readonly name = 'tally'; readonly writes: number[] = []; readonly reads = 0;
  before = -1; settledBoth = 0; settledBefore = 0; gained = 0; unsettledBefore = 0;
  constructor(readonly m: Internals) {}
  afterEvent(app: PlatingApp, ch: number, v: number): void {
    if (ch !== CH_HOP || this.before < 0 || app.code[v] === METAL) return;
    const w = app.lastHopTo, after = (this.m.cov[w]! & ~this.m.str[w]!) !== 0;
    if (this.before === 1) { this.settledBefore++; if (after) this.settledBoth++; } else { this.unsettledBefore++; if (after) this.gained++; }
    this.before = -1;
  }
  advance(): void {}
  report(): Record<string, number> { return {}; }
}

test('settledhop exactness: fast path = generic path (settled film read by both) and checkConsistency every 20 events, with stretched films settling, healing and cracking during the check', (t) => {
  const run = parseRunInput(base('carbonate', ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const code = sim.app.code.slice();
  const phys = { ...sim.app.phys, terraceBarrierMetal_eV: 0.05 };
  const spec = { ...run.sei!, filmHopBarrier_eV: 0.1, filmHopOn: 'settled' as const };
  let mod: SeiModule | null = null;
  let fast = 1;
  const mods: SeiModule[] = [];
  const tallies: HopTally[] = [];
  const modules = (app: PlatingApp) => {
    // formation (and so settling, k x 0.1) x `fast`: x 1 settles many stretched films within the 1000 events, x 0.01 keeps
    // most of them stretched, so that atoms with stretched film only hop too
    mod = new SeiModule({ ...spec, formationRate_per_s: spec.formationRate_per_s * fast }, app, { T_K: run.temperature_K, rng: new Rng(99), deactivatedCode: HOST_BASE, hostTopZ: sim.d.hostTopZ, t0_s: 0 });
    // every film as grown made stretched: the check starts with none settled, the passes settle them one by one
    const s = mod.saveState();
    mod.restoreState({ ...s, str: s.cov, pend: [...Array(app.lat.n).keys()].filter((v) => app.code[v] === METAL && (mod as unknown as Internals).cov[v] !== 0) }, app);
    mods.push(mod);
    tallies.push(new HopTally(mod as unknown as Internals));
    return [mod, tallies.at(-1)!];
  };
  let hopsSettled = 0, hopsStretched = 0, hopsBare = 0;
  const onEvent = (k: number, v: number) => {
    if (k !== 2 || mod === null) return;
    const { cov, str } = mod as unknown as Internals;
    if ((cov[v]! & ~str[v]!) !== 0) hopsSettled++; else if (cov[v] !== 0) hopsStretched++; else hopsBare++;
    tallies.at(-1)!.before = (cov[v]! & ~str[v]!) !== 0 ? 1 : 0;
  };
  for (const [speed, eta] of [[0.01, 0.1], [0.01, -0.1], [1, 0.1], [1, -0.1]] as const) {
    fast = speed;
    const rep = checkFastAgainstGeneric(sim.app.lat, code, phys, { events: 1000, seed: 4, eta_V: eta, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 20, modules, onEvent });
    const c = mods.at(-1)!.counters;
    t.diagnostic(`formation x ${speed}, eta ${eta} V: events per type ${rep.perType.join('/')}, SEI module writes ${rep.moduleWrites}; stretched faces closed ${c.healedFaces}, fresh or cracked faces passivated ${c.passivatedFaces}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 1000);
  }
  const healed = mods.reduce((a, m) => a + m.counters.healedFaces, 0), passivated = mods.reduce((a, m) => a + m.counters.passivatedFaces, 0);
  t.diagnostic(`hops of atoms with settled film ${hopsSettled}, with stretched film only ${hopsStretched}, bare ${hopsBare}; stretched faces closed ${healed}, passivated ${passivated}`);
  assert.ok(hopsSettled > 50 && hopsStretched > 50, `settled ${hopsSettled}, stretched only ${hopsStretched}`);
  assert.ok(healed > 20 && passivated > 20, `closed ${healed}, passivated ${passivated}`);
  // the detailed-balance argument's figures (docs/model.md): hops whose atom keeps its settled status (settled at both
  // ends, or unsettled at both), and those that change it (the film's own moves: an unsettled atom taking the settled
  // film of the faces it lands on, a settled one losing it)
  const sum = (f: (x: HopTally) => number) => tallies.reduce((a, x) => a + f(x), 0);
  const both = sum((x) => x.settledBoth), sb = sum((x) => x.settledBefore), gained = sum((x) => x.gained), ub = sum((x) => x.unsettledBefore);
  t.diagnostic(`settled at the source and at the destination ${both} of ${sb}; unsettled at the source, settled at the destination ${gained} of ${ub}`);
  assert.ok(sb > 50 && ub > 50, `${sb} / ${ub}`);
  assert.ok(both >= 0.9 * sb, `${both} of ${sb}`);
});

test('settledhop in a simulation: plate/strip cycles with rebuilds, the classes equal a recomputation (settled film) at every step end; a restored state whose film is all stretched re-rates the hops', () => {
  const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1, film_hop_on: 'settled' }, [{ repeat: 2, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.05 eV'));
  const sim = new Simulation(run, { rebuildEvery: 1000 });
  const bad: string[] = [];
  sim.runAll({ onStepEnd: (s) => { const m = s.app.checkConsistency(); if (m) bad.push(m); } });
  assert.deepEqual(bad, []);
  assert.ok(sim.events > 3000, `events ${sim.events}`);
  const { cov, str } = sim.sei as unknown as Internals;
  assert.ok(sim.app.film === cov && sim.app.filmStr === str, 'the rebuilt app reads the module\'s film and stretched bits');
  const s = sim.sei!.saveState();
  sim.sei!.restoreState({ ...s, str: s.cov }, sim.app);
  assert.equal(sim.app.checkConsistency(), null);
  sim.sei!.restoreState(s, sim.app);
  assert.equal(sim.app.checkConsistency(), null);
});

test('settledhop checkpoint: a run with film_hop_on settled and rebuilds cancelled at 70 % of its events and resumed ends in the same state as the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-settledhop-ck-'));
  try {
    const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0.05 eV', film_hop_on: 'settled' }, cycle, '0.05 eV', 5));
    const cfg = { rebuildEvery: 1500 };
    const full = new Simulation(run, cfg);
    full.runAll();
    const file = join(dir, 'checkpoint.bin');
    const ac = new AbortController();
    const part = new Simulation(run, cfg);
    part.runAll({ chunk: 97, signal: ac.signal, onProgress: (p) => { if (p.events >= Math.floor(0.7 * full.events)) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
    const resumed = resumeSimulation(file, run, cfg);
    assert.ok(resumed.app.filmStr !== null && resumed.app.filmStr === (resumed.sei as unknown as Internals).str);
    assert.equal(resumed.app.checkConsistency(), null);
    resumed.runAll();
    assertSameState(resumed, full, 'settledhop resume');
    assert.ok(full.app.counters.hops > 100, `hops ${full.app.counters.hops}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

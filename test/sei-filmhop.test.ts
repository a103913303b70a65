// filmhop (session 62): surface diffusion slowed under the nm SEI film (MODEL.md 8.4; `sei: { film_hop_barrier }`, opt-in).
// An atom with a film bit on any face hops at its bare rate x exp(-barrier / kT). The rate reads the SEI module's face
// state, which changes outside the app's change sets: every change must re-rate the atom (the SEI module's rerate, its
// passes, restoreState), and the classes must equal a recomputation from scratch, film included.
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

test('filmhop input: film_hop_barrier in eV, 0 by default (absent from the spec); negative, NaN, a word, a wrong unit refused naming field, value and eV', () => {
  assert.equal(parseRunInput(base('carbonate')).sei!.filmHopBarrier_eV, undefined);
  assert.equal('filmHopBarrier_eV' in parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0 })).sei!, false);
  assert.equal(parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1 })).sei!.filmHopBarrier_eV, 0.1);
  assert.equal(parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0.2 eV' })).sei!.filmHopBarrier_eV, 0.2);
  assert.ok(Math.abs(parseRunInput(base({ set: 'carbonate', film_hop_barrier: '9.6485 kJ/mol' })).sei!.filmHopBarrier_eV! - 0.1) < 1e-6);
  for (const bad of [-0.1, Number.NaN, 'fast', '0.1 V', 3, '-0.05 eV', true]) {
    assert.throws(() => parseRunInput(base({ set: 'carbonate', film_hop_barrier: bad })), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.film_hop_barrier');
      assert.ok(Object.is(e.value, bad), `value ${String(e.value)}`);
      assert.match(e.expected, /eV/);
      return true;
    });
  }
});

test('filmhop off: film_hop_barrier 0 is the run without the key, to the bit (lattice, SEI state, counters), and the app reads no film', () => {
  const a = new Simulation(parseRunInput(base('carbonate', [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.2 eV')));
  const b = new Simulation(parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0 eV' }, [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.2 eV')));
  a.runAll(); b.runAll();
  assert.equal(b.app.film, null);
  assert.ok(a.app.counters.hops > 100, `hops ${a.app.counters.hops}`);
  assert.deepEqual(b.app.counters, a.app.counters);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
  assert.deepEqual(b.sei!.saveState(), a.sei!.saveState());
  assert.equal(b.kmcTime, a.kmcTime);
});

test('filmhop rate: an atom with a film bit hops at its bare rate x exp(-barrier/kT), one without at the bare rate', () => {
  const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1 }, ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const app = sim.app, film = app.film!;
  assert.ok(film !== null);
  const { slowed: filmed, unslowed } = checkFilmHopRates(app, (v) => film[v] !== 0, Math.exp(-0.1 / app.phys.kT_eV));
  assert.ok(filmed > 5, `filmed movers ${filmed}, bare ${unslowed.length}`);
  assert.equal(app.checkConsistency(), null);
});

/** counts hops by the film of the atom before (at its source) and after (at its destination), beside the SEI module */
class HopTally implements EventModule {
  readonly name = 'tally'; readonly writes: number[] = []; readonly reads = 0;
  before = 0; filmedBoth = 0; filmedBefore = 0; bareToFilmed = 0;
  constructor(readonly film: () => Uint8Array | null) {}
  afterEvent(app: PlatingApp, ch: number, v: number): void {
    const f = this.film();
    if (f === null || ch !== CH_HOP || app.code[v] === METAL) return;
    const after = f[app.lastHopTo] !== 0;
    if (this.before) { this.filmedBefore++; if (after) this.filmedBoth++; } else if (after) this.bareToFilmed++;
  }
  advance(): void {}
  report(): Record<string, number> { return {}; }
}

test('filmhop exactness: fast path = generic path (film read by both) and checkConsistency every 20 events, plating and stripping with film moves, passes and SEI growth', (t) => {
  const run = parseRunInput(base('carbonate', ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], '0.1 eV'));
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const code = sim.app.code.slice();
  // fast hops (E_d 0.05 eV), so that filmed and bare atoms both move within the check
  const phys = { ...sim.app.phys, terraceBarrierMetal_eV: 0.05 };
  const spec = { ...run.sei!, filmHopBarrier_eV: 0.1 };
  let tally: HopTally | null = null;
  let bareStart = false;
  const tallies: HopTally[] = [];
  const modules = (app: PlatingApp) => {
    // (film cleared: formation 20 times slower, so that bare atoms last long enough to hop and the passes still film some)
    const mod = new SeiModule(bareStart ? { ...spec, formationRate_per_s: spec.formationRate_per_s / 20 } : spec, app, { T_K: run.temperature_K, rng: new Rng(99), deactivatedCode: HOST_BASE, hostTopZ: sim.d.hostTopZ, t0_s: 0 });
    if (bareStart) {
      // the deposit's film cleared (every atom bare): the passes film it face by face, new atoms on the host take its film
      const none = Buffer.from(new Uint8Array(app.lat.n)).toString('base64');
      mod.restoreState({ ...mod.saveState(), cov: none, str: none, pend: [] }, app);
    }
    tally = new HopTally(() => app.film);
    tallies.push(tally);
    return [mod, tally];
  };
  let hopsFilmed = 0, hopsBare = 0;
  const onEvent = (k: number, v: number) => {
    if (k !== 2 || tally === null) return;
    const f = tally.film();
    tally.before = f !== null && f[v] !== 0 ? 1 : 0;
    if (tally.before) hopsFilmed++; else hopsBare++;
  };
  for (const [bare, eta] of [[false, 0.1], [false, -0.1], [true, 0.1], [true, -0.1]] as const) {
    bareStart = bare;
    const rep = checkFastAgainstGeneric(sim.app.lat, code, phys, { events: 1000, seed: 4, eta_V: eta, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 20, modules, onEvent });
    t.diagnostic(`${bare ? 'film cleared' : 'as grown'}, eta ${eta} V: events per type ${rep.perType.join('/')}, SEI module writes ${rep.moduleWrites}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 1000);
  }
  const sum = (f: (x: HopTally) => number) => tallies.reduce((a, x) => a + f(x), 0);
  const both = sum((x) => x.filmedBoth), before = sum((x) => x.filmedBefore), gained = sum((x) => x.bareToFilmed);
  t.diagnostic(`hops of filmed atoms ${hopsFilmed}, of bare ones ${hopsBare}; filmed at the source and at the destination ${both} of ${before}; bare to filmed ${gained}`);
  assert.ok(hopsFilmed > 50 && hopsBare > 50, `filmed ${hopsFilmed}, bare ${hopsBare}`);
  // the detailed-balance argument's premise (docs/model.md): an atom that carries film has film where it lands (all but
  // an atom whose only film bits are on faces an SEI voxel has covered since the last full pass)
  assert.ok(both >= 0.98 * before && before > 50, `${both} of ${before}`);
});

test('filmhop in a simulation: plate/strip cycles with rebuilds, the classes equal a recomputation (film included) at every step end; a restored SEI state re-rates the hops', () => {
  const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: 0.1 }, [{ repeat: 2, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.05 eV'));
  const sim = new Simulation(run, { rebuildEvery: 1000 });
  const bad: string[] = [];
  sim.runAll({ onStepEnd: (s) => { const m = s.app.checkConsistency(); if (m) bad.push(m); } });
  assert.deepEqual(bad, []);
  assert.ok(sim.events > 3000, `events ${sim.events}`);
  assert.ok(sim.app.film !== null && sim.app.film === (sim.sei as unknown as { cov: Uint8Array }).cov);
  // a restored state whose film differs (every film bit cleared) is re-rated: consistent again; without the app, refused
  const s = sim.sei!.saveState();
  const none = Buffer.from(new Uint8Array(sim.app.lat.n)).toString('base64');
  assert.throws(() => sim.sei!.restoreState({ ...s, cov: none }), /needs the app/);
  sim.sei!.restoreState({ ...s, cov: none }, sim.app);
  assert.equal(sim.app.checkConsistency(), null);
  sim.sei!.restoreState(s, sim.app);
  assert.equal(sim.app.checkConsistency(), null);
});

test('filmhop checkpoint: a run with film_hop_barrier and rebuilds cancelled at 70 % of its events and resumed ends in the same state as the uninterrupted run (the film the app reads is the module\'s array again)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-filmhop-ck-'));
  try {
    const run = parseRunInput(base({ set: 'carbonate', film_hop_barrier: '0.05 eV' }, [{ repeat: 1, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }], '0.05 eV', 5));
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
    assert.ok(resumed.app.film !== null && resumed.app.film === (resumed.sei as unknown as { cov: Uint8Array }).cov);
    assert.equal(resumed.app.checkConsistency(), null);
    resumed.runAll();
    assertSameState(resumed, full, 'filmhop resume');
    assert.ok(full.app.counters.hops > 100, `hops ${full.app.counters.hops}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

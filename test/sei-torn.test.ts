/**
 * Session 6 of issue 10: torn-film conduction (a stretched film lets ions through as bare metal,
 * `sei: { torn_film_conduction: true }`, apps/events/sei.ts acceptFaradaic) and the per-site SEI
 * composition that the host-identical SAC control of the SEI studies uses (validation/studies/
 * sei-common.ts hostTwin). Bookkeeping tests: `kinetics.terraceBarrier: 0.3 eV`, small boxes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { METAL, EMPTY } from '../src/lattice/voxel.js';
import { DIRS } from '../src/kmc/lattice.js';
import { hostTwin } from '../validation/studies/sei-common.js';

function run(sei: unknown, extra: Record<string, unknown> = {}) {
  return parseRunInput({
    metal: 'Li', temperature: '-10 degC', lattice: { size: [8, 8, 20], voxel: '100 nm' }, host: 'Cu',
    // i0 held at its 25 degC value (exchangeActivationEnergy 0 eV) so that the film's contrast at -10 degC is large (g 0.04)
    kinetics: { terraceBarrier: '0.3 eV', exchangeActivationEnergy: '0 eV' }, sei, protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false }, ...extra,
  });
}

test('torn-film conduction: a metal voxel whose exposed faces carry only stretched film strips at the bare rate; off, at the film rate g', () => {
  const accepted = (torn: boolean, stretched: boolean) => {
    const sim = new Simulation(run({ set: 'carbonate', torn_film_conduction: torn }));
    sim.runAll();
    const app = sim.app, sei = sim.sei!, nb = new Int32Array(DIRS);
    // a surface metal voxel: every exposed face filmed, and (stretched) every one of them stretched
    let v = -1, mask = 0;
    for (let i = 0; i < app.code.length && v < 0; i++) {
      if (app.code[i] !== METAL) continue;
      app.lat.neighbors(i, nb);
      let m = 0;
      for (let d = 0; d < DIRS; d++) if (nb[d]! >= 0 && app.code[nb[d]!] === EMPTY) m |= 1 << d;
      if (m) { v = i; mask = m; }
    }
    assert.ok(v >= 0, 'a surface voxel');
    sei['cov'][v] = mask;
    sei['str'][v] = stretched ? mask : 0;
    let n = 0;
    const N = 4000;
    for (let k = 0; k < N; k++) if (sei.acceptFaradaic(app, v)) n++;
    return { f: n / N, g: sei.gFilm };
  };
  // -10 degC: g = 0.039 (carbonate film, 0.6 eV); binomial sd at N = 4000 is 0.003
  const onTorn = accepted(true, true), offTorn = accepted(false, true), onWhole = accepted(true, false);
  assert.ok(onTorn.g < 0.05, `g ${onTorn.g}`);
  assert.equal(onTorn.f, 1, 'torn film: every draw made');
  assert.ok(Math.abs(offTorn.f - offTorn.g) < 0.015, `torn off: accepted ${offTorn.f} vs g ${offTorn.g}`);
  assert.ok(Math.abs(onWhole.f - onWhole.g) < 0.015, `whole film: accepted ${onWhole.f} vs g ${onWhole.g}`);
});

test('sei.torn_film_conduction: a boolean, else one line naming the field', () => {
  assert.throws(() => run({ set: 'carbonate', torn_film_conduction: 'yes' }), /sei\.torn_film_conduction.*true or false/);
  assert.equal(run('carbonate').sei!.tornFilmConduction, false);
});

test('host-identical SAC control: the twin carries the host\'s parameters and SEI formed next to it has the host\'s composition', () => {
  // an SEI set where SAC-catalysed SEI is all inorganic and plain SEI all organic, with SEI forming fast
  const base = run({ set: 'carbonate', inorganic_share: 0, sac_inorganic_share: 1, formation_rate: 1000, fresh_fraction: 0.2 },
    { host: 'graphene', sacs: [{ site: 'Zr-N4', loading: '50 %', arrangement: 'random' }], temperature: '25 degC' });
  const twin = hostTwin(base);
  assert.equal(twin.sacs[0]!.site.binding_eV, base.host.binding_eV);
  assert.equal(twin.sacs[0]!.site.redShift_eV, base.host.redShift_eV);
  assert.equal(twin.sacs[0]!.site.terraceBarrier_eV, base.host.terraceBarrier_eV);
  assert.deepEqual(twin.sei!.sacInorganicShareBySite, [0]);
  assert.deepEqual(twin.sei!.sacDeactivation, [0]);
  assert.ok(base.sei!.sacDeactivation[0]! > 0, 'Zr-N4 itself distorts');
  const inorganic = (r: typeof base) => { const s = new Simulation(r); s.runAll(); return s.sei!.counters; };
  const a = inorganic(base), b = inorganic(twin);
  assert.ok(a.inorganic > 0, `SEI next to Zr-N4 is inorganic: ${a.inorganic} of ${a.inorganic + a.organic}`);
  assert.equal(b.inorganic, 0, `SEI next to the twin is organic like the host's: ${b.inorganic} of ${b.inorganic + b.organic}`);
  assert.ok(b.organic > 0);
});

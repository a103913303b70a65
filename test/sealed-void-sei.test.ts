/**
 * Sealed electrolyte (VOID, `model: { sealed_pores: void }`) with the SEI (`sei:`; branch voidsei): a metal face onto
 * VOID is not in contact with electrolyte (no formation, no thickening, no electrochemical part) and keeps the film it
 * had; when the pocket reopens its faces are exposed again, filmed or stretched as they were, fresh where they had none,
 * and queued on the fast pass's list like any new area (apps/events/sei.ts, header item 11; docs/model.md, E1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { PlatingApp } from '../src/apps/plating.js';
import { SeiModule } from '../src/apps/events/sei.js';
import { CH_RED, CH_OX } from '../src/apps/plating.js';
import { NX, NY, NZ, at, cup, P, L, fire } from './helpers/sealed-pore.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, DEAD } from '../src/lattice/voxel.js';
import { VOID } from '../src/lattice/species.js';

const base = (extra: Record<string, unknown> = {}) => ({
  metal: 'Li', host: 'Cu', lattice: { size: [NX, NY, NZ], voxel: '10 nm' },
  protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false }, sei: { set: 'carbonate' }, ...extra,
});

/** the cup's app and an SEI module on it (the foil present at construction starts passivated); `code` may be edited first */
function cupWithSei(sealed: 'fill' | 'void', edit?: (code: Uint8Array) => void) {
  const run = parseRunInput(base({ model: { sealed_pores: sealed } }));
  const phys = physicsOf(run, derive(run));
  const code = cup();
  edit?.(code);
  const app = new PlatingApp(new CubicLattice(NX, NY, NZ, false), code, phys, new Rng(1));
  const sei = new SeiModule(run.sei!, app, { T_K: run.temperature_K, rng: new Rng(7), deactivatedCode: -1, hostTopZ: 0, t0_s: 0 });
  return { app, sei };
}
/** the walls of the pore P and the face of each that looks into it (direction index of the wall's face towards P) */
const walls = (): Array<[number, number]> => [[at(1, 2, 2), 0], [at(3, 2, 2), 1], [at(2, 1, 2), 2], [at(2, 3, 2), 3], [at(2, 2, 1), 4]];

test('voidsei: `sei:` runs with sealed_pores void (no longer refused)', () => {
  const r = parseRunInput(base({ model: { sealed_pores: 'void' } }));
  assert.equal(r.model?.sealedPores, 'void');
  assert.ok(r.sei);
});

test('voidsei: a sealed pocket\'s faces form no SEI and keep their film; reopened, they are filmed as they were (fill: the pore stays electrolyte and its fresh face reacts)', () => {
  for (const sealed of ['void', 'fill'] as const) {
    const { app, sei } = cupWithSei(sealed);
    // the walls of the open cup are foil: filmed at construction
    for (const [w, d] of walls()) assert.equal(sei.faceFilm(w, d), 1, `${sealed}: wall ${w} filmed`);
    fire(app, L); // the lid: P is sealed
    sei.afterEvent(app, CH_RED, L, 0);
    assert.equal(app.code[P], sealed === 'void' ? VOID : EMPTY);
    // the lid's face down onto P: void, onto VOID it gets none of the film the lid lifted (fill: it is on electrolyte
    // and takes its share, stretched where the film is short)
    if (sealed === 'void') assert.equal(sei.faceFilm(L, 5), 0);
    else assert.notEqual(sei.faceFilm(L, 5), 0);
    for (let k = 1; k <= 40; k++) sei.advance(app, 10 * k);
    const lidFilm = app.code[L] === METAL ? sei.faceFilm(L, 5) : -1;
    if (sealed === 'void') {
      // no formation onto VOID: the lid's face stays bare, the walls keep their film, none of them turned into SEI
      assert.equal(app.code[P], VOID);
      assert.equal(lidFilm === -1 ? 0 : lidFilm, 0, 'the lid\'s face onto VOID formed no film');
      for (const [w, d] of walls()) if (app.code[w] === METAL) assert.equal(sei.faceFilm(w, d), 1, `wall ${w}: its film onto VOID kept`);
      assert.ok(app.code[L] !== METAL || app.code[at(1, 2, 2)] === METAL, 'the cup is still there');
    } else {
      // the control: on electrolyte the face's film settles (filmed) or the lid is bound in SEI
      assert.ok(lidFilm === 1 || lidFilm === -1, `fill: the lid's face onto electrolyte settled (${lidFilm})`);
    }
    assert.equal(app.checkConsistency(), null);
  }
  // reopened: strip the lid; the walls' faces onto P are filmed as they were (not fresh)
  const { app, sei } = cupWithSei('void');
  fire(app, L); sei.afterEvent(app, CH_RED, L, 0);
  for (let k = 1; k <= 40; k++) sei.advance(app, 10 * k);
  const filmed = walls().filter(([w, d]) => app.code[w] === METAL && sei.faceFilm(w, d) === 1);
  if (app.code[L] === METAL) {
    fire(app, L); sei.afterEvent(app, CH_OX, L, 400);
    assert.equal(app.code[P], EMPTY, 'the strip of the lid reopens P');
    for (const [w, d] of filmed) assert.equal(sei.faceFilm(w, d), 1, `wall ${w}: filmed as before the seal`);
  }
  assert.ok(filmed.length >= 3, `${filmed.length} walls kept their film`);
  assert.equal(app.checkConsistency(), null);
});

test('voidsei: a pocket sealed from the start has bare walls that never react; reopened, they are fresh, queued, and react', () => {
  // the lid in the initial box: P is VOID from construction and its walls carry no film
  const { app, sei } = cupWithSei('void', (code) => { code[L] = METAL; });
  assert.equal(app.code[P], VOID);
  for (const [w, d] of walls()) assert.equal(sei.faceFilm(w, d), 0, `wall ${w}: bare onto VOID`);
  const bound0 = sei.counters.bound;
  for (let k = 1; k <= 40; k++) sei.advance(app, 10 * k);
  for (const [w, d] of walls()) if (app.code[w] === METAL) assert.equal(sei.faceFilm(w, d), 0, `wall ${w}: no film formed onto VOID`);
  assert.ok(app.code[L] === METAL, 'the lid is still metal');
  // open the pocket: strip the lid (its film falls onto the faces its removal uncovers; the walls inside are P's)
  fire(app, L); sei.afterEvent(app, CH_OX, L, 400);
  assert.equal(app.code[P], EMPTY);
  const inside = walls().filter(([w]) => app.code[w] === METAL);
  for (const [w, d] of inside) {
    assert.equal(sei.faceFilm(w, d), 0, `wall ${w}: fresh`);
    assert.ok(sei.isPending(w), `wall ${w}: queued on the fast pass's list`);
  }
  const fresh0 = sei.counters.freshFaces;
  for (let k = 41; k <= 80; k++) sei.advance(app, 10 * k);
  const reacted = inside.filter(([w, d]) => app.code[w] !== METAL || sei.faceFilm(w, d) !== 0).length;
  assert.ok(reacted >= 3 && sei.counters.freshFaces - fresh0 >= 3, `${reacted} of ${inside.length} reopened walls reacted`);
  assert.ok(sei.counters.bound >= bound0);
  assert.equal(app.checkConsistency(), null);
});

test('voidsei: a plate/strip cycle with `sei:` and void keeps every class and the inventory exact, and no liquid voxel (EMPTY or VOID) holds film', (t) => {
  const run = parseRunInput({
    ...base({ lattice: { size: [24, 24, 24], voxel: '50 nm' }, seed: 2 }),
    protocol: ['Plate 0.1 mAh/cm2 at 3 mA/cm2', 'Strip at 3 mA/cm2 until 1 V'], model: { sealed_pores: 'void' },
  });
  const sim = new Simulation(run, { rebuildEvery: 60000 });
  let checks = 0;
  const check = () => {
    checks++;
    const app = sim.app, sei = sim.sei!;
    assert.equal(app.checkConsistency(), null);
    assert.equal(app.voidSealed - app.voidOpened, app.voidCount);
    // every metal voxel ever plated is stripped, bound in SEI, or still in the box (live or dead)
    assert.equal(app.counters.reductions, app.counters.oxidations + sei.counters.bound + app.metalCount, 'inventory');
    // film is a state of metal faces: a liquid voxel (EMPTY or VOID: the source of a hop that sealed it, too) holds none
    for (let v = 0; v < app.code.length; v++) {
      const c = app.code[v]!;
      if (c !== EMPTY && c !== VOID) continue;
      for (let d = 0; d < 6; d++) assert.equal(sei.faceFilm(v, d), 0, `liquid voxel ${v} (${c === VOID ? 'VOID' : 'EMPTY'}) holds film on face ${d}`);
    }
  };
  sim.runAll({ chunk: 20000, onProgress: check });
  check();
  const app = sim.app, sei = sim.sei!;
  const s = cycleSummary(sim);
  for (const c of s.cycles) assert.equal(c.plated_voxels, c.stripped_voxels + c.sei_bound_voxels + c.dead_formed_voxels + c.retained_voxels, `cycle ${c.cycle}: inventory`);
  let dead = 0;
  for (const c of app.code) if (c === DEAD) dead++;
  t.diagnostic(`${checks} checks, ${sim.events} events, VOID sealed ${app.voidSealed} opened ${app.voidOpened}, bound ${sei.counters.bound}, dead ${dead}`);
  assert.ok(checks >= 3);
  assert.ok(sei.counters.bound > 0, 'SEI formed');
  assert.ok(app.voidSealed > 0 && app.voidOpened > 0, `sealed ${app.voidSealed}, opened ${app.voidOpened}`);
});

/**
 * The vicinal foil (`lattice: { foil: 'vicinal', terrace_width: w }`; kmc/helical-lattice.ts,
 * simulation/vicinal-foil.ts): helical boundaries whose rise continues the staircase, so the steps
 * of the metal's own foil cannot annihilate. Checked here: the wiring (neighbours symmetric, the
 * generic path's offsets agree with the lattice), the fast path against the generic path event for
 * event on a vicinal foil, the steps kept through rest, plating and stripping (where the periodic
 * stepped foil of the same box anneals flat: test/bv-steps.test.ts), the default periodic lattice
 * unchanged, and the input refusals; the fast and generic paths also agree under the 'balanced' hop
 * rules (PlatingPhysics.hops); and issue 9's hard point, stripping at 100 i0, on the foil where it
 * meets Butler-Volmer over the first quarter monolayer (terraces 2 wide, balanced hops; the study is
 * `bv-vicinal-dense-balanced`). Li, voxels of 10 nm; about 6 s in all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { surfaceSteps } from '../src/simulation/vicinal-foil.js';
import { HelicalLattice } from '../src/kmc/helical-lattice.js';
import { CubicLattice, DIRS, OPPOSITE } from '../src/kmc/lattice.js';
import { FACES, offsetSite } from '../src/engine/event-type.js';
import { checkFastAgainstGeneric } from '../src/engine/consistency.js';
import { InputError } from '../src/errors.js';
import { butlerVolmer, measureVicinal } from '../validation/studies/bv-vicinal-common.js';

function vicinal(size: number, w: number, protocol: string[], extra: Record<string, unknown> = {}, seed = 1): Simulation {
  return new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [size, size, 10 + (2 * size) / w + 8], voxel: '10 nm', terrace_width: w, foil: 'vicinal' }, host: 'Li',
    host_layers: 10, protocol, seed, output: { snapshots: false }, ...extra,
  }));
}

test('helical lattice: neighbours are symmetric, cross the boundaries with the rise, and agree with the generic offsets', () => {
  const lat = new HelicalLattice(6, 4, 12, 3, 2), nb = new Int32Array(DIRS);
  for (let i = 0; i < lat.n; i++) {
    lat.neighbors(i, nb);
    for (let d = 0; d < DIRS; d++) {
      const j = nb[d]!;
      assert.equal(lat.step(i, d), j);
      assert.equal(offsetSite(lat, i, FACES[d]!), j);
      if (j >= 0) assert.equal(lat.step(j, OPPOSITE[d]!), i);
    }
  }
  // (5, 1, 4) + x -> (0, 1, 1): three levels lower; (2, 0, 4) - y -> (2, 3, 6): two levels higher
  assert.equal(lat.step(lat.index(5, 1, 4), 0), lat.index(0, 1, 1));
  assert.equal(lat.step(lat.index(2, 0, 4), 3), lat.index(2, 3, 6));
  assert.equal(lat.step(lat.index(5, 1, 2), 0), -1); // below the box
  // a diagonal offset crosses both boundaries: (5, 3, 6) + (1, 1, 0) -> (0, 0, 1)
  assert.equal(offsetSite(lat, lat.index(5, 3, 6), [1, 1, 0]), lat.index(0, 0, 1));
  // rises of 0 are the periodic lattice
  const a = new HelicalLattice(6, 4, 5, 0, 0), b = new CubicLattice(6, 4, 5), na = new Int32Array(DIRS), nbb = new Int32Array(DIRS);
  for (let i = 0; i < a.n; i++) { a.neighbors(i, na); b.neighbors(i, nbb); assert.deepEqual([...na], [...nbb]); }
});

for (const [name, eta, hops] of [['plating', 0.06, undefined], ['stripping', -0.06, undefined], ['plating, balanced hops', 0.06, 'balanced'], ['stripping, balanced hops', -0.06, 'balanced']] as const) {
  test(`fast path = generic path, event for event, on a vicinal foil (${name})`, () => {
    // 12 x 12 voxels, terraces 3 wide (rise 4 levels across x and across y); slow hops (terrace
    // barrier 0.3 eV: a bookkeeping check, not surface diffusion) so that faradaic events are many
    const sim = vicinal(12, 3, ['Rest for 1 s'], { kinetics: { terraceBarrier: '0.3 eV' } });
    const lat = sim.app.lat;
    let edge = 0;
    const onEvent = (_k: number, v: number): void => {
      const x = lat.x(v), y = lat.y(v);
      if (x === 0 || x === lat.nx - 1 || y === 0 || y === lat.ny - 1) edge++;
    };
    const phys = hops ? { ...sim.app.phys, hops } : sim.app.phys;
    const rep = checkFastAgainstGeneric(lat, sim.app.code.slice(), phys, { events: 2500, seed: 7, eta_V: eta, alpha: sim.run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 50, onEvent });
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 2500);
    assert.ok(rep.perType[2]! > 100 && rep.perType[0]! + rep.perType[1]! > 100, `events per type ${rep.perType.join('/')}`);
    assert.ok(edge > 200, `events on the boundary columns: ${edge}`);
  });
}

test('a vicinal foil keeps its steps through rest, plating and stripping (16 x 16, terraces 4 wide)', () => {
  // Claim stated before the run: the periodic stepped foil of this box is flat after a 0.5 s rest
  // (step length 128 -> below 32, test/bv-steps.test.ts; 0 in a scratch run). On the vicinal foil
  // every row must climb the rise, so the step length stays at 128 or more; what can fail is the
  // wiring across the boundary (a jump there of more than 2 levels, where a surface of monatomic
  // steps has 1-2) and the kinks (more than 16 of the fresh 64 left at every step's end; the
  // diagonal steps facet into <100> segments, about 35 in a scratch run). Inside the box a jump of 3 levels (two steps
  // stacked at a pit or an island's edge) is allowed: seeds 1-12 of this box end a step with one in 2 of 36 step ends,
  // before and after dlfast (measured 2026-12-05); the bound of 2 is kept across the boundary, where the wiring is.
  const sim = vicinal(16, 4, ['Rest for 0.5 s', 'Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip 0.0005 mAh/cm2 at 1 mA/cm2']);
  const s0 = surfaceSteps(sim.app.lat, sim.app.code, sim.app.nbs);
  assert.deepEqual(s0, { stepLength: 128, maxJumpInside: 1, maxJumpAcross: 1, kinks: 64 });
  const metal0 = sim.app.metalCount;
  for (const fs of sim.steps) {
    sim.runStep(fs);
    sim.app.lone?.resolveAll();
    const s = surfaceSteps(sim.app.lat, sim.app.code, sim.app.nbs);
    assert.ok(s.stepLength >= 128 && s.maxJumpAcross <= 2 && s.maxJumpInside <= 3 && s.kinks > 16, `${fs.step.text}: ${JSON.stringify(s)}`);
    assert.equal(sim.app.checkConsistency(), null);
  }
  assert.equal(sim.app.metalCount - metal0, sim.app.counters.reductions - sim.app.counters.oxidations);
});

test('stripping at 100 i0 meets Butler-Volmer within 5 % over the first quarter monolayer on terraces 2 wide with balanced hops, not on terraces 4 wide', () => {
  // 32 x 32, seed 1, eta = time-weighted mean of the double-layer potential over the second half of the
  // step (the study's protocol, measureVicinal). Claim stated before the test was written, from scratch
  // runs of this seed (+3.0 % on terraces 2 wide, +7.9 % on 4 wide) and the study's seeds 1-3: the denser
  // foil within 5 % of -236.6 mV, the 4-wide one beyond it (kink supply, docs/model.md). Over 2 monolayers
  // the 2-wide foil still misses (+8.9 %, study bv-vicinal-dense-balanced): this is the short window only.
  const ref = -butlerVolmer(100);
  const err = (terrace: number): number => measureVicinal({ kind: 'Strip', ratio: 100, monolayers: 0.25, size: 32, seed: 1, hops: 'balanced', terrace }).eta_mV / ref - 1;
  const e2 = err(2), e4 = err(4);
  assert.ok(Math.abs(e2) <= 0.05, `terraces 2 wide: ${(100 * e2).toFixed(1)} % from Butler-Volmer`);
  assert.ok(e4 > 0.05, `terraces 4 wide: ${(100 * e4).toFixed(1)} % (expected beyond 5 %: kink supply)`);
});

test('the default periodic stepped foil runs the same trajectory as before the vicinal foil', () => {
  // Pinned from the same run on cac08ec (the commit before the helical lattice): FNV-1a of the final
  // voxel codes, the event counters and the clock, seed 1. Re-pinned at stripfix (2026-12-05): the strip after the
  // plate is a current reversal, whose box is pulled back when it moves against its current or lags its share beyond
  // the band (electrochem/doublelayer.ts REVERSAL_EVENTS); the rest and the plating step are untouched (their kMC
  // time 0.2 + 2.404 s as before). Before: 3905715205, 171822 hops, 213 reductions, 211 oxidations, 4.032622491073427 s.
  // Re-pinned at dlfast (2026-12-05): at a reversal a box whose double layer settles within one faradaic event takes
  // it quasi-steady; the rest and the plate untouched again. Before: 1042782987, 190394, 246, 244, 4.5570835767142235 s.
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li',
    host_layers: 10, protocol: ['Rest for 0.2 s', 'Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip 0.0005 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  sim.runAll();
  sim.app.lone?.resolveAll();
  let h = 0x811c9dc5;
  for (const c of sim.app.code) { h ^= c; h = Math.imul(h, 0x01000193) >>> 0; }
  const c = sim.app.counters;
  assert.deepEqual([h, c.hops, c.reductions, c.oxidations, sim.kmcTime], [3079567143, 184928, 237, 235, 4.233653153668776]);
});

test('vicinal foil: bad input is refused with the field named', () => {
  const base = { metal: 'Li', host: 'Li', protocol: ['Rest for 1 s'] };
  const refuse = (lattice: Record<string, unknown>, extra: Record<string, unknown>, field: string, re: RegExp) => {
    assert.throws(() => parseRunInput({ ...base, lattice, ...extra }), (e: unknown) => e instanceof InputError && e.field === field && re.test(e.message));
  };
  refuse({ size: [16, 16, 40], voxel: '10 nm', foil: 'vicinal' }, {}, 'lattice.foil', /terrace_width/);
  refuse({ size: [16, 16, 40], voxel: '10 nm', terrace_width: 4, foil: 'spiral' }, {}, 'lattice.foil', /stepped.*vicinal/);
  refuse({ size: [16, 16, 19], voxel: '10 nm', terrace_width: 4, foil: 'vicinal' }, { host_layers: 4 }, 'lattice.size', /at least 20 voxels/);
  refuse({ size: [16, 16, 40], voxel: '10 nm', terrace_width: 4, foil: 'vicinal' }, { electrolyte: 'LiPF6-EC-DMC' }, 'lattice.foil', /electrolyte/);
  // accepted: the stepped foil by name is the default
  assert.equal(parseRunInput({ ...base, lattice: { size: [16, 16, 24], voxel: '10 nm', terrace_width: 4, foil: 'stepped' } }).lattice.foil, undefined);
});

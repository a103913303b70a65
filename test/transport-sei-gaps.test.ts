/**
 * The concentration field under the SEI (branches fieldcost, mends118): the parts review87 found no test exercised
 * (F6: a strip under the film; F9: where an SEI site's weight in the liquid potential's current distribution goes).
 * Branch mends121. Kept apart from test/transport.test.ts, whose end other branches append to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { CH_RED, CH_OX } from '../src/apps/plating.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { SEI } from '../src/lattice/species.js';

// review87 F6: a strip under the film (apps/plating.ts stripUnderSei: metal whose only liquid contact is through an SEI
// voxel; the SEI voxel moves into the metal's place and its old place becomes liquid) must open, and give the salt back
// to, the SEI voxel's old voxel (app.seiMoved), not the metal's (Transport.afterEvent, branch fieldcost). The plate and
// strip of test/transport.test.ts's fieldcost tests has no strip under the film (review87 R3: none), so the mutant
// "seiMoved read for CH_RED only" passed them. A built state: a Li foil (4 x 4, 100 nm voxels and field cells), an atom
// plated on it and turned into SEI; the foil voxel m under it touches the liquid only through that SEI voxel s.
// With the mutant: `cell of s: open 0` (and m's cell opened, holding the salt).
test('mends121: a strip under the SEI opens the SEI voxel\'s old place in the field and gives the salt back there, not at the stripped metal\'s voxel', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Li', lattice: { size: [4, 4, 12], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate',
    cell: { diffusion_layer: '5 um', field_cell: '100 nm' }, protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false },
  }));
  const app = sim.app, tp = sim.transport!, f = tp.field, code = app.code, nxy = app.lat.nxy;
  let s = 1 + 1 * 4;
  while (code[s] !== EMPTY) s += nxy;
  const m = s - nxy;
  assert.equal(code[m], METAL, 'the foil\'s top voxel under s');
  // the atom at s, plated as the loop would (the field closes s's cell), then turned into SEI (no change to the liquid)
  const ch0 = app.execute(app.slots.get(s) << 1);
  assert.equal(ch0, CH_RED);
  tp.afterEvent(app, ch0, s);
  app.transmute(s, SEI);
  const nb = new Int32Array(6);
  app.lat.neighbors(m, nb);
  assert.ok([...nb].every((t) => t < 0 || code[t] !== EMPTY), 'm touches no liquid of its own');
  const cs = f.cellOfVoxel(s), cm = f.cellOfVoxel(m);
  assert.ok(cs >= 0 && cm >= 0 && cs !== cm, `cells ${cs}, ${cm}`);
  const openS = f.open[cs]!, openM = f.open[cm]!, nS = f.N[cs]!, nM = f.N[cm]!, consumed = f.consumed;
  assert.equal(openS, 0, 'the SEI voxel\'s cell holds no liquid (one voxel a cell)');
  const slot = app.slots.get(m);
  assert.ok(slot >= 0, 'the covered metal has an oxidation event (through the SEI that touches liquid)');
  const ch = app.execute(slot << 1);
  assert.equal(ch, CH_OX);
  assert.equal(app.seiMoved, s, 'the strip went under the film: the SEI voxel s moved into m');
  assert.ok(code[s] === EMPTY && app.isSeiCode(code[m]!), `after the strip: s ${code[s]}, m ${code[m]}`);
  tp.afterEvent(app, ch, m);
  const got = `cell of s: open ${f.open[cs]}, salt +${((f.N[cs]! - nS) / tp.sinkPerVoxel).toFixed(3)} sinks; cell of m: open ${f.open[cm]}, salt +${((f.N[cm]! - nM) / tp.sinkPerVoxel).toFixed(3)} sinks`;
  assert.equal(f.open[cs], openS + 1, got);
  assert.equal(f.open[cm], openM, got);
  assert.ok(Math.abs(f.N[cs]! - nS - tp.sinkPerVoxel) <= 1e-9 * tp.sinkPerVoxel, got);
  assert.equal(f.N[cm], nM, got);
  assert.ok(Math.abs(consumed - f.consumed - tp.sinkPerVoxel) <= 1e-9 * tp.sinkPerVoxel, `consumed ${consumed} -> ${f.consumed}`);
  // and every cell's open count is the lattice's EMPTY voxels in it
  const empty = new Int32Array(f.open.length);
  for (let v = 0; v < code.length; v++) { const c = f.cellOfVoxel(v); if (c >= 0 && code[v] === EMPTY) empty[c]!++; }
  const off: string[] = [];
  for (let i = 0; i < empty.length; i++) if (empty[i] !== f.open[i]) off.push(`cell ${i}: field ${f.open[i]}, lattice ${empty[i]}`);
  assert.deepEqual(off, []);
});

// review87 F9: mends118's test checks the weights' sum only; the mutant putting an SEI site's whole share into the SEI
// voxel's own cell (which holds no liquid at 100 nm cells: the bug class fieldcost fixed for the salt) kept the sum and
// passed. Here, after mends118's plate (6 x 6 x 24, `sei: carbonate`, `cell.migration: ohmic`): every cell with a weight
// holds liquid, and the weights are, cell by cell, the EMPTY sites' k min(c/c0, 1) plus each SEI site's k min(c/c0, 1) / n
// put into each of its n EMPTY face neighbours' cells (recomputed here from the lattice, the solver's rates and the field).
// With the mutant: `cells with a weight and no liquid: 1` (the SEI site's own). Seed 8 since D3's fix (session 59): seed 1's
// plate now ends with no reduction site under the film; of seeds 1-30, 8 has the most (4 sites, 11 liquid cells beside them).
test('mends121: with cell.migration: ohmic and an SEI, each reduction site under the film puts its weight into the cells of the liquid beside it, none into a cell without liquid', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [6, 6, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate',
    cell: { diffusion_layer: '50 um', field_cell: '100 nm', migration: 'ohmic' }, protocol: ['Plate 0.05 mAh/cm2 at 150 mA/cm2'], seed: 8, output: { snapshots: false },
  }));
  sim.runAll({});
  const tp = sim.transport!, f = tp.field, app = sim.app, solver = app.solver, keys = app.slots.slotKey, code = app.code, c0 = tp.c0;
  tp.scanRho(app);
  const w = tp.reductionWeights(app);
  const want = new Float64Array(w.length);
  const pOf = (i: number) => (i < 0 ? 0 : Math.min(1, Math.max(0, f.conc(i) / c0)));
  const nb = new Int32Array(6);
  let seiSites = 0, seiCells = 0;
  for (let s = 0; s < app.slots.slotCount; s++) {
    const v = keys[s]!;
    if (v < 0) continue;
    const cls = solver.classOf(2 * s);
    if (cls < 0) continue;
    const k = solver.rate[cls]!, cv = code[v]!;
    if (cv === EMPTY) { const i = f.cellOfVoxel(v); if (i >= 0) want[i]! += k * pOf(i); continue; }
    if (!app.isSeiCode(cv)) continue;
    seiSites++;
    app.lat.neighbors(v, nb);
    const liquid = [...nb].filter((t) => t >= 0 && code[t] === EMPTY);
    for (const t of liquid) { const i = f.cellOfVoxel(t); if (i >= 0) { want[i]! += (k * pOf(i)) / liquid.length; seiCells++; } }
  }
  assert.ok(seiSites > 0 && seiCells > 0, `reduction sites under the film: ${seiSites}, liquid cells beside them: ${seiCells}`);
  const dry: string[] = [], off: string[] = [];
  let big = 0;
  for (const x of want) big = Math.max(big, x);
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 0 && !(f.open[i]! > 0)) dry.push(`cell ${i}: weight ${w[i]}, open ${f.open[i]}`);
    if (Math.abs(w[i]! - want[i]!) > 1e-12 * big) off.push(`cell ${i}: ${w[i]} against ${want[i]}`);
  }
  assert.deepEqual(dry, [], `cells with a weight and no liquid: ${dry.length}`);
  assert.deepEqual(off, [], `cells whose weight is not their sites' and their SEI neighbours' shares: ${off.length}`);
});

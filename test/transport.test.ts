/**
 * Ion transport (issue 9 section 2, MODEL.md 8.1): electrolyte sets, the run-file keys, the pulse
 * step, the concentration field against the analytic constant-flux solution, exact salt balance
 * between events and field, the concentration part of the cell voltage, and the short circuit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/errors.js';
import { parseRunInput } from '../src/input/parse.js';
import { parseProtocol } from '../src/input/protocol.js';
import type { ProtocolStep } from '../src/input/types.js';
import { ELECTROLYTES, LIQUID_RANGES, SOLVENT_RANGES, conductivityOf, resolveElectrolyte, valoenReimers } from '../src/params/electrolytes.js';
import { ConcentrationField } from '../src/fields/concentration.js';
import { liquidPotential } from '../src/fields/liquid-potential.js';
import { Simulation } from '../src/simulation/simulation.js';
import { simulate } from '../src/simulation/simulate.js';
import { computeMetrics } from '../src/simulation/report.js';
import { sandTimeFiniteLayer_s, transportMetrics, transportSummaryLines } from '../src/fields/report.js';
import { transportLines } from '../src/cli/transport-lines.js';
import { pulseStats } from '../src/simulation/pulse.js';
import { cliSpawnShape } from './helpers/cli.js';
import { TO } from '../src/units.js';
import { METAL } from '../src/lattice/voxel.js';
import { tempRoot } from './helpers/tmp.js';
import { Rng } from '../src/kmc/rng.js';
import { runLoop } from '../src/engine/loop.js';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';
import { CH_OX } from '../src/apps/plating.js';
import { boundedInterval } from '../src/stats/interval.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('transport');

const base = (extra: Record<string, unknown> = {}) => ({
  metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 24], voxel: '100 nm' },
  protocol: ['Plate at 10 mA/cm2 for 0.02 mAh/cm2'], seed: 3, output: { snapshots: false },
  electrolyte: 'LiPF6-EC-DMC', ...extra,
});

function throwsInput(fn: () => unknown, field: string, frag?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    assert.equal(e.field, field);
    assert.ok(!e.message.includes('\n'), 'one line');
    if (frag) assert.match(e.message, frag);
    return true;
  });
}

test('electrolyte sets: four salts, every value with unit and source, SI numbers', () => {
  const metals = new Set(Object.values(ELECTROLYTES).map((e) => e.metal));
  assert.deepEqual([...metals].sort(), ['K', 'Li', 'Na']);
  for (const e of Object.values(ELECTROLYTES)) {
    for (const v of [e.concentration, e.diffusivity, e.transference, e.conductivity]) {
      assert.ok(v.source.ref.length > 0 && (v.source.assumed !== true || (v.source.note ?? '').length > 20), `${e.name}: a source or a reason`);
      // mends68 (review54): a value not assumed cites a work a reader can find, by its DOI, or says its DOI is not
      // confirmed (LiTFSI-DOL-DME's concentration cited its own note, KFSI-DME's "Park et al., Adv. Sci. 2023" no DOI)
      if (v.source.assumed !== true) assert.match(v.source.ref, /doi:10\.\d{4,}\/\S|Handbook of Battery Materials|DOI not confirmed/, `${e.name}: ${v.source.ref}`);
    }
    const r = resolveElectrolyte(e);
    assert.ok(r.c0_mol_per_m3 > 100 && r.D_m2_per_s > 1e-11 && r.D_m2_per_s < 1e-8 && r.tPlus > 0 && r.tPlus < 1 && r.kappa_S_per_m > 0.1);
  }
  // the Valoen-Reimers fit at 1 M and 25 degC: D ~ 3e-6 cm2/s and kappa ~ 10-12 mS/cm (their Fig. 5 and 8 ranges)
  const vr = valoenReimers(1, 298.15);
  assert.ok(vr.D_cm2_per_s > 2.5e-6 && vr.D_cm2_per_s < 4e-6, String(vr.D_cm2_per_s));
  assert.ok(vr.kappa_mS_per_cm > 9 && vr.kappa_mS_per_cm < 13, String(vr.kappa_mS_per_cm));
});

test('run file: electrolyte by name or inline, cell geometry, one-line errors with units', () => {
  const r = parseRunInput(base({ cell: { separator_distance: '20 um' } }));
  assert.equal(r.transport!.electrolyte.name, 'LiPF6-EC-DMC');
  assert.equal(r.transport!.boundary, 'separator');
  assert.ok(Math.abs(r.transport!.distance_m - 20e-6) < 1e-15);
  const inline = parseRunInput(base({ electrolyte: { concentration: '1.2 M', diffusivity: '2e-6 cm2/s', transference: 0.3, conductivity: '9 mS/cm' }, cell: { diffusion_layer: '50 um', field_cell: '200 nm' } }));
  assert.equal(inline.transport!.electrolyte.c0_mol_per_m3, 1200);
  assert.ok(Math.abs(inline.transport!.electrolyte.D_m2_per_s - 2e-10) < 1e-22);
  assert.equal(inline.transport!.cell_voxels, 2);
  assert.equal(inline.transport!.boundary, 'diffusion_layer');
  assert.equal(parseRunInput({ ...base(), electrolyte: undefined }).transport, undefined);
  throwsInput(() => parseRunInput(base({ electrolyte: 'LiPF6-water' })), 'electrolyte', /known electrolyte/);
  throwsInput(() => parseRunInput(base({ electrolyte: 'NaPF6-diglyme' })), 'electrolyte', /Li\+/);
  throwsInput(() => parseRunInput({ ...base(), electrolyte: undefined, cell: { separator_distance: '20 um' } }), 'cell', /electrolyte/);
  throwsInput(() => parseRunInput(base({ electrolyte: { concentration: '1 M', diffusivity: '3 mA', transference: 0.4 } })), 'electrolyte.diffusivity', /diffusion coefficient/);
  throwsInput(() => parseRunInput(base({ electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s' } })), 'electrolyte.transference', /transference/);
  throwsInput(() => parseRunInput(base({ cell: { separator_distance: '20 s' } })), 'cell.separator_distance', /length/);
  throwsInput(() => parseRunInput(base({ cell: { separator_distance: '20 um', diffusion_layer: '5 um' } })), 'cell.diffusion_layer', /not both/);
  throwsInput(() => parseRunInput(base({ cell: { field_cell: '300 nm' } })), 'cell.field_cell', /divides/);
  throwsInput(() => parseRunInput(base({ cell: { separation: '20 um' } })), 'cell.separation', /allowed keys/);
  // review54: a diffusion layer inside the box (24 layers of 100 nm, 1 host layer: 2.3 um of electrolyte) was run, and
  // a deposit reaching its plane stopped the run as "short circuit: the deposit reached the separator plane"
  throwsInput(() => parseRunInput(base({ cell: { diffusion_layer: '1 um' } })), 'cell.diffusion_layer', /got "1 um", expected a diffusion layer that ends above the box, at least 2\.3 um .*separator_distance/);
  assert.equal(parseRunInput(base({ cell: { diffusion_layer: '2.3 um' } })).transport!.boundary, 'diffusion_layer');
  assert.equal(parseRunInput(base({ cell: { separator_distance: '1 um' } })).transport!.boundary, 'separator');
});

// mends65b (review65's friction): `sei: NaPF6-EC-PC` takes the Na-carbonate SEI set, named after its electrolyte, while
// `electrolyte: NaPF6-EC-PC` was refused with the list of every metal's electrolytes and no word on why; it now names the
// field and value, the electrolytes of the run's metal, and that this one is only an SEI set's (no transport numbers)
test('electrolyte: an SEI set\'s electrolyte without a transport set is refused saying so, with the metal\'s electrolytes (mends65b)', () => {
  const na = (electrolyte: unknown) => parseRunInput({ ...base(), metal: 'Na', electrolyte });
  throwsInput(() => na('NaPF6-EC-PC'), 'electrolyte',
    /^electrolyte: got "NaPF6-EC-PC", expected an electrolyte with a transport set for Na: NaPF6-diglyme \(NaPF6-EC-PC is only the electrolyte of the SEI set Na-carbonate, `sei: NaPF6-EC-PC`: no diffusivity, transference or conductivity is given for it\), or its numbers as a map/);
  assert.equal(parseRunInput({ ...base(), metal: 'Na', electrolyte: undefined, sei: 'NaPF6-EC-PC' }).sei!.set, 'Na-carbonate');
  // a name that is no set at all keeps the list of every electrolyte; the metal's own is accepted
  throwsInput(() => na('NaClO4-PC'), 'electrolyte', /known electrolyte \(LiPF6-EC-DMC, .*NaPF6-diglyme, KFSI-DME\)/);
  assert.equal(na('NaPF6-diglyme').transport!.electrolyte.name, 'NaPF6-diglyme');
});

test('fieldaudit: an electrolyte with a metal whose charge number is not 1 is refused (the field is the binary salt M+ X-)', () => {
  // a user's metal set may carry z from 1 to 4 (params/registry.ts); the field's closed forms (Sand's time, the limiting
  // current), its kT/e factors and the anions' drift are those of M+ X-. Before: a z = 2 run was accepted and metrics read
  // Sand's time and J_lim of z = 1 (0.170 s and 251 mA/cm2 on a 20 um layer at 600 mA/cm2 for both, where MODEL.md 8.1's
  // pi D (z c0 F)^2 / (4 (J (1 - t+))^2) gives 4 times the time)
  const z = (v: number) => ({ parameters: { metals: { Li: { z: { value: v, unit: '1', source: { ref: 'test' } } } } } });
  throwsInput(() => parseRunInput(base({ ...z(2), cell: { diffusion_layer: '20 um' } })), 'electrolyte', /charge number 1 .*got z = 2/);
  throwsInput(() => parseRunInput(base({ ...z(2), electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.4 } })), 'electrolyte', /charge number 1/);
  // z = 1 given explicitly runs as before, and a z = 2 metal without an electrolyte is not refused here
  assert.equal(parseRunInput(base(z(1))).transport!.electrolyte.name, 'LiPF6-EC-DMC');
  assert.equal(parseRunInput(base({ ...z(2), electrolyte: undefined })).metal.z, 2);
});

test('pulse step: "Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2"', () => {
  const s = parseProtocol(['Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'])[0] as ProtocolStep;
  assert.equal(s.kind, 'plate');
  assert.equal(s.control, 'galvanostatic');
  assert.equal(s.current_A_per_m2, 30);
  assert.deepEqual(s.pulse, { on_s: 1e-3, off_s: 3e-3 });
  assert.ok(Math.abs(s.charge_C_per_m2! - 2 * 36000) < 1e-6);
  throwsInput(() => parseProtocol(['Pulse at 3 mA/cm2 for 1 ms, rest 3 ms']), 'protocol[0]', /Pulse at/);
  throwsInput(() => parseProtocol(['Pulse at 3 mA/cm2 for 1 ms, rest 3 mV, 2 mAh/cm2']), 'protocol[0]', /off time/);
});

test('field: constant flux into a half-space follows c(0,t) = c0 - 2 N sqrt(t / (pi D)) within 1 %', () => {
  const nx = 4, ny = 4, nz = 64, a = 1e-7, D = 3e-10, c0 = 1000;
  const code = new Uint8Array(nx * ny * nz);
  for (let i = 0; i < nx * ny; i++) code[i] = 8; // one host layer
  const f = new ConcentrationField({ nx, ny, nz, a, b: 1, planeZ_m: a + 500e-6, boundary: 'diffusion_layer', c0, D }, code);
  const N = 6e-3, dt = 0.01, T = 3; // mol/m2/s
  for (let k = 0; k < T / dt; k++) {
    for (let j = 0; j < nx * ny; j++) f.consume(nx * ny + j, N * a * a * dt);
    f.update(dt);
  }
  // first electrolyte cell (centre 50 nm above the host) against the analytic surface value
  const cs = f.conc(nx * ny) / c0;
  const exact = 1 - (2 * N * Math.sqrt(T / (Math.PI * D))) / c0;
  assert.ok(Math.abs(cs - exact) < 0.01 * exact + 0.005, `${cs} vs ${exact}`);
  // salt: what entered through the plane minus what was consumed, to round-off
  const resid = f.total() - (f.initial + f.inflow - f.consumed);
  assert.ok(Math.abs(resid) < 1e-10 * f.initial, String(resid / f.initial));
});

test('field: an adatom hopping between cells of one voxel carries its electrolyte\'s salt (fieldclock)', () => {
  // A solid voxel moves from cell A to cell B (a hop): the electrolyte it displaces in B takes its old place in A. Until
  // branch fieldclock A reopened without salt (c = 0) and B handed its salt to its neighbours, so on the default grid
  // of small boxes (cells of one voxel) every reduction drawn next to a hopping adatom was rejected.
  const nx = 4, ny = 4, nz = 4, a = 10e-9, c0 = 1000;
  const code = new Uint8Array(nx * ny * nz);
  for (let i = 0; i < nx * ny; i++) code[i] = 8; // one host layer
  const vA = 1 + nx * 1 + nx * ny * 1, vB = 2 + nx * 1 + nx * ny * 1;
  code[vA] = 1; // the adatom, in A
  const f = new ConcentrationField({ nx, ny, nz, a, b: 1, planeZ_m: a + 1e-6, boundary: 'separator', c0, D: 3e-10 }, code);
  const A = f.cellOfVoxel(vA), B = f.cellOfVoxel(vB);
  assert.equal(f.capacity(A), 0);
  f.consume(B, 0.3 * c0 * a ** 3); // B at 0.7 c0
  const total = f.total(), cB = f.conc(B);
  f.moveSolid(A, B);
  assert.equal(f.capacity(B), 0);
  assert.ok(Math.abs(f.conc(A) - cB) <= 1e-12 * c0, `A reopened at ${f.conc(A) / c0} c0, B was at ${cB / c0} c0`);
  // B's neighbours kept their salt (nothing spilled) and the field's salt is unchanged
  assert.ok(Math.abs(f.conc(B + 1) - c0) <= 1e-12 * c0, String(f.conc(B + 1) / c0));
  assert.ok(Math.abs(f.total() - total) <= 1e-12 * total);
  assert.ok(Math.abs(f.total() - (f.initial + f.inflow - f.consumed)) <= 1e-12 * total);
});

/**
 * One backward Euler step of the field, split by direction (x lines, then y, then z; Lie splitting), written out here
 * from the field's definition (fields/concentration.ts, header) as dense systems solved by Gaussian elimination: face
 * conductance G = D (face area) / (centre distance) x the smaller open fraction of the two cells, cyclic in x and y, a
 * reservoir at c0 above the top layer for a diffusion layer. Returns the new salt per cell and the salt let in.
 */
function denseFieldStep(f: ConcentrationField, N0: Float64Array, dt: number): { N: Float64Array; inflow: number } {
  const { ncx, ncy, ncz, hx, hz, spec } = f;
  const N = Float64Array.from(N0);
  const nBox = f.open.length;
  const phi = (i: number) => (i < nBox ? f.open[i]! / f.nvox[i]! : 1);
  let inflow = 0;
  const solveDense = (cells: number[], faces: [number, number, number][], top: number) => {
    const n = cells.length;
    const M = cells.map(() => new Float64Array(n));
    const rhs = new Float64Array(n);
    cells.forEach((cell, i) => { M[i]![i] = f.capacity(cell); rhs[i] = N[cell]!; });
    for (const [i, j, g] of faces) {
      if (f.capacity(cells[i]!) <= 0 || f.capacity(cells[j]!) <= 0) continue;
      M[i]![i]! += dt * g; M[j]![j]! += dt * g; M[i]![j]! -= dt * g; M[j]![i]! -= dt * g;
    }
    cells.forEach((cell, i) => { if (f.capacity(cell) <= 0) { M[i]!.fill(0); M[i]![i] = 1; rhs[i] = 0; } });
    if (top > 0) { M[n - 1]![n - 1]! += dt * top; rhs[n - 1]! += dt * top * spec.c0; }
    for (let c = 0; c < n; c++) { // elimination with partial pivoting
      let piv = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
      [M[c], M[piv]] = [M[piv]!, M[c]!]; [rhs[c], rhs[piv]] = [rhs[piv]!, rhs[c]!];
      for (let r = c + 1; r < n; r++) {
        const q = M[r]![c]! / M[c]![c]!;
        for (let k = c; k < n; k++) M[r]![k]! -= q * M[c]![k]!;
        rhs[r]! -= q * rhs[c]!;
      }
    }
    const x = new Float64Array(n);
    for (let r = n - 1; r >= 0; r--) { let t = rhs[r]!; for (let k = r + 1; k < n; k++) t -= M[r]![k]! * x[k]!; x[r] = t / M[r]![r]!; }
    cells.forEach((cell, i) => { if (f.capacity(cell) > 0) N[cell] = f.capacity(cell) * x[i]!; });
    if (top > 0) inflow += dt * top * (spec.c0 - x[n - 1]!);
  };
  const lateral = (cells: number[], k: number) => {
    const n = cells.length, g = spec.D * hz[k]!; // D (hx hz) / hx
    const faces: [number, number, number][] = [];
    for (let i = 0; i < n; i++) { const j = (i + 1) % n; faces.push([i, j, g * Math.min(phi(cells[i]!), phi(cells[j]!))]); }
    solveDense(cells, faces, 0);
  };
  for (let k = 0; k < ncz; k++) for (let cy = 0; cy < ncy; cy++) lateral(Array.from({ length: ncx }, (_, cx) => cx + ncx * (cy + ncy * k)), k);
  for (let k = 0; k < ncz; k++) for (let cx = 0; cx < ncx; cx++) lateral(Array.from({ length: ncy }, (_, cy) => cx + ncx * (cy + ncy * k)), k);
  for (let j = 0; j < ncx * ncy; j++) {
    const cells = Array.from({ length: ncz }, (_, k) => j + ncx * ncy * k);
    const faces: [number, number, number][] = [];
    for (let k = 0; k + 1 < ncz; k++) faces.push([k, k + 1, (spec.D * hx * hx) / (0.5 * (hz[k]! + hz[k + 1]!)) * Math.min(phi(cells[k]!), phi(cells[k + 1]!))]);
    const top = spec.boundary === 'diffusion_layer' ? ((spec.D * hx * hx) / (0.5 * hz[ncz - 1]!)) * phi(cells[ncz - 1]!) : 0;
    solveDense(cells, faces, top);
  }
  return { N, inflow };
}

test('field: the fast line solves (lateral lines on one factorisation, columns in one pass) are the line-by-line solve bit for bit, and a dense solve to 1e-12 (fieldspeed); so are whole layers and all columns side by side (fieldgrid)', () => {
  // A rough deposit (solid voxels at random in the lowest layers, a closed cell, partly open cells), cells of 2 x 2 x 2
  // voxels (lateral lines of 6 cells), the grid going on above the box; the fast path (default) against the general path
  // (fast.enabled = false) over updates of different lengths with salt taken at random, for both boundaries.
  const nx = 12, ny = 12, nz = 10, a = 100e-9, D = 3e-10, c0 = 1000, b = 2;
  for (const boundary of ['separator', 'diffusion_layer'] as const) {
    const code = new Uint8Array(nx * ny * nz);
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let v = 0; v < nx * ny * nz; v++) {
      const z = Math.floor(v / (nx * ny));
      if (z === 0 || (z < 4 && rnd() < 0.5 - 0.1 * z)) code[v] = 8;
    }
    for (const v of [0, 1, nx, nx + 1]) for (const dz of [1]) code[v + nx * ny * dz] = 8; // cell 0 of layer 0 fully solid
    const spec = { nx, ny, nz, a, b, planeZ_m: nz * a + 3e-6, boundary, c0, D };
    const fast = new ConcentrationField(spec, code), ref = new ConcentrationField(spec, code), line = new ConcentrationField(spec, code);
    ref.fast.enabled = false;
    line.fast.batched = false; // fieldspeed's fast path line by line (branch fieldgrid's reference)
    // cellOfVoxel against its definition
    for (let v = 0; v < nx * ny * nz; v++) {
      const x = v % nx, y = Math.floor(v / nx) % ny, z = Math.floor(v / (nx * ny));
      assert.equal(fast.cellOfVoxel(v), Math.floor(x / b) + fast.ncx * (Math.floor(y / b) + fast.ncy * Math.floor(z / b)));
    }
    let worst = 0, passes = 0; // passes: the diffusion passes of the updates (10 until branch restfield sub-stepped the long ones)
    for (const dt of [1e-4, 1e-3, 1e-3, 0.02, 0.5]) {
      for (let t = 0; t < 8; t++) {
        const i = Math.floor(rnd() * fast.ncx * fast.ncy * 3);
        if (fast.capacity(i) <= 0) continue;
        const mol = 0.2 * c0 * fast.capacity(i) * rnd();
        fast.consume(i, mol); ref.consume(i, mol); line.consume(i, mol);
      }
      const N0 = Float64Array.from(fast.N), in0 = fast.inflow;
      fast.update(dt); ref.update(dt); line.update(dt);
      for (let i = 0; i < fast.nCells; i++) assert.equal(fast.N[i], ref.N[i], `${boundary}, dt ${dt}: cell ${i}`);
      for (let i = 0; i < fast.nCells; i++) assert.equal(fast.N[i], line.N[i], `${boundary}, dt ${dt}: cell ${i}, batched against line by line`);
      assert.equal(fast.inflow, ref.inflow);
      assert.equal(fast.inflow, line.inflow);
      // the dense solve of the same step from the pre-step salt (the counter's release already spread: separator only)
      const pre = Float64Array.from(N0);
      if (boundary === 'separator') { const nxyc = fast.ncx * fast.ncy; for (let j = 0; j < nxyc; j++) pre[(fast.ncz - 1) * nxyc + j]! += (fast.inflow - in0) / nxyc; }
      // an update longer than the field's sub-step bound is its sub-steps (branch restfield; relaxChanges stays one step)
      const steps = fast.stepsOf(dt);
      passes += steps.length + 1;
      const dense: { N: Float64Array; inflow: number } = { N: pre, inflow: 0 };
      for (const h of steps) { const d = denseFieldStep(fast, dense.N, h); dense.N = d.N; dense.inflow += d.inflow; }
      const scale = Math.max(...fast.N);
      for (let i = 0; i < fast.nCells; i++) worst = Math.max(worst, Math.abs(fast.N[i]! - dense.N[i]!) / scale);
      // the salt let in, dt G (c0 - c_top), cancels digits when c_top is near c0: 1e-9 of itself
      if (boundary === 'diffusion_layer') assert.ok(Math.abs(fast.inflow - in0 - dense.inflow) <= 1e-9 * Math.abs(dense.inflow) + 1e-12 * scale, `inflow ${fast.inflow - in0} vs ${dense.inflow}, scale ${scale}`);
      // an unclocked relaxation (fieldresid's relaxChanges: the changes since the update diffuse with the plane at 0) too
      const cell = fast.ncx * fast.ncy + 3;
      if (fast.capacity(cell) > 0) for (const f of [fast, ref, line]) f.consume(cell, 0.1 * c0 * f.capacity(cell));
      fast.relaxChanges(dt); ref.relaxChanges(dt); line.relaxChanges(dt);
      for (let i = 0; i < fast.nCells; i++) assert.equal(fast.N[i], ref.N[i], `${boundary}, relaxChanges over ${dt}: cell ${i}`);
      for (let i = 0; i < fast.nCells; i++) assert.equal(fast.N[i], line.N[i], `${boundary}, relaxChanges over ${dt}: cell ${i}, batched against line by line`);
      assert.equal(fast.inflow, ref.inflow);
      assert.equal(fast.inflow, line.inflow);
    }
    assert.ok(worst < 1e-12, `${boundary}: dense solve differs by ${worst} of the largest cell's salt`);
    // the fast path was taken: most lateral lines on a shared factorisation, every column in one pass; the reference none
    assert.ok(fast.fast.lines > 0 && fast.fast.factors < fast.fast.lines && fast.fast.columns === passes * fast.ncx * fast.ncy, JSON.stringify(fast.fast));
    assert.equal(ref.fast.lines + ref.fast.columns, 0);
    // branch fieldgrid: the wholly open layers' lines side by side (solveLayer), the partly open layers' line by line
    // (solveLine: of the 2 ncz layer passes of each of the 10 updates, those of the rough layers), all columns of an update
    // in one pass (solveColumns); the line-by-line reference took neither
    const { layers, columnPasses, lines } = fast.fast;
    assert.ok(layers > 0 && layers < 2 * passes * fast.ncz && columnPasses === passes, JSON.stringify({ layers, columnPasses, lines, ncz: fast.ncz }));
    assert.equal(line.fast.layers + line.fast.columnPasses, 0);
    assert.equal(line.fast.lines, fast.fast.lines);
    // the voxel-to-cell table (fieldgrid) against the arithmetic, a voxel beyond the plane included
    for (let v = 0; v < nx * ny * nz + 5; v++) assert.equal(fast.cellOfVoxel(v), fast.cellOfVoxelArith(v));
    assert.ok(Math.abs(fast.total() - (fast.initial + fast.inflow - fast.consumed)) <= 1e-12 * fast.initial);
  }
});

// The setting of the two tests below (Li on Cu, 8 x 8 x 8 voxels of 10 nm, 0.0004 mAh/cm2 at 10 mA/cm2, seed 1, exact
// adatoms), with or without LiPF6-EC-DMC. The run with the electrolyte is run once for both tests (testtime23: about
// 2 CPU s), with the lowest rho the galvanostat read at any of its scans recorded (reading it changes nothing of the run).
const clockSim = (electrolyte: boolean): Simulation => new Simulation(parseRunInput({
  metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '10 nm' }, ...(electrolyte ? { electrolyte: 'LiPF6-EC-DMC' } : {}),
  protocol: ['Plate 0.0004 mAh/cm2 at 10 mA/cm2'], output: { snapshots: false }, seed: 1,
}), { engine: { adatoms: 'exact' } });
let clockRunDone: { sim: Simulation; rhoMin: number } | undefined;
function clockRun(): { sim: Simulation; rhoMin: number } {
  if (clockRunDone) return clockRunDone;
  const sim = clockSim(true);
  const tp = sim.transport!;
  let rhoMin = 1;
  const scan = tp.scanRho.bind(tp);
  tp.scanRho = (app) => { scan(app); if (tp.rho < rhoMin) rhoMin = tp.rho; };
  sim.runAll();
  clockRunDone = { sim, rhoMin };
  return clockRunDone;
}

test('at 2.5 % of the limiting current the default grid leaves the plateau overpotential as without an electrolyte (fieldclock)', () => {
  // Stated before the run (branch fieldclock): Li on Cu, 8 x 8 x 8 voxels of 10 nm (the default grid: cells of one
  // voxel), 0.0004 mAh/cm2 at 10 mA/cm2 against a limiting current of 401 mA/cm2 (25 um separator): the steady surface
  // stands at 0.975 c0, a concentration part under 1 mV. The same seed with and without LiPF6-EC-DMC, the same engine
  // (exact adatoms, which an electrolyte forces): the plateau overpotentials differ by less than 8 mV (45 mV since
  // branch fieldresid, below). Before the fix
  // the electrolyte added over 100 mV (a hop reopened its cell without salt; a reduction's sink stood unrelaxed until
  // the next executed event, and one that moved no clock until the charge passed its maximum again). One seed: the pair
  // of runs costs about 3 s of CPU (3.4 s for this file run with only this test); seeds 1-3 of the measurements are in docs/transport.md.
  // What it is and is not (lead, session 45's final read): a guard against the fault (over 100 mV), not an equivalence
  // claim. Seeds 1-3 of this very setting, run afterwards with a criterion fixed before them (the paired mean's 95 %
  // interval inside +-8 mV), read +1.1, +2.5, +6.8 mV: mean +3.5 [-4.0, +10.9], criterion not met (docs/transport.md);
  // whether a few mV of the electrolyte remained on one-voxel cells was open until:
  // Branch fieldresid: seeds 1-100 read +1.39 mV [-0.97, +3.75] (before its fix) and +1.37 [-1.36, +4.10] (after), the
  // paired differences scattering by 12-14 mV (the thinning's random numbers decorrelate the pair), up to 39 mV on one
  // seed: a bound of 8 mV on one seed was luck (seed 1 read +1.1 before, -11.2 after). The bound is now 45 mV, still
  // far below the fault's 100 mV; the field's own shift of eta is tested on rho in the test below.
  // The run with the electrolyte is the test below's (clockRun, run once for both; testtime23).
  const plateau = (electrolyte: boolean) => {
    const sim = electrolyte ? clockRun().sim : clockSim(false);
    if (!electrolyte) sim.runAll();
    const m = computeMetrics(sim);
    if (electrolyte) assert.ok(m.transport!.limiting_current_mA_per_cm2 > 300, String(m.transport!.limiting_current_mA_per_cm2));
    return m.plateau_overpotential_mV;
  };
  const without = plateau(false), withField = plateau(true);
  assert.ok(Math.abs(withField - without) < 45, `plateau ${withField.toFixed(1)} mV with the electrolyte, ${without.toFixed(1)} without`);
});

test('a faradaic event that moves no clock relaxes as its kMC time allows: no sink left standing on one-voxel cells (fieldresid)', () => {
  // The setting of the test above, seed 1, with the electrolyte: about as many oxidations as net reductions churn the
  // surface, and each of them and the reduction that re-plates it move no charge clock. Until branch fieldresid the
  // whole field was relaxed over min(q/I, 30 h^2/D) = 10 us at such an event, which left a one-voxel sink at 0.92 c0
  // next to the deposit for the ms of kMC time until the next faradaic event: the rate-weighted c/c0 of the reduction
  // sites (rho, which the galvanostat solves eta from) fell to 0.854, and its kMC-time mean over the plateau half to
  // 0.981 where the surface stands at 0.987 c0 (seeds 1-20: 0.844 and 0.980 mean; docs/transport.md). Now the changes
  // relax over q/I (12 ms) with the field's profile kept at its clock: rho stays above 0.96 (0.979 measured).
  const { sim, rhoMin } = clockRun();
  const tp = sim.transport!;
  assert.ok(tp.relaxations >= 20, `relaxations ${tp.relaxations}`);
  assert.ok(sim.app.counters.oxidations >= 10, `oxidations ${sim.app.counters.oxidations}`);
  assert.ok(rhoMin > 0.96, `rho fell to ${rhoMin.toFixed(4)}`);
  // the extra diffusion time of the whole field is still at most 30 h^2/D per relaxation
  assert.ok(tp.relaxed_s <= tp.relaxations * tp.maxStale * (1 + 1e-12), `${tp.relaxed_s} s`);
  assert.ok(Math.abs(tp.balanceResidual()) < 1e-10 * tp.field.initial, String(tp.balanceResidual() / tp.field.initial));
});

test('field: relaxChanges diffuses only what changed since the last update, salt exact through a diffusion layer (fieldresid)', () => {
  const nx = 4, ny = 4, nz = 8, a = 10e-9, c0 = 1000, D = 3e-10;
  const code = new Uint8Array(nx * ny * nz);
  for (let i = 0; i < nx * ny; i++) code[i] = 8; // one host layer
  const f = new ConcentrationField({ nx, ny, nz, a, b: 1, planeZ_m: a + 200e-9, boundary: 'diffusion_layer', c0, D }, code);
  // a depleted profile: a steady sink on the first layer, relaxed on the field's clock
  for (let k = 0; k < 20; k++) { for (let j = 0; j < nx * ny; j++) f.consume(nx * ny + j, 0.02 * c0 * a ** 3); f.update(1e-7); }
  const before = Array.from({ length: f.nCells }, (_, i) => f.conc(i));
  const total = f.total();
  const cell = nx * ny + 5;
  f.consume(cell, 48 * c0 * a ** 3); // one reduction's sink in a cell of one voxel
  f.relaxChanges(1e-2); // 75 times the layer's diffusion time (1.3e-4 s)
  // the sink has gone through the plane (counted), the profile is as it was: measured 0.0019 c0 off at most (one
  // backward-Euler step leaves about 1/(dt lambda) of the sink); f.update(1e-2) instead moves it by 0.15 c0
  let worst = 0;
  for (let i = 0; i < f.nCells; i++) worst = Math.max(worst, Math.abs(f.conc(i) - before[i]!) / c0);
  assert.ok(worst < 0.005, `profile moved by ${worst} c0`);
  // round-off of the line solves (1.4e-12 measured: the solve over 75 layer times cancels large terms)
  assert.ok(Math.abs(f.total() - (f.initial + f.inflow - f.consumed)) <= 1e-10 * total, String((f.total() - (f.initial + f.inflow - f.consumed)) / total));
  assert.equal(f.maxRelChange, 0);
});

test('charge balance between events and field is exact (plate, rest, strip; separator cell)', () => {
  const run = parseRunInput(base({
    lattice: { size: [8, 8, 24], voxel: '100 nm' },
    cell: { separator_distance: '10 um', field_cell: '200 nm' },
    protocol: ['Plate at 20 mA/cm2 for 0.02 mAh/cm2', 'Rest for 0.5 s', 'Strip at 20 mA/cm2 for 0.01 mAh/cm2'],
  }));
  const sim = new Simulation(run);
  sim.runAll();
  const tp = sim.transport!;
  const f = tp.field;
  const net = sim.netVoxels;
  assert.ok(net >= 25, `net ${net}`);
  // every accepted reduction took (1 - t+) n_v of salt from the field and every oxidation gave it back
  const tPlus = run.transport!.electrolyte.tPlus;
  assert.ok(Math.abs(f.consumed - (1 - tPlus) * tp.molPerVoxel * net) <= 1e-12 * f.consumed);
  assert.ok(Math.abs(tp.migrated - tPlus * tp.molPerVoxel * net) <= 1e-12 * tp.migrated);
  assert.equal(sim.app.counters.reductions - sim.app.counters.oxidations, net);
  // the field holds what it started with plus inflow minus consumption (floating-point round-off of the
  // line solves only: relative 1e-12 per update, checked at 1e-10 after hundreds of updates)
  assert.ok(Math.abs(tp.balanceResidual()) < 1e-10 * f.initial, String(tp.balanceResidual() / f.initial));
  // a closed cell: the counter electrode returned what the working electrode took (plus what is pending)
  assert.ok(Math.abs(f.inflow - f.consumed) <= (1 - tPlus) * tp.molPerVoxel * 64 + 1e-12 * f.initial);
  // open-voxel bookkeeping matches the lattice
  let open = 0, cnt = 0;
  for (let v = 0; v < sim.app.code.length; v++) if (f.cellOfVoxel(v) >= 0) { cnt++; if (sim.app.code[v] === 0) open++; }
  let sumOpen = 0, sumVox = 0;
  for (let i = 0; i < f.open.length; i++) { sumOpen += f.open[i]!; sumVox += f.nvox[i]!; }
  assert.equal(sumOpen, open);
  assert.equal(sumVox, cnt);
});

test('fieldaudit: the concentration overpotential is signed (negative after a strip), and its interval over seeds is not cut at 0', () => {
  // eta_c = (2kT/e)(1 - t+) ln(c0 / c_s) is negative where a strip has enriched the surface (c_s > c0): metrics.json gives
  // it signed, and compare's and --seeds' 95 % interval must hold the mean. Before: METRIC_BOUNDS took it as a magnitude
  // (min 0), and two seeds ending in a strip read mean -2.12 mV with the interval [0, -1.14] "cut at 0 (physical bound)"
  const vals: number[] = [];
  for (const seed of [1, 2]) {
    const sim = new Simulation(parseRunInput(base({
      lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed, cell: { separator_distance: '10 um' },
      protocol: ['Plate at 100 mA/cm2 for 0.005 mAh/cm2', 'Strip at 100 mA/cm2 for 0.002 mAh/cm2'],
    })));
    sim.runAll();
    const m = transportMetrics(sim.transport!, 1, 1000, 1000);
    assert.ok(m.surface_concentration_M > 1, `the strip enriched the surface: ${m.surface_concentration_M} M`);
    assert.ok(m.concentration_overpotential_mV < 0, String(m.concentration_overpotential_mV));
    vals.push(m.concentration_overpotential_mV);
  }
  const iv = boundedInterval(vals, 'transport.concentration_overpotential_mV');
  assert.ok(iv.lo <= iv.mean && iv.mean <= iv.hi, `mean ${iv.mean} mV outside its interval [${iv.lo}, ${iv.hi}] (${iv.cut ?? 'not cut'})`);
});

test('fieldaudit: a rest that ends the run leaves the field at its end: the last row reads the relaxed surface', () => {
  // plate near the steady state of a 20 um layer (J_lim / 2; 2.5 s, five times its slowest time 4 L^2 / (pi^2 D) = 0.50 s),
  // then rest 0.5 s: the surface's deficit, 0.5 c0 in the steady state, keeps its first mode's share 8 / pi^2 times e^-1,
  // so c_s = 0.85 M at the rest's end (the deposit shortens the layer by 2 %). Before: the loop ended the rest with no
  // event at its end and the field stood at its last update, 2.570 s for 2.988 s, the last row reading 0.614 M
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1, cell: { diffusion_layer: '20 um' },
    protocol: ['Plate at 125 mA/cm2 for 2.5 s', 'Rest for 0.5 s'],
  })));
  sim.runAll();
  const tp = sim.transport!, tr = sim.trace, last = tr.time_s.length - 1;
  assert.ok(Math.abs(tp.time - sim.time) < 1e-9, `the field at ${tp.time} s, the run's end ${sim.time} s`);
  // since branch restfield (the rest's long intervals sub-stepped) seed 1 reads 0.851 M (0.810 before), seeds 1-6
  // 0.836-0.888 M (0.754-0.865 before)
  assert.ok(Math.abs(tr.surface_concentration_M![last]! - 0.85) < 0.06, `c_s at the rest's end ${tr.surface_concentration_M![last]} M`);
});

test('restfield: one update over a long event-free interval relaxes the layer as diffusion does (fine-step reference, closed form)', () => {
  // a 20 um diffusion layer at the steady profile of J_lim / 2 (c = c0 (1 + z / L) / 2), then 0.42 s with no event (the
  // fieldaudit probe's rest: 0.83 times the slowest time 4 L^2 / (pi^2 D)). One update over the whole interval against
  // 4,200 updates of 0.1 ms on the same grid, and both against the closed form sum_n c0 / ((n + 1/2)^2 pi^2)
  // cos(k_n z) exp(-D k_n^2 t) of the deficit. Before branch restfield the update was one backward-Euler step, which
  // damps the first mode by 1 / (1 + dt / tau) where diffusion gives exp(-dt / tau): about 4 % of c0 short at the surface
  const L = 20e-6, D = 3.22e-10, c0 = 1000, dt = 0.42;
  const spec = { nx: 2, ny: 2, nz: 8, a: 100e-9, b: 2, planeZ_m: L, boundary: 'diffusion_layer' as const, c0, D };
  const code = new Uint8Array(2 * 2 * 8);
  const one = new ConcentrationField(spec, code), fine = new ConcentrationField(spec, code);
  for (const f of [one, fine]) for (let k = 0; k < f.ncz; k++) f.N[k] = f.capacity(k) * c0 * (1 + f.zc[k]! / L) / 2;
  one.update(dt);
  for (let s = 0; s < 4200; s++) fine.update(dt / 4200);
  let exact = 0;
  for (let n = 0; n < 2000; n++) {
    const kn = (n + 0.5) * Math.PI / L;
    exact += c0 / ((n + 0.5) ** 2 * Math.PI ** 2) * Math.cos(kn * one.zc[0]!) * Math.exp(-D * kn * kn * dt);
  }
  exact = c0 - exact;
  const cOne = one.conc(0), cFine = fine.conc(0);
  assert.ok(Math.abs(cFine - exact) < 0.01 * c0, `fine steps ${cFine / c0} c0, closed form ${exact / c0} c0`);
  assert.ok(Math.abs(cOne - cFine) < 0.01 * c0, `one update ${cOne / c0} c0, fine steps ${cFine / c0} c0, closed form ${exact / c0} c0`);
  // the whole column too, and salt conserved with the reservoir's inflow counted
  for (let k = 0; k < one.ncz; k++) assert.ok(Math.abs(one.conc(k) - fine.conc(k)) < 0.01 * c0, `layer ${k}: ${one.conc(k) / c0} against ${fine.conc(k) / c0} c0`);
  assert.ok(Math.abs(one.total() - (one.initial + one.inflow - one.consumed) - (fine.total() - (fine.initial + fine.inflow - fine.consumed))) < 1e-9 * one.initial);
});

test('fieldaudit: the counter\'s salt reads 0, not below, when a strip above the limiting current has emptied it', () => {
  // c_CE is the top layer's salt plus half its height times the boundary gradient -(1 - t+) j / (F D): a strip at 2.5 J_lim
  // (1000 mA/cm2 behind 25 um, J_lim 401) empties the counter's side, and the extrapolation ran below 0. Before:
  // metrics.json's counter_concentration_M -0.103 M (the cell voltage's parts floor it at 1e-12 c0 and were right)
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1, cell: { separator_distance: '25 um' },
    protocol: ['Plate 0.03 mAh/cm2 at 10 mA/cm2', 'Strip 0.02 mAh/cm2 at 1000 mA/cm2'],
  })));
  sim.runAll();
  const m = transportMetrics(sim.transport!, 1, 100, 10000);
  assert.ok(m.counter_concentration_M! >= 0 && m.counter_concentration_M! < 0.05, `c_CE ${m.counter_concentration_M} M`);
});

test('eta.csv gains the concentration part; cell voltage is the sum of its parts; metrics report the field', () => {
  const out = mkdtempSync(join(tmpdir(), 'sacplate-tp-'));
  const { metrics, trace } = simulate(base({ cell: { diffusion_layer: '100 um' }, protocol: ['Plate at 50 mA/cm2 for 0.02 mAh/cm2'] }), { outDir: out });
  const head = readFileSync(join(out, 'eta.csv'), 'utf8').split('\n')[0]!;
  assert.match(head, /,concentration_mV,surface_concentration_M,direction,charge_mAh_per_cm2$/);
  const n = trace.time_s.length;
  assert.equal(trace.concentration_mV!.length, n);
  for (let k = 0; k < n; k++) {
    const sum = trace.overpotential_mV[k]! + trace.counter_mV[k]! + trace.ohmic_mV[k]! + trace.concentration_mV![k]!;
    assert.ok(Math.abs(trace.cell_voltage_mV[k]! - sum) < 1e-9);
  }
  // plating depletes the surface: the concentration part (the diffusion potential, t+ = 0.38 < 1/2) is negative (the
  // WE part's sign) by the end
  assert.ok(trace.concentration_mV![n - 1]! < 0);
  const m = metrics.transport!;
  assert.equal(m.electrolyte, 'LiPF6-EC-DMC');
  assert.ok(m.surface_concentration_M < 1 && m.surface_concentration_M > 0);
  // metrics' concentration_overpotential_mV is Newman's whole eta_c = (2kT/e)(1 - t+) ln(c0/c_s), the column its
  // diffusion-potential share (1 - 2 t+) / (2 (1 - t+)): the Nernst term is in overpotential_mV (branch nernst)
  const kT = (1.380649e-23 * 298.15 / 1.602176634e-19) * 1e3;
  assert.ok(Math.abs(m.concentration_overpotential_mV - 2 * kT * 0.62 * Math.log(1 / m.surface_concentration_M)) < 1e-6, String(m.concentration_overpotential_mV));
  assert.ok(Math.abs(-trace.concentration_mV![n - 1]! - m.concentration_overpotential_mV * (1 - 0.76) / (2 * 0.62)) < 1e-6, String(trace.concentration_mV![n - 1]));
  assert.equal(metrics.short_circuit_s, null);
  assert.ok(Math.abs(m.salt_balance_residual) < 1e-10, String(m.salt_balance_residual));
});

// 1 M LiPF6 EC/DMC, diffusion layer L = 20 um: J_lim = F D c0 / ((1 - t+) L) = 251 mA/cm2, plated at J_lim / 2 for five
// times the layer's slowest relaxation time 4 L^2 / (pi^2 D) (seeds 1 and 2, about 0.55 s of CPU together). An ohmic
// resistance of 1 Ohm cm2 puts 125 mV of j R into the cell voltage (it changes nothing the run draws). Run once, shared
// by the two tests below.
const KT_MV = (1.380649e-23 * 298.15 / 1.602176634e-19) * 1e3;
/**
 * LiPF6-EC-DMC's kappa(c) by hand (branch ohmic7): Valoen-Reimers' published fit (valoenReimers) at 25 degC scaled to the
 * set's kappa0 (their 11.94 mS/cm at 1 M, printed 11.9), S/m, c in mol/m3; and the area-specific resistance, Ohm m2, of a
 * layer L thick whose c runs linearly from cA to cB: L / (cB - cA) times the integral of dc / kappa(c) (Simpson, 2000 steps).
 * Until ohmic7 the model's kappa was kappa0 c / c0 for every set, whose layer is L c0 ln(cB / cA) / (kappa0 (cB - cA)).
 */
function vrKappa(e: { kappa_S_per_m: number; c0_mol_per_m3: number }, c: number): number {
  return (e.kappa_S_per_m * valoenReimers(c / 1000, 298.15).kappa_mS_per_cm) / valoenReimers(e.c0_mol_per_m3 / 1000, 298.15).kappa_mS_per_cm;
}
function vrLayer(e: { kappa_S_per_m: number; c0_mol_per_m3: number }, L: number, cA: number, cB: number): number {
  const n = 2000, h = (cB - cA) / n;
  let sum = 0;
  for (let k = 0; k <= n; k++) sum += (k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2) / vrKappa(e, cA + k * h);
  return (L / (cB - cA)) * (sum * h) / 3;
}
let steady: { sims: Simulation[]; jLim_A_per_m2: number; j_A_per_m2: number; tPlus: number } | null = null;
function steadyRuns(): NonNullable<typeof steady> {
  if (steady) return steady;
  const F = 96485.33212, L = 20e-6;
  const sims: Simulation[] = [];
  let jLim = 0, tPlus = 0;
  for (const seed of [1, 2]) {
    const run = parseRunInput(base({
      lattice: { size: [8, 8, 40], voxel: '100 nm' }, seed, cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
      electrochem: { ohmic: '1 Ohm cm2' }, protocol: ['Plate at 125.3 mA/cm2 for 2.52 s'],
    }));
    const e = run.transport!.electrolyte;
    jLim = (F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * L); // A/m2
    tPlus = e.tPlus;
    const sim = new Simulation(run);
    sim.runAll();
    sims.push(sim);
  }
  steady = { sims, jLim_A_per_m2: jLim, j_A_per_m2: 1253, tPlus };
  return steady;
}

test('below the limiting current the reported surface concentration and eta_c are the steady closed form (review54)', () => {
  // At J_lim / 2 in the steady state the surface stands at c_s = c0 (1 - J / J_lim) = 0.5 c0 and Newman's concentration
  // overpotential is eta_c = (2kT/e)(1 - t+) ln 2 = 22.1 mV. The deposit is porous: until review54 the reported c_s
  // weighted every reduction site by its rate at c0, so sites in depleted crevices and enclosed pores, which take no
  // current, pulled it to 0.390 and 0.435 c0 on these seeds (eta_c 30.0 and 26.5 mV); then 0.541 and 0.520 (19.6 and
  // 20.9 mV: the deposit's 1.5 um front shortens the layer, closed form then 0.54 c0); since branch fieldclock (an
  // adatom's hop carries its electrolyte's salt, the field relaxes every reduction) 0.482 and 0.515 (last row).
  const { sims, jLim_A_per_m2, j_A_per_m2, tPlus } = steadyRuns();
  assert.ok(Math.abs(j_A_per_m2 / jLim_A_per_m2 - 0.5) < 1e-3, String(j_A_per_m2 / jLim_A_per_m2));
  const eta0 = 2 * KT_MV * (1 - tPlus) * Math.log(2);
  let cs = 0, etaC = 0;
  for (const sim of sims) {
    const n = sim.trace.time_s.length;
    cs += sim.trace.surface_concentration_M![n - 1]! / 2;
    etaC += computeMetrics(sim).transport!.concentration_overpotential_mV / 2;
  }
  assert.ok(Math.abs(cs - 0.5) < 0.06, `c_s ${cs} M against 0.5 M`);
  assert.ok(Math.abs(etaC - eta0) < 3, `eta_c ${etaC} mV against ${eta0} mV`);
});

test('below the limiting current the cell voltage is the closed form, the Nernst term counted once (nernst)', () => {
  // Binary salt, constant t+ (Newman, Electrochemical Systems, ch. 11-12; docs/transport.md, "What the cell voltage
  // holds"): V = -(eta_s + eta_c) + V_CE + j R while plating, eta_s the surface overpotential (Butler-Volmer at c_s, against
  // a Li reference at the surface), eta_c = (2kT/e)(1 - t+) ln(c0/c_s) (Nernst term + diffusion potential), V_CE the
  // counter foil's Butler-Volmer part, j R the ohmic part. The galvanostat's overpotential (overpotential_mV) is measured
  // from the bulk's equilibrium with the cathodic rate scaled by c/c0, so it is eta_s plus the Nernst term
  // (kT/e) ln(c0/c_s); the kMC kinetics have no closed form, so that is the one figure taken from the run. The rest is
  // closed form: c_s = c0 (1 - J/J_lim) = c0/2, V_CE = (2kT/e) asinh(j / (2 i0)) (alpha 1/2), j R plus the layer's drop. Until branch nernst the
  // cell voltage added the whole eta_c to overpotential_mV, the Nernst term twice: 17.8 mV more negative than this.
  const { sims, j_A_per_m2, tPlus } = steadyRuns();
  const lnR = Math.log(2); // ln(c0 / c_s), closed form
  for (const sim of sims) {
    const tr = sim.trace, n = tr.time_s.length - 1;
    const ce = sim.counter;
    assert.equal(ce.alpha, 0.5);
    const j = -j_A_per_m2; // plating: cathodic at the WE
    const counter = (2 * KT_MV) * Math.asinh(j / (2 * ce.i0_A_per_m2));
    // 1 Ohm cm2 = 1e-4 Ohm m2, plus (branch cellv2) the layer's own drop over the linear profile c0/2 -> c0 with
    // Valoen-Reimers' kappa(c) (branch ohmic7: -22.65 mV; with kappa = kappa0 c/c0 until then, j (L / kappa0) 2 ln 2 = -29.2 mV)
    const e = sim.run.transport!.electrolyte;
    const ohmic = (j * 1e-4 + j * vrLayer(e, 20e-6, e.c0_mol_per_m3 / 2, e.c0_mol_per_m3)) * 1e3;
    const etaS = -tr.overpotential_mV[n]! - KT_MV * lnR; // cathodic magnitude
    const etaC = 2 * KT_MV * (1 - tPlus) * lnR;
    const closed = -(etaS + etaC) + counter + ohmic;
    assert.ok(Math.abs(tr.counter_mV[n]! - counter) < 0.01, `counter ${tr.counter_mV[n]} against ${counter} mV`);
    // 2 mV: the layer's drop reads -21.9 mV on both seeds (c_s 0.49 and 0.48 c0; -27.7 mV against -29.2 with kappa0 c/c0
    // until ohmic7): the deposit's front, about 1 um into the 20 um layer, shortens it. Until branch fieldclock it read -29.4 and -29.7 (checked within 1 mV): cells an
    // adatom's hop had left without salt (c floored at 1e-6 c0) sat in some columns' series resistance
    assert.ok(Math.abs(tr.ohmic_mV[n]! - ohmic) < 2, `ohmic ${tr.ohmic_mV[n]} against ${ohmic} mV`);
    // 3 mV: c_s reads 0.50-0.56 c0 here, which moves the diffusion potential (1 - 2 t+)(kT/e) ln(c0/c_s) by under 1 mV
    assert.ok(Math.abs(tr.cell_voltage_mV[n]! - closed) < 3, `cell voltage ${tr.cell_voltage_mV[n]} mV against the closed form ${closed} mV`);
  }
});

test('a deposit that reaches the separator plane stops the run as a short circuit, with its time', () => {
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [8, 8, 24], voxel: '100 nm' },
    cell: { separator_distance: '1 um', field_cell: '100 nm' },
    protocol: ['Plate at 50 mA/cm2 for 0.5 mAh/cm2'],
  })));
  sim.runAll();
  const metrics = computeMetrics(sim);
  assert.deepEqual(metrics.steps_ended, ['short_circuit']);
  assert.ok(metrics.short_circuit_s !== null && metrics.short_circuit_s! > 0);
  assert.ok(Math.abs(metrics.short_circuit_s! - sim.time) < 0.05 * sim.time + 1e-3);
  // the plane is 10 voxels above the host layer: the deposit's top touched layer 10
  assert.ok(sim.app.maxMetalZ >= 10);
  // branch separator: the counter's freed volume stays in the field when the deposit closes a top cell (its share goes to
  // the open ones): the liquid's volume is the start's, the net voxels the deposit took freed behind the separator
  const f = sim.transport!.field;
  f.update(1e-12); // the counter's pending release, salt and volume
  let top = 0, v = 0;
  for (let i = 0; i < f.nCells; i++) v += f.capacity(i);
  for (let i = (f.ncz - 1) * f.ncx * f.ncy; i < f.open.length; i++) if (f.open[i] === 0) top++;
  assert.ok(top >= 1, 'the deposit closed a top cell');
  assert.ok(Math.abs(v / sepVolume(f) - 1) < 1e-12, `the liquid's volume ${v} against ${sepVolume(f)} m3`);
});

/** a field's open volume at the start: every voxel below the plane that is not host, and the cells above the box */
function sepVolume(f: ConcentrationField): number {
  let v = 0;
  const a3 = f.spec.a ** 3, nBox = f.open.length;
  for (let i = 0; i < f.nCells; i++) v += i < nBox ? 0 : f.hx * f.hx * f.hz[(i / (f.ncx * f.ncy)) | 0]!;
  // the box's voxels below the plane less the host's layer (one layer of the lattice: base()'s Li on Cu)
  return v + f.spec.nx * f.spec.ny * (f.zTopVox - 1) * a3;
}

// review63: metrics.json's transport.field_grid read cell_nm 250.00000000000003 and distance_um 24.999999999999996 for
// `field_cell: 250 nm` on 50 nm voxels and a 25 um separator (the unit changes' float noise); rounded where reported
test('metrics\' field_grid gives the cell and the distance as written, without float noise (review63)', () => {
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [5, 5, 8], voxel: '50 nm' }, cell: { separator_distance: '25 um', field_cell: '250 nm' },
  })));
  const g = transportMetrics(sim.transport!, 0, null).field_grid;
  assert.equal(g.cell_nm, 250);
  assert.equal(g.distance_um, 25);
  assert.deepEqual(g.columns, [1, 1]);
});

// branch separator: a separator cell is closed and its counter the same metal, so the volume the deposit takes is freed
// behind the separator as the counter strips (and taken back as it plates while the working electrode strips): the
// liquid's volume stays the start's and, the salt being held, the volume-averaged concentration stays c0 (to round-off).
// Until branch separator the freed volume was not modelled: the mean rose by the deposit's share of the liquid, here
// 1.050 c0 after the plate (4 x 4 x 20 voxels of 100 nm, a 3 um separator, seed 1, 23 voxels; 2.03 c0 at a 1 um
// separator's short circuit, 1.020 c0 for 0.1 mAh/cm2 at 25 um) and 1.026 c0 after the strip (12 voxels left); now
// within 1e-11.
test('a separator cell keeps its liquid\'s volume: the counter frees what the deposit takes, so the mean salt stays c0 (plate, then strip)', () => {
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 20], voxel: '100 nm' }, seed: 1, cell: { separator_distance: '3 um' },
    protocol: ['Plate 0.03 mAh/cm2 at 100 mA/cm2', 'Strip 0.015 mAh/cm2 at 100 mA/cm2'],
  })));
  const f = sim.transport!.field, c0 = f.spec.c0, a3 = f.spec.a ** 3;
  const V0 = sepVolume(f);
  const volume = () => { let v = 0; for (let i = 0; i < f.nCells; i++) v += f.capacity(i); return v; };
  assert.ok(Math.abs(volume() / V0 - 1) < 1e-12);
  for (const s of sim.steps) {
    assert.equal(sim.runStep(s).ended, 'charge');
    f.update(1e-12); // the counter's pending release, salt and volume
    // the deposit holds more than 2 % of the liquid: what the mean would have risen by
    assert.ok(sim.netVoxels * a3 > 0.02 * V0, `net ${sim.netVoxels} voxels`);
    assert.ok(Math.abs(volume() / V0 - 1) < 1e-12, `the liquid's volume ${volume() / V0} of the start's`);
    assert.ok(Math.abs(f.total() / volume() / c0 - 1) < 1e-9, `the mean salt ${f.total() / volume() / c0} c0`);
    assert.ok(Math.abs(sim.transport!.balanceResidual()) < 1e-10 * f.initial);
  }
});

// branch saltneg: a reduction takes (1 - t+) n_v of salt, 47 times a one-voxel cell's content at 1 M LiPF6 (Li, 100 nm
// voxels). Until this branch the cell kept the deficit, and a closing cell spilled it to its open neighbours in equal
// parts, a pore it sealed included: the pore held negative salt for good (here -22 c0 a^3 in a one-voxel pore) and the
// open liquid the excess. Now a sealed neighbour gives at most its salt, and after an update an open cell below zero takes
// what it lacks from the liquid joined to it.
test('a reduction\'s deficit: a pore it seals gives at most its salt, no open cell is below zero after an update (saltneg)', () => {
  // 3 x 3 x 4 voxels of 100 nm, one voxel cells, a 1 um separator (the box's top layer and the cells above it): the host
  // at z = 0, metal everywhere at z = 1 and 2 but a pore P at (1, 1, 1) and the site R above it at (1, 1, 2)
  const nx = 3, ny = 3, nz = 4, a = 1e-7;
  const code = new Uint8Array(nx * ny * nz).fill(1);
  const at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) code[at(x, y, 3)] = 0;
  code[at(1, 1, 1)] = 0; code[at(1, 1, 2)] = 0;
  const f = new ConcentrationField({ nx, ny, nz, a, b: 1, planeZ_m: 1e-6, boundary: 'separator', c0: 1000, D: 3e-10 }, code);
  const unit = f.spec.c0 * a ** 3, P = f.cellOfVoxel(at(1, 1, 1)), R = f.cellOfVoxel(at(1, 1, 2));
  const sink = 0.62 * 76.6 * unit; // Li: (1 - t+) n_v, 47.5 c0 a^3
  f.consume(R, sink);
  f.setOpen(R, false); // the reduction's voxel closes and seals P
  assert.ok(f.N[P]! >= -1e-9 * unit && f.N[P]! <= unit * (1 + 1e-12), `the pore holds ${f.N[P]! / unit} c0 a^3`);
  assert.ok(Math.abs(f.total() - (f.initial - sink)) < 1e-12 * f.initial, 'salt balance');
  // the sealed pore is a closed volume: an update does not change its salt; no open cell is below zero after it
  const pore = f.N[P]!;
  f.update(4.6e-3); // a reduction's quantum at 1000 mA/cm2 on 4 x 4 voxels
  assert.equal(f.N[P], pore);
  for (let i = 0; i < f.nCells; i++) assert.ok(f.N[i]! >= -1e-9 * unit, `cell ${i}: ${f.N[i]! / unit} c0 a^3`);
  assert.ok(Math.abs(f.total() - f.initial) < 1e-12 * f.initial, 'the counter gave the salt back');
  // the counter's release went to the liquid, none to a closed cell
  for (let i = 0; i < f.nCells; i++) if (f.capacity(i) === 0) assert.equal(f.N[i], 0, `closed cell ${i}`);
});

test('a separator cell on one-voxel cells up to its short circuit: no negative salt after any field update, no salt in a closed cell (saltneg)', () => {
  // Li on Cu, 4 x 4 x 16 voxels of 100 nm, a 1 um separator at 1000 mA/cm2 (a tenth of its limiting current) up to its
  // short circuit, seed 1: until branch saltneg cells stood at -7.7 c0 after an update, 23 % of the liquid held negative
  // salt at the short circuit (0.36 s), and the counter's release went to the top cell the deposit had closed too (3.0 c0
  // a^3 of salt locked in it)
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1, cell: { separator_distance: '1 um', field_cell: '100 nm' },
    protocol: ['Plate at 1000 mA/cm2 for 1 s'],
  })));
  const f = sim.transport!.field, c0 = f.spec.c0;
  let low = Infinity, inRelax = false, updates = 0;
  const update = f.update.bind(f), relax = f.relaxChanges.bind(f);
  f.relaxChanges = (dt: number) => { inRelax = true; try { relax(dt); } finally { inRelax = false; } };
  f.update = (dt: number) => {
    update(dt);
    if (inRelax) return; // relaxChanges' solve holds the perturbation, not the field
    updates++;
    for (let i = 0; i < f.nCells; i++) if (f.capacity(i) > 0) low = Math.min(low, f.conc(i) / c0);
  };
  sim.runAll();
  assert.deepEqual(sim.stepResults.map((r) => r.ended), ['short_circuit']);
  assert.ok(updates > 10, `${updates} updates`);
  assert.ok(low >= -1e-9, `lowest c ${low} c0 after an update`);
  f.update(1e-12); // the counter's pending release
  for (let i = 0; i < f.nCells; i++) if (!(f.capacity(i) > 0)) assert.equal(f.N[i], 0, `closed cell ${i} holds ${f.N[i]! / (c0 * f.spec.a ** 3)} c0 a^3`);
  assert.ok(Math.abs(sim.transport!.balanceResidual()) < 1e-10 * f.initial);
});

// review60: the reduction that reached the plane was in the lattice but not counted: final.extxyz and connected_voxels
// held one metal voxel more than deposited_voxels, steps.csv's net_voxels and the charge and time said (87 against 86
// on 6 x 6 x 20 voxels of 100 nm, seed 1)
test('a short circuit counts the reduction that reached the plane: the lattice\'s metal, the step\'s net voxels and its charge and time agree', () => {
  for (const seed of [1, 2]) {
    const r = simulate(base({
      lattice: { size: [6, 6, 20], voxel: '100 nm' }, cell: { separator_distance: '0.6 um' }, protocol: ['Plate 0.1 mAh/cm2 at 150 mA/cm2'], seed,
    }));
    const m = r.metrics, step = r.steps[0]!;
    assert.equal(step.ended, 'short_circuit');
    assert.equal(m.dead_voxels, 0);
    assert.equal(m.connected_voxels, m.deposited_voxels, `seed ${seed}: the lattice's metal against the net voxels counted`);
    assert.equal(step.net_voxels, m.connected_voxels);
    const q = m.charge_per_voxel_C / (36e-10); // C/cm2 a voxel: 6 x 6 columns of 100 nm
    assert.ok(Math.abs(step.charge_C_per_cm2 / (step.net_voxels * q) - 1) < 1e-9, 'the charge is the net voxels\'');
    // galvanostatic: the time is the charge / I (150 mA/cm2), and the short circuit's time is the run's end
    assert.ok(Math.abs(step.duration_s / (step.charge_C_per_cm2 / 0.15) - 1) < 1e-9, `time ${step.duration_s} s`);
    assert.equal(m.short_circuit_s, m.time_s);
  }
});

test('without an electrolyte a run has no field and no extra columns', () => {
  const { metrics, trace } = simulate({ ...base(), electrolyte: undefined }, {});
  assert.equal(trace.concentration_mV, undefined);
  assert.equal(metrics.transport, undefined);
  assert.equal(metrics.short_circuit_s, undefined);
});

test('CLI: a short circuit is said in one line; a bad electrolyte value exits 2 with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-tp-cli-'));
  const file = join(dir, 'short.yaml');
  writeFileSync(file, [
    'metal: Li', 'host: Cu', 'lattice: { size: [8, 8, 24], voxel: 100 nm }', 'electrolyte: LiPF6-EC-DMC',
    'cell: { separator_distance: 1 um, field_cell: 100 nm }', 'protocol: [Plate 0.5 mAh/cm2 at 50 mA/cm2]', 'seed: 3', 'output: { snapshots: false }',
  ].join('\n'));
  const ok = await cliSpawnShape(['simulate', file, '--no-store']); // in-process (test/helpers/cli.ts)
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /short circuit: the deposit reached the separator plane at t = [\d.e+-]+ s/);
  // review57: `simulate --seeds` (and `compare`) say it too, each run's line with its label (only `simulate` did): a
  // separator 40 nm above the host of a box 12 voxels of 10 nm high, about 1,600 events a seed
  const tiny = join(dir, 'short-seeds.yaml');
  writeFileSync(tiny, ['metal: Li', 'host: Cu', 'lattice: { size: [8, 8, 12], voxel: 10 nm }', 'kinetics: { terraceBarrier: 0.30 eV }', 'electrolyte: LiPF6-EC-DMC',
    'cell: { separator_distance: 40 nm }', 'protocol: [Plate 0.01 mAh/cm2 at 10 mA/cm2]', 'output: { snapshots: false }'].join('\n'));
  const seeds = await cliSpawnShape(['simulate', tiny, '--seeds', '2', '--threads', '1', '--no-store']);
  assert.equal(seeds.status, 0, seeds.stderr);
  for (const n of [1, 2]) assert.match(seeds.stderr, new RegExp(`^seed ${n}: short circuit: the deposit reached the separator plane at t = [\\d.e+-]+ s; the run stopped there$`, 'm'), seeds.stderr);
  writeFileSync(file, readFileSync(file, 'utf8').replace('electrolyte: LiPF6-EC-DMC', 'electrolyte: { concentration: 1 M, diffusivity: 3 mA, transference: 0.4 }'));
  const bad = await cliSpawnShape(['simulate', file, '--no-store']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /electrolyte\.diffusivity/);
});

test('pulse step: the reported clock adds an off time after every on time; the charge counts on times', () => {
  // no electrolyte; the off times are open-circuit rests (simulation/pulse.ts), on the kMC clock
  const on = 0.01, off = 0.03, j = 50; // s, s, mA/cm2
  const sim = new Simulation(parseRunInput({ ...base(), electrolyte: undefined, protocol: [`Pulse at ${j} mA/cm2 for 10 ms, rest 30 ms, 0.02 mAh/cm2`] }));
  sim.runAll();
  const r = sim.stepResults[0]!;
  const st = pulseStats(sim)!;
  assert.equal(r.ended, 'charge');
  const onTime = (st.onNet * sim.d.q_C) / (j * 10 * sim.d.area_m2); // on times on the galvanostat's clock
  assert.equal(st.rests, st.pulses - 1);
  assert.ok(st.pulses >= Math.floor((0.02 * 3.6 * 1e4) / (j * 10) / on), `${st.pulses} pulses`);
  assert.ok(Math.abs(r.duration_s - (onTime + st.rests * off)) < 1e-9 * r.duration_s, `${r.duration_s} vs on ${onTime}`);
  assert.ok(Math.abs(r.charge_C_per_cm2 - 0.02 * 3.6) < 0.02 * 3.6 * 0.05, String(r.charge_C_per_cm2));
});

// ---- cellv2: the counter electrode's concentration part and the electrolyte's ohmic drop in the cell voltage ----
// (docs/transport.md, "What the cell voltage holds": V = overpotential + concentration + counter + ohmic, where with a
// separator concentration_mV adds the counter's own part -2 (1 - t+)(kT/e) ln(c_CE/c0), and with any field ohmic_mV is
// j (R + R_el), R_el = sum over the field's cells of dz / kappa(c), kappa = kappa0 c / c0.)

// A closed Li||Cu cell: 1 M LiPF6 EC/DMC, a separator L = 20 um above the host, plated at half its limiting current
// J_lim = 2 F D c0 / ((1 - t+) L) = 501 mA/cm2 for 0.8 s (six times the gap's slowest relaxation time L^2 / (pi^2 D) =
// 0.126 s), seed 1, 1 Ohm cm2 of user resistance (about 0.3 s of CPU). Run once, lazily.
const TO_A = TO.A_per_m2_from_mA_per_cm2;
let sepRun: { sim: Simulation; j_A_per_m2: number; frac: number; L: number } | null = null;
function separatorRun(): NonNullable<typeof sepRun> {
  if (sepRun) return sepRun;
  const F = 96485.33212, L = 20e-6;
  const e = parseRunInput(base({ cell: { separator_distance: '20 um' } })).transport!.electrolyte;
  const jLim = (2 * F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * L); // A/m2
  const J = Number((jLim / 2 / 10).toFixed(2)) * 10, frac = J / jLim; // the current as written in the step
  const run = parseRunInput(base({
    lattice: { size: [8, 8, 40], voxel: '100 nm' }, seed: 1, cell: { separator_distance: '20 um', field_cell: '100 nm' },
    electrochem: { ohmic: '1 Ohm cm2' }, protocol: [`Plate at ${J / 10} mA/cm2 for 0.8 s`],
  }));
  const sim = new Simulation(run);
  sim.runAll();
  sepRun = { sim, j_A_per_m2: -J, frac, L };
  return sepRun;
}

test('a separator cell below the limiting current: the counter\'s concentration part and the electrolyte\'s ohmic drop are the steady closed form (cellv2)', () => {
  // Steady state of a closed cell (dilute theory, constant D and t+): the salt profile is linear across the gap, the
  // working electrode at c_s = c0 (1 - J/J_lim), the counter at c_CE = c0 (1 + J/J_lim) = 1.5 c0. The counter's part of the
  // cell voltage is -2 (1 - t+)(kT/e) ln(c_CE/c0) = -12.9 mV; the electrolyte's drop over the linear profile with
  // Valoen-Reimers' kappa(c) is j times vrLayer(L, c_s, c_CE) = -44.52 mV (branch ohmic7; with kappa = kappa0 c/c0 until then,
  // j (L / kappa0) c0 ln(c_CE/c_s) / (c_CE - c_s) = -46.3 mV). Before branch cellv2 neither was in the cell voltage
  // (concentration_mV held the diffusion potential only, ohmic_mV was j R).
  const { sim, j_A_per_m2: j, frac, L } = separatorRun();
  const tr = sim.trace, n = tr.time_s.length - 1, e = sim.run.transport!.electrolyte;
  assert.equal(sim.stepResults[0]!.ended, 'charge');
  assert.ok(Math.abs(frac - 0.5) < 1e-4, String(frac));
  assert.ok(Math.abs(TO_A(tr.current_mA_per_cm2[n]!) - j) < 1e-6 * -j, `current ${tr.current_mA_per_cm2[n]}`);
  const c0 = e.c0_mol_per_m3, cCE = c0 * (1 + frac), cS = c0 * (1 - frac);
  // the counter's part: the concentration column less the working electrode's diffusion potential at the row's c_s
  const weDiff = -(1 - 2 * e.tPlus) * KT_MV * Math.log(c0 / (tr.surface_concentration_M![n]! * 1000));
  const counterConc = tr.concentration_mV![n]! - weDiff;
  const counterClosed = -2 * (1 - e.tPlus) * KT_MV * Math.log(cCE / c0);
  // 1 mV: c_CE reads 1.49-1.52 M on seeds 1-2 and 0.6-1.2 s (21 mV per M here)
  assert.ok(Math.abs(counterConc - counterClosed) < 1, `counter's concentration part ${counterConc} mV against ${counterClosed} mV`);
  const m = computeMetrics(sim).transport!;
  assert.ok(m.counter_concentration_M !== null && Math.abs(m.counter_concentration_M - cCE / 1000) < 0.05, String(m.counter_concentration_M));
  // the electrolyte's ohmic drop: ohmic_mV less the user's j R
  const el = tr.ohmic_mV[n]! - j * 1e-4 * 1e3;
  const elClosed = j * vrLayer(e, L, cS, cCE) * 1e3;
  // 8 %: the deposit's front (0.5-1.2 um of the 20 um gap) shortens the path in the electrolyte and c_s reads 0.48-0.57 c0
  // (measured -43.3 to -47.3 mV on seeds 1-2 and 0.6-1.2 s with kappa0 c/c0 against -46.3; -44.85 mV on seed 1 at 0.8 s
  // against -44.52 with Valoen-Reimers' kappa(c), ohmic7)
  assert.ok(Math.abs(el - elClosed) < 0.08 * -elClosed, `electrolyte's ohmic drop ${el} mV against ${elClosed} mV`);
  assert.ok(Math.abs(m.electrolyte_resistance_Ohm_cm2 * 1e-4 * j * 1e3 - el) < 1e-9 * -el + 1e-6);
  // the cell voltage is still the sum of its four columns
  const sum = tr.overpotential_mV[n]! + tr.concentration_mV![n]! + tr.counter_mV[n]! + tr.ohmic_mV[n]!;
  assert.ok(Math.abs(tr.cell_voltage_mV[n]! - sum) < 1e-9);
});

// mends68: the counter's Butler-Volmer part at its own surface concentration. M+ + e- = M with the metal at activity 1
// has i0 = F k c^(1 - alpha) (alpha the cathodic transfer coefficient; Newman and Thomas-Alyea, ch. 8), whichever way
// the electrode runs: the counter, stripping while the working electrode plates, sits at c_CE = c0 (1 + J/J_lim) =
// 1.5 c0 at J_lim / 2, so its i0 is 1.5^(1/2) i0(c0) and its part (2kT/e) asinh(j / (2 i0(c_CE))) (alpha 1/2) is
// 10 mV smaller in magnitude than at c0 (until mends68 counter_mV was taken at c0: the closed form at c0 to 0.01 mV).
test('a separator cell below the limiting current: the counter\'s Butler-Volmer part has its exchange current at c_CE (mends68)', () => {
  const { sim, j_A_per_m2: j, frac } = separatorRun();
  const tr = sim.trace, n = tr.time_s.length - 1, ce = sim.counter;
  assert.equal(ce.alpha, 0.5);
  const i0 = (ratio: number) => ce.i0_A_per_m2 * ratio ** (1 - ce.alpha);
  const part = (ratio: number) => 2 * KT_MV * Math.asinh(j / (2 * i0(ratio)));
  const closed = part(1 + frac), atC0 = part(1);
  assert.ok(Math.abs(closed - atC0) > 5, `the closed forms at c_CE ${closed} and at c0 ${atC0} mV differ`);
  // 1 mV: c_CE reads 1.49-1.52 M (0.14 mV per 0.01 M here)
  assert.ok(Math.abs(tr.counter_mV[n]! - closed) < 1, `counter ${tr.counter_mV[n]} mV against ${closed} mV at c_CE = 1.5 c0 (${atC0} mV at c0)`);
  // and exactly at the c_CE the run reports for its last row
  const cCE = computeMetrics(sim).transport!.counter_concentration_M!;
  assert.ok(Math.abs(tr.counter_mV[n]! - part(cCE * 1000 / sim.run.transport!.electrolyte.c0_mol_per_m3)) < 1e-6, `counter ${tr.counter_mV[n]} mV at c_CE ${cCE} M`);
});

test('a diffusion layer adds the layer\'s ohmic drop and no counter part; without a field the columns are as before (cellv2)', () => {
  // The nernst runs above (20 um layer at J_lim / 2, c_s = c0/2): the counter is beyond the held bulk, so concentration_mV
  // is the working electrode's diffusion potential alone; the layer's drop is -22.65 mV with Valoen-Reimers' kappa(c)
  // (branch ohmic7; j (L / kappa0) 2 ln 2 = -29.2 mV with kappa0 c / c0 until then).
  const { sims, j_A_per_m2, tPlus } = steadyRuns();
  for (const sim of sims) {
    const tr = sim.trace, n = tr.time_s.length - 1, e = sim.run.transport!.electrolyte;
    const weDiff = -(1 - 2 * tPlus) * KT_MV * Math.log(e.c0_mol_per_m3 / (tr.surface_concentration_M![n]! * 1000));
    assert.ok(Math.abs(tr.concentration_mV![n]! - weDiff) < 1e-9, `${tr.concentration_mV![n]} against ${weDiff}`);
    assert.equal(computeMetrics(sim).transport!.counter_concentration_M, null);
    const j = -j_A_per_m2;
    // the layer's drop (checked against its closed form to 1 mV in the nernst test above) is the metrics' resistance times j
    const el = tr.ohmic_mV[n]! - j * 1e-4 * 1e3;
    assert.ok(el < -18, String(el));
    assert.ok(Math.abs(computeMetrics(sim).transport!.electrolyte_resistance_Ohm_cm2 * 1e-4 * j * 1e3 - el) < 1e-6, String(el));
  }
  // no field: ohmic_mV is exactly j R, the cell voltage exactly overpotential + counter + ohmic, no concentration column
  const sim = new Simulation(parseRunInput({ ...base(), electrolyte: undefined, electrochem: { ohmic: '1 Ohm cm2' } }));
  sim.runAll();
  const tr = sim.trace;
  assert.equal(tr.concentration_mV, undefined);
  assert.ok(tr.time_s.length > 3);
  for (let k = 0; k < tr.time_s.length; k++) {
    assert.ok(Math.abs(tr.ohmic_mV[k]! - TO_A(tr.current_mA_per_cm2[k]!) * 1e-4 * 1e3) < 1e-9, `row ${k}: ohmic ${tr.ohmic_mV[k]}`);
    assert.equal(tr.cell_voltage_mV[k], tr.overpotential_mV[k]! + tr.counter_mV[k]! + tr.ohmic_mV[k]!);
  }
});

test('review56: metrics give the cell\'s limiting current, and no Sand\'s time at or below it (a 25 um separator at 200 mA/cm2 of NaPF6-diglyme read 1.02 s and never ran out)', () => {
  // The steady limiting current of dilute theory: a separator (closed cell) 2 F D c0 / ((1 - t+) L), a diffusion layer
  // F D c0 / ((1 - t+) L). The two runs above plate at J_lim / 2 (separator, 20 um; diffusion layer, 20 um): the surface
  // settles at c0 (1 - J / J_lim) and never runs out, so there is no Sand's time (the semi-infinite formula gave 0.98 s
  // and 3.90 s for them until review56).
  const F = 96485.33212;
  const sep = separatorRun(), e = sep.sim.run.transport!.electrolyte;
  const jLimSep = (2 * F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * sep.L); // A/m2
  const ms = computeMetrics(sep.sim).transport!;
  assert.ok(Math.abs(ms.limiting_current_mA_per_cm2 - jLimSep / 10) < 1e-9 * jLimSep, String(ms.limiting_current_mA_per_cm2));
  assert.equal(ms.sand_time_analytic_s, null);
  const st = steadyRuns();
  const md = computeMetrics(st.sims[0]!).transport!;
  assert.ok(Math.abs(md.limiting_current_mA_per_cm2 - st.jLim_A_per_m2 / 10) < 1e-9 * st.jLim_A_per_m2, String(md.limiting_current_mA_per_cm2));
  assert.equal(md.sand_time_analytic_s, null);
  // above it (2 x J_lim of a 20 um layer, 0.001 mAh/cm2: a few events) the semi-infinite time is given, as before
  const fast = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 8], voxel: '100 nm' }, cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
    protocol: [`Plate at ${(2 * st.jLim_A_per_m2 / 10).toFixed(1)} mA/cm2 for 0.001 mAh/cm2`],
  })));
  fast.runAll();
  const J = Number((2 * st.jLim_A_per_m2 / 10).toFixed(1)) * 10;
  const sand = (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * F) ** 2) / (4 * (J * (1 - e.tPlus)) ** 2);
  const mf = computeMetrics(fast).transport!;
  assert.ok(mf.sand_time_analytic_s !== null && Math.abs(mf.sand_time_analytic_s - sand) < 1e-9 * sand, String(mf.sand_time_analytic_s));
});

test('mends69: simulate prints the cell\'s limiting current and Sand\'s time (or none below it), and one line when a step ended because the surface ran out of salt', async () => {
  const F = 96485.33212;
  const e = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
  // below the limiting current (the file's separator run at J_lim / 2, 20 um): none, and no onset line
  const sep = separatorRun();
  const jLimSep = (2 * F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * sep.L) / 10; // mA/cm2
  const bl = transportSummaryLines(computeMetrics(sep.sim).transport!, { firstPlate_mA_per_cm2: -sep.j_A_per_m2 / 10, sandFraction: 0.01 });
  assert.equal(bl.length, 1, bl.join('\n'));
  const m1 = /^electrolyte LiPF6-EC-DMC \(separator 20 um\): limiting current ([\d.]+) mA\/cm2; Sand's time none: below the limiting current/.exec(bl[0]!);
  assert.ok(m1, bl[0]);
  assert.ok(Math.abs(Number(m1[1]) / jLimSep - 1) < 0.005, `${m1[1]} vs ${jLimSep}`);
  // far above it (a 500 um layer, J_lim about 10 mA/cm2, at 1000 mA/cm2) with stop_at_sand, through the CLI: Sand's
  // time, the onset and the step's end (about 0.07 s of kMC time, 14 voxels)
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-tp-sand-'));
  const file = join(dir, 'above.yaml'), j = 1000;
  writeFileSync(file, ['metal: Li', 'host: Cu', 'lattice: { size: [4, 4, 16], voxel: 100 nm }', 'seed: 1', 'output: { snapshots: false }',
    'electrolyte: LiPF6-EC-DMC', 'cell: { diffusion_layer: 500 um, field_cell: 100 nm, stop_at_sand: true }', `protocol: [Plate at ${j} mA/cm2 for 1 s]`].join('\n'));
  const above = await cliSpawnShape(['simulate', file, '--no-store']);
  assert.equal(above.status, 0, above.stderr);
  const sand = (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * F) ** 2) / (4 * (j * 10 * (1 - e.tPlus)) ** 2);
  const m2 = /limiting current ([\d.]+) mA\/cm2; Sand's time ([\d.e+-]+) s \(first plating at 1000 mA\/cm2, above the limiting current/.exec(above.stdout);
  assert.ok(m2, above.stdout);
  assert.ok(Math.abs(Number(m2[1]) / ((F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * 500e-6) / 10) - 1) < 0.005, m2[1]);
  assert.ok(Math.abs(Number(m2[2]) / sand - 1) < 0.005, `${m2[2]} vs ${sand}`);
  const onset = /its concentration fell to 1 % of c0 \(Sand's onset\) at ([\d.e+-]+) s/.exec(above.stdout);
  assert.ok(onset, above.stdout);
  assert.ok(Number(onset[1]) > 0.5 * sand && Number(onset[1]) < 2 * sand, `${onset[1]} vs ${sand}`);
  const lines = above.stderr.split('\n').filter((l) => l.includes('transport_limited'));
  assert.equal(lines.length, 1, above.stderr);
  assert.match(lines[0]!, /^warning: step 1 "Plate at 1000 mA\/cm2 for 1 s" ended when the salt at the surface ran out \(transport_limited: .*sand_fraction.*\) after [\d.e+-]+ mAh\/cm2 and [\d.e+-]+ s; to plate on, run at or below [\d.]+ mA\/cm2 .*$/);
});

test('mends72: a plate below the limiting current then one above it: simulate gives Sand\'s time of the step above, named, and the step the salt ran out in (it said "Sand\'s time none: below the limiting current")', async () => {
  const F = 96485.33212;
  const e = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
  // 4 x 4 x 16 voxels of 100 nm behind a 500 um layer (J_lim about 10 mA/cm2): two voxels at 1 mA/cm2, then 1000 mA/cm2
  // until Sand's onset ends the step (about 0.09 s into it); a rest and a plate at 500 mA/cm2 in a repeat block (step 4)
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-tp-sand2-'));
  const file = join(dir, 'two.yaml');
  writeFileSync(file, ['metal: Li', 'host: Cu', 'lattice: { size: [4, 4, 16], voxel: 100 nm }', 'seed: 1', 'output: { snapshots: false }',
    'electrolyte: LiPF6-EC-DMC', 'cell: { diffusion_layer: 500 um, field_cell: 100 nm, stop_at_sand: true }',
    'protocol: [Plate 0.0026 mAh/cm2 at 1 mA/cm2, Plate at 1000 mA/cm2 for 1 s, { repeat: 2, steps: [Rest for 1 s, Plate at 500 mA/cm2 for 0.01 s] }]'].join('\n'));
  const r = await cliSpawnShape(['simulate', file, '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Sand's time none/, r.stdout);
  const sand = (J_mA: number) => (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * F) ** 2) / (4 * (J_mA * 10 * (1 - e.tPlus)) ** 2);
  const m = /limiting current [\d.]+ mA\/cm2; Sand's time ([\d.e+-]+) s for step 2 "Plate at 1000 mA\/cm2 for 1 s" \(1000 mA\/cm2, the first plating above the limiting current; the first plating, step 1 "Plate 0.0026 mAh\/cm2 at 1 mA\/cm2", is below it/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Math.abs(Number(m[1]) / sand(1000) - 1) < 0.005, `${m[1]} vs ${sand(1000)}`);
  // the repeat's plate at another current above J_lim gets its own line, numbered as the step warnings number it
  const m4 = /^Sand's time ([\d.e+-]+) s for step 4 "Plate at 500 mA\/cm2 for 0.01 s" \(500 mA\/cm2, above the limiting current/m.exec(r.stdout);
  assert.ok(m4, r.stdout);
  assert.ok(Math.abs(Number(m4[1]) / sand(500) - 1) < 0.005, `${m4[1]} vs ${sand(500)}`);
  assert.doesNotMatch(r.stdout, /for step 6/, 'a repeat\'s second pass adds no line');
  // the onset is in step 2, within Sand's time's factor of 2 of the step's start (the first step left the surface near c0)
  const on = /\(Sand's onset\) at ([\d.e+-]+) s \(step 2 "Plate at 1000 mA\/cm2 for 1 s", ([\d.e+-]+) s into it\)/.exec(r.stdout);
  assert.ok(on, r.stdout);
  assert.ok(Number(on[2]) > 0.5 * sand(1000) && Number(on[2]) < 2 * sand(1000) && Number(on[1]) > 9, `${on[1]} ${on[2]}`);
});

test('metrics.json gives Sand\'s time of each plating step above the limiting current and the step the surface ran out in, as the printed lines do (review61: it read sand_time_analytic_s null and the run\'s clock only)', () => {
  const F = 96485.33212;
  const e = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
  const sand = (J_mA: number) => (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * F) ** 2) / (4 * (J_mA * 10 * (1 - e.tPlus)) ** 2);
  // the mends72 test's cell and protocol (J_lim about 10 mA/cm2): step 1 below it, steps 2 and 4 above, the onset in step 2
  const r = simulate({ metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1, output: { snapshots: false },
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '500 um', field_cell: '100 nm', stop_at_sand: true },
    protocol: ['Plate 0.0026 mAh/cm2 at 1 mA/cm2', 'Plate at 1000 mA/cm2 for 1 s', { repeat: 2, steps: ['Rest for 1 s', 'Plate at 500 mA/cm2 for 0.01 s'] }] });
  const t = r.metrics.transport!;
  assert.equal(t.sand_time_analytic_s, null, 'the first plating step is below J_lim (fields/report.ts, unchanged)');
  assert.deepEqual(t.sand_steps.map((s) => [s.step, s.protocol, s.current_mA_per_cm2]), [[2, 'Plate at 1000 mA/cm2 for 1 s', 1000], [4, 'Plate at 500 mA/cm2 for 0.01 s', 500]]);
  for (const s of t.sand_steps) assert.ok(Math.abs(s.sand_time_analytic_s / sand(s.current_mA_per_cm2) - 1) < 1e-9, JSON.stringify(s));
  // the onset: in step 2, its time into it the run's clock less step 1's duration (steps.csv)
  assert.ok(t.sand_time_s !== null && t.sand_onset_step === 2, JSON.stringify(t));
  assert.ok(Math.abs(t.sand_onset_into_step_s! - (t.sand_time_s - r.steps[0]!.duration_s)) < 1e-9 * t.sand_time_s, `${t.sand_onset_into_step_s} vs ${t.sand_time_s} - ${r.steps[0]!.duration_s}`);
  // and the lines printed under the table say the same numbers
  const lines = transportLines(t, r.run, r.steps).join('\n');
  for (const s of t.sand_steps) assert.match(lines, new RegExp(`Sand's time ${s.sand_time_analytic_s.toPrecision(3)} s for step ${s.step} `));
  assert.match(lines, new RegExp(`\\(step 2 "Plate at 1000 mA/cm2 for 1 s", ${t.sand_onset_into_step_s!.toPrecision(3)} s into it\\)`));
});

test('mends69: a run outside the electrolyte\'s liquid range is refused on temperature (KFSI-DME at -100 degC and LiTFSI-DOL-DME at 120 degC ran on extrapolated D and kappa: review56)', () => {
  // every set names its solvent and where its range comes from; a bound not sourced is null and the note says why
  for (const e of Object.values(ELECTROLYTES)) {
    const r = e.liquidRange;
    assert.ok(r.solvent.length > 0 && r.source.length > 20, `${e.name}: a solvent and a source`);
    if (r.freezing_degC === null || r.boiling_degC === null) assert.ok((r.note ?? '').length > 20, `${e.name}: why a bound is not checked`);
  }
  const at = (metal: string, electrolyte: unknown, T: string) => () => parseRunInput({
    metal, host: 'Cu', lattice: { size: [8, 8, 8], voxel: '100 nm' }, temperature: T, electrolyte, protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 1,
  });
  // DME freezes at -58 degC and boils at 85 degC (NTP Chemical Repository); K melts at 63.5 degC, so only the cold side
  throwsInput(at('K', 'KFSI-DME', '-100 degC'), 'temperature', /got "-100 degC".*DME.*-58 degC.*frozen/);
  assert.doesNotThrow(at('K', 'KFSI-DME', '-57 degC'));
  // DOL boils at 75 degC, DME at 85 degC: the mixture's range is not sourced, the narrower of its components' is taken
  throwsInput(at('Li', 'LiTFSI-DOL-DME', '120 degC'), 'temperature', /got "120 degC".*DOL\/DME.*75 degC.*boiling/);
  throwsInput(at('Li', 'LiTFSI-DOL-DME', '75 degC'), 'temperature', /boiling/);
  assert.doesNotThrow(at('Li', 'LiTFSI-DOL-DME', '74 degC'));
  throwsInput(at('Li', 'LiTFSI-DOL-DME', '-60 degC'), 'temperature', /below -58 degC.*pure DME's melting point/); // mends77: not "frozen" (DME's point, taken as a rule)
  // diglyme: -64 to 160 degC
  throwsInput(at('Na', 'NaPF6-diglyme', '-70 degC'), 'temperature', /diglyme.*-64 degC.*frozen/);
  assert.doesNotThrow(at('Na', 'NaPF6-diglyme', '-60 degC'));
  // EC/DMC boils at DMC's 90.3 degC (its freezing point is not checked: EC alone melts at 36 degC). mends72: 90 degC
  // until then, written by hand beside DMC's 90.3 (the Merck Index value the range cites; Wikipedia's 90 is its rounding)
  throwsInput(at('Li', 'LiPF6-EC-DMC', '95 degC'), 'temperature', /EC\/DMC: below 90\.3 degC.*boiling/);
  assert.doesNotThrow(at('Li', 'LiPF6-EC-DMC', '85 degC'));
  // an inline electrolyte names no solvent: not checked
  assert.doesNotThrow(at('K', { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.5, conductivity: '12 mS/cm' }, '-100 degC'));
});

test('mends72: the sets\' liquid ranges come from the pure solvents\' (SOLVENT_RANGES), the narrower of the components\': EC/DMC boils at DMC\'s 90.3 degC (it was written as 90 beside it)', () => {
  // each mixture's bound is the highest freezing point and the lowest boiling point of its components; a mixture with EC
  // has no freezing bound (EC melts at 36 degC, EC/DMC and EC/EMC are liquid at 25 degC); a pure solvent's range is its own
  const parts: Record<string, string[]> = { DME: ['DME'], diglyme: ['diglyme'], 'DOL/DME': ['DOL', 'DME'], 'EC/DMC': ['EC', 'DMC'], 'EC/EMC': ['EC', 'EMC'], 'EC/DMC or EC/EMC': ['EC', 'DMC', 'EMC'], 'EC/PC': ['EC', 'PC'] };
  assert.deepEqual(Object.keys(LIQUID_RANGES).sort(), Object.keys(parts).sort());
  for (const [name, solvents] of Object.entries(parts)) {
    const rs = solvents.map((n) => SOLVENT_RANGES[n]!);
    const fs = solvents.length > 1 && solvents.includes('EC') ? [] : rs.map((r) => r.freezing_degC).filter((v): v is number => v !== null);
    const bs = rs.map((r) => r.boiling_degC).filter((v): v is number => v !== null);
    const r = LIQUID_RANGES[name as keyof typeof LIQUID_RANGES];
    assert.equal(r.freezing_degC, fs.length > 0 ? Math.max(...fs) : null, `${name} freezing`);
    assert.equal(r.boiling_degC, bs.length > 0 ? Math.min(...bs) : null, `${name} boiling`);
  }
  // the run a user sees: LiPF6-EC-DMC at 90.2 degC runs (DMC is liquid to 90.3 degC), at 90.3 it is refused
  const at = (T: string) => () => parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '100 nm' }, temperature: T, electrolyte: 'LiPF6-EC-DMC', protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  assert.doesNotThrow(at('90.2 degC'));
  throwsInput(at('90.3 degC'), 'temperature', /EC\/DMC: below 90\.3 degC/);
});

test('a refusal on a mixture\'s liquid-range limit says it is one component\'s point taken as a rule, not the mixture\'s own (LiTFSI-DOL-DME at -60 degC was "frozen": review61)', async () => {
  const { solventRangeCheck } = await import('../src/params/electrolytes.js');
  const at = (T: string, o: Record<string, unknown>) => () => parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '100 nm' }, temperature: T, protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 1, ...o,
  });
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // every limit a mixture takes from a component: the field, the value, the limit, the pure solvent and its source, and
  // that the mixture's own point is not sourced; never "frozen" or "boiling" said of the mixture
  const cases: [string, Record<string, unknown>, string, 'freezing' | 'boiling'][] = [
    ['-60 degC', { electrolyte: 'LiTFSI-DOL-DME' }, 'DME', 'freezing'],
    ['80 degC', { electrolyte: 'LiTFSI-DOL-DME' }, 'DOL', 'boiling'],
    ['95 degC', { electrolyte: 'LiPF6-EC-DMC' }, 'DMC', 'boiling'],
    ['110 degC', { electrolyte: 'LiPF6-EC-EMC' }, 'EMC', 'boiling'],
    ['95 degC', { sei: 'carbonate' }, 'DMC', 'boiling'],
  ];
  for (const [T, o, component, side] of cases) {
    const r = SOLVENT_RANGES[component]!;
    const limit = side === 'freezing' ? r.freezing_degC! : r.boiling_degC!;
    throwsInput(at(T, o), 'temperature', new RegExp(`^temperature: got "${T}".*${esc(String(limit))} degC.*pure ${component}'s ${side === 'freezing' ? 'melting' : 'boiling'} point \\(${esc(r.source)}\\).*conservative rule.*the mixture's own ${side} point is not in our sources`));
    assert.throws(at(T, o), (e: unknown) => e instanceof InputError && !/it is (frozen|boiling)/.test(e.message), `${T} ${JSON.stringify(o)}: not said to be frozen or boiling`);
  }
  // a single solvent's own point is a fact of that solvent: still "frozen"
  throwsInput(at('-100 degC', { metal: 'K', electrolyte: 'KFSI-DME' }), 'temperature', /it is frozen/);
  // the screen's solvent list: a mixture the same, one solvent as before
  assert.throws(() => solventRangeCheck(['DOL', 'DME'], 213.15, 'electrolyte.solvents', 'x'), (e: unknown) => e instanceof InputError &&
    /^electrolyte\.solvents\[1\]: got "DME".*-60 degC is below -58 degC.*pure DME's melting point.*conservative rule.*the mixture's own freezing point is not in our sources/.test(e.message) && !/frozen there/.test(e.message));
  assert.throws(() => solventRangeCheck(['DME'], 213.15, 'electrolyte.solvents', 'x'), /so it is frozen there/);
});

test('review58: with stop_at_sand, Sand\'s onset ends the plate that reached it, not the strip or the plate below the limiting current after it (both ended at their first event, CE 0)', () => {
  // 4 x 4 x 16 voxels of 100 nm (one voxel 1.31e-3 mAh/cm2), 1 M LiPF6-EC-DMC behind a 500 um layer (J_lim about
  // 10 mA/cm2): a plate at 1000 mA/cm2 runs the surface out of salt; a strip of two voxels; a 2 s rest refills the
  // surface; a plate of two voxels at 1 mA/cm2, a tenth of J_lim. Until review58 the stop read the first onset's time,
  // which stays set, so the strip and the last plate ended `transport_limited` at their first event (0 voxels; the
  // plate's warning said its current was above what the cell carries).
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1,
    cell: { diffusion_layer: '500 um', field_cell: '100 nm', stop_at_sand: true },
    protocol: ['Plate at 1000 mA/cm2 for 1 s', 'Strip 0.0026 mAh/cm2 at 1 mA/cm2', 'Rest for 2 s', 'Plate 0.0026 mAh/cm2 at 1 mA/cm2'],
  })));
  sim.runAll();
  const steps = sim.stepResults;
  const seen = JSON.stringify(steps.map((s) => [s.ended, s.net_voxels]));
  assert.deepEqual(steps.map((s) => s.ended), ['transport_limited', 'charge', 'time', 'charge'], seen);
  assert.equal(steps[1]!.net_voxels, -2, seen);
  assert.equal(steps[3]!.net_voxels, 2, seen);
  const sand = computeMetrics(sim).transport!.sand_time_s;
  assert.ok(sand !== null && sand > 0 && sand < steps[0]!.duration_s + 1e-12, String(sand));
});

test('Sand\'s time in a finite diffusion layer: the surface reaches the onset there by the image series, the semi-infinite time far above J_lim, none at or below it (sandend)', () => {
  // the surface of a layer of thickness L (bulk c0 at L, constant flux from t = 0) by the method of images, a
  // representation independent of the function's Fourier series: c_s/c0 = 1 - (2 r / L) sqrt(D t) [ierfc(0) + 2 sum_n (-1)^n ierfc(n L / sqrt(D t))]
  const erfc = (x: number): number => { // Abramowitz-Stegun 7.1.26, |error| < 1.5e-7, x >= 0
    const t = 1 / (1 + 0.3275911 * x);
    return t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  };
  const ierfc = (x: number): number => Math.exp(-x * x) / Math.sqrt(Math.PI) - x * erfc(x);
  const surface = (r: number, L: number, D: number, t: number): number => {
    let s = ierfc(0);
    for (let n = 1; n < 60; n++) s += 2 * (n % 2 ? -1 : 1) * ierfc((n * L) / Math.sqrt(D * t));
    return 1 - ((2 * r) / L) * Math.sqrt(D * t) * s;
  };
  const D = 3.22e-10, L = 20e-6;
  for (const [r, frac] of [[1.1, 0], [1.1, 0.01], [1.5, 0], [3, 0.01]] as const) {
    const t = sandTimeFiniteLayer_s(r, L, D, frac);
    assert.ok(t !== null && t > 0, `r ${r}`);
    assert.ok(Math.abs(surface(r, L, D, t) - frac) < 1e-4, `r ${r}, frac ${frac}: c_s/c0 ${surface(r, L, D, t)} at t ${t} s`);
    // later than the semi-infinite time (the bulk at L can only feed the surface)
    const semi = (Math.PI / 4) * (L * L / D) * (1 - frac) ** 2 / (r * r);
    assert.ok(t > semi, `r ${r}: ${t} s against the semi-infinite ${semi} s`);
  }
  const far = sandTimeFiniteLayer_s(20, L, D)!, semi = (Math.PI / 4) * (L * L / D) / 400;
  assert.ok(Math.abs(far / semi - 1) < 1e-3, `r 20: ${far} s against ${semi} s`);
  assert.equal(sandTimeFiniteLayer_s(1, L, D), null);
  assert.equal(sandTimeFiniteLayer_s(0.9, L, D, 0.01), null);
});

// ---------------------------------------------------------------------------------------------
// chazalviel: growth past Sand's time led by the anions' space-charge layer (fields/space-charge.ts)

test('chazalviel: cell.space_charge is off or chazalviel, field mode only, not with stop_at_sand, and needs a conductivity: one line each', () => {
  assert.equal(parseRunInput(base({ cell: { space_charge: 'chazalviel' } })).transport!.space_charge, 'chazalviel');
  assert.equal(parseRunInput(base({ cell: { space_charge: 'off' } })).transport!.space_charge, undefined);
  throwsInput(() => parseRunInput(base({ cell: { space_charge: 'on' } })), 'cell.space_charge', /got "on", expected off \(the default\) or chazalviel/);
  throwsInput(() => parseRunInput(base({ cell: { space_charge: 'chazalviel', stop_at_sand: true } })), 'cell.space_charge', /stop_at_sand/);
  throwsInput(() => parseRunInput(base({ cell: { transport: 'walkers', space_charge: 'chazalviel' } })), 'cell.space_charge', /walkers/);
  throwsInput(() => parseRunInput(base({ electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38 }, cell: { space_charge: 'chazalviel' } })),
    'cell.space_charge', /electrolyte\.conductivity/);
});

test('chazalviel: on where the surface never reaches Sand\'s onset, the run is today\'s to the last event (off is no option at all: the parse test)', () => {
  // 4 x 4 x 16 voxels of 100 nm, 10 mA/cm2 behind the default 25 um separator (J_lim about 400 mA/cm2): no onset, so
  // the option must change nothing (the same draws, the same trace)
  const run = (cell: Record<string, unknown> | undefined) => {
    const sim = new Simulation(parseRunInput(base({ lattice: { size: [4, 4, 16], voxel: '100 nm' }, protocol: ['Plate at 10 mA/cm2 for 0.01 mAh/cm2'], seed: 2, ...(cell ? { cell } : {}) })));
    sim.runAll();
    // mends100: with the option the trace has in_space_charge_zone (0/1) besides; the other columns are compared
    const { in_space_charge_zone: zone, ...rest } = sim.trace;
    return { trace: JSON.stringify(rest), events: sim.events, net: sim.netVoxels, sand: sim.transport!.sandTime_s, zone };
  };
  const { zone: none, ...today } = run(undefined);
  assert.equal(today.sand, null);
  assert.equal(none, undefined, 'no zone column without the option');
  assert.ok(today.net >= 7, String(today.net));
  const { zone, ...on } = run({ space_charge: 'chazalviel' });
  assert.deepEqual(on, today);
  assert.ok(zone!.length === JSON.parse(today.trace).time_s.length && zone!.every((z) => z === 0), 'no row in a zone');
});

test('chazal2: simulate\'s space-charge line says when the tips lag the front and what the zone\'s drop read (metrics as given)', () => {
  // the 8 x 8 x 48 run of docs/transport.md's table with the former v_a (mu_a J / kappa, until chazal4: then fewer than
  // 105 columns, the tips lagged), its space_charge figures as metrics.json gave them (a test of the line's wording);
  // with the tips keeping up (lag 0) the line is the chazalviel line, unchanged
  const sc = { anion_drift_um_per_s_per_mA_cm2: 0.1385758705, zones: 1, onset_s: 0.06715, onset_layer: 6, front_speed_um_per_s: 138.5758704949833,
    tip_speed_um_per_s: 84.88452341266638, layers_reached: 41, zone_lag_layers: 25, zone_drop_mV: 286980.4, readings: '' };
  const g = { cell_nm: 100, columns: [8, 8] as [number, number], layers_in_box: 48, layers_total: 60, boundary: 'diffusion_layer', distance_um: 500 };
  const lineOf = (s: typeof sc) => transportSummaryLines({ electrolyte: 'LiPF6-EC-DMC', limiting_current_mA_per_cm2: 10, sand_time_analytic_s: 0.0612, sand_time_s: 0.06715, field_grid: g, space_charge: s },
    { firstPlate_mA_per_cm2: 1000, sandFraction: 0.01 }).at(-1)!;
  const line = lineOf(sc);
  assert.match(line, /the highest tip then advanced at 84\.88 um\/s over 41 layers \(the anions' drift velocity \(1 - t\+\) J \/ \(F c0\): 138\.6 um\/s\); the zone's drop in eta\.csv \(concentration_mV\) is set by the voxel, W known to a voxel: it scales as a\^1\.5 \(metrics' readings\); at the end the tips lagged the front by 25 layers and the zone's drop \(eta\.csv's concentration_mV\) read 287 V: /, line);
  assert.match(line, /a cycler would stop at its voltage limit/);
  const kept = line.slice(0, line.indexOf('; at the end'));
  assert.equal(lineOf({ ...sc, zone_lag_layers: 0, zone_drop_mV: 891.4 }), kept);
  assert.equal(lineOf({ ...sc, zone_lag_layers: null as unknown as number, zone_drop_mV: null as unknown as number }), kept);
});

test('chazalviel: past Sand\'s time the plate goes on and its highest tip advances at the anions\' drift velocity (1 - t+) J / (F c0) (within 5 %), salt exact; chazal2: eta.csv past the onset reads the zone\'s Mott-Gurney drop and the liquid ahead at c0, not the floors', () => {
  // 16 x 16 x 32 voxels of 100 nm, Li on Cu, LiPF6-EC-DMC's D, t+ and kappa at 25 degC inline at 0.5 M (Sand's time a
  // quarter of 1 M's) behind a 500 um layer (J_lim about 5 mA/cm2), 1000 mA/cm2: without the option the plate ends out of
  // salt soon after Sand's onset (docs/transport.md, "A reduction's salt": measured); with it the tips follow the anions'
  // front to the box's top. Expected speed from the set alone (branch chazal4, Chazalviel's charge balance): v_a =
  // (1 - t+) J / (F c0) = 0.62 x 1e4 / (96485 x 500) = 128.5 um/s (until chazal4 mu_a J / kappa, 138.6, measured 138.2).
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [16, 16, 32], voxel: '100 nm' }, seed: 1,
    electrolyte: { concentration: '0.5 M', diffusivity: '3.22e-6 cm2/s', transference: 0.38, conductivity: '11.9 mS/cm' },
    cell: { diffusion_layer: '500 um', field_cell: '100 nm', space_charge: 'chazalviel' },
    protocol: ['Plate at 1000 mA/cm2 for 1 s'],
  })));
  sim.runAll();
  const tp = sim.transport!, e = tp.spec.electrolyte, step = sim.stepResults[0]!;
  assert.equal(step.ended, 'box_full', JSON.stringify(step.ended));
  assert.ok(tp.sandTime_s !== null && tp.sandTime_s < step.duration_s, String(tp.sandTime_s));
  const kT_V = (1.380649e-23 * 298.15) / 1.602176634e-19;
  const vA = ((1 - e.tPlus) * 1e4) / (96485.33212 * e.c0_mol_per_m3); // m/s at 1000 mA/cm2 = 1e4 A/m2
  assert.ok(Math.abs(vA * 1e6 - 128.5) < 0.1, String(vA * 1e6));
  const m = computeMetrics(sim).transport!.space_charge!;
  assert.ok(m.zones === 1 && m.tip_speed_um_per_s !== null && m.layers_reached >= 20, JSON.stringify(m));
  assert.ok(Math.abs(m.tip_speed_um_per_s! / (vA * 1e6) - 1) < 0.05, `tip ${m.tip_speed_um_per_s} um/s against v_a ${vA * 1e6}`);
  // simulate prints it under the Sand's-time lines
  const lines = transportSummaryLines(computeMetrics(sim).transport!, { firstPlate_mA_per_cm2: 1000, sandFraction: 0.01 });
  assert.match(lines.at(-1)!, /^space charge \(cell\.space_charge: chazalviel\): the zone started at Sand's onset, 0\.0\d+ s, at voxel layer \d+; the highest tip then advanced at 12\d\.\d um\/s over \d+ layers \(the anions' drift velocity \(1 - t\+\) J \/ \(F c0\): 128\.5 um\/s\); the zone's drop in eta\.csv \(concentration_mV\) is set by the voxel, W known to a voxel: it scales as a\^1\.5 \(metrics' readings\)$/, lines.join('\n'));
  // the highest metal layer read from the lattice at the end, against the front's layer at the step's end
  let top = -1;
  const nxy = 16 * 16;
  for (let v = 0; v < sim.app.code.length; v++) if (sim.app.code[v] === METAL && ((v / nxy) | 0) > top) top = (v / nxy) | 0;
  const frontEnd = m.onset_layer + (vA * (step.duration_s - m.onset_s!)) / 1e-7;
  assert.ok(Math.abs(top - frontEnd) <= 2, `top ${top}, front ${frontEnd}`);
  // charge and salt: every metal voxel above the host is the step's charge; the field's salt balance is exact
  assert.equal(sim.app.counters.reductions - sim.app.counters.oxidations, sim.netVoxels);
  assert.equal(step.net_voxels, sim.netVoxels);
  assert.ok(Math.abs(tp.balanceResidual()) < 1e-10 * tp.field.initial, String(tp.balanceResidual() / tp.field.initial));
  assert.ok(Math.abs(tp.field.consumed - (1 - e.tPlus) * tp.molPerVoxel * sim.netVoxels) <= 1e-12 * tp.field.consumed);
  // chazal2: the readings past the onset. Until chazal2 concentration_mV read the diffusion potential's floor (c_s 1e-12
  // c0: -170.4 mV) in every row past the onset and ohmic_mV the zone's empty cells (-5.8 to -6.0 V), metrics.json
  // readings_at 'out of salt'. Now (docs/transport.md, "The cell voltage in the zone"): the zone's drop sqrt(8 J W^3 /
  // (9 eps mu_c)) averaged over the front's place in its layer (0.4 of its value at W = a while the tips keep up),
  // mu_c = D / (2 (1 - t+)) e / kT, eps = 20 eps0; the liquid ahead of the front at c0 (Chazalviel's steady state).
  const muC = (e.D_m2_per_s / (2 * (1 - e.tPlus))) / kT_V, eps = 20 * 8.8541878128e-12, J = 1e4, a = 1e-7;
  const vsc = 0.4 * Math.sqrt((8 * J * a ** 3) / (9 * eps * muC)); // V
  assert.ok(Math.abs(vsc - 0.8914) < 1e-3, String(vsc)); // stated before the run (docs/history.md, chazal2): 0.89 V
  const tm = computeMetrics(sim).transport!, z = tm.space_charge!;
  assert.equal(tm.readings_at, 'space-charge zone'); // 'end of run' until mends100
  assert.equal(z.zone_lag_layers, 0); // the tips keep up (top within 2 layers of the front, above)
  // chazal4 (review77 finding 6): the readings say the drop is the voxel's; a 2 nm zone's at 1000 mA/cm2 (eps 20): 0.4 V_sc(a)
  // is 0.4 (a / W)^1.5 times it, so V_sc(2 nm) = vsc / 0.4 x 0.02^1.5 = 6.3 mV
  const v2 = (vsc / 0.4) * 0.02 ** 1.5 * 1e3;
  assert.ok(Math.abs(v2 - 6.3) < 0.05, String(v2));
  assert.match(z.readings, new RegExp(`the drop is set by the voxel \\(W resolved to a = 100 nm; V_sc goes as W\\^1\\.5, so as a\\^1\\.5\\): a zone of about its physical thickness, 2 nm, would drop ${Number(v2.toPrecision(2))} mV at the first zone's 1000 mA/cm2`), z.readings);
  assert.ok(Math.abs(z.zone_drop_mV! / (vsc * 1e3) - 1) < 1e-9, `zone drop ${z.zone_drop_mV} mV against ${vsc * 1e3}`);
  const tr = sim.trace, plane = tp.field.spec.planeZ_m, kappa0 = e.kappa_S_per_m;
  let past = 0;
  for (let r = 0; r < tr.time_s.length; r++) {
    if (!(tr.time_s[r]! > m.onset_s! + 1e-9)) continue;
    past++;
    assert.ok(Math.abs(tr.concentration_mV![r]! + vsc * 1e3) < 1e-6, `row ${r}: concentration ${tr.concentration_mV![r]} mV against ${-vsc * 1e3}`);
    assert.equal(tr.surface_concentration_M![r], 0.5);
    // the liquid from the front to the plane at kappa0: between the front at the onset and the box's top
    const ohm = -tr.ohmic_mV[r]! / 1e3 / J * kappa0; // m of liquid at kappa0
    assert.ok(ohm <= plane - m.onset_layer * a + 1e-12 && ohm >= plane - 32 * a - 1e-12, `row ${r}: ohmic ${tr.ohmic_mV[r]} mV, ${ohm} m of liquid`);
    assert.ok(Math.abs(tr.cell_voltage_mV[r]!) < 1e4, `row ${r}: cell voltage ${tr.cell_voltage_mV[r]} mV`);
  }
  assert.ok(past >= 3, String(past));
  const last = tr.time_s.length - 1;
  assert.ok(Math.abs(-tr.ohmic_mV[last]! / 1e3 - (J * (plane - frontEnd * a)) / kappa0) < 1e-3 * (J * plane) / kappa0, `last ohmic ${tr.ohmic_mV[last]} mV`);
});

test('chazal3: each electrolyte set has its relative permittivity (unit 1, a source, assumed where so), an inline electrolyte\'s `permittivity:` is used and bad values refused, and the zone\'s drop uses it', () => {
  // the values and where they come from (docs/transport.md, "Parameter sets"): EC/EMC 3:7 with 1 M LiPF6 measured 18.5;
  // DME 7.2 and diglyme 7.23 (the pure solvents'); DOL/DME 7.2 (DOL taken as DME's, assumed); the Valoen-Reimers solvent
  // PC/EC/DMC 10:27:63 (v/v) by the volume-fraction rule from PC 64.9, EC 89.6, DMC 3.087 (assumed)
  const want: Record<string, [number, boolean]> = {
    'LiPF6-EC-DMC': [Number((0.10 * 64.9 + 0.27 * 89.6 + 0.63 * 3.087).toPrecision(3)), true], 'LiPF6-EC-EMC': [18.5, false],
    'LiTFSI-DOL-DME': [7.2, true], 'NaPF6-diglyme': [7.23, false], 'KFSI-DME': [7.2, false],
  };
  assert.deepEqual(Object.keys(ELECTROLYTES).sort(), Object.keys(want).sort());
  for (const [name, [v, isAssumed]] of Object.entries(want)) {
    const p = (ELECTROLYTES[name] as unknown as { permittivity?: { value: number; unit: string; source: { ref: string; assumed?: boolean } } }).permittivity;
    assert.ok(p, `${name} has no permittivity`);
    assert.equal(p.value, v, name);
    assert.equal(p.unit, '1', name);
    assert.ok(p.source.ref.length > 10, name);
    assert.equal(p.source.assumed === true, isAssumed, name);
    assert.equal((resolveElectrolyte(ELECTROLYTES[name]!, 273.15) as unknown as { epsR: number }).epsR, v, `${name} at 0 degC: the 25 degC value`);
  }
  // an inline electrolyte: `permittivity:` a plain number (or its text); absent: 20 (assumed, as every set until chazal3)
  const inline = (extra: Record<string, unknown>) => base({ electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.4, conductivity: '10 mS/cm', ...extra } });
  const epsOf = (extra: Record<string, unknown>) => (parseRunInput(inline(extra)).transport!.electrolyte as unknown as { epsR: number }).epsR;
  assert.equal(epsOf({ permittivity: 7 }), 7);
  assert.equal(epsOf({ permittivity: '18.5' }), 18.5);
  assert.equal(epsOf({}), 20);
  for (const bad of ['abc', -3, 0.5, 1000, '7 mV', true]) {
    throwsInput(() => parseRunInput(inline({ permittivity: bad })), 'electrolyte.permittivity', /relative permittivity \(static dielectric constant, dimensionless\) from 1 to 200/);
  }
  // the zone's drop with a named set's eps: a zone made to stand (lag 0, 1000 mA/cm2) on a simulation built, not run;
  // 0.4 V_sc(a), V_sc = sqrt(8 J a^3 / (9 eps mu_c)), mu_c = D / (2 (1 - t+)) e / kT
  for (const name of ['LiPF6-EC-EMC', 'KFSI-DME']) {
    const metal = ELECTROLYTES[name]!.metal, host = 'Cu';
    const sim = new Simulation(parseRunInput({ ...base({ metal, host, electrolyte: name, cell: { diffusion_layer: '500 um', field_cell: '100 nm', space_charge: 'chazalviel' } }) }));
    const tp = sim.transport!, sc = tp.sc!, e = tp.spec.electrolyte;
    Object.assign(sc, { active: true, J: 1e4, z0: 3, edge: 3, edgeFront: 3, t_on: 0, clock: 0 });
    const kT_V = (1.380649e-23 * 298.15) / 1.602176634e-19, muC = (e.D_m2_per_s / (2 * (1 - e.tPlus))) / kT_V;
    const vsc = (epsR: number) => 0.4 * Math.sqrt((8 * 1e4 * 1e-21) / (9 * epsR * 8.8541878128e-12 * muC));
    assert.ok(Math.abs(tp.zoneDrop() / vsc(want[name]![0]) - 1) < 1e-9, `${name}: zone drop ${tp.zoneDrop()} V against ${vsc(want[name]![0])} (eps 20: ${vsc(20)})`);
    assert.match(computeMetrics(sim).transport!.space_charge!.readings, new RegExp(`eps = ${want[name]![0]} eps0, ${name}'s permittivity`));
  }
});

test('chazal3: a space-charge box of fewer than 1 / phi columns is said before the run (input warning) and after it (metrics, simulate\'s line): its tips run at the current\'s bound, columns phi v_a, not v_a', async () => {
  const { runInputWarnings } = await import('../src/input/limits.js');
  // phi = J V_m / (F v_a) = V_m c0 / (1 - t+) for Li in LiPF6-EC-DMC, from the set alone (branch chazal4; 0.00957 and
  // 105 columns with the former v_a = mu_a J / kappa): 0.02064, 1 / phi 48.45
  const e = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
  const Vm = 1.2797e-5;
  const phi = (Vm * e.c0_mol_per_m3) / (1 - e.tPlus);
  assert.ok(Math.abs(phi - 0.02064) < 5e-5 && Math.ceil(1 / phi) === 49, String(phi));
  const run = (n: number, sc = 'chazalviel') => parseRunInput(base({
    lattice: { size: [n, n, 24], voxel: '100 nm' }, seed: 1,
    cell: { diffusion_layer: '500 um', field_cell: '100 nm', space_charge: sc }, protocol: ['Plate at 1000 mA/cm2 for 1 s'],
  }));
  const warn = (n: number, sc?: string) => runInputWarnings(run(n, sc)).filter((w) => w.includes('space_charge'));
  assert.equal(warn(4).length, 1);
  assert.match(warn(4)[0]!, /^warning: cell\.space_charge: chazalviel in a box of 4 x 4 columns \(16\), fewer than the 1 \/ phi = 49 a front needs \(phi = J V_m \/ \(F v_a\) = 0\.0206, .*held to the current's bound, 0\.33 v_a .*a box artefact, not physics; a box of at least 7 x 7 voxels keeps up/);
  assert.equal(warn(6).length, 1); // 36 columns (study spacecharge-deposit's narrow box since chazal4)
  assert.deepEqual(warn(7), []); // 49 columns
  assert.deepEqual(warn(8), []); // 64: below 1 / phi with the former v_a, not now
  assert.deepEqual(warn(4, 'off'), []);
  // the 4 x 4 run (review76: its tips at 21.22 um/s in seeds 1 and 2): the bound 16 phi v_a = 16 J V_m / F, the same
  // whatever v_a (64.26 um/s since chazal4, 138.6 before), said after the run
  const sim = new Simulation(run(4));
  sim.runAll();
  const m = computeMetrics(sim).transport!, sc = m.space_charge!;
  assert.equal(sc.columns, 16);
  assert.equal(sc.columns_needed, 49);
  assert.ok(Math.abs(sc.solid_fraction! / phi - 1) < 2e-3, `${sc.solid_fraction} against ${phi}`);
  const bound = 16 * phi * sc.front_speed_um_per_s!;
  assert.ok(Math.abs(sc.tip_speed_um_per_s! / bound - 1) < 0.01, `tip ${sc.tip_speed_um_per_s} um/s against the bound ${bound}`);
  const line = transportSummaryLines(m, { firstPlate_mA_per_cm2: 1000, sandFraction: 0.01 }).at(-1)!;
  assert.match(line, /; the box's 16 columns are fewer than the 1 \/ phi = 49 a front needs \(phi = 0\.0206\): the tips are held to the current's bound, 16 phi v_a = 21\.2\d um\/s \(one column, one voxel a layer\), a box artefact, not the anions' front/, line);
  // a box wide enough says nothing of it
  const wide = transportSummaryLines({ ...m, space_charge: { ...sc, columns: 256 } }, { firstPlate_mA_per_cm2: 1000, sandFraction: 0.01 }).at(-1)!;
  assert.ok(!wide.includes('box artefact'), wide);
});

test('chazal4: the anions\' front runs at (1 - t+) J / (F c0) in every set, within the neutrality bound J / (F c0), and the front\'s fill is V_m c0 / (1 - t+), at least the salt\'s c0 V_m (review77 finding 1)', async () => {
  const { anionDriftPerCurrent, frontSolidFraction } = await import('../src/fields/space-charge.js');
  // Chazalviel (1990): behind the front the liquid is anion-free and the metal neutralises it, J / (F v_a) = c0 / t_a of
  // metal per swept volume with t_a <= 1, so v_a <= J / (F c0); his kappa = F c0 (mu_a + mu_c) gives v_a = t_a J / (F c0),
  // t_a = 1 - t+. From the sets' own concentration (M) and transference, not from the code's resolved parameters:
  const F = 96485.33212, Vm = 21.25e-30 * 6.02214076e23; // Li, m3/mol
  for (const [name, set] of Object.entries(ELECTROLYTES)) {
    const raw = set as unknown as { concentration: { value: number }; transference: { value: number } | number };
    const c0 = raw.concentration.value * 1e3, tp = typeof raw.transference === 'number' ? raw.transference : raw.transference.value;
    for (const T of [298.15, 313.15]) {
      const e = resolveElectrolyte(set, T);
      const v = anionDriftPerCurrent(e); // m/s per A/m2
      assert.ok(Math.abs(v / ((1 - tp) / (F * c0)) - 1) < 1e-12, `${name} at ${T} K: ${v} m/s per A/m2`);
      assert.ok(v <= 1 / (F * c0), `${name}: v_a above the neutrality bound`);
      const phi = frontSolidFraction(e, 21.25e-30);
      assert.ok(Math.abs(phi / ((Vm * c0) / (1 - tp)) - 1) < 1e-9 && phi >= Vm * c0, `${name}: phi ${phi}`);
    }
  }
  // LiPF6-EC-DMC by hand: 0.62 / (96485 C/mol x 1000 mol/m3) = 6.426e-9 m/s per A/m2, 0.06426 um/s per mA/cm2 (0.1386 until chazal4)
  const e = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
  assert.ok(Math.abs(anionDriftPerCurrent(e) * 1e7 - 0.06426) < 5e-5);
});

// branch migstudy: the liquid's potential on the field's grid (fields/liquid-potential.ts), the measurement tool
const lpBase = { kappa0_S_per_m: 1.19, tPlus: 0.38, kT_V: 0.025693 };
function lpField(n: number, nz: number, solid: (x: number, y: number, z: number) => boolean, plane_m: number): ConcentrationField {
  const code = new Uint8Array(n * n * nz);
  for (let z = 0; z < nz; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (solid(x, y, z)) code[x + n * y + n * n * z] = 1;
  return new ConcentrationField({ nx: n, ny: n, nz, a: 100e-9, b: 1, planeZ_m: plane_m, boundary: 'diffusion_layer', c0: 1000, D: 3.22e-10 }, code);
}

test('migstudy: parallel plates give a liquid potential uniform along the surface and linear in z (J z / kappa0), both boundary problems', () => {
  const f = lpField(6, 12, (_x, _y, z) => z === 0, 12 * 100e-9);
  const J = 500; // A/m2
  const fx = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'fixed' });
  const nxy = 36;
  for (let k = 1; k < 12; k++) {
    const expect = (J * (f.zc[k]! - 100e-9)) / 1.19; // the electrode at the host's face, z = a
    for (let j = 0; j < nxy; j++) assert.ok(Math.abs(fx.phi[k * nxy + j]! - expect) < 1e-6 * expect, `layer ${k}: ${fx.phi[k * nxy + j]} vs ${expect}`);
  }
  assert.equal(fx.surface.length, nxy);
  assert.ok(fx.spread_V < 1e-12, String(fx.spread_V));
  const w = new Float64Array(f.open.length);
  for (let j = 0; j < nxy; j++) w[nxy + j] = 1;
  for (const electrode of ['sink', 'tafel'] as const) {
    const s = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode, sink: w });
    assert.ok(s.spread_V < 1e-12 && s.moved < 1e-9, `${electrode}: ${s.spread_V} ${s.moved}`);
    // phi = 0 at the plane, falling towards the deposit by J (L - z) / kappa0
    const expect = -(J * (12 * 100e-9 - f.zc[1]!)) / 1.19;
    assert.ok(Math.abs(s.phi[nxy]! - expect) < 1e-6 * -expect, `${electrode}: ${s.phi[nxy]} vs ${expect}`);
  }
});

test('migstudy: a depleted 1D column against its hand solution phi(z) = -(J c0 / (kappa0 g) + (kT/e)(1 - 2 t+)) ln(c0 / c(z)), c linear in z', () => {
  const nz = 41, a = 100e-9, c0 = 1000, cs = 0.05 * c0, L = 40 * a, g = (c0 - cs) / L, J = 3000;
  const f = lpField(1, nz, (_x, _y, z) => z === 0, nz * a);
  for (let k = 1; k < nz; k++) f.N[k] = (cs + g * (f.zc[k]! - a)) * f.capacity(k);
  const w = new Float64Array(f.open.length); w[1] = 1;
  const s = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'sink', sink: w });
  const beta = 0.025693 * (1 - 2 * 0.38), K = (J * c0) / (1.19 * g) + beta;
  let worst = 0;
  for (let k = 1; k < nz; k++) {
    const exact = -K * Math.log(c0 / (cs + g * (f.zc[k]! - a)));
    worst = Math.max(worst, Math.abs(s.phi[k]! - exact) / Math.abs(exact));
  }
  assert.ok(worst < 0.01, `worst relative error ${worst}`);
  // the two terms are of one size here (K's parts 8.9 and 6.2 mV per e-fold): without the diffusion potential the bottom reads 40 % less
  const so = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'sink', sink: w, diffusionPotential: false });
  assert.ok(Math.abs(so.phi[1]! / s.phi[1]! - (K - beta) / K) < 0.01, `${so.phi[1]} ${s.phi[1]}`);
});

test('migstudy: a needle\'s tip gets the larger potential gradient (fixed deposit) and the higher liquid potential (the model\'s current)', () => {
  // 8 x 8 x 16 cells, host layer z = 0, a needle at (0, 0) up to z = 7
  const f = lpField(8, 16, (x, y, z) => z === 0 || (x === 0 && y === 0 && z <= 7), 16 * 100e-9);
  const J = 500, nxy = 64;
  const tip = 8 * nxy, valley = 4 + 8 * 4 + nxy; // the cell above the tip; a cell on the host far from the needle
  const fx = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'fixed' });
  const cur = (i: number) => fx.surfaceCurrent[fx.surface.indexOf(i)]!;
  // the half-cell next to the electrode: phi there is the gradient times a / 2
  assert.ok(fx.phi[tip]! > 2 * fx.phi[valley]!, `tip ${fx.phi[tip]} valley ${fx.phi[valley]}`);
  assert.ok(cur(tip) > 2 * cur(valley), `${cur(tip)} ${cur(valley)}`);
  const w = new Float64Array(f.open.length);
  for (const i of fx.surface) w[i] = 1;
  const s = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'sink', sink: w });
  assert.ok(s.phi[tip]! > s.phi[valley]! && s.spreadSites_V > 0, `${s.phi[tip]} ${s.phi[valley]}`);
  // with Tafel kinetics the tip takes more than its uniform share
  const t = liquidPotential(f, { ...lpBase, J_A_per_m2: J, electrode: 'tafel', sink: w });
  const share = (r: typeof t, i: number) => r.surfaceCurrent[r.surface.indexOf(i)]!;
  assert.ok(share(t, tip) > share(t, valley) && t.moved > 0, `${share(t, tip)} ${share(t, valley)}`);
});

test('migstudy: cell.migration: ohmic parses, off by default; refused with walkers, with the space-charge zone and in any other form, one-line errors', () => {
  assert.equal(parseRunInput(base()).transport!.migration, undefined);
  assert.equal(parseRunInput(base({ cell: { migration: 'off' } })).transport!.migration, undefined);
  assert.equal(parseRunInput(base({ cell: { migration: 'ohmic' } })).transport!.migration, 'ohmic');
  throwsInput(() => parseRunInput(base({ cell: { migration: 'on' } })), 'cell.migration', /off \(the default\) or ohmic/);
  throwsInput(() => parseRunInput(base({ cell: { transport: 'walkers', migration: 'ohmic' } })), 'cell.migration', /walkers/);
  throwsInput(() => parseRunInput(base({ cell: { space_charge: 'chazalviel', migration: 'ohmic' } })), 'cell.migration', /space_charge/);
});

test('cell.migration: ohmic acts only in galvanostatic plates: a plating Hold runs as with it off, and the input warnings say so, naming the step (review80)', async () => {
  const { runInputWarnings } = await import('../src/input/limits.js');
  const run = (migration: string, protocol: unknown[]) => parseRunInput(base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration }, protocol,
  }));
  const mig = (r: ReturnType<typeof run>) => runInputWarnings(r).filter((w) => w.includes('cell.migration'));
  // what the warning says: a plating hold with the option on is the run with it off, event for event
  const hold = ['Hold at -250 mV for 0.05 s'];
  const codes = (migration: string) => { const s = new Simulation(run(migration, hold)); s.runAll(); return { c: s.app.code.join(','), t: s.kmcTime }; };
  const on = codes('ohmic'), off = codes('off');
  assert.ok(on.c.split(',').filter((c) => c === '1').length > 0, 'the hold plated');
  assert.deepEqual(on, off);
  const w = mig(run('ohmic', hold));
  assert.equal(w.length, 1, w.join('\n'));
  assert.match(w[0]!, /^warning: cell\.migration: ohmic acts in no step of this run: protocol\[0\] "Hold at -250 mV for 0\.05 s" is a potentiostatic hold, .*galvanostatic plate/);
  // a hold beside a galvanostatic plate: named, the plate not; a cell-voltage hold too; stripping holds and strips are not plating
  const w2 = mig(run('ohmic', ['Plate at 10 mA/cm2 for 0.002 mAh/cm2', { repeat: 2, steps: ['Hold at cell voltage -100 mV for 1 ms', 'Hold at 50 mV for 1 ms'] }]));
  assert.equal(w2.length, 1, w2.join('\n'));
  assert.match(w2[0]!, /^warning: cell\.migration: ohmic does not act in protocol\[1\]\.steps\[0\] "Hold at cell voltage -100 mV for 1 ms" \(a potentiostatic hold/);
  assert.doesNotMatch(w2[0]!, /Plate at|Hold at 50 mV/);
  assert.deepEqual(mig(run('ohmic', ['Plate at 10 mA/cm2 for 0.002 mAh/cm2', 'Strip at 10 mA/cm2 until 1 V'])), []);
  assert.deepEqual(mig(run('off', hold)), []);
});

test('migstudy: with cell.migration: ohmic a plate scales each site by exp(-alpha f (phi_max - phi_s)) <= 1, salt exact; off, no factor at all', () => {
  const input = (migration: string) => base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration },
    // 0.03 mAh/cm2 (24 voxels) since branch restfield: with 0.01 (8 voxels) on and off gave the same lattice for seeds 1-3
    // once an update over a reduction's quantum (5.8 ms here) was sub-stepped (before it, seeds 1 and 3 differed)
    protocol: ['Plate at 800 mA/cm2 for 0.03 mAh/cm2', 'Rest for 1 ms'],
  });
  const on = new Simulation(parseRunInput(input('ohmic')));
  on.runAll();
  const tp = on.transport!;
  assert.ok(tp.migSolves > 0, 'the potential was solved');
  assert.ok(tp.migSpread_V > 1e-3, `the sites' potentials differ at 800 mA/cm2 on a rough deposit: ${tp.migSpread_V} V`);
  // the rest's scans set every factor back to 1 (no current)
  assert.ok(tp.mig!.every((m) => m === 1), 'factors 1 at rest');
  assert.ok(Math.abs(tp.balanceResidual()) < 1e-10 * tp.field.initial);
  const off = new Simulation(parseRunInput(input('off')));
  off.runAll();
  assert.equal(off.transport!.mig, null);
  assert.notEqual(off.app.code.join(','), on.app.code.join(','), 'the factor changes where the metal goes');
});

// mends100 (review79): a zone standing at the end read `transport.readings_at: end of run` with the surface at c0, and
// eta.csv's surface_concentration_M climbed from 0.05 back to c0 in the row after Sand's onset with nothing in the row
// to say why: a user plotting it read the salt recovered. Now readings_at names the zone and eta.csv's
// in_space_charge_zone (0/1, runs with cell.space_charge: chazalviel) says which rows were taken in it.
test('mends100: a standing space-charge zone is named by metrics.json readings_at, and eta.csv\'s in_space_charge_zone marks the rows taken in it (c0 there), 0 before the onset', () => {
  const out = mkdtempSync(join(tmpdir(), 'sacplate-tp-'));
  const { metrics } = simulate(base({
    lattice: { size: [4, 4, 10], voxel: '100 nm' }, seed: 1,
    cell: { diffusion_layer: '500 um', field_cell: '100 nm', space_charge: 'chazalviel' }, protocol: ['Plate at 1000 mA/cm2 for 1 s'],
  }), { outDir: out });
  const t = metrics.transport!, onset = t.space_charge!.onset_s!;
  assert.ok(t.space_charge!.zone_drop_mV !== null && onset > 0, 'a zone stands at the end');
  assert.equal(t.readings_at, 'space-charge zone');
  const [head, ...rows] = readFileSync(join(out, 'eta.csv'), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  assert.match(head!, /,surface_concentration_M,in_space_charge_zone,direction,charge_mAh_per_cm2$/);
  const at = (r: string, k: string) => r.split(',')[cols.indexOf(k)]!;
  let inZone = 0, before = 0, lowest = Infinity;
  for (const r of rows) {
    const flag = at(r, 'in_space_charge_zone'), time = Number(at(r, 'time_s')), cs = Number(at(r, 'surface_concentration_M'));
    assert.ok(flag === '0' || flag === '1', r);
    if (flag === '1') { inZone++; assert.ok(time >= onset - 1e-12 && cs === 1, `zone row at ${time} s (onset ${onset} s), c_s ${cs} M`); }
    else { before++; lowest = Math.min(lowest, cs); assert.ok(time <= onset + 1e-12 && cs <= 1, `row outside the zone at ${time} s (onset ${onset} s), c_s ${cs} M`); }
  }
  assert.ok(inZone >= 1 && before >= 2, `${before} rows before, ${inZone} in the zone`);
  assert.ok(lowest < 0.2, `the surface was depleted before the onset: ${lowest} M`);
  // without the zone option: no such column
  const off = mkdtempSync(join(tmpdir(), 'sacplate-tp-'));
  simulate(base({ lattice: { size: [4, 4, 10], voxel: '100 nm' }, cell: { diffusion_layer: '5 um' }, protocol: ['Plate at 10 mA/cm2 for 0.002 mAh/cm2'] }), { outDir: off });
  assert.match(readFileSync(join(off, 'eta.csv'), 'utf8').split('\n')[0]!, /,surface_concentration_M,direction,charge_mAh_per_cm2$/);
});

test('ohmic2: with cell.migration: ohmic metrics.json\'s transport block has the opt-in\'s readings (solves, spreads, the Newton step\'s last change), bounded at 0; off, none', async () => {
  const { runMetricBounds } = await import('../src/stats/interval.js');
  const input = (migration: string) => base({
    lattice: { size: [4, 4, 16], voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration },
    protocol: ['Plate at 800 mA/cm2 for 0.01 mAh/cm2', 'Rest for 1 ms'],
  });
  const on = new Simulation(parseRunInput(input('ohmic')));
  on.runAll();
  const tp = on.transport!, mg = computeMetrics(on).transport!.migration!;
  assert.ok(mg, 'a migration block with the opt-in');
  assert.equal(mg.solves, tp.migSolves);
  assert.ok(mg.solves > 0 && mg.cg_iterations >= mg.solves, `${mg.solves} solves, ${mg.cg_iterations} iterations`);
  // the last solve was in the plate (the rest has no current): its tip-to-valley spread, not 0 from the rest
  assert.ok(mg.spread_mV > 1, `spread ${mg.spread_mV} mV`);
  // an rms about a weighted mean is above 0 where the values differ and at most their range
  assert.ok(mg.current_weighted_spread_mV > 0 && mg.current_weighted_spread_mV <= mg.spread_mV, `weighted ${mg.current_weighted_spread_mV} of ${mg.spread_mV} mV`);
  assert.ok(Number.isFinite(mg.last_newton_change_mV) && mg.last_newton_change_mV >= 0, `Newton ${mg.last_newton_change_mV} mV`);
  for (const k of Object.keys(mg)) assert.equal(runMetricBounds(`transport.migration.${k}`)?.min, 0, k);
  const off = new Simulation(parseRunInput(input('off')));
  off.runAll();
  assert.equal(computeMetrics(off).transport!.migration, undefined);
});

// ohmic4/ohmic6 states: metal put into voxels `vs` of a built simulation, each closing field cell emptied of salt first (no
// salt spills: c stays c0 in the open cells), the app rebuilt with `top` its highest metal layer; and one field advance
// at a plate's current density J (A/m2): the galvanostat's quantum q / I sets the factor's current density.
function placeMetal(sim: Simulation, vs: number[], top: number): void {
  const f = sim.transport!.field;
  for (const v of vs) {
    sim.app.code[v] = METAL;
    const i = f.cellOfVoxel(v);
    f.N[i] = 0;
    f.setOpen(i, false);
  }
  sim.rebuild();
  sim.app.maxMetalZ = top;
}
function advanceAtCurrent(sim: Simulation, J: number, nxy: number, t = 1e-6): void {
  const tp = sim.transport!;
  tp.advance(t, sim.app, true, (tp.molPerVoxel * 96485.33212) / (J * nxy * 1e-14), true);
}

// ohmic4 (review81): no test failed for a wrong sign of the acceptance factor (exp(-aF (phi_s - phi_min)), valleys
// favoured, passed all seven migration tests). A needle on the host, the field at c0 (no diffusion potential): the
// tip's cell lies nearest the plane, so the ohmic drop to it is the smallest and phi there the highest; its factor is 1
// and the valley's, far from the needle on the host, smaller.
test('ohmic4: with cell.migration: ohmic the cell above a needle\'s tip gets the largest factor (1) and a valley on the host a smaller one (the sign of exp(-alpha f (phi_max - phi_s)))', () => {
  const n = 8, nxy = n * n;
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [n, n, 16], voxel: '100 nm' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' },
  })));
  const tp = sim.transport!, f = tp.field;
  // a needle at (0, 0) from z = 1 to 7; each closing cell emptied first, so no salt spills and c = c0 everywhere
  placeMetal(sim, [1, 2, 3, 4, 5, 6, 7].map((z) => z * nxy), 7);
  // a plate at 800 mA/cm2: the galvanostat's quantum q / I sets the factor's current density
  const J = 8000;
  advanceAtCurrent(sim, J, nxy);
  assert.ok(Math.abs(tp.migJ / J - 1) < 1e-6 && tp.migSolves === 1, `J ${tp.migJ} A/m2, ${tp.migSolves} solves`);
  const mig = tp.mig!, w = tp.reductionWeights(sim.app);
  const tip = f.cellOfVoxel(8 * nxy), valley = f.cellOfVoxel(4 + n * 4 + nxy);
  assert.ok(w[tip]! > 0 && w[valley]! > 0, 'both cells hold reduction sites');
  let lowest = 1;
  for (let i = 0; i < mig.length; i++) if (w[i]! > 0) { assert.ok(mig[i]! <= mig[tip]!, `cell ${i}: ${mig[i]} above the tip's ${mig[tip]}`); lowest = Math.min(lowest, mig[i]!); }
  assert.equal(mig[tip], 1);
  assert.ok(mig[valley]! < 0.99 && mig[valley]! < mig[tip]!, `valley ${mig[valley]}, tip ${mig[tip]}`);
  assert.ok(lowest < 0.99, `the smallest factor ${lowest}`);
});

// ohmic4 (review81): the 1D closed form above derives from the code's own equation. Here the answer comes from
// Nernst-Planck's two fluxes written separately (dilute theory, 1:1 salt, electroneutral): N+ = -D+ (c' + c (e/kT) phi'),
// N- = -D- (c' - c (e/kT) phi'). Steady plating on a column: the anions are blocked at the electrode, so N- = 0 everywhere:
// phi = (kT/e) ln(c / c0) (phi = 0 at the plane, where c = c0); then N+ = -2 D+ c' = -J / F, so c rises linearly away
// from the electrode, c(z) = c0 - J (L - z) / (2 F D+). The code takes kappa0 and t+ as inputs; with Nernst-Einstein's
// kappa0 = F^2 c0 (D+ + D-) / (RT) and t+ = D+ / (D+ + D-) its phi must be that closed form.
test('ohmic4: a 1D column from Nernst-Planck\'s own fluxes (anions blocked, cations carrying J): phi = (kT/e) ln(c / c0), c linear with slope J / (2 F D+), within 1 %', () => {
  const F = 96485.33212, R = 8.314462618, T = 298.15, kT = (R * T) / F;
  const Dp = 1.25e-10, Dm = 2.0e-10, c0 = 1000, nz = 41, a = 100e-9, L = nz * a;
  const cs = 0.05 * c0, J = ((c0 - cs) * 2 * F * Dp) / (L - a); // the electrode's face at z = a reaches 0.05 c0
  const cOf = (z: number) => c0 - (J * (L - z)) / (2 * F * Dp);
  const f = lpField(1, nz, (_x, _y, z) => z === 0, L);
  for (let k = 1; k < nz; k++) f.N[k] = cOf(f.zc[k]!) * f.capacity(k);
  const w = new Float64Array(f.open.length); w[1] = 1;
  const kappa0 = (F * F * c0 * (Dp + Dm)) / (R * T), tPlus = Dp / (Dp + Dm);
  const s = liquidPotential(f, { kappa0_S_per_m: kappa0, tPlus, kT_V: kT, J_A_per_m2: J, electrode: 'sink', sink: w });
  let worst = 0;
  for (let k = 1; k < nz; k++) {
    const exact = kT * Math.log(cOf(f.zc[k]!) / c0);
    worst = Math.max(worst, Math.abs(s.phi[k]! - exact) / Math.abs(exact));
  }
  assert.ok(worst < 0.01, `worst relative error ${worst}`);
  // 25.7 mV per e-fold: at the bottom cell phi is about -(kT/e) ln(c0 / c), 70 mV here, not the 48 mV per e-fold of kappa0 from a measured set
  assert.ok(Math.abs(s.phi[1]! / (kT * Math.log(cOf(f.zc[1]!) / c0)) - 1) < 0.01, String(s.phi[1]));
});

test('ohmic3: with cell.migration: ohmic every solve of the liquid\'s potential converges (Newton to 0.1 mV): the factors are a fresh, fully converged solve\'s on the same state within 0.5 %', async () => {
  // until branch ohmic3 each solve took one Newton step from the last solve's potential: the last change read 51-84 mV
  // (51.385 mV = the step's cap 2 kT/e) and the factors differed from a converged solve's by up to 0.7
  const { Transport } = await import('../src/fields/transport.js');
  const proto = Transport.prototype as unknown as { solveMigration: (app: unknown) => void };
  const orig = proto.solveMigration;
  let checked = 0, worst = 0, worstStep = 0;
  proto.solveMigration = function (this: InstanceType<typeof Transport>, app: unknown): void {
    const solves = this.migSolves;
    orig.call(this, app);
    if (this.migSolves === solves) return; // no solve this scan (factors standing, or no current)
    worstStep = Math.max(worstStep, this.migLastStep_V);
    const e = this.spec.electrolyte, w = this.reductionWeights(app as Parameters<typeof this.reductionWeights>[0]);
    const { kTe, alpha } = this as unknown as { kTe: number; alpha: number };
    // a fresh solve (no start) to 1e-4 mV
    const r = liquidPotential(this.field, {
      kappa0_S_per_m: e.kappa_S_per_m!, kappaOf: this.kappaOf, tPlus: e.tPlus, kT_V: kTe, J_A_per_m2: this.migJ, electrode: 'tafel', sink: w, alpha,
      maxNewton: 400, newtonTol: 1e-7, tol: 1e-11,
    });
    const aF = alpha / kTe;
    let hi = -Infinity;
    for (let i = 0; i < w.length; i++) if (w[i]! > 0 && r.phi[i]! === r.phi[i]! && r.phi[i]! > hi) hi = r.phi[i]!;
    for (let i = 0; i < w.length; i++) {
      const ph = r.phi[i]!;
      const want = w[i]! > 0 ? (ph === ph ? Math.exp(-aF * (hi - ph)) : 0) : 1; // a sealed pore's sites 0 (branch ohmic6)
      worst = Math.max(worst, Math.abs(this.mig![i]! - want));
    }
    checked++;
  };
  try {
    const sim = new Simulation(parseRunInput(base({
      lattice: { size: [4, 4, 16], voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
      cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' }, protocol: ['Plate at 800 mA/cm2 for 0.01 mAh/cm2'],
    })));
    sim.runAll();
    assert.ok(checked >= 2, `${checked} solves checked`);
    // 0.1 mV in phi_s and in phi_max moves a factor by at most alpha f 0.2 mV = 0.4 %
    assert.ok(worst < 5e-3, `factors off a converged solve's by up to ${worst}`);
    assert.ok(worstStep < 1e-4, `the largest last Newton change of a solve ${worstStep * 1e3} mV (tolerance 0.1 mV)`);
    assert.ok(computeMetrics(sim).transport!.migration!.last_newton_change_mV < 0.1);
  } finally {
    proto.solveMigration = orig;
  }
});

// ohmic6 (review81): with cell.migration: ohmic, a site in liquid the deposit had sealed off from the plane (no solved
// potential there, phi NaN) got factor 1, the largest, though a closed pore carries no net ionic current. A full metal
// layer at z = 3 on the host seals the liquid of layers 1-2 (sites on the host and under the layer); the sites above
// the layer are the open surface.
test('ohmic6: with cell.migration: ohmic a sealed pore\'s sites get factor 0 while a plate\'s current flows (they got 1), the open surface\'s > 0; 1 with no current', () => {
  const n = 4, nxy = n * n;
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [n, n, 16], voxel: '100 nm' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' },
  })));
  const tp = sim.transport!, f = tp.field;
  placeMetal(sim, Array.from({ length: nxy }, (_, k) => 3 * nxy + k), 3);
  advanceAtCurrent(sim, 8000, nxy);
  assert.ok(tp.migSolves === 1 && tp.migJ > 0, `${tp.migSolves} solves at ${tp.migJ} A/m2`);
  const mig = tp.mig!, w = tp.reductionWeights(sim.app);
  let sealed = 0, open = 0;
  for (let k = 0; k < nxy; k++) {
    for (const z of [1, 2]) {
      const i = f.cellOfVoxel(z * nxy + k);
      if (w[i]! > 0) { sealed++; assert.equal(mig[i], 0, `sealed cell at (${k}, z ${z}): factor ${mig[i]}`); }
    }
    const i = f.cellOfVoxel(4 * nxy + k);
    if (w[i]! > 0) { open++; assert.ok(mig[i]! > 0, `open cell at (${k}, z 4): factor ${mig[i]}`); }
  }
  assert.ok(sealed >= nxy && open === nxy, `${sealed} sealed and ${open} open cells with sites`);
  // no current (a step's first scan, a rest): every factor 1, the sealed pore's too
  tp.advance(2e-6, sim.app, true, 0, true);
  assert.ok(mig.every((m) => m === 1), 'factors 1 with no current');
});

// ohmic6 (review81): Sand's onset (rho <= sand_fraction) read rho with the opt-in's factor in it (2.68 s with the opt-in
// against 2.58 s without in review81's run), so the factor, which moves current between sites, moved the onset. Now the
// onset reads the concentration's own rate-weighted c/c0 (sandRho) and the galvanostat the factor's rho. The needle's
// state of the ohmic4 test at 4 A/cm2, every open cell at 0.6 c0, sand_fraction 0.5: the factor's rho falls below 0.5,
// c/c0 does not (no onset); then at 0.45 c0 (onset).
test('ohmic6: with cell.migration: ohmic Sand\'s onset follows the factor-free rho (c/c0 at the sites), not the galvanostat\'s rho with the factor', () => {
  const n = 8, nxy = n * n;
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [n, n, 16], voxel: '100 nm' },
    cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic', sand_fraction: 0.5 },
  })));
  const tp = sim.transport!, f = tp.field;
  placeMetal(sim, [1, 2, 3, 4, 5, 6, 7].map((z) => z * nxy), 7);
  const full = Array.from(f.N);
  const fill = (frac: number) => { for (let i = 0; i < f.open.length; i++) if (f.open[i]) f.N[i] = frac * full[i]!; };
  const J = 40000;
  fill(0.6);
  advanceAtCurrent(sim, J, nxy);
  assert.ok(tp.migSolves === 1, `${tp.migSolves} solves`);
  assert.ok(tp.rho < 0.45, `the galvanostat's rho, with the factor: ${tp.rho}`);
  assert.ok(Math.abs(tp.sandRho - 0.6) < 0.02, `the factor-free rho: ${tp.sandRho}`);
  assert.equal(tp.sandTime_s, null, 'no onset while c/c0 at the sites stands above sand_fraction');
  fill(0.45);
  advanceAtCurrent(sim, J, nxy, 2e-6);
  assert.ok(Math.abs(tp.sandRho - 0.45) < 0.02, `the factor-free rho: ${tp.sandRho}`);
  assert.equal(tp.sandTime_s, tp.time, 'the onset at the scan that found c/c0 at or below sand_fraction');
});

// ohmic7 (review81): the liquid's potential (cell.migration: ohmic) and the electrolyte's resistance took kappa = kappa0 c / c0
// for every set, about half Valoen-Reimers' measured kappa(c) below 0.2 M (2.32 times low at 0.05 M), so the ohmic
// part near Sand's time read about 2x high. A flat deposit (the Cu host), the whole liquid at 0.05 M (c0 1 M): the
// current runs straight down, so between two liquid cells of the column the potential falls by J dz / kappa(0.05 M)
// (no diffusion potential: c uniform), and the resistance over the field is L / kappa(0.05 M), with Valoen-Reimers'
// published fit (valoenReimers) scaled to the set's kappa0 (their 11.94 mS/cm at 1 M, printed 11.9).
test('ohmic7: with LiPF6-EC-DMC the liquid\'s potential and the electrolyte\'s resistance take Valoen-Reimers\' kappa(c): a layer at 0.05 M against the hand integral (kappa0 c / c0 read 2.32 times the drop)', () => {
  const n = 4, nxy = n * n;
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [n, n, 16], voxel: '100 nm' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' },
  })));
  const tp = sim.transport!, f = tp.field, e = sim.run.transport!.electrolyte, c0 = e.c0_mol_per_m3, c = 0.05 * c0;
  for (let i = 0; i < f.nCells; i++) if (f.capacity(i) > 0) f.N[i] = c * f.capacity(i);
  const J = 8000;
  advanceAtCurrent(sim, J, nxy, 1e-12); // a field update of 1e-12 s: the liquid stays at 0.05 M
  assert.ok(tp.migSolves === 1 && Math.abs(tp.migJ / J - 1) < 1e-6, `${tp.migSolves} solves at ${tp.migJ} A/m2`);
  const kappaVR = (e.kappa_S_per_m * valoenReimers(c / 1000, 298.15).kappa_mS_per_cm) / valoenReimers(c0 / 1000, 298.15).kappa_mS_per_cm;
  const top = f.ncz - 1, lo = f.cellOfVoxel(nxy); // the column's top cell and the cell on the host
  for (const i of [lo, top * nxy]) assert.ok(Math.abs(f.conc(i) / c - 1) < 1e-6, `cell ${i} at ${f.conc(i)} mol/m3`);
  const drop = tp.migPhi![top * nxy]! - tp.migPhi![lo]!;
  const hand = (J * (f.zc[top]! - f.zc[1]!)) / kappaVR;
  // 0.5 %: the solve stops when Newton's last change is below 0.1 mV, which leaves the current the liquid carries off J by
  // up to alpha f 0.1 mV = 0.19 % (read 274.69 against 275.16 mV, the last change 0.088 mV)
  assert.ok(Math.abs(drop / hand - 1) < 5e-3, `the solved drop ${drop * 1e3} mV against the hand integral ${hand * 1e3} mV (kappa0 c / c0: ${hand * kappaVR / (e.kappa_S_per_m * c / c0) * 1e3} mV)`);
  assert.ok(tp.migLastStep_V < 1e-4, `Newton's last change ${tp.migLastStep_V * 1e3} mV`);
  let L = 0;
  for (let k = 1; k < f.ncz; k++) L += f.hz[k]!;
  const R = tp.electrolyteResistance();
  assert.ok(Math.abs(R / (L / kappaVR) - 1) < 1e-3, `R_el ${R * 1e4} Ohm cm2 against ${(L / kappaVR) * 1e4} (kappa0 c / c0: ${(L / (e.kappa_S_per_m * c / c0)) * 1e4})`);
});

test('ohmic7: each set says how its kappa follows c; kappa(c0) is the set\'s kappa0, LiPF6-EC-DMC\'s is Valoen-Reimers\' fit at the run\'s temperature, a set without a sourced kappa(c) and an inline electrolyte keep kappa0 c / c0', () => {
  for (const set of Object.values(ELECTROLYTES)) {
    assert.ok(['valoen-reimers', 'nyman', 'proportional'].includes(set.conductivityVsConcentration), set.name);
    const e = resolveElectrolyte(set), k = conductivityOf(e);
    assert.ok(Math.abs(k(e.c0_mol_per_m3) / e.kappa_S_per_m - 1) < 1e-12, `${set.name}: kappa(c0) ${k(e.c0_mol_per_m3)}`);
    const c = 0.05 * e.c0_mol_per_m3;
    if (set.conductivityVsConcentration === 'proportional') assert.equal(k(c), (e.kappa_S_per_m * c) / e.c0_mol_per_m3);
  }
  assert.equal(ELECTROLYTES['LiPF6-EC-DMC']!.conductivityVsConcentration, 'valoen-reimers');
  // at 0 degC the set's kappa0 is the fit's own at 1 M, so kappa(c) is the fit's, S/m
  const cold = conductivityOf(resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!, 273.15));
  for (const cM of [0.01, 0.05, 0.2, 1.5]) assert.ok(Math.abs(cold(cM * 1000) / (valoenReimers(cM, 273.15).kappa_mS_per_cm * 0.1) - 1) < 1e-12, `${cM} M: ${cold(cM * 1000)}`);
  const inline = parseRunInput(base({ electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm' } })).transport!.electrolyte;
  assert.equal(inline.kappaLaw, undefined);
  assert.equal(conductivityOf(inline)(50), (1 * 50) / 1000);
});

// ohmic7 (review81): with cell.migration: ohmic the factor exp(-alpha f (phi_max - phi_s)) is 1 at the site of phi_max,
// so the galvanostat reports that site's overpotential; the cell voltage's liquid share must then run from the plane to
// that site, -phi_max. It added j R_el (every column to its deposit) and the diffusion potential at the rate-weighted c_s,
// the typical site: the tip-to-typical part of the drop counted twice, once in eta through the factor. The needle of the
// ohmic4 test at 800 mA/cm2, c0 everywhere (no diffusion potential): the liquid share against a fresh converged solve's
// phi_max over the cells with sites.
test('ohmic7: with cell.migration: ohmic the cell voltage\'s liquid share is the solve\'s drop to the site of phi_max, where the overpotential is referenced (it added j R_el to every column\'s deposit: the tip-to-valley part twice)', async () => {
  const { cellVoltageParts } = await import('../src/electrochem/cell.js');
  const n = 8, nxy = n * n;
  const sim = new Simulation(parseRunInput(base({
    lattice: { size: [n, n, 16], voxel: '100 nm' }, cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' },
  })));
  const tp = sim.transport!, f = tp.field, e = sim.run.transport!.electrolyte;
  placeMetal(sim, [1, 2, 3, 4, 5, 6, 7].map((z) => z * nxy), 7);
  advanceAtCurrent(sim, 8000, nxy);
  assert.ok(tp.migSolves === 1, `${tp.migSolves} solves`);
  const j = -tp.migJ, R = sim.run.electrochem.ohmic_Ohm_m2;
  const p = cellVoltageParts(j, sim.cellContext());
  const liquid = p.ohmic_V - j * R + p.concentration_V; // a diffusion layer: no counter part; c0 everywhere: no diffusion potential
  const { kTe, alpha } = tp as unknown as { kTe: number; alpha: number };
  const w = tp.reductionWeights(sim.app);
  const r = liquidPotential(f, {
    kappa0_S_per_m: e.kappa_S_per_m, tPlus: e.tPlus, kT_V: kTe, J_A_per_m2: tp.migJ, electrode: 'tafel', sink: w, alpha, maxNewton: 400, newtonTol: 1e-7, tol: 1e-11,
  });
  let phiMax = -Infinity;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0 && r.phi[i]! === r.phi[i]! && r.phi[i]! > phiMax) phiMax = r.phi[i]!;
  const jRel = j * tp.electrolyteResistance();
  // 0.5 mV: the run's solve stops at a Newton change below 0.1 mV
  assert.ok(Math.abs(liquid - phiMax) < 5e-4, `the liquid share ${liquid * 1e3} mV against the solve's phi_max ${phiMax * 1e3} mV (j R_el ${jRel * 1e3} mV)`);
  // the overpotential is the tip's: the valley's factor < 1, so j R_el (to the host's valleys) runs below phi_max
  assert.ok(jRel < phiMax - 1e-3, `j R_el ${jRel * 1e3} mV, phi_max ${phiMax * 1e3} mV`);
  // off: j R_el as before (and with no current every factor 1, no solve standing: j R_el)
  tp.advance(2e-6, sim.app, true, 0, true);
  assert.ok(Number.isNaN(tp.migPhiMax_V));
  const p0 = cellVoltageParts(j, sim.cellContext());
  assert.equal(p0.ohmic_V, j * (R + tp.electrolyteResistance()));
});

// fieldcost (review85 F10): a reduction drawn at an SEI voxel (plating under the film, apps/plating.ts plateUnderSei) was
// accepted whatever the salt (TransportThinning passed every site not EMPTY), and the field took its salt from the SEI
// voxel's own cell and closed an open voxel there, while the voxel the lifted film took stayed liquid in the field. Past
// Sand's time the plate went on through the film: li-transport with an SEI passed the example's transport-limited end
// (0.135 mAh/cm2) and the field's deficits grew until one update took seconds. li-transport's plate (150 mA/cm2, 50 um
// layer) in 6 x 6 x 24 voxels with the carbonate SEI: it ends transport_limited, and every box cell's open count is the
// lattice's EMPTY voxels in it.
test('fieldcost: plating under the SEI takes its ion from the liquid beside it: li-transport\'s plate with sei: carbonate ends transport_limited and the field\'s open voxels are the lattice\'s', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [6, 6, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate',
    cell: { diffusion_layer: '50 um', field_cell: '100 nm' }, protocol: ['Plate 0.2 mAh/cm2 at 150 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  sim.runAll({});
  const f = sim.transport!.field, code = sim.app.code, nBox = f.open.length;
  const empty = new Int32Array(nBox);
  for (let v = 0; v < code.length; v++) { const c = f.cellOfVoxel(v); if (c >= 0 && code[v] === 0) empty[c]!++; }
  const wrong: string[] = [];
  for (let i = 0; i < nBox; i++) if (empty[i] !== f.open[i]) wrong.push(`cell ${i}: field ${f.open[i]}, lattice ${empty[i]}`);
  assert.deepEqual(wrong, [], `${wrong.length} cells whose open count is not the lattice's`);
  let sei = 0;
  for (const c of code) if (sim.app.isSeiCode(c)) sei++;
  assert.ok(sei > 0, 'the run made SEI voxels');
  // fieldcost2: with the certain rejections left out of the draws (the same process, other random numbers) either end
  // can come first (one form of that change ended seed 1 box_full at 0.1367 mAh/cm2, a tip at the box's top, where the
  // draws made one by one end it transport_limited at 0.1379); either is the plate stopping where the salt runs out
  // (before fieldcost: box_full at 0.1815, plating on under the film)
  const r0 = sim.stepResults[0]!, mAh = TO.mAh_per_cm2(r0.charge_C_per_cm2 * 1e4);
  assert.ok((r0.ended === 'transport_limited' || r0.ended === 'box_full') && mAh < 0.15, `ended ${r0.ended} at ${mAh.toFixed(4)} mAh/cm2`);
  assert.ok(Math.abs(sim.transport!.balanceResidual()) < 1e-3 * sim.transport!.sinkPerVoxel);
});

// fieldcost: the same bookkeeping at a separator through a plate and a strip (stripping under the film opens the voxel
// the film leaves, not the metal's): at each step's end every box cell's open count is the lattice's EMPTY voxels in it.
// On main: `plate: 6 cells whose open count is not the lattice's`, `strip: 6 ...`.
test('fieldcost: a plate and a strip with an SEI behind a separator: at each step\'s end the field\'s open voxels are the lattice\'s, salt exact', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 16], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.35 eV' }, sei: 'carbonate',
    electrolyte: 'LiPF6-EC-DMC', cell: { separator_distance: '5 um', field_cell: '100 nm' },
    protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'], seed: 1, output: { snapshots: false },
  }));
  const seen: string[] = [];
  sim.runAll({
    onStepEnd: (s, r) => {
      const f = s.transport!.field, code = s.app.code, nBox = f.open.length, empty = new Int32Array(nBox);
      for (let v = 0; v < code.length; v++) { const c = f.cellOfVoxel(v); if (c >= 0 && code[v] === 0) empty[c]!++; }
      let off = 0;
      for (let i = 0; i < nBox; i++) if (empty[i] !== f.open[i]) off++;
      seen.push(`${r.kind}: ${off} cells whose open count is not the lattice's`);
      assert.ok(Math.abs(s.transport!.balanceResidual()) < 1e-3 * s.transport!.sinkPerVoxel, `${r.kind}: salt residual ${s.transport!.balanceResidual()}`);
    },
  });
  assert.deepEqual(seen, ['plate: 0 cells whose open count is not the lattice\'s', 'strip: 0 cells whose open count is not the lattice\'s']);
  assert.ok(sim.sei!.counters.bound > 0, 'the run made SEI');
});

// mends118 (fieldcost's leftover): with `cell.migration: ohmic` the liquid's potential is solved for the model's current
// distribution, Transport.reductionWeights (per cell, sum k(s) p(s) over the reduction sites). It counted the EMPTY
// sites only, while a reduction drawn at an SEI voxel (plating under the film) happens with the mean p of the liquid
// beside it (pThroughSei) and the galvanostat's A holds its rate: the current those reductions take was left out of the
// solve. Over the liquid joined to the boundary plane the weights' sum must be the factor-free rate the scan counts over
// every site the galvanostat holds: sandRho (sum k p over EMPTY and SEI sites, p without the factor) times their summed
// rate k. weights59 (session 59): the claim was over every cell, and failed at 9 of seeds 1-30 (by 0.05-2.3 %; seed 30:
// 1.96e-2) because a pore the deposit sealed keeps its sites' k min(c/c0, 1) in the weights (the solve leaves that
// liquid out, phi NaN, and solveMigration gives its sites factor 0: ohmic6), while the scan, like the thinning, counts
// them at p = 0 (fieldce2). Over the joined cells the two agree at all 30 seeds (|sum / want - 1| <= 4.4e-16). Seed 30
// (2 sites under the film, one beside sealed liquid, 2 sealed cells with weight) until D3's amended fix (session 59),
// after which no seed of 1-80 has both: seed 9 (3 sites under the film, 2 sealed cells with weight) and seed 37 (3 sites,
// one beside sealed liquid) together; after seibare (session 60: a hop moves only the film that exists) seed 9 had
// neither and seed 37 no site beside sealed liquid: seed 4 (3 sites under the film, one beside sealed liquid, 2 sealed
// cells with weight, the first of seeds 1-8 with both) and seed 37 (2 sites, 3 sealed cells with weight).
test('mends118: with cell.migration: ohmic and an SEI, the liquid potential\'s weights count the reductions under the film: over the liquid joined to the plane their sum is the scan\'s factor-free rate over every reduction site the galvanostat holds; a sealed pore keeps its sites\' c/c0, which the solve leaves out', () => {
  let besideAll = 0, sealedAll = 0;
  for (const seed of [4, 37]) {
    const sim = new Simulation(parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: [6, 6, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate',
      cell: { diffusion_layer: '50 um', field_cell: '100 nm', migration: 'ohmic' }, protocol: ['Plate 0.05 mAh/cm2 at 150 mA/cm2'], seed, output: { snapshots: false },
    }));
    sim.runAll({});
    const tp = sim.transport!, f = tp.field, app = sim.app, solver = app.solver, keys = app.slots.slotKey, code = app.code;
    tp.scanRho(app);
    const w = tp.reductionWeights(app);
    const nb = new Int32Array(6);
    let a0 = 0, seiRate = 0, seiSites = 0, seiBesideSealed = 0, joined = 0, sealed = 0;
    for (let s = 0; s < app.slots.slotCount; s++) {
      const v = keys[s]!;
      if (v < 0) continue;
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      const cv = code[v]!;
      if (cv !== 0 && !app.isSeiCode(cv)) continue;
      a0 += solver.rate[cls]!;
      if (cv === 0) continue;
      seiSites++; seiRate += solver.rate[cls]! * tp.pThroughSei(v, app, false);
      app.lat.neighbors(v, nb);
      if ([...nb].some((t) => t >= 0 && code[t] === 0 && !f.joinedToTop(f.cellOfVoxel(t)))) seiBesideSealed++;
    }
    const sealedCells: number[] = [];
    for (let i = 0; i < w.length; i++) {
      if (f.joinedToTop(i)) joined += w[i]!;
      else if (w[i]! > 0) { sealed += w[i]!; sealedCells.push(i); }
    }
    assert.ok(seiSites > 0 && seiRate > 0, `seed ${seed}: reduction sites under the film: ${seiSites} (${seiBesideSealed} beside sealed liquid), their rate ${seiRate}`);
    besideAll += seiBesideSealed; sealedAll += sealedCells.length;
    const want = tp.sandRho * a0;
    assert.ok(Math.abs(joined - want) <= 1e-9 * want, `seed ${seed}: weights' sum over the joined liquid ${joined} against ${want} (sealed cells' ${sealed}; the ${seiSites} sites under the film: ${seiRate}, ${(100 * seiRate / want).toFixed(1)} %)`);
    // the solve's liquid is the joined liquid: its potential is NaN (its sink dropped) exactly on the sealed cells
    const e = tp.spec.electrolyte, { kTe, alpha } = tp as unknown as { kTe: number; alpha: number };
    const r = liquidPotential(f, { kappa0_S_per_m: e.kappa_S_per_m!, kappaOf: tp.kappaOf, tPlus: e.tPlus, kT_V: kTe, J_A_per_m2: 1500, electrode: 'tafel', sink: w, alpha });
    const off: string[] = [];
    for (let i = 0; i < w.length; i++) if (w[i]! > 0 && (r.phi[i]! === r.phi[i]!) !== f.joinedToTop(i)) off.push(`cell ${i}: phi ${r.phi[i]}, joined ${f.joinedToTop(i)}`);
    assert.deepEqual(off, [], `seed ${seed}: cells with a weight whose solved potential and joined state disagree`);
  }
  assert.ok(besideAll > 0 && sealedAll > 0, `over the two runs: sites under the film beside sealed liquid ${besideAll}, sealed cells with a weight ${sealedAll}`);
});

// fieldcost2 (fieldcost's leftover): a reduction into the last liquid voxel of a cell none of whose face neighbours holds
// liquid (a one-voxel pore the deposit had sealed, accepted with its c/c0) left its deficit in the cell it closed: spill
// found no open neighbour and kept it, and settle walks open cells only, so the closed cell held about one reduction's
// salt below zero for good and the liquid one reduction's salt more than the events took (li-transport's end, with or
// without an SEI: cell 2059 at -0.9996 sinks). Now that deficit is taken from the liquid as settle takes what a sealed
// pore cannot give (in proportion to each cell's salt, counted in `unsupplied`).
test('fieldcost2: a reduction that closes a sealed one-voxel pore takes its salt from the liquid, not from a closed cell', () => {
  const nx = 3, ny = 3, nz = 4, a = 1e-7;
  const code = new Uint8Array(nx * ny * nz).fill(1);
  const at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) code[at(x, y, 3)] = 0;
  code[at(1, 1, 1)] = 0; // the pore: metal on every face
  const f = new ConcentrationField({ nx, ny, nz, a, b: 1, planeZ_m: 1e-6, boundary: 'separator', c0: 1000, D: 3e-10 }, code);
  const unit = f.spec.c0 * a ** 3, P = f.cellOfVoxel(at(1, 1, 1));
  const sink = 0.62 * 76.6 * unit; // Li: (1 - t+) n_v
  f.consume(P, sink);
  f.setOpen(P, false);
  let liquid = 0;
  for (let i = 0; i < f.nCells; i++) if (f.capacity(i) > 0) liquid += f.N[i]!;
  assert.equal(f.N[P], 0, `the closed pore holds ${f.N[P]! / unit} c0 a^3`);
  assert.ok(Math.abs(liquid - (f.initial - sink)) < 1e-12 * f.initial, `the liquid holds ${(liquid - (f.initial - sink)) / sink} sinks more than the events left it`);
  assert.ok(Math.abs(f.unsupplied - (sink - unit)) < 1e-9 * sink, `unsupplied ${f.unsupplied / sink} sinks`);
  assert.ok(Math.abs(f.total() - (f.initial - sink)) < 1e-12 * f.initial, 'salt balance');
});

// fieldcost2 (fieldcost's leftover: the space-charge path with an SEI, not checked after fieldcost). li-transport's plate
// with `cell.space_charge: chazalviel` and an SEI keeps the salt exact and the field's open voxels the lattice's (8 x 8 x
// 64, seed 1: box_full at 0.140 mAh/cm2 with ether, 0.142 with carbonate, residual 2e-10 of a reduction's salt, no cell
// off the lattice, none closed with salt), but its scan (scanRhoSpaceCharge) counted the EMPTY reduction sites only: the
// sites under the film, whose rates the galvanostat's A holds and which the thinning takes with pThroughSei before the
// zone and at the edge while it stands, were left out of rho (up to 0.16 % of the reduction rate in those runs). Now rho
// is the accepted share of the whole reduction rate, as scanRho's: checked at every report of a 6 x 6 x 24 run.
test('fieldcost2: with cell.space_charge and an SEI, rho counts the reductions under the film, before the zone and at its edge', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [6, 6, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate',
    cell: { diffusion_layer: '50 um', field_cell: '100 nm', space_charge: 'chazalviel' }, protocol: ['Plate 0.2 mAh/cm2 at 150 mA/cm2'], seed: 1,
    output: { snapshots: false },
  }));
  const tp = sim.transport!, f = tp.field, c0 = tp.c0, nb = new Int32Array(6);
  // liquid the deposit sealed off from the plane gives 0, as the scan and the thinning take it since fieldce2
  // (Transport.pThroughSei, scanRho; weights59): D3's amended fix's trajectory (session 59) has, at looks 7-11, a site
  // under the film beside sealed liquid, which this recomputation counted at that liquid's c/c0 until then
  const pOf = (v: number) => { const i = f.cellOfVoxel(v); return i < 0 || !f.joinedToTop(i) ? 0 : Math.min(1, Math.max(0, f.conc(i) / c0)); };
  let looks = 0, withSei = 0, zone = 0;
  const bad: string[] = [];
  sim.runAll({
    chunk: 250,
    onProgress: () => {
      const app = sim.app, slots = app.slots, solver = app.solver, rate = solver.rate, nxy = 36;
      tp.scanRho(app);
      const sc = tp.sc!;
      let a0 = 0, a1 = 0, sei = 0;
      for (let s = 0; s < slots.slotCount; s++) {
        const v = slots.slotKey[s]!;
        if (v < 0) continue;
        const cv = app.code[v]!;
        if (cv !== 0 && !app.isSeiCode(cv)) continue;
        const cls = solver.classOf(2 * s);
        if (cls < 0) continue;
        const k = rate[cls]!;
        let p: number;
        if (sc.active) p = ((v / nxy) | 0) === sc.edge ? 1 : 0;
        else if (cv === 0) p = pOf(v);
        else {
          app.lat.neighbors(v, nb);
          let sum = 0, n = 0;
          for (const t of nb) if (t >= 0 && app.code[t] === 0) { sum += pOf(t); n++; }
          p = n > 0 ? sum / n : 0;
        }
        if (cv !== 0) sei++;
        a0 += k; a1 += k * p;
      }
      looks++; if (sei > 0) withSei++; if (sc.active) zone++;
      const want = a0 > 0 ? a1 / a0 : 1;
      if (!(Math.abs(tp.rho - want) <= 1e-12 * Math.max(want, 1e-300))) bad.push(`look ${looks} (${sc.active ? 'zone' : 'before the zone'}, ${sei} sites under the film): rho ${tp.rho}, the accepted share ${want}`);
    },
  });
  assert.ok(withSei > 0 && zone > 0, `${looks} looks, ${withSei} with sites under the film, ${zone} with the zone`);
  assert.deepEqual(bad, []);
  assert.ok(Math.abs(tp.balanceResidual()) < 1e-3 * tp.sinkPerVoxel);
});

// fieldcost2 (fieldcost's leftover: runs whose last sites hold no salt spent their end on rejected draws, 98 % of them at
// cells holding no salt at all: 8 x 8 x 64, seed 3, 768 M events, 104 CPU s). The loop now leaves the draws an acceptor
// rejects with certainty out (engine/loop.ts CertainRejects): it draws the rest at R - R0 and selects among them. The
// same process: here a loop of ten events of which six are rejected with certainty and one is accepted with
// probability 1/2, run to its first executed event 20,000 times each way, against the exact law: the mean waiting time
// 1 / R_eff, each event's share r_e p_e / R_eff, the mean number of rejected draws before it (R - R_eff) / R_eff, each
// within 4 standard errors, with and without the certain rejections drawn (and with the kept draw drawn directly).
test('fieldcost2: leaving the certain rejections out of the draws gives the loop\'s law: waiting time, executed event and rejected draws against the exact values', () => {
  const r = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  const certain = (e: number) => e < 6, pOf = (e: number) => (certain(e) ? 0 : e === 7 ? 0.5 : 1);
  const R = r.reduce((a, b) => a + b, 0), R0 = r.slice(0, 6).reduce((a, b) => a + b, 0);
  const Reff = r.reduce((a, x, e) => a + x * pOf(e), 0);
  const channels = [{ name: 'only', transfer: 'none' as const, netVoxels: 0 }];
  const app = {
    channels,
    sums: (out: Float64Array) => { out[0] = R; },
    select: (_t: Float64Array, _m: Float64Array, rng: Rng) => { let u = rng.next() * R, e = 0; while (e < r.length - 1 && u >= r[e]!) { u -= r[e]!; e++; } return e; },
    execute: () => 0,
  };
  // the kept draw drawn directly (CertainRejects.drawKept, as TransportThinning's): among events 6-9 by their rates
  const drawKept = (_t: Float64Array, _m: Float64Array, rng: Rng) => { let u = rng.next() * (R - R0), e = 6; while (e < r.length - 1 && u >= r[e]!) { u -= r[e]!; e++; } return e; };
  const run = (skip: boolean, direct = false) => {
    const rng = new Rng(skip ? (direct ? 13 : 11) : 12);
    const N = 20_000, seen = new Float64Array(r.length);
    let st = 0, st2 = 0, nn = 0, nn2 = 0, skipped = 0;
    for (let i = 0; i < N; i++) {
      let last = -1;
      const res = runLoop(app, rng, {
        controller: { update: (_t: number, _s: Float64Array, m: Float64Array) => { m[0] = 1; }, nextUpdate_s: () => Infinity },
        acceptors: [{ stopped: null, accept: (e: number, g: Rng) => { const p = pOf(e); return p >= 1 || (p > 0 && g.next() < p); } }],
        observers: [{ afterEvent: (_ch: number, e: number) => { last = e; } }],
        stop: [{ name: 'first', reached: () => true }],
        ...(skip ? { certain: { stopped: null, rate: (m: Float64Array) => R0 * m[0]!, certain, skipped: (k: number) => { skipped += k; }, ...(direct ? { drawKept } : {}) } } : {}),
      });
      seen[last]!++;
      st += res.t_s; st2 += res.t_s ** 2; nn += res.nullEvents; nn2 += res.nullEvents ** 2;
    }
    const mt = st / N, mn = nn / N;
    const bad: string[] = [];
    const near = (what: string, got: number, want: number, se: number) => { if (!(Math.abs(got - want) <= 4 * se)) bad.push(`${what}: ${got} against ${want} (se ${se})`); };
    near('mean waiting time', mt, 1 / Reff, Math.sqrt((st2 / N - mt * mt) / N));
    near('mean rejected draws', mn, (R - Reff) / Reff, Math.sqrt((nn2 / N - mn * mn) / N));
    for (let e = 0; e < r.length; e++) {
      const want = (r[e]! * pOf(e)) / Reff;
      near(`event ${e}'s share`, seen[e]! / N, want, Math.sqrt(Math.max(want * (1 - want), 1e-12) / N));
    }
    return { bad, skipped };
  };
  const on = run(true), off = run(false), direct = run(true, true);
  assert.deepEqual(off.bad, [], 'every draw made');
  assert.deepEqual(on.bad, [], 'certain rejections left out, the kept draw selected again');
  assert.deepEqual(direct.bad, [], 'certain rejections left out, the kept draw drawn directly and the left-out count geometric');
  assert.ok(on.skipped > 0 && direct.skipped > 0 && off.skipped === 0, `${on.skipped}, ${direct.skipped} left out`);
});

// fieldce (review89 F0): with the electrolyte's field a plate leaves pores the deposit sealed (their salt spent, the
// reductions drawn there rejected), and a strip oxidised the metal around them as if the pore's liquid led to the counter
// electrode: a sealed pore has no ionic path out (its ions cannot leave, its anions cannot come), so it carries no net
// current, but it filled to 48 c0 while a cavity grew along the host and cut the deposit off above it (12 x 12 x 30,
// 0.2 mAh/cm2, seed 1: CE 45 % and 50 % dead against 95 % and 0.3 % without the field). An oxidation whose atom
// touches liquid only in cells that do not reach the boundary plane is now rejected (Transport.oxidationSealed).
// Counted here with the lattice's own flood fill of EMPTY voxels from the oxidised voxel (no field cell read).
test('fieldce: with the electrolyte field a strip oxidises no metal into a pore the deposit sealed (its liquid joined to the top of the box by no EMPTY path)', () => {
  const nx = 6, ny = 6, nz = 16;
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [nx, ny, nz], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 for 1800 s or until 1 V'], seed: 1, output: { snapshots: false },
  }));
  const tp = sim.transport!, app = sim.app;
  const joined = emptyJoined(app.code, nx, ny, nz); // the lattice's own flood of EMPTY voxels (below)
  let stripping = false, ox = 0, sealed = 0;
  const after = tp.afterEvent.bind(tp);
  tp.afterEvent = (a, ch, vBefore) => {
    if (stripping && ch === 1) { ox++; if (!joined(vBefore)) sealed++; } // the voxel the atom left, EMPTY now
    after(a, ch, vBefore);
  };
  const ends: string[] = [];
  sim.runAll({ onStepEnd: (_s, r) => { ends.push(`${r.kind}`); stripping = true; } });
  assert.ok(ox > 50, `the strip oxidised ${ox} atoms`);
  assert.equal(sealed, 0, `${sealed} of the strip's ${ox} oxidations went into a sealed pore (steps ${ends.join(', ')}; dead ${app.deadCount} of ${app.metalCount} metal voxels)`);
});

// fieldce2: the lattice's own flood of EMPTY voxels (periodic in x, y; the top layer of the box is the boundary plane's
// liquid), for the field at cells of one voxel: whether EMPTY voxel s is joined to the top
function emptyJoined(code: Uint8Array, nx: number, ny: number, nz: number): (s: number) => boolean {
  const nxy = nx * ny, mark = new Int32Array(nxy * nz), q = new Int32Array(nxy * nz);
  let gen = 0;
  return (s: number): boolean => {
    gen++; let n = 0; q[n++] = s; mark[s] = gen;
    while (n > 0) {
      const v = q[--n]!, z = Math.floor(v / nxy), r = v - z * nxy, y = Math.floor(r / nx), x = r - y * nx;
      if (z === nz - 1) return true;
      const nb = [((x + 1) % nx) + nx * y + nxy * z, ((x + nx - 1) % nx) + nx * y + nxy * z, x + nx * ((y + 1) % ny) + nxy * z,
        x + nx * ((y + ny - 1) % ny) + nxy * z, v + nxy, z > 0 ? v - nxy : -1];
      for (const w of nb) if (w >= 0 && mark[w] !== gen && code[w] === 0) { mark[w] = gen; q[n++] = w; }
    }
    return false;
  };
}
/** whether every EMPTY face neighbour of v (at least one) is sealed */
function allNeighboursSealed(code: Uint8Array, v: number, nx: number, ny: number, nz: number, joined: (s: number) => boolean): boolean {
  const nxy = nx * ny, z = Math.floor(v / nxy), r = v - z * nxy, y = Math.floor(r / nx), x = r - y * nx;
  const nb = [((x + 1) % nx) + nx * y + nxy * z, ((x + nx - 1) % nx) + nx * y + nxy * z, x + nx * ((y + 1) % ny) + nxy * z,
    x + nx * ((y + ny - 1) % ny) + nxy * z, z + 1 < nz ? v + nxy : -1, z > 0 ? v - nxy : -1];
  let n = 0;
  for (const w of nb) { if (w < 0 || code[w] !== 0) continue; n++; if (joined(w)) return false; }
  return n > 0;
}

// fieldce2 (L2 of fieldce): a sealed pore has no ionic path, so a reduction into it (its ion taken from the pocket's
// liquid) carries no net current either; until fieldce2 it was accepted with its cell's c/c0 (spending the pocket's salt).
// Measured before the fix (bench/field-sealed-probe.ts): 0-2 per plate of fieldce's small case, 28 in cu.yaml's plate 2.
test('fieldce2: with the electrolyte field a plate accepts no reduction whose ion would come only from liquid the deposit sealed', () => {
  const nx = 6, ny = 6, nz = 16;
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [nx, ny, nz], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  const tp = sim.transport!, app = sim.app, joined = emptyJoined(app.code, nx, ny, nz);
  let acc = 0, sealed = 0;
  const a = tp.accept.bind(tp), aSei = tp.acceptThroughSei.bind(tp);
  tp.accept = (v, rng) => { const ok = a(v, rng); if (ok) { acc++; if (!joined(v)) sealed++; } return ok; };
  tp.acceptThroughSei = (v, ap, rng) => { const ok = aSei(v, ap, rng); if (ok) { acc++; if (allNeighboursSealed(app.code, v, nx, ny, nz, joined)) sealed++; } return ok; };
  sim.runAll({});
  assert.ok(acc > 500, `${acc} reductions accepted`);
  assert.equal(sealed, 0, `${sealed} of the plate's ${acc} accepted reductions took their ion from a sealed pore`);
});

// fieldce2: rho (the galvanostat's A rho, Sand's onset) is the rate-weighted mean of what the thinning accepts, so a site
// in sealed liquid counts p = 0 there too; the first version of L2 rejected those draws but left the pocket's salt in rho,
// and transport-sand's 50 mA/cm2 plate then never reached its onset (rho held up by salt no draw could take).
test('fieldce2: with the electrolyte field rho counts a reduction site in liquid the deposit sealed at p = 0, as the thinning rejects it', () => {
  const nx = 6, ny = 6, nz = 16;
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [nx, ny, nz], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  sim.runAll({});
  const tp = sim.transport!, app = sim.app, f = tp.field, joined = emptyJoined(app.code, nx, ny, nz);
  tp.scanRho(app);
  const keys = app.slots.slotKey, rate = app.solver.rate;
  let a0 = 0, a1 = 0, sealedWithSalt = 0;
  for (let s = 0; s < app.slots.slotCount; s++) {
    const v = keys[s]!;
    if (v < 0 || app.code[v] !== 0) continue;
    const cls = app.solver.classOf(2 * s);
    if (cls < 0) continue;
    const i = f.cellOfVoxel(v), c = i < 0 ? 0 : f.conc(i) / tp.c0;
    const open = joined(v);
    if (!open && c > 0) sealedWithSalt++;
    a0 += rate[cls]!; a1 += rate[cls]! * (open ? Math.min(1, Math.max(0, c)) : 0);
  }
  assert.ok(sealedWithSalt > 0, `${sealedWithSalt} reduction sites in sealed liquid with salt: the case must have one`);
  assert.ok(Math.abs(tp.rho - a1 / a0) < 1e-12, `rho ${tp.rho} against ${a1 / a0} with sealed liquid at p = 0 (${sealedWithSalt} such sites with salt)`);
});

// fieldce2 (L1 of fieldce): the galvanostat solves its overpotential from A rho (the reductions the thinning can accept)
// and B; B held the rates of the oxidations the thinning rejects at a sealed pore (fieldce), so a strip's |eta| came out
// too small by ln(1/(1 - s)) / ((1 - alpha) f) for a share s of B (0.3-3.9 mV mean measured) until the deficit term
// took it back. Now a strip hands the double layer B without them (at the last scan's share, as rho is). Checked over the
// strip, time-weighted between the double layer's updates, against the lattice's own flood.
test('fieldce2: with the electrolyte field a strip hands the double layer no rate of the oxidations the thinning rejects at a sealed pore', () => {
  const nx = 6, ny = 6, nz = 16;
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [nx, ny, nz], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 for 1800 s or until 1 V'], seed: 1, output: { snapshots: false },
  }));
  const app = sim.app, joined = emptyJoined(app.code, nx, ny, nz);
  let stripping = false, lastT = NaN, lastS = 0, lastE = 0, wT = 0, wS = 0, wE = 0;
  const proto = DoubleLayer.prototype, orig = proto.update;
  proto.update = function (this: DoubleLayer, t: number, A: number, B: number, deficit?: number, against?: number): number {
    if (stripping) {
      const ap = sim.app, keys = ap.slots.slotKey, rate = ap.solver.rate, raw = ap.solver.sum[CH_OX]!;
      let bs = 0;
      for (let s = 0; s < ap.slots.slotCount; s++) {
        const v = keys[s]!;
        if (v < 0 || ap.code[v] !== METAL) continue;
        const cls = ap.solver.classOf(2 * s);
        if (cls >= 0 && allNeighboursSealed(ap.code, v, nx, ny, nz, joined)) bs += rate[cls]!;
      }
      if (lastT === lastT && t > lastT) { wT += t - lastT; wS += (t - lastT) * lastS; wE += (t - lastT) * Math.abs(lastE); }
      lastT = t; lastS = raw > 0 ? bs / raw : 0; lastE = raw > 0 ? (B - (raw - bs)) / raw : 0;
    }
    return orig.call(this, t, A, B, deficit, against);
  };
  try {
    sim.runAll({ onStepEnd: () => { stripping = true; } });
  } finally { proto.update = orig; }
  const share = wS / wT, err = wE / wT;
  assert.ok(share > 0.005, `the strip's sealed oxidations held ${(100 * share).toFixed(2)} % of B (time-weighted): the case must face sealed pores`);
  assert.ok(err < 0.05 * share, `B handed to the double layer off by ${(100 * err).toFixed(2)} % of B on average (the sealed oxidations' share ${(100 * share).toFixed(2)} %)`);
});

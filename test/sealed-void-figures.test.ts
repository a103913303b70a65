/**
 * Sealed electrolyte (VOID, `model: { sealed_pores: void }`) in the run's outputs (branch fpvoid): the cross-section
 * figure draws it as its own class (not blank like the electrolyte), and metrics.json counts the metal's faces onto it
 * apart (void_surface_area_ratio), not among the faces onto electrolyte (surface_area_ratio, specific_surface_area).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics, voxelGrid, writeOutputs } from '../src/simulation/report.js';
import { readVti, readVtiFields } from '../src/io/vti.js';
import { COLUMNS } from '../src/batch/table.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inTempDir } from './helpers/tmp.js';
import { crossSectionRects, runFigureSpecs, VOID_PHASE, PHASES } from '../src/plots/run.js';
import { EMPTY, METAL, DEAD, HOST_BASE, VOID, type Grid } from '../src/lattice/voxel.js';
import { speciesOf } from '../src/lattice/species.js';

let done: Simulation | null = null;
/** a short void run (16 x 16 x 12 of 50 nm, seed 1) that ends with VOID pockets in the film; run once, read by both tests */
const voidRun = (): Simulation => {
  if (done !== null) return done;
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 12], voxel: '50 nm' }, seed: 1, output: { snapshots: false },
    protocol: ['Plate 0.05 mAh/cm2 at 3 mA/cm2'], model: { sealed_pores: 'void' },
  });
  const sim = new Simulation(run);
  sim.runAll();
  return (done = sim);
};

test('cross-section: VOID is drawn as its own class in the registry\'s colour, EMPTY stays blank; the legend lists it only when drawn', () => {
  // 8 x 8 x 10 of 50 nm: Cu at z = 0, Li at z = 1..3; in the slice y = 3 a sealed pocket (VOID) at x = 2..4, z = 2, an
  // EMPTY pore at (6, 3, 2) and dead voxels at (6, 3, 3), (7, 3, 3) (dead metal weighs 4: the busiest slice, the one drawn)
  const nx = 8, ny = 8, nz = 10, a = 50;
  const cells = new Uint8Array(nx * ny * nz), at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  cells.fill(HOST_BASE, 0, nx * ny);
  cells.fill(METAL, nx * ny, 4 * nx * ny);
  for (let x = 2; x <= 4; x++) cells[at(x, 3, 2)] = VOID;
  cells[at(6, 3, 2)] = EMPTY;
  cells[at(6, 3, 3)] = DEAD;
  cells[at(7, 3, 3)] = DEAD;
  const grid: Grid = { nx, ny, nz, cells, voxel_m: 50e-9 };
  const { rects } = crossSectionRects(grid, 3);
  const voids = rects.filter((r) => r.phase === VOID_PHASE.name);
  assert.deepEqual(voids.map((r) => [r.x0, r.x1, r.y0, r.y1]), [[2 * a, 5 * a, 2 * a, 3 * a]], 'one rectangle over the three VOID voxels');
  assert.equal(VOID_PHASE.color, speciesOf(VOID).colour);
  assert.ok(!PHASES.some((p) => (p.name as string) === VOID_PHASE.name || (p.color as string) === VOID_PHASE.color), 'a colour of its own');
  // the EMPTY pore: no rectangle covers it
  assert.ok(!rects.some((r) => r.y0 === 2 * a && r.x0 <= 6 * a && r.x1 >= 7 * a), 'the EMPTY pore is blank');
  // the run's figure: the legend holds the class when the slice holds VOID, not otherwise
  const sim = voidRun(), m = computeMetrics(sim);
  const spec = (g: Grid) => runFigureSpecs({ trace: sim.trace, grid: g, d: sim.d, stepResults: sim.stepResults }, m, { cycles: [] }).cross_section!;
  const classes = (g: Grid) => (spec(g).usermeta as { sacplate: { classes: string[] } }).sacplate.classes;
  assert.ok(classes(grid).includes(VOID_PHASE.name), JSON.stringify(classes(grid)));
  const open = { ...grid, cells: cells.map((c) => (c === VOID ? EMPTY : c)) };
  assert.ok(!classes(open).includes(VOID_PHASE.name));
});

test('metrics.json: void_surface_area_ratio is the metal faces onto VOID over the footprint; surface_area_ratio and specific_surface_area count faces onto EMPTY only', () => {
  const sim = voidRun(), app = sim.app, m = computeMetrics(sim);
  assert.ok(app.voidCount > 0, `the run ends with VOID (${app.voidCount})`);
  const nb = new Int32Array(6), nxy = app.lat.nxy;
  let onVoid = 0, onEmpty = 0, metal = 0;
  for (let v = 0; v < app.code.length; v++) {
    const c = app.code[v]!;
    if (c !== METAL && c !== DEAD) continue;
    metal++;
    app.lat.neighbors(v, nb);
    for (const t of nb) { if (t < 0) continue; if (app.code[t] === VOID) onVoid++; else if (app.code[t] === EMPTY) onEmpty++; }
  }
  assert.ok(onVoid > 0);
  assert.equal(m.void_surface_area_ratio, onVoid / nxy);
  assert.equal(m.surface_area_ratio, onEmpty / nxy);
  assert.ok(Math.abs(m.specific_surface_area - onEmpty / metal) < 1e-12);
});

// voidview (session 62): every output that says what a voxel code is names VOID on a run that holds it. Missing until
// then: the library's grid table (SimulateResult.grid.table listed codes 0-5, the host and the SACs: code 6 in `codes`
// had no entry), metrics.json's voxel counts (connected_voxels, dead_voxels: no void_voxels) and the printed table's
// porosity meaning ("empty voxels", where porosity counts VOID too)
test('a void run\'s outputs name VOID: the grid table (code 6, role void, label VOID), metrics.json\'s void_voxels, final.vti\'s voxel_codes and species-colors.json, final.extxyz\'s code 6 atoms and legend, the porosity meaning', async () => {
  const sim = voidRun(), m = computeMetrics(sim);
  const g = voxelGrid(sim);
  const voids = g.codes.reduce((n, c) => n + (c === VOID ? 1 : 0), 0);
  assert.ok(voids > 0, 'the run ends with VOID');
  const known = new Set(g.table.map((t) => t.code));
  assert.deepEqual([...new Set(g.codes)].filter((c) => !known.has(c)), [], 'every code in the grid is in the table');
  assert.deepEqual(g.table.filter((t) => t.code === VOID), [{ code: VOID, role: 'void', label: 'VOID', element: 'X' }]);
  // metrics.json counts VOID voxels by name beside connected_voxels and dead_voxels (it had no count of them)
  assert.equal(m.void_voxels, voids);
  assert.equal(m.void_voxels, sim.app.voidCount, 'the engine\'s own count');
  await inTempDir('voidview-outputs', async (dir) => {
    writeOutputs(sim, dir, m);
    assert.equal((JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { void_voxels: number }).void_voxels, voids);
    // final.vti: the codes as the engine left them, its legend naming 6; the ParaView preset annotating 6 as VOID in the registry's colour
    const vti = readVti(join(dir, 'final.vti'));
    assert.equal(vti.grid.cells.reduce((n, c) => n + (c === VOID ? 1 : 0), 0), voids);
    assert.match(String(readVtiFields(join(dir, 'final.vti')).voxel_codes), /(^|, )6 VOID \(electrolyte sealed off from the bulk\)(,|$)/);
    const preset = (JSON.parse(readFileSync(join(dir, 'species-colors.json'), 'utf8')) as { Annotations: (number | string)[]; IndexedColors: number[] }[])[0]!;
    const k = preset.Annotations.indexOf(VOID);
    assert.ok(k >= 0 && k % 2 === 0 && preset.Annotations[k + 1] === 'VOID', JSON.stringify(preset.Annotations));
    const rgb = [1, 3, 5].map((i) => Number((parseInt(speciesOf(VOID).colour.slice(i, i + 2), 16) / 255).toFixed(4)));
    assert.deepEqual(preset.IndexedColors.slice(3 * (k / 2), 3 * (k / 2) + 3), rgb);
    // final.extxyz: one atom per VOID voxel, ASE's dummy X with voxel_code 6, which the comment line's legend names
    const lines = readFileSync(join(dir, 'final.extxyz'), 'utf8').split('\n');
    assert.match(lines[1]!, /voxel_codes="[^"]*(^|, )6 VOID \(electrolyte sealed off from the bulk\)[,"]/);
    const atoms = lines.slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/));
    assert.deepEqual(atoms.filter((a) => a[4] === String(VOID)).map((a) => a[0]), new Array(voids).fill('X'));
  });
  // the printed table's and the Compare page's words for porosity: it counts VOID, and says so
  assert.match(COLUMNS.find((c) => c.key === 'porosity')!.meaning, /VOID/);
});

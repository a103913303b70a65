/**
 * Sealed electrolyte (VOID, `model: { sealed_pores: void }`) in the run's outputs (branch fpvoid): the cross-section
 * figure draws it as its own class (not blank like the electrolyte), and metrics.json counts the metal's faces onto it
 * apart (void_surface_area_ratio), not among the faces onto electrolyte (surface_area_ratio, specific_surface_area).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
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

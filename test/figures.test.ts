/**
 * Figures from every run (issue 13), checked for content, not existence: the data behind each
 * spec (series, axis ranges against the run's own trace and lattice), the SVG Vega draws (one
 * line per series, axis titles, tick labels inside the data range) and the PNG resvg draws
 * (pixels that are not blank, text that renders with the installed fonts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { renderFigures } from '../src/plots/library.js';
import { renderSvg, svgToPng } from '../src/plots/render.js';
import { overlaySpec } from '../src/plots/compare.js';
import { METAL } from '../src/lattice/voxel.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { computeMetrics } from '../src/simulation/report.js';
import { writeRunFigureSpecs } from '../src/plots/run.js';
import { decodePng, inkPixels } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('figures');

type Spec = { data: { values: Record<string, number | string>[] }; usermeta: { sacplate: { kind: string; series?: string[]; classes?: string[] } }; encoding?: Record<string, { scale?: { domain?: number[] } }> };
const readSpec = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Spec;

function lineSeriesInSvg(svg: string): string[] {
  return [...svg.matchAll(/aria-roledescription="line mark" /g)].map((m) => {
    const before = svg.lastIndexOf('aria-label="', m.index);
    return /series: ([^;"]+)/.exec(svg.slice(before, m.index))?.[1] ?? '';
  });
}
function tickLabels(svg: string, axisTitle: string): number[] {
  // the axis group holding this title: its labels precede the title
  const t = svg.indexOf(`>${axisTitle}</text>`);
  const start = svg.lastIndexOf('role-axis"', t);
  return [...svg.slice(start, t).matchAll(/role-axis-label[\s\S]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/>([^<]+)<\/text>/g)].map((x) => Number(x[1]!.replace('\u2212', '-'))));
}

test('a plating run draws eta vs capacity and time with the nucleation marks, a cross-section and a height map', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-fig-'));
  // the figures are checked against the run's own trace, metrics and lattice, so the kinetics do not
  // enter: a slow terrace hop (0.30 eV, as the bookkeeping tests use) keeps the run to ~2,000 events
  // instead of ~1.6 million (5 s) under physics v2
  const sim = new Simulation(parseRunInput({
    metal: 'Li', lattice: { size: [16, 16, 10], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.3 eV' },
    sacs: [{ site: 'Zn-N4', loading: '3 %', arrangement: 'random' }],
    protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], seed: 3,
  }));
  sim.runAll({});
  const cycles = cycleSummary(sim);
  const r = { trace: sim.trace, metrics: computeMetrics(sim, cycles) };
  writeRunFigureSpecs(sim, dir, r.metrics, cycles);
  const files = await renderFigures(dir);
  for (const n of ['eta_vs_capacity', 'eta_vs_time', 'cross_section', 'height_map']) {
    for (const ext of ['svg', 'png']) assert.ok(files.includes(join(dir, 'figures', `${n}.${ext}`)), `${n}.${ext}`);
  }
  // eta vs capacity: the run's whole trace, in mAh/cm2, one series (no counter electrode part differs? then two)
  const spec = readSpec(join(dir, 'figures', 'eta_vs_capacity.vl.json'));
  const series = spec.usermeta.sacplate.series!;
  assert.ok(series.includes('working-electrode overpotential'));
  const pts = spec.data.values.filter((v) => v.series === 'working-electrode overpotential');
  const xs = pts.map((v) => v.x as number), ys = pts.map((v) => v.y as number);
  const q = r.trace.charge_C_per_cm2.map((c) => c / 3.6);
  assert.equal(pts.length, r.trace.time_s.length, 'every sample of a short trace is drawn');
  assert.ok(Math.abs(Math.max(...xs) - Math.max(...q)) < 1e-15 && Math.min(...xs) === Math.min(...q), 'x range = the run\'s charge range');
  assert.equal(Math.min(...ys), Math.min(...r.trace.overpotential_mV));
  const svg = readFileSync(join(dir, 'figures', 'eta_vs_capacity.svg'), 'utf8');
  assert.deepEqual(lineSeriesInSvg(svg), series, 'one drawn line per series, in order');
  const xt = tickLabels(svg, 'net plated charge (mAh/cm2)');
  assert.ok(xt.length >= 3 && xt.every((v) => v >= Math.min(...q) - 1e-12 && v <= Math.max(...q) + 1e-12), `x ticks ${xt} inside the data range`);
  // nucleation peak and plateau marked with the metrics' numbers
  assert.match(svg, new RegExp(`nucleation peak ${r.metrics.peak_overpotential_mV.toFixed(1)} mV`));
  assert.match(svg, new RegExp(`plateau ${r.metrics.plateau_overpotential_mV.toFixed(1)} mV`));
  // eta vs time: x range is the run's time
  const st = readSpec(join(dir, 'figures', 'eta_vs_time.vl.json'));
  const tx = st.data.values.filter((v) => v.series === 'working-electrode overpotential').map((v) => v.x as number);
  assert.equal(Math.max(...tx), Math.max(...r.trace.time_s));
  // cross-section: metal rectangles add up to the metal voxels of the drawn slice
  const cs = readSpec(join(dir, 'figures', 'cross_section.vl.json'));
  assert.ok(cs.usermeta.sacplate.classes!.includes('host') && cs.usermeta.sacplate.classes!.includes('metal (connected)'));
  const ySlice = Number(/slice at y = ([\d.]+) nm/.exec(readFileSync(join(dir, 'figures', 'cross_section.vl.json'), 'utf8'))![1]) / 10;
  const g = { nx: 16, ny: 16, nz: 10 };
  let metalInSlice = 0;
  const grid = sim.grid.cells;
  for (let z = 0; z < g.nz; z++) for (let x = 0; x < g.nx; x++) if (grid[x + g.nx * (Math.round(ySlice) + g.ny * z)] === METAL) metalInSlice++;
  const metalArea = cs.data.values.filter((v) => v.phase === 'metal (connected)').reduce((a, v) => a + ((v.x1 as number) - (v.x0 as number)) * ((v.y1 as number) - (v.y0 as number)), 0);
  assert.ok(metalInSlice > 0);
  assert.ok(Math.abs(metalArea / 100 - metalInSlice) < 1e-6, `metal area ${metalArea / 100} voxels = ${metalInSlice}`);
  // height map: one cell per column, max = the deposit's max height
  const hm = readSpec(join(dir, 'figures', 'height_map.vl.json'));
  assert.equal(hm.data.values.length, 16 * 16);
  assert.equal(Math.max(...hm.data.values.map((v) => v.v as number)), r.metrics.max_height_nm);
  // PNGs: drawn, not blank; the title row holds text
  for (const n of ['eta_vs_capacity', 'cross_section', 'height_map']) {
    const img = decodePng(readFileSync(join(dir, 'figures', `${n}.png`)));
    const ink = inkPixels(img);
    assert.ok(ink > 0.02 * img.width * img.height, `${n}.png: ${ink} inked pixels of ${img.width * img.height}`);
    assert.ok(inkPixels(img, [0, 0, img.width, 30]) > 200, `${n}.png: title text rendered`);
  }
});

test('a cycling run draws CE, dead metal (running total and formed in each cycle, mends127) and overpotential per cycle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-figc-'));
  // checked against the run's own cycles: a slow terrace hop (as above) keeps it to ~8,000 events, not 2.3 million
  const r = simulate({
    metal: 'Li', lattice: { size: [12, 12, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: [{ repeat: 3, steps: ['Plate 0.0003 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }], seed: 2,
    output: { snapshots: false },
  }, { outDir: dir });
  await renderFigures(dir);
  const ce = readSpec(join(dir, 'figures', 'cycles_ce.vl.json'));
  const pts = ce.data.values.filter((v) => v.series === 'CE (trace)');
  assert.equal(pts.length, r.metrics.cycles_completed);
  assert.deepEqual(pts.map((v) => v.y), r.cycles.cycles.map((c) => c.ce * 100));
  const dead = readSpec(join(dir, 'figures', 'cycles_dead_metal.vl.json'));
  // mends127 (review91 F5): the figure was titled "dead metal per cycle" over cycles.csv's running total; now it says
  // which is which and plots the per-cycle share (dead_charge_fraction) beside the running total (dead_metal_fraction)
  assert.match(JSON.stringify((dead as unknown as { title: unknown }).title), /running total and formed in each cycle/);
  const total = dead.data.values.filter((v) => /running total|all plated so far/.test(String(v.series)));
  const formed = dead.data.values.filter((v) => /formed in the cycle/.test(String(v.series)));
  assert.equal(total.length, r.metrics.cycles_completed);
  assert.deepEqual(total.map((v) => v.y), r.cycles.cycles.map((c) => c.dead_metal_fraction * 100));
  assert.deepEqual(formed.map((v) => v.y), r.cycles.cycles.map((c) => c.dead_charge_fraction * 100));
  const op = readSpec(join(dir, 'figures', 'cycles_overpotential.vl.json'));
  assert.deepEqual(op.usermeta.sacplate.series, ['plating', 'stripping']);
  assert.ok(existsSync(join(dir, 'figures', 'cycles_ce.png')));
  const img = decodePng(readFileSync(join(dir, 'figures', 'cycles_ce.png')));
  assert.ok(inkPixels(img) > 0.005 * img.width * img.height, `${inkPixels(img)} inked pixels`);
});

test('text renders with the installed fonts (DejaVu Sans)', async () => {
  const blank = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>', 1);
  const text = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="DejaVu Sans" font-size="20">sacplate 42 mV</text></svg>', 1);
  assert.equal(inkPixels(decodePng(blank)), 0);
  assert.ok(inkPixels(decodePng(text)) > 150, 'glyphs drawn: a font was found');
});

test('a line plot\'s points are cut where x turns, in their order (the workbench draws each piece; review45)', async () => {
  const { monotonePieces } = await import('../src/plots/thin.js');
  // plate (charge rising), rest (constant), strip (falling), plate again; a missing x is passed over
  const x = [0, 1, 2, 2, 2, 1.5, null, 0.5, 0.5, 1, 3];
  assert.deepEqual(monotonePieces(x), [{ from: 0, to: 4, dir: 1 }, { from: 4, to: 8, dir: -1 }, { from: 8, to: 10, dir: 1 }]);
  // a time axis is one piece; a single point one piece with no direction; nothing, none
  assert.deepEqual(monotonePieces([0, 0.1, 0.2]), [{ from: 0, to: 2, dir: 1 }]);
  assert.deepEqual(monotonePieces([5]), [{ from: 0, to: 0, dir: 0 }]);
  assert.deepEqual(monotonePieces([null, Number.NaN]), []);
});

// mends104 (review82 finding 10): the main job's overlay listed Li on Cu, drawn exactly under Li on graphene: three entries, two lines
test('compare\'s overlay: a trace identical to an earlier case\'s is drawn dashed over it and its legend says "(identical to <case>)"; a different trace stays solid', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-overlay-'));
  const input = { metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false, structures: [] } };
  // the same run twice (one trajectory: identical eta.csv) and another seed
  const runs = [['a', 1], ['b', 1], ['c', 2]] as const;
  for (const [name, seed] of runs) simulate(parseRunInput({ ...input, seed }), { outDir: join(d, name) });
  const eta = (n: string) => readFileSync(join(d, n, 'eta.csv'), 'utf8');
  assert.equal(eta('a'), eta('b'));
  assert.notEqual(eta('a'), eta('c'));
  const spec = overlaySpec(runs.map(([name]) => ({ name, dir: join(d, name) })), 'overlay')!;
  const names = (spec.usermeta as { sacplate: { series: string[] } }).sacplate.series;
  assert.deepEqual(names, ['a', 'b (identical to a)', 'c']);
  const svg = await renderSvg(spec);
  // one dashed line mark (b's), drawn after a's; the legend names b so
  const dashed = [...svg.matchAll(/aria-roledescription="line mark"[^>]*?stroke-dasharray="([^"]+)"/g)].map((m) => m[1]).filter((x) => x !== '1,0' && x !== '1 0');
  assert.equal(dashed.length, 1, svg.slice(0, 400));
  assert.match(svg, /b \(identical to a\)/);
});

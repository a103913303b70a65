/**
 * The figures of one simulation run, as Vega-Lite specs (spec.ts):
 *   eta_vs_capacity, eta_vs_time   working-electrode overpotential (and the cell voltage when it differs,
 *                                  named for its cell: cellVoltageLabel) with the nucleation peak and plateau marked
 *   cycles_ce, cycles_dead_metal, cycles_overpotential   per cycle, for cycling runs
 *   cross_section                  an x-z slice of the deposit coloured by voxel class
 *   height_map                     deposit height above the host per (x, y) column
 * `writeRunFigureSpecs` writes them as <out>/figures/<name>.vl.json (synchronously, with the other
 * outputs); render.ts turns them into SVG and PNG.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Simulation } from '../simulation/simulation.js';
import type { Metrics } from '../simulation/report.js';
import { caseLabel } from '../simulation/case-label.js';
import type { CycleSummary } from '../simulation/cycles.js';
import { firstPlatingSpan, nucleationOfPlatingRows } from '../analysis/nucleation.js';
import { cellVoltageLabel } from '../electrochem/cell-label.js';
import { METAL, DEAD, VOID, isHost, isSac, type Grid } from '../lattice/voxel.js';
import { isSei, SPECIES, type SpeciesRole } from '../lattice/species.js';
import { writeJson } from '../io/index.js';
import { lineSpec, phaseMapSpec, heatmapSpec, type PhaseRect, type PlotSpec, type VegaLiteSpec, type Marker, type HLine, type Series } from './spec.js';
import { C_PER_MAH } from '../units.js';
import { ETA_AXIS, NET_CHARGE_AXIS } from './axis-labels.js';

export const FIGURE_DIR = 'figures';

/** Voxel classes of the cross-section, in legend order, with their colours. */
/** Their colours are the species registry's (src/lattice/species.ts), which the workbench's 3D view draws with too. */
const colourOf = (role: SpeciesRole): string => SPECIES.find((s) => s.role === role)!.colour;
export const PHASES = [
  { name: 'metal (connected)', color: colourOf('metal') },
  { name: 'dead metal', color: colourOf('dead') },
  { name: 'host', color: colourOf('host') },
  { name: 'SAC', color: colourOf('sac') },
  { name: 'SEI', color: colourOf('sei') },
] as const;

/**
 * Sealed electrolyte (VOID, `model: { sealed_pores: void }`; branch fpvoid): drawn as its own class in the registry's
 * colour, not blank like the electrolyte. Kept out of PHASES, whose five classes the workbench's species legend shows.
 */
export const VOID_PHASE = { name: 'sealed electrolyte (VOID)', color: colourOf('void') } as const;

function phaseOf(c: number): string | undefined {
  if (c === METAL) return PHASES[0].name;
  if (c === VOID) return VOID_PHASE.name;
  if (c === DEAD) return PHASES[1].name;
  if (isSac(c)) return PHASES[3].name;
  if (isHost(c)) return PHASES[2].name;
  if (isSei(c)) return PHASES[4].name;
  return undefined;
}


/**
 * What the run's figures are drawn from: a Simulation, or a sector run's trace and final lattice dressed as one
 * (cli/sector-simulate.ts: one plating step, its rows 0 .. n)
 */
export type FigureSource = Pick<Simulation, 'trace' | 'grid'> & { d: Pick<Simulation['d'], 'hostTopZ' | 'hostCode'>; stepResults: readonly Pick<Simulation['stepResults'][number], 'kind' | 'samples'>[] };

/** Nucleation peak and plateau of the first plating step, at their trace positions. */
function nucleationMarks(sim: FigureSource, metrics: Metrics, xOf: (i: number) => number): { markers: Marker[]; hlines: HLine[]; series: Series[] } {
  const rows = sim.trace.time_s.length;
  const span = firstPlatingSpan(sim.stepResults, rows);
  if (!span || !Number.isFinite(metrics.peak_overpotential_mV)) return { markers: [], hlines: [], series: [] };
  // the rows metrics.json reads (the plating current's: not a pulse's off-times; mends116)
  const r = nucleationOfPlatingRows(sim.trace.time_s, sim.trace.overpotential_mV, sim.trace.current_mA_per_cm2, span[0], span[1], {}, 1e3);
  if (!r || r.rows.length < 4) return { markers: [], hlines: [], series: [] };
  let k = r.rows[0]!;
  for (const i of r.rows) if (sim.trace.time_s[i] === r.peak_time_s) { k = i; break; }
  const sign = Math.sign(sim.trace.overpotential_mV[k]!) || -1;
  const y = sign * metrics.plateau_overpotential_mV;
  const markers = [{ x: xOf(k), y: sign * metrics.peak_overpotential_mV, label: `nucleation peak ${metrics.peak_overpotential_mV.toFixed(1)} mV (peak - plateau ${metrics.nucleation_overpotential_mV.toFixed(1)} mV)`, color: '#d62728' }];
  // a run that goes on past its first plating (a strip, cycles): the plateau over that plating only, named in the legend,
  // as analyze's voltage figure draws it (review70); a dashed rule across the run read as every half's (review64)
  if (span[1] < rows) {
    const x0 = xOf(span[0]), x1 = xOf(span[1] - 1);
    return { markers, hlines: [], series: [{ name: `plateau of the first plating, ${metrics.plateau_overpotential_mV.toFixed(1)} mV`, x: [x0, x1], y: [y, y], color: '#2ca02c', mode: 'line' }] };
  }
  return { markers, hlines: [{ y, label: `plateau ${metrics.plateau_overpotential_mV.toFixed(1)} mV`, color: '#2ca02c' }], series: [] };
}

function etaPlot(sim: FigureSource, metrics: Metrics, by: 'capacity' | 'time'): PlotSpec {
  const tr = sim.trace;
  const x = by === 'capacity' ? tr.charge_C_per_cm2.map((q) => q / C_PER_MAH) : tr.time_s;
  const xOf = (i: number) => x[i]!;
  const series: PlotSpec['series'] = [{ name: 'working-electrode overpotential', x, y: tr.overpotential_mV }];
  if (tr.cell_voltage_mV.some((v, i) => Math.abs(v - tr.overpotential_mV[i]!) > 1e-9)) {
    series.push({ name: cellVoltageLabel(metrics.metal, metrics.host), x, y: tr.cell_voltage_mV });
  }
  const { markers, hlines, series: plateau } = nucleationMarks(sim, metrics, xOf);
  series.push(...plateau);
  return {
    title: `${caseLabel(metrics)}: overpotential vs ${by}`,
    xlabel: by === 'capacity' ? NET_CHARGE_AXIS : 'time (s)',
    ylabel: ETA_AXIS,
    series, markers, hlines,
  };
}

export function cyclePlots(metrics: Metrics, cycles: Pick<CycleSummary, 'cycles'>): [string, PlotSpec][] {
  const c = cycles.cycles;
  if (c.length === 0) return [];
  const n = c.map((r) => r.cycle);
  const label = caseLabel(metrics);
  return [
    ['cycles_ce', { title: `${label}: Coulombic efficiency per cycle`, xlabel: 'cycle', ylabel: 'CE (%)', yMinSpan: 2, xIntegers: true, series: [
      { name: 'CE (trace)', x: n, y: c.map((r) => r.ce * 100), mode: 'points' },
      { name: 'CE (voxel count)', x: n, y: c.map((r) => r.ce_voxels * 100), mode: 'points' },
    ] }],
    // mends127 (review91 F5): titled "dead metal per cycle", it plotted cycles.csv's dead_metal_fraction, a running total
    // (dead metal in the box / all plated so far); now said so, with the per-cycle share beside it (dead formed in the
    // cycle / plated in it, cycles.csv's dead_charge_fraction)
    ['cycles_dead_metal', { title: `${label}: dead metal, running total and formed in each cycle`, xlabel: 'cycle', ylabel: 'dead metal (%)', yMinSpan: 1, yFloor: 0, xIntegers: true, series: [
      { name: 'in the box, % of all plated so far (dead_metal_fraction)', x: n, y: c.map((r) => r.dead_metal_fraction * 100), mode: 'points' },
      { name: 'formed in the cycle, % of its plating (dead_charge_fraction)', x: n, y: c.map((r) => r.dead_charge_fraction * 100), mode: 'points' },
    ] }],
    ['cycles_overpotential', { title: `${label}: overpotential per cycle`, xlabel: 'cycle', ylabel: 'plateau |overpotential| (mV)', yMinSpan: 5, xIntegers: true, series: [
      { name: 'plating', x: n, y: c.map((r) => Math.abs(r.plating_plateau_mV)), mode: 'points' },
      { name: 'stripping', x: n, y: c.map((r) => Math.abs(r.stripping_plateau_mV)), mode: 'points' },
    ] }],
  ];
}

/**
 * The y index whose x-z slice shows most: metal, then dead metal and SAC sites count extra (the
 * middle slice when there is none). Also the highest z holding metal anywhere (-1: none).
 */
export function busiestSlice(g: Grid): { y: number; topZ: number } {
  const { nx, ny, nz, cells } = g;
  let best = ny >> 1, most = 0, topZ = -1;
  for (let y = 0; y < ny; y++) {
    let m = 0;
    for (let z = 0; z < nz; z++) {
      const o = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const c = cells[o + x]!;
        if (c === METAL) m++; else if (c === DEAD) m += 4; else if (isSac(c)) m += 4; else continue;
        if (c !== METAL && c !== DEAD) continue;
        if (z > topZ) topZ = z;
      }
    }
    if (m > most) { most = m; best = y; }
  }
  return { y: best, topZ };
}

/**
 * Cross-section at y: runs of equal class along x merged into one rectangle per row, so the spec
 * stays small. Lattices wider or taller than 256 voxels are coarsened by blocks (majority class).
 */
export function crossSectionRects(g: Grid, y: number, maxCells = 256, zMax = g.nz): { rects: PhaseRect[]; block: number } {
  const { nx, ny, cells } = g;
  const nz = Math.min(g.nz, zMax);
  const a = g.voxel_m * 1e9;
  const f = Math.max(1, Math.ceil(Math.max(nx, nz) / maxCells));
  const rects: PhaseRect[] = [];
  for (let zb = 0; zb < nz; zb += f) {
    let runStart = 0, runPhase: string | undefined;
    const flush = (end: number) => { if (runPhase) rects.push({ x0: runStart * a, x1: end * a, y0: zb * a, y1: Math.min(nz, zb + f) * a, phase: runPhase }); };
    for (let xb = 0; xb < nx; xb += f) {
      const counts = new Map<string, number>();
      let empty = 0;
      for (let z = zb; z < Math.min(nz, zb + f); z++) for (let x = xb; x < Math.min(nx, xb + f); x++) {
        const p = phaseOf(cells[x + nx * (y + ny * z)]!);
        if (p) counts.set(p, (counts.get(p) ?? 0) + 1); else empty++;
      }
      let ph: string | undefined, most = empty;
      for (const [k, v] of counts) if (v > most) { most = v; ph = k; }
      if (ph !== runPhase) { flush(xb); runStart = xb; runPhase = ph; }
    }
    flush(nx);
  }
  return { rects, block: f };
}

/**
 * Deposit height above the top host layer per (x, y) column, nm, coarsened to <= maxCells a side. On a foil of the
 * metal (`foil`) a column without deposit reads the foil's surface below the host top, 0 or negative (a pit), as
 * morphology's height field does (mends70).
 */
export function heightCells(g: Grid, hostTopZ: number, maxCells = 96, foil = false): { cells: { x: number; y: number; v: number }[]; step_nm: number } {
  const { nx, ny, nz, cells } = g;
  const a = g.voxel_m * 1e9;
  const f = Math.max(1, Math.ceil(Math.max(nx, ny) / maxCells));
  const out: { x: number; y: number; v: number }[] = [];
  for (let yb = 0; yb < ny; yb += f) for (let xb = 0; xb < nx; xb += f) {
    let sum = 0, n = 0;
    for (let y = yb; y < Math.min(ny, yb + f); y++) for (let x = xb; x < Math.min(nx, xb + f); x++) {
      let top = hostTopZ;
      const zEnd = foil ? -1 : hostTopZ;
      for (let z = nz - 1; z > zEnd; z--) { const c = cells[x + nx * (y + ny * z)]!; if (c === METAL || c === DEAD) { top = z; break; } if (z === 0) top = -1; }
      sum += (top - hostTopZ) * a; n++;
    }
    out.push({ x: xb * a, y: yb * a, v: Number((sum / n).toPrecision(6)) });
  }
  return { cells: out, step_nm: f * a };
}

/** All figure specs of a finished run, by file name (without extension). */
export function runFigureSpecs(sim: FigureSource, metrics: Metrics, cycles: Pick<CycleSummary, 'cycles'>): Record<string, VegaLiteSpec> {
  const out: Record<string, VegaLiteSpec> = {};
  if (sim.trace.time_s.length > 0) {
    out.eta_vs_capacity = lineSpec(etaPlot(sim, metrics, 'capacity'));
    out.eta_vs_time = lineSpec(etaPlot(sim, metrics, 'time'));
  }
  for (const [name, p] of cyclePlots(metrics, cycles)) out[name] = lineSpec(p);
  const g = sim.grid;
  const a = g.voxel_m * 1e9;
  const { y, topZ } = busiestSlice(g);
  // the box above the deposit is electrolyte: show up to 1.5 x the deposit's top (at least 8 voxels above the host)
  const zMax = Math.min(g.nz, Math.max(sim.d.hostTopZ + 9, Math.ceil((topZ + 1) * 1.5)));
  const cs = crossSectionRects(g, y, 256, zMax);
  const present = new Set(cs.rects.map((r) => r.phase));
  out.cross_section = phaseMapSpec({
    title: `${caseLabel(metrics)}: cross-section`,
    subtitle: `x-z slice at y = ${(y * a).toPrecision(4)} nm${cs.block > 1 ? `, ${cs.block} x ${cs.block} voxel blocks` : ''}${zMax < g.nz ? `; box cut at z = ${(zMax * a).toPrecision(4)} of ${(g.nz * a).toPrecision(4)} nm` : ''}`,
    xlabel: 'x (nm)', ylabel: 'z (nm)', rects: cs.rects,
    classes: [...PHASES, VOID_PHASE].filter((p) => present.has(p.name)).map((p) => ({ ...p })),
    xDomain: [0, g.nx * a], yDomain: [0, zMax * a],
  });
  const hm = heightCells(g, sim.d.hostTopZ, 96, sim.d.hostCode === METAL);
  out.height_map = heatmapSpec({
    title: `${caseLabel(metrics)}: deposit height`, xlabel: 'x (nm)', ylabel: 'y (nm)', valueTitle: 'height (nm)',
    cells: hm.cells, dx: hm.step_nm, dy: hm.step_nm, xDomain: [0, g.nx * a], yDomain: [0, g.ny * a],
  });
  return out;
}

/** Writes <outDir>/figures/<name>.vl.json for every figure of the run; returns the files. */
export function writeRunFigureSpecs(sim: FigureSource, outDir: string, metrics: Metrics, cycles: Pick<CycleSummary, 'cycles'>): string[] {
  const dir = join(outDir, FIGURE_DIR);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, spec] of Object.entries(runFigureSpecs(sim, metrics, cycles))) {
    const f = join(dir, `${name}.vl.json`);
    writeJson(f, spec);
    files.push(f);
  }
  return files;
}

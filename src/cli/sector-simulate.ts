/**
 * `sacplate simulate <file> --sectors <threads>`: one trajectory on several worker threads with the sector scheme
 * (parallel/sector-run.ts, docs/parallel.md "From the CLI"). Its outputs go through the serial run's writers where the
 * sector result has the data (eta.csv, steps.csv, final.vti / final.extxyz and the step's snapshot, resolved.json,
 * metrics.json under the serial names, the figures), the summary is the serial one's with a line naming the scheme,
 * and the run is recorded in the store's runs table with `engine: "sectors"` in its metrics. Loaded only with --sectors.
 */
import { InputError } from '../errors.js';
import type { ResolvedRun } from '../input/types.js';
import { boxFitWarnings, runInputWarnings } from '../input/limits.js';
import { derive } from '../simulation/setup.js';
import { runSectorsResolved, checkSectorRun, SectorRunStopped, type SectorRunResult, type SectorProgress } from '../parallel/sector-run.js';
import { sectorStep } from '../parallel/sectors.js';
import { morphology } from '../metrics/morphology.js';
import { nucleationOverpotential, isNoDip } from '../analysis/nucleation.js';
import { runIdentity, stableNuclei, sacNucleationOf, sacShareMetrics, damkohler, specificSurfaceArea_m2_per_g, structureMeta, resolvedForOutput, writeSpeciesPreset, writeStepSnapshot, writeSnapshotSeries, type Metrics, type StructureSource } from '../simulation/report.js';
import { TRACE_KEYS, type TraceColumns, type ProgressInfo } from '../simulation/simulation.js';
import { directionColumn } from '../simulation/cycles.js';
import { thinTrace, STORED_TRACE_MAX } from '../simulation/live.js';
import { writeCsv, writeJson, writeVti, writeExtxyz } from '../io/index.js';
import { makeWritableDir } from '../io/dirs.js';
import { cellVoltageParts } from '../electrochem/cell.js';
import { platingOf, stepCapacity_mAh_per_cm2, stepCurrent_mA_per_cm2 } from '../input/protocol.js';
import { voxelsToMAhPerCm2 } from '../simulation/progress.js';
import { writeRunFigureSpecs, type FigureSource } from '../plots/run.js';
import { renderFigures } from '../plots/library.js';
import { CM2_PER_M2, C_PER_MAH, TO } from '../units.js';
import { progressBar } from './progress-bar.js';
import { earlyEndWarnings, type StepEnd } from '../simulation/early-ends.js';
import { onStopSignals, stopLine } from './signals.js';
import { formatCompareTable } from './compare-table.js';
import { caseLabel } from '../simulation/case-label.js';
import { depositText, workText } from './work-text.js';
import { join } from 'node:path';
import { rmdirSync } from 'node:fs';
import { METAL } from '../lattice/voxel.js';
import { earlyNucleiMetrics } from '../metrics/early-nuclei.js';

/** The serial outputs a sector run does not write, with why (the summary and docs/parallel.md say the same). */
export const SECTOR_NOT_WRITTEN = 'not in a sector run\'s outputs: cycles.csv (one plating step, no cycles), checkpoint.bin (a sector run has no checkpoints), metrics.json\'s rejected_hops and first_passage_hops (not counted by the threads) and the progress line\'s overpotential (held in the threads)';

/** What a sector run's metrics.json holds beyond the serial names: the engine and the scheme's own figures. */
export interface SectorMetrics extends Omit<Metrics, 'rejected_hops' | 'first_passage_hops'> {
  engine: 'sectors';
  threads: number;
  /** the sector scheme's synchronous cycles (rounds of the threads over their sublattices), not plate/strip cycles (a sector run has none: `cycles_completed` 0) */
  cycles: number;
  /** the same number under a name that says so (mends61: `cycles` read as plate/strip cycles beside `cycles_completed`; kept for readers of it) */
  sector_cycles: number;
  /**
   * the run's input warnings (src/input/limits.ts runInputWarnings with sectors: true, printed before the run; mends120:
   * they were on stderr only, as a serial run's metrics.json carries them since mends119), then the scheme's (a box below
   * the smallest validated one: docs/parallel.md, "Small boxes")
   */
  warnings: string[];
  window_events: number;
  sums: 'start' | 'averaged';
  /** the double layer's time-weighted overpotentials (mV, negative while plating: SectorRunResult) */
  eta_plateau_mV: number;
  eta_mean_mV: number;
  eta_end_mV: number;
  /** metal voxels - (initial + reductions - oxidations): 0 when atoms are conserved */
  atom_balance: number;
  /** FNV-1a of the final lattice's voxel codes (SectorRunResult.lattice_hash) */
  lattice_hash: number;
}

/** The run's trace under the serial trace's columns (simulation.ts TraceColumns), from the sector trace. */
export function sectorTrace(run: ResolvedRun, r: SectorRunResult): TraceColumns {
  const d = derive(run);
  const step = sectorStep(run.protocol); // (the run was checked whole before it ran: checkSectorRun)
  const j = -step.current_A_per_m2; // the working electrode's current density, cycler sign (< 0 plates onto it), as pushRow's
  const counter = run.electrochem.counter ?? { i0_A_per_m2: run.metal.i0_A_per_m2, alpha: run.metal.alpha };
  // the cell voltage's parts by the one function of the serial rows (electrochem/cell.ts; no field: a sector run refuses one)
  const p = cellVoltageParts(j, { counter, f_per_V: d.f_per_V, ohmic_Ohm_m2: run.electrochem.ohmic_Ohm_m2 });
  const cmv = p.counter_V * 1e3, omv = p.ohmic_V * 1e3;
  const n = r.trace.time_s.length;
  const eta = r.trace.overpotential_mV;
  return {
    time_s: r.trace.time_s.slice(),
    kmc_time_s: r.trace.kmc_s.slice(),
    // the galvanostat's clock is the net charge over the current: time x j (C/m2) per cm2
    charge_C_per_cm2: r.trace.time_s.map((t) => (t * step.current_A_per_m2) / CM2_PER_M2),
    overpotential_mV: eta.slice(),
    current_mA_per_cm2: Array(n).fill(TO.mA_per_cm2(j)),
    counter_mV: Array(n).fill(cmv),
    ohmic_mV: Array(n).fill(omv),
    cell_voltage_mV: eta.map((e) => e + cmv + omv),
    step: Array(n).fill(0), cycle: Array(n).fill(0), half_cycle: Array(n).fill(0),
  };
}

/** metrics.json of a sector run: the serial report's names where the sector result (and its final lattice) has them. */
export function sectorMetrics(run: ResolvedRun, r: SectorRunResult, trace: TraceColumns): SectorMetrics {
  if (r.cells === undefined) throw new InputError('keepLattice', false, 'a sector result with its final lattice (keepLattice: true)');
  const d = derive(run);
  const [nx, ny, nz] = run.lattice.size;
  const step = sectorStep(run.protocol); // (the run was checked whole before it ran: checkSectorRun)
  const area_cm2 = d.area_m2 * CM2_PER_M2;
  const morph = morphology({ nx, ny, nz, cells: r.cells, voxel_m: run.lattice.voxel_m }, { hostTopZ: d.hostTopZ, foil: d.hostCode === METAL });
  const sac = sacShareMetrics(run, sacNucleationOf(r.cells, nx, ny, d.hostTopZ));
  // metal voxels still connected, as the serial app's metalCount - deadCount
  let connected = 0;
  for (let i = 0; i < r.cells.length; i++) if (r.cells[i] === METAL) connected++;
  // the first plating step's reading, as computeMetrics takes it (4 rows at least)
  let peak = NaN, plateau = NaN, nuc = NaN;
  if (trace.time_s.length >= 4) {
    const n = nucleationOverpotential(trace.time_s, trace.overpotential_mV.map((x) => x / 1e3));
    peak = n.peak_V * 1e3; plateau = n.plateau_V * 1e3; nuc = n.nucleation_V * 1e3;
  }
  const charge = (r.deposited_voxels * d.q_C) / area_cm2;
  const time_s = (r.deposited_voxels * d.q_C) / (step.current_A_per_m2 * d.area_m2);
  return {
    ...runIdentity(run),
    engine: 'sectors', threads: r.threads, cycles: r.cycles, sector_cycles: r.cycles, warnings: [...runInputWarnings(run, { sectors: true }), ...r.warnings], window_events: r.windowEvents, sums: r.sums,
    charge_C_per_cm2: charge,
    charge_mAh_per_cm2: charge / C_PER_MAH,
    applied_charge_C_per_cm2: (step.current_A_per_m2 * time_s) / CM2_PER_M2,
    deposited_voxels: r.deposited_voxels,
    charge_per_voxel_C: d.q_C,
    events: r.events,
    first_passage_exits: 0, // lone adatoms hop one hop at a time in a sector run (adatoms: 'exact')
    wall_s: r.wall_s,
    events_per_s: r.wall_s > 0 ? r.events / r.wall_s : 0,
    peak_overpotential_mV: peak, plateau_overpotential_mV: plateau, nucleation_overpotential_mV: nuc,
    nucleation_no_dip: Number.isFinite(nuc) ? isNoDip(nuc) : null,
    mean_height_nm: morph.mean_height_nm, rms_roughness_nm: morph.rms_roughness_nm, max_height_nm: morph.max_height_nm, porosity: morph.porosity,
    specific_surface_area: morph.specific_surface_area,
    specific_surface_area_m2_per_g: specificSurfaceArea_m2_per_g({ run }, morph.specific_surface_area),
    surface_area_ratio: morph.surface_area_ratio,
    void_surface_area_ratio: morph.void_surface_area_ratio,
    void_voxels: morph.void_voxels,
    island_count: morph.island_count,
    nucleus_density_per_um2: morph.nucleus_density_per_um2,
    ...stableNuclei(morph),
    sac_nucleation_share: sac.share, sac_nucleation_share_chance: sac.chance,
    host_coverage: morph.host_coverage,
    // one plating step, no SEI (refused): the cycle summary's figures of such a run
    dead_metal_fraction: r.deposited_voxels > 0 ? r.dead_voxels / r.deposited_voxels : 0,
    sei_charge_fraction: 0,
    active_sac_fraction: 1,
    damkohler_number: damkohler({ run, d }),
    dead_fraction_of_deposit: morph.dead_fraction,
    dead_voxels: r.dead_voxels,
    connected_voxels: connected,
    average_ce: null,
    cycles_completed: 0,
    reductions: r.reductions, oxidations: r.oxidations, hops: r.hops,
    steps_ended: [r.ended],
    steps_current_mA_per_cm2: [stepCurrent_mA_per_cm2(step)],
    steps_capacity_mAh_per_cm2: [stepCapacity_mAh_per_cm2(step)],
    ...platingOf(run.protocol),
    time_s,
    kmc_time_s: r.kmc_time_s,
    eta_plateau_mV: r.eta_plateau_mV, eta_mean_mV: r.eta_mean_mV, eta_end_mV: r.eta_end_mV,
    atom_balance: r.atom_balance, lattice_hash: r.lattice_hash,
    // the nuclei counted before they coalesce (earlyapi: a sector run had no early_* keys), from the threads' reading
    // (parallel/sector-worker.ts: the serial engine's lookAtRow) by the serial report's earlyNucleiMetrics
    ...earlyNucleiMetrics(r.early, run.sacs.length > 0),
  };
}

/** The sector run dressed as the serial writers read a Simulation (report.ts StructureSource, plots/run.ts FigureSource). */
function asSource(run: ResolvedRun, r: SectorRunResult, trace: TraceColumns, m: SectorMetrics): StructureSource & FigureSource {
  const d = derive(run);
  const [nx, ny, nz] = run.lattice.size;
  return {
    run, d, time: m.time_s, netVoxels: r.deposited_voxels, area_cm2: d.area_m2 * CM2_PER_M2,
    grid: { nx, ny, nz, cells: r.cells!, voxel_m: run.lattice.voxel_m },
    trace, stepResults: [{ kind: 'plate', samples: [0, trace.time_s.length] }],
  } as unknown as StructureSource & FigureSource;
}

/** Writes the sector run's outputs into outDir (cleared first by `clear`); returns the files. */
export function writeSectorOutputs(run: ResolvedRun, r: SectorRunResult, outDir: string): { files: string[]; metrics: SectorMetrics; trace: TraceColumns } {
  const trace = sectorTrace(run, r);
  const metrics = sectorMetrics(run, r, trace);
  makeWritableDir(outDir, '--out');
  const files: string[] = [];
  const etaPath = join(outDir, 'eta.csv');
  // the serial run's columns, `direction` (simulation/cycles.ts rowLabels) last
  // mends117: charge_mAh_per_cm2 appended after it, as the serial run's (simulation/report.ts writeOutputs)
  const cols: (number | string)[][] = [...TRACE_KEYS.map((k) => trace[k] ?? []), directionColumn(run.protocol, trace), Array.from(trace.charge_C_per_cm2, (q) => q / C_PER_MAH)];
  writeCsv(etaPath, [...TRACE_KEYS as string[], 'direction', 'charge_mAh_per_cm2'], (function* () { for (let i = 0; i < trace.time_s.length; i++) yield cols.map((c) => c[i]!); })());
  files.push(etaPath);
  const step = run.protocol[0] as { text: string };
  const src = asSource(run, r, trace, metrics);
  const stepsPath = join(outDir, 'steps.csv');
  writeCsv(stepsPath, ['step', 'cycle', 'half_cycle', 'kind', 'protocol', 'charge_C_per_cm2', 'net_voxels', 'duration_s', 'kmc_duration_s', 'events', 'ended',
    'connected_voxels', 'dead_voxels', 'porosity', 'rms_roughness_nm', 'mean_height_nm', 'charge_mAh_per_cm2'],
  [[0, 0, 0, 'plate', step.text, metrics.charge_C_per_cm2, r.deposited_voxels, metrics.time_s, r.kmc_time_s, r.events, r.ended,
    metrics.connected_voxels, r.dead_voxels, metrics.porosity, metrics.rms_roughness_nm, metrics.mean_height_nm, metrics.charge_C_per_cm2 / C_PER_MAH]]);
  files.push(stepsPath);
  if (run.output.snapshots) {
    files.push(...writeStepSnapshot(src, outDir, { index: 0, kind: 'plate', cycle: 0, half_cycle: 0, dead_voxels: r.dead_voxels, connected_voxels: metrics.connected_voxels }));
  }
  const meta = structureMeta(src);
  const formats = run.output.structures ?? ['vti', 'extxyz'];
  if (formats.includes('vti')) { const f = join(outDir, 'final.vti'); writeVti(f, src.grid, meta); files.push(f, writeSpeciesPreset(outDir, run)); }
  if (formats.includes('extxyz')) { const f = join(outDir, 'final.extxyz'); writeExtxyz(f, src.grid, meta); files.push(f); }
  const series = writeSnapshotSeries(outDir);
  if (series) files.push(series);
  const resolved = join(outDir, 'resolved.json');
  writeJson(resolved, resolvedForOutput({ run, d: derive(run) }));
  files.push(resolved);
  files.push(...writeRunFigureSpecs(src, outDir, metrics as unknown as Metrics, { cycles: [] }));
  const mpath = join(outDir, 'metrics.json');
  writeJson(mpath, metrics);
  files.push(mpath);
  return { files, metrics, trace };
}

/** What `simulate --sectors` was given besides the run (flags already checked by actions/sim.ts). */
export interface SectorSimulateOptions {
  file: string;
  threads: number;
  out?: string;
  json?: boolean;
  store: boolean;
  db?: string;
  figures: boolean;
  /** clears a previous run's --out folder (prepareOutDir's laterClear): called just before the first file */
  clear: () => void;
  /** the --out folder did not exist before this run (prepareOutDir made it): a stop removes it, empty (review47) */
  made?: boolean;
}

/**
 * The progress line's numbers of a sector run, in the serial run's terms (simulation/progress.ts): the step's furthest
 * count against its target (the fraction by it) and the box's net count now, which the line adds where the box has run
 * back from the furthest, `(0.0012 of 0.01 mAh/cm2 at its furthest, net 0.00115 now)` (mends83: mends81 changed the
 * serial line only, and this one gave the net alone as the step's count); no overpotential (held in the threads) and no
 * first-passage exits (not counted by the threads).
 */
export function sectorProgressInput(p: SectorProgress, d: { q_C: number; area_m2: number }, stepText: string): ProgressInfo {
  const f = p.target > 0 ? Math.min(1, Math.max(0, p.furthest / p.target)) : 0;
  const mAh = (n: number) => voxelsToMAhPerCm2(n, d.q_C, d.area_m2);
  return {
    step: 0, steps: 1, stepFraction: f, fraction: f, events: p.events, events_per_s: p.wall_s > 0 ? p.events / p.wall_s : 0,
    charge_C_per_cm2: (p.net * d.q_C) / (d.area_m2 * CM2_PER_M2), overpotential_mV: NaN, stepText,
    stepDone: mAh(p.furthest), stepNet: mAh(p.net), stepTarget: mAh(p.target), stepUnit: 'mAh/cm2', first_passage_exits: 0,
  };
}

/** Runs the resolved run on o.threads threads with the sector scheme, writes its outputs, records it and prints its summary. */
export async function simulateSectors(run: ResolvedRun, o: SectorSimulateOptions): Promise<void> {
  const step = checkSectorRun(run, { threads: o.threads });
  const d = derive(run);
  const ctl = new AbortController();
  const bar = progressBar('simulate', process.stderr, { noEta: 'held in the threads (sector run)', boxFills: boxFitWarnings(run, { sectors: true }).length > 0 });
  const stepText = step.text;
  const offSignals = onStopSignals((sig) => {
    ctl.abort();
    process.stderr.write(stopLine(sig, 'stopping the sector run: its threads are terminated'));
  });
  let r: SectorRunResult;
  try {
    try {
      r = await runSectorsResolved(run, { threads: o.threads, keepLattice: true }, {
        signal: ctl.signal,
        onProgress: (p) => bar.update(sectorProgressInput(p, d, stepText)),
      });
    } finally {
      bar.stop();
    }
  } catch (e) {
    offSignals();
    if (e instanceof SectorRunStopped) {
      // the new folder made for the outputs is not left behind empty (rmdir: only if still empty)
      if (o.made && o.out !== undefined) { try { rmdirSync(o.out); } catch { /* not empty or gone: left as it is */ } }
      process.stderr.write(`sacplate: sector run stopped, its threads terminated; a sector run has no checkpoint, so nothing of it is kept${o.out ? ` (nothing was written to ${o.out})` : ''} and it was not recorded\n`);
      process.exitCode = 130;
      return;
    }
    throw e;
  }
  // the run has ended: a signal now waits for its outputs (as the serial run's "writing its last outputs"); the new
  // handler first, then the old one off (a signal's last listener removed closes its watch: signals.ts)
  const offLate = onStopSignals((sig) => process.stderr.write(stopLine(sig, 'the sector run has finished; writing its outputs, then exiting')));
  offSignals();
  try {
    let files: string[] = [];
    let metrics: SectorMetrics, trace: TraceColumns;
    if (o.out !== undefined) {
      o.clear();
      ({ files, metrics, trace } = writeSectorOutputs(run, r, o.out));
      if (o.figures) files.push(...(await renderFigures(o.out)));
    } else {
      trace = sectorTrace(run, r);
      metrics = sectorMetrics(run, r, trace);
    }
    for (const w of r.warnings) process.stderr.write(w + '\n');
    // a step that ended before its charge: the serial run's line, which says why and what to do (it was "ended at
    // box_full, not at its charge": review47), with the voxels
    if (r.ended !== 'charge') {
      const lines = earlyEndWarnings([{ index: 0, ended: r.ended as StepEnd['ended'], text: stepText, charge_C_per_cm2: metrics.charge_C_per_cm2, duration_s: metrics.time_s }], '', run.protocol);
      for (const w of lines.length ? lines : [`warning: the sector run's step ended at ${r.ended}, not at its charge`]) process.stderr.write(`${w} (${r.deposited_voxels} of ${r.target_voxels} voxels)\n`);
    }
    if (o.store) {
      const { openStore } = await import('../store/index.js');
      const store = openStore(o.db);
      try {
        // with its thinned trace, as the serial run's (the workbench's Run and Compare pages plot it: review47; one plating step, no cycles)
        const id = store.recordRun({ name: o.file, input: run.source ?? run, metrics, ...(o.out !== undefined ? { outDir: o.out } : {}), artefacts: files, status: 'finished', trace: thinTrace(trace, STORED_TRACE_MAX), cycles: [] });
        process.stderr.write(`recorded run ${id} (engine: sectors, in its metrics)\n`);
      } finally { store.close(); }
    }
    if (o.json) process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    else {
      process.stdout.write(formatCompareTable([{ name: caseLabel(metrics), runs: [metrics as unknown as Metrics], run }]) + '\n');
      process.stdout.write(`${depositText(metrics.deposited_voxels)}, ${metrics.charge_mAh_per_cm2.toExponential(3)} mAh/cm2, ${workText({ ...metrics, first_passage_hops: 0 })} in ${metrics.wall_s.toFixed(2)} s (${Math.round(metrics.events_per_s)} events/s)\n`);
      process.stdout.write(`ran on ${o.threads} thread${o.threads === 1 ? '' : 's'} with the sector scheme (one trajectory, ${r.cycles} sector cycles: synchronous rounds of the threads, not plate/strip cycles): an approximation of the serial engine, its error measured in docs/parallel.md\n`);
      process.stdout.write(`${SECTOR_NOT_WRITTEN}\n`);
      if (o.out) process.stdout.write(`outputs in ${o.out}\n`);
    }
  } finally {
    offLate();
  }
}

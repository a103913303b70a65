/** fieldcost66's end-of-run line: a run mostly in the electrolyte field on a grid finer than one that would do names a
 * coarser `cell.field_cell` (moved from cli/transport-lines.ts, session 67: the server's Run page prints it too). */
import type { TransportMetrics } from './report.js';
import type { ProtocolEntry, ProtocolStep, ResolvedRun } from '../input/types.js';
import { layerHeights } from './concentration.js';
import { divisors, fmtNm, gcd } from '../input/transport.js';
import { groupedCount } from '../simulation/progress.js';

/** the field's share of the run's wall time above which the end of a run names a coarser grid (branch fieldcost66) */
export const FIELD_CELL_HINT_SHARE = 0.8;
/** ... when every galvanostatic step's current is at most this fraction of the limiting current (a near-uniform field) */
export const FIELD_CELL_HINT_CURRENT = 0.1;

/** a grid's cells for lateral cells of b voxels: columns x layers (fields/concentration.ts layerHeights) */
function cellsOf(run: Pick<ResolvedRun, 'lattice'>, distance_m: number, b: number): { columns: [number, number]; layers: number; cells: number } {
  const [nx, ny, nz] = run.lattice.size, a = run.lattice.voxel_m;
  const layers = layerHeights(nz, a, b, run.lattice.hostLayers * a + distance_m).heights.length;
  return { columns: [nx / b, ny / b], layers, cells: (nx / b) * (ny / b) * layers };
}

function protocolSteps(entries: readonly ProtocolEntry[]): ProtocolStep[] {
  return entries.flatMap((e) => ('repeat' in e ? (e.repeat > 0 ? protocolSteps(e.steps) : []) : [e]));
}

/**
 * Branch fieldcost66: a run that spent more than FIELD_CELL_HINT_SHARE of its wall time in the electrolyte field, on a
 * grid finer than a coarser one that would do, ends with one line: the share, and the `cell.field_cell` to try with
 * what it trades. "Would do": every galvanostatic step (plate, strip, pulse) at most FIELD_CELL_HINT_CURRENT of the
 * limiting current and no potentiostatic step (its current is not known before the run), so the field is near uniform;
 * the line names the finest allowed cell whose grid has at most cells x (1 - share) / share cells (the field's cost
 * goes with its cells: every faradaic event updates it on any of these grids, docs/transport.md "A small box's field
 * cost"), or the coarsest allowed one when none has that few. Undefined otherwise (no field, walkers, a share at or
 * below the threshold, a current above it, or no coarser allowed cell).
 * Until fieldcost66 the end of such a run said nothing (the progress line's pointer to cell.field_cell went with it):
 * the user's Li||Cu file (8 x 8 x 64 voxels of 100 nm, LiTFSI-DOL-DME, 1 mA/cm2) spent 97 % of 35 s in the field.
 */
export function fieldCellLine(
  t: Pick<TransportMetrics, 'field_wall_share' | 'field_updates' | 'field_grid' | 'limiting_current_mA_per_cm2'> | undefined,
  run: Pick<ResolvedRun, 'protocol' | 'transport' | 'lattice'>,
): string | undefined {
  const tp = run.transport;
  if (!tp || tp.mode === 'walkers' || !t) return undefined;
  // lead (session 67): with cell.migration: ohmic the field's share is mostly the liquid's potential solves, and the
  // line's evidence (docs/transport.md, "A small box's field cost") was measured without migration: no line.
  if (tp.migration === 'ohmic') return undefined;
  const share = t.field_wall_share;
  if (!(share > FIELD_CELL_HINT_SHARE)) return undefined;
  const steps = protocolSteps(run.protocol);
  if (steps.some((s) => s.control === 'potentiostatic')) return undefined;
  const jLim_mA = t.limiting_current_mA_per_cm2;
  const maxJ_mA = Math.max(0, ...steps.filter((s) => s.control === 'galvanostatic').map((s) => s.current_A_per_m2 / 10));
  if (!(jLim_mA > 0) || maxJ_mA > FIELD_CELL_HINT_CURRENT * jLim_mA) return undefined;
  const b = tp.cell_voxels;
  const coarser = divisors(gcd(run.lattice.size[0], run.lattice.size[1])).filter((d) => d > b);
  if (coarser.length === 0) return undefined;
  const now = cellsOf(run, tp.distance_m, b);
  const budget = now.cells * (1 - share) / share;
  const grids = coarser.map((d) => ({ d, ...cellsOf(run, tp.distance_m, d) }));
  const pick = grids.find((g) => g.cells <= budget) ?? grids[grids.length - 1]!;
  const a = run.lattice.voxel_m;
  const pct = (x: number) => `${Number((x * 100).toPrecision(2))} %`;
  return `the electrolyte field took ${Math.round(share * 100)} % of the wall time (${groupedCount(t.field_updates)} updates of its ${groupedCount(now.cells)} cells); ` +
    `at ${pct(maxJ_mA / jLim_mA)} of the limiting current it is near uniform: try cell.field_cell: ${fmtNm(pick.d * a)} ` +
    `(${pick.columns[0]} x ${pick.columns[1]} columns, ${pick.layers} layers: ${groupedCount(pick.cells)} cells), which gives up the salt's detail below ` +
    `${fmtNm(pick.d * a)} for speed: on a Li||Cu run at 0.24 % of it, 400 nm cells took a tenth of the CPU time of 100 nm ones and read the same CE, ` +
    `nucleation and plating mV, dead and SEI % within the seed spread, the stripping plateau 7 [-1, +14] mV higher (docs/transport.md, "A small box's field cost")`;
}

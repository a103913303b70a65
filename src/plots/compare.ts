/**
 * Figures of a comparison: the overpotential traces of all cases overlaid (vs net plated charge),
 * and the model's nucleation overpotential beside the reported one for each case that has a
 * literature figure. Built from the cases' own output folders (eta.csv) and the table rows.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../io/csv.js';
import { lineSpec, VEGA_LITE_SCHEMA, PALETTE, type Series, type VegaLiteSpec } from './spec.js';
import { C_PER_MAH } from '../units.js';
import { ETA_AXIS, NET_CHARGE_AXIS } from './axis-labels.js';

/** Reads charge (C/cm2) and overpotential (mV) columns of a run's eta.csv. */
export function readEtaCsv(file: string): { charge_C_per_cm2: number[]; overpotential_mV: number[]; time_s: number[] } {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const head = rows[0] ?? [];
  const iq = head.indexOf('charge_C_per_cm2'), ie = head.indexOf('overpotential_mV'), it = head.indexOf('time_s');
  const out = { charge_C_per_cm2: [] as number[], overpotential_mV: [] as number[], time_s: [] as number[] };
  for (const c of rows.slice(1)) {
    out.charge_C_per_cm2.push(Number(c[iq])); out.overpotential_mV.push(Number(c[ie])); out.time_s.push(Number(c[it]));
  }
  return out;
}

/**
 * All cases' overpotential against net plated charge. A trace identical to an earlier case's (every row's charge and
 * overpotential the same) is drawn dashed over it and named "<case> (identical to <earlier case>)" in the legend
 * (mends104; review82 finding 10: the main job's Li on Cu lay exactly under Li on graphene, three legend entries and two
 * lines, and the Cu case read as one that failed to plot).
 */
export function overlaySpec(cases: { name: string; dir: string }[], title: string): VegaLiteSpec | undefined {
  const read = cases.filter((c) => existsSync(join(c.dir, 'eta.csv'))).map((c) => {
    const t = readEtaCsv(join(c.dir, 'eta.csv'));
    return { name: c.name, x: t.charge_C_per_cm2.map((q) => q / C_PER_MAH), y: t.overpotential_mV };
  });
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const series = read.map((s, i) => {
    const twin = read.slice(0, i).find((e) => same(e.x, s.x) && same(e.y, s.y));
    return twin ? { ...s, name: `${s.name} (identical to ${twin.name})`, dash: true } : s;
  });
  if (series.length === 0) return undefined;
  return lineSpec({ title, xlabel: NET_CHARGE_AXIS, ylabel: ETA_AXIS, series });
}

/**
 * audit70b: `compare --measured --out`'s figure of the cases' overpotentials (the overlay's left panel, its own axes)
 * beside each measured cell's voltage against its net plated charge per area (right panel): a simulated box plates
 * thousandths of a mAh/cm2, a cell mAh/cm2, so one axis would squeeze one of them flat (the workbench's Compare page draws
 * them apart too). Undefined where no measured cell has a trace (no area known) or no case has an eta.csv.
 */
export function besideMeasuredSpec(cases: { name: string; dir: string }[], measured: { name: string; trace: { charge_mAh_per_cm2: number[]; cell_voltage_mV: number[]; piece?: number[] } | null }[], title: string): VegaLiteSpec | undefined {
  const sim = overlaySpec(cases, 'simulated: working-electrode overpotential (a line per step)');
  const drawn = measured.filter((m) => m.trace !== null && m.trace.charge_mAh_per_cm2.length > 1);
  if (!sim || drawn.length === 0) return undefined;
  // measured70: the simulated panel too is a line per step: a plate/strip case's line turned back on itself at each
  // turn of the charge; its pieces are cut where the net charge turns (its sign of change; a rest, no change, cuts
  // nothing), the turning point ending one piece and starting the next, and drawn as the measured ones are (pieceLines)
  const simRows = (sim as unknown as { data: { values: { x: number; y: number; series: string; order: number }[] } }).data.values;
  const bySeries = new Map<string, typeof simRows>();
  for (const r of simRows) (bySeries.get(r.series) ?? bySeries.set(r.series, []).get(r.series)!).push(r);
  const simPieced: PieceRow[] = [];
  for (const [name, rs] of bySeries) {
    rs.sort((a, b) => a.order - b.order);
    let piece = 0, dir = 0;
    rs.forEach((r, k) => {
      const d = k > 0 ? Math.sign(r.x - rs[k - 1]!.x) : 0;
      if (d !== 0 && dir !== 0 && d !== dir) { piece++; simPieced.push({ ...rs[k - 1]!, piece: `${name}#${piece}` }); }
      if (d !== 0) dir = d;
      simPieced.push({ ...r, piece: `${name}#${piece}` });
    });
  }
  pieceLines(sim, simPieced);
  // mends70: traces cut into their steps under current (measuredVoltageTrace with directions) are drawn as they are, a
  // line per step (Vega-Lite's detail: a plating and its strip were one line that turned back on itself), rests left
  // out, which the panel's title says
  const pieced = drawn.some((m) => m.trace!.piece !== undefined);
  const cell = lineSpec({
    title: pieced ? 'measured: cell voltage under current (rests left out; a line per step)' : 'measured: cell voltage', xlabel: NET_CHARGE_AXIS, ylabel: 'cell voltage (mV, < 0 while plating onto the working electrode)',
    series: drawn.map((m, i) => ({ name: m.name, x: m.trace!.charge_mAh_per_cm2, y: m.trace!.cell_voltage_mV, color: PALETTE[(cases.length + i) % PALETTE.length]! })),
  });
  if (pieced) {
    const rows: { x: number; y: number; series: string; order: number; piece: string }[] = [];
    for (const m of drawn) {
      const { charge_mAh_per_cm2: x, cell_voltage_mV: y, piece } = m.trace!;
      for (let k = 0; k < x.length; k++) if (Number.isFinite(x[k]!) && Number.isFinite(y[k]!)) rows.push({ x: x[k]!, y: y[k]!, series: m.name, order: k, piece: `${m.name}#${piece?.[k] ?? 0}` });
    }
    pieceLines(cell, rows);
  }
  const panel = (v: VegaLiteSpec): Record<string, unknown> => { const { $schema: _s, config: _c, usermeta: _u, ...rest } = v as Record<string, unknown>; return rest; };
  return {
    $schema: VEGA_LITE_SCHEMA, title,
    hconcat: [panel(sim), panel(cell)],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    config: (sim as Record<string, unknown>).config,
    usermeta: { sacplate: { kind: 'beside-measured', cases: cases.map((c) => c.name), measured: drawn.map((m) => m.name) } },
  } as VegaLiteSpec;
}

/** A line plot's point with its piece (series#n): a line per piece (mends70's measured panel; measured70 the simulated one) */
type PieceRow = { x: number; y: number; series: string; order: number; piece: string };
/** `spec` (a lineSpec) drawn from `rows`, its lines one per piece (Vega-Lite detail) in place of one per series */
function pieceLines(spec: VegaLiteSpec, rows: PieceRow[]): void {
  const c = spec as unknown as { data: { values: unknown[] }; layer: { mark?: { type?: string }; encoding?: Record<string, unknown> }[] };
  c.data = { values: rows };
  for (const l of c.layer) if (l.mark?.type === 'line' && l.encoding) l.encoding.detail = { field: 'piece' };
}

/** The series name of a measured cell's point in compare's nucleation figure (audit70b). */
export const MEASURED_SOURCE = 'measured (cycler file)';

/**
 * Model vs reported nucleation overpotential per case (cases without a reported figure show the model only). A row with
 * `measured_mV` is a `compare --measured` cell (audit70b: the table had its row, the figure did not), drawn as its own
 * series beside the cases; a measured row without a reading (its protocol check, no dip read) has no point.
 */
export function besideLiteratureSpec(rows: { name: string; model_mV: number; lo?: number; hi?: number; lit_mV?: number; ref?: number; measured_mV?: number }[], title: string): VegaLiteSpec {
  const values: Record<string, unknown>[] = [];
  for (const r of rows) {
    if (r.measured_mV !== undefined) {
      if (Number.isFinite(r.measured_mV)) values.push({ case: r.name, source: MEASURED_SOURCE, mV: r.measured_mV, lo: r.measured_mV, hi: r.measured_mV });
      continue;
    }
    if (Number.isFinite(r.model_mV)) values.push({ case: r.name, source: 'model (kMC)', mV: r.model_mV, lo: r.lo ?? r.model_mV, hi: r.hi ?? r.model_mV });
    if (r.lit_mV !== undefined) values.push({ case: r.name, source: `reported (review ref ${r.ref})`, mV: r.lit_mV, lo: r.lit_mV, hi: r.lit_mV });
  }
  const sources = [...new Set(values.map((v) => v.source as string))];
  const color = { field: 'source', type: 'nominal', title: null, scale: { domain: sources, range: sources.map((_, i) => PALETTE[i % PALETTE.length]!) } };
  // audit70b: names wider than their band (about 7 px a character at the axis' 11 px font) are slanted: the main job's
  // "Li on graphene + Zn-N4 (3 %)" beside a measured "licu_neware.csv (measured)" ran into each other, unreadable
  const WIDTH = 480;
  const slant = rows.some((r) => r.name.length * 7 > WIDTH / Math.max(1, rows.length) - 8);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title, width: WIDTH, height: 280,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 80 }, encoding: { x: { field: 'case', type: 'nominal', title: null, sort: rows.map((r) => r.name), axis: slant ? { labelAngle: -30, labelAlign: 'right', labelLimit: 260 } : { labelAngle: 0, labelLimit: 260 } }, xOffset: { field: 'source' }, y: { field: 'mV', type: 'quantitative', title: 'nucleation overpotential (mV)' }, color } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'case', type: 'nominal', sort: rows.map((r) => r.name) }, xOffset: { field: 'source' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    ],
    config: { font: 'DejaVu Sans', background: 'white', legend: { orient: 'bottom', labelLimit: 360 }, title: { fontSize: 14, fontWeight: 'normal', anchor: 'start' } },
    usermeta: { sacplate: { kind: 'beside-literature', series: sources } },
  };
}

/** A run folder's cycles.csv as numbers by column (cycle, ce, dead_charge_fraction, sei_charge_fraction, ...); undefined without one or without rows. */
export function readCyclesCsv(file: string): Record<string, number[]> | undefined {
  if (!existsSync(file)) return undefined;
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const head = rows[0] ?? [];
  const body = rows.slice(1).filter((r) => r.length > 1 || (r[0] ?? '') !== '');
  if (body.length === 0) return undefined;
  const out: Record<string, number[]> = {};
  head.forEach((h, j) => { out[h] = body.map((r) => (r[j] === undefined || r[j] === '' ? NaN : Number(r[j]))); });
  return out;
}

/** The axis titles of compare's cycles figure (cmp64). */
export const CYCLES_CE_AXIS = 'CE (%)';
export const CYCLES_SHARE_AXIS = 'dead metal, SEI (% of plated in the cycle)';

/**
 * compare's figure of the cases' cycles (cmp64; cycaudit64: compare drew no CE / dead metal / SEI figure across cases):
 * on top each case's CE per cycle (cycles.csv `ce`, a line a case), below the dead metal formed in each cycle and the
 * metal bound in SEI in it, as % of the cycle's plating (cycles.csv `dead_charge_fraction`, `sei_charge_fraction`: a
 * solid and a dashed line in the case's colour; SEI only for a case run with `sei:`). The run figures' line style
 * (lineSpec); only the cases whose folder holds a cycles.csv (a plate-only case has none); undefined where none does.
 */
export function cyclesAcrossSpec(cases: { name: string; dir: string; sei?: boolean }[], title: string): VegaLiteSpec | undefined {
  const read = cases.map((c, i) => ({ ...c, color: PALETTE[i % PALETTE.length]!, t: readCyclesCsv(join(c.dir, 'cycles.csv')) }))
    .filter((c): c is typeof c & { t: Record<string, number[]> } => c.t !== undefined && (c.t.cycle?.length ?? 0) > 0);
  if (read.length === 0) return undefined;
  const pct = (xs: number[] | undefined) => (xs ?? []).map((x) => x * 100);
  // mends65: a case's line identical to an earlier case's line of the same quantity (every cycle and value the same, as
  // the overlay compares eta traces) lay exactly under it, one colour hiding the other: it is named "(identical to
  // <case>)" in the legend and drawn over it in a dash of its own, 6-4 on the CE panel (as the overlay), dotted 2-3 on the
  // shares panel (whose SEI lines are already 6-4)
  const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) => a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const twinOf = (k: number, col: string) => read.slice(0, k).find((e) => same(e.t.cycle, read[k]!.t.cycle) && same(e.t[col], read[k]!.t[col]) && (col !== 'sei_charge_fraction' || e.sei !== false));
  const named = (name: string, twin: { name: string } | undefined) => (twin ? `${name} (identical to ${twin.name})` : name);
  const ce: Series[] = read.map((c, k) => {
    const twin = twinOf(k, 'ce');
    return { name: named(c.name, twin), x: c.t.cycle!, y: pct(c.t.ce), color: c.color, ...(twin ? { dash: true } : {}) };
  });
  const shares: Series[] = read.flatMap((c, k) => {
    const dead = twinOf(k, 'dead_charge_fraction'), sei = twinOf(k, 'sei_charge_fraction');
    return [
      { name: named(`${c.name}: dead metal`, dead), x: c.t.cycle!, y: pct(c.t.dead_charge_fraction), color: c.color, ...(dead ? { dash: [2, 3] } : {}) },
      ...(c.sei !== false && c.t.sei_charge_fraction ? [{ name: named(`${c.name}: SEI`, sei), x: c.t.cycle!, y: pct(c.t.sei_charge_fraction), color: c.color, dash: sei ? [2, 3] : true }] : []),
    ];
  });
  const top = lineSpec({ title: 'Coulombic efficiency per cycle', xlabel: 'cycle', ylabel: CYCLES_CE_AXIS, yMinSpan: 2, xIntegers: true, series: ce });
  const bottom = lineSpec({ title: 'dead metal formed (solid) and metal bound in SEI (dashed) in each cycle', xlabel: 'cycle', ylabel: CYCLES_SHARE_AXIS, yMinSpan: 1, yFloor: 0, xIntegers: true, series: shares });
  const panel = (s: VegaLiteSpec) => {
    const { $schema: _s, config: _c, usermeta: _u, ...rest } = s;
    return rest;
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    vconcat: [panel(top), panel(bottom)],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
    config: top.config,
    usermeta: { sacplate: { kind: 'cycles-across-cases', series: ce.map((s) => s.name), shares: shares.map((s) => s.name) } },
  };
}

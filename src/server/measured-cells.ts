/**
 * The Compare page's measured cells (cmpmeas67): a cycler file uploaded to POST /api/compare/measured, read as
 * `sacplate compare --measured FILE --protocol P --area A --map M` reads it (batch/measured-rows.ts measuredReading: the
 * same row, legend and notes), kept in this server's memory under an id (the upload itself is removed once read) so
 * that GET /api/compare and GET /api/compare/csv can put it beside the chosen runs (`measured=ID`), as compare's table
 * and compare.csv have it. The latest MEASURED_KEPT are kept; a server restart forgets them (the page uploads again).
 */
import { randomBytes } from 'node:crypto';
import { measuredLegendText, measuredNoteLines, measuredReading, measuredVoltageTrace, type MeasuredProtocol } from '../batch/measured-rows.js';
import type { TableRow } from '../batch/table.js';
import { measuredReadOptions, withMeasuredNames } from '../cycler/measured-options.js';

/** how many measured cells a server keeps (the oldest dropped first) */
export const MEASURED_KEPT = 20;
export const MEASURED_ID = /^mea-[0-9a-f]{12}$/;

/** most points of a measured voltage trace sent to the page */
const TRACE_POINTS = 2000;

export interface MeasuredCell {
  id: string;
  /** compare's row: name `FILE (measured)`, its one `runs` entry the metrics.json keys analyze read */
  row: TableRow;
  /** the row as the API gives it */
  view: {
    id: string; name: string; file: string; protocol: MeasuredProtocol; source: 'measured';
    metrics: Record<string, number>;
    /** compare's legend line for it and its `note:` lines, the CLI's words */
    legend: string; notes: string[];
    /** analyze --protocol licu's cycles table: each cycle's CE (null for a partial cycle); empty for symmetric and aurbach */
    cycles: { cycle: number; ce: number | null; partial: boolean }[];
    /** the file's cell voltage (mV, its own sign) against its net plated charge (mAh/cm2: the integral of -I dt over the area), thinned; null without an area */
    trace: { charge_mAh_per_cm2: number[]; cell_voltage_mV: number[] } | null;
    /** why there is no trace */
    trace_note?: string;
  };
}

/** The measured cells of one server. */
export class MeasuredCells {
  private cells = new Map<string, MeasuredCell>();

  /**
   * Reads `file` (an upload, shown as `display`) as compare --measured does; the options named as the API's query
   * parameters (protocol, area, map); the route says the reader's refusals with the display name for the upload's path.
   */
  async read(file: string, display: string, protocol: MeasuredProtocol, area: string | undefined, map: string | undefined): Promise<MeasuredCell['view']> {
    const names = { area: 'area', map: 'map' };
    const opts = measuredReadOptions(area, map, names);
    const got = await withMeasuredNames(() => measuredReading(file, protocol, opts, display), names);
    const { row, report, table } = got;
    const id = `mea-${randomBytes(6).toString('hex')}`;
    const metrics = Object.fromEntries(Object.entries(row.runs[0] as unknown as Record<string, unknown>).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))) as Record<string, number>;
    const cycles = (report.licu?.cycles ?? []).map((c) => ({ cycle: c.cycle, ce: !c.partial && Number.isFinite(c.ce) ? c.ce : null, partial: c.partial === true }));
    const { trace, note } = measuredVoltageTrace(table.columns, table.rows, report.area_cm2, TRACE_POINTS);
    const view: MeasuredCell['view'] = {
      id, name: row.name, file: display, protocol, source: 'measured', metrics,
      legend: measuredLegendText(row, false), notes: measuredNoteLines(row), cycles, trace, ...(note ? { trace_note: note } : {}),
    };
    this.cells.set(id, { id, row, view });
    while (this.cells.size > MEASURED_KEPT) this.cells.delete(this.cells.keys().next().value!);
    return view;
  }

  get(id: string): MeasuredCell | undefined { return this.cells.get(id); }
}


/**
 * Figures of a comparison: the overpotential traces of all cases overlaid (vs net plated charge),
 * and the model's nucleation overpotential beside the reported one for each case that has a
 * literature figure. Built from the cases' own output folders (eta.csv) and the table rows.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../io/csv.js';
import { lineSpec, VEGA_LITE_SCHEMA, PALETTE, type VegaLiteSpec } from './spec.js';
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

/** Model vs reported nucleation overpotential per case (cases without a reported figure show the model only). */
export function besideLiteratureSpec(rows: { name: string; model_mV: number; lo?: number; hi?: number; lit_mV?: number; ref?: number }[], title: string): VegaLiteSpec {
  const values: Record<string, unknown>[] = [];
  for (const r of rows) {
    if (Number.isFinite(r.model_mV)) values.push({ case: r.name, source: 'model (kMC)', mV: r.model_mV, lo: r.lo ?? r.model_mV, hi: r.hi ?? r.model_mV });
    if (r.lit_mV !== undefined) values.push({ case: r.name, source: `reported (review ref ${r.ref})`, mV: r.lit_mV, lo: r.lit_mV, hi: r.lit_mV });
  }
  const sources = [...new Set(values.map((v) => v.source as string))];
  const color = { field: 'source', type: 'nominal', title: null, scale: { domain: sources, range: sources.map((_, i) => PALETTE[i % PALETTE.length]!) } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title, width: 480, height: 280,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 80 }, encoding: { x: { field: 'case', type: 'nominal', title: null, sort: rows.map((r) => r.name), axis: { labelAngle: 0, labelLimit: 260 } }, xOffset: { field: 'source' }, y: { field: 'mV', type: 'quantitative', title: 'nucleation overpotential (mV)' }, color } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'case', type: 'nominal', sort: rows.map((r) => r.name) }, xOffset: { field: 'source' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    ],
    config: { font: 'DejaVu Sans', background: 'white', legend: { orient: 'bottom', labelLimit: 360 }, title: { fontSize: 14, fontWeight: 'normal', anchor: 'start' } },
    usermeta: { sacplate: { kind: 'beside-literature', series: sources } },
  };
}

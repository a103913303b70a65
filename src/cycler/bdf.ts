/**
 * Writing the canonical table as a Battery Data Format CSV (the names of ontology 1.3.0): header
 * row of BDF machine-readable names, one row per sample, empty cells for missing values. Streams batch by batch with
 * back-pressure, so memory stays bounded for any file size.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { CyclerStream } from './read.js';
import type { BdfColumn } from './columns.js';
import { csvNumber } from '../io/csv.js';

/**
 * Shortest text for a value, rounded to 12 significant digits (hides unit-conversion noise); a
 * missing or non-finite value, which no BDF reader parses, as an empty cell. The package's one CSV
 * number format (io/csv.ts).
 */
export const fmt = csvNumber;

/**
 * Header names written for the canonical columns whose BDF name changed (ontology 1.3.0, July
 * 2026): the program's step is `step_id` (1.3.0 deprecates `step_index` and gives that name's
 * meaning, renamed `step_record_index`, to a row counter within a step); the per-step |I| and
 * energy accumulators are `step_cumulative_*` (1.1.0). Every other column is written under its
 * own name. The reader takes both spellings (bdf-names.ts).
 */
export const WRITTEN_NAME: Partial<Record<BdfColumn, string>> = {
  step_index: 'step_id',
  step_capacity_ah: 'step_cumulative_capacity_ah',
  step_energy_wh: 'step_cumulative_energy_wh',
};

export async function writeBdf(src: CyclerStream, out: Writable): Promise<{ rows: number; columns: string[] }> {
  const ncol = src.columns.length;
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const names = src.columns.map((c) => WRITTEN_NAME[c] ?? c);
  await write(names.join(',') + '\n');
  let rows = 0;
  for await (const b of src.batches()) {
    const parts: string[] = [];
    for (let r = 0; r < b.n; r++) {
      const o = r * ncol;
      let line = fmt(b.data[o]!);
      for (let c = 1; c < ncol; c++) line += ',' + fmt(b.data[o + c]!);
      parts.push(line);
    }
    rows += b.n;
    await write(parts.join('\n') + '\n');
  }
  return { rows, columns: names };
}

/**
 * The same table as BDF Parquet: the BDF machine names of the CSV (units in the names: test_time_second,
 * current_ampere, voltage_volt, ...), every column a nullable double (a missing or non-finite value as null,
 * as the CSV leaves the cell empty), one row group per `groupRows` rows: memory bounded by one row group.
 */
export async function writeBdfParquet(src: CyclerStream, file: string, groupRows = 65536): Promise<{ rows: number; columns: string[] }> {
  const { parquetSink } = await import('../io/parquet.js');
  const ncol = src.columns.length;
  const names = src.columns.map((c) => WRITTEN_NAME[c] ?? c);
  const sink = await parquetSink(file, names.map((name) => ({ name, type: 'DOUBLE' as const })));
  let cols: (number | null)[][] = names.map(() => []);
  let rows = 0;
  for await (const b of src.batches()) {
    for (let r = 0; r < b.n; r++) {
      const o = r * ncol;
      for (let c = 0; c < ncol; c++) { const v = b.data[o + c]!; cols[c]!.push(Number.isFinite(v) ? v : null); }
      if (cols[0]!.length === groupRows) { await sink.write(cols); cols = names.map(() => []); }
    }
    rows += b.n;
  }
  await sink.write(cols);
  await sink.finish();
  return { rows, columns: names };
}

/**
 * Writing the canonical table as a Battery Data Format CSV: header row of BDF machine-readable
 * names, one row per sample, empty cells for missing values. Streams batch by batch with
 * back-pressure, so memory stays bounded for any file size.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { CyclerStream } from './read.js';
import { csvNumber } from '../io/csv.js';

/**
 * Shortest text for a value, rounded to 12 significant digits (hides unit-conversion noise); a
 * missing or non-finite value, which no BDF reader parses, as an empty cell. The package's one CSV
 * number format (io/csv.ts).
 */
export const fmt = csvNumber;

export async function writeBdf(src: CyclerStream, out: Writable): Promise<{ rows: number; columns: string[] }> {
  const ncol = src.columns.length;
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(src.columns.join(',') + '\n');
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
  return { rows, columns: src.columns.slice() };
}

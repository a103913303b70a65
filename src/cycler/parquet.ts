/**
 * Cycler tables in Parquet (the Battery Data Format's binary form; pandas/pyarrow and
 * batteryarchive users keep cycler data so). Sniffed by the magic bytes `PAR1` (not the file
 * name). The file is read with hyparquet, loaded only here, row group by row group (memory
 * bounded by one row group of the columns the layout binds); each row becomes one tab-separated
 * text line (the column names the first), which the text reader's own detection, column binding
 * and checks take as they take a CSV with those headers: there is no second copy of the binding.
 * Line N of that text is row N - 1 of the table (line 1: the column names).
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { FileError, fsReason } from '../errors.js';
import type { LineBatch } from './lines.js';
import { cellText } from './xlsx.js';

const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** A file starting with the Parquet magic bytes `PAR1`, whatever its name. */
export function isParquet(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(4);
    let n: number;
    try { n = fs.readSync(fd, b, 0, 4, 0); } finally { fs.closeSync(fd); }
    return n === 4 && PAR1.every((x, i) => b[i] === x);
  } catch {
    return false;
  }
}

export interface ParquetLines {
  /** the column names (top-level fields of the schema), in file order */
  names: string[];
  rows: number;
  row_groups: number;
  /** the column-name line and the first rows as tab-separated lines (for the layout's detection and plan) */
  head: string[];
  /** every line (or the first `limit` rows'), the column-name line first, row group by row group; columns not in `used` (indices) are left empty */
  lines(used?: ReadonlySet<number>, limit?: number): AsyncGenerator<LineBatch>;
}

/**
 * Units per second of a TIME column (Parquet's time of day or duration: pyarrow's time64 from Python's datetime.time,
 * what pandas reads from a spreadsheet's time cells): hyparquet gives its raw integer (ms, us or ns), which a
 * "Test Time (s)" column read as seconds (3.5 s as 3500, 3.5e6 or 3.5e9 s); undefined for other columns.
 */
function timeUnitsPerSecond(e: { logical_type?: { type: string; unit?: string }; converted_type?: string }): number | undefined {
  const unit = e.logical_type?.type === 'TIME' ? e.logical_type.unit : e.converted_type === 'TIME_MILLIS' ? 'MILLIS' : e.converted_type === 'TIME_MICROS' ? 'MICROS' : undefined;
  return unit === 'MILLIS' ? 1e3 : unit === 'MICROS' ? 1e6 : unit === 'NANOS' ? 1e9 : undefined;
}

const cut = (file: string, why: string) => new FileError(file, `not a readable Parquet file: ${why}; copy or export it again`);
const field = (s: string) => s.replace(/[\t\r\n]/g, ' ');

/** Opens a Parquet file: its footer (schema, row groups) and its first rows. Errors in words, naming the file. */
export async function openParquetLines(file: string, headRows = 200): Promise<ParquetLines> {
  let size: number;
  const tail = Buffer.alloc(8);
  try {
    const fd = fs.openSync(file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      if (size >= 12) fs.readSync(fd, tail, 0, 8, size - 8);
    } finally { fs.closeSync(fd); }
  } catch (e) {
    throw new FileError(file, `cannot read: ${fsReason(e)}`);
  }
  // a Parquet file ends with its footer's length and PAR1 again: a copy or download that stopped has neither
  if (size < 12 || !PAR1.every((x, i) => tail[4 + i] === x)) throw cut(file, `it is cut short (${size} bytes, without the "PAR1" footer every Parquet file ends with)`);
  const footer = tail.readUInt32LE(0);
  if (footer + 12 > size) throw cut(file, `its footer claims ${footer} bytes, more than the ${size}-byte file holds (damaged or cut short)`);
  // loaded on first use: text formats never pay for the Parquet library
  const hp = await import('hyparquet');
  const buffer = await hp.asyncBufferFromFile(file);
  // hyparquet reads uncompressed and Snappy pages (pandas/pyarrow's default); Node's zlib adds gzip, Brotli and, from
  // Node 22.15, Zstandard (polars' default): any other codec is refused before a row is read, naming it
  const zstd = (zlib as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
  const compressors: Record<string, (b: Uint8Array, n: number) => Uint8Array> = {
    GZIP: (b) => zlib.gunzipSync(b),
    BROTLI: (b) => zlib.brotliDecompressSync(b),
    ...(zstd ? { ZSTD: (b: Uint8Array) => zstd(b) } : {}),
  };
  let scan: Awaited<ReturnType<typeof hp.parquetScan>>;
  let names: string[];
  let timeUnits: (number | undefined)[];
  try {
    scan = await hp.parquetScan({ file: buffer, compressors });
    const fields = hp.parquetSchema(scan.metadata).children.map((c) => c.element);
    names = fields.map((e) => e.name);
    timeUnits = fields.map(timeUnitsPerSecond);
  } catch (e) {
    throw cut(file, `its footer (schema and row groups) cannot be read (hyparquet: ${(e as Error).message})`);
  }
  const codecs = new Set(scan.metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const unread = [...codecs].filter((c) => c !== 'UNCOMPRESSED' && c !== 'SNAPPY' && !compressors[c]);
  if (unread.length > 0) throw new FileError(file, `Parquet compressed with ${unread.join(', ')}, which this reader cannot decompress${unread.includes('ZSTD') ? ` on Node ${process.versions.node} (Zstandard needs Node 22.15 or later)` : ''}: it reads uncompressed, Snappy (pandas' and pyarrow's default), gzip and Brotli pages; write it again with one of those (pandas: to_parquet(..., compression='snappy'); polars: write_parquet(..., compression='snappy'))`);
  const rows = Number(scan.metadata.num_rows);
  const at = (r: { rowStart: number }) => `in the row group from row ${r.rowStart + 1}`;

  async function* lines(used?: ReadonlySet<number>, limit = Infinity): AsyncGenerator<LineBatch> {
    yield { first: 1, lines: [names.map(field).join('\t')] };
    for (const whole of scan.ranges) {
      if (whole.rowStart >= limit) break;
      const range = { rowStart: whole.rowStart, rowEnd: Math.min(whole.rowEnd, limit) };
      const cols: ArrayLike<unknown>[] = [];
      for (let c = 0; c < names.length; c++) {
        if (used && !used.has(c)) { cols.push([]); continue; }
        try {
          cols.push(await scan.readColumn({ column: names[c]!, rowStart: range.rowStart, rowEnd: range.rowEnd }));
        } catch (e) {
          throw cut(file, `column "${names[c]}" cannot be read ${at(range)} (hyparquet: ${(e as Error).message})`);
        }
      }
      const n = range.rowEnd - range.rowStart;
      for (let r0 = 0; r0 < n; r0 += 4096) {
        const out: string[] = [];
        for (let r = r0; r < Math.min(n, r0 + 4096); r++) {
          let line = '';
          for (let c = 0; c < cols.length; c++) {
            const v = cols[c]!.length > r ? cols[c]![r] : undefined;
            const perSecond = timeUnits[c];
            // a TIME column (a duration or time of day in ms, us or ns): seconds, as an .xlsx duration cell reads
            const x = perSecond !== undefined && (typeof v === 'number' || typeof v === 'bigint') ? Number(v) / perSecond : v;
            line += (c > 0 ? '\t' : '') + (typeof x === 'number' ? String(x) : cellText(typeof x === 'bigint' ? Number(x) : x));
          }
          out.push(line);
        }
        yield { first: range.rowStart + r0 + 2, lines: out };
      }
    }
  }

  const head: string[] = [];
  try {
    for await (const b of lines(undefined, headRows)) head.push(...b.lines);
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    // a row group that cannot be read is refused when the rows are read, on its own row
  }
  return { names, rows, row_groups: scan.metadata.row_groups.length, head, lines };
}

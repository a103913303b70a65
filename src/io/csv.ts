/**
 * CSV writer (RFC 4180): header line, then one line per row, "\n" line ends. Numbers are written
 * rounded to 12 significant digits, as the shortest text of that (integers as they are): the
 * full double showed float noise a reader takes for a result (a CE of 1.0000000000000004 in
 * cycles.csv, 0.30000000000000004 for 0.3), and no figure sacplate computes is known to 12 digits.
 * Costs about 1.4x String(n) per number (0.5 against 0.37 us, 2 M random numbers, load 2.1).
 * A number that is not finite (NaN: no value, e.g. a ratio of nothing; +-Infinity) is written as an empty
 * cell: Excel, pandas, EC-Lab-style tools and the package's own cycler reader all read an empty
 * cell as a missing value, while "NaN" and "inf" are text to Excel. Strings are quoted when they
 * contain a comma, a quote, a line break or leading/trailing spaces.
 *
 * And the reader half, the one CSV parser of the package: `splitDelimited` splits one line
 * (double-quoted fields, "" for a quote; any one-character delimiter, so the cycler readers use
 * it for tab- and semicolon-separated exports too) and `parseCsv` splits a whole text into rows,
 * keeping line breaks inside quoted fields.
 */
import { Sink } from './sink.js';

export type CsvCell = number | string;

export function csvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return Number.isInteger(n) ? String(n) : String(+n.toPrecision(12));
}

export function csvField(v: CsvCell): string {
  if (typeof v === 'number') return csvNumber(v);
  const s = String(v);
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/** An open CSV file that rows are appended to, for time series written while a run goes on. */
export class CsvWriter {
  private readonly sink: Sink;
  private readonly width: number;
  rows = 0;
  constructor(path: string, header: readonly string[], opts: { atomic?: boolean } = {}) {
    this.sink = new Sink(path, { atomic: opts.atomic ?? false });
    this.width = header.length;
    this.sink.text(header.map(csvField).join(',') + '\n');
  }
  /** Appends one row; it must have as many cells as the header. */
  row(values: ArrayLike<CsvCell>): void {
    if (values.length !== this.width) {
      this.sink.abort();
      throw new Error(`${this.sink.path}: row ${this.rows + 1} has ${values.length} cells, header has ${this.width}`);
    }
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]!);
    this.sink.text(line + '\n');
    this.rows++;
  }
  /** Writes buffered rows to disk (the file stays open). */
  flush(): void {
    this.sink.flush();
  }
  close(): void {
    this.sink.close();
  }
  abort(): void {
    this.sink.abort();
  }
}

/** Opens a CSV file for appending rows while a run goes on (written in place, flushed every ~1 MB and on flush()/close()). */
export function openCsv(path: string, header: readonly string[]): CsvWriter {
  return new CsvWriter(path, header, { atomic: false });
}

/** Writes a whole CSV file, streaming the rows (any iterable, e.g. a generator). Returns the number of rows. */
export function writeCsv(path: string, header: readonly string[], rows: Iterable<ArrayLike<CsvCell>>): number {
  const w = new CsvWriter(path, header, { atomic: true });
  try {
    for (const r of rows) w.row(r);
  } catch (e) {
    w.abort();
    throw e;
  }
  w.close();
  return w.rows;
}

/**
 * A whole CSV text for stdout (`--format csv`), with the writer's cells: null and undefined are
 * empty (no value), booleans true / false.
 */
export function csvText(header: readonly string[], rows: readonly (readonly (CsvCell | boolean | null | undefined)[])[]): string {
  const cell = (v: CsvCell | boolean | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : csvField(v));
  return [header.map(csvField).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** Splits one delimited line: double-quoted fields may hold the delimiter, "" stands for a quote. */
export function splitDelimited(line: string, delim = ','): string[] {
  if (line.indexOf('"') < 0) return line.split(delim);
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"') {
        if (line[i + 1] === '"') { cur += '"'; i++; } else q = false;
      } else cur += c;
    } else if (c === '"') q = true;
    else if (c === delim) { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Splits CSV text into rows (blank lines skipped), keeping line breaks inside quoted fields; throws on an
 * unterminated quote, an Error whose `line` is the line (1-based) of the row it opens in.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let buf = '';
  let quotes = 0;
  let start = 1;
  text.split(/\r?\n/).forEach((line, i) => {
    if (buf === '' && quotes === 0) { buf = line; start = i + 1; } else buf += '\n' + line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) {
      if (buf.trim() !== '') rows.push(splitDelimited(buf));
      buf = '';
      quotes = 0;
    }
  });
  if (buf.trim() !== '') throw Object.assign(new Error('unterminated quoted field'), { line: start });
  return rows;
}

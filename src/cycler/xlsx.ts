/**
 * Excel exports (Neware, Arbin, Landt/Lanhe .xlsx) through exceljs's streaming reader: the
 * workbook is read sheet by sheet, row by row (memory bounded by one row plus the shared-string
 * table); the first sheet whose first rows a cycler layout recognises (e.g. Landt's
 * "Record-Tab", after "Cycle-Tab" and "Step-Tab" fail) is written to a temporary tab-separated
 * file, which the text reader then streams. Cells: numbers as written, date cells as
 * "YYYY-MM-DD HH:MM:SS.sss", time-of-day or duration cells (dates before 1901) as seconds,
 * formulas by their cached result.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { FileError, fsReason } from '../errors.js';

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A zip container named .xlsx / .xlsm (an Office Open XML workbook). */
export function isXlsx(file: string): boolean {
  if (!/\.xls[xm]$/i.test(file)) return false;
  try {
    const fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(4);
    try { fs.readSync(fd, b, 0, 4, 0); } finally { fs.closeSync(fd); }
    return XLSX_MAGIC.every((x, i) => b[i] === x);
  } catch {
    return false;
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const p2 = (n: number, w = 2) => String(n).padStart(w, '0');

/** One cell as text for the tab-separated copy. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.replace(/[\t\r\n]/g, ' ');
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) {
    const ms = v.getTime();
    if (!Number.isFinite(ms)) return '';
    if (v.getUTCFullYear() < 1901) return String((ms - EXCEL_EPOCH_MS) / 1000); // a duration or time of day: seconds
    return `${v.getUTCFullYear()}-${p2(v.getUTCMonth() + 1)}-${p2(v.getUTCDate())} ${p2(v.getUTCHours())}:${p2(v.getUTCMinutes())}:${p2(v.getUTCSeconds())}.${p2(v.getUTCMilliseconds(), 3)}`;
  }
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in o) return cellText(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').replace(/[\t\r\n]/g, ' ');
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return '';
  }
  return String(v);
}

function rowText(values: unknown): string {
  const a = Array.isArray(values) ? values : [];
  const out: string[] = [];
  for (let i = 1; i < a.length; i++) out.push(cellText(a[i])); // exceljs rows are 1-based
  return out.join('\t');
}

export interface XlsxSheet {
  path: string;
  sheet: string;
  sheets: string[];
  /** later sheets that continue the table (their first rows repeat the sheet's own: Excel's row limit, an export split
   * into "Channel_1-006" and "Channel_1-006_1"; their names start with its name): appended to the copy from `line` on,
   * their rows from `row` on */
  continued: { sheet: string; line: number; row: number }[];
  /** later sheets with rows that do not continue the table: not read */
  notRead: string[];
}

/** Where line `line` of the tab-separated copy is in the workbook: its sheet and row. */
export function sheetRowOf(x: XlsxSheet, line: number): { sheet: string; row: number } {
  let at = { sheet: x.sheet, row: line };
  for (const c of x.continued) if (line >= c.line) at = { sheet: c.sheet, row: c.row + (line - c.line) };
  return at;
}

/** The zip's end-of-central-directory signature, in the last 22 bytes + up to 64 KiB of comment of every zip. */
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * Refuses a workbook cut short (a copy or download that stopped): its zip ends with no central directory.
 * exceljs's streaming reader never settled on one, and `analyze` of half of a real .xlsx exited 0 without a
 * word (branch mends30).
 */
function checkZipEnd(file: string): void {
  let tail: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const n = Math.min(size, 22 + 65535);
      tail = Buffer.alloc(n);
      fs.readSync(fd, tail, 0, n, size - n);
    } finally { fs.closeSync(fd); }
  } catch (e) {
    throw new FileError(file, `cannot read: ${fsReason(e)}`);
  }
  if (tail.lastIndexOf(EOCD) < 0) throw new FileError(file, 'not a readable .xlsx workbook: it is cut short (its zip ends without the directory every .xlsx ends with); copy or export it again');
}

/**
 * Writes the first sheet that `accepts` (given its first lines) to a temporary TSV file, and after it the rows of
 * the later sheets that continue it (named as it is with a suffix, their first rows repeating its first rows: the
 * column names). Row numbers are kept
 * (empty lines for empty rows), so a line number is the Excel row of the first sheet; sheetRowOf() maps a line of a
 * continuing sheet back to its sheet and row.
 */
export async function xlsxToTsv(file: string, accepts: (head: string[]) => boolean, headRows = 60): Promise<XlsxSheet> {
  // exceljs's streaming reader now and then (about 1 read in 1,000 with six readers on the two cores; none in 200 reads
  // of the same file alone) leaves its workbook model unset and fails with a TypeError ("Cannot read properties of
  // undefined (reading 'sheets')") before the first sheet, on a sound file that the next read takes whole. Such a
  // failure is read again, twice at most; a damaged file fails every time, so its error is the same as before.
  for (let attempt = 1; ; attempt++) {
    try {
      return await xlsxToTsvOnce(file, accepts, headRows);
    } catch (e) {
      if (!(e instanceof FileError && (e as FileError & { beforeFirstSheet?: boolean }).beforeFirstSheet === true) || attempt >= 3) throw e;
    }
  }
}

async function xlsxToTsvOnce(file: string, accepts: (head: string[]) => boolean, headRows: number): Promise<XlsxSheet> {
  // robust63b: a TMPDIR this user cannot write (or not a folder) said ".../sacplate-xlsx-XXXXXX: cannot mkdtemp" without naming TMPDIR
  let dir: string;
  try { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-xlsx-')); } catch (e) {
    throw new FileError(file, `cannot read the workbook: its sheet is copied to a temporary folder first, and none can be made in ${os.tmpdir()} (${fsReason(e)}); set TMPDIR to a folder this user can write`);
  }
  const out = path.join(dir, 'sheet.tsv');
  const seen: string[] = [];
  checkZipEnd(file);
  // loaded on first use: text formats never pay for the workbook library
  const { default: X } = await import('exceljs');
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new X.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
  } catch (e) {
    throw new FileError(file, `not a readable .xlsx workbook: it cannot be opened (exceljs: ${(e as Error).message})`);
  }
  // where a damaged workbook stops: the sheet being read and its last row read whole
  let lastRow = 0;
  // the sheet taken: its first rows (to know a sheet that continues it) and the copy's next line
  let taken: { name: string; head: string[] } | undefined;
  let fd: number | undefined;
  let next = 1;
  let buf: string[] = [];
  const continued: XlsxSheet['continued'] = [];
  const notRead: string[] = [];
  const emit = (line: string, number: number) => {
    while (next < number) { buf.push(''); next++; }
    buf.push(line);
    next = number + 1;
    if (buf.length >= 4096) { fs.writeSync(fd!, buf.join('\n') + '\n'); buf = []; }
  };
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      seen.push(name);
      lastRow = 0;
      if (taken) {
        // a later sheet: the table continued (its first rows repeat the taken sheet's: the column-name line, a
        // preamble) is appended; any other sheet with rows is named as not read. Until review46 the reader stopped at
        // the first sheet, and a record table split over two sheets lost the second's rows without a word.
        // A sheet continues it only under its name and a suffix ("record" -> "record_1", "Channel_1-008" ->
        // "Channel_1-008_1"): another channel's sheet has the same column names and is not the same cell.
        const t = taken;
        let state: 'head' | 'rows' | 'other' = name.toLowerCase().startsWith(t.name.toLowerCase()) ? 'head' : 'other';
        let offset = 0;
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          lastRow = row.number;
          if (state === 'other') continue;
          const line = rowText(row.values);
          if (state === 'head') {
            if (line === t.head[row.number - 1] && row.number <= t.head.length) continue;
            if (row.number === 1) { state = 'other'; continue; }
            state = 'rows';
            offset = next - row.number;
            continued.push({ sheet: name, line: next, row: row.number });
          }
          emit(line, row.number + offset);
        }
        if ((state === 'other' || state === 'head') && lastRow > 0) notRead.push(name);
        continue;
      }
      const head: string[] = [];
      let rejected = false;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        lastRow = row.number;
        if (rejected) continue;
        const line = rowText(row.values);
        if (fd === undefined) {
          while (head.length < row.number - 1) head.push('');
          head.push(line);
          if (head.length < headRows) continue;
          if (!accepts(head)) { rejected = true; continue; } // not this sheet: drain it (the zip stream must be read through)
          fd = fs.openSync(out, 'w');
          head.forEach((l, i) => emit(l, i + 1));
          continue;
        }
        emit(line, row.number);
      }
      if (fd === undefined && !rejected && head.length > 0 && head.length < headRows && accepts(head)) {
        fd = fs.openSync(out, 'w');
        head.forEach((l, i) => emit(l, i + 1));
      }
      if (fd !== undefined) taken = { name, head: head.slice(0, Math.min(head.length, 10)) };
    }
    if (fd !== undefined && taken) {
      if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
      fs.closeSync(fd);
      const i = seen.indexOf(taken.name);
      return { path: out, sheet: taken.name, sheets: seen.slice(0, i + 1), continued, notRead };
    }
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
    if (e instanceof FileError) throw e;
    const at = seen.length === 0 ? 'before its first sheet (its shared strings or styles)'
      : `in sheet "${seen.at(-1)}" ${lastRow > 0 ? `after row ${lastRow}` : 'before its first row'}`;
    const err = new FileError(file, `not a readable .xlsx workbook: it is damaged ${at}: its XML cannot be read (exceljs: ${(e as Error).message})`);
    if (seen.length === 0) Object.assign(err, { beforeFirstSheet: true });
    throw err;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  throw new FileError(file, `no sheet holds a cycler table (sheets: ${seen.join(', ') || 'none'}); export the record/detail sheet as CSV, or give --format and --map`);
}

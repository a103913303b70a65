/**
 * Absolute date-time cells as cyclers write them, to seconds since 1970 (read as UTC: only
 * differences are used, to turn a date-time column into test time; a daylight-saving change
 * during a test is not corrected).
 *   2022-04-11 10:58:07 AM   (Novonix)      2019-02-22T16:23:27.5  (ISO)
 *   05/05/2021 15:36:22.757  (BT-Lab, Maccor, PEC: month/day/year)
 *   11.05.2021 15:36:22      (day.month.year, Basytec and German locales)
 */

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:[.,]\d*)?))?\s*(AM|PM|am|pm)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const MDY = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}(?:[.,]\d*)?))?\s*(AM|PM|am|pm)?\s*$/;
const DMY = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}(?:[.,]\d*)?))?\s*$/;

function compose(y: number, mo: number, d: number, h: number, mi: number, s: string | undefined, ampm: string | undefined): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || mi > 59) return undefined;
  let hh = h;
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    const pm = ampm.toUpperCase() === 'PM';
    hh = (h % 12) + (pm ? 12 : 0);
  } else if (h > 23) return undefined;
  const sec = s === undefined ? 0 : Number(s.replace(',', '.'));
  if (!(sec < 61)) return undefined;
  return Date.UTC(y, mo - 1, d, hh, mi, 0) / 1000 + sec;
}

/** Seconds since 1970-01-01 (as UTC), NaN for an empty cell, undefined when not a date-time. */
export function parseDateTimeCell(cell: string): number | undefined {
  if (cell.trim() === '') return NaN;
  let m = ISO.exec(cell);
  if (m) return compose(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6], m[7]);
  m = MDY.exec(cell);
  if (m) return compose(+m[3]!, +m[1]!, +m[2]!, +m[4]!, +m[5]!, m[6], m[7]);
  m = DMY.exec(cell);
  if (m) return compose(+m[3]!, +m[2]!, +m[1]!, +m[4]!, +m[5]!, m[6], undefined);
  return undefined;
}

/** True when the cell looks like an absolute date-time (not a duration or a number). */
export function looksLikeDateTime(cell: string): boolean {
  const v = parseDateTimeCell(cell);
  return v !== undefined && Number.isFinite(v);
}

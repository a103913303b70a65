/**
 * The read options of a measured cycler file given to another command than `analyze` (side66b): `compare --measured
 * FILE --area 1.13 cm2 --map "..."`, `fullcell --anode-file FILE --anode-area ... --anode-map ...` or a full-cell file's
 * `anode: { file, area_cm2, map }`. Checked as analyze checks its own --area and --map (cli/actions/cycler.ts
 * readOptions, analysis/report.ts analyzeArgs), with the caller's names for them in every message: the electrode's area
 * where the file gives none, the column mapping (with it the generic layout) where its columns are not detected.
 */
import { statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseAreaCm2 } from '../units.js';
import { withOptionNames } from '../args.js';

/** The protocols a measured row is read by: analyze's, but fullcell (a full cell has no plating onto a host to read) */
export const MEASURED_PROTOCOLS = ['symmetric', 'licu', 'aurbach'] as const;
export type MeasuredProtocol = (typeof MEASURED_PROTOCOLS)[number];
/** Said where `fullcell` is given as a measured cell's protocol (compare --measured fullcell:FILE, a comparison file's item) */
export const NO_FULL_CELL = 'compare reads no full cell, no plating onto a host to read';
export const fullcellHint = (word: unknown, sep: string): string =>
  (typeof word === 'string' && word.toLowerCase() === 'fullcell' ? `${sep}${NO_FULL_CELL}: sacplate analyze FILE --protocol fullcell reads it` : '');

/** What the options are called where they were given: { area: '--area', map: '--map' } for compare's flags */
export interface MeasuredOptionNames { area: string; map: string }

export interface MeasuredReadOptions { area_cm2?: number; map?: string; format?: 'generic' }

/**
 * area: a CLI flag's words ("1.13 cm2", as analyze --area) or a file's number in cm2 (as analyzeFile's area_cm2) or
 * text with a unit; map: analyze's --map text (its keys checked by the reader, named by `names.map`).
 */
export function measuredReadOptions(area: unknown, map: unknown, names: MeasuredOptionNames): MeasuredReadOptions {
  const o: MeasuredReadOptions = {};
  const a = Array.isArray(area) ? area.join(' ') : area;
  if (typeof a === 'string') o.area_cm2 = parseAreaCm2(names.area, a);
  else if (typeof a === 'number') {
    if (!(Number.isFinite(a) && a > 0)) throw new InputError(names.area, a, 'a number above 0 (electrode area in cm2, e.g. 1.13)');
    o.area_cm2 = a;
  } else if (a !== undefined) throw new InputError(names.area, a, 'an electrode area: a number in cm2, e.g. 1.13, or "1.13 cm2"');
  if (map !== undefined) {
    if (typeof map !== 'string' || map.trim() === '') throw new InputError(names.map, map, 'a column mapping, e.g. "time=Time (s),voltage=Ewe@mV,current=I@mA,cycle=Cycle" (as analyze --map)');
    o.map = map;
    o.format = 'generic';
  }
  return o;
}

/** `fn` (an analyzeFile call) with the reader's and analysis's --map and --area said by the caller's names */
export function withMeasuredNames<T>(fn: () => Promise<T>, names: MeasuredOptionNames): Promise<T> {
  if (names.map === '--map' && names.area === '--area') return fn();
  const words = { '--format generic --map': names.map, '--map': names.map, '--area': names.area };
  return withOptionNames(fn, { '--map': names.map, '--area': names.area }, words);
}

/**
 * Why `path` is no file to read ('no such file', 'a folder, not a file'), or '' for a regular file: the check
 * `compare --measured` (batch/measured-rows.ts) and `fullcell --anode-file` (fullcell/measured.ts) make before the
 * reader, each in its own words.
 */
export function notAFile(path: string): string {
  try { return statSync(path).isFile() ? '' : 'a folder, not a file'; } catch { return 'no such file'; }
}

/**
 * A full cell's anode CE from a measured cycler export (side66): `anode: { file: cell.mpt, protocol: licu }` in a
 * full-cell file (the path relative to it), or `sacplate fullcell --anode-file cell.mpt` (relative to the working
 * folder). The file is read and analysed by the code `sacplate analyze` runs (analysis/report.ts analyzeFile): licu's CE
 * of each complete plate/strip cycle (the cycles analyze's mean CE is taken over), or aurbach's one CE. What the cell
 * then does with them (a CE above 1 capped, one <= 0 dropped) is an anode run's (library.ts anodeCeOfRun).
 *
 * Refused with the field, the value and what is expected: a file that is not there, one with no complete cycle, and a
 * symmetric cell's (metal on both sides: its strips never run the working electrode out, so plated over stripped is
 * no CE). A file whose voltages do not fit the protocol (a graphite half cell read as licu) is used, with analyze's
 * protocol check as a note.
 */
import { resolve } from 'node:path';
import { FileError, InputError } from '../errors.js';
import { choiceArg } from '../args.js';
import type { CyclerTable } from '../cycler/read.js';
import { measuredReadOptions, notAFile, withMeasuredNames } from '../cycler/measured-options.js';
import { SYMMETRIC_MAX_V } from '../analysis/protocol-fit.js';

/** The protocols a measured anode file is read by: the two that give a CE of the metal plated on a host */
export const ANODE_FILE_PROTOCOLS = ['licu', 'aurbach'] as const;
export type AnodeFileProtocol = (typeof ANODE_FILE_PROTOCOLS)[number];

const PROTOCOL_TAKES = "licu (a Li||Cu test's CE per cycle, analyze --protocol licu) or aurbach (Adams' one averaged CE); a symmetric cell's or a full cell's file gives no anode CE";

export interface MeasuredAnode {
  /** the file as given, and the path read */
  file: string;
  path: string;
  protocol: AnodeFileProtocol;
  /** the CE of each cycle used (licu), or the Aurbach CE as one value, as analyze's report.json holds them */
  cycles: { cycle: number | string; ce: number }[];
  /** what was read, for the source line: "licu CE of cycles 1-4 (the file's complete cycles; cycle 1, the first plating onto the bare electrode, in)" */
  what: string;
  /** what the reading left out or warned of (analyze's protocol check), printed under the table */
  notes: string[];
  /** the mean charge plated per cycle used (licu) or Q_C (aurbach), mAh/cm2, when the file gives the electrode's area */
  cycled_mAh_per_cm2?: number;
  /** the option that gives the file's electrode area where it has none (anode.area_cm2 or --anode-area; side66b) */
  area_option: string;
  /** cycle 1 (licu: the first plating, onto the bare electrode) is among the cycles used */
  formation_in: boolean;
}

/** "1-4" for a run of cycles, else the list */
function cyclesText(xs: number[]): string {
  const run = xs.every((x, i) => i === 0 || x === xs[i - 1]! + 1);
  if (xs.length > 2 && run) return `${xs[0]}-${xs[xs.length - 1]}`;
  return xs.length <= 8 ? xs.join(', ') : `${xs.slice(0, 8).join(', ')} and ${xs.length - 8} more`;
}

/**
 * A symmetric cell's voltages (metal on both sides): it starts near 0 V, stays within SYMMETRIC_MAX_V (0.5 V, analyze's protocol check's bound) under current, and its
 * strips never rise to a cut-off (a Li||Cu strip ends when the working electrode runs out of metal, at 0.5-1 V).
 * The reason to refuse, or undefined.
 */
export function symmetricVoltages(t: CyclerTable, threshold_A: number): string | undefined {
  const V = t.columns.voltage_volt, I = t.columns.current_ampere;
  if (!V || !I) return undefined;
  let v0: number | undefined, maxStrip = -Infinity;
  const under: number[] = [];
  for (let k = 0; k < V.length; k++) {
    const v = V[k]!, i = I[k]!;
    if (!Number.isFinite(v)) continue;
    v0 ??= v;
    if (!(Math.abs(i) > threshold_A)) continue;
    under.push(Math.abs(v));
    if (i > 0 && v > maxStrip) maxStrip = v;
  }
  if (v0 === undefined || under.length === 0 || maxStrip === -Infinity) return undefined;
  under.sort((a, b) => a - b);
  const median = under[under.length >> 1]!;
  if (Math.abs(v0) > SYMMETRIC_MAX_V || median > SYMMETRIC_MAX_V || maxStrip >= STRIP_CUTOFF_MIN_V) return undefined;
  return `it starts at ${v0.toFixed(3)} V, its median |V| under current is ${median.toFixed(3)} V and its strips never pass ${maxStrip.toFixed(3)} V: a symmetric cell's voltages (the metal on both sides), whose strips never run the working electrode out, so plated over stripped is no CE; sacplate analyze --protocol symmetric reads it`;
}
/** The lowest cut-off a Li||Cu strip ends at (0.5-1 V are used; 0.3 V leaves room for a low one), V */
const STRIP_CUTOFF_MIN_V = 0.3;

/**
 * The measured anode of `anode` (the full-cell file's map, its keys checked by the caller), read relative to baseDir.
 * field: the name errors give the file's key ('anode.file', or '--anode-file' for the flag).
 */
export async function readMeasuredAnode(anode: Record<string, unknown>, baseDir: string, cell: string, field = 'anode.file'): Promise<MeasuredAnode> {
  const file = anode.file;
  if (typeof file !== 'string' || file.trim() === '') throw new InputError(field, file, `a ${cell} test's cycler export (.mpt, Neware/Arbin/Landt/BDF CSV; the path relative to the full-cell file), e.g. licu.mpt`);
  const pfield = field === 'anode.file' ? 'anode.protocol' : '--anode-protocol';
  const protocol = anode.protocol === undefined ? 'licu' : choiceArg(pfield, anode.protocol, ANODE_FILE_PROTOCOLS, PROTOCOL_TAKES);
  const ffield = field === 'anode.file' ? 'anode.from_cycle' : '--anode-from-cycle';
  const from = anode.from_cycle ?? 1;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new InputError(ffield, from, 'a cycle number, 1 or more (cycles numbered as analyze --protocol licu numbers them; 2 leaves out the first plating, onto the bare electrode)');
  if (anode.from_cycle !== undefined && protocol === 'aurbach') throw new InputError(ffield, from, `no from_cycle with protocol aurbach (its CE is one average over its own Q_C cycles); from_cycle picks licu cycles`);
  // side66b: the file's area and column mapping, as analyze --area and --map take them, under this command's names
  const names = field === 'anode.file' ? { area: 'anode.area_cm2', map: 'anode.map' } : { area: '--anode-area', map: '--anode-map' };
  const read = measuredReadOptions(anode.area_cm2, anode.map, names);
  const path = resolve(baseDir, file);
  const kind = notAFile(path);
  if (kind) throw new InputError(field, file, `a ${cell} test's cycler export that exists (${path}: ${kind})`);
  // a run file given for a cycler export: the key that simulates one named (the reader said "analyze DIR/eta.csv")
  if (/\.(ya?ml|json)$/i.test(path)) throw new InputError(field, file, `a ${cell} test's cycler export, not a run file (${file}): ${field === 'anode.file' ? `anode: { run: ${file} }` : `a full-cell file's anode: { run: ${file} }`} simulates a run file and takes its CE`);
  const { analyzeFile } = await import('../analysis/report.js');
  let table: CyclerTable, report: Awaited<ReturnType<typeof analyzeFile>>['report'];
  try {
    ({ table, report } = await withMeasuredNames(() => analyzeFile(path, { protocol, ...read }), names));
  } catch (e) {
    // an area or mapping refused: said by its own name, as analyze says its flag's
    if (e instanceof InputError && (e.field === names.area || e.field === names.map)) throw e;
    // the reader's words with the key that named the file (a run file given here: "a run file, not a cycler's data")
    if (e instanceof InputError) throw new FileError(path, `${field}: ${e.message}`);
    throw e;
  }
  const sym = symmetricVoltages(table, report.rest.threshold_A);
  if (sym) throw new InputError(field, file, `a ${cell} test's export (metal plated onto the working electrode, then stripped to a cut-off): ${sym}`);
  const notes: string[] = [];
  const fit = report.checks.find((c) => c.name === 'protocol' && c.status === 'warn');
  if (fit) notes.push(`${file} read as --protocol ${protocol}: analyze's protocol check warns: ${fit.detail}`);
  if (protocol === 'aurbach') {
    const a = report.aurbach!;
    if (!(a.ce_avg > 0)) throw new InputError(field, file, `a ${cell} Aurbach test with a CE (read as aurbach: CE ${a.ce_avg})`);
    const r: MeasuredAnode = { file, path, protocol, cycles: [{ cycle: 'the Aurbach average', ce: a.ce_avg }], what: `Aurbach CE over ${a.n} Q_C cycles`, notes, formation_in: false, area_option: names.area };
    if (a.qc_mAh_per_cm2 !== undefined) r.cycled_mAh_per_cm2 = a.qc_mAh_per_cm2;
    return r;
  }
  const all = report.licu!.cycles;
  const complete = all.filter((c) => !c.partial && Number.isFinite(c.ce));
  if (complete.length === 0) {
    throw new InputError(field, file, `a ${cell} cycler file with at least one complete plate/strip cycle (read as licu: ${all.length === 0 ? 'no plating followed by a strip' : `${all.length} cycle(s), none complete: ${all.map((c) => `cycle ${c.cycle}${c.unstripped ? ' not stripped' : ' cut by the file\'s start or end'}`).join(', ')}`})`);
  }
  const used = complete.filter((c) => c.cycle >= from);
  if (used.length === 0) throw new InputError(ffield, from, `a cycle of the file's complete ones (${cyclesText(complete.map((c) => c.cycle))})`);
  const left = all.filter((c) => !used.includes(c));
  const cut = left.filter((c) => c.partial || !Number.isFinite(c.ce));
  if (cut.length) notes.push(`${file}: cycle(s) ${cyclesText(cut.map((c) => c.cycle))} left out: ${cut.length === 1 ? 'it is' : 'they are'} cut by the file's start or end (no CE), as analyze's mean leaves ${cut.length === 1 ? 'it' : 'them'} out`);
  const formation_in = used.some((c) => c.cycle === 1);
  const formation = formation_in ? `cycle 1, the first plating onto the bare electrode, in (${field === 'anode.file' ? 'from_cycle: 2' : '--anode-from-cycle 2'} leaves it out)`
    : from > 1 ? `from cycle ${from}` : 'cycle 1 not complete';
  const r: MeasuredAnode = {
    file, path, protocol, cycles: used.map((c) => ({ cycle: c.cycle, ce: c.ce })), notes, formation_in, area_option: names.area,
    what: `licu CE of cycle(s) ${cyclesText(used.map((c) => c.cycle))} of ${all.length}; ${formation}`,
  };
  if (report.area_cm2 !== undefined) r.cycled_mAh_per_cm2 = used.reduce((s, c) => s + c.plated_mAh, 0) / used.length / report.area_cm2;
  return r;
}

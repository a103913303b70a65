/**
 * Capacity retention of a full cell whose metal inventory fades by the anode's Coulombic efficiency
 * (fullcell/inventory.ts), from a full-cell file or object, for a library caller (`fullCell()` from the
 * package entry) and for `sacplate fullcell` (cli/actions/fullcell.ts prints what fullCellOf returns):
 *
 *   cathode: LFP                 # LFP, NCM811, S (Li); NVP (Na); KMnHCF (K) (fullcell/cathodes.ts)
 *   loading: 10 mg/cm2           # optional: the set's typical loading otherwise (or capacity: 2 mAh/cm2)
 *   np: [0, 1, 2]                # N/P ratio(s); 0 = anode-free
 *   cycles: 300
 *   anode: { ce: 0.995 }         # a CE, or a list per cycle (the last repeats)
 *   anode: { run: anode-licu-carbonate.yaml }   # or simulate a Li||Cu run file (one run) and use its CE per cycle
 *   anode: { file: licu.mpt, protocol: licu }   # or a measured Li||Cu cycler export's CE per cycle, as analyze reads it
 *                                               # (fullCellMeasuredOf: reading a cycler file is asynchronous; measured.ts)
 */
import { dirname, resolve } from 'node:path';
import { FileError, InputError, UnreadableFileError } from '../errors.js';
import { fileKindOf } from '../input/file-kind.js';
import { readInputFile, loadRunFile, keylessWhat } from '../input/parse.js';
import { CATHODES, getCathode, arealCapacity } from './cathodes.js';
import { fullCell as inventory, type FullCellCycle } from './inventory.js';
import { Simulation, type ProgressInfo } from '../simulation/simulation.js';
import { cycleSummary } from '../simulation/cycles.js';
import { parseQuantity, C_PER_M2_PER_MAH_PER_CM2 } from '../units.js';
import { isMap, optionsArg, refuseUnknownKeys } from '../args.js';
import { readMeasuredAnode, type MeasuredAnode } from './measured.js';

const KEYS = ['cathode', 'loading', 'capacity', 'np', 'cycles', 'anode'];
/** robust62: the most N/P ratios a file lists, and the most cycle rows (ratios x cycles) it may ask for: 10 ratios of the
 * longest run, 100,000 cycles (about 190 MB at the bytes per row measured) */
const MAX_NP = 1000;
const MAX_CYCLE_ROWS = 1e6;
const CYCLE_ROW_BYTES = 190;
const gbText = (b: number): string => (b >= 1e9 ? `${(b / 1e9).toPrecision(2)} GB` : `${(b / 1e6).toPrecision(2)} MB`);

export interface FullCellSpec {
  cathode: string;
  capacity_mAh_per_cm2: number;
  np: number[];
  cycles: number;
  ce: number[];
  ce_source: string;
  /** what was done to the simulated CE before use (cycles dropped or capped), printed with the table */
  notes: string[];
}

/** `CE 0.98`, or `no CE` where the run gives none (NaN: cycles.csv leaves it empty; the note said `CE NaN`) */
const ceText = (ce: number) => (Number.isNaN(ce) ? 'no CE' : `CE ${ce}`);

/** "3", "3, 5", "3, 5 and 8 more" */
const cycleList = (xs: (number | string)[]) => (xs.length <= 6 ? xs.join(', ') : `${xs.slice(0, 6).join(', ')} and ${xs.length - 6} more`);

/**
 * The anode CE per cycle a simulated run gives the full cell, with what was changed said: a CE
 * above 1 (a strip that took more than the cycle plated: host metal or earlier deposits) is capped
 * at 1, since the inventory model has no source of metal; a CE <= 0 or NaN (nothing stripped, or a
 * plating half with no net deposit) is dropped.
 * A first cycle with CE <= 0 is refused: the retention is relative to the first discharge, and
 * dropping it would start the cell from cycle 2 as if it were the first.
 */
export function anodeCeOfRun(run: string, cycles: { cycle: number | string; ce: number }[], field = 'anode.run', what = 'run'): { ce: number[]; notes: string[] } {
  const first = cycles[0];
  const label = (c: { cycle: number | string }) => (typeof c.cycle === 'number' ? `cycle ${c.cycle}` : c.cycle);
  if (first && !(first.ce > 0)) throw new InputError(field, run, `a ${what} whose first plate/strip cycle strips metal back (${label(first)} has ${ceText(first.ce)}: the full cell's retention, relative to the first discharge, is undefined)`);
  const dropped = cycles.filter((c) => !(c.ce > 0)), capped = cycles.filter((c) => c.ce > 1);
  const ce = cycles.filter((c) => c.ce > 0).map((c) => Math.min(1, c.ce));
  if (ce.length === 0) throw new InputError(field, run, `a ${what} file with at least one complete plate/strip cycle`);
  const notes: string[] = [];
  if (capped.length) notes.push(`CE above 1 capped at 1 (the full cell has no source of metal) in cycle(s) ${cycleList(capped.map((c) => `${c.cycle} (${c.ce.toFixed(4)})`))}`);
  if (dropped.length) notes.push(`cycle(s) ${cycleList(dropped.map((c) => `${c.cycle} (${ceText(c.ce)})`))} dropped: no CE above 0 (nothing stripped, no net plating, or a strip that ended early with the box full: no CE); the cycles after them move up`);
  return { ce, notes };
}

/** 3 significant figures, no exponent for the capacities a cell cycles */
const mAh = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The note said when the anode run's CE was measured cycling another capacity than the cathode's (more than 1 % apart):
 * measured CE rises with the capacity cycled (Adams et al., Adv. Energy Mater. 8, 1702097 (2018)), so a CE of a thin
 * cycle need not hold for the cathode's. Undefined when they agree or the run cycled nothing.
 */
export function cycledCapacityNote(anode_mAh_per_cm2: number, cathode_mAh_per_cm2: number, cell: string, kind: 'run' | 'test' = 'run'): string | undefined {
  if (!(anode_mAh_per_cm2 > 0) || Math.abs(anode_mAh_per_cm2 - cathode_mAh_per_cm2) <= 0.01 * cathode_mAh_per_cm2) return undefined;
  return `the anode's CE was measured in a ${cell} ${kind} cycling ${mAh(anode_mAh_per_cm2)} mAh/cm2 per cycle and is applied to a cathode of ${mAh(cathode_mAh_per_cm2)} mAh/cm2: `
    + `measured CE rises with the capacity cycled (Adams et al., Adv. Energy Mater. 8, 1702097 (2018)), so the ${kind}'s CE need not hold at the cathode's capacity; `
    + `${kind === 'run' ? 'an anode run' : 'a test'} cycling ${mAh(cathode_mAh_per_cm2)} mAh/cm2 gives the CE at it`;
}

/** A positive quantity with its unit (no bare numbers: units written out), in `unit`. */
function quantity(field: string, v: unknown, kind: 'arealMass' | 'arealCapacity', example: string): number {
  const x = parseQuantity(field, v, kind);
  if (!(x > 0 && Number.isFinite(x))) throw new InputError(field, v, `${example} (positive)`);
  const y = kind === 'arealMass' ? x * 100 /* kg/m2 -> mg/cm2 */ : x / C_PER_M2_PER_MAH_PER_CM2;
  // mends62b (robust62): `loading: 1e300 mg/cm2` printed a first discharge of 1.68e+299 mAh/cm2. The thickest cathodes
  // reported carry about 100 mg/cm2 (tens of mAh/cm2); a loading above 1 g/cm2 or a capacity above 1000 mAh/cm2 is no
  // electrode, a slip of unit or exponent: refused with the range
  if (y > MAX_AREAL) throw new InputError(field, v, `${example}, at most ${MAX_AREAL} ${kind === 'arealMass' ? 'mg/cm2 (1 g/cm2; thick cathodes carry about 100 mg/cm2)' : 'mAh/cm2 (thick cathodes give tens of mAh/cm2)'}`);
  return y;
}
/** The largest cathode loading (mg/cm2) and areal capacity (mAh/cm2) a full-cell file takes (mends62b) */
const MAX_AREAL = 1000;

/** What a full-cell file's reader takes, said after a file of another kind */
const FULLCELL_TAKES = 'a full-cell file has cathode:, np:, cycles: and anode: { ce }, { run: a Li||Cu run file } or { file: a Li||Cu cycler export } (examples/fullcell/li-lfp.yaml)';

/** A full-cell file's value; a file without keys (a CSV such as fullcell.csv) named as such (it was "fullcell: got "np,cycle,..." (82037 characters)"; review49) */
function fullCellFile(path: string): unknown {
  const raw = readInputFile(path, 'a full-cell file (cathode, np, cycles, anode) is read here');
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) throw new FileError(path, `${keylessWhat(path, raw)}, not a full-cell file; ${FULLCELL_TAKES}`);
  return raw;
}

/** Reads and checks a full-cell file; runs the anode simulation when it names one. */
/**
 * How a list of n CEs meets a cell of `cycles` cycles (cycle k takes the k-th, the last repeated after the list): the
 * header said "mean 74.500 %" of [0.99, 0.5] for a 1-cycle cell that ran 0.99 alone (cycaudit64).
 */
function listUse(n: number, cycles: number): string {
  return n > cycles ? `, the first ${cycles} used` : n < cycles ? ', the last repeated' : '';
}

/** anode's keys: ce, run or file (a measured cycler export, with protocol, from_cycle and, as analyze --area and --map, area_cm2 and map) */
const ANODE_KEYS = ['ce', 'run', 'file', 'protocol', 'from_cycle', 'area_cm2', 'map'];

/**
 * measured: anode.file read beforehand (fullCellMeasuredOf, asynchronously); without it a file naming anode.file is
 * refused, saying what reads it.
 */
export function parseFullCell(input: unknown, baseDir: string, file?: string, onProgress?: (p: ProgressInfo) => void, measured?: MeasuredAnode): FullCellSpec {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new InputError('fullcell', input, 'a map { cathode: LFP, np: 1, cycles: 300, anode: { ce: 0.99 } }');
  const o = input as Record<string, unknown>;
  // another command's file: said as such (its keys were listed as unknown keys)
  const kind = fileKindOf(o);
  if (kind && kind.kind !== 'fullcell') {
    const words = `${kind.what}; ${FULLCELL_TAKES}`;
    throw file !== undefined ? new FileError(file, words) : new InputError('fullcell', input, `a full-cell object, not ${words}`);
  }
  refuseUnknownKeys('', o, KEYS);
  // a key given as null (YAML's bare `cathode:`, a JSON null) ran as its default until mends61b (robust61's probes); left
  // out, it still is. Refused naming the field, what it takes and the default that leaving it out gives
  const nullTakes: Record<string, string> = {
    cathode: `a known cathode (${Object.keys(CATHODES).join(', ')}), or leave cathode out for LFP (the default)`,
    np: 'an N/P ratio from 0 (anode-free) to 1000 or a list of them, or leave np out for 1 (the default)',
    cycles: 'a whole number of cycles from 1 to 100000, or leave cycles out for 300 (the default)',
  };
  for (const [k, takes] of Object.entries(nullTakes)) if (o[k] === null) throw new InputError(k, null, takes);
  const cat = getCathode(o.cathode ?? 'LFP');
  // both given: the loading was dropped without a word (capacity wins)
  if (o.capacity !== undefined && o.loading !== undefined) throw new InputError('loading', o.loading, 'loading or capacity, not both (capacity gives the cathode\'s areal capacity; loading x the cathode\'s specific capacity gives it otherwise)');
  const capacity = o.capacity !== undefined ? quantity('capacity', o.capacity, 'arealCapacity', 'a cathode areal capacity, e.g. "2 mAh/cm2"')
    : arealCapacity(cat, o.loading !== undefined ? quantity('loading', o.loading, 'arealMass', 'an active-material loading, e.g. "10 mg/cm2"') : undefined);
  const npRaw = o.np ?? 1;
  // robust62: a list of 100,000 ratios took 11 s on the duplicate check below (indexOf per ratio) before any cycle
  if (Array.isArray(npRaw) && npRaw.length > MAX_NP) throw new InputError('np', npRaw, `at most ${MAX_NP} N/P ratios (this list has ${npRaw.length})`);
  const np = (Array.isArray(npRaw) ? npRaw : [npRaw]).map((x, i) => {
    if (typeof x !== 'number' || !(x >= 0 && x <= 1000)) throw new InputError(Array.isArray(npRaw) ? `np[${i}]` : 'np', x, 'an N/P ratio from 0 (anode-free) to 1000');
    return x;
  });
  // a value given twice ran that N/P twice, two identical rows in the table and fullcell.csv (review41)
  np.forEach((x, i) => {
    const j = np.indexOf(x);
    if (j < i) throw new InputError(`np[${i}]`, x, `each N/P ratio once (np[${j}] is ${x} too)`);
  });
  // an empty list printed a table with no row and exited 0
  if (np.length === 0) throw new InputError('np', npRaw, 'at least one N/P ratio, e.g. 1 or [0, 1, 3] (0 = anode-free)');
  const cycles = o.cycles ?? 300;
  if (typeof cycles !== 'number' || !Number.isInteger(cycles) || cycles < 1 || cycles > 100000) throw new InputError('cycles', cycles, 'a whole number of cycles from 1 to 100000');
  // robust62: every ratio keeps a row per cycle (about 190 bytes each, measured: 100 ratios x 100,000 cycles took 1.9 GB
  // and 6 s), so 1,000 ratios x 100,000 cycles, each allowed alone, ran out of memory; refused before any is computed
  if (np.length * cycles > MAX_CYCLE_ROWS) {
    throw new InputError('cycles', cycles, `at most ${Math.floor(MAX_CYCLE_ROWS / np.length)} cycles with ${np.length} N/P ratios (ratios x cycles up to ${MAX_CYCLE_ROWS.toExponential(0)} cycle rows: `
      + `these would be ${(np.length * cycles).toExponential(0)}, about ${gbText(np.length * cycles * CYCLE_ROW_BYTES)}); fewer cycles or fewer ratios`);
  }
  const anode = o.anode;
  if (!anode || typeof anode !== 'object' || Array.isArray(anode)) throw new InputError('anode', anode, 'a map { ce: 0.99 }, { run: licu.yaml } or { file: licu.mpt, protocol: licu }');
  const a = anode as Record<string, unknown>;
  anodeKeys(a);
  let ce: number[], source: string;
  const notes: string[] = [];
  // the half cell the anode run is, named by the cathode's ion (mends69: "a Li||Cu run file" beside a Na or K cathode)
  const cell = `${cat.metal}||Cu`;
  if (a.ce !== undefined) {
    const list = Array.isArray(a.ce) ? a.ce : [a.ce];
    ce = list.map((x0, i) => {
      // a percentage with its unit, as a cycler reports CE ("99.5 %"), or a fraction (0.995)
      const pc = typeof x0 === 'string' ? /^\s*([0-9]*\.?[0-9]+)\s*%\s*$/.exec(x0) : null;
      const x = pc ? Number(pc[1]) / 100 : x0;
      if (typeof x !== 'number' || !(x > 0 && x <= 1)) throw new InputError(Array.isArray(a.ce) ? `anode.ce[${i}]` : 'anode.ce', x0, 'a Coulombic efficiency above 0 and at most 1 (e.g. 0.995) or a percentage with its unit (e.g. "99.5 %")');
      return x;
    });
    if (ce.length === 0) throw new InputError('anode.ce', a.ce, 'at least one CE');
    source = ce.length > 1 ? `given (${ce.length} values${listUse(ce.length, cycles)})` : 'given';
  } else if (typeof a.run === 'string') {
    // (an empty path read the full-cell file's own folder: "a folder, not a file (EISDIR)"; review34)
    if (a.run.trim() === '') throw new InputError('anode.run', a.run, `a ${cell} run file path (relative to the full-cell file), e.g. anode-licu-carbonate.yaml`);
    const path = resolve(baseDir, a.run);
    // the anode's file named in what is wrong with it (loadRunFile's check of the file's kind): a sweep file's keys
    // were refused as a run's, naming neither
    let resolved;
    try { resolved = loadRunFile(path, `anode.run takes a ${cell} run file (one run with plate/strip cycles)`); } catch (e) {
      if (e instanceof InputError) throw new FileError(path, `anode.run: ${e.message}`);
      // a file that cannot be read is named as anode.run's (it said "FILE: cannot read: no such file" without it; review34),
      // told by its type (a match of the message's first words until review36)
      if (e instanceof UnreadableFileError && e.file === path) throw new InputError('anode.run', a.run, `a ${cell} run file that can be read (${e.message})`);
      throw e;
    }
    // the anode's metal must be the cathode's ion: a Na or K run beside LFP (the default) ran as a Li cell (review56)
    if (resolved.metal.name !== cat.metal) {
      const own = Object.values(CATHODES).filter((c) => c.metal === resolved.metal.name).map((c) => `${c.name} (${c.description})`);
      throw new InputError('anode.run', a.run, `a ${cat.metal} anode run for cathode ${cat.name}${o.cathode === undefined ? ' (the default)' : ''}, ` +
        `a cathode of ${cat.metal}+: ${a.run} plates ${resolved.metal.name}; ` + (own.length > 0
        ? `give a ${resolved.metal.name} cathode, cathode: ${own.join(' or cathode: ')}`
        : `no ${resolved.metal.name} cathode is defined (${Object.keys(CATHODES).join(', ')}): give the anode's CE (anode: { ce }) and the cathode's areal capacity (capacity:)`));
    }
    const sim = new Simulation(resolved);
    // progress every 20 000 events, the workbench's (server/service.ts): at simulate's 200 000, counted within a
    // half cycle, an anode run of short half cycles never reported (the trajectory is the same either way)
    sim.runAll(onProgress ? { onProgress, chunk: 20_000 } : {});
    const s = cycleSummary(sim);
    const got = anodeCeOfRun(a.run, s.aurbach ? [{ cycle: 'the Aurbach average', ce: s.aurbach.ce_avg }] : s.cycles.map((c) => ({ cycle: c.cycle, ce: c.ce })));
    ce = got.ce;
    notes.push(...got.notes);
    source = `${a.run} (${s.aurbach ? 'Aurbach CE' : `CE of ${ce.length} simulated cycle(s)${listUse(ce.length, cycles)}`})`;
    // the capacity the anode run cycled (Aurbach: Q_C; Li||Cu: the mean plated per cycle, the cycles its CE came from) against the
    // cathode's: a CE measured at 0.1 mAh/cm2 was applied to a 1.7 mAh/cm2 cathode without a word (review78)
    const used = s.cycles.filter((c) => c.ce > 0);
    const cycled = s.aurbach ? s.aurbach.qc_mAh : used.reduce((t, c) => t + c.plated_mAh_per_cm2, 0) / Math.max(1, used.length);
    const note = cycledCapacityNote(cycled, capacity, cell);
    if (note) notes.push(note);
  } else if (a.file !== undefined) {
    // a measured cycler export, read by analyze's code before this (fullCellMeasuredOf); the library's sync fullCell cannot
    if (!measured) throw new InputError('anode.file', a.file, 'anode: { ce } or { run } here: a cycler file is read asynchronously, by `sacplate fullcell` or fullCellMeasuredOf()');
    const got = anodeCeOfRun(measured.file, measured.cycles, 'anode.file', 'cycler');
    ce = got.ce;
    notes.push(...measured.notes, ...got.notes);
    source = `measured ${measured.file} (${measured.what}${measured.protocol === 'licu' ? listUse(ce.length, cycles) : ''})`;
    const note = measured.cycled_mAh_per_cm2 !== undefined ? cycledCapacityNote(measured.cycled_mAh_per_cm2, capacity, cell, 'test') : undefined;
    if (note) notes.push(note);
    else if (measured.cycled_mAh_per_cm2 === undefined) notes.push(`${measured.file} gives no electrode area (${measured.area_option} gives it, as analyze --area): the capacity its CE was measured at is not compared with the cathode's`);
  } else throw new InputError('anode', anode, `a map with ce (a number or a list), run (a ${cell} run file) or file (a ${cell} cycler export)`);
  return { cathode: cat.name, capacity_mAh_per_cm2: capacity, np, cycles, ce, ce_source: source, notes };
}


/** One N/P ratio's cell: retention per cycle relative to the first discharge. */
export interface FullCellNp {
  np: number;
  first_discharge_mAh_per_cm2: number;
  /** discharge after the last cycle over the first discharge */
  final_retention: number;
  /** first cycle whose retention is below 0.8, or null if none within the run */
  cycles_to_80pct: number | null;
  cycles: FullCellCycle[];
}

export type FullCellReport = FullCellSpec & { results: FullCellNp[] };

/** anode's keys: one of ce, run and file; protocol and from_cycle only with file */
function anodeKeys(a: Record<string, unknown>): void {
  refuseUnknownKeys('anode', a, ANODE_KEYS);
  // two given: one was never read (the run never simulated: a typo in it went unseen)
  const given = ['ce', 'run', 'file'].filter((k) => a[k] !== undefined);
  if (given.length > 1) throw new InputError(`anode.${given[1]}`, a[given[1]!], `one of ce, run and file, not ${given.join(' and ')} (ce gives the CE; run simulates it; file reads it from a measured cycler export)`);
  for (const k of ['protocol', 'from_cycle', 'area_cm2', 'map']) if (a[k] !== undefined && a.file === undefined) throw new InputError(`anode.${k}`, a[k], `${k} only with anode.file (how a measured cycler export is read)`);
}

/**
 * fullCellOf with a measured anode (anode: { file } in the file, or anodeFile given: `sacplate fullcell --anode-file`,
 * relative to the working folder, in place of the file's anode), read by analyze's code (measured.ts). Asynchronous, as
 * reading a cycler file is; a file without anode.file gives fullCellOf's report.
 */
export async function fullCellMeasuredOf(file: string, o: { anodeFile?: string; anodeProtocol?: string; anodeFromCycle?: number; anodeArea?: string; anodeMap?: string } = {}): Promise<FullCellReport> {
  const raw = fullCellFile(file) as Record<string, unknown>;
  let baseDir = dirname(file), field = 'anode.file';
  const extra: string[] = [];
  if (o.anodeFile !== undefined) {
    if (raw.anode !== undefined) extra.push(`--anode-file replaces the file's anode (${JSON.stringify(raw.anode)})`);
    const anode: Record<string, unknown> = { file: o.anodeFile };
    if (o.anodeProtocol !== undefined) anode.protocol = o.anodeProtocol;
    if (o.anodeFromCycle !== undefined) anode.from_cycle = o.anodeFromCycle;
    if (o.anodeArea !== undefined) anode.area_cm2 = o.anodeArea;
    if (o.anodeMap !== undefined) anode.map = o.anodeMap;
    raw.anode = anode;
    baseDir = process.cwd();
    field = '--anode-file';
  } else {
    const flag = ([['--anode-protocol', o.anodeProtocol], ['--anode-from-cycle', o.anodeFromCycle], ['--anode-area', o.anodeArea], ['--anode-map', o.anodeMap]] as const).find(([, v]) => v !== undefined);
    if (flag) throw new InputError(flag[0], flag[1], '--anode-file <file> as well (it says how that cycler export is read; a full-cell file\'s anode: { file } takes protocol:, from_cycle:, area_cm2: and map:)');
  }
  const a = raw.anode;
  let measured: MeasuredAnode | undefined;
  if (isMap(a) && a.file !== undefined) {
    anodeKeys(a);
    const cat = getCathode(raw.cathode ?? 'LFP');
    measured = await readMeasuredAnode(a, baseDir, `${cat.metal}||Cu`, field);
    if (o.anodeFile !== undefined) a.file = resolve(baseDir, o.anodeFile); // parsed relative to the full-cell file's folder below
    measured.notes.push(...extra);
  }
  return reportOf(parseFullCell(raw, dirname(file), file, undefined, measured));
}

/** The cell at each N/P ratio of a checked spec */
function reportOf(spec: FullCellSpec): FullCellReport {
  const results = spec.np.map((np) => {
    const r = inventory({ cathode_mAh_per_cm2: spec.capacity_mAh_per_cm2, np, ce: spec.ce, cycles: spec.cycles });
    return { np, first_discharge_mAh_per_cm2: r.cycles[0]!.discharge_mAh_per_cm2, final_retention: r.final_retention, cycles_to_80pct: r.cycles_to_80pct, cycles: r.cycles };
  });
  return { ...spec, results };
}

/** The cell of a full-cell file (paths in it relative to the file) or object (relative to the working folder) at each N/P ratio. */
export function fullCellOf(input: string | Record<string, unknown>, o: { onProgress?: (p: ProgressInfo) => void } = {}): FullCellReport {
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('fullcell', input, 'a full-cell file (YAML or JSON) or a map { cathode: LFP, np: 1, cycles: 300, anode: { ce: 0.99 } }');
  // o.onProgress: the anode run's progress, as simulate's (the CLI's bar or line); robust62: the options checked as
  // every library call's (fullCell(spec, { onProgres }) and fullCell(spec, 5) were taken without a word)
  const onProgress = optionsArg('options', o, '{ onProgress }', ['onProgress']).onProgress as ((p: ProgressInfo) => void) | undefined;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InputError('onProgress', onProgress, 'a function called with the anode run\'s progress (or none)');
  const spec = typeof input === 'string' ? parseFullCell(fullCellFile(input), dirname(input), input, onProgress) : parseFullCell(input, process.cwd(), undefined, onProgress);
  return reportOf(spec);
}

/** The package entry's name for fullCellOf. */
export const fullCell = fullCellOf;

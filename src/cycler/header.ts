/**
 * Column names as cyclers write them, split into a base name and a unit:
 * "Current(A)", "Voltage(V)" (Neware), "I/mA", "(Q-Qo)/mA.h", "<Ewe>/V" (EC-Lab),
 * "current_A", "test_time_s" (Landt via BDF tools), "Test Time / s" (BDF label),
 * "Time [h]", and bare names ("Current", Arbin: the unit is then the BDF unit).
 */
import { parseUnit } from '../units.js';
import { FileError } from '../errors.js';
import { BDF_COLUMNS, QUANTITY_OF, conversion, bdfUnit, type BdfColumn, type Quantity } from './columns.js';

export interface SplitName { raw: string; base: string; unit: string }

/**
 * Lower case, letters, digits, '<>' and '|' kept: EC-Lab writes DC means as `<Ewe>/V` and AC
 * amplitudes of impedance techniques as `|Ewe|/V`, `|I|/A`; the two must never be confused.
 * CJK ideographs are kept too (cyclerzh): a Chinese export's "电压(V)" is "电压", where until then every
 * Chinese name normalized to '' and none could be recognized.
 */
export function normalize(base: string): string {
  return base.toLowerCase().replace(/[^a-z0-9<>|\u4e00-\u9fff]/g, '');
}

const unitOk = (u: string) => u.trim() !== '' && parseUnit(u) !== undefined;
const TEMP_UNIT = /^\s*(°C|degC|C|K|\?|℃)\s*$/;

export function splitName(raw: string): SplitName {
  // full-width brackets, as Chinese exports may write them: "放电容量（mAh）" is "放电容量(mAh)"
  const name = raw.trim().replace(/（/g, '(').replace(/）/g, ')');
  // old EC-Lab headers put the unit inside the brackets: "<Ewe/V>", "<I/mA>"
  let m = /^<([^<>/]+)\/([^<>]+)>$/.exec(name);
  if (m && unitOk(m[2]!)) return { raw, base: `<${m[1]!.trim()}>`, unit: m[2]!.trim() };
  m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(name); // Name(unit)
  if (m && m[1] !== '' && (unitOk(m[2]!) || TEMP_UNIT.test(m[2]!))) return { raw, base: m[1]!, unit: m[2]!.trim() };
  // units written as words (PEC "Total Time (Seconds)", Maccor "Test (Sec)"); "(Hours in hh:mm:ss.xxx)" is a duration
  if (m && m[1] !== '') {
    const w = m[2]!.trim().toLowerCase();
    // "(h:min:s.ms)": Neware BTS 7.6's durations (English "Relative Time(h:min:s.ms)", Chinese "相对时间(h:min:s.ms)")
    const word = w === 'seconds' || w === 'sec' ? 's' : w === 'hours' || w === 'hrs' ? 'h' : w === 'minutes' ? 'min' : /^hours in hh:mm:ss/.test(w) || /^h:min:s(\.ms)?$/.test(w) ? '' : undefined;
    if (word !== undefined) return { raw, base: m[1]!, unit: word };
  }
  m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(name); // Name [unit]
  if (m && m[1] !== '' && (unitOk(m[2]!) || TEMP_UNIT.test(m[2]!))) return { raw, base: m[1]!, unit: m[2]!.trim() };
  // Name/unit: the first '/' after which the rest parses as a unit (EC-Lab, BDF labels)
  for (let i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
    const u = name.slice(i + 1).trim();
    if (unitOk(u) || TEMP_UNIT.test(u)) return { raw, base: name.slice(0, i).trim(), unit: u };
    if (/^sec$/i.test(u)) return { raw, base: name.slice(0, i).trim(), unit: 's' }; // Landt/Lanhe "TestTime/Sec"
  }
  // name_unit (lower-case BDF-style tools): only unit symbols with a dimension
  m = /^(.*[A-Za-z0-9])_([A-Za-z]+)$/.exec(name);
  if (m) {
    const u = m[2]!;
    const p = parseUnit(u);
    if (p && p.dims.some((d) => d !== 0)) return { raw, base: m[1]!, unit: u };
  }
  return { raw, base: name, unit: '' };
}

export type Aliases = Partial<Record<BdfColumn, string[]>>;

/** "Name(unit)", "Name [unit]", "Name/unit" as written, whatever the unit reads as (splitName keeps a unit only if it is one) */
function unitWritten(raw: string): { base: string; unit: string } | undefined {
  const name = raw.trim().replace(/（/g, '(').replace(/）/g, ')');
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(name) ?? /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(name) ?? /^([^/]+?)\s*\/\s*([^/]+)$/.exec(name);
  if (!m || m[1] === '' || !/^[A-Za-z]{1,4}$/.test(m[2]!.trim())) return undefined;
  return { base: m[1]!, unit: m[2]!.trim() };
}
/** the columns whose unit the reader must know, and the units a cycler writes them in (for the messages) */
const UNIT_CHECKED: readonly BdfColumn[] = ['test_time_second', 'voltage_volt', 'current_ampere', 'charging_capacity_ah', 'discharging_capacity_ah', 'step_capacity_ah'];
const CASE_FIX: Partial<Record<string, string[]>> = {
  time: ['s', 'min', 'h'], voltage: ['V', 'mV'], current: ['A', 'mA', 'uA'], capacity: ['Ah', 'mAh', 'uAh'], energy: ['Wh', 'mWh'],
};
/** the --map key of each (read.ts MAP_KEYS; a BDF column name otherwise) */
const MAP_KEY: Partial<Record<BdfColumn, string>> = {
  test_time_second: 'time', voltage_volt: 'voltage', current_ampere: 'current', charging_capacity_ah: 'charge', discharging_capacity_ah: 'discharge',
};
const MEGA_REFUSED = new Set<string>(['voltage', 'current', 'capacity', 'energy']);
function megaCase(unit: string, q: Quantity): { lower?: string; name: string } {
  const u = unit.trim();
  const lower = /^M/.test(u) ? `m${u.slice(1)}` : undefined;
  const name = /^M/.test(u) ? `mega-${q === 'current' ? 'amperes' : q === 'voltage' ? 'volts' : q === 'capacity' ? 'ampere-hours' : 'watt-hours'} (1e6 ${bdfUnit(q)})` : `giga- or larger (1e9 ${bdfUnit(q)})`;
  return { lower: lower && parseUnit(lower) ? lower : undefined, name };
}

/**
 * Chinese-language exports' names (Neware BTS 7.6 and 8, as public readers name them: docs/cycler.md, "Chinese-language
 * exports", gives each word's source). Only words found in a public source are here.
 */
export const ZH_ALIASES = {
  test_time_second: ['总时间'],
  voltage_volt: ['电压'],
  current_ampere: ['电流'],
  cycle_count: ['循环号', '循环序号', '循环'],
  step_index: ['工步号', '工步序号', '步次'],
  charging_capacity_ah: ['充电容量'],
  discharging_capacity_ah: ['放电容量'],
  step_capacity_ah: ['容量'],
  charging_energy_wh: ['充电能量'],
  discharging_energy_wh: ['放电能量'],
  step_energy_wh: ['能量'],
  power_watt: ['功率'],
} as const satisfies Aliases;
/** a step's own time (hh:mm:ss from the step's start): Neware BTS 8 "时间", BTS 7.6 "相对时间(h:min:s.ms)" */
export const ZH_STEP_TIME = ['时间', '相对时间'];
/** the step-type column: BTS 8 "工步类型", BTS 7.6 "状态" (its English export's "State") */
export const ZH_STEP_TYPE = ['工步类型', '状态'];

/** Base names (normalized) recognized for each canonical column, best first. */
export const COMMON_ALIASES: Aliases = {
  test_time_second: ['testtime', 'totaltime', 'cumulativetime', 'testtimes', 'runtime', ...ZH_ALIASES.test_time_second],
  voltage_volt: ['voltage', 'ewe', '<ewe>', 'ecell', '<ecell>', 'potential', 'u', ...ZH_ALIASES.voltage_volt],
  current_ampere: ['current', 'i', '<i>', ...ZH_ALIASES.current_ampere],
  cycle_count: ['cycleindex', 'cyclenumber', 'cyclecount', 'cycle', ...ZH_ALIASES.cycle_count],
  step_count: ['stepnumber', 'stepcount'],
  step_index: ['stepindex', 'step', 'ns', ...ZH_ALIASES.step_index],
  charging_capacity_ah: ['chargingcapacity', 'chargecapacity', 'chgcap', 'qcharge', ...ZH_ALIASES.charging_capacity_ah],
  discharging_capacity_ah: ['dischargingcapacity', 'dischargecapacity', 'dchgcap', 'qdischarge', ...ZH_ALIASES.discharging_capacity_ah],
  step_capacity_ah: ['stepcapacity', 'capacity', ...ZH_ALIASES.step_capacity_ah],
  net_capacity_ah: ['netcapacity', 'qqo'],
  cumulative_capacity_ah: ['cumulativecapacity'],
  charging_energy_wh: ['chargingenergy', 'chargeenergy', 'chgenergy', 'energycharge', ...ZH_ALIASES.charging_energy_wh],
  discharging_energy_wh: ['dischargingenergy', 'dischargeenergy', 'dchgenergy', 'energydischarge', ...ZH_ALIASES.discharging_energy_wh],
  step_energy_wh: ['stepenergy', 'energy', ...ZH_ALIASES.step_energy_wh],
  net_energy_wh: ['netenergy'],
  cumulative_energy_wh: ['cumulativeenergy'],
  power_watt: ['power', 'p', ...ZH_ALIASES.power_watt],
  internal_resistance_ohm: ['internalresistance'],
  ambient_temperature_celsius: ['ambienttemperature', 'temperature', 'temperature1', 'auxtemperature1', 't1'],
};

export interface Binding {
  col: BdfColumn;
  src: number;
  header: string;
  factor: number;
  offset: number;
  /** the unit its name (or --map COL@unit) states, '' when neither states one (the layout's unit is taken) */
  unit?: string;
}

export interface BindOptions {
  file: string;
  line: number;
  aliases: Aliases;
  /** columns that must be found */
  required?: readonly BdfColumn[];
  /** explicit choices: canonical column -> header text (exact) and optional unit override */
  explicit?: Partial<Record<BdfColumn, { column: string; unit?: string }>>;
  /** the format's name for messages */
  format: string;
  /** filled with the columns whose names a canonical column's took, left unread because their unit is not of its
   * quantity ("Chg. Cap.(mAh/g)": per gram, not a capacity); capacities and energies that are not required only */
  skipped?: { header: string; unit: string; col: BdfColumn }[];
  /** the layout's --format id, for a message's fix (a --map without --format reads the file as generic) */
  formatId?: string;
  /** the delimiter the line was split on, for a refusal's hint when it split into one field (cli66) */
  delimiter?: string;
  /** exact names a format defines (BDF machine names in any version), tried before the aliases; lowest rank wins */
  names?: (header: string) => { col: BdfColumn; unit: string; rank: number } | undefined;
}

/** Finds the source column of each canonical column and its unit conversion. */
export function bindColumns(fields: string[], o: BindOptions): Binding[] {
  const names = fields.map(splitName);
  const norm = names.map((n) => normalize(n.base));
  const exact = fields.map((f) => f.trim());
  const used = new Set<number>();
  const out: Binding[] = [];
  const formatFlag = o.formatId && o.formatId !== 'generic' ? `--format ${o.formatId} ` : '';
  const bind = (col: BdfColumn, src: number, written: string) => {
    const q = QUANTITY_OF[col];
    // audit70b: "@-mA" in --map reads the current with its sign reversed, for a cycler that signs a plating onto the
    // working electrode > 0 (no label column to take the sign from, so it could not be read: every plating a strip)
    const reversed = o.explicit?.[col]?.unit !== undefined && written.trim().startsWith('-');
    if (reversed && col !== 'current_ampere') {
      throw new FileError(o.file, `--map ${MAP_KEY[col] ?? col}=${fields[src]!.trim()}@${written.trim()}: a "-" before the unit reverses the sign of the current only (${MAP_KEY.current_ampere ?? 'current'}=COLUMN@-UNIT, e.g. @-mA); expected ${q === 'count' ? 'a plain count' : `${bdfUnit(q)} or a multiple`} without "-"`, o.line);
    }
    const unit = reversed ? written.trim().slice(1) : written;
    const c0 = conversion(q, unit);
    const conv = c0 && reversed ? { factor: -c0.factor, offset: c0.offset } : c0;
    if (!conv) {
      throw new FileError(o.file, `column "${fields[src]!.trim()}" has unit "${unit}", which is not ${q === 'count' ? 'a plain count' : `a ${q} (expected ${bdfUnit(q)} or a multiple)`}`, o.line);
    }
    // a mega- or giga- current, voltage, capacity or energy is a unit written in the wrong case (cycfile65: "Current(MA)"
    // for mA read every current 1e9 times too large, the charges saved only by the file's capacity columns)
    if (MEGA_REFUSED.has(q) && conv.factor >= 1e6 && o.explicit?.[col]?.unit === undefined) {
      const { lower, name } = megaCase(unit, q);
      throw new FileError(o.file, `column "${fields[src]!.trim()}" has unit "${unit}", ${name}: no cell is cycled in those; unit symbols are case-sensitive (M is mega-, m milli-): ${lower ? `write "${fields[src]!.trim().replace(unit, lower)}", or give ${formatFlag}--map "${MAP_KEY[col] ?? col}=${fields[src]!.trim()}@${lower}"` : `expected ${bdfUnit(q)} or a milli- or micro- multiple`}`, o.line);
    }
    used.add(src);
    out.push({ col, src, header: fields[src]!.trim(), factor: conv.factor, offset: conv.offset, unit: written.trim() });
  };
  for (const col of BDF_COLUMNS) {
    const ex = o.explicit?.[col];
    if (ex) {
      const src = exact.indexOf(ex.column.trim());
      if (src < 0) throw new FileError(o.file, `no column named "${ex.column}" for ${col}; columns are: ${exact.filter((x) => x !== '').join(', ')}`, o.line);
      bind(col, src, ex.unit ?? names[src]!.unit);
      continue;
    }
    if (o.explicit && Object.keys(o.explicit).length > 0 && o.format === 'generic') continue;
    // the format's own exact names (BDF: every version's machine names, with their units), then the canonical name
    let src = -1;
    let unit = '';
    if (o.names) {
      let best = Infinity;
      for (let i = 0; i < exact.length; i++) {
        const r = used.has(i) ? undefined : o.names(exact[i]!);
        if (r && r.col === col && r.rank < best) { best = r.rank; src = i; unit = r.unit; }
      }
    }
    if (src < 0) src = exact.indexOf(col);
    // a column found by its name whose unit is not of the quantity (a specific capacity "Chg. Cap.(mAh/g)" for the
    // charge capacity) is left unread and named, unless the column is required: the whole file was refused for it
    // (review46: `column "Chg. Cap.(mAh/g)" has unit "mAh/g", which is not a capacity`)
    // (capacities and energies only: a current in mA/cm2 left unread would read the file as an open-circuit recording)
    const q = QUANTITY_OF[col];
    const optional = (q === 'capacity' || q === 'energy') && !(o.required ?? []).includes(col);
    const unfit = (k: number, u: string) => optional && !conversion(QUANTITY_OF[col], u);
    if (src >= 0 && !used.has(src) && unfit(src, unit)) { o.skipped?.push({ header: exact[src]!, unit, col }); src = -1; }
    if (src < 0) {
      for (const a of o.aliases[col] ?? []) {
        const k = norm.findIndex((n, i) => n === a && !used.has(i) && !o.skipped?.some((x) => x.header === exact[i]));
        if (k < 0) continue;
        if (unfit(k, names[k]!.unit)) { o.skipped?.push({ header: exact[k]!, unit: names[k]!.unit, col }); continue; }
        src = k; unit = names[k]!.unit; break;
      }
    }
    if (src >= 0 && !used.has(src)) bind(col, src, unit);
  }
  // a column named as a current, voltage, time or capacity whose bracketed unit is no unit ("Current(a)", "Voltage(v)":
  // a unit in the wrong case) is refused naming it: "Current(a)" was left unread and the file read as an open-circuit
  // recording, "Voltage(v)" refused as "header has no voltage_volt column" beside the column (cycfile65)
  if (!o.explicit || o.format !== 'generic') {
    for (let i = 0; i < fields.length; i++) {
      if (used.has(i)) continue;
      const w = unitWritten(exact[i]!);
      if (!w || parseUnit(w.unit) !== undefined || TEMP_UNIT.test(w.unit)) continue;
      const nb = normalize(w.base);
      for (const col of UNIT_CHECKED) {
        if (out.some((b) => b.col === col) || !(o.aliases[col] ?? []).includes(nb)) continue;
        const q = QUANTITY_OF[col];
        const fix = CASE_FIX[q]?.find((u) => u.toLowerCase() === w.unit.toLowerCase());
        throw new FileError(o.file, `column "${exact[i]}" names a ${q} but "${w.unit}" is not a unit${fix ? ` (unit symbols are case-sensitive: "${fix}")` : ''}; expected ${CASE_FIX[q]!.join(', ')}${fix ? `: write "${w.base.trim()}(${fix})", or give ${formatFlag}--map "${MAP_KEY[col] ?? col}=${exact[i]}@${fix}"` : `, or give ${formatFlag}--map "${MAP_KEY[col] ?? col}=${exact[i]}@UNIT"`}`, o.line);
      }
    }
  }
  for (const r of o.required ?? []) {
    if (!out.some((b) => b.col === r) && o.explicit && Object.keys(o.explicit).length > 0 && o.format === 'generic') {
      // the mapping given names no such column: it said `generic header has no test_time_second column (looked for
      // test_time_second or names like: test_time_second) ... Use --format generic --map`, to a user who had (cli66, a
      // capacity-voltage export mapped by its two columns)
      const key = MAP_KEY[r] ?? r;
      const why = r === 'test_time_second'
        ? 'analyze reads each row at its test time: the current integrates over it to the charges, and the half cycles and rests are told by it; a file of voltage against capacity alone (no time, no current) cannot be read: export the record (detail) data with its test time and current'
        : 'analyze reads the voltage of every row';
      throw new FileError(o.file, `--map names no ${key} column (${key}=COLUMN): ${why}; the file's columns: ${exact.filter((x) => x !== '').join(', ')}`, o.line);
    }
    if (!out.some((b) => b.col === r)) {
      const looked = r in o.aliases ? (o.aliases[r] ?? []).join(', ') : r;
      // one field holding another delimiter: the line was split on the wrong one (a forced --format mpt, tab, on a CSV;
      // a --delimiter ";" on a comma file): it listed "found: DataPoint,Cycle Index,...,Time,..." beside "looked for time" (cli66)
      const filled = exact.filter((x) => x !== '');
      const NAMES: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tab' };
      const other = filled.length === 1 ? [',', ';', '\t'].find((d) => d !== o.delimiter && filled[0]!.split(d).length >= 3) : undefined;
      const split = other !== undefined ? ` (one field: the line is ${NAMES[other]}-separated, and was split on ${o.delimiter !== undefined ? NAMES[o.delimiter] ?? JSON.stringify(o.delimiter) : 'another delimiter'}: leave --format and --delimiter out to have the layout and delimiter detected, or give --delimiter ${other === '\t' ? 'tab' : JSON.stringify(other)})` : '';
      throw new FileError(o.file, `${o.format} header has no ${r} column (looked for ${r} or names like: ${looked}); found: ${filled.join(', ')}${split}. Use --format generic --map to name the columns`, o.line);
    }
  }
  return out;
}

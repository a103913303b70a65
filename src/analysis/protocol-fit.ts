/**
 * Does the file's voltage fit the protocol asked for? A symmetric Li || Li cell rests near 0 V and
 * stays within tens to hundreds of mV under current; a Li || Cu (or Aurbach) cell goes below 0 V
 * while metal plates onto its working electrode. An electrode that stores Li (graphite, Si) cycled
 * against Li, or a full cell, does neither: its voltage stays above 0 V (0.05-1 V against Li, 3-4 V
 * for a Li-ion full cell). `analyze --protocol symmetric` on such a file read its open-circuit
 * voltage as a 2781 mV nucleation overpotential (neware_uio.csv, a half cell at 2.92 V open
 * circuit, cycled between 0.05 and 1 V), with nothing said. These checks warn and name the
 * protocol that fits; they change no figure.
 */
import type { Check } from './checks.js';
import type { Trace } from './segments.js';
import { PARTIAL_END_MARGIN_V, type AurbachResult } from './ce.js';
import type { Protocol } from './protocols.js';

/** |V| a symmetric cell stays within: at rest (about 0 V) and under current (the median over those rows); fullcell/measured.ts refuses such a file as an anode's by the same bound. */
export const SYMMETRIC_MAX_V = 0.5;

const v3 = (v: number) => `${v.toFixed(3)} V`;

/** The protocol-fit warning for `protocol` on this trace (dir: +1 strip/charge, -1 plate/discharge, 0 rest), or none. */
export function protocolFit(tr: Trace, dir: Int8Array, protocol: Protocol, current?: { from: string; unit: string; format: string }): Check | undefined {
  const V = tr.voltage_V, n = V.length;
  let first = -1, minPlate = Infinity, minStrip = Infinity;
  const absUnder: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = V[k]!;
    if (!Number.isFinite(v)) continue;
    if (first < 0) first = k;
    if (dir[k] === 0) continue;
    absUnder.push(Math.abs(v));
    if (dir[k] === -1 && v < minPlate) minPlate = v;
    if (dir[k] === 1 && v < minStrip) minStrip = v;
  }
  if (first < 0 || absUnder.length === 0) return undefined;
  absUnder.sort((a, b) => a - b);
  const median = absUnder[absUnder.length >> 1]!;
  const plated = minPlate < 0;
  // which protocol the voltages fit
  const fits = plated
    ? `--protocol licu (or aurbach) fits it: its working electrode goes below 0 V (to ${v3(minPlate)}) as metal plates onto it`
    : '--protocol fullcell fits it: an electrode cycled against the metal, or a full cell, whose voltage stays above 0 V under current';
  // fullcell: a full cell (3-4 V) or an electrode against the metal stays above 0 V; a file that plates metal goes below
  // it (until mends55 a Li || Cu file read as a full cell got no check: its CE and retention read as a cell's)
  if (protocol === 'fullcell') {
    if (!plated) return undefined;
    return {
      name: 'protocol', status: 'warn',
      detail: `not a full cell's voltages: it goes below 0 V under current in the plating direction (to ${v3(minPlate)}), as metal plating onto its working electrode does (a full cell, or an electrode cycled against the metal, stays above 0 V), so its charges are plated and stripped metal, not a cell's capacity; --protocol licu (or aurbach) fits it, or --protocol symmetric for a cell of the metal on both sides`,
    };
  }
  if (protocol === 'symmetric') {
    const v0 = V[first]!;
    if (Math.abs(v0) <= SYMMETRIC_MAX_V && median <= SYMMETRIC_MAX_V) return undefined;
    return {
      name: 'protocol', status: 'warn',
      detail: `not a symmetric cell's voltages: the file starts at ${v3(v0)}, its median |V| under current is ${v3(median)}${plated || minPlate === Infinity ? '' : ` and its lowest in the plating direction ${v3(minPlate)}`} (a symmetric cell rests near 0 V and stays within about ${SYMMETRIC_MAX_V} V), so its nucleation and plateau readings are not overpotentials; ${fits}`,
    };
  }
  // licu, aurbach: metal plated on the working electrode takes it below 0 V
  if (plated) return undefined;
  const never = minPlate === Infinity ? 'no current passes in the plating direction' : `it never goes below 0 V under current in the plating direction (lowest ${v3(minPlate)})`;
  // audit70b: below 0 V under the other direction's current is a plating the file signs > 0 (a cycler or wiring that
  // signs the working electrode's reduction positive): "--protocol fullcell fits it" sent such a Li||Cu file away
  if (minStrip < 0 && minPlate === Infinity) {
    // every row under current reads > 0: an unsigned current (|I|) whose direction no label column gave
    return {
      name: 'protocol', status: 'warn',
      detail: `no metal plated on the working electrode as the current is signed: no current passes in the plating direction (every row under current reads > 0), but it goes below 0 V under current (to ${v3(minStrip)}): the file writes |I| without its sign? give its direction from a label column, --map "sign=COLUMN:LABEL+,LABEL-[,LABEL0]" (e.g. sign=Md:C+,D-,R0), or export the signed current`,
    };
  }
  if (minStrip < 0) {
    const col = current ? `--map "current=${current.from}@-${current.unit.replace(/^-/, '') || 'UNIT'}"` : '--map "current=COLUMN@-UNIT"';
    const flag = current && current.format !== 'generic' ? `--format ${current.format} ` : '';
    const already = current?.unit.startsWith('-') ? ' (it is read reversed already: leave the "-" out of --map)' : '';
    return {
      name: 'protocol', status: 'warn',
      detail: `no metal plated on the working electrode as the current is signed: ${never}, but it goes below 0 V under current in the stripping direction (to ${v3(minStrip)}): the file signs a plating onto the working electrode > 0, the reverse of the convention read (< 0 plates onto it, > 0 strips it)? read it reversed with ${flag}${col}${already}`,
    };
  }
  return {
    name: 'protocol', status: 'warn',
    detail: `no metal plated on the working electrode: ${never}, so its charge out is not plated metal stripped; ${fits}`,
  };
}

/**
 * audit70b: `--protocol licu` (compare --measured's default) on a symmetric Li || Li cell's file, or a Li || Cu test whose
 * strips stop at a set charge: every strip passes exactly its plating's charge and none rises to a cut-off, so its "CE" of
 * 1.000 is the ratio of the set charges, not an efficiency (a symmetric cell's file read as licu printed `mean CE 1.0000`,
 * and compare `CE % 100.0` beside the simulated cases, without a word). A Li || Cu strip ends when the working electrode is
 * bare, its voltage rising to the cut-off (0.5-1 V); a symmetric cell rests near 0 V and stays within about 0.5 V.
 * `ces`: the complete cycles' CE. A simulated eta.csv is not looked at (its protocol says how its strips end).
 */
export function chargeLimitedStrips(tr: Trace, dir: Int8Array, ces: readonly number[]): Check | undefined {
  if (ces.length === 0 || !ces.every((c) => Math.abs(c - 1) <= 0.002)) return undefined;
  const V = tr.voltage_V;
  let v0: number | undefined, maxStrip = -Infinity;
  for (let k = 0; k < V.length; k++) {
    const v = V[k]!;
    if (!Number.isFinite(v)) continue;
    if (v0 === undefined) v0 = v;
    if (dir[k] === 1 && v > maxStrip) maxStrip = v;
  }
  if (v0 === undefined || Math.abs(v0) > SYMMETRIC_MAX_V || !(maxStrip < SYMMETRIC_MAX_V)) return undefined;
  const lo = Math.min(...ces), hi = Math.max(...ces);
  return {
    name: 'protocol', status: 'warn',
    detail: `every strip passes its plating's charge (CE ${lo.toFixed(4)}${hi > lo ? `-${hi.toFixed(4)}` : ''} in ${ces.length} complete cycle(s)) and none rises to a cut-off (highest ${v3(maxStrip)} under stripping current; the file starts at ${v3(v0)}): a symmetric cell's voltages, or strips stopped at a set charge, so the CE is the ratio of the set charges, not an efficiency (a Li||Cu strip ends when the working electrode is bare, its voltage rising to the cut-off, 0.5-1 V); --protocol symmetric fits a cell of the metal on both sides`,
  };
}

/**
 * The Aurbach protocol as the file follows it, or why not: n >= 1 plate/strip cycles of equal
 * charge Q_C after the reservoir, and a final strip that ends at the cut-off. On neware_uio.csv the
 * detection found n 0 and took the file's last half cycle, cut short by the file's end at 0.425 V,
 * as the final strip ("cut-off 0.425 V").
 */
export function aurbachFit(tr: Trace, dir: Int8Array, r: AurbachResult, nGiven: boolean): { check?: Check; stopsShort: boolean } {
  const why: string[] = [];
  if (!nGiven && r.detected.n === 0) {
    why.push(`no plate/strip cycles of equal charge (Q_C) between the reservoir plating (half cycle ${r.detected.reservoir_half_cycle}, ${r.detected.qt_mAh.toPrecision(4)} mAh) and the final strip (half cycle ${r.detected.final_half_cycle}): n 0`);
  }
  // the highest voltage the earlier strips (charges) reached: the cut-off the final strip should reach too
  const V = tr.voltage_V;
  let finalStart = V.length;
  while (finalStart > 0 && dir[finalStart - 1] !== -1) finalStart--;
  let earlier = -Infinity;
  for (let k = 0; k < finalStart; k++) if (dir[k] === 1 && V[k]! > earlier) earlier = V[k]!;
  const stopsShort = Number.isFinite(earlier) && r.cutoff_V < earlier - PARTIAL_END_MARGIN_V;
  if (stopsShort) {
    why.push(`the final strip stops at ${v3(r.cutoff_V)} where the file ends, short of the ${v3(earlier)} the earlier strips reached: not a strip to the cut-off`);
  }
  // every cycling strip ended at the cut-off the final strip reached: a Li||Cu test stripped to its cut-off each cycle
  // (cli66: such a file read as aurbach said nothing of it), not Adams' cycles of Q_C between a reservoir and a final strip
  const nStrips = Math.max(r.n, r.detected.n);
  if (!stopsShort && r.cutoff_strips !== undefined && nStrips > 0 && r.cutoff_strips >= nStrips) {
    why.push(`every cycling strip (${r.cutoff_strips} of ${nStrips}) ends at the final strip's cut-off (${v3(r.cutoff_V)}), as a Li||Cu test stripped to its cut-off each cycle does, not at Q_C; --protocol licu reads its CE cycle by cycle`);
  }
  if (why.length === 0) return { stopsShort };
  return { stopsShort, check: { name: 'protocol', status: 'warn', detail: `the file does not follow the Aurbach protocol (a reservoir plating, n cycles of Q_C, a final strip to the cut-off): ${why.join('; ')}; its CE_avg is not the Aurbach CE` } };
}

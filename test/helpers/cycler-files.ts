/**
 * Cycler files reconstructed from the instruments' documented layouts, for tests whose point
 * needs a known answer (a charge of exactly 0.80 mAh, a clock that resets at a known line).
 * EC-Lab .mpt: see ../shared/data/cycler/SOURCES.md (magic line, "Nb header lines : N", tab
 * separated with a trailing tab, latin-1). BDF CSV: the Battery Data Format machine names.
 */
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';

/** A real export in ../shared/data/cycler (the shared folder beside the checkout, as CI has it); tests run from the checkout. */
export const sharedCycler = (file: string): string => resolve('../shared/data/cycler', file);

/** The first `n` lines of a shared export, as a file of its own in `dir` (the whole Neware file costs 0.3 s CPU a read). */
export function sharedCyclerHead(dir: string, f: string, n: number): string {
  const out = join(dir, `head${n}-${f}`);
  if (!fs.existsSync(out)) fs.writeFileSync(out, fs.readFileSync(sharedCycler(f), 'utf8').split('\n').slice(0, n).join('\n') + '\n');
  return out;
}

/** One galvanostatic half cycle (I in mA, charge in mAh) or a rest (I = 0, duration in s). */
export interface Half { I_mA: number; q_mAh?: number; rest_s?: number }

export interface Row { t: number; I_mA: number; V: number; Q_mAh: number; cycle: number; mode: number; ns: number }

/**
 * Samples every dt_s (default 12 s) through the halves. Cycle numbering as EC-Lab does it:
 * a new cycle starts at each charge (I > 0) after the first half cycle.
 */
export function gcplRows(halves: Half[], dt_s = 12, cycleAtCharge = true): Row[] {
  const rows: Row[] = [];
  let t = 0, Q = 0, cycle = 0, ns = 0, started = false;
  for (const h of halves) {
    if (h.I_mA > 0 && cycleAtCharge && started) cycle++;
    const dur = h.I_mA === 0 ? h.rest_s! : (h.q_mAh! / Math.abs(h.I_mA)) * 3600;
    const n = Math.round(dur / dt_s);
    if (Math.abs(n * dt_s - dur) > 1e-9) throw new Error(`half of ${dur} s is not a whole number of ${dt_s} s samples`);
    for (let k = 0; k <= n; k++) {
      if (k > 0) Q += (h.I_mA * dt_s) / 3600;
      const V = h.I_mA < 0 ? 0.02 + 0.001 * k / n : h.I_mA > 0 ? 0.1 + 0.5 * k / n : 0.3;
      rows.push({ t, I_mA: h.I_mA, V, Q_mAh: Q, cycle, mode: h.I_mA === 0 ? 3 : 1, ns });
      t += dt_s;
    }
    if (h.I_mA !== 0) started = true;
    ns++;
  }
  return rows;
}

export const MPT_COLS = ['mode', 'ox/red', 'error', 'control changes', 'Ns changes', 'counter inc.', 'Ns', 'time/s', 'control/V/mA', 'Ewe/V', 'I/mA', 'dq/mA.h', '(Q-Qo)/mA.h', 'half cycle', 'cycle number'];

/** An EC-Lab GCPL export of the rows; `area` is the "Electrode surface area" header text. */
export function writeGcplMpt(file: string, rows: Row[], o: { area?: string; cycleText?: (r: Row) => string } = {}): void {
  const meta = ['', 'Galvanostatic Cycling with Potential Limitation', '', 'Run on channel : 1 (SN 0001)', `Electrode surface area : ${o.area ?? '1.130 cm²'}`, 'Characteristic mass : 0.000 mg'];
  const lines = ['EC-Lab ASCII FILE', `Nb header lines : ${3 + meta.length}`, ...meta, MPT_COLS.join('\t') + '\t'];
  let half = 0, prev = 0;
  for (const r of rows) {
    if (r.I_mA !== 0 && prev !== 0 && Math.sign(r.I_mA) !== Math.sign(prev)) half++;
    if (r.I_mA !== 0) prev = r.I_mA;
    lines.push([r.mode, r.I_mA > 0 ? 1 : 0, 0, 0, 0, 0, r.ns, r.t.toFixed(4), r.I_mA, r.V.toExponential(7), r.I_mA.toExponential(7), 0, r.Q_mAh.toExponential(9), half, o.cycleText ? o.cycleText(r) : r.cycle.toExponential(15)].join('\t') + '\t');
  }
  fs.writeFileSync(file, Buffer.from(lines.join('\n') + '\n', 'latin1'));
}

/** A BDF CSV (machine-readable names) of the rows; `time` rewrites the time written per row. */
export function writeBdfCsv(file: string, rows: Row[], o: { time?: (r: Row, k: number) => number; header?: string } = {}): void {
  const lines = [o.header ?? 'test_time_second,voltage_volt,current_ampere'];
  rows.forEach((r, k) => lines.push(`${o.time ? o.time(r, k) : r.t},${r.V},${r.I_mA / 1000}`));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** A small Neware-style Li||Cu table: `cycles` plate/strip pairs of 10 rows each at 1 mA, voltages of `v0` + a few tens of mV. */
export function licuTable(cycles: number, v0 = 0, ocv?: number): string {
  const rows = ['DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)'];
  let t = 0, k = 1;
  if (ocv !== undefined) for (let j = 0; j < 5; j++) rows.push(`${k++},1,Rest,00:00:0${j},0,${ocv.toFixed(4)}`);
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let c = 1; c <= cycles; c++) {
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC DChg,${hms(t += 60)},-0.001,${(v0 - 0.03 - (j === 0 ? 0.02 : 0)).toFixed(4)}`);
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC Chg,${hms(t += 60)},0.001,${(v0 + 0.03 + (j === 9 ? 0.5 : 0)).toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

/**
 * A Li||Cu file's lines as a cycler writes it (plating < 0; a row every 10 s): per cycle a 60 s rest at open circuit
 * (2.95 V), a plating of 0.565 mA for 1800 s at 40 mV after a 150 mV dip in its first 30 s, a strip at 40 mV that rises
 * to 0.5 V over its last 60 s (CE 0.9), a 60 s rest at 2.9 V. mends70's tests (compare-measured, cycler-analyze-cli)
 * wrote it each; review70b made it one.
 */
export function licuRestLines(cycles = 3): string[] {
  const lines = ['Test Time / s,Voltage / V,Current / mA,Cycle Count / 1'];
  let t = 0;
  const row = (v: number, i: number, c: number) => { lines.push(`${t.toFixed(1)},${v.toFixed(5)},${i.toFixed(4)},${c}`); t += 10; };
  for (let c = 1; c <= cycles; c++) {
    for (let k = 0; k < 6; k++) row(2.95, 0, c);
    for (let k = 0; k < 180; k++) row(k < 3 ? -0.15 : -0.04, -0.565, c);
    for (let k = 0; k < 162; k++) row(k < 156 ? 0.04 : 0.04 + (0.46 * (k - 155)) / 6, 0.565, c);
    for (let k = 0; k < 6; k++) row(2.9, 0, c);
  }
  return lines;
}

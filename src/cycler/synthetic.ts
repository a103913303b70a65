/**
 * Constructed galvanostatic traces with known answers (for tests, benchmarks and demos) and a
 * writer for BioLogic .mpt text exports following the documented layout (see
 * ../shared/data/cycler/SOURCES.md): magic line, "Nb header lines : N", tab-separated columns
 * with a trailing tab, latin-1, optional decimal commas.
 */
import * as fs from 'node:fs';
import { C_PER_MAH } from '../units.js';

/** Small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SymmetricSpec {
  cycles: number;
  /** duration of each half cycle, s */
  halfCycle_s: number;
  /** sample interval, s */
  dt_s: number;
  /** |current|, A */
  current_A: number;
  /** plateau |V| of a half cycle, V (cycle is 1-based) */
  plateau: (cycle: number, sign: -1 | 1) => number;
  /** nucleation dip on the first half cycle: extra |V| at the tip, V (default 0) */
  dip_V?: number;
  /** time of the tip after the half cycle starts, s (default 5 dt) */
  tip_s?: number;
  /** gaussian-ish noise amplitude, V (default 0) */
  noise_V?: number;
  /** soft short: from this cycle's plating half cycle on, at `shortFraction` of it, |V| collapses to short_V with noise shortNoise_V */
  shortCycle?: number;
  shortFraction?: number;
  short_V?: number;
  shortNoise_V?: number;
  /** rest between half cycles, s (default 0) */
  rest_s?: number;
  seed?: number;
}

export interface SyntheticTrace {
  time_s: Float64Array;
  voltage_V: Float64Array;
  current_A: Float64Array;
  cycle: Float64Array;
  halfCycle: Float64Array;
  /** time at which the short starts, if any */
  short_time_s?: number;
}

/** Li||Li-like trace: each cycle plates (I < 0, V < 0) then strips (I > 0, V > 0). */
export function symmetricTrace(s: SymmetricSpec): SyntheticTrace {
  const r = rng(s.seed ?? 1);
  const noise = () => (r() + r() + r() - 1.5) * 2 * (s.noise_V ?? 0); // triangular-ish, zero mean
  const per = Math.round(s.halfCycle_s / s.dt_s);
  const restN = Math.round((s.rest_s ?? 0) / s.dt_s);
  const n = s.cycles * 2 * (per + 1 + restN);
  const t = new Float64Array(n), v = new Float64Array(n), I = new Float64Array(n), c = new Float64Array(n), h = new Float64Array(n);
  let k = 0, time = 0, shortT: number | undefined;
  const tip = s.tip_s ?? 5 * s.dt_s;
  for (let cy = 1; cy <= s.cycles; cy++) {
    for (const sign of [-1, 1] as const) {
      const p = s.plateau(cy, sign);
      for (let j = 0; j <= per; j++) {
        const tt = j * s.dt_s;
        let a = p;
        if (cy === 1 && sign === -1 && s.dip_V) {
          // rise to the tip, then exponential relaxation to the plateau
          a = tt <= tip ? (p + s.dip_V) * (tt / tip) : p + s.dip_V * Math.exp(-(tt - tip) / tip);
        }
        a += noise();
        if (s.shortCycle !== undefined && (cy > s.shortCycle || (cy === s.shortCycle && (sign === 1 || j >= (s.shortFraction ?? 0.5) * per)))) {
          if (shortT === undefined) shortT = time;
          a = (s.short_V ?? 0.002) + (r() - 0.5) * 2 * (s.shortNoise_V ?? 0.001);
        }
        t[k] = time; v[k] = sign * a; I[k] = sign * s.current_A; c[k] = cy; h[k] = 2 * (cy - 1) + (sign === -1 ? 0 : 1);
        k++;
        if (j < per) time += s.dt_s;
      }
      time += s.dt_s;
      for (let j = 0; j < restN; j++) { t[k] = time; v[k] = 0; I[k] = 0; c[k] = cy; h[k] = NaN; k++; time += s.dt_s; }
    }
  }
  const out: SyntheticTrace = { time_s: t.subarray(0, k), voltage_V: v.subarray(0, k), current_A: I.subarray(0, k), cycle: c.subarray(0, k), halfCycle: h.subarray(0, k) };
  if (shortT !== undefined) out.short_time_s = shortT;
  return out;
}

export interface MptVariant {
  /** write decimal commas (French/German locale) */
  decimalComma?: boolean;
  /** 3: no metadata block (header-less); otherwise a metadata block is written */
  headerless?: boolean;
  voltageName?: 'Ewe/V' | 'Ecell/V' | '<Ewe>/V';
  currentName?: 'I/mA' | '<I>/mA';
  chargeName?: '(Q-Qo)/mA.h' | '(Q-Qo)/C';
  magic?: 'EC-Lab ASCII FILE' | 'BT-Lab ASCII FILE';
  crlf?: boolean;
  /** electrode area written in the header, cm2 */
  area_cm2?: number;
}

/** Writes a trace as an EC-Lab/BT-Lab .mpt text export (latin-1). Returns the number of data rows. */
export function writeMpt(file: string, tr: SyntheticTrace, o: MptVariant = {}): number {
  const nl = o.crlf ? '\r\n' : '\n';
  const num = (x: number, digits = 7) => {
    const s = Number.isInteger(x) ? String(x) : x.toExponential(digits);
    return o.decimalComma ? s.replace('.', ',') : s;
  };
  const cols = ['mode', 'ox/red', 'error', 'control changes', 'Ns changes', 'counter inc.', 'Ns', 'time/s', 'control/V/mA',
    o.voltageName ?? 'Ewe/V', o.currentName ?? 'I/mA', 'dq/mA.h', o.chargeName ?? '(Q-Qo)/mA.h', 'half cycle', 'Q charge/discharge/mA.h', 'cycle number', 'P/W'];
  const meta = o.headerless ? [] : [
    '',
    'Galvanostatic Cycling with Potential Limitation',
    '',
    'Run on channel : 3 (SN 0815)',
    'User : sacplate test',
    `Electrode surface area : ${num(o.area_cm2 ?? 1.13, 3).replace(/e\+0$/, '')} cm²`,
    'Characteristic mass : 0,000 mg'.replace(',', o.decimalComma ? ',' : '.'),
    `Ewe ctrl range : min = ${o.decimalComma ? '-5,00' : '-5.00'} V, max = ${o.decimalComma ? '5,00' : '5.00'} V`,
    'Temperature : 25 °C',
  ];
  const N = 3 + meta.length;
  const lines: string[] = [o.magic ?? 'EC-Lab ASCII FILE', `Nb header lines : ${N}`, ...meta, cols.join('\t') + '\t'];
  const n = tr.time_s.length;
  let q = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) q += tr.current_A[k]! * (tr.time_s[k]! - tr.time_s[k - 1]!) / C_PER_MAH; // mA.h
    const I_mA = tr.current_A[k]! * 1000;
    const qOut = o.chargeName === '(Q-Qo)/C' ? q * C_PER_MAH : q;
    const hc = tr.halfCycle[k]!;
    const row = [
      I_mA === 0 ? '3' : '1', I_mA > 0 ? '1' : '0', '0', '0', '0', '0', '1', num(tr.time_s[k]!, 9), num(I_mA), num(tr.voltage_V[k]!), num(I_mA),
      num(0), num(qOut), Number.isFinite(hc) ? String(hc) : '0', num(Math.abs(q)), num(tr.cycle[k]! - 1, 15), num(tr.voltage_V[k]! * tr.current_A[k]!),
    ];
    lines.push(row.join('\t') + '\t');
  }
  fs.writeFileSync(file, Buffer.from(lines.join(nl) + nl, 'latin1'));
  return n;
}

/**
 * Metrics on constructed traces with known answers: nucleation dip, plateau and hysteresis,
 * cumulative capacity, cycle life by an overpotential limit and by a soft short at a known
 * cycle, Li||Cu CE per cycle, Aurbach/Adams average CE, full-cell CE and retention.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSymmetric } from '../src/analysis/symmetric.js';
import { aurbachCe, fullCell, licuCe } from '../src/analysis/ce.js';
import { InputError } from '../src/errors.js';
import { countCycles, directions, halfCycles } from '../src/analysis/segments.js';
import { nucleationOverpotential } from '../src/analysis/nucleation.js';
import { rng, symmetricTrace } from '../src/cycler/synthetic.js';

const near = (a: number, b: number, tol: number, msg = '') => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

test('symmetric: a constructed 30 mV dip gives 30 mV; plateaus, hysteresis and capacity', () => {
  const tr = symmetricTrace({ cycles: 5, halfCycle_s: 3600, dt_s: 10, current_A: 1.13e-3, dip_V: 0.030, tip_s: 20,
    plateau: (c, s) => (s < 0 ? 0.020 : 0.018) + 0.001 * (c - 1) });
  const r = analyzeSymmetric(tr, { area_cm2: 1.13 });
  assert.equal(r.half_cycles.length, 10);
  near(r.nucleation!.nucleation_V, 0.030, 1e-9, 'nucleation');
  near(r.nucleation!.peak_V, 0.050, 1e-12, 'tip');
  near(r.nucleation!.peak_time_s, 20, 1e-9, 'tip time');
  assert.equal(r.nucleation!.cycle, 1);
  for (const c of r.cycles) {
    near(c.plating_plateau_V!, 0.020 + 0.001 * (c.cycle - 1), 1e-12, `plating plateau cycle ${c.cycle}`);
    near(c.stripping_plateau_V!, 0.018 + 0.001 * (c.cycle - 1), 1e-12, 'stripping plateau');
    near(c.hysteresis_V!, 0.038 + 0.002 * (c.cycle - 1), 1e-12, 'hysteresis');
  }
  // 10 half cycles of 1 h at 1.13 mA on 1.13 cm2: 10 mAh/cm2
  near(r.cumulative_capacity_mAh_per_cm2!, 10, 1e-9, 'cumulative capacity');
  // signed as the trace (and eta.csv): + strips, - plates
  near(r.half_cycles[3]!.current_mA_per_cm2!, r.half_cycles[3]!.sign, 1e-12, 'current density');
  assert.equal(r.cycle_life, undefined, 'no short, no limit');
});

test('symmetric: a constructed soft short at cycle 57 is found at 57, at the right time', () => {
  const tr = symmetricTrace({ cycles: 80, halfCycle_s: 1800, dt_s: 15, current_A: 1e-3, plateau: () => 0.025, noise_V: 0.0005,
    shortCycle: 57, shortFraction: 0.4, short_V: 0.003, shortNoise_V: 0.002, seed: 7 });
  const r = analyzeSymmetric(tr, {});
  const collapse = r.events.find((e) => e.criterion === 'soft-short-collapse');
  assert.ok(collapse, 'collapse found');
  assert.equal(collapse.cycle, 57);
  assert.equal(r.cycle_life!.cycle, 57);
  // the short starts 40 % into the plating half cycle of cycle 57
  near(r.cycle_life!.time_s, tr.short_time_s!, 15 * 2, 'event time');
  // without the short, nothing fires over 80 cycles of noisy data
  const clean = analyzeSymmetric(symmetricTrace({ cycles: 80, halfCycle_s: 1800, dt_s: 15, current_A: 1e-3, plateau: () => 0.025, noise_V: 0.0005, seed: 7 }), {});
  assert.equal(clean.cycle_life, undefined, JSON.stringify(clean.events));
});

test('symmetric: noise-only soft short (polarisation kept, voltage noise appears) is flagged at its cycle', () => {
  const base = symmetricTrace({ cycles: 40, halfCycle_s: 1800, dt_s: 15, current_A: 1e-3, plateau: () => 0.025, noise_V: 0.0002, seed: 3 });
  const r0 = rng(99);
  for (let k = 0; k < base.time_s.length; k++) if (base.cycle[k]! >= 23) base.voltage_V[k] = base.voltage_V[k]! + Math.sign(base.voltage_V[k]!) * (r0() - 0.5) * 0.02;
  const r = analyzeSymmetric(base, { collapseFraction: 0.2 });
  const noise = r.events.find((e) => e.criterion === 'soft-short-noise');
  assert.ok(noise, JSON.stringify(r.events));
  assert.equal(noise.cycle, 23);
});

test('symmetric: overpotential limit crossed at the cycle where the growing plateau passes it', () => {
  // plateau 20 mV + 2 mV per cycle: exceeds 100 mV first at cycle 42 (20 + 2*41 = 102)
  const tr = symmetricTrace({ cycles: 50, halfCycle_s: 600, dt_s: 10, current_A: 1e-3, plateau: (c) => 0.020 + 0.002 * (c - 1) });
  const r = analyzeSymmetric(tr, { limit_V: 0.1, softShort: false });
  assert.equal(r.cycle_life!.criterion, 'overpotential-limit');
  assert.equal(r.cycle_life!.cycle, 42);
  const seg = r.half_cycles.find((h) => h.cycle === 42 && h.sign === -1)!;
  assert.equal(r.cycle_life!.time_s, seg.t0_s);
});

test('the same nucleation function on a simulator-style trace (eta < 0 while plating, irregular sampling)', () => {
  const r = rng(5);
  const t: number[] = [], e: number[] = [];
  let tt = 0;
  for (let k = 0; k < 500; k++) {
    tt += 0.5 + r();
    t.push(tt);
    e.push(tt < 30 ? -(0.012 + 0.040 * Math.min(1, tt / 10)) : -0.012); // ramp to a 52 mV tip, hold, drop to 12 mV
  }
  // tip = 52 mV in the early part, plateau 12 mV -> 40 mV
  const res = nucleationOverpotential(t, e);
  near(res.nucleation_V, 0.040, 1e-12);
});

test('Li||Cu CE per cycle from plated and stripped charge', () => {
  // plate 1 mAh (I = -1 mA for 1 h), strip until 0.98 mAh (I = +1 mA, 0.98 h), 10 cycles
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const ces = [0.9, 0.95, 0.97, 0.98, 0.985, 0.99, 0.99, 0.992, 0.994, 0.995];
  for (const ce of ces) {
    for (let k = 0; k <= 360; k++) { t.push(time + k * 10); v.push(-0.02); I.push(-1e-3); }
    time += 3600 + 10;
    const n = Math.round(3600 * ce / 10);
    for (let k = 0; k <= n; k++) { t.push(time + k * 10); v.push(k === n ? 1.0 : 0.02); I.push(1e-3); }
    time += n * 10 + 10;
  }
  const r = licuCe({ time_s: t, voltage_V: v, current_A: I });
  assert.equal(r.cycles.length, 10);
  r.cycles.forEach((c, i) => {
    near(c.plated_mAh, 1, 1e-9);
    near(c.ce, Math.round(3600 * ces[i]! / 10) * 10 / 3600, 1e-9, `cycle ${i + 1}`);
    assert.equal(c.partial, undefined);
  });
  // the file stops 0.3 mAh into an 11th strip: no CE for that cycle (it read 0.30), the stripped charge kept
  for (let k = 0; k <= 360; k++) { t.push(time + k * 10); v.push(-0.02); I.push(-1e-3); }
  time += 3600 + 10;
  for (let k = 0; k <= 108; k++) { t.push(time + k * 10); v.push(0.02); I.push(1e-3); }
  const cut = licuCe({ time_s: t, voltage_V: v, current_A: I });
  assert.equal(cut.cycles.length, 11);
  const last = cut.cycles[10]!;
  near(last.stripped_mAh, 0.3, 1e-9);
  assert.equal(last.partial, true);
  assert.ok(Number.isNaN(last.ce), `CE ${last.ce}`);
  assert.deepEqual(cut.cycles.slice(0, 10).map((c) => c.ce), r.cycles.map((c) => c.ce));
  // as short a last strip that reaches the strips' 1 V cut-off is the cell failing, not the file stopping: its CE stays
  v[v.length - 1] = 1.0;
  const failing = licuCe({ time_s: t, voltage_V: v, current_A: I }).cycles[10]!;
  assert.equal(failing.partial, undefined);
  near(failing.ce, 0.3, 1e-9);
});

function aurbachTrace(qt: number, qc: number, n: number, qs: number, formation: boolean) {
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const step = (sign: -1 | 1, mAh: number, endV?: number) => {
    const dur = mAh * 3.6 / 1e-3; // at 1 mA
    const N = Math.round(dur / 10);
    for (let k = 0; k <= N; k++) { t.push(time + k * 10); I.push(sign * 1e-3); v.push(k === N && endV !== undefined ? endV : sign * 0.02); }
    time += N * 10 + 10;
    for (let k = 0; k < 3; k++) { t.push(time); I.push(0); v.push(0); time += 10; } // short rest
  };
  if (formation) { step(-1, qt); step(1, qt * 0.9, 1.0); }
  step(-1, qt);
  for (let k = 0; k < n; k++) { step(1, qc); step(-1, qc); }
  step(1, qs, 1.0);
  return { time_s: t, voltage_V: v, current_A: I };
}

test('Aurbach/Adams average CE: Q_T, Q_C, n, Q_S and cut-off detected from the file', () => {
  for (const formation of [false, true]) {
    const tr = aurbachTrace(5, 1, 10, 4.6, formation);
    const r = aurbachCe(tr);
    near(r.qt_mAh, 5, 1e-9, 'Q_T');
    near(r.qc_mAh, 1, 1e-9, 'Q_C');
    assert.equal(r.n, 10);
    near(r.qs_mAh, 4.6, 1e-9, 'Q_S');
    near(r.ce_avg, (10 * 1 + 4.6) / (10 * 1 + 5), 1e-9, 'CE_avg');
    assert.equal(r.cutoff_V, 1.0);
  }
  // given values override the detected ones
  const r = aurbachCe(aurbachTrace(5, 1, 10, 4.6, false), { qt_mAh: 6 });
  near(r.ce_avg, (10 + 4.6) / (10 + 6), 1e-9);
  assert.throws(() => aurbachCe(aurbachTrace(5, 1, 10, 4.6, false), { n: 40 }));
});

test('seiaudit: a cycling strip of the Aurbach block that stops short (its cut-off) is counted as what it passed, not Q_C', () => {
  // Q_T 5, n = 10 cycles of Q_C 1 mAh, the strips of cycles 3 and 7 stop at the 1 V cut-off after 0.4 and 0.25 mAh,
  // final strip 4.2 mAh. What was stripped over what was plated: (8 x 1 + 0.4 + 0.25 + 4.2) / (10 x 1 + 5). Adams'
  // (n Q_C + Q_S) / (n Q_C + Q_T) takes every cycling strip for Q_C: (10 + 4.2) / 15 = 0.947 where 0.857 was stripped.
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const step = (sign: -1 | 1, mAh: number, endV?: number) => {
    const N = Math.round(mAh * 3.6 / 1e-3 / 10);
    for (let k = 0; k <= N; k++) { t.push(time + k * 10); I.push(sign * 1e-3); v.push(k === N && endV !== undefined ? endV : sign * 0.02); }
    time += N * 10 + 10;
    for (let k = 0; k < 3; k++) { t.push(time); I.push(0); v.push(0); time += 10; }
  };
  const strips = [1, 1, 0.4, 1, 1, 1, 0.25, 1, 1, 1];
  step(-1, 5);
  for (const q of strips) { step(1, q, q < 1 ? 1.0 : undefined); step(-1, 1); }
  step(1, 4.2, 1.0);
  const tr = { time_s: t, voltage_V: v, current_A: I };
  const expected = (strips.reduce((a, x) => a + x, 0) + 4.2) / (10 + 5);
  for (const o of [{}, { n: 10 }]) {
    const r = aurbachCe(tr, o);
    assert.equal(r.n, 10, `n (${JSON.stringify(o)})`);
    near(r.qt_mAh, 5, 1e-9, 'Q_T');
    near(r.ce_avg, expected, 1e-9, `CE_avg (${JSON.stringify(o)}): ${r.ce_avg} for ${expected}`);
  }
});

test('full cell: capacity, CE and retention per cycle', () => {
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const dis = [2.0, 1.9, 1.8, 1.7];
  for (const d of dis) {
    for (let k = 0; k <= 200; k++) { t.push(time + k * 36); v.push(3.5 + k / 400); I.push(1e-3); } // 2 mAh charge
    time += 200 * 36 + 36;
    const n = Math.round(d * 100);
    for (let k = 0; k <= n; k++) { t.push(time + k * 36); v.push(4 - k / 400); I.push(-1e-3); }
    time += n * 36 + 36;
  }
  const r = fullCell({ time_s: t, voltage_V: v, current_A: I });
  assert.equal(r.cycles.length, 4);
  r.cycles.forEach((c, i) => {
    near(c.charge_mAh, 2, 1e-9);
    near(c.discharge_mAh, dis[i]!, 1e-9);
    near(c.ce, dis[i]! / 2, 1e-9);
    near(c.retention, dis[i]! / dis[0]!, 1e-9);
  });
  const r2 = fullCell({ time_s: t, voltage_V: v, current_A: I }, { referenceCycle: 2 });
  near(r2.cycles[3]!.retention, 1.7 / 1.9, 1e-9);
  assert.equal(halfCycles({ time_s: t, voltage_V: v, current_A: I }).length, 8);
});

test('full cell: a reference cycle cut by the file\'s end is refused, naming the complete cycles (review48: retention was taken against its partial half)', () => {
  // three 2 mAh charge / 1.9 mAh discharge cycles, then a charge and a discharge cut at 0.5 mAh by the file's end (cycle
  // 4, partial; as neware_uio.csv's cycle 5, whose charge is cut at 1.438 mAh), and a charge alone (cycle 5 of tr2)
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const half = (n: number, sign: 1 | -1) => {
    for (let k = 0; k <= n; k++) { t.push(time + k * 36); v.push(sign > 0 ? 3.5 + k / 400 : 4 - k / 400); I.push(sign * 1e-3); }
    time += n * 36 + 36;
  };
  for (let c = 0; c < 3; c++) { half(200, 1); half(190, -1); }
  half(200, 1);
  half(50, -1);
  const tr = { time_s: t.slice(), voltage_V: v.slice(), current_A: I.slice() };
  half(200, 1);
  const tr2 = { time_s: t, voltage_V: v, current_A: I };
  const r = fullCell(tr);
  assert.equal(r.cycles.length, 4);
  assert.equal(r.cycles[3]!.partial, true);
  near(r.cycles[1]!.retention, 1, 1e-9);
  assert.throws(() => fullCell(tr, { referenceCycle: 4 }), (e: unknown) => e instanceof InputError && e.field === '--reference-cycle' && e.value === 4 &&
    /expected a complete cycle of the file \(1, 2, 3\): cycle 4 is cut or lacks its second half/.test(e.message));
  near(fullCell(tr, { referenceCycle: 3 }).cycles[0]!.retention, 1, 1e-9);
  // a last cycle without its second half (tr2: the short discharge is no longer the file's end, so cycle 4 is whole)
  assert.throws(() => fullCell(tr2, { referenceCycle: 5 }), /expected a complete cycle of the file \(1, 2, 3, 4\): cycle 5 is cut/);
});

test('a cycle counter that restarts (1, 2, 3, 1, 2, 3): every cycle is read, numbered on, the file\'s number kept', () => {
  // six symmetric cycles whose plateau grows 5 mV a cycle; the file's cycle column starts again at cycle 4 (a schedule
  // restarted, two tests in one export). The symmetric table kept cycles 1-3 only (4-6 merged into them and dropped),
  // the count said 3, and --pair file summed the two cycle 1s into one (review46)
  const tr = symmetricTrace({ cycles: 6, halfCycle_s: 600, dt_s: 60, current_A: 1e-3, plateau: (c) => 0.02 + 0.005 * c });
  const cycle = tr.cycle.map((c) => (c > 3 ? c - 3 : c));
  const restarted = { ...tr, cycle };
  assert.equal(countCycles(restarted), 6);
  const r = analyzeSymmetric(restarted, {});
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(r.cycles.map((c) => c.file_cycle), [1, 2, 3, 1, 2, 3]);
  r.cycles.forEach((c, i) => near(c.plating_plateau_V!, 0.02 + 0.005 * (i + 1), 1e-12, `plating plateau of cycle ${i + 1}`));
  // full cell by the file's cycle column: 6 cycles of 0.1667 mAh each way, not 3 of twice that
  const f = fullCell(restarted, { pair: 'file' });
  assert.equal(f.cycles.length, 6);
  f.cycles.forEach((c) => near(c.charge_mAh, 1e-3 * 600 / 3.6, 1e-9, `cycle ${c.cycle}`));
  assert.deepEqual(f.cycles.map((c) => c.file_cycle), [1, 2, 3, 1, 2, 3]);
});

test('symmetric: a cycle column that never counts up (one value for the whole test) reads each plate/strip pair as a cycle, its number kept (review70)', () => {
  // an Arbin schedule without a cycle-index increment writes Cycle_Index 1 on every row (an EC-Lab loop of techniques, its
  // cycle number 0): a 6-cycle Li||Li test whose plateau grows 5 mV a cycle read "1 cycle" with cycle 1's plateaus only, and
  // the limit crossed in cycle 5 was reported "at cycle 1" (review70)
  const tr = symmetricTrace({ cycles: 6, halfCycle_s: 600, dt_s: 60, current_A: 1e-3, plateau: (c, sign) => (sign < 0 ? 0.02 : 0.025) + 0.005 * c });
  const flat = { ...tr, cycle: tr.cycle.map(() => 1) };
  const r = analyzeSymmetric(flat, { limit_V: 0.047, softShort: false });
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(r.cycles.map((c) => c.file_cycle), [1, 1, 1, 1, 1, 1]);
  r.cycles.forEach((c, i) => {
    near(c.plating_plateau_V!, 0.02 + 0.005 * (i + 1), 1e-12, `plating plateau of cycle ${i + 1}`);
    near(c.hysteresis_V!, 0.045 + 0.010 * (i + 1), 1e-12, `hysteresis of cycle ${i + 1}`);
  });
  // the strip of cycle 5 (25 + 25 = 50 mV) is the first half above 47 mV
  assert.equal(r.cycle_life!.cycle, 5);
  assert.deepEqual(r.file_cycles_split, [1]);
  // a column that counts its cycles is read as before, unsplit
  const counted = analyzeSymmetric(tr, {});
  assert.equal(counted.cycles.length, 6);
  assert.equal(counted.file_cycles_split, undefined);
  assert.equal(counted.cycles[0]!.file_cycle, undefined);
});

test('symmetric: a cycle column that counts up at the strip (of a file that starts with a plating) pairs each plating with the strip after it, and says so; a column in phase, and a partial first half the column holds apart, are read as before (mends91, review70)', () => {
  // 3 Li||Li cycles, plating 25 + 5c mV, strip 30 + 10c mV: hysteresis 70, 85, 100 mV. The column counts up at each strip
  // (1 | 2 2 | 3 3 | 4, as EC-Lab's GCPL numbers a plating-first test and an Arbin schedule whose increment is at the
  // charge): it read 4 cycles, the first and last of one half, and hysteresis 75 and 90 mV (each strip with the next plating)
  const tr = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 10, current_A: 1e-3, plateau: (c, sign) => (sign < 0 ? 0.025 + 0.005 * c : 0.03 + 0.01 * c) });
  const atStrip = { ...tr, cycle: tr.halfCycle.map((h) => Math.floor((h + 1) / 2) + 1) };
  assert.deepEqual([...new Set(atStrip.cycle)], [1, 2, 3, 4]);
  const r = analyzeSymmetric(atStrip, {});
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2, 3]);
  r.cycles.forEach((c, i) => {
    near(c.plating_plateau_V!, 0.025 + 0.005 * (i + 1), 1e-12, `plating plateau of cycle ${i + 1}`);
    near(c.stripping_plateau_V!, 0.03 + 0.01 * (i + 1), 1e-12, `stripping plateau of cycle ${i + 1}`);
    near(c.hysteresis_V!, 0.055 + 0.015 * (i + 1), 1e-12, `hysteresis of cycle ${i + 1}`);
  });
  assert.deepEqual(r.cycles.map((c) => c.file_cycle), [1, 2, 3], "the file's number of each cycle's plating");
  assert.deepEqual(r.half_cycles.map((h) => h.file_cycle), [1, 2, 2, 3, 3, 4]);
  assert.deepEqual(r.pairs_across_file_cycles, [1, 2, 3]);
  assert.equal(r.pairing_first_sign, -1);
  // the column in phase (1 1 | 2 2 | 3 3): the same cycles, nothing said
  const inPhase = analyzeSymmetric(tr, {});
  assert.deepEqual(inPhase.cycles.map((c) => [c.cycle, c.hysteresis_V]), r.cycles.map((c) => [c.cycle, c.hysteresis_V]));
  assert.equal(inPhase.pairs_across_file_cycles, undefined);
  assert.equal(inPhase.cycles[0]!.file_cycle, undefined);
  // a partial first plating (0.1 of a whole half) in a cycle of its own, the column counting at each strip after it: an
  // earlier test's end, as fullcell's pairing takes it (a Maccor diagnostic's first discharge): left alone, the cycles
  // the column's (each strip with the plating after it), as before
  const first = tr.time_s.findIndex((x) => x >= 540);
  const cut = (a: Float64Array) => a.subarray(first);
  const partial = { time_s: cut(tr.time_s), voltage_V: cut(tr.voltage_V), current_A: cut(tr.current_A), cycle: cut(atStrip.cycle) };
  const p = analyzeSymmetric(partial, {});
  assert.deepEqual(p.cycles.map((c) => [c.cycle, c.plating_plateau_V !== undefined, c.stripping_plateau_V !== undefined]), [[1, true, false], [2, true, true], [3, true, true], [4, false, true]]);
  assert.equal(p.pairs_across_file_cycles, undefined);
  // two platings in a row that the column puts in two cycles (a formation plating, then cycle 2's plating): two cycles, as before
  const rest = (a: Float64Array) => a.map((x, k) => (tr.halfCycle[k] === 1 ? 0 : x));
  const formation = analyzeSymmetric({ time_s: tr.time_s, voltage_V: rest(tr.voltage_V), current_A: rest(tr.current_A), cycle: tr.cycle }, {});
  assert.deepEqual(formation.cycles.map((c) => [c.cycle, c.stripping_plateau_V !== undefined]), [[1, false], [2, true], [3, true]]);
  assert.equal(formation.pairs_across_file_cycles, undefined);
});

test('symmetric, no cycle column: a plating split by a rest is one half of one cycle, as the format line counts them (review70)', () => {
  // cycles from the current's sign: each half of the first direction began a cycle, so a plating interrupted by a rest
  // (a pause, a pulse protocol) read as two cycles: 3 cycles said "3 cycles" above a table of 6, every other one without
  // a strip or hysteresis (review70)
  const tr = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 10, current_A: 1e-3, plateau: (c, sign) => (sign < 0 ? 0.025 : 0.03) + 0.005 * c });
  const I = Float64Array.from(tr.current_A);
  for (let k = 0; k < I.length; k++) if (I[k]! < 0 && (tr.halfCycle[k]! % 2 === 0) && k > 0 && I[k - 1]! < 0 && tr.time_s[k]! % 1220 >= 300 && tr.time_s[k]! % 1220 < 350) I[k] = 0;
  const paused = { time_s: tr.time_s, voltage_V: tr.voltage_V, current_A: I };
  assert.equal(halfCycles(paused).filter((h) => h.sign < 0).length, 6, 'each plating in two pieces');
  assert.equal(countCycles(paused), 3);
  const r = analyzeSymmetric(paused, {});
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2, 3]);
  r.cycles.forEach((c, i) => near(c.hysteresis_V!, 0.055 + 0.010 * (i + 1), 1e-12, `hysteresis of cycle ${i + 1}`));
});

test('symmetric, a plating paused by a rest: its plateau is read over the whole plating (the later half of its time under current), not its first piece\'s (review70)', () => {
  // 3 cycles of 600 s halves; each plating pauses at 300-350 s of its cycle and plates at 25 mV before the pause, 40 mV
  // after it: the whole plating's later half (from 275 s of its 550 s under current) is mostly the 40 mV piece; its
  // first piece's later half (150-300 s) is all 25 mV, which the cycle's plateau read
  const tr = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 10, current_A: 1e-3, plateau: (_c, sign) => (sign < 0 ? 0.025 : 0.03) });
  const I = Float64Array.from(tr.current_A), V = Float64Array.from(tr.voltage_V);
  for (let k = 1; k < I.length; k++) {
    if (!(I[k]! < 0 && I[k - 1]! < 0)) continue;
    const inCycle = tr.time_s[k]! % 1220;
    if (inCycle >= 300 && inCycle < 350) I[k] = 0;
    else if (inCycle >= 350) V[k] = Math.sign(V[k]!) * 0.04;
  }
  const paused = { time_s: tr.time_s, voltage_V: V, current_A: I };
  assert.equal(halfCycles(paused).filter((h) => h.sign < 0).length, 6, 'each plating in two pieces');
  const r = analyzeSymmetric(paused, {});
  assert.deepEqual(r.cycles.map((c) => c.cycle), [1, 2, 3]);
  for (const c of r.cycles) {
    near(c.plating_plateau_V!, 0.04, 1e-12, `plating plateau of cycle ${c.cycle}`);
    near(c.stripping_plateau_V!, 0.03, 1e-12, `stripping plateau of cycle ${c.cycle}`);
  }
  // an unbroken plating reads as before: its own half cycle's plateau
  const whole = analyzeSymmetric({ time_s: tr.time_s, voltage_V: tr.voltage_V, current_A: tr.current_A }, {});
  for (const c of whole.cycles) near(c.plating_plateau_V!, whole.half_cycles.find((h) => h.cycle === c.cycle && h.sign < 0)!.plateau_V, 0, 'one piece');
});

test('fullcell --pair file without a cycle column says it grouped by cycles derived from the current, not "by the file\'s cycle column" (review70)', () => {
  const tr = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 10, current_A: 1e-3, plateau: () => 0.03 });
  const bare = { time_s: tr.time_s, voltage_V: tr.voltage_V, current_A: tr.current_A };
  const f = fullCell(bare, { pair: 'file' });
  assert.equal(f.cycles.length, 3);
  assert.doesNotMatch(f.pair, /cycle column$/);
  assert.match(f.pair, /^by cycles derived from the current \(the file has no cycle column\): a cycle starts at each discharge after a half cycle of the other direction/);
  // with one, as before
  const withColumn = fullCell({ ...bare, cycle: Float64Array.from(tr.time_s, (t) => 1 + Math.floor(t / 1200)) }, { pair: 'file' });
  assert.equal(withColumn.pair, "by the file's cycle column");
  // a file of rest only with a cycle column (FastCharge_000025_CH8.csv, PEC's Test25205) is still grouped by it
  const rest = fullCell({ ...bare, current_A: new Float64Array(bare.time_s.length), cycle: new Float64Array(bare.time_s.length) }, { pair: 'file' });
  assert.deepEqual([rest.cycles.length, rest.pair], [0, "by the file's cycle column"]);
});

test('symmetric: a file that stops in its last half cycle gives that half no plateau and its cycle no hysteresis (review46)', () => {
  // Li||Li, 4 cycles of 1 h halves; the export stops 12 min into the last strip. Its "plateau" was the median of the
  // strip's start and its hysteresis was printed as the others', unmarked (a file cut a fifth into its last strip, its
  // voltage rising through each half, read 21.67 mV for 27.50)
  const tr = symmetricTrace({ cycles: 4, halfCycle_s: 3600, dt_s: 60, current_A: 1e-3, plateau: () => 0.02 });
  const n = tr.time_s.length - 48;
  const cut = { time_s: tr.time_s.subarray(0, n), voltage_V: tr.voltage_V.subarray(0, n), current_A: tr.current_A.subarray(0, n) };
  const r = analyzeSymmetric(cut, { cutEnd: true });
  assert.equal(r.cycles.length, 4);
  assert.equal(r.cycles[3]!.stripping_plateau_V, undefined);
  assert.equal(r.cycles[3]!.hysteresis_V, undefined);
  assert.equal(r.cycles[3]!.partial, true);
  near(r.cycles[3]!.plating_plateau_V!, 0.02, 1e-12, 'its plating is whole');
  assert.equal(r.half_cycles[7]!.partial, true);
  near(r.partial_end!.charge_mAh, 12 / 60, 1e-9, 'the 12 min of the last strip');
  near(r.partial_end!.median_mAh, 1, 1e-9, 'the whole strips before it');
  // the whole file, and a simulated run's trace (cutEnd off), are read as before
  const whole = analyzeSymmetric(tr, { cutEnd: true });
  assert.ok(whole.cycles.every((c) => c.hysteresis_V !== undefined && !c.partial) && whole.partial_end === undefined);
  assert.equal(analyzeSymmetric(cut, {}).cycles[3]!.partial, undefined);
});

test('symmetric: the last half the file stops in is the whole strip, pieces split by a rest together (cycfile65)', () => {
  // Li||Li at 1 mA, 1 min samples: plating 20 mV, strip 30 mV, 2 whole cycles of 1 h halves, then a plating and a strip
  // paused once: its first piece at 30 mV, a 5 min rest, its second at 40 mV, where the file ends. The rule compared
  // the last piece with the earlier pieces of its direction: the real Arbin 2017-05-09_test-TC-contact_CH33.csv (one
  // charge, 6C then 1C after a 0 A row) read its whole 602.6 mAh charge as cut 253.9 mAh into a half "the earlier
  // ones 348.6 mAh", and a cycle whose cut strip had an earlier piece took that piece's plateau while its line said
  // "no stripping plateau" (cycler-analyze-cli's CH33 check: 3590.69 mV printed beside it)
  const build = (a_min: number, b_min: number) => {
    const t: number[] = [], v: number[] = [], I: number[] = [];
    let time = 0;
    const run = (min: number, sign: number, volt: number) => {
      for (let j = 0; j <= min; j++) { t.push(time); v.push(sign * volt); I.push(sign * 1e-3); if (j < min) time += 60; }
      time += 60;
    };
    for (let c = 0; c < 2; c++) { run(60, -1, 0.02); run(60, 1, 0.03); }
    run(60, -1, 0.02);
    run(a_min, 1, 0.03);
    for (let j = 0; j < 5; j++) { t.push(time); v.push(0); I.push(0); time += 60; }
    run(b_min, 1, 0.04);
    return { time_s: Float64Array.from(t), voltage_V: Float64Array.from(v), current_A: Float64Array.from(I) };
  };
  // 40 + 10 min of a 60 min strip: cut, and its cycle has no stripping plateau at all (not its first piece's 30 mV)
  const cut = analyzeSymmetric(build(40, 10), { cutEnd: true });
  assert.equal(cut.cycles.length, 3);
  assert.equal(cut.cycles[2]!.partial, true);
  assert.equal(cut.cycles[2]!.stripping_plateau_V, undefined, 'the cut strip has no plateau, not its first piece\'s');
  assert.equal(cut.cycles[2]!.hysteresis_V, undefined);
  near(cut.partial_end!.charge_mAh, 50 / 60, 1e-9, 'the whole cut strip, both pieces');
  near(cut.partial_end!.median_mAh, 1, 1e-9, 'the whole strips before it');
  // 20 + 40 min: the whole 60 min strip, the file ending on its last row: not cut; its plateau over the later half of
  // its time under current, 30-60 min, all in the second piece (40 mV)
  const whole = analyzeSymmetric(build(20, 40), { cutEnd: true });
  assert.equal(whole.partial_end, undefined, 'a strip as long as the others is whole');
  assert.equal(whole.cycles[2]!.partial, undefined);
  near(whole.cycles[2]!.stripping_plateau_V!, 0.04, 1e-12, 'the whole strip\'s plateau');
  near(whole.cycles[2]!.hysteresis_V!, 0.06, 1e-12);
});

test('full cell: a file that ends in the middle of a half cycle gives that cycle no CE or retention, and says so', () => {
  // neware_uio.csv (../shared/data/cycler) ends 1.44 mAh into a ~4.2 mAh charge (at 0.43 V of a 1 V
  // cut-off): its last cycle was printed as CE 0.434, retention 0.338. Here: 3 discharge/charge cycles
  // of 2 mAh, then a discharge and 0.5 mAh of its charge when the file stops.
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const half = (mAh: number, sign: 1 | -1) => {
    const n = Math.round(mAh * 100);
    for (let k = 0; k <= n; k++) { t.push(time + k * 36); v.push(sign > 0 ? 0.1 + k / 250 : 0.9 - k / 250); I.push(sign * 1e-3); }
    time += n * 36 + 36;
  };
  for (let c = 0; c < 3; c++) { half(2, -1); half(1.96, 1); }
  half(2, -1); half(0.5, 1);
  const r = fullCell({ time_s: t, voltage_V: v, current_A: I });
  assert.equal(r.cycles.length, 4);
  for (const c of r.cycles.slice(0, 3)) { near(c.ce, 0.98, 1e-9); assert.equal(c.partial, undefined); }
  const last = r.cycles[3]!;
  near(last.charge_mAh, 0.5, 1e-9, 'the charge the file holds is kept');
  near(last.discharge_mAh, 2, 1e-9);
  assert.equal(last.partial, true);
  assert.ok(Number.isNaN(last.ce) && Number.isNaN(last.retention), `CE ${last.ce}, retention ${last.retention}`);
  assert.match(r.pair, /the file ends in a partial charge of 0\.5000 mAh: cycle 4 has no CE or retention/);
  // a last charge that is complete (a small fade) keeps its CE
  t.length = v.length = I.length = 0; time = 0;
  for (let c = 0; c < 3; c++) { half(2, -1); half(1.96, 1); }
  half(2, -1); half(1.9, 1);
  const ok = fullCell({ time_s: t, voltage_V: v, current_A: I });
  near(ok.cycles[3]!.ce, 0.95, 1e-9);
  assert.equal(ok.cycles[3]!.partial, undefined);
});

// mends94: a symmetric file that starts with a strip: a cell voltage's nucleation overpotential is read from its first half
// (the other electrode plates then, and the cell voltage carries its dip), a working electrode's own trace's from its first
// plating (a simulated eta.csv: its strip holds no nucleation); the reading says which half it was when the file starts so
test('symmetric, a file that starts with a strip: the first half of a cell voltage, the first plating of a working electrode\'s trace, each said (mends94)', () => {
  const pf = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 1e-3, dip_V: 0.030, tip_s: 20, plateau: (c, s) => (s < 0 ? 0.020 : 0.018) });
  // the same trace with the sign of every sample turned: a strip first, the 30 mV dip in it
  const sf = { ...pf, voltage_V: Float64Array.from(pf.voltage_V, (x) => -x), current_A: Float64Array.from(pf.current_A, (x) => -x) };
  const cell = analyzeSymmetric(sf, {});
  near(cell.nucleation!.nucleation_V, 0.030, 1e-9, 'cell voltage: the first half');
  assert.equal(cell.nucleation!.half_cycle, cell.half_cycles[0]!.index);
  assert.equal(cell.nucleation!.read_from, 'first_half');
  const we = analyzeSymmetric(sf, { workingElectrodeVoltage: true });
  assert.equal(we.half_cycles[1]!.sign, -1);
  assert.equal(we.nucleation!.half_cycle, we.half_cycles[1]!.index, "working electrode's trace: its first plating");
  near(we.nucleation!.plateau_V, 0.018, 1e-12, 'the plating read (its plateau)');
  assert.equal(we.nucleation!.read_from, 'first_plating');
  // a file that starts with a plating: the same reading both ways, and nothing new said
  for (const o of [{}, { workingElectrodeVoltage: true }]) {
    const r = analyzeSymmetric(pf, o);
    near(r.nucleation!.nucleation_V, 0.030, 1e-9, 'plating first');
    assert.equal(r.nucleation!.read_from, undefined);
  }
  // a working electrode's trace that never plates: none read, and why
  const strips = { time_s: [0, 1, 2, 3, 4], voltage_V: [0.05, 0.04, 0.03, 0.03, 0.03], current_A: [1e-3, 1e-3, 1e-3, 1e-3, 1e-3] };
  const none = analyzeSymmetric(strips, { workingElectrodeVoltage: true });
  assert.equal(none.nucleation, undefined);
  assert.match(none.nucleation_not_read!, /never plates/);
  near(analyzeSymmetric(strips, {}).nucleation!.peak_V, 0.05, 1e-12, 'a cell voltage of one strip: read');
});

// mends116 (review86 F9): a strip whose samples sit below 0 V (a simulated strip of small Li islands on Cu, below the
// metal's potential) read a positive stripping plateau (the median of |V|) and the hysteresis added it: +69.62 and
// +119.62 mV for a median of -69.66 mV after a -50 mV plating, where V_strip - V_plate is -19.6 mV
test('symmetric: a strip that runs below 0 V reads a negative stripping plateau and the hysteresis V_strip - V_plate; a file signed the other way reads as before (mends116)', () => {
  // a plating at -50 mV, then a strip whose voltage stays at -70 mV (current > 0), one cycle, 1 s samples
  const t: number[] = [], v: number[] = [], i: number[] = [];
  for (let k = 0; k < 200; k++) { t.push(k); v.push(k < 100 ? -0.050 : -0.070); i.push(k < 100 ? -1e-3 : 1e-3); }
  const r = analyzeSymmetric({ time_s: t, voltage_V: v, current_A: i }, { workingElectrodeVoltage: true, softShort: false });
  near(r.cycles[0]!.plating_plateau_V!, 0.050, 1e-12, 'plating plateau');
  near(r.cycles[0]!.stripping_plateau_V!, -0.070, 1e-12, 'a stripping plateau below 0 V');
  near(r.cycles[0]!.hysteresis_V!, -0.070 - -0.050, 1e-12, 'hysteresis V_strip - V_plate');
  // the usual strip above 0 V, in a file whose voltage is signed against its current (leads the other way): |V| as before
  const normal = v.map((x, k) => (k < 100 ? x : 0.070));
  for (const sign of [1, -1]) {
    const n = analyzeSymmetric({ time_s: t, voltage_V: normal.map((x) => sign * x), current_A: i }, { softShort: false });
    near(n.cycles[0]!.stripping_plateau_V!, 0.070, 1e-12, `stripping plateau, voltage signed ${sign}`);
    near(n.cycles[0]!.hysteresis_V!, 0.120, 1e-12, `hysteresis, voltage signed ${sign}`);
  }
});

// mends119 (review86 F9, left by mends116): the plateaus were signed, the half cycles' mean (cycles.csv's
// mean_stripping_overpotential_mV) still a mean of |V|: a strip at -70 mV read a mean of +70 mV beside its -70 mV plateau
test('symmetric: a half cycle\'s mean is on its side of 0 V, as its plateau: a strip below 0 V reads a negative mean; a file signed the other way reads as before (mends119)', () => {
  // a plating at -50 mV, then a strip whose first quarter sits at +30 mV and the rest at -70 mV (current > 0), 1 s samples
  const t: number[] = [], v: number[] = [], i: number[] = [];
  for (let k = 0; k < 200; k++) { t.push(k); v.push(k < 100 ? -0.050 : k < 125 ? 0.030 : -0.070); i.push(k < 100 ? -1e-3 : 1e-3); }
  const r = analyzeSymmetric({ time_s: t, voltage_V: v, current_A: i }, { workingElectrodeVoltage: true, softShort: false });
  const [plate, strip] = r.half_cycles;
  near(plate!.mean_V, 0.050, 1e-12, 'plating mean');
  near(strip!.mean_V, (25 * 0.030 - 75 * 0.070) / 100, 1e-12, 'a stripping mean of V on the strip\'s side: +30 mV counts +, -70 mV counts -');
  near(strip!.plateau_V, -0.070, 1e-12, 'its plateau, as mends116');
  near(strip!.median_V, 0.070, 1e-12, 'the median stays of |V|');
  // the usual strip above 0 V, the voltage signed either way: the mean of |V| as before
  const normal = v.map((x, k) => (k < 100 ? x : Math.abs(x)));
  for (const sign of [1, -1]) {
    const n = analyzeSymmetric({ time_s: t, voltage_V: normal.map((x) => sign * x), current_A: i }, { softShort: false });
    near(n.half_cycles[1]!.mean_V, (25 * 0.030 + 75 * 0.070) / 100, 1e-12, `stripping mean, voltage signed ${sign}`);
    near(n.half_cycles[0]!.mean_V, 0.050, 1e-12, `plating mean, voltage signed ${sign}`);
  }
});

test('cli66: a Li||Cu test stripped to its cut-off every cycle, read as aurbach: each strip counts as what it passed, and the check says it is not Adams\' protocol', async () => {
  // five cycles of 1 mAh plated, each strip to a 0.5 V cut-off after 0.86, 0.95, 0.97, 0.975 and 0.98 mAh (a formation
  // cycle, then a Li||Cu test's rise). Read as aurbach the detection takes the first plating for Q_T (1 mAh), n 4, Q_C 1:
  // what was stripped over what was plated is 4.735 / 5. Until cli66 the strips within 5 % of Q_C (0.95-0.975) counted
  // as Q_C, and the CE read (4 - 0.14 + 0.98) / 5 = 0.968, with no word that the file is not an Aurbach test.
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { analyzeFile } = await import('../src/analysis/report.js');
  const strips = [0.86, 0.95, 0.97, 0.975, 0.98];
  const t: number[] = [], v: number[] = [], I: number[] = [];
  let time = 0;
  const rest = (V: number) => { for (let k = 0; k < 3; k++) { t.push(time); I.push(0); v.push(V); time += 10; } };
  const step = (sign: -1 | 1, mAh: number, endV: number) => {
    const N = Math.round(mAh * 3.6 / 1e-3 / 10);
    for (let k = 0; k <= N; k++) { t.push(time + k * 10); I.push(sign * 1e-3); v.push(k === N ? endV : sign * 0.03); }
    time += N * 10 + 10;
  };
  rest(2.8);
  for (const q of strips) { step(-1, 1, -0.03); rest(0); step(1, q, 0.5); rest(0.1); }
  const tr = { time_s: t, voltage_V: v, current_A: I };
  // each strip's charge as the rows give it (whole rows of 10 s at 1 mA: 0.86 mAh is 310 rows, 0.8611 mAh)
  const expected = strips.reduce((a, x) => a + Math.round(x * 360) / 360, 0) / 5;
  const r = aurbachCe(tr);
  assert.equal(r.n, 4);
  near(r.qt_mAh, 1, 1e-9, 'Q_T');
  near(r.ce_avg, expected, 1e-9, `CE_avg ${r.ce_avg} for ${expected}`);
  assert.equal(r.cutoff_strips, 4);
  // the same through analyze's report (a BDF CSV of the trace): the number, and the protocol check's words
  const dir = mkdtempSync(join(tmpdir(), 'cli66-aurbach-'));
  try {
    const f = join(dir, 'licu.csv');
    writeFileSync(f, 'test_time_second,voltage_volt,current_ampere\n' + t.map((x, k) => `${x},${v[k]},${I[k]}`).join('\n') + '\n');
    const { report } = await analyzeFile(f, { protocol: 'aurbach' });
    near(report.aurbach!.ce_avg, expected, 1e-9, 'the report');
    const check = report.checks.find((c) => c.name === 'protocol');
    assert.ok(check && check.status === 'warn' && /every cycling strip \(4 of 4\) ends at the final strip's cut-off \(0\.500 V\).*--protocol licu/.test(check.detail), JSON.stringify(check));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('cli66: with useSteps false (--no-steps) the labels are not used, and the rest reading says so (from_steps false)', () => {
  // a labelled trace (Neware's Step Type, Maccor's State): rest 0, plate -1, strip +1; a sample's noise under the
  // threshold in a labelled plate is the plate's with labels, rest without
  const tr = { time_s: [0, 10, 20, 30, 40], voltage_V: [0, -0.02, -0.02, 0.02, 0.02], current_A: [0, -1e-3, -1e-9, 1e-3, 1e-3], label: [0, -1, -1, 1, 1] };
  const used = directions(tr), ignored = directions(tr, { useSteps: false });
  assert.equal(used.from_steps, true);
  assert.equal(used.dir[2], -1, 'the label says plating');
  assert.equal(ignored.dir[2], 0, 'by the current alone: rest');
  assert.equal(ignored.from_steps, false, 'the labels were not used');
});

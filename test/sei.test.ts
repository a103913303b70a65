/**
 * SEI, dead metal, SAC stability and the full-cell inventory (issue 10): exact inventory per half
 * cycle with the SEI module on, event tables consistent after SEI writes, SAC deactivation
 * ordered by the review's distortion figures (paired seeds), the closed-form full-cell inventory,
 * and bad input refused. Small lattices, fixed seeds; the long studies are in `npm run validate`
 * (validation/studies/sei-*.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { simulate } from '../src/simulation/simulate.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { computeMetrics } from '../src/simulation/report.js';
import { InputError } from '../src/errors.js';
import { getSeiSet } from '../src/params/sei.js';
import { seiWarnings } from '../src/input/sei.js';
import { ELECTROLYTES } from '../src/params/electrolytes.js';
import { loadRunFile } from '../src/input/parse.js';
import { runInputWarnings } from '../src/input/limits.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import { SEI_CODES, SAC_CODES, SEI } from '../src/lattice/species.js';
import { throughShift } from '../src/apps/events/sei.js';
import { CH_RED } from '../src/apps/plating.js';
import { fullCell, closedFormDischarge, requiredCe } from '../src/fullcell/inventory.js';
import { pairedInterval } from '../src/stats/interval.js';
import { cli as cliInProcess } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// the folders the tests below make with mkdtempSync(join(tmpdir(), ...)) go under this file's own, removed at its end (mends110)
tempRoot('sei');

const cli = async (args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; }; // in-process (test/helpers/cli.ts), in the shape spawnSync returns

function seiRun(extra: Record<string, unknown> = {}) {
  return {
    metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 30], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: 'carbonate',
    protocol: [{ repeat: 2, steps: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    seed: 2, output: { snapshots: false },
    ...extra,
  };
}

function count(code: Uint8Array, table: Uint8Array | number): number {
  let n = 0;
  for (const c of code) if (typeof table === 'number' ? c === table : table[c] === 1) n++;
  return n;
}

function checkBalance(run: Record<string, unknown>) {
  const sim = new Simulation(parseRunInput(run));
  let plated = 0, stripped = 0;
  sim.runAll({
    onStepEnd: (s, r) => {
      if (r.kind === 'plate') plated += r.net_voxels; else if (r.kind === 'strip') stripped -= r.net_voxels;
      const metal = count(s.app.code, METAL), dead = count(s.app.code, DEAD);
      const bound = r.modules!.sei_bound_voxels!;
      assert.equal(plated + s.initialMetal, stripped + bound + dead + metal,
        `step ${r.index}: plated ${plated} = stripped ${stripped} + SEI-bound ${bound} + dead ${dead} + connected ${metal}`);
      assert.ok(count(s.app.code, SEI_CODES) >= bound - 0, 'every bound voxel is an SEI voxel');
      assert.deepEqual(s.app.conn!.disconnected(), [], `step ${r.index}: a METAL voxel is cut off`);
      assert.equal(s.app.checkConsistency(), null);
    },
  });
  return sim;
}

test('SEI: plated = stripped + SEI-bound + dead + connected at every half cycle, and per cycle in cycles.csv', () => {
  const sim = checkBalance(seiRun());
  const s = cycleSummary(sim);
  assert.equal(s.cycles.length, 2);
  for (const c of s.cycles) {
    assert.equal(c.plated_voxels, c.stripped_voxels + c.sei_bound_voxels + c.dead_formed_voxels + c.retained_voxels, JSON.stringify(c));
    assert.ok(c.sei_bound_voxels > 0, 'a carbonate SEI binds metal every cycle');
    assert.ok(c.dead_clusters >= 0 && (c.dead_clusters === 0) === (c.dead_cluster_max_voxels === 0), JSON.stringify(c));
  }
  assert.ok(s.sei_charge_fraction > 0 && s.sei_charge_fraction < 0.5, `sei_charge_fraction ${s.sei_charge_fraction}`);
  // dead clusters: their sizes add up to the dead voxels
  const last = sim.stepResults[sim.stepResults.length - 1]!;
  const m = last.modules!;
  assert.ok(Math.abs(m.dead_clusters! * m.dead_cluster_mean_voxels! - last.dead_voxels) < 1e-9, JSON.stringify(m));
  assert.ok(s.average_ce < 0.999, `CE ${s.average_ce} falls below 100 % with an SEI`);
});

test('SEI with surface diffusion (10 nm voxels, hops carry the film): balance and event tables stay exact', () => {
  checkBalance(seiRun({
    lattice: { size: [12, 12, 30], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.3 eV' }, sei: 'ether-LiNO3',
    protocol: [{ repeat: 2, steps: ['Plate 0.004 mAh/cm2 at 3 mA/cm2', 'Strip at 3 mA/cm2 until 1 V'] }],
  }));
});

test('cycles.csv inventory with rests (review59): plated + rest_voxels = stripped + SEI-bound + dead + retained per cycle, and the cycles tile the run', () => {
  // a rest passes no current but the box drifts a few voxels at its open-circuit potential: before review59 a Rest
  // between the plate and the strip (or between cycles) was in no column, and the identity the docs call exact missed
  // it (8 x 8 x 24 voxels of 100 nm, seed 1, 0.05 mAh/cm2: cycle 1 plated 153 = 136 + 12 + 3 + 0 + 2 voxels nowhere)
  const sim = new Simulation(parseRunInput(seiRun({
    // seed 4: a case whose rests move the count in both cycles (seivox's change of the film of atoms plated through SEI
    // changed the trajectory of seed 3, used until then, to rests of 3, 0, 1, 0 voxels; seiaudit's hopped stretched films
    // on the fast pass's list did the same to seed 5, used since seivox; seed 4: 3, 1, 1, 0, and again so on D3's fix as
    // amended in session 59 (D3's first fix, which also cleared a carried film's forward stretch, made it 3, 0, 3, 0);
    // seibare, session 60 (a hop moves only the film that exists), made seed 4's 3, 0, 3, 0 again: of seeds 1-30 the
    // first whose rests move the count in both cycles is 18, 3, 1, 1, 0 (then 21, 23, 24))
    lattice: { size: [6, 6, 24], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, seed: 18,
    protocol: [{ repeat: 2, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Rest for 10 s', 'Strip at 1 mA/cm2 until 1 V', 'Rest for 10 s'] }],
  })));
  sim.runAll();
  const r = sim.stepResults;
  assert.deepEqual(r.map((x) => x.kind), ['plate', 'rest', 'strip', 'rest', 'plate', 'rest', 'strip', 'rest']);
  // the case needs rests that move the count, within a cycle and between the cycles
  assert.ok(r[1]!.net_voxels !== 0 && r[3]!.net_voxels !== 0, `rests' net voxels ${r.filter((x) => x.kind === 'rest').map((x) => x.net_voxels)}`);
  const s = cycleSummary(sim);
  assert.equal(s.cycles.length, 2);
  for (const c of s.cycles) {
    assert.equal(c.plated_voxels + c.rest_voxels, c.stripped_voxels + c.sei_bound_voxels + c.dead_formed_voxels + c.retained_voxels, JSON.stringify(c));
  }
  // cycle 1 holds its plate-strip rest; cycle 2 the rest after cycle 1's strip and its own; the run's last rest is after every cycle
  assert.deepEqual(s.cycles.map((c) => c.rest_voxels), [r[1]!.net_voxels, r[3]!.net_voxels + r[5]!.net_voxels]);
  // SEI bound over the cycles = SEI bound by the end of the last strip (no step between cycles is left out)
  assert.equal(s.cycles.reduce((a, c) => a + c.sei_bound_voxels, 0), r[6]!.modules!.sei_bound_voxels);
});

test('a Rest that splits a plating half is rest_voxels, not plated charge (mends82): plated = the trace\'s charge, ce = ce_voxels, and a CE above 1 is the rest\'s drift', () => {
  // a cycler measures the charge through the external circuit; a rest passes none, but the box drifts a few voxels at
  // open circuit (no double-layer charge behind them: it holds under 0.02 voxel). Before mends82 those of a rest inside
  // the plating half were in plated_voxels and plated_mAh_per_cm2 (55 of the trace's 51 here), ce_voxels read 1 where
  // ce read 55/51, and no column showed where the CE above 100 % came from
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [6, 6, 24], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, seed: 2, output: { snapshots: false },
    protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Rest for 10 s', 'Plate 0.01 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'],
  }));
  sim.runAll();
  const r = sim.stepResults;
  assert.deepEqual(r.map((x) => x.kind), ['plate', 'rest', 'plate', 'strip']);
  assert.ok(r[1]!.net_voxels > 0, `the case needs a rest that plated: ${r[1]!.net_voxels}`);
  const [c, ...more] = cycleSummary(sim).cycles;
  assert.equal(more.length, 0);
  // the plated charge through the external circuit, as a cycler counts it: I t of the two plate steps (1 mA/cm2)
  const q = 1e-3 * (r[0]!.duration_s + r[2]!.duration_s);
  assert.ok(Math.abs(q - c!.plated_C_per_cm2) < 1e-6 * q, `plated ${c!.plated_C_per_cm2} C/cm2, the circuit passed ${q}`);
  assert.equal(c!.plated_voxels, r[0]!.net_voxels + r[2]!.net_voxels);
  assert.equal(c!.rest_voxels, r[1]!.net_voxels);
  assert.equal(c!.plated_voxels + c!.rest_voxels, c!.stripped_voxels + c!.sei_bound_voxels + c!.dead_formed_voxels + c!.retained_voxels, JSON.stringify(c));
  assert.ok(Math.abs(c!.ce - c!.ce_voxels) < 1e-12, `ce ${c!.ce} (the trace's) against ce_voxels ${c!.ce_voxels}`);
  // above 1 exactly by what the rest plated and the strip took back
  assert.ok(c!.ce > 1 && c!.stripped_voxels - c!.plated_voxels <= c!.rest_voxels, `ce ${c!.ce}, rest ${c!.rest_voxels}`);
});

test('without sei: no SEI module, no SEI voxel, zero SEI columns in cycles.csv', () => {
  const plain = new Simulation(parseRunInput(seiRun({ sei: undefined, protocol: [{ repeat: 1, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }] })));
  plain.runAll();
  assert.equal(plain.sei, null);
  assert.equal(count(plain.app.code, SEI_CODES), 0);
  const s = cycleSummary(plain);
  assert.equal(s.sei_charge_fraction, 0);
  assert.equal(s.cycles[0]!.sei_bound_voxels, 0);
});

test('SEI lowers the CE against the same run without SEI formation (paired seeds; effect stated: > 2 % of the plated charge)', () => {
  // expected before the run: the carbonate set binds several % of the plated metal per cycle on this
  // 100 nm lattice; with formation_rate 0 and fresh_fraction 0 nothing is bound
  const a: number[] = [], b: number[] = [];
  for (const seed of [1, 2, 3]) {
    const run = (sei: unknown) => {
      const sim = new Simulation(parseRunInput(seiRun({ seed, sei, protocol: [{ repeat: 1, steps: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }] })));
      sim.runAll();
      return cycleSummary(sim).average_ce;
    };
    a.push(run({ set: 'carbonate', formation_rate: 0, fresh_fraction: 0 }));
    b.push(run('carbonate'));
  }
  const iv = pairedInterval(a, b);
  assert.ok(iv.mean > 0.02, `CE loss from the SEI ${iv.mean} (${a} vs ${b})`);
});

test('SAC stability: a Zr-like site (0.103 A distortion) loses more active sites than a Mn-like one (0.005 A), paired seeds', () => {
  // effect stated before the run: deactivation probability per plating step that puts metal on
  // the site 0.103/1 = 0.103 (Zr-N4) vs 0.005/1 = 0.005 (Mn-N4): over 3 plating steps Zr loses
  // some 20-30 % of the sites it plates on, Mn about 1 %; Zr at least 3x more. (Since mends99 the draw is per
  // plating event on the site, not per step: Mn's bare sites exchange Li and get several draws per plate; the order holds.)
  const lost = (site: string, seed: number) => {
    const sim = new Simulation(parseRunInput(seiRun({
      host: 'graphene', seed, sacs: [{ site, loading: '50 %', arrangement: 'random' }],
      sei: { set: 'carbonate', formation_rate: 0, fresh_fraction: 0 },
      protocol: [{ repeat: 3, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    })));
    const n0 = count(sim.app.code, SAC_CODES);
    sim.runAll();
    const s = cycleSummary(sim);
    assert.equal(count(sim.app.code, SAC_CODES) / n0, s.active_sac_fraction);
    return 1 - s.active_sac_fraction;
  };
  const zr: number[] = [], mn: number[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6]) { zr.push(lost('Zr-N4', seed)); mn.push(lost('Mn-N4', seed)); }
  const iv = pairedInterval(zr, mn);
  assert.ok(iv.lo > 0, `Zr - Mn lost fraction ${iv.mean} [${iv.lo}, ${iv.hi}] (${zr} vs ${mn})`);
  assert.ok(zr.reduce((a, x) => a + x, 0) > 3 * mn.reduce((a, x) => a + x, 0), `${zr} vs ${mn}`);
});

test('ion conductance of the SEI: g = R_ct / (R_ct + a / sigma) as a barrier shift', () => {
  const kT = 0.025693;
  // i0 = 10 A/m2 (1 mA/cm2): R_ct = kT/(e i0) = 2.5693e-3 Ohm m2; a = 100 nm, sigma = 2e-6 S/m: a/sigma = 0.05 Ohm m2
  const g = 2.5693e-3 / (2.5693e-3 + 0.05);
  assert.ok(Math.abs(throughShift(2e-6, 1e-7, 10, kT) - -kT * Math.log(g)) < 1e-12);
  assert.ok(throughShift(1, 1e-8, 10, kT) < 1e-5, 'a good ion conductor costs nothing');
});

test('full cell: the recursion matches the closed-form inventory model exactly; N/P = 0 fades fastest', () => {
  for (const np of [0, 0.5, 1, 3]) {
    for (const ce of [0.9, 0.99, 0.997]) {
      const r = fullCell({ cathode_mAh_per_cm2: 1.7, np, ce: [ce], cycles: 400 });
      for (const c of r.cycles) {
        const d = closedFormDischarge(1.7, np, ce, c.cycle);
        assert.ok(Math.abs(c.discharge_mAh_per_cm2 - d) <= 1e-12 * 1.7, `np ${np} ce ${ce} cycle ${c.cycle}: ${c.discharge_mAh_per_cm2} vs ${d}`);
      }
      // inventory: cathode capacity + excess = discharge + excess left + everything lost
      const lost = r.cycles.reduce((a, c) => a + c.lost_mAh_per_cm2, 0);
      const last = r.cycles[r.cycles.length - 1]!;
      assert.ok(Math.abs(1.7 * (1 + np) - (last.discharge_mAh_per_cm2 + last.anode_excess_mAh_per_cm2 + lost)) < 1e-9);
    }
  }
  const c80 = [0, 1, 3].map((np) => fullCell({ cathode_mAh_per_cm2: 1.7, np, ce: [0.99], cycles: 2000 }).cycles_to_80pct!);
  assert.ok(c80[0]! < c80[1]! && c80[1]! < c80[2]!, `cycles to 80 %: ${c80}`);
  assert.equal(c80[0], 24); // 0.99^(n-1) < 0.8 first at n = 24 (retention against cycle 1)
  // what the review's Li||LFP cell (90.5 % after 300 cycles) needs at N/P = 0
  const need = requiredCe(0, 0.905, 300);
  assert.ok(Math.abs(need ** 299 - 0.905) < 1e-6, `${need}`);
});

test('sei.thickness thinner than an atom (0 < h < 0.1 nm: a bare 5e-9, metres read as nm) is refused naming the unit a bare number takes; 0 and 5 (nm) are taken (review49: 5e-9 gave a film that binds no metal without a word)', () => {
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: 5e-9 } })), (e: unknown) => e instanceof InputError
    && e.message === 'sei.thickness: got 5e-9, expected a film thickness in nm, e.g. "20 nm" (a bare number is nm: 5e-9 nm is thinner than an atom; from 0.1 to 10000 nm, or 0 for no film)');
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: '0.05 nm' } })), (e: unknown) => e instanceof InputError && e.field === 'sei.thickness');
  assert.equal(parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: 5 } })).sei!.thickness_m, 5e-9);
  assert.ok(Math.abs(parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: '0.1 nm' } })).sei!.thickness_m - 1e-10) < 1e-24, 'the lower bound is taken');
  assert.equal(parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: 0 } })).sei!.thickness_m, 0);
});

test('an SEI film that would bind more than one voxel of metal per face is refused naming the voxel, the thickness and the voxel that fits (mends73: it bound one, capped, without a word)', () => {
  // carbonate: 5 nm x 0.06 mol/cm3 x Li's 13.0 cm3/mol = 3.9e-9 m of metal per face: f = 3.84 at 1 nm voxels
  const fine = (sei: unknown) => seiRun({ lattice: { size: [8, 8, 8], voxel: '1 nm' }, sei });
  assert.throws(() => parseRunInput(fine('carbonate')), (e: unknown) => e instanceof InputError && e.message.startsWith('sei: got "carbonate"')
    && /1 nm voxels/.test(e.message) && /film of 5 nm/.test(e.message) && /3\.84 voxels/.test(e.message) && /voxels of at least 3\.84 nm/.test(e.message) && /at most 1\.3 nm/.test(e.message), 'carbonate at 1 nm voxels');
  // a thickness above what a 100 nm voxel holds (130.2 nm for carbonate): refused, quoting what was written
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: '200 nm' } })), (e: unknown) => e instanceof InputError
    && e.message.startsWith('sei.thickness: got "200 nm"') && /100 nm voxels/.test(e.message) && /1\.54 voxels/.test(e.message) && /at least 154 nm/.test(e.message) && /at most 130 nm/.test(e.message));
  // just inside: bound as it is, whole (no cap below it)
  const ok = parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: '130 nm' } })).sei!;
  assert.ok(ok.boundPerFace > 0.99 && ok.boundPerFace < 1, `${ok.boundPerFace}`);
  assert.throws(() => parseRunInput(fine('ether-LiNO3')), (e: unknown) => e instanceof InputError && /1\.92 voxels/.test(e.message), 'ether-LiNO3 at 1 nm: f = 1.92');
  assert.ok(Math.abs(parseRunInput(seiRun({ lattice: { size: [8, 8, 8], voxel: '4 nm' } })).sei!.boundPerFace - 0.96) < 0.005, 'carbonate at 4 nm: f = 0.96, taken');
});

test('a film just over one voxel per face says by how much (review61: carbonate at 3.83 nm voxels read "binds 1 voxels\' worth ..., and the model binds at most one")', () => {
  // f = 3.8388 nm / 3.83 nm = 1.002: three significant digits read 1
  assert.throws(() => parseRunInput(seiRun({ lattice: { size: [8, 8, 8], voxel: '3.83 nm' }, sei: 'carbonate' })), (e: unknown) => e instanceof InputError
    && /binds 1\.00[1-9]\d* voxels' worth/.test(e.message) && /voxels of at least 3\.84 nm/.test(e.message) && /at most 4\.98 nm/.test(e.message), 'carbonate at 3.83 nm');
});

test('an SEI set for another metal is refused quoting what the run file wrote, with the set an electrolyte maps to (mends73: it quoted the mapped set, or the default for a map without set)', () => {
  const li = (sei: unknown) => () => parseRunInput(seiRun({ sei }));
  assert.throws(li('NaPF6-diglyme'), (e: unknown) => e instanceof InputError && e.field === 'sei'
    && e.message.startsWith('sei: got "NaPF6-diglyme", expected an SEI set for Li (NaPF6-diglyme is the electrolyte of the Na-ether set, for Na)')
    && /carbonate, ether, ether-LiNO3/.test(e.message));
  assert.throws(li({ set: 'NaPF6-EC-PC' }), (e: unknown) => e instanceof InputError && e.field === 'sei.set' && e.message.startsWith('sei.set: got "NaPF6-EC-PC"') && /the Na-carbonate set/.test(e.message));
  assert.throws(li('K-ether'), (e: unknown) => e instanceof InputError && e.message.startsWith('sei: got "K-ether", expected an SEI set for Li (this one is for K)'));
  // a map without set takes carbonate (Li): in a Na run it said got "carbonate", a value the file does not hold
  const na = { metal: 'Na', host: 'Cu' };
  assert.throws(() => parseRunInput(seiRun({ ...na, sei: { thickness: '3 nm' } })), (e: unknown) => e instanceof InputError && e.field === 'sei.set'
    && !/got "carbonate"/.test(e.message) && /without `set` an sei: map takes the carbonate set, for Li/.test(e.message) && /Na-ether, Na-carbonate/.test(e.message), 'map without set, Na');
});

test('sei: numbers in a unit that converts to the set unit are taken; a unit that does not is refused naming field, value and unit (mends73: "5 um", "10 1/h" were refused)', () => {
  const sei = (o: Record<string, unknown>) => parseRunInput(seiRun({ sei: { set: 'carbonate', ...o } })).sei!;
  const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${what}: ${a} vs ${b}`);
  near(sei({ thickness: '0.02 um' }).thickness_m, 20e-9, '0.02 um');
  near(sei({ thickness: '50 Å' }).thickness_m, 5e-9, '50 Å');
  near(sei({ formation_rate: '36000 1/h' }).formationRate_per_s, 10, '36000 1/h');
  near(sei({ formation_rate: '10 1/h' }).formationRate_per_s, 10 / 3600, '10 1/h');
  near(sei({ formation_rate: '600 1/min' }).formationRate_per_s, 10, '600 1/min');
  near(sei({ conductivity: '2e-6 S/m' }).sigmaOrganic_S_per_m, 2e-6, '2e-6 S/m (S/cm internally x 100)');
  near(sei({ conductivity: '0.02 uS/cm' }).sigmaOrganic_S_per_m, 2e-6, '0.02 uS/cm');
  assert.ok(Math.abs(sei({ conduction_activation: '57.89 kJ/mol' }).conductionActivation_eV / (57890 / 96485.33) - 1) < 1e-6, '57.89 kJ/mol: J/mol over the Faraday constant');
  near(sei({ crack: '80 %' }).crack, 0.8, '80 %');
  near(sei({ deactivation_length: '1 nm', sac_deactivation: true }).sacDeactivation.length, 0, 'no SACs');
  // deactivation_length: "A" is the angstrom here (the set's unit); "0.5 nm" is 5 A
  const zr = (d: string) => parseRunInput(seiRun({ host: 'graphene', sacs: [{ site: 'Zr-N4', loading: '3 %' }], sei: { set: 'carbonate', deactivation_length: d } })).sei!.sacDeactivation[0]!;
  near(zr('0.5 nm'), zr('5 A'), '0.5 nm = 5 A');
  for (const [k, v, unit] of [['thickness', '5 mA', 'nm'], ['formation_rate', '10 mol', '1/s'], ['conductivity', '1e-8 Ohm', 'S/cm'], ['thickness', '5 furlongs', 'nm'], ['crack', '0.5 s', 'dimensionless']] as const) {
    assert.throws(() => sei({ [k]: v }), (e: unknown) => e instanceof InputError && e.field === `sei.${k}` && e.message.startsWith(`sei.${k}: got "${v}"`)
      && e.message.includes(`(${unit},`) && e.message.includes(`"${v.split(' ')[1]}"`), `${k}: ${v}`);
  }
  // converted, then held to the range in the set's unit: 5 mm is 5e6 nm, above 1e4
  assert.throws(() => sei({ thickness: '5 mm' }), (e: unknown) => e instanceof InputError && /from 0 to 10000/.test(e.message));
  // mends127 (review91 F10): a unitless key's range reads "dimensionless", not "(1, from 0 to 1)", and its converted value has no unit "1"
  assert.throws(() => sei({ crack: 1.5 }), (e: unknown) => e instanceof InputError && e.message === 'sei.crack: got 1.5, expected a factor, e.g. 0.1 (dimensionless, from 0 to 1)');
  assert.throws(() => sei({ fresh_fraction: '150 %' }), (e: unknown) => e instanceof InputError && e.message === 'sei.fresh_fraction: got "150 %", expected a fraction, e.g. 0.02 (dimensionless, from 0 to 1); "150 %" is 1.5');
});

test('a named electrolyte with another electrolyte\'s SEI set is warned about, and an electrolyte without sei: is told no SEI forms; neither refused (mends73: both ran without a word)', async () => {
  const run = (extra: Record<string, unknown>) => parseRunInput(seiRun({ lattice: { size: [4, 4, 8], voxel: '10 nm' }, protocol: ['Plate at 1 mA/cm2 for 0.2 s'], ...extra }));
  const mixed = seiWarnings(run({ electrolyte: 'LiTFSI-DOL-DME', sei: 'carbonate' }));
  assert.equal(mixed.length, 1);
  assert.match(mixed[0]!, /^warning: electrolyte LiTFSI-DOL-DME with sei: carbonate: the carbonate SEI set is of LiPF6-EC-DMC, LiPF6-EC-EMC, not of LiTFSI-DOL-DME; .*write "sei: ether" \(the SEI set of LiTFSI-DOL-DME\) or "sei: LiTFSI-DOL-DME"/);
  assert.match(seiWarnings(run({ electrolyte: 'LiPF6-EC-DMC', sei: 'ether-LiNO3' }))[0]!, /the ether-LiNO3 SEI set is of LiTFSI-DOL-DME-LiNO3, not of LiPF6-EC-DMC; .*"sei: carbonate"/);
  const alone = seiWarnings(run({ electrolyte: 'LiTFSI-DOL-DME', sei: undefined }));
  assert.equal(alone.length, 1);
  assert.equal(alone[0]!, 'note: electrolyte LiTFSI-DOL-DME without sei: no SEI forms (for one add "sei: ether")');
  // matching pairs, the additive's set on its base electrolyte, no electrolyte, an inline electrolyte: nothing
  for (const extra of [{ electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate' }, { electrolyte: 'LiPF6-EC-EMC', sei: 'LiPF6-EC-DMC' }, { electrolyte: 'LiTFSI-DOL-DME', sei: 'ether' },
    { electrolyte: 'LiTFSI-DOL-DME', sei: 'ether-LiNO3' }, { sei: 'carbonate' }, { sei: undefined },
    { electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm' }, sei: undefined }]) {
    assert.deepEqual(seiWarnings(run(extra)), [], JSON.stringify(extra));
  }
  // the lines simulate, compare and --seeds print before a run (input/limits.ts runInputWarnings), beside a Hold's
  const before = runInputWarnings(run({ electrolyte: 'LiTFSI-DOL-DME', sei: 'carbonate', protocol: ['Hold at 0.5 V for 0.1 s'] }));
  assert.deepEqual(before.map((w) => w.split(' ').slice(0, 3).join(' ')), ['warning: protocol[0] "Hold', 'warning: electrolyte LiTFSI-DOL-DME']);
});

test('the note of a named electrolyte without sei: is one short line, for every electrolyte set and examples/li-transport.yaml (review61: a paragraph before every transport study)', () => {
  const file = loadRunFile(join(import.meta.dirname, '..', '..', 'examples', 'li-transport.yaml'));
  assert.deepEqual(runInputWarnings(file), ['note: electrolyte LiPF6-EC-DMC without sei: no SEI forms (for one add "sei: carbonate")']);
  for (const name of Object.keys(ELECTROLYTES)) {
    const w = seiWarnings({ transport: { electrolyte: { name } } });
    assert.equal(w.length, 1, name);
    assert.ok(w[0]!.length <= 110, `${w[0]} (${w[0]!.length} characters)`);
    assert.match(w[0]!, new RegExp(`^note: electrolyte ${name} without sei: no SEI forms \\(for one add "sei:`));
  }
});

test('a walker run with a named electrolyte gets no note to add an SEI, which walkers refuse (review61)', () => {
  const run = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 16], voxel: '0.3 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { transport: 'walkers', separator_distance: '3 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  assert.deepEqual(seiWarnings(run), []);
  // the advice it gave is refused for that run
  assert.throws(() => parseRunInput({ ...run.source as Record<string, unknown>, sei: 'carbonate' }), (e: unknown) => e instanceof InputError && /no SEI with cell\.transport: walkers/.test(e.message));
  // the same electrolyte on the field keeps its note
  assert.match(seiWarnings(parseRunInput({ ...run.source as Record<string, unknown>, lattice: { size: [8, 8, 8], voxel: '10 nm' }, cell: {}, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] })).join('\n'), /^note: electrolyte LiPF6-EC-DMC without sei/);
});

test('metrics.json gives the SEI as nm of its set\'s film over the footprint (mends73: voxels, C/cm2 and a share only)', () => {
  const sim = new Simulation(parseRunInput(seiRun({ lattice: { size: [6, 6, 16], voxel: '100 nm' }, protocol: ['Plate 0.03 mAh/cm2 at 1 mA/cm2'] })));
  sim.runAll();
  const m = computeMetrics(sim);
  const bound = m.sei!.sei_bound_voxels!;
  assert.ok(bound > 0, 'the case needs SEI');
  // Li's atomic volume 21.25 A3 (bcc a^3 / 2, a = 3.49 A): 12.80 cm3/mol; carbonate film 0.06 mol Li/cm3; footprint 6 x 6 voxels of 100 nm
  const expected_nm = (bound * 1e-15 / (21.25e-24 * 6.02214e23)) / (36 * 1e-10) / 0.06 * 1e7;
  assert.ok(Math.abs(m.sei_equivalent_thickness_nm! / expected_nm - 1) < 1e-4, `${m.sei_equivalent_thickness_nm} vs ${expected_nm} nm (${bound} voxels)`);
  const plain = new Simulation(parseRunInput(seiRun({ sei: undefined, lattice: { size: [4, 4, 8], voxel: '100 nm' }, protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'] })));
  plain.runAll();
  assert.ok(!('sei_equivalent_thickness_nm' in computeMetrics(plain)), 'no key without sei:');
});

test('sei: and fullcell bad input is one line naming the field, exit 2', async () => {
  assert.throws(() => parseRunInput(seiRun({ sei: 'Na-ether' })), (e: unknown) => e instanceof InputError && /^sei: got "Na-ether", expected an SEI set for Li/.test(e.message));
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', bogus: 1 } })), (e: unknown) => e instanceof InputError && e.field === 'sei.bogus');
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', passivation: 2 } })), (e: unknown) => e instanceof InputError && e.field === 'sei.passivation');
  assert.throws(() => parseRunInput(seiRun({ sei: { set: 'carbonate', thickness: '5 mm' } })), (e: unknown) => e instanceof InputError && e.field === 'sei.thickness');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-fc-'));
  const f = join(dir, 'fc.yaml');
  writeFileSync(f, 'cathode: LFP\nnp: 1\ncycles: 10\nanode: { ce: 1.2 }\n');
  const r = await cli(['fullcell', f]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /anode\.ce: got 1\.2, expected a Coulombic efficiency/);
  writeFileSync(f, 'cathode: LCO\nanode: { ce: 0.99 }\n');
  assert.match((await cli(['fullcell', f])).stderr, /cathode: got "LCO", expected a known cathode \(LFP, NCM811, NVP, S, KMnHCF\)/);
  const ok = await cli(['fullcell', 'examples/fullcell/li-lfp.yaml']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /cycles_to_80pct/);
});

test('mends69: an SEI set that names a solvent refuses a run where that solvent is not liquid (K-ether at -100 degC: DME freezes at -58 degC), when no named electrolyte gives the range', () => {
  const at = (metal: string, sei: unknown, T: string, electrolyte?: string) => () => parseRunInput({
    metal, host: 'Cu', lattice: { size: [8, 8, 8], voxel: '100 nm' }, temperature: T, sei, protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 1,
    ...(electrolyte ? { electrolyte } : {}),
  });
  const refused = (fn: () => unknown, frag: RegExp) => assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.field, 'temperature');
    assert.ok(!e.message.includes('\n'));
    assert.match(e.message, frag);
    return true;
  });
  refused(at('K', 'K-ether', '-100 degC'), /got "-100 degC".*SEI set K-ether, DME.*-58 degC.*frozen/);
  refused(at('Li', { set: 'ether' }, '80 degC'), /SEI set ether, DOL\/DME.*75 degC.*boiling/);
  refused(at('Na', 'Na-ether', '-70 degC'), /diglyme.*-64 degC/);
  assert.doesNotThrow(at('K', 'K-ether', '-50 degC'));
  assert.doesNotThrow(at('Li', 'carbonate', '-20 degC'), 'EC/DMC: the freezing point is not checked (EC alone melts at 36 degC)');
  refused(at('Li', 'ether', '80 degC', 'LiTFSI-DOL-DME'), /electrolyte LiTFSI-DOL-DME/);
  // every set has a range with a source
  for (const name of ['carbonate', 'ether', 'ether-LiNO3', 'Na-ether', 'Na-carbonate', 'K-ether']) {
    const r = getSeiSet(name).liquidRange;
    assert.ok(r.solvent.length > 0 && r.source.length > 20, name);
  }
});

test('mends99 (review78): the Na sets\' NaF pair (12.1 / 25.4 %) is an assumed reading of the review\'s F 1s shares, not a sourced inorganic share; no "Fig. 8C" (the DFT barrier panel) for it', () => {
  for (const name of ['Na-ether', 'Na-carbonate']) {
    const s = getSeiSet(name);
    for (const [v, x] of [[0.121, s.inorganicShare], [0.254, s.sacInorganicShare]] as const) {
      assert.equal(x.value, v, `${name}: the number is kept`);
      assert.equal(x.source.assumed, true, `${name} ${v}: marked assumed`);
      assert.match(x.source.note ?? '', /F 1s/, `${name} ${v}: the reason (a share of the film's fluorine) is given`);
      assert.match(x.source.note ?? '', /review ref 71/, `${name} ${v}: the review cited for the pair`);
      assert.doesNotMatch(`${x.source.where ?? ''} ${x.source.note ?? ''}`, /Fig\. 8C:? NaF|Fig\. 8C: Na-F/);
    }
  }
});

// mends103: the calendar-loss note cited Boyle et al. 2021 only "as reported by SLAC/Stanford" (a press release), with
// no volume, pages or doi; it now cites the paper itself and says which part of the figure was read where
test('mends103: the carbonate set\'s calendar-loss note (passivation) cites Boyle et al., Nat. Energy 6, 487-494 (2021) by its doi, its 2-3 % in 24 h marked as the press release\'s, and keeps the number assumed', () => {
  const p = getSeiSet('carbonate').passivation;
  assert.equal(p.value, 1e-5, 'the number is kept');
  assert.equal(p.source.assumed, true, 'marked assumed');
  const note = p.source.note ?? '';
  assert.match(note, /Nat\. Energy 6, 487-494 \(2021\)/, note);
  assert.match(note, /doi:10\.1038\/s41560-021-00787-9/);
  assert.match(note, /Corrosion of lithium metal anodes during calendar ageing and its microscopic origins/);
  assert.doesNotMatch(note, /as reported by SLAC/, 'the paper is cited, not the press release for it');
  assert.match(note, /2-3 % .* 24 h/, 'the figure stays, with where it was read');
});

test('mends99 (review78): SAC deactivation is drawn per plating event on the site, not per protocol step: a plate as one step or as four gives the same draws', () => {
  // Mn-like sites (0.005 A: p = 0.005 per draw) at 50 % on graphene exchange Li while still bare (about 2 plating
  // events each in the first layer); the plate of 0.02 mAh/cm2 (one layer) written as 1 step and as 4 steps of
  // 0.005. Until mends99 a site was drawn at most once per step, so the 4 steps gave it up to 4 draws (~1.6 x the
  // one step's draws here); now each plating event on an active site is one draw, whatever the steps.
  const drawsOf = (seed: number, steps: unknown[]) => {
    const sim = new Simulation(parseRunInput(seiRun({
      host: 'graphene', seed, lattice: { size: [12, 12, 10], voxel: '100 nm' }, sacs: [{ site: 'Mn-N4', loading: '50 %', arrangement: 'random' }],
      sei: { set: 'carbonate', formation_rate: 0, fresh_fraction: 0 }, protocol: steps,
    })));
    const sei = sim.sei!, nxy = sim.app.lat.nxy;
    const p = sei.spec.sacDeactivation[0]!;
    assert.ok(p > 0.004 && p < 0.006, `Mn-N4 distorts with p = ${p}`);
    // plating events on an active site, counted from outside the module (the event's voxel is metal, the one below a SAC)
    let plated = 0;
    const inner = sei.afterEvent.bind(sei);
    sei.afterEvent = (app, ch, v, t) => {
      if (ch === CH_RED && v >= nxy && app.code[v] === METAL && SAC_CODES[app.code[v - nxy]!] === 1) plated++;
      inner(app, ch, v, t);
    };
    sim.runAll();
    assert.equal(sei.counters.sacDraws, plated, `seed ${seed}, ${steps.length} step(s): one draw per plating event on an active site`);
    return p * plated; // the expected number of sites lost
  };
  let one = 0, four = 0;
  for (const seed of [1, 2, 3]) {
    one += drawsOf(seed, ['Plate 0.02 mAh/cm2 at 1 mA/cm2']);
    four += drawsOf(seed, [{ repeat: 4, steps: ['Plate 0.005 mAh/cm2 at 1 mA/cm2'] }]);
  }
  // the two protocols' trajectories differ after the first step boundary, so their plating events differ a little
  // (4.5 % here); the rule no longer adds draws at each boundary (before: 1.6 x)
  assert.ok(Math.abs(four / one - 1) < 0.15, `expected sites lost: one step ${one.toFixed(3)}, four steps ${four.toFixed(3)}`);
});

// mends100 (review79): cycles.csv gave plated and stripped in C/cm2, mAh/cm2 and voxels, but the SEI-bound and dead
// metal of a cycle in C/cm2 and voxels only
test('mends100: cycles.csv gives each cycle\'s SEI-bound and dead metal in mAh/cm2 too (sei_mAh_per_cm2, dead_mAh_per_cm2), the voxels\' charge at 3.6 C per mAh', () => {
  const out = mkdtempSync(join(tmpdir(), 'sacplate-sei-'));
  simulate(seiRun({ lattice: { size: [6, 6, 16], voxel: '100 nm' }, protocol: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }), { outDir: out });
  const [head, ...rows] = readFileSync(join(out, 'cycles.csv'), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  assert.ok(cols.includes('sei_mAh_per_cm2') && cols.includes('dead_mAh_per_cm2'), head);
  let bound = 0;
  for (const r of rows) {
    const at = (k: string) => Number(r.split(',')[cols.indexOf(k)]);
    bound += at('sei_bound_voxels');
    assert.ok(at('plated_voxels') > 0);
    // the plated column's conversion: mAh per voxel as the plated metal's, and 3.6 C per mAh
    for (const [v, C, mAh] of [['sei_bound_voxels', 'sei_C_per_cm2', 'sei_mAh_per_cm2'], ['dead_formed_voxels', 'dead_C_per_cm2', 'dead_mAh_per_cm2']] as const) {
      const want = (at(v) * at('plated_mAh_per_cm2')) / at('plated_voxels');
      assert.ok(Math.abs(at(mAh) - want) <= 1e-9 * Math.abs(want), `${mAh} ${at(mAh)} against ${at(v)} voxels: ${want}`);
      assert.ok(Math.abs(at(mAh) - at(C) / 3.6) <= 1e-9 * Math.abs(at(C)), `${mAh} ${at(mAh)} against ${C} ${at(C)} / 3.6`);
    }
  }
  assert.ok(bound > 0, 'the run bound metal in SEI');
});

test('seivox: the SEI law binds the same metal per cm2 and per s of flat filmed surface at 20 and 10 nm voxels (same 1.28 um box, carbonate set as it is): rate per face x metal per event = k x passivation x h x rho x V_m, whatever the voxel', () => {
  // The rate law alone, with no kMC event: a flat Li foil starts filmed, and its filmed faces react at k x passivation
  // (1e-4 /s) each, binding f = h rho V_m / a voxels per reaction, so h rho V_m (3.84 nm of Li) x a^2 per face-reaction
  // and k passivation h rho V_m per area and s, whatever a. 1000 s in 10 operator-splitting passes (k p T = 0.1),
  // seeds 1-4; at 20 nm that is about 300 bound voxels over the four runs (~6 % noise), at 10 nm about 2,400.
  // Stated tolerance: the two sizes within 15 % of each other, each within -10 %/+25 % of the first-order closed form
  // (1 - exp(-k p T)) h rho V_m (the metal under and beside a converted voxel keeps reacting: about +5-10 % at k p T = 0.1).
  // A law whose metal per event did not scale as 1 / a (f fixed per voxel) gives a ratio of 2 or 1/2.
  const T = 1000, box_nm = 1280;
  const set = getSeiSet('carbonate');
  const perArea = (a_nm: number) => {
    const n = box_nm / a_nm;
    let sum = 0, hrv_nm = 0, kp = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const run = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [n, n, 8], voxel: `${a_nm} nm` }, host: 'Li',
        sei: 'carbonate', protocol: ['Rest for 1 s'], seed, output: { snapshots: false } });
      const sim = new Simulation(run);
      const sei = sim.sei!;
      assert.ok(sei.surface(sim.app).exposed === n * n && sei.surface(sim.app).filmed === n * n, 'a flat, fully filmed foil');
      for (let i = 1; i <= 10; i++) sei.advance(sim.app, (T * i) / 10);
      sum += (sei.counters.bound * a_nm ** 3) / box_nm ** 2; // nm of Li bound over the footprint
      // from the parameter set and the metal, not from the module: h x rho x V_m (nm) and k x passivation (1/s)
      hrv_nm = set.thickness.value * set.lithiumDensity.value * (run.metal.atomicVolume_m3 * 1e6 * 6.02214076e23);
      kp = set.formationRate.value * set.passivation.value;
    }
    return { nm: sum / 4, closed: -Math.expm1(-kp * T) * hrv_nm };
  };
  const c = perArea(20), f = perArea(10);
  const msg = `bound Li per footprint over ${T} s: ${c.nm.toFixed(4)} nm at 20 nm voxels, ${f.nm.toFixed(4)} nm at 10 nm; closed form ${c.closed.toFixed(4)} nm`;
  assert.ok(Math.abs(f.nm / c.nm - 1) < 0.15, msg);
  for (const x of [c, f]) assert.ok(x.nm > 0.9 * x.closed && x.nm < 1.25 * x.closed, msg);
});

test('seivox: an atom plated through an SEI voxel grows under that film: its exposed faces are filmed or stretched, none fresh (the module\'s rule 2; before seivox all fresh, a route whose weight per plated charge grows as 1 / a)', () => {
  // A real through-SEI reduction (PlatingApp.plateUnderSei: the atom takes the SEI voxel's place, the SEI is lifted
  // one voxel outwards) on a flat filmed Li foil, 10 nm voxels: the SEI voxel sits on the foil, the film bookkeeping
  // has seen it (a full pass: the foil's face under it is no longer exposed, so no film bit), then the event is made.
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Li',
    sei: 'carbonate', protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let v = 3 + 3 * 8;
  while (app.code[v] !== 0) v += nxy; // the first electrolyte voxel above (3, 3)
  assert.equal(app.code[v - nxy], METAL, 'the foil beneath');
  app.transmute(v, SEI);
  sei.advance(app, 1e-3);
  const before = { ...sei.counters };
  const ch = app.execute(app.slots.get(v) << 1);
  assert.equal(ch, CH_RED);
  assert.equal(app.code[v], METAL, 'the atom took the SEI voxel\'s place');
  assert.equal(SEI_CODES[app.code[v + nxy]!], 1, 'the SEI was lifted above it');
  sei.afterEvent(app, ch, v, 2e-3);
  const fresh = sei.counters.freshByReduction - before.freshByReduction, stretched = sei.counters.stretched - before.stretched;
  assert.equal(fresh, 0, `fresh faces on the atom plated through the SEI: ${fresh} (stretched ${stretched})`);
  assert.equal(stretched, 3, 'four lateral faces exposed, one unit of film (the SEI above): one filmed, three stretched');
  assert.equal(app.checkConsistency(), null);
});

test('seiarea: with settle_after_layer a stretched film does not settle before the front has moved a layer (or the step ended); without it, it settles in about 1 s', () => {
  // A real adatom plated on a flat filmed Li foil (8 x 8, 100 nm voxels): it buries one filmed face and exposes five, so
  // its four lateral faces are stretched. 100 s of the SEI law alone in 0.5 s passes (settling at k / 10 = 1 /s per
  // face) with one net atom plated of the 64 of a layer: the default rule settles them (cracks or closes up), the
  // opt-in rule keeps them stretched (new area below the lattice's resolution) until endStep. A 0.1 nm film binds
  // f = 8e-4 voxels per crack, so the adatom is not turned into SEI before its four faces have settled.
  const settled = (on: boolean) => {
    const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
      sei: { set: 'carbonate', thickness: '0.1 nm', ...(on ? { settle_after_layer: true } : {}) }, protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
    const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
    let v = 3 + 3 * 8;
    while (app.code[v] !== 0) v += nxy;
    sei.advance(app, 1e-3);
    const ch = app.execute(app.slots.get(v) << 1);
    assert.equal(ch, CH_RED);
    sei.afterEvent(app, ch, v, 2e-3);
    const stretched = sei.counters.stretched;
    for (let t = 0.5; t <= 100; t += 0.5) sei.advance(app, t);
    const a = sei.settleAge;
    const before = a.crackYoung + a.crackOld + a.healYoung + a.healOld;
    sei.endStep(app);
    for (let t = 100.5; t <= 200; t += 0.5) sei.advance(app, t);
    return { stretched, before, after: a.crackYoung + a.crackOld + a.healYoung + a.healOld - before };
  };
  const off = settled(false), on = settled(true);
  assert.equal(off.stretched, 4, 'the adatom\'s four lateral faces are stretched');
  assert.equal(on.stretched, 4);
  assert.equal(off.before, 4, `default rule: stretched faces settled within 100 s: ${off.before} of 4`);
  assert.equal(on.before, 0, `settle_after_layer: stretched faces settled within 100 s, 1 of 64 atoms of a layer plated: ${on.before} (0 expected)`);
  assert.equal(on.after, 4, `settle_after_layer: after the step's end they settle: ${on.after} of 4`);
  assert.throws(() => parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Li', sei: { set: 'carbonate', settle_after_layer: 'yes' }, protocol: ['Rest for 1 s'] }),
    (e: unknown) => e instanceof InputError && e.field === 'sei.settle_after_layer' && /true or false/.test(e.message));
});

test('seiarea (mends111): with settle_after_layer held films survive a plate -> plate boundary and are released where the front stops or turns', () => {
  // review84: every step end released every held film, so a plate written as two steps gave +24 % SEI. Released now only
  // where the front stops or turns: before a rest, at a change of direction and at the run's end (not between two steps
  // of the same direction). 6 x 6 x 12 voxels of 100 nm, Li||Cu, 0.05 mAh/cm2 steps (about 2.4 layers each).
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [6, 6, 12], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, sei: { set: 'carbonate', settle_after_layer: true },
    protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip 0.02 mAh/cm2 at 1 mA/cm2', 'Strip 0.02 mAh/cm2 at 1 mA/cm2', 'Rest for 0.5 s', 'Plate 0.02 mAh/cm2 at 1 mA/cm2'],
    seed: 3, output: { snapshots: false } }));
  const held: number[] = [];
  for (const fs of sim.steps) { sim.runStep(fs); held.push(sim.sei!.heldFilms(sim.app)); }
  assert.ok(held[0]! > 0, `held films after a plate followed by a plate: ${held[0]} (more than 0 expected; the step's end released them)`);
  assert.equal(held[1], 0, `held films after a plate followed by a strip: ${held[1]}`);
  assert.ok(held[2]! > 0, `held films after a strip followed by a strip: ${held[2]} (more than 0 expected)`);
  assert.equal(held[3], 0, `held films after a strip followed by a rest: ${held[3]}`);
  assert.equal(held[4], 0, `held films after a rest: ${held[4]}`);
  assert.equal(held[5], 0, `held films after the run's last step: ${held[5]}`);
});

test('seiarea (mends111): sei.settle_layers sets the rule\'s threshold in layers of the box (default 1); anything but a positive number, or the key without the rule, is refused', () => {
  // review84: the one-layer threshold acts as a parameter (0.5 / 1 / 2 layers: 2.61 / 1.02 / 0.553 % SEI-bound). The box
  // and protocol of the step-boundary test above: held stretched faces at the plate -> plate boundary grow with the threshold.
  const held = (layers?: number) => {
    const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [6, 6, 12], voxel: '100 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: '0.25 eV' }, sei: { set: 'carbonate', settle_after_layer: true, ...(layers === undefined ? {} : { settle_layers: layers }) },
      protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false } }));
    sim.runStep(sim.steps[0]!);
    return sim.sei!.heldFilms(sim.app);
  };
  const h025 = held(0.25), h1 = held(), h1x = held(1), h4 = held(4);
  assert.equal(h1x, h1, `settle_layers: 1 is the default: ${h1x} held faces against ${h1}`);
  assert.ok(h025 < h1 && h1 < h4, `held faces at 0.25 / 1 / 4 layers: ${h025} / ${h1} / ${h4} (rising with the threshold expected)`);
  const bad = (sei: Record<string, unknown>, re: RegExp) => assert.throws(() => parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li', sei: { set: 'carbonate', ...sei }, protocol: ['Rest for 1 s'] }),
    (e: unknown) => e instanceof InputError && e.field === 'sei.settle_layers' && re.test(e.message), JSON.stringify(sei));
  for (const v of [0, -1, 'one', Infinity, true]) bad({ settle_after_layer: true, settle_layers: v }, /a positive number of layers/);
  bad({ settle_layers: 2 }, /settle_after_layer: true beside it/);
});

test('seisplit: a plate written as two steps is the one-step plate for the SEI at the boundary: its films, pending faces, clocks and the shared RNG after the first half are the one-step run\'s after as many events', () => {
  // A step end inside a constant-current plate is no physical event: until seisplit the SEI module's full pass ran at
  // every step's end (one extra pass of the operator splitting: rng draws, lastT, the pass counter), so a plate written
  // as two steps lowered CE by 0.61 points [0.10, 1.11] (mends111, bench/sei-step-split.ts). The engine itself runs the
  // same events up to the boundary in both runs (its trajectories part after it: the step's start, not the SEI's), so
  // the SEI's state and the RNG at the first step's end must be the one-step run's after the same number of events.
  // The pass still runs where the front stops or turns: at the plate -> strip boundary the module's clock is the step's end.
  const make = (split: boolean) => new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [6, 6, 12], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, sei: 'carbonate',
    protocol: [...(split ? ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Plate 0.03 mAh/cm2 at 1 mA/cm2'] : ['Plate 0.06 mAh/cm2 at 1 mA/cm2']), 'Strip 0.01 mAh/cm2 at 1 mA/cm2'],
    seed: 5, output: { snapshots: false } }));
  const state = (sim: Simulation) => JSON.stringify({ sei: sim.sei!.saveState(), rng: sim.rng.getState(), code: Buffer.from(sim.app.code).toString('base64') });
  // events the SEI module sees (the executed ones: a draw the film or the field rejects is counted in the step's events, not seen)
  const seen = (sim: Simulation) => { let n = 0; const s = sim.sei!, hook = s.afterEvent.bind(s); s.afterEvent = (app, ch, v, t) => { hook(app, ch, v, t); n++; }; return () => n; };
  const two = make(true), twoSeen = seen(two);
  let atBoundary = '', plateEnd = NaN, lastT = NaN, nFirst = -1;
  two.runAll({ onStepEnd: (s, r) => {
    if (r.index === 0) { atBoundary = state(s); nFirst = twoSeen(); }
    if (r.index === 1) { plateEnd = s.kmcTime; lastT = s.sei!.saveState().lastT; }
  } });
  assert.ok(nFirst > 100, `events in the first half: ${nFirst}`);
  const one = make(false), sei1 = one.sei!;
  let calls = 0, afterN = '';
  const hook = sei1.afterEvent.bind(sei1);
  sei1.afterEvent = (app, ch, v, t) => { hook(app, ch, v, t); if (++calls === nFirst) afterN = state(one); };
  one.runStep(one.steps[0]!);
  assert.ok(afterN !== '', `the one-step plate ran ${calls} events, fewer than the first half's ${nFirst}`);
  const a = JSON.parse(atBoundary) as { sei: { lastT: number; eventsSinceSplit: number; counters: { freshFaces: number } }; rng: number[] }, b = JSON.parse(afterN) as typeof a;
  assert.ok(atBoundary === afterN, `the SEI at a plate -> plate boundary differs from the one-step plate after ${nFirst} executed events: lastT ${a.sei.lastT} s against ${b.sei.lastT} s, events since the full pass ${a.sei.eventsSinceSplit} against ${b.sei.eventsSinceSplit}, fresh faces reacted ${a.sei.counters.freshFaces} against ${b.sei.counters.freshFaces}, rng ${a.rng.join(',') === b.rng.join(',') ? 'same' : 'drawn apart'}`);
  assert.equal(lastT, plateEnd, 'the full pass runs where the plate turns into a strip: the module\'s clock is the step\'s end');
});

test('deadfilm: an atom plated beside dead metal leaves the dead metal\'s film where it is (only live metal\'s film is lifted onto the new atom)', () => {
  // review84 / mends111 (fix made on seisplit, 16c05532; landed by deadfilm): afterReduction lifted the film of every
  // filmed neighbour face onto the new atom, a DEAD one's too
  // (2.4 % of reductions in sei-aurbach's carbonate runs). The atom is not plated under that film: dead metal does not
  // conduct, so the ion reaches the atom through its live neighbours, and the dead metal keeps its film. A flat filmed Li
  // foil (8 x 8, 100 nm voxels); an adatom plated on it (one filmed face buried, five exposed: its four lateral faces
  // stretched) is cut off (DEAD); an atom plated on the foil beside it lies under the foil's film only: its top filmed, its
  // three free lateral faces stretched, all three new stretch (none taken from the dead adatom's film).
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    sei: 'carbonate', protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let p = 3 + 3 * 8;
  while (app.code[p] !== 0) p += nxy;
  const plate = (v: number) => { const ch = app.execute(app.slots.get(v) << 1); assert.equal(ch, CH_RED); sei.afterEvent(app, ch, v, 0); };
  plate(p);
  app.transmute(p, DEAD);
  const q = p + 1; // +x neighbour of the dead adatom, on the foil
  const toQ = 0, toP = 1; // lattice.ts DIRS: face 0 is +x, face 1 is -x
  const cov = () => new Uint8Array(Buffer.from(sei.saveState().cov, 'base64')), str = () => new Uint8Array(Buffer.from(sei.saveState().str, 'base64'));
  assert.ok((cov()[p]! & (1 << toQ)) !== 0 && (str()[p]! & (1 << toQ)) !== 0, 'the dead adatom\'s face towards q carries a stretched film');
  const stretched0 = sei.counters.stretched;
  plate(q);
  assert.equal(app.code[q], METAL);
  const dead = cov()[p]! & (1 << toQ);
  assert.ok(dead !== 0 && sei.counters.stretched - stretched0 === 3 && (cov()[q]! & (1 << toP)) === 0,
    `plated beside dead metal: the dead face's film ${dead !== 0 ? 'kept' : 'lifted onto the new atom'}, new stretched faces ${sei.counters.stretched - stretched0} (3 expected: the atom lies under the foil's film only)`);
});

// stripfilm (review87 F1, F3): imported here so that the file's head stays as it was (the tests below are appended)
const { CH_OX, CH_HOP } = await import('../src/apps/plating.js');

/**
 * A flat filmed Li foil (8 x 8, 100 nm voxels) with a dead adatom p on it and (with `r`) a live adatom r, their films
 * settled as the test sets them (restoreState: every exposed face filmed, none stretched; p's face towards q bare with
 * `pBare`); q, on the foil at +x of p, is plated, the module's full pass runs (a kMC time step of 1 us: no reaction), and q
 * is stripped. Returns the films before and after the strip and the counters' changes.
 */
function stripBesideDead(o: { r: boolean; pBare: boolean }) {
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    sei: 'carbonate', protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let p = 3 + 3 * 8;
  while (app.code[p] !== 0) p += nxy;
  const q = p + 1, r = q + 8, below = q - nxy; // q at +x of p; r at +y of q; the foil under q
  const faradaic = (v: number, want: number) => { const ch = app.execute(app.slots.get(v) << 1); assert.equal(ch, want); sei.afterEvent(app, ch, v, 0); };
  const films = () => { const s = sei.saveState(); return { s, cov: new Uint8Array(Buffer.from(s.cov, 'base64')), str: new Uint8Array(Buffer.from(s.str, 'base64')) }; };
  if (o.r) faradaic(r, CH_RED);
  faradaic(p, CH_RED);
  app.transmute(p, DEAD);
  const f0 = films();
  const up = 1 << 4, side = 0b1111; // faces: 0 +x, 1 -x, 2 +y, 3 -y, 4 +z, 5 -z (kmc/lattice.ts)
  f0.cov[p] = (up | side) & ~(o.pBare ? 1 << 0 : 0); f0.str[p] = 0;
  if (o.r) { f0.cov[r] = up | side; f0.str[r] = 0; }
  sei.restoreState({ ...f0.s, cov: Buffer.from(f0.cov).toString('base64'), str: Buffer.from(f0.str).toString('base64') });
  faradaic(q, CH_RED);
  const plated = films();
  sei.advance(app, 1e-6);
  const passed = films();
  const c0 = { ...sei.counters };
  faradaic(q, CH_OX);
  assert.equal(app.code[p], DEAD);
  return { p, q, r, below, plated, passed, stripped: films(), stretched: sei.counters.stretched - c0.stretched, fresh: sei.counters.freshByStripping - c0.freshByStripping };
}

test('stripfilm: a live atom stripped beside dead metal leaves the dead face its own film, kept under the atom through the full pass; the atom\'s film goes to the live faces (review87 F1)', () => {
  // review87 F1: the strip rule gave the stripped atom's film to METAL or DEAD neighbours alike (a dead face took the live
  // atom's film budget, or was stretched), and react() erased the film deadfilm leaves on the dead face the atom buried at
  // that voxel's next pass. q lies on the foil beside the dead adatom p (its face towards q filmed): q's film is the foil's
  // face, lifted (its top filmed, its three free sides stretched). Stripped after a full pass, q gives its one filmed face
  // to the foil below it; p's face towards q carries p's own film (filmed, not stretched) and takes nothing from q.
  const x = stripBesideDead({ r: false, pBare: false });
  const toQ = 1 << 0, fromBelow = 1 << 4;
  assert.ok((x.plated.cov[x.p]! & toQ) !== 0, 'deadfilm: the dead face keeps its film when q is plated on it');
  assert.ok((x.passed.cov[x.p]! & toQ) !== 0, 'the full pass (react) erased the dead metal\'s film on the face q buries');
  const pc = (x.stripped.cov[x.p]! & toQ) !== 0, ps = (x.stripped.str[x.p]! & toQ) !== 0;
  assert.ok(pc && !ps, `after q's strip the dead face is ${pc ? (ps ? 'stretched' : 'filmed') : 'bare'} (filmed, not stretched, expected: its own film)`);
  assert.ok((x.stripped.cov[x.below]! & fromBelow) !== 0 && (x.stripped.str[x.below]! & fromBelow) === 0, 'q\'s filmed face goes to the foil below it');
  assert.equal(x.stretched, 0, 'no new stretched face');
});

test('stripfilm: a bare dead face an atom buried comes out fresh when the atom is stripped, and the atom\'s film goes to the live faces only (review87 F1)', () => {
  // p's face towards q is bare (not yet passivated) when q is plated; r (live, at +y of q) and the foil give q two filmed
  // faces. Stripped, q's two filmed faces go to the foil below and to r; p's face is fresh metal (counted, passivated by
  // the fast pass). Before stripfilm p's face took one of q's filmed faces (it comes first in the order) and r's was
  // stretched.
  const x = stripBesideDead({ r: true, pBare: true });
  const toQ = 1 << 0, rToQ = 1 << 3;
  assert.equal(x.passed.cov[x.p]! & toQ, 0, 'the dead face towards q is bare before the strip');
  const pc = (x.stripped.cov[x.p]! & toQ) !== 0;
  const rc = (x.stripped.cov[x.r]! & rToQ) !== 0, rs = (x.stripped.str[x.r]! & rToQ) !== 0;
  assert.ok(!pc && x.fresh === 1 && rc && !rs,
    `after q's strip: the dead face ${pc ? 'filmed with q\'s film' : 'bare'} (bare expected), fresh faces by stripping +${x.fresh} (1 expected), r's face ${rc ? (rs ? 'stretched' : 'filmed') : 'bare'} (filmed expected)`);
});

test('stripfilm: plated = stripped + SEI-bound + dead + connected at every step end in a short carbonate cycle that strips beside dead metal', () => {
  // must show 1 with the strip rule's dead branch exercised: 10 x 10 x 24 voxels of 100 nm, seed 3 (dead metal forms in
  // the first cycle and atoms beside it are stripped). The film carries no charge; this checks that nothing else moved.
  const sim = new Simulation(parseRunInput(seiRun({ lattice: { size: [10, 10, 24], voxel: '100 nm' }, seed: 3,
    protocol: [{ repeat: 2, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }] })));
  const s = sim.sei!, hook = s.afterEvent.bind(s), nb = new Int32Array(6);
  let besideDead = 0;
  s.afterEvent = (app, ch, v, t) => {
    if (ch === CH_OX && v >= 0 && app.code[v] === 0) { app.lat.neighbors(v, nb); for (const w of nb) if (w >= 0 && app.code[w] === DEAD) { besideDead++; break; } }
    hook(app, ch, v, t);
  };
  let plated = 0, stripped = 0;
  sim.runAll({
    onStepEnd: (x, r) => {
      if (r.kind === 'plate') plated += r.net_voxels; else if (r.kind === 'strip') stripped -= r.net_voxels;
      const metal = count(x.app.code, METAL), dead = count(x.app.code, DEAD), bound = r.modules!.sei_bound_voxels!;
      assert.equal(plated + x.initialMetal, stripped + bound + dead + metal, `step ${r.index}: plated ${plated} = stripped ${stripped} + SEI-bound ${bound} + dead ${dead} + connected ${metal}`);
      assert.equal(x.app.checkConsistency(), null);
    },
  });
  assert.ok(besideDead > 0 && count(sim.app.code, DEAD) > 0, `strips beside dead metal ${besideDead}, dead voxels ${count(sim.app.code, DEAD)}`);
  const c = cycleSummary(sim).cycles;
  for (const y of c) assert.equal(y.plated_voxels, y.stripped_voxels + y.sei_bound_voxels + y.dead_formed_voxels + y.retained_voxels, JSON.stringify(y));
});

test('stripfilm: an atom hopping away from dead metal leaves the dead face its own film, and a bare dead face fresh (review87 F3: it was filmed for free)', () => {
  // A dead adatom p on a filmed Li foil (8 x 8, 100 nm voxels), its face towards +x bare (the test sets the films); a live
  // atom a plated beside it at +x, a full pass, then a's hop (surface diffusion: to +x, +y or -y on the foil). The hop rule
  // gave every METAL or DEAD face a's move exposed a film for free; a dead face carries only its own: bare, so fresh (on the
  // fast pass's list), while p's other faces keep their films.
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: 'carbonate', protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let p = 3 + 3 * 8;
  while (app.code[p] !== 0) p += nxy;
  const a = p + 1;
  const plate = (v: number) => { const ch = app.execute(app.slots.get(v) << 1); assert.equal(ch, CH_RED); sei.afterEvent(app, ch, v, 0); };
  const films = () => { const s = sei.saveState(); return { s, cov: new Uint8Array(Buffer.from(s.cov, 'base64')), str: new Uint8Array(Buffer.from(s.str, 'base64')) }; };
  plate(p);
  app.transmute(p, DEAD);
  const f0 = films(), toA = 1 << 0, others = (1 << 4) | 0b1110;
  f0.cov[p] = others; f0.str[p] = 0;
  sei.restoreState({ ...f0.s, cov: Buffer.from(f0.cov).toString('base64'), str: Buffer.from(f0.str).toString('base64'), pend: [] });
  plate(a);
  sei.advance(app, 1e-6);
  const ch = app.execute((app.slots.get(a) << 1) | 1);
  assert.ok(ch === CH_HOP && app.code[a] === 0 && app.lastHopTo >= 0 && app.lastHopTo !== p, `a's hop: channel ${ch}, a now ${app.code[a]}, to ${app.lastHopTo}`);
  sei.afterEvent(app, ch, a, 1e-6);
  const f = films(), pend = sei.saveState().pend;
  const bare = (f.cov[p]! & toA) === 0;
  assert.ok(bare && pend.includes(p) && (f.cov[p]! & others) === others,
    `after a's hop the dead face towards it is ${bare ? 'bare' : 'filmed'} (bare expected: it had no film of its own), p ${pend.includes(p) ? 'on' : 'not on'} the fast pass's list (on expected), its other faces ${(f.cov[p]! & others) === others ? 'filmed' : 'changed'}`);
});

test('seiaudit: an atom that hops carries its stretched film whole (D3, rerun59e: its forward face too) onto the fast pass\'s list, where it settles at k / 10 (not only at the next full pass, every 1024 events)', () => {
  // A real adatom plated on a flat filmed Li foil (8 x 8, 100 nm voxels): its four lateral faces are stretched (seiarea's
  // test). It hops on the foil; its stretched film goes with it. The fast pass (every 0.1 / k of kMC time) settles only the
  // voxels on its list; a full pass runs every max(1024, 4 nx ny) events, 26 s of kMC time apart at E_d 0.10 eV in
  // sei-aurbach's box. Off the list, a hopped film settled only if it was still there at a full pass.
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: { set: 'carbonate', thickness: '0.1 nm' }, protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let v = 3 + 3 * 8;
  while (app.code[v] !== 0) v += nxy;
  sei.advance(app, 1e-3);
  const red = app.execute(app.slots.get(v) << 1);
  assert.equal(red, CH_RED);
  sei.afterEvent(app, red, v, 1e-3);
  assert.equal(sei.counters.stretched, 4, 'the adatom\'s four lateral faces are stretched');
  const hop = app.execute((app.slots.get(v) << 1) | 1);
  const dest = app.lastHopTo;
  assert.ok(hop === CH_HOP && app.code[v] === 0 && dest >= 0 && app.code[dest] === METAL, `the adatom's hop: channel ${hop}, to ${dest}`);
  const nb = new Int32Array(6);
  app.lat.neighbors(v, nb);
  const forward = nb.indexOf(dest);
  sei.afterEvent(app, hop, v, 2e-3);
  const s = sei.saveState(), str = new Uint8Array(Buffer.from(s.str, 'base64'));
  // D3 (rerun59e, session 59): the film goes with the atom face by face (dest's face d is v's face d), whole: the four
  // lateral faces stay stretched, the forward one (towards the new site) among them; D3's first fix cleared that face's
  // stretch on the voxel the atom left before the film was copied (bits 1110 here)
  assert.ok(forward >= 0 && forward < 4, `a lateral hop (direction ${forward})`);
  assert.equal(str[dest], 0b1111, `the hopped atom's stretched faces: bits ${str[dest]!.toString(2)} (1111 expected; the forward face is bit ${forward})`);
  assert.ok(s.pend.includes(dest), `the hopped atom with stretched faces (bits ${str[dest]}) is on the fast pass's list: pend ${JSON.stringify(s.pend)}`);
});

test('D3 (d2why): a hop that covers a live neighbour\'s face clears that face\'s film and stretched flags together, so no stretched flag is left on a face without film (a ghost that came back stretched when the atom hopped off)', () => {
  // Twelve adatoms plated on a flat filmed Li foil (8 x 8, 100 nm voxels): their lateral faces are stretched (seiarea's
  // test). Then 300 forced hops of random adatoms, each told to the SEI module as the loop does. A hop onto a site next
  // to another adatom covers that adatom's stretched face: until D3's fix the face lost its film flag and kept its
  // stretched one (str without cov), and got the stretch back when the atom hopped off. On live metal a stretched
  // flag lies only on a filmed face.
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: { set: 'carbonate', thickness: '0.1 nm' }, protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let z = 0;
  while (app.code[3 + 3 * 8 + z * nxy] !== 0) z++;
  sei.advance(app, 1e-3);
  const atoms: number[] = [];
  for (const [x, y] of [[0, 0], [2, 0], [4, 1], [6, 2], [1, 3], [3, 4], [5, 5], [7, 6], [0, 6], [2, 7], [4, 3], [6, 7]] as const) {
    const v = x + y * 8 + z * nxy;
    const ch = app.execute(app.slots.get(v) << 1);
    assert.equal(ch, CH_RED);
    sei.afterEvent(app, ch, v, 1e-3);
    atoms.push(v);
  }
  let ghosts = 0, hops = 0, adjacent = 0;
  let s = 12345;
  const rand = () => { s = (s * 1103515245 + 12345) >>> 0; return s / 2 ** 32; };
  for (let i = 0; i < 300; i++) {
    const k = Math.floor(rand() * atoms.length), v = atoms[k]!;
    const ch = app.execute((app.slots.get(v) << 1) | 1);
    const dest = app.lastHopTo;
    if (ch !== CH_HOP || app.code[v] !== 0 || dest < 0 || app.code[dest] !== METAL) continue;
    hops++;
    const nb = new Int32Array(6);
    app.lat.neighbors(dest, nb);
    if ([0, 1, 2, 3].some((d) => nb[d]! >= 0 && app.code[nb[d]!] === METAL)) adjacent++;
    sei.afterEvent(app, ch, v, 1e-3 + i * 1e-9);
    atoms[k] = dest;
    const st = sei.saveState(), cov = Buffer.from(st.cov, 'base64'), str = Buffer.from(st.str, 'base64');
    for (let w = 0; w < app.lat.n; w++) if (app.code[w] === METAL && (str[w]! & ~cov[w]!) !== 0) ghosts++;
  }
  assert.ok(hops > 200 && adjacent > 20, `hops ${hops}, onto a site beside another adatom ${adjacent}`);
  assert.equal(ghosts, 0, `stretched flags on faces without film, summed over the ${hops} hops: ${ghosts}`);
});

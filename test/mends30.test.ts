/**
 * Session 30, task mends30: defects left alone by earlier sessions.
 *  (1) "Plate at 1e-8 mA/cm2 for 1 s" on an 8 x 8 x 8 box of 10 nm voxels on Cu did not end within 20 s of wall time:
 *      the step waited for a whole voxel (its target count was at least 1), while the double layer settles over
 *      R_ct C_dl ~ 1e5 s of kMC time; at 1e-6 mA/cm2 it ended after one voxel and reported a "1 s" step that lasted
 *      117,807 s (220,441 s of kMC time). A step given by a time whose charge is below half a voxel of the box now ends
 *      at its time on the kMC clock (as a rest or a timed hold); a step given by a charge below half a voxel is refused
 *      at input, naming the step, the charge, the unit and the box's charge per voxel.
 *  (2) A full cell read as `analyze --protocol licu` printed "nucleation overpotential of the first plating 341.60 mV"
 *      (nw_regular_export_ife_example.csv) under the note that the file does not fit the protocol, and the per-cycle
 *      column: the nucleation reading is now "not read: <why>" in the text, report.json (nucleation_not_read, no
 *      nucleation or per-cycle nucleation_overpotential_mV) and the figures (no nucleation plot).
 *  (3) loadLiterature (the package's own records, data/literature) stopped at the first bad record of the first bad file:
 *      every bad record of every file is now in one FileError (full key paths, numbered, capped at 20 with "... and N
 *      more"), through the code `lit import` uses (evidence/schema.ts recordProblems, problemsText).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { parseRunInput } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';
import { loadLiterature } from '../src/evidence/records.js';
import { FileError } from '../src/errors.js';
import { analyzeFile, formatReport, reportPlots } from '../src/analysis/report.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends30-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** the 8 x 8 x 8 box of 10 nm voxels on Cu of examples/li-cu-small-box.yaml with the given protocol */
const smallBox = (protocol: string[]) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol, output: { snapshots: false }, seed: 3,
});

test('(1) a galvanostatic step given by a time, its charge far below one voxel, ends at its time', () => {
  for (const j of ['1e-6', '1e-8']) {
    const t0 = performance.now();
    const r = simulate(smallBox([`Plate at ${j} mA/cm2 for 1 s`, 'Rest for 2 s']));
    const wall = (performance.now() - t0) / 1000;
    const [plate, rest] = r.steps;
    assert.equal(r.steps.length, 2, `${j}: both steps ran`);
    assert.equal(plate!.ended, 'time', `${j}: the plating step ends at its time (ended: ${plate!.ended})`);
    assert.ok(Math.abs(plate!.duration_s - 1) < 1e-9, `${j}: the step lasted 1 s (reported ${plate!.duration_s} s)`);
    assert.ok(Math.abs(plate!.kmc_duration_s - 1) < 1e-9, `${j}: 1 s on the kMC clock (${plate!.kmc_duration_s} s)`);
    assert.equal(plate!.net_voxels, 0, `${j}: no voxel plated in 1 s`);
    assert.equal(rest!.ended, 'time');
    assert.ok(Math.abs(r.metrics.time_s - 3) < 1e-9, `${j}: the run lasted 3 s (${r.metrics.time_s} s)`);
    // the charge the galvanostat passed (all in the double layer here) and the faradaic charge, as reported before
    assert.ok(Math.abs(r.metrics.applied_charge_C_per_cm2 - Number(j) * 1e-3) < 1e-9 * Number(j), `${j}: ${r.metrics.applied_charge_C_per_cm2} C/cm2 applied`);
    assert.equal(r.metrics.charge_C_per_cm2, 0);
    assert.ok(wall < 10, `${j}: ended in ${wall.toFixed(2)} s of wall time`);
  }
});

test('(1) a step given by a charge below half a voxel of the box is refused at input, in words', () => {
  // one 10 nm voxel of Li on 8 x 8 voxels: 3.272e-5 mAh/cm2; half of it 1.64e-5
  for (const step of ['Plate 1e-6 mAh/cm2 at 1 mA/cm2', 'Strip 0.00001 mAh/cm2 at 1 mA/cm2', 'Hold at -50 mV until 1e-6 mAh/cm2']) {
    assert.throws(() => parseRunInput(smallBox(['Plate 0.001 mAh/cm2 at 1 mA/cm2', step])), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'protocol[1]');
      assert.equal(e.value, step);
      assert.doesNotMatch(e.message, /\n/);
      assert.match(e.message, /a charge of at least half a voxel of this box \(1\.64e-5 mAh\/cm2: one voxel is 3\.27e-5 mAh\/cm2 on 8 x 8 voxels of 10 nm\); this step [0-9.e-]+ mAh\/cm2: give a larger charge, or a larger box in x and y$/);
      return true;
    });
  }
  // half a voxel and more: accepted (rounded to whole voxels as before)
  assert.doesNotThrow(() => parseRunInput(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])));
  assert.equal(simulate(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])).metrics.deposited_voxels, 1);
});

/** A Neware-style table of `cycles` discharge/charge pairs of 10 rows at 1 mA around `v0` volts, the first row of each discharge 20 mV lower (a dip). */
function cyclerTable(cycles: number, v0: number): string {
  const rows = ['DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)'];
  let t = 0, k = 1;
  const hms = (x: number) => `${String(Math.floor(x / 3600)).padStart(2, '0')}:${String(Math.floor(x / 60) % 60).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  for (let c = 1; c <= cycles; c++) {
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC DChg,${hms(t += 60)},-0.001,${(v0 - 0.03 - (j === 0 ? 0.02 : 0)).toFixed(4)}`);
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC Chg,${hms(t += 60)},0.001,${(v0 + 0.03).toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

test('(2) a full cell read as licu (or aurbach, symmetric): no nucleation figure, "not read" and why, in the text, report.json and the figures', async () => {
  const full = join(dir, 'fullcell.csv');
  writeFileSync(full, cyclerTable(3, 3.7));
  for (const protocol of ['licu', 'aurbach', 'symmetric'] as const) {
    const { table, report } = await analyzeFile(full, { protocol });
    assert.equal(report.checks.find((c) => c.name === 'protocol')?.status, 'warn', protocol);
    const sec = report[protocol]!;
    assert.equal(sec.nucleation, undefined, `${protocol}: no nucleation reading in report.json`);
    assert.match(sec.nucleation_not_read ?? '', new RegExp(`^the file's voltages do not fit the ${protocol} protocol: (no metal plated on the working electrode|not a symmetric cell's voltages) \\(the protocol check\\)$`));
    const text = formatReport(report);
    assert.match(text, /^note: this file does not fit --protocol/m);
    assert.match(text, /^nucleation overpotential( of the first plating)?: not read: the file's voltages do not fit/m, protocol);
    assert.doesNotMatch(text, /nucleation overpotential( of the first plating| of the first \(\w+\) plating, onto the bare working electrode)? -?[0-9]/, protocol);
    assert.ok(!reportPlots(table, report).some(([name]) => name === 'nucleation'), `${protocol}: no nucleation figure`);
    if (protocol === 'licu') {
      assert.ok(report.licu!.cycles.length === 3 && report.licu!.cycles.every((c) => c.nucleation_overpotential_mV === undefined && c.nucleation_no_dip === undefined));
      assert.doesNotMatch(text, /nucleation_overpotential_mV/);
    }
  }
  // a Li || Cu table (its plating below 0 V) keeps its readings
  const licu = join(dir, 'licu.csv');
  writeFileSync(licu, cyclerTable(3, 0));
  const { report } = await analyzeFile(licu, { protocol: 'licu' });
  assert.equal(report.licu!.nucleation_not_read, undefined);
  assert.ok(Number.isFinite(report.licu!.nucleation?.nucleation_V));
  assert.match(formatReport(report), /^nucleation overpotential of the first plating [0-9.]+ mV/m);
  assert.match(formatReport(report), /nucleation_overpotential_mV/);
});

test('(3) loadLiterature names every bad record of every file in one error, full key paths, at most 20 lines', () => {
  const rec = (id: string, more = '') => `- id: ${id}\n  name: X\n  metal: Li\n  sac_elements: [Fe]\n  support: s\n  architecture: coating\n  section: "3"\n  refs: [8]\n  figures: []\n${more}`;
  const folder = (name: string, files: Record<string, string>) => {
    const d = join(dir, name);
    mkdirSync(d);
    copyFileSync('data/literature/references.yaml', join(d, 'references.yaml'));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };
  // two files: a.yaml's second record has a misspelt key and a bad metal, b.yaml's first a figure in a wrong unit and its second a reference not in the list
  const two = folder('two', {
    'a.yaml': rec('a1') + rec('a2', '  metall: Li\n').replace('metal: Li', 'metal: Mg'),
    'b.yaml': rec('b1').replace('figures: []', 'figures:\n    - { quantity: nucleation_overpotential, value: 3, unit: mAh, ref: 8, quote: q }') + rec('b2').replace('refs: [8]', 'refs: [5]'),
  });
  assert.throws(() => loadLiterature(two), (e: unknown) => {
    assert.ok(e instanceof FileError, String(e));
    assert.equal(e.file, two);
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /^\S+two: 4 problems in 3 records: \(1\) \S*a\.yaml: \[1\]\.metall: .*; \(2\) \S*a\.yaml: \[1\]\.metal: got "Mg".*; \(3\) \S*b\.yaml: \[0\]\.figures\[0\]\.unit: .*; \(4\) \S*b\.yaml: \[1\]: b2: reference 5 is not in the reference list$/);
    return true;
  });
  // one file with 25 bad records: its own name, 20 problems shown and "... and 5 more"
  const many = folder('many', { 'c.yaml': Array.from({ length: 25 }, (_, i) => rec(`c${i}`).replace('metal: Li', 'metal: Mg')).join('') });
  assert.throws(() => loadLiterature(many), (e: unknown) => {
    assert.ok(e instanceof FileError && /c\.yaml$/.test(e.file), String(e));
    assert.match(e.message, /: 25 problems in 25 records: \(1\) \[0\]\.metal: got "Mg".*; \(20\) \[19\]\.metal: got "Mg"[^;]*; \.\.\. and 5 more$/);
    return true;
  });
});

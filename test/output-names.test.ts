/**
 * Names a user gives that become folder names or tell results apart: a comparison's variants (one
 * folder per case under `compare --out DIR`, src/io/folder-names.ts) and a nucleation case file's
 * cases (rows, eta.csv's case column, the figure's curves). Two names that differ but make one
 * folder ("Zn N4" and "Zn/N4" both became Zn_N4) overwrote the first case's outputs and resume mark;
 * they are refused before anything runs. A name of dots ("..") wrote its case into the parent of --out.
 * `analyze FILE` without --out writes `<file name>.analysis` in the working folder: a/cell.mpt and b/cell.mpt
 * shared it, the second overwriting the first's report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { casesFromBody, casesFromDoc } from '../src/nucleation/cases.js';
import { symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('output-names');

const BASE = 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\n' +
  'protocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n';

test('compare: two variant names that make one folder under --out, a name of one of the files the command writes there (compare.csv: the table failed after every run, EISDIR) or too long a name are refused in one line, before any run (no --out, no store made)', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-names-'));
  const cases: [string, string, RegExp][] = [
    ['Zn N4', 'Zn/N4', /variants\[1\]\.name: got "Zn\/N4", expected a name whose folder differs from that of variants\[0\]\.name "Zn N4" \(both would be written to the folder "Zn_N4" of compare --out/],
    ['Zn_N4', 'Zn N4', /variants\[1\]\.name: got "Zn N4", .*variants\[0\]\.name "Zn_N4" .*the folder "Zn_N4"/],
    ['Cu', 'cu', /variants\[1\]\.name: got "cu", .*variants\[0\]\.name "Cu" .*the folders "Cu" and "cu", one folder where case is not told apart/],
    ['a', 'compare.csv', /variants\[1\]\.name: got "compare\.csv", expected a name whose folder is not one of what compare --out writes beside the cases \(compare\.csv, figures, resume\.json\)/],
    ['a', 'Figures', /variants\[1\]\.name: got "Figures", expected a name whose folder is not one of what compare --out writes/],
    ['a', 'x'.repeat(256), /variants\[1\]\.name: got "x+\.\.\." \(256 characters\), expected a name of at most 255 characters \(it names its folder of compare --out; this one has 256\)/],
  ];
  for (const [a, b, msg] of cases) {
    const f = join(d, 'cmp.yaml'), out = join(d, 'out'), db = join(d, 's.db');
    writeFileSync(f, BASE + `variants:\n  - { name: ${JSON.stringify(a)}, seed: 1 }\n  - { name: ${JSON.stringify(b)}, seed: 2 }\n`);
    const r = await cli(['compare', f, '--out', out, '--db', db, '--no-figures']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, msg);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!existsSync(out) && !existsSync(db), 'nothing was made: no run started');
  }
});

test('compare: variants named ".." and "." are written into folders of --out ("__", "_"), not into the folder above it or --out itself', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-names-dots-'));
  const f = join(d, 'cmp.yaml'), out = join(d, 'out');
  writeFileSync(f, BASE + 'variants:\n  - { name: "..", seed: 1 }\n  - { name: ".", seed: 2 }\n');
  const r = await cli(['compare', f, '--out', out, '--no-store', '--no-figures', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(out, '__', 'metrics.json')) && existsSync(join(out, '_', 'metrics.json')), 'each case has its own folder under --out');
  assert.ok(!existsSync(join(d, 'metrics.json')) && !existsSync(join(out, 'metrics.json')), 'nothing was written beside --out or loose in it');
});

test('nucleation cases (a case file, the workbench\'s body): two of one name are refused, naming the case and the one it repeats; default names of one SAC at two loadings say their loading', async () => {
  const named = () => casesFromDoc({ metal: 'Na', cases: [{ name: 'bare Cu', host: 'Cu' }, { name: 'bare Cu', host: 'graphene' }] }, {});
  assert.throws(named, (e: unknown) => e instanceof InputError && e.field === 'cases[1].name' && /a name not used by another case \(cases\[0\] has it\)/.test(e.message));
  const same = () => casesFromDoc({ metal: 'Na', cases: [{ host: 'Cu', sac: 'Zn-N4', loading: '1 wt%' }, { host: 'Cu', sac: 'Zn-N4', loading: '1 wt%' }] }, {});
  assert.throws(same, (e: unknown) => e instanceof InputError && e.field === 'cases[1]' && /its default name "Na on Cu \+ Zn-N4, loading 1 wt%" is that of cases\[0\] \(add name: to one of them\)/.test(e.message));
  // a loading scan of one SAC without names (the workbench's "+ another SAC" rows send no names): told apart by the loading
  const scan = await casesFromBody({ metal: 'Na', cases: [{ host: 'Cu', sac: 'Zn-N4', loading: '1 wt%' }, { host: 'Cu', sac: 'Zn-N4', loading: '2 wt%' }, { host: 'Cu', sac: 'Co-N4', loading: '2 wt%' }] });
  assert.deepEqual(scan.cases.map((c) => c.name), ['Na on Cu + Zn-N4, loading 1 wt%', 'Na on Cu + Zn-N4, loading 2 wt%', 'Na on Cu + Co-N4']);
  // distinct names stay as they were
  assert.deepEqual(casesFromDoc({ metal: 'Na', cases: [{ host: 'Cu' }, { name: 'Cu again', host: 'Cu' }] }, {}).map((c) => c.name), ['Na on Cu', 'Cu again']);
});

test('analyze without --out: a/cell.mpt and b/cell.mpt share the default folder cell.mpt.analysis; the second is refused (the first\'s report kept), the same file again is written over', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-names-analysis-'));
  for (const [sub, plateau] of [['a', 0.02], ['b', 0.05]] as const) {
    mkdirSync(join(d, sub));
    writeMpt(join(d, sub, 'cell.mpt'), symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 20, current_A: 1e-3, plateau: () => plateau, dip_V: 0.03, tip_s: 40 }));
  }
  const analyze = (sub: string) => cli(['analyze', join(sub, 'cell.mpt'), '--protocol', 'symmetric', '--no-figures'], { cwd: d });
  const report = join(d, 'cell.mpt.analysis', 'report.json');
  const first = await analyze('a');
  assert.equal(first.code, 0, first.stderr);
  const kept = readFileSync(report, 'utf8');
  const second = await analyze('b');
  assert.equal(second.code, 2, second.stderr);
  assert.match(second.stderr, /^sacplate: --out: got nothing \(field missing\), expected a folder for this analysis: the default one, cell\.mpt\.analysis, holds the analysis of another file of that name, a\/cell\.mpt \(the default is named for the file name only\); give --out DIR\n$/);
  assert.equal(readFileSync(report, 'utf8'), kept, 'the first file\'s analysis is kept');
  const again = await analyze('a');
  assert.equal(again.code, 0, again.stderr);
});

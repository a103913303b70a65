/**
 * Third audit (new user: README from the top, run-file mistakes, output files, parser errors,
 * no-dip readings): each test fails on the code before its fix. Small, temporary directories only.
 * The CLI runs in-process from the temporary folder (test/helpers/cli.ts, routed as bin/sacplate.js
 * routes); the parser-error test spawns `node bin/sacplate.js` for its first case, where a real process is the point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareCsv, NO_DIP_CELL } from '../src/batch/table.js';
import { formatCompareTable } from '../src/cli/compare-table.js';
import { cli } from './helpers/cli.js';

const BIN = path.resolve('bin/sacplate.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit3-'));
const spawned = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });
/** The CLI in-process from tmp, in the shape spawnSync returns. */
const run = async (...args: string[]) => { const r = await cli(args, { cwd: tmp }); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; };

test('a parser error (unknown option, missing argument, unknown command) is one line with a hint to --help, not the usage text', async () => {
  const cases: [string[], RegExp][] = [
    [['simulate', 'x.yaml', '--bogus'], /^sacplate: unknown option '--bogus' \(see sacplate simulate --help\)$/],
    [['simulate'], /^sacplate: missing required argument 'file' \(see sacplate simulate --help\)$/],
    [['simulat', 'x.yaml'], /^sacplate: unknown command 'simulat'.*\(see sacplate --help\)$/],
    [['lit', 'list', '--sort'], /^sacplate: option '--sort <.*>' argument missing \(see sacplate lit list --help\)$/],
    [['nucleation', '--bogus'], /^sacplate: unknown option '--bogus' \(see sacplate nucleation --help\)$/],
  ];
  for (const [k, [args, re]] of cases.entries()) {
    const r = k === 0 ? spawned(...args) : await run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(lines[0]!, re);
  }
  // --help itself still prints the usage, exit 0
  const h = await run('simulate', '--help');
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Usage: sacplate simulate/);
});

test('simulate: a nucleation reading <= 0 (no dip) is flagged in metrics.json and noted under the table, as the screen marks it', async () => {
  // Li on N-graphene, 16 x 16 x 12 voxels of 10 nm, 1 mA/cm2 (test/screen-no-dip.test.ts): 0.0001 mAh/cm2
  // is a step too short for the dip (seed 1 reads < 0), 0.0003 mAh/cm2 shows it (seed 1 > 0).
  const file = (cap: string) => {
    const f = path.join(tmp, `nodip-${cap}.json`);
    fs.writeFileSync(f, JSON.stringify({ metal: 'Li', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'N-graphene', protocol: [`Plate ${cap} mAh/cm2 at 1 mA/cm2`], output: { snapshots: false }, seed: 1 }));
    return f;
  };
  const short = await run('simulate', file('0.0001'), '--out', 'nodip-short', '--no-store', '--no-figures');
  assert.equal(short.status, 0, short.stderr);
  const m = JSON.parse(fs.readFileSync(path.join(tmp, 'nodip-short', 'metrics.json'), 'utf8'));
  assert.ok(m.nucleation_overpotential_mV <= 0, `precondition: seed 1 at 0.0001 mAh/cm2 reads ${m.nucleation_overpotential_mV} mV`);
  assert.equal(m.nucleation_no_dip, true);
  assert.match(short.stdout, /^note: Li on N-graphene: no dip in 1 of 1 seed\(s\): peak minus plateau <= 0/m);
  const csv = compareCsv([{ name: 'short', runs: [m] }]).trim().split('\n').map((l) => l.split(','));
  assert.equal(csv[1]![csv[0]!.indexOf('nucleation_no_dip_seeds')], '1', 'compare.csv / seeds.csv carry the count too');
  const long = await run('simulate', file('0.0003'), '--json', '--no-store');
  assert.equal(long.status, 0, long.stderr);
  const m2 = JSON.parse(long.stdout);
  assert.ok(m2.nucleation_overpotential_mV > 0, `precondition: seed 1 at 0.0003 mAh/cm2 reads ${m2.nucleation_overpotential_mV} mV`);
  assert.equal(m2.nucleation_no_dip, false);
  // the table's cell says no dip in words, not a negative "nucleation overpotential" (audit29); the CSV keeps the number
  const row = (t: string) => t.split('\n')[2]!;
  const neg = m.nucleation_overpotential_mV.toFixed(1);
  assert.ok(row(short.stdout.slice(short.stdout.indexOf('case'))).includes(NO_DIP_CELL) && !short.stdout.includes(` ${neg} `), short.stdout);
  assert.ok(row(formatCompareTable([{ name: 'two', runs: [m, m] }])).includes(NO_DIP_CELL), 'every seed without a dip: no barrier');
  const mixed = row(formatCompareTable([{ name: 'mixed', runs: [m, m2] }]));
  assert.ok(!mixed.includes(NO_DIP_CELL) && mixed.includes(' ±'), `one seed with a dip: the mean and its interval, the note says the rest: ${mixed}`);
  assert.ok(row(formatCompareTable([{ name: 'dip', runs: [m2] }])).includes(m2.nucleation_overpotential_mV.toFixed(1)), 'a dip reads as before');
});

test('nucleation case file: a misspelt key (curent:, temperature:, a case\'s loadings:) is refused in one line naming it, not silently run with the default; a wrong value in a case names cases[i]', async () => {
  const cases: [string, RegExp][] = [
    ['metal: Na\ncurent: 2 mA/cm2\ncases: [{ host: Cu }]\n', /^sacplate: curent: got "2 mA\/cm2", expected no such key \(did you mean "current"\?\); allowed keys: metal, current, capacity, cases$/],
    ['metal: Na\ntemperature: 25 degC\ncases: [{ host: Cu }]\n', /^sacplate: temperature: got "25 degC", expected no such key; allowed keys: metal, current, capacity, cases$/],
    ['metal: Na\ncases: [{ host: N-graphene, sac: Zn-N4, loadings: 2 wt% }]\n', /^sacplate: cases\[0\]\.loadings: got "2 wt%", expected no such key \(did you mean "loading"\?\); a case has: name, host, sac, loading$/],
    // a wrong value in a case is named where it is written (it said "loading", "host")
    ['metal: Na\ncases: [{ host: Cu }, { host: N-graphene, sac: Zn-N4, loading: 1 }]\n', /^sacplate: cases\[1\]\.loading: got "1", expected a SAC loading such as "1\.2 wt%"/],
    ['metal: Na\ncases: [{ host: Cuu }]\n', /^sacplate: cases\[0\]\.host: got "Cuu", expected a known host/],
  ];
  for (const [text, re] of cases) {
    const f = path.join(tmp, 'nuc-typo.yaml');
    fs.writeFileSync(f, text);
    const r = await run('nucleation', f, '--db', path.join(tmp, 'nuc.db'));
    assert.equal(r.status, 2, `${text}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), re);
  }
});

test('fullcell: a loading or capacity without its unit is refused in one line (a bare 10 was read as 10 mg/cm2); other units convert', async () => {
  const cell = async (extra: string) => { const f = path.join(tmp, 'fc.yaml'); fs.writeFileSync(f, `cathode: LFP\n${extra}\nnp: [1]\ncycles: 10\nanode: { ce: 0.99 }\n`); return await run('fullcell', f); };
  const bare = await cell('loading: 10');
  assert.equal(bare.status, 2, bare.stdout);
  assert.equal(bare.stderr.trim().split('\n').length, 1, bare.stderr);
  assert.match(bare.stderr, /^sacplate: loading: got 10, expected a mass per area with a unit, e\.g\. "2 mg\/cm2"/);
  const cap = await cell('capacity: "2"');
  assert.equal(cap.status, 2, cap.stdout);
  assert.match(cap.stderr, /^sacplate: capacity: got "2", expected an areal capacity with its unit, e\.g\. "3 mAh\/cm2" \(no unit given\)/);
  // 100 g/m2 is 10 mg/cm2: the same cathode capacity as the documented form (LFP 170 mAh/g -> 1.700 mAh/cm2)
  const si = await cell('loading: 100 g/m2');
  assert.equal(si.status, 0, si.stderr);
  assert.match(si.stdout, /^cathode LFP, 1\.700 mAh\/cm2/);
  const neg = await cell('loading: -10 mg/cm2');
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /^sacplate: loading: got "-10 mg\/cm2", expected an active-material loading, e\.g\. "10 mg\/cm2" \(positive\)/);
  const f = path.join(tmp, 'fc-typo.yaml');
  fs.writeFileSync(f, 'cathode: LFP\nloading: 10 mg/cm2\nnp: [1]\ncycles: 10\nanode: { cee: 0.99 }\n');
  const typo = await run('fullcell', f);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /^sacplate: anode\.cee: got 0\.99, expected no such key \(did you mean "ce"\?\); allowed keys: ce, run/);
});

test('screen: a candidate whose input is wrong is said at the start (not after every other candidate has run), once, and the exit code is 2', async () => {
  const f = path.join(tmp, 'screen-typo.yaml');
  // kinetics.terraceBarrier 0.3 eV: bookkeeping only (no surface-diffusion claim), keeps the one simulation short
  fs.writeFileSync(f, [
    'name: audit3-typo',
    'base: { metal: Li, lattice: { size: [8, 8, 10], voxel: 10 nm }, host: N-graphene, kinetics: { terraceBarrier: 0.3 eV }, protocol: [Plate 0.0003 mAh/cm2 at 1 mA/cm2], output: { snapshots: false } }',
    'seeds: 1',
    'candidates:',
    '  - { name: typo, sacs: [{ site: ZnN4, loading: 2 % }], synthesis: none }',
    '  - { name: bare, sacs: [], synthesis: none }',
    'objectives: [rms_roughness_nm, sustainability]',
  ].join('\n') + '\n');
  const r = await run('screen', f, '--db', path.join(tmp, 'screen.db'), '--threads', '1');
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.match(lines[0]!, /^not evaluated: candidates\[0\] "typo": sacs\[0\]\.site: got "ZnN4", expected a known SAC site/);
  assert.equal(lines.filter((l) => l.startsWith('not evaluated:')).length, 1, r.stderr);
  assert.match(r.stdout, /bare/);
});

test('screen: anode.cell_voltage without its unit is refused like the masses (a bare 3.7 was read as volts)', async () => {
  const f = path.join(tmp, 'screen-v.yaml');
  fs.writeFileSync(f, 'base: { metal: Li, lattice: { size: [8, 8, 10], voxel: 10 nm }, host: N-graphene, protocol: [Plate 0.0003 mAh/cm2 at 1 mA/cm2] }\ncandidates: [{ name: bare, sacs: [], synthesis: none }]\nobjectives: [sustainability]\nanode: { metal_mass: 2 mg/cm2, host_mass: 1.5 mg/cm2, cell_voltage: 3.7 }\n');
  const r = await run('screen', f, '--db', path.join(tmp, 'screen.db'));
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^sacplate: anode\.cell_voltage: got 3\.7, expected a voltage with a unit, e\.g\. "3\.7 V"/);
});

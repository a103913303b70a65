/**
 * Defects found by the end-to-end audit of the user commands (tenth session, branch `audit`):
 * each test failed before its fix. Bad input must give one line naming the field, the value and
 * what was expected, exit code 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from './helpers/cli.js';

/** runs `body` in a fresh temporary folder, removed afterwards whatever happens */
async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try { await body(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

function oneLine(r: { code: number; stderr: string }, field: string, what: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.includes(field), `${field} not named in: ${lines[0]}`);
  assert.match(lines[0]!, what);
}

test('nucleation --sac: SAC numbers with the eV left out name --sac binding and its unit, not "unknown SAC site"', async () => {
  const r = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29, loading 1.2 wt%', '--no-store']);
  oneLine(r, '--sac binding: got "-2.29"', /eV/);
  const r2 = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29', '--no-store']);
  oneLine(r2, '--sac binding: got "-2.29"', /eV/);
});

test('compare table: SEI % and SAC act. read "-" for runs without sei: or without SACs, not 0.00 and 1.000', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  const { formatCompareTable } = await import('../src/cli/compare-table.js');
  const { COLUMNS } = await import('../src/batch/table.js');
  // bookkeeping only (no surface diffusion claim): terrace barrier 0.3 eV keeps the runs short
  const tiny = (extra: Record<string, unknown>) => ({
    metal: 'Li', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, ...extra,
  });
  const cases = [['bare', tiny({})], ['sac', tiny({ host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }] })], ['sei', tiny({ sei: 'carbonate' })]] as const;
  const rows = cases.map(([name, input]) => { const run = parseRunInput(input); return { name, runs: [simulate(run).metrics], run }; });
  const lines = formatCompareTable(rows, { legend: false }).split('\n');
  const head = lines[0]!.split(/\s{2,}/);
  const at = (row: number, col: string) => lines[row]!.split(/\s{2,}/)[head.indexOf(col)];
  const sei = COLUMNS.find((c) => c.key === 'sei_charge_fraction')!.head, act = COLUMNS.find((c) => c.key === 'active_sac_fraction')!.head;
  assert.equal(at(2, sei), '-', lines[2]);
  assert.equal(at(2, act), '-', lines[2]);
  assert.equal(at(3, sei), '-', lines[3]);
  assert.equal(at(3, act), '1.000', lines[3]);
  assert.match(at(4, sei)!, /^\d+\.\d\d$/, lines[4]);
  assert.equal(at(4, act), '-', lines[4]);
});

test('nucleation --sac by its numbers with a wt% loading and an unknown element: one line that names the elements known', async () => {
  // issue 15's own command (no element) runs now on an assumed molar mass: test/nucleation-sac-input.test.ts
  const r = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29 eV, element Pt, loading 1.2 wt%', '--current', '1', 'mA/cm2', '--no-store']);
  oneLine(r, '--sac element', /got "Pt", expected one of Fe, Co, Ni, Zn, Mn, Zr, Cu .*1\.2 wt%.*leave it out to take 60\.16 g\/mol/);
});

test('simulate --resume on a folder whose run finished (no checkpoint) is refused in one line; the finished outputs stay', async () => {
  await inTempDir('sacplate-audit-', async (dir) => {
    // bookkeeping only: terrace barrier 0.3 eV keeps the run short
    const file = join(dir, 'run.yaml');
    writeFileSync(file, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 100 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol:\n  - Plate 0.002 mAh/cm2 at 1 mA/cm2\nseed: 1\noutput: { snapshots: false }\n');
    const out = join(dir, 'out');
    const first = await cli(['simulate', file, '--out', out, '--no-store', '--no-figures', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const metrics = readFileSync(join(out, 'metrics.json'), 'utf8');
    const again = await cli(['simulate', file, '--out', out, '--resume', '--no-store', '--no-figures', '--json']);
    oneLine(again, '--resume', /checkpoint/);
    assert.equal(readFileSync(join(out, 'metrics.json'), 'utf8'), metrics, 'the finished run is untouched');
  });
});

test('a cancelled run without a checkpoint says why: none asked for, or stopped before the first (checkpoints no longer wait for an engine rebuild, and pulse trains take them)', async () => {
  const { defaultRebuildEvery, noCheckpointNote } = await import('../src/simulation/rebuild-interval.js');
  assert.equal(defaultRebuildEvery(250 * 250 * 200), 100_000_000);
  assert.equal(defaultRebuildEvery(10), 1 << 21);
  const note = noCheckpointNote({ checkpointEvery_s: 10, rebuildEvery: defaultRebuildEvery(250 * 250 * 200), events: 8_600_000 });
  assert.match(note, /event 8,600,000 before the first one was written/);
  assert.doesNotMatch(note, /pulse/); // pulse trains take checkpoints (pulse.ts)
  assert.doesNotMatch(note, /rebuild/);
  assert.match(noCheckpointNote({ rebuildEvery: 1 << 21, events: 5 }), /--checkpoint-every/);
});

test('extxyz: the comment line carries the voxel-code legend (dead metal is the metal\'s symbol with code 2, SEI has codes 3 and 5), as the VTI does', async () => {
  const { extxyzComment } = await import('../src/io/extxyz.js');
  const { VOXEL_CODE_LEGEND } = await import('../src/io/vti.js');
  const g = { nx: 2, ny: 2, nz: 2, cells: new Uint8Array(8), voxel_m: 1e-8 };
  const line = extxyzComment(g, { metal: 'Li', mode: 'mesoscale', fields: { voxel_codes: 'not this' } });
  const m = /voxel_codes="([^"]*)"/.exec(line);
  assert.ok(m, line);
  assert.equal(m[1], VOXEL_CODE_LEGEND);
  assert.match(m[1]!, /2 DEAD.*3 SEI.*5 SEI_INORGANIC/);
  assert.equal(line.match(/voxel_codes=/g)!.length, 1);
});

test('fullcell: anode.ce given as a percentage with its unit ("99.5 %") is the fraction 0.995; a bare 99.5 is refused in one line', async () => {
  await inTempDir('sacplate-audit-fc-', async (dir) => {
    const cell = (ce: string) => { const f = join(dir, `fc-${Math.random().toString(36).slice(2)}.yaml`); writeFileSync(f, `cathode: LFP\nloading: 10 mg/cm2\nnp: [0, 1, 3]\ncycles: 300\nanode: { ce: ${ce} }\n`); return f; };
    const frac = await cli(['fullcell', cell('0.995')]);
    const pct = await cli(['fullcell', cell('"99.5 %"')]);
    assert.equal(frac.code, 0, frac.stderr);
    assert.equal(pct.code, 0, pct.stderr);
    assert.equal(pct.stdout, frac.stdout);
    oneLine(await cli(['fullcell', cell('99.5')]), 'anode.ce', /99\.5 %/);
  });
});

test('nucleation --loading 1.2 wt% unquoted (as --current 1 mA/cm2 is) is the loading, not a file named "wt%"', async () => {
  // a bad metal stops the command right after the options are read: no atomistic run
  const r = await cli(['nucleation', '--metal', 'Lu', '--host', 'graphene', '--sac', 'Zn-N4', '--loading', '1.2', 'wt%', '--no-store']);
  oneLine(r, '--metal', /Lu/);
  const bad = await cli(['nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'Zn-N4', '--loading', '1.2', 'wt', '--no-store']);
  oneLine(bad, '--loading', /"1\.2 wt".*wt%/);
});

test('nucleation --out / --plot and fullcell --out do not write into a previous run\'s folder (a simulation\'s eta.csv was overwritten) unless --force', async () => {
  await inTempDir('sacplate-audit-out-', async (dir) => {
    const run = join(dir, 'run');
    mkdirSync(run);
    writeFileSync(join(run, 'eta.csv'), 'time_s,overpotential_mV\n0,1\n');
    writeFileSync(join(run, 'metrics.json'), '{}\n');
    // the metal's own foil: no atomistic stage, a fraction of a second
    const nuc = ['nucleation', '--metal', 'Li', '--host', 'Li', '--no-store'];
    oneLine(await cli([...nuc, '--out', run]), '--out', /previous run/);
    oneLine(await cli([...nuc, '--plot', run]), '--plot', /previous run/);
    assert.equal(readFileSync(join(run, 'eta.csv'), 'utf8'), 'time_s,overpotential_mV\n0,1\n', 'the simulation\'s eta.csv is untouched');
    const out = join(dir, 'nuc');
    assert.equal((await cli([...nuc, '--out', out])).code, 0);
    assert.ok(existsSync(join(out, 'nucleation.json')));
    oneLine(await cli([...nuc, '--out', out]), '--out', /--force/);
    assert.equal((await cli([...nuc, '--out', out, '--force'])).code, 0);
    const fc = join(dir, 'fc');
    const cellFile = join(dir, 'cell.yaml');
    writeFileSync(cellFile, 'cathode: LFP\nloading: 10 mg/cm2\nnp: [0]\ncycles: 10\nanode: { ce: 0.99 }\n');
    assert.equal((await cli(['fullcell', cellFile, '--out', fc])).code, 0);
    oneLine(await cli(['fullcell', cellFile, '--out', fc]), '--out', /--force/);
    oneLine(await cli(['fullcell', cellFile, '--out', run]), '--out', /previous run/);
    assert.equal((await cli(['fullcell', cellFile, '--out', fc, '--force'])).code, 0);
    assert.ok(existsSync(join(fc, 'fullcell.json')));
  });
});

test('simulate progress of an ion-walker run (no overpotential modelled) says so, "eta not modelled (ion walkers)": not "eta NaN mV", nor "eta - mV" (until branch libapi3)', async () => {
  await inTempDir('sacplate-audit-walk-', async (dir) => {
    const file = join(dir, 'walkers.yaml');
    writeFileSync(file, 'metal: Li\nhost: Cu\nlattice: { size: [12, 12, 24], voxel: 0.3 nm }\nelectrolyte: LiPF6-EC-DMC\ncell: { transport: walkers, separator_distance: 5 nm }\nprotocol:\n  - Plate 0.0001 mAh/cm2 at 1 mA/cm2\nseed: 1\n');
    const r = await cli(['simulate', file, '--no-store', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^simulate: .*events\/s, eta not modelled \(ion walkers\)$/m, r.stderr);
    assert.doesNotMatch(r.stderr, /eta - mV/);
    // the line says the step and how far it is: its charge against the step's (the walkers' arrivals; progress.ts)
    assert.match(r.stderr, /^simulate: Plate 0\.0001 mAh\/cm2 at 1 mA\/cm2: \d+\.\d % \([0-9.e-]+ of [0-9.e-]+ mAh\/cm2\), [0-9,]+ events?; /m, r.stderr);
    assert.doesNotMatch(r.stderr, /NaN/);
  });
});

/**
 * Session 34, task review35: the last round's merged changes (mends44, review34) used as a user would; each test
 * fails on the code before its fix.
 * (1) review34's guard (an --out/--report folder holding the command's input is never cleared) looked at the file
 * given on the command line only: a file that file names was cleared with the previous outputs by --force
 * (`fullcell fc.yaml --out OUT --force` with `anode: { run: OUT/anode/a.yaml }` deleted the anode run file; the same
 * for a run's `parameters:` file, a screen's `descriptors:` CSV or `base:` run file). They are refused so too.
 * (2) `--out LINK` (a link to a folder) was refused as "a file of that name exists" (`--out LINK/` worked).
 * (3) An ion-walker step counted the wall time to its next periodic checkpoint from its own start: a run of walker
 * steps each shorter than checkpointEvery_s never wrote one (`simulate --checkpoint-every 0.3` of 20 short walker
 * steps, 3.4 s, killed at 2.2 s: no checkpoint.bin, --resume started over). It counts from the run's last checkpoint,
 * as the kMC steps do.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { resumeSimulation, writeCheckpoint } from '../src/simulation/checkpoint.js';
import { assertSameState } from './helpers/same-state.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-review35-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const refusal = (field: string, dir: string, file: string) =>
  `sacplate: ${field}: got "${dir}", expected a folder that does not hold the command's input (${file} is in it, and --force would clear it with the rest; choose another folder)\n`;

test('fullcell, simulate and screen --force refuse an output folder holding a file their input file names (anode.run, parameters, descriptors, base); the file is kept', async () => {
  const out = path.join(tmp, 'OUT');
  fs.mkdirSync(path.join(out, 'anode'), { recursive: true });
  fs.writeFileSync(path.join(out, 'fullcell.json'), '{}'); // a previous full cell's outputs
  const anode = path.join(out, 'anode', 'a.yaml');
  fs.writeFileSync(anode, 'metal: Li\nlattice: { size: [8, 8, 16], voxel: 100 nm }\nhost: Cu\nprotocol:\n  - repeat: 2\n    steps: [Plate 0.01 mAh/cm2 at 1 mA/cm2, Strip at 1 mA/cm2 until 1 V]\nseed: 1\noutput: { snapshots: false }\n');
  const fc = path.join(tmp, 'fc.yaml');
  fs.writeFileSync(fc, 'cathode: LFP\nnp: 2\ncycles: 3\nanode: { run: OUT/anode/a.yaml }\n'); // relative to the full-cell file
  for (const force of [['--force'], []]) {
    const r = await cli(['fullcell', fc, '--out', out, ...force]);
    assert.equal(r.stderr, refusal('--out', out, anode), force.join(''));
    assert.equal(r.code, 2);
  }
  assert.ok(fs.existsSync(anode) && fs.existsSync(path.join(out, 'fullcell.json')), 'the anode run file and the previous outputs are kept');

  // a run's parameters file in its --out folder, given relative to the run file and reached through `x/../x`
  const sets = path.join(out, 'sets.yaml');
  fs.writeFileSync(sets, 'sacs:\n  Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: 0.6 eV } } }\n');
  const run = path.join(tmp, 'run.yaml');
  fs.writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nprotocol: [Plate at 1 mA/cm2 for 1e-9 s]\nparameters: OUT/../OUT/sets.yaml\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', run, '--out', out, '--force', '--no-figures', '--no-store']);
  assert.equal(s.stderr, refusal('--out', out, sets));
  assert.ok(fs.existsSync(sets), 'the parameters file is kept');

  // a screen's descriptors CSV and base run file in its --report folder (refused before the file is parsed)
  const rep = path.join(tmp, 'REP');
  fs.mkdirSync(rep);
  fs.writeFileSync(path.join(rep, 'ranking.csv'), 'name\n');
  for (const key of ['descriptors: REP/d.csv\nbase: { metal: Li }', 'base: REP/d.csv']) {
    fs.writeFileSync(path.join(rep, 'd.csv'), 'name\n');
    const sf = path.join(tmp, 'screen.yaml');
    fs.writeFileSync(sf, `${key}\n`);
    const r = await cli(['screen', sf, '--report', rep, '--force']);
    assert.equal(r.stderr, refusal('--report', rep, path.join(rep, 'd.csv')), key);
    assert.ok(fs.existsSync(path.join(rep, 'd.csv')) && fs.existsSync(path.join(rep, 'ranking.csv')), key);
  }
});

test('--out naming a link to a folder writes there (it was refused as "a file of that name exists"); a link to nothing says so', async () => {
  const real = path.join(tmp, 'scratch');
  fs.mkdirSync(real);
  const link = path.join(tmp, 'results');
  fs.symlinkSync(real, link);
  const run = path.join(tmp, 'tiny.yaml');
  fs.writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate at 1 mA/cm2 for 1e-9 s]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', run, '--out', link, '--no-figures', '--no-store']);
  assert.equal(s.code, 0, s.stderr);
  assert.ok(fs.existsSync(path.join(real, 'metrics.json')), 'the outputs are in the linked folder');
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is kept');
  const again = await cli(['simulate', run, '--out', link, '--no-figures', '--no-store']);
  assert.match(again.stderr, /it holds a previous run: pass --force/);
  const dangling = path.join(tmp, 'gone');
  fs.symlinkSync(path.join(tmp, 'nowhere'), dangling);
  const d = await cli(['simulate', run, '--out', dangling, '--no-figures', '--no-store']);
  assert.equal(d.code, 2);
  assert.equal(d.stderr, `sacplate: --out: got "${dangling}", expected a directory for the outputs (it is a link to ${path.join(tmp, 'nowhere')}: no such file (ENOENT); make that folder or choose another path)\n`);
});

test('a run of walker steps each shorter than checkpointEvery_s still writes periodic checkpoints; resumed from the last, it ends as the uninterrupted run', () => {
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '0.3 nm' },
    electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
    protocol: [{ repeat: 12, steps: ['Plate 0.000005 mAh/cm2 at 2 mA/cm2'] }], seed: 4,
    output: { snapshots: false, sample: '0.00002 mAh/cm2' },
  });
  const full = new Simulation(run);
  full.runAll();
  const file = path.join(tmp, 'walkers.bin');
  const every_s = 0.05;
  const writes: number[] = [];
  const sim = new Simulation(run);
  // each step's walkers take well under every_s; the wall time between steps (a slow machine's) is spent here
  const spin = () => { const t = performance.now(); while (performance.now() - t < 30); };
  sim.runAll({ onStepEnd: spin, checkpoint: { every_s, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); writes.push(s.events); } } });
  assert.ok(writes.length >= 2, `periodic checkpoints at events ${writes.join(', ')} of ${full.events} (12 steps of 30 ms, one due every ${every_s} s)`);
  assert.ok(writes.at(-1)! < full.events, `the last at event ${writes.at(-1)} of ${full.events}`);
  assertSameState(sim, full, 'a run with checkpoints');
  const resumed = resumeSimulation(file, run);
  resumed.runAll();
  assertSameState(resumed, full, `resumed at event ${writes.at(-1)}`);
});

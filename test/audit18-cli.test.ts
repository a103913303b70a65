/**
 * Eighteenth audit (a new user follows the README, then types wrong inputs): each test fails on
 * the code before its fix. The CLI runs in-process from a temporary folder (test/helpers/cli.ts);
 * nothing here simulates (every command stops at its input or its store, or is the full-cell model).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { parseProtocol } from '../src/input/protocol.js';
import { earlyEndWarnings, stepAt } from '../src/cli/run-report.js';
import type { StepResult } from '../src/simulation/simulation.js';
import { parseSweep } from '../src/sweep/spec.js';
import { resolveTasks } from '../src/sweep/tasks.js';
import { invalidTaskLines } from '../src/cli/actions/sweep.js';
import { formatCompareTable } from '../src/cli/compare-table.js';
import { fullyStripped } from '../src/batch/table.js';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit18-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });
const write = (name: string, text: string) => { fs.writeFileSync(path.join(tmp, name), text); return name; };
const fullcellFile = (np: string) => write(`fc-${np.length}.yaml`, `cathode: LFP\nloading: 10 mg/cm2\n${np}\ncycles: 30\nanode: { ce: 0.995 }\n`);

test('a command that fails on its input or its store leaves no empty output folder behind (it made them; a folder the user made stays)', async () => {
  const typo = fullcellFile('nP: [0, 1]');
  const junkDb = write('junk.db', 'not a database\n');
  const runFile = path.resolve('examples/li-zn-sac.yaml');
  const cases: [string[], string, RegExp][] = [
    [['fullcell', typo, '--out', 'fc-out'], 'fc-out', /nP: got \[0,1\], expected no such key \(did you mean "np"\?\)/],
    [['fullcell', typo, '--out', 'deep/er/fc'], 'deep', /nP: got/],
    [['simulate', runFile, '--out', 'sim-out', '--db', junkDb], 'sim-out', /junk\.db: is not a SQLite database/],
  ];
  for (const [args, made, re] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(fs.existsSync(path.join(tmp, made)), false, `${args.join(' ')} left ${made}/ behind`);
  }
  // a folder that was there before the call is the user's: it stays, empty
  fs.mkdirSync(path.join(tmp, 'mine'));
  const r = await run('fullcell', typo, '--out', 'mine');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(fs.statSync(path.join(tmp, 'mine')).isDirectory(), true);
  // and a command that succeeds keeps what it wrote
  const ok = await run('fullcell', fullcellFile('np: [1]'), '--out', 'fc-ok');
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(fs.readdirSync(path.join(tmp, 'fc-ok')).sort(), ['fullcell.csv', 'fullcell.json']);
});

test('a strip to a voltage cut-off that runs out of metal is how the cut-off comes, not a step that ended early; other early ends still warn', () => {
  const protocol = parseProtocol([
    'Plate 0.01 mAh/cm2 at 10 mA/cm2',
    { repeat: 2, steps: ['Strip 0.002 mAh/cm2 at 10 mA/cm2', 'Plate 0.002 mAh/cm2 at 10 mA/cm2'] },
    'Strip at 10 mA/cm2 until 1 V',
  ]);
  assert.equal(stepAt(protocol, 3)?.text, 'Strip 0.002 mAh/cm2 at 10 mA/cm2');
  assert.equal(stepAt(protocol, 5)?.cutoff_V, 1);
  assert.equal(stepAt(protocol, 6), undefined);
  const step = (index: number, ended: StepResult['ended']) => ({ index, text: stepAt(protocol, index)!.text, ended, charge_C_per_cm2: -0.01, duration_s: 1 }) as StepResult;
  const w = earlyEndWarnings([step(0, 'charge'), step(3, 'no_metal'), step(5, 'no_metal')], 'Cu', protocol);
  assert.equal(w.length, 1, w.join('\n'));
  assert.match(w[0]!, /^warning: Cu: step 4 "Strip 0.002 mAh\/cm2 at 10 mA\/cm2" ended early \(no_metal/);
  // a plate that filled the box is still said, with or without the protocol at hand
  assert.equal(earlyEndWarnings([step(0, 'box_full')], '', protocol).length, 1);
  assert.equal(earlyEndWarnings([step(5, 'no_metal')]).length, 1, 'without the protocol nothing is left out');
});

test('a sweep whose axis path is misspelt says each distinct error once with the tasks that share it, not one line per task', () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const spec = parseSweep({ name: 'typo', base, axes: { 'sacs[0].loadnig': ['1 %', '2 %'], 'sacs[0].site': ['Zn-N4', 'Fe-N4'] }, seeds: [1, 2, 3] });
  const tasks = resolveTasks(spec);
  assert.equal(tasks.filter((t) => t.error).length, 12);
  const lines = invalidTaskLines(tasks.filter((t) => t.error));
  assert.equal(lines.length, 2, lines.join('\n')); // one per loading value: the message names the value
  assert.match(lines[0]!, /^invalid: task 0 \(sacs\[0\]\.loadnig=1 %, sacs\[0\]\.site=Zn-N4, seed=1\): sacs\[0\]\.loadnig: got "1 %", expected no such key \(did you mean "loading"\?\).* \(and 5 more tasks with this error: 1, 2, 3, 4, 5\)$/);
  assert.match(lines[1]!, /^invalid: task 6 .*got "2 %".*\(and 5 more tasks with this error: 7, 8, 9, 10, 11\)$/);
  // a single invalid task reads as before
  const one = resolveTasks(parseSweep({ name: 'one', base, axes: { 'sacs[0].loading': ['1 %', '150 %'] } })).filter((t) => t.error);
  assert.deepEqual(invalidTaskLines(one), [`invalid: ${one[0]!.error!.message}`]);
});

test('the compare legend explains "stripped" only under a table that shows it (every plating-only table carried the line)', () => {
  const run = parseRunInput({ metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  const m = simulate(run).metrics;
  const legend = (t: string) => t.split('\n').filter((l) => /^\s+stripped\s/.test(l));
  assert.ok(!fullyStripped(m));
  assert.deepEqual(legend(formatCompareTable([{ name: 'Na on Cu', runs: [m], run }])), []);
  // the same run as if its strip had taken every voxel: the cells say stripped and the legend says why
  const gone = { ...m, deposited_voxels: 0, dead_voxels: 0, steps_ended: ['no_metal'] };
  assert.ok(fullyStripped(gone));
  const t = formatCompareTable([{ name: 'Na on Cu', runs: [m], run }, { name: 'stripped away', runs: [gone], run }]);
  assert.equal(legend(t).length, 1, t);
});

test('--out "" (an unset shell variable) is one line naming --out, exit 2, before any work: fullcell and compare ran and wrote nothing, simulate named the library\'s outDir', async () => {
  const tiny = write('tiny-cmp.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: carbon cloth, host: carbon-cloth }\n');
  const single = write('tiny-one.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\n');
  for (const args of [['fullcell', fullcellFile('np: [1]'), '--out', ''], ['compare', tiny, '--out', '', '--no-store'], ['simulate', single, '--out', '', '--no-store'], ['simulate', single, '--seeds', '2', '--out', '', '--no-store']]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^sacplate: --out: got "", expected a directory path\n$/, args.join(' '));
  }
});

/**
 * `sacplate compare` and `simulate --seeds` after a stop: a rerun of the same command reuses every
 * run that finished (its task key in the store, its folder in --out) and runs only the missing
 * ones; the table, the CSV and each run's eta.csv are those of a run from scratch (the library's
 * simulate() of the same resolved runs, in this thread: a CLI run costs about 0.5 CPU s of worker
 * start-up each); a changed seed or input is run again. Tiny boxes (8 x 8 x 8, 10 nm voxels,
 * 0.00005 mAh/cm2), one thread: the stop is a SIGINT emitted in-process as the bar's line says the first run has
 * ended (it is then in the store), before the next run starts (helpers/resume.ts stopAfterFirst), as Ctrl-C reaches
 * the command's handler (engine-cli.test.ts does the same for SIGTERM). flaky62: it polled the store every 5 ms, and
 * under load the second seed (15-50 ms of work) ended first, "2 of 2 runs had finished" (2 of 10 loaded runs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { simulate } from '../src/simulation/simulate.js';
import { loadCompareFile, loadRunFile } from '../src/input/parse.js';
import { formatCompareTable } from '../src/cli/compare-table.js';
import { compareCsv } from '../src/batch/table.js';
import { stopAfterFirst, stopAfterRuns, finishedRuns } from './helpers/resume.js';

const BASE = 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\n' +
  'protocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n';

test('compare (2 hosts x 2 seeds) stopped after its first run, then rerun: only the missing runs run, the outputs are those of a run from scratch; a changed input runs again', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-cmp-resume-'));
  const f = join(d, 'cmp.yaml'), db = join(d, 's.db'), out = join(d, 'out');
  const variants = (host4: string) => `variants:\n  - { name: Cu 1, host: Cu, seed: 1 }\n  - { name: Cu 2, host: Cu, seed: 2 }\n` +
    `  - { name: graphene 1, host: graphene, seed: 1 }\n  - { name: graphene 2, host: ${host4}, seed: 2 }\n`;
  writeFileSync(f, BASE + variants('graphene'));
  const args = ['compare', f, '--out', out, '--db', db, '--threads', '1', '--no-figures'];

  const stopped = await stopAfterFirst(args);
  assert.equal(stopped.code, 130, stopped.stderr);
  const k = Number(/cancelled; (\d) of 4 runs had finished/.exec(stopped.stderr)?.[1]);
  assert.equal(k, 1, `stopped as the first run ended, the others not started: ${stopped.stderr}`);
  assert.match(stopped.stderr, /finished runs are kept in the store: run the same command again to continue \(they are reused, the rest run\)/);
  assert.equal(finishedRuns(db), k);

  const again = await cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`compare: ${k} of 4 runs reused from the store \\(finished earlier\\), ${4 - k} to run`));
  assert.match(again.stderr, new RegExp(`\\n${k} of 4 runs reused from the store \\(finished earlier\\), ${4 - k} run`));
  assert.equal(finishedRuns(db), 4, 'only the missing runs ran');

  // from scratch: the same resolved runs through the library, table and CSV made by the same functions
  const cases = loadCompareFile(f);
  const dirs = ['Cu_1', 'Cu_2', 'graphene_1', 'graphene_2'];
  const rows = cases.map((c, i) => ({ name: c.name, runs: [simulate(c.run, { outDir: join(d, 'scratch', dirs[i]!) }).metrics], run: c.run }));
  assert.equal(again.stdout, formatCompareTable(rows) + '\n', 'the table of the resumed comparison is that of a run from scratch');
  assert.equal(readFileSync(join(out, 'compare.csv'), 'utf8'), compareCsv(rows));
  for (const c of dirs) assert.equal(readFileSync(join(out, c, 'eta.csv'), 'utf8'), readFileSync(join(d, 'scratch', c, 'eta.csv'), 'utf8'), `${c}/eta.csv`);

  // a changed input (graphene 2's host) is run again, the three others are reused (a changed seed: the --seeds test below)
  writeFileSync(f, BASE + variants('Cu'));
  const changed = await cli(args);
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stderr, /\n3 of 4 runs reused from the store \(finished earlier\), 1 run/);
  assert.equal(finishedRuns(db), 5);

  // the folder is continued only by the same command on the same file: another comparison is refused there without --force
  const other = join(d, 'other.yaml');
  writeFileSync(other, BASE + variants('Cu'));
  const refused = await cli(['compare', other, '--out', out, '--db', db, '--threads', '1', '--no-figures']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /^sacplate: --out: got .*, expected a new or empty directory \(it holds a previous run: pass --force/);
  assert.equal(finishedRuns(db), 5, 'nothing ran');
  assert.ok(existsSync(join(out, 'compare.csv')), 'and nothing was cleared');
});

test('simulate --seeds stopped after its first seed, then rerun: only the missing seed runs; a changed seed runs, a shifted seed range reuses the seed it shares', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-seeds-resume-'));
  const f = join(d, 'run.yaml'), db = join(d, 's.db'), out = join(d, 'out');
  writeFileSync(f, BASE + 'seed: 1\n');
  const args = ['simulate', f, '--seeds', '2', '--out', out, '--db', db, '--threads', '1', '--no-figures'];
  // a single run is never reused (it continues from a checkpoint): --fresh there is refused, before anything runs
  const single = await cli(['simulate', f, '--fresh', '--db', db]);
  assert.equal(single.code, 2, single.stderr);
  assert.match(single.stderr, /^sacplate: --fresh: got true, expected several seeds \(--seeds n, n >= 2\)/);
  const stopped = await stopAfterFirst(args);
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /cancelled; 1 of 2 runs had finished/);
  assert.equal(finishedRuns(db), 1);

  // flaky62: a stop that comes once every run has finished, before the command has ended (here as the last run's line
  // is written; in a loaded run, as the last seed's worker ends it before the main thread has read its end), is no
  // cancel: the summary is written, exit 0, as a single run's (it said "cancelled; 2 of 2 runs had finished", exit 130,
  // no table, no seeds.csv)
  const again = await stopAfterRuns(args, 2);
  assert.match(again.stoppedAt ?? '', /\(2\/2 runs done\)/, again.stderr);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /cancelled/);
  assert.match(again.stderr, /\nsacplate: every run had finished before the stop took effect: the summary follows\n/);
  assert.match(again.stderr, /\n1 of 2 runs reused from the store \(finished earlier\), 1 run/);
  assert.equal(finishedRuns(db), 2);
  // from scratch: seeds 1 and 2 through the library; the table row and seeds.csv as the command makes them
  const run = loadRunFile(f);
  const runs = [1, 2].map((seed) => simulate({ ...run, seed }, { outDir: join(d, 'scratch', `seed-${seed}`) }).metrics);
  const rows = [{ name: 'Na on Cu', runs, run }];
  assert.equal(again.stdout.split('\n').slice(1).join('\n'), formatCompareTable(rows) + '\n', 'the table (after its "2 seeds in ... s" line) is that of a run from scratch');
  assert.equal(readFileSync(join(out, 'seeds.csv'), 'utf8'), compareCsv(rows));
  for (const s of [1, 2]) assert.equal(readFileSync(join(out, `seed-${s}`, 'eta.csv'), 'utf8'), readFileSync(join(d, 'scratch', `seed-${s}`, 'eta.csv'), 'utf8'));

  // seeds 2 and 3: seed 2 is reused, seed 3 runs (--fresh, which reuses none, is left out: two more runs of
  // worker start-up; checked by hand, docs/sweeps.md)
  const shifted = await cli([...args, '--seed', '2']);
  assert.equal(shifted.code, 0, shifted.stderr);
  assert.match(shifted.stderr, /\n1 of 2 runs reused from the store \(finished earlier\), 1 run/);
  assert.equal(finishedRuns(db), 3);
  assert.equal(existsSync(join(out, 'seed-1')), false, 'the folder of a seed no longer asked for is cleared');
  // users83: said, naming it (the store cannot write it again): `compare --seeds 2` after `--seeds 3` did the same silently
  assert.match(shifted.stderr, new RegExp(`^seeds: cleared 1 finished run folder of the previous call in ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} that this call does not make \\(seed-1\\)`, 'm'), shifted.stderr);

});

/** The comparison the mends104 test below leaves, its runs finished in its --out (the earlyapi test at the end starts from it: one worker start-up fewer). */
let leftWithOut: { f: string; db: string; out: string; stdout: string } | undefined;

// mends104 (review82 finding 11): `compare FILE` then `compare FILE --out DIR` ran every case again without a word, where the help said it reuses them
test('compare --out after a compare without it: the runs the store holds run again to write their folders (the store keeps metrics, not files), said in one line and in --help; a rerun into the folder reuses them', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-cmp-out-'));
  const f = join(d, 'cmp.yaml'), db = join(d, 's.db'), out = join(d, 'out');
  writeFileSync(f, BASE + 'seed: 1\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: graphene, host: graphene }\n');
  const first = await cli(['compare', f, '--db', db, '--threads', '2']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(finishedRuns(db), 2);
  const withOut = await cli(['compare', f, '--db', db, '--threads', '2', '--out', out, '--no-figures']);
  assert.equal(withOut.code, 0, withOut.stderr);
  assert.ok(existsSync(join(out, 'Cu', 'eta.csv')), 'the folder is written');
  assert.ok(withOut.stderr.includes(`compare: 2 of 2 runs are in the store but not in ${out}: the store keeps a run's metrics, not its folder's files`), withOut.stderr);
  const again = await cli(['compare', f, '--db', db, '--out', out, '--no-figures']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /2 of 2 runs reused from the store/);
  leftWithOut = { f, db, out, stdout: withOut.stdout };
  assert.doesNotMatch(again.stderr, /in the store but not in/);
  const help = await cli(['compare', '--help']);
  assert.match(help.stdout.replace(/\s+/g, ' '), /the store keeps a run's metrics, not its folder's files: a first --out after a call without it runs every case again/);
});

// earlyapi: `compare FILE --out B` after `compare FILE --out A` ran every case again (mends104: the store keeps a run's
// metrics, not its folder's files), though A's folders hold those very runs. A run the store holds that B does not is now
// reused from A's folder (its batch's resume.json marks it finished with the same task key), copied into B, and said;
// --fresh runs them again.
test('compare --out into a new folder after a compare --out: the stored runs are reused (their folders copied from the first --out), 0 new runs, the same table and compare.csv', { timeout: 120_000 }, async () => {
  // the mends104 test's comparison, its 2 runs finished in its --out (or made here when that test did not run)
  let first = leftWithOut;
  if (first === undefined) {
    const d = mkdtempSync(join(tmpdir(), 'sacplate-cmp-copy-'));
    const f = join(d, 'cmp.yaml');
    writeFileSync(f, BASE + 'seed: 1\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: graphene, host: graphene }\n');
    first = { f, db: join(d, 's.db'), out: join(d, 'out'), stdout: '' };
    const r = await cli(['compare', f, '--db', first.db, '--threads', '1', '--out', first.out, '--no-figures']);
    assert.equal(r.code, 0, r.stderr);
    first.stdout = r.stdout;
  }
  const { f, db, out: out1 } = first;
  const out2 = join(mkdtempSync(join(tmpdir(), 'sacplate-cmp-copy-')), 'out2');
  const args = (out: string) => ['compare', f, '--db', db, '--threads', '1', '--out', out, '--no-figures'];
  const ran = finishedRuns(db);
  const second = await cli(args(out2));
  assert.equal(second.code, 0, second.stderr);
  assert.equal(finishedRuns(db), ran, `no new run: ${second.stderr}`);
  assert.match(second.stderr, /\n2 of 2 runs reused from the store \(finished earlier\), 0 run\n/);
  assert.ok(second.stderr.includes(`compare: copied 2 run folders into ${out2} from an earlier call's --out (${join(out1, 'Cu')}, ${join(out1, 'graphene')})`), second.stderr);
  assert.doesNotMatch(second.stderr, /in the store but not in/);
  assert.equal(second.stdout, first.stdout, 'the same table');
  assert.equal(readFileSync(join(out2, 'compare.csv'), 'utf8'), readFileSync(join(out1, 'compare.csv'), 'utf8'));
  for (const c of ['Cu', 'graphene']) for (const x of ['eta.csv', 'metrics.json']) assert.equal(readFileSync(join(out2, c, x), 'utf8'), readFileSync(join(out1, c, x), 'utf8'), `${c}/${x}`);
  // out2's own resume.json marks them finished: a rerun into it reuses them in place
  const again = await cli(args(out2));
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /copied/);
  assert.equal(finishedRuns(db), ran);
  // (--fresh, which reuses none and copies nothing, is left out: two more runs of worker start-up; checked by hand, docs/sweeps.md)
});

// mends65b (review65's friction): a user host's `element` (parameters.hosts.<name>.element, what final.extxyz writes for
// the host) was left out of the task key (provenance is), so a second compare with only the element changed reused the
// first's run and copied its folder: final.extxyz still said Sn. The element a user set gives is now in the key; a run
// whose input gives none keeps its key (the Cu case below is reused from the first call's folder).
test('compare after changing only a user host\'s element: that case runs again and its final.extxyz writes the new element; the case without one is reused', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-cmp-element-'));
  const f = join(d, 'cmp.yaml'), db = join(d, 's.db');
  const file = (el: string) => BASE + `seed: 1\nparameters: { hosts: { Sn-foam: { element: ${el}, metals: { Na: { binding: 0.05 eV } } } } }\n` +
    'variants:\n  - { name: foam, host: Sn-foam }\n  - { name: Cu, host: Cu }\n';
  const hostAtoms = (out: string) => readFileSync(join(out, 'foam', 'final.extxyz'), 'utf8').split('\n').slice(2).map((l) => l.split(/\s+/)[0]).filter((s) => s !== 'Na' && s !== '');
  writeFileSync(f, file('Sn'));
  const first = await cli(['compare', f, '--db', db, '--threads', '1', '--out', join(d, 'A'), '--no-figures']);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual([...new Set(hostAtoms(join(d, 'A')))], ['Sn']);
  writeFileSync(f, file('Bi'));
  const second = await cli(['compare', f, '--db', db, '--threads', '1', '--out', join(d, 'B'), '--no-figures']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual([...new Set(hostAtoms(join(d, 'B')))], ['Bi'], second.stderr);
  assert.match(second.stderr, /\n1 of 2 runs reused from the store \(finished earlier\), 1 run/);
  assert.ok(second.stderr.includes(`(${join(d, 'A', 'Cu')})`), `the Cu case (no element given) keeps its key: ${second.stderr}`);
});

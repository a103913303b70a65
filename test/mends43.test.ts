/**
 * Session 33, task mends43: leftovers noticed by this session's helpers; each test fails on the code before its fix.
 * (4) prepareOutDir's refusal said "it holds a previous run" of a screen's --report folder (and would of analyze's
 * --out); the caller now names what its own outputs are ("a previous report"), kept "a previous run" for others.
 * (2) `analyze FILE --out DIR` wrote over a previous analysis's report.json without a word; now refused without --force, as
 * simulate's --out and screen's --report (prepareOutDir); the default folders (a rerun's) are still written over.
 * (3) fullcell's anode.run read the file and checked its kind itself before loadRunFile, which checks it since mends42
 * (read twice, two wordings): loadRunFile's check now, naming the file, its kind and what anode.run takes.
 * (5) bench/sector.js had no --help (it ran the barrier cost and printed an empty result) and ran with a mistyped flag
 * ignored; bench/args.ts's checkArgs (test-times' check, shared) now.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareOutDir } from '../src/io/dirs.js';
import { cli } from './helpers/cli.js';
import { spawnSync } from 'node:child_process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends43-'));

test('prepareOutDir names what the refused folder holds: the caller\'s word for its own outputs, "a previous run" for any other', () => {
  const holds = { what: 'a previous report', files: ['ranking.csv'] };
  const refusal = (file: string) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'out-'));
    fs.writeFileSync(path.join(dir, file), 'kept');
    try { prepareOutDir(dir, { field: '--report', holds }); } catch (e) { return (e as Error).message; }
    return 'not refused';
  };
  assert.match(refusal('ranking.csv'), /--report: got .*, expected a new or empty directory \(it holds a previous report: pass --force/);
  assert.match(refusal('eta.csv'), /\(it holds a previous run: pass --force/);
});

test('analyze --out into a previous analysis\'s folder is refused without --force (it was written over), before the file is read; --force clears it', async () => {
  const out = path.join(fs.mkdtempSync(path.join(tmp, 'analyze-')), 'a');
  const args = ['analyze', path.resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--no-figures', '--out', out];
  const first = await cli(args);
  assert.equal(first.code, 0, first.stderr);
  const report = path.join(out, 'report.json');
  fs.writeFileSync(report, 'kept');
  const again = await cli([...args.slice(0, 1), path.join(tmp, 'missing.csv'), ...args.slice(2)]);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `sacplate: --out: got "${out}", expected a new or empty directory (it holds a previous analysis: pass --force to clear it first, or choose another folder)\n`);
  assert.equal(fs.readFileSync(report, 'utf8'), 'kept');
  const forced = await cli([...args, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(fs.readFileSync(report, 'utf8'), /^\{/);
  assert.match((await cli(['analyze', args[1]!, '--protocol', 'fullcell', '--force'])).stderr, /^sacplate: --force: got true, expected --out <dir> as well/);
});

test('fullcell: an anode.run naming a file of another kind is refused by loadRunFile\'s check, naming the file, what it is and what anode.run takes', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const sweep = path.resolve('examples/sweep-loading.yaml');
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: sweep } }), (e: unknown) =>
    e instanceof Error && e.message === `${sweep}: a sweep file (base + axes): sacplate sweep runs it; anode.run takes a Li||Cu run file (one run with plate/strip cycles)`);
});

test('bench/sector.js: --help prints its usage and does no work; an unknown flag or a second plain argument is refused before any work', () => {
  const run = (...a: string[]) => spawnSync(process.execPath, ['dist/bench/sector.js', ...a], { encoding: 'utf8', timeout: 20000 });
  const help = run('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^node dist\/bench\/sector\.js \[repeats\] \[--deadline HH:MM\][^\n]*--windows[^\n]*\n  the film benchmark/);
  assert.doesNotMatch(help.stdout, /barrier_cost/);
  for (const [args, bad] of [[['1', '--wndow', '40'], '--wndow'], [['1', '2'], '2']] as const) {
    const r = run(...args);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, new RegExp(`^sector: unknown argument "${bad}"\\nnode dist/bench/sector\\.js \\[repeats\\]`));
  }
});

/**
 * The CLI's flags: a parser error is one line with a hint to --help; flags that do nothing together (--threads without
 * --seeds, --force without --out, --db with --no-store, ...) or given twice are refused; a missing file is named before
 * a missing option; the bench scripts' flags (bench/args.ts: bench/sector.js, bench/test-times.js) and `sacplate bench`'s
 * --events are checked before any work.
 *
 * Moved here from test/audit3-cli.test.ts, test/audit30.test.ts, test/mends31.test.ts, test/audit23b.test.ts,
 * test/mends42.test.ts, test/review33.test.ts, test/mends43.test.ts and test/review34.test.ts (branch testsort;
 * docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told in
 * docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { sharedCycler } from './helpers/cycler-files.js';
import { tempFolder } from './helpers/tmp.js';
import { cli, cliSpawnShape } from './helpers/cli.js';
import { TINY_RUN } from './helpers/small-runs.js';

const BIN = resolve('bin/sacplate.js');
const tmp = tempFolder('cli-flags');
const spawned = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });

/** The CLI in-process from tmp, in the shape spawnSync returns. */
const run = (...args: string[]) => cliSpawnShape(args, { cwd: tmp });

const dir = tempFolder('cli-flags');

const tinyFile = () => {
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(TINY_RUN));
  return file;
};

const dir2 = tempFolder('cli-flags');
const P = sharedCycler;
const ARBIN = P('FastCharge_000025_CH8.csv'); // 26 KB: cheap to convert
const tmp2 = tempFolder('cli-flags');
const tmp3 = tempFolder('cli-flags');

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

test('simulate --seeds: more than a sweep holds (100,000) is refused naming the flag and the range, before anything runs', async () => {
  const file = tinyFile();
  // --threads 0 would be refused too: the seeds are checked first, so the line must name --seeds
  const r = await cli(['simulate', file, '--seeds', '100001', '--threads', '0', '--no-store']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'sacplate: --seeds: got "100001", expected an integer from 1 to 100000');
  const ok = await cli(['simulate', file, '--seeds', '100000', '--threads', '0', '--no-store']);
  assert.match(ok.stderr, /^sacplate: --threads: got "0"/);
});

test('simulate --threads without --seeds, and simulate / compare --force without --out, are refused (they did nothing)', async () => {
  const file = tinyFile();
  // a bad --rebuild-every is refused after these checks: a line naming it means the flag was let through
  const th = await cli(['simulate', file, '--threads', '2', '--no-store', '--rebuild-every', '5']);
  assert.equal(th.code, 2, th.stderr);
  assert.equal(th.stderr.trim(), 'sacplate: --threads: got "2", expected --seeds n (n >= 2) as well: a single run takes one thread (--threads is how many seeds run at once)');
  const f = await cli(['simulate', file, '--force', '--no-store', '--rebuild-every', '5']);
  assert.equal(f.stderr.trim(), 'sacplate: --force: got true, expected --out <dir> as well (it clears that folder first; without --out no folder is written)');
  const c = await cli(['compare', 'examples/main-job.yaml', '--force', '--no-store', '--threads', '0']);
  assert.equal(c.stderr.trim(), 'sacplate: --force: got true, expected --out <dir> as well (it clears that folder first; without --out no folder is written)');
  // with --seeds, --threads is taken (the next refusal is --rebuild-every's)
  assert.match((await cli(['simulate', file, '--seeds', '2', '--threads', '2', '--no-store', '--rebuild-every', '5'])).stderr, /^sacplate: --rebuild-every: got "5"/);
});

test('simulate and compare refuse --db with --no-store, --fresh with --no-store and no --out, --no-figures without --out, naming the flag', async () => {
  const file = join(dir2, 'idle.json');
  writeFileSync(file, JSON.stringify(TINY_RUN));
  const DB = 'no --no-store beside it (--db names the store runs are recorded in; --no-store records none)';
  const FRESH = 'a store (no --no-store) or --out <dir> (it runs again what the store keeps; with --no-store and no --out nothing is kept, so every run is fresh)';
  const FIG = '--out <dir> as well (figures are rendered only into the --out folder; without --out there are none)';
  // --rebuild-every 5 / --threads 0 after them: a line naming those means the flag was let through
  for (const cmd of [['simulate', file, '--seeds', '2', '--rebuild-every', '5'], ['compare', 'examples/main-job.yaml', '--threads', '0']]) {
    const db = await cli([...cmd, '--db', join(dir2, 'x.db'), '--no-store']);
    assert.equal(db.code, 2, db.stderr);
    assert.equal(db.stderr.trim(), `sacplate: --db: got "${join(dir2, 'x.db')}", expected ${DB}`);
    const fresh = await cli([...cmd, '--fresh', '--no-store']);
    assert.equal(fresh.stderr.trim(), `sacplate: --fresh: got true, expected ${FRESH}`);
    const fig = await cli([...cmd, '--no-figures']);
    assert.equal(fig.stderr.trim(), `sacplate: --no-figures: got true, expected ${FIG}`);
    // with what they act on, they are let through (to the next flag's refusal)
    for (const ok of [['--db', join(dir2, 'x.db')], ['--fresh', '--no-store', '--out', join(dir2, 'o')], ['--no-figures', '--out', join(dir2, 'o')]]) {
      assert.match((await cli([...cmd, ...ok])).stderr, /--rebuild-every|--threads/, ok.join(' '));
    }
  }
});

test('wording: --metal-mass 0 echoed as given; a missing file named before a missing --protocol; lit verify --help without an empty default', async () => {
  for (const v of ['0 mg/cm2', '0 g/m2']) {
    const r = await cli(['anode-capacity', '--metal', 'Li', '--metal-mass', v]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: --metal-mass: got "${v}", expected a positive mass per area, e.g. "2 mg/cm2" (or --cycled-capacity)`);
  }
  for (const cmd of ['analyze', 'convert']) {
    const r = await cli([cmd]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: missing required argument 'file' (see sacplate ${cmd} --help)`);
  }
  // with the file, the option is still required
  assert.match((await cli(['analyze', 'x.csv'])).stderr, /^sacplate: required option '--protocol <protocol>' not specified/);
  const help = await cli(['lit', 'verify', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /--review <file>\s+the review text \(default: seed\/000_761d9a0e1df2534e\.txt of\s+\$SACPLATE_SHARED/);
  assert.doesNotMatch(help.stdout, /default: ""/);
  assert.equal((await cli(['lit', 'verify', '--review', ''])).stderr.trim(), 'sacplate: --review: got "", expected a file path');
});

test('a quantity flag given twice is refused naming the flag and both values (--area 1 cm2 --area 2 cm2 said "unknown unit \\"cm2 2 cm2\\"")', async () => {
  const r = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--area', '1', 'cm2', '--area', '2', 'cm2', '--out', join(tmp2, 'twice')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'sacplate: --area: got ["1 cm2","2 cm2"], expected --area once (it takes one value; given twice, its words would run together as one value)\n');
  assert.ok(!existsSync(join(tmp2, 'twice')));
  // --flag=value counts as a giving; one flag of several words, a negative number among them, is one value
  assert.match((await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--qt=5', '--qt', '6', 'mAh'])).stderr, /^sacplate: --qt: got \["5","6 mAh"\]/);
  assert.match((await cli(['nucleation', '--metal', 'Li', '--current', '-1', 'mA/cm2', '--current', '2', 'mA/cm2'])).stderr, /^sacplate: --current: got \["-1 mA\/cm2","2 mA\/cm2"\], expected --current once/);
  // the value of another flag that looks like this one is that flag's value, not a second giving
  const once = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--map', '--area', '--area', '1', 'cm2', '--out', join(tmp2, 'map')]);
  assert.doesNotMatch(once.stderr, /--area once/);
});

test('bench --help says what --events counts: the events of each timed window, as many windows as the bench times', async () => {
  const help = await cli(['bench', '--help']);
  const said = /--events <n>\s+events\s+in\s+each\s+of\s+the\s+(\d+)\s+timed\s+windows/.exec(help.stdout);
  assert.ok(said, help.stdout);
  const windows = Number(said[1]);
  const r = await cli(['bench', '--app', 'diffusion', '--size', '8', '--events', '1000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout) as { events: number; repeats_events_per_s: number[] };
  assert.equal(b.repeats_events_per_s.length, windows);
  assert.equal(b.events, windows * 1000);
});

test('bench --app plating times 3 windows of --events events each (after its warm-up step the first window was 1 event)', async () => {
  const r = await cli(['bench', '--app', 'plating', '--size', '12', '--events', '1000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout) as { events: number; windows: { events: number }[] };
  assert.deepEqual(b.windows.map((w) => w.events), [1000, 1000, 1000]);
  assert.equal(b.events, 3000);
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

test('bench/sector.js: --deadline before the repeats is read as --deadline; a value flag without its value, or with one no run takes, is refused', () => {
  const run = (...a: string[]) => spawnSync(process.execPath, ['dist/bench/sector.js', ...a], { encoding: 'utf8', timeout: 20000 });
  // (repeats 0 is refused before any work: what is read as the repeats is what the refusal names)
  const d = run('--deadline', '05:00', '0');
  assert.notEqual(d.status, 0);
  assert.match(d.stderr, /repeats: a whole number >= 1, got 0\b/);
  // (each case is a spawned bench: 0.3 CPU s; repeats 0 makes a missed refusal end at once)
  const r = run('0', '--out');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^sector: --out needs a value\nnode dist\/bench\/sector\.js \[repeats\]/);
  // a value no run takes is refused with the usage before any work (--order only as the first sector variant started, --deadline never)
  for (const [args, why] of [[['--order', 'sideways'], '--order: fixed or random, got sideways'], [['--deadline', '5pm'], '--deadline: a UTC time HH:MM, e.g. 05:00, got 5pm']] as const) {
    const v = run('0', ...args);
    assert.equal(v.status, 2, v.stderr);
    assert.ok(v.stderr.startsWith(`sector: ${why}\nnode dist/bench/sector.js [repeats]`), v.stderr);
  }
});

test('bench/test-times.js: --files naming no test, and --runner without --phase, are refused before any timing (an empty record, exit 0; the full timing)', () => {
  const out = join(tmp3, 'times.json');
  const run = (...a: string[]) => spawnSync(process.execPath, ['dist/bench/test-times.js', '--label', 'r34', '--out', out, ...a], { encoding: 'utf8', timeout: 20000 });
  const none = run('--files', 'no-such-file');
  assert.equal(none.status, 2, none.stdout);
  assert.match(none.stderr, /^test-times: --files: no dist\/test\/no-such-file\.test\.js /);
  // the same file whichever way test/'s name is written (session 36: "x.test" looked for x.test.test.js)
  for (const name of ['no-such-file.test', 'no-such-file.test.ts', 'no-such-file.test.js']) {
    const r = run('--files', name);
    assert.match(r.stderr, /^test-times: --files: no dist\/test\/no-such-file\.test\.js /, name);
  }
  const runner = run('--runner', '--files', 'no-such-file');
  assert.equal(runner.status, 2, runner.stdout);
  assert.match(runner.stderr, /^test-times: --runner goes with --phase/);
  assert.ok(!existsSync(out), 'no record written');
});

// From loose5 (session 18, task loose5: a new user's audit); failed on the code before its fix.
const tmp4 = tempFolder('cli-flags');
const run4 = (...args: string[]) => cli(args, { cwd: tmp4 });

test('a single-value flag given twice is one line naming the flag and both values, exit 2, for every command (not the last value silently)', async () => {
  const runFile = resolve('examples/li-zn-sac.yaml');
  const cases: [string[], RegExp][] = [
    [['nucleation', '--metal', 'Li', '--host', 'Cu', '--sac', 'Zn-N4', '--sac', 'Co-N4', '--no-store'], /^sacplate: --sac: got \["Zn-N4","Co-N4"\], expected --sac once/],
    [['nucleation', '--metal', 'Li', '--metal', 'Na', '--host', 'Cu', '--no-store'], /^sacplate: --metal: got \["Li","Na"\]/],
    [['nucleation', '--metal', 'Li', '--host', 'Cu', '--host', 'carbon cloth', '--no-store'], /^sacplate: --host: got \["Cu","carbon cloth"\]/],
    [['simulate', runFile, '--seed', '1', '--seed', '2', '--no-store'], /^sacplate: --seed: got \["1","2"\]/],
    [['simulate', runFile, '--out', 'a', '--out', 'b', '--no-store'], /^sacplate: --out: got \["a","b"\]/],
    [['convert', runFile, '-o', 'x.csv', '--output', 'y.csv', '--to', 'bdf'], /^sacplate: --output: got \["x.csv","y.csv"\]/],
    // --plot is --out under another name: --out a --plot b wrote to a alone
    [['nucleation', '--metal', 'Li', '--host', 'Li', '--no-store', '--out', 'a', '--plot', 'b'], /^sacplate: --plot: got \["a","b"\], expected either --out or --plot/],
  ];
  for (const [args, re] of cases) {
    const r = await run4(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(readdirSync(tmp4), [], 'no output folder made');
  // a flag that collects on purpose still does: --range twice is two ranges (the second empties the list)
  const db = join(tmp4, 'lit.db');
  const one = await run4('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--format', 'json', '--db', db);
  const two = await run4('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--range', 'nucleation_overpotential=2000:3000', '--format', 'json', '--db', db);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.ok((JSON.parse(one.stdout) as { records: unknown[] }).records.length > 0);
  assert.equal((JSON.parse(two.stdout) as { records: unknown[] }).records.length, 0);
  rmSync(db, { force: true });
});

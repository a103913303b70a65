/**
 * Problems a new user's audit listed (session 18, task loose5); each test fails on the code before
 * its fix. The CLI runs in-process from a temporary folder (test/helpers/cli.ts); nothing here
 * simulates or runs the atomistic stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { csvNumber, parseCsv } from '../src/io/csv.js';
import { resultTable, tableCsv } from '../src/sweep/results.js';
import type { SweepRow } from '../src/sweep/store.js';
import { loadRunFile } from '../src/input/parse.js';
import { bibtex, formatCitations, ris, runSetsOf, runSources } from '../src/cite/citations.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose5-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('a single-value flag given twice is one line naming the flag and both values, exit 2, for every command (not the last value silently)', async () => {
  const runFile = path.resolve('examples/li-zn-sac.yaml');
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
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(fs.readdirSync(tmp), [], 'no output folder made');
  // a flag that collects on purpose still does: --range twice is two ranges (the second empties the list)
  const db = path.join(tmp, 'lit.db');
  const one = await run('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--format', 'json', '--db', db);
  const two = await run('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--range', 'nucleation_overpotential=2000:3000', '--format', 'json', '--db', db);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.ok((JSON.parse(one.stdout) as { records: unknown[] }).records.length > 0);
  assert.equal((JSON.parse(two.stdout) as { records: unknown[] }).records.length, 0);
  fs.rmSync(db, { force: true });
});

test('sweep results: an axis of quantities ("0.5 %") also has its numbers in a column named with the unit; mixed units get value + unit; names stay text', () => {
  const loadings = ['0.5 %', '1 %', '2 %'];
  const rows: SweepRow[] = loadings.flatMap((loading, i) => ['Zn-N4', 'Co-N/O'].map((site, j) => ({
    index: 2 * i + j, hash: `h${i}${j}`, status: 'done' as const,
    label: { 'sacs[0].loading': loading, 'sacs[0].site': site, current: i === 2 ? '2 A/m2' : '1 mA/cm2', host: '3D-Cu', seed: 1 },
    metrics: { nucleation_overpotential_mV: 10 + i },
  })));
  const table = parseCsv(tableCsv(resultTable(rows)));
  const header = table[0]!;
  const col = (name: string) => { const k = header.indexOf(name); assert.ok(k >= 0, `no column ${name} in ${header.join(',')}`); return table.slice(1).map((r) => r[k]); };
  assert.deepEqual(col('sacs[0].loading'), ['0.5 %', '0.5 %', '1 %', '1 %', '2 %', '2 %'], 'the label column stays');
  assert.deepEqual(col('sacs[0].loading_pct').map(Number), [0.5, 0.5, 1, 1, 2, 2]);
  assert.deepEqual(col('current_value').map(Number), [1, 1, 1, 1, 2, 2]);
  assert.deepEqual(col('current_unit'), ['mA/cm2', 'mA/cm2', 'mA/cm2', 'mA/cm2', 'A/m2', 'A/m2']);
  // names are not quantities: no number column for a site or a host named "3D-Cu", none for a number
  assert.deepEqual(header.filter((h) => /^(sacs\[0\]\.site|host|seed)_/.test(h)), []);
  assert.equal(header.indexOf('sacs[0].loading_pct'), header.indexOf('sacs[0].loading') + 1);
  assert.deepEqual(col('nucleation_overpotential_mV').map(Number), [10, 10, 11, 11, 12, 12]);
});

test('CSV numbers: float noise is not written (12 significant digits), integers and tiny values as they are; the outputs of fullcell show it', async () => {
  assert.equal(csvNumber(1.0000000000000004), '1');
  assert.equal(csvNumber(0.1 + 0.2), '0.3');
  assert.equal(csvNumber(0.9953000000000001), '0.9953');
  assert.equal(csvNumber(123456789012345), '123456789012345');
  assert.equal(csvNumber(-1.5e-21), '-1.5e-21');
  assert.equal(csvNumber(1 / 3), '0.333333333333');
  // fullcell.csv (ce, retention, capacities per cycle): no cell carries more than 12 significant digits
  fs.writeFileSync(path.join(tmp, 'fc.yaml'), 'cathode: LFP\nloading: 10 mg/cm2\nnp: [1, 2.5]\ncycles: 40\nanode: { ce: 0.997 }\n');
  const r = await run('fullcell', 'fc.yaml', '--out', 'fc-out');
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(fs.readFileSync(path.join(tmp, 'fc-out', 'fullcell.csv'), 'utf8'));
  assert.deepEqual(rows[0], ['np', 'cycle', 'ce', 'charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'retention', 'anode_excess_mAh_per_cm2', 'lost_mAh_per_cm2'], 'column names unchanged');
  const digits = (c: string) => c.replace(/e.*$/, '').replace(/\D/g, '').replace(/^0+/, '').length;
  const long = rows.slice(1).flat().filter((c) => digits(c) > 12);
  assert.deepEqual(long, []);
  fs.rmSync(path.join(tmp, 'fc-out'), { recursive: true });
  fs.rmSync(path.join(tmp, 'fc.yaml'));
});

test('an empty output path (an unset shell variable) is one line naming the flag, exit 2, before any work: analyze, screen, results, convert, lit export', async () => {
  const cycler = path.resolve('test/data/cycler/pec_Test25205.csv');
  const db = path.join(tmp, 'empty-out.db');
  const cases: [string[], string][] = [
    [['analyze', cycler, '--protocol', 'fullcell', '--no-figures', '--out', ''], 'sacplate: --out: got "", expected a directory path'],
    [['analyze', cycler, '--protocol', 'fullcell', '--no-figures', '--out', ' '], 'sacplate: --out: got " ", expected a directory path'],
    [['screen', path.resolve('examples/screen-li.yaml'), '--db', db, '--report', ''], 'sacplate: --report: got "", expected a directory path'],
    [['results', path.resolve('examples/sweep-loading.yaml'), '--db', db, '--format', 'parquet', '--out', ''], 'sacplate: --out: got "", expected a file path'],
    [['convert', cycler, '--to', 'bdf', '-o', ''], 'sacplate: -o: got "", expected a file path'],
    [['lit', 'export', '--format', 'csv', '--db', db, '--out', ''], 'sacplate: --out: got "", expected a file path'],
  ];
  for (const [args, line] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim(), line);
    assert.equal(r.stdout, '', `${args.join(' ')} printed nothing`);
  }
  assert.deepEqual(fs.readdirSync(tmp), [], 'nothing written into the current folder');
});

test('cite: sources a reader can resolve (no shared/data path), definitions and model choices apart from the citations', () => {
  {
    const run = loadRunFile('examples/li-zn-sac.yaml');
    const sources = runSources(run.provenance, runSetsOf(run));
    const text = formatCitations(sources), bib = bibtex(sources), refs = ris(sources);
    for (const out of [text, bib, refs]) assert.doesNotMatch(out, /shared\/data/, 'a path only the project has');
    const [cited, own] = text.split(/^Not citations: .*$/m);
    assert.ok(own !== undefined, text);
    for (const internal of [/charge number of the alkali ion/, /MODEL\.md section 2/, /assumed \(sacplate\)/, /derived \(sacplate/]) {
      assert.doesNotMatch(cited!, internal);
      assert.match(own, internal);
    }
    assert.match(own, /definition: charge number of the alkali ion M\+\n\s+for Li\.z/);
    assert.match(own, /model choice: voxel edge of the atomistic mode \(the project's model document, MODEL\.md section 2\)\n\s+for Li\.atomicSpacing/);
    // the element file's values: mendeleev, with its address; the standard potential: the page the data row cites
    assert.match(cited!, /mendeleev .*https:\/\/github\.com\/lmmentel\/mendeleev\n\s+for Li\.molarMass, Li\.atomicVolume, Li\.capacity/);
    assert.match(cited!, /PMC6377277 .*https:\/\/www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\/PMC6377277\/\n\s+for Li\.standardPotential/);
    assert.match(bib, /url = \{https:\/\/github\.com\/lmmentel\/mendeleev\}/);
    assert.match(refs, /UR {2}- https:\/\/www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\/PMC6377277\//);
    assert.doesNotMatch(bib, /charge number|MODEL\.md/);
  }
});

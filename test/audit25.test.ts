/**
 * Rough edges a user met (session 25, task audit25): counts written as text other than in decimal digits,
 * the OpenAPI schema's sampler choices, a forced format on a Landt-like file, a Li||Cu file that starts
 * mid-plating, and what a walk through the README turned up. Each test fails on the code before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { countOf } from '../src/args.js';
import { InputError } from '../src/errors.js';
import { casesFromBody } from '../src/nucleation/cases.js';
import { parseFfsRepetitions, parseSampler, parseTailEnd, SAMPLERS, TAIL_ENDS } from '../src/nucleation/sampler.js';
import { HOST_REDUCTION_RULES, parseHostReduction } from '../src/nucleation/host-reduction.js';
import { parsePlateauRule, PLATEAU_RULES } from '../src/nucleation/plateau.js';
import { openApiDocument } from '../src/server/openapi.js';
import { checkServeOptions } from '../src/server/serve.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit25-'));
const DB = path.join(tmp, 'store.db');
const RUN = path.resolve('examples/li-cu-small-box.yaml');
const SWEEP = path.resolve('examples/sweep-loading.yaml');
const CSV = path.join(tmp, 'cell.csv');
fs.writeFileSync(CSV, 'time/s,Ewe/V,I/mA\n0,0.1,-1\n1,0.1,-1\n2,-0.1,1\n3,-0.1,1\n');

test('countOf: plain decimal digits (spaces around them) or a number; 0x10, 1e1, 0b11, 0o7, 1.0, +3, -1, blank are NaN', () => {
  assert.equal(countOf('16'), 16);
  assert.equal(countOf(' 007 '), 7);
  assert.equal(countOf(12), 12);
  for (const bad of ['0x10', '1e1', '0b11', '0o7', '1.0', '+3', '-1', '', ' ', '1 2', 'Infinity', true, null]) assert.ok(Number.isNaN(countOf(bad)), String(bad));
});

test('a count given as text other than in decimal digits is one refusal naming the flag and the value (Number() read --runs 0x10 as 16, --ffs-repetitions 1e1 as 10)', async () => {
  const nuc = ['nucleation', '--metal', 'Li', '--host', 'graphene', '--no-store'];
  const calls: [string, string, string[]][] = [
    ['--runs', '0x10', nuc],
    ['--ffs-repetitions', '1e1', [...nuc, '--sampler', 'mfpt+ffs']],
    ['--box', '0b10000', nuc],
    ['--target', '4e1', nuc],
    ['--max-events', '1e4', nuc],
    ['--seed', '0x10', ['simulate', RUN, '--no-store']],
    ['--seeds', '1e1', ['simulate', RUN, '--no-store']],
    ['--threads', '1.0', ['simulate', RUN, '--no-store', '--seeds', '2']],
    ['--rebuild-every', '1e4', ['simulate', RUN, '--no-store']],
    ['--threads', '0x2', ['compare', path.resolve('examples/li-hosts.yaml'), '--no-store']],
    ['--events', '1e3', ['bench']],
    ['--size', '0x10', ['bench', '--events', '10']],
    ['--shape', '0x10,16,16', ['bench', '--app', 'plating', '--events', '10']],
    ['--threads', '0x2', ['sweep', SWEEP, '--db', DB]],
    ['--concurrency', '0x2', ['worker', '--queue', 'redis://127.0.0.1:1']],
    ['--header-line', '0x1', ['analyze', CSV, '--protocol', 'licu', '--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', tmp]],
    ['--n', '1e1', ['analyze', CSV, '--protocol', 'aurbach', '--no-figures', '--out', tmp]],
    ['--reference-cycle', '0x2', ['analyze', CSV, '--protocol', 'fullcell', '--no-figures', '--out', tmp]],
    ['--limit', '0x10', ['runs', 'list', '--db', DB]],
  ];
  for (const [flag, value, args] of calls) {
    const r = await cli([...args, flag, value]);
    assert.equal(r.code, 2, `${flag} ${value}: exit ${r.code}\n${r.stderr.slice(0, 400)}`);
    assert.match(r.stderr, new RegExp(`^sacplate: ${flag}: got "${value.replace('.', '\\.')}", expected [^\\n]+\\n$`), `${flag} ${value}`);
  }
  // decimal digits are read as before
  const ok = await cli(['runs', 'list', '--db', DB, '--limit', '16']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('a count in a nucleation request body and the workbench\'s own flags: text in decimal digits only', async () => {
  for (const [key, v] of [['runs', '0x10'], ['box', '1e1'], ['max_events', '1e4'], ['ffs_repetitions', '1e1']] as const) {
    await assert.rejects(casesFromBody({ metal: 'Li', host: 'graphene', sampler: 'mfpt+ffs', [key]: v }), (e: unknown) => e instanceof InputError && e.field === key && e.value === v, `${key} ${v}`);
  }
  assert.equal((await casesFromBody({ metal: 'Li', host: 'graphene', runs: '16' })).cases[0]!.req.atomistic?.runs, 16);
  assert.throws(() => parseFfsRepetitions('--ffs-repetitions', '0x8', 'ffs', true), /^InputError: --ffs-repetitions: got "0x8", expected an integer from 2 to 100/);
  assert.equal(parseFfsRepetitions('--ffs-repetitions', '8', 'ffs', true), 8);
  for (const o of [{ port: '0x10' }, { port: '1e3' }, { concurrency: '0b11' }]) {
    assert.throws(() => checkServeOptions(o, {}), (e: unknown) => e instanceof InputError && e.field === `--${Object.keys(o)[0]}`, JSON.stringify(o));
  }
  assert.equal(checkServeOptions({ port: '8080', concurrency: '3' }, {}).port, 8080);
});

test('the workbench\'s ?limit= is a count in decimal digits (?limit=0x10 listed 16 runs)', async () => {
  const { RunService } = await import('../src/server/service.js');
  const { buildApp } = await import('../src/server/app.js');
  const service = new RunService({ storePath: path.join(tmp, 'serve.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const v of ['0x10', '1e1', '2.0']) {
      const r = await app.inject({ url: `/api/runs?limit=${v}` });
      assert.equal(r.statusCode, 400, `${v}: ${r.body}`);
      assert.match((r.json() as { error: string }).error, new RegExp(`^limit: got "${v.replace('.', '\\.')}", expected an integer `));
    }
    assert.equal((await app.inject({ url: '/api/runs?limit=16' })).statusCode, 200);
  } finally { await app.close(); await service.close(); }
});

test('the OpenAPI schema\'s nucleation choices are the parsers\' lists: each offered is taken, each taken is offered and described (sampler was typed by hand beside SAMPLERS)', () => {
  const props = (openApiDocument() as { components: { schemas: { NucleationRequest: { properties: Record<string, { enum?: unknown[]; description?: string }> } } } }).components.schemas.NucleationRequest.properties;
  const lists: [string, readonly string[], (field: string, v: unknown) => unknown][] = [
    ['sampler', SAMPLERS, parseSampler],
    ['tail_end', TAIL_ENDS, (f, v) => parseTailEnd(f, v, 'mfpt+ffs')],
    ['host_reduction', HOST_REDUCTION_RULES, parseHostReduction],
    ['plateau', PLATEAU_RULES, parsePlateauRule],
  ];
  for (const [key, list, parse] of lists) {
    const p = props[key]!;
    assert.deepEqual(p.enum, [...list], `${key}: the schema's enum is the parser's list`);
    let refusal = '';
    try { parse(key, 'no-such-choice'); } catch (e) { refusal = (e as InputError).expected; }
    for (const c of list) {
      assert.equal(parse(key, c), c, `${key} ${c} taken`);
      assert.ok(refusal.includes(c), `${key}: the refusal names ${c}: ${refusal}`);
      if (p.description !== undefined) assert.ok(p.description.includes(c), `${key}: the schema's description names ${c}`);
    }
  }
});

/** A Landt / Lanhe export as its record tab reads in CSV: column names on line 1, |I| with Step-State labels (CCC charge, CCD discharge). */
function landtCsv(): string {
  const rows = ['Record,TestTime/Sec,Current/mA,Voltage/V,Capacity/mAh,Step-State'];
  let t = 0, r = 1;
  for (const [label, v0, dv] of [['CCC', 3.0, 0.01], ['CCD', 4.0, -0.01], ['CCC', 3.0, 0.01], ['CCD', 4.0, -0.01]] as const) {
    for (let k = 0; k < 20; k++, t += 10, r++) rows.push(`${r},${t},0.5,${(v0 + dv * k).toFixed(3)},${(0.5 * k / 3600).toFixed(6)},${label}`);
  }
  const file = path.join(tmp, 'landt-record.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

test('a forced --format on a file that reads as Landt gets the column check the other layouts get (it was read as forced: a Landt export reported as "format arbin"; with its preamble, "no test_time_second column" on line 1)', async () => {
  const { readCycler } = await import('../src/cycler/read.js');
  const landt = landtCsv();
  // the raw SINTEF Landt export's first 30 lines: six lines of preamble, then its column names
  const raw = path.join(tmp, 'sintef-landt-head30.csv');
  fs.writeFileSync(raw, fs.readFileSync(path.resolve('../shared/data/cycler/SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv'), 'utf8').split('\n').slice(0, 30).join('\n') + '\n');
  assert.equal((await readCycler(landt)).format, 'landt');
  assert.equal((await readCycler(raw)).format, 'landt');
  for (const file of [landt, raw]) {
    for (const format of ['arbin', 'neware', 'batteryarchive', 'bdf'] as const) {
      await assert.rejects(readCycler(file, { format }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === format
        && new RegExp(`^a layout that fits ${path.basename(file)}: its column-name line has none of the .* columns \\(.*\\); it reads as Landt / Lanhe export \\(--format landt\\): leave --format out, give --format landt, or name the columns with --map$`).test(e.expected), `${path.basename(file)} --format ${format}`);
    }
  }
  // the CLI: one line, exit 2
  const c = await cli(['analyze', landt, '--protocol', 'fullcell', '--format', 'neware', '--no-figures', '--out', path.join(tmp, 'landt-neware')]);
  assert.equal(c.code, 2, c.stderr);
  assert.match(c.stderr, /^sacplate: --format: got "neware", expected a layout that fits landt-record\.csv: .* it reads as Landt \/ Lanhe export \(--format landt\)[^\n]*\n$/);
  // --format landt, and a forced layout with --map, are read as before
  assert.equal((await readCycler(landt, { format: 'landt' })).format, 'landt');
  assert.equal((await readCycler(landt, { format: 'arbin', map: 'time=TestTime/Sec,voltage=Voltage/V,current=Current/mA' })).format, 'arbin');
});

/** A Li||Cu test at 1 mA, sampled each minute: platings at -0.02 V, strips to a 0.5 V cut-off, 10 min rests; the first plating `first` mAh, its strip `firstStrip`. */
function licuCsv(name: string, first: number, firstStrip: number): string {
  const rows = ['time/s,Ewe/V,I/mA'];
  let t = 0;
  const plate = (q: number) => { for (let k = 0; k < Math.round(q * 60); k++, t += 60) rows.push(`${t},-0.0200,-1.0`); };
  const strip = (q: number) => { const n = Math.round(q * 60); for (let k = 0; k < n; k++, t += 60) rows.push(`${t},${(0.05 + 0.45 * (k / (n - 1)) ** 8).toFixed(4)},1.0`); };
  const rest = () => { for (let k = 0; k < 10; k++, t += 60) rows.push(`${t},0.3000,0.0`); };
  plate(first); strip(firstStrip); rest();
  for (let c = 0; c < 3; c++) { plate(1); strip(0.98 - 0.01 * c); rest(); }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

test('Li||Cu: a file that starts mid-plating gives that cycle no CE, as a file that ends mid-strip (it read CE 252 %, mean CE 1.359 for the other cycles\' 0.972)', async () => {
  const { analyzeFile, formatReport } = await import('../src/analysis/report.js');
  const o = { protocol: 'licu' as const, format: 'generic' as const, map: 'time=time/s,voltage=Ewe/V,current=I/mA' };
  const { report } = await analyzeFile(licuCsv('licu-cut.csv', 0.4, 0.98), o);
  const cs = report.licu!.cycles;
  assert.equal(cs.length, 4);
  assert.deepEqual([cs[0]!.partial, cs[0]!.cut_start, Number.isNaN(cs[0]!.ce)], [true, true, true]);
  assert.ok(Math.abs(cs[0]!.plated_mAh - 0.38333) < 1e-4 && Math.abs(cs[0]!.stripped_mAh - 0.96667) < 1e-4, `${cs[0]!.plated_mAh} ${cs[0]!.stripped_mAh}`);
  const rest = cs.slice(1).map((c) => c.ce);
  assert.ok(rest.every((ce) => ce > 0.96 && ce < 0.99), rest.join(', '));
  assert.equal(report.licu!.mean_ce, rest.reduce((a, b) => a + b, 0) / 3);
  assert.match(formatReport(report), /^mean CE 0\.9718 over 3 cycles \(each plating with the strip after it, physical half cycles; the file starts mid-plating, 0\.3833 mAh before the strip of cycle 1, which takes 0\.9667 mAh: no CE for it\)$/m);
  // controls: a small first plating whose strip takes no more than it holds (a protocol's own, or a poor first cycle) keeps its CE;
  // a file that starts with a whole plating is read as before
  const small = (await analyzeFile(licuCsv('licu-small-first.csv', 0.4, 0.3), o)).report.licu!.cycles[0]!;
  assert.deepEqual([small.partial, small.cut_start], [undefined, undefined]);
  assert.ok(Math.abs(small.ce - 0.3 / 0.4) < 0.05, `${small.ce}`);
  const whole = (await analyzeFile(licuCsv('licu-whole.csv', 1, 0.98), o)).report.licu!;
  assert.ok(whole.cycles.every((c) => c.partial === undefined && c.ce > 0.96 && c.ce < 0.99));
});

test('the workbench: /api/elements?symbols=Fe,Xx names its query parameter, symbols (it said element, the CLI\'s word)', async () => {
  const { elementsReport } = await import('../src/server/evidence.js');
  assert.throws(() => elementsReport({ symbols: 'Fe,Xx' }), (e: unknown) => e instanceof InputError && e.message === 'symbols: got "Xx", expected an element symbol such as Fe, Co, Ni, Zn, Mn or Pt');
  assert.equal(elementsReport({ symbols: 'Fe,Co' }).elements.length, 2);
});

test('the workbench: a route that reads no query refuses one, as the others refuse an unknown one (/api/nucleation/systems?metal=Xx listed every system)', async () => {
  const { RunService } = await import('../src/server/service.js');
  const { buildApp } = await import('../src/server/app.js');
  const service = new RunService({ storePath: path.join(tmp, 'serve2.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const [method, url] of [['GET', '/api/nucleation/systems?metal=Xx'], ['GET', '/api/health?verbose=1'], ['GET', '/api/openapi.json?format=yaml'], ['GET', '/api/schema/run?lang=de'], ['GET', '/api/runs/run-20260101-000000000-00000000?limit=5']] as const) {
      const r = await app.inject({ method, url });
      assert.equal(r.statusCode, 400, `${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      const key = url.split('?')[1]!.split('=')[0]!;
      assert.match((r.json() as { error: string }).error, new RegExp(`^${key}: got "[^"]*", expected no such query parameter; this route takes: none$`), url);
    }
    // the routes that read a query still take theirs, the token is still taken anywhere, and a HEAD is a GET
    for (const url of ['/api/nucleation/systems', '/api/health?token=x', '/api/runs?limit=2', '/api/nucleation?limit=2', '/api/sweeps?limit=2', '/api/evidence?metal=Na', '/api/elements?symbols=Fe', '/api/capacity?metal=Li&metal_mass=2%20mg%2Fcm2']) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
    }
    assert.equal((await app.inject({ method: 'HEAD', url: '/api/runs?limit=2' })).statusCode, 200);
  } finally { await app.close(); await service.close(); }
});

test('analyze: a protocol\'s own flag given with another protocol is one refusal naming both (--protocol licu --n 3, --protocol fullcell --limit 100 mV were ignored without a word)', async () => {
  const { analyzeFile } = await import('../src/analysis/report.js');
  const file = licuCsv('licu-flags.csv', 1, 0.98);
  const read = ['--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', path.join(tmp, 'flags')];
  const calls: [string, string[], string, string][] = [
    ['licu', ['--n', '3'], '--n', '"3"'],
    ['licu', ['--qt', '5', 'mAh'], '--qt', '"5 mAh"'],
    ['symmetric', ['--pair', 'charge-discharge'], '--pair', '"charge-discharge"'],
    ['licu', ['--reference-cycle', '2'], '--reference-cycle', '"2"'],
    ['fullcell', ['--limit', '100', 'mV'], '--limit', '"100 mV"'],
    ['fullcell', ['--plateau-from', '0.4'], '--plateau-from', '"0.4"'], // symmetric's, licu's and aurbach's (nucleation readings, session 28)
    ['licu', ['--no-soft-short'], '--no-soft-short', 'true'],
  ];
  for (const [protocol, flag, name, value] of calls) {
    const r = await cli(['analyze', file, '--protocol', protocol, ...flag, ...read]);
    assert.equal(r.code, 2, `${protocol} ${flag.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^sacplate: ${name}: got ${value}, expected left out with --protocol ${protocol} \\(read by --protocol (symmetric|aurbach|fullcell|symmetric, licu or aurbach) only\\)\\n$`), `${protocol} ${flag.join(' ')}`);
  }
  // the library says it in its option names
  const map = 'time=time/s,voltage=Ewe/V,current=I/mA';
  await assert.rejects(analyzeFile(file, { protocol: 'licu', format: 'generic', map, n: 3 }), (e: unknown) => e instanceof InputError && e.message === 'n: got 3, expected left out with protocol licu (read by protocol aurbach only)');
  // each protocol still takes its own
  assert.equal((await cli(['analyze', file, '--protocol', 'aurbach', '--n', '2', ...read])).code, 0);
  assert.equal((await cli(['analyze', file, '--protocol', 'symmetric', '--limit', '100', 'mV', '--no-soft-short', ...read, '--force'])).code, 0); // the same --out folder again (mends43: refused without --force)
});

test('analyze: a simulated run\'s eta.csv read as licu is not refused for the soft-short switch the CLI turns off by itself', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const dir = path.join(tmp, 'sim-licu');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 0.5 V'], output: { snapshots: false } }, { outDir: dir });
  const r = await cli(['analyze', path.join(dir, 'eta.csv'), '--protocol', 'licu', '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /soft-short/);
});

test('the workbench\'s unknown-layout line lists the layouts it detects, without generic (it cannot read generic: that needs --map, the CLI\'s)', async () => {
  const { readCycler, FORMATS } = await import('../src/cycler/read.js');
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const file = path.join(tmp, 'unknown.csv');
  fs.writeFileSync(file, 'garbage,data\n1,2\n');
  let message = '';
  try { await readCycler(file); } catch (e) { message = (e as Error).message; }
  const listed = /; the workbench detects ([^;]*); for another layout use the CLI: /.exec(cyclerMessageForApi(message))?.[1];
  assert.deepEqual(listed?.split(', '), FORMATS.filter((f) => f !== 'generic'), cyclerMessageForApi(message));
});

test('--format landt on a file that reads as another layout is refused naming that layout (an Arbin export was read and reported as Landt; a Neware one refused as "no Landt column-name line")', async () => {
  const { readCycler } = await import('../src/cycler/read.js');
  const arbin = path.resolve('../shared/data/cycler/2017-05-09_test-TC-contact_CH33.csv');
  const batteryarchive = path.resolve('test/data/cycler/batteryarchive_CALCE_CX2-33_timeseries.csv');
  for (const [file, id, name] of [[arbin, 'arbin', 'Arbin CSV'], [batteryarchive, 'batteryarchive', 'batteryarchive.org / BatteryData timeseries CSV']] as const) {
    await assert.rejects(readCycler(file, { format: 'landt' }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === 'landt'
      && e.expected === `a layout that fits ${path.basename(file)}: it reads as ${name} (--format ${id}), whose columns it has; Landt is known only by test time, current and voltage, which most layouts have: leave --format out, give --format ${id}, or name the columns with --map`, path.basename(file));
  }
  // a Landt file, a file of no known layout with Landt's columns, and --map read as before
  assert.equal((await readCycler(landtCsv(), { format: 'landt' })).format, 'landt');
  assert.equal((await readCycler(arbin, { format: 'landt', map: 'time=Test_Time,voltage=Voltage,current=Current' })).format, 'landt');
});

/**
 * Small stumbles of the cycler CLI and the workbench's Cycler page that the user audit of session 23
 * (task audit23) left (session 23, task audit23b): a vendor's capitalisation of a layout or target name
 * refused (`--to BDF`), a text file that lists column names read as a Landt export, a quantity flag
 * given twice read as one odd value, and the run-file hint dropped by the API's message rewriter.
 * Each test fails on the code before its fix (26d8809). The CLI runs in-process (helpers/cli.ts).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFormat } from '../src/cycler/read.js';
import { FORMATS } from '../src/cycler/formats.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { cli } from './helpers/cli.js';

const P = (f: string) => path.resolve('../shared/data/cycler', f);
const ARBIN = P('FastCharge_000025_CH8.csv'); // 26 KB: cheap to convert
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit23b-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a layout or target named in the vendor\'s capitals is taken (--to BDF, --format Arbin, --protocol Fullcell), and said in its one spelling', async () => {
  const lower = path.join(tmp, 'lower.csv'), upper = path.join(tmp, 'upper.csv');
  const a = await cli(['convert', ARBIN, '--to', 'bdf', '-o', lower]);
  const b = await cli(['convert', ARBIN, '--to', 'BDF', '--format', 'Arbin', '-o', upper]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr); // was: --to: got "BDF", expected bdf
  assert.match(b.stderr, /^sacplate: arbin -> BDF, /);
  assert.equal(fs.readFileSync(upper, 'utf8'), fs.readFileSync(lower, 'utf8'));
  const r = await cli(['analyze', ARBIN, '--protocol', 'Fullcell', '--format', 'ARBIN', '--pair', 'Auto', '--json', '--no-figures', '--out', path.join(tmp, 'an')]);
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as { format: string; protocol: string };
  assert.deepEqual([rep.format, rep.protocol], ['arbin', 'fullcell']);
  // what is not a name in any case is refused as before, with the names in their spelling
  const bad = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--format', 'EC-Lab']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `sacplate: --format: got "EC-Lab", expected one of ${FORMATS.join(', ')}\n`);
  assert.equal((await cli(['convert', ARBIN, '--to', 'XLSX'])).stderr, 'sacplate: --to: got "XLSX", expected bdf\n');
});

test('a text file that lists column names is no Landt export: one line, the layouts it reads (SOURCES.md was read as Landt and failed on line 11)', async () => {
  const r = await cli(['analyze', P('SOURCES.md'), '--protocol', 'fullcell', '--out', path.join(tmp, 'src')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr, /SOURCES\.md:1: unknown cycler layout \(first line: "# Real cycler exports for parser and analysis tests"\); give --format \(mpt, .*, generic\)/);
  // the real Landt export (header on line 7, rows under it) and a Landt header with no row yet are still Landt
  const landt = fs.readFileSync(P('SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv'), 'utf8').split('\n').slice(0, 60);
  assert.equal(detectFormat('landt.csv', landt), 'landt');
  const k = landt.findIndex((l) => l.startsWith('channel_index,'));
  assert.equal(detectFormat('landt.csv', landt.slice(0, k + 1)), 'landt');
  // its header over a row cut before the voltage column is not taken as one
  assert.throws(() => detectFormat('cut.csv', [...landt.slice(0, k + 1), '1,1,1']), /unknown cycler layout/);
});

test('a quantity flag given twice is refused naming the flag and both values (--area 1 cm2 --area 2 cm2 said "unknown unit \\"cm2 2 cm2\\"")', async () => {
  const r = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--area', '1', 'cm2', '--area', '2', 'cm2', '--out', path.join(tmp, 'twice')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'sacplate: --area: got ["1 cm2","2 cm2"], expected --area once (it takes one value; given twice, its words would run together as one value)\n');
  assert.ok(!fs.existsSync(path.join(tmp, 'twice')));
  // --flag=value counts as a giving; one flag of several words, a negative number among them, is one value
  assert.match((await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--qt=5', '--qt', '6', 'mAh'])).stderr, /^sacplate: --qt: got \["5","6 mAh"\]/);
  assert.match((await cli(['nucleation', '--metal', 'Li', '--current', '-1', 'mA/cm2', '--current', '2', 'mA/cm2'])).stderr, /^sacplate: --current: got \["-1 mA\/cm2","2 mA\/cm2"\], expected --current once/);
  // the value of another flag that looks like this one is that flag's value, not a second giving
  const once = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--map', '--area', '--area', '1', 'cm2', '--out', path.join(tmp, 'map')]);
  assert.doesNotMatch(once.stderr, /--area once/);
});

test('the workbench keeps the run-file hint: a YAML run uploaded to the Cycler page is told to be simulated and its eta.csv analyzed', async () => {
  const service = new RunService({ storePath: path.join(tmp, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const r = await app.inject({ method: 'POST', url: '/api/cycler?name=run.yaml&protocol=symmetric', headers: { 'content-type': 'application/octet-stream' }, payload: 'metal: Li\nhost: Cu\nprotocol: [Plate 1 mAh/cm2 at 1 mA/cm2]\n' });
    assert.equal(r.statusCode, 400);
    const error = (r.json() as { error: string }).error;
    assert.match(error, /unknown cycler layout .*; the workbench detects mpt, .*; for another layout use the CLI: sacplate analyze FILE --format generic --map time=COL,voltage=COL,current=COL; a YAML file is no cycler export: simulate a run file \(sacplate simulate FILE --out DIR\) and analyze DIR\/eta\.csv$/);
    assert.doesNotMatch(error, /give --format/);
  } finally {
    await app.close(); await service.close();
  }
});

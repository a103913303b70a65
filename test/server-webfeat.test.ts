/**
 * Session 30, task webfeat: the workbench routes behind the Run page's example picker, the Evidence
 * page's export and the Sweeps page's CSV download, over HTTP (fastify's app.inject). The examples
 * are the package's own single runs (found from the package, not the working directory; a comparison
 * file is refused naming `sacplate compare`); the Evidence export is `sacplate lit export`'s text for
 * the same records (the CLI in-process, on the same store); a sweep's CSV is `sacplate results
 * NAME --format csv`'s. Each known value is read from the data files or the store, not typed here.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { CSV_COLUMNS, parseCsv } from '../src/evidence/io.js';
import { cli } from './helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sacplate-webfeat-'));
const dbPath = join(dir, 'store.db');
const service = new RunService({ storePath: dbPath, concurrency: 1, writeFiles: false });
const app = await buildApp({ service });
after(async () => { await app.close(); await service.close(); });

const get = (url: string) => app.inject({ method: 'GET', url });

test('GET /api/examples: the package\'s single runs with their leading comment, whatever the working directory; one by name is its file\'s text; a bad name is a 404 in words', async () => {
  // another folder with an examples/ of its own: the listing is the package's, not the working directory's
  const elsewhere = join(dir, 'cwd');
  mkdirSync(join(elsewhere, 'examples'), { recursive: true });
  writeFileSync(join(elsewhere, 'examples', 'decoy.yaml'), 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]\n');
  const saved = process.cwd();
  process.chdir(elsewhere);
  let list;
  try { list = await get('/api/examples'); } finally { process.chdir(saved); }
  assert.equal(list.statusCode, 200, list.body);
  assert.match(String(list.headers['content-type']), /^application\/json/);
  const examples = (list.json() as { examples: { name: string; file: string; description: string; voxels: number }[] }).examples;
  const names = examples.map((x) => x.name);
  assert.ok(!names.includes('decoy'), names.join(', '));
  for (const x of examples) assert.ok(readdirSync(join(ROOT, 'examples')).includes(`${x.name}.yaml`), x.name);
  // single runs only: the comparison, sweep, screen and nucleation files are left out
  assert.ok(names.includes('li-zn-sac') && names.includes('li-cu-small-box'), names.join(', '));
  for (const other of ['main-job', 'li-hosts', 'sweep-loading', 'screen-li', 'nucleation-na']) assert.ok(!names.includes(other), other);
  const text = readFileSync(join(ROOT, 'examples', 'li-zn-sac.yaml'), 'utf8');
  const zn = examples.find((x) => x.name === 'li-zn-sac')!;
  assert.ok(zn.description.startsWith(text.split('\n')[0]!.replace(/^#\s*/, '')), zn.description);
  // the leading comment's first paragraph, not its first line: cycling-aurbach's first sentence runs over two lines
  // (the first line alone stopped at "... strip all"); the indented command lines after it are left out
  const aurbach = readFileSync(join(ROOT, 'examples', 'cycling-aurbach.yaml'), 'utf8').split('\n');
  assert.match(aurbach[0]!, /strip all$/);
  assert.equal(examples.find((x) => x.name === 'cycling-aurbach')!.description, aurbach.slice(0, 2).map((l) => l.replace(/^#\s*/, '')).join(' '));
  // a long paragraph is cut at a word with an ellipsis (li-walkers' runs over eight lines)
  const walkers = examples.find((x) => x.name === 'li-walkers')!.description;
  const walkersText = readFileSync(join(ROOT, 'examples', 'li-walkers.yaml'), 'utf8').split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2)).join(' ');
  assert.ok(walkers.endsWith('…') && walkers.length <= 241 && walkersText.startsWith(walkers.slice(0, -1)), walkers);
  const { lattice } = parseYaml(text) as { lattice: { size: number[] } };
  assert.equal(zn.voxels, lattice.size.reduce((a, b) => a * b, 1));

  const one = await get('/api/examples/li-zn-sac');
  assert.equal(one.statusCode, 200, one.body);
  assert.equal(one.json().text, text);
  assert.deepEqual(one.json().input, parseYaml(text));
  // the run it holds is one the server takes (what the page fills its form with)
  const v = await app.inject({ method: 'POST', url: '/api/validate', payload: one.json().input });
  assert.equal(v.statusCode, 200, v.body);

  // the routes are in the OpenAPI document
  const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: unknown }> };
  for (const p of ['/api/examples', '/api/examples/{name}', '/api/evidence/export', '/api/sweeps/{name}/results']) assert.ok(doc.paths[p]?.get, `${p} missing from openapi.json`);

  for (const [name, line] of [
    ['nope', /^example: got "nope", expected the name of an example run of the package \(.*li-zn-sac.*\)$/],
    ['..%2Fpackage.json', /^example: got "\.\.\/package\.json", expected the name of an example run of the package/],
    ['main-job', /^example: got "main-job", expected a single run; examples\/main-job\.yaml is a comparison \(variants:\): sacplate compare runs it/],
  ] as const) {
    const r = await get(`/api/examples/${name}`);
    assert.equal(r.statusCode, 404, `${name}: ${r.body}`);
    assert.match((r.json() as { error: string }).error, line);
  }
});

test('GET /api/evidence/export: the page\'s records as `sacplate lit export` writes them (csv: its header row, a figure from the data file; bibtex); a bad format is named', async () => {
  const csv = await get('/api/evidence/export?metal=K');
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="evidence\.csv"$/);
  const rows = parseCsv(csv.body);
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  // a known figure, read from the record's own file
  const rec = parseYaml(readFileSync(join(ROOT, 'data', 'literature', 'k-sa-co-hc.yaml'), 'utf8')) as { id: string; figures: { quantity: string; value: number; unit: string }[] };
  const fig = rec.figures.find((f) => f.quantity === 'adsorption_energy')!;
  const col = (c: string) => rows[0]!.indexOf(c);
  const row = rows.find((r) => r[col('id')] === rec.id && r[col('quantity')] === 'adsorption_energy');
  assert.ok(row, csv.body.slice(0, 500));
  assert.deepEqual([Number(row[col('value')]), row[col('unit')]], [fig.value, fig.unit]);
  assert.ok(rows.slice(1).every((r) => r.length === 1 || r[col('metal')] === 'K'), 'only the filtered records');

  // a record of the user's own, imported into the server's store with lit import (the K record under another id, with a DOI; the review's ref, its doi and citations blanked)
  const mine = [rows[0]!, ...rows.slice(1).filter((r) => r[col('id')] === rec.id)].map((r, i) => (i === 0 ? r : r.map((c, j) =>
    (j === col('id') ? 'webfeat-own' : j === col('name') ? 'Own SA-Co' : j === col('aliases') || j === col('refs') || j === col('ref') || j === col('doi') ? '' : j === col('citations') ? '[]' : j === col('user_doi') ? '10.1234/webfeat' : c))));
  const own = join(dir, 'own.csv');
  writeFileSync(own, mine.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n');
  const imp = await cli(['lit', 'import', own, '--db', dbPath]);
  assert.equal(imp.code, 0, imp.stderr);
  // the CLI's text for the same records (lit export --metal, on the same store), in both formats
  for (const [metal, format] of [['Na', 'csv'], ['Na', 'bibtex'], ['K', 'csv'], ['K', 'bibtex']] as const) {
    const http = await get(`/api/evidence/export?metal=${metal}&format=${format}`);
    assert.equal(http.statusCode, 200, http.body);
    const ex = await cli(['lit', 'export', '--format', format, '--metal', metal, '--db', dbPath]);
    assert.equal(ex.code, 0, ex.stderr);
    // csv: the same lines; records the sort ties (one metal) come in the page's order (GET /api/evidence: the review's, then
    // the imported ones), where lit export lists the store's imported ones first
    if (format === 'csv') assert.deepEqual(http.body.split('\n').sort(), ex.stdout.split('\n').sort(), `${metal} ${format}`);
    else assert.equal(http.body, ex.stdout, `${metal} ${format}`);
    if (metal === 'K') assert.match(http.body, format === 'csv' ? /^webfeat-own,Own SA-Co,/m : /^@misc\{user_webfeat-own,\n  doi = \{10\.1234\/webfeat\}/m, format);
  }
  const bib = await get('/api/evidence/export?metal=Na&format=bibtex');
  assert.match(String(bib.headers['content-type']), /^application\/x-bibtex/);
  assert.equal(bib.body.split('\n')[0], '@article{Li2024GreenChem,');
  // the page's filter and sort: the records in the order GET /api/evidence gives them
  const q = 'metal=Li&sort=nucleation_overpotential&desc=1';
  const shown = ((await get(`/api/evidence?${q}`)).json() as { records: { id: string }[] }).records.map((r) => r.id);
  const sorted = parseCsv((await get(`/api/evidence/export?${q}`)).body).slice(1).map((r) => r[0]);
  assert.deepEqual([...new Set(sorted)], shown);
  assert.ok(shown.length > 1);

  const bad = await get('/api/evidence/export?format=xml');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error, 'format: got "xml", expected csv or bibtex');
  const typo = await get('/api/evidence/export?metl=Na');
  assert.equal(typo.statusCode, 400);
  assert.match(typo.json().error, /^metl: got "Na", expected no such query parameter/);
});

test('GET /api/sweeps/:name/results: `sacplate results NAME --format csv` as an attachment (header row, a metric from the store); an unknown sweep is a 404 in words', async () => {
  const { runSweepLocal } = await import('../src/sweep/run.js');
  const { parseSweep } = await import('../src/sweep/spec.js');
  const { SweepStore } = await import('../src/sweep/store.js');
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, kinetics: { terraceBarrier: '0.30 eV' } };
  await runSweepLocal(parseSweep({ name: 'webfeat-loading', base, axes: { 'sacs[0].loading': ['2 %', '4 %'] } }), { db: dbPath, threads: 1 });
  const r = await get('/api/sweeps/webfeat-loading/results');
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /^text\/csv/);
  assert.equal(r.headers['content-disposition'], 'attachment; filename="webfeat-loading-results.csv"');
  const rows = parseCsv(r.body);
  assert.deepEqual(rows[0]!.slice(0, 5), ['task', 'hash', 'status', 'sacs[0].loading', 'sacs[0].loading_pct']);
  const col = (c: string) => rows[0]!.indexOf(c);
  const store = SweepStore.open(dbPath);
  let stored;
  try { stored = store.sweepRows('webfeat-loading'); } finally { store.close(); }
  assert.equal(rows.length, 1 + stored.length);
  assert.equal(Number(rows[2]![col('deposited_voxels')]), stored[1]!.metrics!.deposited_voxels);
  assert.deepEqual(rows.slice(1).map((x) => x[col('status')]), ['done', 'done']);
  const ex = await cli(['results', 'webfeat-loading', '--format', 'csv', '--db', dbPath]);
  assert.equal(ex.code, 0, ex.stderr);
  assert.equal(r.body, ex.stdout);

  const none = await get('/api/sweeps/no-such-sweep/results');
  assert.equal(none.statusCode, 404);
  assert.match(none.json().error, /^sweep: got "no-such-sweep", expected a sweep run before with this store \(.*\); none named "no-such-sweep"$/);
});

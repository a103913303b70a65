/**
 * Cycler analysis problems the workbench / sweeps / cycler audit listed (session 19, task loose7):
 * each test fails on the code before its fix. Small constructed Neware tables and the real
 * ../shared/data/cycler/neware_uio.csv; the workbench API's wording through cyclerMessageForApi.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile, analyzeTable, formatReport, reportPlots, type AnalysisReport } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { svgPlot } from '../src/analysis/svg.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose7-cycler-'));

/** A small Neware-style Li||Cu table: `cycles` plate/strip pairs of 10 rows each at 1 mA, voltages of `v0` + a few tens of mV. */
function licuTable(cycles: number, v0 = 0, ocv?: number): string {
  const rows = ['DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)'];
  let t = 0, k = 1;
  if (ocv !== undefined) for (let j = 0; j < 5; j++) rows.push(`${k++},1,Rest,00:00:0${j},0,${ocv.toFixed(4)}`);
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let c = 1; c <= cycles; c++) {
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC DChg,${hms(t += 60)},-0.001,${(v0 - 0.03 - (j === 0 ? 0.02 : 0)).toFixed(4)}`);
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC Chg,${hms(t += 60)},0.001,${(v0 + 0.03 + (j === 9 ? 0.5 : 0)).toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

test('API: the cycler report\'s area check names the area query parameter, not the CLI flag (it said "1.13 cm2 (--area)")', async () => {
  // POST /api/cycler passes every check's detail through cyclerMessageForApi (src/server/app.ts; its route is tested in test/workbench-api.test.ts)
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const file = path.join(tmp, 'cell.csv');
  fs.writeFileSync(file, licuTable(3));
  const checks = (await analyzeFile(file, { protocol: 'licu', area_cm2: 1.13 })).report.checks.map((c) => ({ ...c, detail: cyclerMessageForApi(c.detail) }));
  assert.equal(checks.find((c) => c.name === 'area')?.detail, '1.13 cm2 (the area query parameter)');
  for (const c of checks) assert.doesNotMatch(c.detail, /--[a-z]/, `${c.name}: ${c.detail}`);
});

test('analyze says when a file\'s voltages do not fit the protocol, and which fits: neware_uio.csv (an electrode against Li, 2.92 V at rest) as symmetric or aurbach; a Li || Cu table fits licu and symmetric not', async () => {
  const uio = path.resolve('../shared/data/cycler/neware_uio.csv');
  const protocolChecks = (r: { report: AnalysisReport }) => r.report.checks.filter((c) => c.name === 'protocol');
  // symmetric: its first plating from the 2.92 V open circuit read as a 2781 mV nucleation overpotential, nothing said
  const table = await readCycler(uio); // read once, analysed twice
  const analyse = async (protocol: 'symmetric' | 'aurbach') => ({ table, report: await analyzeTable(table, { protocol }) });
  const sym = await analyse('symmetric');
  const [s1, ...sMore] = protocolChecks(sym);
  assert.equal(sMore.length, 0);
  assert.equal(s1?.status, 'warn');
  assert.match(s1!.detail, /^not a symmetric cell's voltages: the file starts at 2\.917 V, its median \|V\| under current is 0\.245 V and its lowest in the plating direction 0\.050 V .*; --protocol fullcell fits it/);
  assert.match(formatReport(sym.report), /^note: this file does not fit --protocol symmetric \(the protocol check above\)/m);
  // aurbach: n 0 and the file's end at 0.425 V read as the cut-off
  const au = await analyse('aurbach');
  const details = protocolChecks(au).map((c) => c.detail).join('\n');
  assert.match(details, /the file does not follow the Aurbach protocol .*: n 0; the final strip stops at 0\.425 V where the file ends, short of the 1\.000 V the earlier strips reached/);
  assert.equal(au.report.aurbach!.final_strip_ended, 'file_end');
  assert.match(formatReport(au.report), /final strip ended where the file ends before its cut-off, last voltage 0\.425 V/);
  assert.doesNotMatch(formatReport(au.report), /cut-off 0\.425 V/);
  // a Li || Cu table (below 0 V while plating) fits licu; as symmetric, its 2.8 V open circuit names licu
  const file = path.join(tmp, 'licu.csv');
  fs.writeFileSync(file, licuTable(4, 0, 2.8));
  assert.deepEqual(protocolChecks(await analyzeFile(file, { protocol: 'licu' })), []);
  assert.match(protocolChecks(await analyzeFile(file, { protocol: 'symmetric' }))[0]!.detail, /--protocol licu \(or aurbach\) fits it: its working electrode goes below 0 V \(to -0\.050 V\)/);
  fs.writeFileSync(file, licuTable(4));
  assert.deepEqual(protocolChecks(await analyzeFile(file, { protocol: 'symmetric' })), [], 'a cell near 0 V fits symmetric');
  // the API (its checks pass through cyclerMessageForApi, as the area test above shows) names its query parameter, not the CLI flag
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  assert.match(cyclerMessageForApi(s1!.detail), /; protocol=fullcell fits it/);
  assert.doesNotMatch(cyclerMessageForApi(s1!.detail), /--protocol/);
});

test('analyze\'s per-cycle figures tick whole cycles (the CE figure of 4 cycles ticked 1.0, 1.2, ..., 4.0)', async () => {
  const file = path.join(tmp, 'ticks.csv');
  fs.writeFileSync(file, licuTable(4));
  const { table: t, report } = await analyzeFile(file, { protocol: 'licu' });
  const ce = reportPlots(t, report).find(([name]) => name === 'ce')![1];
  const svg = await svgPlot(ce);
  // the x axis's labels come first, then its title 'cycle'
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const xTicks = texts.slice(0, texts.indexOf('cycle'));
  assert.deepEqual(xTicks, ['1', '2', '3', '4']);
});

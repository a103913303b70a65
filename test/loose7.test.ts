/**
 * Problems the workbench / sweeps / cycler audit listed (session 19, task loose7); each test fails
 * on the code before its fix. The CLI runs in-process from a temporary folder (test/helpers/cli.ts);
 * nothing here simulates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { taskProgress } from '../src/cli/actions/sweep.js';
import { freePort } from './helpers/redis.js';
import { analyzeFile, formatReport, reportPlots } from '../src/analysis/report.js';
import { svgPlot } from '../src/analysis/svg.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose7-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('the sweep progress bar on a terminal has no empty field: a pool sweep (no extra text) shows no "| |"; a queue sweep shows its counts', () => {
  const bars: string[] = [];
  for (const extra of [undefined, '1 running, 2 waiting']) {
    let text = '';
    // a terminal as cli-progress sees one (readline writes its cursor moves through write too)
    const tty = { isTTY: true, columns: 120, write: (s: string, cb?: () => void) => { text += s; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = taskProgress('demo', 4, tty);
    bar.update(1, extra);
    bar.stop();
    bars.push(text);
  }
  assert.match(bars[0]!, /demo \[[^\]]*\] 1\/4 tasks \| ETA/);
  assert.doesNotMatch(bars[0]!, /\|\s*\|/);
  assert.match(bars[1]!, /1\/4 tasks \| 1 running, 2 waiting \| ETA/);
});

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

async function workbench(runMemory?: { bytes?: number; flag: string }) {
  const { RunService } = await import('../src/server/service.js');
  const { buildApp } = await import('../src/server/app.js');
  const service = new RunService({ storePath: path.join(tmp, `api-${Math.random().toString(36).slice(2)}.db`), concurrency: 1, writeFiles: false, ...(runMemory ? { runMemory } : {}) });
  const app = await buildApp({ service, uploadLimit: 4 * 1024 * 1024 });
  return { app, service, close: async () => { await service.close(); await app.close(); } };
}

test('API: the cycler report\'s area check names the area query parameter, not the CLI flag (it said "1.13 cm2 (--area)")', async () => {
  const { app, close } = await workbench();
  try {
    const r = await app.inject({ method: 'POST', url: '/api/cycler?name=cell.csv&protocol=licu&area=1.13%20cm2', headers: { 'content-type': 'application/octet-stream' }, payload: licuTable(3) });
    assert.equal(r.statusCode, 200, r.body);
    const checks = (JSON.parse(r.body) as { report: { checks: { name: string; detail: string }[] } }).report.checks;
    const area = checks.find((c) => c.name === 'area');
    assert.equal(area?.detail, '1.13 cm2 (the area query parameter)');
    for (const c of checks) assert.doesNotMatch(c.detail, /--[a-z]/, `${c.name}: ${c.detail}`);
  } finally { await close(); }
});

test('sweep --queue / worker with no Redis at the address: one line naming --queue and the address, nothing recorded, no banner first', async () => {
  const url = `redis://127.0.0.1:${await freePort()}`; // a port nothing listens on
  const file = path.join(tmp, 'noredis.json');
  fs.writeFileSync(file, JSON.stringify({ name: 'noredis', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, axes: { 'sacs[0].loading': ['2 %', '4 %'] } }));
  const db = path.join(tmp, 'noredis.db');
  const s = await run('sweep', file, '--queue', url, '--db', db);
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, new RegExp(`^sacplate: --queue: got "${url}", expected a reachable Redis server \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)`));
  // the sweep was defined in the store before the connection failed: `results noredis` then found it
  assert.equal(fs.existsSync(db), false, 'no store written');
  const w = await run('worker', '--queue', url);
  assert.equal(w.code, 2, w.stderr);
  assert.equal(w.stderr.trim().split('\n').length, 1, w.stderr);
  assert.match(w.stderr, /^sacplate: --queue: got .*expected a reachable Redis server/);
});

const BOX_RUN = (size: number[]) => ({ metal: 'Li', lattice: { size, voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] });

test('a box whose run would not fit in one run\'s memory is refused before it starts: workbench API (400, nothing recorded) and simulate (exit 2, no folder); --max-memory raises it', async () => {
  // 2^30 voxels passed every check and the workbench started it (690 MB and 14 s of CPU to set up 2.7e8)
  const { app, service, close } = await workbench({ bytes: 1e9, flag: '--max-run-memory' });
  try {
    for (const url of ['/api/runs', '/api/validate']) {
      const r = await app.inject({ method: 'POST', url, payload: BOX_RUN([1024, 1024, 1024]) });
      assert.equal(r.statusCode, 400, r.body);
      assert.match((JSON.parse(r.body) as { error: string }).error,
        /^lattice\.size: got \[1024,1024,1024\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-run-memory\): this one, 1\.07e9 voxels, needs about 2\.89 GB \(2\.5 bytes per voxel \+ 200 per column, measured\); z up to 301 on this footprint, or --max-run-memory SIZE/);
    }
    assert.deepEqual(service.list(), [], 'nothing recorded');
    const ok = await app.inject({ method: 'POST', url: '/api/validate', payload: BOX_RUN([512, 512, 300]) }); // 7.9e7 voxels, about 0.25 GB
    assert.equal(ok.statusCode, 200, ok.body);
  } finally { await close(); }
  const file = path.join(tmp, 'big.json');
  fs.writeFileSync(file, JSON.stringify(BOX_RUN([1024, 1024, 1024])));
  const s = await run('simulate', file, '--out', 'big-out', '--no-store', '--max-memory', '1 GB');
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, /^sacplate: lattice\.size: got \[1024,1024,1024\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-memory\).* or --max-memory SIZE \(e\.g\. "16 GB"\) on a machine with the memory$/m);
  assert.equal(fs.existsSync(path.join(tmp, 'big-out')), false, 'no output folder');
  const bad = await run('simulate', file, '--no-store', '--max-memory', '1 furlong');
  assert.match(bad.stderr, /^sacplate: --max-memory: got "1 furlong", expected a memory size with its unit, e\.g\. "4 GB" or "512 MB"$/m);
  // without the flag the budget is half of this machine's memory (os.totalmem() or a lower cgroup limit), said in the line
  const { defaultRunBudget, machineBytes, runBytes } = await import('../src/input/memory.js');
  assert.equal(defaultRunBudget(2).bytes, machineBytes() / 4);
  assert.match(defaultRunBudget(2).why, /^50 % of this machine's [\d.]+ GB over 2 runs at once$/);
  assert.equal(runBytes([1024, 1024, 1024]), 2.5 * 2 ** 30 + 200 * 2 ** 20);
});

test('analyze says when a file\'s voltages do not fit the protocol, and which fits: neware_uio.csv (an electrode against Li, 2.92 V at rest) as symmetric or aurbach; a Li || Cu table fits licu and symmetric not', async () => {
  const uio = path.resolve('../shared/data/cycler/neware_uio.csv');
  const protocolChecks = (r: Awaited<ReturnType<typeof analyzeFile>>) => r.report.checks.filter((c) => c.name === 'protocol');
  // symmetric: its first plating from the 2.92 V open circuit read as a 2781 mV nucleation overpotential, nothing said
  const sym = await analyzeFile(uio, { protocol: 'symmetric' });
  const [s1, ...sMore] = protocolChecks(sym);
  assert.equal(sMore.length, 0);
  assert.equal(s1?.status, 'warn');
  assert.match(s1!.detail, /^not a symmetric cell's voltages: the file starts at 2\.917 V, its median \|V\| under current is 0\.245 V and its lowest in the plating direction 0\.050 V .*; --protocol fullcell fits it/);
  assert.match(formatReport(sym.report), /^note: this file does not fit --protocol symmetric \(the protocol check above\)/m);
  // aurbach: n 0 and the file's end at 0.425 V read as the cut-off
  const au = await analyzeFile(uio, { protocol: 'aurbach' });
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
  // the API names its query parameter, not the CLI flag
  const { app, close } = await workbench();
  try {
    const r = await app.inject({ method: 'POST', url: '/api/cycler?name=licu.csv&protocol=symmetric', headers: { 'content-type': 'application/octet-stream' }, payload: licuTable(4, 0, 2.8) });
    assert.equal(r.statusCode, 200, r.body);
    const c = (JSON.parse(r.body) as { report: { checks: { name: string; detail: string }[] } }).report.checks.find((k) => k.name === 'protocol');
    assert.match(c!.detail, /; protocol=licu \(or aurbach\) fits it/);
  } finally { await close(); }
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

/**
 * The workbench server's HTTP API and `sacplate serve`'s flags, without a browser: query parameters named as the API
 * names them (sort, range, symbols, limit, area), routes that read no query refusing one, cycler uploads and their
 * hints, run outputs downloaded by name, the OpenAPI schema's nucleation choices, a busy port.
 *
 * Moved here from test/audit2-cli.test.ts, test/audit23.test.ts, test/audit23b.test.ts, test/audit25.test.ts,
 * test/audit26.test.ts, test/audit29.test.ts, test/mends41.test.ts, test/review32.test.ts and test/mends36.test.ts
 * (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told
 * in docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry. The query-parameter test of test/server-query-names.test.ts and the three tests of
 * test/server-webfeat.test.ts (session 30's task webfeat: the routes behind the Run page's example picker, the Evidence
 * page's export and the Sweeps page's CSV download) moved here in branch testtime13 (one node process and one import
 * of the server's modules instead of three).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sharedCycler, sharedCyclerHead } from './helpers/cycler-files.js';
import { tempFolder } from './helpers/tmp.js';
import { analyzeFile } from '../src/analysis/report.js';
import { RunService, RUN_FILES } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { InputError } from '../src/errors.js';
import { parseSampler, parseTailEnd, SAMPLERS, TAIL_ENDS } from '../src/nucleation/sampler.js';
import { HOST_REDUCTION_RULES, parseHostReduction } from '../src/nucleation/host-reduction.js';
import { parsePlateauRule, PLATEAU_RULES } from '../src/nucleation/plateau.js';
import { openApiDocument } from '../src/server/openapi.js';
import { checkServeOptions } from '../src/server/serve.js';
import { cyclerMessageForApi, cyclerTextForPage } from '../src/server/cycler-hints.js';
import { CSV_COLUMNS, parseCsv } from '../src/evidence/io.js';
import { cli } from './helpers/cli.js';

const BIN = resolve('bin/sacplate.js');
const tmp = tempFolder('workbench-api');
const P = sharedCycler;
const tmp2 = tempFolder('workbench-api');
const tmp3 = tempFolder('workbench-api');
const dir = tempFolder('workbench-api');
const ROOT = resolve(import.meta.dirname, '..', '..');

test('workbench API: an unknown sort or range on /api/evidence is a 400 naming the query parameter (it said "quantity"); the server keeps serving', async () => {
  const { startServer } = await import('../src/server/serve.js');
  const { url, stop } = await startServer({ port: 0, db: join(tmp, 'srv.db'), concurrency: 1 });
  try {
    const base = url.replace(/\/$/, '');
    const s = await fetch(`${base}/api/evidence?sort=nonsense`);
    assert.equal(s.status, 400);
    assert.match(((await s.json()) as { error: string }).error, /^sort: got "nonsense", expected name, metal, id, symmetric_lifetime_at_standard or a quantity: one of nucleation_overpotential,/);
    const g = await fetch(`${base}/api/evidence?range=${encodeURIComponent('nucleation=0:20')}`);
    assert.equal(g.status, 400);
    assert.match(((await g.json()) as { error: string }).error, /^range: got "nucleation", expected one of /);
    const ok = await fetch(`${base}/api/evidence?sort=nucleation_overpotential_mV`);
    assert.equal(ok.status, 200);
    // mends56: the Evidence page showed CoSA@NC's 11.5 mV (and every lifetime) without the current it was measured at,
    // where `lit list` reads `11.5 @ 0.5 mA/cm2`; each row's `at` is lit list's text, which the page sets after the number
    type Row = { name: string; figures: Record<string, number | null>; at?: Record<string, string> };
    const rows = ((await ok.json()) as { records: Row[] }).records;
    const list = (await cli(['lit', 'list', '--db', join(tmp, 'srv.db')])).stdout.split('\n');
    let withCurrent = 0;
    for (const r of rows) {
      const line = list.find((l) => l.startsWith(r.name + '  '))!;
      for (const [k, unit] of [['nucleation_overpotential', ''], ['overpotential', ''], ['symmetric_lifetime', ' h']] as const) {
        const at = r.at?.[k] ?? '';
        if (r.figures[k] === null || !at) continue;
        withCurrent++;
        assert.ok(line.includes(`${r.figures[k]}${unit}${at}`), `${r.name} ${k}: ${r.figures[k]}${at} in\n${line}`);
      }
    }
    // 9 of the review's figures: CoSA@NC's 11.5 @ 0.5 mA/cm2, Pt SAs/In2S3/Ti3C2's 49.6 @ 1 mA/cm2, six lifetimes, ...
    assert.ok(withCurrent >= 3 && rows.some((r) => r.name === 'CoSA@NC' && r.at?.nucleation_overpotential), String(withCurrent));
    // a reversed range and an unknown architecture answered 0 records (audit5)
    const rev = await fetch(`${base}/api/evidence?range=${encodeURIComponent('nucleation_overpotential=50:10')}`);
    assert.equal(rev.status, 400);
    assert.match(((await rev.json()) as { error: string }).error, /^range: got "nucleation_overpotential=50:10", expected min <= max/);
    const arch = await fetch(`${base}/api/evidence?architecture=spaceship`);
    assert.equal(arch.status, 400);
    assert.match(((await arch.json()) as { error: string }).error, /^architecture: got "spaceship", expected one of coating, /);
    // the capacity and elements queries name their query parameters too (they said --metal-mass, --metal)
    const c = await fetch(`${base}/api/capacity?metal=Li&metal_mass=${encodeURIComponent('-2 mg/cm2')}`);
    assert.equal(c.status, 400);
    assert.match(((await c.json()) as { error: string }).error, /^metal_mass: got "-2 mg\/cm2"/);
    // and the other parameter a message points to is named as a query parameter too (it said "or --cycled-capacity")
    const none = await fetch(`${base}/api/capacity?metal=Li`);
    assert.equal(none.status, 400);
    assert.equal(((await none.json()) as { error: string }).error, 'metal_mass: got nothing (field missing), expected a metal mass per area (e.g. "2 mg/cm2") or cycled_capacity');
    const m = await fetch(`${base}/api/capacity?metal=Mg&metal_mass=${encodeURIComponent('2 mg/cm2')}`);
    assert.equal(m.status, 400);
    assert.match(((await m.json()) as { error: string }).error, /^metal: got "Mg"/);
    // a misspelt query parameter was ignored (the route answered as if it were not there); desc=maybe read as ascending
    const typo = await fetch(`${base}/api/evidence?metall=Na`);
    assert.equal(typo.status, 400);
    assert.match(((await typo.json()) as { error: string }).error, /^metall: got "Na", expected no such query parameter \(did you mean "metal"\?\); this route takes: metal, sac_element, /);
    const desc = await fetch(`${base}/api/evidence?desc=maybe`);
    assert.equal(desc.status, 400);
    assert.match(((await desc.json()) as { error: string }).error, /^desc: got "maybe", expected 1 or true/);
    const lim = await fetch(`${base}/api/runs?limt=5`);
    assert.equal(lim.status, 400);
    assert.match(((await lim.json()) as { error: string }).error, /^limt: got "5", expected no such query parameter \(did you mean "limit"\?\)/);
    const twice = await fetch(`${base}/api/runs?limit=5&limit=6`);
    assert.equal(twice.status, 400);
    assert.match(((await twice.json()) as { error: string }).error, /^limit: got .*expected the query parameter once/);
    for (const u of ['/api/evidence?metal=Na&desc=1', '/api/runs?limit=5', '/api/elements?symbols=Co,Co']) assert.equal((await fetch(base + u)).status, 200, u);
  } finally { await stop(); }
});

test('workbench cycler upload: a file the reader refuses gives its own line with the display name (it said \'upload: got "upload", expected unknown cycler layout ...; give --format\')', async () => {
  const { startServer } = await import('../src/server/serve.js');
  const { url, stop } = await startServer({ port: 0, db: join(tmp, 'srv2.db'), concurrency: 1 });
  try {
    const base = url.replace(/\/$/, '');
    const post = (name: string, body: string) => fetch(`${base}/api/cycler?protocol=fullcell&name=${name}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    const u = await post('cell.csv', 'garbage,data\n1,2\n');
    assert.equal(u.status, 400);
    const ue = ((await u.json()) as { error: string }).error;
    assert.match(ue, /^cell\.csv:1: unknown cycler layout \(first line: "garbage,data"\); the workbench detects mpt, btlab-csv, neware,.*; for another layout use the CLI: sacplate analyze FILE --format generic/);
    assert.doesNotMatch(ue, /give --format|expected unknown/);
    const n = await post('bad.csv', 'DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)\n1,1,Rest,00:00:00,0,3.1\n2,1,Rest,00:00:01,0,3.x\n');
    assert.equal(n.status, 400);
    assert.match(((await n.json()) as { error: string }).error, /^bad\.csv:3: column "Voltage\(V\)": "3\.x" is not a number/);
    // a time that does not grow: the API has no --map (a CLI flag); its message says what an API user can do
    const flat = await post('flat.csv', 'DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)\n1,1,CC DChg,00:00:00,-0.001,3.1\n2,1,CC DChg,00:00:00,-0.001,3.0\n');
    assert.equal(flat.status, 400);
    const fe = ((await flat.json()) as { error: string }).error;
    assert.match(fe, /^flat\.csv:2: test time does not increase: .*; expected an elapsed time that grows \(the workbench reads the time column the file names and has no column mapping: export the file with its elapsed test time in seconds, or name the column with the CLI: sacplate analyze FILE --map time=COLUMN@s\)$/);
    assert.equal((await fetch(`${base}/api/runs`)).status, 200, 'the server keeps serving');
  } finally { await stop(); }
});

test('serve on a port already in use: one line naming --port, exit 2 (it was "internal error: listen EADDRINUSE", exit 1)', async () => {
  const net = await import('node:net');
  const srv = net.createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  try {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port), '--db', join(tmp, 'busy.db')], { cwd: tmp, encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^sacplate: --port: got "${port}", expected a free TCP port \\(127\\.0\\.0\\.1:${port} is in use`));
  } finally { srv.close(); }
});

test('the workbench API\'s wording of the area warning names the area query parameter, not --area', async () => {
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const { report } = await analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell', area_cm2: 0.0113 });
  const detail = cyclerMessageForApi(report.checks.find((c) => c.name === 'area')!.detail);
  assert.match(detail, /^0\.0113 cm2 \(the area query parameter\); its largest half cycle/);
  assert.doesNotMatch(detail, /--area/);
});

test('the workbench keeps the run-file hint: a YAML run uploaded to the Cycler page is told to be simulated and its eta.csv analyzed', async () => {
  const service = new RunService({ storePath: join(tmp2, 'store.db'), writeFiles: false });
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

test('the workbench\'s ?limit= is a count in decimal digits (?limit=0x10 listed 16 runs)', async () => {
  const { RunService } = await import('../src/server/service.js');
  const { buildApp } = await import('../src/server/app.js');
  const service = new RunService({ storePath: join(tmp3, 'serve.db'), writeFiles: false });
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

test('the OpenAPI schema\'s nucleation job names sac_share_of_nuclei among its results\' keys (review64: the description ended in "..." without it)', () => {
  const job = (openApiDocument() as { components: { schemas: { NucleationJob: { properties: { results: { items: { description: string } } } } } } }).components.schemas.NucleationJob;
  const desc = job.properties.results.items.description;
  assert.match(desc, /\bsac_share_of_nuclei\b/, desc);
  // and says what it is and when it is null, as docs/nucleation.md's JSON keys do
  assert.match(desc, /sac_share_of_nuclei \([^)]*SAC sites[^)]*null without a SAC[^)]*\)/, desc);
});

test('the OpenAPI schema describes a run\'s files listing as served: each file\'s earlier_part flag and the listing\'s note (mends80 added them to the route only)', () => {
  const get = (openApiDocument() as { paths: Record<string, { get: { responses: Record<string, { content: { 'application/json': { schema: { properties: Record<string, { description?: string; items?: { properties: Record<string, { type: string; description?: string }> } }> } } } }> } }> }).paths['/api/runs/{id}/files']!.get;
  const props = get.responses['200']!.content['application/json'].schema.properties;
  const item = props.files!.items!.properties;
  assert.deepEqual(Object.keys(item).sort(), ['bytes', 'earlier_part', 'name']);
  assert.equal(item.earlier_part!.type, 'boolean');
  assert.match(item.earlier_part!.description ?? '', /earlier part/);
  assert.match(props.note?.description ?? '', /resume/);
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

test('the workbench: /api/elements?symbols=Fe,Xx names its query parameter, symbols (it said element, the CLI\'s word)', async () => {
  const { elementsReport } = await import('../src/server/evidence.js');
  assert.throws(() => elementsReport({ symbols: 'Fe,Xx' }), (e: unknown) => e instanceof InputError && e.message === 'symbols: got "Xx", expected an element symbol such as Fe, Co, Ni, Zn, Mn or Pt');
  assert.equal(elementsReport({ symbols: 'Fe,Co' }).elements.length, 2);
});

test('the workbench: a route that reads no query refuses one, as the others refuse an unknown one (/api/nucleation/systems?metal=Xx listed every system)', async () => {
  const { RunService } = await import('../src/server/service.js');
  const { buildApp } = await import('../src/server/app.js');
  const service = new RunService({ storePath: join(tmp3, 'serve2.db'), writeFiles: false });
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
    // review45: a route asked by a method it does not take is a 405 naming the ones it takes (it was a 404 saying
    // "expected an API route", which it is); a path that is no route stays a 404
    for (const [method, url, allow] of [['GET', '/api/runs/run-20260101-000000000-00000000/resume', 'POST'], ['DELETE', '/api/runs', 'GET, POST'], ['PUT', '/api/openapi.json', 'GET']] as const) {
      const r = await app.inject({ method, url });
      assert.equal(r.statusCode, 405, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      assert.equal(r.headers.allow, allow);
      assert.match((r.json() as { error: string }).error, new RegExp(`^method: got ${method} for "${url.replace(/[.?]/g, '\\$&')}", expected ${allow.replace(', ', ' or ')} \\(`));
    }
    assert.equal((await app.inject({ url: '/api/runz' })).statusCode, 404);
  } finally { await app.close(); await service.close(); }
});

test('the workbench\'s unknown-layout line lists the layouts it detects, without generic (it cannot read generic: that needs --map, the CLI\'s)', async () => {
  const { readCycler, FORMATS } = await import('../src/cycler/read.js');
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const file = join(tmp3, 'unknown.csv');
  writeFileSync(file, 'garbage,data\n1,2\n');
  let message = '';
  try { await readCycler(file); } catch (e) { message = (e as Error).message; }
  const listed = /; the workbench detects ([^;]*); for another layout use the CLI: /.exec(cyclerMessageForApi(message))?.[1];
  assert.deepEqual(listed?.split(', '), FORMATS.filter((f) => f !== 'generic'), cyclerMessageForApi(message));
});

test('serve --checkpoint-every: a decimal number of seconds or off; blank and hex are refused (Number() read " " as 0: a checkpoint at every look)', () => {
  for (const bad of [' ', '', '0x10', 'Infinity']) {
    assert.throws(() => checkServeOptions({ checkpointEvery: bad }, {}), (e: unknown) => e instanceof InputError && e.field === '--checkpoint-every' && e.value === bad && /seconds of wall time/.test(e.expected), JSON.stringify(bad));
  }
  assert.equal(checkServeOptions({ checkpointEvery: '1.5e1' }, {}).checkpointEvery_s, 15);
});

test('the workbench\'s run outputs: listed with their sizes and each downloaded by name (the bytes on disk, as an attachment); another name, a path or an unknown id is a 404 naming it', async () => {
  const outRoot = join(dir, 'runs');
  const service = new RunService({ storePath: join(dir, 'api.db'), outRoot, concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const get = (url: string) => app.inject({ method: 'GET', url });
    // a tiny run (the raised terrace barrier keeps surface hops few, as in server-api.test.ts)
    const v = service.start({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, 'tiny');
    assert.equal((await service.wait(v.id))?.status, 'finished');
    const list = await get(`/api/runs/${v.id}/files`);
    assert.equal(list.statusCode, 200, list.body);
    const files = list.json().files as { name: string; bytes: number }[];
    assert.deepEqual(files.map((f) => f.name), ['metrics.json', 'eta.csv', 'steps.csv', 'resolved.json', 'final.vti', 'species-colors.json', 'final.extxyz'], 'what a plating run writes, in RUN_FILES order (no cycles.csv without cycles; mends101: species-colors.json, the ParaView preset beside final.vti)');
    for (const f of files) {
      const r = await get(`/api/runs/${v.id}/files/${f.name}`);
      assert.equal(r.statusCode, 200, `${f.name}: ${r.body}`);
      const disk = readFileSync(join(outRoot, v.id, f.name));
      assert.ok(r.rawPayload.equals(disk) && f.bytes === disk.length, f.name);
      assert.equal(r.headers['content-disposition'], `attachment; filename="${v.id}-${f.name}"`);
    }
    assert.equal(JSON.parse((await get(`/api/runs/${v.id}/files/metrics.json`)).body).events, JSON.parse(readFileSync(join(outRoot, v.id, 'metrics.json'), 'utf8')).events);
    for (const [url, re] of [
      [`/api/runs/${v.id}/files/checkpoint.bin`, /^file: got "checkpoint\.bin", expected one of a run's output files: metrics\.json, /],
      [`/api/runs/${v.id}/files/..%2F..%2Fapi.db`, /^file: got "\.\.\/\.\.\/api\.db", expected one of a run's output files/],
      [`/api/runs/${v.id}/files/cycles.csv`, new RegExp(`^file: got "cycles\\.csv", expected a file run "${v.id}" wrote \\(it has metrics\\.json, eta\\.csv, `)],
      ['/api/runs/run-20990101-000000000-00000000/files/eta.csv', /^run: got "run-20990101-000000000-00000000", expected the id of a stored run/],
    ] as const) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, `${url}: ${r.body}`);
      assert.match(r.json().error, re);
    }
    assert.deepEqual([...RUN_FILES].filter((n) => !files.some((f) => f.name === n)), ['cycles.csv']);
  } finally {
    await service.close();
    await app.close();
  }
});

// web64 (session 64): a run's per-step snapshots (snapshots/step-NNN-KIND-cycle-C.vti, written at the end of each plate
// and strip step) over HTTP, for the Run page's step picker under the 3D view (it showed the latest grid only)
test('web64: GET /api/runs/:id/snapshots lists a run\'s per-step snapshots as steps.csv has its steps (a workbench run, and a CLI run read back from the store); /snapshots/:step gives one grid as /snapshot gives the latest; a bad step is a 400 naming it, a rest\'s or a missing step a 404, a box over the view\'s limit a 413, a folder gone a 404 naming it; a run with snapshots off lists none and says the key', async () => {
  const { validateRunInput } = await import('../src/input/schema.js');
  const { readVti } = await import('../src/io/vti.js');
  const base = join(dir, 'web64');
  const outRoot = join(base, 'runs');
  const service = new RunService({ storePath: join(base, 'store.db'), outRoot, concurrency: 1 });
  const app = await buildApp({ service });
  // the CLI's runs read back by a server that did not run them (as after a restart), its view limit under their box
  const later = new RunService({ storePath: join(base, 'store.db'), outRoot, concurrency: 1, maxSnapshotVoxels: 500 });
  const laterApp = await buildApp({ service: later });
  try {
    const get = (url: string, a = app) => a.inject({ method: 'GET', url });
    // tiny runs (8 x 8 x 8 voxels, the raised terrace barrier): a plate, a rest (which writes no snapshot), two strip-plate cycles
    const input = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.30 eV' }, seed: 1, output: { structures: ['vti'] },
      protocol: ['Plate 0.0006 mAh/cm2 at 1 mA/cm2', 'Rest for 1 ms', { repeat: 2, steps: ['Strip 0.0002 mAh/cm2 at 1 mA/cm2', 'Plate 0.0002 mAh/cm2 at 1 mA/cm2'] }] };
    const own = service.start(input, 'web64');
    // as `sacplate simulate --out DIR` starts its run (src/cli/actions/sim.ts): resolved by the caller, its folder recorded
    const cliOut = join(base, 'cli-out');
    const viaCli = service.start(input, 'web64 cli', { resolved: validateRunInput(input), outDir: cliOut, recordOutDir: true });
    const off = service.start({ ...input, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, 'web64 off');
    // web64b: the same run writing its structures as extended XYZ only (it listed none)
    const xyzOnly = service.start({ ...input, output: { structures: ['extxyz'] } }, 'web64b extxyz');
    const noFiles = service.start({ ...input, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'], output: { structures: [] } }, 'web64b none');
    // a live run: queued behind the three (one at a time), it has none yet; once its second step runs, its first step's
    // snapshot is listed (the page reads the list again then); cancelled there
    const slow = service.start({ ...input, lattice: { size: [8, 8, 200], voxel: '10 nm' }, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Plate 1 mAh/cm2 at 1 mA/cm2'] }, 'web64 live');
    const queued = await get(`/api/runs/${slow.id}/snapshots`);
    assert.equal(queued.statusCode, 200, queued.body);
    assert.deepEqual(queued.json().snapshots, []);
    assert.match(queued.json().hint, /^none yet: one is written as each plate or strip step ends \(output: \{ snapshots: true \}/);
    let unsubscribe: (() => void) | undefined;
    const inSecondStep = new Promise<void>((done) => { unsubscribe = service.subscribe(slow.id, (e) => { if (e.type === 'progress' && (e.progress?.step ?? 0) >= 1) done(); }); });
    for (const r of [own, viaCli, off, xyzOnly, noFiles]) assert.equal((await service.wait(r.id))?.status, 'finished');
    await inSecondStep;
    unsubscribe?.();
    const growing = (await get(`/api/runs/${slow.id}/snapshots`)).json() as { snapshots: { step: number; text: string }[]; steps: number };
    assert.deepEqual([growing.steps, growing.snapshots.map((e) => [e.step, e.text])], [2, [[0, 'Plate 0.0002 mAh/cm2 at 1 mA/cm2']]], 'the first step\'s, while the second runs');
    service.cancel(slow.id);
    assert.equal((await service.wait(slow.id))?.status, 'cancelled');
    const [head, ...rows] = readFileSync(join(outRoot, own.id, 'steps.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = (row: string[], k: string) => row[head!.indexOf(k)]!;
    const faradaic = rows.filter((r) => col(r, 'kind') !== 'rest');
    type Entry = { step: number; text: string; kind: string; cycle: number; half_cycle: number; time_s: number; connected_voxels: number; dead_voxels: number; voxels: number; file: string; over_view_limit?: true };
    for (const [a, id, folder] of [[app, own.id, join(outRoot, own.id)], [laterApp, viaCli.id, cliOut]] as const) {
      const list = await get(`/api/runs/${id}/snapshots`, a);
      assert.equal(list.statusCode, 200, list.body);
      const d = list.json() as { snapshots: Entry[]; steps: number; view_voxel_limit: number; hint?: string };
      assert.equal(d.steps, rows.length);
      assert.equal(d.hint, undefined);
      assert.deepEqual(d.snapshots.map((e) => [e.step, e.text, e.kind, e.cycle, e.half_cycle, e.connected_voxels, e.dead_voxels]),
        faradaic.map((r) => [Number(col(r, 'step')), col(r, 'protocol'), col(r, 'kind'), Number(col(r, 'cycle')), Number(col(r, 'half_cycle')), Number(col(r, 'connected_voxels')), Number(col(r, 'dead_voxels'))]), 'the steps as steps.csv has them');
      assert.ok(d.snapshots.every((e, i) => i === 0 || e.time_s > d.snapshots[i - 1]!.time_s), 'in time order');
      assert.ok(new Set(d.snapshots.map((e) => e.connected_voxels)).size > 1, 'the deposit differs between steps');
      assert.deepEqual(d.snapshots.map((e) => e.over_view_limit ?? false), d.snapshots.map(() => a === laterApp), 'over the later server\'s limit of 500 voxels');
      if (a === laterApp) {
        const big = await get(`/api/runs/${id}/snapshots/${d.snapshots[0]!.step}`, a);
        assert.equal(big.statusCode, 413, big.body);
        assert.match(big.json().error, new RegExp(`^snapshot: step 0 of run "${id}" holds 512 voxels \\(8 x 8 x 8\\), over the 3D view's limit of 500 .* open snapshots/step-000-plate-cycle-0\\.vti .*from its output folder ${cliOut.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} in ParaView$`));
        continue;
      }
      // each grid: the file's voxels, in the latest grid's form (its headers); the metal the view counts is the step's connected voxels
      const latest = await get(`/api/runs/${id}/snapshot`, a);
      for (const e of d.snapshots) {
        const g = await get(`/api/runs/${id}/snapshots/${e.step}`, a);
        assert.equal(g.statusCode, 200, g.body);
        assert.ok(g.rawPayload.equals(Buffer.from(readVti(join(folder, e.file)).grid.cells)), e.file);
        for (const h of ['content-type', 'x-grid', 'x-voxel-nm', 'x-host-layers', 'x-host-foil']) assert.equal(g.headers[h], latest.headers[h], h);
        assert.equal(g.headers['x-step'], String(e.step));
        assert.equal(g.rawPayload.filter((c) => c === 1).length, e.connected_voxels, `step ${e.step}: metal voxels`);
      }
      assert.ok(latest.rawPayload.equals((await get(`/api/runs/${id}/snapshots/${d.snapshots.at(-1)!.step}`, a)).rawPayload), 'the last step\'s snapshot is the grid at the run\'s end');
      for (const [step, status, re] of [
        ['abc', 400, /^step: got "abc", expected a step index: a whole number >= 0/], ['-1', 400, /^step: got "-1", expected a step index/], ['1.5', 400, /^step: got "1\.5", expected/],
        ['1', 404, /^step: got 1, expected the step of one of run "\S+"'s snapshots \(step 1 is a rest, "Rest for 1 ms", which writes none; it has steps 0, 2, 3, 4, 5\)$/],
        ['99', 404, /^step: got 99, expected .*\(it has steps 0, 2, 3, 4, 5\)$/],
      ] as const) {
        const r = await get(`/api/runs/${id}/snapshots/${step}`, a);
        assert.equal(r.statusCode, status, `${step}: ${r.body}`);
        assert.match(r.json().error, re);
      }
    }
    // web64b: an extxyz-only run lists the same steps, its files the .extxyz ones, and each grid is the .vti run's (same seed),
    // read through the same route and in the same form
    const xyzList = (await get(`/api/runs/${xyzOnly.id}/snapshots`)).json() as { snapshots: Entry[]; hint?: string };
    const vtiList = (await get(`/api/runs/${own.id}/snapshots`)).json() as { snapshots: Entry[] };
    assert.equal(xyzList.hint, undefined, xyzList.hint);
    assert.deepEqual(xyzList.snapshots.map((e) => e.file), vtiList.snapshots.map((e) => e.file.replace(/\.vti$/, '.extxyz')));
    assert.deepEqual(xyzList.snapshots.map(({ file: _f, ...e }) => e), vtiList.snapshots.map(({ file: _f, ...e }) => e), 'the entries as the .vti run\'s');
    for (const e of xyzList.snapshots) {
      const [x, v] = [await get(`/api/runs/${xyzOnly.id}/snapshots/${e.step}`), await get(`/api/runs/${own.id}/snapshots/${e.step}`)];
      assert.equal(x.statusCode, 200, x.body);
      assert.ok(x.rawPayload.equals(v.rawPayload), `step ${e.step}: the grid`);
      for (const h of ['content-type', 'x-grid', 'x-voxel-nm', 'x-host-layers', 'x-host-foil', 'x-step']) assert.equal(x.headers[h], v.headers[h], h);
    }
    // over a view limit of 500 voxels: a 413 naming the file and the viewers that read it
    const bigXyz = await get(`/api/runs/${xyzOnly.id}/snapshots/0`, laterApp);
    assert.equal(bigXyz.statusCode, 413, bigXyz.body);
    assert.match(bigXyz.json().error, /holds 512 voxels \(8 x 8 x 8\), over the 3D view's limit of 500 .* open snapshots\/step-000-plate-cycle-0\.extxyz from its output folder runs\/\S+ in the workbench's runs folder in OVITO or ASE$/);
    const noneWritten = (await get(`/api/runs/${noFiles.id}/snapshots`)).json() as { snapshots: Entry[]; hint: string };
    assert.deepEqual(noneWritten.snapshots, []);
    assert.match(noneWritten.hint, /^none: this run was started with output: \{ structures: \[\] \}, which writes no structure file; .* with vti or extxyz in output\.structures \(both by default\)$/);
    // the page's line for such a step names the file and the viewers
    const { snapshotPickText } = await import('../src/server/page-readings.js');
    const overXyz = ((await get(`/api/runs/${xyzOnly.id}/snapshots`, laterApp)).json() as { snapshots: Entry[] }).snapshots[0]!;
    assert.match(snapshotPickText(overXyz, { steps: 6, latest: 'none' }), /^step 1\/6: Plate 0\.0006 mAh\/cm2 at 1 mA\/cm2, .*: over the 3D view's voxel limit; open snapshots\/step-000-plate-cycle-0\.extxyz in OVITO or ASE$/);
    // snapshots off: none, and the key that turns them on
    const none = await get(`/api/runs/${off.id}/snapshots`);
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json().snapshots, []);
    assert.match(none.json().hint, /^none: this run was started with output: \{ snapshots: false \}; .*output: \{ snapshots: true \}/);
    // a folder gone: a 404 naming it (the workbench's own by its name under the runs folder, the CLI's by its path)
    rmSync(join(outRoot, own.id), { recursive: true });
    rmSync(cliOut, { recursive: true });
    for (const [id, said] of [[own.id, `runs/${own.id} in the workbench's runs folder`], [viaCli.id, cliOut]]) {
      for (const url of [`/api/runs/${id}/snapshots`, `/api/runs/${id}/snapshots/0`]) {
        const r = await get(url, laterApp);
        assert.equal(r.statusCode, 404, `${url}: ${r.body}`);
        assert.ok(r.json().error.includes(`its output folder ${said} is gone (moved or deleted), and with it its snapshots/ folder`), r.json().error);
      }
    }
    const unknown = await get('/api/runs/run-20990101-000000000-00000000/snapshots');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().error, /^run: got "run-20990101-000000000-00000000", expected the id of a stored run/);
  } finally {
    await service.close(); await app.close();
    await later.close(); await laterApp.close();
  }
});

test('GET /api/elements reads symbols= as the CLI does: "Fe,Co", "Fe, Co" and "Fe Co"; an unknown one is named alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends41-'));
  const service = new RunService({ storePath: join(dir, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const symbols of ['Fe,Co', 'Fe, Co', 'Fe Co', ' Fe  Co ']) {
      const r = await app.inject({ method: 'GET', url: `/api/elements?symbols=${encodeURIComponent(symbols)}` });
      assert.equal(r.statusCode, 200, `${symbols}: ${r.body}`);
      assert.deepEqual((r.json() as { elements: { symbol: string }[] }).elements.map((e) => e.symbol).sort(), ['Co', 'Fe'], symbols);
    }
    const bad = await app.inject({ method: 'GET', url: `/api/elements?symbols=${encodeURIComponent('Fe Cx')}` });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: string }).error, /^symbols: got "Cx", expected an element symbol/);
  } finally {
    await app.close(); await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workbench without a store: GET /api/runs?where= or ?sort= is refused with the value as written, not the parsed conditions', async () => {
  const service = new RunService({ store: null, writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const [q, message] of [
      [`where=${encodeURIComponent('average_ce>0.95; host=graphene')}`, /^where: got "average_ce>0\.95; host=graphene", expected no filter or order: this workbench runs without a store/],
      ['sort=-average_ce', /^sort: got "-average_ce", expected no filter or order/],
    ] as const) {
      const r = await app.inject({ method: 'GET', url: `/api/runs?${q}` });
      assert.equal(r.statusCode, 400, r.body);
      // it said: where: got [{"column":"average_ce","op":">","value":0.95},...]
      assert.match((r.json() as { error: string }).error, message);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/runs' })).statusCode, 200);
  } finally { await app.close(); await service.close(); }
});

test('the Cycler page words the protocol check for its protocol box; the API keeps its query parameter', () => {
  for (const [cli, page] of [
    ['no metal plated on the working electrode: ...; --protocol fullcell fits it: an electrode cycled against the metal', '; fullcell in the protocol box fits it: an electrode'],
    ["not a symmetric cell's voltages: ...; --protocol licu (or aurbach) fits it: its working electrode goes below 0 V", '; licu (or aurbach) in the protocol box fits it: its'],
  ] as const) {
    const api = cyclerMessageForApi(cli);
    assert.match(api, /; protocol=\w+/);
    const shown = cyclerTextForPage(api);
    assert.ok(shown.includes(page), shown);
    assert.doesNotMatch(shown, /protocol=|--protocol/);
  }
});

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
test('workbench: the Sweeps table leaves out metric.seed where it repeats the seed axis and clips long errors; index.html carries its icon (no /favicon.ico 404)', async () => {
  const { resultTable } = await import('../src/sweep/results.js');
  const { shownColumns, clipText, ERROR_CELL_CHARS } = await import('../src/sweep/view.js');
  const long = 'task 1: InputError: ' + 'a worker message that goes on '.repeat(10);
  const rows = [1, 2].map((seed, i) => ({
    index: i, hash: `h${i}`, label: { 'sacs[0].loading': '2 %', seed }, status: i === 0 ? 'done' as const : 'error' as const,
    ...(i === 0 ? { metrics: { seed, nucleation_overpotential_mV: 41.5 } } : { error: { type: 'InputError', message: long } }),
  }));
  const t = resultTable(rows);
  assert.ok(t.columns.includes('metric.seed'), 'the results table (CSV, API) keeps it');
  const shown = shownColumns(t.columns, t.rows, new Set(['hash'])).map((i) => t.columns[i]);
  assert.deepEqual(shown, t.columns.filter((c) => c !== 'hash' && c !== 'metric.seed'));
  // a metric that differs from the column of its name stays
  const differs = resultTable([{ ...rows[0]!, metrics: { seed: 7 } }]);
  assert.ok(shownColumns(differs.columns, differs.rows).map((i) => differs.columns[i]).includes('metric.seed'));
  const clipped = clipText(long);
  assert.equal(clipped.length, ERROR_CELL_CHARS);
  assert.ok(clipped.endsWith('…') && long.startsWith(clipped.slice(0, -1)));
  assert.equal(clipText('short'), 'short');
  // the built page (npm run build:web) names its icon, so no browser asks for /favicon.ico
  const html = readFileSync(resolve('dist/web/index.html'), 'utf8');
  assert.match(html, /<link rel="icon" href="data:image\/svg\+xml,/);
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before its fix.
test('a SAC element that is no element is named as the query field on the API (sac_element) and as the flag on the CLI (--sac-element)', async () => {
  // already so on main (loose7's asQuery renames --flags for the API); kept from coming back
  const { evidenceQuery } = await import('../src/server/evidence.js');
  assert.throws(() => evidenceQuery({ sac_element: 'Xx' }), (e: Error) => /^sac_element: got "Xx", expected an element symbol/.test(e.message));
  // the CLI's --sac-element line: test/literature-elements-cli.test.ts
});

// ---- moved from test/server-query-names.test.ts (branch testtime13): the workbench's query parameters as the CLI's flags
// take them, named as the server takes them (protocol on /api/cycler in any case; a bad weights on /api/elements named
// weights, never the CLI's --weights), through fastify's app.inject on a real cycler export; about 0.4 s of CPU

test('/api/cycler takes protocol in any case; /api/elements names a bad weights query as weights', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-query-names-'));
  const service = new RunService({ storePath: join(dir, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const file = readFileSync(join(ROOT, '..', 'shared', 'data', 'cycler', 'FastCharge_000025_CH8.csv'));
    const post = (protocol: string) => app.inject({ method: 'POST', url: `/api/cycler?name=FastCharge_000025_CH8.csv&protocol=${protocol}`, headers: { 'content-type': 'application/octet-stream' }, payload: file });
    const upper = await post('Fullcell');
    assert.equal(upper.statusCode, 200, upper.body);
    assert.equal(upper.json().report.protocol, 'fullcell');
    const none = await post('full');
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error, 'protocol: got "full", expected symmetric, licu, aurbach, fullcell');
    // mass, as the CLI's --mass (review48: the API had no way to ask for mAh/g): neware_uio.csv's cycle 1, 4.24935 mAh
    // of charge over 2.08 mg, 2042.96 mAh/g (docs/cycler.md)
    const neware = readFileSync(join(ROOT, '..', 'shared', 'data', 'cycler', 'neware_uio.csv'));
    const withMass = (query: string) => app.inject({ method: 'POST', url: `/api/cycler?name=neware_uio.csv&${query}`, headers: { 'content-type': 'application/octet-stream' }, payload: neware });
    const m = await withMass('protocol=fullcell&mass=2.08%20mg');
    assert.equal(m.statusCode, 200, m.body);
    const c1 = (m.json().report.fullcell.cycles as { charge_mAh: number; charge_mAh_per_g: number }[])[0]!;
    assert.ok(Math.abs(c1.charge_mAh_per_g - c1.charge_mAh / 2.08e-3) < 1e-9 && Math.abs(c1.charge_mAh_per_g - 2042.96) < 0.01, String(c1.charge_mAh_per_g));
    for (const [query, error] of [['protocol=fullcell&mass=2.08', 'mass: got "2.08", expected a mass with its unit'], ['protocol=fullcell&mass=0%20mg', 'mass: got "0 mg", expected the active material\'s mass, above 0'], ['protocol=symmetric&mass=2%20mg', 'mass: got "2 mg", expected left out with protocol symmetric']] as const) {
      const r = await withMass(query);
      assert.equal(r.statusCode, 400, r.body);
      assert.ok((r.json() as { error: string }).error.startsWith(error), r.body);
    }

    for (const [weights, field, value] of [['price=-1', 'weights.price', '-1'], ['bogus=1', 'weights', 'bogus=1']] as const) {
      const r = await app.inject({ method: 'GET', url: `/api/elements?weights=${encodeURIComponent(weights)}` });
      assert.equal(r.statusCode, 400, r.body);
      const error = (r.json() as { error: string }).error;
      assert.ok(error.startsWith(`${field}: got "${value}", expected `), error);
      assert.doesNotMatch(error, /--/);
    }
  } finally {
    await app.close(); await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- moved from test/server-webfeat.test.ts (branch testtime13), its header:
/**
 * Session 30, task webfeat: the workbench routes behind the Run page's example picker, the Evidence
 * page's export and the Sweeps page's CSV download, over HTTP (fastify's app.inject). The examples
 * are the package's own single runs (found from the package, not the working directory; a comparison
 * file is refused naming `sacplate compare`); the Evidence export is `sacplate lit export`'s text for
 * the same records (the CLI in-process, on the same store); a sweep's CSV is `sacplate results
 * NAME --format csv`'s. Each known value is read from the data files or the store, not typed here.
 */
const webfeatDir = mkdtempSync(join(tmpdir(), 'sacplate-webfeat-'));
const webfeatDb = join(webfeatDir, 'store.db');
const webfeatService = new RunService({ storePath: webfeatDb, concurrency: 1, writeFiles: false });
const webfeatApp = await buildApp({ service: webfeatService });
after(async () => { await webfeatApp.close(); await webfeatService.close(); });

const webfeatGet = (url: string) => webfeatApp.inject({ method: 'GET', url });

test('GET /api/examples: the package\'s single runs with their leading comment, whatever the working directory; one by name is its file\'s text; a bad name is a 404 in words', async () => {
  // another folder with an examples/ of its own: the listing is the package's, not the working directory's
  const elsewhere = join(webfeatDir, 'cwd');
  mkdirSync(join(elsewhere, 'examples'), { recursive: true });
  writeFileSync(join(elsewhere, 'examples', 'decoy.yaml'), 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]\n');
  const saved = process.cwd();
  process.chdir(elsewhere);
  let list;
  try { list = await webfeatGet('/api/examples'); } finally { process.chdir(saved); }
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

  const one = await webfeatGet('/api/examples/li-zn-sac');
  assert.equal(one.statusCode, 200, one.body);
  assert.equal(one.json().text, text);
  assert.deepEqual(one.json().input, parseYaml(text));
  // the run it holds is one the server takes (what the page fills its form with)
  const v = await webfeatApp.inject({ method: 'POST', url: '/api/validate', payload: one.json().input });
  assert.equal(v.statusCode, 200, v.body);

  // the routes are in the OpenAPI document
  const doc = (await webfeatGet('/api/openapi.json')).json() as { paths: Record<string, { get?: unknown }> };
  for (const p of ['/api/examples', '/api/examples/{name}', '/api/evidence/export', '/api/sweeps/{name}/results']) assert.ok(doc.paths[p]?.get, `${p} missing from openapi.json`);

  for (const [name, line] of [
    ['nope', /^example: got "nope", expected the name of an example run of the package \(.*li-zn-sac.*\)$/],
    ['..%2Fpackage.json', /^example: got "\.\.\/package\.json", expected the name of an example run of the package/],
    ['main-job', /^example: got "main-job", expected a single run; examples\/main-job\.yaml is a comparison \(variants:\): sacplate compare runs it/],
  ] as const) {
    const r = await webfeatGet(`/api/examples/${name}`);
    assert.equal(r.statusCode, 404, `${name}: ${r.body}`);
    assert.match((r.json() as { error: string }).error, line);
  }
});

test('the examples listing follows its folder: a file changed, added, made a comparison or removed after a listing is listed as it now is', async () => {
  // the listing keeps each file's reading while the file is unchanged (branch testtime14): a change must still show
  const { listExamples, exampleByName } = await import('../src/server/examples.js');
  const dir = join(webfeatDir, 'examples-follow');
  mkdirSync(dir);
  const runText = (nz: number) => `# a small run\nmetal: Li\nlattice: { size: [8, 8, ${nz}], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]\n`;
  const listed = () => listExamples(dir).map((x) => `${x.name} ${x.voxels}`);
  writeFileSync(join(dir, 'small.yaml'), runText(8));
  assert.deepEqual(listed(), ['small 512']);
  writeFileSync(join(dir, 'small.yaml'), runText(16));
  assert.deepEqual(listed(), ['small 1024']);
  writeFileSync(join(dir, 'other.yaml'), runText(10));
  assert.deepEqual(listed(), ['other 640', 'small 1024']);
  // the answer by name is the file's, and a caller changing it changes no later answer
  const one = exampleByName('other', dir).example!;
  assert.equal(one.text, runText(10));
  (one.input as { lattice: { size: number[] } }).lattice.size[2] = 99;
  assert.deepEqual((exampleByName('other', dir).example!.input as { lattice: { size: number[] } }).lattice.size, [8, 8, 10]);
  writeFileSync(join(dir, 'other.yaml'), 'variants: []\n');
  assert.deepEqual(listed(), ['small 1024']);
  assert.match(exampleByName('other', dir).missing ?? '', /^example: got "other", expected a single run; examples\/other\.yaml is a comparison/);
  rmSync(join(dir, 'small.yaml'));
  assert.deepEqual(listed(), []);
  assert.match(exampleByName('small', dir).missing ?? '', /^example: got "small", expected the name of an example run of the package \(\)$/);
});

test('GET /api/evidence/export: the page\'s records as `sacplate lit export` writes them (csv: its header row, a figure from the data file; bibtex); a bad format is named', async () => {
  const csv = await webfeatGet('/api/evidence/export?metal=K');
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
  const own = join(webfeatDir, 'own.csv');
  writeFileSync(own, mine.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n');
  const imp = await cli(['lit', 'import', own, '--db', webfeatDb]);
  assert.equal(imp.code, 0, imp.stderr);
  // the CLI's text for the same records (lit export --metal, on the same store), in both formats
  for (const [metal, format] of [['Na', 'csv'], ['Na', 'bibtex'], ['K', 'csv'], ['K', 'bibtex']] as const) {
    const http = await webfeatGet(`/api/evidence/export?metal=${metal}&format=${format}`);
    assert.equal(http.statusCode, 200, http.body);
    const ex = await cli(['lit', 'export', '--format', format, '--metal', metal, '--db', webfeatDb]);
    assert.equal(ex.code, 0, ex.stderr);
    // csv: the same lines; records the sort ties (one metal) come in the page's order (GET /api/evidence: the review's, then
    // the imported ones), where lit export lists the store's imported ones first
    if (format === 'csv') assert.deepEqual(http.body.split('\n').sort(), ex.stdout.split('\n').sort(), `${metal} ${format}`);
    else assert.equal(http.body, ex.stdout, `${metal} ${format}`);
    if (metal === 'K') assert.match(http.body, format === 'csv' ? /^webfeat-own,Own SA-Co,/m : /^@misc\{user_webfeat-own,\n  doi = \{10\.1234\/webfeat\}/m, format);
  }
  const bib = await webfeatGet('/api/evidence/export?metal=Na&format=bibtex');
  assert.match(String(bib.headers['content-type']), /^application\/x-bibtex/);
  assert.equal(bib.body.split('\n')[0], '@article{Li2024GreenChem,');
  // the page's filter and sort: the records in the order GET /api/evidence gives them
  const q = 'metal=Li&sort=nucleation_overpotential&desc=1';
  const shown = ((await webfeatGet(`/api/evidence?${q}`)).json() as { records: { id: string }[] }).records.map((r) => r.id);
  const sorted = parseCsv((await webfeatGet(`/api/evidence/export?${q}`)).body).slice(1).map((r) => r[0]);
  assert.deepEqual([...new Set(sorted)], shown);
  assert.ok(shown.length > 1);

  const bad = await webfeatGet('/api/evidence/export?format=xml');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error, 'format: got "xml", expected csv or bibtex');
  const typo = await webfeatGet('/api/evidence/export?metl=Na');
  assert.equal(typo.statusCode, 400);
  assert.match(typo.json().error, /^metl: got "Na", expected no such query parameter/);
});

test('GET /api/sweeps/:name/results: `sacplate results NAME --format csv` as an attachment (header row, a metric from the store); an unknown sweep is a 404 in words', async () => {
  const { runSweepLocal } = await import('../src/sweep/run.js');
  const { parseSweep } = await import('../src/sweep/spec.js');
  const { SweepStore } = await import('../src/sweep/store.js');
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, kinetics: { terraceBarrier: '0.30 eV' } };
  await runSweepLocal(parseSweep({ name: 'webfeat-loading', base, axes: { 'sacs[0].loading': ['2 %', '4 %'] } }), { db: webfeatDb, threads: 1 });
  const r = await webfeatGet('/api/sweeps/webfeat-loading/results');
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /^text\/csv/);
  assert.equal(r.headers['content-disposition'], 'attachment; filename="webfeat-loading-results.csv"');
  const rows = parseCsv(r.body);
  assert.deepEqual(rows[0]!.slice(0, 5), ['task', 'hash', 'status', 'sacs[0].loading', 'sacs[0].loading_pct']);
  const col = (c: string) => rows[0]!.indexOf(c);
  const store = SweepStore.open(webfeatDb);
  let stored;
  try { stored = store.sweepRows('webfeat-loading'); } finally { store.close(); }
  assert.equal(rows.length, 1 + stored.length);
  assert.equal(Number(rows[2]![col('deposited_voxels')]), stored[1]!.metrics!.deposited_voxels);
  assert.deepEqual(rows.slice(1).map((x) => x[col('status')]), ['done', 'done']);
  const ex = await cli(['results', 'webfeat-loading', '--format', 'csv', '--db', webfeatDb]);
  assert.equal(ex.code, 0, ex.stderr);
  assert.equal(r.body, ex.stdout);

  const none = await webfeatGet('/api/sweeps/no-such-sweep/results');
  assert.equal(none.statusCode, 404);
  assert.match(none.json().error, /^sweep: got "no-such-sweep", expected a sweep run before with this store \(.*\); none named "no-such-sweep"$/);
});

// mends102 (ohmic2 left it): the Run page's metrics table listed a fixed set of transport keys, and a run with
// cell.migration: ohmic showed none of metrics.json's `transport.migration` readings (web/src/pages/run.ts builds its rows
// and their legend with migrationRows)
test('the Run page\'s rows of transport.migration: each reading of a cell.migration: ohmic run by its path, its value, unit and meaning; none with it off (mends102)', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const { migrationRows } = await import('../src/fields/report.js');
  const runOf = (migration: string) => simulate({ metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 12], voxel: '100 nm' }, seed: 1, output: { snapshots: false },
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', field_cell: '100 nm', migration }, protocol: ['Plate 0.001 mAh/cm2 at 10 mA/cm2'] }).metrics;
  const block = runOf('ohmic').transport!.migration!;
  assert.ok(block.solves >= 1 && block.cg_iterations > 0 && block.spread_mV > 0, JSON.stringify(block));
  const rows = migrationRows(block);
  // every reading metrics.json has, once, in its order, with its own value
  assert.deepEqual(rows.map((r) => [r.key, r.value]), Object.entries(block).map(([k, x]) => [`transport.migration.${k}`, x]));
  const unit = Object.fromEntries(rows.map((r) => [r.key.slice('transport.migration.'.length), r.unit]));
  for (const k of Object.keys(block)) assert.equal(unit[k], k.endsWith('_mV') ? 'mV' : 'count', k);
  assert.ok(rows.every((r) => r.meaning.length > 20), JSON.stringify(rows));
  assert.match(rows.find((r) => r.key.endsWith('.spread_mV'))!.meaning, /tip-to-valley/);
  // a reading added to the block later is shown by its name; a run with it off (no block) has none
  assert.deepEqual(migrationRows({ ...block, newer_reading: 3 }).at(-1), { key: 'transport.migration.newer_reading', value: 3, unit: '', meaning: '' });
  assert.equal(runOf('off').transport!.migration, undefined);
  assert.deepEqual([migrationRows(undefined), migrationRows(null)], [[], []]);
});

// mends112 (review85's misleading readings): the pages' decisions, in src/server/page-readings.ts (the web bundle imports
// it) and src/server/host-twins.ts (GET /api/compare's same_hosts), tested here without a browser
test('mends112 M4: a cancelled run\'s status line says how far it got: a one-step plate from metrics.json\'s plated charge (live or read from the store), a step of several from its last progress', async () => {
  const { stoppedAtText, PLATING_KEYS } = await import('../src/server/page-readings.js');
  const storePath = join(dir, 'm112-cancel.db');
  const input = { metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.003 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false } };
  const service = new RunService({ storePath, writeFiles: false, concurrency: 1, chunk: 100 });
  let id: string;
  let live: string;
  let plated: number;
  try {
    id = service.start(input, 'part', { eventLimit: 1000 }).id;
    const v = (await service.wait(id))!;
    assert.equal(v.status, 'cancelled');
    const m = v.metrics as { plating_plated_mAh_per_cm2: number; plating_capacity_mAh_per_cm2: number };
    plated = m.plating_plated_mAh_per_cm2;
    assert.ok(plated > 0 && plated < m.plating_capacity_mAh_per_cm2, JSON.stringify(m));
    live = stoppedAtText(v);
    // one plating step: where it stopped is metrics.json's plated charge (the last progress message can lag a check)
    const got = /^ at (\d+) % \(([\d.e-]+) of 0\.003 mAh\/cm2\)$/.exec(live);
    assert.ok(got, `the status line's tail: "${live}"`);
    assert.equal(Number(got[1]), Math.round((100 * plated) / 0.003));
    assert.ok(Math.abs(Number(got[2]) - plated) <= 0.005 * plated, `${got[2]} vs ${plated}`);
    // in a protocol of several steps, the step and its progress (the last progress message of this run, as step 1 of 2)
    const p = v.progress!;
    const two = stoppedAtText({ ...v, progress: { ...p, steps: 2, step: 0 } });
    const g2 = /^ in step 1\/2 \(Plate 0\.003 mAh\/cm2 at 1 mA\/cm2\) at (\d+) % \(([\d.e-]+) of ([\d.e-]+) mAh\/cm2\)$/.exec(two);
    assert.ok(g2, two);
    assert.equal(Number(g2[1]), Math.round((100 * p.stepDone) / p.stepTarget));
    assert.ok(Math.abs(Number(g2[2]) - p.stepDone) <= 0.005 * p.stepDone && Math.abs(Number(g2[3]) - p.stepTarget) <= 0.005 * p.stepTarget, two);
    // a finished run (or one still running) has no such tail
    assert.equal(stoppedAtText({ ...v, status: 'finished' }), '');
  } finally { await service.close(); }
  // the same run read from the store by another server (no progress there): the same, from metrics.json
  const again = new RunService({ storePath, writeFiles: false, concurrency: 1 });
  try {
    const v = again.status(id)!;
    assert.equal(v.progress, null);
    assert.equal(stoppedAtText(v), live);
    // without the step count (a run stored before steps_capacity_mAh_per_cm2): said to be of its first plating
    const { steps_capacity_mAh_per_cm2: _n, ...older } = v.metrics as Record<string, unknown>;
    assert.equal(stoppedAtText({ ...v, metrics: older }), ` in its first plating${live}`);
  } finally { await again.close(); }
  // and the Run page's metrics table shows the plated charge beside the target
  assert.deepEqual([...PLATING_KEYS], ['plating_capacity_mAh_per_cm2', 'plating_plated_mAh_per_cm2']);
});

test('mends112 M5: the Cycler page\'s Li||Cu table under a failed protocol check is titled not applicable with the check\'s reason (SINTEF Li||graphite read as licu)', async () => {
  const { licuTableHeading } = await import('../src/server/page-readings.js');
  // its first 4000 lines (the first discharge and charge; the whole file costs about 1 s of CPU)
  mkdirSync(dir, { recursive: true });
  const { report } = await analyzeFile(sharedCyclerHead(dir, 'SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv', 4000), { protocol: 'licu' });
  const check = report.checks.find((c) => c.name === 'protocol');
  assert.ok(check && check.status === 'warn' && /^no metal plated on the working electrode/.test(String(check.detail)), JSON.stringify(check));
  assert.ok(report.licu && report.licu.cycles.length > 0, 'analyze still gives the licu table');
  const head = licuTableHeading(report.licu.mean_ce, report.checks);
  assert.equal(head.applicable, false);
  assert.ok(head.text.endsWith(String(check.detail)) && !/mean/.test(head.text) && !/^CE per cycle/.test(head.text), head.text);
  // a file that fits the protocol (no protocol warning) keeps "CE per cycle (mean ...)"
  const fits = licuTableHeading(0.9871, report.checks.filter((c) => c.name !== 'protocol'));
  assert.deepEqual(fits, { applicable: true, text: 'CE per cycle (mean 0.9871)' });
});

test('mends112 M1: on the Pareto plot a no-dip nucleation reading sits past the axis\'s worst end (as the ranking counts it), or is left off where no real value is', async () => {
  const { paretoAxis, paretoNoDipText } = await import('../src/server/page-readings.js');
  // review85's screen: all three readings no dip (-87.8, -65.5, -56.1 mV)
  const all = paretoAxis([{ value: -87.8, no_dip: 1 }, { value: -65.5, no_dip: 1 }, { value: -56.1, no_dip: 1 }], 'min');
  assert.deepEqual(all, { at: [null, null, null], noDip: [true, true, true] });
  // one no-dip reading among real ones: beyond the largest (worst on "lower is better"), not at -87.8 (the best place)
  const some = paretoAxis([{ value: -87.8, no_dip: 1 }, { value: 12 }, { value: 30 }, undefined], 'min');
  assert.ok(some.at[0]! > 30, JSON.stringify(some));
  assert.deepEqual([some.at.slice(1), some.noDip], [[12, 30, null], [true, false, false, false]]);
  // on a "higher is better" axis the worst end is below the lowest
  assert.ok(paretoAxis([{ value: 5, no_dip: 2 }, { value: 1 }, { value: 3 }], 'max').at[0]! < 1);
  assert.match(paretoNoDipText({ placed: ['bare'], leftOff: [] }, 'nucleation_overpotential_mV'), /^hollow: bare, drawn at the worst end of nucleation_overpotential_mV, not at the reading: .*the worst/);
  assert.equal(paretoNoDipText({ placed: [], leftOff: [] }, 'x'), '');
});

test('mends112 M3, M2: GET /api/compare gives each row\'s early_reason beside its early chance, and says which hosts the model cannot tell apart (Cu and graphene)', async () => {
  const { earlyEmptyReason } = await import('../src/server/page-readings.js');
  const { sameHostNotes } = await import('../src/server/host-twins.js');
  const { builtinSets } = await import('../src/params/sets.js');
  const service = new RunService({ storePath: join(dir, 'm112-compare.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const reason = 'the first-layer coverage never reached 0.1 (at most 0.09028 at the end of the run)';
    const row = (host: string, early: Record<string, unknown>) => service.store!.recordRun({ name: `cmp-${host}`, input: { metal: 'Li', host, seed: 1 },
      metrics: { metal: 'Li', host, seed: 1, nucleation_overpotential_mV: 4.29, ...early } });
    const cu = row('Cu', { early_nucleus_density_per_um2: null, early_sac_nucleation_share: null, early_sac_nucleation_share_chance: null, early_reason: reason });
    const gr = row('graphene', { early_nucleus_density_per_um2: null, early_reason: reason });
    const ng = row('N-graphene', { early_nucleus_density_per_um2: 12.5, early_sac_nucleation_share: 0.6667, early_sac_nucleation_share_chance: 0.21, early_reason: null });
    const r = await app.inject({ method: 'GET', url: `/api/compare?ids=${[cu, gr, ng].join(',')}` });
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json() as { rows: Record<string, unknown>[]; same_hosts: string[] };
    const by = Object.fromEntries(d.rows.map((x) => [x.host, x]));
    assert.deepEqual([by.Cu!.early_reason, by.graphene!.early_reason, by['N-graphene']!.early_reason], [reason, reason, null]);
    assert.equal(by['N-graphene']!.early_sac_nucleation_share_chance, 0.21);
    assert.equal(earlyEmptyReason(by.Cu!.early_nucleus_density_per_um2, by.Cu!.early_reason), reason);
    assert.equal(earlyEmptyReason(by['N-graphene']!.early_nucleus_density_per_um2, by['N-graphene']!.early_reason), undefined);
    // Cu and graphene: the same built-in parameters for Li (the assumed wetting factor), N-graphene not
    const h = builtinSets().hosts;
    assert.deepEqual(h.Cu!.metals.Li!.binding.value, h.graphene!.metals.Li!.binding.value);
    assert.notEqual(h.Cu!.metals.Li!.binding.value, h['N-graphene']!.metals.Li!.binding.value);
    assert.equal(d.same_hosts.length, 1, JSON.stringify(d.same_hosts));
    assert.match(d.same_hosts[0]!, /^Cu and graphene \(Li\): the model cannot tell these hosts apart/);
    assert.doesNotMatch(d.same_hosts[0]!, /N-graphene/);
    // a run with its own parameters block is not a built-in host; one host alone makes no pair
    assert.deepEqual(sameHostNotes([{ metal: 'Li', host: 'Cu' }, { metal: 'Li', host: 'graphene', input: { parameters: { hosts: {} } } }]), []);
    assert.deepEqual(sameHostNotes([{ metal: 'Li', host: 'Cu' }, { metal: 'Li', host: 'Cu' }]), []);
  } finally { await app.close(); await service.close(); }
});

test('mends112 M9, M8: an Aurbach run\'s cycle rows are headed "CE or charge ratio" with their role; the height map\'s colours stay off the 3D legend\'s species colours', async () => {
  const { cycleCeHead, heightRgb } = await import('../src/server/page-readings.js');
  const { SPECIES: REGISTRY } = await import('../src/lattice/species.js');
  // the roles src/simulation/cycles.ts writes for an Aurbach run (cycles.csv's `role`), read from a real summary's words
  const roles = [{ cycle: 1, ce: 0.1997, role: 'reservoir Q_T plated + first Q_C stripped: ce = Q_C/Q_T, a charge ratio, not an efficiency' }, { cycle: 2, ce: 4.959, role: 'last Q_C plated + final strip to the cut-off: ce = Q_S/Q_C, a charge ratio, not an efficiency' }];
  assert.deepEqual(cycleCeHead(roles), { head: 'CE or charge ratio (see role)', roles: true });
  assert.deepEqual(cycleCeHead([{ cycle: 1, ce: 0.98 }]), { head: 'CE (0-1)', roles: false });
  // M8: the legend's five species (metal, dead metal, SEI, host, SAC: web/src/voxels.ts SPECIES) and the map's scale;
  // since branch voidview the sixth, VOID (sealed electrolyte, the registry's purple), which the legend shows while the box
  // holds it: the lavender-to-purple scale came within 36.2 of it, the scale now runs light orange to dark brown
  const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const legend = ['metal', 'dead', 'sei', 'host', 'sac', 'void'].map((role) => hex(REGISTRY.find((r) => r.role === role)!.colour));
  let nearest = Infinity;
  for (let i = 0; i <= 20; i++) {
    const c = heightRgb(i / 20);
    for (const s of legend) nearest = Math.min(nearest, Math.hypot(c[0] - s[0]!, c[1] - s[1]!, c[2] - s[2]!));
  }
  assert.ok(nearest > 45, `the height map comes within ${nearest.toFixed(1)} (RGB distance) of a species colour of the legend`);
  assert.notDeepEqual(heightRgb(0), heightRgb(1));
});

// mends112 (review85 F3): the Run form's SEI box, labelled JSON, refused the JSON string "carbonate" and the server's own
// suggested form {set: carbonate}; it now reads JSON and YAML's flow style, as a run file does
test('mends112 F3: the Run form\'s name-or-map boxes read "carbonate", {"set": "carbonate"} and {set: carbonate} alike, and the server takes each', async () => {
  const { mapBoxValue } = await import('../src/server/page-readings.js');
  const service = new RunService({ storePath: join(dir, 'm112-form.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
    for (const typed of ['carbonate', '"carbonate"', '{"set": "carbonate"}', '{set: carbonate}', ' { set: carbonate } ']) {
      const sei = mapBoxValue(typed, parseYaml);
      const r = await app.inject({ method: 'POST', url: '/api/validate', payload: { ...base, sei } });
      assert.equal(r.statusCode, 200, `${typed} -> ${JSON.stringify(sei)}: ${r.body}`);
    }
    assert.equal(mapBoxValue('  ', parseYaml), undefined);
    // a map the reader refuses goes as typed, so the server's line names it
    assert.equal(mapBoxValue('{set: [unclosed', parseYaml), '{set: [unclosed');
  } finally { await app.close(); await service.close(); }
});

// mends113 (review85 M7): the Nucleation page followed a job live and drew every answer of the GET a `case` event asks; one
// answered with the running job and resolving after the `finished` status event left the page at "running" (Cancel shown)
test('mends113 M7: a late GET answer behind the shown status (or of another job) is not drawn over the Nucleation page\'s job view', async () => {
  const { jobAnswerIsCurrent } = await import('../src/server/page-readings.js');
  const job = (id: string, status: string) => ({ id, status });
  // review85's order of arrival: the POST's view, a `case` event's GET answered while running, the `finished` status
  // event, then that GET's answer: what the page draws last is what stays (the stream is closed after `finished`)
  const arrivals = [job('nuc-a', 'running'), job('nuc-a', 'finished'), job('nuc-a', 'running')];
  let drawn: { id: string; status: string } | undefined;
  for (const v of arrivals) if (jobAnswerIsCurrent(drawn, v)) drawn = v;
  assert.equal(drawn?.status, 'finished', 'the late "running" answer is drawn over the finished job');
  // the rule drops only what is behind: forward and equal statuses are drawn (a case's results while running, the results
  // of a finished job asked again), and so is any first view
  assert.equal(jobAnswerIsCurrent(job('nuc-a', 'queued'), job('nuc-a', 'running')), true);
  assert.equal(jobAnswerIsCurrent(job('nuc-a', 'running'), job('nuc-a', 'running')), true);
  assert.equal(jobAnswerIsCurrent(job('nuc-a', 'running'), job('nuc-a', 'cancelled')), true);
  assert.equal(jobAnswerIsCurrent(job('nuc-a', 'finished'), job('nuc-a', 'finished')), true);
  assert.equal(jobAnswerIsCurrent(job('nuc-a', 'running'), job('nuc-a', 'queued')), false);
  assert.equal(jobAnswerIsCurrent(undefined, job('nuc-a', 'running')), true);
  // a job opened from the list meanwhile: the followed job's late answer is not drawn over it
  assert.equal(jobAnswerIsCurrent(job('nuc-b', 'finished'), job('nuc-a', 'running')), false);
});

// mends113 (review85 M6): the Evidence page sorted raw lifetimes measured at 0.5 to 10 mA/cm2; beside the raw column it now
// has `lit normalise`'s estimate at the standard protocol (3 mAh/cm2 at 3 mA/cm2), sortable
test('mends113 M6: GET /api/evidence gives each record\'s lifetime at the standard protocol as `lit normalise` estimates it, and sorts by it', async () => {
  const service = new RunService({ storePath: join(dir, 'm113-lit.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const d = (await app.inject({ method: 'GET', url: '/api/evidence' })).json() as { records: { id: string; name: string; figures: Record<string, number | null>; standard_estimate?: { value_h: number; lower_bound: boolean; method: string } | null }[] };
    const norm = await cli(['lit', 'normalise', '--format', 'json', '--db', join(dir, 'm113-lit-cli.db')]);
    assert.equal(norm.code, 0, norm.stderr);
    const rows = JSON.parse(norm.stdout) as { record: string; lifetime_h: number; lower_bound: boolean; estimate?: { standard_lifetime_h: number; label: string } }[];
    let compared = 0;
    for (const r of d.records) {
      if (r.figures.symmetric_lifetime === null) { assert.equal(r.standard_estimate, null, r.name); continue; }
      // the page's lifetime column is the record's first symmetric lifetime: lit normalise's first row of the record
      const n = rows.find((x) => x.record === r.id);
      assert.ok(n, `${r.name}: no lit normalise row`);
      assert.equal(n.lifetime_h, r.figures.symmetric_lifetime, `${r.name}: the raw lifetime`);
      assert.deepEqual(r.standard_estimate, n.estimate ? { value_h: n.estimate.standard_lifetime_h, lower_bound: n.lower_bound, method: n.estimate.label } : null, r.name);
      if (n.estimate) compared++;
    }
    assert.ok(compared >= 3, `only ${compared} estimates compared`);
    // sorted by it, highest first: the estimates fall, records without one last
    const s = (await app.inject({ method: 'GET', url: '/api/evidence?sort=symmetric_lifetime_at_standard&desc=1' })).json() as typeof d;
    assert.equal(s.records.length, d.records.length);
    const got = s.records.map((r) => r.standard_estimate?.value_h ?? null);
    const vals = got.filter((x): x is number => x !== null);
    assert.deepEqual(got, [...vals.sort((a, b) => b - a), ...got.filter((x) => x === null)], JSON.stringify(got));
  } finally { await app.close(); await service.close(); }
});

// mends113 (review85 F7): the Run page's metrics table had the end-of-run counts only (coalesced islands in a short
// plating); metrics.json's early_* keys are now rows of it, or say why they are empty
test('mends113 F7: the Run page\'s early_* rows are metrics.json\'s, or carry its early_reason (a small SAC run past 0.1 coverage, one short of it)', async () => {
  const { earlyRunRows, EARLY_KEYS } = await import('../src/server/page-readings.js');
  const service = new RunService({ writeFiles: false });
  try {
    const input = (charge: string) => ({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.30 eV' },
      sacs: [{ site: 'Zn-N4', loading: '10 %' }], protocol: [`Plate ${charge} mAh/cm2 at 1 mA/cm2`], seed: 2, output: { snapshots: false } });
    const past = service.start(input('0.00025'), 'early-read'), short = service.start(input('0.0002'), 'early-short');
    await service.wait(past.id);
    await service.wait(short.id);
    const m = service.status(past.id)!.metrics as Record<string, unknown>;
    assert.ok(typeof m.early_sac_nucleation_share === 'number', `the run reads its early counts: ${String(m.early_reason)}`);
    const read = earlyRunRows(m);
    assert.deepEqual(read.rows, EARLY_KEYS.map((k) => ({ key: k, value: m[k] })));
    assert.match(read.note, new RegExp(`first reached ${m.early_coverage_target} `));
    const s = service.status(short.id)!.metrics as Record<string, unknown>;
    assert.ok(typeof s.early_reason === 'string', 'the short run reads none');
    const none = earlyRunRows(s);
    assert.deepEqual(none.rows, EARLY_KEYS.map((k) => ({ key: k, value: null })));
    assert.equal(none.note, `early_*: – : ${s.early_reason}`);
    // a run recorded before the keys: no rows, no line
    assert.deepEqual(earlyRunRows({ nucleus_density_per_um2: 1 }), { rows: [], note: '' });
  } finally { await service.close(); }
});

// mends114 (review85 F1): the Run page keeps the open run in the address, #/run/<id>, and reads it back at load
test('mends114 F1: the Run page\'s address of a run (#/run/<id>) reads back as the id; other routes read as none', async () => {
  const { runHash, runIdFromHash } = await import('../src/server/page-readings.js');
  // ids as the service makes them (name and time) and with characters an address escapes
  for (const id of ['run-20261206-064812123-3f9a1b2c', 'cmp-SAC-2', 'a b', 'x#y?z', 'é/1']) {
    assert.equal(runIdFromHash(runHash(id)), id, id);
    assert.match(runHash(id), /^#\/run\/[^#?/ ]+$/, id);
  }
  for (const h of ['', '#', '#/run', '#/run/', '#/compare', '#/compare/x', '#/runs/x', '#/run/%E0%A4%A']) assert.equal(runIdFromHash(h), undefined, h);
});

// mends114 (review85 F4): a refusal's field, from the server's own messages, is the form's field (the longest data-field
// path that holds it), so the page can mark it, open its section and focus it
test('mends114 F4: each refusal of POST /api/validate names a field of the Run form (the field the page marks)', async () => {
  const { errorFieldPath } = await import('../src/server/page-readings.js');
  const service = new RunService({ storePath: join(dir, 'm114-f4.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 1 };
    // the form's data-field paths (web/src/form.ts: objects and their keys, a list of objects' rows by index, a list of
    // steps one box, a tuple one row of boxes)
    const paths = ['metal', 'temperature', 'lattice', 'lattice.size', 'lattice.voxel', 'host', 'sacs', 'sacs[0].site', 'sacs[0].loading', 'sacs[0].arrangement', 'protocol', 'seed', 'sei', 'kinetics', 'kinetics.terraceBarrier'];
    const cases: [Record<string, unknown>, string][] = [
      [{ lattice: { size: [8, 8, 8], voxel: 10 } }, 'lattice.voxel'],
      [{ lattice: { size: [8, 8, 'x'], voxel: '10 nm' } }, 'lattice.size'],
      [{ sacs: [{ site: 'Zn-N4', loading: 2 }] }, 'sacs[0].loading'],
      [{ sacs: [{ site: 'Qq-N4', loading: '2 %' }] }, 'sacs[0].site'],
      [{ protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip until 5 furlongs'] }, 'protocol'],
      [{ sei: 'no-such-sei' }, 'sei'],
      [{ temperature: '25' }, 'temperature'],
      [{ kinetics: { terraceBarrier: 'fast' } }, 'kinetics.terraceBarrier'],
    ];
    for (const [change, field] of cases) {
      const r = await app.inject({ method: 'POST', url: '/api/validate', payload: { ...base, ...change } });
      assert.equal(r.statusCode, 400, JSON.stringify(change));
      const message = (r.json() as { error: string }).error;
      assert.equal(errorFieldPath(message, paths), field, message);
    }
    // a message naming no field of the form
    assert.equal(errorFieldPath('input: got "x", expected a map', paths), undefined);
    assert.equal(errorFieldPath('no answer from the workbench server', paths), undefined);
  } finally { await app.close(); await service.close(); }
});

// mends114 (review85 F8): a sweep task's `sacs` (its input, as the results table holds it) read as the run pages name SACs:
// each task's text is its own metric.sacs (metrics.json's), where the table printed JSON
test('mends114 F8: a sweep task\'s sacs cell reads as its metric.sacs (one SAC, two with an arrangement, a bare fraction)', async () => {
  const { sacsGivenText } = await import('../src/server/page-readings.js');
  const { runSweep } = await import('../src/index.js');
  const { SweepStore } = await import('../src/sweep/store.js');
  const { resultTable } = await import('../src/sweep/results.js');
  const db = join(dir, 'm114-f8.db');
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 3 };
  await runSweep({ name: 'm114-sacs', base, axes: { sacs: [[{ site: 'Zn-N4', loading: '2 %' }], [{ site: 'Fe-N4', loading: 0.015, arrangement: 'clustered' }, { site: 'Zn-N4', loading: '1.5 %' }]] } }, { db });
  const store = SweepStore.open(db);
  try {
    const t = resultTable(store.sweepRows('m114-sacs'));
    const given = t.columns.indexOf('sacs'), metric = t.columns.indexOf('metric.sacs');
    assert.ok(given >= 0 && metric >= 0, t.columns.join(','));
    assert.equal(t.rows.length, 2);
    for (const r of t.rows) {
      assert.match(String(r[given]), /^\{/, 'the table holds the input as JSON');
      assert.deepEqual(sacsGivenText(r[given])?.split(', '), String(r[metric]).split(';'), String(r[given]));
    }
  } finally { store.close(); }
  assert.equal(sacsGivenText(''), undefined);
  assert.equal(sacsGivenText('[]'), 'none (bare host)');
  assert.equal(sacsGivenText('an error'), undefined);
});

// mends114 (review85 F6): the Cycler page's overlay picker tells runs of one name apart by their seed, and its legend names
// the run (it named an id fragment)
test('mends114 F6: the Cycler overlay picker\'s text of GET /api/runs rows: name, seed, system; seeds of one name differ', async () => {
  const { overlayRunText } = await import('../src/server/page-readings.js');
  const service = new RunService({ storePath: join(dir, 'm114-f6.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const input = (seed: number) => ({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }], protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed, output: { snapshots: false } });
    const a = service.start(input(1), 'cmp-SAC'), b = service.start(input(2), 'cmp-SAC');
    await service.wait(a.id);
    await service.wait(b.id);
    const { runs } = (await app.inject({ method: 'GET', url: '/api/runs?limit=50' })).json() as { runs: { id: string; name: string; seed: number; sacs: string[] }[] };
    const texts = [a.id, b.id].map((id) => overlayRunText(runs.find((r) => r.id === id)!));
    assert.notEqual(texts[0]!.option, texts[1]!.option);
    for (const [i, t] of texts.entries()) {
      const r = runs.find((x) => x.id === [a.id, b.id][i])!;
      assert.ok(t.option.startsWith(`cmp-SAC, seed ${r.seed} (Li/graphene + ${r.sacs[0]}`), t.option);
      assert.equal(t.legend, `simulation cmp-SAC, seed ${r.seed} (cell voltage)`);
      assert.ok(!t.option.includes(r.id.slice(-8)) && !t.legend.includes(r.id.slice(-8)), 'no id fragment');
    }
  } finally { await app.close(); await service.close(); }
});

// mends115 (review85 F10): Cancel of li-transport with an SEI read `cancelled` 4-13 s later. The run looks at the wall
// clock (a progress report when due, and with it the cancel) every 64 events; it looked at an event count divisible by
// 64, which the executed events of a salt-starved plate stepped over (99.7 % of its events are rejected by the
// electrolyte's and the SEI's thinning, and call no afterEvent), so it looked every 6-9 s. The look now comes 64 events
// after the last, executed or rejected: with a report due at every look (progressEvery_s 0), about one report per 64
// events, and an abort is seen within 64 events of it
test('mends115 F10: a run whose thinning rejects most events looks at the clock every 64 events; an abort is seen within them', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { Simulation } = await import('../src/simulation/simulation.js');
  // examples/li-transport.yaml in a box of 6 x 6 x 24, with the SEI review85 added
  const run = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [6, 6, 24], voxel: '100 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '50 um' }, sei: 'ether', protocol: ['Plate 0.2 mAh/cm2 at 150 mA/cm2'], seed: 3, output: { snapshots: false } });
  const sim = new Simulation(run);
  const ac = new AbortController();
  let reports = 0, abortedAt = -1;
  sim.runAll({ chunk: 1e9, progressEvery_s: 0, eventLimit: 20000, signal: ac.signal, onProgress: (p) => {
    reports++;
    if (abortedAt < 0 && p.events >= 2500) { abortedAt = p.events; ac.abort(); }
  } });
  assert.ok(abortedAt >= 2500, `no report after 2500 events (${reports} reports, ${sim.events} events)`);
  assert.ok(reports >= Math.floor(2500 / 64), `${reports} reports before ${abortedAt} events: fewer than one per 64 events`);
  assert.equal(sim.stepResults.at(-1)?.ended, 'cancelled');
  assert.ok(sim.events - abortedAt <= 64, `stopped ${sim.events - abortedAt} events after the abort`);
});

// mends115 (review85 F9): the y axis' ticks run past both ends of a trace, so a cell voltage below 0 has a labelled tick
// below 0 (the plot of a plate + strip run labelled none down to -130 mV)
test('mends115 F9: axisTicks covers a real plate + strip run\'s cell voltage with nice ticks, one below its lowest value', async () => {
  const { axisTicks } = await import('../src/server/page-readings.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  const { Simulation } = await import('../src/simulation/simulation.js');
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'], seed: 3, output: { snapshots: false } }));
  sim.runAll({});
  const v = (sim.trace.cell_voltage_mV as (number | null)[]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  let lo = Infinity, hi = -Infinity;
  for (const x of v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  assert.ok(lo < 0, `the run's cell voltage spans ${lo} to ${hi} mV`);
  for (const [a, b] of [[lo, hi], [-130, 470], [-0.00031, 0.0002], [5, 5], [null, null]] as [number | null, number | null][]) {
    const t = axisTicks(a, b);
    const step = t.ticks[1]! - t.ticks[0]!;
    assert.ok(t.ticks.length >= 3 && t.ticks.length <= 12, JSON.stringify(t));
    assert.equal(t.min, t.ticks[0]);
    assert.equal(t.max, t.ticks.at(-1));
    if (a !== null && b !== null) assert.ok(t.min <= a && t.max >= b, `${a}..${b}: ${t.ticks.join(',')}`);
    if (a !== null && a < 0) assert.ok(t.ticks.some((x) => x < 0 && x <= a), `no tick at or below ${a}: ${t.ticks.join(',')}`);
    const mant = step / 10 ** Math.floor(Math.log10(step));
    assert.ok([1, 2, 5, 10].some((m) => Math.abs(mant - m) < 1e-6), `step ${step}`);
    for (let k = 1; k < t.ticks.length; k++) assert.ok(Math.abs(t.ticks[k]! - t.ticks[k - 1]! - step) < step * 1e-9, t.ticks.join(','));
  }
});

// mends115 (review85 F10): the example picker gives the cost line of the file's comment ("About 7 s of CPU"), which the
// description (cut at 240 characters) left out
test('mends115 F10: GET /api/examples gives each example\'s cost line from its comment, whole; the picker\'s figure is its last', async () => {
  const { costLine } = await import('../src/server/examples.js');
  const { costFigure } = await import('../src/server/page-readings.js');
  const { examples } = (await webfeatGet('/api/examples')).json() as { examples: { name: string; file: string; description: string; cost: string | null }[] };
  for (const x of examples) assert.equal(x.cost, costLine(readFileSync(join(ROOT, x.file), 'utf8')), x.name);
  const li = examples.find((x) => x.name === 'li-transport')!;
  assert.match(li.cost ?? '', /^About 7 s of CPU \(2026-12-05, review68; .*box_full at 0\.165\)\.$/);
  assert.ok(!li.description.includes('of CPU'), 'the description alone does not say it');
  assert.equal(costFigure(li.cost), '7 s of CPU');
  const std = examples.find((x) => x.name === 'standard-protocol-100nm')!;
  assert.equal(costFigure(std.cost), '135.1-138.9 s of CPU');
  assert.doesNotMatch(std.cost ?? '', /asks for 60 s/, 'what is asked for is no cost');
  assert.equal(examples.find((x) => x.name === 'li-cu-small-box')!.cost, null);
  assert.equal(costFigure(null), undefined);
});

// mends115 (review85 F9): an SEI run on the Compare page: its sei_charge_fraction (GET /api/compare's rows, a column of
// the intervals) and its SEI in the system text of GET /api/runs' rows; a run without an SEI has null in both
test('mends115 F9: GET /api/compare gives an SEI run\'s sei_charge_fraction and GET /api/runs its SEI set; the system text says "+ SEI carbonate"', async () => {
  const { runSystemText, seiOfInput } = await import('../src/server/page-readings.js');
  const service = new RunService({ storePath: join(dir, 'm115-sei.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false } };
    const a = service.start({ ...input, sei: 'carbonate' }, 'm115 sei'), b = service.start(input, 'm115 bare');
    await service.wait(a.id);
    await service.wait(b.id);
    const m = service.status(a.id)!.metrics as { sei?: unknown; sei_charge_fraction: number };
    // (this small plate binds no voxel in SEI: its share is 0, an SEI run's 0, where a run without an SEI has none, null)
    assert.ok(m.sei !== undefined && typeof m.sei_charge_fraction === 'number', JSON.stringify(m));
    const d = (await app.inject({ method: 'GET', url: `/api/compare?ids=${a.id},${b.id}` })).json() as { rows: { id: string; sei: string | null; sei_charge_fraction: number | null }[]; intervals: { group: string; metrics: Record<string, { mean: number } | null> }[] };
    const row = (id: string) => d.rows.find((r) => r.id === id)!;
    assert.deepEqual([row(a.id).sei, row(a.id).sei_charge_fraction, row(b.id).sei, row(b.id).sei_charge_fraction], ['carbonate', m.sei_charge_fraction, null, null]);
    assert.equal(d.intervals.find((g) => g.group === 'm115 sei')!.metrics.sei_charge_fraction?.mean, m.sei_charge_fraction);
    assert.equal(d.intervals.find((g) => g.group === 'm115 bare')!.metrics.sei_charge_fraction, null);
    const { runs } = (await app.inject({ method: 'GET', url: '/api/runs?limit=10' })).json() as { runs: { id: string; sei: string | null; metal: string; host: string; sacs: string[] | null }[] };
    const listed = (id: string) => runs.find((r) => r.id === id)!;
    assert.equal(runSystemText(listed(a.id)), 'Li / Cu + SEI carbonate');
    assert.equal(runSystemText(listed(b.id)), 'Li / Cu');
  } finally { await app.close(); await service.close(); }
  assert.deepEqual([seiOfInput({ sei: { set: 'ether', growth: 1 } }), seiOfInput({ sei: { growth: 1 } }), seiOfInput({ sei: null }), seiOfInput({})], ['ether', 'custom', null, null]);
});

// mends115 (review85 F6): the Cycler page's time axis in hours for a long file, and a note where the simulation spans under
// 5 % of it
test('mends115 F6: the Cycler page\'s time axis is in hours from 2 h; a simulation under 5 % of the file is said', async () => {
  const { timeAxis, overlaySpanNote, timeSpan } = await import('../src/server/page-readings.js');
  assert.deepEqual(timeAxis(250_000), { unit: 'h', factor: 1 / 3600, label: 'time (h)' });
  assert.equal(timeAxis(7199).label, 'time (s)');
  assert.equal(overlaySpanNote(1800, 15), 'the simulation spans 15 s of the file\'s 1800 s (0.83 %): at the left edge above; on its own time axis below');
  assert.match(overlaySpanNote(262_800, 15), /^the simulation spans 15 s of the file's 73 h /);
  assert.equal(overlaySpanNote(1800, 90), '');
  assert.equal(overlaySpanNote(NaN, 15), '');
  assert.ok(Number.isNaN(timeSpan([1])));
  assert.equal(timeSpan(Array.from({ length: 300_000 }, (_, i) => i)), 299_999);
});

// mends119: a screen value whose every seed had no dip has no value (null) since the screen averages the dips only; the
// Pareto plot marks it and places it at the worst end as it did the reading (before: not marked, left off unnamed)
test('mends119: on the Pareto plot a no-dip value without a mean (null) is marked no dip and placed at the worst end', async () => {
  const { paretoAxis } = await import('../src/server/page-readings.js');
  const some = paretoAxis([{ value: null, no_dip: 2 }, { value: 12 }, { value: 30 }], 'min');
  assert.deepEqual(some.noDip, [true, false, false]);
  assert.ok(some.at[0]! > 30, JSON.stringify(some));
});

// mends120 (mends119 left it): the Compare page's group intervals (GET /api/compare's `intervals`) averaged a group's no-dip
// nucleation readings (<= 0) with its dips; now the rule of compare.csv: counted (nucleation_no_dip_seeds), the mean and
// interval over the seeds with a dip, none (null) where no seed had one
test('mends120: GET /api/compare\'s group interval of nucleation is over the seeds with a dip; a group of no-dip seeds has none', async () => {
  const { dipsOf } = await import('../src/screen/no-dip.js');
  const { boundedInterval } = await import('../src/stats/interval.js');
  const service = new RunService({ storePath: join(dir, 'm120-compare.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const row = (name: string, seed: number, nuc: number) => service.store!.recordRun({ name, input: { metal: 'Na', host: 'Cu', seed },
      metrics: { metal: 'Na', host: 'Cu', seed, nucleation_overpotential_mV: nuc, peak_overpotential_mV: 100 + seed } });
    const mixed = [12, -30, 14.5, -2], none = [-5, 0];
    const ids = [...mixed.map((x, i) => row('mixed', i + 1, x)), ...none.map((x, i) => row('none', i + 1, x))];
    const r = await app.inject({ method: 'GET', url: `/api/compare?ids=${ids.join(',')}` });
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json() as { intervals: { group: string; runs: number; nucleation_no_dip_seeds: number; metrics: Record<string, { n: number; mean: number | null; lo: number | null; hi: number | null } | null> }[] };
    const g = Object.fromEntries(d.intervals.map((x) => [x.group, x]));
    const dips = dipsOf(mixed);
    assert.deepEqual(dips, [12, 14.5]);
    const want = boundedInterval(dips, 'nucleation_overpotential_mV', dips.map(() => ({ host: 'Cu', metal: 'Na' })));
    const got = g.mixed!.metrics.nucleation_overpotential_mV!;
    assert.equal(got.n, 2);
    assert.equal(got.mean, want.mean);
    assert.equal(got.lo, want.lo);
    assert.equal(got.hi, want.hi);
    assert.equal(g.mixed!.nucleation_no_dip_seeds, 2);
    assert.equal(g.mixed!.runs, 4);
    // another column of the same runs is over all four seeds
    assert.equal(g.mixed!.metrics.peak_overpotential_mV!.n, 4);
    assert.equal(g.none!.metrics.nucleation_overpotential_mV, null);
    assert.equal(g.none!.nucleation_no_dip_seeds, 2);
  } finally { await app.close(); await service.close(); }
});

// mends124 (mends123 left it): GET /api/sweeps/:name/points gave every point, and the Sweeps page drew them all (a sweep of
// thousands of points, thousands of rows); now a page of them (`limit`, default 1000; `offset`), with the total and the
// next page's offset, each parameter refused in words
test('GET /api/sweeps/:name/points pages its rows: limit and offset, the total and next_offset; a bad limit or offset is a 400 naming it (mends124)', async () => {
  const { runSweepLocal } = await import('../src/sweep/run.js');
  const { parseSweep } = await import('../src/sweep/spec.js');
  const { SweepStore } = await import('../src/sweep/store.js');
  const { pointTable } = await import('../src/sweep/results.js');
  // three points of two seeds, each invalid (nothing runs: the paging is the same for any row)
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  await runSweepLocal(parseSweep({ name: 'webfeat-pages', base, axes: { 'sacs[0].loading': ['150 %', '200 %', '300 %'] }, seeds: 2 }), { db: webfeatDb, threads: 1 });
  const store = SweepStore.open(webfeatDb);
  let all;
  try { all = pointTable(store.sweepRows('webfeat-pages')); } finally { store.close(); }
  assert.equal(all.rows.length, 3);
  type Page = { columns: string[]; rows: unknown[][]; total: number; offset: number; next_offset: number | null };
  const page = async (q: string): Promise<Page> => { const r = await webfeatGet(`/api/sweeps/webfeat-pages/points${q}`); assert.equal(r.statusCode, 200, r.body); return r.json() as Page; };
  const whole = await page('');
  assert.deepEqual(whole.columns, all.columns);
  assert.deepEqual([whole.rows, whole.total, whole.offset, whole.next_offset], [all.rows, 3, 0, null]);
  const first = await page('?limit=2');
  assert.deepEqual([first.rows, first.total, first.offset, first.next_offset], [all.rows.slice(0, 2), 3, 0, 2]);
  const next = await page(`?limit=2&offset=${first.next_offset}`);
  assert.deepEqual([next.rows, next.total, next.offset, next.next_offset], [all.rows.slice(2), 3, 2, null]);
  assert.deepEqual((await page('?offset=3')).rows, [], 'at the end: no rows');
  for (const [q, error] of [
    ['?limit=0', 'limit: got "0", expected an integer >= 1 (points per page)'],
    ['?limit=two', 'limit: got "two", expected an integer >= 1 (points per page)'],
    ['?offset=-1', 'offset: got "-1", expected an integer from 0 to 3 (the sweep\'s points; the first is 0)'],
    ['?offset=4', 'offset: got "4", expected an integer from 0 to 3 (the sweep\'s points; the first is 0)'],
    ['?format=csv&limit=2', 'limit: got "2", expected no limit with format=csv (the CSV is every point, as sacplate results --by-point writes it)'],
  ] as const) {
    const r = await webfeatGet(`/api/sweeps/webfeat-pages/points${q}`);
    assert.equal(r.statusCode, 400, `${q}: ${r.body}`);
    assert.equal(r.json().error, error, q);
  }
});

// cmpmeas67: the Compare page's measured cell: POST /api/compare/measured reads an uploaded cycler file as `sacplate
// compare --measured FILE --protocol P --area A --map M` reads it (analyze's figures, compare's legend and note: lines),
// GET /api/compare and /api/compare/csv put it beside the runs (`measured=ID`, compare.csv's source column); refusals in
// the CLI's words, the query parameters named as the API names them. A head of neware_uio.csv: 1 complete cycle of 2.
test('POST /api/compare/measured: a measured cell as compare --measured reads it (analyze\'s CE and cycles, the legend and notes); GET /api/compare and its CSV carry it with source measured; refusals in the CLI\'s words (cmpmeas67)', async () => {
  const own = mkdtempSync(join(tmpdir(), 'sacplate-cmpmeas-'));
  const db = join(own, 'm.db');
  const service = new RunService({ storePath: db, writeFiles: false, concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const head = sharedCyclerHead(own, 'neware_uio.csv', 4000);
    const bytes = readFileSync(head);
    const post = (q: string, body: Buffer | string = bytes) => app.inject({ method: 'POST', url: `/api/compare/measured?name=cell.csv${q}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
    const { report } = await analyzeFile(head, { protocol: 'licu' });
    const r = await post('&protocol=licu');
    assert.equal(r.statusCode, 200, r.body);
    const m = r.json();
    assert.match(m.id, /^mea-[0-9a-f]{12}$/);
    assert.equal(m.name, 'cell.csv (measured)');
    // analyze's CE (its mean of the complete cycles), no nucleation reading (the file plates no metal): compare's row
    assert.ok(Math.abs(m.metrics.average_ce - report.licu!.average_ce!) < 1e-12, `${m.metrics.average_ce} vs ${report.licu!.average_ce}`);
    assert.deepEqual(Object.keys(m.metrics), ['average_ce']);
    assert.deepEqual(m.cycles, report.licu!.cycles.map((c) => ({ cycle: c.cycle, ce: c.partial ? null : c.ce, partial: c.partial === true })));
    assert.deepEqual(m.cycles.map((c: { partial: boolean }) => c.partial), [false, true]);
    // the CLI's legend line and notes, the upload's name for the file
    assert.equal(m.legend, 'measured: cell.csv (measured): cell.csv, a cycler export read as analyze --protocol licu reads it: CE %: the mean of 1 complete cycle(s)\' CE of 2, cycle 1 included (each plating\'s strip over it); the other columns have no measured meaning: -');
    assert.match(m.notes[0], /^note: cell\.csv \(measured\): nucleation not read: the file's voltages do not fit the licu protocol/);
    // no area in the file nor the query: no trace, said why; with one, the voltage against net plated charge per area
    assert.equal(m.trace, null);
    assert.match(m.trace_note, /neither the file nor the area box gives the electrode area/);
    const withArea = (await post('&protocol=licu&area=2%20cm2')).json();
    const ch = withArea.trace.charge_mAh_per_cm2 as number[], mv = withArea.trace.cell_voltage_mV as number[];
    assert.ok(ch.length === mv.length && ch.length <= 2000 && ch.length > 1000, String(ch.length));
    assert.equal(ch[0], 0);
    // the first plating's charge per area (analyze's cycle 1, over 2 cm2) reached before the strip: the trace's peak net charge within 1 %
    const plated1 = report.licu!.cycles[0]!.plated_mAh / 2;
    const peak1 = Math.max(...ch.slice(0, ch.findIndex((q, i) => i > 0 && q < ch[i - 1]! - 0.01 * plated1)));
    assert.ok(Math.abs(peak1 - plated1) < 0.01 * plated1, `${peak1} vs ${plated1}`);
    assert.ok(Math.max(...mv) > 2000 && Math.min(...mv) > 0, `${Math.min(...mv)}..${Math.max(...mv)} mV`);

    // beside two stored runs: GET /api/compare's measured list, compare.csv's row with source measured
    const rec = (name: string) => service.store.recordRun({ name, input: {}, status: 'finished', metrics: { metal: 'Li', host: 'Cu', sacs: [], seed: 1, nucleation_overpotential_mV: 40, average_ce: 0.9 } });
    const ids = [rec('sim a'), rec('sim b')];
    const cmp = await app.inject({ url: `/api/compare?ids=${ids.join(',')}&measured=${m.id}` });
    assert.equal(cmp.statusCode, 200, cmp.body);
    assert.deepEqual(cmp.json().measured.map((x: { id: string; name: string }) => [x.id, x.name]), [[m.id, 'cell.csv (measured)']]);
    assert.equal((await app.inject({ url: `/api/compare?ids=${ids.join(',')}` })).json().measured, undefined);
    const [csvHead, ...csvRows] = (await app.inject({ url: `/api/compare/csv?ids=${ids.join(',')}&measured=${m.id}` })).body.trim().split('\n').map((l) => l.split(','));
    assert.equal(csvHead!.at(-1), 'source');
    assert.deepEqual(csvRows.map((x) => [x[0], x.at(-1)]), [['sim a', 'simulated'], ['sim b', 'simulated'], ['cell.csv (measured)', 'measured']]);
    assert.ok(Math.abs(Number(csvRows[2]![csvHead!.indexOf('average_ce')]) - report.licu!.average_ce!) < 1e-11);
    assert.equal(csvRows[2]![csvHead!.indexOf('nucleation_overpotential_mV')], '');
    const unknown = await app.inject({ url: `/api/compare/csv?ids=${ids.join(',')}&measured=mea-000000000000` });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().error, /^measured: got "mea-000000000000", expected the id of a measured cell this server read/);

    // read as symmetric, the Li||Cu-like file is said not to be a symmetric cell's (analyze's protocol check, compare's note)
    const sym = (await post('&protocol=symmetric')).json();
    assert.ok(sym.notes.some((n: string) => n.startsWith('note: cell.csv (measured): analyze\'s protocol check: not a symmetric cell\'s voltages')), sym.notes.join('\n'));
    assert.deepEqual(sym.cycles, []);
    // symcsv67: its CSV has the symmetric row's measured_* columns (the Compare page's download is compareCsv's),
    // measured_cycles analyze's complete cycles, the simulated rows' cells empty
    const symRep = (await analyzeFile(head, { protocol: 'symmetric' })).report.symmetric!;
    const [symHead, ...symRows] = (await app.inject({ url: `/api/compare/csv?ids=${ids.join(',')}&measured=${sym.id}` })).body.trim().split('\n').map((l) => l.split(','));
    assert.deepEqual(symHead!.slice(-4), ['measured_plating_plateau_mV', 'measured_stripping_plateau_mV', 'measured_hysteresis_mV', 'measured_cycles']);
    const done = symRep.cycles.filter((c) => !c.partial);
    assert.equal(done.length, 1);
    const means = (['plating_plateau_mV', 'stripping_plateau_mV', 'hysteresis_mV'] as const).map((k) => done.reduce((t, c) => t + c[k]!, 0) / done.length);
    assert.deepEqual(symRows.map((x) => x.slice(-4).map(Number)), [[0, 0, 0, 0], [0, 0, 0, 0], [...means, 1]]);
    assert.deepEqual(symRows.slice(0, 2).map((x) => x.slice(-4).join(',')), [',,,', ',,,']);
    // no complete cycle (the first 60 lines: a rest and part of a plating): nothing read, as compare's legend says
    const short = (await post('', readFileSync(sharedCyclerHead(own, 'neware_uio.csv', 60)))).json();
    assert.deepEqual([short.metrics, short.cycles.filter((c: { partial: boolean }) => !c.partial)], [{}, []]);
    assert.match(short.legend, /reads it: nothing read under these columns; /);
    // refusals: the reader's line for a column the file lacks (the file's name for the upload's path), as analyze says it
    const noCol = await post('&map=time=Time,voltage=Volts,current=Current(A)');
    assert.equal(noCol.statusCode, 400);
    const said = await analyzeFile(head, { protocol: 'licu', map: 'time=Time,voltage=Volts,current=Current(A)', format: 'generic' }).then(() => '', (e: Error) => e.message);
    assert.equal(noCol.json().error, said.split(head).join('cell.csv'));
    assert.match(noCol.json().error, /^cell\.csv:1: no column named "Volts" for voltage_volt; columns are: DataPoint, /);
    // webaudit67: a file of no layout the reader knows: what the API can do (its map parameter), not the CLI's --format
    // (it said "give --format (mpt, ...) or map time=COL,...": the route has no format parameter)
    const noLayout = await post('', '# notes on the cell\nno columns here\n');
    assert.equal(noLayout.statusCode, 400);
    assert.match(noLayout.json().error, /^cell\.csv:1: unknown cycler layout \(first line: "# notes on the cell"\); the workbench detects mpt, [^;]*neware, [^;]*; for another layout give map \(its columns: time=COL,voltage=COL,current=COL\)/);
    assert.ok(!noLayout.json().error.includes('--format') && !/detects[^;]*generic/.test(noLayout.json().error), noLayout.json().error);
    for (const [q, error] of [
      ['&protocol=fullcell', /^protocol: got "fullcell", expected symmetric, licu, aurbach \(how the file is read/],
      ['&map=bogus', /^map: got "bogus", expected key=COLUMN or key=COLUMN@unit/],
      ['&area=-1%20cm2', /^area: got "-1 cm2", expected a positive area, e\.g\. "1\.13 cm2"/],
    ] as const) {
      const e = await post(q);
      assert.equal(e.statusCode, 400, q);
      assert.match(e.json().error, error, q);
    }
  } finally { await app.close(); await service.close(); rmSync(own, { recursive: true, force: true }); }
});

// web68: a cycler file POST /api/cycler analysed is kept in the server's store (GET /api/cycler/files), and POST
// /api/compare/measured?file=ID reads it as a measured cell without its bytes, the upload's figures, also after a server
// restart (a second app on the same store); deleted, it is gone; an unknown id named `file` (404); a file over the keep
// limit is analysed, not kept, `upload` named with its size and the limit. A head of neware_uio.csv (1 complete cycle of 2).
test('web68: a cycler file analysed is kept in the store: listed, read as a measured cell by its id without its bytes (after a restart too), deleted; an unknown id and a file over the keep limit are named', async () => {
  const own = mkdtempSync(join(tmpdir(), 'sacplate-kept-'));
  const db = join(own, 'k.db');
  const head = sharedCyclerHead(own, 'neware_uio.csv', 4000);
  const bytes = readFileSync(head);
  const octet = { 'content-type': 'application/octet-stream' };
  const open = async (keepLimit?: number) => {
    const service = new RunService({ storePath: db, writeFiles: false, concurrency: 1 });
    const app = await buildApp({ service, ...(keepLimit !== undefined ? { keepLimit } : {}) });
    return { service, app, close: async () => { await app.close(); await service.close(); } };
  };
  let s = await open();
  try {
    const analyse = (protocol: string) => s.app.inject({ method: 'POST', url: `/api/cycler?name=cell.csv&protocol=${protocol}&area=2%20cm2`, headers: octet, payload: bytes });
    const first = await analyse('licu');
    assert.equal(first.statusCode, 200, first.body);
    const kept = first.json().kept;
    assert.match(kept.id, /^cyc-[0-9a-f]{12}$/);
    assert.ok(Number.isFinite(Date.parse(kept.kept_at)), kept.kept_at);
    assert.deepEqual({ ...kept, kept_at: 0 }, { id: kept.id, name: 'cell.csv', bytes: bytes.length, kept_at: 0, protocol: 'licu', area: '2 cm2' });
    assert.equal(first.json().not_kept, undefined);
    // analysed again with another protocol (the Cycler page does at each change): one entry, its protocol the latest
    const again = (await analyse('symmetric')).json().kept;
    assert.deepEqual([again.id, again.protocol], [kept.id, 'symmetric']);
    // the cell read from the upload, for comparison with the kept file's
    const fromUpload = (await s.app.inject({ method: 'POST', url: '/api/compare/measured?name=cell.csv&protocol=licu&area=2%20cm2', headers: octet, payload: bytes })).json();
    // a server restart: a new app (and store connection) on the same store file
    await s.close();
    s = await open();
    const list = (await s.app.inject({ url: '/api/cycler/files' })).json();
    assert.deepEqual(list.files.map((f: { id: string; name: string; bytes: number; protocol: string }) => [f.id, f.name, f.bytes, f.protocol]), [[kept.id, 'cell.csv', bytes.length, 'symmetric']]);
    assert.deepEqual([list.in_store, list.kept_at_most, list.bytes_at_most], [true, 20, 20 * 1024 * 1024]);
    const fromKept = await s.app.inject({ method: 'POST', url: `/api/compare/measured?file=${kept.id}&protocol=licu&area=2%20cm2` });
    assert.equal(fromKept.statusCode, 200, fromKept.body);
    const m = fromKept.json();
    assert.match(m.id, /^mea-[0-9a-f]{12}$/);
    assert.deepEqual({ ...m, id: '' }, { ...fromUpload, id: '' });
    assert.equal(m.name, 'cell.csv (measured)');
    assert.ok(m.trace.charge_mAh_per_cm2.length > 1000 && typeof m.metrics.average_ce === 'number', JSON.stringify(m.metrics));
    // beside a run: GET /api/compare carries it
    const run = s.service.store.recordRun({ name: 'sim', input: {}, status: 'finished', metrics: { metal: 'Li', host: 'Cu', sacs: [], seed: 1, average_ce: 0.9 } });
    assert.deepEqual((await s.app.inject({ url: `/api/compare?ids=${run}&measured=${m.id}` })).json().measured.map((x: { name: string }) => x.name), ['cell.csv (measured)']);
    // refusals: an id it does not keep (404, the field named), bytes as well as the id, a name with it
    for (const id of ['cyc-000000000000', 'abc']) {
      const r = await s.app.inject({ method: 'POST', url: `/api/compare/measured?file=${id}` });
      assert.equal(r.statusCode, 404, id);
      assert.match(r.json().error, new RegExp(`^file: got "${id}", expected the id of a cycler file this server keeps \\(cyc-xxxxxxxxxxxx, from GET /api/cycler/files`));
    }
    const both = await s.app.inject({ method: 'POST', url: `/api/compare/measured?file=${kept.id}`, headers: octet, payload: bytes });
    assert.equal(both.statusCode, 400);
    assert.match(both.json().error, new RegExp(`^file: got "${kept.id}", expected either the id of a kept cycler file with no body, or the file's bytes as the body without file=`));
    const named = await s.app.inject({ method: 'POST', url: `/api/compare/measured?file=${kept.id}&name=x.csv` });
    assert.equal(named.statusCode, 400);
    assert.match(named.json().error, /^name: got "x\.csv", expected left out with file= \(the kept file's own name is shown: cell\.csv\)/);
    // deleted: gone from the list, not read, not deleted twice
    const del = await s.app.inject({ method: 'DELETE', url: `/api/cycler/files/${kept.id}` });
    assert.deepEqual([del.statusCode, del.json()], [200, { deleted: kept.id }]);
    assert.deepEqual((await s.app.inject({ url: '/api/cycler/files' })).json().files, []);
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/compare/measured?file=${kept.id}` })).statusCode, 404);
    const twice = await s.app.inject({ method: 'DELETE', url: `/api/cycler/files/${kept.id}` });
    assert.equal(twice.statusCode, 404);
    assert.match(twice.json().error, /^file: got "cyc-[0-9a-f]{12}", expected the id of a cycler file this server keeps/);
    // over the keep limit: analysed (200), not kept, the upload's size and the limit said
    await s.close();
    s = await open(1000);
    const big = await analyse('licu');
    assert.equal(big.statusCode, 200, big.body);
    assert.equal(big.json().kept, null);
    assert.equal(big.json().not_kept, `upload: got ${bytes.length} bytes, expected at most 1000 bytes for the server to keep a cycler file: analysed, not kept (the Compare page's measured cell takes it as an upload of its own)`);
    assert.deepEqual((await s.app.inject({ url: '/api/cycler/files' })).json().files, []);
    // a server without a store (serve --no-store) keeps it in memory: listed (in_store false) and read by its id
    const memService = new RunService({ store: null, writeFiles: false, concurrency: 1 });
    const memApp = await buildApp({ service: memService });
    try {
      const memKept = (await memApp.inject({ method: 'POST', url: '/api/cycler?name=cell.csv&protocol=licu', headers: octet, payload: bytes })).json().kept;
      const memList = (await memApp.inject({ url: '/api/cycler/files' })).json();
      assert.deepEqual([memList.in_store, memList.files.map((f: { id: string }) => f.id)], [false, [memKept.id]]);
      const memCell = await memApp.inject({ method: 'POST', url: `/api/compare/measured?file=${memKept.id}&protocol=licu&area=2%20cm2` });
      assert.deepEqual({ ...(memCell.json() as Record<string, unknown>), id: '' }, { ...fromUpload, id: '' });
    } finally { await memApp.close(); await memService.close(); }
  } finally { await s.close(); rmSync(own, { recursive: true, force: true }); }
});

// measured70: a kept cycler file read as a measured cell without protocol= was read as licu whatever the Cycler page
// analysed it as; the store keeps that protocol, and the cell is read under it (licu where compare reads none: fullcell)
test('POST /api/compare/measured?file=ID without protocol= reads the kept file under the protocol it was analysed with; protocol= still chooses (measured70)', async () => {
  const own = mkdtempSync(join(tmpdir(), 'sacplate-kept-'));
  const head = sharedCyclerHead(own, 'neware_uio.csv', 4000);
  const bytes = readFileSync(head);
  const service = new RunService({ store: null, writeFiles: false, concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const analyse = async (protocol: string) => (await app.inject({ method: 'POST', url: `/api/cycler?name=cell.csv&protocol=${protocol}&area=2%20cm2`, headers: { 'content-type': 'application/octet-stream' }, payload: bytes })).json().kept as { id: string; protocol: string };
    const cell = async (q: string) => { const r = await app.inject({ method: 'POST', url: `/api/compare/measured?${q}` }); assert.equal(r.statusCode, 200, r.body); return r.json() as { protocol: string; legend: string }; };
    const kept = await analyse('symmetric');
    const sym = await cell(`file=${kept.id}&area=2%20cm2`);
    assert.equal(sym.protocol, 'symmetric');
    assert.match(sym.legend, /read as analyze --protocol symmetric reads it/);
    assert.equal((await cell(`file=${kept.id}&protocol=licu`)).protocol, 'licu');
    assert.equal((await analyse('fullcell')).id, kept.id);
    assert.equal((await cell(`file=${kept.id}`)).protocol, 'licu');
  } finally { await app.close(); await service.close(); rmSync(own, { recursive: true, force: true }); }
});

// cmpmeas67: openapi.json lists every API route the server has (by method), and no route it has not
test('the OpenAPI document lists every /api route of the server with its methods, and none it does not serve (cmpmeas67)', async () => {
  const source = readFileSync(resolve('src/server/app.ts'), 'utf8');
  const routes = [...source.matchAll(/app\.(get|post|put|delete)\('(\/api\/[^']*)'/g)].map((x) => [x[1]!, x[2]!.replace(/:(\w+)/g, '{$1}')] as const);
  assert.ok(routes.length > 30 && routes.some(([m, p]) => m === 'post' && p === '/api/compare/measured'), String(routes.length));
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  for (const [m, p] of routes) assert.ok(doc.paths[p]?.[m], `${m.toUpperCase()} ${p} missing from openapi.json`);
  const listed = Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m} ${p}`));
  assert.deepEqual(listed.filter((x) => !routes.some(([m, p]) => `${m} ${p}` === x)), []);
});

// cmpmeas67: GET /api/runs/:id of an ended run carries fieldcost66's line (field_cell_line, what `sacplate simulate` ends
// with) where its field took over 80 % of the wall time on a grid a coarser one would do; absent at a share of 0.5. The
// run is a real one (Li on Cu, 8 x 8 x 16 voxels of 100 nm in LiTFSI-DOL-DME, about 0.2 s); its wall-clock share is set
// as field-cell-line.test.ts sets it (a loaded machine moves it by tens of %).
test('GET /api/runs/:id: field_cell_line, fieldcost66\'s line naming a coarser cell.field_cell, for a run mostly in the field; none at a share of 0.5 (cmpmeas67)', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const { fieldCellLine } = await import('../src/cli/transport-lines.js');
  const { validateRunInput } = await import('../src/input/schema.js');
  const own = mkdtempSync(join(tmpdir(), 'sacplate-fieldline-'));
  const service = new RunService({ storePath: join(own, 'f.db'), writeFiles: false, concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const input = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 16], voxel: '100 nm' }, electrolyte: 'LiTFSI-DOL-DME', cell: { field_cell: '100 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } };
    const run = validateRunInput(input);
    const m = simulate(run).metrics;
    const rec = (share: number) => service.store.recordRun({ name: `share ${share}`, input, status: 'finished', metrics: { ...m, transport: { ...m.transport!, field_wall_share: share } } });
    const [hi, lo] = [rec(0.966), rec(0.5)];
    const v = (await app.inject({ url: `/api/runs/${hi}` })).json();
    assert.equal(v.field_cell_line, fieldCellLine({ ...m.transport!, field_wall_share: 0.966 }, run));
    assert.match(v.field_cell_line, /^the electrolyte field took 97 % of the wall time .*try cell\.field_cell: \d+ nm/);
    assert.equal((await app.inject({ url: `/api/runs/${lo}` })).json().field_cell_line, undefined);
  } finally { await app.close(); await service.close(); rmSync(own, { recursive: true, force: true }); }
});

test('audit70: GET /api/runs/:id/snapshot of a finished run this server did not run (a CLI run, an earlier session\'s) gives its final.vti, the deposit at its end; a run over the view\'s limit, or without the file, none', async () => {
  const { validateRunInput } = await import('../src/input/schema.js');
  const { readVti } = await import('../src/io/vti.js');
  const base = mkdtempSync(join(tmpdir(), 'sacplate-audit70-'));
  const input = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.30 eV' }, seed: 1,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', 'Strip 0.0001 mAh/cm2 at 1 mA/cm2'] };
  const cli = new RunService({ storePath: join(base, 'store.db'), outRoot: join(base, 'runs'), concurrency: 1 });
  // as `sacplate simulate --out DIR` starts its run (src/cli/actions/sim.ts): resolved by the caller, its folder recorded
  const out = join(base, 'cli-out');
  const run = cli.start(input, 'audit70 cli', { resolved: validateRunInput(input), outDir: out, recordOutDir: true });
  const noVti = cli.start({ ...input, output: { structures: ['extxyz'] } }, 'audit70 extxyz', { resolved: validateRunInput({ ...input, output: { structures: ['extxyz'] } }), outDir: join(base, 'xyz-out'), recordOutDir: true });
  for (const r of [run, noVti]) assert.equal((await cli.wait(r.id))?.status, 'finished');
  await cli.close();
  // the workbench started later over the same store (audit70: its 3D view stayed empty, `latest: not held by this server`)
  const later = new RunService({ storePath: join(base, 'store.db'), outRoot: join(base, 'runs'), concurrency: 1 });
  const small = new RunService({ storePath: join(base, 'store.db'), outRoot: join(base, 'runs'), concurrency: 1, maxSnapshotVoxels: 500 });
  const [app, smallApp] = [await buildApp({ service: later }), await buildApp({ service: small })];
  try {
    const snap = await app.inject({ method: 'GET', url: `/api/runs/${run.id}/snapshot` });
    assert.equal(snap.statusCode, 200, snap.body);
    assert.equal(snap.headers['x-grid'], '8,8,8');
    assert.ok(snap.rawPayload.equals(Buffer.from(readVti(join(out, 'final.vti')).grid.cells)), 'the grid is final.vti\'s');
    const steps = (await app.inject({ method: 'GET', url: `/api/runs/${run.id}/snapshots` })).json() as { snapshots: { step: number }[] };
    const last = await app.inject({ method: 'GET', url: `/api/runs/${run.id}/snapshots/${steps.snapshots.at(-1)!.step}` });
    assert.ok(snap.rawPayload.equals(last.rawPayload), 'the last step\'s snapshot is the grid at the run\'s end');
    for (const h of ['x-voxel-nm', 'x-host-layers', 'x-host-foil']) assert.equal(snap.headers[h], last.headers[h], h);
    // the extended XYZ alone: read as the snapshots are
    const xyz = await app.inject({ method: 'GET', url: `/api/runs/${noVti.id}/snapshot` });
    assert.equal(xyz.statusCode, 200, xyz.body);
    assert.ok(xyz.rawPayload.equals(snap.rawPayload), 'final.extxyz gives the same grid (same seed)');
    // over the view's limit: not read, said as before
    const big = await smallApp.inject({ method: 'GET', url: `/api/runs/${run.id}/snapshot` });
    assert.equal(big.statusCode, 404, big.body);
  } finally {
    await Promise.all([app.close(), smallApp.close()]);
    await Promise.all([later.close(), small.close()]);
    rmSync(base, { recursive: true, force: true });
  }
});

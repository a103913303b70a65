/**
 * Second audit (new user, evidence/screening/cycler/sweep/workbench paths): each test fails on
 * the code before its fix. Small, temporary directories only.
 * The CLI runs in-process (test/helpers/cli.ts) from the temporary folder; `serve` on a busy port
 * spawns `node bin/sacplate.js`, where a real process is the point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const BIN = path.resolve('bin/sacplate.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit2-'));
/** The CLI in-process from tmp (test/helpers/cli.ts), in the shape spawnSync returns. */
const run = async (...args: string[]) => { const r = await cli(args, { cwd: tmp }); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; };

test('analyze on a simulated eta.csv: the trace is per cm2, so no "area unknown" warning and per-area figures at 1 cm2', async () => {
  const f = path.join(tmp, 'eta.csv');
  const rows = ['time_s,charge_C_per_cm2,overpotential_mV'];
  for (let k = 0; k <= 200; k++) rows.push(`${k * 0.5},${(1e-3 * k * 0.5).toExponential(6)},${(-(10 + 40 * Math.exp(-k / 40))).toFixed(6)}`);
  fs.writeFileSync(f, rows.join('\n') + '\n');
  const r = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /WARN\s+area/, r.stdout);
  assert.match(r.stdout, /ok\s+area: 1 cm2 \(sacplate eta\.csv: the trace is per cm2\)/, r.stdout);
  const rep = JSON.parse(fs.readFileSync(path.join(tmp, 'eta-out', 'report.json'), 'utf8'));
  assert.equal(rep.area_cm2, 1);
  // --area still wins (the trace scaled to that electrode)
  const r2 = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out2', '--area', '2', 'cm2');
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(r2.stdout, /ok\s+area: 2 cm2 \(--area\)/);
  // a coin cell's 0.785 cm2 (or 78.5 mm2) as given, not 0.7849999999999999 from the trip through m2
  for (const [v, u] of [['0.785', 'cm2'], ['78.5', 'mm2']]) {
    const r3 = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out3', '--area', v!, u!, '--force'); // the folder again (mends43)
    assert.equal(r3.status, 0, r3.stderr);
    assert.match(r3.stdout, /\narea {6}0\.785 cm2\n[^]*ok\s+area: 0\.785 cm2 \(--area\)/);
  }
});

test('a bare number where a unit is needed says the unit is missing (it said: not "")', async () => {
  const r = await run('analyze', path.resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--no-figures', '--out', 'o-area', '--area', '1.13');
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--area: got "1\.13", expected an area with its unit, e.g\. "[\d.]+ cm2" \(no unit given\)/);
});

test('lit list --sort / --range with an unknown quantity name the option the user typed (they said "quantity")', async () => {
  const s = await run('lit', 'list', '--sort', 'nucleation', '--db', path.join(tmp, 'lit.db'));
  assert.equal(s.status, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, /^sacplate: --sort: got "nucleation", expected name, metal, id or a quantity: one of nucleation_overpotential,/);
  const g = await run('lit', 'list', '--range', 'nucleation=0:20', '--db', path.join(tmp, 'lit.db'));
  assert.equal(g.status, 2, g.stderr);
  assert.match(g.stderr, /^sacplate: --range: got "nucleation", expected one of nucleation_overpotential,/);
});

test('workbench API: an unknown sort or range on /api/evidence is a 400 naming the query parameter (it said "quantity"); the server keeps serving', async () => {
  const { startServer } = await import('../src/server/serve.js');
  const { url, stop } = await startServer({ port: 0, db: path.join(tmp, 'srv.db'), concurrency: 1 });
  try {
    const base = url.replace(/\/$/, '');
    const s = await fetch(`${base}/api/evidence?sort=nonsense`);
    assert.equal(s.status, 400);
    assert.match(((await s.json()) as { error: string }).error, /^sort: got "nonsense", expected name, metal, id or a quantity: one of nucleation_overpotential,/);
    const g = await fetch(`${base}/api/evidence?range=${encodeURIComponent('nucleation=0:20')}`);
    assert.equal(g.status, 400);
    assert.match(((await g.json()) as { error: string }).error, /^range: got "nucleation", expected one of /);
    const ok = await fetch(`${base}/api/evidence?sort=nucleation_overpotential_mV`);
    assert.equal(ok.status, 200);
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
  const { url, stop } = await startServer({ port: 0, db: path.join(tmp, 'srv2.db'), concurrency: 1 });
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
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port), '--db', path.join(tmp, 'busy.db')], { cwd: tmp, encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^sacplate: --port: got "${port}", expected a free TCP port \\(127\\.0\\.0\\.1:${port} is in use`));
  } finally { srv.close(); }
});

/**
 * `POST /api/nucleation` (the workbench's `sacplate nucleation`): bad input is 400 with the CLI's
 * one line (the body's key where the CLI names its flag); atomistic data the CLI computed is read
 * by the server (200 at once, the CLI's cache key and numbers) and data the server computes
 * (202, followed over server-sent events) is stored under the key the CLI looks up; a cancelled job caches nothing.
 * The atomistic stage runs in the nucleation CLI test's tiny setting (8 x 8 sites, 4 runs per
 * overpotential, 5000 events per run, stop at 12 atoms; seeds fixed) with the plateau read at the
 * end of the requested capacity: the claims tested are about the cache and the job bookkeeping,
 * which do not depend on the atomistic stage's precision.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { cli } from './helpers/cli.js';
import { openStore } from '../src/store/index.js';
import { atomisticSource, lawFromData, type AtomisticData } from '../src/nucleation/index.js';
import { loadLiterature } from '../src/evidence/records.js';
import { InputError } from '../src/errors.js';
import { parseQuantity } from '../src/units.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-nucapi-'));
const db = join(dir, 'store.db');
const service = new RunService({ storePath: db, concurrency: 1, writeFiles: false });
const app = await buildApp({ service });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
after(async () => { await service.close(); await app.close(); });

// sampler mfpt: the default (mfpt+ffs) runs forward flux sampling at fixed settings, minutes of CPU even on this box (branch ffsdefault)
const TINY = { sampler: 'mfpt', runs: 4, box: 8, target: 12, max_events: 5000, plateau: 'end' };
const TINY_FLAGS = ['--sampler', 'mfpt', '--runs', '4', '--box', '8', '--target', '12', '--max-events', '5000', '--plateau', 'end'];

const post = async (body: unknown) => {
  const r = await app.inject({ method: 'POST', url: '/api/nucleation', payload: body as object });
  return { status: r.statusCode, json: r.json() as any };
};
const paramSets = (kind: string) => {
  const d = new Database(db, { readonly: true });
  try { return (d.prepare('SELECT COUNT(*) AS n FROM param_sets WHERE kind = ?').get(kind) as { n: number }).n; } finally { d.close(); }
};

/** The server-sent events of a job until it ends: event names in order and the last status (`on` sees each name as it comes). */
function followEvents(id: string, on?: (name: string) => void): Promise<{ names: string[]; last: any; progress: any[] }> {
  return new Promise((res, rej) => {
    const names: string[] = [];
    const progress: any[] = [];
    let last: any, buf = '';
    request({ host: '127.0.0.1', port, path: `/api/nucleation/${id}/events` }, (r) => {
      r.setEncoding('utf8');
      r.on('data', (c: string) => {
        buf += c;
        let k;
        while ((k = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, k); buf = buf.slice(k + 2);
          const ev = /^event: (\w+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!ev) continue;
          names.push(ev);
          if (ev === 'status') last = JSON.parse(data!);
          if (ev === 'progress') progress.push(JSON.parse(data!));
          on?.(ev);
        }
      });
      r.on('end', () => res({ names, last, progress }));
    }).on('error', rej).end();
  });
}

test('nucleation API: bad input is 400 with the CLI\'s one line; unknown jobs are 404; nothing is stored', async () => {
  const before = paramSets('nucleation-job');
  for (const [body, args] of [
    [{ metal: 'Li', host: 'graphene', current: '5 furlongs' }, ['--metal', 'Li', '--host', 'graphene', '--current', '5 furlongs']],
    [{ metal: 'Li', host: 'graphene', current: '-1 mA/cm2' }, ['--metal', 'Li', '--host', 'graphene', '--current', '-1 mA/cm2']],
    [{ metal: 'Li', host: 'nowhere' }, ['--metal', 'Li', '--host', 'nowhere']],
    // (a SAC without element runs since branch wtpct, on an assumed molar mass: an unknown element is refused)
    [{ metal: 'Li', host: 'graphene', sac: 'binding -3 eV, element Xx' }, ['--metal', 'Li', '--host', 'graphene', '--sac', 'binding -3 eV, element Xx']],
    [{ metal: 'Li', host: 'graphene', sac: 'Zn-N4, binding -3 eV' }, ['--metal', 'Li', '--host', 'graphene', '--sac', 'Zn-N4, binding -3 eV']],
    [{ metal: 'Li', host: 'graphene', sac: 'binding -3 eV, colour red' }, ['--metal', 'Li', '--host', 'graphene', '--sac', 'binding -3 eV, colour red']],
    [{ metal: 'Li', host: 'graphene', runs: '2' }, ['--metal', 'Li', '--host', 'graphene', '--runs', '2']],
    [{ metal: 'Li', host: 'graphene', max_events: '10' }, ['--metal', 'Li', '--host', 'graphene', '--max-events', '10']],
    [{ metal: 'Li', host: 'graphene', host_reduction: 'fast' }, ['--metal', 'Li', '--host', 'graphene', '--host-reduction', 'fast']],
    // FFS repetitions per overpotential (branch ffsreps): outside 2-100, not an integer, or with a sampler that runs no FFS
    ...['1', '101', '2.5', 'x'].map((n) => [{ metal: 'Li', host: 'graphene', sampler: 'mfpt+ffs', ffs_repetitions: n }, ['--metal', 'Li', '--host', 'graphene', '--sampler', 'mfpt+ffs', '--ffs-repetitions', n]] as const),
    [{ metal: 'Li', host: 'graphene', sampler: 'mfpt', ffs_repetitions: '8' }, ['--metal', 'Li', '--host', 'graphene', '--sampler', 'mfpt', '--ffs-repetitions', '8']],
  ] as const) {
    const r = await post(body);
    const c = await cli(['nucleation', ...args, '--no-store']);
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(c.code, 2, c.stderr);
    // the CLI names its flag (--current) and a key of the flag's text after it (--sac element), the API the body's key
    // (current, sac.element); the rest is the same, character for character
    assert.equal(r.json.error, c.stderr.trim().replace(/^sacplate: /, '').replace(/^--([a-z-]+)(?: ([a-z]+))?:/, (_m, f: string, key: string | undefined) => `${f.replace(/-/g, '_')}${key !== undefined ? '.' + key : ''}:`), `API and CLI differ for ${JSON.stringify(body)}`);
  }
  assert.match((await post({ metal: 'Li', host: 'graphene', sampler: 'mfpt+ffs', ffs_repetitions: 'x' })).json.error, /^ffs_repetitions: got "x", expected an integer from 2 to 100 \(/);
  // a case file's keys: the same message as the CLI's for the same file
  const cases = [{ host: 'graphene', sac: 'Zn-N4', loading: '2 furlongs' }];
  const file = join(dir, 'cases.json');
  (await import('node:fs')).writeFileSync(file, JSON.stringify({ metal: 'Li', cases }));
  const r = await post({ metal: 'Li', cases });
  const c = await cli(['nucleation', file, '--no-store']);
  assert.equal(r.status, 400);
  assert.equal(r.json.error, c.stderr.trim().replace(/^sacplate: /, ''));
  assert.match(r.json.error, /^cases\[0\]\.loading: /);
  assert.match((await post({ metal: 'Li', host: 'graphene', curent: '1 mA/cm2' })).json.error, /^curent: .*did you mean "current"/);
  assert.equal((await post([1, 2])).status, 400);
  assert.match((await post({ metal: 'Li', cases: Array.from({ length: 51 }, () => ({ host: 'graphene' })) })).json.error, /^cases: got "\(51 cases\)", expected a list of 1 to 50 cases$/);
  assert.match((await post({ against_literature: true, host: 'graphene' })).json.error, /^host: got "graphene", expected no such key beside against_literature: true; it takes the review's systems, and only against_literature, current, capacity, /);
  assert.match((await post({ metal: 'Li', host: 'graphene', cases: [{ host: 'graphene' }] })).json.error, /^host: got "graphene", expected nothing beside cases/);
  assert.equal((await app.inject({ url: '/api/nucleation/nuc-20260101-000000000-00000000' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/api/nucleation/..%2Fetc' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'POST', url: '/api/nucleation/nuc-20260101-000000000-00000000/cancel' })).statusCode, 404);
  assert.equal(paramSets('nucleation-job'), before);
});

test('nucleation API: the CLI\'s atomistic data is the server\'s cache (200 at once) and the server\'s is the CLI\'s (202, followed over events)', async () => {
  // CLI first: computes the host's atomistic data into the server's store
  const c1 = await cli(['nucleation', '--metal', 'Li', '--host', 'graphene', ...TINY_FLAGS, '--db', db, '--json']);
  assert.equal(c1.code, 0, c1.stderr);
  const j1 = JSON.parse(c1.stdout);
  assert.equal(j1.atomistic.cached, false);

  // the same case over HTTP: cached, answered at once with the CLI's numbers
  const r1 = await post({ metal: 'Li', host: 'graphene', current: '1 mA/cm2', ...TINY });
  assert.equal(r1.status, 200, JSON.stringify(r1.json).slice(0, 300));
  assert.equal(r1.json.status, 'finished');
  assert.deepEqual(r1.json.cases.map((c: any) => c.atomistic), ['cached']);
  const a1 = r1.json.results[0];
  assert.equal(a1.atomistic.cached, true);
  assert.equal(a1.atomistic.cache_key, j1.atomistic.cache_key);
  assert.equal(a1.nucleation_overpotential_mV, j1.nucleation_overpotential_mV);
  assert.equal(a1.peak_overpotential_mV, j1.peak_overpotential_mV);
  assert.ok(a1.trace.length > 10, 'the report carries its eta(t) trace');

  // a SAC on that host: the SAC's box must be computed (host from the cache): 202, then events to the end
  const r2 = await post({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', ...TINY });
  assert.equal(r2.status, 202, JSON.stringify(r2.json).slice(0, 300));
  assert.match(r2.json.id, /^nuc-\d{8}-\d{9}-[0-9a-f]{8}$/);
  assert.ok(['queued', 'running'].includes(r2.json.status));
  assert.deepEqual(r2.json.cases.map((c: any) => c.atomistic), ['host-cached']);
  const ev = await followEvents(r2.json.id);
  assert.equal(ev.last?.status, 'finished', JSON.stringify(ev.last).slice(0, 300));
  assert.ok(ev.names.includes('progress'), `no progress event: ${ev.names.join(',')}`);
  // each progress line carries the job's time so far, so a page can show it while the job runs (the
  // Nucleation page said "running, 0.0 s" until the end: the status event at the start was all it had)
  const walls = ev.progress.map((p) => p.wall_s);
  assert.ok(walls.every((w, i) => typeof w === 'number' && w > 0 && (i === 0 || w >= walls[i - 1])), walls.join(', '));
  assert.ok(walls.at(-1) <= ev.last.wall_s, `${walls.at(-1)} vs the job's ${ev.last.wall_s} s`);
  assert.ok(ev.names.includes('case'));
  const g = (await app.inject({ url: `/api/nucleation/${r2.json.id}` })).json() as any;
  assert.equal(g.status, 'finished');
  assert.ok(g.progress.lines > 0);
  const a2 = g.results[0];
  assert.equal(a2.atomistic.cached, false);
  assert.equal(a2.atomistic.host_from_cache, true);
  assert.equal(a2.sac, 'Zn-N4');

  // the CLI after the server: the server's data is under the key the CLI looks up (nucleation() reads
  // the cache through atomisticSource's lookup; the CLI-then-server direction above ran the whole CLI)
  const store = openStore(db);
  try {
    assert.equal(atomisticSource({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10, atomistic: { sampler: 'mfpt', runs: 4, L: 8, target: 12, maxEvents: 5000 } }, store), 'cached');
    assert.equal(atomisticSource({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10, atomistic: { sampler: 'mfpt', runs: 5, L: 8, target: 12, maxEvents: 5000 } }, store), 'compute');
  } finally { store.close(); }

  // the jobs are kept in the store and listed
  assert.ok(paramSets('nucleation-job') >= 2);
  const list = (await app.inject({ url: '/api/nucleation' })).json() as any;
  assert.ok(list.jobs.some((x: any) => x.id === r2.json.id && x.results === undefined));
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as any;
  for (const p of ['/api/nucleation', '/api/nucleation/{id}', '/api/nucleation/{id}/events', '/api/nucleation/{id}/cancel', '/api/nucleation/systems']) assert.ok(doc.paths[p], `${p} missing from openapi.json`);
});

test('nucleation API: a cancelled job ends cancelled, caches no atomistic data, and cannot be cancelled again', async () => {
  const atomistic = paramSets('nucleation-atomistic');
  // a host nobody computed here, default box: cancelled before its first atomistic run ends
  const r = await post({ metal: 'Na', host: 'carbon-cloth', sampler: 'mfpt', runs: 4, max_events: 20000 });
  assert.equal(r.status, 202);
  const c = await app.inject({ method: 'POST', url: `/api/nucleation/${r.json.id}/cancel` });
  assert.equal(c.statusCode, 200);
  const ev = await followEvents(r.json.id);
  assert.equal(ev.last.status, 'cancelled');
  assert.equal(paramSets('nucleation-atomistic'), atomistic);
  const again = await app.inject({ method: 'POST', url: `/api/nucleation/${r.json.id}/cancel` });
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error, /has already ended \(cancelled\)/);
  // the metal's own foil needs no atomistic stage: 200 at once
  const own = await post({ metal: 'Li', host: 'Li' });
  assert.equal(own.status, 200);
  assert.ok(own.json.results[0].nucleation_overpotential_mV < 1);
  assert.deepEqual(own.json.cases.map((x: any) => x.atomistic), ['own-metal']);
});

test('nucleation API: "Against the review" (the page\'s button) takes the review\'s systems with their reported values and currents; a finished case is the model beside them', async () => {
  // the body the button sends: against_literature with the form's atomistic settings and plateau rule
  // (smaller still than TINY: the first system's scans are all this test computes)
  const r = await post({ against_literature: true, sampler: 'mfpt', runs: 4, box: 6, target: 8, max_events: 2000, plateau: 'end' });
  assert.equal(r.status, 202, JSON.stringify(r.json).slice(0, 300));
  assert.equal(r.json.literature, true);
  const cases = r.json.cases as any[];
  assert.ok(cases.length >= 5, `${cases.length} systems`);
  // each reported value is a figure of the evidence base, as the review records it; the control (the metal's own foil) has none
  const recs = loadLiterature().records;
  for (const c of cases) {
    if (c.reported === null) { assert.equal(c.atomistic, 'own-metal', c.name); continue; }
    const rec = recs.find((x) => x.name === c.reported.record);
    assert.ok(rec, `${c.name}: record ${c.reported.record}`);
    assert.ok(rec.figures.some((f) => f.value === c.reported.value_mV && f.ref === c.reported.ref && f.quantity === c.reported.quantity), `${c.name}: ${JSON.stringify(c.reported)}`);
  }
  assert.equal(cases.filter((c) => c.reported !== null).length, cases.length - 1);
  // all of them at the tiny setting would be several CPU seconds: the first case's result, then cancel
  let cancelled = false;
  const ev = await followEvents(r.json.id, (name) => {
    if (name === 'case' && !cancelled) { cancelled = true; void app.inject({ method: 'POST', url: `/api/nucleation/${r.json.id}/cancel` }); }
  });
  assert.equal(ev.last.status, 'cancelled', JSON.stringify(ev.last).slice(0, 300));
  const g = (await app.inject({ url: `/api/nucleation/${r.json.id}` })).json() as any;
  assert.equal(g.literature, true);
  const first = g.results[0], c0 = g.cases[0];
  assert.ok(first, 'the first system has its result');
  assert.equal(`${first.metal} on ${first.host}${first.sac ? ' + ' + first.sac : ''}`, c0.name);
  // at the review's own current for that system (the page sends none; 1 mA/cm2 where the review gives none), with the form's plateau rule
  assert.ok(Math.abs(first.current_mA_per_cm2 - parseQuantity('current', c0.reported.current.replace(/ \(not reported; assumed\)$/, ''), 'currentDensity') / 10) < 1e-9, `${first.current_mA_per_cm2} mA/cm2 against ${c0.reported.current}`);
  assert.equal(first.plateau_rule, 'end');
  assert.ok(Number.isFinite(first.nucleation_overpotential_mV));
  assert.equal(g.results.at(-1), null, 'nothing after the cancel');
});

test('nucleation: a scan with no nucleation law under small atomistic settings names the settings and the system (it was "internal error ... please report it")', () => {
  const data = { key: 'k', options: { runs: 4, L: 8, target: 12, maxEvents: 5000, reservoir: true, seed: 1 }, host: { points: [{ eta_V: 0.08, J_per_site_s: 1e3 }, { eta_V: 0.07, J_per_site_s: 0 }], law: null }, sac: null, events: 0, wall_s: 0 } as unknown as AtomisticData;
  assert.throws(() => lawFromData(data, 'Na on N-graphene'), (e: unknown) => e instanceof InputError
    && /^atomistic settings: got "4 runs per overpotential, 8 x 8 sites, stop at 12 atoms, 5000 events per run", expected settings under which Na on N-graphene's scan gives a nucleation law J\(eta\): it found 1 activated overpotential\(s\); a law needs at least 3/.test(e.message));
});

/**
 * Branch runquery: the stored runs queried by their columns (src/store/run-query.ts). The store's
 * listRuns/runRows with `where` (every operator, NULLs never matching, an unknown column, a value that
 * reads as SQL staying a value) and `orderBy` (NULLs last); the library's openStore().listRuns; the CLI's
 * `runs list --where/--sort/--columns/--format csv` (spawned for the exit code and the CSV a spreadsheet
 * reads, in-process for the rest); the workbench's GET /api/runs?where=&sort= (fastify's inject) and its
 * OpenAPI. Runs written through the store API as the simulator records them (recordRun with the metrics
 * keys); about 2 s of CPU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore as openStoreFile, type RunFilter, type Store } from '../src/store/index.js';
import { parseRunCondition, checkCondition, QUERY_COLUMN_NAMES, runFilterOf } from '../src/store/run-query.js';
import { openStore, InputError } from '../src/index.js';
import { parseCsv } from '../src/io/csv.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { openApiDocument } from '../src/server/openapi.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('runquery');

const dir = mkdtempSync(join(tmpdir(), 'sacplate-runquery-'));
const INJECT = "x' OR 1=1";

/** Five runs as the simulator records them (the metrics keys), one without metrics (a failed run): name -> id. */
function fill(s: Store): Record<string, string> {
  const ids: Record<string, string> = {};
  const add = (name: string, metrics: Record<string, unknown>, status: 'finished' | 'failed' = 'finished') => { ids[name] = s.recordRun({ name, input: {}, metrics, status }); };
  add('a, "quoted"', { metal: 'Li', host: 'graphene', sacs: ['Zn-N4'], seed: 1, average_ce: 0.97, nucleation_overpotential_mV: 12.5 });
  add('b', { metal: 'Li', host: 'graphene', sacs: [], seed: 2, average_ce: 0.9, nucleation_overpotential_mV: 30 });
  add('c', { metal: 'Li', host: 'graphene', sacs: ['Co-N4'], seed: 3, average_ce: 0.99, nucleation_overpotential_mV: 8 });
  add('d', { metal: 'Na', host: 'Cu', sacs: [], seed: 4 }); // no CE, no nucleation reading: NULL columns
  add(INJECT, { metal: 'Li', host: 'Cu', sacs: [], seed: 5, average_ce: 0.5, nucleation_overpotential_mV: -3 });
  add('f', {}, 'failed'); // every metric column NULL, text ones too
  return ids;
}

const db = join(dir, 'store.db');
const store = openStoreFile(db);
const ids = fill(store);
const nameOf = Object.fromEntries(Object.entries(ids).map(([n, id]) => [id, n]));
const names = (f: RunFilter) => store.listRuns(f).map((r) => r.name);
const sorted = (xs: (string | null)[]) => [...xs].sort();

test('store: every operator on a numeric column; a run whose column is NULL never matches, != included', () => {
  const ce = (op: string, value: number) => sorted(names({ where: [{ column: 'average_ce', op: op as never, value }] }));
  assert.deepEqual(ce('=', 0.97), ['a, "quoted"']);
  assert.deepEqual(ce('!=', 0.97), sorted(['b', 'c', INJECT])); // not d or f: their CE is NULL
  assert.deepEqual(ce('<', 0.97), sorted(['b', INJECT]));
  assert.deepEqual(ce('<=', 0.97), sorted(['a, "quoted"', 'b', INJECT]));
  assert.deepEqual(ce('>', 0.95), sorted(['a, "quoted"', 'c']));
  assert.deepEqual(ce('>=', 0.99), ['c']);
  assert.deepEqual(sorted(names({ where: [{ column: 'seed', op: '>', value: 3 }] })), sorted(['d', INJECT]));
  // all conditions met (AND), with the older filters
  assert.deepEqual(names({ where: [{ column: 'average_ce', op: '>', value: 0.95 }, { column: 'sacs', op: '~', value: 'co' }] }), ['c']);
  assert.deepEqual(names({ status: 'failed', where: [{ column: 'average_ce', op: '!=', value: 0 }] }), []);
});

test('store: text columns take =, != and ~ (contains, case aside; % and _ are letters); NULL text never matches', () => {
  const t = (column: string, op: string, value: string) => sorted(names({ where: [{ column, op: op as never, value }] }));
  assert.deepEqual(t('host', '=', 'graphene'), sorted(['a, "quoted"', 'b', 'c']));
  assert.deepEqual(t('host', '!=', 'graphene'), sorted(['d', INJECT])); // not f: its host is NULL
  assert.deepEqual(t('sacs', '~', 'n4'), sorted(['a, "quoted"', 'c']));
  assert.deepEqual(t('name', '~', '%'), []);
  assert.deepEqual(t('name', '~', '"'), ['a, "quoted"']);
  assert.deepEqual(t('status', '=', 'failed'), ['f']);
  // = and != on text ignore case, as ~ does: metal=li finds the Li runs (lit list --metal li reads li as Li)
  assert.deepEqual(t('metal', '=', 'li'), sorted(['a, "quoted"', 'b', 'c', INJECT]));
  assert.deepEqual(t('host', '!=', 'GRAPHENE'), sorted(['d', INJECT]));
  // created_at, UTC ISO text, also compares as time
  const created = store.listRuns({ where: [{ column: 'name', op: '=', value: 'c' }] })[0]!.created_at;
  assert.ok(names({ where: [{ column: 'created_at', op: '>=', value: created }] }).includes('c'));
  assert.deepEqual(names({ where: [{ column: 'created_at', op: '<', value: '2000-01-01' }] }), []);
});

test('store: orderBy a column, lowest or highest first, NULLs last either way; listRuns and runRows select the same runs in the same order', () => {
  const asc = names({ orderBy: { column: 'nucleation_overpotential_mV' } });
  assert.deepEqual(asc.slice(0, 4), [INJECT, 'c', 'a, "quoted"', 'b']);
  assert.deepEqual(sorted(asc.slice(4)), ['d', 'f']);
  const desc = names({ orderBy: { column: 'nucleation_overpotential_mV', descending: true } });
  assert.deepEqual(desc.slice(0, 4), ['b', 'a, "quoted"', 'c', INJECT]);
  assert.deepEqual(sorted(desc.slice(4)), ['d', 'f']);
  const f: RunFilter = { where: [{ column: 'metal', op: '=', value: 'Li' }], orderBy: { column: 'average_ce', descending: true }, limit: 3 };
  assert.deepEqual(store.runRows(f).map((r) => r.id), store.listRuns(f).map((r) => r.id));
  assert.deepEqual(store.runRows(f).map((r) => r.average_ce), [0.99, 0.97, 0.9]);
});

test('store: an unknown column, an operator or a value of the wrong kind is an InputError naming the field, the value and what is allowed; a value that reads as SQL stays a value', () => {
  const refused = (f: RunFilter, re: RegExp) => assert.throws(() => store.listRuns(f), (e: unknown) => e instanceof InputError && re.test(e.message), JSON.stringify(f));
  refused({ where: [{ column: 'avrage_ce', op: '>', value: 0.9 }] }, /^where\[0\]\.column: got "avrage_ce", expected a column of the runs \(did you mean "average_ce"\?\): created_at, name, status, metal, .*average_ce/);
  refused({ where: [{ column: 'name; DROP TABLE runs', op: '=', value: 'x' }] }, /^where\[0\]\.column: got "name; DROP TABLE runs", expected a column of the runs/);
  refused({ where: [{ column: 'host', op: '>', value: 'a' }] }, /^where\[0\]\.op: got ">", expected one of = != ~: host is a text column$/);
  refused({ where: [{ column: 'host', op: '=', value: 5 as never }] }, /^where\[0\]\.value: got 5, expected text: host is a text column$/);
  refused({ where: [{ column: 'average_ce', op: '=', value: '0.9' as never }] }, /^where\[0\]\.value: got "0\.9", expected a number: average_ce is a numeric column; units are in the column names/);
  refused({ where: [{ column: 'average_ce', op: '~', value: 1 }] }, /^where\[0\]\.op: got "~", expected one of = != < <= > >=: average_ce is a numeric column$/);
  refused({ where: [{ column: 'average_ce', op: '>', value: Number.NaN }] }, /^where\[0\]\.value: got NaN/);
  refused({ where: [{ column: 'host', op: 'LIKE' as never, value: 'a' }] }, /^where\[0\]\.op: got "LIKE", expected one of = != < <= > >= ~/);
  refused({ where: { column: 'host' } as never }, /^where: got \{"column":"host"\}, expected a list of conditions/);
  refused({ orderBy: { column: 'average_cee' } }, /^orderBy\.column: got "average_cee", expected a column of the runs \(did you mean "average_ce"\?\)/);
  refused({ orderBy: { column: 'seed', descending: 'yes' as never } }, /^orderBy\.descending: got "yes"/);
  // the text is compared as a name: the run of that name, not every run
  assert.deepEqual(names({ where: [{ column: 'name', op: '=', value: INJECT }] }), [INJECT]);
  assert.deepEqual(names({ where: [{ column: 'name', op: '=', value: "'x' OR 1=1" }] }), []);
  assert.equal(store.countRuns(), 6);
});

test('parseRunCondition: COLUMN OP VALUE as --where and ?where= take it', () => {
  assert.deepEqual(parseRunCondition('average_ce>0.95'), { column: 'average_ce', op: '>', value: 0.95 });
  assert.deepEqual(parseRunCondition(' nucleation_overpotential_mV <= -1e1 '), { column: 'nucleation_overpotential_mV', op: '<=', value: -10 });
  assert.deepEqual(parseRunCondition('host==graphene'), { column: 'host', op: '=', value: 'graphene' });
  assert.deepEqual(parseRunCondition("name='my run'"), { column: 'name', op: '=', value: 'my run' });
  assert.deepEqual(parseRunCondition(`name=${INJECT}`), { column: 'name', op: '=', value: INJECT });
  assert.deepEqual(parseRunCondition("name='x' OR 1=1"), { column: 'name', op: '=', value: "'x' OR 1=1" });
  for (const [text, re] of [
    ['average_ce>high', /^--where: got "average_ce>high", expected a number after ">": average_ce is a numeric column/],
    ['average_ce>', /^--where: got "average_ce>", expected a number after ">"/],
    ['average_ce', /^--where: got "average_ce", expected a condition COLUMN OP VALUE, OP one of = != < <= > >= ~/],
    ['hots=graphene', /^--where: got "hots=graphene", expected a condition on a column of the runs \(did you mean "host"\?\): created_at, /],
    ['host<graphene', /^--where: got "host<graphene", expected host = or != or ~ a value: host is a text column$/],
  ] as const) assert.throws(() => parseRunCondition(text), (e: unknown) => e instanceof InputError && re.test(e.message), text);
});

test('library: openStore().listRuns takes where and orderBy, checked, and gives the store\'s runs', () => {
  const lib = openStore(db);
  try {
    const got = lib.listRuns({ where: [{ column: 'average_ce', op: '>', value: 0.95 }, { column: 'host', op: '=', value: 'graphene' }], orderBy: { column: 'nucleation_overpotential_mV' } });
    assert.deepEqual(got.map((r) => r.name), ['c', 'a, "quoted"']);
    const says = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message);
    assert.throws(() => lib.listRuns({ wher: [] } as never), says(/^filter\.wher: got \[\], expected no such option \(did you mean "where"\?\); listRuns takes status, name, since, limit, where, orderBy$/));
    assert.throws(() => lib.listRuns({ where: [{ column: 'x', op: '=', value: 1 }] }), says(/^where\[0\]\.column: got "x", expected a column of the runs/));
  } finally { lib.close(); }
});

test('CLI (spawned): runs list --where --sort --columns --format csv writes RFC 4180 CSV headed by the column names; a bad --where exits 2 in one line', () => {
  const spawned = (args: string[]) => spawnSync(process.execPath, ['bin/sacplate.js', 'runs', 'list', '--db', db, ...args], { encoding: 'utf8' });
  const cols = ['name', 'host', 'sacs', 'average_ce', 'nucleation_overpotential_mV'];
  const r = spawned(['--where', 'average_ce>0.95', '--where', 'host=graphene', '--sort', 'nucleation_overpotential_mV', '--columns', cols.join(','), '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^name,host,sacs,average_ce,nucleation_overpotential_mV\nc,graphene,Co-N4,0\.99,8\n"a, ""quoted""",graphene,Zn-N4,0\.97,12\.5\n$/);
  assert.deepEqual(parseCsv(r.stdout), [cols, ['c', 'graphene', 'Co-N4', '0.99', '8'], ['a, "quoted"', 'graphene', 'Zn-N4', '0.97', '12.5']]);
  // a list cut at its limit says so on stderr (a CSV of --limit rows is not every run); one under it does not
  // (guide67: the three graphene runs at --limit 3 are every one of them, no longer "the limit: ... for more")
  const cut = spawned(['--where', 'host=graphene', '--format', 'csv', '--limit', '2']);
  assert.equal(cut.status, 0, cut.stderr);
  assert.match(cut.stderr, /^the first 2 runs; more in .* match \(--limit 2: --limit 20 for more\)\n$/);
  assert.match(spawned(['--where', 'host=graphene', '--format', 'csv', '--limit', '3']).stderr, /^3 runs in [^(]*\n$/);
  assert.match(spawned(['--where', 'host=graphene', '--limit', '4']).stderr, /^3 runs in [^(]*\n$/);
  const bad = spawned(['--where', 'average_ce>high']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^sacplate: --where: got "average_ce>high", expected a number after ">": average_ce is a numeric column; [^\n]*\n$/);
});

test('CLI: the table shows the columns a condition or the order names; json with --columns; csv of every column; --help names the syntax and the columns; mistakes exit 2 naming the flag', async () => {
  const run = (...args: string[]) => cli(['runs', 'list', '--db', db, ...args]);
  const t = await run('--where', 'sacs~N4', '--sort', '-average_ce');
  assert.equal(t.code, 0, t.stderr);
  const lines = t.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^id +created +status +name +engine +out dir +artefacts +sacs +average_ce$/);
  const body = lines.slice(2).map((l) => l.split(/ {2,}/));
  assert.deepEqual(body.map((c) => [c[3], ...c.slice(-2)]), [['c', 'Co-N4', '0.99'], ['a, "quoted"', 'Zn-N4', '0.97']]);
  const j = await run('--where', 'metal=Na', '--columns', 'id,name,average_ce', '--format', 'json');
  assert.deepEqual(JSON.parse(j.stdout), [{ id: ids.d, name: 'd', average_ce: null }]);
  const all = await run('--where', 'status=failed', '--format', 'csv');
  const [head, row] = parseCsv(all.stdout);
  assert.deepEqual(head, ['id', ...QUERY_COLUMN_NAMES]);
  // a failed run has no metrics: every metric column empty but the engine's two (the serial engine, 1 thread: mends60),
  // wherever they stand (earlyapi's early_* columns come after them)
  const engineAt = head!.indexOf('engine');
  assert.equal(head![engineAt + 1], 'threads');
  assert.deepEqual([row![0], row![2], row![3], row!.slice(4).every((c, i) => c === '' || i + 4 === engineAt || i + 4 === engineAt + 1), row!.slice(engineAt, engineAt + 2)], [ids.f, 'f', 'failed', true, ['serial', '1']]);
  const help = await cli(['runs', 'list', '--help']);
  assert.match(help.stdout.replace(/\s+/g, ' '), /--where <cond> a condition on a column, all met \(repeatable\): COLUMN OP VALUE, OP one of = != < <= > >= ~/);
  assert.ok(help.stdout.replace(/\s+/g, ' ').includes(QUERY_COLUMN_NAMES.join(', ')), help.stdout);
  for (const [args, re] of [
    [['--where', 'average_ce'], /^sacplate: --where: got "average_ce", expected a condition COLUMN OP VALUE/],
    [['--where', 'avrage_ce>0.9'], /^sacplate: --where: got "avrage_ce>0\.9", expected a condition on a column of the runs \(did you mean "average_ce"\?\)/],
    [['--where', 'host>a'], /^sacplate: --where: got "host>a", expected host = or != or ~ a value/],
    [['--sort', 'hots'], /^sacplate: --sort: got "hots", expected a column of the runs, lowest first, or -COLUMN for highest first \(did you mean "host"\?\)/],
    [['--columns', 'name,hots'], /^sacplate: --columns: got "name,hots", expected comma-separated columns of the runs; "hots" is none \(did you mean "host"\?\): id, created_at/],
    [['--desc'], /^sacplate: --desc: got true, expected a --sort column/],
    [['--format', 'xlsx'], /^sacplate: --format: got "xlsx", expected table \| json \| csv/],
  ] as const) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});

test('workbench: GET /api/runs?where=&sort= selects and orders the runs as runs list does; a bad filter is a 400 naming the parameter; OpenAPI documents both', async () => {
  const service = new RunService({ storePath: db, writeFiles: false });
  const app = await buildApp({ service });
  try {
    const get = (q: string) => app.inject({ method: 'GET', url: `/api/runs?${q}` });
    const ok = await get(`where=${encodeURIComponent('average_ce>0.95; host=graphene')}&sort=-nucleation_overpotential_mV`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual((ok.json() as { runs: { id: string }[] }).runs.map((r) => nameOf[r.id]), ['a, "quoted"', 'c']);
    const limited = await get('sort=average_ce&limit=2');
    assert.deepEqual((limited.json() as { runs: { id: string }[] }).runs.map((r) => nameOf[r.id]), [INJECT, 'b']);
    for (const [q, message] of [
      [`where=${encodeURIComponent('average_ce>high')}`, /^where: got "average_ce>high", expected a number after ">": average_ce is a numeric column/],
      [`sort=nope`, /^sort: got "nope", expected a column of the runs/],
      [`where=${encodeURIComponent('name=x')}&wher=1`, /^wher: got "1", expected no such query parameter \(did you mean "where"\?\); this route takes: limit, where, sort$/],
    ] as const) {
      const r = await get(q);
      assert.equal(r.statusCode, 400, `${q}: ${r.body}`);
      assert.match((r.json() as { error: string }).error, message);
    }
    const params = ((openApiDocument().paths as Record<string, { get?: { parameters?: { name: string; description?: string }[] } }>)['/api/runs']!.get!.parameters ?? []);
    assert.deepEqual(params.map((p) => p.name), ['limit', 'where', 'sort']);
    assert.match(params[1]!.description!, /separated by ";".*average_ce/);
  } finally { await app.close(); await service.close(); }
});

test.after(() => store.close());

test('a condition on engine or status with a value neither can hold is refused naming the values (review49: --where engine=sector listed 0 runs without a word)', () => {
  assert.throws(() => parseRunCondition('engine=sector'), (e: unknown) => e instanceof InputError
    && e.message === '--where: got "engine=sector", expected engine = or != one of serial, sectors (the values engine holds; ~ matches part of one)');
  assert.throws(() => parseRunCondition('status!=done'), (e: unknown) => e instanceof InputError
    && e.message === '--where: got "status!=done", expected status = or != one of finished, failed, cancelled, running (the values status holds; ~ matches part of one)');
  assert.throws(() => checkCondition('where[0]', { column: 'engine', op: '=', value: 'parallel' }), (e: unknown) => e instanceof InputError
    && e.message === 'where[0].value: got "parallel", expected one of serial, sectors (the values engine holds; ~ matches part of one)');
  // the values themselves, case aside as = takes text, and ~ (part of a value) as before
  assert.deepEqual(parseRunCondition('engine=Sectors'), { column: 'engine', op: '=', value: 'Sectors' });
  assert.deepEqual(parseRunCondition('engine~sector'), { column: 'engine', op: '~', value: 'sector' });
  assert.deepEqual(parseRunCondition('status!=failed'), { column: 'status', op: '!=', value: 'failed' });
  assert.deepEqual(checkCondition('w', { column: 'engine', op: '=', value: 'serial' }), { column: 'engine', op: '=', value: 'serial' });
});

test('runs list of one run says "1 run in", not "1 runs in" (review49)', async () => {
  const one = await cli(['runs', 'list', '--db', db, '--where', 'name=c', '--format', 'csv', '--columns', 'name']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout, 'name\nc\n');
  assert.match(one.stderr, /^1 run in [^(]*\n$/);
  assert.match((await cli(['runs', 'list', '--db', db, '--where', 'host=graphene', '--limit', '4'])).stderr, /^3 runs in /);
});

test('guide67: a runs list cut at its --limit says it shows the first runs and that the store holds more ("1 run in STORE" read as the store\'s count); a list of every run says only "N runs in"', async () => {
  // fill() records six runs: --limit 1 shows one of six, --limit 6 all six
  const cut = await cli(['runs', 'list', '--db', db, '--limit', '1', '--format', 'csv', '--columns', 'name']);
  assert.equal(cut.code, 0, cut.stderr);
  assert.match(cut.stderr, /^the first 1 run of the 6 in \S+ \(--limit 1: --limit 10 for more\)\n$/);
  // a filter at its limit: how many match is not counted, that more do is said
  const some = await cli(['runs', 'list', '--db', db, '--where', 'host=graphene', '--limit', '2']);
  assert.match(some.stderr, /^the first 2 runs; more in \S+ match \(--limit 2: --limit 20 for more\)\n$/);
  // every run shown at exactly the limit: no word of more
  assert.match((await cli(['runs', 'list', '--db', db, '--limit', '6'])).stderr, /^6 runs in [^(]*\n$/);
  assert.match((await cli(['runs', 'list', '--db', db, '--where', 'host=graphene', '--limit', '3'])).stderr, /^3 runs in [^(]*\n$/);
});

test('robust61: a text condition with nothing after its operator ("host~", "metal=", as `--where "host~$HOST"` with HOST unset gives) is refused naming the quoted empty value; host=\'\' still asks for the empty text', () => {
  // on main "host~" matched every run and "metal=" none, without a word
  for (const [text, op] of [['host~', '~'], ['metal=', '='], ['name != ', '!=']] as const) {
    assert.throws(() => parseRunCondition(text), (e: unknown) => e instanceof InputError && e.message.startsWith(`--where: got ${JSON.stringify(text)}, expected a value after "${op}"`) && e.message.includes("''"), text);
  }
  assert.deepEqual(parseRunCondition("name=''"), { column: 'name', op: '=', value: '' });
});

test('robust62: a limit past 2^53 (runs list --limit 9223372036854775807, listRuns({ limit: 1e308 })) is refused naming it; SQLite was given a double it cannot bind ("internal error: datatype mismatch")', async () => {
  for (const limit of [1e308, 2 ** 63, 2 ** 53]) {
    assert.throws(() => runFilterOf({ limit }), (e: unknown) => e instanceof InputError && e.field === '--limit' && /expected a whole number from 1 to 9007199254740991/.test(e.message), String(limit));
  }
  assert.equal(runFilterOf({ limit: 2 ** 53 - 1 }).limit, 2 ** 53 - 1);
  const lib = openStore(db);
  try {
    assert.throws(() => lib.listRuns({ limit: 1e308 }), (e: unknown) => e instanceof InputError && /^limit: got 1e\+308, expected a whole number from 1 to 9007199254740991/.test(e.message));
    assert.equal(lib.listRuns({ limit: 2 ** 53 - 1 }).length, 6);
  } finally { lib.close(); }
  const r = await cli(['runs', 'list', '--db', db, '--limit', '9223372036854775807']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: --limit: got "9223372036854775807", expected a whole number from 1 to 9007199254740991\n$/);
});

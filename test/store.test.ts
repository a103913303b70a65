/** The SQLite store: runs, parameter sets, migrations, WAL, corruption handling, concurrent writers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, defaultStorePath, SCHEMA_VERSION } from '../src/store/index.js';
import { FileError, InputError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('store');

const tmp = () => mkdtempSync(join(tmpdir(), 'sacplate-store-'));

test('runs: record, list, get, update; parameter sets; schema version and WAL', () => {
  const dir = tmp();
  const path = join(dir, 'nested', 'dir', 's.db');
  const s = openStore(path);
  try {
    assert.equal(s.schemaVersion(), SCHEMA_VERSION);
    assert.equal(s.journalMode(), 'wal');
    const a = s.recordRun({ name: 'li-baseline', input: { metal: 'Li', size: [32, 32, 32] }, metrics: { roughness_nm: 1.5 }, outDir: '/tmp/out/a', artefacts: ['eta.csv', 'final.vtk'] });
    const b = s.recordRun({ name: 'na-zn', input: { metal: 'Na' }, metrics: {}, status: 'failed' });
    assert.match(a, /^run-\d{8}-\d{9}-[0-9a-f]{8}$/);
    const ra = s.getRun(a)!;
    assert.deepEqual(ra.input, { metal: 'Li', size: [32, 32, 32] });
    assert.deepEqual(ra.metrics, { roughness_nm: 1.5 });
    assert.deepEqual(ra.artefacts, ['eta.csv', 'final.vtk']);
    assert.equal(ra.out_dir, '/tmp/out/a');
    assert.equal(ra.status, 'finished');
    assert.equal(s.listRuns().length, 2);
    assert.deepEqual(s.listRuns({ status: 'failed' }).map((r) => r.id), [b]);
    assert.deepEqual(s.listRuns({ name: 'base' }).map((r) => r.id), [a]);
    assert.equal(s.getRun(a.slice(0, a.length - 2))?.id, a); // unique prefix
    s.updateRun(b, { status: 'cancelled', metrics: { steps: 3 } });
    assert.equal(s.getRun(b)!.status, 'cancelled');
    assert.throws(() => s.recordRun({ input: {}, metrics: {}, status: 'exploded' as 'failed' }), InputError);
    s.saveParamSet('sac', 'Zn-N4', { element: 'Zn' }, 'review ref 70');
    s.saveParamSet('sac', 'Zn-N4', { element: 'Zn', v: 2 }, 'review ref 70');
    assert.deepEqual(s.getParamSet('sac', 'Zn-N4')!.data, { element: 'Zn', v: 2 });
    assert.equal(s.listParamSets('sac').length, 1);
  } finally { s.close(); }
  // reopening keeps everything and does not re-run migrations
  const s2 = openStore(path);
  assert.equal(s2.countRuns(), 2);
  s2.close();
});

test('default path: SACPLATE_DB, else ~/.sacplate/sacplate.db', () => {
  const old = process.env.SACPLATE_DB;
  try {
    process.env.SACPLATE_DB = '/tmp/x/y.db';
    assert.equal(defaultStorePath(), '/tmp/x/y.db');
    delete process.env.SACPLATE_DB;
    assert.match(defaultStorePath(), /\.sacplate[\\/]sacplate\.db$/);
  } finally {
    if (old === undefined) delete process.env.SACPLATE_DB; else process.env.SACPLATE_DB = old;
  }
});

test('a corrupted or foreign file is reported and left byte-for-byte untouched', () => {
  const dir = tmp();
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, 'this is a text file, not a database\n'.repeat(20));
  const before = readFileSync(garbage);
  assert.throws(() => openStore(garbage), (e: unknown) => e instanceof FileError && /not a SQLite database/.test(e.message));
  assert.deepEqual(readFileSync(garbage), before);
  assert.equal(existsSync(garbage + '-wal'), false);

  // valid header, damaged pages
  const good = join(dir, 'good.db');
  const s = openStore(good);
  for (let i = 0; i < 20; i++) s.recordRun({ input: { i, pad: 'x'.repeat(500) }, metrics: {} });
  s.close();
  const bytes = readFileSync(good);
  const damaged = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]);
  const bad = join(dir, 'damaged.db');
  writeFileSync(bad, damaged);
  assert.throws(() => openStore(bad), FileError);
  assert.deepEqual(readFileSync(bad), damaged);

  // a SQLite file of some other program
  const foreign = join(dir, 'foreign.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE t (x)');
  db.close();
  const fb = readFileSync(foreign);
  assert.throws(() => openStore(foreign), (e: unknown) => e instanceof FileError && /not a sacplate store/.test(e.message));
  assert.deepEqual(readFileSync(foreign), fb);

  // a newer schema than this code knows
  const newer = join(dir, 'newer.db');
  const n = new Database(newer);
  n.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  n.close();
  assert.throws(() => openStore(newer), (e: unknown) => e instanceof FileError && /newer/.test(e.message));
});

test('two processes writing runs at the same time: every run is present afterwards', async () => {
  const dir = tmp();
  const path = join(dir, 'shared.db');
  const N = 60;
  const script = join(dir, 'writer.mjs');
  const storeModule = resolve('dist/src/store/index.js');
  writeFileSync(script, `
import { openStore } from ${JSON.stringify(storeModule)};
const [path, tag, n] = process.argv.slice(2);
const ids = [];
for (let i = 0; i < Number(n); i++) {
  const s = openStore(path); // open per run, like separate CLI invocations
  ids.push(s.recordRun({ name: tag + '-' + i, input: { tag, i }, metrics: { i }, artefacts: ['a' + i] }));
  s.close();
}
process.stdout.write(JSON.stringify(ids));
`);
  const runOne = (tag: string) => new Promise<string[]>((res, rej) => {
    const p = spawn(process.execPath, [script, path, tag, String(N)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? res(JSON.parse(out) as string[]) : rej(new Error(`writer ${tag} exited ${code}: ${err}`))));
  });
  const [a, b] = await Promise.all([runOne('A'), runOne('B')]);
  assert.equal(a.length, N);
  assert.equal(b.length, N);
  const s = openStore(path);
  try {
    const all = s.listRuns({ limit: 10 * N });
    assert.equal(all.length, 2 * N);
    const ids = new Set(all.map((r) => r.id));
    for (const id of [...a, ...b]) assert.ok(ids.has(id), `run ${id} lost`);
    for (const tag of ['A', 'B']) {
      const names = new Set(all.filter((r) => r.name?.startsWith(tag + '-')).map((r) => r.name));
      assert.equal(names.size, N);
    }
  } finally { s.close(); }
});

// review88 F1 (mends122): openStore's header probe opened and closed the store file with plain fs calls; closing any fd
// of a file drops every POSIX lock the process holds on it (sqlite.org/howtocorrupt.html 2.2), so a second openStore of
// a store the process had open (the server's GET /api/sweeps, compare, screen) left its connection with no lock. A client
// that then closed cleanly (the docs' SQL from Python) took EXCLUSIVE and deleted the WAL the process still wrote to.
/** The POSIX locks process `pid` holds on `file` (its /proc/locks lines); undefined off Linux. */
function locksOn(file: string, pid: number): string[] | undefined {
  let text: string;
  try { text = readFileSync('/proc/locks', 'utf8'); } catch { return undefined; }
  const ino = statSync(file).ino;
  return text.split('\n').filter((l) => {
    const f = l.trim().split(/\s+/); // "1: POSIX  ADVISORY  READ 31317 fe:00:2647383 1073741826 1073742335"
    return f[1] === 'POSIX' && Number(f[4]) === pid && Number(f[5]?.split(':')[2]) === ino;
  }).map((l) => l.trim().replace(/^\d+:\s*/, '')); // the leading "N:" is the lock's place in the kernel's list of every process's locks: it moves when other processes lock files (one npm test of session 56 read 6: for 3: on the same lock)
}

test('a second openStore of a store this process has open keeps the first connection\'s lock on the file (Linux)', (t) => {
  const path = join(tmp(), 'locks.db');
  const s = openStore(path);
  try {
    s.recordRun({ name: 'first', input: {}, metrics: {} });
    const before = locksOn(path, process.pid);
    if (before === undefined) { t.skip('no /proc/locks'); return; }
    assert.ok(before.length > 0, 'an open WAL store holds a SHARED lock on its file');
    const again = openStore(path);
    again.close();
    assert.deepEqual(locksOn(path, process.pid), before, 'the second open and close left the first connection\'s lock in place');
    s.recordRun({ name: 'second', input: {}, metrics: {} });
    assert.equal(s.listRuns().length, 2);
  } finally { s.close(); }
});

test('a clean reader in another process, then a crash after a write: the write is in the store, which is intact', async (t) => {
  if (!existsSync('/proc/locks')) { t.skip('Linux only'); return; }
  const dir = tmp();
  const path = join(dir, 'shared.db');
  const script = join(dir, 'holder.mjs');
  writeFileSync(script, `
import { openStore } from ${JSON.stringify(resolve('dist/src/store/index.js'))};
const path = process.argv[2];
const s = openStore(path); // held, as the server's Store
s.recordRun({ name: 'before', input: {}, metrics: {} });
openStore(path).close(); // a second open, as SweepStore.open on each GET /api/sweeps
process.stdout.write('ready\\n');
process.stdin.once('data', () => process.stdout.write(s.recordRun({ name: 'after', input: {}, metrics: {} }) + '\\n'));
`);
  const child = spawn(process.execPath, [script, path], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const lines: string[] = [];
  let waiting: (() => void) | undefined;
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
    waiting?.();
  });
  const nextLine = () => new Promise<string>((res, rej) => {
    const exited = () => rej(new Error(`holder exited: ${err}`));
    child.once('exit', exited);
    const check = () => { if (lines.length > 0) { child.off('exit', exited); waiting = undefined; res(lines.shift()!); } };
    waiting = check;
    check();
  });
  const gone = new Promise((res) => child.once('exit', res));
  try {
    assert.equal(await nextLine(), 'ready');
    // another client opens, reads and closes the store cleanly (the docs' SQL from Python; else sqlite3, else node)
    const sql = 'SELECT COUNT(*) FROM runs';
    const readers: [string, string[]][] = [
      ['python3', ['-c', `import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nprint(c.execute(${JSON.stringify(sql)}).fetchone()[0])\nc.close()`, path]],
      ['sqlite3', [path, sql]],
      [process.execPath, ['-e', `const d = new (require('better-sqlite3'))(process.argv[1]); console.log(d.prepare(${JSON.stringify(sql)}).pluck().get()); d.close();`, path]],
    ];
    let reader;
    for (const [cmd, args] of readers) { reader = spawnSync(cmd, args, { encoding: 'utf8' }); if (reader.status === 0) break; }
    assert.equal(reader?.stdout.trim(), '1', reader?.stderr);
    child.stdin.write('write\n');
    const id = await nextLine();
    assert.match(id, /^run-/);
    child.kill('SIGKILL'); // a crash: no handler runs, nothing is checkpointed on the way out
    await gone;
  } finally { child.kill('SIGKILL'); }
  const d = new Database(path);
  try {
    assert.equal(d.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(d.prepare('SELECT name FROM runs ORDER BY created_at').pluck().all(), ['before', 'after']);
  } finally { d.close(); }
});

test('robust62: a store whose tables were changed outside sacplate (a column or the runs table dropped, a trigger refusing writes) is a FileError naming the file and saying so; `runs list` said "internal error: no such column: name ... please report it" (exit 1)', async () => {
  const { cli } = await import('./helpers/cli.js');
  const changed = (sql: string): string => {
    const f = join(tmp(), 's.db');
    const s = openStore(f);
    s.recordRun({ name: 'a', input: {}, metrics: {} });
    s.close();
    const d = new Database(f);
    d.exec(sql);
    d.close();
    return f;
  };
  const said = (f: string) => (e: unknown) => e instanceof FileError && e.file === f
    && /: does not have the tables and columns of a sacplate store \(schema version \d+\): it was changed outside sacplate or damaged; it was left as it is\. Move it away or pass --db with another path \(SQLite: .*(no such (column|table)|has no column named).*\)$/.test(e.message);
  const noName = changed('ALTER TABLE runs DROP COLUMN name');
  const s = openStore(noName);
  try {
    assert.throws(() => s.listRuns({}), said(noName));
    assert.throws(() => s.recordRun({ name: 'b', input: {}, metrics: {} }), said(noName));
  } finally { s.close(); }
  const noRuns = changed('DROP TABLE runs');
  assert.throws(() => openStore(noRuns).listRuns({}), said(noRuns));
  const r = await cli(['runs', 'list', '--db', noRuns]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: .*s\.db: does not have the tables and columns of a sacplate store .*\(SQLite: no such table: runs\)\n$/);
  // a trigger added by hand that refuses a write: the same words, with SQLite's
  const trigger = changed("CREATE TRIGGER t BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'not here'); END");
  const t = openStore(trigger);
  try {
    assert.throws(() => t.recordRun({ name: 'b', input: {}, metrics: {} }), (e: unknown) => e instanceof FileError && e.file === trigger
      && /: a write was refused by a trigger in the store \(added outside sacplate\); it was left as it is\. Drop the trigger, or pass --db with another path \(SQLite: not here\)$/.test(e.message));
  } finally { t.close(); }
});

// audit69: the commands that only read the store (runs list, runs show, lit list/show/normalise/export, results) opened
// it as a run does, creating a --db or SACPLATE_DB mistyped by the user (its folders and a 36 kB empty store: `runs list
// --db /nonexistent/dir/x.db` made /nonexistent/dir) and then said "0 runs" of it; they read no file there now
test('reading a store at a path where there is none creates no file or folder there: runs list, runs show, lit list, results', async () => {
  const { cli } = await import('./helpers/cli.js');
  const { literature } = await import('../src/evidence/library.js');
  const dir = tmp();
  const missing = join(dir, 'typo', 'sub', 's.db');
  assert.equal(literature.list({ db: missing }).records.length > 0, true, 'the review\'s records, none of the store\'s');
  literature.show('ZnSAs', { db: missing });
  literature.normalise({ db: missing });
  literature.exportText({ format: 'csv', db: missing });
  assert.equal(existsSync(join(dir, 'typo')), false, 'lit: no folder made');
  const list = await cli(['runs', 'list', '--db', missing]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stderr, /0 runs in .*s\.db/);
  const show = await cli(['runs', 'show', 'run-x', '--db', missing]);
  assert.equal(show.code, 2, show.stderr);
  const results = await cli(['results', 'some-sweep', '--db', missing]);
  assert.equal(results.code, 2, results.stderr);
  assert.match(results.stderr, /^sacplate: sweep: got "some-sweep", expected a sweep run before with this store \(.*s\.db\)/);
  assert.equal(existsSync(join(dir, 'typo')), false, 'runs list, runs show, results: no folder made');
  // review69: runs list and runs show said "0 runs in PATH" and "expected the id ... of a stored run" of a path where
  // there is no store, the mistyped --db not named as such (results says "there is no store there"); they say it now
  const said = `there is no store there (no such file): simulate, compare, sweep, lit import or serve creates one on first use`;
  assert.equal(list.stderr, `0 runs in ${missing}: ${said}\n`);
  assert.equal(show.stderr, `sacplate: run: got "run-x", expected the id (or a unique prefix) of a stored run in ${missing}; ${said}\n`);
  for (const fmt of ['csv', 'json']) {
    const r = await cli(['runs', 'list', '--format', fmt, '--db', missing]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `0 runs in ${missing}: ${said}\n`, fmt);
  }
});

// mends69 (review69 left it): lit list, show, normalise and export at a path where there is no store listed the review's
// records without a word, so a mistyped --db or SACPLATE_DB hid the records the user had imported; each says it once on
// stderr now, as runs list does, and says nothing where the store is
test('lit list, show, normalise and export at a path with no store say so once on stderr, as runs list; with a store, nothing (mends69)', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = tmp();
  const missing = join(dir, 'typo.db');
  const said = `the review's records alone, none imported, in ${missing}: there is no store there (no such file): simulate, compare, sweep, lit import or serve creates one on first use\n`;
  const commands = [['lit', 'list'], ['lit', 'show', 'ZnSAs'], ['lit', 'normalise'], ['lit', 'export', '--format', 'csv'], ['lit', 'list', '--format', 'json']];
  for (const c of commands) {
    const r = await cli([...c, '--db', missing]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split(said).length - 1, 1, `${c.join(' ')}: ${r.stderr}`);
  }
  // a record not found says it in its one line, as runs show (the one looked for may be in the store the path was meant to name)
  const notFound = await cli(['lit', 'show', 'my-own-record', '--db', missing]);
  assert.equal(notFound.code, 2, notFound.stderr);
  assert.ok(/^sacplate: name: got "my-own-record", expected a system name or id; known: .*; the review's records alone, none imported, in /.test(notFound.stderr)
    && notFound.stderr.endsWith(`; ${said}`) && notFound.stderr.split('\n').length === 2, notFound.stderr);
  // SACPLATE_DB names it as --db does
  assert.ok((await cli(['lit', 'list'], { env: { SACPLATE_DB: missing } })).stderr.startsWith(said));
  assert.equal(existsSync(missing), false, 'no store made');
  // with a store there: no such line
  const db = join(dir, 'there.db');
  openStore(db).close();
  for (const c of commands) {
    const r = await cli([...c, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /no store there/, c.join(' '));
  }
});

// audit69b: a prefix that starts several runs' ids (`runs show run-2026`, the date every id of a day starts with) was
// told `expected the id (or a unique prefix) of a stored run`, as if no run had it; the library's getRun gave undefined,
// as for an id it does not know. Both say it starts N runs' ids now and name some of them.
test('runs show and the library\'s getRun: a prefix of several runs\' ids says so, naming how many and some of them (audit69b)', async () => {
  const { cli } = await import('./helpers/cli.js');
  const { openStore: libraryStore } = await import('../src/store/library.js');
  const db = join(tmp(), 's.db');
  const s = openStore(db);
  const ids = [0, 1, 2].map((i) => s.recordRun({ name: `r${i}`, input: { metal: 'Li' }, metrics: {} }));
  s.close();
  const r = await cli(['runs', 'show', 'run-', '--db', db]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: run: got "run-", expected the id \(or a unique prefix\) of a stored run: it starts 3 runs' ids \(run-\d{8}-\d{9}-[0-9a-f]{8}, run-\d{8}-\d{9}-[0-9a-f]{8}, \.\.\.\); give more of it$/m, r.stderr);
  const unknown = await cli(['runs', 'show', 'run-1999', '--db', db]);
  assert.match(unknown.stderr, /^sacplate: run: got "run-1999", expected the id \(or a unique prefix\) of a stored run; see `sacplate runs list`$/m, unknown.stderr);
  const lib = libraryStore(db);
  try {
    assert.throws(() => lib.getRun('run-'), (e: unknown) => e instanceof InputError && /^id: got "run-", expected a run id or a unique prefix of it: it starts 3 runs' ids /.test(e.message));
    assert.equal(lib.getRun('run-1999'), undefined);
    assert.equal(lib.getRun(ids[1]!)?.id, ids[1]);
  } finally { lib.close(); }
});

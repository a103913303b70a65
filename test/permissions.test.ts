/**
 * robust63: what sacplate says when this user may not write (or read) a store, a checkpoint or validate's records. The
 * earlier audits ran as root, where a mode never refuses anything; here the CLI runs as user nobody through setpriv
 * (test/helpers/as-nobody.ts), from a copy of the build that user can read. Each refusal is one line naming the path and
 * what was needed, exit 2, and the file refused is left as it was (no partial file that would later read as a result).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cannotRunAsNobody, nobodyPackage, ROOT, type NobodyPackage } from './helpers/as-nobody.js';
import { openStore } from '../src/store/index.js';
import { SweepStore } from '../src/sweep/store.js';
import { parseRunInput, parseYamlText } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint } from '../src/simulation/checkpoint.js';
import { FileError } from '../src/errors.js';

const RUN = 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nseed: 1\noutput: { snapshots: false }\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n';

/** one copy of the build for the file's tests (a copy and a probe cost about a second) */
let copy: NobodyPackage | undefined;
const sharedPackage = (): NobodyPackage => (copy ??= nobodyPackage('permissions'));
after(() => copy?.remove());

function oneLine(r: { status: number | null; stderr: string; stdout: string }, starts: string): void {
  assert.equal(r.status, 2, r.stderr + r.stdout);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.ok(!/^\s+at /m.test(r.stderr) && !/internal error/.test(r.stderr), r.stderr);
  assert.ok(r.stderr.startsWith(starts), `${r.stderr}\nexpected it to start with\n${starts}`);
}

/** `sacplate serve --port 0 ARGS` as the user, in `cwd`, once it has printed its address (30 s at most); its stderr so far, and a stop */
async function serveAsNobody(pkg: NobodyPackage, args: string[], cwd: string): Promise<{ url: string; err: () => string; stop: () => Promise<void> }> {
  const child = pkg.start(['serve', '--port', '0', ...args], { cwd });
  let out = '', err = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  const ended = new Promise<void>((done) => child.on('close', () => done()));
  const stop = async () => { child.kill('SIGTERM'); await ended; };
  const t0 = Date.now();
  while (!/http:\/\/\S+\n/.test(out) && Date.now() - t0 < 30_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  const url = /http:\/\/\S+/.exec(out)?.[0];
  if (url === undefined) { await stop(); assert.fail(`the server did not start: ${err}`); }
  return { url, err: () => err, stop };
}

test('a store this user cannot write, open or create: sweep, compare and runs list say which file and what it needs, exit 2, the store left as it was', { timeout: 60_000 }, (t) => {
  const why = cannotRunAsNobody();
  if (why) { t.skip(why); return; }
  const pkg = sharedPackage();
  const d = pkg.scratch('store');
  writeFileSync(join(d, 'ok.yaml'), RUN);
  writeFileSync(join(d, 'sw.yaml'), 'name: sw\nbase: ok.yaml\naxes: { host: [Cu, graphene] }\n');
  writeFileSync(join(d, 'cmp.yaml'), RUN + 'variants: [{ name: a, host: graphene }, { name: b, host: Cu }]\n');
  chmodSync(join(d, 'ok.yaml'), 0o644); chmodSync(join(d, 'sw.yaml'), 0o644); chmodSync(join(d, 'cmp.yaml'), 0o644);
  // a current store whose file is read-only in a folder the user can write: read (runs list), not written (review31);
  // the sweep tables' open said "cannot open the sweep tables (SQLite: attempt to write a readonly database)"
  const ro = join(d, 'ro.db');
  openStore(ro).close();
  chmodSync(ro, 0o444);
  const bytes = readFileSync(ro);
  const roWords = `sacplate: ${ro}: cannot be written: the store file or its folder is read-only for this user`;
  oneLine(pkg.cli(['sweep', 'sw.yaml', '--db', ro, '--plan'], { cwd: d }), roWords);
  assert.deepEqual(readFileSync(ro), bytes, 'left as it was');
  // one that holds the sweep tables already opened, and its first write was "internal error: attempt to write a readonly
  // database" (exit 1): sweep, and compare (whose store check's BEGIN IMMEDIATE passed on a read-only connection)
  const ro2 = join(d, 'ro2.db');
  SweepStore.open(ro2).close();
  chmodSync(ro2, 0o444);
  const bytes2 = readFileSync(ro2);
  const roWords2 = `sacplate: ${ro2}: cannot be written: the store file or its folder is read-only for this user`;
  oneLine(pkg.cli(['sweep', 'sw.yaml', '--db', ro2, '--threads', '1'], { cwd: d }), roWords2);
  oneLine(pkg.cli(['compare', 'cmp.yaml', '--db', ro2, '--out', join(d, 'cmp-out')], { cwd: d }), roWords2);
  assert.ok(!existsSync(join(d, 'cmp-out', 'compare.csv')), 'refused before any run');
  assert.deepEqual(readFileSync(ro2), bytes2, 'left as it was');
  // a new store in a folder the user cannot write: "cannot open the database file (SQLite: unable to open database file)"
  const shut = join(d, 'shut');
  mkdirSync(shut); chmodSync(shut, 0o555);
  for (const args of [['sweep', 'sw.yaml', '--threads', '1'], ['serve', '--port', '0']]) {
    oneLine(pkg.cli([...args, '--db', join(shut, 'new.db')], { cwd: d }),
      `sacplate: ${join(shut, 'new.db')}: cannot be created: its folder ${shut} cannot be written by this user (permission denied (EACCES)); make it writable, or pass --db with a store you can write`);
  }
  assert.deepEqual(readdirSync(shut), []);
  // a store file the user cannot read or write (mode 000): the same SQLite words, not that it is a matter of permissions
  const closed = join(d, 'closed.db');
  openStore(closed).close();
  chmodSync(closed, 0o000);
  for (const args of [['runs', 'list']]) {
    oneLine(pkg.cli([...args, '--db', closed], { cwd: d }),
      `sacplate: ${closed}: cannot be opened: permission denied (EACCES): the store file must be readable and writable by this user; change its mode, or pass --db with a store you can write`);
  }
  chmodSync(closed, 0o644);
});

test('a checkpoint that cannot be replaced (a resume in a sticky folder whose checkpoint.bin is another user\'s; checkpoint.bin.tmp a folder): one line naming the checkpoint, exit 2, no .tmp left, the checkpoint as it was', { timeout: 60_000 }, (t) => {
  const why = cannotRunAsNobody();
  if (why) { t.skip(why); return; }
  const pkg = sharedPackage();
  const d = pkg.scratch('ck');
  const runText = RUN.replace('0.0001 mAh/cm2', '0.002 mAh/cm2');
  writeFileSync(join(d, 'run.yaml'), runText);
  chmodSync(join(d, 'run.yaml'), 0o644);
  const run = parseRunInput(parseYamlText(runText, 'run.yaml'), { baseDir: d });
  // the run's checkpoint at event 300 (written by this process's user), and the step state it was taken at
  const ac = new AbortController();
  let at: [Simulation, StepState] | undefined;
  new Simulation(run).runAll({ chunk: 100, signal: ac.signal, onProgress: (p) => { if (p.events >= 300) ac.abort(); },
    checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { at = [s, st]; } } });
  assert.ok(at, 'a cancel hands over its checkpoint');
  /** an out folder holding that checkpoint */
  const cancelled = (out: string): Buffer => {
    mkdirSync(out);
    writeCheckpoint(join(out, 'checkpoint.bin'), at![0], at![1]);
    return readFileSync(join(out, 'checkpoint.bin'));
  };
  const cases: [string, (out: string) => void][] = [
    // the checkpoint's temporary file cannot be made: EISDIR, for any user
    ['checkpoint.bin.tmp a folder', (out) => { mkdirSync(join(out, 'checkpoint.bin.tmp')); chmodSync(out, 0o777); }],
  ];
  // the file another user's in a folder with the sticky bit (as /tmp): the rename over it is EPERM (needs root to set up)
  if (ROOT) cases.push(['sticky folder, checkpoint.bin root\'s', (out) => { chmodSync(out, 0o1777); }]);
  for (const [label, setUp] of cases) {
    const out = join(d, label.replace(/\W+/g, '-'));
    const good = cancelled(out);
    setUp(out);
    const r = pkg.cli(['simulate', 'run.yaml', '--no-store', '--no-figures', '--out', out, '--resume', '--checkpoint-every', '0'], { cwd: d });
    assert.equal(r.status, 2, `${label}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('sacplate:'));
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(!/^\s+at |internal error/m.test(r.stderr), r.stderr);
    assert.match(lines[0]!, new RegExp(`^sacplate: ${join(out, 'checkpoint.bin').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot write the checkpoint \\(`), `${label}: ${r.stderr}`);
    assert.deepEqual(readFileSync(join(out, 'checkpoint.bin')), good, `${label}: the checkpoint resumed from is as it was`);
    // no partial checkpoint.bin.tmp left beside it (the folder of that name the first case made is its own)
    if (label.startsWith('sticky')) assert.ok(!existsSync(join(out, 'checkpoint.bin.tmp')), `${label}: no checkpoint.bin.tmp left`);
    else assert.deepEqual(readdirSync(join(out, 'checkpoint.bin.tmp')), []);
  }
  // the write itself (the CLI refuses both cases before the run; a disk that fills mid-run meets it there): a FileError
  // in the same words, not Node's bare EISDIR, and the checkpoint as it was
  const out = join(d, 'checkpoint-bin-tmp-a-folder'), file = join(out, 'checkpoint.bin');
  assert.throws(() => writeCheckpoint(file, at![0], at![1]), (e: unknown) => e instanceof FileError
    && e.message.startsWith(`${file}: cannot write the checkpoint (`) && /EISDIR/.test(e.message));
});

test('npm run validate where validation/results.json, README.md or docs/validation.md cannot be written: refused in one line before any study runs (it ran the study, then stopped with a stack trace, the result lost)', { timeout: 60_000 }, (t) => {
  const why = cannotRunAsNobody();
  if (why) { t.skip(why); return; }
  const pkg = sharedPackage();
  const studies = join(pkg.root, 'studies');
  mkdirSync(studies);
  writeFileSync(join(studies, 'package.json'), '{ "type": "module" }\n');
  // a study that leaves a mark when it runs (the user may write the mark's folder)
  const marks = pkg.scratch('marks');
  writeFileSync(join(studies, 'a-mark.js'), `import { writeFileSync } from 'node:fs';
export const study = { id: 'a-mark', title: 'Mark', run() {
  writeFileSync(${JSON.stringify(join(marks, 'ran'))}, 'ran');
  return [{ id: 'mark', quantity: 'one', published: '1', source: 'none', measured: 1, unit: '1', runs: 'one', pass: true, note: 'n' }];
} };\n`);
  mkdirSync(join(pkg.root, 'validation'));
  mkdirSync(join(pkg.root, 'docs'));
  writeFileSync(join(pkg.root, 'README.md'), '# x\n');
  const results = join(pkg.root, 'validation', 'results.json');
  writeFileSync(results, '{"date":"x","node":"v20","studies":[]}\n');
  spawnChmod(pkg.root);
  const before = readFileSync(results, 'utf8');
  // the copy's folders are read-only: none of the three can be written by the user
  const r = pkg.node('dist/validation/run.js', [], { env: { SACPLATE_VALIDATE_STUDIES: studies } });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.ok(!/^\s+at /m.test(r.stderr), r.stderr);
  assert.ok(r.stderr.startsWith(`validate: ${results}: cannot be written: its folder ${join(pkg.root, 'validation')} cannot be written by this user (permission denied (EACCES)); nothing run`), r.stderr);
  assert.ok(!existsSync(join(marks, 'ran')), 'no study ran');
  assert.equal(readFileSync(results, 'utf8'), before);
  // results.json's folder writable, README.md's not: the same, naming README.md
  chmodSync(join(pkg.root, 'validation'), 0o777);
  const r2 = pkg.node('dist/validation/run.js', [], { env: { SACPLATE_VALIDATE_STUDIES: studies } });
  assert.equal(r2.status, 2, r2.stderr);
  assert.ok(r2.stderr.startsWith(`validate: ${join(pkg.root, 'README.md')}: cannot be written: its folder ${pkg.root} cannot be written by this user`), r2.stderr);
  assert.ok(!existsSync(join(marks, 'ran')), 'no study ran');
  chmodSync(pkg.root, 0o755);
});

/** the tree's files readable by all, its folders (the copy's root, validation/, docs/) read-only: a user other than the
 * owner (nobody, under root) and the owner itself (a non-root run) cannot write them */
function spawnChmod(root: string): void {
  for (const f of ['README.md', 'validation', 'docs', 'studies']) chmodSync(join(root, f), f.includes('.') ? 0o644 : f === 'studies' ? 0o755 : 0o555);
  chmodSync(root, 0o555);
  for (const f of readdirSync(join(root, 'studies'))) chmodSync(join(root, 'studies', f), 0o644);
  chmodSync(join(root, 'validation', 'results.json'), 0o644);
}


test('the workbench on a store this user may read but not write: one warning line at its start; a run asked for is a 503 with the store\'s words (it was a 400, as for a bad input), the runs it holds still listed', { timeout: 60_000 }, async (t) => {
  const why = cannotRunAsNobody();
  if (why) { t.skip(why); return; }
  const pkg = sharedPackage();
  const d = pkg.scratch('serve');
  const ro = join(d, 'ro.db');
  openStore(ro).close();
  chmodSync(ro, 0o444);
  const bytes = readFileSync(ro);
  const srv = await serveAsNobody(pkg, ['--db', ro], d);
  try {
    const url = srv.url;
    assert.equal(srv.err(), `sacplate: warning: ${ro}: cannot be written: the store file or its folder is read-only for this user (sacplate writes to its store when it opens it and records runs in it); make both writable, or pass --db with a store you can write (SQLite: attempt to write a readonly database); the workbench shows the runs it holds, but a run started there is refused (503)\n`);
    const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
    const r = await fetch(`${url}api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(run) });
    assert.equal(r.status, 503);
    assert.ok(((await r.json()) as { error: string }).error.startsWith(`${ro}: cannot be written: the store file or its folder is read-only for this user`));
    const list = await fetch(`${url}api/runs`);
    assert.equal(list.status, 200);
    // web68: a cycler file is analysed and not kept (the server keeps analysed files in its store), the store's words why;
    // none listed (the table could not be made)
    const csv = readFileSync(join('..', 'shared', 'data', 'cycler', 'FastCharge_000025_CH8.csv'));
    const analysed = await fetch(`${url}api/cycler?name=cell.csv&protocol=fullcell`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: csv });
    const a = (await analysed.json()) as { kept?: unknown; not_kept?: string; error?: string };
    assert.equal(analysed.status, 200, a.error);
    assert.equal(a.kept, null);
    assert.ok(a.not_kept?.startsWith(`the server's store could not keep it: ${ro}: cannot be written: the store file or its folder is read-only for this user`), a.not_kept);
    assert.deepEqual(((await (await fetch(`${url}api/cycler/files`)).json()) as { files: unknown[] }).files, []);
  } finally {
    await srv.stop();
  }
  assert.deepEqual(readFileSync(ro), bytes, 'left as it was');
});

test('the workbench whose runs\' folder this user cannot make (the store\'s folder made read-only after the start): a run asked for is a 503 naming workbench-runs and why (it was taken, 202, and failed naming it), nothing recorded', { timeout: 60_000 }, async (t) => {
  const why = cannotRunAsNobody();
  if (why) { t.skip(why); return; }
  const pkg = sharedPackage();
  const d = pkg.scratch('serve-runs-folder');
  const db = join(d, 's.db');
  const srv = await serveAsNobody(pkg, ['--db', db], d);
  try {
    const url = srv.url;
    chmodSync(d, 0o555);
    const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
    const r = await fetch(`${url}api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(run) });
    const body = (await r.json()) as { error?: string };
    assert.equal(r.status, 503, JSON.stringify(body));
    assert.equal(body.error, `${join(d, 'workbench-runs')}: the workbench cannot make its runs' folder (permission denied (EACCES)); runs started here write their outputs there (beside the store); make it writable by the user running sacplate serve, or serve a store (--db) in a folder that user can write`);
    const list = (await (await fetch(`${url}api/runs`)).json()) as { runs: unknown[] };
    assert.equal(list.runs.length, 0, 'nothing recorded');
  } finally {
    chmodSync(d, 0o777);
    await srv.stop();
  }
  assert.ok(!existsSync(join(d, 'workbench-runs')));
});

/**
 * Session 33, task mends42: leftovers from earlier reviews; each test fails on the code before its fix.
 * (1) `bench --events N` said "events to time", though N events are timed in each of 3 windows (3 N in all).
 * (2) `screen --report DIR` wrote over a previous report without a word; now refused without --force, as simulate's --out.
 * (3) The library's citations() (and simulate()) read a sweep, nucleation or full-cell file as a run and listed its keys
 * as unknown keys; `sacplate cite` said what the file is. The check is in loadRunFile now, which both read.
 * (5) A screen file's sac_mass_loading (the anode block anode-capacity reads, or a candidate's) given as a bare 1.2 was
 * refused as "a mass fraction from 0 to 100 wt%", which 1.2 is as read; `anode-capacity --sac-loading` refuses any bare
 * number already (left).
 * (6) README's npm test and nucleation tour lines pointed to docs/speed.md for figures that moved to docs/speed-history.md.
 * (7) Six commands (simulate, compare / --seeds, nucleation, sweep, screen, fullcell) each installed their own SIGINT and
 * SIGTERM handlers (first signal stops, a second exits 130); one helper, src/cli/signals.ts, now (their Ctrl-C tests unchanged).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { citations, simulate } from '../src/index.js';
import { FileError } from '../src/errors.js';
import { CITATIONS_TAKE } from '../src/cite/run-citations.js';
import { RUN_FILE_TAKES } from '../src/input/parse.js';
import { parseScreen } from '../src/screen/spec.js';
import { onStopSignals, stopLine } from '../src/cli/signals.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends42-'));

test('bench --help says what --events counts: the events of each timed window, as many windows as the bench times', async () => {
  const help = await cli(['bench', '--help']);
  const said = /--events <n>\s+events\s+in\s+each\s+of\s+the\s+(\d+)\s+timed\s+windows/.exec(help.stdout);
  assert.ok(said, help.stdout);
  const windows = Number(said[1]);
  const r = await cli(['bench', '--app', 'diffusion', '--size', '8', '--events', '1000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout) as { events: number; repeats_events_per_s: number[] };
  assert.equal(b.repeats_events_per_s.length, windows);
  assert.equal(b.events, windows * 1000);
});

test('screen --report into a previous report\'s folder is refused without --force (it was written over), before any simulation; --force writes it', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'report-'));
  const f = path.join(dir, 's.yaml');
  fs.writeFileSync(f, 'name: m42\nbase: { metal: Li, lattice: { size: [8, 8, 10], voxel: 10 nm }, host: N-graphene, protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2] }\nseeds: 1\ncandidates: [{ name: bare, sacs: [] }]\nobjectives: [sustainability]\n');
  const rep = path.join(dir, 'rep'), db = path.join(dir, 's.db');
  const first = await cli(['screen', f, '--report', rep, '--db', db, '--threads', '1']);
  assert.equal(first.code, 0, first.stderr);
  const ranking = path.join(rep, 'ranking.csv');
  fs.writeFileSync(ranking, 'kept');
  const again = await cli(['screen', f, '--report', rep, '--db', path.join(dir, 'other.db'), '--threads', '1']);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `sacplate: --report: got "${rep}", expected a new or empty directory (it holds a previous report: pass --force to clear it first, or choose another folder)\n`);
  assert.equal(fs.readFileSync(ranking, 'utf8'), 'kept');
  assert.ok(!fs.existsSync(path.join(dir, 'other.db')), 'refused before any simulation');
  const forced = await cli(['screen', f, '--report', rep, '--db', db, '--threads', '1', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(fs.readFileSync(ranking, 'utf8'), /^rank,/);
  assert.match((await cli(['screen', f, '--force', '--db', db])).stderr, /^sacplate: --force: got true, expected --report <dir> as well/);
});

test('citations() and simulate() given a file of another kind say what it is (the check of `sacplate cite`, in loadRunFile)', async () => {
  const ex = (f: string) => path.resolve('examples', f);
  const kinds: [string, RegExp][] = [
    ['sweep-loading.yaml', /sweep-loading\.yaml: a sweep file \(base \+ axes\): sacplate sweep runs it; a run file \(metal, lattice, host, protocol\) is read here$/],
    ['li-hosts.yaml', /li-hosts\.yaml: a comparison file \(variants\): sacplate compare runs it; a run file/],
    ['screen-li.yaml', /screen-li\.yaml: a screen file \(base \+ candidates\): sacplate screen runs it; a run file/],
    ['nucleation-na.yaml', /nucleation-na\.yaml: a nucleation case file \(metal, current, cases\): sacplate nucleation reads it; a run file/],
    ['fullcell/li-lfp.yaml', /li-lfp\.yaml: a full-cell file \(cathode, np, cycles, anode\): sacplate fullcell reads it; a run file/],
  ];
  for (const [f, message] of kinds) {
    // (citations() says what it takes in its own words since review33: a screen file's sources are `sacplate cite`'s)
    assert.throws(() => citations(ex(f)), (e: Error) => e instanceof FileError && message.test(e.message.replace(CITATIONS_TAKE, RUN_FILE_TAKES)), f);
    assert.throws(() => simulate(ex(f)), (e: Error) => e instanceof FileError && message.test(e.message), f);
  }
  assert.match(citations(ex('li-zn-sac.yaml')), /sacplate/, 'a run file is cited as before');
  // the CLI's words unchanged: cite names itself
  const c = await cli(['cite', ex('nucleation-na.yaml')]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /^sacplate: .*nucleation-na\.yaml: a nucleation case file \(metal, current, cases\): sacplate nucleation reads it; cite takes a run file, a run folder \(with resolved\.json\) or a screen file\n$/);
});

test('a screen file\'s sac_mass_loading as a bare number above 1 names both forms it takes (0.012 or "1.2 wt%")', async () => {
  const screen = (anode: string, candidate = '') => parseScreen({
    name: 'm42', seeds: 1, base: { metal: 'Li', host: 'N-graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] },
    candidates: [{ name: 'bare', sacs: [], ...(candidate ? { sac_mass_loading: candidate } : {}) }],
    anode: { metal_mass: '2 mg/cm2', host_mass: '1.5 mg/cm2', sac_mass_loading: anode },
  });
  const both = 'expected a mass fraction from 0 to 1 (e.g. 0.012) or with its unit from 0 to 100 wt% (e.g. "1.2 wt%")';
  assert.throws(() => screen('1.2'), (e: Error) => e.message === `anode.sac_mass_loading: got "1.2", ${both}`);
  assert.throws(() => screen('0.012', '99.5'), (e: Error) => e.message === `candidates[0].sac_mass_loading: got "99.5", ${both}`);
  assert.throws(() => screen('150 wt%'), (e: Error) => e.message === `anode.sac_mass_loading: got "150 wt%", ${both}`);
  assert.equal(screen('0.012').anode?.sacMassLoading, 0.012);
  assert.ok(Math.abs(screen('1.2 wt%').anode!.sacMassLoading - 0.012) < 1e-15);
  assert.ok(Math.abs(screen('1.2 %').anode!.sacMassLoading - 0.012) < 1e-15);
});

test('the README\'s npm test and nucleation tour lines point to docs that hold the seconds they cite', () => {
  const readme = fs.readFileSync('README.md', 'utf8').split('\n');
  for (const start of ['npm test ', 'npx sacplate nucleation --metal Li --host graphene --sac Zn-N4 ']) {
    const line = readme.find((l) => l.startsWith(start));
    assert.ok(line, start);
    const comment = line.slice(line.indexOf('#'));
    const docs = [...comment.matchAll(/docs\/[\w-]+\.md/g)].map((m) => m[0]);
    assert.ok(docs.length > 0, comment);
    const text = docs.map((d) => fs.readFileSync(d, 'utf8')).join('\n');
    // every "N s" the line cites (a wall or CPU time) is in a pointed doc, as written or rounded from a tenth ("325 s": 325.2 s)
    const cited = [...comment.matchAll(/(\d+(?:\.\d+)?) s\b/g)].map((m) => m[1]!);
    assert.ok(cited.length >= 3, comment);
    const figures = [...text.matchAll(/(\d+(?:\.\d+)?) s\b/g)].map((m) => m[1]!);
    for (const c of cited) {
      const found = c.includes('.') ? figures.includes(c) : figures.some((f) => Math.round(Number(f)) === Number(c));
      assert.ok(found, `${c} s (${start.trim()}) is in none of ${docs.join(', ')}`);
    }
  }
});

test('one SIGINT/SIGTERM helper for the CLI: first signal stops, later ones quit (or are ignored); no command installs its own', () => {
  const added = (sig: NodeJS.Signals, before: Function[]) => process.listeners(sig).filter((l) => !before.includes(l)) as ((s: NodeJS.Signals) => void)[];
  const beforeInt = process.listeners('SIGINT'), beforeTerm = process.listeners('SIGTERM');
  const calls: string[] = [];
  const off = onStopSignals((sig) => calls.push(`first ${sig}`), (sig) => calls.push(`again ${sig}`));
  const [onInt] = added('SIGINT', beforeInt), [onTerm] = added('SIGTERM', beforeTerm);
  assert.ok(onInt && onTerm && onInt === onTerm, 'one handler on both signals');
  onTerm('SIGTERM');
  onInt('SIGINT');
  onInt('SIGINT');
  assert.deepEqual(calls, ['first SIGTERM', 'again SIGINT', 'again SIGINT']);
  off();
  assert.equal(added('SIGINT', beforeInt).length + added('SIGTERM', beforeTerm).length, 0, 'handlers removed');
  const ignored: string[] = [];
  const off2 = onStopSignals((sig) => ignored.push(sig), null);
  const [h] = added('SIGINT', beforeInt);
  h!('SIGINT'); h!('SIGINT');
  assert.deepEqual(ignored, ['SIGINT']);
  off2();
  assert.equal(stopLine('SIGINT', 'stopping the screen'), '\nsacplate: stopping the screen (Ctrl-C again to quit at once)\n');
  assert.equal(stopLine('SIGTERM', 'stopping the screen'), '\nsacplate: SIGTERM: stopping the screen (a second signal quits at once)\n');
  // the commands that stop on a signal go through the helper: none adds its own handler (sweep's queue worker, which
  // stops once and then takes the default action, and the server keep theirs)
  const own: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.ts') && f !== path.join('src', 'cli', 'signals.ts')) {
        const n = (fs.readFileSync(f, 'utf8').match(/process\.on\('SIG(INT|TERM)'/g) ?? []).length;
        if (n) own.push(`${f}: ${n}`);
      }
    }
  };
  walk(path.join('src', 'cli'));
  assert.deepEqual(own, []);
});

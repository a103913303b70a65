/**
 * Session 33, task review33: this session's merged changes used as a user would; each test fails on the code before
 * its fix.
 * (1) `sweep`'s first Ctrl-C / SIGTERM wrote "stopping: finished results are kept; run again with --resume": the only
 * one of the six commands on the shared helper (src/cli/signals.ts) whose line neither named a SIGTERM nor said that
 * a second signal quits at once (docs/sweeps.md: "A second Ctrl-C exits at once"); it now says it with stopLine.
 * (2) The library's citations() given a screen file said "a screen file (base + candidates): sacplate screen runs it; a
 * run file (metal, lattice, host, protocol) is read here", while `sacplate cite` cites a screen file whole (and
 * docs/api.md said citations() refused it "as cite says"): it now names what it takes and `sacplate cite` for a screen.
 * (3) progress2's run-wide progress mark outlived the run: a Simulation's steps run on their own (runStep) kept the
 * first one's mark, so `sacplate bench --app plating --events 1000` (a warm-up step, then a step cut into windows by
 * `chunk`) timed windows of 1, 1000 and 1000 events (2,001 in all, the median read off a 1-event window's neighbour).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, cliInterrupted } from './helpers/cli.js';
import { citations, simulate } from '../src/index.js';
import { readInputFile } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';
import { FileError } from '../src/errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-review33-'));

test('sweep\'s stop line says what a second signal does, as the other commands\' lines do (SIGINT and SIGTERM)', async () => {
  const f = path.join(tmp, 'sw.yaml');
  fs.writeFileSync(f, 'name: r33\nbase: { metal: Li, lattice: { size: [8, 8, 8], voxel: 10 nm }, host: graphene, protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2] }\naxes: { temperature: [25 degC, 30 degC] }\n');
  for (const [sig, line] of [
    ['SIGINT', '\nsacplate: stopping the sweep: finished results are kept, run again with --resume (Ctrl-C again to quit at once)\n'],
    ['SIGTERM', '\nsacplate: SIGTERM: stopping the sweep: finished results are kept, run again with --resume (a second signal quits at once)\n'],
  ] as const) {
    const r = await cliInterrupted(['sweep', f, '--db', path.join(tmp, `${sig}.db`), '--threads', '1', '--json'], sig);
    assert.ok(r.handled, 'the sweep put its handler in place');
    assert.equal(r.code, 130, r.stderr);
    assert.ok(r.stderr.includes(line), r.stderr);
  }
});

test('citations() given a screen file points to `sacplate cite`, which cites it (it said only that a run file is read here)', async () => {
  const screen = path.resolve('examples/screen-li.yaml');
  assert.throws(() => citations(screen), (e: Error) => e instanceof FileError
    && e.message === `${screen}: a screen file (base + candidates): sacplate screen runs it; citations() takes a run file, a run folder, a run object or a resolved run (a screen file's sources: \`sacplate cite FILE\`)`);
  const c = await cli(['cite', screen]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^Cite for this screen/, 'what the line points to does cite it');
});

test('bench --app plating times 3 windows of --events events each (after its warm-up step the first window was 1 event)', async () => {
  const r = await cli(['bench', '--app', 'plating', '--size', '12', '--events', '1000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout) as { events: number; windows: { events: number }[] };
  assert.deepEqual(b.windows.map((w) => w.events), [1000, 1000, 1000]);
  assert.equal(b.events, 3000);
});

test('citations() given a run folder cites its resolved.json, as `sacplate cite DIR` does (it said EISDIR)', async () => {
  const f = path.join(tmp, 'run.yaml'), out = path.join(tmp, 'run-out');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 10 nm }\nhost: graphene\nsacs: [{ site: Zn-N4, loading: 5 % }]\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', f, '--out', out, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  for (const [fmt, flag] of [['text', []], ['bibtex', ['--bibtex']]] as const) {
    const c = await cli(['cite', out, ...flag]);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(citations(out, fmt), c.stdout);
  }
  assert.match(citations(out), /Zn-N4/, 'the run\'s own sets are cited');
  assert.throws(() => citations(tmp), (e: Error) => e instanceof FileError && /not a run folder \(no resolved\.json\); it holds a run folder: cite that, .*run-out$/.test(e.message));
});

test('simulate() and citations() given an object of another kind say what it is, as for its file', () => {
  const kinds: [string, RegExp][] = [
    ['sweep-loading.yaml', /^name: got "sweep-loading", expected no such key in a single run \(the keys of a sweep file \(base \+ axes\): sacplate sweep runs it\)$/],
    ['screen-li.yaml', /^name: got "screen-li", expected no such key in a single run \(the keys of a screen file \(base \+ candidates\): sacplate screen runs it\)$/],
    ['nucleation-na.yaml', /^current: got "1 mA\/cm2", expected no such key in a single run \(the keys of a nucleation case file/],
    ['fullcell/li-lfp.yaml', /^cathode: got "LFP", expected no such key in a single run \(the keys of a full-cell file/],
  ];
  for (const [f, message] of kinds) {
    const o = readInputFile(path.resolve('examples', f)) as Record<string, unknown>;
    for (const call of [() => simulate(o), () => citations(o)]) assert.throws(call, (e: Error) => e instanceof InputError && message.test(e.message), f);
  }
  // a run object with a misspelt key still has the run's list of keys
  assert.throws(() => simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], sede: 1 }), /sede: got 1, expected no such key \(did you mean "seed"\?\); allowed keys: metal, /);
});

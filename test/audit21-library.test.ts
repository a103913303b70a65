/**
 * The library API as a scripting user meets it (branch audit21): each mistake a caller can make in
 * an object is one InputError naming the field, the value and what was expected, before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../src/errors.js';
import { nucleation } from '../src/nucleation/index.js';

const oneLine = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes('\n');

test('nucleation(): a library request is checked before the atomistic stage (a negative capacity looped for ever, a current of 0 reported 0 mV, text currents and SAC numbers failed naming internal fields)', () => {
  const req = { metal: 'Li', host: 'graphene', sac: { binding_eV: -2.0, reference_eV: -1.2, element: 'Zn' }, loading: '1 wt%', current_A_per_m2: 10, atomistic: { runs: 4, L: 12, target: 16, maxEvents: 20000 } };
  const cases: [string, unknown, RegExp][] = [
    ['no request', undefined, /^request: got nothing \(field missing\), expected a nucleation request/],
    ['negative capacity (hung)', { ...req, capacity_C_per_m2: -1 }, /^capacity_C_per_m2: got -1, expected a plated capacity in C\/m2/],
    ['current 0 (reported 0 mV)', { ...req, current_A_per_m2: 0 }, /^current_A_per_m2: got 0, expected a plating current density in A\/m2/],
    ['current as text (plateau.maxDuration_s after the atomistic stage)', { ...req, current_A_per_m2: '1 mA/cm2' }, /^current_A_per_m2: got "1 mA\/cm2"/],
    ['a key of the CLI', { ...req, current: '1 mA/cm2' }, /^request\.current: got "1 mA\/cm2", expected no such key/],
    ['temperature out of range (no law found)', { ...req, T_K: -5 }, /^T_K: got -5, expected a temperature in K, a number from 150 to 400/],
    ['atomistic box as text ("x x x sites")', { ...req, atomistic: { L: 'x' } }, /^atomistic\.L: got "x", expected an integer from 4 to 256/],
    ['atomistic typo', { ...req, atomistic: { run: 4 } }, /^atomistic\.run: got 4, expected no such key \(did you mean "runs"\?\)/],
    ['SAC binding as text ("energy: got {...}")', { ...req, sac: { binding_eV: 'x' } }, /^sac\.binding_eV: got "x", expected an energy in eV, a number from -10 to 10/],
    ['SAC key of the CLI text', { ...req, sac: { binding: -2 } }, /^sac\.binding: got -2, expected no such key \(did you mean "binding_eV"\?\)/],
    ['SAC as a number', { ...req, sac: 5 }, /^sac: got 5, expected a SAC name/],
    ['named SAC with a stray key', { ...req, sac: { name: 'Zn-N4', loading: '2 %' } }, /^sac\.loading: got "2 %", expected no such key; a named SAC has name and migration_eV/],
  ];
  for (const [what, r, re] of cases) {
    const t0 = performance.now();
    assert.throws(() => nucleation(r as never), oneLine(re), what);
    assert.ok(performance.now() - t0 < 500, `${what}: refused before any work`);
  }
});

test("the package entry holds the four tasks' functions: nucleation, screening and cycler analysis were reachable only by paths the package does not export", async () => {
  const lib = await import('sacplate');
  for (const k of ['simulate', 'nucleation', 'runScreen', 'parseScreen', 'loadScreenFile', 'analyzeFile', 'formatReport', 'NucleationCancelled', 'OBJECTIVES'] as const) {
    assert.ok(k in lib, `sacplate exports ${k}`);
  }
});

test('library options: a misspelt, mistyped or missing option is one InputError naming it, before any work (each was ignored, a TypeError, or named a CLI flag)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const sim = (o: unknown) => () => lib.simulate(run, o as never);
  const cases: [string, () => unknown, RegExp][] = [
    ['simulate: outdir (ignored: nothing written)', sim({ outdir: '/tmp/x' }), /^options\.outdir: got "\/tmp\/x", expected no such option \(did you mean "outDir"\?\)/],
    ['simulate: signal "stop" (never stopped)', sim({ signal: 'stop' }), /^signal: got "stop", expected an AbortSignal/],
    ['simulate: resume "yes" ("--resume: got true")', sim({ resume: 'yes' }), /^resume: got "yes", expected true or false/],
    ['simulate: resume without outDir (named --resume, --out)', sim({ resume: true }), /^resume: got true, expected an output folder as well \(outDir\)/],
    ['simulate: checkpointEvery_s "10" (taken)', sim({ outDir: '/tmp/never-made', checkpointEvery_s: '10' }), /^checkpointEvery_s: got "10", expected seconds of wall time, a number >= 0/],
    ['simulate: config.counter 5 (NaN cell voltages)', sim({ config: { counter: 5 } }), /^config\.counter: got 5, expected a counter electrode/],
  ];
  for (const [what, f, re] of cases) assert.throws(f, oneLine(re), what);
  const f = '../shared/data/cycler/neware_uio.csv';
  for (const [what, o, re] of [
    ['analyzeFile: no options (TypeError)', undefined, /^options: got nothing \(field missing\), expected a map of options with protocol/],
    ['analyzeFile: protocol typo (ran, analysed nothing)', { protocol: 'symetric' }, /^protocol: got "symetric", expected one of symmetric, licu, aurbach, fullcell/],
    ['analyzeFile: area -1 (taken)', { protocol: 'licu', area_cm2: -1 }, /^area_cm2: got -1, expected a number above 0/],
    ['analyzeFile: area as text (taken)', { protocol: 'licu', area_cm2: '1 cm2' }, /^area_cm2: got "1 cm2"/],
    ['analyzeFile: option typo (ignored)', { protocol: 'licu', areaCm2: 1 }, /^options\.areaCm2: got 1, expected no such option/],
    ['analyzeFile: format named --format', { protocol: 'licu', format: 'xyz' }, /^format: got "xyz", expected one of /],
  ] as const) await assert.rejects(lib.analyzeFile(f, o as never), oneLine(re), what);
  const screen = { base: run, seeds: 1, candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }], objectives: ['sustainability'] };
  for (const [what, a, o, re] of [
    ['runScreen(5)', 5, {}, /^screen: got 5, expected a map with keys base, candidates/],
    ['runScreen: unknown objective (TypeError after every simulation)', screen, { objectives: ['roughness'] }, /^objectives: got "roughness", expected one of nucleation_overpotential_mV/],
    ['runScreen: option typo (ignored)', screen, { treads: 2 }, /^options\.treads: got 2, expected no such option \(did you mean "threads"\?\)/],
    ['runScreen: signal "x" (a TypeError)', screen, { signal: 'x' }, /^signal: got "x", expected an AbortSignal/],
  ] as const) await assert.rejects(lib.runScreen(a as never, o as never), oneLine(re), what);
  await assert.rejects(lib.runSeeds(run, [1], { treads: 2 } as never), oneLine(/^options\.treads: got 2, expected no such option \(did you mean "threads"\?\)/), 'runSeeds: option typo (ignored)');
  await assert.rejects(lib.runPool([run], { thread: 2 } as never), oneLine(/^options\.thread: got 2, expected no such option \(did you mean "threads"\?\)/), 'runPool: option typo (ignored)');
  assert.throws(() => lib.simulateInWorker(run, { outdir: 'x' } as never), oneLine(/^options\.outdir: got "x", expected no such option \(did you mean "outDir"\?\)/), 'simulateInWorker: option typo (refused on the worker)');
  assert.throws(() => lib.loadScreenFile(5 as never), oneLine(/^file: got 5, expected a screen file path/), 'loadScreenFile(5) asked for a run file path');
  const req = { metal: 'Li', host: 'Cu', current_A_per_m2: 10 };
  await assert.rejects(lib.nucleation(req, { db: 5 } as never), oneLine(/^db: got 5, expected a store file path \(text\), or false/));
  await assert.rejects(lib.nucleation(req, { signal: 'x' } as never), oneLine(/^signal: got "x", expected an AbortSignal/));
  await assert.rejects(lib.nucleation(req, { signal: AbortSignal.abort(), db: false }), (e: unknown) => e instanceof lib.NucleationCancelled);
});

test('runSeeds takes a run object as simulate does (it asked for resolveInput(run) first)', async () => {
  const lib = await import('sacplate');
  // 50 nm voxels: 8 x 8 x 8 at 10 nm ran 57,800 events at 4,800 events/s (12 s)
  const run = { metal: 'Li', lattice: { size: [10, 10, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const s = await lib.runSeeds(run, [3], { threads: 1 });
  assert.equal(s.runs[0]!.events, lib.simulate(run, { seed: 3 }).metrics.events);
  await assert.rejects(lib.runSeeds({ ...run, metal: 'Mg' }, [3]), oneLine(/^metal: got "Mg"/));
});

test('citations(run): what `sacplate cite` prints for the same run file (the library had no way to the sources a run used)', async () => {
  const lib = await import('sacplate');
  const { cli } = await import('./helpers/cli.js');
  for (const fmt of ['text', 'bibtex'] as const) {
    const r = await cli(['cite', 'examples/li-zn-sac.yaml', ...(fmt === 'bibtex' ? ['--bibtex'] : [])]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lib.citations('examples/li-zn-sac.yaml', fmt), r.stdout);
  }
  assert.throws(() => lib.citations('examples/li-zn-sac.yaml', 'apa' as never), oneLine(/^format: got "apa", expected one of text, bibtex, ris$/));
});

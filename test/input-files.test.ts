/**
 * The files a user gives: several unknown keys named at once (run, sweep and screen files, server bodies), a file of
 * another command's kind said as such, UTF-16 or binary files, two YAML documents, a simulation output given to
 * analyze; a run file's parameter sets as `params show` and `params list` read them.
 *
 * Moved here from test/audit27.test.ts, test/audit29.test.ts, test/audit30.test.ts, test/mends31.test.ts,
 * test/audit33.test.ts and test/mends41.test.ts (branch testsort; docs/history.md's testsort entry maps each old
 * file to its new ones). Each test's story is told in docs/history.md under the session that wrote it: a session's
 * name in a test's name (e.g. 'mends36') refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempFolder } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { alsoKeys, namedKeys, refusalScratch } from './helpers/refusals.js';
import { TINY_RUN } from './helpers/small-runs.js';
import { InputError } from '../src/errors.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { parseRunInput, parseYamlText } from '../src/input/parse.js';
import { runShape } from '../src/input/run-schema.js';
import { defaultSpecies } from '../src/io/species.js';
import { SAC_BASE } from '../src/lattice/species.js';
import { elementsStage, type StageContext } from '../src/screen/stages.js';
import { DEFAULT_WEIGHTS } from '../src/evidence/elements.js';

const { dir, db: DB, file, run: RUN, refusal } = refusalScratch('input-files');

const dir2 = tempFolder('input-files');
const dir3 = tempFolder('input-files');

const tmp = tempFolder('input-files');

test('a run file with three unknown keys in two sections (lattice, and cell beside an electrolyte) names all three in one line, the first as before', async () => {
  const run = file('typos.yaml', `${RUN}lattice: { size: [8, 8, 8], voxle: 10 nm, fol: stepped }\nelectrolyte: LiPF6-EC-DMC\ncell: { separator_distanse: 25 um }\n`);
  const line = await refusal(['simulate', run, '--no-store']);
  assert.match(line, /^lattice\.voxle: got "10 nm", expected no such key \(did you mean "voxel"\?\); allowed keys: size, voxel, terrace_width, foil; also no such keys: /);
  assert.deepEqual(namedKeys(line), ['lattice.voxle', 'lattice.fol', 'cell.separator_distanse'], line);
  // each with its own near spelling
  assert.match(line, /lattice\.fol \(did you mean "foil"\?\)/);
  assert.match(line, /cell\.separator_distanse \(did you mean "separator_distance"\?\)/);
  // keys beside a quantity's value and unit, deeper down, each by its full path (the others were named from the quantity: "note")
  const base = { metal: 'Li', host: 'graphene', protocol: ['Rest for 1 s'], lattice: { size: [8, 8, 8], voxel: '10 nm' } };
  assert.throws(() => parseRunInput({ ...base, electrochem: { double_layer: { value: 20, unit: 'uF/cm2', source: 'my fit', note: 'x' } } }), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.match(e.message, /^electrochem\.double_layer\.source: got "my fit", expected no such key; a quantity is \{ value, unit \}/);
    assert.deepEqual(namedKeys(e.message), ['electrochem.double_layer.source', 'electrochem.double_layer.note'], e.message);
    return true;
  });
});

test('a sweep file and a screen candidate with several unknown keys name them all', async () => {
  const sweep = await refusal(['sweep', file('sweep.yaml', 'bsae: run.yaml\naxs: { seed: [1, 2] }\nsedes: [1]\n'), '--db', DB]);
  assert.match(sweep, /^bsae: got "run\.yaml", expected no such key in a sweep file \(did you mean "base"\?\); allowed keys: name, base, /);
  assert.deepEqual(namedKeys(sweep), ['bsae', 'axs', 'sedes'], sweep);
  const screen = await refusal(['sweep', file('screen.yaml', 'base: run.yaml\ncandidates: [{ name: x, hots: graphene, sac: Zn-N4, lodaing: 2 % }]\n'), '--db', DB]);
  assert.match(screen, /^candidates\[0\]\.hots: got "graphene", expected no such key \(did you mean "host"\?\)/);
  assert.deepEqual(namedKeys(screen), ['candidates[0].hots', 'candidates[0].sac', 'candidates[0].lodaing'], screen);
});

test('a server body (a run to validate, a nucleation request) with several unknown keys: a 400 naming them all', async () => {
  const service = new RunService({ storePath: DB, concurrency: 1, writeFiles: false });
  const app = await buildApp({ service });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(r.status, 400, url);
      return ((await r.json()) as { error: string }).error;
    };
    const run = await post('/api/validate', { metal: 'Li', host: 'graphene', protocol: ['Rest for 1 s'], temprature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, electrochem: { ohmc: '1 Ohm cm2', counter: { alpah: 0.5 } } });
    assert.match(run, /^temprature: got "25 degC", expected no such key \(did you mean "temperature"\?\); allowed keys: metal, /);
    assert.deepEqual(namedKeys(run), ['temprature', 'electrochem.ohmc', 'electrochem.counter.alpah'], run);
    const nuc = await post('/api/nucleation', { metal: 'Na', curent: '1 mA/cm2', capacty: '1 mAh/cm2', cases: [{ host: 'Cu' }] });
    assert.match(nuc, /^curent: got "1 mA\/cm2", expected no such key \(did you mean "current"\?\); allowed keys: metal, /);
    assert.deepEqual(namedKeys(nuc), ['curent', 'capacty'], nuc);
  } finally {
    await app.close();
    await service.close();
  }
});

test('parseRunInput reads a run once: the all-unknown-keys pass runs only for a run that failed, and every unknown key is still refused in its words', () => {
  const base = {
    metal: 'Li', host: 'Cu', temperature: { value: 25, unit: 'degC' }, lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Zn-N4', loading: '2 %' }],
    protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], electrochem: { double_layer: { value: 20, unit: 'uF/cm2' }, counter: { alpha: 0.5 } },
    output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' }, electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38 },
    cell: { diffusion_layer: '50 um', field_cell: '10 nm' }, sei: { set: 'carbonate' },
  };
  // counts the whole-run parses (the all-unknown-keys pass) through to zod's own safeParse
  let parses = 0;
  const own = runShape.safeParse;
  Object.defineProperty(runShape, 'safeParse', { configurable: true, value: (...a: Parameters<typeof own>) => { parses++; return own.apply(runShape, a); } });
  try {
    parseRunInput(base);
    assert.equal(parses, 0, 'a run that resolves is read once, by its section checks');
    // an unknown key at every map of the run, alone and beside a bad value read before it: refused in the all-keys pass's words
    const maps: (string | number)[][] = [[], ['temperature'], ['lattice'], ['sacs', 0], ['electrochem'], ['electrochem', 'double_layer'], ['electrochem', 'counter'], ['output'], ['kinetics'], ['electrolyte'], ['cell'], ['sei']];
    for (const path of maps) {
      for (const badMetal of [false, true]) {
        const input = structuredClone(base) as Record<string, unknown>;
        (path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], input) as Record<string, unknown>).zzq = 1;
        input.tempratur = 2;
        if (badMetal) input.metal = 'Mg';
        const zzq = [...path, 'zzq'].reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
        assert.throws(() => parseRunInput(input), (e: unknown) => {
          assert.ok(e instanceof InputError, String(e));
          const named = [e.field, ...alsoKeys(e.message)];
          assert.ok(named.includes('tempratur') && named.includes(zzq), `${zzq}: ${e.message}`);
          return true;
        }, JSON.stringify(path));
      }
    }
  } finally {
    delete (runShape as { safeParse?: unknown }).safeParse;
  }
});

test('a run, comparison, sweep, screen, full-cell, cite, nucleation or lit import file that is UTF-16 or binary is refused as such, in one line', async () => {
  const text = 'metal: Li\ntemperature: 25 degC\n';
  const utf16 = join(dir2, 'utf16.yaml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const png = join(dir2, 'figure.yaml');
  writeFileSync(png, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR')]));
  for (const cmd of [['simulate'], ['compare'], ['sweep'], ['screen'], ['fullcell'], ['cite'], ['nucleation']]) {
    const a = await cli([...cmd, utf16]);
    assert.equal(a.code, 2, `${cmd[0]}: ${a.stderr}`);
    assert.equal(a.stderr.trim(), `sacplate: ${utf16}:1: is UTF-16 encoded; save it as UTF-8 (a YAML or JSON text file)`, cmd[0]);
    const b = await cli([...cmd, png]);
    assert.equal(b.code, 2, `${cmd[0]}: ${b.stderr}`);
    assert.equal(b.stderr.trim(), `sacplate: ${png}:3: contains NUL bytes: binary data (or UTF-16), not a YAML or JSON text file`, cmd[0]);
  }
  // lit import (csv, json or yaml records): it said 'record: expected a mapping with id, name, metal, ...'
  const lit = await cli(['lit', 'import', utf16, '--db', join(dir2, 'lit.db')]);
  assert.equal(lit.code, 2, lit.stderr);
  assert.equal(lit.stderr.trim(), `sacplate: ${utf16}:1: is UTF-16 encoded; save it as UTF-8 (a CSV, JSON or YAML text file)`);
});

test('a run file with two YAML documents says so in words, at the line of the second', async () => {
  const file = join(dir2, 'two-docs.yaml');
  writeFileSync(file, 'metal: Li\nhost: Cu\n---\nmetal: Na\n');
  const r = await cli(['simulate', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${file}:3: holds a second YAML document (a "---" line starts it): a run file is one document`);
  // a single document may start with "---"
  writeFileSync(file, '---\nmetal: Li\n');
  assert.match((await cli(['simulate', file])).stderr, /lattice: got nothing \(field missing\)/);
});

test('a nucleation case file with two YAML documents says so in words, at the line of the second', async () => {
  const file = join(dir3, 'cases-two.yaml');
  writeFileSync(file, 'metal: Li\ncurrent: 1 mA/cm2\ncases: []\n---\nmetal: Na\n');
  const r = await cli(['nucleation', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${file}:4: holds a second YAML document (a "---" line starts it): a nucleation case file is one document`);
});

test('screen, fullcell, cite and sweep given another command\'s file say what it is and which command reads it', async () => {
  const ex = (f: string) => resolve('examples', f);
  const cases: [string[], RegExp][] = [
    [['screen', ex('li-zn-sac.yaml')], /li-zn-sac\.yaml: a run file \(metal, lattice, host, protocol\): sacplate simulate runs it; a screen file has base:/],
    [['screen', ex('sweep-loading.yaml')], /sweep-loading\.yaml: a sweep file \(base \+ axes\): sacplate sweep runs it; a screen file has/],
    [['screen', ex('nucleation-na.yaml')], /nucleation-na\.yaml: a nucleation case file \(metal, current, cases\): sacplate nucleation reads it/],
    [['fullcell', ex('li-zn-sac.yaml')], /li-zn-sac\.yaml: a run file .*; a full-cell file has cathode:, np:, cycles: and anode:/],
    [['fullcell', ex('screen-li.yaml')], /screen-li\.yaml: a screen file \(base \+ candidates\): sacplate screen runs it; a full-cell file has/],
    [['cite', ex('nucleation-na.yaml')], /nucleation-na\.yaml: a nucleation case file .*; cite takes a run file, a run folder \(with resolved\.json\) or a screen file/],
    [['cite', ex('fullcell/li-lfp.yaml')], /li-lfp\.yaml: a full-cell file \(cathode, np, cycles, anode\): sacplate fullcell reads it; cite takes/],
    // its metal: was read as a run file's ("the base run: this is a run file ...")
    [['sweep', ex('nucleation-na.yaml'), '--threads', '1'], /sweep: got ".*nucleation-na\.yaml", expected a sweep file \(base \+ axes\) or a screen file, not a nucleation case file/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(args[0] === 'screen' || args[0] === 'sweep' ? [...args, '--db', join(tmp, 'kind.db')] : args, { cwd: tmp });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  // a full-cell file's anode run: a sweep file is named as one, an error inside a run file names the file
  const sweepAnode = join(tmp, 'fc-sweep.yaml');
  writeFileSync(sweepAnode, `cathode: LFP\nnp: 1\ncycles: 10\nanode: { run: ${JSON.stringify(ex('sweep-loading.yaml'))} }\n`);
  const a = await cli(['fullcell', sweepAnode], { cwd: tmp });
  assert.match(a.stderr, /^sacplate: .*sweep-loading\.yaml: a sweep file \(base \+ axes\): sacplate sweep runs it; anode\.run takes a Li\|\|Cu run file \(one run with plate\/strip cycles\)\n$/); // loadRunFile's check (mends43)
  writeFileSync(join(tmp, 'bad-anode.yaml'), 'metal: Li\nlattice: { size: [8, 8, 8], voxl: 10 nm }\nhost: Cu\nprotocol: [Plate at 1 mA/cm2 for 1 s]\n');
  writeFileSync(join(tmp, 'fc-bad.yaml'), 'cathode: LFP\nnp: 1\ncycles: 10\nanode: { run: bad-anode.yaml }\n');
  const b = await cli(['fullcell', join(tmp, 'fc-bad.yaml')], { cwd: tmp });
  assert.match(b.stderr, /^sacplate: .*bad-anode\.yaml: anode\.run: lattice\.voxl: got "10 nm", expected no such key \(did you mean "voxel"\?\)/);
});

test('analyze names a simulation output given in place of a cycler export; sweep names a run file given in place of a sweep file', async () => {
  const run = join(dir3, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'eta.csv'), 'time_s,charge_C_per_cm2,overpotential_mV\n0,0,0\n');
  // a .vti's appended binary block holds NUL bytes; an .extxyz starts with its atom count
  writeFileSync(join(run, 'final.vti'), Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<VTKFile type="ImageData">\n<AppendedData encoding="raw">\n_'), Buffer.from([0, 0, 1, 0])]));
  writeFileSync(join(run, 'final.extxyz'), '66\nLattice="1 0 0 0 1 0 0 0 1" Properties=species:S:1:pos:R:3\nLi 0 0 0\n');
  writeFileSync(join(run, 'metrics.json'), '{"nucleation_overpotential_mV": 20}\n');
  const reads = `not a cycler export: analyze reads cycler files (.mpt, Neware, Arbin, Landt, BDF, ... CSV) or a simulated run's eta.csv (this run's: ${join(run, 'eta.csv')})`;
  for (const [f, what] of [['final.vti', 'a VTK image (a simulation output: the deposit\'s voxels)'], ['final.extxyz', 'an extended XYZ file (a simulation output: the deposit\'s atoms)'], ['metrics.json', 'a run\'s metrics.json (a simulation output)']]) {
    const r = await cli(['analyze', join(run, f!), '--protocol', 'symmetric']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: ${join(run, f!)}: is ${what}, ${reads}`);
  }
  const file = join(dir3, 'run.yaml');
  writeFileSync(file, JSON.stringify(TINY_RUN));
  const s = await cli(['sweep', file]);
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr.trim(), /^sacplate: base: got nothing \(field missing\), expected the base run: this is a run file \(metal, lattice, host, protocol at the top; `sacplate simulate` runs it once\)\. A sweep file has base: \(the run\) and the keys it varies, e\.g\. base: run\.yaml .*axes: \{ sacs\[0\]\.loading: \[1 %, 2 %\] \}, seeds: \[1, 2\]/);
});

test('params show: an unknown name lists the sets of the kind asked for, electrolytes included', async () => {
  const el = await cli(['params', 'show', 'Li', '--kind', 'electrolyte']);
  assert.equal(el.code, 2, el.stderr);
  assert.equal(el.stderr.trim(), 'sacplate: name: got "Li", expected a known electrolyte set: LiPF6-EC-DMC, LiPF6-EC-EMC, LiTFSI-DOL-DME, NaPF6-diglyme, KFSI-DME');
  const any = await cli(['params', 'show', 'bogus']);
  assert.equal(any.code, 2, any.stderr);
  assert.match(any.stderr.trim(), /^sacplate: name: got "bogus", expected a known parameter set: Li, Na, K, Cu, .*, Zn-N4, .*, LiPF6-EC-DMC, LiPF6-EC-EMC, LiTFSI-DOL-DME, NaPF6-diglyme, KFSI-DME, carbonate, ether, ether-LiNO3, Na-ether, Na-carbonate, K-ether; or a full-cell cathode set \(sacplate fullcell's cathode:\): LFP, NCM811, NVP, S, KMnHCF$/);
  const sac = await cli(['params', 'show', 'Li', '--kind', 'sac']);
  assert.doesNotMatch(sac.stderr, /LiPF6|: Li, /, sac.stderr);
  // and the set itself with --kind electrolyte, as without it
  const ok = await cli(['params', 'show', 'KFSI-DME', '--kind', 'electrolyte']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^electrolyte KFSI-DME: /);
});

test('a run file\'s SAC set given a DFT adsorption energy is told what the binding is; params show leaves out a coordination not given; NMC811 is hinted', async () => {
  const f = join(tmp, 'own-sac.yaml');
  const run = (binding: string) => 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + `protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: ${binding} } } } } }\n`;
  writeFileSync(f, run('-2.9 eV'));
  const r = await cli(['params', 'resolve', f], { cwd: tmp });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /binding: got "-2\.9 eV", expected a binding energy of 0 to 5 eV \(positive = bound\), e\.g\. "0\.30 eV": the model's effective binding, not a DFT adsorption energy: .*binding_vs_support_eV.*nucleation --sac/);
  // above the range: the range alone (a DFT number's sign is what the words are for)
  writeFileSync(f, run('9 eV'));
  assert.doesNotMatch((await cli(['params', 'resolve', f], { cwd: tmp })).stderr, /DFT/);
  writeFileSync(f, run('0.6 eV'));
  const show = await cli(['params', 'show', 'Cu-N3', '--input', f], { cwd: tmp });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /\n {2}element Cu, support N-graphene\n/);
  const fc = join(tmp, 'fc-nmc.yaml');
  writeFileSync(fc, 'cathode: NMC811\nnp: 1\ncycles: 10\nanode: { ce: 0.99 }\n');
  assert.match((await cli(['fullcell', fc], { cwd: tmp })).stderr, /cathode: got "NMC811", expected a known cathode \(LFP, NCM811, NVP, S, KMnHCF\) \(did you mean "NCM811"\?\)/);
});

test('params show --input: a host\'s or SAC\'s terraceBarrier given in a parameters block says on its line that the run does not use it, and the barrier the run derives (review64, mends83)', async () => {
  const f = join(tmp, 'hop-given.yaml');
  writeFileSync(f, 'hosts:\n  cu-foam: { metals: { Li: { binding: 0.05 eV, terraceBarrier: 0.10 eV } } }\n  bare-foam: { metals: { Li: { binding: 0.05 eV } } }\n'
    + 'sacs:\n  Cu-N4: { element: Cu, metals: { Li: { binding: 0.9 eV, terraceBarrier: { value: 0.3, unit: eV, source: { ref: "doi:10.1000/neb", where: Table 2 } } } } }\n');
  const line = async (name: string) => {
    const show = await cli(['params', 'show', name, '--input', f], { cwd: tmp });
    assert.equal(show.code, 0, show.stderr);
    return show.stdout.split('\n').find((l) => /^ {2}metals\.Li\.terraceBarrier /.test(l)) ?? '';
  };
  // Li: terrace barrier 0.10 eV, bond 0.10 eV: the run's hop off the site is the binding
  const host = await line('cu-foam');
  assert.match(host, /terraceBarrier +0\.1 eV +user input, parameters\.hosts\.cu-foam\.metals\.Li\.terraceBarrier \(not used by the run: /, host);
  assert.match(host, /binding \(0\.050\) eV = 0\.050 eV/, host);
  const sac = await line('Cu-N4');
  assert.match(sac, /terraceBarrier +0\.3 eV +doi:10\.1000\/neb, Table 2 \(not used by the run: .*= 0\.900 eV/, sac);
  // a set that gives none shows the derived barrier, without the words
  assert.doesNotMatch(await line('bare-foam'), /not used/);
});

test('params show --input: a run file whose parameters: is a file path reads that file; a screen file is refused as one', async () => {
  writeFileSync(join(tmp, 'sets.yaml'), 'sacs:\n  Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: 0.6 eV } } }\n');
  const run = join(tmp, 'run-sets.yaml');
  writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nprotocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: sets.yaml\n');
  // the run file's own reader takes the path (params resolve); --input said 'parameters: got "sets.yaml", expected a map ...'
  assert.equal((await cli(['params', 'resolve', run], { cwd: tmp })).code, 0);
  const show = await cli(['params', 'show', 'Cu-N3', '--input', run], { cwd: tmpdir() });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^sac Cu-N3: user-defined SAC site\n/);
  assert.match(show.stdout, /metals\.Li\.binding +0\.6 eV/);
  const screen = await cli(['params', 'show', 'Cu-N3', '--input', resolve('examples/screen-li.yaml')], { cwd: tmp });
  assert.equal(screen.code, 2);
  assert.match(screen.stderr, /--input: got ".*screen-li\.yaml", expected a run or comparison file with a parameters: block .*; this file has no parameters: key: it is a screen file/);
});

// mends81 (review67: `params show Cu-N4 --input sacset.yaml`, the file a bare sacs: block as nucleation --params takes it,
// was refused as 'name: got "Cu-N4", expected a known parameter set', without a word about the file)
test('params show --input reads a file that is a bare parameters block (sacs:), as nucleation --params does; a file of neither form is refused naming the forms', async () => {
  const block = join(tmp, 'sacset.yaml');
  writeFileSync(block, 'sacs:\n  Cu-N4: { element: Cu, metals: { Li: { binding: 0.9 eV } } }\n');
  const show = await cli(['params', 'show', 'Cu-N4', '--input', block], { cwd: tmp });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^sac Cu-N4: user-defined SAC site\n/);
  assert.match(show.stdout, /metals\.Li\.binding +0\.9 eV/);
  const list = await cli(['params', 'list', '--kind', 'sac', '--input', block], { cwd: tmp });
  assert.match(list.stdout, /^sac +Cu-N4 /m);
  // a file that is neither: the file is named with the forms, not the set's name as unknown
  const other = join(tmp, 'other.yaml');
  writeFileSync(other, 'sites:\n  Cu-N4: { binding: 0.9 eV }\n');
  const bad = await cli(['params', 'show', 'Cu-N4', '--input', other], { cwd: tmp });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^sacplate: --input: got ".*other\.yaml", expected a run or comparison file with a parameters: block .*a YAML\/JSON file that is such a block \(top-level sacs:.*; this file has no parameters: key and its top-level keys \(sites\) are not a block's\n$/);
});

// mends91 (mends90's leftover): a set of the block named as a built-in set is merged with it (registry.ts applySac), and
// `params show --input` headed it with the built-in's `source:` line alone, over the user's binding
test('params show --input: a block set named as a built-in set is headed as merged (the block over the built-in, in the nucleation provenance\'s words); a new set and the built-in keep their source line', async () => {
  const block = join(tmp, 'zn-merged.yaml');
  writeFileSync(block, 'sacs:\n  Zn-N4: { metals: { Li: { binding: 0.5 eV } } }\n  My-N4: { element: Cu, metals: { Li: { binding: 0.9 eV } } }\nhosts:\n  graphene: { source: "my paper, 2020", metals: { Li: { binding: 0.1 eV } } }\n');
  const show = await cli(['params', 'show', 'Zn-N4', '--input', block], { cwd: tmp });
  assert.equal(show.code, 0, show.stderr);
  const header = show.stdout.split('\n').filter((l) => l.startsWith('  source: '));
  assert.equal(header.length, 1, show.stdout);
  const words = `parameters.sacs.Zn-N4 of ${block} over the built-in Zn-N4 (the values the block gives are ${block}'s, the others the built-in set's, set source: `;
  assert.ok(header[0]!.startsWith(`  source: merged: ${words}Li et al., Green Chem.`), header[0]);
  // the values' own lines as before: the user's binding, the built-in's reduction shift
  assert.match(show.stdout, /metals\.Li\.binding +0\.5 eV +user input, parameters\.sacs\.Zn-N4\.metals\.Li\.binding\n/);
  assert.match(show.stdout, /metals\.Li\.redShift +0 eV +ASSUMED: /);
  // the nucleation provenance of the same block (the workbench's Nucleation page shows it) says the same of the set
  const { casesFromBody } = await import('../src/nucleation/cases.js');
  const nuc = await casesFromBody({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', current: '1 mA/cm2', parameters: { sacs: { 'Zn-N4': { metals: { Li: { binding: '0.5 eV' } } } } } });
  const prov = nuc.cases[0]!.req.sacResolved!.source!;
  const setSource = header[0]!.slice(`  source: merged: ${words}`.length).replace(/; each value's own source below\)$/, '');
  assert.ok(prov.startsWith(words.replaceAll(block, 'the request') + setSource + '): '), `${prov}\n${setSource}`);
  const json = JSON.parse((await cli(['params', 'show', 'Zn-N4', '--input', block, '--json'], { cwd: tmp })).stdout) as { merged_over_builtin?: { block: string; builtin_set_source: string } };
  assert.deepEqual(json.merged_over_builtin, { block: `parameters.sacs.Zn-N4 of ${block}`, builtin_set_source: setSource });
  // a block's own source: named as the block's, beside the built-in set's
  const host = await cli(['params', 'show', 'graphene', '--kind', 'host', '--input', block], { cwd: tmp });
  assert.match(host.stdout, /\n {2}source: merged: parameters\.hosts\.graphene of .* over the built-in graphene \(the values the block gives are .*'s, the block's set source: my paper, 2020, the others the built-in set's, set source: review ref 58/);
  // a new set of the block, and the built-in set without --input: their source line as before
  const own = await cli(['params', 'show', 'My-N4', '--input', block], { cwd: tmp });
  assert.match(own.stdout, /\n {2}source: user input, parameters\.sacs\.My-N4\n/);
  const builtin = await cli(['params', 'show', 'Zn-N4'], { cwd: tmp });
  assert.match(builtin.stdout, /\n {2}source: Li et al\., Green Chem\.[^\n]*\n/);
  assert.doesNotMatch(builtin.stdout + own.stdout, /merged/);
  assert.equal((JSON.parse((await cli(['params', 'show', 'Zn-N4', '--json'])).stdout) as Record<string, unknown>).merged_over_builtin, undefined);
});

test('params list into a pipe its reader closes (| head -1) ends without an error line', () => {
  // a real process: the shell's pipe to head, which exits after its first line (it said "internal error: write EPIPE ... please report it", exit 1)
  const r = spawnSync('sh', ['-c', `node ${JSON.stringify(resolve('bin/sacplate.js'))} params list | head -1`], { encoding: 'utf8' });
  assert.match(r.stdout, /^metal +Li /);
  assert.equal(r.stderr, '');
});

test('a user\'s SAC set without element has none (not one taken from its name): params show says not given, screen does not score it', async () => {
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'N-graphene', sacs: [{ site: 'My-SAC', loading: '2 %' }],
    protocol: ['Plate at 1 mA/cm2 for 1 s'], parameters: { sacs: { 'My-SAC': { metals: { Li: { binding: '0.6 eV' } } } } } };
  const run = parseRunInput(input);
  assert.equal(run.sacs[0]!.site.element, '');
  assert.equal(parseRunInput({ ...input, parameters: { sacs: { 'My-SAC': { element: 'Cu', metals: { Li: { binding: '0.6 eV' } } } } } }).sacs[0]!.site.element, 'Cu');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends41-'));
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify(input));
  const show = await cli(['params', 'show', 'My-SAC', '--input', file]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^sac My-SAC: user-defined SAC site\n {2}element not given\n/);
  // final.extxyz: the species table's SAC symbol, not a name's prefix
  assert.equal(defaultSpecies({ metal: 'Li', sacSpecies: [''] }, SAC_BASE), 'X');
  const ctx = { candidates: [{ name: 'My-SAC 2 %', run }], opts: {} } as unknown as StageContext;
  const out = await elementsStage(DEFAULT_WEIGHTS).run(ctx);
  assert.deepEqual(out.values.get('My-SAC 2 %'), { sustainability: { value: null, note: 'SAC element not given (parameters.sacs.<name>.element)' } });
  rmSync(dir, { recursive: true, force: true });
});

// From review37 (session 36: a user's review, docs/history.md); failed on the code before its fix.
const tmp2 = tempFolder('input-files');

test('a JSON run file\'s syntax error names its line and column, as a YAML file\'s names its line', async () => {
  const { writeFileSync } = await import('node:fs');
  const { readInputFile } = await import('../src/input/parse.js');
  const file = (name: string, text: string) => { const f = join(tmp2, name); writeFileSync(f, text); return f; };
  // V8 gives no position for an unexpected token: found by the context it quotes
  const nan = file('nan.json', '{\n  "metal": "Li",\n  "host": "Cu",\n  "temperature": NaN,\n  "lattice": {"size": [8, 8, 8], "voxel": "20 nm"}\n}\n');
  assert.throws(() => readInputFile(nan), (e: Error) => e.message.startsWith(`${nan}:4: invalid JSON: Unexpected token 'N'`) && e.message.endsWith('(column 18)'), 'NaN at line 4');
  // a position: a comma missing at the end of line 3
  const comma = file('comma.json', '{\n  "metal": "Li",\n  "host": "Cu"\n  "temperature": "25 degC"\n}\n');
  assert.throws(() => readInputFile(comma), (e: Error) => e.message.startsWith(`${comma}:4: invalid JSON: Expected ',' or '}'`) && e.message.endsWith('(column 3)'), 'comma missing before line 4');
});

// From mends46 (session 36, docs/history.md); failed on the code before its fix ("invalid JSON: Unexpected end of JSON input").
test('an empty JSON file is said as an empty YAML file is, naming the file, for each command that reads one', async () => {
  for (const cmd of ['simulate', 'sweep', 'screen', 'fullcell', 'compare', 'cite']) {
    for (const text of ['', ' \n\n']) {
      const said = [];
      for (const ext of ['yaml', 'json']) { // one at a time: cli() captures the process's stdout and stderr
        const f = join(tmp2, `empty.${ext}`);
        writeFileSync(f, text);
        const r = await cli([cmd, f], { env: { SACPLATE_DB: join(tmp2, 'empty.db') } });
        said.push({ code: r.code, stderr: r.stderr.replaceAll(f, 'FILE') });
      }
      assert.equal(said[1]!.code, 2, `${cmd}, ${JSON.stringify(text)}: exit 2`);
      assert.deepEqual(said[1], said[0], `${cmd}, ${JSON.stringify(text)}: .json as .yaml`);
      assert.equal(said[1]!.stderr.trim().split('\n').length, 1, `${cmd}: one line`);
      // the file named, and said to be empty (an empty sweep, screen, full-cell or comparison file said "sweep: got null, ...")
      assert.match(said[1]!.stderr, /^sacplate: FILE: empty \(no keys\)[,;] /, `${cmd}: the file named`);
    }
  }
});

// audit69: a run file's `parameters:` naming a file that is binary or UTF-16 was read as UTF-8 and handed to the YAML
// reader: a binary file was said as YAML garbage ("...:1: Block scalar header includes extra characters: |\u0003..."),
// a UTF-16 one as "this file holds no map"; the run file's own reader (readTextFile) says either in words
test('a run file\'s parameters: naming a UTF-16 or binary file is refused naming the field, the value and that the file is not UTF-8 text', () => {
  const utf16 = join(dir3, 'sets16.yaml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sacs:\n  X: { element: Cu }\n', 'utf16le')]));
  const bin = join(dir3, 'sets.bin.yaml');
  writeFileSync(bin, Buffer.concat([Buffer.from('|\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR')]));
  const run = (p: string) => () => parseRunInput({ ...TINY_RUN, parameters: p }, { baseDir: dir3 });
  assert.throws(run('sets16.yaml'), (e: unknown) => e instanceof InputError
    && e.message === 'parameters: got "sets16.yaml", expected a YAML/JSON parameter file in UTF-8 text (this one is UTF-16 encoded: save it as UTF-8)');
  assert.throws(run('sets.bin.yaml'), (e: unknown) => e instanceof InputError
    && e.message === 'parameters: got "sets.bin.yaml", expected a YAML/JSON parameter file in UTF-8 text (this one contains NUL bytes on line 3: binary data, or UTF-16 without its mark)');
  // a missing one as before
  assert.throws(run('none.yaml'), (e: unknown) => e instanceof InputError
    && e.message === 'parameters: got "none.yaml", expected a readable YAML/JSON parameter file (this one: no such file (ENOENT))');
});

// audit69: a YAML file giving a key twice was said in the YAML library's words, "f.yaml:10: Map keys must be unique",
// naming no key (a JSON file's names it: json-keys.ts); the key is named, and where it is given again
test('a YAML file that gives a key twice names the key and where it is given again, as a JSON file\'s does', () => {
  const said = (text: string) => { try { parseYamlText(text, 'f.yaml'); } catch (e) { return (e as Error).message; } return 'no error'; };
  // review69: and where it is first given, as a JSON file's says (it said the place again only, the line the prefix names)
  assert.equal(said('metal: Li\nseed: 1\nmetal: Na\n'), 'f.yaml:3: key "metal" given twice in one map (first on line 1, column 1; again on line 3, column 1): YAML takes each key once; give it once');
  assert.equal(said('metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm, size: [4, 4, 8] }\n'), 'f.yaml:2: key "size" given twice in one map (first on line 2, column 12; again on line 2, column 43): YAML takes each key once; give it once');
  assert.equal(said('sacs:\n  - { "site": Zn-N4, site: Fe-N4 }\n'), 'f.yaml:2: key "site" given twice in one map (first on line 2, column 7; again on line 2, column 22): YAML takes each key once; give it once');
  // a key in YAML's explicit form (`? key`) and one written with an escape are named too (the library's words were said)
  assert.equal(said('? metal\n: Li\n? metal\n: Na\n'), 'f.yaml:3: key "metal" given twice in one map (first on line 1, column 3; again on line 3, column 3): YAML takes each key once; give it once');
  assert.equal(said('seed: 1\n"se\\u0065d": 2\n'), 'f.yaml:2: key "seed" given twice in one map (first on line 1, column 1; again on line 2, column 1): YAML takes each key once; give it once');
});

test('audit70: a run file whose parameters: names a file keeps the sets inline in the input it stores, so the workbench\'s form of that run validates (it was refused: "file paths are read by the CLI only")', async () => {
  const { loadRunFile } = await import('../src/input/parse.js');
  const { taskHash } = await import('../src/sweep/hash.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit70-'));
  const sets = { sacs: { 'Fe-N4x': { element: 'Fe', support: 'N-graphene', metals: { Li: { binding: { value: 0.35, unit: 'eV', source: { ref: 'my DFT' } } } } } } };
  writeFileSync(join(dir, 'my-sacs.json'), JSON.stringify(sets));
  const run = { ...TINY_RUN, host: 'N-graphene', sacs: [{ site: 'Fe-N4x', loading: '2 %' }] };
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...run, parameters: 'my-sacs.json' }));
  const fromFile = loadRunFile(join(dir, 'run.json'));
  assert.deepEqual((fromFile.source as { parameters?: unknown }).parameters, sets, 'the file\'s sets, inline');
  // the same task as the sets written inline (the key reads the resolved run, not its source)
  assert.equal(taskHash(fromFile), taskHash(parseRunInput({ ...run, parameters: sets })));
  // as `sacplate simulate` records it, read back by the workbench and sent to its form's check
  const service = new RunService({ storePath: join(dir, 'store.db'), outRoot: join(dir, 'runs'), concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const { id } = service.start(fromFile.source!, 'run.json', { resolved: fromFile });
    await service.wait(id);
    const input = (await app.inject({ method: 'GET', url: `/api/runs/${id}/input` })).json() as Record<string, unknown>;
    const v = await app.inject({ method: 'POST', url: '/api/validate', payload: input });
    assert.equal(v.statusCode, 200, v.body);
  } finally {
    await app.close();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Session 32, task audit33: the DFT-to-electrode commands (params, elements, anode-capacity, nucleation, screen,
 * fullcell, cite) as a computational materials scientist with SAC candidates of their own meets them; each test
 * fails on the code before its fix. (1) `nucleation --sac "binding -280 kJ/mol"` (or "-2900 meV") was refused as
 * "an energy in eV", though run files and parameter sets take meV and kJ/mol (the review prints desolvation energies
 * in kJ/mol); a misspelt key of the text ("bindin") had no hint. (2) A SAC whose atomistic rate is no law above the
 * host's reads as its bare host: the table printed the host's numbers under the SAC's name without a word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from './helpers/cli.js';
import { parseSacText } from '../src/nucleation/system.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit33-'));

test('nucleation --sac: energies in meV and kJ/mol are converted to eV; a misspelt key is hinted', async () => {
  assert.deepEqual(parseSacText('binding -2900 meV, reference -2.37 eV').numbers, { binding_eV: -2.9, reference_eV: -2.37 });
  // SAFe-CVRCS's desolvation energy as the review prints it: 36.84 kJ/mol = 0.3818 eV (params/derive.ts reads it so)
  const d = parseSacText('binding -3.1 eV, desolvation 36.84 kJ/mol').numbers.desolvation_eV!;
  assert.ok(Math.abs(d - 36.84e3 / (1.602176634e-19 * 6.02214076e23)) < 1e-9, String(d));
  assert.throws(() => parseSacText('binding -2.9'), /sac\.binding: got "-2\.9", expected an energy in eV, e\.g\. "-2\.29 eV" \(or with its unit/);
  assert.throws(() => parseSacText('binding -3000 kJ/mol'), /expected an energy from -10 to 10 eV/);
  const r = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'bindin -2.9 eV', '--no-store'], { cwd: tmp });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--sac: got "bindin", expected one of binding, .* \(did you mean "binding"\?\)/);
});

test('nucleation: a SAC that nucleates as its host is said under the table', async () => {
  // binding 0.03 eV above the support's: its rate is no law above the host's at these quick settings (4.3 s of CPU)
  const args = ['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'binding -2.4 eV, reference -2.37 eV', '--sampler', 'mfpt',
    '--runs', '4', '--box', '8', '--target', '12', '--max-events', '20000', '--no-store'];
  const r = await cli(args, { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\nnote: Li on N-graphene \+ binding -2\.4 eV, reference -2\.37 eV: the SAC's atomistic nucleation rate is above the host's at fewer than 3 overpotentials: its sites nucleate as host sites/);
});

test('nucleation: an unknown host or SAC name is hinted, and what to do instead is what nucleation takes (it reads no parameters: block)', async () => {
  const host = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphen', '--sac', 'Zn-N4', '--no-store'], { cwd: tmp });
  assert.equal(host.code, 2);
  assert.match(host.stderr, /--host: got "N-graphen", expected a known host: .*sp2c-COF \(did you mean "N-graphene"\?\)\n$/);
  const sac = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'Zn-N5', '--no-store'], { cwd: tmp });
  assert.match(sac.stderr, /--sac: got "Zn-N5", expected a known SAC site: .* \(or give the SAC by its DFT numbers, e\.g\. "binding -2\.9 eV, .*"\) \(did you mean "Zn-N4"\?\)/);
  const metal = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'Co-N4', '--no-store'], { cwd: tmp });
  assert.match(metal.stderr, /Co-N4 has them for Na, K \(or give the SAC by its DFT numbers/);
  assert.doesNotMatch(host.stderr + sac.stderr + metal.stderr, /parameters\./);
  // a run file keeps its own way, with the hint
  const f = path.join(tmp, 'typo-host.yaml');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphen\nprotocol: [Plate at 1 mA/cm2 for 1 s]\n');
  const run = await cli(['params', 'resolve', f], { cwd: tmp });
  assert.match(run.stderr, /host: got "N-graphen", expected a known host: .* \(or define one under parameters\.hosts\) \(did you mean "N-graphene"\?\)/);
});

test('screen, fullcell, cite and sweep given another command\'s file say what it is and which command reads it', async () => {
  const ex = (f: string) => path.resolve('examples', f);
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
    const r = await cli(args[0] === 'screen' || args[0] === 'sweep' ? [...args, '--db', path.join(tmp, 'kind.db')] : args, { cwd: tmp });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  // a full-cell file's anode run: a sweep file is named as one, an error inside a run file names the file
  const sweepAnode = path.join(tmp, 'fc-sweep.yaml');
  fs.writeFileSync(sweepAnode, `cathode: LFP\nnp: 1\ncycles: 10\nanode: { run: ${JSON.stringify(ex('sweep-loading.yaml'))} }\n`);
  const a = await cli(['fullcell', sweepAnode], { cwd: tmp });
  assert.match(a.stderr, /^sacplate: .*sweep-loading\.yaml: a sweep file \(base \+ axes\): sacplate sweep runs it; anode\.run takes a Li\|\|Cu run file \(one run with plate\/strip cycles\)\n$/); // loadRunFile's check (mends43)
  fs.writeFileSync(path.join(tmp, 'bad-anode.yaml'), 'metal: Li\nlattice: { size: [8, 8, 8], voxl: 10 nm }\nhost: Cu\nprotocol: [Plate at 1 mA/cm2 for 1 s]\n');
  fs.writeFileSync(path.join(tmp, 'fc-bad.yaml'), 'cathode: LFP\nnp: 1\ncycles: 10\nanode: { run: bad-anode.yaml }\n');
  const b = await cli(['fullcell', path.join(tmp, 'fc-bad.yaml')], { cwd: tmp });
  assert.match(b.stderr, /^sacplate: .*bad-anode\.yaml: anode\.run: lattice\.voxl: got "10 nm", expected no such key \(did you mean "voxel"\?\)/);
});

test('screen descriptors: a unit in a cell or a lower-case symbol is refused naming the column\'s unit or the symbol meant; a binding held at 0 says so; objectives are hinted', async () => {
  const { descriptorCandidates } = await import('../src/screen/spec.js');
  const head = 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading,synthesis,synthesis_temperature_C,source\n';
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'N-graphene', protocol: ['Plate at 1 mA/cm2 for 1 s'] };
  const rows = (row: string) => { const f = path.join(tmp, 'd.csv'); fs.writeFileSync(f, head + row + '\n'); return () => descriptorCandidates(f, base, tmp); };
  assert.throws(rows('Mo-N4,Mo,-0.55 eV,0.12,0.05,0.08,2 %,pyrolysis,850,x'), /d\.csv row 2, binding_vs_support_eV: got "-0\.55 eV", expected a number from -5 to 5 \(in eV, the unit of the column's name/);
  assert.throws(rows('Mo-N4,Mo,-0.55,0.12,0.05,0.08 A,2 %,pyrolysis,850,x'), /distortion_A: got "0\.08 A", expected a number from 0 to 5 \(in angstrom/);
  // it read "850 degC degC"
  assert.throws(rows('Mo-N4,Mo,-0.55,0.12,0.05,0.08,2 %,pyrolysis,850 degC,x'), /d\.csv row 2, synthesis_temperature_C: got "850 degC", expected a number \(in degC/);
  assert.throws(rows('Mo-N4,mo,-0.55,0.12,0.05,0.08,2 %,pyrolysis,850,x'), /element: got "mo", expected an element symbol, e\.g\. Fe \(did you mean "Mo"\?\)$/);
  assert.throws(rows('Mo-N4,xx,-0.55,0.12,0.05,0.08,2 %,pyrolysis,850,x'), /element: got "xx", expected an element symbol, e\.g\. Fe$/);
  // a site binding 0.55 eV less than N-graphene's 0.05 eV: held at 0, and the note's arithmetic says so
  const [c] = rows('Mo-N4,Mo,0.55,0.12,0.05,0.08,2 %,pyrolysis,850,x')();
  const b = (c!.overrides.parameters as { sacs: Record<string, { metals: Record<string, { binding: { value: number; source: { note: string } } }> }> }).sacs['Mo-N4']!.metals.Li!.binding;
  assert.equal(b.value, 0);
  assert.match(b.source.note, /binding_vs_support 0\.55 eV = -0\.500 eV, held at 0 eV/);
  const r = await cli(['screen', path.resolve('examples/screen-li.yaml'), '--objectives', 'nucleation_overpotential_mV,sustainabilty', '--db', path.join(tmp, 'obj.db')], { cwd: tmp });
  assert.match(r.stderr, /--objectives: got "sustainabilty", expected one of .* \(did you mean "sustainability"\?\)/);
  const f = path.join(tmp, 'obj.yaml');
  fs.writeFileSync(f, `base: ${JSON.stringify(base)}\ncandidates: [{ name: bare, sacs: [] }]\nobjectives: [nucleation_overpotental_mV]\n`);
  assert.match((await cli(['screen', f, '--db', path.join(tmp, 'obj.db')], { cwd: tmp })).stderr, /objectives\[0\]: got "nucleation_overpotental_mV", .* \(did you mean "nucleation_overpotential_mV"\?\)/);
});

test('a run file\'s SAC set given a DFT adsorption energy is told what the binding is; params show leaves out a coordination not given; NMC811 is hinted', async () => {
  const f = path.join(tmp, 'own-sac.yaml');
  const run = (binding: string) => 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + `protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: ${binding} } } } } }\n`;
  fs.writeFileSync(f, run('-2.9 eV'));
  const r = await cli(['params', 'resolve', f], { cwd: tmp });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /binding: got "-2\.9 eV", expected a binding energy of 0 to 5 eV \(positive = bound\), e\.g\. "0\.30 eV": the model's effective binding, not a DFT adsorption energy: .*binding_vs_support_eV.*nucleation --sac/);
  // above the range: the range alone (a DFT number's sign is what the words are for)
  fs.writeFileSync(f, run('9 eV'));
  assert.doesNotMatch((await cli(['params', 'resolve', f], { cwd: tmp })).stderr, /DFT/);
  fs.writeFileSync(f, run('0.6 eV'));
  const show = await cli(['params', 'show', 'Cu-N3', '--input', f], { cwd: tmp });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /\n {2}element Cu, support N-graphene\n/);
  const fc = path.join(tmp, 'fc-nmc.yaml');
  fs.writeFileSync(fc, 'cathode: NMC811\nnp: 1\ncycles: 10\nanode: { ce: 0.99 }\n');
  assert.match((await cli(['fullcell', fc], { cwd: tmp })).stderr, /cathode: got "NMC811", expected a known cathode \(LFP, NCM811, S\) \(did you mean "NCM811"\?\)/);
});

test('cite: a source the user gave is cited as a work whatever its words; a value without one is said to have none', async () => {
  const f = path.join(tmp, 'own-source.yaml');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + 'protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, metals: { Li: { binding: { value: 0.6, unit: eV, source: { ref: "own VASP PBE, unpublished", where: Table S2 } } } } } } }\n');
  const text = await cli(['cite', f], { cwd: tmp });
  assert.equal(text.code, 0, text.stderr);
  const [cited, notCited] = text.stdout.split('Not citations');
  // a ref without a digit was taken for a definition ("definition: own VASP PBE, unpublished", under Not citations)
  assert.match(cited!, /\n {2}- own VASP PBE, unpublished\n {6}for Cu-N3\.metals\.Li\.binding/);
  assert.doesNotMatch(notCited!, /VASP/);
  assert.match(notCited!, /your own values, no source given .*\n {6}for Cu-N3\n/);
  const bib = await cli(['cite', f, '--bibtex'], { cwd: tmp });
  assert.match(bib.stdout, /title = \{own VASP PBE, unpublished\}/);
});

test('params show --input: a run file whose parameters: is a file path reads that file; a screen file is refused as one', async () => {
  fs.writeFileSync(path.join(tmp, 'sets.yaml'), 'sacs:\n  Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: 0.6 eV } } }\n');
  const run = path.join(tmp, 'run-sets.yaml');
  fs.writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nprotocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: sets.yaml\n');
  // the run file's own reader takes the path (params resolve); --input said 'parameters: got "sets.yaml", expected a map ...'
  assert.equal((await cli(['params', 'resolve', run], { cwd: tmp })).code, 0);
  const show = await cli(['params', 'show', 'Cu-N3', '--input', run], { cwd: os.tmpdir() });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^sac Cu-N3: user-defined SAC site\n/);
  assert.match(show.stdout, /metals\.Li\.binding +0\.6 eV/);
  const screen = await cli(['params', 'show', 'Cu-N3', '--input', path.resolve('examples/screen-li.yaml')], { cwd: tmp });
  assert.equal(screen.code, 2);
  assert.match(screen.stderr, /--input: got ".*screen-li\.yaml", expected a run or comparison file \(its parameters: block\), not a screen file/);
});

test('params list into a pipe its reader closes (| head -1) ends without an error line', () => {
  // a real process: the shell's pipe to head, which exits after its first line (it said "internal error: write EPIPE ... please report it", exit 1)
  const r = spawnSync('sh', ['-c', `node ${JSON.stringify(path.resolve('bin/sacplate.js'))} params list | head -1`], { encoding: 'utf8' });
  assert.match(r.stdout, /^metal +Li /);
  assert.equal(r.stderr, '');
});

test('lit list --metal takes any case, as nucleation and anode-capacity do; --sac-loading with an unknown unit gives a mass fraction\'s example', async () => {
  const db = path.join(tmp, 'lit.db');
  const lower = await cli(['lit', 'list', '--metal', 'li', '--format', 'json', '--db', db], { cwd: tmp });
  assert.equal(lower.code, 0, lower.stderr);
  const upper = await cli(['lit', 'list', '--metal', 'Li', '--format', 'json', '--db', db], { cwd: tmp });
  assert.equal(lower.stdout, upper.stdout);
  assert.match((await cli(['lit', 'list', '--metal', 'Mg', '--db', db], { cwd: tmp })).stderr, /--metal: got "Mg", expected Li, Na or K/);
  const wt = await cli(['anode-capacity', '--metal', 'Li', '--metal-mass', '2 mg/cm2', '--host-mass', '1 mg/cm2', '--sac-loading', '1.2 wt.%'], { cwd: tmp });
  assert.match(wt.stderr, /--sac-loading: got "1\.2 wt\.%", expected a mass fraction of the host with its unit, e\.g\. "1\.2 wt%"/);
});

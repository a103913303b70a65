import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError, InputError } from '../src/errors.js';
import { loadCompareFile, loadRunFile, parseCompareInput, parseRunInput, RUN_KEYS } from '../src/input/parse.js';
import { editDistance, nearestWord } from '../src/input/hints.js';
import type { ProtocolStep } from '../src/input/types.js';
import { cli as cliInProcess } from './helpers/cli.js';
import { parseQuantity } from '../src/units.js';
import { resolveStudy } from '../src/nucleation/system.js';
import { SEI_SETS } from '../src/params/sei.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('input');

const close = (a: number, b: number, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `expected ${b}, got ${a}`);

/** issue 2's example input */
const issueExample = () => ({
  metal: 'Li',
  temperature: '25 degC',
  lattice: { size: [64, 64, 48], voxel: '0.30 nm' },
  host: 'graphene',
  sacs: [{ site: 'Zn-N4', loading: '2 %', arrangement: 'random' }],
  protocol: ['Plate at 1 mA/cm2 for 10 s'],
  seed: 1,
});

test("issue 2's example resolves with every default filled in", () => {
  const r = parseRunInput(issueExample());
  assert.equal(r.metal.name, 'Li');
  close(r.temperature_K, 298.15);
  assert.deepEqual(r.lattice.size, [64, 64, 48]);
  close(r.lattice.voxel_m, 0.3e-9);
  assert.equal(r.lattice.mode, 'atomistic');
  assert.equal(r.lattice.hostLayers, 1);
  assert.equal(r.host.name, 'graphene');
  assert.ok(Math.abs(r.host.binding_eV - 0.014645) < 1e-6); // graphene: (1 + cos 135 deg) / 2 x 0.10 eV (params/hosts.ts)
  assert.equal(r.sacs.length, 1);
  assert.equal(r.sacs[0]!.site.name, 'Zn-N4');
  close(r.sacs[0]!.loading_fraction, 0.02);
  assert.equal(r.sacs[0]!.arrangement, 'random');
  assert.equal((r.protocol[0] as ProtocolStep).current_A_per_m2, 10);
  assert.equal(r.seed, 1);
  assert.deepEqual(r.electrochem, { doubleLayer_F_per_m2: 0.2, ohmic_Ohm_m2: 0 }); // Li set: 20 uF/cm2
  // default sampling: 1/200 of the first step's charge (10 A/m2 x 10 s = 100 C/m2)
  close(r.output.sample_C_per_m2, 0.5);
  assert.equal(r.output.snapshots, true);
  assert.deepEqual(r.source, issueExample());
  assert.equal(r.provenance!.bindingScale, 1);
  assert.equal(r.provenance!.sacs[0]!.metals.Li!.dft!.Li0_binding!.value, -3.66);
  // resolved runs are plain JSON (resolved.json)
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('units, modes, loadings and optional blocks', () => {
  const base = issueExample();
  const r = parseRunInput({
    ...base,
    temperature: '273.15 K',
    lattice: { size: [32, 32, 16], voxel: '0.32 nm' },
    sacs: [{ site: 'Zn-N4', loading: '0.5 sites/nm2' }, { site: 'Fe-N4', loading: 0.01, arrangement: 'grid' }],
    electrochem: { double_layer: '0 uF/cm2', ohmic: '10 Ohm cm2' },
    output: { sample: '0.0001 mAh/cm2', snapshots: false },
    host_layers: 2,
    kinetics: { bond: '0.12 eV', attemptFrequency: '1e12 1/s', exchangeCurrentDensity: '0.5 mA/cm2' },
  });
  close(r.temperature_K, 273.15);
  assert.equal(r.lattice.mode, 'atomistic'); // 0.32 nm is within 10 % of 0.30 nm
  close(r.sacs[0]!.loading_fraction, 0.5 * 0.32 * 0.32); // sites/nm2 x voxel face area
  close(r.sacs[1]!.loading_fraction, 0.01);
  assert.equal(r.sacs[1]!.arrangement, 'grid');
  close(r.electrochem.doubleLayer_F_per_m2, 0);
  close(r.electrochem.ohmic_Ohm_m2, 1e-3);
  close(r.output.sample_C_per_m2, 3.6); // 0.0001 mAh/cm2 = 0.36 mC/cm2 = 3.6 C/m2
  assert.equal(r.output.snapshots, false);
  assert.equal(r.lattice.hostLayers, 2);
  close(r.metal.bond_eV, 0.12);
  close(r.metal.nu_per_s, 1e12);
  // the set (and an override) gives i0 at 25 degC; the run carries it at 273.15 K (Arrhenius, 0.58 eV: params/metals.ts)
  close(r.metal.i0_A_per_m2, 5 * Math.exp(-(0.58 / 8.617333262e-5) * (1 / 273.15 - 1 / 298.15)));
  close(r.host.binding_eV, 0.146447 * 0.12, 1e-4); // hosts are re-derived from the overridden bond
  assert.equal(parseRunInput({ ...base, lattice: { size: [32, 32, 16], voxel: '0.34 nm' } }).lattice.mode, 'mesoscale');
  assert.equal(parseRunInput({ ...base, lattice: { size: [32, 32, 16] } }).lattice.voxel_m, 3e-10);
  close(parseRunInput({ ...base, temperature: '-20 degC' }).temperature_K, 253.15);
  // defaults when optional keys are absent
  const minimal = parseRunInput({ metal: 'K', lattice: { size: [8, 8, 8], voxel: '5 nm' }, host: 'Cu', protocol: ['Plate at 1 mA/cm2 for 1 s'] });
  assert.equal(minimal.temperature_K, 298.15); assert.equal(minimal.seed, 1); assert.deepEqual(minimal.sacs, []);
  assert.equal(minimal.lattice.mode, 'mesoscale');
});

test('user parameter sets in the input file', () => {
  const r = parseRunInput({
    ...issueExample(),
    host: 'my-host',
    sacs: [{ site: 'Cu-N4', loading: '1 %' }],
    parameters: {
      hosts: { 'my-host': { metals: { Li: { binding: '0.05 eV', terraceBarrier: '0.12 eV' } } } },
      sacs: { 'Cu-N4': { element: 'Cu', metals: { Li: { binding: '0.25 eV' } } } },
    },
  });
  assert.deepEqual(r.host, { name: 'my-host', conducting: true, binding_eV: 0.05, redShift_eV: 0, terraceBarrier_eV: 0.12 });
  assert.equal(r.sacs[0]!.site.binding_eV, 0.25);
  assert.equal(r.provenance!.host.metals.Li!.binding.source.ref, 'user input');
});

// review65: a user-defined host was written as carbon (C) in final.extxyz whatever it was (a Sn-coated Cu foam showed as
// C atoms in OVITO and ASE); a SAC set has had `element` since mends41. A host set takes `element` now; a new host without
// one is ASE's dummy X, as a new SAC without one; the built-in hosts and a block merged over one keep their elements.
test('a user host set\'s element is what final.extxyz writes for the host; without one a new host is X, a built-in keeps its own (review65)', async () => {
  const { simulate } = await import('../src/index.js');
  const hostEl = (run: Record<string, unknown>) => simulate({ ...issueExample(), lattice: { size: [4, 4, 8], voxel: '100 nm' }, ...run }, { eventLimit: 1 }).grid.table.find((t) => t.role === 'host')!.element;
  const foam = (extra: Record<string, unknown>) => ({ host: 'Sn-foam', sacs: [], parameters: { hosts: { 'Sn-foam': { ...extra, metals: { Li: { binding: '0.05 eV' } } } } } });
  assert.equal(hostEl(foam({ element: 'Sn' })), 'Sn');
  assert.equal(parseRunInput({ ...issueExample(), ...foam({ element: 'Sn' }) }).provenance!.host.element, 'Sn');
  assert.equal(hostEl(foam({})), 'X');
  assert.equal(hostEl({ host: 'graphene', sacs: [] }), 'C');
  assert.equal(hostEl({ host: 'Cu', sacs: [] }), 'Cu');
  assert.equal(hostEl({ host: 'graphene', sacs: [], parameters: { hosts: { graphene: { metals: { Li: { binding: '0.07 eV' } } } } } }), 'C');
  bad((o) => Object.assign(o, foam({ element: 'sn' })), 'parameters.hosts.Sn-foam.element', /an element symbol/);
  const file = join(mkdtempSync(join(tmpdir(), 'hostel-')), 'run.json');
  writeFileSync(file, JSON.stringify({ ...issueExample(), ...foam({}) }));
  assert.match((await cliInProcess(['params', 'show', 'Sn-foam', '--input', file])).stdout, /element not given \(final\.extxyz writes X/);
  writeFileSync(file, JSON.stringify({ ...issueExample(), ...foam({ element: 'Sn' }) }));
  assert.match((await cliInProcess(['params', 'show', 'Sn-foam', '--input', file])).stdout, /element Sn \(final\.extxyz writes Sn\)/);
});

/** Asserts a one-line InputError naming `field`. */
function bad(mutate: (o: Record<string, unknown>) => void, field: string, frag?: RegExp) {
  const o: Record<string, unknown> = structuredClone(issueExample());
  mutate(o);
  try { parseRunInput(o); } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
    assert.equal(e.field, field, e.message);
    assert.ok(!e.message.includes('\n'), 'one line');
    assert.ok(e.message.startsWith(`${field}: got `), e.message);
    if (frag) assert.match(e.message, frag);
    return e.message;
  }
  assert.fail(`expected an InputError for ${field}`);
}

test('every bad input gives the expected one-line message', () => {
  bad((o) => { o.colour = 'red'; }, 'colour', /no such key; allowed keys: metal, temperature/);
  bad((o) => { o.variants = [{ name: 'a' }]; }, 'variants', /comparison: use `sacplate compare`/);
  bad((o) => { delete o.host; }, 'host', /nothing \(field missing\), expected a host name/);
  bad((o) => { delete o.metal; }, 'metal', /Li, Na or K/);
  bad((o) => { delete o.protocol; }, 'protocol');
  bad((o) => { o.metal = 'Mg'; }, 'metal', /known metal: Li, Na, K/);
  bad((o) => { o.temperature = '25 mV'; }, 'temperature', /temperature/);
  bad((o) => { o.temperature = 298; }, 'temperature', /with a unit/);
  bad((o) => { o.temperature = '500 K'; }, 'temperature', /150 to 400 K/);
  bad((o) => { o.temperature = '-150 degC'; }, 'temperature', /150 to 400 K/);
  bad((o) => { o.lattice = { size: [64, 64, 4], voxel: '0.30 nm' }; }, 'lattice.size[2]', /z >= 8/);
  bad((o) => { o.lattice = { size: [3, 64, 48], voxel: '0.30 nm' }; }, 'lattice.size[0]', />= 4/);
  bad((o) => { o.lattice = { size: [64, 64.5, 48], voxel: '0.30 nm' }; }, 'lattice.size[1]', /integer/);
  bad((o) => { o.lattice = { size: [64, 64], voxel: '0.30 nm' }; }, 'lattice.size', /three integers/);
  bad((o) => { o.lattice = { size: [4096, 4096, 4096], voxel: '10 nm' }; }, 'lattice.size', /at most 2\^30 .* voxels/);
  bad((o) => { o.lattice = { size: [64, 64, 48], voxel: '0.30 mV' }; }, 'lattice.voxel', /length/);
  bad((o) => { o.lattice = { size: [64, 64, 48], voxel: 0.3 }; }, 'lattice.voxel', /with a unit/);
  bad((o) => { o.lattice = { size: [64, 64, 48], voxel: '0.3 nm', shape: 'cube' }; }, 'lattice.shape', /no such key/);
  bad((o) => { o.host = 'graphite'; }, 'host', /graphene, N-graphene/);
  bad((o) => { o.host = 'Na'; }, 'host', /parameters for Li/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '120 %' }]; }, 'sacs[0].loading', /0 to 100 %/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '-1 %' }]; }, 'sacs[0].loading', /0 to 100 %/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '2 mA' }]; }, 'sacs[0].loading', /percentage.*areal density/);
  // a mass loading was read as a share of host sites ("2 wt%" placed 2 % of the sites) without a word
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '2 wt%' }]; }, 'sacs[0].loading', /percentage of host surface sites.*wt% cannot be placed on the lattice/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '2 wt %' }]; }, 'sacs[0].loading', /wt% cannot be placed/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '50 sites/nm2' }]; }, 'sacs[0].loading', /one site per voxel face \(11\.1 sites\/nm2/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4' }]; }, 'sacs[0].loading');
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '2 %' }, { site: 'Qq-N4', loading: '2 %' }]; }, 'sacs[1].site', /Zn-N4, Fe-N4/);
  bad((o) => { o.sacs = [{ site: 'Co-N4', loading: '2 %' }]; }, 'sacs[0].site', /Co-N4 has them for Na, K/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '2 %', arrangement: 'spiral' }]; }, 'sacs[0].arrangement', /random, grid, clustered/);
  bad((o) => { o.sacs = [{ site: 'Zn-N4', loading: '60 %' }, { site: 'Fe-N4', loading: '60 %' }]; }, 'sacs[1].loading', /at most 100 %/);
  bad((o) => { o.sacs = 'Zn-N4'; }, 'sacs', /list/);
  bad((o) => { o.seed = -1; }, 'seed', /non-negative integer/);
  bad((o) => { o.seed = 1.5; }, 'seed', /non-negative integer/);
  bad((o) => { o.seed = '7'; }, 'seed');
  bad((o) => { o.protocol = ['Plate at 1 mA/cm2 for 10 s', 'Strip at -1 mA/cm2 for 1 s']; }, 'protocol[1]', /positive current density/);
  bad((o) => { o.electrochem = { double_layer: '20 uF' }; }, 'electrochem.double_layer', /capacitance per area/);
  bad((o) => { o.electrochem = { double_layer: '-20 uF/cm2' }; }, 'electrochem.double_layer', /0 to 10000 uF\/cm2/);
  bad((o) => { o.electrochem = { ohmic: '-1 Ohm cm2' }; }, 'electrochem.ohmic', /0 to 10000 Ohm cm2/);
  // "1,000" was read as 1 (a decimal comma) where a user meant 1000: ambiguous, refused; "2,5" and "0,500" stay decimal commas
  bad((o) => { o.electrochem = { double_layer: '1,000 uF/cm2' }; }, 'electrochem.double_layer', /without a thousands separator/);
  bad((o) => { o.protocol = ['Plate at 1,000 mA/cm2 for 10 s']; }, 'protocol[0]', /not "1,000 mA\/cm2"/);
  assert.equal(parseQuantity('x', '2,5 mA/cm2', 'currentDensity'), 25);
  // a quantity object with a key beside value and unit was accepted, the key dropped
  assert.equal(parseQuantity('x', { value: 3, unit: 'mA/cm2' }, 'currentDensity'), 30);
  assert.throws(() => parseQuantity('current', { value: 3, unit: 'mA/cm2', note: 'x' }, 'currentDensity'),
    (e: unknown) => e instanceof InputError && e.message === 'current.note: got "x", expected no such key; a quantity is { value, unit } or a text such as "1 mA/cm2"');
  bad((o) => { o.electrochem = { double_layer: { value: 20, unit: 'uF/cm2', source: 'my fit' } }; }, 'electrochem.double_layer.source', /no such key; a quantity is \{ value, unit \}/);
  assert.equal(parseQuantity('x', '0,500 mA/cm2', 'currentDensity'), 5);
  bad((o) => { o.output = { sample: '10 s' }; }, 'output.sample', /areal capacity/);
  bad((o) => { o.output = { snapshots: 'yes' }; }, 'output.snapshots', /true or false/);
  // (a protocol with no known charge, rests and holds only, now gets a default sampling interval: issue 13)
  bad((o) => { o.kinetics = { bond: '0.1 V' }; }, 'kinetics.bond', /energy/);
  bad((o) => { o.kinetics = { cohesion: '0.1 eV' }; }, 'kinetics.cohesion', /no such key/);
  bad((o) => { o.host_layers = 0; }, 'host_layers', /from 1/);
  bad((o) => { o.parameters = { hosts: { graphene: { metals: { Li: { binding: '1 mA' } } } } }; }, 'parameters.hosts.graphene.metals.Li.binding');
  assert.throws(() => parseRunInput('metal: Li'), (e: unknown) => e instanceof InputError && e.field === 'input');
});

test('review56: a temperature at or above Na\'s or K\'s melting point (97.794, 63.5 degC) is refused naming it, not plated as a solid; below it the run resolves; nucleation() too', () => {
  // each metal at its own atomic spacing (review69: the voxel left out; Li's 0.30 nm is below Na's and K's, warned of since)
  const na = (o: Record<string, unknown>, t: string) => { o.metal = 'Na'; o.host = 'Cu'; delete o.sacs; o.temperature = t; o.lattice = { size: [64, 64, 48] }; };
  const k = (o: Record<string, unknown>, t: string) => { na(o, t); o.metal = 'K'; };
  // K melts at 336.65 K, Na at 370.944 K (shared/data/elements/alkali_metals.csv, melting_point_K_mendeleev)
  bad((o) => k(o, '80 degC'), 'temperature', /^temperature: got "80 degC", expected a temperature below K's melting point, 336\.65 K \(63\.5 degC\): K is liquid at 353\.15 K \(80 degC\)/);
  bad((o) => k(o, '336.65 K'), 'temperature', /below K's melting point/);
  bad((o) => na(o, '100 degC'), 'temperature', /below Na's melting point, 370\.944 K \(97\.794 degC\)/);
  // review58: the bound in degC to the digits of its K value; at 97.8 degC the line said "below ... (97.8 degC): Na is
  // liquid at ... (97.8 degC)", while 97.79 degC runs
  bad((o) => na(o, '97.8 degC'), 'temperature', /below Na's melting point, 370\.944 K \(97\.794 degC\): Na is liquid at 370\.95 K \(97\.8 degC\)/);
  assert.equal(parseRunInput({ ...structuredClone(issueExample()), metal: 'Na', host: 'Cu', sacs: undefined, temperature: '97.79 degC', lattice: { size: [64, 64, 48] } }).metal.name, 'Na');
  // below the melting point, and Li (melts at 453.65 K, above the 400 K range) anywhere in the range: resolved
  for (const [metal, t] of [['K', '60 degC'], ['Na', '95 degC'], ['Li', '126 degC']] as const) {
    const o: Record<string, unknown> = { ...structuredClone(issueExample()), metal, temperature: t, lattice: { size: [64, 64, 48] } };
    if (metal !== 'Li') { o.host = 'Cu'; delete o.sacs; }
    const r = parseRunInput(o);
    assert.equal(r.metal.name, metal);
    assert.equal(r.lattice.mode, 'atomistic', `${metal} at its atomic spacing`);
  }
  // the library's nucleation request (T_K) is refused before any work, the same words
  assert.throws(() => resolveStudy({ metal: 'K', host: 'Cu', T_K: 340 }),
    (e: unknown) => e instanceof InputError && e.field === 'T_K' && /below K's melting point, 336\.65 K/.test(e.message));
});

test('example files parse', () => {
  const r = loadRunFile('examples/li-zn-sac.yaml');
  assert.equal(r.lattice.mode, 'mesoscale');
  assert.deepEqual(r.lattice.size, [48, 48, 40]);
  close(r.lattice.voxel_m, 10e-9);
  close((r.protocol[0] as ProtocolStep).charge_C_per_m2!, 72); // 0.002 mAh/cm2
  close(r.output.sample_C_per_m2, 0.36); // 1/200 of it
  const na = loadCompareFile('examples/na-hosts.yaml');
  assert.deepEqual(na.map((c) => c.name), ['Cu', 'carbon-cloth', 'carbon-cloth + Zn-N4']);
  assert.deepEqual(na.map((c) => c.run.host.name), ['Cu', 'carbon-cloth', 'carbon-cloth']);
  assert.deepEqual(na.map((c) => c.run.sacs.length), [0, 0, 1]);
  assert.ok(na.every((c) => c.run.metal.name === 'Na'));
  // Cu and carbon cloth: the same wetting source (both non-wetted); Zn-N4 binds more strongly
  assert.ok(na[0]!.run.host.binding_eV === na[1]!.run.host.binding_eV && na[1]!.run.host.binding_eV < na[2]!.run.sacs[0]!.site.binding_eV);
  const li = loadCompareFile('examples/li-hosts.yaml');
  assert.deepEqual(li.map((c) => c.name), ['Cu', 'graphene', 'graphene + Zn-N4']);
  assert.equal(li[2]!.run.sacs[0]!.site.name, 'Zn-N4');
});

test('comparison inputs: variant errors name the variant', () => {
  const base = { ...issueExample(), sacs: [] };
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'a', host: 'Cu' }, { name: 'b', host: 'graphite' }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[1].host' && /graphene/.test(e.message));
  assert.throws(() => parseCompareInput({ ...base, variants: [{ host: 'Cu' }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[0].name');
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'a', colour: 'red' }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[0].colour');
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'a' }, { name: 'a' }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[1].name');
  assert.throws(() => parseCompareInput({ ...base, seed: -2, variants: [{ name: 'a' }] }),
    (e: unknown) => e instanceof InputError && e.field.startsWith('seed (in variants[0]'));
  assert.equal(parseCompareInput(base)[0]!.name, 'base');
  // 100,000 variants were accepted and run one after the other: a sweep's job
  assert.throws(() => parseCompareInput({ ...base, variants: Array.from({ length: 1001 }, (_, i) => ({ name: `v${i}` })) }),
    (e: unknown) => e instanceof InputError && e.field === 'variants' && /at most 1000 variants/.test(e.message));
});

test('comparison inputs: a variant\'s block is the base\'s with its changes (cell, lattice, kinetics merged key by key; null removes a key; lists replace) (mends95)', () => {
  // review76: a variant `cell: { space_charge: chazalviel }` replaced the base's whole cell: and ran behind the default
  // 25 um separator, not the base's 500 um diffusion layer
  const base = {
    metal: 'Li', lattice: { size: [4, 4, 40], voxel: '100 nm' }, host: 'Cu', electrolyte: 'LiPF6-EC-DMC',
    cell: { field_cell: '100 nm', diffusion_layer: '500 um' }, kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.035 mAh/cm2 at 1000 mA/cm2'], seed: 1,
  };
  const [off, on, wide, sep] = parseCompareInput({ ...base, variants: [
    { name: 'off' },
    { name: 'chazalviel', cell: { space_charge: 'chazalviel' }, kinetics: { bond: '0.2 eV' } },
    { name: 'wide', lattice: { size: [8, 8, 40] } },
    { name: 'separator', cell: { diffusion_layer: null, separator_distance: '50 um' } },
  ] }).map((c) => c.run);
  for (const r of [off!, on!]) {
    assert.equal(r.transport?.boundary, 'diffusion_layer');
    close(r.transport!.distance_m, 500e-6);
    assert.equal(r.transport!.cell_voxels, 1);
  }
  assert.equal(off!.transport!.space_charge, undefined);
  assert.equal(on!.transport!.space_charge, 'chazalviel');
  close(on!.metal.terraceBarrier_eV, 0.3); // the base's kinetics kept beside the variant's bond
  close(on!.metal.bond_eV, 0.2);
  assert.deepEqual(wide!.lattice.size, [8, 8, 40]); // a list replaces the base's
  close(wide!.lattice.voxel_m, 100e-9); // the base's voxel kept (shallow: the default's)
  assert.equal(sep!.transport!.boundary, 'separator'); // null removed the base's diffusion_layer
  close(sep!.transport!.distance_m, 50e-6);
  // an error in a key the variant's block kept from the base names the base's key, with the variant
  assert.throws(() => parseCompareInput({ ...base, cell: { ...base.cell, sand_fraction: 5 }, variants: [{ name: 'x', cell: { space_charge: 'chazalviel' } }] }),
    (e: unknown) => e instanceof InputError && e.field === 'cell.sand_fraction (in variants[0] "x")');
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'x', cell: { sand_fraction: 5 } }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[0].cell.sand_fraction');
});

test('comparison inputs: a variant\'s inline electrolyte merged over the base\'s is labelled with the keys it changed, not the base\'s name alone (mends96)', () => {
  // mends95 left it: the merge kept the base's `name` though the variant changed its values, so the printed electrolyte
  // line and metrics.json's transport.electrolyte named the base's set for both cases
  const el = { name: 'my-LiPF6', concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm' };
  const base = { metal: 'Li', lattice: { size: [4, 4, 8], voxel: '100 nm' }, host: 'Cu', electrolyte: el, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const names = (b: Record<string, unknown>, variants: Record<string, unknown>[]) =>
    parseCompareInput({ ...b, variants: variants.map((v, i) => ({ name: `v${i}`, ...v })) }).map((c) => c.run.transport!.electrolyte.name);
  assert.deepEqual(names(base, [
    {},
    { electrolyte: { concentration: '2 M' } },
    { electrolyte: { concentration: '1 M' } }, // the base's value again: nothing changed
    { electrolyte: { transference: 0.5, diffusivity: '2e-6 cm2/s' } },
    { electrolyte: { concentration: '2 M', name: 'two-molar' } }, // a name of its own is kept
    { electrolyte: { concentration: '2 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm' } }, // every value given, one changed
  ]), ['my-LiPF6', 'my-LiPF6 (changed: concentration)', 'my-LiPF6', 'my-LiPF6 (changed: transference, diffusivity)', 'two-molar', 'my-LiPF6 (changed: concentration)']);
  // a base without a name is "inline"; a named set under a variant's map is replaced whole (the map's own name, or "inline")
  const { name: _n, ...unnamed } = el;
  assert.deepEqual(names({ ...base, electrolyte: unnamed }, [{}, { electrolyte: { conductivity: '5 mS/cm' } }]), ['inline', 'inline (changed: conductivity)']);
  assert.deepEqual(names({ ...base, electrolyte: 'LiPF6-EC-DMC' }, [{}, { electrolyte: unnamed }]), ['LiPF6-EC-DMC', 'inline']);
  // a label the name key cannot hold is not made: a variant's name that is not text is refused as before
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'x', electrolyte: { name: 5 } }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[0].electrolyte.name');
});

test('comparison inputs: a variant\'s sei: map over a base\'s named set is that set with its changes ({ set: <name>, ... }) (mends97)', () => {
  // mends95 left it: `sei: ether` in the base and `sei: { formation_rate: 3 }` in a variant ran the carbonate set (an
  // sei: map without `set` takes carbonate), not ether with a faster formation, without a word
  const base = { metal: 'Li', lattice: { size: [4, 4, 8], voxel: '100 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const seiOf = (b: Record<string, unknown>, variants: Record<string, unknown>[]) =>
    parseCompareInput({ ...b, variants: variants.map((v, i) => ({ name: `v${i}`, ...v })) }).map((c) => c.run.sei);
  const alone = (sei: unknown) => parseRunInput({ ...base, sei }).sei;
  const [kept, faster, own, none] = seiOf({ ...base, sei: 'ether' }, [{}, { sei: { formation_rate: 3 } }, { sei: { set: 'ether-LiNO3', thickness: '5 nm' } }, { sei: null }]);
  assert.deepEqual(kept, alone('ether'));
  assert.equal(faster!.set, 'ether');
  assert.deepEqual(faster, alone({ set: 'ether', formation_rate: 3 }));
  assert.notDeepEqual(faster, alone({ formation_rate: 3 }), 'not the carbonate set a map without `set` takes');
  assert.deepEqual(own, alone({ set: 'ether-LiNO3', thickness: '5 nm' })); // the variant's own set replaces the base's
  assert.equal(none, undefined); // a top-level null: no SEI
  // the named form may be an electrolyte's name: `set:` reads it the same (params/sei.ts getSeiSet)
  const [, byElectrolyte] = seiOf({ ...base, sei: 'LiPF6-EC-DMC' }, [{}, { sei: { passivation: 2e-6 } }]);
  assert.deepEqual(byElectrolyte, alone({ set: 'LiPF6-EC-DMC', passivation: 2e-6 }));
  // an error in the set the variant kept from the base names the base's key, with the variant
  assert.throws(() => parseCompareInput({ ...base, metal: 'Na', sei: 'carbonate', variants: [{ name: 'x', sei: { formation_rate: 3 } }] }),
    (e: unknown) => e instanceof InputError && e.field === 'sei.set (in variants[0] "x")' && /got "carbonate", expected an SEI set for Na/.test(e.message));
});

test('comparison inputs: a merged inline electrolyte\'s label compares quantities in SI, not text (1000 mol/m3 is 1 M) (mends97)', () => {
  // mends96 left it: the label compared values as written, so `concentration: 1000 mol/m3` under a base's `1 M` read
  // `my-LiPF6 (changed: concentration)` for the same electrolyte
  const el = { name: 'my-LiPF6', concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm', permittivity: 18.5 };
  const base = { metal: 'Li', lattice: { size: [4, 4, 8], voxel: '100 nm' }, host: 'Cu', electrolyte: el, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const names = (variants: Record<string, unknown>[]) =>
    parseCompareInput({ ...base, variants: variants.map((v, i) => ({ name: `v${i}`, ...v })) }).map((c) => c.run.transport!.electrolyte.name);
  assert.deepEqual(names([
    { electrolyte: { concentration: '1000 mol/m3' } },
    { electrolyte: { concentration: '1.0 M', diffusivity: '3e-10 m2/s', conductivity: '1 S/m', transference: '38 %', permittivity: '18.5' } },
    { electrolyte: { concentration: '2000 mol/m3' } },
    { electrolyte: { diffusivity: '3e-10 m2/s', conductivity: '0.5 S/m' } },
  ]), ['my-LiPF6', 'my-LiPF6', 'my-LiPF6 (changed: concentration)', 'my-LiPF6 (changed: conductivity)']);
  // a value that does not read is refused by the run's reader as before, naming the variant's key
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'x', electrolyte: { concentration: 'lots' } }] }),
    (e: unknown) => e instanceof InputError && e.field === 'variants[0].electrolyte.concentration');
});

test('misspelt keys get a "did you mean" hint: variant(s) in a comparison, a run key, a variant\'s key; none when no key is near', () => {
  const base = { ...issueExample(), sacs: [] };
  const message = (f: () => unknown) => { try { f(); } catch (e) { assert.ok(e instanceof InputError, String(e)); return e.message; } return assert.fail('no error'); };
  for (const typo of ['variant', 'varients', 'Variants']) {
    assert.equal(message(() => parseCompareInput({ ...base, [typo]: [{ name: 'a', host: 'Cu' }] })),
      `${typo}: got [{"name":"a","host":"Cu"}], expected no such key in a comparison (did you mean "variants"?); allowed keys: ${[...RUN_KEYS, 'variants', 'baseline', 'measured'].join(', ')}`);
  }
  assert.match(message(() => parseCompareInput({ ...base, hots: 'Cu', variants: [{ name: 'a' }] })), /^hots: got "Cu", expected no such key in a comparison \(did you mean "host"\?\); allowed keys: metal,/);
  assert.match(message(() => parseRunInput({ ...base, hots: 'Cu' })), /^hots: got "Cu", expected no such key \(did you mean "host"\?\); allowed keys: metal,/);
  assert.match(message(() => parseCompareInput({ ...base, variants: [{ name: 'a', sac: [] }] })), /^variants\[0\]\.sac: got \[\], expected no such key \(did you mean "sacs"\?\)/);
  assert.match(message(() => parseRunInput({ ...base, colour: 'red' })), /^colour: got "red", expected no such key; allowed keys: /);
  assert.equal(nearestWord('x', ['a', 'b']), undefined, 'two equally near: no guess');
  assert.equal(editDistance('fro', 'for'), 1, 'a swap of neighbours is one edit');
});

test('files: YAML, JSON, a parameters file, syntax errors with the line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-input-'));
  writeFileSync(join(dir, 'run.json'), JSON.stringify(issueExample()));
  assert.equal(loadRunFile(join(dir, 'run.json')).host.name, 'graphene');
  writeFileSync(join(dir, 'params.yaml'), 'hosts:\n  foam:\n    metals:\n      Li: { binding: 0.04 eV }\n');
  writeFileSync(join(dir, 'run.yaml'), [
    'metal: Li', 'temperature: 25 degC', 'lattice: { size: [16, 16, 16], voxel: 0.30 nm }', 'host: foam',
    'parameters: params.yaml', 'protocol:', '  - Rest for 1 s', '  - repeat: 2', '    steps:',
    '      - Plate 0.01 mAh/cm2 at 1 mA/cm2', '      - Strip at 1 mA/cm2 until 200 mV', 'seed: 3',
  ].join('\n'));
  const r = loadRunFile(join(dir, 'run.yaml'));
  assert.equal(r.host.binding_eV, 0.04);
  assert.equal(r.seed, 3);
  close(r.output.sample_C_per_m2, 360 / 200);
  writeFileSync(join(dir, 'broken.yaml'), 'metal: Li\nlattice: { size: [16, 16, 16]\nhost: Cu\n');
  assert.throws(() => loadRunFile(join(dir, 'broken.yaml')), (e: unknown) => e instanceof FileError && e.line !== undefined && !e.message.includes('\n'));
  writeFileSync(join(dir, 'dup.yaml'), 'metal: Li\nmetal: Na\n');
  assert.throws(() => loadRunFile(join(dir, 'dup.yaml')), (e: unknown) => e instanceof FileError && e.line === 2);
  assert.throws(() => loadRunFile(join(dir, 'missing.yaml')), (e: unknown) => e instanceof FileError && /ENOENT/.test(e.message));
});

test('CLI: params list/show/resolve, and bad input -> one line on stderr, exit code 2', async () => {
  const cli = async (...args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; }; // in-process (test/helpers/cli.ts), in the shape spawnSync returns
  const list = await cli('params', 'list', '--kind', 'sac', '--json');
  assert.equal(list.status, 0, list.stderr);
  assert.ok((JSON.parse(list.stdout) as { name: string }[]).some((x) => x.name === 'Zn-N4'));
  const show = await cli('params', 'show', 'Zn-N4');
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /metals\.Li\.dft\.Li0_binding\s+-3\.66 eV\s+review ref 58, section 3\.2, Fig\. 4A/);
  assert.match(show.stdout, /metals\.Li\.binding\s+1\.304645 eV\s+ASSUMED:/); // 0.014645 + (3.66 - 2.37), no scale
  const showJson = JSON.parse((await cli('params', 'show', 'graphene', '--json')).stdout);
  assert.equal(showJson.resolved.Li.binding_eV, 0.014645);
  const both = await cli('params', 'show', 'Na');
  assert.match(both.stdout, /^metal Na/m); assert.match(both.stdout, /^host Na/m);
  const res = await cli('params', 'resolve', 'examples/li-zn-sac.yaml');
  assert.equal(res.status, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).lattice.mode, 'mesoscale');

  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cli-'));
  const f = join(dir, 'bad.yaml');
  writeFileSync(f, 'metal: Li\nlattice: { size: [16, 16, 16], voxel: 0.30 nm }\nhost: graphene\nsacs:\n  - { site: Zn-N4, loading: 2 mA }\nprotocol: [Plate at 1 mA/cm2 for 1 s]\n');
  const r = await cli('params', 'resolve', f);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^sacplate: sacs\[0\]\.loading: got "2 mA", expected a loading as a percentage/);
  const unk = await cli('params', 'show', 'Unobtainium');
  assert.equal(unk.status, 2);
  assert.match(unk.stderr, /^sacplate: name: got "Unobtainium", expected a known parameter set: Li, Na, K, Cu/);
  assert.equal((await cli('params', 'list', '--kind', 'alloy')).status, 2);
});

test('params list/show: the SEI sets (review59: `params show ether-LiNO3` was refused, their values and sources only in params/sei.ts)', async () => {
  const cli = async (...args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; };
  const list = await cli('params', 'list', '--kind', 'sei', '--json');
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual((JSON.parse(list.stdout) as { name: string }[]).map((x) => x.name), Object.keys(SEI_SETS));
  assert.match((await cli('params', 'list')).stdout, /^sei +ether-LiNO3 +\[Li\] /m, 'every kind, the SEI sets included');
  // what LiNO3 changes, each value with the sei: key that overrides it and its reason or source
  const show = await cli('params', 'show', 'ether-LiNO3');
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /^sei ether-LiNO3: /);
  assert.match(show.stdout, new RegExp(`^  sei\\.crack +${SEI_SETS['ether-LiNO3']!.crack.value} +ASSUMED: `, 'm'));
  assert.match(show.stdout, /^  sei\.thickness +3 nm +ASSUMED: /m);
  assert.match(show.stdout, /^  lithiumDensity \(fixed by the set\) +0\.05 mol\/cm3 /m);
  // the NaF pair prints ASSUMED with its reason and the review it is read from (mends99, review78: it printed as
  // sourced, "review ref 71, section 4, Fig. 8C", though the review's figure is a share of the F 1s signal)
  assert.match((await cli('params', 'show', 'Na-ether')).stdout, /^  sei\.inorganic_share +0\.121 +ASSUMED: the Na-F share of the F 1s signal .*\(review ref 71, section 4\)/m);
  const json = JSON.parse((await cli('params', 'show', 'carbonate', '--json')).stdout) as { kind: string; set: { crack: { value: number } } };
  assert.equal(json.kind, 'sei');
  assert.equal(json.set.crack.value, SEI_SETS.carbonate!.crack.value);
  const unk = await cli('params', 'show', 'ether-FEC', '--kind', 'sei');
  assert.equal(unk.status, 2);
  assert.equal(unk.stderr.trim(), `sacplate: name: got "ether-FEC", expected a known SEI set: ${Object.keys(SEI_SETS).join(', ')}`);
});

// review65: the Na and K SEI sets share Li's assumed growth and conduction activation energies, whose notes read "SEI
// growth on Li" and "the film's Li+ conductivity" in `params show K-ether`: a K user read a Li value without being told
// it was taken for K. Values unchanged; a Na or K set's notes now say they are Li's, taken for lack of one of the metal's.
test('params show of a Na or K SEI set says its shared activation energies are Li\'s, taken for that metal; Li\'s sets read as before (review65)', async () => {
  for (const [set, metal] of [['Na-ether', 'Na'], ['Na-carbonate', 'Na'], ['K-ether', 'K']] as const) {
    const out = (await cliInProcess(['params', 'show', set])).stdout;
    assert.match(out, new RegExp(`^  activationEnergy \\(fixed by the set\\) +0\\.4 eV +ASSUMED: Li's value, taken for ${metal} \\(no value for ${metal} found\\): `, 'm'), out);
    assert.match(out, new RegExp(`^  sei\\.conduction_activation +0\\.6 eV +ASSUMED: Li's value, taken for ${metal} \\(no value for ${metal} found\\): `, 'm'), out);
    assert.equal(SEI_SETS[set]!.activationEnergy.value, 0.4);
  }
  assert.match((await cliInProcess(['params', 'show', 'carbonate'])).stdout, /^  activationEnergy \(fixed by the set\) +0\.4 eV +ASSUMED: Arrhenius energy of SEI growth on Li;/m);
});

test('electrochem.counter sets the counter electrode of a symmetric cell, with units and ranges', () => {
  const base = issueExample();
  const r = parseRunInput({ ...base, electrochem: { counter: { exchange_current_density: '3 mA/cm2', alpha: 0.4 } } });
  assert.equal(r.electrochem.counter!.i0_A_per_m2, 30);
  assert.equal(r.electrochem.counter!.alpha, 0.4);
  const d = parseRunInput({ ...base, electrochem: { counter: { alpha: 0.6 } } });
  assert.equal(d.electrochem.counter!.i0_A_per_m2, d.metal.i0_A_per_m2);
  assert.equal(parseRunInput(base).electrochem.counter, undefined);
  assert.throws(() => parseRunInput({ ...base, electrochem: { counter: { exchange_current_density: '3 mV' } } }),
    (e: Error) => e instanceof InputError && /electrochem\.counter\.exchange_current_density/.test(e.message));
  assert.throws(() => parseRunInput({ ...base, electrochem: { counter: { alpha: 2 } } }),
    (e: Error) => e instanceof InputError && /electrochem\.counter\.alpha/.test(e.message));
});

test('electrochem.estimator: rates (the default, left out of the resolved run), events or scaled-rates; anything else named with the choices', () => {
  const base = issueExample();
  assert.equal(parseRunInput(base).electrochem.estimator, undefined);
  assert.equal(parseRunInput({ ...base, electrochem: { estimator: 'rates' } }).electrochem.estimator, undefined);
  assert.equal(parseRunInput({ ...base, electrochem: { estimator: 'events' } }).electrochem.estimator, 'events');
  assert.equal(parseRunInput({ ...base, electrochem: { estimator: 'scaled-rates' } }).electrochem.estimator, 'scaled-rates');
  assert.throws(() => parseRunInput({ ...base, electrochem: { estimator: 'counts' } }),
    (e: Error) => e instanceof InputError && e.message === 'electrochem.estimator: got "counts", expected rates (the default), events or scaled-rates');
});

test('runs without parameters: share their parameter sets, frozen: one run\'s provenance cannot change another\'s, and the sets are those a parameters: block of none builds', () => {
  // review36: the sets are built once per kinetics and shared (each run built its own: a third of a sweep's planning)
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  for (const extra of [{}, { kinetics: { terraceBarrier: '0.15 eV' } }]) {
    const a = parseRunInput({ ...base, ...extra });
    const b = parseRunInput({ ...base, ...extra, seed: 7 });
    const own = parseRunInput({ ...base, ...extra, parameters: {} }); // built for this run alone, as every run's were
    assert.deepEqual(a.provenance, own.provenance);
    assert.throws(() => { (a.provenance!.metal as unknown as { bond: { value: number } }).bond.value = 9; }, TypeError);
    assert.throws(() => { (a.provenance!.sacs[0] as unknown as { name: string }).name = 'another'; }, TypeError);
    assert.deepEqual(b.provenance, own.provenance);
    assert.equal(b.metal.bond_eV, own.metal.bond_eV);
  }
  // another kinetics is its own sets
  const slow = parseRunInput({ ...base, kinetics: { terraceBarrier: '0.2 eV' } });
  assert.equal(slow.metal.terraceBarrier_eV, 0.2);
  assert.equal(parseRunInput({ ...base, kinetics: { terraceBarrier: '0.15 eV' } }).metal.terraceBarrier_eV, 0.15);
});

test('comparison inputs: a merged inline electrolyte\'s label compares a key the base leaves out with the base\'s resolved value (permittivity: 20 is the default) (mends98)', () => {
  // mends97 left it: `permittivity: 20` under a base without one read `(changed: permittivity)` though the run's value is
  // the one the base already ran at (an inline electrolyte without a permittivity takes the default)
  const el = { name: 'my-LiPF6', concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38 };
  const base = { metal: 'Li', lattice: { size: [4, 4, 8], voxel: '100 nm' }, host: 'Cu', electrolyte: el, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const eps0 = parseRunInput(base).transport!.electrolyte.epsR; // the base's own value, as its run resolves it
  const cases = (b: Record<string, unknown>, variants: Record<string, unknown>[]) =>
    parseCompareInput({ ...b, variants: variants.map((v, i) => ({ name: `v${i}`, ...v })) }).map((c) => [c.run.transport!.electrolyte.name, c.run.transport!.electrolyte.epsR]);
  assert.deepEqual(cases(base, [
    { electrolyte: { permittivity: eps0 } },
    { electrolyte: { permittivity: String(eps0) } },
    { electrolyte: { permittivity: eps0 + 1.5 } },
    { electrolyte: { permittivity: null } },
    { electrolyte: { conductivity: null } }, // absent in both: no conductivity
    { electrolyte: { conductivity: '10 mS/cm' } }, // the base gives none (its readings have no ohmic part): a change
  ]), [['my-LiPF6', eps0], ['my-LiPF6', eps0], ['my-LiPF6 (changed: permittivity)', eps0 + 1.5], ['my-LiPF6', eps0], ['my-LiPF6', eps0], ['my-LiPF6 (changed: conductivity)', eps0]]);
  // a base that gives a permittivity: null (the default again) changes it unless the base's value is the default
  assert.deepEqual(cases({ ...base, electrolyte: { ...el, permittivity: 7.2 } }, [{ electrolyte: { permittivity: null } }]), [['my-LiPF6 (changed: permittivity)', eps0]]);
  assert.deepEqual(cases({ ...base, electrolyte: { ...el, permittivity: eps0 } }, [{ electrolyte: { permittivity: null } }]), [['my-LiPF6', eps0]]);
});

test('cycaudit64: params show <sei set> names the sei: keys that are rules, not set values (film_hop_on, host_film, ...), so every key of an sei: map is found from the CLI', async () => {
  const { SEI_KEYS } = await import('../src/input/sei.js');
  const show = await cliInProcess(['params', 'show', 'carbonate']);
  assert.equal(show.code, 0, show.stderr);
  for (const key of SEI_KEYS.filter((k) => k !== 'set')) assert.match(show.stdout, new RegExp(`\\b${key}\\b`), `sei.${key} not named:\n${show.stdout}`);
  assert.match(show.stdout, /^  other sei: keys \(rules of the model, not values of the set; docs\/cycling\.md\): /m);
});

// audit69: a plate given both a charge and a time ends at the smaller of the two (input/limits.ts stepCharge_C, the
// engine's rule), but the default sampling window was 1/200 of the charge as written: `Plate 0.5 mAh/cm2 at 1 mA/cm2 for
// 2 s` ran its 2 s (0.00056 mAh/cm2) in windows of 0.0025 mAh/cm2, so eta.csv held 2 rows and no nucleation was read
test('a plate given a charge and a shorter time is sampled by the charge it passes, as the same plate given by its time alone', () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu' };
  const sample = (step: string) => parseRunInput({ ...base, protocol: [step] }).output.sample_C_per_m2;
  assert.equal(sample('Plate 0.5 mAh/cm2 at 1 mA/cm2 for 2 s'), sample('Plate at 1 mA/cm2 for 2 s'));
  // the charge the smaller: sampled by the charge, as before
  assert.equal(sample('Plate 0.0001 mAh/cm2 at 1 mA/cm2 for 20 s'), sample('Plate 0.0001 mAh/cm2 at 1 mA/cm2'));
});

// review69 (audit69's leftover): a voxel below the metal's atomic spacing (Na or K at Li's 0.30 nm, Li at 0.1 nm) ran
// labelled "mesoscale" without a word; MODEL.md section 2 defines the atomic spacing (atomistic mode) and larger voxels
// (mesoscale) only, and forbids neither, so it runs, said once before the run with the voxel, the spacing and the unit
test('a voxel below the metal\'s atomic spacing is warned of, naming the voxel, the spacing and what a voxel carries; the spacing and larger voxels are not', async () => {
  const { runInputWarnings } = await import('../src/input/limits.js');
  const run = (metal: string, voxel?: string) => parseRunInput({ ...issueExample(), metal, host: 'Cu', sacs: undefined, lattice: { size: [64, 64, 48], ...(voxel ? { voxel } : {}) } });
  const below = (metal: string, voxel?: string) => runInputWarnings(run(metal, voxel)).filter((w) => /atomic spacing/.test(w));
  // share: a^3 / atomic volume from params/metals.ts (Li 21.25, Na 37.84, K 71.53 A3): 27 / 37.84, 27 / 71.53, 1 / 21.25
  const said = (metal: string, voxel: string, spacing: string, share: string) => `warning: lattice.voxel ${voxel} is below ${metal}'s atomic spacing, ${spacing}: `
    + `MODEL.md section 2 defines that spacing (atomistic mode) and larger voxels (mesoscale mode, its energies effective parameters) only; this run is labelled mesoscale, `
    + `and each voxel carries ${share} of one atom's charge (a^3 / the atomic volume); give lattice.voxel ${spacing} (or leave it out) for the atomistic mode, or a larger voxel`;
  assert.deepEqual(below('Na', '0.30 nm'), [said('Na', '0.3 nm', '0.37 nm', '0.714')]);
  assert.deepEqual(below('K', '0.30 nm'), [said('K', '0.3 nm', '0.46 nm', '0.377')]);
  assert.deepEqual(below('Li', '0.1 nm'), [said('Li', '0.1 nm', '0.3 nm', '0.0471')]);
  assert.equal(run('Na', '0.30 nm').lattice.mode, 'mesoscale', 'the run is not refused');
  // at the spacing (within its 10 % tolerance: atomistic) and above it, nothing
  for (const [metal, voxel] of [['Li', '0.30 nm'], ['Na', undefined], ['Na', '0.34 nm'], ['K', undefined], ['Na', '10 nm'], ['Li', '0.5 nm']] as const) {
    assert.deepEqual(below(metal, voxel), [], `${metal} ${voxel ?? 'its spacing'}`);
  }
});

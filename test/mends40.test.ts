/**
 * Session 32, task mends40: leftovers of audit33 (docs/history.md, "audit33", noticed and left); each test fails
 * on the code before its fix. (1) `nucleation --sac "..., desolvation -0.3 eV"` was taken (a raised reduction
 * barrier) where a screen descriptor row's desolvation_shift_eV must be >= 0. (2) `elements Fe,Co` was refused as
 * the symbol "Fe,Co". (3) The nucleation table did not say the current and capacity it ran at. (4) docs/nucleation.md
 * gave J_eta's law keys (B, p, q) no unit. (5) `elements` printed no sources in its table or CSV. (6) `fullcell` with
 * an anode run printed nothing while it simulated, and Ctrl-C was Node's default kill.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { parseSacText, resolveStudy } from '../src/nucleation/system.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends40-'));

test('nucleation: a negative desolvation energy is refused naming the field, value, unit and range (as a screen row\'s)', async () => {
  assert.equal(parseSacText('binding -2.9 eV, desolvation 0.38 eV').numbers.desolvation_eV, 0.38);
  assert.equal(parseSacText('binding -2.9 eV, desolvation 0 eV').numbers.desolvation_eV, 0);
  assert.throws(() => parseSacText('binding -2.9 eV, desolvation -300 meV'),
    /^InputError: sac\.desolvation: got "-300 meV", expected an energy from 0 to 10 eV \(the desolvation energy the SAC removes from the reduction barrier, >= 0, as a screen descriptor row's desolvation_shift_eV\), e\.g\. "0\.38 eV"$/);
  const r = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'binding -2.9 eV, reference -2.37 eV, desolvation -0.3 eV', '--no-store'], { cwd: tmp });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: --sac desolvation: got "-0\.3 eV", expected an energy from 0 to 10 eV \(the desolvation energy the SAC removes/);
  // a library caller's (and a case file's) { desolvation_eV } the same way
  assert.throws(() => resolveStudy({ metal: 'Li', host: 'N-graphene', sac: { binding_eV: -2.9, desolvation_eV: -0.3 } }),
    /sac\.desolvation_eV: got -0\.3, expected a number from 0 to 10, in eV \(the desolvation energy the SAC removes/);
});

test('elements: symbols pasted in one argument ("Fe,Co", "Fe, Co", "Fe Co") are read as symbols; an unknown one is named alone, with a hint', async () => {
  for (const arg of ['Fe,Co', 'Fe, Co', 'Fe Co']) {
    const r = await cli(['elements', arg, '--format', 'json']);
    assert.equal(r.code, 0, `${arg}: ${r.stderr}`);
    assert.deepEqual((JSON.parse(r.stdout) as { elements: { symbol: string }[] }).elements.map((e) => e.symbol), ['Fe', 'Co'], arg);
  }
  const both = await cli(['elements', 'Zn', 'Fe,Co']);
  assert.match(both.stdout, /\nZn .*\nFe .*\nCo /);
  const bad = await cli(['elements', 'Fe,Cx']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'sacplate: symbols: got "Cx", expected an element symbol such as Fe, Co, Ni, Zn, Mn or Pt\n');
  // a name, as some paste it, is hinted with its symbol
  assert.match((await cli(['elements', 'Fe,Iron'])).stderr, /symbols: got "Iron", expected an element symbol such as .* \(did you mean "Fe", Iron\?\)\n$/);
  assert.match((await cli(['elements', 'cobolt'])).stderr, /\(did you mean "Co", Cobalt\?\)\n$/);
  assert.match((await cli(['elements', ','])).stderr, /^sacplate: symbols: got ",", expected element symbols, e\.g\. "Fe Co" or "Fe,Co"\n$/);
});

test('nucleation: the table\'s heading line says the plating current density and plated capacity it ran at; one that differs per case is a column', async () => {
  const r = await cli(['nucleation', '--metal', 'Li', '--host', 'Li', '--current', '2', 'mA/cm2', '--capacity', '0.05 mAh/cm2', '--no-store'], { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^at plating current density 2 mA\/cm2, plated capacity 0\.05 mAh\/cm2:\ncase +nucleation \(mV\)/);
  // --against-literature runs each system at its own reported current: the real reports of two cases on the metal's own foil (no atomistic stage)
  const { nucleation } = await import('../src/nucleation/index.js');
  const { table } = await import('../src/cli/actions/nucleation.js');
  const rows = [10, 30].map((I) => {
    const req = { metal: 'Li', host: 'Li', current_A_per_m2: I, capacity_C_per_m2: 360 };
    return { c: { name: `Li on Li at ${I / 10} mA/cm2`, req }, r: nucleation(req, undefined) };
  });
  const t = table(rows, false).split('\n');
  assert.equal(t[0], 'at plated capacity 0.01 mAh/cm2, plating current density per case (its column):');
  assert.match(t[1]!, /^case +current \(mA\/cm2\) +nucleation \(mV\)/);
  assert.match(t[3]!, /^Li on Li at 1 mA\/cm2 +1 +\d/);
  assert.match(t[4]!, /^Li on Li at 3 mA\/cm2 +3 +\d/);
});

test('docs/nucleation.md "JSON keys" names every key of J_eta\'s fitted law, B, p and q with their units (the keys stay as users\' scripts read them)', async () => {
  const { fitRateLaw } = await import('../src/nucleation/rate.js');
  // a law of the 3D form through four points (the real fit; only its keys are read here)
  const law = fitRateLaw([0.06, 0.08, 0.1, 0.12].map((eta_V) => ({ eta_V, J_per_site_s: Math.exp(20 - 0.05 / (eta_V * eta_V)), nStar: (0.3 / eta_V) ** 3 })));
  const doc = fs.readFileSync(path.resolve('docs/nucleation.md'), 'utf8');
  const section = /\n## JSON keys\n([\s\S]*?)\n## /.exec(doc)![1]!.replace(/\s+/g, ' ');
  for (const k of Object.keys(law)) assert.ok(section.includes(`\`${k}\``), `J_eta key ${k} not in docs/nucleation.md "JSON keys"`);
  assert.match(section, /`B` and its 95 % interval `BLo`-`BHi` \(in V\^2 for the 3D cap, in V for the 2D island/);
  assert.match(section, /the free exponent `p` of n\*\(eta\) = \(b\/eta\)\^p with its interval `pLo`-`pHi` \(dimensionless\)/);
  assert.match(section, /`q` \(dimensionless: the form's exponent, 3 for the 3D cap, 2 for the 2D island/);
  assert.match(section, /`lnK` \(ln of K, K the rate per site in 1\/s\)/);
});

test('elements: the table lists its sources under it, numbered; the CSV carries each column\'s source in a source column', async () => {
  const t = await cli(['elements', 'Fe', 'Co']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /\nsources:\n {2}\[1\] abundance \(mg\/kg\): CRC Handbook crustal abundance \(via mendeleev elements\.db\); cite L\. M\. Mentel, mendeleev .*doi:10\.5281\/zenodo\.5233824\n {2}\[2\] price \(USD\/kg\): Wikipedia, Prices of chemical elements, lower end .*\n {2}\[3\] HHI prod, HHI res: Gaultois et al\., Chem\. Mater\. 25, 2911 \(2013\), doi:10\.1021\/cm400893e/);
  assert.match(t.stdout, /\n {2}\[4\] hazard Co IARC Group 2A: IARC Monographs Volume 131 .*\n {2}\[5\] hazard Co neurotoxicity; contaminates soil and water: L\. Leysens.*\n {2}\(the data files and their licences: .*data\/elements\/SOURCES\.md;/);
  assert.doesNotMatch(t.stdout, /\[6\]/, 'Fe has no cited flag: no source line of its own');
  const c = await cli(['elements', 'Fe,Co', '--format', 'csv', '--sustainability']);
  assert.equal(c.code, 0, c.stderr);
  const { parseCsv } = await import('../src/io/csv.js');
  const [head, ...rows] = parseCsv(c.stdout);
  const col = (name: string) => { const i = head!.indexOf(name); assert.ok(i >= 0, `${name} in ${head!.join(',')}`); return i; };
  const co = rows.find((r) => r[0] === 'Co')!, fe = rows.find((r) => r[0] === 'Fe')!;
  assert.equal(co[col('hhi_source')], 'Gaultois et al., Chem. Mater. 25, 2911 (2013), doi:10.1021/cm400893e (via pymatgen)');
  assert.match(co[col('abundance_source')]!, /^CRC Handbook crustal abundance/);
  assert.match(co[col('price_source')]!, /^Wikipedia, Prices of chemical elements/);
  assert.match(co[col('hazard_flag_sources')]!, /^IARC Monographs Volume 131 .*; L\. Leysens/);
  assert.equal(fe[col('hazard_flag_sources')], '', 'no cited flag: an empty cell, as hazard_flags');
  // last, after the score's columns: every column before keeps its place
  assert.equal(col('abundance_source'), head!.length - 4);
});

test('fullcell with anode.run: simulate\'s progress line while the anode simulates (stderr no terminal), and Ctrl-C stops it: exit 130, said, no stack trace', { timeout: 60000 }, async () => {
  const { spawn } = await import('node:child_process');
  // a Li||Cu run of 40 short half cycles (each below simulate's 200 000 events between progress reports)
  const anode = path.join(tmp, 'anode.yaml');
  fs.writeFileSync(anode, 'metal: Li\nlattice: { size: [16, 16, 40], voxel: 20 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.25 eV }\nsei: carbonate\n' +
    'protocol:\n  - repeat: 20\n    steps:\n      - Plate 0.1 mAh/cm2 at 1 mA/cm2\n      - Strip at 1 mA/cm2 until 1 V\nseed: 1\noutput: { snapshots: false }\n');
  const fc = path.join(tmp, 'fc.yaml');
  fs.writeFileSync(fc, 'cathode: LFP\nnp: 1\ncycles: 20\nanode: { run: anode.yaml }\n');
  const p = spawn(process.execPath, [path.resolve('bin/sacplate.js'), 'fullcell', fc], { cwd: tmp, env: { ...process.env, SACPLATE_DB: path.join(tmp, 'fc.db') } });
  let stderr = '', stdout = '';
  p.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  const sawLine = new Promise<boolean>((resolve) => {
    const guard = setTimeout(() => resolve(false), 20000);
    p.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (/^anode run: step \d+\/40 .*events\/s, eta /m.test(stderr)) { clearTimeout(guard); resolve(true); }
    });
    p.on('exit', () => { clearTimeout(guard); resolve(/^anode run: /m.test(stderr)); });
  });
  const saw = await sawLine;
  if (p.exitCode === null) p.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => { if (p.exitCode !== null) resolve(p.exitCode); else p.on('exit', (c) => resolve(c)); });
  assert.ok(saw, `no progress line: ${stderr}`);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /\nsacplate: stopped: the anode run had not finished \(its CE per cycle is the full cell's input\); nothing written\n$/);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.equal(stdout, '', 'no table of a half-run anode');
});

/**
 * `sacplate fullcell`: np and loading/capacity checks and their units, the first discharge beside the retention,
 * anode.run files that cannot be read or are of another kind, and the cathode sets against their sources.
 *
 * Moved here from test/audit20.test.ts, test/audit3-cli.test.ts, test/review34.test.ts, test/mends43.test.ts and
 * test/audit32.test.ts (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each
 * test's story is told in docs/history.md under the session that wrote it: a session's name in a test's name (e.g.
 * 'mends36') refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempFolder, inTempDir } from './helpers/tmp.js';
import { cliSpawnShape, cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { refusedInOneLine } from './helpers/refusals.js';

const tmp = tempFolder('fullcell-cli');

/** The CLI in-process from tmp, in the shape spawnSync returns. */
const run = (...args: string[]) => cliSpawnShape(args, { cwd: tmp });

const tmp2 = tempFolder('fullcell-cli');

test('fullcell: np: [] is one line naming np (it printed an empty table and exited 0)', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  assert.throws(() => parseFullCell({ cathode: 'LFP', np: [], cycles: 10, anode: { ce: 0.99 } }, '.'), (e: Error) => {
    assert.match(e.message, /^np: got \[\], expected at least one N\/P ratio/);
    return true;
  });
  assert.deepEqual(parseFullCell({ cathode: 'LFP', np: [0, 1], cycles: 10, anode: { ce: 0.99 } }, '.').np, [0, 1]);
});

test('fullcell: an N/P given twice is refused in one line naming np[i] and the value (np: [0, 1, 1] ran N/P 1 twice)', async () => {
  await inTempDir('fullcell-cli', async (dir) => {
    const f = join(dir, 'np-twice.yaml');
    writeFileSync(f, 'cathode: LFP\nnp: [0, 1, 1]\ncycles: 5\nanode: { ce: 0.99 }\n');
    refusedInOneLine(await cli(['fullcell', f]), 'np[2]', /^sacplate: np\[2\]: got 1, expected each N\/P ratio once \(np\[1\] is 1 too\)/);
  });
  const { parseFullCell } = await import('../src/fullcell/library.js');
  // 1 and 1.0 are one number in YAML and JSON alike
  assert.throws(() => parseFullCell({ np: [3, 0, 1.0, 3], cycles: 5, anode: { ce: 0.99 } }, '.'), /^InputError: np\[3\]: got 3, expected each N\/P ratio once \(np\[0\] is 3 too\)/);
});

test('fullcell: loading and capacity both given is one line (the loading was dropped without a word)', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  assert.throws(() => parseFullCell({ cathode: 'LFP', loading: '10 mg/cm2', capacity: '3 mAh/cm2', np: 1, cycles: 10, anode: { ce: 0.99 } }, '.'), (e: Error) => /^loading: got "10 mg\/cm2", expected loading or capacity, not both/.test(e.message));
  assert.equal(parseFullCell({ cathode: 'LFP', loading: '10 mg/cm2', np: 1, cycles: 10, anode: { ce: 0.99 } }, '.').capacity_mAh_per_cm2.toFixed(9), '1.700000000');
});

test('fullcell prints the first discharge beside the retention (retention is relative to it: CE 0.3 read 100 % at cycle 1)', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = tempFolder('a20');
  const f = join(dir, 'fc.yaml');
  writeFileSync(f, 'cathode: LFP\nnp: [0, 1]\ncycles: 10\nanode: { ce: 0.3 }\n');
  const r = await cli(['fullcell', f]);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s{2,}/));
  // N/P 0: D1 = CE x Q_c = 0.3 x 1.7; N/P 1: the excess (1.7) covers the first cycle's loss (1.19)
  assert.deepEqual(rows.map((x) => [x[0], x[1]]), [['0', '0.510'], ['1', '1.700']]);
  assert.match(r.stdout, /retention = discharge \/ first discharge/);
  // fullcell.json carries it too, under the library's name (review38: it had the retention without what it is relative to)
  const out = join(dir, 'out');
  assert.equal((await cli(['fullcell', f, '--out', out])).code, 0);
  const { readFileSync } = await import('node:fs');
  const json = JSON.parse(readFileSync(join(out, 'fullcell.json'), 'utf8')) as { results: { np: number; first_discharge_mAh_per_cm2: number }[] };
  assert.deepEqual(json.results.map((x) => [x.np, x.first_discharge_mAh_per_cm2.toFixed(9)]), [[0, (0.3 * 1.7).toFixed(9)], [1, '1.700000000']]);
});

test('fullcell: a loading or capacity without its unit is refused in one line (a bare 10 was read as 10 mg/cm2); other units convert', async () => {
  const cell = async (extra: string) => { const f = join(tmp, 'fc.yaml'); writeFileSync(f, `cathode: LFP\n${extra}\nnp: [1]\ncycles: 10\nanode: { ce: 0.99 }\n`); return await run('fullcell', f); };
  const bare = await cell('loading: 10');
  assert.equal(bare.status, 2, bare.stdout);
  assert.equal(bare.stderr.trim().split('\n').length, 1, bare.stderr);
  assert.match(bare.stderr, /^sacplate: loading: got 10, expected a mass per area with a unit, e\.g\. "2 mg\/cm2"/);
  const cap = await cell('capacity: "2"');
  assert.equal(cap.status, 2, cap.stdout);
  assert.match(cap.stderr, /^sacplate: capacity: got "2", expected an areal capacity with its unit, e\.g\. "3 mAh\/cm2" \(no unit given\)/);
  // 100 g/m2 is 10 mg/cm2: the same cathode capacity as the documented form (LFP 170 mAh/g -> 1.700 mAh/cm2)
  const si = await cell('loading: 100 g/m2');
  assert.equal(si.status, 0, si.stderr);
  assert.match(si.stdout, /^cathode LFP, 1\.700 mAh\/cm2/);
  const neg = await cell('loading: -10 mg/cm2');
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /^sacplate: loading: got "-10 mg\/cm2", expected an active-material loading, e\.g\. "10 mg\/cm2" \(positive\)/);
  const f = join(tmp, 'fc-typo.yaml');
  writeFileSync(f, 'cathode: LFP\nloading: 10 mg/cm2\nnp: [1]\ncycles: 10\nanode: { cee: 0.99 }\n');
  const typo = await run('fullcell', f);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /^sacplate: anode\.cee: got 0\.99, expected no such key \(did you mean "ce"\?\); allowed keys: ce, run/);
});

test('fullcell: an anode.run that cannot be read, or empty, is named as anode.run (it said "FILE: cannot read" alone, or read the folder)', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const missing = join(tmp2, 'no-anode.yaml');
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: missing } }), (e: unknown) => e instanceof InputError
    && e.message === `anode.run: got "${missing}", expected a Li||Cu run file that can be read (${missing}: cannot read: no such file (ENOENT))`);
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: '' } }), (e: unknown) => e instanceof InputError
    && e.message === 'anode.run: got "", expected a Li||Cu run file path (relative to the full-cell file), e.g. anode-licu-carbonate.yaml');
});

test('fullcell: an anode.run naming a file of another kind is refused by loadRunFile\'s check, naming the file, what it is and what anode.run takes', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const sweep = resolve('examples/sweep-loading.yaml');
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: sweep } }), (e: unknown) =>
    e instanceof Error && e.message === `${sweep}: a sweep file (base + axes): sacplate sweep runs it; anode.run takes a Li||Cu run file (one run with plate/strip cycles)`);
});

test('fullcell of a CSV or of its own fullcell.json names the file and what it is; simulate and cite no longer send fullcell.json to fullcell (review49: "fullcell: got "np,cycle,..." (82037 characters)" and "capacity_mAh_per_cm2: got 1.7, expected no such key")', async () => {
  const d = tempFolder('fullcell-kinds');
  const spec = join(d, 'cell.yaml');
  writeFileSync(spec, 'cathode: LFP\nnp: [0, 1]\ncycles: 10\nanode: { ce: 0.99 }\n');
  const out = join(d, 'fc');
  assert.equal((await cli(['fullcell', spec, '--out', out])).code, 0);
  const takes = 'a full-cell file has cathode:, np:, cycles: and anode: { ce }, { run: a Li||Cu run file } or { file: a Li||Cu cycler export } (examples/fullcell/li-lfp.yaml)';
  const csv = join(out, 'fullcell.csv');
  const r = await cli(['fullcell', csv]);
  refusedInOneLine(r, csv, /a table/);
  const head = readFileSync(csv, 'utf8').split('\n', 1)[0]!;
  assert.ok(head.length > 60 && head.startsWith('np,cycle,ce,'), head);
  assert.equal(r.stderr.trim(), `sacplate: ${csv}: a table (first line "${head.slice(0, 60)}..."; \`sacplate analyze\` reads a run's eta.csv or a cycler's data), not a full-cell file; ${takes}`);
  const json = join(out, 'fullcell.json');
  const result = "a full-cell result (fullcell.json, what fullcell --out writes), not an input file";
  const j = await cli(['fullcell', json]);
  refusedInOneLine(j, json, /a full-cell result/);
  assert.equal(j.stderr.trim(), `sacplate: ${json}: ${result}; ${takes}`);
  for (const cmd of ['simulate', 'cite']) {
    const c = await cli([cmd, json, ...(cmd === 'simulate' ? ['--no-store'] : [])]);
    refusedInOneLine(c, json, /a full-cell result/);
    assert.ok(c.stderr.startsWith(`sacplate: ${json}: ${result}; `), c.stderr);
  }
});

test('the full-cell cathode sets against their sources and the package\'s atomic weights', async () => {
  const { CATHODES, arealCapacity } = await import('../src/fullcell/cathodes.js');
  const { loadElements } = await import('../src/evidence/elements.js');
  const { CONST } = await import('../src/units.js');
  const el = loadElements();
  const M = (formula: Record<string, number>) => Object.entries(formula).reduce((s, [sym, n]) => s + n * el.get(sym)!.atomicWeight, 0);
  const theoretical = (electrons: number, m: number) => (electrons * CONST.F) / (3.6 * m); // mAh/g
  const near = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * b;
  // LFP: theoretical capacity of LiFePO4 (169.9 mAh/g); Padhi et al. 1997: "at 3.5 V vs. lithium" (it read 3.4 V)
  assert.ok(near(CATHODES.LFP!.specificCapacity.value, theoretical(1, M({ Li: 1, Fe: 1, P: 1, O: 4 })), 0.005));
  assert.equal(CATHODES.LFP!.voltage.value, 3.5);
  assert.match(CATHODES.LFP!.voltage.source.where ?? '', /3\.5 V vs\. lithium/);
  // S to Li2S, 2 e- per S: 1672 mAh/g from the atomic weight, 1675 as the literature rounds it
  assert.ok(near(CATHODES.S!.specificCapacity.value, theoretical(2, M({ S: 1 })), 0.005));
  // NCM811's practical 200 mAh/g lies below its theoretical (275 mAh/g for one Li per formula unit)
  assert.ok(CATHODES.NCM811!.specificCapacity.value < theoretical(1, M({ Li: 1, Ni: 0.8, Co: 0.1, Mn: 0.1, O: 2 })));
  // NVP (review56): two Na per Na3V2(PO4)3 (117.6 mAh/g); Zeng et al. 2020: "high platform voltage (~3.4 V)"
  assert.ok(near(CATHODES.NVP!.specificCapacity.value, theoretical(2, M({ Na: 3, V: 2, P: 3, O: 12 })), 0.001));
  assert.equal(CATHODES.NVP!.metal, 'Na');
  assert.match(CATHODES.NVP!.voltage.source.where ?? '', /~3\.4 V/);
  // each assumed loading gives the areal capacity its note states
  for (const c of Object.values(CATHODES)) {
    const stated = /\(([\d.]+) mAh\/cm2/.exec(c.loading.source.note ?? '');
    assert.ok(stated, `${c.name}: ${c.loading.source.note}`);
    assert.ok(near(arealCapacity(c), Number(stated[1]), 1e-9), `${c.name}: ${arealCapacity(c)} vs ${stated[1]}`);
  }
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('fullcell: anode.ce given as a percentage with its unit ("99.5 %") is the fraction 0.995; a bare 99.5 is refused in one line', async () => {
  await inTempDir('fullcell-cli', async (dir) => {
    const cell = (ce: string) => { const f = join(dir, `fc-${Math.random().toString(36).slice(2)}.yaml`); writeFileSync(f, `cathode: LFP\nloading: 10 mg/cm2\nnp: [0, 1, 3]\ncycles: 300\nanode: { ce: ${ce} }\n`); return f; };
    const frac = await cli(['fullcell', cell('0.995')]);
    const pct = await cli(['fullcell', cell('"99.5 %"')]);
    assert.equal(frac.code, 0, frac.stderr);
    assert.equal(pct.code, 0, pct.stderr);
    assert.equal(pct.stdout, frac.stdout);
    refusedInOneLine(await cli(['fullcell', cell('99.5')]), 'anode.ce', /99\.5 %/);
  });
});

test('review56: fullcell refuses an anode run of another metal than the cathode\'s ion (a Na run beside LFP, the default too, ran as a Li cell), naming a cathode of its metal or what to give', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const d = tempFolder('fullcell-metal');
  const runOf = (metal: string) => {
    const f = join(d, `anode-${metal}.yaml`);
    // a small box (before the fix it ran, about 0.1 s, and the cell came out as a Li one)
    writeFileSync(f, `metal: ${metal}\nlattice: { size: [4, 4, 8], voxel: 100 nm }\nhost: Cu\nprotocol: [ "Plate 0.01 mAh/cm2 at 1 mA/cm2", "Strip at 1 mA/cm2 until 1 V" ]\n`);
    return f;
  };
  const na = runOf('Na');
  const refused = (spec: Record<string, unknown>, words: string) => assert.throws(() => fullCellOf(spec), (e: unknown) =>
    e instanceof InputError && e.field === 'anode.run' && e.message === words, JSON.stringify(spec));
  refused({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: na } },
    `anode.run: got "${na}", expected a Li anode run for cathode LFP, a cathode of Li+: ${na} plates Na; give a Na cathode, cathode: NVP (Na3V2(PO4)3 (NASICON))`);
  refused({ np: 1, cycles: 10, anode: { run: na } },
    `anode.run: got "${na}", expected a Li anode run for cathode LFP (the default), a cathode of Li+: ${na} plates Na; give a Na cathode, cathode: NVP (Na3V2(PO4)3 (NASICON))`);
  const k = runOf('K');
  // (since mends69 a K cathode is defined, KMnHCF: the refusal names it, as it names NVP for a Na run)
  refused({ cathode: 'NVP', np: 1, cycles: 10, anode: { run: k } },
    `anode.run: got "${k}", expected a Na anode run for cathode NVP, a cathode of Na+: ${k} plates K; give a K cathode, cathode: KMnHCF (KxMn[Fe(CN)6] (manganese hexacyanoferrate, a Prussian-blue analogue))`);
  // a given CE with NVP: the Na cell's capacity, 10 mg/cm2 x 117.6 mAh/g
  const r = fullCellOf({ cathode: 'NVP', np: 0, cycles: 2, anode: { ce: 0.99 } });
  assert.equal(r.cathode, 'NVP');
  assert.ok(Math.abs(r.capacity_mAh_per_cm2 - 1.176) < 1e-12, String(r.capacity_mAh_per_cm2));
});

test('mends69: a K cathode, KMnHCF (104.8 mAh/g and 3.8 V vs K/K+, Tang et al. 2020), takes a K anode run; fullcell\'s words name the cathode\'s metal\'s half cell (a Na or K cell said "a Li||Cu run file")', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const { CATHODES } = await import('../src/fullcell/cathodes.js');
  const { loadElements } = await import('../src/evidence/elements.js');
  const { CONST } = await import('../src/units.js');
  const el = loadElements();
  const M = (formula: Record<string, number>) => Object.entries(formula).reduce((s, [sym, n]) => s + n * el.get(sym)!.atomicWeight, 0);
  const theoretical = (electrons: number, m: number) => (electrons * CONST.F) / (3.6 * m); // mAh/g
  const c = CATHODES.KMnHCF!;
  assert.ok(c, 'a K cathode set');
  assert.equal(c.metal, 'K');
  // the source's measured reversible capacity for K, below the theoretical 2F/(3.6 M) of K2Mn[Fe(CN)6] (155 mAh/g)
  assert.equal(c.specificCapacity.value, 104.8);
  assert.match(c.specificCapacity.source.ref, /doi:10\.1016\/j\.cej\.2020\.125269/);
  const t = theoretical(2, M({ K: 2, Mn: 1, Fe: 1, C: 6, N: 6 }));
  assert.ok(Math.abs(t - 155) < 0.5 && c.specificCapacity.value < t, String(t));
  assert.equal(c.voltage.value, 3.8);
  const d = tempFolder('fullcell-k');
  const f = join(d, 'anode-k.yaml');
  writeFileSync(f, 'metal: K\nlattice: { size: [4, 4, 8], voxel: 100 nm }\nhost: Cu\nprotocol: [ "Plate 0.01 mAh/cm2 at 1 mA/cm2", "Strip at 1 mA/cm2 until 1 V" ]\n');
  const r = fullCellOf({ cathode: 'KMnHCF', np: [0, 1], cycles: 5, anode: { run: f } });
  assert.equal(r.cathode, 'KMnHCF');
  assert.ok(Math.abs(r.capacity_mAh_per_cm2 - 1.048) < 1e-12, String(r.capacity_mAh_per_cm2));
  // the words name the half cell of the cathode's ion
  const refused = (spec: Record<string, unknown>, field: string, words: RegExp) => assert.throws(() => fullCellOf(spec), (e: unknown) =>
    e instanceof InputError && e.field === field && words.test(e.message), JSON.stringify(spec));
  refused({ cathode: 'KMnHCF', np: 1, anode: { run: '' } }, 'anode.run', /expected a K\|\|Cu run file path/);
  refused({ cathode: 'NVP', np: 1, anode: { run: join(d, 'missing.yaml') } }, 'anode.run', /expected a Na\|\|Cu run file that can be read/);
  refused({ cathode: 'KMnHCF', np: 1, anode: { run: 3 } }, 'anode', /run \(a K\|\|Cu run file\)/);
  refused({ np: 1, anode: { run: '' } }, 'anode.run', /expected a Li\|\|Cu run file path/);
});

test('mends99 (review78): fullcell with an anode run says, in one printed line and in fullcell.json\'s notes, when the run cycled another capacity than the cathode\'s (measured CE rises with it, Adams et al. 2018)', async () => {
  const d = tempFolder('fullcell-capacity');
  // a small Li||Cu run (about 0.1 s): 2 cycles of 0.01 mAh/cm2, against LFP's 1.7 mAh/cm2 (10 mg/cm2)
  writeFileSync(join(d, 'anode.yaml'), 'metal: Li\nlattice: { size: [4, 4, 8], voxel: 100 nm }\nhost: Cu\nprotocol:\n  - repeat: 2\n    steps: [ "Plate 0.01 mAh/cm2 at 1 mA/cm2", "Strip at 1 mA/cm2 until 1 V" ]\nseed: 1\n');
  const f = join(d, 'fc.yaml');
  writeFileSync(f, 'cathode: LFP\nloading: 10 mg/cm2\nnp: [0]\ncycles: 5\nanode: { run: anode.yaml }\n');
  const out = join(d, 'out');
  const r = await cli(['fullcell', f, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /Adams et al\., Adv\. Energy Mater\. 8, 1702097 \(2018\)/.test(l));
  assert.equal(lines.length, 1, r.stdout);
  assert.match(lines[0]!, /^note: the anode's CE was measured in a Li\|\|Cu run cycling 0\.01\d* mAh\/cm2 per cycle and is applied to a cathode of 1\.7 mAh\/cm2: measured CE rises with the capacity cycled/);
  const json = JSON.parse(readFileSync(join(out, 'fullcell.json'), 'utf8')) as { notes: string[] };
  assert.deepEqual(json.notes.filter((n) => n.includes('Adams')), [lines[0]!.replace(/^note: /, '')]);
  // capacities that agree (within 1 %) are not noted; a given CE (anode: { ce }) has no capacity to compare
  const { cycledCapacityNote } = await import('../src/fullcell/library.js');
  assert.equal(cycledCapacityNote(1.69, 1.7, 'Li||Cu'), undefined);
  assert.match(cycledCapacityNote(0.1, 1.7, 'Na||Cu') ?? '', /a Na\|\|Cu run cycling 0\.1 mAh\/cm2 per cycle and is applied to a cathode of 1\.7 mAh\/cm2/);
  const given = await cli(['fullcell', 'examples/fullcell/li-lfp.yaml']);
  assert.doesNotMatch(given.stdout, /Adams/);
});

test('mends127 (review91 F8): params show LFP (and every cathode set) prints its values with their sources; an unknown name is told where the cathode sets are', async () => {
  const { CATHODES } = await import('../src/fullcell/cathodes.js');
  for (const c of Object.values(CATHODES)) {
    const r = await cli(['params', 'show', c.name.toLowerCase()]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^cathode ${c.name}: `));
    // the capacity with its source (LFP: Padhi et al. 1997 with its doi), the loading marked assumed
    assert.ok(r.stdout.includes(c.specificCapacity.source.ref), r.stdout);
    assert.match(r.stdout, /^  loading +\d+ mg\/cm2 +ASSUMED: /m);
  }
  assert.match((await cli(['params', 'show', 'LFP'])).stdout, /^  specific capacity +170 mAh\/g +Padhi, Nanjundaswamy & Goodenough, J\. Electrochem\. Soc\. 144, 1188 \(1997\), doi:10\.1149\/1\.1837571/m);
  // S's capacity and voltage said "textbook value": now the derivation and an assumed voltage
  const sulfur = (await cli(['params', 'show', 'S'])).stdout;
  assert.doesNotMatch(sulfur, /textbook/, sulfur);
  assert.match(sulfur, /^  voltage +2\.1 V +ASSUMED: /m);
  const unk = await cli(['params', 'show', 'LCO']);
  assert.equal(unk.code, 2);
  assert.match(unk.stderr.trim(), new RegExp(`; or a full-cell cathode set \\(sacplate fullcell's cathode:\\): ${Object.keys(CATHODES).join(', ')}$`));
});

test('mends127 (review91 F9): fullcell.csv prints an excess used up as 0 and 0.0085 as 0.0085, not the recursion\'s float residue', async () => {
  const dir = tempFolder('m127');
  const out = join(dir, 'out');
  const r = await cli(['fullcell', 'examples/fullcell/li-lfp.yaml', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(join(out, 'fullcell.csv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const at = (np: string, cycle: string) => rows.find((x) => x[0] === np && x[1] === cycle)!;
  const ex = head.indexOf('anode_excess_mAh_per_cm2');
  // N/P 1 of 1.7 mAh/cm2 at CE 0.995: 200 full cycles, each eating 0.005 x 1.7 of the excess
  assert.equal(at('1', '199')[ex], String(+(0.005 * 1.7).toFixed(12)));
  assert.equal(at('1', '200')[ex], '0');
  assert.equal(at('0', '1')[ex], '0');
  for (const x of rows) for (const k of ['charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'anode_excess_mAh_per_cm2', 'lost_mAh_per_cm2']) {
    assert.ok(!/e-1[3-9]|\d{13,}/.test(x[head.indexOf(k)]!), `${k} ${x[head.indexOf(k)]} (np ${x[0]}, cycle ${x[1]})`);
  }
});

test('mends61b: cathode, np, cycles, loading or capacity given as null (YAML\'s bare `cathode:`) are refused naming the field; left out, the default (null ran as the default)', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  const base = { cathode: 'LFP', np: 1, cycles: 10, anode: { ce: 0.99 } };
  for (const key of ['cathode', 'np', 'cycles', 'loading', 'capacity'] as const) {
    assert.throws(() => parseFullCell({ ...base, [key]: null }, '.'), (e: Error) => {
      assert.ok(e instanceof InputError, `${key}: ${e.message}`);
      assert.match(e.message, new RegExp(`^${key}: got null, expected `), key);
      return true;
    });
  }
  // left out: the defaults, as before
  const { cathode: _c, np: _n, cycles: _y, ...bare } = base;
  const d = parseFullCell(bare, '.');
  assert.deepEqual([d.cathode, d.np, d.cycles], ['LFP', [1], 300]);
  // and through the CLI, a file's bare key
  await inTempDir('fullcell-cli', async (dir) => {
    const f = join(dir, 'bare-cathode.yaml');
    writeFileSync(f, 'cathode:\nnp: 1\ncycles: 5\nanode: { ce: 0.99 }\n');
    refusedInOneLine(await cli(['fullcell', f]), 'cathode', /^sacplate: cathode: got null, expected /);
  });
});

test('robust62: N/P ratios x cycles past 1e6 cycle rows (1,000 ratios x 100,000 cycles: about 19 GB) are refused before anything is computed; a list of 100,000 ratios took 11 s on its duplicate check alone', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  const ratios = (n: number) => Array.from({ length: n }, (_, i) => i / 100);
  const t0 = performance.now();
  assert.throws(() => parseFullCell({ cathode: 'LFP', np: ratios(1000), cycles: 100000, anode: { ce: 0.99 } }, '.'), (e: unknown) => e instanceof InputError && e.field === 'cycles'
    && /^cycles: got 100000, expected at most 1000 cycles with 1000 N\/P ratios \(ratios x cycles up to 1e\+?6 cycle rows: these would be 1e\+?8, about 19 GB\)/.test(e.message));
  assert.throws(() => parseFullCell({ cathode: 'LFP', np: ratios(100000), cycles: 1, anode: { ce: 0.99 } }, '.'), (e: unknown) => e instanceof InputError && e.field === 'np'
    && /^np: got \[0,0\.01,0\.02,.*expected at most 1000 N\/P ratios \(this list has 100000\)/.test(e.message));
  assert.ok(performance.now() - t0 < 1000, 'refused at once');
  // the limits themselves are taken: 1000 ratios, 10 x 100,000 cycle rows; a ratio given twice is still named
  assert.equal(parseFullCell({ cathode: 'LFP', np: ratios(1000), cycles: 1000, anode: { ce: 0.99 } }, '.').np.length, 1000);
  assert.equal(parseFullCell({ cathode: 'LFP', np: ratios(10), cycles: 100000, anode: { ce: 0.99 } }, '.').cycles, 100000);
  assert.throws(() => parseFullCell({ cathode: 'LFP', np: [...ratios(999), 0.5], cycles: 10, anode: { ce: 0.99 } }, '.'), (e: unknown) => e instanceof InputError && /^np\[999\]: got 0\.5, expected each N\/P ratio once \(np\[50\] is 0\.5 too\)/.test(e.message));
});

test('robust62: fullCell()\'s options are checked as every library call\'s are: a misspelt option (onProgres) or a number was taken without a word', async () => {
  const { fullCell } = await import('../src/index.js');
  const spec = { cathode: 'LFP', np: 1, cycles: 5, anode: { ce: 0.99 } };
  assert.throws(() => fullCell(spec, { onProgres: () => {} } as never), (e: unknown) => e instanceof InputError && /^options\.onProgres: got .*, expected no such option \(did you mean "onProgress"\?\)/.test(e.message));
  assert.throws(() => fullCell(spec, 5 as never), (e: unknown) => e instanceof InputError && /^options: got 5, expected a map of options, e\.g\. \{ onProgress \}/.test(e.message));
  assert.equal(fullCell(spec, {}).results.length, 1);
  assert.equal(fullCell(spec).results.length, 1);
});

test('cycaudit64: the header\'s mean anode CE is over the cycles the cell ran, and a given list says its last value is repeated', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = tempFolder('cycaudit64');
  const head = async (ce: string, cycles: number) => {
    const f = join(dir, 'fc.yaml');
    writeFileSync(f, `np: 0\ncycles: ${cycles}\nanode: { ce: ${ce} }\n`);
    const r = await cli(['fullcell', f]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split('\n')[0]!;
  };
  // one cycle run at 0.99: the 0.5 given for a second cycle is never used (it printed "mean 74.500 %")
  assert.match(await head('[0.99, 0.5]', 1), /anode CE from given \(2 values, the first 1 used\): mean 99\.000 %/);
  // 5 cycles from 2 values: 0.99 then 0.98 four times; the mean of the 2 given, and since cli66 the cycles' beside it
  // (it printed "mean 98.500 %" alone for a cell that ran 0.98 in four of its five cycles)
  assert.match(await head('[0.99, 0.98]', 5), /anode CE from given \(2 values, the last repeated\): mean 98\.500 % of the 2 given \(98\.200 % over the 5 cycles\); retention/);
  assert.match(await head('0.99', 5), /anode CE from given: mean 99\.000 %/);
});

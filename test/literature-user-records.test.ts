/**
 * A user's own records in the literature store beside the review's: `lit import` (ids taken by a review record, skipped
 * and updated ids, imported copies of a review record), `lit list`, `lit show`, `lit normalise` and `lit export` with
 * user records present, a store written before loose9 whose user record holds a review id, the user record's own
 * source and its validation, and the Evidence page's /api/evidence marks. The CLI runs in-process from a temporary
 * folder (test/helpers/cli.ts); nothing here simulates.
 *
 * Moved here from test/loose9.test.ts (session 20), test/loose10.test.ts and test/loose11.test.ts (session 21) and two
 * tests of test/loose8.test.ts (session 20) (branch testsort2; docs/history.md's testsort2 entry). Each test failed on
 * the code before its fix; its story is in docs/history.md under the task named in each section's comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { tempFolder } from './helpers/tmp.js';

// From loose9 (session 20, task loose9): problems loose8 left in `sacplate lit` with a user's own records present.
// One store for these five tests (each sync of the review's 18 records ~0.1 s).
const tmp = tempFolder('literature-user-records');
const run = (...args: string[]) => cli(args, { cwd: tmp });
const db = path.join(tmp, 'lit.db');
/** `lit list --metal K` after test 1's imports (each lit call ~0.1 s CPU: the file makes as few as it can) */
let kList = '';

/** a user's own record of SA-Co@HC under the review record's id, with other numbers */
const MINE_CO = `id: k-sa-co-hc
name: SA-Co@HC (my cell)
metal: K
sac_elements: [Co]
support: hard carbon
architecture: coating
user_source: { doi: 10.1016/j.jpowsour.2025.654321 }
figures:
  - { quantity: nucleation_overpotential, value: 21, unit: mV, conditions: { current_density: 0.5 mA/cm2 } }
`;

test('lit import: a record under a review record\'s id is refused in one line naming the id and a free one; nothing stored; under a free id it sits beside the review\'s and survives the next sync; a re-import updates it', async () => {
  fs.writeFileSync(path.join(tmp, 'co.yaml'), MINE_CO);
  const r = await run('lit', 'import', 'co.yaml', '--db', db);
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /co\.yaml: record id "k-sa-co-hc" is the review's record SA-Co@HC; an import never replaces the review's data: give yours another id, e\.g\. "k-sa-co-hc-own"/);
  // under another id: both kept, and the next command's sync leaves the user's record alone (stored in-process: lit import's own work)
  const { openStore } = await import('../src/store/index.js');
  const { importRecords, readImportFile, storedRecords, queryRecords, toJson } = await import('../src/evidence/index.js');
  fs.writeFileSync(path.join(tmp, 'co2.yaml'), MINE_CO.replace('id: k-sa-co-hc', 'id: k-sa-co-hc-own'));
  const store = openStore(db);
  try {
    assert.deepEqual(importRecords(store, readImportFile(path.join(tmp, 'co2.yaml')), 'co2.yaml'), { changed: 1, updated: [], same_as_review: [] });
  } finally { store.close(); }
  // a re-import of the user's own record with the same id updates it, and says so
  fs.writeFileSync(path.join(tmp, 'co2.yaml'), MINE_CO.replace('id: k-sa-co-hc', 'id: k-sa-co-hc-own').replace('value: 21', 'value: 19'));
  const u = await run('lit', 'import', 'co2.yaml', '--db', db);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(JSON.parse(u.stdout), { file: 'co2.yaml', records: 1, changed: 1, updated: ['k-sa-co-hc-own'] });
  assert.match(u.stderr, /updated your earlier import of k-sa-co-hc-own \(same id\)/);
  const l = await run('lit', 'list', '--metal', 'K', '--db', db);
  kList = l.stdout;
  // the review's record as it was (no nucleation overpotential; the refused 21 mV nowhere), the user's beside it
  assert.match(l.stdout, /^SA-Co@HC +K +Co +3D host +3 .*review ref 74 +10\.1002\/aenm\.202203277$/m);
  assert.match(l.stdout, /^SA-Co@HC \(my cell\) +K +Co +coating +19 .*user +10\.1016\/j\.jpowsour\.2025\.654321$/m);
  assert.doesNotMatch(l.stdout, / 21 /);
  // an export imported back: the review's record unchanged is skipped (said), the user's is its own re-import
  const s2 = openStore(db);
  try { fs.writeFileSync(path.join(tmp, 'k.json'), toJson(queryRecords(storedRecords(s2), { metal: 'K' }))); } finally { s2.close(); } // what lit export --format json writes
  const s3 = openStore(db);
  try {
    assert.deepEqual(importRecords(s3, readImportFile(path.join(tmp, 'k.json')), 'k.json'), { changed: 1, updated: [], same_as_review: ['k-sa-co-hc'] });
  } finally { s3.close(); }
});

test('a store whose user record holds a review id (written before loose9): the sync moves the user\'s record to a free id and says so; the review\'s comes back', async () => {
  const { openStore } = await import('../src/store/index.js');
  const { recordHash, readImportFile } = await import('../src/evidence/index.js');
  const old = path.join(tmp, 'old.db');
  fs.writeFileSync(path.join(tmp, 'co.yaml'), MINE_CO);
  const rec = readImportFile(path.join(tmp, 'co.yaml'));
  const s = openStore(old);
  // what the import before loose9 left: the user's record in the review record's row
  s.upsertLitRecords(rec.map((r) => ({ id: r.id, name: r.name, metal: r.metal, data: { ...r, source: 'import:co.yaml' }, origin: 'import:co.yaml', hash: recordHash(r) })));
  s.close();
  const l = await run('lit', 'list', '--metal', 'K', '--db', old);
  assert.equal(l.code, 0, l.stderr);
  assert.match(l.stderr, /your record "k-sa-co-hc" \(import:co\.yaml\) now has the id "k-sa-co-hc-own": the review's record k-sa-co-hc takes that id; your data is unchanged/);
  assert.match(l.stdout, /^SA-Co@HC +K .*review ref 74 +10\.1002\/aenm\.202203277$/m);
  assert.match(l.stdout, /^SA-Co@HC \(my cell\) +K .* 21 .*user +10\.1016\/j\.jpowsour\.2025\.654321$/m);
  // the next sync has nothing to move
  const { syncLiterature } = await import('../src/evidence/index.js');
  const s2 = openStore(old);
  try { assert.deepEqual(syncLiterature(s2).moved, []); } finally { s2.close(); }
});

test('SA-Co@HC\'s 3 mV: the cell as the review gives it (not stated), in lit list, lit show and nucleation --against-literature\'s reported column; no "(symmetric cell)" label', async () => {
  assert.match(kList, /^SA-Co@HC +K +Co +3D host +3 \(cell not stated\) +over 2500 h \(cell type not stated\) +review ref 74 +10\.1002\/aenm\.202203277$/m);
  const s = await run('lit', 'show', 'SA-Co@HC', '--db', db);
  assert.match(s.stdout, /^ {2}overpotential \(plating\/stripping unless the note says otherwise\): 3 mV \| cell=not stated \(the review: the SA-Co@HC electrode, against Cu foil and HC electrodes\); note=the review does not say whether this is the nucleation or the plating overpotential/m);
  assert.doesNotMatch(s.stdout, /symmetric cell\)/);
  // the symmetric cell the review does name is no "cell not stated" (Pt SAs/In2S3/Ti3C2: "symmetrical cell")
  const { loadLiterature, cellNotStated } = await import('../src/evidence/index.js');
  const overs = loadLiterature().records.flatMap((r) => r.figures.filter((f) => f.quantity === 'overpotential').map((f) => [r.id, cellNotStated(f)]));
  assert.deepEqual(overs.filter(([, not]) => not).map(([id]) => id), ['k-sa-co-hc']);
  // what nucleation --against-literature prints beside its model numbers (no model run: the cases and their figures)
  const { literatureCases } = await import('../src/nucleation/cases.js');
  const { withCells, reportedText, reportedNotes } = await import('../src/cli/actions/nucleation.js');
  const reps = await withCells(await literatureCases(undefined, undefined));
  const co = reps.find((r) => r?.record === 'SA-Co@HC');
  assert.equal(reportedText(co), '3 (overpotential, cell not stated)');
  assert.deepEqual(reportedNotes(reps), ['SA-Co@HC\'s 3 mV: cell not stated (the review: the SA-Co@HC electrode, against Cu foil and HC electrodes); the review does not say whether this is the nucleation or the plating overpotential']);
  // nucleation overpotentials stay bare numbers (ZnSA-N-C's Cu and carbon-cloth controls, and its own)
  assert.deepEqual(reps.filter((r) => r?.record === 'ZnSA-N-C').map(reportedText), ['32', '9', '0']);
});

test('workbench /api/evidence: a user\'s imported record from the store is listed beside the review\'s, marked imported with its DOI; SA-Co@HC\'s overpotential column says cell not stated', async () => {
  // what GET /api/evidence answers (src/server/app.ts: evidenceQuery over the store's imported records), in-process
  const { evidenceQuery } = await import('../src/server/evidence.js');
  const { openStore } = await import('../src/store/index.js');
  const { importedRecords } = await import('../src/evidence/index.js');
  const store = openStore(db); // the store test 1 imported k-sa-co-hc-own into
  let imported;
  try { imported = importedRecords(store); } finally { store.close(); }
  const d = evidenceQuery({ metal: 'K' }, imported);
  assert.equal(d.imported, 1);
  assert.equal(d.total, 19);
  const mine = d.records.find((r) => r.id === 'k-sa-co-hc-own')!;
  assert.ok(mine, d.records.map((r) => r.id).join(', '));
  assert.equal(mine.imported, true);
  assert.deepEqual(mine.user_source, { doi: '10.1016/j.jpowsour.2025.654321' });
  assert.equal(mine.source, 'user doi:10.1016/j.jpowsour.2025.654321');
  assert.equal(mine.figures.nucleation_overpotential, 19);
  const review = d.records.find((r) => r.id === 'k-sa-co-hc')!;
  assert.equal(review.imported, false);
  assert.equal(review.figures.nucleation_overpotential, null);
  assert.deepEqual(review.cell_not_stated, ['overpotential']);
  // the filters reach the user's record too
  const s = evidenceQuery({ sort: 'nucleation_overpotential', range: 'nucleation_overpotential=15:25' }, imported);
  assert.ok(s.records.some((r) => r.id === 'k-sa-co-hc-own'), s.records.map((r) => r.id).join(', '));
});

test('lit with user records: a name shared with a review record is refused naming both ids (the store\'s order picked one); a user lifetime of an unstated cell is its source\'s, not the review\'s; one id twice in a file is refused', async () => {
  fs.writeFileSync(path.join(tmp, 'same-name.yaml'), `- id: my-sa-co-hc
  name: SA-Co@HC
  metal: K
  sac_elements: [Co]
  support: hard carbon
  architecture: coating
  user_source: { citation: "B. User, thesis, 2025" }
  figures:
    - { quantity: cycling_lifetime, value: 800, unit: h, conditions: { cell: "not stated (full cell?)" } }
`);
  const { openStore } = await import('../src/store/index.js');
  const { importRecords, readImportFile, storedRecords, findRecord } = await import('../src/evidence/index.js');
  const store = openStore(db);
  try { importRecords(store, readImportFile(path.join(tmp, 'same-name.yaml')), 'same-name.yaml'); } finally { store.close(); }
  const s = await run('lit', 'show', 'SA-Co@HC', '--db', db);
  assert.equal(s.code, 2, s.stdout);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, /^sacplate: name: got "SA-Co@HC", expected one record's id: (k-sa-co-hc \(review ref 74\), my-sa-co-hc \(user: B\. User, thesis, 2025\)|my-sa-co-hc \(user: B\. User, thesis, 2025\), k-sa-co-hc \(review ref 74\)) share that name/);
  const s2 = openStore(db);
  let stored;
  try { stored = storedRecords(s2); } finally { s2.close(); }
  assert.equal(findRecord(stored, 'SA-Co').id, 'k-sa-co-hc'); // the review's alias, still one record
  assert.equal(findRecord(stored, 'my-sa-co-hc').name, 'SA-Co@HC');
  const n = await run('lit', 'normalise', '--metal', 'K', '--db', db);
  assert.match(n.stderr, /^not normalised: the lifetime of SA-Co@HC, whose cell type the review does not state; the lifetime of SA-Co@HC, whose cell type its source does not state \(not known/m);
  fs.writeFileSync(path.join(tmp, 'twice.yaml'), fs.readFileSync(path.join(tmp, 'same-name.yaml'), 'utf8').replace(/^- id: my-sa-co-hc/m, '- id: my-other').repeat(2));
  const s3 = openStore(db);
  try {
    assert.throws(() => importRecords(s3, readImportFile(path.join(tmp, 'twice.yaml')), 'twice.yaml'), /^FileError: twice\.yaml: record id "my-other" appears twice; each record needs its own id$/);
    assert.equal(storedRecords(s3).some((r) => r.id === 'my-other'), false);
  } finally { s3.close(); }
});

test('lit normalise: a record with several lifetimes says its source line once, not once per lifetime (review69: "MyCell: user: ...; no doi given" three times)', async () => {
  const db7 = path.join(tmp, 'lifetimes.db');
  fs.writeFileSync(path.join(tmp, 'three.yaml'), `- id: my-three-lives
  name: MyCell
  metal: K
  sac_elements: [Zn]
  support: hard carbon
  architecture: coating
  user_source: { citation: "C. User, lab notebook 7, 2026" }
  figures:
    - { quantity: symmetric_lifetime, value: 300, unit: h, conditions: { cell: "K||K", current_density: 2 mA/cm2, areal_capacity: 4 mAh/cm2 } }
    - { quantity: symmetric_lifetime, value: 500, unit: h, conditions: { cell: "K||K", current_density: 1 mA/cm2, areal_capacity: 1 mAh/cm2 } }
    - { quantity: symmetric_lifetime, value: 900, unit: h, conditions: { cell: "K||K", current_density: 0.5 mA/cm2, areal_capacity: 0.5 mAh/cm2 } }
`);
  const { openStore } = await import('../src/store/index.js');
  const { importRecords, readImportFile } = await import('../src/evidence/index.js');
  const store = openStore(db7);
  try { importRecords(store, readImportFile(path.join(tmp, 'three.yaml')), 'three.yaml'); } finally { store.close(); }
  const n = await run('lit', 'normalise', '--metal', 'K', '--db', db7);
  assert.equal(n.code, 0, n.stderr);
  const table = n.stdout.split('\nwhere each')[0]!;
  assert.equal(table.split('\n').filter((l) => /^\s*MyCell\b/.test(l)).length, 3, n.stdout + n.stderr);
  const lines = n.stdout.split('\nwhere each')[1]!.split('\n').filter((l) => l.startsWith('  MyCell:'));
  assert.equal(lines.length, 1, n.stdout);
  assert.match(lines[0]!, /^ {2}MyCell: user: C\. User, lab notebook 7, 2026.*; no doi given$/);
});

// audit70b: a user record with a DOI: its source is "user doi:X" and the line added "; doi:X" again
test('lit normalise: a user record\'s DOI once on its source line (it read "user doi:X; doi:X") (audit70b)', async () => {
  const dbd = path.join(tmp, 'doi.db');
  fs.writeFileSync(path.join(tmp, 'doi.yaml'), `- id: my-doi-cell
  name: DoiCell
  metal: K
  sac_elements: [Zn]
  support: hard carbon
  architecture: coating
  user_source: { doi: 10.1016/j.jpowsour.2025.123456 }
  figures:
    - { quantity: symmetric_lifetime, value: 300, unit: h, conditions: { cell: "K||K", current_density: 2 mA/cm2, areal_capacity: 4 mAh/cm2 } }
`);
  const { openStore } = await import('../src/store/index.js');
  const { importRecords, readImportFile } = await import('../src/evidence/index.js');
  const store = openStore(dbd);
  try { importRecords(store, readImportFile(path.join(tmp, 'doi.yaml')), 'doi.yaml'); } finally { store.close(); }
  const n = await run('lit', 'normalise', '--metal', 'K', '--db', dbd);
  assert.equal(n.code, 0, n.stderr);
  const line = n.stdout.split('\n').find((l) => l.startsWith('  DoiCell:'))!;
  assert.equal(line, '  DoiCell: user doi:10.1016/j.jpowsour.2025.123456');
});

// From loose10 (session 21, task loose10): what earlier sessions noticed and left alone; failed on main 06ce216.
const tmp2 = tempFolder('literature-user-records');
const run2 = (...args: string[]) => cli(args, { cwd: tmp2 });
const db2 = path.join(tmp2, 'lit.db');

/** n user records of K on hard carbon, ids mine-1..mine-n, nucleation overpotential v mV */
const mine = (n: number, v: number) => JSON.stringify({
  records: Array.from({ length: n }, (_, i) => ({
    id: `mine-${i + 1}`, name: `My cell ${i + 1}`, metal: 'K', sac_elements: ['Co'], support: 'hard carbon', architecture: 'coating',
    user_source: { citation: 'B. User, thesis, 2026' },
    figures: [{ quantity: 'nucleation_overpotential', value: v, unit: 'mV', conditions: { current_density: '0.5 mA/cm2' } }],
  })),
});

test('lit import: skipped and updated ids on stderr as a count and the first five, the full lists in the JSON it prints', async () => {
  const { IDS_ON_STDERR } = await import('../src/cli/actions/evidence.js');
  assert.equal(IDS_ON_STDERR, 5);
  fs.writeFileSync(path.join(tmp2, 'mine.json'), mine(8, 20));
  const a = await run2('lit', 'import', 'mine.json', '--db', db2);
  assert.equal(a.code, 0, a.stderr);
  // a re-import with other numbers updates all eight
  fs.writeFileSync(path.join(tmp2, 'mine.json'), mine(8, 22));
  const u = await run2('lit', 'import', 'mine.json', '--db', db2);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(JSON.parse(u.stdout).updated, ['mine-1', 'mine-2', 'mine-3', 'mine-4', 'mine-5', 'mine-6', 'mine-7', 'mine-8']);
  assert.match(u.stderr, /^updated your earlier import of mine-1, mine-2, mine-3, mine-4, mine-5 and 3 more; all in the output's "updated" \(same id\)$/m);
  assert.doesNotMatch(u.stderr, /mine-6/);
  // the whole review exported and imported back: every record skipped, five named on stderr
  const { loadLiterature, toJson } = await import('../src/evidence/index.js');
  const lit = loadLiterature();
  fs.writeFileSync(path.join(tmp2, 'review.json'), toJson(lit.records, lit.review));
  const s = await run2('lit', 'import', 'review.json', '--db', db2);
  assert.equal(s.code, 0, s.stderr);
  const ids = lit.records.map((r) => r.id);
  assert.ok(ids.length > 5, `${ids.length} review records`);
  assert.deepEqual(JSON.parse(s.stdout).same_as_review, ids);
  const line = s.stderr.split('\n').find((l) => l.startsWith('skipped'))!;
  assert.equal(line, `skipped ${ids.length} record(s) identical to the review's (${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more; all in the output's "same_as_review"): the review's records are always in the store`);
  // a short list is still named whole
  fs.writeFileSync(path.join(tmp2, 'one.json'), mine(1, 23));
  const o = await run2('lit', 'import', 'one.json', '--db', db2);
  assert.match(o.stderr, /^updated your earlier import of mine-1 \(same id\)$/m);
});

test('an imported copy of a review record (the review\'s refs, no user_source): lit show says "imported" as the Evidence page marks it, not "review section"', async () => {
  const { loadLiterature } = await import('../src/evidence/index.js');
  const co = loadLiterature().records.find((r) => r.id === 'k-sa-co-hc')!;
  const { source: _s, ...copy } = { ...co, id: 'k-sa-co-hc-copy', name: 'SA-Co@HC (copy)', aliases: [] };
  fs.writeFileSync(path.join(tmp2, 'copy.json'), JSON.stringify({ records: [copy] }));
  const i = await run2('lit', 'import', 'copy.json', '--db', db2);
  assert.equal(i.code, 0, i.stderr);
  const s = await run2('lit', 'show', 'k-sa-co-hc-copy', '--db', db2);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^imported record \(not one of the review's records; it cites review section 4, review ref 74\): stored from import:copy\.json$/m);
  assert.doesNotMatch(s.stdout, /^review section/m);
  // the review's own record keeps its line; a user's record its own
  const r = await run2('lit', 'show', 'k-sa-co-hc', '--db', db2);
  assert.match(r.stdout, /^review section 4; source: /m);
  const m = await run2('lit', 'show', 'mine-1', '--db', db2);
  assert.match(m.stdout, /^user-supplied record \(not from the review\): B\. User, thesis, 2026; stored from import:one\.json$/m);
  // what the page marks (GET /api/evidence's origin, shown as "(imported)"): the same word, from the same function
  const { evidenceQuery } = await import('../src/server/evidence.js');
  const { openStore } = await import('../src/store/index.js');
  const { importedRecords } = await import('../src/evidence/index.js');
  const store = openStore(db2);
  let imported;
  try { imported = importedRecords(store); } finally { store.close(); }
  const d = evidenceQuery({ metal: 'K' }, imported);
  const byId = (id: string) => d.records.find((x) => x.id === id)!;
  assert.deepEqual([byId('k-sa-co-hc-copy').origin, byId('k-sa-co-hc-copy').imported], ['imported', true]);
  assert.deepEqual([byId('mine-1').origin, byId('k-sa-co-hc').origin], ['user-supplied', 'review']);
});

// From loose11 (session 21, task loose11); failed on main e23eb00.
const tmp3 = tempFolder('literature-user-records');

test('lit list marks an imported copy of a review record "imported" (recordOrigin, as lit show and the Evidence page) and counts it on stderr', async () => {
  const run = (...args: string[]) => cli(args, { cwd: tmp3 });
  const db = path.join(tmp3, 'lit.db');
  const { loadLiterature } = await import('../src/evidence/index.js');
  const co = loadLiterature().records.find((r) => r.id === 'k-sa-co-hc')!;
  const { source: _s, ...copy } = { ...co, id: 'k-sa-co-hc-copy', name: 'SA-Co@HC (copy)', aliases: [] };
  const own = {
    id: 'mine-1', name: 'My K cell', metal: 'K', sac_elements: ['Co'], support: 'hard carbon', architecture: 'coating',
    user_source: { citation: 'B. User, thesis, 2026' },
    figures: [{ quantity: 'nucleation_overpotential', value: 20, unit: 'mV', conditions: { current_density: '0.5 mA/cm2' } }],
  };
  fs.writeFileSync(path.join(tmp3, 'copy.json'), JSON.stringify({ records: [copy, own] }));
  const i = await run('lit', 'import', 'copy.json', '--db', db);
  assert.equal(i.code, 0, i.stderr);
  const l = await run('lit', 'list', '--metal', 'K', '--db', db);
  assert.equal(l.code, 0, l.stderr);
  const row = (name: string) => l.stdout.split('\n').find((x) => x.startsWith(name + ' '))!;
  assert.ok(row('SA-Co@HC (copy)'), l.stdout);
  assert.match(row('SA-Co@HC (copy)'), /imported: review ref 74 +10\.1002\/aenm\.202203277$/);
  // the review's own record keeps its source; a user's record its own
  assert.match(row('SA-Co@HC'), /\breview ref 74 +10\.1002\/aenm\.202203277$/);
  assert.doesNotMatch(row('SA-Co@HC'), /imported/);
  assert.match(row('My K cell'), /user: B\. User, thesis, 2026\s*$/);
  // counted apart (the review's SA-Co@HC in the same list is not)
  assert.match(l.stderr, /^\d+ of \d+ records \(1 user-supplied: source "user \.\.\.", 1 imported: source "imported: review ref \.\.\.", not from the review\)$/m);
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before
// its fix. The first used the store the lower-bound test (now in literature-elements-cli) had synced; it syncs its own.
const tmp4 = tempFolder('literature-user-records');
const run4 = (...args: string[]) => cli(args, { cwd: tmp4 });
const db4 = path.join(tmp4, 'lit.db');

const MINE = `id: my-fe-nc
name: My Fe-N-C
metal: Li
sac_elements: [Fe]
support: N-doped carbon
architecture: coating
user_source: { doi: 10.1016/j.jpowsour.2025.123456, citation: "A. User et al., J. Power Sources, 2025, 640, 123456" }
figures:
  - { quantity: nucleation_overpotential, value: 14, unit: mV, conditions: { current_density: 1 mA/cm2 } }
  - { quantity: symmetric_lifetime, value: 1200, unit: h, lower_bound: true, conditions: { current_density: 3 mA/cm2, areal_capacity: 3 mAh/cm2 } }
`;

test('lit import takes a user\'s own record with its own source (DOI / citation, no review refs): listed apart, cited with its DOI, and export -> import into a fresh store gives it back', async () => {
  fs.writeFileSync(path.join(tmp4, 'mine.yaml'), MINE);
  const a = db4; // this section's own store (see above)
  const i = await run4('lit', 'import', 'mine.yaml', '--db', a);
  assert.equal(i.code, 0, i.stderr);
  const l = await run4('lit', 'list', '--db', a);
  assert.match(l.stdout, /^SA-Co@HC .*over 2500 h \(cell type not stated\) +review ref 74 +10\.1002\/aenm\.202203277$/m); // a lower bound of a cell the review does not name
  assert.match(l.stdout, /^name .* source +DOI$/m);
  assert.match(l.stdout, /^My Fe-N-C .* over 1200 h @ 3 mA\/cm2, 3 mAh\/cm2 +user: A\. User et al\., J\. Power Sources, 2025, 640, 123456 +10\.1016\/j\.jpowsour\.2025\.123456$/m);
  assert.match(l.stdout, /^SAFe\/CVRCS@3DPC .* review ref 50/m);
  assert.match(l.stderr, /\(1 user-supplied: source "user \.\.\.", not from the review\)/);
  const s = await run4('lit', 'show', 'my-fe-nc', '--db', a);
  assert.match(s.stdout, /^user-supplied record \(not from the review\): doi:10\.1016\/j\.jpowsour\.2025\.123456; A\. User et al\./m);
  assert.doesNotMatch(s.stdout, /ref undefined|"undefined"/);
  // a lower bound keeps its "over" in lit show and its normalisation
  assert.match(s.stdout, /symmetric-cell plating\/stripping lifetime: over 1200 h/);
  assert.match(s.stdout, /lifetime over 1200 h: standard/);
  assert.match(s.stdout, /note: over 1200 h: a lower bound, as its source gives it/);
  // what lit export --format bibtex writes for it (in-process: each lit call costs ~0.1 s CPU)
  const { readImportFile, toBibtex } = await import('../src/evidence/io.js');
  const bib = toBibtex(readImportFile(path.join(tmp4, 'mine.yaml')));
  assert.match(bib, /@misc\{user_my-fe-nc,\n  doi = \{10\.1016\/j\.jpowsour\.2025\.123456\},\n  howpublished = \{A\. User et al\., J\. Power Sources, 2025, 640, 123456\},\n  note = \{user-supplied source of the record My Fe-N-C \(not from the review\)\}\n\}/);
  // round trip: the CSV export imported into a fresh store gives the record back as the JSON export has it
  const jsonFile = path.join(tmp4, 'all.json'), csvFile = path.join(tmp4, 'all.csv');
  assert.equal((await run4('lit', 'export', '--format', 'json', '--out', jsonFile, '--db', a)).code, 0);
  assert.equal((await run4('lit', 'export', '--format', 'csv', '--out', csvFile, '--db', a)).code, 0);
  const mineOf = (json: string) => (JSON.parse(json) as { records: { id: string }[] }).records.find((r) => r.id === 'my-fe-nc');
  const want = mineOf(fs.readFileSync(jsonFile, 'utf8'));
  assert.deepEqual((want as { user_source?: unknown }).user_source, { doi: '10.1016/j.jpowsour.2025.123456', citation: 'A. User et al., J. Power Sources, 2025, 640, 123456' });
  const b = path.join(tmp4, 'user-b.db');
  const back = await run4('lit', 'import', csvFile, '--db', b);
  assert.equal(back.code, 0, back.stderr);
  assert.deepEqual(mineOf((await run4('lit', 'export', '--format', 'json', '--db', b)).stdout), want, 'csv');
  // the JSON export reads back to the same record (what `lit import all.json` stores)
  const { toJson } = await import('../src/evidence/io.js');
  assert.deepEqual(mineOf(toJson(readImportFile(jsonFile))), want, 'json');
});

test('a user record is still validated: review refs refused, a DOI checked, ranges and units checked; a review record without refs is pointed to user_source', async () => {
  const bad = async (name: string, text: string) => {
    fs.writeFileSync(path.join(tmp4, name), text);
    const r = await run4('lit', 'import', name, '--db', path.join(tmp4, 'user-bad.db'));
    assert.equal(r.code, 2, r.stdout);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    return r.stderr;
  };
  assert.match(await bad('r1.yaml', MINE.replace(/^user_source.*$/m, '$&\nrefs: [58]')), /record\.refs: a user record \(user_source\) cites its own source, not the review's reference numbers/);
  assert.match(await bad('r2.yaml', MINE.replace(/user_source: \{.*\}/, 'user_source: { doi: "https://doi.org/10.1016/x" }')), /record\.user_source\.doi: got "https:\/\/doi\.org\/10\.1016\/x", expected a DOI like 10\.1039\/d4gc02590c/);
  assert.match(await bad('r3.yaml', MINE.replace('value: 1200', 'value: -5')), /record\.figures\[1\]\.value: got -5 h, expected a symmetric-cell plating\/stripping lifetime >= 0 h/);
  assert.match(await bad('r4.yaml', MINE.replace('value: 14, unit: mV', 'value: 14, unit: mAh')), /record\.figures\[0\]\.unit: got "mAh", expected a unit of nucleation overpotential/);
  assert.match(await bad('r5.yaml', MINE.replace(/user_source: \{.*\}/, 'section: "3"')), /record\.refs: expected a list of the review's reference numbers \(or, for your own measurements, no refs and user_source:/);
  assert.match(await bad('r6.yaml', MINE.replace('unit: mV, ', 'unit: mV, ref: 3, ')), /record\.figures\[0\]\.ref: a user record \(user_source\) has no review reference number/);
});

// cli66: an electrochemist's own Li||Cu record: its CE had no quantity, and a control without a SAC was told only
// "expected a list of element symbols, e.g. [Fe]" for an empty list
test('cli66: a user record takes a Coulombic efficiency in %, and an empty sac_elements is told what a record is and where a control goes', async () => {
  const d = tempFolder('literature-user-records');
  const rec = (sac: string, ce: string) => `id: my-licu-cli66\nname: my Li||Cu cell\nmetal: Li\nsac_elements: ${sac}\nsupport: Cu foil\narchitecture: substrate\n`
    + `user_source: { doi: 10.5555/mylab.2026.1 }\nfigures:\n  - { quantity: coulombic_efficiency, value: ${ce}, unit: "%", conditions: { current_density: 1 mA/cm2, areal_capacity: 1 mAh/cm2, cell: "Li||Cu" } }\n`;
  const lit = (...args: string[]) => cli(['lit', ...args, '--db', path.join(d, 'lit.db')], { cwd: d });
  fs.writeFileSync(path.join(d, 'ok.yaml'), rec('[Zn]', '94.74'));
  const r = await lit('import', 'ok.yaml');
  assert.equal(r.code, 0, r.stderr);
  const show = await lit('show', 'my-licu-cli66');
  assert.match(show.stdout, /Coulombic efficiency \(a Li\|\|Cu test's, an Aurbach average, or a cell's\): 94\.74 % \| current_density=1 mA\/cm2; areal_capacity=1 mAh\/cm2; cell=Li\|\|Cu/);
  fs.writeFileSync(path.join(d, 'over.yaml'), rec('[Zn]', '101'));
  assert.match((await lit('import', 'over.yaml')).stderr, /record\.figures\[0\]\.value: got 101 %, expected a Coulombic efficiency .* from 0 to 100 %/);
  fs.writeFileSync(path.join(d, 'none.yaml'), rec('[]', '94.74'));
  const none = await lit('import', 'none.yaml');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /record\.sac_elements: got \[\] \(no element\), expected at least one SAC element, e\.g\. \[Fe\]: a record is a SAC anode system; a control's figure .* subject:/);
});

// mends70 (audit70b left it): `lit list` had no DOI column (lit show, normalise and export have it) and no column for a
// user's Coulombic efficiency (shown by lit show only); and its table ran 140+ columns wide. Now a DOI column (the
// review's citations' DOIs, a user's own), a CE (%) column when a listed record has one, and `--width N` (a terminal's
// own width when stdout is one) sets each record in a block that keeps within N columns; the full text is in --format json
test('lit list: a DOI column and a user\'s CE; --width 80 keeps every line within 80 columns, each record\'s DOI and CE still in it (mends70)', async () => {
  const d = tempFolder('literature-user-records');
  const lit = (...args: string[]) => cli(['lit', ...args, '--db', path.join(d, 'lit.db')], { cwd: d });
  fs.writeFileSync(path.join(d, 'ce.yaml'), 'id: my-licu-m70\nname: my Li||Cu cell\nmetal: Li\nsac_elements: [Zn]\nsupport: Cu foil\narchitecture: substrate\n'
    + 'user_source: { doi: 10.5555/mylab.2026.70, citation: "M. Lab, notebook 7, 2026" }\nfigures:\n  - { quantity: coulombic_efficiency, value: 97.25, unit: "%", conditions: { current_density: 1 mA/cm2, areal_capacity: 1 mAh/cm2, cell: "Li||Cu" } }\n');
  assert.equal((await lit('import', 'ce.yaml')).code, 0);
  const wide = await lit('list');
  assert.equal(wide.code, 0, wide.stderr);
  const head = wide.stdout.split('\n')[0]!;
  assert.match(head, /\bDOI\b/);
  assert.match(head, /\bCE \(%\)/);
  const row = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(name + '  '))!;
  assert.match(row(wide.stdout, 'SA-Co@HC'), /10\.1002\/aenm\.202203277/);
  assert.match(row(wide.stdout, 'my Li||Cu cell'), /\b97\.25\b.*10\.5555\/mylab\.2026\.70/);
  // the DOI once in the row (its source says "user: <citation>", as the review's "review ref N")
  assert.equal(row(wide.stdout, 'my Li||Cu cell').split('10.5555/mylab.2026.70').length, 2, row(wide.stdout, 'my Li||Cu cell'));
  const narrow = await lit('list', '--width', '80');
  assert.equal(narrow.code, 0, narrow.stderr);
  const lines = narrow.stdout.split('\n');
  for (const l of lines) assert.ok(l.length <= 80, `${l.length} columns: ${l}`);
  // each record's block: its name line, then its figures, source and DOI
  const block = (name: string) => { const i = lines.findIndex((l) => l.startsWith(name + ' ')); const j = lines.findIndex((l, k) => k > i && /^\S/.test(l)); return lines.slice(i, j < 0 ? undefined : j).join('\n').replace(/\n {4}/g, ' '); }; // its wrapped lines rejoined
  assert.match(block('SA-Co@HC'), /10\.1002\/aenm\.202203277/);
  assert.match(block('SA-Co@HC'), /over 2500 h \(cell type not stated\)/);
  assert.match(block('my Li||Cu cell'), /CE 97\.25 %/);
  assert.match(block('my Li||Cu cell'), /10\.5555\/mylab\.2026\.70/);
  // refused: a width that is no whole number of columns or leaves no room
  for (const w of ['abc', '10', '0']) assert.match((await lit('list', '--width', w)).stderr, /^sacplate: --width: got "[^"]*", expected a whole number of columns/m);
  // the full text in --format json: the citations' DOIs and the user's own
  const j = JSON.parse((await lit('list', '--format', 'json')).stdout) as { records: { id: string; citations?: { doi?: string }[]; user_source?: { doi?: string } }[] };
  assert.equal(j.records.find((r) => r.id === 'my-licu-m70')!.user_source!.doi, '10.5555/mylab.2026.70');
  assert.ok(j.records.find((r) => r.id === 'k-sa-co-hc')!.citations!.some((c) => c.doi === '10.1002/aenm.202203277'));
});

// mends70c (review70b left it): `--width N` sets the table's width only; under --format json or csv it was ignored
// without a word. Refused, naming both flags, as other commands refuse a flag that would change nothing
test('lit list: --width with --format json or csv is refused, naming both flags; with --format table it still applies (mends70c)', async () => {
  const d = tempFolder('literature-user-records');
  const lit = (...args: string[]) => cli(['lit', ...args, '--db', path.join(d, 'lit.db')], { cwd: d });
  for (const f of ['json', 'csv']) {
    const r = await lit('list', '--format', f, '--width', '80');
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^sacplate: --width: got "80", expected .*--format table.*not --format ${f}`, 'm'));
  }
  const t = await lit('list', '--format', 'table', '--width', '80');
  assert.equal(t.code, 0, t.stderr);
  for (const l of t.stdout.split('\n')) assert.ok(l.length <= 80, `${l.length} columns: ${l}`);
});

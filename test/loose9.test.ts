/**
 * Problems loose8 left in `sacplate lit` with a user's own records present (session 20, task
 * loose9). Each test fails on the code before its fix. The CLI runs in-process from a temporary
 * folder (test/helpers/cli.ts); one store for the file (each sync of the review's 18 records ~0.1 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose9-'));
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
  assert.match(l.stdout, /^SA-Co@HC +K +Co +3D host +3 .*review ref 74$/m);
  assert.match(l.stdout, /^SA-Co@HC \(my cell\) +K +Co +coating +19 .*user doi:10\.1016\/j\.jpowsour\.2025\.654321$/m);
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
  assert.match(l.stdout, /^SA-Co@HC +K .*review ref 74$/m);
  assert.match(l.stdout, /^SA-Co@HC \(my cell\) +K .* 21 .*user doi:/m);
  // the next sync has nothing to move
  const { syncLiterature } = await import('../src/evidence/index.js');
  const s2 = openStore(old);
  try { assert.deepEqual(syncLiterature(s2).moved, []); } finally { s2.close(); }
});

test('SA-Co@HC\'s 3 mV: the cell as the review gives it (not stated), in lit list, lit show and nucleation --against-literature\'s reported column; no "(symmetric cell)" label', async () => {
  assert.match(kList, /^SA-Co@HC +K +Co +3D host +3 \(cell not stated\) +over 2500 h \(cell type not stated\) +review ref 74$/m);
  const s = await run('lit', 'show', 'SA-Co@HC', '--db', db);
  assert.match(s.stdout, /^ {2}plating\/stripping overpotential: 3 mV \| cell=not stated \(the review: the SA-Co@HC electrode, against Cu foil and HC electrodes\); note=the review does not say whether this is the nucleation or the plating overpotential/m);
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

/**
 * What earlier sessions noticed and left alone (session 21, task loose10). Each test fails on the
 * code before its fix (main 06ce216). The CLI runs in-process from a temporary folder
 * (test/helpers/cli.ts); nothing here simulates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose10-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });
const db = path.join(tmp, 'lit.db');

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
  fs.writeFileSync(path.join(tmp, 'mine.json'), mine(8, 20));
  const a = await run('lit', 'import', 'mine.json', '--db', db);
  assert.equal(a.code, 0, a.stderr);
  // a re-import with other numbers updates all eight
  fs.writeFileSync(path.join(tmp, 'mine.json'), mine(8, 22));
  const u = await run('lit', 'import', 'mine.json', '--db', db);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(JSON.parse(u.stdout).updated, ['mine-1', 'mine-2', 'mine-3', 'mine-4', 'mine-5', 'mine-6', 'mine-7', 'mine-8']);
  assert.match(u.stderr, /^updated your earlier import of mine-1, mine-2, mine-3, mine-4, mine-5 and 3 more; all in the output's "updated" \(same id\)$/m);
  assert.doesNotMatch(u.stderr, /mine-6/);
  // the whole review exported and imported back: every record skipped, five named on stderr
  const { loadLiterature, toJson } = await import('../src/evidence/index.js');
  const lit = loadLiterature();
  fs.writeFileSync(path.join(tmp, 'review.json'), toJson(lit.records, lit.review));
  const s = await run('lit', 'import', 'review.json', '--db', db);
  assert.equal(s.code, 0, s.stderr);
  const ids = lit.records.map((r) => r.id);
  assert.ok(ids.length > 5, `${ids.length} review records`);
  assert.deepEqual(JSON.parse(s.stdout).same_as_review, ids);
  const line = s.stderr.split('\n').find((l) => l.startsWith('skipped'))!;
  assert.equal(line, `skipped ${ids.length} record(s) identical to the review's (${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more; all in the output's "same_as_review"): the review's records are always in the store`);
  // a short list is still named whole
  fs.writeFileSync(path.join(tmp, 'one.json'), mine(1, 23));
  const o = await run('lit', 'import', 'one.json', '--db', db);
  assert.match(o.stderr, /^updated your earlier import of mine-1 \(same id\)$/m);
});

test('an imported copy of a review record (the review\'s refs, no user_source): lit show says "imported" as the Evidence page marks it, not "review section"', async () => {
  const { loadLiterature } = await import('../src/evidence/index.js');
  const co = loadLiterature().records.find((r) => r.id === 'k-sa-co-hc')!;
  const { source: _s, ...copy } = { ...co, id: 'k-sa-co-hc-copy', name: 'SA-Co@HC (copy)', aliases: [] };
  fs.writeFileSync(path.join(tmp, 'copy.json'), JSON.stringify({ records: [copy] }));
  const i = await run('lit', 'import', 'copy.json', '--db', db);
  assert.equal(i.code, 0, i.stderr);
  const s = await run('lit', 'show', 'k-sa-co-hc-copy', '--db', db);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^imported record \(not one of the review's records; it cites review section 4, review ref 74\): stored from import:copy\.json$/m);
  assert.doesNotMatch(s.stdout, /^review section/m);
  // the review's own record keeps its line; a user's record its own
  const r = await run('lit', 'show', 'k-sa-co-hc', '--db', db);
  assert.match(r.stdout, /^review section 4; source: /m);
  const m = await run('lit', 'show', 'mine-1', '--db', db);
  assert.match(m.stdout, /^user-supplied record \(not from the review\): B\. User, thesis, 2026; stored from import:one\.json$/m);
  // what the page marks (GET /api/evidence's origin, shown as "(imported)"): the same word, from the same function
  const { evidenceQuery } = await import('../src/server/evidence.js');
  const { openStore } = await import('../src/store/index.js');
  const { importedRecords } = await import('../src/evidence/index.js');
  const store = openStore(db);
  let imported;
  try { imported = importedRecords(store); } finally { store.close(); }
  const d = evidenceQuery({ metal: 'K' }, imported);
  const byId = (id: string) => d.records.find((x) => x.id === id)!;
  assert.deepEqual([byId('k-sa-co-hc-copy').origin, byId('k-sa-co-hc-copy').imported], ['imported', true]);
  assert.deepEqual([byId('mine-1').origin, byId('k-sa-co-hc').origin], ['user-supplied', 'review']);
});

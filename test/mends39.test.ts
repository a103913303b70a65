/**
 * Session 32, task mends39: leftovers earlier sessions noted, each test failing on the code before its fix.
 * (1) `lit verify`'s symmetric-cell rule accepted a quote saying "symmetric(al)" or "plating/stripping", not a cell
 * written metal||same metal ("Li||Li", "Li//Li" as the review writes it, "Na|Na", "K ∥ K", "Li-Li"); "Li||Cu" and the
 * reference electrode "Li/Li+" still name no symmetric cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadLiterature, parseDataText } from '../src/evidence/records.js';
import { verifyRecords } from '../src/evidence/verify.js';

test('lit verify: a symmetric_lifetime whose quote writes the cell "Li||Li" (and the like) names a symmetric cell; "Li||Cu" does not', async () => {
  const raw = readFileSync('../shared/seed/000_761d9a0e1df2534e.txt', 'utf8');
  const ex = parseDataText(readFileSync('data/literature/_review_numbers.yaml', 'utf8'), '_review_numbers.yaml') as Parameters<typeof verifyRecords>[2];
  const records = (await loadLiterature()).records;
  // CC-CN-SACo's "the symmetric cell maintained ... (500 h at 5 mA cm-2)", with the cell written another way in both
  // the review and the record's quote
  const OLD = 'the symmetric cell maintained';
  assert.ok(raw.includes(OLD));
  const noCell = (cell: string): boolean => {
    const recs = JSON.parse(JSON.stringify(records)) as typeof records;
    const f = recs.find((r) => r.id === 'li-cc-cn-saco')!.figures.find((x) => x.quantity === 'symmetric_lifetime')!;
    assert.ok(f.quote.includes(OLD));
    f.quote = f.quote.replace(OLD, `the ${cell} cell maintained`);
    const p = verifyRecords(recs, raw.replace(OLD, `the ${cell} cell maintained`), ex).problems.filter((x) => x.startsWith('li-cc-cn-saco '));
    assert.ok(p.every((x) => /names no symmetric cell/.test(x)), p.join('\n')); // the quote is found, its value and unit read
    return p.length > 0;
  };
  assert.equal(noCell('symmetric'), false);
  for (const cell of ['Li||Li', 'Li//Li', 'Li | Li', 'Li/Li', 'Li-Li', 'Li ∥ Li', 'Li‖Li', 'Na||Na', 'K || K']) assert.equal(noCell(cell), false, cell);
  for (const cell of ['Li||Cu', 'Li//Cu', 'Li|Na', 'Li/Li+', 'Li-Lim', 'Li', 'modified Li']) assert.equal(noCell(cell), true, cell);
});

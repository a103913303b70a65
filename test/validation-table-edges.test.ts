/**
 * validation/table.ts's renderings at their edges (review68): the same results in any locale give the same bytes, and a
 * cell's line breaks do not break its table's row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTables, type StudyResult } from '../validation/table.js';
import type { ValidationEntry } from '../validation/types.js';

const entry = (id: string, over: Partial<ValidationEntry> = {}): ValidationEntry => ({ id, quantity: `q ${id}`, published: 'p', source: 's', measured: 1, unit: 'mV', runs: 'seed 1', pass: true, note: 'n', ...over });
const study = (id: string, entries: ValidationEntry[]): StudyResult => ({ id, title: `T ${id}`, wall_s: 1, commit: 'abc1234', entries });

// review68: the studies were sorted with localeCompare, whose order is the process's locale's (LC_ALL, LANG): under
// et_EE (Estonian: z between s and t) nucleation-zone-overlap came before nucleation-temperature, and `npm run validate
// -- --table` on such a machine rewrote the README, results.json's order and every page from the same results. Seen
// failing on main 7b85d535 (the README's table rows in another order under LC_ALL=et_EE.UTF-8).
test('review68: the tables of the same results are byte-identical whatever the locale (ids in code-point order)', () => {
  const studies = ['nucleation-zone-overlap', 'nucleation-temperature', 'aa-b', 'ab-c', 'sz', 'st', 't'].map((id) => study(id, [entry(`${id}-x`)]));
  const here = JSON.stringify(renderTables(studies));
  const script = `import(${JSON.stringify(pathToFileURL(resolve('dist/validation/table.js')).href)}).then((m) => process.stdout.write(JSON.stringify(m.renderTables(JSON.parse(process.argv[1])))))`;
  for (const locale of ['et_EE.UTF-8', 'da_DK.UTF-8']) {
    const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(studies)], { encoding: 'utf8', env: { ...process.env, LC_ALL: locale, LANG: locale } });
    assert.equal(r.status, 0, r.stderr);
    const order = (json: string) => (JSON.parse(json) as { readme: string }).readme.split('\n').filter((l) => l.startsWith('| [')).map((l) => /^\| \[([^\]]+)\]/.exec(l)![1]).join(' ');
    assert.ok(r.stdout === here, `the tables under ${locale} differ from this process's: the README's rows ${order(r.stdout)}, here ${order(here)}`);
  }
  const ids = renderTables(studies).readme.split('\n').filter((l) => l.startsWith('| [')).map((l) => /^\| \[([^\]]+)\]/.exec(l)![1]);
  assert.deepEqual(ids, ['aa-b', 'ab-c', 'nucleation-temperature', 'nucleation-zone-overlap', 'st', 'sz', 't']);
});

// review68: a line break in a cell (a quantity, a published value, a note, a unit, a study's title) ended the table's
// row there: the rest of the row and its verdict fell out of the table as a paragraph. Seen failing on main 7b85d535.
test('review68: a line break inside a cell does not break its row: every table row is one line, its columns all there', () => {
  const studies = [
    study('x-one', [entry('x-one-a', { quantity: 'two\nlines', published: 'p1\r\np2', note: 'n1\n\nn2', unit: 'm\nV', runs: 'seed\n1' }), entry('x-one-b', { claim: false, quantity: 'r\nq' })]),
    { ...study('x-two', []), title: 'failed\nstudy', error: 'boom' },
  ];
  const t = renderTables(studies);
  const texts: [string, string][] = [['readme', t.readme], ...Object.entries(t.claimPages), ...Object.entries(t.tablePages), ...Object.entries(t.pages)];
  for (const [name, text] of texts) {
    const lines = text.split('\n');
    // a row's cells: split on pipes not escaped (a '|' inside a cell is written \|)
    const columns = (l: string) => l.split(/(?<!\\)\|/).length - 2;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (!l.startsWith('|')) {
        // no fragment of a broken row: a line outside a table carries none of the cells' words
        assert.doesNotMatch(l, /\blines\b|\bp2\b|\bn2\b|^V\b|^q\b|^1 \||\bstudy \|/, `${name}: line ${i + 1} is a fragment of a row: ${JSON.stringify(l)}`);
        continue;
      }
      assert.ok(l.endsWith('|'), `${name}: line ${i + 1} is cut: ${JSON.stringify(l)}`);
      // every row of a table has its header's columns
      let h = i;
      while (h > 0 && lines[h - 1]!.startsWith('|')) h--;
      assert.equal(columns(l), columns(lines[h]!), `${name}: line ${i + 1} has ${columns(l)} columns, its header ${columns(lines[h]!)}`);
    }
    assert.match(text, /two lines/, name);
  }
  assert.match(t.readme, /\| two lines \| p1 p2 \|/);
});

/**
 * `npm run validate -- <id>` with an id that names no study: refused in one line, exit 2, nothing
 * written. It used to select nothing, rewrite validation/results.json and the README's table and
 * exit 0, which read as a validation that had run.
 *
 * The script writes next to its own build (dist/validation/../../validation/results.json), so it
 * runs here from a temporary root whose dist/ and node_modules/ are links to the real ones
 * (--preserve-symlinks-main keeps that root as its location): a regression writes into the
 * temporary root, never into the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderTables, withReadmeTable, isClaimsPage, PAGE_BUDGET, type StudyResult } from '../validation/table.js';

/** Runs `body` in a temporary root whose dist/ and node_modules/ link to the real ones (see above), then removes it. */
function inTempRoot(body: (root: string, run: (args: string[]) => SpawnSyncReturns<string>) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'sacplate-validate-'));
  try {
    symlinkSync(resolve('dist'), join(root, 'dist'), 'dir');
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    mkdirSync(join(root, 'validation'));
    body(root, (args) => spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(root, 'dist', 'validation', 'run.js'), ...args], { encoding: 'utf8' }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('validate with an id that names no study: one line, exit 2, no results.json written', () => inTempRoot((root, run) => {
  const r = run(['no-such-study']);
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^validate: "no-such-study": got no study, expected a study id or part of one \(.*\bbv-asinh\b.*\); nothing written$/);
  assert.equal(existsSync(join(root, 'validation', 'results.json')), false, 'nothing written');
}));

test('validate --table: the README table (a row per study), docs/validation-claims.md (the claim rows), docs/validation-table/<group>.md (every row, one line each) and docs/validation-table.md (their index), docs/validation/<group>.md (every row in full) and docs/validation.md (their index) are rewritten from results.json with each row\'s build; no study runs, results.json untouched', () => inTempRoot((root, run) => {
  const results = JSON.stringify({ date: '2026-12-01T00:00:00.000Z', node: 'v20', studies: [
    { id: 'a-study', title: 'A', wall_s: 1, commit: 'abc1234', ran_at: '2026-11-30T12:00:00.000Z',
      entries: [{ quantity: 'q one', published: '1', source: 'src', measured: 1.5, unit: 'mV', interval: [1, 2], runs: 'seeds 1-3, Li||Cu', pass: true, note: 'n | m' },
        { quantity: 'q two', published: '2', source: 'src', measured: 3, unit: 'mV', runs: 'seed 1', pass: false, note: 'missed' },
        { quantity: 'q three', published: '> 0', source: 'src', measured: -1, unit: 'mV', runs: 'seed 1', pass: true, claim: false, note: 'diagnostic' },
        { quantity: 'q four', published: '90-99.5 %', source: 'src2', measured: 92, unit: '%', runs: 'seed 2', pass: true, calibrated: 'set from it (ref 9 | Fig. 1)', note: 'tuned' },
        { quantity: 'q five', published: '> 0', source: 'src2', measured: -2, unit: 'points', runs: 'seed 2', pass: false, calibrated: 'chosen to give it', note: 'tuned too' }] },
    { id: 'b-study', title: 'B', wall_s: 1, error: 'it threw', entries: [] },
  ] }, null, 2) + '\n';
  writeFileSync(join(root, 'validation', 'results.json'), results);
  writeFileSync(join(root, 'README.md'), 'intro\n<!-- validation:start -->\nold table\n<!-- validation:end -->\nafter\n');
  const r = run(['--table']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /validate: a-study|\.\.\./, 'no study ran');
  assert.equal(readFileSync(join(root, 'validation', 'results.json'), 'utf8'), results, 'results.json untouched');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.doesNotMatch(readme, /old table/);
  // readme68: the README has a row per study: the study linked to its section in docs/validation/, its first row that
  // states a claim (the published value without its source), how many of its claim rows are met (yes; calibrated apart)
  // and the build's commit; a failed study says so (readme66 to readme68 it had every claim row: 229,215 of 286,167 bytes)
  assert.match(readme, /\| study \(runs, notes\) \| its first claim row \| published \| measured \| 95 % interval \| meets \| claim rows met \| build \|\n\|---\|---\|---\|---\|---\|---\|---\|---\|\n/);
  assert.match(readme, /\n\| \[a-study\]\(docs\/validation\/a\.md#a-study\) \| q one \| 1 \| 1\.5 mV \| 1 to 2 \| yes \| 1 of 4 \(2 calibrated\) \| abc1234 \|\n/);
  assert.match(readme, /\n\| \[b-study\]\(docs\/validation\/b\.md#b-study\) \| B \| \| study failed \| \| no \| study failed \| before builds were recorded \|\n/);
  assert.doesNotMatch(readme, /q two|q three|q four|q five/, 'a row per study: its first claim row only');
  assert.match(readme, /The 4 rows that state a claim \(1 yes, 1 \*\*no\*\*, 2 calibrated\), and 1 study that failed, by study: here one row for\seach of the 2 studies, [\s\S]*\[docs\/validation-claims\.md\]\(docs\/validation-claims\.md\) has all 4,\sone line each, and \[docs\/validation-table\.md\]\(docs\/validation-table\.md\)\sall 6 rows, the 1 `reported` ones \(no claim\) too, a page per group\./);
  assert.match(readme, /\na `calibrated` row's target is also what a model input was set from or chosen to give \(\[docs\/calibration\.md\]\(docs\/calibration\.md\)\):\smet by calibration, not evidence\./i);
  assert.doesNotMatch(readme, /seeds 1-3|diagnostic|missed|\(src\)/, 'runs, notes and sources are not in the README');
  for (const row of readme.split('\n').filter((l) => l.startsWith('| '))) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 8, row);
  // docs/validation-claims.md has one line per row that states a claim (no runs, no note) and links each row to its study in
  // docs/validation/; within a study, the source of the row above is "(same source)" and the build is the commit
  // (readme66: the README had grown past GitHub's 512,000-byte front-page limit; readme68: the rows moved here)
  const claims = readFileSync(join(root, 'docs', 'validation-claims.md'), 'utf8');
  assert.match(claims, /^# Validation: the rows that state a claim, one line each\n/);
  assert.match(claims, /\| quantity \| published \| measured \| 95 % interval \| meets \| build \| study \(runs, notes\) \|/);
  assert.match(claims, /\| q one \| 1 \(src\) \| 1\.5 mV \| 1 to 2 \| yes \| abc1234 \| \[a-study\]\(validation\/a\.md#a-study\) \|/);
  assert.match(claims, /\| q two \| 2 \(same source\) \| 3 mV \| - \| \*\*no\*\* \| abc1234 \| \[a-study\]\(validation\/a\.md#a-study\) \|/);
  // a row that states no claim (claim false) is left out of it, which says so and links the full table
  assert.doesNotMatch(claims, /q three/);
  assert.match(claims, /here are all 4 rows that state a claim \(1 yes, 1 \*\*no\*\*, 2 calibrated\), and 1 study that failed, by study\.\nThe 1 `reported` rows \(no claim: a diagnostic, or a value reported whichever way it comes out\) are left out here:\n\[validation-table\.md\]\(validation-table\.md\) has all 6 rows, the same columns, a page per group\./);
  // calibfix67: a row whose target an input was set from (calibrated: why) says "calibrated" and why, never yes/no,
  // whatever its pass (a calibrated row out of its range says so), and is counted apart; the page says what it means
  assert.match(claims, /\| q four \| 90-99\.5 % \(src2\) \| 92 % \| - \| calibrated: set from it \(ref 9 \\\| Fig\. 1\) \| abc1234 \| \[a-study\]\(validation\/a\.md#a-study\) \|/);
  assert.match(claims, /\| q five \| > 0 \(same source\) \| -2 points \| - \| calibrated, not met: chosen to give it \| abc1234 \|/);
  assert.match(claims, /\na `calibrated` row's target is also what a model input was set from or chosen to give \(\[calibration\.md\]\(calibration\.md\)\):\smet by calibration, not evidence\./i);
  assert.doesNotMatch(claims.split('\n').filter((l) => l.startsWith('| ')).join('\n'), /seeds 1-3|diagnostic|missed/, 'runs and notes are not in the claim rows\' table');
  for (const row of claims.split('\n').filter((l) => l.startsWith('| '))) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 7, row);
  assert.match(claims, /\| B \| \| study failed \| \| no \| before builds were recorded \| \[b-study\]\(validation\/b\.md#b-study\) \|/);
  // docs/validation-table/<group>.md has every row of its group, the same columns, the build with its day, each row linked
  // to its study (tablesplit67: docs/validation-table.md had every row on one page, 482,182 bytes at 1,270 rows)
  const full = readFileSync(join(root, 'docs', 'validation-table', 'a.md'), 'utf8');
  assert.match(full, /^# Validation: the a studies, one line per row\n/);
  assert.match(full, /\n\| quantity \| published \| measured \| 95 % interval \| meets \| build \| study \(runs, notes\) \|\n\|---\|---\|---\|---\|---\|---\|---\|\n/);
  assert.match(full, /\n\| q one \| 1 \(src\) \| 1\.5 mV \| 1 to 2 \| yes \| abc1234, 2026-11-30 \| \[a-study\]\(\.\.\/validation\/a\.md#a-study\) \|\n/);
  assert.match(full, /\n\| q two \| 2 \(src\) \| 3 mV \| - \| \*\*no\*\* \| abc1234, 2026-11-30 \| \[a-study\]\(\.\.\/validation\/a\.md#a-study\) \|\n/);
  // a row that states no claim (claim false) says "reported", never yes/no, whatever its pass
  assert.match(full, /\n\| q three \| > 0 \(src\) \| -1 mV \| - \| reported \| abc1234, 2026-11-30 \| \[a-study\]\(\.\.\/validation\/a\.md#a-study\) \|\n/);
  const fullB = readFileSync(join(root, 'docs', 'validation-table', 'b.md'), 'utf8');
  assert.match(fullB, /\n\| B \| \| study failed \| \| no \| before builds were recorded \| \[b-study\]\(\.\.\/validation\/b\.md#b-study\) \|\n$/);
  for (const row of (full + fullB).split('\n').filter((l) => l.startsWith('| '))) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 7, row);
  assert.match(full, /\n\| q four \| 90-99\.5 % \(src2\) \| 92 % \| - \| calibrated: set from it \(ref 9 \\\| Fig\. 1\) \| abc1234, 2026-11-30 \|/);
  assert.equal(full.split('\n').filter((l) => l.startsWith('| ')).length, 1 + 5, 'the header and the five rows of a-study, in its order');
  assert.deepEqual(full.split('\n').filter((l) => l.startsWith('| q ')).map((l) => l.split(' | ')[0]), ['| q one', '| q two', '| q three', '| q four', '| q five']);
  assert.doesNotMatch(fullB, /a-study/);
  // docs/validation-table.md is their index: per group its studies, rows, yes/**no**/reported (and failed) counts and page
  const tableIndex = readFileSync(join(root, 'docs', 'validation-table.md'), 'utf8');
  assert.match(tableIndex, /\n2 studies, 6 rows \(1 yes, 1 \*\*no\*\*, 2 calibrated, 1 reported, 1 study failed\) on 2 pages:\n/);
  assert.match(tableIndex, /\n\| group \| page \| studies \| rows \| yes \| \*\*no\*\* \| calibrated \| reported \| study failed \|\n\|---\|---\|---\|---\|---\|---\|---\|---\|---\|\n/);
  assert.match(tableIndex, /\n\| a \| \[validation-table\/a\.md\]\(validation-table\/a\.md\) \| 1 \(a-study\) \| 5 \| 1 \| 1 \| 2 \| 1 \| 0 \|\n\| b \| \[validation-table\/b\.md\]\(validation-table\/b\.md\) \| 1 \(b-study\) \| 1 \| 0 \| 0 \| 0 \| 0 \| 1 \|\n$/);
  assert.doesNotMatch(tableIndex, /q one/);
  // docs/validation/<group>.md has every row in full, under a heading per study (its anchor is the study id); the group is
  // the id up to its first hyphen (docsplit66: docs/validation.md held them all, 926,123 bytes, past what GitHub shows)
  const docs = readFileSync(join(root, 'docs', 'validation', 'a.md'), 'utf8');
  assert.match(docs, /\n## a-study\n\nA\. Build abc1234, 2026-11-30; 1\.0 s wall\.\n/);
  // a '|' inside a cell is escaped (it would end the cell): every row keeps the header's seven columns
  assert.match(docs, /\| q one \| 1 \(src\) \| 1\.5 mV \| 1 to 2 \| seeds 1-3, Li\\\|\\\|Cu \| yes \| n \\\| m \|/);
  assert.match(docs, /\| q two \| 2 \(src\) \| 3 mV \| - \| seed 1 \| \*\*no\*\* \| missed \|/);
  assert.match(docs, /\| q three \| > 0 \(src\) \| -1 mV \| - \| seed 1 \| reported \| diagnostic \|/);
  assert.match(docs, /\| q four \| 90-99\.5 % \(src2\) \| 92 % \| - \| seed 2 \| calibrated: set from it \(ref 9 \\\| Fig\. 1\) \| tuned \|/);
  for (const row of docs.split('\n').filter((l) => l.startsWith('| '))) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 7, row);
  const docsB = readFileSync(join(root, 'docs', 'validation', 'b.md'), 'utf8');
  assert.match(docsB, /\n## b-study\n\nB\. Build before builds were recorded; 1\.0 s wall\.\n\nStudy failed: it threw\n/);
  assert.doesNotMatch(docsB, /a-study/);
  // docs/validation.md is the index: each group's page, each study linked to its section, under an anchor named as its id
  const index = readFileSync(join(root, 'docs', 'validation.md'), 'utf8');
  assert.match(index, /\n\| a \| \[validation\/a\.md\]\(validation\/a\.md\) \| 1 \(a-study\) \|\n\| b \| \[validation\/b\.md\]\(validation\/b\.md\) \| 1 \(b-study\) \|\n/);
  assert.match(index, /\n- <a name="a-study"><\/a>\[a-study\]\(validation\/a\.md#a-study\): A\n- <a name="b-study"><\/a>\[b-study\]\(validation\/b\.md#b-study\): B \(study failed\)\n/);
  assert.doesNotMatch(index, /q one/);
  // run again: nothing changes; a page no longer rendered (its group gone from results.json) is removed, the others kept
  const written = () => ['README.md', 'docs/validation-claims.md', 'docs/validation.md', 'docs/validation-table.md', 'docs/validation/a.md', 'docs/validation/b.md', 'docs/validation-table/a.md', 'docs/validation-table/b.md'].map((f) => existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : null);
  const first = written();
  assert.equal(run(['--table']).status, 0);
  assert.deepEqual(written(), first);
  writeFileSync(join(root, 'validation', 'results.json'), results.replace(/"id": "b-study"/, '"id": "a-study-b"'));
  writeFileSync(join(root, 'docs', 'validation', 'notes.txt'), 'not a page');
  writeFileSync(join(root, 'docs', 'validation-table', 'notes.txt'), 'not a page');
  // readme68: docs/ has hand-written pages too: a claims page no longer rendered (validation-claims-2.md) is removed, no other
  writeFileSync(join(root, 'docs', 'validation-claims-2.md'), 'an old part 2');
  writeFileSync(join(root, 'docs', 'validation-claims-notes.md'), 'a hand-written page');
  writeFileSync(join(root, 'docs', 'guide.md'), 'a hand-written page');
  assert.equal(run(['--table']).status, 0);
  assert.deepEqual(readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort(), ['guide.md', 'validation-claims-notes.md', 'validation-claims.md', 'validation-table.md', 'validation.md']);
  assert.deepEqual(readdirSync(join(root, 'docs', 'validation')).sort(), ['a.md', 'notes.txt']);
  assert.deepEqual(readdirSync(join(root, 'docs', 'validation-table')).sort(), ['a.md', 'notes.txt']);
  assert.match(readFileSync(join(root, 'docs', 'validation-table', 'a.md'), 'utf8'), /\| q five \|.*\n\| B \| \| study failed \|.*\[a-study-b\]\(\.\.\/validation\/a\.md#a-study-b\) \|\n$/);
  assert.match(readFileSync(join(root, 'docs', 'validation', 'a.md'), 'utf8'), /\n## a-study\n[\s\S]*\n## a-study-b\n/);
  assert.match(readme, /^intro\n<!-- validation:start -->\n[\s\S]*\n<!-- validation:end -->\nafter\n$/);
  const both = run(['--table', 'a-study']);
  assert.equal(both.status, 2);
  assert.match(both.stderr.trim(), /^validate: --table runs no study; got study ids too \(a-study\)/);
}));

// docsplit66: a group whose page would pass PAGE_BUDGET bytes goes on in <group>-2.md, ... (in id order), each page under
// GitHub's 512,000-byte Markdown render limit; the tables and the index link each study to the page it is on.
test('docsplit66: a group of studies too large for one page is split into <group>.md, <group>-2.md in id order; every link follows its study', () => {
  const big = (id: string): StudyResult => ({ id, title: id.toUpperCase(), wall_s: 1, commit: 'abc1234', entries: [
    { id: 'q', quantity: `q of ${id}`, published: '1', source: 'src', measured: 1, unit: 'mV', runs: 'seed 1', pass: true, note: 'x'.repeat(Math.floor(PAGE_BUDGET / 2.5)) }] });
  const t = renderTables([big('z-3'), big('z-1'), big('y'), big('z-2')]);
  assert.deepEqual(Object.keys(t.pages).sort(), ['y.md', 'z-2.md', 'z.md']);
  assert.deepEqual(Object.entries(t.pages).map(([n, p]) => [n, [...p.matchAll(/^## (.*)$/gm)].map((m) => m[1])]).sort(), [['y.md', ['y']], ['z-2.md', ['z-3']], ['z.md', ['z-1', 'z-2']]]);
  for (const p of Object.values(t.pages)) assert.ok(Buffer.byteLength(p) <= PAGE_BUDGET, `${Buffer.byteLength(p)} bytes`);
  assert.match(t.pages['z-2.md']!, /^# Validation: the z studies, part 2, every row in full\n/);
  // tablesplit67: the full table's pages are split by the same rule, on their own sizes (one line a row: z's fit one page)
  assert.deepEqual(Object.keys(t.tablePages), ['y.md', 'z.md']);
  assert.match(t.tablePages['z.md']!, /\| q of z-3 \|.*\| \[z-3\]\(\.\.\/validation\/z-2\.md#z-3\) \|\n$/);
  assert.match(t.tableIndex, /\n\| z \| \[validation-table\/z\.md\]\(validation-table\/z\.md\) \| 3 \(z-1 to z-3\) \| 3 \| 3 \| 0 \| 0 \| 0 \|\n$/);
  assert.match(t.readme, /\| \[z-2\]\(docs\/validation\/z\.md#z-2\) \| q of z-2 \|/);
  assert.match(t.readme, /\| \[z-3\]\(docs\/validation\/z-2\.md#z-3\) \| q of z-3 \|/);
  assert.match(Object.values(t.claimPages).join(''), /\| q of z-3 \|.*\| \[z-3\]\(validation\/z-2\.md#z-3\) \|/);
  assert.match(t.docs, /\n- <a name="z-3"><\/a>\[z-3\]\(validation\/z-2\.md#z-3\): Z-3\n/);
  assert.match(t.docs, /\n\| z \| \[validation\/z-2\.md\]\(validation\/z-2\.md\) \| 1 \(z-3\) \|\n/);
});

test('README.md\'s validation table, docs/validation-claims.md, docs/validation-table.md and docs/validation-table/*.md, docs/validation.md and docs/validation/*.md are the rendering of validation/results.json (regenerate with `npm run validate -- --table`, never by hand)', () => {
  const { studies } = JSON.parse(readFileSync(resolve('validation', 'results.json'), 'utf8')) as { studies: StudyResult[] };
  const tables = renderTables(studies);
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(withReadmeTable(readme, tables.readme), readme, 'README.md: table out of date with validation/results.json');
  // readme68: the claim rows' page(s) in docs/, no more and no fewer
  assert.deepEqual(readdirSync('docs').filter(isClaimsPage).sort(), Object.keys(tables.claimPages).sort());
  for (const [name, text] of Object.entries(tables.claimPages)) assert.equal(readFileSync(join('docs', name), 'utf8'), text, `docs/${name} out of date with validation/results.json`);
  assert.equal(readFileSync(join('docs', 'validation-table.md'), 'utf8'), tables.tableIndex, 'docs/validation-table.md out of date with validation/results.json');
  // tablesplit67: the full table's pages in docs/validation-table/, no more and no fewer
  assert.deepEqual(readdirSync(join('docs', 'validation-table')).filter((f) => f.endsWith('.md')).sort(), Object.keys(tables.tablePages).sort());
  for (const [name, text] of Object.entries(tables.tablePages)) assert.equal(readFileSync(join('docs', 'validation-table', name), 'utf8'), text, `docs/validation-table/${name} out of date with validation/results.json`);
  assert.equal(readFileSync(join('docs', 'validation.md'), 'utf8'), tables.docs, 'docs/validation.md out of date with validation/results.json');
  // docsplit66: the pages in docs/validation/, no more and no fewer
  assert.deepEqual(readdirSync(join('docs', 'validation')).filter((f) => f.endsWith('.md')).sort(), Object.keys(tables.pages).sort());
  for (const [name, text] of Object.entries(tables.pages)) assert.equal(readFileSync(join('docs', 'validation', name), 'utf8'), text, `docs/validation/${name} out of date with validation/results.json`);
});

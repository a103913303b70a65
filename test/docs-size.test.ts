/**
 * docsplit66 (session 66): the repository's Markdown pages stay small enough for GitHub to show them. GitHub's file view
 * shows "Sorry about that, but we can't show files that are this big right now" for a file of about 1 MB and more (and
 * its API returns blobs only up to 1 MB); a README is cut at 512,000 bytes on the front page (readme66, isaacs/github#1610),
 * and the generated validation pages, which grow with every study, are held to that too, so that each keeps its room. On
 * main 9e301737 docs/history.md was 2,314,330 bytes and docs/validation.md 926,123 bytes (every study's rows in full,
 * growing with each study): the histories' older entries are in docs/history/part-N.md now, the validation's rows in
 * docs/validation/<group>.md (validation/table.ts), docs/validation.md their index.
 * The message names the file, its size, the limit and why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIMS_DIR, FULL_TABLE_PATH, PAGES_DIR, TABLE_PAGES_DIR, isClaimsPage, renderTables, type StudyResult } from '../validation/table.js';

const FILE_LIMIT = 1_000_000, PAGE_LIMIT = 512_000;

/** The repository's *.md files: git's tracked ones; without git (a copy), every *.md outside node_modules, dist and .git. */
function markdownFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 }).split('\0').filter((f) => f !== '');
  } catch {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isDirectory() && !['node_modules', 'dist', '.git'].includes(d.name)) walk(join(dir, d.name));
        else if (d.isFile() && d.name.endsWith('.md')) out.push(join(dir, d.name));
      }
    };
    walk('.');
    return out;
  }
}

/** The size problems of files [path, bytes]: one line each, naming the file, its size, the limit and why. */
function sizeProblems(files: ReadonlyArray<readonly [string, number]>, generated: (path: string) => boolean): string[] {
  const n = (x: number) => x.toLocaleString('en');
  return files.flatMap(([f, size]) => {
    if (size >= FILE_LIMIT) {
      return [`${f} is ${n(size)} bytes, over ${n(FILE_LIMIT)}: GitHub's file view shows no file of about 1 MB or more ("we can't show files that are this big") ` +
        `and its API no blob over 1 MB; move older entries word for word into archive pages (docs/history/part-N.md) or split it by topic`];
    }
    if (generated(f) && size >= PAGE_LIMIT) {
      return [`${f} is ${n(size)} bytes, over ${n(PAGE_LIMIT)}: a generated validation page is held to GitHub's 512,000-byte README render cut, ` +
        'well under the 1 MB file view, as it grows with every study; it is written by validation/table.ts (`npm run validate -- --table`): lower PAGE_BUDGET or split it'];
    }
    return [];
  });
}

/** A generated validation page: docs/validation.md, docs/validation-table.md, docs/validation/*.md, (tablesplit67)
 * docs/validation-table/*.md and (readme68) the claim rows' docs/validation-claims.md, docs/validation-claims-2.md, ... */
const generatedPage = (f: string) => f === 'docs/validation.md' || f === FULL_TABLE_PATH || ([PAGES_DIR, TABLE_PAGES_DIR].some((d) => f.startsWith(`${d}/`)) && f.endsWith('.md')) ||
  (f.startsWith(`${CLAIMS_DIR}/`) && isClaimsPage(f.slice(CLAIMS_DIR.length + 1)));

test('docsplit66: every *.md file is under 1,000,000 bytes (GitHub shows none larger) and each generated validation page under 512,000 (GitHub\'s README render cut); the message names the file, the size, the limit and why', () => {
  const files = markdownFiles().filter((f) => existsSync(f));
  assert.ok(files.includes('docs/history.md') && files.includes('docs/validation.md') && files.some(generatedPage), `${files.length} *.md files`);
  assert.deepEqual(sizeProblems(files.map((f) => [f, statSync(f).size] as const), generatedPage), []);
  const pages = files.filter(generatedPage);
  assert.ok(pages.length >= 3, pages.join(' '));
  // the rule can fail, and says why: a history past 1 MB, a generated page past 512,000 bytes (a hand-written one may be)
  const bad = sizeProblems([['docs/history.md', 2_314_330], ['docs/validation/sei.md', 512_000], ['docs/cycling.md', 600_000], ['docs/validation/bv.md', 511_999], ['docs/validation-table/sei.md', 520_000]], generatedPage);
  assert.equal(bad.length, 3, bad.join('\n'));
  // readme68: the claim rows' pages are generated pages; a hand-written page named like them is not
  assert.deepEqual(['docs/validation-claims.md', 'docs/validation-claims-2.md', 'docs/validation-claims-notes.md', 'docs/validation-claims-1.md'].map(generatedPage), [true, true, false, false]);
  assert.match(bad[2]!, /^docs\/validation-table\/sei\.md is 520,000 bytes, over 512,000: a generated validation page/);
  assert.match(bad[0]!, /^docs\/history\.md is 2,314,330 bytes, over 1,000,000: GitHub's file view shows no file of about 1 MB or more .*archive pages/);
  assert.match(bad[1]!, /^docs\/validation\/sei\.md is 512,000 bytes, over 512,000: a generated validation page is held to GitHub's 512,000-byte README render cut.*validation\/table\.ts/);
});

// tablesplit67 (session 67): docs/validation-table.md held every row of the validation table on one page (482,182 bytes at
// 1,270 rows on main 33d404c7, about 380 bytes a row): a few studies more and it passes the limit above. Every text
// renderTables gives for a file under docs/ (the README's table is the README's, held by docs-claims) stays under the
// limit on a scratch record whose full table is about 1.3 MB: 3 groups of 60 studies of 20 rows, the rows as wide as today's.
test('tablesplit67: on a scratch record with a full table of about 1.3 MB, every generated validation page (the indexes and each group\'s pages) is under 512,000 bytes', () => {
  const studies: StudyResult[] = [];
  for (const group of ['sei', 'nucleation', 'dla']) {
    for (let k = 0; k < 60; k++) {
      const id = `${group}-study-${String(k).padStart(2, '0')}`;
      studies.push({ id, title: `The ${id} study`, wall_s: 100, commit: 'abc1234', ran_at: '2026-12-07T00:00:00.000Z', entries: Array.from({ length: 20 }, (_, i) => ({
        id: `q${i}`, quantity: `quantity ${i} of ${id}, `.padEnd(120, 'q'), published: 'a published value '.padEnd(110, 'p'), source: 'Li et al., Green Chem. 2024, Fig. 3',
        measured: 1.234 + i, unit: 'mA/cm2', interval: [1, 2] as [number, number], runs: 'seeds 1-10, 64 x 64', pass: i % 3 !== 0, ...(i % 2 ? { claim: false } : {}), note: 'n' })) });
    }
  }
  const texts = Object.entries(renderTables(studies)).filter(([k]) => k !== 'readme')
    .flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as const] : Object.entries(v as Record<string, string>).map(([n, t]) => [`${k}/${n}`, t] as const)));
  const rows = texts.reduce((n, [, t]) => n + t.split('\n').filter((l) => / \| (yes|\*\*no\*\*|reported) \| abc1234, 2026-12-07 \| /.test(l)).length, 0);
  assert.equal(rows, 3 * 60 * 20, 'every row in a one-line table once');
  const total = texts.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
  assert.ok(total > 2_000_000, `${total} bytes in all`);
  const over = texts.map(([k, t]) => [k, Buffer.byteLength(t)] as const).filter(([, b]) => b >= PAGE_LIMIT);
  assert.deepEqual(over, [], over.map(([k, b]) => `${k}: ${b.toLocaleString('en')} bytes, over ${PAGE_LIMIT.toLocaleString('en')}`).join('; '));
  // a group's one-line rows past PAGE_BUDGET go on in <group>-2.md, as docs/validation/ does; (readme68) the claim rows
  // (1,800 here) in docs/validation-claims-2.md, ..., each page linking the next
  assert.ok(texts.some(([k]) => k === 'tablePages/sei-2.md'), texts.map(([k]) => k).join(' '));
  const claims = texts.filter(([k]) => k.startsWith('claimPages/'));
  assert.ok(claims.length >= 2 && claims[0]![0] === 'claimPages/validation-claims.md' && claims[1]![0] === 'claimPages/validation-claims-2.md', claims.map(([k]) => k).join(' '));
  assert.match(claims[0]![1], /\nContinued on \[validation-claims-2\.md\]\(validation-claims-2\.md\)\.\n$/);
  assert.equal(claims.reduce((n, [, t]) => n + t.split('\n').filter((l) => / \| (yes|\*\*no\*\*) \| abc1234 \| /.test(l)).length, 0), 3 * 60 * 10, 'every claim row once');
  // and the files docs-size checks on disk would be held to it: each text's path is a generated page
  const path = (k: string) => (k === 'tableIndex' ? FULL_TABLE_PATH : k === 'docs' ? 'docs/validation.md' : k.replace(/^tablePages\//, `${TABLE_PAGES_DIR}/`).replace(/^pages\//, `${PAGES_DIR}/`).replace(/^claimPages\//, `${CLAIMS_DIR}/`));
  assert.deepEqual(texts.map(([k]) => path(k)).filter((f) => !generatedPage(f)), []);
});

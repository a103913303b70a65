/**
 * The figures' font fallback (src/plots/text-width.ts): without DejaVu Sans, Vega lays text out on
 * its 0.8 em guess and the same command writes a different figure; that used to happen silently.
 * It is now said once per process on stderr, naming the font, where it was looked for and what to
 * install. $SACPLATE_FONT_DIRS points the lookup at an empty folder here to take the fallback path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadFigureFont } from '../src/plots/text-width.js';

test('no DejaVuSans.ttf in the folders: null, and one line naming the font, the folders and the package', () => {
  const lines: string[] = [];
  assert.equal(loadFigureFont(['/nonexistent/sacplate-a', '/nonexistent/sacplate-b'], (l) => lines.push(l)), null);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^sacplate: figures: font DejaVu Sans \(DejaVuSans\.ttf\) not found in \/nonexistent\/sacplate-a, \/nonexistent\/sacplate-b; text widths are estimated .*apt-get install fonts-dejavu-core/);
  assert.doesNotMatch(lines[0]!, /\n/);
});

test('a DejaVuSans.ttf that is not TrueType: null, and one line naming the folder and the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-font-'));
  try {
    writeFileSync(join(dir, 'DejaVuSans.ttf'), 'not a font');
    const lines: string[] = [];
    assert.equal(loadFigureFont([dir], (l) => lines.push(l)), null);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.ok(lines[0]!.startsWith(`sacplate: figures: font DejaVu Sans in ${dir} not readable as TrueType (`), lines[0]);
    assert.match(lines[0]!, /text widths are estimated/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the installed font (where present) loads without a word', (t) => {
  const dir = '/usr/share/fonts/truetype/dejavu';
  if (!existsSync(join(dir, 'DejaVuSans.ttf'))) return t.skip('DejaVu Sans not installed here');
  const lines: string[] = [];
  const m = loadFigureFont([dir], (l) => lines.push(l));
  assert.deepEqual(lines, []);
  assert.ok(m !== null && m.regular.width('AVAVAVAV To Wa', 40) < 0.8 * 14 * 40);
});

test('SACPLATE_FONT_DIRS at an empty folder: the estimate is used and said once per process on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nofont-'));
  try {
    const mod = pathToFileURL(resolve('dist/src/plots/text-width.js')).href;
    const script = `const m = await import(${JSON.stringify(mod)}); console.log(m.figureTextWidth('abc', 10), m.figureTextWidth('abcd', 10, true));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, SACPLATE_FONT_DIRS: dir } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '24 32', 'Vega\'s guess, 0.8 em a character');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`^sacplate: figures: font DejaVu Sans \\(DejaVuSans\\.ttf\\) not found in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; `));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

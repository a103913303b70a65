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
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

test('validate with an id that names no study: one line, exit 2, no results.json written', () => {
  const root = mkdtempSync(join(tmpdir(), 'sacplate-validate-'));
  try {
    symlinkSync(resolve('dist'), join(root, 'dist'), 'dir');
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    mkdirSync(join(root, 'validation'));
    const r = spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(root, 'dist', 'validation', 'run.js'), 'no-such-study'], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^validate: "no-such-study": got no study, expected a study id or part of one \(.*\bbv-asinh\b.*\); nothing written$/);
    assert.equal(existsSync(join(root, 'validation', 'results.json')), false, 'nothing written');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

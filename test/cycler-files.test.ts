/**
 * The cycler files a workbench keeps (src/server/cycler-files.ts, web68), at the class's level: what the routes' tests
 * (workbench-api, permissions) do not reach. review68.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { CyclerFiles, CYCLER_FILES_KEPT } from '../src/server/cycler-files.js';
import { FileError } from '../src/errors.js';
import { MIGRATIONS, openStore } from '../src/store/index.js';
import { lazyRequire } from '../src/lazy-require.js';

// review68: a store whose disk is full (SQLite's SQLITE_FULL, made here as SQLite makes it when a file may not grow:
// max_page_count at the pages it has) threw SQLite's own error out of keep(), which the Cycler route does not catch (it
// takes a FileError as "not kept"): a 500 and the finished analysis lost. Now the store's words naming the file, the
// kept files as they were, and the store usable once it has room. Seen failing on main 7b85d535 (SqliteError, not FileError).
test('review68: a kept cycler file on a full store: refused in the store\'s words (a FileError naming the store and the full disk), the files kept before untouched, kept once there is room', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cycfull-'));
  const files = CyclerFiles.open(join(dir, 'k.db'));
  try {
    const small = join(dir, 'a.csv'), big = join(dir, 'b.csv');
    writeFileSync(small, 'time,voltage\n0,1\n');
    writeFileSync(big, Buffer.alloc(256 * 1024, 'x'));
    const a = files.keep(small, 'a.csv', 17, 'licu', null);
    assert.ok('kept' in a);
    const db = (files as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    assert.throws(() => files.keep(big, 'b.csv', 256 * 1024, 'licu', '1 cm2'), (e: unknown) => {
      assert.ok(e instanceof FileError, `a FileError, got ${String(e)}`);
      assert.equal(e.file, files.path);
      assert.match(e.message, /cannot keep the cycler file b\.csv: the disk that holds it is full \(SQLite: database or disk is full\); the files kept before are kept/);
      return true;
    });
    assert.deepEqual(files.list().map((f) => f.name), ['a.csv']);
    assert.equal(db.pragma('quick_check', { simple: true }), 'ok');
    db.pragma('max_page_count = 1073741823');
    assert.ok('kept' in files.keep(big, 'b.csv', 256 * 1024, 'licu', '1 cm2'));
    assert.deepEqual(files.list().map((f) => f.name), ['b.csv', 'a.csv']);
  } finally { files.close(); rmSync(dir, { recursive: true, force: true }); }
});

// review68: the row limit (no other test reaches it), and a store made by an older version (no cycler_files table,
// schema version 6 here: migrated on open) opens with its runs and keeps files. Seen failing on main 7b85d535: the file
// analysed again was listed after f22.csv (ordered by kept_at, then rowid: analysed in the same millisecond as a newer
// file, or after the clock stepped back, an entry counted as older, and was the one dropped); the store's part held there.
test('review68: the latest CYCLER_FILES_KEPT files are kept, the oldest dropped first, one entry for a file analysed again; an older store keeps its runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cycrows-'));
  const path = join(dir, 'old.db');
  const raw = new (lazyRequire<typeof Database>('better-sqlite3'))(path);
  for (let i = 0; i < 6; i++) raw.exec(MIGRATIONS[i]!);
  raw.pragma('user_version = 6');
  raw.prepare("INSERT INTO runs (id, created_at, name, input_json, metrics_json, artefacts_json, status) VALUES ('r1', '2026-01-01T00:00:00Z', 'old', '{}', '{\"seed\":1}', '[]', 'finished')").run();
  raw.close();
  const files = CyclerFiles.open(path);
  try {
    const ids: string[] = [];
    for (let i = 0; i < CYCLER_FILES_KEPT + 3; i++) {
      const f = join(dir, `f${i}.csv`);
      writeFileSync(f, `time,voltage\n${i},1\n`);
      const k = files.keep(f, `f${i}.csv`, 16, 'licu', null);
      assert.ok('kept' in k);
      ids.push(k.kept.id);
    }
    // the first analysed again: the same entry, not a new one; then the oldest three others are the ones dropped
    const again = files.keep(join(dir, 'f3.csv'), 'f3.csv', 16, 'symmetric', null);
    assert.ok('kept' in again);
    assert.equal(again.kept.id, ids[3]);
    const listed = files.list();
    assert.equal(listed.length, CYCLER_FILES_KEPT);
    assert.deepEqual(listed[0]!.name, 'f3.csv');
    assert.deepEqual(new Set(listed.map((f) => f.name)), new Set(Array.from({ length: CYCLER_FILES_KEPT }, (_, i) => `f${i + 3}.csv`)));
    assert.equal(files.info(ids[0]!), undefined);
    const store = openStore(path);
    try { assert.deepEqual(store.listRuns().map((r) => r.name), ['old']); } finally { store.close(); }
  } finally { files.close(); rmSync(dir, { recursive: true, force: true }); }
});

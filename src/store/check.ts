/**
 * The store checked before a run starts, so that a read-only or unusable store is reported
 * before the work, not after it (the CLI's simulate and compare, the library's compare()).
 */
import { dirname } from 'node:path';
import { FileError, InputError } from '../errors.js';
import { makeWritableDir } from '../io/dirs.js';

/**
 * Opens the store at `db` (default path when undefined) and takes and releases a write lock, so
 * that a read-only or unusable store is reported before the run, not after it.
 */
export async function checkStore(db: string | undefined): Promise<void> {
  const { openStore, storeFile, writeProbe, readOnlyStore } = await import('./index.js');
  const file = storeFile(db);
  // robust63: the folder named by where its path came from (it said "--db:" when no --db was given)
  const given = db && db.trim() !== '' ? '--db' : process.env.SACPLATE_DB && process.env.SACPLATE_DB.trim() !== '' ? 'SACPLATE_DB'
    : "the default store's folder (~/.sacplate; set SACPLATE_DB or pass --db for another store)";
  makeWritableDir(dirname(file), given);
  let store;
  try {
    store = openStore(file);
  } catch (e) {
    if (e instanceof FileError || e instanceof InputError) throw e;
    throw new FileError(file, `--db: cannot use the store (${e instanceof Error ? e.message : String(e)})`);
  }
  store.close();
  const { default: Database } = await import('better-sqlite3');
  let d;
  try {
    d = new Database(file, { fileMustExist: true, timeout: 15000 });
    writeProbe(d); // robust63: BEGIN IMMEDIATE alone passed on a store SQLite opened read-only
  } catch (e) {
    const ro = readOnlyStore(file, e);
    if (ro) throw ro;
    throw new FileError(file, `--db: the store cannot be written (${e instanceof Error ? e.message : String(e)}); pass --no-store or another --db`);
  } finally {
    d?.close();
  }
}

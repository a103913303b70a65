/**
 * The cycler files a workbench keeps (web68): each file the Cycler page analysed (POST /api/cycler), its bytes in the
 * server's store (the embedded SQLite file, table `cycler_files`, made on first use beside the store's own as the sweep
 * tables are: no schema migration), so that the Compare page can put it beside the runs as a measured cell
 * (POST /api/compare/measured?file=ID) without sending it again, also after a server restart. The latest CYCLER_FILES_KEPT
 * are kept (the oldest dropped first), each of at most CYCLER_FILE_KEEP_BYTES; a file analysed again (the same name and
 * bytes: the Cycler page sends it again at each change of protocol or area) is one entry, its protocol and area the
 * latest. A server without a store (`sacplate serve --no-store`) keeps them in memory until it stops.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { lazyRequire } from '../lazy-require.js';
import { FileError } from '../errors.js';
import { openStore, readOnlyStore, sqliteWords } from '../store/index.js';

/** how many cycler files a server keeps (the oldest dropped first) */
export const CYCLER_FILES_KEPT = 20;
/** the largest cycler file a server keeps, bytes (a larger one is analysed, not kept) */
export const CYCLER_FILE_KEEP_BYTES = 20 * 1024 * 1024;
export const CYCLER_FILE_ID = /^cyc-[0-9a-f]{12}$/;

/** A kept file as GET /api/cycler/files lists it. */
export interface CyclerFileInfo {
  id: string;
  /** the upload's display name (its letters, digits and extension: receiveUpload's) */
  name: string;
  bytes: number;
  /** when it was last analysed, ISO UTC */
  kept_at: string;
  /** the Cycler page's protocol and area it was last analysed with (area null: none typed) */
  protocol: string;
  area: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cycler_files (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  protocol TEXT NOT NULL,
  area TEXT,
  kept_at TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS cycler_files_kept ON cycler_files(kept_at);
`;

const INFO_COLS = 'id, name, bytes, protocol, area, kept_at';

/** a byte count, with its MB beside it from 1 MB on */
const bytesText = (n: number) => (n >= 1048576 ? `${n} bytes (${(n / 1048576).toFixed(1)} MB)` : `${n} bytes`);

/** The refusal of an id that names no kept file (the route answers it with 404). */
export function unknownFileMessage(id: string): string {
  return `file: got ${JSON.stringify(id.slice(0, 80))}, expected the id of a cycler file this server keeps (cyc-xxxxxxxxxxxx, from GET /api/cycler/files: a file analysed on the Cycler page; the latest ${CYCLER_FILES_KEPT} are kept, and a deleted one is gone)`;
}

/** Why a file is not kept: over the size kept, `limit` (the body's field, `upload`, named as the upload routes name it). */
export function tooLargeToKeep(bytes: number, limit = CYCLER_FILE_KEEP_BYTES): string {
  return `upload: got ${bytesText(bytes)}, expected at most ${bytesText(limit)} for the server to keep a cycler file: analysed, not kept (the Compare page's measured cell takes it as an upload of its own)`;
}

interface Row extends CyclerFileInfo { sha256: string; data?: Buffer }

/** The kept cycler files of one server: in its store, or in memory without one. */
export class CyclerFiles {
  private readonly memory = new Map<string, Row & { data: Buffer }>();

  /**
   * @param unwritable why a store this user may read but not write keeps nothing (the store's words): a workbench on such
   * a store starts and shows what it holds (robust63), its Cycler page analyses, and each answer says the file is not kept
   */
  private constructor(private readonly db: Database.Database | null, readonly path: string | null, readonly keepLimit: number, readonly unwritable?: string) {}

  /**
   * On the store at `storePath` (its table made on first use), or in memory (null: a server without a store); files over
   * `keepLimit` bytes are not kept.
   */
  static open(storePath: string | null, keepLimit = CYCLER_FILE_KEEP_BYTES): CyclerFiles {
    if (storePath === null) return new CyclerFiles(null, null, keepLimit);
    const base = openStore(storePath); // checks, creates and migrates the file
    const file = base.path;
    base.close();
    let db: Database.Database | undefined;
    try {
      db = new (lazyRequire<typeof Database>('better-sqlite3'))(file, { timeout: 15000 });
      db.pragma('busy_timeout = 15000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (e) {
      db?.close();
      const ro = readOnlyStore(file, e);
      if (ro) return new CyclerFiles(null, null, keepLimit, ro.message);
      throw new FileError(file, `cannot open the cycler files' table ${sqliteWords(e)}`);
    }
    return new CyclerFiles(db, file, keepLimit);
  }

  /**
   * Keeps the analysed file `file` (its display name `name`, the protocol and area it was read with): its entry, or why
   * it is not kept (over its keepLimit). The same name and bytes again update that entry.
   */
  keep(file: string, name: string, bytes: number, protocol: string, area: string | null): { kept: CyclerFileInfo } | { not_kept: string } {
    if (bytes > this.keepLimit) return { not_kept: tooLargeToKeep(bytes, this.keepLimit) };
    if (this.unwritable) return { not_kept: `the server's store could not keep it: ${this.unwritable}` };
    const data = readFileSync(file);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const kept_at = new Date().toISOString();
    if (!this.db) {
      const same = [...this.memory.values()].find((r) => r.name === name && r.sha256 === sha256);
      const id = same?.id ?? `cyc-${randomBytes(6).toString('hex')}`;
      this.memory.delete(id);
      this.memory.set(id, { id, name, bytes: data.length, sha256, protocol, area, kept_at, data });
      while (this.memory.size > CYCLER_FILES_KEPT) this.memory.delete(this.memory.keys().next().value!);
      return { kept: this.info(id)! };
    }
    const db = this.db;
    const id = this.write(() => db.transaction(() => {
      const same = db.prepare('SELECT id FROM cycler_files WHERE name = ? AND sha256 = ?').get(name, sha256) as { id: string } | undefined;
      // review68: the order kept is the rowid's (the latest analysed the highest), not kept_at's: an entry analysed again
      // in the same millisecond as a newer file's (or after the clock stepped back) was listed, and dropped, as older
      if (same) {
        db.prepare('UPDATE cycler_files SET protocol = ?, area = ?, kept_at = ?, rowid = (SELECT MAX(rowid) + 1 FROM cycler_files) WHERE id = ?').run(protocol, area, kept_at, same.id);
        return same.id;
      }
      const fresh = `cyc-${randomBytes(6).toString('hex')}`;
      db.prepare('INSERT INTO cycler_files (id, name, bytes, sha256, protocol, area, kept_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(fresh, name, data.length, sha256, protocol, area, kept_at, data);
      db.prepare(`DELETE FROM cycler_files WHERE id NOT IN (SELECT id FROM cycler_files ORDER BY rowid DESC LIMIT ${CYCLER_FILES_KEPT})`).run();
      return fresh;
    }).immediate(), name);
    return { kept: this.info(id)! };
  }

  /** The kept files, the latest analysed first. */
  list(): CyclerFileInfo[] {
    if (!this.db) return [...this.memory.values()].reverse().map(({ id, name, bytes, kept_at, protocol, area }) => ({ id, name, bytes, kept_at, protocol, area }));
    return this.db.prepare(`SELECT ${INFO_COLS} FROM cycler_files ORDER BY rowid DESC`).all() as CyclerFileInfo[];
  }

  info(id: string): CyclerFileInfo | undefined {
    if (!CYCLER_FILE_ID.test(id)) return undefined;
    if (!this.db) { const r = this.memory.get(id); return r ? { id: r.id, name: r.name, bytes: r.bytes, kept_at: r.kept_at, protocol: r.protocol, area: r.area } : undefined; }
    return this.db.prepare(`SELECT ${INFO_COLS} FROM cycler_files WHERE id = ?`).get(id) as CyclerFileInfo | undefined;
  }

  /**
   * Writes kept file `id` into the folder `dir` (as upload.EXT, the extension of its name, as an upload is written) for
   * a reader: its path and entry; undefined for an id this server does not keep (unknownFileMessage says it).
   */
  writeTo(id: string, dir: string): { file: string; info: CyclerFileInfo } | undefined {
    const info = this.info(id);
    const data = info === undefined ? undefined : this.db ? (this.db.prepare('SELECT data FROM cycler_files WHERE id = ?').get(id) as { data: Buffer } | undefined)?.data : this.memory.get(id)?.data;
    if (!info || !data) return undefined;
    const file = join(dir, `upload${extname(info.name).toLowerCase().replace(/[^a-z0-9.]/g, '').slice(0, 10)}`);
    writeFileSync(file, data);
    return { file, info };
  }

  /** Deletes kept file `id`; whether there was one. */
  delete(id: string): boolean {
    if (!CYCLER_FILE_ID.test(id)) return false;
    if (!this.db) return this.memory.delete(id);
    return this.write(() => this.db!.prepare('DELETE FROM cycler_files WHERE id = ?').run(id).changes > 0);
  }

  /**
   * A write to the table: a store this user cannot write, or SQLite's refusal of the write (review68: its disk full,
   * locked by another program past the busy wait), in the store's words naming it (FileError: the Cycler route answers
   * the analysis and says the file is not kept; it was SQLite's error, a 500 and the analysis lost); a transaction's
   * write is rolled back whole, the files kept before stay as they were. `name`: the kept file's display name.
   */
  private write<T>(fn: () => T, name?: string): T {
    try { return fn(); } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (!/^SQLITE_/.test(code) || !(e instanceof Error)) throw e;
      const why = /^SQLITE_FULL/.test(code) ? 'the disk that holds it is full'
        : /^SQLITE_BUSY/.test(code) ? 'another program held the store locked for writing longer than the 15 s the server waits' : '';
      throw readOnlyStore(this.path ?? '', e) ?? new FileError(this.path ?? '', `cannot ${name === undefined ? 'delete the cycler file' : `keep the cycler file ${name}`}${why ? `: ${why}` : ''} ${sqliteWords(e)}; the files kept before are kept`);
    }
  }

  close(): void {
    if (this.db?.open) this.db.close();
  }
}

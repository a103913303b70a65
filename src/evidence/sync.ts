/**
 * Literature records in the store: the repository's data files are loaded into the store
 * (records whose file changed are replaced, records whose file was deleted are removed), and
 * imported records live next to them with origin "import:<file>".
 *
 * The two never share an id (one row per id): an import whose id is a review record's is refused
 * (until loose9 it replaced the review's record until the next sync, which then replaced the
 * user's and lost it), and a user record whose id a later review version takes is moved to a free
 * id by the sync, never overwritten.
 */
import { FileError } from '../errors.js';
import type { Store } from '../store/index.js';
import { recordHash } from './io.js';
import { loadLiterature, type LiteratureSet } from './records.js';
import type { LitRecord } from './schema.js';

export const DATA_ORIGIN = 'data:';
export const IMPORT_ORIGIN = 'import:';

/**
 * Where a record came from, in the words both `lit show` and the workbench's Evidence page use:
 * "review" (the repository's data), "user-supplied" (imported, with its own user_source) or
 * "imported" (imported through `lit import` but citing the review: a copy of a review record under
 * its own id). Until loose10 `lit show` printed "review section ..." for such a copy while the page
 * marked it imported.
 */
export type RecordOrigin = 'review' | 'user-supplied' | 'imported';

export function recordOrigin(r: Pick<LitRecord, 'source' | 'user_source'>): RecordOrigin {
  if (r.user_source) return 'user-supplied';
  return r.source?.startsWith(IMPORT_ORIGIN) ? 'imported' : 'review';
}

/** A free id for a user's record beside the review's: `<id>-own`, `<id>-own-2`, ... */
export function freeUserId(id: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const c = `${id}-own${n === 1 ? '' : '-' + n}`;
    if (!taken.has(c)) return c;
  }
}

export interface SyncReport { changed: number; removed: number; moved: Array<{ from: string; to: string; origin: string }> }

export function syncLiterature(store: Store, lit: LiteratureSet = loadLiterature()): SyncReport {
  const reviewIds = new Set(lit.records.map((r) => r.id));
  const stored = store.listLitRecords();
  const taken = new Set([...stored.map((s) => s.id), ...reviewIds]);
  // a user's record under an id the review now uses (a store written before loose9, or a review
  // record added since): moved to a free id first, so the review's record does not overwrite it
  const moved: SyncReport['moved'] = [];
  const moves = stored.filter((s) => !s.origin.startsWith(DATA_ORIGIN) && reviewIds.has(s.id)).map((s) => {
    const to = freeUserId(s.id, taken);
    taken.add(to);
    moved.push({ from: s.id, to, origin: s.origin });
    const data = { ...(s.data as LitRecord), id: to };
    return { id: to, name: s.name, metal: s.metal, data, origin: s.origin, hash: recordHash(data) };
  });
  if (moves.length) store.upsertLitRecords(moves);
  const changed = store.upsertLitRecords(lit.records.map((r) => ({
    id: r.id, name: r.name, metal: r.metal, data: r, origin: DATA_ORIGIN + (r.source ?? ''), hash: recordHash(r),
  })));
  const removed = store.pruneLitRecords(DATA_ORIGIN, lit.records.map((r) => r.id));
  return { changed, removed, moved };
}

export interface ImportReport { changed: number; updated: string[]; same_as_review: string[] }

/**
 * Stores a user's records. A record under a review record's id is refused in one line (nothing is
 * stored), unless it is the review's record unchanged (an export imported back): that one is
 * skipped. A record under the id of an earlier import is updated (its ids, if changed, in `updated`).
 */
export function importRecords(store: Store, records: LitRecord[], file: string): ImportReport {
  const stored = new Map(store.listLitRecords().map((s) => [s.id, s]));
  const same: string[] = [];
  const updated: string[] = [];
  const mine: LitRecord[] = [];
  // two records of one id in a file: the second replaced the first without a word
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) throw new FileError(file, `record id "${r.id}" appears twice; each record needs its own id`);
    seen.add(r.id);
  }
  for (const r of records) {
    const cur = stored.get(r.id);
    if (cur && cur.origin.startsWith(DATA_ORIGIN)) {
      if (cur.hash === recordHash(r)) { same.push(r.id); continue; }
      const taken = new Set([...stored.keys(), ...records.map((x) => x.id)]);
      throw new FileError(file, `record id "${r.id}" is the review's record ${cur.name}; an import never replaces the review's data: give yours another id, e.g. "${freeUserId(r.id, taken)}"`);
    }
    if (cur && cur.hash !== recordHash(r)) updated.push(r.id);
    mine.push(r);
  }
  const changed = store.upsertLitRecords(mine.map((r) => ({
    id: r.id, name: r.name, metal: r.metal, data: { ...r, source: `${IMPORT_ORIGIN}${file}` }, origin: `${IMPORT_ORIGIN}${file}`, hash: recordHash(r),
  })));
  return { changed, updated, same_as_review: same };
}

/** The records a user imported (origin "import:<file>"), read without syncing: what a read-only caller adds to the review's. */
export function importedRecords(store: Store): LitRecord[] {
  return store.listLitRecords().filter((s) => s.origin.startsWith(IMPORT_ORIGIN)).map((s) => s.data as LitRecord);
}

export function storedRecords(store: Store): LitRecord[] {
  return store.listLitRecords().map((s) => s.data as LitRecord);
}

/**
 * Literature records in the store: the repository's data files are loaded into the store
 * (records whose file changed are replaced, records whose file was deleted are removed), and
 * imported records live next to them with origin "import:<file>".
 */
import type { Store } from '../store/index.js';
import { recordHash } from './io.js';
import { loadLiterature, type LiteratureSet } from './records.js';
import type { LitRecord } from './schema.js';

export const DATA_ORIGIN = 'data:';

export function syncLiterature(store: Store, lit: LiteratureSet = loadLiterature()): { changed: number; removed: number } {
  const changed = store.upsertLitRecords(lit.records.map((r) => ({
    id: r.id, name: r.name, metal: r.metal, data: r, origin: DATA_ORIGIN + (r.source ?? ''), hash: recordHash(r),
  })));
  const removed = store.pruneLitRecords(DATA_ORIGIN, lit.records.map((r) => r.id));
  return { changed, removed };
}

export function importRecords(store: Store, records: LitRecord[], file: string): number {
  return store.upsertLitRecords(records.map((r) => ({
    id: r.id, name: r.name, metal: r.metal, data: { ...r, source: `import:${file}` }, origin: `import:${file}`, hash: recordHash(r),
  })));
}

export function storedRecords(store: Store): LitRecord[] {
  return store.listLitRecords().map((s) => s.data as LitRecord);
}

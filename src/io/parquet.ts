/**
 * Writing Parquet with hyparquet-writer (loaded on first use): the sweep results table
 * (sweep/results.ts) and BDF Parquet (cycler/bdf.ts). Columns are DOUBLE (null for a missing
 * value) or STRING, nullable; the file is written as it goes, one row group per `write`.
 */
export type ParquetCell = number | string | null;
export interface ParquetColumn { name: string; type: 'DOUBLE' | 'STRING' }

export interface ParquetSink {
  /** one row group: a column of values per column given to parquetSink, in that order */
  write(columns: ParquetCell[][]): Promise<void>;
  /** writes the footer; the file is complete */
  finish(): Promise<void>;
}

/** A Parquet file being written at `file` (created or overwritten) with these columns. */
export async function parquetSink(file: string, columns: ParquetColumn[]): Promise<ParquetSink> {
  const { ParquetWriter, fileWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const schema = schemaFromColumnData({ columnData: columns.map((c) => ({ name: c.name, data: [], type: c.type })) });
  const w = new ParquetWriter({ writer: fileWriter(file), schema, createdBy: 'sacplate' });
  return {
    async write(data) {
      const n = data[0]?.length ?? 0;
      if (n === 0) return;
      await w.write({ columnData: columns.map((c, i) => ({ name: c.name, data: data[i]! })), rowGroupSize: n });
    },
    async finish() { await w.finish(); },
  };
}

/** A whole table in one row group: DOUBLE where every value is a number or null, STRING otherwise. */
export async function writeParquetTable(file: string, names: string[], rows: (ParquetCell | undefined)[][]): Promise<void> {
  const data = names.map((_, i) => rows.map((r) => r[i] ?? null));
  const columns = names.map((name, i): ParquetColumn => ({ name, type: data[i]!.every((v) => v === null || typeof v === 'number') ? 'DOUBLE' : 'STRING' }));
  const sink = await parquetSink(file, columns);
  await sink.write(data.map((d, i) => (columns[i]!.type === 'DOUBLE' ? d : d.map((v) => (v === null ? null : String(v))))));
  await sink.finish();
}

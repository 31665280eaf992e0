// One export of a kept result, on a connection of its own: the same rows as shown (the grid's
// filters), in the order shown, read from the kept table (the user's SQL never runs again).
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { ExportFormat, SortKey } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';
import { arrowSchemaFor } from '../arrow/schema.ts';
import { chunkToRecordBatch } from '../arrow/chunk-to-batch.ts';
import { createJsonLinesWriter } from '../format/json-lines.ts';
import type { AboutInfo } from './about-sheet.ts';
import { writeAtomically } from '../files/atomic-file.ts';
import type { StoredColumn } from './copy-columns.ts';
import type { FilterSql } from '../results/filter-where.ts';
import { orderByKeys } from '../results/sort-order.ts';
import { stagedCopy } from './staged-copy.ts';
import { cancelledError, writeXlsx, type ExportSummary, type SheetSource } from './xlsx-writer.ts';

export interface KeptTable {
  /** Sheet name (XLSX). */
  name: string;
  relation: string;
  columns: readonly StoredColumn[];
  rowCount: number;
  /** The zone its TIMESTAMPTZ values are shown in. */
  timeZone: string;
  sort?: readonly SortKey[];
  /** The grid's filters as SQL (results/filter-where.ts); `rowCount` is then the rows they keep. */
  filter?: FilterSql;
}

export interface KeptExportRequest {
  format: ExportFormat;
  target: string;
  about: AboutInfo;
  signal: AbortSignal;
  onProgress?: (rowsWritten: number) => void;
  maxRowsPerSheet?: number;
}

/** The order of the grid (results/sort-order.ts). */
export function orderByOf(table: KeptTable): string {
  return `ORDER BY ${orderByKeys(table.sort ?? [], table.columns)}`;
}

async function* keptChunks(connection: DuckDBConnection, table: KeptTable, signal: AbortSignal): AsyncGenerator<DuckDBDataChunk> {
  const list = table.columns.map((c) => c.stored).join(', ');
  const result = await connection.stream(`SELECT ${list} FROM ${table.relation} ${table.filter?.where ?? ''} ${orderByOf(table)}`, table.filter?.params);
  for (;;) {
    if (signal.aborted) throw cancelledError();
    const chunk = await result.fetchChunk();
    // An interrupted stream ends with an empty chunk, like a finished one.
    if (signal.aborted) throw cancelledError();
    if (!chunk || chunk.rowCount === 0) return;
    yield chunk;
  }
}

export function sheetOf(connection: DuckDBConnection, table: KeptTable, signal: AbortSignal): SheetSource {
  return { name: table.name, columns: table.columns, timeZone: table.timeZone, chunks: keptChunks(connection, table, signal) };
}

async function writeJsonLines(connection: DuckDBConnection, table: KeptTable, request: KeptExportRequest): Promise<void> {
  const schema = arrowSchemaFor(table.columns, table.timeZone);
  const writer = createJsonLinesWriter(schema);
  await writeAtomically(request.target, async (file) => {
    let rows = 0;
    for await (const chunk of keptChunks(connection, table, request.signal)) {
      await file.write(writer.batch(chunkToRecordBatch(chunk, schema)));
      rows += chunk.rowCount;
      request.onProgress?.(rows);
    }
  });
}

/** Writes kept tables to `request.target` (several only for XLSX: one sheet each). */
export async function exportKeptTables(
  connection: DuckDBConnection,
  tables: readonly KeptTable[],
  request: KeptExportRequest,
): Promise<ExportSummary> {
  const onAbort = () => connection.interrupt();
  request.signal.addEventListener('abort', onAbort);
  try {
    const rows = tables.reduce((sum, t) => sum + t.rowCount, 0);
    const single = { rows, sheets: tables.map((t) => ({ name: t.name, rows: t.rowCount })), notices: [] };
    if (request.format === 'xlsx') {
      return await writeXlsx(
        tables.map((table) => sheetOf(connection, table, request.signal)),
        { target: request.target, about: request.about, signal: request.signal, onProgress: request.onProgress, maxRowsPerSheet: request.maxRowsPerSheet },
      );
    }
    const table = tables[0];
    if (!table || tables.length !== 1) throw new WorkbenchError({ code: 'parameter', message: 'Este formato grava um único resultado.' });
    if (request.format === 'json') await writeJsonLines(connection, table, request);
    else {
      const { relation, columns, filter } = table;
      await stagedCopy(connection, { relation, columns, ...(filter ? { filter } : {}), orderBy: orderByOf(table), dialect: request.format, target: request.target, signal: request.signal });
    }
    return single;
  } catch (error) {
    if (request.signal.aborted) throw cancelledError();
    throw error;
  } finally {
    request.signal.removeEventListener('abort', onAbort);
  }
}

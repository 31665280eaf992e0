// CSV, csv-br and Parquet through DuckDB's own COPY (the fastest path), from a relation the
// app made (a kept table), into DuckDB's private temp folder (0700, random name); Node then
// copies the file into place atomically, the CSV header line (guarded, like the values) and
// csv-br's BOM first. DuckDB is never given the user's destination.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { moveStagedIntoPlace } from '../files/atomic-file.ts';
import { copyNames, copyOptions, copySelectList, type CopyDialect, type StoredColumn } from './copy-columns.ts';
import type { FilterSql } from '../results/filter-where.ts';
import { csvHeader } from '../format/csv.ts';

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The engine's private temp folder: the one place the sandbox lets DuckDB write. */
export async function stagingFolder(connection: DuckDBConnection): Promise<string> {
  const reader = await connection.runAndReadAll(`SELECT current_setting('temp_directory')`);
  const folder = reader.getRows()[0]?.[0];
  if (typeof folder !== 'string' || !path.isAbsolute(folder)) throw new Error('A pasta temporária do motor não está configurada.');
  return folder;
}

export interface StagedCopyRequest {
  /** `schema.table` made by the app, never user text. */
  relation: string;
  columns: readonly StoredColumn[];
  /** The rows to keep, its values bound as parameters (results/filter-where.ts). */
  filter?: FilterSql;
  /** e.g. `ORDER BY rowid`. */
  orderBy: string;
  dialect: CopyDialect;
  target: string;
  /** Checked once DuckDB is done, before the file moves into place. */
  signal?: AbortSignal;
}

/** What goes before DuckDB's rows: nothing for Parquet; for CSV the header line, BOM first in csv-br. */
function headerOf(request: StagedCopyRequest): Uint8Array | undefined {
  if (request.dialect === 'parquet') return undefined;
  const brazilian = request.dialect === 'csv-br';
  return Buffer.from(csvHeader(copyNames(request.columns), { separator: brazilian ? ';' : ',', brazilian, guardFormulas: true }), 'utf8');
}

export async function stagedCopy(connection: DuckDBConnection, request: StagedCopyRequest): Promise<void> {
  const folder = await stagingFolder(connection);
  const extension = request.dialect === 'parquet' ? 'parquet' : 'csv';
  const staged = path.join(folder, `export-${randomUUID()}.${extension}`);
  try {
    const select = `SELECT ${copySelectList(request.columns, request.dialect)} FROM ${request.relation} ${request.filter?.where ?? ''} ${request.orderBy}`;
    await connection.run(`COPY (${select}) TO ${sqlString(staged)} (${copyOptions(request.dialect, request.columns)})`, request.filter?.params);
    if (request.signal?.aborted) throw new WorkbenchError({ code: 'cancelled', message: 'Exportação cancelada.' });
    await moveStagedIntoPlace(staged, request.target, headerOf(request));
  } finally {
    await fs.rm(staged, { force: true });
  }
}

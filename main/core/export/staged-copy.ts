// CSV, csv-br and Parquet through DuckDB's own COPY (the fastest path), from a relation the
// app made (a kept table), into DuckDB's app-private temp folder; Node then moves the file
// into place atomically. DuckDB is never given the user's destination.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api.ts';
import { moveStagedIntoPlace } from './atomic-file.ts';
import { copyOptions, copySelectList, type CopyDialect, type StoredColumn } from './copy-columns.ts';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

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
  /** e.g. `ORDER BY rowid`. */
  orderBy: string;
  dialect: CopyDialect;
  target: string;
  /** Checked once DuckDB is done, before the file moves into place. */
  signal?: AbortSignal;
}

export async function stagedCopy(connection: DuckDBConnection, request: StagedCopyRequest): Promise<void> {
  const folder = await stagingFolder(connection);
  const extension = request.dialect === 'parquet' ? 'parquet' : 'csv';
  const staged = path.join(folder, `export-${randomUUID()}.${extension}`);
  try {
    const select = `SELECT ${copySelectList(request.columns, request.dialect)} FROM ${request.relation} ${request.orderBy}`;
    await connection.run(`COPY (${select}) TO ${sqlString(staged)} (${copyOptions(request.dialect)})`);
    if (request.signal?.aborted) throw new WorkbenchError({ code: 'cancelled', message: 'Exportação cancelada.' });
    await moveStagedIntoPlace(staged, request.target, request.dialect === 'csv-br' ? BOM : undefined);
  } finally {
    await fs.rm(staged, { force: true });
  }
}
